/* test_times.c — the times step: which words are dates, and their values
 * against publication dates chosen to cross week, month and year ends. */
#include "testutil.h"

#include "nlp/steps.h"

/* The times step's resources, loaded once. */
static times_res *res(void)
{
    static times_res *r;
    if (!r) {
        char err[512];
        r = times_load(DOSSIER_DATA_DIR, DOSSIER_MODEL_DIR, err, sizeof err);
        if (!r) {
            fprintf(stderr, "test: %s\n", err);
            abort();
        }
    }
    return r;
}

/* The times found in text published on pub (y = 0: unknown), as
 * "span=value; span=value" with null for unresolved values. */
static const char *times(const char *text, date pub)
{
    static char out[4][2048];
    static int k;
    char *o = out[k++ & 3];
    article *a = test_analyze(text, NULL);   /* no cleaning: the step alone */
    assert_non_null(a);
    a->pubdate = pub;
    times_run(res(), a);
    o[0] = '\0';
    for (uint32_t i = 0; i < a->times.n; i++) {
        const timexpr *t = &a->times.v[i];
        size_t len = strlen(o);
        snprintf(o + len, 2048 - len, "%s%s=%s", i ? "; " : "", span_str(a, t->start, t->end),
                 t->value ? t->value : "null");
    }
    article_free(a);
    return o;
}

#define D(y, m, d) ((date){(y), (m), (d)})

static void absolute_dates(void **state)
{
    date pub = D(2020, 5, 5);
    assert_string_equal(times("The bridge opened on December 17, 2014, after years of delay.", pub),
                        "on December 17, 2014=2014-12-17");
    assert_string_equal(times("Talks began on 3 March 2019 and ended in August 2021.", pub),
                        "on 3 March 2019=2019-03-03; in August 2021=2021-08");
    assert_string_equal(times("The ruling was dated 2016-07-12 and filed on 14/07/2016.", pub),
                        "2016-07-12=2016-07-12; on 14/07/2016=2016-07-14");
    assert_string_equal(times("The law passed in 2023, a year of turmoil.", pub), "in 2023=2023");
    assert_string_equal(times("Its budget for fiscal 2019 grew in mid-2018.", pub), "fiscal 2019=2019; in mid-2018=2018");
    /* absolute dates need no publication date */
    assert_string_equal(times("The mill closed in July 2014.", D(0, 0, 0)), "in July 2014=2014-07");
}

static void numbers_that_are_not_years(void **state)
{
    date pub = D(2020, 5, 5);
    assert_string_equal(times("Police said 2000 protesters marched and 1,500 more joined.", pub), "");
    assert_string_equal(times("The price rose to $2019 per tonne, up 1999 percent.", pub), "");
    assert_string_equal(times("Passengers of Flight 1549 were rescued.", pub), "");
    assert_string_equal(times("The bill came to \xC2\xA3" "2019 in all.", pub), "");
    /* a dash or a quotation mark before a year is no currency */
    assert_string_equal(times("The deal \xE2\x80\x94 2014 was its year \xE2\x80\x94 held.", pub), "2014=2014");
    assert_string_equal(times("About 300 people attended the three days of talks.", pub), "");
}

static void weekdays(void **state)
{
    /* Monday 2 January 2023: "on Friday" in past reporting is 30 December */
    assert_string_equal(times("The minister resigned on Friday after the vote.", D(2023, 1, 2)),
                        "on Friday=2022-12-30");
    /* the weekday of publication itself */
    assert_string_equal(times("Rebels attacked a convoy on Monday.", D(2023, 1, 2)), "on Monday=2023-01-02");
    /* future context: the next one */
    assert_string_equal(times("The two leaders will meet on Friday in Geneva.", D(2023, 1, 2)),
                        "on Friday=2023-01-06");
    assert_string_equal(times("Voting is scheduled for Thursday.", D(2022, 12, 30)), "Thursday=2023-01-05");
    assert_string_equal(times("The court sits again next Friday.", D(2023, 1, 2)), "next Friday=2023-01-06");
    assert_string_equal(times("Protests began last Monday.", D(2023, 1, 2)), "last Monday=2022-12-26");
    assert_string_equal(times("Shelling resumed Tuesday night.", D(2023, 1, 2)), "Tuesday night=2022-12-27");
    /* AP style: the day right after the subject's name */
    assert_string_equal(times("The World Court Friday rejected the appeal.", D(2023, 1, 2)), "Friday=2022-12-30");
    /* names, not days */
    assert_string_equal(times("Pilgrims gathered for Good Friday prayers.", D(2023, 1, 2)), "");
    assert_string_equal(times("The rally was held on Friday.", D(0, 0, 0)), "on Friday=null");
}

