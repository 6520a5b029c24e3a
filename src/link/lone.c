/* lone.c — a surname or a given name alone, joined across articles by context.
 *
 * An article that says only "Bush" or "Matt" gives its entity no key
 * (names.c): two people share surnames, so the word alone would join the
 * Williams sisters with every other Williams. In the article, the name
 * joins a full name it gives (nlp's aliases); this file decides for the
 * articles that give none, at each settle, from the whole corpus:
 *
 *   candidates  the clusters of people whose full name ends with the word
 *               (or, for a given name, begins with it: a word some article
 *               gives as an organisation's or a place's whole name, such
 *               as Chrysler, is not taken for a given name);
 *   near        a candidate named only years away from the article (both
 *               dated, more than LONE_MAX_YEARS apart) is not one;
 *   context     each candidate scores the rarity (ln N/df) of the other
 *               entities the article shares with the candidate's articles
 *               (the team, the court, the town);
 *   decision    the best joins when at least two entities are shared and
 *               they score at least ln N (as much as one name no other
 *               article gives: a bound that holds for a corpus of 500
 *               articles as of a million), and the next candidate at most
 *               LONE_MAX_RIVAL of it: when the context leaves one
 *               candidate. Otherwise the name stays alone. Only names
 *               shaped as people's are candidates ("Theodore Semegran of
 *               Shearson" and "Charlton midfielder Graham Stuart" are not).
 *
 * Every lone node is decided again from scratch at each settle, and a lone
 * node never counts as context, so the decisions depend on what is stored,
 * not on the order it came in. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/idmap.h"
#include "link/internal.h"

enum {
    LONE_MAX_YEARS = 3,     /* "near in time" for two dated articles */
    LONE_WORD_MAX = 64,     /* longer single words are not names */
};
static const double LONE_MAX_RIVAL = 0.5;
enum { LONE_MIN_SHARED = 2, LONE_MAX_NAME_WORDS = 5 };

typedef struct lone_node {
    long long node, article, cluster;
    long long was;    /* its cluster before this settle */
    char *word;       /* folded */
    int day;          /* days since year 0 of the article's date, 0 when undated */
    long long *ctx;   /* the clusters of its article's other entities, sorted */
    uint32_t nctx;
    char **ends;      /* the first and last words (folded) of its article's full names */
    uint32_t nends;
} lone_node;

typedef struct word_cluster {
    const char *word;  /* folded */
    long long cluster;
    bool first;        /* the word begins the full name (a given name) */
} word_cluster;

typedef struct cluster_count {
    long long cluster;
    long articles;
    bool person;       /* most of its nodes are people's */
} cluster_count;

typedef struct cand_info {
    long long cluster;
    long long *co;     /* clusters named in its articles, sorted */
    uint32_t nco;
    int *days;         /* its articles' dates (0 undated), sorted */
    uint32_t ndays;
    bool ready;
} cand_info;

typedef ARENA_VEC(lone_node) lone_vec;
typedef ARENA_VEC(word_cluster) wc_vec;
typedef ARENA_VEC(cluster_count) cc_vec;
typedef ARENA_VEC(long long) ll_vec;
typedef ARENA_VEC(int) int_vec;
typedef struct cand_vec {
    ARENA_VEC(cand_info) v;
    idmap index;       /* cluster → its entry in v */
} cand_vec;

/* "2008-12-14" → days since year 0 (a month of 31 days is close enough for
 * a bound in years); "2008" alone → the middle of the year; else 0. */
static int date_days(const char *p)
{
    if (!p || strlen(p) < 4) return 0;
    int y = atoi(p), m = 6, d = 15;
    if (y <= 0) return 0;
    if (strlen(p) >= 7) m = atoi(p + 5);
    if (strlen(p) >= 10) d = atoi(p + 8);
    return y * 372 + m * 31 + d;
}

