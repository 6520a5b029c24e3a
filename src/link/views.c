/* views.c — the tables behind the store's SQL views (docs/schema.md).
 *
 * An entity's canonical name and type, a merged event's place, date and
 * conflicts, a claim's statements: the readers (clusters.c, merged.c,
 * claims_read.c) decide these from counts over the whole corpus when they
 * read, which SQL alone cannot repeat. So at the end of an ingest that
 * changed the store, what they hand over is written into link_entity_info,
 * link_event_info, link_event_values, link_claim_info and
 * link_claim_statements inside the last batch; the v_ views join them to
 * the articles. A reader of the views then sees what `dossier entities`,
 * `conflicts` and `claims` print, as of the last ingest.
 *
 * An entity's row depends on its cluster's nodes alone, so only the rows
 * of clusters that gained or lost nodes are redone (link_views_dirty, see
 * schema.c), unless they are many; events and claims are numbered over the
 * whole corpus and are rewritten whole. */
#include <stdio.h>
#include <stdlib.h>

#include "link/internal.h"

typedef struct refresh {
    linker *l;
    sqlite3_stmt *st;
    long n;            /* events or claims handed over so far */
    buf tmp;
    char *err;
    size_t errlen;
    int rc;
} refresh;

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

/* Runs the bound statement once; on failure records why and stops. */
static int run(refresh *r, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc == SQLITE_DONE) return 0;
    r->rc = link_sql_error(r->l, r->err, r->errlen);
    return 1;
}

static int entity_row(const cluster_info *c, void *ctx)
{
    refresh *r = ctx;
    sqlite3_stmt *st = r->st;
    sqlite3_bind_int64(st, 1, c->id);
    bind_text(st, 2, c->name);
    bind_text(st, 3, link_type_name(c->type));
    sqlite3_bind_int64(st, 4, c->articles);
    sqlite3_bind_int64(st, 5, c->mentions);
    bind_text(st, 6, c->first_seen);
    bind_text(st, 7, c->last_seen);
    return run(r, st);
}

static int event_row(const merged_event *e, void *ctx)
{
    refresh *r = ctx;
    static const char ev_sql[] = "INSERT INTO link_event_info(event, n, type, place, date, perpetrator, articles,"
                                 " mentioned_in, conflict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    static const char val_sql[] = "INSERT INTO link_event_values(event, measure, article, value, text, sent_start,"
                                  " sent_end, conflict) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    sqlite3_stmt *st = link_stmt(r->l, ev_sql, r->err, r->errlen);
    if (!st) return r->rc = -1, 1;
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int64(st, 2, ++r->n);
    bind_text(st, 3, e->type);
    bind_text(st, 4, e->place);
    bind_text(st, 5, e->date);
    if (e->perpetrator_cluster) sqlite3_bind_int64(st, 6, e->perpetrator_cluster);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)e->ndocs);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)e->nmentioned);
    sqlite3_bind_int(st, 9, e->conflict);
    if (run(r, st)) return 1;
    if (!(st = link_stmt(r->l, val_sql, r->err, r->errlen))) return r->rc = -1, 1;
    for (size_t i = 0; i < e->nmeasures; i++) {
        const event_measure *m = &e->measures[i];
        for (size_t k = 0; k < m->nvalues; k++) {
            const event_value *v = &m->values[k];
            sqlite3_bind_int64(st, 1, e->id);
            bind_text(st, 2, m->measure);
            sqlite3_bind_int64(st, 3, v->article);
            sqlite3_bind_double(st, 4, v->value);
            bind_text(st, 5, v->text ? v->text : "");
            sqlite3_bind_int64(st, 6, v->sent_start);
            sqlite3_bind_int64(st, 7, v->sent_end);
            sqlite3_bind_int(st, 8, m->conflict);
            if (run(r, st)) return 1;
        }
    }
    return 0;
}

