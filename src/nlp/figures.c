/* figures.c — the figures step: numbers an article reports and what they count.
 *
 * Looks only at tokens that can open a number (digits, number words, "a" before
 * a scale), reads the quantity there (numbers.c), drops what is not a count —
 * dates and years, times of day, ages, labels such as "Section 144", the
 * pronoun "one" — and reads the measure from the words around it
 * (figures_measure.c). Money and percentages carry their unit as measure.
 * Figures are left unlinked (event = -1): the events step links them.
 *
 * Choices a reader should know: vague quantities get the least value their
 * words allow and approx = true ("dozens" 24, "scores of" 40, "hundreds" 200,
 * "thousands" 2000); "Rs" and "rupees" are the rupee of the country the
 * article names most (INR when none); money is in units of the currency
 * ("$1.13bn" = 1130000000, "12 cts" = 0.12). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nlp/figures_internal.h"

/* Words that open a number ("nine", "dozens", "tens of thousands") go into the
 * filter number_may_start() reads. */
static void note_number_word(void *ctx, const char *key, size_t n, const char *value)
{
    figures_res *r = ctx;
    if ((*value >= '0' && *value <= '9') || *value == '~') {
        size_t len = strcspn(key, " ");
        filter_add(r->number_words, key, len);
        if (len) {
            uint16_t k = filter_head(key, len);
            r->number_heads[k >> 6] |= 1ULL << (k & 63);
        }
    }
}

/* The last words of tolls ("death toll", "number of dead") go into a filter,
 * so the look back for a toll runs only where one may end. */
static void note_toll_word(void *ctx, const char *key, size_t n, const char *value)
{
    figures_res *r = ctx;
    const char *places = strchr(value, ' ');
    if (!places || !memchr(places + 1, 't', strcspn(places + 1, " "))) return;
    size_t last = n;
    while (last > 0 && key[last - 1] != ' ') last--;
    filter_add(r->toll_words, key + last, n - last);
}

figures_res *figures_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    figures_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    char path[3][4096];
    snprintf(path[0], sizeof path[0], "%s/nlp/numbers.txt", datadir);
    snprintf(path[1], sizeof path[1], "%s/nlp/currencies.txt", datadir);
    snprintf(path[2], sizeof path[2], "%s/nlp/measures.txt", datadir);
    if (!table_load(&r->numbers, path[0], note_number_word, r, err, errlen) ||
        !table_load(&r->currencies, path[1], NULL, NULL, err, errlen) ||
        !table_load(&r->measures, path[2], note_toll_word, r, err, errlen)) {
        figures_free(r);
        return NULL;
    }
    r->numbers.id = 1;
    r->currencies.id = 2;
    r->measures.id = 3;
    return r;
}

void figures_free(figures_res *r)
{
    if (!r) return;
    table_free(&r->numbers);
    table_free(&r->currencies);
    table_free(&r->measures);
    free(r);
}

/* --- strings for the output ----------------------------------------------------- */

/* Measures and units as static strings where they are common, so most figures
 * share them; others are copied into the article. */
typedef struct known_word { const char *s; size_t n; } known_word;
#define KNOWN(s) {s, sizeof s - 1}

static const char *intern(article *a, const char *s, size_t n)
{
    static const known_word common[] = {
        KNOWN("killed"), KNOWN("injured"), KNOWN("arrested"), KNOWN("executed"), KNOWN("attacks"),
        KNOWN("militants"), KNOWN("soldiers"), KNOWN("people"), KNOWN("casualties"), KNOWN("money"),
        KNOWN("percent"), KNOWN("person"), KNOWN("USD"), KNOWN("GBP"), KNOWN("EUR"), KNOWN("INR"),
        KNOWN("PKR"), KNOWN("year"), KNOWN("day"), KNOWN("month")};
    if (!s) return NULL;
    for (size_t i = 0; i < sizeof common / sizeof *common; i++)
        if (common[i].n == n && memcmp(common[i].s, s, n) == 0) return common[i].s;
    return arena_strndup(&a->mem, s, n);
}

/* How often the article names word (a currency's country). */
static size_t mentions(const article *a, const char *word, size_t n)
{
    size_t count = 0;
    const char *p = a->text, *end = a->text + a->len;
    while (n && (p = memmem(p, (size_t)(end - p), word, n)) != NULL) {
        count++;
        p += n;
    }
    return count;
}

