/* names.c — comparison keys of names, and where places lie.
 *
 * Two articles' entities are the same when their names share a key. A key
 * is a folded, transliterated form of a name (never shown), of one of these
 * kinds, each scoped so that unlike things never meet:
 *   person  first name, middle initials and last name: "Khawaja Muhammad
 *           Asif", "Khawaja Asif" and "Khwaja Asif" all give "khwaja asif";
 *           "George W. Bush" gives "george w bush", apart from "george
 *           bush". A single word (a surname alone) gives no key: two people
 *           share surnames. Of an entity's other forms in its article, only
 *           those agreeing with its name (same surname, a given name the
 *           name holds, the same initials) give keys, so a form with
 *           another given name never bridges two people.
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
 *   family  "the Haqqanis" (a group's name in the plural) probes "haqqani";
 *           "Haqqani network" (a name and a word from group-words.txt) is its
 *           target. A person's one-word name is a surname, never a family.
 *   short   an organisation's one-word form that ends its name ("United" of
 *           Leeds United) gives no key of its own: it would join every
 *           organisation so named. A plural ("Chiefs" of Kansas City Chiefs),
 *           a team's or group's own short name, gives "chiefs|YEAR", the
 *           year of its article, as does an organisation named by such a
 *           plural alone, so "the Chiefs" joins the Kansas City Chiefs of
 *           articles of the same year, and the Athens and Sydney Olympics
 *           stay apart.
 *   typed   a name of two words gives the person key whatever its type, so
 *           the tagger typing it a place in one article and a person in
 *           another does not split it.
 *   company "Merrill Lynch and Co" also gives the keys of "Merrill Lynch",
 *           as an organisation's name and as a person's (the tagger reads
 *           firms named after their founders as people). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "link/internal.h"

enum { KEY_PERSON = 'P', KEY_NAME = 'N', KEY_COUNTRY_HEAD = 'H', KEY_FAMILY = 'G', KEY_SHORT = 'S', MAX_WORDS = 16 };

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

static int person_last(const words *ws)
{
    int last = ws->n - 1;
    while (last > 0 && is_suffix_word(ws->w[last])) last--;
    return last;
}

/* A middle word that is an initial: one letter, or two or three written
 * with dots (H.W., which folds to "hw"). */
static bool is_initial(const words *ws, int i)
{
    size_t n = strlen(ws->w[i]);
    return n == 1 || (n <= 3 && memchr(ws->orig[i], '.', ws->olen[i]) != NULL);
}

/* The initials between first and last name, run together ("George H. W.
 * Bush" and "George H.W. Bush" give "hw"). Full middle names are left out:
 * writers drop them freely (Khawaja Muhammad Asif, Khawaja Asif), while an
 * initial is part of how a name is written, and often all that tells two
 * people apart (George W. Bush, George H. W. Bush). */
static void person_initials(const words *ws, int last, char *out, size_t cap)
{
    size_t o = 0;
    for (int i = 1; i < last; i++)
        for (const char *p = ws->w[i]; is_initial(ws, i) && *p && o + 1 < cap; p++) out[o++] = *p;
    out[o] = '\0';
}

static bool same_word(const link_res *r, const char *a, const char *b)
{
    if (!strcmp(a, b)) return true;
    if (a[0] != b[0] && !r->nrules) return false;
    buf x, y;
    buf_init(&x);
    buf_init(&y);
    name_translit(r, a, strlen(a), &x);
    name_translit(r, b, strlen(b), &y);
    bool eq = x.n == y.n && (x.n == 0 || !memcmp(x.p, y.p, x.n));
    buf_free(&x);
    buf_free(&y);
    return eq;
}

/* Whether a form of an entity may speak for it across articles: the same
 * surname, a given name the entity's name holds, and the same initials.
 * "George Bush" in an article that also wrote "George W. Bush" is that man
 * there, but says nothing across articles (another article's George Bush
 * may be his father); a form with another given name ("Scott Peterson" in
 * the group of "Laci Peterson") was joined by mistake and is not used. */
static bool person_form_agrees(const link_res *r, const words *name, const words *f)
{
    int nl = person_last(name), fl = person_last(f);
    if (nl < 1 || fl < 1 || !same_word(r, name->w[nl], f->w[fl])) return false;
    bool given = false;
    for (int i = 0; i < nl && !given; i++) given = same_word(r, name->w[i], f->w[0]);
    if (!given) return false;
    char a[16], b[16];
    person_initials(name, nl, a, sizeof a);
    person_initials(f, fl, b, sizeof b);
    return !strcmp(a, b);
}

