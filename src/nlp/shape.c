/* shape.c — filling shape sets (see shape.h) from word-list keys. */
#include "nlp/shape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_one(shape_set *set, const char *s, size_t n)
{
    if (!n) return;
    uint32_t shape = shape_of(s, n), a = shape_bit1(shape), b = shape_bit2(shape);
    set->w[a >> 6] |= 1ULL << (a & 63);
    set->w[b >> 6] |= 1ULL << (b & 63);
}

void shape_add(shape_set *set, const char *key, size_t n)
{
    add_one(set, key, n);
    if (!memchr(key, '\'', n)) return;
    /* the same key with every ' written ’, as text often has it */
    char curly[256];
    size_t o = 0;
    for (size_t i = 0; i < n && o + 3 <= sizeof curly; i++) {
        if (key[i] == '\'') {
            memcpy(curly + o, "\xE2\x80\x99", 3);
            o += 3;
        } else {
            curly[o++] = key[i];
        }
    }
    add_one(set, curly, o);
}

static void add_key(const char *key, size_t n, void *set) { shape_add(set, key, n); }

void shape_add_map(shape_set *set, const wordmap *m) { wordmap_each(m, add_key, set); }
