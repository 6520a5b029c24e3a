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
 * One article's extraction peaks at 4 (text) to 6 (HTML) times its size
 * (README, "Measured"), so 256 MiB keeps the worst file under about 1.6 GB; a
 * news article is under a megabyte, a glued corpus of 221 MB still passes. */
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

/* --- containers: compressed files, archives, web archives (container.c) ---
 *
 * gzip, bzip2, xz and zstd files, tar and zip archives (compressed or not),
 * and WARC files (plain or .warc.gz) hold articles rather than being one.
 * Each article found is a member: an archive's file, a compressed file's
 * content, a WARC response record's HTTP body (when it is text or HTML). */
typedef struct read_member {
    const char *name;     /* the member's name in the archive, the WARC record's
                           * URL, or NULL for a compressed file's content */
    const char *url;      /* WARC-Target-URI, or NULL */
    const char *date;     /* WARC-Date (the capture time), or NULL */
    const char *bytes;    /* the member's decompressed bytes (not NUL-terminated) */
    size_t len;
} read_member;

/* Called for each member; with err set (one line) for a member that could
 * not be read, whose name is then m->name (the container's path when the
 * fault is not in one member). */
typedef void (*read_member_fn)(const char *container, const read_member *m, const char *err, void *ctx);

/* True when the bytes start like a container. */
bool read_is_container(const unsigned char *p, size_t n);
/* True when the file is a container, or path is "-" (standard input, read
 * as a container so that plain text and compressed data both work). */
bool read_path_is_container(const char *path);
/* Calls fn for each member of path ("-": standard input). Returns the number
 * of members that failed, or -1 with a one-line reason in err when the file
 * cannot be read at all. */
int read_container(const char *path, read_member_fn fn, void *ctx, char *err, size_t errlen);

#endif
