/* link.h — the link stage: one story across many articles.
 *
 * After an article is stored, link_article() files what was read from it
 * (entities with their aliases, quotes, figures, events) in the link tables
 * of the same store, inside the same batch transaction, and updates the
 * corpus-level structures from it alone:
 *   - entity clusters: the same person or organisation across articles,
 *     joined by comparison keys of its names (names.c, aliases.c);
 *   - merged events: one attack as many articles report it, with each
 *     article's figures (events.c), and the conflicts between them
 *     (conflicts.c);
 *   - claims: the same statement made by several speakers or over the years
 *     (claims.c).
 *
 *   linker *l = link_open(s, NULL, err, sizeof err);     // s open for writing
 *   store_begin(s, ...);
 *   if (store_put_article(s, a, ...) <= STORE_UPDATED) link_article(l, a, err, sizeof err);
 *   store_commit(s, ...);
 *   link_close(l);
 *
 * Every join is a symmetric relation between two articles' items, and the
 * corpus structures are its connected components, so ingesting articles one
 * by one gives the same report as ingesting them at once, in any order.
 * Readers (report.c, clusters.c, merged.c, claims_read.c, quotes_read.c,
 * entity_docs.c, timeline.c) only read the tables; everything outside
 * src/link reads them through src/corpus/corpus.h. */
#ifndef DOSSIER_LINK_H
#define DOSSIER_LINK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/article.h"
#include "core/buf.h"
#include "store/store.h"

typedef struct linker linker;

/* Loads the link tables (data/link/, datadir NULL: as dossier_open finds
 * data/) and prepares its statements on the store. NULL with a one-line
 * reason. A store opened for reading serves the report and the queries. */
linker *link_open(store *s, const char *datadir, char *err, size_t errlen);
void link_close(linker *l);

/* The store the linker works on. */
store *link_store(linker *l);

/* Files the article just stored with store_put_article (NEW or UPDATED,
 * inside the open batch) and updates clusters, events and claims. Also
 * applies what the removal of an article's older version left to redo.
 * 0, or -1 with a reason (the batch must then be rolled back). */
int link_article(linker *l, const article *a, char *err, size_t errlen);

/* Settles the corpus structures that are judged over many articles at once
 * for what the open batch added, before it is committed: merged events at
 * every batch; with last (the end of an ingest), also the people named by
 * one word alone (lone.c), which are judged over the whole corpus and would
 * cost too much to judge again at every batch. Readers between the batches
 * of one ingest see those as the previous ingest left them.
 * 0, or -1 with a reason (the batch must then be rolled back). */
int link_settle(linker *l, bool last, char *err, size_t errlen);

/* The corpus report (extract-format.md, "Across articles"): entities with
 * aliases, merged events with figures and conflicts, claims. One JSON
 * object, no newline. 0, or -1 with a reason. */
int link_report_json(linker *l, buf *out, char *err, size_t errlen);

/* A short human summary of the same: counts, the most reported entities,
 * events with conflicts, the largest claims. */
int link_report_text(linker *l, buf *out, char *err, size_t errlen);

/* One entity across the corpus, as link_clusters() hands it over (valid
 * during the call). */
typedef struct cluster_info {
    long long id;
    const char *name;              /* canonical: the fullest well-attested form */
    int type;                      /* enum ent_type, the most mentioned */
    const char *const *aliases;    /* other names, most used first */
    size_t naliases;
    const char *const *roles;      /* titles and roles given in articles */
    size_t nroles;
    const char *const *docs;       /* ids of the articles naming it, sorted */
    size_t ndocs;
    long articles, mentions;
    const char *first_seen, *last_seen;   /* publication dates, or NULL */
} cluster_info;

/* Return nonzero to stop. */
typedef int (*cluster_fn)(const cluster_info *c, void *ctx);

/* PERSON, ORG, GPE, LOC, NORP for an enum ent_type; "MISC" otherwise. */
const char *link_type_name(int type);
/* One entity as the report's JSON object (extract-format.md): entity, type,
 * aliases, articles, roles, first_seen, last_seen, and docs (the ids of the
 * articles naming it, sorted) when c->docs is set. */
void link_cluster_json(const cluster_info *c, buf *b);

/* Every cluster (only == 0; in cluster id order) or the one given. 0 done,
 * 1 stopped by fn, -1 on a store error. */
int link_clusters(linker *l, long long only, cluster_fn fn, void *ctx, char *err, size_t errlen);

