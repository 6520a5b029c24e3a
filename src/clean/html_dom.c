/* html_dom.c — per-element facts the HTML cleaner decides from: tag kind,
 * class/id vocabulary hits, and text counts over kept descendants. */
#include <stdlib.h>
#include <string.h>

#include "clean/html_internal.h"

static const char *const kind_names[HK__COUNT] = {
    [HK_BLOCK] = "block", [HK_INLINE] = "inline", [HK_BR] = "br", [HK_IMG] = "img",
    [HK_P] = "p", [HK_HEADING] = "heading", [HK_TITLE] = "title", [HK_LIST] = "list",
    [HK_ITEM] = "item", [HK_PRE] = "pre", [HK_QUOTE] = "quote", [HK_TABLE] = "table",
    [HK_ROW] = "row", [HK_CELL] = "cell", [HK_FIGURE] = "figure", [HK_CAPTION] = "caption",
    [HK_EMBED] = "embed", [HK_FORM] = "form", [HK_INPUT] = "input", [HK_DROP] = "drop",
};

static uint8_t tag_kind(const html_res *r, const xmlChar *name)
{
    const char *v = wordmap_get(r->tags, (const char *)name, strlen((const char *)name));
    if (!v) return HK_BLOCK;   /* unknown and custom elements are containers */
    for (int k = 0; k < HK__COUNT; k++) {
        if (!strcmp(v, kind_names[k])) return (uint8_t)k;
    }
    return HK_BLOCK;
}

const char *html_attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (xmlStrcasecmp(a->name, BAD_CAST name) != 0) continue;
        xmlNodePtr t = a->children;
        return t && t->content ? (const char *)t->content : "";
    }
    return NULL;
}

/* --- class/id vocabulary ---------------------------------------------------
 * Class names are compounds ("article-comments", "shareBar", "ad_slot300"):
 * split at punctuation, case changes and letter/digit changes, then look each
 * piece up whole, and by its first or last five-plus letters, so "comments"
 * and "socialshare" meet "comment" and "share". */

static bool token_hits(const wordmap *m, const char *t, size_t n)
{
    if (!n) return false;
    if (wordmap_has(m, t, n)) return true;
    size_t max = wordmap_maxlen(m);
    for (size_t k = 5; k < n && k <= max; k++) {
        if (wordmap_has(m, t, k) || wordmap_has(m, t + n - k, k)) return true;
    }
    return false;
}

static bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }
static bool is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }

/* Calls fn on each piece of an attribute value; stops when fn returns true. */
typedef bool (*token_fn)(const char *t, size_t n, void *ctx);

static bool each_token(const char *s, token_fn fn, void *ctx)
{
    size_t i = 0, len = strlen(s);
    if (len > 512) len = 512;   /* class soup past this says nothing more */
    while (i < len) {
        while (i < len && !is_alpha(s[i]) && !is_digit(s[i])) i++;
        size_t start = i;
        while (i < len && (is_alpha(s[i]) || is_digit(s[i]))) {
            i++;
            if (i < len && is_lower(s[i - 1]) && is_upper(s[i])) break;
            if (i < len && is_alpha(s[i - 1]) != is_alpha(s[i])) break;
        }
        if (i > start && fn(s + start, i - start, ctx)) return true;
    }
    return false;
}

static bool hit_fn(const char *t, size_t n, void *ctx) { return token_hits(ctx, t, n); }

/* The whole attribute also counts as one token, so "articleBody" and
 * "story-body" can be listed as such. */
static bool attr_hits(const wordmap *m, const char *v)
{
    if (!v || !*v) return false;
    size_t n = strlen(v);
    if (n < 64 && wordmap_has(m, v, n)) return true;
    return each_token(v, hit_fn, (void *)m);
}

bool html_class_hits(const wordmap *m, xmlNodePtr n)
{
    return attr_hits(m, html_attr(n, "class")) || attr_hits(m, html_attr(n, "id"));
}

typedef struct weight_acc { const wordmap *m; int pos, neg; } weight_acc;

static bool weight_fn(const char *t, size_t n, void *ctx)
{
    weight_acc *w = ctx;
    const char *v = wordmap_get(w->m, t, n);
    for (size_t k = 5; !v && k < n && k <= wordmap_maxlen(w->m); k++) {
        if (!(v = wordmap_get(w->m, t, k))) v = wordmap_get(w->m, t + n - k, k);
    }
    int x = v ? atoi(v) : 0;
    if (x > w->pos) w->pos = x;
    if (x < w->neg) w->neg = x;
    return false;
}

/* Readability's class weight: each of class and id may add one positive and
 * one negative hint. */
static int8_t class_weight(const html_res *r, xmlNodePtr n)
{
    int total = 0;
    const char *attrs[2] = {html_attr(n, "class"), html_attr(n, "id")};
    for (int i = 0; i < 2; i++) {
        if (!attrs[i] || !*attrs[i]) continue;
        weight_acc w = {r->weights, 0, 0};
        each_token(attrs[i], weight_fn, &w);
        total += w.pos + w.neg;
    }
    return (int8_t)(total > 100 ? 100 : total < -100 ? -100 : total);
}

