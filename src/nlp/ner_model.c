/* ner_model.c — the tagger's weights: the model file, Viterbi decoding, and
 * the fast path that tags an article.
 *
 * The file (models/ner.bin) is flat and versioned, read with one fread and
 * used as it lies, so loading takes milliseconds:
 *   header   magic "DSNER\0\0\2", sizes, weight scale, transition weights
 *   keys     uint64[nfeat]                          feature keys, ascending
 *   weights  int16[nfeat][NER_NTAGS]                multiples of the scale
 *   vectors  int16[nvocab][NER_NSLOTS][NER_NTAGS]   a word's weight sums per slot
 *   vflags   uint8[nvocab]                          enum ner_vocab_flags
 *   vocab    NUL-terminated words, vocab_bytes in all
 * Numbers are in the machine's byte order; the file is rebuilt, not shipped
 * across architectures (a mismatch is refused by the magic check).
 *
 * Speed comes from shortcuts, all exact or nearly so:
 *   - A word's features do not depend on its context, so training sums their
 *     weights per frequent word and slot; scoring a token is five vector adds
 *     plus a few context features. Other words are summed when first met and
 *     kept in a cache per thread.
 *   - Tokens far from any word with a capital letter are O in practice, and
 *     so are capitalised words training never saw in a name (The, Monday):
 *     only stretches around the others are scored and decoded.
 *   - Scores are integers in units of the weight scale, padded to LANES per
 *     token so the loops over tags vectorise; decoding adds and compares them.
 *   - Feature lookups probe an array of 32-bit fingerprints; only a hit
 *     reads the weights. Both are fetched ahead for a run of tokens.
 *   - The vocabulary is larger than the caches: the words a sentence needs
 *     are looked up in passes (hashes, index slots, entries), each fetching
 *     ahead what the next reads, so the misses overlap. */
#include <math.h>
#include <pthread.h>
#ifdef __SSE2__
#include <emmintrin.h>   /* SSE2 is part of x86-64: no flag needed */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/ner.h"

#define NER_MAGIC "DSNER\0\0\2"

enum { LANES = 12 };                   /* NER_NTAGS padded to a multiple of four */
enum { TRANS_MAX = 1 << 22 };          /* quantised transitions are clamped to it */

typedef struct ner_header {
    char magic[8];
    uint32_t ntags, nfeat, nvocab, vocab_bytes;
    float scale;
    float trans[NER_NTAGS + 1][NER_NTAGS];
} ner_header;

enum { VEC_LEN = NER_NSLOTS * NER_NTAGS };

/* A word as the tagger sees it: its hashes and its weight sums at each slot.
 * 128 bytes, two cache lines in the 64-byte aligned vocabulary: the first
 * holds what a lookup compares, the word's first bytes included, so most
 * words are told apart without reading the vocabulary's bytes. */
enum { HEAD_BYTES = 14 };
typedef struct vocab_entry {
    uint64_t lower_h, shape_h;
    uint32_t word_off;    /* the vocabulary word in m->words; unused for others */
    uint16_t len;
    uint8_t gaz;          /* gazetteer_word() of the word */
    uint8_t flags;        /* enum ner_vocab_flags, and E_SELF */
    char head[HEAD_BYTES];   /* the vocabulary word's first bytes, zero-padded */
    int16_t vec[NER_NSLOTS][NER_NTAGS];
} vocab_entry;
_Static_assert(sizeof(vocab_entry) == 128, "a vocabulary entry fills two cache lines");

enum { E_SELF = 0x80 };   /* vec[NER_SLOT_SELF] is filled (neighbour slots always are) */

struct ner_model {
    uint64_t id;                          /* tells cached words of models apart */
    const ner_features *fx;
    uint32_t nfeat;
    uint32_t *fp;                         /* fingerprint of the feature in each slot, 0 if none */
    int16_t (*fw)[NER_NTAGS];             /* its weights */
    uint32_t mask;
    float scale;
    float trans[NER_NTAGS + 1][NER_NTAGS];
    float tr[NER_NTAGS + 1][LANES];       /* trans in units of scale; BIO's forbidden moves at -inf */
    float into[NER_NTAGS][LANES];         /* into[t][p] = tr[p][t], -inf for padding p: the way back */
    uint32_t nvocab;
    vocab_entry *vocab;                   /* 64-byte aligned */
    /* word hash → entry: the hash's high half above the entry's index + 1
     * (0: empty), so a probe tells most other words apart without reading
     * an entry, and the entry can be fetched before it is compared. */
    uint64_t *vindex;
    uint32_t vindex_mask;
    char *words;                          /* the vocabulary's bytes */
    vocab_entry pad_before, pad_after;
};

uint8_t ner_tag_ent(int tag)
{
    static const uint8_t types[NER_NTYPES] = {ENT_PERSON, ENT_ORG, ENT_GPE, ENT_NORP};
    return tag > 0 && tag < NER_NTAGS ? types[(tag - 1) / 2] : ENT_NONE;
}

int ner_tag_of(uint8_t ent_type, bool begin)
{
    for (int k = 0; k < NER_NTYPES; k++)
        if (ner_tag_ent(1 + 2 * k) == ent_type) return 1 + 2 * k + !begin;
    return NER_O;
}

/* --- weights ------------------------------------------------------------------ */

static uint32_t table_mask(uint32_t n)
{
    uint32_t cap = 16;
    while (cap < n * 2) cap *= 2;
    return cap - 1;
}

/* Keys are well mixed hashes: the low bits pick the slot, the high bits are
 * the fingerprint. Two features of one model sharing both would be merged
 * (the first kept); with 47 bits between them that does not happen at the
 * sizes models have. */
static uint32_t home_slot(const ner_model *m, uint64_t key) { return (uint32_t)key & m->mask; }
static uint32_t fingerprint(uint64_t key) { return (uint32_t)(key >> 32) | 1; }

