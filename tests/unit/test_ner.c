/* test_ner.c — the entity tagger: training, the model file, Viterbi, and
 * names with their titles kept apart, on sentences written for the test. */
#include <math.h>
#include <unistd.h>

#include "nlp/ner.h"
#include "testutil.h"

/* A tiny GMB-style corpus: the same few patterns, so a model can fit it. */
static const char *const tiny_corpus =
    "Mr.\tNNP\tB-per\nZorblat\tNNP\tI-per\nvisited\tVBD\tO\nQuenby\tNNP\tB-geo\n.\t.\tO\n\n"
    "Officials\tNNS\tO\nin\tIN\tO\nQuenby\tNNP\tB-geo\nmet\tVBD\tO\nAnna\tNNP\tB-per\nZorblat\tNNP\tI-per\n.\t.\tO\n\n"
    "The\tDT\tO\nVelmar\tNNP\tB-org\nCouncil\tNNP\tI-org\nsaid\tVBD\tO\nQuenbish\tJJ\tB-gpe\ntroops\tNNS\tO\nleft\tVBD\tO\n.\t.\tO\n\n"
    "Anna\tNNP\tB-per\nZorblat\tNNP\tI-per\nleads\tVBZ\tO\nthe\tDT\tO\nVelmar\tNNP\tB-org\nCouncil\tNNP\tI-org\n.\t.\tO\n\n"
    "Quenbish\tJJ\tB-gpe\nfarmers\tNNS\tO\nvisited\tVBD\tO\nQuenby\tNNP\tB-geo\non\tIN\tO\nMonday\tNNP\tB-tim\n.\t.\tO\n\n";

static ner_features fx;

static int setup(void **state)
{
    char err[256];
    return ner_features_load(&fx, DOSSIER_DATA_DIR, err, sizeof err);
}

static int teardown(void **state)
{
    ner_features_free(&fx);
    return 0;
}

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_ner_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return strdup(path);
}

static char *read_bytes_of(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *p = malloc(1 << 20);
    *n = fread(p, 1, 1 << 20, f);
    fclose(f);
    return p;
}

static ner_weights *train_tiny(const char *data)
{
    char err[256];
    ner_train_opts o = {.epochs = 5, .seed = 7, .prune = 0, .min_vocab = 1, .quiet = true};
    ner_weights *w = ner_train_file(data, &fx, &o, err, sizeof err);
    assert_non_null(w);
    return w;
}

static void training_twice_gives_the_same_bytes(void **state)
{
    char *data = write_temp(tiny_corpus);
    char *m1 = write_temp(""), *m2 = write_temp("");
    char err[256];
    ner_weights *a = train_tiny(data), *b = train_tiny(data);
    assert_int_equal(ner_save(a, m1, err, sizeof err), 0);
    assert_int_equal(ner_save(b, m2, err, sizeof err), 0);
    size_t n1, n2;
    char *p1 = read_bytes_of(m1, &n1), *p2 = read_bytes_of(m2, &n2);
    assert_true(n1 > 100);
    assert_int_equal(n1, n2);
    assert_memory_equal(p1, p2, n1);
    free(p1);
    free(p2);
    ner_weights_free(a);
    ner_weights_free(b);
    unlink(data);
    unlink(m1);
    unlink(m2);
    free(data);
    free(m1);
    free(m2);
}

/* Tags of every token of text, as letters: O, P/p (B-/I-PERSON), R/r (ORG),
 * G/g (GPE), N/n (NORP). */
static void tag_letters(const ner_model *m, const char *text, char *out)
{
    article *a = test_extract(text);
    assert_non_null(a);
    uint8_t tags[256];
    assert_true(a->tokens.n < sizeof tags);
    ner_tag_article(m, a, tags);
    static const char letters[] = "OPpRrGgNn";
    for (uint32_t i = 0; i < a->tokens.n; i++) out[i] = letters[tags[i]];
    out[a->tokens.n] = '\0';
    article_free(a);
}

