/* claims_read.c — reading claims back: their statements with articles and
 * speakers, and a short label, chosen when read from the statements alone
 * (the one sharing the most words with the others; the shorter on a tie). */
#include <stdlib.h>
#include <string.h>

#include "link/internal.h"

typedef struct stmt_row {
    claim_statement pub;
    char *doc, *outlet, *published, *speaker, *text, *quote;
    claim_word *words;      /* its content words, as many as it has (malloc'd) */
    size_t nwords;
    uint32_t start;
} stmt_row;

typedef struct owned_claim {
    claim_info pub;
    stmt_row *rows;
    size_t nrows, cap;
    claim_statement *statements;
    char *summary;
} owned_claim;

static char *dup_text(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) abort();
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
    const char *s = (const char *)sqlite3_column_text(st, i);
    return s ? dup_text(s, strlen(s)) : NULL;
}

static int by_date(const void *a, const void *b)
{
    const claim_statement *x = a, *y = b;
    if (!x->published != !y->published) return x->published ? -1 : 1;   /* undated last */
    int c = x->published ? strcmp(x->published, y->published) : 0;
    if (c) return c;
    if ((c = strcmp(x->doc, y->doc))) return c;
    return strcmp(x->text, y->text);
}

static int rows_by_date(const void *a, const void *b)
{
    return by_date(&((const stmt_row *)a)->pub, &((const stmt_row *)b)->pub);
}

/* The statement sharing the most words with the others (among the first
 * LABEL_SAMPLE, in the sorted order), cut to 16 words. */
enum { LABEL_SAMPLE = 64 };

static char *label(const stmt_row *r, size_t n)
{
    if (n > LABEL_SAMPLE) n = LABEL_SAMPLE;
    size_t best = 0, best_shared = 0;
    for (size_t i = 0; i < n; i++) {
        size_t total = 0, shared;
        for (size_t j = 0; j < n; j++) {
            if (i == j) continue;
            claim_similarity(r[i].words, r[i].nwords, r[j].words, r[j].nwords, NULL, &shared);
            total += shared;
        }
        if (i == 0 || total > best_shared ||
            (total == best_shared && (strlen(r[i].pub.text) < strlen(r[best].pub.text) ||
                                      (strlen(r[i].pub.text) == strlen(r[best].pub.text) &&
                                       strcmp(r[i].pub.text, r[best].pub.text) < 0)))) {
            best = i;
            best_shared = total;
        }
    }
    const char *t = r[best].pub.text;
    size_t len = 0;
    int words = 0;
    for (; t[len]; len++)
        if (t[len] == ' ' && ++words == 16) break;
    char *s = dup_text(t, len);
    return s;
}

static void free_claim(owned_claim *c)
{
    for (size_t i = 0; i < c->nrows; i++) {
        stmt_row *r = &c->rows[i];
        free(r->doc), free(r->outlet), free(r->published), free(r->speaker), free(r->text), free(r->quote);
        free(r->words);
    }
    free(c->rows);
    free(c->statements);
    free(c->summary);
}

static int claim_order(const void *a, const void *b)
{
    const claim_info *x = &((const owned_claim *)a)->pub, *y = &((const owned_claim *)b)->pub;
    if (x->articles != y->articles) return x->articles > y->articles ? -1 : 1;
    if (x->nstatements != y->nstatements) return x->nstatements > y->nstatements ? -1 : 1;
    return strcmp(x->summary, y->summary);
}

