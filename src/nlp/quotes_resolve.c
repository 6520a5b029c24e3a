/* quotes_resolve.c — what a speaker phrase refers to.
 *
 * A name or role phrase takes the entity of the recogniser's mention under
 * its head word. A pronoun goes to the most recent earlier speaker or
 * sentence subject that fits: a person for he/she (of the right sex where a
 * title or an earlier pronoun told it), a group for they, anything but a
 * person for it. A role noun ("the minister") goes to the most recent
 * speaker holding that role, else to the entity the recogniser gave it. A
 * lone surname joins the full name said before. Where nothing fits, the
 * words stay and the entity is unknown: a guess is never given as a name. */
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

int32_t mention_at(const qctx *c, uint32_t i)
{
    const article *a = c->a;
    uint32_t n = a->mentions.n;
    if (!n || i >= c->nt) return -1;
    uint32_t off = c->t[i].start;
    /* Mentions come in text order: lo is one past the last starting at or before off. */
    uint32_t lo = article_first_from(a->mentions.v, n, sizeof *a->mentions.v, off + 1);
    /* the last mention starting at or before off, and a few before it
     * (nested spans) */
    for (uint32_t k = lo; k > 0 && k + 4 > lo; k--) {
        const mention *m = &a->mentions.v[k - 1];
        if (m->start <= off && off < m->end) return (int32_t)(k - 1);
    }
    return -1;
}

static uint8_t gender_of(const qctx *c, uint32_t s, uint32_t e)
{
    for (uint32_t i = s; i < e; i++) {
        unsigned k = speaker_class(c, i);
        if (k & S_MALE) return G_MALE;
        if (k & S_FEMALE) return G_FEMALE;
    }
    return G_UNKNOWN;
}

/* The sex an entity's name tells by its first word ("Michael Howard"). */
static uint8_t entity_sex(const qctx *c, int32_t e)
{
    if (e < 0 || (uint32_t)e >= c->a->entities.n || c->a->entities.v[e].type != ENT_PERSON) return G_UNKNOWN;
    const char *name = c->a->entities.v[e].name;
    size_t n = name ? strcspn(name, " ") : 0;
    return name && name[n] == ' ' ? given_name_sex(c->r, name, n) : G_UNKNOWN;
}

/* The sex a speaker phrase tells: a title or role word (Mrs, spokeswoman),
 * else the first of two or more name words (Sandra Howard). */
static uint8_t phrase_sex(const qctx *c, const np *who)
{
    uint8_t g = gender_of(c, who->s, who->e);
    if (g || who->how != NP_NAME || who->name_e < who->name_s + 2) return g;
    return given_name_sex(c->r, c->a->text + c->t[who->name_s].start, tok_end(&c->t[who->name_s]) - c->t[who->name_s].start);
}

static uint8_t kind_of_entity(const article *a, int32_t e)
{
    if (e < 0 || (uint32_t)e >= a->entities.n) return SK_UNKNOWN;
    uint8_t t = a->entities.v[e].type;
    return t == ENT_PERSON ? SK_PERSON : (t == ENT_ORG || t == ENT_GPE || t == ENT_NORP) ? SK_GROUP : SK_UNKNOWN;
}

static bool span_has_word(const char *text, span s, const char *w, size_t n)
{
    for (uint32_t i = s.start; i + n <= s.end; i++) {
        if (strncasecmp(text + i, w, n) != 0) continue;
        bool left = i == s.start || !((unsigned char)text[i - 1] >= 'A');
        bool right = i + n == s.end || !((unsigned char)text[i + n] >= 'A');
        if (left && right) return true;
    }
    return false;
}

static bool cstr_has_word(const char *s, const char *w, size_t n)
{
    if (!s) return false;
    span all = {0, (uint32_t)strlen(s)};
    return span_has_word(s, all, w, n);
}

