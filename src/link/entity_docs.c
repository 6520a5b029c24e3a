/* entity_docs.c — `dossier entity NAME`: the articles that name an entity,
 * newest first, so a reader can go from the entity to its sources. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "link/internal.h"
#include "link/link.h"
#include "store/store.h"

int link_entity_articles(linker *l, long long cluster, entity_article_fn fn, void *ctx, char *err, size_t errlen)
{
    static const char sql[] =
        "SELECT a.id, a.published, a.outlet, a.title, sum(e.mentions) FROM link_entities e"
        " JOIN articles a ON a.rowid = e.article WHERE e.cluster = ?1"
        " GROUP BY e.article ORDER BY a.published DESC NULLS LAST, a.id";
    sqlite3 *db = store_sqlite(link_store(l));
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_int64(st, 1, cluster);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        entity_article r = {(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                            (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                            sqlite3_column_int64(st, 4)};
        n++;
        if (fn(&r, ctx)) break;
    }
    bool failed = rc != SQLITE_ROW && rc != SQLITE_DONE;
    if (failed) snprintf(err, errlen, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return failed ? -1 : n;
}

/* --- the entities most named in a few articles (the search page's side) ------------ */

typedef struct named_row {
    long long cluster, article, mentions;
    int type;
    char *name;
} named_row;

static int by_cluster_name(const void *x, const void *y)
{
    const named_row *a = x, *b = y;
    if (a->cluster != b->cluster) return a->cluster < b->cluster ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : (a->article > b->article) - (a->article < b->article);
}

static int by_mentions(const void *x, const void *y)
{
    const named_entity *a = x, *b = y;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* The rows [from, to) of one cluster as one entity: its mentions, its
 * articles, and the name used most (the longer, a fuller form, on a tie). */
static named_entity one_entity(const named_row *r, size_t from, size_t to)
{
    named_entity e = {.cluster = r[from].cluster};
    long long best = -1;
    for (size_t i = from; i < to;) {
        size_t j = i;
        long long m = 0;
        for (; j < to && !strcmp(r[j].name, r[i].name); j++) m += r[j].mentions;
        if (m > best || (m == best && strlen(r[i].name) > strlen(e.name))) {
            best = m;
            e.name = r[i].name;
            e.type = r[i].type;
        }
        e.mentions += m;
        i = j;
    }
    for (size_t i = from; i < to; i++) {
        bool seen = false;
        for (size_t k = from; k < i && !seen; k++) seen = r[k].article == r[i].article;
        e.articles += !seen;
    }
    return e;
}

int link_named_in(linker *l, const long long *articles, size_t n, unsigned types, size_t top, named_fn fn, void *ctx,
                  char *err, size_t errlen)
{
    static const char sql[] = "SELECT cluster, name, type, mentions FROM link_entities WHERE article = ?1";
    named_row *r = NULL;
    size_t nr = 0, cap = 0;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
        sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
        if (!st) {
            rc = SQLITE_ERROR;
            break;
        }
        sqlite3_bind_int64(st, 1, articles[i]);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            int type = sqlite3_column_int(st, 2);
            if (type < 0 || type >= 32 || !(types & (1u << type))) continue;
            if (nr == cap && !(r = realloc(r, (cap = cap ? cap * 2 : 64) * sizeof *r))) abort();
            r[nr] = (named_row){.cluster = sqlite3_column_int64(st, 0), .article = articles[i],
                                .mentions = sqlite3_column_int64(st, 3), .type = type,
                                .name = strdup((const char *)sqlite3_column_text(st, 1))};
            if (!r[nr++].name) abort();
        }
        if (rc != SQLITE_DONE) link_sql_error(l, err, errlen);
        sqlite3_reset(st);
    }
    int out = rc == SQLITE_DONE ? 0 : -1;
    named_entity *e = malloc((nr ? nr : 1) * sizeof *e);
    if (!e) abort();
    size_t ne = 0;
    if (nr) qsort(r, nr, sizeof *r, by_cluster_name);
    for (size_t i = 0; out == 0 && i < nr;) {
        size_t j = i;
        while (j < nr && r[j].cluster == r[i].cluster) j++;
        e[ne++] = one_entity(r, i, j);
        i = j;
    }
    if (ne) qsort(e, ne, sizeof *e, by_mentions);
    for (size_t i = 0; out >= 0 && i < ne && (size_t)out < top; i++) {
        out++;
        if (fn && fn(&e[i], ctx)) break;
    }
    for (size_t i = 0; i < nr; i++) free(r[i].name);
    free(r);
    free(e);
    return out;
}
