/* cmd_bench.c — `dossier bench PATH...`: extraction throughput and memory, in process.
 *
 * The files are read into memory before the clock starts, so the figures are
 * the library's own work (read bytes → UTF-8, clean, the nlp steps asked for)
 * on one core, not the disk's. With --stream the files are instead read one at
 * a time while timing, as `ingest` does: its peak RSS is the figure that must
 * not grow with the corpus (bench/run.sh compares a quarter of the corpus with
 * all of it). Figures only: the command never judges them. */
/* glibc's <time.h> under _GNU_SOURCE declares a `struct timex` (adjtimex) that
 * collides with article.h's; plain POSIX is all this file needs. */
#undef _GNU_SOURCE
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "dossier.h"
#include "nlp/nlp.h"

const char cmd_bench_help[] =
    "usage: dossier bench [--steps LIST] [--repeat N] [--limit N] [--stream] [--json] PATH...\n\n"
    "Measures extraction on one core: MB/s (10^6 bytes of input), articles/s and\n"
    "peak resident memory. Rates are per second of CPU time, so that other work\n"
    "on a shared machine does not count; wall-clock MB/s is shown beside them.\n"
    "Files (folders recursively, in name order) are read\n"
    "into memory first, so disk reads are not timed; then each pass runs read\n"
    "(bytes to UTF-8) + clean + the nlp steps named, article by article.\n\n"
    "  --steps LIST  comma-separated passes, each timed on its own (default\n"
    "                clean,sentences,all):\n"
    "                  clean      read + clean only\n"
    "                  sentences  + tokens and sentences\n"
    "                  entities   + entities\n"
    "                  times, figures, quotes\n"
    "                             + entities and that one step (to find\n"
    "                             which step costs what)\n"
    "                  all        the full pipeline (entities, times, figures,\n"
    "                             quotes, events)\n"
    "  --repeat N    run each pass N times over the files (default 1); MB/s and\n"
    "                articles/s are the fastest time's, the mean beside them\n"
    "  --limit N     only the first N files\n"
    "  --stream      read each file from disk inside the timed loop and keep\n"
    "                none in memory: peak RSS then shows what a streaming run\n"
    "                (ingest) needs, whatever the corpus size\n"
    "  --json        one JSON object per pass instead of the table\n\n"
    "Files that cannot be read or are refused (binary) are counted, not timed.\n";

typedef struct corpus {
    char **paths;
    char **bytes;        /* NULL in --stream mode */
    size_t *lens;
    size_t n, cap, total;
    size_t limit;        /* 0: no limit */
    size_t unreadable;
    bool stream;
} corpus;

typedef struct pass {
    const char *name;
    unsigned steps;      /* enum nlp_steps; 0 = read + clean only */
} pass;

typedef struct result {
    double seconds, cpu_seconds;
    double best_cpu_seconds;   /* the fastest repeat's */
    size_t bytes, articles, refused;
    long peak_rss_kb;
} result;

static const pass known_passes[] = {
    {"clean", 0},
    {"sentences", NLP_SENTENCES},
    {"entities", NLP_SENTENCES | NLP_ENTITIES},
    {"times", NLP_SENTENCES | NLP_ENTITIES | NLP_TIMES},
    {"figures", NLP_SENTENCES | NLP_ENTITIES | NLP_FIGURES},
    {"quotes", NLP_SENTENCES | NLP_ENTITIES | NLP_QUOTES},
    {"all", NLP_ALL},
};

static double now(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

static long current_rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (!f) return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* The whole file into a malloc'd buffer; NULL when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > READ_MAX_BYTES) {
        close(fd);
        return NULL;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *p = malloc(cap);
    while (p && n < cap - 1) {
        ssize_t r = read(fd, p + n, cap - 1 - n);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        n += (size_t)r;
    }
    close(fd);
    *len = n;
    return p;
}

