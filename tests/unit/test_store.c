/* test_store.c — the store: creating and checking the file, dedupe, batches,
 * rollback, and readers during a write. Articles are invented for the test. */
#include "testutil.h"

#include <sqlite3.h>
#include <unistd.h>

#include "core/json.h"
#include "store/store.h"

static char dir[64];
static char path[128];

/* A fresh store file name in a fresh temporary folder. */
static int setup(void **state)
{
    snprintf(dir, sizeof dir, "/tmp/dossier-store-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    snprintf(path, sizeof path, "%s/t.db", dir);
    return 0;
}

static int teardown(void **state)
{
    char p[160];
    static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
    for (int i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        unlink(p);
    }
    rmdir(dir);
    return 0;
}

/* An article built by hand, so these tests do not move when cleaning or
 * sentence splitting improves: one sentence per paragraph. */
static article *make(const char *id, const char *source, const char *text)
{
    article *a = article_new();
    a->id = arena_strdup(&a->mem, id);
    a->source = arena_strdup(&a->mem, source);
    a->text = arena_strdup(&a->mem, text);
    a->len = (uint32_t)strlen(text);
    for (uint32_t start = 0; start < a->len;) {
        const char *gap = strstr(a->text + start, "\n\n");
        uint32_t end = gap ? (uint32_t)(gap - a->text) : a->len;
        sentence *sn = ARENA_PUSH(&a->mem, a->sents);
        sn->start = start;
        sn->end = end;
        start = gap ? end + 2 : a->len;
    }
    return a;
}

/* Stores one article in its own batch; returns what the store said. */
static enum store_put put(store *s, const char *id, const char *source, const char *text)
{
    char err[256];
    article *a = make(id, source, text);
    buf json;
    buf_init(&json);
    dossier_article_json(a, &json);
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    enum store_put r = store_put_article(s, a, json.p, json.n, err, sizeof err);
    assert_int_equal(store_commit(s, err, sizeof err), 0);
    buf_free(&json);
    article_free(a);
    return r;
}

static long long scalar(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long long v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static store *open_ok(enum store_mode mode)
{
    char err[512];
    store *s = store_open(path, mode, err, sizeof err);
    if (!s) fail_msg("store_open: %s", err);
    return s;
}

static void write_file(const char *p, const char *bytes, size_t n)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    if (n) assert_int_equal(fwrite(bytes, 1, n, f), n);
    fclose(f);
}

static const char river[] =
    "The river rose two metres overnight and closed the valley road.\n\n"
    "Farmers moved their cattle to higher ground before dawn.";
static const char budget[] =
    "The city council approved a smaller budget on Monday.\n\n"
    "Libraries will open one day less each week.";

static void new_file_gets_schema_wal_and_fts5(void **state)
{
    store *s = open_ok(STORE_WRITE);
    sqlite3 *db = store_sqlite(s);
    assert_true(scalar(db, "PRAGMA user_version") >= 1);
    assert_int_equal(scalar(db, "PRAGMA application_id"), 0x444F5353);
    assert_int_equal(scalar(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'articles_fts'"), 1);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    store_close(s);
    /* and a reader accepts what the writer made */
    store_close(open_ok(STORE_READ));
}

static void empty_file_is_created_by_a_writer_only(void **state)
{
    char err[512];
    write_file(path, "", 0);
    assert_null(store_open(path, STORE_READ, err, sizeof err));
    assert_non_null(strstr(err, "no articles stored yet"));
    store *s = open_ok(STORE_WRITE);
    assert_int_equal(store_article_count(s), 0);
    store_close(s);
}

static void readers_refuse_a_missing_file(void **state)
{
    char err[512];
    assert_null(store_open(path, STORE_READ, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_int_equal(access(path, F_OK), -1);   /* a reader creates nothing */
}

static void newer_schema_is_refused(void **state)
{
    store_close(open_ok(STORE_WRITE));
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char err[512];
    assert_null(store_open(path, STORE_WRITE, err, sizeof err));
    assert_non_null(strstr(err, "newer"));
    assert_null(strchr(err, '\n'));
    assert_null(store_open(path, STORE_READ, err, sizeof err));
    assert_non_null(strstr(err, "999"));
}

static void other_databases_and_other_files_are_refused(void **state)
{
    char err[512];
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE recipes(name TEXT)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_null(store_open(path, STORE_WRITE, err, sizeof err));
    assert_non_null(strstr(err, "not a dossier store"));
    /* the other program's table is untouched */
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(scalar(db, "SELECT count(*) FROM sqlite_schema"), 1);
    sqlite3_close(db);

    static const char text[] = "this is a shopping list, not a database\nmilk\neggs\n";
    write_file(path, text, sizeof text - 1);
    assert_null(store_open(path, STORE_WRITE, err, sizeof err));
    assert_non_null(strstr(err, "not a dossier store"));
    assert_null(store_open(path, STORE_READ, err, sizeof err));
    assert_non_null(strstr(err, "not a dossier store"));
}

static void same_text_is_stored_once(void **state)
{
    store *s = open_ok(STORE_WRITE);
    assert_int_equal(put(s, "river", "in/river.txt", river), STORE_NEW);
    assert_int_equal(put(s, "river", "in/river.txt", river), STORE_DUP);        /* same file again */
    assert_int_equal(put(s, "stream", "other/stream.html", river), STORE_DUP);  /* same text, a later name */
    assert_int_equal(put(s, "budget", "in/budget.txt", budget), STORE_NEW);
    assert_int_equal(store_article_count(s), 2);
    /* a copy whose id comes first takes the text over, whatever came first */
    assert_int_equal(put(s, "brook", "more/brook.txt", river), STORE_UPDATED);
    sqlite3 *db = store_sqlite(s);
    assert_int_equal(store_article_count(s), 2);
    assert_int_equal(scalar(db, "SELECT count(*) FROM articles WHERE id = 'brook'"), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM articles WHERE id = 'river'"), 0);
    store_close(s);
}

static void a_changed_file_replaces_its_old_version(void **state)
{
    store *s = open_ok(STORE_WRITE);
    assert_int_equal(put(s, "river", "in/river.txt", river), STORE_NEW);
    assert_int_equal(put(s, "river", "in/river.txt", budget), STORE_UPDATED);
    sqlite3 *db = store_sqlite(s);
    assert_int_equal(store_article_count(s), 1);
    assert_int_equal(scalar(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'cattle'"), 0);
    assert_int_equal(scalar(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'libraries'"), 1);
    /* the new version's sentence count replaced the old one's */
    assert_int_equal(scalar(db, "SELECT sentences FROM articles WHERE id = 'river'"), 2);
    store_close(s);
}

static void stored_json(store *s, const char *id, buf *out);

static void a_different_article_with_a_taken_id_gets_a_new_one(void **state)
{
    store *s = open_ok(STORE_WRITE);
    char err[256];
    assert_int_equal(put(s, "001", "sport/001.txt", river), STORE_NEW);
    article *a = make("001", "politics/001.txt", budget);
    buf json;
    buf_init(&json);
    dossier_article_json(a, &json);
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    assert_int_equal(store_put_article(s, a, json.p, json.n, err, sizeof err), STORE_NEW);
    assert_int_equal(store_commit(s, err, sizeof err), 0);
    assert_string_equal(a->id, "001-2");
    buf shown;
    buf_init(&shown);
    stored_json(s, "001-2", &shown);
    assert_true(shown.n > 13 && !memcmp(shown.p, "{\"id\":\"001-2\",", 13));
    buf_free(&shown);
    /* the renamed file changing later updates its own row */
    assert_int_equal(put(s, "001", "politics/001.txt", "A new text about the budget vote."), STORE_UPDATED);
    assert_int_equal(store_article_count(s), 2);
    buf_free(&json);
    article_free(a);
    store_close(s);
}

static void sentences_are_counted(void **state)
{
    store *s = open_ok(STORE_WRITE);
    assert_int_equal(put(s, "river", "river.txt", river), STORE_NEW);
    sqlite3 *db = store_sqlite(s);
    assert_int_equal(scalar(db, "SELECT sentences FROM articles"), 2);
    store_close(s);
}

static void an_empty_article_is_not_stored(void **state)
{
    store *s = open_ok(STORE_WRITE);
    assert_int_equal(put(s, "blank", "blank.txt", ""), STORE_EMPTY);
    assert_int_equal(store_article_count(s), 0);
    store_close(s);
}

static void rollback_leaves_no_part_of_the_batch(void **state)
{
    store *s = open_ok(STORE_WRITE);
    char err[256], text[128], id[16];
    assert_int_equal(put(s, "river", "river.txt", river), STORE_NEW);
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    for (int i = 0; i < 5; i++) {
        snprintf(id, sizeof id, "n%d", i);
        snprintf(text, sizeof text, "Item %d of a batch that will never be committed.", i);
        article *a = make(id, id, text);
        buf json;
        buf_init(&json);
        dossier_article_json(a, &json);
        assert_int_equal(store_put_article(s, a, json.p, json.n, err, sizeof err), STORE_NEW);
        buf_free(&json);
        article_free(a);
    }
    assert_int_equal(store_article_count(s), 6);
    store_rollback(s);
    assert_int_equal(store_commit(s, err, sizeof err), -1);   /* nothing left to commit */
    store_close(s);
    s = open_ok(STORE_READ);
    sqlite3 *db = store_sqlite(s);
    assert_int_equal(store_article_count(s), 1);
    assert_int_equal(scalar(db, "SELECT sum(sentences) FROM articles"), 2);
    assert_int_equal(scalar(db, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'batch'"), 0);
    store_close(s);
}

static void a_batch_is_full_after_its_article_limit(void **state)
{
    store *s = open_ok(STORE_WRITE);
    char err[256], text[96], id[16];
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    buf json;
    buf_init(&json);
    for (int i = 0; i < STORE_BATCH_ARTICLES; i++) {
        assert_false(store_batch_full(s));
        snprintf(id, sizeof id, "a%d", i);
        snprintf(text, sizeof text, "Short report number %d.", i);
        article *a = make(id, id, text);
        json.n = 0;
        dossier_article_json(a, &json);
        assert_int_equal(store_put_article(s, a, json.p, json.n, err, sizeof err), STORE_NEW);
        article_free(a);
    }
    assert_true(store_batch_full(s));
    assert_int_equal(store_commit(s, err, sizeof err), 0);
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    assert_false(store_batch_full(s));
    store_rollback(s);
    buf_free(&json);
    store_close(s);
}

/* In WAL mode a reader holding a snapshot neither blocks the writer's commit
 * nor sees the batch until it starts a new read. */
static void readers_do_not_block_a_writer_nor_see_its_batch(void **state)
{
    store *w = open_ok(STORE_WRITE);
    assert_int_equal(put(w, "river", "river.txt", river), STORE_NEW);
    store *r = open_ok(STORE_READ);
    sqlite3 *rdb = store_sqlite(r);
    sqlite3_busy_timeout(rdb, 0);
    assert_int_equal(sqlite3_exec(rdb, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(scalar(rdb, "SELECT count(*) FROM articles"), 1);   /* snapshot taken */

    char err[256];
    article *a = make("budget", "budget.txt", budget);
    buf json;
    buf_init(&json);
    dossier_article_json(a, &json);
    sqlite3_busy_timeout(store_sqlite(w), 0);    /* waiting would be a failure */
    assert_int_equal(store_begin(w, err, sizeof err), 0);
    assert_int_equal(store_put_article(w, a, json.p, json.n, err, sizeof err), STORE_NEW);
    assert_int_equal(scalar(rdb, "SELECT count(*) FROM articles"), 1);   /* mid-batch */
    assert_int_equal(store_commit(w, err, sizeof err), 0);
    assert_int_equal(scalar(rdb, "SELECT count(*) FROM articles"), 1);   /* still its snapshot */
    assert_int_equal(sqlite3_exec(rdb, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(scalar(rdb, "SELECT count(*) FROM articles"), 2);
    buf_free(&json);
    article_free(a);
    store_close(r);
    store_close(w);
}

/* The JSON as the store gives it back: articles.json with the text put back. */
static void stored_json(store *s, const char *id, buf *out)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(store_sqlite(s), "SELECT json, text_at, text, json_size FROM articles WHERE id = ?1",
                                        -1, &st, NULL), SQLITE_OK);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const void *json = sqlite3_column_blob(st, 0);
    size_t jsonlen = (size_t)sqlite3_column_bytes(st, 0);
    assert_int_equal(store_article_json(json, jsonlen, sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 1),
                                        (const char *)sqlite3_column_text(st, 2),
                                        (size_t)sqlite3_column_bytes(st, 2), out), 0);
    sqlite3_finalize(st);
}

static void the_json_comes_back_byte_for_byte(void **state)
{
    static const char tricky[] = "He said \"no\" \\ twice,\tthen left.\n\nA line\rwith \x01 control, "
                                 "caf\xc3\xa9 and \xe2\x80\xa8 separators; {\"text\": \"not a key\"}";
    store *s = open_ok(STORE_WRITE);
    char err[256];
    article *a = make("tricky", "tricky.txt", tricky);
    buf json, given, back;
    buf_init(&json);
    buf_init(&given);
    buf_init(&back);
    dossier_article_json(a, &json);
    buf_put(&given, json.p, json.n);   /* the store cuts the text out of json in place */
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    assert_int_equal(store_put_article(s, a, json.p, json.n, err, sizeof err), STORE_NEW);
    /* JSON whose "text" is not the article's is kept whole, still exact */
    static const char odd[] = "{\"id\":\"odd\",\"text\":\"something else\",\"extra\":[1,2]}";
    char odd_json[sizeof odd];
    memcpy(odd_json, odd, sizeof odd);
    article *b = make("odd", "odd.txt", "The article's real text.");
    assert_int_equal(store_put_article(s, b, odd_json, sizeof odd - 1, err, sizeof err), STORE_NEW);
    assert_int_equal(store_commit(s, err, sizeof err), 0);
    stored_json(s, "tricky", &back);
    assert_int_equal(back.n, given.n);
    assert_memory_equal(back.p, given.p, given.n);
    /* and the text is stored once: the JSON column does not hold it */
    assert_int_equal(scalar(store_sqlite(s), "SELECT instr(json, 'separators') FROM articles WHERE id = 'tricky'"), 0);
    back.n = 0;
    stored_json(s, "odd", &back);
    assert_string_equal(buf_cstr(&back), odd);
    buf_free(&json);
    buf_free(&given);
    buf_free(&back);
    article_free(a);
    article_free(b);
    store_close(s);
}

/* The span texts of entities, quotes and the like are left out of the
 * stored JSON when they are the article's bytes, and come back exact; a
 * span whose text is something else, or whose bounds are not the text's,
 * or the same pattern inside a string, is kept as it is. */
static void span_texts_are_cut_out_and_come_back(void **state)
{
    store *s = open_ok(STORE_WRITE);
    char err[256];
    article *a = make("spans", "spans.txt", "Khwaja Asif said \"no\" in Peshawar.");
    buf json, given, back;
    buf_init(&json);
    buf_init(&given);
    buf_init(&back);
    buf_puts(&json, "{\"id\":\"spans\",\"text\":");
    json_str(&json, a->text, a->len);
    buf_puts(&json, ",\"entities\":[{\"start\":0,\"end\":11,\"text\":\"Khwaja Asif\",\"type\":\"PERSON\"},"
                    "{\"start\":26,\"end\":34,\"text\":\"Somewhere\"},{\"start\":5,\"end\":999,\"text\":\"x\"}],"
                    "\"quotes\":[{\"start\":17,\"end\":21,\"text\":\"\\\"no\\\"\","
                    "\"speaker_mention\":{\"start\":0,\"end\":11,\"text\":\"Khwaja Asif\"}}],"
                    "\"note\":\"{\\\"start\\\":0,\\\"end\\\":1,\\\"text\\\":\"}");
    buf_put(&given, json.p, json.n);
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    assert_int_equal(store_put_article(s, a, json.p, json.n, err, sizeof err), STORE_NEW);
    assert_int_equal(store_commit(s, err, sizeof err), 0);
    stored_json(s, "spans", &back);
    assert_int_equal(back.n, given.n);
    assert_memory_equal(back.p, given.p, given.n);
    /* the text (two quotes escaped) and three span texts were left out */
    assert_int_equal(scalar(store_sqlite(s), "SELECT json_size FROM articles WHERE id = 'spans'"),
                     (long long)(given.n - (a->len + 4) - 2 * sizeof "\"Khwaja Asif\"" + 2 - sizeof "\"\\\"no\\\"\"" + 1));
    buf_free(&json);
    buf_free(&given);
    buf_free(&back);
    article_free(a);
    store_close(s);
}

/* A text longer than the pieces store.c escapes and compares at a time, with
 * escapes and multi-byte characters falling across their edges, is still
 * cut out of the JSON (stored once) and comes back exact. */
static void a_long_text_is_cut_out_and_comes_back(void **state)
{
    static const char unit[] = "Line \"one\"\tand caf\xc3\xa9 \\ two.\n\n";
    size_t n = 0, cap = 300000;
    char *text = malloc(cap + sizeof unit);
    assert_non_null(text);
    while (n < cap) {
        memcpy(text + n, unit, sizeof unit - 1);
        n += sizeof unit - 1;
    }
    text[n] = '\0';
    store *s = open_ok(STORE_WRITE);
    char err[256];
    article *a = make("long", "long.txt", text);
    buf json, given, back;
    buf_init(&json);
    buf_init(&given);
    buf_init(&back);
    dossier_article_json(a, &json);
    buf_put(&given, json.p, json.n);
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    assert_int_equal(store_put_article(s, a, json.p, json.n, err, sizeof err), STORE_NEW);
    assert_int_equal(store_commit(s, err, sizeof err), 0);
    assert_int_equal(scalar(store_sqlite(s), "SELECT text_at > 0 FROM articles WHERE id = 'long'"), 1);
    stored_json(s, "long", &back);
    assert_int_equal(back.n, given.n);
    assert_memory_equal(back.p, given.p, given.n);
    /* JSON that compresses is stored compressed, and comes back exact */
    buf big;
    buf_init(&big);
    buf_puts(&big, "{\"id\":\"big\",\"extra\":\"");
    for (int i = 0; i < 5000; i++) buf_puts(&big, "the same words again ");
    buf_puts(&big, "\"}");
    char *big_json = strdup(buf_cstr(&big));
    article *b = make("big", "big.txt", "Another text.");
    assert_int_equal(store_begin(s, err, sizeof err), 0);
    assert_int_equal(store_put_article(s, b, big_json, big.n, err, sizeof err), STORE_NEW);
    assert_int_equal(store_commit(s, err, sizeof err), 0);
    assert_int_equal(scalar(store_sqlite(s), "SELECT typeof(json) = 'blob' AND json_size > 4 * length(json)"
                                             " FROM articles WHERE id = 'big'"), 1);
    back.n = 0;
    stored_json(s, "big", &back);
    assert_int_equal(back.n, big.n);
    assert_memory_equal(back.p, big.p, big.n);
    free(big_json);
    buf_free(&big);
    article_free(b);
    /* a damaged value is an error, not a misread */
    back.n = 0;
    assert_int_equal(store_article_json("not zlib at all", 15, 100, -1, "", 0, &back), -1);
    buf_free(&json);
    buf_free(&given);
    buf_free(&back);
    article_free(a);
    free(text);
    store_close(s);
}

static void the_hash_is_128_bits_of_the_text(void **state)
{
    unsigned char h1[16], h2[16], h3[16];
    store_text_hash("abc", 3, h1);
    store_text_hash("abc", 3, h2);
    store_text_hash("abd", 3, h3);
    assert_memory_equal(h1, h2, 16);
    assert_memory_not_equal(h1, h3, 16);
}

/* A stage's own tables (as the link stage's): created in a new store and
 * recorded; a reader of an older version is refused; a writer upgrades. */
static const schema_stmt part_v1[] = {{1, "CREATE TABLE kestrel_nodes(node INTEGER PRIMARY KEY, name TEXT)"}};
static const schema_stmt part_v2[] = {{1, "CREATE TABLE kestrel_nodes(node INTEGER PRIMARY KEY, name TEXT)"},
                                      {2, "ALTER TABLE kestrel_nodes ADD COLUMN kind TEXT"}};
static const schema_part kestrel_1 = {"kestrel", part_v1, 1}, kestrel_2 = {"kestrel", part_v2, 2};

static void a_stages_tables_are_its_own_list(void **state)
{
    (void)state;
    char err[512];
    store *s = open_ok(STORE_WRITE);
    assert_int_equal(store_apply_part(s, &kestrel_1, err, sizeof err), 0);
    assert_int_equal(scalar(store_sqlite(s), "SELECT value FROM store_meta WHERE key = 'schema:kestrel'"), 1);
    assert_int_equal(store_apply_part(s, &kestrel_1, err, sizeof err), 0);   /* current: nothing to do */
    store_close(s);
    s = open_ok(STORE_READ);
    assert_int_equal(store_apply_part(s, &kestrel_2, err, sizeof err), -1);   /* a reader never upgrades */
    assert_non_null(strstr(err, "run dossier ingest"));
    store_close(s);
    s = open_ok(STORE_WRITE);
    assert_int_equal(store_apply_part(s, &kestrel_2, err, sizeof err), 0);
    assert_int_equal(scalar(store_sqlite(s), "SELECT value FROM store_meta WHERE key = 'schema:kestrel'"), 2);
    assert_int_equal(scalar(store_sqlite(s), "SELECT count(*) FROM pragma_table_info('kestrel_nodes') WHERE name = 'kind'"), 1);
    store_close(s);
    s = open_ok(STORE_WRITE);
    assert_int_equal(store_apply_part(s, &kestrel_1, err, sizeof err), -1);   /* newer than this build's */
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(new_file_gets_schema_wal_and_fts5, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_file_is_created_by_a_writer_only, setup, teardown),
        cmocka_unit_test_setup_teardown(readers_refuse_a_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(newer_schema_is_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(other_databases_and_other_files_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(same_text_is_stored_once, setup, teardown),
        cmocka_unit_test_setup_teardown(a_changed_file_replaces_its_old_version, setup, teardown),
        cmocka_unit_test_setup_teardown(a_different_article_with_a_taken_id_gets_a_new_one, setup, teardown),
        cmocka_unit_test_setup_teardown(sentences_are_counted, setup, teardown),
        cmocka_unit_test_setup_teardown(an_empty_article_is_not_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(rollback_leaves_no_part_of_the_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(a_batch_is_full_after_its_article_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(readers_do_not_block_a_writer_nor_see_its_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(the_json_comes_back_byte_for_byte, setup, teardown),
        cmocka_unit_test_setup_teardown(a_long_text_is_cut_out_and_comes_back, setup, teardown),
        cmocka_unit_test_setup_teardown(span_texts_are_cut_out_and_come_back, setup, teardown),
        cmocka_unit_test(the_hash_is_128_bits_of_the_text),
        cmocka_unit_test_setup_teardown(a_stages_tables_are_its_own_list, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
