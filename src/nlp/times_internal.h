/* times_internal.h — what the files of the times step share.
 *
 *   times.c          the step: the scan over sentences, spans, emitting timexes
 *   times_grammar.c  the date grammar over tokens (which words make a date)
 *   times_resolve.c  calendar values relative to the publication date
 *
 * The grammar reads words through a small lexicon (data/nlp/times-words.txt)
 * that gives each word its classes; numbers and month and weekday names are
 * read by shape and by core/date.c. */
#ifndef DOSSIER_NLP_TIMES_INTERNAL_H
#define DOSSIER_NLP_TIMES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/article.h"
#include "core/wordmap.h"
#include "nlp/shape.h"

/* --- the lexicon ----------------------------------------------------------- */
enum lex_class {
    LX_DAY = 1u << 0,     LX_REL = 1u << 1,    LX_UNIT = 1u << 2,    LX_PERIOD = 1u << 3,
    LX_PART = 1u << 4,    LX_MOD = 1u << 5,    LX_EDGE = 1u << 6,    LX_ORD = 1u << 7,
    LX_HALF = 1u << 8,    LX_NUM = 1u << 9,    LX_AGO = 1u << 10,    LX_YEARAGO = 1u << 11,
    LX_ANA = 1u << 12,    LX_SEASON = 1u << 13, LX_FISCAL = 1u << 14, LX_FUTURE = 1u << 15,
    LX_CUE = 1u << 16,    LX_INCL = 1u << 17,  LX_AMBIG = 1u << 18,  LX_NAMED = 1u << 19,
    LX_PAST = 1u << 20,
};

enum unit { U_NONE, U_DAY, U_WEEK, U_WEEKEND, U_MONTH, U_QUARTER, U_YEAR };

typedef struct lex {
    uint32_t cls;         /* enum lex_class bits; 0 when the word is not in the lexicon */
    int8_t day, rel, ord, num;
    uint8_t unit;         /* enum unit */
    bool known;           /* (in the scan's cache) looked up already */
} lex;

enum { MAX_LEXES = 512, MAX_HOLIDAYS = 64, MAX_HOLIDAY_TOKENS = 6 };

/* A holiday's date: a fixed month and day, or the nth weekday of a month
 * (n = -1: the last); wd = -1 for fixed days. */
typedef struct holiday {
    int8_t m, d, wd, n;
} holiday;

/* Shapes (nlp/shape.h) of the words the scan and the grammar ask about, so
 * that most words are passed over without a lookup. */
typedef struct times_shapes {
    shape_set lexicon;    /* every word of the lexicon */
    shape_set starts;     /* words that can begin an expression, in any case */
    shape_set solo;       /* ... and make one alone (today, year-ago) */
    shape_set names;      /* capitalised words that can begin one: months, weekdays, holidays, Q1–Q4 */
    shape_set months;     /* month names as core/date.c reads them */
    shape_set weekdays;   /* weekday names, likewise */
    uint32_t month3[12], weekday3[7];   /* their first three letters, as prefix3() packs them */
    shape_set holiday_first;   /* the first word of a holiday name */
    shape_set holiday_word;    /* any token of a holiday name */
    /* by first two letters (c0 * 26 + c1), a bit per length of a modifier or
     * ordinal that can stand before a hyphen in one token ("mid-June",
     * "third-quarter"): where to look for the hyphen */
    uint16_t hyphen_at[26 * 26];
} times_shapes;

struct times_res {
    wordmap *words;       /* word → index into lexes */
    lex lexes[MAX_LEXES]; /* each entry of times-words.txt, decoded */
    uint32_t nlex;
    wordmap *holiday_names;  /* times-holidays.txt: name → index into holidays */
    holiday holidays[MAX_HOLIDAYS];
    uint32_t nholidays;
    uint32_t holiday_tokens;  /* most tokens a holiday name takes */
    times_shapes shapes;
};

/* The first three bytes of s, lower-cased and packed; 0 when shorter. */
static inline uint32_t prefix3(const char *s, size_t n)
{
    if (n < 3) return 0;
    return ((uint32_t)((unsigned char)s[0] | 0x20) << 16) | ((uint32_t)((unsigned char)s[1] | 0x20) << 8) |
           ((unsigned char)s[2] | 0x20);
}

/* Whether s[0, n) may be a month name (weekday name) as core/date.c reads it. */
bool times_month_shaped(const struct times_res *r, const char *s, size_t n);
bool times_weekday_shaped(const struct times_res *r, const char *s, size_t n);

/* --- values ---------------------------------------------------------------- */
enum tv_kind { TV_NONE, TV_DATE, TV_WEEK, TV_QUARTER };

/* A resolved value: a date of its own precision, an ISO week (y, n = week) or
 * a quarter (y, n = 1..4). TV_NONE: a date expression that cannot be resolved
 * (no publication date), emitted with a null value. */
typedef struct tval {
    uint8_t kind;
    int8_t n;
    date d;
} tval;

/* Which way a relative expression points from the publication date. */
enum direction {
    DIR_NEAR,             /* no cue: the nearer of the last and the next, the past preferred */
    DIR_PAST,             /* the latest on or before publication ("since June") */
    DIR_BEFORE,           /* strictly before ("last Tuesday", "last June") */
    DIR_FUTURE,           /* strictly after for days, on or after for months ("will meet on Friday") */
    DIR_AFTER,            /* strictly after ("next Friday", "next June") */
    DIR_THIS,             /* within the current week / year ("this Friday", "this June") */
};

/* times_resolve.c: each returns TV_NONE when pub lacks the precision needed. */
tval tv_date(date d);
tval tv_weekday(date pub, int weekday, int dir);
tval tv_month(date pub, int month, int dir);
tval tv_month_day(date pub, int month, int day, int dir);
tval tv_shift(date pub, int unit, int k);      /* the unit holding pub, moved k units */
tval tv_quarter(date pub, int q, int year, int dir);  /* year 0: resolved by dir */
tval tv_season(date pub, int k);               /* last/this/next season → its year */
tval tv_holiday(date pub, const holiday *h, int dir);
tval tv_year_before(tval v);                   /* the same period one year earlier */
int tv_format(tval v, char *out, size_t cap);  /* 0 when nothing to write */

/* --- the grammar ----------------------------------------------------------- */

/* The scan of one article: where we are and what the grammar may refer back to. */
typedef struct scan {
    const struct times_res *r;
    const article *a;
    lex *cache;               /* per token of the sentence: its classes once looked up; NULL for
                               * sentences too long to cache */
    date pub;
    uint32_t first, last;     /* tokens of the current sentence [first, last) */
    uint32_t sent;            /* its index */
    tval quarter;             /* the last quarter named, for "the quarter", "a year ago" */
    uint32_t quarter_sent;    /* the sentence it was named in */
    int16_t year;             /* the year of the last date named with one, for "that year" */
    uint32_t year_sent;
} scan;

typedef struct match {
    uint32_t start, end;      /* tokens [start, end) */
    tval v;
    bool anchor;              /* a quarter named outright, for later references */
    uint32_t end_byte;        /* where the text ends, when before the last token's end; else 0 */
} match;

const lex *times_lex(const scan *sc, uint32_t i);             /* token i's classes */
lex times_lex_word(const struct times_res *r, const char *w, size_t n);  /* any word's */
const holiday *times_holiday(const struct times_res *r, const char *name, size_t n);
/* A date expression beginning at token i: true with *m filled. */
bool times_match(scan *sc, uint32_t i, match *m);

#endif
