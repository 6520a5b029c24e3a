/* cmd_extract.c — `dossier extract [PATH...]`: one JSON line per article. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/roots.h"
#include "cli/crash.h"
#include "cli/jobs.h"
#include "cli/sidecar.h"
#include "core/path.h"
#include "dossier.h"

const char cmd_extract_help[] =
    "usage: dossier extract [PATH...] [--outlet NAME] [--published DATE] [--meta FILE]\n\n"
    "Reads each file (folders recursively, in name order) and prints one JSON\n"
    "object per article on standard output, as docs/extract-format.md\n"
    "describes. With no PATH, reads file paths from standard input, one a line;\n"
    "the path - reads one article (or one archive) from standard input.\n\n"
    "Compressed files (.gz, .bz2, .xz, .zst), archives (.tar, .tar.gz, .zip)\n"
    "and web archives (.warc, .warc.gz) are opened: each archive member, and\n"
    "each WARC response record holding a page, is one article. A WARC record\n"
    "gives the article its url, its outlet (the URL's site) and, when the text\n"
    "has no date, its capture date as the publication date.\n\n"
    "An article's id is its file's path, without its extension, below the\n"
    "nearest folder holding every PATH given (business/001 for\n"
    "bbc/business/001.txt given `bbc`; a file given alone, its name); an\n"
    "archive member's path below its archive's id (news.tar.gz's\n"
    "world/001.txt is news/world/001), a web page's URL.\n\n"
    "  --outlet NAME     the outlet of articles whose text names none\n"
    "  --published DATE  the publication date of articles whose text has none\n"
    "                    (2014-12-16, or any date the extractor reads)\n"
    "  --meta FILE       a CSV (header row) or JSON lines file, one row per file:\n"
    "                    path or id, and any of url, outlet, published, title\n"
    "                    (see dossier ingest --help); wins over the two above\n"
    "  -j, --jobs N      extract on N threads (default 1); the output is the same,\n"
    "                    in the same order\n\n"
    "What the text says wins where it says it; a field taken from elsewhere is\n"
    "named in the article's \"from\" object (\"option\", \"sidecar\", \"url\",\n"
    "\"capture\").\n\n"
    "A file or member that cannot be read (binary, missing, corrupt) gets a\n"
    "one-line error on standard error; the others are still extracted, and the\n"
    "exit status is 1.\n";

typedef struct extract_ctx {
    dossier *d;
    buf out;
    int failed;
    article_meta meta;     /* --outlet, --published */
    sidecar *sidecar;      /* --meta FILE, or NULL */
    const char *root;      /* the PATH being walked: ids are relative to it */
    int jobs;              /* -j N: extraction threads (jobs.c) when 2 or more */
    bool pooled;           /* the threads run: files go to jobs_submit */
    const char *prefix;    /* its folder below the run's root (cli/roots.h), or NULL */
} extract_ctx;

/* The source of ids and metadata for jobs.c. */
static job_source job_src(const extract_ctx *c)
{
    return (job_source){.root = c->root, .prefix = c->prefix, .meta = c->meta, .sidecar = c->sidecar};
}

/* A job done on an extraction thread, in input order: its JSON line, or
 * its error. */
static void print_job(job *j, void *p)
{
    extract_ctx *c = p;
    if (!j->a) {
        cli_error("%s: %s", j->path, j->walk_err ? j->walk_err : j->err);
        c->failed++;
        return;
    }
    buf_putc(&j->json, '\n');
    fwrite(j->json.p, 1, j->json.n, stdout);
}

/* The JSON goes out as it is written (c->out writes behind to stdout): one
 * article's JSON is three times its text, and need not be held whole. */
static void print_article(extract_ctx *c, article *a)
{
    dossier_article_json(a, &c->out);
    buf_putc(&c->out, '\n');
    buf_flush(&c->out);
    article_free(a);
}

/* "archive.tar.gz:folder/a.html": where a member came from (malloc'd;
 * NULL for a compressed file's content, whose source is the file). */
static char *member_source(const char *container, const read_member *m)
{
    if (!m->name) return NULL;
    size_t n = strlen(container) + strlen(m->name) + 2;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s:%s", container, m->name);
    return s;
}

static void extract_member(const char *container, const read_member *m, const char *err, void *p)
{
    extract_ctx *c = p;
    const char *name = m->name ? m->name : container;
    input in;
    char why[512];
    if (err) {
        if (!strcmp(name, container)) cli_error("%s: %s", container, err);
        else cli_error("%s: %s: %s", container, name, err);
        c->failed++;
        return;
    }
    if (c->pooled) {
        job_source src = job_src(c);
        jobs_submit(&src, container, NULL, m, print_job, c);
        return;
    }
    if (read_bytes(m->bytes, m->len, &in, why, sizeof why) != 0) {
        cli_error("%s: %s: %s", container, name, why);
        c->failed++;
        return;
    }
    article_meta meta = c->meta;
    bool rooted;
    char *file_id = root_member_id(c->root, c->prefix, container, m, &rooted);
    if (!file_id) abort();   /* out of memory */
    const char *id = file_id;
    if (c->sidecar) sidecar_find(c->sidecar, container, m->name, id, &meta);
    if (m->url) meta.url = m->url;
    meta.captured = m->date;
    char *source = member_source(container, m);
    crash_enter(source ? source : name);
    article *a = dossier_extract_meta(c->d, &in, id, source ? source : name, &meta);
    free(source);
    crash_leave();
    free(file_id);
    input_free(&in);
    print_article(c, a);
}

