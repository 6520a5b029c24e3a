/* tokenize.c — cleaned text → tokens (byte spans with flags), in one pass.
 *
 * Words keep inner hyphens, apostrophes and periods (Tehreek-i-Taliban,
 * don't, U.S.); a possessive 's is split off so "Pakistan's" yields the name.
 * Numbers keep inner , . - / and a letter suffix (3,500 106.9 2004-05 1.13bn
 * 1980s). Every other symbol is a token of its own, except "..." and "--".
 * Whether a final period belongs to a word (Mr. Dec. U.S. J.) is decided here
 * by shape; sentences.c decides with the abbreviation list whether such a
 * period also ends a sentence. Quotation marks are marked as opening or
 * closing from their neighbours (straight marks) or their shape (curly). */
#include <string.h>

#include "core/utf8.h"
#include "nlp/nlp.h"

/* ASCII classes, so the common byte costs one table lookup. */
enum { C_OTHER, C_SPACE, C_NL, C_UPPER, C_LOWER, C_DIGIT, C_PUNCT, C_HIGH };
static unsigned char ascii_class[256];
static unsigned char ascii_alnum[256];   /* 1 for [A-Za-z0-9]: the inner loop's test */

/* Filled once by nlp_load() (through nlp_tokenize_init), before any thread
 * tokenizes: lazy filling would race between extraction threads. */
void nlp_tokenize_init(void)
{
    if (ascii_class['a']) return;
    for (int c = 0; c < 256; c++) {
        unsigned char k = C_OTHER;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') k = C_SPACE;
        else if (c == '\n') k = C_NL;
        else if (c >= 'A' && c <= 'Z') k = C_UPPER;
        else if (c >= 'a' && c <= 'z') k = C_LOWER;
        else if (c >= '0' && c <= '9') k = C_DIGIT;
        else if (c >= 0x80) k = C_HIGH;
        else if (c > 0x20 && c < 0x7f) k = C_PUNCT;
        ascii_class[c] = k;
        ascii_alnum[c] = k == C_UPPER || k == C_LOWER || k == C_DIGIT;
    }
}

typedef struct cursor {
    const char *s;
    uint32_t n;
} cursor;

static int32_t cp_at(const cursor *c, uint32_t i, int *len)
{
    if (i >= c->n) { *len = 0; return 0; }
    unsigned char b = (unsigned char)c->s[i];
    if (b < 0x80) { *len = 1; return b; }
    return utf8_decode(c->s + i, c->n - i, len);
}

static bool is_alnum_cp(int32_t cp) { return uc_is_letter(cp) || uc_is_digit(cp) || (cp >= 0x300 && cp < 0x370); }
static bool is_apostrophe(int32_t cp) { return cp == '\'' || cp == 0x2019; }
static bool is_joiner(int32_t cp) { return cp == '-' || cp == 0x2010 || cp == 0x2011; }

/* End of a run of letters/digits (and combining marks) from i. */
static uint32_t alnum_run(const cursor *c, uint32_t i)
{
    const unsigned char *s = (const unsigned char *)c->s;
    const uint32_t n = c->n;
    for (;;) {
        while (ascii_alnum[s[i]]) i++;   /* the text is NUL-terminated: no bound needed */
        if (i >= n || ascii_class[s[i]] != C_HIGH) return i;
        int len;
        int32_t cp = cp_at(c, i, &len);
        if (!is_alnum_cp(cp)) return i;
        i += (uint32_t)len;
    }
}

static bool starts_alnum(const cursor *c, uint32_t i)
{
    int len;
    int32_t cp = cp_at(c, i, &len);
    return len && is_alnum_cp(cp);
}

static bool starts_digit(const cursor *c, uint32_t i)
{
    return i < c->n && c->s[i] >= '0' && c->s[i] <= '9';
}

