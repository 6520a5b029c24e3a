/* html.c — HTML pages: placeholder taking the text of every <p>. */
#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

#include "clean/internal.h"

struct html_res { int unused; };

html_res *html_load(const char *datadir, char *err, size_t errlen) { return calloc(1, sizeof(html_res)); }
void html_free(html_res *r) { free(r); }

static void collect(xmlNode *n, buf *b)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (!xmlStrcasecmp(n->name, BAD_CAST "p")) {
            xmlChar *t = xmlNodeGetContent(n);
            if (t && *t) {
                if (b->n) buf_put(b, "\n\n", 2);
                buf_puts(b, (const char *)t);
            }
            xmlFree(t);
        } else {
            collect(n->children, b);
        }
    }
}

void clean_html(const clean_res *r, article *a, const char *html, size_t n)
{
    htmlDocPtr doc = htmlReadMemory(html, (int)n, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                    HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    buf b;
    buf_init(&b);
    if (doc) collect(xmlDocGetRootElement(doc), &b);
    clean_set_text(a, b.p ? b.p : "", b.n);
    buf_free(&b);
    if (doc) xmlFreeDoc(doc);
}
