/* test_speakers.c — who a quote is attributed to, on sentences written for the test.
 *
 * The entity mentions are filled by hand (as the entity recogniser would),
 * then the quotes step runs again, so each speaker kind is checked whatever
 * the recogniser finds: names, titles, appositions, pronouns, role nouns,
 * organisations, and speakers nobody can name. */
#include "testutil.h"

#include "nlp/steps.h"

static quotes_res *res(void)
{
    static quotes_res *r;
    if (!r) {
        char err[512];
        r = quotes_load(DOSSIER_DATA_DIR, DOSSIER_MODEL_DIR, err, sizeof err);
        if (!r) {
            fprintf(stderr, "test: %s\n", err);
            abort();
        }
    }
    return r;
}

static article *bare(const char *text)
{
    article *a = test_extract(text);
    assert_non_null(a);
    a->mentions.n = 0;
    a->entities.n = 0;
    a->quotes.n = 0;
    return a;
}

static int32_t add_entity(article *a, const char *name, uint8_t type, const char *role)
{
    entity *e = ARENA_PUSH(&a->mem, a->entities);
    e->name = name;
    e->role = role;
    e->type = type;
    e->count = 1;
    return (int32_t)a->entities.n - 1;
}

/* A mention of the nth (from 0) occurrence of surface in the text. */
static void add_mention(article *a, const char *surface, int nth, int32_t ent, uint8_t kind)
{
    const char *p = a->text;
    for (int k = 0; p && k <= nth; k++) {
        p = strstr(k ? p + 1 : p, surface);
    }
    assert_non_null(p);
    mention *m = ARENA_PUSH(&a->mem, a->mentions);
    m->start = (uint32_t)(p - a->text);
    m->end = m->start + (uint32_t)strlen(surface);
    m->entity = ent;
    m->kind = kind;
    m->type = ent >= 0 ? a->entities.v[ent].type : ENT_NONE;
    /* keep text order, as the recogniser does */
    for (uint32_t i = a->mentions.n - 1; i > 0 && a->mentions.v[i - 1].start > a->mentions.v[i].start; i--) {
        mention t = a->mentions.v[i];
        a->mentions.v[i] = a->mentions.v[i - 1];
        a->mentions.v[i - 1] = t;
    }
}

static const quote *find(const article *a, const char *part)
{
    for (uint32_t i = 0; i < a->quotes.n; i++)
        if (strstr(span_str(a, a->quotes.v[i].start, a->quotes.v[i].end), part)) return &a->quotes.v[i];
    fail_msg("no quote holds \"%s\" (%u quotes)", part, a->quotes.n);
    return NULL;
}

static const char *who(const article *a, const quote *q) { return span_str(a, q->speaker_span.start, q->speaker_span.end); }

static void named_speaker_is_the_entity(void **state)
{
    article *a = bare("Tariq Shah told reporters the army would stay in the north.");
    int32_t shah = add_entity(a, "Tariq Mahmood Shah", ENT_PERSON, "Defence Minister");
    add_mention(a, "Tariq Shah", 0, shah, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "army would stay in the north");
    assert_int_equal(q->speaker, shah);
    assert_string_equal(who(a, q), "Tariq Shah");
    article_free(a);
}

static void title_before_the_name(void **state)
{
    article *a = bare("Defence Minister Tariq Shah said the talks had failed.");
    int32_t shah = add_entity(a, "Tariq Mahmood Shah", ENT_PERSON, NULL);
    add_mention(a, "Tariq Shah", 0, shah, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "talks had failed");
    assert_int_equal(q->speaker, shah);
    assert_string_equal(who(a, q), "Tariq Shah");
    article_free(a);
}

