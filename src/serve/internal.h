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

/* A file of web/, compiled in. */
typedef struct web_asset {
    const char *name;                /* "app.js" */
    const unsigned char *data;
    size_t len;
} web_asset;

extern const web_asset web_assets[];
extern const size_t web_nassets;

#endif
