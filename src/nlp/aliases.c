/* aliases.c — in-article coreference of names: which mentions are one thing.
 *
 * Rules, in the order they are applied:
 *   - An acronym defined in the text ("Pakistan Institute for Peace Studies
 *     (PIPS)") joins its long form wherever it recurs.
 *   - Other names of organisations and places join when their text matches,
 *     ignoring case; a one-word organisation in the plural joins the one
 *     longer name of the article that ends with it (Chiefs, Kansas City
 *     Chiefs).
 *   - A person's names of several words join when one is the other with
 *     words left out in the middle (Khawaja Asif, Khawaja Muhammad Asif);
 *     a name two people's names fit (George Bush, after George W. Bush and
 *     George H. W. Bush) stays apart from both.
 *   - A single name (Asif, Mr. Asif) joins the one person of the article
 *     whose fuller name ends with it; when two people share it, it is
 *     ambiguous and stays apart from both. A single name no full name ends
 *     with joins the one person whose name starts with it (a first name),
 *     again only when one person of the article has it.
 * The canonical name is the fullest form (most words, then the most used);
 * the type is the one most mentions carry; the role is the longest title
 * any mention had. Hash tables keep this linear in the number of mentions. */
#include <string.h>
#include <strings.h>

#include "core/idmap.h"
#include "nlp/ner.h"

typedef struct group {
    uint32_t best;        /* mention giving the canonical name */
    uint32_t words;       /* its word count */
    uint64_t first_h, last_h;
    int32_t next_same_last;   /* chain of person groups by last word */
    uint32_t votes[ENT__COUNT];
    span role;
} group;

typedef struct ctx {
    article *a;
    arena mem;            /* the groups and maps, freed when done (the article keeps only entities) */
    ARENA_VEC(group) g;
    idmap by_text;        /* lower-cased text of non-person names → group */
    idmap by_last;        /* last word of several-word person names → first group of chain */
    idmap by_first;       /* first word of several-word person names → its group, or AMBIGUOUS */
    idmap single;         /* single-word person names → their own group */
    idmap acronyms;       /* defined acronym → group of its long form */
    idmap ambiguous;      /* full names two groups fit → their own group */
    idmap org_last;       /* last word of a several-word organisation or place → its group, or AMBIGUOUS */
    idmap org_first;      /* first word of a several-word organisation → its group, or AMBIGUOUS */
} ctx;

