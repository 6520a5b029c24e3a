/* html_score.c — finds the article body, after Readability's method.
 *
 * Every paragraph-like element (p, pre, td, or a container holding 25+
 * characters of its own inline text) scores 1, plus 1 per comma-separated
 * part, plus up to 3 for length; the score flows to five ancestors, divided
 * by distance. Containers start from a tag bias and their class/id weight,
 * and end multiplied by their share of non-link text. The best container,
 * lifted when its ancestors score near it, is selected with the siblings
 * that hold a strong container or read like prose; then tables, lists, forms
 * and divs inside it that look like furniture (many links, images without
 * text, inputs) are cleaned away. When that leaves under 500 characters the
 * attempt is repeated with the class-name rules relaxed, as Readability
 * does, but a relaxed result is taken only when it finds twice as much. */
#include <stdlib.h>
#include <string.h>

#include "clean/html_internal.h"

#define MIN_PARA_CHARS 25
#define ANCESTOR_LEVELS 5
#define TOP_N 5
#define MIN_ARTICLE_CHARS 500

typedef ARENA_VEC(xmlNodePtr) nodevec;

static bool is_tag(xmlNodePtr n, const char *name) { return !xmlStrcmp(n->name, BAD_CAST name); }

static float tag_bias(xmlNodePtr n)
{
    switch (HN(n)->kind) {
    case HK_BLOCK: return is_tag(n, "div") ? 5.f : 0.f;
    case HK_PRE: case HK_QUOTE: return 3.f;
    case HK_CELL: return is_tag(n, "th") ? -5.f : 3.f;
    case HK_LIST: case HK_ITEM: case HK_FORM: return -3.f;
    case HK_HEADING: case HK_TITLE: return -5.f;
    default: return is_tag(n, "address") ? -3.f : 0.f;
    }
}

static void init_candidate(hctx *c, xmlNodePtr n, nodevec *cands)
{
    hnode *h = HN(n);
    if (h->flags & HF_SCORED) return;
    h->flags |= HF_SCORED;
    h->score = tag_bias(n) + ((c->pass & HP_WEIGHT_CLASSES) ? (float)h->weight : 0.f);
    *ARENA_PUSH(&c->scratch, *cands) = n;
}

/* The characters an element contributes as one paragraph, 0 if it is not one. */
static uint32_t para_chars(xmlNodePtr n, uint32_t *commas)
{
    hnode *h = HN(n);
    switch (h->kind) {
    case HK_P: case HK_PRE: case HK_CELL: case HK_HEADING:
        *commas = h->commas;
        return h->chars;
    case HK_BLOCK: case HK_QUOTE:
        *commas = h->own_commas;
        return h->own_chars;
    default:
        return 0;
    }
}

static void score_paragraph(hctx *c, xmlNodePtr n, nodevec *cands)
{
    uint32_t commas = 0, chars = para_chars(n, &commas);
    if (chars < MIN_PARA_CHARS) return;
    float s = 2.f + (float)commas + (float)(chars / 100 > 3 ? 3 : chars / 100);
    /* A container's own text beside block children counts as a paragraph
     * inside it (Readability wraps such runs in <p>), so the score starts
     * at the container itself. */
    uint8_t kind = HN(n)->kind;
    xmlNodePtr p = (kind == HK_BLOCK || kind == HK_QUOTE) && HN(n)->block_kids ? n : n->parent;
    for (int level = 0; level < ANCESTOR_LEVELS && is_elem(p) && is_elem(p->parent); level++, p = p->parent) {
        init_candidate(c, p, cands);
        float divider = level == 0 ? 1.f : level == 1 ? 2.f : (float)level * 3.f;
        HN(p)->score += s / divider;
    }
}

static void score_all(hctx *c, nodevec *cands)
{
    for (xmlNodePtr n = c->body; n;) {
        bool skip = is_elem(n) && (HN(n)->flags & HF_DROP);
        if (is_elem(n) && !skip) score_paragraph(c, n, cands);
        n = html_next(n, c->body, skip || !is_elem(n));
    }
    for (uint32_t i = 0; i < cands->n; i++) {
        hnode *h = HN(cands->v[i]);
        h->score *= 1.f - link_density(h);
    }
}

