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
    fake_entity(a, "Haqqanis", ENT_ORG, (const char *[]){"Haqqanis", NULL});
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

/* Organisations that share a country's adjective, a common word or a
 * legal form are different organisations: "American" standing for one in
 * its article, "Bank" or "Co" after a country, "National ... Bank". */
static article *org_article(const char *id, const char *text, const char *name, const char *short_form)
{
    article *a = fake_article(id, "1990-05-01", text);
    fake_entity(a, name, ENT_ORG, (const char *[]){name, short_form, NULL});
    return a;
}

static void test_organisations_apart(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, org_article("o1", "American Vellum Co raised its dividend. American said sales rose.",
                               "American Vellum Co", "American"));
    linked_add(&k, org_article("o2", "American Harlow Telegraph Co cut jobs. American said costs fell.",
                               "American Harlow Telegraph Co", "American"));
    linked_add(&k, org_article("o3", "The Inter-American Quenby Development Bank lent more.",
                               "Inter-American Quenby Development Bank", NULL));
    linked_add(&k, org_article("o4", "American Bank opened a branch.", "American Bank", NULL));
    linked_add(&k, org_article("o5", "National Tamworth Bank Plc bought a broker.", "National Tamworth Bank Plc", NULL));
    linked_add(&k, org_article("o6", "National Bank lent to farmers.", "National Bank", NULL));
    linked_add(&k, org_article("o7", "Harlow Vellum Co said it would merge. Vellum said so.", "Harlow Vellum Co", NULL));
    static const char *const names[] = {"American Vellum Co", "American Harlow Telegraph Co",
                                        "Inter-American Quenby Development Bank", "American Bank",
                                        "National Tamworth Bank Plc", "National Bank"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        assert_string_equal(cluster_of(&k, names[i]), names[i]);
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

/* Two sisters sharing a surname, a singer with the same surname, and a
 * surname alone; a firm read as a person in one article and named with its
 * legal form in another; a country read as an organisation. */
static article *sisters_one(void)
{
    article *a = fake_article("s1", "2005-01-10", "Ada Okafor beat Bea Okafor. Okafor wept. Portugal cheered.");
    fake_entity(a, "Ada Okafor", ENT_PERSON, (const char *[]){"Ada Okafor", NULL});
    fake_entity(a, "Bea Okafor", ENT_PERSON, (const char *[]){"Bea Okafor", NULL});
    fake_entity(a, "Okafor", ENT_PERSON, (const char *[]){"Okafor wept", NULL});
    fake_entity(a, "Portugal", ENT_ORG, (const char *[]){"Portugal", NULL});
    return a;
}

static article *sisters_two(void)
{
    article *a = fake_article("s2", "2005-01-12", "Bea Okafor won in Portugal. Okafor said she was tired.");
    fake_entity(a, "Bea Okafor", ENT_PERSON, (const char *[]){"Bea Okafor", "Okafor said", NULL});
    fake_entity(a, "Portugal", ENT_GPE, (const char *[]){"Portugal", NULL});
    return a;
}

static article *singer(void)
{
    article *a = fake_article("s3", "2005-02-01", "Cal Okafor sang. Okafor then left. Okafor, alone, is no one.");
    fake_entity(a, "Cal Okafor", ENT_PERSON, (const char *[]){"Cal Okafor", "Okafor then", NULL});
    return a;
}

static article *firm_as_person(void)
{
    article *a = fake_article("s4", "1987-03-02", "Dunmore Pryce raised its forecast. Rates rose.");
    fake_entity(a, "Dunmore Pryce", ENT_PERSON, (const char *[]){"Dunmore Pryce", NULL});
    return a;
}

static article *firm_with_form(void)
{
    article *a = fake_article("s5", "1987-03-04", "Dunmore Pryce and Co Inc cut its forecast.");
    fake_entity(a, "Dunmore Pryce and Co Inc", ENT_ORG, (const char *[]){"Dunmore Pryce and Co Inc", NULL});
    return a;
}

static article *initials_one(void)
{
    article *a = fake_article("s6", "2004-05-01", "Ray T. Lund spoke. Ray Lund then left. Lund smiled.");
    fake_entity(a, "Ray T. Lund", ENT_PERSON, (const char *[]){"Ray T. Lund", "Ray Lund", "Lund smiled", NULL});
    return a;
}

static article *initials_two(void)
{
    article *a = fake_article("s7", "1987-05-01", "Vice President Ray Lund spoke.");
    fake_entity(a, "Ray Lund", ENT_PERSON, (const char *[]){"Ray Lund", NULL});
    return a;
}

/* Two names the tagger read as a person in one article and an organisation
 * in another: one never called by its surname alone nor given a title. */
static article *mixed_one(void)
{
    article *a = fake_article("s8", "1987-06-01",
                              "Ardent Vale cut rates. Ines Vantrell of the bank agreed. Vantrell smiled.");
    fake_entity(a, "Ardent Vale", ENT_PERSON, (const char *[]){"Ardent Vale", NULL});
    fake_entity(a, "Ines Vantrell", ENT_PERSON, (const char *[]){"Ines Vantrell", "Vantrell", NULL});
    return a;
}

static article *mixed_two(void)
{
    article *a = fake_article("s9", "1987-06-02", "Ardent Vale raised fees. Ines Vantrell resigned.");
    fake_entity(a, "Ardent Vale", ENT_ORG, (const char *[]){"Ardent Vale", NULL});
    fake_entity(a, "Ines Vantrell", ENT_ORG, (const char *[]){"Ines Vantrell", NULL});
    return a;
}

static const maker kept_apart[] = {sisters_one, sisters_two, singer, firm_as_person, firm_with_form,
                                   initials_one, initials_two, mixed_one, mixed_two};
enum { NAPART = sizeof kept_apart / sizeof *kept_apart };

typedef struct person_row {
    char name[64];
    int type;
    size_t ndocs;
    char docs[4][16];
} person_row;

typedef struct person_rows {
    person_row v[48];
    int n;
} person_rows;

static int keep_row(const cluster_info *c, void *ctx)
{
    person_rows *r = ctx;
    if (r->n == 48) return 1;
    person_row *row = &r->v[r->n++];
    snprintf(row->name, sizeof row->name, "%s", c->name);
    row->type = c->type;
    row->ndocs = c->ndocs;
    for (size_t i = 0; i < c->ndocs && i < 4; i++) snprintf(row->docs[i], 16, "%s", c->docs[i]);
    return 0;
}

static const person_row *row_named(const person_rows *r, const char *name)
{
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].name, name)) return &r->v[i];
    return NULL;
}

