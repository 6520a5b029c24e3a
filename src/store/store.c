/* store.c — opening the store file, batches, and writing articles (see store.h). */
#include "store/store.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>
#include <xxhash.h>
#include <zlib.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/path.h"
#include "dossier.h"
#include "store/schema.h"

/* How long a writer waits for another writer's batch before giving up. */
#define STORE_BUSY_MS 10000
/* How many "ID-n" names are tried before an id is called exhausted. */
#define STORE_MAX_RENAMES 100000

/* The write statements, prepared once and reused for every article. */
enum {
    ST_BY_HASH, ST_BY_ID, ST_INSERT, ST_DELETE, ST_FTS_DELETE, ST_FTS_BATCH, ST_COUNT, ST__N
};
static const char *const stmt_sql[ST__N] = {
    [ST_BY_HASH] = "SELECT rowid, id FROM articles WHERE hash = ?1",
    [ST_BY_ID] = "SELECT rowid, source, rooted FROM articles WHERE id = ?1",
    [ST_INSERT] = "INSERT INTO articles(id, source, title, published, outlet, dateline,"
                  " text, removed, hash, json, text_at, json_size, sentences, rooted, ingested_at)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
                  " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    [ST_DELETE] = "DELETE FROM articles WHERE rowid = ?1",
    /* External content: FTS5 removes a row's terms given its old values. */
    [ST_FTS_DELETE] = "INSERT INTO articles_fts(articles_fts, rowid, title, text)"
                      " SELECT 'delete', rowid, title, text FROM articles WHERE rowid = ?1",
    [ST_FTS_BATCH] = "INSERT INTO articles_fts(rowid, title, text)"
                     " SELECT rowid, title, text FROM articles WHERE rowid >= ?1",
    [ST_COUNT] = "SELECT count(*) FROM articles",
};

struct store {
    sqlite3 *db;
    bool writable;
    bool in_tx;
    sqlite3_stmt *st[ST__N];
    unsigned batch_articles;
    size_t batch_bytes;
    sqlite3_int64 batch_first;   /* rowid of the batch's first article; 0 if none */
    buf removed;        /* an article's removed[] as JSON */
    buf json;           /* an article's JSON, rewritten after a rename */
    buf cut;            /* a piece of an article's text, escaped (cut_text) */
    buf z;              /* an article's JSON, compressed (pack_json) */
    z_stream zs;        /* pack_json's compressor, made once (each deflateInit allocates ~256 KB) */
    bool zs_ready;
    void *reader;       /* store_reader_state */
    void (*reader_free)(void *);
};

static void set_err(char *err, size_t errlen, const char *what, sqlite3 *db)
{
    snprintf(err, errlen, "%s%s%s", what, what[0] ? ": " : "", sqlite3_errmsg(db));
}

/* "file is not a database" and the like become one line naming the file. */
static store *open_failed(store *s, const char *path, const char *why, char *err, size_t errlen)
{
    char reason[512];
    snprintf(reason, sizeof reason, "%s", why);
    if (!strcmp(reason, "file is not a database"))
        snprintf(reason, sizeof reason, "not a dossier store (not an SQLite database)");
    snprintf(err, errlen, "%s: %s", path, reason);
    store_close(s);
    return NULL;
}

