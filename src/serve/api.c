/* api.c — the JSON API (docs/api.md): each endpoint reads the corpus through
 * corpus.h and writes one JSON object whose field names are those of the
 * command line's --json output. Parameters are checked before the store is
 * touched: a bad one is a 400 naming it, an unknown one too (a typo must
 * not silently widen a query). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/json.h"
#include "core/utf8.h"
#include "serve/internal.h"

enum {
    SEARCH_LIMIT = 10, SEARCH_MAX = 100,    /* articles per page of search results */
    NAMED_MAX = 50,                         /* entities most named in a page of results */
    LIST_LIMIT = 100, LIST_MAX = 1000,      /* entities, quotes, claims, conflicts */
    OFFSET_MAX = 1000000,
    TEXT_MAX = 1000,                        /* bytes of a search text, name or word list */
};

void api_error(reply *r, int status, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    buf tmp;
    buf_init(&tmp);
    utf8_repair(msg, strlen(msg), &tmp);   /* the message may quote a cut parameter */
    r->status = status;
    r->type = "application/json";
    r->body.n = 0;
    buf_puts(&r->body, "{\"error\":");
    json_cstr(&r->body, buf_cstr(&tmp));
    buf_printf(&r->body, ",\"status\":%d}", status);
    buf_free(&tmp);
}

/* --- parameters ------------------------------------------------------------------ */

typedef struct params {
    const api_param *v;
    size_t n;
    reply *r;
    bool bad;            /* a 400 was set */
} params;

/* Every parameter must be one the endpoint knows (allowed: "q,since,..."). */
static bool known_params(params *p, const char *allowed)
{
    for (size_t i = 0; i < p->n; i++) {
        size_t k = strlen(p->v[i].key);
        const char *a = allowed;
        bool found = false;
        while (*a && !found) {
            size_t n = strcspn(a, ",");
            found = n == k && !strncmp(a, p->v[i].key, n);
            a += n + (a[n] == ',');
        }
        if (!found) {
            api_error(p->r, 400, "unknown parameter '%.64s' (this endpoint takes: %s)", p->v[i].key, allowed);
            return !(p->bad = true);
        }
    }
    return true;
}

/* A text parameter, or NULL when absent. Empty counts as absent. */
static const char *text_param(params *p, const char *name)
{
    for (size_t i = 0; i < p->n && !p->bad; i++) {
        if (strcmp(p->v[i].key, name) != 0) continue;
        const char *v = p->v[i].value ? p->v[i].value : "";
        size_t n = strlen(v);
        if (n > TEXT_MAX) {
            api_error(p->r, 400, "%s is too long (%zu bytes; at most %d)", name, n, TEXT_MAX);
            p->bad = true;
        } else if (utf8_valid_prefix(v, n) != n) {
            api_error(p->r, 400, "%s is not valid UTF-8", name);
            p->bad = true;
        }
        return p->bad || !*v ? NULL : v;
    }
    return NULL;
}

static int count_param(params *p, const char *name, int dflt, int min, int max)
{
    const char *v = text_param(p, name);
    if (!v) return dflt;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < min || n > max || v[0] == '-' || v[0] == '+' || v[0] == ' ') {
        api_error(p->r, 400, "%s must be a whole number from %d to %d, not '%.32s'", name, min, max, v);
        p->bad = true;
        return dflt;
    }
    return (int)n;
}

/* A date parameter, normalised to YYYY[-MM[-DD]] in out (>= 16 bytes). */
static const char *date_param(params *p, const char *name, char *out, size_t cap)
{
    const char *v = text_param(p, name);
    if (!v) return NULL;
    if (date_filter(v, out, cap) != 0) {
        api_error(p->r, 400, "%s must be a date (YYYY, YYYY-MM or YYYY-MM-DD), not '%.32s'", name, v);
        p->bad = true;
        return NULL;
    }
    return out;
}

/* The entity a name parameter or path means; 0 after setting a 404 or 500. */
static long long entity_of(corpus *c, reply *r, const char *name)
{
    char err[256];
    long long id = corpus_find_entity(c, name, err, sizeof err);
    if (id < 0) api_error(r, 500, "the store could not be read: %s", err);
    else if (id == 0) api_error(r, 404, "no entity named '%.200s'", name);
    return id > 0 ? id : 0;
}

/* --- writing ------------------------------------------------------------------------ */

