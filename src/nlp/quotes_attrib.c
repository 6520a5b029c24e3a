/* quotes_attrib.c — the cues of a sentence and the phrase naming each speaker.
 *
 * A cue is a reporting verb or "according to" outside the quoted spans. Its
 * speaker is read, in this order: the phrase before the verb ("Kerry said");
 * the subject of the sentence for a participle (", adding that …") or a
 * second verb ("met Trump and declared …"); the phrase after the verb when
 * the verb follows a comma or a quotation ("…," said Asif); and, right after
 * a quotation, whatever short phrase stands there, since the layout alone
 * shows a speaker ("…," a 2008 campaign veteran said). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

span cue_bytes(const qctx *c, const cue *k)
{
    return tok_span(c, k->tok, k->tok + k->n);
}

/* Leftmost token a speaker phrase before token i may use: not across a
 * quotation. (An earlier verb stops a phrase by itself; a cue inside an
 * aside — "Petrilli, who thinks …, called" — must not hide the speaker.) */
uint32_t left_limit(const qspan *qs, uint32_t nq, uint32_t b, uint32_t i)
{
    uint32_t lo = b;
    for (uint32_t k = 0; k < nq; k++)
        if (qs[k].close < i && qs[k].close + 1 > lo) lo = qs[k].close + 1;
    return lo;
}

/* For a quotation left open to the end of its sentence: a trailing ", Asif
 * said." inside it is its attribution (the closing mark was forgotten). */
static bool trailing_cue_in_open_quote(const qctx *c, qspan *q, uint32_t e, cue *k)
{
    uint32_t from = q->ce > q->cb + 12 ? q->ce - 12 : q->cb;
    for (uint32_t i = from; i + 1 < e; i++) {
        if (!tok_punct(c, i, ',')) continue;
        np who;
        bool found = cue_at(c, i + 1, e, k) ||   /* ", said Asif." */
                     (np_after(c, i + 1, e, &who) && who.how == NP_NAME && cue_at(c, who.e, e, k));   /* ", Asif said." */
        if (!found) continue;
        uint32_t after = skip_adverbials(c, k->tok + k->n, e);
        if (after < e && !tok_terminal(c, after)) continue;
        q->ce = i;
        q->unclosed = false;
        return true;
    }
    return false;
}

void find_cues(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t *nk)
{
    qctx *c = &R->c;
    *nk = 0;
    uint32_t q = 0;   /* quoted spans are in text order: the next one not behind i */
    for (uint32_t i = b; i < e && *nk < R->cap; i++) {
        while (q < nq && R->qs[q].close < i) q++;
        if (q < nq && i >= R->qs[q].open) {   /* inside it: on past its close */
            i = R->qs[q].close;
            continue;
        }
        cue k;
        if (cue_shaped(c, i) && cue_at(c, i, e, &k)) {
            /* "critics say plans to …", "he said reports were false": a
             * present form right after a reporting verb is a noun */
            if (*nk > 0 && R->ks[*nk - 1].tok + R->ks[*nk - 1].n == i && (k.form == VF_S || k.form == VF_BASE) &&
                k.cls != CUE_BY)
                continue;
            R->ks[(*nk)++] = k;
            i += k.n - 1;
        }
    }
    for (q = 0; q < nq && *nk < R->cap; q++) {
        cue k;
        if (R->qs[q].unclosed && trailing_cue_in_open_quote(c, &R->qs[q], e, &k)) {
            R->qs[q].close = R->qs[q].ce;
            R->ks[(*nk)++] = k;
        }
    }
    /* keep cues in text order */
    for (uint32_t x = 1; x < *nk; x++)
        for (uint32_t y = x; y > 0 && R->ks[y - 1].tok > R->ks[y].tok; y--) {
            cue tmp = R->ks[y];
            R->ks[y] = R->ks[y - 1];
            R->ks[y - 1] = tmp;
        }
}