/* Remembers, per article, which code an ambiguous sign resolved to, by the
 * sign's list of choices (Rs, Rs. and rupees share one). Resolving counts
 * words over the whole text, so it must happen once per list and article,
 * not once per figure: the cache holds more lists than data/nlp/currencies.txt
 * has, and past that a list takes its first code rather than a new count. */
typedef struct resolved { const char *field; size_t len; const char *code; } resolved;
typedef struct run_ctx {
    resolved cache[32];
    unsigned ncache;
    previous prev;
} run_ctx;

/* "INR:India|PKR:Pakistan|..." → the code whose word the article names most, the first on ties. */
static const char *resolve_currency(article *a, run_ctx *cx, const char *field, size_t len)
{
    if (!memchr(field, ':', len)) return intern(a, field, len);
    for (unsigned i = 0; i < cx->ncache; i++)
        if (cx->cache[i].len == len && (cx->cache[i].field == field || !memcmp(cx->cache[i].field, field, len)))
            return cx->cache[i].code;
    if (cx->ncache == sizeof cx->cache / sizeof *cx->cache)
        return intern(a, field, (size_t)((const char *)memchr(field, ':', len) - field));
    const char *best = field, *p = field, *end = field + len;
    size_t best_len = 0, best_count = 0;
    while (p < end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        if (!bar) bar = end;
        const char *colon = memchr(p, ':', (size_t)(bar - p));
        size_t code_len = colon ? (size_t)(colon - p) : (size_t)(bar - p);
        size_t count = colon ? mentions(a, colon + 1, (size_t)(bar - colon - 1)) : 0;
        if (best_len == 0 || count > best_count) {
            best = p;
            best_len = code_len;
            best_count = count;
        }
        p = bar + 1;
    }
    const char *code = intern(a, best, best_len);
    cx->cache[cx->ncache++] = (resolved){field, len, code};
    return code;
}

/* --- which numbers are figures --------------------------------------------------- */

static const char *number_word(const figures_res *r, const window *w, uint32_t i)
{
    return i >= w->lo && i < w->hi ? tok_get(&r->numbers, w, i) : NULL;
}

/* "Dec 16", "16 December", "December 17, 2014". */
static bool in_date(const figures_res *r, const window *w, const quantity *q)
{
    uint32_t n = 0;
    const char *v = phrase_back(&r->numbers, w, q->first, 2, &n);
    if (field_is(v, "month") && (tok_at(w, q->first - n)->flags & TF_CAP)) return true;
    v = phrase_fwd(&r->numbers, w, q->end, 2, &n);
    if (field_is(v, "month") && (tok_at(w, q->end)->flags & TF_CAP)) return true;
    return false;
}

/* "aged 12", "No. 10", "10 am", "a 12-year-old", "an 8-hour siege", "a 7,000-strong force". */
static bool is_label(const figures_res *r, const window *w, const quantity *q)
{
    uint32_t n = 0;
    if (field_is(phrase_back(&r->numbers, w, q->first, 3, &n), "not-before")) return true;
    if (field_is(phrase_fwd(&r->numbers, w, q->end, 2, &n), "not-after")) return true;
    if (tok_is(w, q->end, '-') && tok_touch(w, q->end - 1) && tok_touch(w, q->end) &&
        (tok_at(w, q->end + 1)->flags & TF_WORD))
        return true;
    /* "Mr Mousa, 28, a receptionist": an age in apposition */
    if (q->first >= w->lo + 2 && tok_is(w, q->first - 1, ',') && (tok_is(w, q->end, ',') || tok_is(w, q->end, '-')) &&
        (tok_at(w, q->first - 2)->flags & TF_CAP) && q->end == q->first + 1 && q->value < 130)
        return true;
    /* "1." opening a list item */
    if ((tok_at(w, q->first)->flags & TF_SENT) && q->end == q->first + 1 && (tok_is(w, q->end, '.') || tok_is(w, q->end, ')')))
        return true;
    return false;
}

/* A small whole number right after a capitalised word and counting nothing is
 * part of a name: "Boeing 737", "Article 370", "Apollo 11" (not "Net 1,545,160"
 * or "Revs 25.2 mln" in a results table). */
static bool in_name(const figures_res *r, const window *w, const quantity *q, const reading *rd)
{
    if (q->first == w->lo || rd->has_noun || q->currency || q->percent || q->approx) return false;
    if (q->end != q->first + 1 || !(tok_at(w, q->first)->flags & TF_NUM) || q->value >= 10000) return false;
    if (memchr(tok_text(w, q->first), '.', tok_len(w, q->first))) return false;
    uint32_t p = q->first - 1;
    const token *t = tok_at(w, p);
    if (!(t->flags & TF_WORD) || !(t->flags & TF_CAP)) return false;
    return !number_word(r, w, p) && !measure_word(r, w, p);
}

