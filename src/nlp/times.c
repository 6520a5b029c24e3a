/* times.c — the times step: every date expression in the text, with its value.
 *
 * Runs over the tokens of each sentence. Most tokens are rejected on their
 * first byte (punctuation; lower-case words whose first letter starts no word
 * of the lexicon); the rest go to the grammar in times_grammar.c, which says
 * how many tokens the expression takes and what it means, resolved against
 * the publication date by times_resolve.c. A preposition that anchors the
 * date ("on Tuesday", "in June") is kept in the span, as the output format
 * shows it; "since", "until" and the like are not, since they change the
 * meaning rather than locate it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "nlp/steps.h"
#include "nlp/times_internal.h"

/* --- the lexicon ----------------------------------------------------------- */

static const struct { const char *name; uint32_t cls; } class_names[] = {
    {"day", LX_DAY},         {"rel", LX_REL},       {"unit", LX_UNIT},       {"period", LX_PERIOD},
    {"part", LX_PART},       {"mod", LX_MOD},       {"edge", LX_EDGE},       {"ord", LX_ORD},
    {"half", LX_HALF},       {"num", LX_NUM},       {"ago", LX_AGO},         {"yearago", LX_YEARAGO},
    {"ana", LX_ANA},         {"season", LX_SEASON}, {"fiscal", LX_FISCAL},   {"future", LX_FUTURE},
    {"cue", LX_CUE},         {"incl", LX_INCL},     {"ambig", LX_AMBIG},     {"named", LX_NAMED},
    {"past", LX_PAST},
};

static const struct { const char *name; uint8_t unit; } unit_names[] = {
    {"day", U_DAY}, {"week", U_WEEK}, {"weekend", U_WEEKEND}, {"month", U_MONTH},
    {"quarter", U_QUARTER}, {"year", U_YEAR},
};

/* Decodes "rel:-1 ord:3" into l; false (with the reason in err) on an unknown class. */
static bool decode(const char *v, lex *l, char *err, size_t errlen)
{
    memset(l, 0, sizeof *l);
    while (*v) {
        while (*v == ' ') v++;
        size_t n = strcspn(v, " :");
        const char *arg = v[n] == ':' ? v + n + 1 : "";
        size_t k;
        for (k = 0; k < sizeof class_names / sizeof *class_names; k++)
            if (strlen(class_names[k].name) == n && !strncmp(class_names[k].name, v, n)) break;
        if (k == sizeof class_names / sizeof *class_names) {
            if (err) snprintf(err, errlen, "times-words.txt: unknown class '%.*s'", (int)n, v);
            return false;
        }
        l->cls |= class_names[k].cls;
        int num = atoi(arg);
        if (class_names[k].cls == LX_DAY) l->day = (int8_t)num;
        if (class_names[k].cls == LX_REL) l->rel = (int8_t)num;
        if (class_names[k].cls == LX_ORD) l->ord = (int8_t)num;
        if (class_names[k].cls == LX_NUM) l->num = (int8_t)num;
        if (class_names[k].cls == LX_UNIT) {
            size_t an = strcspn(arg, " ");
            for (size_t u = 0; u < sizeof unit_names / sizeof *unit_names; u++)
                if (strlen(unit_names[u].name) == an && !strncmp(unit_names[u].name, arg, an))
                    l->unit = unit_names[u].unit;
            if (!l->unit) {
                if (err) snprintf(err, errlen, "times-words.txt: unknown unit '%.*s'", (int)an, arg);
                return false;
            }
        }
        v += n;
        if (*v == ':') v += strcspn(v, " ");
    }
    return true;
}

lex times_lex_word(const struct times_res *r, const char *w, size_t n)
{
    const char *v = wordmap_get(r->words, w, n);
    return v ? r->lexes[atoi(v)] : (lex){0};
}

const holiday *times_holiday(const times_res *r, const char *name, size_t n)
{
    const char *v = wordmap_get(r->holiday_names, name, n);
    return v ? &r->holidays[atoi(v)] : NULL;
}

