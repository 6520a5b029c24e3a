/* test_path.c — folders compared as folders (core/path.h): the store's root
 * and the ids below it depend on these answers. */
#include "testutil.h"
#include "core/path.h"

#include <stdlib.h>

static void check_common(const char *a, const char *b, const char *want)
{
    char *got = path_common(a, b);
    assert_non_null(got);
    assert_string_equal(got, want);
    free(got);
}

static void the_nearest_folder_holding_both(void **state)
{
    check_common("/news/bbc/politics", "/news/bbc/sport", "/news/bbc");
    check_common("/news/bbc", "/news/bbc/sport", "/news/bbc");
    check_common("/news/bbc/sport", "/news/bbc", "/news/bbc");
    check_common("/news/bbc", "/news/bbc", "/news/bbc");
    check_common("/news/bbc", "/news/bbc2", "/news");          /* a string prefix is no folder */
    check_common("/news", "/scrapes", "/");
    check_common("/", "/news", "/");
    check_common(NULL, "/news", "/news");
    assert_null(path_common(NULL, NULL));
}

static void a_folder_below_another(void **state)
{
    assert_string_equal(path_below("/news/bbc", "/news/bbc/politics"), "politics");
    assert_string_equal(path_below("/news/bbc", "/news/bbc/politics/2004"), "politics/2004");
    assert_string_equal(path_below("/news/bbc", "/news/bbc"), "");
    assert_string_equal(path_below("/", "/news"), "news");
    assert_null(path_below("/news/bbc", "/news/bbc2"));
    assert_null(path_below("/news/bbc", "/news"));
    assert_null(path_below("/news/bbc", "/scrapes/bbc"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_nearest_folder_holding_both),
        cmocka_unit_test(a_folder_below_another),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
