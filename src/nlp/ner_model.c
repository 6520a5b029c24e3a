/* ner_model.c — the tagger's weights: the model file, Viterbi decoding, and
 * the fast path that tags an article.
 *
 * The file (models/ner.bin) is flat and versioned, read with one fread:
 *   header   magic "DSNER\0\0\1", sizes, weight scale, transition weights
 *   keys     uint64[nfeat]            feature keys, ascending
 *   weights  int16[nfeat][NER_NTAGS]  multiples of the scale
 *   vocab    NUL-terminated words, vocab_bytes in all
 * Numbers are in the machine's byte order; the file is rebuilt, not shipped
 * across architectures (a mismatch is refused by the magic check).
 *
 * Speed comes from two shortcuts, both exact or nearly so:
 *   - A word's features do not depend on its context, so for each word of
 *     the cached vocabulary the weight sums at its five slots are added up
 *     once at load; scoring a token is then five vector adds plus a few
 *     context features.
 *   - Tokens far from any word with a capital letter (al-Qaida has one) are
 *     O in practice, so only stretches around such words are scored and
 *     decoded; the rest stay O without a look.
 * A feature's key and weights share one 32-byte slot of an open-addressing
 * table, so looking a feature up touches one cache line. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/ner.h"

#define NER_MAGIC "DSNER\0\0\1"

typedef struct ner_header {
    char magic[8];
    uint32_t ntags, nfeat, nvocab, vocab_bytes;
    float scale;
    float trans[NER_NTAGS + 1][NER_NTAGS];
} ner_header;

/* One cached word: its hashes and its weight sums at each slot. */
typedef struct vocab_entry {
    const char *word;
    uint32_t len;
    bool has_self;        /* vec[NER_SLOT_SELF] is filled (neighbour slots always are) */
    uint8_t gaz;          /* gazetteer_word() of the word */
    uint64_t hash, lower_h, shape_h;
    float vec[NER_NSLOTS][NER_NTAGS];
} vocab_entry;

/* A feature: key 0 marks an empty slot. */
typedef struct wslot {
    uint64_t key;
    int16_t w[NER_NTAGS];
    int16_t pad[3];
} wslot;

struct ner_model {
    uint64_t id;                          /* tells cached words of models apart */
    const ner_features *fx;
    uint32_t nfeat;
    wslot *table;
    uint32_t mask;
    float scale;
    float trans[NER_NTAGS + 1][NER_NTAGS];
    float masked[NER_NTAGS + 1][NER_NTAGS];   /* trans with BIO's rules */
    uint32_t nvocab;
    vocab_entry *vocab;
    uint32_t *vindex, vindex_mask;        /* word hash → entry + 1 */
    char *words;                          /* the vocabulary's bytes */
    vocab_entry pad_before, pad_after;
};

static void mask_transitions(const float trans[NER_NTAGS + 1][NER_NTAGS], float tr[NER_NTAGS + 1][NER_NTAGS]);

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

static uint64_t nonzero(uint64_t key) { return key ? key : 1; }

static void table_put(ner_model *m, uint64_t key, const int16_t *w)
{
    key = nonzero(key);
    uint32_t i = (uint32_t)(key ^ key >> 32) & m->mask;
    while (m->table[i].key && m->table[i].key != key) i = (i + 1) & m->mask;
    m->table[i].key = key;
    memcpy(m->table[i].w, w, sizeof m->table[i].w);
}

static const wslot *table_get(const ner_model *m, uint64_t key)
{
    key = nonzero(key);
    for (uint32_t i = (uint32_t)(key ^ key >> 32) & m->mask;; i = (i + 1) & m->mask) {
        const wslot *s = &m->table[i];
        if (s->key == key) return s;
        if (!s->key) return NULL;
    }
}

static uint32_t home_slot(const ner_model *m, uint64_t key)
{
    key = nonzero(key);
    return (uint32_t)(key ^ key >> 32) & m->mask;
}

void ner_score_keys(const ner_model *m, const uint64_t *keys, int nkeys, float *out)
{
    /* The table is larger than the caches and most lookups miss them: ask
     * for every slot first, so the misses overlap instead of queueing. */
    for (int k = 0; k < nkeys; k++) __builtin_prefetch(&m->table[home_slot(m, keys[k])]);
    int32_t sum[NER_NTAGS] = {0};
    int found = 0;
    for (int k = 0; k < nkeys; k++) {
        const wslot *s = table_get(m, keys[k]);
        if (!s) continue;
        for (int t = 0; t < NER_NTAGS; t++) sum[t] += s->w[t];
        found++;
    }
    if (found)
        for (int t = 0; t < NER_NTAGS; t++) out[t] += (float)sum[t] * m->scale;
}

