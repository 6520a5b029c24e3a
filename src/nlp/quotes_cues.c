/* quotes_cues.c — reporting verbs and where the speech they report begins.
 *
 * The verb list (data/nlp/reporting-verbs.txt) holds base forms; every
 * inflection is generated once at load time, so finding a cue costs one hash
 * lookup per word of the article. A cue's class says how it takes content
 * ("told CNN that ...": an addressee first; "believes": only with "that").
 * Also the small token predicates the quotes step shares. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nlp/quotes_internal.h"

/* --- token predicates ------------------------------------------------------ */

static uint32_t tok_len(const qctx *c, uint32_t i) { return tok_end(&c->t[i]) - c->t[i].start; }
static const char *tok_text(const qctx *c, uint32_t i) { return c->a->text + c->t[i].start; }

bool tok_punct(const qctx *c, uint32_t i, char ch)
{
    return i < c->nt && tok_len(c, i) == 1 && tok_text(c, i)[0] == ch;
}

bool tok_possessive(const qctx *c, uint32_t i)
{
    if (i >= c->nt || !(c->t[i].flags & TF_WORD)) return false;
    const char *s = tok_text(c, i);
    uint32_t n = tok_len(c, i);
    return (n == 2 && s[0] == '\'') || (n == 4 && memcmp(s, "\xE2\x80\x99", 3) == 0);
}

bool tok_terminal(const qctx *c, uint32_t i)
{
    if (i >= c->nt || !(c->t[i].flags & TF_PUNCT)) return false;
    const char *s = tok_text(c, i);
    uint32_t n = tok_len(c, i);
    if (n == 1) return *s == '.' || *s == '!' || *s == '?';
    return (n == 3 && memcmp(s, "...", 3) == 0) || (n == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0);
}

span tok_span(const qctx *c, uint32_t b, uint32_t e)
{
    span s = {0, 0};
    if (e > b) {
        s.start = c->t[b].start;
        s.end = tok_end(&c->t[e - 1]);
    }
    return s;
}

bool tok_dash(const qctx *c, uint32_t i)
{
    const char *s = tok_text(c, i);
    uint32_t n = tok_len(c, i);
    return (n == 1 && *s == '-') || (n == 2 && !memcmp(s, "--", 2)) ||
           (n == 3 && (!memcmp(s, "\xE2\x80\x93", 3) || !memcmp(s, "\xE2\x80\x94", 3) ||
                       !memcmp(s, "\xE2\x80\x95", 3)));
}

bool tok_lower_word(const qctx *c, uint32_t i)
{
    return i < c->nt && (c->t[i].flags & TF_WORD) && !(c->t[i].flags & (TF_CAP | TF_UPPER)) &&
           !tok_possessive(c, i);
}

static const char *const word_names[] = {"he", "she", "they", "it", "i", "we", "det", "aux",
                                         "that", "prep", "time", "link", "rel", "sub", "stop", "loc"};
static const unsigned word_bits[] = {W_HE, W_SHE, W_THEY, W_IT, W_I, W_WE, W_DET, W_AUX,
                                     W_THAT, W_PREP, W_TIME, W_LINK, W_REL, W_SUB, W_STOP, W_LOC};
static const char *const speaker_names[] = {"role", "title", "group", "people", "source", "he", "she"};
static const unsigned speaker_bits[] = {S_ROLE, S_TITLE, S_GROUP, S_PEOPLE, S_SOURCE, S_MALE, S_FEMALE};

/* Class names in a data value, as bits. */
static unsigned class_bits(const char *v, const char *const names[], const unsigned bits[], size_t n)
{
    unsigned out = 0;
    while (v && *v) {
        size_t len = strcspn(v, " ");
        for (size_t k = 0; k < n; k++)
            if (strlen(names[k]) == len && memcmp(names[k], v, len) == 0) out |= bits[k];
        v += len;
        while (*v == ' ') v++;
    }
    return out;
}

/* Loads "word<TAB>class class" lines into a map from word to its bits, kept
 * in hex so a lookup costs no parsing of names; notes each word's shape. */
