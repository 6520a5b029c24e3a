/* test_link_events.c — one attack as several articles report it, kept apart
 * from other attacks; conflicts between their figures (src/link/events.c,
 * merged.c, conflicts.c). */
#include "link_testutil.h"

/* The merged events, summarised as "type|place|date|docs|conflict measures". */
typedef struct seen {
    char line[16][256];
    int n;
} seen;

static int note(const merged_event *e, void *ctx)
{
    seen *s = ctx;
    if (s->n >= 16) return 1;
    char *o = s->line[s->n++];
    int k = snprintf(o, 256, "%s|%s|%s|", e->type, e->place ? e->place : "-", e->date ? e->date : "-");
    for (size_t i = 0; i < e->ndocs && k < 200; i++) k += snprintf(o + k, 256 - (size_t)k, "%s%s", i ? "," : "", e->docs[i]);
    k += snprintf(o + k, 256 - (size_t)k, "|");
    for (size_t i = 0; i < e->nmeasures && k < 240; i++)
        if (e->measures[i].conflict) k += snprintf(o + k, 256 - (size_t)k, "%s", e->measures[i].measure);
    return 0;
}

static seen events_of(linked *k)
{
    seen s = {.n = 0};
    char err[256];
    assert_true(link_events(k->l, note, &s, err, sizeof err) >= 0);
    return s;
}

static article *market_first(void)
{
    article *a = fake_article("m1", "2021-03-05", "A bomb at a market in Mombasa on Thursday killed 12 people.");
    int32_t ev = fake_event(a, "attack", "Mombasa", "2021-03-04");
    fake_figure(a, "12 people", 12, "killed", ev);
    return a;
}

static article *market_toll(void)
{
    article *a = fake_article("m2", "2021-03-06", "The toll of the market bombing in Kenya rose to 15 dead.");
    int32_t ev = fake_event(a, "attack", "Kenya", "2021-03-04");
    fake_figure(a, "15 dead", 15, "killed", ev);
    return a;
}

static article *market_recalled(void)
{
    article *a = fake_article("m3", "2021-04-02", "Last month's bombing in Kenya, which killed more than 10, was recalled.");
    int32_t ev = fake_event(a, "attack", "Kenya", "2021-03");
    fake_figure(a, "more than 10", 10, "killed", ev);
    return a;
}

static article *capital_shooting(void)
{
    article *a = fake_article("n1", "2021-02-21", "Gunmen attacked a bank in Nairobi on Saturday, killing three.");
    int32_t ev = fake_event(a, "attack", "Nairobi", "2021-02-20");
    fake_figure(a, "three", 3, "killed", ev);
    return a;
}

static article *later_attack(void)
{
    article *a = fake_article("m4", "2021-05-11", "Another bomb hit Mombasa on Monday, killing two.");
    int32_t ev = fake_event(a, "attack", "Mombasa", "2021-05-10");
    fake_figure(a, "two", 2, "killed", ev);
    return a;
}

static void test_merged_and_apart(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, market_first());
    linked_add(&k, market_toll());
    linked_add(&k, capital_shooting());
    linked_add(&k, later_attack());
    linked_add(&k, market_recalled());
    seen s = events_of(&k);
    assert_int_equal(s.n, 3);
    /* the market bombing: the city and the day; the vaguer reports joined;
     * 12 vs 15 is a conflict, "more than 10" agrees with both */
    assert_string_equal(s.line[0], "attack|Nairobi|2021-02-20|n1|");
    assert_string_equal(s.line[1], "attack|Mombasa|2021-03-04|m1,m2,m3|killed");
    assert_string_equal(s.line[2], "attack|Mombasa|2021-05-10|m4|");
    linked_close(&k);
}

static void test_order_does_not_matter(void **state)
{
    (void)state;
    article *(*makers[])(void) = {market_first, market_toll, market_recalled, capital_shooting, later_attack};
    static const int orders[][5] = {{0, 1, 2, 3, 4}, {2, 4, 3, 1, 0}, {3, 2, 0, 4, 1}};
    seen first = {.n = 0};
    for (int o = 0; o < 3; o++) {
        linked k;
        linked_open(&k);
        for (int i = 0; i < 5; i++) linked_add(&k, makers[orders[o][i]]());
        seen s = events_of(&k);
        if (o == 0) first = s;
        assert_int_equal(s.n, first.n);
        for (int i = 0; i < s.n; i++) assert_string_equal(s.line[i], first.line[i]);
        linked_close(&k);
    }
}

/* "An attack in Kenya on Thursday", when two attacks in Kenya that day are
 * known, joins neither. */
static void test_ambiguous_stays_apart(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, market_first());
    article *a = fake_article("n2", "2021-03-05", "Gunmen attacked a bank in Nairobi on Thursday, killing three.");
    int32_t ev = fake_event(a, "attack", "Nairobi", "2021-03-04");
    fake_figure(a, "three", 3, "killed", ev);
    linked_add(&k, a);
    linked_add(&k, market_toll());
    seen s = events_of(&k);
    assert_int_equal(s.n, 3);
    linked_close(&k);
}

/* A report with no date and no publication date pins nothing down. */
static void test_unbounded_stays_apart(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    article *a = fake_article("u1", NULL, "Militants attacked a post in Kenya.");
    fake_event(a, "attack", "Kenya", NULL);
    linked_add(&k, a);
    a = fake_article("u2", NULL, "An attack in Kenya killed four.");
    fake_event(a, "attack", "Kenya", NULL);
    linked_add(&k, a);
    linked_add(&k, market_first());
    seen s = events_of(&k);
    assert_int_equal(s.n, 3);
    linked_close(&k);
}

/* Parts in one sentence add up: no conflict with their total. */
static void test_parts_add_up(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    article *a = fake_article("p1", "2021-03-05", "The bomb in Mombasa killed 10 shoppers and two guards on Thursday.");
    int32_t ev = fake_event(a, "attack", "Mombasa", "2021-03-04");
    fake_figure(a, "10 shoppers", 10, "killed", ev);
    fake_figure(a, "two guards", 2, "killed", ev);
    linked_add(&k, a);
    a = fake_article("p2", "2021-03-05", "Twelve people died in the Mombasa blast.");
    ev = fake_event(a, "attack", "Mombasa", "2021-03-04");
    fake_figure(a, "Twelve people", 12, "killed", ev);
    linked_add(&k, a);
    seen s = events_of(&k);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.line[0], "attack|Mombasa|2021-03-04|p1,p2|");
    linked_close(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merged_and_apart),
        cmocka_unit_test(test_order_does_not_matter),
        cmocka_unit_test(test_ambiguous_stays_apart),
        cmocka_unit_test(test_unbounded_stays_apart),
        cmocka_unit_test(test_parts_add_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
