/* events.c — deadly and violent happenings an article reports (attacks,
 * shootings, bombings, killings, executions, earthquakes, floods, fires,
 * crashes): type, place, date, perpetrator, casualty figures, and the
 * sentences they were read from.
 *
 * A sentence is evidence of an event when it holds a trigger word
 * (data/nlp/event-triggers.txt) and something that pins the event down: a place,
 * a date or a casualty figure. Weak triggers ("died", "fire", "shot") may
 * speak of other things, and count only with a casualty figure or in the
 * article's headline or lead; plural ones ("attacks", "injured") only with a
 * casualty figure. Evidence sentences
 * whose types are of one family and that agree on place and date are merged,
 * so an article that tells of one massacre five times yields one event, of
 * the most precise type it was called; figures found in its sentences are
 * linked to it (figure.event), and its killed/injured counts are the
 * best-supported values among them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/utf8.h"
#include "core/wordmap.h"
#include "nlp/nlp.h"
#include "nlp/shape.h"
#include "nlp/steps.h"

struct events_res {
    wordmap *triggers;   /* word → "type,strength" */
    wordmap *cues;       /* word → perpetrator | perpetrator-after */
    shape_set trigger_shapes;   /* every word is asked about: most are ruled out by shape */
};

events_res *events_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    events_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/event-triggers.txt", datadir);
    r->triggers = wordmap_load(path, WM_FOLD, err, errlen);
    if (r->triggers) shape_add_map(&r->trigger_shapes, r->triggers);
    snprintf(path, sizeof path, "%s/nlp/event-cues.txt", datadir);
    if (r->triggers) r->cues = wordmap_load(path, WM_FOLD, err, errlen);
    if (!r->cues) {
        events_free(r);
        return NULL;
    }
    return r;
}

void events_free(events_res *r)
{
    if (!r) return;
    wordmap_free(r->triggers);
    wordmap_free(r->cues);
    free(r);
}

/* What one evidence sentence says about its event. */
typedef struct reading {
    const char *type;
    int32_t place, perpetrator;   /* mention indexes, or -1 */
    date when;                    /* y == 0 when no date */
    const char *when_value;
    uint32_t sent;
    uint32_t at;                  /* byte offset of the trigger word */
    bool has_casualties;
} reading;

static bool is_casualty(const figure *f)
{
    return f->measure && (!strcmp(f->measure, "killed") || !strcmp(f->measure, "injured"));
}

static bool is_place(const mention *m) { return m->kind == MK_NAME && (m->type == ENT_GPE || m->type == ENT_LOC); }

/* Event types, most precise first: a sentence's type is the most precise of
 * its triggers, and an event's the most precise of its sentences'. "death"
 * (killed, died) is the least precise and fits any other. */
static const char *const event_types[] = {
    "execution", "shooting", "bombing", "killing", "attack", "earthquake", "flood", "fire", "crash", "death",
};
enum { NTYPES = sizeof event_types / sizeof *event_types };

static int type_rank(const char *type)
{
    for (int i = 0; i < NTYPES; i++)
        if (type == event_types[i] || (type && !strcmp(type, event_types[i]))) return i;
    return NTYPES;
}

const char *events_family(const char *type)
{
    static const char *const violence[] = {"shooting", "bombing", "killing", "attack"};
    for (size_t i = 0; i < sizeof violence / sizeof *violence; i++)
        if (type && !strcmp(type, violence[i])) return "violence";
    return type;
}

bool events_types_fit(const char *a, const char *b)
{
    /* a death, or a killing (by gun, bomb or car), may be told as any of them */
    if (!a || !b || !strcmp(a, "death") || !strcmp(b, "death") || !strcmp(a, "killing") || !strcmp(b, "killing"))
        return true;
    return !strcmp(events_family(a), events_family(b));
}

/* How much a trigger says on its own (data/nlp/event-triggers.txt). */
enum strength { PLURAL, WEAK, STRONG };

/* The trigger's type in this sentence (a static string): the most precise
 * type among its strongest triggers; NULL when none. *strength is their
 * strength, *at where the word giving the type is. */