static void key_str(buf *b, const char *key, const char *v)
{
    json_key(b, key);
    json_cstr(b, v);
}

static void key_num(buf *b, const char *key, double v)
{
    json_key(b, key);
    json_num(b, v);
}

/* "evidence": the sentence span, as the extract format names spans. */
static void key_span(buf *b, uint32_t start, uint32_t end)
{
    json_key(b, "evidence");
    if (end > start) buf_printf(b, "[%u,%u]", start, end);
    else buf_puts(b, "null");
}

/* "sentence": the text of [start, end) of the article, on one line. */
static void key_sentence(corpus *c, buf *b, long long art, uint32_t start, uint32_t end)
{
    buf s;
    buf_init(&s);
    char err[128];
    if (end > start) corpus_text(c, art, start, end, &s, err, sizeof err);
    for (size_t i = 0; i < s.n; i++)
        if (s.p[i] == '\n') s.p[i] = ' ';
    json_key(b, "sentence");
    json_str(b, s.p ? s.p : "", s.n);
    buf_free(&s);
}

static void store_error(reply *r, const char *err) { api_error(r, 500, "the store could not be read: %s", err); }

/* A list of JSON objects kept apart, to be sorted or paged before writing. */
typedef struct item {
    char *json, *key;    /* key: what the list is sorted by */
    long num;
    size_t seq;
} item;

typedef struct items {
    item *v;
    size_t n, cap;
} items;

static void items_add(items *l, buf *json, const char *key, long num)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        if (!(l->v = realloc(l->v, l->cap * sizeof *l->v))) abort();
    }
    item it = {strdup(buf_cstr(json)), strdup(key ? key : ""), num, l->n};
    if (!it.json || !it.key) abort();
    l->v[l->n++] = it;
}

static void items_write(items *l, buf *b, size_t offset, size_t limit)
{
    buf_putc(b, '[');
    for (size_t i = offset, k = 0; i < l->n && k < limit; i++, k++) {
        if (k) buf_putc(b, ',');
        buf_puts(b, l->v[i].json);
    }
    buf_putc(b, ']');
}

static void items_free(items *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].json);
        free(l->v[i].key);
    }
    free(l->v);
}

/* --- /api/search ------------------------------------------------------------------ */

typedef struct search_page {
    buf *b;
    long long rows[SEARCH_MAX];   /* the hits' articles, for named= */
    size_t n;
} search_page;

static int search_hit(const query_hit *h, void *ctx)
{
    search_page *pg = ctx;
    buf *b = pg->b;
    if (pg->n < SEARCH_MAX) pg->rows[pg->n++] = h->row;
    if (b->p[b->n - 1] != '[') buf_putc(b, ',');
    query_hit_json(h, b);
    return 0;
}

static int named_json(const named_entity *e, void *ctx)
{
    buf *b = ctx;
    if (b->p[b->n - 1] != '[') buf_putc(b, ',');
    buf_putc(b, '{');
    key_str(b, "entity", e->name);
    buf_putc(b, ',');
    key_str(b, "type", link_type_name(e->type));
    buf_printf(b, ",\"mentions\":%lld,\"articles\":%d}", e->mentions, e->articles);
    return 0;
}

static void api_search(corpus *c, params *p)
{
    char since[16], until[16];
    if (!known_params(p, "q,since,until,outlet,limit,offset,marks,named")) return;
    query_filter f = {0};
    const char *q = text_param(p, "q");
    f.since = date_param(p, "since", since, sizeof since);
    f.until = date_param(p, "until", until, sizeof until);
    f.outlet = text_param(p, "outlet");
    f.limit = count_param(p, "limit", SEARCH_LIMIT, 1, SEARCH_MAX);
    f.offset = count_param(p, "offset", 0, 0, OFFSET_MAX);
    int named = count_param(p, "named", 0, 0, NAMED_MAX);
    const char *marks = text_param(p, "marks");
    if (p->bad) return;
    if (!q) return api_error(p->r, 400, "q (the words to search for) is required");
    if (marks && strcmp(marks, "brackets") && strcmp(marks, "controls"))
        return api_error(p->r, 400, "marks must be brackets or controls, not '%.32s'", marks);
    bool ctl = marks && !strcmp(marks, "controls");
    f.mark_open = ctl ? "\x02" : "[";
    f.mark_close = ctl ? "\x03" : "]";
    buf *b = &p->r->body;
    buf_putc(b, '{');
    key_str(b, "q", q);
    buf_printf(b, ",\"limit\":%d,\"offset\":%d,\"hits\":[", f.limit, f.offset);
    char err[512];
    search_page pg = {.b = b};
    int n = corpus_search(c, q, &f, search_hit, &pg, err, sizeof err);
    if (n == CORPUS_BAD_QUERY) return api_error(p->r, 400, "cannot search for '%.200s': %s", q, err);
    if (n < 0) return store_error(p->r, err);
    buf_printf(b, "],\"count\":%d", n);
    if (named) {
        buf_puts(b, ",\"named\":[");
        if (corpus_named_in(c, pg.rows, pg.n, 1u << ENT_PERSON | 1u << ENT_ORG, (size_t)named, named_json, b, err,
                            sizeof err) < 0)
            return store_error(p->r, err);
        buf_putc(b, ']');
    }
    buf_putc(b, '}');
}