/* The weight sums of a word at each slot, and its hashes; the token's own
 * slot only when asked (it costs most of the lookups). */
static void fill_entry(const ner_model *m, const char *w, size_t n, bool self, vocab_entry *e)
{
    ner_word_keys_t keys;
    ner_word_keys(m->fx, w, n, self, &keys);
    memset(e->vec, 0, sizeof e->vec);
    for (int s = 0; s < NER_NSLOTS; s++) ner_score_keys(m, keys.keys[s], keys.count[s], e->vec[s]);
    ner_word_hashes(w, n, &e->lower_h, &e->shape_h);
    e->word = w;
    e->len = (uint32_t)n;
    e->has_self = self;
    e->gaz = m->fx->gaz ? (uint8_t)gazetteer_word(m->fx->gaz, w, n) : 0;
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
    v = 0;
    memcpy(&v, s, n);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ULL;
    return h ^ (h >> 29);
}

static void build_vocab(ner_model *m)
{
    mask_transitions((const float(*)[NER_NTAGS])m->trans, m->masked);
    m->vocab = calloc(m->nvocab ? m->nvocab : 1, sizeof *m->vocab);
    m->vindex_mask = table_mask(m->nvocab);
    m->vindex = calloc((size_t)m->vindex_mask + 1, sizeof *m->vindex);
    if (!m->vocab || !m->vindex) abort();
    const char *w = m->words;
    for (uint32_t v = 0; v < m->nvocab; v++) {
        size_t n = strlen(w);
        vocab_entry *e = &m->vocab[v];
        fill_entry(m, w, n, true, e);
        e->hash = word_hash(w, n);
        uint32_t i = (uint32_t)e->hash & m->vindex_mask;
        while (m->vindex[i]) i = (i + 1) & m->vindex_mask;
        m->vindex[i] = v + 1;
        w += n + 1;
    }
    fill_entry(m, NER_PAD_BEFORE, strlen(NER_PAD_BEFORE), true, &m->pad_before);
    fill_entry(m, NER_PAD_AFTER, strlen(NER_PAD_AFTER), true, &m->pad_after);
}

static const vocab_entry *vocab_find(const ner_model *m, const char *w, size_t n, uint64_t h)
{
    for (uint32_t i = (uint32_t)h & m->vindex_mask;; i = (i + 1) & m->vindex_mask) {
        uint32_t v = m->vindex[i];
        if (!v) return NULL;
        const vocab_entry *e = &m->vocab[v - 1];
        if (e->hash == h && e->len == n && memcmp(e->word, w, n) == 0) return e;
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
    m->table = calloc((size_t)m->mask + 1, sizeof *m->table);
    if (!m->table) abort();
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
    build_vocab(m);
    return m;
}

void ner_free(ner_model *m)
{
    if (!m) return;
    free(m->table);
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
        need += (size_t)h.nfeat * (8 + 2 * NER_NTAGS) + h.vocab_bytes;
    }
    if (n < sizeof h || memcmp(h.magic, NER_MAGIC, 8) || h.ntags != NER_NTAGS || n != need ||
        (h.vocab_bytes && p[n - 1] != '\0')) {
        snprintf(err, errlen, "%s: not an entity model of this version (run `make model`)", path);
        free(p);
        return NULL;
    }
    ner_model *m = model_new(fx, h.nfeat, h.nvocab, h.scale);
    const char *keys = p + sizeof h, *weights = keys + (size_t)8 * h.nfeat;
    for (uint32_t f = 0; f < h.nfeat; f++) {
        uint64_t key;
        int16_t q[NER_NTAGS];
        memcpy(&key, keys + (size_t)8 * f, 8);
        memcpy(q, weights + sizeof q * f, sizeof q);
        table_put(m, key, q);
    }
    const char *q = weights + (size_t)2 * NER_NTAGS * h.nfeat;
    memcpy(m->trans, h.trans, sizeof m->trans);
    m->words = malloc(h.vocab_bytes + 1);
    if (!m->words) abort();
    memcpy(m->words, q, h.vocab_bytes);
    m->words[h.vocab_bytes] = '\0';
    /* The vocabulary must hold as many words as it says. */
    uint32_t count = 0;
    for (uint32_t i = 0; i < h.vocab_bytes; i++) count += m->words[i] == '\0';
    if (count != h.nvocab) {
        snprintf(err, errlen, "%s: damaged entity model (run `make model`)", path);
        free(p);
        ner_free(m);
        return NULL;
    }
    build_vocab(m);
    free(p);
    return m;
}

