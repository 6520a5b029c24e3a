/* fuzz_http.c — `dossier serve`'s request handling without sockets: any
 * request target (path and query string), split and percent-decoded as
 * libmicrohttpd does it, goes through the router (serve_route: the API, an
 * asset, a page or an error) and, for /api/, the reply cache and every
 * endpoint's parameter checks, against a store of the five examples/
 * articles (ingested and linked once). The input's first line is the
 * request: an optional method ("POST /x"), then the target; any second line
 * stands for a request body. Each reply must have a known status, never 500
 * (the store is sound); a JSON reply must be valid JSON, one object on one
 * line of valid UTF-8; asked again, the cache must answer the same.
 * FUZZ_HTTP_SHOW=1 prints each request's status and the start of its reply. */
#include "fuzz.h"

#include <dirent.h>
#include <jansson.h>
#include <microhttpd.h>
#include <unistd.h>

#include "corpus/corpus.h"
#include "serve/internal.h"

static char dir[] = "/tmp/dossier-fuzz-http-XXXXXX", path[64];

static void remove_store(void)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[80];
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        remove(p);
    }
    rmdir(dir);
}

/* examples/ (run from the project's root, as make fuzz and make test do),
 * extracted, stored and linked; then opened read-only, as the server does. */
static corpus *fuzz_corpus(void)
{
    static corpus *c;
    if (c) return c;
    char err[512];
    if (!mkdtemp(dir)) abort();
    snprintf(path, sizeof path, "%s/store.db", dir);
    atexit(remove_store);
    corpus *w = corpus_open(path, CORPUS_WRITE, NULL, err, sizeof err);
    DIR *d = opendir("examples");
    if (!w || !d) {
        fprintf(stderr, "fuzz: cannot make the store from examples/: %s\n", w ? "no folder" : err);
        abort();
    }
    buf json;
    buf_init(&json);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char file[512];
        snprintf(file, sizeof file, "examples/%s", e->d_name);
        article *a = dossier_extract_file(fuzz_dossier(), file, err, sizeof err);
        if (!a) continue;
        json.n = 0;
        dossier_article_json(a, &json);
        if (corpus_add(w, a, json.p, json.n, err, sizeof err) == STORE_FAILED) abort();
        article_free(a);
        n++;
    }
    closedir(d);
    buf_free(&json);
    if (!n || corpus_finish(w, err, sizeof err) != 0) abort();
    corpus_close(w);
    if (!(c = corpus_open(path, CORPUS_READ, NULL, err, sizeof err))) abort();
    return c;
}

static reply_cache *fuzz_cache(void)
{
    static reply_cache *k;
    if (!k) k = cache_new(8);
    return k;
}

static void api(void *ctx, const char *p, const request *q, reply *r)
{
    api_cached(fuzz_cache(), 1, fuzz_corpus(), p, q, r);
}

/* The query string's pairs, as libmicrohttpd splits them: & between pairs,
 * the first = between key and value (none: a NULL value), + as a space,
 * then %XX decoded. q->params point into query, changed in place. */
static void split_query(char *query, request *q)
{
    for (char *pair = query; pair && *pair;) {
        char *amp = strchr(pair, '&');
        if (amp) *amp++ = '\0';
        if (q->nparams == API_MAX_PARAMS) {
            q->too_many = true;
            break;
        }
        char *eq = strchr(pair, '=');
        if (eq) *eq++ = '\0';
        for (char *s = pair; *s; s++)
            if (*s == '+') *s = ' ';
        for (char *s = eq; s && *s; s++)
            if (*s == '+') *s = ' ';
        MHD_http_unescape(pair);
        if (eq) MHD_http_unescape(eq);
        q->params[q->nparams++] = (api_param){pair, eq};
        pair = amp;
    }
}

static void check_reply(const reply *r)
{
    static const int known[] = {200, 400, 404, 405, 413};
    bool ok = false;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++) ok |= r->status == known[i];
    if (!ok) fprintf(stderr, "fuzz: status %d: %.*s\n", r->status, (int)(r->body.n < 300 ? r->body.n : 300), r->body.p);
    FUZZ_CHECK(ok);
    FUZZ_CHECK(r->type != NULL);
    if (strncmp(r->type, "application/json", 16) != 0) return;
    fuzz_check_json_line(r->body.p, r->body.n);
    json_error_t e;
    json_t *v = json_loadb(r->body.p, r->body.n, JSON_REJECT_DUPLICATES, &e);
    if (!v) fprintf(stderr, "fuzz: not JSON (%s): %.*s\n", e.text, (int)(r->body.n < 300 ? r->body.n : 300), r->body.p);
    FUZZ_CHECK(v && json_is_object(v));
    json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    request q = {.method = "GET"};
    char *nl = strchr(text, '\n');
    if (nl) {
        *nl = '\0';
        q.has_body = nl[1] != '\0';
    }
    char *target = text, *sp = strchr(text, ' ');
    if (sp && sp > text && strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == (size_t)(sp - text)) {
        *sp = '\0';
        q.method = text;
        target = sp + 1;
    }
    char *query = strchr(target, '?');
    if (query) *query++ = '\0';
    MHD_http_unescape(target);
    q.url = target;
    split_query(query, &q);
    reply r[2];
    const char *cache[2];
    for (int i = 0; i < 2; i++) {   /* the second /api/ reply comes from the cache */
        r[i] = (reply){.status = 200, .type = "text/plain; charset=utf-8"};
        buf_init(&r[i].body);
        cache[i] = serve_route(&q, api, NULL, &r[i]);
        FUZZ_CHECK(cache[i] != NULL);
        check_reply(&r[i]);
    }
    if (getenv("FUZZ_HTTP_SHOW"))
        fprintf(stderr, "%s %s (%zu parameters): %d %.*s\n", q.method, q.url, q.nparams, r[0].status,
                (int)(r[0].body.n < 160 ? r[0].body.n : 160), r[0].body.p);
    FUZZ_CHECK(r[0].status == r[1].status && r[0].body.n == r[1].body.n && !strcmp(cache[0], cache[1]));
    FUZZ_CHECK(!r[0].body.n || !memcmp(r[0].body.p, r[1].body.p, r[0].body.n));
    buf_free(&r[0].body);
    buf_free(&r[1].body);
    free(text);
    return 0;
}
