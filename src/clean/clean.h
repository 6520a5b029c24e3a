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

void clean_article(const clean_res *r, article *a, const input *in);

/* Parses a date written in any common news form ("17/12/2014 12:07 PM IST",
 * "Updated: 2015-01-14 07:59", "26-FEB-1987 15:02:20.00", "December 17, 2014",
 * "Dec. 17, 2014", "2014-12-17T07:00:00Z") at the start of s. Returns the
 * bytes consumed (0 if no date) and the date in *out. */
size_t clean_parse_date(const char *s, size_t n, date *out);

/* Formats d as YYYY-MM-DD / YYYY-MM / YYYY into the article's arena. */
const char *clean_date_string(article *a, date d);

#endif
