/* container.c — the articles inside a compressed file, an archive or a web
 * archive (WARC); see read.h.
 *
 * Decompression and archive formats are libarchive's (gzip, bzip2, xz,
 * zstd; tar, zip). WARC records are split here, over the stream libarchive
 * decompresses: libarchive's own WARC reader keeps only the path of the
 * target URI (not its scheme and host) and hides the record's headers, and
 * an article needs its whole URL and the HTTP payload's type.
 *
 * Each member is read whole into memory, up to READ_MAX_BYTES; a member that
 * grows past that, or past READ_BOMB_RATIO times the compressed bytes read
 * so far once it is large, is refused and the next one read. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read/read.h"

/* Past READ_BOMB_FLOOR decompressed bytes, a member may be at most this many
 * times the compressed bytes read: news text compresses 3-10 times, a
 * decompression bomb thousands. */
#define READ_BOMB_RATIO 200
#define READ_BOMB_FLOOR ((size_t)64 << 20)

bool read_is_container(const unsigned char *p, size_t n)
{
    static const struct { const char *magic; size_t len; } sigs[] = {
        {"\x1F\x8B", 2}, {"BZh", 3}, {"\xFD" "7zXZ", 5}, {"PK\x03\x04", 4},
        {"\x28\xB5\x2F\xFD", 4}, {"WARC/1.", 7},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        if (n >= sigs[i].len && memcmp(p, sigs[i].magic, sigs[i].len) == 0) return true;
    return n >= 262 && memcmp(p + 257, "ustar", 5) == 0;   /* tar */
}

bool read_path_is_container(const char *path)
{
    if (!strcmp(path, "-")) return true;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    unsigned char head[512];
    ssize_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, head, sizeof head) : -1;
    close(fd);
    return n > 0 && read_is_container(head, (size_t)n);
}

/* --- reading one entry's bytes ------------------------------------------- */

typedef struct src {
    struct archive *a;
    const char *container;
    char *p;              /* what is read of this entry and not yet used */
    size_t n, cap, off;
    size_t total;         /* bytes of this entry read so far */
    bool eof, failed;
    bool broken;          /* the stream itself failed: nothing more can be read */
    char err[256];
} src;

static bool src_fill(src *s, size_t want)
{
    while (!s->eof && s->n - s->off < want) {
        if (s->off && s->off == s->n) s->off = s->n = 0;
        if (s->off > s->cap / 2) {
            memmove(s->p, s->p + s->off, s->n - s->off);
            s->n -= s->off;
            s->off = 0;
        }
        if (s->cap - s->n < 65536) {
            size_t cap = s->cap ? s->cap * 2 : 1 << 17;
            char *q = realloc(s->p, cap + 1);
            if (!q) {
                snprintf(s->err, sizeof s->err, "out of memory");
                s->failed = s->eof = true;
                break;
            }
            s->p = q;
            s->cap = cap;
        }
        la_ssize_t got = archive_read_data(s->a, s->p + s->n, s->cap - s->n);
        if (got < 0) {
            snprintf(s->err, sizeof s->err, "%s", archive_error_string(s->a) ? archive_error_string(s->a) : "cannot decompress");
            s->failed = s->eof = true;
            s->broken = true;   /* if the next header cannot be read either, this error said it */
            break;
        }
        if (got == 0) s->eof = true;
        s->n += (size_t)got;
        s->total += (size_t)got;
        int64_t packed = archive_filter_bytes(s->a, -1);
        if (s->total > READ_MAX_BYTES) {
            snprintf(s->err, sizeof s->err, "larger than %zu MB decompressed (refused)", READ_MAX_BYTES >> 20);
            s->failed = s->eof = true;
        } else if (s->total > READ_BOMB_FLOOR && packed > 0 && s->total / (size_t)packed > READ_BOMB_RATIO) {
            snprintf(s->err, sizeof s->err, "decompresses over %d times its size: a decompression bomb? (refused)",
                     READ_BOMB_RATIO);
            s->failed = s->eof = true;
        }
    }
    return s->n - s->off >= want;
}

