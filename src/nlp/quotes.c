/* quotes.c — the quotes step: who said what, as direct, indirect and mixed quotes.
 *
 * One pass over the paragraphs, one sentence at a time:
 *   1. quoted spans from the quotation marks (quotes_marks.c);
 *   2. cues outside them: reporting verbs, "according to" (quotes_cues.c),
 *      each with the phrase naming its speaker (speakers.c);
 *   3. a quoted span next to a cue ("…," X said / X said: "…") is a direct
 *      quote of that speaker; a cue with no such span reports the clause it
 *      governs (indirect), or a clause holding a quoted fragment (mixed);
 *   4. a quoted span with no cue of its own takes the speaker of the nearest
 *      attributed quote in its paragraph, else of the previous paragraph
 *      (a quotation running on over paragraphs).
 * Paragraphs without marks are checked for a pull-quote layout (quote, then
 * an attribution line) and for headline quotes. The article title is not
 * part of the text, so a headline quote is found only where the headline is
 * repeated in the text (a subhead). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

/* --- resources ------------------------------------------------------------------ */

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
    free(r);
}

/* --- one run ---------------------------------------------------------------------- */

typedef struct run {
    qctx c;
    qspan *qs;            /* scratch, sized for the longest sentence */
    cue *ks;
    uint32_t cap;
    uint32_t *pending;    /* quotes waiting for a speaker */
    uint32_t npending, pending_cap;
    uint32_t para_q0;     /* first quote of the current paragraph */
    int32_t last_attr;    /* last quote with a speaker, or -1 */
    uint32_t last_attr_para;
    bool runs_on;         /* the previous paragraph ended inside a quotation */
    bool continuing;      /* … so this one continues it */
    bool lead;            /* the previous paragraph ended "X said:" … */
    quote lead_q;         /* … and this holds X and the cue */
    uint16_t lead_para;
} run;

static span bytes(const qctx *c, uint32_t b, uint32_t e)
{
    span s = {0, 0};
    if (e > b) {
        s.start = c->t[b].start;
        s.end = c->t[e - 1].end;
    }
    return s;
}

static uint32_t emit(run *R, uint8_t kind, span content, const speaker *sp, span cue_span)
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

static void push_pending(run *R, uint32_t idx)
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

/* --- cues in a sentence ------------------------------------------------------------ */

static bool inside_quote(const qspan *qs, uint32_t nq, uint32_t i)
{
    for (uint32_t k = 0; k < nq; k++)
        if (i >= qs[k].open && i <= qs[k].close) return true;
    return false;
}

/* Leftmost token a speaker phrase before token i may use: not across a
 * quotation. (An earlier verb stops a phrase by itself; a cue inside an
 * aside — "Petrilli, who thinks …, called" — must not hide the speaker.) */
static uint32_t left_limit(const qspan *qs, uint32_t nq, uint32_t b, uint32_t i)
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
        if (!tok_punct(c, i, ',') || !cue_at(c, i + 1, e, k)) {
            if (!tok_punct(c, i, ',')) continue;
            np who;
            /* ", Asif said." — find the verb after a short phrase */
            if (!np_after(c, i + 1, e, &who) || who.how != NP_NAME || !cue_at(c, who.e, e, k)) continue;
        }
        uint32_t after = skip_adverbials(c, k->tok + k->n, e);
        if (after < e && !tok_terminal(c, after)) continue;
        q->ce = i;
        q->unclosed = false;
        return true;
    }
    return false;
}

static void find_cues(run *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t *nk)
{
    qctx *c = &R->c;
    *nk = 0;
    for (uint32_t i = b; i < e && *nk < R->cap; i++) {
        if (inside_quote(R->qs, nq, i)) continue;
        cue k;
        if (cue_at(c, i, e, &k)) {
            R->ks[(*nk)++] = k;
            i += k.n - 1;
        }
    }
    for (uint32_t q = 0; q < nq && *nk < R->cap; q++) {
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
    if (i > b && tok_punct(c, i - 1, ',')) i--;
    return i > b && (c->t[i - 1].flags & TF_QCLOSE);
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
        if (np_after(c, p, end, &x) && x.e < end && x.how != NP_NONE && !(x.pron & W_IT) &&
            (x.how == NP_NAME || x.how == NP_PRONOUN || speaker_class(c, x.e - 1)) &&
            tok_lower_word(c, x.e) && !(word_class(c, x.e) & (W_PREP | W_THAT | W_REL | W_LINK))) {
            *who = x;   /* the nearest clause before the participle */
            found = true;
        }
    }
    return found;
}

