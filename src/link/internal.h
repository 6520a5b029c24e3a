/* internal.h — inside the link stage: its data tables, comparison keys of
 * names, figure intervals, claim words, and the linker every file shares.
 * Not used outside src/link (and the unit tests). */
#ifndef DOSSIER_LINK_INTERNAL_H
#define DOSSIER_LINK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "core/article.h"
#include "core/buf.h"
#include "core/wordmap.h"
#include "link/link.h"

/* The link stage's tables, indexes, trigger and views (schema.c), which
 * link_open brings up to date in the store. */
extern const schema_part link_schema;

/* --- data tables (res.c) ---------------------------------------------------- */

/* One transliteration rule: `from` rewritten to `to` (data/link/transliteration.txt). */
typedef struct translit_rule {
    char from[16], to[16];
    bool at_start, at_end;
} translit_rule;

typedef struct link_res {
    translit_rule *rules;
    size_t nrules;
    wordmap *particles;    /* connector words left out of organisations' keys */
    wordmap *groups;       /* network, family, clan: "the Haqqanis" */
    wordmap *heads;        /* last words of names no person bears: Corp, Brothers, Cup */
    wordmap *given;        /* given names (data/gazetteer/given-names.txt): Victoria, Jordan */
    wordmap *nicknames;    /* short form → full given names: Mo → maurice,mohamed */
    wordmap *common_surnames;  /* Smith, Jones: too many people for a short given name to join */
    wordmap *alt_exact;    /* other names in capitals (acronyms): ISIS → Islamic State */
    wordmap *alt_fold;     /* other names, any case: Daesh → Islamic State */
    wordmap *demonyms;     /* Pakistani → Pakistan */
    wordmap *places;       /* name → paths (PK, PK.KP, PK.KP.peshawar) */
    wordmap *bounds;       /* more than → lower, about → about */
    wordmap *stopwords;    /* words a claim is not made of */
    wordmap *idf;          /* word → how rare in news (ln N/df) */
    float idf_max;         /* the weight of a word not listed: ln N */
} link_res;

/* datadir NULL: $DOSSIER_DATA, the build's data/, or ../data beside the program. */
link_res *link_res_load(const char *datadir, char *err, size_t errlen);
void link_res_free(link_res *r);

/* How rare a folded word is in news (ln N/df, data/link/word-idf.txt); a
 * word not listed weighs idf_max. */
float link_word_weight(const link_res *r, const char *w, size_t n);

/* From this rarity in news (ln N/df, a word in under 2% of articles) a word
 * of a name tells one thing from another: "Peavey", "Shearson", "Taliban";
 * below it it is one many names share ("American" 2.7, "Bank" 1.8). */
#define LINK_DISTINCT_WEIGHT 4.0f

/* --- names and their comparison keys (names.c) ------------------------------ */

enum key_role {
    KEY_EQ,       /* joins every node with the same key */
    KEY_PROBE,    /* a short form ("Pakistani Taliban"): joins probes and targets */
    KEY_TARGET,   /* a word of a full name ("Tehreek-i-Taliban Pakistan"): joins probes only */
};

typedef void (*key_fn)(void *ctx, uint64_t key, enum key_role role);

/* Folds a name for comparison into out: ASCII lower case without diacritics,
 * words separated by one space, dots of acronyms dropped (U.S. → us).
 * Returns the number of words. */
int name_fold(const char *name, size_t n, buf *out);

/* Rewrites one folded word by the transliteration rules (and makes doubled
 * letters single) into out. */
void name_translit(const link_res *r, const char *w, size_t n, buf *out);

/* The keys of one article entity: its type, its in-article name and the
 * surface forms it was mentioned by, and its article's publication date
 * (NULL when unknown). The same forms always give the same keys, whatever
 * else is stored: joins never depend on ingest order. */
void name_keys(const link_res *r, int type, const char *const *forms, size_t nforms, const char *published,
               key_fn emit, void *ctx);

/* The type an article entity is filed under: the tagger's, unless the name
 * says otherwise. A country or a state (or another name of one: UK, U.S.)
 * is GPE (a one-word person's name only when no given name: Wales, not
 * Victoria or Jordan); a
 * person's name ending in a word of name-heads.txt (Merrill Lynch and Co,
 * Salomon Brothers, Davis Cup) or known as an organisation's other name is
 * an organisation's (or a place's). */
int name_type(const link_res *r, int type, const char *name);

