/* test_query.c — search ranking, filters, snippets and query syntax, and show
 * by id, over a small store of articles invented for the test. */
#include "testutil.h"

#include <math.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/date.h"
#include "query/query.h"
#include "store/store.h"

static char dir[64];
static char path[128];
static store *db;

typedef struct fixture {
    const char *id, *title, *published, *outlet, *text;
} fixture;

static const fixture corpus[] = {
    {"floods", "Floods cut off mountain villages", "2015-03-02", "Valley Times",
     "Floods washed away two bridges on Sunday.\n\n"
     "The flood waters reached the school, and the flood defences failed in three places."},
    {"budget", "Council debates new budget", "2016-07", "City Herald",
     "The council argued for five hours about road repairs.\n\n"
     "One member said last year's flood had emptied the repair fund."},
    {"strike", "Rail strike ends after talks", "2014", "valley times",
     "Workers of the Trans-Valley Rail company went back to work on Friday.\n\n"
     "The union said the new contract was fair."},
    {"undated", "Notes from the harbour", NULL, NULL,
     "Fishing boats stayed in port while the flood warning lasted."},
};
enum { NCORPUS = sizeof corpus / sizeof *corpus };

static article *make(const fixture *f)
{
    article *a = article_new();
    a->id = f->id;
    a->source = arena_printf(&a->mem, "corpus/%s.txt", f->id);
    a->title = f->title;
    a->published = f->published;
    a->outlet = f->outlet;
    a->text = arena_strdup(&a->mem, f->text);
    a->len = (uint32_t)strlen(f->text);
    sentence *s = ARENA_PUSH(&a->mem, a->sents);
    s->end = a->len;
    return a;
}

