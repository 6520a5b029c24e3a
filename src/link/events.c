/* events.c — one real happening as many articles report it.
 *
 * Each article's event (src/nlp/events.c) is a node, filed with what its
 * article says of it: type, place, date, the window of days it may have
 * happened in, and its words — the content words of its evidence sentences
 * and, for the article's main event, of its headline, each weighted by how
 * rare it is in news (names, places, "magnitude", "crossfire" weigh much;
 * "said", "people" little).
 *
 * Which nodes are one event is decided over all of them at once, when a
 * batch is settled (link_events_settle), and depends only on the set of
 * nodes, never on the order they came in:
 *   - two nodes may be one event only when nothing they say rules it out:
 *     types of one family (a "shooting" may be an "attack"; "death" fits
 *     any), places that nest when both are known to the gazetteer (Peshawar
 *     in Pakistan, never Athens and Brooklyn), time windows that meet, and
 *     different articles (one article's two events are two);
 *   - how alike two nodes are is the weighted overlap of their words
 *     (claim_similarity): what articles share about one happening is its
 *     rare words — the victims', places' and perpetrators' names, the
 *     details;
 *   - pairs are merged best first, average linkage: two groups join only
 *     when their nodes are alike on average, all pairs compatible — so a
 *     chain of look-alikes never joins two shootings through a third, and
 *     an article without a date or a city still joins the event its words
 *     match.
 * Nodes meet only through an informative word they share (an inverted index
 * over words weighing at least MIN_INDEX_WEIGHT), so the work grows with
 * the pairs that could be one event, not with the square of all events. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "link/internal.h"
#include "nlp/nlp.h"

/* Days of slack around a stated day (reports round "late Saturday"). */
#define DAY_SLACK 2

/* Words kept per node (the headline's first, then the evidence sentences'
 * in text order); a node's words beyond are not compared. */
#define EVENT_MAX_WORDS 256

/* Only words at least this rare index a node: pairs sharing only common
 * words can never be alike enough. */
#define MIN_INDEX_WEIGHT 3.0f



/* How much more a word of a name weighs (boost_names). */
#define NAME_BOOST 2.0f

/* A word that more than this share of the events of one family say
 * ("magnitude" in earthquake reports) weighs KIND_WORD_WEIGHT of its
 * weight: what every report of such events says tells none apart. Counted
 * once a family has KIND_MIN_NODES events. */
#define KIND_WORD_SHARE 0.2
#define KIND_WORD_WEIGHT 0.25f
#define KIND_MIN_NODES 10

/* Two nodes are one event when their words overlap this much (weighted
 * Jaccard), on average over two groups being joined. */
#define MERGE_SIMILARITY 0.08

/* What weighs against one event (see places_factor and time_factor): the
 * similarity is multiplied by these. */
#define PLACE_MISMATCH 0.6
#define TYPE_MISMATCH 0.5
#define TIME_NEAR 0.8
#define TIME_MONTHS 0.5
#define TIME_YEARS 0.3

/* A word held by more nodes than this indexes none of them (it is then a
 * common word of event reports, like "police"); such words still count in
 * the similarity of pairs that meet through another word. */
#define MAX_POSTING 512

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

static long days_of(int y, int m, int d) { return (long)date_to_days((date){(int16_t)y, (int8_t)m, (int8_t)d}); }

/* The days [lo, hi] the event may have happened on: from its own date,
 * else any day up to its article's publication (an article may recall an
 * event of years ago, never report one after it was written: lo is then
 * LONG_MIN); false when nothing bounds it. */
static bool window(const char *when, const char *published, long *lo, long *hi)
{
    int y, m, d;
    int p = parse_date(when, &y, &m, &d);
    if (p == 3) {
        *lo = days_of(y, m, d) - DAY_SLACK;
        *hi = days_of(y, m, d) + DAY_SLACK;
    } else if (p == 2) {
        *lo = days_of(y, m, 1) - DAY_SLACK;
        *hi = days_of(y, m, date_days_in_month(y, m)) + DAY_SLACK;
    } else if (p == 1) {
        *lo = days_of(y, 1, 1);
        *hi = days_of(y, 12, 31);
    } else if (parse_date(published, &y, &m, &d) == 3) {
        *hi = days_of(y, m, d) + 1;
        *lo = LONG_MIN;
    } else {
        return false;
    }
    return true;
}

