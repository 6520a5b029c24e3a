/* quotes_internal.h — what the files of the quotes step share; not a public header.
 *
 * The step reads one sentence at a time (quotes.c, paragraphs and the run):
 *   quotes_cues.c     word lists; reporting verbs → cues; where content begins
 *   quotes_marks.c    quotation marks → quoted spans; attribution lines, headlines
 *   quotes_attrib.c   the cues of a sentence and the phrase naming each speaker
 *   speakers.c        reading that phrase: names, titles, appositions, pronouns
 *   quotes_resolve.c  what the phrase refers to: an entity, an earlier speaker
 *                     (pronouns, role nouns), or nothing known
 *   quotes_direct.c   quoted spans attributed: next to a cue, after a colon or
 *                     dash, pull-quotes, transcripts
 *   quotes_indirect.c the clause a cue reports (indirect and mixed speech)
 *   quotes_once.c     each statement once: overlapping quotes merged
 * All work is local to a sentence or a paragraph plus a small memory of recent
 * speakers, so the cost is linear in the article. */
#ifndef DOSSIER_NLP_QUOTES_INTERNAL_H
#define DOSSIER_NLP_QUOTES_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/article.h"
#include "core/wordmap.h"
#include "nlp/shape.h"
#include "nlp/steps.h"

struct quotes_res {
    wordmap *verbs;      /* every inflected form of a reporting verb → "<class><form>[+]" */
    wordmap *words;      /* closed word classes (quote-words.txt) → W_* bits in hex */
    wordmap *speakers;   /* speaker head nouns and titles (quote-speakers.txt) → S_* bits */
    wordmap *sexes;      /* given names of one sex (gazetteer/given-name-sex.txt) → S_MALE or S_FEMALE */
    /* the shapes (nlp/shape.h) of their keys: most words are ruled out
     * without hashing (verbs: one-word forms and first words of longer cues) */
    shape_set verb_shapes, word_shapes, speaker_shapes, sex_shapes;
};

/* How a cue takes its content (reporting-verbs.txt). */
enum cue_class { CUE_NONE, CUE_SAY, CUE_TELL, CUE_THAT, CUE_QUOTE, CUE_BY, CUE_OBJECT, CUE_INTENT, CUE_ASK };
enum verb_form { VF_BASE, VF_S, VF_PAST, VF_ING };

/* Closed word classes (quote-words.txt). */
enum {
    W_HE = 1 << 0, W_SHE = 1 << 1, W_THEY = 1 << 2, W_IT = 1 << 3, W_I = 1 << 4, W_WE = 1 << 5,
    W_DET = 1 << 6, W_AUX = 1 << 7, W_THAT = 1 << 8, W_PREP = 1 << 9, W_TIME = 1 << 10,
    W_LINK = 1 << 11, W_REL = 1 << 12, W_SUB = 1 << 13, W_STOP = 1 << 14, W_LOC = 1 << 15,
};
#define W_PRONOUN (W_HE | W_SHE | W_THEY | W_IT | W_I | W_WE)

/* Speaker word classes (quote-speakers.txt). */
enum {
    S_ROLE = 1 << 0, S_TITLE = 1 << 1, S_GROUP = 1 << 2, S_PEOPLE = 1 << 3, S_SOURCE = 1 << 4,
    S_MALE = 1 << 5, S_FEMALE = 1 << 6,
};

enum speaker_kind { SK_UNKNOWN, SK_PERSON, SK_GROUP };
enum gender { G_UNKNOWN, G_MALE, G_FEMALE };
enum np_how { NP_NONE, NP_NAME, NP_ROLE, NP_PRONOUN, NP_GROUP };

/* A phrase naming a speaker, in tokens [s, e); the name and role parts of it. */
typedef struct np {
    uint32_t s, e;
    uint32_t name_s, name_e;   /* the personal or proper name, if any */
    uint32_t role_s, role_e;   /* title, role noun phrase or apposition, if any */
    uint8_t how;               /* enum np_how */
    uint8_t kind;              /* enum speaker_kind, as far as the words tell */
    uint16_t pron;             /* W_* bits of a pronoun */
    uint8_t gender;            /* from a title or role word (Mrs, spokesman) */
} np;

/* Who a quote is attributed to. */
typedef struct speaker {
    span words;      /* the words at the cue (Kerry, he, the minister) */
    span name;       /* the name those words resolve to, where one is known */
    span role;
    int32_t entity;  /* index into article.entities, or -1 */
    uint8_t kind;    /* enum speaker_kind */
    uint8_t gender;
    bool known;      /* some words name the speaker */
} speaker;

/* An earlier speaker or sentence subject, for pronouns and role nouns. */
typedef struct referent {
    span name, role;
    int32_t entity;
    uint8_t kind, gender;
} referent;

#define QC_RECENT 16

/* Per token, its word and speaker classes once looked up (see word_class()),
 * in a table of at most QC_CLASS_CACHE slots, token i in slot i & class_mask
 * (the last asked about wins): the grammar asks about nearby words many
 * times; a table over every token would cost 4 bytes a token, 80 MB for a
 * 100 MB text. */