static void table_put(ner_model *m, uint64_t key, const int16_t *w)
{
    uint32_t f = fingerprint(key), i = home_slot(m, key);
    while (m->fp[i] && m->fp[i] != f) i = (i + 1) & m->mask;
    if (m->fp[i]) return;
    m->fp[i] = f;
    memcpy(m->fw[i], w, sizeof m->fw[i]);
}

static const int16_t *table_get(const ner_model *m, uint64_t key)
{
    uint32_t f = fingerprint(key);
    for (uint32_t i = home_slot(m, key);; i = (i + 1) & m->mask) {
        if (m->fp[i] == f) return m->fw[i];
        if (!m->fp[i]) return NULL;
    }
}

/* Tag sums are nine lanes, which -O2 leaves scalar: the first eight go as
 * one vector (int16 weights widened to int32), the ninth alone. */
_Static_assert(NER_NTAGS == 9, "tag sums are eight lanes and one");
#ifdef __SSE2__
typedef struct lanes8 { __m128i lo, hi; } lanes8;
static inline lanes8 lanes8_zero(void) { return (lanes8){_mm_setzero_si128(), _mm_setzero_si128()}; }

/* acc += the first eight weights at p, sign-extended to 32 bits */
static inline void add8(lanes8 *acc, const int16_t *p)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    acc->lo = _mm_add_epi32(acc->lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
    acc->hi = _mm_add_epi32(acc->hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
}

static inline void lanes8_load(lanes8 *acc, const int32_t *sum)
{
    acc->lo = _mm_loadu_si128((const __m128i *)sum);
    acc->hi = _mm_loadu_si128((const __m128i *)(sum + 4));
}

static inline void lanes8_store(const lanes8 *acc, int32_t *sum)
{
    _mm_storeu_si128((__m128i *)sum, acc->lo);
    _mm_storeu_si128((__m128i *)(sum + 4), acc->hi);
}
#else
typedef struct lanes8 { int32_t v[8]; } lanes8;
static inline lanes8 lanes8_zero(void) { return (lanes8){{0}}; }
static inline void add8(lanes8 *acc, const int16_t *p)
{
    for (int t = 0; t < 8; t++) acc->v[t] += p[t];
}
static inline void lanes8_load(lanes8 *acc, const int32_t *sum) { memcpy(acc->v, sum, sizeof acc->v); }
static inline void lanes8_store(const lanes8 *acc, int32_t *sum) { memcpy(sum, acc->v, sizeof acc->v); }
#endif

/* Asks for the fingerprint and the weights of key's home slot ahead of
 * table_get(): the tables are larger than the caches, and a key found
 * there (most often in its home slot) reads its weights next. */
static inline void prefetch_key(const ner_model *m, uint64_t key)
{
    __builtin_prefetch(&m->fp[home_slot(m, key)]);
    __builtin_prefetch(m->fw[home_slot(m, key)]);
}

/* Adds the weights of keys to sum[0 .. NER_NTAGS). */
static void add_keys(const ner_model *m, const uint64_t *keys, int nkeys, int32_t *sum)
{
    lanes8 acc;
    lanes8_load(&acc, sum);
    int32_t last = sum[8];
    for (int k = 0; k < nkeys; k++) {
        const int16_t *w = table_get(m, keys[k]);
        if (!w) continue;
        add8(&acc, w);
        last += w[8];
    }
    lanes8_store(&acc, sum);
    sum[8] = last;
}

void ner_score_keys(const ner_model *m, const uint64_t *keys, int nkeys, float *out)
{
    int32_t sum[LANES] = {0};
    add_keys(m, keys, nkeys, sum);
    for (int t = 0; t < NER_NTAGS; t++) out[t] += (float)sum[t] * m->scale;
}

static int16_t clamp16(int32_t v) { return (int16_t)(v > 32767 ? 32767 : v < -32767 ? -32767 : v); }

/* row[t] = clamp16(sum[t]) for the nine tags: eight by saturating packs
 * (to -32768, raised to -32767 after), the ninth alone. */
static inline void store_clamped(int16_t *row, const int32_t *sum)
{
#ifdef __SSE2__
    __m128i v = _mm_packs_epi32(_mm_loadu_si128((const __m128i *)sum), _mm_loadu_si128((const __m128i *)(sum + 4)));
    _mm_storeu_si128((__m128i *)row, _mm_max_epi16(v, _mm_set1_epi16(-32767)));
    row[8] = clamp16(sum[8]);
#else
    for (int t = 0; t < NER_NTAGS; t++) row[t] = clamp16(sum[t]);
#endif
}

/* The weight sums of a word met outside the vocabulary, and its hashes; the
 * token's own slot only when asked (it costs most of the lookups). */
static void fill_entry(const ner_model *m, const char *w, size_t n, bool self, vocab_entry *e)
{
    ner_word_keys_t keys;
    ner_word_keys(m->fx, w, n, self, &keys);
    for (int s = 0; s < NER_NSLOTS; s++)
        for (int k = 0; k < keys.count[s]; k++) prefetch_key(m, keys.keys[s][k]);
    for (int s = 0; s < NER_NSLOTS; s++) {
        int32_t sum[LANES] = {0};
        add_keys(m, keys.keys[s], keys.count[s], sum);
        store_clamped(e->vec[s], sum);
    }
    e->lower_h = keys.lower_h;
    e->shape_h = keys.shape_h;
    e->len = (uint16_t)n;
    e->flags = self ? E_SELF : 0;
    e->gaz = m->fx->gaz ? (uint8_t)gazetteer_word(m->fx->gaz, w, n) : 0;
}

/* s[0, n), n < 8, zero-padded as a little-endian number, in at most two
 * loads (a memcpy of n bytes would be a call). */
static inline uint64_t load_short(const char *s, size_t n)
{
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return a | (uint64_t)b << (8 * (n - 4));
    }
    if (n >= 2) {
        uint16_t a, b;
        memcpy(&a, s, 2);
        memcpy(&b, s + n - 2, 2);
        return a | (uint64_t)b << (8 * (n - 2));
    }
    return n ? (unsigned char)s[0] : 0;
}