/* --- filing an article's events ----------------------------------------------------- */

static long long perpetrator_node(const article *a, const event *e, const long long *nodes)
{
    if (!e->perpetrator) return 0;
    for (uint32_t i = 0; i < a->entities.n; i++)
        if (a->entities.v[i].name && !strcmp(a->entities.v[i].name, e->perpetrator)) return nodes[i];
    return 0;
}

static bool has_toll(const event *e) { return !isnan(e->killed) || !isnan(e->injured); }

/* Whether the event ended more than a year before its article was
 * published ("In 2006, a linebacker was shot" in a story of 2013), or is
 * mentioned in passing with its year in an undated article: the article
 * recalls it, whatever it reports. */
static bool long_before(const article *a, const event *e)
{
    int y = 0, m = 12, d = 31;
    if (!e->date || sscanf(e->date, "%d-%d-%d", &y, &m, &d) < 1 || y < 1000) return false;
    /* an article without a date of its own: a report of news dates what
     * happened by the day ("on Sunday"), so an event dated by its year
     * alone and told in one sentence without a toll ("In 2006, a linebacker
     * was shot") is one it recalls */
    if (!a->pubdate.y) return strlen(e->date) == 4 && e->evidence.n <= 1 && !has_toll(e);
    if (m < 1 || m > 12) m = 12;
    if (d < 1 || d > date_days_in_month(y, m)) d = date_days_in_month(y, m);
    return days_of(y, m, d) + 366 < date_to_days(a->pubdate);
}

/* How much an article tells of an event: its sentences, and one more when
 * it gives the toll (what readers compare). */
static uint32_t told(const event *e) { return e->evidence.n + (has_toll(e) ? 1 : 0); }

/* The article's main event: the one it tells most (told); on a tie, one
 * with a toll, then the first; never one long over when it was published.
 * Its words include the headline's. -1 when the article reports none. */
static int64_t main_event(const article *a)
{
    int64_t best = -1;
    for (uint32_t i = 0; i < a->events.n; i++) {
        const event *e = &a->events.v[i];
        if (long_before(a, e)) continue;
        const event *b = best >= 0 ? &a->events.v[best] : NULL;
        if (!b || told(e) > told(b) || (told(e) == told(b) && has_toll(e) && !has_toll(b))) best = i;
    }
    return best;
}

/* Sorts words by hash and keeps one of each (the heavier). */
static size_t distinct_words(claim_word *w, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && (w[j - 1].hash > w[j].hash ||
                                     (w[j - 1].hash == w[j].hash && w[j - 1].weight < w[j].weight)); j--) {
            claim_word t = w[j];
            w[j] = w[j - 1];
            w[j - 1] = t;
        }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!kept || w[i].hash != w[kept - 1].hash) w[kept++] = w[i];
    return kept;
}

/* The words of the names (people, places, organisations) mentioned in the
 * event's sentences weigh NAME_BOOST times more: who and where tell one
 * shooting from another better than any other word. */
static void boost_names(const link_res *r, const article *a, const event *e, claim_word *w, size_t nw)
{
    claim_word name[32];
    for (uint32_t k = 0; k < e->evidence.n; k++) {
        span sp = e->evidence.v[k];
        for (uint32_t i = article_first_from(a->mentions.v, a->mentions.n, sizeof *a->mentions.v, sp.start);
             i < a->mentions.n && a->mentions.v[i].start < sp.end; i++) {
            const mention *m = &a->mentions.v[i];
            if (m->kind != MK_NAME || m->end > a->len) continue;
            size_t nn = claim_words(r, a->text + m->start, m->end - m->start, name, 32);
            for (size_t x = 0; x < nn; x++)
                for (size_t y = 0; y < nw; y++)
                    if (w[y].hash == name[x].hash && w[y].weight == name[x].weight) w[y].weight *= NAME_BOOST;
        }
    }
}

/* The event's words: the headline's (for the main event), then its
 * evidence sentences', distinct, sorted by hash, at most EVENT_MAX_WORDS. */
