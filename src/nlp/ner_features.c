/* ner_features.c — what the tagger sees of a token, as 64-bit feature keys.
 *
 * A key is a hash of a template and a value ("lower=kerry", "shape=Xx"); the
 * model keeps weights for the keys it learnt and ignores the rest. Features
 * come in two kinds, kept apart on purpose:
 *   word keys     depend on one word and the slot it fills around the token
 *                 tagged (the token itself, or a neighbour up to two away);
 *                 the tagger sums their weights once per word and caches it;
 *   context keys  depend on the word's place: sentence start, gazetteer names
 *                 over several words, and conjunctions of neighbours.
 * Training and tagging both call these functions, so they see the same thing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "nlp/ner.h"

const char NER_PAD_BEFORE[] = "<s>";
const char NER_PAD_AFTER[] = "</s>";

/* Templates: each key mixes one of these in. */
enum {
    F_BIAS = 1, F_WORD, F_LOWER, F_SHAPE, F_PREFIX, F_SUFFIX, F_TITLE, F_GAZ1, F_LEN, F_HYPHEN,
    F_SENT_SHAPE, F_SENT_LOWER, F_GAZ_SELF, F_GAZ_PREV, F_GAZ_NEXT, F_SHAPE3, F_PREV_LOWER_LOWER,
    F_LOWER_NEXT_LOWER,
};

static uint64_t mix(uint64_t h, uint64_t k)
{
    h ^= k * 0x9E3779B97F4A7C15ULL;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 29;
    return h;
}

static uint64_t key_of(int tmpl, int slot, uint64_t value) { return mix(value, (uint64_t)(tmpl * 8 + slot)); }

static size_t lower_into(const char *w, size_t n, char *out, size_t cap)
{
    if (n > cap) n = cap;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return n;
}

/* Shape: each run of upper, lower, digits or one symbol becomes one character:
 * Kerry → Xx, NATO → X, U.S. → X.X., al-Qaida → x-Xx, 1980s → dx. */
static size_t shape_into(const char *w, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    char last = 0;
    for (size_t i = 0; i < n && o < cap;) {
        int len = 1;
        unsigned char b = (unsigned char)w[i];
        int32_t cp = b < 0x80 ? b : utf8_decode(w + i, n - i, &len);
        if (len <= 0) len = 1;
        char c;
        if (uc_is_upper(cp)) c = 'X';
        else if (uc_is_letter(cp)) c = 'x';
        else if (uc_is_digit(cp)) c = 'd';
        else c = b < 0x80 ? (char)b : 'o';
        if (c != last || !(c == 'X' || c == 'x' || c == 'd')) out[o++] = c;
        last = c;
        i += (size_t)len;
    }
    return o;
}

void ner_word_hashes(const char *w, size_t n, uint64_t *lower_h, uint64_t *shape_h)
{
    char tmp[128] = "";
    size_t k = lower_into(w, n, tmp, sizeof tmp);
    *lower_h = hash_bytes(tmp, k);
    k = shape_into(w, n, tmp, sizeof tmp);
    *shape_h = hash_bytes(tmp, k);
}

/* Where a word falls in the title filter. Both sides see letters through
 * | 0x20, which lower-cases them; a curly apostrophe (wordmap folds it)
 * is no first or last byte of a title. */
static unsigned title_bit(const char *w, size_t n)
{
    unsigned first = (unsigned char)w[0] | 0x20, last = (unsigned char)w[n - 1] | 0x20;
    return (unsigned)(n * 131 + first * 31 + last) & (NER_TITLE_FILTER_BITS - 1);
}

static bool maybe_title(const ner_features *fx, const char *w, size_t n)
{
    unsigned b = title_bit(w, n);
    return fx->title_filter[b / 64] >> (b % 64) & 1;
}

int ner_title_kind(const ner_features *fx, const char *w, size_t n)
{
    if (n > 1 && w[n - 1] == '.') n--;
    if (!n || !maybe_title(fx, w, n)) return TITLE_NONE;
    const char *v = fx->titles ? wordmap_get(fx->titles, w, n) : NULL;
    if (!v) return TITLE_NONE;
    return strcmp(v, "modifier") ? TITLE_HEAD : TITLE_MOD;
}

const char *ner_norm_digits(const char *w, size_t *n, char *out, size_t cap)
{
    if (!ner_has_byte_between(w, *n, '0' - 1, '9' + 1)) return w;
    if (*n > cap) *n = cap;
    for (size_t i = 0; i < *n; i++) out[i] = w[i] >= '0' && w[i] <= '9' ? '0' : w[i];
    return out;
}

void ner_word_keys(const ner_features *fx, const char *w, size_t n, bool self, ner_word_keys_t *out)
{
    char norm[128];
    w = ner_norm_digits(w, &n, norm, sizeof norm);
    ner_word_hashes(w, n, &out->lower_h, &out->shape_h);
    uint64_t lower_h = out->lower_h, shape_h = out->shape_h;
    int title = ner_title_kind(fx, w, n);
    for (int slot = 0; slot < NER_NSLOTS; slot++) {
        uint64_t *o = out->keys[slot];
        int k = 0;
        o[k++] = key_of(F_LOWER, slot, lower_h);
        o[k++] = key_of(F_SHAPE, slot, shape_h);
        if (title) o[k++] = key_of(F_TITLE, slot, (uint64_t)title);
        out->count[slot] = k;
    }
    if (!self) {
        out->count[NER_SLOT_SELF] = 0;
        return;
    }
    uint64_t *o = out->keys[NER_SLOT_SELF];
    int k = out->count[NER_SLOT_SELF];
    o[k++] = key_of(F_BIAS, NER_SLOT_SELF, 0);
    o[k++] = key_of(F_WORD, NER_SLOT_SELF, hash_bytes(w, n));
    char low[128];
    size_t ln = lower_into(w, n, low, sizeof low);
    for (size_t a = 1; a <= 4 && a < ln; a++) {
        if (a <= 3) o[k++] = key_of(F_PREFIX, (int)a, hash_bytes(low, a));
        o[k++] = key_of(F_SUFFIX, (int)a, hash_bytes(low + ln - a, a));
    }
    o[k++] = key_of(F_LEN, NER_SLOT_SELF, n < 5 ? n : 5);
    if (memchr(w, '-', n)) o[k++] = key_of(F_HYPHEN, NER_SLOT_SELF, 1);
    if (fx->gaz) {
        unsigned g = gazetteer_lookup(fx->gaz, w, n) & GZ_TYPES;
        if (g) o[k++] = key_of(F_GAZ1, NER_SLOT_SELF, g);
    }
    out->count[NER_SLOT_SELF] = k;
}

