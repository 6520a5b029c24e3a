/* text.c — plain-text articles: placeholder keeping every non-empty line. */
#include <stdlib.h>
#include <string.h>

#include "clean/internal.h"

struct text_res { int unused; };

text_res *text_load(const char *datadir, char *err, size_t errlen) { return calloc(1, sizeof(text_res)); }
void text_free(text_res *r) { free(r); }

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

