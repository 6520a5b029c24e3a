/* test_dates.c — calendar arithmetic and the absolute date grammar (core/date.h). */
#include "testutil.h"

#include "core/date.h"

/* Parses s with flags; returns "VALUE/CONSUMED" ("-" when nothing parsed),
 * so one string compare checks both the date and how much was read. */
static const char *parse(const char *s, int flags)
{
    static char out[4][64];
    static int k;
    char *o = out[k++ & 3];
    date d = {0, 0, 0};
    size_t n = date_parse_opts(s, strlen(s), flags, &d);
    if (!n) return strcpy(o, "-");
    char v[16];
    if (d.y) date_format(d, v, sizeof v);
    else snprintf(v, sizeof v, "--%02d-%02d", d.m, d.d);
    snprintf(o, 64, "%s/%zu", v, n);
    return o;
}

#define P(s) parse((s), 0)

static void iso_forms(void **state)
{
    assert_string_equal(P("2014-12-17"), "2014-12-17/10");
    assert_string_equal(P("2014-12-17T07:59:00+05:00 more"), "2014-12-17/25");
    assert_string_equal(P("2014-12-17T07:59:00Z"), "2014-12-17/20");
    assert_string_equal(P("2014-12-17T07:59:00.123Z"), "2014-12-17/24");
    assert_string_equal(P("2015-01-14 07:59 Kabul"), "2015-01-14/16");
    assert_string_equal(P("2014/12/17"), "2014-12-17/10");
    assert_string_equal(P("20141217"), "2014-12-17/8");
    assert_string_equal(P("2014-13-01"), "-");
    assert_string_equal(P("2014-12"), "-");          /* could be a fiscal year range */
    assert_string_equal(P("201412171"), "-");
    assert_string_equal(P("12345678"), "-");
}

static void numeric_day_first(void **state)
{
    assert_string_equal(P("17/12/2014"), "2014-12-17/10");
    assert_string_equal(P("17.12.2014"), "2014-12-17/10");
    assert_string_equal(P("05/06/2014"), "2014-06-05/10");   /* day first when both can be */
    assert_string_equal(P("12/17/2014"), "2014-12-17/10");   /* month first only when forced */
    assert_string_equal(P("12/17/14"), "2014-12-17/8");
    assert_string_equal(P("17/12/2014 12:07 PM IST, Chennai"), "2014-12-17/23");
    assert_string_equal(P("31/02/2014"), "-");
    assert_string_equal(P("17/13/2014"), "-");
    assert_string_equal(P("1.2.3"), "-");
    assert_string_equal(P("3/4"), "-");
}

static void month_abbreviation_between_dashes(void **state)
{
    assert_string_equal(P("26-FEB-1987 15:02:20.00"), "1987-02-26/23");
    assert_string_equal(P("1-Mar-87"), "1987-03-01/8");
    assert_string_equal(P("26-FOO-1987"), "-");
}

static void month_names(void **state)
{
    assert_string_equal(P("December 17, 2014"), "2014-12-17/17");
    assert_string_equal(P("Dec. 17, 2014"), "2014-12-17/13");
    assert_string_equal(P("Dec 17 2014"), "2014-12-17/11");
    assert_string_equal(P("Sept. 3, 2001"), "2001-09-03/13");
    assert_string_equal(P("December 17th, 2014"), "2014-12-17/19");
    assert_string_equal(P("17 December 2014"), "2014-12-17/16");
    assert_string_equal(P("17th of December, 2014"), "2014-12-17/22");
    assert_string_equal(P("DECEMBER 17, 2014"), "2014-12-17/17");
    assert_string_equal(P("December 2014"), "2014-12/13");
    assert_string_equal(P("December, 2014"), "2014-12/14");
    assert_string_equal(P("Wednesday, December 17, 2014"), "2014-12-17/28");
    assert_string_equal(P("Wednesday 17 December 2014"), "2014-12-17/26");
    assert_string_equal(P("Decembers 17, 2014"), "-");
    assert_string_equal(P("December 32, 2014"), "-");
    assert_string_equal(P("Wednesday"), "-");
    assert_string_equal(P("Wednesday, at noon"), "-");
}

static void rfc2822(void **state)
{
    assert_string_equal(P("Wed, 17 Dec 2014 12:07:00 GMT"), "2014-12-17/29");
    assert_string_equal(P("Wed, 17 Dec 2014 12:07:00 +0000\n"), "2014-12-17/31");
}

