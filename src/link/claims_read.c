/* claims_read.c — reading claims back: their statements with articles and
 * speakers, and a short label, chosen when read from the statements alone
 * (the one sharing the most words with the others; the shorter on a tie).
 *
 * What claims.c files are candidates: statements that meet through some
 * pair of similar statements, chains included. Here each such group is cut
 * into claims that hold together as a whole: statements are joined best
 * pair first, and two groups only when their statements are alike on
 * average and none gives other numbers than another ("a 10 pct stock
 * dividend" is not "a 5 pct stock dividend", whatever the words shared),
 * statements about their speakers ("it raised its prime rate") only
 * with those of the same speaker, a denial never with an affirmation, a
 * statement of its day ("today") only with those of the same day, and
 * statements by two speakers only from articles telling one story
 * (claims_story.c: the wire's formulas repeat across unrelated stories).
 * Then wire copy is folded: the same words by the same speaker printed by
 * several articles within days are one statement "carried by" them, and a
 * claim needs two statements, not one statement printed twice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/idmap.h"
#include "link/internal.h"

typedef struct stmt_row {
    claim_statement pub;
    char *doc, *outlet, *published, *speaker, *text, *quote;
    claim_word *words;      /* its content words, as many as it has (malloc'd) */
    size_t nwords;
    uint32_t start;
    const char **carried;   /* docs of the wire copies folded into it */
    size_t ncarried;
    bool folded;            /* a wire copy of another row */
} stmt_row;

typedef struct owned_claim {
    claim_info pub;
    stmt_row *rows;
    size_t nrows, cap;
    claim_statement *statements;
    char *summary;
} owned_claim;

static char *dup_text(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) abort();
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static int by_date(const void *a, const void *b)
{
    const claim_statement *x = a, *y = b;
    if (!x->published != !y->published) return x->published ? -1 : 1;   /* undated last */
    int c = x->published ? strcmp(x->published, y->published) : 0;
    if (c) return c;
    if ((c = strcmp(x->doc, y->doc))) return c;
    return strcmp(x->text, y->text);
}

static int rows_by_date(const void *a, const void *b)
{
    return by_date(&((const stmt_row *)a)->pub, &((const stmt_row *)b)->pub);
}

/* The statement sharing the most words with the others (among the first
 * LABEL_SAMPLE, in the sorted order), cut to 16 words. */
enum { LABEL_SAMPLE = 64 };

static char *label(const stmt_row *r, size_t n)
{
    if (n > LABEL_SAMPLE) n = LABEL_SAMPLE;
    size_t best = 0, best_shared = 0;
    for (size_t i = 0; i < n; i++) {
        size_t total = 0, shared;
        for (size_t j = 0; j < n; j++) {
            if (i == j) continue;
            claim_similarity(r[i].words, r[i].nwords, r[j].words, r[j].nwords, NULL, &shared);
            total += shared;
        }
        if (i == 0 || total > best_shared ||
            (total == best_shared && (strlen(r[i].pub.text) < strlen(r[best].pub.text) ||
                                      (strlen(r[i].pub.text) == strlen(r[best].pub.text) &&
                                       strcmp(r[i].pub.text, r[best].pub.text) < 0)))) {
            best = i;
            best_shared = total;
        }
    }
    const char *t = r[best].pub.text;
    size_t len = 0;
    int words = 0;
    for (; t[len]; len++)
        if (t[len] == ' ' && ++words == 16) break;
    char *s = dup_text(t, len);
    return s;
}

static void free_claim(owned_claim *c)
{
    for (size_t i = 0; i < c->nrows; i++) {
        stmt_row *r = &c->rows[i];
        free(r->doc), free(r->outlet), free(r->published), free(r->speaker), free(r->text), free(r->quote);
        free(r->words);
        free(r->carried);
    }
    free(c->rows);
    free(c->statements);
    free(c->summary);
}

