/* sidecar.c — reading `--meta FILE` (CSV or JSON lines); see sidecar.h.
 *
 * JSON lines are parsed by jansson. CSV is read here: RFC 4180's quoting
 * (fields in double quotes, "" for a quote, newlines inside quotes) is a
 * few lines, and no packaged CSV library is needed for one header row and
 * five columns. */
#include "cli/sidecar.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"

enum { F_PATH, F_ID, F_URL, F_OUTLET, F_PUBLISHED, F_TITLE, NFIELDS };
static const char *const field_names[NFIELDS] = {"path", "id", "url", "outlet", "published", "title"};

typedef struct row { char *f[NFIELDS]; } row;
typedef struct key { const char *k; size_t row; } key;

struct sidecar {
    row *rows;
    size_t n, cap;
    key *keys;             /* every row's id and path, sorted */
    size_t nkeys;
};

static int field_index(const char *name)
{
    for (int i = 0; i < NFIELDS; i++)
        if (!strcasecmp(name, field_names[i])) return i;
    return -1;
}

static row *add_row(sidecar *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        row *r = realloc(s->rows, cap * sizeof *r);
        if (!r) return NULL;
        s->rows = r;
        s->cap = cap;
    }
    memset(&s->rows[s->n], 0, sizeof *s->rows);
    return &s->rows[s->n++];
}

/* --- JSON lines ----------------------------------------------------------- */

static int load_jsonl(sidecar *s, FILE *f, char *err, size_t errlen)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (strspn(line, " \t\r\n") == (size_t)n) continue;
        json_error_t je;
        json_t *o = json_loadb(line, (size_t)n, 0, &je);
        row *r = o && json_is_object(o) ? add_row(s) : NULL;
        if (!r) {
            snprintf(err, errlen, "line %ld: %s", lineno, o ? "not a JSON object" : je.text);
            rc = -1;
        }
        for (int i = 0; r && i < NFIELDS; i++) {
            json_t *v = json_object_get(o, field_names[i]);
            if (json_is_string(v) && json_string_length(v)) r->f[i] = strdup(json_string_value(v));
        }
        json_decref(o);
    }
    free(line);
    return rc;
}

/* --- CSV ---------------------------------------------------------------------- */

/* Reads one CSV record into fields (malloc'd strings, at most max); returns
 * how many, 0 at the end of the file. */
static int csv_record(FILE *f, char **fields, int max)
{
    int nf = 0, c = getc(f);
    if (c == EOF) return 0;
    buf b;
    buf_init(&b);
    bool quoted = false;
    for (;; c = getc(f)) {
        if (quoted) {
            if (c == EOF) break;
            if (c == '"') {
                int d = getc(f);
                if (d == '"') buf_putc(&b, '"');
                else {
                    quoted = false;
                    ungetc(d, f);
                }
            } else buf_putc(&b, (char)c);
            continue;
        }
        if (c == '"' && b.n == 0) quoted = true;
        else if (c == ',' || c == '\n' || c == EOF) {
            while (b.n && (b.p[b.n - 1] == '\r' || b.p[b.n - 1] == ' ')) b.n--;
            if (nf < max) fields[nf++] = strndup(b.p ? b.p : "", b.n);
            b.n = 0;
            if (c != ',') break;
        } else buf_putc(&b, (char)c);
    }
    buf_free(&b);
    return nf;
}

static int load_csv(sidecar *s, FILE *f, char *err, size_t errlen)
{
    char *head[32] = {0}, *vals[32];
    int cols[32], nh = csv_record(f, head, 32), known = 0;
    for (int i = 0; i < nh; i++) {
        cols[i] = field_index(head[i]);
        known += cols[i] >= 0;
        free(head[i]);
    }
    if (!known) {
        snprintf(err, errlen, "line 1: no column named path, id, url, outlet, published or title");
        return -1;
    }
    int nv;
    while ((nv = csv_record(f, vals, 32)) > 0) {
        row *r = nv > 1 || vals[0][0] ? add_row(s) : NULL;
        for (int i = 0; i < nv; i++) {
            if (r && i < nh && cols[i] >= 0 && vals[i][0] && !r->f[cols[i]]) r->f[cols[i]] = vals[i];
            else free(vals[i]);
        }
    }
    return 0;
}

/* --- lookup ------------------------------------------------------------------- */

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const key *)a)->k, ((const key *)b)->k);
}

static bool index_rows(sidecar *s)
{
    if (!(s->keys = calloc(s->n * 2 + 1, sizeof *s->keys))) return false;
    for (size_t i = 0; i < s->n; i++) {
        const char *p = s->rows[i].f[F_PATH];
        while (p && p[0] == '.' && p[1] == '/') p += 2;
        if (p) s->keys[s->nkeys++] = (key){p, i};
        if (s->rows[i].f[F_ID]) s->keys[s->nkeys++] = (key){s->rows[i].f[F_ID], i};
    }
    qsort(s->keys, s->nkeys, sizeof *s->keys, cmp_key);
    return true;
}

sidecar *sidecar_load(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    sidecar *s = calloc(1, sizeof *s);
    int c;
    while ((c = getc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t') {}
    ungetc(c, f);
    char why[400] = "";
    int rc = !s ? -1 : c == '{' ? load_jsonl(s, f, why, sizeof why) : load_csv(s, f, why, sizeof why);
    fclose(f);
    if (rc == 0 && !index_rows(s)) rc = -1;
    if (rc != 0) {
        snprintf(err, errlen, "%s: %s", path, why[0] ? why : "out of memory");
        sidecar_free(s);
        return NULL;
    }
    return s;
}

void sidecar_free(sidecar *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->n; i++)
        for (int k = 0; k < NFIELDS; k++) free(s->rows[i].f[k]);
    free(s->rows);
    free(s->keys);
    free(s);
}

static const row *lookup(const sidecar *s, const char *k)
{
    if (!k || !*k) return NULL;
    key want = {k, 0};
    const key *hit = bsearch(&want, s->keys, s->nkeys, sizeof *s->keys, cmp_key);
    return hit ? &s->rows[hit->row] : NULL;
}

/* The row for path or any tail of it after a '/'. */
static const row *lookup_path(const sidecar *s, const char *path)
{
    if (lookup(s, path)) return lookup(s, path);
    for (const char *p = path; p; p = strchr(p, '/')) {
        while (*p == '/') p++;
        const row *r = lookup(s, p);
        if (r) return r;
    }
    return NULL;
}

bool sidecar_find(const sidecar *s, const char *path, const char *name, const char *id, article_meta *out)
{
    const row *r = NULL;
    if (name) {
        size_t n = strlen(path) + strlen(name) + 2;
        char *full = malloc(n);
        if (full) {
            snprintf(full, n, "%s:%s", path, name);
            r = lookup_path(s, full);
            free(full);
        }
        if (!r) r = lookup_path(s, name);
    } else if (path) r = lookup_path(s, path);
    if (!r) r = lookup(s, id);
    if (!r) return false;
    if (r->f[F_URL]) out->url = r->f[F_URL];
    if (r->f[F_OUTLET]) out->outlet = r->f[F_OUTLET], out->outlet_from = "sidecar";
    if (r->f[F_PUBLISHED]) out->published = r->f[F_PUBLISHED], out->published_from = "sidecar";
    if (r->f[F_TITLE]) out->title = r->f[F_TITLE], out->title_from = "sidecar";
    return true;
}