static int prepare_all(store *s)
{
    for (int i = 0; i < ST__N; i++) {
        if (!s->writable && i != ST_COUNT) continue;
        if (sqlite3_prepare_v3(s->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK)
            return -1;
    }
    return 0;
}

/* WAL so readers never wait; NORMAL sync is durable at each checkpoint and
 * never corrupts, which is the trade SQLite recommends for WAL. A checkpoint
 * every 64 MB of WAL rather than SQLite's 4 MB: the link tables' hot index
 * pages change in every batch, and each checkpoint writes them out again
 * (Reuters ingest: 18 -> 16 CPU s). */
static int writer_pragmas(store *s, char *err, size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st);
    bool wal = rc == SQLITE_ROW && !sqlite3_stricmp((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return -1;
    if (!wal) {
        snprintf(err, errlen, "cannot switch the store to WAL mode");
        return -2;
    }
    return sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=16384",
                        NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* "file:" + path, percent-encoded, + "?immutable=1". */
static void immutable_uri(const char *path, buf *uri)
{
    static const char hex[] = "0123456789ABCDEF";
    buf_puts(uri, path[0] == '/' ? "file://" : "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p)) {
            buf_putc(uri, (char)*p);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_put(uri, e, 3);
        }
    }
    buf_puts(uri, "?immutable=1");
}

/* A reader of a WAL store needs its -shm file, and makes it when it is
 * missing: a user who may read the store but not write its folder got
 * "attempt to write a readonly database". Such a store is opened again as
 * immutable, which needs no -shm. Nobody who cannot write the folder can
 * be writing the store, unless an ingest with more rights runs at that
 * moment: then this reader may see a stale or partial batch, which is the
 * documented price (README, "Bad input"). */
static bool needs_immutable(sqlite3 *db)
{
    int rc = sqlite3_extended_errcode(db);
    return (rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN;
}

/* SQLite counts every allocation under a global mutex for
 * sqlite3_status(), which dossier never reads: a few percent of an ingest.
 * Set once, before SQLite first initializes (later it is refused, harmlessly). */
static void sqlite_config_once(void) { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

static int open_db(store *s, const char *path, bool immutable)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, sqlite_config_once);
    int flags = s->writable ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    buf uri;
    buf_init(&uri);
    if (immutable) immutable_uri(path, &uri);
    int rc = sqlite3_open_v2(immutable ? buf_cstr(&uri) : path, &s->db,
                             flags | SQLITE_OPEN_NOMUTEX | (immutable ? SQLITE_OPEN_URI : 0), NULL);
    buf_free(&uri);
    if (rc != SQLITE_OK) return -1;
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
    return 0;
}

store *store_open(const char *path, enum store_mode mode, char *err, size_t errlen)
{
    struct stat sb;
    if (mode == STORE_READ && stat(path, &sb) != 0) {
        snprintf(err, errlen, "%s: no store there (%s; dossier ingest PATH --db %s makes one)",
                 path, strerror(errno), path);
        return NULL;
    }
    store *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->writable = mode == STORE_WRITE;
    buf_init(&s->removed);
    buf_init(&s->json);
    buf_init(&s->cut);
    buf_init(&s->z);
    if (open_db(s, path, false) != 0)
        return open_failed(s, path, s->db ? sqlite3_errmsg(s->db) : "out of memory", err, errlen);
    char why[512] = "";
    if (s->writable) {
        /* Another program's file is refused before anything is written to it. */
        if (schema_probe(s->db, why, sizeof why) != 0) return open_failed(s, path, why, err, errlen);
        int rc = writer_pragmas(s, why, sizeof why);
        if (rc == -1) return open_failed(s, path, sqlite3_errmsg(s->db), err, errlen);
        if (rc == -2) return open_failed(s, path, why, err, errlen);
    }
    if (schema_check(s->db, s->writable, why, sizeof why) != 0) {
        if (s->writable || !needs_immutable(s->db)) return open_failed(s, path, why, err, errlen);
        sqlite3_close_v2(s->db);
        s->db = NULL;
        if (open_db(s, path, true) != 0 || schema_check(s->db, false, why, sizeof why) != 0)
            return open_failed(s, path, s->db && !why[0] ? sqlite3_errmsg(s->db) : why, err, errlen);
    }
    if (prepare_all(s) != 0) return open_failed(s, path, sqlite3_errmsg(s->db), err, errlen);
    return s;
}

void store_close(store *s)
{
    if (!s) return;
    if (s->in_tx) store_rollback(s);
    if (s->reader_free) s->reader_free(s->reader);
    for (int i = 0; i < ST__N; i++) sqlite3_finalize(s->st[i]);
    /* _v2: closes once a stage that still holds a statement finalizes it. */
    sqlite3_close_v2(s->db);
    buf_free(&s->removed);
    buf_free(&s->json);
    buf_free(&s->cut);
    buf_free(&s->z);
    if (s->zs_ready) deflateEnd(&s->zs);
    free(s);
}

sqlite3 *store_sqlite(store *s) { return s->db; }

void *store_reader_state(store *s) { return s->reader; }

void store_set_reader_state(store *s, void *state, void (*free_fn)(void *))
{
    if (s->reader_free) s->reader_free(s->reader);
    s->reader = state;
    s->reader_free = free_fn;
}

int store_begin(store *s, char *err, size_t errlen)
{
    /* IMMEDIATE takes the write lock now, so a second writer waits here
     * (busy_timeout) instead of failing halfway through its batch. */
    if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
        set_err(err, errlen, "cannot start a batch", s->db);
        return -1;
    }
    s->in_tx = true;
    s->batch_articles = 0;
    s->batch_bytes = 0;
    s->batch_first = 0;
    return 0;
}

/* The batch's articles enter the full-text index in one statement, so FTS5
 * writes one segment per batch (see schema.c). */
static int index_batch(store *s)
{
    if (!s->batch_first) return 0;
    sqlite3_bind_int64(s->st[ST_FTS_BATCH], 1, s->batch_first);
    int rc = sqlite3_step(s->st[ST_FTS_BATCH]);
    sqlite3_reset(s->st[ST_FTS_BATCH]);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_commit(store *s, char *err, size_t errlen)
{
    if (!s->in_tx) {
        snprintf(err, errlen, "no batch to commit");
        return -1;
    }
    if (index_batch(s) != 0) {
        set_err(err, errlen, "cannot index the batch", s->db);
        return -1;
    }
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
        set_err(err, errlen, "cannot commit the batch", s->db);
        return -1;
    }
    s->in_tx = false;
    s->batch_first = 0;
    return 0;
}

void store_rollback(store *s)
{
    /* After some errors SQLite has already rolled back; that is fine. */
    if (!sqlite3_get_autocommit(s->db)) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = false;
    s->batch_first = 0;
}

bool store_batch_full(const store *s)
{
    return s->batch_articles >= STORE_BATCH_ARTICLES || s->batch_bytes >= STORE_BATCH_BYTES;
}

void store_text_hash(const char *text, size_t len, unsigned char out[16])
{
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, XXH3_128bits(text, len));
    memcpy(out, c.digest, 16);
}

