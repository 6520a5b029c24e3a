/* ner_train.c — learning the tagger's weights: an averaged structured
 * perceptron (Collins 2002) over BIO tags, decoded with Viterbi.
 *
 * Input is GMB-style: `word TAB POS TAB tag` lines, a blank line between
 * sentences, tags B-per I-geo ... (per → PERSON, org → ORG, geo → GPE,
 * gpe → NORP; tim, art, eve and nat are not ours and become O). Each sentence
 * is joined back into text the way news is written and cut again by dossier's
 * own tokenizer, so the tagger learns on the tokens it will see at run time.
 * Titles at the head of a person ("President", "Mr.", "Defence Minister")
 * are taken out of the name: dossier keeps them as the person's role.
 *
 * Training is deterministic: sentences are visited in an order drawn from a
 * fixed seed, sums run in a fixed order, and features are written sorted, so
 * the same data and options give the same model bytes. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "nlp/nlp.h"
#include "nlp/ner.h"

/* --- reading sentences --------------------------------------------------------- */

typedef struct gold_tok { char *word; int type; bool begin; } gold_tok;   /* type: ENT_* or 0 */

typedef struct tsent {
    uint32_t first, n;         /* tokens (dossier's) in the flat arrays */
} tsent;

typedef struct corpus {
    /* per dossier token */
    uint8_t *gold;
    uint32_t *feat_off;        /* features of token i: feats[feat_off[i] .. feat_off[i+1]) */
    uint32_t *feats;
    uint32_t ntok, cap_tok;
    size_t nfeats, cap_feats;
    tsent *sents;
    uint32_t nsents, cap_sents;
} corpus;

static int gmb_type(const char *tag)
{
    if (!strcmp(tag, "per")) return ENT_PERSON;
    if (!strcmp(tag, "org")) return ENT_ORG;
    if (!strcmp(tag, "geo")) return ENT_GPE;
    if (!strcmp(tag, "gpe")) return ENT_NORP;
    return ENT_NONE;
}

static bool glued_before(const char *w)
{
    static const char *const list[] = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S",
                                       "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "'", "..."};
    for (size_t i = 0; i < sizeof list / sizeof *list; i++)
        if (!strcmp(w, list[i])) return true;
    return false;
}

static bool glued_after(const char *w) { return !strcmp(w, "(") || !strcmp(w, "$") || !strcmp(w, "[") || !strcmp(w, "{"); }

/* Joins words as news prints them; starts[i], ends[i] are word i's bytes. */
static char *detokenize(const gold_tok *g, uint32_t n, uint32_t *starts, uint32_t *ends, size_t *len)
{
    buf b;
    buf_init(&b);
    bool glue = true, in_quote = false;
    for (uint32_t i = 0; i < n; i++) {
        const char *w = g[i].word;
        bool space = !glue;
        glue = false;
        if (!strcmp(w, "\"")) {
            bool closing = i > 0 && (in_quote || i == n - 1);
            if (closing) {
                space = false;
                in_quote = false;
            } else {
                in_quote = true;
                glue = true;
            }
        } else if (glued_before(w)) {
            space = false;
        }
        if (glued_after(w)) glue = true;
        if (space && b.n) buf_putc(&b, ' ');
        starts[i] = (uint32_t)b.n;
        buf_puts(&b, w);
        ends[i] = (uint32_t)b.n;
    }
    buf_putc(&b, '\0');
    *len = b.n - 1;
    return b.p;
}

/* Person names lose their leading titles ("Defence Minister", "Mr."), and
 * "of"/"the" inside them ("Secretary of State"). */
static void strip_titles(const ner_features *fx, gold_tok *g, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (g[i].type != ENT_PERSON || !g[i].begin) continue;
        uint32_t j = i, end = i + 1;
        while (end < n && g[end].type == ENT_PERSON && !g[end].begin) end++;
        bool stripped = false;
        while (j + 1 < end && (ner_title_kind(fx, g[j].word, strlen(g[j].word)) ||
                               (stripped && (!strcmp(g[j].word, "of") || !strcmp(g[j].word, "the"))))) {
            g[j].type = ENT_NONE;
            stripped = true;
            j++;
        }
        if (j + 1 == end && ner_title_kind(fx, g[j].word, strlen(g[j].word))) g[j].type = ENT_NONE;
        else g[j].begin = true;
        i = end - 1;
    }
}