/* --- WARC ------------------------------------------------------------------ */

/* The value of header `name` in the header block h (lines "Name: value"),
 * copied into out; false when absent. */
static bool header_value(const char *h, size_t n, const char *name, char *out, size_t outlen)
{
    size_t k = strlen(name);
    for (const char *line = h, *end = h + n; line < end;) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        const char *le = nl ? nl : end;
        if ((size_t)(le - line) > k && line[k] == ':' && strncasecmp(line, name, k) == 0) {
            const char *v = line + k + 1;
            while (v < le && (*v == ' ' || *v == '\t')) v++;
            const char *ve = le;
            while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ')) ve--;
            size_t m = (size_t)(ve - v) < outlen - 1 ? (size_t)(ve - v) : outlen - 1;
            memcpy(out, v, m);
            out[m] = '\0';
            return true;
        }
        line = le + 1;
    }
    return false;
}

/* The end of a header block starting at p (after its blank line), or NULL. */
static const char *headers_end(const char *p, size_t n, size_t *hlen)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] != '\n') continue;
        size_t j = i + 1;
        if (j < n && p[j] == '\r') j++;
        if (j < n && p[j] == '\n') {
            *hlen = i;
            return p + j + 1;
        }
    }
    return NULL;
}

/* An HTTP response's body when it is a page worth reading (2xx, text or
 * HTML), else NULL. */
static const char *http_body(const char *p, size_t n, size_t *blen)
{
    size_t hlen;
    if (n < 12 || strncmp(p, "HTTP/", 5) != 0) return NULL;
    const char *body = headers_end(p, n, &hlen);
    const char *sp = memchr(p, ' ', n < 16 ? n : 16);
    if (!body || !sp || sp[1] != '2') return NULL;
    char type[128];
    if (header_value(p, hlen, "Content-Type", type, sizeof type) && strncasecmp(type, "text/", 5) != 0 &&
        strncasecmp(type, "application/xhtml", 17) != 0)
        return NULL;
    char enc[64];
    if (header_value(p, hlen, "Content-Encoding", enc, sizeof enc) && strcasecmp(enc, "identity") != 0)
        return NULL;   /* the payload kept compressed: rare in WARCs, not read */
    *blen = n - (size_t)(body - p);
    return body;
}

/* Splits the WARC stream in s into records; each response record with a
 * page is one member. Returns the number of members that failed. */
