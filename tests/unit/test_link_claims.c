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

/* One speaker's formula filled with two rare names is two facts; a
 * statement announcing the table after it says nothing of its own. */
static void test_one_formula_two_names(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("f1", "1991-05-02", "Farm Agency",
                          "The export bonus was awarded to Quenvale Grain Company and will be paid in Harlow Agency stocks."));
    linked_add(&k, quoted("f2", "1991-05-09", "Farm Agency",
                          "The export bonus was awarded to Tarrowby Milling Corp and will be paid in Harlow Agency stocks."));
    linked_add(&k, quoted("f3", "1991-05-10", "Harbour Office",
                          "The following tonnages of barley were loaded at the Brinmoor quay this week -"));
    linked_add(&k, quoted("f4", "1991-05-11", "Harbour Office",
                          "The following tonnages of oats were loaded at the Brinmoor quay this week -"));
    assert_int_equal(claims_now(&k).claims, 0);
    /* the same formula with the same name is one claim */
    linked_add(&k, quoted("f5", "1991-05-20", "Farm Agency",
                          "The export bonus was awarded to Quenvale Grain Company and will be paid from Harlow Agency stocks."));
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

/* A statement that denies is not the one that affirms, whatever the words
 * they share; a "not" inside a clause ("chose not to") denies nothing. */
static void test_denial_is_another_claim(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("n1", "2021-02-01", "Tomas Ferreira",
                          "The port authority is expected to reopen the northern grain terminal."));
    linked_add(&k, quoted("n2", "2021-02-08", "Tomas Ferreira",
                          "The port authority is not expected to reopen the northern grain terminal."));
    assert_int_equal(claims_now(&k).claims, 0);
    linked_add(&k, quoted("n3", "2021-03-01", "Tomas Ferreira",
                          "The harbour board's decision not to raise berth fees pleased the shipping lines."));
    linked_add(&k, quoted("n4", "2021-03-20", "Tomas Ferreira",
                          "The harbour board's decision to keep berth fees unchanged pleased the shipping lines."));
    found f = claims_now(&k);
    assert_int_equal(f.claims, 1);
    assert_int_equal(f.statements, 2);
    linked_close(&k);
}

/* A statement telling of its own day ("today") or week ("on Friday")
 * published on another day (a week apart) tells of another day. */
static void test_statements_of_their_day(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, quoted("t1", "1999-05-03", "Ines Valdari",
                          "The central bank will add liquidity to the money market today."));
    linked_add(&k, quoted("t2", "1999-05-10", "Ines Valdari",
                          "The central bank should add liquidity to the money market today."));
    assert_int_equal(claims_now(&k).claims, 0);
    linked_add(&k, quoted("t3", "1999-05-10", "Ines Valdari",
                          "The central bank is set to add fresh liquidity to the money market today."));
    assert_int_equal(claims_now(&k).claims, 1);   /* t2 and t3: the same day */
    linked_close(&k);

    linked_open(&k);
    linked_add(&k, quoted("f1", "1999-06-04", "Ines Valdari",
                          "The shipyard strike that began on Friday has closed both dry docks."));
    linked_add(&k, quoted("f2", "1999-06-05", "Ines Valdari",
                          "The shipyard strike which started on Friday has shut both dry docks."));
    assert_int_equal(claims_now(&k).claims, 1);
    linked_add(&k, quoted("f3", "1999-06-18", "Ines Valdari",
                          "A shipyard strike that began on Friday has closed both dry docks again."));
    found f = claims_now(&k);
    assert_int_equal(f.claims, 1);
    assert_int_equal(f.statements, 2);   /* f3: another Friday */
    linked_close(&k);
}

/* An article naming `issuer` (the speaker, an organisation) and, once
 * each, the firms around its deal; the statement names its manager. */
static article *offering(const char *id, const char *published, const char *issuer, const char *statement)
{
    char body[640];
    snprintf(body, sizeof body,
             "%s is raising 90 mln dlrs through notes due 2030, said %s. The notes are rated A by Halden Ratings "
             "and priced over Treasury securities.",
             issuer, statement);
    article *a = fake_article(id, published, body);
    int32_t who = fake_entity(a, issuer, ENT_ORG, (const char *[]){issuer, NULL});
    fake_entity(a, "Kestrel Brothers Inc", ENT_ORG, (const char *[]){"Kestrel Brothers Inc", NULL});
    fake_entity(a, "Halden Ratings", ENT_ORG, (const char *[]){"Halden Ratings", NULL});
    fake_entity(a, "Treasury", ENT_ORG, (const char *[]){"Treasury", NULL});
    fake_quote(a, statement, who);
    return a;
}

/* An article quoting `speaker` on the resignation of Governor Selma Rieck
 * (named twice: the story the article tells). */
static article *reaction(const char *id, const char *speaker, const char *statement)
{
    char body[640];
    snprintf(body, sizeof body, "Governor Selma Rieck resigned on the eve of the vote. %s said %s. Rieck left at noon.",
             speaker, statement);
    article *a = fake_article(id, "2022-09-14", body);
    fake_entity(a, "Selma Rieck", ENT_PERSON, (const char *[]){"Selma Rieck", "Rieck left", NULL});
    int32_t who = fake_entity(a, speaker, ENT_PERSON, (const char *[]){speaker, NULL});
    fake_quote(a, statement, who);
    return a;
}

/* The same formula in two stories is two facts: two issuers' notes with
 * the same lead manager. The same words by two speakers about one story
 * (what both articles are about, beside the statement) are one claim. */
static void test_one_formula_two_stories(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, offering("o1", "1998-03-02", "Marlow Paper Corp", "lead manager Kestrel Brothers Inc"));
    linked_add(&k, offering("o2", "1998-03-09", "Brenton Gas Co", "lead manager Kestrel Brothers Inc"));
    linked_add(&k, offering("o3", "1998-04-01", "Ostrava Mills Inc", "lead manager Kestrel Brothers Inc"));
    assert_int_equal(claims_now(&k).claims, 0);
    linked_add(&k, reaction("s1", "Jonas Ekberg", "the sudden departure would unsettle the Ravensburg bond markets for weeks"));
    linked_add(&k, reaction("s2", "Priya Nandakumar", "the sudden departure will unsettle Ravensburg bond markets for weeks"));
    found f = claims_now(&k);
    assert_int_equal(f.claims, 1);
    assert_int_equal(f.articles, 2);
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
        cmocka_unit_test(test_one_formula_two_names),
        cmocka_unit_test(test_wire_copy_is_one_statement),
        cmocka_unit_test(test_denial_is_another_claim),
        cmocka_unit_test(test_statements_of_their_day),
        cmocka_unit_test(test_one_formula_two_stories),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