/* --- the feature dictionary ------------------------------------------------------ */

typedef struct dict {
    uint64_t *keys;
    uint32_t *slot;      /* id + 1 */
    uint32_t n, mask;
} dict;

static void dict_grow(dict *d)
{
    uint32_t cap = d->mask ? (d->mask + 1) * 2 : 1u << 16;
    uint32_t *slot = calloc(cap, sizeof *slot);
    d->keys = realloc(d->keys, sizeof *d->keys * cap / 2);
    if (!slot || !d->keys) abort();
    for (uint32_t id = 0; id < d->n; id++) {
        uint32_t i = (uint32_t)d->keys[id] & (cap - 1);
        while (slot[i]) i = (i + 1) & (cap - 1);
        slot[i] = id + 1;
    }
    free(d->slot);
    d->slot = slot;
    d->mask = cap - 1;
}

static int64_t dict_find(const dict *d, uint64_t key)
{
    if (!d->mask) return -1;
    for (uint32_t i = (uint32_t)key & d->mask; d->slot[i]; i = (i + 1) & d->mask)
        if (d->keys[d->slot[i] - 1] == key) return d->slot[i] - 1;
    return -1;
}

static uint32_t dict_id(dict *d, uint64_t key)
{
    if ((d->n + 1) * 2 > d->mask) dict_grow(d);
    uint32_t i = (uint32_t)key & d->mask;
    for (; d->slot[i]; i = (i + 1) & d->mask)
        if (d->keys[d->slot[i] - 1] == key) return d->slot[i] - 1;
    d->keys[d->n] = key;
    d->slot[i] = ++d->n;
    return d->n - 1;
}

/* --- vocabulary counts ------------------------------------------------------------- */

typedef struct vcount { uint32_t seen, in_name; } vcount;

typedef struct vocab_counts {
    wordmap *index;      /* word → position in counts, as decimal */
    vcount *counts;
    char **words;
    uint32_t n, cap;
} vocab_counts;

static void vocab_note(vocab_counts *v, const char *w, size_t n, bool in_name)
{
    const char *id = wordmap_get(v->index, w, n);
    uint32_t k;
    if (id) {
        k = (uint32_t)strtoul(id, NULL, 10);
    } else {
        if (v->n == v->cap) {
            v->cap = v->cap ? v->cap * 2 : 4096;
            v->counts = realloc(v->counts, sizeof *v->counts * v->cap);
            v->words = realloc(v->words, sizeof *v->words * v->cap);
            if (!v->counts || !v->words) abort();
        }
        k = v->n++;
        char num[16];
        snprintf(num, sizeof num, "%u", k);
        wordmap_add(v->index, w, n, num);
        v->counts[k] = (vcount){0};
        v->words[k] = strndup(w, n);
    }
    v->counts[k].seen++;
    v->counts[k].in_name += in_name;
}

/* --- turning a sentence into training tokens ----------------------------------------- */

