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
    assert_string_equal(span_str(a, a->tokens.v[0].start, tok_end(&a->tokens.v[0])), "``");
    assert_true(a->tokens.v[4].flags & TF_QCLOSE);
    assert_string_equal(span_str(a, a->tokens.v[4].start, tok_end(&a->tokens.v[4])), "''");
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
        assert_string_equal(span_str(a, a->tokens.v[i].start, tok_end(&a->tokens.v[i])), want[i]);
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

/* Paragraph numbers are kept apart from the tokens: they count the breaks
 * met, stay right after abbreviations are joined (which removes tokens),
 * and a break holding only white space counts too. */
static void tokens_know_their_paragraph(void **state)
{
    article *a = test_analyze("Dr. Vale spoke.\n\nMs. Orr left at 5 p.m. today.\n\n\u00a0\n\nRain fell.", NULL);
    assert_non_null(a);
    const char *want[] = {"Dr.", "Vale", "spoke", ".", "Ms.", "Orr", "left", "at", "5", "p.m.", "today", ".",
                          "Rain", "fell", "."};
    const uint16_t para[] = {0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3};
    assert_int_equal(a->tokens.n, sizeof want / sizeof *want);
    for (uint32_t i = 0; i < a->tokens.n; i++) {
        assert_string_equal(span_str(a, a->tokens.v[i].start, tok_end(&a->tokens.v[i])), want[i]);
        assert_int_equal(article_token_para(a, i), para[i]);
    }
    article_free(a);
}

/* A run of letters longer than a token may be (TOKEN_MAX_LEN bytes) is cut
 * into pieces between characters, which together cover it: nothing is lost. */
static void an_overlong_word_is_cut_not_dropped(void **state)
{
    size_t n = 3 * (size_t)TOKEN_MAX_LEN;
    char *text = malloc(n + 16);
    assert_non_null(text);
    memcpy(text, "Go ", 3);
    for (size_t i = 3; i < n; i += 2) memcpy(text + i, "\xc3\xa9", 2);   /* é, two bytes each */
    memcpy(text + n + 1 - n % 2, " now.", 6);
    article *a = test_analyze(text, NULL);
    assert_non_null(a);
    uint32_t word_end = (uint32_t)(strstr(text, " now.") - text);
    assert_true(a->tokens.n >= 6);
    assert_string_equal(span_str(a, a->tokens.v[0].start, tok_end(&a->tokens.v[0])), "Go");
    uint32_t at = 3, i = 1;
    for (; i < a->tokens.n && a->tokens.v[i].start < word_end; i++) {
        assert_int_equal(a->tokens.v[i].start, at);   /* the pieces follow each other */
        assert_true(a->tokens.v[i].len <= TOKEN_MAX_LEN);
        assert_true(((unsigned char)a->text[a->tokens.v[i].start] & 0xC0) != 0x80);
        at = tok_end(&a->tokens.v[i]);
    }
    assert_int_equal(at, word_end);
    assert_int_equal(i, 4);   /* 196,602 bytes: three pieces of 65,534, cut before an é */
    assert_string_equal(span_str(a, a->tokens.v[i].start, tok_end(&a->tokens.v[i])), "now");
    article_free(a);
    free(text);
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
        cmocka_unit_test(tokens_know_their_paragraph),
        cmocka_unit_test(an_overlong_word_is_cut_not_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