static void deictic_words(void **state)
{
    date pub = D(2015, 1, 1);   /* a Thursday, first day of the year */
    assert_string_equal(times("Gunmen stormed the school yesterday.", pub), "yesterday=2014-12-31");
    assert_string_equal(times("The body will be buried tomorrow.", pub), "tomorrow=2015-01-02");
    assert_string_equal(times("Markets were closed today.", pub), "today=2015-01-01");
    assert_string_equal(times("A bomb went off this morning, and another last night.", pub),
                        "this morning=2015-01-01; last night=2014-12-31");
    assert_string_equal(times("Prices fell last month and rose last week.", pub),
                        "last month=2014-12; last week=2014-W52");
}

static void weeks_months_years(void **state)
{
    date pub = D(2015, 1, 14);
    assert_string_equal(times("Sales rose last year and this year, and will rise next year.", pub),
                        "last year=2014; this year=2015; next year=2016");
    assert_string_equal(times("He visited last week and returns next week.", pub),
                        "last week=2015-W02; next week=2015-W04");
    assert_string_equal(times("Late last month the army moved in.", pub), "Late last month=2014-12");
    assert_string_equal(times("Earlier this year, talks stalled.", pub), "Earlier this year=2015");
    assert_string_equal(times("Two years ago the plant shut; a month ago it reopened.", pub),
                        "Two years ago=2013; a month ago=2014-12");
    assert_string_equal(times("The attack came 10 days ago.", pub), "10 days ago=2015-01-04");
    /* durations are not dates */
    assert_string_equal(times("The siege lasted three days over the past few years.", pub), "");
    assert_string_equal(times("Talks were held over the last year.", pub), "");
}

static void months_alone(void **state)
{
    /* "in June" published in December and in January: the June before */
    assert_string_equal(times("The offensive began in June.", D(2014, 12, 17)), "in June=2014-06");
    assert_string_equal(times("The offensive began in June.", D(2015, 1, 14)), "in June=2014-06");
    /* "in December" published in January: last month */
    assert_string_equal(times("Prices peaked in December.", D(2015, 1, 3)), "in December=2014-12");
    /* a month just ahead is upcoming */
    assert_string_equal(times("The vote is in February.", D(2015, 1, 3)), "in February=2015-02");
    assert_string_equal(times("Executions resumed since December.", D(2015, 1, 14)), "December=2014-12");
    assert_string_equal(times("They met last June and meet again next June.", D(2015, 6, 10)),
                        "last June=2014-06; next June=2016-06");
    assert_string_equal(times("The fighting eased in January this year.", D(2015, 6, 10)),
                        "in January this year=2015-01");
    assert_string_equal(times("Fighting flared in early March and mid-April.", D(2015, 2, 10)),
                        "in early March=2015-03; mid-April=2015-04");
    /* names that are also words need a preposition */
    assert_string_equal(times("May God help them, said Theresa May.", D(2015, 6, 10)), "");
    assert_string_equal(times("Elections were held in May.", D(2015, 6, 10)), "in May=2015-05");
}

static void month_and_day_without_year(void **state)
{
    /* "November 28" published 11 April: the previous year */
    assert_string_equal(times("The ceasefire ended on November 28.", D(2023, 4, 11)), "on November 28=2022-11-28");
    assert_string_equal(times("The tragedy of Dec 16 shook the nation.", D(2015, 1, 14)), "Dec 16=2014-12-16");
    assert_string_equal(times("It happened on 30 December.", D(2015, 1, 2)), "on 30 December=2014-12-30");
    /* a few weeks ahead: the coming one */
    assert_string_equal(times("The bank said its shareholders meet to approve the merger Nov. 22 in Boston.", D(1989, 10, 26)),
                        "Nov. 22=1989-11-22");
    assert_string_equal(times("The hearing will be held on January 5.", D(2014, 12, 20)),
                        "on January 5=2015-01-05");
    /* only the month of publication known */
    assert_string_equal(times("It began on May 3.", D(2015, 4, 0)), "on May 3=2014-05-03");
    assert_string_equal(times("It began on May 3.", D(0, 0, 0)), "on May 3=null");
}