static void apposition_either_side(void **state)
{
    article *a = bare("Hugh Hill, a doctor at the clinic, said the wards were full.\n\n"
                      "The rebels' spokesman, Zabi Karim, said the road was open again.");
    int32_t hill = add_entity(a, "Hugh Hill", ENT_PERSON, NULL);
    int32_t karim = add_entity(a, "Zabi Karim", ENT_PERSON, NULL);
    add_mention(a, "Hugh Hill", 0, hill, MK_NAME);
    add_mention(a, "Zabi Karim", 0, karim, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "wards were full");
    assert_int_equal(q->speaker, hill);
    assert_string_equal(who(a, q), "Hugh Hill");
    q = find(a, "road was open");
    assert_int_equal(q->speaker, karim);
    assert_string_equal(who(a, q), "Zabi Karim");
    article_free(a);
}

/* "he said" after a quotation goes to the speaker before it, not to a name
 * the quotation talks about, nor to a name in a subordinate clause. */
static void pronoun_skips_names_inside_quotations(void **state)
{
    article *a = bare("Although Lane patched over the rift on Monday, he still faced criticism.\n\n"
                      "\"On the surface Lane may look responsible, but it was German policy,\" said Peter Mosk "
                      "of Tanaka Securities.\n\n"
                      "\"All Mr. Lane did was to state the obvious in public,\" he said.");
    int32_t lane = add_entity(a, "Ed Lane", ENT_PERSON, NULL);
    int32_t mosk = add_entity(a, "Peter Mosk", ENT_PERSON, NULL);
    int32_t tanaka = add_entity(a, "Tanaka Securities", ENT_ORG, NULL);
    add_mention(a, "Lane", 0, lane, MK_NAME);
    add_mention(a, "Lane", 1, lane, MK_NAME);
    add_mention(a, "Peter Mosk", 0, mosk, MK_NAME);
    add_mention(a, "Tanaka Securities", 0, tanaka, MK_NAME);
    add_mention(a, "Lane", 2, lane, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "German policy");
    assert_int_equal(q->speaker, mosk);   /* the person, not the firm after "of" */
    assert_string_equal(who(a, q), "Peter Mosk");
    q = find(a, "state the obvious");
    assert_int_equal(q->speaker, mosk);
    assert_string_equal(who(a, q), "Peter Mosk");
    article_free(a);
}

/* "she" is never a man the text named by a male given name, even where
 * the entity step joined a wife's surname to her husband's. */
static void she_is_not_the_husband(void **state)
{
    article *a = bare("Opposition leader Peter Crane will tour the north this week.\n\n"
                      "Mrs Crane has also appeared beside her husband on breakfast shows. "
                      "In one interview she said she often teased her husband about his ties.");
    int32_t crane = add_entity(a, "Peter Crane", ENT_PERSON, NULL);
    add_mention(a, "Peter Crane", 0, crane, MK_NAME);
    add_mention(a, "Crane", 1, crane, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "teased her husband");
    assert_int_not_equal(q->speaker, crane);
    assert_string_equal(who(a, q), "Mrs Crane");
    article_free(a);
}

/* "X, who presents Y tells Z": Y is in X's relative clause; X speaks. */
static void relative_clause_without_its_comma(void **state)
{
    article *a = bare("Ms Tolan, who hosts The Morning Table tells the film makers that she despaired of him.");
    int32_t tolan = add_entity(a, "Rita Tolan", ENT_PERSON, NULL);
    add_mention(a, "Tolan", 0, tolan, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "despaired of him");
    assert_int_equal(q->speaker, tolan);
    article_free(a);
}

/* The speaker through what US and poll reporting puts between it and the
 * verb: a party label, a dash-bounded or long relative aside, "who", a share. */
