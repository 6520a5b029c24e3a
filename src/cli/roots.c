/* roots.c — the folders ids are paths below (see roots.h). */
#include "cli/roots.h"

#include <limits.h>
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

char *root_common(const char *a, const char *b)
{
    if (!a || !b) return a || b ? strdup(a ? a : b) : NULL;
    size_t n = 0, last = 0;   /* last: the end of the last whole folder both share */
    while (a[n] && a[n] == b[n]) {
        if (a[n] == '/') last = n;
        n++;
    }
    if ((!a[n] || a[n] == '/') && (!b[n] || b[n] == '/')) last = n;   /* one holds the other */
    if (last == 0) return strdup("/");
    return strndup(a, last);
}

const char *root_below(const char *root, const char *dir)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/') return dir[0] == '/' ? dir + 1 : NULL;
    if (strncmp(root, dir, n) != 0) return NULL;
    if (!dir[n]) return dir + n;
    return dir[n] == '/' ? dir + n + 1 : NULL;
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
