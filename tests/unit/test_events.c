/* test_events.c — events from evidence sentences, with hand-set mentions, figures and times
 * so the test checks the events step alone. */
#include <math.h>

#include "nlp/steps.h"
#include "testutil.h"

static events_res *res(void)
{
    static events_res *r;
    char err[256];
    if (!r) r = events_load(DOSSIER_DATA_DIR, DOSSIER_MODEL_DIR, err, sizeof err);
    assert_non_null(r);
    return r;
}

/* Offsets of the first occurrence of w in the article's text. */
static span find(const article *a, const char *w)
{
    const char *p = strstr(a->text, w);
    assert_non_null(p);
    return (span){(uint32_t)(p - a->text), (uint32_t)(p - a->text + strlen(w))};
}

static void add_mention(article *a, const char *w, uint8_t type, const char *entity_name)
{
    span s = find(a, w);
    entity *e = ARENA_PUSH(&a->mem, a->entities);
    e->name = entity_name;
    e->type = type;
    mention *m = ARENA_PUSH(&a->mem, a->mentions);
    *m = (mention){s.start, s.end, type, MK_NAME, (int32_t)(a->entities.n - 1), {0, 0}};
}

static void add_figure(article *a, const char *w, double v, const char *measure)
{
    span s = find(a, w);
    figure *f = ARENA_PUSH(&a->mem, a->figures);
    *f = (figure){s.start, s.end, v, NAN, false, "person", measure, -1};
}

static void add_time(article *a, const char *w, const char *value)
{
    span s = find(a, w);
    timexpr *t = ARENA_PUSH(&a->mem, a->times);
    *t = (timexpr){s.start, s.end, value};
}

static article *bare(const char *text)
{
    article *a = test_analyze(text, NULL);
    assert_non_null(a);
    a->mentions.n = a->entities.n = a->figures.n = a->times.n = a->events.n = 0;
    return a;
}

static void one_attack_told_twice_is_one_event(void **state)
{
    article *a = bare("Gunmen stormed a college in Riverton on Monday and killed 12 students. "
                      "The attack in Riverton was claimed by the Red Hand Front. "
                      "Officials said 12 people died and 30 were wounded in the attack.");
    add_mention(a, "Riverton", ENT_GPE, "Riverton");
    mention m2 = a->mentions.v[0];
    span s2 = find(a, "Riverton was");
    m2.start = s2.start;
    m2.end = s2.start + 8;
    *ARENA_PUSH(&a->mem, a->mentions) = m2;
    add_mention(a, "Red Hand Front", ENT_ORG, "Red Hand Front");
    add_time(a, "on Monday", "2020-03-02");
    add_figure(a, "12 students", 12, "killed");
    add_figure(a, "12 people", 12, "killed");
    add_figure(a, "30", 30, "injured");
    events_run(res(), a);
    assert_int_equal(a->events.n, 1);
    event *e = &a->events.v[0];
    assert_string_equal(e->type, "attack");
    assert_string_equal(e->place, "Riverton");
    assert_string_equal(e->date, "2020-03-02");
    assert_string_equal(e->perpetrator, "Red Hand Front");
    assert_true(e->killed == 12);
    assert_true(e->injured == 30);
    assert_int_equal(e->evidence.n, 3);
    assert_int_equal(a->figures.v[0].event, 0);
    article_free(a);
}

static void general_talk_of_attacks_is_no_event(void **state)
{
    article *a = bare("Militants have launched cross-border attacks for years. "
                      "Leaders discussed attacks on the border in Riverton.");
    add_mention(a, "Riverton", ENT_GPE, "Riverton");
    events_run(res(), a);
    assert_int_equal(a->events.n, 0);
    article_free(a);
}

static void different_places_stay_apart(void **state)
{
    article *a = bare("A bombing in Northtown killed 4 people. A shooting in Southville killed 9 people.");
    add_mention(a, "Northtown", ENT_GPE, "Northtown");
    add_mention(a, "Southville", ENT_GPE, "Southville");
    add_figure(a, "4 people", 4, "killed");
    add_figure(a, "9 people", 9, "killed");
    events_run(res(), a);
    assert_int_equal(a->events.n, 2);
    assert_true(a->events.v[0].killed == 4);
    assert_true(a->events.v[1].killed == 9);
    article_free(a);
}

/* Of the places a sentence names, the event's is the one nearest its trigger
 * ("in Westland ... a bombing at a clinic in the city of Northtown"), and a
 * scale named after a man is no place. */
static void the_place_nearest_the_trigger(void **state)
{
    article *a = bare("Concern about its reach in Westland has grown for months since the group said it carried out "
                      "a bombing at a clinic in the city of Northtown that killed 70 people.");
    add_mention(a, "Westland", ENT_GPE, "Westland");
    add_mention(a, "Northtown", ENT_GPE, "Northtown");
    add_figure(a, "70 people", 70, "killed");
    events_run(res(), a);
    assert_int_equal(a->events.n, 1);
    assert_string_equal(a->events.v[0].place, "Northtown");
    article_free(a);
    a = bare("A bombing as loud as a quake of 6.1 on the Kessler scale killed 70 people.");
    add_mention(a, "Kessler", ENT_GPE, "Kessler");
    add_figure(a, "70 people", 70, "killed");
    events_run(res(), a);
    assert_int_equal(a->events.n, 1);
    assert_null(a->events.v[0].place);
    article_free(a);
}

