/* test_serve_api.c — the server's JSON API without HTTP: api_reply over a
 * small corpus of invented articles (statuses, fields, parameter checks,
 * paging, JSON escaping of hostile text), and the reply cache (keys,
 * generations, bounds). */
#include "testutil.h"

#include <unistd.h>

#include "corpus/corpus.h"
#include "serve/internal.h"

static char dir[64], path[128];
static corpus *db;

static const char *const texts[] = {
    "Ferry service resumes\n\nBy Ann Lee | Lake Gazette | Updated: 2019-05-02 10:00\n\n"
    "Kisumu: The ferry to Mbita resumed on Wednesday after repairs, port manager Otieno Mbeki said.\n\n"
    "\"The ferry is safe again,\" Mbeki told reporters.\n",
    "Storm closes <b>harbour</b> \"for days\"\n\nBy Joe Karanja | Lake Gazette | Updated: 2019-06-11 08:00\n\n"
    "Kisumu: A storm closed the harbour on Monday, port manager Otieno Mbeki said, and the ferry stayed in port.\n",
};

static int setup(void **state)
{
    char err[512];
    snprintf(dir, sizeof dir, "/tmp/dossier-serve-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(path, sizeof path, "%s/s.db", dir);
    corpus *w = corpus_open(path, CORPUS_WRITE, NULL, err, sizeof err);
    if (!w) return -1;
    buf json;
    buf_init(&json);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        article *a = test_extract(texts[i]);
        if (!a) return -1;
        a->id = i ? "storm" : "ferry";
        json.n = 0;
        dossier_article_json(a, &json);
        if (corpus_add(w, a, json.p, json.n, err, sizeof err) == STORE_FAILED) return -1;
        article_free(a);
    }
    buf_free(&json);
    if (corpus_finish(w, err, sizeof err) != 0) return -1;
    corpus_close(w);
    db = corpus_open(path, CORPUS_READ, NULL, err, sizeof err);
    return db ? 0 : -1;
}

static int teardown(void **state)
{
    char p[160];
    corpus_close(db);
    static const char *const sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

/* GET /api/<path>?k=v&k=v... (params as alternating key, value) into r. */
static void get(reply *r, const char *p, int nparams, ...)
{
    api_param v[API_MAX_PARAMS];
    va_list ap;
    va_start(ap, nparams);
    for (int i = 0; i < nparams; i++) {
        v[i].key = va_arg(ap, const char *);
        v[i].value = va_arg(ap, const char *);
    }
    va_end(ap);
    api_reply(db, p, v, (size_t)nparams, r);
    buf_cstr(&r->body);
}

static bool has(reply *r, const char *s) { return strstr(r->body.p, s) != NULL; }

static void search_returns_hits_with_the_command_lines_fields(void **state)
{
    reply r = {0};
    get(&r, "search", 2, "q", "ferry", "limit", "5");
    assert_int_equal(r.status, 200);
    assert_string_equal(r.type, "application/json");
    assert_true(has(&r, "\"hits\":[{\"rank\":1,\"score\":"));
    assert_true(has(&r, "\"doc\":\"ferry\""));
    assert_true(has(&r, "\"outlet\":\"Lake Gazette\""));
    assert_true(has(&r, "[ferry]"));
    assert_true(has(&r, "\"count\":2}"));
    get(&r, "search", 3, "q", "ferry", "marks", "controls", "since", "2019-06");
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\\u0002ferry\\u0003"));
    assert_false(has(&r, "\"doc\":\"ferry\""));   /* published in May */
    buf_free(&r.body);
}

static void bad_parameters_are_400_with_a_json_error(void **state)
{
    reply r = {0};
    static const char *const bad[][2] = {
        {"limit", "0"}, {"limit", "101"}, {"limit", "1e3"}, {"limit", "-5"}, {"offset", "x"},
        {"since", "tomorrow"}, {"until", "2019-13-45"}, {"marks", "bold"}, {"nope", "1"}, {"q", "\"open"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const char *q = strcmp(bad[i][0], "q") ? "ferry" : bad[i][1];
        if (!strcmp(bad[i][0], "q")) get(&r, "search", 1, "q", q);
        else get(&r, "search", 2, "q", q, bad[i][0], bad[i][1]);
        assert_int_equal(r.status, 400);
        assert_true(has(&r, "{\"error\":\""));
        assert_true(has(&r, ",\"status\":400}"));
    }
    get(&r, "search", 0);
    assert_int_equal(r.status, 400);
    get(&r, "search", 1, "q", "\xff\xfe");
    assert_int_equal(r.status, 400);
    assert_true(has(&r, "not valid UTF-8"));
    get(&r, "entities", 1, "type", "THING");
    assert_int_equal(r.status, 400);
    get(&r, "articles/ferry", 1, "q", "x");
    assert_int_equal(r.status, 400);
    buf_free(&r.body);
}

static void unknown_things_are_404(void **state)
{
    reply r = {0};
    static const char *const paths[] = {"nothing", "articles/none", "articles/", "entities/Nobody Atall",
                                        "timeline/Nobody Atall", "events/99", "events/0", "events/x", "search/x",
                                        "articles/\xff"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        get(&r, paths[i], 0);
        assert_int_equal(r.status, 404);
        assert_true(has(&r, ",\"status\":404}"));
    }
    get(&r, "quotes", 1, "by", "Nobody Atall");
    assert_int_equal(r.status, 404);
    buf_free(&r.body);
}

static void an_article_is_its_extract_object_escaped(void **state)
{
    reply r = {0};
    get(&r, "articles/storm", 0);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\"id\":\"storm\""));
    assert_true(has(&r, "\"title\":\"Storm closes <b>harbour</b> \\\"for days\\\"\""));
    assert_true(has(&r, "\"entities\":["));
    buf_free(&r.body);
}

