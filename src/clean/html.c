/* html.c — HTML pages: parse, find the article body, read the metadata.
 *
 * The pipeline per page: libxml2 parses the UTF-8 text into a DOM;
 * html_meta.c reads title, date and outlet (meta tags, JSON-LD, <time>);
 * html_prune.c drops what is never article text; html_score.c scores
 * paragraph containers the way Readability does and selects the body;
 * html_emit.c writes the selected blocks as paragraphs. Word lists live in
 * data/clean/html-*.txt. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/html_internal.h"
#include "core/date.h"

static wordmap *load_list(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/clean/%s", dir, name);
    return wordmap_load(path, WM_FOLD, err, errlen);
}

html_res *html_load(const char *datadir, char *err, size_t errlen)
{
    html_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    static const char *const names[] = {"html-tags.txt", "html-unlikely.txt", "html-likely.txt",
                                        "html-weights.txt", "html-bylines.txt", "html-captions.txt", "html-roles.txt",
                                        "html-meta.txt", "html-junk.txt"};
    wordmap **maps[] = {&r->tags, &r->unlikely, &r->likely, &r->weights,
                        &r->bylines, &r->captions, &r->roles, &r->meta, &r->junk};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (!(*maps[i] = load_list(datadir, names[i], err, errlen))) {
            html_free(r);
            return NULL;
        }
    }
    return r;
}

void html_free(html_res *r)
{
    if (!r) return;
    wordmap_free(r->tags);
    wordmap_free(r->unlikely);
    wordmap_free(r->likely);
    wordmap_free(r->weights);
    wordmap_free(r->bylines);
    wordmap_free(r->captions);
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
 * walk here is iterative, so depth costs nothing but memory. */
static htmlDocPtr parse(const char *html, size_t n)
{
    if (n > INT32_MAX) n = INT32_MAX;
    int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
               HTML_PARSE_COMPACT | XML_PARSE_HUGE;
    return htmlReadMemory(html, (int)n, NULL, "UTF-8", opts);
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

void clean_html(const clean_res *r, article *a, const char *html, size_t n)
{
    hctx c = {.res = r->html, .a = a};
    arena_init(&c.scratch);
    buf text;
    buf_init(&text);
    c.doc = parse(html, n);
    xmlNodePtr root = c.doc ? xmlDocGetRootElement(c.doc) : NULL;
    if (root) {
        html_annotate(&c, root);
        c.body = find_body(c.doc);
        hmeta m = {0};
        html_read_meta(&c, &m);
        c.title = m.title;
        html_prune(&c);
        html_find_body(&c);
        html_emit(&c, &text);
        if (!date_valid(m.pubdate)) html_date_from_text(&c, &m);
        set_meta(&c, &m);
    }
    clean_set_text(a, text.p ? text.p : "", text.n);
    buf_free(&text);
    if (c.doc) xmlFreeDoc(c.doc);
    arena_free(&c.scratch);
}
