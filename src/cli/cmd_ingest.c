/* cmd_ingest.c — `dossier ingest [PATH...] [--db FILE]`: extract articles and
 * store them, one transaction per batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dossier.h"
#include "store/store.h"

const char cmd_ingest_help[] =
    "usage: dossier ingest [PATH...] [--db FILE] [--quiet]\n\n"
    "Extracts each file (folders recursively, in name order; with no PATH, file\n"
    "paths are read from standard input, one a line) and stores the articles in\n"
    "FILE (default ./dossier.db, created when missing), for search and show.\n\n"
    "The same article text is stored once, whatever its file is called, so\n"
    "ingesting a folder again adds only what is new; a file whose text changed\n"
    "since it was stored replaces its old version. Articles are written in\n"
    "batches of 256, each one transaction: an ingest that is killed loses only\n"
    "its current batch, and searches may run while it works.\n\n"
    "At the end one line tells how many files were read, new articles, updated,\n"
    "duplicates, failed files, megabytes and seconds. When standard error is a\n"
    "terminal, progress (files/s, MB/s) is shown there as it goes.\n\n"
    "  --db FILE   the store (default ./dossier.db)\n"
    "  --quiet     no summary line\n\n"
    "exit status: 0 all stored; 1 some files could not be read or stored (each\n"
    "named on standard error); 2 bad usage; 3 the store could not be opened or\n"
    "written (the current batch is rolled back); 5 data files missing.\n";

/* How often the progress line is redrawn, in seconds. */
#define PROGRESS_EVERY 0.25

typedef struct ingest_run {
    dossier *d;
    store *s;
    const char *db;
    buf json;
    long files, fresh, updated, dups, failed;
    double bytes;
    double t0, shown;
    bool progress;
    bool store_broken;    /* a store error: stop, the batch is rolled back */
} ingest_run;

/* Wall-clock seconds. (Not clock_gettime: <time.h> under _GNU_SOURCE declares
 * glibc's struct timex, whose name core/article.h also uses.) */
static double now(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (double)tv.tv_sec + tv.tv_usec / 1e6;
}

static void show_progress(ingest_run *r, bool force)
{
    double t = now();
    if (!r->progress || (!force && t - r->shown < PROGRESS_EVERY)) return;
    r->shown = t;
    double secs = t - r->t0 > 1e-6 ? t - r->t0 : 1e-6;
    fprintf(stderr, "\r\033[Kingest: %ld files, %.1f MB  (%.0f files/s, %.1f MB/s)", r->files,
            r->bytes / 1e6, r->files / secs, r->bytes / 1e6 / secs);
}

static void store_error(ingest_run *r, const char *what, const char *why)
{
    if (r->progress) fputs("\r\033[K", stderr);
    cli_error("%s: %s: %s (the current batch was rolled back)", r->db, what, why);
    store_rollback(r->s);
    r->store_broken = true;
}

/* Commits the batch when it is full, and opens the next one. */
static void next_batch_if_full(ingest_run *r)
{
    char err[512];
    if (!store_batch_full(r->s)) return;
    if (store_commit(r->s, err, sizeof err) != 0) store_error(r, "cannot commit", err);
    else if (store_begin(r->s, err, sizeof err) != 0) store_error(r, "cannot write", err);
}

static void file_failed(ingest_run *r, const char *path, const char *why)
{
    if (r->progress) fputs("\r\033[K", stderr);
    cli_error("%s: %s", path, why);
    r->failed++;
}

static void count_put(ingest_run *r, enum store_put put, const char *path, const char *err)
{
    switch (put) {
    case STORE_NEW: r->fresh++; break;
    case STORE_UPDATED: r->updated++; break;
    case STORE_DUP: r->dups++; break;
    case STORE_EMPTY: file_failed(r, path, "no article text found (nothing stored)"); break;
    case STORE_TOO_BIG: file_failed(r, path, err); break;
    case STORE_FAILED: store_error(r, path, err); break;
    }
}

