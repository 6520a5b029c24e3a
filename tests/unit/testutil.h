/* testutil.h — what the unit tests share: cmocka, and articles from strings. */
#ifndef DOSSIER_TESTUTIL_H
#define DOSSIER_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"

/* One dossier for the whole test program (word lists and models load once). */
static dossier *test_dossier(void)
{
    static dossier *d;
    if (!d) {
        char err[512];
        d = dossier_open(NULL, NULL, err, sizeof err);
        if (!d) {
            fprintf(stderr, "test: cannot open dossier: %s\n", err);
            abort();
        }
    }
    return d;
}

/* Extracts an article from a string, as if read from a file. */
static inline article *test_extract(const char *text)
{
    input in;
    char err[256];
    if (read_bytes(text, strlen(text), &in, err, sizeof err) != 0) return NULL;
    article *a = dossier_extract(test_dossier(), &in, "test", "test.txt");
    input_free(&in);
    return a;
}

/* Runs the nlp steps over already-clean text (no cleaning: every line is
 * kept), with a publication date or NULL. */
static inline article *test_analyze(const char *text, const char *published)
{
    return dossier_analyze(test_dossier(), text, strlen(text), published);
}

/* The text of a span, in a static buffer (tests only). */
static inline const char *span_str(const article *a, uint32_t s, uint32_t e)
{
    static char out[4][1024];
    static int k;
    char *o = out[k++ & 3];
    size_t n = e - s < 1023 ? e - s : 1023;
    memcpy(o, a->text + s, n);
    o[n] = '\0';
    return o;
}

#endif
