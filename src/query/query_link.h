/* query_link.h — reading what the link stage filed: quotes with their
 * speakers across articles, the articles naming an entity, and an entity's
 * timeline. Used by the command line (and later the server); it never
 * writes. Rows are handed to a callback; their strings are valid only
 * during the call. */
#ifndef DOSSIER_QUERY_LINK_H
#define DOSSIER_QUERY_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "link/link.h"

typedef struct quote_filter {
    long long by_cluster;     /* 0: any speaker (link_find_entity gives clusters) */
    const char *about;        /* words that must all occur in the quote, as whole words (any case;
                                 -s, -es, 's, -ed, -d, -ing forms count), or NULL */
    const char *since;        /* YYYY[-MM[-DD]]: articles published then or later, or NULL */
    int limit;                /* 0: all */
} quote_filter;

typedef struct quote_row {
    long long article;
    const char *doc, *outlet, *published;   /* outlet and published may be NULL */
    const char *kind;                       /* direct, indirect, mixed */
    const char *speaker;                    /* canonical entity name, or NULL when unknown */
    long long speaker_cluster;
    const char *text;                       /* the quote */
    uint32_t sent_start, sent_end;          /* its sentence(s) in the article's text */
} quote_row;

typedef int (*quote_row_fn)(const quote_row *q, void *ctx);

/* Quotes, newest article first (undated last), then in text order. Returns
 * how many were handed over, or -1 with err set. */
int query_quotes(linker *l, const quote_filter *f, quote_row_fn fn, void *ctx, char *err, size_t errlen);

/* An article that names an entity. */
typedef struct entity_article {
    const char *doc, *published, *outlet, *title;   /* published, outlet, title may be NULL */
    long long mentions;                             /* how often the article names it */
} entity_article;

typedef int (*entity_article_fn)(const entity_article *a, void *ctx);

/* The articles naming the cluster, newest first (undated last). Returns how
 * many were handed over, or -1 with err set. */
int query_entity_articles(linker *l, long long cluster, entity_article_fn fn, void *ctx, char *err, size_t errlen);

/* One item of an entity's timeline: something it said, or an event it took
 * part in (as perpetrator) or that happened in it (a place). */
typedef struct timeline_item {
    const char *date;                       /* the event's date or the article's; NULL if unknown */
    const char *what;                       /* "said" or the event type */
    const char *text;                       /* the quote, or "attack in Peshawar (3 articles)" */
    const char *doc;                        /* the article (for an event: the first reporting it) */
    long long article;
    uint32_t sent_start, sent_end;          /* for quotes: the sentence */
} timeline_item;

typedef int (*timeline_fn)(const timeline_item *t, void *ctx);

/* The cluster's quotes and events in date order (undated last). Returns
 * the number of items, or -1 with err set. */
int query_timeline(linker *l, long long cluster, timeline_fn fn, void *ctx, char *err, size_t errlen);

#endif
