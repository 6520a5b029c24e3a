/* html_internal.h — what the HTML cleaner's files share (html*.c only).
 *
 * The page is parsed once by libxml2 into a DOM. Every element gets an
 * `hnode` (hung on its _private pointer) holding its tag kind, what the
 * pruning pass decided about it and counts over its kept descendants; the
 * content scorer, the text writer and the metadata reader all work from
 * those. Walks are iterative (parent/next links), never recursive, because a
 * hostile page may nest tags ten thousand deep. */
#ifndef DOSSIER_HTML_INTERNAL_H
#define DOSSIER_HTML_INTERNAL_H

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <stdint.h>

#include "clean/internal.h"
#include "core/wordmap.h"

/* What a tag is, for extraction (data/clean/html-tags.txt names them). */
enum hkind {
    HK_BLOCK,      /* div, section, article, unknown tags: containers */
    HK_INLINE,     /* a, span, b, em ...: text flows through them */
    HK_BR,
    HK_IMG,
    HK_P,
    HK_HEADING,    /* h2..h6: kept inside the body */
    HK_TITLE,      /* h1: the headline (the first, or one repeating the title) is not body text */
    HK_LIST,       /* ul, ol, dl */
    HK_ITEM,       /* li, dt, dd */
    HK_PRE,
    HK_QUOTE,      /* blockquote */
    HK_TABLE,
    HK_ROW,
    HK_CELL,       /* td, th */
    HK_FIGURE,
    HK_CAPTION,    /* figcaption, caption: dropped, kept for audit */
    HK_EMBED,      /* video, object, embed: counted, dropped */
    HK_FORM,       /* form, fieldset: cleaned only by the scorer's tests */
    HK_INPUT,      /* input, select, textarea, button: counted, dropped */
    HK_DROP,       /* script, style, nav, aside, footer ...: never text */
    HK__COUNT
};

/* Why an element was left out of the article (for the removed list). */
enum hwhy {
    HW_NONE,
    HW_TAG,        /* a dropped tag: script, nav, footer ... */
    HW_HIDDEN,     /* hidden attribute, display:none, aria-hidden */
    HW_CLASS,      /* class/id vocabulary: comments, share, related ... */
    HW_BYLINE,
    HW_CAPTION,
    HW_CLEANED,    /* the scorer's conditional cleaning inside the body */
    HW_TITLE,      /* the headline */
};

enum hflag {
    HF_DROP   = 1 << 0,   /* left out, with its whole subtree */
    HF_SCORED = 1 << 1,   /* score holds a content score */
    HF_SELECT = 1 << 2,   /* part of the article */
};

/* Ancestors that change the rules, known without climbing the tree (a page
 * may nest tags 100,000 deep, and climbing from each would be quadratic). */
enum hwithin {
    HIN_FIGURE = 1 << 0,
    HIN_CODE   = 1 << 1,  /* code or pre */
    HIN_TABLE  = 1 << 2,
};

typedef struct hnode {
    float score;
    float inside_best;    /* best candidate score at or under this sibling of the top */
    uint32_t chars;       /* visible characters in kept descendants (spaces collapsed) */
    uint32_t link_chars;  /* ... of those inside <a> */
    uint32_t own_chars;   /* characters of the inline text directly in this element */
    uint32_t commas, own_commas;
    uint32_t np, nimg, nli, ninput, nembed, nhead, head_chars;
    uint32_t block_kids;  /* kept child elements that are blocks */
    uint8_t kind;         /* enum hkind */
    uint8_t flags;        /* enum hflag */
    uint8_t why;          /* enum hwhy */
    int8_t weight;        /* class/id weight, clamped to -100 .. 100 */
    uint8_t unlikely;     /* class/id says boilerplate (and nothing rescues it) */
    uint8_t byline;       /* class/id/rel/itemprop says author line */
    uint8_t caption;      /* class/id says image caption or credit */
    uint8_t within;       /* enum hwithin: what the element's ancestors are */
    uint8_t data_marks;   /* a th, thead or caption below: a data table */
} hnode;