static const char *find_trigger(const events_res *r, const article *a, const sentence *s, enum strength *strength,
                                uint32_t *at)
{
    int best = NTYPES;
    *strength = PLURAL;
    for (uint32_t t = s->tok; t < s->tok + s->ntok; t++) {
        const token *k = &a->tokens.v[t];
        if (!(k->flags & TF_WORD) || !shape_may(&r->trigger_shapes, a->text + k->start, tok_end(k) - k->start)) continue;
        const char *v = wordmap_get(r->triggers, a->text + k->start, tok_end(k) - k->start);
        if (!v) continue;
        size_t tl = strcspn(v, ",");
        enum strength st = strstr(v, "plural") ? PLURAL : strstr(v, "weak") ? WEAK : STRONG;
        if (st < *strength) continue;   /* "Gunmen stormed": the type of what is told, not of who */
        if (st > *strength) best = NTYPES;
        *strength = st;
        for (int i = 0; i < best; i++)
            if (strlen(event_types[i]) == tl && !strncmp(v, event_types[i], tl)) {
                best = i;
                *at = k->start;
            }
    }
    return best < NTYPES ? event_types[best] : NULL;
}

/* Figures and times are filled in text order: the first at or after `start`. */
static uint32_t first_figure(const article *a, uint32_t start)
{
    return article_first_from(a->figures.v, a->figures.n, sizeof *a->figures.v, start);
}

static uint32_t first_time(const article *a, uint32_t start)
{
    return article_first_from(a->times.v, a->times.n, sizeof *a->times.v, start);
}

/* Mentions are in text order: the range of those inside [start, end). */
static void mentions_in(const article *a, uint32_t start, uint32_t end, uint32_t *lo, uint32_t *hi)
{
    uint32_t l = article_first_from(a->mentions.v, a->mentions.n, sizeof *a->mentions.v, start);
    *lo = l;
    while (l < a->mentions.n && a->mentions.v[l].start < end) l++;
    *hi = l;
}

static bool word_before(const article *a, uint32_t off, const char *w)
{
    size_t n = strlen(w);
    while (off > 0 && a->text[off - 1] == ' ') off--;
    return off >= n && strncasecmp(a->text + off - n, w, n) == 0 &&
           (off == n || a->text[off - n - 1] == ' ' || a->text[off - n - 1] == '\n');
}

static uint32_t distance(uint32_t x, uint32_t y) { return x > y ? x - y : y - x; }

/* The place of the event: a GPE/LOC after "in"/"at"/"near"/"of" preferred,
 * else any; of several, the one nearest the trigger word at `at` ("concern
 * grew in Pakistan after a bombing at a hospital in Quetta": Quetta). */
static int32_t pick_place(const article *a, uint32_t lo, uint32_t hi, uint32_t at)
{
    int32_t any = -1, after_prep = -1;
    for (uint32_t i = lo; i < hi; i++) {
        const mention *m = &a->mentions.v[i];
        /* "6.1 on the Richter scale": a scale named after a man, read as a place */
        if (!is_place(m) || (m->end + 6 <= a->len && !memcmp(a->text + m->end, " scale", 6))) continue;
        if (any < 0 || distance(m->start, at) < distance(a->mentions.v[any].start, at)) any = (int32_t)i;
        bool prep = word_before(a, m->start, "in") || word_before(a, m->start, "at") ||
                    word_before(a, m->start, "near") || word_before(a, m->start, "of");
        if (prep && (after_prep < 0 || distance(m->start, at) < distance(a->mentions.v[after_prep].start, at)))
            after_prep = (int32_t)i;
    }
    return after_prep >= 0 ? after_prep : any;
}

/* The doer: an organisation or group after "by", or before "claimed responsibility". */
static int32_t pick_perpetrator(const events_res *r, const article *a, uint32_t lo, uint32_t hi)
{
    for (uint32_t i = lo; i < hi; i++) {
        const mention *m = &a->mentions.v[i];
        if (m->kind != MK_NAME || (m->type != ENT_ORG && m->type != ENT_NORP)) continue;
        if (word_before(a, m->start, "by") || word_before(a, m->start, "by the")) return (int32_t)i;
        /* "X claimed responsibility": the cue word follows within a few bytes */
        uint32_t e = m->end;
        while (e < a->len && a->text[e] == ' ') e++;
        uint32_t w = e;
        while (w < a->len && a->text[w] != ' ') w++;
        const char *role = wordmap_get(r->cues, a->text + e, w - e);
        if (role && !strcmp(role, "perpetrator-after")) return (int32_t)i;
    }
    return -1;
}

