/* test_wordmap.c — word lists as hash maps: exact and folded lookups of keys
 * of every length around the eight-byte steps, misses of near keys, curly
 * apostrophes, later entries winning, and growth to many keys. */
#include "core/wordmap.h"
#include "testutil.h"

static const char *get(const wordmap *m, const char *k) { return wordmap_get(m, k, strlen(k)); }

static void folded_keys_match_any_case(void **state)
{
    wordmap *m = wordmap_new(WM_FOLD);
    wordmap_add(m, "Minister", 8, "head");
    wordmap_add(m, "lost their lives", 16, "killed");
    assert_string_equal(get(m, "minister"), "head");
    assert_string_equal(get(m, "MINISTER"), "head");
    assert_string_equal(get(m, "MiNiStEr"), "head");
    assert_string_equal(get(m, "Lost Their LIVES"), "killed");
    assert_null(get(m, "ministers"));
    assert_null(get(m, "ministe"));
    assert_null(get(m, "lost their life"));
    /* letters next to A-Z in the byte order stay apart from them */
    wordmap_add(m, "a@z[", 4, "signs");
    assert_string_equal(get(m, "A@Z["), "signs");
    assert_null(get(m, "a`z{"));
    wordmap_free(m);
}

static void curly_apostrophes_fold_to_straight_ones(void **state)
{
    wordmap *m = wordmap_new(WM_FOLD);
    wordmap_add(m, "o'clock", 7, "time");
    assert_string_equal(get(m, "O\xE2\x80\x99" "clock"), "time");   /* ’ */
    assert_string_equal(get(m, "o\xE2\x80\x98" "clock"), "time");   /* ‘ */
    assert_string_equal(get(m, "O'CLOCK"), "time");
    /* other bytes above 0x7F are kept as they are */
    wordmap_add(m, "caf\xC3\xA9", 5, "e-acute");
    assert_string_equal(get(m, "CAF\xC3\xA9"), "e-acute");
    assert_null(get(m, "cafe"));
    wordmap_free(m);
}

static void unfolded_maps_mind_case(void **state)
{
    wordmap *m = wordmap_new(0);
    wordmap_add(m, "Turkey", 6, "A");
    assert_string_equal(get(m, "Turkey"), "A");
    assert_null(get(m, "turkey"));
    assert_null(get(m, "TURKEY"));
    wordmap_free(m);
}

/* Every length from 1 to 40 bytes, so each tail size of an eight-byte step
 * is read; keys differing only in their last byte must not meet. */
static void keys_of_every_length(void **state)
{
    wordmap *m = wordmap_new(WM_FOLD);
    char key[64], val[16];
    for (size_t n = 1; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) key[i] = (char)('a' + (i * 7 + n) % 26);
        snprintf(val, sizeof val, "%zu", n);
        wordmap_add(m, key, n, val);
    }
    for (size_t n = 1; n <= 40; n++) {
        for (size_t i = 0; i < n; i++) key[i] = (char)('A' + (i * 7 + n) % 26);
        snprintf(val, sizeof val, "%zu", n);
        const char *v = wordmap_get(m, key, n);
        assert_non_null(v);
        assert_string_equal(v, val);
        char last = key[n - 1], first = key[0];
        key[n - 1] = last == 'A' ? 'B' : 'A';
        assert_null(wordmap_get(m, key, n));
        key[n - 1] = last;
        key[0] = first == 'A' ? 'B' : 'A';
        assert_null(wordmap_get(m, key, n));
    }
    assert_int_equal(wordmap_maxlen(m), 40);
    wordmap_free(m);
}

static void later_entries_win_and_empty_values_are_kept(void **state)
{
    wordmap *m = wordmap_new(WM_FOLD);
    wordmap_add(m, "dozen", 5, "12");
    wordmap_add(m, "Dozen", 5, "twelve");
    wordmap_add(m, "score", 5, NULL);
    assert_string_equal(get(m, "dozen"), "twelve");
    assert_string_equal(get(m, "score"), "");
    assert_int_equal(wordmap_count(m), 2);
    assert_null(wordmap_get(m, "", 0));
    wordmap_free(m);
}

/* Enough keys to grow the table many times; every one is found after. */
static void count_key(const char *key, size_t n, void *ctx)
{
    int *seen = ctx, i;
    if (n == 5 && !memcmp(key, "don't", 5)) seen[500]++;
    else if (n > 4 && !memcmp(key, "key ", 4) && sscanf(key + 4, "%d", &i) == 1 && i >= 0 && i < 500) seen[i]++;
    else fail_msg("unexpected key %.*s", (int)n, key);
}

/* Every key once, as the map holds it (folded). */
static void each_visits_every_key_folded(void **state)
{
    wordmap *m = wordmap_new(WM_FOLD);
    char key[32];
    for (int i = 0; i < 500; i++) {
        int n = snprintf(key, sizeof key, "Key %d", i);
        wordmap_add(m, key, (size_t)n, NULL);
    }
    wordmap_add(m, "Don\xE2\x80\x99t", 7, NULL);
    int seen[501] = {0};
    wordmap_each(m, count_key, seen);
    for (int i = 0; i < 501; i++) assert_int_equal(seen[i], 1);
    wordmap_free(m);
}

static void many_keys_survive_growth(void **state)
{
    wordmap *m = wordmap_new(0);
    char key[32], val[32];
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(key, sizeof key, "Name%d", i);
        snprintf(val, sizeof val, "v%d", i);
        wordmap_add(m, key, (size_t)n, val);
    }
    assert_int_equal(wordmap_count(m), 20000);
    for (int i = 0; i < 20000; i++) {
        int n = snprintf(key, sizeof key, "Name%d", i);
        snprintf(val, sizeof val, "v%d", i);
        const char *v = wordmap_get(m, key, (size_t)n);
        assert_non_null(v);
        assert_string_equal(v, val);
    }
    for (int i = 20000; i < 21000; i++) {
        int n = snprintf(key, sizeof key, "Name%d", i);
        assert_null(wordmap_get(m, key, (size_t)n));
    }
    wordmap_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folded_keys_match_any_case),
        cmocka_unit_test(curly_apostrophes_fold_to_straight_ones),
        cmocka_unit_test(unfolded_maps_mind_case),
        cmocka_unit_test(keys_of_every_length),
        cmocka_unit_test(later_entries_win_and_empty_values_are_kept),
        cmocka_unit_test(many_keys_survive_growth),
        cmocka_unit_test(each_visits_every_key_folded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