/* Runs a statement that returns no rows; resets it either way. */
static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static void removed_json(buf *b, const article *a)
{
    buf_putc(b, '[');
    for (uint32_t i = 0; i < a->removed.n; i++) {
        if (i) buf_putc(b, ',');
        json_cstr(b, a->removed.v[i]);
    }
    buf_putc(b, ']');
}

/* The JSON as it is stored: zlib-compressed when that is smaller (JSON
 * without its text shrinks about sixfold), else as it is. This is the
 * convention of SQLite's archive format: a value whose length equals
 * json_size is plain, so `sqlite3 STORE "SELECT sqlar_uncompress(json,
 * json_size) FROM articles"` reads it back with no dossier at hand.
 * Level 1: most of level 6's saving at a third of its CPU time. One
 * stream is reset for each article rather than made anew (compress2):
 * the same bytes out, without clearing its tables every time. */
static void pack_json(store *s, const char *json, size_t jsonlen, const void **out, size_t *outlen)
{
    uLong zn = compressBound((uLong)jsonlen);
    *out = json;
    *outlen = jsonlen;
    if ((uLong)jsonlen != jsonlen || (uInt)zn != zn) return;
    if (!s->zs_ready) {
        if (deflateInit(&s->zs, 1) != Z_OK) return;
        s->zs_ready = true;
    } else if (deflateReset(&s->zs) != Z_OK) {
        return;
    }
    buf_reserve(&s->z, zn);
    s->zs.next_in = (Bytef *)json;
    s->zs.avail_in = (uInt)jsonlen;
    s->zs.next_out = (Bytef *)s->z.p;
    s->zs.avail_out = (uInt)zn;
    if (deflate(&s->zs, Z_FINISH) != Z_STREAM_END || s->zs.total_out >= jsonlen) return;
    *out = s->z.p;
    *outlen = s->zs.total_out;
}

