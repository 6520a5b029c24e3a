/* cmd_search.c — `dossier search WORDS [filters] [--json]`: ranked articles
 * with the passage that matched. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/utf8.h"
#include "core/json.h"
#include "corpus/corpus.h"

const char cmd_search_help[] =
    "usage: dossier search WORDS [--since DATE] [--until DATE] [--outlet NAME]\n"
    "                      [--limit N] [--offset N] [--json | --csv] [--db FILE]\n\n"
    "Finds the stored articles that contain WORDS, best first (BM25; words in the\n"
    "title count more), with their id, date, outlet, title and a passage where\n"
    "the words are marked: in bold on a terminal, else [between brackets].\n\n"
    "WORDS are all required by default; SQLite FTS5 syntax is understood:\n"
    "  good Taliban          both words, anywhere      \"good Taliban\"  the phrase\n"
    "  Taliban OR TTP        either                    Taliban NOT Afghan\n"
    "  negotiat*             a prefix                  title:attack    in titles only\n"
    "  NEAR(school attack, 5)  within five words\n"
    "Words with inner punctuation (Tehrik-i-Taliban, U.S.) are searched as phrases.\n"
    "Case and accents are ignored.\n\n"
    "  --since DATE   published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    "  --until DATE   published on or before DATE (--until 2014: all of 2014)\n"
    "  --outlet NAME  only this outlet (exact name, any case)\n"
    "  --limit N, -n N  at most N articles (default 10)\n"
    "  --offset N     skip the first N (for paging)\n"
    "  --json         one JSON object per article: rank, score, doc, title,\n"
    "                 published, outlet, snippet (matches marked [like this])\n"
    "  --csv          the same fields as CSV, with a header row\n"
    "  --db FILE      the store (default ./dossier.db)\n\n"
    "exit status: 0 done (also when nothing matches); 2 bad usage or a malformed\n"
    "search; 3 the store could not be read.\n";

typedef struct search_opts {
    const char *words, *db;
    query_filter filter;
    bool json, csv;
} search_opts;

static bool parse_count(const char *opt, const char *v, long min, int *out)
{
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < min || n > 1000000) {
        cli_error("search: %s needs a whole number from %ld, not '%s'", opt, min, v);
        return false;
    }
    *out = (int)n;
    return true;
}

/* The value of option argv[*i] ("--opt V" or "--opt=V"), or NULL when it is
 * not that option. A missing value is a usage error (*bad set). */
static const char *option(int argc, char **argv, int *i, const char *name, bool *bad)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] != '\0') return NULL;
    if (*i + 1 >= argc) {
        cli_error("search: %s needs a value", name);
        *bad = true;
        return NULL;
    }
    return argv[++*i];
}

static bool take_option(int argc, char **argv, int *i, search_opts *o, bool *bad)
{
    const char *v;
    if (!strcmp(argv[*i], "--json")) o->json = true;
    else if (!strcmp(argv[*i], "--csv")) o->csv = o->json = true;   /* quiet as --json */
    else if ((v = option(argc, argv, i, "--db", bad))) o->db = v;
    else if ((v = option(argc, argv, i, "--since", bad))) o->filter.since = v;
    else if ((v = option(argc, argv, i, "--until", bad))) o->filter.until = v;
    else if ((v = option(argc, argv, i, "--outlet", bad))) o->filter.outlet = v;
    else if ((v = option(argc, argv, i, "--limit", bad)) || (v = option(argc, argv, i, "-n", bad))) *bad = !parse_count("--limit", v, 1, &o->filter.limit);
    else if ((v = option(argc, argv, i, "--offset", bad))) *bad = !parse_count("--offset", v, 0, &o->filter.offset);
    else return false;
    return true;
}

/* Several bare arguments are one search: `dossier search good Taliban`. */
static int parse_args(int argc, char **argv, search_opts *o, buf *words)
{
    bool opts = true, bad = false;
    for (int i = 1; i < argc && !bad; i++) {
        if (opts && !strcmp(argv[i], "--")) opts = false;
        else if (opts && argv[i][0] == '-' && argv[i][1] && !isdigit((unsigned char)argv[i][1])) {
            if (!take_option(argc, argv, &i, o, &bad) && !bad) {
                cli_error("search: unknown option '%s' (see dossier search --help)", argv[i]);
                return -1;
            }
        } else {
            if (words->n) buf_putc(words, ' ');
            buf_puts(words, argv[i]);
        }
    }
    if (bad) return -1;
    if (!words->n) {
        cli_error("search: what to look for? (dossier search WORDS; see --help)");
        return -1;
    }
    o->words = buf_cstr(words);
    return 0;
}