static void speakers_past_labels_and_asides(void **state)
{
    article *a = bare("Sen. Dana Poe (R-Ga.) said the bill would fail.\n\n"
                      "Kim Lark -- co-author of a book about the state's courts, both old and new -- said the judge "
                      "had erred.\n\n"
                      "Dr. Ann Lowe, who as a Navy doctor was the physician of two governors, and later ran a clinic, "
                      "said the scans were normal.\n\n"
                      "The mayor met a builder who said he was never paid.\n\n"
                      "However, 63 percent said the mayor was right.");
    int32_t poe = add_entity(a, "Dana Poe", ENT_PERSON, NULL);
    add_mention(a, "Dana Poe", 0, poe, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "bill would fail");
    assert_int_equal(q->speaker, poe);
    assert_string_equal(who(a, find(a, "judge had erred")), "Kim Lark");
    assert_string_equal(who(a, find(a, "scans were normal")), "Ann Lowe");
    assert_string_equal(who(a, find(a, "never paid")), "a builder");
    assert_string_equal(who(a, find(a, "mayor was right")), "63 percent");
    article_free(a);
    a = bare("Elected members from both parties say the harbour plan has stalled.\n\n"
             "Since the vote, most residents of the two valleys said the new road was too loud.");
    quotes_run(res(), a);
    assert_string_equal(who(a, find(a, "harbour plan has stalled")), "Elected members");
    assert_string_equal(who(a, find(a, "road was too loud")), "most residents of the two valleys");
    article_free(a);
    a = bare("\"It was the least bad outcome,\" Mr. Dorn of the Harbour Trust said.\n\n"
             "\"It is sound policy,\" Lena Voss, director of the Dale Institute for Public Finance and a "
             "professor of economics at the University of Leeds, said in an interview.");
    quotes_run(res(), a);
    assert_string_equal(who(a, find(a, "least bad outcome")), "Dorn");
    assert_string_equal(who(a, find(a, "sound policy")), "Lena Voss");
    article_free(a);
}

/* "a spokeswoman said …. She added …": the unnamed speaker goes on, kept as
 * written, never the person just talked about. */
static void unnamed_speaker_goes_on(void **state)
{
    article *a = bare("Mayor Ruth Dale faced questions over the plan.\n\n"
                      "A spokeswoman for the port said it was not news that Ms Dale backed the quay. "
                      "But she added that the council would decide.");
    int32_t dale = add_entity(a, "Ruth Dale", ENT_PERSON, "Mayor");
    add_mention(a, "Ruth Dale", 0, dale, MK_NAME);
    add_mention(a, "Dale", 1, dale, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "council would decide");
    assert_int_equal(q->speaker, -1);
    assert_string_equal(who(a, q), "A spokeswoman for the port");
    article_free(a);
}

/* Bodies speak: "the X newspaper" is X; "the company" alone the company
 * that spoke just before; an unnamed source stays as written. */
static void organisations_as_speakers(void **state)
{
    article *a = bare("The Harbour Times newspaper reported that three ferries had been cancelled.\n\n"
                      "Norvex Corp said sales rose. The rise came from pumps sold in Asia, the company explained.\n\n"
                      "Police sources said two men were held.");
    int32_t times = add_entity(a, "Harbour Times", ENT_ORG, NULL);
    int32_t norvex = add_entity(a, "Norvex Corp", ENT_ORG, NULL);
    add_mention(a, "Harbour Times", 0, times, MK_NAME);
    add_mention(a, "Norvex Corp", 0, norvex, MK_NAME);
    quotes_run(res(), a);
    assert_int_equal(find(a, "ferries had been cancelled")->speaker, times);
    assert_int_equal(find(a, "pumps sold in Asia")->speaker, norvex);
    const quote *q = find(a, "two men were held");
    assert_int_equal(q->speaker, -1);
    assert_string_equal(who(a, q), "Police sources");
    article_free(a);
}

static void a_person_of_a_place_or_body(void **state)
{
    article *a = bare("A federal judge in Ohio said the law could not stand.\n\n"
                      "Analysts at Smith & Wesson Holdings said sales would rise.");
    quotes_run(res(), a);
    assert_string_equal(who(a, find(a, "could not stand")), "A federal judge in Ohio");
    assert_string_equal(who(a, find(a, "sales would rise")), "Analysts at Smith & Wesson Holdings");
    article_free(a);
}

