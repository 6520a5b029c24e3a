/* ner.h — the named-entity recogniser behind the entities step.
 *
 * Internal to nlp/: entities.c calls it, the `dossier train-ner` command and
 * the unit tests reach it through here. Four parts:
 *
 *   gazetteer.c     place, demonym and given-name lists (data/gazetteer/)
 *   ner_features.c  what the tagger sees of a token: the word, its shape,
 *                   affixes and neighbours, gazetteer hits, sentence position
 *   ner_model.c     the weights, the model file, Viterbi decoding, and the
 *                   fast path that tags an article
 *   ner_train.c     the averaged structured perceptron that learns the weights
 *                   from GMB-style `word TAB POS TAB tag` files
 *
 * Tags are BIO over PERSON, ORG, GPE and NORP (the training data does not tell
 * GPE from LOC; entities.c makes geographic features LOC afterwards). */
#ifndef DOSSIER_NER_H
#define DOSSIER_NER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "core/wordmap.h"

/* --- tags -------------------------------------------------------------------- */
enum { NER_O = 0, NER_NTYPES = 4, NER_NTAGS = 1 + 2 * NER_NTYPES };

/* Tag k > 0 is B- (odd) or I- (even) of type (k - 1) / 2. */
static inline bool ner_is_begin(int tag) { return tag > 0 && (tag & 1); }
static inline bool ner_is_inside(int tag) { return tag > 0 && !(tag & 1); }
uint8_t ner_tag_ent(int tag);                    /* enum ent_type; ENT_NONE for O */
int ner_tag_of(uint8_t ent_type, bool begin);    /* NER_O for types not tagged */
/* An I- tag may only follow a B- or I- of its own type. */
static inline bool ner_may_follow(int prev, int tag)
{
    return !ner_is_inside(tag) || (prev > 0 && (prev - 1) / 2 == (tag - 1) / 2);
}

/* --- bytes -------------------------------------------------------------------- */
/* Whether some byte of x lies strictly between lo and hi (lo < 127, hi <= 128),
 * exactly, by lane-wise arithmetic that cannot carry across bytes. */
static inline bool ner_bytes_between(uint64_t x, unsigned lo, unsigned hi)
{
    const uint64_t ones = 0x0101010101010101ULL, l = x & ones * 127;
    return ((ones * (127 + hi) - l) & ~x & (l + ones * (127 - lo)) & (ones * 128)) != 0;
}

/* Whether some byte of s[0, n) lies strictly between lo and hi, eight bytes a
 * step: the tagger asks every token whether it has a capital or a digit, and
 * most tokens are short words with neither. */
static inline bool ner_has_byte_between(const char *s, size_t n, unsigned lo, unsigned hi)
{
    uint64_t x = 0;
    uint32_t a = 0, b = 0;
    uint16_t c = 0, d = 0;
    if (n >= 8) {   /* whole words, then the last eight bytes (overlapping) */
        for (size_t i = 0; i + 8 <= n; i += 8) {
            __builtin_memcpy(&x, s + i, 8);
            if (ner_bytes_between(x, lo, hi)) return true;
        }
        __builtin_memcpy(&x, s + n - 8, 8);
    } else if (n >= 4) {
        __builtin_memcpy(&a, s, 4);
        __builtin_memcpy(&b, s + n - 4, 4);
        x = a | (uint64_t)b << 32;
    } else if (n >= 2) {
        __builtin_memcpy(&c, s, 2);
        __builtin_memcpy(&d, s + n - 2, 2);
        x = c | (uint64_t)d << 16;   /* the other bytes are zero, which matches nothing */
    } else if (n) {
        x = (unsigned char)s[0];
    }
    return ner_bytes_between(x, lo, hi);
}

/* --- gazetteer ----------------------------------------------------------------- */
enum gaz_bits {
    GZ_GPE = 1, GZ_LOC = 2, GZ_NORP = 4, GZ_PERSON = 8, GZ_ORG = 16,
    GZ_TYPES = 31,
    GZ_PREFIX = 32,    /* the first words of a longer name (North → North Waziristan) */
};

