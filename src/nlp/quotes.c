/* quotes.c — the quotes step: who said what, as direct, indirect and mixed quotes.
 *
 * One pass over the paragraphs, one sentence at a time:
 *   1. quoted spans from the quotation marks (quotes_marks.c);
 *   2. cues outside them — reporting verbs, "according to" — each with the
 *      phrase naming its speaker (quotes_attrib.c, speakers.c), resolved to
 *      an entity or an earlier speaker (quotes_resolve.c);
 *   3. a quoted span next to a cue ("…," X said / X said: "…") is a direct
 *      quote of that speaker (quotes_direct.c); a cue with no such span
 *      reports the clause it governs: indirect, or mixed when the clause
 *      holds a quoted fragment (quotes_indirect.c);
 *   4. a quoted span with no cue of its own takes the speaker of the nearest
 *      attributed quote in its paragraph, else of the previous paragraph
 *      (a quotation running on over paragraphs) — here.
 * Paragraphs are also read whole for layouts without a cue verb: pull-quotes
 * with an attribution line, headline quotes, interview transcripts, and a
 * paragraph introduced by "X said:". The article title is not part of the
 * text, so a headline quote is found only where the headline is repeated in
 * the text (a subhead). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

quotes_res *quotes_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    quotes_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/reporting-verbs.txt", datadir);
    if (!quotes_load_verbs(r, path, err, errlen) || !quotes_load_words(r, datadir, err, errlen)) {
        quotes_free(r);
        return NULL;
    }
    return r;
}

void quotes_free(quotes_res *r)
{
    if (!r) return;
    wordmap_free(r->verbs);
    wordmap_free(r->words);
    wordmap_free(r->speakers);
    wordmap_free(r->sexes);
    free(r);
}

/* The speaker_span printed as "speaker_mention" is the name the speaker's
 * words resolve to where one is known (a pronoun's or role noun's
 * antecedent, so a reader sees who "he" is), else the words at the cue;
 * "speaker" is the entity, or -1 when no entity is known. */
uint32_t quote_emit(qrun *R, uint8_t kind, span content, const speaker *sp, span cue_span)
{
    article *a = R->c.a;
    quote *q = ARENA_PUSH(&a->mem, a->quotes);
    q->start = content.start;
    q->end = content.end;
    q->kind = kind;
    q->speaker = -1;
    q->cue = cue_span;
    if (sp && sp->known) {
        q->speaker = sp->entity;
        q->speaker_span = sp->name.end ? sp->name : sp->words;
    }
    uint32_t idx = a->quotes.n - 1;
    if (sp && sp->known) R->last_attr = (int32_t)idx;
    return idx;
}

void quote_pending(qrun *R, uint32_t idx)
{
    if (R->npending == R->pending_cap) {
        R->pending_cap = R->pending_cap ? R->pending_cap * 2 : 16;
        R->pending = realloc(R->pending, R->pending_cap * sizeof *R->pending);
        if (!R->pending) abort();
    }
    R->pending[R->npending++] = idx;
}

static bool attributed(const quote *q) { return q->speaker >= 0 || q->speaker_span.end > q->speaker_span.start; }

static void copy_speaker(quote *to, const quote *from)
{
    to->speaker = from->speaker;
    to->speaker_span = from->speaker_span;
    to->cue = from->cue;
}

/* "Caddell continued:" closing a paragraph introduces the next one. */
static void lead_in(qrun *R, uint32_t e, uint32_t nk)
{
    qctx *c = &R->c;
    if (!tok_punct(c, e - 1, ':')) return;
    for (uint32_t i = nk; i > 0; i--) {
        const cue *k = &R->ks[i - 1];
        if (!k->has_np || k->attached || !k->sp.known) continue;
        bool that;
        if (content_start(c, k, e, &that) < e) continue;
        R->lead = true;
        R->lead_para = article_token_para(c->a, e - 1);
        memset(&R->lead_q, 0, sizeof R->lead_q);
        R->lead_q.speaker = k->sp.entity;
        R->lead_q.speaker_span = k->sp.name.end ? k->sp.name : k->sp.words;
        R->lead_q.cue = cue_bytes(c, k);
        return;
    }
}

static void process_sentence(qrun *R, const sentence *s)
{
    qctx *c = &R->c;
    uint32_t b = s->tok, e = s->tok + s->ntok;
    subject_remember(c, b, e);
    bool runs_on = R->continuing && (c->t[b].flags & TF_PARA);
    uint32_t nq = find_quoted(c, b, e, runs_on, R->qs, R->cap), nk;
    find_cues(R, b, e, nq, &nk);
    speakers_for_cues(R, b, e, nq, nk);
    attach_back(R, b, e, nk);
    attach_direct(R, b, e, nq, nk);
    report_indirect(R, b, e, nq, nk);
    leftover_quotes(R, b, nq);
    lead_in(R, e, nk);
}