static void places_and_ages_between_name_and_verb(void **state)
{
    article *a = bare("Mr Omar Haddad, 32, from Leith, Edinburgh, said he was held for a week.");
    quotes_run(res(), a);
    assert_string_equal(who(a, find(a, "held for a week")), "Omar Haddad");
    article_free(a);
}

static void he_is_the_last_person_speaking(void **state)
{
    article *a = bare("Mayor Ellen Ford toured the plant on Monday. Raj Patel said the plant was safe. "
                      "\"We test the water every hour,\" he said.");
    int32_t ford = add_entity(a, "Ellen Ford", ENT_PERSON, "Mayor");
    int32_t patel = add_entity(a, "Raj Patel", ENT_PERSON, NULL);
    add_mention(a, "Ellen Ford", 0, ford, MK_NAME);
    add_mention(a, "Raj Patel", 0, patel, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "every hour");
    assert_int_equal(q->speaker, patel);
    assert_string_equal(who(a, q), "Raj Patel");   /* the name the pronoun stands for */
    article_free(a);
}

static void she_skips_a_man(void **state)
{
    article *a = bare("Mrs Ann Lee spoke first at the meeting. Mr Tom Rye spoke next about the budget. "
                      "\"It is too late for that,\" she said.");
    quotes_run(res(), a);
    const quote *q = find(a, "too late");
    assert_string_equal(who(a, q), "Ann Lee");
    assert_int_equal(q->speaker, -1);   /* no entity was given */
    article_free(a);
}

static void a_he_settles_who_she_is_not(void **state)
{
    article *a = bare("Ann Cole opened the meeting at noon. Sam Reed spoke next. "
                      "\"We will vote on it tonight,\" he said. \"Not before the count is checked,\" she said.");
    quotes_run(res(), a);
    assert_string_equal(who(a, find(a, "vote on it")), "Sam Reed");
    assert_string_equal(who(a, find(a, "count is checked")), "Ann Cole");
    article_free(a);
}

static void they_is_the_last_group(void **state)
{
    article *a = bare("Pakistan's military said it had arrested 300 people in the north. "
                      "They said the suspects had planned attacks on markets.");
    quotes_run(res(), a);
    const quote *q = find(a, "suspects had planned");
    assert_string_equal(who(a, q), "Pakistan's military");
    q = find(a, "arrested 300");
    assert_string_equal(who(a, q), "Pakistan's military");
    article_free(a);
}

static void role_noun_is_the_role_holder(void **state)
{
    article *a = bare("Tariq Shah arrived in Nairobi on Monday.\n\n"
                      "The minister said the border would stay open.");
    int32_t shah = add_entity(a, "Tariq Mahmood Shah", ENT_PERSON, "Defence Minister");
    add_mention(a, "Tariq Shah", 0, shah, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "border would stay open");
    assert_int_equal(q->speaker, shah);
    article_free(a);
}

static void role_noun_from_the_entity_roles(void **state)
{
    article *a = bare("Officials met in Kabul on Monday.\n\n"
                      "The defence minister said the border would stay open.");
    add_entity(a, "Sara Noor", ENT_PERSON, "Finance Minister of Ruritania");
    int32_t shah = add_entity(a, "Tariq Mahmood Shah", ENT_PERSON, "Defence Minister");
    a->entities.v[shah].count = 5;
    quotes_run(res(), a);
    const quote *q = find(a, "border would stay open");
    assert_int_equal(q->speaker, shah);
    assert_string_equal(who(a, q), "The defence minister");
    article_free(a);
}

static void role_mention_carries_its_entity(void **state)
{
    article *a = bare("The defence minister said the border would stay open.");
    int32_t shah = add_entity(a, "Tariq Mahmood Shah", ENT_PERSON, "Defence Minister");
    add_mention(a, "The defence minister", 0, shah, MK_ROLE);
    quotes_run(res(), a);
    assert_int_equal(find(a, "border")->speaker, shah);
    article_free(a);
}

