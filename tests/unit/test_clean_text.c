/* test_clean_text.c — the plain-text cleaner and dateline finder, on pages
 * written for the test: every junk kind, metadata form and dateline form. */
#include "testutil.h"

#include "clean/clean.h"
#include "clean/text_internal.h"

#include <unistd.h>

static const clean_res *res(void)
{
    static clean_res *r;
    if (!r) {
        char err[512];
        const char *dir = getenv("DOSSIER_DATA");
        r = clean_load(dir && *dir ? dir : DOSSIER_DATA_DIR, err, sizeof err);
        if (!r) {
            fprintf(stderr, "test: %s\n", err);
            abort();
        }
    }
    return r;
}

/* Cleans a plain-text page given as a string. */
static article *clean_str(const char *text)
{
    article *a = article_new();
    input in = {.text = (char *)text, .len = strlen(text), .kind = INPUT_TEXT};
    clean_article(res(), a, &in);
    return a;
}

static bool removed_has(const article *a, const char *line)
{
    for (uint32_t i = 0; i < a->removed.n; i++)
        if (strcmp(a->removed.v[i], line) == 0) return true;
    return false;
}

#define assert_kept(a, s) assert_non_null(strstr((a)->text, (s)))
#define assert_dropped(a, s) do { assert_null(strstr((a)->text, (s))); assert_true(removed_has((a), (s))); } while (0)

static const char BODY1[] =
    "The harbour authority said on Monday that the new ferry terminal would open in the spring, "
    "after two years of delays caused by flooding.\n\n";
static const char BODY2[] =
    "Engineers raised the quay by half a metre, and the town council approved a second berth for "
    "cargo boats last week.\n\n";

/* --- junk ------------------------------------------------------------------- */

static void ad_markers_go(void **state)
{
    article *a = clean_str("Ferry Terminal Opens After Long Delay\n\nADVERTISEMENT\n\n"
                           "The harbour authority said on Monday that the terminal would open.\n\n"
                           "ADVERTISEMENTSKIP AD\n\nThe mayor welcomed the decision, calling it overdue.\n\n"
                           "Advertisement\n\nShips will dock there from April, officials said.");
    assert_dropped(a, "ADVERTISEMENT");
    assert_dropped(a, "ADVERTISEMENTSKIP AD");
    assert_dropped(a, "Advertisement");
    assert_kept(a, "The mayor welcomed the decision, calling it overdue.");
    assert_kept(a, "Ships will dock there from April, officials said.");
    article_free(a);
}

static void breadcrumbs_and_agency_lists_go(void **state)
{
    char page[2048];
    snprintf(page, sizeof page, "News > Europe > Norway\n\nFerry terminal opens\n\n%s%sReuters - AP - dpa\n", BODY1, BODY2);
    article *a = clean_str(page);
    assert_dropped(a, "News > Europe > Norway");
    assert_dropped(a, "Reuters - AP - dpa");
    assert_string_equal(a->title, "Ferry terminal opens");
    article_free(a);
}

static void widget_runs_go(void **state)
{
    char page[2048];
    snprintf(page, sizeof page,
             "Ferry terminal opens at last\n\nA short standfirst about the harbour and its new terminal.\n\n"
             "Published\nBusiness\n4 min read\nhero-image-slot\nx\nAa\nSmall\nAa\nLarge\nEnglish Male\n\n%s%s",
             BODY1, BODY2);
    article *a = clean_str(page);
    assert_dropped(a, "4 min read");
    assert_dropped(a, "hero-image-slot");
    assert_dropped(a, "Business");
    assert_dropped(a, "English Male");
    assert_dropped(a, "Small");
    assert_kept(a, "A short standfirst about the harbour and its new terminal.");
    assert_kept(a, "after two years of delays");
    article_free(a);
}