static const referent *newest(const qctx *c, uint32_t back)
{
    if (back >= c->nrecent || back >= QC_RECENT) return NULL;
    return &c->recent[(c->nrecent - 1 - back) % QC_RECENT];
}

/* The most recent referent holding a role named by the word at token h. */
static const referent *by_role(const qctx *c, uint32_t h, int32_t *holder)
{
    const char *w = c->a->text + c->t[h].start;
    size_t n = tok_end(&c->t[h]) - c->t[h].start;
    *holder = -1;
    for (uint32_t k = 0; k < QC_RECENT; k++) {
        const referent *r = newest(c, k);
        if (!r) break;
        const char *erole = r->entity >= 0 ? c->a->entities.v[r->entity].role : NULL;
        if (r->entity < 0 && r->name.start == r->role.start) continue;   /* an unnamed speaker holds no office for "the minister" */
        if (span_has_word(c->a->text, r->role, w, n) || cstr_has_word(erole, w, n)) return r;
    }
    /* An entity the recogniser gave that role, though no speaker yet. */
    uint32_t best = 0;
    for (uint32_t e = 0; e < c->a->entities.n; e++) {
        const struct entity *en = &c->a->entities.v[e];
        if (en->type == ENT_PERSON && cstr_has_word(en->role, w, n) && en->count > best) {
            best = en->count;
            *holder = (int32_t)e;
        }
    }
    return NULL;
}

static const referent *by_pronoun(const qctx *c, uint16_t pron)
{
    for (uint32_t k = 0; k < QC_RECENT; k++) {
        const referent *r = newest(c, k);
        if (!r) break;
        if ((pron & W_HE) && r->kind == SK_PERSON && r->gender != G_FEMALE) return r;
        if ((pron & W_SHE) && r->kind == SK_PERSON && r->gender != G_MALE) return r;
        if ((pron & W_THEY) && r->kind == SK_GROUP) return r;
        if ((pron & W_IT) && r->kind != SK_PERSON) return r;
    }
    return NULL;
}

/* A single name word that repeats the last word of an earlier speaker's name
 * ("Asif" after "Khawaja Asif"). */
static const referent *by_surname(const qctx *c, span w)
{
    const char *text = c->a->text;
    size_t n = w.end - w.start;
    for (uint32_t k = 0; k < QC_RECENT; k++) {
        const referent *r = newest(c, k);
        if (!r) break;
        if (r->name.end - r->name.start >= n && memcmp(text + r->name.end - n, text + w.start, n) == 0 &&
            (r->name.end - r->name.start == n || text[r->name.end - n - 1] == ' '))
            return r;
    }
    return NULL;
}

static void take_referent(const referent *r, speaker *out)
{
    out->name = r->name;
    out->entity = r->entity;
    out->kind = r->kind;
    if (r->gender) out->gender = r->gender;
    if (!out->role.end) out->role = r->role;
}

/* "Peter Mosk of Tanaka Securities": a person's name, then where they work;
 * the person speaks. Returns the end of the person's name, or name_e. */
static uint32_t person_before_affiliation(const qctx *c, const np *who)
{
    int32_t m = mention_at(c, who->name_s);
    if (m < 0) return who->name_e;
    const mention *mm = &c->a->mentions.v[m];
    if (mm->type != ENT_PERSON || mm->end >= tok_end(&c->t[who->name_e - 1])) return who->name_e;
    for (uint32_t i = who->name_s; i + 1 < who->name_e; i++)
        if (tok_end(&c->t[i]) == mm->end)
            return tok_lower_word(c, i + 1) && (word_class(c, i + 1) & (W_LINK | W_PREP)) ? i + 1 : who->name_e;
    return who->name_e;
}