static void the_model_round_trips_and_fits_its_data(void **state)
{
    char *data = write_temp(tiny_corpus), *path = write_temp("");
    char err[256];
    ner_weights *w = train_tiny(data);
    ner_model *live = ner_from_weights(w, &fx);
    assert_int_equal(ner_save(w, path, err, sizeof err), 0);
    ner_model *loaded = ner_load(path, &fx, err, sizeof err);
    assert_non_null(loaded);

    const char *text = "Anna Zorblat visited Quenby. The Velmar Council said Quenbish troops left.";
    char t1[256], t2[256];
    tag_letters(live, text, t1);
    tag_letters(loaded, text, t2);
    assert_string_equal(t1, t2);
    /* Fitting its data means tagging its own sentences as annotated. (A new
     * sentence is no fair check: in "Mr. Zorblat visited" the data makes
     * Zorblat a name's first word, the title being a role, so "Anna Zorblat
     * visited" is ambiguous to a model of five sentences.) */
    tag_letters(loaded, "Anna Zorblat leads the Velmar Council.", t2);
    assert_string_equal(t2, "PpOORrO");
    tag_letters(loaded, "Officials in Quenby met Anna Zorblat.", t2);
    assert_string_equal(t2, "OOGOPpO");
    tag_letters(loaded, "The Velmar Council said Quenbish troops left.", t2);
    assert_string_equal(t2, "ORrONOOO");

    /* the same scores, feature by feature */
    uint64_t keys[NER_MAX_KEYS];
    ner_tok toks[2] = {{.s = "Velmar", .n = 6, .flags = TF_WORD | TF_CAP}, {.s = "Council", .n = 7, .flags = TF_WORD | TF_CAP}};
    int k = ner_context_keys(toks, 2, 0, keys);
    float s1[NER_NTAGS] = {0}, s2[NER_NTAGS] = {0};
    ner_score_keys(live, keys, k, s1);
    ner_score_keys(loaded, keys, k, s2);
    assert_memory_equal(s1, s2, sizeof s1);

    ner_free(live);
    ner_free(loaded);
    ner_weights_free(w);
    unlink(data);
    unlink(path);
    free(data);
    free(path);
}

static void a_damaged_model_is_refused(void **state)
{
    char *path = write_temp("DSNER\0\0\1 but then nothing that adds up");
    char err[256] = "";
    assert_null(ner_load(path, &fx, err, sizeof err));
    assert_non_null(strstr(err, "make model"));
    unlink(path);
    free(path);
}

static void viterbi_prefers_the_best_path_over_the_greedy_one(void **state)
{
    float trans[NER_NTAGS + 1][NER_NTAGS];
    memset(trans, 0, sizeof trans);
    /* Token 0 slightly prefers B-ORG, but B-PER I-PER pays off at token 1. */
    float em[2][NER_NTAGS];
    memset(em, 0, sizeof em);
    int bper = ner_tag_of(ENT_PERSON, true), iper = ner_tag_of(ENT_PERSON, false);
    int borg = ner_tag_of(ENT_ORG, true);
    em[0][borg] = 2.0f;
    em[0][bper] = 1.5f;
    em[1][iper] = 3.0f;
    em[1][NER_O] = 0.5f;
    uint8_t tags[2];
    ner_viterbi((const float(*)[NER_NTAGS])trans, &em[0][0], 2, NER_NTAGS, tags);
    assert_int_equal(tags[0], bper);
    assert_int_equal(tags[1], iper);

    /* a transition penalty can change the answer */
    trans[bper][iper] = -5.0f;
    ner_viterbi((const float(*)[NER_NTAGS])trans, &em[0][0], 2, NER_NTAGS, tags);
    assert_int_equal(tags[0], borg);
    assert_int_equal(tags[1], NER_O);
}

static void viterbi_never_opens_with_an_inside_tag(void **state)
{
    float trans[NER_NTAGS + 1][NER_NTAGS];
    memset(trans, 0, sizeof trans);
    float em[3][NER_NTAGS];
    memset(em, 0, sizeof em);
    int iorg = ner_tag_of(ENT_ORG, false);
    em[0][iorg] = 9.0f;   /* I- at the start: not allowed */
    em[2][iorg] = 9.0f;   /* I-ORG after O: not allowed */
    uint8_t tags[3];
    ner_viterbi((const float(*)[NER_NTAGS])trans, &em[0][0], 3, NER_NTAGS, tags);
    for (int i = 0; i < 3; i++) assert_false(ner_is_inside(tags[i]) && (i == 0 || tags[i - 1] == NER_O));
}

/* --- the whole step, with the shipped model ----------------------------------- */

static const mention *find_mention(const article *a, const char *text)
{
    for (uint32_t i = 0; i < a->mentions.n; i++) {
        const mention *m = &a->mentions.v[i];
        if (m->kind == MK_NAME && !strcmp(span_str(a, m->start, m->end), text)) return m;
    }
    return NULL;
}

static void titles_are_roles_not_names(void **state)
{
    article *a = test_extract("Foreign Minister Helena Brandt arrived in Vienna on Monday for talks. "
                              "Mr. Brandt said the talks would continue.\n");
    const mention *m = find_mention(a, "Helena Brandt");
    assert_non_null(m);
    assert_int_equal(m->type, ENT_PERSON);
    assert_string_equal(span_str(a, m->role.start, m->role.end), "Foreign Minister");
    assert_null(find_mention(a, "Foreign Minister Helena Brandt"));
    const mention *mr = find_mention(a, "Brandt");
    assert_non_null(mr);
    assert_string_equal(span_str(a, mr->role.start, mr->role.end), "Mr.");
    assert_int_equal(mr->entity, m->entity);
    assert_string_equal(a->entities.v[m->entity].name, "Helena Brandt");
    assert_string_equal(a->entities.v[m->entity].role, "Foreign Minister");
    article_free(a);
}