/* Whether the name ends in a word no person's name ends in (name-heads.txt). */
bool name_is_company(const link_res *r, const char *name);

/* The place paths of a place name ("PK.KP.peshawar,..."), or NULL. */
const char *place_paths(const link_res *r, const char *name);

/* True when one place lies inside the other or both are the same: some path
 * of one is a prefix (at a dot) of a path of the other. Unknown places agree
 * only with the same name. */
bool places_nest(const link_res *r, const char *a, const char *b);

/* How specific a place is: 3 a city (or a place the gazetteer does not
 * know), 2 a state or province, 1 a country. */
int place_level(const link_res *r, const char *name);

/* --- figures and conflicts (conflicts.c) ------------------------------------ */

/* A figure as the range of values it allows (value: as written). */
typedef struct fig_range { double lo, hi, value; } fig_range;

/* The range a figure allows, from its text ("more than 300 people"), value,
 * upper end (NAN unless a range) and approx flag. */
fig_range figure_range(const link_res *r, const char *text, double value, double high, bool approx);
bool ranges_agree(fig_range a, fig_range b);

/* One figure an article gives for a measure of an event, in text order. */
typedef struct fig_item {
    fig_range range;
    uint32_t sent;      /* start of its sentence */
    bool joined;        /* "and" joins it to the figure before, in the same sentence */
} fig_item;

/* Parts of a total an article gives are tried in every combination (2^n
 * sums), so at most ART_MAX_PARTS distinct ones are kept: enough for "132
 * children and nine staff", and a sentence listing more parts than that
 * is a table, not a toll. */
enum { ART_MAX_PARTS = 8 };

/* An article's own figure for the measure: the statement most of its
 * statements agree with (the larger on a tie); its parts for sums. */
typedef struct art_figure {
    double value;
    fig_range range;
    double parts[ART_MAX_PARTS];
    int nparts;
    int item;           /* the first item of that statement; -1 when none */
} art_figure;

void article_figure(const fig_item *items, size_t n, art_figure *out);

/* Two articles conflict when their figures' ranges do not meet and neither
 * is a sum of the other's parts (132 + 9 = 141). */
bool figures_conflict(const art_figure *a, const art_figure *b);

/* --- claims (claims.c) ------------------------------------------------------ */

enum { CLAIM_MAX_WORDS = 64 };

/* Two statements are one claim when the words they share weigh this much
 * of all their words (claims.c); a claim holds together when its
 * statements are this alike on average (claims_read.c). */
#define CLAIM_MIN_SIMILARITY 0.4

/* A content word of a statement: its hash and its weight (how rare it is in
 * news: data/link/word-idf.txt). */
typedef struct claim_word {
    uint32_t hash;
    float weight;
} claim_word;

/* The content words of a statement, sorted by hash, distinct (plurals made
 * singular, demonyms as their country). Returns how many (<= cap). */
size_t claim_words(const link_res *r, const char *text, size_t n, claim_word *out, size_t cap);

/* Weighted Jaccard similarity of two word sets; the weight and number of
 * the words they share. */
double claim_similarity(const claim_word *a, size_t na, const claim_word *b, size_t nb, double *shared_weight,
                        size_t *shared);

/* Whether two statements make one claim. */
bool claim_same(const claim_word *a, size_t na, const claim_word *b, size_t nb);

/* The story an article tells (claims_story.c): the entities it names, in
 * order, and their clusters (sorted). */
typedef struct claim_story_entity {
    long long cluster;
    int type;                /* enum ent_type */
    long long mentions;
    char *name;              /* its name in the article (malloc'd) */
} claim_story_entity;

typedef struct claim_story {
    long long article;
    claim_story_entity *who;
    long long *clusters;
    size_t n;
} claim_story;

/* The stories of the articles met so far (read once per article). */
typedef struct claim_stories {
    claim_story *v;
    size_t n, cap;
} claim_stories;

/* The index in v of article `art`'s story, read from the store the first
 * time it is asked; -1 with err set on a store error. */
long claim_story_of(linker *l, claim_stories *v, long long art, char *err, size_t errlen);

/* Someone an article tells of beside a statement, and how often named. */
typedef struct claim_about {
    long long cluster, mentions;
} claim_about;

/* Whom the article tells of beside a statement of it (`text`, by `speaker`,
 * 0 when unknown): its people and organisations other than the speaker and
 * than those the statement names, sorted by cluster, in *out (malloc'd).
 * Returns how many. */
