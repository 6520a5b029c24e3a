/* dateline.c — the place a story was filed from, at the opening of its body.
 *
 * Forms read, at the start of one of the first paragraphs:
 *   KABUL, AFGHANISTAN – …        capitals, optional region, then a dash
 *   WASHINGTON (Reuters) - …      an agency in brackets
 *   SALVADOR, Feb 26 - …          a date before the dash (wire copy)
 *   MOSCOW (AP)_ … / NEW YORK _ …  the underscore dash of 1990s wire copy
 *   Islamabad: …  / NEW DELHI: …  a colon, when the gazetteer knows the place
 *   Kabul – …                     title case and a dash, likewise
 * a->dateline gets the place only; the text keeps the whole opening. An agency
 * in brackets also names the outlet when the page named none. */
#include <string.h>

#include "clean/text_internal.h"
#include "core/utf8.h"

enum { DATELINE_PARAS = 3, DATELINE_EARLY = 2, PLACE_MAX_WORDS = 6, BODY_MIN_BYTES = 60 };

typedef struct dl_scan {
    const char *s;
    size_t n;
    size_t first_end;   /* end of the place's first part ("KABUL") */
    size_t place_end;   /* end of the whole place ("KABUL, AFGHANISTAN") */
    bool all_caps;      /* the first part is in capitals */
    const char *agency; /* canonical agency from "(Reuters)", or NULL */
    bool date;          /* "Feb 26" before the dash */
} dl_scan;

/* A word at p: letters with inner . ' - (and a final period after a short
 * abbreviation: "Mass.", "D.C."); returns its end, p if none. *caps says
 * whether its letters are all upper case, *title whether the first is. */
static size_t word_end(const char *s, size_t n, size_t p, bool *caps, bool *title)
{
    size_t q = p;
    int letters = 0;
    *caps = true;
    *title = false;
    while (q < n) {
        int len = 1;
        int32_t cp = (unsigned char)s[q] < 0x80 ? (unsigned char)s[q] : utf8_decode(s + q, n - q, &len);
        if (uc_is_letter(cp)) {
            if (!letters) *title = uc_is_upper(cp);
            if (!uc_is_upper(cp)) *caps = false;
            letters++;
        } else if (!letters || !(cp == '.' || cp == '\'' || cp == '-')) {
            break;
        } else if (q + 1 >= n || s[q + 1] == ' ') {
            if (cp == '.' && letters <= 5) q++;
            break;
        }
        q += (size_t)len;
    }
    return letters ? q : p;
}

/* A run of capitalised words from p (up to max); returns its end, and *caps
 * whether all of them are in capitals. */
static size_t name_run(const char *s, size_t n, size_t p, int max, bool *caps)
{
    size_t end = p;
    *caps = true;
    for (int k = 0; k < max; k++) {
        bool wc, wt;
        size_t e = word_end(s, n, p, &wc, &wt);
        if (e == p || !wt) break;
        *caps = *caps && wc;
        end = e;
        if (e >= n || s[e] != ' ') break;
        p = e + 1;
    }
    return end;
}

/* Bytes of the dash after a dateline at p: " - ", " – ", " — ", " -- ", and
 * the underscore of 1990s wire copy (" _ ", "(AP)_ "); 0 if none. */
static size_t dash_at(const char *s, size_t n, size_t p, bool after_paren)
{
    size_t q = p;
    if (q < n && s[q] == ' ') q++;
    else if (!(after_paren && q < n && s[q] == '_')) return 0;
    if (q + 2 < n && memcmp(s + q, "--", 2) == 0) q += 2;
    else if (q < n && (s[q] == '-' || s[q] == '_')) q += 1;
    else if (q + 3 <= n && (memcmp(s + q, "\xE2\x80\x93", 3) == 0 || memcmp(s + q, "\xE2\x80\x94", 3) == 0)) q += 3;
    else return 0;
    return q < n && s[q] == ' ' ? q + 1 - p : 0;
}

