/* buf.c — see buf.h. */
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b) { b->p = NULL; b->n = b->cap = 0; b->sink = NULL; }
void buf_free(buf *b) { free(b->p); buf_init(b); }

void buf_set_sink(buf *b, FILE *sink) { b->sink = sink; }

/* Write errors are left to the caller's ferror() or fflush() on the sink. */
void buf_flush(buf *b)
{
    if (!b->sink || !b->n) return;
    fwrite(b->p, 1, b->n, b->sink);
    b->n = 0;
}

void buf_reserve(buf *b, size_t extra)
{
    if (b->cap - b->n > extra) return;
    if (b->sink && b->n + extra >= BUF_SINK_CHUNK) {
        buf_flush(b);
        if (b->cap > extra) return;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->n <= extra) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        fprintf(stderr, "dossier: out of memory (buffer of %zu bytes)\n", cap);
        abort();
    }
    b->p = p;
    b->cap = cap;
}

void buf_put(buf *b, const void *s, size_t n)
{
    if (b->sink && n >= BUF_SINK_CHUNK) {   /* a long run goes straight out */
        buf_flush(b);
        fwrite(s, 1, n, b->sink);
        return;
    }
    buf_reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->n++] = c;
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b->p ? b->p + b->n : NULL, b->p ? b->cap - b->n : 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if (!b->p || (size_t)n >= b->cap - b->n) {
        buf_reserve(b, (size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
    }
    b->n += (size_t)n;
}

const char *buf_cstr(buf *b)
{
    buf_reserve(b, 1);
    b->p[b->n] = '\0';
    return b->p;
}