/* The classes of token i, looked up once per token of the sentence. */
const lex *times_lex(const scan *sc, uint32_t i)
{
    static const lex none = {0};
    if (i < sc->first || i >= sc->last) return &none;   /* the grammar stays in its sentence */
    const token *t = &sc->a->tokens.v[i];
    if (!sc->cache) {
        static _Thread_local lex one;
        one = t->flags & TF_PUNCT ? none : times_lex_word(sc->r, sc->a->text + t->start, t->end - t->start);
        return &one;
    }
    lex *c = &sc->cache[i - sc->first];
    if (!c->known) {
        *c = t->flags & TF_PUNCT ? none : times_lex_word(sc->r, sc->a->text + t->start, t->end - t->start);
        c->known = true;
    }
    return c;
}

/* Registered as may_start() reads words: hyphenated ones by their first part. */
static void note_starter(times_res *r, const char *w, size_t n)
{
    const char *dash = n > 3 ? memchr(w, '-', n) : NULL;
    if (dash) n = (size_t)(dash - w);
    char c = w[0] | 0x20;
    if (c >= 'a' && c <= 'z') r->starts[n < MAX_STARTER_LEN ? n : MAX_STARTER_LEN] |= 1u << (c - 'a');
}

/* The lexicon: each line's classes decoded once into r->lexes, and the word
 * mapped to its index. Also notes, per word length, the first letters of the
 * words that can begin an expression, so most words are passed over unread. */
static bool load_lexicon(times_res *r, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read", path);
        return false;
    }
    const uint32_t starters = LX_DAY | LX_REL | LX_NUM | LX_ORD | LX_YEARAGO | LX_ANA | LX_FISCAL | LX_MOD |
                              LX_SEASON | LX_EDGE;
    char line[256];
    bool good = true;
    r->words = wordmap_new(WM_FOLD);
    while (good && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab || tab == line) continue;
        if (r->nlex == MAX_LEXES) {
            snprintf(err, errlen, "%s: more than %d entries", path, MAX_LEXES);
            good = false;
            break;
        }
        lex l;
        if (!(good = decode(tab + 1, &l, err, errlen))) break;
        char idx[8];
        snprintf(idx, sizeof idx, "%u", r->nlex);
        r->lexes[r->nlex++] = l;
        wordmap_add(r->words, line, (size_t)(tab - line), idx);
        if (l.cls & starters) note_starter(r, line, (size_t)(tab - line));
    }
    fclose(f);
    note_starter(r, "the", 3);
    return good;
}

static void note_capital(times_res *r, char c)
{
    c |= 0x20;
    if (c >= 'a' && c <= 'z') r->cap_letters |= 1u << (c - 'a');
}

/* "12-25" or "11 thu 4" into h; false if neither. */
static bool parse_holiday(const char *v, holiday *h)
{
    int m, d, n;
    char wd[16];
    if (sscanf(v, "%d-%d", &m, &d) == 2 && date_valid((date){2000, (int8_t)m, (int8_t)d})) {
        *h = (holiday){(int8_t)m, (int8_t)d, -1, 0};
        return true;
    }
    if (sscanf(v, "%d %15s %d", &m, wd, &n) != 3 || m < 1 || m > 12 || n < -1 || n > 5 || !n) return false;
    int w = date_weekday_from_name(wd, strlen(wd));
    *h = (holiday){(int8_t)m, 0, (int8_t)w, (int8_t)n};
    return w >= 0;
}

static bool load_holidays(times_res *r, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot read", path);
        return false;
    }
    char line[256];
    bool good = true;
    r->holiday_names = wordmap_new(WM_FOLD);
    while (good && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || !tab || tab == line) continue;
        holiday h;
        if (r->nholidays == MAX_HOLIDAYS || !parse_holiday(tab + 1, &h)) {
            snprintf(err, errlen, "%s: bad entry or too many: %s", path, line);
            good = false;
            break;
        }
        char idx[8];
        snprintf(idx, sizeof idx, "%u", r->nholidays);
        r->holidays[r->nholidays++] = h;
        wordmap_add(r->holiday_names, line, (size_t)(tab - line), idx);
        note_capital(r, line[0]);
    }
    fclose(f);
    return good;
}

