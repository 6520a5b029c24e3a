/* json.c — see json.h. */
#include "core/json.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

void json_str(buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(b, '"');
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') { run++; continue; }
        if (c >= 0x80) {
            int len;
            int32_t cp = utf8_decode(s + i, n - i, &len);
            if (cp != 0xFFFD || len > 1) {
                run += (size_t)len;
                i += (size_t)len - 1;
                continue;
            }
        }
        if (run) { buf_put(b, s + i - run, run); run = 0; }
        switch (c) {
        case '"':  buf_put(b, "\\\"", 2); break;
        case '\\': buf_put(b, "\\\\", 2); break;
        case '\n': buf_put(b, "\\n", 2); break;
        case '\t': buf_put(b, "\\t", 2); break;
        case '\r': buf_put(b, "\\r", 2); break;
        default: {
            if (c >= 0x80) {   /* not UTF-8: the output stays valid JSON */
                buf_put(b, "\\ufffd", 6);
                break;
            }
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            buf_put(b, e, 6);
        }
        }
    }
    if (run) buf_put(b, s + n - run, run);
    buf_putc(b, '"');
}

void json_cstr(buf *b, const char *s)
{
    if (!s) buf_puts(b, "null");
    else json_str(b, s, strlen(s));
}

void json_num(buf *b, double v)
{
    if (isnan(v) || isinf(v)) buf_puts(b, "null");
    else if (v == floor(v) && fabs(v) < 1e15) buf_printf(b, "%.0f", v);
    else buf_printf(b, "%.15g", v);
}

void json_key(buf *b, const char *key)
{
    json_cstr(b, key);
    buf_putc(b, ':');
}