static size_t event_words(const link_res *r, const article *a, const event *e, bool main, claim_word *out)
{
    size_t n = 0;
    if (main && a->title) n = claim_words(r, a->title, strlen(a->title), out, EVENT_MAX_WORDS);
    for (uint32_t k = 0; k < e->evidence.n && n < EVENT_MAX_WORDS; k++) {
        span sp = e->evidence.v[k];
        if (sp.end > a->len || sp.end <= sp.start) continue;
        n += claim_words(r, a->text + sp.start, sp.end - sp.start, out + n, EVENT_MAX_WORDS - n);
    }
    n = distinct_words(out, n);
    boost_names(r, a, e, out, n);
    return n;
}

static int by_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* The years an article's text names (its resolved times), ascending and
 * distinct, space-separated into out; empty when it names none. Only asked
 * of an article without a date: the years it names are the best sign of
 * when it was written. */
static void article_era(const article *a, buf *out)
{
    int *years = malloc((a->times.n + 1) * sizeof *years);
    if (!years) abort();
    uint32_t n = 0;
    for (uint32_t i = 0; i < a->times.n; i++) {
        const char *v = a->times.v[i].value;
        int y;
        if (v && sscanf(v, "%4d", &y) == 1 && y >= 1000 && y <= 2999) years[n++] = y;
    }
    qsort(years, n, sizeof *years, by_int);
    for (uint32_t i = 0; i < n; i++)
        if (!i || years[i] != years[i - 1]) buf_printf(out, "%s%d", out->n ? " " : "", years[i]);
    free(years);
}

static long long insert_event(linker *l, long long art, uint32_t n, const article *a, const event *e, bool main,
                              long long perpetrator, const buf *era, char *err, size_t errlen)
{
    static const char sql[] = "INSERT INTO link_events(article, n, type, place, date, lo, hi, perpetrator, words,"
                              " main, victims, era, event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                              " ?12, 0)";
    static const char self[] = "UPDATE link_events SET event = node WHERE node = ?1";
    long lo, hi;
    bool bounded = window(e->date, a->published, &lo, &hi);
    claim_word *w = malloc(EVENT_MAX_WORDS * sizeof *w);
    if (!w) abort();
    size_t nw = event_words(l->res, a, e, main, w);
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) {
        free(w);
        return -1;
    }
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_int64(st, 2, n);
    sqlite3_bind_text(st, 3, e->type, -1, SQLITE_STATIC);
    if (e->place) sqlite3_bind_text(st, 4, e->place, -1, SQLITE_STATIC);
    if (e->date) sqlite3_bind_text(st, 5, e->date, -1, SQLITE_STATIC);
    char los[11], his[11];
    if (bounded && lo != LONG_MIN && date_format(date_from_days(lo), los, sizeof los))
        sqlite3_bind_text(st, 6, los, -1, SQLITE_TRANSIENT);
    if (bounded && date_format(date_from_days(hi), his, sizeof his)) sqlite3_bind_text(st, 7, his, -1, SQLITE_TRANSIENT);
    if (perpetrator) sqlite3_bind_int64(st, 8, perpetrator);
    sqlite3_bind_blob(st, 9, w, (int)(nw * sizeof *w), SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 10, main);
    buf victims;
    buf_init(&victims);
    for (uint32_t i = 0; i < e->victims.n; i++) buf_printf(&victims, "%s%s", i ? "\n" : "", e->victims.v[i]);
    if (victims.n) sqlite3_bind_text(st, 11, victims.p, (int)victims.n, SQLITE_TRANSIENT);
    buf_free(&victims);
    if (!bounded && era->n) sqlite3_bind_text(st, 12, era->p, (int)era->n, SQLITE_STATIC);

    int rc = link_step_done(l, st, err, errlen);
    free(w);
    if (rc != 0) return -1;
    long long node = sqlite3_last_insert_rowid(l->db);
    if (!(st = link_stmt(l, self, err, errlen))) return -1;
    sqlite3_bind_int64(st, 1, node);
    return link_step_done(l, st, err, errlen) == 0 ? node : -1;
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

