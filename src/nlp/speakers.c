/* speakers.c — reading the phrase that names a speaker, from the words at a cue.
 *
 * The phrase is a run of capitalised words split into title and name
 * ("Defence Minister Khwaja Asif"), a pronoun, or a determiner phrase
 * ("the military's top spokesman", "officials"), with comma-bounded
 * appositions and asides either side ("Hugh Hill, a doctor, said"; "Sanders,
 * meanwhile, who …, said"). What the phrase refers to is worked out in
 * quotes_resolve.c. */
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

static bool is_cap_word(const qctx *c, uint32_t i)
{
    return i < c->nt && (c->t[i].flags & TF_WORD) && (c->t[i].flags & (TF_CAP | TF_UPPER)) && !tok_possessive(c, i);
}

/* Does a person's name mention cover token i? Sets *first to its first token. */
static bool person_mention_ends(const qctx *c, uint32_t i, uint32_t *first)
{
    int32_t m = mention_at(c, i);
    if (m < 0) return false;
    const mention *mm = &c->a->mentions.v[m];
    if (mm->type != ENT_PERSON || mm->kind != MK_NAME || mm->end != tok_end(&c->t[i])) return false;
    uint32_t k = i;
    while (k > 0 && c->t[k - 1].start >= mm->start) k--;
    *first = k;
    return true;
}

/* Splits a capitalised run [s, e) into title/role and name, and guesses its kind. */
static void classify_run(const qctx *c, uint32_t s, uint32_t e, np *out)
{
    memset(out, 0, sizeof *out);
    out->s = s;
    out->e = e;
    uint32_t first = s;
    if (word_class(c, first) & W_DET) first++;
    int32_t last_role = -1;
    bool group = false;
    for (uint32_t i = first; i < e; i++) {
        unsigned k = speaker_class(c, i);
        if (k & (S_ROLE | S_TITLE)) last_role = (int32_t)i;
        if (k & S_GROUP) group = true;
        if (tok_possessive(c, i)) last_role = (int32_t)i;   /* Pakistan's Defence Minister */
    }
    uint32_t name_s = last_role < 0 ? first : (uint32_t)last_role + 1;
    /* "Secretary of State John Kerry": the office runs through "of State". */
    if (name_s + 1 < e && (word_class(c, name_s) & W_LINK) && tok_lower_word(c, name_s) && name_s + 2 < e)
        name_s += 2;
    while (name_s < e && !is_cap_word(c, name_s)) name_s++;
    if (group && last_role < 0) {
        out->how = NP_NAME;
        out->kind = SK_GROUP;
        out->name_s = first;
        out->name_e = e;
        return;
    }
    if (name_s >= e && e - first >= 2 && person_mention_ends(c, e - 1, &name_s) && name_s >= first) {
        /* "Charlie King": a surname that is also a title word */
        out->how = NP_NAME;
        out->kind = SK_PERSON;
        out->name_s = name_s;
        out->name_e = e;
        if (name_s > first) { out->role_s = first; out->role_e = name_s; }
        return;
    }
    if (name_s >= e) {   /* only a title: "the Defense Minister" */
        out->how = tok_possessive(c, e - 1) ? NP_NONE : NP_ROLE;
        out->kind = group ? SK_GROUP : SK_PERSON;
        out->role_s = s;
        out->role_e = e;
        return;
    }
    out->how = NP_NAME;
    out->name_s = name_s;
    out->name_e = e;
    if (name_s > first) {
        out->role_s = first;
        out->role_e = name_s;
        /* a possessive only ("Pakistan's Khwaja Asif") is no title */
        out->kind = tok_possessive(c, name_s - 1) && name_s - first == 2 ? SK_UNKNOWN : SK_PERSON;
        if (out->kind == SK_UNKNOWN && e - name_s >= 2) out->kind = SK_PERSON;
    } else {
        out->kind = e - name_s >= 2 ? SK_PERSON : SK_UNKNOWN;
    }
}

/* A word capitalised only because it opens the sentence: "Speaking at …". */
static bool sentence_word(const qctx *c, uint32_t i)
{
    uint32_t n = tok_end(&c->t[i]) - c->t[i].start;
    return (c->t[i].flags & TF_SENT) && n > 4 && !memcmp(c->a->text + tok_end(&c->t[i]) - 3, "ing", 3);
}

