/* idmap.h — a map from 64-bit keys (hashes of names and words) to int32
 * values, in an arena: the per-article tables of the entities step (words
 * to types, names to groups), filled and read in one pass and freed with
 * the arena. Open addressing, at most half full, doubling as keys come: its
 * size follows the distinct keys, not the mentions looked up (a 100 MB text
 * repeats a few thousand names millions of times). -1 marks an empty slot,
 * so values are never negative. */
#ifndef DOSSIER_IDMAP_H
#define DOSSIER_IDMAP_H

#include <stdint.h>

#include "core/arena.h"

typedef struct idmap {
    uint64_t *keys;
    int32_t *vals;
    uint32_t mask;
    uint32_t used;        /* slots handed out for new keys */
    arena *mem;           /* where the tables are (and grow) */
} idmap;

/* Room for n keys before it first grows, all absent. */
void idmap_init(arena *m, idmap *t, uint32_t n);
/* Twice the slots, the keys rehashed (old tables stay in the arena). */
void idmap_grow(idmap *t);

/* The value slot of key, holding -1 when key is new: the caller stores a
 * value (>= 0) there. The slot moves when the map grows: hold at most one
 * slot of a map at a time. */
static inline int32_t *idmap_slot(idmap *t, uint64_t key)
{
    if ((t->used + 1) * 2 > t->mask + 1) idmap_grow(t);
    uint32_t i = (uint32_t)key & t->mask;
    while (t->vals[i] >= 0 && t->keys[i] != key) i = (i + 1) & t->mask;
    if (t->vals[i] < 0) t->used++;
    t->keys[i] = key;
    return &t->vals[i];
}

/* The value of key, or -1. */
static inline int32_t idmap_get(const idmap *t, uint64_t key)
{
    for (uint32_t i = (uint32_t)key & t->mask; t->vals[i] >= 0; i = (i + 1) & t->mask)
        if (t->keys[i] == key) return t->vals[i];
    return -1;
}

#endif