static void share_and_membership_prompts_go(void **state)
{
    char page[2048];
    snprintf(page, sizeof page,
             "Ferry terminal opens at last\n\n%s%sShare this article\n\n"
             "(At The Harbour Gazette, we depend on readers. Support our journalism by becoming a member today.)\n\n"
             "Good reporting needs friends like you.\nBecome a Member\n1 month\n6 months\nSee Member Benefits\nRead More\n",
             BODY1, BODY2);
    article *a = clean_str(page);
    assert_dropped(a, "Share this article");
    assert_dropped(a, "Good reporting needs friends like you.");
    assert_dropped(a, "6 months");
    assert_dropped(a, "Read More");
    assert_null(strstr(a->text, "Harbour Gazette"));
    assert_string_equal(a->outlet, "The Harbour Gazette");
    assert_kept(a, "approved a second berth");
    article_free(a);
}

static void credits_go_and_captions_stay(void **state)
{
    char page[2048];
    snprintf(page, sizeof page,
             "Photo: Port of Bergen\n\nFerry terminal opens at last\n\nJOHN DOE via Getty Images\n"
             "Workers finish the new quay in Bergen on March 2, 2019. The terminal cost 40 million crowns. "
             "AFP PHOTO / John DOE (Photo credit should read JOHN DOE/AFP/Getty Images)\n\n%s%s",
             BODY1, BODY2);
    article *a = clean_str(page);
    assert_dropped(a, "Photo: Port of Bergen");
    assert_dropped(a, "JOHN DOE via Getty Images");
    assert_kept(a, "Workers finish the new quay in Bergen on March 2, 2019. The terminal cost 40 million crowns.\n\n");
    assert_null(strstr(a->text, "AFP PHOTO"));
    assert_null(strstr(a->text, "Photo credit"));
    assert_string_equal(a->title, "Ferry terminal opens at last");
    article_free(a);
}

static void read_more_topics_symbols_numbers_go(void **state)
{
    char page[2048];
    snprintf(page, sizeof page,
             "Ferry terminal opens at last\n\n%s0\n\n%s\xC3\x97\n\nRead more stories at The Fjord Post, and more from business\n\n"
             "Topics:\xC2\xA0 Ferries\xC2\xA0 Bergen\n\nEditor's picks\n\n|\n",
             BODY1, BODY2);
    article *a = clean_str(page);
    assert_dropped(a, "0");
    assert_dropped(a, "\xC3\x97");
    assert_dropped(a, "Editor's picks");
    assert_dropped(a, "|");
    assert_null(strstr(a->text, "Topics"));
    assert_null(strstr(a->text, "Read more"));
    assert_string_equal(a->outlet, "The Fjord Post");
    article_free(a);
}

static void a_page_of_junk_leaves_nothing(void **state)
{
    article *a = clean_str("ADVERTISEMENT\nShare\nTweet\nEmail\nRead More\n\nSubscribe now\n\n\xC3\x97\n");
    assert_string_equal(a->text, "");
    assert_null(a->title);
    assert_int_equal(a->paras.n, 0);
    assert_true(a->removed.n >= 6);
    article_free(a);
}

static void an_empty_page_is_empty(void **state)
{
    article *a = clean_str("");
    assert_string_equal(a->text, "");
    assert_null(a->title);
    assert_null(a->published);
    article_free(a);
    a = clean_str("\n\n   \n\t\n");
    assert_string_equal(a->text, "");
    article_free(a);
}

/* --- every sentence stays --------------------------------------------------- */

static void subheads_lists_and_endings_stay(void **state)
{
    article *a = clean_str(
        "Ferry terminal opens at last\n\n"
        "Town hopes for more trade\n\n"
        "The harbour authority said on Monday that the terminal would open in spring.\n\n"
        "9 berths planned\n\n"
        "The plan lists three operators:\nNorth Line\nFjord Ferries\nCoastal Express\n\n"
        "\"It has been a long wait,\" the mayor said. \"We are ready.\"\n\n"
        "Work will finish in May, Hansen added.");
    assert_kept(a, "Town hopes for more trade");
    assert_kept(a, "9 berths planned");
    assert_kept(a, "North Line\n\nFjord Ferries\n\nCoastal Express");
    assert_kept(a, "Work will finish in May, Hansen added.");
    assert_string_equal(a->title, "Ferry terminal opens at last");
    assert_int_equal(a->removed.n, 0);
    article_free(a);
}

