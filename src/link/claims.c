/* claims.c — the same statement made by several speakers, or by one over
 * the years ("there is no good or bad Taliban", 2014 and 2016).
 *
 * Each sentence of a quote is a statement, reduced to its content words
 * (stop words out, plurals singular, demonyms as their country: "Afghan
 * soil" and "Afghanistan" share a word). Two statements make one claim when
 * their word sets overlap enough (Jaccard similarity); a claim is a
 * connected component of that relation. To compare a new statement only
 * with likely partners, each is filed under MinHash bands (BANDS bands of
 * ROWS hashes): statements sharing a band are the candidates, and the
 * similarity decides. The bands are a fixed function of the words, so the
 * claims never depend on ingest order. */
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "link/internal.h"

/* A statement of MIN_WORDS to MAX_WORDS content words can be a claim: fewer
 * say too little, more are whole paragraphs, repeated only verbatim. Two
 * are one claim when the words they share weigh CLAIM_MIN_SIMILARITY of all their
 * words (each word weighs as rare as it is in news), three words at least
 * and MIN_SHARED_WEIGHT in all: "no good or bad Taliban" meets "there is no
 * concept of good or bad Taliban", while statements sharing only the
 * commonest words of a beat (shares, quarter, dollars) stay apart. With 16
 * bands of 2 hashes, a pair whose words are 40% the same is compared with
 * probability 0.93, at 50% with 0.99. */
enum { BANDS = 16, ROWS = 2, MIN_WORDS = 3, MAX_WORDS = 25, MIN_SHARED = 3 };
#define MIN_SHARED_WEIGHT 12.0

/* --- content words ---------------------------------------------------------------- */

static int by_hash(const void *a, const void *b)
{
    uint32_t x = ((const claim_word *)a)->hash, y = ((const claim_word *)b)->hash;
    return (x > y) - (x < y);
}

/* Plural to singular, the common English way (policies, groups; not "us"). */
static size_t singular(const char *w, size_t n)
{
    if (n > 4 && !memcmp(w + n - 3, "ies", 3)) return n - 2;   /* caller writes the y */
    if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i') return n - 1;
    return n;
}

