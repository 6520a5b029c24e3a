/* read.h — the first stage: any file's bytes become UTF-8 text, tagged HTML or plain.
 *
 * The kind is read from the bytes, never the file name. Byte-order marks,
 * UTF-16 (with or without a mark) and declared or evident legacy encodings
 * (windows-1252, latin-1, …) are converted; invalid UTF-8 is replaced with
 * U+FFFD and stray NUL or control bytes dropped, never fatal. Binary files
 * (images, archives, executables, anything with many NUL or control bytes),
 * empty files and anything that is not a regular file (folders, named pipes,
 * devices) are refused with a one-line reason, without blocking. */
#ifndef DOSSIER_READ_H
#define DOSSIER_READ_H

#include <stdbool.h>
#include <stddef.h>

enum input_kind { INPUT_TEXT, INPUT_HTML };

typedef struct input {
    char *text;          /* malloc'd, valid UTF-8, NUL-terminated */
    size_t len;
    enum input_kind kind;
    size_t replaced;     /* invalid byte sequences replaced by U+FFFD */
    const char *encoding;/* the encoding the bytes were read as (static string) */
} input;

/* Maximum input accepted (bytes); larger files are refused, not truncated.
 * One article's extraction peaks near 19 times its size (README,
 * "Measured"), so 256 MiB keeps the worst file under about 5 GB; a news
 * article is under a megabyte, a glued corpus of 221 MB still passes. */
#define READ_MAX_BYTES ((size_t)256 << 20)

/* The most attributes one HTML tag may have: the parser's work grows with
 * their square, and a page with more is refused (limits.c). */
#define READ_MAX_ATTRIBUTES 1000

/* 0 when the HTML page is within the limits above; -1 with a one-line
 * reason in err. read_bytes applies it to every page it reads as HTML. */
int read_html_limits(const char *p, size_t n, char *err, size_t errlen);

/* 0 on success; -1 with a one-line reason in err (no path prefix). */
int read_file(const char *path, input *in, char *err, size_t errlen);
int read_bytes(const char *bytes, size_t n, input *in, char *err, size_t errlen);
void input_free(input *in);

/* Why the bytes look binary, or NULL if they look like text. */
const char *read_binary_reason(const unsigned char *p, size_t n);
bool read_looks_html(const char *p, size_t n);

/* Calls fn for every regular file under each path (folders recursively, in
 * sorted order; hidden entries skipped). Unreadable paths are reported
 * through fn with err set. Symbolic links are followed, and each folder is
 * walked once per call (a link loop ends). Returns the number of paths that
 * failed. */
typedef void (*walk_fn)(const char *path, const char *err, void *ctx);
int read_walk(const char *const *paths, int npaths, walk_fn fn, void *ctx);

#endif