static void long_first_line_is_no_title(void **state)
{
    const char *page =
        "The storm reached the coast on Tuesday. Thousands of homes lost power. Schools closed early. "
        "Officials urged people to stay indoors.\n\n"
        "Rain is expected to ease by Friday. Roads remain closed in the north.\n";
    article *a = clean_str(page);
    assert_null(a->title);
    assert_kept(a, "The storm reached the coast on Tuesday.");
    assert_kept(a, "Roads remain closed in the north.");
    assert_int_equal(a->paras.n, 2);
    article_free(a);
}

static void wrapped_wire_copy_is_joined(void **state)
{
    article *a = clean_str(
        "SHIPYARD WINS NEW ORDER\n\n14-MAR-1988 09:12:44.10\n\n"
        "Nordic Yards Ltd said it won an order to build\n"
        "two car ferries for a Danish operator, worth about 90 mln\n"
        "crowns, and that work would start in the autumn.\n"
        "&\\tThe company said the order would keep its yard busy until\n"
        "the end of 1989, and that it expected to hire more welders\n"
        "during the summer.\n"
        "&\\tThe ferries will be delivered in 1990.\n"
        " REUTER\n");
    assert_string_equal(a->title, "SHIPYARD WINS NEW ORDER");
    assert_string_equal(a->published, "1988-03-14");
    assert_string_equal(a->text,
        "Nordic Yards Ltd said it won an order to build two car ferries for a Danish operator, worth about 90 mln "
        "crowns, and that work would start in the autumn.\n\n"
        "The company said the order would keep its yard busy until the end of 1989, and that it expected to hire "
        "more welders during the summer.\n\n"
        "The ferries will be delivered in 1990.");
    article_free(a);
}

static void wire_tables_and_sign_offs(void **state)
{
    article *a = clean_str(
        "GRAIN STOCKS REPORTED\n\n2-APR-1988 16:02:11.55\n\n"
        "The ministry said grain stocks at the end of March were as\n"
        "follows, in thousands of tonnes, with last year's in brackets --\n"
        "            WHEAT     BARLEY\n"
        " NORTH          120        (95)\n"
        " SOUTH           80        (71)\n"
        "    Total stocks rose six pct\n"
        "    Year\n"
        "    Total stocks rose six pct\n"
        "  REUTER\n");
    assert_kept(a, "The ministry said grain stocks at the end of March were as follows, in thousands");
    assert_kept(a, "NORTH          120        (95)");
    assert_kept(a, "\n\nYear\n\n");
    assert_kept(a, "Total stocks rose six pct\n\nYear");
    assert_null(strstr(a->text, "REUTER"));
    assert_string_equal(a->outlet, "Reuters");
    assert_string_equal(a->published, "1988-04-02");
    article_free(a);
    /* earnings copy is terse, not a menu */
    a = clean_str("HARBOUR LINES <HBL> 3RD QTR NET\n\n5-APR-1988 10:00:00.00\n\n"
                  "Shr nine cts vs seven cts\nNet 120,000 vs 95,000\nRevs not given\nNine mths\nRevs not given\n");
    assert_string_equal(a->title, "HARBOUR LINES <HBL> 3RD QTR NET");
    assert_kept(a, "Shr nine cts vs seven cts");
    assert_kept(a, "Nine mths");
    assert_int_equal(a->removed.n, 1);
    article_free(a);
}

static void titles_trailing_off_or_lower_case(void **state)
{
    article *a = clean_str("'My years at the harbour...'\n\nThe harbour master looks back on three decades of "
                           "ships, storms and strikes.\n");
    assert_string_equal(a->title, "'My years at the harbour...'");
    article_free(a);
    a = clean_str("eBay adds ferry tickets\n\nThe auction site will sell ferry tickets from May, it said.\n");
    assert_string_equal(a->title, "eBay adds ferry tickets");
    article_free(a);
}