static claim_word word_of(const link_res *r, const char *w, size_t n)
{
    const char *country = wordmap_get(r->demonyms, w, n);
    char word[64];
    if (country) {
        size_t k = 0;
        for (const char *p = country; *p && k < sizeof word; p++)
            word[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        return (claim_word){(uint32_t)hash_bytes(word, k), link_word_weight(r, word, k)};
    }
    size_t k = singular(w, n);
    if (k > sizeof word - 1) k = sizeof word - 1;
    memcpy(word, w, k);
    if (k == n - 2) word[k - 1] = 'y';   /* policies → policy */
    return (claim_word){(uint32_t)hash_bytes(word, k), link_word_weight(r, word, k)};
}

static bool ascii_letter(char c) { return ((unsigned char)c | 32) >= 'a' && ((unsigned char)c | 32) <= 'z'; }

/* An apostrophe at text[i] (straight or curly), and its length in bytes; 0 if none. */
static size_t apostrophe(const char *text, size_t i, size_t n)
{
    if (text[i] == '\'') return 1;
    if (i + 2 < n && (unsigned char)text[i] == 0xE2 && (unsigned char)text[i + 1] == 0x80 &&
        (unsigned char)text[i + 2] == 0x99)
        return 3;
    return 0;
}

/* Reads the word at text[*i] (letters and inner apostrophes, a possessive
 * 's dropped) into w in lower case; returns its length. */
static size_t read_word(const char *text, size_t n, size_t *i, char *w, size_t cap)
{
    size_t k = 0;
    while (*i < n) {
        if (ascii_letter(text[*i])) {
            if (k < cap) w[k] = (char)(text[*i] | 32);
            k++;
            (*i)++;
            continue;
        }
        size_t ap = k ? apostrophe(text, *i, n) : 0;
        if (!ap || *i + ap >= n || !ascii_letter(text[*i + ap])) break;
        if ((text[*i + ap] | 32) == 's' && (*i + ap + 1 >= n || !ascii_letter(text[*i + ap + 1]))) {
            *i += ap + 1;   /* Pakistan's → pakistan */
            break;
        }
        if (k < cap) w[k] = '\'';
        k++;
        *i += ap;
    }
    return k;
}

size_t claim_words(const link_res *r, const char *text, size_t n, claim_word *out, size_t cap)
{
    size_t count = 0;
    char w[64];
    for (size_t i = 0; i < n;) {
        size_t k = read_word(text, n, &i, w, sizeof w);
        if (!k) {
            i++;
            continue;
        }
        if (k < 2 || k >= sizeof w || wordmap_has(r->stopwords, w, k)) continue;
        if (count < cap) out[count++] = word_of(r, w, k);
    }
    if (count > 1) qsort(out, count, sizeof *out, by_hash);
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (!kept || out[i].hash != out[kept - 1].hash) out[kept++] = out[i];
    return kept;
}

double claim_similarity(const claim_word *a, size_t na, const claim_word *b, size_t nb, double *shared_weight,
                        size_t *shared)
{
    size_t i = 0, j = 0, both = 0;
    double common = 0, all = 0;
    while (i < na && j < nb) {
        if (a[i].hash == b[j].hash) {
            both++;
            common += a[i].weight;
            all += a[i].weight;
            i++, j++;
        } else if (a[i].hash < b[j].hash) {
            all += a[i++].weight;
        } else {
            all += b[j++].weight;
        }
    }
    for (; i < na; i++) all += a[i].weight;
    for (; j < nb; j++) all += b[j].weight;
    if (shared) *shared = both;
    if (shared_weight) *shared_weight = common;
    return all > 0 ? common / all : 0;
}

bool claim_same(const claim_word *a, size_t na, const claim_word *b, size_t nb)
{
    size_t shared;
    double weight, sim = claim_similarity(a, na, b, nb, &weight, &shared);
    return shared >= MIN_SHARED && weight >= MIN_SHARED_WEIGHT && sim >= CLAIM_MIN_SIMILARITY;
}

/* The BANDS band keys of a word set, from its informative words only (those
 * weighing BAND_WEIGHT or more): statements that share only common words
 * can never weigh enough to be one claim, and need not meet. Returns false
 * when too few words are informative to file the statement at all. */
#define BAND_WEIGHT 3.0f

static bool bands_of(const claim_word *all, size_t nall, uint64_t out[BANDS])
{
    claim_word w[CLAIM_MAX_WORDS];
    size_t n = 0;
    for (size_t i = 0; i < nall && n < CLAIM_MAX_WORDS; i++)
        if (all[i].weight >= BAND_WEIGHT) w[n++] = all[i];
    if (n < 2) return false;
    for (int b = 0; b < BANDS; b++) {
        uint32_t mins[ROWS];
        for (int r = 0; r < ROWS; r++) {
            uint64_t seed = 0x9E3779B97F4A7C15ULL * (uint64_t)(b * ROWS + r + 1);
            uint32_t best = UINT32_MAX;
            for (size_t i = 0; i < n; i++) {
                uint64_t h = (w[i].hash ^ seed) * 0xD6E8FEB86659FD93ULL;
                h ^= h >> 32;
                if ((uint32_t)h < best) best = (uint32_t)h;
            }
            mins[r] = best;
        }
        uint64_t key[ROWS + 1] = {(uint64_t)b};
        for (int r = 0; r < ROWS; r++) key[r + 1] = mins[r];
        out[b] = hash_bytes(key, sizeof key);
    }
    return true;
}

/* --- filing statements -------------------------------------------------------------- */

/* Relabels every statement of claim `from` as claim `to`. */
static int relabel_claim(linker *l, long long to, long long from, char *err, size_t errlen)
{
    static const char sql[] = "UPDATE link_statements SET claim = ?1 WHERE claim = ?2";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, to);
    sqlite3_bind_int64(st, 2, from);
    return link_step_done(l, st, err, errlen);
}

static long long claim_of(linker *l, long long statement, char *err, size_t errlen)
{
    static const char sql[] = "SELECT claim FROM link_statements WHERE statement = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, statement);
    return link_step_int(l, st, -1, err, errlen);
}

/* A claim is labelled by its oldest statement, so joining several claims
 * relabels all of them as the smallest label among them. */
static int merge_claims(linker *l, long long own, const long long *claims, size_t n, char *err, size_t errlen)
{
    long long to = own;
    for (size_t i = 0; i < n; i++)
        if (claims[i] < to) to = claims[i];
    if (own != to && relabel_claim(l, to, own, err, errlen) != 0) return -1;
    for (size_t i = 0; i < n; i++)
        if (claims[i] != to && relabel_claim(l, to, claims[i], err, errlen) != 0) return -1;
    return 0;
}

