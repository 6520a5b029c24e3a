/* link.c — the linker: its statements on the store, and link_article(),
 * which files one stored article's entities, events and quotes in turn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/internal.h"

/* Statements are prepared once per SQL text (a static string, so its
 * address is the key) and reused. */
enum { MAX_STMTS = 96 };

typedef struct stmt_slot {
    const char *sql;
    sqlite3_stmt *st;
} stmt_slot;

typedef struct linker_full {
    struct linker pub;
    stmt_slot stmts[MAX_STMTS];
    int nstmts;
} linker_full;

linker *link_open(store *s, const char *datadir, char *err, size_t errlen)
{
    if (store_apply_part(s, &link_schema, err, errlen) != 0) return NULL;
    link_res *res = link_res_load(datadir, err, errlen);
    if (!res) return NULL;
    linker_full *lf = calloc(1, sizeof *lf);
    if (!lf) abort();
    linker *l = &lf->pub;
    l->s = s;
    l->db = store_sqlite(s);
    l->res = res;
    /* Joining looks keys, clusters and bands up all over their indexes:
     * SQLite's default page cache (2 MB) would read the same pages from the
     * file again and again. */
    sqlite3_exec(l->db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);
    buf_init(&l->tmp);
    buf_init(&l->tmp2);
    return l;
}

void link_close(linker *l)
{
    if (!l) return;
    linker_full *lf = (linker_full *)l;
    for (int i = 0; i < lf->nstmts; i++) sqlite3_finalize(lf->stmts[i].st);
    link_claims_free(l);
    free(l->dirty);
    link_res_free(l->res);
    buf_free(&l->tmp);
    buf_free(&l->tmp2);
    free(lf);
}

store *link_store(linker *l) { return l->s; }

int link_sql_error(linker *l, char *err, size_t errlen)
{
    snprintf(err, errlen, "link: %s", sqlite3_errmsg(l->db));
    return -1;
}

long long link_step_int(linker *l, sqlite3_stmt *st, long long missing, char *err, size_t errlen)
{
    int rc = sqlite3_step(st);
    long long v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : missing;
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || (rc == SQLITE_DONE && missing >= 0)) return v;
    if (rc == SQLITE_DONE) {
        snprintf(err, errlen, "link: a row the store should hold is missing");
        return -1;
    }
    return link_sql_error(l, err, errlen);
}

char *link_col_dup(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) abort();
    return d;
}

int link_step_done(linker *l, sqlite3_stmt *st, char *err, size_t errlen)
{
    return sqlite3_step(st) == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
}

sqlite3_stmt *link_stmt(linker *l, const char *sql, char *err, size_t errlen)
{
    linker_full *lf = (linker_full *)l;
    for (int i = 0; i < lf->nstmts; i++) {
        if (lf->stmts[i].sql != sql) continue;
        sqlite3_reset(lf->stmts[i].st);
        sqlite3_clear_bindings(lf->stmts[i].st);
        return lf->stmts[i].st;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v3(l->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        link_sql_error(l, err, errlen);
        return NULL;
    }
    if (lf->nstmts < MAX_STMTS) lf->stmts[lf->nstmts++] = (stmt_slot){sql, st};
    else abort();   /* more statement texts than slots: raise MAX_STMTS */
    return st;
}

int link_exec(linker *l, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    snprintf(err, errlen, "link: %s", msg ? msg : sqlite3_errmsg(l->db));
    sqlite3_free(msg);
    return -1;
}

/* The rowid the article was stored under (store_put_article set a->id). */
static long long article_rowid(linker *l, const article *a, char *err, size_t errlen)
{
    static const char sql[] = "SELECT rowid FROM articles WHERE id = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, a->id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    long long rowid = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE) snprintf(err, errlen, "link: article %s is not stored", a->id);
        else link_sql_error(l, err, errlen);
        return -1;
    }
    return rowid;
}

/* After an article was replaced, its clusters, events and claims are redone
 * from what remains (link_redo, filled by a trigger; see schema.c). */
static int redo_removed(linker *l, char *err, size_t errlen)
{
    static const char sql[] = "SELECT 1 FROM link_redo LIMIT 1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) return 0;
    if (rc != SQLITE_ROW) return link_sql_error(l, err, errlen);
    if (link_entities_redo(l, err, errlen) != 0 || link_events_redo(l, err, errlen) != 0 ||
        link_claims_redo(l, err, errlen) != 0)
        return -1;
    return link_exec(l, "DELETE FROM link_redo", err, errlen);
}

int link_article(linker *l, const article *a, char *err, size_t errlen)
{
    if (redo_removed(l, err, errlen) != 0) return -1;
    long long rowid = article_rowid(l, a, err, errlen);
    if (rowid < 0) return -1;
    long long *nodes = calloc(a->entities.n + 1, sizeof *nodes);
    if (!nodes) abort();
    int rc = link_entities_add(l, rowid, a, nodes, err, errlen);
    if (rc == 0) rc = link_events_add(l, rowid, a, nodes, err, errlen);
    if (rc == 0) rc = link_claims_add(l, rowid, a, nodes, err, errlen);
    free(nodes);
    return rc;
}

int link_settle(linker *l, bool last, char *err, size_t errlen)
{
    if (last && link_lone_settle(l, err, errlen) != 0) return -1;
    if (link_events_settle(l, err, errlen) != 0) return -1;
    return link_views_file(l, err, errlen);
}

long long *link_read_ids(linker *l, const char *sql, long long arg, size_t *n, char *err, size_t errlen)
{
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return NULL;
    if (arg) sqlite3_bind_int64(st, 1, arg);
    size_t cap = 16;
    long long *ids = malloc(cap * sizeof *ids);
    if (!ids) abort();
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap *= 2;
            ids = realloc(ids, cap * sizeof *ids);
            if (!ids) abort();
        }
        ids[(*n)++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(ids);
        link_sql_error(l, err, errlen);
        return NULL;
    }
    return ids;
}
