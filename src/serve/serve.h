/* serve.h — `dossier serve`: the corpus over HTTP, as a JSON API (docs/api.md)
 * and as web pages whose assets are compiled into the binary.
 *
 *   serve_options o = {.db = "dossier.db", .bind = "127.0.0.1", .port = 8080};
 *   server *s = serve_start(&o, err, sizeof err);   // listening; requests run on worker threads
 *   ... wait for SIGINT or SIGTERM ...
 *   serve_stop(s);                                    // finishes requests in flight, closes the store
 *
 * The store is opened read-only, once per worker thread (SQLite connections
 * are not shared between threads), so an ingest may write beside it (WAL):
 * each request sees the batches committed when it started. */
#ifndef DOSSIER_SERVE_H
#define DOSSIER_SERVE_H

#include <stddef.h>

typedef struct server server;

typedef struct serve_options {
    const char *db;       /* the store */
    const char *bind;     /* an IPv4 or IPv6 address; NULL: 127.0.0.1 */
    int port;             /* 0: a free port, chosen by the system (serve_port tells it) */
    int threads;          /* workers; 0: 4 */
    int cache;            /* API replies kept (cache.c); 0: 1024, -1: none */
} serve_options;

/* Opens the store and starts listening. NULL with a one-line reason; *status
 * (may be NULL) is then a negative enum corpus_status when the store could
 * not be opened, 0 when the address could not be listened on. */
server *serve_start(const serve_options *o, int *status, char *err, size_t errlen);
/* The port listened on. */
int serve_port(const server *s);
/* Stops listening, waits for the requests in flight and frees everything. */
void serve_stop(server *s);

#endif
