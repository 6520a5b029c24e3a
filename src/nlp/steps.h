/* steps.h — the nlp steps behind nlp_run(), each with the resources it loads.
 *
 * Internal to the nlp stage: callers use nlp.h. Each step owns its word lists
 * and weights (loaded from data/ and models/), so steps are added or changed
 * without touching each other. A load function returns NULL with a one-line
 * reason in err. */
#ifndef DOSSIER_NLP_STEPS_H
#define DOSSIER_NLP_STEPS_H

#include <stddef.h>

#include "core/article.h"

#define STEP(name)                                                                  \
    typedef struct name##_res name##_res;                                          \
    name##_res *name##_load(const char *datadir, const char *modeldir, char *err, size_t errlen); \
    void name##_free(name##_res *r);                                               \
    void name##_run(const name##_res *r, article *a);

STEP(sentences)   /* nlp/sentences.c */
STEP(entities)    /* nlp/entities.c: mentions, entities, roles, in-article aliases */
STEP(times)       /* nlp/times.c */
STEP(figures)     /* nlp/figures.c */
STEP(quotes)      /* nlp/quotes.c */
STEP(events)      /* nlp/events.c */

#undef STEP

#endif
