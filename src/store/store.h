/* store.h — the store stage: articles kept in one SQLite file, written in
 * batches, readable while an ingest runs.
 *
 *   store *s = store_open("dossier.db", STORE_WRITE, err, sizeof err);
 *   store_begin(s, err, sizeof err);
 *   store_put_article(s, a, json, n, err, sizeof err);   // NEW, UPDATED or DUP
 *   if (store_batch_full(s)) { store_commit(s, ...); store_begin(s, ...); }
 *   store_commit(s, err, sizeof err);
 *   store_close(s);
 *
 * The file is in WAL mode: readers (search, show, the server) see the last
 * committed batch and never wait for a writer, and a writer killed mid-batch
 * leaves the store as it was before that batch. The schema version lives in
 * PRAGMA user_version and is checked on open (see schema.c, where every table
 * is declared). Readers use store_sqlite() with their own statements; only
 * this stage writes. */
#ifndef DOSSIER_STORE_H
#define DOSSIER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/article.h"
#include "core/buf.h"

typedef struct store store;
struct sqlite3;

enum store_mode {
    STORE_READ,    /* the file must hold a dossier store of this version */
    STORE_WRITE,   /* created when missing or empty; an older schema is upgraded */
};

/* A batch is committed after this many articles or bytes of text, whichever
 * comes first: big enough that commits cost little, small enough that a
 * killed ingest loses little and memory stays flat. 1,024 rather than 256:
 * each commit writes the link tables' hot index pages to the WAL again, and
 * each batch is settled once (Reuters ingest 21.3 -> 19.6 CPU s, the same
 * store and report). */
#define STORE_BATCH_ARTICLES 1024
#define STORE_BATCH_BYTES ((size_t)8 << 20)

/* A versioned list of tables that another stage owns in the store (the
 * link stage's: src/link/schema.c): `since` is the version that introduced
 * each statement. */
typedef struct schema_stmt {
    int since;
    const char *sql;
} schema_stmt;

typedef struct schema_part {
    const char *name;          /* its version is kept in store_meta as schema:NAME */
    const schema_stmt *stmts;
    size_t n;
} schema_part;

/* NULL with a one-line reason (naming the file) when the file is missing (in
 * read mode), is not SQLite, is another program's database, or has a schema
 * newer than this build. */
store *store_open(const char *path, enum store_mode mode, char *err, size_t errlen);
void store_close(store *s);

/* The connection, for the reading stages (query, later link and serve). */
struct sqlite3 *store_sqlite(store *s);

/* A slot for the reading stage's state that lives as long as the connection
 * (query.c keeps its prepared statements and the articles' lengths there):
 * NULL until set; free_fn(state) runs in store_close, before the connection
 * closes. */
void *store_reader_state(store *s);
void store_set_reader_state(store *s, void *state, void (*free_fn)(void *));

/* One transaction per batch. Each returns 0, or -1 with a reason. After a
 * failed put or commit, call store_rollback: the batch is lost as a whole. */
int store_begin(store *s, char *err, size_t errlen);
int store_commit(store *s, char *err, size_t errlen);
void store_rollback(store *s);
bool store_batch_full(const store *s);

enum store_put {
    STORE_NEW,       /* stored */
    STORE_UPDATED,   /* the same source file changed since it was stored, or the same text was
                        stored under an id that comes later: replaced */
    STORE_DUP,       /* the same text is already stored (under this id or one that comes
                        first): nothing written */
    STORE_EMPTY,     /* no article text: nothing to store */
    STORE_TOO_BIG,   /* larger than SQLite stores in one value (err says so) */
    STORE_FAILED,    /* the store could not be written (err says why) */
};

/* Stores an article with its extract-format JSON (dossier_article_json), inside
 * the open transaction. Duplicates are found by a 128-bit hash of the cleaned
 * text, and the text is kept under the smallest id (in byte order) of those
 * that hold it, so which copy is kept never depends on the order of ingest. When another source already holds a->id, the article is stored as
 * "ID-2" ("ID-3", ...): a->id is changed to that, and the JSON rewritten, so
 * `show --json` prints what is stored under that id. The text is stored once:
 * its copy in the JSON is cut out in place, so json's bytes are changed
 * (no copy of a JSON that may be hundreds of megabytes). */
enum store_put store_put_article(store *s, article *a, char *json, size_t jsonlen, char *err, size_t errlen);

/* The folder the store's rooted ids are paths below (cli/roots.h), into
 * out: 1 when the store has one, 0 when not (nothing ingested from files
 * yet, or a store made before roots), -1 on error. */
int store_root(store *s, buf *out);

/* Widens the store's root to the nearest folder holding it and folder
 * (absolute, resolved; NULL: no change), inside the open batch, so that
 * two ingests deciding it at once cannot both move it. When it moves up,
 * every rooted article ID is renamed to "PREFIX/ID" (its extract JSON too),
 * PREFIX being the old root's path below the new. The root after it into
 * root (empty when none), PREFIX into prefix, *renamed: how many. 0, or -1
 * with a reason (the batch must then be rolled back). */
int store_widen_root(store *s, const char *folder, buf *root, buf *prefix, long *renamed, char *err,
                     size_t errlen);

/* Brings part's tables up to its version: a writer creates what is
 * missing in one transaction (a new store gets them all); a reader accepts
 * only the current version. Called by the stage that owns part, when it
 * opens on the store (link_open). 0, or -1 with a one-line reason. */
int store_apply_part(store *s, const schema_part *p, char *err, size_t errlen);

/* Articles stored (committed or in this connection's transaction); -1 on error. */
int64_t store_article_count(store *s);

/* The extract JSON of a stored article, appended to out: articles.json,
 * inflated when compressed (json_size, its plain length, differs from
 * jsonlen; -1 for a row stored before json_size existed), with
 * articles.text put back at articles.text_at (the store keeps the text
 * once). Returns -1 when a compressed value does not inflate. */
int store_article_json(const void *json, size_t jsonlen, int64_t json_size, int64_t text_at, const char *text,
                       size_t textlen, buf *out);

/* The content hash of a text, as stored (16 bytes, XXH3-128 canonical form). */
void store_text_hash(const char *text, size_t len, unsigned char out[16]);

#endif