#define QC_CLASS_CACHE (1u << 16)
typedef struct tok_class { uint32_t tok, v; } tok_class;
enum {
    TC_WORD = 0xFFFF,               /* W_* bits */
    TC_SPEAKER_SHIFT = 16,          /* S_* bits above them */
    TC_WORD_KNOWN = 1u << 30,
    TC_SPEAKER_KNOWN = 1u << 31,
};

typedef struct qctx {
    const quotes_res *r;
    article *a;
    const token *t;
    uint32_t nt;
    tok_class *classes;  /* class_mask + 1 slots, token i in slot i & class_mask: TC_* */
    uint32_t class_mask;
    /* the double quotation marks' tokens, in order (see next_mark()): most
     * sentences have none, and finding quoted spans then reads no token;
     * a list of the marks, not an entry per token, as a long text has
     * millions of tokens and few marks */
    uint32_t *marks, nmarks;
    referent recent[QC_RECENT];  /* a ring; recent[(nrecent - 1) % QC_RECENT] is newest */
    uint32_t nrecent;
} qctx;

/* The first double quotation mark at or after token i, nt if none. */
static inline uint32_t next_mark(const qctx *c, uint32_t i)
{
    uint32_t lo = 0, hi = c->nmarks;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c->marks[mid] < i) lo = mid + 1;
        else hi = mid;
    }
    return lo < c->nmarks ? c->marks[lo] : c->nt;
}

/* A quoted span: marks at open/close (close == end of sentence when missing);
 * the words inside are tokens [cb, ce). */
typedef struct qspan {
    uint32_t open, close, cb, ce;
    bool unclosed;   /* no closing mark before the sentence ended */
    bool used;       /* attributed already, as direct or inside a mixed quote */
} qspan;

/* A cue in a sentence and what it reports. */
enum cue_layout { CL_FORWARD, CL_TRAILING, CL_PARENTHETICAL };
typedef struct cue {
    uint32_t tok, n;          /* the cue's tokens */
    uint8_t cls, form, layout;
    bool has_np, inverted, participle, attached;
    np who;
    uint32_t cb, ce;          /* content tokens, when indirect */
    uint32_t clause_s;        /* first token of the cue's clause (its speaker or a comma before) */
    speaker sp;
} cue;

/* --- token helpers (quotes_cues.c) --- */
span tok_span(const qctx *c, uint32_t b, uint32_t e);   /* bytes of tokens [b, e) */
bool tok_dash(const qctx *c, uint32_t i);
/* Token i is word (lower case), ignoring ASCII case. Inline, as the phrase
 * readers ask it in every step. */
static inline bool tok_eq(const qctx *c, uint32_t i, const char *word)
{
    size_t n = __builtin_strlen(word);
    if (i >= c->nt || tok_end(&c->t[i]) - c->t[i].start != n) return false;
    const unsigned char *s = (const unsigned char *)c->a->text + c->t[i].start;
    for (size_t k = 0; k < n; k++)
        if (((unsigned)s[k] - 'A' < 26u ? s[k] | 0x20u : s[k]) != (unsigned char)word[k]) return false;
    return true;
}
bool tok_punct(const qctx *c, uint32_t i, char ch);
bool tok_possessive(const qctx *c, uint32_t i);
bool tok_terminal(const qctx *c, uint32_t i);
bool tok_lower_word(const qctx *c, uint32_t i);
unsigned word_class_lookup(const qctx *c, uint32_t i);
unsigned speaker_class_lookup(const qctx *c, uint32_t i);
/* W_* bits of token i (quote-words.txt), 0 for other words. */
static inline unsigned word_class(const qctx *c, uint32_t i)
{
    if (i >= c->nt) return 0;
    const tok_class *e = &c->classes[i & c->class_mask];
    uint32_t v = e->tok == i ? e->v : 0;
    return v & TC_WORD_KNOWN ? v & TC_WORD : word_class_lookup(c, i);
}
/* S_* bits of token i (quote-speakers.txt), 0 for other words. */
static inline unsigned speaker_class(const qctx *c, uint32_t i)
{
    if (i >= c->nt) return 0;
    const tok_class *e = &c->classes[i & c->class_mask];
    uint32_t v = e->tok == i ? e->v : 0;
    return v & TC_SPEAKER_KNOWN ? (v >> TC_SPEAKER_SHIFT) & 0xFF : speaker_class_lookup(c, i);
}
uint32_t count_words(const qctx *c, uint32_t b, uint32_t e);
/* enum gender of a given name: "Sandra" G_FEMALE, "Michael" G_MALE, else G_UNKNOWN. */
uint8_t given_name_sex(const quotes_res *r, const char *w, size_t n);
/* Whether tokens [b, e) hold at least n words (stops counting there). */
bool has_words(const qctx *c, uint32_t b, uint32_t e, uint32_t n);

