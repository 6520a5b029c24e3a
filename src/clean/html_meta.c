/* html_meta.c — a page's title, publication date and outlet.
 *
 * Sources, each ranked in data/clean/html-meta.txt (lower rank wins): meta
 * tags (og:title, article:published_time, og:site_name ...), microdata
 * itemprops, JSON-LD (ld:headline, ld:datePublished, ld:publisher), the
 * <title> element, <time datetime>, the first <h1>; and, when none gives a
 * date, the visible text after the headline. A title loses a " | Site Name"
 * part when that part repeats the outlet. */
#include <stdlib.h>
#include <string.h>

#include "clean/html_internal.h"
#include "core/date.h"

enum { F_TITLE, F_PUBLISHED, F_OUTLET, F_NONE };

#define META_TEXT_MAX 600

static int source_rank(const html_res *r, const char *key, int *field)
{
    const char *v = wordmap_get(r->meta, key, strlen(key));
    if (!v) return -1;
    const char *sp = strchr(v, ' ');
    size_t n = sp ? (size_t)(sp - v) : strlen(v);
    *field = !strncmp(v, "title", n) ? F_TITLE : !strncmp(v, "published", n) ? F_PUBLISHED
           : !strncmp(v, "outlet", n) ? F_OUTLET : F_NONE;
    return sp ? atoi(sp + 1) : 0;
}

/* Collapses white space and trims, into the scratch arena. */
static const char *squeeze(hctx *c, const char *s, size_t n)
{
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool sp = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f';
        if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) sp = true, i++;
        if (sp) {
            if (b.n && b.p[b.n - 1] != ' ') buf_putc(&b, ' ');
        } else {
            buf_putc(&b, (char)ch);
        }
    }
    while (b.n && b.p[b.n - 1] == ' ') b.n--;
    const char *out = b.n ? arena_strndup(&c->scratch, b.p, b.n) : NULL;
    buf_free(&b);
    return out;
}

static void offer(hctx *c, hmeta *m, const char *key, const char *value)
{
    int field;
    int rank = value ? source_rank(c->res, key, &field) : -1;
    if (rank < 0) return;
    const char *v = squeeze(c, value, strlen(value));
    if (!v) return;
    if (field == F_TITLE && (!m->title || rank < m->title_rank)) {
        m->title = v;
        m->title_rank = rank;
    } else if (field == F_OUTLET && (!m->outlet || rank < m->outlet_rank)) {
        m->outlet = v;
        m->outlet_rank = rank;
    } else if (field == F_PUBLISHED && (!m->published || rank < m->date_rank)) {
        date d = {0};
        if (date_parse(v, strlen(v), &d) && date_valid(d)) {
            m->published = v;
            m->pubdate = d;
            m->date_rank = rank;
        }
    }
}

static const char *element_text(hctx *c, xmlNodePtr n)
{
    buf b;
    buf_init(&b);
    html_text(n, &b, META_TEXT_MAX, false);
    const char *s = b.n ? squeeze(c, b.p, b.n) : NULL;
    buf_free(&b);
    return s;
}

static void read_jsonld(hctx *c, hmeta *m, xmlNodePtr script)
{
    buf b;
    buf_init(&b);
    for (xmlNodePtr t = script->children; t; t = t->next) {
        if (t->content) buf_puts(&b, (const char *)t->content);
    }
    ldfields f = {0};
    if (b.n) jsonld_scan(b.p, b.n, &c->scratch, &f);
    buf_free(&b);
    offer(c, m, "ld:headline", f.headline);
    offer(c, m, "ld:datePublished", f.published);
    offer(c, m, "ld:publisher", f.publisher);
    if (f.body && (!m->body || strlen(f.body) > strlen(m->body))) m->body = f.body;
}

