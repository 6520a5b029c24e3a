/* test_aliases.c — one entity per real thing within an article: fuller and
 * shorter names, lone surnames, acronyms, and names that must stay apart.
 * Mentions are laid by hand so the rules are tested apart from the tagger. */
#include "nlp/ner.h"
#include "testutil.h"

/* An article whose mentions are the [bracketed] words of text, typed by the
 * letter after the closing bracket: P person, O organisation, G place. */
static article *laid(const char *marked)
{
    article *a = article_new();
    size_t n = strlen(marked);
    char *text = arena_alloc(&a->mem, n + 1);
    uint32_t o = 0, open = 0;
    for (size_t i = 0; i < n; i++) {
        if (marked[i] == '[') {
            open = o;
        } else if (marked[i] == ']') {
            mention *m = ARENA_PUSH(&a->mem, a->mentions);
            m->start = open;
            m->end = o;
            char t = marked[++i];
            m->type = t == 'P' ? ENT_PERSON : t == 'O' ? ENT_ORG : ENT_GPE;
            m->kind = MK_NAME;
            m->entity = -1;
        } else {
            text[o++] = marked[i];
        }
    }
    a->text = text;
    a->len = o;
    aliases_resolve(a);
    return a;
}

static const char *canon(const article *a, uint32_t k)
{
    int32_t e = a->mentions.v[k].entity;
    assert_true(e >= 0 && (uint32_t)e < a->entities.n);
    return a->entities.v[e].name;
}

static void full_short_and_lone_names_join(void **state)
{
    article *a = laid("[Rafael Ortiz Mendes]P spoke first. Later [Rafael Mendes]P left, and [Mendes]P "
                      "was not seen again. [Mendes]P later wrote.");
    assert_int_equal(a->entities.n, 1);
    for (uint32_t k = 0; k < 4; k++) assert_string_equal(canon(a, k), "Rafael Ortiz Mendes");
    assert_int_equal(a->entities.v[0].count, 4);
    assert_int_equal(a->entities.v[0].first, 0);
    assert_int_equal(a->entities.v[0].type, ENT_PERSON);
    article_free(a);
}

static void the_fullest_name_is_canonical_wherever_it_comes(void **state)
{
    article *a = laid("[Mendes]P arrived. [Rafael Mendes]P spoke. [Rafael Ortiz Mendes]P signed.");
    assert_int_equal(a->entities.n, 1);
    assert_string_equal(canon(a, 0), "Rafael Ortiz Mendes");
    article_free(a);
}

static void two_people_sharing_a_surname_stay_apart(void **state)
{
    article *a = laid("[Maria Lopez]P and [Daniel Lopez]P met. [Lopez]P said little.");
    assert_int_equal(a->entities.n, 3);
    assert_string_equal(canon(a, 0), "Maria Lopez");
    assert_string_equal(canon(a, 1), "Daniel Lopez");
    /* the lone surname is ambiguous: it joins neither */
    assert_string_equal(canon(a, 2), "Lopez");
    assert_int_not_equal(a->mentions.v[2].entity, a->mentions.v[0].entity);
    assert_int_not_equal(a->mentions.v[2].entity, a->mentions.v[1].entity);
    article_free(a);
}

static void a_full_name_two_people_fit_joins_neither(void **state)
{
    article *a = laid("[Hal R. Dunn]P met his son [Hal K. Dunn]P. [Hal Dunn]P spoke. [Dunn]P left.");
    assert_int_equal(a->entities.n, 4);
    for (uint32_t i = 0; i < 4; i++)
        for (uint32_t j = i + 1; j < 4; j++) assert_int_not_equal(a->mentions.v[i].entity, a->mentions.v[j].entity);
    assert_string_equal(canon(a, 2), "Hal Dunn");
    article_free(a);
}

static void a_first_name_alone_joins_the_one_person_with_it(void **state)
{
    article *a = laid("[Nadia Ferro]P left home in May. [Nadia]P was not seen again.");
    assert_int_equal(a->entities.n, 1);
    assert_string_equal(canon(a, 1), "Nadia Ferro");
    article_free(a);
    /* two people with that first name: it joins neither */
    a = laid("[Nadia Ferro]P met [Nadia Kahn]P. [Nadia]P spoke first.");
    assert_int_equal(a->entities.n, 3);
    article_free(a);
    /* a surname comes first: Lee is Grace Lee's, not Lee Harmon's */
    a = laid("[Lee Harmon]P met [Grace Lee]P. [Lee]P spoke first.");
    assert_int_equal(a->mentions.v[2].entity, a->mentions.v[1].entity);
    article_free(a);
}

