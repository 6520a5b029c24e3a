/* pipeline.c — wiring the stages together: read → clean → nlp. */
#include "dossier.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clean/clean.h"
#include "core/date.h"
#include "core/utf8.h"
#include "nlp/nlp.h"

struct dossier {
    clean_res *clean;
    nlp_res *nlp;
    unsigned steps;
};

static bool is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ../<name> beside the running executable (a build tree), or
 * ../share/dossier/<name> (an installed one: make install), into out. */
static bool beside_exe(const char *name, char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return false;
    *slash = '\0';
    static const char *const under[] = {"/../", "/../share/dossier/"};
    for (size_t i = 0; i < sizeof under / sizeof *under; i++) {
        int w = snprintf(out, cap, "%s%s%s", exe, under[i], name);
        if (w > 0 && (size_t)w < cap && is_dir(out)) return true;
    }
    return false;
}

static const char *find_dir(const char *given, const char *env, const char *built, const char *name,
                            char *tmp, size_t cap)
{
    if (given) return given;
    const char *e = getenv(env);
    if (e && *e) return e;
    /* beside the binary first: an installed copy uses its installed files */
    if (beside_exe(name, tmp, cap)) return tmp;
    return built;
}

dossier *dossier_open(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    char t1[PATH_MAX + 8], t2[PATH_MAX + 8];
    datadir = find_dir(datadir, "DOSSIER_DATA", DOSSIER_DATA_DIR, "data", t1, sizeof t1);
    modeldir = find_dir(modeldir, "DOSSIER_MODELS", DOSSIER_MODEL_DIR, "models", t2, sizeof t2);
    dossier *d = calloc(1, sizeof *d);
    if (!d) abort();
    d->steps = NLP_ALL;
    if (!(d->clean = clean_load(datadir, err, errlen)) ||
        !(d->nlp = nlp_load(datadir, modeldir, err, errlen))) {
        size_t n = strlen(err);
        /* a copied binary: say how to point it at its files */
        if (n < errlen) snprintf(err + n, errlen - n, " (the data and model folders are found through "
                                 "DOSSIER_DATA and DOSSIER_MODELS, see dossier --help)");
        dossier_close(d);
        return NULL;
    }
    return d;
}

void dossier_close(dossier *d)
{
    if (!d) return;
    clean_free(d->clean);
    nlp_free(d->nlp);
    free(d);
}

void dossier_set_steps(dossier *d, unsigned steps) { d->steps = steps; }

const char *dossier_id_from_path(article *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');   /* only the extension: ABC19980108.1830.0711.tml */
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return arena_strndup(&a->mem, base, n);
}

/* A copy of s in a's arena, as valid UTF-8: a file name need not be, and
 * ids and sources go into JSON and the store, which must stay valid. Bytes
 * that are not UTF-8 become U+FFFD (the file can no longer be reopened by
 * that name; its id still tells it from the others). */
static const char *utf8_copy(article *a, const char *s)
{
    size_t n = strlen(s);
    if (utf8_valid_prefix(s, n) == n) return arena_strndup(&a->mem, s, n);
    buf b;
    buf_init(&b);
    utf8_repair(s, n, &b);
    const char *out = arena_strndup(&a->mem, b.p ? b.p : "", b.n);
    buf_free(&b);
    return out;
}

/* Cleans in into a, then gives back in's bytes: the article has its text. */
static void clean_input(const dossier *d, article *a, input *in)
{
    clean_article(d->clean, a, in);
    free(in->text);
    in->text = NULL;
}

article *dossier_extract(const dossier *d, input *in, const char *id, const char *source)
{
    article *a = article_new();
    a->id = utf8_copy(a, id ? id : "");
    a->source = source ? utf8_copy(a, source) : NULL;
    clean_input(d, a, in);
    nlp_run(d->nlp, a, d->steps);
    return a;
}

/* Sets a's publication date from s when it parses; false otherwise. */
static bool set_published(article *a, const char *s)
{
    date pub = {0};
    char iso[16];
    if (!s || !date_parse(s, strlen(s), &pub) || !date_valid(pub) || !date_format(pub, iso, sizeof iso)) return false;
    a->pubdate = pub;
    a->published = arena_strdup(&a->mem, iso);
    return true;
}

/* The site of a URL, without "www.": "bbc.co.uk" for
 * https://www.bbc.co.uk/news/1; NULL when there is none. */
static const char *url_site(article *a, const char *url)
{
    const char *p = strstr(url, "://");
    if (!p) return NULL;
    p += 3;
    const char *at = p + strcspn(p, "/?#");
    const char *cred = memchr(p, '@', (size_t)(at - p));
    if (cred) p = cred + 1;
    const char *end = p + strcspn(p, ":/?#");
    if (end - p > 4 && !strncmp(p, "www.", 4)) p += 4;
    return end > p ? utf8_copy(a, arena_strndup(&a->mem, p, (size_t)(end - p))) : NULL;
}

