/* text.c — plain-text articles: placeholder keeping every non-empty line. */
#include <string.h>

#include "clean/internal.h"

void clean_set_text(article *a, const char *s, size_t n)
{
    a->text = arena_strndup(&a->mem, s, n);
    a->len = (uint32_t)n;
    a->paras.n = 0;
    uint32_t start = 0;
    for (uint32_t i = 0; i <= a->len; i++) {
        if (i == a->len || (a->text[i] == '\n' && i + 1 < a->len && a->text[i + 1] == '\n')) {
            if (i > start) {
                span *p = ARENA_PUSH(&a->mem, a->paras);
                p->start = start;
                p->end = i;
            }
            start = i + 2;
            i++;
        }
    }
}

void clean_text(const clean_res *r, article *a, const char *text, size_t n)
{
    buf b;
    buf_init(&b);
    const char *p = text, *end = text + n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        const char *s = p;
        while (s < e && (*s == ' ' || *s == '\t' || *s == '\r')) s++;
        const char *t = e;
        while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r')) t--;
        if (t > s) {
            if (b.n) buf_put(&b, "\n\n", 2);
            buf_put(&b, s, (size_t)(t - s));
        }
        p = e + (nl ? 1 : 0);
    }
    clean_set_text(a, b.p ? b.p : "", b.n);
    buf_free(&b);
}

size_t clean_parse_date(const char *s, size_t n, date *out) { return 0; }

const char *clean_date_string(article *a, date d)
{
    if (!d.y) return NULL;
    if (!d.m) return arena_printf(&a->mem, "%04d", d.y);
    if (!d.d) return arena_printf(&a->mem, "%04d-%02d", d.y, d.m);
    return arena_printf(&a->mem, "%04d-%02d-%02d", d.y, d.m, d.d);
}