/* A run of capitalised words ending at token h, with linking words and
 * possessives inside (Institute for Peace Studies, Pakistan's Defence Minister). */
static uint32_t cap_run_start(const qctx *c, uint32_t lo, uint32_t h)
{
    uint32_t s = h;
    while (s > lo) {
        uint32_t p = s - 1;
        if (is_cap_word(c, p) && !(c->t[p].flags & TF_PUNCT)) { s = p; continue; }
        if (p > lo && is_cap_word(c, p - 1) && !(word_class(c, s) & W_TIME) &&
            ((tok_lower_word(c, p) && (word_class(c, p) & W_LINK) && !tok_eq(c, p, "and")) || tok_possessive(c, p) ||
             tok_punct(c, p, '&'))) {   /* Johnson & Johnson */
            s = p - 1;
            continue;
        }
        break;
    }
    /* a word capitalised only by its place: "Meanwhile Kerry" */
    while (s < h && (c->t[s].flags & TF_SENT) &&
           (sentence_word(c, s) || (word_class(c, s) & (W_PREP | W_AUX | W_TIME | W_THAT | W_REL | W_STOP | W_SUB))))
        s++;
    if (s > lo && (word_class(c, s - 1) & W_DET) && tok_eq(c, s - 1, "the")) s--;
    return s;
}

/* The apostrophe of "rebels'", a token of its own after a word in -s. */
static bool plural_possessive(const qctx *c, uint32_t i)
{
    if (i == 0 || (c->t[i].flags & TF_SPACE) || !(c->t[i - 1].flags & TF_WORD)) return false;
    const char *s = c->a->text + c->t[i].start;
    uint32_t n = tok_end(&c->t[i]) - c->t[i].start;
    bool apos = (n == 1 && *s == '\'') || (n == 3 && !memcmp(s, "\xE2\x80\x99", 3));
    return apos && (c->a->text[tok_end(&c->t[i - 1]) - 1] | 0x20) == 's';
}

/* The first number of a share: "6 in 10", "six out of 10". */
static bool ratio_word(const qctx *c, uint32_t i)
{
    static const char *const small[] = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
    if (c->t[i].flags & TF_NUM) return true;
    for (size_t k = 0; k < sizeof small / sizeof *small; k++)
        if (tok_eq(c, i, small[k])) return true;
    return false;
}

/* A determiner phrase ending at token h: "the military's top spokesman",
 * "Pakistani officials", "a spokesman for the campaign". */
