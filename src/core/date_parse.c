/* date_parse.c — the absolute date forms of news metadata and running text.
 *
 * A small hand-written recursive-descent reader rather than a regex engine:
 * it runs at every candidate token of every sentence, so it must reject a
 * non-date in a few byte comparisons and never allocate. Each reader below
 * consumes one component (a digit run, a word, a separator) and the forms are
 * tried from the first byte's class, so at most a handful of branches run.
 *
 * Digit runs and words are always read whole: "123456" is never a 4-digit
 * year followed by junk, and "Decembers" is not "December". */
#include "core/date.h"

#include <ctype.h>
#include <string.h>

typedef struct cur {
    const char *s;
    size_t n, i;
} cur;

static int peek(const cur *c) { return c->i < c->n ? (unsigned char)c->s[c->i] : -1; }
static int peek_at(const cur *c, size_t k) { return c->i + k < c->n ? (unsigned char)c->s[c->i + k] : -1; }
static bool is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static bool is_alpha(int ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static bool is_upper(int ch) { return ch >= 'A' && ch <= 'Z'; }

/* Spaces inside one date: blanks, a no-break space, at most one line break
 * (scraped text wraps lines; a blank line ends the date). */
static size_t skip_spaces(cur *c)
{
    size_t start = c->i;
    int newlines = 0;
    for (;;) {
        int ch = peek(c);
        if (ch == ' ' || ch == '\t' || ch == '\r') c->i++;
        else if (ch == '\n' && !newlines) c->i++, newlines++;
        else if (ch == 0xC2 && peek_at(c, 1) == 0xA0) c->i += 2;
        else break;
    }
    return c->i - start;
}

/* A whole run of digits of length min..max, as a number; false (cursor kept) otherwise. */
static bool read_number(cur *c, int min, int max, int *out)
{
    size_t j = c->i;
    int v = 0;
    while (j < c->n && is_digit((unsigned char)c->s[j])) {
        if (j - c->i >= 9) return false;
        v = v * 10 + (c->s[j] - '0');
        j++;
    }
    size_t len = j - c->i;
    if (len < (size_t)min || len > (size_t)max) return false;
    c->i = j;
    *out = v;
    return true;
}

/* A whole run of ASCII letters, plus a trailing period when abbrev says so;
 * returns its length (0 if none), cursor after it. */
static size_t read_word(cur *c, bool abbrev)
{
    size_t j = c->i;
    while (j < c->n && is_alpha((unsigned char)c->s[j])) j++;
    if (j == c->i || (j < c->n && (is_digit((unsigned char)c->s[j]) || (unsigned char)c->s[j] >= 0x80)))
        return 0;
    if (abbrev && j < c->n && c->s[j] == '.') j++;
    size_t len = j - c->i;
    c->i = j;
    return len;
}

static bool read_char(cur *c, int ch)
{
    if (peek(c) != ch) return false;
    c->i++;
    return true;
}

/* "st", "nd", "rd", "th" right after a day number (17th, 1ST). */
static void skip_ordinal(cur *c)
{
    int a = peek(c) | 0x20, b = peek_at(c, 1) | 0x20;
    bool ord = (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
    if (ord && !is_alpha(peek_at(c, 2)) && !is_digit(peek_at(c, 2))) c->i += 2;
}

static int read_month_name(cur *c)
{
    size_t save = c->i;
    size_t len = read_word(c, true);
    int m = len ? date_month_from_name(c->s + save, len) : 0;
    if (!m) {
        c->i = save;
        return 0;
    }
    /* the period after a full name ends the sentence, not the word: "in
     * December." (full names are 5+ letters, or May, June, July) */
    size_t letters = len - (c->s[c->i - 1] == '.');
    if (letters < len && (letters >= 5 || m == 5 || m == 6 || m == 7)) c->i--;
    return m;
}

/* A four-digit year after optional "," and spaces; cursor kept when absent. */
static bool read_year_after(cur *c, int *y)
{
    size_t save = c->i;
    read_char(c, ',');
    skip_spaces(c);
    if (read_number(c, 4, 4, y)) return true;
    c->i = save;
    return false;
}

/* --- times of day, consumed with the date -------------------------------- */

/* "AM", "pm", "a.m.", "P.M." */
static bool read_meridiem(cur *c)
{
    size_t save = c->i;
    int a = peek(c) | 0x20;
    if (a != 'a' && a != 'p') return false;
    c->i++;
    read_char(c, '.');
    if ((peek(c) | 0x20) != 'm') { c->i = save; return false; }
    c->i++;
    read_char(c, '.');
    if (is_alpha(peek(c)) || is_digit(peek(c))) { c->i = save; return false; }
    return true;
}

/* Z, +05:00, -0500, or an upper-case zone abbreviation: UTC, or 2–5 letters
 * ending in T (GMT, IST, PKT, EST, CEST), optionally in parentheses. */
static bool read_zone(cur *c)
{
    size_t save = c->i;
    int ch = peek(c);
    if (ch == 'Z' && !is_alpha(peek_at(c, 1))) { c->i++; return true; }
    if ((ch == '+' || ch == '-') && is_digit(peek_at(c, 1))) {
        int h, mnt;
        c->i++;
        if (read_number(c, 2, 2, &h)) {
            if (read_char(c, ':') && !read_number(c, 2, 2, &mnt)) { c->i = save; return false; }
            return true;
        }
        if (read_number(c, 4, 4, &h)) return true;
        c->i = save;
        return false;
    }
    bool paren = read_char(c, '(');
    size_t w = c->i, len = read_word(c, false);
    bool ok = len >= 2 && len <= 5;
    for (size_t k = 0; ok && k < len; k++) ok = is_upper((unsigned char)c->s[w + k]);
    ok = ok && (c->s[w + len - 1] == 'T' || (len == 3 && !memcmp(c->s + w, "UTC", 3)));
    if (ok && paren && !read_char(c, ')')) ok = false;
    if (!ok) c->i = save;
    return ok;
}

/* H:MM[:SS[.frac]] [AM|PM] [zone], or H AM|PM. */
static bool read_clock(cur *c)
{
    size_t save = c->i;
    int h, mnt, sec;
    if (!read_number(c, 1, 2, &h) || h > 24) { c->i = save; return false; }
    if (read_char(c, ':')) {
        if (!read_number(c, 2, 2, &mnt) || mnt > 59) { c->i = save; return false; }
        size_t s2 = c->i;
        if (read_char(c, ':') && !read_number(c, 2, 2, &sec)) c->i = s2;
        if (c->i > s2 && peek(c) == '.' && is_digit(peek_at(c, 1))) {
            c->i++;
            while (is_digit(peek(c))) c->i++;
        }
        size_t s3 = c->i;
        skip_spaces(c);
        if (!read_meridiem(c)) c->i = s3;
    } else {
        skip_spaces(c);
        if (h > 12 || !read_meridiem(c)) { c->i = save; return false; }
    }
    size_t s4 = c->i;
    if (peek(c) != 'Z' && peek(c) != '+' && peek(c) != '-') skip_spaces(c);
    if (!read_zone(c)) c->i = s4;
    return true;
}

/* A time after a date: "T07:59:00Z", " 12:07 PM IST", ", 8:24 AM",
 * " at 15:02", " - 07:59 GMT". Nothing is consumed unless a time follows. */
static void skip_time(cur *c)
{
    size_t save = c->i;
    if (peek(c) == 'T' && is_digit(peek_at(c, 1))) {
        c->i++;
        if (read_clock(c)) return;
        c->i = save;
        return;
    }
    read_char(c, ',');
    skip_spaces(c);
    if ((peek(c) == '-' || peek(c) == '|') && (peek_at(c, 1) == ' ')) {
        c->i++;
        skip_spaces(c);
    } else if ((peek(c) | 0x20) == 'a' && (peek_at(c, 1) | 0x20) == 't' && peek_at(c, 2) == ' ') {
        c->i += 2;
        skip_spaces(c);
    }
    if (c->i > save && read_clock(c)) return;
    c->i = save;
}

/* --- the date forms -------------------------------------------------------- */

/* Day-first "17/12/2014", "17.12.2014", "17-12-2014"; month-first when the
 * second field cannot be a month (12/17/2014). Two-digit years only with
 * slashes (12/17/14), where version numbers and decimals do not look alike. */
static bool numeric_dmy(cur *c, int a, date *out)
{
    int sep = peek(c);
    if (sep != '/' && sep != '.' && sep != '-') return false;
    size_t save = c->i;
    int b, y;
    c->i++;
    if (!read_number(c, 1, 2, &b) || !read_char(c, sep)) { c->i = save; return false; }
    if (read_number(c, 4, 4, &y)) {
    } else if (sep == '/' && read_number(c, 2, 2, &y)) {
        y += y < 70 ? 2000 : 1900;
    } else {
        c->i = save;
        return false;
    }
    /* "1.2.3.4" or "10/11/12/13" are not dates */
    if ((peek(c) == sep || peek(c) == '.') && is_digit(peek_at(c, 1))) { c->i = save; return false; }
    date d = {(int16_t)y, (int8_t)b, (int8_t)a};
    if (b > 12 && a <= 12) d = (date){(int16_t)y, (int8_t)a, (int8_t)b};
    if (!date_valid(d)) { c->i = save; return false; }
    *out = d;
    return true;
}

/* "26-FEB-1987", "26-Feb-87" */
static bool numeric_dash_month(cur *c, int a, date *out)
{
    size_t save = c->i;
    int y;
    if (!read_char(c, '-')) return false;
    int m = read_month_name(c);
    if (!m || !read_char(c, '-')) { c->i = save; return false; }
    if (read_number(c, 4, 4, &y)) {
    } else if (read_number(c, 2, 2, &y)) {
        y += y < 70 ? 2000 : 1900;
    } else {
        c->i = save;
        return false;
    }
    date d = {(int16_t)y, (int8_t)m, (int8_t)a};
    if (!date_valid(d)) { c->i = save; return false; }
    *out = d;
    return true;
}

/* "17 December 2014", "17th Dec. 2014", "17 of December, 2014"; with
 * DATE_NO_YEAR also "16 December" (y = 0). */
static bool day_month(cur *c, int a, int flags, date *out)
{
    size_t save = c->i;
    skip_ordinal(c);
    if (!skip_spaces(c)) { c->i = save; return false; }
    size_t of = c->i;
    if (read_word(c, false) == 2 && (c->s[of] | 0x20) == 'o' && (c->s[of + 1] | 0x20) == 'f' && skip_spaces(c)) {
    } else {
        c->i = of;
    }
    int m = read_month_name(c), y = 0;
    if (!m || a < 1 || a > 31) { c->i = save; return false; }
    size_t after_month = c->i;
    if (!read_year_after(c, &y)) {
        c->i = after_month;
        if (!(flags & DATE_NO_YEAR) || a > date_days_in_month(2000, m)) { c->i = save; return false; }
        *out = (date){0, (int8_t)m, (int8_t)a};
        return true;
    }
    date d = {(int16_t)y, (int8_t)m, (int8_t)a};
    if (!date_valid(d)) { c->i = save; return false; }
    *out = d;
    return true;
}

/* Starts with digits: ISO, compact, day-first numeric, or day-month-name. */
static bool numeric_date(cur *c, int flags, date *out)
{
    size_t save = c->i;
    int a, m, d;
    if (read_number(c, 4, 4, &a)) {          /* 2014-12-17, 2014/12/17 */
        int sep = peek(c);
        if ((sep == '-' || sep == '/' || sep == '.') && (c->i++, read_number(c, 1, 2, &m)) && read_char(c, sep) &&
            read_number(c, 1, 2, &d)) {
            date r = {(int16_t)a, (int8_t)m, (int8_t)d};
            if (date_valid(r)) { *out = r; return true; }
        }
        c->i = save;
        return false;
    }
    if (read_number(c, 8, 8, &a)) {          /* 20141217: only plausible modern dates */
        date r = {(int16_t)(a / 10000), (int8_t)(a / 100 % 100), (int8_t)(a % 100)};
        if (r.y >= 1900 && r.y < 2100 && date_valid(r)) { *out = r; return true; }
        c->i = save;
        return false;
    }
    if (!read_number(c, 1, 2, &a)) return false;
    if (numeric_dmy(c, a, out) || numeric_dash_month(c, a, out) || day_month(c, a, flags, out)) return true;
    c->i = save;
    return false;
}

/* Starts with a month name: "December 17, 2014", "Dec. 17 2014",
 * "December 17th", "December 2014", "December, 2014". */
static bool month_first(cur *c, int flags, date *out)
{
    size_t save = c->i;
    int m = read_month_name(c), day = 0, y = 0;
    if (!m) return false;
    /* "Dec.17" has no space after the abbreviation's period */
    bool spaced = skip_spaces(c) || c->s[c->i - 1] == '.';
    size_t before_num = c->i;
    if (spaced && read_number(c, 4, 4, &y)) {
        date r = {(int16_t)y, (int8_t)m, 0};
        if (date_valid(r)) { *out = r; return true; }
    }
    c->i = before_num;
    if (peek(c) == ',' && read_year_after(c, &y)) {
        date r = {(int16_t)y, (int8_t)m, 0};
        if (date_valid(r)) { *out = r; return true; }
    }
    c->i = before_num;
    if (!spaced || !read_number(c, 1, 2, &day) || day < 1 || day > 31) { c->i = save; return false; }
    skip_ordinal(c);
    size_t after_day = c->i;
    if (read_year_after(c, &y)) {
        date r = {(int16_t)y, (int8_t)m, (int8_t)day};
        if (date_valid(r)) { *out = r; return true; }
    }
    c->i = after_day;
    if ((flags & DATE_NO_YEAR) && day <= date_days_in_month(2000, m)) {
        *out = (date){0, (int8_t)m, (int8_t)day};
        return true;
    }
    c->i = save;
    return false;
}

static bool any_date(cur *c, int flags, date *out)
{
    int ch = peek(c);
    if (is_digit(ch)) return numeric_date(c, flags, out);
    if (!is_alpha(ch)) return false;
    if (month_first(c, flags, out)) return true;

    /* "Wednesday, December 17, 2014", "Wed, 17 Dec 2014": the weekday only
     * introduces a date; alone it is not one (the times step reads it). */
    size_t save = c->i, len = read_word(c, true);
    if (!len || date_weekday_from_name(c->s + save, len) < 0) { c->i = save; return false; }
    read_char(c, ',');
    skip_spaces(c);
    ch = peek(c);
    if ((is_digit(ch) && numeric_date(c, flags, out)) || (is_alpha(ch) && month_first(c, flags, out))) return true;
    c->i = save;
    return false;
}

size_t date_parse_opts(const char *s, size_t n, int flags, date *out)
{
    cur c = {s, n, 0};
    date d;
    if (!s || !any_date(&c, flags, &d)) return 0;
    if (!(flags & DATE_NO_TIME)) skip_time(&c);
    *out = d;
    return c.i;
}

size_t date_parse(const char *s, size_t n, date *out) { return date_parse_opts(s, n, 0, out); }

/* --- dates a user types as filters ------------------------------------------ */

static int digits(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)p[i])) return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, the forms the store keeps. */
static bool iso_date(const char *t, date *d)
{
    size_t n = strlen(t);
    if (n != 4 && n != 7 && n != 10) return false;
    int y = digits(t, 4);
    int m = n >= 7 && t[4] == '-' ? digits(t + 5, 2) : n >= 7 ? -1 : 0;
    int dd = n == 10 && t[7] == '-' ? digits(t + 8, 2) : n == 10 ? -1 : 0;
    if (y < 0 || m < 0 || dd < 0) return false;
    *d = (date){(int16_t)y, (int8_t)m, (int8_t)dd};
    return date_valid(*d) && (n < 7 || m > 0) && (n < 10 || dd > 0);
}

int date_filter(const char *text, char *out, size_t cap)
{
    date d = {0};
    size_t n = strlen(text);
    if (!iso_date(text, &d)) {      /* else a written date: "Dec 17, 2014" */
        size_t used = date_parse(text, n, &d);
        while (used && used < n && isspace((unsigned char)text[used])) used++;
        if (used == 0 || used != n || !date_valid(d)) return -1;
    }
    return date_format(d, out, cap) > 0 ? 0 : -1;
}
