/* events.c — one attack as many articles report it.
 *
 * Each article's event is a node. An "anchor" node is pinned down: a city
 * (or a place the gazetteer does not know) and a day. Anchors of the same
 * type, place and day are one event; within one article, anchors at the
 * same place a day apart are one too (a caption dated the day after). Other
 * nodes are vague: a country or province, a month, no date at all (then
 * the two weeks before publication). A vague node joins the one anchor
 * event it agrees with (same type, the anchor's day inside its window,
 * places one inside the other: Peshawar in Khyber Pakhtunkhwa in Pakistan);
 * with several, the one reported by at least twice as many articles as any
 * other; otherwise it stays apart, with the vague nodes that say exactly
 * the same. So vague reports never chain two attacks together (GDELT's
 * failure the other way round), yet "last month's massacre at a school in
 * Pakistan" finds the Peshawar attack.
 *
 * Each change to an anchor event re-judges the vague nodes whose windows
 * hold its days, so the result is the same whatever order articles come in. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "link/internal.h"

/* Days before publication an undated event is taken to have happened in. */
#define UNDATED_WINDOW_DAYS 14

/* --- dates as day numbers (core/date.h) ---------------------------------------- */

/* Parses YYYY, YYYY-MM or YYYY-MM-DD; returns the precision (0 none, 1 year, 2 month, 3 day). */
static int parse_date(const char *s, int *y, int *m, int *d)
{
    *y = *m = *d = 0;
    if (!s) return 0;
    int n = sscanf(s, "%4d-%2d-%2d", y, m, d);
    if (n < 1 || *y < 1 || strchr(s, 'W') || strchr(s, 'Q')) return 0;
    if (n >= 2 && (*m < 1 || *m > 12)) return 1;
    if (n == 3 && (*d < 1 || *d > date_days_in_month(*y, *m))) return 2;
    return n;
}

/* The days the event may have happened on, as YYYY-MM-DD strings; false
 * when nothing bounds it. */
static bool window(const char *when, const char *published, char lo[11], char hi[11])
{
    int y, m, d;
    int p = parse_date(when, &y, &m, &d);
    if (p == 3) {
        snprintf(lo, 11, "%04d-%02d-%02d", y, m, d);
        memcpy(hi, lo, 11);
    } else if (p == 2) {
        snprintf(lo, 11, "%04d-%02d-01", y, m);
        snprintf(hi, 11, "%04d-%02d-%02d", y, m, date_days_in_month(y, m));
    } else if (p == 1) {
        snprintf(lo, 11, "%04d-01-01", y);
        snprintf(hi, 11, "%04d-12-31", y);
    } else if (parse_date(published, &y, &m, &d) == 3) {
        date day = {(int16_t)y, (int8_t)m, (int8_t)d};
        if (!date_format(date_add_days(day, -UNDATED_WINDOW_DAYS), lo, 11) || !date_format(day, hi, 11)) return false;
    } else {
        return false;
    }
    return true;
}

static long day_number(const char *day)
{
    int y, m, d;
    return parse_date(day, &y, &m, &d) == 3 ? (long)date_to_days((date){(int16_t)y, (int8_t)m, (int8_t)d}) : LONG_MIN;
}

/* --- event keys ----------------------------------------------------------------- */

/* The place as compared: its gazetteer paths, or its folded name. */
static void place_key(const link_res *r, const char *place, buf *out)
{
    const char *paths = place_paths(r, place);
    if (paths) buf_puts(out, paths);
    else if (place) name_fold(place, strlen(place), out);
}

static uint64_t event_key(linker *l, bool anchor, const char *type, const char *place, const char *day,
                          const char *lo, const char *hi)
{
    buf *b = &l->tmp2;
    b->n = 0;
    buf_puts(b, anchor ? "a|" : "v|");
    buf_puts(b, type);
    buf_putc(b, '|');
    place_key(l->res, place, b);
    buf_putc(b, '|');
    if (anchor) buf_puts(b, day);
    else buf_printf(b, "%s|%s", lo ? lo : "", hi ? hi : "");
    return hash_bytes(b->p, b->n);
}

/* Vague nodes that join no anchor form an event with those saying exactly
 * the same; its id is derived from their key, negative so it never meets a
 * node id. */
static long long vague_event(uint64_t key) { return -(long long)(key & 0x3FFFFFFFFFFFFFFFULL) - 1; }