static int claim_order(const void *a, const void *b)
{
    const claim_info *x = &((const owned_claim *)a)->pub, *y = &((const owned_claim *)b)->pub;
    if (x->articles != y->articles) return x->articles > y->articles ? -1 : 1;
    if (x->nstatements != y->nstatements) return x->nstatements > y->nstatements ? -1 : 1;
    return strcmp(x->summary, y->summary);
}

static int by_article(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* How many articles the statements come from (sorted, not pairwise: one
 * article may hold a claim's statement thousands of times). */
static long count_articles(const stmt_row *rows, size_t n)
{
    long long *ids = malloc((n ? n : 1) * sizeof *ids);
    if (!ids) abort();
    for (size_t i = 0; i < n; i++) ids[i] = rows[i].pub.article;
    if (n > 1) qsort(ids, n, sizeof *ids, by_article);
    long articles = 0;
    for (size_t i = 0; i < n; i++) articles += !i || ids[i] != ids[i - 1];
    free(ids);
    return articles;
}

/* --- one claim --------------------------------------------------------------- */

static int day_of(const char *published)
{
    int y, m, d;
    if (!published || sscanf(published, "%4d-%2d-%2d", &y, &m, &d) != 3) return -1;
    return y * 372 + m * 31 + d;   /* near enough for "within days" */
}

/* Wire copy: the same words, the same speaker (or none), published within
 * WIRE_DAYS of each other (or both undated). */
#define WIRE_DAYS 3

static bool same_words(const stmt_row *a, const stmt_row *b)
{
    if (a->nwords != b->nwords) return false;
    for (size_t i = 0; i < a->nwords; i++)
        if (a->words[i].hash != b->words[i].hash) return false;
    return true;
}

static bool wire_copy(const stmt_row *a, const stmt_row *b)
{
    if (a->pub.article == b->pub.article || a->pub.speaker_cluster != b->pub.speaker_cluster) return false;
    if (!same_words(a, b)) return false;
    int da = day_of(a->published), db = day_of(b->published);
    return (da < 0 && db < 0) || (da >= 0 && db >= 0 && abs(da - db) <= WIRE_DAYS);
}

/* Folds wire copies into the first row (rows sorted by date) they copy. */
static void fold_wire_copies(stmt_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].folded) continue;
        for (size_t j = i + 1; j < n; j++) {
            if (rows[j].folded || !wire_copy(&rows[i], &rows[j])) continue;
            rows[j].folded = true;
            rows[i].carried = realloc(rows[i].carried, (rows[i].ncarried + 1) * sizeof *rows[i].carried);
            if (!rows[i].carried) abort();
            rows[i].carried[rows[i].ncarried++] = rows[j].doc;
        }
    }
}

/* Completes a claim from its rows (moved in); false when it is not one to
 * show: fewer than two statements once wire copy is folded, or fewer than
 * two articles, or none by the speaker asked for. */
/* --- speakers' names ---------------------------------------------------------------
 *
 * A speaker's canonical name is decided over all of its cluster's nodes
 * (link_entity_name, a GROUP BY over them). A claims read names the same
 * few hundred speakers for tens of thousands of statements, so each
 * cluster's name is asked once per read and kept here for the rest of it;
 * the store does not change during a read, so the names are the same. */
typedef struct speaker_names {
    arena mem;
    idmap ids;           /* cluster -> index into names */
    const char **names;  /* NULL: the name could not be read */
    size_t n, cap;
} speaker_names;

static void speaker_names_init(speaker_names *sn)
{
    memset(sn, 0, sizeof *sn);
    arena_init(&sn->mem);
    idmap_init(&sn->mem, &sn->ids, 256);
}

static void speaker_names_free(speaker_names *sn)
{
    free(sn->names);
    arena_free(&sn->mem);
}