static void an_entity_by_any_name_with_its_articles_and_quotes(void **state)
{
    reply r = {0};
    get(&r, "entities/Mbeki", 0);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\"entity\":\"Otieno Mbeki\""));
    assert_true(has(&r, "\"docs\":[{\"doc\":\"storm\""));   /* newest first */
    /* one "docs": the articles, not also the id list /api/entities gives (fuzz_http found both) */
    const char *docs = strstr(r.body.p, "\"docs\":");
    assert_non_null(docs);
    assert_null(strstr(docs + 1, "\"docs\":"));
    assert_true(has(&r, "\"quotes\":[{\"speaker\":\"Otieno Mbeki\",\"doc\":\"ferry\""));
    assert_true(has(&r, "\"evidence\":["));
    get(&r, "timeline/otieno mbeki", 0);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\"timeline\":[{\"date\":\"2019-05-02\",\"what\":\"said\""));
    buf_free(&r.body);
}

static void lists_are_paged_within_bounds(void **state)
{
    reply r = {0};
    get(&r, "entities", 2, "limit", "1", "offset", "0");
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\"limit\":1,\"offset\":0,\"entities\":[{"));
    assert_false(has(&r, "},{"));
    get(&r, "entities", 1, "offset", "1000");
    assert_true(has(&r, "\"entities\":[]}"));
    get(&r, "quotes", 1, "limit", "1001");
    assert_int_equal(r.status, 400);
    get(&r, "quotes", 2, "until", "2019-05", "outlet", "lake gazette");
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\"doc\":\"ferry\""));
    assert_false(has(&r, "\"doc\":\"storm\""));
    get(&r, "events", 0);
    assert_int_equal(r.status, 200);
    get(&r, "conflicts", 0);
    assert_int_equal(r.status, 200);
    assert_true(has(&r, "\"conflicts\":["));
    get(&r, "claims", 0);
    assert_int_equal(r.status, 200);
    buf_free(&r.body);
}

static void set_body(reply *r, const char *s)
{
    r->status = 200;
    r->body.n = 0;
    buf_puts(&r->body, s);
}

static void the_cache_serves_a_request_again_until_the_generation_moves(void **state)
{
    reply_cache *k = cache_new(64);
    buf a, b;
    buf_init(&a);
    buf_init(&b);
    buf_puts(&a, "6:search|1:q=5:ferry");
    buf_puts(&b, "6:search|1:q=5:storm");
    reply put = {0}, got = {0};
    set_body(&put, "{\"hits\":[]}");
    assert_false(cache_get(k, &a, 1, &got));
    cache_put(k, &a, 1, &put);
    assert_true(cache_get(k, &a, 1, &got));
    assert_int_equal(got.status, 200);
    assert_int_equal(got.body.n, put.body.n);
    assert_memory_equal(got.body.p, put.body.p, put.body.n);
    assert_false(cache_get(k, &b, 1, &got));   /* another request */
    assert_false(cache_get(k, &a, 2, &got));   /* the store changed */
    assert_false(cache_get(k, &a, 1, &got));   /* and the old entry is gone */
    /* too large to keep */
    buf big;
    buf_init(&big);
    for (int i = 0; i < 300 * 1024; i++) buf_putc(&big, 'x');
    set_body(&put, buf_cstr(&big));
    cache_put(k, &a, 2, &put);
    assert_false(cache_get(k, &a, 2, &got));
    assert_false(cache_get(NULL, &a, 2, &got));   /* no cache: never a hit */
    cache_put(NULL, &a, 2, &put);
    cache_free(k);
    buf_free(&a);
    buf_free(&b);
    buf_free(&big);
    buf_free(&put.body);
    buf_free(&got.body);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(search_returns_hits_with_the_command_lines_fields),
        cmocka_unit_test(bad_parameters_are_400_with_a_json_error),
        cmocka_unit_test(unknown_things_are_404),
        cmocka_unit_test(an_article_is_its_extract_object_escaped),
        cmocka_unit_test(an_entity_by_any_name_with_its_articles_and_quotes),
        cmocka_unit_test(lists_are_paged_within_bounds),
        cmocka_unit_test(the_cache_serves_a_request_again_until_the_generation_moves),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