static void extract_container(extract_ctx *c, const char *path)
{
    char why[512];
    if (read_container(path, extract_member, c, why, sizeof why) < 0) {
        cli_error("%s: %s", strcmp(path, "-") ? path : "(standard input)", why);
        c->failed++;
    }
}

static void extract_one(const char *path, const char *err, void *p)
{
    extract_ctx *c = p;
    char why[512];
    if (err) {
        cli_error("%s: %s", path, err);
        c->failed++;
        return;
    }
    if (read_path_is_container(path)) {
        extract_container(c, path);
        return;
    }
    if (c->pooled) {
        job_source src = job_src(c);
        jobs_submit(&src, path, NULL, NULL, print_job, c);
        return;
    }
    input in;
    crash_enter(path);
    if (read_file(path, &in, why, sizeof why) != 0) {
        crash_leave();
        cli_error("%s: %s", path, why);
        c->failed++;
        return;
    }
    article *tmp = article_new();
    char *rooted = c->root ? root_join(c->prefix, dossier_id_from_root(tmp, c->root, path)) : NULL;
    const char *id = rooted ? rooted : dossier_id_from_path(tmp, path);
    article_meta meta = c->meta;
    if (c->sidecar) sidecar_find(c->sidecar, path, NULL, id, &meta);
    article *a = dossier_extract_meta(c->d, &in, id, path, &meta);
    crash_leave();
    article_free(tmp);
    free(rooted);
    input_free(&in);
    print_article(c, a);
}

/* Each path in turn: - is standard input, the others are walked, their
 * ids paths below the nearest folder holding them all (roots.h). */
static void extract_paths(extract_ctx *c, char **paths, int n)
{
    char **dirs = calloc((size_t)n + 1, sizeof *dirs), *common = NULL;
    if (!dirs) abort();
    for (int i = 0; i < n; i++) {
        if (!strcmp(paths[i], "-") || !(dirs[i] = root_dir_of(paths[i]))) continue;
        char *r = path_common(common, dirs[i]);
        free(common);
        common = r;
    }
    for (int i = 0; i < n; i++) {
        if (!strcmp(paths[i], "-")) extract_container(c, "-");
        else {
            c->root = paths[i];
            c->prefix = dirs[i] && common ? path_below(common, dirs[i]) : NULL;
            read_walk((const char *const *)paths + i, 1, extract_one, c);
            c->root = c->prefix = NULL;
        }
        free(dirs[i]);
    }
    free(dirs);
    free(common);
}

/* Moves the paths to the front of argv and fills c->meta from the options;
 * the number of paths, or -1 after a usage error. */
static int parse_args(int argc, char **argv, extract_ctx *c)
{
    int n = 0;
    bool opts = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = !opts ? NULL : !strcmp(a, "--outlet") ? &c->meta.outlet
                                         : !strcmp(a, "--published") ? &c->meta.published : NULL;
        if (opts && !strcmp(a, "--")) opts = false;
        else if (opts && (!strcmp(a, "--jobs") || !strcmp(a, "-j"))) {
            char *end;
            long k = ++i < argc ? strtol(argv[i], &end, 10) : 0;
            if (i >= argc || !argv[i][0] || *end || k < 1 || k > 64) {
                cli_error("extract: --jobs needs a number from 1 to 64");
                return -1;
            }
            c->jobs = (int)k;
        }
        else if (opts && !strcmp(a, "--meta")) {
            char err[600];
            if (++i >= argc) {
                cli_error("extract: --meta needs a file (CSV or JSON lines)");
                return -1;
            }
            sidecar_free(c->sidecar);
            if (!(c->sidecar = sidecar_load(argv[i], err, sizeof err))) {
                cli_error("extract: --meta %s", err);
                return -1;
            }
        } else if (slot) {
            if (++i >= argc || !argv[i][0]) {
                cli_error("extract: %s needs a value", a);
                return -1;
            }
            *slot = argv[i];
        } else if (opts && a[0] == '-' && a[1]) {
            cli_error("extract: unknown option '%s' (see dossier extract --help)", a);
            return -1;
        } else argv[n++] = argv[i];
    }
    return n;
}

int cmd_extract(int argc, char **argv)
{
    char err[512];
    extract_ctx c = {0};
    c.meta.from = "option";
    int npaths = parse_args(argc, argv, &c);
    if (npaths < 0) {
        sidecar_free(c.sidecar);
        return EXIT_USAGE;
    }
    if (!(c.d = dossier_open(NULL, NULL, err, sizeof err))) {
        cli_error("%s", err);
        return EXIT_INTERNAL;
    }
    buf_init(&c.out);
    buf_set_sink(&c.out, stdout);
    crash_install("the articles printed before it are complete");
    c.pooled = c.jobs > 1 && jobs_start(c.d, c.jobs) > 0;
    if (npaths) {
        extract_paths(&c, argv, npaths);
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t n;
        while ((n = getline(&line, &cap, stdin)) > 0) {
            while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
            if (!n) continue;
            const char *p = line;
            read_walk(&p, 1, extract_one, &c);
        }
        free(line);
    }
    if (c.pooled) jobs_finish(print_job, &c);
    buf_free(&c.out);
    dossier_close(c.d);
    sidecar_free(c.sidecar);
    if (fflush(stdout) != 0) {
        cli_error("extract: cannot write output");
        return EXIT_PARTIAL;
    }
    return c.failed ? EXIT_PARTIAL : EXIT_OK;
}