/* The canonical name of cluster (owned by sn), or NULL when it cannot be read. */
static const char *speaker_name(linker *l, speaker_names *sn, long long cluster)
{
    int32_t *slot = idmap_slot(&sn->ids, (uint64_t)cluster);
    if (*slot >= 0) return sn->names[*slot];
    if (sn->n == sn->cap) {
        sn->cap = sn->cap ? 2 * sn->cap : 64;
        sn->names = realloc(sn->names, sn->cap * sizeof *sn->names);
        if (!sn->names) abort();
    }
    *slot = (int32_t)sn->n;   /* before the lookup below: no slot is held across it */
    buf b;
    buf_init(&b);
    char err[128];
    sn->names[sn->n++] = link_entity_name(l, cluster, &b, NULL, err, sizeof err) == 0
                             ? arena_strdup(&sn->mem, buf_cstr(&b)) : NULL;
    buf_free(&b);
    return sn->names[sn->n - 1];
}

static bool finish(linker *l, speaker_names *sn, owned_claim *c, long long by_cluster)
{
    bool by = !by_cluster;
    for (size_t i = 0; i < c->nrows && !by; i++) by = c->rows[i].pub.speaker_cluster == by_cluster;
    long articles = by ? count_articles(c->rows, c->nrows) : 0;
    if (articles < 2) return false;
    qsort(c->rows, c->nrows, sizeof *c->rows, rows_by_date);
    fold_wire_copies(c->rows, c->nrows);
    size_t kept = 0;
    for (size_t i = 0; i < c->nrows; i++) kept += !c->rows[i].folded;
    if (kept < 2) return false;
    for (size_t i = 0; i < c->nrows; i++) {
        stmt_row *r = &c->rows[i];
        if (r->pub.speaker_cluster) {
            const char *name = speaker_name(l, sn, r->pub.speaker_cluster);
            if (name && !(r->speaker = strdup(name))) abort();
        }
        r->pub.speaker = r->speaker;
        r->pub.carried_by = r->carried;
        r->pub.ncarried = r->ncarried;
    }
    c->summary = label(c->rows, c->nrows);
    c->statements = malloc(c->nrows * sizeof *c->statements);
    if (!c->statements) abort();
    size_t ns = 0;
    for (size_t i = 0; i < c->nrows; i++)
        if (!c->rows[i].folded) c->statements[ns++] = c->rows[i].pub;
    c->pub = (claim_info){c->summary, c->statements, ns, articles};
    return true;
}

/* --- cutting a candidate group into claims -------------------------------------- */

/* The value of a number written as a word ("seven", "Nine"), or -1. */
static double number_word(const char *p, size_t n)
{
    static const char *const words[] = {"zero",    "one",      "two",      "three",   "four",    "five",
                                        "six",     "seven",    "eight",    "nine",    "ten",     "eleven",
                                        "twelve",  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                                        "eighteen", "nineteen", "twenty"};
    static const struct { const char *w; double v; } tens[] = {
        {"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
        {"ninety", 90}, {"hundred", 100}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !strncasecmp(p, words[i], n)) return (double)i;
    for (size_t i = 0; i < sizeof tens / sizeof *tens; i++)
        if (strlen(tens[i].w) == n && !strncasecmp(p, tens[i].w, n)) return tens[i].v;
    return -1;
}

static bool letter(char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }

/* The numbers a statement gives, in digits or words, sorted ("10 pct",
 * "seven grain ships": 7, 10). */
static size_t numbers_of(const char *t, double *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = t; *p && n < cap; p++) {
        if (letter(*p) && (p == t || !letter(p[-1]))) {
            size_t len = 0;
            while (letter(p[len])) len++;
            double v = number_word(p, len);
            if (v >= 0) out[n++] = v;
            p += len - 1;
            continue;
        }
        if (*p < '0' || *p > '9' || (p > t && ((p[-1] >= '0' && p[-1] <= '9') || p[-1] == '.' || p[-1] == ','))) continue;
        double v = 0;
        for (; (*p >= '0' && *p <= '9') || ((*p == ',' || *p == '.') && p[1] >= '0' && p[1] <= '9'); p++)
            if (*p >= '0' && *p <= '9') v = v * 10 + (*p - '0');
        out[n++] = v;
        if (!*p) break;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && out[j - 1] > out[j]; j--) {
            double x = out[j];
            out[j] = out[j - 1];
            out[j - 1] = x;
        }
    return n;
}

