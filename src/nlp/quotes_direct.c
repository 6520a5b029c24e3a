/* quotes_direct.c — quotations attributed directly: a quoted span and its speaker.
 *
 * A quoted span is a direct quote of the cue it stands next to ("…," X said
 * / X said: "…"), of a speaker before a colon, of a name after a dash, or of
 * a name and an unlisted verb in a place only speech verbs stand ("…,"
 * Oliver barked). Whole paragraphs are quotes in three layouts: a pull-quote
 * followed by an attribution line ("Asim Bajwa, Spokesperson, Pakistan
 * Army"), an interview transcript ("PENCE: …" where the label recurs), and a
 * cue sentence split from its quotation by a question mark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

/* The cue a quoted span is next to, or -1. */
static int32_t adjacent_cue(qrun *R, const qspan *q, uint32_t e, uint32_t nk)
{
    qctx *c = &R->c;
    uint32_t after = q->close + 1;
    if (after < e && tok_punct(c, after, ',')) after++;
    if (q->close == q->ce && after == q->ce + 1 && after < e && tok_punct(c, q->ce, ',')) after = q->ce + 1;
    /* a quotation closed by a full stop ended its sentence: a cue after it
     * that goes on to report something ("…." X added: "…") is not its own */
    bool full_stop = q->ce > q->cb && tok_punct(c, q->ce - 1, '.');
    for (uint32_t i = 0; i < nk; i++) {
        cue *k = &R->ks[i];
        if (k->tok < after || !k->has_np || k->cls == CUE_BY) continue;
        if (full_stop) {
            bool that;
            uint32_t next = content_start(c, k, e, &that);
            if (next < e && !tok_terminal(c, next)) break;
        }
        uint32_t cs = k->clause_s;
        if (cs == after || cs == q->close + 1 || (q->ce < q->close && cs == q->ce + 1)) return (int32_t)i;
        /* "…," former congressman Dan Maffei said: words the phrase did not take */
        if (cs > after && cs - after <= 4 && !k->inverted && !k->participle &&
            !(word_class(c, cs) & W_DET)) {
            uint32_t x = after;
            while (x < cs && (c->t[x].flags & (TF_WORD | TF_NUM))) x++;
            if (x == cs) {
                k->who.s = after;
                k->sp.words.start = c->t[after].start;
                return (int32_t)i;
            }
        }
        break;   /* only the first cue after the quotation can be its own */
    }
    for (uint32_t i = 0; i < nk; i++) {
        cue *k = &R->ks[i];
        if (!k->has_np || k->tok > q->open) continue;
        bool that;
        uint32_t cs = content_start(c, k, e, &that);
        if (k->cls == CUE_BY) cs = k->who.e < e && tok_punct(c, k->who.e, ',') ? k->who.e + 1 : k->who.e;
        if (cs == q->open || (cs + 1 == q->open && (tok_punct(c, cs, ':') || tok_punct(c, cs, ','))))
            return (int32_t)i;
    }
    return -1;
}

/* "Asif to CNN: "…"" / "Minister Asif: "…"" — a speaker, a colon, a quotation. */
static bool colon_speaker(qrun *R, const qspan *q, uint32_t b, speaker *sp, span *cue_span)
{
    qctx *c = &R->c;
    if (q->open <= b + 1 || !tok_punct(c, q->open - 1, ':')) return false;
    np who;
    if (!np_before(c, b, q->open - 1, &who) || who.how == NP_PRONOUN || who.s != b) return false;
    speaker_resolve(c, &who, sp);
    speaker_remember(c, sp);
    *cue_span = tok_span(c, q->open - 1, q->open);
    return true;
}

/* "“…” ― Pamela Padilla": a dash and a name after the closing mark. */
static bool dash_speaker(qrun *R, const qspan *q, uint32_t e, speaker *sp, span *cue_span)
{
    qctx *c = &R->c;
    uint32_t d = q->close + 1;
    /* the splitter may have ended the sentence at the closing mark */
    for (e = d; e < c->nt && e < d + 10 && article_token_para(c->a, e) == article_token_para(c->a, q->close); e++) {}
    if (q->unclosed || d + 1 >= e || !tok_dash(c, d)) return false;
    np who;
    if (!np_after(c, d + 1, e, &who) || who.how != NP_NAME) return false;
    if (who.e < e && !tok_punct(c, who.e, ',') && !tok_terminal(c, who.e)) return false;
    speaker_resolve(c, &who, sp);
    speaker_remember(c, sp);
    *cue_span = tok_span(c, d, d + 1);
    return true;
}