static int insert_article(store *s, const article *a, const unsigned char hash[16],
                          const char *json, size_t jsonlen, sqlite3_int64 text_at)
{
    sqlite3_stmt *st = s->st[ST_INSERT];
    const void *packed;
    size_t packedlen;
    pack_json(s, json, jsonlen, &packed, &packedlen);
    s->removed.n = 0;
    removed_json(&s->removed, a);
    bind_text(st, 1, a->id);
    bind_text(st, 2, a->source);
    bind_text(st, 3, a->title);
    bind_text(st, 4, a->published);
    bind_text(st, 5, a->outlet);
    bind_text(st, 6, a->dateline);
    sqlite3_bind_text64(st, 7, a->text, a->len, SQLITE_STATIC, SQLITE_UTF8);
    sqlite3_bind_text(st, 8, s->removed.p, (int)s->removed.n, SQLITE_STATIC);
    sqlite3_bind_blob(st, 9, hash, 16, SQLITE_STATIC);
    if (packed == json) sqlite3_bind_text64(st, 10, json, jsonlen, SQLITE_STATIC, SQLITE_UTF8);
    else sqlite3_bind_blob64(st, 10, packed, packedlen, SQLITE_STATIC);
    sqlite3_bind_int64(st, 11, text_at);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)jsonlen);
    sqlite3_bind_int64(st, 13, a->sents.n);
    sqlite3_bind_int(st, 14, a->id_rooted);
    int rc = step_done(st);
    sqlite3_clear_bindings(st);
    if (rc != 0) return -1;
    if (!s->batch_first) s->batch_first = sqlite3_last_insert_rowid(s->db);
    return 0;
}

/* Whether the text is stored already under an id that comes first (by
 * byte order) or is this one: then the new copy is a duplicate. When the
 * new copy's id comes first, *replace is the stored copy's rowid: the text
 * is kept under the smallest id of the files that hold it, whatever order
 * they came in. */
static bool hash_stored(store *s, const unsigned char hash[16], const char *id, sqlite3_int64 *replace, int *rc)
{
    sqlite3_stmt *st = s->st[ST_BY_HASH];
    sqlite3_bind_blob(st, 1, hash, 16, SQLITE_STATIC);
    int r = sqlite3_step(st);
    bool dup = false;
    *replace = 0;
    if (r == SQLITE_ROW) {
        const char *held = (const char *)sqlite3_column_text(st, 1);
        if (held && strcmp(id, held) < 0) *replace = sqlite3_column_int64(st, 0);
        else dup = true;
    }
    sqlite3_reset(st);
    *rc = r == SQLITE_ROW || r == SQLITE_DONE ? 0 : -1;
    return dup;
}

/* A path's last component. */
static const char *file_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Whether a stored row and an article of the same id came from the same file.
 * ingest records sources with their folders resolved, so equal sources are
 * one file. A row stored before that kept the path as typed, relative to the
 * folder ingest ran in: when both ids are rooted (a path below the store's
 * root, extension dropped), the same file name means the same path below the
 * root, so the same file. */
static bool same_file(const char *stored, bool stored_rooted, const article *a)
{
    if (!stored || !a->source) return false;
    if (!strcmp(stored, a->source)) return true;
    return stored[0] != '/' && stored_rooted && a->id_rooted && !strchr(stored, ':') &&
           !strcmp(file_name(stored), file_name(a->source));
}

/* Who holds `id`: 0 nobody, 1 the same file (its rowid in *rowid), 2 another
 * file; -1 on error. */
static int id_holder(store *s, const char *id, const article *a, sqlite3_int64 *rowid)
{
    sqlite3_stmt *st = s->st[ST_BY_ID];
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int r = sqlite3_step(st), who = 0;
    if (r == SQLITE_ROW) {
        const char *src = (const char *)sqlite3_column_text(st, 1);
        *rowid = sqlite3_column_int64(st, 0);
        who = same_file(src, sqlite3_column_int(st, 2) != 0, a) ? 1 : 2;
    } else if (r != SQLITE_DONE) {
        who = -1;
    }
    sqlite3_reset(st);
    return who;
}

/* Finds the id the article is stored under: its own, or the first free (or
 * same-source) "ID-n". Sets *replace to the rowid of an older version of the
 * same source, else 0. Returns the id (in a's arena), or NULL on error. */
