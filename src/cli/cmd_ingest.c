/* cmd_ingest.c — `dossier ingest [PATH...] [--db FILE]`: extract articles and
 * store them, one transaction per batch.
 *
 * Extraction runs on worker threads (jobs.c) while this thread, the only
 * writer, stores the results in input order (so which of two identical texts is
 * kept, and which id a name clash gets, never depends on timing). */
/* glibc's <time.h> under _GNU_SOURCE declares a
 * `struct timex` that collides with core/article.h's; POSIX is all we need. */
#undef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/roots.h"
#include "cli/crash.h"
#include "cli/jobs.h"
#include "cli/sidecar.h"
#include "core/path.h"
#include "corpus/corpus.h"
#include "dossier.h"

const char cmd_ingest_help[] =
    "usage: dossier ingest [PATH...] [--db FILE] [--jobs N] [--quiet]\n"
    "                      [--outlet NAME] [--published DATE] [--meta FILE]\n\n"
    "Extracts each file (folders recursively, in name order; with no PATH, file\n"
    "paths are read from standard input, one a line; - reads one article or\n"
    "archive from standard input) and stores the articles in FILE (default\n"
    "./dossier.db, created when missing), for search and show. Compressed\n"
    "files, tar and zip archives and WARC files are opened as `dossier extract\n"
    "--help` says: each member or WARC response record is one article.\n\n"
    "The same article text is stored once, whatever its file is called, so\n"
    "ingesting a folder again adds only what is new; a file whose text changed\n"
    "since it was stored replaces its old version; a different article whose\n"
    "id is taken is stored as ID-2, ID-3, ... Articles are written\n"
    "in batches of 1024, each one transaction: an ingest that is killed loses\n"
    "only its current batch, and searches may run while it works.\n\n"
    "Ids that last: a file's id is its path, without its extension, below the\n"
    "store's root, the nearest folder holding everything ingested into it\n"
    "(bbc/business/001.txt is business/001 after `ingest bbc`). Sub-folders\n"
    "ingested one at a time, in any order, get the ids their folder would\n"
    "give at once: when an ingest reaches outside the root, the root moves up\n"
    "and the ids stored are renamed to match (`ingest bbc/politics`, then\n"
    "`ingest bbc/sport`: 001 becomes politics/001), and it says so. Paths\n"
    "listed on standard input do not move it: outside it, a file is named by\n"
    "its file name.\n\n"
    "At the end one line tells how many files were read, new articles, updated,\n"
    "duplicates, failed files, megabytes and seconds. When standard error is a\n"
    "terminal, progress (files done of the total, files/s, MB/s, time left) is\n"
    "shown there as it goes.\n\n"
    "  --db FILE   the store (default ./dossier.db)\n"
    "  --jobs N    extraction threads (default: one per CPU; 0: none, all on\n"
    "              the thread that writes)\n"
    "  --quiet     no summary line (a note that ids were renamed is still\n"
    "              given)\n"
    "  --outlet NAME, --published DATE\n"
    "              the outlet and publication date of articles whose text\n"
    "              gives none (what the text says wins where it says it)\n"
    "  --meta FILE   a CSV (with a header row) or JSON lines file of what the\n"
    "              text may not say, one row per file: path or id, and any of\n"
    "              url, outlet, published, title; a row's path matches the file\n"
    "              read or any tail of its path (business/001.txt); its values\n"
    "              win over --outlet and --published, the text's over both\n\n"
    "exit status: 0 all stored; 1 some files could not be read or stored (each\n"
    "named on standard error); 2 bad usage; 3 the store could not be opened or\n"
    "written (the current batch is rolled back); 5 data files missing.\n";

/* How often the progress line is redrawn, in seconds. */
#define PROGRESS_EVERY 0.25
#define MAX_JOBS 64

