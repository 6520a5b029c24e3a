/* test_link_claims.c — statements grouped into claims by their content
 * words, across speakers and years (src/link/claims.c). */
#include "link_testutil.h"

static link_res *res(void)
{
    static link_res *r;
    char err[256];
    if (!r) r = link_res_load(NULL, err, sizeof err);
    assert_non_null(r);
    return r;
}

static bool same(const char *a, const char *b)
{
    claim_word x[CLAIM_MAX_WORDS], y[CLAIM_MAX_WORDS];
    size_t nx = claim_words(res(), a, strlen(a), x, CLAIM_MAX_WORDS);
    size_t ny = claim_words(res(), b, strlen(b), y, CLAIM_MAX_WORDS);
    return claim_same(x, nx, y, ny);
}

static void test_words(void **state)
{
    (void)state;
    claim_word w[CLAIM_MAX_WORDS];
    /* stop words out; plurals and possessives fold; demonyms are their country */
    assert_int_equal(claim_words(res(), "We will not negotiate", 21, w, CLAIM_MAX_WORDS), 1);
    claim_word a[8], b[8];
    size_t na = claim_words(res(), "smugglers use Kenyan ports", 26, a, 8);
    size_t nb = claim_words(res(), "a smuggler's use of Kenya's port", 32, b, 8);
    size_t shared;
    claim_similarity(a, na, b, nb, NULL, &shared);
    assert_int_equal(shared, 4);
}

static void test_same_claim(void **state)
{
    (void)state;
    assert_true(same("There is no such thing as a moderate militia or an extremist militia.",
                     "We do not distinguish between moderate militias and extremist militias."));
    assert_true(same("The smugglers still use Kenyan ports to move weapons.",
                     "Smugglers are using the ports of Kenya to move their weapons."));
}

static void test_different_claims(void **state)
{
    (void)state;
    assert_false(same("The smugglers still use Kenyan ports to move weapons.",
                      "The harvest failed because the rains came late."));
    /* sharing only the common words of a beat is not one claim */
    assert_false(same("The company said quarterly profit rose to 12 mln dlrs.",
                      "The company said quarterly sales fell to 40 mln dlrs."));
}

static article *quoted(const char *id, const char *published, const char *speaker, const char *text)
{
    char body[512];
    snprintf(body, sizeof body, "%s said: %s", speaker, text);
    article *a = fake_article(id, published, body);
    int32_t who = fake_entity(a, speaker, ENT_PERSON, (const char *[]){speaker, NULL});
    fake_quote(a, text, who);
    return a;
}

typedef struct found {
    int claims;
    long articles;
    size_t statements;
} found;

static int count(const claim_info *c, void *ctx)
{
    found *f = ctx;
    f->claims++;
    f->articles = c->articles;
    f->statements = c->nstatements;
    return 0;
}

static void test_claims_across_articles(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("c1", "2016-01-10", "Amina Odhiambo",
                          "Smugglers still use Kenyan ports to move weapons."));
    linked_add(&k, quoted("c2", "2019-06-02", "Amina Odhiambo",
                          "The smugglers are using the ports of Kenya to move weapons."));
    linked_add(&k, quoted("c3", "2019-06-03", "Peter Kamau", "The harvest failed because the rains came late."));
    found f = {0};
    char err[256];
    assert_true(link_claims(k.l, 0, count, &f, err, sizeof err) >= 0);
    assert_int_equal(f.claims, 1);
    assert_int_equal(f.articles, 2);
    assert_int_equal(f.statements, 2);
    /* by speaker */
    long long kamau = link_find_entity(k.l, "Peter Kamau", err, sizeof err);
    assert_true(kamau > 0);
    found g = {0};
    assert_true(link_claims(k.l, kamau, count, &g, err, sizeof err) >= 0);
    assert_int_equal(g.claims, 0);
    linked_close(&k);
}

/* An article quoting `text` at each place it occurs in its body. */
static article *quoted_often(const char *id, const char *published, const char *speaker, const char *body,
                             const char *text)
{
    article *a = fake_article(id, published, body);
    int32_t who = fake_entity(a, speaker, ENT_PERSON, (const char *[]){speaker, NULL});
    for (const char *p = strstr(a->text, text); p; p = strstr(p + 1, text)) {
        quote *q = ARENA_PUSH(&a->mem, a->quotes);
        q->start = (uint32_t)(p - a->text);
        q->end = q->start + (uint32_t)strlen(text);
        q->kind = Q_DIRECT;
        q->speaker = who;
    }
    return a;
}

static found claims_now(linked *k)
{
    found f = {0};
    char err[256];
    assert_true(link_claims(k->l, 0, count, &f, err, sizeof err) >= 0);
    return f;
}

/* A statement repeated through one article is no claim by itself; with
 * another article saying it, every repetition is one of its statements. */
static void test_repeated_in_one_article(void **state)
{
    (void)state;
    static const char line[] = "Smugglers still use Kenyan ports to move weapons.";
    linked k;
    linked_open(&k);
    linked_add(&k, quoted_often("r1", "2016-01-10", "Amina Odhiambo",
                                "Amina Odhiambo said: Smugglers still use Kenyan ports to move weapons. "
                                "She repeated: Smugglers still use Kenyan ports to move weapons. "
                                "And again: Smugglers still use Kenyan ports to move weapons.",
                                line));
    assert_int_equal(claims_now(&k).claims, 0);
    linked_add(&k, quoted("r2", "2019-06-02", "Peter Kamau", "The smugglers are using the ports of Kenya to move weapons."));
    found f = claims_now(&k);
    assert_int_equal(f.claims, 1);
    assert_int_equal(f.articles, 2);
    assert_int_equal(f.statements, 4);
    linked_close(&k);
}

