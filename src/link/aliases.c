/* aliases.c — joining entities across articles into clusters.
 *
 * Each article's entity is a node; nodes whose names share a comparison
 * key (names.c) are the same entity, and a cluster is a connected component
 * of that relation. A new node looks its keys up, and the clusters it meets
 * are merged into the one with the smallest id (union by relabelling: the
 * new node's own cluster is almost always a single node, so relabelling
 * costs little). One live holder of an equality key is enough to find its
 * cluster, so a key is stored again only when no live node holds it.
 *
 * Removing an article can split a cluster: its remaining nodes are then
 * reset and joined again from their stored names, as if newly added, which
 * gives the components of what remains. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/internal.h"

/* --- the forms of one article entity ---------------------------------------- */

typedef struct form_count {
    const char *text;
    uint32_t len, count;
} form_count;

typedef struct entity_forms {
    form_count *v;
    uint32_t n, cap;
} entity_forms;

static void count_form(entity_forms *f, const char *text, uint32_t len)
{
    for (uint32_t i = 0; i < f->n; i++)
        if (f->v[i].len == len && !memcmp(f->v[i].text, text, len)) {
            f->v[i].count++;
            return;
        }
    if (f->n == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 4;
        f->v = realloc(f->v, f->cap * sizeof *f->v);
        if (!f->v) abort();
    }
    f->v[f->n++] = (form_count){text, len, 1};
}

/* The names each entity was mentioned by, gathered in one pass over the
 * mentions (an array per entity). */
static entity_forms *gather_forms(const article *a)
{
    entity_forms *forms = calloc(a->entities.n + 1, sizeof *forms);
    if (!forms) abort();
    for (uint32_t i = 0; i < a->mentions.n; i++) {
        const mention *m = &a->mentions.v[i];
        if (m->kind != MK_NAME || m->entity < 0 || (uint32_t)m->entity >= a->entities.n) continue;
        if (m->end <= m->start || m->end > a->len) continue;
        count_form(&forms[m->entity], a->text + m->start, m->end - m->start);
    }
    return forms;
}

static void free_forms(entity_forms *forms, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) free(forms[i].v);
    free(forms);
}

/* --- keys and joins ------------------------------------------------------------ */

/* The keys of one node: as many as its forms give (each form a few, a
 * nickname one more per full name), so the list grows as needed. */
typedef struct key_list {
    uint64_t *key;
    uint8_t *role;
    int n, cap;
} key_list;

static void key_list_free(key_list *k)
{
    free(k->key);
    free(k->role);
    k->key = NULL;
    k->role = NULL;
    k->n = k->cap = 0;
}

static void collect_key(void *ctx, uint64_t key, enum key_role role)
{
    key_list *k = ctx;
    for (int i = 0; i < k->n; i++)
        if (k->key[i] == key && k->role[i] == role) return;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 16;
        k->key = realloc(k->key, (size_t)k->cap * sizeof *k->key);
        k->role = realloc(k->role, (size_t)k->cap * sizeof *k->role);
        if (!k->key || !k->role) abort();
    }
    k->key[k->n] = key;
    k->role[k->n++] = (uint8_t)role;
}

/* Relabels cluster b as a (or a as b): the smaller id stays. Returns it. */
static long long merge_clusters(linker *l, long long a, long long b, char *err, size_t errlen)
{
    if (a == b || b <= 0) return a;
    if (a <= 0) return b;
    long long keep = a < b ? a : b, gone = a < b ? b : a;
    static const char sql[] = "UPDATE link_entities SET cluster = ?1 WHERE cluster = ?2";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, keep);
    sqlite3_bind_int64(st, 2, gone);
    if (link_step_done(l, st, err, errlen) != 0) return -1;
    link_views_mark(l, keep);
    link_views_mark(l, gone);
    return keep;
}

/* The cluster of a live node holding key in role, or 0. */
static long long holder_cluster(linker *l, uint64_t key, int role, char *err, size_t errlen)
{
    static const char sql[] = "SELECT e.cluster FROM link_keys k JOIN link_entities e ON e.node = k.node"
                              " WHERE k.key = ?1 AND k.role = ?2 LIMIT 1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)key);
    sqlite3_bind_int(st, 2, role);
    return link_step_int(l, st, 0, err, errlen);
}

static int put_key(linker *l, uint64_t key, int role, long long node, char *err, size_t errlen)
{
    static const char sql[] = "INSERT OR IGNORE INTO link_keys(key, role, node) VALUES (?1, ?2, ?3)";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)key);
    sqlite3_bind_int(st, 2, role);
    sqlite3_bind_int64(st, 3, node);
    return link_step_done(l, st, err, errlen);
}

