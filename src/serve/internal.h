/* internal.h — what the server's files share: a request's parameters, the
 * reply being built, the JSON API (api.c) and the embedded web assets
 * (generated at build time from web/ by scripts/embed-web.sh). */
#ifndef DOSSIER_SERVE_INTERNAL_H
#define DOSSIER_SERVE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "corpus/corpus.h"

/* A request's query string, decoded: at most API_MAX_PARAMS pairs. */
enum { API_MAX_PARAMS = 16 };
typedef struct api_param {
    const char *key, *value;
} api_param;

typedef struct reply {
    int status;            /* HTTP status */
    const char *type;      /* Content-Type */
    buf body;
} reply;

/* Answers GET /api/<path> (path without the "/api/" prefix, percent-decoded)
 * into r: 200 with a JSON object, or 400/404/500 with {"error": ...}. */
void api_reply(corpus *c, const char *path, const api_param *params, size_t nparams, reply *r);

/* Sets r to {"error": message, "status": status}. */
void api_error(reply *r, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The cache of API replies (cache.c), keyed by the request; entries of an
 * older generation of the store are never served. NULL (slots 0) caches
 * nothing. */
typedef struct reply_cache reply_cache;
reply_cache *cache_new(size_t slots);
void cache_free(reply_cache *k);
bool cache_get(reply_cache *k, const buf *key, unsigned long gen, reply *r);
void cache_put(reply_cache *k, const buf *key, unsigned long gen, const reply *r);

/* A request as the router sees it (route.c): no connection, no socket, so
 * the tests and the fuzzer call it as the server does. */
typedef struct request {
    const char *method;
    const char *url;                       /* the path, percent-decoded */
    api_param params[API_MAX_PARAMS];      /* the query string's pairs, decoded */
    size_t nparams;
    bool too_many;                         /* more pairs than API_MAX_PARAMS */
    bool has_body;                         /* a Content-Length or Transfer-Encoding */
} request;

/* Answers GET /api/<path> into r (the server: a store handle from its pool
 * and its cache, through api_cached). */
typedef void api_handler(void *ctx, const char *path, const request *q, reply *r);

/* What a request gets, into r: the JSON API through api, an embedded asset,
 * the page shell app.js fills in, or an error. Returns its Cache-Control. */
const char *serve_route(const request *q, api_handler *api, void *ctx, reply *r);

/* The reply to GET /api/<path>: from k when it holds one of generation gen,
 * else api_reply over c, then kept in k when 200 or 404. */
void api_cached(reply_cache *k, unsigned long gen, corpus *c, const char *path, const request *q, reply *r);

/* A file of web/, compiled in. */
typedef struct web_asset {
    const char *name;                /* "app.js" */
    const unsigned char *data;
    size_t len;
} web_asset;

extern const web_asset web_assets[];
extern const size_t web_nassets;

#endif
