/* cmd_extract.c — `dossier extract [PATH...]`: one JSON line per article. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/crash.h"
#include "dossier.h"

const char cmd_extract_help[] =
    "usage: dossier extract [PATH...]\n\n"
    "Reads each file (folders recursively, in name order) and prints one JSON\n"
    "object per article on standard output, as ../shared/spec/extract-format.md\n"
    "describes. With no PATH, reads file paths from standard input, one a line.\n"
    "A file that cannot be read (binary, missing) gets a one-line error on\n"
    "standard error; the others are still extracted, and the exit status is 1.\n";

typedef struct extract_ctx {
    dossier *d;
    buf out;
    int failed;
} extract_ctx;

static void extract_one(const char *path, const char *err, void *p)
{
    extract_ctx *c = p;
    char why[512];
    if (err) {
        cli_error("%s: %s", path, err);
        c->failed++;
        return;
    }
    crash_enter(path);
    article *a = dossier_extract_file(c->d, path, why, sizeof why);
    crash_leave();
    if (!a) {
        cli_error("%s: %s", path, why);
        c->failed++;
        return;
    }
    c->out.n = 0;
    dossier_article_json(a, &c->out);
    buf_putc(&c->out, '\n');
    fwrite(c->out.p, 1, c->out.n, stdout);
    article_free(a);
}

int cmd_extract(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
            cli_error("extract: unknown option '%s' (see dossier extract --help)", argv[i]);
            return EXIT_USAGE;
        }
    }
    char err[512];
    extract_ctx c = {0};
    if (!(c.d = dossier_open(NULL, NULL, err, sizeof err))) {
        cli_error("%s", err);
        return EXIT_INTERNAL;
    }
    buf_init(&c.out);
    crash_install("the articles printed before it are complete");
    int first = 1;
    if (first < argc && !strcmp(argv[first], "--")) first++;
    if (first < argc) {
        read_walk((const char *const *)argv + first, argc - first, extract_one, &c);
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
    buf_free(&c.out);
    dossier_close(c.d);
    if (fflush(stdout) != 0) {
        cli_error("extract: cannot write output");
        return EXIT_PARTIAL;
    }
    return c.failed ? EXIT_PARTIAL : EXIT_OK;
}