static bool det_phrase_before(const qctx *c, uint32_t lo, uint32_t h, np *out)
{
    unsigned head = speaker_class(c, h);
    uint32_t s = h;
    bool det = false;
    while (s > lo && h - s < 6) {
        uint32_t p = s - 1;
        unsigned w = word_class(c, p);
        if ((w & W_DET) && !(w & W_THAT)) { s = p; det = true; break; }
        /* "her friend said": the possessive pronoun is a determiner ("our" and
         * "their" are listed as ones) of a speaker noun ("her liberal
         * friends", not "her comments") */
        if (tok_eq(c, p, "her") && (head & (S_ROLE | S_PEOPLE | S_GROUP))) {
            s = p;
            det = true;
            break;
        }
        if (tok_possessive(c, p) && p > lo && is_cap_word(c, p - 1)) {
            s = cap_run_start(c, lo, p - 1);
            det = true;
            break;
        }
        if (tok_possessive(c, p) || plural_possessive(c, p)) { s = p; continue; }
        if ((c->t[p].flags & TF_NUM) && (head & S_PEOPLE)) { s = p; continue; }   /* "73 percent", "two officials" */
        if (!(c->t[p].flags & TF_WORD) || (w & (W_AUX | W_THAT | W_PREP | W_REL | W_LINK | W_PRONOUN | W_TIME)))
            break;
        s = p;
    }
    /* "six in 10 voters", "nine out of 10 doctors": a share of the people
     * speaks, the whole phrase names them */
    if ((head & S_PEOPLE) && (c->t[s].flags & TF_NUM) && s > lo + 1 &&
        ((tok_eq(c, s - 1, "in") && ratio_word(c, s - 2)) ||
         (tok_eq(c, s - 1, "of") && s > lo + 2 && tok_eq(c, s - 2, "out") && ratio_word(c, s - 3)))) {
        s = tok_eq(c, s - 1, "in") ? s - 2 : s - 3;
        det = true;
    }
    if (!det) {
        if (!(head & (S_PEOPLE | S_GROUP | S_SOURCE))) return false;
        /* bare plural or body: only adjectives before it ("senior US officials") */
    }
    memset(out, 0, sizeof *out);
    out->s = s;
    out->e = h + 1;
    out->role_s = s;
    out->role_e = h + 1;
    if (head & S_ROLE) { out->how = NP_ROLE; out->kind = SK_PERSON; }
    else if (head & (S_GROUP | S_PEOPLE | S_SOURCE)) { out->how = NP_GROUP; out->kind = SK_GROUP; }
    else { out->how = NP_ROLE; out->kind = SK_UNKNOWN; }
    /* "a spokesman for the Clinton campaign": the person is the speaker */
    if (s >= lo + 2 && (tok_eq(c, s - 1, "for") || tok_eq(c, s - 1, "of") || tok_eq(c, s - 1, "at"))) {
        np inner;
        if (s - 2 >= lo && !is_cap_word(c, s - 2) && det_phrase_before(c, lo, s - 2, &inner) &&
            inner.how == NP_ROLE && inner.kind == SK_PERSON) {
            out->s = inner.s;
            out->role_s = inner.s;
            out->how = NP_ROLE;
            out->kind = SK_PERSON;
        } else if (s - 2 >= lo && (speaker_class(c, s - 2) & S_PEOPLE) && !tok_eq(c, s - 1, "for") &&
                   det_phrase_before(c, lo, s - 2, &inner)) {
            out->s = inner.s;   /* "residents of the two valleys": the people speak */
            out->role_s = inner.s;
            out->how = NP_GROUP;
            out->kind = SK_GROUP;
        }
    }
    return true;
}

/* A capitalised run with lowercase titles inside it: "Trump campaign
 * spokeswoman Hope Hicks", "Republican strategist Ryan Williams". */
static uint32_t titled_run_start(const qctx *c, uint32_t lo, uint32_t h)
{
    uint32_t s = cap_run_start(c, lo, h);
    while (s > lo + 1 && tok_lower_word(c, s - 1) && (speaker_class(c, s - 1) & (S_ROLE | S_GROUP | S_PEOPLE))) {
        uint32_t r = s - 1;
        while (r > lo && tok_lower_word(c, r - 1) && (speaker_class(c, r - 1) & (S_ROLE | S_GROUP | S_PEOPLE))) r--;
        if (r > lo && is_cap_word(c, r - 1) && !(word_class(c, r - 1) & (W_PREP | W_AUX | W_THAT | W_REL | W_STOP)))
            s = cap_run_start(c, lo, r - 1);
        else if (r > lo && (word_class(c, r - 1) & W_DET) && !(word_class(c, r - 1) & W_THAT))
            s = r - 1;
        else
            s = r;
        break;
    }
    return s;
}

static bool np_core_before(const qctx *c, uint32_t lo, uint32_t h, np *out);

/* "a spokesman for committee Democrats": the person of a body speaks. */
static void of_phrase_before(const qctx *c, uint32_t lo, np *out)
{
    uint32_t s = out->s;
    if (s < lo + 2 || !(tok_eq(c, s - 1, "for") || tok_eq(c, s - 1, "of") || tok_eq(c, s - 1, "at") ||
                        tok_eq(c, s - 1, "in") || tok_eq(c, s - 1, "from")))
        return;
    /* "Mr. Morgan of the Sierra Club": a person of a body speaks, the body
     * is their role */
    np name;
    if (is_cap_word(c, s - 2) && !tok_eq(c, s - 1, "for") && !(speaker_class(c, s - 2) & (S_PEOPLE | S_GROUP)) &&
        np_core_before(c, lo, s - 2, &name) && name.how == NP_NAME && name.kind == SK_PERSON) {
        uint32_t e = out->e;
        *out = name;
        out->e = e;
        out->role_s = s;
        out->role_e = e;
        out->kind = SK_PERSON;
        return;
    }
    /* "a judge in Washington", "analysts at Goldman" */
    bool word = tok_lower_word(c, s - 2) || (c->t[s - 2].flags & TF_SENT);   /* "Analysts at …" opening */
    if (!word || !(speaker_class(c, s - 2) & (S_ROLE | S_PEOPLE | S_GROUP))) return;
    np inner;
    if (!det_phrase_before(c, lo, s - 2, &inner)) return;
    out->s = inner.s;
    out->role_s = inner.s;
    out->role_e = inner.e;
    out->how = NP_ROLE;
    out->kind = inner.kind;
}