/* Gives quotes with no cue the speaker (and cue) of the nearest attributed
 * quote in the paragraph, else of the previous paragraph's last one. */
/* The paragraph's attributed quotes by start (ties in list order), and for
 * each position the earliest listed of those from there on: a pending quote
 * then finds its nearest attributed one by binary search, where a scan of
 * the paragraph per quote was quadratic in a paragraph of thousands. */
typedef struct attr_index {
    uint32_t *start, *idx, *first_after;
    uint32_t n;
} attr_index;

static int by_start_then_index(const void *x, const void *y)
{
    const uint32_t *p = x, *q = y;
    return p[0] != q[0] ? (p[0] < q[0] ? -1 : 1) : (p[1] > q[1]) - (p[1] < q[1]);
}

static attr_index index_attributed(article *a, uint32_t q0)
{
    attr_index ix = {0};
    uint32_t cap = a->quotes.n - q0, (*pairs)[2] = arena_alloc(&a->mem, sizeof *pairs * (cap ? cap : 1));
    for (uint32_t i = q0; i < a->quotes.n; i++)
        if (attributed(&a->quotes.v[i])) {
            pairs[ix.n][0] = a->quotes.v[i].start;
            pairs[ix.n++][1] = i;
        }
    if (ix.n > 1) qsort(pairs, ix.n, sizeof *pairs, by_start_then_index);
    ix.start = arena_alloc(&a->mem, sizeof *ix.start * (ix.n + 1));
    ix.idx = arena_alloc(&a->mem, sizeof *ix.idx * (ix.n + 1));
    ix.first_after = arena_alloc(&a->mem, sizeof *ix.first_after * (ix.n + 1));
    ix.first_after[ix.n] = UINT32_MAX;
    for (uint32_t k = ix.n; k-- > 0;) {
        ix.start[k] = pairs[k][0];
        ix.idx[k] = pairs[k][1];
        ix.first_after[k] = ix.idx[k] < ix.first_after[k + 1] ? ix.idx[k] : ix.first_after[k + 1];
    }
    return ix;
}

/* The attributed quote nearest before `start` (the first listed of those
 * starting there), else the first listed that starts after it. */
static const quote *nearest_attributed(const article *a, const attr_index *ix, uint32_t start)
{
    uint32_t lo = article_first_from(ix->start, ix->n, sizeof *ix->start, start);
    if (lo > 0) {
        uint32_t k = lo - 1;
        while (k > 0 && ix->start[k - 1] == ix->start[lo - 1]) k--;
        return &a->quotes.v[ix->idx[k]];
    }
    while (lo < ix->n && ix->start[lo] == start) lo++;
    return ix->first_after[lo] == UINT32_MAX ? NULL : &a->quotes.v[ix->first_after[lo]];
}

static void resolve_pending(qrun *R, uint16_t para, bool closes_chain, bool led)
{
    article *a = R->c.a;
    uint32_t keep = 0;
    attr_index ix = {0};
    if (R->npending && R->pending[R->npending - 1] >= R->para_q0) ix = index_attributed(a, R->para_q0);
    for (uint32_t p = 0; p < R->npending; p++) {
        quote *q = &a->quotes.v[R->pending[p]];
        const quote *best = NULL;
        bool this_para = R->pending[p] >= R->para_q0;
        if (this_para) {
            bool after_prev = R->last_attr >= 0 && (uint32_t)R->last_attr < R->para_q0 && R->last_attr_para + 1 == para;
            best = nearest_attributed(a, &ix, q->start);
            /* A quotation before any speaker of its own takes no speaker from
             * a later one introduced anew ("X added: "…"", "X said …"): that is
             * someone else's turn. At a paragraph's start it goes on from the
             * previous paragraph's speaker. */
            if (best && best->start > q->start && best->cue.end && best->cue.end <= best->start)
                best = NULL;
            if (!best && led) best = &R->lead_q;
            if (!best && after_prev) best = &a->quotes.v[R->last_attr];
        } else if (closes_chain) {
            for (uint32_t i = R->para_q0; i < a->quotes.n && !best; i++)
                if (attributed(&a->quotes.v[i])) best = &a->quotes.v[i];
        }
        if (best) copy_speaker(q, best);
        else if (this_para) R->pending[keep++] = R->pending[p];
    }
    R->npending = keep;
}

static uint32_t para_end_sentence(const article *a, uint32_t si)
{
    uint16_t para = article_token_para(a, a->sents.v[si].tok);
    uint32_t sj = si;
    while (sj < a->sents.n && article_token_para(a, a->sents.v[sj].tok) == para) sj++;
    return sj;
}