/* One article's figure for one measure of a merged event. */
typedef struct event_value {
    long long article;
    const char *doc, *outlet, *published;   /* the article (outlet, published may be NULL) */
    double value;
    const char *text;                       /* the figure as written: "more than 300 people" */
    uint32_t sent_start, sent_end;          /* its sentence, in bytes of the article's text */
} event_value;

typedef struct event_measure {
    const char *measure;                    /* killed, injured, arrested, ... */
    const event_value *values;              /* one per article, in doc order */
    size_t nvalues;
    bool conflict;                          /* two articles disagree (conflicts.c) */
} event_measure;

/* An event merged across articles, as link_events() hands it over. */
typedef struct merged_event {
    const char *type, *place, *date;        /* the most specific place, the most precise date */
    const char *perpetrator;                /* canonical entity name, or NULL */
    long long perpetrator_cluster;          /* 0 when none */
    const char *const *victims;             /* people its articles say it killed or hurt, most named first */
    size_t nvictims;
    const char *const *docs;                /* the articles reporting it (their main event), sorted */
    size_t ndocs;
    const char *const *mentioned;           /* other articles that recall it in passing, sorted */
    size_t nmentioned;
    const event_measure *measures;
    size_t nmeasures;
    bool conflict;
    long long id;                           /* the event id its per-article rows carry in the store */
} merged_event;

typedef int (*event_fn)(const merged_event *e, void *ctx);

/* Every merged event, by date, place and type (the same order whatever the
 * order of ingest). 0 done, 1 stopped by fn, -1 on a store error. */
int link_events(linker *l, event_fn fn, void *ctx, char *err, size_t errlen);

/* One statement of a claim: a sentence of a quote, with its article. */
typedef struct claim_statement {
    long long article;
    const char *doc, *outlet, *published;
    const char *speaker;                    /* canonical entity name, or NULL */
    long long speaker_cluster;              /* 0 when unknown */
    const char *text;                       /* the statement */
    const char *quote;                      /* the whole quote it is part of */
    const char *const *carried_by;          /* other articles that printed the same statement
                                               (wire copy: same words and speaker, within days) */
    size_t ncarried;
} claim_statement;

/* A statement made more than once, in two or more articles. */
typedef struct claim_info {
    const char *summary;                    /* a short label: its most typical statement */
    const claim_statement *statements;      /* by date, then article */
    size_t nstatements;
    long articles;
} claim_info;

typedef int (*claim_fn)(const claim_info *c, void *ctx);

/* Appends extra fields (",\"key\":value...") to an item's JSON object
 * before it closes: how the server adds what only it serves (a value's
 * sentence) to the objects the command line prints. */
typedef void (*json_extra_fn)(buf *b, const void *it, void *ctx);

/* One claim as the report's JSON object: summary, articles, quotes (each
 * with doc, speaker, published, outlet, text, carried_by, and what extra,
 * when not NULL, adds for a claim_statement). */
void link_claim_json(const claim_info *c, buf *b, json_extra_fn extra, void *ctx);

/* One event as the report's JSON object: type, place, date, perpetrator,
 * victims, docs, mentioned_in, figures and conflicts, each value with doc,
 * outlet, published, text (and what extra adds for an event_value). */
void link_event_json(const merged_event *e, buf *b, json_extra_fn extra, void *ctx);
/* The values of one measure, as a JSON array of those objects. */
void link_values_json(const event_measure *m, buf *b, json_extra_fn extra, void *ctx);

/* Every claim (by_cluster 0) or those with a statement by that entity, the
 * most repeated first. 0 done, 1 stopped by fn, -1 on a store error. */
int link_claims(linker *l, long long by_cluster, claim_fn fn, void *ctx, char *err, size_t errlen);

/* Rewrites the tables behind the store's SQL views (docs/schema.md) from
 * what the readers above decide: each entity's canonical name and type, the
 * merged events with their values and conflicts, the claims. Called inside
 * the last batch of an ingest that changed the store (corpus_finish). The
 * entity rows redone are those of the clusters marked since the last
 * refresh (link_views_dirty; all of them when many are); events and claims
 * cost what `dossier conflicts` and `claims` do.
 * 0, or -1 with a reason (the batch must then be rolled back). */
int link_views_refresh(linker *l, char *err, size_t errlen);

/* Whether the tables behind the SQL views are empty while the link tables
 * are not: a store made before they existed and upgraded, whose next
 * ingest fills them even when it adds nothing. */
