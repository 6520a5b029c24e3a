/* link_cli.c — options and store opening shared by the cross-article commands. */
#include "cli/link_cli.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const struct {
    const char *name;
    unsigned bit;
} valued[] = {
    {"--type", LO_TYPE}, {"--by", LO_BY}, {"--about", LO_ABOUT}, {"--since", LO_SINCE}, {"--limit", LO_LIMIT},
    {"-n", LO_LIMIT}, {"--until", LO_UNTIL}, {"--outlet", LO_OUTLET},
};

static void set_value(link_opts *o, unsigned bit, const char *v)
{
    switch (bit) {
    case LO_TYPE: o->type = v; break;
    case LO_BY: o->by = v; break;
    case LO_ABOUT: o->about = v; break;
    case LO_SINCE: o->since = v; break;
    case LO_LIMIT: o->limit = atoi(v); break;
    case LO_UNTIL: o->until = v; break;
    case LO_OUTLET: o->outlet = v; break;
    }
}

/* --opt VALUE or --opt=VALUE; 1 matched, 0 not this option, -1 usage error. */
static int valued_option(const char *cmd, int argc, char **argv, int *i, unsigned allowed, link_opts *o)
{
    for (size_t k = 0; k < sizeof valued / sizeof *valued; k++) {
        size_t n = strlen(valued[k].name);
        const char *a = argv[*i], *v = NULL;
        if (!(allowed & valued[k].bit) || strncmp(a, valued[k].name, n) != 0) continue;
        if (a[n] == '=') v = a + n + 1;
        else if (a[n] == '\0') v = *i + 1 < argc ? argv[++*i] : NULL;
        else continue;
        if (!v || !*v) {
            cli_error("%s: %s needs a value", cmd, valued[k].name);
            return -1;
        }
        if (valued[k].bit == LO_LIMIT && atoi(v) <= 0) {
            cli_error("%s: --limit needs a positive number", cmd);
            return -1;
        }
        set_value(o, valued[k].bit, v);
        return 1;
    }
    return 0;
}

static int add_word(const char *cmd, link_opts *o, const char *w)
{
    size_t have = strlen(o->name), n = strlen(w);
    if (have + n + 2 > sizeof o->name) {
        cli_error("%s: the name is too long", cmd);
        return -1;
    }
    if (have) o->name[have++] = ' ';
    memcpy(o->name + have, w, n + 1);
    return 0;
}

int link_cli_parse(const char *cmd, int argc, char **argv, unsigned allowed, link_opts *o)
{
    memset(o, 0, sizeof *o);
    o->db = cli_default_db();
    bool opts = true;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (opts && !strcmp(a, "--")) {
            opts = false;
            continue;
        }
        if (opts && !strcmp(a, "--csv") && (allowed & LO_CSV)) {
            o->csv = true;
            continue;
        }
        if (opts && !strcmp(a, "--json") && (allowed & LO_JSON)) {
            o->json = true;
            continue;
        }
        if (opts && !strncmp(a, "--db=", 5)) {
            o->db = a + 5;
            continue;
        }
        if (opts && !strcmp(a, "--db")) {
            if (++i >= argc) {
                cli_error("%s: --db needs a file name", cmd);
                return EXIT_USAGE;
            }
            o->db = argv[i];
            continue;
        }
        if (opts && a[0] == '-' && a[1]) {
            int r = valued_option(cmd, argc, argv, &i, allowed, o);
            if (r < 0) return EXIT_USAGE;
            if (r > 0) continue;
            cli_error("%s: unknown option '%s' (see dossier %s --help)", cmd, a, cmd);
            return EXIT_USAGE;
        }
        if (!(allowed & LO_NAME)) {
            cli_error("%s: unexpected argument '%s' (see dossier %s --help)", cmd, a, cmd);
            return EXIT_USAGE;
        }
        if (add_word(cmd, o, a) != 0) return EXIT_USAGE;
    }
    if ((allowed & LO_NAME) && !o->name[0]) {
        cli_error("%s: which name? (dossier %s NAME)", cmd, cmd);
        return EXIT_USAGE;
    }
    return 0;
}

int link_cli_open(const link_opts *o, corpus **c)
{
    char err[512];
    int status;
    if (!(*c = corpus_open(o->db, CORPUS_READ, &status, err, sizeof err))) {
        cli_error("%s", err);
        return status == CORPUS_DATA ? EXIT_INTERNAL : EXIT_STORE;
    }
    return 0;
}

void link_cli_close(corpus *c) { corpus_close(c); }

int link_cli_entity(const char *cmd, const link_opts *o, corpus *c, const char *name, long long *cluster)
{
    char err[512];
    *cluster = corpus_find_entity(c, name, err, sizeof err);
    if (*cluster > 0) return 0;
    if (*cluster < 0) cli_error("%s: %s", cmd, err);
    else cli_error("%s: no entity named '%s' in %s", cmd, name, o->db);
    return *cluster < 0 ? EXIT_STORE : EXIT_NOTFOUND;
}