/* A verb we do not list, in a place only speech verbs stand: "…," Oliver
 * barked. / Billy Joel sings, "…" — the layout is the evidence. */
static bool open_verb(const qctx *c, uint32_t v)
{
    return tok_lower_word(c, v) && !word_class(c, v) && !speaker_class(c, v);
}

static bool layout_speaker(qrun *R, const qspan *q, uint32_t b, uint32_t e, speaker *sp, span *cue_span)
{
    qctx *c = &R->c;
    np who;
    uint32_t after = q->close + 1;
    bool comma_in = q->ce < q->close && (tok_punct(c, q->ce, ',') || tok_punct(c, q->close - 1, '?') ||
                                         tok_punct(c, q->close - 1, '!'));
    if (!q->unclosed && after < e && tok_punct(c, after, ',')) { after++; comma_in = true; }
    uint32_t tail;
    if (!q->unclosed && comma_in && np_after(c, after, e, &who) && (who.how == NP_NAME || who.how == NP_PRONOUN) &&
        open_verb(c, who.e) && ((tail = skip_adverbials(c, who.e + 1, e)) >= e || tok_terminal(c, tail) ||
                                tok_punct(c, tail, ','))) {
        speaker_resolve(c, &who, sp);
        speaker_remember(c, sp);
        *cue_span = tok_span(c, who.e, who.e + 1);
        return true;
    }
    if (q->open < b + 3 || !(tok_punct(c, q->open - 1, ',') || tok_punct(c, q->open - 1, ':'))) return false;
    uint32_t v = q->open - 2;
    if (!open_verb(c, v) || !np_before(c, b, v, &who) || (who.how != NP_NAME && who.how != NP_PRONOUN)) return false;
    if (who.s != b && !tok_punct(c, who.s - 1, ',')) return false;
    speaker_resolve(c, &who, sp);
    speaker_remember(c, sp);
    *cue_span = tok_span(c, v, v + 1);
    return true;
}

/* A quoted span standing on its own is a quotation when it is long enough
 * to be speech rather than a title or a scare-quoted word. */
/* "Sunday Morning Futures", "Why Electing Her Matters": every word
 * capitalised but for short joining words. */
static bool title_like(const qctx *c, const qspan *q)
{
    uint32_t words = 0;
    for (uint32_t i = q->cb; i < q->ce; i++) {
        if (!(c->t[i].flags & TF_WORD) || tok_possessive(c, i)) continue;
        words++;
        if (!(c->t[i].flags & (TF_CAP | TF_UPPER)) && !(word_class(c, i) & (W_LINK | W_DET | W_PREP)))
            return false;
    }
    return words >= 2;
}

static bool speech_like(const qctx *c, const qspan *q, uint32_t b)
{
    uint32_t words = count_words(c, q->cb, q->ce);
    if (title_like(c, q)) return false;
    if (words >= 8) return true;
    if (words < 4) return false;
    return q->open == b || tok_terminal(c, q->ce - 1) || tok_terminal(c, q->close + 1 < c->nt ? q->close + 1 : q->close);
}

/* 'he said "budget reforms" and unpaid taxes would pay for it': quoted
 * words that open the reported clause without ending it are part of it —
 * the cue reports the clause as one mixed quote. */
static bool opens_a_clause(const qctx *c, const cue *cu, const qspan *q, uint32_t e)
{
    if (cu->tok > q->open || q->unclosed || q->ce <= q->cb || q->close + 2 >= e) return false;
    if (q->open > 0 && (tok_punct(c, q->open - 1, ':') || tok_punct(c, q->open - 1, ','))) return false;
    uint32_t last = q->ce - 1;
    if (tok_terminal(c, last) || tok_punct(c, last, ',')) return false;
    return tok_lower_word(c, q->close + 1) && tok_lower_word(c, q->close + 2);
}