/* "according to a report from the think tank, Institute X (IX), …" */
static bool according_speaker(const qctx *c, cue *k, uint32_t e)
{
    uint32_t i = k->tok + k->n;
    if (!np_after(c, i, e, &k->who)) {
        /* any source will do: "according to federal statistics" */
        uint32_t j = i;
        while (j < e && j < i + 12 && (c->t[j].flags & TF_WORD)) j++;
        if (j == i || (j < e && !tok_punct(c, j, ',') && !tok_terminal(c, j))) return false;
        memset(&k->who, 0, sizeof k->who);
        k->who.s = i;
        k->who.e = j;
        k->who.how = NP_GROUP;
        k->who.kind = SK_UNKNOWN;
    }
    /* "according to the Natural Hazards Research and Applications
     * Information Center, …": a source named at length runs to its comma */
    uint32_t r = k->who.e;
    while (r < e && r < k->who.s + 20 && ((c->t[r].flags & TF_WORD) || tok_punct(c, r, '&'))) r++;
    if (r > k->who.e && r < e && tok_punct(c, r, ',') && tok_eq(c, k->who.e, "and")) {
        if (k->who.name_e == k->who.e) k->who.name_e = r;
        k->who.e = r;
    }
    uint32_t j = k->who.e;
    if ((k->who.how == NP_GROUP || k->who.how == NP_ROLE) && j < e &&
        (tok_eq(c, j, "from") || tok_eq(c, j, "by") || tok_eq(c, j, "of"))) {
        np more;
        if (np_after(c, j + 1, e, &more)) {
            uint32_t s = k->who.s;
            k->who = more;
            k->who.s = s;
        }
    }
    return true;
}

/* Did a quotation close just before token i (a comma between allowed)? */
static bool after_quote(const qctx *c, uint32_t i, uint32_t b)
{
    bool comma = i > b && tok_punct(c, i - 1, ',');
    if (comma) i--;
    if (i <= b + 1 || !(c->t[i - 1].flags & TF_QCLOSE)) return false;
    /* a quotation closed as speech is ("…," / "…?" / "…!"), not a
     * quoted fragment running on into the sentence ("into the gutter" and …) */
    uint32_t last = i - 2;
    return comma || tok_punct(c, last, ',') || tok_punct(c, last, '?') || tok_punct(c, last, '!');
}

/* Whether the inverted speaker ends its clause: "…," said Asif on Monday. —
 * not "said the road was open". */
static bool ends_inverted(const qctx *c, uint32_t after, uint32_t e)
{
    while (after < e && (word_class(c, after) & (W_TIME | W_PREP)) && !(word_class(c, after) & W_AUX)) {
        uint32_t next = skip_adverbials(c, after, e);
        if (next == after) break;
        after = next;
    }
    return after >= e || tok_terminal(c, after) || tok_punct(c, after, ',') || tok_punct(c, after, ':') ||
           (c->t[after].flags & TF_QUOTE) || (word_class(c, after) & W_THAT);
}

/* The subject of the sentence a participle hangs on: the first name or
 * pronoun, at the start or after a comma, followed by a verb-like word
 * ("Speaking in Salem, Trump went after Bush, calling him …"). */
static bool sentence_subject(const qctx *c, uint32_t b, uint32_t end, np *who)
{
    bool found = false;
    np x;
    for (uint32_t p = b; p < end; p++) {
        if (p > b && !tok_punct(c, p - 1, ',') && !(word_class(c, p - 1) & W_SUB)) continue;
        if (np_subject_after(c, p, end, &x) && x.e < end && x.how != NP_NONE && !(x.pron & W_IT) &&
            (x.how == NP_NAME || x.how == NP_PRONOUN || speaker_class(c, x.e - 1)) &&
            tok_lower_word(c, x.e) && !(word_class(c, x.e) & (W_PREP | W_THAT | W_REL | W_LINK))) {
            *who = x;   /* the nearest clause before the participle */
            found = true;
        }
    }
    return found;
}

/* The whole stretch from the clause's start to the verb, when it reads as
 * one subject the phrase readers could not take apart: "Political observers
 * in Virginia and around the country say", "all the experts I interviewed
 * said". It opens as a noun phrase does and holds no verb of its own. */
static bool subject_stretch(const qctx *c, uint32_t s, uint32_t x, np *who)
{
    if (x <= s + 1 || x - s > 10) return false;
    unsigned w0 = word_class(c, s);
    bool opens = ((w0 & W_DET) && !(w0 & W_THAT)) || (speaker_class(c, s) & (S_PEOPLE | S_GROUP | S_ROLE)) ||
                 (c->t[s].flags & TF_NUM) ||
                 ((c->t[s].flags & TF_CAP) && !(w0 & (W_STOP | W_PREP | W_SUB | W_TIME | W_AUX | W_PRONOUN | W_THAT)));
    if (!opens) return false;
    bool head = false;
    for (uint32_t i = s; i < x; i++) {
        unsigned w = word_class(c, i);
        if ((w & (W_THAT | W_REL | W_SUB)) || ((w & W_AUX) && !(w & W_DET) && tok_lower_word(c, i) && i > s)) return false;
        if (speaker_class(c, i) & (S_PEOPLE | S_GROUP | S_ROLE)) head = true;
    }
    return head && np_phrase(c, s, x, who);
}

