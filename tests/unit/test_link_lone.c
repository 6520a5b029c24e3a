/* test_link_lone.c — a surname alone joins a full name across articles only
 * when the context leaves one candidate, near in time, whatever the order. */
#include "link_testutil.h"

/* Articles about nothing in particular, so that names shared by a few
 * articles are rare in the corpus, as in real news. */
enum { NFILLER = 80 };

static article *filler(int i)
{
    char id[16], name[32], text[96];
    snprintf(id, sizeof id, "f%02d", i);
    snprintf(name, sizeof name, "Placeholder%02d", i);
    snprintf(text, sizeof text, "%s opened a shop.", name);
    article *a = fake_article(id, "2008-06-01", text);
    fake_entity(a, name, ENT_ORG, (const char *[]){name, NULL});
    return a;
}

/* the running back, with his team and city */
static article *runner(void)
{
    article *a = fake_article("r1", "2008-10-01", "Reggie Dunmore ran for the Kestrels in Halvard City.");
    fake_entity(a, "Reggie Dunmore", ENT_PERSON, (const char *[]){"Reggie Dunmore", NULL});
    fake_entity(a, "Kestrels", ENT_ORG, (const char *[]){"Kestrels", NULL});
    fake_entity(a, "Halvard City", ENT_GPE, (const char *[]){"Halvard City", NULL});
    return a;
}

/* the senator, elsewhere */
static article *senator(void)
{
    article *a = fake_article("r2", "2008-10-02", "George Dunmore spoke at the Vantrell Institute in Ostby.");
    fake_entity(a, "George Dunmore", ENT_PERSON, (const char *[]){"George Dunmore", NULL});
    fake_entity(a, "Vantrell Institute", ENT_ORG, (const char *[]){"Vantrell Institute", NULL});
    fake_entity(a, "Ostby", ENT_GPE, (const char *[]){"Ostby", NULL});
    return a;
}

/* "Dunmore" alone, among the running back's team and city */
static article *lone_runner_in(const char *id)
{
    char text[128];   /* not one text five times: the store keeps a copy once */
    snprintf(text, sizeof text, "Dunmore scored twice for the Kestrels in Halvard City (report %s).", id);
    article *a = fake_article(id, "2008-10-05", text);
    fake_entity(a, "Dunmore", ENT_PERSON, (const char *[]){"Dunmore", NULL});
    fake_entity(a, "Kestrels", ENT_ORG, (const char *[]){"Kestrels", NULL});
    fake_entity(a, "Halvard City", ENT_GPE, (const char *[]){"Halvard City", NULL});
    return a;
}

/* five articles that never give his full name */
static article *lone_runner(void) { return lone_runner_in("r3"); }
static article *lone_runner5(void) { return lone_runner_in("r5"); }
static article *lone_runner6(void) { return lone_runner_in("r6"); }
static article *lone_runner7(void) { return lone_runner_in("r7"); }
static article *lone_runner8(void) { return lone_runner_in("r8"); }

/* a country that is also a given name, beside a person so named: the
 * country's name alone is not taken for his given name */
static article *jordan_full(void)
{
    article *a = fake_article("j1", "2008-10-01", "Jordan Pryce spoke at the Ostby Forum with the Vantrell Group.");
    fake_entity(a, "Jordan Pryce", ENT_PERSON, (const char *[]){"Jordan Pryce", NULL});
    fake_entity(a, "Ostby Forum", ENT_ORG, (const char *[]){"Ostby Forum", NULL});
    fake_entity(a, "Vantrell Group", ENT_ORG, (const char *[]){"Vantrell Group", NULL});
    return a;
}

static article *jordan_country(void)
{
    article *a = fake_article("j2", "2008-10-02", "Jordan sent envoys to the Ostby Forum and the Vantrell Group.");
    fake_entity(a, "Jordan", ENT_GPE, (const char *[]){"Jordan", NULL});
    fake_entity(a, "Ostby Forum", ENT_ORG, (const char *[]){"Ostby Forum", NULL});
    fake_entity(a, "Vantrell Group", ENT_ORG, (const char *[]){"Vantrell Group", NULL});
    return a;
}

static article *jordan_lone(void)
{
    article *a = fake_article("j3", "2008-10-03", "Jordan said the Ostby Forum and the Vantrell Group would meet.");
    fake_entity(a, "Jordan", ENT_PERSON, (const char *[]){"Jordan", NULL});
    fake_entity(a, "Ostby Forum", ENT_ORG, (const char *[]){"Ostby Forum", NULL});
    fake_entity(a, "Vantrell Group", ENT_ORG, (const char *[]){"Vantrell Group", NULL});
    return a;
}

