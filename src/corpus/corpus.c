/* corpus.c — the corpus handle: the store and the link stage opened together,
 * batches that hold articles and their links in one transaction, and the
 * reading functions of the query and link stages behind one name. */
#include "corpus/corpus.h"

#include <stdio.h>
#include <stdlib.h>

struct corpus {
    store *s;
    linker *l;
    bool writing;
    bool in_batch;   /* a transaction is open (writers only) */
    bool broken;     /* a write failed: the batch was rolled back */
    bool changed;    /* an article was added, updated or removed since the whole corpus was settled */
};

corpus *corpus_open(const char *path, enum corpus_mode mode, int *status, char *err, size_t errlen)
{
    int dummy;
    if (!status) status = &dummy;
    *status = CORPUS_STORE;
    store *s = store_open(path, mode == CORPUS_WRITE ? STORE_WRITE : STORE_READ, err, errlen);
    if (!s) return NULL;
    linker *l = link_open(s, NULL, err, errlen);
    if (!l) {
        store_close(s);
        *status = CORPUS_DATA;
        return NULL;
    }
    corpus *c = calloc(1, sizeof *c);
    if (!c) abort();
    *c = (corpus){.s = s, .l = l, .writing = mode == CORPUS_WRITE};
    *status = CORPUS_OK;
    return c;
}

void corpus_close(corpus *c)
{
    if (!c) return;
    if (c->in_batch) store_rollback(c->s);   /* corpus_finish was not called: nothing half-written */
    link_close(c->l);
    store_close(c->s);
    free(c);
}

/* --- writing ------------------------------------------------------------------- */

static void fail(corpus *c)
{
    if (c->in_batch) store_rollback(c->s);
    c->in_batch = false;
    c->broken = true;
}

/* Closes the open batch: the corpus structures it changed are settled, then
 * everything is committed at once. The last batch of an ingest also
 * settles what is judged over the whole corpus (link_settle) and refreshes
 * the tables behind the SQL views. */
static int commit_batch(corpus *c, bool last, char *err, size_t errlen)
{
    if (!c->in_batch) return 0;
    if (link_settle(c->l, last, err, errlen) != 0 || (last && link_views_refresh(c->l, err, errlen) != 0) ||
        store_commit(c->s, err, errlen) != 0) {
        fail(c);
        return -1;
    }
    c->in_batch = false;
    return 0;
}

enum store_put corpus_add(corpus *c, article *a, char *json, size_t jsonlen, char *err, size_t errlen)
{
    if (!c->writing || c->broken) {
        snprintf(err, errlen, "%s", c->broken ? "an earlier write failed" : "the corpus was opened for reading");
        return STORE_FAILED;
    }
    if (!c->in_batch) {
        if (store_begin(c->s, err, errlen) != 0) {
            fail(c);
            return STORE_FAILED;
        }
        c->in_batch = true;
    }
    enum store_put put = store_put_article(c->s, a, json, jsonlen, err, errlen);
    if (put == STORE_FAILED) {
        fail(c);
        return put;
    }
    if ((put == STORE_NEW || put == STORE_UPDATED) && link_article(c->l, a, err, errlen) != 0) {
        fail(c);
        return STORE_FAILED;
    }
    if (put == STORE_NEW || put == STORE_UPDATED) c->changed = true;
    if (store_batch_full(c->s) && commit_batch(c, false, err, errlen) != 0) return STORE_FAILED;
    return put;
}

int corpus_finish(corpus *c, char *err, size_t errlen)
{
    if (c->broken) {
        snprintf(err, errlen, "an earlier write failed (its batch was rolled back)");
        return -1;
    }
    /* the last batch settles the whole corpus (link_settle) and refreshes
     * the tables behind the SQL views, even when the batch before it was
     * full and committed: then in a transaction of its own */
    bool last = c->changed || link_views_stale(c->l);
    if (last && !c->in_batch) {
        if (store_begin(c->s, err, errlen) != 0) {
            fail(c);
            return -1;
        }
        c->in_batch = true;
    }
    int rc = commit_batch(c, last, err, errlen);
    if (rc == 0) c->changed = false;
    return rc;
}

int corpus_root(corpus *c, buf *out, char *err, size_t errlen)
{
    int rc = store_root(c->s, out);
    if (rc < 0) snprintf(err, errlen, "cannot read the store's root folder");
    return rc;
}