void attach_direct(qrun *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk)
{
    qctx *c = &R->c;
    for (uint32_t i = 0; i < nq; i++) {
        qspan *q = &R->qs[i];
        /* a title in quotation marks ("Sunday Morning Futures") is no speech */
        int32_t k = title_like(c, q) ? -1 : adjacent_cue(R, q, e, nk);
        if (k >= 0 && opens_a_clause(c, &R->ks[k], q, e)) continue;
        if (k >= 0) {
            cue *cu = &R->ks[k];
            cu->attached = true;
            q->used = true;
            /* This is a "raw time," said X: the quoted words are part of a
             * clause begun before the mark, which is what X said */
            uint32_t lo = left_limit(R->qs, i, b, q->open);
            if (cu->tok > q->close && q->open > lo && has_words(c, lo, q->open, 1) &&
                !tok_punct(c, q->open - 1, ':') && !tok_punct(c, q->open - 1, ',')) {
                quote_emit(R, Q_MIXED, tok_span(c, lo, q->ce < q->close ? q->close + 1 : q->ce), &cu->sp, cue_bytes(c, cu));
                continue;
            }
            quote_emit(R, Q_DIRECT, tok_span(c, q->cb, q->ce), &cu->sp, cue_bytes(c, cu));
            continue;
        }
        speaker sp;
        span cs;
        if (colon_speaker(R, q, b, &sp, &cs) || dash_speaker(R, q, e, &sp, &cs) ||
            (speech_like(c, q, b) && layout_speaker(R, q, b, e, &sp, &cs))) {
            q->used = true;
            quote_emit(R, Q_DIRECT, tok_span(c, q->cb, q->ce), &sp, cs);
        }
    }
}

void leftover_quotes(qrun *R, uint32_t b, uint32_t nq)
{
    qctx *c = &R->c;
    for (uint32_t i = 0; i < nq; i++) {
        qspan *q = &R->qs[i];
        if (q->used || !speech_like(c, q, b)) continue;
        quote_pending(R, quote_emit(R, Q_DIRECT, tok_span(c, q->cb, q->ce), NULL, (span){0, 0}));
    }
}

/* "“Is it over?” Obama asked in an interview." split after the question
 * mark: a sentence that is only a cue gives its speaker to the quotation
 * just before it. */
void attach_back(qrun *R, uint32_t b, uint32_t e, uint32_t nk)
{
    qctx *c = &R->c;
    article *a = c->a;
    if (!nk || !R->npending || b == 0) return;
    cue *k = &R->ks[0];
    if (!k->has_np || k->cls == CUE_BY || k->clause_s != b || !k->sp.known) return;
    bool that;
    uint32_t cs = content_start(c, k, e, &that);
    /* nothing reported after the verb but a short phrase: "… to a crowd of 500." */
    if (cs < e && !tok_terminal(c, cs)) {
        if (!(tok_eq(c, cs, "to") || (word_class(c, cs) & (W_PREP | W_LINK))) || e - cs > 9 ||
            !tok_terminal(c, e - 1))
            return;
    }
    const token *mark = &c->t[b - 1];
    if (!(mark->flags & TF_QCLOSE) || article_token_para(c->a, b - 1) != article_token_para(c->a, b)) return;
    quote *q = &a->quotes.v[R->pending[R->npending - 1]];
    if (q->end > mark->start || q->end + 4 < mark->start) return;
    q->speaker = k->sp.entity;
    q->speaker_span = k->sp.name.end ? k->sp.name : k->sp.words;
    q->cue = cue_bytes(c, k);
    R->last_attr = (int32_t)R->pending[R->npending - 1];
    R->npending--;
    k->attached = true;
}

