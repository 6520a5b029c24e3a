/* html_jsonld.c — reads the article fields of a JSON-LD block
 * (<script type="application/ld+json">): headline, datePublished,
 * publisher name and articleBody, from the first Article-typed object (any
 * object's, failing that), however deep in @graph or arrays it sits.
 *
 * Written by hand rather than with a JSON library because pages' JSON-LD is
 * often not JSON: raw newlines in strings, trailing commas, HTML entities,
 * truncated blocks. This reader never fails; it keeps whatever fields it
 * read before the bytes stopped making sense. It builds no tree: each object
 * hands its few interesting fields up as it closes. */
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "clean/html_internal.h"
#include "core/utf8.h"

#define MAX_DEPTH 64

typedef struct jstr { const char *p; size_t n; } jstr;   /* raw, still escaped */

typedef struct jval {
    jstr str;          /* a string, or an array's first string */
    jstr name;         /* an object's "name" */
    bool article;      /* a string or array naming an article type */
} jval;

typedef struct jreader {
    const char *s, *e;
    arena *mem;
    ldfields *out;
    int depth;
} jreader;

static void skip_ws(jreader *r)
{
    while (r->s < r->e && (*r->s == ' ' || *r->s == '\n' || *r->s == '\r' || *r->s == '\t')) r->s++;
}

static bool names_article(jstr t)
{
    static const char *const kinds[] = {"Article", "BlogPosting", "Report", "LiveBlogPosting"};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        if (memmem(t.p, t.n, kinds[i], strlen(kinds[i]))) return true;
    }
    return false;
}

static jstr read_string(jreader *r)
{
    jstr t = {++r->s, 0};   /* past the opening quote */
    while (r->s < r->e && *r->s != '"') r->s += (*r->s == '\\' && r->s + 1 < r->e) ? 2 : 1;
    t.n = (size_t)(r->s - t.p);
    if (r->s >= r->e) return (jstr){NULL, 0};   /* cut off: not a value to trust */
    r->s++;
    return t;
}

static bool parse_value(jreader *r, jval *v);

static void parse_array(jreader *r, jval *v)
{
    r->s++;
    for (;;) {
        skip_ws(r);
        if (r->s >= r->e) return;
        if (*r->s == ']') {
            r->s++;
            return;
        }
        if (*r->s == ',') {
            r->s++;
            continue;
        }
        jval item = {0};
        const char *before = r->s;
        if (!parse_value(r, &item) || r->s == before) {
            r->s = r->e;
            return;
        }
        if (item.str.p && !v->str.p) v->str = item.str;
        if (item.name.p && !v->name.p) v->name = item.name;
        v->article |= item.article || (item.str.p && names_article(item.str));
    }
}

/* Decodes a raw JSON string (escapes, and the HTML entities pages leave in
 * it) into the arena; white space is kept as is. */
static const char *decode(arena *mem, jstr t)
{
    if (!t.p) return NULL;
    buf b;
    buf_init(&b);
    for (size_t i = 0; i < t.n; i++) {
        char ch = t.p[i], enc[4];
        if (ch == '\\' && i + 1 < t.n) {
            char x = t.p[++i];
            if (x == 'n' || x == 'r' || x == 't' || x == 'b' || x == 'f') buf_putc(&b, x == 't' ? ' ' : '\n');
            else if (x == 'u' && i + 4 < t.n) {
                int32_t cp = (int32_t)strtol((char[]){t.p[i + 1], t.p[i + 2], t.p[i + 3], t.p[i + 4], 0}, NULL, 16);
                i += 4;
                if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < t.n && t.p[i + 1] == '\\' && t.p[i + 2] == 'u') {
                    int32_t lo = (int32_t)strtol((char[]){t.p[i + 3], t.p[i + 4], t.p[i + 5], t.p[i + 6], 0}, NULL, 16);
                    if (lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        i += 6;
                    }
                }
                if ((cp >= 0xD800 && cp < 0xE000) || cp == 0) cp = 0xFFFD;
                buf_put(&b, enc, (size_t)utf8_encode(cp, enc));
            } else buf_putc(&b, x);
        } else if (ch == '&') {
            size_t k = i + 1;
            while (k < t.n && k - i < 12 && t.p[k] != ';' && t.p[k] != '&' && t.p[k] != ' ') k++;
            int32_t cp = -1;
            if (k < t.n && t.p[k] == ';' && k > i + 1) {
                char name[16];
                memcpy(name, t.p + i + 1, k - i - 1);
                name[k - i - 1] = '\0';
                if (name[0] == '#') cp = (int32_t)strtol(name + 1 + (name[1] == 'x'), NULL, name[1] == 'x' ? 16 : 10);
                else {
                    const htmlEntityDesc *d = htmlEntityLookup(BAD_CAST name);
                    if (d) cp = (int32_t)d->value;
                }
            }
            if (cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp < 0xE000)) {
                buf_put(&b, enc, (size_t)utf8_encode(cp, enc));
                i = k;
            } else buf_putc(&b, ch);
        } else {
            buf_putc(&b, ch);
        }
    }
    const char *s = arena_strndup(mem, b.p ? b.p : "", b.n);
    buf_free(&b);
    return s;
}

