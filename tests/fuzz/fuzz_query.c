/* fuzz_query.c — search text and date filters as a user may type them,
 * against a small store in memory: the rewrite to FTS5, the word count, the
 * date normaliser and the whole search must answer (hits or a bad-query
 * error), never crash. The input's first line is the query, the second a
 * --since date. */
#include "fuzz.h"

#include <unistd.h>

#include "core/date.h"
#include "query/query.h"
#include "store/store.h"

static char dir[] = "/tmp/dossier-fuzz-query-XXXXXX", path[64];

static void remove_store(void)
{
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char p[80];
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        remove(p);
    }
    rmdir(dir);
}

/* A store on disk (WAL needs a file), made once and removed at exit. */
static store *fuzz_store(void)
{
    static store *s;
    if (s) return s;
    char err[512];
    if (!mkdtemp(dir)) abort();
    snprintf(path, sizeof path, "%s/store.db", dir);
    atexit(remove_store);
    if (!(s = store_open(path, STORE_WRITE, err, sizeof err)) || store_begin(s, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz: cannot make the store: %s\n", err);
        abort();
    }
    static const char *const texts[] = {
        "Flood closes the school\n\nThe river rose by two metres on Tuesday, officials said.\n",
        "Council reopens the bridge\n\nThe council reopened the bridge on 3 March 2015 after repairs.\n",
    };
    for (int i = 0; i < 2; i++) {
        input in;
        if (read_bytes(texts[i], strlen(texts[i]), &in, err, sizeof err) != 0) abort();
        article *a = dossier_extract(fuzz_dossier(), &in, i ? "bridge" : "flood", "fuzz.txt");
        input_free(&in);
        buf j;
        buf_init(&j);
        dossier_article_json(a, &j);
        if (store_put_article(s, a, j.p, j.n, err, sizeof err) == STORE_FAILED) abort();
        buf_free(&j);
        article_free(a);
    }
    if (store_commit(s, err, sizeof err) != 0) abort();
    return s;
}

static int count_hit(const query_hit *h, void *ctx)
{
    FUZZ_CHECK(h->id && h->snippet);
    ++*(int *)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *since = strchr(text, '\n');
    if (since) *since++ = '\0';
    buf fts;
    buf_init(&fts);
    query_fts_text(text, &fts);
    FUZZ_CHECK(query_terms(text) >= 0);
    buf_free(&fts);
    char iso[16];
    if (since && date_filter(since, iso, sizeof iso) == 0) FUZZ_CHECK(strlen(iso) < sizeof iso);
    query_filter f = {.since = since && *since ? since : NULL, .limit = 5};
    char err[512];
    int hits = 0;
    int rc = query_search(fuzz_store(), text, &f, count_hit, &hits, err, sizeof err);
    FUZZ_CHECK(rc == QUERY_BAD_QUERY || (rc >= 0 && rc == hits));
    free(text);
    return 0;
}