int corpus_widen_root(corpus *c, const char *folder, buf *root, buf *prefix, long *renamed, char *err,
                      size_t errlen)
{
    *renamed = 0;
    if (!c->writing || c->broken || c->in_batch) {
        snprintf(err, errlen, "corpus_widen_root: not at the start of a run");
        return -1;
    }
    if (store_begin(c->s, err, errlen) != 0) return -1;
    if (store_widen_root(c->s, folder, root, prefix, renamed, err, errlen) != 0) {
        store_rollback(c->s);
        return -1;
    }
    if (store_commit(c->s, err, errlen) != 0) {
        store_rollback(c->s);
        return -1;
    }
    /* the views' numbering and lists of ids follow the ids */
    if (*renamed) c->changed = true;
    return 0;
}

long long corpus_article_count(corpus *c) { return store_article_count(c->s); }

long long corpus_version(corpus *c) { return query_data_version(c->s); }

/* --- reading ------------------------------------------------------------------- */

int corpus_search(corpus *c, const char *text, const query_filter *f, query_hit_fn fn, void *ctx, char *err,
                  size_t errlen)
{
    return query_search(c->s, text, f, fn, ctx, err, errlen);
}

int corpus_article(corpus *c, const char *id, query_article_fn fn, void *ctx, char *err, size_t errlen)
{
    return query_article(c->s, id, fn, ctx, err, errlen);
}

int corpus_text(corpus *c, long long art, uint32_t start, uint32_t end, buf *out, char *err, size_t errlen)
{
    return link_article_text(c->l, art, start, end, out, err, errlen) == 0 ? 0 : CORPUS_STORE;
}

int corpus_named_in(corpus *c, const long long *articles, size_t n, unsigned types, size_t top, named_fn fn,
                    void *ctx, char *err, size_t errlen)
{
    int rc = link_named_in(c->l, articles, n, types, top, fn, ctx, err, errlen);
    return rc < 0 ? CORPUS_STORE : rc;
}

int corpus_entities(corpus *c, long long only, cluster_fn fn, void *ctx, char *err, size_t errlen)
{
    int rc = link_clusters(c->l, only, fn, ctx, err, errlen);
    return rc < 0 ? CORPUS_STORE : rc;
}

long long corpus_find_entity(corpus *c, const char *name, char *err, size_t errlen)
{
    long long id = link_find_entity(c->l, name, err, errlen);
    return id < 0 ? CORPUS_STORE : id;
}

int corpus_entity_candidates(corpus *c, const char *name, link_candidate *out, size_t cap, char *err, size_t errlen)
{
    int n = link_entity_candidates(c->l, name, out, cap, err, errlen);
    return n < 0 ? CORPUS_STORE : n;
}

int corpus_entity_name(corpus *c, long long ent, buf *out, int *type, char *err, size_t errlen)
{
    return link_entity_name(c->l, ent, out, type, err, errlen) == 0 ? 0 : CORPUS_NOT_FOUND;
}

int corpus_entity_articles(corpus *c, long long ent, entity_article_fn fn, void *ctx, char *err,
                           size_t errlen)
{
    int n = link_entity_articles(c->l, ent, fn, ctx, err, errlen);
    return n < 0 ? CORPUS_STORE : n;
}

int corpus_quotes(corpus *c, const quote_filter *f, quote_row_fn fn, void *ctx, char *err, size_t errlen)
{
    int n = link_quotes(c->l, f, fn, ctx, err, errlen);
    return n < 0 ? CORPUS_STORE : n;
}

int corpus_timeline(corpus *c, long long ent, timeline_fn fn, void *ctx, char *err, size_t errlen)
{
    int n = link_timeline(c->l, ent, fn, ctx, err, errlen);
    return n < 0 ? CORPUS_STORE : n;
}

int corpus_events(corpus *c, event_fn fn, void *ctx, char *err, size_t errlen)
{
    int rc = link_events(c->l, fn, ctx, err, errlen);
    return rc < 0 ? CORPUS_STORE : rc;
}

int corpus_claims(corpus *c, long long by, claim_fn fn, void *ctx, char *err, size_t errlen)
{
    int rc = link_claims(c->l, by, fn, ctx, err, errlen);
    return rc < 0 ? CORPUS_STORE : rc;
}

int corpus_report_json(corpus *c, buf *out, char *err, size_t errlen)
{
    return link_report_json(c->l, out, err, errlen) == 0 ? 0 : CORPUS_STORE;
}

int corpus_report_text(corpus *c, buf *out, char *err, size_t errlen)
{
    return link_report_text(c->l, out, err, errlen) == 0 ? 0 : CORPUS_STORE;
}
