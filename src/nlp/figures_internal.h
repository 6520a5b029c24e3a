/* figures_internal.h — what the parts of the figures step share.
 *
 *   figures.c          the step: where numbers are, which are figures, output
 *   figures_tables.c   the word tables, and phrase lookups over tokens
 *   numbers.c          a number as written, with its scale, currency or percent,
 *                      range and approximation ("more than $1.5 billion")
 *   figures_measure.c  what the number counts, from the words around it
 *
 * Every look-around stays inside one sentence (a window of tokens), and runs
 * only where a number is, so the step costs little on long articles. */
#ifndef DOSSIER_FIGURES_INTERNAL_H
#define DOSSIER_FIGURES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/article.h"
#include "core/wordmap.h"
#include "nlp/steps.h"

/* Bits over (first two letters, length) of words, and over the first byte of
 * other words: see figures_tables.c. */
#define FILTER_LETTERS (26 * 26 * 16)
#define FILTER_WORDS ((FILTER_LETTERS + 256) / 64)
/* Bits over the first two letters alone, or the first byte of other words. */
#define HEAD_WORDS ((26 * 26 + 256 + 63) / 64)

/* A word table of data/nlp/ with the filters that spare most lookups. */
typedef struct table {
    wordmap *map;
    unsigned id;                   /* tells the tables apart in a phrase_memo */
    uint64_t any[FILTER_WORDS];    /* words of keys */
    uint64_t head[FILTER_WORDS];   /* first words of keys that span tokens */
    uint64_t tail[FILTER_WORDS];   /* last words of such keys */
} table;

struct figures_res {
    table numbers;        /* data/nlp/numbers.txt: number words, scales, modifiers */
    table currencies;     /* data/nlp/currencies.txt */
    table measures;       /* data/nlp/measures.txt */
    uint64_t number_words[FILTER_WORDS];   /* words that can open a number */
    uint64_t number_heads[HEAD_WORDS];     /* their first two letters (filter_head) */
    uint64_t toll_words[FILTER_WORDS];     /* words of tolls ("death toll") */
};

/* The tokens [lo, hi) of one sentence, with each token's filter bit
 * (figures_tables.c), computed when first asked for (FILTER_UNSET until
 * then): only the tokens around numbers are asked. */
enum { FILTER_UNSET = 0xFFFF };

/* The phrases of one article looked up so far: the tables are asked about
 * the same few tokens around a number again and again (is it a date, a
 * label, a range, approximate?), and a lookup costs a key build and a hash.
 * Direct-mapped; key 0 is an empty slot. */
enum { MEMO_SLOTS = 64 };
typedef struct phrase_memo {
    uint64_t key[MEMO_SLOTS];
    const char *val[MEMO_SLOTS];
} phrase_memo;

typedef struct window {
    const article *a;
    uint32_t lo, hi;
    uint16_t *bit;
    phrase_memo *memo;
} window;

/* A number as written: "more than 300", "$106.9 billion", "7,000 to 8,000", "65%". */
typedef struct quantity {
    uint32_t first, end;      /* tokens [first, end), modifiers and unit words included */
    double value, high;       /* high is NAN unless a range */
    bool approx;
    bool percent;
    bool in_words;            /* "nine", not "9" */
    bool yearlike;            /* a bare four-digit number such as 2014 */
    const char *currency;     /* the code field of a currencies.txt entry, or NULL */
    size_t currency_len;
} quantity;

/* --- tokens ------------------------------------------------------------------ */
static inline const token *tok_at(const window *w, uint32_t i) { return &w->a->tokens.v[i]; }
static inline const char *tok_text(const window *w, uint32_t i) { return w->a->text + w->a->tokens.v[i].start; }
static inline size_t tok_len(const window *w, uint32_t i)
{
    return tok_end(&w->a->tokens.v[i]) - w->a->tokens.v[i].start;
}
static inline bool tok_is(const window *w, uint32_t i, char c)
{
    return i >= w->lo && i < w->hi && tok_len(w, i) == 1 && tok_text(w, i)[0] == c;
}
/* Whether tokens i and i + 1 touch, with no space between ("US" "$"). */
static inline bool tok_touch(const window *w, uint32_t i)
{
    return i + 1 < w->hi && !(tok_at(w, i + 1)->flags & TF_SPACE);
}

/* --- figures_tables.c -------------------------------------------------------- */
typedef void (*table_each)(void *ctx, const char *key, size_t n, const char *value);
/* Loads a table, calling each (if not NULL) for every entry. */
bool table_load(table *t, const char *path, table_each each, void *ctx, char *err, size_t errlen);
void table_free(table *t);
const char *table_get(const table *t, const char *s, size_t n);
/* Longest phrase of at most maxn tokens in t starting at token i (forward) or
 * ending just before token end (back). Returns its value, with its length in
 * tokens in *n, or NULL. */
const char *phrase_fwd(const table *t, const window *w, uint32_t i, uint32_t maxn, uint32_t *n);
const char *phrase_back(const table *t, const window *w, uint32_t end, uint32_t maxn, uint32_t *n);
/* The filter bit of a word: its first two letters and the length of its
 * first part (up to a hyphen, so "year-old" and "-year-old" agree); a word
 * that does not start with two ASCII letters ("$", "U.S.", "a") gets a bit
 * of its first byte alone. Inline: every token of an article is asked. */
