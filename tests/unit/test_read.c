/* test_read.c — the read stage: which bytes are text, how they become UTF-8,
 * and which files are refused, with what reason. */
#include "testutil.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

static input last;   /* what read_n read, kept until the next call */

/* read_bytes on n bytes; the text (or NULL) and the reason in err. */
static char *read_n(const char *bytes, size_t n, char *err, size_t errlen)
{
    input_free(&last);
    err[0] = '\0';
    if (read_bytes(bytes, n, &last, err, errlen) != 0) return NULL;
    return last.text;
}

static void utf16_with_and_without_a_mark(void **state)
{
    char err[256];
    static const char le_bom[] = "\xFF\xFE" "A\0b\0c\0 \0d\0e\0f\0.\0";
    static const char be_bare[] = "\0T\0h\0e\0 \0m\0a\0y\0o\0r\0 \0s\0a\0i\0d\0.";
    assert_string_equal(read_n(le_bom, sizeof le_bom - 1, err, sizeof err), "Abc def.");
    assert_string_equal(read_n(be_bare, sizeof be_bare - 1, err, sizeof err), "The mayor said.");
}

static void a_stray_nul_is_dropped_not_fatal(void **state)
{
    char err[256];
    static const char text[] = "Rain fell all day in the valley.\0 Roads were closed by evening.";
    assert_string_equal(read_n(text, sizeof text - 1, err, sizeof err),
                        "Rain fell all day in the valley. Roads were closed by evening.");
}

static void binary_is_refused_with_a_reason(void **state)
{
    char err[256], junk[4096];
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert_null(read_n(png, sizeof png - 1, err, sizeof err));
    assert_non_null(strstr(err, "PNG"));
    uint32_t x = 12345;   /* a fixed pseudo-random sequence */
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (char)(x >> 16);
    }
    assert_null(read_n(junk, sizeof junk, err, sizeof err));
    assert_non_null(strstr(err, "binary"));
    /* Records padded with NULs: text-looking, but every fourth byte NUL. */
    for (size_t i = 0; i < sizeof junk; i++) junk[i] = i % 4 == 3 ? '\0' : 'a';
    assert_null(read_n(junk, sizeof junk, err, sizeof err));
}

static void invalid_utf8_is_replaced_and_counted(void **state)
{
    char err[256];
    input in;
    static const char text[] = "Caf\xC3\xA9 prices rose 4\xFF per cent.";
    assert_int_equal(read_bytes(text, sizeof text - 1, &in, err, sizeof err), 0);
    assert_string_equal(in.text, "Caf\xC3\xA9 prices rose 4\xEF\xBF\xBD per cent.");
    assert_int_equal(in.replaced, 1);
    input_free(&in);
}

static void legacy_8bit_text_is_converted(void **state)
{
    char err[256];
    static const char text[] = "Caf\xE9 na\xEFve \x93quoted\x94 r\xE9sum\xE9 \xE0 la carte.";
    assert_string_equal(read_n(text, sizeof text - 1, err, sizeof err),
                        "Caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x9Cquoted\xE2\x80\x9D r\xC3\xA9sum\xC3\xA9 "
                        "\xC3\xA0 la carte.");
}

/* read_file on a path made by make(path); the return and the reason. */
static int read_made(void (*make)(const char *), char *err, size_t errlen)
{
    char dir[] = "/tmp/dossier-test-read-XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/f", dir);
    make(path);
    input in;
    int rc = read_file(path, &in, err, errlen);
    if (rc == 0) input_free(&in);
    remove(path);
    rmdir(dir);
    return rc;
}

static void write_empty(const char *p) { fclose(fopen(p, "w")); }
static void write_blank(const char *p) { FILE *f = fopen(p, "w"); fputs(" \n\t\n", f); fclose(f); }
static void write_bom(const char *p) { FILE *f = fopen(p, "w"); fputs("\xEF\xBB\xBF", f); fclose(f); }
static void write_bom_blank(const char *p) { FILE *f = fopen(p, "w"); fputs("\xEF\xBB\xBF \n", f); fclose(f); }
static void make_folder(const char *p) { mkdir(p, 0700); }
static void make_fifo(const char *p) { assert_int_equal(mkfifo(p, 0600), 0); }

static void files_that_hold_nothing_are_refused(void **state)
{
    char err[256];
    assert_int_equal(read_made(write_empty, err, sizeof err), -1);
    assert_non_null(strstr(err, "empty"));
    assert_int_equal(read_made(write_blank, err, sizeof err), -1);
    assert_non_null(strstr(err, "white space"));
    /* a byte-order mark is no text either (it gave an empty article, issue 9) */
    assert_int_equal(read_made(write_bom, err, sizeof err), -1);
    assert_non_null(strstr(err, "only a byte-order mark"));
    assert_int_equal(read_made(write_bom_blank, err, sizeof err), -1);
    assert_non_null(strstr(err, "white space"));
}