static const uint64_t PAD_HASH = 0x5A5A5A5A5A5A5A5AULL;

int ner_context_keys(const ner_tok *t, uint32_t n, uint32_t i, uint64_t *out)
{
    int k = 0;
    const ner_tok *c = &t[i];
    if (c->first) {
        out[k++] = key_of(F_SENT_SHAPE, 0, c->shape_h);
        out[k++] = key_of(F_SENT_LOWER, 0, c->lower_h);
    }
    if (c->gaz) out[k++] = key_of(F_GAZ_SELF, 0, c->gaz);
    if (i > 0 && t[i - 1].gaz) out[k++] = key_of(F_GAZ_PREV, 0, t[i - 1].gaz);
    if (i + 1 < n && t[i + 1].gaz) out[k++] = key_of(F_GAZ_NEXT, 0, t[i + 1].gaz);
    uint64_t prev_lower = i > 0 ? t[i - 1].lower_h : PAD_HASH;
    uint64_t prev_shape = i > 0 ? t[i - 1].shape_h : PAD_HASH;
    uint64_t next_shape = i + 1 < n ? t[i + 1].shape_h : PAD_HASH;
    uint64_t next_lower = i + 1 < n ? t[i + 1].lower_h : PAD_HASH;
    out[k++] = key_of(F_PREV_LOWER_LOWER, 0, mix(prev_lower, c->lower_h));
    out[k++] = key_of(F_LOWER_NEXT_LOWER, 0, mix(c->lower_h, next_lower));
    out[k++] = key_of(F_SHAPE3, 0, mix(mix(prev_shape, c->shape_h), next_shape));
    return k;
}

void ner_mark_gazetteer(const gazetteer *g, const article *a, uint32_t from, uint32_t to, ner_tok *t)
{
    for (uint32_t i = from; i < to; i++) t[i - from].gaz = 0;
    if (!g) return;
    for (uint32_t i = from; i < to;) {
        uint32_t last = i;
        const ner_tok *x = &t[i - from];
        unsigned bits = 0;
        /* the word alone tells whether a longer name may start here */
        if ((x->flags & TF_WORD) && (x->flags & (TF_CAP | TF_UPPER)))
            bits = x->word_gaz & GZ_PREFIX ? gazetteer_match(g, a, i, to, &last) : x->word_gaz & GZ_TYPES;
        if (!bits) {
            i++;
            continue;
        }
        for (uint32_t j = i; j <= last; j++) t[j - from].gaz = (uint8_t)(bits << 1 | (j > i));
        i = last + 1;
    }
}

void ner_prepare(const ner_features *fx, const article *a, uint32_t tok, uint32_t ntok, ner_tok *t)
{
    bool seen_word = false;
    for (uint32_t k = 0; k < ntok; k++) {
        const token *x = &a->tokens.v[tok + k];
        ner_tok *o = &t[k];
        o->s = a->text + x->start;
        o->n = tok_end(x) - x->start;
        o->flags = x->flags;
        o->first = !seen_word && (x->flags & (TF_WORD | TF_NUM));
        if (x->flags & (TF_WORD | TF_NUM)) seen_word = true;
        /* hashed as the tagger's word cache hashes them: digits as 0 */
        char norm[128];
        size_t nn = o->n;
        const char *w = ner_norm_digits(o->s, &nn, norm, sizeof norm);
        ner_word_hashes(w, nn, &o->lower_h, &o->shape_h);
        o->word_gaz = fx->gaz ? (uint8_t)gazetteer_word(fx->gaz, w, nn) : 0;
    }
    ner_mark_gazetteer(fx->gaz, a, tok, tok + ntok, t);
}

/* Sets the filter bit of a title (a trailing dot left out, as tokens have it). */
static void add_title(const char *key, size_t n, void *ctx)
{
    ner_features *fx = ctx;
    if (n && key[n - 1] == '.') n--;
    if (!n) return;
    unsigned b = title_bit(key, n);
    fx->title_filter[b / 64] |= 1ULL << (b % 64);
}

int ner_features_load(ner_features *fx, const char *datadir, char *err, size_t errlen)
{
    char path[4096];
    memset(fx, 0, sizeof *fx);
    snprintf(path, sizeof path, "%s/nlp/ner-titles.txt", datadir);
    wordmap *titles = wordmap_load(path, WM_FOLD, err, errlen);
    if (!titles) return -1;
    wordmap_each(titles, add_title, fx);
    gazetteer *g = gazetteer_load(datadir, err, errlen);
    if (!g) {
        wordmap_free(titles);
        return -1;
    }
    fx->titles = titles;
    fx->gaz = g;
    return 0;
}

void ner_features_free(ner_features *fx)
{
    wordmap_free((wordmap *)fx->titles);
    gazetteer_free((gazetteer *)fx->gaz);
    memset(fx, 0, sizeof *fx);
}