typedef struct ingest_run {
    dossier *d;
    corpus *c;            /* stores and links each article (src/corpus) */
    const char *db;
    int jobs;
    long files, fresh, updated, dups, failed;
    long total;           /* files to read, counted first when progress is shown; 0 unknown */
    double bytes;
    double t0, shown;
    bool progress;
    bool store_broken;    /* a store error: stop, the batch is rolled back */
    job_source src;       /* the PATH being walked, its folder below the store's root, --outlet,
                             --published, --meta */
    char *store_root;     /* the store's root folder, or NULL */
    struct stat db_st;    /* the store's file, left out when a folder holds it */
} ingest_run;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void show_progress(ingest_run *r, bool force)
{
    double t = now();
    if (!r->progress || (!force && t - r->shown < PROGRESS_EVERY)) return;
    r->shown = t;
    double secs = t - r->t0 > 1e-6 ? t - r->t0 : 1e-6;
    if (r->total > 0 && r->files <= r->total && r->files > 0) {   /* archives' members are not counted */
        double left = secs / (double)r->files * (double)(r->total - r->files);
        fprintf(stderr, "\r\033[Kingest: %ld/%ld files, %.1f MB  (%.0f files/s, %.1f MB/s, %.0f s left)", r->files,
                r->total, r->bytes / 1e6, r->files / secs, r->bytes / 1e6 / secs, left);
        return;
    }
    fprintf(stderr, "\r\033[Kingest: %ld files, %.1f MB  (%.0f files/s, %.1f MB/s)", r->files,
            r->bytes / 1e6, r->files / secs, r->bytes / 1e6 / secs);
}

/* The corpus has rolled the batch back already. */
static void store_error(ingest_run *r, const char *what, const char *why)
{
    if (r->progress) fputs("\r\033[K", stderr);
    cli_error("%s: %s: %s (the current batch was rolled back)", r->db, what, why);
    r->store_broken = true;
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

/* --- one file: extracted on any thread, stored on the writing one ---------- */

static void store_job(job *j, void *ctx)
{
    ingest_run *r = ctx;
    if (r->store_broken) return;
    r->files++;
    if (!j->a) {
        file_failed(r, j->path, j->walk_err ? j->walk_err : j->err);
        return;
    }
    r->bytes += j->bytes;
    char err[512];
    enum store_put put = corpus_add(r->c, j->a, j->json.p, j->json.n, err, sizeof err);
    count_put(r, put, j->path, err);
    show_progress(r, false);
}

/* --- walking the inputs ------------------------------------------------------ */

/* The store itself, or its -wal, -shm or -journal file: "ingest . --db
 * news.db" must not read the store as an article (and fail on it). */
static bool is_store_file(const ingest_run *r, const char *path)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    size_t n = strlen(path);
    char base[4096];
    struct stat st;
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        size_t k = strlen(suffixes[i]);
        if (n <= k || n - k >= sizeof base || strcmp(path + n - k, suffixes[i]) != 0) continue;
        memcpy(base, path, n - k);
        base[n - k] = '\0';
        if (stat(base, &st) == 0 && st.st_dev == r->db_st.st_dev && st.st_ino == r->db_st.st_ino) return true;
    }
    return false;
}

/* One archive member, or (err set) one that could not be read. */
static void ingest_member(const char *container, const read_member *m, const char *err, void *ctx)
{
    ingest_run *r = ctx;
    if (r->store_broken) return;
    if (err) {
        char name[4096];
        if (m->name && strcmp(m->name, container) != 0) snprintf(name, sizeof name, "%s: %s", container, m->name);
        else snprintf(name, sizeof name, "%s", container);
        r->files++;
        file_failed(r, name, err);
        return;
    }
    jobs_submit(&r->src, container, NULL, m, store_job, r);
}

static void ingest_container(ingest_run *r, const char *path)
{
    char err[512];
    if (read_container(path, ingest_member, r, err, sizeof err) < 0) {
        r->files++;
        file_failed(r, strcmp(path, "-") ? path : "(standard input)", err);
    }
}