static void times_after_dates(void **state)
{
    assert_string_equal(P("December 17, 2014 8:24 AM"), "2014-12-17/25");
    assert_string_equal(P("December 17, 2014, 8:24 a.m. EST"), "2014-12-17/32");
    assert_string_equal(P("December 17, 2014 at 07:59 GMT"), "2014-12-17/30");
    assert_string_equal(P("December 17, 2014 | 07:59 GMT"), "2014-12-17/29");
    assert_string_equal(P("17/12/2014 5 pm"), "2014-12-17/15");
    /* what follows is not a time: only the date is read */
    assert_string_equal(P("December 17, 2014, 300 people"), "2014-12-17/17");
    assert_string_equal(P("December 17, 2014 Nairobi"), "2014-12-17/17");
    assert_string_equal(P("December 17, 2014 - Updated"), "2014-12-17/17");
    assert_string_equal(parse("December 17, 2014 8:24 AM", DATE_NO_TIME), "2014-12-17/17");
}

static void dates_without_year(void **state)
{
    assert_string_equal(P("Dec 16"), "-");
    assert_string_equal(parse("Dec 16", DATE_NO_YEAR), "--12-16/6");
    assert_string_equal(parse("Dec 16, 300 people died", DATE_NO_YEAR), "--12-16/6");
    assert_string_equal(parse("November 28th and", DATE_NO_YEAR), "--11-28/13");
    assert_string_equal(parse("16 December", DATE_NO_YEAR), "--12-16/11");
    assert_string_equal(parse("February 30", DATE_NO_YEAR), "-");
    assert_string_equal(parse("February 29", DATE_NO_YEAR), "--02-29/11");
    assert_string_equal(parse("December 17, 2014", DATE_NO_YEAR), "2014-12-17/17");
    assert_string_equal(parse("16 people", DATE_NO_YEAR), "-");
}

static void rejects_non_dates(void **state)
{
    assert_string_equal(P(""), "-");
    assert_string_equal(P("hello"), "-");
    assert_string_equal(P("Mayor"), "-");
    assert_string_equal(P("3,500"), "-");
    assert_string_equal(P("2014"), "-");     /* a year alone is for the times step */
    date d;
    assert_int_equal(date_parse(NULL, 0, &d), 0);
    /* stops at the buffer's end, not at a NUL */
    assert_int_equal(date_parse("2014-12-17", 7, &d), 0);
}

static void month_and_weekday_names(void **state)
{
    assert_int_equal(date_month_from_name("Sept", 4), 9);
    assert_int_equal(date_month_from_name("sep.", 4), 9);
    assert_int_equal(date_month_from_name("MAY", 3), 5);
    assert_int_equal(date_month_from_name("Ma", 2), 0);
    assert_int_equal(date_month_from_name("Mayor", 5), 0);
    assert_int_equal(date_weekday_from_name("Tues", 4), 1);
    assert_int_equal(date_weekday_from_name("Sunday", 6), 6);
    assert_int_equal(date_weekday_from_name("Sun", 3), 6);
    assert_int_equal(date_weekday_from_name("Sunny", 5), -1);
}

static void calendar_math(void **state)
{
    assert_int_equal(date_weekday((date){2014, 12, 16}), 1);    /* a Tuesday */
    assert_int_equal(date_weekday((date){2023, 1, 2}), 0);      /* a Monday */
    assert_int_equal(date_weekday((date){2000, 2, 29}), 1);
    assert_int_equal(date_weekday((date){1970, 1, 1}), 3);
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2023, 2), 28);
    assert_int_equal(date_days_in_month(1900, 2), 28);          /* century, not leap */
    assert_int_equal(date_days_in_month(2000, 2), 29);          /* 400th year, leap */
    assert_int_equal(date_days_in_month(2014, 4), 30);
    char v[16];
    date_format(date_add_days((date){2014, 12, 31}, 1), v, sizeof v);
    assert_string_equal(v, "2015-01-01");
    date_format(date_add_days((date){2024, 3, 1}, -1), v, sizeof v);
    assert_string_equal(v, "2024-02-29");
    date_format(date_add_days((date){2023, 3, 1}, -1), v, sizeof v);
    assert_string_equal(v, "2023-02-28");
    assert_int_equal(date_to_days((date){1970, 1, 1}), 0);
    assert_int_equal(date_to_days((date){2000, 3, 1}) - date_to_days((date){2000, 2, 28}), 2);
    assert_true(date_compare((date){2014, 12, 0}, (date){2014, 12, 17}) == 0);
    assert_true(date_compare((date){2014, 11, 30}, (date){2014, 12, 1}) < 0);
    assert_false(date_valid((date){2014, 2, 29}));
    assert_true(date_valid((date){2016, 2, 29}));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(iso_forms),
        cmocka_unit_test(numeric_day_first),
        cmocka_unit_test(month_abbreviation_between_dashes),
        cmocka_unit_test(month_names),
        cmocka_unit_test(rfc2822),
        cmocka_unit_test(times_after_dates),
        cmocka_unit_test(dates_without_year),
        cmocka_unit_test(rejects_non_dates),
        cmocka_unit_test(month_and_weekday_names),
        cmocka_unit_test(calendar_math),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
