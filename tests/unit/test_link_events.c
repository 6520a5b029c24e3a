/* test_link_events.c — one attack as several articles report it, kept apart
 * from other attacks; conflicts between their figures (src/link/events.c,
 * merged.c, conflicts.c): articles are linked, then the batch settled, as
 * corpus_add and its batch commits do. */
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
    linked_settle(k);
    assert_true(link_events(k->l, note, &s, err, sizeof err) >= 0);
    return s;
}

/* Reports of one market bombing, as news tells it: the first with the
 * city and the day, later ones with a rising toll, one recalling it a month
 * later; beside it a bank robbery in the capital and a later bus bombing in
 * another country. */
static article *market_first(void)
{
    article *a = fake_article("m1", "2021-03-05",
                              "A bomb tore through the crowded Kongowea market in Mombasa on Thursday and killed "
                              "12 shoppers. Police blamed the Shabaab militia.");
    int32_t ev = fake_event(a, "bombing", "Mombasa", "2021-03-04");
    fake_figure(a, "12 shoppers", 12, "killed", ev);
    return a;
}

static article *market_toll(void)
{
    article *a = fake_article("m2", "2021-03-06",
                              "The toll of the Kongowea market bombing in Kenya rose to 15 dead, and the Shabaab "
                              "militia said it planted the bomb.");
    int32_t ev = fake_event(a, "bombing", "Kenya", "2021-03-04");
    fake_figure(a, "15 dead", 15, "killed", ev);
    return a;
}

static article *market_recalled(void)
{
    article *a = fake_article("m3", "2021-04-02",
                              "Last month's bombing of Kongowea market, which killed more than 10 shoppers, "
                              "emptied the stalls of Mombasa.");
    int32_t ev = fake_event(a, "bombing", "Mombasa", "2021-03");
    fake_figure(a, "more than 10", 10, "killed", ev);
    return a;
}

static article *capital_shooting(void)
{
    article *a = fake_article("n1", "2021-02-21",
                              "Robbers shot dead three guards at a bank in Nairobi on Saturday and escaped with "
                              "the cash.");
    int32_t ev = fake_event(a, "shooting", "Nairobi", "2021-02-20");
    fake_figure(a, "three", 3, "killed", ev);
    return a;
}

static article *later_attack(void)
{
    article *a = fake_article("m4", "2021-05-11",
                              "A bomb hidden on a bus exploded at the Kampala terminal on Monday, killing two "
                              "commuters, and the Shabaab militia was blamed.");
    int32_t ev = fake_event(a, "bombing", "Kampala", "2021-05-10");
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
    /* the market bombing: its reports joined, whatever place and date each
     * gave; 12 vs 15 is a conflict, "more than 10" agrees with both */
    assert_string_equal(s.line[0], "shooting|Nairobi|2021-02-20|n1|");
    assert_string_equal(s.line[1], "bombing|Mombasa|2021-03-04|m1,m2,m3|killed");
    assert_string_equal(s.line[2], "bombing|Kampala|2021-05-10|m4|");
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

/* Two bombings in one city a day apart, told with different words, stay
 * two events, and a third report of one of them joins that one only. */
static void test_similar_events_stay_apart(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, market_first());
    article *a = fake_article("n2", "2021-03-06",
                              "Gunmen stormed a church in the Likoni suburb of Mombasa on Friday, killing "
                              "four worshippers during the evening prayer.");
    int32_t ev = fake_event(a, "shooting", "Mombasa", "2021-03-05");
    fake_figure(a, "four worshippers", 4, "killed", ev);
    linked_add(&k, a);
    linked_add(&k, market_toll());
    seen s = events_of(&k);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.line[0], "bombing|Mombasa|2021-03-04|m1,m2|killed");
    assert_string_equal(s.line[1], "shooting|Mombasa|2021-03-05|n2|");
    linked_close(&k);
}

/* Reports with no date at all (no publication date either) still join the
 * event their words match; an unrelated one stays apart. */
static void test_undated_joins_by_content(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    article *a = fake_article("u1", NULL, "Militants overran the Garissa border post and killed four police officers.");
    fake_event(a, "attack", "Kenya", NULL);
    linked_add(&k, a);
    a = fake_article("u2", NULL, "Four police officers died when militants overran the Garissa border post.");
    fake_event(a, "death", NULL, NULL);
    linked_add(&k, a);
    linked_add(&k, market_first());
    seen s = events_of(&k);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.line[0], "bombing|Mombasa|2021-03-04|m1|");
    assert_string_equal(s.line[1], "attack|Kenya|-|u1,u2|");
    linked_close(&k);
}

