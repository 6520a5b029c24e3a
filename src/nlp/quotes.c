/* quotes.c — placeholder until the quotes step lands: finds nothing. */
#include <stdlib.h>

#include "nlp/steps.h"

struct quotes_res { int unused; };

quotes_res *quotes_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    return calloc(1, sizeof(quotes_res));
}

void quotes_free(quotes_res *r) { free(r); }

void quotes_run(const quotes_res *r, article *a) {}
