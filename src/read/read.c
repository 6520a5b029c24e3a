/* read.c — bytes → UTF-8 text; see read.h. */
#include "read/read.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/utf8.h"

void input_free(input *in)
{
    free(in->text);
    in->text = NULL;
    in->len = 0;
}

static bool has_prefix(const unsigned char *p, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(p, magic, m) == 0;
}

/* Counts the control bytes text does not hold (all below 0x20 but \t \n \r
 * \f ESC) and the NULs among them. Text has a control byte (a newline) only
 * every few dozen bytes, so eight bytes at a time are ruled out first; eight
 * that hold one are counted by table, without branches. */
static void count_controls(const unsigned char *p, size_t n, size_t *ctrl, size_t *nul)
{
    static const unsigned char odd[256] = {[0 ... 8] = 1, [11] = 1, [14 ... 26] = 1, [28 ... 31] = 1};
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0, c = 0, z = 0;
    while (i < n) {
        uint64_t w;
        if (i + 8 <= n) {
            memcpy(&w, p + i, 8);
            if (!((w - ones * 0x20) & ~w & highs)) {   /* no byte below 0x20 */
                i += 8;
                continue;
            }
        }
        for (size_t end = i + 8 < n ? i + 8 : n; i < end; i++) {
            z += p[i] == 0;
            c += odd[p[i]];
        }
    }
    *ctrl = c;
    *nul = z;
}

const char *read_binary_reason(const unsigned char *p, size_t n)
{
    static const struct { const char *magic; size_t len; const char *what; } sigs[] = {
        {"%PDF", 4, "a PDF document"},           {"\x89PNG", 4, "a PNG image"},
        {"GIF8", 4, "a GIF image"},              {"\xFF\xD8\xFF", 3, "a JPEG image"},
        {"PK\x03\x04", 4, "a ZIP archive"},      {"\x1F\x8B", 2, "gzip-compressed data"},
        {"\x7F" "ELF", 4, "an executable"},      {"BZh", 3, "bzip2-compressed data"},
        {"\xFD" "7zXZ", 5, "xz-compressed data"},{"7z\xBC\xAF", 4, "a 7-Zip archive"},
        {"\x28\xB5\x2F\xFD", 4, "zstd-compressed data"}, {"SQLite format 3", 15, "an SQLite database"},
        {"\xD0\xCF\x11\xE0", 4, "an MS Office document"}, {"RIFF", 4, "a RIFF media file"},
        {"OggS", 4, "an Ogg media file"},        {"ID3", 3, "an MP3 file"},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        if (has_prefix(p, n, sigs[i].magic, sigs[i].len)) return sigs[i].what;
    /* A few stray NULs in scraped text (a truncated write, a bad copy) are
     * dropped later by utf8_repair; binary formats are full of NUL and other
     * control bytes, so only their share in the first 8 KB decides. */
    size_t look = n < 8192 ? n : 8192, ctrl = 0, nul = 0;
    count_controls(p, look, &ctrl, &nul);
    if (look && ctrl * 20 > look)
        return nul * 2 >= ctrl ? "binary data (NUL bytes)" : "binary data (control characters)";
    return NULL;
}

/* UTF-16 with no byte-order mark: Latin-script text puts a NUL in nearly every
 * other byte, on the odd side for little-endian. Other scripts without a mark
 * are not guessed at (nor are binary records with some NUL padding): NULL. */
static const char *utf16_without_bom(const unsigned char *p, size_t n)
{
    size_t look = (n < 8192 ? n : 8192) & ~(size_t)1, even = 0, odd = 0;
    if (look < 8) return NULL;
    /* Without a NUL neither side can reach nine tenths: most text ends here. */
    if (!memchr(p, 0, look)) return NULL;
    for (size_t i = 0; i < look; i += 2) {
        even += p[i] == 0;
        odd += p[i + 1] == 0;
    }
    size_t pairs = look / 2;
    if (odd * 10 >= pairs * 9 && even * 20 <= pairs) return "UTF-16LE";
    if (even * 10 >= pairs * 9 && odd * 20 <= pairs) return "UTF-16BE";
    return NULL;
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    return p;
}

bool read_looks_html(const char *p, size_t n)
{
    const char *end = p + n, *s = skip_ws(p, end);
    static const char *starts[] = {"<!doctype html", "<html", "<head", "<body", "<?xml", "<!--",
                                   "<meta", "<div", "<article", "<p>", "<p ", "<title", "<script", "<span"};
    for (size_t i = 0; s < end && *s == '<' && i < sizeof starts / sizeof *starts; i++) {
        size_t m = strlen(starts[i]);
        if ((size_t)(end - s) >= m && strncasecmp(s, starts[i], m) == 0) return true;
    }
    /* Scraped pages sometimes start with text; count tags near the start. */
    size_t look = n < 4096 ? n : 4096, tags = 0;
    static const char *tagnames[] = {"<p>", "<p ", "<div", "</p>", "</div>", "<br", "<a href", "<span", "<li>", "</a>"};
    for (size_t i = 0; i + 4 < look; i++) {
        const char *lt = memchr(p + i, '<', look - 4 - i);
        if (!lt) break;
        i = (size_t)(lt - p);
        for (size_t t = 0; t < sizeof tagnames / sizeof *tagnames; t++) {
            size_t m = strlen(tagnames[t]);
            if (i + m <= look && strncasecmp(p + i, tagnames[t], m) == 0) { tags++; break; }
        }
    }
    return tags >= 3;
}

/* The charset an HTML page declares in its first 4 KB (<meta charset> or
 * http-equiv content), lower-cased into out; false if none. */
static bool html_declared_charset(const char *p, size_t n, char *out, size_t cap)
{
    size_t look = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < look; i++) {
        if (strncasecmp(p + i, "charset", 7) != 0) continue;
        size_t j = i + 7;
        while (j < look && (p[j] == ' ' || p[j] == '=' || p[j] == '"' || p[j] == '\'')) j++;
        size_t k = 0;
        while (j < look && k + 1 < cap && p[j] != '"' && p[j] != '\'' && p[j] != ';' &&
               p[j] != '>' && p[j] != ' ' && p[j] != '/')
            out[k++] = (char)(p[j] >= 'A' && p[j] <= 'Z' ? p[j++] + 32 : p[j++]);
        out[k] = '\0';
        if (k) return true;
    }
    return false;
}

