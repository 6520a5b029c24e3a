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

/* The folder a path given counts for, resolved (realpath): itself when a
 * folder, else the folder it is in. NULL when it does not exist. malloc'd. */
char *root_dir_of(const char *path);

/* prefix + "/" + id, or id alone when prefix is empty (malloc'd). */
char *root_join(const char *prefix, const char *id);

/* A compressed file's id (business/story.html.gz: business/story) below
 * root, under prefix; NULL when path is not below root (malloc'd). */
char *root_compressed_id(const char *root, const char *prefix, const char *path);

#endif