times_res *times_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    times_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/times-words.txt", datadir);
    bool good = load_lexicon(r, path, err, errlen);
    snprintf(path, sizeof path, "%s/nlp/times-holidays.txt", datadir);
    good = good && load_holidays(r, path, err, errlen);
    if (!good) {
        times_free(r);
        return NULL;
    }
    /* month and weekday names, and Q3 */
    for (const char *c = "jfmasondtwq"; *c; c++) note_capital(r, *c);
    return r;
}

void times_free(times_res *r)
{
    if (!r) return;
    wordmap_free(r->words);
    wordmap_free(r->holiday_names);
    free(r);
}

/* --- the scan -------------------------------------------------------------- */

/* Whether token t may begin a date, from its shape alone: digits; a capital
 * that can start a month, weekday or holiday name or "Q3"; or a word whose first
 * letter and length match a lexicon word that can begin an expression. */
static bool may_start(const times_res *r, const article *a, const token *t)
{
    if (t->flags & TF_PUNCT) return false;
    if (t->flags & TF_NUM) return true;
    unsigned char c = (unsigned char)a->text[t->start];
    uint32_t n = t->end - t->start;
    if (c >= 'A' && c <= 'Z' && n >= 2 && (r->cap_letters >> (c - 'A') & 1)) return true;
    c |= 0x20;
    if (c < 'a' || c > 'z') return false;
    /* hyphenated words ("third-quarter", "mid-June") by their first part */
    const char *dash = n > 3 ? memchr(a->text + t->start, '-', n) : NULL;
    if (dash) n = (uint32_t)(dash - (a->text + t->start));
    return r->starts[n < MAX_STARTER_LEN ? n : MAX_STARTER_LEN] >> (c - 'a') & 1;
}

/* "December." or "Monday." closing a sentence: the tokenizer kept the period
 * with the word, but it belongs to the sentence. Abbreviations keep theirs. */
static bool full_name_before_period(const article *a, uint32_t i)
{
    const token *t = &a->tokens.v[i];
    uint32_t n = t->end - t->start - 1;
    const char *s = a->text + t->start;
    int m = date_month_from_name(s, n);
    if (m) return n >= 5 || m == 5 || m == 6 || m == 7;
    return date_weekday_from_name(s, n) >= 0 && n >= 6;
}

static void emit(scan *sc, article *a, const match *m)
{
    uint32_t start = m->start;
    if (start > sc->first && (times_lex(sc, start - 1)->cls & LX_INCL)) start--;
    timexpr *t = ARENA_PUSH(&a->mem, a->times);
    t->start = a->tokens.v[start].start;
    t->end = a->tokens.v[m->end - 1].end;
    if (m->end_byte > t->start && m->end_byte < t->end) t->end = m->end_byte;
    else if (t->end - t->start > 5 && a->text[t->end - 1] == '.' && full_name_before_period(a, m->end - 1))
        t->end--;
    char v[24];
    t->value = tv_format(m->v, v, sizeof v) ? arena_strdup(&a->mem, v) : NULL;
    if (m->v.kind != TV_NONE) {
        sc->year = m->v.d.y;
        sc->year_sent = sc->sent;
    }
    if (m->anchor && m->v.kind == TV_QUARTER) {
        sc->quarter = m->v;
        sc->quarter_sent = sc->sent;
    }
}

/* Sentences up to this many tokens keep their lexicon lookups on the stack. */
enum { CACHE_TOKENS = 256 };

void times_run(const times_res *r, article *a)
{
    a->times.n = 0;
    scan sc = {.r = r, .a = a, .pub = a->pubdate};
    if (sc.pub.y && !date_valid(sc.pub)) sc.pub = (date){0, 0, 0};
    lex cache[CACHE_TOKENS];
    for (uint32_t s = 0; s < a->sents.n; s++) {
        const sentence *st = &a->sents.v[s];
        sc.sent = s;
        sc.first = st->tok;
        sc.last = st->tok + st->ntok;
        sc.cache = st->ntok <= CACHE_TOKENS ? cache : NULL;
        if (sc.cache) memset(cache, 0, st->ntok * sizeof *cache);
        for (uint32_t i = sc.first; i < sc.last;) {
            match m;
            if (may_start(r, a, &a->tokens.v[i]) && times_match(&sc, i, &m) && m.end > i) {
                emit(&sc, a, &m);
                i = m.end;
            } else {
                i++;
            }
        }
    }
}
