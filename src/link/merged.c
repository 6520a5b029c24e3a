/* merged.c — reading merged events back: place, date, articles, each
 * article's figures, and conflicts, summarised from the event nodes when
 * read (so the summary never depends on the order articles came in). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/internal.h"

typedef struct node_row {
    char *type, *place, *date, *doc, *outlet, *published, *victims;
    long long article, perp;
    bool main;              /* what its article reports, not recalls */
} node_row;

typedef struct fig_row {
    char *measure, *text, *doc, *outlet, *published;
    long long article;
    double value, high;
    bool approx, joined;
    uint32_t sent_start, sent_end;
} fig_row;

/* A merged event and everything its strings point into. */
typedef struct owned_event {
    merged_event pub;
    node_row *nodes;
    size_t nnodes;
    fig_row *figs;
    size_t nfigs;
    char *perp_name;
    const char **docs, **mentioned, **victims;
    event_measure *measures;
    event_value *values;
} owned_event;

static void *grow(void *p, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap) return p;
    *cap = *cap ? 2 * *cap : 8;
    p = realloc(p, *cap * elem);
    if (!p) abort();
    return p;
}

/* --- summaries ------------------------------------------------------------------ */

static int date_precision(const char *d)
{
    if (!d || strchr(d, 'W') || strchr(d, 'Q')) return 0;
    size_t n = strlen(d);
    return n >= 10 ? 3 : n >= 7 ? 2 : n >= 4 ? 1 : 0;
}

static int count_same(const node_row *v, size_t n, const char *s, bool of_dates)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) {
        const char *x = of_dates ? v[i].date : v[i].place;
        c += x && s && !strcmp(x, s);
    }
    return c;
}

/* The most specific place; the most often given among equals, then the alphabet. */
static const char *best_place(const link_res *r, const node_row *v, size_t n)
{
    const char *best = NULL;
    int best_level = 0, best_count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].place) continue;
        int level = place_level(r, v[i].place), count = count_same(v, n, v[i].place, false);
        if (!best || level > best_level || (level == best_level && count > best_count) ||
            (level == best_level && count == best_count && strcmp(v[i].place, best) < 0)) {
            best = v[i].place;
            best_level = level;
            best_count = count;
        }
    }
    return best;
}

/* The most precise date; the most often given among equals, then the earliest. */
static const char *best_date(const node_row *v, size_t n)
{
    const char *best = NULL;
    int best_prec = 0, best_count = 0;
    for (size_t i = 0; i < n; i++) {
        int prec = date_precision(v[i].date);
        if (!prec) continue;
        int count = count_same(v, n, v[i].date, true);
        if (!best || prec > best_prec || (prec == best_prec && count > best_count) ||
            (prec == best_prec && count == best_count && strcmp(v[i].date, best) < 0)) {
            best = v[i].date;
            best_prec = prec;
            best_count = count;
        }
    }
    return best;
}

/* The most precise type the reporting nodes give (all nodes when none
 * reports it), by the order of nlp/events.c: "shooting" over "attack" over
 * "death". */
static const char *best_type(const node_row *v, size_t n)
{
    static const char *const order[] = {"execution", "shooting", "bombing", "attack", "earthquake",
                                        "flood", "fire", "crash", "killing", "death"};
    enum { NORDER = sizeof order / sizeof *order };
    bool any_main = false;
    for (size_t i = 0; i < n; i++) any_main |= v[i].main;
    int best = NORDER;
    const char *other = n ? v[0].type : "";
    for (size_t i = 0; i < n; i++) {
        if (any_main && !v[i].main) continue;
        for (int k = 0; k < best; k++)
            if (!strcmp(v[i].type, order[k])) best = k;
    }
    return best < NORDER ? order[best] : other;
}

/* The perpetrator most nodes name; on a tie, the first canonical name in
 * the alphabet (cluster ids depend on ingest order, names do not). */
static long long best_perpetrator(linker *l, const node_row *v, size_t n, char **name)
{
    long long best = 0;
    int best_count = 0;
    *name = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].perp || v[i].perp == best) continue;
        int c = 0;
        for (size_t j = 0; j < n; j++) c += v[j].perp == v[i].perp;
        if (c < best_count) continue;
        buf b;
        buf_init(&b);
        char err[128];
        if (link_entity_name(l, v[i].perp, &b, NULL, err, sizeof err) == 0 &&
            (c > best_count || !*name || strcmp(buf_cstr(&b), *name) < 0)) {
            free(*name);
            *name = strdup(buf_cstr(&b));
            best = v[i].perp;
            best_count = c;
        }
        buf_free(&b);
    }
    return best;
}