/* The phrase whose last token is h (not reaching before lo). */
static bool np_core_before(const qctx *c, uint32_t lo, uint32_t h, np *out)
{
    memset(out, 0, sizeof *out);
    if (h < lo || h >= c->nt) return false;
    unsigned w = word_class(c, h);
    if ((w & W_PRONOUN) && !tok_eq(c, h, "her") && !tok_eq(c, h, "him") && !tok_eq(c, h, "them")) {
        out->s = h;
        out->e = h + 1;
        out->how = NP_PRONOUN;
        out->pron = (uint16_t)(w & W_PRONOUN);
        out->kind = (w & (W_HE | W_SHE | W_I)) ? SK_PERSON : SK_GROUP;
        return true;
    }
    /* "most of them", "two of us": a part of a group named before */
    if ((tok_eq(c, h, "them") || tok_eq(c, h, "us")) && h >= lo + 2 && tok_eq(c, h - 1, "of") &&
        (ratio_word(c, h - 2) || tok_eq(c, h - 2, "most") || tok_eq(c, h - 2, "many") || tok_eq(c, h - 2, "some") ||
         tok_eq(c, h - 2, "all") || tok_eq(c, h - 2, "few") || tok_eq(c, h - 2, "several") || tok_eq(c, h - 2, "both") ||
         tok_eq(c, h - 2, "half") || tok_eq(c, h - 2, "none"))) {
        out->s = out->role_s = h - 2;
        out->e = out->role_e = h + 1;
        out->how = NP_GROUP;
        out->kind = SK_GROUP;
        return true;
    }
    if (tok_punct(c, h, ')') && h > lo + 1 && is_cap_word(c, h - 1) && tok_punct(c, h - 2, '('))
        return np_core_before(c, lo, h - 3, out) && (out->e = h + 1, true);   /* Institute (PIPS) */
    if (tok_punct(c, h, ')')) {   /* "Sen. Dana Poe (R-Ga.)": a party and state after the name */
        uint32_t o = h;
        while (o > lo && h - o < 8 && !tok_punct(c, o, '(') && !(c->t[o].flags & TF_QUOTE)) o--;
        if (o > lo && tok_punct(c, o, '(') && o + 1 < h && (c->t[o + 1].flags & TF_UPPER || c->t[o + 1].flags & TF_CAP) &&
            np_core_before(c, lo, o - 1, out) && out->how == NP_NAME) {
            out->e = h + 1;
            return true;
        }
        return false;
    }
    if (is_cap_word(c, h)) {
        if (w & (W_PREP | W_AUX | W_THAT | W_REL | W_STOP)) return false;
        classify_run(c, titled_run_start(c, lo, h), h + 1, out);
        if (out->how == NP_NONE) return false;
        of_phrase_before(c, lo, out);
        return true;
    }
    if (tok_lower_word(c, h) && !(w & (W_AUX | W_THAT | W_PREP | W_REL | W_LINK | W_DET | W_TIME)))
        return det_phrase_before(c, lo, h, out);
    return false;
}

/* Skips, leftwards from end, what may stand between a speaker and its verb:
 * auxiliaries and adverbs (has also said, was quoted as saying), a time
 * (on Thursday said). */