/* The person key: first name, initials, last name. */
/* The person key of a given name, the initials and the surname. */
static void person_key(const link_res *r, const char *given, size_t glen, const char *initials, const char *surname,
                       key_fn emit, void *ctx)
{
    buf b;
    buf_init(&b);
    name_translit(r, given, glen, &b);
    buf_putc(&b, ' ');
    if (initials[0]) {
        buf_puts(&b, initials);
        buf_putc(&b, ' ');
    }
    name_translit(r, surname, strlen(surname), &b);
    emit_key(&b, KEY_PERSON, emit, ctx, KEY_EQ);
    buf_free(&b);
}

static void person_keys(const link_res *r, const words *ws, key_fn emit, void *ctx)
{
    int last = person_last(ws);
    if (last < 1) return;   /* a surname alone never joins across articles */
    char initials[16];
    person_initials(ws, last, initials, sizeof initials);
    person_key(r, ws->w[0], strlen(ws->w[0]), initials, ws->w[last], emit, ctx);
    /* "Mo Cheeks" is also "Maurice Cheeks" (nicknames.txt), unless many
     * people bear the surname ("Mike Smith" and "Michael Smith") */
    const char *full = wordmap_has(r->common_surnames, ws->w[last], strlen(ws->w[last]))
                           ? NULL
                           : wordmap_get(r->nicknames, ws->w[0], strlen(ws->w[0]));
    while (full && *full) {
        size_t n = strcspn(full, ",");
        if (n) person_key(r, full, n, initials, ws->w[last], emit, ctx);
        full += n + (full[n] == ',');
    }
}

