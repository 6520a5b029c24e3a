/* wordmap.c — open-addressing hash map from byte strings to strings.
 *
 * Most lookups are of words not in the list, so a miss must be cheap: the
 * probe reads a dense array of 32-bit tags (high bits of the hash, 0 for an
 * empty slot) at most half full, and only a matching tag leads on to the key
 * and its bytes. Words are folded and hashed eight bytes a step, with a
 * byte loop only for words holding non-ASCII bytes (curly apostrophes fold).
 * The hash is this file's own: nothing outside depends on it, unlike
 * hash_bytes(), whose values are stored in models. */
#include "core/wordmap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

typedef struct entry { uint32_t key, klen, val; } entry;

enum { FOLD_CAP = 512 };   /* longest key that can be folded; longer ones are kept as written */

struct wordmap {
    int flags;
    uint32_t *tags;   /* per slot: tag of the key's hash, 0 if empty */
    entry *ents;      /* per slot: the key and value, as pool offsets */
    size_t cap, count, maxlen;
    /* Cheap rejection before folding and hashing: most lookups are of words
     * not in the list. Bit i of lengths: some key has i bytes (63: longer);
     * bit b of first: some key starts with byte b (folded). */
    uint64_t lengths;
    uint64_t first[4];
    /* Large maps (gazetteers) outgrow the caches, and most words asked are
     * not in them: two bits per key in one 64-bit word of a small filter
     * (four bits per slot) turn most misses away before the probe. NULL for
     * small maps, whose tags stay cached anyway. */
    uint64_t *filter;
    size_t filter_mask;
    buf pool;     /* keys and values, NUL-terminated, referenced by offset */
};

enum { FILTER_FROM = 16384 };   /* slots from which a map keeps a filter */

/* FNV-1a with a final avalanche: kept for the tables outside whose stored
 * keys depend on it (NER features, aliases). */
#define FNV_SEED 0xcbf29ce484222325ULL
#define FNV_STEP(h, c) (((h) ^ (unsigned char)(c)) * 0x100000001b3ULL)

uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = FNV_SEED;
    for (size_t i = 0; i < n; i++) h = FNV_STEP(h, s[i]);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* --- eight bytes a step ------------------------------------------------------- */

/* load_tail() keeps the last bytes by shifting: that needs the first byte
 * of a load in its low bits. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "wordmap.c reads words as little-endian integers");

#define ONES 0x0101010101010101ULL
#define HIGHS (ONES * 0x80)

static inline uint64_t load8(const char *s)
{
    uint64_t v;
    memcpy(&v, s, 8);
    return v;
}

/* The last r bytes (1 <= r <= 8) of s[0, n), n >= r, zero-padded above, in
 * at most two loads that stay inside the string. */
static inline uint64_t load_tail(const char *s, size_t n, size_t r)
{
    const char *t = s + n - r;
    if (n >= 8) return load8(s + n - 8) >> (8 * (8 - r));
    if (r >= 4) {
        uint32_t a, b;
        memcpy(&a, t, 4);
        memcpy(&b, t + r - 4, 4);
        return a | (uint64_t)b << (8 * (r - 4));
    }
    if (r >= 2) {
        uint16_t a, b;
        memcpy(&a, t, 2);
        memcpy(&b, t + r - 2, 2);
        return a | (uint64_t)b << (8 * (r - 2));
    }
    return (unsigned char)t[0];
}

static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
    return h ^ (h >> 29);
}

static inline uint64_t finish(uint64_t h, size_t n)
{
    h = (h ^ n) * 0xFF51AFD7ED558CCDULL;
    return h ^ (h >> 32);
}

/* The map's hash of s[0, n): blocks of eight bytes, the tail zero-padded. */
static uint64_t block_hash(const char *s, size_t n)
{
    uint64_t h = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) h = mix(h, load8(s + i));
    if (i < n) h = mix(h, load_tail(s, n, n - i));
    return finish(h, n);
}

