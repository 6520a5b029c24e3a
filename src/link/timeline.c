/* timeline.c — `dossier timeline NAME`: what an entity said and the
 * events it took part in (as perpetrator) or that happened in it, in date
 * order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "link/link.h"

typedef struct item {
    char *date, *what, *text, *doc;
    long long article;
    uint32_t sent_start, sent_end;
    int seq;
} item;

typedef struct items {
    item *v;
    size_t n, cap;
    long long cluster;
    char *name;
    char **names;           /* the entity's names, for matching event places */
    size_t nnames;
} items;

static char *dup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) abort();
    return d;
}

static void push(items *t, const char *when, const char *what, const char *text, const char *doc, long long art,
                 uint32_t ss, uint32_t se)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 32;
        t->v = realloc(t->v, t->cap * sizeof *t->v);
        if (!t->v) abort();
    }
    t->v[t->n] = (item){when ? dup(when) : NULL, dup(what), dup(text), dup(doc), art, ss, se, (int)t->n};
    t->n++;
}

static int add_quote(const quote_row *q, void *ctx)
{
    push(ctx, q->published, "said", q->text, q->doc, q->article, q->sent_start, q->sent_end);
    return 0;
}

static int keep_names(const cluster_info *c, void *ctx)
{
    items *t = ctx;
    t->nnames = c->naliases + 1;
    t->names = calloc(t->nnames, sizeof *t->names);
    if (!t->names) abort();
    t->names[0] = dup(c->name);
    for (size_t i = 0; i < c->naliases; i++) t->names[i + 1] = dup(c->aliases[i]);
    t->name = dup(c->name);
    return 0;
}

static bool named(const items *t, const char *place)
{
    for (size_t i = 0; place && i < t->nnames; i++)
        if (!strcasecmp(t->names[i], place)) return true;
    return false;
}

static int add_event(const merged_event *e, void *ctx)
{
    items *t = ctx;
    bool did = e->perpetrator_cluster == t->cluster;
    if (!did && !named(t, e->place)) return 0;
    char text[512];
    /* an event no article reports, only recalls in passing, is still one
     * of the entity's: it is shown with the first article recalling it */
    size_t n = e->ndocs ? e->ndocs : e->nmentioned;
    snprintf(text, sizeof text, "%s in %s%s%s (%s%zu article%s)", e->type, e->place ? e->place : "an unknown place",
             did ? ", by " : "", did ? t->name : "", e->ndocs ? "" : "recalled in ", n, n == 1 ? "" : "s");
    push(t, e->date, e->type, text, e->ndocs ? e->docs[0] : e->nmentioned ? e->mentioned[0] : "", 0, 0, 0);
    return 0;
}

static int by_date(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (!x->date != !y->date) return x->date ? -1 : 1;
    int c = x->date ? strcmp(x->date, y->date) : 0;
    if (!c) c = strcmp(x->doc, y->doc);
    return c ? c : x->seq - y->seq;
}

int link_timeline(linker *l, long long cluster, timeline_fn fn, void *ctx, char *err, size_t errlen)
{
    items t = {.cluster = cluster};
    quote_filter f = {.by_cluster = cluster};
    int rc = link_clusters(l, cluster, keep_names, &t, err, errlen) < 0 ? -1 : 0;
    if (rc == 0 && link_quotes(l, &f, add_quote, &t, err, errlen) < 0) rc = -1;
    if (rc == 0 && link_events(l, add_event, &t, err, errlen) < 0) rc = -1;
    if (rc == 0 && t.n > 1) qsort(t.v, t.n, sizeof *t.v, by_date);
    for (size_t i = 0; i < t.n && rc == 0; i++) {
        timeline_item it = {t.v[i].date, t.v[i].what, t.v[i].text, t.v[i].doc, t.v[i].article, t.v[i].sent_start,
                            t.v[i].sent_end};
        if (fn(&it, ctx)) break;
    }
    for (size_t i = 0; i < t.n; i++) free(t.v[i].date), free(t.v[i].what), free(t.v[i].text), free(t.v[i].doc);
    for (size_t i = 0; i < t.nnames; i++) free(t.names[i]);
    free(t.names);
    free(t.name);
    free(t.v);
    return rc < 0 ? -1 : (int)t.n;
}
