/* test_idmap.c — per-article key maps: absent keys, stored values, keys
 * that collide in their home slot, and a map filled to the size asked. */
#include "core/idmap.h"
#include "testutil.h"

static void absent_then_stored(void **state)
{
    article *a = article_new();
    idmap t;
    idmap_init(&a->mem, &t, 4);
    assert_int_equal(idmap_get(&t, 42), -1);
    int32_t *v = idmap_slot(&t, 42);
    assert_int_equal(*v, -1);
    *v = 7;
    assert_int_equal(idmap_get(&t, 42), 7);
    *idmap_slot(&t, 42) = 0;   /* a later value wins; 0 is a value */
    assert_int_equal(idmap_get(&t, 42), 0);
    article_free(a);
}

static void colliding_and_full(void **state)
{
    article *a = article_new();
    idmap t;
    enum { N = 1000 };
    idmap_init(&a->mem, &t, N);
    /* keys equal in their low bits share a home slot */
    for (uint32_t i = 0; i < N; i++) *idmap_slot(&t, (uint64_t)i << 40 | 5) = (int32_t)i;
    for (uint32_t i = 0; i < N; i++) assert_int_equal(idmap_get(&t, (uint64_t)i << 40 | 5), (int32_t)i);
    assert_int_equal(idmap_get(&t, (uint64_t)N << 40 | 5), -1);
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(absent_then_stored),
        cmocka_unit_test(colliding_and_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
