/* gazetteer.c — lists of known names (places, demonyms, given names) and the
 * longest-match lookup of several-word names in a token stream.
 *
 * The lists are built from packaged data by scripts/build-data.sh. They are
 * features for the tagger, not verdicts: "Jordan" is a country and a given
 * name, and the model weighs that against the context. One name can carry
 * several types, so lists are merged into one map whose value is a bit set
 * (stored as one character, '@' + bits, to fit wordmap's string values). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/ner.h"

struct gazetteer {
    wordmap *names;
};

enum { GAZ_MAX_WORDS = 6 };

gazetteer *gazetteer_new(void)
{
    gazetteer *g = calloc(1, sizeof *g);
    if (!g) abort();
    g->names = wordmap_new(0);
    return g;
}

void gazetteer_free(gazetteer *g)
{
    if (!g) return;
    wordmap_free(g->names);
    free(g);
}

unsigned gazetteer_lookup(const gazetteer *g, const char *name, size_t n)
{
    const char *v = wordmap_get(g->names, name, n);
    return v && *v ? (unsigned)(*v - '@') : 0;
}

static void put(gazetteer *g, const char *name, size_t n, unsigned bits)
{
    bits |= gazetteer_lookup(g, name, n);
    char v[2] = {(char)('@' + (bits & 63)), '\0'};
    wordmap_add(g->names, name, n, v);
}

void gazetteer_add(gazetteer *g, const char *name, size_t n, unsigned bits)
{
    put(g, name, n, bits & GZ_TYPES);
    /* every word boundary before the end marks a prefix, so matching stops
     * as soon as no listed name can continue */
    for (size_t i = 1; i < n; i++)
        if (name[i] == ' ' || name[i] == '-') put(g, name, i, GZ_PREFIX);
}

static unsigned parse_types(const char *s)
{
    static const struct { const char *name; unsigned bit; } types[] = {
        {"GPE", GZ_GPE}, {"LOC", GZ_LOC}, {"NORP", GZ_NORP}, {"PERSON", GZ_PERSON}, {"ORG", GZ_ORG},
    };
    unsigned bits = 0;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (strstr(s, types[i].name)) bits |= types[i].bit;
    return bits;
}

static int load_list(gazetteer *g, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read", path);
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab || tab == line) continue;
        unsigned bits = parse_types(tab + 1);
        if (bits) gazetteer_add(g, line, (size_t)(tab - line), bits);
    }
    free(line);
    fclose(f);
    return 0;
}

static int by_name(const void *x, const void *y) { return strcmp(*(char *const *)x, *(char *const *)y); }

gazetteer *gazetteer_load(const char *datadir, char *err, size_t errlen)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/gazetteer", datadir);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errlen, "%s: cannot open the gazetteer folder", dir);
        return NULL;
    }
    /* Sorted, so a name listed twice merges the same way on every machine. */
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".txt")) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    gazetteer *g = gazetteer_new();
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (!rc) rc = load_list(g, path, err, errlen);
        free(names[i]);
    }
    if (rc) {
        gazetteer_free(g);
        return NULL;
    }
    return g;
}

/* Headlines and datelines in capitals: four or more letters, none lower case. */
static bool shouted(const char *w, size_t n)
{
    if (n < 4) return false;
    for (size_t i = 0; i < n; i++)
        if (w[i] >= 'a' && w[i] <= 'z') return false;
    return w[0] >= 'A' && w[0] <= 'Z';
}

/* Copies w into out, as Kabul when shouted; returns n. */
static size_t as_written(const char *w, size_t n, bool shout, char *out)
{
    memcpy(out, w, n);
    if (shout)
        for (size_t k = 1; k < n; k++)
            if (out[k] >= 'A' && out[k] <= 'Z') out[k] = (char)(out[k] + 32);
    return n;
}

unsigned gazetteer_word(const gazetteer *g, const char *w, size_t n)
{
    char key[256];
    if (n > sizeof key) return 0;
    return gazetteer_lookup(g, key, as_written(w, n, shouted(w, n), key));
}

unsigned gazetteer_match(const gazetteer *g, const article *a, uint32_t i, uint32_t end, uint32_t *last)
{
    const token *t = a->tokens.v;
    if (i >= end || !(t[i].flags & TF_WORD) || !(t[i].flags & (TF_CAP | TF_UPPER))) return 0;
    size_t maxlen = wordmap_maxlen(g->names);
    char key[256];
    size_t n = 0;
    unsigned best = 0;
    bool shout = shouted(a->text + t[i].start, tok_end(&t[i]) - t[i].start);
    for (uint32_t j = i; j < end && j < i + GAZ_MAX_WORDS; j++) {
        size_t w = tok_end(&t[j]) - t[j].start;
        bool space = j > i && (t[j].flags & TF_SPACE);
        if (n + w + space > maxlen || n + w + space > sizeof key) break;
        if (j > i && (t[j].flags & TF_PARA)) break;
        if (space) key[n++] = ' ';
        n += as_written(a->text + t[j].start, w, shout, key + n);
        unsigned bits = gazetteer_lookup(g, key, n);
        if (bits & GZ_TYPES) {
            best = bits & GZ_TYPES;
            *last = j;
        }
        if (!(bits & GZ_PREFIX)) break;
        /* Names continue only through words and inner hyphens or periods. */
        if (j + 1 < end && !(t[j + 1].flags & TF_WORD) && a->text[t[j + 1].start] != '-') break;
    }
    return best;
}
