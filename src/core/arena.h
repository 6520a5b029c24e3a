/* arena.h — one region of memory per article, freed in one call.
 *
 * Every stage allocates what it extracts from an article in that article's
 * arena, so no stage frees anything and article_free() releases it all.
 * Small allocations share blocks that grow geometrically up to 1 MiB; the
 * last one can grow in place, which makes arena-backed dynamic arrays (see
 * ARENA_PUSH) cheap. An allocation of 256 KiB or more gets a block of its
 * own, mapped from the system (fresh zero pages, resident only once written),
 * and grows by mremap of that block: a long article's arrays (tokens,
 * mentions) neither strand the copies they outgrew nor make the next shared
 * block as large as themselves, and the unused half of a doubled array costs
 * nothing. */
#ifndef DOSSIER_ARENA_H
#define DOSSIER_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;   /* current shared block; older blocks chain behind it */
    arena_block *big;    /* blocks of one large allocation each, newest first */
    size_t used_total;   /* bytes handed out, for statistics */
} arena;

void  arena_init(arena *a);
void  arena_free(arena *a);              /* releases every block */
void *arena_alloc(arena *a, size_t n);   /* zeroed, 16-byte aligned; never NULL (aborts on OOM) */
void *arena_grow(arena *a, void *p, size_t old_n, size_t new_n); /* like realloc */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A growable array living in an arena: struct { T *v; uint32_t n, cap; }.
 * ARENA_PUSH returns a pointer to a new zeroed element at the end. */
#define ARENA_VEC(T) struct { T *v; uint32_t n, cap; }
#define ARENA_PUSH(ar, vec) \
    ((vec).n == (vec).cap ? arena_vec_grow((ar), (void **)&(vec).v, &(vec).cap, sizeof *(vec).v) : (void)0, \
     (__typeof__((vec).v))arena_zero(&(vec).v[(vec).n++], sizeof *(vec).v))
/* Slots are zeroed on every push: a vector emptied by n = 0 and refilled must
 * not hand back the previous run's contents. */
static inline void *arena_zero(void *p, size_t n) { return __builtin_memset(p, 0, n); }
void arena_vec_grow(arena *a, void **v, uint32_t *cap, size_t elem);

#endif
