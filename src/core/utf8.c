/* utf8.c — see utf8.h. */
#include "core/utf8.h"

#include <string.h>

#include <utf8proc.h>

int32_t utf8_decode(const char *s, size_t n, int *len)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) { *len = 1; return c; }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp);
    if (k <= 0) { *len = 1; return 0xFFFD; }
    *len = (int)k;
    return cp;
}

size_t utf8_valid_prefix(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        int len;
        int32_t cp = utf8_decode(s + i, n - i, &len);
        if (cp == 0xFFFD && len == 1) return i;
        i += (size_t)len;
    }
    return n;
}

size_t utf8_whole(const char *s, size_t n)
{
    for (size_t back = 1; back <= 4 && back <= n; back++) {
        unsigned char c = (unsigned char)s[n - back];
        if ((c & 0xC0) == 0x80) continue;          /* a continuation byte: look further back */
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return len > back ? n - back : n;
    }
    return n;
}

int utf8_encode(int32_t cp, char *out)
{
    return (int)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* Bytes copied as they are: printable ASCII and \t \n \r (a constant table,
 * so threads share it without initialisation). */
static const unsigned char plain_byte[256] = {
    ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [0x20 ... 0x7e] = 1,
};

/* End of the run of plain bytes from i. Eight bytes at a time are let
 * through when none is below 0x20 or above 0x7e; a word that holds one (a
 * newline, a letter outside ASCII) is looked at byte by byte. */
static size_t plain_run(const char *s, size_t i, size_t n)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (;;) {
        uint64_t w;
        while (i + 8 <= n) {
            memcpy(&w, s + i, 8);
            if (((w - ones * 0x20) & ~w) & highs) break;   /* a byte below 0x20 */
            if ((w | (w + ones)) & highs) break;            /* a byte of 0x7f or above */
            i += 8;
        }
        for (size_t end = i + 8 < n ? i + 8 : n; i < end; i++)
            if (!plain_byte[(unsigned char)s[i]]) return i;
        if (i >= n) return n;
    }
}

/* Valid text is copied in one piece at the end: bytes are only copied
 * ahead of one that is dropped or replaced. */
size_t utf8_repair(const char *s, size_t n, buf *out)
{
    size_t bad = 0, i = 0, kept = 0;   /* s[kept, i) is still to copy */
    buf_reserve(out, n);
    while ((i = plain_run(s, i, n)) < n) {
        unsigned char c = (unsigned char)s[i];
        int len = 1;
        int32_t cp = c < 0x80 ? c : utf8_decode(s + i, n - i, &len);
        bool invalid = cp == 0xFFFD && len == 1;
        /* Other C0 controls, DEL and C1 controls are dropped: nothing
         * legitimate in news text. */
        if (invalid || c < 0x80 || (cp >= 0x80 && cp < 0xA0)) {
            buf_put(out, s + kept, i - kept);
            if (invalid) {
                buf_put(out, "\xEF\xBF\xBD", 3);
                bad++;
            }
            kept = i + (size_t)len;
        }
        i += (size_t)len;
    }
    buf_put(out, s + kept, n - kept);
    return bad;
}

bool uc_is_letter_slow(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

bool uc_is_upper_slow(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

bool uc_is_lower_slow(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool uc_is_digit_slow(int32_t cp)
{
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

bool uc_is_space(int32_t cp)
{
    if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    if (cp == 0xFEFF || cp == 0x200B) return true;  /* BOM and zero-width space as stray padding */
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

bool uc_is_dash(int32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

int32_t uc_tolower(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    return utf8proc_tolower(cp);
}