/* Capitals only (dots aside), two to eight of them: TTP, U.S., ISIS. */
static bool is_acronym(const char *form, size_t n)
{
    int caps = 0;
    for (const char *p = form; p < form + n; p++) {
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
    bool place = wordmap_has(r->places, form, strlen(form)) || is_acronym(form, strlen(form));
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

static bool distinct_word(const link_res *r, const char *w)
{
    return link_word_weight(r, w, strlen(w)) >= LINK_DISTINCT_WEIGHT;
}

/* Whether a word is a legal form (name-heads.txt FORM: Co, Inc, Plc). */
static bool legal_form(const link_res *r, const char *w, size_t n)
{
    while (n > 1 && w[n - 1] == '.') n--;
    const char *kind = wordmap_get(r->heads, w, n);
    return kind && !strcmp(kind, "FORM");
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
    /* a country and a distinct head ("Pakistani Taliban", "Tehreek-i-Taliban
     * Pakistan"); a common head ("American Bank", "Inter-American Development
     * Bank") or a legal form ("Co") would join every such name of the country */
    if (n == 2 && country_of(r, orig[0], olen[0], cc) && !country_of(r, orig[1], olen[1], other) &&
        distinct_word(r, content[1]))
        head_key(r, content[1], cc, KEY_COUNTRY_HEAD, emit, ctx, KEY_PROBE);
    if (n >= 3) {
        int at = -1;
        for (int i = 0; i < n && at < 0; i++)
            if (country_of(r, orig[i], olen[i], cc)) at = i;
        for (int i = 0; at >= 0 && i < n; i++)
            if (i != at && distinct_word(r, content[i]) && !legal_form(r, orig[i], olen[i]))
                head_key(r, content[i], cc, KEY_COUNTRY_HEAD, emit, ctx, KEY_TARGET);
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

/* What name-heads.txt says of the last word of a name of two words or more:
 * "ORG", "LOC", "FORM", or NULL. */
static const char *head_kind(const link_res *r, const words *ws)
{
    if (ws->n < 2) return NULL;
    const char *w = ws->orig[ws->n - 1];
    size_t n = ws->olen[ws->n - 1];
    while (n > 1 && w[n - 1] == '.') n--;
    return wordmap_get(r->heads, w, n);
}

bool name_is_company(const link_res *r, const char *name)
{
    /* asked of every node when clusters are read: the last word as written,
     * without folding the whole name */
    const char *space = name ? strrchr(name, ' ') : NULL;
    if (!space) return false;
    const char *w = space + 1;
    size_t n = strlen(w);
    while (n > 1 && w[n - 1] == '.') n--;
    const char *kind = n ? wordmap_get(r->heads, w, n) : NULL;
    return kind && strcmp(kind, "LOC") != 0;
}

/* How large a place the name (or another name of it: UK, U.S., Britain) is
 * at most: 1 a country, 2 a state or province, 3 a city; 0 when the
 * gazetteer does not know it. */
static int place_grain(const link_res *r, const char *name)
{
    const char *p = place_paths(r, name);
    if (!p) {
        const char *alt = alt_name(r, name);
        p = alt ? place_paths(r, alt) : NULL;
    }
    int best = 0;
    for (; p && *p; p += strcspn(p, ","), p += *p == ',') {
        size_t len = strcspn(p, ",");
        int level = 1;
        for (size_t i = 0; i < len; i++) level += p[i] == '.';
        if (!best || level < best) best = level;
    }
    return best;
}

static bool plural_word(const char *w);

/* "Jaguars", "Jacksonville Jaguars": a word in the plural that no place
 * bears, alone or after a place's name, is a team's (or a band's) name,
 * which the tagger reads as the place. */
static bool team_name(const link_res *r, const words *ws, const char *name)
{
    if (!ws->n || !plural_word(ws->w[ws->n - 1]) || place_paths(r, name) || wordmap_has(r->places, name, strlen(name)))
        return false;
    const char *last = ws->orig[ws->n - 1];
    size_t llen = ws->olen[ws->n - 1];
    if (is_demonym(r, last, llen) || place_paths(r, ws->w[ws->n - 1])) return false;
    if (ws->n == 1) return true;
    /* the words before it name a place the gazetteer knows */
    const char *start = ws->orig[0];
    if (start < name || last <= start) return false;
    size_t plen = (size_t)(last - start);
    while (plen && (start[plen - 1] == ' ' || start[plen - 1] == '-')) plen--;
    char prefix[256];
    if (!plen || plen >= sizeof prefix) return false;
    memcpy(prefix, start, plen);
    prefix[plen] = '\0';
    return place_paths(r, prefix) != NULL;
}

int name_type(const link_res *r, int type, const char *name)
{
    if (!name || !name[0] || type == ENT_NONE) return type;
    words ws;
    split(name, &ws);
    if ((type == ENT_GPE || type == ENT_LOC) && team_name(r, &ws, name)) return ENT_ORG;
    if (type == ENT_GPE) return type;
    /* a country or a state is a place, whatever the tagger said (a team
     * called Wales is Wales); but a one-word person's name that is also a
     * given name (Victoria, Jordan) may well be a person's */
    int grain = place_grain(r, name);
    bool given = type == ENT_PERSON && ws.n == 1 && wordmap_has(r->given, name, strlen(name));
    if ((grain == 1 || grain == 2) && !given) return ENT_GPE;
    if (type != ENT_PERSON) return type;
    const char *kind = head_kind(r, &ws);
    if (kind) return strcmp(kind, "LOC") ? ENT_ORG : ENT_LOC;
    return alt_name(r, name) ? ENT_ORG : type;
}

/* "Merrill Lynch and Co Inc": the name without its legal forms and the
 * connectors before them, into out ("Merrill Lynch"); false when it has no
 * legal form or nothing else. */
static bool company_base(const link_res *r, const char *form, buf *out)
{
    words ws;
    split(form, &ws);
    int n = ws.n;
    bool cut = false;
    for (;;) {
        while (n > 0 && (!strcmp(ws.w[n - 1], "and") || !strcmp(ws.w[n - 1], "the"))) n--;
        if (n < 2) break;   /* a legal form alone is a name ("Co") */
        if (!legal_form(r, ws.orig[n - 1], ws.olen[n - 1])) break;
        n--;
        cut = true;
    }
    if (!cut || n < 1) return false;
    /* the original words point into form, unless split() fell back on the
     * folded ones (a form it could not align) */
    const char *end = ws.orig[n - 1] + ws.olen[n - 1];
    size_t len = strlen(form);
    if (ws.orig[n - 1] < form || end > form + len) return false;
    out->n = 0;
    buf_put(out, form, (size_t)(end - form));
    return true;
}

/* The keys of a company's name written without its legal form: its whole
 * name, and the person key the same words give, since the tagger often
 * reads a firm named after its founders as a person (Merrill Lynch). */
static void company_keys(const link_res *r, const char *form, key_fn emit, void *ctx)
{
    buf base;
    buf_init(&base);
    /* "U.S. Inc", "America Inc": a place's name with a legal form is some
     * company's name cut short, not the place */
    if (company_base(r, form, &base) && !place_grain(r, buf_cstr(&base))) {
        const char *b = buf_cstr(&base);
        whole_name_key(r, b, emit, ctx);
        words ws;
        split(b, &ws);
        /* as for any name of two words ("Merrill Lynch" of Merrill Lynch and
         * Co); of a longer one a person's first and last words would make
         * "National Westminster Bank" a "National Bank" */
        if (ws.n == 2) person_keys(r, &ws, emit, ctx);
    }
    buf_free(&base);
}

/* A word in the plural: a team's or group's own short name (Chiefs, Saints). */
static bool plural_word(const char *w)
{
    size_t len = strlen(w);
    return len >= 4 && w[len - 1] == 's' && w[len - 2] != 's';
}

/* A one-word form of an organisation that stands for its name in its
 * article but may stand for many across articles, so gives no key of its
 * own: the name's last word ("United" of Leeds United, "Chiefs" of Kansas
 * City Chiefs), or its first when a common word or a people's or place's
 * name ("American" of American Express; not "Shearson" of Shearson Lehman,
 * nor an acronym, "BBC" of BBC News). */
static bool is_short_form(const link_res *r, const words *name, const words *f)
{
    if (name->n < 2 || f->n != 1) return false;
    if (!strcmp(name->w[name->n - 1], f->w[0])) return true;
    if (strcmp(name->w[0], f->w[0]) != 0) return false;
    return !is_acronym(f->orig[0], f->olen[0]) &&
           (is_demonym(r, f->orig[0], f->olen[0]) || !distinct_word(r, f->w[0]));
}

/* The key of a short name in the plural, scoped to the year of its article
 * ("chiefs|2008"). Such a name is shared by many things (the Rangers of
 * several cities, the Athens and the Sydney Olympics), so alone it joins
 * only what was written in the same year, and a longer name in an article
 * of that year that used it. */
static void dated_short_key(const link_res *r, const char *w, const char *published, key_fn emit, void *ctx)
{
    if (!published || strlen(published) < 4) return;
    buf b;
    buf_init(&b);
    name_translit(r, w, strlen(w), &b);
    buf_putc(&b, '|');
    buf_put(&b, published, 4);
    emit_key(&b, KEY_SHORT, emit, ctx, KEY_EQ);
    buf_free(&b);
}

/* A person's keys: those of the name, and of each form that agrees with it. */
static void person_entity_keys(const link_res *r, const char *const *forms, size_t nforms, key_fn emit, void *ctx)
{
    words name;
    split(forms[0], &name);
    person_keys(r, &name, emit, ctx);
    for (size_t i = 1; i < nforms; i++) {
        if (!forms[i] || !forms[i][0]) continue;
        words ws;
        split(forms[i], &ws);
        if (person_form_agrees(r, &name, &ws)) person_keys(r, &ws, emit, ctx);
    }
}

void name_keys(const link_res *r, int type, const char *const *forms, size_t nforms, const char *published,
               key_fn emit, void *ctx)
{
    if (!nforms || !forms[0]) return;
    if (type == ENT_PERSON) {
        person_entity_keys(r, forms, nforms, emit, ctx);
        return;
    }
    words name;
    split(forms[0], &name);
    bool lone_plural = type == ENT_ORG && name.n == 1 && plural_word(name.w[0]) &&
                       !wordmap_has(r->places, forms[0], strlen(forms[0])) &&
                       !is_demonym(r, name.orig[0], name.olen[0]);
    for (size_t i = 0; i < nforms; i++) {
        if (!forms[i] || !forms[i][0]) continue;
        words ws;
        split(forms[i], &ws);
        if (!ws.n) continue;
        if (i && is_short_form(r, &name, &ws)) {
            /* a short form speaks only for a team's plural, and only in its year */
            if (type == ENT_ORG && plural_word(ws.w[0])) dated_short_key(r, ws.w[0], published, emit, ctx);
            continue;
        }
        if (lone_plural && ws.n == 1) dated_short_key(r, ws.w[0], published, emit, ctx);
        else whole_name_key(r, forms[i], emit, ctx);
        /* two words are the same name whatever the tagger typed them: "Zurana
         * Horton" read once as a place, "Morgan Stanley" as a person */
        if (ws.n == 2) person_keys(r, &ws, emit, ctx);
        const char *alt = alt_name(r, forms[i]);
        if (alt) whole_name_key(r, alt, emit, ctx);
        if (type == ENT_ORG) company_keys(r, forms[i], emit, ctx);
        descriptive_keys(r, &ws, forms[i], emit, ctx);
    }
}