/* --- adding an article's events ---------------------------------------------------- */

typedef struct ev_node {
    long long node;
    const char *type, *place;
    char date[11];
    long day;
    bool anchor;
} ev_node;

static long long perpetrator_node(const article *a, const event *e, const long long *nodes)
{
    if (!e->perpetrator) return 0;
    for (uint32_t i = 0; i < a->entities.n; i++)
        if (a->entities.v[i].name && !strcmp(a->entities.v[i].name, e->perpetrator)) return nodes[i];
    return 0;
}

static long long anchor_event(linker *l, uint64_t key, char *err, size_t errlen)
{
    static const char sql[] = "SELECT event FROM link_events WHERE key = ?1 AND anchor LIMIT 1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)key);
    return link_step_int(l, st, 0, err, errlen);
}

static long long insert_event(linker *l, long long art, uint32_t n, const event *e, const char *published,
                              long long perpetrator, ev_node *out, char *err, size_t errlen)
{
    static const char sql[] = "INSERT INTO link_events(article, n, type, place, date, lo, hi, perpetrator,"
                              " anchor, key, event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
    static const char self[] = "UPDATE link_events SET event = node WHERE node = ?1";
    int y, m, d;
    bool day = parse_date(e->date, &y, &m, &d) == 3;
    bool anchor = e->place && day && place_level(l->res, e->place) == 3;
    char lo[11], hi[11];
    bool bounded = window(e->date, published, lo, hi);
    uint64_t key = event_key(l, anchor, e->type, e->place, lo, bounded ? lo : NULL, bounded ? hi : NULL);
    long long ev = anchor ? anchor_event(l, key, err, errlen) : 0;
    if (ev < 0) return -1;
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_int64(st, 2, n);
    sqlite3_bind_text(st, 3, e->type, -1, SQLITE_STATIC);
    if (e->place) sqlite3_bind_text(st, 4, e->place, -1, SQLITE_STATIC);
    if (e->date) sqlite3_bind_text(st, 5, e->date, -1, SQLITE_STATIC);
    if (bounded) {
        sqlite3_bind_text(st, 6, lo, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, hi, -1, SQLITE_TRANSIENT);
    }
    if (perpetrator) sqlite3_bind_int64(st, 8, perpetrator);
    sqlite3_bind_int(st, 9, anchor);
    sqlite3_bind_int64(st, 10, (sqlite3_int64)key);
    sqlite3_bind_int64(st, 11, ev);
    if (link_step_done(l, st, err, errlen) != 0) return -1;
    long long node = sqlite3_last_insert_rowid(l->db);
    if (!anchor && (!e->place || !bounded)) {
        /* nothing bounds where or when: it stays apart from everything */
        key = hash_bytes(&node, sizeof node);
        static const char set_key[] = "UPDATE link_events SET key = ?1 WHERE node = ?2";
        if (!(st = link_stmt(l, set_key, err, errlen))) return -1;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)key);
        sqlite3_bind_int64(st, 2, node);
        if (link_step_done(l, st, err, errlen) != 0) return -1;
    }
    if (anchor && ev == 0) {
        if (!(st = link_stmt(l, self, err, errlen))) return -1;
        sqlite3_bind_int64(st, 1, node);
        if (link_step_done(l, st, err, errlen) != 0) return -1;
    }
    *out = (ev_node){node, e->type, e->place, "", anchor ? day_number(lo) : LONG_MIN, anchor};
    if (anchor) memcpy(out->date, lo, 11);
    return node;
}

/* Figures in one sentence joined by "and" (or a comma) are parts of one total. */
static bool joined_to_previous(const article *a, const figure *prev, const figure *f)
{
    if (!prev || prev->end > f->start) return false;
    if (article_sentence_at(a, prev->start) != article_sentence_at(a, f->start)) return false;
    char gap[32];
    size_t n = 0;
    for (uint32_t i = prev->end; i < f->start && n < sizeof gap - 1; i++)
        if (a->text[i] != ' ') gap[n++] = a->text[i];
    gap[n] = '\0';
    if (f->start - prev->end > 16) return false;
    return !strcmp(gap, "and") || !strcmp(gap, ",") || !strcmp(gap, ",and") || !strcmp(gap, "plus") ||
           !strcmp(gap, "aswellas");
}

