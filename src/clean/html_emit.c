/* html_emit.c — writes the selected body as text: each block (paragraph,
 * heading, list item, quotation, cell) one paragraph, inline white space
 * collapsed, paragraphs joined by a blank line. Paragraphs that are page
 * furniture as a whole ("Advertisement", "Read more") and the dropped blocks
 * a reader may want to check (captions, author lines, related links) go to
 * the article's removed list. */
#include <string.h>

#include "clean/html_internal.h"

#define REMOVED_MAX 200
#define REMOVED_BYTES 300

typedef struct emitter {
    hctx *c;
    buf *out;
    buf para;
    int brs;          /* <br>s since the last text: two make a paragraph break */
    int in_link;      /* depth of <a> elements around the text being written */
    size_t link_bytes;/* bytes of the paragraph inside links */
} emitter;

/* Cuts s to at most max bytes, at a character boundary. */
static size_t utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max) return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
    return max;
}

void html_add_removed(hctx *c, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\n')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n')) n--;
    if (!n || c->a->removed.n >= REMOVED_MAX) return;
    n = utf8_cut(s, n, REMOVED_BYTES);
    for (uint32_t i = 0; i < c->a->removed.n; i++) {   /* "Read More" once, not per teaser */
        const char *r = c->a->removed.v[i];
        if (!strncmp(r, s, n) && r[n] == '\0') return;
    }
    *ARENA_PUSH(&c->a->mem, c->a->removed) = arena_strndup(&c->a->mem, s, n);
}

static bool is_block(uint8_t kind)
{
    return kind != HK_INLINE && kind != HK_BR && kind != HK_IMG;
}

static bool is_word_byte(unsigned char ch)
{
    return ch >= 0x80 || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
}

/* A paragraph that is furniture by itself, compared without its closing
 * punctuation ("Read more:", "Advertisement »"). */
static bool is_junk(const html_res *r, const char *s, size_t n)
{
    while (n && !is_word_byte((unsigned char)s[n - 1])) n--;
    return n && n <= wordmap_maxlen(r->junk) && wordmap_has(r->junk, s, n);
}

static bool is_link(xmlNodePtr n) { return !xmlStrcmp(n->name, BAD_CAST "a"); }

/* A paragraph that is nothing but a link is a pointer to another page
 * ("Dave Matthews Band takes over Fan Vote"), not part of this one. */
static bool is_link_only(const char *s, size_t n, size_t link_bytes)
{
    size_t visible = 0;
    for (size_t i = 0; i < n; i++) visible += s[i] != ' ';
    return visible && (double)link_bytes >= 0.75 * (double)visible;
}

static void flush(emitter *e)
{
    buf *p = &e->para;
    size_t start = 0, n = p->n;
    while (start < n && p->p[start] == ' ') start++;
    while (n > start && p->p[n - 1] == ' ') n--;
    if (n > start) {
        const char *s = p->p + start;
        if (is_junk(e->c->res, s, n - start) || is_link_only(s, n - start, e->link_bytes)) {
            html_add_removed(e->c, s, n - start);
        } else {
            if (e->out->n) buf_put(e->out, "\n\n", 2);
            buf_put(e->out, s, n - start);
        }
    }
    p->n = 0;
    e->brs = 0;
    e->link_bytes = 0;
}

static void put_text(emitter *e, const unsigned char *s)
{
    buf *p = &e->para;
    for (; *s; s++) {
        unsigned char ch = *s;
        bool sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f';
        if (!sp && ch == 0xC2 && s[1] == 0xA0) {   /* no-break space */
            sp = true;
            s++;
        }
        if (sp) {
            if (p->n && p->p[p->n - 1] != ' ') buf_putc(p, ' ');
        } else {
            buf_putc(p, (char)ch);
            e->brs = 0;
            if (e->in_link) e->link_bytes++;
        }
    }
}