enum { MAX_CANDIDATES = 256 };

/* Adds c to the set v of n claims (kept small: candidates are capped). */
static void add_claim(long long *v, size_t *n, long long c)
{
    for (size_t i = 0; i < *n; i++)
        if (v[i] == c) return;
    v[(*n)++] = c;
}

/* --- recent statements' words ---------------------------------------------------------
 *
 * The band search meets about 160 candidate statements for each statement
 * filed, and reading every candidate's words from link_statements (a B-tree
 * lookup apiece) was a third of an ingest. The words of the newest
 * CACHE_SLOTS statements are kept in memory instead, in slot id mod
 * CACHE_SLOTS: ids only grow, so the cache holds the newest statements and
 * its size is fixed (CACHE_SLOTS * 209 bytes, 13.7 MB), however large the
 * corpus; older statements are read from the store. A statement removed with
 * its article may linger in its slot, so a candidate whose words match is
 * looked up in the store (its claim) before it counts. */
enum { CACHE_SLOTS = 1 << 16 };

typedef struct claim_cache {
    long long id[CACHE_SLOTS];
    uint8_t n[CACHE_SLOTS];
    claim_word w[CACHE_SLOTS][MAX_WORDS];
} claim_cache;

void link_claims_free(linker *l)
{
    free(l->claim_cache);
    l->claim_cache = NULL;
}

static void cache_put(linker *l, long long id, const claim_word *w, size_t n)
{
    if (n > MAX_WORDS) return;
    if (!l->claim_cache && !(l->claim_cache = calloc(1, sizeof *l->claim_cache))) abort();
    size_t slot = (size_t)id % CACHE_SLOTS;
    l->claim_cache->id[slot] = id;
    l->claim_cache->n[slot] = (uint8_t)n;
    memcpy(l->claim_cache->w[slot], w, n * sizeof *w);
}

/* The words of statement id, from the cache or else the store (and then
 * cached); 0 words when it is no longer stored; -1 with err set. */
