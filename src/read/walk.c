/* walk.c — listing the files under the paths a user names, in a stable order. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/read.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int walk_one(const char *path, walk_fn fn, void *ctx, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fn(path, strerror(errno), ctx);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        fn(path, NULL, ctx);
        return 0;
    }
    if (depth > 64) {
        fn(path, "folders nested too deep", ctx);
        return 1;
    }
    DIR *d = opendir(path);
    if (!d) {
        fn(path, strerror(errno), ctx);
        return 1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **q = realloc(names, cap * sizeof *names);
            if (!q) break;
            names = q;
        }
        if (!(names[n] = strdup(e->d_name))) break;
        n++;
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, cmp_names);   /* names is NULL in an empty folder */
    int failed = 0;
    size_t plen = strlen(path);
    bool slash = plen && path[plen - 1] == '/';
    for (size_t i = 0; i < n; i++) {
        size_t len = plen + strlen(names[i]) + 2;
        char *child = malloc(len);
        if (child) {
            snprintf(child, len, "%s%s%s", path, slash ? "" : "/", names[i]);
            failed += walk_one(child, fn, ctx, depth + 1);
            free(child);
        }
        free(names[i]);
    }
    free(names);
    return failed;
}

int read_walk(const char *const *paths, int npaths, walk_fn fn, void *ctx)
{
    int failed = 0;
    for (int i = 0; i < npaths; i++) failed += walk_one(paths[i], fn, ctx, 0);
    return failed;
}
