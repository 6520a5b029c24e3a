/* test_figures.c — the figures step on sentences written for the test: numbers in
 * digits and words, money, percentages, ranges, approximations, what is not a
 * figure, and the measure read from the words around a number.
 *
 * Articles are built from tokens and sentences only, so the test checks this
 * step alone, whatever the entity model does. */
#include <math.h>

#include "nlp/nlp.h"
#include "nlp/steps.h"
#include "testutil.h"

static sentences_res *sres;
static figures_res *fres;
static article *current;   /* freed by the next run(), so a failed check leaks nothing */

static int load(void **state)
{
    char err[256];
    sres = sentences_load(DOSSIER_DATA_DIR, DOSSIER_MODEL_DIR, err, sizeof err);
    fres = figures_load(DOSSIER_DATA_DIR, DOSSIER_MODEL_DIR, err, sizeof err);
    return sres && fres ? 0 : -1;
}

static int unload(void **state)
{
    article_free(current);
    sentences_free(sres);
    figures_free(fres);
    return 0;
}

static article *run(const char *text)
{
    article_free(current);
    article *a = current = article_new();
    a->text = arena_strdup(&a->mem, text);
    a->len = (uint32_t)strlen(text);
    nlp_tokenize(a);
    sentences_run(sres, a);
    figures_run(fres, a);
    return a;
}

/* The figure whose span covers the first occurrence of needle, or NULL. */
static const figure *fig_at(const article *a, const char *needle)
{
    const char *p = strstr(a->text, needle);
    assert_non_null(p);
    uint32_t s = (uint32_t)(p - a->text), e = s + (uint32_t)strlen(needle);
    for (uint32_t i = 0; i < a->figures.n; i++)
        if (a->figures.v[i].start <= s && a->figures.v[i].end >= e) return &a->figures.v[i];
    return NULL;
}

static void expect(const char *text, const char *needle, double value, const char *measure, const char *unit)
{
    article *a = run(text);
    const figure *f = fig_at(a, needle);
    if (!f) fail_msg("no figure at \"%s\" in: %s", needle, text);
    if (fabs(f->value - value) > 1e-9 * fmax(1, fabs(value))) fail_msg("\"%s\": value %g, want %g", needle, f->value, value);
    if (measure) {
        if (!f->measure || strcmp(f->measure, measure) != 0)
            fail_msg("\"%s\": measure %s, want %s", needle, f->measure ? f->measure : "NULL", measure);
    } else if (f->measure) {
        fail_msg("\"%s\": measure %s, want none", needle, f->measure);
    }
    if (unit && (!f->unit || strcmp(f->unit, unit) != 0))
        fail_msg("\"%s\": unit %s, want %s", needle, f->unit ? f->unit : "NULL", unit);
    assert_int_equal(f->event, -1);
}

static void expect_none(const char *text, const char *needle)
{
    article *a = run(text);
    const figure *f = fig_at(a, needle);
    if (f) fail_msg("\"%s\" read as a figure (%g) in: %s", needle, f->value, text);
}

/* The measure of the figure at needle must not be this one. */
static void expect_not_measure(const char *text, const char *needle, const char *measure)
{
    article *a = run(text);
    const figure *f = fig_at(a, needle);
    if (f && f->measure && !strcmp(f->measure, measure)) fail_msg("\"%s\" counted as %s in: %s", needle, measure, text);
}

static void range_of(const char *text, const char *needle, double value, double high)
{
    article *a = run(text);
    const figure *f = fig_at(a, needle);
    if (!f) fail_msg("no figure at \"%s\"", needle);
    assert_true(f->value == value);
    assert_true(f->high == high);
}

static void approx_of(const char *text, const char *needle, double value, bool approx)
{
    article *a = run(text);
    const figure *f = fig_at(a, needle);
    if (!f) fail_msg("no figure at \"%s\"", needle);
    assert_true(f->value == value);
    if (f->approx != approx) fail_msg("\"%s\": approx %d, want %d", needle, f->approx, approx);
    if (!isnan(f->high)) fail_msg("\"%s\": not a range, high %g", needle, f->high);
}

/* --- numbers --------------------------------------------------------------------- */

