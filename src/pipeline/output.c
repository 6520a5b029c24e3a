/* output.c — an article as one JSON object (../shared/spec/extract-format.md). */
#include <math.h>
#include <string.h>

#include "core/json.h"
#include "dossier.h"

static const char *const ent_names[ENT__COUNT] = {"NONE", "PERSON", "ORG", "GPE", "LOC", "NORP"};
static const char *const quote_kinds[] = {"direct", "indirect", "mixed"};

static void span_text(buf *b, const article *a, uint32_t s, uint32_t e)
{
    json_key(b, "start"); buf_printf(b, "%u,", s);
    json_key(b, "end"); buf_printf(b, "%u,", e);
    json_key(b, "text"); json_str(b, a->text + s, e - s);
}

static const char *entity_name(const article *a, int32_t e)
{
    return e >= 0 && (uint32_t)e < a->entities.n ? a->entities.v[e].name : NULL;
}

static void put_entities(buf *b, const article *a)
{
    buf_putc(b, '[');
    bool first = true;
    for (uint32_t i = 0; i < a->mentions.n; i++) {
        const mention *m = &a->mentions.v[i];
        if (m->kind != MK_NAME) continue;
        if (!first) buf_putc(b, ',');
        first = false;
        buf_putc(b, '{');
        span_text(b, a, m->start, m->end);
        buf_putc(b, ',');
        json_key(b, "type"); json_cstr(b, ent_names[m->type < ENT__COUNT ? m->type : 0]);
        buf_putc(b, ',');
        json_key(b, "entity"); json_cstr(b, entity_name(a, m->entity));
        if (m->role.end > m->role.start) {
            buf_putc(b, ',');
            json_key(b, "role"); json_str(b, a->text + m->role.start, m->role.end - m->role.start);
        }
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void put_quotes(buf *b, const article *a)
{
    buf_putc(b, '[');
    for (uint32_t i = 0; i < a->quotes.n; i++) {
        const quote *q = &a->quotes.v[i];
        if (i) buf_putc(b, ',');
        buf_putc(b, '{');
        span_text(b, a, q->start, q->end);
        buf_putc(b, ',');
        json_key(b, "kind"); json_cstr(b, quote_kinds[q->kind <= Q_MIXED ? q->kind : 0]);
        buf_putc(b, ',');
        json_key(b, "speaker"); json_cstr(b, entity_name(a, q->speaker));
        buf_putc(b, ',');
        json_key(b, "speaker_mention");
        if (q->speaker_span.end > q->speaker_span.start) {
            buf_putc(b, '{');
            span_text(b, a, q->speaker_span.start, q->speaker_span.end);
            buf_putc(b, '}');
        } else {
            buf_puts(b, "null");
        }
        buf_putc(b, ',');
        json_key(b, "cue");
        if (q->cue.end > q->cue.start) json_str(b, a->text + q->cue.start, q->cue.end - q->cue.start);
        else buf_puts(b, "null");
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void put_figures(buf *b, const article *a)
{
    buf_putc(b, '[');
    for (uint32_t i = 0; i < a->figures.n; i++) {
        const figure *f = &a->figures.v[i];
        if (i) buf_putc(b, ',');
        buf_putc(b, '{');
        span_text(b, a, f->start, f->end);
        buf_putc(b, ',');
        json_key(b, "value"); json_num(b, f->value);
        buf_putc(b, ',');
        json_key(b, "high"); json_num(b, f->high);
        buf_putc(b, ',');
        json_key(b, "approx"); buf_puts(b, f->approx ? "true" : "false");
        buf_putc(b, ',');
        json_key(b, "unit"); json_cstr(b, f->unit);
        buf_putc(b, ',');
        json_key(b, "measure"); json_cstr(b, f->measure);
        buf_putc(b, ',');
        json_key(b, "event");
        if (f->event >= 0) buf_printf(b, "%d", f->event);
        else buf_puts(b, "null");
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void put_times(buf *b, const article *a)
{
    buf_putc(b, '[');
    for (uint32_t i = 0; i < a->times.n; i++) {
        const timexpr *t = &a->times.v[i];
        if (i) buf_putc(b, ',');
        buf_putc(b, '{');
        span_text(b, a, t->start, t->end);
        buf_putc(b, ',');
        json_key(b, "value"); json_cstr(b, t->value);
        buf_putc(b, '}');
    }
    buf_putc(b, ']');
}

static void put_events(buf *b, const article *a)
{
    buf_putc(b, '[');
    for (uint32_t i = 0; i < a->events.n; i++) {
        const event *e = &a->events.v[i];
        if (i) buf_putc(b, ',');
        buf_putc(b, '{');
        json_key(b, "type"); json_cstr(b, e->type); buf_putc(b, ',');
        json_key(b, "place"); json_cstr(b, e->place); buf_putc(b, ',');
        json_key(b, "date"); json_cstr(b, e->date); buf_putc(b, ',');
        json_key(b, "perpetrator"); json_cstr(b, e->perpetrator); buf_putc(b, ',');
        json_key(b, "victims");
        buf_putc(b, '[');
        for (uint32_t k = 0; k < e->victims.n; k++) {
            if (k) buf_putc(b, ',');
            json_cstr(b, e->victims.v[k]);
        }
        buf_puts(b, "],");
        json_key(b, "killed"); json_num(b, e->killed); buf_putc(b, ',');
        json_key(b, "injured"); json_num(b, e->injured); buf_putc(b, ',');
        json_key(b, "evidence");
        buf_putc(b, '[');
        for (uint32_t k = 0; k < e->evidence.n; k++)
            buf_printf(b, "%s[%u,%u]", k ? "," : "", e->evidence.v[k].start, e->evidence.v[k].end);
        buf_puts(b, "]}");
    }
    buf_putc(b, ']');
}

void dossier_article_json(const article *a, buf *b)
{
    buf_putc(b, '{');
    json_key(b, "id"); json_cstr(b, a->id); buf_putc(b, ',');
    json_key(b, "source"); json_cstr(b, a->source); buf_putc(b, ',');
    json_key(b, "title"); json_cstr(b, a->title); buf_putc(b, ',');
    json_key(b, "published"); json_cstr(b, a->published); buf_putc(b, ',');
    json_key(b, "outlet"); json_cstr(b, a->outlet); buf_putc(b, ',');
    json_key(b, "dateline"); json_cstr(b, a->dateline); buf_putc(b, ',');
    if (a->url) {
        json_key(b, "url"); json_cstr(b, a->url); buf_putc(b, ',');
    }
    if (a->title_from || a->published_from || a->outlet_from) {
        /* where the fields the text did not give came from */
        json_key(b, "from");
        buf_putc(b, '{');
        bool first = true;
        const char *const keys[] = {"title", "published", "outlet"};
        const char *const vals[] = {a->title_from, a->published_from, a->outlet_from};
        for (int i = 0; i < 3; i++) {
            if (!vals[i]) continue;
            if (!first) buf_putc(b, ',');
            first = false;
            json_key(b, keys[i]); json_cstr(b, vals[i]);
        }
        buf_puts(b, "},");
    }
    json_key(b, "text"); json_str(b, a->text, a->len); buf_putc(b, ',');
    json_key(b, "removed");
    buf_putc(b, '[');
    for (uint32_t i = 0; i < a->removed.n; i++) {
        if (i) buf_putc(b, ',');
        json_cstr(b, a->removed.v[i]);
    }
    buf_puts(b, "],");
    json_key(b, "sentences");
    buf_putc(b, '[');
    for (uint32_t i = 0; i < a->sents.n; i++)
        buf_printf(b, "%s[%u,%u]", i ? "," : "", a->sents.v[i].start, a->sents.v[i].end);
    buf_puts(b, "],");
    json_key(b, "entities"); put_entities(b, a); buf_putc(b, ',');
    json_key(b, "quotes"); put_quotes(b, a); buf_putc(b, ',');
    json_key(b, "figures"); put_figures(b, a); buf_putc(b, ',');
    json_key(b, "times"); put_times(b, a); buf_putc(b, ',');
    json_key(b, "events"); put_events(b, a);
    buf_putc(b, '}');
}
