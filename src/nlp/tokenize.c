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

/* alnum_run past a byte >= 0x80: letters, digits and combining marks
 * decoded one by one. Out of line, as most words are ASCII. */
static uint32_t alnum_run_high(const cursor *c, uint32_t i)
{
    const unsigned char *s = (const unsigned char *)c->s;
    for (;;) {
        int len;
        int32_t cp = cp_at(c, i, &len);
        if (!is_alnum_cp(cp)) return i;
        i += (uint32_t)len;
        while (ascii_alnum[s[i]]) i++;
        if (i >= c->n || s[i] < 0x80) return i;
    }
}

/* End of a run of letters/digits (and combining marks) from i. */
static inline uint32_t alnum_run(const cursor *c, uint32_t i)
{
    /* the NUL after the text ends a run, so the scan may read it */
    const char *p = ascii_alnum_end(c->s + i, c->s + c->n + 1);
    i = (uint32_t)(p - c->s);
    if (i >= c->n || (unsigned char)*p < 0x80) return i;
    return alnum_run_high(c, i);
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

/* Bytes after a run of letters that may carry a word on: joiners, an
 * apostrophe, a dot, or the lead byte of ’ ‐ ‑ or a letter beyond ASCII. */
static const unsigned char may_go_on[256] = {['-'] = 1, ['\''] = 1, ['.'] = 1, [0x80 ... 0xff] = 1};

/* A word from i: letters with inner joiners and apostrophes; U.S.-style dots. */
static uint32_t scan_word(const cursor *c, uint32_t i, uint16_t *flags)
{
    uint32_t start = i;
    i = alnum_run(c, i);
    for (;;) {
        /* Most words end at a space or a punctuation mark that cannot join. */
        if (!may_go_on[(unsigned char)c->s[i]]) break;
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

/* The token array is sized from the text once (news runs about one token
 * per 5.5 bytes), so pushes rarely grow and copy it. */
static void reserve_tokens(article *a)
{
    uint32_t want = a->len / 5 + 16;
    if (a->tokens.cap >= want) return;
    a->tokens.v = arena_alloc(&a->mem, (size_t)want * sizeof *a->tokens.v);
    a->tokens.cap = want;
}

/* Every field is set, so the slot needs no zeroing first (as ARENA_PUSH does).
 * A run longer than TOKEN_MAX_LEN (no news word is) goes in as pieces of at
 * most that many bytes, cut between characters; the pieces after the first
 * keep its kind but no space or paragraph before them. */
static inline void push_one(article *a, uint32_t s, uint32_t e, uint16_t flags)
{
    if (a->tokens.n == a->tokens.cap)
        arena_vec_grow(&a->mem, (void **)&a->tokens.v, &a->tokens.cap, sizeof *a->tokens.v);
    a->tokens.v[a->tokens.n++] = (token){.start = s, .len = (uint16_t)(e - s), .flags = flags};
}

static inline void push(article *a, uint32_t s, uint32_t e, uint16_t flags)
{
    while (__builtin_expect(e - s > TOKEN_MAX_LEN, 0)) {
        uint32_t cut = s + TOKEN_MAX_LEN;
        while (cut > s + 1 && ((unsigned char)a->text[cut] & 0xC0) == 0x80) cut--;
        push_one(a, s, cut, flags);
        s = cut;
        flags &= (uint16_t)~(TF_SPACE | TF_PARA | TF_SENT | TF_QOPEN | TF_QCLOSE);
    }
    push_one(a, s, e, flags);
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

/* What the scan carries from one token to the next. */
typedef struct scan {
    cursor c;
    article *a;          /* for its paragraph steps */
    uint32_t para;
    uint16_t pending;    /* TF_SPACE / TF_PARA for the next token */
    bool open_dq, open_sq, first;
    int32_t prev;        /* last code point of the previous token, ' ' after space */
} scan;

/* Skips ASCII white space from i; two newlines or more open a paragraph. */
static uint32_t skip_space(scan *st, uint32_t i)
{
    const unsigned char *s = (const unsigned char *)st->c.s, *p = s + i;
    uint32_t nl = 0;
    do {   /* the NUL after the text is no space: the loop stops there */
        nl += *p == '\n';
        p++;
    } while (ascii_class[*p] == C_SPACE || ascii_class[*p] == C_NL);
    st->pending |= TF_SPACE;
    if (nl >= 2 && !st->first) {
        st->pending |= TF_PARA;
        if (st->para < 65535) {
            st->para++;
            *ARENA_PUSH(&st->a->mem, st->a->para_steps) = st->a->tokens.n;
        }
        st->open_dq = st->open_sq = false;
    }
    st->prev = ' ';
    return (uint32_t)(p - s);
}

/* A symbol at i (code point cp, len bytes): its end, with flags added to *f.
 * Joins ... -- `` '' and a possessive 's; marks quotation marks. */
static uint32_t scan_symbol(scan *st, uint32_t i, int32_t cp, int len, uint16_t *f)
{
    const cursor *c = &st->c;
    uint32_t e = i + (uint32_t)len;
    *f |= TF_PUNCT;
    int nlen;
    int32_t next = cp_at(c, e, &nlen), prev = st->prev;
    if (is_apostrophe(cp) && (next == 's' || next == 'S') && uc_is_letter(prev) && !starts_alnum(c, e + 1)) {
        e += 1;   /* possessive 's as one token */
        *f = (uint16_t)((*f & ~TF_PUNCT) | TF_WORD);
    } else if (cp == '.' && i + 2 < c->n && c->s[i + 1] == '.' && c->s[i + 2] == '.') {
        e = i + 3;
    } else if (cp == '-' && next == '-') {
        e = i + 2;
    } else if ((cp == '`' && next == '`') || (cp == '\'' && next == '\'')) {
        /* `` and '' stand for double quotation marks in typewriter
         * and some newspaper styles: `` opens, '' follows its neighbours. */
        e = i + 2;
        int nn;
        int32_t after = cp_at(c, e, &nn);
        *f |= cp == '`' ? (st->open_dq = true, TF_QUOTE | TF_QOPEN) : quote_flags('"', prev, after, &st->open_dq);
    } else if (cp == '"' || cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
        *f |= quote_flags(cp, prev, next, &st->open_dq);
    } else if (cp == 0x2018 || ((cp == '\'' || cp == 0x2019) && is_open_context(prev) && nlen && !uc_is_space(next))) {
        if (is_alnum_cp(next) || next == '(') { *f |= TF_SQUOTE | TF_QOPEN; st->open_sq = true; }
    } else if ((cp == 0x2019 || cp == '\'') && st->open_sq) {
        *f |= TF_SQUOTE | TF_QCLOSE;
        st->open_sq = false;
    }
    return e;
}

/* A word from i (a letter): its end, with TF_WORD, case and TF_ABBR in *f. */
static uint32_t scan_letters(const cursor *c, uint32_t i, uint16_t *f)
{
    uint32_t e = scan_word(c, i, f);
    *f |= TF_WORD | case_flags(c, i, e);
    /* A single capital followed by "." is an initial (J. Smith). */
    if (e - i == 1 && (*f & TF_CAP) && !(*f & TF_ABBR) && e < c->n && c->s[e] == '.') {
        e++;
        *f |= TF_ABBR;
    }
    return e;
}

/* The token at i (no ASCII space): its end and flags; false for Unicode
 * white space, which is skipped like ASCII space. The ASCII byte class
 * decides words and numbers without decoding; each scanner has one call
 * site, so it is inlined into the loop. */
static bool scan_token(scan *st, uint32_t i, uint32_t *end, uint16_t *f)
{
    unsigned char k = ascii_class[(unsigned char)st->c.s[i]];
    bool letter = k == C_LOWER || k == C_UPPER, digit = k == C_DIGIT;
    int len = 1;
    int32_t cp = 0;
    if (!letter && !digit) {
        cp = cp_at(&st->c, i, &len);
        if (k == C_HIGH) {
            if (uc_is_space(cp)) { *end = i + (uint32_t)len; return false; }
            digit = uc_is_digit(cp);
            letter = !digit && uc_is_letter(cp);
        }
    }
    if (letter) *end = scan_letters(&st->c, i, f);
    else if (digit) { *end = scan_number(&st->c, i); *f |= TF_NUM; }
    else *end = scan_symbol(st, i, cp, len, f);
    return true;
}

void nlp_tokenize(article *a)
{
    nlp_tokenize_init();   /* a no-op after nlp_load; kept for direct callers */
    scan st = {.c = {a->text, a->len}, .a = a, .pending = TF_PARA | TF_SPACE, .first = true};
    a->tokens.n = 0;
    a->para_steps.n = 0;
    reserve_tokens(a);
    uint32_t i = 0;
    while (i < st.c.n) {
        unsigned char k = ascii_class[(unsigned char)st.c.s[i]];
        if (k == C_SPACE || k == C_NL) {
            i = skip_space(&st, i);
            continue;
        }
        uint32_t e;
        uint16_t f = st.pending;
        if (!scan_token(&st, i, &e, &f)) {
            st.pending |= TF_SPACE;
            st.prev = ' ';
            i = e;
            continue;
        }
        st.first = false;
        push(a, i, e, f);
        /* one space before the next token, the usual case, takes no loop */
        if (st.c.s[e] == ' ' && ascii_class[(unsigned char)st.c.s[e + 1]] != C_SPACE &&
            ascii_class[(unsigned char)st.c.s[e + 1]] != C_NL) {
            st.pending = TF_SPACE;
            st.prev = ' ';
            i = e + 1;
            continue;
        }
        st.pending = 0;
        st.prev = last_cp(&st.c, i, e);
        i = e;
    }
}
