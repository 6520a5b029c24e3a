/* test_html.c — article body and metadata from HTML pages written for the test,
 * and pages built to break the cleaner (no body, deep nesting, huge, broken). */
#include "testutil.h"

#include "clean/html_internal.h"

/* A page with the usual furniture around an article body. */
#define NAV "<nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li>" \
            "<li><a href=/sport>Sport</a></li></ul></nav>"
#define SIDEBAR "<div class=\"sidebar\"><h3>Most read</h3><ul>" \
                "<li><a href=/a>Local council approves new budget for the harbour</a></li>" \
                "<li><a href=/b>Storm closes the coastal road for a second day</a></li></ul></div>"
#define P1 "The river rose by two metres overnight, and the town council opened three shelters for families."
#define P2 "Engineers said the old levee, built in 1952, held through the night, though water seeped under it in places."
#define P3 "Residents who left their homes were told to wait until the morning before returning, the mayor said."

static const char *page(const char *head, const char *body)
{
    static char out[16384];
    snprintf(out, sizeof out, "<!DOCTYPE html><html><head>%s</head><body>%s</body></html>", head, body);
    return out;
}

static bool removed_has(const article *a, const char *needle)
{
    for (uint32_t i = 0; i < a->removed.n; i++) {
        if (strstr(a->removed.v[i], needle)) return true;
    }
    return false;
}

static void body_is_found_among_furniture(void **state)
{
    article *a = test_extract(page("<title>Flood</title>",
        NAV "<div id=wrap>" SIDEBAR "<article><h1>River floods the old town</h1>"
        "<p>" P1 "</p><p>" P2 "</p><p>" P3 "</p></article></div>"
        "<footer><p>Copyright 2020 The Courier. All rights reserved, everywhere, always.</p></footer>"));
    assert_non_null(a);
    assert_true(a->is_html);
    assert_string_equal(a->text, P1 "\n\n" P2 "\n\n" P3);
    assert_int_equal(a->paras.n, 3);
    article_free(a);
}

static void headings_and_lists_stay_in_the_body(void **state)
{
    article *a = test_extract(page("",
        "<div class=story><h1>Headline</h1><p>" P1 "</p><h2>What comes next</h2><p>" P2 "</p>"
        "<ul><li>Shelters stay open until Friday.</li><li>Schools are closed on Monday.</li></ul>"
        "<p>" P3 "</p></div>"));
    assert_string_equal(a->text, P1 "\n\nWhat comes next\n\n" P2 "\n\nShelters stay open until Friday.\n\n"
                                 "Schools are closed on Monday.\n\n" P3);
    assert_null(strstr(a->text, "Headline"));
    article_free(a);
    /* A later <h1> that is not the headline is a section heading. */
    a = test_extract(page("", "<h1>Headline</h1><div class=story><p>" P1 "</p><h1>Part two</h1><p>" P2 "</p></div>"));
    assert_string_equal(a->text, P1 "\n\nPart two\n\n" P2);
    article_free(a);
}

static void boilerplate_blocks_are_dropped(void **state)
{
    article *a = test_extract(page("",
        "<div class=article-body><p>" P1 "</p>"
        "<div class=\"social-share\"><a href=#>Facebook</a> <a href=#>Twitter</a></div>"
        "<p>" P2 "</p><div class=newsletter-signup>Get our morning briefing in your inbox every day</div>"
        "<p>" P3 "</p><div class=related-stories><h3>Related</h3><p>Levee repairs were promised in 2019, "
        "but the money never came, officials now admit.</p></div></div>"
        "<div id=comments><p>I live there, and the water, honestly, was everywhere by midnight.</p></div>"));
    assert_string_equal(a->text, P1 "\n\n" P2 "\n\n" P3);
    assert_true(removed_has(a, "Levee repairs were promised"));
    article_free(a);
}

