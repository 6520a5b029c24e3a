/* text_meta.c — a plain-text page's metadata: date lines, bylines, outlet, title.
 *
 * Metadata lines are short and made of parts separated by '|': dates with a
 * label ("Updated 15/07/2016 8:24 AM IST"), bylines ("By Agencies in
 * Islamabad"), and the outlet's name ("China Daily"). Publication dates are
 * read by date_parse() (core/date.h); of several, a "Published" one beats an
 * unlabelled one, which beats an "Updated" one, and the first wins a tie.
 * The outlet is taken only where the page names itself: a name in a metadata
 * line or copyright notice, "(At X, we …)", "Read … at X", a wire sign-off. */
#include <string.h>

#include "clean/text_internal.h"

enum date_rank { DR_UPDATED = 1, DR_PLAIN = 2, DR_PUBLISHED = 3 };
enum { OR_SIGNOFF = 1, OR_PROMO = 2, OR_NAMED = 3 };
enum { META_MAX_WORDS = 24, TOP_UNITS = 6, TAIL_UNITS = 4, DATE_PREFIX_UNITS = 2, TITLE_MAX_WORDS = 30, TITLE_MAX_BYTES = 300 };

void text_remove(tctx *c, const char *s, size_t n)
{
    char *out = arena_alloc(&c->a->mem, n + 1);
    size_t o = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        bool sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
        if (sp) { space = o > 0; continue; }
        if (space) out[o++] = ' ';
        space = false;
        out[o++] = s[i];
    }
    out[o] = '\0';
    if (o) *ARENA_PUSH(&c->a->mem, c->a->removed) = out;
}

void text_set_outlet(tctx *c, const char *s, size_t n, int rank)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '.' || s[n - 1] == ',')) n--;
    if (!n || rank <= c->outlet_rank) return;
    c->outlet = arena_strndup(&c->a->mem, s, n);
    c->outlet_rank = rank;
}

static bool is_upper_ascii(char ch) { return ch >= 'A' && ch <= 'Z'; }

static bool is_small_word(const char *s, size_t n)
{
    static const char *const small[] = {"of", "the", "and", "&", "de", "van", "von", "al", "el", "for", "in", "on", "at"};
    for (size_t i = 0; i < sizeof small / sizeof *small; i++)
        if (strlen(small[i]) == n && memcmp(small[i], s, n) == 0) return true;
    return false;
}

/* Length of a run of capitalised words at s (small words inside allowed),
 * up to max words; 0 if s does not start with one. */
static size_t name_len(const char *s, size_t n, int max)
{
    word_span w[8];
    int nw = text_words(s, n, w, max < 8 ? max : 8);
    size_t end = 0;
    for (int i = 0; i < nw; i++) {
        /* the words must follow each other, separated by spaces only */
        for (size_t k = i ? w[i - 1].e : 0; k < w[i].s; k++)
            if (s[k] != ' ' && !(i == 0 && (s[k] == '(' || s[k] == '"'))) return end;
        if (is_upper_ascii(s[w[i].s]) || ((unsigned char)s[w[i].s] >= 0x80 && i)) end = w[i].e;
        else if (!i || !is_small_word(s + w[i].s, w[i].e - w[i].s)) break;
    }
    return end;
}

/* --- dates ------------------------------------------------------------------- */

static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') return true;
    return false;
}

/* After a date: only times, zones and punctuation ("12:07 PM IST", "(GMT)")? */
static bool is_time_noise(tctx *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80 || (!strchr(" \t,:;.()+-/", ch) && !((ch | 32) >= 'a' && (ch | 32) <= 'z') &&
                           !(ch >= '0' && ch <= '9')))
            return false;
    }
    word_span w[12];
    int nw = text_words(s, n, w, 12);
    if (nw == 12) return false;
    for (int i = 0, k; i < nw; i += k) {
        const char *p = s + w[i].s;
        size_t len = w[i].e - w[i].s;
        const char *v = text_lookup(&c->r->meta, s, w, nw, i, &k);
        if ((*p >= '0' && *p <= '9') || (v && strcmp(v, "time") == 0)) continue;
        bool zone = len >= 1 && len <= 4;   /* IST, GMT, EDT; wire codes */
        for (size_t j = 0; j < len && zone; j++) zone = is_upper_ascii(p[j]);
        if (!zone) return false;
    }
    return true;
}

typedef struct seg_date {
    date d;
    int rank;        /* enum date_rank */
    bool labelled;   /* "Published", "Updated", "date" came first */
    bool whole;      /* nothing but times follow */
    size_t rest;     /* bytes up to the end of the date */
} seg_date;