static int claim_row(const claim_info *c, void *ctx)
{
    refresh *r = ctx;
    static const char claim_sql[] = "INSERT INTO link_claim_info(n, summary, statements, articles)"
                                    " VALUES (?1, ?2, ?3, ?4)";
    static const char st_sql[] = "INSERT INTO link_claim_statements(claim, i, article, speaker, text, carried_by)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    sqlite3_stmt *st = link_stmt(r->l, claim_sql, r->err, r->errlen);
    if (!st) return r->rc = -1, 1;
    long n = ++r->n;
    sqlite3_bind_int64(st, 1, n);
    bind_text(st, 2, c->summary ? c->summary : "");
    sqlite3_bind_int64(st, 3, (sqlite3_int64)c->nstatements);
    sqlite3_bind_int64(st, 4, c->articles);
    if (run(r, st)) return 1;
    if (!(st = link_stmt(r->l, st_sql, r->err, r->errlen))) return r->rc = -1, 1;
    for (size_t i = 0; i < c->nstatements; i++) {
        const claim_statement *s = &c->statements[i];
        r->tmp.n = 0;
        for (size_t k = 0; k < s->ncarried; k++) {
            if (k) buf_puts(&r->tmp, "; ");
            buf_puts(&r->tmp, s->carried_by[k]);
        }
        sqlite3_bind_int64(st, 1, n);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
        sqlite3_bind_int64(st, 3, s->article);
        if (s->speaker_cluster) sqlite3_bind_int64(st, 4, s->speaker_cluster);
        bind_text(st, 5, s->text ? s->text : "");
        bind_text(st, 6, buf_cstr(&r->tmp));
        if (run(r, st)) return 1;
    }
    return 0;
}

/* --- which clusters' rows to redo ------------------------------------------------------
 *
 * The in-memory list holds the clusters marked during the batch, with
 * repeats (a merge marks both sides each time); it is sorted and made
 * unique when it fills, and when DIRTY_MAX distinct clusters are marked in
 * one batch the views' entity rows are redone whole instead: that many
 * cost as much one by one as all of them at once, and memory stays fixed. */
enum { DIRTY_MAX = 1 << 15 };

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static size_t sort_unique(long long *v, size_t n)
{
    if (n > 1) qsort(v, n, sizeof *v, cmp_ll);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || v[i] != v[k - 1]) v[k++] = v[i];
    return k;
}

void link_views_mark_all(linker *l)
{
    l->dirty_all = true;
    l->ndirty = 0;
}

void link_views_mark(linker *l, long long c)
{
    if (c <= 0 || l->dirty_all) return;
    if (l->ndirty == l->dirty_cap) {
        l->ndirty = sort_unique(l->dirty, l->ndirty);
        if (l->ndirty >= DIRTY_MAX) {
            link_views_mark_all(l);
            return;
        }
        if (l->ndirty * 2 >= l->dirty_cap) {
            l->dirty_cap = l->dirty_cap ? 2 * l->dirty_cap : 256;
            l->dirty = realloc(l->dirty, l->dirty_cap * sizeof *l->dirty);
            if (!l->dirty) abort();
        }
    }
    l->dirty[l->ndirty++] = c;
}

int link_views_file(linker *l, char *err, size_t errlen)
{
    static const char sql[] = "INSERT OR IGNORE INTO link_views_dirty(cluster) VALUES (?1)";
    static const char all_sql[] = "SELECT 1 FROM link_views_dirty WHERE cluster = -1";
    if (!l->dirty_all && !l->ndirty) return 0;
    /* when every row is to be redone already (a new store's first ingest),
     * naming clusters adds nothing */
    sqlite3_stmt *all = link_stmt(l, all_sql, err, errlen);
    long long every = all ? link_step_int(l, all, 0, err, errlen) : -1;
    if (every < 0) return -1;
    if (every) {
        l->dirty_all = false;
        l->ndirty = 0;
        return 0;
    }
    if (l->dirty_all) {
        l->dirty_all = false;
        l->ndirty = 0;
        sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
        if (!st) return -1;
        sqlite3_bind_int64(st, 1, -1);
        return link_step_done(l, st, err, errlen);
    }
    l->ndirty = sort_unique(l->dirty, l->ndirty);
    for (size_t i = 0; i < l->ndirty; i++) {
        sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
        if (!st) return -1;
        sqlite3_bind_int64(st, 1, l->dirty[i]);
        if (link_step_done(l, st, err, errlen) != 0) return -1;
    }
    l->ndirty = 0;
    return 0;
}