/* --- decoding ------------------------------------------------------------------ */

/* The transitions with BIO's forbidden moves at -inf, so decoding needs no
 * test for them; row NER_NTAGS is the sentence start. */
static void mask_transitions(const float trans[NER_NTAGS + 1][NER_NTAGS], float tr[NER_NTAGS + 1][NER_NTAGS])
{
    for (int p = 0; p <= NER_NTAGS; p++)
        for (int t = 0; t < NER_NTAGS; t++) {
            bool ok = p == NER_NTAGS ? !ner_is_inside(t) : ner_may_follow(p, t);
            tr[p][t] = ok ? trans[p][t] : -INFINITY;
        }
}

static void viterbi_masked(const float tr[NER_NTAGS + 1][NER_NTAGS], const float *em, uint32_t n, int start,
                           int end, uint8_t *tags);

void ner_viterbi(const float trans[NER_NTAGS + 1][NER_NTAGS], const float *em, uint32_t n, int start,
                 uint8_t *tags)
{
    float tr[NER_NTAGS + 1][NER_NTAGS];
    mask_transitions(trans, tr);
    viterbi_masked((const float(*)[NER_NTAGS])tr, em, n, start, -1, tags);
}

/* `end` >= 0: the tag known to follow the last token (O after a stretch). */
static void viterbi_masked(const float tr[NER_NTAGS + 1][NER_NTAGS], const float *em, uint32_t n, int start,
                           int end, uint8_t *tags)
{
    if (!n) return;
    uint8_t stack_back[256 * NER_NTAGS];
    uint8_t *back = n <= 256 ? stack_back : malloc((size_t)n * NER_NTAGS);
    if (!back) abort();
    float score[NER_NTAGS], next[NER_NTAGS];
    for (int t = 0; t < NER_NTAGS; t++) score[t] = tr[start][t] + em[t];
    for (uint32_t i = 1; i < n; i++) {
        const float *e = em + (size_t)i * NER_NTAGS;
        uint8_t *bk = back + (size_t)i * NER_NTAGS;
        /* O and B- may follow anything; I-X only B-X or I-X */
        for (int t = 0; t < NER_NTAGS; t += t ? 2 : 1) {
            float best = score[0] + tr[0][t];
            int arg = 0;
            for (int p = 1; p < NER_NTAGS; p++) {
                float s = score[p] + tr[p][t];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            next[t] = best + e[t];
            bk[t] = (uint8_t)arg;
        }
        for (int t = 2; t < NER_NTAGS; t += 2) {
            float from_b = score[t - 1] + tr[t - 1][t], from_i = score[t] + tr[t][t];
            bool stay = from_i > from_b;
            next[t] = (stay ? from_i : from_b) + e[t];
            bk[t] = (uint8_t)(stay ? t : t - 1);
        }
        memcpy(score, next, sizeof score);
    }
    if (end >= 0)
        for (int t = 0; t < NER_NTAGS; t++) score[t] += tr[t][end];
    int best = 0;
    for (int t = 1; t < NER_NTAGS; t++)
        if (score[t] > score[best]) best = t;
    for (uint32_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)best;
        if (i) best = back[(size_t)i * NER_NTAGS + best];
    }
    if (back != stack_back) free(back);
}

/* --- tagging an article ---------------------------------------------------------- */

/* Per-sentence scratch, kept per thread and grown to the longest sentence
 * seen, so tagging allocates nothing per article. */
typedef struct scratch {
    ner_tok *tok;
    const vocab_entry **vec;
    float *em;
    bool *hot;
    vocab_entry *own;     /* copies of cached words: the cache may reuse a slot mid-sentence */
    uint64_t *hash;       /* word_hash() of each token's word */
    uint32_t cap;
} scratch;
static _Thread_local scratch tls_scratch;

static scratch *scratch_for(uint32_t n)
{
    scratch *s = &tls_scratch;
    if (n <= s->cap) return s;
    uint32_t cap = n < 256 ? 256 : n;
    free(s->tok);
    free(s->vec);
    free(s->em);
    free(s->hot);
    free(s->own);
    free(s->hash);
    s->hash = malloc(sizeof *s->hash * cap);
    s->tok = malloc(sizeof *s->tok * cap);
    s->vec = malloc(sizeof *s->vec * cap);
    s->em = malloc(sizeof *s->em * NER_NTAGS * cap);
    s->hot = malloc(sizeof *s->hot * cap);
    s->own = malloc(sizeof *s->own * cap);
    if (!s->tok || !s->vec || !s->em || !s->hot || !s->own || !s->hash) abort();
    s->cap = cap;
    return s;
}