static int statement_words(linker *l, long long id, const claim_word **w, size_t *n, char *err, size_t errlen)
{
    static const char sql[] = "SELECT words FROM link_statements WHERE statement = ?1";
    size_t slot = (size_t)id % CACHE_SLOTS;
    if (l->claim_cache && l->claim_cache->id[slot] == id) {
        *w = l->claim_cache->w[slot];
        *n = l->claim_cache->n[slot];
        return 0;
    }
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    *n = 0;
    if (rc == SQLITE_ROW) {
        size_t on = (size_t)sqlite3_column_bytes(st, 0) / sizeof **w;
        const claim_word *ow = sqlite3_column_blob(st, 0);
        if (ow && on <= MAX_WORDS) {
            cache_put(l, id, ow, on);
            *w = l->claim_cache->w[slot];
            *n = on;
        }
        rc = sqlite3_step(st);
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
}

/* The claim of a statement; 0 when it is no longer stored. */
static long long claim_if_stored(linker *l, long long statement, char *err, size_t errlen)
{
    static const char sql[] = "SELECT claim FROM link_statements WHERE statement = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, statement);
    return link_step_int(l, st, 0, err, errlen);
}

/* The statements a band search met so far: open addressing, twice the
 * candidates' number of slots, so it never fills. */
typedef struct met_set { long long v[2 * MAX_CANDIDATES]; } met_set;

/* Adds id (never 0: ids start at 1); false if it was there already. */
static bool met_add(met_set *m, long long id)
{
    size_t n = sizeof m->v / sizeof *m->v;
    for (size_t i = ((unsigned long long)id * 0x9E3779B97F4A7C15ULL) >> 55;; i = (i + 1) & (n - 1)) {
        if (m->v[i] == id) return false;
        if (!m->v[i]) {
            m->v[i] = id;
            return true;
        }
    }
}

/* Joins a statement, now in claim `own`, to the claims of the similar
 * statements its bands meet (one query for all its bands, one insert to file
 * them). Candidates are capped at MAX_CANDIDATES: a band met by hundreds of
 * statements is one whose statements are already joined (a boilerplate line
 * repeated in every article), and comparing each newcomer with all of them
 * would make filing quadratic in the corpus. */
static int join_statement(linker *l, long long statement, long long own, const claim_word *w, size_t n,
                          const uint64_t bands[BANDS], bool file_bands, char *err, size_t errlen)
{
    /* The first MAX_CANDIDATES distinct statements in the index's order
     * (bands ascending, then statements): distinct here, in met_add, which
     * costs less than SQLite's DISTINCT (a temporary B-tree per search). */
    static const char find[] =
        "SELECT statement FROM link_bands"
        " WHERE band IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
        " AND statement <> ?17";
    static const char put[] =
        "INSERT OR IGNORE INTO link_bands(band, statement) VALUES (?1, ?17), (?2, ?17), (?3, ?17), (?4, ?17),"
        " (?5, ?17), (?6, ?17), (?7, ?17), (?8, ?17), (?9, ?17), (?10, ?17), (?11, ?17), (?12, ?17), (?13, ?17),"
        " (?14, ?17), (?15, ?17), (?16, ?17)";
    _Static_assert(BANDS == 16, "the statements above name 16 bands");
    long long met[MAX_CANDIDATES], claims[MAX_CANDIDATES];
    size_t nmet = 0, nclaims = 0;
    int rc = SQLITE_DONE;
    sqlite3_stmt *st = link_stmt(l, find, err, errlen);
    if (!st) return -1;
    for (int b = 0; b < BANDS; b++) sqlite3_bind_int64(st, b + 1, (sqlite3_int64)bands[b]);
    sqlite3_bind_int64(st, BANDS + 1, statement);
    met_set seen = {{0}};
    while (nmet < MAX_CANDIDATES && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long id = sqlite3_column_int64(st, 0);
        if (met_add(&seen, id)) met[nmet++] = id;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return link_sql_error(l, err, errlen);
    for (size_t i = 0; i < nmet; i++) {
        const claim_word *ow;
        size_t on;
        if (statement_words(l, met[i], &ow, &on, err, errlen) != 0) return -1;
        if (!on || !claim_same(w, n, ow, on)) continue;
        long long c = claim_if_stored(l, met[i], err, errlen);
        if (c < 0) return -1;
        if (c && c != own) add_claim(claims, &nclaims, c);
    }
    if (file_bands) {
        if (!(st = link_stmt(l, put, err, errlen))) return -1;
        for (int b = 0; b < BANDS; b++) sqlite3_bind_int64(st, b + 1, (sqlite3_int64)bands[b]);
        sqlite3_bind_int64(st, BANDS + 1, statement);
        if (link_step_done(l, st, err, errlen) != 0) return -1;
    }
    return merge_claims(l, own, claims, nclaims, err, errlen);
}

/* --- word sets already filed ------------------------------------------------------------
 *
 * A statement whose content words are exactly those of one filed before it
 * (the same line repeated through an article, or in a redo) meets exactly
 * the statements the first met, so, when the set is claim-worthy on its
 * own (claim_same with itself), it joins the first one's claim without a
 * search and files no bands of its own: later statements meet the first.
 * An article holding a sentence thousands of times then costs one search,
 * not thousands. */
typedef struct seen_set {
    uint64_t hash;
    long long statement;     /* the first statement with these words; 0: empty slot */
    size_t at, n;            /* its words in the pool */
} seen_set;

typedef struct seen_sets {
    seen_set *v;
    size_t cap, used;
    buf pool;                /* the word sets, one after another */
} seen_sets;

static uint64_t set_hash(const claim_word *w, size_t n)
{
    uint32_t h[CLAIM_MAX_WORDS];
    for (size_t i = 0; i < n; i++) h[i] = w[i].hash;
    return hash_bytes(h, n * sizeof *h) | 1;
}

/* The slot holding this word set, or the empty slot where it goes. */
static seen_set *seen_slot(seen_sets *s, const claim_word *w, size_t n, uint64_t h)
{
    for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
        seen_set *e = &s->v[i];
        if (!e->statement) return e;
        if (e->hash == h && e->n == n && !memcmp(s->pool.p + e->at, w, n * sizeof *w)) return e;
    }
}

static void seen_grow(seen_sets *s)
{
    size_t cap = s->cap ? 2 * s->cap : 64;
    seen_set *v = calloc(cap, sizeof *v);
    if (!v) abort();
    for (size_t i = 0; i < s->cap; i++) {
        if (!s->v[i].statement) continue;
        size_t j = s->v[i].hash & (cap - 1);
        while (v[j].statement) j = (j + 1) & (cap - 1);
        v[j] = s->v[i];
    }
    free(s->v);
    s->v = v;
    s->cap = cap;
}

/* The first statement filed with these words, or 0. */
static long long seen_find(seen_sets *s, const claim_word *w, size_t n)
{
    if (!s->cap) return 0;
    return seen_slot(s, w, n, set_hash(w, n))->statement;
}

/* Records statement as the first with these words (seen_find gave 0). */
static void seen_add(seen_sets *s, const claim_word *w, size_t n, long long statement)
{
    if (2 * (s->used + 1) > s->cap) seen_grow(s);
    uint64_t h = set_hash(w, n);
    *seen_slot(s, w, n, h) = (seen_set){h, statement, s->pool.n, n};
    buf_put(&s->pool, w, n * sizeof *w);
    s->used++;
}

static void seen_free(seen_sets *s)
{
    free(s->v);
    buf_free(&s->pool);
}

static long long insert_quote(linker *l, long long art, const article *a, uint32_t i, const long long *nodes,
                              char *err, size_t errlen)
{
    static const char sql[] = "INSERT INTO link_quotes(article, n, kind, speaker, start, end, sent_start,"
                              " sent_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    static const char *const kinds[] = {"direct", "indirect", "mixed"};
    const quote *q = &a->quotes.v[i];
    int32_t s0 = article_sentence_at(a, q->start), s1 = article_sentence_at(a, q->end ? q->end - 1 : 0);
    uint32_t ss = s0 >= 0 ? a->sents.v[s0].start : q->start, se = s1 >= 0 ? a->sents.v[s1].end : q->end;
    if (q->speaker_span.end > se && q->speaker_span.end <= a->len) {
        int32_t s2 = article_sentence_at(a, q->speaker_span.start);
        if (s2 >= 0 && a->sents.v[s2].end > se) se = a->sents.v[s2].end;
    }
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_int64(st, 2, i);
    sqlite3_bind_text(st, 3, kinds[q->kind < 3 ? q->kind : 0], -1, SQLITE_STATIC);
    if (q->speaker >= 0 && (uint32_t)q->speaker < a->entities.n && nodes[q->speaker])
        sqlite3_bind_int64(st, 4, nodes[q->speaker]);
    sqlite3_bind_int64(st, 5, q->start);
    sqlite3_bind_int64(st, 6, q->end);
    sqlite3_bind_int64(st, 7, ss);
    sqlite3_bind_int64(st, 8, se);
    if (link_step_done(l, st, err, errlen) != 0) return -1;
    return sqlite3_last_insert_rowid(l->db);
}

/* Joins statement `id` (words w, n; now in claim `own`) to the claims of
 * the statements like it: the claim of the first filed with the same words
 * when there was one, else those its bands meet. A statement too slight to
 * be one claim even with itself (claim_same) can meet no other, since what
 * it shares with another is at most itself: it stays alone, unfiled. */
static int file_statement(linker *l, seen_sets *seen, long long id, long long own, const claim_word *w, size_t n,
                          bool file_bands, char *err, size_t errlen)
{
    if (!claim_same(w, n, w, n)) return 0;
    long long first = seen_find(seen, w, n);
    if (first) {
        long long c = claim_of(l, first, err, errlen);
        return c < 0 ? -1 : merge_claims(l, own, &c, 1, err, errlen);
    }
    seen_add(seen, w, n, id);
    uint64_t bands[BANDS];
    if (!bands_of(w, n, bands)) return 0;
    return join_statement(l, id, own, w, n, bands, file_bands, err, errlen);
}

/* A statement of a quote that repeats the words of one filed before it in
 * the article goes straight into that one's claim (see seen_sets). */
static int add_repeated(linker *l, long long quote_id, long long first, uint32_t start, uint32_t end,
                        const claim_word *w, size_t n, char *err, size_t errlen)
{
    static const char sql[] = "INSERT INTO link_statements(quote, start, end, words, claim)"
                              " SELECT ?1, ?2, ?3, ?4, claim FROM link_statements WHERE statement = ?5";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, quote_id);
    sqlite3_bind_int64(st, 2, start);
    sqlite3_bind_int64(st, 3, end);
    sqlite3_bind_blob(st, 4, w, (int)(n * sizeof *w), SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 5, first);
    if (sqlite3_step(st) != SQLITE_DONE || sqlite3_changes(l->db) != 1) return link_sql_error(l, err, errlen);
    return 0;
}