static void push_sentence(corpus *c, dict *d, vocab_counts *v, const ner_features *fx, gold_tok *g, uint32_t n)
{
    strip_titles(fx, g, n);
    uint32_t *starts = malloc(sizeof *starts * n), *ends = malloc(sizeof *ends * n);
    size_t len;
    char *text = detokenize(g, n, starts, ends, &len);
    article *a = article_new();
    a->text = arena_strndup(&a->mem, text, len);
    a->len = (uint32_t)len;
    nlp_tokenize(a);
    uint32_t nt = a->tokens.n;
    if (!nt) {
        article_free(a);
        free(text);
        free(starts);
        free(ends);
        return;
    }
    ner_tok *t = calloc(nt ? nt : 1, sizeof *t);
    ner_prepare(fx, a, 0, nt, t);

    if (c->nsents == c->cap_sents) {
        c->cap_sents = c->cap_sents ? c->cap_sents * 2 : 1024;
        c->sents = realloc(c->sents, sizeof *c->sents * c->cap_sents);
    }
    if (c->ntok + nt + 1 >= c->cap_tok) {
        c->cap_tok = (c->ntok + nt + 1) * 2;
        c->gold = realloc(c->gold, c->cap_tok);
        c->feat_off = realloc(c->feat_off, sizeof *c->feat_off * c->cap_tok);
    }
    if (!c->sents || !c->gold || !c->feat_off) abort();
    c->sents[c->nsents++] = (tsent){c->ntok, nt};

    /* every word's keys at every slot, once */
    ner_word_keys_t *wkeys = malloc(sizeof *wkeys * nt), pads[2];
    if (!wkeys) abort();
    for (uint32_t i = 0; i < nt; i++) ner_word_keys(fx, t[i].s, t[i].n, true, &wkeys[i]);
    ner_word_keys(fx, NER_PAD_BEFORE, strlen(NER_PAD_BEFORE), true, &pads[0]);
    ner_word_keys(fx, NER_PAD_AFTER, strlen(NER_PAD_AFTER), true, &pads[1]);

    uint32_t w = 0;   /* the GMB word holding the token's first byte */
    for (uint32_t i = 0; i < nt; i++) {
        const token *x = &a->tokens.v[i];
        while (w + 1 < n && ends[w] <= x->start) w++;
        int tag = NER_O;
        if (g[w].type && starts[w] <= x->start && x->start < ends[w]) {
            bool begin = g[w].begin && starts[w] == x->start;
            /* a name cut from the previous token's type begins here */
            if (!begin && (i == 0 || ner_tag_ent(c->gold[c->ntok + i - 1]) != g[w].type)) begin = true;
            tag = ner_tag_of((uint8_t)g[w].type, begin);
        }
        c->gold[c->ntok + i] = (uint8_t)tag;
        char norm[128];
        size_t vn = t[i].n;
        const char *vw = ner_norm_digits(t[i].s, &vn, norm, sizeof norm);
        vocab_note(v, vw, vn, tag != NER_O);

        uint64_t keys[NER_MAX_KEYS * (NER_NSLOTS + 1)];
        int k = 0;
        static const int offset[NER_NSLOTS] = {0, -1, 1, -2, 2};
        for (int s = 0; s < NER_NSLOTS; s++) {
            int64_t j = (int64_t)i + offset[s];
            const ner_word_keys_t *wk = j < 0 ? &pads[0] : j >= nt ? &pads[1] : &wkeys[j];
            memcpy(keys + k, wk->keys[s], sizeof *keys * (size_t)wk->count[s]);
            k += wk->count[s];
        }
        k += ner_context_keys(t, nt, i, keys + k);
        c->feat_off[c->ntok + i] = (uint32_t)c->nfeats;
        if (c->nfeats + (size_t)k > c->cap_feats) {
            c->cap_feats = (c->nfeats + (size_t)k) * 2;
            c->feats = realloc(c->feats, sizeof *c->feats * c->cap_feats);
            if (!c->feats) abort();
        }
        for (int q = 0; q < k; q++) c->feats[c->nfeats++] = dict_id(d, keys[q]);
    }
    c->ntok += nt;
    c->feat_off[c->ntok] = (uint32_t)c->nfeats;
    free(wkeys);
    free(t);
    article_free(a);
    free(text);
    free(starts);
    free(ends);
}

static int read_corpus(const char *path, const ner_features *fx, corpus *c, dict *d, vocab_counts *v,
                       char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read", path);
        return -1;
    }
    gold_tok g[1024];
    uint32_t n = 0;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    unsigned long lineno = 0;
    int rc = 0;
    for (;;) {
        len = getline(&line, &cap, f);
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
        if (len <= 0) {
            if (n) push_sentence(c, d, v, fx, g, n);
            for (uint32_t i = 0; i < n; i++) free(g[i].word);
            n = 0;
            if (len < 0) break;
            continue;
        }
        char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        if (!t2 || (strcmp(t2 + 1, "O") && (t2[1] != 'B' && t2[1] != 'I'))) {
            snprintf(err, errlen, "%s:%lu: want word TAB POS TAB tag", path, lineno);
            rc = -1;
            break;
        }
        if (n == sizeof g / sizeof *g) continue;   /* absurdly long sentence: cut */
        const char *tag = t2 + 1;
        g[n].word = strndup(line, (size_t)(t1 - line));
        g[n].type = tag[0] == 'O' ? ENT_NONE : gmb_type(tag + 2);
        g[n].begin = tag[0] == 'B';
        n++;
    }
    for (uint32_t i = 0; i < n; i++) free(g[i].word);
    free(line);
    fclose(f);
    if (!rc && !c->nsents) {
        snprintf(err, errlen, "%s: no sentences", path);
        rc = -1;
    }
    return rc;
}

