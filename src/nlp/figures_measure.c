/* figures_measure.c — what a number counts, read from the words around it.
 *
 * The words are in data/nlp/measures.txt, each with the places it may stand
 * in. What happens to the counted people beats who they are: a verb right
 * before the number ("killed 132 schoolchildren"), a predicate after its noun
 * phrase ("516 soldiers had also been killed", "left 141 people, mostly
 * children, dead"), a toll before it ("the death toll rose to 150"), or the
 * verb of a figure it is coordinated with ("... and nine staff") — before
 * the counted noun itself ("seven militants"). A counted thing ("100 attacks",
 * "ten years") is what it is whatever the verb ("executed 100 attacks").
 * Every look stays inside the sentence and a few tokens from the number. */
#include <string.h>
#include <strings.h>

#include "nlp/figures_internal.h"

/* An entry of measures.txt: "killed ab person" → measure, places, unit. */
typedef struct mword {
    const char *measure; size_t measure_len;   /* measure_len 0 for "-" */
    const char *places; size_t places_len;
    const char *unit; size_t unit_len;
} mword;

static bool mword_parse(const char *v, mword *m)
{
    memset(m, 0, sizeof *m);
    if (!v) return false;
    const char *sp = strchr(v, ' ');
    if (!sp) return false;
    m->measure = v;
    m->measure_len = (size_t)(sp - v);
    if (m->measure_len == 1 && v[0] == '-') m->measure_len = 0;
    m->places = sp + 1;
    const char *sp2 = strchr(m->places, ' ');
    m->places_len = sp2 ? (size_t)(sp2 - m->places) : strlen(m->places);
    if (sp2) {
        m->unit = sp2 + 1;
        m->unit_len = strlen(m->unit);
    }
    return true;
}

static bool at(const mword *m, char place) { return memchr(m->places, place, m->places_len) != NULL; }

static bool mword_fwd(const figures_res *r, const window *w, uint32_t i, mword *m, uint32_t *n)
{
    return mword_parse(phrase_fwd(&r->measures, w, i, 4, n), m);
}

static bool mword_back(const figures_res *r, const window *w, uint32_t end, mword *m, uint32_t *n)
{
    return mword_parse(phrase_back(&r->measures, w, end, 4, n), m);
}

bool measure_word(const figures_res *r, const window *w, uint32_t i)
{
    return tok_get(&r->measures, w, i) != NULL;
}

bool person_noun_at(const figures_res *r, const window *w, uint32_t i)
{
    mword m;
    return i < w->hi && mword_parse(tok_get(&r->measures, w, i), &m) && at(&m, 'n');
}

static bool is_punct(const window *w, uint32_t i) { return (tok_at(w, i)->flags & TF_PUNCT) != 0; }

/* --- after the number ------------------------------------------------------------ */

/* What follows the number in its clause. */
typedef struct ahead {
    mword pred, noun;
    bool has_pred, has_noun, noun_is_thing;
    uint32_t noun_end;    /* token after a noun right behind the number, or 0 */
    unsigned stray;       /* words the table does not know, before the noun or predicate */
    bool anaphor;         /* "of them": the counted noun was named before */
} ahead;

/* A short aside between commas or brackets: ", mostly children," — the token
 * after it, or 0. */
static uint32_t aside_end(const window *w, uint32_t j)
{
    char close = tok_is(w, j, '(') ? ')' : ',';
    for (uint32_t k = j + 1; k < w->hi && k <= j + 8; k++) {
        if (tok_is(w, k, close)) return k > j + 1 ? k + 1 : 0;
        if (is_punct(w, k)) return 0;
    }
    return 0;
}

/* "and nine", ", 30": a coordinated number sharing the predicate; the token after it, or 0. */
static uint32_t coordinated_end(const figures_res *r, const window *w, uint32_t j)
{
    mword m;
    uint32_t n = 1;
    if (!tok_is(w, j, ',') && !(mword_fwd(r, w, j, &m, &n) && at(&m, 'c') && !at(&m, 'p'))) return 0;
    quantity q;
    if (j + n >= w->hi || !number_may_start(r, w, j + n) || !quantity_read(r, w, j + n, &q)) return 0;
    return q.currency || q.percent ? 0 : q.end;
}