/* Hash of a word for the vocabulary and the cache: eight bytes a step,
 * since every token of a stretch is looked up. */
static uint64_t word_hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, v;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    v = load_short(s, n);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 29);
}

/* The transitions in units of the scale, whole numbers like the emission
 * scores, with BIO's forbidden moves and the padding lanes at -inf, so
 * decoding needs no test for them. */
static void quantise_transitions(ner_model *m)
{
    for (int p = 0; p <= NER_NTAGS; p++)
        for (int t = 0; t < LANES; t++) {
            bool ok = t < NER_NTAGS && (p == NER_NTAGS ? !ner_is_inside(t) : ner_may_follow(p, t));
            float q = roundf(m->trans[p][t < NER_NTAGS ? t : 0] / m->scale);
            m->tr[p][t] = !ok ? -INFINITY : q > TRANS_MAX ? TRANS_MAX : q < -TRANS_MAX ? -TRANS_MAX : q;
        }
    for (int t = 0; t < NER_NTAGS; t++)
        for (int p = 0; p < LANES; p++) m->into[t][p] = p < NER_NTAGS ? m->tr[p][t] : -INFINITY;
}

/* Entries of the vocabulary from the words (m->words) and their vectors
 * and flags, as training left them. */
static void build_vocab(ner_model *m, const int16_t *vec, const uint8_t *vflags)
{
    quantise_transitions(m);
    size_t bytes = sizeof *m->vocab * (m->nvocab ? m->nvocab : 1);
    m->vocab = aligned_alloc(64, bytes);
    /* three quarters full at most: probes stay in one or two cache lines,
     * and a small index stays in the caches */
    uint32_t cap = 16;
    while (cap < m->nvocab + m->nvocab / 3 + 1) cap *= 2;
    m->vindex_mask = cap - 1;
    m->vindex = calloc(cap, sizeof *m->vindex);
    if (!m->vocab || !m->vindex) abort();
    memset(m->vocab, 0, bytes);
    const char *w = m->words;
    for (uint32_t v = 0; v < m->nvocab; v++) {
        size_t n = strlen(w);
        vocab_entry *e = &m->vocab[v];
        e->word_off = (uint32_t)(w - m->words);
        e->len = (uint16_t)n;
        memcpy(e->head, w, n < HEAD_BYTES ? n : HEAD_BYTES);
        ner_word_hashes(w, n, &e->lower_h, &e->shape_h);
        e->gaz = m->fx->gaz ? (uint8_t)gazetteer_word(m->fx->gaz, w, n) : 0;
        e->flags = (uint8_t)(vflags[v] | E_SELF);
        memcpy(e->vec, vec + (size_t)v * VEC_LEN, sizeof e->vec);
        uint64_t h = word_hash(w, n);
        uint32_t i = (uint32_t)h & m->vindex_mask;
        while (m->vindex[i]) i = (i + 1) & m->vindex_mask;
        m->vindex[i] = (h & ~0xFFFFFFFFULL) | (v + 1);
        w += n + 1;
    }
    fill_entry(m, NER_PAD_BEFORE, strlen(NER_PAD_BEFORE), true, &m->pad_before);
    fill_entry(m, NER_PAD_AFTER, strlen(NER_PAD_AFTER), true, &m->pad_after);
}

/* The first index slot from i on whose hash half matches h's, or the empty
 * slot that ends the probe. */
static inline uint32_t vindex_probe(const ner_model *m, uint64_t h, uint32_t i)
{
    for (;; i = (i + 1) & m->vindex_mask) {
        uint64_t x = m->vindex[i];
        if (!x || (x ^ h) >> 32 == 0) return i;
    }
}

static bool entry_is(const ner_model *m, const vocab_entry *e, const char *w, size_t n)
{
    if (e->len != n) return false;
    size_t k = n < HEAD_BYTES ? n : HEAD_BYTES;
    return memcmp(e->head, w, k) == 0 && (n == k || memcmp(m->words + e->word_off + k, w + k, n - k) == 0);
}

/* The entry of word w (hash h), probing from slot i, which vindex_probe()
 * gave for h. */
static const vocab_entry *vocab_find_from(const ner_model *m, const char *w, size_t n, uint64_t h, uint32_t i)
{
    for (;; i = vindex_probe(m, h, (i + 1) & m->vindex_mask)) {
        uint64_t x = m->vindex[i];
        if (!x) return NULL;
        const vocab_entry *e = &m->vocab[(uint32_t)x - 1];
        if (entry_is(m, e, w, n)) return e;
    }
}

static ner_model *model_new(const ner_features *fx, uint32_t nfeat, uint32_t nvocab, float scale)
{
    static uint64_t models;
    ner_model *m = calloc(1, sizeof *m);
    if (!m) abort();
    m->id = __atomic_add_fetch(&models, 1, __ATOMIC_RELAXED);
    m->fx = fx;
    m->nfeat = nfeat;
    m->nvocab = nvocab;
    m->scale = scale > 0 ? scale : 1;
    m->mask = table_mask(nfeat);
    m->fp = calloc((size_t)m->mask + 1, sizeof *m->fp);
    m->fw = calloc((size_t)m->mask + 1, sizeof *m->fw);
    if (!m->fp || !m->fw) abort();
    return m;
}

