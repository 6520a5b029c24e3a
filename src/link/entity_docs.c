/* entity_docs.c — `dossier entity NAME`: the articles that name an entity,
 * newest first, so a reader can go from the entity to its sources. */
#include <stdio.h>

#include <sqlite3.h>

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
