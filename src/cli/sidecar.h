/* sidecar.h — `--meta FILE`: what a user knows of many files that their text
 * does not say (url, outlet, publication date, title), one row per file.
 *
 * CSV with a header row, or JSON lines (one object a line), with the fields
 * path or id (which article), url, outlet, published, title; other fields
 * are ignored. A row matches an article by id, or by path: the path read,
 * or any tail of it after a '/' (a row "business/001.txt" matches
 * "bbc/business/001.txt"), or for an archive member "archive:member" or the
 * member's name. */
#ifndef DOSSIER_CLI_SIDECAR_H
#define DOSSIER_CLI_SIDECAR_H

#include <stddef.h>

#include "dossier.h"

typedef struct sidecar sidecar;

/* NULL with a one-line reason in err (naming the line at fault). */
sidecar *sidecar_load(const char *path, char *err, size_t errlen);
void sidecar_free(sidecar *s);

/* Fills out from the row matching the article read from path (or member
 * `name` of it, or NULL) with id; fields the row leaves empty keep
 * their value in out. False when no row matches. The strings live as long
 * as s. */
bool sidecar_find(const sidecar *s, const char *path, const char *name, const char *id, article_meta *out);

#endif
