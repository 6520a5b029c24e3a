/* quotes_marks.c — quoted spans from quotation marks, and quotes without marks.
 *
 * The tokenizer marks each double quotation mark as opening or closing and
 * the sentence splitter keeps a quotation in one sentence, so pairing works
 * inside one sentence: an opening mark takes the next closing one; an
 * opening mark never closed runs to the end of the sentence (a missing mark,
 * or a quotation that goes on into the next paragraph); a closing mark with
 * no opening one, in a paragraph continuing a quotation, closes a quotation
 * begun at the paragraph start. Single
 * quotation marks inside are left as they are (nested quotes).
 *
 * Without marks, two layouts still show a quotation: a pull-quote paragraph
 * followed by an attribution line ("Asim Bajwa, Spokesperson, Pakistan
 * Army"), and a headline in the speaker's words ("No Good or Bad Taliban for
 * Us: Pakistan Army"). */
#include <string.h>

#include "nlp/quotes_internal.h"

/* Drops a trailing comma from the quoted words: "We will win," he said. */
static uint32_t trim_end(const qctx *c, uint32_t cb, uint32_t ce)
{
    while (ce > cb && (tok_punct(c, ce - 1, ',') || tok_punct(c, ce - 1, ';'))) ce--;
    return ce;
}

/* Visits the double marks only, through next_mark(). */
uint32_t find_quoted(const qctx *c, uint32_t b, uint32_t e, bool runs_on, qspan *out, uint32_t cap)
{
    uint32_t n = 0;
    for (uint32_t i = next_mark(c, b); i < e && n < cap; i = next_mark(c, i + 1)) {
        const token *t = &c->t[i];
        qspan q = {0};
        if (t->flags & TF_QOPEN) {
            uint32_t j = next_mark(c, i + 1);
            while (j < e && !(c->t[j].flags & TF_QCLOSE)) j = next_mark(c, j + 1);
            if (j > e) j = e;
            q.open = i;
            q.cb = i + 1;
            q.close = j;
            q.ce = j;
            q.unclosed = j >= e;
            i = j;
        } else if (runs_on && i > b + 2 && n == 0) {
            q.open = b;   /* a closing mark whose opening one is missing */
            q.cb = b;
            q.close = i;
            q.ce = i;
        } else {
            continue;
        }
        q.ce = trim_end(c, q.cb, q.ce);
        if (q.ce > q.cb) out[n++] = q;
    }
    return n;
}

bool attribution_line(const qctx *c, uint32_t b, uint32_t e, np *who)
{
    if (e <= b || e - b > 18) return false;
    bool dash = tok_dash(c, b);
    if (dash) b++;
    uint32_t commas = 0, words = 0, first_end = e;
    for (uint32_t i = b; i < e; i++) {
        const token *t = &c->t[i];
        if (tok_punct(c, i, ',')) {
            if (!commas) first_end = i;
            commas++;
            continue;
        }
        if (t->flags & (TF_QUOTE | TF_NUM)) return false;
        if (tok_terminal(c, i) || tok_punct(c, i, ':')) return false;
        if (t->flags & TF_WORD) {
            words++;
            /* every word capitalised, but for joins (of, for, the) */
            if (!(t->flags & (TF_CAP | TF_UPPER)) && !(word_class(c, i) & (W_LINK | W_DET)) && !tok_possessive(c, i))
                return false;
        }
    }
    if (words < 2 || (!commas && !dash)) return false;
    if (!np_after(c, b, first_end, who) || who->how != NP_NAME || who->kind == SK_GROUP) return false;
    if (who->e != first_end && who->role_e != first_end) return false;
    if (dash) return true;
    /* the chunk after the name says what the person is */
    for (uint32_t i = first_end + 1; i < e; i++)
        if (speaker_class(c, i) & (S_ROLE | S_GROUP)) return true;
    return who->role_e > who->role_s;
}

bool headline_quote(const qctx *c, uint32_t b, uint32_t e, uint32_t *colon, np *who)
{
    if (e <= b + 3 || e - b > 24 || tok_terminal(c, e - 1)) return false;
    uint32_t k = b;
    while (k < e && !tok_punct(c, k, ':')) k++;
    if (k >= e || k < b + 3 || e - k - 1 > 4) return false;
    /* the speaker's own words: a first or second person in them */
    bool first_person = false;
    for (uint32_t i = b; i < k; i++) {
        if (c->t[i].flags & TF_QUOTE) return false;
        if (word_class(c, i) & (W_I | W_WE) || tok_eq(c, i, "us") || tok_eq(c, i, "our") ||
            tok_eq(c, i, "my") || tok_eq(c, i, "me") || tok_eq(c, i, "you") || tok_eq(c, i, "your"))
            first_person = true;
    }
    if (!first_person) return false;
    if (!np_after(c, k + 1, e, who) || who->e != e || who->how == NP_PRONOUN) return false;
    *colon = k;
    return true;
}
