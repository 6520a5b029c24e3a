/* test_sentences.c — tokens and sentence boundaries on sentences written for the test. */
#include "testutil.h"

/* The sentences of text, joined with " | ". */
static const char *split(const char *text)
{
    static char out[4096];
    article *a = test_analyze(text, NULL);
    assert_non_null(a);
    out[0] = '\0';
    for (uint32_t i = 0; i < a->sents.n; i++) {
        if (i) strcat(out, " | ");
        strncat(out, span_str(a, a->sents.v[i].start, a->sents.v[i].end), sizeof out - strlen(out) - 1);
    }
    article_free(a);
    return out;
}

static void titles_do_not_end_sentences(void **state)
{
    assert_string_equal(split("Mr. Hall met Lt. Gen. Ray Cole. They spoke."),
                        "Mr. Hall met Lt. Gen. Ray Cole. | They spoke.");
}

static void abbreviations_end_only_before_openers(void **state)
{
    assert_string_equal(split("He moved to the U.S. The move was quick."),
                        "He moved to the U.S. | The move was quick.");
    assert_string_equal(split("The U.S. Navy sailed on Dec. 16 to port."),
                        "The U.S. Navy sailed on Dec. 16 to port.");
    assert_string_equal(split("Shares of Acme Corp. rose. Sales fell."),
                        "Shares of Acme Corp. rose. | Sales fell.");
}

static void initials_stay_with_names(void **state)
{
    assert_string_equal(split("J. R. Smith wrote it. She read it."), "J. R. Smith wrote it. | She read it.");
}

static void numbers_are_not_boundaries(void **state)
{
    assert_string_equal(split("It cost $106.9 billion in 2004-05. Then 3,500 more."),
                        "It cost $106.9 billion in 2004-05. | Then 3,500 more.");
}

static void quotations_hold_their_sentences(void **state)
{
    assert_string_equal(split("\"We are ready. We will win,\" she said. Nobody doubted it."),
                        "\"We are ready. We will win,\" she said. | Nobody doubted it.");
    assert_string_equal(split("\u201cIt is over.\u201d He left."), "\u201cIt is over.\u201d | He left.");
    /* curly open, straight close */
    assert_string_equal(split("\u201cWe stay. We fight,\" he said. Then rain."),
                        "\u201cWe stay. We fight,\" he said. | Then rain.");
}

static void a_speech_tag_keeps_its_quotation(void **state)
{
    assert_string_equal(split("\"Why not?\" Ana Ruiz asked. \"Go!\" Tom, the coach, shouted. It rained."),
                        "\"Why not?\" Ana Ruiz asked. | \"Go!\" Tom, the coach, shouted. | It rained.");
    /* after a full stop, a speaker and verb that go on open a new sentence */
    assert_string_equal(split("Rome called it \"a grave step.\" Mayor Ana Ruiz said the city was \"ready.\" "
                              "\"We won.\" Tom Lee said."),
                        "Rome called it \"a grave step.\" | Mayor Ana Ruiz said the city was \"ready.\" | "
                        "\"We won.\" Tom Lee said.");
    assert_string_equal(split("\"Is it over?\" Nobody knew."), "\"Is it over?\" | Nobody knew.");
}

static void typewriter_quotes_are_quotation_marks(void **state)
{
    article *a = test_analyze("``We won,'' she said. ''Yes.''", NULL);
    assert_non_null(a);
    assert_true(a->tokens.v[0].flags & TF_QOPEN);
    assert_string_equal(span_str(a, a->tokens.v[0].start, a->tokens.v[0].end), "``");
    assert_true(a->tokens.v[4].flags & TF_QCLOSE);
    assert_string_equal(span_str(a, a->tokens.v[4].start, a->tokens.v[4].end), "''");
    assert_int_equal(a->sents.n, 2);
    article_free(a);
}

static void ellipses_and_questions(void **state)
{
    assert_string_equal(split("Was it wise? Nobody knows... and so on. Fine!"),
                        "Was it wise? | Nobody knows... and so on. | Fine!");
}

static void paragraphs_always_end_sentences(void **state)
{
    assert_string_equal(split("A headline without a stop\n\nThe body starts here."),
                        "A headline without a stop | The body starts here.");
}

static void brackets_follow_their_sentence(void **state)
{
    assert_string_equal(split("He won (narrowly.) Then he left."), "He won (narrowly.) | Then he left.");
}

static void tokens_split_possessives_and_keep_hyphens(void **state)
{
    article *a = test_extract("Kenya's Jubilee-e-Umoja don't 1.13bn U.S. soldiers' gear");
    assert_non_null(a);
    const char *want[] = {"Kenya", "'s", "Jubilee-e-Umoja", "don't", "1.13bn", "U.S.", "soldiers", "'", "gear"};
    assert_int_equal(a->tokens.n, 9);
    for (int i = 0; i < 9; i++)
        assert_string_equal(span_str(a, a->tokens.v[i].start, a->tokens.v[i].end), want[i]);
    assert_true(a->tokens.v[0].flags & TF_CAP);
    assert_true(a->tokens.v[4].flags & TF_NUM);
    assert_true(a->tokens.v[5].flags & TF_ABBR);
    article_free(a);
}

static void quote_marks_open_and_close(void **state)
{
    article *a = test_extract("\"Yes,\" he said, \u201cno.\u201d");
    assert_non_null(a);
    assert_true(a->tokens.v[0].flags & TF_QOPEN);
    assert_true(a->tokens.v[3].flags & TF_QCLOSE);
    uint32_t n = a->tokens.n;
    assert_true(a->tokens.v[n - 1].flags & TF_QCLOSE);
    assert_true(a->tokens.v[n - 4].flags & TF_QOPEN);
    article_free(a);
}

static void empty_text_has_no_sentences(void **state)
{
    article *a = test_extract("");
    assert_non_null(a);
    assert_int_equal(a->sents.n, 0);
    assert_int_equal(a->tokens.n, 0);
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(titles_do_not_end_sentences),
        cmocka_unit_test(abbreviations_end_only_before_openers),
        cmocka_unit_test(initials_stay_with_names),
        cmocka_unit_test(numbers_are_not_boundaries),
        cmocka_unit_test(quotations_hold_their_sentences),
        cmocka_unit_test(ellipses_and_questions),
        cmocka_unit_test(a_speech_tag_keeps_its_quotation),
        cmocka_unit_test(typewriter_quotes_are_quotation_marks),
        cmocka_unit_test(paragraphs_always_end_sentences),
        cmocka_unit_test(brackets_follow_their_sentence),
        cmocka_unit_test(tokens_split_possessives_and_keep_hyphens),
        cmocka_unit_test(quote_marks_open_and_close),
        cmocka_unit_test(empty_text_has_no_sentences),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
