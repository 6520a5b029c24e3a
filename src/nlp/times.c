/* times.c — placeholder until the times step lands: finds nothing. */
#include <stdlib.h>

#include "nlp/steps.h"

struct times_res { int unused; };

times_res *times_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    return calloc(1, sizeof(times_res));
}

void times_free(times_res *r) { free(r); }

void times_run(const times_res *r, article *a) {}