static int insert_figures(linker *l, long long art, const article *a, uint32_t ev, long long node, char *err,
                          size_t errlen)
{
    static const char sql[] = "INSERT OR IGNORE INTO link_figures(article, n, event_node, measure, value, high,"
                              " approx, text, start, end, sent_start, sent_end, joined)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
    const figure *prev = NULL;
    for (uint32_t i = 0; i < a->figures.n; i++) {
        const figure *f = &a->figures.v[i];
        if (f->event != (int32_t)ev || !f->measure || f->end > a->len || f->end <= f->start) continue;
        int32_t s = article_sentence_at(a, f->start);
        uint32_t ss = s >= 0 ? a->sents.v[s].start : f->start, se = s >= 0 ? a->sents.v[s].end : f->end;
        bool joined = prev && prev->measure && !strcmp(prev->measure, f->measure) && joined_to_previous(a, prev, f);
        prev = f;
        sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
        if (!st) return -1;
        sqlite3_bind_int64(st, 1, art);
        sqlite3_bind_int64(st, 2, i);
        sqlite3_bind_int64(st, 3, node);
        sqlite3_bind_text(st, 4, f->measure, -1, SQLITE_STATIC);
        sqlite3_bind_double(st, 5, f->value);
        if (!isnan(f->high)) sqlite3_bind_double(st, 6, f->high);
        sqlite3_bind_int(st, 7, f->approx);
        sqlite3_bind_text(st, 8, a->text + f->start, (int)(f->end - f->start), SQLITE_STATIC);
        sqlite3_bind_int64(st, 9, f->start);
        sqlite3_bind_int64(st, 10, f->end);
        sqlite3_bind_int64(st, 11, ss);
        sqlite3_bind_int64(st, 12, se);
        sqlite3_bind_int(st, 13, joined);
        if (link_step_done(l, st, err, errlen) != 0) return -1;
    }
    return 0;
}

static int merge_events(linker *l, long long a, long long b, char *err, size_t errlen)
{
    static const char sql[] = "UPDATE link_events SET event = ?1 WHERE event = ?2";
    if (a == b) return 0;
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, a < b ? a : b);
    sqlite3_bind_int64(st, 2, a < b ? b : a);
    return link_step_done(l, st, err, errlen);
}

static long long node_event(linker *l, long long node, char *err, size_t errlen)
{
    static const char sql[] = "SELECT event FROM link_events WHERE node = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, node);
    return link_step_int(l, st, -1, err, errlen);
}

/* Anchors of one article at the same place a day apart are one event. */
static int bridge_anchors(linker *l, const ev_node *v, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            if (!v[i].anchor || !v[j].anchor || strcmp(v[i].type, v[j].type) != 0) continue;
            if (labs(v[i].day - v[j].day) > 1 || !places_nest(l->res, v[i].place, v[j].place)) continue;
            long long a = node_event(l, v[i].node, err, errlen), b = node_event(l, v[j].node, err, errlen);
            if (a < 0 || b < 0 || merge_events(l, a, b, err, errlen) != 0) return -1;
        }
    }
    return 0;
}

/* --- judging vague nodes ---------------------------------------------------------- */

typedef struct candidate {
    long long event;
    long articles;
} candidate;

static long event_articles(linker *l, long long ev, char *err, size_t errlen)
{
    static const char sql[] = "SELECT count(DISTINCT article) FROM link_events WHERE event = ?1 AND anchor";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, ev);
    int rc = sqlite3_step(st);
    long n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_reset(st);
    return n >= 0 ? n : link_sql_error(l, err, errlen);
}

/* The anchor event a vague node belongs to, or its own vague event. */
static long long judge(linker *l, const char *type, const char *place, const char *lo, const char *hi,
                       uint64_t key, char *err, size_t errlen)
{
    static const char sql[] = "SELECT DISTINCT event, place FROM link_events"
                              " WHERE anchor AND type = ?1 AND date BETWEEN ?2 AND ?3";
    if (!place || !lo || !hi) return vague_event(key);
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, type, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, hi, -1, SQLITE_TRANSIENT);
    candidate c[16];
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long ev = sqlite3_column_int64(st, 0);
        const char *p = (const char *)sqlite3_column_text(st, 1);
        if (!places_nest(l->res, place, p)) continue;
        bool seen = false;
        for (int i = 0; i < n && !seen; i++) seen = c[i].event == ev;
        if (!seen && n < 16) c[n++] = (candidate){ev, 0};
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    if (n == 0) return vague_event(key);
    if (n == 1) return c[0].event;
    int best = 0;
    long second = 0;
    for (int i = 0; i < n; i++)
        if ((c[i].articles = event_articles(l, c[i].event, err, errlen)) < 0) return -1;
    for (int i = 1; i < n; i++)
        if (c[i].articles > c[best].articles || (c[i].articles == c[best].articles && c[i].event < c[best].event))
            best = i;
    for (int i = 0; i < n; i++)
        if (i != best && c[i].articles > second) second = c[i].articles;
    return c[best].articles >= 2 * second ? c[best].event : vague_event(key);
}