int link_events_add(linker *l, long long art, const article *a, const long long *nodes, char *err, size_t errlen)
{
    if (!a->events.n) return 0;
    int64_t main = main_event(a);
    buf era;   /* read once per article, for its events without a window */
    buf_init(&era);
    long lo, hi;
    if (!window(NULL, a->published, &lo, &hi)) article_era(a, &era);
    int rc = 0;
    for (uint32_t i = 0; i < a->events.n && rc == 0; i++) {
        const event *e = &a->events.v[i];
        if (!e->type) continue;
        long long node =
            insert_event(l, art, i, a, e, (int64_t)i == main, perpetrator_node(a, e, nodes), &era, err, errlen);
        if (node < 0 || insert_figures(l, art, a, i, node, err, errlen) != 0) rc = -1;
    }
    buf_free(&era);
    l->events_dirty = true;
    return rc;
}

int link_events_redo(linker *l, char *err, size_t errlen)
{
    (void)err, (void)errlen;
    l->events_dirty = true;   /* a removed article's nodes are gone; settling regroups the rest */
    return 0;
}

/* --- settling: which nodes are one event ----------------------------------------------- */

typedef struct ev_node {
    long long node, event;
    char *doc;                 /* article id: orders nodes whatever their row numbers */
    long long article;
    int n;                     /* the event's number in its article */
    char *type, *place, *paths;
    bool bounded;
    long lo, hi;
    claim_word *w;
    size_t nw;
    bool main;                 /* what its article reports, not recalls */
    int *era;                  /* unbounded: the years its article names, ascending */
    size_t nera;
} ev_node;

static int node_order(const void *x, const void *y)
{
    const ev_node *a = x, *b = y;
    int c = strcmp(a->doc, b->doc);
    return c ? c : (a->n > b->n) - (a->n < b->n);
}

static void free_nodes(ev_node *v, size_t n)
{
    for (size_t i = 0; i < n; i++) free(v[i].doc), free(v[i].type), free(v[i].place), free(v[i].w), free(v[i].era);
    free(v);
}

/* The years of an `era` column ("2004 2005"), malloc'd, count in *n; NULL when none. */
static int *parse_era(const char *s, size_t *n)
{
    *n = 0;
    if (!s || !*s) return NULL;
    size_t cap = 1;
    for (const char *p = s; *p; p++) cap += *p == ' ';
    int *v = malloc(cap * sizeof *v);
    if (!v) abort();
    for (char *end; *s && *n < cap; s = end) {
        long y = strtol(s, &end, 10);
        if (end == s) break;
        v[(*n)++] = (int)y;
    }
    return v;
}

static ev_node *load_nodes(linker *l, size_t *count, char *err, size_t errlen)
{
    static const char sql[] = "SELECT e.node, e.event, a.id, e.article, e.n, e.type, e.place, e.lo, e.hi, e.words,"
                              " e.main, e.era FROM link_events e JOIN articles a ON a.rowid = e.article";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return NULL;
    size_t n = 0, cap = 64;
    ev_node *v = malloc(cap * sizeof *v);
    if (!v) abort();
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap *= 2;
            v = realloc(v, cap * sizeof *v);
            if (!v) abort();
        }
        ev_node *e = &v[n++];
        memset(e, 0, sizeof *e);
        e->node = sqlite3_column_int64(st, 0);
        e->event = sqlite3_column_int64(st, 1);
        e->doc = link_col_dup(st, 2);
        e->article = sqlite3_column_int64(st, 3);
        e->n = sqlite3_column_int(st, 4);
        e->type = link_col_dup(st, 5);
        e->place = link_col_dup(st, 6);
        e->paths = (char *)place_paths(l->res, e->place);
        int y, m, d;
        const char *lo = (const char *)sqlite3_column_text(st, 7), *hi = (const char *)sqlite3_column_text(st, 8);
        e->bounded = parse_date(hi, &y, &m, &d) == 3;
        if (e->bounded) e->hi = days_of(y, m, d);
        e->lo = parse_date(lo, &y, &m, &d) == 3 ? days_of(y, m, d) : LONG_MIN;
        size_t bytes = (size_t)sqlite3_column_bytes(st, 9);
        e->nw = bytes / sizeof *e->w;
        e->w = malloc(bytes + 1);
        if (!e->w) abort();
        if (bytes) memcpy(e->w, sqlite3_column_blob(st, 9), e->nw * sizeof *e->w);
        e->main = sqlite3_column_int(st, 10) != 0;
        e->era = parse_era((const char *)sqlite3_column_text(st, 11), &e->nera);
        if (!e->doc) e->doc = strdup("");
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free_nodes(v, n);
        link_sql_error(l, err, errlen);
        return NULL;
    }
    if (n > 1) qsort(v, n, sizeof *v, node_order);
    *count = n;
    return v;
}