static void roles_of_several_words_and_lower_case(void **state)
{
    article *a = test_extract("The country's national security adviser Omar Haddad met US Secretary of State "
                              "Linda Carver in Geneva.\n");
    const mention *h = find_mention(a, "Omar Haddad"), *c = find_mention(a, "Linda Carver");
    assert_non_null(h);
    assert_non_null(c);
    assert_string_equal(span_str(a, h->role.start, h->role.end), "national security adviser");
    assert_string_equal(span_str(a, c->role.start, c->role.end), "Secretary of State");
    article_free(a);
}

static void mentions_come_in_text_order(void **state)
{
    article *a = test_extract("Defence Minister Tariq Shah visited Lahore. The defence minister said the army "
                              "was ready. Shah then flew to Karachi.\n");
    assert_true(a->mentions.n >= 4);
    for (uint32_t i = 1; i < a->mentions.n; i++) assert_true(a->mentions.v[i - 1].start <= a->mentions.v[i].start);
    /* "the defence minister" is Tariq Shah */
    const mention *role = NULL;
    for (uint32_t i = 0; i < a->mentions.n; i++)
        if (a->mentions.v[i].kind == MK_ROLE) role = &a->mentions.v[i];
    assert_non_null(role);
    assert_string_equal(span_str(a, role->start, role->end), "The defence minister");
    const mention *name = find_mention(a, "Tariq Shah");
    assert_non_null(name);
    assert_int_equal(role->entity, name->entity);
    article_free(a);
}

static void names_stop_at_colons_brackets_and_quotation_marks(void **state)
{
    article *a = test_extract("Jobs Plan Good for Us: Quenby Union Says\n\n"
                              "Shares of Velmar Holdings Ltd <VLM> rose, and Harlow Motor Corp <HMC> fell.\n");
    for (uint32_t i = 0; i < a->mentions.n; i++) {
        const char *m = span_str(a, a->mentions.v[i].start, a->mentions.v[i].end);
        assert_null(strpbrk(m, ":<>()[]\""));
    }
    assert_non_null(find_mention(a, "Velmar Holdings Ltd"));
    assert_non_null(find_mention(a, "Harlow Motor Corp"));
    article_free(a);
}

/* A dash with a space each side sets off a parenthesis; a hyphen or an
 * en dash written tight stays inside a name. */
static void names_stop_at_a_spaced_dash(void **state)
{
    article *a = test_extract("To mark ten years since the death of the singer Lena Moreau, Rob Kendall - Moreau's "
                              "former manager at Velmar Records - recalls the tours. Kendall worked with Moreau "
                              "for twenty years, and the Harlow-Quenby Trust paid for the concerts.\n");
    const mention *m = find_mention(a, "Rob Kendall");
    assert_non_null(m);
    assert_int_equal(m->type, ENT_PERSON);
    for (uint32_t i = 0; i < a->mentions.n; i++) {
        const char *t = span_str(a, a->mentions.v[i].start, a->mentions.v[i].end);
        assert_null(strstr(t, " - "));
    }
    assert_non_null(find_mention(a, "Harlow-Quenby Trust"));
    article_free(a);
}

/* Legal forms after "and" close the name before them; a letter alone is no name. */
static void legal_forms_join_their_name_and_letters_are_none(void **state)
{
    article *a = test_extract("Quenby Capital Corp said it made Velmar Tamworth and Co Inc its banker. The notes "
                              "were rated AA by M and Q alone, and Harlow Trust said it agreed.\n");
    const mention *m = find_mention(a, "Velmar Tamworth and Co Inc");
    assert_non_null(m);
    assert_int_equal(m->type, ENT_ORG);
    for (uint32_t i = 0; i < a->mentions.n; i++) {
        const char *t = span_str(a, a->mentions.v[i].start, a->mentions.v[i].end);
        assert_true(strlen(t) > 1);
        assert_string_not_equal(t, "Co Inc");
    }
    article_free(a);
}

static void company_names_are_no_titled_people(void **state)
{
    article *a = test_extract("Shares of General Harlow Corp rose 5 pct on Monday. Analysts at Colonel Velmar "
                              "Holdings were cautious.\n");
    const mention *m = find_mention(a, "General Harlow Corp");
    assert_non_null(m);
    assert_int_equal(m->type, ENT_ORG);
    assert_non_null(m = find_mention(a, "Colonel Velmar Holdings"));
    assert_int_equal(m->type, ENT_ORG);
    for (uint32_t i = 0; i < a->mentions.n; i++) assert_int_not_equal(a->mentions.v[i].type, ENT_PERSON);
    article_free(a);
}