static void digits_and_words(void **state)
{
    expect("The storm flattened 214 barns in the county.", "214", 214, NULL, NULL);
    expect("Rescuers found nine survivors under the rubble.", "nine", 9, "people", "person");
    expect("The fund supports 4,250 families each winter.", "4,250", 4250, NULL, NULL);
    expect("Officials counted twenty-six injured hikers.", "twenty-six", 26, "injured", "person");
    expect("The league has one hundred and twenty members.", "one hundred and twenty", 120, "people", NULL);
    expect("The city has 2.4 million residents.", "2.4 million", 2400000, "people", "person");
    expect("The census added a dozen villagers.", "a dozen", 12, "people", NULL);
    expect("Growth slowed to one point four per cent.", "one point four per cent", 1.4, "percent", "percent");
    expect("In India the scheme reached 3,00,000 farmers.", "3,00,000 farmers", 300000, "people", "person");
}

static void ranges(void **state)
{
    range_of("The army put the rebels at 4,000 to 5,000 fighters.", "4,000 to 5,000", 4000, 5000);
    range_of("Estimates put the crowd at between 6,000 and 9,000 people.", "between 6,000 and 9,000", 6000, 9000);
    range_of("The repairs will take 3-4 weeks.", "3-4", 3, 4);
    range_of("The plan costs 2 to 3 billion dollars.", "2 to 3 billion", 2e9, 3e9);
    range_of("Prices rose 10 to 15 per cent last year.", "10 to 15 per cent", 10, 15);
    /* a change, not a range */
    approx_of("Inflation fell from 9% to 4% in a year.", "9%", 9, false);
    approx_of("Sales rose 4% to $2.5bn in the year.", "4%", 4, false);
}

static void approximations(void **state)
{
    approx_of("Police questioned more than 300 fans.", "more than 300", 300, true);
    approx_of("About 45 boats left the harbour.", "About 45", 45, true);
    approx_of("The blaze destroyed nearly 60 homes.", "nearly 60", 60, true);
    approx_of("At least 18 people drowned.", "At least 18", 18, true);
    approx_of("Turnout was over 75% in the capital.", "over 75%", 75, true);
    approx_of("The strike closed 82 schools.", "82", 82, false);
}

static void vague_quantities(void **state)
{
    approx_of("Dozens of protesters gathered outside.", "Dozens", 24, true);
    approx_of("Hundreds were evacuated overnight.", "Hundreds", 200, true);
    approx_of("Scores of shops were looted.", "Scores of", 40, true);
    approx_of("Tens of thousands marched in the capital.", "Tens of thousands", 20000, true);
}

/* --- money and percentages ------------------------------------------------------- */

static void money(void **state)
{
    expect("The ministry spent $48.2 billion on roads.", "$48.2 billion", 48.2e9, "money", "USD");
    expect("The grant is worth $250 million.", "$250 million", 250e6, "money", "USD");
    expect("Pakistan's budget sets aside Rs 7 billion for dams.", "Rs 7 billion", 7e9, "money", "PKR");
    expect("The club paid £45m for the striker.", "£45m", 45e6, "money", "GBP");
    expect("Profits reached $2.31bn last year.", "$2.31bn", 2.31e9, "money", "USD");
    expect("In India the court fined him 20 million rupees.", "20 million rupees", 20e6, "money", "INR");
    expect("The bank raised €3bn in bonds.", "€3bn", 3e9, "money", "EUR");
    expect("Tickets cost US$12 each.", "US$12", 12, "money", "USD");
    expect("The deal is worth 8 billion dollars.", "8 billion dollars", 8e9, "money", "USD");
    expect("The company earned 21.4 billion dlrs in 1986.", "21.4 billion dlrs", 21.4e9, "money", "USD");
    expect("The dividend is 15 cts a share.", "15 cts", 0.15, "money", "USD");
    expect("Sweden spends about 40 mln stg a year.", "40 mln stg", 40e6, "money", "GBP");
    expect("Hundreds of thousands of dollars went missing.", "Hundreds of thousands of dollars", 200000, "money", "USD");
    /* a code written in small letters is a word */
    expect_none("They will try 5 times.", "try 5");
}

/* An ambiguous sign takes the currency of the country the article names
 * most, the same for every figure and every sign sharing its choices. */
