/* query.c — search and show over the store (see query.h). */
#include "query/query.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/date.h"
#include "core/json.h"

/* Tokens in a snippet (FTS5 allows up to 64). */
#define SNIPPET_TOKENS "24"
/* FTS5's snippet() scores every match against every other, so its time grows
 * with the square of the matches in one article: a 1.6 MB text full of the
 * word takes seconds, 50 MB takes hours. Longer texts (no news article is
 * this long) show their opening instead. */
#define SNIPPET_MAX_CHARS "262144"
#define DEFAULT_LIMIT 10

/* A date filter is compared on the precision both sides have, so an article
 * dated only "2014" is within --since 2014-06-01, and --until 2014 takes all
 * of 2014. */
#define PREFIX_CMP(op, param) \
    "substr(a.published, 1, min(length(a.published), length(" param ")))" op \
    " substr(" param ", 1, min(length(a.published), length(" param ")))"

/* The column weights of BM25: a word in the title counts five times one in
 * the text. The same as the store's `rank` (schema.c), which a unit test
 * checks: dossier_rank() gives the order FTS5's ORDER BY rank gives. */
#define RANK_ARGS "articles_fts, 5.0, 1.0"

#define FILTERS \
    " AND (:since IS NULL OR (a.published IS NOT NULL AND " PREFIX_CMP(">=", ":since") "))" \
    " AND (:until IS NULL OR (a.published IS NOT NULL AND " PREFIX_CMP("<=", ":until") "))" \
    " AND (:outlet IS NULL OR a.outlet = :outlet COLLATE NOCASE)"

/* Every match with its score, from the index alone. */
static const char scan_sql[] =
    "SELECT rowid, dossier_rank(" RANK_ARGS ") FROM articles_fts WHERE articles_fts MATCH :match";
/* The same for a search of one word or phrase (dossier_rank_all). */
static const char scan_one_sql[] =
    "SELECT dossier_rank_all(" RANK_ARGS ") FROM articles_fts WHERE articles_fts MATCH :match LIMIT 1";
/* Whether the filters keep an article: asked only of a match that would
 * enter the best offset+limit, so a filter most articles pass costs a few
 * dozen lookups, not one per match (as a join did: 2.3 against 1.5 ms). */
static const char filter_sql[] = "SELECT 1 FROM articles a WHERE a.rowid = :row" FILTERS;

/* The returned articles: their fields by rowid (a plain B-tree lookup each);
 * then the snippets of those that get one, in one pass over the matches
 * between the first and the last of them. A MATCH seeking one row at a time
 * cost ~36 us a row (FTS5 opens every index segment again), the pass costs
 * about what counting the matches does. */
static const char row_sql[] =
    "SELECT id, title, published, outlet,"
    " CASE WHEN length(text) > " SNIPPET_MAX_CHARS " THEN substr(text, 1, 160) || '…' END"
    " FROM articles WHERE rowid = :row";
static const char snippet_sql[] =
    "SELECT rowid, snippet(articles_fts, 1, :open, :close, '…', " SNIPPET_TOKENS ")"
    " FROM articles_fts WHERE articles_fts MATCH :match AND rowid BETWEEN :lo AND :hi"
    " AND dossier_wanted(rowid)";

static const char article_sql[] =
    "SELECT a.id, a.source, a.title, a.published, a.outlet, a.dateline, a.text,"
    " a.removed, a.json, a.text_at, a.ingested_at,"
    " coalesce(a.sentences, 0), a.json_size"
    " FROM articles a WHERE a.id = ?1";

/* --- the search text ----------------------------------------------------- */

/* Characters FTS5 accepts in a bare (unquoted) word. */
static bool bare_char(unsigned char c)
{
    return c >= 0x80 || isalnum(c) || c == '_' || c == 0x1a;
}

/* Characters that show the user meant FTS5 syntax inside a word:
 * ^start, prefix*, column:word, {col1 col2}. */
static bool syntax_char(unsigned char c)
{
    return c == '^' || c == '*' || c == ':' || c == '{' || c == '}';
}

static bool is_operator(const char *w, size_t n)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "NEAR", "+"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strlen(ops[i]) == n && !memcmp(w, ops[i], n)) return true;
    return false;
}