static void words_before_a_name_are_its_role(void **state)
{
    article *a = test_extract("Forward Tyler Brant scored twice on Sunday. Englishman Roy Hale also scored, "
                              "and the Harriers won.\n");
    const mention *m = find_mention(a, "Tyler Brant");
    assert_non_null(m);
    assert_int_equal(m->type, ENT_PERSON);
    assert_string_equal(span_str(a, m->role.start, m->role.end), "Forward");
    assert_non_null(m = find_mention(a, "Roy Hale"));
    assert_string_equal(span_str(a, m->role.start, m->role.end), "Englishman");
    article_free(a);
    a = test_extract("The coach resigned on Monday after a sixth defeat. Fans of the Denver 21ers cheered.\n");
    assert_non_null(m = find_mention(a, "Denver 21ers"));
    assert_int_equal(m->type, ENT_ORG);
    article_free(a);
    /* a position or nationality the tagger took for an organisation's first word */
    a = test_extract("The visitors lost again. Coach Maurice Brant resigned on Monday. Brant said he was sorry.\n");
    assert_non_null(m = find_mention(a, "Maurice Brant"));
    assert_int_equal(m->type, ENT_PERSON);
    article_free(a);
    /* an organisation's first word alone inside a sentence is that organisation */
    a = test_extract("The singer checked into the Lanterns Treatment Center on Monday. Friends said the staff "
                     "of Lanterns were kind to her.\n");
    assert_non_null(m = find_mention(a, "Lanterns Treatment Center"));
    assert_int_equal(m->type, ENT_ORG);
    const mention *alone = NULL;
    for (uint32_t i = 0; i < a->mentions.n; i++)
        if (a->mentions.v[i].end - a->mentions.v[i].start == 8 && a->mentions.v[i].start > m->end) alone = &a->mentions.v[i];
    assert_non_null(alone);
    assert_int_equal(alone->entity, m->entity);
    article_free(a);
    a = test_extract("Forward Tyler Brant scored twice on Sunday, and the Harriers won.\n");
    /* a plural after "the" names a team or group */
    assert_non_null(m = find_mention(a, "Harriers"));
    assert_int_equal(m->type, ENT_ORG);
    article_free(a);
}

static void acronyms_in_brackets_name_their_long_form(void **state)
{
    article *a = test_extract("Inspectors from the Coastal Fisheries Authority (CFA) boarded two trawlers. "
                              "The CFA said the nets were illegal.\n");
    const mention *lf = find_mention(a, "Coastal Fisheries Authority");
    assert_non_null(lf);
    assert_int_equal(lf->type, ENT_ORG);
    const mention *acr = NULL;
    for (uint32_t i = 0; i < a->mentions.n; i++)
        if (!strcmp(span_str(a, a->mentions.v[i].start, a->mentions.v[i].end), "CFA")) acr = &a->mentions.v[i];
    assert_non_null(acr);
    assert_int_equal(acr->entity, lf->entity);
    assert_string_equal(a->entities.v[lf->entity].name, "Coastal Fisheries Authority");
    article_free(a);
}

static void described_organisations_and_places_inside_words(void **state)
{
    article *a = test_extract("Prices rose again, the Morning Ledger newspaper reported, citing a Lahore-based "
                              "trade group.\n");
    const mention *org = find_mention(a, "Morning Ledger");
    assert_non_null(org);
    assert_int_equal(org->type, ENT_ORG);
    const mention *place = find_mention(a, "Lahore");
    assert_non_null(place);
    assert_int_equal(place->type, ENT_GPE);
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(training_twice_gives_the_same_bytes),
        cmocka_unit_test(the_model_round_trips_and_fits_its_data),
        cmocka_unit_test(a_damaged_model_is_refused),
        cmocka_unit_test(viterbi_prefers_the_best_path_over_the_greedy_one),
        cmocka_unit_test(viterbi_never_opens_with_an_inside_tag),
        cmocka_unit_test(titles_are_roles_not_names),
        cmocka_unit_test(roles_of_several_words_and_lower_case),
        cmocka_unit_test(mentions_come_in_text_order),
        cmocka_unit_test(acronyms_in_brackets_name_their_long_form),
        cmocka_unit_test(described_organisations_and_places_inside_words),
        cmocka_unit_test(names_stop_at_colons_brackets_and_quotation_marks),
        cmocka_unit_test(names_stop_at_a_spaced_dash),
        cmocka_unit_test(legal_forms_join_their_name_and_letters_are_none),
        cmocka_unit_test(company_names_are_no_titled_people),
        cmocka_unit_test(words_before_a_name_are_its_role),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