static bool has_marks(const qctx *c, uint32_t b, uint32_t e) { return next_mark(c, b) < e; }

/* Processes the paragraph of sentences [si, sj); returns the first sentence
 * after what it used (an attribution line is used with its quote). */
static uint32_t process_paragraph(qrun *R, uint32_t si, uint32_t sj)
{
    qctx *c = &R->c;
    article *a = c->a;
    const sentence *sv = a->sents.v;
    uint32_t tb = sv[si].tok, te = sv[sj - 1].tok + sv[sj - 1].ntok;
    uint16_t para = article_token_para(c->a, tb);
    R->para_q0 = a->quotes.n;
    bool chained = R->runs_on;
    R->runs_on = false;
    R->continuing = chained;
    bool led = R->lead && R->lead_para + 1 == para;
    R->lead = false;
    if (led && !has_marks(c, tb, te)) {   /* a block quotation after "X said:" */
        uint32_t idx = quote_emit(R, Q_DIRECT, tok_span(c, tb, te), NULL, (span){0, 0});
        copy_speaker(&a->quotes.v[idx], &R->lead_q);
        R->last_attr = (int32_t)idx;
        R->last_attr_para = para;
        return sj;
    }
    if (transcript_turn(R, si, sj, tb, te)) return sj;

    if (sj < a->sents.n) {
        uint32_t sk = para_end_sentence(a, sj);
        uint32_t lb = sv[sj].tok, le = sv[sk - 1].tok + sv[sk - 1].ntok;
        np who;
        if (has_words(c, tb, te, 5) && attribution_line(c, lb, le, &who)) {
            pull_quote(R, tb, te, lb, le, &who, &sv[si], &sv[sj]);
            R->last_attr_para = article_token_para(c->a, lb);
            return sk;
        }
    }
    uint32_t colon;
    np who;
    if (sj == si + 1 && !has_marks(c, tb, te) && headline_quote(c, tb, te, &colon, &who)) {
        speaker sp;
        speaker_resolve(c, &who, &sp);
        quote_emit(R, Q_DIRECT, tok_span(c, tb, colon), &sp, tok_span(c, colon, colon + 1));
        return sj;
    }
    for (uint32_t s = si; s < sj; s++) process_sentence(R, &sv[s]);
    resolve_pending(R, para, chained, led);
    if (R->last_attr >= 0 && (uint32_t)R->last_attr >= R->para_q0) R->last_attr_para = para;
    /* an opening mark never closed in the paragraph: the quotation goes on */
    uint32_t nq = find_quoted(c, sv[sj - 1].tok, te, false, R->qs, R->cap);
    R->runs_on = nq && R->qs[nq - 1].unclosed;
    return sj;
}

static bool is_double_mark(uint16_t f) { return (f & TF_QUOTE) && !(f & TF_SQUOTE); }

void quotes_run(const quotes_res *r, article *a)
{
    a->quotes.n = 0;
    if (!a->sents.n) return;
    qrun R = {0};
    R.c.r = r;
    R.c.a = a;
    R.c.t = a->tokens.v;
    R.c.nt = a->tokens.n;
    R.last_attr = -1;
    for (uint32_t i = 0; i < a->sents.n; i++)
        if (a->sents.v[i].ntok > R.cap) R.cap = a->sents.v[i].ntok;
    R.cap += 1;
    R.qs = malloc(R.cap * sizeof *R.qs);
    R.ks = malloc(R.cap * sizeof *R.ks);
    uint32_t nclasses = 16;
    while (nclasses < QC_CLASS_CACHE && nclasses < a->tokens.n) nclasses *= 2;
    R.c.class_mask = nclasses - 1;
    R.c.classes = malloc(nclasses * sizeof *R.c.classes);
    if (R.c.classes)
        for (uint32_t i = 0; i < nclasses; i++) R.c.classes[i] = (tok_class){UINT32_MAX, 0};
    for (uint32_t i = 0; i < a->tokens.n; i++) R.c.nmarks += is_double_mark(a->tokens.v[i].flags);
    R.c.marks = malloc((R.c.nmarks + 1) * sizeof *R.c.marks);
    if (!R.qs || !R.ks || !R.c.classes || !R.c.marks) abort();
    R.c.nmarks = 0;
    for (uint32_t i = 0; i < a->tokens.n; i++)
        if (is_double_mark(a->tokens.v[i].flags)) R.c.marks[R.c.nmarks++] = i;
    for (uint32_t si = 0; si < a->sents.n;) {
        uint32_t sj = para_end_sentence(a, si);
        si = process_paragraph(&R, si, sj);
    }
    quotes_once(a);
    free(R.qs);
    free(R.ks);
    free(R.c.classes);
    free(R.c.marks);
    free(R.pending);
}
