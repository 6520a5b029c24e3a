/* claims.c — stub */
#include "link/internal.h"
int link_claims_add(linker *l, long long art, const article *a, const long long *nodes, char *err, size_t errlen) { return 0; }
int link_claims_redo(linker *l, char *err, size_t errlen) { return 0; }
int link_claims_json(linker *l, buf *out, char *err, size_t errlen) { return 0; }
int link_claims_text(linker *l, buf *out, char *err, size_t errlen) { return 0; }