static void put_word(const char *w, size_t n, buf *out)
{
    bool bare = true, syntax = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (syntax_char(c)) syntax = true;
        else if (!bare_char(c)) bare = false;
    }
    /* A star opens no word in FTS5's syntax (prefix* closes one), and a
     * query that opens with one is one of FTS5's special queries ("*id",
     * "*reads"), whose rows an auxiliary function must not be asked about
     * (SQLite 3.40 crashes in xRowid): such a word is words, quoted. */
    if (n && w[0] == '*') syntax = false, bare = false;
    if (bare || syntax || is_operator(w, n)) {
        buf_put(out, w, n);
        return;
    }
    /* "Tehrik-i-Taliban" as a phrase; the tokenizer splits it as it split the text. */
    buf_putc(out, '"');
    buf_put(out, w, n);
    buf_putc(out, '"');
}

void query_fts_text(const char *text, buf *out)
{
    const char *p = text;
    int depth = 0;
    while (*p) {
        unsigned char c = (unsigned char)*p;
        if (isspace(c) || c == '(' || c == ')' || (c == ',' && depth > 0)) {
            depth += c == '(' ? 1 : c == ')' && depth > 0 ? -1 : 0;
            buf_putc(out, (char)c);
            p++;
        } else if (c == '"') {              /* a phrase: through its closing mark */
            const char *q = p + 1;
            while (*q && !(q[0] == '"' && q[1] != '"')) q += q[0] == '"' ? 2 : 1;
            if (*q) q++;
            buf_put(out, p, (size_t)(q - p));
            p = q;
        } else {
            const char *q = p;
            while (*q && !isspace((unsigned char)*q) && *q != '(' && *q != ')' && *q != '"' &&
                   !(*q == ',' && depth > 0))
                q++;
            put_word(p, (size_t)(q - p), out);
            p = q;
        }
    }
    buf_cstr(out);
}

int query_terms(const char *text)
{
    int n = 0;
    bool in_word = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        bool w = isalnum(*p) || *p >= 0x80;   /* what FTS5's tokenizer makes words of */
        n += w && !in_word;
        in_word = w;
    }
    return n;
}

/* --- ranking --------------------------------------------------------------- */

/* Why not FTS5's own ORDER BY rank LIMIT n, as before: to score a match,
 * bm25() reads the article's length in tokens from articles_fts_docsize (a
 * statement step and a B-tree lookup per match), and FTS5 then sorts every
 * match through SQLite's sorter before the first row comes out. On the serve
 * benchmark's queries that was ~1.1 ms of CPU a search (2,656 lookups for
 * "government"), most of what a search cost. dossier_rank() is the same
 * BM25, term for term as SQLite's fts5_aux.c computes it, with the lengths
 * read once per connection (4 bytes an article) and read again only when the
 * store has changed; the best offset+limit matches are kept in a heap, and
 * snippet() runs for the returned rows alone. */

enum { S_SCAN, S_SCAN_ONE, S_FILTER, S_ROW, S_SNIPPET, S_VERSION, S_BEGIN, S_END, S_LENGTHS, S__N };
static const char *const searcher_sql[S__N] = {
    [S_SCAN] = scan_sql, [S_SCAN_ONE] = scan_one_sql, [S_FILTER] = filter_sql, [S_ROW] = row_sql, [S_SNIPPET] = snippet_sql,
    [S_VERSION] = "PRAGMA data_version", [S_BEGIN] = "BEGIN", [S_END] = "COMMIT",
    [S_LENGTHS] = "SELECT id, sz FROM articles_fts_docsize",
};

/* What a connection keeps between searches (store_reader_state). */
typedef struct searcher {
    sqlite3 *db;
    sqlite3_stmt *st[S__N];   /* prepared on first use, reused */
    int32_t *len;             /* tokens of the article with that rowid (title and text); -1: unknown */
    size_t nlen;
    long long version;        /* PRAGMA data_version when len was read; -1: never */
    int changes;              /* sqlite3_total_changes then: this connection's own writes */
    const sqlite3_int64 *wanted;   /* dossier_wanted(): the rows needing a snippet, ascending */
    size_t nwanted;
    struct scan_state *scan;       /* dossier_rank_all(): the scan in progress */
} searcher;

static void searcher_free(void *p)
{
    searcher *q = p;
    for (int i = 0; i < S__N; i++) sqlite3_finalize(q->st[i]);
    free(q->len);
    free(q);
}