/* The one country all of a place's gazetteer paths lie in ("PK" for
 * "PK.KP.peshawar"), into out; false when they lie in several (Georgia,
 * Northern Province) and the name alone cannot place the event. */
static bool one_country(const char *paths, char out[8])
{
    size_t n = strcspn(paths, ".,");
    if (n >= 8) return false;
    memcpy(out, paths, n);
    out[n] = '\0';
    for (const char *p = paths; *p; p += strcspn(p, ","), p += *p == ',')
        if (strncmp(p, out, n) != 0 || (p[n] != '.' && p[n] != ',' && p[n] != '\0')) return false;
    return true;
}

/* How the places of two nodes bear on their being one event: 0 they lie in
 * two different countries (never one event); 1 nothing against it; or less
 * than 1 when both lie in one country but neither inside the other (the
 * place an article names may be where a victim lived, not where it
 * happened: evidence against, not proof). */
static double places_factor(const link_res *r, const ev_node *a, const ev_node *b)
{
    char ca[8], cb[8];
    if (!a->paths || !b->paths || !one_country(a->paths, ca) || !one_country(b->paths, cb)) return 1;
    if (strcmp(ca, cb) != 0) return 0;
    return places_nest(r, a->place, b->place) ? 1 : PLACE_MISMATCH;
}

/* How the time windows of two nodes bear on their being one event: 1 when
 * they meet, less the further apart they lie — dates read from text may be
 * a trial's or a funeral's, so they weigh but never rule out. */
/* Whether an unbounded node's era (the years its undated article names)
 * comes within a year of the days [lo, hi]; true when it names no year. */
static bool era_meets(const ev_node *a, long lo, long hi)
{
    if (!a->nera) return true;
    for (size_t i = 0; i < a->nera; i++)
        if (days_of(a->era[i] - 1, 1, 1) <= hi && (lo == LONG_MIN || days_of(a->era[i] + 1, 12, 31) >= lo))
            return true;
    return false;
}

/* Whether the eras of two unbounded nodes come within a year of each other. */
static bool eras_meet(const ev_node *a, const ev_node *b)
{
    if (!a->nera || !b->nera) return true;
    for (size_t i = 0, j = 0; i < a->nera && j < b->nera;) {
        if (abs(a->era[i] - b->era[j]) <= 1) return true;
        if (a->era[i] < b->era[j]) i++;
        else j++;
    }
    return false;
}

static double time_factor(const ev_node *a, const ev_node *b)
{
    /* An article without dates is placed in time, loosely, by the years it
     * names: an event of another era weighs as one years apart. */
    if (!a->bounded && !b->bounded) return eras_meet(a, b) ? 1 : TIME_YEARS;
    if (!a->bounded) return era_meets(a, b->lo, b->hi) ? 1 : TIME_YEARS;
    if (!b->bounded) return era_meets(b, a->lo, a->hi) ? 1 : TIME_YEARS;
    long gap = a->hi < b->lo ? b->lo - a->hi : b->hi < a->lo ? a->lo - b->hi : 0;
    return gap == 0 ? 1 : gap <= 7 ? TIME_NEAR : gap <= 366 ? TIME_MONTHS : TIME_YEARS;
}

/* How the types of two fitting nodes bear on their being one event: a
 * shooting told as a bombing elsewhere is evidence against (though one
 * attack may be both: gunmen with suicide vests); a general type (attack,
 * killing, death) says nothing against a precise one. */
static double type_factor(const ev_node *a, const ev_node *b)
{
    static const char *const general[] = {"attack", "killing", "death"};
    if (!a->type || !b->type || !strcmp(a->type, b->type)) return 1;
    for (size_t i = 0; i < sizeof general / sizeof *general; i++)
        if (!strcmp(a->type, general[i]) || !strcmp(b->type, general[i])) return 1;
    return TYPE_MISMATCH;
}

/* Whether nothing the two nodes say rules out one event. */
static bool compatible(const link_res *r, const ev_node *a, const ev_node *b)
{
    if (a->article == b->article) return false;
    if (!events_types_fit(a->type, b->type)) return false;
    return places_factor(r, a, b) > 0;
}

