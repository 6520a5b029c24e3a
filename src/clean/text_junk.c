/* text_junk.c — which units of a plain-text page are web junk, not article.
 *
 * Signals, cheapest first: a unit's shape (no letters, one short token, an
 * identifier like "story-hero-img", a URL); word lists of web-page vocabulary
 * (data/clean/text-junk.txt: "read more" as a whole line, "Topics:" as a
 * label, "min read" or "via Getty Images" as a phrase, agency lists); and
 * neighbourhood: menus and widgets come as runs of short fragments with no
 * verb and no final punctuation, repeat within the page ("ADVERTISEMENT"),
 * or fill most of a block of lines. Running text is never looked up word by
 * word unless it sits at the edges of the article, so the cost stays linear
 * and small. */
#include <string.h>

#include "clean/text_internal.h"
#include "core/utf8.h"

enum { LONG_UNIT = 400, SENTENCE_BYTES = 80, SENTENCE_WORDS = 20, FRAGMENT_WORDS = 4, FRAGMENT_WORDS_NOSTOP = 8 };

/* --- words ---------------------------------------------------------------- */

/* 1 for ASCII letters and digits: one lookup per byte of running text. */
static const unsigned char ascii_word[128] = {
    ['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1,
};

/* Length of a word character at s (0 if none): ASCII alnum or a Unicode letter/digit. */
static inline int word_char(const char *s, const char *end)
{
    unsigned char c = (unsigned char)*s;
    if (c < 0x80) return ascii_word[c];
    int len;
    int32_t cp = utf8_decode(s, (size_t)(end - s), &len);
    return uc_is_letter(cp) || uc_is_digit(cp) ? len : 0;
}

/* End of the run of word characters from p. */
static inline const char *word_run(const char *p, const char *end)
{
    for (;;) {
        p = ascii_alnum_end(p, end);
        int l = p < end && (unsigned char)*p >= 0x80 ? word_char(p, end) : 0;
        if (!l) return p;
        p += l;
    }
}

/* Joiners kept inside a word when a word character follows: ' ’ - . & _ */
static int inner_joiner(const char *s, const char *end)
{
    char c = *s;
    if (c == '\'' || c == '-' || c == '.' || c == '&' || c == '_') return 1;
    if (end - s >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0) return 3;
    return 0;
}

int text_words(const char *s, size_t n, word_span *w, int max)
{
    const char *p = s, *end = s + n;
    int k = 0;
    while (p < end && k < max) {
        /* ASCII between words is skipped without decoding */
        while ((unsigned char)*p < 0x80 && !ascii_word[(unsigned char)*p])
            if (++p == end) return k;
        if (!word_char(p, end)) { p++; continue; }
        const char *start = p;
        for (;;) {
            p = word_run(p, end);
            int j = p < end ? inner_joiner(p, end) : 0;
            if (!j || p + j >= end || !word_char(p + j, end)) break;
            p += j;
        }
        w[k].s = (uint32_t)(start - s);
        w[k].e = (uint32_t)(p - s);
        k++;
    }
    return k;
}

const char *phrase_get(const phrases *l, const char *s, size_t n)
{
    if (!pair_may_hold(&l->pairs, s, n)) return NULL;
    const char *v = wordmap_get(l->map, s, n);
    return v && *v ? v : NULL;
}

const char *text_lookup(const phrases *l, const char *s, const word_span *w, int nwords, int i, int *nw)
{
    *nw = 1;
    /* lists hold words, not numbers: a digit starts no entry */
    if (s[w[i].s] >= '0' && s[w[i].s] <= '9') return NULL;
    if (!pair_may_hold(&l->pairs, s + w[i].s, w[i].e - w[i].s)) return NULL;
    const char *one = wordmap_get(l->map, s + w[i].s, w[i].e - w[i].s);
    if (!one) return NULL;
    if (wordmap_has(l->heads, s + w[i].s, w[i].e - w[i].s)) {
        char key[160];
        size_t maxlen = wordmap_maxlen(l->map);
        int top = nwords - i < 4 ? nwords - i : 4;
        for (int k = top; k >= 2; k--) {
            size_t len = 0;
            for (int j = i; j < i + k; j++) len += w[j].e - w[j].s + (j > i);
            if (len > maxlen || len > sizeof key) continue;
            size_t o = 0;
            for (int j = i; j < i + k; j++) {
                if (j > i) key[o++] = ' ';
                memcpy(key + o, s + w[j].s, w[j].e - w[j].s);
                o += w[j].e - w[j].s;
            }
            const char *v = wordmap_get(l->map, key, o);
            if (v && *v) {
                *nw = k;
                return v;
            }
        }
    }
    return *one ? one : NULL;
}

/* --- features ------------------------------------------------------------- */

/* Whether the first word is capitalised (or a brand like "iTunes"). */
static bool starts_upper(const char *s, size_t n)
{
    const char *end = s + n;
    for (const char *p = s; p < end;) {
        unsigned char c = (unsigned char)*p;
        if (c >= 'A' && c <= 'Z') return true;
        if (c >= 'a' && c <= 'z') {
            while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
                if (*p >= 'A' && *p <= 'Z') return true;
                p++;
            }
            return false;
        }
        if (c >= '0' && c <= '9') return true;
        if (c < 0x80) { p++; continue; }
        int len;
        int32_t cp = utf8_decode(p, (size_t)(end - p), &len);
        if (uc_is_letter(cp)) return uc_is_upper(cp);
        p += len;
    }
    return false;
}