static void one_line_paragraphs_stay_apart(void **state)
{
    article *a = clean_str("Ferry terminal opens at last\n"
                           "The harbour authority said on Monday that the terminal would open.\n"
                           "The mayor welcomed the news.\n"
                           "Ships will dock there from April.\n");
    assert_string_equal(a->text, "The harbour authority said on Monday that the terminal would open.\n\n"
                                 "The mayor welcomed the news.\n\nShips will dock there from April.");
    article_free(a);
}

/* --- metadata --------------------------------------------------------------- */

static void dates_with_updates_take_the_first(void **state)
{
    char page[2048];
    snprintf(page, sizeof page, "03/04/2019 09:15 AM IST | Updated 05/06/2020 10:01 PM IST\n\nFerry terminal opens\n\n%s%s",
             BODY1, BODY2);
    article *a = clean_str(page);
    assert_string_equal(a->published, "2019-04-03");
    assert_int_equal(a->pubdate.y, 2019);
    assert_string_equal(a->title, "Ferry terminal opens");
    assert_null(strstr(a->text, "Updated"));
    article_free(a);
}

static void byline_lines_give_outlet_place_and_date(void **state)
{
    char page[2048];
    snprintf(page, sizeof page,
             "Ferry terminal opens\n\nBy Staff Reporter in Lahore | The Daily Ledger | Updated: 2019-05-02 10:30\n\n%s%s",
             BODY1, BODY2);
    article *a = clean_str(page);
    assert_string_equal(a->published, "2019-05-02");
    assert_string_equal(a->outlet, "The Daily Ledger");
    assert_string_equal(a->dateline, "Lahore");
    assert_true(removed_has(a, "By Staff Reporter in Lahore | The Daily Ledger | Updated: 2019-05-02 10:30"));
    article_free(a);
    a = clean_str("Ferry terminal opens\n\nBy Jane Smith and Tom Brown\n\nThe harbour authority said on Monday "
                  "that the terminal would open.\n\nReporting by Jane Smith; Editing by Tom Brown");
    assert_dropped(a, "By Jane Smith and Tom Brown");
    assert_dropped(a, "Reporting by Jane Smith; Editing by Tom Brown");
    assert_null(a->dateline);
    article_free(a);
}

static void a_date_opening_the_text_is_split_off(void **state)
{
    article *a = clean_str(" date 2021-06-01 Heavy rain flooded the lower town on Sunday, the fire service said.\n\n"
                           "Pumps worked through the night.\n");
    assert_string_equal(a->published, "2021-06-01");
    assert_null(a->title);
    assert_true(strncmp(a->text, "Heavy rain flooded", 18) == 0);
    assert_true(removed_has(a, "date 2021-06-01"));
    article_free(a);
}

static void a_date_alone_on_a_line(void **state)
{
    article *a = clean_str("Council approves new berth\n\nApril 3, 2019\n\nThe town council approved a second berth "
                           "for cargo boats last week, officials said.\n");
    assert_string_equal(a->published, "2019-04-03");
    assert_string_equal(a->title, "Council approves new berth");
    assert_dropped(a, "April 3, 2019");
    article_free(a);
    /* a headline ending with a period is still one when a date line follows */
    a = clean_str("Council Approves New Berth for Cargo Boats.\n\n2016-09-12\n\nThe town council approved a "
                  "second berth for cargo boats last week, officials said.\n");
    assert_string_equal(a->title, "Council Approves New Berth for Cargo Boats.");
    assert_string_equal(a->published, "2016-09-12");
    article_free(a);
}

static void dates_in_running_text_are_not_publication(void **state)
{
    article *a = clean_str("Council approves new berth\n\nThe berth will open on April 3, 2019, officials said.\n\n"
                           "Subscribers\n\n3 months\n");
    assert_null(a->published);
    article_free(a);
}

