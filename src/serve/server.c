/* server.c — the HTTP side of `dossier serve`, on GNU libmicrohttpd: a pool
 * of worker threads, each polling its own connections (a slow client holds
 * a connection, never a worker), bounded requests, the security headers
 * every response carries; what a request gets is route.c's.
 *
 * Each worker borrows a read-only corpus handle from a pool as large as the
 * worker count, so no SQLite connection is ever used by two threads; API
 * replies are kept in a cache (cache.c) that a commit to the store voids. */
#include "serve/serve.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "serve/internal.h"

enum {
    DEFAULT_THREADS = 4,
    MAX_THREADS = 64,
    CONNECTION_MEMORY = 32 * 1024,   /* request line + headers; a longer URL gets 414 */
    CONNECTION_TIMEOUT = 10,         /* seconds a connection may sit idle */
    CONNECTION_LIMIT = 512,
    DEFAULT_CACHE = 1024,            /* replies */
};

/* Scripts only from this server, no inline script or style, no framing,
 * nothing fetched from elsewhere: article text is untrusted. */
static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                          "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/* A read-only connection to the store, and the store's version it last saw. */
typedef struct handle {
    corpus *c;
    long long version;
} handle;

struct server {
    struct MHD_Daemon *d;
    handle **free_handles;     /* the pool: nfree of them are free */
    int nhandles, nfree;
    pthread_mutex_t lock;
    pthread_cond_t returned;
    reply_cache *cache;
    atomic_ulong generation;   /* of the store, as the cache knows it */
    int port;
};

/* A handle, and the store's generation as of now: when the handle's
 * connection sees that someone committed since it last looked, what the
 * cache holds may be stale, and a new generation begins. */
static handle *borrow(server *s, unsigned long *gen)
{
    pthread_mutex_lock(&s->lock);
    while (s->nfree == 0) pthread_cond_wait(&s->returned, &s->lock);
    handle *h = s->free_handles[--s->nfree];
    pthread_mutex_unlock(&s->lock);
    long long v = corpus_version(h->c);
    if (v != h->version || v < 0) {
        h->version = v;
        atomic_fetch_add(&s->generation, 1);
    }
    *gen = atomic_load(&s->generation);
    return h;
}

static void give_back(server *s, handle *h)
{
    pthread_mutex_lock(&s->lock);
    s->free_handles[s->nfree++] = h;
    pthread_cond_signal(&s->returned);
    pthread_mutex_unlock(&s->lock);
}

/* --- replies ----------------------------------------------------------------------- */

static void free_body(void *p) { free(p); }

static enum MHD_Result send_reply(struct MHD_Connection *conn, reply *r, const char *cache)
{
    struct MHD_Response *resp;
    if (r->body.n) {
        resp = MHD_create_response_from_buffer_with_free_callback(r->body.n, r->body.p, free_body);
        r->body.p = NULL;   /* MHD owns it now */
        r->body.n = r->body.cap = 0;
    } else {
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    if (!resp) return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->type);
    MHD_add_response_header(resp, "Content-Security-Policy", csp);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ok;
}

/* --- requests ------------------------------------------------------------------------- */

static enum MHD_Result collect_param(void *ctx, enum MHD_ValueKind kind, const char *key, const char *value)
{
    request *q = ctx;
    if (q->nparams == API_MAX_PARAMS) {
        q->too_many = true;
        return MHD_NO;
    }
    q->params[q->nparams++] = (api_param){key, value};
    return MHD_YES;
}

/* The API, backed by a store handle from the pool and the reply cache. */
static void server_api(void *ctx, const char *path, const request *q, reply *r)
{
    server *s = ctx;
    unsigned long gen;
    handle *h = borrow(s, &gen);
    api_cached(s->cache, gen, h->c, path, q, r);
    give_back(s, h);
}

/* A GET with a body is refused before the body is read. */
static bool has_body(struct MHD_Connection *conn)
{
    const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING) ||
           (len && strspn(len, "0") != strlen(len));
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **state)
{
    request q = {.method = method, .url = url, .has_body = has_body(conn)};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_param, &q);
    reply r = {.status = 200, .type = "text/plain; charset=utf-8"};
    buf_init(&r.body);
    const char *cache = serve_route(&q, server_api, cls, &r);
    enum MHD_Result ok = send_reply(conn, &r, cache);
    buf_free(&r.body);
    return ok;
}

/* The library's messages (a refused request, a socket error), as one line
 * each in the command line's form. fmt is libmicrohttpd's own format. */
__attribute__((format(printf, 2, 0))) static void log_line(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
    fprintf(stderr, "dossier: serve: %s\n", msg);
}

/* --- starting and stopping ----------------------------------------------------------------- */

static int parse_address(const serve_options *o, struct sockaddr_storage *sa, unsigned *flags)
{
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    memset(sa, 0, sizeof *sa);
    struct sockaddr_in *v4 = (struct sockaddr_in *)sa;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)sa;
    if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)o->port);
        return 0;
    }
    if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)o->port);
        *flags |= MHD_USE_IPv6;
        return 0;
    }
    return -1;
}

static void free_pool(server *s)
{
    for (int i = 0; i < s->nfree; i++) {
        corpus_close(s->free_handles[i]->c);
        free(s->free_handles[i]);
    }
    free(s->free_handles);
    cache_free(s->cache);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->returned);
    free(s);
}

server *serve_start(const serve_options *o, int *status, char *err, size_t errlen)
{
    int dummy;
    if (!status) status = &dummy;
    *status = CORPUS_STORE;
    int threads = o->threads > 0 ? o->threads : DEFAULT_THREADS;
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    struct sockaddr_storage sa;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG;
    if (o->port < 0 || o->port > 65535 || parse_address(o, &sa, &flags) != 0) {
        snprintf(err, errlen, "cannot listen on '%s' port %d (an IPv4 or IPv6 address and a port 0-65535)",
                 o->bind ? o->bind : "127.0.0.1", o->port);
        *status = CORPUS_OK;
        return NULL;
    }
    server *s = calloc(1, sizeof *s);
    if (!s || !(s->free_handles = calloc((size_t)threads, sizeof *s->free_handles))) abort();
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->returned, NULL);
    for (; s->nfree < threads; s->nfree++) {
        corpus *c = corpus_open(o->db, CORPUS_READ, status, err, errlen);
        if (!c) {
            free_pool(s);
            return NULL;
        }
        handle *h = malloc(sizeof *h);
        if (!h) abort();
        *h = (handle){c, corpus_version(c)};
        s->free_handles[s->nfree] = h;
    }
    s->cache = cache_new(o->cache < 0 ? 0 : o->cache ? (size_t)o->cache : DEFAULT_CACHE);
    s->nhandles = threads;
    s->d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                            MHD_OPTION_EXTERNAL_LOGGER, log_line, NULL,   /* first, to catch every message */
                            MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                            MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONNECTION_TIMEOUT,
                            MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONNECTION_LIMIT, MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot listen on %s port %d (in use, or not an address of this machine)",
                 o->bind ? o->bind : "127.0.0.1", o->port);
        *status = CORPUS_OK;
        free_pool(s);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *status = CORPUS_OK;
    return s;
}

int serve_port(const server *s) { return s->port; }

void serve_stop(server *s)
{
    if (!s) return;
    MHD_stop_daemon(s->d);   /* joins the workers: every handle is back in the pool */
    free_pool(s);
}