/* How alike two compatible nodes are: the weighted overlap of their words,
 * weighed by what their places and times say. */
static double node_similarity(const link_res *r, const ev_node *a, const ev_node *b)
{
    double sim = claim_similarity(a->w, a->nw, b->w, b->nw, NULL, NULL);
    return sim * places_factor(r, a, b) * time_factor(a, b) * type_factor(a, b);
}

/* --- pairs that may be one event ---------------------------------------------------- */

typedef struct pair {
    uint32_t a, b;       /* node indexes, a < b */
    float sim;
} pair;

typedef struct posting {
    uint32_t hash;
    uint32_t node;
} posting;

static int by_posting(const void *x, const void *y)
{
    const posting *a = x, *b = y;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return (a->node > b->node) - (a->node < b->node);
}

static int by_pair(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    if (a->a != b->a) return a->a < b->a ? -1 : 1;
    return (a->b > b->b) - (a->b < b->b);
}

static int by_similarity(const void *x, const void *y)
{
    const pair *a = x, *b = y;
    if (a->sim != b->sim) return a->sim > b->sim ? -1 : 1;
    return by_pair(x, y);
}

/* The pairs of compatible nodes that share an informative word and are
 * alike at all, sorted by (a, b). */
static pair *candidate_pairs(const link_res *r, const ev_node *v, size_t n, size_t *count)
{
    size_t np = 0, capp = 64;
    posting *p = malloc(capp * sizeof *p);
    if (!p) abort();
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < v[i].nw; k++) {
            if (v[i].w[k].weight < MIN_INDEX_WEIGHT) continue;
            if (np == capp) {
                capp *= 2;
                p = realloc(p, capp * sizeof *p);
                if (!p) abort();
            }
            p[np++] = (posting){v[i].w[k].hash, (uint32_t)i};
        }
    if (np > 1) qsort(p, np, sizeof *p, by_posting);
    size_t nq = 0, capq = 64;
    pair *q = malloc(capq * sizeof *q);
    if (!q) abort();
    for (size_t i = 0; i < np;) {
        size_t j = i;
        while (j < np && p[j].hash == p[i].hash) j++;
        if (j - i <= MAX_POSTING)
            for (size_t x = i; x < j; x++)
                for (size_t y = x + 1; y < j; y++) {
                    if (nq == capq) {
                        capq *= 2;
                        q = realloc(q, capq * sizeof *q);
                        if (!q) abort();
                    }
                    q[nq++] = (pair){p[x].node, p[y].node, 0};
                }
        i = j;
    }
    free(p);
    if (nq > 1) qsort(q, nq, sizeof *q, by_pair);
    size_t kept = 0;
    for (size_t i = 0; i < nq; i++) {
        if (kept && q[kept - 1].a == q[i].a && q[kept - 1].b == q[i].b) continue;
        const ev_node *a = &v[q[i].a], *b = &v[q[i].b];
        if (!compatible(r, a, b)) continue;
        float sim = (float)node_similarity(r, a, b);
        if (sim <= 0) continue;
        q[kept] = q[i];
        q[kept++].sim = sim;
    }
    *count = kept;
    return q;
}

/* The similarity of a pair, from the sorted pairs; 0 when they never met. */
static float pair_sim(const pair *q, size_t nq, uint32_t a, uint32_t b)
{
    pair key = {a < b ? a : b, a < b ? b : a, 0};
    const pair *hit = bsearch(&key, q, nq, sizeof *q, by_pair);
    return hit ? hit->sim : 0;
}

/* --- grouping -------------------------------------------------------------------- */

typedef struct groups {
    uint32_t *head;      /* per node: its group's first node */
    uint32_t *next;      /* per node: the next node of its group, or UINT32_MAX */
    uint32_t *size;      /* per group head */
} groups;

/* Whether groups ga and gb (heads) may join: every pair compatible and
 * alike on average. */
static bool may_join(const link_res *r, const ev_node *v, const groups *g, const pair *q, size_t nq, uint32_t ga,
                     uint32_t gb)
{
    double sum = 0;
    for (uint32_t x = ga; x != UINT32_MAX; x = g->next[x])
        for (uint32_t y = gb; y != UINT32_MAX; y = g->next[y]) {
            if (!compatible(r, &v[x], &v[y])) return false;
            sum += pair_sim(q, nq, x, y);
        }
    return sum >= MERGE_SIMILARITY * (double)g->size[ga] * (double)g->size[gb];
}

