/* cmd_show.c — `dossier show ID [--json]`: one stored article. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "corpus/corpus.h"

const char cmd_show_help[] =
    "usage: dossier show ID [--json] [--db FILE]\n\n"
    "Prints the stored article ID (as `search` lists it): its title, date,\n"
    "outlet, dateline, source file, then the cleaned text. With --json, prints\n"
    "exactly the object `dossier extract` gave for it (docs/extract-format.md), on\n"
    "one line.\n\n"
    "  --json      the extract-format JSON object\n"
    "  --db FILE   the store (default ./dossier.db)\n\n"
    "exit status: 0 shown; 2 bad usage; 3 the store could not be read;\n"
    "4 no article with that id.\n";

static int print_json(const query_article_row *r, void *ctx)
{
    fwrite(r->json, 1, r->json_len, stdout);
    putchar('\n');
    return 0;
}

static void field(const char *name, const char *value)
{
    if (value) printf("%-10s %s\n", name, value);
}

/* removed_json is "[]" when nothing was removed. */
static int removed_lines(const char *removed_json)
{
    int n = 0;
    bool in_str = false;
    for (const char *p = removed_json; p && *p; p++) {
        if (*p == '\\' && in_str && p[1]) p++;
        else if (*p == '"') n += !(in_str = !in_str);
    }
    return n;
}

static int print_text(const query_article_row *r, void *ctx)
{
    field("id", r->id);
    field("title", r->title);
    field("published", r->published);
    field("outlet", r->outlet);
    field("dateline", r->dateline);
    field("source", r->source);
    field("ingested", r->ingested_at);
    printf("%-10s %lld sentences, %zu bytes of text, %d lines removed (see --json)\n\n", "size",
           (long long)r->sentences, r->text_len, removed_lines(r->removed_json));
    fwrite(r->text, 1, r->text_len, stdout);
    if (r->text_len && r->text[r->text_len - 1] != '\n') putchar('\n');
    return 0;
}

int cmd_show(int argc, char **argv)
{
    const char *db = cli_default_db(), *id = NULL;
    bool json = false, opts = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (opts && !strcmp(a, "--")) opts = false;
        else if (opts && !strcmp(a, "--json")) json = true;
        else if (opts && !strncmp(a, "--db=", 5)) db = a + 5;
        else if (opts && !strcmp(a, "--db")) {
            if (++i >= argc) {
                cli_error("show: --db needs a file name");
                return EXIT_USAGE;
            }
            db = argv[i];
        } else if (opts && a[0] == '-' && a[1]) {
            cli_error("show: unknown option '%s' (see dossier show --help)", a);
            return EXIT_USAGE;
        } else if (id) {
            cli_error("show: one article id at a time ('%s' and '%s')", id, a);
            return EXIT_USAGE;
        } else id = a;
    }
    if (!id) {
        cli_error("show: which article? (dossier show ID; ids are in search results)");
        return EXIT_USAGE;
    }
    char err[512];
    int status;
    corpus *s = corpus_open(db, CORPUS_READ, &status, err, sizeof err);
    if (!s) {
        cli_error("%s", err);
        return status == CORPUS_DATA ? EXIT_INTERNAL : EXIT_STORE;
    }
    int rc = corpus_article(s, id, json ? print_json : print_text, NULL, err, sizeof err);
    corpus_close(s);
    if (rc != QUERY_OK) cli_error("show: %s", err);
    if (rc == QUERY_NOT_FOUND) return EXIT_NOTFOUND;
    if (rc != QUERY_OK) return EXIT_STORE;
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