struct html_res {
    wordmap *tags;        /* tag → kind name */
    wordmap *classes;     /* class/id word → tags: drop, keep, byline, caption, ±weight */
    wordmap *roles;       /* ARIA roles of page furniture */
    wordmap *meta;        /* metadata source → "field rank" */
    wordmap *junk;        /* whole paragraphs that are page furniture */
};

/* Scoring attempts relax these one at a time when too little text is found. */
enum hpass {
    HP_STRIP_UNLIKELY = 1 << 0,
    HP_WEIGHT_CLASSES = 1 << 1,
    HP_CLEAN          = 1 << 2,
};

typedef struct hctx {
    const html_res *res;
    article *a;
    xmlDocPtr doc;
    xmlNodePtr body;
    xmlNodePtr top;       /* the chosen body container */
    xmlNodePtr region;    /* its parent: where drops are worth auditing */
    arena scratch;        /* hnodes and temporary strings, freed with the page */
    unsigned pass;        /* enum hpass */
    const char *title;    /* found by html_meta: an <h1> repeating it is not body text */
    xmlNodePtr h1;        /* the page's first <h1>, its headline */
    struct attr_facts *facts;          /* html_dom.c's cache of class/id facts */
    const xmlChar *kind_names[64];     /* ... and of tag kinds, by name pointer */
    uint8_t kinds[64];
} hctx;

static inline hnode *HN(xmlNodePtr n) { return (hnode *)n->_private; }
static inline bool is_elem(xmlNodePtr n) { return n && n->type == XML_ELEMENT_NODE && n->_private; }
static inline bool is_text(xmlNodePtr n) { return n && (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE); }

/* Document-order successor of n inside root; skip_children jumps over n's subtree. */
xmlNodePtr html_next(xmlNodePtr n, xmlNodePtr root, bool skip_children);

/* html_dom.c: hnodes, attributes, class/id vocabularies, counts. */
void html_annotate(hctx *c, xmlNodePtr root);
const char *html_attr(xmlNodePtr n, const char *name);   /* NULL if absent; owned by the DOM */
void html_count(hctx *c, xmlNodePtr root);
/* Appends the visible text of n's kept subtree, spaces collapsed, at most
 * max bytes, visiting at most 4 * max + 64 nodes. */
void html_text(xmlNodePtr n, buf *out, size_t max, bool skip_dropped);
static inline float link_density(const hnode *h) { return h->chars ? (float)h->link_chars / (float)h->chars : 0.f; }

/* html_prune.c: drops tags, hidden elements and boilerplate by class/id. */
void html_prune(hctx *c);

/* html_score.c: finds the article body; marks it HF_SELECT. */
void html_find_body(hctx *c);

/* html_emit.c: the selected elements as paragraphs of text. */
void html_emit(hctx *c, buf *out);
void html_add_removed(hctx *c, const char *s, size_t n);

/* html_meta.c: title, publication date, outlet; JSON-LD articleBody. */
typedef struct hmeta {
    const char *title, *outlet, *body;   /* scratch arena strings, or NULL */
    const char *published;              /* raw text of the best date found */
    date pubdate;
    int title_rank, outlet_rank, date_rank;
    xmlNodePtr h1;                      /* the first <h1>, where a visible date is sought */
} hmeta;
void html_read_meta(hctx *c, hmeta *m);
void html_date_from_text(hctx *c, hmeta *m);

/* html_jsonld.c: the fields of a JSON-LD block that describe an article. */
typedef struct ldfields {
    const char *headline, *published, *publisher, *body;
    bool from_article;    /* the fields came from an Article-typed object */
} ldfields;
void jsonld_scan(const char *s, size_t n, arena *mem, ldfields *out);

#endif
