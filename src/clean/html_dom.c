/* html_dom.c — per-element facts the HTML cleaner decides from: tag kind,
 * class/id vocabulary hits, and text counts over kept descendants. */
#include <stdlib.h>
#include <string.h>

#include "clean/html_internal.h"
#include "core/utf8.h"

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
 * and "socialshare" meet "comment" and "share" (data/clean/html-classes.txt). */

static bool is_alpha(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }
static bool is_digit(char ch) { return ch >= '0' && ch <= '9'; }
static bool is_lower(char ch) { return ch >= 'a' && ch <= 'z'; }
static bool is_upper(char ch) { return ch >= 'A' && ch <= 'Z'; }

/* What one class or id value says, worked out once per distinct value. */
typedef struct attr_facts {
    uint64_t hash;
    bool drop, keep, byline, caption;
    int pos, neg;         /* best positive and worst negative weight */
} attr_facts;

/* Applies an entry's tags ("drop -25", "keep +25", "byline") to f. */
static void apply_tags(const char *v, attr_facts *f)
{
    while (*v) {
        while (*v == ' ') v++;
        const char *e = v;
        while (*e && *e != ' ') e++;
        size_t n = (size_t)(e - v);
        if (n && (*v == '+' || *v == '-')) {
            int w = atoi(v);
            if (w > f->pos) f->pos = w;
            if (w < f->neg) f->neg = w;
        } else if (n == 4 && !memcmp(v, "drop", 4)) f->drop = true;
        else if (n == 4 && !memcmp(v, "keep", 4)) f->keep = true;
        else if (n == 6 && !memcmp(v, "byline", 6)) f->byline = true;
        else if (n == 7 && !memcmp(v, "caption", 7)) f->caption = true;
        v = e;
    }
}

/* A `keep` word counts only whole: "articles" names a list of other
 * articles ("related-articles"), not this one. */
static void apply_part_tags(const char *v, attr_facts *f)
{
    bool keep = f->keep;
    apply_tags(v, f);
    f->keep = keep;
}

static void look_up_word(const wordmap *m, const char *t, size_t n, attr_facts *f)
{
    const char *v = wordmap_get(m, t, n);
    if (v) apply_tags(v, f);
    size_t max = wordmap_maxlen(m);
    for (size_t k = 5; k < n && k <= max; k++) {
        if ((v = wordmap_get(m, t, k))) apply_part_tags(v, f);
        if ((v = wordmap_get(m, t + n - k, k))) apply_part_tags(v, f);
    }
}

static void look_up_words(const wordmap *m, const char *s, size_t len, attr_facts *f)
{
    if (len > 512) len = 512;   /* class soup past this says nothing more */
    size_t i = 0;
    while (i < len) {
        while (i < len && !is_alpha(s[i]) && !is_digit(s[i])) i++;
        size_t start = i;
        while (i < len && (is_alpha(s[i]) || is_digit(s[i]))) {
            i++;
            if (i < len && is_lower(s[i - 1]) && is_upper(s[i])) break;
            if (i < len && is_alpha(s[i - 1]) != is_alpha(s[i])) break;
        }
        if (i > start) look_up_word(m, s + start, i - start, f);
    }
}

#define FACTS_CACHE 1024   /* pages reuse a few hundred class strings */

/* Class strings repeat across a page ("menu-item menu-item-type-post"), so
 * their facts are cached by hash in a direct-mapped table. The whole value
 * is looked up too, so "articleBody" or "story-body" can be listed as such. */
static const attr_facts *facts_of(hctx *c, const char *v)
{
    static const attr_facts none = {0};
    if (!v || !*v) return &none;
    size_t n = strlen(v);
    uint64_t h = hash_bytes(v, n) | 1;   /* 0 marks an empty slot */
    if (!c->facts) c->facts = arena_alloc(&c->scratch, FACTS_CACHE * sizeof(attr_facts));
    attr_facts *f = &c->facts[h % FACTS_CACHE];
    if (f->hash == h) return f;
    *f = (attr_facts){.hash = h};
    const char *whole = n < 64 ? wordmap_get(c->res->classes, v, n) : NULL;
    if (whole) apply_tags(whole, f);
    look_up_words(c->res->classes, v, n, f);
    return f;
}

static bool is_byline(const attr_facts *cls, const attr_facts *id, xmlNodePtr n)
{
    if (cls->byline || id->byline) return true;
    const char *rel = html_attr(n, "rel");
    if (rel && !strcasecmp(rel, "author")) return true;
    const char *prop = html_attr(n, "itemprop");
    return prop && strstr(prop, "author");
}

/* Tag names come from the parser's dictionary, one pointer per name, so
 * their kinds are cached by pointer. */
static uint8_t kind_of(hctx *c, const xmlChar *name)
{
    size_t slot = ((uintptr_t)name >> 4) % (sizeof c->kind_names / sizeof *c->kind_names);
    if (c->kind_names[slot] != name) {
        c->kind_names[slot] = name;
        c->kinds[slot] = tag_kind(c->res, name);
    }
    return c->kinds[slot];
}

/* What a child of p is within: p's ancestors and p itself. */
static uint8_t within_of(xmlNodePtr p)
{
    if (!is_elem(p)) return 0;
    hnode *h = HN(p);
    uint8_t w = h->within;
    if (h->kind == HK_FIGURE) w |= HIN_FIGURE;
    if (h->kind == HK_PRE || !xmlStrcmp(p->name, BAD_CAST "code")) w |= HIN_CODE;
    if (h->kind == HK_TABLE) w |= HIN_TABLE;
    return w;
}

void html_annotate(hctx *c, xmlNodePtr root)
{
    for (xmlNodePtr n = root; n; n = html_next(n, root, false)) {
        if (n->type != XML_ELEMENT_NODE) continue;
        hnode *h = arena_alloc(&c->scratch, sizeof *h);
        n->_private = h;
        h->kind = kind_of(c, n->name);
        h->within = within_of(n->parent);
        if (!n->properties) continue;
        const attr_facts *cls = facts_of(c, html_attr(n, "class")), *id = facts_of(c, html_attr(n, "id"));
        int w = cls->pos + cls->neg + id->pos + id->neg;
        h->weight = (int8_t)(w > 100 ? 100 : w < -100 ? -100 : w);
        h->unlikely = (cls->drop || id->drop) && !(cls->keep || id->keep);
        h->byline = is_byline(cls, id, n);
        h->caption = cls->caption || id->caption;
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
    h->data_marks = 0;
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
    if (h->data_marks || !xmlStrcmp(n->name, BAD_CAST "th") || !xmlStrcmp(n->name, BAD_CAST "thead") ||
        !xmlStrcmp(n->name, BAD_CAST "caption"))
        ph->data_marks = 1;
    if ((h->flags & HF_DROP) || h->kind == HK_DROP) return;
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
        if (is_elem(n) && !(HN(n)->flags & HF_DROP) && HN(n)->kind != HK_DROP && n->children) {
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
    /* Elements without text cost visits too: the budget keeps a call that
     * asks for a few hundred bytes from walking a 100,000-deep empty chain. */
    size_t budget = 4 * max + 64;
    for (xmlNodePtr n = root; n && out->n < max && budget; budget--) {
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
    if (out->n >= max) out->n = utf8_whole(out->p, out->n);
}
