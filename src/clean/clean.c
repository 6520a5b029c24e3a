/* clean.c — the clean stage's entry: resources, and HTML or text by kind. */
#include "clean/clean.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/internal.h"

clean_res *clean_load(const char *datadir, char *err, size_t errlen)
{
    clean_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    if (!(r->html = html_load(datadir, err, errlen)) || !(r->text = text_load(datadir, err, errlen))) {
        clean_free(r);
        return NULL;
    }
    return r;
}

void clean_free(clean_res *r)
{
    if (!r) return;
    html_free(r->html);
    text_free(r->text);
    free(r);
}

void clean_set_text(article *a, const char *s, size_t n)
{
    a->text = arena_strndup(&a->mem, s, n);
    a->len = (uint32_t)n;
    a->paras.n = 0;
    const char *t = a->text, *end = t + n, *start = t, *p = t;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) break;
        if (nl + 1 < end && nl[1] == '\n') {
            if (nl > start) *ARENA_PUSH(&a->mem, a->paras) = (span){(uint32_t)(start - t), (uint32_t)(nl - t)};
            start = nl + 2;
        }
        p = nl + 1;
    }
    if (end > start) *ARENA_PUSH(&a->mem, a->paras) = (span){(uint32_t)(start - t), (uint32_t)(end - t)};
}

void clean_article(const clean_res *r, article *a, input *in)
{
    a->is_html = in->kind == INPUT_HTML;
    if (a->is_html) clean_html(r, a, in);
    else clean_text(r, a, in->text, in->len);
    if (!a->text) clean_set_text(a, "", 0);
    clean_find_dateline(r, a);
}