static int cmp_ll(const void *x, const void *y)
{
    long long a = *(const long long *)x, b = *(const long long *)y;
    return (a > b) - (a < b);
}

static int cmp_int(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

static int cmp_str(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

static int cmp_wc(const void *x, const void *y)
{
    const word_cluster *a = x, *b = y;
    int c = strcmp(a->word, b->word);
    if (c) return c;
    if (a->cluster != b->cluster) return (a->cluster > b->cluster) - (a->cluster < b->cluster);
    return (int)a->first - (int)b->first;
}

static bool has_ll(const long long *v, uint32_t n, long long x)
{
    return n && bsearch(&x, v, n, sizeof *v, cmp_ll) != NULL;
}

/* Sorts v and drops repeats; returns the new count. */
static uint32_t sort_unique(long long *v, uint32_t n)
{
    if (!n) return 0;
    qsort(v, n, sizeof *v, cmp_ll);
    uint32_t o = 1;
    for (uint32_t i = 1; i < n; i++)
        if (v[i] != v[o - 1]) v[o++] = v[i];
    return o;
}

/* A name's words folded; the first and last word that a person is called
 * by (a generational suffix is not a surname: "Martin Luther King Jr"). */
static bool name_ends(const char *name, buf *fold, const char **first, size_t *nfirst, const char **last,
                      size_t *nlast)
{
    fold->n = 0;
    int words = name_fold(name, strlen(name), fold);
    if (words < 2) return false;
    const char *s = buf_cstr(fold);
    *first = s;
    *nfirst = strcspn(s, " ");
    const char *end = s + fold->n;
    for (;;) {
        const char *sp = end;
        while (sp > s && sp[-1] != ' ') sp--;
        size_t n = (size_t)(end - sp);
        bool suffix = (n == 2 && (!memcmp(sp, "jr", 2) || !memcmp(sp, "sr", 2) || !memcmp(sp, "ii", 2))) ||
                      (n == 3 && (!memcmp(sp, "iii", 3) || !memcmp(sp, "snr", 3) || !memcmp(sp, "jnr", 3))) ||
                      (n == 2 && !memcmp(sp, "iv", 2));
        if (!suffix || sp == s) {
            *last = sp;
            *nlast = n;
            return sp != s;
        }
        end = sp - 1;
    }
}

/* The lone nodes: people named by one word. */
static int read_lone(linker *l, arena *m, lone_vec *out, char *err, size_t errlen)
{
    static const char sql[] = "SELECT e.node, e.article, e.name, a.published, e.cluster FROM link_entities e"
                              " JOIN articles a ON a.rowid = e.article"
                              " WHERE e.type = ?1 AND instr(e.name, ' ') = 0 ORDER BY e.article, e.node";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int(st, 1, ENT_PERSON);
    buf f;
    buf_init(&f);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 2);
        f.n = 0;
        if (!name || name_fold(name, strlen(name), &f) != 1 || f.n >= LONE_WORD_MAX) continue;
        lone_node *n = ARENA_PUSH(m, *out);
        n->node = sqlite3_column_int64(st, 0);
        n->article = sqlite3_column_int64(st, 1);
        n->word = arena_strndup(m, f.p, f.n);
        n->day = date_days((const char *)sqlite3_column_text(st, 3));
        n->cluster = sqlite3_column_int64(st, 4);
    }
    sqlite3_reset(st);
    buf_free(&f);
    return rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
}

/* Of words (sorted), those that some article gives as the whole name of
 * an organisation or a place, into other (sorted, a subset): "Chrysler
 * said" is the company, though "Chrysler" is also listed as a given name,
 * so such a word is never taken for a given name alone. */