/* --- cues (quotes_cues.c) --- */
bool quotes_load_verbs(quotes_res *r, const char *path, char *err, size_t errlen);
/* quote-words.txt and quote-speakers.txt, with their class names as bits. */
bool quotes_load_words(quotes_res *r, const char *datadir, char *err, size_t errlen);
/* Whether token i may start a cue, by its flags and shape (false: surely
 * not). Inline, as every token of an article is asked. */
static inline bool cue_shaped(const qctx *c, uint32_t i)
{
    const token *t = &c->t[i];
    return (t->flags & TF_WORD) && !(t->flags & TF_UPPER) &&
           shape_in(&c->r->verb_shapes, shape_of(c->a->text + t->start, tok_end(t) - t->start));
}
/* The cue starting at token i (before end), if any. */
bool cue_at(const qctx *c, uint32_t i, uint32_t end, cue *out);
/* First token of the content after the cue (object, adverbials, "that" skipped). */
uint32_t content_start(const qctx *c, const cue *k, uint32_t end, bool *saw_that);
/* Skips the words naming who is told after token i: him, reporters, CNN. */
uint32_t skip_addressee(const qctx *c, uint32_t i, uint32_t end);
/* Skips adverbials after token i: on Tuesday, in a statement, yesterday. */
uint32_t skip_adverbials(const qctx *c, uint32_t i, uint32_t end);

/* --- quoted spans (quotes_marks.c) --- */
/* runs_on: the sentence opens a paragraph inside a quotation begun before,
 * so a closing mark with no opening one closes a quotation from its start. */
uint32_t find_quoted(const qctx *c, uint32_t b, uint32_t e, bool runs_on, qspan *out, uint32_t cap);
/* Is paragraph tokens [b, e) an attribution line (Name, Role, Organisation)? */
bool attribution_line(const qctx *c, uint32_t b, uint32_t e, np *who);
/* Is paragraph tokens [b, e) a headline quote "Words: Speaker"? Sets the split. */
bool headline_quote(const qctx *c, uint32_t b, uint32_t e, uint32_t *colon, np *who);

/* --- speakers (speakers.c) --- */
bool np_before(const qctx *c, uint32_t lo, uint32_t end, np *out);
bool np_after(const qctx *c, uint32_t start, uint32_t hi, np *out);
/* As np_after, for a clause's subject: the phrase ends before its verb
 * ("the mayor visited …": the mayor). */
bool np_subject_after(const qctx *c, uint32_t start, uint32_t hi, np *out);
/* Any short phrase [s, e) read as a speaker where the layout says one stands. */
bool np_phrase(const qctx *c, uint32_t s, uint32_t e, np *out);
void speaker_resolve(qctx *c, const np *who, speaker *out);
void speaker_remember(qctx *c, const speaker *sp);
void subject_remember(qctx *c, uint32_t b, uint32_t e);
/* The mention whose span holds token i, or -1. */
int32_t mention_at(const qctx *c, uint32_t i);

/* --- the run (quotes.c) --- */
/* One run of the step over an article. */
typedef struct qrun {
    qctx c;
    qspan *qs;            /* scratch, sized for the longest sentence */
    cue *ks;
    uint32_t cap;
    uint32_t *pending;    /* quotes waiting for a speaker */
    uint32_t npending, pending_cap;
    uint32_t para_q0;     /* first quote of the current paragraph */
    int32_t last_attr;    /* last quote with a speaker, or -1 */
    uint32_t last_attr_para;
    bool runs_on;         /* the previous paragraph ended inside a quotation */
    bool continuing;      /* … so this one continues it */
    bool lead;            /* the previous paragraph ended "X said:" … */
    quote lead_q;         /* … and this holds X and the cue */
    uint16_t lead_para;
} qrun;

/* Adds a quote to the article; returns its index. sp NULL: no speaker yet. */
uint32_t quote_emit(qrun *R, uint8_t kind, span content, const speaker *sp, span cue_span);
/* Marks a quote as waiting for the speaker of a neighbouring one. */
void quote_pending(qrun *R, uint32_t idx);

/* --- cues and their speakers (quotes_attrib.c) --- */
span cue_bytes(const qctx *c, const cue *k);
/* Leftmost token a speaker phrase before token i may use (not across a quotation). */
uint32_t left_limit(const qspan *qs, uint32_t nq, uint32_t b, uint32_t i);
void find_cues(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t *nk);
void speakers_for_cues(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk);

/* --- direct quotes (quotes_direct.c) --- */
void attach_direct(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk);
void attach_back(qrun *R, uint32_t b, uint32_t e, uint32_t nk);
void leftover_quotes(qrun *R, uint32_t b, uint32_t nq);
void pull_quote(qrun *R, uint32_t tb, uint32_t te, uint32_t lb, uint32_t le, const np *who, const sentence *s0,
                const sentence *s1);
bool transcript_turn(qrun *R, uint32_t si, uint32_t sj, uint32_t tb, uint32_t te);

/* --- indirect and mixed quotes (quotes_indirect.c) --- */
void report_indirect(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk);

/* --- each statement once (quotes_once.c) --- */
/* Sorts the article's quotes by start and merges those that overlap. */
void quotes_once(article *a);

#endif