/* A date at the start of s, after labels ("Updated:", "Published on"). */
static bool read_date(tctx *c, const char *s, size_t n, seg_date *out)
{
    /* cheap refusal: a date or its label opens with a digit, a month or
     * weekday name, or a metadata word */
    word_span first;
    if (!text_words(s, n, &first, 1) || first.s > 1) return false;
    const char *w0 = s + first.s;
    size_t l0 = first.e - first.s;
    if (!(*w0 >= '0' && *w0 <= '9') && !date_month_from_name(w0, l0) && date_weekday_from_name(w0, l0) < 0 &&
        !(pair_may_hold(&c->r->meta.pairs, w0, l0) && wordmap_get(c->r->meta.map, w0, l0)))
        return false;
    size_t p = 0;
    out->rank = DR_PLAIN;
    out->labelled = false;
    for (int guard = 0; guard < 4; guard++) {
        word_span w[4];
        int nw = text_words(s + p, n - p, w, 4), k;
        if (!nw || w[0].s > 1) break;
        const char *v = text_lookup(&c->r->meta, s + p, w, nw, 0, &k);
        if (!v || !(strcmp(v, "pub") == 0 || strcmp(v, "upd") == 0 || strcmp(v, "date") == 0)) break;
        if (strcmp(v, "pub") == 0) out->rank = DR_PUBLISHED;
        if (strcmp(v, "upd") == 0) out->rank = DR_UPDATED;
        out->labelled = true;
        p += w[k - 1].e;
        while (p < n && (s[p] == ' ' || s[p] == ':' || s[p] == '-' || s[p] == ',')) p++;
    }
    size_t used = date_parse(s + p, n - p, &out->d);
    if (!used || !date_valid(out->d)) return false;
    p += used;
    out->whole = is_time_noise(c, s + p, n - p);
    out->rest = p;
    return true;
}

static void note_date(tctx *c, date d, int rank)
{
    if (rank > c->pub_rank) {
        c->pub = d;
        c->pub_rank = rank;
    }
}

/* --- bylines ------------------------------------------------------------------ */

/* "By Agencies in Islamabad", "Reporting by Jane Doe; Editing by …". */
static bool is_byline(tctx *c, const char *s, size_t n, size_t *place, size_t *place_len)
{
    word_span w[16];
    int nw = text_words(s, n, w, 16), k;
    if (nw < 2 || nw > 15 || w[0].s > 1) return false;
    const char *v = text_lookup(&c->r->meta, s, w, nw, 0, &k);
    if (!v || strcmp(v, "byline") != 0 || k >= nw || !is_upper_ascii(s[w[k].s])) return false;
    int names = 0, other = 0;
    *place_len = 0;
    for (int i = k; i < nw; i++) {
        const char *p = s + w[i].s;
        size_t len = w[i].e - w[i].s;
        if (is_upper_ascii(*p) || (unsigned char)*p >= 0x80) names++;
        else if (len == 2 && memcmp(p, "in", 2) == 0 && i + 1 < nw && !*place_len) {
            *place = w[i + 1].s;
            *place_len = name_len(s + *place, n - *place, 3);
        } else if (!is_small_word(p, len) && !text_lookup(&c->r->meta, s, w, nw, i, &(int){0})) other++;
    }
    return names >= 1 && other * 3 <= names;
}

/* --- metadata lines -------------------------------------------------------- */

typedef struct meta_line {
    int dates, bylines, names, other;
    seg_date best;
    size_t name_at, name_len, place_at, place_len;
} meta_line;

/* One '|'-separated part of a metadata line. The first word decides what
 * to try, so running text costs one lookup. */
static void read_segment(tctx *c, const char *base, size_t at, size_t n, bool piped, meta_line *m)
{
    const char *s = base + at;
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; at++; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (!n) return;
    word_span w[4];
    int nw = text_words(s, n, w, 4), k = 1;
    const char *v = nw ? text_lookup(&c->r->meta, s, w, nw, 0, &k) : NULL;
    seg_date d;
    /* unlabelled, a date alone needs its day: "Dec 1403" is a table row */
    if (has_digit(s, n) && read_date(c, s, n, &d) && d.whole && (d.labelled || (d.d.d && d.rest * 2 >= n))) {
        if (!m->dates++ || d.rank > m->best.rank) m->best = d;
        return;
    }
    size_t pl, pn;
    if (v && strcmp(v, "byline") == 0 && is_byline(c, s, n, &pl, &pn)) {
        m->bylines++;
        if (pn && !m->place_len) { m->place_at = at + pl; m->place_len = pn; }
        return;
    }
    if (v && k == nw && nw < 4) return;                 /* a lone label: "Updated" */
    if (piped && name_len(s, n, 5) == n) {
        if (!m->names++) { m->name_at = at; m->name_len = n; }
        return;
    }
    m->other++;
}

