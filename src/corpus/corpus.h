/* corpus.h — the corpus: every stored article and what is known across them,
 * behind one handle. The command line, the server and the tests call this,
 * never the store's or the link stage's tables directly.
 *
 *   corpus *c = corpus_open("dossier.db", CORPUS_WRITE, err, sizeof err);
 *   corpus_add(c, a, json, n, err, sizeof err);      // stored and linked; batches commit themselves
 *   corpus_finish(c, err, sizeof err);               // the last batch
 *   corpus_close(c);
 *
 *   corpus *c = corpus_open("dossier.db", CORPUS_READ, err, sizeof err);
 *   corpus_search(c, "good Taliban", &filter, fn, ctx, err, sizeof err);
 *   corpus_events(c, fn, ctx, err, sizeof err);
 *
 * Writing: each batch (STORE_BATCH_ARTICLES articles or STORE_BATCH_BYTES of
 * text) is one transaction holding the articles, their link rows and the
 * corpus structures they changed (entity clusters, merged events, claims),
 * so readers, which never wait for a writer (WAL), only ever see whole
 * batches, and a writer killed mid-batch leaves the store as it was before
 * it. What the corpus holds is a function of the set of articles stored,
 * whatever order they came in.
 *
 * Reading: rows are handed to a callback, nothing is copied, and strings are
 * valid only during the call; a callback returns nonzero to stop. Functions
 * return a count (>= 0) or a negative enum corpus_status, with err set. */
#ifndef DOSSIER_CORPUS_H
#define DOSSIER_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/article.h"
#include "core/buf.h"
#include "link/link.h"
#include "query/query.h"
#include "store/store.h"

typedef struct corpus corpus;

enum corpus_mode {
    CORPUS_READ,    /* the file must hold a dossier store; nothing is written */
    CORPUS_WRITE,   /* created when missing; an older schema is upgraded */
};

enum corpus_status {
    CORPUS_OK = 0,
    CORPUS_BAD_QUERY = QUERY_BAD_QUERY,   /* a search text or filter is not valid */
    CORPUS_NOT_FOUND = QUERY_NOT_FOUND,   /* no such article or entity */
    CORPUS_STORE = QUERY_STORE,           /* the store could not be read or written */
    CORPUS_DATA = -5,                     /* the link stage's data files are missing */
};

/* NULL with a one-line reason naming the file; *status (may be NULL) tells
 * CORPUS_STORE (missing, not a store, too new) from CORPUS_DATA. */
corpus *corpus_open(const char *path, enum corpus_mode mode, int *status, char *err, size_t errlen);
void corpus_close(corpus *c);

/* --- writing ----------------------------------------------------------------- */

/* Stores one extracted article with its extract JSON (dossier_article_json;
 * its bytes are changed, see store_put_article) and links it across the
 * corpus; commits the batch when it is full. STORE_FAILED means the batch
 * was rolled back and the corpus can take no more (err says why); every
 * other result leaves it ready for the next article. */
enum store_put corpus_add(corpus *c, article *a, char *json, size_t jsonlen, char *err, size_t errlen);

/* Commits what corpus_add left pending. 0, or -1 (rolled back) with err. */
int corpus_finish(corpus *c, char *err, size_t errlen);

/* The folder the store's file ids are paths below (store_root): 1 and
 * out set, 0 when none is recorded yet, -1 on error. */
int corpus_root(corpus *c, buf *out, char *err, size_t errlen);

/* Widens the store's root to hold folder too (store_widen_root), in a
 * transaction of its own, before the articles of a run are added: the
 * root after it into root, the old root's path below it into prefix,
 * *renamed: how many stored ids became PREFIX/ID. 0, or -1 (rolled back). */
int corpus_widen_root(corpus *c, const char *folder, buf *root, buf *prefix, long *renamed, char *err,
                      size_t errlen);

/* Articles stored; -1 on a store error. */
long long corpus_article_count(corpus *c);

/* Changes whenever another connection (an ingest) commits to the store, so
 * a reader holding results can tell they may be stale. -1 on error. */
long long corpus_version(corpus *c);

/* --- reading: articles --------------------------------------------------------- */

/* Ranked full-text search (query.h: the syntax and the filter). */
int corpus_search(corpus *c, const char *text, const query_filter *f, query_hit_fn fn, void *ctx, char *err,
                  size_t errlen);
/* One article by id: CORPUS_OK, CORPUS_NOT_FOUND or CORPUS_STORE. */
int corpus_article(corpus *c, const char *id, query_article_fn fn, void *ctx, char *err, size_t errlen);
/* The bytes [start, end) of a stored article's text (by its row number). */
int corpus_text(corpus *c, long long art, uint32_t start, uint32_t end, buf *out, char *err, size_t errlen);

/* The entities most named in some articles (row numbers, query_hit.row), of
 * the types in the mask (1 << ENT_PERSON | 1 << ENT_ORG): link.h,
 * link_named_in. How many were handed over, or CORPUS_STORE. */
int corpus_named_in(corpus *c, const long long *articles, size_t n, unsigned types, size_t top, named_fn fn,
                    void *ctx, char *err, size_t errlen);

/* --- reading: across articles ------------------------------------------------------ */

/* Every entity (only == 0, in id order) or one. 0 done, 1 stopped, < 0 error. */
int corpus_entities(corpus *c, long long only, cluster_fn fn, void *ctx, char *err, size_t errlen);
/* The entity a user's NAME means (an alias, a canonical name or any name with
 * the same comparison key): its id, 0 when none, < 0 on a store error. */
long long corpus_find_entity(corpus *c, const char *name, char *err, size_t errlen);
/* The entities a name may mean, the one in most articles first (link.h:
 * link_candidate); how many, at most cap; < 0 on a store error. */
int corpus_entity_candidates(corpus *c, const char *name, link_candidate *out, size_t cap, char *err, size_t errlen);
/* An entity's canonical name and type (enum ent_type). */
int corpus_entity_name(corpus *c, long long ent, buf *out, int *type, char *err, size_t errlen);
/* The articles naming an entity, newest first. */
int corpus_entity_articles(corpus *c, long long ent, entity_article_fn fn, void *ctx, char *err,
                           size_t errlen);
/* Quotes, newest first (link.h: the filter). */
int corpus_quotes(corpus *c, const quote_filter *f, quote_row_fn fn, void *ctx, char *err, size_t errlen);
/* An entity's quotes and events in date order. */
int corpus_timeline(corpus *c, long long ent, timeline_fn fn, void *ctx, char *err, size_t errlen);
/* Events merged across articles, with each article's figures and conflicts. */
int corpus_events(corpus *c, event_fn fn, void *ctx, char *err, size_t errlen);
/* Claims (by == 0) or those with a statement by that entity. */
int corpus_claims(corpus *c, long long by, claim_fn fn, void *ctx, char *err, size_t errlen);
/* The corpus report: one JSON object (extract-format.md), or its summary. */
int corpus_report_json(corpus *c, buf *out, char *err, size_t errlen);
int corpus_report_text(corpus *c, buf *out, char *err, size_t errlen);

#endif
