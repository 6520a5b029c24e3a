/* clusters.c — reading entity clusters back: canonical name, type, aliases,
 * roles, articles, first and last seen.
 *
 * The canonical name is chosen when read, from counts, so it never depends
 * on the order articles arrived in: among the names the cluster's articles
 * gave the entity (each article's own fullest form), those well attested
 * (used by at least a quarter as many articles as the most used one), the
 * one with the most words; then the most articles, the most mentions, and
 * finally the alphabet. For a person, a name of one word (a surname alone)
 * does not count in "the most used". The type is the one most mentions carry (each
 * article's type already corrected by name_type), an organisation's for a
 * company. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "link/internal.h"

typedef struct name_count {
    char *text;
    long articles, mentions;
    int words;
} name_count;

typedef struct acc {
    long long id;
    name_count *names;
    size_t nnames, capn;
    char **roles;
    size_t nroles, capr;
    char **docs;          /* article ids, one per article (nodes come by article) */
    size_t ndocs, capd;
    long type_weight[ENT__COUNT];
    bool company;         /* some article named it as a company (Merrill Lynch and Co) */
    long long last_article;
    long articles, mentions;
    char first[11], last[11];
} acc;

static void acc_reset(acc *a, long long id)
{
    for (size_t i = 0; i < a->nnames; i++) free(a->names[i].text);
    for (size_t i = 0; i < a->nroles; i++) free(a->roles[i]);
    for (size_t i = 0; i < a->ndocs; i++) free(a->docs[i]);
    a->nnames = a->nroles = a->ndocs = 0;
    memset(a->type_weight, 0, sizeof a->type_weight);
    a->company = false;
    a->id = id;
    a->last_article = 0;
    a->articles = a->mentions = 0;
    a->first[0] = a->last[0] = '\0';
}

static void acc_free(acc *a)
{
    acc_reset(a, 0);
    free(a->names);
    free(a->roles);
    free(a->docs);
}

static char *dup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) abort();
    return d;
}

static void add_name(acc *a, const char *name, long mentions, long articles)
{
    if (!name) return;
    for (size_t i = 0; i < a->nnames; i++)
        if (!strcmp(a->names[i].text, name)) {
            a->names[i].articles += articles;
            a->names[i].mentions += mentions;
            return;
        }
    if (a->nnames == a->capn) {
        a->capn = a->capn ? 2 * a->capn : 8;
        a->names = realloc(a->names, a->capn * sizeof *a->names);
        if (!a->names) abort();
    }
    buf f;
    buf_init(&f);
    int words = name_fold(name, strlen(name), &f);
    buf_free(&f);
    a->names[a->nnames++] = (name_count){dup(name), articles, mentions, words};
}

static void add_role(acc *a, const char *role)
{
    if (!role || !role[0]) return;
    for (size_t i = 0; i < a->nroles; i++)
        if (!strcasecmp(a->roles[i], role)) {
            if (strcmp(role, a->roles[i]) < 0) {   /* one spelling, whatever the order */
                free(a->roles[i]);
                a->roles[i] = dup(role);
            }
            return;
        }
    if (a->nroles == a->capr) {
        a->capr = a->capr ? 2 * a->capr : 4;
        a->roles = realloc(a->roles, a->capr * sizeof *a->roles);
        if (!a->roles) abort();
    }
    a->roles[a->nroles++] = dup(role);
}

static void add_doc(acc *a, const char *doc)
{
    if (!doc) return;
    if (a->ndocs == a->capd) {
        a->capd = a->capd ? 2 * a->capd : 8;
        a->docs = realloc(a->docs, a->capd * sizeof *a->docs);
        if (!a->docs) abort();
    }
    a->docs[a->ndocs++] = dup(doc);
}

static void add_date(acc *a, const char *published)
{
    if (!published || strlen(published) < 4) return;
    char d[11];
    snprintf(d, sizeof d, "%s", published);
    if (!a->first[0] || strcmp(d, a->first) < 0) memcpy(a->first, d, sizeof d);
    if (!a->last[0] || strcmp(d, a->last) > 0) memcpy(a->last, d, sizeof d);
}

static const name_count *canonical(const acc *a)
{
    /* a person's surname alone, however often used (articles that never
     * give the full name join it: lone.c), never outweighs the full name */
    bool person = true, full = false;
    for (int t = 0; t < ENT__COUNT; t++) person &= t == ENT_PERSON || a->type_weight[t] <= a->type_weight[ENT_PERSON];
    for (size_t i = 0; i < a->nnames; i++) full |= a->names[i].words > 1;
    long most = 0;
    for (size_t i = 0; i < a->nnames; i++)
        if (a->names[i].articles > most && !(person && full && a->names[i].words == 1)) most = a->names[i].articles;
    const name_count *best = NULL;
    for (size_t i = 0; i < a->nnames; i++) {
        const name_count *n = &a->names[i];
        if (n->articles * 4 < most) continue;
        if (!best || n->words > best->words ||
            (n->words == best->words &&
             (n->articles > best->articles ||
              (n->articles == best->articles &&
               (n->mentions > best->mentions ||
                (n->mentions == best->mentions && strcmp(n->text, best->text) < 0))))))
            best = n;
    }
    return best;
}