static void ingest_one(const char *path, const char *walk_err, void *ctx)
{
    ingest_run *r = ctx;
    if (r->store_broken || (!walk_err && is_store_file(r, path))) return;
    if (!walk_err && read_path_is_container(path)) {
        ingest_container(r, path);
        return;
    }
    jobs_submit(&r->src, path, walk_err, NULL, store_job, r);
}

static void count_file(const char *path, const char *err, void *ctx)
{
    (*(long *)ctx)++;
}

/* Walks one PATH given (or listed on standard input), its ids below the
 * store's root when it lies inside it. */
static void ingest_path(ingest_run *r, const char *path)
{
    char *dir = r->store_root ? root_dir_of(path) : NULL;
    r->src.root = path;
    r->src.prefix = dir ? path_below(r->store_root, dir) : NULL;
    read_walk(&path, 1, ingest_one, r);
    r->src.root = r->src.prefix = NULL;
    free(dir);
}

static void ingest_stdin_list(ingest_run *r)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while (!r->store_broken && (n = getline(&line, &cap, stdin)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
        if (!n) continue;
        ingest_path(r, line);
    }
    free(line);
}

/* The store's root: the nearest folder holding the old one and every PATH
 * given; when it moves up, the ids stored are renamed (roots.h). Paths
 * read from standard input do not move it. */
static int settle_root(ingest_run *r, char **paths, int n)
{
    char err[512], *common = NULL;
    for (int i = 0; i < n; i++) {
        char *d = strcmp(paths[i], "-") ? root_dir_of(paths[i]) : NULL;
        if (!d) continue;
        char *c = path_common(common, d);
        free(common), free(d);
        common = c;
    }
    buf root, prefix;
    buf_init(&root);
    buf_init(&prefix);
    long renamed = 0;
    /* a root of "/" names nothing: a file from elsewhere (/tmp) does not
     * rename every stored id; it keeps its path below the folder given */
    if (common && corpus_root(r->c, &root, err, sizeof err) >= 0) {
        char *wide = root.n ? path_common(buf_cstr(&root), common) : strdup(common);
        if (wide && !strcmp(wide, "/")) {
            fprintf(stderr, "dossier: the files given lie outside the store's root (%s): their ids are paths "
                            "below the folders given, not renamed to paths below /\n",
                    root.n ? buf_cstr(&root) : "none yet");
            free(common);
            common = NULL;
        }
        free(wide);
        root.n = 0;
    }
    int rc = common ? corpus_widen_root(r->c, common, &root, &prefix, &renamed, err, sizeof err)
                    : corpus_root(r->c, &root, err, sizeof err) < 0 ? -1 : 0;
    if (rc != 0) store_error(r, "cannot settle the store's root folder", err);
    else if (renamed)
        fprintf(stderr, "dossier: ids are now paths below %s: %ld stored ids renamed (ID is now %s/ID)\n",
                buf_cstr(&root), renamed, buf_cstr(&prefix));
    r->store_root = rc == 0 && root.n ? strdup(buf_cstr(&root)) : NULL;
    buf_free(&root);
    buf_free(&prefix);
    free(common);
    return rc;
}

static void print_summary(const ingest_run *r)
{
    double secs = now() - r->t0;
    long long total = corpus_article_count(r->c);
    printf("ingested %ld files into %s: %ld new, %ld updated, %ld duplicates, %ld failed; "
           "%.2f MB in %.2f s (%.1f MB/s); the store holds %lld articles\n",
           r->files, r->db, r->fresh, r->updated, r->dups, r->failed, r->bytes / 1e6, secs,
           secs > 0 ? r->bytes / 1e6 / secs : 0.0, total);
}

/* Splits options from paths; paths are moved to the front of argv.
 * Returns the number of paths, or -1 after a usage error. */