/* --- the perceptron ------------------------------------------------------------------ */

typedef struct learner {
    uint32_t nfeat;
    float *w;
    double *u;          /* sum of update × time, for averaging */
    float trans[NER_NTAGS + 1][NER_NTAGS];
    double utrans[NER_NTAGS + 1][NER_NTAGS];
    double time;
} learner;

static void update(learner *l, const corpus *c, uint32_t tok, int tag, float by)
{
    for (uint32_t f = c->feat_off[tok]; f < c->feat_off[tok + 1]; f++) {
        size_t k = (size_t)c->feats[f] * NER_NTAGS + (size_t)tag;
        l->w[k] += by;
        l->u[k] += by * l->time;
    }
}

static void update_trans(learner *l, int prev, int tag, float by)
{
    l->trans[prev][tag] += by;
    l->utrans[prev][tag] += by * l->time;
}

/* One sentence: decode with the current weights, correct where wrong. */
static bool learn_sentence(learner *l, const corpus *c, const tsent *s, float *em, uint8_t *pred)
{
    for (uint32_t i = 0; i < s->n; i++) {
        float *e = em + (size_t)i * NER_NTAGS;
        memset(e, 0, sizeof *e * NER_NTAGS);
        uint32_t tok = s->first + i;
        for (uint32_t f = c->feat_off[tok]; f < c->feat_off[tok + 1]; f++) {
            const float *w = l->w + (size_t)c->feats[f] * NER_NTAGS;
            for (int t = 0; t < NER_NTAGS; t++) e[t] += w[t];
        }
    }
    ner_viterbi((const float(*)[NER_NTAGS])l->trans, em, s->n, NER_NTAGS, pred);
    const uint8_t *gold = c->gold + s->first;
    bool wrong = false;
    for (uint32_t i = 0; i < s->n; i++) {
        int gp = i ? gold[i - 1] : NER_NTAGS, pp = i ? pred[i - 1] : NER_NTAGS;
        if (gold[i] != pred[i]) {
            update(l, c, s->first + i, gold[i], 1);
            update(l, c, s->first + i, pred[i], -1);
            wrong = true;
        }
        if (gold[i] != pred[i] || gp != pp) {
            update_trans(l, gp, gold[i], 1);
            update_trans(l, pp, pred[i], -1);
        }
    }
    l->time += 1;
    return wrong;
}

static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void train(learner *l, const corpus *c, const ner_train_opts *o)
{
    uint32_t *order = malloc(sizeof *order * c->nsents);
    uint32_t longest = 1;
    for (uint32_t k = 0; k < c->nsents; k++) {
        order[k] = k;
        if (c->sents[k].n > longest) longest = c->sents[k].n;
    }
    float *em = malloc(sizeof *em * NER_NTAGS * longest);
    uint8_t *pred = malloc(longest);
    if (!order || !em || !pred) abort();
    uint64_t rng = o->seed;
    for (int epoch = 0; epoch < o->epochs; epoch++) {
        for (uint32_t k = c->nsents; k > 1; k--) {
            uint32_t j = (uint32_t)(next_random(&rng) % k);
            uint32_t t = order[k - 1];
            order[k - 1] = order[j];
            order[j] = t;
        }
        uint32_t errors = 0;
        for (uint32_t k = 0; k < c->nsents; k++) errors += learn_sentence(l, c, &c->sents[order[k]], em, pred);
        if (!o->quiet)
            fprintf(stderr, "train-ner: epoch %d: %u of %u sentences wrong\n", epoch + 1, errors, c->nsents);
    }
    free(order);
    free(em);
    free(pred);
}

/* --- the result ------------------------------------------------------------------------ */

/* A word is cold when it was seen often and (nearly) never inside a name,
 * written as it is: "The", "Monday", "President". The tagger does not score
 * such words unless they sit between or next to words it does score. */
enum { COLD_MIN_SEEN = 10, COLD_MAX_PER_MILLE = 50 };

/* Quantised weights are multiples of the scale in int16, and so are the
 * sums the vocabulary keeps, whose rounding errors add up to NER_MAX_KEYS
 * halves: the scale leaves room for them below 32767. */
#define QUANT_MAX 32000.0f

typedef struct kept { uint64_t key; uint32_t id; } kept;

static int by_key(const void *x, const void *y)
{
    uint64_t a = ((const kept *)x)->key, b = ((const kept *)y)->key;
    return a < b ? -1 : a > b;
}