static int other_names(linker *l, arena *m, char **words, size_t nwords, char ***other, size_t *nother, char *err,
                       size_t errlen)
{
    static const char sql[] = "SELECT name FROM link_entities WHERE type != ?1 AND instr(name, ' ') = 0";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int(st, 1, ENT_PERSON);
    bool *hit_at = arena_alloc(m, (nwords + 1) * sizeof *hit_at);
    buf f;
    buf_init(&f);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        f.n = 0;
        if (!name || name_fold(name, strlen(name), &f) != 1) continue;
        const char *key = buf_cstr(&f);
        char **hit = bsearch(&key, words, nwords, sizeof *words, cmp_str);
        if (hit) hit_at[hit - words] = true;
    }
    sqlite3_reset(st);
    buf_free(&f);
    *other = arena_alloc(m, (nwords + 1) * sizeof **other);
    *nother = 0;
    for (size_t i = 0; i < nwords; i++)
        if (hit_at[i]) (*other)[(*nother)++] = words[i];
    return rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
}

/* Whether a full name is shaped as a person's: two to LONE_MAX_NAME_WORDS
 * words, each capitalised or one of the particles of names ("Kika de la
 * Garza", "Ludwig van Beethoven"); no digits, no word in capitals (GTA San
 * Andreas), and not starting with a word of grammar that a sentence's
 * capital made look like a name ("At Gatwick", "Should Texaco"). */
static bool person_shaped(const link_res *r, const char *name)
{
    size_t n0 = strcspn(name, " ");
    if (wordmap_has(r->stopwords, name, n0)) return false;
    static const char *const particles[] = {"al", "bin", "bint", "da", "das", "de", "del", "della", "der", "di",
                                            "do", "dos", "du", "el", "ibn", "la", "le", "ter", "van", "von"};
    int words = 0;
    for (const char *p = name; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        size_t n = strcspn(p, " ");
        words++;
        bool ok = (unsigned char)*p >= 0x80 || (*p >= 'A' && *p <= 'Z');
        for (size_t k = 0; !ok && k < sizeof particles / sizeof *particles; k++)
            ok = strlen(particles[k]) == n && !memcmp(p, particles[k], n);
        for (size_t k = 0; k < n && ok; k++) ok = !(p[k] >= '0' && p[k] <= '9');
        bool caps = n >= 2;
        for (size_t k = 0; k < n && caps; k++) caps = (p[k] >= 'A' && p[k] <= 'Z') || p[k] == '-';
        if (!ok || caps) return false;
        p += n;
    }
    return words >= 2 && words <= LONE_MAX_NAME_WORDS;
}

/* The clusters of full names whose first or last word is one of the lone words. */
static int read_full_names(linker *l, arena *m, char **words, size_t nwords, wc_vec *out, char *err, size_t errlen)
{
    static const char sql[] = "SELECT cluster, name FROM link_entities WHERE type = ?1 AND instr(name, ' ') > 0";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int(st, 1, ENT_PERSON);
    buf f, w;
    buf_init(&f);
    buf_init(&w);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1), *first, *last;
        size_t nfirst, nlast;
        if (!name || !person_shaped(l->res, name) || !name_ends(name, &f, &first, &nfirst, &last, &nlast)) continue;
        for (int k = 0; k < 2; k++) {
            w.n = 0;
            buf_put(&w, k ? first : last, k ? nfirst : nlast);
            const char *key = buf_cstr(&w);
            char **hit = bsearch(&key, words, nwords, sizeof *words, cmp_str);
            if (!hit) continue;
            word_cluster *wc = ARENA_PUSH(m, *out);
            wc->word = *hit;
            wc->cluster = sqlite3_column_int64(st, 0);
            wc->first = k == 1;
        }
    }
    sqlite3_reset(st);
    buf_free(&f);
    buf_free(&w);
    if (rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    if (out->n) qsort(out->v, out->n, sizeof *out->v, cmp_wc);
    return 0;
}

/* The article count and kind of each cluster in need (sorted, distinct),
 * each read through the cluster index: no scan of the whole table. */
