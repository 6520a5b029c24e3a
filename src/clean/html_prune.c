/* html_prune.c — drops what is never article text before scoring: tags such
 * as script, nav and footer, hidden elements, ARIA page furniture, author
 * lines, captions, headings repeating the title and, while the scorer's
 * strictest pass runs, blocks whose class or id says comments, share,
 * related, promo, sidebar ... (`drop` words of data/clean/html-classes.txt). */
#include <string.h>
#include <strings.h>

#include "clean/html_internal.h"

/* "display: none" in a style attribute, spaces and case ignored. */
static bool style_hides(const char *style)
{
    char squeezed[256];
    size_t k = 0;
    for (const char *s = style; *s && k + 1 < sizeof squeezed; s++) {
        if (*s != ' ' && *s != '\t' && *s != '\n') squeezed[k++] = (char)(*s | (*s >= 'A' && *s <= 'Z' ? 0x20 : 0));
    }
    squeezed[k] = '\0';
    return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

static bool is_hidden(xmlNodePtr n)
{
    if (!n->properties) return false;
    if (html_attr(n, "hidden")) return true;
    const char *aria = html_attr(n, "aria-hidden");
    if (aria && !strcasecmp(aria, "true")) return true;
    const char *style = html_attr(n, "style");
    return style && style_hides(style);
}

static bool has_role(const html_res *r, xmlNodePtr n)
{
    const char *role = n->properties ? html_attr(n, "role") : NULL;
    return role && *role && wordmap_has(r->roles, role, strlen(role));
}

/* Tags whose class words are never enough to drop them: the page's own
 * frame, and links (a class like "related-link" on one link in a
 * sentence would take words out of it). */
static bool never_unlikely(xmlNodePtr n)
{
    static const char *const keep[] = {"html", "body", "article", "main", "a"};
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++) {
        if (!xmlStrcmp(n->name, BAD_CAST keep[i])) return true;
    }
    return false;
}

/* Tables and code keep their inner class names: layout tables and syntax
 * highlighters name cells after anything. */
static bool in_table_or_code(xmlNodePtr n) { return HN(n)->within & (HIN_TABLE | HIN_CODE); }

/* A wrapper named for a layout feature ("theiaStickySidebar") around most of
 * the page's paragraphs is the page, not a sidebar. */
static bool holds_most_paragraphs(hctx *c, xmlNodePtr n)
{
    uint32_t all = HN(c->body)->np;
    return HN(n)->np >= 3 && HN(n)->np * 2 > all;
}

/* Readability's rule: an author line is short. */
#define BYLINE_MAX_CHARS 100

/* Whether n's text is the title, case and spacing aside. */
static bool same_text(xmlNodePtr n, const char *title)
{
    if (!title) return false;
    size_t title_chars = 0;
    for (const char *t = title; *t; t++) title_chars += ((unsigned char)*t & 0xC0) != 0x80;
    uint32_t chars = HN(n)->chars;   /* counts a space before and after, if any */
    if (chars < title_chars || chars > title_chars + 2) return false;
    buf t;
    buf_init(&t);
    html_text(n, &t, 1024, false);
    size_t len = t.n;
    while (len && t.p[len - 1] == ' ') len--;
    size_t start = len && t.p[0] == ' ' ? 1 : 0;
    bool same = len - start == strlen(title) && !strncasecmp(t.p + start, title, len - start);
    buf_free(&t);
    return same;
}

static uint8_t drop_reason(hctx *c, xmlNodePtr n)
{
    hnode *h = HN(n);
    switch (h->kind) {
    case HK_DROP: case HK_EMBED: case HK_INPUT: return HW_TAG;
    case HK_CAPTION: return HW_CAPTION;
    case HK_TITLE: return n == c->h1 || same_text(n, c->title) ? HW_TITLE : HW_NONE;
    default: break;
    }
    if (is_hidden(n)) return HW_HIDDEN;
    if (has_role(c->res, n)) return HW_CLASS;
    if (h->byline && h->chars < BYLINE_MAX_CHARS && h->chars > 0) return HW_BYLINE;
    /* Longer, it is the author's biography box. */
    if (h->byline && (c->pass & HP_STRIP_UNLIKELY) && !never_unlikely(n) && !holds_most_paragraphs(c, n))
        return HW_CLASS;
    if (h->caption && h->np < 2) return HW_CAPTION;
    if ((c->pass & HP_STRIP_UNLIKELY) && h->unlikely && !never_unlikely(n) && !in_table_or_code(n) &&
        !holds_most_paragraphs(c, n))
        return HW_CLASS;
    return HW_NONE;
}

void html_prune(hctx *c)
{
    for (xmlNodePtr n = c->body; n;) {
        bool skip = false;
        if (is_elem(n) && n != c->body) {
            uint8_t why = drop_reason(c, n);
            if (why != HW_NONE) {
                HN(n)->flags |= HF_DROP;
                HN(n)->why = why;
                skip = true;
            }
        }
        n = html_next(n, c->body, skip);
    }
}
