/* quotes_indirect.c — reported speech: the clause a cue governs.
 *
 * Where the clause lies depends on the cue's place: after it ("Kerry said
 * the talks failed", skipping an addressee, adverbials and "that"); before
 * it ("Growth will slow, the report warned"); around it ("Pakistan, he
 * asserted, has been …"); or either side of "according to". The clause ends
 * where the next cue's own clause begins (", adding that …"). A clause
 * holding a quoted fragment is a mixed quote. Relays are dropped: a report
 * that only passes on what a named speaker said, and a speaker's own nested
 * report ("Asif said he had urged …" stays in Asif's quote). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

static bool ends_clause(const qctx *c, uint32_t i, uint32_t e)
{
    return i >= e || tok_terminal(c, i) || (i + 1 == e && (c->t[i].flags & TF_QUOTE));
}

static bool clause_like(const qctx *c, uint32_t b, uint32_t e);

/* "In several cases, executives say, they were asked …", "Pivoting too
 * soon, economists say, hurt the recovery": what stands before the cue is
 * no clause of its own (no subject and finite verb), so the statement runs
 * through the cue to the end of the sentence. */
static bool opens_a_statement(const qctx *c, uint32_t b, uint32_t comma, uint32_t after, uint32_t e)
{
    if (after + 1 >= e || tok_eq(c, after + 1, "and") || tok_eq(c, after + 1, "but") || tok_eq(c, after + 1, "or") ||
        (word_class(c, after + 1) & (W_SUB | W_REL)) || !has_words(c, after + 1, e, 3))
        return false;
    for (uint32_t i = b; i < comma; i++)
        if (clause_like(c, i, comma) || (c->t[i].flags & TF_QUOTE)) return false;
    return true;
}

static void set_layout(const qctx *c, cue *k, uint32_t b, uint32_t e)
{
    k->layout = CL_FORWARD;
    if (k->participle || k->cls == CUE_BY) return;
    uint32_t cs = k->clause_s;
    if (cs <= b + 1 || !tok_punct(c, cs - 1, ',') || !has_words(c, b, cs - 1, 1)) return;
    uint32_t after = skip_adverbials(c, k->inverted ? k->who.e : k->tok + k->n, e);
    /* "…, the mayor told reporters on Monday." */
    if ((k->cls == CUE_TELL || k->cls == CUE_ASK) && !k->inverted && !ends_clause(c, after, e))
        after = skip_adverbials(c, skip_addressee(c, after, e), e);
    if (ends_clause(c, after, e)) k->layout = CL_TRAILING;
    else if (tok_punct(c, after, ','))
        k->layout = !has_words(c, b, cs - 1, 5) || opens_a_statement(c, b, cs - 1, after, e) ? CL_PARENTHETICAL
                                                                                            : CL_TRAILING;
}

/* The quoted span lying inside [cb, ce), if any. */
static qspan *quote_within(qrun *R, uint32_t nq, uint32_t cb, uint32_t ce)
{
    for (uint32_t i = 0; i < nq; i++)
        if (R->qs[i].open >= cb && R->qs[i].close <= ce && !R->qs[i].used) return &R->qs[i];
    return NULL;
}

/* "PORT ELLEN, March 3 - The harbour will …": the dateline the cleaner
 * found is no part of what was said. */
static uint32_t past_dateline(const qctx *c, uint32_t b, uint32_t e)
{
    const char *dl = c->a->dateline;
    size_t n = dl ? strlen(dl) : 0;
    if (!n || c->t[b].start + n > c->a->len || memcmp(c->a->text + c->t[b].start, dl, n) != 0) return b;
    for (uint32_t i = b; i < e && i < b + 10; i++)
        if (tok_dash(c, i) || tok_punct(c, i, ':')) return i + 1 < e ? i + 1 : b;
    return b;
}

/* Where the statement of "according to X" lies: after the source when
 * little or nothing stands before the cue ("According to X, …", "In
 * addition, according to X, …"); around it when what stands before is no
 * clause ("For Trump, according to X, the speech is a test"); else before
 * it ("Clinton leads by 271 delegates, according to a count", with or
 * without the comma, whatever follows). */