static int setup(void **state)
{
    char err[512];
    snprintf(dir, sizeof dir, "/tmp/dossier-query-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(path, sizeof path, "%s/q.db", dir);
    store *w = store_open(path, STORE_WRITE, err, sizeof err);
    if (!w || store_begin(w, err, sizeof err) != 0) return -1;
    buf json;
    buf_init(&json);
    for (int i = 0; i < NCORPUS; i++) {
        article *a = make(&corpus[i]);
        json.n = 0;
        dossier_article_json(a, &json);
        if (store_put_article(w, a, json.p, json.n, err, sizeof err) != STORE_NEW) return -1;
        article_free(a);
    }
    buf_free(&json);
    if (store_commit(w, err, sizeof err) != 0) return -1;
    store_close(w);
    db = store_open(path, STORE_READ, err, sizeof err);
    return db ? 0 : -1;
}

static int teardown(void **state)
{
    char p[160];
    store_close(db);
    static const char *const sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

/* The ids found, in rank order, joined with spaces. */
typedef struct found {
    char ids[256];
    char snippet[512];
    double last_score;
    int n;
    bool ordered;
} found;

static int collect(const query_hit *h, void *ctx)
{
    found *f = ctx;
    if (f->ids[0]) strcat(f->ids, " ");
    strcat(f->ids, h->id);
    if (!f->snippet[0]) snprintf(f->snippet, sizeof f->snippet, "%s", h->snippet);
    if (f->n++ && h->score > f->last_score) f->ordered = false;
    f->last_score = h->score;
    return 0;
}

static const char *search(const char *text, const query_filter *filter)
{
    static found f;
    char err[256];
    memset(&f, 0, sizeof f);
    f.ordered = true;
    int n = query_search(db, text, filter, collect, &f, err, sizeof err);
    if (n < 0) fail_msg("search '%s': %s", text, err);
    assert_true(f.ordered);
    return f.ids;
}

static void title_and_frequency_rank_first(void **state)
{
    /* budget and undated say "flood" once each: the shorter text ranks higher */
    assert_string_equal(search("flood", NULL), "floods undated budget");
    assert_string_equal(search("rail", NULL), "strike");
}

static void words_are_all_required_unless_or(void **state)
{
    assert_string_equal(search("flood council", NULL), "budget");
    assert_string_equal(search("harbour OR union", NULL), "undated strike");
    assert_string_equal(search("\"flood warning\"", NULL), "undated");
    assert_string_equal(search("flood NOT council", NULL), "floods undated");
    assert_string_equal(search("title:flood*", NULL), "floods");
}

static void dates_filter_at_the_precision_given(void **state)
{
    assert_string_equal(search("flood", &(query_filter){.since = "2015-01-01"}), "floods budget");
    /* "2016-07" is within --since 2016-07-15: it may be later in July */
    assert_string_equal(search("flood", &(query_filter){.since = "2016-07-15"}), "budget");
    assert_string_equal(search("flood", &(query_filter){.until = "2015-03"}), "floods");
    /* --until 2014 takes all of 2014; an article dated 2014 is in --since 2014-12-31 */
    assert_string_equal(search("work", &(query_filter){.until = "2014"}), "strike");
    assert_string_equal(search("work", &(query_filter){.since = "2014-12-31"}), "strike");
    assert_string_equal(search("work", &(query_filter){.since = "2015"}), "");
}

static void outlet_matches_in_any_case(void **state)
{
    assert_string_equal(search("bridges OR rail", &(query_filter){.outlet = "VALLEY TIMES"}), "strike floods");
    assert_string_equal(search("flood", &(query_filter){.outlet = "Valley"}), "");
}

static void limit_and_offset_page_through(void **state)
{
    assert_string_equal(search("flood", &(query_filter){.limit = 1}), "floods");
    assert_string_equal(search("flood", &(query_filter){.limit = 1, .offset = 1}), "undated");
    assert_string_equal(search("flood", &(query_filter){.offset = 2}), "budget");
}

static void snippets_mark_the_matched_words_on_one_line(void **state)
{
    found f = {.ordered = true};
    char err[256];
    query_filter q = {.mark_open = "<b>", .mark_close = "</b>"};
    assert_int_equal(query_search(db, "defences", &q, collect, &f, err, sizeof err), 1);
    assert_non_null(strstr(f.snippet, "flood <b>defences</b> failed"));
    assert_null(strchr(f.snippet, '\n'));
}

static void hyphenated_words_are_searched_as_phrases(void **state)
{
    assert_string_equal(search("Trans-Valley", NULL), "strike");
    assert_string_equal(search("year's flood", NULL), "budget");
}

static void malformed_searches_and_dates_are_bad_queries(void **state)
{
    char err[256];
    assert_int_equal(query_search(db, "flood AND", NULL, NULL, NULL, err, sizeof err), QUERY_BAD_QUERY);
    assert_int_equal(query_search(db, "\"flood", NULL, NULL, NULL, err, sizeof err), QUERY_BAD_QUERY);
    assert_int_equal(query_search(db, "nosuchcolumn:flood", NULL, NULL, NULL, err, sizeof err), QUERY_BAD_QUERY);
    assert_int_equal(query_search(db, "NEAR(flood school, x)", NULL, NULL, NULL, err, sizeof err), QUERY_BAD_QUERY);
    assert_int_equal(query_search(db, "   ", NULL, NULL, NULL, err, sizeof err), QUERY_BAD_QUERY);
    assert_int_equal(query_search(db, "flood", &(query_filter){.since = "soonish"}, NULL, NULL, err, sizeof err),
                     QUERY_BAD_QUERY);
    assert_non_null(strstr(err, "soonish"));
    /* FTS5's special queries crashed the ranking function (fuzz_query) */
    assert_true(query_search(db, "*id", NULL, NULL, NULL, err, sizeof err) >= 0);
    assert_true(query_search(db, "*reads", NULL, NULL, NULL, err, sizeof err) >= 0);
}

/* 1,000 words took 12.9 s in FTS5: past QUERY_MAX_TERMS a search is refused. */
static void searches_are_bounded_in_words(void **state)
{
    char err[256];
    assert_int_equal(query_terms("flood AND \"school closed\" title:rain Tehrik-i-Taliban"), 9);   /* as FTS5 splits words */
    buf q;
    buf_init(&q);
    for (int i = 0; i < QUERY_MAX_TERMS; i++) buf_puts(&q, i ? " flood" : "flood");
    assert_true(query_search(db, buf_cstr(&q), NULL, NULL, NULL, err, sizeof err) >= 0);
    for (int i = QUERY_MAX_TERMS; i < 1000; i++) buf_puts(&q, " flood");
    assert_int_equal(query_search(db, buf_cstr(&q), NULL, NULL, NULL, err, sizeof err), QUERY_BAD_QUERY);
    assert_non_null(strstr(err, "1000 words"));
    buf_free(&q);
}

static void the_fts_text_quotes_only_punctuated_words(void **state)
{
    static const char *const cases[][2] = {
        {"flood relief", "flood relief"},
        {"Jubilee-e-Umoja said", "\"Jubilee-e-Umoja\" said"},
        {"U.S. aid", "\"U.S.\" aid"},
        {"attack OR bombing NOT drill", "attack OR bombing NOT drill"},
        {"title:attack negot*", "title:attack negot*"},
        {"NEAR(school attack, 5)", "NEAR(school attack, 5)"},
        {"\"no left-or-right\" party", "\"no left-or-right\" party"},
        {"Mombasa, Kenya", "\"Mombasa,\" Kenya"},
        {"Karachi’s port", "Karachi’s port"},
        /* FTS5's special queries ("*id", "*reads") are words to the user */
        {"*id", "\"*id\""},
        {"  *reads cards", "  \"*reads\" cards"},
        {"*", "\"*\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        buf b;
        buf_init(&b);
        query_fts_text(cases[i][0], &b);
        assert_string_equal(buf_cstr(&b), cases[i][1]);
        buf_free(&b);
    }
}

static void dates_are_normalised(void **state)
{
    char out[16];
    assert_int_equal(date_filter("2014", out, sizeof out), 0);
    assert_string_equal(out, "2014");
    assert_int_equal(date_filter("2014-12", out, sizeof out), 0);
    assert_string_equal(out, "2014-12");
    assert_int_equal(date_filter("2014-12-17", out, sizeof out), 0);
    assert_string_equal(out, "2014-12-17");
    assert_int_equal(date_filter("2014-13", out, sizeof out), -1);
    assert_int_equal(date_filter("2014-02-30", out, sizeof out), -1);
    assert_int_equal(date_filter("14-12-17", out, sizeof out), -1);
    assert_int_equal(date_filter("last week", out, sizeof out), -1);
    assert_int_equal(date_filter("2014-12-17 and more", out, sizeof out), -1);
}

static int copy_json(const query_article_row *r, void *ctx)
{
    buf *b = ctx;
    buf_put(b, r->json, r->json_len);
    assert_int_equal(r->sentences, 1);
    assert_string_equal(r->source, "corpus/budget.txt");
    return 0;
}

static void show_gives_the_stored_json_or_not_found(void **state)
{
    char err[256];
    buf got, want;
    buf_init(&got);
    buf_init(&want);
    assert_int_equal(query_article(db, "budget", copy_json, &got, err, sizeof err), QUERY_OK);
    article *a = make(&corpus[1]);
    dossier_article_json(a, &want);
    article_free(a);
    assert_string_equal(buf_cstr(&got), buf_cstr(&want));
    assert_int_equal(query_article(db, "no-such-id", copy_json, &got, err, sizeof err), QUERY_NOT_FOUND);
    assert_non_null(strstr(err, "no-such-id"));
    buf_free(&got);
    buf_free(&want);
}

/* query_search ranks with dossier_rank and a heap of its own: the order and
 * scores must be those of FTS5's ORDER BY rank (the store's bm25 weights),
 * ties aside. Compared on the connection s, whatever it has written. */
typedef struct ranked {
    char ids[512];
    double scores[16];
    int n;
} ranked;

static int collect_ranked(const query_hit *h, void *ctx)
{
    ranked *r = ctx;
    if (r->ids[0]) strcat(r->ids, " ");
    strcat(r->ids, h->id);
    if (r->n < 16) r->scores[r->n] = h->score;
    r->n++;
    return 0;
}

static void assert_ranked_as_fts5(store *s, const char *text)
{
    char err[256];
    ranked got = {0}, want = {0};
    assert_true(query_search(s, text, &(query_filter){.limit = 100}, collect_ranked, &got, err, sizeof err) >= 0);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_sqlite(s),
                                        "SELECT a.id, -articles_fts.rank FROM articles_fts"
                                        " JOIN articles a ON a.rowid = articles_fts.rowid"
                                        " WHERE articles_fts MATCH ?1 ORDER BY articles_fts.rank",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (want.ids[0]) strcat(want.ids, " ");
        strcat(want.ids, (const char *)sqlite3_column_text(st, 0));
        if (want.n < 16) want.scores[want.n] = sqlite3_column_double(st, 1);
        want.n++;
    }
    sqlite3_finalize(st);
    assert_true(want.n > 0);
    assert_string_equal(got.ids, want.ids);
    for (int i = 0; i < want.n && i < 16; i++) assert_true(fabs(got.scores[i] - want.scores[i]) < 1e-12);
}

static void ranks_and_scores_are_fts5s_own(void **state)
{
    static const char *const texts[] = {
        "flood", "flood OR rail OR union", "title:flood OR work", "\"flood warning\" OR council OR fair",
        "flood*", "NEAR(flood school, 5) OR boats",
        /* one word or one phrase: scored in one walk of its rows (dossier_rank_all) */
        "union", "\"flood warning\"", "\"Trans-Valley\"", "  flood  ",
    };
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) assert_ranked_as_fts5(db, texts[i]);
}

static int count_snippets(const query_hit *h, void *ctx)
{
    *(int *)ctx += h->snippet != NULL;
    return 0;
}

static void hits_come_without_snippets_when_asked(void **state)
{
    char err[256];
    int snippets = 0;
    assert_string_equal(search("flood", &(query_filter){.no_snippets = true}), "floods undated budget");
    assert_int_equal(query_search(db, "flood", &(query_filter){.no_snippets = true}, count_snippets, &snippets, err,
                                  sizeof err),
                     3);
    assert_int_equal(snippets, 0);
}

/* The articles' lengths are kept per connection between searches: an
 * article another connection commits, and one a writer has not committed
 * yet, are ranked as FTS5 ranks them. (Last: it adds to the store.) */
static void ranks_follow_a_store_that_changes(void **state)
{
    char err[512];
    assert_ranked_as_fts5(db, "flood");
    store *w = store_open(path, STORE_WRITE, err, sizeof err);
    assert_non_null(w);
    assert_ranked_as_fts5(w, "flood");
    static const fixture more[] = {
        {"deluge", "Flood, flood and flood again", "2017-01-01", "Valley Times",
         "The flood came back. Flood after flood after flood, the river rose all spring."},
        {"drought", "Dry summer", "2017-08-01", "Valley Times",
         "Not one flood this year: the fields are dust, and the union asks for help."},
    };
    buf json;
    buf_init(&json);
    for (int i = 0; i < 2; i++) {
        assert_int_equal(store_begin(w, err, sizeof err), 0);
        article *a = make(&more[i]);
        dossier_article_json(a, &json);
        assert_int_equal(store_put_article(w, a, json.p, json.n, err, sizeof err), STORE_NEW);
        article_free(a);
        json.n = 0;
        assert_ranked_as_fts5(w, "flood");   /* its own batch, not committed */
        assert_ranked_as_fts5(db, "flood");  /* what was committed before it */
        assert_int_equal(store_commit(w, err, sizeof err), 0);
        assert_ranked_as_fts5(db, "flood");
        assert_ranked_as_fts5(db, "flood OR union");
    }
    assert_non_null(strstr(search("flood", NULL), "deluge"));
    buf_free(&json);
    store_close(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(title_and_frequency_rank_first),
        cmocka_unit_test(words_are_all_required_unless_or),
        cmocka_unit_test(dates_filter_at_the_precision_given),
        cmocka_unit_test(outlet_matches_in_any_case),
        cmocka_unit_test(limit_and_offset_page_through),
        cmocka_unit_test(snippets_mark_the_matched_words_on_one_line),
        cmocka_unit_test(hyphenated_words_are_searched_as_phrases),
        cmocka_unit_test(malformed_searches_and_dates_are_bad_queries),
        cmocka_unit_test(searches_are_bounded_in_words),
        cmocka_unit_test(the_fts_text_quotes_only_punctuated_words),
        cmocka_unit_test(dates_are_normalised),
        cmocka_unit_test(show_gives_the_stored_json_or_not_found),
        cmocka_unit_test(ranks_and_scores_are_fts5s_own),
        cmocka_unit_test(hits_come_without_snippets_when_asked),
        cmocka_unit_test(ranks_follow_a_store_that_changes),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
