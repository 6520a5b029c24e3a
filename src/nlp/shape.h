/* shape.h — a word's shape (first two bytes, last byte, length) as one bit of
 * a small set, to rule words out of a word list before hashing them.
 *
 * The times, figures and quotes steps keep their word lists in hash maps
 * (core/wordmap.h); asking a map about a word costs a fold, a hash and a
 * compare, and most words of an article are in none of the lists. A shape
 * set holds the shapes of a list's keys: a word whose shape is absent is
 * surely absent, for a few instructions and one memory read. ASCII case is
 * ignored, as WM_FOLD maps ignore it, and a key with a straight apostrophe
 * also gets the shape of its curly form (’, three bytes), which such maps
 * also fold. Different shapes may share a bit: a set only ever says "maybe". */
#ifndef DOSSIER_NLP_SHAPE_H
#define DOSSIER_NLP_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { SHAPE_LOG2 = 15, SHAPE_BITS = 1 << SHAPE_LOG2 };

typedef struct shape_set {
    uint64_t w[SHAPE_BITS / 64];
} shape_set;

static inline uint32_t shape_fold(unsigned char c) { return (unsigned)c - 'A' < 26u ? c | 0x20u : c; }

/* The shape of s[0, n), n > 0: its bit in a set. */
static inline uint32_t shape_of(const char *s, size_t n)
{
    uint32_t len = n < 255 ? (uint32_t)n : 255;
    uint32_t key = shape_fold((unsigned char)s[0]) | (n > 1 ? shape_fold((unsigned char)s[1]) << 8 : 0) |
                   shape_fold((unsigned char)s[n - 1]) << 16 | len << 24;
    return (key * 0x9E3779B1u) >> (32 - SHAPE_LOG2);
}

static inline bool shape_in(const shape_set *set, uint32_t shape)
{
    return set->w[shape >> 6] >> (shape & 63) & 1;
}

/* Whether a word of this shape may be in the set (false: surely not). */
static inline bool shape_may(const shape_set *set, const char *s, size_t n)
{
    return n > 0 && shape_in(set, shape_of(s, n));
}

/* Adds the shape of key[0, n) and of its curly-apostrophe form. */
void shape_add(shape_set *set, const char *key, size_t n);

#endif