/* Redoes the rows of link_entity_info: those of the dirty clusters, or all
 * when every cluster is dirty, the table is empty, or the dirty are more
 * than FEW and more than a quarter of it (one query per cluster then costs
 * more than one pass over all). */
enum { FEW = 64 };

static int refresh_entities(linker *l, refresh *r, char *err, size_t errlen)
{
    static const char count_sql[] = "SELECT count(*) FROM link_entity_info";
    static const char del_sql[] = "DELETE FROM link_entity_info WHERE cluster = ?1";
    size_t n;
    /* ascending: -1 (all clusters) first */
    long long *dirty = link_read_ids(l, "SELECT cluster FROM link_views_dirty ORDER BY cluster", 0, &n, err, errlen);
    if (!dirty) return -1;
    sqlite3_stmt *st = link_stmt(l, count_sql, err, errlen);
    long long rows = st ? link_step_int(l, st, 0, err, errlen) : -1;
    int rc = rows < 0 ? -1 : 0;
    if (rc == 0 && (!rows || (n && dirty[0] < 0) || (n > FEW && (long long)n * 4 > rows))) {
        rc = link_exec(l, "DELETE FROM link_entity_info", err, errlen);
        if (rc == 0) rc = link_clusters(l, 0, entity_row, r, err, errlen);
    } else {
        for (size_t i = 0; i < n && rc >= 0 && r->rc == 0; i++) {
            if (!(st = link_stmt(l, del_sql, err, errlen))) {
                rc = -1;
                break;
            }
            sqlite3_bind_int64(st, 1, dirty[i]);
            rc = link_step_done(l, st, err, errlen);
            if (rc == 0) rc = link_clusters(l, dirty[i], entity_row, r, err, errlen);
        }
    }
    free(dirty);
    if (rc < 0 || r->rc < 0) return -1;
    return link_exec(l, "DELETE FROM link_views_dirty", err, errlen);
}

int link_views_refresh(linker *l, char *err, size_t errlen)
{
    /* what this batch marked counts too */
    if (link_views_file(l, err, errlen) != 0 ||
        link_exec(l, "DELETE FROM link_event_info; DELETE FROM link_event_values;"
                     " DELETE FROM link_claim_info; DELETE FROM link_claim_statements", err, errlen) != 0)
        return -1;
    refresh r = {.l = l, .err = err, .errlen = errlen};
    buf_init(&r.tmp);
    static const char ent_sql[] = "INSERT INTO link_entity_info(cluster, name, type, articles, mentions, first_seen,"
                                  " last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
    r.st = link_stmt(l, ent_sql, err, errlen);
    int rc = r.st ? refresh_entities(l, &r, err, errlen) : -1;
    if (rc >= 0 && r.rc == 0) rc = link_events(l, event_row, &r, err, errlen);
    r.n = 0;
    if (rc >= 0 && r.rc == 0) rc = link_claims(l, 0, claim_row, &r, err, errlen);
    buf_free(&r.tmp);
    return rc < 0 || r.rc < 0 ? -1 : 0;
}

bool link_views_stale(linker *l)
{
    static const char sql[] =
        "SELECT (EXISTS(SELECT 1 FROM link_entities) AND NOT EXISTS(SELECT 1 FROM link_entity_info))"
        " OR (EXISTS(SELECT 1 FROM link_events) AND NOT EXISTS(SELECT 1 FROM link_event_info))";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK) return false;
    bool stale = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return stale;
}
