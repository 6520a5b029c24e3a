/* fuzz_json.c — the JSON writer over any bytes: the string it writes is
 * valid UTF-8 on one line, quoted, with no unescaped quote inside (each
 * stray byte becomes \ufffd). */
#include "fuzz.h"

#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    buf out;
    buf_init(&out);
    json_str(&out, (const char *)data, size);
    fuzz_check_json_line(out.p, out.n);
    FUZZ_CHECK(out.n >= 2 && out.p[0] == '"' && out.p[out.n - 1] == '"');
    /* no unescaped quote inside */
    for (size_t i = 1; i + 1 < out.n; i++) {
        if (out.p[i] == '\\') i++;
        else FUZZ_CHECK(out.p[i] != '"');
    }
    out.n = 0;
    json_num(&out, size ? (double)data[0] / (double)size : 0.0);
    buf_free(&out);
    return 0;
}
