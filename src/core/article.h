/* article.h — one article in memory: cleaned text and everything read from it.
 *
 * Stages fill the arrays in pipeline order and read only what earlier stages
 * filled: clean sets the text and metadata; nlp adds tokens, sentences,
 * mentions, entities, quotes, figures, times and events. Every annotation is a
 * [start, end) byte span into `text`, so each item can quote its evidence.
 * Everything lives in the article's arena; article_free() releases it. */
#ifndef DOSSIER_ARTICLE_H
#define DOSSIER_ARTICLE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"

typedef struct span { uint32_t start, end; } span;

/* A calendar date of known precision: y only, y-m, or y-m-d (0 = unknown). */
typedef struct date { int16_t y; int8_t m, d; } date;

/* --- tokens and sentences ------------------------------------------------- */
enum token_flag {
    TF_WORD   = 1 << 0,   /* letters, possibly with inner ' - . digits */
    TF_NUM    = 1 << 1,   /* starts with a digit: 3,500 106.9 2004-05 1980s */
    TF_PUNCT  = 1 << 2,   /* anything else, one symbol per token */
    TF_CAP    = 1 << 3,   /* first letter is upper case */
    TF_UPPER  = 1 << 4,   /* two or more letters, all upper case */
    TF_QUOTE  = 1 << 5,   /* a double quotation mark of any style */
    TF_QOPEN  = 1 << 6,   /* ... that opens a quotation */
    TF_QCLOSE = 1 << 7,   /* ... that closes one */
    TF_PARA   = 1 << 8,   /* first token of a paragraph */
    TF_SENT   = 1 << 9,   /* first token of a sentence */
    TF_ABBR   = 1 << 10,  /* word whose final period belongs to it: Mr. U.S. Dec. */
    TF_SQUOTE = 1 << 11,  /* a single quotation mark (not an apostrophe) */
    TF_SPACE  = 1 << 12,  /* white space (or start of text) precedes the token */
};

/* Eight bytes, as a long article holds one per 5 bytes of text: a token is at
 * most TOKEN_MAX_LEN bytes (the tokenizer cuts a longer run of letters into
 * pieces, nothing dropped), and its paragraph number is kept apart
 * (article_token_para). */
typedef struct token {
    uint32_t start;
    uint16_t len;         /* bytes: the token is [start, start + len) */
    uint16_t flags;
} token;
#define TOKEN_MAX_LEN 65535u

/* The end of a token's span (one past its last byte). */
static inline uint32_t tok_end(const token *t) { return t->start + t->len; }

typedef struct sentence {
    uint32_t start, end;  /* byte span in text */
    uint32_t tok, ntok;   /* tokens [tok, tok + ntok) */
} sentence;

/* --- entities -------------------------------------------------------------- */
enum ent_type { ENT_NONE, ENT_PERSON, ENT_ORG, ENT_GPE, ENT_LOC, ENT_NORP, ENT__COUNT };

enum mention_kind { MK_NAME, MK_PRONOUN, MK_ROLE };

typedef struct mention {
    uint32_t start, end;
    uint8_t type;         /* enum ent_type */
    uint8_t kind;         /* enum mention_kind */
    int32_t entity;       /* index into article.entities, or -1 */
    span role;            /* title or role attached to this mention ({0,0} if none) */
} mention;

typedef struct entity {
    const char *name;     /* canonical name: the fullest well-attested form */
    const char *role;     /* e.g. "Defence Minister", or NULL */
    uint8_t type;
    uint32_t first;       /* index of the first mention */
    uint32_t count;       /* mentions */
} entity;

/* --- quotes ---------------------------------------------------------------- */
enum quote_kind { Q_DIRECT, Q_INDIRECT, Q_MIXED };

typedef struct quote {
    uint32_t start, end;  /* the quoted or reported content */
    uint8_t kind;         /* enum quote_kind */
    int32_t speaker;      /* entity index, or -1 when unknown */
    span speaker_span;    /* the words naming the speaker here ({0,0} if none) */
    span cue;             /* reporting verb or attribution line ({0,0} if none) */
} quote;

/* --- figures, times, events ------------------------------------------------ */
typedef struct figure {
    uint32_t start, end;
    double value, high;   /* high is NAN unless a range */
    bool approx;
    const char *unit;     /* "person", "USD", "percent", ... (static strings) */
    const char *measure;  /* "killed", "injured", "money", ... or NULL */
    int32_t event;        /* index into events, or -1 */
} figure;

typedef struct timexpr {
    uint32_t start, end;
    const char *value;    /* YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www, YYYY-Qn; NULL if unresolved */
} timexpr;

typedef struct event {
    const char *type;     /* "attack", "bombing", "shooting", "execution", ... */
    const char *place;    /* canonical place entity name, or NULL */
    const char *date;     /* resolved date, or NULL */
    const char *perpetrator;
    ARENA_VEC(const char *) victims;  /* canonical names of the people it killed or hurt */
    double killed, injured; /* NAN when not given */
    ARENA_VEC(span) evidence;  /* sentence spans */
} event;

/* --- the article --------------------------------------------------------- */
typedef struct article {
    arena mem;
    const char *id, *source;
    bool id_rooted;               /* id is the file's path below the store's root (cli/roots.h) */
    const char *title, *published, *outlet, *dateline;   /* NULL when unknown */
    const char *url;              /* where the page was fetched (WARC, sidecar), or NULL */
    /* Where title, published and outlet came from when not from the text:
     * "sidecar", "option", "url", "capture" (NULL: the text, or unknown). */
    const char *title_from, *published_from, *outlet_from;
    date pubdate;                 /* parsed published, for resolving relative times */
    char *text;                   /* cleaned body, NUL-terminated, valid UTF-8 */
    uint32_t len;
    bool is_html;
    ARENA_VEC(const char *) removed;
    ARENA_VEC(span) paras;        /* paragraphs of text */
    ARENA_VEC(token) tokens;
    /* Where the paragraph number goes up by one: the token index, once per
     * step (twice when a paragraph break holds only white space between
     * two others); see article_token_para. */
    ARENA_VEC(uint32_t) para_steps;
    ARENA_VEC(sentence) sents;
    ARENA_VEC(mention) mentions;
    ARENA_VEC(entity) entities;
    ARENA_VEC(quote) quotes;
    ARENA_VEC(figure) figures;
    ARENA_VEC(timexpr) times;
    ARENA_VEC(event) events;
} article;

article *article_new(void);
void article_free(article *a);

/* Token i's paragraph number: 0 for the first paragraph, one more after each
 * paragraph break the tokenizer met (two or more newlines), saturating at
 * 65535. Only compared: same paragraph, or how many paragraphs apart. By
 * bisection of a->para_steps. */
uint16_t article_token_para(const article *a, uint32_t i);

/* The sentence holding byte offset `off`, or -1. */
int32_t article_sentence_at(const article *a, uint32_t off);
/* Items in text order whose struct opens with `uint32_t start` (mentions,
 * quotes, figures, times): the index of the first of n whose start is at or
 * after off, n if none; by bisection. */
uint32_t article_first_from(const void *items, uint32_t n, size_t size, uint32_t off);

#endif