/* ASCII classes for counting words: white space (and controls) ends a word. */
enum { AC_OTHER, AC_SPACE, AC_LETTER, AC_DIGIT };
static const unsigned char ascii_count_class[128] = {
    [0 ... ' '] = AC_SPACE, ['0' ... '9'] = AC_DIGIT, ['A' ... 'Z'] = AC_LETTER, ['a' ... 'z'] = AC_LETTER,
};

static const uint16_t ascii_count_flag[4] = {[AC_LETTER] = UF_LETTER, [AC_DIGIT] = UF_DIGIT};

/* u's words (saturating), and whether it holds letters and digits. A word
 * starts at a letter or digit after white space; punctuation neither starts
 * nor ends one. Counted in locals: stores through u would be reloaded after
 * every byte read through a char pointer. */
static void count_words(const char *s, size_t n, unit *u)
{
    const char *p = s, *e = s + n;
    bool in_word = false;
    uint32_t words = u->words;
    uint16_t flags = u->flags;
    while (p < e) {
        unsigned char ch = (unsigned char)*p;
        if (ch < 0x80) {
            /* without branches: word ends come every few bytes, unpredictably */
            unsigned k = ascii_count_class[ch];
            bool word = k >= AC_LETTER;
            words += word && !in_word;
            in_word = (in_word || word) && k != AC_SPACE;
            flags |= ascii_count_flag[k];
            p++;
            continue;
        }
        int len = text_space_len(p, e);
        if (len) {
            in_word = false;
            p += len;
            continue;
        }
        /* beyond ASCII a letter starts a word; a digit only marks the unit */
        int32_t cp = utf8_decode(p, (size_t)(e - p), &len);
        bool letter = uc_is_letter(cp);
        if (letter) flags |= UF_LETTER;
        if (uc_is_digit(cp)) flags |= UF_DIGIT;
        words += letter && !in_word;
        in_word = in_word || letter;
        p += len;
    }
    u->words = words > UINT16_MAX ? UINT16_MAX : (uint16_t)words;
    u->flags = flags;
}

void text_unit_features(tctx *c, unit *u)
{
    const char *s = unit_text(c, u);
    int end = text_end_kind(s, u->len);
    if (end == 1) u->flags |= UF_TERMINAL;
    if (end == 2) u->flags |= UF_COLON;
    if (starts_upper(s, u->len < 64 ? u->len : 64)) u->flags |= UF_UPSTART;
    if (u->len > LONG_UNIT) {
        u->flags |= UF_LONG | UF_LETTER;
        u->words = UINT16_MAX;
        return;
    }
    /* running text needs no counting: a long line ending a sentence is one */
    if ((u->flags & UF_TERMINAL) && u->len >= SENTENCE_BYTES) {
        u->flags |= UF_LETTER;
        u->words = SENTENCE_WORDS;
        return;
    }
    count_words(s, u->len, u);
}

static bool is_stop_word(const text_res *r, const char *s, size_t n)
{
    return pair_may_hold(&r->stop_pairs, s, n) && wordmap_has(r->stop, s, n);
}