static void resolve_name(qctx *c, const np *who, speaker *out)
{
    uint32_t name_e = person_before_affiliation(c, who);
    out->words = tok_span(c, who->name_s, name_e);
    out->name = out->words;
    if (name_e < who->name_e) {
        out->kind = SK_PERSON;
        if (!out->role.end) out->role = tok_span(c, name_e + 1, who->name_e);
    }
    int32_t m = mention_at(c, name_e - 1);
    if (m >= 0 && c->a->mentions.v[m].entity >= 0) {
        int32_t e = c->a->mentions.v[m].entity;
        uint8_t sex = entity_sex(c, e);
        if (out->gender && sex && sex != out->gender) {
            /* "Mrs Howard" is not Michael Howard, whatever joined the two
             * surnames: the words stay, with their title */
            out->words = out->name = tok_span(c, who->s, name_e);
            out->kind = SK_PERSON;
            return;
        }
        out->entity = e;
        uint8_t k = kind_of_entity(c->a, out->entity);
        if (k != SK_UNKNOWN) out->kind = k;
        return;
    }
    const referent *r = by_surname(c, out->words);
    if (r && (r->kind == SK_PERSON || who->kind != SK_PERSON)) {
        out->entity = r->entity;
        if (r->kind != SK_UNKNOWN) out->kind = r->kind;
        if (!out->role.end) out->role = r->role;
    }
}

static bool org_entity(const qctx *c, int32_t e)
{
    return e >= 0 && (uint32_t)e < c->a->entities.n && c->a->entities.v[e].type == ENT_ORG;
}

/* A body named by a common noun: "the Harbour Times newspaper" is the
 * organisation named just before its head; "the company", alone, the
 * organisation that spoke last, if it spoke among the last few speakers
 * ("Norvex said …. …, the company explained"). */
static void group_head(qctx *c, const np *who, speaker *out)
{
    uint32_t h = who->e - 1;
    int32_t m = h > who->s ? mention_at(c, h - 1) : -1;
    if (m >= 0 && c->a->mentions.v[m].end == tok_end(&c->t[h - 1]) && org_entity(c, c->a->mentions.v[m].entity)) {
        out->entity = c->a->mentions.v[m].entity;
        return;
    }
    if (who->e - who->s != 2 || !tok_eq(c, who->s, "the") || !(speaker_class(c, h) & S_GROUP)) return;
    for (uint32_t k = 0; k < 3; k++) {
        const referent *r = newest(c, k);
        if (!r) break;
        if (r->kind == SK_GROUP && org_entity(c, r->entity)) {
            out->entity = r->entity;
            out->name = r->name;
            return;
        }
    }
}

void speaker_resolve(qctx *c, const np *who, speaker *out)
{
    memset(out, 0, sizeof *out);
    out->entity = -1;
    if (!who || who->how == NP_NONE) return;
    out->known = true;
    out->kind = who->kind;
    out->gender = phrase_sex(c, who);
    out->words = tok_span(c, who->s, who->e);
    if (who->role_e > who->role_s) out->role = tok_span(c, who->role_s, who->role_e);
    const referent *r = NULL;
    int32_t e = -1, m;
    switch (who->how) {
    case NP_NAME:
        resolve_name(c, who, out);
        return;
    case NP_PRONOUN:
        if (who->pron & (W_I | W_WE)) return;
        if ((r = by_pronoun(c, who->pron))) {
            take_referent(r, out);
            /* "he" once said of someone settles their sex for later "she"s */
            referent *w = &c->recent[(uint32_t)(r - c->recent)];
            if (!w->gender && (who->pron & W_HE)) w->gender = G_MALE;
            if (!w->gender && (who->pron & W_SHE)) w->gender = G_FEMALE;
        }
        if (who->pron & W_HE) out->gender = G_MALE;
        if (who->pron & W_SHE) out->gender = G_FEMALE;
        return;
    case NP_ROLE:
        /* the head noun: "a spokesman" of "a spokesman for the campaign" */
        if (who->role_e > who->role_s && who->role_e < who->e) {
            if ((r = by_role(c, who->role_e - 1, &e))) take_referent(r, out);
            else if (e >= 0) { out->entity = e; out->kind = SK_PERSON; }
            return;
        }
        m = mention_at(c, who->e - 1);
        if (m >= 0 && c->a->mentions.v[m].entity >= 0) {
            out->entity = c->a->mentions.v[m].entity;
            out->kind = kind_of_entity(c->a, out->entity);
            return;
        }
        /* only an office names one holder: "the minister", not "the member" */
        if (!(speaker_class(c, who->e - 1) & S_ROLE)) return;
        if ((r = by_role(c, who->e - 1, &e))) take_referent(r, out);
        else if (e >= 0) { out->entity = e; out->kind = SK_PERSON; }
        return;
    case NP_GROUP:
        m = mention_at(c, who->e - 1);
        if (m >= 0 && c->a->mentions.v[m].entity >= 0) out->entity = c->a->mentions.v[m].entity;
        else group_head(c, who, out);
        return;
    default:
        return;
    }
}