typedef struct jobject { jstr headline, published, publisher, body; bool article; } jobject;

static void keep_fields(jreader *r, const jobject *o)
{
    ldfields *out = r->out;
    if (o->article && !out->from_article) {
        /* The first article object wins over anything read before it. */
        if (o->headline.p) out->headline = decode(r->mem, o->headline);
        if (o->published.p) out->published = decode(r->mem, o->published);
        if (o->publisher.p) out->publisher = decode(r->mem, o->publisher);
        if (o->body.p) out->body = decode(r->mem, o->body);
        out->from_article = true;
        return;
    }
    if (!out->published && o->published.p) out->published = decode(r->mem, o->published);
    if (!out->publisher && o->publisher.p) out->publisher = decode(r->mem, o->publisher);
}

static bool key_is(jstr k, const char *name) { return k.n == strlen(name) && !memcmp(k.p, name, k.n); }

static void take_field(jobject *o, jval *name_out, jstr key, const jval *v)
{
    if (key_is(key, "@type")) o->article = v->article || (v->str.p && names_article(v->str));
    else if (key_is(key, "headline") && v->str.p) o->headline = v->str;
    else if (key_is(key, "datePublished") && v->str.p) o->published = v->str;
    else if (key_is(key, "articleBody") && v->str.p) o->body = v->str;
    else if (key_is(key, "publisher")) o->publisher = v->name.p ? v->name : v->str;
    else if (key_is(key, "name") && v->str.p) name_out->name = v->str;
}

static void parse_object(jreader *r, jval *v)
{
    jobject o = {0};
    r->s++;
    for (;;) {
        skip_ws(r);
        if (r->s >= r->e) break;
        if (*r->s == '}') {
            r->s++;
            break;
        }
        if (*r->s == ',') {
            r->s++;
            continue;
        }
        if (*r->s != '"') {
            r->s = r->e;
            break;
        }
        jstr key = read_string(r);
        if (!key.p) break;
        skip_ws(r);
        if (r->s < r->e && *r->s == ':') r->s++;
        jval val = {0};
        const char *before = r->s;
        if (!parse_value(r, &val) || r->s == before) {
            r->s = r->e;
            break;
        }
        take_field(&o, v, key, &val);
    }
    keep_fields(r, &o);
}

static bool parse_value(jreader *r, jval *v)
{
    skip_ws(r);
    if (r->s >= r->e) return false;
    if (*r->s == '"') {
        v->str = read_string(r);
        return v->str.p != NULL;
    }
    if (*r->s == '{' || *r->s == '[') {
        if (r->depth >= MAX_DEPTH) return false;
        r->depth++;
        if (*r->s == '{') parse_object(r, v);
        else parse_array(r, v);
        r->depth--;
        return true;
    }
    while (r->s < r->e && !strchr(",}] \t\r\n", *r->s)) r->s++;   /* number, true, null */
    return true;
}

void jsonld_scan(const char *s, size_t n, arena *mem, ldfields *out)
{
    jreader r = {s, s + n, mem, out, 0};
    while (r.s < r.e) {
        skip_ws(&r);
        const char *before = r.s;
        jval v = {0};
        if (!parse_value(&r, &v) || r.s == before) break;
    }
}