static void ingest_one(const char *path, const char *walk_err, void *ctx)
{
    ingest_run *r = ctx;
    if (r->store_broken) return;
    r->files++;
    char err[512];
    input in;
    if (walk_err || read_file(path, &in, err, sizeof err) != 0) {
        file_failed(r, path, walk_err ? walk_err : err);
        return;
    }
    article *tmp = article_new();
    article *a = dossier_extract(r->d, &in, dossier_id_from_path(tmp, path), path);
    article_free(tmp);
    r->bytes += (double)in.len;
    input_free(&in);
    r->json.n = 0;
    dossier_article_json(a, &r->json);
    count_put(r, store_put_article(r->s, a, r->json.p, r->json.n, err, sizeof err), path, err);
    article_free(a);
    if (!r->store_broken) next_batch_if_full(r);
    show_progress(r, false);
}

static void ingest_stdin_list(ingest_run *r)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (!r->store_broken && (n = getline(&line, &cap, stdin)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (!n) continue;
        const char *p = line;
        read_walk(&p, 1, ingest_one, r);
    }
    free(line);
}

static void print_summary(const ingest_run *r)
{
    double secs = now() - r->t0;
    int64_t total = store_article_count(r->s);
    printf("ingested %ld files into %s: %ld new, %ld updated, %ld duplicates, %ld failed; "
           "%.2f MB in %.2f s (%.1f MB/s); the store holds %lld articles\n",
           r->files, r->db, r->fresh, r->updated, r->dups, r->failed, r->bytes / 1e6, secs,
           secs > 0 ? r->bytes / 1e6 / secs : 0.0, (long long)total);
}

/* Splits options from paths; paths are moved to the front of argv.
 * Returns the number of paths, or -1 after a usage error. */
static int parse_args(int argc, char **argv, const char **db, bool *quiet)
{
    int npaths = 0;
    bool opts = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (opts && !strcmp(a, "--")) opts = false;
        else if (opts && !strcmp(a, "--db")) {
            if (++i >= argc) {
                cli_error("ingest: --db needs a file name");
                return -1;
            }
            *db = argv[i];
        } else if (opts && !strncmp(a, "--db=", 5)) *db = a + 5;
        else if (opts && (!strcmp(a, "--quiet") || !strcmp(a, "-q"))) *quiet = true;
        else if (opts && a[0] == '-' && a[1]) {
            cli_error("ingest: unknown option '%s' (see dossier ingest --help)", a);
            return -1;
        } else argv[npaths++] = argv[i];
    }
    return npaths;
}

int cmd_ingest(int argc, char **argv)
{
    ingest_run r = {.db = "dossier.db"};
    bool quiet = false;
    int npaths = parse_args(argc, argv, &r.db, &quiet);
    if (npaths < 0) return EXIT_USAGE;
    char err[512];
    if (!(r.d = dossier_open(NULL, NULL, err, sizeof err))) {
        cli_error("%s", err);
        return EXIT_INTERNAL;
    }
    if (!(r.s = store_open(r.db, STORE_WRITE, err, sizeof err))) {
        cli_error("%s", err);
        dossier_close(r.d);
        return EXIT_STORE;
    }
    buf_init(&r.json);
    r.t0 = r.shown = now();
    r.progress = isatty(STDERR_FILENO);
    if (store_begin(r.s, err, sizeof err) != 0) store_error(&r, "cannot write", err);
    else if (npaths) read_walk((const char *const *)argv, npaths, ingest_one, &r);
    else ingest_stdin_list(&r);
    if (!r.store_broken && store_commit(r.s, err, sizeof err) != 0) store_error(&r, "cannot commit", err);
    if (r.progress) fputs("\r\033[K", stderr);
    if (!quiet && !r.store_broken) print_summary(&r);
    store_close(r.s);
    dossier_close(r.d);
    buf_free(&r.json);
    return r.store_broken ? EXIT_STORE : r.failed ? EXIT_PARTIAL : EXIT_OK;
}