static void captions_bylines_and_junk_go_to_removed(void **state)
{
    article *a = test_extract(page("",
        "<article><div class=byline>By Ana Ruiz</div><p>" P1 "</p>"
        "<figure><img src=a.jpg><figcaption>Water on Main Street on Tuesday.</figcaption></figure>"
        "<p>Advertisement</p><p>" P2 "</p>"
        "<div class=\"wp-caption\"><img src=b.jpg><p class=wp-caption-text>The levee at dawn.</p></div>"
        "<p>" P3 "</p><p><a href=/next>Ten more towns brace for the flood</a></p></article>"));
    assert_string_equal(a->text, P1 "\n\n" P2 "\n\n" P3);
    assert_true(removed_has(a, "By Ana Ruiz"));
    assert_true(removed_has(a, "Water on Main Street on Tuesday."));
    assert_true(removed_has(a, "The levee at dawn."));
    assert_true(removed_has(a, "Advertisement"));
    assert_true(removed_has(a, "Ten more towns brace"));
    article_free(a);
}

static void white_space_is_collapsed_and_breaks_split(void **state)
{
    article *a = test_extract(page("",
        "<div class=content><p>The   river\n\n rose&nbsp;by <b>two</b>\tmetres, and the council, "
        "meeting late, opened shelters.</p><p>First line of a letter to residents,<br>still the same "
        "paragraph, it goes on.<br><br>A new paragraph after two breaks, as editors write them.</p></div>"));
    assert_string_equal(a->text,
        "The river rose by two metres, and the council, meeting late, opened shelters.\n\n"
        "First line of a letter to residents, still the same paragraph, it goes on.\n\n"
        "A new paragraph after two breaks, as editors write them.");
    article_free(a);
}

static void title_prefers_og_and_drops_site_name(void **state)
{
    article *a = test_extract(page("<title>River floods the old town | The Courier</title>"
                                   "<meta property=\"og:site_name\" content=\"The Courier\">",
                                   "<p>" P1 "</p>"));
    assert_string_equal(a->title, "River floods the old town");
    assert_string_equal(a->outlet, "The Courier");
    article_free(a);
    a = test_extract(page("<title>Courier - River floods</title>"
                          "<meta property=\"og:title\" content=\"River floods the old town\">",
                          "<p>" P1 "</p>"));
    assert_string_equal(a->title, "River floods the old town");
    article_free(a);
    a = test_extract(page("", "<h1>  River floods\n the old town </h1><p>" P1 "</p>"));
    assert_string_equal(a->title, "River floods the old town");
    article_free(a);
}

static const char *title_of(const char *title, const char *site)
{
    static char head[512], out[512];
    snprintf(head, sizeof head, "<title>%s</title>%s%s%s", title, site ? "<meta property=og:site_name content=\"" : "",
             site ? site : "", site ? "\">" : "");
    article *a = test_extract(page(head, "<p>" P1 "</p>"));
    snprintf(out, sizeof out, "%s", a->title ? a->title : "(null)");
    article_free(a);
    return out;
}

static void site_names_come_off_titles_only_when_they_match(void **state)
{
    assert_string_equal(title_of("Ferry fares rise again | Harbour News", "Harbour"), "Ferry fares rise again");
    assert_string_equal(title_of("Harbour News - Ferry fares rise again", "Harbour News"), "Ferry fares rise again");
    assert_string_equal(title_of("The harbour view on fares | theharbour.com", "The Harbour"), "The harbour view on fares");
    assert_string_equal(title_of("Why voxel art is back - Voxel Weekly", "Vox"), "Why voxel art is back - Voxel Weekly");
    assert_string_equal(title_of("Ferry fares rise again | Harbour News", NULL), "Ferry fares rise again");
    assert_string_equal(title_of("Fares - a history", NULL), "Fares - a history");
}

static void published_from_meta_tags(void **state)
{
    article *a = test_extract(page("<meta name=\"date\" content=\"2001-01-01\">"
                                   "<meta property=\"article:published_time\" content=\"2019-11-19T10:04:00Z\">",
                                   "<p>" P1 "</p>"));
    assert_string_equal(a->published, "2019-11-19");
    assert_int_equal(a->pubdate.y, 2019);
    assert_int_equal(a->pubdate.m, 11);
    assert_int_equal(a->pubdate.d, 19);
    article_free(a);
}