static inline int filter_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static inline uint16_t filter_bit(const char *s, size_t n)
{
    int c0 = n > 0 ? filter_lower((unsigned char)s[0]) - 'a' : -1;
    int c1 = n > 1 ? filter_lower((unsigned char)s[1]) - 'a' : -1;
    if (c0 < 0 || c0 >= 26 || c1 < 0 || c1 >= 26)
        return (uint16_t)(FILTER_LETTERS + (n ? filter_lower((unsigned char)s[0]) : 0));
    size_t len = 2, cap = n < 15 ? n : 15;   /* lengths from 15 share a bit */
    while (len < cap && s[len] != '-') len++;
    return (uint16_t)(((c0 * 26 + c1) << 4) | (int)len);
}
/* A coarser filter over the first two letters alone, cheaper still: it rules
 * out most words before their filter bit is worked out. */
static inline uint16_t filter_head(const char *s, size_t n)
{
    int c0 = filter_lower((unsigned char)s[0]) - 'a', c1 = n > 1 ? filter_lower((unsigned char)s[1]) - 'a' : -1;
    if (c0 < 0 || c0 >= 26 || c1 < 0 || c1 >= 26) return (uint16_t)(26 * 26 + filter_lower((unsigned char)s[0]));
    return (uint16_t)(c0 * 26 + c1);
}
/* Whether a filter holds a word or a token. */
void filter_add(uint64_t *bits, const char *s, size_t n);
static inline bool bit_in(const uint64_t *bits, uint16_t k) { return bits[k >> 6] >> (k & 63) & 1; }
static inline bool filter_has(const uint64_t *bits, const char *s, size_t n) { return bit_in(bits, filter_bit(s, n)); }
static inline uint16_t tok_bit(const window *w, uint32_t i)
{
    if (w->bit[i] == FILTER_UNSET) w->bit[i] = filter_bit(tok_text(w, i), tok_len(w, i));
    return w->bit[i];
}
static inline bool tok_in(const uint64_t *bits, const window *w, uint32_t i) { return bit_in(bits, tok_bit(w, i)); }
/* table_get() for token i. */
const char *tok_get(const table *t, const window *w, uint32_t i);
/* Whether the first word of value v (space-separated fields) is s. */
bool field_is(const char *v, const char *s);

/* --- numbers.c -------------------------------------------------------------- */
/* Whether word token i, "a" or "an", opens a number ("a dozen", "a million"). */
bool number_after_article(const figures_res *r, const window *w, uint32_t i);
/* Whether a digit follows a word's first letters within its first four
 * bytes ("Rs5bn"): bytes 1..3 read as one number (zero-padded; 0 is no
 * digit) and tested all at once, exactly, by lane-wise arithmetic that
 * cannot carry across bytes. Asked of every word of an article. */
static inline bool glued_digit(const char *s, size_t n)
{
    uint32_t x = 0;
    if (n >= 4) {
        memcpy(&x, s, 4);
        x >>= 8;
    } else if (n == 3) {
        uint16_t y;
        memcpy(&y, s + 1, 2);
        x = y;
    } else if (n == 2) {
        x = (unsigned char)s[1];
    }
    const uint32_t ones = 0x01010101u, l = x & ones * 127;
    return ((ones * (127 + '9' + 1) - l) & ~x & (l + ones * (127 - ('0' - 1))) & (ones * 128)) != 0;
}

/* Whether token i could open a number; cheap and inline, for every token. */
static inline bool number_may_start(const figures_res *r, const window *w, uint32_t i)
{
    uint16_t flags = tok_at(w, i)->flags;
    if (flags & TF_NUM) return true;
    if (!(flags & TF_WORD)) return false;
    const char *s = tok_text(w, i);
    size_t n = tok_len(w, i);
    if (bit_in(r->number_heads, filter_head(s, n)) && tok_in(r->number_words, w, i)) return true;
    /* | 0x20 makes only A and a into a, N and n into n */
    if ((s[0] | 0x20) == 'a' && (n == 1 || (n == 2 && (s[1] | 0x20) == 'n'))) return number_after_article(r, w, i);
    return glued_digit(s, n);
}
/* Reads the quantity whose number starts at token i; false when none does. */
bool quantity_read(const figures_res *r, const window *w, uint32_t i, quantity *q);

/* --- figures_measure.c ------------------------------------------------------ */
/* What the words around a quantity say it counts. */
typedef struct reading {
    const char *measure; size_t measure_len;   /* NULL when unknown */
    const char *unit; size_t unit_len;         /* NULL when none */
    uint32_t noun_end;     /* token after a counted noun right behind the number, or 0 */
    bool from_verb;        /* from a verb right before it, which numbers joined to it share */
    bool has_noun;         /* a counted noun or predicate follows: not a label */
} reading;

/* The figure just before in the sentence, which a coordinated one may share
 * its measure with ("killed 132 children and nine staff"). */
typedef struct previous {
    bool set;
    uint32_t end;          /* token after it */
    reading rd;
} previous;

void measure_read(const figures_res *r, const window *w, const quantity *q, const previous *prev, reading *rd);
/* True when token i is a word of the measures table (headline verbs such as "Kills"). */
bool measure_word(const figures_res *r, const window *w, uint32_t i);
/* True when token i is a noun counting people ("2000 people"). */
bool person_noun_at(const figures_res *r, const window *w, uint32_t i);

#endif