/* Worth reading as metadata: at the top, with a '|', or opening with a
 * metadata word ("By", "Updated", "(Reporting by"). */
static bool may_be_meta(tctx *c, const unit *u, bool top)
{
    const char *s = unit_text(c, u);
    word_span w[1];
    bool meta_word = text_words(s, u->len, w, 1) && w[0].s <= 1 &&
                     pair_may_hold(&c->r->meta.pairs, s + w[0].s, w[0].e - w[0].s) &&
                     wordmap_get(c->r->meta.map, s + w[0].s, w[0].e - w[0].s);
    if (meta_word) return true;
    if (text_is_sentence(u)) return false;
    if (memchr(s, '|', u->len)) return true;
    return top && (u->flags & UF_DIGIT);   /* a date line holds digits */
}

/* Reads a unit as a metadata line; true (and the facts noted) if it is one. */
static bool meta_line_read(tctx *c, unit *u, bool top)
{
    const char *s = unit_text(c, u);
    if (!may_be_meta(c, u, top)) return false;
    meta_line m = {0};
    size_t start = 0;
    bool piped = memchr(s, '|', u->len) != NULL;
    int pipes = 0;
    for (size_t i = 0; i <= u->len; i++) {
        if (i < u->len && s[i] != '|') continue;
        pipes += i < u->len;
        read_segment(c, s, start, i - start, piped, &m);
        start = i + 1;
    }
    if (m.other || (!m.dates && !m.bylines) || m.names > 2) return false;
    if (!pipes && m.dates && !top && m.best.rank == DR_PLAIN) return false;
    if (m.dates) note_date(c, m.best.d, m.best.rank);
    if (m.place_len && !c->byline_place)
        c->byline_place = arena_strndup(&c->a->mem, s + m.place_at, m.place_len);
    if (m.names && (m.dates || m.bylines)) text_set_outlet(c, s + m.name_at, m.name_len, OR_NAMED);
    return true;
}

/* " date 2023-04-11 Amid a surge …": a date opening the first paragraph. It
 * is split off when labelled, or when a full date is followed by a sentence. */
static void split_date_prefix(tctx *c, unit *u)
{
    const char *s = unit_text(c, u);
    seg_date d;
    if (!read_date(c, s, u->len, &d) || d.whole) return;
    size_t rest = d.rest;
    while (rest < u->len && (s[rest] == ' ' || s[rest] == '-' || s[rest] == ':' || s[rest] == '|')) rest++;
    if (rest >= u->len || rest == d.rest) return;
    bool opens_sentence = is_upper_ascii(s[rest]) || s[rest] == '"' || (unsigned char)s[rest] >= 0x80;
    if (!opens_sentence || !(d.labelled || d.d.d)) return;
    note_date(c, d.d, d.rank);
    text_remove(c, s, d.rest);
    u->off += (uint32_t)rest;
    u->len -= (uint32_t)rest;
    u->flags &= UF_INDENT | UF_TABLE;
    u->words = 0;
    text_unit_features(c, u);
}

/* "© 2015 China Daily. All rights reserved." */
static bool copyright_line(tctx *c, unit *u)
{
    const char *s = unit_text(c, u);
    size_t n = u->len, p = 0;
    if (u->words > 20 || !u->len || !strchr("\xC2(Cc", s[0])) return false;
    if (n >= 2 && memcmp(s, "\xC2\xA9", 2) == 0) p = 2;
    else if (n >= 3 && (memcmp(s, "(c)", 3) == 0 || memcmp(s, "(C)", 3) == 0)) p = 3;
    else if (n >= 9 && strncasecmp(s, "copyright", 9) == 0) p = 9;
    else return false;
    for (;;) {
        while (p < n && strchr(" \t\xC2\xA9-:,", s[p])) p++;
        if (p + 3 <= n && (memcmp(s + p, "(c)", 3) == 0 || memcmp(s + p, "(C)", 3) == 0)) { p += 3; continue; }
        if (p < n && s[p] >= '0' && s[p] <= '9') { while (p < n && ((s[p] >= '0' && s[p] <= '9') || s[p] == '-')) p++; continue; }
        if (p + 2 <= n && memcmp(s + p, "\xE2\x80", 2) == 0 && p + 3 <= n) { p += 3; continue; }   /* – */
        break;
    }
    size_t len = name_len(s + p, n - p, 5);
    if (len >= 3 && strncasecmp(s + p, "all rights", 10) != 0) text_set_outlet(c, s + p, len, OR_NAMED);
    return true;
}