/* How far ancestor searches climb: real pages nest containers a few dozen
 * deep, and a bound keeps hostile nesting linear. */
#define MAX_CLIMB 64

static bool is_ancestor(xmlNodePtr anc, xmlNodePtr n)
{
    int k = 0;
    for (xmlNodePtr p = n->parent; p && k < MAX_CLIMB; p = p->parent, k++) {
        if (p == anc) return true;
    }
    return false;
}

/* When several strong candidates share an ancestor, the article is split
 * into sections and the ancestor is the article. */
static xmlNodePtr common_ancestor(hctx *c, xmlNodePtr top, xmlNodePtr *best, int nbest)
{
    int close = 0;
    xmlNodePtr alts[TOP_N];
    if (HN(top)->score <= 0.f) return top;
    for (int i = 1; i < nbest; i++) {
        if (HN(best[i])->score / HN(top)->score >= 0.75f) alts[close++] = best[i];
    }
    if (close < 3) return top;
    int k = 0;
    for (xmlNodePtr p = top->parent; is_elem(p) && p != c->body && k < MAX_CLIMB; p = p->parent, k++) {
        int shared = 0;
        for (int i = 0; i < close; i++) shared += is_ancestor(p, alts[i]);
        if (shared >= 3) return p;
    }
    return top;
}

/* Climbs while the parent scores nearly as well, or better. */
static xmlNodePtr lift(hctx *c, xmlNodePtr top, nodevec *cands)
{
    init_candidate(c, top, cands);
    float last = HN(top)->score, threshold = last / 3.f;
    for (xmlNodePtr p = top->parent; is_elem(p) && p != c->body; p = p->parent) {
        if (!(HN(p)->flags & HF_SCORED)) continue;
        float s = HN(p)->score;
        if (s < threshold) break;
        if (s > last) {
            top = p;
            break;
        }
        last = s;
    }
    while (is_elem(top->parent) && top->parent != c->body) {
        int elems = 0;
        for (xmlNodePtr k = top->parent->children; k; k = k->next) elems += is_elem(k);
        if (elems != 1) break;
        top = top->parent;
    }
    return top;
}

static xmlNodePtr pick_top(hctx *c, nodevec *cands)
{
    xmlNodePtr best[TOP_N];
    int nbest = 0;
    for (uint32_t i = 0; i < cands->n; i++) {
        xmlNodePtr n = cands->v[i];
        int at = nbest < TOP_N ? nbest : TOP_N;
        while (at > 0 && HN(best[at - 1])->score < HN(n)->score) at--;
        if (at >= TOP_N) continue;
        int last = nbest < TOP_N ? nbest : TOP_N - 1;
        memmove(best + at + 1, best + at, (size_t)(last - at) * sizeof *best);
        best[at] = n;
        if (nbest < TOP_N) nbest++;
    }
    if (!nbest || best[0] == c->body) return NULL;
    xmlNodePtr top = common_ancestor(c, best[0], best, nbest);
    return lift(c, top, cands);
}

/* Readability's test for a paragraph beside the body: long with few links,
 * or short with none and a full stop. */
static bool reads_like_prose(xmlNodePtr n)
{
    hnode *h = HN(n);
    if (h->chars >= 80) return link_density(h) < 0.25f;
    if (h->chars == 0 || h->link_chars) return false;
    buf t;
    buf_init(&t);
    html_text(n, &t, 400, true);
    while (t.n && t.p[t.n - 1] == ' ') t.n--;
    bool prose = t.n && (t.p[t.n - 1] == '.' || memmem(t.p, t.n, ". ", 2));
    buf_free(&t);
    return prose;
}

/* The best candidate score inside each sibling of top (inside_best), so a
 * sibling that holds a strong paragraph container further down counts
 * like one: articles broken up by a video or a pull-out box come as
 * several deep containers under one parent. */