static uint32_t skip_left_aux(const qctx *c, uint32_t lo, uint32_t end)
{
    uint32_t i = end;
    while (i > lo) {
        uint32_t j = i - 1;
        unsigned w = word_class(c, j);
        uint32_t n = tok_end(&c->t[j]) - c->t[j].start;
        const char *s = c->a->text + c->t[j].start;
        if (tok_lower_word(c, j) && ((w & W_AUX) || (n > 4 && memcmp(s + n - 2, "ly", 2) == 0 && !(w & W_TIME)))) {
            i = j;
            continue;
        }
        if ((w & W_TIME) && j > lo && (word_class(c, j - 1) & W_PREP)) { i = j - 1; continue; }
        /* "who in 2010 said": a year after a preposition */
        if ((c->t[j].flags & TF_NUM) && n == 4 && j > lo && (word_class(c, j - 1) & W_PREP) && tok_lower_word(c, j - 1)) {
            i = j - 1;
            continue;
        }
        /* "Priebus later Thursday told": a day after an adverb */
        if ((w & W_TIME) && j > lo && (word_class(c, j - 1) & (W_AUX | W_TIME)) && tok_lower_word(c, j - 1)) {
            i = j - 1;
            continue;
        }
        if ((w & W_TIME) && tok_lower_word(c, j)) { i = j; continue; }
        /* "Carter however said", "the ministry meanwhile said": a sentence
         * adverb without its commas */
        if (tok_lower_word(c, j) && (w & W_STOP) && (tok_eq(c, j, "however") || tok_eq(c, j, "meanwhile") ||
                                                     tok_eq(c, j, "instead") || tok_eq(c, j, "too") ||
                                                     tok_eq(c, j, "still") || tok_eq(c, j, "indeed"))) {
            i = j;
            continue;
        }
        break;
    }
    return i;
}

/* "Trump and his attorneys said": both speak, as a group. */
static void coordinated(const qctx *c, uint32_t lo, np *out)
{
    if (out->how == NP_PRONOUN || out->s < lo + 2 || !tok_eq(c, out->s - 1, "and")) return;
    np first;
    if (!np_core_before(c, lo, out->s - 2, &first)) return;
    /* "she and another reporter said": a subject pronoun joins too, where
     * it opens the clause (not "… told him he and his aides …") */
    if (first.how == NP_PRONOUN && !(first.s == lo || tok_punct(c, first.s - 1, ',') || tok_punct(c, first.s - 1, ';')))
        return;
    out->s = first.s;
    out->how = NP_GROUP;
    out->kind = SK_GROUP;
    out->role_s = out->role_e = 0;
}

/* A comma-bounded stretch [b, e) that sits between a speaker and the verb
 * without naming anyone: ", meanwhile,", ", who sits on the panel,". */
static bool aside(const qctx *c, uint32_t b, uint32_t e)
{
    if (e <= b) return false;
    unsigned w = word_class(c, b);
    if (w & W_REL) return true;
    if (e == b + 1 && (c->t[b].flags & TF_NUM)) return true;   /* an age: "Jim Bennett, 57, said" */
    if ((w & (W_PREP | W_LINK)) && tok_lower_word(c, b)) return true;   /* "from Wembley" */
    if (e == b + 1 && tok_lower_word(c, b) && (w & (W_AUX | W_TIME | W_STOP))) return true;
    uint32_t n = tok_end(&c->t[b]) - c->t[b].start;
    return e == b + 1 && tok_lower_word(c, b) && n > 4 && !memcmp(c->a->text + tok_end(&c->t[b]) - 2, "ly", 2);
}

/* "Hugh Hill, a doctor, said" / "the spokesman, Zabihullah Mujahid, said":
 * the phrase before a comma-bounded apposition ending at token h. */
static bool apposed(const qctx *c, uint32_t lo, uint32_t k, uint32_t h, np *out)
{
    np core, app;
    bool app_ok = np_core_before(c, k + 1, h - 1, &app) && app.s == k + 1;
    if (!np_core_before(c, lo, k - 1, &core)) {
        /* an unread phrase, then the name: "The rebels' spokesman, Zabi Karim," */
        if (!app_ok || app.how != NP_NAME || k == lo) return false;
        *out = app;
        out->role_s = out->role_e = 0;
        return true;
    }
    if (!app_ok) {
        if (!(word_class(c, k + 1) & W_DET) && !(c->t[k + 1].flags & TF_WORD)) return false;
        *out = core;
        out->e = h;
        return core.how == NP_NAME;
    }
    if (core.how != NP_NAME && app.how == NP_NAME && core.how != NP_PRONOUN) {
        *out = app;
        out->s = core.s;
        out->role_s = core.s;
        out->role_e = k;
        if (app.kind == SK_UNKNOWN && core.kind == SK_PERSON) out->kind = SK_PERSON;
        return true;
    }
    if (core.how == NP_PRONOUN) return false;
    *out = core;
    out->e = h;
    out->role_s = k + 1;
    out->role_e = h;
    if (core.kind == SK_UNKNOWN && app.how == NP_ROLE && app.kind == SK_PERSON) out->kind = SK_PERSON;
    return true;
}

