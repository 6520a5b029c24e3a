/* text_units.c — plain text's lines grouped into units: paragraphs or lines.
 *
 * Scraped pages put a paragraph on each line; wire copy (Reuters) wraps a
 * paragraph at ~70 columns and marks paragraph starts with a tab (written
 * "&\t" in the Reuters-21578 dumps) or an indent. A group of lines with no
 * blank line between is read as wrapped when its lines fill a narrow column
 * and most of them stop mid-sentence; its lines are then joined into
 * paragraphs. Otherwise every line is a unit of its own, except that a line
 * cut mid-sentence continues into the next when that one starts in lower case. */
#include <string.h>

#include "clean/text_internal.h"

typedef struct tline {
    uint32_t s, e;     /* trimmed, marker dropped: bytes of the input */
    bool marker;       /* began with a paragraph marker */
    bool indent;       /* began with a tab or two or more spaces */
    bool table;        /* holds a run of three spaces: columns of a table */
} tline;

enum { WRAP_MIN = 40, WRAP_MAX = 110, TABLE_MAX = 160 };

int text_space_len(const char *s, const char *end)
{
    unsigned char c = (unsigned char)*s;
    if (c > ' ' && c < 0x80) return 0;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') return 1;
    if (c < 0xC2 || end - s < 2) return 0;
    unsigned char c1 = (unsigned char)s[1];
    if (c == 0xC2 && c1 == 0xA0) return 2;                               /* NBSP */
    if (end - s < 3) return 0;
    unsigned char c2 = (unsigned char)s[2];
    if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF)) return 3; /* U+2000–200B, 202F */
    if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;                 /* U+205F */
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;                 /* U+3000 */
    if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;                 /* BOM */
    return 0;
}

int text_end_kind(const char *s, size_t n)
{
    while (n) {
        unsigned char c = (unsigned char)s[n - 1];
        if (c == ')' || c == ']' || c == '"' || c == '\'' || c == ' ') { n--; continue; }
        /* closing curly quotes ” ’ and » */
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            (c == 0x9D || c == 0x99)) { n -= 3; continue; }
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xBB) { n -= 2; continue; }
        break;
    }
    if (!n) return 0;
    char c = s[n - 1];
    if (c == '.' || c == '!' || c == '?') return 1;
    if (c == ':') return 2;
    if (n >= 3 && memcmp(s + n - 3, "\xE2\x80\xA6", 3) == 0) return 1;
    return 0;
}

static bool starts_lower(const char *s, size_t n)
{
    return n && *s >= 'a' && *s <= 'z';
}

/* Whether s holds three spaces in a row, eight bytes at a time: each
 * word's space bytes become a mask, and a space whose two predecessors
 * (in this word or the last) are spaces too ends a run. */
static bool has_three_spaces(const char *s, size_t n)
{
    const uint64_t ones7 = 0x7F7F7F7F7F7F7F7FULL, spaces = 0x2020202020202020ULL;
    uint64_t prev = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t y = x ^ spaces;
        uint64_t z = ~(((y & ones7) + ones7) | y | ones7);   /* 0x80 where a byte is ' ' */
        if (z & ((z << 8) | (prev >> 56)) & ((z << 16) | (prev >> 48))) return true;
        prev = z;
    }
    int run = (prev >> 63) ? ((prev >> 55) & 1 ? 2 : 1) : 0;
    for (; i < n; i++) {
        run = s[i] == ' ' ? run + 1 : 0;
        if (run == 3) return true;
    }
    return false;
}