static void look_ahead(const figures_res *r, const window *w, uint32_t start, ahead *ah)
{
    memset(ah, 0, sizeof *ah);
    bool glued = false, aside = false, relative = false;
    uint32_t j = start;
    for (unsigned steps = 0; j < w->hi && steps < 16; steps++) {
        uint32_t n = 1, k;
        mword m;
        if ((k = coordinated_end(r, w, j)) != 0) { j = k; continue; }
        if (is_punct(w, j)) {
            if (!aside && (tok_is(w, j, ',') || tok_is(w, j, '(')) && (k = aside_end(w, j)) != 0) {
                aside = true;
                j = k;
                continue;
            }
            return;
        }
        if (mword_fwd(r, w, j, &m, &n)) {
            if (at(&m, 'a') && m.measure_len) {
                if (relative && !glued && at(&m, 'b')) return;   /* "747 which killed 520" */
                ah->pred = m;
                ah->has_pred = true;
                return;
            }
            if (at(&m, 'n') || at(&m, 'N')) {
                if (!ah->has_noun && !glued) {
                    ah->noun = m;
                    ah->has_noun = true;
                    ah->noun_is_thing = at(&m, 'N');
                    if (!aside) ah->noun_end = j + n;
                    if (ah->noun_is_thing) return;
                }
                j += n;
                continue;
            }
            if (at(&m, 's')) return;
            if (at(&m, 'r')) {
                relative = true;
                j += n;
                continue;
            }
            if (at(&m, 'p') && j == start) ah->anaphor = true;
            if (at(&m, 'f')) {
                glued = true;
                j += n;
                continue;
            }
            if (at(&m, 'c')) return;   /* another clause: "trapped 44 miners and killed one" */
        }
        /* "20 of the militants": the noun phrase goes on after "of", past the
         * whole it is part of ("32 of the 543 passengers"). */
        if (j == start && tok_len(w, j) == 2 && !strncmp(tok_text(w, j), "of", 2)) {
            j++;
            continue;
        }
        if (j <= start + 2 && j > start && (tok_at(w, j)->flags & TF_NUM) && tok_len(w, start) == 2 &&
            !strncmp(tok_text(w, start), "of", 2)) {
            j++;
            continue;
        }
        if (glued || relative || ah->has_noun || ah->stray >= 2) return;
        ah->stray++;
        j++;
    }
}

/* --- before the number ----------------------------------------------------------- */

/* "killed 132", "arrested more than 300", "killed another 20": a verb right
 * before the number, past a determiner or two. */
static bool verb_before(const figures_res *r, const window *w, uint32_t first, mword *m)
{
    uint32_t k = first, n;
    mword d;
    for (int dets = 0; dets < 2 && mword_back(r, w, k, &d, &n) && at(&d, 'd') && !d.measure_len; dets++) k -= n;
    return mword_back(r, w, k, m, &n) && at(m, 'b') && m->measure_len;
}

/* "the death toll rose to 150", "the death toll from the attack stood at 150". */
static bool toll_before(const figures_res *r, const window *w, uint32_t first, mword *m)
{
    uint32_t k = first, lo = first > w->lo + 10 ? first - 10 : w->lo;
    bool maybe = false;
    for (uint32_t i = lo; i < first && !maybe; i++) maybe = tok_in(r->toll_words, w, i);
    if (!maybe) return false;
    unsigned unknown = 0;
    for (unsigned steps = 0; k > w->lo && steps < 10; steps++) {
        uint32_t n;
        if (mword_back(r, w, k, m, &n)) {
            if (at(m, 't') && m->measure_len) return true;
            if (m->measure_len) return false;
            if (at(m, 'l')) {
                k -= n;
                /* "rose from 100 to 150": pass the earlier number */
                if (k >= w->lo + 2 && (tok_at(w, k - 1)->flags & TF_NUM) && tok_len(w, k - 2) == 4 &&
                    !strncmp(tok_text(w, k - 2), "from", 4))
                    k -= 2;
                continue;
            }
        }
        if (tok_is(w, k - 1, ':') && unknown == 0) { k--; continue; }
        if (is_punct(w, k - 1) || (tok_at(w, k - 1)->flags & TF_NUM) || ++unknown > 4) return false;
        k--;
    }
    return false;
}

/* "between 7,000 and 8,000 of them": the nearest counted people named earlier. */
static bool noun_before(const figures_res *r, const window *w, uint32_t first, mword *m)
{
    uint32_t lo = first > w->lo + 24 ? first - 24 : w->lo;
    for (uint32_t k = first; k > lo; k--) {
        if (!(tok_at(w, k - 1)->flags & TF_WORD)) continue;
        const char *v = tok_get(&r->measures, w, k - 1);
        if (mword_parse(v, m) && at(m, 'n') && m->measure_len) return true;
    }
    return false;
}