static sqlite3_stmt *stmt(searcher *q, int which)
{
    if (!q->st[which] && sqlite3_prepare_v3(q->db, searcher_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                            &q->st[which], NULL) != SQLITE_OK)
        return NULL;
    return q->st[which];
}

/* BM25 for one query: the average length and each phrase's IDF. */
typedef struct rank_query {
    double avgdl;
    int nphrase;
    double *idf, *freq;
} rank_query;

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
    (void)api, (void)fts;
    (*(sqlite3_int64 *)ctx)++;
    return SQLITE_OK;
}

static rank_query *rank_query_of(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
    rank_query *r = api->xGetAuxdata(fts, 0);
    if (r) return r;
    int n = api->xPhraseCount(fts);
    r = calloc(1, sizeof *r + 2 * (size_t)n * sizeof(double));
    if (!r) abort();
    r->nphrase = n;
    r->idf = (double *)(r + 1);
    r->freq = r->idf + n;
    sqlite3_int64 rows = 0, tokens = 0;
    *rc = api->xRowCount(fts, &rows);
    if (*rc == SQLITE_OK) *rc = api->xColumnTotalSize(fts, -1, &tokens);
    r->avgdl = (double)tokens / (double)rows;
    for (int i = 0; *rc == SQLITE_OK && i < n; i++) {
        sqlite3_int64 hits = 0;
        *rc = api->xQueryPhrase(fts, i, &hits, count_row);
        double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        r->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }
    if (*rc == SQLITE_OK) *rc = api->xSetAuxdata(fts, r, free);
    else free(r);
    return *rc == SQLITE_OK ? r : NULL;
}

/* One match's BM25: bm25() with its k1 = 1.2 and b = 0.75, negated as bm25()
 * is (lower is better), the article's length from the searcher when it
 * knows it; val holds the column weights. */
static int score_row(const Fts5ExtensionApi *api, Fts5Context *fts, searcher *q, rank_query *r, int nval,
                     sqlite3_value **val, double *out)
{
    const double k1 = 1.2, b = 0.75;
    int ninst = 0, rc = api->xInstCount(fts, &ninst);
    memset(r->freq, 0, (size_t)r->nphrase * sizeof *r->freq);
    for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
        int phrase, column, offset;
        rc = api->xInst(fts, i, &phrase, &column, &offset);
        if (rc == SQLITE_OK) r->freq[phrase] += nval > column ? sqlite3_value_double(val[column]) : 1.0;
    }
    sqlite3_int64 row = api->xRowid(fts);
    int tokens = row >= 0 && (size_t)row < q->nlen ? q->len[row] : -1;
    if (rc == SQLITE_OK && tokens < 0) rc = api->xColumnSize(fts, -1, &tokens);
    double score = 0.0, d = (double)tokens;
    for (int i = 0; i < r->nphrase; i++)
        score += r->idf[i] * ((r->freq[i] * (k1 + 1.0)) / (r->freq[i] + k1 * (1 - b + b * d / r->avgdl)));
    *out = -1.0 * score;
    return rc;
}

/* dossier_rank(articles_fts, weight of column 0, weight of column 1 ...): the
 * match's BM25 (score_row). */
static void dossier_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                         sqlite3_value **val)
{
    int rc = SQLITE_OK;
    double score = 0.0;
    rank_query *r = rank_query_of(api, fts, &rc);
    if (r) rc = score_row(api, fts, api->xUserData(fts), r, nval, val, &score);
    if (rc == SQLITE_OK) sqlite3_result_double(ctx, score);
    else sqlite3_result_error_code(ctx, rc);
}

/* dossier_rank_all(articles_fts, weights ...), for a search of one word or
 * one phrase, whose matches are the rows holding that phrase: called on the
 * first match, it scores every match in one walk of the phrase's rows
 * (xQueryPhrase) and offers each to the scan in progress (searcher.scan),
 * instead of a statement step and a function call a match (0.29 -> 0.19 ms a
 * search on single words of the news store). */
static void dossier_rank_all(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                             sqlite3_value **val);

static int by_row(const void *x, const void *y)
{
    sqlite3_int64 a = *(const sqlite3_int64 *)x, b = *(const sqlite3_int64 *)y;
    return (a > b) - (a < b);
}