void pull_quote(qrun *R, uint32_t tb, uint32_t te, uint32_t lb, uint32_t le, const np *who,
                       const sentence *s0, const sentence *s1)
{
    qctx *c = &R->c;
    speaker sp;
    speaker_resolve(c, who, &sp);
    span line = tok_span(c, lb, le);
    uint32_t found = 0;
    for (const sentence *s = s0; s < s1; s++) {
        uint32_t nq = find_quoted(c, s->tok, s->tok + s->ntok, false, R->qs, R->cap);
        for (uint32_t i = 0; i < nq; i++, found++)
            quote_emit(R, Q_DIRECT, tok_span(c, R->qs[i].cb, R->qs[i].ce), &sp, line);
    }
    if (!found) quote_emit(R, Q_DIRECT, tok_span(c, tb, te), &sp, line);
    speaker_remember(c, &sp);
}

/* "PENCE: Well, look, …" — the end of a speaker label at the start of
 * paragraph tokens [b, e), or 0. */
static uint32_t label_end(const qctx *c, uint32_t b, uint32_t e)
{
    if (b < e && (c->t[b].flags & TF_QUOTE)) b++;
    uint32_t k = b;
    while (k < e && k < b + 3 && (c->t[k].flags & TF_WORD) && (c->t[k].flags & (TF_CAP | TF_UPPER))) k++;
    if (k == b || k >= e || !tok_punct(c, k, ':') || !has_words(c, k + 1, e, 3)) return 0;
    return k;
}

static bool same_words(const qctx *c, uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2)
{
    if (e1 - b1 != e2 - b2) return false;
    for (uint32_t i = 0; i < e1 - b1; i++) {
        const token *x = &c->t[b1 + i], *y = &c->t[b2 + i];
        if (tok_end(x) - x->start != tok_end(y) - y->start ||
            strncasecmp(c->a->text + x->start, c->a->text + y->start, tok_end(x) - x->start) != 0)
            return false;
    }
    return true;
}

/* A speaker label is one that heads another paragraph close by: interview
 * transcripts alternate their speakers, while a dateline ("KABUL:") comes once. */
static bool label_repeats(const qctx *c, uint32_t si, uint32_t lb, uint32_t le)
{
    const article *a = c->a;
    uint16_t para = article_token_para(c->a, a->sents.v[si].tok);
    for (uint32_t s = si + 1, seen = 0; s < a->sents.n && seen < 40; s++, seen++) {
        uint32_t b = a->sents.v[s].tok, e = b + a->sents.v[s].ntok;
        if (!(c->t[b].flags & TF_PARA)) continue;
        if (article_token_para(c->a, b) > para + 12) break;
        uint32_t k = label_end(c, b, e);
        uint32_t s0 = (c->t[b].flags & TF_QUOTE) ? b + 1 : b;
        if (k && same_words(c, lb, le, s0, k)) return true;
    }
    for (uint32_t s = si; s > 0 && si - s < 40; s--) {
        uint32_t b = a->sents.v[s - 1].tok, e = b + a->sents.v[s - 1].ntok;
        if (!(c->t[b].flags & TF_PARA)) continue;
        uint32_t k = label_end(c, b, e);
        uint32_t s0 = (c->t[b].flags & TF_QUOTE) ? b + 1 : b;
        if (k && same_words(c, lb, le, s0, k)) return true;
    }
    return false;
}

bool transcript_turn(qrun *R, uint32_t si, uint32_t sj, uint32_t tb, uint32_t te)
{
    qctx *c = &R->c;
    uint32_t k = label_end(c, tb, c->a->sents.v[si].tok + c->a->sents.v[si].ntok);
    if (!k) return false;
    uint32_t lb = (c->t[tb].flags & TF_QUOTE) ? tb + 1 : tb;
    np who;
    if (!np_after(c, lb, k, &who) || who.e != k || who.how == NP_PRONOUN || !label_repeats(c, si, lb, k))
        return false;
    speaker sp;
    speaker_resolve(c, &who, &sp);
    uint32_t ce = te;
    while (ce > k + 1 && (c->t[ce - 1].flags & TF_QUOTE)) ce--;
    quote_emit(R, Q_DIRECT, tok_span(c, k + 1, ce), &sp, tok_span(c, k, k + 1));
    speaker_remember(c, &sp);
    R->last_attr_para = article_token_para(c->a, tb);
    (void)sj;
    return true;
}