typedef struct gazetteer gazetteer;

/* Reads every list in datadir/gazetteer/ (key TAB types, comma-separated). */
gazetteer *gazetteer_load(const char *datadir, char *err, size_t errlen);
gazetteer *gazetteer_new(void);
void gazetteer_free(gazetteer *g);
void gazetteer_add(gazetteer *g, const char *name, size_t n, unsigned bits);
/* Types of the name exactly as written (case matters: Turkey, not turkey),
 * with GZ_PREFIX when a longer name starts with it. */
unsigned gazetteer_lookup(const gazetteer *g, const char *name, size_t n);
/* The types of one word as a name (GZ_PREFIX included), reading words in
 * capitals (KABUL) as Kabul, the way gazetteer_match does. */
unsigned gazetteer_word(const gazetteer *g, const char *w, size_t n);
/* The longest name starting at token i and ending before token `end`: its
 * types, with *last set to its last token; 0 if none. Names of several
 * words are matched with single spaces between tokens. */
unsigned gazetteer_match(const gazetteer *g, const article *a, uint32_t i, uint32_t end, uint32_t *last);

/* --- features ------------------------------------------------------------------ */
/* A token as the features see it, prepared once per sentence. */
typedef struct ner_tok {
    const char *s;
    uint32_t n;
    uint16_t flags;       /* token flags (TF_*) */
    uint8_t gaz;          /* gazetteer hit: types << 1 | inside, 0 if none */
    uint8_t word_gaz;     /* gazetteer_word() of this token alone */
    bool first;           /* first word of its sentence */
    uint64_t lower_h;     /* hash of the lower-cased word */
    uint64_t shape_h;     /* hash of its shape (Xx, X.X., dd-dd ...) */
} ner_tok;

/* Word features are read at five slots around the token being tagged. */
enum { NER_SLOT_SELF, NER_SLOT_PREV, NER_SLOT_NEXT, NER_SLOT_PREV2, NER_SLOT_NEXT2, NER_NSLOTS };
enum { NER_MAX_KEYS = 24 };   /* keys one call below may write for one slot */

enum { NER_TITLE_FILTER_BITS = 4096 };

typedef struct ner_features {
    const gazetteer *gaz;
    const wordmap *titles;    /* data/nlp/ner-titles.txt: Mr, Minister, General ... */
    /* A bit per (length, first and last letter) of the titles: most words
     * are no title, and this tells so without a lookup. */
    uint64_t title_filter[NER_TITLE_FILTER_BITS / 64];
} ner_features;

/* Loads the gazetteer and the title list from datadir. 0 on success. */
int ner_features_load(ner_features *fx, const char *datadir, char *err, size_t errlen);
void ner_features_free(ner_features *fx);

/* The words beyond a sentence's ends, as features see them. */
extern const char NER_PAD_BEFORE[], NER_PAD_AFTER[];

/* Keys of what word w tells at each slot around the token tagged:
 * keys[s][0 .. count[s]). These depend on the word alone, so the tagger
 * caches their weight sums. With self false, only the neighbour slots are
 * filled (count[NER_SLOT_SELF] = 0): the cheap part, for words read only as
 * context. */
typedef struct ner_word_keys_t {
    uint64_t keys[NER_NSLOTS][NER_MAX_KEYS];
    int count[NER_NSLOTS];
    uint64_t lower_h, shape_h;    /* as ner_word_hashes() gives them */
} ner_word_keys_t;
void ner_word_keys(const ner_features *fx, const char *w, size_t n, bool self, ner_word_keys_t *out);
/* Keys of what depends on the word's place in sentence t[0..n): sentence
 * start, gazetteer hits, neighbour conjunctions. */
int ner_context_keys(const ner_tok *t, uint32_t n, uint32_t i, uint64_t *out);
/* Fills t[0..ntok) for the sentence of tokens [tok, tok + ntok) of a. */
void ner_prepare(const ner_features *fx, const article *a, uint32_t tok, uint32_t ntok, ner_tok *t);
/* The pieces of ner_prepare, for the tagger's cached fast path. */
void ner_word_hashes(const char *w, size_t n, uint64_t *lower_h, uint64_t *shape_h);
/* Features see every digit as 0 (1987 and 2014 look alike): the word as
 * features see it, in out (cap bytes), or w itself when it has no digit. */
