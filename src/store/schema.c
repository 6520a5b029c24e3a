/* schema.c — the store's own tables (articles, their full-text index, the
 * store's metadata), in one versioned list, and how a file's version is
 * checked and raised, for this list and for the lists other stages own
 * (store_apply_part: the link stage's, src/link/schema.c).
 *
 * To add a table: append its statements with `since` set to the next
 * version. A new file gets everything; an older store opened for writing
 * gets the statements newer than its PRAGMA user_version, in one
 * transaction, and its version raised. Nothing else needs to change. */
#include "store/schema.h"

#include <stdio.h>
#include <string.h>

static const schema_stmt schema[] = {
    /* One row per stored article. `id` is what users type (`show ID`); the
     * integer rowid keys the full-text index and the per-article tables, and
     * AUTOINCREMENT keeps it rising, never reused, so "rowid >= the batch's
     * first" names exactly the rows a batch added (see store_commit).
     * `hash` is XXH3-128 of the cleaned text: the same text is stored once.
     * `json` is the extract-format object with its "text" value cut out
     * (text_at is where it goes back), so the text is stored once and
     * `show --json` still prints exactly what extract printed. */
    {1, "CREATE TABLE articles("
        " rowid INTEGER PRIMARY KEY AUTOINCREMENT,"
        " id TEXT NOT NULL UNIQUE,"
        " source TEXT,"
        " title TEXT, published TEXT, outlet TEXT, dateline TEXT,"
        " text TEXT NOT NULL,"
        " removed TEXT NOT NULL DEFAULT '[]',"
        " hash BLOB NOT NULL UNIQUE,"
        " json TEXT NOT NULL,"
        " text_at INTEGER NOT NULL,"
        " ingested_at TEXT NOT NULL)"},
    {1, "CREATE INDEX articles_published ON articles(published)"},

    /* Sentence n of an article as a [start, end) byte span of its text. */
    {1, "CREATE TABLE sentences("
        " article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
        " n INTEGER NOT NULL,"
        " start INTEGER NOT NULL,"
        " end INTEGER NOT NULL,"
        " PRIMARY KEY(article, n)) WITHOUT ROWID"},

    /* Full text over title and text, ranked by BM25 with a word in the title
     * worth five in the text. External content: the index keeps only its
     * terms and reads the text back from `articles`, so the text is not
     * stored twice, yet snippet() works, which a contentless table cannot
     * do. There are no triggers: FTS5 (3.40) writes its pending terms out as
     * a new segment at every statement savepoint, which a trigger makes of
     * every insert; store.c indexes a whole batch in one statement instead. */
    {1, "CREATE VIRTUAL TABLE articles_fts USING fts5("
        " title, text, content='articles', content_rowid='rowid',"
        " tokenize='porter unicode61 remove_diacritics 2')"},
    {1, "INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0)')"},

    /* Versions 2 and 3 were the link stage's tables (src/link/schema.c). */

    /* Version 4: `json` may be zlib-compressed (a BLOB), `json_size` its
     * plain length in bytes; a value as long as json_size is plain, as in
     * SQLite's archive format, so sqlite3's sqlar_uncompress(json,
     * json_size) reads either. Rows stored before have json_size NULL. */
    {4, "ALTER TABLE articles ADD COLUMN json_size INTEGER"},

    /* Version 5: a leaner store. The sentence spans are in the extract
     * JSON; the store keeps only their count (`show` prints it). */
    {5, "ALTER TABLE articles ADD COLUMN sentences INTEGER"},
    {5, "UPDATE articles SET sentences = (SELECT count(*) FROM sentences s WHERE s.article = articles.rowid)"},
    {5, "DROP TABLE sentences"},

    /* Version 6: ids that last. `rooted`: the id is the file's path below
     * the store's root (store_meta 'root', the nearest folder holding every
     * file ingested), so it is renamed when the root moves up; archive
     * members, web pages and standard input are named otherwise. */
    {6, "ALTER TABLE articles ADD COLUMN rooted INTEGER NOT NULL DEFAULT 0"},
    {6, "CREATE TABLE store_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"},

    /* Version 7: the link stage's tables are declared by the link stage
     * (src/link/schema.c), which keeps their version in store_meta under
     * 'schema:link'. A store made before has them at its own version. */
    {7, "INSERT OR IGNORE INTO store_meta(key, value)"
        " SELECT 'schema:link', user_version FROM pragma_user_version WHERE user_version >= 2"},

    /* The view of the store's own table (docs/schema.md; the link stage
     * adds those of its tables). Names are as in the command line's --json:
     * `doc` an article's id, `published` its date. */
    {6, "CREATE VIEW v_articles AS SELECT id AS doc, title, published, outlet, dateline, source, text,"
        " ingested_at FROM articles"},
};
enum { NSCHEMA = sizeof schema / sizeof *schema };

int schema_version(void)
{
    int v = 0;
    for (int i = 0; i < NSCHEMA; i++)
        if (schema[i].since > v) v = schema[i].since;
    return v;
}

/* A single integer from a one-row query, or -1 with err set. */
static long long query_int(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(db));
        return -1;
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) v = sqlite3_column_int64(st, 0);
    else snprintf(err, errlen, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return v;
}

