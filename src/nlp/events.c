/* events.c — attacks and executions an article reports: type, place, date,
 * perpetrator, casualty figures, and the sentences they were read from.
 *
 * A sentence is evidence of an event when it holds a trigger word
 * (data/nlp/event-triggers.txt) and something that pins the event down: a place,
 * a date or a casualty figure. Plural triggers ("cross-border attacks") speak
 * of attacks in general and count only with a casualty figure. Evidence
 * sentences that agree on type, place and date are merged, so an article that
 * tells of one massacre five times yields one event; figures found in its
 * sentences are linked to it (figure.event), and its killed/injured counts are
 * the best-supported values among them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/wordmap.h"
#include "nlp/shape.h"
#include "nlp/steps.h"

struct events_res {
    wordmap *triggers;   /* word → "type,pos" */
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
    bool has_casualties;
} reading;

static bool is_casualty(const figure *f)
{
    return f->measure && (!strcmp(f->measure, "killed") || !strcmp(f->measure, "injured"));
}

static bool is_place(const mention *m) { return m->kind == MK_NAME && (m->type == ENT_GPE || m->type == ENT_LOC); }

/* The trigger's type in this sentence, or NULL; *plural_only set for generic plurals. */
static const char *find_trigger(const events_res *r, const article *a, const sentence *s, bool *plural_only)
{
    const char *type = NULL;
    *plural_only = true;
    for (uint32_t t = s->tok; t < s->tok + s->ntok; t++) {
        const token *k = &a->tokens.v[t];
        if (!(k->flags & TF_WORD) || !shape_may(&r->trigger_shapes, a->text + k->start, k->end - k->start)) continue;
        const char *v = wordmap_get(r->triggers, a->text + k->start, k->end - k->start);
        if (!v) continue;
        static const char *const types[] = {"attack", "execution"};
        for (size_t i = 0; i < 2; i++)
            if (!strncmp(v, types[i], strlen(types[i]))) type = types[i];
        if (!strstr(v, "plural")) *plural_only = false;
    }
    return type;
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

/* The place of the event: a GPE/LOC after "in"/"at"/"near" preferred, else the first. */
static int32_t pick_place(const article *a, uint32_t lo, uint32_t hi)
{
    int32_t first = -1;
    for (uint32_t i = lo; i < hi; i++) {
        const mention *m = &a->mentions.v[i];
        if (!is_place(m)) continue;
        if (first < 0) first = (int32_t)i;
        if (word_before(a, m->start, "in") || word_before(a, m->start, "at") ||
            word_before(a, m->start, "near") || word_before(a, m->start, "of"))
            return (int32_t)i;
    }
    return first;
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

/* The most precise date in the sentence (day over month over year). */
static void pick_date(const article *a, const sentence *s, reading *rd)
{
    int best = 0;
    for (uint32_t i = first_time(a, s->start); i < a->times.n && a->times.v[i].start < s->end; i++) {
        const timexpr *t = &a->times.v[i];
        if (t->end > s->end || !t->value) continue;
        int y = 0, m = 0, d = 0;
        int n = sscanf(t->value, "%d-%d-%d", &y, &m, &d);
        if (n < 1 || strchr(t->value, 'W') || strchr(t->value, 'Q')) continue;
        if (n > best) {
            best = n;
            rd->when = (date){(int16_t)y, (int8_t)(n > 1 ? m : 0), (int8_t)(n > 2 ? d : 0)};
            rd->when_value = t->value;
        }
    }
}

static bool read_sentence(const events_res *r, const article *a, uint32_t si, reading *rd)
{
    const sentence *s = &a->sents.v[si];
    bool plural_only;
    const char *type = find_trigger(r, a, s, &plural_only);
    if (!type) return false;
    memset(rd, 0, sizeof *rd);
    rd->type = type;
    rd->sent = si;
    for (uint32_t i = first_figure(a, s->start); i < a->figures.n && a->figures.v[i].start < s->end; i++) {
        const figure *f = &a->figures.v[i];
        if (f->end <= s->end && is_casualty(f)) rd->has_casualties = true;
    }
    uint32_t lo, hi;
    mentions_in(a, s->start, s->end, &lo, &hi);
    rd->place = pick_place(a, lo, hi);
    rd->perpetrator = pick_perpetrator(r, a, lo, hi);
    pick_date(a, s, rd);
    if (plural_only && !rd->has_casualties) return false;
    return rd->place >= 0 || rd->when.y || rd->has_casualties;
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
    if (rd->place >= 0 && !e->place) e->place = place_name(a, rd->place);
    if (rd->when_value && (!e->date || strlen(rd->when_value) > strlen(e->date))) e->date = rd->when_value;
    if (rd->perpetrator >= 0 && !e->perpetrator) e->perpetrator = place_name(a, rd->perpetrator);
    span *ev = ARENA_PUSH(&a->mem, e->evidence);
    *ev = (span){a->sents.v[rd->sent].start, a->sents.v[rd->sent].end};
}

/* The event this reading agrees with. Only the latest events are tried, so a
 * huge text with thousands of events stays linear. */
static int32_t find_event(article *a, const reading *rd)
{
    const char *place = rd->place >= 0 ? place_name(a, rd->place) : NULL;
    uint32_t from = a->events.n > 64 ? a->events.n - 64 : 0;
    for (uint32_t i = a->events.n; i-- > from;) {
        event *e = &a->events.v[i];
        if (strcmp(e->type, rd->type) != 0) continue;
        if (places_agree(e->place, place) && dates_agree(e->date, rd->when_value)) return (int32_t)i;
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
static void link_figures(article *a, uint32_t ev)
{
    event *e = &a->events.v[ev];
    ARENA_VEC(double) killed = {0}, injured = {0};
    for (uint32_t k = 0; k < e->evidence.n; k++) {
        span sp = e->evidence.v[k];
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
    for (uint32_t si = 0; si < a->sents.n; si++) {
        reading rd;
        if (!read_sentence(r, a, si, &rd)) continue;
        int32_t ei = find_event(a, &rd);
        if (ei < 0) {
            event *e = ARENA_PUSH(&a->mem, a->events);
            e->type = rd.type;
            e->killed = e->injured = NAN;
            ei = (int32_t)(a->events.n - 1);
        }
        adopt(a, &a->events.v[ei], &rd);
    }
    for (uint32_t i = 0; i < a->events.n; i++) link_figures(a, i);
}