/* What no reading of the words around can make a figure: dates, labels, bare years. */
static bool plainly_not_figure(const figures_res *r, const window *w, const quantity *q)
{
    if (q->currency || q->percent) return isnan(q->value) || isinf(q->value);
    if (in_date(r, w, q) || is_label(r, w, q)) return true;
    /* a bare year ("in 2014") counts only people right behind it ("2000 people") */
    return q->yearlike && !person_noun_at(r, w, q->end);
}

static bool is_figure(const figures_res *r, const window *w, const quantity *q, const reading *rd)
{
    if (q->currency || q->percent) return true;
    if (in_name(r, w, q, rd)) return false;
    if (q->yearlike && !(rd->noun_end && rd->unit && !strncmp(rd->unit, "person", 6))) return false;
    if (q->in_words && q->value == 1) {   /* "one" is a count only when it counts something */
        uint32_t n;
        if (!rd->measure && !rd->noun_end) return false;
        if (field_is(phrase_back(&r->numbers, w, q->first, 1, &n), "not-before-one")) return false;
    }
    return true;
}

/* --- the step ---------------------------------------------------------------------- */

static bool person_measure(const reading *rd)
{
    static const known_word people[] = {KNOWN("killed"), KNOWN("injured"), KNOWN("arrested"),
                                        KNOWN("executed"), KNOWN("casualties"), KNOWN("militants"),
                                        KNOWN("soldiers"), KNOWN("people")};
    if (!rd->measure) return false;
    for (size_t i = 0; i < sizeof people / sizeof *people; i++)
        if (people[i].n == rd->measure_len && !memcmp(people[i].s, rd->measure, rd->measure_len)) return true;
    return false;
}

static void add_figure(article *a, const window *w, const quantity *q, const reading *rd, run_ctx *cx)
{
    uint32_t last = (rd->noun_end > q->end ? rd->noun_end : q->end) - 1;
    figure *f = ARENA_PUSH(&a->mem, a->figures);
    f->start = tok_at(w, q->first)->start;
    f->end = tok_end(tok_at(w, last));
    f->value = q->value;
    f->high = q->high;
    f->approx = q->approx;
    f->measure = intern(a, rd->measure, rd->measure_len);
    if (q->currency) f->unit = resolve_currency(a, cx, q->currency, q->currency_len);
    else if (rd->unit) f->unit = intern(a, rd->unit, rd->unit_len);
    else if (person_measure(rd)) f->unit = "person";
    f->event = -1;
}

static void sentence_figures(const figures_res *r, article *a, const sentence *s, uint16_t *bits,
                             phrase_memo *memo, run_ctx *cx)
{
    window w = {a, s->tok, s->tok + s->ntok, bits, memo};
    cx->prev.set = false;
    uint32_t floor = w.lo;
    for (uint32_t i = w.lo; i < w.hi; i++) {
        if (!number_may_start(r, &w, i)) continue;
        quantity q;
        if (!quantity_read(r, &w, i, &q)) continue;
        if (q.first < floor) q.first = floor;   /* a modifier already read as part of the figure before */
        reading rd;
        if (!plainly_not_figure(r, &w, &q) && (measure_read(r, &w, &q, &cx->prev, &rd), is_figure(r, &w, &q, &rd))) {
            add_figure(a, &w, &q, &rd, cx);
            cx->prev = (previous){true, rd.noun_end > q.end ? rd.noun_end : q.end, rd};
        }
        floor = q.end;
        i = q.end - 1;
    }
}

void figures_run(const figures_res *r, article *a)
{
    run_ctx cx;
    memset(&cx, 0, sizeof cx);
    a->figures.n = 0;
    if (!a->tokens.n) return;
    /* working memory, given back when done: not in the article's arena */
    uint16_t *bits = malloc(a->tokens.n * sizeof *bits);
    if (!bits) abort();
    memset(bits, 0xFF, a->tokens.n * sizeof *bits);   /* FILTER_UNSET */
    phrase_memo memo;
    memset(memo.key, 0, sizeof memo.key);
    for (uint32_t si = 0; si < a->sents.n; si++) sentence_figures(r, a, &a->sents.v[si], bits, &memo, &cx);
    free(bits);
}
