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

enum { MAX_LEXES = 512, MAX_STARTER_LEN = 16, MAX_HOLIDAYS = 64 };

/* A holiday's date: a fixed month and day, or the nth weekday of a month
 * (n = -1: the last); wd = -1 for fixed days. */
typedef struct holiday {
    int8_t m, d, wd, n;
} holiday;

struct times_res {
    wordmap *words;       /* word → index into lexes */
    lex lexes[MAX_LEXES]; /* each entry of times-words.txt, decoded */
    uint32_t nlex;
    /* by word length (the last slot for all longer), a bit per letter a–z
     * that begins a lexicon word able to start an expression */
    uint32_t starts[MAX_STARTER_LEN + 1];
    uint32_t cap_letters;  /* a bit per letter that begins a month, weekday or holiday name */
    wordmap *holiday_names;  /* times-holidays.txt: name → index into holidays */
    holiday holidays[MAX_HOLIDAYS];
    uint32_t nholidays;
};

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