/* Whether u holds a function word; only that is asked, so the lookups stop
 * at the first. Kept in the unit, as several tests ask. */
static bool has_stop_word(tctx *c, unit *u)
{
    if (u->flags & UF_STOPS) return u->has_stop;
    word_span w[TEXT_MAX_WORDS];
    const char *s = unit_text(c, u);
    int n = text_words(s, u->len, w, TEXT_MAX_WORDS);
    bool found = false;
    for (int i = 0; i < n && !found; i++) found = is_stop_word(c->r, s + w[i].s, w[i].e - w[i].s);
    u->has_stop = found;
    u->flags |= UF_STOPS;
    return found;
}

bool text_is_sentence(const unit *u)
{
    if (u->flags & UF_LONG || u->words >= SENTENCE_WORDS) return true;
    return u->words >= 6 && (u->flags & UF_TERMINAL);
}

/* A short line with no final punctuation and (past four words) no function
 * word: a menu item, label, widget or heading. */
static bool is_fragment(tctx *c, unit *u)
{
    if (u->kind != UK_BODY || u->flags & (UF_LONG | UF_TERMINAL | UF_COLON)) return false;
    if (u->words <= FRAGMENT_WORDS) return true;
    return u->words <= FRAGMENT_WORDS_NOSTOP && !has_stop_word(c, u);
}

/* --- one unit on its own -------------------------------------------------- */

/* "story-hero-img", "https://…", "www.example.com": markup that leaked. */
static bool is_identifier(const char *s, size_t n)
{
    if ((n > 4 && memcmp(s, "http", 4) == 0) || (n > 4 && memcmp(s, "www.", 4) == 0)) return true;
    bool joiner = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || (ch >= 'A' && ch <= 'Z')) return false;
        if (ch == '-' || ch == '_' || ch == '=' || ch == '/' || ch == '#') joiner = true;
    }
    return joiner;
}

static bool is_kind(const char *v, const char *kind) { return v && strcmp(v, kind) == 0; }

/* "Topics:", "Photo:" — a label word followed by a colon. */
static bool starts_with_label(const char *s, size_t n, const word_span *w, int nw, const phrases *junk)
{
    int k;
    const char *v = text_lookup(junk, s, w, nw, 0, &k);
    if (!is_kind(v, "label") && !is_kind(v, "credit")) return false;
    size_t o = w[k - 1].e;
    while (o < n && s[o] == ' ') o++;
    return o < n && s[o] == ':';
}

/* "ADVERTISEMENTREMOVE AD": a first word in capitals glued to a junk stem. */
static bool starts_with_stem(const char *s, const word_span *w, int nw, const phrases *junk)
{
    uint32_t len = w[0].e - w[0].s;
    if (len < 8) return false;
    for (uint32_t i = w[0].s; i < w[0].e; i++)
        if (s[i] >= 'a' && s[i] <= 'z') return false;
    for (uint32_t l = len - 1; l >= 4; l--)
        if (is_kind(phrase_get(junk, s + w[0].s, l), "stem")) return true;
    return false;
}

/* Every word an agency name ("AFP - AP - Xinhua", "REUTER"). */
static bool is_agency_list(const char *s, const word_span *w, int nw, const phrases *agencies)
{
    if (nw == 0 || nw > 8) return false;
    for (int i = 0, k; i < nw; i += k)
        if (!text_lookup(agencies, s, w, nw, i, &k)) return false;
    return true;
}

/* "Home / China / World": short segments between separators. */
static bool is_breadcrumb(const char *s, size_t n)
{
    int seps = 0, seg_words = 0, max_seg = 0;
    bool in_word = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        bool sep = ch == '/' || ch == '>' || ch == '|' ||
                   (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xBB) ||           /* » */
                   (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                    (unsigned char)s[i + 2] == 0xBA);                                           /* › */
        if (sep && i > 0 && s[i - 1] == ' ') {
            seps++;
            if (seg_words > max_seg) max_seg = seg_words;
            seg_words = 0;
            in_word = false;
            continue;
        }
        if (ch == ' ') in_word = false;
        else if (!in_word) { in_word = true; seg_words++; }
    }
    if (seg_words > max_seg) max_seg = seg_words;
    return seps >= 2 && max_seg <= 3;
}