/* The type most mentions carry; an organisation's when an article named the
 * entity as a company or body (the tagger reads Goldman Sachs as a person,
 * and Smith Barney as a place, more often than not). When the tagger called
 * it a person in some articles and something else in others, it is a
 * person only if some article gave it a title or role, or called it by its
 * surname alone ("Credit Lyonnais" is neither, "Francisco Gros" both);
 * else it is the most mentioned other type. */
static int main_type(const acc *a, const link_res *r, const char *canon, bool surname_alone)
{
    if (canon && name_type(r, ENT_ORG, canon) == ENT_GPE) return ENT_GPE;   /* a country is never a company */
    if (a->company) return ENT_ORG;
    int best = ENT_NONE;
    for (int t = 1; t < ENT__COUNT; t++)
        if (a->type_weight[t] > a->type_weight[best]) best = t;
    if (best != ENT_PERSON || a->nroles || surname_alone) return best;
    int other = ENT_NONE;
    for (int t = 1; t < ENT__COUNT; t++)
        if (t != ENT_PERSON && a->type_weight[t] > a->type_weight[other]) other = t;
    return other ? other : best;
}

/* Whether one of the forms is the last word of the name alone, and that
 * word no place ("Madrid" of Real Madrid says nothing of a person). */
static bool has_surname_form(const link_res *r, const char *name, const char *const *forms, size_t n)
{
    const char *last = strrchr(name, ' ');
    if (!last || !last[1] || place_paths(r, last + 1)) return false;
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(forms[i], last + 1)) return true;
    return false;
}

/* --- aliases: the forms the cluster's articles used ------------------------------ */

typedef struct alias_row {
    char *form;
    long articles, mentions;
} alias_row;

static int by_use(const void *x, const void *y)
{
    const alias_row *a = x, *b = y;
    if (a->articles != b->articles) return a->articles > b->articles ? -1 : 1;
    if (a->mentions != b->mentions) return a->mentions > b->mentions ? -1 : 1;
    return strcmp(a->form, b->form);
}

/* Forms of the cluster (sorted by use, one per spelling ignoring case, the
 * canonical name left out), from the forms statement positioned at it. */
static size_t read_aliases(sqlite3_stmt *st, int *rc, long long cluster, const char *canon, alias_row **rows,
                           size_t *cap)
{
    size_t n = 0;
    while (*rc == SQLITE_ROW && sqlite3_column_int64(st, 0) == cluster) {
        const char *form = (const char *)sqlite3_column_text(st, 1);
        if (form && strcasecmp(form, canon) != 0) {
            if (n == *cap) {
                *cap = *cap ? 2 * *cap : 16;
                *rows = realloc(*rows, *cap * sizeof **rows);
                if (!*rows) abort();
            }
            (*rows)[n++] = (alias_row){dup(form), sqlite3_column_int(st, 3), sqlite3_column_int(st, 2)};
        }
        *rc = sqlite3_step(st);
    }
    if (n > 1) qsort(*rows, n, sizeof **rows, by_use);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < kept && !seen; j++) seen = !strcasecmp((*rows)[j].form, (*rows)[i].form);
        if (seen) free((*rows)[i].form);
        else (*rows)[kept++] = (*rows)[i];
    }
    return kept;
}

/* --- walking the clusters -------------------------------------------------------- */