/* dossier_wanted(rowid): whether the row is one of the page's (searcher.wanted). */
static void dossier_wanted(sqlite3_context *ctx, int nval, sqlite3_value **val)
{
    (void)nval;
    searcher *q = sqlite3_user_data(ctx);
    sqlite3_int64 row = sqlite3_value_int64(val[0]);
    sqlite3_result_int(ctx, q->nwanted && bsearch(&row, q->wanted, q->nwanted, sizeof row, by_row) != NULL);
}

/* The connection's searcher, made and dossier_rank registered on first use;
 * NULL when the connection has no FTS5. */
static searcher *searcher_of(store *s)
{
    searcher *q = store_reader_state(s);
    if (q) return q;
    sqlite3 *db = store_sqlite(s);
    fts5_api *api = NULL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return NULL;
    sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    if (!api || api->iVersion < 2) return NULL;
    q = calloc(1, sizeof *q);
    if (!q) abort();
    *q = (searcher){.db = db, .version = -1};
    if (api->xCreateFunction(api, "dossier_rank", q, dossier_rank, NULL) != SQLITE_OK ||
        api->xCreateFunction(api, "dossier_rank_all", q, dossier_rank_all, NULL) != SQLITE_OK ||
        sqlite3_create_function(db, "dossier_wanted", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, q, dossier_wanted, NULL,
                                NULL) != SQLITE_OK) {
        free(q);
        return NULL;
    }
    store_set_reader_state(s, q, searcher_free);
    return q;
}

/* One article's length: the sum of a docsize record's varints (SQLite's
 * format, most significant group first). */
static int32_t docsize_tokens(const unsigned char *p, int n)
{
    int64_t total = 0;
    for (int i = 0; i < n;) {
        uint32_t v = 0;
        for (int k = 0; i < n && k < 5; k++) {
            unsigned char c = p[i++];
            v = (v << 7) | (c & 0x7f);
            if (!(c & 0x80)) break;
        }
        total += v;
    }
    return total > INT32_MAX ? -1 : (int32_t)total;
}

static long long data_version(searcher *q)
{
    sqlite3_stmt *st = stmt(q, S_VERSION);
    long long v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    if (st) sqlite3_reset(st);
    return v;
}

/* Reads the articles' lengths again when another connection committed or
 * this one wrote since they were read. Inside the search's read
 * transaction, so they are the lengths of the snapshot searched. */
static int refresh_lengths(searcher *q)
{
    long long v = data_version(q);
    int changes = sqlite3_total_changes(q->db);
    if (v < 0) return -1;
    if (v == q->version && changes == q->changes) return 0;
    sqlite3_stmt *st = stmt(q, S_LENGTHS);
    if (!st) return -1;
    size_t have = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sqlite3_int64 id = sqlite3_column_int64(st, 0);
        if (id < 0 || id >= INT32_MAX) continue;
        if ((size_t)id >= q->nlen) {
            size_t n = q->nlen ? q->nlen : 1024;
            while (n <= (size_t)id) n *= 2;
            int32_t *len = realloc(q->len, n * sizeof *len);
            if (!len) abort();
            q->len = len;
            q->nlen = n;
        }
        while (have < (size_t)id) q->len[have++] = -1;
        q->len[have++] = docsize_tokens(sqlite3_column_blob(st, 1), sqlite3_column_bytes(st, 1));
    }
    while (have < q->nlen) q->len[have++] = -1;
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        q->version = -1;
        return -1;
    }
    q->version = v;
    q->changes = changes;
    return 0;
}

/* The best k matches: a heap with the worst of them on top. Ties, which
 * FTS5's sort left in no promised order, go to the earlier stored article. */
typedef struct scored {
    double rank;   /* dossier_rank: lower is better */
    sqlite3_int64 row;
} scored;

typedef struct top {
    scored *v;
    size_t n, cap, k;
} top;

static bool worse(scored a, scored b) { return a.rank > b.rank || (a.rank == b.rank && a.row > b.row); }

static int by_rank(const void *x, const void *y)
{
    const scored *a = x, *b = y;
    return worse(*a, *b) ? 1 : worse(*b, *a) ? -1 : 0;
}

/* Whether x would be among the best k seen so far. */
static bool top_takes(const top *t, scored x) { return t->n < t->k || worse(t->v[0], x); }