/* Junk by shape or word lists. Sentences are only looked up at the edges. */
static bool unit_is_junk(tctx *c, unit *u, bool edge)
{
    const char *s = unit_text(c, u);
    if (!(u->flags & UF_LETTER)) return u->words <= 2 && !(u->flags & UF_INDENT);
    if (u->words == 1 && u->len <= 2) return true;
    bool is_sent = text_is_sentence(u);
    if (is_sent && !edge && (u->flags & UF_UPSTART)) return false;
    if (u->flags & (UF_LONG | UF_TABLE)) return false;
    /* indented rows are wire copy's, never a page's furniture; but for
     * the wire's sign-off ("  REUTER") */
    if (u->flags & UF_INDENT) {
        if (is_sent || u->words > 3) return false;
        word_span w[4];
        int nw = text_words(s, u->len, w, 4);
        return is_agency_list(s, w, nw, &c->r->agencies);
    }
    if (u->words <= 3 && is_identifier(s, u->len)) return true;
    if (!is_sent && is_breadcrumb(s, u->len)) return true;
    word_span w[TEXT_MAX_WORDS];
    int nw = text_words(s, u->len, w, TEXT_MAX_WORDS);
    if (!nw) return false;
    const phrases *junk = &c->r->junk;
    int k;
    const char *v = text_lookup(junk, s, w, nw, 0, &k);
    if (k == nw && v && !is_kind(v, "phrase")) return true;
    if (starts_with_label(s, u->len, w, nw, junk)) return true;
    if (!is_sent && !v && starts_with_stem(s, w, nw, junk)) return true;
    if (!is_sent && is_agency_list(s, w, nw, &c->r->agencies)) return true;
    /* distinct phrases: one said twice is still one */
    const char *seen[2] = {NULL, NULL};
    int hits = 0;
    bool reader = false;   /* addresses the reader: "you", "our journalism" */
    for (int i = 0; i < nw && hits < 2; i += k) {
        v = text_lookup(junk, s, w, nw, i, &k);
        if ((is_kind(v, "phrase") || (is_kind(v, "credit") && k > 1)) && v != seen[0]) seen[hits++] = v;
        else if (is_kind(v, "reader")) reader = true;
        else k = 1;
    }
    /* "you" inside a quotation is the speaker's, not the page's */
    if (reader && (memchr(s, '"', u->len) || memmem(s, u->len, "\xE2\x80\x9C", 3))) reader = false;
    return hits >= 2 || (hits == 1 && (!is_sent || reader));
}

/* --- neighbourhood --------------------------------------------------------- */

/* Runs of three or more fragments and junk lines (menus, widgets, tag
 * lists) are junk, unless a lead-in ("The winners were:") opens a list. */
/* A fragment right under a sentence of its block is that sentence's
 * attribution or credit line, not a menu item. */
static bool run_member(tctx *c, uint32_t i)
{
    unit *U = c->units.v;
    if ((U[i].flags & (UF_TABLE | UF_INDENT)) || !is_fragment(c, &U[i])) return false;
    return !(i > 0 && U[i - 1].group == U[i].group && U[i - 1].kind == UK_BODY && text_is_sentence(&U[i - 1]));
}

static void junk_runs(tctx *c)
{
    unit *U = c->units.v;
    uint32_t n = c->units.n;
    for (uint32_t i = 0; i < n;) {
        if (U[i].kind != UK_JUNK && !run_member(c, i)) { i++; continue; }
        uint32_t j = i;
        int menu = 0, frags = 0, junk = 0, listed = 0;
        for (; j < n; j++) {
            if (U[j].kind == UK_JUNK) { junk++; listed += (U[j].flags & UF_LISTED) != 0; }
            else if (run_member(c, j)) { frags++; menu += !(U[j].flags & UF_DIGIT); }
            else if (U[j].kind != UK_META) break;
        }
        /* a run needs a line the word lists know as junk: wire copy is terse too */
        bool list = i > 0 && (U[i - 1].flags & UF_COLON);
        if (frags && listed && menu + junk >= 3 && !list)
            for (uint32_t k = i; k < j; k++)
                if (U[k].kind == UK_BODY) U[k].kind = UK_JUNK;
        i = j > i ? j : i + 1;
    }
}