static int by_article(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* How many articles the statements come from (sorted, not pairwise: one
 * article may hold a claim's statement thousands of times). */
static long count_articles(const stmt_row *rows, size_t n)
{
    long long *ids = malloc((n ? n : 1) * sizeof *ids);
    if (!ids) abort();
    for (size_t i = 0; i < n; i++) ids[i] = rows[i].pub.article;
    if (n > 1) qsort(ids, n, sizeof *ids, by_article);
    long articles = 0;
    for (size_t i = 0; i < n; i++) articles += !i || ids[i] != ids[i - 1];
    free(ids);
    return articles;
}

/* Completes a claim read from the store; false when it is not one to show. */
static bool finish(linker *l, owned_claim *c, long long by_cluster)
{
    bool by = !by_cluster;
    for (size_t i = 0; i < c->nrows && !by; i++) by = c->rows[i].pub.speaker_cluster == by_cluster;
    long articles = by ? count_articles(c->rows, c->nrows) : 0;
    if (articles < 2) return false;
    for (size_t i = 0; i < c->nrows; i++) {
        stmt_row *r = &c->rows[i];
        if (r->pub.speaker_cluster) {
            buf b;
            buf_init(&b);
            char err[128];
            if (link_entity_name(l, r->pub.speaker_cluster, &b, NULL, err, sizeof err) == 0)
                r->speaker = strdup(buf_cstr(&b));
            buf_free(&b);
        }
        r->pub.speaker = r->speaker;
    }
    qsort(c->rows, c->nrows, sizeof *c->rows, rows_by_date);
    c->summary = label(c->rows, c->nrows);
    c->statements = malloc(c->nrows * sizeof *c->statements);
    if (!c->statements) abort();
    for (size_t i = 0; i < c->nrows; i++) c->statements[i] = c->rows[i].pub;
    c->pub = (claim_info){c->summary, c->statements, c->nrows, articles};
    return true;
}

static void read_row(sqlite3_stmt *st, stmt_row *r)
{
    memset(r, 0, sizeof *r);
    const char *qtext = (const char *)sqlite3_column_text(st, 5);
    size_t qlen = (size_t)sqlite3_column_bytes(st, 5);
    uint32_t qstart = (uint32_t)sqlite3_column_int64(st, 6);
    uint32_t s = (uint32_t)sqlite3_column_int64(st, 2) - qstart, e = (uint32_t)sqlite3_column_int64(st, 3) - qstart;
    if (e > qlen) e = (uint32_t)qlen;
    if (s > e) s = e;
    r->text = dup_text(qtext ? qtext + s : "", qtext ? e - s : 0);
    r->quote = dup_text(qtext ? qtext : "", qtext ? qlen : 0);
    size_t bytes = (size_t)sqlite3_column_bytes(st, 4);
    r->nwords = bytes / sizeof *r->words;
    if (r->nwords > CLAIM_MAX_WORDS) r->nwords = CLAIM_MAX_WORDS;
    r->words = malloc((r->nwords ? r->nwords : 1) * sizeof *r->words);
    if (!r->words) abort();
    if (r->nwords) memcpy(r->words, sqlite3_column_blob(st, 4), r->nwords * sizeof *r->words);
    r->doc = dup_col(st, 7);
    r->outlet = dup_col(st, 8);
    r->published = dup_col(st, 9);
    r->pub = (claim_statement){sqlite3_column_int64(st, 10), r->doc, r->outlet, r->published, NULL,
                               sqlite3_column_type(st, 11) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 11),
                               r->text, r->quote};
}

int link_claims(linker *l, long long by_cluster, claim_fn fn, void *ctx, char *err, size_t errlen)
{
    static const char sql[] =
        "SELECT s.claim, s.statement, s.start, s.end, s.words, q.text, q.start, a.id, a.outlet, a.published,"
        " q.article, e.cluster FROM link_statements s JOIN link_quotes q ON q.quote = s.quote"
        " JOIN articles a ON a.rowid = q.article LEFT JOIN link_entities e ON e.node = q.speaker"
        " WHERE s.claim IN (SELECT claim FROM link_statements GROUP BY claim HAVING count(*) > 1)"
        " ORDER BY s.claim, s.statement";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    owned_claim *v = NULL, cur = {0};
    size_t n = 0, cap = 0;
    long long id = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long claim = sqlite3_column_int64(st, 0);
        if (claim != id && cur.nrows) {
            if (finish(l, &cur, by_cluster)) {
                if (n == cap) {
                    cap = cap ? 2 * cap : 16;
                    v = realloc(v, cap * sizeof *v);
                    if (!v) abort();
                }
                v[n++] = cur;
            } else {
                free_claim(&cur);
            }
            memset(&cur, 0, sizeof cur);
        }
        id = claim;
        if (cur.nrows == cur.cap) {
            cur.cap = cur.cap ? 2 * cur.cap : 8;
            cur.rows = realloc(cur.rows, cur.cap * sizeof *cur.rows);
            if (!cur.rows) abort();
        }
        read_row(st, &cur.rows[cur.nrows++]);
    }
    sqlite3_reset(st);
    if (cur.nrows) {
        if (finish(l, &cur, by_cluster)) {
            v = realloc(v, (n + 1) * sizeof *v);
            if (!v) abort();
            v[n++] = cur;
        } else {
            free_claim(&cur);
        }
    }
    int result = rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
    if (result == 0 && n > 1) qsort(v, n, sizeof *v, claim_order);
    int stop = 0;
    for (size_t i = 0; i < n && result == 0 && !stop; i++) stop = fn(&v[i].pub, ctx);
    for (size_t i = 0; i < n; i++) free_claim(&v[i]);
    free(v);
    return result < 0 ? -1 : stop ? 1 : 0;
}