static int16_t quantise(float w, float scale)
{
    float q = roundf(w / scale);
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

ner_model *ner_from_weights(const ner_weights *w, const ner_features *fx)
{
    ner_model *m = model_new(fx, w->nfeat, w->nvocab, w->scale);
    for (uint32_t f = 0; f < w->nfeat; f++) {
        int16_t q[NER_NTAGS];
        for (int t = 0; t < NER_NTAGS; t++) q[t] = quantise(w->w[(size_t)f * NER_NTAGS + t], m->scale);
        table_put(m, w->keys[f], q);
    }
    memcpy(m->trans, w->trans, sizeof m->trans);
    size_t bytes = 1;
    for (uint32_t v = 0; v < w->nvocab; v++) bytes += strlen(w->vocab[v]) + 1;
    m->words = malloc(bytes);
    if (!m->words) abort();
    char *p = m->words;
    for (uint32_t v = 0; v < w->nvocab; v++) {
        size_t n = strlen(w->vocab[v]) + 1;
        memcpy(p, w->vocab[v], n);
        p += n;
    }
    build_vocab(m, w->vec, w->vflags);
    return m;
}

void ner_free(ner_model *m)
{
    if (!m) return;
    free(m->fp);
    free(m->fw);
    free(m->vocab);
    free(m->vindex);
    free(m->words);
    free(m);
}

/* --- the file --------------------------------------------------------------- */

int ner_save(const ner_weights *w, const char *path, char *err, size_t errlen)
{
    ner_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, NER_MAGIC, 8);
    h.ntags = NER_NTAGS;
    h.nfeat = w->nfeat;
    h.nvocab = w->nvocab;
    h.scale = w->scale > 0 ? w->scale : 1;
    memcpy(h.trans, w->trans, sizeof h.trans);
    for (uint32_t v = 0; v < w->nvocab; v++) h.vocab_bytes += (uint32_t)strlen(w->vocab[v]) + 1;

    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot write", path);
        return -1;
    }
    fwrite(&h, sizeof h, 1, f);
    fwrite(w->keys, sizeof *w->keys, w->nfeat, f);
    for (size_t i = 0; i < (size_t)w->nfeat * NER_NTAGS; i++) {
        int16_t v = quantise(w->w[i], h.scale);
        fwrite(&v, sizeof v, 1, f);
    }
    fwrite(w->vec, sizeof *w->vec * VEC_LEN, w->nvocab, f);
    fwrite(w->vflags, 1, w->nvocab, f);
    for (uint32_t v = 0; v < w->nvocab; v++) fwrite(w->vocab[v], 1, strlen(w->vocab[v]) + 1, f);
    if (fclose(f) != 0) {
        snprintf(err, errlen, "%s: write failed", path);
        return -1;
    }
    return 0;
}

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = len > 0 ? malloc((size_t)len) : NULL;
    if (p && fread(p, 1, (size_t)len, f) != (size_t)len) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *n = p ? (size_t)len : 0;
    return p;
}

ner_model *ner_load(const char *path, const ner_features *fx, char *err, size_t errlen)
{
    size_t n;
    char *p = read_all(path, &n);
    if (!p) {
        snprintf(err, errlen, "%s: cannot read the entity model (run `make model`)", path);
        return NULL;
    }
    ner_header h;
    size_t need = sizeof h;
    if (n >= sizeof h) {
        memcpy(&h, p, sizeof h);
        need += (size_t)h.nfeat * (8 + 2 * NER_NTAGS) + (size_t)h.nvocab * (2 * VEC_LEN + 1) + h.vocab_bytes;
    }
    if (n < sizeof h || memcmp(h.magic, NER_MAGIC, 8) || h.ntags != NER_NTAGS || n != need ||
        (h.vocab_bytes && p[n - 1] != '\0')) {
        snprintf(err, errlen, "%s: not an entity model of this version (run `make model`)", path);
        free(p);
        return NULL;
    }
    const char *keys = p + sizeof h, *weights = keys + (size_t)8 * h.nfeat;
    const char *vectors = weights + (size_t)2 * NER_NTAGS * h.nfeat;
    const char *vflags = vectors + (size_t)2 * VEC_LEN * h.nvocab, *words = vflags + h.nvocab;
    /* The vocabulary must hold as many words as it says. */
    uint32_t count = 0;
    for (uint32_t i = 0; i < h.vocab_bytes; i++) count += words[i] == '\0';
    if (count != h.nvocab) {
        snprintf(err, errlen, "%s: damaged entity model (run `make model`)", path);
        free(p);
        return NULL;
    }
    ner_model *m = model_new(fx, h.nfeat, h.nvocab, h.scale);
    for (uint32_t f = 0; f < h.nfeat; f++) {
        uint64_t key;
        int16_t q[NER_NTAGS];
        memcpy(&key, keys + (size_t)8 * f, 8);
        memcpy(q, weights + sizeof q * f, sizeof q);
        table_put(m, key, q);
    }
    memcpy(m->trans, h.trans, sizeof m->trans);
    m->words = malloc(h.vocab_bytes + 1);
    int16_t *vec = malloc(sizeof *vec * VEC_LEN * (h.nvocab ? h.nvocab : 1));
    if (!m->words || !vec) abort();
    memcpy(m->words, words, h.vocab_bytes);
    m->words[h.vocab_bytes] = '\0';
    memcpy(vec, vectors, sizeof *vec * VEC_LEN * h.nvocab);   /* the file's copy may be unaligned */
    build_vocab(m, vec, (const uint8_t *)vflags);
    free(vec);
    free(p);
    return m;
}

/* --- decoding ------------------------------------------------------------------ */

/* Training decodes float weights that change after every sentence: this is
 * its Viterbi. Tagging uses decode() below, on the quantised integers. */
