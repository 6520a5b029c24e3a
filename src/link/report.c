/* report.c — the corpus report: `dossier report --json` (extract-format.md,
 * "Across articles") and its human summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "link/internal.h"

static const char *const type_names[ENT__COUNT] = {"", "PERSON", "ORG", "GPE", "LOC", "NORP"};

const char *link_type_name(int type) { return type > 0 && type < ENT__COUNT ? type_names[type] : "MISC"; }

/* --- entities --------------------------------------------------------------------- */

typedef struct json_ctx {
    buf *out;
    int n;
} json_ctx;

/* Entities are listed most reported first, then by name: collected, then sorted. */
typedef struct entity_entry {
    char *name, *json;
    long articles;
} entity_entry;

typedef struct entity_list {
    entity_entry *v;
    size_t n, cap;
} entity_list;

static int entity_order(const void *x, const void *y)
{
    const entity_entry *a = x, *b = y;
    if (a->articles != b->articles) return a->articles > b->articles ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->json, b->json);
}

static void string_array(buf *b, const char *const *v, size_t n)
{
    buf_putc(b, '[');
    for (size_t i = 0; i < n; i++) {
        if (i) buf_putc(b, ',');
        json_cstr(b, v[i]);
    }
    buf_putc(b, ']');
}

void link_cluster_json(const cluster_info *c, buf *b)
{
    buf_putc(b, '{');
    json_key(b, "entity");
    json_cstr(b, c->name);
    buf_putc(b, ',');
    json_key(b, "type");
    json_cstr(b, link_type_name(c->type));
    buf_putc(b, ',');
    json_key(b, "aliases");
    string_array(b, c->aliases, c->naliases);
    buf_putc(b, ',');
    json_key(b, "articles");
    json_num(b, (double)c->articles);
    buf_putc(b, ',');
    json_key(b, "roles");
    string_array(b, c->roles, c->nroles);
    buf_putc(b, ',');
    json_key(b, "first_seen");
    json_cstr(b, c->first_seen);
    buf_putc(b, ',');
    json_key(b, "last_seen");
    json_cstr(b, c->last_seen);
    if (c->docs) {
        buf_putc(b, ',');
        json_key(b, "docs");
        string_array(b, c->docs, c->ndocs);
    }
    buf_putc(b, '}');
}

static int entity_json(const cluster_info *c, void *ctx)
{
    entity_list *list = ctx;
    buf one;
    buf_init(&one);
    link_cluster_json(c, &one);
    if (list->n == list->cap) {
        list->cap = list->cap ? 2 * list->cap : 256;
        list->v = realloc(list->v, list->cap * sizeof *list->v);
        if (!list->v) abort();
    }
    char *name = strdup(c->name), *json = strdup(buf_cstr(&one));
    if (!name || !json) abort();
    list->v[list->n++] = (entity_entry){name, json, c->articles};
    buf_free(&one);
    return 0;
}

static int entities_json(linker *l, buf *out, char *err, size_t errlen)
{
    entity_list list = {0};
    int rc = link_clusters(l, 0, entity_json, &list, err, errlen);
    if (rc >= 0 && list.n > 1) qsort(list.v, list.n, sizeof *list.v, entity_order);
    for (size_t i = 0; i < list.n; i++) {
        if (rc >= 0) {
            buf_puts(out, i ? ",\n  " : "\n  ");
            buf_puts(out, list.v[i].json);
        }
        free(list.v[i].name);
        free(list.v[i].json);
    }
    free(list.v);
    return rc < 0 ? -1 : 0;
}

/* --- events ----------------------------------------------------------------------- */

