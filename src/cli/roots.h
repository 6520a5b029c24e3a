/* roots.h — where an article's id starts: the folder the ids of a run (or of
 * a store) are paths below.
 *
 * An id is the file's path below a root, without its extension. For
 * `extract` the root is the nearest folder holding every path given (a
 * folder given counts itself; a file, the folder it is in). For `ingest`
 * the store keeps its root, the nearest folder holding everything ever
 * ingested into it; when a run reaches outside it, the root moves up and
 * the ids already stored are renamed to match (corpus_widen_root). Folders
 * are compared with core/path.h. So a file
 * gets the same id whatever order or grouping its folders are ingested in:
 * `bbc/politics` then `bbc/sport`, the reverse, or `bbc` at once all give
 * `politics/001` and `sport/001`. */
#ifndef DOSSIER_CLI_ROOTS_H
#define DOSSIER_CLI_ROOTS_H

#include <stdbool.h>

#include "dossier.h"

/* The folder a path given counts for, resolved (realpath): itself when a
 * folder, else the folder it is in. NULL when it does not exist. malloc'd. */
char *root_dir_of(const char *path);

/* prefix + "/" + id, or id alone when prefix is empty (malloc'd). */
char *root_join(const char *prefix, const char *id);

/* A compressed file's or an archive's id: its path below root (or, root
 * NULL, its file name) without its suffixes (business/story.html.gz:
 * business/story; news.tar.gz, news.zip: news), under prefix. malloc'd. */
char *root_container_id(const char *root, const char *prefix, const char *path);

/* The id of a member of the archive or compressed file `container`: a WARC
 * record's URL (without scheme and www.); a compressed file's content, the
 * container's id; an archive member, the member's path (without its
 * extension) below the archive's id, so news.tar.gz's world/001.txt is
 * news/world/001 and two archives holding the same path do not collide.
 * *rooted: the id is a path below the store's root (renamed with it).
 * malloc'd; NULL when out of memory. */
char *root_member_id(const char *root, const char *prefix, const char *container, const read_member *m,
                     bool *rooted);

/* path with its folder resolved (realpath; the last component kept as
 * named): the same string for one file whatever the working folder, a
 * symbolic link to a folder or "..". path itself (copied) when its folder
 * does not exist, and "-" stays "-". malloc'd. */
char *root_abs_path(const char *path);

#endif