static void best_inside_siblings(xmlNodePtr top, const nodevec *cands)
{
    for (xmlNodePtr s = top->parent->children; s; s = s->next) {
        if (is_elem(s)) HN(s)->inside_best = (HN(s)->flags & HF_SCORED) ? HN(s)->score : 0.f;
    }
    for (uint32_t i = 0; i < cands->n; i++) {
        xmlNodePtr n = cands->v[i];
        float score = HN(n)->score;
        for (int k = 0; k < MAX_CLIMB && is_elem(n); k++, n = n->parent) {
            if (n->parent != top->parent) continue;
            if (score > HN(n)->inside_best) HN(n)->inside_best = score;
            break;
        }
    }
}

static void select_with_siblings(hctx *c, xmlNodePtr top, const nodevec *cands)
{
    HN(top)->flags |= HF_SELECT;
    c->top = top;
    c->region = top->parent;
    if (!is_elem(top->parent) || top == c->body) return;
    best_inside_siblings(top, cands);
    float threshold = HN(top)->inside_best * 0.2f;
    if (threshold < 10.f) threshold = 10.f;
    const char *cls = html_attr(top, "class");
    for (xmlNodePtr s = top->parent->children; s; s = s->next) {
        if (!is_elem(s) || s == top || (HN(s)->flags & HF_DROP)) continue;
        hnode *h = HN(s);
        float bonus = 0.f;
        const char *scls = html_attr(s, "class");
        if (cls && *cls && scls && !strcmp(cls, scls)) bonus = HN(top)->score * 0.2f;
        bool take = h->inside_best > 0.f && h->inside_best + bonus >= threshold;
        /* A div of inline text only is a paragraph, as Readability rewrites it. */
        bool para = h->kind == HK_P || (h->kind == HK_BLOCK && !h->block_kids);
        if (!take && para) take = reads_like_prose(s);
        if (take) h->flags |= HF_SELECT;
    }
}

/* --- conditional cleaning ----------------------------------------------------- */

/* Tables with headers or a caption hold data, not layout. */
static bool is_data_table(xmlNodePtr n) { return HN(n)->data_marks; }

static bool cleanable(xmlNodePtr n)
{
    switch (HN(n)->kind) {
    case HK_FORM: case HK_TABLE: return true;
    case HK_LIST: return is_tag(n, "ul");
    case HK_BLOCK: return is_tag(n, "div") || is_tag(n, "section");
    default: return false;
    }
}

/* The end of s without closing quotes and brackets. */
static size_t strip_closers(const char *s, size_t e)
{
    for (;;) {
        if (e && (s[e - 1] == '"' || s[e - 1] == '\'' || s[e - 1] == ')')) e--;
        else if (e >= 3 && (!memcmp(s + e - 3, "\xe2\x80\x9d", 3) || !memcmp(s + e - 3, "\xe2\x80\x99", 3))) e -= 3;
        else return e;
    }
}

/* Six words or more ending in a full stop, question or exclamation mark. */
static bool is_sentence(xmlNodePtr n)
{
    buf t;
    buf_init(&t);
    html_text(n, &t, 2000, true);
    size_t len = t.n;
    while (len && t.p[len - 1] == ' ') len--;
    int words = 0;
    for (size_t i = 0; i < len; i++) words += t.p[i] != ' ' && (i == 0 || t.p[i - 1] == ' ');
    size_t e = strip_closers(t.p, len);
    bool stop = e && (t.p[e - 1] == '.' || t.p[e - 1] == '!' || t.p[e - 1] == '?');
    buf_free(&t);
    return words >= 6 && stop;
}

static bool looks_like_furniture(hctx *c, xmlNodePtr n)
{
    hnode *h = HN(n);
    float weight = (c->pass & HP_WEIGHT_CLASSES) ? (float)h->weight : 0.f;
    float score = (h->flags & HF_SCORED) ? h->score : 0.f;
    /* A negative class name alone ("leafmedia") is weak evidence against a
     * block that reads as a sentence. */
    if (weight + score < 0.f && (link_density(h) > 0.2f || !is_sentence(n))) return true;
    if (h->commas >= 10) return false;
    bool list = h->kind == HK_LIST;
    bool in_figure = h->within & HIN_FIGURE;
    float p = (float)h->np, img = (float)h->nimg, ld = link_density(h);
    float head_density = h->chars ? (float)h->head_chars / (float)h->chars : 0.f;
    if (h->nimg > 1 && p / img < 0.5f && !in_figure) return true;
    if (!list && (float)h->nli - 100.f > p) return true;
    if (h->ninput > h->np / 3) return true;
    if (!list && head_density < 0.9f && h->chars < 25 && (h->nimg == 0 || h->nimg > 2) && !in_figure) return true;
    if (!list && weight < 25.f && ld > 0.2f) return true;
    if (weight >= 25.f && ld > 0.5f) return true;
    if ((h->nembed == 1 && h->chars < 75) || h->nembed > 1) return true;
    return false;
}

