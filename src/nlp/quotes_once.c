/* quotes_once.c — each statement once: no two quotes of an article overlap.
 *
 * The readers of a sentence work apart — a quoted span next to its cue, the
 * clause a cue governs, a quotation taking the speaker of its paragraph — so
 * one statement can come out twice: a reported clause and the quotation
 * inside it (that is one mixed quote), a speaker's clause and a nested one
 * ("critics argue cutting subsidies will hurt the families his government
 * says it wants to help"), the same quotation under two cues. A reader
 * counting who said what must find each statement once, so after the run
 * the quotes, in text order, are merged here: of two that overlap one is
 * kept, grown to hold the other where it held part of it; of the same
 * words printed twice, the first is kept. */
#include <stdlib.h>
#include <string.h>

#include "nlp/quotes_internal.h"

static bool has_speaker(const quote *q) { return q->speaker >= 0 || q->speaker_span.end > q->speaker_span.start; }

static void take_speaker(quote *to, const quote *from)
{
    to->speaker = from->speaker;
    to->speaker_span = from->speaker_span;
    to->cue = from->cue;
}

/* A reported clause that only begins at the quotation's own opening mark
 * is the quotation with whatever the sentence reader ran on into: the
 * quotation is the statement. */
static bool starts_at_mark(const article *a, const quote *outer, const quote *direct)
{
    uint32_t s = outer->start;
    while (s < direct->start && (a->text[s] == '"' || a->text[s] == '\'' || (unsigned char)a->text[s] >= 0x80 ||
                                 a->text[s] == ' '))
        s++;
    return s == direct->start;
}

static int rank(const quote *q)
{
    return (q->kind == Q_DIRECT ? 4 : q->kind == Q_MIXED ? 2 : 0) + (has_speaker(q) ? 1 : 0);
}

/* p starts first (or at the same byte and is longer); q overlaps it.
 * Returns true when p is kept (grown or retyped as needed), false for q. */
static bool keep_first(const article *a, quote *p, quote *q)
{
    bool within = q->end <= p->end;
    if (within && q->kind == Q_DIRECT && p->kind != Q_DIRECT) {
        if (starts_at_mark(a, p, q)) return false;
        p->kind = Q_MIXED;   /* a reported clause holding quoted words */
        if (!has_speaker(p)) take_speaker(p, q);
        return true;
    }
    if (within && p->kind == Q_DIRECT) {
        if (q->kind == Q_DIRECT && has_speaker(q) && !has_speaker(p)) take_speaker(p, q);
        return true;
    }
    if (within) return true;   /* a report nested in another is part of it */
    int rp = rank(p), rq = rank(q);
    if (rp != rq) return rp > rq;
    return p->end - p->start >= q->end - q->start;
}

static int by_start_longest(const void *x, const void *y)
{
    const quote *p = x, *q = y;
    if (p->start != q->start) return p->start < q->start ? -1 : 1;
    return p->end > q->end ? -1 : p->end < q->end;
}

/* A quote's words, for sorting so the repeats of one statement lie together. */
typedef struct words_at {
    const char *p;
    uint32_t len, idx;
} words_at;

static int by_words(const void *x, const void *y)
{
    const words_at *p = x, *q = y;
    if (p->len != q->len) return p->len < q->len ? -1 : 1;
    int d = memcmp(p->p, q->p, p->len);
    if (d) return d;
    return p->idx < q->idx ? -1 : p->idx > q->idx;
}

/* An article that prints a paragraph twice (agency copy often does) holds
 * the statement once: later repeats of the same words are dropped. */
static void drop_repeats(article *a)
{
    uint32_t n = a->quotes.n;
    words_at *w = arena_alloc(&a->mem, sizeof *w * n);
    bool *drop = arena_alloc(&a->mem, sizeof *drop * n);
    for (uint32_t i = 0; i < n; i++)
        w[i] = (words_at){a->text + a->quotes.v[i].start, a->quotes.v[i].end - a->quotes.v[i].start, i};
    qsort(w, n, sizeof *w, by_words);
    for (uint32_t k = 1; k < n; k++)
        drop[w[k].idx] = w[k].len == w[k - 1].len && !memcmp(w[k].p, w[k - 1].p, w[k].len);
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++)
        if (!drop[i]) a->quotes.v[m++] = a->quotes.v[i];
    a->quotes.n = m;
}

void quotes_once(article *a)
{
    if (a->quotes.n < 2) return;
    qsort(a->quotes.v, a->quotes.n, sizeof *a->quotes.v, by_start_longest);
    uint32_t n = 1;
    for (uint32_t i = 1; i < a->quotes.n; i++) {
        quote *p = &a->quotes.v[n - 1], *q = &a->quotes.v[i];
        if (q->start >= p->end) {
            a->quotes.v[n++] = *q;
            continue;
        }
        if (!keep_first(a, p, q)) *p = *q;
    }
    a->quotes.n = n;
    drop_repeats(a);
}