/* Numbers compared per statement; a statement giving more is told apart by
 * its first CLAIM_NUMBERS (a table, not a claim). */
enum { CLAIM_NUMBERS = 8 };

typedef struct stmt_numbers {
    double v[CLAIM_NUMBERS];
    size_t n;
} stmt_numbers;

/* Two statements giving numbers give other numbers: they say other things. */
static bool numbers_differ(const stmt_numbers *a, const stmt_numbers *b)
{
    if (!a->n || !b->n) return false;
    if (a->n != b->n) return true;
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i] != b->v[i]) return true;
    return false;
}

/* A statement about its speaker ("it raised its prime rate", "he will
 * appeal"): in reported speech a first word "it" or "he" points back to
 * whoever says it. Such statements by two speakers are two facts, however
 * alike their words. ("We", a government or an army, may be said by any of
 * its people, and stays out.) */
static bool about_speaker(const char *t)
{
    static const char *const self[] = {"it", "its", "he", "his", "she", "her", "i", "my"};
    while (*t == ' ' || *t == '"' || *t == '\'') t++;
    size_t n = 0;
    while (t[n] && ((t[n] | 32) >= 'a' && (t[n] | 32) <= 'z')) n++;
    for (size_t i = 0; i < sizeof self / sizeof *self; i++)
        if (strlen(self[i]) == n && !strncasecmp(t, self[i], n)) return true;
    return false;
}

/* The names a statement gives: its capitalised words after the first, but
 * months, days and numbers ("April Nine"), lower-cased, the first
 * CLAIM_NAMES of them (enough to tell what a statement is about). */
enum { CLAIM_NAMES = 16, CLAIM_NAME_LEN = 24 };

typedef struct stmt_names {
    char v[CLAIM_NAMES][CLAIM_NAME_LEN];
    size_t n;
} stmt_names;

static bool calendar_word(const char *p, size_t n)
{
    static const char *const words[] = {"january", "february", "march",   "april",    "may",    "june",
                                        "july",    "august",   "september", "october", "november", "december",
                                        "monday",  "tuesday",  "wednesday", "thursday", "friday", "saturday",
                                        "sunday"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == n && !strncasecmp(p, words[i], n)) return true;
    return false;
}

static void names_of(const char *t, stmt_names *out)
{
    out->n = 0;
    bool first = true;
    for (const char *p = t; *p; p++) {
        if (!letter(*p) || (p > t && letter(p[-1]))) continue;
        size_t len = 0;
        while (letter(p[len])) len++;
        bool name = !first && *p >= 'A' && *p <= 'Z' && !calendar_word(p, len) && number_word(p, len) < 0;
        first = false;
        if (name && out->n < CLAIM_NAMES) {
            size_t k = len < CLAIM_NAME_LEN - 1 ? len : CLAIM_NAME_LEN - 1;
            for (size_t i = 0; i < k; i++) out->v[out->n][i] = (char)(p[i] | 32);
            out->v[out->n++][k] = '\0';
        }
        p += len - 1;
    }
}

/* Whether b holds the name w, or one the start of the other (Kenya, Kenyan). */
static bool names_hold(const stmt_names *b, const char *w)
{
    size_t la = strlen(w);
    for (size_t j = 0; j < b->n; j++) {
        size_t lb = strlen(b->v[j]), n = la < lb ? la : lb;
        if ((la == lb || n >= 4) && !memcmp(w, b->v[j], n)) return true;
    }
    return false;
}

/* One name in both. */
static bool names_share(const stmt_names *a, const stmt_names *b)
{
    for (size_t i = 0; i < a->n; i++)
        if (names_hold(b, a->v[i])) return true;
    return false;
}