static void according_span(const qctx *c, cue *k, uint32_t lo, uint32_t e)
{
    uint32_t before_e = k->tok > lo && tok_punct(c, k->tok - 1, ',') ? k->tok - 1 : k->tok;
    uint32_t s = k->who.e;
    bool comma_after = s < e && tok_punct(c, s, ',');
    uint32_t rest = comma_after ? s + 1 : s;
    if (before_e <= lo || (!has_words(c, lo, before_e, 3) && has_words(c, rest, e, 3))) {
        k->cb = rest;
        k->ce = e;
    } else if (comma_after && before_e < k->tok && opens_a_statement(c, lo, before_e, s, e)) {
        k->cb = lo;
        k->ce = e;
    } else {
        k->cb = lo;
        k->ce = before_e;
    }
}

static bool in_subclause(const qctx *c, const cue *k, uint32_t b);

static void content_span(qrun *R, cue *k, uint32_t idx, uint32_t nk, uint32_t b, uint32_t e, bool *that)
{
    qctx *c = &R->c;
    *that = false;
    uint32_t lo = past_dateline(c, b, e);
    switch (k->layout) {
    case CL_TRAILING:
        k->cb = lo;
        k->ce = k->clause_s - 1;
        break;
    case CL_PARENTHETICAL:
        k->cb = lo;
        k->ce = e;
        break;
    default:
        if (k->cls == CUE_BY) {
            according_span(c, k, lo, e);
            *that = true;
            break;
        }
        k->cb = content_start(c, k, e, that);
        k->ce = e;
        /* up to the next cue's own clause: ", adding that" / ", a report said";
         * or to a second verb of the same speaker: "conceded … but said …" */
        for (uint32_t n = idx + 1; n < nk; n++) {
            const cue *x = &R->ks[n];
            if (x->has_np && x->tok > k->cb + 1 && x->clause_s <= k->cb && x->cls != CUE_QUOTE &&
                (tok_eq(c, x->tok - 1, "and") || tok_eq(c, x->tok - 1, "but"))) {
                k->ce = x->tok - 1;
                break;
            }
            /* "X called for attacks, according to Y.": Y's report ends it */
            if (x->cls == CUE_BY && x->has_np && x->tok > k->cb + 1 && tok_punct(c, x->tok - 1, ',') &&
                (ends_clause(c, x->who.e, e) ||
                 (tok_punct(c, x->who.e, ',') && (word_class(c, x->who.e + 1) & W_REL)))) {
                k->ce = x->tok - 1;
                break;
            }
            if (!x->has_np || x->clause_s <= k->cb) continue;
            /* "When Clinton noted that …, Trump boasted": the main clause
             * after a clause of time ends what the clause reports */
            if (!x->inverted && x->clause_s > k->cb + 1 && (tok_punct(c, x->clause_s - 1, ',') || tok_dash(c, x->clause_s - 1)) &&
                in_subclause(c, k, b)) {
                k->ce = x->clause_s - 1;
                break;
            }
            if (x->participle || x->layout == CL_TRAILING) {
                k->ce = x->clause_s > k->cb && tok_punct(c, x->clause_s - 1, ',') ? x->clause_s - 1 : x->clause_s;
                break;
            }
        }
    }
    while (k->ce > k->cb && (tok_terminal(c, k->ce - 1) || tok_punct(c, k->ce - 1, ',') ||
                             tok_punct(c, k->ce - 1, ':') || tok_punct(c, k->ce - 1, ';')))
        k->ce--;
    if (k->ce > k->cb && tok_punct(c, k->ce - 1, ')') && tok_punct(c, k->ce - 2 < k->cb ? k->cb : k->ce - 2, '('))
        k->ce--;
}

static bool finite_aux(const qctx *c, uint32_t i)
{
    static const char *const aux[] = {"is", "are", "was", "were", "will", "would", "could", "can", "may", "might",
                                      "should", "shall", "must", "has", "have", "had", "did", "does", "do"};
    for (size_t k = 0; k < sizeof aux / sizeof *aux; k++)
        if (tok_eq(c, i, aux[k])) return true;
    return false;
}

/* Whether content [b, e) reads as a clause rather than a noun phrase: it
 * opens with a pronoun subject, or a finite auxiliary or a past form
 * stands in its first stretch ("it is considering …", "the talks had
 * failed", "the plan collapsed"). No tagger is at hand; these are the
 * marks of a clause that a noun phrase object does not carry. */