const char *ner_norm_digits(const char *w, size_t *n, char *out, size_t cap);
/* Sets t[k].gaz for tokens [from, to) of a (t[0] is token `from`). */
void ner_mark_gazetteer(const gazetteer *g, const article *a, uint32_t from, uint32_t to, ner_tok *t);
/* Whether a word can be part of a title: a head (Mr, Minister, General,
 * spokesman) or a modifier of one (Defence, Foreign, Deputy, national). */
enum title_kind { TITLE_NONE, TITLE_HEAD, TITLE_MOD };
int ner_title_kind(const ner_features *fx, const char *w, size_t n);

/* --- model ------------------------------------------------------------------------ */
typedef struct ner_model ner_model;

/* Flags of a vocabulary word. */
enum ner_vocab_flags {
    NER_VOCAB_COLD = 1,   /* written so, it was (nearly) never part of a name in training */
};

/* The weights as training leaves them: keys[i] owns w[i * NER_NTAGS ...]. */
typedef struct ner_weights {
    uint32_t nfeat;
    uint64_t *keys;
    float *w;
    float trans[NER_NTAGS + 1][NER_NTAGS];   /* row NER_NTAGS: sentence start */
    float scale;          /* every weight is a multiple of it (int16 in the file) */
    /* Frequent words (digits written as 0), sorted, with the sums of their
     * word keys' weights at each slot, in units of scale: vec[v] holds
     * NER_NSLOTS * NER_NTAGS of them. The tagger reads these instead of
     * looking the word's features up, and loading needs no computing. */
    uint32_t nvocab;
    char **vocab;
    int16_t *vec;
    uint8_t *vflags;      /* enum ner_vocab_flags */
} ner_weights;

/* Writes weights to path (a flat binary file, versioned). 0 on success. */
int ner_save(const ner_weights *w, const char *path, char *err, size_t errlen);
ner_model *ner_load(const char *path, const ner_features *fx, char *err, size_t errlen);
ner_model *ner_from_weights(const ner_weights *w, const ner_features *fx);
void ner_free(ner_model *m);

/* Best tag path for n tokens given emission scores em[n][NER_NTAGS] and the
 * model's transitions, honouring BIO. `start` is the tag before token 0
 * (NER_NTAGS at a sentence start). */
void ner_viterbi(const float trans[NER_NTAGS + 1][NER_NTAGS], const float *em, uint32_t n, int start,
                 uint8_t *tags);
/* Tags every token of a, sentence by sentence: tags[i] for a->tokens.v[i].
 * Working memory is kept per thread and freed when the thread ends. */
void ner_tag_article(const ner_model *m, article *a, uint8_t *tags);
/* Emission scores of one token from its feature keys (tests), added to out. */
void ner_score_keys(const ner_model *m, const uint64_t *keys, int nkeys, float *out);

/* --- training ------------------------------------------------------------------- */
typedef struct ner_train_opts {
    int epochs;             /* passes over the data */
    uint64_t seed;          /* order of sentences in each pass */
    float prune;            /* drop features whose weights all stay below this */
    int min_vocab;          /* cache words seen at least this often */
    bool quiet;
} ner_train_opts;

/* Reads a GMB-style file and learns weights; NULL with a reason in err. */
ner_weights *ner_train_file(const char *path, const ner_features *fx, const ner_train_opts *o,
                            char *err, size_t errlen);
void ner_weights_free(ner_weights *w);
/* `dossier train-ner`: trains on `train` with the lists in datadir, writes `out`. */
int ner_train_main(const char *datadir, const char *train, const char *out, const ner_train_opts *o,
                   char *err, size_t errlen);

/* --- in-article aliases (aliases.c) -------------------------------------------------- */
/* Groups a's mentions into entities: one per real-world thing in the article. */
void aliases_resolve(article *a);

#endif
