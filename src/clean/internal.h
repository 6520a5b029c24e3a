/* internal.h — what the clean stage's files share; callers use clean.h. */
#ifndef DOSSIER_CLEAN_INTERNAL_H
#define DOSSIER_CLEAN_INTERNAL_H

#include "clean/clean.h"
#include "core/buf.h"

struct clean_res {
    int unused;
};

void clean_html(const clean_res *r, article *a, const char *html, size_t n);
void clean_text(const clean_res *r, article *a, const char *text, size_t n);

/* Sets a->text from paragraphs collected in b (already joined with "\n\n"),
 * and a->paras from it. */
void clean_set_text(article *a, const char *s, size_t n);

#endif
