/* clean.c — the clean stage's entry: resources, and HTML or text by kind. */
#include "clean/clean.h"

#include <stdio.h>
#include <stdlib.h>

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
    uint32_t start = 0;
    for (uint32_t i = 0; i <= a->len; i++) {
        if (i == a->len || (a->text[i] == '\n' && i + 1 < a->len && a->text[i + 1] == '\n')) {
            if (i > start) {
                span *p = ARENA_PUSH(&a->mem, a->paras);
                p->start = start;
                p->end = i;
            }
            start = i + 2;
            i++;
        }
    }
}

void clean_article(const clean_res *r, article *a, const input *in)
{
    a->is_html = in->kind == INPUT_HTML;
    if (a->is_html) clean_html(r, a, in->text, in->len);
    else clean_text(r, a, in->text, in->len);
    if (!a->text) clean_set_text(a, "", 0);
    clean_find_dateline(r, a);
}