static int add_statement(linker *l, seen_sets *seen, long long quote_id, const article *a, uint32_t start,
                         uint32_t end, char *err, size_t errlen)
{
    static const char sql[] = "INSERT INTO link_statements(quote, start, end, words, claim) VALUES (?1, ?2, ?3, ?4, 0)";
    static const char self[] = "UPDATE link_statements SET claim = statement WHERE statement = ?1";
    claim_word w[CLAIM_MAX_WORDS];
    size_t n = claim_words(l->res, a->text + start, end - start, w, CLAIM_MAX_WORDS);
    if (n < MIN_WORDS || n > MAX_WORDS) return 0;
    long long first = claim_same(w, n, w, n) ? seen_find(seen, w, n) : 0;
    if (first) return add_repeated(l, quote_id, first, start, end, w, n, err, errlen);
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, quote_id);
    sqlite3_bind_int64(st, 2, start);
    sqlite3_bind_int64(st, 3, end);
    sqlite3_bind_blob(st, 4, w, (int)(n * sizeof *w), SQLITE_TRANSIENT);
    if (link_step_done(l, st, err, errlen) != 0) return -1;
    long long id = sqlite3_last_insert_rowid(l->db);
    cache_put(l, id, w, n);
    if (!(st = link_stmt(l, self, err, errlen))) return -1;
    sqlite3_bind_int64(st, 1, id);
    if (link_step_done(l, st, err, errlen) != 0) return -1;
    return file_statement(l, seen, id, id, w, n, true, err, errlen);
}