/* --- /api/articles/ID --------------------------------------------------------------- */

static int article_json(const query_article_row *row, void *ctx)
{
    buf_put(ctx, row->json, row->json_len);
    return 0;
}

static void api_article(corpus *c, params *p, const char *id)
{
    if (!known_params(p, "")) return;
    if (!*id || strlen(id) > TEXT_MAX || utf8_valid_prefix(id, strlen(id)) != strlen(id))
        return api_error(p->r, 404, "no article with that id");
    char err[512];
    int rc = corpus_article(c, id, article_json, &p->r->body, err, sizeof err);
    if (rc == CORPUS_NOT_FOUND) return api_error(p->r, 404, "no article with id '%.200s'", id);
    if (rc < 0) store_error(p->r, err);
}

/* --- /api/entities, /api/entities/NAME ------------------------------------------------ */

static int parse_type(const char *t)
{
    for (int i = 1; i < ENT__COUNT; i++)
        if (!strcasecmp(t, link_type_name(i))) return i;
    return -1;
}

typedef struct entity_list {
    items l;
    int type;
} entity_list;

static int entity_collect(const cluster_info *ci, void *ctx)
{
    entity_list *e = ctx;
    if (e->type && ci->type != e->type) return 0;
    buf b;
    buf_init(&b);
    link_cluster_json(ci, &b);
    items_add(&e->l, &b, ci->name, ci->articles);
    buf_free(&b);
    return 0;
}

