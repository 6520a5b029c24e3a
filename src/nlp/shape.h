/* shape.h — a word's shape (first two bytes, last two, length) as bits of a
 * small set, to rule words out of a word list before hashing them.
 *
 * The times, figures and quotes steps keep their word lists in hash maps
 * (core/wordmap.h); asking a map about a word costs a fold, a hash and a
 * compare, and most words of an article are in none of the lists. A shape
 * set holds the shapes of a list's keys: a word whose shape is absent is
 * surely absent, for a few instructions and two memory reads. ASCII case is
 * ignored, as WM_FOLD maps ignore it, and a key with a straight apostrophe
 * also gets the shape of its curly form (’, three bytes), which such maps
 * also fold. Different shapes may share bits: a set only ever says "maybe". */
#ifndef DOSSIER_NLP_SHAPE_H
#define DOSSIER_NLP_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/wordmap.h"

enum { SHAPE_LOG2 = 15, SHAPE_BITS = 1 << SHAPE_LOG2 };

typedef struct shape_set {
    uint64_t w[SHAPE_BITS / 64];
} shape_set;

/* The shape of s[0, n), n > 0, hashed: a set holds two bits for it, so that
 * a word of another shape rarely finds both set. Case is folded by setting
 * bit 5 of every byte, which also merges a few punctuation bytes with
 * others: harmless in a filter, and one instruction. */
static inline uint32_t shape_of(const char *s, size_t n)
{
    uint16_t head, tail;
    if (n > 1) {
        __builtin_memcpy(&head, s, 2);
        __builtin_memcpy(&tail, s + n - 2, 2);
    } else {
        head = (unsigned char)s[0];
        tail = 0;
    }
    uint32_t key = ((uint32_t)head | (uint32_t)tail << 16) | 0x20202020u;
    return (key * 0x9E3779B1u) ^ ((uint32_t)n * 0x7FEB352Du);
}

static inline uint32_t shape_bit1(uint32_t shape) { return shape >> (32 - SHAPE_LOG2); }
static inline uint32_t shape_bit2(uint32_t shape) { return (shape * 0x85EBCA6Bu) >> (32 - SHAPE_LOG2); }

static inline bool shape_in(const shape_set *set, uint32_t shape)
{
    uint32_t a = shape_bit1(shape), b = shape_bit2(shape);
    return (set->w[a >> 6] >> (a & 63) & 1) && (set->w[b >> 6] >> (b & 63) & 1);
}

/* Whether a word of this shape may be in the set (false: surely not). */
static inline bool shape_may(const shape_set *set, const char *s, size_t n)
{
    return n > 0 && shape_in(set, shape_of(s, n));
}

/* Adds the shape of key[0, n) and of its curly-apostrophe form. */
void shape_add(shape_set *set, const char *key, size_t n);
/* Adds the shapes of a word list's keys. */
void shape_add_map(shape_set *set, const wordmap *m);

#endif