/* A word from i: letters with inner joiners and apostrophes; U.S.-style dots. */
static uint32_t scan_word(const cursor *c, uint32_t i, uint16_t *flags)
{
    uint32_t start = i;
    i = alnum_run(c, i);
    for (;;) {
        int len;
        int32_t cp = cp_at(c, i, &len);
        if (!len) break;
        if (is_joiner(cp) && starts_alnum(c, i + (uint32_t)len)) {
            i = alnum_run(c, i + (uint32_t)len);
            continue;
        }
        if (is_apostrophe(cp) && starts_alnum(c, i + (uint32_t)len)) {
            /* possessive 's / ’s ends the word: leave it as its own token */
            uint32_t after = i + (uint32_t)len;
            if ((c->s[after] == 's' || c->s[after] == 'S') && !starts_alnum(c, after + 1)) break;
            i = alnum_run(c, after);
            continue;
        }
        /* Dotted abbreviations: U.S. U.N. e.g. — single letters between dots. */
        if (cp == '.' && i - start <= 2 && i + 1 < c->n) {
            uint32_t j = i + 1, k = alnum_run(c, j);
            if (k > j && k - j <= 2 && k < c->n && c->s[k] == '.') {
                i = k + 1;
                while (i + 1 < c->n && alnum_run(c, i) - i <= 2 && alnum_run(c, i) > i &&
                       c->s[alnum_run(c, i)] == '.')
                    i = alnum_run(c, i) + 1;
                *flags |= TF_ABBR;
                return i;
            }
        }
        break;
    }
    return i;
}

/* A number from i: digits with inner , . - / : and a trailing letter suffix. */
static uint32_t scan_number(const cursor *c, uint32_t i)
{
    i = alnum_run(c, i);
    while (i + 1 < c->n) {
        char ch = c->s[i];
        if ((ch == ',' || ch == '.' || ch == '/' || ch == ':' || ch == '-') && starts_digit(c, i + 1)) {
            i = alnum_run(c, i + 1);
            continue;
        }
        break;
    }
    return i;
}

static bool is_open_context(int32_t prev) { return prev == 0 || uc_is_space(prev) || prev == '(' || prev == '[' || uc_is_dash(prev) || prev == ':'; }

/* Flags for a quotation mark, from its shape and neighbours. */
static uint16_t quote_flags(int32_t cp, int32_t prev, int32_t next, bool *open_dq)
{
    uint16_t f = TF_QUOTE | TF_PUNCT;
    bool next_space = next == 0 || uc_is_space(next);
    bool prev_space = is_open_context(prev);
    switch (cp) {
    case 0x201C: case 0x201E: case 0xAB: *open_dq = true; return f | TF_QOPEN;
    case 0x201D: case 0xBB:
        /* A ” used as an opener (mixed-up fonts) shows by its neighbours. */
        if (prev_space && !next_space) { *open_dq = true; return f | TF_QOPEN; }
        *open_dq = false;
        return f | TF_QCLOSE;
    default:
        if (prev_space && !next_space) { *open_dq = true; return f | TF_QOPEN; }
        if (!prev_space && (next_space || !is_alnum_cp(next))) { *open_dq = false; return f | TF_QCLOSE; }
        /* Ambiguous: alternate within the paragraph. */
        *open_dq = !*open_dq;
        return f | (*open_dq ? TF_QOPEN : TF_QCLOSE);
    }
}

static void push(article *a, uint32_t s, uint32_t e, uint16_t flags, uint16_t para)
{
    token *t = ARENA_PUSH(&a->mem, a->tokens);
    t->start = s;
    t->end = e;
    t->flags = flags;
    t->para = para;
}

/* TF_CAP when the word starts upper case; TF_UPPER when its first letters
 * (up to 8, at least 2) are all upper case. Most words start lower case and
 * cost one byte test. */
static uint16_t case_flags(const cursor *c, uint32_t s, uint32_t e)
{
    int len;
    int32_t cp = cp_at(c, s, &len);
    if (!uc_is_upper(cp)) return 0;
    unsigned letters = 1;
    for (uint32_t i = s + (uint32_t)len; i < e && letters < 8; i += (uint32_t)len) {
        cp = cp_at(c, i, &len);
        if (!uc_is_letter(cp)) continue;
        if (!uc_is_upper(cp)) return TF_CAP;
        letters++;
    }
    return letters >= 2 ? TF_CAP | TF_UPPER : TF_CAP;
}

