/* cmd_entities.c — `dossier entities [--type T] [--json]` and `dossier entity
 * NAME`: people, organisations and places across the stored articles, each
 * with every name it goes by. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/link_cli.h"
#include "core/json.h"

const char cmd_entities_help[] =
    "usage: dossier entities [--type T] [--limit N] [--json | --csv] [--db FILE]\n\n"
    "Lists the entities of the store, most reported first: each with its\n"
    "canonical name (the fullest well-attested form), type, how many articles\n"
    "name it, and the other names it goes by across articles (spellings,\n"
    "transliterations, acronyms, short forms).\n\n"
    "  --type T    only PERSON, ORG, GPE, LOC or NORP\n"
    "  --limit N   the first N only (-n N)\n"
    "  --json      one JSON object a line: entity, type, aliases, articles,\n"
    "              roles, first_seen, last_seen\n"
    "  --csv       CSV with a header row: entity, type, articles, mentions,\n"
    "              first_seen, last_seen, aliases, roles (lists joined by \"; \")\n"
    "  --db FILE   the store (default ./dossier.db)\n\n"
    "exit status: 0 listed; 2 bad usage; 3 the store could not be read.\n";

const char cmd_entity_help[] =
    "usage: dossier entity NAME [--limit N] [--json] [--db FILE]\n\n"
    "Shows one entity: NAME may be any of its names or spellings (\"Khwaja\n"
    "Asif\" finds Khawaja Muhammad Asif). Prints its canonical name, type,\n"
    "aliases, roles and titles, how many articles name it, when it was first\n"
    "and last seen (publication dates), and the articles naming it, newest\n"
    "first. When NAME is ambiguous (a surname several people share, a place\n"
    "and a person), it lists the candidates with their type and articles and\n"
    "shows the one in most articles.\n\n"
    "  --limit N   list N articles (default 20; --json lists all)\n"
    "  --json      the same as one JSON object, the articles in \"docs\",\n"
    "              the other candidates in \"candidates\"\n"
    "  --db FILE   the store (default ./dossier.db)\n\n"
    "exit status: 0 shown; 2 bad usage; 3 the store could not be read;\n"
    "4 no such entity.\n";

/* One entity, kept to sort the list. */
typedef struct row {
    char *name, *line;
    long articles;
} row;

typedef struct list {
    row *v;
    size_t n, cap;
    int type;
    bool json, csv;
} list;

static char *joined(const char *const *v, size_t n)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) buf_printf(&b, "%s%s", i ? "; " : "", v[i]);
    char *s = strdup(b.p ? buf_cstr(&b) : "");
    buf_free(&b);
    return s;
}

/* One CSV row (no newline: puts adds it). */
static void entity_csv(const cluster_info *c, buf *b)
{
    char *line = NULL, num[2][32];
    size_t len = 0;
    FILE *f = open_memstream(&line, &len);
    if (!f) return;
    snprintf(num[0], sizeof num[0], "%ld", c->articles);
    snprintf(num[1], sizeof num[1], "%ld", c->mentions);
    char *aliases = joined(c->aliases, c->naliases), *roles = joined(c->roles, c->nroles);
    const char *f8[] = {c->name, link_type_name(c->type), num[0], num[1], c->first_seen, c->last_seen, aliases, roles};
    for (size_t i = 0; i < 8; i++) cli_csv_field(f, f8[i], i < 7 ? ',' : '\0');
    fclose(f);
    if (line) buf_puts(b, line);
    free(line);
    free(aliases);
    free(roles);
}

static void entity_line(const cluster_info *c, buf *b)
{
    buf_printf(b, "%-36s %-6s %5ld", c->name, link_type_name(c->type), c->articles);
    for (size_t i = 0; i < c->naliases && i < 8; i++) buf_printf(b, "%s%s", i ? ", " : "  ", c->aliases[i]);
    if (c->naliases > 8) buf_printf(b, " (+%zu)", c->naliases - 8);
}

static int collect(const cluster_info *c, void *ctx)
{
    list *l = ctx;
    if (l->type && c->type != l->type) return 0;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v) abort();
    }
    buf b;
    buf_init(&b);
    if (l->csv) entity_csv(c, &b);
    else if (l->json) link_cluster_json(c, &b);
    else entity_line(c, &b);
    l->v[l->n++] = (row){strdup(c->name), strdup(buf_cstr(&b)), c->articles};
    buf_free(&b);
    return 0;
}

