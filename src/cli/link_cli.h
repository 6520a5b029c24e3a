/* link_cli.h — what the cross-article commands (report, entities, entity,
 * quotes, conflicts, claims, timeline) share: their options, and opening
 * the store with the link stage on it. */
#ifndef DOSSIER_LINK_CLI_H
#define DOSSIER_LINK_CLI_H

#include <stdbool.h>

#include "corpus/corpus.h"

enum link_opt {
    LO_JSON = 1 << 0,    /* --json */
    LO_TYPE = 1 << 1,    /* --type T */
    LO_BY = 1 << 2,      /* --by NAME */
    LO_ABOUT = 1 << 3,   /* --about WORDS */
    LO_SINCE = 1 << 4,   /* --since DATE */
    LO_LIMIT = 1 << 5,   /* --limit N */
    LO_NAME = 1 << 6,    /* NAME... as the argument (words joined by spaces) */
    LO_UNTIL = 1 << 7,   /* --until DATE */
    LO_OUTLET = 1 << 8,  /* --outlet NAME */
    LO_CSV = 1 << 9,     /* --csv */
};

typedef struct link_opts {
    const char *db;
    bool json, csv;
    const char *type, *by, *about, *since, *until, *outlet;
    int limit;           /* 0: no limit */
    char name[512];
} link_opts;

/* Parses the options `allowed`; 0, or EXIT_USAGE after a one-line error. */
int link_cli_parse(const char *cmd, int argc, char **argv, unsigned allowed, link_opts *o);

/* Opens the corpus for reading; 0, or an exit code after a one-line error. */
int link_cli_open(const link_opts *o, corpus **c);
void link_cli_close(corpus *c);

/* The entity any of whose names is `name`, in *cluster; 0, or an exit code
 * after a one-line error (none such: EXIT_NOTFOUND). */
int link_cli_entity(const char *cmd, const link_opts *o, corpus *c, const char *name, long long *cluster);

#endif