static void copyright_names_the_outlet(void **state)
{
    char page[2048];
    snprintf(page, sizeof page, "Ferry terminal opens\n\n%s%s\xC2\xA9 2019 The Daily Ledger. All rights reserved.\n", BODY1, BODY2);
    article *a = clean_str(page);
    assert_string_equal(a->outlet, "The Daily Ledger");
    assert_null(strstr(a->text, "rights reserved"));
    article_free(a);
}

static void no_outlet_unless_named(void **state)
{
    char page[2048];
    snprintf(page, sizeof page, "Ferry terminal opens\n\n%s%s", BODY1, BODY2);
    article *a = clean_str(page);
    assert_null(a->outlet);
    assert_null(a->published);
    assert_null(a->dateline);
    article_free(a);
}

/* --- datelines ------------------------------------------------------------ */

static const char *dateline_of(const char *first_para)
{
    static char out[128];
    char page[2048];
    snprintf(page, sizeof page, "Ferry terminal opens\n\n%s\n\n%s", first_para, BODY2);
    article *a = clean_str(page);
    snprintf(out, sizeof out, "%s", a->dateline ? a->dateline : "(none)");
    assert_non_null(strstr(a->text, first_para));   /* the text keeps it */
    article_free(a);
    return out;
}

static void dateline_forms(void **state)
{
    assert_string_equal(dateline_of("NAIROBI, KENYA \xE2\x80\x93 The port authority said on Monday that the new "
                                    "terminal would open in spring."), "NAIROBI, KENYA");
    assert_string_equal(dateline_of("Lahore: The provincial government said on Monday that schools would reopen "
                                    "next week."), "Lahore");
    assert_string_equal(dateline_of("OSLO, Mar 3 - Nordic Yards Ltd said it had won an order to build two car "
                                    "ferries."), "OSLO");
    assert_string_equal(dateline_of("GENEVA (Reuters) - The talks on shipping rules will resume next month, "
                                    "diplomats said on Friday."), "GENEVA");
    assert_string_equal(dateline_of("BOSTON, Mass. \xE2\x80\x94 The city council voted on Tuesday to extend the "
                                    "harbour walk."), "BOSTON, Mass.");
}

static void no_dateline_in_transcripts_and_notes(void **state)
{
    assert_string_equal(dateline_of("HANSEN: Well, look, the terminal is open and the ships are coming, and that "
                                    "is what matters."), "(none)");
    assert_string_equal(dateline_of("Note: This story was corrected to show that the terminal opens in spring, "
                                    "not summer."), "(none)");
    assert_string_equal(dateline_of("The harbour authority said on Monday that the new terminal would open in "
                                    "spring."), "(none)");
}

static void agency_dateline_names_the_outlet(void **state)
{
    article *a = clean_str("Talks resume\n\nGENEVA (Reuters) - The talks on shipping rules will resume next month, "
                           "diplomats said on Friday.\n");
    assert_string_equal(a->dateline, "GENEVA");
    assert_string_equal(a->outlet, "Reuters");
    article_free(a);
}

/* Every span of paras indexes the text, and the result does not depend on history. */
static void cleaning_is_repeatable(void **state)
{
    char page[2048];
    snprintf(page, sizeof page, "Ferry terminal opens\n\nADVERTISEMENT\n\n%s%s", BODY1, BODY2);
    article *a = clean_str(page), *b = clean_str(page);
    assert_string_equal(a->text, b->text);
    for (uint32_t i = 0; i < a->paras.n; i++) assert_true(a->paras.v[i].end <= a->len);
    article_free(a);
    article_free(b);
}

/* The word lists' pair filter never turns away a key of its list, in any
 * case or with a curly apostrophe, nor a phrase's first word; and it does
 * turn away ordinary words (or it would save nothing). */
