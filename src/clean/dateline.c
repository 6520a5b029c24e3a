/* dateline.c — placeholder until dateline detection lands: finds none. */
#include "clean/internal.h"

void clean_find_dateline(const clean_res *r, article *a) {}