/* "Ms Robinson, who presents The Weakest Link tells …": the phrase before
 * the verb is the object of a relative clause left without its closing
 * comma; the speaker is the one the clause is about. */
static void relative_clause_object(const qctx *c, uint32_t lo, np *out)
{
    if (out->how == NP_PRONOUN) return;
    for (uint32_t j = out->s; j > lo + 1 && out->s - j < 6; j--) {
        uint32_t p = j - 1;
        if (word_class(c, p) & W_REL) {
            np subj;
            if (tok_punct(c, p - 1, ',') && p - 1 > lo && np_core_before(c, lo, p - 2, &subj) && subj.how != NP_PRONOUN)
                *out = subj;
            return;
        }
        if (!tok_lower_word(c, p) || (word_class(c, p) & (W_THAT | W_SUB))) return;
    }
}

bool np_before(const qctx *c, uint32_t lo, uint32_t end, np *out)
{
    uint32_t i = skip_left_aux(c, lo, end);
    for (int step = 0; step < 4 && i > lo; step++) {
        uint32_t h = i - 1;
        if (word_class(c, h) & W_REL) {   /* "Beck, who has described …": Beck */
            if (h > lo + 1 && tok_punct(c, h - 1, ',')) return np_core_before(c, lo, h - 2, out);
            /* "an architect who said": the noun the clause hangs on */
            if (tok_eq(c, h, "who") && h > lo && np_core_before(c, lo, h - 1, out) && out->how != NP_PRONOUN) return true;
            return false;
        }
        /* "Kall -- co-editor of a book on debates -- said": a dash-bounded aside */
        if (tok_dash(c, h) && step == 0) {
            uint32_t d = h;
            while (d > lo + 1 && h - d < 30 && !tok_dash(c, d - 1) && !tok_terminal(c, d - 1) && !(c->t[d - 1].flags & TF_QUOTE))
                d--;
            if (d > lo + 1 && tok_dash(c, d - 1)) {
                i = d - 1;
                continue;
            }
            return false;
        }
        /* "Dr. Ann Lowe, who as a Navy captain was …, and later …, said": a
         * relative clause too long or too full of commas for the steps below */
        if (tok_punct(c, h, ',') && step == 0) {
            uint32_t r = h;
            while (r > lo + 1 && h - r < 45 && !tok_terminal(c, r - 1) && !(c->t[r - 1].flags & TF_QUOTE) &&
                   !(tok_punct(c, r - 2, ',') && tok_eq(c, r - 1, "who")))
                r--;
            if (r > lo + 1 && tok_eq(c, r - 1, "who") && tok_punct(c, r - 2, ',') && h - r > 6 &&
                np_core_before(c, lo, r - 3, out) && out->how != NP_PRONOUN)
                return true;
        }
        if (!tok_punct(c, h, ',')) {
            /* after an aside: "Sanders, meanwhile, who …, said" */
            uint32_t k2 = h;
            while (k2 > lo && h - k2 < 4 && !tok_punct(c, k2, ',')) k2--;
            if (step > 0 && tok_punct(c, k2, ',') && aside(c, k2 + 1, i)) {
                i = k2;
                continue;
            }
            if (!np_core_before(c, lo, h, out)) return false;
            coordinated(c, lo, out);
            relative_clause_object(c, lo, out);
            /* "who has in the past described": a phrase of time, not the speaker */
            if (out->how != NP_NAME && out->how != NP_PRONOUN && out->s > lo && (word_class(c, out->s - 1) & W_PREP)) {
                i = skip_left_aux(c, lo, out->s - 1);
                continue;
            }
            return true;
        }
        uint32_t k = h;
        while (k > lo && h - k < 28) {
            k--;
            if (c->t[k].flags & TF_QUOTE) return false;
            if (tok_punct(c, k, ',')) break;
        }
        if (!tok_punct(c, k, ',') || k + 1 >= h) return false;
        if (aside(c, k + 1, h)) {   /* "Sanders, meanwhile, said" */
            i = skip_left_aux(c, lo, k);
            continue;
        }
        if (apposed(c, lo, k, h, out)) {
            /* "…, from Wembley, London, said": the phrase ends a place, so
             * skip back over it to the comma before */
            uint32_t p = out->s;
            if (p > lo + 1 && (word_class(c, p - 1) & (W_PREP | W_LINK)) && tok_lower_word(c, p - 1) &&
                tok_punct(c, p - 2, ',')) {
                i = p - 2;
                continue;
            }
            return true;
        }
        /* "Jim Bennett, 39, a man visiting Nice with his family, told": a
         * description too long to read, then more before it */
        if (!(word_class(c, k + 1) & W_DET) || (word_class(c, k + 1) & W_THAT)) return false;
        i = k;
    }
    return false;
}