/* One tag with n attributes, then text. */
static char *many_attributes(int n)
{
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><body><div");
    for (int i = 0; i < n; i++) buf_printf(&b, " a%d=\"x>y\"", i);   /* a quoted > is no end */
    buf_puts(&b, "><p>The council reopened the bridge.</p></body></html>");
    return (char *)buf_cstr(&b);
}

/* libxml2 took 160 s over one tag with 200,000 attributes: a page over the
 * limit is refused by name, at once; one at the limit is read. */
static void a_tag_with_too_many_attributes_is_refused(void **state)
{
    char err[256];
    input in;
    char *ok = many_attributes(READ_MAX_ATTRIBUTES), *over = many_attributes(200000);
    assert_int_equal(read_bytes(ok, strlen(ok), &in, err, sizeof err), 0);
    input_free(&in);
    assert_int_equal(read_bytes(over, strlen(over), &in, err, sizeof err), -1);
    assert_non_null(strstr(err, "<div> at byte 12 has over 1000 attributes"));
    free(ok);
    free(over);
    /* In a script, a comment or plain text, '<' opens no tag to count. */
    buf b;
    buf_init(&b);
    buf_puts(&b, "<html><head><script>if (a <b");
    for (int i = 0; i < 2000; i++) buf_puts(&b, " x=1");
    buf_puts(&b, ") {}</script><!-- <i");
    for (int i = 0; i < 2000; i++) buf_puts(&b, " y");
    buf_puts(&b, " --></head><body><p>The council reopened the bridge.</p></body></html>");
    assert_int_equal(read_bytes(b.p, b.n, &in, err, sizeof err), 0);
    assert_int_equal(in.kind, INPUT_HTML);
    input_free(&in);
    b.n = 0;
    buf_puts(&b, "Plain text: 3 <x");
    for (int i = 0; i < 2000; i++) buf_puts(&b, " y");
    assert_int_equal(read_bytes(b.p, b.n, &in, err, sizeof err), 0);
    input_free(&in);
    buf_free(&b);
}

static void only_regular_files_are_read(void **state)
{
    char err[256];
    assert_int_equal(read_made(make_folder, err, sizeof err), -1);
    assert_non_null(strstr(err, "folder"));
    /* A pipe with no writer: refused at once rather than waited on. */
    assert_int_equal(read_made(make_fifo, err, sizeof err), -1);
    assert_non_null(strstr(err, "pipe"));
}

/* The word-at-a-time scans agree with a byte loop whatever byte sits at
 * whatever offset of an eight-byte word: repair keeps text, drops controls,
 * DEL and C1, replaces bad bytes; runs of letters and digits end where they should. */
static void byte_scans_agree_at_every_offset(void **state)
{
    char text[24];
    for (int c = 0; c < 256; c++) {
        for (int at = 0; at < 20; at++) {
            memset(text, 'a', sizeof text);
            text[at] = (char)c;
            bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            const char *end = ascii_alnum_end(text, text + 20);
            assert_ptr_equal(end, text + (alnum ? 20 : at));
            buf out;
            buf_init(&out);
            size_t bad = utf8_repair(text, 20, &out);
            bool plain = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f);
            if (plain) {
                assert_int_equal(out.n, 20);
                assert_int_equal(bad, 0);
            } else if (c < 0x80) {
                assert_int_equal(out.n, 19);   /* a control byte or DEL, dropped */
                assert_int_equal(bad, 0);
            } else {
                assert_int_equal(out.n, 22);   /* a lone high byte becomes U+FFFD */
                assert_int_equal(bad, 1);
                assert_memory_equal(out.p + at, "\xEF\xBF\xBD", 3);
            }
            buf_free(&out);
        }
    }
    buf out;
    buf_init(&out);
    const char mixed[] = "caf\xC3\xA9 \xC2\x85ok\xE2\x80\x9Cq\xE2\x80\x9D\x01.";
    assert_int_equal(utf8_repair(mixed, sizeof mixed - 1, &out), 0);
    assert_int_equal(out.n, sizeof mixed - 1 - 3);   /* NEL (C1) and \x01 dropped */
    assert_memory_equal(out.p, "caf\xC3\xA9 ok\xE2\x80\x9Cq\xE2\x80\x9D.", out.n);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf16_with_and_without_a_mark),
        cmocka_unit_test(a_stray_nul_is_dropped_not_fatal),
        cmocka_unit_test(binary_is_refused_with_a_reason),
        cmocka_unit_test(invalid_utf8_is_replaced_and_counted),
        cmocka_unit_test(legacy_8bit_text_is_converted),
        cmocka_unit_test(files_that_hold_nothing_are_refused),
        cmocka_unit_test(a_tag_with_too_many_attributes_is_refused),
        cmocka_unit_test(only_regular_files_are_read),
        cmocka_unit_test(byte_scans_agree_at_every_offset),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    input_free(&last);
    return failed;
}