static bool clause_like(const qctx *c, uint32_t b, uint32_t e)
{
    if (b < e && (word_class(c, b) & W_PRONOUN) && !tok_eq(c, b, "her") && !tok_eq(c, b, "him")) return true;
    for (uint32_t i = b; i < e && i < b + 12; i++) {
        if (tok_punct(c, i, ',') || tok_terminal(c, i)) break;
        if (finite_aux(c, i)) return true;
        uint32_t n = tok_end(&c->t[i]) - c->t[i].start;
        if (i > b && tok_lower_word(c, i) && n > 4 && !memcmp(c->a->text + tok_end(&c->t[i]) - 2, "ed", 2)) return true;
    }
    return false;
}

/* "the revelation", "the decision in Delhi on Thursday": a definite noun
 * phrase of one or two words, then nothing or adverbials only, names
 * something the text told already; it carries no statement of its own
 * ("denied any involvement in …", "announced the arrest of a man" do). */
static bool refers_back(const qctx *c, uint32_t b, uint32_t e)
{
    if (!(tok_eq(c, b, "the") || tok_eq(c, b, "this") || tok_eq(c, b, "that") || tok_eq(c, b, "these") ||
          tok_eq(c, b, "those")))
        return false;
    uint32_t i = b + 1;
    while (i < e && i < b + 3 && tok_lower_word(c, i) && !word_class(c, i)) i++;
    if (i == b + 1) return false;
    if (i >= e || tok_terminal(c, i) || tok_punct(c, i, ',')) return true;
    return (word_class(c, i) & (W_PREP | W_TIME | W_SUB)) && !tok_eq(c, i, "of") && !tok_eq(c, i, "for") &&
           !tok_eq(c, i, "to") && !tok_eq(c, i, "that");
}

/* Stricter than clause_like: a subject, then its finite verb — a pronoun
 * and a verb form ("it has", "they want"), or a short noun phrase and an
 * auxiliary ("Clinton has gained", "the economy will shrink"). */
static bool subject_verb(const qctx *c, uint32_t b, uint32_t e)
{
    if (b >= e) return false;
    if ((word_class(c, b) & (W_HE | W_SHE | W_THEY | W_WE | W_I | W_IT)) && !tok_eq(c, b, "her") &&
        !tok_eq(c, b, "him") && !tok_eq(c, b, "them") && !(word_class(c, b) & W_DET)) {
        uint32_t v = b + 1, n = v < e ? tok_end(&c->t[v]) - c->t[v].start : 0;
        const char *w = v < e ? c->a->text + c->t[v].start : "";
        return v < e && (finite_aux(c, v) || (tok_lower_word(c, v) && n > 3 && (w[n - 1] == 's' || !memcmp(w + n - 2, "ed", 2))));
    }
    if (!(word_class(c, b) & W_DET) && !(c->t[b].flags & (TF_CAP | TF_NUM))) return false;
    for (uint32_t i = b + 1; i < e && i < b + 7; i++) {
        if (tok_eq(c, i, "to") || tok_eq(c, i, "how")) return false;   /* "showed Jones how to do it" */
        if (finite_aux(c, i)) return true;
        if (!(c->t[i].flags & (TF_WORD | TF_NUM)) && !tok_possessive(c, i)) return false;
        if (word_class(c, i) & (W_PREP | W_THAT | W_REL | W_SUB)) return false;
    }
    return false;
}

/* "would hope", "might think": a wish or a guess; "will they feel": a
 * question. Neither is a stated view. */
static bool hypothetical(const qctx *c, uint32_t v)
{
    if (v > 1 && (word_class(c, v - 1) & W_PRONOUN) && finite_aux(c, v - 2)) return true;
    return v > 0 && (tok_eq(c, v - 1, "would") || tok_eq(c, v - 1, "could") || tok_eq(c, v - 1, "might") ||
                     tok_eq(c, v - 1, "may"));
}

/* Whether cue k stands in a clause of time, condition or reason: a
 * subordinator opens the stretch between the last comma and the speaker. */
static bool in_subclause(const qctx *c, const cue *k, uint32_t b)
{
    for (uint32_t i = k->clause_s; i > b; i--) {
        if (tok_punct(c, i - 1, ',')) return false;
        if ((word_class(c, i - 1) & W_SUB) || tok_eq(c, i - 1, "whether")) return true;
    }
    return false;
}

