/* sentences.c — tokens → sentences (byte spans), with abbreviations and quotes.
 *
 * A sentence ends at . ! ? or an ellipsis (with any closing quotes or brackets
 * stuck to it) when white space and a word that can open a sentence follow,
 * and always at a paragraph break. It does not end inside a quotation that is
 * still open (so a quoted speech stays with its "he said"), nor after a title
 * abbreviation (Mr. Lt. Gen.); after other abbreviations and initials it ends
 * only before a usual sentence opener (in the U.S. The …). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/wordmap.h"
#include "nlp/nlp.h"
#include "nlp/steps.h"

struct sentences_res {
    wordmap *abbrev;     /* abbreviation → title | month | other */
    wordmap *starters;   /* usual sentence openers, case-sensitive */
    wordmap *speech;     /* said, asked ...: a quotation's tag after its close */
};

static wordmap *load_list(const char *dir, const char *name, int flags, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/%s", dir, name);
    return wordmap_load(path, flags, err, errlen);
}

sentences_res *sentences_load(const char *datadir, const char *modeldir, char *err, size_t errlen)
{
    sentences_res *r = calloc(1, sizeof *r);
    if (!r) abort();
    r->abbrev = load_list(datadir, "abbreviations.txt", WM_FOLD, err, errlen);
    r->starters = r->abbrev ? load_list(datadir, "sentence-starters.txt", 0, err, errlen) : NULL;
    r->speech = r->starters ? load_list(datadir, "speech-tags.txt", WM_FOLD, err, errlen) : NULL;
    if (!r->speech) {
        sentences_free(r);
        return NULL;
    }
    return r;
}

void sentences_free(sentences_res *r)
{
    if (!r) return;
    wordmap_free(r->abbrev);
    wordmap_free(r->starters);
    wordmap_free(r->speech);
    free(r);
}

static bool is_terminal(const article *a, const token *t)
{
    const char *s = a->text + t->start;
    uint32_t n = tok_end(t) - t->start;
    if (!(t->flags & TF_PUNCT)) return false;
    if (n == 1) return *s == '.' || *s == '!' || *s == '?';
    if (n == 3 && memcmp(s, "...", 3) == 0) return true;
    return n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0;   /* … */
}

/* Closing marks that stay with the sentence they follow: ” ’ ) ] ' " */
static bool is_trailer(const article *a, const token *t)
{
    if (t->flags & TF_SPACE) return false;
    if (t->flags & TF_QCLOSE) return true;
    char c = a->text[t->start];
    return tok_end(t) - t->start == 1 && (c == ')' || c == ']');
}

/* Can the token open a sentence? */
static bool opens_sentence(const token *t)
{
    if (t->flags & (TF_CAP | TF_NUM | TF_QOPEN | TF_PARA)) return true;
    return (t->flags & TF_PUNCT) && !(t->flags & TF_QCLOSE);
}

static bool is_starter(const sentences_res *r, const article *a, const token *t)
{
    return (t->flags & (TF_QOPEN | TF_PARA)) ||
           wordmap_has(r->starters, a->text + t->start, tok_end(t) - t->start);
}

/* For a token ending in its own period: may that period end the sentence? */
static bool abbrev_may_end(const sentences_res *r, const article *a, const token *t, const token *next)
{
    const char *s = a->text + t->start;
    uint32_t n = tok_end(t) - t->start - 1;
    const char *kind = wordmap_get(r->abbrev, s, n);
    if (kind && (!strcmp(kind, "title") || !strcmp(kind, "numero"))) return false;
    if (kind && !strcmp(kind, "month") && (next->flags & TF_NUM)) return false;
    if (!kind && n > 2 && !memchr(s, '.', n)) return opens_sentence(next);  /* a word, not an abbreviation */
    return is_starter(r, a, next);
}

static bool is_terminal(const article *a, const token *t);

/* Whether the speech verb at k closes its sentence soon: '… Smith said on
 * Tuesday.' — not '… Park said Kim's state is "spiraling".', a new sentence
 * that opens with its speaker. */
static bool tag_ends_soon(const article *a, uint32_t k)
{
    const token *t = a->tokens.v;
    for (uint32_t m = k + 1; m < a->tokens.n && m < k + 6; m++) {
        if (t[m].flags & TF_PARA) return true;
        if (is_terminal(a, &t[m]) || (m == k + 1 && a->text[t[m].start] == ',')) return true;
    }
    return k + 1 >= a->tokens.n;
}

/* '"Why not?" Smith asked.': after a quotation closed with its own stop, a
 * name followed shortly by a speech verb continues the sentence; after a
 * full stop only where that verb closes the sentence ('"We won." Ann Lee
 * said.'). */