/* Returns whether to walk into n. */
static bool enter(emitter *e, xmlNodePtr n)
{
    if (is_text(n)) {
        if (n->content) put_text(e, n->content);
        return false;
    }
    if (!is_elem(n) || (HN(n)->flags & HF_DROP)) return false;
    uint8_t kind = HN(n)->kind;
    if (kind == HK_BR) {
        if (++e->brs >= 2) flush(e);
        else if (e->para.n && e->para.p[e->para.n - 1] != ' ') buf_putc(&e->para, ' ');
        return false;
    }
    if (kind == HK_IMG) return false;
    if (is_block(kind)) flush(e);
    if (is_link(n)) e->in_link++;
    return true;
}

static void leave(emitter *e, xmlNodePtr n)
{
    if (!is_elem(n)) return;
    if (is_block(HN(n)->kind)) flush(e);
    if (is_link(n) && e->in_link) e->in_link--;
}

static void emit_subtree(emitter *e, xmlNodePtr root)
{
    xmlNodePtr n = root;
    for (;;) {
        bool in = enter(e, n);
        if (in && n->children) {
            n = n->children;
            continue;
        }
        if (in) leave(e, n);
        for (;;) {
            if (n == root) return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            leave(e, n);
        }
    }
}

/* --- the removed list ------------------------------------------------------- */

static void audit_node(hctx *c, xmlNodePtr n)
{
    buf t;
    buf_init(&t);
    html_text(n, &t, REMOVED_BYTES + 8, false);
    html_add_removed(c, t.p ? t.p : "", t.n);
    buf_free(&t);
}

/* Walks root for dropped blocks whose reason is in `whys` (bit set). */
static void audit(hctx *c, xmlNodePtr root, xmlNodePtr skip_root, unsigned whys)
{
    for (xmlNodePtr n = root; n && c->a->removed.n < REMOVED_MAX;) {
        bool skip = n == skip_root || !is_elem(n);
        if (!skip && (HN(n)->flags & HF_DROP)) {
            if (whys & (1u << HN(n)->why)) audit_node(c, n);
            skip = true;
        }
        n = html_next(n, root, skip);
    }
}

#define SIBLING_AUDIT_CHARS 2000

/* Blocks beside the body that were not taken (related links, tag lists,
 * author notes) are what a reader checking the cut most wants to see. */
static void audit_siblings(hctx *c, xmlNodePtr region)
{
    if (region == c->body) return;   /* beside the body of the page: menus, not article parts */
    for (xmlNodePtr s = region->children; s && c->a->removed.n < REMOVED_MAX; s = s->next) {
        if (!is_elem(s) || (HN(s)->flags & (HF_SELECT | HF_DROP)) || HN(s)->kind == HK_DROP) continue;
        if (HN(s)->chars && HN(s)->chars <= SIBLING_AUDIT_CHARS) {
            buf t;
            buf_init(&t);
            html_text(s, &t, REMOVED_BYTES + 8, true);
            html_add_removed(c, t.p ? t.p : "", t.n);
            buf_free(&t);
        }
    }
}

void html_emit(hctx *c, buf *out)
{
    emitter e = {.c = c, .out = out};
    buf_init(&e.para);
    for (xmlNodePtr n = c->body; n;) {
        bool sel = is_elem(n) && (HN(n)->flags & HF_SELECT);
        if (sel) {
            emit_subtree(&e, n);
            flush(&e);
        }
        n = html_next(n, c->body, sel || !is_elem(n));
    }
    buf_free(&e.para);

    unsigned near = 1u << HW_CLASS | 1u << HW_CLEANED | 1u << HW_BYLINE | 1u << HW_CAPTION;
    unsigned anywhere = 1u << HW_BYLINE | 1u << HW_CAPTION;
    xmlNodePtr region = c->region && is_elem(c->region) ? c->region : c->body;
    audit(c, region, NULL, near);
    audit_siblings(c, region);
    if (region != c->body) audit(c, c->body, region, anywhere);
}