static int read_cluster_counts(linker *l, arena *m, const long long *need, size_t nneed, cc_vec *out,
                               long *narticles, char *err, size_t errlen)
{
    static const char counts[] = "SELECT count(DISTINCT article), 2 * sum(type = ?2) > count(*)"
                                 " FROM link_entities WHERE cluster = ?1";
    static const char total[] = "SELECT count(*) FROM articles";
    sqlite3_stmt *st = link_stmt(l, total, err, errlen);
    if (!st) return -1;
    long long n = link_step_int(l, st, 0, err, errlen);
    if (n < 0) return -1;
    *narticles = (long)n;
    for (size_t i = 0; i < nneed; i++) {
        st = link_stmt(l, counts, err, errlen);
        if (!st) return -1;
        sqlite3_bind_int64(st, 1, need[i]);
        sqlite3_bind_int(st, 2, ENT_PERSON);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            cluster_count *c = ARENA_PUSH(m, *out);
            c->cluster = need[i];
            c->articles = (long)sqlite3_column_int64(st, 0);
            c->person = sqlite3_column_int(st, 1) != 0;
        }
        sqlite3_reset(st);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    }
    return 0;
}

static int cmp_cc(const void *x, const void *y)
{
    const cluster_count *a = x, *b = y;
    return (a->cluster > b->cluster) - (a->cluster < b->cluster);
}

static const cluster_count *count_of(const cc_vec *counts, long long cluster)
{
    cluster_count key = {cluster, 0, false};
    return bsearch(&key, counts->v, counts->n, sizeof *counts->v, cmp_cc);
}

static double rarity(const cc_vec *counts, long narticles, long long cluster)
{
    const cluster_count *c = count_of(counts, cluster);
    long df = c && c->articles > 0 ? c->articles : 1;
    return narticles > df ? log((double)narticles / (double)df) : 0.0;
}

/* The clusters named beside the candidate, and its articles' dates. */
static int fill_candidate(linker *l, arena *m, cand_info *c, char *err, size_t errlen)
{
    static const char co_sql[] = "SELECT DISTINCT o.cluster FROM link_entities k"
                                 " JOIN link_entities o ON o.article = k.article WHERE k.cluster = ?1";
    static const char day_sql[] = "SELECT DISTINCT a.rowid, a.published FROM link_entities k"
                                  " JOIN articles a ON a.rowid = k.article WHERE k.cluster = ?1";
    ll_vec co = {0};
    int_vec days = {0};
    sqlite3_stmt *st = link_stmt(l, co_sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c->cluster);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) *ARENA_PUSH(m, co) = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    st = link_stmt(l, day_sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c->cluster);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) *ARENA_PUSH(m, days) = date_days((const char *)sqlite3_column_text(st, 1));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    c->nco = sort_unique(co.v, co.n);
    c->co = co.v;
    if (days.n) qsort(days.v, days.n, sizeof *days.v, cmp_int);
    c->days = days.v;
    c->ndays = days.n;
    c->ready = true;
    return 0;
}

/* Whether some article of the candidate is near day (or either is undated). */
static bool near_in_time(const cand_info *c, int day)
{
    if (!day) return true;
    bool dated = false;
    for (uint32_t i = 0; i < c->ndays; i++) {
        if (!c->days[i]) return true;   /* an undated article of its own may be near */
        dated = true;
        int gap = c->days[i] > day ? c->days[i] - day : day - c->days[i];
        if (gap <= LONE_MAX_YEARS * 372) return true;
    }
    return !dated;
}

/* The context of one article, in one read of its entities: the clusters of
 * those that are not lone, sorted, into ctx; the first and last words of its
 * people's full names into ends (a lone word among them was decided by the
 * article itself). */
typedef ARENA_VEC(char *) str_vec;

