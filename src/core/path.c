/* path.c — folders compared as folders (see path.h). */
#include "core/path.h"

#include <stdlib.h>
#include <string.h>

char *path_common(const char *a, const char *b)
{
    if (!a || !b) return a || b ? strdup(a ? a : b) : NULL;
    size_t n = 0, last = 0;   /* last: the end of the last whole folder both share */
    while (a[n] && a[n] == b[n]) {
        if (a[n] == '/') last = n;
        n++;
    }
    if ((!a[n] || a[n] == '/') && (!b[n] || b[n] == '/')) last = n;   /* one holds the other */
    if (last == 0) return strdup("/");
    return strndup(a, last);
}

const char *path_below(const char *root, const char *dir)
{
    size_t n = strlen(root);
    if (n == 1 && root[0] == '/') return dir[0] == '/' ? dir + 1 : NULL;
    if (strncmp(root, dir, n) != 0) return NULL;
    if (!dir[n]) return dir + n;
    return dir[n] == '/' ? dir + n + 1 : NULL;
}