/* Live holders of some keys: (key, role, cluster) rows, as many as the
 * store holds (a target key is stored by every node holding it). */
typedef struct holder {
    uint64_t key;
    uint8_t role;
    long long cluster;
} holder;

typedef struct holders {
    holder *v;
    int n, cap;
} holders;

enum { KEYS_PER_QUERY = 16 };

/* Reads the live holders of keys[from, from + KEYS_PER_QUERY) in one query. */
static int read_holders(linker *l, const key_list *keys, int from, holders *h, char *err, size_t errlen)
{
    static const char sql[] = "SELECT k.key, k.role, e.cluster FROM link_keys k JOIN link_entities e ON e.node = k.node"
                              " WHERE k.key IN (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    for (int i = 0; i < KEYS_PER_QUERY; i++) {
        int k = from + i < keys->n ? from + i : from;   /* pad with the first */
        sqlite3_bind_int64(st, i + 1, (sqlite3_int64)keys->key[k]);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (h->n == h->cap) {
            h->cap = h->cap ? 2 * h->cap : 64;
            h->v = realloc(h->v, (size_t)h->cap * sizeof *h->v);
            if (!h->v) abort();
        }
        h->v[h->n++] = (holder){(uint64_t)sqlite3_column_int64(st, 0), (uint8_t)sqlite3_column_int(st, 1),
                                sqlite3_column_int64(st, 2)};
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : link_sql_error(l, err, errlen);
}

/* Joins node (now in cluster c) to every cluster its keys meet; returns its
 * cluster. An equality key meets equal keys; a probe meets probes and
 * targets; a target meets probes only. */
static long long join_node(linker *l, long long node, long long c, const key_list *keys, char *err, size_t errlen)
{
    holders h = {0};
    for (int from = 0; from < keys->n; from += KEYS_PER_QUERY)
        if (read_holders(l, keys, from, &h, err, errlen) != 0) {
            free(h.v);
            return -1;
        }
    for (int i = 0; i < keys->n && c >= 0; i++) {
        int role = keys->role[i], look = role == KEY_TARGET ? KEY_PROBE : role;
        bool held = false;
        for (int k = 0; k < h.n && c >= 0; k++) {
            if (h.v[k].key != keys->key[i]) continue;
            bool meets = h.v[k].role == look || (role == KEY_PROBE && h.v[k].role == KEY_TARGET);
            held |= h.v[k].role == look;
            if (meets) c = merge_clusters(l, c, h.v[k].cluster, err, errlen);
        }
        /* one live holder of an equality key or probe finds its cluster;
         * targets are kept apart, so each is stored */
        if (c >= 0 && (!held || role == KEY_TARGET) && put_key(l, keys->key[i], role, node, err, errlen) != 0)
            c = -1;
    }
    free(h.v);
    return c;
}

static void node_keys(linker *l, int type, const char *const *forms, size_t n, const char *published,
                      key_list *keys)
{
    keys->n = 0;
    name_keys(l->res, type, forms, n, published, collect_key, keys);
}

/* --- adding an article's entities ----------------------------------------------- */

/* A new node is inserted in cluster 0 and given its cluster once joined
 * (its own id, or the smallest cluster it met): one write, not one for
 * its own id and another when it joins. Joining never reads the new node
 * as a holder, since its keys are read before it files any. */
static int set_cluster(linker *l, long long node, long long cluster, char *err, size_t errlen)
{
    static const char sql[] = "UPDATE link_entities SET cluster = ?2 WHERE node = ?1";
    if (cluster < 0) return -1;
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, node);
    sqlite3_bind_int64(st, 2, cluster);
    link_views_mark(l, cluster);
    return link_step_done(l, st, err, errlen);
}

static long long insert_node(linker *l, long long art, uint32_t n, const entity *e, int type, char *err,
                             size_t errlen)
{
    static const char sql[] = "INSERT INTO link_entities(article, n, name, type, role, mentions, cluster)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_int64(st, 2, n);
    sqlite3_bind_text(st, 3, e->name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 4, type);
    if (e->role) sqlite3_bind_text(st, 5, e->role, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, e->count);
    if (link_step_done(l, st, err, errlen) != 0) return -1;
    return sqlite3_last_insert_rowid(l->db);
}

