/* html.c — HTML pages: parse, find the article body, read the metadata.
 *
 * The pipeline per page: libxml2 parses the UTF-8 text into a DOM;
 * html_meta.c reads title, date and outlet (meta tags, JSON-LD, <time>);
 * html_prune.c drops what is never article text; html_score.c scores
 * paragraph containers the way Readability does and selects the body;
 * html_emit.c writes the selected blocks as paragraphs. Word lists live in
 * data/clean/html-*.txt. */
#include <libxml/parserInternals.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/html_internal.h"
#include "core/date.h"

enum { TRIM_AFTER = 1 << 20 };   /* bytes of HTML: a page this long has its tree's memory trimmed */

static wordmap *load_list(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/clean/%s", dir, name);
    return wordmap_load(path, WM_FOLD, err, errlen);
}

html_res *html_load(const char *datadir, char *err, size_t errlen)
{
    /* libxml2 sets up its globals here once; parses may then run on any
     * number of threads (ingest extracts in parallel). */
    xmlInitParser();
    html_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    if (!(r->tags = load_list(datadir, "html-tags.txt", err, errlen)) ||
        !(r->classes = load_list(datadir, "html-classes.txt", err, errlen)) ||
        !(r->roles = load_list(datadir, "html-roles.txt", err, errlen)) ||
        !(r->meta = load_list(datadir, "html-meta.txt", err, errlen)) ||
        !(r->junk = load_list(datadir, "html-junk.txt", err, errlen))) {
        html_free(r);
        return NULL;
    }
    return r;
}

void html_free(html_res *r)
{
    if (!r) return;
    wordmap_free(r->tags);
    wordmap_free(r->classes);
    wordmap_free(r->roles);
    wordmap_free(r->meta);
    wordmap_free(r->junk);
    free(r);
}

xmlNodePtr html_next(xmlNodePtr n, xmlNodePtr root, bool skip_children)
{
    if (!skip_children && n->children && n->type == XML_ELEMENT_NODE) return n->children;
    while (n && n != root) {
        if (n->next) return n->next;
        n = n->parent;
    }
    return NULL;
}

/* libxml2 caps nesting at 256 levels unless HUGE is given, and then drops
 * everything after the limit; with HUGE, deep pages parse whole, and every
 * walk here is iterative, so depth costs nothing but memory. NOBLANKS is
 * left out: on the 121 benchmark pages it changed no output and saved under
 * 1% of the work, and white space between inline tags separates words.
 *
 * What htmlReadMemory(page, "UTF-8") does, less two copies of the page: the
 * parser takes its own copy, after which in's bytes are given back; and no
 * encoding converter is set, since read.c has made the text valid UTF-8
 * (the converter copied it once more into a buffer grown to twice its size;
 * for a 100 MB page those were 300 MB beside the tree). The input's encoding
 * is named, as htmlReadMemory names it, so a <meta charset> in the page is
 * not followed. */
static htmlDocPtr parse(input *in)
{
    size_t n = in->len > INT32_MAX ? INT32_MAX : in->len;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(in->text, (int)n);
    free(in->text);
    in->text = NULL;
    if (!ctxt) return NULL;
    htmlCtxtUseOptions(ctxt, opts);
    ctxt->html = 1;
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);   /* read as UTF-8, a byte-order mark skipped */
    ctxt->input->encoding = xmlStrdup(BAD_CAST "UTF-8");
    htmlParseDocument(ctxt);
    htmlDocPtr doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    /* as htmlReadMemory does: the document keeps the names' dictionary */
    if (ctxt->dictNames && doc && doc->dict == ctxt->dict) ctxt->dict = NULL;
    htmlFreeParserCtxt(ctxt);
    return doc;
}

/* libxml2's recovery may leave several top-level elements ("<html/>x"
 * becomes an empty <html> and a second one holding the body), and the body
 * is searched for in all of them: each gets its hnodes, so no walk meets an
 * element without one. */
static void annotate_all(hctx *c)
{
    for (xmlNodePtr n = c->doc->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) html_annotate(c, n);
    }
}

static xmlNodePtr find_body(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root; n; n = html_next(n, NULL, false)) {
        if (n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST "body")) return n;
    }
    return root;
}

static void set_meta(hctx *c, const hmeta *m)
{
    article *a = c->a;
    if (m->title) a->title = arena_strdup(&a->mem, m->title);
    if (m->outlet) a->outlet = arena_strdup(&a->mem, m->outlet);
    if (date_valid(m->pubdate)) {
        char out[16];
        if (date_format(m->pubdate, out, sizeof out) > 0) {
            a->published = arena_strdup(&a->mem, out);
            a->pubdate = m->pubdate;
        }
    }
}

static bool starts_tag(char ch) { return ch == '/' || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'); }

/* JSON-LD articleBody is often cut short or stale, and on the pages measured
 * the body found in the DOM was never worse; it is used only when the DOM
 * gave less than half as much (pages that build their text by script). */
static void use_ld_body(buf *text, const char *body)
{
    size_t n = strlen(body);
    if (text->n * 2 >= n) return;
    text->n = 0;
    size_t para_start = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)body[i];
        if (ch == '<' && i + 1 < n && starts_tag(body[i + 1])) {
            /* Some sites put markup in articleBody: a tag is a break. */
            const char *gt = memchr(body + i, '>', n - i);
            if (gt) {
                i = (size_t)(gt - body);
                ch = '\n';
            }
        }
        if (ch == '\n' || ch == '\r') {
            if (text->n > para_start) {
                while (text->n > para_start && text->p[text->n - 1] == ' ') text->n--;
                buf_put(text, "\n\n", 2);
                para_start = text->n;
            }
            space = false;
        } else if (ch == ' ' || ch == '\t') {
            space = text->n > para_start;
        } else {
            if (space) buf_putc(text, ' ');
            buf_putc(text, (char)ch);
            space = false;
        }
    }
    while (text->n && (text->p[text->n - 1] == '\n' || text->p[text->n - 1] == ' ')) text->n--;
}

void clean_html(const clean_res *r, article *a, input *in)
{
    size_t n = in->len;
    hctx c = {.res = r->html, .a = a};
    arena_init(&c.scratch);
    buf text;
    buf_init(&text);
    c.doc = parse(in);
    xmlNodePtr root = c.doc ? xmlDocGetRootElement(c.doc) : NULL;
    if (root) {
        annotate_all(&c);
        c.body = find_body(c.doc);
        hmeta m = {0};
        html_read_meta(&c, &m);
        c.title = m.title;
        c.h1 = m.h1;
        html_find_body(&c);
        html_emit(&c, &text);
        if (m.body) use_ld_body(&text, m.body);
        if (!date_valid(m.pubdate)) html_date_from_text(&c, &m);
        set_meta(&c, &m);
    }
    /* The tree goes before the text is copied into the article, so the two
     * are never held together. libxml2 builds it of nodes of a few dozen
     * bytes each, which free() keeps in the process: after a long page (270
     * MB of them for 100 MB of HTML) their pages are given back, so they are
     * not held through nlp either. */
    if (c.doc) xmlFreeDoc(c.doc);
    arena_free(&c.scratch);
    if (n >= TRIM_AFTER) malloc_trim(0);
    clean_set_text(a, text.p ? text.p : "", text.n);
    buf_free(&text);
}
