/* names.c — comparison keys of names, and where places lie.
 *
 * Two articles' entities are the same when their names share a key. A key
 * is a folded, transliterated form of a name (never shown), of one of these
 * kinds, each scoped so that unlike things never meet:
 *   person  first and last name: "Khawaja Muhammad Asif", "Khawaja Asif" and
 *           "Khwaja Asif" all give "khwaja asif". A single word (a surname
 *           alone) gives no key: two people share surnames.
 *   name    an organisation's or place's whole name, connectors dropped:
 *           "Tehreek-i-Taliban Pakistan" and "Tehrik-e-Taliban Pakistan" give
 *           "tehrik taliban pakistan"; an acronym gives itself ("ttp"), and
 *           an entity known by both (defined in its article) carries both
 *           keys, which is how "TTP" joins the full name across articles.
 *           Other names of major organisations come from alt-names.txt.
 *   country+head  "Pakistani Taliban" (a demonym or country and one word)
 *           probes for "taliban|PK"; an organisation whose name holds both
 *           the word and that country is a target for it. Probes join probes
 *           and targets; targets never join each other (PTI and TTP both
 *           hold "Tehreek" and "Pakistan"). "Afghan Taliban" probes
 *           "taliban|AF" and stays apart from the TTP.
 *   family  "the Haqqanis" (a plural) probes "haqqani"; "Haqqani network"
 *           (a name and a word from group-words.txt) is its target. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "link/internal.h"

enum { KEY_PERSON = 'P', KEY_NAME = 'N', KEY_COUNTRY_HEAD = 'H', KEY_FAMILY = 'G', MAX_WORDS = 16 };

/* --- folding ----------------------------------------------------------------- */

static bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

/* A period after a lone capital belongs to an acronym or initial (U.S., F.). */
static bool acronym_dot(const char *s, size_t i)
{
    if (i == 0 || !is_upper_ascii(s[i - 1])) return false;
    return i == 1 || s[i - 2] == ' ' || s[i - 2] == '.' || s[i - 2] == '-';
}

int name_fold(const char *name, size_t n, buf *out)
{
    buf plain;
    buf_init(&plain);
    for (size_t i = 0; i < n; i++)
        if (name[i] != '.' || !acronym_dot(name, i)) buf_putc(&plain, name[i]);
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t fl = utf8proc_map((const utf8proc_uint8_t *)buf_cstr(&plain), (utf8proc_ssize_t)plain.n, &folded,
                                       UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
    const char *s = fl >= 0 ? (const char *)folded : plain.p;
    size_t len = fl >= 0 ? (size_t)fl : plain.n;
    int words = 0;
    bool gap = true;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);   /* when utf8proc could not map */
        /* apostrophes vanish (Da'esh, O'Brien); the curly one is E2 80 99 */
        if (c == '\'') continue;
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            i += 2;
            continue;
        }
        bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
        if (!word) {
            gap = true;
            continue;
        }
        if (gap && words++) buf_putc(out, ' ');
        gap = false;
        buf_putc(out, (char)c);
    }
    free(folded);
    buf_free(&plain);
    return words;
}

void name_translit(const link_res *r, const char *w, size_t n, buf *out)
{
    char a[128], b[128];
    if (n >= sizeof a) n = sizeof a - 1;
    memcpy(a, w, n);
    a[n] = '\0';
    for (size_t k = 0; k < r->nrules; k++) {
        const translit_rule *rule = &r->rules[k];
        size_t fl = strlen(rule->from), tl = strlen(rule->to), bn = 0, an = strlen(a);
        for (size_t i = 0; i < an;) {
            bool hit = an - i >= fl && !memcmp(a + i, rule->from, fl) && (!rule->at_start || i == 0) &&
                       (!rule->at_end || i + fl == an);
            if (hit && bn + tl < sizeof b) {
                memcpy(b + bn, rule->to, tl);
                bn += tl;
                i += fl;
            } else {
                if (bn + 1 < sizeof b) b[bn++] = a[i];
                i++;
            }
        }
        b[bn] = '\0';
        memcpy(a, b, bn + 1);
    }
    for (size_t i = 0; a[i]; i++)
        if (i == 0 || a[i] != a[i - 1]) buf_putc(out, a[i]);
}

/* --- places ------------------------------------------------------------------- */

const char *place_paths(const link_res *r, const char *name)
{
    return name ? wordmap_get(r->places, name, strlen(name)) : NULL;
}

/* Whether path p (up to a comma) starts with path q (up to a comma) at a dot. */
static bool path_within(const char *p, const char *q)
{
    size_t pl = strcspn(p, ","), ql = strcspn(q, ",");
    return ql <= pl && !memcmp(p, q, ql) && (ql == pl || p[ql] == '.');
}