static bool speech_tag_follows(const sentences_res *r, const article *a, uint32_t j, bool full_stop)
{
    const token *t = a->tokens.v;
    for (uint32_t k = j; k < a->tokens.n && k < j + 6; k++) {
        if (k > j && (t[k].flags & TF_PARA)) return false;
        if (t[k].flags & TF_PUNCT) {
            char c = a->text[t[k].start];
            if (c != ',' && c != '.') return false;   /* commas of an apposition, initials */
            continue;
        }
        if (wordmap_has(r->speech, a->text + t[k].start, tok_end(&t[k]) - t[k].start))
            return !full_stop || tag_ends_soon(a, k);
    }
    return false;
}

static void emit(article *a, uint32_t first, uint32_t last)
{
    sentence *s = ARENA_PUSH(&a->mem, a->sents);
    s->tok = first;
    s->ntok = last - first;
    s->start = a->tokens.v[first].start;
    s->end = tok_end(&a->tokens.v[last - 1]);
}

static bool is_abbreviation(const sentences_res *r, const article *a, const token *t, uint32_t n, uint32_t i)
{
    const char *kind = wordmap_get(r->abbrev, a->text + t[i].start, tok_end(&t[i]) - t[i].start);
    if (!kind) return false;
    if (strcmp(kind, "numero") == 0) return i + 2 < n && (t[i + 2].flags & TF_NUM);
    return true;
}

/* Whether token i is a listed abbreviation whose period is the next token. */
static bool joins_period(const sentences_res *r, const article *a, const token *t, uint32_t n, uint32_t i)
{
    return a->text[tok_end(&t[i])] == '.' && (t[i].flags & (TF_WORD | TF_ABBR)) == TF_WORD && i + 1 < n &&
           t[i].len < TOKEN_MAX_LEN &&
           t[i + 1].start == tok_end(&t[i]) && tok_end(&t[i + 1]) == tok_end(&t[i]) + 1 && is_abbreviation(r, a, t, n, i);
}

/* Joins a listed abbreviation and its period into one token (Mr + . → Mr.),
 * compacting the token array in place: the tokens between two joins move
 * in one block, and only writes behind the scan are made. The paragraph
 * steps (token indices) move with their tokens; a joined period never
 * opens a paragraph. */
static void join_abbreviations(const sentences_res *r, article *a)
{
    token *t = a->tokens.v;
    uint32_t *ps = a->para_steps.v, nps = a->para_steps.n, k = 0;
    uint32_t n = a->tokens.n, o = 0, i = 0;
    while (i < n) {
        uint32_t j = i;
        while (j < n && !joins_period(r, a, t, n, j)) j++;
        uint32_t keep = j - i + (j < n);   /* the block, and the abbreviation */
        for (; k < nps && ps[k] < i + keep; k++) ps[k] -= i - o;
        if (o != i) memmove(t + o, t + i, (size_t)keep * sizeof *t);
        o += keep;
        if (j == n) break;
        t[o - 1].len++;
        t[o - 1].flags |= TF_ABBR;
        i = j + 2;
    }
    for (; k < nps; k++) ps[k] -= n - o;   /* steps after the last token */
    a->tokens.n = o;
}

void sentences_run(const sentences_res *r, article *a)
{
    a->sents.n = 0;
    join_abbreviations(r, a);
    uint32_t n = a->tokens.n, first = 0;
    bool in_quote = false;
    const token *t = a->tokens.v;
    for (uint32_t i = 0; i < n; i++) {
        /* most tokens are plain words and numbers, which decide nothing */
        if (!(t[i].flags & (TF_PARA | TF_QUOTE | TF_ABBR | TF_PUNCT))) continue;
        if (i > first && (t[i].flags & TF_PARA)) {
            emit(a, first, i);
            first = i;
            in_quote = false;
        }
        if (t[i].flags & TF_QUOTE) in_quote = (t[i].flags & TF_QOPEN) != 0;
        bool abbr = (t[i].flags & TF_ABBR) && a->text[tok_end(&t[i]) - 1] == '.';
        if (!is_terminal(a, &t[i]) && !abbr) continue;
        uint32_t j = i + 1;
        bool closed_quote = false;
        while (j < n && is_trailer(a, &t[j])) {
            if (t[j].flags & TF_QCLOSE && t[j].flags & TF_QUOTE) {
                in_quote = false;
                closed_quote = true;
            }
            j++;
        }
        if (j >= n) break;
        const token *next = &t[j];
        if (next->flags & TF_PARA) { i = j - 1; continue; }
        if (!(next->flags & TF_SPACE) || in_quote || !opens_sentence(next)) continue;
        if (abbr && !abbrev_may_end(r, a, &t[i], next)) continue;
        if (closed_quote && (next->flags & TF_CAP) && speech_tag_follows(r, a, j, a->text[t[i].start] == '.'))
            continue;
        emit(a, first, j);
        first = j;
        i = j - 1;
    }
    if (first < n) emit(a, first, n);
    for (uint32_t s = 0; s < a->sents.n; s++)
        a->tokens.v[a->sents.v[s].tok].flags |= TF_SENT;
}
