/* route.c — what a request gets, without HTTP: the JSON API (api.c, through
 * the reply cache), an embedded asset of web/, the page shell the browser
 * code fills in, or an error. server.c turns a libmicrohttpd connection into
 * a request and the reply into a response; the tests and the fuzzer
 * (tests/fuzz/fuzz_http.c) call this directly. */
#include <string.h>

#include "serve/internal.h"

static const char *content_type(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot) return "application/octet-stream";
    if (!strcmp(dot, ".html")) return "text/html; charset=utf-8";
    if (!strcmp(dot, ".css")) return "text/css; charset=utf-8";
    if (!strcmp(dot, ".js")) return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".svg")) return "image/svg+xml";
    return "application/octet-stream";
}

static const web_asset *find_asset(const char *name)
{
    for (size_t i = 0; i < web_nassets; i++)
        if (!strcmp(web_assets[i].name, name)) return &web_assets[i];
    return NULL;
}

static void asset_reply(reply *r, const web_asset *a)
{
    r->status = 200;
    r->type = content_type(a->name);
    buf_put(&r->body, a->data, a->len);
}

/* The pages: each is the same shell, filled in by app.js from the API. */
static bool is_page(const char *path)
{
    static const char *const pages[] = {"articles", "entities", "events", "conflicts", "claims", "quotes"};
    if (path[0] != '/') return false;   /* "*", or an absolute URL */
    if (!strcmp(path, "/")) return true;
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        size_t n = strlen(pages[i]);
        if (!strncmp(path + 1, pages[i], n) && (path[n + 1] == '\0' || path[n + 1] == '/')) return true;
    }
    return false;
}

/* The cache's key: the path and every parameter, each length-prefixed so
 * no two requests share one. */
static void request_key(const char *path, const request *q, buf *key)
{
    buf_printf(key, "%zu:%s", strlen(path), path);
    for (size_t i = 0; i < q->nparams; i++) {
        const char *v = q->params[i].value ? q->params[i].value : "";
        buf_printf(key, "|%zu:%s=%zu:%s", strlen(q->params[i].key), q->params[i].key, strlen(v), v);
    }
}

void api_cached(reply_cache *k, unsigned long gen, corpus *c, const char *path, const request *q, reply *r)
{
    buf key;
    buf_init(&key);
    request_key(path, q, &key);
    if (!cache_get(k, &key, gen, r)) {
        api_reply(c, path, q->params, q->nparams, r);
        if (r->status == 200 || r->status == 404) cache_put(k, &key, gen, r);
    }
    buf_free(&key);
}

const char *serve_route(const request *q, api_handler *api, void *ctx, reply *r)
{
    const char *url = q->url;
    const web_asset *a;
    if (strcmp(q->method, "GET") != 0 && strcmp(q->method, "HEAD") != 0) {
        api_error(r, 405, "only GET and HEAD are served");
    } else if (q->has_body) {
        api_error(r, 413, "requests carry no body");
    } else if (!strncmp(url, "/api/", 5)) {
        if (q->too_many) api_error(r, 400, "too many parameters (at most %d)", API_MAX_PARAMS);
        else api(ctx, url + 5, q, r);
    } else if (!strncmp(url, "/static/", 8) && (a = find_asset(url + 8))) {
        asset_reply(r, a);
        return "no-cache";
    } else if (strncmp(url, "/static/", 8) != 0 && (a = find_asset("index.html"))) {
        asset_reply(r, a);   /* app.js shows the page, or says there is none */
        r->status = is_page(url) ? 200 : 404;
        return "no-cache";
    } else {
        api_error(r, 404, "no such file");
    }
    return "no-store";
}