static void ambiguous_signs_resolved_once_per_article(void **state)
{
    buf b = {0};
    buf_puts(&b, "Pakistan and Pakistan again. ");
    for (int i = 0; i < 300; i++)
        buf_printf(&b, "The fund paid Rs %d million, then %d million rupees, and \xC2\xA5%d. ", i + 1, i + 2, i + 3);
    buf_putc(&b, '\0');
    article *a = run(b.p);
    unsigned pkr = 0, yen = 0;
    for (uint32_t i = 0; i < a->figures.n; i++) {
        const char *u = a->figures.v[i].unit;
        pkr += u && !strcmp(u, "PKR");
        yen += u && !strcmp(u, "JPY");
    }
    assert_int_equal(pkr, 600);
    assert_int_equal(yen, 300);
    buf_free(&b);
}

static void percentages(void **state)
{
    expect("Exports grew 72% in March.", "72%", 72, "percent", "percent");
    expect("Unemployment is 6 per cent.", "6 per cent", 6, "percent", "percent");
    expect("Output rose 38 pct from a year ago.", "38 pct", 38, "percent", "percent");
    expect("Rents fell 3 percent in the city.", "3 percent", 3, "percent", "percent");
    expect("Over 85% of all deaths occurred at night.", "85%", 85, "percent", "percent");
    expect("Rates climbed two percentage points.", "two percentage points", 2, "percent", "percent");
}

/* --- what is not a figure ---------------------------------------------------------- */

static void dates_years_and_times(void **state)
{
    expect_none("The bridge opened in 1998 after delays.", "1998");
    expect_none("The talks began on Dec 14 in Geneva.", "14");
    expect_none("The talks began on 14 December in Geneva.", "14");
    expect_none("They met on March 3, 2011, in Oslo.", "2011");
    expect_none("The train left at 10:45 on Friday.", "10:45");
    expect_none("The vote closes at 8 pm local time.", "8");
    expect_none("The report covers 2009-10 in detail.", "2009-10");
    expect_none("The offices were closed on 23/06/2019.", "23/06/2019");
}

static void ordinals_ages_and_labels(void **state)
{
    expect_none("It was the 21st meeting of the board.", "21st");
    expect_none("A boy aged 12 was among them.", "12");
    expect_none("A 15-year-old girl was rescued.", "15");
    expect_none("Police invoked Section 144 in the district.", "144");
    expect_none("He flew a Boeing 777 for the airline.", "777");
    expect_none("Mr Hall, 54, a baker, was questioned.", "54");
    expect_none("Her attacker, Tom Reed, 19 - who was jailed - appealed.", "19");
    expect_none("No one was hurt in the fire.", "one");
    expect_none("The ten-hour siege ended at dawn.", "ten-hour");
}

/* --- what is counted ----------------------------------------------------------------- */

static void verbs_before_the_number(void **state)
{
    expect("The gunmen killed 32 pupils and four teachers.", "32 pupils", 32, "killed", "person");
    expect("The gunmen killed 32 pupils and four teachers.", "four teachers", 4, "killed", "person");
    expect("Police arrested more than 200 people overnight.", "more than 200 people", 200, "arrested", "person");
    expect("The raid wounded 17 and killed three.", "17", 17, "injured", "person");
    expect("The authorities hanged 5 convicts at dawn.", "5 convicts", 5, "executed", "person");
    expect("The regime executed three prisoners on Monday.", "three prisoners", 3, "executed", "person");
    expect("The quake struck at night, killing 212 villagers.", "212", 212, "killed", "person");
}

static void predicates_after_the_number(void **state)
{
    expect("The flood left 57 people, most of them farmers, dead.", "57 people", 57, "killed", "person");
    expect("Officials said 212 policemen had also been killed.", "212 policemen", 212, "killed", "person");
    expect("They said more than 1,200 had been killed so far.", "more than 1,200", 1200, "killed", "person");
    expect("The blast left another 40 injured.", "40", 40, "injured", "person");
    expect("Eleven miners died in the collapse.", "Eleven", 11, "killed", "person");
    expect("Four guards were wounded in the attack.", "Four guards", 4, "injured", "person");
    expect("Three suspects were detained in a raid.", "Three suspects", 3, "arrested", "person");
    expect("The crash left 88 dead and dozens hurt.", "88", 88, "killed", "person");
    expect("Twelve people, including 3 children, were killed.", "Twelve people", 12, "killed", "person");
    expect("The bomb killed 19 people, including 6 police officers.", "6 police officers", 6, "killed", "person");
    expect("Officials said 41 of the 230 passengers were confirmed dead.", "41", 41, "killed", "person");
    expect("Some 2,000 fans who were arrested were later freed.", "Some 2,000 fans", 2000, "arrested", "person");
}