void link_values_json(const event_measure *m, buf *b, json_extra_fn extra, void *ctx)
{
    buf_putc(b, '[');
    for (size_t k = 0; k < m->nvalues; k++) {
        const event_value *v = &m->values[k];
        if (k) buf_putc(b, ',');
        buf_putc(b, '{');
        json_key(b, "value");
        json_num(b, v->value);
        buf_putc(b, ',');
        json_key(b, "doc");
        json_cstr(b, v->doc);
        buf_putc(b, ',');
        json_key(b, "outlet");
        json_cstr(b, v->outlet);
        buf_putc(b, ',');
        json_key(b, "published");
        json_cstr(b, v->published);
        buf_putc(b, ',');
        json_key(b, "text");
        json_cstr(b, v->text);
        if (extra) extra(b, v, ctx);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

void link_event_json(const merged_event *e, buf *b, json_extra_fn extra, void *ctx)
{
    buf_putc(b, '{');
    json_key(b, "type");
    json_cstr(b, e->type);
    buf_putc(b, ',');
    json_key(b, "place");
    json_cstr(b, e->place);
    buf_putc(b, ',');
    json_key(b, "date");
    json_cstr(b, e->date);
    buf_putc(b, ',');
    json_key(b, "perpetrator");
    json_cstr(b, e->perpetrator);
    buf_putc(b, ',');
    json_key(b, "victims");
    string_array(b, e->victims, e->nvictims);
    buf_putc(b, ',');
    json_key(b, "docs");
    string_array(b, e->docs, e->ndocs);
    buf_putc(b, ',');
    json_key(b, "mentioned_in");
    string_array(b, e->mentioned, e->nmentioned);
    buf_putc(b, ',');
    json_key(b, "figures");
    buf_putc(b, '{');
    for (size_t i = 0; i < e->nmeasures; i++) {
        if (i) buf_putc(b, ',');
        json_key(b, e->measures[i].measure);
        link_values_json(&e->measures[i], b, extra, ctx);
    }
    buf_puts(b, "},");
    json_key(b, "conflicts");
    buf_putc(b, '[');
    int nc = 0;
    for (size_t i = 0; i < e->nmeasures; i++) {
        if (!e->measures[i].conflict) continue;
        if (nc++) buf_putc(b, ',');
        buf_putc(b, '{');
        json_key(b, "measure");
        json_cstr(b, e->measures[i].measure);
        buf_putc(b, ',');
        json_key(b, "values");
        link_values_json(&e->measures[i], b, extra, ctx);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

static int event_json(const merged_event *e, void *ctx)
{
    json_ctx *j = ctx;
    if (j->n++) buf_putc(j->out, ',');
    buf_puts(j->out, "\n  ");
    link_event_json(e, j->out, NULL, NULL);
    return 0;
}

int link_events_json(linker *l, buf *out, char *err, size_t errlen)
{
    json_ctx j = {out, 0};
    return link_events(l, event_json, &j, err, errlen) < 0 ? -1 : 0;
}

typedef struct events_text {
    buf *out;
    long events, merged, conflicts;
} events_text;

static int event_line(const merged_event *e, void *ctx)
{
    events_text *t = ctx;
    t->events++;
    t->merged += e->ndocs > 1;
    if (!e->conflict) return 0;
    t->conflicts++;
    buf_printf(t->out, "  %s in %s on %s:", e->type, e->place ? e->place : "?", e->date ? e->date : "?");
    for (size_t i = 0; i < e->nmeasures; i++) {
        const event_measure *m = &e->measures[i];
        if (!m->conflict) continue;
        buf_printf(t->out, " %s", m->measure);
        for (size_t k = 0; k < m->nvalues; k++)
            buf_printf(t->out, "%s%g (%s)", k ? " vs " : " ", m->values[k].value,
                       m->values[k].outlet ? m->values[k].outlet : m->values[k].doc);
    }
    buf_putc(t->out, '\n');
    return 0;
}

int link_events_text(linker *l, buf *out, char *err, size_t errlen)
{
    buf lines;
    buf_init(&lines);
    events_text t = {&lines, 0, 0, 0};
    int rc = link_events(l, event_line, &t, err, errlen);
    if (rc >= 0) {
        buf_printf(out, "events: %ld (%ld reported by more than one article), %ld where articles disagree\n",
                   t.events, t.merged, t.conflicts);
        if (lines.n) buf_put(out, lines.p, lines.n);
    }
    buf_free(&lines);
    return rc < 0 ? -1 : 0;
}

/* --- claims ------------------------------------------------------------------------ */

void link_claim_json(const claim_info *c, buf *b, json_extra_fn extra, void *ctx)
{
    buf_putc(b, '{');
    json_key(b, "summary");
    json_cstr(b, c->summary);
    buf_putc(b, ',');
    json_key(b, "articles");
    json_num(b, (double)c->articles);
    buf_putc(b, ',');
    json_key(b, "quotes");
    buf_putc(b, '[');
    for (size_t i = 0; i < c->nstatements; i++) {
        const claim_statement *s = &c->statements[i];
        if (i) buf_putc(b, ',');
        buf_putc(b, '{');
        json_key(b, "doc");
        json_cstr(b, s->doc);
        buf_putc(b, ',');
        json_key(b, "speaker");
        json_cstr(b, s->speaker);
        buf_putc(b, ',');
        json_key(b, "published");
        json_cstr(b, s->published);
        buf_putc(b, ',');
        json_key(b, "outlet");
        json_cstr(b, s->outlet);
        buf_putc(b, ',');
        json_key(b, "text");
        json_cstr(b, s->text);
        buf_putc(b, ',');
        json_key(b, "carried_by");
        string_array(b, s->carried_by, s->ncarried);
        if (extra) extra(b, s, ctx);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

static int claim_json(const claim_info *c, void *ctx)
{
    json_ctx *j = ctx;
    if (j->n++) buf_putc(j->out, ',');
    buf_puts(j->out, "\n  ");
    link_claim_json(c, j->out, NULL, NULL);
    return 0;
}

int link_claims_json(linker *l, buf *out, char *err, size_t errlen)
{
    json_ctx j = {out, 0};
    return link_claims(l, 0, claim_json, &j, err, errlen) < 0 ? -1 : 0;
}

typedef struct claims_text {
    buf *out;
    long claims;
} claims_text;

static int claim_line(const claim_info *c, void *ctx)
{
    claims_text *t = ctx;
    if (t->claims++ < 5) buf_printf(t->out, "  \"%s\" (%zu times in %ld articles)\n", c->summary, c->nstatements,
                                   c->articles);
    return 0;
}

int link_claims_text(linker *l, buf *out, char *err, size_t errlen)
{
    buf lines;
    buf_init(&lines);
    claims_text t = {&lines, 0};
    int rc = link_claims(l, 0, claim_line, &t, err, errlen);
    if (rc >= 0) {
        buf_printf(out, "claims made in more than one article: %ld\n", t.claims);
        if (lines.n) buf_put(out, lines.p, lines.n);
    }
    buf_free(&lines);
    return rc < 0 ? -1 : 0;
}

int link_report_json(linker *l, buf *out, char *err, size_t errlen)
{
    buf_puts(out, "{");
    json_key(out, "entities");
    buf_putc(out, '[');
    if (entities_json(l, out, err, errlen) != 0) return -1;
    buf_puts(out, "\n ],");
    json_key(out, "events");
    buf_putc(out, '[');
    if (link_events_json(l, out, err, errlen) != 0) return -1;
    buf_puts(out, "\n ],");
    json_key(out, "claims");
    buf_putc(out, '[');
    if (link_claims_json(l, out, err, errlen) != 0) return -1;
    buf_puts(out, "\n ]}");
    return 0;
}

/* --- the human summary ------------------------------------------------------------- */

typedef struct top_entity {
    char *name;
    int type;
    long articles;
    size_t naliases;
} top_entity;

typedef struct text_ctx {
    long clusters, joined;
    top_entity top[10];
    int ntop;
} text_ctx;

static int keep_top(const cluster_info *c, void *ctx)
{
    text_ctx *t = ctx;
    t->clusters++;
    if (c->naliases) t->joined++;
    int at = t->ntop;
    while (at > 0 && t->top[at - 1].articles < c->articles) at--;
    if (at >= 10) return 0;
    if (t->ntop == 10) free(t->top[9].name);
    else t->ntop++;
    memmove(&t->top[at + 1], &t->top[at], (size_t)(t->ntop - 1 - at) * sizeof *t->top);
    t->top[at] = (top_entity){strdup(c->name), c->type, c->articles, c->naliases};
    return 0;
}

int link_report_text(linker *l, buf *out, char *err, size_t errlen)
{
    text_ctx t = {0};
    int rc = link_clusters(l, 0, keep_top, &t, err, errlen);
    if (rc >= 0) {
        buf_printf(out, "entities: %ld across the corpus (%ld known by more than one name)\n", t.clusters, t.joined);
        for (int i = 0; i < t.ntop; i++)
            buf_printf(out, "  %-40s %-6s %4ld articles, %zu other names\n", t.top[i].name,
                       link_type_name(t.top[i].type), t.top[i].articles, t.top[i].naliases);
    }
    for (int i = 0; i < t.ntop; i++) free(t.top[i].name);
    if (rc < 0) return -1;
    if (link_events_text(l, out, err, errlen) != 0) return -1;
    return link_claims_text(l, out, err, errlen);
}