static void executions_are_their_own_type(void **state)
{
    article *a = bare("The state executed 7 prisoners on Tuesday in Easton.");
    add_mention(a, "Easton", ENT_GPE, "Easton");
    add_time(a, "on Tuesday", "2021-05-04");
    events_run(res(), a);
    assert_int_equal(a->events.n, 1);
    assert_string_equal(a->events.v[0].type, "execution");
    assert_true(isnan(a->events.v[0].killed));
    article_free(a);
}

/* A weak trigger ("died") makes an event in the lead, not later without a
 * toll; a later undated sentence tells more of the lead's story, wherever
 * it places it. */
static void the_lead_and_its_story(void **state)
{
    article *a = bare("A climber died on Mount Ardent on Sunday.\n\n"
                      "Rescuers reached the body near Glen Hollow. "
                      "His brother died years ago in an avalanche. "
                      "The fall killed 1 man on the north face near Glen Hollow.");
    add_mention(a, "Mount Ardent", ENT_LOC, "Mount Ardent");
    add_time(a, "on Sunday", "2021-07-04");
    add_figure(a, "1 man", 1, "killed");
    mention m = a->mentions.v[0];
    span s = find(a, "Glen Hollow");
    m.start = s.start, m.end = s.end, m.entity = -1;
    *ARENA_PUSH(&a->mem, a->mentions) = m;
    events_run(res(), a);
    assert_int_equal(a->events.n, 1);
    assert_string_equal(a->events.v[0].type, "death");
    assert_string_equal(a->events.v[0].place, "Mount Ardent");
    assert_int_equal(a->events.v[0].evidence.n, 2);   /* the lead and the toll, not the brother */
    assert_true(a->events.v[0].killed == 1);
    article_free(a);
}

/* The toll of another year's disaster, told beside the news, is not the news's toll. */
static void another_years_toll_is_not_this_ones(void **state)
{
    article *a = bare("An earthquake struck Coralport on Tuesday and killed 4 people. "
                      "The quake of 1999 killed 2,000 people in the same province.");
    add_mention(a, "Coralport", ENT_GPE, "Coralport");
    add_time(a, "on Tuesday", "2021-03-02");
    add_time(a, "1999", "1999");
    add_figure(a, "4 people", 4, "killed");
    add_figure(a, "2,000 people", 2000, "killed");
    events_run(res(), a);
    assert_true(a->events.n >= 1);
    assert_string_equal(a->events.v[0].type, "earthquake");
    assert_true(a->events.v[0].killed == 4);
    assert_int_not_equal(a->figures.v[1].event, 0);
    article_free(a);
}

/* The people the sentences say were killed or hurt are the victims; the
 * one who shot is not. */
static void victims_are_those_harmed(void **state)
{
    article *a = bare("Dana Reyes was shot dead in Northtown on Friday. "
                      "Lee Marsh shot two guards before Tom Vale, 41, died in Northtown.");
    add_mention(a, "Dana Reyes", ENT_PERSON, "Dana Reyes");
    add_mention(a, "Lee Marsh", ENT_PERSON, "Lee Marsh");
    add_mention(a, "Tom Vale", ENT_PERSON, "Tom Vale");
    mention m = a->mentions.v[0];
    span s = find(a, "Northtown");
    *ARENA_PUSH(&a->mem, a->entities) = (entity){"Northtown", NULL, ENT_GPE, 0, 1};
    m = (mention){s.start, s.end, ENT_GPE, MK_NAME, (int32_t)(a->entities.n - 1), {0, 0}};
    /* mentions stay in text order: Northtown comes after Dana Reyes */
    mention dana = a->mentions.v[0], lee = a->mentions.v[1], tom = a->mentions.v[2];
    a->mentions.n = 0;
    *ARENA_PUSH(&a->mem, a->mentions) = dana;
    *ARENA_PUSH(&a->mem, a->mentions) = m;
    *ARENA_PUSH(&a->mem, a->mentions) = lee;
    *ARENA_PUSH(&a->mem, a->mentions) = tom;
    add_time(a, "on Friday", "2022-06-03");
    add_figure(a, "two guards", 2, "injured");
    events_run(res(), a);
    assert_int_equal(a->events.n, 1);
    event *e = &a->events.v[0];
    assert_int_equal(e->victims.n, 2);
    assert_string_equal(e->victims.v[0], "Dana Reyes");
    assert_string_equal(e->victims.v[1], "Tom Vale");
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_attack_told_twice_is_one_event),
        cmocka_unit_test(general_talk_of_attacks_is_no_event),
        cmocka_unit_test(different_places_stay_apart),
        cmocka_unit_test(the_place_nearest_the_trigger),
        cmocka_unit_test(executions_are_their_own_type),
        cmocka_unit_test(the_lead_and_its_story),
        cmocka_unit_test(another_years_toll_is_not_this_ones),
        cmocka_unit_test(victims_are_those_harmed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