static void read_meta_tag(hctx *c, hmeta *m, xmlNodePtr n)
{
    const char *content = html_attr(n, "content");
    if (!content) return;
    static const char *const keys[] = {"property", "name", "itemprop"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        const char *k = html_attr(n, keys[i]);
        if (k && *k) offer(c, m, k, content);
    }
}

/* Microdata outside <meta>: <span itemprop="datePublished" content=...>. */
static void read_itemprop(hctx *c, hmeta *m, xmlNodePtr n, const char *prop)
{
    const char *v = html_attr(n, "content");
    if (!v) v = html_attr(n, "datetime");
    if (!v) v = element_text(c, n);
    offer(c, m, prop, v);
}

static void read_element(hctx *c, hmeta *m, xmlNodePtr n)
{
    const xmlChar *tag = n->name;
    if (!xmlStrcmp(tag, BAD_CAST "meta")) {
        read_meta_tag(c, m, n);
        return;
    }
    if (!xmlStrcmp(tag, BAD_CAST "script")) {
        const char *type = html_attr(n, "type");
        if (type && strstr(type, "ld+json")) read_jsonld(c, m, n);
        return;
    }
    if (!xmlStrcmp(tag, BAD_CAST "title") && !m->title) offer(c, m, "<title>", element_text(c, n));
    else if (!xmlStrcmp(tag, BAD_CAST "h1") && !m->h1) {
        m->h1 = n;
        offer(c, m, "<h1>", element_text(c, n));
    } else if (!xmlStrcmp(tag, BAD_CAST "time")) {
        const char *dt = html_attr(n, "datetime");
        if (dt) offer(c, m, html_attr(n, "pubdate") ? "<time pubdate>" : "<time>", dt);
    }
    const char *prop = n->properties ? html_attr(n, "itemprop") : NULL;
    if (prop && *prop && wordmap_has(c->res->meta, prop, strlen(prop))) read_itemprop(c, m, n, prop);
}

/* --- the title without the site's name --------------------------------------- */

/* A name folded to lower-case letters and digits, with where its words end:
 * "The Guardian" -> "theguardian" {3, 11}; "theguardian.com" -> {11, 14}. */
typedef struct folded {
    char s[128];
    size_t n;
    size_t ends[16];
    int words;
} folded;

static void fold_name(const char *s, size_t n, folded *f)
{
    f->n = 0;
    f->words = 0;
    for (size_t i = 0; i < n && f->n + 1 < sizeof f->s; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z') ch = (char)(ch + 32);
        bool word = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (unsigned char)ch >= 0x80;
        if (word) f->s[f->n++] = ch;
        bool ends = f->n && (!word || i + 1 == n) && (f->words == 0 || f->ends[f->words - 1] != f->n);
        if (ends && f->words < 16) f->ends[f->words++] = f->n;
    }
}

/* Whether a's letters begin b's and stop where one of b's words stops. */
static bool starts_at_word(const folded *a, size_t skip_a, const folded *b, size_t skip_b)
{
    size_t n = a->n - skip_a;
    if (n < 3 || n > b->n - skip_b || memcmp(a->s + skip_a, b->s + skip_b, n)) return false;
    for (int i = 0; i < b->words; i++) {
        if (b->ends[i] == skip_b + n) return true;
    }
    return false;
}

static size_t the_prefix(const folded *f) { return f->words > 1 && f->ends[0] == 3 && !memcmp(f->s, "the", 3) ? 3 : 0; }

/* "BBC News" and "BBC", "The Guardian" and "theguardian.com" name one site;
 * "Voxel graphics" and "Vox" do not. */
static bool same_site(const char *part, size_t n, const char *outlet)
{
    folded a, b;
    fold_name(part, n, &a);
    fold_name(outlet, strlen(outlet), &b);
    size_t ta = the_prefix(&a), tb = the_prefix(&b);
    return starts_at_word(&a, 0, &b, 0) || starts_at_word(&b, 0, &a, 0) || starts_at_word(&a, ta, &b, tb) ||
           starts_at_word(&b, tb, &a, ta);
}