/* "called the deal a disaster", "described the scene as chaotic": a verb of
 * naming with its object and what the object is called — a stated view.
 * "called a meeting", "called the police" name nothing. */
static bool characterises(const qctx *c, uint32_t b, uint32_t e)
{
    for (uint32_t i = b + 1; i < e && i < b + 16; i++) {
        if (tok_eq(c, i, "as") && i + 1 < e && !tok_terminal(c, i + 1)) return true;
        if (tok_punct(c, i, ',') || tok_terminal(c, i) || (word_class(c, i) & (W_THAT | W_REL | W_SUB))) return false;
        if ((tok_eq(c, i, "a") || tok_eq(c, i, "an")) && !(word_class(c, i - 1) & (W_PREP | W_LOC)))
            return true;
    }
    return false;
}

static bool comma_before(const qctx *c, uint32_t b, uint32_t e)
{
    for (uint32_t i = b; i < e; i++)
        if (tok_punct(c, i, ',')) return true;
    return false;
}

/* Whether cue x plainly reports speech: a verb of saying, or another verb
 * before "that", a colon or a quotation ("will continue to support" does not). */
static bool reports_speech(const qctx *c, const cue *x, uint32_t e)
{
    if (x->cls == CUE_SAY || x->cls == CUE_TELL || x->cls == CUE_ASK) return true;
    bool that;
    uint32_t cs = content_start(c, x, e, &that);
    return that || (cs > 0 && tok_punct(c, cs - 1, ':')) || (cs < e && (c->t[cs].flags & TF_QUOTE));
}

/* What a cue's content must be to report anything: not a phrase of time
 * or place standing before a trailing cue ("During his years in office,
 * Obama said"), not a second subject joined by "and" ("Kim reported from
 * Seoul, and Lee from Busan"). */
static bool clause_like(const qctx *c, uint32_t b, uint32_t e);
static bool comma_before(const qctx *c, uint32_t b, uint32_t e);

static bool says_something(const qctx *c, const cue *k)
{
    unsigned w = word_class(c, k->cb);
    if (k->layout == CL_TRAILING && (w & (W_PREP | W_TIME)) && !clause_like(c, k->cb, k->ce) &&
        !comma_before(c, k->cb, k->ce))
        return false;
    if (k->layout == CL_FORWARD && k->cls != CUE_BY && (tok_eq(c, k->cb, "and") || tok_eq(c, k->cb, "or")))
        return false;
    /* "the challenges of the past decade", "reports of fraud": a plural noun */
    /* ("questions about the plan", "claims over the vote": a topic) */
    uint32_t after = k->tok + k->n;
    if (k->layout == CL_FORWARD && k->form == VF_S &&
        (tok_eq(c, after, "of") || tok_eq(c, after, "about") || tok_eq(c, after, "over")))
        return false;
    return true;
}

/* "X, which had its offer rejected, said it would …": content never opens
 * with another cue's verb. */
static bool starts_a_cue(const qrun *R, uint32_t nk, uint32_t i)
{
    for (uint32_t n = 0; n < nk; n++)
        if (R->ks[n].tok == i && R->ks[n].has_np) return true;
    return false;
}

/* "According to the report, Asif said …": a cue with a speaker of its own
 * opens this one's content; the report only relays what Asif said. */
static bool relays(qrun *R, uint32_t i, uint32_t nk)
{
    const cue *k = &R->ks[i];
    if (k->cb < k->tok) return false;   /* "…, according to X": X is the source */
    for (uint32_t n = 0; n < nk; n++) {
        const cue *x = &R->ks[n];
        if (n != i && x->has_np && !x->participle && x->clause_s == k->cb && reports_speech(&R->c, x, k->ce)) return true;
    }
    return false;
}

/* "Clinton wants to sign up five million people", "the party plans to
 * appeal": a verb of intent reports an aim only through an infinitive ("plans
 * a vote" is narration), only where it opens its clause's report itself (in
 * "the council plans to reopen it, a spokesman said" the aim is the
 * spokesman's statement), and never relays a quotation. */
