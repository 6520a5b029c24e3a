/* clean.h — the second stage: from a page's text to the article and its metadata.
 *
 * HTML goes through a real parser and a content scorer (clean/html.c); plain
 * text through a line classifier (clean/text.c). Both set, on the article:
 * text (paragraphs separated by a blank line), paras, removed (lines dropped,
 * for audit), title, published (+ pubdate), outlet and dateline. */
#ifndef DOSSIER_CLEAN_H
#define DOSSIER_CLEAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/article.h"
#include "read/read.h"

typedef struct clean_res clean_res;   /* word lists from data/clean/ */

clean_res *clean_load(const char *datadir, char *err, size_t errlen);
void clean_free(clean_res *r);

/* Cleans in into a: text, paragraphs, title, date, outlet, dateline. May
 * give back in's bytes (free, in->text set to NULL) as soon as it no longer
 * needs them, so a long page's bytes are not held beside its tree; the
 * caller frees in->text after. */
void clean_article(const clean_res *r, article *a, input *in);

/* Sets a->text from s (paragraphs already joined with "\n\n") and a->paras. */
void clean_set_text(article *a, const char *s, size_t n);

#endif