static int insert_forms(linker *l, long long node, const entity_forms *f, char *err, size_t errlen)
{
    static const char sql[] = "INSERT OR IGNORE INTO link_forms(node, form, mentions) VALUES (?1, ?2, ?3)";
    for (uint32_t i = 0; i < f->n; i++) {
        sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
        if (!st) return -1;
        sqlite3_bind_int64(st, 1, node);
        sqlite3_bind_text(st, 2, f->v[i].text, (int)f->v[i].len, SQLITE_STATIC);
        sqlite3_bind_int64(st, 3, f->v[i].count);
        if (link_step_done(l, st, err, errlen) != 0) return -1;
    }
    return 0;
}

enum { MAX_FORMS = 16 };

/* The name and up to MAX_FORMS surface forms, NUL-terminated in scratch. */
static size_t form_list(const entity *e, const entity_forms *f, const char **out, buf *scratch)
{
    size_t n = 0;
    out[n++] = e->name;
    scratch->n = 0;
    size_t offs[MAX_FORMS];
    size_t k = 0;
    for (uint32_t i = 0; i < f->n && k < MAX_FORMS; i++) {
        offs[k++] = scratch->n;
        buf_put(scratch, f->v[i].text, f->v[i].len);
        buf_putc(scratch, '\0');
    }
    for (size_t i = 0; i < k; i++) out[n++] = scratch->p + offs[i];
    return n;
}

int link_entities_add(linker *l, long long art, const article *a, long long *nodes, char *err, size_t errlen)
{
    entity_forms *forms = gather_forms(a);
    int rc = 0;
    for (uint32_t i = 0; i < a->entities.n && rc == 0; i++) {
        const entity *e = &a->entities.v[i];
        if (!e->name || !e->name[0] || e->type == ENT_NONE) continue;
        int type = name_type(l->res, e->type, e->name);
        long long node = insert_node(l, art, i, e, type, err, errlen);
        if (node < 0 || insert_forms(l, node, &forms[i], err, errlen) != 0) {
            rc = -1;
            break;
        }
        nodes[i] = node;
        const char *list[MAX_FORMS + 1];
        size_t n = form_list(e, &forms[i], list, &l->tmp);
        key_list keys = {0};
        node_keys(l, type, list, n, a->published, &keys);
        if (set_cluster(l, node, join_node(l, node, node, &keys, err, errlen), err, errlen) != 0) rc = -1;
        key_list_free(&keys);
    }
    free_forms(forms, a->entities.n);
    return rc;
}

/* --- redoing clusters an article's removal touched ------------------------------- */

/* Joins one node again from its stored name, type and forms. */
static int rejoin_node(linker *l, long long node, char *err, size_t errlen)
{
    static const char sql[] = "SELECT e.name, e.type, f.form, a.published FROM link_entities e"
                              " JOIN articles a ON a.rowid = e.article"
                              " LEFT JOIN link_forms f ON f.node = e.node WHERE e.node = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, node);
    l->tmp.n = 0;
    size_t offs[MAX_FORMS + 1], n = 0;
    int type = 0, rc;
    char published[16] = "";
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n <= MAX_FORMS) {
        if (n == 0) {
            type = sqlite3_column_int(st, 1);
            const char *p = (const char *)sqlite3_column_text(st, 3);
            snprintf(published, sizeof published, "%s", p ? p : "");
            offs[n++] = l->tmp.n;
            buf_puts(&l->tmp, (const char *)sqlite3_column_text(st, 0));
            buf_putc(&l->tmp, '\0');
        }
        const char *form = (const char *)sqlite3_column_text(st, 2);
        if (form && n <= MAX_FORMS) {
            offs[n++] = l->tmp.n;
            buf_puts(&l->tmp, form);
            buf_putc(&l->tmp, '\0');
        }
    }
    sqlite3_reset(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    if (!n) return 0;
    const char *list[MAX_FORMS + 1];
    for (size_t i = 0; i < n; i++) list[i] = l->tmp.p + offs[i];
    key_list keys = {0};
    node_keys(l, type, list, n, published[0] ? published : NULL, &keys);
    long long c = join_node(l, node, node, &keys, err, errlen);
    key_list_free(&keys);
    return c < 0 ? -1 : 0;
}

int link_entities_redo(linker *l, char *err, size_t errlen)
{
    /* every node of a touched cluster starts alone, then joins again */
    static const char reset[] = "UPDATE link_entities SET cluster = node"
                                " WHERE cluster IN (SELECT id FROM link_redo WHERE kind = 'cluster')";
    static const char touched[] = "SELECT node FROM link_entities WHERE cluster IN"
                                  " (SELECT id FROM link_redo WHERE kind = 'cluster') ORDER BY node";
    size_t n;
    long long *ids = link_read_ids(l, touched, 0, &n, err, errlen);
    if (!ids) return -1;
    link_views_mark_all(l);   /* clusters vanish and are renumbered: rare (an article replaced) */
    int rc = link_exec(l, reset, err, errlen);
    for (size_t i = 0; i < n && rc == 0; i++) rc = rejoin_node(l, ids[i], err, errlen);
    free(ids);
    return rc;
}

