/* cmd_report.c — `dossier report [--json]`: the whole corpus at a glance. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/link_cli.h"

const char cmd_report_help[] =
    "usage: dossier report [--json] [--db FILE]\n\n"
    "Describes the whole store across articles: the entities with every name\n"
    "they go by, events merged from several articles with each article's\n"
    "figures and where the articles disagree, and claims made more than once.\n"
    "Without --json, a short summary; with --json, one JSON object as in\n"
    "docs/extract-format.md (\"Across articles\"): entities (entity, type, aliases,\n"
    "articles), events (type, place, date, docs, figures, conflicts) and\n"
    "claims (summary, quotes).\n\n"
    "  --json      the report as JSON\n"
    "  --db FILE   the store (default ./dossier.db)\n\n"
    "exit status: 0 printed; 2 bad usage; 3 the store could not be read;\n"
    "5 data files missing.\n";

int cmd_report(int argc, char **argv)
{
    link_opts o;
    int rc = link_cli_parse("report", argc, argv, LO_JSON, &o);
    if (rc) return rc;
    corpus *c;
    if ((rc = link_cli_open(&o, &c)) != 0) return rc;
    buf out;
    buf_init(&out);
    char err[512];
    rc = o.json ? corpus_report_json(c, &out, err, sizeof err) : corpus_report_text(c, &out, err, sizeof err);
    link_cli_close(c);
    if (rc != 0) {
        buf_free(&out);
        cli_error("report: %s", err);
        return EXIT_STORE;
    }
    fwrite(out.p, 1, out.n, stdout);
    if (o.json) putchar('\n');
    buf_free(&out);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