/* Judges again every vague node of `type` whose window holds `date` (or,
 * with date NULL, the node given). */
static int rejudge(linker *l, const char *type, const char *day, long long only, char *err, size_t errlen)
{
    static const char in_window[] = "SELECT node, type, place, lo, hi, key FROM link_events"
                                    " WHERE NOT anchor AND type = ?1 AND lo <= ?2 AND hi >= ?2";
    static const char one[] = "SELECT node, type, place, lo, hi, key FROM link_events WHERE node = ?1";
    static const char set[] = "UPDATE link_events SET event = ?1 WHERE node = ?2";
    sqlite3_stmt *st = link_stmt(l, day ? in_window : one, err, errlen);
    if (!st) return -1;
    if (day) {
        sqlite3_bind_text(st, 1, type, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, day, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_int64(st, 1, only);
    }
    /* read them all first: judging runs other statements */
    typedef struct pending { long long node, event; } pending;
    size_t n = 0, cap = 8;
    pending *p = malloc(cap * sizeof *p);
    char (*text)[3][64] = malloc(cap * sizeof *text);
    uint64_t *keys = malloc(cap * sizeof *keys);
    if (!p || !text || !keys) abort();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            p = realloc(p, cap * sizeof *p);
            text = realloc(text, cap * sizeof *text);
            keys = realloc(keys, cap * sizeof *keys);
            if (!p || !text || !keys) abort();
        }
        p[n].node = sqlite3_column_int64(st, 0);
        for (int k = 0; k < 3; k++) {
            const char *s = (const char *)sqlite3_column_text(st, k == 0 ? 2 : k + 2);
            snprintf(text[n][k], sizeof text[n][k], "%s", s ? s : "");
        }
        keys[n] = (uint64_t)sqlite3_column_int64(st, 5);
        n++;
    }
    sqlite3_reset(st);
    int result = rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
    for (size_t i = 0; i < n && result == 0; i++) {
        const char *place = text[i][0][0] ? text[i][0] : NULL;
        const char *lo = text[i][1][0] ? text[i][1] : NULL, *hi = text[i][2][0] ? text[i][2] : NULL;
        long long ev = judge(l, type, place, lo, hi, keys[i], err, errlen);
        if (ev == -1) {
            result = -1;
            break;
        }
        if (!(st = link_stmt(l, set, err, errlen))) {
            result = -1;
            break;
        }
        sqlite3_bind_int64(st, 1, ev);
        sqlite3_bind_int64(st, 2, p[i].node);
        if (sqlite3_step(st) != SQLITE_DONE) result = link_sql_error(l, err, errlen);
    }
    free(p);
    free(text);
    free(keys);
    return result;
}

/* Every day an anchor of event `ev` lies on: vague nodes there are judged again. */
static int rejudge_event(linker *l, long long ev, const char *type, char *err, size_t errlen)
{
    static const char sql[] = "SELECT DISTINCT date FROM link_events WHERE event = ?1 AND anchor";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, ev);
    char dates[32][11];
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 32)
        snprintf(dates[n++], 11, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return link_sql_error(l, err, errlen);
    for (int i = 0; i < n; i++)
        if (rejudge(l, type, dates[i], 0, err, errlen) != 0) return -1;
    return 0;
}