void ner_viterbi(const float trans[NER_NTAGS + 1][NER_NTAGS], const float *em, uint32_t n, int start,
                 uint8_t *tags)
{
    if (!n) return;
    float tr[NER_NTAGS + 1][NER_NTAGS];
    for (int p = 0; p <= NER_NTAGS; p++)
        for (int t = 0; t < NER_NTAGS; t++) {
            bool ok = p == NER_NTAGS ? !ner_is_inside(t) : ner_may_follow(p, t);
            tr[p][t] = ok ? trans[p][t] : -INFINITY;
        }
    uint8_t *back = malloc((size_t)n * NER_NTAGS);
    if (!back) abort();
    float score[NER_NTAGS], next[NER_NTAGS];
    for (int t = 0; t < NER_NTAGS; t++) score[t] = tr[start][t] + em[t];
    for (uint32_t i = 1; i < n; i++) {
        for (int t = 0; t < NER_NTAGS; t++) {
            int arg = 0;
            for (int p = 1; p < NER_NTAGS; p++)
                if (score[p] + tr[p][t] > score[arg] + tr[arg][t]) arg = p;
            next[t] = score[arg] + tr[arg][t] + em[(size_t)i * NER_NTAGS + t];
            back[(size_t)i * NER_NTAGS + t] = (uint8_t)arg;
        }
        memcpy(score, next, sizeof score);
    }
    int best = 0;
    for (int t = 1; t < NER_NTAGS; t++)
        if (score[t] > score[best]) best = t;
    for (uint32_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)best;
        if (i) best = back[(size_t)i * NER_NTAGS + best];
    }
    free(back);
}

/* Best tags for n tokens with emission scores em[n][LANES]; `start` is the
 * tag before the first token (NER_NTAGS at a sentence start), `end` the tag
 * known to follow the last one, -1 if none. The forward pass keeps only
 * each tag's best score, in em itself, and the way back finds which tag led
 * there: a forward step is then nine vector adds and maxima. Scores are
 * kept relative to the O path's, whole numbers well inside a float's exact
 * range, so they add up as integers would. */
/* One step of decoding's forward pass: each tag's best score after prev,
 * relative to O's, added to cur. */
#ifdef __SSE2__
/* The three vectors of twelve lanes stay in registers across the nine
 * previous tags (a loop over an array kept them in memory). max(c, best)
 * keeps best on ties, as the plain loop below does. */
static inline void forward_step(const float tr[NER_NTAGS + 1][LANES], const float *prev, float *cur)
{
    _Static_assert(LANES == 12, "three vectors of four");
    __m128 x = _mm_set1_ps(prev[0]);
    __m128 b0 = _mm_add_ps(x, _mm_loadu_ps(tr[0])), b1 = _mm_add_ps(x, _mm_loadu_ps(tr[0] + 4)),
           b2 = _mm_add_ps(x, _mm_loadu_ps(tr[0] + 8));
    for (int p = 1; p < NER_NTAGS; p++) {
        x = _mm_set1_ps(prev[p]);
        b0 = _mm_max_ps(_mm_add_ps(x, _mm_loadu_ps(tr[p])), b0);
        b1 = _mm_max_ps(_mm_add_ps(x, _mm_loadu_ps(tr[p] + 4)), b1);
        b2 = _mm_max_ps(_mm_add_ps(x, _mm_loadu_ps(tr[p] + 8)), b2);
    }
    __m128 base = _mm_set1_ps(_mm_cvtss_f32(b0));   /* lane NER_O */
    _mm_storeu_ps(cur, _mm_add_ps(_mm_loadu_ps(cur), _mm_sub_ps(b0, base)));
    _mm_storeu_ps(cur + 4, _mm_add_ps(_mm_loadu_ps(cur + 4), _mm_sub_ps(b1, base)));
    _mm_storeu_ps(cur + 8, _mm_add_ps(_mm_loadu_ps(cur + 8), _mm_sub_ps(b2, base)));
}
#else
static inline void forward_step(const float tr[NER_NTAGS + 1][LANES], const float *prev, float *cur)
{
    float best[LANES];
    for (int t = 0; t < LANES; t++) best[t] = prev[0] + tr[0][t];
    for (int p = 1; p < NER_NTAGS; p++)
        for (int t = 0; t < LANES; t++) {
            float c = prev[p] + tr[p][t];
            best[t] = best[t] < c ? c : best[t];
        }
    float base = best[NER_O];
    for (int t = 0; t < LANES; t++) cur[t] += best[t] - base;
}
#endif

/* The tag before one whose best path is known: the first of the highest
 * prev[p] + tr[p][tag], the sums taken four lanes at a time from the
 * transposed transitions (the padding lanes are -inf, below any real sum,
 * as a tag always has some allowed tag before it). */
static inline int best_before(const float into[LANES], const float *prev)
{
#ifdef __SSE2__
    __m128 s0 = _mm_add_ps(_mm_loadu_ps(prev), _mm_loadu_ps(into));
    __m128 s1 = _mm_add_ps(_mm_loadu_ps(prev + 4), _mm_loadu_ps(into + 4));
    __m128 s2 = _mm_add_ps(_mm_loadu_ps(prev + 8), _mm_loadu_ps(into + 8));
    __m128 m = _mm_max_ps(_mm_max_ps(s0, s1), s2);
    m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(2, 3, 0, 1)));
    m = _mm_max_ps(m, _mm_shuffle_ps(m, m, _MM_SHUFFLE(1, 0, 3, 2)));
    unsigned at = (unsigned)_mm_movemask_ps(_mm_cmpeq_ps(s0, m)) | (unsigned)_mm_movemask_ps(_mm_cmpeq_ps(s1, m)) << 4 |
                  (unsigned)_mm_movemask_ps(_mm_cmpeq_ps(s2, m)) << 8;
    return at ? __builtin_ctz(at) : 0;
#else
    int arg = 0;
    for (int p = 1; p < NER_NTAGS; p++)
        if (prev[p] + into[p] > prev[arg] + into[arg]) arg = p;
    return arg;
#endif
}

