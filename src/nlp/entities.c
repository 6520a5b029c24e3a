/* entities.c — the entities step: people, organisations and places.
 *
 *   1. The tagger (ner_model.c) labels tokens with BIO tags; each run of
 *      tags becomes a name mention.
 *   2. Titles are kept out of names and attached as the person's role:
 *      "Defence Minister Khawaja Asif", "Mr. Asif", "Asim Bajwa, a spokesman".
 *   3. Place names ending in a geographic feature word (Ocean, Valley) or
 *      listed only as regions become LOC.
 *   4. Acronyms defined in the text ("... Pakistan (TTP)") are found
 *      wherever they recur.
 *   5. aliases.c groups the mentions into entities; then role noun phrases
 *      ("the defence minister") become MK_ROLE mentions of the person who
 *      holds that role in the article.
 * Mentions stay in text order, which later steps rely on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/idmap.h"
#include "nlp/ner.h"
#include "nlp/steps.h"

struct entities_res {
    ner_features fx;
    ner_model *model;
    wordmap *loc_heads;
    wordmap *org_descriptors;   /* "newspaper", "agency": the name before is an organisation */
    wordmap *org_suffixes;      /* Corp, Ltd, Plc: a name ending so is a company's */
    wordmap *name_prefixes;     /* Forward, Actress, Englishman: before a name, not of it */
};

