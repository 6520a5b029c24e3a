/* walk.c — listing the files under the paths a user names, in a stable order.
 *
 * Symbolic links are followed, so each folder is known by its device and
 * inode and walked once per call: a link back to an ancestor ("up -> ..")
 * or a folder linked twice adds nothing, and a loop ends. */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "read/read.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The folders walked so far: an open-addressing set of (device, inode),
 * at most half full. */
typedef struct seen_dir { dev_t dev; ino_t ino; bool used; } seen_dir;
typedef struct walk_seen { seen_dir *v; size_t cap, n; } walk_seen;

static size_t dir_hash(dev_t dev, ino_t ino, size_t mask)
{
    uint64_t h = ((uint64_t)ino * 0x9E3779B97F4A7C15u) ^ ((uint64_t)dev * 0xC2B2AE3D27D4EB4Fu);
    return (size_t)(h ^ (h >> 29)) & mask;
}

static seen_dir *seen_slot(seen_dir *v, size_t cap, dev_t dev, ino_t ino)
{
    size_t i = dir_hash(dev, ino, cap - 1);
    while (v[i].used && (v[i].dev != dev || v[i].ino != ino)) i = (i + 1) & (cap - 1);
    return &v[i];
}

/* True when the folder was walked before; else records it. Out of memory,
 * it answers false: the depth cap still ends a loop. */
static bool seen_before(walk_seen *s, const struct stat *st)
{
    if (s->n * 2 >= s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        seen_dir *v = calloc(cap, sizeof *v);
        if (!v) return false;
        for (size_t i = 0; i < s->cap; i++) {
            if (s->v[i].used) *seen_slot(v, cap, s->v[i].dev, s->v[i].ino) = s->v[i];
        }
        free(s->v);
        s->v = v;
        s->cap = cap;
    }
    seen_dir *d = seen_slot(s->v, s->cap, st->st_dev, st->st_ino);
    if (d->used) return true;
    *d = (seen_dir){st->st_dev, st->st_ino, true};
    s->n++;
    return false;
}

static int walk_one(const char *path, walk_fn fn, void *ctx, int depth, walk_seen *seen)
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
    if (seen_before(seen, &st)) return 0;
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
            failed += walk_one(child, fn, ctx, depth + 1, seen);
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
    walk_seen seen = {0};
    for (int i = 0; i < npaths; i++) failed += walk_one(paths[i], fn, ctx, 0, &seen);
    free(seen.v);
    return failed;
}
