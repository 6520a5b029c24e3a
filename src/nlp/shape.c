/* shape.c — filling shape sets (see shape.h) from word-list keys. */
#include "nlp/shape.h"

#include <string.h>

static void add_one(shape_set *set, const char *s, size_t n)
{
    if (!n) return;
    uint32_t k = shape_of(s, n);
    set->w[k >> 6] |= 1ULL << (k & 63);
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