static bool folded_equal(const char *a, const char *b)
{
    buf x, y;
    buf_init(&x);
    buf_init(&y);
    name_fold(a, strlen(a), &x);
    name_fold(b, strlen(b), &y);
    bool eq = x.n == y.n && (x.n == 0 || !memcmp(x.p, y.p, x.n));
    buf_free(&x);
    buf_free(&y);
    return eq;
}

bool places_nest(const link_res *r, const char *a, const char *b)
{
    if (!a || !b) return false;
    const char *pa = place_paths(r, a), *pb = place_paths(r, b);
    if (!pa || !pb) return folded_equal(a, b);
    for (const char *p = pa; *p; p += strcspn(p, ","), p += *p == ',')
        for (const char *q = pb; *q; q += strcspn(q, ","), q += *q == ',')
            if (path_within(p, q) || path_within(q, p)) return true;
    return false;
}

int place_level(const link_res *r, const char *name)
{
    const char *p = place_paths(r, name);
    if (!p) return 3;
    int best = 1;
    while (*p) {
        int level = 1;
        size_t len = strcspn(p, ",");
        for (size_t i = 0; i < len; i++) level += p[i] == '.';
        if (level > best) best = level;
        p += len;
        p += *p == ',';
    }
    return best;
}

/* The country code of a word that names a country or its people (Pakistan,
 * Pakistani), into cc (3 bytes); false otherwise. */
static bool country_of(const link_res *r, const char *w, size_t n, char cc[3])
{
    const char *country = wordmap_get(r->demonyms, w, n);
    const char *paths = country ? wordmap_get(r->places, country, strlen(country)) : wordmap_get(r->places, w, n);
    if (!paths || strlen(paths) < 2 || (paths[2] != '\0' && paths[2] != ',')) return false;
    memcpy(cc, paths, 2);
    cc[2] = '\0';
    return true;
}

/* --- keys --------------------------------------------------------------------- */

typedef struct words {
    char text[512];
    const char *w[MAX_WORDS];   /* folded words, NUL-terminated inside text */
    const char *orig[MAX_WORDS];   /* the same words as written, for lookups */
    size_t olen[MAX_WORDS];
    int n;
} words;

/* Splits the folded name into words, and the original into the same words. */
static void split(const char *form, words *ws)
{
    buf f;
    buf_init(&f);
    name_fold(form, strlen(form), &f);
    size_t len = f.n < sizeof ws->text - 1 ? f.n : sizeof ws->text - 1;
    if (len) memcpy(ws->text, f.p, len);
    ws->text[len] = '\0';
    buf_free(&f);
    ws->n = 0;
    for (char *p = ws->text; *p && ws->n < MAX_WORDS;) {
        ws->w[ws->n++] = p;
        p += strcspn(p, " ");
        if (*p) *p++ = '\0';
    }
    /* the original words: runs of letters, digits, apostrophes and dots */
    int k = 0;
    for (const char *p = form; *p && k < ws->n;) {
        while (*p && (*p == ' ' || *p == '-' || *p == ',' || *p == '(' || *p == ')')) p++;
        const char *start = p;
        while (*p && *p != ' ' && *p != '-' && *p != ',' && *p != '(' && *p != ')') p++;
        if (p > start) {
            ws->orig[k] = start;
            ws->olen[k++] = (size_t)(p - start);
        }
    }
    for (; k < ws->n; k++) ws->orig[k] = ws->w[k], ws->olen[k] = strlen(ws->w[k]);
}

static void emit_key(buf *b, char kind, key_fn emit, void *ctx, enum key_role role)
{
    buf_putc(b, kind);   /* the kind goes last so the text stays readable in a debugger */
    emit(ctx, hash_bytes(b->p, b->n), role);
}

static bool is_suffix_word(const char *w)
{
    static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
        if (!strcmp(w, suffixes[i])) return true;
    return false;
}

static void person_keys(const link_res *r, const words *ws, key_fn emit, void *ctx)
{
    int last = ws->n - 1;
    while (last > 0 && is_suffix_word(ws->w[last])) last--;
    if (last < 1) return;   /* a surname alone never joins across articles */
    buf b;
    buf_init(&b);
    name_translit(r, ws->w[0], strlen(ws->w[0]), &b);
    buf_putc(&b, ' ');
    name_translit(r, ws->w[last], strlen(ws->w[last]), &b);
    emit_key(&b, KEY_PERSON, emit, ctx, KEY_EQ);
    buf_free(&b);
}

/* Capitals only (dots aside), two to eight of them: TTP, U.S., ISIS. */
static bool is_acronym(const char *form)
{
    int caps = 0;
    for (const char *p = form; *p; p++) {
        if (is_upper_ascii(*p) || (*p >= '0' && *p <= '9')) caps++;
        else if (*p != '.' && *p != '-') return false;
    }
    return caps >= 2 && caps <= 8;
}

/* The whole name's key: connectors dropped, words transliterated; a place
 * the gazetteer knows, and an acronym, are kept as spelt (TTP is not TPP). */