static int print_json(const query_hit *h, void *ctx)
{
    buf *b = ctx;
    b->n = 0;
    query_hit_json(h, b);
    buf_putc(b, '\n');
    fwrite(b->p, 1, b->n, stdout);
    return 0;
}

/* How many articles match the words but lack what a filter needs. */
typedef struct left_out { long undated, unsourced; bool dates, outlet; } left_out;

static int count_left_out(const query_hit *h, void *ctx)
{
    left_out *l = ctx;
    if (l->dates && !h->published) l->undated++;
    else if (l->outlet && !h->outlet) l->unsourced++;
    return 0;
}

/* A filter on dates or outlet cannot match an article that has none: say
 * how many matched the words but were left out for that, so "no match"
 * on an undated corpus does not read as "not there". */
static void report_left_out(corpus *s, const search_opts *o)
{
    left_out l = {.dates = o->filter.since || o->filter.until, .outlet = o->filter.outlet != NULL};
    if (!l.dates && !l.outlet) return;
    query_filter all = {.limit = 1000000, .no_snippets = true};
    char err[256];
    if (corpus_search(s, o->words, &all, count_left_out, &l, err, sizeof err) < 0) return;
    if (l.undated)
        fprintf(stderr, "%ld matching article%s left out: no publication date (give one with ingest "
                        "--published or --meta)\n", l.undated, l.undated == 1 ? "" : "s");
    if (l.unsourced)
        fprintf(stderr, "%ld matching article%s left out: no outlet (give one with ingest --outlet or "
                        "--meta)\n", l.unsourced, l.unsourced == 1 ? "" : "s");
}

static int print_csv(const query_hit *h, void *ctx)
{
    char num[2][32];
    snprintf(num[0], sizeof num[0], "%d", h->rank);
    snprintf(num[1], sizeof num[1], "%.6g", h->score);
    const char *f[] = {num[0], num[1], h->id, h->title, h->published, h->outlet, h->snippet};
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) cli_csv_field(stdout, f[i], i + 1 < sizeof f / sizeof *f ? ',' : '\n');
    return 0;
}

/* "12. ID  2014-12-17  Outlet", then the title and the snippet, indented. */
static int print_text(const query_hit *h, void *ctx)
{
    printf("%2d. %s", h->rank, h->id);
    if (h->published) printf("  %s", h->published);
    if (h->outlet) printf("  %s", h->outlet);
    printf("\n    %s\n    %s\n\n", h->title ? h->title : "(no title)", h->snippet);
    return 0;
}

int cmd_search(int argc, char **argv)
{
    search_opts o = {.db = cli_default_db()};
    buf words, out;
    buf_init(&words);
    buf_init(&out);
    int code = EXIT_OK;
    if (parse_args(argc, argv, &o, &words) != 0) {
        buf_free(&words);
        return EXIT_USAGE;
    }
    bool tty = !o.json && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    o.filter.mark_open = tty ? "\033[1m" : "[";
    o.filter.mark_close = tty ? "\033[0m" : "]";
    char err[512];
    int status;
    corpus *s = corpus_open(o.db, CORPUS_READ, &status, err, sizeof err);
    if (!s) {
        cli_error("%s", err);
        code = status == CORPUS_DATA ? EXIT_INTERNAL : EXIT_STORE;
    } else {
        if (o.csv) fputs("rank,score,doc,title,published,outlet,snippet\n", stdout);
        int rc = corpus_search(s, o.words, &o.filter, o.csv ? print_csv : o.json ? print_json : print_text, &out,
                               err, sizeof err);
        if (rc == QUERY_BAD_QUERY) {
            /* a refused query may be thousands of words: echo its start */
            int shown = (int)utf8_whole(o.words, strlen(o.words) > 60 ? 60 : strlen(o.words));
            cli_error("search: cannot search for '%.*s%s': %s (see dossier search --help)", shown, o.words,
                      strlen(o.words) > 60 ? "..." : "", err);
            code = EXIT_USAGE;
        } else if (rc < 0) {
            cli_error("search: %s: %s", o.db, err);
            code = EXIT_STORE;
        } else {
            if (rc == 0 && !o.json) fprintf(stderr, "no stored article matches '%s'\n", o.words);
            if (!o.json && rc < (o.filter.limit ? o.filter.limit : 10)) report_left_out(s, &o);
        }
        corpus_close(s);
    }
    buf_free(&words);
    buf_free(&out);
    if (fflush(stdout) != 0 && code == EXIT_OK) code = EXIT_PARTIAL;
    return code;
}