static int by_articles(const void *x, const void *y)
{
    const row *a = x, *b = y;
    if (a->articles != b->articles) return a->articles > b->articles ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : strcmp(a->line, b->line);
}

static int parse_type(const char *t)
{
    for (int i = 1; i < ENT__COUNT; i++)
        if (!strcasecmp(t, link_type_name(i))) return i;
    return -1;
}

int cmd_entities(int argc, char **argv)
{
    link_opts o;
    int rc = link_cli_parse("entities", argc, argv, LO_JSON | LO_CSV | LO_TYPE | LO_LIMIT, &o);
    if (rc) return rc;
    list l = {.json = o.json, .csv = o.csv};
    if (o.type && (l.type = parse_type(o.type)) < 0) {
        cli_error("entities: --type is one of PERSON, ORG, GPE, LOC, NORP (not '%s')", o.type);
        return EXIT_USAGE;
    }
    corpus *k;
    if ((rc = link_cli_open(&o, &k)) != 0) return rc;
    char err[512];
    rc = corpus_entities(k, 0, collect, &l, err, sizeof err);
    link_cli_close(k);
    if (rc < 0) cli_error("entities: %s", err);
    if (l.n > 1) qsort(l.v, l.n, sizeof *l.v, by_articles);
    if (o.csv && rc >= 0) puts("entity,type,articles,mentions,first_seen,last_seen,aliases,roles");
    else if (!o.json && rc >= 0) printf("%-36s %-6s %5s  %s\n", "entity", "type", "arts", "other names");
    for (size_t i = 0; i < l.n; i++) {
        if (rc >= 0 && (!o.limit || i < (size_t)o.limit)) puts(l.v[i].line);
        free(l.v[i].name);
        free(l.v[i].line);
    }
    free(l.v);
    if (rc < 0) return EXIT_STORE;
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}

/* What `entity` prints: the entity, then the articles naming it. */
typedef struct shown {
    bool json;
    int limit;            /* articles listed in text */
    long articles;        /* how many were handed over */
    buf out;
} shown;

static int show_entity(const cluster_info *c, void *ctx)
{
    shown *sh = ctx;
    buf *b = &sh->out;
    if (sh->json) {
        cluster_info bare = *c;   /* "docs" here are objects, listed below */
        bare.docs = NULL;
        bare.ndocs = 0;
        link_cluster_json(&bare, b);
        b->n--;           /* the closing brace comes after "docs" */
        buf_puts(b, ",\"docs\":[");
        return 0;
    }
    buf_printf(b, "%-10s %s\n%-10s %s\n%-10s %ld (%ld mentions)\n", "entity", c->name, "type",
               link_type_name(c->type), "articles", c->articles, c->mentions);
    if (c->first_seen) buf_printf(b, "%-10s %s\n%-10s %s\n", "first seen", c->first_seen, "last seen", c->last_seen);
    if (c->naliases) buf_printf(b, "%-10s", "aliases");
    for (size_t i = 0; i < c->naliases; i++) buf_printf(b, "%s%s%s", i ? ", " : " ", c->aliases[i],
                                                        i + 1 == c->naliases ? "\n" : "");
    if (c->nroles) buf_printf(b, "%-10s", "roles");
    for (size_t i = 0; i < c->nroles; i++) buf_printf(b, "%s%s%s", i ? ", " : " ", c->roles[i],
                                                      i + 1 == c->nroles ? "\n" : "");
    buf_putc(b, '\n');
    return 0;
}

static int show_article(const entity_article *a, void *ctx)
{
    shown *sh = ctx;
    buf *b = &sh->out;
    if (sh->json) {
        buf_puts(b, sh->articles++ ? ",{" : "{");
        json_key(b, "doc");
        json_cstr(b, a->doc);
        buf_putc(b, ',');
        json_key(b, "published");
        json_cstr(b, a->published);
        buf_putc(b, ',');
        json_key(b, "outlet");
        json_cstr(b, a->outlet);
        buf_putc(b, ',');
        json_key(b, "title");
        json_cstr(b, a->title);
        buf_putc(b, ',');
        json_key(b, "mentions");
        json_num(b, (double)a->mentions);
        buf_putc(b, '}');
        return 0;
    }
    if (sh->articles++ < sh->limit)
        buf_printf(b, "%-10s  %s%s%s  %s\n", a->published ? a->published : "(undated)", a->doc,
                   a->outlet ? "  " : "", a->outlet ? a->outlet : "", a->title ? a->title : "");
    return 0;
}

