/* test_idmap.c — per-article key maps: absent keys, stored values, keys
 * that collide in their home slot, a map filled to the size asked, and one
 * grown far past it. */
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

/* One key in 100 shares its home slot with the others of its kind. */
static uint64_t key_of(uint32_t i) { return i % 100 == 1 ? (uint64_t)i << 40 | 3 : i * 2654435761u; }

/* Sized for 4 keys, given 100,000 (and each twice): it grows, and keeps every
 * value across its rehashes, the colliding ones too. */
static void grows_past_its_size(void **state)
{
    article *a = article_new();
    idmap t;
    enum { N = 100000 };
    idmap_init(&a->mem, &t, 4);
    for (int round = 0; round < 2; round++)
        for (uint32_t i = 0; i < N; i++) {
            int32_t *v = idmap_slot(&t, key_of(i));
            assert_int_equal(*v, round ? (int32_t)i : -1);
            *v = (int32_t)i;
        }
    for (uint32_t i = 0; i < N; i++)
        assert_int_equal(idmap_get(&t, key_of(i)), (int32_t)i);
    assert_int_equal(idmap_get(&t, (uint64_t)1 << 63), -1);
    assert_true(t.mask + 1 >= 2 * N && t.mask + 1 <= 8 * N);
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(absent_then_stored),
        cmocka_unit_test(colliding_and_full),
        cmocka_unit_test(grows_past_its_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