static void decode(const float tr[NER_NTAGS + 1][LANES], const float into[NER_NTAGS][LANES], float *em, uint32_t n,
                   int start, int end, uint8_t *tags)
{
    if (!n) return;
    for (int t = 0; t < LANES; t++) em[t] += tr[start][t];
    for (uint32_t i = 1; i < n; i++) forward_step(tr, em + (size_t)(i - 1) * LANES, em + (size_t)i * LANES);
    const float *last = em + (size_t)(n - 1) * LANES;
    int best = 0;
    for (int t = 1; t < NER_NTAGS; t++)
        if (last[t] + (end >= 0 ? tr[t][end] : 0) > last[best] + (end >= 0 ? tr[best][end] : 0)) best = t;
    for (uint32_t i = n - 1; i > 0; i--) {
        tags[i] = (uint8_t)best;
        best = best_before(into[best], em + (size_t)(i - 1) * LANES);
    }
    tags[0] = (uint8_t)best;
}

/* --- working memory per thread --------------------------------------------------- */

/* Words outside the vocabulary, remembered across articles in a direct-
 * mapped cache: news repeats its unknown words (names, jargon) from one
 * short article to the next, and summing a word costs ~40 feature lookups.
 * What a lookup compares comes first, in the entry's first cache line. */
enum { XCACHE_SIZE = 1 << 13, XWORD_MAX = 32 };
typedef struct xentry {
    uint64_t model;           /* ner_model.id, 0 when empty */
    uint64_t hash;            /* word_hash() of the word */
    uint64_t sentence;        /* tag_mem.sentence when last given out */
    char word[XWORD_MAX];
    vocab_entry e;
} xentry;

/* Per thread, so a dossier shared by threads needs no lock, and grown to
 * the longest sentence seen, so tagging allocates nothing per article. A
 * pthread key frees it when its thread ends: a server's short-lived threads
 * must not leave ~1.5 MB each behind. */
typedef struct tagger_mem {
    uint32_t cap;
    const vocab_entry **ent;  /* each token's entry, NULL until looked up */
    vocab_entry *own;         /* entries of words the cache could not keep for this sentence */
    uint64_t *hash;           /* word_hash() of each token looked up */
    bool *digits;             /* whether it has digits, which features see as 0 */
    uint32_t *slot;           /* vindex_probe() of that hash; [cap, 2 cap): find_hot()'s list,
                                 then tag_sentence()'s stretches */
    uint32_t *hash_list;      /* look_around()'s tokens */
    bool *hot;
    ner_tok *tok;
    float *em;                /* [cap][LANES]: emission scores, then decoding's */
    xentry *xcache;           /* XCACHE_SIZE entries, from the first unknown word on */
    /* Counts sentences: a cache entry given out in this sentence is not
     * reused for another word before the sentence is tagged. */
    uint64_t sentence;
} tagger_mem;

static pthread_key_t mem_key;
static pthread_once_t mem_once = PTHREAD_ONCE_INIT;
static _Thread_local tagger_mem *tls_mem;

static void free_arrays(tagger_mem *s)
{
    free(s->ent);
    free(s->own);
    free(s->hash);
    free(s->digits);
    free(s->slot);
    free(s->hash_list);
    free(s->hot);
    free(s->tok);
    free(s->em);
}

static void mem_free(void *p)
{
    tagger_mem *s = p;
    free_arrays(s);
    free(s->xcache);
    free(s);
    tls_mem = NULL;
}

static void mem_key_create(void)
{
    if (pthread_key_create(&mem_key, mem_free) != 0) abort();
}

static tagger_mem *mem_for(uint32_t n)
{
    tagger_mem *s = tls_mem;
    if (!s) {
        pthread_once(&mem_once, mem_key_create);
        if (!(s = calloc(1, sizeof *s)) || pthread_setspecific(mem_key, s) != 0) abort();
        tls_mem = s;
    }
    if (n <= s->cap) return s;
    uint32_t cap = n < 256 ? 256 : n;
    free_arrays(s);
    s->ent = malloc(sizeof *s->ent * cap);
    s->own = malloc(sizeof *s->own * cap);
    s->hash = malloc(sizeof *s->hash * cap);
    s->digits = malloc(sizeof *s->digits * cap);
    s->slot = malloc(sizeof *s->slot * (cap * 2 + 2));   /* and find_hot()'s list, or the stretches */
    s->hash_list = malloc(sizeof *s->hash_list * cap);
    s->hot = malloc(sizeof *s->hot * cap);
    s->tok = malloc(sizeof *s->tok * cap);
    s->em = malloc(sizeof *s->em * LANES * cap);
    if (!s->ent || !s->own || !s->hash || !s->digits || !s->slot || !s->hash_list || !s->hot || !s->tok || !s->em)
        abort();
    s->cap = cap;
    return s;
}

/* --- tagging an article ---------------------------------------------------------- */

/* A word with a capital letter anywhere (al-Qaida has one). */
static bool has_capital(const article *a, const token *t)
{
    if (!(t->flags & TF_WORD)) return false;
    if (t->flags & (TF_CAP | TF_UPPER)) return true;
    return ner_has_byte_between(a->text + t->start, tok_end(t) - t->start, 'A' - 1, 'Z' + 1);
}

/* Token i's word as features see it (digits as 0), in norm or the text;
 * s->digits[i] tells whether it has digits to rewrite. */
static const char *token_word(const article *a, const tagger_mem *s, uint32_t tok, uint32_t i, char norm[128],
                              size_t *n)
{
    const token *t = &a->tokens.v[tok + i];
    *n = tok_end(t) - t->start;
    return s->digits[i] ? ner_norm_digits(a->text + t->start, n, norm, 128) : a->text + t->start;
}

/* The vocabulary is larger than the caches, and a lookup reads three
 * places in turn: the index slot, the entry, the cache of unknown words.
 * Looking up a run of tokens in three passes, each fetching ahead what the
 * next reads, overlaps the misses: first the hashes, with their slots. */
static inline void lookup_hash(const ner_model *m, article *a, tagger_mem *s, uint32_t tok, uint32_t i)
{
    const token *t = &a->tokens.v[tok + i];
    s->digits[i] = ner_has_byte_between(a->text + t->start, tok_end(t) - t->start, '0' - 1, '9' + 1);
    char norm[128];
    size_t n;
    const char *w = token_word(a, s, tok, i, norm, &n);
    s->hash[i] = word_hash(w, n);
    __builtin_prefetch(&m->vindex[s->hash[i] & m->vindex_mask]);
}

