/* numbers.c — a number as news writes it, read from tokens.
 *
 * Digits ("3,500", "106.9", "1,00,000", "1.13bn", "7,000-8,000"), words ("nine",
 * "twenty-six", "one hundred and twenty", "a dozen"), vague quantities
 * ("dozens", "tens of thousands"), with what may surround them: a scale
 * ("1.5 million", "5 lakh"), a currency before or after ("$", "Rs", "US$",
 * "13.5 billion dlrs"), a percent sign or word ("55 pct"), a range ("7,000 to
 * 8,000", "between 7,000 and 8,000") and approximation ("more than 300",
 * "20-odd"). The words are in data/nlp/numbers.txt and currencies.txt; whether
 * the number is a figure at all (not a date, an age or a label) is decided in
 * figures.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/figures_internal.h"

/* --- the words of numbers.txt ------------------------------------------------ */

/* Digits with an optional fraction and exponent ("3500", "106.9", "1e6"), the
 * only forms the tables and number tokens hold; strtod() would cost more than
 * the rest of reading a number. Mantissas beyond 18 digits lose precision. */
static double parse_decimal(const char *s, size_t n)
{
    uint64_t mant = 0;
    int scale = 0, digits = 0;
    size_t i = 0;
    bool frac = false;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.' && !frac) { frac = true; continue; }
        if (c < '0' || c > '9') break;
        if (digits < 18) {
            mant = mant * 10 + (uint64_t)(c - '0');
            if (mant) digits++;
            if (frac) scale--;
        } else if (!frac) {
            scale++;
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int e = 0;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) e = e * 10 + (s[i] - '0');
        scale += e;
    }
    double v = (double)mant;
    if (scale < 0) return v / pow(10, -scale);
    return scale > 0 ? v * pow(10, scale) : v;
}

static double parse_cstr(const char *s) { return parse_decimal(s, strlen(s)); }

enum nkind { NK_NONE, NK_NUMBER, NK_SCALE, NK_VAGUE, NK_OTHER };

static enum nkind number_kind(const char *v, double *x)
{
    if (!v) return NK_NONE;
    if (*v >= '0' && *v <= '9') { *x = parse_cstr(v); return NK_NUMBER; }
    if (*v == '*') { *x = parse_cstr(v + 1); return NK_SCALE; }
    if (*v == '~') { *x = parse_cstr(v + 1); return NK_VAGUE; }
    return NK_OTHER;
}