static const char *choose_id(store *s, article *a, sqlite3_int64 *replace, char *err, size_t errlen)
{
    *replace = 0;
    for (int k = 1; k <= STORE_MAX_RENAMES; k++) {
        const char *id = k == 1 ? a->id : arena_printf(&a->mem, "%s-%d", a->id, k);
        sqlite3_int64 rowid = 0;
        int who = id_holder(s, id, a, &rowid);
        if (who < 0) {
            set_err(err, errlen, "", s->db);
            return NULL;
        }
        if (who == 2) continue;
        if (who == 1) *replace = rowid;
        return id;
    }
    snprintf(err, errlen, "too many different articles named '%s'", a->id);
    return NULL;
}

/* Where the top-level "text" value of an extract JSON object starts and ends
 * (its quotes included); false if the object has none. */
static bool find_text_value(const char *j, size_t n, size_t *start, size_t *end)
{
    int depth = 0;
    bool key_is_text = false;
    for (size_t i = 0; i < n; i++) {
        char c = j[i];
        if (c == '{' || c == '[') depth++;
        else if (c == '}' || c == ']') depth--;
        else if (c == ':') continue;
        else if (c == '"') {
            size_t q = i + 1;
            while (q < n && j[q] != '"') q += j[q] == '\\' ? 2 : 1;
            if (q >= n) return false;
            if (depth == 1 && key_is_text) {
                *start = i;
                *end = q + 1;
                return true;
            }
            /* a key is a string followed by ':' */
            key_is_text = depth == 1 && q + 1 < n && j[q + 1] == ':' && q - i == 5 && !memcmp(j + i + 1, "text", 4);
            i = q;
            continue;
        }
        if (c != ' ') key_is_text = false;
    }
    return false;
}

/* Whether the JSON string body j (jn bytes, quotes left out) is exactly the
 * text as json_str escapes it. Escaping is byte by byte, so the text is
 * escaped and compared a piece at a time: a 50 MB article needs no 50 MB
 * copy. */
static bool escapes_to(buf *tmp, const char *text, size_t len, const char *j, size_t jn)
{
    enum { PIECE = 1 << 16 };
    size_t at = 0;
    for (size_t i = 0; i < len; i += PIECE) {
        size_t n = len - i < PIECE ? len - i : PIECE;
        tmp->n = 0;
        json_str(tmp, text + i, n);
        size_t k = tmp->n - 2;   /* without its quotes */
        if (k > jn - at || memcmp(tmp->p + 1, j + at, k) != 0) return false;
        at += k;
    }
    return at == jn;
}

/* --- span texts -----------------------------------------------------------------
 *
 * Every entity, quote, figure and time of the extract JSON carries the text
 * of its span, {"start":S,"end":E,"text":"..."}: a third of the JSON, and all
 * of it in the article's text already. The stored JSON leaves such a value
 * out ({"start":S,"end":E,"text":,...}) when it is exactly the span's bytes
 * as json_str escapes them, and store_article_json writes it back. The
 * pattern's quotes are unescaped, so it never matches inside a string. */
static const char span_key[] = "{\"start\":";

/* The next span_key in j[i, n), or NULL. By memchr, not memmem: ASan's
 * memmem checks the whole rest of the buffer at every call, which made a
 * 50 MB article's JSON quadratic under the sanitizers. */
static const char *find_span(const char *j, size_t n, size_t i)
{
    while (i < n) {
        const char *p = memchr(j + i, '{', n - i);
        if (!p) return NULL;
        i = (size_t)(p - j);
        if (n - i >= sizeof span_key - 1 && !memcmp(p, span_key, sizeof span_key - 1)) return p;
        i++;
    }
    return NULL;
}

/* Reads the span at j[i] ({"start":S,"end":E,"text":), returning the
 * offset just after its "text": and setting *start, *end; 0 if none. */
static size_t span_at(const char *j, size_t n, size_t i, size_t *start, size_t *end)
{
    static const char mid[] = ",\"end\":", tail[] = ",\"text\":";
    size_t k = i + sizeof span_key - 1, v[2];
    for (int f = 0; f < 2; f++) {
        size_t d = 0;
        v[f] = 0;
        while (k < n && j[k] >= '0' && j[k] <= '9' && d < 10) v[f] = v[f] * 10 + (size_t)(j[k++] - '0'), d++;
        const char *sep = f ? tail : mid;
        size_t m = f ? sizeof tail - 1 : sizeof mid - 1;
        if (!d || k + m > n || memcmp(j + k, sep, m)) return 0;
        k += m;
    }
    *start = v[0];
    *end = v[1];
    return k;
}