static void corpus_add(const char *path, const char *err, void *ctx)
{
    corpus *c = ctx;
    if (err || (c->limit && c->n >= c->limit)) {
        c->unreadable += err != NULL;
        return;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->paths = realloc(c->paths, c->cap * sizeof *c->paths);
        c->bytes = realloc(c->bytes, c->cap * sizeof *c->bytes);
        c->lens = realloc(c->lens, c->cap * sizeof *c->lens);
        if (!c->paths || !c->bytes || !c->lens) abort();
    }
    size_t len = 0;
    char *bytes = NULL;
    struct stat st;
    if (c->stream ? stat(path, &st) != 0 : !(bytes = slurp(path, &len))) {
        c->unreadable++;
        return;
    }
    if (c->stream) len = (size_t)st.st_size;
    c->paths[c->n] = strdup(path);
    c->bytes[c->n] = bytes;
    c->lens[c->n] = len;
    c->total += len;
    c->n++;
}

static void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->paths[i]);
        free(c->bytes[i]);
    }
    free(c->paths);
    free(c->bytes);
    free(c->lens);
}

/* One article through the pipeline; false when read refuses its bytes. */
static bool extract_one(const dossier *d, const char *path, const char *bytes, size_t len,
                        size_t *counted)
{
    char err[256];
    input in;
    int rc;
    if (bytes) {
        rc = read_bytes(bytes, len, &in, err, sizeof err);
        *counted += len;
    } else {
        rc = read_file(path, &in, err, sizeof err);
        struct stat st;
        if (stat(path, &st) == 0) *counted += (size_t)st.st_size;
    }
    if (rc != 0) return false;
    article *a = dossier_extract(d, &in, "bench", path);
    article_free(a);
    input_free(&in);
    return true;
}

static result run_pass(dossier *d, const corpus *c, const pass *p, int repeat)
{
    result r = {0};
    dossier_set_steps(d, p->steps);
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (int k = 0; k < repeat; k++) {
        double ck = now(CLOCK_PROCESS_CPUTIME_ID);
        for (size_t i = 0; i < c->n; i++) {
            if (extract_one(d, c->paths[i], c->bytes[i], c->lens[i], &r.bytes)) r.articles++;
            else if (k == 0) r.refused++;
        }
        ck = now(CLOCK_PROCESS_CPUTIME_ID) - ck;
        if (k == 0 || ck < r.best_cpu_seconds) r.best_cpu_seconds = ck;
    }
    r.seconds = now(CLOCK_MONOTONIC) - t0;
    r.cpu_seconds = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    r.peak_rss_kb = peak_rss_kb();
    return r;
}

static void print_table_head(const corpus *c, int repeat, long loaded_kb)
{
    printf("dossier bench: %zu files, %.1f MB%s, repeat %d, one core\n", c->n,
           (double)c->total / 1e6, c->stream ? " (streamed from disk)" : " (in memory)", repeat);
    if (c->unreadable) printf("  %zu paths could not be read and were left out\n", c->unreadable);
    if (!c->stream) printf("  RSS with the files loaded: %.1f MB\n", (double)loaded_kb / 1024);
    printf("%-10s %9s %9s %11s %9s %8s %8s %12s %8s\n", "pass", "MB/s", "mean MB/s", "articles/s",
           "wall MB/s", "cpu s", "wall s", "peak RSS MB", "refused");
}

static double per_second(double amount, double seconds) { return seconds > 0 ? amount / seconds : 0; }

/* Rates are per second of this process's CPU time: on a shared machine the
 * wall clock also counts the time other processes held the core. MB/s and
 * articles/s are the fastest repeat's: a virtual machine's neighbours slow
 * some repeats (by up to a third, seen here), never speed one up; the mean
 * over all repeats is shown beside it. */