static void metadata_from_messy_json_ld(void **state)
{
    /* A raw newline in a string and a trailing comma: not JSON, but common. */
    article *a = test_extract(page(
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"Wrong Site\"},"
        "{\"@type\":[\"NewsArticle\"],\"headline\":\"River \\u201cfloods\\u201d\n town\","
        "\"datePublished\":\"2018-03-04T08:00:00+01:00\",\"publisher\":{\"@type\":\"Organization\","
        "\"name\":\"The Courier &amp; Post\",},}]}</script>",
        "<p>" P1 "</p>"));
    assert_string_equal(a->title, "River \u201cfloods\u201d town");
    assert_string_equal(a->published, "2018-03-04");
    assert_string_equal(a->outlet, "The Courier & Post");
    article_free(a);
}

static void published_from_time_element_and_visible_text(void **state)
{
    article *a = test_extract(page("", "<article><h1>Flood</h1><time datetime=\"2017-06-05\">Monday</time>"
                                       "<p>" P1 "</p></article>"));
    assert_string_equal(a->published, "2017-06-05");
    article_free(a);
    a = test_extract(page("", "<article><h1>Flood</h1><div class=meta>Posted on March 3, 2016 at 10:00</div>"
                              "<p>" P1 "</p></article>"));
    assert_string_equal(a->published, "2016-03-03");
    article_free(a);
}

static void json_ld_body_when_the_page_has_none(void **state)
{
    article *a = test_extract(page(
        "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"articleBody\":"
        "\"" P1 "\\n\\n" P2 "\"}</script>",
        "<div id=app></div><script>render()</script>"));
    assert_string_equal(a->text, P1 "\n\n" P2);
    article_free(a);
}

static void short_article_in_an_unlikely_wrapper(void **state)
{
    /* The strict pass drops the wrapper; the relaxed pass brings it back. */
    article *a = test_extract(page("", NAV "<div class=\"layout-with-sidebar\"><p>" P1 "</p></div>"));
    assert_string_equal(a->text, P1);
    article_free(a);
}

static void jsonld_reader_keeps_what_it_read(void **state)
{
    arena mem;
    arena_init(&mem);
    ldfields f = {0};
    const char *cut = "[{\"@type\":\"Person\",\"name\":\"X\"},{\"@type\":\"BlogPosting\",\"headline\":\"Half";
    jsonld_scan(cut, strlen(cut), &mem, &f);
    assert_null(f.headline);   /* the article object never closed */
    const char *ok = "{\"@type\":\"ReportageNewsArticle\",\"headline\":\"A\\\"B\\\\C \\ud83d\\ude00\","
                     "\"datePublished\":\"2020-02-02\",\"publisher\":\"Daily\",\"articleBody\":\"Text\"}";
    memset(&f, 0, sizeof f);
    jsonld_scan(ok, strlen(ok), &mem, &f);
    assert_true(f.from_article);
    assert_string_equal(f.headline, "A\"B\\C \U0001F600");
    assert_string_equal(f.published, "2020-02-02");
    assert_string_equal(f.publisher, "Daily");
    assert_string_equal(f.body, "Text");
    const char *deep = "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{}";
    memset(&f, 0, sizeof f);
    jsonld_scan(deep, strlen(deep), &mem, &f);
    assert_null(f.headline);
    arena_free(&mem);
}

/* --- pages built to break it ------------------------------------------------ */

static void pages_without_a_body(void **state)
{
    static const char *const pages[] = {
        "<html></html>",
        "<!DOCTYPE html><html><head><title>Only a title</title></head></html>",
        "<html><head><script>var a = '<p>not text</p>';</script><style>p{}</style></head>"
        "<body><script>document.write('<p>x</p>')</script><noscript>Enable JS</noscript></body></html>",
        "<html><body></body></html>",
        "<html><body><p></p><div> </div></body></html>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        article *a = test_extract(pages[i]);
        assert_non_null(a);
        assert_string_equal(a->text, "");
        assert_int_equal(a->paras.n, 0);
        article_free(a);
    }
    article *a = test_extract(pages[1]);
    assert_string_equal(a->title, "Only a title");
    article_free(a);
}