static wordmap *load_classes(const char *path, const char *const names[], const unsigned bits[], size_t n,
                             shape_set *shapes, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    wordmap *m = wordmap_new(WM_FOLD);
    char *line = NULL, hex[16];
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        if (line[0] == '#') continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab || tab == line) continue;
        *tab = '\0';
        snprintf(hex, sizeof hex, "%x", class_bits(tab + 1, names, bits, n));
        wordmap_add(m, line, strlen(line), hex);
        shape_add(shapes, line, strlen(line));
    }
    free(line);
    fclose(f);
    return m;
}

bool quotes_load_words(quotes_res *r, const char *datadir, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/nlp/quote-words.txt", datadir);
    r->words = load_classes(path, word_names, word_bits, sizeof word_bits / sizeof *word_bits, &r->word_shapes,
                            err, errlen);
    if (!r->words) return false;
    snprintf(path, sizeof path, "%s/nlp/quote-speakers.txt", datadir);
    r->speakers = load_classes(path, speaker_names, speaker_bits, sizeof speaker_bits / sizeof *speaker_bits,
                               &r->speaker_shapes, err, errlen);
    if (!r->speakers) return false;
    snprintf(path, sizeof path, "%s/gazetteer/given-name-sex.txt", datadir);
    r->sexes = load_classes(path, speaker_names, speaker_bits, sizeof speaker_bits / sizeof *speaker_bits,
                            &r->sex_shapes, err, errlen);
    return r->sexes != NULL;
}

static unsigned hex_bits(const char *v);

uint8_t given_name_sex(const quotes_res *r, const char *w, size_t n)
{
    if (!n || !shape_in(&r->sex_shapes, shape_of(w, n))) return G_UNKNOWN;
    const char *v = wordmap_get(r->sexes, w, n);
    unsigned bits = v ? hex_bits(v) : 0;
    return bits & S_MALE ? G_MALE : bits & S_FEMALE ? G_FEMALE : G_UNKNOWN;
}

static unsigned hex_bits(const char *v)
{
    unsigned x = 0;
    for (; v && *v; v++) x = x * 16 + (unsigned)(*v <= '9' ? *v - '0' : (*v | 0x20) - 'a' + 10);
    return x;
}

/* Token i's cached classes, emptied first when the slot held another token. */
static uint32_t *class_slot(const qctx *c, uint32_t i)
{
    tok_class *e = &c->classes[i & c->class_mask];
    if (e->tok != i) *e = (tok_class){i, 0};
    return &e->v;
}

unsigned word_class_lookup(const qctx *c, uint32_t i)
{
    unsigned w = 0;
    if ((c->t[i].flags & TF_WORD) && shape_may(&c->r->word_shapes, tok_text(c, i), tok_len(c, i)))
        w = hex_bits(wordmap_get(c->r->words, tok_text(c, i), tok_len(c, i)));
    *class_slot(c, i) |= TC_WORD_KNOWN | w;
    return w;
}

unsigned speaker_class_lookup(const qctx *c, uint32_t i)
{
    unsigned k = 0;
    uint32_t n = tok_len(c, i);
    const char *s = tok_text(c, i);
    if (n > 1 && s[n - 1] == '.') n--;   /* Lt. Gen. */
    if ((c->t[i].flags & TF_WORD) && shape_may(&c->r->speaker_shapes, s, n))
        k = hex_bits(wordmap_get(c->r->speakers, s, n));
    *class_slot(c, i) |= TC_SPEAKER_KNOWN | k << TC_SPEAKER_SHIFT;
    return k;
}

bool has_words(const qctx *c, uint32_t b, uint32_t e, uint32_t n)
{
    for (uint32_t i = b; i < e && i < c->nt && n; i++) n -= (c->t[i].flags & (TF_WORD | TF_NUM)) != 0;
    return n == 0;
}

uint32_t count_words(const qctx *c, uint32_t b, uint32_t e)
{
    uint32_t n = 0;
    for (uint32_t i = b; i < e && i < c->nt; i++) n += (c->t[i].flags & (TF_WORD | TF_NUM)) != 0;
    return n;
}