bool link_views_stale(linker *l);

/* The bytes [start, end) of a stored article's text, into out. */
int link_article_text(linker *l, long long article, uint32_t start, uint32_t end, buf *out, char *err,
                      size_t errlen);

/* The entity clusters a user's NAME may mean: those with it as a name or
 * alias, else those a name with the same comparison key joins; the most
 * reported first (then the oldest cluster). Up to cap into out; returns how
 * many, or -1 on a store error. */
typedef struct link_candidate {
    long long cluster;
    long articles;
} link_candidate;
int link_entity_candidates(linker *l, const char *name, link_candidate *out, size_t cap, char *err, size_t errlen);

/* The entity cluster a user's NAME means: the first of its candidates (the
 * one in most articles). 0 when none; -1 on a store error. */
long long link_find_entity(linker *l, const char *name, char *err, size_t errlen);

/* The canonical name and type (enum ent_type) of a cluster, into out. */
int link_entity_name(linker *l, long long cluster, buf *out, int *type, char *err, size_t errlen);

/* --- what was said, and by whom (quotes_read.c, entity_docs.c, timeline.c) --- */

typedef struct quote_filter {
    long long by_cluster;     /* 0: any speaker (link_find_entity gives clusters) */
    const char *about;        /* words that must all occur in the quote, as whole words (any case;
                                 -s, -es, 's, -ed, -d, -ing forms count), or NULL */
    const char *since;        /* YYYY[-MM[-DD]]: articles published then or later, or NULL */
    int limit;                /* 0: all */
} quote_filter;

typedef struct quote_row {
    long long article;
    const char *doc, *outlet, *published;   /* outlet and published may be NULL */
    const char *kind;                       /* direct, indirect, mixed */
    const char *speaker;                    /* canonical entity name, or NULL when unknown */
    long long speaker_cluster;
    const char *text;                       /* the quote */
    uint32_t sent_start, sent_end;          /* its sentence(s) in the article's text */
} quote_row;

typedef int (*quote_row_fn)(const quote_row *q, void *ctx);

/* Quotes, newest article first (undated last), then in text order. Returns
 * how many were handed over, or -1 with err set. */
int link_quotes(linker *l, const quote_filter *f, quote_row_fn fn, void *ctx, char *err, size_t errlen);

/* An article that names an entity. */
typedef struct entity_article {
    const char *doc, *published, *outlet, *title;   /* published, outlet, title may be NULL */
    long long mentions;                             /* how often the article names it */
} entity_article;

typedef int (*entity_article_fn)(const entity_article *a, void *ctx);

/* The articles naming the cluster, newest first (undated last). Returns how
 * many were handed over, or -1 with err set. */
int link_entity_articles(linker *l, long long cluster, entity_article_fn fn, void *ctx, char *err, size_t errlen);

/* An entity as named in a few articles (link_named_in). */
typedef struct named_entity {
    long long cluster;
    const char *name;      /* the name those articles use most for it */
    int type;              /* enum ent_type */
    long long mentions;    /* how often they name it */
    int articles;          /* how many of them name it */
} named_entity;

typedef int (*named_fn)(const named_entity *e, void *ctx);

/* The entities most named in the given articles (row numbers: query_hit.row)
 * among the types in the mask (1 << ENT_PERSON | ...): most mentions first,
 * then by name; at most top. Read from the per-article entity rows (an index
 * range each), so a page of search results costs one lookup an article, not
 * its extract JSON. Returns how many were handed over, or -1 with err set. */
int link_named_in(linker *l, const long long *articles, size_t n, unsigned types, size_t top, named_fn fn, void *ctx,
                  char *err, size_t errlen);

/* One item of an entity's timeline: something it said, or an event it took
 * part in (as perpetrator) or that happened in it (a place). */
typedef struct timeline_item {
    const char *date;                       /* the event's date or the article's; NULL if unknown */
    const char *what;                       /* "said" or the event type */
    const char *text;                       /* the quote, or "attack in Peshawar (3 articles)" */
    const char *doc;                        /* the article (for an event: the first reporting it) */
    long long article;
    uint32_t sent_start, sent_end;          /* for quotes: the sentence */
} timeline_item;

typedef int (*timeline_fn)(const timeline_item *t, void *ctx);

/* The cluster's quotes and events in date order (undated last). Returns
 * the number of items, or -1 with err set. */
int link_timeline(linker *l, long long cluster, timeline_fn fn, void *ctx, char *err, size_t errlen);

#endif
