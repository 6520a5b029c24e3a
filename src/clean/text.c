/* text.c — plain-text articles: from scraped or wire text to the article body.
 *
 * The text is cut into units (a line, or a wrapped paragraph: text_units.c);
 * metadata lines give the date, byline place and outlet (text_meta.c); web
 * junk is found by shape, word lists and neighbourhood (text_junk.c); the
 * headline is the first short capitalised line left at the top. The body
 * units are kept in order, a blank line between them; everything dropped
 * goes to `removed`. Every decision uses only this article, so an article
 * cleans the same whichever others are in the run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/text_internal.h"

static wordmap *load_list(const char *datadir, const char *name, char *err, size_t errlen)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", datadir, name) >= sizeof path) {
        snprintf(err, errlen, "data folder path too long: %s", datadir);
        return NULL;
    }
    return wordmap_load(path, WM_FOLD, err, errlen);
}

/* The first folded character of s (at most n bytes) as a pair class, and
 * its length in s; PF_END when s is empty. */
static unsigned folded_class(const char *s, size_t n, size_t *len)
{
    *len = n ? 1 : 0;
    if (!n) return PF_END;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        ((unsigned char)s[2] == 0x99 || (unsigned char)s[2] == 0x98)) {
        *len = 3;
        return PF_OTHER;   /* folds to ' */
    }
    return pair_class((unsigned char)s[0]);
}

/* A key's pair, and for a phrase whose first word is one character, that
 * word's (the head is a key of the map too). */
static void pair_filter_add(pair_filter *f, const char *key, size_t n)
{
    size_t l0, l1;
    unsigned a = folded_class(key, n, &l0);
    if (a == PF_END) return;
    unsigned b = folded_class(key + l0, n - l0, &l1);
    f->rows[a] |= 1u << b;
    if (l0 < n && key[l0] == ' ') f->rows[a] |= 1u << PF_END;
}

static void add_pair(const char *key, size_t n, void *f) { pair_filter_add(f, key, n); }

void pair_filter_from(pair_filter *f, const wordmap *m) { wordmap_each(m, add_pair, f); }

/* A phrase's first word ("read" of "read more"), into the heads map. */
static void add_head(const char *key, size_t n, void *heads)
{
    const char *space = memchr(key, ' ', n);
    if (space && space > key) wordmap_add(heads, key, (size_t)(space - key), NULL);
}

static void add_to_map(const char *key, size_t n, void *map)
{
    if (!wordmap_get(map, key, n)) wordmap_add(map, key, n, NULL);
}

/* A phrase list: the map as wordmap_load reads it, plus each phrase's
 * first word (in the map with an empty value, and in heads). */
static bool load_phrases(const char *datadir, const char *name, phrases *l, char *err, size_t errlen)
{
    if (!(l->map = load_list(datadir, name, err, errlen))) return false;
    l->heads = wordmap_new(WM_FOLD);
    wordmap_each(l->map, add_head, l->heads);
    wordmap_each(l->heads, add_to_map, l->map);
    pair_filter_from(&l->pairs, l->map);
    return true;
}

static void free_phrases(phrases *l)
{
    wordmap_free(l->map);
    wordmap_free(l->heads);
}

text_res *text_load(const char *datadir, char *err, size_t errlen)
{
    text_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    if (!load_phrases(datadir, "clean/text-junk.txt", &r->junk, err, errlen) ||
        !load_phrases(datadir, "clean/text-meta.txt", &r->meta, err, errlen) ||
        !load_phrases(datadir, "clean/text-agencies.txt", &r->agencies, err, errlen) ||
        !(r->stop = load_list(datadir, "clean/text-stopwords.txt", err, errlen)) ||
        !(r->not_places = load_list(datadir, "clean/text-dateline-not.txt", err, errlen)) ||
        !(r->places = load_list(datadir, "gazetteer/places.txt", err, errlen))) {
        text_free(r);
        return NULL;
    }
    pair_filter_from(&r->stop_pairs, r->stop);
    return r;
}

void text_free(text_res *r)
{
    if (!r) return;
    free_phrases(&r->junk);
    free_phrases(&r->meta);
    free_phrases(&r->agencies);
    wordmap_free(r->stop);
    wordmap_free(r->not_places);
    wordmap_free(r->places);
    free(r);
}

void *text_reserve(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
    if (need > *cap) {
        uint32_t n = *cap ? *cap : 64;
        while (n < need) n *= 2;
        void *q = realloc(*p, (size_t)n * elem);
        if (!q) abort();
        *p = q;
        *cap = n;
    }
    return *p;
}

/* The thread's working memory: kept warm between articles, given back
 * after an article that made it large. */
static _Thread_local tctx warm;
enum { WARM_KEEP = 1 << 22 };

static void release_if_large(tctx *w)
{
    if (w->norm.cap > WARM_KEEP || (size_t)w->units.cap * sizeof(unit) > WARM_KEEP ||
        w->lines_cap > WARM_KEEP / 16 || w->seen_cap > WARM_KEEP / 8) {
        buf_free(&w->norm);
        free(w->units.v);
        free(w->lines);
        free(w->seen);
        memset(w, 0, sizeof *w);
    }
}

/* Body units to the text, the rest to `removed`. The text is written over
 * the units' buffer, front to back: each unit has two bytes before it, so
 * what is written never passes the start of a unit not yet read. Returns
 * the text's length. */
static size_t emit(tctx *c)
{
    char *p = c->norm.p;
    size_t w = 0;
    for (uint32_t i = 0; i < c->units.n; i++) {
        unit *u = &c->units.v[i];
        if (u->kind == UK_TITLE) continue;
        if (u->kind == UK_JUNK) text_outlet_from_junk(c, u, i + 1 == c->units.n);
        if (u->kind != UK_BODY) {
            text_remove(c, unit_text(c, u), u->len);
            continue;
        }
        if (!u->len) continue;
        if (w) {
            p[w++] = '\n';
            p[w++] = '\n';
        }
        memmove(p + w, unit_text(c, u), u->len);
        w += u->len;
    }
    return w;
}

void clean_text(const clean_res *r, article *a, const char *text, size_t n)
{
    tctx c = warm;
    c.r = r->text;
    c.a = a;
    c.norm.n = 0;
    c.units.n = 0;
    c.pub_rank = c.outlet_rank = 0;
    c.outlet = c.byline_place = NULL;
    buf_reserve(&c.norm, n + 1);
    text_build_units(&c, text, n);
    for (uint32_t i = 0; i < c.units.n; i++) text_unit_features(&c, &c.units.v[i]);
    text_find_meta(&c);
    /* credits first, so a caption is judged without its credit */
    for (uint32_t i = 0; i < c.units.n; i++)
        if (c.units.v[i].kind == UK_BODY) text_trim_credit(&c, &c.units.v[i]);
    text_find_junk(&c);
    text_find_title(&c);
    size_t len = emit(&c);
    clean_set_text(a, c.norm.p ? c.norm.p : "", len);
    if (c.pub_rank) {
        char iso[16];
        if (date_format(c.pub, iso, sizeof iso)) {
            a->published = arena_strdup(&a->mem, iso);
            a->pubdate = c.pub;
        }
    }
    a->outlet = c.outlet;
    a->dateline = c.byline_place;
    warm = c;
    release_if_large(&warm);
}