/* --- loading the verb list -------------------------------------------------- */

/* Records the shape of a key's first word for the quick filter in cue_at. */
static void note_shape(quotes_res *r, const char *key)
{
    shape_add(&r->verb_shapes, key, strcspn(key, " "));
}

/* Adds one form; the first real verb entry for a key wins, and a key that
 * also starts a multi-word entry keeps its '+' mark. */
static void add_form(quotes_res *r, const char *key, char cls, int form)
{
    wordmap *m = r->verbs;
    char val[8];
    note_shape(r, key);
    const char *old = wordmap_get(m, key, strlen(key));
    if (old && old[0] != 'p') return;
    snprintf(val, sizeof val, "%c%d%s", cls, form, old && strchr(old, '+') ? "+" : "");
    wordmap_add(m, key, strlen(key), val);
}

/* Marks key as the first word of a multi-word cue. */
static void mark_prefix(quotes_res *r, const char *key)
{
    wordmap *m = r->verbs;
    char val[8];
    note_shape(r, key);
    const char *old = wordmap_get(m, key, strlen(key));
    if (old && strchr(old, '+')) return;
    snprintf(val, sizeof val, "%s+", old ? old : "p0");
    wordmap_add(m, key, strlen(key), val);
}

static bool is_vowel(char ch) { return strchr("aeiou", ch) != NULL; }

/* stem[0, n) + suffix into o (40 bytes; callers keep n <= 30). */
static void join(char *o, const char *stem, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    if (n + k >= 40) { o[0] = '\0'; return; }
    memcpy(o, stem, n);
    memcpy(o + n, suffix, k + 1);
}

/* The -s, -ed and -ing forms of a regular verb (and doubled-consonant
 * variants: admit → admitted; a wrong doubling is a key no text holds). */
static int inflect(const char *b, char out[][40])
{
    size_t n = strlen(b);
    int k = 0;
    if (n < 2 || n > 30) return 0;
    char last = b[n - 1], prev = b[n - 2], dbl[2] = {last, '\0'};
    bool cons_y = last == 'y' && !is_vowel(prev);
    join(out[k++], b, n, "");
    if (cons_y) join(out[k++], b, n - 1, "ies");
    else if (strchr("sxzo", last) || (last == 'h' && (prev == 's' || prev == 'c'))) join(out[k++], b, n, "es");
    else join(out[k++], b, n, "s");
    if (last == 'e') join(out[k++], b, n, "d");
    else if (cons_y) join(out[k++], b, n - 1, "ied");
    else join(out[k++], b, n, "ed");
    if (last == 'e' && prev == 'i') join(out[k++], b, n - 2, "ying");
    else if (last == 'e' && !strchr("eyo", prev)) join(out[k++], b, n - 1, "ing");
    else join(out[k++], b, n, "ing");
    bool cvc = n >= 3 && !is_vowel(last) && !strchr("wxy", last) && is_vowel(prev) && !is_vowel(b[n - 3]);
    if (cvc) {
        char doubled[40];
        join(doubled, b, n, dbl);
        join(out[k++], doubled, n + 1, "ed");
        join(out[k++], doubled, n + 1, "ing");
    }
    return k;
}

static const int form_of[] = {VF_BASE, VF_S, VF_PAST, VF_ING, VF_PAST, VF_ING};

static char class_char(const char *cls)
{
    if (!strncmp(cls, "say", 3)) return 's';
    if (!strncmp(cls, "tell", 4)) return 't';
    if (!strncmp(cls, "that", 4)) return 'h';
    if (!strncmp(cls, "quote", 5)) return 'q';
    if (!strncmp(cls, "by", 2)) return 'b';
    if (!strncmp(cls, "object", 6)) return 'o';
    if (!strncmp(cls, "intent", 6)) return 'i';
    if (!strncmp(cls, "ask", 3)) return 'a';
    return 0;
}

