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
    if (!shape_may(&r->shapes.lexicon, w, n)) return (lex){0};
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
    if ((t->flags & TF_PUNCT) || !shape_may(&sc->r->shapes.lexicon, sc->a->text + t->start, tok_end(t) - t->start))
        return &none;
    if (!sc->cache) {
        static _Thread_local lex one;
        one = times_lex_word(sc->r, sc->a->text + t->start, tok_end(t) - t->start);
        return &one;
    }
    lex *c = &sc->cache[i - sc->first];
    if (!c->known) {
        *c = times_lex_word(sc->r, sc->a->text + t->start, tok_end(t) - t->start);
        c->known = true;
    }
    return c;
}

/* A starter as may_start() reads words. Modifiers and ordinals also begin
 * hyphenated words ("mid-June", "third-quarter"): their first two letters
 * and length say where a hyphen may follow them. */
static void note_starter(times_shapes *sh, const char *w, size_t n, uint32_t cls)
{
    shape_add(&sh->starts, w, n);
    unsigned c0 = ((unsigned char)w[0] | 0x20) - 'a', c1 = n > 1 ? ((unsigned char)w[1] | 0x20) - 'a' : 26;
    if ((cls & (LX_MOD | LX_ORD)) && c0 < 26 && c1 < 26 && n < 16) sh->hyphen_at[c0 * 26 + c1] |= (uint16_t)(1u << n);
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
        shape_add(&r->shapes.lexicon, line, (size_t)(tab - line));
        if (l.cls & starters) note_starter(&r->shapes, line, (size_t)(tab - line), l.cls);
        if (l.cls & (LX_DAY | LX_YEARAGO)) shape_add(&r->shapes.solo, line, (size_t)(tab - line));
    }
    fclose(f);
    note_starter(&r->shapes, "the", 3, 0);
    return good;
}

/* A holiday name's tokens as the tokenizer cuts them: at spaces, and before
 * a possessive ("Year" "'s"). Notes their shapes; returns how many. */
static uint32_t note_holiday_words(times_shapes *sh, const char *name, size_t n)
{
    uint32_t count = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && name[j] != ' ') j++;
        const char *apos = memchr(name + i, '\'', j - i);
        if (i == 0) shape_add(&sh->holiday_first, name, apos && apos > name ? (size_t)(apos - name) : j);
        if (apos && apos > name + i) {
            shape_add(&sh->holiday_word, name + i, (size_t)(apos - (name + i)));
            shape_add(&sh->holiday_word, apos, (size_t)(name + j - apos));
            count++;
        }
        shape_add(&sh->holiday_word, name + i, j - i);
        count++;
        i = j + 1;
    }
    return count;
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
        uint32_t ntok = note_holiday_words(&r->shapes, line, (size_t)(tab - line));
        if (ntok > r->holiday_tokens) r->holiday_tokens = ntok < MAX_HOLIDAY_TOKENS ? ntok : MAX_HOLIDAY_TOKENS;
    }
    fclose(f);
    return good;
}

/* Month and weekday names in the forms core/date.c accepts (the name, its
 * first three letters, Sept, Tues, Wedn, Thur, Thurs, each with or without a
 * period), and what may begin an expression when capitalised. */
static void note_calendar(times_shapes *sh)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june", "july",
                                        "august", "september", "october", "november", "december", "monday",
                                        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        shape_set *set = k < 12 ? &sh->months : &sh->weekdays;
        char w[16];
        size_t len = strlen(names[k]);
        if (k < 12) sh->month3[k] = prefix3(names[k], len);
        else sh->weekday3[k - 12] = prefix3(names[k], len);
        for (size_t n = 3; n <= len; n++) {
            if (n != 3 && n != len && n != 4 && !(n == 5 && names[k][1] == 'h')) continue;
            memcpy(w, names[k], n);
            w[n] = '.';
            shape_add(set, w, n);
            shape_add(set, w, n + 1);
        }
    }
    for (size_t k = 0; k < sizeof sh->names.w / sizeof *sh->names.w; k++)
        sh->names.w[k] = sh->months.w[k] | sh->weekdays.w[k] | sh->holiday_first.w[k];
    for (const char *q = "1234"; *q; q++) shape_add(&sh->names, (char[]){'q', *q}, 2);   /* Q1 to Q4 */
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
    note_calendar(&r->shapes);
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