static uint64_t fold_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 'A' && ch <= 'Z') ch += 32;
        h = (h ^ ch) * 0x100000001b3ULL;
    }
    return h | 0x100;   /* never 0, which marks an empty slot */
}

/* Alone between blank lines. */
static bool stands_alone(const tctx *c, uint32_t i)
{
    const unit *U = c->units.v;
    return (i == 0 || U[i - 1].group != U[i].group) && (i + 1 == c->units.n || U[i + 1].group != U[i].group);
}

/* A fragment the page repeats alone between blank lines ("ADVERTISEMENT",
 * "Share") is a widget; repeated rows of a table or list are not. */
static void junk_repeats(tctx *c)
{
    uint32_t n = c->units.n, cap = 16;
    while (cap < n * 2) cap *= 2;
    /* a key's low byte counts it: keys are hashes with the low byte masked off */
    uint64_t *keys = text_reserve((void **)&c->seen, &c->seen_cap, cap, sizeof *keys);
    memset(keys, 0, cap * sizeof *keys);
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t i = 0; i < n; i++) {
            unit *u = &c->units.v[i];
            if (u->kind != UK_BODY || u->words > FRAGMENT_WORDS || !is_fragment(c, u) ||
                (u->flags & (UF_DIGIT | UF_TABLE | UF_INDENT)) || has_stop_word(c, u) || !stands_alone(c, i))
                continue;
            uint64_t h = fold_hash(unit_text(c, u), u->len) & ~(uint64_t)0xFF;
            uint32_t k = (uint32_t)(h >> 8) & (cap - 1);
            while (keys[k] && (keys[k] & ~(uint64_t)0xFF) != h) k = (k + 1) & (cap - 1);
            if (!keys[k]) keys[k] = h;
            if (pass == 0 && (keys[k] & 0xFF) < 255) keys[k]++;
            if (pass == 1 && (keys[k] & 0xFF) >= 2) u->kind = UK_JUNK;
        }
    }
}

/* A block of lines that is mostly junk is all junk: the promo sentence
 * that heads a membership widget goes with it. Long paragraphs stay. */
static void junk_blocks(tctx *c)
{
    unit *U = c->units.v;
    uint32_t n = c->units.n;
    for (uint32_t i = 0; i < n;) {
        uint32_t j = i;
        int junk = 0;
        while (j < n && U[j].group == U[i].group) junk += U[j++].kind == UK_JUNK;
        uint32_t size = j - i;
        if (size >= 3 && junk >= 3 && junk * 3 >= (int)size * 2)
            for (uint32_t k = i; k < j; k++)
                if (U[k].kind == UK_BODY && U[k].words < 20 && !(U[k].flags & (UF_TABLE | UF_INDENT)))
                    U[k].kind = UK_JUNK;
        i = j;
    }
}

/* Bracketed, or with "you"/"our" in it: cheap byte tests before any lookup. */
static bool may_be_promo(const char *s, size_t n)
{
    if (n && *s == '(') return true;
    if (n > LONG_UNIT) return false;
    /* every "you" and "our" has a 'u' second or third: memchr skips to them */
    for (const char *u = memchr(s, 'u', n); u; u = memchr(u + 1, 'u', (size_t)(s + n - u - 1))) {
        size_t i = (size_t)(u - s);
        if (i >= 2 && s[i - 1] == 'o' && (s[i - 2] | 32) == 'y') return true;
        if (i >= 1 && i + 2 < n && (s[i - 1] | 32) == 'o' && s[i + 1] == 'r' && s[i + 2] == ' ' &&
            (i == 1 || s[i - 2] == ' ' || s[i - 2] == '(')) return true;
    }
    return false;
}

