/* times_grammar.c — which runs of tokens are date expressions, and their values.
 *
 * A small recursive grammar over the tokens of one sentence. times_match()
 * looks at the first token's shape and lexicon classes and tries only the
 * forms that can begin with it:
 *
 *   absolute     anything date_parse reads (December 17, 2014; 17/12/2014),
 *                also without a year (Dec 16; 16 December), and years (in 2023)
 *   deictic      yesterday, today, tonight, this morning; last/this/next week,
 *                month, quarter, year, Tuesday, June, summer
 *   weekday      Tuesday (night) — direction from the words before it
 *   month        June (needs a preposition when the name is also a word: May)
 *   counted      two years ago, a month ago, 10 days ago, a year earlier
 *   quarter      the third quarter (of 2015), third-quarter, Q3 2015,
 *                the 1988 second quarter, fiscal 1989, the first half of 2023
 *   anaphoric    the quarter, the latest period, year-ago: the quarter last named
 *   modified     early / late / mid- / earlier / the end of + any of the above
 *
 * Durations ("three days", "the past few years") are not dates and are left out. */
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "nlp/times_internal.h"

/* --- tokens ---------------------------------------------------------------- */

static const token *tok(const scan *sc, uint32_t i) { return &sc->a->tokens.v[i]; }
static const char *tok_s(const scan *sc, uint32_t i) { return sc->a->text + tok(sc, i)->start; }
static uint32_t tok_n(const scan *sc, uint32_t i) { return tok_end(tok(sc, i)) - tok(sc, i)->start; }
static bool in_sentence(const scan *sc, uint32_t i) { return i >= sc->first && i < sc->last; }

/* Token i is the word w, in any case (w in lower case). */
static inline bool tok_is(const scan *sc, uint32_t i, const char *w)
{
    if (!in_sentence(sc, i) || (tok_s(sc, i)[0] | 0x20) != w[0]) return false;
    size_t n = strlen(w);
    return tok_n(sc, i) == n && strncasecmp(tok_s(sc, i), w, n) == 0;
}

static bool tok_has(const scan *sc, uint32_t i, uint32_t cls)
{
    return in_sentence(sc, i) && (times_lex(sc, i)->cls & cls);
}