static int read_warc(src *s, read_member_fn fn, void *ctx)
{
    int failed = 0;
    for (;;) {
        while (src_fill(s, 1) && (s->p[s->off] == '\r' || s->p[s->off] == '\n')) s->off++;
        if (!src_fill(s, 8)) break;
        if (strncmp(s->p + s->off, "WARC/", 5) != 0) {
            fn(s->container, &(read_member){.name = s->container}, "not a WARC record where one should start (the rest is skipped)", ctx);
            return failed + 1;
        }
        size_t hlen = 0, need = 4096;
        const char *body = NULL;
        while (!(body = headers_end(s->p + s->off, s->n - s->off, &hlen)) && src_fill(s, need) && need < (1u << 20)) need *= 2;
        if (!body) break;
        const char *h = s->p + s->off;
        char type[32] = "", uri[2048] = "", date[64] = "", len[32] = "";
        header_value(h, hlen, "WARC-Type", type, sizeof type);
        header_value(h, hlen, "WARC-Target-URI", uri, sizeof uri);
        header_value(h, hlen, "WARC-Date", date, sizeof date);
        header_value(h, hlen, "Content-Length", len, sizeof len);
        char *end = NULL;
        unsigned long long clen = strtoull(len, &end, 10);
        if (!len[0] || *end) {
            fn(s->container, &(read_member){.name = uri[0] ? uri : s->container}, "WARC record without a Content-Length (the rest is skipped)", ctx);
            return failed + 1;
        }
        s->off = (size_t)(body - s->p);
        bool want = !strcmp(type, "response");
        if (!want || clen > READ_MAX_BYTES) {   /* skipped, a little at a time */
            if (want) {
                fn(s->container, &(read_member){.name = uri}, "WARC record larger than the limit (skipped)", ctx);
                failed++;
            }
            while (clen && src_fill(s, 1)) {
                size_t k = s->n - s->off < clen ? s->n - s->off : (size_t)clen;
                s->off += k;
                clen -= k;
            }
            continue;
        }
        if (!src_fill(s, (size_t)clen)) {
            fn(s->container, &(read_member){.name = uri}, s->failed ? s->err : "WARC record cut short", ctx);
            return failed + 1;
        }
        size_t blen;
        const char *page = http_body(s->p + s->off, (size_t)clen, &blen);
        if (page) {
            read_member m = {.name = uri, .url = uri, .date = date[0] ? date : NULL, .bytes = page, .len = blen};
            fn(s->container, &m, NULL, ctx);
        }
        s->off += (size_t)clen;
    }
    if (s->failed) {
        fn(s->container, &(read_member){.name = s->container}, s->err, ctx);
        failed++;
    }
    return failed;
}

/* --- archives -------------------------------------------------------------- */

/* One entry: a WARC stream is split into records, anything else is one
 * member. raw: the entry is a compressed file's content (no member name). */
static int read_entry(src *s, struct archive_entry *e, bool raw, read_member_fn fn, void *ctx)
{
    const char *name = raw ? NULL : archive_entry_pathname(e);
    if (!raw && archive_entry_filetype(e) != AE_IFREG) return 0;   /* folders, links */
    s->off = s->n = s->total = 0;
    s->eof = s->failed = false;
    if (src_fill(s, 7) && !strncmp(s->p, "WARC/1.", 7)) return read_warc(s, fn, ctx);
    while (src_fill(s, s->n - s->off + 1)) {}
    read_member m = {.name = name, .bytes = s->p + s->off, .len = s->n - s->off};
    if (s->failed) {
        fn(s->container, &m, s->err, ctx);
        return 1;
    }
    fn(s->container, &m, NULL, ctx);
    return 0;
}

int read_container(const char *path, read_member_fn fn, void *ctx, char *err, size_t errlen)
{
    struct archive *a = archive_read_new();
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    archive_read_support_format_zip(a);
    archive_read_support_format_raw(a);   /* a compressed file, or plain bytes (stdin) */
    bool in = !strcmp(path, "-");
    int r = in ? archive_read_open_fd(a, STDIN_FILENO, 65536) : archive_read_open_filename(a, path, 65536);
    if (r != ARCHIVE_OK) {
        snprintf(err, errlen, "%s", archive_error_string(a) ? archive_error_string(a) : "cannot open");
        archive_read_free(a);
        return -1;
    }
    src s = {.a = a, .container = in ? "(standard input)" : path};
    int failed = 0, entries = 0;
    struct archive_entry *e;
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK || r == ARCHIVE_WARN) {
        bool raw = archive_format(a) == ARCHIVE_FORMAT_RAW;
        entries++;
        failed += read_entry(&s, e, raw, fn, ctx);
    }
    if (r != ARCHIVE_EOF && !s.broken) {
        const char *why = archive_error_string(a) ? archive_error_string(a) : "unreadable";
        if (!entries) {
            snprintf(err, errlen, "%s", why);
            failed = -1;
        } else {
            char msg[300];
            snprintf(msg, sizeof msg, "%s (the members after it are lost)", why);
            fn(s.container, &(read_member){.name = s.container}, msg, ctx);
            failed++;
        }
    }
    free(s.p);
    archive_read_free(a);
    return failed;
}
