/* query.c — search and show over the store (see query.h). */
#include "query/query.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
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

/* `rank` is BM25 with the column weights set in schema.c. Ordering by it
 * lets FTS5 sort the matches itself and hand them over best first, so
 * snippet() runs only for the rows returned, not for every match. */
static const char search_sql[] =
    "SELECT a.id, a.title, a.published, a.outlet,"
    " CASE WHEN length(a.text) <= " SNIPPET_MAX_CHARS
    "  THEN snippet(articles_fts, 1, :open, :close, '…', " SNIPPET_TOKENS ")"
    "  ELSE substr(a.text, 1, 160) || '…' END,"
    " -articles_fts.rank"
    " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
    " WHERE articles_fts MATCH :match"
    " AND (:since IS NULL OR (a.published IS NOT NULL AND " PREFIX_CMP(">=", ":since") "))"
    " AND (:until IS NULL OR (a.published IS NOT NULL AND " PREFIX_CMP("<=", ":until") "))"
    " AND (:outlet IS NULL OR a.outlet = :outlet COLLATE NOCASE)"
    " ORDER BY articles_fts.rank"
    " LIMIT :limit OFFSET :offset";

static const char article_sql[] =
    "SELECT a.id, a.source, a.title, a.published, a.outlet, a.dateline, a.text,"
    " a.removed, a.json, a.text_at, a.ingested_at,"
    " (SELECT count(*) FROM sentences s WHERE s.article = a.rowid), a.json_size"
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

/* --- filters --------------------------------------------------------------- */

/* n digits at p, or -1. */
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
    if (value) sqlite3_bind_text(st, i, value, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

static int bind_filters(sqlite3_stmt *st, const query_filter *f, char *err, size_t errlen)
{
    char since[16], until[16];
    if (f->since && date_filter(f->since, since, sizeof since) != 0) {
        snprintf(err, errlen, "--since '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", f->since);
        return QUERY_BAD_QUERY;
    }
    if (f->until && date_filter(f->until, until, sizeof until) != 0) {
        snprintf(err, errlen, "--until '%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", f->until);
        return QUERY_BAD_QUERY;
    }
    bind_named(st, ":since", f->since ? since : NULL);
    bind_named(st, ":until", f->until ? until : NULL);
    bind_named(st, ":outlet", f->outlet);
    bind_named(st, ":open", f->mark_open ? f->mark_open : "[");
    bind_named(st, ":close", f->mark_close ? f->mark_close : "]");
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":limit"), f->limit > 0 ? f->limit : DEFAULT_LIMIT);
    sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":offset"), f->offset > 0 ? f->offset : 0);
    return QUERY_OK;
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

static int run_search(sqlite3_stmt *st, const query_filter *f, query_hit_fn fn, void *ctx,
                      buf *snip, char *err, size_t errlen)
{
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        query_hit h = {
            .rank = (f->offset > 0 ? f->offset : 0) + n + 1,
            .id = col(st, 0), .title = col(st, 1), .published = col(st, 2), .outlet = col(st, 3),
            .snippet = one_line(col(st, 4), snip),
            .score = sqlite3_column_double(st, 5),
        };
        n++;
        if (fn && fn(&h, ctx)) return QUERY_STOPPED;
    }
    return rc == SQLITE_DONE ? n : step_failed(sqlite3_db_handle(st), err, errlen);
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
    sqlite3 *db = store_sqlite(s);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, search_sql, -1, &st, NULL) != SQLITE_OK) return fail(db, err, errlen);
    buf match, snip;
    buf_init(&match);
    buf_init(&snip);
    query_fts_text(text, &match);
    int rc = bind_filters(st, f, err, errlen);
    if (rc == QUERY_OK) {
        sqlite3_bind_text(st, sqlite3_bind_parameter_index(st, ":match"), match.p, (int)match.n, SQLITE_STATIC);
        rc = run_search(st, f, fn, ctx, &snip, err, errlen);
    }
    sqlite3_finalize(st);
    buf_free(&match);
    buf_free(&snip);
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
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(store_sqlite(s), "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
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