/* two sisters who play for the same club: the context leaves two candidates */
static article *sister(const char *id, const char *given)
{
    char name[64], text[128];
    snprintf(name, sizeof name, "%s Okafor", given);
    snprintf(text, sizeof text, "%s won at Brockhall for the Pryce Club.", name);
    article *a = fake_article(id, "2008-07-01", text);
    fake_entity(a, name, ENT_PERSON, (const char *[]){name, NULL});
    fake_entity(a, "Brockhall", ENT_GPE, (const char *[]){"Brockhall", NULL});
    fake_entity(a, "Pryce Club", ENT_ORG, (const char *[]){"Pryce Club", NULL});
    return a;
}

static article *ada(void) { return sister("s1", "Ada"); }
static article *bea(void) { return sister("s2", "Bea"); }

static article *lone_sister(void)
{
    article *a = fake_article("s3", "2008-07-03", "Okafor lost at Brockhall for the Pryce Club.");
    fake_entity(a, "Okafor", ENT_PERSON, (const char *[]){"Okafor", NULL});
    fake_entity(a, "Brockhall", ENT_GPE, (const char *[]){"Brockhall", NULL});
    fake_entity(a, "Pryce Club", ENT_ORG, (const char *[]){"Pryce Club", NULL});
    return a;
}

/* the running back's context, but ten years later */
static article *lone_late(void)
{
    article *a = fake_article("r4", "2018-10-05", "Dunmore coached the Kestrels in Halvard City.");
    fake_entity(a, "Dunmore", ENT_PERSON, (const char *[]){"Dunmore", NULL});
    fake_entity(a, "Kestrels", ENT_ORG, (const char *[]){"Kestrels", NULL});
    fake_entity(a, "Halvard City", ENT_GPE, (const char *[]){"Halvard City", NULL});
    return a;
}

typedef article *(*maker)(void);
static const maker named[] = {runner,       senator,      lone_runner,  ada,         bea,         lone_sister,
                              lone_late,    lone_runner5, lone_runner6, lone_runner7, lone_runner8, jordan_full,
                              jordan_country, jordan_lone};
enum { NNAMED = sizeof named / sizeof *named };

/* The cluster the lone node of article `id` belongs to, by canonical name. */
static const char *cluster_of_node(linked *k, const char *id, const char *name)
{
    static char out[256];
    static const char sql[] = "SELECT e.cluster FROM link_entities e JOIN articles a ON a.rowid = e.article"
                              " WHERE a.id = ?1 AND e.name = ?2";
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(k->l->db, sql, -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long c = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    buf b;
    buf_init(&b);
    char err[256];
    assert_int_equal(link_entity_name(k->l, c, &b, NULL, err, sizeof err), 0);
    snprintf(out, sizeof out, "%s", buf_cstr(&b));
    buf_free(&b);
    return out;
}

static void add_all(linked *k, const int *order)
{
    for (int i = 0; i < NFILLER; i++) linked_add(k, filler(i));
    for (int i = 0; i < NNAMED; i++) linked_add(k, named[order[i]]());
    linked_settle(k);
}

static void test_context_leaves_one_candidate(void **state)
{
    (void)state;
    static const int order[NNAMED] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    linked k;
    linked_open(&k);
    add_all(&k, order);
    /* the team and the city leave the running back; his full name stays
     * the entity's name, though five articles call him Dunmore alone */
    assert_string_equal(cluster_of_node(&k, "r3", "Dunmore"), "Reggie Dunmore");
    assert_string_equal(cluster_of_node(&k, "r8", "Dunmore"), "Reggie Dunmore");
    /* a country's name is no given name alone */
    assert_string_equal(cluster_of_node(&k, "j3", "Jordan"), "Jordan");
    /* two sisters fit the same context: the surname stays alone */
    assert_string_equal(cluster_of_node(&k, "s3", "Okafor"), "Okafor");
    /* ten years on is not near in time */
    assert_string_equal(cluster_of_node(&k, "r4", "Dunmore"), "Dunmore");
    /* and the senator keeps his own name */
    assert_string_equal(cluster_of_node(&k, "r2", "George Dunmore"), "George Dunmore");
    linked_close(&k);
}

/* The report after adding in this order, settling after each named article. */
static char *report_settling_each(const int *order)
{
    linked k;
    linked_open(&k);
    for (int i = 0; i < NFILLER; i++) linked_add(&k, filler(i));
    for (int i = 0; i < NNAMED; i++) {
        linked_add(&k, named[order[i]]());
        linked_settle(&k);
    }
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
    static const int orders[][NNAMED] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13},
                                         {13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
                                         {2, 5, 13, 6, 0, 9, 3, 11, 1, 7, 12, 4, 8, 10}};
    char *first = report_settling_each(orders[0]);
    assert_non_null(strstr(first, "\"entity\":\"Reggie Dunmore\""));
    for (int i = 1; i < 3; i++) {
        char *other = report_settling_each(orders[i]);
        assert_string_equal(first, other);
        free(other);
    }
    free(first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_context_leaves_one_candidate),
        cmocka_unit_test(test_order_does_not_matter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