static void join(groups *g, uint32_t ga, uint32_t gb)
{
    uint32_t keep = ga < gb ? ga : gb, gone = ga < gb ? gb : ga;
    uint32_t last = keep;
    while (g->next[last] != UINT32_MAX) last = g->next[last];
    g->next[last] = gone;
    for (uint32_t x = gone; x != UINT32_MAX; x = g->next[x]) g->head[x] = keep;
    g->size[keep] += g->size[gone];
}

static int write_events(linker *l, ev_node *v, size_t n, const groups *g, char *err, size_t errlen)
{
    static const char sql[] = "UPDATE link_events SET event = ?1 WHERE node = ?2";
    /* a group's id: its smallest row number */
    long long *id = malloc((n + 1) * sizeof *id);
    if (!id) abort();
    for (size_t i = 0; i < n; i++) id[i] = LLONG_MAX;
    for (size_t i = 0; i < n; i++)
        if (v[i].node < id[g->head[i]]) id[g->head[i]] = v[i].node;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        long long ev = id[g->head[i]];
        if (ev == v[i].event) continue;
        sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
        if (!st) rc = -1;
        else {
            sqlite3_bind_int64(st, 1, ev);
            sqlite3_bind_int64(st, 2, v[i].node);
            rc = link_step_done(l, st, err, errlen);
        }
    }
    free(id);
    return rc;
}

/* A word of a family's events, and how many of them say it. */
typedef struct kind_word {
    const char *family;
    uint32_t hash;
    uint32_t nodes;
} kind_word;

static int by_kind_word(const void *x, const void *y)
{
    const kind_word *a = x, *b = y;
    int c = strcmp(a->family, b->family);
    if (c) return c;
    return (a->hash > b->hash) - (a->hash < b->hash);
}

/* How many nodes are of family fam (families are few: a short table). */
typedef struct family_count {
    const char *family;
    size_t nodes;
} family_count;

static size_t family_nodes(const family_count *f, size_t nf, const char *fam)
{
    for (size_t i = 0; i < nf; i++)
        if (!strcmp(f[i].family, fam)) return f[i].nodes;
    return 0;
}

/* Lowers the weight of the words most events of their family say. Each
 * (family, word) is counted once over all nodes (a sort), then looked up. */
static void weigh_kind_words(ev_node *v, size_t n)
{
    family_count fams[32];
    size_t nf = 0;
    for (size_t i = 0; i < n; i++) {
        const char *fam = events_family(v[i].type);
        size_t k = 0;
        while (k < nf && strcmp(fams[k].family, fam)) k++;
        if (k == nf && nf < sizeof fams / sizeof *fams) fams[nf++] = (family_count){fam, 0};
        if (k < nf) fams[k].nodes++;
    }
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += v[i].nw;
    kind_word *kw = malloc((total + 1) * sizeof *kw);
    if (!kw) abort();
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < v[i].nw; j++) kw[k++] = (kind_word){events_family(v[i].type), v[i].w[j].hash, 1};
    qsort(kw, k, sizeof *kw, by_kind_word);
    size_t u = 0;   /* one entry per (family, word), with its count */
    for (size_t i = 0; i < k; i++) {
        if (u && !by_kind_word(&kw[u - 1], &kw[i])) kw[u - 1].nodes++;
        else kw[u++] = kw[i];
    }
    for (size_t i = 0; i < n; i++) {
        const char *fam = events_family(v[i].type);
        size_t nodes = family_nodes(fams, nf, fam);
        if (nodes < KIND_MIN_NODES) continue;
        for (size_t j = 0; j < v[i].nw; j++) {
            kind_word key = {fam, v[i].w[j].hash, 0};
            const kind_word *hit = bsearch(&key, kw, u, sizeof *kw, by_kind_word);
            if (hit && (double)hit->nodes > KIND_WORD_SHARE * (double)nodes) v[i].w[j].weight *= KIND_WORD_WEIGHT;
        }
    }
    free(kw);
}