static void add_entry(quotes_res *r, const char *key, const char *cls)
{
    char ch = class_char(cls);
    if (!ch) return;
    const char *irregular = strchr(cls, ' ');
    const char *space = strchr(key, ' ');
    if (irregular) {
        add_form(r, key, ch, strstr(irregular, "past") ? VF_PAST : strstr(irregular, " s") ? VF_S : VF_BASE);
        return;
    }
    char first[40], forms[8][40], full[400];
    snprintf(first, sizeof first, "%.*s", (int)(space ? (size_t)(space - key) : strlen(key)), key);
    /* "according to" is no verb: only its own spelling counts */
    int nf = ch == 'b' ? (snprintf(forms[0], 40, "%s", first), 1) : inflect(first, forms);
    for (int f = 0; f < nf; f++) {
        if (space) {
            snprintf(full, sizeof full, "%s%s", forms[f], space);
            add_form(r, full, ch, form_of[f]);
            mark_prefix(r, forms[f]);
        } else {
            add_form(r, forms[f], ch, form_of[f]);
        }
    }
}

bool quotes_load_verbs(quotes_res *r, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return false;
    }
    r->verbs = wordmap_new(WM_FOLD);
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) > 0) {
        if (line[0] == '#') continue;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        *tab = '\0';
        add_entry(r, line, tab + 1);
    }
    free(line);
    fclose(f);
    return true;
}

/* --- finding cues ------------------------------------------------------------ */

static uint8_t cue_class_of(char ch)
{
    switch (ch) {
    case 's': return CUE_SAY;
    case 't': return CUE_TELL;
    case 'h': return CUE_THAT;
    case 'q': return CUE_QUOTE;
    case 'b': return CUE_BY;
    case 'o': return CUE_OBJECT;
    case 'i': return CUE_INTENT;
    case 'a': return CUE_ASK;
    default: return CUE_NONE;
    }
}

/* The value for tokens i and i+1 read as one two-word cue, or NULL. */
static const char *two_word(const qctx *c, uint32_t i, uint32_t end)
{
    if (i + 1 >= end || !(c->t[i + 1].flags & TF_WORD) || c->t[i + 1].start != tok_end(&c->t[i]) + 1) return NULL;
    if (c->a->text[tok_end(&c->t[i])] != ' ') return NULL;
    return wordmap_get(c->r->verbs, tok_text(c, i), tok_end(&c->t[i + 1]) - c->t[i].start);
}

static bool be_form(const qctx *c, uint32_t i)
{
    return tok_eq(c, i, "was") || tok_eq(c, i, "were") || tok_eq(c, i, "been") || tok_eq(c, i, "be") ||
           tok_eq(c, i, "being") || tok_eq(c, i, "is") || tok_eq(c, i, "are");
}

/* A verb form that reads as a noun (the report, his claims) or a passive
 * (was told) is no cue. */