/* Cuts the span texts out of json[from..] in place (see above). */
static void cut_spans(store *s, const article *a, char *json, size_t *jsonlen, size_t from)
{
    size_t n = *jsonlen, w = from, i = from;
    while (i < n) {
        const char *hit = find_span(json, n, i);
        size_t at = hit ? (size_t)(hit - json) : n, start, end, k;
        memmove(json + w, json + i, at - i);
        w += at - i;
        i = at;
        if (!hit) break;
        k = span_at(json, n, at, &start, &end);
        size_t q = k;
        if (k && k < n && json[k] == '"' && start <= end && end <= a->len) {
            for (q = k + 1; q < n && json[q] != '"'; q += json[q] == '\\' ? 2 : 1) {}
            s->cut.n = 0;
            json_str(&s->cut, a->text + start, end - start);
            if (q < n && s->cut.n == q + 1 - k && !memcmp(s->cut.p, json + k, s->cut.n)) {
                memmove(json + w, json + at, k - at);   /* the span up to "text": */
                w += k - at;
                i = q + 1;
                continue;
            }
        }
        json[w++] = json[i++];
    }
    *jsonlen = w;
}

/* Appends json with the span texts cut_spans left out written back. */
static void put_spans(buf *out, const char *json, size_t n, const char *text, size_t textlen)
{
    size_t i = 0;
    while (i < n) {
        const char *hit = find_span(json, n, i);
        size_t at = hit ? (size_t)(hit - json) : n, start, end, k;
        buf_put(out, json + i, at - i);
        i = at;
        if (!hit) break;
        k = span_at(json, n, at, &start, &end);
        if (k && k < n && (json[k] == ',' || json[k] == '}') && start <= end && end <= textlen) {
            buf_put(out, json + at, k - at);
            json_str(out, text + start, end - start);
            i = k;
            continue;
        }
        buf_putc(out, json[i++]);
    }
}

/* Cuts the text out of the JSON, in place, when it is exactly a->text as
 * json_str escapes it (store_article_json puts it back); else keeps the
 * JSON whole (text_at -1), so what is shown is always what was given. */
static void cut_text(store *s, const article *a, char *json, size_t *jsonlen, sqlite3_int64 *text_at)
{
    size_t start, end;
    *text_at = -1;
    if (!find_text_value(json, *jsonlen, &start, &end)) return;
    if (!escapes_to(&s->cut, a->text, a->len, json + start + 1, end - start - 2)) return;
    memmove(json + start, json + end, *jsonlen - end);
    *jsonlen -= end - start;
    *text_at = (sqlite3_int64)start;
    cut_spans(s, a, json, jsonlen, start);
}

int store_article_json(const void *json, size_t jsonlen, int64_t json_size, int64_t text_at, const char *text,
                       size_t textlen, buf *out)
{
    if (json_size >= 0 && (uint64_t)json_size != jsonlen) {   /* compressed (pack_json) */
        buf plain;
        buf_init(&plain);
        uLongf n = (uLongf)json_size;
        int rc = -1;
        if ((uint64_t)n == (uint64_t)json_size && (uLong)jsonlen == jsonlen) {
            buf_reserve(&plain, (size_t)json_size);
            if (uncompress((Bytef *)plain.p, &n, json, (uLong)jsonlen) == Z_OK && n == (uLongf)json_size)
                rc = store_article_json(plain.p, n, -1, text_at, text, textlen, out);
        }
        buf_free(&plain);
        return rc;
    }
    if (text_at < 0 || (size_t)text_at > jsonlen) {
        buf_put(out, json, jsonlen);
        return 0;
    }
    buf_put(out, json, (size_t)text_at);
    json_str(out, text, textlen);
    put_spans(out, (const char *)json + text_at, jsonlen - (size_t)text_at, text, textlen);
    return 0;
}

/* Removes an older version of an article, and its terms from the index
 * unless it was added in this batch (not indexed yet). */