/* A token worth scoring: a word with a capital letter anywhere. */
static bool is_hot(const article *a, const token *t)
{
    if (!(t->flags & TF_WORD)) return false;
    if (t->flags & (TF_CAP | TF_UPPER)) return true;
    for (uint32_t i = t->start; i < t->end; i++)
        if (a->text[i] >= 'A' && a->text[i] <= 'Z') return true;
    return false;
}

/* Words outside the vocabulary, remembered across articles in a direct-
 * mapped cache per thread: news repeats its unknown words (names, jargon)
 * from one short article to the next, and filling a word costs ~40 feature
 * lookups. Per thread, so a shared dossier needs no lock; the cache lives
 * as long as its thread (about 2 MB). */
enum { XCACHE_SIZE = 1 << 13, XWORD_MAX = 32 };
typedef struct xentry {
    uint64_t model;
    vocab_entry e;
    char word[XWORD_MAX];
} xentry;
static _Thread_local xentry *xcache;

/* The entry of a token's word: from the vocabulary, the cache, or new;
 * `self` when the token is scored, not only read as a neighbour. */
static uint64_t token_hash(const article *a, const token *t)
{
    char norm[128];
    size_t n = t->end - t->start;
    const char *w = ner_norm_digits(a->text + t->start, &n, norm, sizeof norm);
    return word_hash(w, n);
}

static const vocab_entry *entry_for(const ner_model *m, article *a, const token *t, uint64_t h, bool self,
                                    vocab_entry *own)
{
    char norm[128];
    size_t n = t->end - t->start;
    const char *w = ner_norm_digits(a->text + t->start, &n, norm, sizeof norm);
    const vocab_entry *e = vocab_find(m, w, n, h);
    if (e) return e;
    if (n < XWORD_MAX) {
        if (!xcache && !(xcache = calloc(XCACHE_SIZE, sizeof *xcache))) abort();
        xentry *x = &xcache[h & (XCACHE_SIZE - 1)];
        bool same = x->model == m->id && x->e.hash == h && x->e.len == n && !memcmp(x->word, w, n);
        if (!same || (self && !x->e.has_self)) {
            memcpy(x->word, w, n);
            x->word[n] = '\0';
            fill_entry(m, x->word, n, self, &x->e);
            x->e.hash = h;
            x->model = m->id;
        }
        *own = x->e;
        return own;
    }
    fill_entry(m, arena_strndup(&a->mem, w, n), n, self, own);
    own->hash = h;
    return own;
}

static const vocab_entry *entry_at(const ner_model *m, const scratch *s, uint32_t n, int64_t i)
{
    if (i < 0) return &m->pad_before;
    if (i >= (int64_t)n) return &m->pad_after;
    return s->vec[i];
}

/* Scores and decodes tokens [from, to) of a sentence of n tokens starting at
 * token `tok`; words up to two beyond the stretch are read as context. */