/* Most reported first, then by name: as `dossier entities`. */
static int by_articles(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (a->num != b->num) return a->num > b->num ? -1 : 1;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static void api_entities(corpus *c, params *p)
{
    if (!known_params(p, "type,limit,offset")) return;
    entity_list e = {0};
    const char *type = text_param(p, "type");
    int limit = count_param(p, "limit", LIST_LIMIT, 1, LIST_MAX);
    int offset = count_param(p, "offset", 0, 0, OFFSET_MAX);
    if (p->bad) return;
    if (type && (e.type = parse_type(type)) < 0)
        return api_error(p->r, 400, "type must be PERSON, ORG, GPE, LOC or NORP, not '%.32s'", type);
    char err[512];
    int rc = corpus_entities(c, 0, entity_collect, &e, err, sizeof err);
    if (rc < 0) {
        items_free(&e.l);
        return store_error(p->r, err);
    }
    if (e.l.n > 1) qsort(e.l.v, e.l.n, sizeof *e.l.v, by_articles);
    buf *b = &p->r->body;
    buf_printf(b, "{\"total\":%zu,\"limit\":%d,\"offset\":%d,\"entities\":", e.l.n, limit, offset);
    items_write(&e.l, b, (size_t)offset, (size_t)limit);
    buf_putc(b, '}');
    items_free(&e.l);
}

static int entity_head(const cluster_info *ci, void *ctx)
{
    buf *b = ctx;
    cluster_info bare = *ci;   /* "docs" here are objects, listed after; not also the ids */
    bare.docs = NULL;
    bare.ndocs = 0;
    link_cluster_json(&bare, b);
    b->n--;   /* reopened: docs and quotes follow */
    return 0;
}

static int entity_doc(const entity_article *a, void *ctx)
{
    buf *b = ctx;
    if (b->p[b->n - 1] != '[') buf_putc(b, ',');
    buf_putc(b, '{');
    key_str(b, "doc", a->doc);
    buf_putc(b, ',');
    key_str(b, "published", a->published);
    buf_putc(b, ',');
    key_str(b, "outlet", a->outlet);
    buf_putc(b, ',');
    key_str(b, "title", a->title);
    buf_putc(b, ',');
    key_num(b, "mentions", (double)a->mentions);
    buf_putc(b, '}');
    return 0;
}

/* Quotes as `dossier quotes --json` prints them, with their sentence's span. */
static void quote_json(corpus *c, const quote_row *q, buf *b)
{
    buf_putc(b, '{');
    key_str(b, "speaker", q->speaker);
    buf_putc(b, ',');
    key_str(b, "doc", q->doc);
    buf_putc(b, ',');
    key_str(b, "outlet", q->outlet);
    buf_putc(b, ',');
    key_str(b, "published", q->published);
    buf_putc(b, ',');
    key_str(b, "kind", q->kind);
    buf_putc(b, ',');
    key_str(b, "text", q->text);
    buf_putc(b, ',');
    key_sentence(c, b, q->article, q->sent_start, q->sent_end);
    buf_putc(b, ',');
    key_span(b, q->sent_start, q->sent_end);
    buf_putc(b, '}');
}

typedef struct quote_pick {
    corpus *c;
    const char *until, *outlet;
    items l;
    size_t skip, limit;      /* paging; limit 0: all */
} quote_pick;

static bool within_until(const char *published, const char *until)
{
    return published && strncmp(published, until, strlen(until)) <= 0;
}

static int quote_collect(const quote_row *q, void *ctx)
{
    quote_pick *k = ctx;
    if (k->until && !within_until(q->published, k->until)) return 0;
    if (k->outlet && (!q->outlet || strcasecmp(q->outlet, k->outlet) != 0)) return 0;
    if (k->skip) {
        k->skip--;
        return 0;
    }
    buf b;
    buf_init(&b);
    quote_json(k->c, q, &b);
    items_add(&k->l, &b, q->published, 0);
    buf_free(&b);
    return k->limit && k->l.n >= k->limit;
}

/* Oldest first, undated last; text order within an article stays. */
static int by_date(const void *x, const void *y)
{
    const item *a = x, *b = y;
    if (!*a->key != !*b->key) return *a->key ? -1 : 1;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->seq > b->seq) - (a->seq < b->seq);   /* text order within an article */
}

static void api_entity(corpus *c, params *p, const char *name)
{
    if (!known_params(p, "")) return;
    if (strlen(name) > TEXT_MAX || utf8_valid_prefix(name, strlen(name)) != strlen(name))
        return api_error(p->r, 404, "no entity with that name");
    long long id = entity_of(c, p->r, name);
    if (!id) return;
    buf *b = &p->r->body;
    char err[512];
    int rc = corpus_entities(c, id, entity_head, b, err, sizeof err);
    if (rc >= 0) {
        buf_printf(b, ",\"id\":%lld,\"docs\":[", id);
        rc = corpus_entity_articles(c, id, entity_doc, b, err, sizeof err);
    }
    quote_pick k = {.c = c};
    quote_filter f = {.by_cluster = id};
    if (rc >= 0) rc = corpus_quotes(c, &f, quote_collect, &k, err, sizeof err);
    if (rc < 0) {
        items_free(&k.l);
        return store_error(p->r, err);
    }
    if (k.l.n > 1) qsort(k.l.v, k.l.n, sizeof *k.l.v, by_date);
    buf_puts(b, "],\"quotes\":");
    items_write(&k.l, b, 0, k.l.n);
    buf_putc(b, '}');
    items_free(&k.l);
}

/* --- /api/quotes ---------------------------------------------------------------------- */

static void api_quotes(corpus *c, params *p)
{
    char since[16], until[16];
    if (!known_params(p, "by,about,since,until,outlet,limit,offset")) return;
    const char *by = text_param(p, "by");
    quote_filter f = {.about = text_param(p, "about"), .since = date_param(p, "since", since, sizeof since)};
    quote_pick k = {.c = c, .until = date_param(p, "until", until, sizeof until), .outlet = text_param(p, "outlet")};
    k.limit = (size_t)count_param(p, "limit", LIST_LIMIT, 1, LIST_MAX);
    k.skip = (size_t)count_param(p, "offset", 0, 0, OFFSET_MAX);
    if (p->bad) return;
    if (by && !(f.by_cluster = entity_of(c, p->r, by))) return;
    char err[512];
    size_t offset = k.skip;
    int rc = corpus_quotes(c, &f, quote_collect, &k, err, sizeof err);
    if (rc < 0) {
        items_free(&k.l);
        return store_error(p->r, err);
    }
    buf *b = &p->r->body;
    buf_printf(b, "{\"limit\":%zu,\"offset\":%zu,\"quotes\":", k.limit, offset);
    items_write(&k.l, b, 0, k.l.n);
    buf_putc(b, '}');
    items_free(&k.l);
}

