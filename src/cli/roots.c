/* roots.c — the folders ids are paths below (see roots.h). */
#include "cli/roots.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dossier.h"

char *root_dir_of(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) return NULL;
    if (S_ISDIR(st.st_mode)) return realpath(path, NULL);
    const char *slash = strrchr(path, '/');
    if (!slash) return realpath(".", NULL);
    if (slash == path) return realpath("/", NULL);
    char *dir = strndup(path, (size_t)(slash - path));
    char *r = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    return r;
}

char *root_join(const char *prefix, const char *id)
{
    if (!prefix || !*prefix) return strdup(id);
    size_t n = strlen(prefix) + strlen(id) + 2;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s/%s", prefix, id);
    return s;
}

char *root_compressed_id(const char *root, const char *prefix, const char *path)
{
    if (!root) return NULL;
    article *tmp = article_new();
    /* the path below root without its last suffix (.gz), then without the
     * extension before it (.html) */
    const char *id = dossier_id_from_root(tmp, root, path);
    const char *base = strrchr(id, '/');
    base = base ? base + 1 : id;
    const char *dot = strrchr(base, '.');
    char *cut = strndup(id, dot && dot > base ? (size_t)(dot - id) : strlen(id));
    char *out = cut ? root_join(prefix, cut) : NULL;
    free(cut);
    article_free(tmp);
    return out;
}
