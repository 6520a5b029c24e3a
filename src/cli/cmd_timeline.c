/* cmd_timeline.c — `dossier timeline NAME`: a person's or group's quotes
 * and the events they took part in, in date order. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/link_cli.h"
#include "core/json.h"

const char cmd_timeline_help[] =
    "usage: dossier timeline NAME [--since DATE] [--until DATE] [--limit N]\n"
    "                        [--json | --csv] [--db FILE]\n\n"
    "Shows what NAME (a person, group or place, by any of its names) said and\n"
    "the events it took part in as perpetrator, or that happened in it, in\n"
    "date order (undated last), each with the article it came from.\n\n"
    "  --since DATE, --until DATE  only what is dated within (2014, 2014-12,\n"
    "              2014-12-16); undated items are then left out\n"
    "  --limit N, -n N  the first N only\n"
    "  --json      one JSON object a line: date, what (said, or the event\n"
    "              type), text, doc\n"
    "  --csv       the same fields as CSV, with a header row\n"
    "  --db FILE   the store (default ./dossier.db)\n\n"
    "exit status: 0 shown; 2 bad usage; 3 the store could not be read;\n"
    "4 no such entity.\n";

typedef struct tl_ctx { const link_opts *o; int shown; } tl_ctx;

static int print_item(const timeline_item *t, void *ctx)
{
    tl_ctx *c = ctx;
    bool json = c->o->json;
    if (!cli_date_within(t->date, c->o->since, c->o->until)) return 0;
    if (c->o->limit && c->shown >= c->o->limit) return 0;
    c->shown++;
    if (c->o->csv) {
        const char *f[] = {t->date, t->what, t->text, t->doc};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++) cli_csv_field(stdout, f[k], k + 1 < sizeof f / sizeof *f ? ',' : '\n');
        return 0;
    }
    if (!json) {
        printf("%-10s  %-10s %s\n            %s\n", t->date ? t->date : "(undated)", t->what, t->doc, t->text);
        return 0;
    }
    buf b;
    buf_init(&b);
    buf_putc(&b, '{');
    json_key(&b, "date");
    json_cstr(&b, t->date);
    buf_putc(&b, ',');
    json_key(&b, "what");
    json_cstr(&b, t->what);
    buf_putc(&b, ',');
    json_key(&b, "text");
    json_cstr(&b, t->text);
    buf_putc(&b, ',');
    json_key(&b, "doc");
    json_cstr(&b, t->doc);
    buf_putc(&b, '}');
    puts(buf_cstr(&b));
    buf_free(&b);
    return 0;
}

int cmd_timeline(int argc, char **argv)
{
    link_opts o;
    int rc = link_cli_parse("timeline", argc, argv, LO_JSON | LO_CSV | LO_NAME | LO_SINCE | LO_UNTIL | LO_LIMIT, &o);
    if (rc) return rc;
    corpus *c;
    if ((rc = link_cli_open(&o, &c)) != 0) return rc;
    char err[512];
    long long cluster = corpus_find_entity(c, o.name, err, sizeof err);
    tl_ctx t = {.o = &o};
    if (o.csv && cluster > 0) fputs("date,what,text,doc\n", stdout);
    int n = cluster > 0 ? corpus_timeline(c, cluster, print_item, &t, err, sizeof err) : 0;
    link_cli_close(c);
    if (cluster < 0 || n < 0) {
        cli_error("timeline: %s", err);
        return EXIT_STORE;
    }
    if (cluster == 0) {
        cli_error("timeline: no entity named '%s' in %s", o.name, o.db);
        return EXIT_NOTFOUND;
    }
    if (!t.shown && !o.json && !o.csv) printf("nothing said by or happening to %s in %s\n", o.name, o.db);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