/* --- /api/events, /api/events/N, /api/conflicts ----------------------------------------- */

/* What the server adds to each value of the report's event JSON: the
 * sentence it was read from, and its span. */
static void value_extra(buf *b, const void *it, void *ctx)
{
    const event_value *v = it;
    buf_putc(b, ',');
    key_sentence(ctx, b, v->article, v->sent_start, v->sent_end);
    buf_putc(b, ',');
    key_span(b, v->sent_start, v->sent_end);
}

static void values_json(corpus *c, buf *b, const event_measure *m) { link_values_json(m, b, value_extra, c); }

/* An event as the report's JSON (link_event_json), each value with its
 * sentence, and "id": its place in the list (1 = first). */
static void event_json(corpus *c, buf *b, const merged_event *e, long id)
{
    link_event_json(e, b, value_extra, c);
    b->n--;   /* reopened for the id */
    buf_printf(b, ",\"id\":%ld}", id);
}

typedef struct event_walk {
    corpus *c;
    buf *b;
    long seen, only;      /* only: the one event wanted (0: all) */
    long written;
    bool conflicts;       /* write the conflicts, one object per measure */
    long skip, limit;
} event_walk;

static void conflict_json(event_walk *w, const merged_event *e, const event_measure *m)
{
    buf *b = w->b;
    buf_printf(b, "{\"event\":%ld,", w->seen);
    key_str(b, "type", e->type);
    buf_putc(b, ',');
    key_str(b, "place", e->place);
    buf_putc(b, ',');
    key_str(b, "date", e->date);
    buf_putc(b, ',');
    key_str(b, "measure", m->measure);
    buf_puts(b, ",\"values\":");
    values_json(w->c, b, m);
    buf_putc(b, '}');
}

static int event_each(const merged_event *e, void *ctx)
{
    event_walk *w = ctx;
    w->seen++;
    if (w->only) {
        if (w->seen != w->only) return 0;
        event_json(w->c, w->b, e, w->seen);
        w->written++;
        return 1;
    }
    for (size_t i = 0; i < (w->conflicts ? e->nmeasures : 1); i++) {
        if (w->conflicts && !e->measures[i].conflict) continue;
        if (w->skip > 0) {
            w->skip--;
            continue;
        }
        if (w->written >= w->limit) return 1;
        if (w->written++) buf_putc(w->b, ',');
        if (w->conflicts) conflict_json(w, e, &e->measures[i]);
        else event_json(w->c, w->b, e, w->seen);
    }
    return 0;
}

static void api_events(corpus *c, params *p, const char *which, bool conflicts)
{
    if (!known_params(p, "limit,offset")) return;
    event_walk w = {.c = c, .b = &p->r->body, .conflicts = conflicts};
    w.limit = count_param(p, "limit", LIST_LIMIT, 1, LIST_MAX);
    w.skip = count_param(p, "offset", 0, 0, OFFSET_MAX);
    if (p->bad) return;
    if (which) {
        char *end;
        long id = strtol(which, &end, 10);
        if (!*which || *end || id < 1 || which[0] == '+') return api_error(p->r, 404, "no event '%.32s'", which);
        w.only = id;
    }
    long offset = w.skip;
    if (!which) buf_printf(w.b, "{\"limit\":%ld,\"offset\":%ld,\"%s\":[", w.limit, offset, conflicts ? "conflicts" : "events");
    char err[512];
    int rc = corpus_events(c, event_each, &w, err, sizeof err);
    if (rc < 0) return store_error(p->r, err);
    if (which && !w.written) return api_error(p->r, 404, "no event %ld (there are %ld)", w.only, w.seen);
    if (!which) buf_puts(w.b, "]}");
}

/* --- /api/claims ------------------------------------------------------------------------ */

/* What the server adds to each statement of a claim: the whole quote. */
static void statement_extra(buf *b, const void *it, void *ctx)
{
    (void)ctx;
    buf_putc(b, ',');
    key_str(b, "quote", ((const claim_statement *)it)->quote);
}