/* Whether a statement names a rare name (LINK_DISTINCT_WEIGHT) the other
 * does not. */
static bool names_one_apart(const link_res *r, const stmt_names *a, const stmt_names *b)
{
    for (size_t i = 0; i < a->n; i++)
        if (link_word_weight(r, a->v[i], strlen(a->v[i])) >= LINK_DISTINCT_WEIGHT && !names_hold(b, a->v[i]))
            return true;
    return false;
}

/* Whether a statement only announces what follows it ("the following stocks
 * of corn in Toledo ...:", "prices were as follows -"): what it says is the
 * table after it, not its own words, which every such table shares. */
static bool announces_data(const char *t)
{
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\n')) n--;
    if (n && (t[n - 1] == ':' || (t[n - 1] == '-' && n >= 2 && t[n - 2] == ' '))) return true;
    if (!strncasecmp(t, "the following ", 14)) return true;
    return n >= 10 && !strncasecmp(t + n - 10, "as follows", 10);
}

/* Whether a statement denies what it says: "is not expected to
 * intervene" and "is expected to intervene" share every content word and say
 * opposite things, while "there is no good or bad militia" and "we don't
 * tell good militias from bad ones" both deny. A "not" before "to" negates
 * a clause inside ("his decision not to serve again"), not the statement. */
static bool negated(const char *t)
{
    static const char *const no[] = {"no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot"};
    for (const char *p = t; *p; p++) {
        if (!letter(*p) || (p > t && letter(p[-1]))) continue;
        size_t len = 0;
        while (letter(p[len]) || (p[len] == '\'' && letter(p[len + 1]))) len++;
        if (len > 3 && !strncasecmp(p + len - 3, "n't", 3)) return true;
        for (size_t i = 0; i < sizeof no / sizeof *no; i++)
            if (strlen(no[i]) == len && !strncasecmp(p, no[i], len)) return true;
        if (len == 3 && !strncasecmp(p, "not", 3)) {
            const char *q = p + 3;
            while (*q == ' ') q++;
            if (strncasecmp(q, "to ", 3) != 0) return true;
        }
        p += len - 1;
    }
    return false;
}

/* How a statement is anchored to its publication: to its day ("today",
 * "yesterday", "this morning"), to its week ("on Friday", "next week"), or
 * not at all. Such a statement tells of the days around its publication,
 * and the same words published a day (a week) apart tell of other days:
 * "the Fed is not expected to intervene today", "yields were higher than
 * last Monday's offering". */
enum { ANCHOR_NONE, ANCHOR_DAY, ANCHOR_WEEK };

static bool word_in(const char *p, size_t len, const char *const *words, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(words[i]) == len && !strncasecmp(p, words[i], len)) return true;
    return false;
}