typedef struct vword { const char *word; uint32_t k; } vword;

static int by_word(const void *x, const void *y) { return strcmp(((const vword *)x)->word, ((const vword *)y)->word); }

/* Features whose weights all stay below the prune threshold are dropped:
 * their weights become 0 here, so sums over them need no other test. */
static float prune_small(learner *l, float prune)
{
    float maxabs = 0;
    for (uint32_t f = 0; f < l->nfeat; f++) {
        float *x = l->w + (size_t)f * NER_NTAGS;
        bool big = false;
        for (int q = 0; q < NER_NTAGS; q++) big |= fabsf(x[q]) >= prune && x[q] != 0;
        for (int q = 0; q < NER_NTAGS; q++) {
            if (!big) x[q] = 0;
            if (fabsf(x[q]) > maxabs) maxabs = fabsf(x[q]);
        }
    }
    return maxabs;
}

/* The sums of a word's keys' weights at each slot, weights / div rounded
 * one by one when round is set (as the tagger will add them up). */
static void word_sums(const learner *l, const dict *d, const ner_features *fx, const char *word, float div,
                      bool round, float out[NER_NSLOTS][NER_NTAGS])
{
    ner_word_keys_t keys;
    ner_word_keys(fx, word, strlen(word), true, &keys);
    memset(out, 0, sizeof(float) * NER_NSLOTS * NER_NTAGS);
    for (int s = 0; s < NER_NSLOTS; s++)
        for (int k = 0; k < keys.count[s]; k++) {
            int64_t id = dict_find(d, keys.keys[s][k]);
            if (id < 0) continue;
            const float *x = l->w + (size_t)id * NER_NTAGS;
            for (int q = 0; q < NER_NTAGS; q++) out[s][q] += round ? roundf(x[q] / div) : x[q] / div;
        }
}

/* The vocabulary: words seen at least min_vocab times, sorted. */
static vword *pick_vocab(const vocab_counts *v, int min_vocab, uint32_t *n)
{
    vword *words = malloc(sizeof *words * (v->n ? v->n : 1));
    if (!words) abort();
    *n = 0;
    for (uint32_t k = 0; k < v->n; k++)
        if (v->counts[k].seen >= (uint32_t)min_vocab) words[(*n)++] = (vword){v->words[k], k};
    qsort(words, *n, sizeof *words, by_word);
    return words;
}

/* Averaged, pruned and quantised weights, features sorted by key, and the
 * vocabulary with its sums. */