typedef struct claim_walk {
    buf *b;
    long skip, limit, written;
} claim_walk;

static int claim_each(const claim_info *ci, void *ctx)
{
    claim_walk *w = ctx;
    if (w->skip > 0) {
        w->skip--;
        return 0;
    }
    if (w->written >= w->limit) return 1;
    buf *b = w->b;
    if (w->written++) buf_putc(b, ',');
    link_claim_json(ci, b, statement_extra, NULL);
    return 0;
}

static void api_claims(corpus *c, params *p)
{
    if (!known_params(p, "by,limit,offset")) return;
    const char *by = text_param(p, "by");
    claim_walk w = {.b = &p->r->body};
    w.limit = count_param(p, "limit", LIST_LIMIT, 1, LIST_MAX);
    w.skip = count_param(p, "offset", 0, 0, OFFSET_MAX);
    if (p->bad) return;
    long long id = 0;
    if (by && !(id = entity_of(c, p->r, by))) return;
    buf_printf(w.b, "{\"limit\":%ld,\"offset\":%ld,\"claims\":[", w.limit, w.skip);
    char err[512];
    if (corpus_claims(c, id, claim_each, &w, err, sizeof err) < 0) return store_error(p->r, err);
    buf_puts(w.b, "]}");
}

/* --- /api/timeline/NAME -------------------------------------------------------------------- */

static int timeline_each(const timeline_item *t, void *ctx)
{
    buf *b = ctx;
    if (b->p[b->n - 1] != '[') buf_putc(b, ',');
    buf_putc(b, '{');
    key_str(b, "date", t->date);
    buf_putc(b, ',');
    key_str(b, "what", t->what);
    buf_putc(b, ',');
    key_str(b, "text", t->text);
    buf_putc(b, ',');
    key_str(b, "doc", t->doc);
    buf_putc(b, ',');
    key_span(b, t->sent_start, t->sent_end);
    buf_putc(b, '}');
    return 0;
}

static void api_timeline(corpus *c, params *p, const char *name)
{
    if (!known_params(p, "")) return;
    if (strlen(name) > TEXT_MAX || utf8_valid_prefix(name, strlen(name)) != strlen(name))
        return api_error(p->r, 404, "no entity with that name");
    long long id = entity_of(c, p->r, name);
    if (!id) return;
    char err[512];
    buf canon;
    buf_init(&canon);
    int type = 0;
    if (corpus_entity_name(c, id, &canon, &type, err, sizeof err) != 0) {
        buf_free(&canon);
        return store_error(p->r, err);
    }
    buf *b = &p->r->body;
    buf_putc(b, '{');
    key_str(b, "entity", buf_cstr(&canon));
    buf_putc(b, ',');
    key_str(b, "type", link_type_name(type));
    buf_puts(b, ",\"timeline\":[");
    buf_free(&canon);
    if (corpus_timeline(c, id, timeline_each, b, err, sizeof err) < 0) return store_error(p->r, err);
    buf_puts(b, "]}");
}

/* --- routing ---------------------------------------------------------------------------------- */

/* The rest of path after "prefix/", or NULL when path is not under it. */
static const char *under(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return !strncmp(path, prefix, n) && path[n] == '/' ? path + n + 1 : NULL;
}

void api_reply(corpus *c, const char *path, const api_param *params_, size_t nparams, reply *r)
{
    params p = {params_, nparams, r, false};
    r->status = 200;
    r->type = "application/json";
    r->body.n = 0;
    const char *rest;
    if (!strcmp(path, "search")) api_search(c, &p);
    else if ((rest = under(path, "articles"))) api_article(c, &p, rest);
    else if (!strcmp(path, "entities")) api_entities(c, &p);
    else if ((rest = under(path, "entities"))) api_entity(c, &p, rest);
    else if (!strcmp(path, "quotes")) api_quotes(c, &p);
    else if (!strcmp(path, "events")) api_events(c, &p, NULL, false);
    else if ((rest = under(path, "events"))) api_events(c, &p, rest, false);
    else if (!strcmp(path, "conflicts")) api_events(c, &p, NULL, true);
    else if (!strcmp(path, "claims")) api_claims(c, &p);
    else if ((rest = under(path, "timeline"))) api_timeline(c, &p, rest);
    else api_error(r, 404, "no such endpoint: /api/%.100s (see docs/api.md)", path);
}