static void top_add(top *t, scored x)
{
    if (t->n == t->k) {
        if (!worse(t->v[0], x)) return;
        size_t i = 0;   /* x replaces the worst: sift down */
        for (;;) {
            size_t c = 2 * i + 1;
            if (c >= t->n) break;
            if (c + 1 < t->n && worse(t->v[c + 1], t->v[c])) c++;
            if (!worse(t->v[c], x)) break;
            t->v[i] = t->v[c];
            i = c;
        }
        t->v[i] = x;
        return;
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        if (!(t->v = realloc(t->v, t->cap * sizeof *t->v))) abort();
    }
    size_t i = t->n++;   /* sift up */
    while (i > 0 && worse(x, t->v[(i - 1) / 2])) {
        t->v[i] = t->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    t->v[i] = x;
}

/* --- search ------------------------------------------------------------ */

static int fail(sqlite3 *db, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", sqlite3_errmsg(db));
    return QUERY_STORE;
}

/* FTS5 parses the MATCH text when the statement first steps, and reports a
 * malformed one as a plain SQLITE_ERROR ("fts5: syntax error near ...",
 * "unterminated string", "no such column: x"); a damaged or unreadable store
 * has codes of its own (CORRUPT, IOERR, NOTADB, BUSY ...). */
static int step_failed(sqlite3 *db, char *err, size_t errlen)
{
    int rc = fail(db, err, errlen);
    return sqlite3_errcode(db) == SQLITE_ERROR ? QUERY_BAD_QUERY : rc;
}

static void bind_named(sqlite3_stmt *st, const char *name, const char *value)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (!i) return;
    if (value) sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

/* A search's parameters, checked, for binding to each statement. */
typedef struct search_args {
    const char *match;
    char since[16], until[16];
    bool dated, filtered;
} search_args;

static int check_filters(const query_filter *f, search_args *a, char *err, size_t errlen)
{
    if (f->since && date_filter(f->since, a->since, sizeof a->since) != 0) {
        snprintf(err, errlen, "--since '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", f->since);
        return QUERY_BAD_QUERY;
    }
    if (f->until && date_filter(f->until, a->until, sizeof a->until) != 0) {
        snprintf(err, errlen, "--until '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", f->until);
        return QUERY_BAD_QUERY;
    }
    a->filtered = f->since || f->until || f->outlet;
    return QUERY_OK;
}

static void bind_args(sqlite3_stmt *st, const query_filter *f, const search_args *a)
{
    bind_named(st, ":match", a->match);
    bind_named(st, ":since", f->since ? a->since : NULL);
    bind_named(st, ":until", f->until ? a->until : NULL);
    bind_named(st, ":outlet", f->outlet);
    bind_named(st, ":open", f->mark_open ? f->mark_open : "[");
    bind_named(st, ":close", f->mark_close ? f->mark_close : "]");
}

/* A snippet on one line: every run of white space becomes one space. */
static const char *one_line(const char *s, buf *b)
{
    b->n = 0;
    bool space = false;
    for (; s && *s; s++) {
        if (isspace((unsigned char)*s)) {
            space = true;
            continue;
        }
        if (space && b->n) buf_putc(b, ' ');
        space = false;
        buf_putc(b, *s);
    }
    return buf_cstr(b);
}

static bool blank(const char *s)
{
    while (*s && isspace((unsigned char)*s)) s++;
    return !*s;
}

static const char *col(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }

/* 1 when the filters keep the article, 0 when not, < 0 on an error. */
static int kept(sqlite3_stmt *filter, sqlite3_int64 row)
{
    sqlite3_bind_int64(filter, sqlite3_bind_parameter_index(filter, ":row"), row);
    int rc = sqlite3_step(filter);
    sqlite3_reset(filter);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* A scan in progress: the best matches so far, the filter statement (NULL:
 * none), and for dossier_rank_all its weights and BM25 figures. */
typedef struct scan_state {
    top *t;
    sqlite3_stmt *filter;
    searcher *q;
    rank_query *r;
    int nval;
    sqlite3_value **val;
    bool failed;    /* the filter could not be read */
    bool walked;    /* dossier_rank_all has walked the matches */
} scan_state;

/* Keeps a match if it is among the best so far and the filters keep it. */
static int offer(scan_state *s, scored x)
{
    if (!top_takes(s->t, x)) return 0;
    int k = s->filter ? kept(s->filter, x.row) : 1;
    if (k < 0) s->failed = true;
    if (k > 0) top_add(s->t, x);
    return k < 0 ? -1 : 0;
}

static int rank_each(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
    scan_state *s = ctx;
    scored x = {.row = api->xRowid(fts)};
    int rc = score_row(api, fts, s->q, s->r, s->nval, s->val, &x.rank);
    if (rc == SQLITE_OK && offer(s, x) < 0) rc = SQLITE_ERROR;
    return rc;
}

static void dossier_rank_all(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx, int nval,
                             sqlite3_value **val)
{
    searcher *q = api->xUserData(fts);
    scan_state *s = q->scan;
    int rc = SQLITE_OK;
    if (s && !s->walked) {
        s->walked = true;
        s->r = rank_query_of(api, fts, &rc);
        s->nval = nval;
        s->val = val;
        if (s->r && api->xPhraseCount(fts) == 1) rc = api->xQueryPhrase(fts, 0, s, rank_each);
        else if (rc == SQLITE_OK) rc = SQLITE_MISUSE;   /* not one phrase: query.c chose wrongly */
    }
    if (rc == SQLITE_OK) sqlite3_result_null(ctx);
    else sqlite3_result_error_code(ctx, rc);
}

/* Whether an FTS5 query (query_fts_text's) is one word or one "phrase" and
 * nothing else: then its matches are the rows holding that phrase. A prefix,
 * a column or an operator goes the general way. */
static bool one_phrase(const char *m)
{
    while (isspace((unsigned char)*m)) m++;
    const char *p = m;
    bool word = false;
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) word |= bare_char((unsigned char)*p) && *p != 0x1a;
        if (*p++ != '"') return false;
    } else {
        for (; *p && bare_char((unsigned char)*p); p++) word = true;
        if (word && is_operator(m, (size_t)(p - m))) return false;
    }
    while (isspace((unsigned char)*p)) p++;
    return word && !*p;
}

