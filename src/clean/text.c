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

text_res *text_load(const char *datadir, char *err, size_t errlen)
{
    text_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    if (!(r->junk = load_list(datadir, "clean/text-junk.txt", err, errlen)) ||
        !(r->meta = load_list(datadir, "clean/text-meta.txt", err, errlen)) ||
        !(r->agencies = load_list(datadir, "clean/text-agencies.txt", err, errlen)) ||
        !(r->stop = load_list(datadir, "clean/text-stopwords.txt", err, errlen)) ||
        !(r->not_places = load_list(datadir, "clean/text-dateline-not.txt", err, errlen)) ||
        !(r->places = load_list(datadir, "gazetteer/places.txt", err, errlen))) {
        text_free(r);
        return NULL;
    }
    return r;
}

void text_free(text_res *r)
{
    if (!r) return;
    wordmap_free(r->junk);
    wordmap_free(r->meta);
    wordmap_free(r->agencies);
    wordmap_free(r->stop);
    wordmap_free(r->not_places);
    wordmap_free(r->places);
    free(r);
}

/* Body units to the text, the rest to `removed`. */
static void emit(tctx *c, buf *out)
{
    for (uint32_t i = 0; i < c->units.n; i++) {
        unit *u = &c->units.v[i];
        if (u->kind == UK_TITLE) continue;
        if (u->kind == UK_JUNK) text_outlet_from_junk(c, u, i + 1 == c->units.n);
        if (u->kind != UK_BODY) {
            text_remove(c, unit_text(c, u), u->len);
            continue;
        }
        if (!u->len) continue;
        if (out->n) buf_put(out, "\n\n", 2);
        buf_put(out, unit_text(c, u), u->len);
    }
}

void clean_text(const clean_res *r, article *a, const char *text, size_t n)
{
    tctx c = {.r = r->text, .a = a};
    arena_init(&c.scratch);
    buf_init(&c.norm);
    buf_reserve(&c.norm, n + 1);
    text_build_units(&c, text, n);
    for (uint32_t i = 0; i < c.units.n; i++) text_unit_features(&c, &c.units.v[i]);
    text_find_meta(&c);
    /* credits first, so a caption is judged without its credit */
    for (uint32_t i = 0; i < c.units.n; i++)
        if (c.units.v[i].kind == UK_BODY) text_trim_credit(&c, &c.units.v[i]);
    text_find_junk(&c);
    text_find_title(&c);
    buf out;
    buf_init(&out);
    emit(&c, &out);
    clean_set_text(a, out.p ? out.p : "", out.n);
    buf_free(&out);
    if (c.pub_rank) {
        char iso[16];
        if (date_format(c.pub, iso, sizeof iso)) {
            a->published = arena_strdup(&a->mem, iso);
            a->pubdate = c.pub;
        }
    }
    a->outlet = c.outlet;
    a->dateline = c.byline_place;
    buf_free(&c.norm);
    arena_free(&c.scratch);
}