/* Hash of text folded to lower case with white space runs as one space. */
static uint64_t fold_hash(const char *s, size_t n)
{
    char tmp[256];
    size_t o = 0;
    for (size_t i = 0; i < n && o < sizeof tmp; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\t') {
            if (o && tmp[o - 1] != ' ') tmp[o++] = ' ';
            continue;
        }
        tmp[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    return hash_bytes(tmp, o);
}

/* Words of a mention, as [start, end) offsets; returns how many (max cap). */
static uint32_t split_words(const article *a, const mention *m, span *w, uint32_t cap)
{
    uint32_t n = 0, i = m->start;
    while (i < m->end && n < cap) {
        while (i < m->end && (a->text[i] == ' ' || a->text[i] == '\n')) i++;
        uint32_t s = i;
        while (i < m->end && a->text[i] != ' ' && a->text[i] != '\n') i++;
        if (i > s) w[n++] = (span){s, i};
    }
    return n;
}

static uint64_t word_hash(const article *a, span w) { return fold_hash(a->text + w.start, w.end - w.start); }

/* A word in the plural (Chiefs, Saints): a team's or group's own short name.
 * Other last words of names (United, City, Aceh of Central Aceh) are not
 * joined to the longer name: they are as often another thing's. */
static bool plural_word(const article *a, span w)
{
    uint32_t n = w.end - w.start;
    const char *p = a->text + w.start;
    return n >= 4 && p[n - 1] == 's' && p[n - 2] != 's' && p[n - 2] != '\'';
}

static int32_t new_group(ctx *c, uint32_t mention_index, uint32_t words)
{
    group *g = ARENA_PUSH(&c->mem, c->g);
    g->best = mention_index;
    g->words = words;
    g->next_same_last = -1;
    return (int32_t)(c->g.n - 1);
}

/* Does `shorter` appear in `longer` in order, with the same first and last words? */
static bool sub_name(const article *a, const span *shorter, uint32_t ns, const span *longer, uint32_t nl)
{
    if (ns > nl || word_hash(a, shorter[0]) != word_hash(a, longer[0]) ||
        word_hash(a, shorter[ns - 1]) != word_hash(a, longer[nl - 1]))
        return false;
    uint32_t j = 1;
    for (uint32_t i = 1; i + 1 < ns; i++) {
        while (j + 1 < nl && word_hash(a, longer[j]) != word_hash(a, shorter[i])) j++;
        if (j + 1 >= nl) return false;
        j++;
    }
    return true;
}

enum { MAX_WORDS = 12, AMBIGUOUS = INT32_MAX };

static bool compatible(const ctx *c, const group *g, const span *w, uint32_t n)
{
    span gw[MAX_WORDS];
    uint32_t gn = split_words(c->a, &c->a->mentions.v[g->best], gw, MAX_WORDS);
    return n <= gn ? sub_name(c->a, w, n, gw, gn) : sub_name(c->a, gw, gn, w, n);
}

/* A full name joins the group whose name it is a part of, or that is a part
 * of it. When two groups fit ("George Bush" after George W. Bush and George
 * H. W. Bush), the name is ambiguous and forms a group of its own. */
static int32_t join_person_full(ctx *c, uint32_t k, const span *w, uint32_t n)
{
    uint64_t last = word_hash(c->a, w[n - 1]);
    int32_t *head = idmap_slot(&c->by_last, last);
    int32_t found = -1;
    bool ambiguous = false;
    /* a bounded walk: thousands of Khans in one text must not go quadratic */
    int steps = 0;
    for (int32_t gi = *head; gi >= 0 && steps < 64 && !ambiguous; gi = c->g.v[gi].next_same_last, steps++) {
        if (!compatible(c, &c->g.v[gi], w, n)) continue;
        if (found >= 0) ambiguous = true;
        else found = gi;
    }
    if (ambiguous) {
        int32_t *own = idmap_slot(&c->ambiguous, fold_hash(c->a->text + c->a->mentions.v[k].start,
                                                          c->a->mentions.v[k].end - c->a->mentions.v[k].start));
        if (*own < 0) *own = new_group(c, k, n);
        return *own;
    }
    if (found >= 0) return found;
    int32_t gi = new_group(c, k, n);
    c->g.v[gi].first_h = word_hash(c->a, w[0]);
    int32_t *first = idmap_slot(&c->by_first, c->g.v[gi].first_h);
    *first = *first < 0 ? gi : AMBIGUOUS;   /* two people with one first name */
    c->g.v[gi].last_h = last;
    c->g.v[gi].next_same_last = *head;
    *head = gi;
    return gi;
}

/* A lone name: the one fuller name ending with it; when no name ends with
 * it, the one fuller name starting with it (a first name: "Laci", after
 * "Laci Peterson"); else a group of its own. */
static int32_t join_person_single(ctx *c, uint32_t k, const span *w)
{
    uint64_t h = word_hash(c->a, w[0]);
    int32_t found = -1, nfound = 0;
    for (int32_t gi = idmap_get(&c->by_last, h); gi >= 0 && nfound < 2; gi = c->g.v[gi].next_same_last) {
        found = gi;
        nfound++;
    }
    if (nfound == 1) return found;
    if (nfound == 0) {
        int32_t first = idmap_get(&c->by_first, h);
        if (first >= 0 && first != AMBIGUOUS) return first;
    }
    int32_t *own = idmap_slot(&c->single, h);
    if (*own < 0) *own = new_group(c, k, 1);
    return *own;
}

/* "(ACR)" right after mention k whose long form the letters abbreviate. */
static bool defines_acronym(const article *a, const mention *m, span *acr)
{
    uint32_t i = m->end;
    while (i < a->len && a->text[i] == ' ') i++;
    if (i >= a->len || a->text[i] != '(') return false;
    uint32_t s = ++i;
    while (i < a->len && ((a->text[i] >= 'A' && a->text[i] <= 'Z') || a->text[i] == '-' || a->text[i] == '.')) i++;
    if (i >= a->len || a->text[i] != ')' || i - s < 2 || i - s > 8) return false;
    /* each letter starts a word or hyphenated part of the long form, in order;
     * lower-case connectors (for, of, i, e) may be skipped */
    uint32_t p = m->start, skipped_caps = 0;
    for (uint32_t j = s; j < i; j++) {
        char want = a->text[j];
        if (want == '-' || want == '.') continue;
        for (;;) {
            if (p >= m->end) return false;
            char c = a->text[p];
            bool starts = p == m->start || a->text[p - 1] == ' ' || a->text[p - 1] == '-';
            p++;
            if (!starts) continue;
            if ((c & ~32) == want) break;
            if (c >= 'A' && c <= 'Z' && ++skipped_caps > 1) return false;
        }
    }
    *acr = (span){s, i};
    return true;
}

/* Whether an organisation's name is one name its first word may stand for
 * ("BankAmerica Corp", "Promises Treatment Center"): a first word of three
 * letters or more (not "US" of "US Treasury") and no connector or possessive
 * joining two names ("Vodafone and Deutsche Telekom", "Bank of England",
 * "News Corp's News International"). */
static bool plain_org_name(const article *a, const span *w, uint32_t n)
{
    if (w[0].end - w[0].start < 3) return false;
    for (uint32_t i = 0; i < n; i++) {
        const char *p = a->text + w[i].start;
        size_t len = w[i].end - w[i].start;
        if ((len == 3 && !strncasecmp(p, "and", 3)) || (len == 2 && !strncasecmp(p, "of", 2)) ||
            (len == 3 && !strncasecmp(p, "for", 3)) || (len == 1 && *p == '&'))
            return false;
        for (size_t k = 0; k + 1 < len; k++)
            if (p[k] == '\'' || (p[k] == '\xE2' && k + 2 < len)) return false;   /* 's, ’s */
    }
    return true;
}

static void group_mentions(ctx *c)
{
    article *a = c->a;
    /* long forms of acronyms first, so their letters can find them */
    for (uint32_t k = 0; k < a->mentions.n; k++) {
        mention *m = &a->mentions.v[k];
        span acr;
        if (m->kind != MK_NAME || m->type == ENT_PERSON || !defines_acronym(a, m, &acr)) continue;
        int32_t *g = idmap_slot(&c->by_text, fold_hash(a->text + m->start, m->end - m->start));
        if (*g < 0) *g = new_group(c, k, 0);
        m->entity = *g;
        *idmap_slot(&c->acronyms, fold_hash(a->text + acr.start, acr.end - acr.start)) = *g;
    }
    /* other names: those of several words first, so that a one-word
     * organisation can find the one name it ends ("Chiefs", after "Kansas
     * City Chiefs") */
    span w[MAX_WORDS];
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t k = 0; k < a->mentions.n; k++) {
            mention *m = &a->mentions.v[k];
            if (m->kind != MK_NAME || m->entity >= 0) continue;
            uint64_t h = fold_hash(a->text + m->start, m->end - m->start);
            int32_t acr = idmap_get(&c->acronyms, h);
            if (acr >= 0) {
                m->entity = acr;
                continue;
            }
            if (m->type == ENT_PERSON) continue;
            uint32_t n = split_words(a, m, w, MAX_WORDS);
            if ((n > 1) != (pass == 0)) continue;
            int32_t *g = idmap_slot(&c->by_text, h);
            if (*g < 0 && n == 1 && m->type == ENT_ORG && plural_word(a, w[0])) {
                int32_t only = idmap_get(&c->org_last, h);
                if (only != AMBIGUOUS) *g = only;
            }
            if (*g < 0 && n == 1 && m->type == ENT_ORG) {   /* "Texaco" after "Texaco Inc" */
                int32_t only = idmap_get(&c->org_first, h);
                if (only != AMBIGUOUS) *g = only;
            }
            if (*g < 0) *g = new_group(c, k, 0);
            m->entity = *g;
            if (n > 1) {   /* two names ending (or starting) so make the word ambiguous */
                int32_t *last = idmap_slot(&c->org_last, word_hash(a, w[n - 1]));
                *last = *last < 0 || *last == *g ? *g : AMBIGUOUS;
                if (m->type == ENT_ORG && plain_org_name(a, w, n)) {
                    int32_t *first = idmap_slot(&c->org_first, word_hash(a, w[0]));
                    *first = *first < 0 || *first == *g ? *g : AMBIGUOUS;
                }
            }
        }
    /* people: full names first, so lone names see every full name */
    for (uint32_t k = 0; k < a->mentions.n; k++) {
        mention *m = &a->mentions.v[k];
        if (m->kind != MK_NAME || m->entity >= 0) continue;
        uint32_t n = split_words(a, m, w, MAX_WORDS);
        if (n > 1) m->entity = join_person_full(c, k, w, n);
    }
    for (uint32_t k = 0; k < a->mentions.n; k++) {
        mention *m = &a->mentions.v[k];
        if (m->kind != MK_NAME || m->entity >= 0) continue;
        if (split_words(a, m, w, MAX_WORDS) == 1) m->entity = join_person_single(c, k, w);
    }
}

