/* article.c — allocation of an article and lookups shared by stages. */
#include "core/article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

article *article_new(void)
{
    article *a = calloc(1, sizeof *a);
    if (!a) {
        fprintf(stderr, "dossier: out of memory\n");
        abort();
    }
    arena_init(&a->mem);
    return a;
}

void article_free(article *a)
{
    if (!a) return;
    arena_free(&a->mem);
    free(a);
}

uint32_t article_first_from(const void *items, uint32_t n, size_t size, uint32_t off)
{
    const unsigned char *base = items;
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2, start;
        memcpy(&start, base + (size_t)mid * size, sizeof start);
        if (start < off) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int32_t article_sentence_at(const article *a, uint32_t off)
{
    uint32_t lo = 0, hi = a->sents.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (a->sents.v[mid].end <= off) lo = mid + 1;
        else hi = mid;
    }
    if (lo < a->sents.n && a->sents.v[lo].start <= off) return (int32_t)lo;
    return -1;
}

uint16_t article_token_para(const article *a, uint32_t i)
{
    uint32_t lo = 0, hi = a->para_steps.n;   /* first step past i */
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (a->para_steps.v[mid] <= i) lo = mid + 1;
        else hi = mid;
    }
    return (uint16_t)lo;
}
