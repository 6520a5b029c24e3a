/* fuzz_extract.c — any bytes → read → clean → nlp → JSON, the way `extract`
 * runs a file. FUZZ_KIND (set by the Makefile) forces the bytes to be
 * cleaned as HTML (1) or plain text (0), so each cleaner gets every input.
 * Checked: the JSON is valid UTF-8 on one line, and every span lies inside
 * the text, on character boundaries. */
#include "fuzz.h"

#ifndef FUZZ_KIND
#define FUZZ_KIND 1
#endif

static void check_span(const article *a, uint32_t s, uint32_t e)
{
    FUZZ_CHECK(s <= e && e <= a->len);
    FUZZ_CHECK(utf8_whole(a->text, s) == s || s == 0);
    FUZZ_CHECK(utf8_valid_prefix(a->text + s, e - s) == e - s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    input in;
    char err[256];
    if (read_bytes((const char *)data, size, &in, err, sizeof err) != 0) return 0;
    in.kind = FUZZ_KIND ? INPUT_HTML : INPUT_TEXT;
    article *a = dossier_extract(fuzz_dossier(), &in, "fuzz", "fuzz.html");
    input_free(&in);
    FUZZ_CHECK(a && a->text && utf8_valid_prefix(a->text, a->len) == a->len);
#define CHECK_SPANS(vec) \
    for (uint32_t i = 0; i < (vec).n; i++) check_span(a, (vec).v[i].start, (vec).v[i].end)
    for (uint32_t i = 0; i < a->tokens.n; i++) check_span(a, a->tokens.v[i].start, tok_end(&a->tokens.v[i]));
    CHECK_SPANS(a->sents);
    CHECK_SPANS(a->mentions);
    CHECK_SPANS(a->quotes);
    CHECK_SPANS(a->figures);
    CHECK_SPANS(a->times);
    buf out;
    buf_init(&out);
    dossier_article_json(a, &out);
    fuzz_check_json_line(out.p, out.n);
    buf_free(&out);
    article_free(a);
    return 0;
}