static bool find_speaker(run *R, cue *k, uint32_t b, uint32_t e, uint32_t nq, uint32_t idx)
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
                if (R->ks[p - 1].has_np) {
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
    return false;
}

/* Where a cue's own clause starts (its speaker, or the verb when inverted). */
static uint32_t clause_start(const cue *k) { return k->inverted || k->participle ? k->tok : k->who.s; }

static void speakers_for_cues(run *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk)
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

/* --- direct quotes ---------------------------------------------------------------- */

static span cue_bytes(const qctx *c, const cue *k)
{
    return bytes(c, k->tok, k->tok + k->n);
}

/* The cue a quoted span is next to, or -1. */
static int32_t adjacent_cue(run *R, const qspan *q, uint32_t e, uint32_t nk)
{
    qctx *c = &R->c;
    uint32_t after = q->close + 1;
    if (after < e && tok_punct(c, after, ',')) after++;
    if (q->close == q->ce && after == q->ce + 1 && after < e && tok_punct(c, q->ce, ',')) after = q->ce + 1;
    for (uint32_t i = 0; i < nk; i++) {
        cue *k = &R->ks[i];
        if (k->tok < after || !k->has_np || k->cls == CUE_BY) continue;
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
static bool colon_speaker(run *R, const qspan *q, uint32_t b, speaker *sp, span *cue_span)
{
    qctx *c = &R->c;
    if (q->open <= b + 1 || !tok_punct(c, q->open - 1, ':')) return false;
    np who;
    if (!np_before(c, b, q->open - 1, &who) || who.how == NP_PRONOUN || who.s != b) return false;
    speaker_resolve(c, &who, sp);
    speaker_remember(c, sp);
    *cue_span = bytes(c, q->open - 1, q->open);
    return true;
}

static bool is_dash(const qctx *c, uint32_t i)
{
    const char *s = c->a->text + c->t[i].start;
    uint32_t n = c->t[i].end - c->t[i].start;
    return (n == 1 && *s == '-') || (n == 2 && !memcmp(s, "--", 2)) ||
           (n == 3 && (!memcmp(s, "\xE2\x80\x93", 3) || !memcmp(s, "\xE2\x80\x94", 3) ||
                       !memcmp(s, "\xE2\x80\x95", 3)));
}

/* "“…” ― Pamela Padilla": a dash and a name after the closing mark. */
static bool dash_speaker(run *R, const qspan *q, uint32_t e, speaker *sp, span *cue_span)
{
    qctx *c = &R->c;
    uint32_t d = q->close + 1;
    /* the splitter may have ended the sentence at the closing mark */
    for (e = d; e < c->nt && e < d + 10 && c->t[e].para == c->t[q->close].para; e++) {}
    if (q->unclosed || d + 1 >= e || !is_dash(c, d)) return false;
    np who;
    if (!np_after(c, d + 1, e, &who) || who.how != NP_NAME) return false;
    if (who.e < e && !tok_punct(c, who.e, ',') && !tok_terminal(c, who.e)) return false;
    speaker_resolve(c, &who, sp);
    speaker_remember(c, sp);
    *cue_span = bytes(c, d, d + 1);
    return true;
}

/* A verb we do not list, in a place only speech verbs stand: "…," Oliver
 * barked. / Billy Joel sings, "…" — the layout is the evidence. */
static bool open_verb(const qctx *c, uint32_t v)
{
    return tok_lower_word(c, v) && !word_class(c, v) && !speaker_class(c, v);
}

static bool layout_speaker(run *R, const qspan *q, uint32_t b, uint32_t e, speaker *sp, span *cue_span)
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
        *cue_span = bytes(c, who.e, who.e + 1);
        return true;
    }
    if (q->open < b + 3 || !(tok_punct(c, q->open - 1, ',') || tok_punct(c, q->open - 1, ':'))) return false;
    uint32_t v = q->open - 2;
    if (!open_verb(c, v) || !np_before(c, b, v, &who) || (who.how != NP_NAME && who.how != NP_PRONOUN)) return false;
    if (who.s != b && !tok_punct(c, who.s - 1, ',')) return false;
    speaker_resolve(c, &who, sp);
    speaker_remember(c, sp);
    *cue_span = bytes(c, v, v + 1);
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

static void attach_direct(run *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk)
{
    qctx *c = &R->c;
    for (uint32_t i = 0; i < nq; i++) {
        qspan *q = &R->qs[i];
        /* a title in quotation marks ("Sunday Morning Futures") is no speech */
        int32_t k = title_like(c, q) ? -1 : adjacent_cue(R, q, e, nk);
        if (k >= 0) {
            cue *cu = &R->ks[k];
            cu->attached = true;
            q->used = true;
            /* This is a "raw time," said X: the quoted words are part of a
             * clause begun before the mark, which is what X said */
            uint32_t lo = left_limit(R->qs, i, b, q->open);
            if (cu->tok > q->close && q->open > lo && count_words(c, lo, q->open) >= 1 &&
                !tok_punct(c, q->open - 1, ':') && !tok_punct(c, q->open - 1, ',')) {
                emit(R, Q_MIXED, bytes(c, lo, q->ce < q->close ? q->close + 1 : q->ce), &cu->sp, cue_bytes(c, cu));
                continue;
            }
            emit(R, Q_DIRECT, bytes(c, q->cb, q->ce), &cu->sp, cue_bytes(c, cu));
            continue;
        }
        speaker sp;
        span cs;
        if (colon_speaker(R, q, b, &sp, &cs) || dash_speaker(R, q, e, &sp, &cs) ||
            (speech_like(c, q, b) && layout_speaker(R, q, b, e, &sp, &cs))) {
            q->used = true;
            emit(R, Q_DIRECT, bytes(c, q->cb, q->ce), &sp, cs);
        }
    }
}

/* --- indirect and mixed ------------------------------------------------------------ */

static bool ends_clause(const qctx *c, uint32_t i, uint32_t e)
{
    return i >= e || tok_terminal(c, i) || (i + 1 == e && (c->t[i].flags & TF_QUOTE));
}

static void set_layout(const qctx *c, cue *k, uint32_t b, uint32_t e)
{
    k->layout = CL_FORWARD;
    if (k->participle || k->cls == CUE_BY) return;
    uint32_t cs = k->clause_s;
    if (cs <= b + 1 || !tok_punct(c, cs - 1, ',') || count_words(c, b, cs - 1) < 1) return;
    uint32_t after = skip_adverbials(c, k->inverted ? k->who.e : k->tok + k->n, e);
    if (ends_clause(c, after, e)) k->layout = CL_TRAILING;
    else if (tok_punct(c, after, ',')) k->layout = count_words(c, b, cs - 1) <= 4 ? CL_PARENTHETICAL : CL_TRAILING;
}

/* The quoted span lying inside [cb, ce), if any. */
static qspan *quote_within(run *R, uint32_t nq, uint32_t cb, uint32_t ce)
{
    for (uint32_t i = 0; i < nq; i++)
        if (R->qs[i].open >= cb && R->qs[i].close <= ce && !R->qs[i].used) return &R->qs[i];
    return NULL;
}

static void content_span(run *R, cue *k, uint32_t idx, uint32_t nk, uint32_t b, uint32_t e, bool *that)
{
    qctx *c = &R->c;
    *that = false;
    uint32_t lo = b;
    for (uint32_t p = 0; p < idx; p++)
        if (R->ks[p].has_np && R->ks[p].layout != CL_TRAILING) lo = b;
    switch (k->layout) {
    case CL_TRAILING:
        k->cb = lo;
        k->ce = k->clause_s - 1;
        break;
    case CL_PARENTHETICAL:
        k->cb = b;
        k->ce = e;
        break;
    default:
        if (k->cls == CUE_BY) {
            bool front = k->tok == b || tok_punct(c, k->tok - 1, ',') == false;
            if (!front || (k->tok > b && tok_punct(c, k->tok - 1, ','))) {
                k->cb = b;            /* "…, according to X." */
                k->ce = k->tok - 1;
            } else {
                uint32_t s = k->who.e;
                if (s < e && tok_punct(c, s, ',')) s++;
                k->cb = s;
                k->ce = e;
            }
            *that = true;
            break;
        }
        k->cb = content_start(c, k, e, that);
        k->ce = e;
        /* up to the next cue's own clause: ", adding that" / ", a report said" */
        for (uint32_t n = idx + 1; n < nk; n++) {
            const cue *x = &R->ks[n];
            if (!x->has_np || x->clause_s <= k->cb) continue;
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

/* "According to the report, Asif said …": a cue with a speaker of its own
 * opens this one's content; the report only relays what Asif said. */
static bool relays(run *R, uint32_t i, uint32_t nk)
{
    const cue *k = &R->ks[i];
    if (k->cb < k->tok) return false;   /* "…, according to X": X is the source */
    for (uint32_t n = 0; n < nk; n++) {
        const cue *x = &R->ks[n];
        if (n != i && x->has_np && !x->participle && x->clause_s == k->cb) return true;
    }
    return false;
}

static bool same_speaker(const speaker *x, const speaker *y)
{
    if (x->entity >= 0 && x->entity == y->entity) return true;
    return x->name.end && x->name.start == y->name.start && x->name.end == y->name.end;
}

static void report_indirect(run *R, uint32_t b, uint32_t e, uint32_t nq, uint32_t nk)
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
        if (k->ce <= k->cb || count_words(c, k->cb, k->ce) < 3) continue;
        /* "said before he died", "said on CBS": a clause of time or a place,
         * not what was said ("asked about the deal" stays) */
        if (!that && k->layout == CL_FORWARD && !k->participle && (word_class(c, k->cb) & (W_SUB | W_LOC)) &&
            !(tok_eq(c, k->cb, "to") && tok_lower_word(c, k->cb + 1) && !word_class(c, k->cb + 1)))   /* vowed to act */
            continue;
        /* content must not swallow a quotation already given to a cue */
        qspan *frag = quote_within(R, nq, k->cb, k->ce);
        bool colon = k->cb > 0 && tok_punct(c, k->cb - 1, ':');
        if (k->cls == CUE_THAT && !that && !frag && !colon) continue;
        if (k->cls == CUE_QUOTE && !frag) continue;
        for (uint32_t q = 0; q < nq; q++)
            if (R->qs[q].open >= k->cb && R->qs[q].close <= k->ce) R->qs[q].used = true;
        emit(R, frag ? Q_MIXED : Q_INDIRECT, bytes(c, k->cb, k->ce), &k->sp, cue_bytes(c, k));
        reported = reported || (!k->participle && k->layout == CL_FORWARD);
        if (k->layout == CL_FORWARD && k->cls != CUE_BY) outer = k;
    }
}

static void leftover_quotes(run *R, uint32_t b, uint32_t nq)
{
    qctx *c = &R->c;
    for (uint32_t i = 0; i < nq; i++) {
        qspan *q = &R->qs[i];
        if (q->used || !speech_like(c, q, b)) continue;
        push_pending(R, emit(R, Q_DIRECT, bytes(c, q->cb, q->ce), NULL, (span){0, 0}));
    }
}

/* "“Is it over?” Obama asked in an interview." split after the question
 * mark: a sentence that is only a cue gives its speaker to the quotation
 * just before it. */
static void attach_back(run *R, uint32_t b, uint32_t e, uint32_t nk)
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
    if (!(mark->flags & TF_QCLOSE) || mark->para != c->t[b].para) return;
    quote *q = &a->quotes.v[R->pending[R->npending - 1]];
    if (q->end > mark->start || q->end + 4 < mark->start) return;
    q->speaker = k->sp.entity;
    q->speaker_span = k->sp.name.end ? k->sp.name : k->sp.words;
    q->cue = cue_bytes(c, k);
    R->last_attr = (int32_t)R->pending[R->npending - 1];
    R->npending--;
    k->attached = true;
}

/* "Caddell continued:" closing a paragraph introduces the next one. */
static void lead_in(run *R, uint32_t e, uint32_t nk)
{
    qctx *c = &R->c;
    if (!tok_punct(c, e - 1, ':')) return;
    for (uint32_t i = nk; i > 0; i--) {
        const cue *k = &R->ks[i - 1];
        if (!k->has_np || k->attached || !k->sp.known) continue;
        bool that;
        if (content_start(c, k, e, &that) < e) continue;
        R->lead = true;
        R->lead_para = c->t[e - 1].para;
        memset(&R->lead_q, 0, sizeof R->lead_q);
        R->lead_q.speaker = k->sp.entity;
        R->lead_q.speaker_span = k->sp.name.end ? k->sp.name : k->sp.words;
        R->lead_q.cue = cue_bytes(c, k);
        return;
    }
}

static void process_sentence(run *R, const sentence *s)
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

/* --- paragraphs ---------------------------------------------------------------------- */

/* Gives quotes with no cue the speaker of the nearest attributed quote in the
 * paragraph, else of the previous paragraph's last one. */
static void resolve_pending(run *R, uint16_t para, bool closes_chain, bool led)
{
    article *a = R->c.a;
    uint32_t keep = 0;
    for (uint32_t p = 0; p < R->npending; p++) {
        quote *q = &a->quotes.v[R->pending[p]];
        const quote *best = NULL;
        bool this_para = R->pending[p] >= R->para_q0;
        if (this_para) {
            for (uint32_t i = R->para_q0; i < a->quotes.n; i++) {
                const quote *x = &a->quotes.v[i];
                if (!attributed(x)) continue;
                if (x->start < q->start && (!best || best->start > q->start || x->start > best->start)) best = x;
                else if (!best && x->start > q->start) best = x;
            }
            if (!best && led) best = &R->lead_q;
            if (!best && R->last_attr >= 0 && (uint32_t)R->last_attr < R->para_q0 &&
                R->last_attr_para + 1 == para)
                best = &a->quotes.v[R->last_attr];
        } else if (closes_chain) {
            for (uint32_t i = R->para_q0; i < a->quotes.n && !best; i++)
                if (attributed(&a->quotes.v[i])) best = &a->quotes.v[i];
        }
        if (best) copy_speaker(q, best);
        else if (this_para) R->pending[keep++] = R->pending[p];
    }
    R->npending = keep;
}

static void pull_quote(run *R, uint32_t tb, uint32_t te, uint32_t lb, uint32_t le, const np *who,
                       const sentence *s0, const sentence *s1)
{
    qctx *c = &R->c;
    speaker sp;
    speaker_resolve(c, who, &sp);
    span line = bytes(c, lb, le);
    uint32_t found = 0;
    for (const sentence *s = s0; s < s1; s++) {
        uint32_t nq = find_quoted(c, s->tok, s->tok + s->ntok, false, R->qs, R->cap);
        for (uint32_t i = 0; i < nq; i++, found++)
            emit(R, Q_DIRECT, bytes(c, R->qs[i].cb, R->qs[i].ce), &sp, line);
    }
    if (!found) emit(R, Q_DIRECT, bytes(c, tb, te), &sp, line);
    speaker_remember(c, &sp);
}

static uint32_t para_end_sentence(const article *a, uint32_t si)
{
    uint16_t para = a->tokens.v[a->sents.v[si].tok].para;
    uint32_t sj = si;
    while (sj < a->sents.n && a->tokens.v[a->sents.v[sj].tok].para == para) sj++;
    return sj;
}

static bool has_marks(const qctx *c, uint32_t b, uint32_t e)
{
    for (uint32_t i = b; i < e; i++)
        if ((c->t[i].flags & TF_QUOTE) && !(c->t[i].flags & TF_SQUOTE)) return true;
    return false;
}

/* "PENCE: Well, look, …" — the end of a speaker label at the start of
 * paragraph tokens [b, e), or 0. */
static uint32_t label_end(const qctx *c, uint32_t b, uint32_t e)
{
    if (b < e && (c->t[b].flags & TF_QUOTE)) b++;
    uint32_t k = b;
    while (k < e && k < b + 3 && (c->t[k].flags & TF_WORD) && (c->t[k].flags & (TF_CAP | TF_UPPER))) k++;
    if (k == b || k >= e || !tok_punct(c, k, ':') || count_words(c, k + 1, e) < 3) return 0;
    return k;
}

static bool same_words(const qctx *c, uint32_t b1, uint32_t e1, uint32_t b2, uint32_t e2)
{
    if (e1 - b1 != e2 - b2) return false;
    for (uint32_t i = 0; i < e1 - b1; i++) {
        const token *x = &c->t[b1 + i], *y = &c->t[b2 + i];
        if (x->end - x->start != y->end - y->start ||
            strncasecmp(c->a->text + x->start, c->a->text + y->start, x->end - x->start) != 0)
            return false;
    }
    return true;
}

/* A speaker label is one that heads another paragraph close by: interview
 * transcripts alternate their speakers, while a dateline ("KABUL:") comes once. */
static bool label_repeats(const qctx *c, uint32_t si, uint32_t lb, uint32_t le)
{
    const article *a = c->a;
    uint16_t para = c->t[a->sents.v[si].tok].para;
    for (uint32_t s = si + 1, seen = 0; s < a->sents.n && seen < 40; s++, seen++) {
        uint32_t b = a->sents.v[s].tok, e = b + a->sents.v[s].ntok;
        if (!(c->t[b].flags & TF_PARA)) continue;
        if (c->t[b].para > para + 12) break;
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

static bool transcript_turn(run *R, uint32_t si, uint32_t sj, uint32_t tb, uint32_t te)
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
    emit(R, Q_DIRECT, bytes(c, k + 1, ce), &sp, bytes(c, k, k + 1));
    speaker_remember(c, &sp);
    R->last_attr_para = c->t[tb].para;
    (void)sj;
    return true;
}

/* Processes the paragraph of sentences [si, sj); returns the first sentence
 * after what it used (an attribution line is used with its quote). */
static uint32_t process_paragraph(run *R, uint32_t si, uint32_t sj)
{
    qctx *c = &R->c;
    article *a = c->a;
    const sentence *sv = a->sents.v;
    uint32_t tb = sv[si].tok, te = sv[sj - 1].tok + sv[sj - 1].ntok;
    uint16_t para = c->t[tb].para;
    R->para_q0 = a->quotes.n;
    bool chained = R->runs_on;
    R->runs_on = false;
    R->continuing = chained;
    bool led = R->lead && R->lead_para + 1 == para;
    R->lead = false;
    if (led && !has_marks(c, tb, te)) {   /* a block quotation after "X said:" */
        uint32_t idx = emit(R, Q_DIRECT, bytes(c, tb, te), NULL, (span){0, 0});
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
        if (count_words(c, tb, te) >= 5 && attribution_line(c, lb, le, &who)) {
            pull_quote(R, tb, te, lb, le, &who, &sv[si], &sv[sj]);
            R->last_attr_para = c->t[lb].para;
            return sk;
        }
    }
    uint32_t colon;
    np who;
    if (sj == si + 1 && !has_marks(c, tb, te) && headline_quote(c, tb, te, &colon, &who)) {
        speaker sp;
        speaker_resolve(c, &who, &sp);
        emit(R, Q_DIRECT, bytes(c, tb, colon), &sp, bytes(c, colon, colon + 1));
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

static int by_start(const void *x, const void *y)
{
    const quote *p = x, *q = y;
    return p->start < q->start ? -1 : p->start > q->start;
}

void quotes_run(const quotes_res *r, article *a)
{
    a->quotes.n = 0;
    if (!a->sents.n) return;
    run R = {0};
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
    if (!R.qs || !R.ks) abort();
    for (uint32_t si = 0; si < a->sents.n;) {
        uint32_t sj = para_end_sentence(a, si);
        si = process_paragraph(&R, si, sj);
    }
    if (a->quotes.n > 1) qsort(a->quotes.v, a->quotes.n, sizeof *a->quotes.v, by_start);
    free(R.qs);
    free(R.ks);
    free(R.pending);
}