/* Second: the slot's entry, or the cache entry of a word not in the index. */
static inline void lookup_slot(const ner_model *m, tagger_mem *s, uint32_t i)
{
    uint32_t k = vindex_probe(m, s->hash[i], (uint32_t)s->hash[i] & m->vindex_mask);
    s->slot[i] = k;
    if (m->vindex[k]) {
        const vocab_entry *e = &m->vocab[(uint32_t)m->vindex[k] - 1];
        __builtin_prefetch(e);
        __builtin_prefetch((const char *)e + 64);
    } else if (s->xcache) {
        __builtin_prefetch(&s->xcache[s->hash[i] & (XCACHE_SIZE - 1)]);
    }
}

/* The entry of a word outside the vocabulary: from the cache, or summed
 * now; `self` when the token is scored, not only read as a neighbour. */
static const vocab_entry *unknown_entry(const ner_model *m, tagger_mem *s, const char *w, size_t n, uint64_t h,
                                        bool self, vocab_entry *own)
{
    if (n >= XWORD_MAX) {
        fill_entry(m, w, n, self, own);
        return own;
    }
    if (!s->xcache && !(s->xcache = calloc(XCACHE_SIZE, sizeof *s->xcache))) abort();
    xentry *x = &s->xcache[h & (XCACHE_SIZE - 1)];
    bool same = x->model == m->id && x->hash == h && x->e.len == n && !memcmp(x->word, w, n);
    if (same && (!self || (x->e.flags & E_SELF))) {
        x->sentence = s->sentence;
        return &x->e;
    }
    /* another word of this sentence points at the slot: keep it */
    if (!same && x->model && x->sentence == s->sentence) {
        fill_entry(m, w, n, self, own);
        return own;
    }
    memcpy(x->word, w, n);
    fill_entry(m, w, n, self, &x->e);
    x->hash = h;
    x->model = m->id;
    x->sentence = s->sentence;
    return &x->e;
}

/* Third: sets s->ent[i] for token `tok` + i, after lookup_hash() and
 * lookup_slot() for it. */
static void resolve(const ner_model *m, article *a, tagger_mem *s, uint32_t tok, uint32_t i, bool self)
{
    char norm[128];
    size_t n;
    const char *w = token_word(a, s, tok, i, norm, &n);
    const vocab_entry *e = vocab_find_from(m, w, n, s->hash[i], s->slot[i]);
    s->ent[i] = e ? e : unknown_entry(m, s, w, n, s->hash[i], self, &s->own[i]);
}

static const vocab_entry *entry_at(const ner_model *m, const tagger_mem *s, uint32_t n, int64_t i)
{
    if (i < 0) return &m->pad_before;
    if (i >= (int64_t)n) return &m->pad_after;
    return s->ent[i];
}

/* The entries of tokens [lo, hi) of a sentence, as ner_tok for the context
 * features; tokens [from, to) are scored, so need their own slot. The
 * tokens without an entry went through lookup_hash() and lookup_slot()
 * (tag_sentence() does so for all stretches of the sentence first). */
static void prepare_stretch(const ner_model *m, article *a, uint32_t tok, uint32_t first_word, uint32_t lo,
                            uint32_t hi, uint32_t from, uint32_t to, tagger_mem *s)
{
    for (uint32_t i = lo; i < hi; i++) {
        bool self = i >= from && i < to;
        if (!s->ent[i] || (self && !(s->ent[i]->flags & E_SELF))) resolve(m, a, s, tok, i, self);
        const vocab_entry *e = s->ent[i];
        const token *t = &a->tokens.v[tok + i];
        ner_tok *x = &s->tok[i];
        x->s = a->text + t->start;
        x->n = tok_end(t) - t->start;
        x->flags = t->flags;
        x->first = i == first_word;
        x->lower_h = e->lower_h;
        x->shape_h = e->shape_h;
        x->word_gaz = e->gaz;
    }
    ner_mark_gazetteer(m->fx->gaz, a, tok + lo, tok + hi, s->tok + lo);
}

/* Scores and decodes tokens [from, to) of a sentence of n tokens starting at
 * token `tok`; words up to two beyond the stretch are read as context. */
static void tag_stretch(const ner_model *m, article *a, uint32_t tok, uint32_t n, uint32_t first_word,
                        uint32_t from, uint32_t to, tagger_mem *s, uint8_t *tags)
{
    uint32_t lo = from >= 2 ? from - 2 : 0, hi = to + 2 < n ? to + 2 : n;
    prepare_stretch(m, a, tok, first_word, lo, hi, from, to, s);
    /* Context keys of up to CHUNK tokens are gathered and their slots
     * prefetched together before any is summed: the lookups may miss the
     * caches, and overlapping the misses is most of the speed. */
    enum { CHUNK = 16 };
    uint64_t keys[CHUNK][NER_MAX_KEYS];
    int nkeys[CHUNK];
    for (uint32_t c0 = from; c0 < to; c0 += CHUNK) {
        uint32_t c1 = c0 + CHUNK < to ? c0 + CHUNK : to;
        for (uint32_t i = c0; i < c1; i++) {
            /* [lo, hi) reaches two past the stretch or to the sentence's end,
             * so the neighbours context features read are the sentence's own. */
            nkeys[i - c0] = ner_context_keys(s->tok + lo, hi - lo, i - lo, keys[i - c0]);
            for (int k = 0; k < nkeys[i - c0]; k++) prefetch_key(m, keys[i - c0][k]);
        }
        for (uint32_t i = c0; i < c1; i++) {
            const int16_t *v0 = entry_at(m, s, n, i)->vec[NER_SLOT_SELF];
            const int16_t *vp = entry_at(m, s, n, (int64_t)i - 1)->vec[NER_SLOT_PREV];
            const int16_t *vn = entry_at(m, s, n, (int64_t)i + 1)->vec[NER_SLOT_NEXT];
            const int16_t *vp2 = entry_at(m, s, n, (int64_t)i - 2)->vec[NER_SLOT_PREV2];
            const int16_t *vn2 = entry_at(m, s, n, (int64_t)i + 2)->vec[NER_SLOT_NEXT2];
            int32_t sum[LANES] = {0};
            lanes8 acc = lanes8_zero();
            add8(&acc, vp2);
            add8(&acc, vp);
            add8(&acc, v0);
            add8(&acc, vn);
            add8(&acc, vn2);
            lanes8_store(&acc, sum);
            sum[8] = vp2[8] + vp[8] + v0[8] + vn[8] + vn2[8];
            add_keys(m, keys[i - c0], nkeys[i - c0], sum);
            float *em = s->em + (size_t)(i - from) * LANES;
            for (int t = 0; t < LANES; t++) em[t] = (float)sum[t];
        }
    }
    /* the tokens either side of a stretch are O: their transitions count */
    decode((const float(*)[LANES])m->tr, (const float(*)[LANES])m->into, s->em, to - from, from == 0 ? NER_NTAGS : NER_O, to < n ? NER_O : -1,
           tags + from);
}