static bool states_an_aim(const qrun *R, const cue *k, uint32_t i, uint32_t nk, uint32_t b)
{
    const qctx *c = &R->c;
    /* "unless they intended to work": a condition, not a stated aim */
    if (k->layout != CL_FORWARD || k->participle || !tok_eq(c, k->cb, "to") || !tok_lower_word(c, k->cb + 1) ||
        (word_class(c, k->cb + 1) & (W_DET | W_PRONOUN)) || hypothetical(c, k->tok) || in_subclause(c, k, b))
        return false;
    for (uint32_t n = i + 1; n < nk; n++)
        if (R->ks[n].has_np && R->ks[n].layout != CL_FORWARD) return false;
    return true;
}

/* "migrants who want to stay", "Smith, who challenged Thatcher in 1989,":
 * an aim or a deed in a relative clause describes its noun; "the number
 * opposed to a ban": a past form before a preposition is an adjective. */
static bool describes_a_noun(const qctx *c, const cue *k)
{
    if (k->cls != CUE_INTENT && k->cls != CUE_OBJECT) return false;
    if (k->tok > 0 && (word_class(c, k->tok - 1) & W_REL)) return true;
    return k->cls == CUE_OBJECT && (word_class(c, k->cb) & (W_PREP | W_LOC)) && !(word_class(c, k->cb) & (W_THAT | W_DET));
}

/* "asked whether the plant would close", "wondered how it happened": a
 * verb of asking reports the question it opens. */
static bool asks_a_question(const qctx *c, const cue *k)
{
    static const char *const wh[] = {"whether", "if", "why", "how", "what", "who", "when", "where", "which"};
    /* "he said when asked if …": the question is the interviewer's */
    if (k->cls != CUE_ASK || !k->sp.known || (k->tok > 0 && (word_class(c, k->tok - 1) & W_SUB))) return false;
    for (size_t n = 0; n < sizeof wh / sizeof *wh; n++)
        if (tok_eq(c, k->cb, wh[n])) return has_words(c, k->cb + 1, k->ce, 2);
    return false;
}

/* "a poll shows Sanders leading", "records show a gift of $2,000 to the
 * fund", "a video surfaced showing the senator asleep": a document's or a
 * poll's finding may be a noun phrase. */
static bool finding_of_a_source(const qctx *c, const cue *k)
{
    if (k->layout != CL_FORWARD || k->who.e == 0 || !(speaker_class(c, k->who.e - 1) & S_SOURCE)) return false;
    return !(word_class(c, k->cb) & (W_PREP | W_LOC | W_SUB)) || (word_class(c, k->cb) & W_DET);
}

/* "said if elected he would cut taxes", "said when he took office, the
 * deficit was rising": a clause of condition or time opening the content,
 * then the main clause it governs — the statement. "said before he died"
 * and "said when asked about it" hold no main clause and report nothing. */
static bool condition_then_statement(const qctx *c, const cue *k)
{
    static const char *const cond[] = {"if", "unless", "once", "when", "because"};
    bool opens = false;
    for (size_t n = 0; n < sizeof cond / sizeof *cond; n++) opens = opens || tok_eq(c, k->cb, cond[n]);
    if (!opens || k->cls == CUE_ASK || k->cls == CUE_BY || k->cls == CUE_INTENT || k->layout != CL_FORWARD) return false;
    bool own = false;   /* the subordinate clause's own subject and verb seen */
    for (uint32_t j = k->cb + 1; j < k->ce && j < k->cb + 30; j++) {
        if (tok_terminal(c, j) || tok_punct(c, j, ';')) break;
        bool starts = j == k->cb + 1 || tok_punct(c, j - 1, ',') ||
                      ((word_class(c, j) & W_PRONOUN) && !tok_eq(c, j, "her") && !tok_eq(c, j, "him") &&
                       !tok_eq(c, j, "them"));
        if (!starts || !subject_verb(c, j, k->ce)) continue;
        if (j == k->cb + 1 && !own) { own = true; continue; }
        return true;
    }
    return false;
}

static bool same_speaker(const speaker *x, const speaker *y)
{
    if (x->entity >= 0 && x->entity == y->entity) return true;
    return x->name.end && x->name.start == y->name.start && x->name.end == y->name.end;
}