static void tolls(void **state)
{
    expect("The death toll rose to 93 on Sunday.", "93", 93, "killed", "person");
    expect("The death toll from the fire stood at 27.", "27", 27, "killed", "person");
    expect("The toll climbed from 40 to 61 overnight.", "61", 61, "killed", "person");
}

static void counted_nouns(void **state)
{
    expect("The rebels carried out more than 70 attacks last year.", "more than 70 attacks", 70, "attacks", NULL);
    /* a verb does not count things */
    expect("The group has executed more than 70 attacks since May.", "70 attacks", 70, "attacks", NULL);
    expect("The government deployed 5,000 troops to the border.", "5,000 troops", 5000, "soldiers", "person");
    expect("Nearly 300 militants surrendered in the valley.", "300 militants", 300, "militants", "person");
    expect("The drought has lasted 3 years.", "3 years", 3, NULL, "year");
    /* "of them": the people named before */
    expect("The army says the insurgents in the hills are strong, and 400 of them have surrendered.", "400", 400,
           "militants", "person");
}

static void what_a_number_is_not(void **state)
{
    /* the number names the killer, not the killed */
    expect_none("A Boeing 737 which killed 150 passengers crashed.", "737");
    expect("A Boeing 737 which killed 150 passengers crashed.", "150 passengers", 150, "killed", "person");
    /* a clause joined by "and" has its own verb */
    expect_not_measure("The fire trapped 44 miners and killed at least one.", "44", "killed");
    expect("The fire trapped 44 miners and killed at least one.", "at least one", 1, "killed", "person");
    /* verbs that also take things */
    expect_not_measure("The firm executed 14 supply contracts in May.", "14", "executed");
    expect_not_measure("Rebels captured 3 towns in the north.", "3", "arrested");
    /* what follows a preposition is not the counted noun */
    expect("Unemployment stayed above 4 million for years.", "4 million", 4e6, NULL, NULL);
    expect("Over 85% of all fatalities were civilians.", "85%", 85, "percent", "percent");
}

static void spans_and_defaults(void **state)
{
    article *a = run("Police arrested more than 300 people in the raid.");
    assert_int_equal(a->figures.n, 1);
    const figure *f = &a->figures.v[0];
    assert_string_equal(span_str(a, f->start, f->end), "more than 300 people");
    assert_true(isnan(f->high));
    assert_int_equal(f->event, -1);
}

/* A number that counts someone's relatives, or the whole a part is taken
 * from, is not what happened to them. */
static void relatives_and_wholes(void **state)
{
    (void)state;
    expect_not_measure("A grandmother of 9 was killed when the bus overturned.", "9", "killed");
    expect_not_measure("The father to three girls died in the flood.", "three", "killed");
    expect("Four of the seven climbers died on the ridge.", "Four", 4, "killed", NULL);
    article *a = run("Four of the seven climbers died on the ridge.");
    for (uint32_t i = 0; i < a->figures.n; i++)
        if (a->figures.v[i].value == 7 && a->figures.v[i].measure) fail_msg("the whole (7) counted as %s", a->figures.v[i].measure);
    expect("The death toll has risen to 61, officials said.", "61", 61, "killed", NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(digits_and_words),
        cmocka_unit_test(ranges),
        cmocka_unit_test(approximations),
        cmocka_unit_test(vague_quantities),
        cmocka_unit_test(money),
        cmocka_unit_test(ambiguous_signs_resolved_once_per_article),
        cmocka_unit_test(percentages),
        cmocka_unit_test(dates_years_and_times),
        cmocka_unit_test(ordinals_ages_and_labels),
        cmocka_unit_test(verbs_before_the_number),
        cmocka_unit_test(predicates_after_the_number),
        cmocka_unit_test(tolls),
        cmocka_unit_test(counted_nouns),
        cmocka_unit_test(what_a_number_is_not),
        cmocka_unit_test(spans_and_defaults),
        cmocka_unit_test(relatives_and_wholes),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
