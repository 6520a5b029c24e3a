/* buf.h — a growable byte buffer (malloc-backed), for output and scratch text.
 *
 * Used where a result outlives an article (JSON lines, SQL text) or where the
 * final size is unknown; article data itself goes in the article's arena. */
#ifndef DOSSIER_BUF_H
#define DOSSIER_BUF_H

#include <stddef.h>
#include <stdio.h>

/* With a sink, the buffer writes behind: once it holds BUF_SINK_CHUNK bytes
 * they go to the sink, so a document of any size (one article's JSON for a
 * 100 MB text) passes through a buffer of bounded size. buf_flush writes
 * what is left. Without one, everything put stays in memory. */
typedef struct buf {
    char *p;
    size_t n, cap;
    FILE *sink;
} buf;

enum { BUF_SINK_CHUNK = 64 * 1024 };

void buf_init(buf *b);
void buf_free(buf *b);
void buf_set_sink(buf *b, FILE *sink);   /* NULL: back to in memory */
void buf_flush(buf *b);                  /* a sink's buffer: writes out and empties it */
void buf_reserve(buf *b, size_t extra);
void buf_put(buf *b, const void *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(buf *b);   /* NUL-terminates without counting the NUL */

#endif