/* ASCII letters of x lower-cased; every byte of x must be below 0x80, so
 * the lane-wise sums cannot carry into the next byte. */
static inline uint64_t lower8(uint64_t x)
{
    uint64_t ge_a = (x + ONES * (0x80 - 'A')) & HIGHS;
    uint64_t gt_z = (x + ONES * (0x80 - 'Z' - 1)) & HIGHS;
    return x | (ge_a & ~gt_z) >> 2;
}

/* Whether a and b hold the same n bytes, reading neither past its end. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        if (load8(a + i) != load8(b + i)) return false;
    return i == n || load_tail(a, n, n - i) == load_tail(b, n, n - i);
}

/* --- folding ------------------------------------------------------------------ */

/* Byte by byte, for words with non-ASCII bytes: ASCII lower case, and
 * ’ and ‘ → '. Returns the folded length. */
static size_t fold_slow(const char *k, size_t n, char *tmp)
{
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
    }
    return o;
}

/* Folds key into tmp (FOLD_CAP + 8 bytes) and hashes the folded bytes in
 * the same pass; returns the folded length, or (size_t)-1 when the map does
 * not fold or the key is too long to fold (it then cannot match a folded
 * key). */
static inline __attribute__((always_inline)) size_t fold_key(const wordmap *m, const char *k, size_t n, char *tmp, uint64_t *hash)
{
    if (!(m->flags & WM_FOLD) || n > FOLD_CAP) return (size_t)-1;
    uint64_t h = 0, x;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        if ((x = load8(k + i)) & HIGHS) goto slow;
        x = lower8(x);
        memcpy(tmp + i, &x, 8);
        h = mix(h, x);
    }
    if (i < n) {
        if ((x = load_tail(k, n, n - i)) & HIGHS) goto slow;
        x = lower8(x);   /* the zero padding stays zero */
        memcpy(tmp + i, &x, 8);
        h = mix(h, x);
    }
    *hash = finish(h, n);
    return n;
slow:
    n = fold_slow(k, n, tmp);
    *hash = block_hash(tmp, n);
    return n;
}

/* --- the table ---------------------------------------------------------------- */

static inline uint32_t tag_of(uint64_t h) { return (uint32_t)(h >> 32) | 1; }

/* The filter word and its two bits for hash h: bits the slot index (low)
 * and the tag (32 up) use little of. */
static inline uint64_t filter_bits(uint64_t h) { return 1ULL << (h >> 52 & 63) | 1ULL << (h >> 58); }
static inline size_t filter_word(const wordmap *m, uint64_t h) { return (size_t)(h >> 20) & m->filter_mask; }

static inline bool filter_may_hold(const wordmap *m, uint64_t h)
{
    uint64_t b = filter_bits(h);
    return !m->filter || (m->filter[filter_word(m, h)] & b) == b;
}

static void filter_add(wordmap *m, uint64_t h)
{
    if (m->filter) m->filter[filter_word(m, h)] |= filter_bits(h);
}

wordmap *wordmap_new(int flags)
{
    wordmap *m = calloc(1, sizeof *m);
    if (!m) abort();
    m->flags = flags;
    m->cap = 64;
    m->tags = calloc(m->cap, sizeof *m->tags);
    m->ents = calloc(m->cap, sizeof *m->ents);
    if (!m->tags || !m->ents) abort();
    buf_init(&m->pool);
    buf_putc(&m->pool, '\0');   /* offset 0 = "" */
    return m;
}

void wordmap_free(wordmap *m)
{
    if (!m) return;
    free(m->tags);
    free(m->ents);
    free(m->filter);
    buf_free(&m->pool);
    free(m);
}

/* The slot holding key k (as stored: folded if the map folds), or the empty
 * slot where it would go. */
