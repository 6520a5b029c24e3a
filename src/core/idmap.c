/* idmap.c — sizing a per-article key map (idmap.h). */
#include "core/idmap.h"

#include <string.h>

void idmap_init(arena *m, idmap *t, uint32_t n)
{
    uint32_t cap = 16;
    while (cap < n * 2) cap *= 2;
    t->mask = cap - 1;
    t->keys = arena_alloc(m, sizeof *t->keys * cap);
    t->vals = arena_alloc(m, sizeof *t->vals * cap);
    memset(t->vals, 0xFF, sizeof *t->vals * cap);   /* every slot -1: empty */
}