static int read_context(linker *l, arena *m, long long art, ll_vec *ctx, str_vec *ends, char *err, size_t errlen)
{
    static const char sql[] = "SELECT cluster, name, type FROM link_entities WHERE article = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, art);
    ctx->n = ends->n = 0;
    buf f;
    buf_init(&f);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 1), *first, *last;
        bool person = sqlite3_column_int(st, 2) == ENT_PERSON;
        if (person && name && !strchr(name, ' ')) continue;
        *ARENA_PUSH(m, *ctx) = sqlite3_column_int64(st, 0);
        size_t nf, nl;
        if (person && name && name_ends(name, &f, &first, &nf, &last, &nl)) {
            *ARENA_PUSH(m, *ends) = arena_strndup(m, first, nf);
            *ARENA_PUSH(m, *ends) = arena_strndup(m, last, nl);
        }
    }
    sqlite3_reset(st);
    buf_free(&f);
    if (rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    ctx->n = sort_unique(ctx->v, ctx->n);
    return 0;
}

static bool has_str(char *const *v, uint32_t n, const char *w)
{
    for (uint32_t i = 0; i < n; i++)
        if (!strcmp(v[i], w)) return true;
    return false;
}

static int set_cluster(linker *l, long long node, long long cluster, char *err, size_t errlen)
{
    static const char sql[] = "UPDATE link_entities SET cluster = ?1 WHERE node = ?2";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, cluster);
    sqlite3_bind_int64(st, 2, node);
    return link_step_done(l, st, err, errlen);
}

/* The cluster the context chooses for n among the candidates of its word, or n's own node. */
static long long choose(linker *l, arena *m, const lone_node *n, const ll_vec *ctx, const wc_vec *names,
                        cand_vec *cands, const cc_vec *counts, long narticles, bool given_name, char *err,
                        size_t errlen, int *rc)
{
    word_cluster key = {n->word, 0, false};
    size_t lo = 0, hi = names->n;
    while (lo < hi) {   /* the first entry of the word */
        size_t mid = (lo + hi) / 2;
        if (strcmp(names->v[mid].word, key.word) < 0) lo = mid + 1;
        else hi = mid;
    }
    double best = 0, second = 0;
    int best_shared = 0;
    long long best_cluster = 0, last_cluster = 0;
    for (size_t i = lo; i < names->n && !strcmp(names->v[i].word, n->word); i++) {
        const word_cluster *wc = &names->v[i];
        if (wc->first && !given_name) continue;   /* "Matt" may be a given name; "Smith" is not */
        if (wc->cluster == last_cluster) continue;
        last_cluster = wc->cluster;
        /* a team or a company the tagger once read as a person ("Bradley
         * Braves") is not a person's full name */
        const cluster_count *cc = count_of(counts, wc->cluster);
        if (!cc || !cc->person) continue;
        /* its facts, computed once per settle */
        int32_t *slot = idmap_slot(&cands->index, (uint64_t)wc->cluster);
        if (*slot < 0) {
            *slot = (int32_t)cands->v.n;
            cand_info *fresh = ARENA_PUSH(m, cands->v);
            fresh->cluster = wc->cluster;
            if (fill_candidate(l, m, fresh, err, errlen) != 0) {
                *rc = -1;
                return n->node;
            }
        }
        const cand_info *c = &cands->v.v[*slot];
        if (!near_in_time(c, n->day)) continue;
        double score = 0;
        int shared = 0;
        for (uint32_t k = 0; k < ctx->n; k++)
            if (ctx->v[k] != c->cluster && has_ll(c->co, c->nco, ctx->v[k])) {
                score += rarity(counts, narticles, ctx->v[k]);
                shared++;
            }
        if (score > best) {
            second = best;
            best = score;
            best_shared = shared;
            best_cluster = c->cluster;
        } else if (score > second) {
            second = score;
        }
    }
    double enough = narticles > 1 ? log((double)narticles) : 1.0;
    if (best_shared >= LONE_MIN_SHARED && best >= enough && second <= LONE_MAX_RIVAL * best) return best_cluster;
    return n->node;
}