static inline __attribute__((always_inline)) size_t find(const wordmap *m, const char *k, size_t n, uint64_t h)
{
    size_t mask = m->cap - 1, i = h & mask;
    uint32_t tag = tag_of(h);
    for (;; i = (i + 1) & mask) {
        uint32_t t = m->tags[i];
        if (!t) return i;
        if (t == tag && m->ents[i].klen == n && same_bytes(m->pool.p + m->ents[i].key, k, n)) return i;
    }
}

/* Doubles the table; the hashes are worked out again from the stored keys,
 * which are already folded, so block_hash() gives what fold_key() gave. */
static void grow(wordmap *m)
{
    uint32_t *old_tags = m->tags;
    entry *old_ents = m->ents;
    size_t old_cap = m->cap;
    m->cap *= 2;
    m->tags = calloc(m->cap, sizeof *m->tags);
    m->ents = calloc(m->cap, sizeof *m->ents);
    if (!m->tags || !m->ents) abort();
    if (m->cap >= FILTER_FROM) {
        free(m->filter);
        m->filter_mask = m->cap / 16 - 1;   /* four bits a slot */
        if (!(m->filter = calloc(m->filter_mask + 1, sizeof *m->filter))) abort();
    }
    for (size_t i = 0; i < old_cap; i++) {
        if (!old_tags[i]) continue;
        uint64_t h = block_hash(m->pool.p + old_ents[i].key, old_ents[i].klen);
        size_t j = h & (m->cap - 1);
        while (m->tags[j]) j = (j + 1) & (m->cap - 1);
        m->tags[j] = old_tags[i];
        m->ents[j] = old_ents[i];
        filter_add(m, h);
    }
    free(old_tags);
    free(old_ents);
}

void wordmap_add(wordmap *m, const char *key, size_t n, const char *value)
{
    char tmp[FOLD_CAP + 8];
    uint64_t h;
    size_t fn = fold_key(m, key, n, tmp, &h);
    if (fn != (size_t)-1) { key = tmp; n = fn; }
    else h = block_hash(key, n);
    if (n == 0) return;
    if ((m->count + 1) * 2 > m->cap) grow(m);   /* at most half full: misses end soon */
    size_t i = find(m, key, n, h);
    uint32_t val = 0;
    if (value && *value) {
        val = (uint32_t)m->pool.n;
        buf_put(&m->pool, value, strlen(value) + 1);
    }
    if (m->tags[i]) { m->ents[i].val = val; return; }   /* later entries win */
    m->lengths |= 1ULL << (n < 63 ? n : 63);
    unsigned char b0 = (unsigned char)key[0];
    m->first[b0 >> 6] |= 1ULL << (b0 & 63);
    m->tags[i] = tag_of(h);
    m->ents[i] = (entry){(uint32_t)m->pool.n, (uint32_t)n, val};
    filter_add(m, h);
    buf_put(&m->pool, key, n);
    buf_putc(&m->pool, '\0');
    m->count++;
    if (n > m->maxlen) m->maxlen = n;
}

static inline bool may_hold(const wordmap *m, const char *key, size_t n)
{
    if (n > m->maxlen || !(m->lengths & (1ULL << (n < 63 ? n : 63)))) {
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
    if (!m || n == 0 || !may_hold(m, key, n)) return NULL;
    char tmp[FOLD_CAP + 8];
    uint64_t h;
    size_t fn = fold_key(m, key, n, tmp, &h);
    if (fn != (size_t)-1) { key = tmp; n = fn; }
    else h = block_hash(key, n);
    if (!filter_may_hold(m, h)) return NULL;
    size_t i = find(m, key, n, h);
    return m->tags[i] ? m->pool.p + m->ents[i].val : NULL;
}

size_t wordmap_count(const wordmap *m) { return m ? m->count : 0; }

void wordmap_each(const wordmap *m, void (*fn)(const char *key, size_t n, void *ctx), void *ctx)
{
    for (size_t i = 0; m && i < m->cap; i++)
        if (m->tags[i]) fn(m->pool.p + m->ents[i].key, m->ents[i].klen, ctx);
}
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
