/* wordmap.h — word lists and small tables from data/, as hash maps.
 *
 * A data file has one entry a line: a key, optionally a TAB and a value;
 * blank lines and lines starting with '#' are skipped. Keys may hold spaces
 * ("lost their lives"). With WM_FOLD, keys are compared ignoring case (and
 * curly apostrophes are folded to straight ones). Loaded once per process,
 * read-only afterwards, so threads may share them. */
#ifndef DOSSIER_WORDMAP_H
#define DOSSIER_WORDMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wordmap wordmap;

enum { WM_FOLD = 1 };

wordmap *wordmap_new(int flags);
/* NULL with a one-line message in err when the file cannot be read. */
wordmap *wordmap_load(const char *path, int flags, char *err, size_t errlen);
void wordmap_free(wordmap *m);
void wordmap_add(wordmap *m, const char *key, size_t n, const char *value);
/* The value ("" when the entry has none), or NULL when key is absent. */
const char *wordmap_get(const wordmap *m, const char *key, size_t n);
static inline bool wordmap_has(const wordmap *m, const char *key, size_t n)
{
    return wordmap_get(m, key, n) != NULL;
}
size_t wordmap_count(const wordmap *m);
/* Calls fn with every key as the map holds it (folded, with WM_FOLD), in no
 * set order: filters over a list's keys are built from the loaded map, not
 * by reading its file a second way. */
void wordmap_each(const wordmap *m, void (*fn)(const char *key, size_t n, void *ctx), void *ctx);
/* Longest key length in bytes, so callers can bound multi-word lookups. */
size_t wordmap_maxlen(const wordmap *m);

/* The hash used here, exposed for other tables (features, aliases). */
uint64_t hash_bytes(const void *p, size_t n);

#endif