/* ", Feb 26" at p: returns its length, 0 if none. */
static size_t date_after(const char *s, size_t n, size_t p)
{
    if (p + 2 >= n || s[p] != ',' || s[p + 1] != ' ') return 0;
    size_t q = p + 2, m = q;
    while (m < n && ((s[m] | 32) >= 'a' && (s[m] | 32) <= 'z')) m++;
    if (!date_month_from_name(s + q, m - q)) return 0;
    if (m < n && s[m] == '.') m++;
    if (m >= n || s[m] != ' ' || m + 1 >= n || s[m + 1] < '0' || s[m + 1] > '9') return 0;
    m++;
    while (m < n && s[m] >= '0' && s[m] <= '9') m++;
    return m - p;
}

/* "(Reuters)" at p: returns its length and the agency. */
static size_t agency_at(const text_res *r, const char *s, size_t n, size_t p, const char **agency)
{
    if (p + 2 >= n || s[p] != ' ' || s[p + 1] != '(') return 0;
    const char *close = memchr(s + p + 2, ')', n - p - 2 < 40 ? n - p - 2 : 40);
    if (!close) return 0;
    const char *v = phrase_get(&r->agencies, s + p + 2, (size_t)(close - s - p - 2));
    if (!v) return 0;
    *agency = v;
    return (size_t)(close - s) + 1 - p;
}

static bool starts_body(const char *s, size_t n, size_t p)
{
    if (p >= n) return false;
    unsigned char c = (unsigned char)s[p];
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '"' || c == '\'' || c >= 0x80;
}

static bool known_place(const text_res *r, const char *s, size_t n)
{
    return wordmap_has(r->places, s, n);
}

static bool not_a_place(const text_res *r, const char *s, size_t n)
{
    return wordmap_has(r->not_places, s, n);
}

/* The place of a dateline opening s, or 0. Forms that rest on the
 * gazetteer alone ("Iran - ...", "Lahore: ...") count only in the first
 * paragraphs, where a dateline can be. */
static size_t read_dateline(const text_res *r, dl_scan *d, bool early)
{
    const char *s = d->s;
    size_t n = d->n, p;
    if (n < BODY_MIN_BYTES) return 0;
    d->first_end = p = name_run(s, n, 0, 4, &d->all_caps);
    if (!p || not_a_place(r, s, p)) return 0;
    d->place_end = p;
    if (p + 2 < n && s[p] == ',' && s[p + 1] == ' ' && !date_after(s, n, p)) {
        bool caps;
        size_t e = name_run(s, n, p + 2, 3, &caps);
        if (e > p + 2) d->place_end = p = e;
    }
    size_t k;
    if ((k = agency_at(r, s, n, p, &d->agency))) p += k;
    if ((k = date_after(s, n, p))) { p += k; d->date = true; }
    if ((k = dash_at(s, n, p, d->agency != NULL))) {
        if (!starts_body(s, n, p + k)) return 0;
        if (d->agency || d->date) return d->place_end;
        /* "ENQUIRIES - …" is a heading: a bare dash needs a known place */
        if (!known_place(r, s, d->first_end) && !known_place(r, s, d->place_end)) return 0;
        return early || d->all_caps ? d->place_end : 0;
    }
    if (!d->agency && !d->date && p < n && s[p] == ':' && p + 1 < n && s[p + 1] == ' ' && starts_body(s, n, p + 2))
        return early && known_place(r, s, d->place_end) ? d->place_end : 0;
    return 0;
}

void clean_find_dateline(const clean_res *r, article *a)
{
    for (uint32_t i = 0; i < a->paras.n && i < DATELINE_PARAS; i++) {
        span p = a->paras.v[i];
        dl_scan d = {.s = a->text + p.start, .n = p.end - p.start};
        size_t len = read_dateline(r->text, &d, i < DATELINE_EARLY);
        if (!len) continue;
        a->dateline = arena_strndup(&a->mem, d.s, len);
        if (d.agency && !a->outlet) a->outlet = d.agency;
        return;
    }
}