bool times_month_shaped(const times_res *r, const char *s, size_t n)
{
    if (!shape_may(&r->shapes.months, s, n)) return false;
    uint32_t p = prefix3(s, n);
    for (int k = 0; k < 12; k++)
        if (r->shapes.month3[k] == p) return true;
    return false;
}

bool times_weekday_shaped(const times_res *r, const char *s, size_t n)
{
    if (!shape_may(&r->shapes.weekdays, s, n)) return false;
    uint32_t p = prefix3(s, n);
    for (int k = 0; k < 7; k++)
        if (r->shapes.weekday3[k] == p) return true;
    return false;
}

/* A modifier or ordinal and a hyphen opening a word: "mid-June",
 * "third-quarter". */
static inline bool hyphen_starter(const times_shapes *sh, const char *s, uint32_t n)
{
    unsigned c0 = ((unsigned char)s[0] | 0x20) - 'a', c1 = ((unsigned char)s[1] | 0x20) - 'a';
    if (c0 >= 26 || c1 >= 26) return false;
    for (uint32_t at = sh->hyphen_at[c0 * 26 + c1]; at; at &= at - 1) {
        uint32_t k = (uint32_t)__builtin_ctz(at);
        if (k + 1 < n && s[k] == '-') return true;
    }
    return false;
}

/* Whether token t may go on an expression begun before it: a number, a
 * lexicon word, a name, a hyphenated starter. */
static inline bool may_continue(const times_res *r, const article *a, const token *t)
{
    if (t->flags & TF_PUNCT) return false;
    if (t->flags & TF_NUM) return true;
    const char *s = a->text + t->start;
    uint32_t n = tok_end(t) - t->start, shape = shape_of(s, n);
    const times_shapes *sh = &r->shapes;
    return shape_in(&sh->lexicon, shape) || ((t->flags & TF_CAP) && shape_in(&sh->names, shape)) ||
           hyphen_starter(sh, s, n);
}

/* Whether token t (followed by next, or NULL at the sentence's end) may begin
 * a date, from shapes alone: digits; a capitalised month, weekday, holiday or
 * "Q3"; a lexicon word that can start an expression, when it makes one alone
 * (today) or the next token may go on with it (the third quarter, a year ago);
 * a hyphenated starter. Most words, "the" and "a" among them, stop here. */
static bool may_start(const times_res *r, const article *a, const token *t, const token *next)
{
    if (t->flags & TF_PUNCT) return false;
    if (t->flags & TF_NUM) return true;
    const char *s = a->text + t->start;
    uint32_t n = tok_end(t) - t->start, shape = shape_of(s, n);
    const times_shapes *sh = &r->shapes;
    if ((t->flags & TF_CAP) && shape_in(&sh->names, shape)) return true;
    if (shape_in(&sh->starts, shape) && (shape_in(&sh->solo, shape) || (next && may_continue(r, a, next))))
        return true;
    return hyphen_starter(sh, s, n);
}

/* "December." or "Monday." closing a sentence: the tokenizer kept the period
 * with the word, but it belongs to the sentence. Abbreviations keep theirs. */
static bool full_name_before_period(const article *a, uint32_t i)
{
    const token *t = &a->tokens.v[i];
    uint32_t n = tok_end(t) - t->start - 1;
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
    t->end = tok_end(&a->tokens.v[m->end - 1]);
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
            const token *next = i + 1 < sc.last ? &a->tokens.v[i + 1] : NULL;
            if (may_start(r, a, &a->tokens.v[i], next) && times_match(&sc, i, &m) && m.end > i) {
                emit(&sc, a, &m);
                i = m.end;
            } else {
                i++;
            }
        }
    }
}