int link_events_add(linker *l, long long art, const article *a, const long long *nodes, char *err, size_t errlen)
{
    if (!a->events.n) return 0;
    ev_node *v = calloc(a->events.n, sizeof *v);
    if (!v) abort();
    int rc = 0;
    size_t n = 0;
    for (uint32_t i = 0; i < a->events.n && rc == 0; i++) {
        const event *e = &a->events.v[i];
        if (!e->type) continue;
        long long node = insert_event(l, art, i, e, a->published, perpetrator_node(a, e, nodes), &v[n], err, errlen);
        if (node < 0 || insert_figures(l, art, a, i, node, err, errlen) != 0) rc = -1;
        else n++;
    }
    if (rc == 0) rc = bridge_anchors(l, v, n, err, errlen);
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (v[i].anchor) {
            long long ev = node_event(l, v[i].node, err, errlen);
            rc = ev < 0 ? -1 : rejudge_event(l, ev, v[i].type, err, errlen);
        } else {
            rc = rejudge(l, v[i].type, NULL, v[i].node, err, errlen);
        }
    }
    free(v);
    return rc;
}

/* --- redoing events an article's removal touched ------------------------------------- */

int link_events_redo(linker *l, char *err, size_t errlen)
{
    /* anchors regroup by key (the smallest node of each key names the
     * event); bridges of one article are made again below */
    static const char regroup[] =
        "UPDATE link_events SET event = (SELECT min(x.node) FROM link_events x WHERE x.key = link_events.key"
        " AND x.anchor) WHERE anchor AND event IN (SELECT id FROM link_redo WHERE kind = 'event')";
    static const char articles_sql[] =
        "SELECT DISTINCT article FROM link_events WHERE anchor AND key IN (SELECT key FROM link_events"
        " WHERE event IN (SELECT id FROM link_redo WHERE kind = 'event'))";
    static const char anchors_sql[] = "SELECT node, type, place, date FROM link_events WHERE article = ?1 AND anchor";
    static const char days_sql[] =
        "SELECT DISTINCT e.type, d.date FROM (SELECT date(id + 0.5) AS date FROM link_redo WHERE kind = 'day'"
        " UNION SELECT date FROM link_events WHERE anchor AND event IN (SELECT id FROM link_redo WHERE kind = 'event'))"
        " d JOIN (SELECT DISTINCT type FROM link_events) e";
    if (link_exec(l, regroup, err, errlen) != 0) return -1;
    sqlite3_stmt *st = link_stmt(l, articles_sql, err, errlen);
    if (!st) return -1;
    long long arts[256];
    int na = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && na < 256) arts[na++] = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    for (int i = 0; i < na; i++) {
        if (!(st = link_stmt(l, anchors_sql, err, errlen))) return -1;
        sqlite3_bind_int64(st, 1, arts[i]);
        ev_node v[64];
        char place[64][96], type[64][32];
        size_t n = 0;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 64) {
            snprintf(type[n], sizeof type[n], "%s", (const char *)sqlite3_column_text(st, 1));
            snprintf(place[n], sizeof place[n], "%s", (const char *)sqlite3_column_text(st, 2));
            v[n] = (ev_node){sqlite3_column_int64(st, 0), type[n], place[n], "", 0, true};
            snprintf(v[n].date, sizeof v[n].date, "%s", (const char *)sqlite3_column_text(st, 3));
            v[n].day = day_number(v[n].date);
            n++;
        }
        sqlite3_reset(st);
        if (bridge_anchors(l, v, n, err, errlen) != 0) return -1;
    }
    if (!(st = link_stmt(l, days_sql, err, errlen))) return -1;
    char types[64][32], dates[64][11];
    int nd = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && nd < 64) {
        snprintf(types[nd], 32, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(dates[nd], 11, "%s", (const char *)sqlite3_column_text(st, 1));
        nd++;
    }
    sqlite3_reset(st);
    for (int i = 0; i < nd; i++)
        if (rejudge(l, types[i], dates[i], 0, err, errlen) != 0) return -1;
    /* vague nodes that were in a touched event */
    static const char vague_sql[] = "SELECT node, type FROM link_events WHERE NOT anchor"
                                    " AND event IN (SELECT id FROM link_redo WHERE kind = 'event')";
    if (!(st = link_stmt(l, vague_sql, err, errlen))) return -1;
    long long vn[256];
    int nv = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && nv < 256) {
        snprintf(types[nv % 64], 32, "%s", (const char *)sqlite3_column_text(st, 1));
        vn[nv++] = sqlite3_column_int64(st, 0);
    }
    sqlite3_reset(st);
    for (int i = 0; i < nv; i++)
        if (rejudge(l, types[i % 64], NULL, vn[i], err, errlen) != 0) return -1;
    return 0;
}

int link_events_settle(linker *l, char *err, size_t errlen)
{
    (void)l; (void)err; (void)errlen;
    return 0;
}