static ner_weights *finish(learner *l, const dict *d, const vocab_counts *v, const ner_features *fx,
                           const ner_train_opts *o)
{
    double t = l->time > 0 ? l->time : 1;
    for (size_t k = 0; k < (size_t)l->nfeat * NER_NTAGS; k++) l->w[k] = (float)(l->w[k] - l->u[k] / t);
    ner_weights *w = calloc(1, sizeof *w);
    if (!w) abort();
    for (int p = 0; p <= NER_NTAGS; p++)
        for (int q = 0; q < NER_NTAGS; q++) w->trans[p][q] = (float)(l->trans[p][q] - l->utrans[p][q] / t);

    float maxabs = prune_small(l, o->prune);
    vword *words = pick_vocab(v, o->min_vocab, &w->nvocab);
    float sums[NER_NSLOTS][NER_NTAGS];
    for (uint32_t i = 0; i < w->nvocab; i++) {
        word_sums(l, d, fx, words[i].word, 1, false, sums);
        for (int s = 0; s < NER_NSLOTS; s++)
            for (int q = 0; q < NER_NTAGS; q++)
                if (fabsf(sums[s][q]) > maxabs) maxabs = fabsf(sums[s][q]);
    }
    w->scale = maxabs > 0 ? maxabs / QUANT_MAX : 1.0f;

    kept *keep = malloc(sizeof *keep * (l->nfeat ? l->nfeat : 1));
    uint32_t nk = 0;
    for (uint32_t f = 0; f < l->nfeat; f++) {
        float *x = l->w + (size_t)f * NER_NTAGS;
        bool nonzero = false;
        for (int q = 0; q < NER_NTAGS; q++) {
            x[q] = roundf(x[q] / w->scale) * w->scale;
            nonzero |= x[q] != 0;
        }
        if (nonzero) keep[nk++] = (kept){d->keys[f], f};
    }
    qsort(keep, nk, sizeof *keep, by_key);
    w->nfeat = nk;
    w->keys = malloc(sizeof *w->keys * (nk ? nk : 1));
    w->w = malloc(sizeof *w->w * NER_NTAGS * (nk ? nk : 1));
    if (!keep || !w->keys || !w->w) abort();
    for (uint32_t i = 0; i < nk; i++) {
        w->keys[i] = keep[i].key;
        memcpy(w->w + (size_t)i * NER_NTAGS, l->w + (size_t)keep[i].id * NER_NTAGS, sizeof *w->w * NER_NTAGS);
    }
    free(keep);

    w->vocab = malloc(sizeof *w->vocab * (w->nvocab ? w->nvocab : 1));
    w->vec = malloc(sizeof *w->vec * NER_NSLOTS * NER_NTAGS * (w->nvocab ? w->nvocab : 1));
    w->vflags = calloc(w->nvocab ? w->nvocab : 1, 1);
    if (!w->vocab || !w->vec || !w->vflags) abort();
    for (uint32_t i = 0; i < w->nvocab; i++) {
        const vcount *c = &v->counts[words[i].k];
        w->vocab[i] = strdup(words[i].word);
        if (c->seen >= COLD_MIN_SEEN && (uint64_t)c->in_name * 1000 <= (uint64_t)c->seen * COLD_MAX_PER_MILLE)
            w->vflags[i] |= NER_VOCAB_COLD;
        word_sums(l, d, fx, words[i].word, w->scale, true, sums);
        int16_t *out = w->vec + (size_t)i * NER_NSLOTS * NER_NTAGS;
        for (int s = 0; s < NER_NSLOTS; s++)
            for (int q = 0; q < NER_NTAGS; q++) {
                float x = sums[s][q];
                out[s * NER_NTAGS + q] = (int16_t)(x > 32767 ? 32767 : x < -32767 ? -32767 : x);
            }
    }
    free(words);
    return w;
}

void ner_weights_free(ner_weights *w)
{
    if (!w) return;
    for (uint32_t k = 0; k < w->nvocab; k++) free(w->vocab[k]);
    free(w->vocab);
    free(w->vec);
    free(w->vflags);
    free(w->keys);
    free(w->w);
    free(w);
}

ner_weights *ner_train_file(const char *path, const ner_features *fx, const ner_train_opts *o,
                            char *err, size_t errlen)
{
    corpus c;
    memset(&c, 0, sizeof c);
    dict d;
    memset(&d, 0, sizeof d);
    vocab_counts v;
    memset(&v, 0, sizeof v);
    v.index = wordmap_new(0);
    ner_weights *w = NULL;
    if (read_corpus(path, fx, &c, &d, &v, err, errlen) == 0) {
        if (!o->quiet)
            fprintf(stderr, "train-ner: %u sentences, %u tokens, %u features\n", c.nsents, c.ntok, d.n);
        learner l;
        memset(&l, 0, sizeof l);
        l.nfeat = d.n;
        l.w = calloc((size_t)d.n * NER_NTAGS + 1, sizeof *l.w);
        l.u = calloc((size_t)d.n * NER_NTAGS + 1, sizeof *l.u);
        if (!l.w || !l.u) abort();
        train(&l, &c, o);
        w = finish(&l, &d, &v, fx, o);
        free(l.w);
        free(l.u);
    }
    free(c.gold);
    free(c.feat_off);
    free(c.feats);
    free(c.sents);
    free(d.keys);
    free(d.slot);
    for (uint32_t k = 0; k < v.n; k++) free(v.words[k]);
    free(v.words);
    free(v.counts);
    wordmap_free(v.index);
    return w;
}

int ner_train_main(const char *datadir, const char *train, const char *out, const ner_train_opts *o,
                   char *err, size_t errlen)
{
    ner_features fx;
    if (ner_features_load(&fx, datadir, err, errlen) != 0) return -1;
    ner_weights *w = ner_train_file(train, &fx, o, err, errlen);
    int rc = w ? ner_save(w, out, err, errlen) : -1;
    if (w && !rc && !o->quiet)
        fprintf(stderr, "train-ner: %s: %u features, %u cached words\n", out, w->nfeat, w->nvocab);
    ner_weights_free(w);
    ner_features_free(&fx);
    return rc;
}