static int exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) == SQLITE_OK) return 0;
    snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return -1;
}

/* What the file holds: its version, or -1 (err set) when it is not ours. */
static int file_version(sqlite3 *db, char *err, size_t errlen)
{
    long long objects = query_int(db, "SELECT count(*) FROM sqlite_schema", err, errlen);
    if (objects < 0) return -1;
    long long app = query_int(db, "PRAGMA application_id", err, errlen);
    long long version = query_int(db, "PRAGMA user_version", err, errlen);
    if (app < 0 || version < 0) return -1;
    if (objects == 0 && app == 0) return 0;   /* empty: a store not made yet */
    if (app != SCHEMA_APPLICATION_ID) {
        snprintf(err, errlen, "not a dossier store (another program's SQLite database)");
        return -1;
    }
    return (int)version;
}

/* Creates what versions after `from` added, and records the new version. */
static int upgrade(sqlite3 *db, int from, char *err, size_t errlen)
{
    for (int i = 0; i < NSCHEMA; i++) {
        if (schema[i].since <= from) continue;
        if (exec(db, schema[i].sql, err, errlen) != 0) return -1;
    }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
             SCHEMA_APPLICATION_ID, schema_version());
    return exec(db, sql, err, errlen);
}

static int newer_error(int v, char *err, size_t errlen)
{
    snprintf(err, errlen, "store has schema version %d, newer than this dossier's %d "
             "(use a newer dossier)", v, schema_version());
    return -1;
}

int schema_probe(sqlite3 *db, char *err, size_t errlen)
{
    int v = file_version(db, err, errlen);
    if (v < 0) return -1;
    return v > schema_version() ? newer_error(v, err, errlen) : 0;
}

int schema_check(sqlite3 *db, bool writable, char *err, size_t errlen)
{
    int v = file_version(db, err, errlen);
    if (v < 0) return -1;
    if (v > schema_version()) return newer_error(v, err, errlen);
    if (v == schema_version()) return 0;
    if (!writable) {
        if (v == 0) snprintf(err, errlen, "no articles stored yet (dossier ingest creates the store)");
        else snprintf(err, errlen, "store has schema version %d; this dossier reads %d "
                      "(run dossier ingest on it once to upgrade)", v, schema_version());
        return -1;
    }
    /* Another ingest may be creating the same file: decide under the write lock. */
    if (exec(db, "BEGIN IMMEDIATE", err, errlen) != 0) return -1;
    v = file_version(db, err, errlen);
    int rc = v < 0 ? -1 : v > schema_version() ? newer_error(v, err, errlen)
           : v < schema_version() ? upgrade(db, v, err, errlen) : 0;
    if (rc == 0 && exec(db, "COMMIT", err, errlen) == 0) return 0;
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

/* --- the lists other stages own --------------------------------------------- */

static int part_version_of(const schema_part *p)
{
    int v = 0;
    for (size_t i = 0; i < p->n; i++)
        if (p->stmts[i].since > v) v = p->stmts[i].since;
    return v;
}

/* The version recorded for part p, 0 when none is. */
static int part_recorded(sqlite3 *db, const schema_part *p)
{
    sqlite3_stmt *st;
    int v = 0;
    if (sqlite3_prepare_v2(db, "SELECT value FROM store_meta WHERE key = 'schema:' || ?1", -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int part_upgrade(sqlite3 *db, const schema_part *p, int from, char *err, size_t errlen)
{
    /* in version order, so that a version's statements see the earlier ones */
    int to = part_version_of(p);
    for (int v = from + 1; v <= to; v++)
        for (size_t i = 0; i < p->n; i++)
            if (p->stmts[i].since == v && exec(db, p->stmts[i].sql, err, errlen) != 0) return -1;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO store_meta(key, value) VALUES ('schema:' || ?1, ?2)", -1, &st,
                           NULL) != SQLITE_OK) {
        snprintf(err, errlen, "%s", sqlite3_errmsg(db));
        return -1;
    }
    sqlite3_bind_text(st, 1, p->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, to);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    if (rc) snprintf(err, errlen, "%s", sqlite3_errmsg(db));
    sqlite3_finalize(st);
    return rc;
}

int schema_part_check(sqlite3 *db, const schema_part *p, bool writable, char *err, size_t errlen)
{
    int want = part_version_of(p), v = part_recorded(db, p);
    if (v == want) return 0;
    if (v > want) {
        snprintf(err, errlen, "store has %s tables of version %d, newer than this dossier's %d (use a newer dossier)",
                 p->name, v, want);
        return -1;
    }
    if (!writable) {
        snprintf(err, errlen, "store has %s tables of version %d; this dossier reads %d "
                 "(run dossier ingest on it once to upgrade)", p->name, v, want);
        return -1;
    }
    if (exec(db, "BEGIN IMMEDIATE", err, errlen) != 0) return -1;
    v = part_recorded(db, p);   /* another ingest may have done it meanwhile */
    int rc = v < want ? part_upgrade(db, p, v, err, errlen) : 0;
    if (rc == 0 && exec(db, "COMMIT", err, errlen) == 0) return 0;
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}