static int anchor_of(const char *t)
{
    static const char *const day[] = {"today", "todays", "tonight", "tonights", "yesterday", "tomorrow", "overnight"};
    static const char *const part[] = {"morning", "afternoon", "evening"};
    static const char *const week[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", "week", "weekend"};
    int anchor = ANCHOR_NONE;
    bool this_or_last = false;
    for (const char *p = t; *p; p++) {
        if (!letter(*p) || (p > t && letter(p[-1]))) continue;
        size_t len = 0;
        while (letter(p[len])) len++;
        if (word_in(p, len, day, sizeof day / sizeof *day) ||
            (this_or_last && word_in(p, len, part, sizeof part / sizeof *part)))
            return ANCHOR_DAY;
        if (word_in(p, len, week, 7) ||
            (this_or_last && word_in(p, len, week + 7, 2)))
            anchor = ANCHOR_WEEK;
        this_or_last = len == 4 && (!strncasecmp(p, "this", 4) || !strncasecmp(p, "last", 4) || !strncasecmp(p, "next", 4));
        p += len - 1;
    }
    return anchor;
}

/* The tighter of two anchors: a statement of its day beside one of its
 * week must be of the same day. */
static int tighter(int a, int b)
{
    if (a == ANCHOR_NONE) return b;
    if (b == ANCHOR_NONE) return a;
    return a < b ? a : b;
}

/* What is read of a statement once, to compare it with others. */
typedef struct stmt_facts {
    stmt_numbers num;
    stmt_names names;
    bool negated;
    int anchor;              /* ANCHOR_* */
    long story;              /* index in the group's stories */
    claim_about *about;      /* whom its article tells of beside it (claim_story_about) */
    size_t nabout;
} stmt_facts;

/* Whether two statements may be one claim whatever their words: the same
 * numbers; something named in common when both name things ("stocks of corn
 * in Toledo" and "stocks of wheat in Chicago" are two facts); the same
 * speaker for statements that name nothing ("proceeds will be used for
 * general corporate purposes", said by 25 companies of 25 offerings) or that
 * speak of their speaker; both denying or both not; the same day for
 * statements telling of their day (wire copy aside, the same words printed
 * again); and, unless one speaker says both, articles telling one story
 * (claims_story.c: "lead manager Salomon Brothers Inc." under two issuers'
 * notes are two facts). */
static bool may_be_one(const link_res *r, const stmt_row *a, const stmt_facts *fa, const stmt_row *b,
                       const stmt_facts *fb, const claim_stories *stories)
{
    if (numbers_differ(&fa->num, &fb->num)) return false;
    if (fa->negated != fb->negated) return false;
    bool same_speaker = a->pub.speaker_cluster && a->pub.speaker_cluster == b->pub.speaker_cluster;
    if (fa->names.n && fb->names.n && !names_share(&fa->names, &fb->names)) return false;
    /* each naming something rare the other does not: one formula, two facts
     * ("bonus made to Peavey Company", "... to International Multifoods") */
    if (names_one_apart(r, &fa->names, &fb->names) && names_one_apart(r, &fb->names, &fa->names)) return false;
    if (announces_data(a->text) || announces_data(b->text)) return false;
    if (!fa->names.n && !fb->names.n && !same_speaker) return false;
    if ((about_speaker(a->text) || about_speaker(b->text)) && !same_speaker) return false;
    int anchor = tighter(fa->anchor, fb->anchor);
    if (anchor != ANCHOR_NONE && !wire_copy(a, b)) {
        int da = day_of(a->published), db = day_of(b->published);
        if (da >= 0 && db >= 0 && abs(da - db) > (anchor == ANCHOR_DAY ? 0 : 6)) return false;
    }
    if (!same_speaker && fa->story >= 0 && fb->story >= 0 &&
        !claim_one_story(&stories->v[fa->story], fa->about, fa->nabout, a->pub.speaker_cluster,
                         &stories->v[fb->story], fb->about, fb->nabout, b->pub.speaker_cluster))
        return false;
    return true;
}

typedef struct spair {
    uint32_t a, b;
    float sim;
} spair;

static int spair_best(const void *x, const void *y)
{
    const spair *p = x, *q = y;
    if (p->sim != q->sim) return p->sim > q->sim ? -1 : 1;
    if (p->a != q->a) return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

/* Cuts one candidate group (rows sorted by date) into claims; each claim
 * that is one to show is appended to out. The rows are moved. -1 with err
 * set when the store could not be read. */
static int cut_group(linker *l, speaker_names *sn, owned_claim *g, long long by_cluster, owned_claim **out,
                     size_t *nout, size_t *cap, char *err, size_t errlen)
{
    size_t n = g->nrows;
    qsort(g->rows, n, sizeof *g->rows, rows_by_date);
    stmt_facts *facts = calloc(n + 1, sizeof *facts);   /* once a statement, not once a pair */
    uint32_t *head = malloc((n + 1) * sizeof *head), *next = malloc((n + 1) * sizeof *next);
    uint32_t *size = malloc((n + 1) * sizeof *size);
    if (!facts || !head || !next || !size) abort();
    claim_stories stories = {0};
    int result = 0;
    for (size_t i = 0; i < n; i++) {
        stmt_facts *f = &facts[i];
        f->num.n = numbers_of(g->rows[i].text, f->num.v, CLAIM_NUMBERS);
        names_of(g->rows[i].text, &f->names);
        f->negated = negated(g->rows[i].text);
        f->anchor = anchor_of(g->rows[i].text);
        f->story = result == 0 ? claim_story_of(l, &stories, g->rows[i].pub.article, err, errlen) : -1;
        if (f->story < 0) result = -1;
        else f->nabout = claim_story_about(&stories.v[f->story], g->rows[i].pub.speaker_cluster, g->rows[i].text,
                                           &f->about);
        head[i] = (uint32_t)i, next[i] = UINT32_MAX, size[i] = 1;
    }
    /* the pairs that are one claim on their own */
    size_t np = 0, pcap = 16;
    spair *p = malloc(pcap * sizeof *p);
    if (!p) abort();
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            const stmt_row *a = &g->rows[i], *b = &g->rows[j];
            if (result != 0 || !may_be_one(l->res, a, &facts[i], b, &facts[j], &stories) || !claim_same(a->words, a->nwords, b->words, b->nwords)) continue;
            if (np == pcap) {
                pcap *= 2;
                p = realloc(p, pcap * sizeof *p);
                if (!p) abort();
            }
            p[np++] = (spair){(uint32_t)i, (uint32_t)j,
                              (float)claim_similarity(a->words, a->nwords, b->words, b->nwords, NULL, NULL)};
        }
    spair *order = p;
    qsort(order, np, sizeof *order, spair_best);
    /* joined best pair first, a group to a group only when alike as a whole */
    for (size_t k = 0; k < np; k++) {
        uint32_t ga = head[order[k].a], gb = head[order[k].b];
        if (ga == gb) continue;
        double sum = 0;
        bool ok = true;
        for (uint32_t x = ga; x != UINT32_MAX && ok; x = next[x])
            for (uint32_t y = gb; y != UINT32_MAX && ok; y = next[y]) {
                const stmt_row *a = &g->rows[x], *b = &g->rows[y];
                ok = may_be_one(l->res, a, &facts[x], b, &facts[y], &stories);
                sum += claim_similarity(a->words, a->nwords, b->words, b->nwords, NULL, NULL);
            }
        if (!ok || sum < CLAIM_MIN_SIMILARITY * size[ga] * size[gb]) continue;
        uint32_t keep = ga < gb ? ga : gb, gone = ga < gb ? gb : ga, last = keep;
        while (next[last] != UINT32_MAX) last = next[last];
        next[last] = gone;
        for (uint32_t x = gone; x != UINT32_MAX; x = next[x]) head[x] = keep;
        size[keep] += size[gone];
    }
    for (size_t i = 0; i < n; i++) {
        if (head[i] != i || size[i] < 2) continue;
        owned_claim c = {0};
        c.rows = malloc(size[i] * sizeof *c.rows);
        if (!c.rows) abort();
        for (uint32_t x = (uint32_t)i; x != UINT32_MAX; x = next[x]) {
            c.rows[c.nrows++] = g->rows[x];
            memset(&g->rows[x], 0, sizeof g->rows[x]);   /* moved */
        }
        c.cap = c.nrows;
        if (!finish(l, sn, &c, by_cluster)) {
            free_claim(&c);
            continue;
        }
        if (*nout == *cap) {
            *cap = *cap ? 2 * *cap : 16;
            *out = realloc(*out, *cap * sizeof **out);
            if (!*out) abort();
        }
        (*out)[(*nout)++] = c;
    }
    for (size_t i = 0; i < n; i++) free(facts[i].about);
    free(facts), free(head), free(next), free(size), free(p);
    claim_stories_free(&stories);
    free_claim(g);   /* what was not moved: statements of no claim */
    memset(g, 0, sizeof *g);
    return result;
}

static void read_row(sqlite3_stmt *st, stmt_row *r)
{
    memset(r, 0, sizeof *r);
    const char *qtext = (const char *)sqlite3_column_text(st, 5);
    size_t qlen = (size_t)sqlite3_column_bytes(st, 5);
    uint32_t qstart = (uint32_t)sqlite3_column_int64(st, 6);
    uint32_t s = (uint32_t)sqlite3_column_int64(st, 2) - qstart, e = (uint32_t)sqlite3_column_int64(st, 3) - qstart;
    if (e > qlen) e = (uint32_t)qlen;
    if (s > e) s = e;
    r->text = dup_text(qtext ? qtext + s : "", qtext ? e - s : 0);
    r->quote = dup_text(qtext ? qtext : "", qtext ? qlen : 0);
    size_t bytes = (size_t)sqlite3_column_bytes(st, 4);
    r->nwords = bytes / sizeof *r->words;
    if (r->nwords > CLAIM_MAX_WORDS) r->nwords = CLAIM_MAX_WORDS;
    r->words = malloc((r->nwords ? r->nwords : 1) * sizeof *r->words);
    if (!r->words) abort();
    if (r->nwords) memcpy(r->words, sqlite3_column_blob(st, 4), r->nwords * sizeof *r->words);
    r->doc = link_col_dup(st, 7);
    r->outlet = link_col_dup(st, 8);
    r->published = link_col_dup(st, 9);
    r->pub = (claim_statement){sqlite3_column_int64(st, 10), r->doc, r->outlet, r->published, NULL,
                               sqlite3_column_type(st, 11) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 11),
                               r->text, r->quote, NULL, 0};
}

