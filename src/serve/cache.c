/* cache.c — the server's cache of API replies: the same request, asked again
 * while the store is unchanged, is answered without reading the store.
 *
 * A ranked search costs a few milliseconds of CPU however short its answer
 * (FTS5 scores every matching article), and readers ask the same things
 * again: a linked search, the page of a person everyone is reading about.
 * Entries carry the generation of the store they were read from; the server
 * moves to a new generation as soon as any worker's connection sees that an
 * ingest committed (corpus_version), and older entries are never served.
 *
 * Direct-mapped by a hash of the request (a newer entry replaces an older
 * one in its slot), under one mutex held only to copy bytes; bounded in
 * entries, in bytes per entry and in bytes in all. */
#include "serve/internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

enum {
    ENTRY_MAX = 256 * 1024,          /* larger replies are not kept */
    TOTAL_MAX = 64 * 1024 * 1024,    /* bytes of keys and replies in all */
};

typedef struct entry {
    char *key, *body;                /* NULL: empty slot */
    size_t keylen, n;
    unsigned long gen;
    int status;
} entry;

struct reply_cache {
    entry *slots;
    size_t nslots, bytes;
    pthread_mutex_t lock;
};

reply_cache *cache_new(size_t slots)
{
    if (!slots) return NULL;
    reply_cache *k = calloc(1, sizeof *k);
    if (!k || !(k->slots = calloc(slots, sizeof *k->slots))) abort();
    k->nslots = slots;
    pthread_mutex_init(&k->lock, NULL);
    return k;
}

static void drop(reply_cache *k, entry *e)
{
    if (!e->key) return;
    k->bytes -= e->keylen + e->n;
    free(e->key);
    free(e->body);
    *e = (entry){0};
}

void cache_free(reply_cache *k)
{
    if (!k) return;
    for (size_t i = 0; i < k->nslots; i++) drop(k, &k->slots[i]);
    free(k->slots);
    pthread_mutex_destroy(&k->lock);
    free(k);
}

static entry *slot(reply_cache *k, const buf *key)
{
    return &k->slots[XXH3_64bits(key->p, key->n) % k->nslots];
}

bool cache_get(reply_cache *k, const buf *key, unsigned long gen, reply *r)
{
    if (!k) return false;
    bool hit = false;
    pthread_mutex_lock(&k->lock);
    entry *e = slot(k, key);
    if (e->key && e->gen != gen) drop(k, e);
    if (e->key && e->keylen == key->n && !memcmp(e->key, key->p, key->n)) {
        r->status = e->status;
        r->type = "application/json";
        r->body.n = 0;
        buf_put(&r->body, e->body, e->n);
        hit = true;
    }
    pthread_mutex_unlock(&k->lock);
    return hit;
}

void cache_put(reply_cache *k, const buf *key, unsigned long gen, const reply *r)
{
    if (!k || r->body.n > ENTRY_MAX) return;
    char *kcopy = malloc(key->n), *body = malloc(r->body.n ? r->body.n : 1);
    if (!kcopy || !body) abort();
    memcpy(kcopy, key->p, key->n);
    if (r->body.n) memcpy(body, r->body.p, r->body.n);
    pthread_mutex_lock(&k->lock);
    entry *e = slot(k, key);
    drop(k, e);
    if (k->bytes + key->n + r->body.n <= TOTAL_MAX) {
        *e = (entry){kcopy, body, key->n, r->body.n, gen, r->status};
        k->bytes += key->n + r->body.n;
        kcopy = body = NULL;
    }
    pthread_mutex_unlock(&k->lock);
    free(kcopy);
    free(body);
}