static void print_result(const pass *p, const result *r, bool json, const corpus *c, long loaded_kb, int repeat)
{
    double mb = (double)r->bytes / 1e6, mb_one = mb / repeat, mean = per_second(mb, r->cpu_seconds);
    double mbs = per_second(mb_one, r->best_cpu_seconds), wall = per_second(mb, r->seconds);
    double aps = per_second((double)r->articles / repeat, r->best_cpu_seconds);
    if (json) {
        printf("{\"pass\":\"%s\",\"files\":%zu,\"bytes\":%zu,\"articles\":%zu,\"refused\":%zu,"
               "\"seconds\":%.4f,\"cpu_seconds\":%.4f,\"mb_per_s\":%.2f,\"mb_per_s_mean\":%.2f,"
               "\"mb_per_s_wall\":%.2f,\"articles_per_s\":%.1f,\"peak_rss_kb\":%ld,\"loaded_rss_kb\":%ld,"
               "\"stream\":%s}\n",
               p->name, c->n, r->bytes, r->articles, r->refused, r->seconds, r->cpu_seconds, mbs, mean, wall,
               aps, r->peak_rss_kb, loaded_kb, c->stream ? "true" : "false");
    } else {
        printf("%-10s %9.1f %9.1f %11.0f %9.1f %8.2f %8.2f %12.1f %8zu\n", p->name, mbs, mean, aps, wall,
               r->cpu_seconds, r->seconds, (double)r->peak_rss_kb / 1024, r->refused);
    }
    fflush(stdout);
}

/* Parses "clean,sentences,all" into passes; false on an unknown name. */
static bool parse_steps(const char *list, pass *out, int *n)
{
    char tmp[256];
    snprintf(tmp, sizeof tmp, "%s", list);
    *n = 0;
    for (char *save = NULL, *w = strtok_r(tmp, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
        int found = -1;
        for (int i = 0; i < (int)(sizeof known_passes / sizeof *known_passes); i++)
            if (!strcmp(w, known_passes[i].name)) found = i;
        if (found < 0 || *n >= 8) {
            cli_error("bench: unknown step '%s' (clean, sentences, entities, times, figures, "
                      "quotes, all)", w);
            return false;
        }
        out[(*n)++] = known_passes[found];
    }
    return *n > 0;
}

static bool parse_count(const char *opt, const char *arg, long *out)
{
    char *end;
    long v = arg ? strtol(arg, &end, 10) : 0;
    if (!arg || *end || v < 1) {
        cli_error("bench: %s needs a positive number", opt);
        return false;
    }
    *out = v;
    return true;
}

int cmd_bench(int argc, char **argv)
{
    pass passes[8];
    int npasses = 0;
    long repeat = 1, limit = 0;
    bool json = false;
    corpus c = {0};
    if (!parse_steps("clean,sentences,all", passes, &npasses)) return EXIT_USAGE;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--")) { i++; break; }
        if (!strcmp(a, "--json")) json = true;
        else if (!strcmp(a, "--stream")) c.stream = true;
        else if (!strcmp(a, "--steps")) {
            if (!next || !parse_steps(next, passes, &npasses)) return EXIT_USAGE;
            i++;
        } else if (!strcmp(a, "--repeat")) {
            if (!parse_count(a, next, &repeat)) return EXIT_USAGE;
            i++;
        } else if (!strcmp(a, "--limit")) {
            if (!parse_count(a, next, &limit)) return EXIT_USAGE;
            i++;
        } else {
            cli_error("bench: unknown option '%s' (see dossier bench --help)", a);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        cli_error("bench: no PATH given (see dossier bench --help)");
        return EXIT_USAGE;
    }
    char err[512];
    dossier *d = dossier_open(NULL, NULL, err, sizeof err);
    if (!d) {
        cli_error("%s", err);
        return EXIT_INTERNAL;
    }
    c.limit = (size_t)limit;
    read_walk((const char *const *)argv + i, argc - i, corpus_add, &c);
    int rc = EXIT_OK;
    if (!c.n) {
        cli_error("bench: no readable files under the paths given");
        rc = EXIT_PARTIAL;
    } else {
        long loaded_kb = current_rss_kb();
        if (!json) print_table_head(&c, (int)repeat, loaded_kb);
        for (int p = 0; p < npasses; p++) {
            result r = run_pass(d, &c, &passes[p], (int)repeat);
            print_result(&passes[p], &r, json, &c, loaded_kb, (int)repeat);
        }
    }
    corpus_free(&c);
    dossier_close(d);
    return rc;
}