int link_claims(linker *l, long long by_cluster, claim_fn fn, void *ctx, char *err, size_t errlen)
{
    static const char sql[] =
        "SELECT s.claim, s.statement, s.start, s.end, s.words, " LINK_QUOTE_TEXT ", q.start, a.id, a.outlet, a.published,"
        " q.article, e.cluster FROM link_statements s JOIN link_quotes q ON q.quote = s.quote"
        " JOIN articles a ON a.rowid = q.article LEFT JOIN link_entities e ON e.node = q.speaker"
        " WHERE s.claim IN (SELECT claim FROM link_statements GROUP BY claim HAVING count(*) > 1)"
        " ORDER BY s.claim, s.statement";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    owned_claim *v = NULL, cur = {0};
    speaker_names names;
    speaker_names_init(&names);
    size_t n = 0, cap = 0;
    long long id = 0;
    int rc, failed = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        long long claim = sqlite3_column_int64(st, 0);
        if (claim != id && cur.nrows &&
            (failed = cut_group(l, &names, &cur, by_cluster, &v, &n, &cap, err, errlen)) != 0)
            break;
        id = claim;
        if (cur.nrows == cur.cap) {
            cur.cap = cur.cap ? 2 * cur.cap : 8;
            cur.rows = realloc(cur.rows, cur.cap * sizeof *cur.rows);
            if (!cur.rows) abort();
        }
        read_row(st, &cur.rows[cur.nrows++]);
    }
    sqlite3_reset(st);
    int result = failed ? -1 : rc == SQLITE_DONE ? 0 : link_sql_error(l, err, errlen);
    if (result == 0 && cur.nrows) result = cut_group(l, &names, &cur, by_cluster, &v, &n, &cap, err, errlen);
    speaker_names_free(&names);
    free_claim(&cur);
    if (result == 0 && n > 1) qsort(v, n, sizeof *v, claim_order);
    int stop = 0;
    for (size_t i = 0; i < n && result == 0 && !stop; i++) stop = fn(&v[i].pub, ctx);
    for (size_t i = 0; i < n; i++) free_claim(&v[i]);
    free(v);
    return result < 0 ? -1 : stop ? 1 : 0;
}