static bool find_speaker(qrun *R, cue *k, uint32_t b, uint32_t e, uint32_t nq, uint32_t idx)
{
    qctx *c = &R->c;
    if (k->cls == CUE_BY) {
        k->inverted = true;
        return according_speaker(c, k, e);
    }
    uint32_t lo = left_limit(R->qs, nq, b, k->tok);
    bool after_comma = k->tok > lo && tok_punct(c, k->tok - 1, ',');
    bool after_be = k->tok > lo && (tok_eq(c, k->tok - 1, "is") || tok_eq(c, k->tok - 1, "was") ||
                                    tok_eq(c, k->tok - 1, "are") || tok_eq(c, k->tok - 1, "were") ||
                                    tok_eq(c, k->tok - 1, "been") || tok_eq(c, k->tok - 1, "be") ||
                                    tok_eq(c, k->tok - 1, "as"));
    if (k->form == VF_ING && !after_be) {
        /* ", adding that …" and "tweets saying …": the sentence's speaker */
        k->participle = true;
        if (after_comma || k->tok == b)
            for (uint32_t p = idx; p > 0; p--)
                /* not a cue in a relative clause: in "defended not paying an
                 * architect who said he was stiffed, saying …" the sentence's
                 * subject speaks */
                if (R->ks[p - 1].has_np && !(R->ks[p - 1].tok > b && (word_class(c, R->ks[p - 1].tok - 1) & W_REL))) {
                    k->who = R->ks[p - 1].who;
                    k->sp = R->ks[p - 1].sp;
                    return true;
                }
        return sentence_subject(c, b, k->tok, &k->who);
    }
    if (np_before(c, lo, k->tok, &k->who)) return true;
    /* "Adelson met Trump and declared …": the subject of the first verb */
    uint32_t v = k->tok;
    while (v > lo && (word_class(c, v - 1) & W_AUX) && tok_lower_word(c, v - 1)) v--;
    if (v > lo && (tok_eq(c, v - 1, "and") || tok_eq(c, v - 1, "but")) && sentence_subject(c, b, v - 1, &k->who))
        return true;
    bool opens = k->tok == lo || tok_punct(c, k->tok - 1, ',') || (c->t[k->tok - 1].flags & TF_QUOTE);
    if (opens && np_after(c, k->tok + k->n, e, &k->who) && ends_inverted(c, k->who.e, e)) {
        k->inverted = true;   /* "…," said Asif / "…", says a report */
        return true;
    }
    /* Right after a quotation the layout alone says who speaks, whatever
     * the words: "…," a 2008 campaign veteran said / said one supporter, … */
    if (after_quote(c, k->tok, b)) {
        uint32_t s = k->tok + k->n, x = s;
        while (x < e && x < s + 12 && !tok_punct(c, x, ',') && !tok_punct(c, x, '(') && !tok_terminal(c, x) &&
               !(c->t[x].flags & TF_QUOTE))
            x++;
        if (np_phrase(c, s, x, &k->who)) {
            k->inverted = true;
            return true;
        }
    }
    uint32_t s = lo, x = k->tok;
    while (x > s && (word_class(c, x - 1) & W_AUX) && tok_lower_word(c, x - 1)) x--;
    if (s < x && tok_punct(c, s, ',')) s++;
    if (after_quote(c, s, b) && x - s <= 10 && np_phrase(c, s, x, &k->who)) return true;
    uint32_t cs = x;   /* the clause's start: after the last comma, colon or semicolon */
    while (cs > s && !tok_punct(c, cs - 1, ',') && !tok_punct(c, cs - 1, ':') && !tok_punct(c, cs - 1, ';')) cs--;
    return subject_stretch(c, cs, x, &k->who);
}

/* Where a cue's own clause starts (its speaker, or the verb when inverted). */
static uint32_t clause_start(const cue *k) { return k->inverted || k->participle ? k->tok : k->who.s; }

void speakers_for_cues(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk)
{
    for (uint32_t i = 0; i < nk; i++) {
        cue *k = &R->ks[i];
        bool had = k->participle;
        k->has_np = find_speaker(R, k, b, e, nq, i);
        if (!k->has_np) continue;
        if (!(k->participle && !had && k->sp.known)) speaker_resolve(&R->c, &k->who, &k->sp);
        k->clause_s = clause_start(k);
        speaker_remember(&R->c, &k->sp);
    }
}
