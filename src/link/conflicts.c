/* conflicts.c — when two articles' figures for one event disagree.
 *
 * A figure is read as the range of values it allows: "more than 300" is 300
 * and up, "about 25" a tenth either side, "nearly 150" somewhat below 150, a
 * range its ends; an amount in words ("dozens", "hundreds") that many and
 * up, so it never contradicts a count; an exact round number allows rounding (150 is 147 to 153,
 * but not 141). Each article's own figure is the value most of its
 * statements support (parts in one sentence, "132 children and nine
 * staff", add up to one statement). Two articles conflict when their ranges
 * do not meet and neither's figure is a sum of the other's parts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "link/internal.h"

/* How far an exact value may be from the truth by rounding: a round number
 * of 100 or more (150, 2,000) by a fiftieth of itself, at most half its last
 * rounded digit; large sums of money by half a percent. */
static double rounding(double v)
{
    double a = fabs(v);
    if (a < 100) return 0;
    if (a == floor(a) && fmod(a, 10) == 0) {
        double unit = 10;
        while (fmod(a, unit * 10) == 0 && unit * 10 <= a) unit *= 10;
        double tol = a * 0.02;
        return tol < unit / 2 ? tol : unit / 2;
    }
    return a >= 1e6 ? a * 0.005 : 0;
}

/* The bound word the figure's text starts with ("more than", "about"), or NULL. */
static const char *bound_of(const link_res *r, const char *text)
{
    const char *best = NULL;
    size_t best_len = 0;
    size_t n = strlen(text);
    /* entries are at most four words: try every prefix ending at a word end */
    for (size_t i = 1; i <= n && i < 40; i++) {
        if (i < n && text[i] != ' ') continue;
        const char *v = wordmap_get(r->bounds, text, i);
        if (v && i > best_len) {
            best = v;
            best_len = i;
        }
    }
    return best;
}

fig_range figure_range(const link_res *r, const char *text, double value, double high, bool approx)
{
    fig_range g = {value, value, value};
    if (!isnan(high) && high > value) {
        g.hi = high;
        return g;
    }
    const char *bound = text ? bound_of(r, text) : NULL;
    if (!bound && approx && text && !strpbrk(text, "0123456789")) bound = "lower";   /* "dozens", "hundreds": at least */
    if (!bound && approx) bound = "about";
    if (!bound) {
        double tol = rounding(value);
        g.lo = value - tol;
        g.hi = value + tol;
    } else if (!strcmp(bound, "lower")) {
        g.hi = INFINITY;
    } else if (!strcmp(bound, "upper")) {
        g.lo = value * 0.85;
    } else if (!strcmp(bound, "upto")) {
        g.lo = 0;
    } else {
        g.lo = value * 0.9;
        g.hi = value * 1.1;
    }
    return g;
}

bool ranges_agree(fig_range a, fig_range b) { return a.lo <= b.hi && b.lo <= a.hi; }

static bool parts_add_up(const double *parts, int n, fig_range range);

/* The article's other figures, which may be parts of a total: those its own
 * figure does not cover. Its own figure counts as a part too, unless other
 * parts add up to it (then it is a total itself: 141 = 132 + 9). */
static void collect_parts(const fig_item *items, size_t n, art_figure *out)
{
    out->nparts = 0;
    for (size_t i = 0; i < n; i++) {
        double v = items[i].range.value;
        if (v >= out->range.lo && v <= out->range.hi) continue;
        bool seen = false;
        for (int k = 0; k < out->nparts && !seen; k++) seen = out->parts[k] == v;
        if (!seen && out->nparts < ART_MAX_PARTS - 1) out->parts[out->nparts++] = v;
    }
    if (!parts_add_up(out->parts, out->nparts, out->range)) out->parts[out->nparts++] = out->value;
}

void article_figure(const fig_item *items, size_t n, art_figure *out)
{
    memset(out, 0, sizeof *out);
    out->value = NAN;
    out->item = -1;
    if (!n) return;
    /* statements: runs of joined items in one sentence, summed */
    fig_range *st = malloc(n * sizeof *st);
    int *first = malloc(n * sizeof *first);
    int *parts = malloc(n * sizeof *parts);
    if (!st || !first || !parts) abort();
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
        bool join = i > 0 && items[i].joined && items[i].sent == items[i - 1].sent && ns > 0;
        if (join) {
            st[ns - 1].lo += items[i].range.lo;
            st[ns - 1].hi += items[i].range.hi;
            st[ns - 1].value += items[i].range.value;
            parts[ns - 1]++;
        } else {
            first[ns] = (int)i;
            parts[ns] = 1;
            st[ns++] = items[i].range;
        }
    }
    int best = -1, best_support = 0;
    for (size_t s = 0; s < ns; s++) {
        int support = 0;
        for (size_t t = 0; t < ns; t++) support += ranges_agree(st[s], st[t]);
        /* on a tie, the larger value; then one written as a number over a
         * sum ("141 people" over "132 schoolchildren and nine staff"), so
         * the words shown with the value say it */
        bool better = support > best_support ||
                      (support == best_support && (st[s].value > st[best].value ||
                                                   (st[s].value == st[best].value && parts[s] < parts[best])));
        if (better) {
            best = (int)s;
            best_support = support;
        }
    }
    out->range = st[best];
    out->value = st[best].value;
    out->item = first[best];
    free(st);
    free(first);
    free(parts);
    collect_parts(items, n, out);
}

/* Whether some two or more of parts add up to a value within range. */
static bool parts_add_up(const double *parts, int n, fig_range range)
{
    for (unsigned mask = 1; mask < (1u << n); mask++) {
        if (__builtin_popcount(mask) < 2) continue;
        double sum = 0;
        for (int i = 0; i < n; i++)
            if (mask & (1u << i)) sum += parts[i];
        double tol = rounding(sum);
        if (sum + tol >= range.lo && sum - tol <= range.hi) return true;
    }
    return false;
}

bool figures_conflict(const art_figure *a, const art_figure *b)
{
    if (a->item < 0 || b->item < 0) return false;
    if (ranges_agree(a->range, b->range)) return false;
    return !parts_add_up(a->parts, a->nparts, b->range) && !parts_add_up(b->parts, b->nparts, a->range);
}
