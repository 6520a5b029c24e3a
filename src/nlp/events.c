/* events.c — placeholder until the events step lands: finds nothing. */
#include <stdlib.h>

#include "nlp/steps.h"

struct events_res { int unused; };

events_res *events_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    return calloc(1, sizeof(events_res));
}

void events_free(events_res *r) { free(r); }

void events_run(const events_res *r, article *a) {}