size_t claim_story_about(const claim_story *s, long long speaker, const char *text, claim_about **out);

/* Whether two statements (each with its article's story, whom that tells
 * of beside the statement, and its speaker) come from one story: the same
 * article; one's speaker named in the other article; someone both tell of,
 * named three times or more between them; or either article telling of no
 * one else. */
bool claim_one_story(const claim_story *a, const claim_about *about_a, size_t na, long long speaker_a,
                     const claim_story *b, const claim_about *about_b, size_t nb, long long speaker_b);

void claim_stories_free(claim_stories *v);

/* --- the linker ------------------------------------------------------------- */

struct linker {
    store *s;
    sqlite3 *db;
    link_res *res;
    buf tmp, tmp2;
    bool events_dirty;   /* event nodes came or went since events were last grouped */
    struct claim_cache *claim_cache;   /* recent statements' words (claims.c) */
    /* Clusters whose nodes changed since the batch began, for the views
     * (views.c): filed into link_views_dirty when the batch settles. */
    long long *dirty;
    size_t ndirty, dirty_cap;
    bool dirty_all;      /* every cluster: too many, or a redo renumbered them */
};

/* Notes that cluster c gained or lost nodes (c <= 0 is ignored), or that
 * any cluster may have, for the rows behind the SQL views (views.c). */
void link_views_mark(linker *l, long long c);
void link_views_mark_all(linker *l);
/* Files the clusters marked since the last call into link_views_dirty,
 * inside the batch (link_settle calls it); 0, or -1 with err set. */
int link_views_file(linker *l, char *err, size_t errlen);

/* Frees what claims.c keeps between articles (link_close calls it). */
void link_claims_free(linker *l);

/* SQL for the text of quote q of article a (link_quotes joined to articles):
 * its byte span of the article's text, which the store keeps once. */
#define LINK_QUOTE_TEXT "CAST(substr(CAST(a.text AS BLOB), q.start + 1, q.end - q.start) AS TEXT)"

/* Runs SQL that returns no rows; -1 with err set. */
int link_exec(linker *l, const char *sql, char *err, size_t errlen);
/* A cached prepared statement for sql (reset, bindings cleared), or NULL with err set. */
sqlite3_stmt *link_stmt(linker *l, const char *sql, char *err, size_t errlen);
int link_sql_error(linker *l, char *err, size_t errlen);
/* Steps st (bound by the caller) for one integer: the first column of its
 * first row; `missing` when there is no row, or an error when missing < 0;
 * -1 with err set on an error. st is reset. */
long long link_step_int(linker *l, sqlite3_stmt *st, long long missing, char *err, size_t errlen);
/* Column i of the row st is on, as a malloc'd string (NULL for NULL). */
char *link_col_dup(sqlite3_stmt *st, int i);
/* The first column of a query's rows (its ?1 bound to arg unless 0), as a
 * malloc'd array of n ids; NULL with err set when the store fails. */
long long *link_read_ids(linker *l, const char *sql, long long arg, size_t *n, char *err, size_t errlen);
/* Steps st, which returns no rows: 0, or -1 with err set. */
int link_step_done(linker *l, sqlite3_stmt *st, char *err, size_t errlen);

/* The steps of link_article, each filing one kind of item. */
int link_entities_add(linker *l, long long art, const article *a, long long *nodes, char *err, size_t errlen);
int link_entities_redo(linker *l, char *err, size_t errlen);
/* Joins each person named by one word alone to the full name its article's
 * context leaves as the only candidate, across the corpus (lone.c). */
int link_lone_settle(linker *l, char *err, size_t errlen);
int link_events_add(linker *l, long long art, const article *a, const long long *nodes, char *err,
                    size_t errlen);
int link_events_redo(linker *l, char *err, size_t errlen);
int link_events_settle(linker *l, char *err, size_t errlen);
int link_claims_add(linker *l, long long art, const article *a, const long long *nodes, char *err,
                    size_t errlen);
int link_claims_redo(linker *l, char *err, size_t errlen);

/* Report sections (report.c calls them; events.c and claims.c write them). */
int link_events_json(linker *l, buf *out, char *err, size_t errlen);
int link_events_text(linker *l, buf *out, char *err, size_t errlen);
int link_claims_json(linker *l, buf *out, char *err, size_t errlen);
int link_claims_text(linker *l, buf *out, char *err, size_t errlen);

#endif