static void whole_name_key(const link_res *r, const char *form, key_fn emit, void *ctx)
{
    words ws;
    split(form, &ws);
    if (!ws.n) return;
    bool place = wordmap_has(r->places, form, strlen(form)) || is_acronym(form);
    buf b;
    buf_init(&b);
    int kept = 0;
    for (int i = 0; i < ws.n; i++) {
        size_t len = strlen(ws.w[i]);
        if (!place && ws.n > 1 && wordmap_has(r->particles, ws.w[i], len)) continue;
        if (kept++) buf_putc(&b, ' ');
        if (place) buf_put(&b, ws.w[i], len);
        else name_translit(r, ws.w[i], len, &b);
    }
    emit_key(&b, KEY_NAME, emit, ctx, KEY_EQ);
    buf_free(&b);
}

static void head_key(const link_res *r, const char *w, const char *cc, char kind, key_fn emit, void *ctx,
                     enum key_role role)
{
    buf b;
    buf_init(&b);
    name_translit(r, w, strlen(w), &b);
    if (cc) {
        buf_putc(&b, '|');
        buf_puts(&b, cc);
    }
    emit_key(&b, kind, emit, ctx, role);
    buf_free(&b);
}

/* A demonym, in the singular or plural (Afghan, Afghans), or a place. */
static bool is_demonym(const link_res *r, const char *w, size_t n)
{
    if (wordmap_has(r->demonyms, w, n) || wordmap_has(r->places, w, n)) return true;
    return n > 1 && w[n - 1] == 's' && wordmap_has(r->demonyms, w, n - 1);
}

/* Country+head and family keys of an organisation's (or group's) name. */
static void descriptive_keys(const link_res *r, const words *ws, const char *form, key_fn emit, void *ctx)
{
    const char *content[MAX_WORDS];
    const char *orig[MAX_WORDS];
    size_t olen[MAX_WORDS];
    int n = 0;
    for (int i = 0; i < ws->n; i++) {
        if (wordmap_has(r->particles, ws->w[i], strlen(ws->w[i]))) continue;
        content[n] = ws->w[i];
        orig[n] = ws->orig[i];
        olen[n++] = ws->olen[i];
    }
    if (wordmap_has(r->places, form, strlen(form))) return;
    char cc[3];
    char other[3];
    if (n == 2 && country_of(r, orig[0], olen[0], cc) && !country_of(r, orig[1], olen[1], other))
        head_key(r, content[1], cc, KEY_COUNTRY_HEAD, emit, ctx, KEY_PROBE);
    if (n >= 3) {
        int at = -1;
        for (int i = 0; i < n && at < 0; i++)
            if (country_of(r, orig[i], olen[i], cc)) at = i;
        for (int i = 0; at >= 0 && i < n; i++)
            if (i != at) head_key(r, content[i], cc, KEY_COUNTRY_HEAD, emit, ctx, KEY_TARGET);
    }
    size_t len = n == 1 ? strlen(content[0]) : 0;
    if (len >= 5 && content[0][len - 1] == 's' && content[0][len - 2] != 's' && !is_demonym(r, orig[0], olen[0])) {
        char single[128];
        if (len - 1 < sizeof single) {
            memcpy(single, content[0], len - 1);
            single[len - 1] = '\0';
            head_key(r, single, NULL, KEY_FAMILY, emit, ctx, KEY_PROBE);
        }
    }
    if (n == 2 && wordmap_has(r->groups, content[1], strlen(content[1])))
        head_key(r, content[0], NULL, KEY_FAMILY, emit, ctx, KEY_TARGET);
}

/* Another name of the same organisation (alt-names.txt), or NULL. */
static const char *alt_name(const link_res *r, const char *form)
{
    const char *alt = wordmap_get(r->alt_exact, form, strlen(form));
    return alt ? alt : wordmap_get(r->alt_fold, form, strlen(form));
}

/* One word ending in s that is no demonym: a family or group in the plural. */
static bool plural_group(const link_res *r, const words *ws)
{
    if (ws->n != 1) return false;
    size_t len = strlen(ws->w[0]);
    return len >= 5 && ws->w[0][len - 1] == 's' && !is_demonym(r, ws->orig[0], ws->olen[0]);
}

void name_keys(const link_res *r, int type, const char *const *forms, size_t nforms, key_fn emit, void *ctx)
{
    for (size_t i = 0; i < nforms; i++) {
        if (!forms[i] || !forms[i][0]) continue;
        words ws;
        split(forms[i], &ws);
        if (!ws.n) continue;
        if (type == ENT_PERSON && !plural_group(r, &ws)) {
            person_keys(r, &ws, emit, ctx);
            continue;
        }
        whole_name_key(r, forms[i], emit, ctx);
        const char *alt = alt_name(r, forms[i]);
        if (alt) whole_name_key(r, alt, emit, ctx);
        descriptive_keys(r, &ws, forms[i], emit, ctx);
    }
}
