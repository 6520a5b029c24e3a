/* test_utf8.c — text that must stay valid UTF-8 whatever comes in: cuts on a
 * byte budget, the JSON writer, file names that are not UTF-8 (issue 9). */
#include "testutil.h"

#include "core/json.h"
#include "core/utf8.h"

static bool valid(const char *s) { return utf8_valid_prefix(s, strlen(s)) == strlen(s); }

static void a_cut_falls_on_a_character_boundary(void **state)
{
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\xb0";   /* a é € 📰: 1, 2, 3, 4 bytes */
    static const size_t want[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10};
    for (size_t n = 0; n <= 10; n++) assert_int_equal(utf8_whole(s, n), want[n]);
    assert_int_equal(utf8_whole("\x80\x80\x80\x80\x80", 5), 5);   /* no lead byte: left alone */
}

static void json_strings_are_valid_utf8_whatever_they_hold(void **state)
{
    buf b;
    buf_init(&b);
    const char in[] = "ok \xc3\xa9 \xff bad \xe2\x82 cut \xed\xa0\x80 surrogate \xc0\xaf overlong \x01";
    json_str(&b, in, sizeof in - 1);
    const char *out = buf_cstr(&b);
    assert_true(valid(out));
    assert_non_null(strstr(out, "ok \xc3\xa9 \\ufffd bad "));
    assert_non_null(strstr(out, "\\u0001\""));
    assert_null(strchr(out, '\xff'));
    buf_free(&b);
}

static void file_names_that_are_not_utf8_give_a_valid_id_and_source(void **state)
{
    input in;
    char err[256];
    const char *text = "Council reopens the bridge\n\nThe council reopened the bridge on Monday.\n";
    assert_int_equal(read_bytes(text, strlen(text), &in, err, sizeof err), 0);
    article *a = dossier_extract(test_dossier(), &in, "caf\xe9-news", "/in/caf\xe9-news.txt");
    input_free(&in);
    assert_string_equal(a->id, "caf\xef\xbf\xbd-news");
    assert_string_equal(a->source, "/in/caf\xef\xbf\xbd-news.txt");
    buf b;
    buf_init(&b);
    dossier_article_json(a, &b);
    assert_true(valid(buf_cstr(&b)));
    buf_free(&b);
    article_free(a);
}

/* A <title> of 300 euro signs is 901 bytes: cut at the 600-byte metadata
 * budget it ended mid-character, and the JSON line was not UTF-8. */
static void a_long_title_is_cut_between_characters(void **state)
{
    buf page;
    buf_init(&page);
    buf_puts(&page, "<html><head><title>a");
    for (int i = 0; i < 300; i++) buf_puts(&page, "\xe2\x82\xac");
    buf_puts(&page, "</title></head><body><p>The council reopened the bridge on Monday, "
                    "after two months of repairs.</p></body></html>");
    article *a = test_extract(buf_cstr(&page));
    assert_non_null(a);
    assert_non_null(a->title);
    assert_true(strlen(a->title) <= 600 && strlen(a->title) > 500);
    assert_true(valid(a->title));
    buf j;
    buf_init(&j);
    dossier_article_json(a, &j);
    assert_true(valid(buf_cstr(&j)));
    buf_free(&j);
    article_free(a);
    buf_free(&page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_cut_falls_on_a_character_boundary),
        cmocka_unit_test(json_strings_are_valid_utf8_whatever_they_hold),
        cmocka_unit_test(file_names_that_are_not_utf8_give_a_valid_id_and_source),
        cmocka_unit_test(a_long_title_is_cut_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