void report_indirect(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk)
{
    qctx *c = &R->c;
    for (uint32_t i = 0; i < nk; i++)
        if (R->ks[i].has_np) set_layout(c, &R->ks[i], b, e);
    bool reported = false;
    const cue *outer = NULL;   /* the last cue given forward content */
    for (uint32_t i = 0; i < nk; i++) {
        cue *k = &R->ks[i];
        if (!k->has_np || k->attached) continue;
        /* "Asif said he had urged them to …": part of what Asif said */
        if (outer && !k->participle && k->tok < outer->ce && same_speaker(&outer->sp, &k->sp)) continue;
        /* "X said that Y, a report said": Y is X's; the report only relays it */
        if (k->layout == CL_TRAILING && reported) continue;
        bool that;
        content_span(R, k, i, nk, b, e, &that);
        if (k->cls == CUE_BY && relays(R, i, nk)) continue;
        if (k->ce <= k->cb || !has_words(c, k->cb, k->ce, 3)) continue;
        if (!says_something(c, k) || starts_a_cue(R, nk, k->cb)) continue;
        /* content must not swallow a quotation already given to a cue */
        qspan *frag = quote_within(R, nq, k->cb, k->ce);
        /* "said before he died", "said on CBS": a clause of time or a place,
         * not what was said ("asked about the deal" stays) — unless quoted
         * words in it show speech ("said as minister he would "…"") */
        if (!that && !frag && k->layout == CL_FORWARD && !k->participle && (word_class(c, k->cb) & (W_SUB | W_LOC)) &&
            !asks_a_question(c, k) && !condition_then_statement(c, k) &&
            !(tok_eq(c, k->cb, "to") && tok_lower_word(c, k->cb + 1) && !word_class(c, k->cb + 1)))   /* vowed to act */
            continue;
        bool colon = k->cb > 0 && tok_punct(c, k->cb - 1, ':');
        /* a verb that reports only before "that" or a quotation: the
         * quotation must stand in its own clause ("before X knew it
         * existed, the flaw is termed "…"" reports nothing) */
        if ((k->cls == CUE_THAT || k->cls == CUE_QUOTE) && !that && !colon && frag && comma_before(c, k->cb, frag->open))
            frag = NULL;
        /* a verb of knowing or showing reports a clause with or without
         * "that" ("a poll shows Clinton has gained"; "experts believe it
         * will fall"), but not where it sits in a clause of time or
         * condition itself ("before Microsoft knew it existed") */
        if (k->cls == CUE_THAT && !that && !frag && !colon && !finding_of_a_source(c, k) &&
            !(k->layout == CL_TRAILING && clause_like(c, k->cb, k->ce)) &&
            (k->layout != CL_FORWARD || k->participle || !subject_verb(c, k->cb, k->ce) || in_subclause(c, k, b) ||
             hypothetical(c, k->tok)))
            continue;
        /* "continue to support", "hope to win": an infinitive, not speech */
        if ((k->cls == CUE_THAT || k->cls == CUE_QUOTE) && !that && !colon && tok_eq(c, k->cb, "to") &&
            tok_lower_word(c, k->cb + 1) && !(word_class(c, k->cb + 1) & (W_DET | W_PRONOUN)))
            continue;
        /* "confirmed the revelation", "announced the decision on Monday":
         * a thing done to an object is narration, not a report */
        if (k->cls == CUE_OBJECT && !that && !frag && !colon && k->layout == CL_FORWARD && !clause_like(c, k->cb, k->ce) &&
            refers_back(c, k->cb, k->ce))
            continue;
        if (k->cls == CUE_QUOTE && !frag && !characterises(c, k->cb, k->ce)) continue;
        if (k->cls == CUE_INTENT && (frag || !states_an_aim(R, k, i, nk, b))) continue;
        if (describes_a_noun(c, k)) continue;
        for (uint32_t q = 0; q < nq; q++)
            if (R->qs[q].open >= k->cb && R->qs[q].close <= k->ce) R->qs[q].used = true;
        quote_emit(R, frag ? Q_MIXED : Q_INDIRECT, tok_span(c, k->cb, k->ce), &k->sp, cue_bytes(c, k));
        reported = reported || (!k->participle && k->layout == CL_FORWARD && k->cls != CUE_INTENT);
        if (k->layout == CL_FORWARD && k->cls != CUE_BY) outer = k;
    }
}
