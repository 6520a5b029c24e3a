/* json.h — writing JSON straight into a buffer (no tree, no allocation per value). */
#ifndef DOSSIER_JSON_H
#define DOSSIER_JSON_H

#include <stddef.h>

#include "core/buf.h"

void json_str(buf *b, const char *s, size_t n);   /* quoted, escaped; bytes not UTF-8 become \ufffd */
void json_cstr(buf *b, const char *s);            /* NULL prints null */
void json_num(buf *b, double v);                  /* integers without a fraction; NaN prints null */
void json_key(buf *b, const char *key);           /* "key": (caller writes the comma) */

#endif