static int parse_args(int argc, char **argv, ingest_run *r, bool *quiet)
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
            r->db = argv[i];
        } else if (opts && !strncmp(a, "--db=", 5)) r->db = a + 5;
        else if (opts && (!strcmp(a, "--jobs") || !strcmp(a, "-j"))) {
            char *end = NULL;
            long n = ++i < argc ? strtol(argv[i], &end, 10) : -1;
            if (n < 0 || n > MAX_JOBS || !end || *end) {
                cli_error("ingest: --jobs needs a number from 0 to %d", MAX_JOBS);
                return -1;
            }
            r->jobs = (int)n;
        } else if (opts && (!strcmp(a, "--quiet") || !strcmp(a, "-q"))) *quiet = true;
        else if (opts && !strcmp(a, "--meta")) {
            char err[600];
            if (++i >= argc) {
                cli_error("ingest: --meta needs a file (CSV or JSON lines)");
                return -1;
            }
            sidecar_free(r->src.sidecar);
            if (!(r->src.sidecar = sidecar_load(argv[i], err, sizeof err))) {
                cli_error("ingest: --meta %s", err);
                return -1;
            }
        } else if (opts && (!strcmp(a, "--outlet") || !strcmp(a, "--published"))) {
            if (++i >= argc || !argv[i][0]) {
                cli_error("ingest: %s needs a value", a);
                return -1;
            }
            *(a[2] == 'o' ? &r->src.meta.outlet : &r->src.meta.published) = argv[i];
        }
        else if (opts && a[0] == '-' && a[1]) {
            cli_error("ingest: unknown option '%s' (see dossier ingest --help)", a);
            return -1;
        } else argv[npaths++] = argv[i];
    }
    return npaths;
}

int cmd_ingest(int argc, char **argv)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    ingest_run r = {.db = cli_default_db(), .jobs = cpus < 1 ? 1 : cpus > 8 ? 8 : (int)cpus};
    bool quiet = false;
    int npaths = parse_args(argc, argv, &r, &quiet);
    if (npaths < 0) {
        sidecar_free(r.src.sidecar);
        return EXIT_USAGE;
    }
    char err[512];
    if (!(r.d = dossier_open(NULL, NULL, err, sizeof err))) {
        cli_error("%s", err);
        return EXIT_INTERNAL;
    }
    int status;
    if (!(r.c = corpus_open(r.db, CORPUS_WRITE, &status, err, sizeof err))) {
        cli_error("%s", err);
        dossier_close(r.d);
        return status == CORPUS_DATA ? EXIT_INTERNAL : EXIT_STORE;
    }
    if (stat(r.db, &r.db_st) != 0) memset(&r.db_st, 0, sizeof r.db_st);
    crash_install("the batches committed before it are kept: move the file named away and run "
                  "ingest again (what is stored already is skipped)");
    r.jobs = jobs_start(r.d, r.jobs);
    r.t0 = now();     /* r.shown 0: the first file is shown at once */
    r.progress = isatty(STDERR_FILENO);
    /* the total for "N/M files, S s left": one more walk of the folders,
     * names only, and only when someone watches */
    if (r.progress && npaths) read_walk((const char *const *)argv, npaths, count_file, &r.total);
    r.src.meta.from = "option";
    r.src.abs_source = true;
    if (settle_root(&r, argv, npaths) != 0) {
        /* nothing stored: the store is as it was */
    } else if (npaths) {
        for (int i = 0; i < npaths && !r.store_broken; i++) {
            if (!strcmp(argv[i], "-")) ingest_container(&r, "-");
            else ingest_path(&r, argv[i]);
        }
    } else ingest_stdin_list(&r);
    jobs_finish(store_job, &r);
    if (!r.store_broken && corpus_finish(r.c, err, sizeof err) != 0) store_error(&r, "cannot commit", err);
    if (r.progress) fputs("\r\033[K", stderr);
    if (!quiet && !r.store_broken) print_summary(&r);
    corpus_close(r.c);
    dossier_close(r.d);
    sidecar_free(r.src.sidecar);
    free(r.store_root);
    return r.store_broken ? EXIT_STORE : r.failed ? EXIT_PARTIAL : EXIT_OK;
}