entities_res *entities_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    entities_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    char path[4096];
    if (ner_features_load(&r->fx, datadir, err, errlen) != 0) goto fail;
    snprintf(path, sizeof path, "%s/nlp/ner-loc-heads.txt", datadir);
    if (!(r->loc_heads = wordmap_load(path, WM_FOLD, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/nlp/ner-org-descriptors.txt", datadir);
    if (!(r->org_descriptors = wordmap_load(path, WM_FOLD, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/nlp/ner-org-suffixes.txt", datadir);
    if (!(r->org_suffixes = wordmap_load(path, 0, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/nlp/name-prefixes.txt", datadir);
    if (!(r->name_prefixes = wordmap_load(path, WM_FOLD, err, errlen))) goto fail;
    snprintf(path, sizeof path, "%s/ner.bin", modeldir);
    if (!(r->model = ner_load(path, &r->fx, err, errlen))) goto fail;
    return r;
fail:
    entities_free(r);
    return NULL;
}

void entities_free(entities_res *r)
{
    if (!r) return;
    ner_free(r->model);
    ner_features_free(&r->fx);
    wordmap_free(r->loc_heads);
    wordmap_free(r->org_descriptors);
    wordmap_free(r->org_suffixes);
    wordmap_free(r->name_prefixes);
    free(r);
}

/* --- working state ------------------------------------------------------------- */

/* A mention with the tokens it covers, while this step works on it. */
typedef struct draft {
    uint32_t s, e;        /* tokens [s, e) */
    uint32_t bs, be;      /* bytes, when the name is part of a token (Islamabad-based); be 0 if not */
    uint32_t rs, re;      /* role tokens [rs, re), rs == re if none */
    uint8_t type, kind;
} draft;

typedef struct work {
    const entities_res *r;
    article *a;
    const token *t;
    uint32_t nt;
    uint8_t *title;       /* title kind of each token, 0xFF until asked */
    /* Tokens with a capital first letter or in capitals, in text order: the
     * passes below look for names, and walking these instead of every token
     * keeps them cheap. */
    uint32_t *caps, ncaps;
    ARENA_VEC(draft) d;
    /* Working memory, apart from the article's arena so that a long text
     * does not keep it: mem (title, caps) lives through the step, drafts
     * until they are published as mentions (so the two are not held beside
     * the aliases' tables), tmp (one pass's own tables) is emptied after
     * each pass. */
    arena mem, drafts, tmp;
} work;

static const char *tok_text(const work *w, uint32_t i, size_t *n)
{
    *n = tok_end(&w->t[i]) - w->t[i].start;
    return w->a->text + w->t[i].start;
}

static inline bool tok_is(const work *w, uint32_t i, const char *s)
{
    size_t n;
    const char *p = tok_text(w, i, &n);
    return (p[0] | 32) == (s[0] | 32) && n == strlen(s) && strncasecmp(p, s, n) == 0;
}

/* 's or ’s, split off a name by the tokenizer, or a lone apostrophe. */
static bool is_possessive(const work *w, uint32_t i)
{
    size_t n;
    const char *p = tok_text(w, i, &n);
    if (n && (p[n - 1] == 's' || p[n - 1] == 'S')) n--;
    return (n == 1 && p[0] == '\'') || (n == 3 && memcmp(p, "\xE2\x80\x99", 3) == 0);
}

static int title_kind(const work *w, uint32_t i)
{
    if (!(w->t[i].flags & TF_WORD)) return TITLE_NONE;
    if (w->title[i] == 0xFF) {
        size_t n;
        const char *p = tok_text(w, i, &n);
        w->title[i] = (uint8_t)ner_title_kind(&w->r->fx, p, n);
    }
    return w->title[i];
}

/* "the" or "The", without a call: it is asked of every token. */
static bool is_the(const work *w, uint32_t i)
{
    const char *p = w->a->text + w->t[i].start;
    return tok_end(&w->t[i]) - w->t[i].start == 3 && (p[0] | 32) == 't' && (p[1] | 32) == 'h' && (p[2] | 32) == 'e';
}

static bool same_sentence(const work *w, uint32_t i, uint32_t j)
{
    for (uint32_t k = i + 1; k <= j; k++)
        if (w->t[k].flags & (TF_SENT | TF_PARA)) return false;
    return true;
}

static bool is_cap_word(const work *w, uint32_t i);
static int by_start(const void *x, const void *y);
static void drafts_order(work *w, uint32_t n0);

/* --- 1. runs of tags --------------------------------------------------------------- */

/* A dash written with a space on each side ("Lee Hart - the band's manager -
 * said"): a parenthetical break, never a hyphen inside one name. */
static bool spaced_dash(const work *w, uint32_t i)
{
    return (w->t[i].flags & TF_SPACE) && i + 1 < w->nt && (w->t[i + 1].flags & TF_SPACE);
}

/* Punctuation a name never runs across: colons, brackets, quotation marks
 * ("for Us: Pak Army" is two runs), a spaced dash. Names do hold . - & ' /
 * and commas (Ministry of Agriculture, Animal Husbandry and Fisheries;
 * Goldman, Sachs). */
static bool breaks_name(const work *w, uint32_t i)
{
    if (w->t[i].flags & (TF_WORD | TF_NUM)) return false;
    size_t n;
    const char *p = tok_text(w, i, &n);
    bool en_dash = n == 3 && !memcmp(p, "\xE2\x80\x93", 3);
    if ((n == 1 && p[0] == '-') || en_dash) return spaced_dash(w, i);
    if (n == 1) return !strchr(".&'/,", p[0]);
    return !is_possessive(w, i);
}

/* A name ending at token `end` with Corp, Ltd, Plc ... is a company's. */
static bool ends_as_company(const work *w, uint32_t end)
{
    size_t n;
    const char *last = tok_text(w, end - 1, &n);
    return wordmap_has(w->r->org_suffixes, last, n);
}

static void drafts_from_tags(work *w, const uint8_t *tags)
{
    for (uint32_t i = 0; i < w->nt;) {
        if (tags[i] == NER_O || breaks_name(w, i)) {
            i++;
            continue;
        }
        uint32_t e = i + 1;
        while (e < w->nt && ner_is_inside(tags[e]) && (tags[e] - 1) / 2 == (tags[i] - 1) / 2 && !breaks_name(w, e))
            e++;
        /* A name never ends on punctuation or a possessive. */
        uint32_t end = e;
        while (end > i && (!(w->t[end - 1].flags & (TF_WORD | TF_NUM)) || is_possessive(w, end - 1)))
            end--;
        if (end > i) {
            draft *d = ARENA_PUSH(&w->drafts, w->d);
            d->s = i;
            d->e = end;
            d->type = ner_tag_ent(tags[i]);
            d->kind = MK_NAME;
            if (d->type == ENT_PERSON && end - i >= 2 && ends_as_company(w, end)) d->type = ENT_ORG;
        }
        i = e;
    }
}

/* Whether tokens [s, e) are legal forms only (Co, Inc, Ltd, and their dots). */
static bool only_legal_forms(const work *w, uint32_t s, uint32_t e)
{
    bool any = false;
    for (uint32_t i = s; i < e; i++) {
        if (!(w->t[i].flags & TF_WORD)) continue;
        size_t n;
        const char *p = tok_text(w, i, &n);
        if (!wordmap_has(w->r->org_suffixes, p, n)) return false;
        any = true;
    }
    return any;
}

/* What the tagger cut from a name is no name: legal forms after "and"
 * ("Bear Stearns and Co Inc") belong to the name before, and are dropped
 * where there is none; a single letter ("rated by S and P") names nothing. */
static void legal_forms_and_letters(work *w)
{
    uint32_t o = 0;
    for (uint32_t k = 0; k < w->d.n; k++) {
        draft *d = &w->d.v[k];
        if (d->e == d->s + 1 && w->t[d->s].len == 1) continue;
        if (only_legal_forms(w, d->s, d->e)) {
            draft *prev = o ? &w->d.v[o - 1] : NULL;
            if (prev && prev->e + 1 == d->s && (tok_is(w, prev->e, "and") || tok_is(w, prev->e, "&"))) {
                prev->e = d->e;
                prev->type = ENT_ORG;
            }
            continue;
        }
        w->d.v[o++] = *d;
    }
    w->d.n = o;
}

/* --- 2. titles and roles -------------------------------------------------------------- */

/* A word before a person's name that is no part of it, though no title:
 * an occupation or position (name-prefixes.txt) or a nationality ("Forward
 * Tyler Brant", "American Roy Hale"), when two capitalised words follow. */
static bool name_prefix(const work *w, uint32_t i, uint32_t end)
{
    if (end < i + 3 || !is_cap_word(w, i + 1) || !is_cap_word(w, end - 1)) return false;
    size_t n;
    const char *p = tok_text(w, i, &n);
    return wordmap_has(w->r->name_prefixes, p, n) || (gazetteer_word(w->r->fx.gaz, p, n) & GZ_TYPES) == GZ_NORP;
}

/* Leading title words of a person's name move to its role. */
static void split_title(work *w, draft *d)
{
    uint32_t s = d->s;
    while (s + 1 < d->e && (title_kind(w, s) || (s > d->s && (tok_is(w, s, "of") || tok_is(w, s, "the"))) ||
                            name_prefix(w, s, d->e)))
        s++;
    if (s > d->s) {
        d->rs = d->s;
        d->re = s;
        d->s = s;
    }
}

/* Title words right before token `end`, with "of"/"for"/"and" between them
 * ("Secretary of State", "Minister for Foreign Affairs"); the start, or
 * `end` when there is none with a head among them. */
static uint32_t title_run_before(const work *w, uint32_t end, uint32_t floor)
{
    uint32_t s = end;
    bool head = false;
    while (s > floor) {
        uint32_t k = s - 1;
        int kind = title_kind(w, k);
        if (kind) {
            head |= kind == TITLE_HEAD;
            s = k;
            continue;
        }
        bool joiner = tok_is(w, k, "of") || tok_is(w, k, "for") || tok_is(w, k, "and");
        if (joiner && k > floor && title_kind(w, k - 1) && s < end) {
            s = k;
            continue;
        }
        /* a capitalised word inside a title: "Counter Terrorism chief" */
        break;
    }
    while (s < end && !title_kind(w, s)) s++;   /* never start on a joiner */
    return head ? s : end;
}

/* ", a senior spokesman," or ", Spokesperson," after a person's name. */
static bool apposition_role(const work *w, uint32_t after, uint32_t *rs, uint32_t *re)
{
    if (after >= w->nt || !tok_is(w, after, ",")) return false;
    uint32_t s = after + 1;
    if (s < w->nt && (tok_is(w, s, "a") || tok_is(w, s, "an") || tok_is(w, s, "the"))) s++;
    uint32_t e = s;
    bool head = false;
    while (e < w->nt && e < s + 6 && (w->t[e].flags & TF_WORD) && !tok_is(w, e, "said")) {
        head |= title_kind(w, e) == TITLE_HEAD;
        e++;
    }
    if (!head || e == s || e >= w->nt) return false;
    if (!(tok_is(w, e, ",") || tok_is(w, e, ".") || tok_is(w, e, "said"))) return false;
    *rs = s;
    *re = e;
    return true;
}

/* A mention made only of title words ("State" in "Secretary of State John
 * Kerry") is part of a title, not a name. */
static bool only_titles(const work *w, const draft *d)
{
    for (uint32_t i = d->s; i < d->e; i++)
        if (!title_kind(w, i)) return false;
    return true;
}

static void drop_title_drafts(work *w)
{
    uint32_t o = 0;
    for (uint32_t k = 0; k < w->d.n; k++) {
        const draft *d = &w->d.v[k];
        bool before_person = k + 1 < w->d.n && w->d.v[k + 1].type == ENT_PERSON;
        if (d->type != ENT_PERSON && before_person && only_titles(w, d)) continue;
        w->d.v[o++] = *d;
    }
    w->d.n = o;
}

static void attach_roles(work *w)
{
    drop_title_drafts(w);
    for (uint32_t k = 0; k < w->d.n; k++) {
        draft *d = &w->d.v[k];
        if (d->type != ENT_PERSON) continue;
        split_title(w, d);
        uint32_t floor = k ? w->d.v[k - 1].e : 0;
        if (d->re > d->rs) {
            uint32_t s = title_run_before(w, d->rs, floor);
            if (s < d->rs) d->rs = s;
            continue;
        }
        uint32_t s = title_run_before(w, d->s, floor);
        if (s < d->s && same_sentence(w, s, d->s)) {
            d->rs = s;
            d->re = d->s;
        } else {
            apposition_role(w, d->e, &d->rs, &d->re);
        }
    }
}

/* Whether the word at token i is, elsewhere in the article, the last word
 * of a person's name ("Rahman said" after "American Hasim Rahman"). */
static bool surname_elsewhere(const work *w, uint32_t i)
{
    size_t n;
    const char *p = tok_text(w, i, &n);
    for (uint32_t k = 0; k < w->d.n; k++) {
        const draft *o = &w->d.v[k];
        if (o->type != ENT_PERSON || o->e - 1 == i) continue;
        size_t on;
        const char *op = tok_text(w, o->e - 1, &on);
        if (on == n && !memcmp(op, p, n)) return true;
    }
    return false;
}

/* "ISI Director General Lt Gen Nadeem Anjum" tagged as one organisation:
 * a title inside a name, followed by a personal name, splits it into the
 * organisation, the title (as role) and the person. A personal name here is
 * two or more capitalised words, or one listed as a given name after a title
 * of several words; so "General Motors" stays whole. */
static void split_titled_names(work *w)
{
    uint32_t n0 = w->d.n;
    for (uint32_t k = 0; k < n0; k++) {
        draft *d = &w->d.v[k];
        if (d->type == ENT_PERSON || d->e - d->s < 3) continue;
        uint32_t j = d->s;
        while (j < d->e && !title_kind(w, j)) j++;
        uint32_t r = j;
        bool head = false;
        while (r < d->e && title_kind(w, r)) head |= title_kind(w, r++) == TITLE_HEAD;
        if (!head && j == d->e && name_prefix(w, d->s, d->e)) {
            /* "Coach Maurice Cheeks", "American Hasim Rahman": a position or
             * a nationality before a given name and a surname, which the
             * tagger took for an organisation's first word */
            size_t gn;
            const char *g = tok_text(w, d->s + 1, &gn);
            bool names = d->e - d->s <= 4 &&
                         ((gazetteer_lookup(w->r->fx.gaz, g, gn) & GZ_PERSON) || surname_elsewhere(w, d->e - 1));
            for (uint32_t i = d->s + 1; i < d->e && names; i++) names = is_cap_word(w, i);
            if (names && !ends_as_company(w, d->e))
                *d = (draft){.s = d->s + 1, .e = d->e, .rs = d->s, .re = d->s + 1, .type = ENT_PERSON, .kind = MK_NAME};
            continue;
        }
        if (!head || r >= d->e) continue;
        bool names = true;
        for (uint32_t i = r; i < d->e; i++) names &= is_cap_word(w, i);
        size_t n;
        const char *first = tok_text(w, r, &n);
        bool given = gazetteer_lookup(w->r->fx.gaz, first, n) & GZ_PERSON;
        if (!names || d->e - r > 4 || !(d->e - r >= 2 || (given && r - j >= 2))) continue;
        if (ends_as_company(w, d->e)) continue;   /* General Motors Corp */
        draft person = {.s = r, .e = d->e, .rs = j, .re = r, .type = ENT_PERSON, .kind = MK_NAME};
        if (j > d->s) {
            d->e = j;
        } else {
            *d = person;
            continue;
        }
        *ARENA_PUSH(&w->drafts, w->d) = person;
        d = &w->d.v[k];   /* the push may have moved the array */
    }
    drafts_order(w, n0);
}

/* --- 3. geographic features --------------------------------------------------------- */

/* Words in capitals (KABUL, in a dateline) fool the tagger, which learnt
 * from mixed case: there the gazetteer decides when it knows the place. */
static bool shouted_place(const work *w, const draft *d, uint8_t *type)
{
    if (d->e - d->s != 1 || !(w->t[d->s].flags & TF_UPPER) || tok_end(&w->t[d->s]) - w->t[d->s].start < 4) return false;
    size_t n;
    const char *p = tok_text(w, d->s, &n);
    unsigned g = gazetteer_word(w->r->fx.gaz, p, n) & GZ_TYPES;
    if (!g || (g & ~(GZ_GPE | GZ_LOC))) return false;
    *type = g & GZ_GPE ? ENT_GPE : ENT_LOC;
    return true;
}

static void mark_loc(work *w)
{
    for (uint32_t k = 0; k < w->d.n; k++) {
        draft *d = &w->d.v[k];
        uint8_t place;
        if (shouted_place(w, d, &place)) d->type = place;
        if (d->type != ENT_GPE) continue;
        size_t n;
        const char *last = tok_text(w, d->e - 1, &n);
        bool feature = d->e - d->s > 1 && wordmap_has(w->r->loc_heads, last, n);
        const char *name = w->a->text + w->t[d->s].start;
        unsigned g = gazetteer_lookup(w->r->fx.gaz, name, tok_end(&w->t[d->e - 1]) - w->t[d->s].start);
        if (feature || (g & GZ_LOC && !(g & GZ_GPE))) d->type = ENT_LOC;
    }
}

/* cov[i]: token i lies inside a draft mention. */
static uint8_t *coverage(work *w)
{
    uint8_t *cov = arena_alloc(&w->tmp, w->nt);
    for (uint32_t k = 0; k < w->d.n; k++)
        for (uint32_t i = w->d.v[k].s; i < w->d.v[k].e; i++) cov[i] = 1;
    return cov;
}

static int by_start(const void *x, const void *y)
{
    const draft *a = x, *b = y;
    return a->s < b->s ? -1 : a->s > b->s;
}

/* Puts the drafts back in text order after a pass appended some from n0 on,
 * as a stable sort by start would. A pass appends in text order to drafts
 * already in order, so the two runs are merged from the back, with only the
 * appended ones copied aside: qsort's merge sort takes a copy of all of them
 * (50 MB for a 100 MB article, at the step's peak). Runs out of order are
 * sorted whole. */
static void drafts_order(work *w, uint32_t n0)
{
    draft *v = w->d.v;
    uint32_t n = w->d.n;
    if (n <= n0) return;
    bool sorted = true;
    for (uint32_t k = 1; k < n && sorted; k++) sorted = k == n0 || v[k - 1].s <= v[k].s;
    if (!sorted) {
        qsort(v, n, sizeof *v, by_start);
        return;
    }
    uint32_t m = n - n0, i = n0, j = m, k = n;
    draft *tail = arena_alloc(&w->tmp, sizeof *tail * m);
    memcpy(tail, v + n0, sizeof *tail * m);
    while (j > 0)   /* on equal starts the earlier draft stays first */
        v[--k] = i > 0 && v[i - 1].s > tail[j - 1].s ? v[--i] : tail[--j];
}

/* --- consistency within the article ------------------------------------------------ */

static bool is_cap_word(const work *w, uint32_t i)
{
    return (w->t[i].flags & TF_WORD) && (w->t[i].flags & (TF_CAP | TF_UPPER)) && !title_kind(w, i);
}

/* Types of words by their case-folded hash, for one article; 0 when unknown. */
static uint8_t word_types_get(const idmap *t, uint64_t h)
{
    int32_t v = idmap_get(t, h);
    return v < 0 ? 0 : (uint8_t)v;
}

/* The later type wins, as a name seen again is seen better. */
static void word_types_put(idmap *t, uint64_t h, uint8_t type) { *idmap_slot(t, h) = type; }

/* Hash of token i's word ignoring case (ASCII letters, and curly
 * apostrophes read as straight ones: O’Brien is O'Brien). */
static uint64_t folded_hash(const work *w, uint32_t i)
{
    size_t n;
    const unsigned char *p = (const unsigned char *)tok_text(w, i, &n);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t k = 0; k < n; k++) {
        unsigned c = p[k];
        if (c >= 'A' && c <= 'Z') c += 32;
        else if (c == 0xE2 && k + 2 < n && p[k + 1] == 0x80 && (p[k + 2] == 0x99 || p[k + 2] == 0x98)) {
            c = '\'';
            k += 2;
        }
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

/* What the tagger found once holds for the whole article: a person's
 * surname alone ("Asif said") is that person, and a one-word organisation
 * or place it tagged twice, or knows from the gazetteer, is tagged wherever
 * it recurs. */
static void propagate_names(work *w)
{
    if (!w->d.n) return;
    idmap names, seen, org_first;
    idmap_init(&w->tmp, &names, 0);
    idmap_init(&w->tmp, &seen, 0);
    idmap_init(&w->tmp, &org_first, 0);
    for (uint32_t k = 0; k < w->d.n; k++) {
        const draft *d = &w->d.v[k];
        size_t n, fn;
        const char *p = tok_text(w, d->e - 1, &n);
        /* "Promises" after "Promises Treatment Center": the first word of an
         * organisation's name, a word no gazetteer or title list knows, is
         * that organisation where it stands alone (see below) */
        const char *f = tok_text(w, d->s, &fn);
        if (d->type == ENT_ORG && d->e - d->s > 1 && fn >= 4 && is_cap_word(w, d->s) &&
            !(w->t[d->s].flags & TF_UPPER) && !title_kind(w, d->s) && !gazetteer_lookup(w->r->fx.gaz, f, fn))
            word_types_put(&org_first, folded_hash(w, d->s), ENT_ORG);
        if (d->type == ENT_PERSON && d->e - d->s > 1 && n >= 3 && is_cap_word(w, d->e - 1)) {
            word_types_put(&names, folded_hash(w, d->e - 1), ENT_PERSON);
        } else if (d->e - d->s == 1 && d->type != ENT_PERSON && is_cap_word(w, d->s)) {
            uint64_t h = folded_hash(w, d->s);
            if (word_types_get(&names, h) == ENT_PERSON) continue;
            bool known = word_types_get(&seen, h) || (gazetteer_lookup(w->r->fx.gaz, p, n) & GZ_TYPES) ||
                         (w->t[d->s].flags & TF_UPPER);
            word_types_put(known ? &names : &seen, h, d->type);
        }
    }
    uint8_t *cov = coverage(w);
    uint32_t n0 = w->d.n;
    for (uint32_t k = 0; k < n0; k++) {
        draft *d = &w->d.v[k];
        if (d->e - d->s == 1 && word_types_get(&names, folded_hash(w, d->s)) == ENT_PERSON) d->type = ENT_PERSON;
    }
    for (uint32_t c = 0; c < w->ncaps; c++) {
        uint32_t i = w->caps[c];
        if (cov[i] || !is_cap_word(w, i)) continue;
        uint8_t type = word_types_get(&names, folded_hash(w, i));
        /* an organisation's first word alone, inside a sentence (a capital
         * at a sentence's start says nothing) and not before another name */
        if (!type && !(w->t[i].flags & TF_SENT) && (i + 1 >= w->nt || !is_cap_word(w, i + 1)))
            type = word_types_get(&org_first, folded_hash(w, i));
        if (type) *ARENA_PUSH(&w->drafts, w->d) = (draft){.s = i, .e = i + 1, .type = type, .kind = MK_NAME};
    }
    drafts_order(w, n0);
}

/* "Philadelphia 76ers", "San Francisco 49ers": a place (or the place read
 * as a team) followed by a word of digits and letters is a team's name,
 * which the tagger, reading the digits as a number, cuts after the place. */
static void numbered_names(work *w)
{
    for (uint32_t k = 0; k < w->d.n; k++) {
        draft *d = &w->d.v[k];
        uint32_t e = d->e;
        if ((d->type != ENT_GPE && d->type != ENT_ORG) || d->be || e >= w->nt || !(w->t[e].flags & TF_NUM)) continue;
        if (w->t[e].start != tok_end(&w->t[e - 1]) + 1 || (k + 1 < w->d.n && w->d.v[k + 1].s == e)) continue;
        size_t n;
        const char *p = tok_text(w, e, &n);
        size_t digits = 0;
        while (digits < n && p[digits] >= '0' && p[digits] <= '9') digits++;
        bool letters = digits > 0 && n - digits >= 2;
        for (size_t i = digits; i < n && letters; i++) letters = (p[i] | 32) >= 'a' && (p[i] | 32) <= 'z';
        if (!letters) continue;
        d->e = e + 1;
        d->type = ENT_ORG;
    }
}

/* "the Saints", "the Colts", "the Haqqanis": a capitalised word in the
 * plural right after "the", which the tagger left alone, names a team, a
 * band or a group; places (the Philippines) and peoples (the Americans),
 * which the gazetteer knows, and titles are left to the other passes. */
static void plural_names_after_the(work *w)
{
    uint8_t *cov = coverage(w);
    uint32_t n0 = w->d.n;
    for (uint32_t c = 0; c < w->ncaps; c++) {
        uint32_t i = w->caps[c];
        if (i == 0 || cov[i] || !is_the(w, i - 1) || !is_cap_word(w, i) || (w->t[i].flags & TF_UPPER)) continue;
        /* part of a longer name */
        if (i + 1 < w->nt && is_cap_word(w, i + 1) && !(w->t[i + 1].flags & TF_SENT)) continue;
        size_t n;
        const char *p = tok_text(w, i, &n);
        if (n < 4 || p[n - 1] != 's' || p[n - 2] == 's' || p[n - 2] == '\'' || p[n - 2] == 'u') continue;
        if (gazetteer_word(w->r->fx.gaz, p, n) & GZ_TYPES) continue;
        if (gazetteer_word(w->r->fx.gaz, p, n - 1) & (GZ_NORP | GZ_GPE | GZ_LOC)) continue;   /* Afghans, Koreas */
        *ARENA_PUSH(&w->drafts, w->d) = (draft){.s = i, .e = i + 1, .type = ENT_ORG, .kind = MK_NAME};
        cov[i] = 1;
    }
    drafts_order(w, n0);
}

/* "the Haqqanis", "the Kennedys": a one-word name in the plural right after
 * "the" is a family or group, not one person; a surname alone ("Williams
 * said") comes without "the". Runs after propagate_names, which makes a
 * word a person's wherever a full name ended with it. */
static void plural_families(work *w)
{
    for (uint32_t k = 0; k < w->d.n; k++) {
        draft *d = &w->d.v[k];
        if (d->type != ENT_PERSON || d->e - d->s != 1 || d->s == 0 || d->be || !is_the(w, d->s - 1)) continue;
        size_t n;
        const char *p = tok_text(w, d->s, &n);
        if (n >= 5 && p[n - 1] == 's' && p[n - 2] != 's' && p[n - 2] != '\'') d->type = ENT_ORG;
    }
}

/* "Afghan Taliban", "Pakistani Taliban": a demonym right before a one-word
 * organisation names a group of its own. */
static void merge_demonym_groups(work *w)
{
    uint32_t o = 0;
    for (uint32_t k = 0; k < w->d.n; k++) {
        draft d = w->d.v[k];
        const draft *next = k + 1 < w->d.n ? &w->d.v[k + 1] : NULL;
        if (d.type == ENT_NORP && d.e - d.s == 1 && next && next->type == ENT_ORG && next->s == d.e &&
            next->e - next->s == 1 && (next->e >= w->nt || !is_cap_word(w, next->e))) {
            d.e = next->e;
            d.type = ENT_ORG;
            k++;
        }
        w->d.v[o++] = d;
    }
    w->d.n = o;
}

/* --- 4. acronyms ------------------------------------------------------------------- */

static bool is_acronym(const work *w, uint32_t i)
{
    size_t n;
    tok_text(w, i, &n);
    return (w->t[i].flags & TF_UPPER) && n >= 2 && n <= 8;
}


/* Do the letters of the acronym start, in order, the capitalised words and
 * hyphenated parts of tokens [j, end)? Lower-case parts (for, of, i, e) may
 * be passed over; a capitalised word must give a letter. */
static bool initials_match(const work *w, uint32_t j, uint32_t end, const char *acr, size_t an)
{
    size_t k = 0;
    for (uint32_t i = j; i < end; i++) {
        size_t n;
        const char *p = tok_text(w, i, &n);
        if (!(w->t[i].flags & TF_WORD)) return false;
        for (size_t q = 0; q < n; q++) {
            if (q && p[q - 1] != '-') continue;
            while (k < an && (acr[k] == '.' || acr[k] == '-')) k++;
            if (k < an && (p[q] & ~32) == acr[k]) k++;
            else if (p[q] >= 'A' && p[q] <= 'Z') return false;
            else if (i == j && q == 0) return false;
        }
    }
    while (k < an && (acr[k] == '.' || acr[k] == '-')) k++;
    return k == an;
}

/* A long form: tokens [s, e) an acronym in brackets at e + 1 abbreviates. */
typedef struct long_form {
    uint32_t s, e, seq;   /* seq: order found, the later winning at one start */
    uint8_t type;
} long_form;

static int long_form_order(const void *x, const void *y)
{
    const long_form *a = x, *b = y;
    if (a->s != b->s) return a->s < b->s ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The long forms in the text, by start; at one start the last found. */
static uint32_t find_long_forms(work *w, long_form **out)
{
    ARENA_VEC(long_form) lf = {0};
    for (uint32_t k = 0; k < w->ncaps; k++) {
        if (w->caps[k] < 2) continue;
        uint32_t i = w->caps[k] - 1;   /* the bracket before a capitalised word */
        if (i + 2 >= w->nt || w->a->text[w->t[i].start] != '(' || !tok_is(w, i + 2, ")") ||
            !is_acronym(w, i + 1))
            continue;
        size_t an;
        const char *acr = tok_text(w, i + 1, &an);
        uint32_t j = i, floor = i > 8 ? i - 8 : 0;
        for (uint32_t c = i; c-- > floor;) {
            if (initials_match(w, c, i, acr, an)) {
                j = c;
                break;
            }
            if (!(w->t[c].flags & TF_WORD)) break;
        }
        if (j == i) continue;
        *ARENA_PUSH(&w->tmp, lf) = (long_form){.s = j, .e = i, .seq = lf.n};
    }
    if (!lf.n) return 0;
    qsort(lf.v, lf.n, sizeof *lf.v, long_form_order);
    uint32_t o = 0;
    for (uint32_t k = 0; k < lf.n; k++) {
        if (o && lf.v[o - 1].s == lf.v[k].s) o--;
        lf.v[o++] = lf.v[k];
    }
    *out = lf.v;
    return o;
}

/* Each long form's type: its acronym's, or that of a draft covering just
 * it, when not a person's; else ORG. The drafts starting at the tokens asked
 * about are found through a map of those tokens alone (the last draft
 * starting at one wins). */
static void type_long_forms(work *w, long_form *lf, uint32_t n)
{
    idmap at;   /* token → draft + 1, 0 while none */
    idmap_init(&w->tmp, &at, n * 2);
    for (uint32_t k = 0; k < n; k++) {
        int32_t *v = idmap_slot(&at, lf[k].e + 1);
        if (*v < 0) *v = 0;
        v = idmap_slot(&at, lf[k].s);
        if (*v < 0) *v = 0;
    }
    for (uint32_t k = 0; k < w->d.n; k++)
        if (idmap_get(&at, w->d.v[k].s) >= 0) *idmap_slot(&at, w->d.v[k].s) = (int32_t)k + 1;
    for (uint32_t k = 0; k < n; k++) {
        int32_t ai = idmap_get(&at, lf[k].e + 1), si = idmap_get(&at, lf[k].s);
        const draft *acr = ai > 0 ? &w->d.v[ai - 1] : NULL;
        const draft *same = si > 0 ? &w->d.v[si - 1] : NULL;
        lf[k].type = ENT_ORG;
        if (acr && acr->type != ENT_PERSON) lf[k].type = acr->type;
        if (same && same->e == lf[k].e && same->type != ENT_PERSON) lf[k].type = same->type;
    }
}

/* The tokens inside long forms as disjoint runs by start, merged from lf
 * (sorted by start) into runs; how many. */
static uint32_t inside_runs(work *w, const long_form *lf, uint32_t n, span **out)
{
    span *r = arena_alloc(&w->tmp, sizeof *r * (n + 1));
    uint32_t o = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (o && lf[k].s <= r[o - 1].end) {
            if (lf[k].e > r[o - 1].end) r[o - 1].end = lf[k].e;
        } else r[o++] = (span){lf[k].s, lf[k].e};
    }
    *out = r;
    return o;
}

/* The first token of [s, e) inside a run, or e. */
static uint32_t first_inside(const span *r, uint32_t n, uint32_t s, uint32_t e)
{
    uint32_t lo = 0, hi = n;   /* the first run ending after s */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (r[mid].end <= s) lo = mid + 1;
        else hi = mid;
    }
    if (lo == n || r[lo].start >= e) return e;
    return r[lo].start > s ? r[lo].start : s;
}

/* "Inter-Services Intelligence (ISI)": the words an acronym in brackets
 * abbreviates are a name even where the tagger missed or mis-cut them. All
 * long forms are found first and applied in one pass, so an article full of
 * acronyms costs no more than one with a few; the tables are as long as the
 * long forms, not the text. */
static void define_long_forms(work *w)
{
    long_form *lf;
    uint32_t nlf = find_long_forms(w, &lf);
    if (!nlf) return;
    type_long_forms(w, lf, nlf);
    span *runs;
    uint32_t nruns = inside_runs(w, lf, nlf, &runs);
    /* drafts inside a long form give way; one reaching before it keeps its head */
    uint32_t o = 0;
    for (uint32_t k = 0; k < w->d.n; k++) {
        draft d = w->d.v[k];
        uint32_t fi = first_inside(runs, nruns, d.s, d.e);
        if (fi < d.e) {
            if (fi == d.s) continue;
            d.e = fi;
            size_t n;
            const char *p = tok_text(w, d.s, &n);
            if (d.e - d.s == 1 && (gazetteer_word(w->r->fx.gaz, p, n) & GZ_GPE)) d.type = ENT_GPE;
        }
        w->d.v[o++] = d;
    }
    w->d.n = o;
    for (uint32_t k = 0; k < nlf; k++)
        *ARENA_PUSH(&w->drafts, w->d) = (draft){.s = lf[k].s, .e = lf[k].e, .type = lf[k].type, .kind = MK_NAME};
    drafts_order(w, o);
}

/* "the Dawn newspaper", "the Xinhua news agency": capitalised words the
 * tagger left alone, between "the" and a noun naming an organisation. */
static void described_organisations(work *w)
{
    uint8_t *cov = coverage(w);
    uint32_t n0 = w->d.n;
    for (uint32_t c = 0; c < w->ncaps; c++) {
        uint32_t i = w->caps[c] + 1;   /* the word after a capitalised one */
        if (i < 2 || i >= w->nt || (w->t[i].flags & (TF_CAP | TF_UPPER)) || !(w->t[i].flags & TF_WORD) || cov[i - 1])
            continue;
        size_t n;
        const char *p = tok_text(w, i, &n);
        if (!wordmap_has(w->r->org_descriptors, p, n)) continue;
        uint32_t j = i;
        while (j > 0 && i - j < 4 && is_cap_word(w, j - 1) && !cov[j - 1] && !(w->t[j].flags & TF_SENT)) j--;
        if (j == i || j == 0 || !tok_is(w, j - 1, "the")) continue;
        *ARENA_PUSH(&w->drafts, w->d) = (draft){.s = j, .e = i, .type = ENT_ORG, .kind = MK_NAME};
        for (uint32_t k = j; k < i; k++) cov[k] = 1;
    }
    drafts_order(w, n0);
}

/* "Islamabad-based", "London-born": a known place before a lower-case
 * suffix is a place mention inside the token. */
static void places_inside_words(work *w)
{
    uint8_t *cov = coverage(w);
    uint32_t n0 = w->d.n;
    for (uint32_t c = 0; c < w->ncaps; c++) {
        uint32_t i = w->caps[c];
        if (cov[i] || !(w->t[i].flags & TF_WORD) || !(w->t[i].flags & TF_CAP)) continue;
        size_t n;
        const char *p = tok_text(w, i, &n);
        const char *dash = memchr(p, '-', n);
        if (!dash || dash == p || dash + 1 >= p + n || dash[1] < 'a' || dash[1] > 'z') continue;
        unsigned g = gazetteer_word(w->r->fx.gaz, p, (size_t)(dash - p)) & GZ_TYPES;
        if (!(g & (GZ_GPE | GZ_LOC)) || (g & (GZ_PERSON | GZ_NORP))) continue;
        draft *d = ARENA_PUSH(&w->drafts, w->d);
        *d = (draft){.s = i, .e = i + 1, .type = g & GZ_GPE ? ENT_GPE : ENT_LOC, .kind = MK_NAME};
        d->bs = w->t[i].start;
        d->be = w->t[i].start + (uint32_t)(dash - p);
    }
    drafts_order(w, n0);
}

/* "Long Name (ACR)": every bare ACR in the article becomes a mention of the
 * long name's type (aliases.c joins them). */
static void find_acronyms(work *w)
{
    wordmap *defined = NULL;   /* acronym → type, as one character */
    for (uint32_t k = 0; k < w->d.n; k++) {
        const draft *d = &w->d.v[k];
        uint32_t p = d->e;
        if (d->type == ENT_PERSON || p + 2 >= w->nt || !tok_is(w, p, "(") || !tok_is(w, p + 2, ")")) continue;
        if (!is_acronym(w, p + 1)) continue;
        size_t an;
        const char *acr = tok_text(w, p + 1, &an);
        if (!defined) defined = wordmap_new(0);
        char v[2] = {(char)('0' + d->type), '\0'};
        wordmap_add(defined, acr, an, v);
    }
    if (!defined) return;
    uint8_t *cov = coverage(w);
    uint32_t n0 = w->d.n;
    for (uint32_t c = 0; c < w->ncaps; c++) {
        uint32_t i = w->caps[c];
        if (cov[i] || !(w->t[i].flags & TF_UPPER)) continue;
        size_t n;
        const char *x = tok_text(w, i, &n);
        const char *v = wordmap_get(defined, x, n);
        if (v) *ARENA_PUSH(&w->drafts, w->d) = (draft){.s = i, .e = i + 1, .type = (uint8_t)(*v - '0'), .kind = MK_NAME};
    }
    drafts_order(w, n0);
    wordmap_free(defined);
}

/* --- 5. role noun phrases -------------------------------------------------------------- */

static bool role_matches(const work *w, uint32_t s, uint32_t e, const char *role)
{
    if (!role) return false;
    for (uint32_t i = s; i < e; i++) {
        size_t n;
        const char *p = tok_text(w, i, &n);
        bool found = false;
        for (const char *q = role; *q && !found; q++) {
            if ((q == role || q[-1] == ' ') && strncasecmp(q, p, n) == 0 &&
                (q[n] == '\0' || q[n] == ' ' || q[n] == ','))
                found = true;
        }
        if (!found) return false;
    }
    return true;
}

/* The person whose role holds every word of [s, e): the latest mentioned
 * before, else the first after; -1 if none. Mentions from `near` (the first
 * after the phrase) are searched a bounded way either side, so long texts
 * stay linear. */
enum { ROLE_REACH = 256 };

static int32_t role_holder(const work *w, uint32_t s, uint32_t e, uint32_t near)
{
    const article *a = w->a;
    uint32_t lo = near > ROLE_REACH ? near - ROLE_REACH : 0;
    for (uint32_t k = near; k-- > lo;) {
        const mention *m = &a->mentions.v[k];
        if (m->entity >= 0 && m->type == ENT_PERSON && role_matches(w, s, e, a->entities.v[m->entity].role))
            return m->entity;
    }
    for (uint32_t k = near; k < a->mentions.n && k < near + ROLE_REACH; k++) {
        const mention *m = &a->mentions.v[k];
        if (m->entity >= 0 && m->type == ENT_PERSON && role_matches(w, s, e, a->entities.v[m->entity].role))
            return m->entity;
    }
    return -1;
}

/* Whether some entity of the article has a role a phrase could refer to. */
static bool any_role(const article *a)
{
    for (uint32_t e = 0; e < a->entities.n; e++)
        if (a->entities.v[e].role) return true;
    return false;
}

static void find_role_mentions(work *w)
{
    if (!any_role(w->a)) return;   /* no phrase could find a holder: spare the pass over every token */
    ARENA_VEC(mention) roles = {0};
    uint32_t near = 0;
    for (uint32_t i = 0; i + 1 < w->nt; i++) {
        if (!is_the(w, i)) continue;
        while (near < w->a->mentions.n && w->a->mentions.v[near].start < w->t[i].start) near++;
        uint32_t e = i + 1;
        while (e < w->nt && title_kind(w, e)) e++;
        if (e == i + 1 || title_kind(w, e - 1) != TITLE_HEAD) continue;
        /* "the minister Khawaja Asif" names him: that is a title, not a reference */
        if (e < w->nt && (w->t[e].flags & TF_CAP) && !(w->t[e].flags & TF_SENT)) continue;
        int32_t who = role_holder(w, i + 1, e, near);
        if (who < 0) continue;
        mention *m = ARENA_PUSH(&w->tmp, roles);
        m->start = w->t[i].start;
        m->end = tok_end(&w->t[e - 1]);
        m->type = ENT_PERSON;
        m->kind = MK_ROLE;
        m->entity = who;
        m->role = (span){w->t[i + 1].start, tok_end(&w->t[e - 1])};
        i = e - 1;
    }
    if (!roles.n) return;
    /* merge into the mentions, keeping text order: from the back, in place
     * (a role goes after a mention starting where it does) */
    article *a = w->a;
    uint32_t n = a->mentions.n, total = n + roles.n;
    if (a->mentions.cap < total) {
        a->mentions.v = arena_grow(&a->mem, a->mentions.v, sizeof *a->mentions.v * a->mentions.cap,
                                   sizeof *a->mentions.v * total);
        a->mentions.cap = total;
    }
    uint32_t x = n, y = roles.n;
    for (uint32_t k = total; k-- > 0;) {
        bool take_role = y > 0 && (x == 0 || !(roles.v[y - 1].start < a->mentions.v[x - 1].start));
        a->mentions.v[k] = take_role ? roles.v[--y] : a->mentions.v[--x];
        if (take_role) a->entities.v[a->mentions.v[k].entity].count++;
    }
    a->mentions.n = total;
}

/* --- the step ----------------------------------------------------------------------------- */

static void publish(work *w)
{
    if (w->a->mentions.cap < w->d.n) {   /* sized once: no outgrown copies left in the arena */
        w->a->mentions.v = arena_alloc(&w->a->mem, sizeof *w->a->mentions.v * w->d.n);
        w->a->mentions.cap = w->d.n;
    }
    for (uint32_t k = 0; k < w->d.n; k++) {
        const draft *d = &w->d.v[k];
        mention *m = ARENA_PUSH(&w->a->mem, w->a->mentions);
        m->start = d->be ? d->bs : w->t[d->s].start;
        m->end = d->be ? d->be : tok_end(&w->t[d->e - 1]);
        m->type = d->type;
        m->kind = d->kind;
        m->entity = -1;
        if (d->re > d->rs) m->role = (span){w->t[d->rs].start, tok_end(&w->t[d->re - 1])};
    }
}

/* The passes over the drafts, in order; each may use w->tmp for tables of
 * its own. */
static void (*const passes[])(work *) = {
    legal_forms_and_letters, split_titled_names, attach_roles, mark_loc, define_long_forms, numbered_names,
    plural_names_after_the, propagate_names, plural_families, merge_demonym_groups,
    described_organisations, places_inside_words, find_acronyms,
};

void entities_run(const entities_res *r, article *a)
{
    a->mentions.n = 0;
    a->entities.n = 0;
    if (!a->tokens.n) return;
    work w = {.r = r, .a = a, .t = a->tokens.v, .nt = a->tokens.n};
    arena_init(&w.mem);
    arena_init(&w.drafts);
    arena_init(&w.tmp);
    w.title = arena_alloc(&w.mem, a->tokens.n);
    memset(w.title, 0xFF, a->tokens.n);
    for (uint32_t i = 0; i < a->tokens.n; i++) w.ncaps += (a->tokens.v[i].flags & (TF_CAP | TF_UPPER)) != 0;
    w.caps = arena_alloc(&w.mem, sizeof *w.caps * (w.ncaps + 1));
    w.ncaps = 0;
    for (uint32_t i = 0; i < a->tokens.n; i++) {   /* without a branch: capitals come at random */
        w.caps[w.ncaps] = i;
        w.ncaps += (a->tokens.v[i].flags & (TF_CAP | TF_UPPER)) != 0;
    }
    uint8_t *tags = arena_alloc(&w.tmp, a->tokens.n);
    ner_tag_article(r->model, a, tags);
    drafts_from_tags(&w, tags);
    arena_free(&w.tmp);
    for (size_t i = 0; i < sizeof passes / sizeof *passes; i++) {
        passes[i](&w);
        arena_free(&w.tmp);
    }
    publish(&w);
    arena_free(&w.drafts);
    w.d.v = NULL;
    w.d.n = w.d.cap = 0;
    aliases_resolve(a);
    find_role_mentions(&w);
    arena_free(&w.tmp);
    arena_free(&w.mem);
}