/* Converts with iconv; false if the encoding is unknown or conversion fails. */
static bool convert(const char *from, const char *p, size_t n, buf *out)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return false;
    char *in = (char *)p;
    size_t inleft = n;
    bool ok = true;
    while (inleft) {
        buf_reserve(out, inleft * 2 + 16);
        char *o = out->p + out->n;
        size_t oleft = out->cap - out->n;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        out->n = (size_t)(o - out->p);
        if (r == (size_t)-1) {
            if (errno == E2BIG) continue;
            if (errno == EILSEQ || errno == EINVAL) {      /* skip the bad unit */
                buf_put(out, "\xEF\xBF\xBD", 3);
                in++;
                inleft--;
                continue;
            }
            ok = false;
            break;
        }
    }
    iconv_close(cd);
    return ok;
}

/* Invalid UTF-8 that is mostly isolated high bytes is a legacy 8-bit page. */
static bool looks_cp1252(const char *p, size_t n)
{
    size_t bad = 0, good = 0, i = 0;
    size_t look = n < (1 << 20) ? n : (1 << 20);
    while (i < look) {
        if ((unsigned char)p[i] < 0x80) { i++; continue; }
        int len;
        int32_t cp = utf8_decode(p + i, n - i, &len);
        if (cp == 0xFFFD && len == 1) bad++;
        else good++;
        i += (size_t)len;
    }
    return bad >= 4 && bad > good * 4;
}

static int finish(input *in, buf *b, const char *encoding)
{
    buf_cstr(b);
    in->text = b->p;
    in->len = b->n;
    in->encoding = encoding;
    return 0;
}