/* Every match scored, the best t->k the filters keep kept. */
static int scan(searcher *q, const query_filter *f, const search_args *a, top *t, char *err, size_t errlen)
{
    bool one = one_phrase(a->match);
    sqlite3_stmt *st = stmt(q, one ? S_SCAN_ONE : S_SCAN);
    scan_state s = {.t = t, .q = q, .filter = a->filtered ? stmt(q, S_FILTER) : NULL};
    if (!st || (a->filtered && !s.filter)) return fail(q->db, err, errlen);
    bind_args(st, f, a);
    if (s.filter) bind_args(s.filter, f, a);
    int rc;
    if (one) {
        q->scan = &s;
        rc = sqlite3_step(st);
        q->scan = NULL;
        if (rc == SQLITE_ROW) rc = SQLITE_DONE;
    } else {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            if (offer(&s, (scored){.row = sqlite3_column_int64(st, 0), .rank = sqlite3_column_double(st, 1)}) < 0)
                break;
    }
    rc = s.failed ? fail(q->db, err, errlen) : rc == SQLITE_DONE ? QUERY_OK : step_failed(q->db, err, errlen);
    sqlite3_reset(st);
    return rc;
}

/* The page's rows, copied out of the statements until all are read: each
 * string an offset into strs, -1 for NULL. */
enum { F_ID, F_TITLE, F_PUBLISHED, F_OUTLET, F_SNIPPET, F__N };
typedef struct page_row {
    sqlite3_int64 row;
    size_t order;   /* in the page, by rank */
    double score;
    long field[F__N];
} page_row;

static long keep(buf *strs, const char *s)
{
    if (!s) return -1;
    long at = (long)strs->n;
    buf_put(strs, s, strlen(s) + 1);
    return at;
}

static int read_rows(searcher *q, page_row *rows, size_t n, buf *strs, char *err, size_t errlen)
{
    sqlite3_stmt *st = stmt(q, S_ROW);
    if (!st) return fail(q->db, err, errlen);
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_int64(st, 1, rows[i].row);
        int rc = sqlite3_step(st);
        for (int k = 0; k < F__N; k++) rows[i].field[k] = rc == SQLITE_ROW ? keep(strs, col(st, k)) : -1;
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return fail(q->db, err, errlen);
    }
    return QUERY_OK;
}

static int by_page_row(const void *x, const void *y) { return by_row(&((const page_row *)x)->row, &((const page_row *)y)->row); }

/* The snippets of the rows that have none yet (the long texts have their
 * opening). */