void text_find_meta(tctx *c)
{
    unit *U = c->units.v;
    uint32_t n = c->units.n;
    for (uint32_t i = 0; i < n; i++) {
        unit *u = &U[i];
        if (u->kind != UK_BODY) continue;
        /* the head of the page: its first lines */
        bool top = i < TOP_UNITS;
        /* metadata sits at the head and the foot, or is marked by a '|' */
        bool edge = top || i + TAIL_UNITS >= n || memchr(unit_text(c, u), '|', u->len);
        if (edge && !(u->flags & UF_LONG) && u->words <= META_MAX_WORDS &&
            (meta_line_read(c, u, top) || copyright_line(c, u))) {
            u->kind = UK_META;
            continue;
        }
        if (i < DATE_PREFIX_UNITS && !c->pub_rank && text_is_sentence(u)) split_date_prefix(c, u);
    }
}

/* --- the outlet named in promo lines ------------------------------------------ */

/* "(At The Quint, we are answerable …)", "Read … at The Quint, browse …",
 * and a wire sign-off ("REUTER") as the last unit. */
void text_outlet_from_junk(tctx *c, const unit *u, bool last)
{
    const char *s = unit_text(c, u);
    size_t n = u->len, p = 0;
    if (p < n && s[p] == '(') p++;
    if (n - p > 3 && memcmp(s + p, "At ", 3) == 0) {
        size_t len = name_len(s + p + 3, n - p - 3, 5);
        if (len && p + 3 + len + 4 <= n && memcmp(s + p + 3 + len, ", we", 4) == 0)
            text_set_outlet(c, s + p + 3, len, OR_PROMO);
        return;
    }
    if (n > 5 && strncasecmp(s, "read ", 5) == 0) {
        for (size_t i = 5; i + 4 < n; i++)
            if (memcmp(s + i, " at ", 4) == 0) {
                size_t len = name_len(s + i + 4, n - i - 4, 5);
                if (len) text_set_outlet(c, s + i + 4, len, OR_PROMO);
                return;
            }
        return;
    }
    if (last) {
        word_span w[4];
        int nw = text_words(s, n, w, 4), k;
        const char *v = nw ? text_lookup(&c->r->agencies, s, w, nw, 0, &k) : NULL;
        if (v && k == nw && *v) text_set_outlet(c, v, strlen(v), OR_SIGNOFF);
    }
}

/* --- title ---------------------------------------------------------------------- */

static bool title_candidate(tctx *c, uint32_t i)
{
    unit *U = c->units.v, *u = &U[i];
    if (u->nlines != 1 || u->words < 2 || u->words > TITLE_MAX_WORDS || u->len > TITLE_MAX_BYTES) return false;
    if (u->flags & UF_COLON) return false;
    const char *s = unit_text(c, u);
    char last = s[u->len - 1];
    if (last == ',' || last == ';' || last == '-') return false;
    uint32_t next = i + 1;
    while (next < c->units.n && U[next].kind == UK_JUNK) next++;
    if (next == c->units.n) return false;
    /* a date line under it vouches for a headline in lower case, too */
    if (!(u->flags & UF_UPSTART) && U[next].kind != UK_META) return false;
    /* "Headline Ending With a Period." is a title only when a date line
     * follows; one trailing off ("Memories of Marley...") always is */
    size_t e = u->len;
    while (e && (s[e - 1] == '\'' || s[e - 1] == '"')) e--;
    bool trails = e >= 3 && (memcmp(s + e - 3, "...", 3) == 0 || memcmp(s + e - 3, "\xE2\x80\xA6", 3) == 0);
    if ((u->flags & UF_TERMINAL) && last != '?' && last != '!' && !trails && U[next].kind != UK_META) return false;
    for (uint32_t k = next; k < c->units.n; k++)
        if (U[k].kind == UK_BODY) return true;
    return false;
}

void text_find_title(tctx *c)
{
    unit *U = c->units.v;
    for (uint32_t i = 0; i < c->units.n; i++) {
        unit *u = &U[i];
        if (u->kind != UK_BODY) continue;
        /* a one-word section label above the headline ("World") */
        if (u->words == 1 && !(u->flags & (UF_TERMINAL | UF_DIGIT)) && u->nlines == 1) {
            u->kind = UK_JUNK;
            continue;
        }
        if (!title_candidate(c, i)) return;
        u->kind = UK_TITLE;
        const char *s = unit_text(c, u);
        size_t len = u->len;
        /* "Headline | Outlet" */
        const char *bar = memchr(s, '|', len);
        if (bar) {
            size_t at = (size_t)(bar - s) + 1;
            while (at < len && s[at] == ' ') at++;
            if (at < len && name_len(s + at, len - at, 5) == len - at) {
                text_set_outlet(c, s + at, len - at, OR_PROMO);
                len = (size_t)(bar - s);
                while (len && s[len - 1] == ' ') len--;
            }
        }
        c->a->title = arena_strndup(&c->a->mem, s, len);
        return;
    }
}