/* A replaced article's statements leave their claims as if never made. */
static void test_replaced_article(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("c1", "2016-01-10", "Amina Odhiambo", "Smugglers still use Kenyan ports to move weapons."));
    linked_add(&k, quoted("c2", "2019-06-02", "Amina Odhiambo",
                          "The smugglers are using the ports of Kenya to move weapons."));
    assert_int_equal(claims_now(&k).claims, 1);
    /* the same source, now saying something else */
    linked_add(&k, quoted("c2", "2019-06-02", "Amina Odhiambo", "The harvest failed because the rains came late."));
    assert_int_equal(claims_now(&k).claims, 0);
    linked_add(&k, quoted("c3", "2020-02-01", "Peter Kamau", "Smugglers use the ports of Kenya to move weapons."));
    found f = claims_now(&k);
    assert_int_equal(f.claims, 1);
    assert_int_equal(f.articles, 2);
    linked_close(&k);
}

/* Claims hold together as a whole: statements that give other numbers,
 * or that speak of their own speakers, are other claims however alike; a
 * chain of look-alikes is not one claim. */
static void test_claims_do_not_chain(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("d1", "2020-03-01", "Harbour Mills", "it declared a 10 pct stock dividend on its common shares"));
    linked_add(&k, quoted("d2", "2020-03-09", "Lakeside Foods", "it declared a 10 pct stock dividend on its common shares"));
    linked_add(&k, quoted("d3", "2020-03-12", "Amina Odhiambo", "the board declared a 5 pct stock dividend on common shares"));
    linked_add(&k, quoted("d4", "2020-03-20", "Peter Kamau", "the board declared a 10 pct stock dividend on common shares"));
    linked_settle(&k);
    found f = claims_now(&k);
    assert_int_equal(f.claims, 0);   /* two companies' own news; 5 is not 10; no pair left */
    linked_close(&k);
}

/* The same words by the same speaker printed by two outlets within days
 * are one statement carried by both, not a claim made twice. */
static int first_carried(const claim_info *c, void *ctx)
{
    *(size_t *)ctx = c->statements[0].ncarried;
    return 1;
}

/* The same words about different things are different facts: boilerplate
 * that names nothing, said by two companies of their own offerings; other
 * numbers written as words; names that share nothing. */
static void test_same_words_other_things(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("b1", "1987-03-01", "Harlan Vext",
                          "Proceeds will be used for working capital and general corporate purposes."));
    linked_add(&k, quoted("b2", "1987-03-02", "Oriel Danmark",
                          "Proceeds will be used for working capital and general corporate purposes."));
    linked_add(&k, quoted("b3", "1987-03-03", "Harlan Vext",
                          "There were seven grain ships loading and six ships waiting at Portland."));
    linked_add(&k, quoted("b4", "1987-03-04", "Oriel Danmark",
                          "There were three grain ships loading and two ships waiting at Portland."));
    linked_add(&k, quoted("b5", "1987-03-05", "Harlan Vext",
                          "The following stocks of corn were held in Toledo elevators this week."));
    linked_add(&k, quoted("b6", "1987-03-06", "Oriel Danmark",
                          "The following stocks of corn were held in Chicago elevators this week."));
    assert_int_equal(claims_now(&k).claims, 0);
    /* the same boilerplate by the same speaker is one claim */
    linked_add(&k, quoted("b7", "1987-04-01", "Harlan Vext",
                          "Proceeds will be used for working capital and general corporate purposes!"));
    assert_int_equal(claims_now(&k).claims, 1);
    linked_close(&k);
}

static void test_wire_copy_is_one_statement(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("w1", "2021-05-01", "Amina Odhiambo", "Smugglers still use Kenyan ports to move weapons."));
    linked_add(&k, quoted_often("w2", "2021-05-02", "Amina Odhiambo",
                                "From our wire: Amina Odhiambo said: Smugglers still use Kenyan ports to move weapons.",
                                "Smugglers still use Kenyan ports to move weapons."));
    assert_int_equal(claims_now(&k).claims, 0);
    linked_add(&k, quoted("w3", "2022-01-15", "Amina Odhiambo", "The smugglers are using the ports of Kenya to move weapons."));
    found f = claims_now(&k);
    assert_int_equal(f.claims, 1);
    assert_int_equal(f.articles, 3);
    assert_int_equal(f.statements, 2);
    size_t carried = 0;
    char err[256];
    assert_true(link_claims(k.l, 0, first_carried, &carried, err, sizeof err) >= 0);
    assert_int_equal(carried, 1);
    linked_close(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_same_claim),
        cmocka_unit_test(test_different_claims),
        cmocka_unit_test(test_same_words_other_things),
        cmocka_unit_test(test_claims_across_articles),
        cmocka_unit_test(test_repeated_in_one_article),
        cmocka_unit_test(test_replaced_article),
        cmocka_unit_test(test_claims_do_not_chain),
        cmocka_unit_test(test_wire_copy_is_one_statement),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
