/* roots.c — the folders ids are paths below (see roots.h). */
#include "cli/roots.h"

#include <stdbool.h>
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

/* The last suffix of a name is a compression's (.gz, .bz2, .xz, .zst). */
static bool compressed_suffix(const char *path)
{
    static const char *const zs[] = {".gz", ".bz2", ".xz", ".zst"};
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof zs / sizeof *zs; i++) {
        size_t k = strlen(zs[i]);
        if (n > k && !strcmp(path + n - k, zs[i])) return true;
    }
    return false;
}

char *root_container_id(const char *root, const char *prefix, const char *path)
{
    article *tmp = article_new();
    /* the path below root (or the file name) without its last suffix, and
     * after a compression's (.gz) without the one before it (.html, .tar):
     * news.tar.gz and news.zip are both news, my.news.zip is my.news */
    const char *id = root ? dossier_id_from_root(tmp, root, path)
                          : dossier_id_from_member(tmp, path, &(read_member){0});
    const char *base = strrchr(id, '/');
    base = base ? base + 1 : id;
    const char *dot = root && compressed_suffix(path) ? strrchr(base, '.') : NULL;
    char *cut = strndup(id, dot && dot > base ? (size_t)(dot - id) : strlen(id));
    char *out = cut ? root ? root_join(prefix, cut) : strdup(cut) : NULL;
    free(cut);
    article_free(tmp);
    return out;
}

char *root_member_id(const char *root, const char *prefix, const char *container, const read_member *m,
                     bool *rooted)
{
    *rooted = false;
    if (m->url) {   /* a web page is its URL, wherever its WARC file lies */
        article *tmp = article_new();
        char *id = strdup(dossier_id_from_member(tmp, container, m));
        article_free(tmp);
        return id;
    }
    char *outer = root_container_id(root, prefix, container);
    *rooted = root && prefix;
    if (!m->name || !outer) return outer;
    article *tmp = article_new();
    char *id = root_join(outer, dossier_id_from_member(tmp, container, m));
    article_free(tmp);
    free(outer);
    return id;
}

char *root_abs_path(const char *path)
{
    if (!strcmp(path, "-")) return strdup(path);
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    char *real = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    if (!real) return strdup(path);
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(real) + strlen(base) + 2;
    char *out = malloc(n);
    if (out) snprintf(out, n, "%s%s%s", real, strcmp(real, "/") ? "/" : "", base);
    free(real);
    return out;
}