static const char *const separators[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » ", " / "};

/* The last (or first) separator in t: its offset and length. */
static bool find_separator(const char *t, bool last, size_t *at, size_t *len)
{
    bool found = false;
    for (size_t i = 0; i < sizeof separators / sizeof *separators; i++) {
        const char *sep = separators[i];
        for (const char *p = strstr(t, sep); p; p = strstr(p + 1, sep)) {
            size_t off = (size_t)(p - t);
            if (!found || (last ? off > *at : off < *at)) {
                *at = off;
                *len = strlen(sep);
                found = true;
            }
            if (!last) break;
        }
    }
    return found;
}

static int count_words(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++) w += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
    return w;
}

/* No outlet known: a short last part after " | " is the site's name. */
static bool site_like_tail(const char *t, size_t at)
{
    size_t n = strlen(t);
    return !strncmp(t + at, " | ", 3) && count_words(t + at + 3, n - at - 3) <= 3 && count_words(t, at) >= 3;
}

static const char *strip_site(hctx *c, const char *t, const char *outlet)
{
    for (int round = 0; round < 2; round++) {
        size_t at, len;
        if (!find_separator(t, true, &at, &len)) break;
        const char *tail = t + at + len;
        if (outlet ? same_site(tail, strlen(tail), outlet) : site_like_tail(t, at)) {
            t = arena_strndup(&c->scratch, t, at);
            continue;
        }
        if (outlet && find_separator(t, false, &at, &len) && same_site(t, at, outlet)) {
            t = t + at + len;
            continue;
        }
        break;
    }
    return t;
}

void html_read_meta(hctx *c, hmeta *m)
{
    /* every top-level element, as find_body searches them all */
    xmlNodePtr root = xmlDocGetRootElement(c->doc);
    for (xmlNodePtr n = root; n; n = html_next(n, NULL, false)) {
        if (n->type == XML_ELEMENT_NODE) read_element(c, m, n);
    }
    if (m->title) m->title = strip_site(c, m->title, m->outlet);
}

/* --- a date in the visible text --------------------------------------------- */

#define DATE_SCAN_NODES 300
#define DATE_TEXT_MAX 160

static bool date_in(const char *s, size_t n, date *d)
{
    for (size_t i = 0; i < n; i++) {
        bool start = i == 0 || s[i - 1] == ' ' || s[i - 1] == ':' || s[i - 1] == ',' || s[i - 1] == '|';
        if (start && s[i] != ' ' && date_parse(s + i, n - i, d) && date_valid(*d) && d->m) return true;
    }
    return false;
}

static bool date_from(hctx *c, hmeta *m, xmlNodePtr start)
{
    int seen = 0;
    for (xmlNodePtr n = start; n && seen < DATE_SCAN_NODES;) {
        bool skip = is_elem(n) && HN(n)->kind == HK_DROP;
        if (is_text(n) && n->content) {
            size_t len = strlen((const char *)n->content);
            const char *v = len < DATE_TEXT_MAX ? squeeze(c, (const char *)n->content, len) : NULL;
            date d;
            if (v && date_in(v, strlen(v), &d)) {
                m->published = v;
                m->pubdate = d;
                return true;
            }
            seen++;
        }
        n = html_next(n, c->body, skip);
    }
    return false;
}

/* Short text runs around the headline ("Published 3 March 2019 | 10:04"),
 * from the start of the headline's container; else from the start of the
 * container the body was found in, or of the body itself. */
void html_date_from_text(hctx *c, hmeta *m)
{
    xmlNodePtr h1 = m->h1;
    if (h1 && date_from(c, m, is_elem(h1->parent) && h1->parent != c->body ? h1->parent : h1)) return;
    if (is_elem(c->region) && date_from(c, m, c->region)) return;
    if (is_elem(c->top)) date_from(c, m, c->top);
}