/* End of a capitalised run starting at i (same joins as cap_run_start). */
static uint32_t cap_run_end(const qctx *c, uint32_t i, uint32_t hi)
{
    uint32_t e = i;
    while (e < hi) {
        if (is_cap_word(c, e)) { e++; continue; }
        /* "Democratic presidential nominee Ann Ruiz": up to two modifiers
         * before the title words */
        uint32_t m = e;
        while (e > i && m < hi && m < e + 2 && tok_lower_word(c, m) && !word_class(c, m) && !speaker_class(c, m)) m++;
        if (e > i && m < hi && tok_lower_word(c, m) && (speaker_class(c, m) & (S_ROLE | S_GROUP | S_PEOPLE))) {
            uint32_t r = m;   /* "Republican strategist Ryan Williams" */
            while (r < hi && tok_lower_word(c, r) && (speaker_class(c, r) & (S_ROLE | S_GROUP | S_PEOPLE))) r++;
            if (r < hi && is_cap_word(c, r) && !(word_class(c, r) & (W_TIME | W_STOP | W_PREP))) {
                e = r;
                continue;
            }
        }
        if (e + 1 < hi && is_cap_word(c, e + 1) && e > i && !(word_class(c, e + 1) & W_TIME) &&
            ((tok_lower_word(c, e) && (word_class(c, e) & W_LINK) && !tok_eq(c, e, "and")) || tok_possessive(c, e) ||
             tok_punct(c, e, '&'))) {
            e += 2;
            continue;
        }
        break;
    }
    if (e + 2 < hi && tok_punct(c, e, '(') && is_cap_word(c, e + 1) && tok_punct(c, e + 2, ')')) e += 3;
    return e;
}

/* A phrase starting at token i: for inverted cues ("said Asif, the minister")
 * and addressees ("told CNN"). */
static bool np_core_after(const qctx *c, uint32_t i, uint32_t hi, bool subject, np *out)
{
    memset(out, 0, sizeof *out);
    if (i >= hi) return false;
    unsigned w = word_class(c, i);
    if (w & W_PRONOUN) {
        out->s = i;
        out->e = i + 1;
        out->how = NP_PRONOUN;
        out->pron = (uint16_t)(w & W_PRONOUN);
        out->kind = (w & (W_HE | W_SHE | W_I)) ? SK_PERSON : SK_GROUP;
        return true;
    }
    uint32_t s = i;
    if ((w & W_DET) && !(w & W_THAT)) i++;
    if (is_cap_word(c, i) && !sentence_word(c, i) &&
        !(word_class(c, i) & (W_PREP | W_AUX | W_THAT | W_REL | W_TIME | W_STOP | W_SUB))) {
        uint32_t e = cap_run_end(c, i, hi);
        /* "the Clinton campaign": a capitalised modifier of a common noun */
        if (s < i)
            for (uint32_t h = e; h < hi && h < e + 3 && tok_lower_word(c, h) && !word_class(c, h); h++)
                if (speaker_class(c, h)) return np_core_before(c, s, h, out);
        classify_run(c, s, e, out);
        return out->how != NP_NONE;
    }
    /* a bare plural or body; as a subject, a document or poll too ("video
     * surfaced showing …") */
    if (s == i && !(speaker_class(c, i) & (S_PEOPLE | S_GROUP | (subject ? S_SOURCE : 0)))) return false;
    /* determiner phrase: up to the first word that cannot be in it */
    uint32_t e = i;
    while (e < hi && e - s < 7) {
        unsigned k = word_class(c, e);
        if (!(c->t[e].flags & TF_WORD) || (k & (W_AUX | W_THAT | W_PREP | W_REL | W_LINK | W_PRONOUN | W_TIME))) break;
        /* a subject: "the mayor visited the site": a word that no speaker
         * noun takes after it, right after one, is the verb (not "the party
         * leader", "the campaign's spokesman"); an object keeps its
         * modifiers ("according to a memo released by the agency") */
        if (subject && e > i && tok_lower_word(c, e) && !speaker_class(c, e) && !tok_possessive(c, e - 1) &&
            (speaker_class(c, e - 1) & (S_ROLE | S_PEOPLE | S_GROUP | S_SOURCE)))
            break;
        e++;
    }
    if (e == i || !np_core_before(c, s, e - 1, out)) return false;
    if (out->s != s) {   /* "the conservative-leaning Tax Foundation" */
        if (out->how != NP_NAME) return false;
        if (out->role_e == out->role_s) out->role_s = s, out->role_e = out->name_s;
        out->s = s;
    }
    return true;
}

