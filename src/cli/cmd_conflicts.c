/* cmd_conflicts.c — `dossier conflicts [--limit N] [--json | --csv]`: events on which the
 * articles' figures disagree, each value with its article and sentence. */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/link_cli.h"
#include "core/json.h"

const char cmd_conflicts_help[] =
    "usage: dossier conflicts [--limit N] [--json | --csv] [--db FILE]\n\n"
    "Lists the events reported by several articles that give different\n"
    "figures for the same measure (141 dead in one, 150 in another): for each,\n"
    "the event (type, place, date), the measure, and each article's value\n"
    "with the article's id, outlet, date and the sentence it came from.\n"
    "Figures that differ only by rounding, by \"more than\" or \"about\", or\n"
    "because one article gives parts of the other's total (132 children and\n"
    "nine staff = 141), are not conflicts.\n\n"
    "  --limit N   the first N conflicts only (-n N)\n"
    "  --json      one JSON object a line: type, place, date, measure, values\n"
    "              [{value, doc, outlet, published, text, sentence}]\n"
    "  --csv       CSV with a header row, one row per value: type, place,\n"
    "              date, measure, value, doc, outlet, published, text, sentence\n"
    "  --db FILE   the store (default ./dossier.db)\n\n"
    "exit status: 0 listed (also when there are none); 2 bad usage; 3 the\n"
    "store could not be read.\n";

typedef struct ctx {
    corpus *c;
    bool json, csv;
    long shown, limit;   /* limit 0: all */
    buf sentence;
} ctx;

static void sentence_of(ctx *c, const event_value *v)
{
    char err[256];
    c->sentence.n = 0;
    corpus_text(c->c, v->article, v->sent_start, v->sent_end, &c->sentence, err, sizeof err);
    for (size_t i = 0; i < c->sentence.n; i++)
        if (c->sentence.p[i] == '\n') c->sentence.p[i] = ' ';
}

static void print_json(ctx *c, const merged_event *e, const event_measure *m)
{
    buf b;
    buf_init(&b);
    buf_putc(&b, '{');
    json_key(&b, "type");
    json_cstr(&b, e->type);
    buf_putc(&b, ',');
    json_key(&b, "place");
    json_cstr(&b, e->place);
    buf_putc(&b, ',');
    json_key(&b, "date");
    json_cstr(&b, e->date);
    buf_putc(&b, ',');
    json_key(&b, "measure");
    json_cstr(&b, m->measure);
    buf_putc(&b, ',');
    json_key(&b, "values");
    buf_putc(&b, '[');
    for (size_t i = 0; i < m->nvalues; i++) {
        const event_value *v = &m->values[i];
        sentence_of(c, v);
        if (i) buf_putc(&b, ',');
        buf_putc(&b, '{');
        json_key(&b, "value");
        json_num(&b, v->value);
        buf_putc(&b, ',');
        json_key(&b, "doc");
        json_cstr(&b, v->doc);
        buf_putc(&b, ',');
        json_key(&b, "outlet");
        json_cstr(&b, v->outlet);
        buf_putc(&b, ',');
        json_key(&b, "published");
        json_cstr(&b, v->published);
        buf_putc(&b, ',');
        json_key(&b, "text");
        json_cstr(&b, v->text);
        buf_putc(&b, ',');
        json_key(&b, "sentence");
        json_str(&b, c->sentence.p ? c->sentence.p : "", c->sentence.n);
        buf_putc(&b, '}');
    }
    buf_puts(&b, "]}");
    puts(buf_cstr(&b));
    buf_free(&b);
}

static void print_csv(ctx *c, const merged_event *e, const event_measure *m)
{
    for (size_t i = 0; i < m->nvalues; i++) {
        const event_value *v = &m->values[i];
        sentence_of(c, v);
        buf_putc(&c->sentence, '\0');
        char num[32];
        snprintf(num, sizeof num, "%g", v->value);
        const char *f[] = {e->type, e->place, e->date, m->measure, num, v->doc, v->outlet, v->published, v->text,
                           c->sentence.p ? c->sentence.p : ""};
        for (size_t k = 0; k < sizeof f / sizeof *f; k++) cli_csv_field(stdout, f[k], k + 1 < sizeof f / sizeof *f ? ',' : '\n');
    }
}

static void print_text(ctx *c, const merged_event *e, const event_measure *m)
{
    printf("%s%s in %s on %s — %s:\n", c->shown > 1 ? "\n" : "", e->type, e->place ? e->place : "(place unknown)",
           e->date ? e->date : "(date unknown)", m->measure);
    for (size_t i = 0; i < m->nvalues; i++) {
        const event_value *v = &m->values[i];
        sentence_of(c, v);
        printf("  %-8g %s, %s, %s\n           \"%.*s\"\n", v->value, v->doc, v->outlet ? v->outlet : "(outlet unknown)",
               v->published ? v->published : "(date unknown)", (int)c->sentence.n,
               c->sentence.p ? c->sentence.p : "");
    }
}

static int each_event(const merged_event *e, void *p)
{
    ctx *c = p;
    for (size_t i = 0; i < e->nmeasures; i++) {
        if (!e->measures[i].conflict) continue;
        if (c->limit && c->shown >= c->limit) return 1;
        c->shown++;
        if (c->csv) print_csv(c, e, &e->measures[i]);
        else if (c->json) print_json(c, e, &e->measures[i]);
        else print_text(c, e, &e->measures[i]);
    }
    return 0;
}

int cmd_conflicts(int argc, char **argv)
{
    link_opts o;
    int rc = link_cli_parse("conflicts", argc, argv, LO_JSON | LO_CSV | LO_LIMIT, &o);
    if (rc) return rc;
    ctx c = {.json = o.json, .csv = o.csv, .limit = o.limit};
    if ((rc = link_cli_open(&o, &c.c)) != 0) return rc;
    buf_init(&c.sentence);
    if (o.csv) fputs("type,place,date,measure,value,doc,outlet,published,text,sentence\n", stdout);
    char err[512];
    rc = corpus_events(c.c, each_event, &c, err, sizeof err);
    buf_free(&c.sentence);
    link_cli_close(c.c);
    if (rc < 0) {
        cli_error("conflicts: %s", err);
        return EXIT_STORE;
    }
    if (!c.shown && !o.json && !o.csv) printf("no conflicting figures among the events of %s\n", o.db);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