/* An article without a date names the years it speaks of: its events are
 * of that time, and one as alike in words decades before is another. */
static article *undated_naming(const char *id, const char *text, const char *year)
{
    article *a = fake_article(id, NULL, text);
    timexpr *t = ARENA_PUSH(&a->mem, a->times);
    t->start = at(a, year);
    t->end = t->start + (uint32_t)strlen(year);
    t->value = arena_strdup(&a->mem, year);
    fake_event(a, "attack", "Kenya", NULL);
    return a;
}

static void test_undated_keeps_to_its_years(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    article *a = fake_article("d1", "1998-06-02",
                              "Militants overran the Garissa border post and killed four police officers.");
    fake_event(a, "attack", "Kenya", NULL);
    linked_add(&k, a);
    linked_add(&k, undated_naming("u1", "Gunmen shot two guards at a Garissa hotel in 2015, police said.", "2015"));
    seen s = events_of(&k);
    assert_int_equal(s.n, 2);
    linked_close(&k);

    linked_open(&k);
    a = fake_article("d1", "1998-06-02", "Militants overran the Garissa border post and killed four police officers.");
    fake_event(a, "attack", "Kenya", NULL);
    linked_add(&k, a);
    linked_add(&k, undated_naming("u2", "Gunmen shot two guards at a Garissa hotel in 1998, police said.", "1998"));
    s = events_of(&k);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.line[0], "attack|Kenya|-|d1,u2|");
    linked_close(&k);
}

/* A report that recalls an event in passing is listed apart from those
 * reporting it; a report of another kind of event is never joined. */
static void test_recalled_and_kinds(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    linked_add(&k, market_first());
    article *a = fake_article("q1", "2021-03-20",
                              "An earthquake shook the coast near Mombasa on Friday. It came two weeks after the "
                              "Kongowea market bombing killed 12 shoppers in Mombasa.");
    fake_event(a, "earthquake", "Mombasa", "2021-03-19");
    int32_t ev = fake_event(a, "bombing", "Mombasa", "2021-03-04");
    a->events.v[1].evidence.n = 0;
    *ARENA_PUSH(&a->mem, a->events.v[1].evidence) = (span){a->sents.v[1].start, a->sents.v[1].end};
    a->events.v[0].evidence.n = 0;
    *ARENA_PUSH(&a->mem, a->events.v[0].evidence) = (span){a->sents.v[0].start, a->sents.v[0].end};
    *ARENA_PUSH(&a->mem, a->events.v[0].evidence) = (span){a->sents.v[0].start, a->sents.v[0].end};
    fake_figure(a, "12 shoppers", 12, "killed", ev);
    linked_add(&k, a);
    seen s = events_of(&k);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.line[0], "bombing|Mombasa|2021-03-04|m1|");
    assert_string_equal(s.line[1], "earthquake|Mombasa|2021-03-19|q1|");
    linked_close(&k);
}

/* Parts in one sentence add up: no conflict with their total. */
static void test_parts_add_up(void **state)
{
    (void)state;
    linked k;
    linked_open(&k);
    article *a = fake_article("p1", "2021-03-05", "The bomb in the Mombasa market killed 10 shoppers and two guards on Thursday.");
    int32_t ev = fake_event(a, "bombing", "Mombasa", "2021-03-04");
    fake_figure(a, "10 shoppers", 10, "killed", ev);
    fake_figure(a, "two guards", 2, "killed", ev);
    linked_add(&k, a);
    a = fake_article("p2", "2021-03-05", "Twelve shoppers died in the Mombasa market blast.");
    ev = fake_event(a, "bombing", "Mombasa", "2021-03-04");
    fake_figure(a, "Twelve shoppers", 12, "killed", ev);
    linked_add(&k, a);
    seen s = events_of(&k);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.line[0], "bombing|Mombasa|2021-03-04|p1,p2|");
    linked_close(&k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merged_and_apart),
        cmocka_unit_test(test_order_does_not_matter),
        cmocka_unit_test(test_similar_events_stay_apart),
        cmocka_unit_test(test_undated_joins_by_content),
        cmocka_unit_test(test_undated_keeps_to_its_years),
        cmocka_unit_test(test_recalled_and_kinds),
        cmocka_unit_test(test_parts_add_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
