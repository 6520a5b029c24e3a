/* limits.c — what one HTML page may demand of the parser, checked in one
 * pass over the bytes before the page is parsed.
 *
 * libxml2 compares each attribute of a tag with all the tag's earlier ones,
 * so one tag with 200,000 attributes (a 2.4 MB file) took 160 s to parse.
 * No real page comes near the limit below; a page over it is refused by
 * name, never cut silently. The scan follows the tokenizer only as far as
 * counting needs: comments and the raw text of script and style elements
 * are skipped, so a "<" inside them is not taken for a tag. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "read/read.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
static bool is_alpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Position after the first "</name" (any case) from i, or n. */
static size_t skip_raw_text(const char *p, size_t n, size_t i, const char *name, size_t len)
{
    while (i < n) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt) return n;
        i = (size_t)(lt - p) + 1;
        if (i + len < n && p[i] == '/' && !strncasecmp(p + i + 1, name, len)) return i + 1 + len;
    }
    return n;
}

/* Counts the attributes of the tag whose name ends at i; returns where the
 * tag ends, and stops counting past the limit. */
static size_t scan_attributes(const char *p, size_t n, size_t i, size_t *count)
{
    *count = 0;
    while (i < n && *count <= READ_MAX_ATTRIBUTES) {
        while (i < n && (is_space(p[i]) || p[i] == '/')) i++;
        if (i >= n || p[i] == '>') break;
        size_t name = i;
        while (i < n && !is_space(p[i]) && p[i] != '/' && p[i] != '>' && (p[i] != '=' || i == name)) i++;
        (*count)++;
        while (i < n && is_space(p[i])) i++;
        if (i >= n || p[i] != '=') continue;
        i++;
        while (i < n && is_space(p[i])) i++;
        if (i < n && (p[i] == '"' || p[i] == '\'')) {
            const char *close = memchr(p + i + 1, p[i], n - i - 1);
            i = close ? (size_t)(close - p) + 1 : n;
        } else {
            while (i < n && !is_space(p[i]) && p[i] != '>') i++;
        }
    }
    return i;
}

int read_html_limits(const char *p, size_t n, char *err, size_t errlen)
{
    static const char *const raw[] = {"script", "style"};
    for (size_t i = 0; i < n;) {
        const char *lt = memchr(p + i, '<', n - i);
        if (!lt) break;
        size_t at = (size_t)(lt - p);
        i = at + 1;
        if (i + 3 <= n && !memcmp(p + i, "!--", 3)) {
            const char *end = memmem(p + i + 3, n - i - 3, "-->", 3);
            i = end ? (size_t)(end - p) + 3 : n;
            continue;
        }
        if (i >= n || !is_alpha(p[i])) continue;
        size_t name = i;
        while (i < n && !is_space(p[i]) && p[i] != '/' && p[i] != '>') i++;
        size_t name_len = i - name, count;
        i = scan_attributes(p, n, i, &count);
        if (count > READ_MAX_ATTRIBUTES) {
            snprintf(err, errlen, "HTML tag <%.*s> at byte %zu has over %d attributes (the limit): page refused",
                     (int)(name_len > 20 ? 20 : name_len), p + name, at, READ_MAX_ATTRIBUTES);
            return -1;
        }
        for (size_t k = 0; k < sizeof raw / sizeof *raw; k++) {
            size_t len = strlen(raw[k]);
            if (name_len == len && !strncasecmp(p + name, raw[k], len)) i = skip_raw_text(p, n, i, raw[k], len);
        }
    }
    return 0;
}