/* "killed 132 schoolchildren and nine staff", "20 people, 12 of them children":
 * the number follows a figure read from a verb, across a comma or a joining word. */
static bool shares_previous(const figures_res *r, const window *w, const quantity *q, const previous *prev)
{
    if (!prev->set || !prev->rd.from_verb || prev->end > q->first || q->first - prev->end > 4) return false;
    uint32_t k = prev->end, words = 0;
    bool joined = false;
    while (k < q->first) {
        uint32_t n = 1;
        mword m;
        if (tok_is(w, k, ',')) joined = true;
        else if (mword_fwd(r, w, k, &m, &n) && at(&m, 'c') && k + n <= q->first) joined = true;
        else if (joined || is_punct(w, k) || ++words > 2) return false;
        k += n;
    }
    return joined;
}

/* "a mother of 12", "father to two boys": the number counts someone's
 * relatives, whatever happens to that someone. */
static bool counts_relatives(const figures_res *r, const window *w, uint32_t first)
{
    if (first < w->lo + 2 || !(tok_at(w, first - 1)->flags & TF_WORD)) return false;
    uint32_t n = tok_len(w, first - 1);
    const char *t = tok_text(w, first - 1);
    if (!((n == 2 && !strncasecmp(t, "of", 2)) || (n == 2 && !strncasecmp(t, "to", 2)))) return false;
    mword m;
    return mword_parse(tok_get(&r->measures, w, first - 2), &m) && at(&m, 'k');
}

/* "two of the three victims died": the second number is the whole the
 * first is part of; what happened is the part's. */
static bool counts_whole(const figures_res *r, const window *w, uint32_t first)
{
    uint32_t k = first;
    if (k > w->lo && tok_len(w, k - 1) == 3 && !strncasecmp(tok_text(w, k - 1), "the", 3)) k--;
    if (k <= w->lo + 1 || tok_len(w, k - 1) != 2 || strncasecmp(tok_text(w, k - 1), "of", 2)) return false;
    return number_may_start(r, w, k - 2);
}

/* --- the reading ------------------------------------------------------------------ */

static void take(reading *rd, const mword *m)
{
    rd->measure = m->measure_len ? m->measure : NULL;
    rd->measure_len = m->measure_len;
    if (m->unit) {
        rd->unit = m->unit;
        rd->unit_len = m->unit_len;
    }
}

void measure_read(const figures_res *r, const window *w, const quantity *q, const previous *prev, reading *rd)
{
    memset(rd, 0, sizeof *rd);
    if (q->currency) {
        rd->measure = "money";
        rd->measure_len = 5;
        return;
    }
    if (q->percent) {
        rd->measure = rd->unit = "percent";
        rd->measure_len = rd->unit_len = 7;
        return;
    }
    if (counts_relatives(r, w, q->first) || counts_whole(r, w, q->first)) return;
    ahead ah;
    look_ahead(r, w, q->end, &ah);
    rd->noun_end = ah.noun_end;
    rd->has_noun = ah.has_noun || ah.has_pred;
    if (ah.has_noun && ah.noun_is_thing) {
        take(rd, &ah.noun);
        return;
    }
    /* "executed two contracts": some verbs count people only when nothing else is named */
    bool people = ah.has_noun || ah.stray == 0;
    mword m;
    if (verb_before(r, w, q->first, &m) && (people || !at(&m, 'v'))) {
        take(rd, &m);
        rd->from_verb = true;
    } else if (ah.has_pred && (people || !at(&ah.pred, 'v'))) {
        take(rd, &ah.pred);
    } else if (shares_previous(r, w, q, prev)) {
        *rd = prev->rd;
        rd->noun_end = ah.noun_end;
        rd->has_noun = true;
    } else if (toll_before(r, w, q->first, &m)) take(rd, &m);
    else if (ah.has_noun) take(rd, &ah.noun);
    else if (ah.anaphor && noun_before(r, w, q->first, &m)) take(rd, &m);
    if (ah.has_noun && ah.noun.unit) {
        rd->unit = ah.noun.unit;
        rd->unit_len = ah.noun.unit_len;
    }
}
