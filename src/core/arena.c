/* arena.c — bump allocator in chained blocks; see arena.h. */
#include "core/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct arena_block {
    arena_block *prev;
    size_t cap, used;
    size_t last;         /* offset of the most recent allocation, for in-place growth */
    _Alignas(16) unsigned char mem[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024, ARENA_MAX_BLOCK = 1024 * 1024, ARENA_BIG = 256 * 1024, ARENA_ALIGN = 16 };

static void oom(size_t n)
{
    fprintf(stderr, "dossier: out of memory (asked for %zu bytes)\n", n);
    abort();
}

void arena_init(arena *a) { a->head = a->big = NULL; a->used_total = 0; }

static void free_chain(arena_block *b)
{
    while (b) {
        arena_block *prev = b->prev;
        free(b);
        b = prev;
    }
}

/* Large blocks are anonymous mappings of their own (see big_alloc). */
static void unmap_chain(arena_block *b)
{
    while (b) {
        arena_block *prev = b->prev;
        munmap(b, sizeof *b + b->cap);
        b = prev;
    }
}

void arena_free(arena *a)
{
    free_chain(a->head);
    unmap_chain(a->big);
    arena_init(a);
}

static arena_block *new_block(arena *a, size_t need)
{
    size_t cap = a->head ? a->head->cap * 2 : ARENA_MIN_BLOCK;
    if (cap > ARENA_MAX_BLOCK) cap = ARENA_MAX_BLOCK;
    if (cap < need) cap = need;
    arena_block *b = malloc(sizeof *b + cap);
    if (!b) oom(need);
    b->prev = a->head;
    b->cap = cap;
    b->used = 0;
    b->last = 0;
    a->head = b;
    return b;
}

static size_t round_up(size_t n)
{
    size_t rounded = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (rounded < n || rounded > SIZE_MAX - sizeof(arena_block)) oom(n);
    return rounded;
}

/* A large allocation: a block of its own, first in a->big. It is mapped
 * directly rather than taken from malloc: fresh pages read as zero and cost
 * no memory until written, so the unused tail of a reserved or doubled array
 * (tokens, drafts, mentions) is never resident, and growing it by mremap
 * neither copies nor zeroes anything. */
static void *big_alloc(arena *a, size_t rounded)
{
    arena_block *b = mmap(NULL, sizeof *b + rounded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (b == MAP_FAILED) oom(rounded);
    b->prev = a->big;
    b->cap = b->used = rounded;
    a->big = b;
    a->used_total += rounded;
    return b->mem;
}

/* Grows p in place or by moving its block, when p is a large allocation:
 * NULL when it is not. The pages added are fresh, hence zero. */
static void *big_grow(arena *a, void *p, size_t old_n, size_t new_n)
{
    (void)old_n;
    arena_block **link = &a->big;
    while (*link && (void *)(*link)->mem != p) link = &(*link)->prev;
    if (!*link) return NULL;
    size_t rounded = round_up(new_n);
    arena_block *b = mremap(*link, sizeof *b + (*link)->cap, sizeof *b + rounded, MREMAP_MAYMOVE);
    if (b == MAP_FAILED) oom(rounded);
    a->used_total += rounded - b->cap;
    b->cap = b->used = rounded;
    *link = b;
    return b->mem;
}

void *arena_alloc(arena *a, size_t n)
{
    size_t rounded = round_up(n);
    if (rounded >= ARENA_BIG) return big_alloc(a, rounded);
    arena_block *b = a->head;
    if (!b || b->cap - b->used < rounded) b = new_block(a, rounded);
    void *p = b->mem + b->used;
    b->last = b->used;
    b->used += rounded;
    a->used_total += rounded;
    memset(p, 0, n);
    return p;
}

void *arena_grow(arena *a, void *p, size_t old_n, size_t new_n)
{
    if (!p) return arena_alloc(a, new_n);
    if (new_n <= old_n) return p;
    arena_block *b = a->head;
    size_t rounded = (new_n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (b && (unsigned char *)p == b->mem + b->last && b->last + rounded <= b->cap) {
        memset((unsigned char *)p + old_n, 0, new_n - old_n);
        a->used_total += rounded - (b->used - b->last);
        b->used = b->last + rounded;
        return p;
    }
    void *q = new_n >= ARENA_BIG ? big_grow(a, p, old_n, new_n) : NULL;
    if (q) return q;
    q = arena_alloc(a, new_n);
    memcpy(q, p, old_n);
    return q;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *d = arena_alloc(a, (size_t)(n < 0 ? 0 : n) + 1);
    if (n > 0) vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}

void arena_vec_grow(arena *a, void **v, uint32_t *cap, size_t elem)
{
    uint32_t newcap = *cap ? *cap * 2 : 8;
    if (newcap < *cap) oom((size_t)*cap * elem);   /* wrapped: over 4G elements */
    *v = arena_grow(a, *v, (size_t)*cap * elem, (size_t)newcap * elem);
    *cap = newcap;
}