static void clean_inside(hctx *c, xmlNodePtr root)
{
    for (xmlNodePtr n = root; n;) {
        bool skip = !is_elem(n) || (HN(n)->flags & HF_DROP);
        if (!skip && cleanable(n) && !(HN(n)->within & HIN_CODE) &&
            !(HN(n)->kind == HK_TABLE && is_data_table(n)) && looks_like_furniture(c, n)) {
            HN(n)->flags |= HF_DROP;
            HN(n)->why = HW_CLEANED;
            skip = true;
        } else if (!skip && (HN(n)->kind == HK_HEADING) && (c->pass & HP_WEIGHT_CLASSES) && HN(n)->weight < 0) {
            HN(n)->flags |= HF_DROP;
            HN(n)->why = HW_CLEANED;
            skip = true;
        }
        n = html_next(n, root, skip || !is_elem(n));
    }
}

/* --- attempts ------------------------------------------------------------------ */

static void reset(hctx *c)
{
    for (xmlNodePtr n = c->body; n; n = html_next(n, c->body, false)) {
        if (!is_elem(n)) continue;
        hnode *h = HN(n);
        h->flags = 0;
        h->why = HW_NONE;
        h->score = 0.f;
    }
}

static uint32_t selected_chars(hctx *c)
{
    uint32_t total = 0;
    for (xmlNodePtr n = c->body; n;) {
        bool sel = is_elem(n) && (HN(n)->flags & HF_SELECT);
        if (sel) {
            html_count(c, n);
            total += HN(n)->chars;
        }
        n = html_next(n, c->body, sel || !is_elem(n));
    }
    return total;
}

static uint32_t attempt(hctx *c, unsigned pass)
{
    c->pass = pass;
    reset(c);
    html_count(c, c->body);   /* the author-line rule needs lengths before pruning */
    html_prune(c);
    html_count(c, c->body);
    nodevec cands = {0};
    score_all(c, &cands);
    xmlNodePtr top = pick_top(c, &cands);
    if (!top) top = c->body;
    select_with_siblings(c, top, &cands);
    if (pass & HP_CLEAN) {
        for (xmlNodePtr n = c->body; n;) {
            bool sel = is_elem(n) && (HN(n)->flags & HF_SELECT);
            if (sel) clean_inside(c, n);
            n = html_next(n, c->body, sel || !is_elem(n));
        }
    }
    return selected_chars(c);
}

/* Relaxing the class rules brings back everything they dropped, so a
 * relaxed attempt is taken only when it finds far more than the strict one:
 * that is the sign the strict one dropped the article's own wrapper. */
#define RELAXED_GAIN 2

void html_find_body(hctx *c)
{
    static const unsigned passes[] = {
        HP_STRIP_UNLIKELY | HP_WEIGHT_CLASSES | HP_CLEAN,
        HP_WEIGHT_CLASSES | HP_CLEAN,
        HP_CLEAN,
        0,
    };
    const int npass = (int)(sizeof passes / sizeof *passes);
    uint32_t strict = attempt(c, passes[0]), best_chars = strict;
    int best = 0, last = 0;
    for (int i = 1; i < npass && best_chars < MIN_ARTICLE_CHARS; i++) {
        uint32_t chars = attempt(c, passes[i]);
        last = i;
        if (chars >= RELAXED_GAIN * strict && chars > best_chars) {
            best_chars = chars;
            best = i;
        }
    }
    if (best != last) attempt(c, passes[best]);
}
