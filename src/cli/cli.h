/* cli.h — the command line's commands and what they share. */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes, documented in the README and in `dossier --help`. */
enum {
    EXIT_OK = 0,        /* everything asked for was done */
    EXIT_PARTIAL = 1,   /* some inputs could not be read; the rest were done */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_STORE = 3,     /* the store could not be opened, read or written */
    EXIT_NOTFOUND = 4,  /* show: no such article */
    EXIT_INTERNAL = 5,  /* data files or models missing or unreadable */
};

typedef struct command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    const char *help;
} command;

int cmd_extract(int argc, char **argv);
extern const char cmd_extract_help[];
int cmd_train_ner(int argc, char **argv);
extern const char cmd_train_ner_help[];
int cmd_bench(int argc, char **argv);
extern const char cmd_bench_help[];

int cmd_ingest(int argc, char **argv);
extern const char cmd_ingest_help[];
int cmd_search(int argc, char **argv);
extern const char cmd_search_help[];
int cmd_show(int argc, char **argv);
extern const char cmd_show_help[];

/* Across articles (src/link): cmd_report.c, cmd_entities.c, cmd_quotes.c,
 * cmd_conflicts.c, cmd_claims.c, cmd_timeline.c. */
int cmd_report(int argc, char **argv);
extern const char cmd_report_help[];
int cmd_entities(int argc, char **argv);
extern const char cmd_entities_help[];
int cmd_entity(int argc, char **argv);
extern const char cmd_entity_help[];
int cmd_quotes(int argc, char **argv);
extern const char cmd_quotes_help[];
int cmd_conflicts(int argc, char **argv);
extern const char cmd_conflicts_help[];
int cmd_claims(int argc, char **argv);
extern const char cmd_claims_help[];
int cmd_timeline(int argc, char **argv);
extern const char cmd_timeline_help[];

/* The server (src/serve): cmd_serve.c. */
int cmd_serve(int argc, char **argv);
extern const char cmd_serve_help[];

/* The store a command uses when --db is not given: $DOSSIER_DB (which
 * `dossier --db FILE COMMAND` sets), else ./dossier.db. */
const char *cli_default_db(void);

/* True when date (YYYY[-MM[-DD]], or NULL: undated) may fall within since
 * and until (either NULL: open), compared at the coarser of the two
 * precisions: an article dated 2014 is within --until 2014-06. */
bool cli_date_within(const char *when, const char *since, const char *until);

/* Writes s (NULL: empty) as one CSV field (RFC 4180: quoted when it holds a
 * comma, quote or line break; quotes doubled), then sep (',', '\n', or
 * '\0' for none). */
void cli_csv_field(FILE *f, const char *s, char sep);

/* One-line error to stderr, prefixed "dossier: ". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* True when argv[i] is -h or --help. */
bool cli_wants_help(int argc, char **argv);

#endif