static int by_text(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

static int emit(acc *a, const link_res *res, sqlite3_stmt *forms, int *frc, alias_row **rows, size_t *cap,
                cluster_fn fn, void *ctx)
{
    const name_count *canon = canonical(a);
    if (!canon) return 0;
    if (a->nroles > 1) qsort(a->roles, a->nroles, sizeof *a->roles, by_text);
    if (a->ndocs > 1) qsort(a->docs, a->ndocs, sizeof *a->docs, by_text);
    while (*frc == SQLITE_ROW && sqlite3_column_int64(forms, 0) < a->id) *frc = sqlite3_step(forms);
    size_t n = read_aliases(forms, frc, a->id, canon->text, rows, cap);
    const char *aliases[256];
    size_t na = 0;
    for (size_t i = 0; i < n && na < 256; i++) aliases[na++] = (*rows)[i].form;
    bool surname_alone = has_surname_form(res, canon->text, aliases, na);
    cluster_info info = {
        .id = a->id, .name = canon->text, .type = main_type(a, res, canon->text, surname_alone),
        .aliases = aliases, .naliases = na,
        .roles = (const char *const *)a->roles, .nroles = a->nroles,
        .docs = (const char *const *)a->docs, .ndocs = a->ndocs,
        .articles = a->articles, .mentions = a->mentions,
        .first_seen = a->first[0] ? a->first : NULL, .last_seen = a->last[0] ? a->last : NULL,
    };
    int stop = fn(&info, ctx);
    for (size_t i = 0; i < n; i++) free((*rows)[i].form);
    return stop;
}

int link_clusters(linker *l, long long only, cluster_fn fn, void *ctx, char *err, size_t errlen)
{
    static const char nodes_all[] =
        "SELECT e.cluster, e.name, e.type, e.role, e.mentions, e.article, a.published, a.id"
        " FROM link_entities e JOIN articles a ON a.rowid = e.article ORDER BY e.cluster, e.article";
    static const char nodes_one[] =
        "SELECT e.cluster, e.name, e.type, e.role, e.mentions, e.article, a.published, a.id"
        " FROM link_entities e JOIN articles a ON a.rowid = e.article WHERE e.cluster = ?1 ORDER BY e.article";
    static const char forms_all[] =
        "SELECT e.cluster, f.form, sum(f.mentions), count(DISTINCT e.article)"
        " FROM link_forms f JOIN link_entities e ON e.node = f.node GROUP BY e.cluster, f.form ORDER BY e.cluster";
    static const char forms_one[] =
        "SELECT e.cluster, f.form, sum(f.mentions), count(DISTINCT e.article)"
        " FROM link_forms f JOIN link_entities e ON e.node = f.node WHERE e.cluster = ?1 GROUP BY f.form";
    sqlite3_stmt *nodes = link_stmt(l, only ? nodes_one : nodes_all, err, errlen);
    if (!nodes) return -1;
    sqlite3_stmt *forms = link_stmt(l, only ? forms_one : forms_all, err, errlen);
    if (!forms) return -1;
    if (only) {
        sqlite3_bind_int64(nodes, 1, only);
        sqlite3_bind_int64(forms, 1, only);
    }
    acc a = {0};
    alias_row *rows = NULL;
    size_t cap = 0;
    int frc = sqlite3_step(forms), rc, stop = 0;
    while (!stop && (rc = sqlite3_step(nodes)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(nodes, 0);
        if (id != a.id) {
            if (a.id) stop = emit(&a, l->res, forms, &frc, &rows, &cap, fn, ctx);
            acc_reset(&a, id);
        }
        long mentions = sqlite3_column_int(nodes, 4);
        long long art = sqlite3_column_int64(nodes, 5);
        bool new_article = art != a.last_article;
        a.last_article = art;
        a.articles += new_article;
        if (new_article) add_doc(&a, (const char *)sqlite3_column_text(nodes, 7));
        a.mentions += mentions;
        int type = sqlite3_column_int(nodes, 2);
        if (type > 0 && type < ENT__COUNT) a.type_weight[type] += mentions ? mentions : 1;
        const char *name = (const char *)sqlite3_column_text(nodes, 1);
        add_name(&a, name, mentions, 1);
        a.company |= name_is_company(l->res, name);
        add_role(&a, (const char *)sqlite3_column_text(nodes, 3));
        add_date(&a, (const char *)sqlite3_column_text(nodes, 6));
    }
    if (!stop && a.id) stop = emit(&a, l->res, forms, &frc, &rows, &cap, fn, ctx);
    bool failed = !stop && rc != SQLITE_DONE && rc != SQLITE_ROW;
    sqlite3_reset(nodes);
    sqlite3_reset(forms);
    acc_free(&a);
    free(rows);
    if (failed) return link_sql_error(l, err, errlen);
    return stop ? 1 : 0;
}

int link_entity_name(linker *l, long long cluster, buf *out, int *type, char *err, size_t errlen)
{
    static const char sql[] = "SELECT name, type, count(DISTINCT article), sum(mentions), max(role)"
                              " FROM link_entities WHERE cluster = ?1 GROUP BY name, type";
    static const char surname[] = "SELECT 1 FROM link_entities e JOIN link_forms f ON f.node = e.node"
                                  " WHERE e.cluster = ?1 AND f.form = ?2 COLLATE NOCASE LIMIT 1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, cluster);
    acc a = {0};
    a.id = cluster;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        long articles = sqlite3_column_int(st, 2), mentions = sqlite3_column_int(st, 3);
        int t = sqlite3_column_int(st, 1);
        add_name(&a, name, mentions, articles);
        add_role(&a, (const char *)sqlite3_column_text(st, 4));
        a.company |= name_is_company(l->res, name);
        if (t > 0 && t < ENT__COUNT) a.type_weight[t] += mentions ? mentions : 1;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        acc_free(&a);
        return link_sql_error(l, err, errlen);
    }
    const name_count *c = canonical(&a);
    if (c) buf_puts(out, c->text);
    if (type && c) {
        /* the same decision as link_clusters: whether an article used the surname alone */
        const char *last = strrchr(c->text, ' ');
        long long alone = 0;
        if (last && last[1] && !place_paths(l->res, last + 1)) {
            sqlite3_stmt *q = link_stmt(l, surname, err, errlen);
            if (!q) {
                acc_free(&a);
                return -1;
            }
            sqlite3_bind_int64(q, 1, cluster);
            sqlite3_bind_text(q, 2, last + 1, -1, SQLITE_TRANSIENT);
            alone = link_step_int(l, q, 0, err, errlen);
        }
        *type = main_type(&a, l->res, c->text, alone > 0);
    }
    acc_free(&a);
    return c ? 0 : -1;
}