article *dossier_extract_meta(const dossier *d, input *in, const char *id, const char *source,
                              const article_meta *m)
{
    if (!m) return dossier_extract(d, in, id, source);
    article *a = article_new();
    a->id = utf8_copy(a, id ? id : "");
    a->source = source ? utf8_copy(a, source) : NULL;
    clean_input(d, a, in);
    const char *from = m->from ? m->from : "option";
    if (m->url && *m->url) a->url = utf8_copy(a, m->url);
    if (!a->title && m->title && *m->title) {
        a->title = utf8_copy(a, m->title);
        a->title_from = m->title_from ? m->title_from : from;
    }
    if (!a->outlet && m->outlet && *m->outlet) {
        a->outlet = utf8_copy(a, m->outlet);
        a->outlet_from = m->outlet_from ? m->outlet_from : from;
    } else if (!a->outlet && a->url && (a->outlet = url_site(a, a->url))) a->outlet_from = "url";
    if (!a->published) {
        if (set_published(a, m->published)) a->published_from = m->published_from ? m->published_from : from;
        else if (set_published(a, m->captured)) a->published_from = "capture";
    }
    nlp_run(d->nlp, a, d->steps);
    return a;
}

/* A name's last component without its extension; with compressed, without
 * a compression suffix first (a.html.gz → a). */
static const char *strip_name(article *a, const char *path, bool compressed)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    static const char *const zs[] = {".gz", ".bz2", ".xz", ".zst", ".tgz"};
    for (size_t i = 0; compressed && i < sizeof zs / sizeof *zs; i++) {
        size_t k = strlen(zs[i]);
        if (n > k && !strcmp(base + n - k, zs[i])) {
            n -= k;
            break;
        }
    }
    const char *dot = NULL;
    for (const char *q = base; q < base + n; q++)
        if (*q == '.') dot = q;
    if (dot && dot > base) n = (size_t)(dot - base);
    return arena_strndup(&a->mem, base, n);
}

const char *dossier_id_from_member(article *a, const char *container, const read_member *m)
{
    if (m->url) {
        const char *p = strstr(m->url, "://");
        p = p ? p + 3 : m->url;
        if (!strncmp(p, "www.", 4)) p += 4;
        size_t n = strlen(p);
        while (n > 1 && p[n - 1] == '/') n--;
        return arena_strndup(&a->mem, p, n);
    }
    if (m->name) {
        const char *name = m->name;
        while (name[0] == '.' && name[1] == '/') name += 2;
        const char *slash = strrchr(name, '/');
        if (!slash) return strip_name(a, name, false);
        const char *base = strip_name(a, name, false);
        size_t dn = (size_t)(slash - name) + 1, bn = strlen(base);
        char *id = arena_alloc(&a->mem, dn + bn + 1);
        memcpy(id, name, dn);
        memcpy(id + dn, base, bn + 1);
        return id;
    }
    if (!strcmp(container, "-") || !strcmp(container, "(standard input)")) return "stdin";
    return strip_name(a, container, true);
}

const char *dossier_id_from_root(article *a, const char *root, const char *path)
{
    size_t n = root ? strlen(root) : 0;
    while (n > 1 && root[n - 1] == '/') n--;
    if (!n || strncmp(path, root, n) != 0 || (path[n] != '/' && root[n - 1] != '/'))
        return dossier_id_from_path(a, path);
    const char *rel = path + n;
    while (*rel == '/') rel++;
    if (!*rel) return dossier_id_from_path(a, path);
    return dossier_id_from_member(a, "", &(read_member){.name = rel});
}

article *dossier_analyze(const dossier *d, const char *text, size_t n, const char *published)
{
    article *a = article_new();
    a->id = arena_strdup(&a->mem, "");
    buf b;
    buf_init(&b);
    utf8_repair(text, n, &b);
    clean_set_text(a, b.p ? b.p : "", b.n);
    buf_free(&b);
    date pub = {0};
    if (published && date_parse(published, strlen(published), &pub) && date_valid(pub)) {
        char iso[16];
        if (date_format(pub, iso, sizeof iso)) {
            a->pubdate = pub;
            a->published = arena_strdup(&a->mem, iso);
        }
    }
    nlp_run(d->nlp, a, d->steps);
    return a;
}

article *dossier_extract_file(const dossier *d, const char *path, char *err, size_t errlen)
{
    input in;
    if (read_file(path, &in, err, errlen) != 0) return NULL;
    article *tmp = article_new();
    const char *id = dossier_id_from_path(tmp, path);
    article *a = dossier_extract(d, &in, id, path);
    article_free(tmp);
    input_free(&in);
    return a;
}