/* Each sentence of the quote (its part inside the quote) is a statement. */
static int add_statements(linker *l, seen_sets *seen, long long quote_id, const article *a, const quote *q,
                          char *err, size_t errlen)
{
    int32_t s = article_sentence_at(a, q->start);
    if (s < 0) return add_statement(l, seen, quote_id, a, q->start, q->end, err, errlen);
    for (uint32_t k = (uint32_t)s; k < a->sents.n && a->sents.v[k].start < q->end; k++) {
        uint32_t start = a->sents.v[k].start > q->start ? a->sents.v[k].start : q->start;
        uint32_t end = a->sents.v[k].end < q->end ? a->sents.v[k].end : q->end;
        if (end > start && add_statement(l, seen, quote_id, a, start, end, err, errlen) != 0) return -1;
    }
    return 0;
}

int link_claims_add(linker *l, long long art, const article *a, const long long *nodes, char *err, size_t errlen)
{
    seen_sets seen = {0};
    int rc = 0;
    for (uint32_t i = 0; i < a->quotes.n && rc == 0; i++) {
        const quote *q = &a->quotes.v[i];
        if (q->end <= q->start || q->end > a->len) continue;
        long long id = insert_quote(l, art, a, i, nodes, err, errlen);
        rc = id < 0 ? -1 : add_statements(l, &seen, id, a, q, err, errlen);
    }
    seen_free(&seen);
    return rc;
}

int link_claims_redo(linker *l, char *err, size_t errlen)
{
    static const char touched[] = "SELECT statement, words FROM link_statements WHERE claim IN"
                                  " (SELECT id FROM link_redo WHERE kind = 'claim') ORDER BY statement";
    static const char reset[] = "UPDATE link_statements SET claim = statement WHERE claim IN"
                                " (SELECT id FROM link_redo WHERE kind = 'claim')";
    sqlite3_stmt *st = link_stmt(l, touched, err, errlen);
    if (!st) return -1;
    typedef struct item { long long id; claim_word w[CLAIM_MAX_WORDS]; size_t n; } item;
    item *v = NULL;
    size_t n = 0, cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? 2 * cap : 16;
            v = realloc(v, cap * sizeof *v);
            if (!v) abort();
        }
        v[n].id = sqlite3_column_int64(st, 0);
        size_t bytes = (size_t)sqlite3_column_bytes(st, 1);
        if (bytes > sizeof v[n].w) bytes = sizeof v[n].w;
        if (bytes) memcpy(v[n].w, sqlite3_column_blob(st, 1), bytes);
        v[n].n = bytes / sizeof *v[n].w;
        n++;
    }
    sqlite3_reset(st);
    int result = rc == SQLITE_DONE ? link_exec(l, reset, err, errlen) : link_sql_error(l, err, errlen);
    seen_sets seen = {0};
    for (size_t i = 0; i < n && result == 0; i++) {
        long long own = claim_of(l, v[i].id, err, errlen);
        result = own < 0 ? -1 : file_statement(l, &seen, v[i].id, own, v[i].w, v[i].n, false, err, errlen);
    }
    seen_free(&seen);
    free(v);
    return result;
}