/* Canonical name, type, role, first mention and count of each group. */
static void publish(ctx *c)
{
    article *a = c->a;
    for (uint32_t k = 0; k < a->mentions.n; k++) {
        const mention *m = &a->mentions.v[k];
        if (m->entity < 0) continue;
        group *g = &c->g.v[m->entity];
        g->votes[m->type < ENT__COUNT ? m->type : 0]++;
        span w[MAX_WORDS];
        uint32_t n = split_words(a, m, w, MAX_WORDS);
        const mention *b = &a->mentions.v[g->best];
        if (n > g->words || (n == g->words && m->end - m->start > b->end - b->start)) {
            g->best = k;
            g->words = n;
        }
        if (m->role.end - m->role.start > g->role.end - g->role.start) g->role = m->role;
    }
    a->entities.n = 0;
    if (a->entities.cap < c->g.n) {   /* sized once: the names between would strand outgrown copies */
        a->entities.v = arena_alloc(&a->mem, sizeof *a->entities.v * c->g.n);
        a->entities.cap = c->g.n;
    }
    for (uint32_t gi = 0; gi < c->g.n; gi++) {
        group *g = &c->g.v[gi];
        entity *e = ARENA_PUSH(&a->mem, a->entities);
        const mention *b = &a->mentions.v[g->best];
        char *name = arena_strndup(&a->mem, a->text + b->start, b->end - b->start);
        for (char *p = name; *p; p++)
            if (*p == '\n' || *p == '\t') *p = ' ';
        e->name = name;
        e->role = g->role.end > g->role.start
                      ? arena_strndup(&a->mem, a->text + g->role.start, g->role.end - g->role.start)
                      : NULL;
        e->type = ENT_NONE;
        for (int t = 1; t < ENT__COUNT; t++)
            if (g->votes[t] > g->votes[e->type]) e->type = (uint8_t)t;
        e->first = UINT32_MAX;
    }
    for (uint32_t k = 0; k < a->mentions.n; k++) {
        mention *m = &a->mentions.v[k];
        if (m->entity < 0) continue;
        entity *e = &a->entities.v[m->entity];
        if (e->first == UINT32_MAX) e->first = k;
        e->count++;
        m->type = e->type;   /* one thing, one type: "Taliban" is not ORG here and NORP there */
    }
}

void aliases_resolve(article *a)
{
    ctx c = {.a = a};
    arena_init(&c.mem);
    /* sized for the names, not the mentions: they grow as names come */
    idmap *maps[] = {&c.by_text, &c.by_last,   &c.by_first, &c.single,
                     &c.acronyms, &c.ambiguous, &c.org_last, &c.org_first};
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++) idmap_init(&c.mem, maps[i], 0);
    for (uint32_t k = 0; k < a->mentions.n; k++) a->mentions.v[k].entity = -1;
    group_mentions(&c);
    publish(&c);
    arena_free(&c.mem);
}