static bool noun_or_passive(const qctx *c, uint32_t i, uint8_t form, uint32_t lo)
{
    if (i == lo) return false;
    unsigned w = word_class(c, i - 1);
    if ((w & W_DET) && !(w & W_THAT)) return true;
    if (tok_possessive(c, i - 1)) return true;
    if (tok_eq(c, i - 1, "having")) return true;   /* "having said that" */
    if (tok_eq(c, i - 1, "whose")) return true;    /* "whose state relies on coal" */
    /* "a government claim": a base form after a singular noun is a noun
     * ("officials say", "they say", "would say" are verbs) */
    if (form == VF_BASE && tok_lower_word(c, i - 1) && !(word_class(c, i - 1) & (W_AUX | W_PRONOUN | W_DET | W_THAT | W_REL)) &&
        !(speaker_class(c, i - 1) & S_PEOPLE) && (c->a->text[tok_end(&c->t[i - 1]) - 1] | 0x20) != 's')
        return true;
    /* "leaflets highlighting claimed improvements": a past form as an adjective */
    if (form == VF_PAST && tok_lower_word(c, i - 1) && !word_class(c, i - 1)) {
        uint32_t n = tok_end(&c->t[i - 1]) - c->t[i - 1].start;
        if (n > 4 && !memcmp(c->a->text + tok_end(&c->t[i - 1]) - 3, "ing", 3)) return true;
    }
    if (tok_eq(c, i - 1, "all") && (c->t[i - 1].flags & TF_SENT)) return true;   /* "All told, …" */
    /* "a long-standing demand", "the swing states": determiner, modifier, noun */
    /* ("both parties say": a plural before a base form is its subject) */
    /* ("an earlier report": a word of time there is a modifier too) */
    if ((form == VF_BASE || form == VF_S) && i >= lo + 2 && tok_lower_word(c, i - 1) &&
        !speaker_class(c, i - 1) && !(word_class(c, i - 1) & W_PRONOUN) &&
        (!(word_class(c, i - 1) & W_AUX) || (word_class(c, i - 1) & W_TIME)) &&
        (word_class(c, i - 2) & W_DET) && !(word_class(c, i - 2) & W_THAT) &&
        !(form == VF_BASE && (c->a->text[tok_end(&c->t[i - 1]) - 1] | 0x20) == 's'))
        return true;
    if (form == VF_PAST) {
        /* a passive, an adverb allowed between: "is termed", "is also termed" */
        uint32_t b = i - 1;
        if (b > lo && tok_lower_word(c, b) && !be_form(c, b) &&
            ((word_class(c, b) & W_AUX) || (tok_len(c, b) > 4 && !memcmp(tok_text(c, b) + tok_len(c, b) - 2, "ly", 2))))
            b--;
        if (be_form(c, b)) return true;
    }
    /* an adjective-like past form before a noun: "the so-called", "reported cases" */
    return false;
}

/* "The FAO report said", "Reports say", "the Commission report says": a
 * verb form right before a reporting verb is the noun that verb's subject
 * ends in. ("Critics argue claims …" keeps its verb: a plural before it.) */
static bool n_before_verb(const qctx *c, uint32_t i, uint32_t j, uint8_t form, uint32_t end)
{
    if ((form != VF_BASE && form != VF_S) || j >= end || !(c->t[j].flags & TF_WORD) || !tok_lower_word(c, j))
        return false;
    const char *v = wordmap_get(c->r->verbs, tok_text(c, j), tok_len(c, j));
    if (!v || v[0] == 'p' || v[0] == 'b' || !v[1]) return false;
    uint8_t next = (uint8_t)(v[1] - '0');
    if (next == VF_PAST || (form == VF_S && next == VF_BASE)) return true;
    /* a singular name before a base form is no subject: "Commission report says" */
    if (form != VF_BASE || next != VF_S || i == 0 || !(c->t[i - 1].flags & TF_CAP) || (c->t[i - 1].flags & TF_SENT) ||
        (c->a->text[tok_end(&c->t[i - 1]) - 1] | 0x20) == 's')
        return false;
    /* "Police say" and "Labour say" are bodies speaking; "the Commission report" a noun */
    return !(speaker_class(c, i - 1) & (S_GROUP | S_PEOPLE)) || (i > 1 && (word_class(c, i - 2) & W_DET));
}

/* "did not respond", "has never said": nothing was said. */
static bool negated(const qctx *c, uint32_t i)
{
    for (uint32_t j = i; j > 0 && i - j < 3; j--) {
        uint32_t k = j - 1;
        if (!(c->t[k].flags & TF_WORD)) return false;
        uint32_t n = tok_end(&c->t[k]) - c->t[k].start;
        const char *s = c->a->text + c->t[k].start;
        if (tok_eq(c, k, "not") || tok_eq(c, k, "never") ||
            (n > 3 && !strncasecmp(s + n - 3, "n't", 3)) || (n > 5 && !memcmp(s + n - 5, "n\xE2\x80\x99t", 5)))
            return true;
        if (!(word_class(c, k) & W_AUX)) return false;
    }
    return false;
}