static enum nkind word_kind(const figures_res *r, const char *s, size_t n, double *x)
{
    return number_kind(table_get(&r->numbers, s, n), x);
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static bool is_article_word(const window *w, uint32_t i)
{
    size_t n = tok_len(w, i);
    const char *s = tok_text(w, i);
    return (n == 1 && lower(s[0]) == 'a') || (n == 2 && lower(s[0]) == 'a' && lower(s[1]) == 'n');
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Where the digits start in a word token such as "Rs5bn" (1..3), or 0. */
static size_t glued_digits(const char *s, size_t n)
{
    for (size_t k = 1; k < n && k <= 3; k++)
        if (is_digit(s[k])) return k;
    return 0;
}

bool number_after_article(const figures_res *r, const window *w, uint32_t i)
{
    double x;
    return i + 1 < w->hi && number_kind(tok_get(&r->numbers, w, i + 1), &x) == NK_SCALE;
}

/* --- digits ------------------------------------------------------------------- */

/* The number at the start of s: "3,500" "106.9" "1,00,000"; *used = bytes read,
 * stopping before a hyphen or a letter. False for dates, times and codes
 * ("12/16", "10:30", "007"). */
static bool digits_part(const char *s, size_t n, double *v, size_t *used)
{
    char buf[48];
    size_t b = 0, i = 0;
    bool dot = false;
    if (n >= 2 && s[0] == '0' && is_digit(s[1])) return false;
    while (i < n) {
        char c = s[i];
        if (is_digit(c)) {
            if (b + 2 >= sizeof buf) return false;
            buf[b++] = c;
            i++;
        } else if (c == ',' && !dot) {
            size_t g = 0;   /* digits in the group: 3, or 2 in Indian grouping (1,00,000) */
            while (i + 1 + g < n && is_digit(s[i + 1 + g])) g++;
            if (g != 2 && g != 3) return false;
            i++;
        } else if (c == '.' && !dot && i + 1 < n && is_digit(s[i + 1])) {
            dot = true;
            buf[b++] = '.';
            i++;
        } else if (c == '/' || c == ':' || c == '.' || c == ',') {
            return false;
        } else {
            break;
        }
    }
    if (b == 0) return false;
    buf[b] = '\0';
    *v = parse_decimal(buf, b);
    *used = i;
    return true;
}

static bool year_digits(double v, size_t len) { return len == 4 && v >= 1800 && v <= 2100; }

/* A number in digits with what is glued to it: a scale suffix ("1.13bn",
 * "£600m": one-letter scales only for money) or a second number after a
 * hyphen ("7,000-8,000", not "2004-05"). *scale is the multiplier applied. */
static bool digits_value(const figures_res *r, const char *s, size_t n, bool money,
                         double *v, double *high, double *scale)
{
    size_t used, used2;
    *high = NAN;
    *scale = 1;
    if (!digits_part(s, n, v, &used)) return false;
    if (used == n) return true;
    if (s[used] == '-') {
        double h;
        if (!digits_part(s + used + 1, n - used - 1, &h, &used2) || used + 1 + used2 != n) return false;
        if (!(h > *v) || (year_digits(*v, used) && (used2 <= 2 || year_digits(h, used2)))) return false;
        *high = h;
        return true;
    }
    double x;
    if (word_kind(r, s + used, n - used, &x) != NK_SCALE) return false;
    if (n - used == 1 && !money) return false;
    *v *= x;
    *scale = x;
    return true;
}

/* --- words -------------------------------------------------------------------- */

/* Adds one number word or scale to a running total; false when it cannot
 * continue the number ("five six"). */
typedef struct wordsum { double total, cur, last; int last_kind; } wordsum;

static bool wordsum_add(wordsum *ws, enum nkind k, double x)
{
    if (k == NK_NUMBER) {
        if (ws->last_kind == NK_NUMBER && !(ws->last >= 20 && fmod(ws->last, 10) == 0 && x < 10)) return false;
        ws->cur += x;
    } else if (k == NK_SCALE) {
        if (ws->last_kind == NK_NONE) return false;
        if (x < 1000) {
            ws->cur = (ws->cur ? ws->cur : 1) * x;
        } else {
            ws->total += (ws->cur ? ws->cur : 1) * x;
            ws->cur = 0;
        }
    } else {
        return false;
    }
    ws->last_kind = k;
    ws->last = x;
    return true;
}

/* One word token, hyphenated parts included ("twenty-six"); false if any part
 * is not a number word or a spelled-out scale. */
static bool word_token_add(const figures_res *r, const window *w, uint32_t j, wordsum *ws)
{
    const char *s = tok_text(w, j);
    size_t n = tok_len(w, j);
    wordsum trial = *ws;
    for (size_t p = 0; p < n;) {
        size_t q = p;
        while (q < n && s[q] != '-') q++;
        double x;
        enum nkind k = word_kind(r, s + p, q - p, &x);
        if (q - p < 2 || !wordsum_add(&trial, k, x)) return false;
        p = q + 1;
    }
    *ws = trial;
    return true;
}

static bool word_is(const window *w, uint32_t i, const char *s)
{
    size_t n = strlen(s);
    if (i < w->lo || i >= w->hi || tok_len(w, i) != n) return false;
    const char *t = tok_text(w, i);
    for (size_t k = 0; k < n; k++)
        if (lower((unsigned char)t[k]) != s[k]) return false;
    return true;
}

/* A number in words from token i: "nine", "twenty-six", "one hundred and
 * twenty", "a dozen", "two million". *end is the token after it. */
static bool words_value(const figures_res *r, const window *w, uint32_t i, double *v, uint32_t *end)
{
    wordsum ws = {0, 0, 0, NK_NONE};
    uint32_t j = i;
    if (is_article_word(w, i)) {   /* "a dozen", "a million" */
        ws.cur = 1;
        ws.last_kind = NK_NUMBER;
        ws.last = 1;
        j++;
    }
    for (; j < w->hi; j++) {
        if (!(tok_at(w, j)->flags & TF_WORD)) break;
        if (j > i && ws.last_kind == NK_SCALE && tok_len(w, j) == 3 && !strncmp(tok_text(w, j), "and", 3) &&
            j + 1 < w->hi && (tok_at(w, j + 1)->flags & TF_WORD)) {
            wordsum trial = ws;
            if (word_token_add(r, w, j + 1, &trial) && trial.last_kind == NK_NUMBER) {
                ws = trial;
                j++;
                continue;
            }
            break;
        }
        if (!word_token_add(r, w, j, &ws)) break;
    }
    if (j == i || (j == i + 1 && is_article_word(w, i))) return false;
    *v = ws.total + ws.cur;
    /* "one point three": a decimal read aloud */
    if (j + 1 < w->hi && word_is(w, j, "point") && ws.total == 0 && ws.cur < 100) {
        double frac = 0, place = 0.1, x;
        uint32_t k = j + 1;
        while (k < w->hi && word_kind(r, tok_text(w, k), tok_len(w, k), &x) == NK_NUMBER && x < 10) {
            frac += x * place;
            place /= 10;
            k++;
        }
        if (k > j + 1) {
            *v += frac;
            j = k;
        }
    }
    *end = j;
    return true;
}

/* --- currency, percent, range, approximation ------------------------------------ */

static bool place_fits(const char *v, const char *place)
{
    const char *sp = strchr(v, ' ');
    if (!sp) return false;
    sp++;
    return field_is(sp, "both") || field_is(sp, place);
}

/* The factor of a currency entry ("cents" → 0.01), 1 when none. */
static double currency_factor(const char *v)
{
    const char *sp = strchr(v, ' ');
    if (sp) sp = strchr(sp + 1, ' ');
    return sp ? parse_cstr(sp + 1) : 1;
}

/* A code written as a word must be in capitals: "TRY 5" is money, "try 5" is not. */
static bool currency_case_ok(const window *w, uint32_t i, uint32_t n, const char *v)
{
    const char *sp = strchr(v, ' ');
    size_t len = sp ? (size_t)(sp - v) : strlen(v);
    if (n != 1 || tok_len(w, i) != len || (tok_at(w, i)->flags & TF_UPPER)) return true;
    return strncasecmp(tok_text(w, i), v, len) != 0;
}

static void set_currency(quantity *q, const char *v)
{
    q->currency = v;
    const char *sp = strchr(v, ' ');
    q->currency_len = sp ? (size_t)(sp - v) : strlen(v);
}


/* The number itself, in digits or words, with a scale after it. */
static bool number_read(const figures_res *r, const window *w, uint32_t i, quantity *q,
                        double *scale, uint32_t *end)
{
    const token *t = tok_at(w, i);
    const char *s = tok_text(w, i);
    size_t n = tok_len(w, i);
    uint32_t j = i + 1, k;
    double x;
    *scale = 1;
    if (t->flags & TF_NUM) {
        if (!digits_value(r, s, n, q->currency != NULL, &q->value, &q->high, scale)) return false;
        q->yearlike = *scale == 1 && isnan(q->high) && year_digits(q->value, n);
    } else if ((k = (uint32_t)glued_digits(s, n)) != 0) {   /* "Rs5bn" */
        const char *cv = table_get(&r->currencies, s, k);
        if (!cv || !place_fits(cv, "pre")) return false;
        set_currency(q, cv);
        if (!digits_value(r, s + k, n - k, true, &q->value, &q->high, scale)) return false;
    } else if (number_kind(phrase_fwd(&r->numbers, w, i, 3, &k), &x) == NK_VAGUE) {
        q->value = x;
        q->approx = true;
        q->in_words = true;
        *end = i + k;
        return true;
    } else if (words_value(r, w, i, &q->value, &j)) {
        q->in_words = true;
        *end = j;
        return true;
    } else {
        return false;
    }
    /* Spelled-out scales after digits: "1.5 million", "3 billion", "5 lakh". */
    while (j < w->hi && tok_len(w, j) > 1 && word_kind(r, tok_text(w, j), tok_len(w, j), &x) == NK_SCALE) {
        q->value *= x;
        if (!isnan(q->high)) q->high *= x;
        *scale *= x;
        q->yearlike = false;
        j++;
    }
    *end = j;
    return true;
}

/* One number with its currency or percent: "$106.9 billion", "13.5 billion dlrs", "65%". */
static bool simple_read(const figures_res *r, const window *w, uint32_t i, quantity *q, double *scale)
{
    memset(q, 0, sizeof *q);
    q->first = i;
    q->high = NAN;
    uint32_t n = 0, j;
    const char *cv = phrase_back(&r->currencies, w, i, 3, &n);
    if (cv && place_fits(cv, "pre") && currency_case_ok(w, i - n, n, cv)) {
        set_currency(q, cv);
        q->first = i - n;
    }
    if (!number_read(r, w, i, q, scale, &j)) return false;
    /* "millions of dollars", "hundreds of thousands of rupees" */
    if (q->in_words && word_is(w, j, "of") && (cv = phrase_fwd(&r->currencies, w, j + 1, 3, &n)) != NULL &&
        place_fits(cv, "post"))
        j++;
    if (!q->currency) {
        cv = phrase_fwd(&r->currencies, w, j, 3, &n);
        if (cv && place_fits(cv, "post") && currency_case_ok(w, j, n, cv)) {
            set_currency(q, cv);
            j += n;
        }
    }
    if (!q->currency && field_is(phrase_fwd(&r->numbers, w, j, 2, &n), "percent")) {
        q->percent = true;
        j += n;
    }
    if (q->currency) {
        double f = currency_factor(q->currency);
        q->value *= f;
        if (!isnan(q->high)) q->high *= f;
        q->yearlike = false;
    }
    if (q->percent) q->yearlike = false;
    q->end = j;
    return true;
}


static bool is_dash(const window *w, uint32_t i)
{
    if (tok_is(w, i, '-')) return true;
    /* – and — are three bytes: E2 80 93 / E2 80 94 */
    const char *s = tok_text(w, i);
    return i < w->hi && tok_len(w, i) == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
           ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94);
}

/* "7,000 to 8,000", "between 7,000 and 8,000", "5 to 6 billion", "$5-$6bn". */
static void range_read(const figures_res *r, const window *w, quantity *q, double scale, bool between)
{
    uint32_t j = q->end;
    if (j >= w->hi || q->yearlike) return;
    if (!(word_is(w, j, "to") || is_dash(w, j) || (between && word_is(w, j, "and")))) return;
    uint32_t k = j + 1, n;
    const char *cv = phrase_fwd(&r->currencies, w, k, 2, &n);
    if (cv && place_fits(cv, "pre")) k += n;
    quantity q2;
    double scale2;
    if (k >= w->hi || !number_may_start(r, w, k) || !simple_read(r, w, k, &q2, &scale2)) return;
    if (q2.first != j + 1 || q2.yearlike || !isnan(q2.high)) return;
    /* "rose 2% to $11.1bn" is a change, not a range: the units must agree */
    if ((q->percent && !q2.percent) || (q->currency && q2.currency && strcmp(q->currency, q2.currency) != 0)) return;
    double v = q->value;
    if (scale == 1 && scale2 > 1 && v * scale2 <= q2.value) v *= scale2;   /* "5 to 6 billion" */
    if (!q->currency && q2.currency && scale == 1 && scale2 == 1) v *= currency_factor(q2.currency);
    if (!(q2.value > v)) return;
    q->value = v;
    q->high = q2.value;
    q->end = q2.end;
    if (!q->currency && q2.currency) {
        q->currency = q2.currency;
        q->currency_len = q2.currency_len;
    }
    q->percent |= q2.percent;
}

bool quantity_read(const figures_res *r, const window *w, uint32_t i, quantity *q)
{
    double scale;
    if (!simple_read(r, w, i, q, &scale)) return false;
    uint32_t n = 0;
    const char *v = phrase_back(&r->numbers, w, q->first, 3, &n);
    bool between = field_is(v, "between");
    if (between || field_is(v, "approx")) {
        q->first -= n;
        q->approx |= !between;
        if (!between) q->yearlike = false;   /* "between 2001 and 2003" stays a pair of years */
    }
    /* "rose from 5% to 10%" is a change, not a range */
    if (!word_is(w, q->first - 1, "from")) range_read(r, w, q, scale, between);
    /* "20 or so", "20-odd" */
    v = phrase_fwd(&r->numbers, w, q->end, 2, &n);
    if (field_is(v, "approx-after") && n >= 2) {
        q->approx = true;
        q->end += n;
    } else if (tok_is(w, q->end, '-') && tok_touch(w, q->end - 1) && tok_touch(w, q->end) &&
               field_is(tok_get(&r->numbers, w, q->end + 1), "approx-after")) {
        q->approx = true;
        q->end += 2;
    }
    if (q->approx || !isnan(q->high)) q->yearlike = false;
    return true;
}
