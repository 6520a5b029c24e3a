/* claims_story.c — which story an article tells, for telling claims apart.
 *
 * Wire copy repeats its formulas across unrelated stories: "Drexel Burnham
 * Lambert Inc will act as an underwriter for the proposed offering", said
 * by two companies of two offerings; "lead manager Salomon Brothers Inc."
 * under four issuers' notes. The words, the names and even the numbers of
 * such statements agree; what differs is what the articles are about.
 *
 * Beside a statement, an article tells of the people and organisations it
 * names other than the statement's speaker and than those the statement
 * names itself: Cooper and its offering, not Drexel, its underwriter. Two
 * statements come from one story when one's speaker is named in the
 * other's article, or when the articles share someone they tell of, named
 * STORY_MENTIONS times or more between them (a rating agency and the
 * Treasury, named once in each offering, do not make one story); or when
 * either article names no one else (nothing to tell them apart by). Statements from two stories are two facts however
 * alike they read. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "link/internal.h"

static int by_cluster(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

/* Reads article `art`'s entities into s. */
static int read_story(linker *l, long long art, claim_story *s, char *err, size_t errlen)
{
    static const char sql[] = "SELECT cluster, type, mentions, name FROM link_entities WHERE article = ?1 ORDER BY n";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, art);
    memset(s, 0, sizeof *s);
    s->article = art;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (s->n == cap) {
            cap = cap ? 2 * cap : 16;
            s->clusters = realloc(s->clusters, cap * sizeof *s->clusters);
            s->who = realloc(s->who, cap * sizeof *s->who);
            if (!s->clusters || !s->who) abort();
        }
        const char *name = (const char *)sqlite3_column_text(st, 3);
        s->who[s->n] = (claim_story_entity){sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
                                            sqlite3_column_int64(st, 2), strdup(name ? name : "")};
        if (!s->who[s->n].name) abort();
        s->clusters[s->n] = s->who[s->n].cluster;
        s->n++;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    if (s->n > 1) qsort(s->clusters, s->n, sizeof *s->clusters, by_cluster);
    return 0;
}

long claim_story_of(linker *l, claim_stories *v, long long art, char *err, size_t errlen)
{
    for (size_t i = 0; i < v->n; i++)
        if (v->v[i].article == art) return (long)i;
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 8;
        v->v = realloc(v->v, v->cap * sizeof *v->v);
        if (!v->v) abort();
    }
    if (read_story(l, art, &v->v[v->n], err, errlen) != 0) {
        claim_story *s = &v->v[v->n];
        for (size_t i = 0; i < s->n; i++) free(s->who[i].name);
        free(s->who), free(s->clusters);
        return -1;
    }
    return (long)v->n++;
}

static bool word_at(const char *text, const char *p, size_t n)
{
    bool before = p == text || !((p[-1] | 32) >= 'a' && (p[-1] | 32) <= 'z');
    bool after = !((p[n] | 32) >= 'a' && (p[n] | 32) <= 'z');
    return before && after;
}

/* Whether text names the entity: its whole name, or the first word of it
 * (of four letters or more, capitalised as in the name: "Drexel"). */
static bool named_in(const char *name, const char *text)
{
    size_t n = strlen(name), first = strcspn(name, " ,");
    if (!n) return false;
    for (const char *p = text; *p; p++) {
        if (!strncasecmp(p, name, n) && word_at(text, p, n)) return true;
        if (first >= 4 && first < n && !strncmp(p, name, first) && word_at(text, p, first)) return true;
    }
    return false;
}

static int by_cluster_of(const void *a, const void *b)
{
    long long x = ((const claim_about *)a)->cluster, y = ((const claim_about *)b)->cluster;
    return (x > y) - (x < y);
}

size_t claim_story_about(const claim_story *s, long long speaker, const char *text, claim_about **out)
{
    claim_about *v = malloc((s->n ? s->n : 1) * sizeof *v);
    if (!v) abort();
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        const claim_story_entity *e = &s->who[i];
        if ((e->type != ENT_PERSON && e->type != ENT_ORG) || (speaker && e->cluster == speaker)) continue;
        if (named_in(e->name, text)) continue;
        v[n++] = (claim_about){e->cluster, e->mentions};
    }
    if (n > 1) qsort(v, n, sizeof *v, by_cluster_of);
    *out = v;
    return n;
}

static bool names(const claim_story *s, long long cluster)
{
    return bsearch(&cluster, s->clusters, s->n, sizeof *s->clusters, by_cluster) != NULL;
}

/* Named this often between the two articles, someone is what both tell
 * of: more than a rating agency or the Treasury named once in each. */
enum { STORY_MENTIONS = 3 };

bool claim_one_story(const claim_story *a, const claim_about *about_a, size_t na, long long speaker_a,
                     const claim_story *b, const claim_about *about_b, size_t nb, long long speaker_b)
{
    if (a->article == b->article || !na || !nb) return true;
    if ((speaker_a && names(b, speaker_a)) || (speaker_b && names(a, speaker_b))) return true;
    for (size_t i = 0, j = 0; i < na && j < nb;) {
        if (about_a[i].cluster < about_b[j].cluster) {
            i++;
        } else if (about_a[i].cluster > about_b[j].cluster) {
            j++;
        } else {
            long long m = about_a[i].mentions + about_b[j].mentions;
            /* an entity named twice in one article has one node: sum each once */
            size_t i2 = i + 1, j2 = j + 1;
            while (i2 < na && about_a[i2].cluster == about_a[i].cluster) m += about_a[i2++].mentions;
            while (j2 < nb && about_b[j2].cluster == about_b[j].cluster) m += about_b[j2++].mentions;
            if (m >= STORY_MENTIONS) return true;
            i = i2, j = j2;
        }
    }
    return false;
}

void claim_stories_free(claim_stories *v)
{
    for (size_t i = 0; i < v->n; i++) {
        for (size_t j = 0; j < v->v[i].n; j++) free(v->v[i].who[j].name);
        free(v->v[i].who);
        free(v->v[i].clusters);
    }
    free(v->v);
    memset(v, 0, sizeof *v);
}