static void tag_stretch(const ner_model *m, article *a, uint32_t tok, uint32_t n, uint32_t first_word,
                        uint32_t from, uint32_t to, scratch *s, uint8_t *tags)
{
    uint32_t lo = from >= 2 ? from - 2 : 0, hi = to + 2 < n ? to + 2 : n;
    /* The vocabulary is larger than the caches: ask for the index slots of
     * every word, then for the entries they name, then read them, so the
     * misses of a stretch overlap. */
    for (uint32_t i = lo; i < hi; i++) {
        s->hash[i] = token_hash(a, &a->tokens.v[tok + i]);
        __builtin_prefetch(&m->vindex[s->hash[i] & m->vindex_mask]);
    }
    for (uint32_t i = lo; i < hi; i++) {
        uint32_t v = m->vindex[s->hash[i] & m->vindex_mask];
        if (v) __builtin_prefetch(&m->vocab[v - 1]);
        else if (xcache) __builtin_prefetch(&xcache[s->hash[i] & (XCACHE_SIZE - 1)]);
    }
    for (uint32_t i = lo; i < hi; i++) {
        const token *t = &a->tokens.v[tok + i];
        const vocab_entry *e = entry_for(m, a, t, s->hash[i], i >= from && i < to, &s->own[i]);
        s->vec[i] = e;
        ner_tok *x = &s->tok[i];
        x->s = e->word;
        x->n = e->len;
        x->flags = t->flags;
        x->first = i == first_word;
        x->lower_h = e->lower_h;
        x->shape_h = e->shape_h;
        x->word_gaz = e->gaz;
    }
    ner_mark_gazetteer(m->fx->gaz, a, tok + lo, tok + hi, s->tok + lo);
    /* Context keys of up to CHUNK tokens are gathered and their slots
     * prefetched together before any is summed: the lookups miss the caches,
     * and overlapping the misses is most of the speed. */
    enum { CHUNK = 16 };
    uint64_t keys[CHUNK][NER_MAX_KEYS];
    int nkeys[CHUNK];
    for (uint32_t c0 = from; c0 < to; c0 += CHUNK) {
        uint32_t c1 = c0 + CHUNK < to ? c0 + CHUNK : to;
        for (uint32_t i = c0; i < c1; i++) {
            /* [lo, hi) reaches two past the stretch or to the sentence's end,
             * so the neighbours context features read are the sentence's own. */
            nkeys[i - c0] = ner_context_keys(s->tok + lo, hi - lo, i - lo, keys[i - c0]);
            for (int k = 0; k < nkeys[i - c0]; k++) __builtin_prefetch(&m->table[home_slot(m, keys[i - c0][k])]);
        }
        for (uint32_t i = c0; i < c1; i++) {
            float *em = s->em + (size_t)(i - from) * NER_NTAGS;
            const float *v0 = entry_at(m, s, n, i)->vec[NER_SLOT_SELF];
            const float *vp = entry_at(m, s, n, (int64_t)i - 1)->vec[NER_SLOT_PREV];
            const float *vn = entry_at(m, s, n, (int64_t)i + 1)->vec[NER_SLOT_NEXT];
            const float *vp2 = entry_at(m, s, n, (int64_t)i - 2)->vec[NER_SLOT_PREV2];
            const float *vn2 = entry_at(m, s, n, (int64_t)i + 2)->vec[NER_SLOT_NEXT2];
            for (int t = 0; t < NER_NTAGS; t++) em[t] = v0[t] + vp[t] + vn[t] + vp2[t] + vn2[t];
            ner_score_keys(m, keys[i - c0], nkeys[i - c0], em);
        }
    }
    /* the tokens either side of a stretch are O: their transitions count */
    viterbi_masked((const float(*)[NER_NTAGS])m->masked, s->em, to - from, from == 0 ? NER_NTAGS : NER_O,
                   to < n ? NER_O : -1, tags + from);
}

/* A lower-case word just before a capitalised one may open its name
 * ("al Qaeda", "de Mistura"); elsewhere lower-case words are left out. */
static bool may_open(const article *a, const token *t)
{
    return (t->flags & TF_WORD) && t->end - t->start <= 3;
}

static void tag_sentence(const ner_model *m, article *a, uint32_t tok, uint32_t n, scratch *s,
                         uint8_t *tags)
{
    memset(tags, NER_O, n);
    uint32_t first_word = n;
    for (uint32_t i = 0; i < n; i++) {
        s->hot[i] = is_hot(a, &a->tokens.v[tok + i]);
        if (first_word == n && (a->tokens.v[tok + i].flags & (TF_WORD | TF_NUM))) first_word = i;
    }
    /* Stretches: runs of hot tokens, merged across up to two other tokens
     * ("Bank of England", "Bosnia and Herzegovina"). */
    for (uint32_t i = 0; i < n;) {
        if (!s->hot[i]) {
            i++;
            continue;
        }
        uint32_t from = i && may_open(a, &a->tokens.v[tok + i - 1]) ? i - 1 : i, last = i;
        for (uint32_t j = i + 1; j < n && j <= last + 3; j++)
            if (s->hot[j]) last = j;
        uint32_t to = last + 1;
        tag_stretch(m, a, tok, n, first_word, from, to, s, tags);
        i = to;
    }
}

void ner_tag_article(const ner_model *m, article *a, uint8_t *tags)
{
    uint32_t longest = 0;
    for (uint32_t k = 0; k < a->sents.n; k++)
        if (a->sents.v[k].ntok > longest) longest = a->sents.v[k].ntok;
    memset(tags, NER_O, a->tokens.n);
    if (!longest) return;
    scratch *s = scratch_for(longest);
    for (uint32_t k = 0; k < a->sents.n; k++) {
        const sentence *st = &a->sents.v[k];
        tag_sentence(m, a, st->tok, st->ntok, s, tags + st->tok);
    }
}