enum { MAX_CANDIDATES = 12 };

/* The candidates NAME may mean, each with its name, type and articles: a
 * text paragraph, or a JSON array. */
static int describe_candidates(corpus *k, const char *name, const link_candidate *c, int n, bool json, buf *out,
                               char *err, size_t errlen)
{
    buf one;
    buf_init(&one);
    int lone = 0;
    if (!json) buf_printf(out, "'%s' may mean %d%s entities; shown: the one in most articles\n", name, n,
                          n == MAX_CANDIDATES ? " or more" : "");
    for (int i = 0; i < n; i++) {
        int type = 0;
        one.n = 0;
        if (corpus_entity_name(k, c[i].cluster, &one, &type, err, errlen) != 0) {
            buf_free(&one);
            return -1;
        }
        if (json) {
            buf_puts(out, i ? ",{" : "{");
            json_key(out, "entity");
            json_cstr(out, buf_cstr(&one));
            buf_putc(out, ',');
            json_key(out, "type");
            json_cstr(out, link_type_name(type));
            buf_putc(out, ',');
            json_key(out, "articles");
            json_num(out, (double)c[i].articles);
            buf_putc(out, '}');
        } else if (i && c[i].articles == 1 && !strcasecmp(buf_cstr(&one), name)) {
            lone++;   /* the name alone in one article: counted, not listed */
        } else {
            buf_printf(out, "  %s %-36s %-6s %5ld article%s\n", i ? " " : "*", buf_cstr(&one), link_type_name(type),
                       c[i].articles, c[i].articles == 1 ? "" : "s");
        }
    }
    if (lone) buf_printf(out, "    and %d named only '%s', in one article each\n", lone, name);
    if (!json) buf_putc(out, '\n');
    buf_free(&one);
    return 0;
}

int cmd_entity(int argc, char **argv)
{
    link_opts o;
    int rc = link_cli_parse("entity", argc, argv, LO_JSON | LO_NAME | LO_LIMIT, &o);
    if (rc) return rc;
    corpus *k;
    if ((rc = link_cli_open(&o, &k)) != 0) return rc;
    char err[512];
    shown sh = {.json = o.json, .limit = o.limit ? o.limit : 20};
    buf_init(&sh.out);
    buf cands;
    buf_init(&cands);
    link_candidate c[MAX_CANDIDATES];
    int n = corpus_entity_candidates(k, o.name, c, MAX_CANDIDATES, err, sizeof err);
    long long cluster = n < 0 ? -1 : n ? c[0].cluster : 0;
    rc = 0;
    if (n > 1) rc = describe_candidates(k, o.name, c, n, o.json, o.json ? &cands : &sh.out, err, sizeof err);
    if (cluster > 0 && rc >= 0) rc = corpus_entities(k, cluster, show_entity, &sh, err, sizeof err);
    if (cluster > 0 && rc >= 0) rc = corpus_entity_articles(k, cluster, show_article, &sh, err, sizeof err);
    link_cli_close(k);
    if (cluster < 0 || rc < 0) {
        cli_error("entity: %s", err);
        buf_free(&sh.out);
        buf_free(&cands);
        return EXIT_STORE;
    }
    if (sh.json && cluster > 0) {
        buf_putc(&sh.out, ']');
        if (n > 1) {
            buf_puts(&sh.out, ",\"candidates\":[");
            buf_put(&sh.out, cands.p, cands.n);
            buf_putc(&sh.out, ']');
        }
        buf_puts(&sh.out, "}\n");
    } else if (sh.articles > sh.limit) {
        buf_printf(&sh.out, "(%ld more articles: --limit N lists more)\n", sh.articles - sh.limit);
    }
    fwrite(sh.out.p ? sh.out.p : "", 1, sh.out.n, stdout);
    buf_free(&sh.out);
    buf_free(&cands);
    if (cluster == 0) {
        cli_error("entity: no entity named '%s' in %s", o.name, o.db);
        return EXIT_NOTFOUND;
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