static void role_noun_without_entities(void **state)
{
    article *a = bare("Defence Minister Tariq Shah visited the border crossing.\n\n"
                      "\"The gates stay shut until the talks end,\" the minister said.");
    quotes_run(res(), a);
    const quote *q = find(a, "gates stay shut");
    assert_string_equal(who(a, q), "Tariq Shah");
    assert_int_equal(q->speaker, -1);
    article_free(a);
}

static void organisation_speaks(void **state)
{
    article *a = bare("The Pakistan Army said the operation would go on through winter.");
    int32_t army = add_entity(a, "Pakistan Army", ENT_ORG, NULL);
    add_mention(a, "Pakistan Army", 0, army, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "operation would go on");
    assert_int_equal(q->speaker, army);
    article_free(a);
}

static void unknown_speaker_stays_unknown(void **state)
{
    article *a = bare("\"It will pass by morning,\" a witness said.\n\n\"Nobody came,\" he said.");
    quotes_run(res(), a);
    const quote *q = find(a, "pass by morning");
    assert_int_equal(q->speaker, -1);
    assert_string_equal(who(a, q), "a witness");
    q = find(a, "Nobody came");
    assert_int_equal(q->speaker, -1);
    assert_string_equal(who(a, q), "a witness");   /* no one named: "he" is the witness, still unnamed */
    article_free(a);
}

static void surname_alone_joins_the_full_name(void **state)
{
    article *a = bare("Defence Minister Tariq Shah spoke to the press on Monday.\n\n"
                      "Shah said the army was winning.");
    int32_t shah = add_entity(a, "Tariq Mahmood Shah", ENT_PERSON, NULL);
    add_mention(a, "Tariq Shah", 0, shah, MK_NAME);
    quotes_run(res(), a);
    const quote *q = find(a, "army was winning");
    assert_int_equal(q->speaker, shah);
    assert_string_equal(who(a, q), "Shah");
    article_free(a);
}

static void continued_paragraph_keeps_the_entity(void **state)
{
    article *a = bare("\"The harvest will be late,\" Tariq Shah told the BBC.\n\n"
                      "\"The farms of our valley are waiting for rain.\"");
    int32_t shah = add_entity(a, "Tariq Mahmood Shah", ENT_PERSON, NULL);
    add_mention(a, "Tariq Shah", 0, shah, MK_NAME);
    quotes_run(res(), a);
    assert_int_equal(find(a, "farms of our valley")->speaker, shah);
    article_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(named_speaker_is_the_entity),
        cmocka_unit_test(title_before_the_name),
        cmocka_unit_test(apposition_either_side),
        cmocka_unit_test(a_person_of_a_place_or_body),
        cmocka_unit_test(places_and_ages_between_name_and_verb),
        cmocka_unit_test(he_is_the_last_person_speaking),
        cmocka_unit_test(she_skips_a_man),
        cmocka_unit_test(a_he_settles_who_she_is_not),
        cmocka_unit_test(they_is_the_last_group),
        cmocka_unit_test(role_noun_is_the_role_holder),
        cmocka_unit_test(role_noun_from_the_entity_roles),
        cmocka_unit_test(role_mention_carries_its_entity),
        cmocka_unit_test(role_noun_without_entities),
        cmocka_unit_test(organisation_speaks),
        cmocka_unit_test(unknown_speaker_stays_unknown),
        cmocka_unit_test(surname_alone_joins_the_full_name),
        cmocka_unit_test(continued_paragraph_keeps_the_entity),
        cmocka_unit_test(pronoun_skips_names_inside_quotations),
        cmocka_unit_test(she_is_not_the_husband),
        cmocka_unit_test(relative_clause_without_its_comma),
        cmocka_unit_test(speakers_past_labels_and_asides),
        cmocka_unit_test(organisations_as_speakers),
        cmocka_unit_test(unnamed_speaker_goes_on),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