/* The date of the sentence's event: the one nearest its trigger word ("found
 * guilty Thursday in the 2012 shooting" is about 2012), the most precise of
 * those equally near. */
static void pick_date(const article *a, const sentence *s, reading *rd)
{
    int best = 0;
    uint32_t best_gap = UINT32_MAX;
    /* The first paragraph tells the news: a date there well before
     * publication ("a region devastated by the tsunami of 2004") is
     * background, not the date of what is reported. */
    bool lead = s->ntok && article_token_para(a, s->tok) == article_token_para(a, 0) && a->pubdate.y;
    int64_t pub = lead ? date_to_days(a->pubdate) : 0;
    for (uint32_t i = first_time(a, s->start); i < a->times.n && a->times.v[i].start < s->end; i++) {
        const timexpr *t = &a->times.v[i];
        if (t->end > s->end || !t->value) continue;
        int y = 0, m = 0, d = 0;
        int n = sscanf(t->value, "%d-%d-%d", &y, &m, &d);
        if (n < 1 || strchr(t->value, 'W') || strchr(t->value, 'Q')) continue;
        if (lead) {
            date last = {(int16_t)y, (int8_t)(n > 1 ? m : 12), (int8_t)(n > 2 ? d : 0)};
            if (n < 3) last.d = (int8_t)date_days_in_month(last.y, last.m);
            if (date_to_days(last) < pub - 31) continue;
        }
        uint32_t gap = t->end <= rd->at ? rd->at - t->end : t->start >= rd->at ? t->start - rd->at : 0;
        if (gap < best_gap || (gap == best_gap && n > best)) {
            best_gap = gap;
            best = n;
            rd->when = (date){(int16_t)y, (int8_t)(n > 1 ? m : 0), (int8_t)(n > 2 ? d : 0)};
            rd->when_value = t->value;
        }
    }
}

/* Where the article's headline and lead end (a byte offset): its first
 * paragraph, and the second when the first is one sentence (a headline
 * left in the text). What a lead names is what the article reports. */
static uint32_t lead_end(const article *a)
{
    if (!a->paras.n) return 0;
    uint32_t end = a->paras.v[0].end;
    if (a->paras.n > 1 && a->sents.n > 1 && a->sents.v[1].start >= end) end = a->paras.v[1].end;
    return end;
}

/* Whether a figure in the sentence counts people executed. */
static bool counts_executed(const article *a, const sentence *s)
{
    for (uint32_t i = first_figure(a, s->start); i < a->figures.n && a->figures.v[i].start < s->end; i++)
        if (a->figures.v[i].measure && !strcmp(a->figures.v[i].measure, "executed")) return true;
    return false;
}

static bool read_sentence(const events_res *r, const article *a, uint32_t si, uint32_t lead_to, reading *rd)
{
    const sentence *s = &a->sents.v[si];
    enum strength strength;
    uint32_t at = s->start;
    const char *type = find_trigger(r, a, s, &strength, &at);
    if (!type) return false;
    memset(rd, 0, sizeof *rd);
    rd->type = type;
    rd->at = at;
    rd->sent = si;
    for (uint32_t i = first_figure(a, s->start); i < a->figures.n && a->figures.v[i].start < s->end; i++) {
        const figure *f = &a->figures.v[i];
        if (f->end <= s->end && is_casualty(f)) rd->has_casualties = true;
    }
    uint32_t lo, hi;
    mentions_in(a, s->start, s->end, &lo, &hi);
    rd->place = pick_place(a, lo, hi, at);
    rd->perpetrator = pick_perpetrator(r, a, lo, hi);
    pick_date(a, s, rd);
    bool lead = s->start < lead_to;
    if (strength != STRONG && !rd->has_casualties && !(lead && strength == WEAK)) return false;
    /* "attack" alone may be a cyber attack, a heart attack, a verbal one:
     * it is an event where it hurt someone or happened somewhere */
    if (!strcmp(type, "attack")) return rd->place >= 0 || rd->has_casualties;
    /* "executed" may be code run or an order carried out: an execution names
     * its place or its toll ("executed seven militants") */
    if (!strcmp(type, "execution")) return rd->place >= 0 || rd->has_casualties || counts_executed(a, s);
    return rd->place >= 0 || rd->when.y || rd->has_casualties || (lead && strength == STRONG);
}

