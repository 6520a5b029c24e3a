/* idmap.c — sizing and growing a per-article key map (idmap.h). */
#include "core/idmap.h"

#include <string.h>

static void alloc_tables(idmap *t, uint32_t cap)
{
    t->mask = cap - 1;
    t->used = 0;
    t->keys = arena_alloc(t->mem, sizeof *t->keys * cap);
    t->vals = arena_alloc(t->mem, sizeof *t->vals * cap);
    memset(t->vals, 0xFF, sizeof *t->vals * cap);   /* every slot -1: empty */
}

void idmap_init(arena *m, idmap *t, uint32_t n)
{
    uint32_t cap = 16;
    while (cap < n * 2) cap *= 2;
    t->mem = m;
    alloc_tables(t, cap);
}

void idmap_grow(idmap *t)
{
    uint64_t *keys = t->keys;
    int32_t *vals = t->vals;
    uint32_t cap = t->mask + 1;
    alloc_tables(t, cap * 2);
    for (uint32_t i = 0; i < cap; i++)
        if (vals[i] >= 0) *idmap_slot(t, keys[i]) = vals[i];
}
