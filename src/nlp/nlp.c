/* nlp.c — loading the nlp steps' resources and running the steps in order. */
#include "nlp/nlp.h"

#include <stdio.h>
#include <stdlib.h>

#include "nlp/steps.h"

struct nlp_res {
    sentences_res *sentences;
    entities_res *entities;
    times_res *times;
    figures_res *figures;
    quotes_res *quotes;
    events_res *events;
};

nlp_res *nlp_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    nlp_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    nlp_tokenize_init();
    if (!(r->sentences = sentences_load(datadir, modeldir, err, errlen)) ||
        !(r->entities = entities_load(datadir, modeldir, err, errlen)) ||
        !(r->times = times_load(datadir, modeldir, err, errlen)) ||
        !(r->figures = figures_load(datadir, modeldir, err, errlen)) ||
        !(r->quotes = quotes_load(datadir, modeldir, err, errlen)) ||
        !(r->events = events_load(datadir, modeldir, err, errlen))) {
        nlp_free(r);
        return NULL;
    }
    return r;
}

void nlp_free(nlp_res *r)
{
    if (!r) return;
    sentences_free(r->sentences);
    entities_free(r->entities);
    times_free(r->times);
    figures_free(r->figures);
    quotes_free(r->quotes);
    events_free(r->events);
    free(r);
}


void nlp_run(const nlp_res *r, article *a, unsigned steps)
{
    /* Later steps need earlier ones: quotes need entities, events need all. */
    if (steps & NLP_EVENTS) steps |= NLP_QUOTES | NLP_FIGURES | NLP_TIMES;
    if (steps & (NLP_QUOTES | NLP_FIGURES | NLP_TIMES)) steps |= NLP_ENTITIES;
    if (steps) steps |= NLP_SENTENCES;

    if (steps & NLP_SENTENCES) {
        nlp_tokenize(a);
        sentences_run(r->sentences, a);
    }
    if (steps & NLP_ENTITIES) entities_run(r->entities, a);
    if (steps & NLP_TIMES) times_run(r->times, a);
    if (steps & NLP_FIGURES) figures_run(r->figures, a);
    if (steps & NLP_QUOTES) quotes_run(r->quotes, a);
    if (steps & NLP_EVENTS) events_run(r->events, a);
}