/* --- finding a cluster by name ---------------------------------------------------- */

/* Candidate clusters found so far, with their article counts. */
typedef struct cand_list {
    link_candidate *v;
    size_t n, cap;
} cand_list;

/* Adds cluster c (once). */
static void add_candidate(cand_list *cl, long long c)
{
    for (size_t i = 0; i < cl->n; i++)
        if (cl->v[i].cluster == c) return;
    if (cl->n == cl->cap) {
        cl->cap = cl->cap ? 2 * cl->cap : 16;
        cl->v = realloc(cl->v, cl->cap * sizeof *cl->v);
        if (!cl->v) abort();
    }
    cl->v[cl->n++] = (link_candidate){c, 0};
}

static int by_articles(const void *x, const void *y)
{
    const link_candidate *a = x, *b = y;
    if (a->articles != b->articles) return a->articles > b->articles ? -1 : 1;
    return (a->cluster > b->cluster) - (a->cluster < b->cluster);
}

static long cluster_articles(linker *l, long long c, char *err, size_t errlen)
{
    static const char sql[] = "SELECT count(DISTINCT article) FROM link_entities WHERE cluster = ?1";
    sqlite3_stmt *st = link_stmt(l, sql, err, errlen);
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, c);
    return (long)link_step_int(l, st, 0, err, errlen);
}

/* Every cluster with the name or alias, else those the name's keys meet. */
static int find_candidates(linker *l, const char *name, cand_list *cl, char *err, size_t errlen)
{
    static const char by_name[] =
        "SELECT cluster FROM link_entities WHERE name = ?1 COLLATE NOCASE"
        " UNION SELECT e.cluster FROM link_forms f JOIN link_entities e ON e.node = f.node"
        " WHERE f.form = ?1 COLLATE NOCASE"
        " UNION SELECT cluster FROM link_entities WHERE ?2 AND type = ?3 AND name LIKE '% ' || ?1";
    /* one word may be a surname: every person whose name ends with it is a candidate */
    bool surname = name[0] && !strpbrk(name, " %_\\");
    sqlite3_stmt *st = link_stmt(l, by_name, err, errlen);
    if (!st) return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, surname);
    sqlite3_bind_int(st, 3, ENT_PERSON);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) add_candidate(cl, sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return link_sql_error(l, err, errlen);
    static const int types[] = {ENT_PERSON, ENT_ORG};
    for (int k = 0; k < 2 && !cl->n; k++) {
        key_list keys = {0};
        const char *list[1] = {name};
        node_keys(l, types[k], list, 1, NULL, &keys);
        for (int i = 0; i < keys.n; i++) {
            long long c = holder_cluster(l, keys.key[i], keys.role[i] == KEY_TARGET ? KEY_PROBE : keys.role[i],
                                         err, errlen);
            if (c < 0) {
                key_list_free(&keys);
                return -1;
            }
            if (c) add_candidate(cl, c);
        }
        key_list_free(&keys);
    }
    return 0;
}

int link_entity_candidates(linker *l, const char *name, link_candidate *out, size_t cap, char *err, size_t errlen)
{
    cand_list cl = {0};
    int rc = find_candidates(l, name, &cl, err, errlen);
    /* the article counts of all, so that the caller's cap keeps those in most articles */
    for (size_t i = 0; i < cl.n && rc == 0; i++) {
        long arts = cluster_articles(l, cl.v[i].cluster, err, errlen);
        if (arts < 0) rc = -1;
        cl.v[i].articles = arts;
    }
    size_t n = 0;
    if (rc == 0) {
        if (cl.n > 1) qsort(cl.v, cl.n, sizeof *cl.v, by_articles);
        n = cl.n < cap ? cl.n : cap;
        if (n) memcpy(out, cl.v, n * sizeof *out);
    }
    free(cl.v);
    return rc < 0 ? -1 : (int)n;
}

long long link_find_entity(linker *l, const char *name, char *err, size_t errlen)
{
    link_candidate best;
    int n = link_entity_candidates(l, name, &best, 1, err, errlen);
    return n < 0 ? -1 : n ? best.cluster : 0;
}