/* --- victims --------------------------------------------------------------- */

/* Words that say what happened to a person named just before ("Kimani Gray
 * was shot", "Horton, 34, died") or just after ("police shot Kimani Gray"),
 * and the small words that may stand between. */
static bool word_is(const article *a, uint32_t start, uint32_t end, const char *const *list)
{
    for (const char *const *w = list; *w; w++)
        if (strlen(*w) == end - start && !strncasecmp(a->text + start, *w, end - start)) return true;
    return false;
}

static const char *const harm_words[] = {"killed", "shot", "stabbed", "murdered", "died", "wounded", "injured",
                                         "slain", "hurt", "dies", NULL};
static const char *const between_words[] = {"was", "were", "is", "had", "has", "been", "being", "fatally",
                                            "critically", "seriously", "reportedly", "allegedly", "also",
                                            "and", "who", NULL};

/* Whether the person mentioned at tokens [t0, t1) is one the sentence says
 * was killed or hurt: a harm word after it (past auxiliaries, adverbs and an
 * age in commas), or a harm verb right before it. */
static bool harmed(const article *a, const sentence *s, uint32_t t0, uint32_t t1)
{
    /* after it: "died" on its own, the others in the passive ("was shot";
     * "Lee shot two guards" makes Lee the gunman) */
    static const char *const passive[] = {"was", "were", "is", "been", "being", NULL};
    static const char *const itself[] = {"died", "dies", NULL};
    uint32_t end = s->tok + s->ntok;
    bool pass = false;
    for (uint32_t t = t1, steps = 0; t < end && steps < 6; t++, steps++) {
        const token *k = &a->tokens.v[t];
        if (k->flags & TF_NUM) continue;                       /* ", 34," */
        if (k->flags & TF_PUNCT) {
            if (a->text[k->start] == ',') continue;
            break;
        }
        if (word_is(a, k->start, tok_end(k), itself)) return true;
        if (word_is(a, k->start, tok_end(k), harm_words)) return pass;
        if (!word_is(a, k->start, tok_end(k), between_words)) break;
        pass |= word_is(a, k->start, tok_end(k), passive);
    }
    /* before it: the verb, past an age ("shot 16-year-old Kimani Gray") */
    static const char *const age_words[] = {"year", "years", "old", "year-old", "a", "the", NULL};
    for (uint32_t t = t0, steps = 0; t > s->tok && steps < 8; t--, steps++) {
        const token *k = &a->tokens.v[t - 1];
        if ((k->flags & TF_NUM) || ((k->flags & TF_PUNCT) && a->text[k->start] == '-')) continue;
        if (!(k->flags & TF_WORD)) break;
        if (word_is(a, k->start, tok_end(k), age_words)) continue;
        return word_is(a, k->start, tok_end(k), harm_words) && strncasecmp(a->text + k->start, "died", 4) &&
               strncasecmp(a->text + k->start, "dies", 4);
    }
    return false;
}