/* A whole token of exactly n digits, as a number; -1 otherwise. */
static int tok_digits(const scan *sc, uint32_t i, uint32_t n)
{
    if (!in_sentence(sc, i) || tok_n(sc, i) != n) return -1;
    int v = 0;
    for (uint32_t k = 0; k < n; k++) {
        char c = tok_s(sc, i)[k];
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

static int tok_month(const scan *sc, uint32_t i)
{
    if (!in_sentence(sc, i) || !(tok(sc, i)->flags & TF_WORD) ||
        !times_month_shaped(sc->r, tok_s(sc, i), tok_n(sc, i)))
        return 0;
    return date_month_from_name(tok_s(sc, i), tok_n(sc, i));
}

/* A weekday written in full and capitalised ("Tuesday"): the short forms are
 * also words or names (Sun, Wed, Sat). */
static int tok_weekday(const scan *sc, uint32_t i)
{
    if (!in_sentence(sc, i) || !(tok(sc, i)->flags & TF_CAP) || tok_n(sc, i) < 6 ||
        !times_weekday_shaped(sc->r, tok_s(sc, i), tok_n(sc, i)))
        return -1;
    return date_weekday_from_name(tok_s(sc, i), tok_n(sc, i));
}

/* The token index where byte offset `end` falls (the first token at or after it). */
static uint32_t tok_after(const scan *sc, uint32_t i, uint32_t end)
{
    while (i < sc->last && tok(sc, i)->start < end) i++;
    return i;
}

/* --- direction and context ------------------------------------------------- */

/* How many words before a date a future cue may stand. */
enum { FUTURE_REACH = 8 };

/* Future when a cue (will, scheduled, due …) stands shortly before the date in
 * its sentence: "the talks will resume on Friday"; past right after "since";
 * otherwise the resolver picks the nearer date, preferring the past. */
static int direction(const scan *sc, uint32_t i)
{
    uint32_t stop = i > sc->first + FUTURE_REACH ? i - FUTURE_REACH : sc->first;
    for (uint32_t k = i; k-- > stop;) {
        /* a cue in another clause ("would appeal the ruling, announced Monday") is not ours */
        if (tok(sc, k)->flags & TF_PUNCT) break;
        if (tok_has(sc, k, LX_FUTURE)) return DIR_FUTURE;
        if (k + 1 == i && tok_has(sc, k, LX_PAST)) return DIR_PAST;
        uint32_t n = tok_n(sc, k);
        const char *s = tok_s(sc, k);
        if (n > 3 && strncasecmp(s + n - 3, "'ll", 3) == 0) return DIR_FUTURE;
        if (n > 5 && strncasecmp(s + n - 5, "\xE2\x80\x99ll", 5) == 0) return DIR_FUTURE;
    }
    return DIR_NEAR;
}

/* How many sentences back a quarter or year named outright is still the topic. */
enum { QUARTER_REACH = 5, YEAR_REACH = 3 };

/* The quarter named in this or the last few sentences, if any. */
static bool quarter_context(const scan *sc, tval *q)
{
    if (sc->quarter.kind != TV_QUARTER || sc->sent - sc->quarter_sent > QUARTER_REACH) return false;
    *q = sc->quarter;
    return true;
}

/* Whether a bare year or ambiguous month name at i reads as a date: after a
 * preposition (in, since, by …) or a modifier. */
static bool cued(const scan *sc, uint32_t i)
{
    return i > sc->first && tok_has(sc, i - 1, LX_CUE | LX_MOD | LX_EDGE | LX_REL | LX_FISCAL);
}

/* A capitalised word (not a month, not the sentence's first) before a number
 * makes a name of them: "Flight 1549", "Resolution 2231". */
static bool after_name(const scan *sc, uint32_t i)
{
    if (i <= sc->first) return false;
    const token *p = tok(sc, i - 1);
    return (p->flags & TF_CAP) && !(p->flags & TF_SENT) && !times_lex(sc, i - 1)->cls && !tok_month(sc, i - 1);
}

static bool ok(match *m, uint32_t start, uint32_t end, tval v)
{
    *m = (match){start, end, v, false, 0};
    return true;
}

/* A quarter named outright ("the third quarter", "Q3"): later "the quarter"
 * and "a year ago" refer to it. Derived ones (year-ago) do not. */
static bool anchor(match *m, uint32_t start, uint32_t end, tval v)
{
    *m = (match){start, end, v, true, 0};
    return true;
}

static bool core(scan *sc, uint32_t i, bool licensed, match *m);

/* --- absolute dates and years --------------------------------------------- */

/* Whether core/date.c could read a date from number token i on, by the
 * digit run it opens and what follows (the forms there that begin with
 * digits: 2014-12-17, 20141217, 17/12/2014, 26-Feb-1987, 17th December,
 * 17 of December). Most numbers in news are counts and stop here. */
static bool may_be_date(const scan *sc, uint32_t i)
{
    const char *s = tok_s(sc, i);
    uint32_t k = 0;
    while (s[k] >= '0' && s[k] <= '9') k++;   /* the text is NUL-terminated */
    char next = s[k];
    if (k == 8) return true;
    if (k == 4) return next == '-' || next == '/' || next == '.';
    if (k < 1 || k > 2) return false;
    if (next == '-' || next == '/' || next == '.' || ((next | 0x20) >= 'a' && (next | 0x20) <= 'z')) return true;
    /* "17 December", "17 of December": a word next, first letter of a month or "of" */
    if (!in_sentence(sc, i + 1) || !(tok(sc, i + 1)->flags & TF_WORD)) return false;
    char c = tok_s(sc, i + 1)[0] | 0x20;
    return c == 'j' || c == 'f' || c == 'm' || c == 'a' || c == 's' || c == 'o' || c == 'n' || c == 'd';
}

/* Anything core/date.c reads from token i on; day-and-month without a year is
 * resolved like a past or future date. */
static bool parsed_date(scan *sc, uint32_t i, match *m)
{
    const article *a = sc->a;
    if ((tok(sc, i)->flags & TF_NUM) && !may_be_date(sc, i)) return false;
    uint32_t off = tok(sc, i)->start, limit = tok_end(&a->tokens.v[sc->last - 1]);
    date d;
    size_t n = date_parse_opts(a->text + off, limit - off, DATE_NO_YEAR | DATE_NO_TIME, &d);
    if (!n) return false;
    uint32_t end = tok_after(sc, i, off + (uint32_t)n);
    tval v = d.y ? tv_date(d) : tv_month_day(sc->pub, d.m, d.d, direction(sc, i));
    ok(m, i, end, v);
    m->end_byte = off + (uint32_t)n;     /* "December." ends before the period */
    return true;
}

/* $ # £ € ¥ ₹ before a number */
static bool money_or_number_sign(const char *s, uint32_t n)
{
    static const char *const signs[] = {"$", "#", "\xC2\xA3", "\xE2\x82\xAC", "\xC2\xA5", "\xE2\x82\xB9"};
    for (size_t k = 0; k < sizeof signs / sizeof *signs; k++)
        if (strlen(signs[k]) == n && !memcmp(signs[k], s, n)) return true;
    return false;
}

/* A four-digit year standing alone: "in 2023", "2014 was", "the 1988 period".
 * Not a count ("2000 troops"), an amount ("$2014") or a name ("Flight 1549"). */
static bool bare_year(scan *sc, uint32_t i, bool licensed, match *m)
{
    int y = tok_digits(sc, i, 4);
    licensed = licensed || cued(sc, i);
    if (y < (licensed ? 1000 : 1900) || y > 2099) return false;
    if (!licensed && i > sc->first) {
        const token *p = tok(sc, i - 1);
        if ((p->flags & TF_PUNCT) && money_or_number_sign(tok_s(sc, i - 1), tok_n(sc, i - 1))) return false;
        if (after_name(sc, i)) return false;
    }
    /* counts of a thousand and more carry a comma in edited news, so a
     * plural after a bare year is rare but real ("2000 troops") */
    if (!licensed && in_sentence(sc, i + 1) && !(i > sc->first && tok_is(sc, i - 1, "the"))) {
        const char *s = tok_s(sc, i + 1);
        uint32_t n = tok_n(sc, i + 1);
        if (*s == '%' || tok_is(sc, i + 1, "percent") || tok_is(sc, i + 1, "per")) return false;
        bool lower_plural = (tok(sc, i + 1)->flags & TF_WORD) && !(tok(sc, i + 1)->flags & TF_CAP) &&
                            n > 3 && s[n - 1] == 's' && s[n - 2] != 's';
        if (lower_plural) return false;
    }
    /* "the 1988 third quarter" */
    if (tok_has(sc, i + 1, LX_ORD) && tok_has(sc, i + 2, LX_UNIT) && times_lex(sc, i + 2)->unit == U_QUARTER)
        return anchor(m, i, i + 3, tv_quarter(sc->pub, times_lex(sc, i + 1)->ord, y, DIR_PAST));
    return ok(m, i, i + 1, tv_date((date){(int16_t)y, 0, 0}));
}

/* "last year", "this year", "next year" after a month or quarter: the year it names. */
static int year_phrase(scan *sc, uint32_t i, uint32_t *end)
{
    lex l = *times_lex(sc, i);
    if ((l.cls & LX_REL) && tok_has(sc, i + 1, LX_UNIT) && times_lex(sc, i + 1)->unit == U_YEAR && sc->pub.y) {
        *end = i + 2;
        return sc->pub.y + l.rel;
    }
    int y = tok_digits(sc, i, 4);
    if (y >= 1000) {
        *end = i + 1;
        return y;
    }
    return 0;
}

/* "of 2015", "of last year", or nothing. */
static int of_year(scan *sc, uint32_t i, uint32_t *end)
{
    *end = i;
    if (!tok_is(sc, i, "of")) return 0;
    int y = year_phrase(sc, i + 1, end);
    if (!y) *end = i;
    return y;
}

/* --- counted and deictic --------------------------------------------------- */

/* "two years ago", "10 days ago", "a year earlier"; a year back from the
 * quarter in context when the article is about quarters. */
static bool counted(scan *sc, uint32_t i, match *m)
{
    lex l = *times_lex(sc, i);
    int n = (l.cls & LX_NUM) ? l.num : tok_digits(sc, i, tok_n(sc, i) <= 3 ? tok_n(sc, i) : 0);
    lex u = *times_lex(sc, i + 1);
    if (n <= 0 || !(u.cls & LX_UNIT) || u.unit == U_WEEKEND || !tok_has(sc, i + 2, LX_AGO)) return false;
    tval q;
    if (u.unit == U_YEAR && n == 1 && quarter_context(sc, &q)) return ok(m, i, i + 3, tv_year_before(q));
    return ok(m, i, i + 3, tv_shift(sc->pub, u.unit, -n));
}

/* "year-ago", "year-earlier", with the period after it: the quarter in
 * context a year back, else last year. */
static bool year_ago(scan *sc, uint32_t i, match *m)
{
    uint32_t end = i + 1;
    bool quarter_word = false;
    if (tok_has(sc, end, LX_ORD) && tok_has(sc, end + 1, LX_UNIT)) end++;
    if (tok_has(sc, end, LX_PERIOD) || (tok_has(sc, end, LX_UNIT) && times_lex(sc, end)->unit == U_QUARTER)) {
        quarter_word = true;
        end++;
    }
    tval q;
    if (quarter_context(sc, &q)) return ok(m, i, end, tv_year_before(q));
    if (quarter_word) return ok(m, i, end, tv_year_before(tv_shift(sc->pub, U_QUARTER, -1)));
    return ok(m, i, end, tv_shift(sc->pub, U_YEAR, -1));
}

static bool weekday(scan *sc, uint32_t i, int dir, match *m)
{
    int wd = tok_weekday(sc, i);
    if (wd < 0 || (i > sc->first && tok_has(sc, i - 1, LX_NAMED))) return false;   /* Good Friday */
    uint32_t end = i + 1;
    if (tok_has(sc, end, LX_PART)) end++;
    return ok(m, i, end, tv_weekday(sc->pub, wd, dir < 0 ? direction(sc, i) : dir));
}

/* A month name with no day: "June", "June last year", "June of 2014". */
static bool month(scan *sc, uint32_t i, bool licensed, int dir, match *m)
{
    int mo = tok_month(sc, i);
    if (!mo || !(tok(sc, i)->flags & TF_CAP)) return false;
    const char *s = tok_s(sc, i);
    uint32_t n = tok_n(sc, i);
    bool full = s[n - 1] == '.' || n >= 5 || mo == 5 || mo == 6 || mo == 7;   /* May, June, July */
    if (!full) return false;        /* "Jan", "Dec" alone are names as often as months */
    if ((times_lex(sc, i)->cls & LX_AMBIG) && !licensed && !cued(sc, i)) return false;
    uint32_t end;
    int y = of_year(sc, i + 1, &end);
    if (!y && !(y = year_phrase(sc, i + 1, &end))) end = i + 1;
    if (y) return ok(m, i, end, tv_date((date){(int16_t)y, (int8_t)mo, 0}));
    return ok(m, i, end, tv_month(sc->pub, mo, dir < 0 ? direction(sc, i) : dir));
}

/* "Christmas", "New Year's Day", "Thanksgiving": the longest name from token
 * i, tried only as far as the tokens are shaped like words of a name. */
static bool holiday_name(scan *sc, uint32_t i, int dir, match *m)
{
    if (!in_sentence(sc, i) || !(tok(sc, i)->flags & TF_CAP)) return false;
    const times_shapes *sh = &sc->r->shapes;
    if (!shape_may(&sh->holiday_first, tok_s(sc, i), tok_n(sc, i))) return false;
    uint32_t most = 1;
    while (most < sc->r->holiday_tokens && in_sentence(sc, i + most) &&
           shape_may(&sh->holiday_word, tok_s(sc, i + most), tok_n(sc, i + most)))
        most++;
    for (uint32_t k = most; k >= 1; k--) {
        uint32_t start = tok(sc, i)->start, end = tok_end(tok(sc, i + k - 1));
        const holiday *h = times_holiday(sc->r, sc->a->text + start, end - start);
        if (h) return ok(m, i, i + k, tv_holiday(sc->pub, h, dir < 0 ? direction(sc, i) : dir));
    }
    return false;
}

static int rel_dir(int rel) { return rel < 0 ? DIR_BEFORE : rel > 0 ? DIR_AFTER : DIR_THIS; }

/* last / this / next + week, month, quarter, year, weekday, month, season,
 * part of day ("this morning", "last night"). */
static bool deictic(scan *sc, uint32_t i, match *m)
{
    lex l = *times_lex(sc, i), u = *times_lex(sc, i + 1);
    if (!in_sentence(sc, i + 1)) return false;
    /* "the last year", "over the next week": spans of time, not dates */
    if (l.rel && i > sc->first && tok_is(sc, i - 1, "the")) return false;
    if ((u.cls & LX_UNIT) && u.unit != U_DAY && tok_n(sc, i + 1) && tok_s(sc, i + 1)[tok_n(sc, i + 1) - 1] != 's')
        return ok(m, i, i + 2, tv_shift(sc->pub, u.unit, l.rel));
    if (u.cls & LX_PART) {
        if (l.rel > 0) return false;
        /* "last night" is yesterday's; "this morning" today's */
        return ok(m, i, i + 2, tv_shift(sc->pub, U_DAY, tok_is(sc, i + 1, "night") ? l.rel : 0));
    }
    if (u.cls & LX_SEASON) return ok(m, i, i + 2, tv_season(sc->pub, l.rel));
    if (weekday(sc, i + 1, rel_dir(l.rel), m) || month(sc, i + 1, true, rel_dir(l.rel), m) ||
        holiday_name(sc, i + 1, rel_dir(l.rel), m)) {
        m->start = i;
        return true;
    }
    return false;
}

/* "yesterday", "today", "tomorrow morning" */
static bool day_word(scan *sc, uint32_t i, match *m)
{
    lex l = *times_lex(sc, i);
    if ((tok(sc, i)->flags & TF_CAP) && i > sc->first && tok_has(sc, i - 1, LX_NAMED)) return false;
    uint32_t end = i + 1;
    if (tok_has(sc, end, LX_PART)) end++;
    return ok(m, i, end, tv_shift(sc->pub, U_DAY, l.day));
}

/* --- quarters and halves ----------------------------------------------------- */

/* The ordinal and the unit of "third-quarter" or "third quarter"; returns the
 * token after them, or 0. */
static uint32_t ordinal_unit(const scan *sc, uint32_t i, int *ord, bool *half)
{
    const char *s = tok_s(sc, i);
    uint32_t n = tok_n(sc, i);
    const char *dash = memchr(s, '-', n);
    if (dash) {                        /* one token: "third-quarter", "first-half" */
        uint32_t k = (uint32_t)(dash - s);
        lex first = times_lex_word(sc->r, s, k);
        if (!(first.cls & LX_ORD)) return 0;
        *ord = first.ord;
        *half = n - k - 1 == 4 && strncasecmp(dash + 1, "half", 4) == 0;
        bool quarter = n - k - 1 == 7 && strncasecmp(dash + 1, "quarter", 7) == 0;
        return *half || quarter ? i + 1 : 0;
    }
    lex l = *times_lex(sc, i), u = *times_lex(sc, i + 1);
    if (!(l.cls & LX_ORD) || !in_sentence(sc, i + 1)) return 0;
    *ord = l.ord;
    *half = (u.cls & LX_HALF) != 0;
    return *half || ((u.cls & LX_UNIT) && u.unit == U_QUARTER && tok_n(sc, i + 1) == 7) ? i + 2 : 0;
}

/* "third quarter (of 2015 / of last year)", "first half of 2023" (its year). */
static bool quarter(scan *sc, uint32_t i, match *m)
{
    int ord;
    bool half;
    uint32_t end = ordinal_unit(sc, i, &ord, &half), after;
    if (!end) return false;
    int y = of_year(sc, end, &after);
    if (!y && (y = tok_digits(sc, end, 4)) > 0) after = end + 1;
    if (y <= 0) y = 0, after = end;
    if (half) {
        if (ord > 2) return false;
        if (!y) y = sc->pub.y;        /* "the second half" of the year being reported */
        return ok(m, i, after, y ? tv_date((date){(int16_t)y, 0, 0}) : (tval){TV_NONE, 0, {0, 0, 0}});
    }
    return anchor(m, i, after, tv_quarter(sc->pub, ord, y, direction(sc, i)));
}

/* "Q3", "Q3 2015", "2Q" is rare enough to leave. */
static bool q_token(scan *sc, uint32_t i, match *m)
{
    const char *s = tok_s(sc, i);
    if (tok_n(sc, i) != 2 || (s[0] != 'Q' && s[0] != 'q') || s[1] < '1' || s[1] > '4') return false;
    int y = tok_digits(sc, i + 1, 4);
    return anchor(m, i, y > 0 ? i + 2 : i + 1, tv_quarter(sc->pub, s[1] - '0', y > 0 ? y : 0, direction(sc, i)));
}

/* "the quarter", "the latest quarter", "the same period", "that quarter":
 * the quarter last named, a few sentences back at most. */
static bool anaphoric(scan *sc, uint32_t i, match *m)
{
    uint32_t k = i;
    if (tok_has(sc, k, LX_ANA)) k++;
    bool q = tok_has(sc, k, LX_PERIOD) || (tok_has(sc, k, LX_UNIT) && times_lex(sc, k)->unit == U_QUARTER &&
                                           tok_n(sc, k) == 7);
    tval ctx;
    if (!q) return false;
    if (quarter_context(sc, &ctx)) return ok(m, i, k + 1, ctx);
    /* "the latest quarter" with none named: the last one reported, the one before publication's */
    if (k > i && tok_is(sc, i, "latest")) return ok(m, i, k + 1, tv_shift(sc->pub, U_QUARTER, -1));
    return false;
}

/* "mid-June", "late-November", "mid-1996" as one token: a modifier word,
 * a hyphen, a month or a year. */
static bool modified_token(scan *sc, uint32_t i, match *m)
{
    const char *s = tok_s(sc, i);
    uint32_t n = tok_n(sc, i);
    const char *dash = memchr(s, '-', n);
    if (!dash || dash == s) return false;
    uint32_t k = (uint32_t)(dash - s), rest = n - k - 1;
    if (!(times_lex_word(sc->r, s, k).cls & LX_MOD)) return false;
    int mo = date_month_from_name(dash + 1, rest);
    if (mo) return ok(m, i, i + 1, tv_month(sc->pub, mo, direction(sc, i)));
    int y = 0;
    for (uint32_t j = 0; j < rest; j++) {
        if (dash[1 + j] < '0' || dash[1 + j] > '9') return false;
        y = y * 10 + dash[1 + j] - '0';
    }
    return rest == 4 && ok(m, i, i + 1, tv_date((date){(int16_t)y, 0, 0}));
}

/* "that year", "later that year": the year of the date last named, when it
 * was named in this or the last few sentences. */
static bool that_year(scan *sc, uint32_t i, match *m)
{
    if (!tok_is(sc, i, "that") || !tok_has(sc, i + 1, LX_UNIT) || times_lex(sc, i + 1)->unit != U_YEAR ||
        !tok_is(sc, i + 1, "year") || !sc->year || sc->sent - sc->year_sent > YEAR_REACH)
        return false;
    return ok(m, i, i + 2, tv_date((date){sc->year, 0, 0}));
}

/* "end of March", "the beginning of next year", "the end of the month" (the
 * current one): the value of what it is the edge of. */
static bool edge(scan *sc, uint32_t i, match *m)
{
    if (!tok_is(sc, i + 1, "of")) return false;
    uint32_t k = i + 2;
    lex u = *times_lex(sc, k + 1);
    if (tok_is(sc, k, "the") && (u.cls & LX_UNIT) && u.unit != U_DAY && tok_s(sc, k + 1)[tok_n(sc, k + 1) - 1] != 's')
        return ok(m, i, k + 2, tv_shift(sc->pub, u.unit, 0));
    if (!core(sc, k, true, m)) return false;
    m->start = i;
    return true;
}

static bool word(scan *sc, uint32_t i, bool licensed, match *m);

/* "the" + a quarter, an edge ("the end of March"), a deictic ("the current
 * quarter"), year-ago, or the quarter in context. */
static bool the(scan *sc, uint32_t i, match *m)
{
    uint32_t j = i + 1;
    if (!in_sentence(sc, j)) return false;
    lex l = *times_lex(sc, j);
    if ((l.cls & (LX_FISCAL | LX_REL)) && tok_has(sc, j + 1, LX_FISCAL) && tok_is(sc, j + 2, "year"))
        return ok(m, i, j + 3, tv_shift(sc->pub, U_YEAR, 0));   /* the current fiscal year */
    if (l.cls & LX_FISCAL && in_sentence(sc, j + 1)) {
        if (tok_is(sc, j + 1, "year")) return ok(m, i, j + 2, tv_shift(sc->pub, U_YEAR, 0));
        j++, l = *times_lex(sc, j);
    }
    bool found = false;
    if (l.cls & LX_EDGE) {
        found = edge(sc, j, m);
    } else if (l.cls & LX_YEARAGO) {
        found = year_ago(sc, j, m);
    } else if (l.cls & LX_REL) {
        /* "the current quarter"; "the last year", "the next week" are spans of time */
        found = l.rel == 0 && deictic(sc, j, m);
    } else if (l.cls & LX_SEASON) {
        found = word(sc, j, true, m);
    } else {
        found = quarter(sc, j, m) || anaphoric(sc, j, m);
    }
    if (found) m->start = i;
    return found;
}

/* --- the entry ------------------------------------------------------------- */

static bool numeric(scan *sc, uint32_t i, bool licensed, match *m)
{
    return parsed_date(sc, i, m) || bare_year(sc, i, licensed, m) || counted(sc, i, m) || quarter(sc, i, m);
}

static bool word(scan *sc, uint32_t i, bool licensed, match *m)
{
    const token *t = tok(sc, i);
    if (t->flags & TF_CAP) {
        if (tok_month(sc, i) && parsed_date(sc, i, m)) return true;
        if (tok_weekday(sc, i) >= 0) return parsed_date(sc, i, m) || weekday(sc, i, -1, m);
        if (month(sc, i, licensed, -1, m) || q_token(sc, i, m) || holiday_name(sc, i, -1, m)) return true;
    }
    if (tok_is(sc, i, "the")) return the(sc, i, m);
    if (modified_token(sc, i, m)) return true;
    lex l = *times_lex(sc, i);
    if (!l.cls) return memchr(tok_s(sc, i), '-', tok_n(sc, i)) && quarter(sc, i, m);   /* third-quarter */
    if (l.cls & LX_DAY) return day_word(sc, i, m);
    if ((l.cls & LX_REL) && deictic(sc, i, m)) return true;
    if ((l.cls & LX_NUM) && counted(sc, i, m)) return true;
    if ((l.cls & LX_ORD) && quarter(sc, i, m)) return true;
    if (l.cls & LX_YEARAGO) return year_ago(sc, i, m);
    if ((l.cls & LX_ANA) && (anaphoric(sc, i, m) || that_year(sc, i, m))) return true;
    if (l.cls & LX_FISCAL) {
        /* "fiscal year" alone: the one under way */
        if (tok_is(sc, i + 1, "year")) return ok(m, i, i + 2, tv_shift(sc->pub, U_YEAR, 0));
        if (!core(sc, i + 1, true, m)) return false;
        m->start = i;
        return true;
    }
    if (l.cls & LX_EDGE) return edge(sc, i, m);
    if (l.cls & LX_MOD) {
        if (!core(sc, i + 1, true, m)) return false;
        m->start = i;
        return true;
    }
    if (l.cls & LX_SEASON) {            /* "summer 2014", "the summer of 2014" */
        uint32_t end;
        int y = of_year(sc, i + 1, &end);
        if (!y && (y = tok_digits(sc, i + 1, 4)) > 0) end = i + 2;
        return y > 0 && ok(m, i, end, tv_date((date){(int16_t)y, 0, 0}));
    }
    if (q_token(sc, i, m)) return true;
    return false;
}

static bool core(scan *sc, uint32_t i, bool licensed, match *m)
{
    if (!in_sentence(sc, i)) return false;
    const token *t = tok(sc, i);
    if (t->flags & TF_NUM) return numeric(sc, i, licensed, m);
    if (t->flags & TF_WORD) return word(sc, i, licensed, m);
    return false;
}

bool times_match(scan *sc, uint32_t i, match *m) { return core(sc, i, false, m); }
