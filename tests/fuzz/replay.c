/* replay.c — runs a fuzz harness over files without libFuzzer: `make test`
 * builds each harness with this main (gcc, ASan+UBSan) and replays its seed
 * corpus and every input a fuzzing run found crashing (tests/fuzz/regress).
 * usage: replay [DIR...]; with none, the harness's own folders
 * tests/fuzz/corpus/FUZZ_NAME and tests/fuzz/regress/FUZZ_NAME. Prints
 * cmocka's closing lines, so the test runner counts each file as a test. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 1 << 16, n = 0;
    uint8_t *p = malloc(cap);
    size_t r;
    while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            uint8_t *q = realloc(p, cap *= 2);
            if (!q) { free(p); p = NULL; }
            else p = q;
        }
    }
    fclose(f);
    if (!p) return -1;
    LLVMFuzzerTestOneInput(p, n);   /* a failure aborts, with the sanitizer's report */
    free(p);
    return 0;
}

#ifndef FUZZ_NAME
#define FUZZ_NAME "none"
#endif
#ifndef FUZZ_SEEDS
#define FUZZ_SEEDS ""
#endif

int main(int argc, char **argv)
{
    /* its corpus, its kept crashes, and the fixture folders it seeds from
     * (FUZZ_SEEDS, space-separated, from the Makefile) */
    static char seeds[] = FUZZ_SEEDS;
    char *own[16] = {argv[0], "tests/fuzz/corpus/" FUZZ_NAME, "tests/fuzz/regress/" FUZZ_NAME};
    if (argc < 2) {
        argc = 3;
        for (char *t = strtok(seeds, " "); t && argc < 16; t = strtok(NULL, " ")) own[argc++] = t;
        argv = own;
    }
    int passed = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d) continue;   /* no crash kept yet for this harness */
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[i], e->d_name);
            printf("[ RUN      ] %s\n", path);
            fflush(stdout);
            if (replay_file(path) == 0) passed++;
            else { printf("[  FAILED  ] %s: cannot read\n", path); failed++; }
        }
        closedir(d);
    }
    printf("[==========] %d test(s) run.\n[  PASSED  ] %d test(s).\n", passed + failed, passed);
    if (failed) printf("[  FAILED  ] %d test(s).\n", failed);
    return failed != 0;
}
