/* clean.c — the clean stage's entry: resources, and HTML or text by kind. */
#include "clean/clean.h"

#include <stdio.h>
#include <stdlib.h>

#include "clean/internal.h"

clean_res *clean_load(const char *datadir, char *err, size_t errlen)
{
    clean_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    return r;
}

void clean_free(clean_res *r) { free(r); }

void clean_article(const clean_res *r, article *a, const input *in)
{
    a->is_html = in->kind == INPUT_HTML;
    if (a->is_html) clean_html(r, a, in->text, in->len);
    else clean_text(r, a, in->text, in->len);
    if (!a->text) {
        a->text = arena_strdup(&a->mem, "");
        a->len = 0;
    }
}
