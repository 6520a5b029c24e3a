/* test_link_conflicts.c — when two articles' figures for one event disagree:
 * rounding, bounds ("more than", "about", "nearly"), ranges, and parts that
 * add up (src/link/conflicts.c). */
#include "link_testutil.h"

static link_res *res(void)
{
    static link_res *r;
    char err[256];
    if (!r) r = link_res_load(NULL, err, sizeof err);
    assert_non_null(r);
    return r;
}

/* An article's figure from figures given as (text, value, sentence, joined). */
typedef struct given {
    const char *text;
    double value;
    uint32_t sent;
    bool joined;
} given;

static art_figure figure_of(const given *g, size_t n)
{
    fig_item items[16];
    for (size_t i = 0; i < n; i++)
        items[i] = (fig_item){figure_range(res(), g[i].text, g[i].value, NAN, false), g[i].sent, g[i].joined};
    art_figure f;
    article_figure(items, n, &f);
    return f;
}

static bool conflict(const char *a, double va, const char *b, double vb)
{
    given x = {a, va, 0, false}, y = {b, vb, 0, false};
    art_figure fa = figure_of(&x, 1), fb = figure_of(&y, 1);
    return figures_conflict(&fa, &fb);
}

static void test_ranges(void **state)
{
    (void)state;
    fig_range r = figure_range(res(), "more than 300 people", 300, NAN, true);
    assert_true(r.lo == 300 && isinf(r.hi));
    r = figure_range(res(), "about 40", 40, NAN, true);
    assert_true(r.lo == 36 && r.hi == 44);
    r = figure_range(res(), "nearly 200", 200, NAN, true);
    assert_true(r.lo < 200 && r.hi == 200);
    r = figure_range(res(), "between 70 and 80", 70, 80, false);
    assert_true(r.lo == 70 && r.hi == 80);
    r = figure_range(res(), "250 people", 250, NAN, false);   /* rounding: 245 to 255 */
    assert_true(r.lo > 244 && r.lo < 250 && r.hi > 250 && r.hi < 256);
    r = figure_range(res(), "37 people", 37, NAN, false);
    assert_true(r.lo == 37 && r.hi == 37);
}

static void test_exact_values(void **state)
{
    (void)state;
    assert_true(conflict("37 dead", 37, "41 dead", 41));
    assert_true(conflict("5 killed", 5, "6 killed", 6));
    assert_false(conflict("37 dead", 37, "37 people", 37));
    /* a round figure allows rounding, not a different count */
    assert_false(conflict("250 dead", 250, "247 dead", 247));
    assert_true(conflict("250 dead", 250, "231 dead", 231));
}

static void test_bounds(void **state)
{
    (void)state;
    assert_false(conflict("more than 100", 100, "137 people", 137));
    assert_true(conflict("more than 100", 100, "60 people", 60));
    assert_false(conflict("about 40", 40, "43 dead", 43));
    assert_true(conflict("about 40", 40, "60 dead", 60));
    assert_false(conflict("nearly 90", 90, "86 dead", 86));
    assert_false(conflict("up to 30", 30, "12 dead", 12));
}

static void test_parts(void **state)
{
    (void)state;
    /* "51 passengers and six crew" in one sentence: 57 */
    given joined[] = {{"51 passengers", 51, 10, false}, {"six crew", 6, 10, true}};
    given total[] = {{"57 people", 57, 0, false}};
    art_figure a = figure_of(joined, 2), b = figure_of(total, 1);
    assert_true(a.value == 57);
    assert_false(figures_conflict(&a, &b));
    /* the same parts in two sentences still add up to the other's total */
    given apart[] = {{"51 passengers", 51, 10, false}, {"six crew", 6, 90, false}};
    art_figure c = figure_of(apart, 2);
    assert_false(figures_conflict(&c, &b));
    /* a total and its parts in one article, against another total: the
     * total is compared, not a part added to it (57 + 6 is not 63) */
    given full[] = {{"57 people", 57, 0, false}, {"51 passengers", 51, 10, false}, {"six crew", 6, 10, true}};
    given other[] = {{"63 people", 63, 0, false}};
    art_figure d = figure_of(full, 3), e = figure_of(other, 1);
    assert_true(d.value == 57);
    assert_true(figures_conflict(&d, &e));
    /* parts first, the total after: the value is shown with the words of
     * the total ("57 people"), not with the first part's */
    given later[] = {{"51 passengers", 51, 0, false}, {"six crew", 6, 0, true}, {"57 people", 57, 40, false}};
    art_figure g = figure_of(later, 3);
    assert_true(g.value == 57);
    assert_int_equal(g.item, 2);
}

static void test_majority_within_article(void **state)
{
    (void)state;
    /* an article saying 20 twice and 18 once gives 20 */
    given g[] = {{"20 dead", 20, 0, false}, {"18 dead", 18, 50, false}, {"20 people", 20, 90, false}};
    art_figure f = figure_of(g, 3);
    assert_true(f.value == 20);
}

/* No figure is dropped however many an article gives: the statement most
 * of them support wins even when it comes after the hundredth. */
static void test_many_figures(void **state)
{
    (void)state;
    enum { N = 150 };
    fig_item *items = malloc(N * sizeof *items);
    assert_non_null(items);
    for (size_t i = 0; i < N; i++) {
        double v = i < 70 ? 300 + (double)i * 7 : 31;   /* 70 different values, then 80 times 31 */
        items[i] = (fig_item){figure_range(res(), "dead", v, NAN, false), (uint32_t)(i * 10), false};
    }
    art_figure f;
    article_figure(items, N, &f);
    assert_true(f.value == 31);
    assert_true(f.item == 70);
    assert_true(f.nparts <= ART_MAX_PARTS);
    free(items);
}

/* Amounts in words are lower bounds: "dozens" agrees with 249. */
static void test_amounts_in_words(void **state)
{
    (void)state;
    fig_range dozens = figure_range(res(), "dozens", 24, NAN, true);
    fig_range hundreds = figure_range(res(), "hundreds of people", 200, NAN, true);
    fig_range twelve = figure_range(res(), "twelve people", 12, NAN, false);
    assert_true(ranges_agree(dozens, figure_range(res(), "249 people", 249, NAN, false)));
    assert_true(ranges_agree(hundreds, figure_range(res(), "1,200 people", 1200, NAN, false)));
    assert_false(ranges_agree(twelve, figure_range(res(), "14 people", 14, NAN, false)));
    assert_true(conflict("24 people", 24, "249 people", 249));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ranges),
        cmocka_unit_test(test_exact_values),
        cmocka_unit_test(test_bounds),
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_majority_within_article),
        cmocka_unit_test(test_many_figures),
        cmocka_unit_test(test_amounts_in_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
