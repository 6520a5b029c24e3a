/* cmd_claims.c — `dossier claims [--by NAME] [--json | --csv]`: statements made more
 * than once, by several speakers or one speaker over the years. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/link_cli.h"
#include "core/json.h"

const char cmd_claims_help[] =
    "usage: dossier claims [--by NAME] [--limit N] [--json | --csv] [--db FILE]\n\n"
    "Lists claims: the same statement made in two or more articles, by\n"
    "different speakers or by one speaker over the years, grouped by the\n"
    "content words the statements share. Each claim has a short label (its\n"
    "most typical statement) and its statements with article, date and\n"
    "speaker, oldest first. The most repeated claims come first.\n\n"
    "  --by NAME   only claims with a statement by NAME (any of its names)\n"
    "  --limit N   the first N claims only (-n N)\n"
    "  --json      one JSON object a line: summary, articles, quotes\n"
    "              [{doc, speaker, published, outlet, text, carried_by}]\n"
    "  --csv       CSV with a header row, one row per statement: claim (1 for\n"
    "              the first listed), summary, doc, speaker, published, outlet,\n"
    "              text, carried_by (other articles, separated by \"; \")\n"
    "  --db FILE   the store (default ./dossier.db)\n\n"
    "exit status: 0 listed (also when there are none); 2 bad usage; 3 the\n"
    "store could not be read; 4 --by names no entity.\n";

typedef struct ctx {
    bool json, csv;
    int limit;
    long shown;
} ctx;

static void print_json(const claim_info *c)
{
    buf b;
    buf_init(&b);
    link_claim_json(c, &b, NULL, NULL);
    puts(buf_cstr(&b));
    buf_free(&b);
}

static void print_csv(const claim_info *c, long n)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", n);
    buf carried;
    buf_init(&carried);
    for (size_t i = 0; i < c->nstatements; i++) {
        const claim_statement *s = &c->statements[i];
        carried.n = 0;
        for (size_t k = 0; k < s->ncarried; k++) {
            if (k) buf_puts(&carried, "; ");
            buf_puts(&carried, s->carried_by[k]);
        }
        const char *f[] = {num, c->summary, s->doc, s->speaker, s->published, s->outlet, s->text, buf_cstr(&carried)};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++) cli_csv_field(stdout, f[k], k + 1 < sizeof f / sizeof *f ? ',' : '\n');
    }
    buf_free(&carried);
}

static int each_claim(const claim_info *c, void *p)
{
    ctx *x = p;
    if (x->limit && x->shown >= x->limit) return 1;
    x->shown++;
    if (x->csv) {
        print_csv(c, x->shown);
        return 0;
    }
    if (x->json) {
        print_json(c);
        return 0;
    }
    printf("%s\"%s\" — %zu statements in %ld articles\n", x->shown > 1 ? "\n" : "", c->summary, c->nstatements,
           c->articles);
    for (size_t i = 0; i < c->nstatements; i++) {
        const claim_statement *s = &c->statements[i];
        printf("  %-10s %-24s %s: \"%s\"\n", s->published ? s->published : "?", s->doc,
               s->speaker ? s->speaker : "(speaker unknown)", s->text);
        if (s->ncarried) {
            printf("  %-10s also printed in", "");
            for (size_t k = 0; k < s->ncarried; k++) printf("%s %s", k ? "," : "", s->carried_by[k]);
            putchar('\n');
        }
    }
    return 0;
}

int cmd_claims(int argc, char **argv)
{
    link_opts o;
    int rc = link_cli_parse("claims", argc, argv, LO_JSON | LO_CSV | LO_BY | LO_LIMIT, &o);
    if (rc) return rc;
    corpus *c;
    if ((rc = link_cli_open(&o, &c)) != 0) return rc;
    char err[512];
    long long by = 0;
    if (o.by && (rc = link_cli_entity("claims", &o, c, o.by, &by)) != 0) {
        link_cli_close(c);
        return rc;
    }
    ctx x = {o.json, o.csv, o.limit, 0};
    if (o.csv) fputs("claim,summary,doc,speaker,published,outlet,text,carried_by\n", stdout);
    rc = corpus_claims(c, by, each_claim, &x, err, sizeof err);
    link_cli_close(c);
    if (rc < 0) {
        cli_error("claims: %s", err);
        return EXIT_STORE;
    }
    if (!x.shown && !o.json && !o.csv) printf("no claim made in more than one article%s\n", o.by ? " by that entity" : "");
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