/* The first token at or after byte off (tokens are in text order). */
static uint32_t token_at(const article *a, uint32_t off)
{
    uint32_t lo = 0, hi = a->tokens.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (a->tokens.v[mid].start < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The people the event's sentences say were killed or hurt, once each. */
static void find_victims(article *a, event *e)
{
    for (uint32_t k = 0; k < e->evidence.n; k++) {
        span sp = e->evidence.v[k];
        int32_t si = article_sentence_at(a, sp.start);
        if (si < 0) continue;
        const sentence *s = &a->sents.v[si];
        uint32_t lo, hi;
        mentions_in(a, sp.start, sp.end, &lo, &hi);
        for (uint32_t i = lo; i < hi; i++) {
            const mention *m = &a->mentions.v[i];
            if (m->kind != MK_NAME || m->type != ENT_PERSON || m->entity < 0 || (uint32_t)m->entity >= a->entities.n)
                continue;
            const char *name = a->entities.v[m->entity].name;
            if (!name || !harmed(a, s, token_at(a, m->start), token_at(a, m->end))) continue;
            bool seen = false;
            for (uint32_t j = 0; j < e->victims.n && !seen; j++) seen = e->victims.v[j] == name;
            if (!seen) *ARENA_PUSH(&a->mem, e->victims) = name;
        }
    }
}

static const char *mention_entity(const article *a, int32_t mi)
{
    if (mi < 0) return NULL;
    const mention *m = &a->mentions.v[mi];
    if (m->entity >= 0 && (uint32_t)m->entity < a->entities.n) return a->entities.v[m->entity].name;
    return NULL;
}

static const char *place_name(article *a, int32_t mi)
{
    const char *e = mention_entity(a, mi);
    if (e) return e;
    const mention *m = &a->mentions.v[mi];
    return arena_strndup(&a->mem, a->text + m->start, m->end - m->start);
}

/* Dates agree when one is a prefix of the other (2014-12 and 2014-12-16). */
static bool dates_agree(const char *x, const char *y)
{
    if (!x || !y) return true;
    size_t nx = strlen(x), ny = strlen(y), n = nx < ny ? nx : ny;
    return strncmp(x, y, n) == 0;
}

static bool places_agree(const char *x, const char *y) { return !x || !y || strcmp(x, y) == 0; }

static void adopt(article *a, event *e, const reading *rd)
{
    if (type_rank(rd->type) < type_rank(e->type)) e->type = rd->type;
    if (rd->place >= 0 && !e->place) e->place = place_name(a, rd->place);
    /* the most precise date; of two days (a caption dated the day after),
     * the earlier: what is reported happened before the reports */
    if (rd->when_value && (!e->date || strlen(rd->when_value) > strlen(e->date) ||
                           (strlen(rd->when_value) == strlen(e->date) && strcmp(rd->when_value, e->date) < 0)))
        e->date = rd->when_value;
    if (rd->perpetrator >= 0 && !e->perpetrator) e->perpetrator = place_name(a, rd->perpetrator);
    span *ev = ARENA_PUSH(&a->mem, e->evidence);
    *ev = (span){a->sents.v[rd->sent].start, a->sents.v[rd->sent].end};
}

/* Days between two YYYY-MM-DD dates; a large number unless both are days. */
static int64_t days_apart(const char *x, const char *y)
{
    date dx, dy;
    if (!x || !y || strlen(x) != 10 || strlen(y) != 10 || date_parse(x, 10, &dx) != 10 || date_parse(y, 10, &dy) != 10)
        return INT32_MAX;
    int64_t d = date_to_days(dx) - date_to_days(dy);
    return d < 0 ? -d : d;
}

/* Whether a sentence of type b may tell more of an event of type a: the
 * same type, or either a general one ("the attack", "died"). A bombing then
 * a shooting are two events. */
static bool continues(const char *a, const char *b)
{
    static const char *const general[] = {"attack", "killing", "death"};
    if (!strcmp(a, b)) return true;
    for (size_t i = 0; i < sizeof general / sizeof *general; i++)
        if (!strcmp(a, general[i]) || !strcmp(b, general[i])) return events_types_fit(a, b);
    return false;
}

/* The event this reading tells of. A reading with no date of its own tells
 * more of a story already begun: it joins the first event it continues
 * (the lead's), wherever it places it (a district of the quake's province,
 * a street of the city). A dated reading joins the latest event of a fitting
 * type whose date agrees (or a day apart: a caption dated the day after),
 * at the same place (or where either names none), or on the very same day. Only 64 events are tried, so a huge text with
 * thousands of events stays linear. */
static int32_t find_event(article *a, const reading *rd)
{
    uint32_t n = a->events.n, tries = n < 64 ? n : 64;
    if (!rd->when_value) {
        for (uint32_t i = 0; i < tries; i++)
            if (continues(a->events.v[i].type, rd->type)) return (int32_t)i;
        return -1;
    }
    const char *place = rd->place >= 0 ? place_name(a, rd->place) : NULL;
    for (uint32_t i = n; i-- > n - tries;) {
        event *e = &a->events.v[i];
        if (!events_types_fit(e->type, rd->type)) continue;
        bool same_day = e->date && strlen(e->date) == 10 && !strcmp(e->date, rd->when_value);
        bool agree = dates_agree(e->date, rd->when_value) || (days_apart(e->date, rd->when_value) <= 1 && place);
        if (agree && (places_agree(e->place, place) || same_day)) return (int32_t)i;
    }
    return -1;
}

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The value most figures agree on, ties to the larger; NAN when none. */
static double mode_of(double *v, uint32_t n)
{
    if (!n) return NAN;
    qsort(v, n, sizeof *v, cmp_double);
    double best = v[0];
    uint32_t best_run = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t k = i;
        while (k < n && v[k] == v[i]) k++;
        if (k - i >= best_run) {   /* sorted ascending: >= lets the larger win ties */
            best = v[i];
            best_run = k - i;
        }
        i = k;
    }
    return best;
}

/* Links the casualty figures of the event's sentences to it, and sets its
 * killed / injured to the values most of them agree on. */
/* The year an event happened in: its date's, else (an event reported
 * undated) its article's publication year; 0 when neither is known. */
static int event_year(const article *a, const event *e)
{
    int y = 0;
    if (e->date && sscanf(e->date, "%d", &y) == 1) return y;
    return a->pubdate.y;
}

/* Whether the sentence speaks of another year only ("the 2004 tsunami
 * killed 170,000"): its figures are then another event's toll. */
static bool other_year(const article *a, span sp, int year)
{
    bool other = false;
    for (uint32_t i = first_time(a, sp.start); i < a->times.n && a->times.v[i].start < sp.end; i++) {
        int y = 0;
        const char *v = a->times.v[i].value;
        if (!v || a->times.v[i].end > sp.end || sscanf(v, "%d", &y) != 1 || y < 1000) continue;
        if (y == year || y == year - 1) return false;   /* a toll given in January of December's attack */
        other = true;
    }
    return other;
}

static void link_figures(article *a, uint32_t ev)
{
    event *e = &a->events.v[ev];
    ARENA_VEC(double) killed = {0}, injured = {0};
    int year = event_year(a, e);
    for (uint32_t k = 0; k < e->evidence.n; k++) {
        span sp = e->evidence.v[k];
        if (year && other_year(a, sp, year)) continue;
        for (uint32_t i = first_figure(a, sp.start); i < a->figures.n && a->figures.v[i].start < sp.end; i++) {
            figure *f = &a->figures.v[i];
            if (f->event >= 0 || !is_casualty(f) || f->end > sp.end) continue;
            f->event = (int32_t)ev;
            if (strcmp(f->measure, "killed") == 0) *ARENA_PUSH(&a->mem, killed) = f->value;
            else *ARENA_PUSH(&a->mem, injured) = f->value;
        }
    }
    e->killed = mode_of(killed.v, killed.n);
    e->injured = mode_of(injured.v, injured.n);
}

void events_run(const events_res *r, article *a)
{
    a->events.n = 0;
    uint32_t lead_to = lead_end(a);
    for (uint32_t si = 0; si < a->sents.n; si++) {
        reading rd;
        if (!read_sentence(r, a, si, lead_to, &rd)) continue;
        int32_t ei = find_event(a, &rd);
        if (ei < 0) {
            event *e = ARENA_PUSH(&a->mem, a->events);
            e->type = rd.type;
            e->killed = e->injured = NAN;
            ei = (int32_t)(a->events.n - 1);
        }
        adopt(a, &a->events.v[ei], &rd);
    }
    for (uint32_t i = 0; i < a->events.n; i++) {
        link_figures(a, i);
        find_victims(a, &a->events.v[i]);
    }
}
