/* dossier.h — the library's public API: what the command line, the server and
 * the tests call.
 *
 *   dossier *d = dossier_open(NULL, NULL, err, sizeof err);   // load word lists, models
 *   article *a = dossier_extract_file(d, "story.html", err, sizeof err);
 *   buf out; buf_init(&out); dossier_article_json(a, &out);   // extract-format.md
 *   article_free(a); dossier_close(d);
 *
 * An article is extracted in one pass through the stages read → clean → nlp;
 * nothing here touches a database (see store/store.h for that), so extraction
 * is a pure function of the bytes and may run on any number of threads with
 * one shared dossier. */
#ifndef DOSSIER_H
#define DOSSIER_H

#include <stddef.h>

#include "core/article.h"
#include "core/buf.h"
#include "read/read.h"

#define DOSSIER_VERSION "0.1.0"

typedef struct dossier dossier;

/* datadir/modeldir NULL: $DOSSIER_DATA / $DOSSIER_MODELS, else ../data and
 * ../models beside the executable (a build tree), else ../share/dossier/data
 * and ../share/dossier/models (make install), else the folders the build was
 * made from. */
dossier *dossier_open(const char *datadir, const char *modeldir, char *err, size_t errlen);
void dossier_close(dossier *d);

/* Which nlp steps to run (enum nlp_steps in nlp/nlp.h); all by default. */
void dossier_set_steps(dossier *d, unsigned steps);

/* The article id a path gets: its file name without the extension. */
const char *dossier_id_from_path(article *a, const char *path);

/* Extracts one article from input already read; never fails. The input's
 * bytes are freed once the article holds its cleaned copy (in->text is then
 * NULL; its len, kind and encoding stay), so the two are never both kept
 * through the nlp steps; input_free(in) afterwards does no harm. */
article *dossier_extract(const dossier *d, input *in, const char *id, const char *source);
/* Runs only the nlp steps over text that is already clean (paragraphs
 * separated by a blank line), with an optional publication date
 * ("2014-12-17", or NULL) to resolve relative dates against. For callers
 * that clean text themselves, and for tests of the nlp steps. */
article *dossier_analyze(const dossier *d, const char *text, size_t n, const char *published);
/* What is known of an article besides its text: from a web archive, the
 * command line or a sidecar file; NULL fields are unknown. */
typedef struct article_meta {
    const char *url;        /* the page's address */
    const char *outlet, *published, *title;   /* given by the user */
    const char *from;       /* what gave them: "option" or "sidecar" */
    const char *outlet_from, *published_from, *title_from;   /* per field, over from */
    const char *captured;   /* when a crawler fetched it (WARC-Date) */
} article_meta;

/* dossier_extract, with what the text does not say taken from m: the
 * text's own title, date and outlet win where it gives them; else m's,
 * else the outlet is the URL's site and the date the capture date. */
article *dossier_extract_meta(const dossier *d, input *in, const char *id, const char *source,
                              const article_meta *m);

/* The id of an archive member, WARC record or compressed file's content:
 * the member's path without its extension ("business/001"), the URL
 * without its scheme and "www." ("bbc.co.uk/news/world-1"), or the
 * compressed file's name without its extensions ("a" for a.html.gz;
 * "stdin" for standard input). */
const char *dossier_id_from_member(article *a, const char *container, const read_member *m);

/* The id of a file found in folder root (as given to extract or ingest):
 * its path below root without the extension ("business/001" for
 * root/business/001.txt), so that it does not depend on what else is read
 * or in which order; the file name alone when root is NULL or not a folder
 * above path. */
const char *dossier_id_from_root(article *a, const char *root, const char *path);

/* Reads and extracts a file; NULL with a one-line reason when it cannot be read. */
article *dossier_extract_file(const dossier *d, const char *path, char *err, size_t errlen);

/* Appends the article as one line of JSON (no newline), as extract-format.md. */
void dossier_article_json(const article *a, buf *out);

#endif