static void broken_markup_is_read_as_browsers_do(void **state)
{
    article *a = test_extract("<html><body><div class=story><p>" P1 "<p>" P2 "</b></i></span>"
                              "<p>" P3 "</div></div></div><p><<<>>></body></html></html><p>");
    assert_non_null(a);
    assert_non_null(strstr(a->text, P1));
    assert_non_null(strstr(a->text, P2));
    assert_non_null(strstr(a->text, P3));
    article_free(a);
}

/* libxml2 recovers "<?xml><html/>x" as an empty <html> followed by a second
 * <html> holding the body: the body must be found there, with its facts
 * (it was a crash, issue 9). */
static void a_second_root_element_holds_the_body(void **state)
{
    article *a = test_extract("<?xml><html/>x");
    assert_non_null(a);
    assert_string_equal(a->text, "x");
    article_free(a);
    a = test_extract("<?xml><html/><title>Second root</title><p>" P1 "</p>");
    assert_non_null(a);
    assert_string_equal(a->text, P1);
    assert_string_equal(a->title, "Second root");
    article_free(a);
}

static void ten_thousand_levels_deep(void **state)
{
    enum { DEPTH = 10000 };
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body>");
    for (int i = 0; i < DEPTH; i++) buf_puts(&b, "<div>");
    buf_puts(&b, "<p>" P1 "</p>");
    for (int i = 0; i < DEPTH; i++) buf_puts(&b, "</div>");
    buf_puts(&b, "<p>" P2 "</p></body></html>");
    article *a = test_extract(buf_cstr(&b));
    assert_non_null(a);
    assert_non_null(strstr(a->text, P1));
    article_free(a);
    buf_free(&b);
}

static void a_page_of_tens_of_megabytes(void **state)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body>" NAV "<div class=story>");
    while (b.n < (size_t)24 << 20) buf_puts(&b, "<p>" P1 " " P2 "</p>\n");
    buf_puts(&b, "</div></body></html>");
    article *a = test_extract(buf_cstr(&b));
    assert_non_null(a);
    assert_true(a->len > (16u << 20));
    assert_true(a->paras.n > 100000);
    assert_null(strstr(a->text, "Sport"));
    article_free(a);
    buf_free(&b);
}

static void windows_1252_page(void **state)
{
    /* \x93 \x94 are curly quotes and \xe9 is e-acute in windows-1252. */
    article *a = test_extract("<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head>"
                              "<body><p>\x93We stay,\x94 said the owner of the caf\xe9, whose terrace was "
                              "under water by noon on Tuesday.</p></body></html>");
    assert_non_null(a);
    assert_string_equal(a->title, "Caf\xc3\xa9");
    assert_non_null(strstr(a->text, "\xe2\x80\x9cWe stay,\xe2\x80\x9d said the owner of the caf\xc3\xa9"));
    article_free(a);
}

int main(void)
{
    dossier_set_steps(test_dossier(), 0);   /* read + clean: what these tests look at */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(body_is_found_among_furniture),
        cmocka_unit_test(headings_and_lists_stay_in_the_body),
        cmocka_unit_test(boilerplate_blocks_are_dropped),
        cmocka_unit_test(captions_bylines_and_junk_go_to_removed),
        cmocka_unit_test(white_space_is_collapsed_and_breaks_split),
        cmocka_unit_test(title_prefers_og_and_drops_site_name),
        cmocka_unit_test(site_names_come_off_titles_only_when_they_match),
        cmocka_unit_test(published_from_meta_tags),
        cmocka_unit_test(metadata_from_messy_json_ld),
        cmocka_unit_test(published_from_time_element_and_visible_text),
        cmocka_unit_test(json_ld_body_when_the_page_has_none),
        cmocka_unit_test(short_article_in_an_unlikely_wrapper),
        cmocka_unit_test(jsonld_reader_keeps_what_it_read),
        cmocka_unit_test(pages_without_a_body),
        cmocka_unit_test(broken_markup_is_read_as_browsers_do),
        cmocka_unit_test(a_second_root_element_holds_the_body),
        cmocka_unit_test(ten_thousand_levels_deep),
        cmocka_unit_test(a_page_of_tens_of_megabytes),
        cmocka_unit_test(windows_1252_page),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