/* "a spokesman", "an aide", "his spokesman": someone not named, where "the
 * minister" is the holder of an office the text may name elsewhere. */
static bool indefinite(const qctx *c, span w)
{
    const char *t = c->a->text + w.start;
    size_t n = w.end - w.start;
    static const char *const words[] = {"a ", "an ", "his ", "her ", "their ", "its ", "one "};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t m = strlen(words[k]);
        if (n > m && !strncasecmp(t, words[k], m)) return true;
    }
    return false;
}

void speaker_remember(qctx *c, const speaker *sp)
{
    if (!sp->known) return;
    span name = sp->name.end ? sp->name : (sp->entity >= 0 ? sp->words : (span){0, 0});
    if (!name.end && sp->kind == SK_GROUP) name = sp->words;   /* "officials": for "they" */
    /* "an M&S spokesman said …. He also said": an unnamed speaker is still
     * the one "he" goes on from (the entity stays unknown) */
    if (!name.end && sp->kind == SK_PERSON && sp->role.end && indefinite(c, sp->words)) name = sp->words;
    if (!name.end) return;
    const referent *top = newest(c, 0);
    if (top && ((sp->entity >= 0 && top->entity == sp->entity) ||
                (top->name.start == name.start && top->name.end == name.end))) {
        referent *t = &c->recent[(c->nrecent - 1) % QC_RECENT];
        if (sp->role.end && !t->role.end) t->role = sp->role;
        if (sp->gender && !t->gender) t->gender = sp->gender;   /* "…," she said */
        return;
    }
    referent *r = &c->recent[c->nrecent++ % QC_RECENT];
    r->name = name;
    r->role = sp->role;
    r->entity = sp->entity;
    r->kind = sp->kind;
    r->gender = sp->gender ? sp->gender : entity_sex(c, sp->entity);
    if (r->entity >= 0 && kind_of_entity(c->a, r->entity) != SK_UNKNOWN) r->kind = kind_of_entity(c->a, r->entity);
}

void subject_remember(qctx *c, uint32_t b, uint32_t e)
{
    np who;
    /* a heading ("Limited Tools to Fight Terror:") has no subject */
    uint32_t last = e - 1;
    while (last > b && (c->t[last].flags & TF_QUOTE)) last--;
    if (e <= b || !tok_terminal(c, last)) return;
    if (!np_after(c, b, e, &who) || who.how != NP_NAME || who.e >= e) return;
    /* a name inside a quotation is whom the speaker talks of, not the
     * narrative's subject: "…," he said after it still means the speaker */
    if (next_mark(c, b) <= who.s) return;
    /* a subject is followed by its verb, or by an apposition */
    if (!tok_lower_word(c, who.e) && !tok_punct(c, who.e, ',')) return;
    speaker sp;
    speaker_resolve(c, &who, &sp);
    if (sp.kind == SK_UNKNOWN && sp.entity < 0) return;
    speaker_remember(c, &sp);
}
