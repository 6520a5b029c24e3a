/* buf.h — a growable byte buffer (malloc-backed), for output and scratch text.
 *
 * Used where a result outlives an article (JSON lines, SQL text) or where the
 * final size is unknown; article data itself goes in the article's arena. */
#ifndef DOSSIER_BUF_H
#define DOSSIER_BUF_H

#include <stddef.h>

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

void buf_init(buf *b);
void buf_free(buf *b);
void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const void *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(buf *b);   /* NUL-terminates without counting the NUL */

#endif
