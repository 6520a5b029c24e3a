/* wordmap.c — open-addressing hash map from byte strings to strings. */
#include "core/wordmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/utf8.h"

typedef struct slot { uint64_t hash; uint32_t key, klen, val; } slot;

struct wordmap {
    int flags;
    slot *slots;
    size_t cap, count, maxlen;
    /* Cheap rejection before folding and hashing: most lookups are of words
     * not in the list. Bit i of lengths: some key has i bytes (63: longer);
     * bit b of first: some key starts with byte b (folded). */
    uint64_t lengths;
    uint64_t first[4];
    buf pool;     /* keys and values, NUL-terminated, referenced by offset */
};

/* FNV-1a with a final avalanche: keys are short words, so a simple byte loop
 * beats block hashes, and folding can feed it in the same pass. */
#define FNV_SEED 0xcbf29ce484222325ULL
#define FNV_STEP(h, c) (((h) ^ (unsigned char)(c)) * 0x100000001b3ULL)

static inline uint64_t avalanche(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = FNV_SEED;
    for (size_t i = 0; i < n; i++) h = FNV_STEP(h, s[i]);
    return avalanche(h);
}

wordmap *wordmap_new(int flags)
{
    wordmap *m = calloc(1, sizeof *m);
    if (!m) abort();
    m->flags = flags;
    m->cap = 64;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (!m->slots) abort();
    buf_init(&m->pool);
    buf_putc(&m->pool, '\0');   /* offset 0 = "" */
    return m;
}

void wordmap_free(wordmap *m)
{
    if (!m) return;
    free(m->slots);
    buf_free(&m->pool);
    free(m);
}

/* Folds key into tmp (ASCII lower case, ’ and ‘ → ') and hashes it in the
 * same pass; returns the folded length, or (size_t)-1 when the map does not
 * fold or the key is too long to fold (it then cannot match a folded key). */
static size_t fold_key(const wordmap *m, const char *k, size_t n, char *tmp, size_t cap, uint64_t *hash)
{
    if (!(m->flags & WM_FOLD) || n > cap) return (size_t)-1;
    uint64_t h = FNV_SEED;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)k[i];
        if (c >= 'A' && c <= 'Z') c += 32;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)k[i + 1] == 0x80 &&
                 ((unsigned char)k[i + 2] == 0x99 || (unsigned char)k[i + 2] == 0x98)) {
            c = '\'';
            i += 2;
        }
        tmp[o++] = (char)c;
        h = FNV_STEP(h, c);
    }
    *hash = avalanche(h);
    return o;
}

static slot *find(const wordmap *m, const char *k, size_t n, uint64_t h)
{
    size_t mask = m->cap - 1, i = h & mask;
    for (;;) {
        slot *s = &m->slots[i];
        if (!s->klen) return s;
        if (s->hash == h && s->klen == n && memcmp(m->pool.p + s->key, k, n) == 0) return s;
        i = (i + 1) & mask;
    }
}

static void rehash(wordmap *m)
{
    slot *old = m->slots;
    size_t oldcap = m->cap;
    m->cap *= 2;
    m->slots = calloc(m->cap, sizeof *m->slots);
    if (!m->slots) abort();
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].klen) continue;
        size_t j = old[i].hash & (m->cap - 1);
        while (m->slots[j].klen) j = (j + 1) & (m->cap - 1);
        m->slots[j] = old[i];
    }
    free(old);
}

void wordmap_add(wordmap *m, const char *key, size_t n, const char *value)
{
    char tmp[512];
    uint64_t h;
    size_t fn = fold_key(m, key, n, tmp, sizeof tmp, &h);
    if (fn != (size_t)-1) { key = tmp; n = fn; }
    else h = hash_bytes(key, n);
    if (n == 0) return;
    if ((m->count + 1) * 4 > m->cap * 3) rehash(m);
    slot *s = find(m, key, n, h);
    uint32_t val = 0;
    if (value && *value) {
        val = (uint32_t)m->pool.n;
        buf_put(&m->pool, value, strlen(value) + 1);
    }
    if (s->klen) { s->val = val; return; }   /* later entries win */
    m->lengths |= 1ULL << (n < 63 ? n : 63);
    unsigned char b0 = (unsigned char)key[0];
    m->first[b0 >> 6] |= 1ULL << (b0 & 63);
    s->hash = h;
    s->key = (uint32_t)m->pool.n;
    s->klen = (uint32_t)n;
    s->val = val;
    buf_put(&m->pool, key, n);
    buf_putc(&m->pool, '\0');
    m->count++;
    if (n > m->maxlen) m->maxlen = n;
}

static inline bool may_hold(const wordmap *m, const char *key, size_t n)
{
    if (!(m->lengths & (1ULL << (n < 63 ? n : 63)))) {
        /* a folded key can be shorter than the word: ’ (3 bytes) becomes ' */
        if (!(m->flags & WM_FOLD) || !memchr(key, 0xE2, n)) return false;
    }
    unsigned char b0 = (unsigned char)key[0];
    if ((m->flags & WM_FOLD) && b0 >= 'A' && b0 <= 'Z') b0 += 32;
    if (b0 == 0xE2) return true;   /* may fold to ' */
    return (m->first[b0 >> 6] >> (b0 & 63)) & 1;
}

const char *wordmap_get(const wordmap *m, const char *key, size_t n)
{
    if (!m || n == 0 || n > m->maxlen || !may_hold(m, key, n)) return NULL;
    char tmp[512];
    uint64_t h;
    size_t fn = fold_key(m, key, n, tmp, sizeof tmp, &h);
    if (fn != (size_t)-1) { key = tmp; n = fn; }
    else h = hash_bytes(key, n);
    slot *s = find(m, key, n, h);
    return s->klen ? m->pool.p + s->val : NULL;
}

size_t wordmap_count(const wordmap *m) { return m ? m->count : 0; }
size_t wordmap_maxlen(const wordmap *m) { return m ? m->maxlen : 0; }

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\r' || e[-1] == '\n' || e[-1] == '\t')) *--e = '\0';
    return s;
}

wordmap *wordmap_load(const char *path, int flags, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    wordmap *m = wordmap_new(flags);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        char *l = line;
        if (*l == '#') continue;
        char *tab = strchr(l, '\t');
        char *val = NULL;
        if (tab) { *tab = '\0'; val = trim(tab + 1); }
        l = trim(l);
        if (*l) wordmap_add(m, l, strlen(l), val);
    }
    free(line);
    fclose(f);
    return m;
}