static void check_list_keys(const pair_filter *f, const char *path)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[1024], up[1024];
    int keys = 0;
    while (fgets(line, sizeof line, fp)) {
        if (*line == '#') continue;
        size_t n = strcspn(line, "\t\r\n");
        while (n && line[n - 1] == ' ') n--;
        if (!n) continue;
        for (size_t i = 0; i < n; i++) up[i] = (char)(line[i] >= 'a' && line[i] <= 'z' ? line[i] - 32 : line[i]);
        assert_true(pair_may_hold(f, line, n));
        assert_true(pair_may_hold(f, up, n));
        char *space = memchr(line, ' ', n);
        if (space) assert_true(pair_may_hold(f, line, (size_t)(space - line)));
        keys++;
    }
    fclose(fp);
    assert_true(keys > 10);
}

static void word_list_filter_keeps_every_key(void **state)
{
    static const char *const lists[] = {"clean/text-junk.txt", "clean/text-meta.txt",
                                        "clean/text-agencies.txt", "clean/text-stopwords.txt"};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", DOSSIER_DATA_DIR, lists[i]);
        pair_filter f = {{0}};
        char err[256];
        wordmap *m = wordmap_load(path, WM_FOLD, err, sizeof err);
        assert_non_null(m);
        pair_filter_from(&f, m);
        wordmap_free(m);
        check_list_keys(&f, path);
    }
    pair_filter f = {{0}};
    char path[] = "/tmp/dossier-pairs-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char list[] = "# comment\nread more\tphrase\n  Topics\tlabel\n\xE2\x80\x99s\nx y\n";
    assert_int_equal(write(fd, list, sizeof list - 1), (ssize_t)(sizeof list - 1));
    close(fd);
    char err[256];
    wordmap *m = wordmap_load(path, WM_FOLD, err, sizeof err);
    assert_non_null(m);
    pair_filter_from(&f, m);
    wordmap_free(m);
    unlink(path);
    assert_true(pair_may_hold(&f, "READ", 4));
    assert_true(pair_may_hold(&f, "topics", 6));
    assert_true(pair_may_hold(&f, "'s", 2));
    assert_true(pair_may_hold(&f, "\xE2\x80\x98s", 4));
    assert_true(pair_may_hold(&f, "x", 1));
    assert_false(pair_may_hold(&f, "said", 4));
    assert_false(pair_may_hold(&f, "the", 3));
    assert_false(pair_may_hold(&f, "comment", 7));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ad_markers_go),
        cmocka_unit_test(breadcrumbs_and_agency_lists_go),
        cmocka_unit_test(widget_runs_go),
        cmocka_unit_test(share_and_membership_prompts_go),
        cmocka_unit_test(credits_go_and_captions_stay),
        cmocka_unit_test(read_more_topics_symbols_numbers_go),
        cmocka_unit_test(a_page_of_junk_leaves_nothing),
        cmocka_unit_test(an_empty_page_is_empty),
        cmocka_unit_test(subheads_lists_and_endings_stay),
        cmocka_unit_test(long_first_line_is_no_title),
        cmocka_unit_test(wrapped_wire_copy_is_joined),
        cmocka_unit_test(wire_tables_and_sign_offs),
        cmocka_unit_test(titles_trailing_off_or_lower_case),
        cmocka_unit_test(one_line_paragraphs_stay_apart),
        cmocka_unit_test(dates_with_updates_take_the_first),
        cmocka_unit_test(byline_lines_give_outlet_place_and_date),
        cmocka_unit_test(a_date_opening_the_text_is_split_off),
        cmocka_unit_test(a_date_alone_on_a_line),
        cmocka_unit_test(dates_in_running_text_are_not_publication),
        cmocka_unit_test(copyright_names_the_outlet),
        cmocka_unit_test(no_outlet_unless_named),
        cmocka_unit_test(dateline_forms),
        cmocka_unit_test(no_dateline_in_transcripts_and_notes),
        cmocka_unit_test(agency_dateline_names_the_outlet),
        cmocka_unit_test(cleaning_is_repeatable),
        cmocka_unit_test(word_list_filter_keeps_every_key),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