/* A lower-case word just before a capitalised one may open its name
 * ("al Qaeda", "de Mistura"); elsewhere lower-case words are left out. */
static bool may_open(const token *t) { return (t->flags & TF_WORD) && tok_end(t) - t->start <= 3; }

/* Marks the tokens worth scoring: words with a capital letter, unless the
 * vocabulary knows the word as one that is not part of names. The passes
 * after the first walk a list of the capitalised tokens. */
static uint32_t find_hot(const ner_model *m, article *a, uint32_t tok, uint32_t n, tagger_mem *s)
{
    uint32_t nhot = 0, *list = s->slot + s->cap;
    for (uint32_t i = 0; i < n; i++) {
        s->ent[i] = NULL;
        s->hot[i] = has_capital(a, &a->tokens.v[tok + i]);
        list[nhot] = i;
        nhot += s->hot[i];
    }
    for (uint32_t k = 0; k < nhot; k++) lookup_hash(m, a, s, tok, list[k]);
    for (uint32_t k = 0; k < nhot; k++) lookup_slot(m, s, list[k]);
    uint32_t left = nhot;
    for (uint32_t k = 0; k < nhot; k++) {
        uint32_t i = list[k];
        resolve(m, a, s, tok, i, true);
        if (s->ent[i]->flags & NER_VOCAB_COLD) {
            s->hot[i] = false;
            left--;
        }
    }
    return left;
}

/* lookup_hash() and lookup_slot() for the tokens without an entry in
 * reach of the stretches [from[k], to[k]): two either side. */
static void look_around(const ner_model *m, article *a, uint32_t tok, uint32_t n, const uint32_t *from,
                        const uint32_t *to, uint32_t nst, tagger_mem *s)
{
    uint32_t done = 0;   /* stretches come in order: tokens below are listed already */
    uint32_t *list = s->hash_list, nl = 0;
    for (uint32_t k = 0; k < nst; k++) {
        uint32_t lo = from[k] >= 2 ? from[k] - 2 : 0, hi = to[k] + 2 < n ? to[k] + 2 : n;
        for (uint32_t i = lo > done ? lo : done; i < hi; i++)
            if (!s->ent[i]) list[nl++] = i;
        if (hi > done) done = hi;
    }
    for (uint32_t k = 0; k < nl; k++) lookup_hash(m, a, s, tok, list[k]);
    for (uint32_t k = 0; k < nl; k++) lookup_slot(m, s, list[k]);
}

static void tag_sentence(const ner_model *m, article *a, uint32_t tok, uint32_t n, tagger_mem *s, uint8_t *tags)
{
    memset(tags, NER_O, n);
    s->sentence++;
    if (!find_hot(m, a, tok, n, s)) return;
    uint32_t first_word = n;
    for (uint32_t i = 0; i < n && first_word == n; i++)
        if (a->tokens.v[tok + i].flags & (TF_WORD | TF_NUM)) first_word = i;
    /* Stretches: runs of hot tokens, merged across up to two other tokens
     * ("Bank of England", "Bosnia and Herzegovina"). Found first, so the
     * words around them not looked up yet are looked up together, and
     * the misses of the whole sentence overlap. */
    uint32_t *from = s->slot + s->cap, *to = from + n / 2 + 1, nst = 0;   /* at most n / 2 + 1 stretches */
    for (uint32_t i = 0; i < n;) {
        if (!s->hot[i]) {
            i++;
            continue;
        }
        uint32_t last = i;
        from[nst] = i && may_open(&a->tokens.v[tok + i - 1]) ? i - 1 : i;
        for (uint32_t j = i + 1; j < n && j <= last + 3; j++)
            if (s->hot[j]) last = j;
        to[nst++] = i = last + 1;
    }
    look_around(m, a, tok, n, from, to, nst, s);
    for (uint32_t k = 0; k < nst; k++) tag_stretch(m, a, tok, n, first_word, from[k], to[k], s, tags);
}

void ner_tag_article(const ner_model *m, article *a, uint8_t *tags)
{
    uint32_t longest = 0;
    for (uint32_t k = 0; k < a->sents.n; k++)
        if (a->sents.v[k].ntok > longest) longest = a->sents.v[k].ntok;
    memset(tags, NER_O, a->tokens.n);
    if (!longest) return;
    tagger_mem *s = mem_for(longest);
    for (uint32_t k = 0; k < a->sents.n; k++) {
        const sentence *st = &a->sents.v[k];
        tag_sentence(m, a, st->tok, st->ntok, s, tags + st->tok);
    }
}
