/* cmd_quotes.c — `dossier quotes [--by NAME] [--about WORDS] [--since DATE]
 * [--json]`: who said what across the stored articles, newest first. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/link_cli.h"
#include "core/json.h"

const char cmd_quotes_help[] =
    "usage: dossier quotes [--by NAME] [--about WORDS] [--since DATE] [--until DATE]\n"
    "                      [--outlet NAME] [--limit N] [--json | --csv] [--db FILE]\n\n"
    "Lists quotes (direct, indirect and mixed) from the stored articles, the\n"
    "newest article first: each with its speaker (the entity's canonical\n"
    "name, or unknown), the article's id, outlet and date, the quote and the\n"
    "sentence it was said in.\n\n"
    "  --by NAME      only quotes by NAME: any of its names or spellings\n"
    "                 (\"Khwaja Asif\" finds Khawaja Muhammad Asif)\n"
    "  --about WORDS  only quotes holding all these words, whole (any case;\n"
    "                 \"attack\" also finds attacks, attacked, attacking)\n"
    "  --since DATE   only articles published on or after DATE (2014,\n"
    "                 2014-12, 2014-12-16)\n"
    "  --until DATE   only articles published on or before DATE\n"
    "  --outlet NAME  only articles of this outlet (exact name, any case)\n"
    "  --limit N, -n N  the first N only\n"
    "  --json         one JSON object a line: speaker, doc, outlet, published,\n"
    "                 kind, text, sentence\n"
    "  --csv          the same fields as CSV, with a header row (for a\n"
    "                 spreadsheet)\n"
    "  --db FILE      the store (default ./dossier.db)\n\n"
    "exit status: 0 listed (also when there are none); 2 bad usage; 3 the\n"
    "store could not be read; 4 --by names no entity.\n";

typedef struct ctx {
    corpus *c;
    bool json;
    buf sentence;
    const link_opts *o;   /* --until, --outlet and --limit applied here */
    int shown;
} ctx;

static int print_quote(const quote_row *q, void *p)
{
    ctx *c = p;
    if (c->o->until && !cli_date_within(q->published, NULL, c->o->until)) return 0;
    if (c->o->outlet && (!q->outlet || strcasecmp(q->outlet, c->o->outlet) != 0)) return 0;
    if (c->o->limit && c->shown >= c->o->limit) return 0;
    c->shown++;
    char err[256];
    c->sentence.n = 0;
    corpus_text(c->c, q->article, q->sent_start, q->sent_end, &c->sentence, err, sizeof err);
    for (size_t i = 0; i < c->sentence.n; i++)
        if (c->sentence.p[i] == '\n') c->sentence.p[i] = ' ';
    if (c->o->csv) {
        const char *f[] = {q->speaker, q->doc, q->outlet, q->published, q->kind, q->text};
        for (size_t i = 0; i < sizeof f / sizeof *f; i++) cli_csv_field(stdout, f[i], ',');
        buf_putc(&c->sentence, '\0');
        cli_csv_field(stdout, c->sentence.p ? c->sentence.p : "", '\n');
        return 0;
    }
    if (!c->json) {
        printf("%s  %s%s%s\n  %s (%s): \"%s\"\n  in: %.*s\n\n", q->published ? q->published : "(undated)", q->doc,
               q->outlet ? "  " : "", q->outlet ? q->outlet : "", q->speaker ? q->speaker : "(speaker unknown)", q->kind, q->text,
               (int)c->sentence.n, c->sentence.p ? c->sentence.p : "");
        return 0;
    }
    buf b;
    buf_init(&b);
    buf_putc(&b, '{');
    json_key(&b, "speaker");
    json_cstr(&b, q->speaker);
    buf_putc(&b, ',');
    json_key(&b, "doc");
    json_cstr(&b, q->doc);
    buf_putc(&b, ',');
    json_key(&b, "outlet");
    json_cstr(&b, q->outlet);
    buf_putc(&b, ',');
    json_key(&b, "published");
    json_cstr(&b, q->published);
    buf_putc(&b, ',');
    json_key(&b, "kind");
    json_cstr(&b, q->kind);
    buf_putc(&b, ',');
    json_key(&b, "text");
    json_cstr(&b, q->text);
    buf_putc(&b, ',');
    json_key(&b, "sentence");
    json_str(&b, c->sentence.p ? c->sentence.p : "", c->sentence.n);
    buf_putc(&b, '}');
    puts(buf_cstr(&b));
    buf_free(&b);
    return 0;
}

int cmd_quotes(int argc, char **argv)
{
    link_opts o;
    int rc = link_cli_parse("quotes", argc, argv, LO_JSON | LO_CSV | LO_BY | LO_ABOUT | LO_SINCE | LO_UNTIL | LO_OUTLET | LO_LIMIT, &o);
    if (rc) return rc;
    ctx c = {.json = o.json, .o = &o};
    if ((rc = link_cli_open(&o, &c.c)) != 0) return rc;
    char err[512];
    /* the link stage filters by speaker, words and --since; the rest here */
    quote_filter f = {.about = o.about, .since = o.since, .limit = o.until || o.outlet ? 0 : o.limit};
    if (o.by && (rc = link_cli_entity("quotes", &o, c.c, o.by, &f.by_cluster)) != 0) {
        link_cli_close(c.c);
        return rc;
    }
    buf_init(&c.sentence);
    if (o.csv) fputs("speaker,doc,outlet,published,kind,text,sentence\n", stdout);
    int n = corpus_quotes(c.c, &f, print_quote, &c, err, sizeof err);
    buf_free(&c.sentence);
    link_cli_close(c.c);
    if (n < 0) {
        cli_error("quotes: %s", err);
        return o.since && err[0] == '-' ? EXIT_USAGE : EXIT_STORE;
    }
    if (!c.shown && !o.json && !o.csv) printf("no quotes found\n");
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