static int by_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

typedef struct named { const char *name; int count; } named;

static int by_count(const void *a, const void *b)
{
    const named *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* The victims the event's articles name, the most often named first (each
 * node's list is names one a line, pointing into it). */
static size_t gather_victims(owned_event *e)
{
    size_t total = 0;
    for (size_t i = 0; i < e->nnodes; i++)
        for (const char *p = e->nodes[i].victims; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : "") total++;
    named *v = malloc((total + 1) * sizeof *v);
    e->victims = malloc((total + 1) * sizeof *e->victims);
    if (!v || !e->victims) abort();
    size_t n = 0;
    for (size_t i = 0; i < e->nnodes; i++) {
        char *p = e->nodes[i].victims;
        while (p && *p) {
            char *nl = strchr(p, '\n');
            if (nl) *nl = '\0';
            size_t k = 0;
            while (k < n && strcmp(v[k].name, p) != 0) k++;
            if (k == n) v[n++] = (named){p, 0};
            v[k].count++;
            p = nl ? nl + 1 : p + strlen(p);
        }
    }
    if (n > 1) qsort(v, n, sizeof *v, by_count);
    for (size_t i = 0; i < n; i++) e->victims[i] = v[i].name;
    free(v);
    return n;
}

/* Values in the order they were published (undated last), then by article:
 * a toll that rises over days reads as it rose. */
static int by_date(const void *a, const void *b)
{
    const event_value *x = a, *y = b;
    if (!x->published != !y->published) return x->published ? -1 : 1;
    int c = x->published ? strcmp(x->published, y->published) : 0;
    return c ? c : strcmp(x->doc, y->doc);
}

/* One measure's figures (rows [lo, hi) of one measure, by article, in text
 * order): each article's own figure, and whether two conflict. */
static void summarise_measure(const link_res *r, const fig_row *f, size_t lo, size_t hi, event_measure *m,
                              event_value *values)
{
    m->measure = f[lo].measure;
    m->values = values;
    m->nvalues = 0;
    art_figure *arts = malloc((hi - lo) * sizeof *arts);
    fig_item *items = malloc((hi - lo) * sizeof *items);
    if (!arts || !items) abort();
    size_t na = 0;
    for (size_t i = lo; i < hi;) {
        size_t j = i;
        size_t ni = 0;
        for (; j < hi && f[j].article == f[i].article; j++)
            items[ni++] = (fig_item){figure_range(r, f[j].text, f[j].value, f[j].high, f[j].approx),
                                     f[j].sent_start, f[j].joined};
        article_figure(items, ni, &arts[na]);
        const fig_row *rep = &f[i + (size_t)(arts[na].item > 0 ? arts[na].item : 0)];
        values[m->nvalues++] = (event_value){f[i].article, f[i].doc, f[i].outlet, f[i].published, arts[na].value,
                                             rep->text, rep->sent_start, rep->sent_end};
        na++;
        i = j;
    }
    m->conflict = false;
    for (size_t i = 0; i < na && !m->conflict; i++)
        for (size_t j = i + 1; j < na && !m->conflict; j++) m->conflict = figures_conflict(&arts[i], &arts[j]);
    free(arts);
    free(items);
    qsort(values, m->nvalues, sizeof *values, by_date);
}

static int by_measure(const void *a, const void *b)
{
    const fig_row *x = a, *y = b;
    int c = strcmp(x->measure, y->measure);
    if (c) return c;
    return x->article < y->article ? -1 : x->article > y->article;
}

static void summarise(linker *l, owned_event *e)
{
    merged_event *m = &e->pub;
    m->type = best_type(e->nodes, e->nnodes);
    m->place = best_place(l->res, e->nodes, e->nnodes);
    m->date = best_date(e->nodes, e->nnodes);
    m->perpetrator_cluster = best_perpetrator(l, e->nodes, e->nnodes, &e->perp_name);
    m->perpetrator = e->perp_name;
    m->nvictims = gather_victims(e);
    m->victims = e->victims;
    e->docs = malloc((e->nnodes + 1) * sizeof *e->docs);
    e->mentioned = malloc((e->nnodes + 1) * sizeof *e->mentioned);
    if (!e->docs || !e->mentioned) abort();
    size_t nd = 0, nm2 = 0;
    for (int pass = 0; pass < 2; pass++)   /* reporting articles first, then those that recall it */
        for (size_t i = 0; i < e->nnodes; i++) {
            if (e->nodes[i].main != (pass == 0)) continue;
            bool seen = false;
            for (size_t j = 0; j < nd && !seen; j++) seen = !strcmp(e->docs[j], e->nodes[i].doc);
            for (size_t j = 0; j < nm2 && !seen; j++) seen = !strcmp(e->mentioned[j], e->nodes[i].doc);
            if (seen) continue;
            if (pass == 0) e->docs[nd++] = e->nodes[i].doc;
            else e->mentioned[nm2++] = e->nodes[i].doc;
        }
    qsort(e->docs, nd, sizeof *e->docs, by_str);
    qsort(e->mentioned, nm2, sizeof *e->mentioned, by_str);
    m->docs = e->docs;
    m->ndocs = nd;
    m->mentioned = e->mentioned;
    m->nmentioned = nm2;
    /* figures: by measure, then article (stable within an article: text order) */
    e->measures = calloc(e->nfigs + 1, sizeof *e->measures);
    e->values = calloc(e->nfigs + 1, sizeof *e->values);
    if (!e->measures || !e->values) abort();
    size_t nm = 0, nv = 0;
    for (size_t i = 0; i < e->nfigs;) {
        size_t j = i;
        while (j < e->nfigs && !strcmp(e->figs[j].measure, e->figs[i].measure)) j++;
        summarise_measure(l->res, e->figs, i, j, &e->measures[nm], e->values + nv);
        nv += e->measures[nm].nvalues;
        m->conflict |= e->measures[nm].conflict;
        nm++;
        i = j;
    }
    m->measures = e->measures;
    m->nmeasures = nm;
}

static void free_event(owned_event *e)
{
    for (size_t i = 0; i < e->nnodes; i++) {
        node_row *n = &e->nodes[i];
        free(n->type), free(n->place), free(n->date), free(n->doc), free(n->outlet), free(n->published);
        free(n->victims);
    }
    for (size_t i = 0; i < e->nfigs; i++) {
        fig_row *f = &e->figs[i];
        free(f->measure), free(f->text), free(f->doc), free(f->outlet), free(f->published);
    }
    free(e->nodes);
    free(e->figs);
    free(e->perp_name);
    free(e->docs);
    free(e->mentioned);
    free(e->victims);
    free(e->measures);
    free(e->values);
}

/* Two sorted lists of article ids, compared element by element. */
static int docs_order(const char *const *a, size_t na, const char *const *b, size_t nb)
{
    for (size_t i = 0; i < na && i < nb; i++) {
        int c = strcmp(a[i], b[i]);
        if (c) return c;
    }
    return (na > nb) - (na < nb);
}

/* Events by date (undated last), place, type, then their articles. */
static int event_order(const void *a, const void *b)
{
    const merged_event *x = &((const owned_event *)a)->pub, *y = &((const owned_event *)b)->pub;
    int c;
    if (!x->date != !y->date) return x->date ? -1 : 1;
    if (x->date && (c = strcmp(x->date, y->date))) return c;
    if (!x->place != !y->place) return x->place ? -1 : 1;
    if (x->place && (c = strcmp(x->place, y->place))) return c;
    if ((c = strcmp(x->type, y->type))) return c;
    /* then the articles, reporting and recalling, so equal-looking events
     * keep one order whatever order they were stored in */
    if ((c = docs_order(x->docs, x->ndocs, y->docs, y->ndocs))) return c;
    return docs_order(x->mentioned, x->nmentioned, y->mentioned, y->nmentioned);
}

/* --- reading ---------------------------------------------------------------------- */

/* Both reads are ordered by event id: the figures' event is found by moving on. */
static owned_event *event_at(owned_event *v, const long long *ids, size_t n, size_t *at, long long id)
{
    while (*at < n && ids[*at] < id) (*at)++;
    return *at < n && ids[*at] == id ? &v[*at] : NULL;
}

int link_events(linker *l, event_fn fn, void *ctx, char *err, size_t errlen)
{
    static const char nodes_sql[] =
        "SELECT e.event, e.type, e.place, e.date, a.id, a.outlet, a.published, e.article, p.cluster, e.main,"
        " e.victims"
        " FROM link_events e JOIN articles a ON a.rowid = e.article"
        " LEFT JOIN link_entities p ON p.node = e.perpetrator ORDER BY e.event, a.id";
    static const char figs_sql[] =
        "SELECT x.event, f.measure, f.text, a.id, a.outlet, a.published, f.article, f.value, f.high, f.approx,"
        " f.joined, f.sent_start, f.sent_end FROM link_figures f JOIN link_events x ON x.node = f.event_node"
        " JOIN articles a ON a.rowid = f.article ORDER BY x.event, f.article, f.start";
    sqlite3_stmt *st = link_stmt(l, nodes_sql, err, errlen);
    if (!st) return -1;
    owned_event *ev = NULL;
    long long *ids = NULL;
    size_t n = 0, cap = 0, idcap = 0, last = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (!n || ids[n - 1] != id) {
            ev = grow(ev, n, &cap, sizeof *ev);
            ids = grow(ids, n, &idcap, sizeof *ids);
            memset(&ev[n], 0, sizeof *ev);
            ids[n++] = id;
        }
        owned_event *e = &ev[n - 1];
        size_t ncap = e->nnodes;   /* grows by one: arrays stay small */
        e->nodes = realloc(e->nodes, (ncap + 1) * sizeof *e->nodes);
        if (!e->nodes) abort();
        e->nodes[e->nnodes++] = (node_row){link_col_dup(st, 1), link_col_dup(st, 2), link_col_dup(st, 3), link_col_dup(st, 4),
                                           link_col_dup(st, 5), link_col_dup(st, 6), link_col_dup(st, 10),
                                           sqlite3_column_int64(st, 7),
                                           sqlite3_column_type(st, 8) == SQLITE_NULL ? 0
                                                                                     : sqlite3_column_int64(st, 8),
                                           sqlite3_column_int(st, 9) != 0};
    }
    sqlite3_reset(st);
    int result = rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
    if (result == 0 && (st = link_stmt(l, figs_sql, err, errlen))) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            owned_event *e = event_at(ev, ids, n, &last, sqlite3_column_int64(st, 0));
            if (!e) continue;
            e->figs = realloc(e->figs, (e->nfigs + 1) * sizeof *e->figs);
            if (!e->figs) abort();
            e->figs[e->nfigs++] = (fig_row){link_col_dup(st, 1), link_col_dup(st, 2), link_col_dup(st, 3), link_col_dup(st, 4),
                                            link_col_dup(st, 5), sqlite3_column_int64(st, 6),
                                            sqlite3_column_double(st, 7),
                                            sqlite3_column_type(st, 8) == SQLITE_NULL ? NAN
                                                                                      : sqlite3_column_double(st, 8),
                                            sqlite3_column_int(st, 9) != 0, sqlite3_column_int(st, 10) != 0,
                                            (uint32_t)sqlite3_column_int64(st, 11),
                                            (uint32_t)sqlite3_column_int64(st, 12)};
        }
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) result = link_sql_error(l, err, errlen);
    } else if (result == 0) {
        result = -1;
    }
    for (size_t i = 0; i < n && result == 0; i++) {
        /* by measure; the sort is stable enough: rows of one article stay in text order */
        for (size_t a = 1; a < ev[i].nfigs; a++)
            for (size_t b = a; b > 0 && by_measure(&ev[i].figs[b - 1], &ev[i].figs[b]) > 0; b--) {
                fig_row t = ev[i].figs[b];
                ev[i].figs[b] = ev[i].figs[b - 1];
                ev[i].figs[b - 1] = t;
            }
        summarise(l, &ev[i]);
        ev[i].pub.id = ids[i];
    }
    if (result == 0 && n > 1) qsort(ev, n, sizeof *ev, event_order);
    int stop = 0;
    for (size_t i = 0; i < n && result == 0 && !stop; i++) stop = fn(&ev[i].pub, ctx);
    for (size_t i = 0; i < n; i++) free_event(&ev[i]);
    free(ev);
    free(ids);
    return result < 0 ? -1 : stop ? 1 : 0;
}

int link_article_text(linker *l, long long art, uint32_t start, uint32_t end, buf *out, char *err, size_t errlen)
{
    static const char sql[] = "SELECT substr(CAST(text AS BLOB), ?2, ?3) FROM articles WHERE rowid = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)start + 1);
    sqlite3_bind_int64(st, 3, end > start ? end - start : 0);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) > 0)
        buf_put(out, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    sqlite3_reset(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
}