static int delete_article(store *s, sqlite3_int64 rowid)
{
    if (!s->batch_first || rowid < s->batch_first) {
        sqlite3_bind_int64(s->st[ST_FTS_DELETE], 1, rowid);
        if (step_done(s->st[ST_FTS_DELETE]) != 0) return -1;
    }
    sqlite3_bind_int64(s->st[ST_DELETE], 1, rowid);
    return step_done(s->st[ST_DELETE]);
}

enum store_put store_put_article(store *s, article *a, char *json, size_t jsonlen, char *err, size_t errlen)
{
    if (!s->writable || !s->in_tx) {
        snprintf(err, errlen, "store_put_article outside a batch");
        return STORE_FAILED;
    }
    if (!a->text || a->len == 0) return STORE_EMPTY;
    if (jsonlen >= (size_t)sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, -1)) {
        snprintf(err, errlen, "too large to store (%zu MB of JSON; SQLite's limit is %d MB)",
                 jsonlen >> 20, sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, -1) >> 20);
        return STORE_TOO_BIG;
    }
    unsigned char hash[16];
    store_text_hash(a->text, a->len, hash);
    int rc;
    sqlite3_int64 copy;
    if (hash_stored(s, hash, a->id, &copy, &rc)) return STORE_DUP;
    if (rc != 0 || (copy && delete_article(s, copy) != 0)) {
        set_err(err, errlen, "", s->db);
        return STORE_FAILED;
    }
    sqlite3_int64 replace;
    const char *id = choose_id(s, a, &replace, err, errlen);
    if (!id) return STORE_FAILED;
    if (id != a->id) {      /* renamed: the stored JSON must carry the stored id */
        a->id = id;
        s->json.n = 0;
        dossier_article_json(a, &s->json);
        json = s->json.p;
        jsonlen = s->json.n;
    }
    sqlite3_int64 text_at;
    cut_text(s, a, json, &jsonlen, &text_at);
    if ((replace && delete_article(s, replace) != 0) || insert_article(s, a, hash, json, jsonlen, text_at) != 0) {
        set_err(err, errlen, "", s->db);
        return STORE_FAILED;
    }
    s->batch_articles++;
    s->batch_bytes += a->len + jsonlen;
    return replace || copy ? STORE_UPDATED : STORE_NEW;
}