static void a_teams_plural_joins_its_one_full_name(void **state)
{
    article *a = laid("The [Kelso Harriers]O won. The [Harriers]O scored twice, and [Dunmore United]O lost. "
                      "[United]O will appeal.");
    assert_int_equal(a->mentions.v[0].entity, a->mentions.v[1].entity);
    assert_string_equal(canon(a, 1), "Kelso Harriers");
    /* a last word that is no plural is as often another thing's */
    assert_int_not_equal(a->mentions.v[2].entity, a->mentions.v[3].entity);
    article_free(a);
    a = laid("The [Kelso Harriers]O beat the [Ayr Harriers]O. The [Harriers]O were tired.");
    assert_int_equal(a->entities.n, 3);
    article_free(a);
}

static void a_companys_first_word_joins_its_one_full_name(void **state)
{
    article *a = laid("[Harwick Petroleum Corp]O bought a field. [Harwick]O paid cash.");
    assert_int_equal(a->mentions.v[0].entity, a->mentions.v[1].entity);
    assert_string_equal(canon(a, 1), "Harwick Petroleum Corp");
    article_free(a);
    /* not a short word, two names joined, nor a word two names start with */
    a = laid("The [US Treasury]O spoke. The [US]O agreed. [Bank of Ostby]O rose; [Bank]O fell.");
    assert_int_not_equal(a->mentions.v[0].entity, a->mentions.v[1].entity);
    assert_int_not_equal(a->mentions.v[2].entity, a->mentions.v[3].entity);
    article_free(a);
    a = laid("[Harwick Petroleum]O and [Harwick Mining]O merged. [Harwick]O said so.");
    assert_int_equal(a->entities.n, 3);
    article_free(a);
}

static void different_first_names_are_different_people(void **state)
{
    article *a = laid("[Sara Ng]P met [Tom Ng]P.");
    assert_int_equal(a->entities.n, 2);
    article_free(a);
}

static void acronyms_defined_in_the_text_join_their_long_form(void **state)
{
    article *a = laid("The [Institute for Harbour Studies]O ([IHS]O) counted ships. [IHS]O said more came. "
                      "The [Tehreek-e-Nafaz Morcha]O ([TNM]O) denied it.");
    assert_int_equal(a->entities.n, 2);
    assert_string_equal(canon(a, 1), "Institute for Harbour Studies");
    assert_string_equal(canon(a, 2), "Institute for Harbour Studies");
    assert_string_equal(canon(a, 4), "Tehreek-e-Nafaz Morcha");
    article_free(a);
}

static void letters_that_do_not_fit_are_no_acronym(void **state)
{
    article *a = laid("The [Harbour Board]O ([XYZ]O) met.");
    assert_int_equal(a->entities.n, 2);
    article_free(a);
}

static void same_names_join_ignoring_case(void **state)
{
    article *a = laid("[KABUL]G woke. Rain fell on [Kabul]G and on [Herat]G.");
    assert_int_equal(a->entities.n, 2);
    assert_int_equal(a->mentions.v[0].entity, a->mentions.v[1].entity);
    article_free(a);
}

static void a_role_is_kept_with_its_entity(void **state)
{
    article *a = laid("[Hina Rabbani]P spoke.");
    article_free(a);
    a = article_new();
    a->text = arena_strdup(&a->mem, "Defence Minister Hina Rabbani spoke.");
    a->len = (uint32_t)strlen(a->text);
    mention *m = ARENA_PUSH(&a->mem, a->mentions);
    *m = (mention){.start = 17, .end = 29, .type = ENT_PERSON, .kind = MK_NAME, .entity = -1, .role = {0, 16}};
    aliases_resolve(a);
    assert_string_equal(a->entities.v[0].name, "Hina Rabbani");
    assert_string_equal(a->entities.v[0].role, "Defence Minister");
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_short_and_lone_names_join),
        cmocka_unit_test(the_fullest_name_is_canonical_wherever_it_comes),
        cmocka_unit_test(two_people_sharing_a_surname_stay_apart),
        cmocka_unit_test(different_first_names_are_different_people),
        cmocka_unit_test(a_full_name_two_people_fit_joins_neither),
        cmocka_unit_test(a_companys_first_word_joins_its_one_full_name),
        cmocka_unit_test(a_teams_plural_joins_its_one_full_name),
        cmocka_unit_test(a_first_name_alone_joins_the_one_person_with_it),
        cmocka_unit_test(acronyms_defined_in_the_text_join_their_long_form),
        cmocka_unit_test(letters_that_do_not_fit_are_no_acronym),
        cmocka_unit_test(same_names_join_ignoring_case),
        cmocka_unit_test(a_role_is_kept_with_its_entity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