void text_find_junk(tctx *c)
{
    unit *U = c->units.v;
    uint32_t n = c->units.n;
    /* Promos written as sentences sit among the last three, in brackets or
     * talking to the reader; only those sentences are looked up. */
    uint32_t seen = 0, total = 0;
    for (uint32_t i = 0; i < n; i++) total += U[i].kind == UK_BODY && text_is_sentence(&U[i]);
    for (uint32_t i = 0; i < n; i++) {
        if (U[i].kind != UK_BODY) continue;
        bool is_sent = text_is_sentence(&U[i]);
        bool edge = is_sent && seen + 3 >= total && may_be_promo(unit_text(c, &U[i]), U[i].len);
        seen += is_sent;
        if (unit_is_junk(c, &U[i], edge)) {
            U[i].kind = UK_JUNK;
            if (U[i].flags & UF_LETTER) U[i].flags |= UF_LISTED;   /* not a lone symbol */
        }
    }
    junk_repeats(c);
    junk_runs(c);
    junk_blocks(c);
}

/* --- photo credits inside a kept paragraph -------------------------------- */

/* Whether word i alone, or with the next one ("file photo"), is a credit word. */
static bool credit_word_at(tctx *c, const char *s, const word_span *w, int nw, int i)
{
    if (is_kind(phrase_get(&c->r->junk, s + w[i].s, w[i].e - w[i].s), "credit")) return true;
    return i + 1 < nw && w[i + 1].s == w[i].e + 1 &&
           is_kind(phrase_get(&c->r->junk, s + w[i].s, w[i + 1].e - w[i].s), "credit");
}

static bool has_credit_word(tctx *c, const char *s, size_t n)
{
    word_span w[TEXT_MAX_WORDS];
    int nw = text_words(s, n, w, TEXT_MAX_WORDS);
    for (int i = 0; i < nw; i++)
        if (credit_word_at(c, s, w, nw, i)) return true;
    return false;
}

/* "(Photo credit should read …)", "(AFP Photo)", "(File photo)" */
static bool starts_with_credit(tctx *c, const char *s, size_t n)
{
    word_span w[4];
    int nw = text_words(s, n, w, 4), k;
    if (!nw) return false;
    if (credit_word_at(c, s, w, nw, 0)) return true;
    return text_lookup(&c->r->agencies, s, w, nw, 0, &k) && k < nw && credit_word_at(c, s, w, nw, k);
}

/* A credit after a caption's last sentence ("AFP PHOTO / Jane Doe"): no
 * function word, a credit word, and an agency or a slash. */
static bool is_credit_fragment(tctx *c, const char *s, size_t n)
{
    word_span w[TEXT_MAX_WORDS];
    int nw = text_words(s, n, w, TEXT_MAX_WORDS);
    if (nw > 8) return false;
    bool agency = memchr(s, '/', n) != NULL;
    for (int i = 0; i < nw; i++) {
        if (is_stop_word(c->r, s + w[i].s, w[i].e - w[i].s)) return false;
        agency = agency || phrase_get(&c->r->agencies, s + w[i].s, w[i].e - w[i].s);
    }
    return agency && has_credit_word(c, s, n);
}

/* Cuts [at, len) off the unit, recording it as removed. */
static void cut_tail(tctx *c, unit *u, uint32_t at)
{
    const char *s = unit_text(c, u);
    text_remove(c, s + at, u->len - at);
    while (at > 0 && s[at - 1] == ' ') at--;
    u->len = at;
}

void text_trim_credit(tctx *c, unit *u)
{
    for (int round = 0; round < 3 && u->len; round++) {
        const char *s = unit_text(c, u);
        uint32_t n = u->len;
        if (s[n - 1] == ')') {
            /* "(Photo credit should read …)" */
            uint32_t open = n - 1;
            while (open > 0 && s[open] != '(') open--;
            if (s[open] == '(' && n - open <= 160 && open > 0 && starts_with_credit(c, s + open + 1, n - open - 2)) {
                cut_tail(c, u, open);
                continue;
            }
        }
        if (text_end_kind(s, n)) return;
        /* "… spree. AFP PHOTO / Jane Doe": a credit after the last sentence */
        uint32_t lo = n > 100 ? n - 100 : 0, at = 0;
        for (uint32_t i = n - 1; i > lo; i--)
            if (s[i] == ' ' && (s[i - 1] == '.' || s[i - 1] == '!' || s[i - 1] == '?')) { at = i + 1; break; }
        if (!at || !(memchr(s + at, '/', n - at) || memmem(s + at, n - at, "HOTO", 4) || memmem(s + at, n - at, "hoto", 4)) ||
            !is_credit_fragment(c, s + at, n - at))
            return;
        cut_tail(c, u, at);
    }
}