/* Joins groups best pair first (order), average linkage: the events that
 * articles report (reported: both nodes main), or those that only recall
 * and joined no reported event (both not main and still alone or among
 * their own). */
static void group_pairs(const link_res *r, const ev_node *v, groups *g, const pair *q, size_t nq,
                        const pair *order, bool reported)
{
    for (size_t i = 0; i < nq; i++) {
        const pair *p = &order[i];
        if (p->sim < MERGE_SIMILARITY) break;
        if (v[p->a].main != reported || v[p->b].main != reported) continue;
        uint32_t ga = g->head[p->a], gb = g->head[p->b];
        if (!reported && (v[ga].main || v[gb].main)) continue;   /* attached to a reported event */
        if (ga != gb && may_join(r, v, g, q, nq, ga, gb)) join(g, ga, gb);
    }
}

/* An event an article recalls in passing joins the reported event (as the
 * reported ones were grouped) it is most alike on average, if alike
 * enough. Each is judged against the same groups, so the result does not
 * depend on which is judged first. */
static void attach_recalled(const link_res *r, const ev_node *v, size_t n, groups *g, const pair *q, size_t nq)
{
    uint32_t *to = malloc((n + 1) * sizeof *to);
    /* each node's partners, listed once (start[x] .. start[x + 1] in met) */
    size_t *start = calloc(n + 2, sizeof *start);
    uint32_t *met = malloc((2 * nq + 1) * sizeof *met);
    if (!to || !start || !met) abort();
    for (size_t i = 0; i < nq; i++) start[q[i].a + 2]++, start[q[i].b + 2]++;
    for (size_t x = 2; x < n + 2; x++) start[x] += start[x - 1];
    for (size_t i = 0; i < nq; i++) met[start[q[i].a + 1]++] = q[i].b, met[start[q[i].b + 1]++] = q[i].a;
    for (size_t x = 0; x < n; x++) {
        to[x] = UINT32_MAX;
        if (v[x].main) continue;
        double best = MERGE_SIMILARITY;
        /* the groups it met: those of its pairs' main nodes */
        for (size_t i = start[x]; i < start[x + 1]; i++) {
            uint32_t y = met[i];
            if (!v[y].main) continue;
            uint32_t head = g->head[y];
            double sum = 0;
            bool ok = true;
            for (uint32_t z = head; z != UINT32_MAX && ok; z = g->next[z]) {
                ok = compatible(r, &v[x], &v[z]);
                sum += pair_sim(q, nq, (uint32_t)x, z);
            }
            double avg = sum / g->size[head];
            if (ok && (avg > best || (avg == best && to[x] != UINT32_MAX && head < to[x]))) {
                best = avg;
                to[x] = head;
            }
        }
    }
    for (size_t x = 0; x < n; x++)
        if (to[x] != UINT32_MAX) join(g, g->head[to[x]], g->head[x]);
    free(to);
    free(start);
    free(met);
}

int link_events_settle(linker *l, char *err, size_t errlen)
{
    if (!l->events_dirty) return 0;
    size_t n = 0;
    ev_node *v = load_nodes(l, &n, err, errlen);
    if (!v) return -1;
    weigh_kind_words(v, n);
    size_t nq = 0;
    pair *q = candidate_pairs(l->res, v, n, &nq);
    groups g = {malloc((n + 1) * sizeof *g.head), malloc((n + 1) * sizeof *g.next), malloc((n + 1) * sizeof *g.size)};
    if (!g.head || !g.next || !g.size) abort();
    for (size_t i = 0; i < n; i++) {
        g.head[i] = (uint32_t)i;
        g.next[i] = UINT32_MAX;
        g.size[i] = 1;
    }
    pair *order = malloc((nq + 1) * sizeof *order);
    if (!order) abort();
    memcpy(order, q, nq * sizeof *q);
    if (nq > 1) qsort(order, nq, sizeof *order, by_similarity);
    group_pairs(l->res, v, &g, q, nq, order, true);
    attach_recalled(l->res, v, n, &g, q, nq);
    group_pairs(l->res, v, &g, q, nq, order, false);
    int rc = write_events(l, v, n, &g, err, errlen);
    free(order);
    free(q);
    free(g.head), free(g.next), free(g.size);
    free_nodes(v, n);
    if (rc == 0) l->events_dirty = false;
    return rc;
}