static void test_people_kept_apart(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    for (int i = 0; i < NAPART; i++) linked_add(&k, kept_apart[i]());
    person_rows rows = {.n = 0};
    char err[256];
    assert_int_equal(link_clusters(k.l, 0, keep_row, &rows, err, sizeof err), 0);
    /* each sister is one entity across articles; the singer is another */
    const person_row *bea = row_named(&rows, "Bea Okafor");
    assert_non_null(bea);
    assert_int_equal(bea->ndocs, 2);
    assert_string_equal(bea->docs[0], "s1");
    assert_string_equal(bea->docs[1], "s2");
    assert_non_null(row_named(&rows, "Ada Okafor"));
    const person_row *cal = row_named(&rows, "Cal Okafor");
    assert_non_null(cal);
    assert_int_equal(cal->ndocs, 1);
    /* the lone surname of s1 joins nobody */
    const person_row *lone = row_named(&rows, "Okafor");
    assert_non_null(lone);
    assert_int_equal(lone->ndocs, 1);
    /* the firm is one organisation, whichever way the tagger read it */
    const person_row *firm = row_named(&rows, "Dunmore Pryce and Co Inc");
    assert_non_null(firm);
    assert_int_equal(firm->type, ENT_ORG);
    assert_int_equal(firm->ndocs, 2);
    assert_null(row_named(&rows, "Dunmore Pryce"));
    /* a country is a place in every article */
    const person_row *country = row_named(&rows, "Portugal");
    assert_non_null(country);
    assert_int_equal(country->type, ENT_GPE);
    assert_int_equal(country->ndocs, 2);
    /* read as a person and as an organisation: a person only with a person's signs */
    const person_row *vale = row_named(&rows, "Ardent Vale");
    assert_non_null(vale);
    assert_int_equal(vale->type, ENT_ORG);
    const person_row *moro = row_named(&rows, "Ines Vantrell");
    assert_non_null(moro);
    assert_int_equal(moro->type, ENT_PERSON);
    int t = 0;
    buf nb;
    buf_init(&nb);
    assert_int_equal(link_entity_name(k.l, link_find_entity(k.l, "Ardent Vale", err, sizeof err), &nb, &t, err,
                                      sizeof err), 0);
    assert_int_equal(t, ENT_ORG);
    buf_free(&nb);
    /* Ray T. Lund and an earlier Ray Lund stay apart */
    assert_string_equal(cluster_of(&k, "Ray T. Lund"), "Ray T. Lund");
    link_candidate c[4];
    assert_int_equal(link_entity_candidates(k.l, "Ray Lund", c, 4, err, sizeof err), 2);
    assert_int_not_equal(c[0].cluster, c[1].cluster);
    /* a surname alone may mean every person bearing it: the most reported first */
    link_candidate sur[8];
    assert_int_equal(link_entity_candidates(k.l, "Okafor", sur, 8, err, sizeof err), 4);
    assert_int_equal(sur[0].articles, 2);
    assert_int_equal(link_find_entity(k.l, "Okafor", err, sizeof err), sur[0].cluster);
    assert_string_equal(cluster_of(&k, "Okafor"), "Bea Okafor");
    const person_row *ray = row_named(&rows, "Ray Lund");
    assert_non_null(ray);
    assert_int_equal(ray->ndocs, 1);
    assert_string_equal(ray->docs[0], "s7");
    linked_close(&k);
}

static void test_report_lists_docs(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    for (int i = 0; i < NAPART; i++) linked_add(&k, kept_apart[i]());
    buf out;
    buf_init(&out);
    char err[256];
    assert_int_equal(link_report_json(k.l, &out, err, sizeof err), 0);
    const char *bea = strstr(buf_cstr(&out), "{\"entity\":\"Bea Okafor\"");
    assert_non_null(bea);
    const char *end = strchr(bea, '}');
    const char *docs = strstr(bea, "\"docs\":[\"s1\",\"s2\"]");
    assert_non_null(docs);
    assert_true(docs < end);
    buf_free(&out);
    linked_close(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_joins),
        cmocka_unit_test(test_apart),
        cmocka_unit_test(test_organisations_apart),
        cmocka_unit_test(test_order_does_not_matter),
        cmocka_unit_test(test_replaced_article),
        cmocka_unit_test(test_people_kept_apart),
        cmocka_unit_test(test_report_lists_docs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
