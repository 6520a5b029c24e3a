/* test_gazetteer.c — name lists: exact and several-word lookups, demonyms
 * and their plurals, names in capitals, on sentences written for the test. */
#include "nlp/ner.h"
#include "testutil.h"

static ner_features fx;

static int setup(void **state)
{
    char err[256];
    return ner_features_load(&fx, DOSSIER_DATA_DIR, err, sizeof err);
}

static int teardown(void **state)
{
    ner_features_free(&fx);
    return 0;
}

static unsigned lookup(const gazetteer *g, const char *name) { return gazetteer_lookup(g, name, strlen(name)); }

static void built_lists_know_places_and_demonyms(void **state)
{
    const gazetteer *g = fx.gaz;
    assert_true(lookup(g, "Khyber Pakhtunkhwa") & GZ_GPE);   /* ISO 3166-2 subdivision */
    assert_true(lookup(g, "Peshawar") & GZ_GPE);             /* city */
    assert_true(lookup(g, "Switzerland") & GZ_GPE);          /* country */
    assert_true(lookup(g, "Afghans") & GZ_NORP);             /* demonym plural */
    assert_true(lookup(g, "Pakistani") & GZ_NORP);
    assert_true(lookup(g, "Syrians") & GZ_NORP);
    assert_true(lookup(g, "Chinese") & GZ_NORP);
    assert_false(lookup(g, "Chineses") & GZ_NORP);           /* -ese has no plural in -s */
    assert_true(lookup(g, "Asia") & GZ_LOC);                 /* world region */
    assert_int_equal(lookup(g, "turkey") & GZ_TYPES, 0);     /* case matters */
    assert_true(lookup(g, "Turkey") & GZ_GPE);
}

static void prefixes_of_longer_names_are_marked(void **state)
{
    gazetteer *g = gazetteer_new();
    gazetteer_add(g, "North Bend Valley", 17, GZ_LOC);
    assert_int_equal(lookup(g, "North"), GZ_PREFIX);
    assert_int_equal(lookup(g, "North Bend"), GZ_PREFIX);
    assert_int_equal(lookup(g, "North Bend Valley"), GZ_LOC);
    gazetteer_add(g, "North", 5, GZ_GPE);
    assert_int_equal(lookup(g, "North"), GZ_PREFIX | GZ_GPE);
    gazetteer_free(g);
}

static void the_longest_name_wins_in_running_text(void **state)
{
    gazetteer *g = gazetteer_new();
    gazetteer_add(g, "Port Elnor", 10, GZ_GPE);
    gazetteer_add(g, "Port Elnor Bay", 14, GZ_LOC);
    gazetteer_add(g, "Elnor", 5, GZ_PERSON);
    article *a = test_extract("Boats left Port Elnor Bay at dawn, and Port Elnor slept.\n");
    uint32_t last = 0, found = 0;
    for (uint32_t i = 0; i < a->tokens.n; i++) {
        if (strcmp(span_str(a, a->tokens.v[i].start, tok_end(&a->tokens.v[i])), "Port")) continue;
        unsigned bits = gazetteer_match(g, a, i, a->tokens.n, &last);
        if (found++ == 0) {
            assert_int_equal(bits, GZ_LOC);
            assert_string_equal(span_str(a, a->tokens.v[i].start, tok_end(&a->tokens.v[last])), "Port Elnor Bay");
        } else {
            assert_int_equal(bits, GZ_GPE);
            assert_string_equal(span_str(a, a->tokens.v[i].start, tok_end(&a->tokens.v[last])), "Port Elnor");
        }
    }
    assert_int_equal(found, 2);
    article_free(a);
    gazetteer_free(g);
}

static void names_in_capitals_are_found(void **state)
{
    assert_true(gazetteer_word(fx.gaz, "KABUL", 5) & GZ_GPE);
    assert_true(gazetteer_word(fx.gaz, "Kabul", 5) & GZ_GPE);
    assert_int_equal(gazetteer_word(fx.gaz, "kabul", 5) & GZ_TYPES, 0);
    article *a = test_extract("LAHORE, PAKISTAN - Rain fell.\n");
    uint32_t last;
    assert_true(gazetteer_match(fx.gaz, a, 0, a->tokens.n, &last) & GZ_GPE);
    article_free(a);
}

static void lower_case_words_never_start_a_name(void **state)
{
    gazetteer *g = gazetteer_new();
    gazetteer_add(g, "Bath", 4, GZ_GPE);
    article *a = test_extract("They ran a bath.\n");
    uint32_t last;
    for (uint32_t i = 0; i < a->tokens.n; i++) assert_int_equal(gazetteer_match(g, a, i, a->tokens.n, &last), 0);
    article_free(a);
    gazetteer_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(built_lists_know_places_and_demonyms),
        cmocka_unit_test(prefixes_of_longer_names_are_marked),
        cmocka_unit_test(the_longest_name_wins_in_running_text),
        cmocka_unit_test(names_in_capitals_are_found),
        cmocka_unit_test(lower_case_words_never_start_a_name),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
