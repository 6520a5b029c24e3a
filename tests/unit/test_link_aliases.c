/* test_link_aliases.c — entities joined across articles in a store, kept
 * apart where they differ, the same whatever the order of ingest. */
#include "link_testutil.h"

static article *gilani_full(void)
{
    article *a = fake_article("a1", "2012-03-01",
                              "Prime Minister Yousuf Raza Gilani spoke in Multan. Gilani said the budget was fair.");
    fake_entity(a, "Yousuf Raza Gilani", ENT_PERSON, (const char *[]){"Yousuf Raza Gilani", "Gilani", NULL});
    fake_entity(a, "Multan", ENT_GPE, (const char *[]){"Multan", NULL});
    return a;
}

static article *gilani_short(void)
{
    article *a = fake_article("a2", "2012-04-01", "Yusuf Gilani met the Tehreek-e-Insaf (PTI) leaders.");
    fake_entity(a, "Yusuf Gilani", ENT_PERSON, (const char *[]){"Yusuf Gilani", NULL});
    fake_entity(a, "Tehreek-e-Insaf", ENT_ORG, (const char *[]){"Tehreek-e-Insaf", "PTI", NULL});
    return a;
}

static article *other_gilani(void)
{
    article *a = fake_article("a3", "2012-05-01", "Ali Gilani, a shopkeeper, said PTI rallies were loud. Gilani laughed.");
    fake_entity(a, "Ali Gilani", ENT_PERSON, (const char *[]){"Ali Gilani", NULL});
    fake_entity(a, "Gilani", ENT_PERSON, (const char *[]){"Gilani laughed", NULL});
    fake_entity(a, "PTI", ENT_ORG, (const char *[]){"PTI", NULL});
    return a;
}

static article *militants(void)
{
    article *a = fake_article("a4", "2013-01-01",
                              "The Pakistani Taliban and the Afghan Taliban met. The Haqqanis stayed away.");
    fake_entity(a, "Pakistani Taliban", ENT_ORG, (const char *[]){"Pakistani Taliban", NULL});
    fake_entity(a, "Afghan Taliban", ENT_ORG, (const char *[]){"Afghan Taliban", NULL});
    fake_entity(a, "Haqqanis", ENT_PERSON, (const char *[]){"Haqqanis", NULL});
    return a;
}

static article *militants_full(void)
{
    article *a = fake_article("a5", "2013-02-01",
                              "Tehrik-i-Taliban Pakistan (TTP) denied links to the Haqqani network.");
    fake_entity(a, "Tehrik-i-Taliban Pakistan", ENT_ORG, (const char *[]){"Tehrik-i-Taliban Pakistan", "TTP", NULL});
    fake_entity(a, "Haqqani network", ENT_ORG, (const char *[]){"Haqqani network", NULL});
    return a;
}

typedef article *(*maker)(void);
static const maker all[] = {gilani_full, gilani_short, other_gilani, militants, militants_full};
enum { NALL = sizeof all / sizeof *all };

static void test_joins(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    for (int i = 0; i < NALL; i++) linked_add(&k, all[i]());
    /* spellings and fuller names: the fullest name is canonical */
    assert_string_equal(cluster_of(&k, "Yusuf Gilani"), "Yousuf Raza Gilani");
    /* an acronym defined in one article joins it alone in another */
    assert_string_equal(cluster_of(&k, "PTI"), "Tehreek-e-Insaf");
    /* a demonym and a head word; a family in the plural */
    assert_string_equal(cluster_of(&k, "Pakistani Taliban"), "Tehrik-i-Taliban Pakistan");
    assert_string_equal(cluster_of(&k, "Haqqanis"), "Haqqani network");
    linked_close(&k);
}

static void test_apart(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    for (int i = 0; i < NALL; i++) linked_add(&k, all[i]());
    /* two people sharing a surname; a surname alone */
    assert_string_equal(cluster_of(&k, "Ali Gilani"), "Ali Gilani");
    assert_string_not_equal(cluster_of(&k, "Gilani laughed") , "Yousuf Raza Gilani");
    char err[256];
    long long alone = link_find_entity(k.l, "Gilani", err, sizeof err);
    long long full = link_find_entity(k.l, "Yousuf Raza Gilani", err, sizeof err);
    long long ali = link_find_entity(k.l, "Ali Gilani", err, sizeof err);
    assert_true(alone != ali || alone != full);
    /* the Afghan Taliban are not the Pakistani Taliban */
    assert_string_equal(cluster_of(&k, "Afghan Taliban"), "Afghan Taliban");
    linked_close(&k);
}

/* The report of the articles ingested in the given order. */
static char *report_in_order(const int *order)
{
    linked k;
    linked_open(&k);
    for (int i = 0; i < NALL; i++) linked_add(&k, all[order[i]]());
    buf out;
    buf_init(&out);
    char err[256];
    assert_int_equal(link_report_json(k.l, &out, err, sizeof err), 0);
    char *s = strdup(buf_cstr(&out));
    buf_free(&out);
    linked_close(&k);
    return s;
}

static void test_order_does_not_matter(void **state)
{
    (void)state;
    static const int orders[][NALL] = {{0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 4, 0, 3, 1}};
    char *first = report_in_order(orders[0]);
    for (int i = 1; i < 3; i++) {
        char *other = report_in_order(orders[i]);
        assert_string_equal(first, other);
        free(other);
    }
    free(first);
}

/* A replaced article leaves the clusters as if it had never been there. */
static void test_replaced_article(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, gilani_full());
    linked_add(&k, gilani_short());
    assert_string_equal(cluster_of(&k, "Yusuf Gilani"), "Yousuf Raza Gilani");
    /* the same source, now about someone else */
    article *a = fake_article("a1", "2012-03-01", "Prime Minister Raja Ashraf spoke in Multan.");
    fake_entity(a, "Raja Ashraf", ENT_PERSON, (const char *[]){"Raja Ashraf", NULL});
    linked_add(&k, a);
    assert_string_equal(cluster_of(&k, "Yusuf Gilani"), "Yusuf Gilani");
    assert_string_equal(cluster_of(&k, "Raja Ashraf"), "Raja Ashraf");
    linked_close(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_joins),
        cmocka_unit_test(test_apart),
        cmocka_unit_test(test_order_does_not_matter),
        cmocka_unit_test(test_replaced_article),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
