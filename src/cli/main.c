/* main.c — `dossier COMMAND ...`: dispatch, help and exit codes. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "dossier.h"

static const command commands[] = {
    {"extract", "print each article as one JSON line", cmd_extract, cmd_extract_help},
    {"ingest", "extract articles into the store (./dossier.db)", cmd_ingest, cmd_ingest_help},
    {"search", "ranked full-text search of the stored articles", cmd_search, cmd_search_help},
    {"show", "one stored article, as text or its JSON", cmd_show, cmd_show_help},
    {"bench", "measure extraction speed and memory on files", cmd_bench, cmd_bench_help},
    {"train-ner", "train the entity tagger's model (make model)", cmd_train_ner, cmd_train_ner_help},
    {"report", "the corpus across articles: entities, events, conflicts, claims", cmd_report, cmd_report_help},
    {"entities", "people, organisations and places across articles", cmd_entities, cmd_entities_help},
    {"entity", "one entity: its names, roles, articles, first and last seen", cmd_entity, cmd_entity_help},
    {"quotes", "who said what, newest first", cmd_quotes, cmd_quotes_help},
    {"conflicts", "figures on which articles disagree", cmd_conflicts, cmd_conflicts_help},
    {"claims", "statements made more than once", cmd_claims, cmd_claims_help},
    {"timeline", "a person's or group's quotes and events in date order", cmd_timeline, cmd_timeline_help},
    {"serve", "the store in a browser and as a JSON API (docs/api.md)", cmd_serve, cmd_serve_help},
};
enum { NCOMMANDS = sizeof commands / sizeof *commands };

/* One line whatever it holds: a file name may contain a newline or a
 * terminal escape, and each is written as \n, \t or \xHH. */
void cli_error(const char *fmt, ...)
{
    char small[1024], *msg = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n >= (int)sizeof small && (msg = malloc((size_t)n + 1))) {
        va_start(ap, fmt);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (!msg) msg = small;   /* out of memory: the message cut short */
    fputs("dossier: ", stderr);
    for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
        if (*p == '\n') fputs("\\n", stderr);
        else if (*p == '\t') fputs("\\t", stderr);
        else if (*p < 0x20 || *p == 0x7f) fprintf(stderr, "\\x%02x", *p);
        else fputc(*p, stderr);
    }
    fputc('\n', stderr);
    if (msg != small) free(msg);
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) return false;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return true;
    }
    return false;
}

const char *cli_default_db(void)
{
    const char *db = getenv("DOSSIER_DB");
    return db && *db ? db : "dossier.db";
}

static int cmp_prefix(const char *a, const char *b)
{
    size_t n = strlen(a) < strlen(b) ? strlen(a) : strlen(b);
    return strncmp(a, b, n);
}

bool cli_date_within(const char *when, const char *since, const char *until)
{
    if (!since && !until) return true;
    if (!when) return false;
    return (!since || cmp_prefix(when, since) >= 0) && (!until || cmp_prefix(when, until) <= 0);
}

void cli_csv_field(FILE *f, const char *s, char sep)
{
    if (s && strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"') fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else if (s) fputs(s, f);
    if (sep) fputc(sep, f);
}

static void usage(FILE *f)
{
    fprintf(f, "dossier %s — read news articles and build a record a reader can check\n\n"
               "usage: dossier [--db FILE] COMMAND [OPTIONS] [ARGS]\n\ncommands:\n", DOSSIER_VERSION);
    for (int i = 0; i < NCOMMANDS; i++) fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n`dossier help COMMAND` (or `dossier COMMAND --help`) describes a command.\n"
               "The store is --db FILE, given before or after the command, else $DOSSIER_DB,\n"
               "else ./dossier.db. The extract format: docs/extract-format.md.\n"
               "Data and models: $DOSSIER_DATA and $DOSSIER_MODELS, else ../data and ../models\n"
               "or ../share/dossier/{data,models} beside the binary, else the build's folders.\n\n"
               "exit status: 0 done; 1 some inputs failed (the rest were done); 2 bad usage;\n"
               "             3 store error; 4 not found; 5 data or model files missing\n");
}

static const command *find_command(const char *name)
{
    for (int i = 0; i < NCOMMANDS; i++)
        if (!strcmp(name, commands[i].name)) return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    /* `dossier --db FILE COMMAND ...`: the store for whichever command runs */
    while (argc > 2 && (!strcmp(argv[1], "--db") || !strncmp(argv[1], "--db=", 5))) {
        const char *db = argv[1][4] == '=' ? argv[1] + 5 : argv[2];
        setenv("DOSSIER_DB", db, 1);
        int used = argv[1][4] == '=' ? 1 : 2;
        argc -= used;
        argv += used;
    }
    if (argc >= 3 && !strcmp(argv[1], "help")) {
        const command *c = find_command(argv[2]);
        if (!c) {
            cli_error("help: unknown command '%s' (see dossier --help)", argv[2]);
            return EXIT_USAGE;
        }
        fputs(c->help, stdout);
        return EXIT_OK;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("dossier %s\n", DOSSIER_VERSION);
        return EXIT_OK;
    }
    for (int i = 0; i < NCOMMANDS; i++) {
        if (strcmp(argv[1], commands[i].name) != 0) continue;
        if (cli_wants_help(argc - 1, argv + 1)) {
            fputs(commands[i].help, stdout);
            return EXIT_OK;
        }
        return commands[i].run(argc - 1, argv + 1);
    }
    cli_error("unknown command '%s' (see dossier --help)", argv[1]);
    return EXIT_USAGE;
}