static int read_snippets(searcher *q, const query_filter *f, const search_args *a, page_row *rows, size_t n,
                         buf *strs, char *err, size_t errlen)
{
    sqlite3_int64 *wanted = malloc((n ? n : 1) * sizeof *wanted);
    if (!wanted) abort();
    size_t nw = 0;
    for (size_t i = 0; i < n; i++)
        if (rows[i].field[F_ID] >= 0 && rows[i].field[F_SNIPPET] < 0) wanted[nw++] = rows[i].row;
    int rc = QUERY_OK;
    sqlite3_stmt *st = nw ? stmt(q, S_SNIPPET) : NULL;
    if (nw && !st) rc = fail(q->db, err, errlen);
    if (st) {
        qsort(wanted, nw, sizeof *wanted, by_row);
        q->wanted = wanted;
        q->nwanted = nw;
        bind_args(st, f, a);
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":lo"), wanted[0]);
        sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":hi"), wanted[nw - 1]);
        buf line;
        buf_init(&line);
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            page_row key = {.row = sqlite3_column_int64(st, 0)};
            page_row *r = bsearch(&key, rows, n, sizeof *rows, by_page_row);
            if (r) r->field[F_SNIPPET] = keep(strs, one_line(col(st, 1), &line));
        }
        if (step != SQLITE_DONE) rc = step_failed(q->db, err, errlen);
        sqlite3_reset(st);
        buf_free(&line);
        q->wanted = NULL;
        q->nwanted = 0;
    }
    free(wanted);
    return rc;
}

static int by_order(const void *x, const void *y)
{
    const page_row *a = x, *b = y;
    return (a->order > b->order) - (a->order < b->order);
}

/* The rows of the page, in rank order, handed to fn. */
static int hand_over(searcher *q, const query_filter *f, const search_args *a, const top *t, query_hit_fn fn,
                     void *ctx, char *err, size_t errlen)
{
    size_t from = f->offset > 0 ? (size_t)f->offset : 0;
    if (from >= t->n) return 0;
    size_t n = t->n - from;
    page_row *rows = calloc(n, sizeof *rows);
    if (!rows) abort();
    for (size_t i = 0; i < n; i++) rows[i] = (page_row){.row = t->v[from + i].row, .order = i, .score = -t->v[from + i].rank};
    buf strs;
    buf_init(&strs);
    int rc = read_rows(q, rows, n, &strs, err, errlen);
    qsort(rows, n, sizeof *rows, by_page_row);
    if (rc == QUERY_OK && !f->no_snippets) rc = read_snippets(q, f, a, rows, n, &strs, err, errlen);
    qsort(rows, n, sizeof *rows, by_order);
    int hits = 0;
    for (size_t i = 0; rc == QUERY_OK && i < n; i++) {
        const page_row *r = &rows[i];
        if (r->field[F_ID] < 0) continue;   /* gone: cannot happen inside one read transaction */
#define FIELD(k) (r->field[k] < 0 ? NULL : strs.p + r->field[k])
        query_hit h = {
            .rank = (int)from + hits + 1,
            .id = FIELD(F_ID), .title = FIELD(F_TITLE), .published = FIELD(F_PUBLISHED), .outlet = FIELD(F_OUTLET),
            .snippet = f->no_snippets ? NULL : r->field[F_SNIPPET] < 0 ? "" : FIELD(F_SNIPPET),
            .score = r->score,
            .row = r->row,
        };
#undef FIELD
        hits++;
        if (fn && fn(&h, ctx)) rc = QUERY_STOPPED;
    }
    free(rows);
    buf_free(&strs);
    return rc == QUERY_OK ? hits : rc;
}

static int search(searcher *q, const query_filter *f, search_args *a, query_hit_fn fn, void *ctx, char *err,
                  size_t errlen)
{
    if (refresh_lengths(q) != 0) return fail(q->db, err, errlen);
    top t = {.k = (size_t)(f->offset > 0 ? f->offset : 0) + (size_t)(f->limit > 0 ? f->limit : DEFAULT_LIMIT)};
    int rc = scan(q, f, a, &t, err, errlen);
    if (rc == QUERY_OK) {
        if (t.n) qsort(t.v, t.n, sizeof *t.v, by_rank);
        rc = hand_over(q, f, a, &t, fn, ctx, err, errlen);
    }
    free(t.v);
    return rc;
}