/* Reads one input line [s, e) into l; false when it is blank. */
static bool read_line(const char *base, const char *s, const char *e, tline *l)
{
    const char *p = s;
    int lead = 0;
    for (int k; p < e && (k = text_space_len(p, e)); p += k) lead += *p == '\t' ? 2 : 1;
    l->marker = e - p >= 3 && p[0] == '&' && p[1] == '\\' && p[2] == 't';
    if (l->marker)
        for (p += 3; p < e && text_space_len(p, e); p += text_space_len(p, e)) {}
    const char *t = e;
    while (t > p) {
        /* trailing white space, checked byte-wise from the end */
        if (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r' || t[-1] == '\f' || t[-1] == '\v') t--;
        else if (t - p >= 2 && (unsigned char)t[-2] == 0xC2 && (unsigned char)t[-1] == 0xA0) t -= 2;
        else break;
    }
    l->s = (uint32_t)(p - base);
    l->e = (uint32_t)(t - base);
    l->indent = lead >= 2;
    /* table rows are short; long lines are prose and need no look */
    l->table = t - p <= TABLE_MAX && has_three_spaces(p, (size_t)(t - p));
    return t > p;
}

/* Table rows and indented lines (in wire copy, tables too) stand apart, so
 * only the group's other lines are measured; unless most lines are indented. */
static bool set_apart(const tline *l, bool most_indented)
{
    return l->table || (l->indent && !most_indented);
}

static uint32_t prose_maxlen(const tline *L, int n, bool most_indented)
{
    uint32_t maxlen = 0;
    for (int i = 0; i < n; i++)
        if (!set_apart(&L[i], most_indented) && L[i].e - L[i].s > maxlen) maxlen = L[i].e - L[i].s;
    return maxlen;
}

static bool group_is_wrapped(const char *src, const tline *L, int n, bool most_indented)
{
    uint32_t maxlen = prose_maxlen(L, n, most_indented);
    int markers = 0, prose = 0;
    for (int i = 0; i < n; i++) {
        markers += L[i].marker;
        prose += !set_apart(&L[i], most_indented);
    }
    if (maxlen > WRAP_MAX * 2) return false;
    if (markers) return true;
    if (prose < 3 || maxlen < WRAP_MIN || maxlen > WRAP_MAX) return false;
    int open = 0, full = 0, measured = 0;
    for (int i = 0; i < n - 1; i++) {
        if (set_apart(&L[i], most_indented)) continue;
        uint32_t len = L[i].e - L[i].s;
        measured++;
        open += text_end_kind(src + L[i].s, len) == 0;
        full += len * 10 >= maxlen * 6;
    }
    return open * 2 >= measured && full * 2 >= measured;
}

/* One or two words in capitals closing a group: a wire's sign-off (REUTER,
 * AP), which the line before leaves as its own paragraph however the text is
 * wrapped; whether it is junk is then the junk rules' call. */
static bool sign_off(const char *src, const tline *L, int i, int n)
{
    if (i != n - 1) return false;
    const char *s = src + L[i].s;
    uint32_t len = L[i].e - L[i].s, spaces = 0, letters = 0;
    if (len < 2 || len > 24) return false;
    for (uint32_t k = 0; k < len; k++) {
        if (s[k] == ' ') spaces++;
        else if (s[k] >= 'A' && s[k] <= 'Z') letters++;
        else if (s[k] != '-' && s[k] != '.') return false;
    }
    return spaces <= 1 && letters >= 2;
}

/* Whether line i (of n) starts a new unit in its group. */
static bool breaks_before(const char *src, const tline *L, int i, int n, bool wrapped, bool markers,
                          bool most_indented, uint32_t maxlen)
{
    const tline *p = &L[i - 1], *l = &L[i];
    uint32_t plen = p->e - p->s;
    if (l->marker || l->table || p->table) return true;
    if (l->indent && !most_indented) return true;
    int end = text_end_kind(src + p->s, plen);
    if (end != 0 && sign_off(src, L, i, n)) return true;
    if (wrapped) return !markers && end != 0 && plen * 10 < maxlen * 7;
    /* a line cut mid-sentence: the next goes on in lower case, with a
     * number, or after a comma */
    const char *ls = src + l->s;
    bool goes_on = starts_lower(ls, l->e - l->s) || (*ls >= '0' && *ls <= '9') || src[p->e - 1] == ',';
    return end != 0 || plen < WRAP_MIN || !goes_on;
}

static void append_line(buf *b, const char *src, const tline *l, bool first)
{
    if (!first) {
        /* "anti-\nterror": a word broken at a hyphen stays one word */
        bool hyphen = b->n >= 2 && b->p[b->n - 1] == '-' &&
                      ((b->p[b->n - 2] | 32) >= 'a' && (b->p[b->n - 2] | 32) <= 'z') &&
                      starts_lower(src + l->s, l->e - l->s);
        if (!hyphen) buf_putc(b, ' ');
    }
    buf_put(b, src + l->s, l->e - l->s);
}

static void flush_group(tctx *c, const char *src, const tline *L, int n, uint32_t group)
{
    if (!n) return;
    int markers = 0, indented = 0;
    for (int i = 0; i < n; i++) {
        markers += L[i].marker;
        indented += L[i].indent;
    }
    bool most_indented = indented * 2 > n;
    bool wrapped = group_is_wrapped(src, L, n, most_indented);
    uint32_t maxlen = prose_maxlen(L, n, most_indented);
    unit *u = NULL;
    for (int i = 0; i < n; i++) {
        if (!u || breaks_before(src, L, i, n, wrapped, markers > 0, most_indented, maxlen)) {
            text_reserve((void **)&c->units.v, &c->units.cap, c->units.n + 1, sizeof *u);
            u = &c->units.v[c->units.n++];
            memset(u, 0, sizeof *u);
            /* two bytes before each unit: room for the paragraph break when
             * the kept units are written back over this buffer (text.c) */
            buf_put(&c->norm, "\n\n", 2);
            u->off = (uint32_t)c->norm.n;
            u->group = group;
            /* indented rows of a block (wire tables) are marked; a page
             * that indents each of its paragraphs is not */
            if (L[i].indent && (!most_indented || n >= 3)) u->flags |= UF_INDENT;
        }
        if (L[i].table) u->flags |= UF_TABLE;
        append_line(&c->norm, src, &L[i], u->nlines == 0);
        if (u->nlines < 255) u->nlines++;
        u->len = (uint32_t)c->norm.n - u->off;
    }
}

void text_build_units(tctx *c, const char *s, size_t n)
{
    uint32_t nlines = 0;
    const char *p = s, *end = s + n;
    uint32_t group = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *e = nl ? nl : end;
        tline l;
        if (read_line(s, p, e, &l)) {
            tline *lines = text_reserve(&c->lines, &c->lines_cap, nlines + 1, sizeof l);
            lines[nlines++] = l;
        } else if (nlines) {
            flush_group(c, s, c->lines, (int)nlines, group++);
            nlines = 0;
        }
        p = nl ? nl + 1 : end;
    }
    flush_group(c, s, c->lines, (int)nlines, group);
}
