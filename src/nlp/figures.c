/* figures.c — placeholder until the figures step lands: finds nothing. */
#include <stdlib.h>

#include "nlp/steps.h"

struct figures_res { int unused; };

figures_res *figures_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    return calloc(1, sizeof(figures_res));
}

void figures_free(figures_res *r) { free(r); }

void figures_run(const figures_res *r, article *a) {}