bool cue_at(const qctx *c, uint32_t i, uint32_t end, cue *out)
{
    const token *t = &c->t[i];
    if (!cue_shaped(c, i)) return false;   /* most words fail here */
    /* A capital mid-sentence is a name (Edward Said), not a verb. */
    if ((t->flags & TF_CAP) && !(t->flags & TF_SENT) && i > 0 &&
        !(c->t[i - 1].flags & (TF_QUOTE | TF_PARA)) && !tok_punct(c, i - 1, ':') && !tok_punct(c, i - 1, '('))
        return false;
    if ((t->flags & TF_CAP) && i + 1 < c->nt && (c->t[i + 1].flags & TF_CAP) && !tok_eq(c, i, "according"))
        return false;   /* "State University", "Says Who" */
    const char *v = wordmap_get(c->r->verbs, tok_text(c, i), tok_len(c, i));
    if (!v) return false;
    memset(out, 0, sizeof *out);
    out->tok = i;
    out->n = 1;
    if (strchr(v, '+')) {
        const char *two = two_word(c, i, end);
        if (two) {
            v = two;
            out->n = 2;
        }
    }
    if (v[0] == 'p') return false;
    out->cls = cue_class_of(v[0]);
    out->form = (uint8_t)(v[1] - '0');
    if (out->cls == CUE_NONE) return false;
    uint32_t lo = 0;
    if (out->cls != CUE_BY && noun_or_passive(c, i, out->form, lo)) return false;
    /* news does not open a sentence with a bare verb: "Demand from China …"
     * is a noun */
    if (out->cls != CUE_BY && out->form == VF_BASE && (t->flags & TF_SENT)) return false;
    if (out->cls != CUE_BY && i > 0 && tok_eq(c, i - 1, "to")) return false;   /* declined to say */
    if (out->cls != CUE_BY && negated(c, i)) return false;
    if (out->cls != CUE_BY && n_before_verb(c, i, i + out->n, out->form, end) &&
        !(i > 0 && (word_class(c, i - 1) & (W_PRONOUN | W_AUX))))
        return false;
    return true;
}

/* --- what follows a cue ------------------------------------------------------ */

static bool is_day_part(const qctx *c, uint32_t i)
{
    return tok_eq(c, i, "night") || tok_eq(c, i, "morning") || tok_eq(c, i, "afternoon") ||
           tok_eq(c, i, "evening") || tok_eq(c, i, "week") || tok_eq(c, i, "month") || tok_eq(c, i, "year");
}

/* "have", "is", "will": a finite auxiliary, which only a clause holds. */
static bool finite_verb_word(const qctx *c, uint32_t i)
{
    static const char *const aux[] = {"is", "are", "was", "were", "will", "would", "could", "can", "may", "might",
                                      "should", "shall", "must", "has", "have", "had", "did", "does"};
    for (size_t k = 0; k < sizeof aux / sizeof *aux; k++)
        if (tok_eq(c, i, aux[k])) return true;
    return false;
}

/* After a preposition at i: the token ending the phrase when it is plainly an
 * adverbial (a comma, a colon or "that" follows soon), else i. */
static uint32_t skip_prep_phrase(const qctx *c, uint32_t i, uint32_t end)
{
    for (uint32_t j = i + 1; j < end && j < i + 12; j++) {
        if (c->t[j].flags & TF_QUOTE) return i;
        if (tok_punct(c, j, ',') || tok_punct(c, j, ':')) return j;
        if (word_class(c, j) & W_THAT) return j;
        /* "said after the convention he would …": a noun phrase, then the
         * subject pronoun of the reported clause ("said before he died"
         * has no phrase between) */
        if (j > i + 2 && (word_class(c, j) & (W_HE | W_SHE | W_THEY | W_WE | W_I)) && tok_lower_word(c, j) &&
            !tok_eq(c, j, "her") && !tok_eq(c, j, "him") && !tok_eq(c, j, "them") && !tok_eq(c, j, "us") &&
            (word_class(c, i + 1) & W_DET))
            return j;
        if (tok_terminal(c, j)) return j - i <= 8 ? j : i;   /* "said in an interview." */
        /* "said about 20 people have …": a finite verb makes the phrase a
         * subject, not an adverbial */
        if (j > i + 1 && tok_lower_word(c, j) && finite_verb_word(c, j)) return i;
    }
    /* the sentence ends within the phrase: "said a source in the room" */
    return end <= i + 8 && end > i + 1 ? end : i;
}

