/* res.c — the link stage's data tables in data/link/, loaded once. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "link/internal.h"

static bool is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* As dossier_open finds data/: given, $DOSSIER_DATA, the build's, or beside the program. */
static const char *find_datadir(const char *given, char *tmp, size_t cap)
{
    if (given) return given;
    const char *e = getenv("DOSSIER_DATA");
    if (e && *e) return e;
    if (is_dir(DOSSIER_DATA_DIR)) return DOSSIER_DATA_DIR;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(tmp, cap, "%s/../data", exe);
            if (is_dir(tmp)) return tmp;
        }
    }
    return DOSSIER_DATA_DIR;
}

static wordmap *load(const char *dir, const char *name, int flags, char *err, size_t errlen)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/link/%s", dir, name);
    return wordmap_load(path, flags, err, errlen);
}

/* FROM TAB TO lines, in file order (order matters, so not a wordmap). */
static int load_rules(link_res *r, const char *dir, char *err, size_t errlen)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/link/transliteration.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read", path);
        return -1;
    }
    char line[256];
    size_t cap = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab || tab == line) continue;
        *tab = '\0';
        const char *from = line, *to = tab + 1;
        translit_rule rule = {0};
        if (*from == '^') rule.at_start = true, from++;
        size_t fl = strlen(from);
        if (fl && from[fl - 1] == '$') rule.at_end = true, fl--;
        if (!fl || fl >= sizeof rule.from || strlen(to) >= sizeof rule.to) continue;
        memcpy(rule.from, from, fl);
        strcpy(rule.to, to);
        if (r->nrules == cap) {
            cap = cap ? 2 * cap : 32;
            r->rules = realloc(r->rules, cap * sizeof *r->rules);
            if (!r->rules) abort();
        }
        r->rules[r->nrules++] = rule;
    }
    fclose(f);
    return 0;
}

/* alt-names.txt: entries in capitals (acronyms) match exactly, the others in
 * any case; read as one map, then split in two. */
typedef struct alt_split {
    const wordmap *all;
    link_res *r;
} alt_split;

static void split_alt_name(const char *key, size_t n, void *ctx)
{
    alt_split *x = ctx;
    bool caps = true;
    for (size_t i = 0; i < n; i++)
        if (key[i] >= 'a' && key[i] <= 'z') caps = false;
    wordmap_add(caps ? x->r->alt_exact : x->r->alt_fold, key, n, wordmap_get(x->all, key, n));
}

static int load_alt_names(link_res *r, const char *dir, char *err, size_t errlen)
{
    wordmap *all = load(dir, "alt-names.txt", 0, err, errlen);
    if (!all) return -1;
    r->alt_exact = wordmap_new(0);
    r->alt_fold = wordmap_new(WM_FOLD);
    wordmap_each(all, split_alt_name, &(alt_split){all, r});
    wordmap_free(all);
    return 0;
}

link_res *link_res_load(const char *datadir, char *err, size_t errlen)
{
    char tmp[PATH_MAX + 16];
    const char *dir = find_datadir(datadir, tmp, sizeof tmp);
    link_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    if (load_rules(r, dir, err, errlen) != 0 || load_alt_names(r, dir, err, errlen) != 0 ||
        !(r->particles = load(dir, "name-particles.txt", WM_FOLD, err, errlen)) ||
        !(r->groups = load(dir, "group-words.txt", WM_FOLD, err, errlen)) ||
        !(r->heads = load(dir, "name-heads.txt", WM_FOLD, err, errlen)) ||
        !(r->given = load(dir, "../gazetteer/given-names.txt", WM_FOLD, err, errlen)) ||
        !(r->nicknames = load(dir, "nicknames.txt", WM_FOLD, err, errlen)) ||
        !(r->common_surnames = load(dir, "common-surnames.txt", WM_FOLD, err, errlen)) ||
        !(r->demonyms = load(dir, "demonyms.txt", WM_FOLD, err, errlen)) ||
        !(r->places = load(dir, "places.txt", WM_FOLD, err, errlen)) ||
        !(r->bounds = load(dir, "bounds.txt", WM_FOLD, err, errlen)) ||
        !(r->stopwords = load(dir, "claim-stopwords.txt", WM_FOLD, err, errlen)) ||
        !(r->idf = load(dir, "word-idf.txt", 0, err, errlen))) {
        link_res_free(r);
        return NULL;
    }
    const char *docs = wordmap_get(r->idf, "__documents__", 13);
    r->idf_max = docs && atof(docs) > 1 ? logf((float)atof(docs)) : 10.0f;
    return r;
}

float link_word_weight(const link_res *r, const char *w, size_t n)
{
    const char *v = wordmap_get(r->idf, w, n);
    return v ? (float)atof(v) : r->idf_max;
}

void link_res_free(link_res *r)
{
    if (!r) return;
    free(r->rules);
    wordmap_free(r->particles);
    wordmap_free(r->groups);
    wordmap_free(r->heads);
    wordmap_free(r->given);
    wordmap_free(r->nicknames);
    wordmap_free(r->common_surnames);
    wordmap_free(r->alt_exact);
    wordmap_free(r->alt_fold);
    wordmap_free(r->demonyms);
    wordmap_free(r->places);
    wordmap_free(r->bounds);
    wordmap_free(r->stopwords);
    wordmap_free(r->idf);
    free(r);
}