/* The last code point of [s, e). */
static int32_t last_cp(const cursor *c, uint32_t s, uint32_t e)
{
    unsigned char b = (unsigned char)c->s[e - 1];
    if (b < 0x80) return b;
    uint32_t j = e - 1;
    while (j > s && ((unsigned char)c->s[j] & 0xC0) == 0x80) j--;
    int len;
    return cp_at(c, j, &len);
}

void nlp_tokenize(article *a)
{
    nlp_tokenize_init();   /* a no-op after nlp_load; kept for direct callers */
    cursor c = {a->text, a->len};
    a->tokens.n = 0;
    uint32_t para = 0;
    uint16_t pending = TF_PARA | TF_SPACE;
    bool open_dq = false, open_sq = false, first = true;
    int32_t prev = 0;
    uint32_t i = 0;
    while (i < c.n) {
        unsigned char b = (unsigned char)c.s[i];
        unsigned char k = ascii_class[b];
        if (k == C_SPACE || k == C_NL) {
            uint32_t nl = 0;
            while (i < c.n && (ascii_class[(unsigned char)c.s[i]] == C_SPACE ||
                               ascii_class[(unsigned char)c.s[i]] == C_NL)) {
                nl += c.s[i] == '\n';
                i++;
            }
            pending |= TF_SPACE;
            if (nl >= 2 && !first) {
                pending |= TF_PARA;
                if (para < 65535) para++;
                open_dq = open_sq = false;
            }
            prev = ' ';
            continue;
        }
        int len;
        int32_t cp = cp_at(&c, i, &len);
        if (k == C_HIGH && uc_is_space(cp)) {
            i += (uint32_t)len;
            pending |= TF_SPACE;
            prev = ' ';
            continue;
        }
        uint32_t s = i, e;
        uint16_t f = pending;
        pending = 0;
        first = false;
        if (k == C_DIGIT || uc_is_digit(cp)) {
            e = scan_number(&c, i);
            f |= TF_NUM;
        } else if (uc_is_letter(cp)) {
            e = scan_word(&c, i, &f);
            f |= TF_WORD | case_flags(&c, s, e);
            /* A single capital followed by "." is an initial (J. Smith). */
            if (!(f & TF_ABBR) && e < c.n && c.s[e] == '.' && e - s == 1 && (f & TF_CAP)) {
                e++;
                f |= TF_ABBR;
            }
        } else {
            e = i + (uint32_t)len;
            f |= TF_PUNCT;
            int nlen;
            int32_t next = cp_at(&c, e, &nlen);
            if (is_apostrophe(cp) && (next == 's' || next == 'S') && uc_is_letter(prev) &&
                !starts_alnum(&c, e + 1)) {
                e += 1;   /* possessive 's as one token */
                f = (uint16_t)((f & ~TF_PUNCT) | TF_WORD);
            } else if (cp == '.' && i + 2 < c.n && c.s[i + 1] == '.' && c.s[i + 2] == '.') {
                e = i + 3;
            } else if (cp == '-' && next == '-') {
                e = i + 2;
            } else if ((cp == '`' && next == '`') || (cp == '\'' && next == '\'')) {
                /* `` and '' stand for double quotation marks in typewriter
                 * and some newspaper styles: `` opens, '' follows its neighbours. */
                e = i + 2;
                int nn;
                int32_t after = cp_at(&c, e, &nn);
                f |= cp == '`' ? (open_dq = true, TF_QUOTE | TF_QOPEN) : quote_flags('"', prev, after, &open_dq);
            } else if (cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
                f |= quote_flags(cp, prev, next, &open_dq);
            } else if (cp == 0x2018 || ((cp == '\'' || cp == 0x2019) && is_open_context(prev) && nlen && !uc_is_space(next))) {
                if (is_alnum_cp(next) || next == '(') { f |= TF_SQUOTE | TF_QOPEN; open_sq = true; }
            } else if ((cp == 0x2019 || cp == '\'') && open_sq) {
                f |= TF_SQUOTE | TF_QCLOSE;
                open_sq = false;
            }
        }
        push(a, s, e, f, (uint16_t)para);
        prev = last_cp(&c, s, e);
        i = e;
    }
}
