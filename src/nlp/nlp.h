/* nlp.h — the third stage: reading one cleaned article.
 *
 * Each step fills one array of the article and reads only earlier ones:
 *   tokenize   → tokens and paragraph numbers        (nlp/tokenize.c)
 *   sentences  → sentence spans                      (nlp/sentences.c)
 *   entities   → mentions and entities, with roles   (nlp/entities.c, ner.c)
 *   times      → dates, resolved against published   (nlp/times.c)
 *   figures    → numbers and what they count         (nlp/figures.c)
 *   quotes     → direct/indirect quotes and speakers (nlp/quotes.c)
 *   events     → deadly events: place, date, figures  (nlp/events.c)
 * Word lists and model weights are loaded once into nlp_res and only read. */
#ifndef DOSSIER_NLP_H
#define DOSSIER_NLP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/article.h"

typedef struct nlp_res nlp_res;

nlp_res *nlp_load(const char *datadir, const char *modeldir, char *err, size_t errlen);
void nlp_free(nlp_res *r);

enum nlp_steps {
    NLP_SENTENCES = 1 << 0,   /* tokens and sentences */
    NLP_ENTITIES  = 1 << 1,
    NLP_TIMES     = 1 << 2,
    NLP_FIGURES   = 1 << 3,
    NLP_QUOTES    = 1 << 4,
    NLP_EVENTS    = 1 << 5,
    NLP_ALL       = 0x3f,
};

/* Runs the steps asked for (and those they need) in pipeline order. */
void nlp_run(const nlp_res *r, article *a, unsigned steps);

/* Whether two event types (article.h: event.type) may name one happening:
 * the same family (shooting, bombing, killing and attack are violence), or
 * either is the unspecific "death" or a "killing" (by any means). NULL fits
 * any. */
bool events_types_fit(const char *a, const char *b);
/* The family of an event type ("violence" for shooting ...), else the type. */
const char *events_family(const char *type);

void nlp_tokenize(article *a);
void nlp_tokenize_init(void);   /* the tokenizer's tables; nlp_load calls it */

#endif