static bool np_after_as(const qctx *c, uint32_t start, uint32_t hi, bool subject, np *out)
{
    if (!np_core_after(c, start, hi, subject, out)) return false;
    /* "said Asim Bajwa, the military's spokesman." — an apposition to the end */
    uint32_t e = out->e;
    if (e + 1 < hi && tok_punct(c, e, ',') && out->how == NP_NAME) {
        np app;
        if (np_core_after(c, e + 1, hi, false, &app) && app.how != NP_PRONOUN &&
            (app.e >= hi || tok_punct(c, app.e, ',') || tok_terminal(c, app.e) || (c->t[app.e].flags & TF_QUOTE))) {
            out->role_s = app.s;
            out->role_e = app.e;
            out->e = app.e;
            if (out->kind == SK_UNKNOWN && app.kind == SK_PERSON) out->kind = SK_PERSON;
        }
    } else if (e + 1 < hi && tok_punct(c, e, ',') && out->how != NP_PRONOUN) {
        np app;   /* "the Taliban spokesman, Zabihullah Mujahid," */
        if (np_core_after(c, e + 1, hi, false, &app) && app.how == NP_NAME &&
            (app.e >= hi || tok_punct(c, app.e, ',') || tok_terminal(c, app.e))) {
            uint32_t s = out->s;
            *out = app;
            out->s = s;
            out->role_s = s;
            out->role_e = e;
        }
    }
    return true;
}

bool np_after(const qctx *c, uint32_t start, uint32_t hi, np *out) { return np_after_as(c, start, hi, false, out); }

bool np_subject_after(const qctx *c, uint32_t start, uint32_t hi, np *out) { return np_after_as(c, start, hi, true, out); }

bool np_phrase(const qctx *c, uint32_t s, uint32_t e, np *out)
{
    memset(out, 0, sizeof *out);
    if (e <= s || e - s > 12) return false;
    for (uint32_t i = s; i < e; i++)
        if (!(c->t[i].flags & (TF_WORD | TF_NUM)) && !tok_punct(c, i, '.') && !plural_possessive(c, i)) return false;
    out->s = s;
    out->e = e;
    if (is_cap_word(c, e - 1)) {
        uint32_t r = cap_run_start(c, s, e - 1);
        /* "Del. Stacey Plaskett of the Virgin Islands": a person of a place
         * or body speaks, not the place */
        uint32_t p = r > s && tok_eq(c, r - 1, "the") ? r - 1 : r;
        if (p > s + 1 && (tok_eq(c, p - 1, "of") || tok_eq(c, p - 1, "from")) && is_cap_word(c, p - 2)) {
            np person;
            if (np_phrase(c, s, p - 1, &person) && person.how == NP_NAME) {
                *out = person;
                out->e = e;
                return true;
            }
        }
        np run;
        classify_run(c, r, e, &run);
        if (run.how == NP_NAME) {
            out->how = NP_NAME;
            out->name_s = run.name_s;
            out->name_e = run.name_e;
            out->role_s = s;
            out->role_e = run.name_s;
            out->kind = run.kind == SK_UNKNOWN && run.name_s > s ? SK_PERSON : run.kind;
            return true;
        }
    }
    /* no name at its end: "one Sanders supporter", "a 2008 campaign veteran" */
    out->how = NP_ROLE;
    out->kind = SK_UNKNOWN;
    out->role_s = s;
    out->role_e = e;
    return true;
}
