/* test_arena.c — the article arena: small allocations zeroed and aligned,
 * large ones in blocks of their own that grow keeping their bytes and zero
 * the rest (the newest and an older one), arrays pushed far past 256 KiB;
 * and a buffer writing behind to a file gives the bytes it would hold. */
#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "testutil.h"

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i]) return false;
    return true;
}

static void small_ones_zeroed_and_aligned(void **state)
{
    arena a;
    arena_init(&a);
    for (size_t n = 1; n < 5000; n += 37) {
        unsigned char *p = arena_alloc(&a, n);
        assert_int_equal((uintptr_t)p % 16, 0);
        assert_true(all_zero(p, n));
        memset(p, 0xAB, n);
    }
    arena_free(&a);
}

static void large_ones_grow_keeping_their_bytes(void **state)
{
    arena a;
    arena_init(&a);
    size_t n = 300 * 1024;
    unsigned char *old = arena_alloc(&a, n);   /* large: a block of its own */
    memset(old, 1, n);
    unsigned char *mid = arena_alloc(&a, 100);  /* small, between */
    memset(mid, 2, 100);
    unsigned char *newest = arena_alloc(&a, n);
    memset(newest, 3, n);
    old = arena_grow(&a, old, n, 4 * n);        /* not the newest large block */
    for (size_t i = 0; i < n; i++) assert_int_equal(old[i], 1);
    assert_true(all_zero(old + n, 3 * n));
    newest = arena_grow(&a, newest, n, 2 * n);
    for (size_t i = 0; i < n; i++) assert_int_equal(newest[i], 3);
    assert_true(all_zero(newest + n, n));
    for (size_t i = 0; i < 100; i++) assert_int_equal(mid[i], 2);
    /* a small one growing past the threshold moves into a block of its own */
    unsigned char *s = arena_alloc(&a, 1000);
    memset(s, 4, 1000);
    s = arena_grow(&a, s, 1000, n);
    for (size_t i = 0; i < 1000; i++) assert_int_equal(s[i], 4);
    assert_true(all_zero(s + 1000, n - 1000));
    arena_free(&a);
}

static void arrays_pushed_past_the_threshold(void **state)
{
    arena a;
    arena_init(&a);
    ARENA_VEC(uint32_t) v = {0}, w = {0};
    for (uint32_t i = 0; i < 200000; i++) {   /* two arrays in turn: neither is the last allocation */
        *ARENA_PUSH(&a, v) = i;
        *ARENA_PUSH(&a, w) = ~i;
    }
    for (uint32_t i = 0; i < 200000; i++) {
        assert_int_equal(v.v[i], i);
        assert_int_equal(w.v[i], ~i);
    }
    arena_free(&a);
}

static void a_buffer_with_a_sink_writes_what_it_would_hold(void **state)
{
    size_t n = 3 * BUF_SINK_CHUNK + 123;
    char *text = malloc(n);
    for (size_t i = 0; i < n; i++) text[i] = i % 97 == 0 ? '\n' : i % 89 == 0 ? '"' : (char)('a' + i % 26);
    buf mem;
    buf_init(&mem);
    FILE *f = tmpfile();
    assert_non_null(f);
    buf out;
    buf_init(&out);
    buf_set_sink(&out, f);
    for (int k = 0; k < 3; k++) {
        buf *b[] = {&mem, &out};
        for (int j = 0; j < 2; j++) {
            json_str(b[j], text, n);             /* short runs between escapes */
            buf_put(b[j], text, n);              /* one long run, straight out */
            buf_printf(b[j], ",%d,", k);
        }
    }
    buf_flush(&out);
    assert_true(out.cap <= 4 * BUF_SINK_CHUNK);   /* bounded, whatever went through */
    assert_int_equal(ftell(f), (long)mem.n);
    rewind(f);
    char *back = malloc(mem.n);
    assert_int_equal(fread(back, 1, mem.n, f), mem.n);
    assert_memory_equal(back, mem.p, mem.n);
    fclose(f);
    free(back);
    free(text);
    buf_free(&out);
    buf_free(&mem);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(small_ones_zeroed_and_aligned),
        cmocka_unit_test(large_ones_grow_keeping_their_bytes),
        cmocka_unit_test(arrays_pushed_past_the_threshold),
        cmocka_unit_test(a_buffer_with_a_sink_writes_what_it_would_hold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