static bool is_byline(const html_res *r, xmlNodePtr n)
{
    const char *rel = html_attr(n, "rel");
    if (rel && !strcasecmp(rel, "author")) return true;
    const char *prop = html_attr(n, "itemprop");
    if (prop && strstr(prop, "author")) return true;
    return html_class_hits(r->bylines, n);
}

void html_annotate(hctx *c, xmlNodePtr root)
{
    for (xmlNodePtr n = root; n; n = html_next(n, root, false)) {
        if (n->type != XML_ELEMENT_NODE) continue;
        hnode *h = arena_alloc(&c->scratch, sizeof *h);
        n->_private = h;
        h->kind = tag_kind(c->res, n->name);
        if (!n->properties) continue;
        h->weight = class_weight(c->res, n);
        h->unlikely = html_class_hits(c->res->unlikely, n) && !html_class_hits(c->res->likely, n);
        h->byline = is_byline(c->res, n);
        h->caption = html_class_hits(c->res->captions, n);
    }
}

/* --- counts --------------------------------------------------------------- */

/* Visible characters (code points) of a text run, white space collapsed. */
static void count_text(const unsigned char *s, uint32_t *chars, uint32_t *commas)
{
    bool space = false;
    for (; *s; s++) {
        unsigned char ch = *s;
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
            if (!space) (*chars)++;
            space = true;
            continue;
        }
        space = false;
        if ((ch & 0xC0) != 0x80) (*chars)++;
        if (ch == ',') (*commas)++;
        else if (ch == 0xEF && s[1] == 0xBC && s[2] == 0x8C) (*commas)++;   /* U+FF0C */
        else if (ch == 0xD8 && s[1] == 0x8C) (*commas)++;                   /* U+060C */
    }
}

static void zero_counts(hnode *h)
{
    h->chars = h->link_chars = h->own_chars = h->commas = h->own_commas = 0;
    h->np = h->nimg = h->nli = h->ninput = h->nembed = h->nhead = h->head_chars = h->block_kids = 0;
}

/* Adds a finished node's counts to its parent's. */
static void fold_into_parent(xmlNodePtr n)
{
    xmlNodePtr p = n->parent;
    if (!is_elem(p)) return;
    hnode *ph = HN(p);
    if (is_text(n)) {
        uint32_t chars = 0, commas = 0;
        if (n->content) count_text(n->content, &chars, &commas);
        ph->chars += chars;
        ph->own_chars += chars;
        ph->commas += commas;
        ph->own_commas += commas;
        return;
    }
    if (!is_elem(n)) return;
    hnode *h = HN(n);
    ph->nembed += h->nembed + (h->kind == HK_EMBED);
    ph->ninput += h->ninput + (h->kind == HK_INPUT);
    ph->nimg += h->nimg + (h->kind == HK_IMG);
    if (h->flags & HF_DROP) return;
    if (!xmlStrcmp(n->name, BAD_CAST "a")) h->link_chars = h->chars;
    ph->chars += h->chars;
    ph->link_chars += h->link_chars;
    ph->commas += h->commas;
    ph->np += h->np + (h->kind == HK_P);
    ph->nli += h->nli + (h->kind == HK_ITEM);
    bool head = h->kind == HK_HEADING || h->kind == HK_TITLE;
    ph->nhead += h->nhead + head;
    ph->head_chars += head ? h->chars : h->head_chars;
    if (h->kind == HK_INLINE || h->kind == HK_BR || h->kind == HK_IMG) {
        ph->own_chars += h->own_chars;
        ph->own_commas += h->own_commas;
    } else {
        ph->block_kids++;
    }
}

/* Post-order walk without recursion: counts of each element are complete
 * when the walk climbs out of it. */
void html_count(hctx *c, xmlNodePtr root)
{
    xmlNodePtr n = root;
    for (;;) {
        if (is_elem(n)) zero_counts(HN(n));
        if (is_elem(n) && !(HN(n)->flags & HF_DROP) && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (n == root) {
                if (is_elem(n) && !xmlStrcmp(n->name, BAD_CAST "a")) HN(n)->link_chars = HN(n)->chars;
                return;
            }
            fold_into_parent(n);
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

/* --- text ------------------------------------------------------------------ */

static void put_collapsed(buf *out, const unsigned char *s, size_t max)
{
    for (; *s && out->n < max; s++) {
        unsigned char ch = *s;
        bool sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f';
        if (!sp && ch == 0xC2 && s[1] == 0xA0) {   /* no-break space */
            sp = true;
            s++;
        }
        if (sp) {
            if (out->n && out->p[out->n - 1] != ' ') buf_putc(out, ' ');
        } else {
            buf_putc(out, (char)ch);
        }
    }
}

void html_text(xmlNodePtr root, buf *out, size_t max, bool skip_dropped)
{
    for (xmlNodePtr n = root; n && out->n < max;) {
        bool skip = false;
        if (is_elem(n)) {
            hnode *h = HN(n);
            skip = n != root && ((skip_dropped && (h->flags & HF_DROP)) || h->kind == HK_DROP);
            if (!skip && h->kind != HK_INLINE && out->n && out->p[out->n - 1] != ' ') buf_putc(out, ' ');
        } else if (is_text(n) && n->content) {
            put_collapsed(out, n->content, max);
        }
        n = html_next(n, root, skip);
    }
}