static int decode_bytes(const char *bytes, size_t n, input *in, char *err, size_t errlen)
{
    memset(in, 0, sizeof *in);
    const unsigned char *u = (const unsigned char *)bytes;
    buf b;
    buf_init(&b);
    /* UTF-16 first: its NUL bytes would otherwise look binary. */
    const char *enc = NULL;
    size_t bom = 0;
    if (has_prefix(u, n, "\xFF\xFE", 2) || has_prefix(u, n, "\xFE\xFF", 2)) {
        enc = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
        bom = 2;
    } else {
        enc = utf16_without_bom(u, n);
    }
    if (enc) {
        buf tmp;
        buf_init(&tmp);
        if (!convert(enc, bytes + bom, n - bom, &tmp)) {
            buf_free(&tmp);
            snprintf(err, errlen, "cannot decode UTF-16 text");
            return -1;
        }
        /* Random bytes can begin with a byte-order mark: judge what came out. */
        const char *why = read_binary_reason((const unsigned char *)(tmp.p ? tmp.p : ""), tmp.n);
        if (why) {
            buf_free(&tmp);
            snprintf(err, errlen, "not text or HTML: looks like %s (read as %s)", why, enc);
            return -1;
        }
        in->replaced = utf8_repair(tmp.p ? tmp.p : "", tmp.n, &b);
        buf_free(&tmp);
        in->kind = read_looks_html(b.p ? b.p : "", b.n) ? INPUT_HTML : INPUT_TEXT;
        return finish(in, &b, enc);
    }
    if (has_prefix(u, n, "\xEF\xBB\xBF", 3)) { bytes += 3; n -= 3; u += 3; }
    const char *why = read_binary_reason(u, n);
    if (why) {
        snprintf(err, errlen, "not text or HTML: looks like %s", why);
        return -1;
    }
    in->kind = read_looks_html(bytes, n) ? INPUT_HTML : INPUT_TEXT;
    const char *encoding = "UTF-8";
    char cs[64];
    bool declared = in->kind == INPUT_HTML && html_declared_charset(bytes, n, cs, sizeof cs);
    if (declared && strcmp(cs, "utf-8") != 0 && strcmp(cs, "utf8") != 0 &&
        utf8_valid_prefix(bytes, n) != n) {
        /* Per the WHATWG encoding standard, latin-1 labels mean windows-1252. */
        const char *from = (!strcmp(cs, "iso-8859-1") || !strcmp(cs, "latin1") ||
                            !strcmp(cs, "us-ascii")) ? "WINDOWS-1252" : cs;
        buf tmp;
        buf_init(&tmp);
        if (convert(from, bytes, n, &tmp)) {
            in->replaced = utf8_repair(tmp.p ? tmp.p : "", tmp.n, &b);
            buf_free(&tmp);
            return finish(in, &b, "declared");
        }
        buf_free(&tmp);
    }
    /* One pass for the usual case, valid UTF-8; a second only when bytes were
     * bad and look like a legacy 8-bit page. */
    in->replaced = utf8_repair(bytes, n, &b);
    if (in->replaced && looks_cp1252(bytes, n)) {
        buf tmp;
        buf_init(&tmp);
        if (convert("WINDOWS-1252", bytes, n, &tmp)) {
            b.n = 0;
            in->replaced = utf8_repair(tmp.p ? tmp.p : "", tmp.n, &b);
            buf_free(&tmp);
            return finish(in, &b, "windows-1252");
        }
        buf_free(&tmp);
    }
    return finish(in, &b, encoding);
}

/* Decoded, then held to what a page may demand of the parser (limits.c). */
int read_bytes(const char *bytes, size_t n, input *in, char *err, size_t errlen)
{
    if (decode_bytes(bytes, n, in, err, errlen) != 0) return -1;
    if (in->kind == INPUT_HTML && read_html_limits(in->text, in->len, err, errlen) != 0) {
        input_free(in);
        return -1;
    }
    return 0;
}

static bool only_white_space(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f') return false;
    return true;
}

/* What a non-regular file is, for the one-line refusal. */
static const char *file_kind(mode_t mode)
{
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a named pipe";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    return "a special file";
}

int read_file(const char *path, input *in, char *err, size_t errlen)
{
    memset(in, 0, sizeof *in);
    /* O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever;
     * it is cleared below once the path is known to be a regular file. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s", strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "not a regular file (%s)", file_kind(st.st_mode));
        close(fd);
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if ((size_t)st.st_size > READ_MAX_BYTES) {
        snprintf(err, errlen, "too large (%lld bytes; the limit is %zu MiB)",
                 (long long)st.st_size, READ_MAX_BYTES >> 20);
        close(fd);
        return -1;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *p = malloc(cap);
    if (!p) {
        snprintf(err, errlen, "out of memory reading %lld bytes", (long long)st.st_size);
        close(fd);
        return -1;
    }
    for (;;) {   /* read to EOF: the file may have grown since fstat */
        if (n == cap) {
            if (cap > READ_MAX_BYTES) break;
            char *q = realloc(p, cap * 2);
            if (!q) break;
            p = q;
            cap *= 2;
        }
        ssize_t r = read(fd, p + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            snprintf(err, errlen, "%s", strerror(errno));
            free(p);
            close(fd);
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    close(fd);
    /* An empty file is almost always a failed download or save: say so rather
     * than store an article with no text. (read_bytes still accepts "" from
     * callers that build text in memory.) */
    /* A byte-order mark alone (UTF-8, or UTF-16 either way) is empty too. */
    size_t bom = n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3) ? 3
               : n >= 2 && (!memcmp(p, "\xFF\xFE", 2) || !memcmp(p, "\xFE\xFF", 2)) ? 2 : 0;
    if (only_white_space(p + bom, n - bom)) {
        snprintf(err, errlen, "nothing to read: the file %s",
                 n == bom ? (n ? "holds only a byte-order mark" : "is empty") : "holds only white space");
        free(p);
        return -1;
    }
    int rc = read_bytes(p, n, in, err, errlen);
    free(p);
    return rc;
}
