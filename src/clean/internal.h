/* internal.h — what the clean stage's files share; callers use clean.h. */
#ifndef DOSSIER_CLEAN_INTERNAL_H
#define DOSSIER_CLEAN_INTERNAL_H

#include "clean/clean.h"
#include "core/buf.h"

/* Each cleaner owns its word lists (data/clean/), loaded by clean_load(). */
typedef struct html_res html_res;   /* clean/html.c */
typedef struct text_res text_res;   /* clean/text.c */

html_res *html_load(const char *datadir, char *err, size_t errlen);
void html_free(html_res *r);
text_res *text_load(const char *datadir, char *err, size_t errlen);
void text_free(text_res *r);

struct clean_res {
    html_res *html;
    text_res *text;
};

void clean_html(const clean_res *r, article *a, input *in);   /* gives back in->text once parsed */
void clean_text(const clean_res *r, article *a, const char *text, size_t n);

/* Sets a->dateline ("KABUL, AFGHANISTAN", "Islamabad") from the opening of
 * the first body paragraph; the text itself keeps it. Runs after either cleaner. */
void clean_find_dateline(const clean_res *r, article *a);


#endif
