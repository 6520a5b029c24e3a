/* path.h — absolute folder paths compared as folders, not as strings:
 * /a/b holds /a/b/c but not /a/bc. Used for the folder ids are paths below
 * (the store's root, src/store; the folders given, src/cli/roots.h). */
#ifndef DOSSIER_PATH_H
#define DOSSIER_PATH_H

/* The nearest folder holding both (absolute, resolved paths); a or b may be
 * NULL (then the other; both NULL: NULL). malloc'd. */
char *path_common(const char *a, const char *b);

/* dir's path below root ("politics"; "" for root itself), or NULL when dir
 * is not inside root. Points into dir. */
const char *path_below(const char *root, const char *dir);

#endif
