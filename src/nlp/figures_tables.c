/* figures_tables.c — the word tables of the figures step, and phrase lookups
 * over tokens.
 *
 * Around every number the step asks its tables about a dozen tokens, often as
 * phrases of two to four tokens ("more than", "lost their lives"). Hashing
 * each candidate would make number-dense text (market reports, results
 * tables) slow, so each table keeps bit filters over (first two letters,
 * length) of the words its keys hold: a token no key could contain, or a
 * phrase whose first or last token cannot start or end a key, costs two bit
 * tests instead of a key build and a hash. A word that does not start with
 * two letters ("$", "%", "U.S.") has a bit for its first byte. */
#include <stdlib.h>
#include <string.h>

#include "nlp/figures_internal.h"

enum { KEY_CAP = 96 };

void filter_add(uint64_t *bits, const char *s, size_t n)
{
    uint16_t k = filter_bit(s, n);
    bits[k >> 6] |= 1ULL << (k & 63);
}

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* A key word, the letter runs inside it and each sign in it ("US$" → "US$",
 * "US", "$"), as the tokenizer may cut it any of these ways. */
static void filter_add_word(uint64_t *bits, const char *s, size_t n)
{
    filter_add(bits, s, n);
    for (size_t i = 0; i < n;) {
        if (!is_alnum(s[i])) {
            filter_add(bits, s + i, 1);
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && is_alnum(s[j])) j++;
        filter_add(bits, s + i, j - i);
        i = j;
    }
}

/* Whether a key may span several tokens: several words, or signs inside. */
static bool many_tokens(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_alnum(s[i]) && s[i] != '\'') return true;
    return false;
}

static void index_key(table *t, const char *key, size_t n)
{
    const char *first = key, *last = key;
    size_t first_n = 0, last_n = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && key[j] != ' ') j++;
        filter_add_word(t->any, key + i, j - i);
        if (i == 0) first_n = j;
        last = key + i;
        last_n = j - i;
        i = j + 1;
    }
    if (many_tokens(key, n)) {
        filter_add_word(t->head, first, first_n);
        filter_add_word(t->tail, last, last_n);
    }
}

typedef struct load_ctx {
    table *t;
    table_each each;
    void *ctx;
} load_ctx;

static void index_entry(const char *key, size_t n, void *ctx)
{
    load_ctx *x = ctx;
    index_key(x->t, key, n);
    if (x->each) x->each(x->ctx, key, n, wordmap_get(x->t->map, key, n));
}

/* The filters need every key: wordmap_each hands them over, folded. */
bool table_load(table *t, const char *path, table_each each, void *ctx, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    if (!(t->map = wordmap_load(path, WM_FOLD, err, errlen))) return false;
    wordmap_each(t->map, index_entry, &(load_ctx){t, each, ctx});
    return true;
}

void table_free(table *t) { wordmap_free(t->map); }

const char *table_get(const table *t, const char *s, size_t n)
{
    return filter_has(t->any, s, n) ? wordmap_get(t->map, s, n) : NULL;
}

/* The value of the phrase of tokens [i, i + k) in t, from the memo when
 * asked before in this article; ask() looks it up otherwise. */
static const char *memo_get(const table *t, const window *w, uint32_t i, uint32_t k,
                            const char *(*ask)(const table *, const window *, uint32_t, uint32_t))
{
    uint64_t key = ((uint64_t)i + 1) << 8 | t->id << 4 | k;
    uint32_t slot = (i * 4 + k + t->id * 21) & (MEMO_SLOTS - 1);
    phrase_memo *m = w->memo;
    if (m->key[slot] == key) return m->val[slot];
    const char *v = ask(t, w, i, k);
    m->key[slot] = key;
    m->val[slot] = v;
    return v;
}

static const char *word_get(const table *t, const window *w, uint32_t i, uint32_t k)
{
    return wordmap_get(t->map, tok_text(w, i), tok_len(w, i));
}

const char *tok_get(const table *t, const window *w, uint32_t i)
{
    return tok_in(t->any, w, i) ? memo_get(t, w, i, 1, word_get) : NULL;
}

/* Tokens [i, j) as a lookup key: one space where the text has white space,
 * none where the tokens touch ("US" "$" → "US$"). 0 when too long. */
static size_t phrase_key(const window *w, uint32_t i, uint32_t j, char *buf)
{
    size_t n = 0;
    for (uint32_t k = i; k < j; k++) {
        size_t len = tok_len(w, k);
        if (k > i && (tok_at(w, k)->flags & TF_SPACE)) {
            if (n + 1 > KEY_CAP) return 0;
            buf[n++] = ' ';
        }
        if (n + len > KEY_CAP) return 0;
        memcpy(buf + n, tok_text(w, k), len);
        n += len;
    }
    return n;
}

static const char *words_get(const table *t, const window *w, uint32_t i, uint32_t k)
{
    char buf[KEY_CAP];
    size_t n = phrase_key(w, i, i + k, buf);
    return n ? wordmap_get(t->map, buf, n) : NULL;
}

static const char *phrase_get(const table *t, const window *w, uint32_t i, uint32_t j)
{
    if (j - i == 1) return tok_get(t, w, i);
    return memo_get(t, w, i, j - i, words_get);
}

const char *phrase_fwd(const table *t, const window *w, uint32_t i, uint32_t maxn, uint32_t *n)
{
    if (i < w->lo || i >= w->hi) return NULL;
    uint32_t k = w->hi - i < maxn ? w->hi - i : maxn;
    if (k > 1 && !tok_in(t->head, w, i)) k = 1;
    for (uint32_t m = 1; m < k; m++)   /* every token of a key is a word of the table */
        if (!tok_in(t->any, w, i + m)) k = m;
    for (; k >= 1; k--) {
        if (k > 1 && !tok_in(t->tail, w, i + k - 1)) continue;
        const char *v = phrase_get(t, w, i, i + k);
        if (v) {
            *n = k;
            return v;
        }
    }
    return NULL;
}

const char *phrase_back(const table *t, const window *w, uint32_t end, uint32_t maxn, uint32_t *n)
{
    if (end <= w->lo || end > w->hi) return NULL;
    uint32_t k = end - w->lo < maxn ? end - w->lo : maxn;
    if (k > 1 && !tok_in(t->tail, w, end - 1)) k = 1;
    for (uint32_t m = 2; m <= k; m++)
        if (!tok_in(t->any, w, end - m)) k = m - 1;
    for (; k >= 1; k--) {
        if (k > 1 && !tok_in(t->head, w, end - k)) continue;
        const char *v = phrase_get(t, w, end - k, end);
        if (v) {
            *n = k;
            return v;
        }
    }
    return NULL;
}

bool field_is(const char *v, const char *s)
{
    if (!v) return false;
    size_t n = strlen(s);
    return strncmp(v, s, n) == 0 && (v[n] == '\0' || v[n] == ' ');
}