int store_root(store *s, buf *out)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM store_meta WHERE key = 'root'", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_step(st), found = 0;
    if (rc == SQLITE_ROW) {
        buf_puts(out, (const char *)sqlite3_column_text(st, 0));
        found = 1;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

/* The stored JSON of one row with its "id" value replaced by id's: plain
 * (inflated when packed), then packed again. *text_at moves by as many
 * bytes as the id's JSON grew. */
/* prefix/id, malloc'd. */
static char *prefixed(const char *prefix, const char *id)
{
    size_t n = strlen(prefix) + strlen(id) + 2;
    char *s = malloc(n);
    if (!s) abort();
    snprintf(s, n, "%s/%s", prefix, id);
    return s;
}

static int rename_json(store *s, const void *json, size_t jsonlen, int64_t json_size, const char *old_id,
                       const char *id, sqlite3_int64 *text_at, buf *out)
{
    buf plain, head;
    buf_init(&plain);
    buf_init(&head);
    int rc = -1;
    /* store_article_json with no text to put back gives the plain JSON */
    if (store_article_json(json, jsonlen, json_size, -1, NULL, 0, &plain) == 0) {
        buf_puts(&head, "{\"id\":");
        json_cstr(&head, old_id);
        if (plain.n >= head.n && !memcmp(plain.p, head.p, head.n)) {
            size_t old_n = head.n;
            out->n = 0;
            buf_puts(out, "{\"id\":");
            json_cstr(out, id);
            if (*text_at >= 0) *text_at += (sqlite3_int64)out->n - (sqlite3_int64)old_n;
            buf_put(out, plain.p + old_n, plain.n - old_n);
            rc = 0;
        }
    }
    buf_free(&plain);
    buf_free(&head);
    return rc;
}

/* Renames every rooted id to prefix/ID and records root. */
static int rebase(store *s, const char *root, const char *prefix, long *renamed, char *err, size_t errlen)
{
    sqlite3_stmt *sel = NULL, *upd = NULL, *meta = NULL;
    int rc = -1;
    buf json;
    buf_init(&json);
    if (sqlite3_prepare_v2(s->db, "SELECT rowid, id, json, json_size, text_at FROM articles WHERE rooted",
                           -1, &sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "UPDATE articles SET id = ?2, json = ?3, json_size = ?4, text_at = ?5"
                                  " WHERE rowid = ?1", -1, &upd, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO store_meta(key, value) VALUES ('root', ?1)",
                           -1, &meta, NULL) != SQLITE_OK)
        goto done;
    int r = SQLITE_DONE;
    while (*prefix && (r = sqlite3_step(sel)) == SQLITE_ROW) {
        const char *old_id = (const char *)sqlite3_column_text(sel, 1);
        const void *j = sqlite3_column_blob(sel, 2);
        size_t jn = (size_t)sqlite3_column_bytes(sel, 2);
        int64_t json_size = sqlite3_column_type(sel, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64(sel, 3);
        sqlite3_int64 text_at = sqlite3_column_int64(sel, 4);
        char *id = prefixed(prefix, old_id);
        if (rename_json(s, j, jn, json_size, old_id, id, &text_at, &json) != 0) {
            snprintf(err, errlen, "cannot rename article '%s' to '%s': its stored JSON does not start with its id",
                     old_id, id);
            free(id);
            goto done;
        }
        const void *packed;
        size_t packedlen;
        pack_json(s, json.p, json.n, &packed, &packedlen);
        sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
        sqlite3_bind_text(upd, 2, id, -1, SQLITE_TRANSIENT);
        if (packed == json.p) sqlite3_bind_text64(upd, 3, json.p, json.n, SQLITE_STATIC, SQLITE_UTF8);
        else sqlite3_bind_blob64(upd, 3, packed, packedlen, SQLITE_STATIC);
        sqlite3_bind_int64(upd, 4, (sqlite3_int64)json.n);
        sqlite3_bind_int64(upd, 5, text_at);
        int u = sqlite3_step(upd);
        sqlite3_reset(upd);
        free(id);
        if (u != SQLITE_DONE) {
            set_err(err, errlen, "cannot rename the stored ids", s->db);
            goto done;
        }
        (*renamed)++;
    }
    if (*prefix && r != SQLITE_DONE) {
        set_err(err, errlen, "", s->db);
        goto done;
    }
    sqlite3_bind_text(meta, 1, root, -1, SQLITE_STATIC);
    if (sqlite3_step(meta) != SQLITE_DONE) {
        set_err(err, errlen, "", s->db);
        goto done;
    }
    rc = 0;
done:
    if (rc != 0 && !err[0]) set_err(err, errlen, "", s->db);
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    sqlite3_finalize(meta);
    buf_free(&json);
    return rc;
}

int store_widen_root(store *s, const char *folder, buf *root, buf *prefix, long *renamed, char *err,
                     size_t errlen)
{
    *renamed = 0;
    err[0] = '\0';
    if (!s->writable || !s->in_tx) {
        snprintf(err, errlen, "store_widen_root outside a batch");
        return -1;
    }
    buf old;
    buf_init(&old);
    int has = store_root(s, &old);
    int rc = 0;
    root->n = prefix->n = 0;
    if (has < 0) {
        set_err(err, errlen, "cannot read the store's root folder", s->db);
        rc = -1;
    } else if (folder) {
        char *wide = path_common(has ? buf_cstr(&old) : NULL, folder);
        const char *below = has ? path_below(wide, buf_cstr(&old)) : "";
        buf_puts(root, wide);
        buf_puts(prefix, below ? below : "");
        if (!has || strcmp(wide, buf_cstr(&old)) != 0) rc = rebase(s, wide, below ? below : "", renamed, err, errlen);
        free(wide);
    } else if (has) {
        buf_puts(root, buf_cstr(&old));
    }
    buf_free(&old);
    return rc;
}

int store_apply_part(store *s, const schema_part *p, char *err, size_t errlen)
{
    return schema_part_check(s->db, p, s->writable, err, errlen);
}

int64_t store_article_count(store *s)
{
    sqlite3_stmt *st = s->st[ST_COUNT];
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return n;
}
