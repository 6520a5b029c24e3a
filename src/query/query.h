/* query.h — reading the store: ranked full-text search with filters and
 * highlighted snippets, and one article by id. Used by the command line and
 * (later) the HTTP server; it never writes.
 *
 *   query_filter f = {.since = "2014-01-01", .limit = 10};
 *   query_search(s, "good Taliban", &f, print_hit, ctx, err, sizeof err);
 *   query_article(s, "000_d1a97ea69c924b42", print_article, ctx, err, sizeof err);
 *
 * Rows are handed to a callback, so nothing is copied and a large result
 * streams; the strings are valid only during the call. */
#ifndef DOSSIER_QUERY_H
#define DOSSIER_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "store/store.h"

enum query_status {
    QUERY_OK = 0,
    QUERY_BAD_QUERY = -1,   /* the search text or a filter is not valid (err says where) */
    QUERY_NOT_FOUND = -2,   /* no article with that id */
    QUERY_STORE = -3,       /* the store could not be read */
    QUERY_STOPPED = -4,     /* the callback asked to stop */
};

typedef struct query_filter {
    const char *since, *until;  /* dates YYYY, YYYY-MM or YYYY-MM-DD, or NULL;
                                   an article dated 2014 is within --since 2014-06-01 */
    const char *outlet;         /* exact, ignoring case, or NULL */
    int limit;                  /* 0: 10 */
    int offset;
    const char *mark_open, *mark_close;   /* around matched words; NULL: "[" "]" */
    bool no_snippets;           /* hits without a snippet (NULL): to count or list, cheaply */
} query_filter;

typedef struct query_hit {
    int rank;                   /* 1 for the best match (counting from offset) */
    double score;               /* BM25, higher is better; title matches weigh more; equal
                                   scores in the order the articles were stored */
    const char *id, *title, *published, *outlet;  /* title, published, outlet may be NULL */
    const char *snippet;        /* a passage of the text with matches marked */
    long long row;              /* the article's row number (corpus_text, corpus_named_in) */
} query_hit;

typedef struct query_article_row {
    const char *id, *source, *title, *published, *outlet, *dateline;
    const char *text, *removed_json, *json, *ingested_at;
    size_t text_len, json_len;
    int64_t sentences;
} query_article_row;

/* Return nonzero to stop. */
typedef int (*query_hit_fn)(const query_hit *hit, void *ctx);
typedef int (*query_article_fn)(const query_article_row *row, void *ctx);

/* Ranked search. The text is FTS5 query syntax (AND OR NOT, "phrases",
 * prefix*, NEAR(...), title:word), except that words with inner punctuation
 * (Tehrik-i-Taliban, U.S., don't) are searched as phrases instead of being
 * syntax errors. Returns the number of hits (>= 0) or an enum query_status. */
int query_search(store *s, const char *text, const query_filter *f, query_hit_fn fn, void *ctx,
                 char *err, size_t errlen);

/* The article stored under id; QUERY_OK, QUERY_NOT_FOUND or QUERY_STORE. */
int query_article(store *s, const char *id, query_article_fn fn, void *ctx, char *err, size_t errlen);

/* The most words a search may hold: FTS5's work on a query grows faster
 * than its length (1,000 words took 12.9 s), and a longer one is refused
 * with QUERY_BAD_QUERY. Operators and the words of phrases count. */
#define QUERY_MAX_TERMS 64

/* How many words text holds, as QUERY_MAX_TERMS counts them. */
int query_terms(const char *text);

/* A number that changes whenever another connection commits to the store
 * (SQLite's PRAGMA data_version), so a reader can tell that what it read
 * before may be stale (the server's response cache). -1 on error. */
long long query_data_version(store *s);

/* Appends hit as a JSON object: rank, score, doc (the article's id), title,
 * published, outlet, snippet. The one writer of a search hit, for the
 * command line's --json and the server's /api/search alike. */
void query_hit_json(const query_hit *h, buf *b);

/* Rewrites a user's search text into an FTS5 query (see query_search). */
void query_fts_text(const char *text, buf *out);

#endif