static void quarters(void **state)
{
    date pub = D(2015, 10, 28);
    assert_string_equal(times("Profit rose in the third quarter.", pub), "in the third quarter=2015-Q3");
    assert_string_equal(times("Third-quarter sales fell.", pub), "Third-quarter=2015-Q3");
    assert_string_equal(times("Profit in Q2 2014 was flat.", pub), "in Q2 2014=2014-Q2");
    assert_string_equal(times("Costs rose in the first quarter of 2013.", pub), "in the first quarter of 2013=2013-Q1");
    /* published in January: the fourth quarter is last year's */
    assert_string_equal(times("Output fell in the fourth quarter.", D(2016, 1, 20)), "in the fourth quarter=2015-Q4");
    /* what refers back to the quarter named */
    assert_string_equal(times("Net income rose in the third quarter. Revenue in the quarter grew, "
                              "after falling a year ago.", pub),
                        "in the third quarter=2015-Q3; in the quarter=2015-Q3; a year ago=2014-Q3");
    assert_string_equal(times("The year-ago quarter was weak.", pub), "The year-ago quarter=2014-Q3");
    assert_string_equal(times("Sales doubled in the first half of 2023.", pub), "in the first half of 2023=2023");
    assert_string_equal(times("The current quarter looks better.", pub), "The current quarter=2015-Q4");
}

static void edges_and_modifiers(void **state)
{
    date pub = D(2015, 10, 28);
    assert_string_equal(times("Troops leave by the end of the year.", pub), "the end of the year=2015");
    assert_string_equal(times("It opens at the end of March.", pub), "the end of March=2015-03");
    assert_string_equal(times("The plan was drafted in late 2014.", pub), "in late 2014=2014");
    assert_string_equal(times("Rates rise early next year.", pub), "early next year=2016");
    assert_string_equal(times("The dam burst in 1998. Later that year it was rebuilt.", pub),
                        "in 1998=1998; Later that year=1998");
}

static void holidays(void **state)
{
    assert_string_equal(times("Shops stayed shut on Christmas Day this year.", D(2014, 12, 28)),
                        "on Christmas Day=2014-12-25; this year=2014");
    assert_string_equal(times("The truce began on New Year's Day.", D(2015, 1, 3)), "on New Year's Day=2015-01-01");
    /* the fourth Thursday of November, a few days ahead */
    assert_string_equal(times("Families travel before Thanksgiving.", D(2015, 11, 20)), "Thanksgiving=2015-11-26");
    /* the last Monday of May */
    assert_string_equal(times("Parades were held on Memorial Day.", D(2015, 6, 10)), "on Memorial Day=2015-05-25");
    assert_string_equal(times("Sales slumped after last Christmas.", D(2015, 6, 1)), "last Christmas=2014-12-25");
}

static void spans_hold_the_text(void **state)
{
    article *a = test_extract("Officials said on Tuesday that the talks in June failed.");
    assert_non_null(a);
    a->pubdate = D(2014, 12, 17);
    times_run(res(), a);
    assert_int_equal(a->times.n, 2);
    for (uint32_t i = 0; i < a->times.n; i++) {
        assert_true(a->times.v[i].start < a->times.v[i].end);
        assert_true(a->times.v[i].end <= a->len);
    }
    assert_string_equal(span_str(a, a->times.v[0].start, a->times.v[0].end), "on Tuesday");
    assert_string_equal(a->times.v[0].value, "2014-12-16");
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(absolute_dates),
        cmocka_unit_test(numbers_that_are_not_years),
        cmocka_unit_test(weekdays),
        cmocka_unit_test(deictic_words),
        cmocka_unit_test(weeks_months_years),
        cmocka_unit_test(months_alone),
        cmocka_unit_test(month_and_day_without_year),
        cmocka_unit_test(quarters),
        cmocka_unit_test(edges_and_modifiers),
        cmocka_unit_test(holidays),
        cmocka_unit_test(spans_hold_the_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
