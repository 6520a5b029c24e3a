/* fuzz.h — what the libFuzzer harnesses share: one dossier for the run, and
 * the checks every output must pass whatever the input. A failed check
 * aborts, which libFuzzer (and the replay in `make test`) reports as a crash. */
#ifndef DOSSIER_FUZZ_H
#define DOSSIER_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "dossier.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline dossier *fuzz_dossier(void)
{
    static dossier *d;
    if (!d) {
        char err[512];
        if (!(d = dossier_open(NULL, NULL, err, sizeof err))) {
            fprintf(stderr, "fuzz: cannot open dossier: %s\n", err);
            abort();
        }
    }
    return d;
}

#define FUZZ_CHECK(cond)                                                        \
    do {                                                                        \
        if (!(cond)) {                                                          \
            fprintf(stderr, "fuzz: check failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            abort();                                                            \
        }                                                                       \
    } while (0)

/* Valid UTF-8 with no raw control byte: what a JSON line must be. */
static inline void fuzz_check_json_line(const char *s, size_t n)
{
    FUZZ_CHECK(utf8_valid_prefix(s, n) == n);
    for (size_t i = 0; i < n; i++) FUZZ_CHECK((unsigned char)s[i] >= 0x20);
}

#endif
