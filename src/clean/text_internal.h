/* text_internal.h — what the plain-text cleaner's files (text*.c, dateline.c) share.
 *
 * The cleaner works on "units": a line, or the wrapped lines of one paragraph
 * joined (text_units.c). Each unit is classified body, junk, metadata or title
 * (text_junk.c, text_meta.c); text.c keeps the body units, in order. */
#ifndef DOSSIER_CLEAN_TEXT_INTERNAL_H
#define DOSSIER_CLEAN_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "clean/internal.h"
#include "core/date.h"
#include "core/wordmap.h"

/* The first two characters of every key of a list, folded as the wordmap
 * folds them (ASCII case, ’ and ‘ as '): bit b of rows[a] is set when a key
 * starts with classes a, b (0-25 a letter, 26 anything else, 27 the key's
 * end). Most words of running text start with a pair no key has, and are
 * turned away before the wordmap folds and hashes them. */
typedef struct pair_filter { uint32_t rows[27]; } pair_filter;

enum { PF_OTHER = 26, PF_END = 27 };

static inline unsigned pair_class(unsigned char c)
{
    c |= 0x20;
    return c >= 'a' && c <= 'z' ? (unsigned)(c - 'a') : PF_OTHER;
}

static inline bool pair_may_hold(const pair_filter *f, const char *s, size_t n)
{
    /* a leading ’ folds to one byte, which moves the second character */
    if (!n || (unsigned char)s[0] == 0xE2) return true;
    unsigned b = n > 1 ? pair_class((unsigned char)s[1]) : PF_END;
    return (f->rows[pair_class((unsigned char)s[0])] >> b) & 1;
}

/* Adds every key of a list file (as wordmap_load reads it); false if unreadable. */
/* A filter of the first two characters of a list's keys. */
void pair_filter_from(pair_filter *f, const wordmap *m);

/* A list of words and phrases (up to 4 words), looked up word by word: the
 * map also holds the first word of every phrase (with an empty value), so a
 * word that starts nothing costs one lookup. */
typedef struct phrases {
    wordmap *map;        /* entry → value; phrase heads → "" */
    wordmap *heads;      /* first words of multi-word entries */
    pair_filter pairs;   /* of map's keys, heads included */
} phrases;

struct text_res {
    phrases junk;        /* text-junk.txt: phrase → line | stem | phrase | label | credit | reader */
    phrases meta;        /* text-meta.txt: word → pub | upd | date | byline | time */
    phrases agencies;    /* text-agencies.txt: name → canonical name */
    wordmap *stop;       /* text-stopwords.txt: function words */
    pair_filter stop_pairs;
    wordmap *not_places; /* text-dateline-not.txt: words before ':' that are no place */
    wordmap *places;     /* ../gazetteer/places.txt: confirms "Islamabad:" datelines */
};

enum unit_kind { UK_BODY, UK_JUNK, UK_META, UK_TITLE };

enum unit_flag {
    UF_TERMINAL = 1 << 0,  /* ends a sentence: . ! ? … (before closing quotes/brackets) */
    UF_COLON    = 1 << 1,  /* ends with ':' (a lead-in: "He said:") */
    UF_DIGIT    = 1 << 2,  /* holds a digit */
    UF_LETTER   = 1 << 3,  /* holds a letter */
    UF_UPSTART  = 1 << 4,  /* first letter is upper case (or it starts with a digit/quote) */
    UF_LONG     = 1 << 5,  /* too long to be anything but body; not scanned */
    UF_INDENT   = 1 << 6,  /* indented line (tables in wire copy) */
    UF_STOPS    = 1 << 7,  /* has_stop was computed */
    UF_TABLE    = 1 << 8,  /* a row of a table (columns set apart by runs of spaces) */
    UF_LISTED   = 1 << 9,  /* junk by the word lists or by shape: strong evidence */
};

typedef struct unit {
    uint32_t off, len;     /* its text in tctx.norm */
    uint32_t group;        /* units of lines with no blank line between share a group */
    uint16_t words;        /* saturating */
    uint16_t has_stop;     /* 1 if a function word is among them (when UF_STOPS) */
    uint16_t flags;        /* enum unit_flag */
    uint8_t kind;          /* enum unit_kind */
    uint8_t nlines;
} unit;

/* Ranks of evidence, so the best of several candidates wins. */
enum { RANK_NONE = 0 };

/* Working memory lent by the thread to each article in turn, so cleaning
 * costs no malloc once warm (text.c). */
typedef struct { unit *v; uint32_t n, cap; } unit_vec;

typedef struct tctx {
    const text_res *r;
    article *a;
    buf norm;              /* every unit's text, each after two spare bytes */
    unit_vec units;
    void *lines;           /* text_units.c's line records, and their capacity */
    uint32_t lines_cap;
    uint64_t *seen;        /* text_junk.c's table of repeated lines */
    uint32_t seen_cap;
    date pub;              /* best publication date so far */
    int pub_rank;
    const char *outlet;
    int outlet_rank;
    const char *byline_place;  /* "By Agencies in Islamabad" → "Islamabad" */
} tctx;

static inline const char *unit_text(const tctx *c, const unit *u) { return c->norm.p + u->off; }

/* Room for need elements of elem bytes at *p (realloc'd, capacity in *cap). */
void *text_reserve(void **p, uint32_t *cap, uint32_t need, size_t elem);

/* text_units.c: lines → units (wrapped paragraphs joined, markers dropped). */
void text_build_units(tctx *c, const char *s, size_t n);

/* text_junk.c */
void text_unit_features(tctx *c, unit *u);
bool text_is_sentence(const unit *u);
void text_find_junk(tctx *c);
/* Cuts a photo credit off the end of a kept paragraph ("… spree. AFP PHOTO /
 * Jane Doe (Photo credit should read …)"), recording it as removed. */
void text_trim_credit(tctx *c, unit *u);

/* text_meta.c */
void text_find_meta(tctx *c);
void text_find_title(tctx *c);
void text_set_outlet(tctx *c, const char *s, size_t n, int rank);
/* The outlet a junk unit names: "(At X, we …)", "Read … at X", a sign-off. */
void text_outlet_from_junk(tctx *c, const unit *u, bool last);
/* Appends s to a->removed (white space collapsed). */
void text_remove(tctx *c, const char *s, size_t n);

/* Words of a short text for list lookups: spans of letters, digits and inner
 * ' ’ - . & ; at most TEXT_MAX_WORDS. Returns the count. */
#define TEXT_MAX_WORDS 48
typedef struct word_span { uint32_t s, e; } word_span;
int text_words(const char *s, size_t n, word_span *w, int max);
/* The value of the longest entry of l (up to 4 words) starting at word i, or
 * NULL; *nw gets how many words it spans (1 when none). */
const char *text_lookup(const phrases *l, const char *s, const word_span *w, int nwords, int i, int *nw);
/* The value of one entry, or NULL. */
const char *phrase_get(const phrases *l, const char *s, size_t n);

/* 1 if s ends a sentence (. ! ? …, before closing quotes and brackets),
 * 2 if it ends with a colon, else 0. */
int text_end_kind(const char *s, size_t n);

/* Bytes of white space at s (ASCII, NBSP, Unicode spaces, BOM), 0 if none. */
int text_space_len(const char *s, const char *end);

#endif