uint32_t skip_adverbials(const qctx *c, uint32_t i, uint32_t end)
{
    for (int guard = 0; i < end && guard < 4; guard++) {
        unsigned w = word_class(c, i);
        if (w & W_TIME) {
            i++;
            if (i < end && is_day_part(c, i)) i++;
            continue;
        }
        if ((w & W_PREP) && i + 1 < end && (word_class(c, i + 1) & W_TIME || is_day_part(c, i + 1))) {
            i += 2;
            if (i < end && is_day_part(c, i)) i++;
            continue;
        }
        if ((w & W_AUX) && !(w & W_THAT) && tok_lower_word(c, i) && !tok_eq(c, i, "as")) {
            i++;   /* said also, added further */
            continue;
        }
        if (w & W_PREP) {
            uint32_t j = skip_prep_phrase(c, i, end);
            if (j == i) break;
            i = j;
            continue;
        }
        break;
    }
    return i;
}

/* Words that name who is told: him, reporters, CNN, the newspaper. */
uint32_t skip_addressee(const qctx *c, uint32_t i, uint32_t end)
{
    unsigned w = word_class(c, i);
    if (w & W_THAT) return i;
    if (tok_eq(c, i, "him") || tok_eq(c, i, "her") || tok_eq(c, i, "them") || tok_eq(c, i, "us") ||
        tok_eq(c, i, "me") || tok_eq(c, i, "reporters") || tok_eq(c, i, "journalists"))
        return i + 1;
    np o;
    if (!np_after(c, i, end, &o) || o.how == NP_PRONOUN) return i;
    i = o.e;
    /* "told MPs and peers:": both are told */
    if (i + 1 < end && tok_eq(c, i, "and")) {
        np o2;
        if (np_after(c, i + 1, end, &o2) && o2.how != NP_PRONOUN) i = o2.e;
        else if (i + 2 < end && tok_lower_word(c, i + 1) && (tok_punct(c, i + 2, ':') || (word_class(c, i + 2) & W_THAT)))
            i += 2;
    }
    /* "told MSNBC's "Morning Joe"": a programme of the addressee */
    if (i < end && tok_possessive(c, i)) {
        i++;
        if (i < end && (c->t[i].flags & TF_QOPEN)) {
            uint32_t j = i + 1;
            while (j < end && j < i + 8 && !(c->t[j].flags & TF_QCLOSE)) j++;
            if (j < end && (c->t[j].flags & TF_QCLOSE)) return j + 1;
        } else if (np_after(c, i, end, &o)) {
            return o.e;
        }
    }
    return i;
}

uint32_t content_start(const qctx *c, const cue *k, uint32_t end, bool *saw_that)
{
    uint32_t i = k->tok + k->n;
    *saw_that = false;
    if (k->inverted && k->has_np && k->who.e > i) i = k->who.e;
    i = skip_adverbials(c, i, end);
    if ((k->cls == CUE_TELL || k->cls == CUE_ASK) && !k->inverted) {
        i = skip_addressee(c, i, end);
        i = skip_adverbials(c, i, end);
    }
    if (i < end && (tok_punct(c, i, ',') || tok_punct(c, i, ':'))) i++;
    if (i < end && (word_class(c, i) & W_THAT) && tok_lower_word(c, i)) {
        /* "spoke in a cottage on a base that overlooks the bay": after a
         * phrase of place, "that" and a verb open a relative clause */
        if (i > k->tok + k->n && (word_class(c, k->tok + k->n) & W_PREP) && tok_lower_word(c, i - 1) &&
            !word_class(c, i - 1) && i + 2 < end && tok_lower_word(c, i + 1) &&
            !(word_class(c, i + 1) & (W_DET | W_PRONOUN | W_AUX)) && c->a->text[tok_end(&c->t[i + 1]) - 1] == 's' &&
            ((c->t[i + 2].flags & TF_CAP) || (word_class(c, i + 2) & (W_DET | W_PREP))) && k->cls != CUE_TELL &&
            k->cls != CUE_ASK)
            return end;
        i++;
        *saw_that = true;
    }
    return i;
}