int link_lone_settle(linker *l, char *err, size_t errlen)
{
    arena m;
    arena_init(&m);
    lone_vec lone = {0};
    int rc = read_lone(l, &m, &lone, err, errlen);
    if (rc != 0 || !lone.n) {
        arena_free(&m);
        return rc;
    }
    /* every lone node starts alone again, so that no earlier decision counts
     * as a candidate's article or a name's rarity */
    for (uint32_t i = 0; i < lone.n && rc == 0; i++) {
        lone.v[i].was = lone.v[i].cluster;
        if (lone.v[i].cluster != lone.v[i].node) {
            rc = set_cluster(l, lone.v[i].node, lone.v[i].node, err, errlen);
            lone.v[i].cluster = lone.v[i].node;
        }
    }
    /* the distinct lone words, sorted, to pick the full names worth reading */
    char **words = arena_alloc(&m, lone.n * sizeof *words);
    for (uint32_t i = 0; i < lone.n; i++) words[i] = lone.v[i].word;
    qsort(words, lone.n, sizeof *words, cmp_str);
    size_t nw = 0;
    for (size_t i = 0; i < lone.n; i++)
        if (!nw || strcmp(words[i], words[nw - 1])) words[nw++] = words[i];
    wc_vec names = {0};
    cc_vec counts = {0};
    long narticles = 0;
    char **other = NULL;
    size_t nother = 0;
    if (rc == 0) rc = other_names(l, &m, words, nw, &other, &nother, err, errlen);
    if (rc == 0) rc = read_full_names(l, &m, words, nw, &names, err, errlen);
    /* each lone article's context once (nodes come by article), then the
     * counts of every cluster a decision may weigh */
    ll_vec need = {0};
    for (uint32_t i = 0; i < lone.n && rc == 0 && names.n; i++) {
        lone_node *n = &lone.v[i];
        if (i && lone.v[i - 1].article == n->article) {
            n->ctx = lone.v[i - 1].ctx;
            n->nctx = lone.v[i - 1].nctx;
            n->ends = lone.v[i - 1].ends;
            n->nends = lone.v[i - 1].nends;
            continue;
        }
        ll_vec ctx = {0};
        str_vec ends = {0};
        rc = read_context(l, &m, n->article, &ctx, &ends, err, errlen);
        n->ctx = ctx.v;
        n->nctx = ctx.n;
        n->ends = ends.v;
        n->nends = ends.n;
        for (uint32_t k = 0; k < ctx.n; k++) *ARENA_PUSH(&m, need) = ctx.v[k];
    }
    for (uint32_t i = 0; i < names.n; i++) *ARENA_PUSH(&m, need) = names.v[i].cluster;
    need.n = sort_unique(need.v, need.n);
    if (rc == 0 && names.n) rc = read_cluster_counts(l, &m, need.v, need.n, &counts, &narticles, err, errlen);
    cand_vec cands = {0};
    idmap_init(&m, &cands.index, names.n + 1);
    for (uint32_t i = 0; i < lone.n && rc == 0; i++) {
        lone_node *n = &lone.v[i];
        long long target = n->node;
        if (names.n) {
            ll_vec ctx = {.v = n->ctx, .n = n->nctx, .cap = n->nctx};
            if (!has_str(n->ends, n->nends, n->word))   /* else the article decided */
                target = choose(l, &m, n, &ctx, &names, &cands, &counts, narticles,
                                wordmap_has(l->res->given, n->word, strlen(n->word)) &&
                                    !(nother && bsearch(&n->word, other, nother, sizeof *other, cmp_str)),
                                err, errlen, &rc);
        }
        if (rc == 0 && target != n->cluster) rc = set_cluster(l, n->node, target, err, errlen);
        /* the views need redoing only where a node ends up elsewhere than it began */
        if (target != n->was) {
            link_views_mark(l, n->was);
            link_views_mark(l, target);
        }
    }
    arena_free(&m);
    return rc;
}