int query_search(store *s, const char *text, const query_filter *f, query_hit_fn fn, void *ctx,
                 char *err, size_t errlen)
{
    static const query_filter none;
    if (!f) f = &none;
    if (!text || blank(text)) {
        snprintf(err, errlen, "empty search: give the words to look for");
        return QUERY_BAD_QUERY;
    }
    int terms = query_terms(text);
    if (terms > QUERY_MAX_TERMS) {
        snprintf(err, errlen, "search of %d words: the limit is %d", terms, QUERY_MAX_TERMS);
        return QUERY_BAD_QUERY;
    }
    search_args a = {0};
    int rc = check_filters(f, &a, err, errlen);
    if (rc != QUERY_OK) return rc;
    searcher *q = searcher_of(s);
    if (!q) return fail(store_sqlite(s), err, errlen);
    buf match;
    buf_init(&match);
    query_fts_text(text, &match);
    a.match = match.p;
    /* One read transaction: the lengths, the scores and the page are of one
     * snapshot, whatever an ingest commits meanwhile. A writer searching its
     * own open batch is already in one. */
    bool own = sqlite3_get_autocommit(q->db);
    sqlite3_stmt *begin = own ? stmt(q, S_BEGIN) : NULL, *end = own ? stmt(q, S_END) : NULL;
    if (own && (!begin || !end)) rc = fail(q->db, err, errlen);
    else if (own && sqlite3_step(begin) != SQLITE_DONE) rc = fail(q->db, err, errlen);
    else rc = search(q, f, &a, fn, ctx, err, errlen);
    if (begin) sqlite3_reset(begin);
    if (end && !sqlite3_get_autocommit(q->db)) {
        sqlite3_step(end);
        sqlite3_reset(end);
    }
    buf_free(&match);
    return rc;
}

/* --- show ------------------------------------------------------------------ */

int query_article(store *s, const char *id, query_article_fn fn, void *ctx, char *err, size_t errlen)
{
    sqlite3 *db = store_sqlite(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, article_sql, -1, &st, NULL) != SQLITE_OK) return fail(db, err, errlen);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const char *text = col(st, 6);
        const void *json = sqlite3_column_blob(st, 8);
        size_t text_len = (size_t)sqlite3_column_bytes(st, 6), json_len = (size_t)sqlite3_column_bytes(st, 8);
        int64_t json_size = sqlite3_column_type(st, 12) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 12);
        buf full;
        buf_init(&full);
        if (store_article_json(json, json_len, json_size, sqlite3_column_int64(st, 9), text, text_len, &full) != 0) {
            snprintf(err, errlen, "article '%s': its stored JSON is damaged", id);
            buf_free(&full);
            sqlite3_finalize(st);
            return QUERY_STORE;
        }
        query_article_row r = {
            .id = col(st, 0), .source = col(st, 1), .title = col(st, 2), .published = col(st, 3),
            .outlet = col(st, 4), .dateline = col(st, 5), .text = text, .text_len = text_len,
            .removed_json = col(st, 7), .json = buf_cstr(&full), .json_len = full.n,
            .ingested_at = col(st, 10), .sentences = sqlite3_column_int64(st, 11),
        };
        rc = fn && fn(&r, ctx) ? QUERY_STOPPED : QUERY_OK;
        buf_free(&full);
    } else if (rc == SQLITE_DONE) {
        snprintf(err, errlen, "no article with id '%s'", id);
        rc = QUERY_NOT_FOUND;
    } else {
        rc = fail(db, err, errlen);
    }
    sqlite3_finalize(st);
    return rc;
}

long long query_data_version(store *s)
{
    searcher *q = searcher_of(s);
    return q ? data_version(q) : -1;
}

void query_hit_json(const query_hit *h, buf *b)
{
    buf_printf(b, "{\"rank\":%d,\"score\":%.6g", h->rank, h->score);
    buf_puts(b, ",\"doc\":");
    json_cstr(b, h->id);
    buf_puts(b, ",\"title\":");
    json_cstr(b, h->title);
    buf_puts(b, ",\"published\":");
    json_cstr(b, h->published);
    buf_puts(b, ",\"outlet\":");
    json_cstr(b, h->outlet);
    buf_puts(b, ",\"snippet\":");
    json_cstr(b, h->snippet);
    buf_putc(b, '}');
}
