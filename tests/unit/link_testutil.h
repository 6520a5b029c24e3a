/* link_testutil.h — what the link stage's unit tests share: articles made
 * by hand (entities, events, figures, quotes placed on the text, so the
 * tests do not depend on how the nlp steps read it), and a store in a
 * temporary file with the linker on it. */
#ifndef DOSSIER_LINK_TESTUTIL_H
#define DOSSIER_LINK_TESTUTIL_H

#include <math.h>
#include <unistd.h>

#include "link/internal.h"
#include "store/store.h"
#include "testutil.h"

/* An article with this text; sentences end at ". " (and the end). */
static inline article *fake_article(const char *id, const char *published, const char *text)
{
    article *a = article_new();
    a->id = arena_strdup(&a->mem, id);
    a->source = arena_printf(&a->mem, "%s.txt", id);
    a->published = published ? arena_strdup(&a->mem, published) : NULL;
    a->text = arena_strdup(&a->mem, text);
    a->len = (uint32_t)strlen(text);
    uint32_t start = 0;
    for (uint32_t i = 0; i <= a->len; i++) {
        bool end = i == a->len || (a->text[i] == '.' && (i + 1 == a->len || a->text[i + 1] == ' '));
        if (!end) continue;
        uint32_t stop = i < a->len ? i + 1 : i;
        if (stop > start) *ARENA_PUSH(&a->mem, a->sents) = (sentence){start, stop, 0, 0};
        start = stop + 1;
    }
    return a;
}

/* Where a string first occurs in the text (the test fails if it does not). */
static inline uint32_t at(const article *a, const char *s)
{
    const char *p = strstr(a->text, s);
    assert_non_null(p);
    return (uint32_t)(p - a->text);
}

/* An entity named `name`, mentioned by each of the NULL-terminated forms
 * (each must occur in the text); returns its index. */
static inline int32_t fake_entity(article *a, const char *name, int type, const char *const *forms)
{
    entity *e = ARENA_PUSH(&a->mem, a->entities);
    e->name = arena_strdup(&a->mem, name);
    e->type = (uint8_t)type;
    int32_t idx = (int32_t)(a->entities.n - 1);
    for (int i = 0; forms && forms[i]; i++) {
        mention *m = ARENA_PUSH(&a->mem, a->mentions);
        m->start = at(a, forms[i]);
        m->end = m->start + (uint32_t)strlen(forms[i]);
        m->type = (uint8_t)type;
        m->kind = MK_NAME;
        m->entity = idx;
        e->count++;
    }
    return idx;
}

/* An event told in every sentence of the article; returns its index. */
static inline int32_t fake_event(article *a, const char *type, const char *place, const char *when)
{
    event *e = ARENA_PUSH(&a->mem, a->events);
    e->type = type;
    e->place = place ? arena_strdup(&a->mem, place) : NULL;
    e->date = when ? arena_strdup(&a->mem, when) : NULL;
    e->killed = e->injured = NAN;
    for (uint32_t i = 0; i < a->sents.n; i++)
        *ARENA_PUSH(&a->mem, e->evidence) = (span){a->sents.v[i].start, a->sents.v[i].end};
    return (int32_t)(a->events.n - 1);
}

/* A figure at the words `text` (which must occur), counting `measure`, for event ev. */
static inline void fake_figure(article *a, const char *text, double value, const char *measure, int32_t ev)
{
    figure *f = ARENA_PUSH(&a->mem, a->figures);
    f->start = at(a, text);
    f->end = f->start + (uint32_t)strlen(text);
    f->value = value;
    f->high = NAN;
    f->approx = false;
    f->unit = "person";
    f->measure = measure;
    f->event = ev;
}

/* A quote of the words `text` by entity speaker (-1: unknown). */
static inline void fake_quote(article *a, const char *text, int32_t speaker)
{
    quote *q = ARENA_PUSH(&a->mem, a->quotes);
    q->start = at(a, text);
    q->end = q->start + (uint32_t)strlen(text);
    q->kind = Q_DIRECT;
    q->speaker = speaker;
}

/* A store in a temporary file, with a linker on it and a batch open. */
typedef struct linked {
    char path[64];
    store *s;
    linker *l;
} linked;

static inline void linked_open(linked *k)
{
    char err[512];
    snprintf(k->path, sizeof k->path, "/tmp/dossier-link-test-%d.db", (int)getpid());
    unlink(k->path);
    k->s = store_open(k->path, STORE_WRITE, err, sizeof err);
    if (!k->s) fprintf(stderr, "%s\n", err);
    assert_non_null(k->s);
    k->l = link_open(k->s, NULL, err, sizeof err);
    if (!k->l) fprintf(stderr, "%s\n", err);
    assert_non_null(k->l);
    assert_int_equal(store_begin(k->s, err, sizeof err), 0);
}

/* Stores and links the article, then frees it. */
static inline void linked_add(linked *k, article *a)
{
    char err[512];
    buf json;
    buf_init(&json);
    dossier_article_json(a, &json);
    enum store_put put = store_put_article(k->s, a, json.p, json.n, err, sizeof err);
    assert_true(put == STORE_NEW || put == STORE_UPDATED);
    int rc = link_article(k->l, a, err, sizeof err);
    if (rc) fprintf(stderr, "link_article: %s\n", err);
    assert_int_equal(rc, 0);
    buf_free(&json);
    article_free(a);
}

/* Settles what the batch added (events are grouped over all their nodes). */
static inline void linked_settle(linked *k)
{
    char err[512];
    int rc = link_settle(k->l, true, err, sizeof err);
    if (rc) fprintf(stderr, "link_settle: %s\n", err);
    assert_int_equal(rc, 0);
}

static inline void linked_close(linked *k)
{
    char err[512];
    linked_settle(k);
    assert_int_equal(store_commit(k->s, err, sizeof err), 0);
    link_close(k->l);
    store_close(k->s);
    unlink(k->path);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", k->path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", k->path);
    unlink(side);
}

/* The canonical name of the cluster NAME belongs to, in a static buffer ("" if none). */
static inline const char *cluster_of(linked *k, const char *name)
{
    static char out[4][256];
    static int n;
    char *o = out[n++ & 3];
    char err[256];
    o[0] = '\0';
    long long c = link_find_entity(k->l, name, err, sizeof err);
    if (c > 0) {
        buf b;
        buf_init(&b);
        if (link_entity_name(k->l, c, &b, NULL, err, sizeof err) == 0) snprintf(o, 256, "%s", buf_cstr(&b));
        buf_free(&b);
    }
    return o;
}

#endif
