/* test_quotes.c — the layouts quotations come in, on sentences written for the test.
 *
 * Each article is extracted, then its quotes are found again with the
 * mentions cleared, so these tests check the quote finder alone, whatever the
 * entity recogniser does (test_speakers.c fills mentions by hand). */
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

static article *quotes_of(const char *text)
{
    article *a = test_extract(text);
    assert_non_null(a);
    a->mentions.n = 0;
    a->entities.n = 0;
    quotes_run(res(), a);
    return a;
}

/* The quote whose text holds `part`; fails the test when there is none. */
static const quote *find(const article *a, const char *part)
{
    for (uint32_t i = 0; i < a->quotes.n; i++)
        if (strstr(span_str(a, a->quotes.v[i].start, a->quotes.v[i].end), part)) return &a->quotes.v[i];
    fail_msg("no quote holds \"%s\" (%u quotes)", part, a->quotes.n);
    return NULL;
}

static const char *text_of(const article *a, const quote *q) { return span_str(a, q->start, q->end); }
static const char *who(const article *a, const quote *q) { return span_str(a, q->speaker_span.start, q->speaker_span.end); }
static const char *cue_of(const article *a, const quote *q) { return span_str(a, q->cue.start, q->cue.end); }

static void quote_then_speaker_verb(void **state)
{
    article *a = quotes_of("\"We will rebuild the bridge by spring,\" Mayor Ellen Ford said on Monday.");
    assert_int_equal(a->quotes.n, 1);
    const quote *q = find(a, "bridge");
    assert_string_equal(text_of(a, q), "We will rebuild the bridge by spring");
    assert_int_equal(q->kind, Q_DIRECT);
    assert_string_equal(who(a, q), "Ellen Ford");
    assert_string_equal(cue_of(a, q), "said");
    assert_int_equal(q->speaker, -1);   /* no entity known: the name, never a guessed entity */
    article_free(a);
}

static void speaker_verb_colon_quote(void **state)
{
    article *a = quotes_of("The harbour master said: \"No boat leaves before the storm has passed.\"");
    const quote *q = find(a, "No boat leaves");
    assert_int_equal(q->kind, Q_DIRECT);
    assert_string_equal(who(a, q), "The harbour master");
    article_free(a);
}

static void quote_verb_speaker_apposition(void **state)
{
    article *a = quotes_of("\"The dam held through the night,\" said Tom Baker, the chief engineer.");
    const quote *q = find(a, "dam held");
    assert_string_equal(text_of(a, q), "The dam held through the night");
    assert_string_equal(who(a, q), "Tom Baker");
    article_free(a);
}

static void several_sentences_in_one_quote(void **state)
{
    article *a = quotes_of("\"The water rose fast. We moved the animals first. Then we left,\" said Ana Ruiz.");
    assert_int_equal(a->quotes.n, 1);
    assert_string_equal(text_of(a, &a->quotes.v[0]), "The water rose fast. We moved the animals first. Then we left");
    assert_string_equal(who(a, &a->quotes.v[0]), "Ana Ruiz");
    article_free(a);
}

static void quote_over_several_paragraphs(void **state)
{
    article *a = quotes_of("Farmer Joe Hale described the night of the flood.\n\n"
                           "\"We heard the siren at two. Everyone ran to the hill behind the barn.\n\n"
                           "\"By dawn the fields were one wide lake,\" he said.");
    const quote *first = find(a, "siren at two");
    const quote *last = find(a, "wide lake");
    assert_string_equal(who(a, last), "Farmer Joe Hale");
    assert_string_equal(who(a, first), "Farmer Joe Hale");
    assert_int_equal(first->kind, Q_DIRECT);
    article_free(a);
}

static void curly_open_straight_close(void **state)
{
    article *a = quotes_of("\u201cPrices of bread will fall next month,\" the trade minister said.");
    const quote *q = find(a, "Prices of bread");
    assert_string_equal(text_of(a, q), "Prices of bread will fall next month");
    assert_string_equal(who(a, q), "the trade minister");
    article_free(a);
}

static void missing_closing_mark(void **state)
{
    article *a = quotes_of("\"The mountain roads stay closed until Friday, Chief Dan Moss said.");
    const quote *q = find(a, "mountain roads");
    assert_string_equal(text_of(a, q), "The mountain roads stay closed until Friday");
    assert_string_equal(who(a, q), "Dan Moss");
    assert_string_equal(cue_of(a, q), "said");
    article_free(a);
}

static void nested_single_quotes(void **state)
{
    article *a = quotes_of("\"The guard told me 'wait here' and walked off,\" said Lena Park.");
    const quote *q = find(a, "'wait here'");
    assert_string_equal(text_of(a, q), "The guard told me 'wait here' and walked off");
    assert_string_equal(who(a, q), "Lena Park");
    article_free(a);
}

static void pull_quote_with_attribution_line(void **state)
{
    article *a = quotes_of("Talks began in May and ended without a deal.\n\n"
                           "We came to listen, and we were ignored at every single turn.\n\n"
                           "Maria Costa, Spokesperson, Harbour Workers Union\n\n"
                           "The union plans a vote next week.");
    assert_int_equal(a->quotes.n, 1);
    const quote *q = find(a, "We came to listen");
    assert_int_equal(q->kind, Q_DIRECT);
    assert_string_equal(who(a, q), "Maria Costa");
    assert_string_equal(cue_of(a, q), "Maria Costa, Spokesperson, Harbour Workers Union");
    article_free(a);
}

static void headline_in_the_speakers_words(void **state)
{
    article *a = quotes_of("The river rose again on Friday night.\n\n"
                           "No Retreat for Us Now: River Alliance\n\n"
                           "The group met on Sunday.");
    const quote *q = find(a, "No Retreat");
    assert_string_equal(text_of(a, q), "No Retreat for Us Now");
    assert_string_equal(who(a, q), "River Alliance");
    article_free(a);
}

static void dash_after_the_quote(void **state)
{
    article *a = quotes_of("\u201cStay calm and wait for the boats to come.\u201d \u2014 Ana Lima");
    const quote *q = find(a, "Stay calm");
    assert_string_equal(who(a, q), "Ana Lima");
    article_free(a);
}

static void unlisted_verb_in_a_speech_layout(void **state)
{
    article *a = quotes_of("\"Get out of my office right now,\" Oliver barked.\n\n"
                           "In her song, Nina Vale sings, \"Nobody waits for the tide to turn.\"");
    const quote *q = find(a, "Get out");
    assert_string_equal(who(a, q), "Oliver");
    assert_string_equal(cue_of(a, q), "barked");
    q = find(a, "Nobody waits");
    assert_string_equal(who(a, q), "Nina Vale");
    assert_string_equal(cue_of(a, q), "sings");
    article_free(a);
}

static void titles_in_marks_are_not_speech(void **state)
{
    article *a = quotes_of("On Fox News Channel's \"Sunday Morning Talk,\" Senator Ray Dunn said the budget was "
                           "already late.");
    const quote *q = find(a, "budget was already late");
    assert_int_equal(q->kind, Q_INDIRECT);
    assert_string_equal(who(a, q), "Ray Dunn");
    for (uint32_t i = 0; i < a->quotes.n; i++)
        assert_null(strstr(text_of(a, &a->quotes.v[i]), "Sunday Morning Talk"));
    article_free(a);
}

static void transcript_turns(void **state)
{
    article *a = quotes_of("HOST: Welcome back to the show on a busy night.\n\n"
                           "GUEST: Thank you for having me here again.\n\n"
                           "HOST: Let us start with the budget then.\n\n"
                           "GUEST: The budget is late again this year.");
    assert_int_equal(a->quotes.n, 4);
    assert_string_equal(who(a, find(a, "Thank you")), "GUEST");
    assert_string_equal(who(a, find(a, "start with the budget")), "HOST");
    article_free(a);
}

static void colon_paragraph_introduces_the_next(void **state)
{
    article *a = quotes_of("Lopez continued:\n\nThe harbour must stay open to every boat, large and small.");
    const quote *q = find(a, "harbour must stay open");
    assert_string_equal(who(a, q), "Lopez");
    assert_string_equal(cue_of(a, q), "continued");
    article_free(a);
}

static void indirect_with_and_without_that(void **state)
{
    article *a = quotes_of("Kerry said the talks would resume in June.\n\n"
                           "The ministry told reporters on Tuesday that exports had doubled.\n\n"
                           "Costa emphasised that no vote had been taken yet.\n\n"
                           "Ruiz pointed out that the bridge was built in 1931.");
    const quote *q = find(a, "talks would resume");
    assert_string_equal(text_of(a, q), "the talks would resume in June");
    assert_int_equal(q->kind, Q_INDIRECT);
    assert_string_equal(who(a, q), "Kerry");
    q = find(a, "exports");
    assert_string_equal(text_of(a, q), "exports had doubled");
    assert_string_equal(cue_of(a, q), "told");
    assert_string_equal(who(a, q), "The ministry");
    assert_string_equal(text_of(a, find(a, "no vote")), "no vote had been taken yet");
    q = find(a, "bridge was built");
    assert_string_equal(cue_of(a, q), "pointed out");
    article_free(a);
}

static void according_to(void **state)
{
    article *a = quotes_of("According to the central bank, inflation slowed to 3 percent in March.\n\n"
                           "Rents rose again last year, according to a survey by the Tenants League.");
    const quote *q = find(a, "inflation slowed");
    assert_string_equal(text_of(a, q), "inflation slowed to 3 percent in March");
    assert_string_equal(who(a, q), "the central bank");
    q = find(a, "Rents rose");
    assert_string_equal(text_of(a, q), "Rents rose again last year");
    assert_string_equal(who(a, q), "Tenants League");
    article_free(a);
}

static void cue_after_the_content(void **state)
{
    article *a = quotes_of("Growth will slow sharply next year, the report warned on Monday.");
    const quote *q = find(a, "Growth");
    assert_string_equal(text_of(a, q), "Growth will slow sharply next year");
    assert_string_equal(who(a, q), "the report");
    assert_string_equal(cue_of(a, q), "warned");
    article_free(a);
}

static void parenthetical_cue(void **state)
{
    article *a = quotes_of("The river, she insisted, has never flooded the old town.");
    const quote *q = find(a, "never flooded");
    assert_int_equal(q->kind, Q_INDIRECT);
    assert_string_equal(cue_of(a, q), "insisted");
    article_free(a);
}

static void mixed_with_a_quoted_fragment(void **state)
{
    article *a = quotes_of("The senator dismissed the charges as \"political theatre\" on Tuesday.\n\n"
                           "Ruiz vowed that the city would rebuild \"every last house\" within a year.");
    const quote *q = find(a, "political theatre");
    assert_int_equal(q->kind, Q_MIXED);
    assert_string_equal(who(a, q), "The senator");
    q = find(a, "every last house");
    assert_int_equal(q->kind, Q_MIXED);
    assert_string_equal(text_of(a, q), "the city would rebuild \"every last house\" within a year");
    article_free(a);
}

static void paragraph_continues_the_speaker(void **state)
{
    article *a = quotes_of("\"We lost everything in one night,\" said Omar Haddad.\n\n"
                           "\"The shop, the car, the savings. All of it is gone now.\"");
    const quote *q = find(a, "The shop");
    assert_string_equal(who(a, q), "Omar Haddad");
    assert_string_equal(cue_of(a, q), "said");
    article_free(a);
}

static void scare_quotes_and_denials_are_no_quotes(void **state)
{
    article *a = quotes_of("The so-called \"peace dividend\" never arrived.\n\n"
                           "The company did not respond to requests for comment.\n\n"
                           "Officials declined to say how many boats were lost.");
    assert_int_equal(a->quotes.n, 0);
    article_free(a);
}

static void verbs_read_as_nouns_are_no_cues(void **state)
{
    article *a = quotes_of("A long-standing demand of the union was met.\n\n"
                           "The latest reports of damage came from the coast.\n\n"
                           "A city council claim about the water was thrown out.\n\n"
                           "Leaflets highlighting claimed savings were sent to every home.");
    assert_int_equal(a->quotes.n, 0);
    article_free(a);
}

static void fragment_then_coordinated_verb(void **state)
{
    article *a = quotes_of("Ray Dunn said the decision dragged the race \"into the gutter\" and showed that they "
                           "were worried.");
    for (uint32_t i = 0; i < a->quotes.n; i++) assert_string_equal(who(a, &a->quotes.v[i]), "Ray Dunn");
    const quote *q = find(a, "into the gutter");
    assert_int_equal(q->kind, Q_MIXED);
    article_free(a);
}

static void participle_takes_the_sentence_speaker(void **state)
{
    article *a = quotes_of("\"The work is done,\" Hale said, adding that the crews would leave on Friday.");
    const quote *q = find(a, "crews would leave");
    assert_string_equal(who(a, q), "Hale");
    assert_string_equal(cue_of(a, q), "adding");
    assert_int_equal(q->kind, Q_INDIRECT);
    article_free(a);
}

static void quotes_come_in_text_order_inside_the_text(void **state)
{
    article *a = quotes_of("\"One,\" said Ann Lee. Bo Chan said the second point was fair. \"Three and four and five,\" "
                           "Ann Lee added.");
    assert_true(a->quotes.n >= 3);
    for (uint32_t i = 0; i < a->quotes.n; i++) {
        assert_true(a->quotes.v[i].end <= a->len);
        assert_true(a->quotes.v[i].start < a->quotes.v[i].end);
        if (i) assert_true(a->quotes.v[i - 1].start <= a->quotes.v[i].start);
    }
    article_free(a);
}

/* Each statement once: no two quotes of an article overlap. */
static void assert_no_overlap(const article *a)
{
    for (uint32_t i = 1; i < a->quotes.n; i++)
        assert_true(a->quotes.v[i - 1].end <= a->quotes.v[i].start);
}

static void reported_clause_with_quoted_words_is_one_mixed_quote(void **state)
{
    article *a = quotes_of("The harbour master admitted there were \"rough weeks\" but said \"the ferries "
                           "will run on time from now on\".");
    assert_no_overlap(a);
    const quote *q = find(a, "ferries will run");
    assert_string_equal(who(a, q), "The harbour master");
    article_free(a);
    a = quotes_of("Critics argue higher fares will hurt the towns the council says it wants to help.");
    assert_no_overlap(a);
    q = find(a, "higher fares will hurt");
    assert_string_equal(who(a, q), "Critics");
    article_free(a);
}

/* A quotation ended by a full stop is not given to a cue after it that
 * reports something of its own; a clause opening with "as" is speech when
 * quoted words stand in it. */
static void cue_after_a_finished_quotation(void **state)
{
    article *a = quotes_of("The union chief spoke last. He said, \"No town can live on tourism alone.\" "
                           "Mr Dale also said a review of the harbour plan should be made.");
    const quote *q = find(a, "No town can live");
    assert_string_equal(text_of(a, q), "No town can live on tourism alone.");
    assert_string_equal(cue_of(a, q), "said");
    assert_true(q->start < find(a, "review of the harbour")->start);
    assert_no_overlap(a);
    article_free(a);
    a = quotes_of("Radio host Jo Marsh said as a mayor he gave the impression he would \"sell the park to anyone\".");
    q = find(a, "sell the park");
    assert_int_equal(q->kind, Q_MIXED);
    assert_string_equal(who(a, q), "Jo Marsh");
    article_free(a);
}

/* A noun before a reporting verb ("The WHO report said") is no cue of its
 * own: the content holds what was said, never the verb. */
static void a_paragraph_printed_twice_is_one_statement(void **state)
{
    article *a = quotes_of("The port authority said the new quay would open in May.\n\n"
                           "Ships have waited for weeks.\n\n"
                           "The port authority said the new quay would open in May.");
    assert_int_equal(a->quotes.n, 1);
    article_free(a);
}

static void noun_before_the_verb_is_no_cue(void **state)
{
    article *a = quotes_of("The UNEP report said that coral cover in the reef had halved since 1990.\n\n"
                           "But the Commission report says growth in most member states was too slow.");
    assert_no_overlap(a);
    const quote *q = find(a, "coral cover");
    assert_string_equal(text_of(a, q), "coral cover in the reef had halved since 1990");
    assert_string_equal(cue_of(a, q), "said");
    q = find(a, "growth in most member states");
    assert_string_equal(text_of(a, q), "growth in most member states was too slow");
    article_free(a);
}

/* What a verb does to a thing already told is narration; a clause after it
 * is a report. Passives and infinitives report nothing. */
static void said_after_a_phrase_of_time(void **state)
{
    article *a = quotes_of("Ms Hale said after the hearing she would not resign.");
    const quote *q = find(a, "would not resign");
    assert_string_equal(text_of(a, q), "she would not resign");
    assert_string_equal(who(a, q), "Hale");
    article_free(a);
}

/* A verb of knowing or showing reports a clause without "that" when the
 * clause has a subject and a verb; not as a wish, a question, a clause of
 * time, or before an object and an infinitive. */
static void views_without_that(void **state)
{
    article *a = quotes_of("A new survey shows the mayor has lost support in the suburbs.\n\n"
                           "Coach Bo Reyes believes his side will win the cup.");
    assert_string_equal(text_of(a, find(a, "lost support")), "the mayor has lost support in the suburbs");
    assert_string_equal(text_of(a, find(a, "side will win")), "his side will win the cup");
    article_free(a);
    a = quotes_of("Before the firm knew it existed, the flaw had spread.\n\n"
                  "Whether he knew the guard was armed could decide the case.\n\n"
                  "Many fans would hope the rain stops by noon.\n\n"
                  "When will they feel they have done enough?\n\n"
                  "Lee showed Park how to do it in the second half.");
    assert_int_equal(a->quotes.n, 0);
    article_free(a);
}

/* A verb of naming reports a view when it says what its object is; polls
 * and footage are sources. */
static void naming_verbs_and_documents(void **state)
{
    article *a = quotes_of("The union called the pay offer an insult to nurses.\n\n"
                           "Residents described the flooding as the worst in decades.\n\n"
                           "The mayor called a meeting for Monday.\n\n"
                           "Instant polls showed the challenger was ahead.");
    assert_string_equal(who(a, find(a, "pay offer an insult")), "The union");
    assert_string_equal(who(a, find(a, "worst in decades")), "Residents");
    assert_string_equal(who(a, find(a, "challenger was ahead")), "Instant polls");
    for (uint32_t i = 0; i < a->quotes.n; i++) assert_null(strstr(text_of(a, &a->quotes.v[i]), "meeting"));
    article_free(a);
}

/* Content must say something: not a phrase of time before a trailing cue,
 * not a second subject after "and", not a relative clause after a place,
 * not a verb after "whose". */
static void content_that_says_nothing(void **state)
{
    article *a = quotes_of("During the long night at the station, the officer said nothing.\n\n"
                           "Tom Reed reported from Lagos, and Ada Obi from Kano.\n\n"
                           "The minister spoke in a hall on a hill that overlooks the river.\n\n"
                           "Critics include the senator, whose state relies heavily on gas.");
    assert_int_equal(a->quotes.n, 0);
    article_free(a);
    a = quotes_of("In addition, the council plans to reopen the pool soon, a spokesman said.\n\n"
                  "If the talks fail, Mr Ames argues, there are other options.");
    assert_string_equal(who(a, find(a, "reopen the pool")), "a spokesman");
    assert_string_equal(who(a, find(a, "other options")), "Ames");
    article_free(a);
}

/* Two verbs of one speaker are two statements; an addressee may be two
 * groups; a quotation never takes the speaker of a later one introduced
 * anew. */
static void second_verb_and_joint_addressees(void **state)
{
    article *a = quotes_of("Port chief Ann Vale conceded there were \"rough weeks\" but said \"the ferries will run "
                           "on time from now on\".");
    assert_no_overlap(a);
    const quote *q = find(a, "rough weeks");
    assert_null(strstr(text_of(a, q), "said"));
    assert_string_equal(text_of(a, find(a, "ferries will run")), "the ferries will run on time from now on");
    article_free(a);
    a = quotes_of("Mr Hale told members and staff: \"Nothing will stand in the way of a united club.\" "
                  "Board member Jo Reyes said the pair had been \"read the riot act\" by members.");
    q = find(a, "Nothing will stand");
    assert_string_equal(who(a, q), "Hale");
    assert_string_equal(cue_of(a, q), "told");
    article_free(a);
}

static void content_never_opens_with_a_cue(void **state)
{
    article *a = quotes_of("Norvex, which had an earlier offer for the mill rejected, said it would bid again.\n\n"
                           "According to the Centre for Flood Research and Coastal Studies at Tern University, "
                           "the dykes will hold.");
    const quote *q = find(a, "bid again");
    assert_string_equal(text_of(a, q), "it would bid again");
    assert_string_equal(cue_of(a, q), "said");
    q = find(a, "dykes will hold");
    assert_string_equal(text_of(a, q), "the dykes will hold");
    assert_non_null(strstr(who(a, q), "Coastal Studies"));
    article_free(a);
}

static void narration_is_no_quote(void **state)
{
    article *a = quotes_of("Coach Ann Vey confirmed the rumour on Friday.\n\n"
                           "The club announced the decision in Leeds after a board meeting.\n\n"
                           "The flaw is also termed a \"silent door\" by engineers.\n\n"
                           "Demand from the north and low rates have lifted sales, said Sam Ortiz, a broker.\n\n"
                           "The firm will continue to support the old \"blue\" line of pumps.");
    for (uint32_t i = 0; i < a->quotes.n; i++) {
        assert_null(strstr(text_of(a, &a->quotes.v[i]), "rumour"));
        assert_null(strstr(text_of(a, &a->quotes.v[i]), "decision in Leeds"));
        assert_null(strstr(text_of(a, &a->quotes.v[i]), "silent door"));
        assert_null(strstr(text_of(a, &a->quotes.v[i]), "old \"blue\" line"));
    }
    const quote *q = find(a, "lifted sales");
    assert_string_equal(who(a, q), "Sam Ortiz");
    article_free(a);
    a = quotes_of("Ann Vey confirmed the squad was fit.\n\n"
                  "According to Vey, the club will continue to back the \"open\" style of play.");
    assert_string_equal(who(a, find(a, "squad was fit")), "Ann Vey");
    q = find(a, "continue to back");
    assert_string_equal(who(a, q), "Vey");
    assert_no_overlap(a);
    article_free(a);
}

/* An aim is reported through an infinitive ("wants to …"), never through a
 * plain object, nor inside what a later speaker says; verbs of judging take
 * what they judge; "state" before a name is a noun. */
static void aims_and_judgements(void **state)
{
    article *a = quotes_of("The mayor wants to close the old bridge by June.\n\n"
                           "Governor Amy Reed defended her record on schools in a televised debate.\n\n"
                           "The report states that the fund lost money in every quarter.");
    const quote *q = find(a, "close the old bridge");
    assert_string_equal(text_of(a, q), "to close the old bridge by June");
    assert_string_equal(who(a, q), "The mayor");
    assert_string_equal(who(a, find(a, "her record on schools")), "Amy Reed");
    assert_string_equal(who(a, find(a, "fund lost money")), "The report");
    article_free(a);
    a = quotes_of("Workers who want to stay for a year will need a permit.\n\n"
                  "Visitors will need a visa if they intend to work in the city.\n\n"
                  "Critics say plans to close the library should be dropped.\n\n"
                  "The share opposed to a ban on smoking has fallen.\n\n"
                  "Jo Tam, who challenged the leader for the post in 1989, has died.\n\n"
                  "The board plans a vote on the new budget next week.\n\n"
                  "The group looks at the most pressing global challenges of the past decade.\n\n"
                  "Swing state Ohio is a bellwether for the whole country.\n\n"
                  "Many fans would want to see the old coach come back.");
    for (uint32_t i = 0; i < a->quotes.n; i++) {
        const char *t = text_of(a, &a->quotes.v[i]);
        assert_null(strstr(t, "stay for a year"));
        assert_null(strstr(t, "work in the city"));
        assert_null(strstr(t, "a ban on smoking"));
        assert_null(strstr(t, "for the post"));
        assert_null(strstr(t, "vote on the new budget"));
        assert_null(strstr(t, "past decade"));
        assert_null(strstr(t, "fans"));
        assert_null(strstr(t, "bellwether"));
    }
    assert_string_equal(who(a, find(a, "close the library")), "Critics");
    article_free(a);
}

/* A cue set off by commas after a phrase that is no clause ("In most cases,
 * X say, …") sits inside the statement; plural heads of people and the
 * shares of a poll speak. */
static void cue_inside_the_statement(void **state)
{
    article *a = quotes_of("In most cases, bank executives say, the loans were repaid within a year.\n\n"
                           "Cutting rates too early, economists say, would fuel prices.\n\n"
                           "Nearly half said they would vote for the mayor again.");
    const quote *q = find(a, "loans were repaid");
    assert_string_equal(text_of(a, q), "In most cases, bank executives say, the loans were repaid within a year");
    assert_string_equal(who(a, q), "bank executives");
    q = find(a, "fuel prices");
    assert_non_null(strstr(text_of(a, q), "Cutting rates too early"));
    assert_string_equal(who(a, q), "economists");
    assert_string_equal(who(a, find(a, "vote for the mayor")), "Nearly half");
    article_free(a);
}

/* A verb of asking reports the question it opens, unless the asker is an
 * unnamed interviewer ("when asked if …"). */
static void asked_questions(void **state)
{
    article *a = quotes_of("Senator Ruth Penn asked whether the new bridge would be finished before winter.\n\n"
                           "\"We are ready,\" the coach said when asked if the team could win the final.");
    const quote *q = find(a, "new bridge would be");
    assert_string_equal(text_of(a, q), "whether the new bridge would be finished before winter");
    assert_string_equal(who(a, q), "Ruth Penn");
    for (uint32_t i = 0; i < a->quotes.n; i++) assert_null(strstr(text_of(a, &a->quotes.v[i]), "win the final"));
    article_free(a);
    a = quotes_of("A rival campaign ad questioned whether the senator was ready to lead.\n\n"
                  "Dan Ibe complained about the referee's decisions in the final minutes.");
    assert_string_equal(text_of(a, find(a, "ready to lead")), "whether the senator was ready to lead");
    assert_string_equal(who(a, find(a, "referee's decisions")), "Dan Ibe");
    article_free(a);
}

/* A poll's or a document's finding may be a noun phrase; a verb of
 * knowing or showing after the clause it reports attributes it. */
static void findings_and_trailing_views(void **state)
{
    article *a = quotes_of("A new poll shows the governor leading his rival by six points.\n\n"
                           "The mill will close before the winter, local officials believe.\n\n"
                           "The school donated most of the money to flood relief, tax records show.");
    assert_string_equal(who(a, find(a, "governor leading")), "A new poll");
    assert_string_equal(text_of(a, find(a, "mill will close")), "The mill will close before the winter");
    assert_string_equal(who(a, find(a, "flood relief")), "tax records");
    article_free(a);
}

/* Layouts the cue finder used to lose: an adverb between speaker and verb,
 * a content opening with "about" and a number, a source standing before a
 * phrase of place at the end, an addressee after a trailing "told". */
static void adverbs_addressees_and_places(void **state)
{
    article *a = quotes_of("Mayor Lin Oduya now says she opposes the new stadium.\n\n"
                           "Tom Vale has long said that he qualifies because he was born in Leeds.\n\n"
                           "She met Ann Ruiz, the party leader, who in 2010 said the party's most important goal was "
                           "to win.\n\n"
                           "Paul Ames has said about 30 firms have applied for the licence.\n\n"
                           "The talks broke down after an hour, said a union source in the hall.\n\n"
                           "The plant will close in May, the manager told reporters on Monday.");
    assert_string_equal(who(a, find(a, "opposes the new stadium")), "Lin Oduya");
    assert_string_equal(text_of(a, find(a, "born in Leeds")), "he qualifies because he was born in Leeds");
    assert_string_equal(text_of(a, find(a, "most important goal")), "the party's most important goal was to win");
    assert_string_equal(text_of(a, find(a, "30 firms")), "about 30 firms have applied for the licence");
    assert_string_equal(who(a, find(a, "talks broke down")), "a union source");
    const quote *q = find(a, "plant will close");
    assert_string_equal(text_of(a, q), "The plant will close in May");
    assert_string_equal(who(a, q), "the manager");
    article_free(a);
    a = quotes_of("Governor Ann Lusk pointed to a steady fall in crime across the state.");
    assert_string_equal(who(a, find(a, "fall in crime")), "Ann Lusk");
    article_free(a);
}

/* "according to X" reports what stands before it, after it when little
 * precedes, and ends a statement it follows. */
static void according_to_on_either_side(void **state)
{
    article *a = quotes_of("The mayor leads the race by nine points according to a count by the Daily Star, but "
                           "the vote is weeks away.\n\n"
                           "In addition, according to the ministry, two thousand more nurses will be hired.\n\n"
                           "The rebels have called for strikes on the port, according to the Harbour Watch group, "
                           "which monitors shipping.");
    const quote *q = find(a, "leads the race");
    assert_string_equal(text_of(a, q), "The mayor leads the race by nine points");
    assert_string_equal(text_of(a, find(a, "nurses will be hired")), "two thousand more nurses will be hired");
    q = find(a, "strikes on the port");
    assert_string_equal(text_of(a, q), "The rebels have called for strikes on the port");
    assert_string_equal(who(a, q), "the Harbour Watch group");
    article_free(a);
}

/* After a quotation, "Name of the Place" is the person; a verb of naming
 * may reach its "a …" past a long object. */
static void person_of_a_place_and_long_objects(void **state)
{
    article *a = quotes_of("\"The budget is a mess,\" said Maria Costa of the Leeward Islands.\n\n"
                           "Unions called the new rota and the cuts to overtime for night shifts at the "
                           "hospital a slap in the face.");
    assert_string_equal(who(a, find(a, "budget is a mess")), "Maria Costa");
    assert_string_equal(who(a, find(a, "slap in the face")), "Unions");
    article_free(a);
}

/* A participle's speaker is the sentence's subject, not a speaker in a
 * relative clause; a clause of time ends where its main clause begins. */
static void main_clause_speakers(void **state)
{
    article *a = quotes_of("When the mayor noted that the club had not paid its rent for years, Joe Kemp boasted, "
                           "\"That makes me a good manager.\"\n\n"
                           "Kemp was also sharp about a builder who said he was never paid, saying, \"He did a poor "
                           "job on the roof.\"");
    const quote *q = find(a, "paid its rent");
    assert_null(strstr(text_of(a, q), "good manager"));
    assert_string_equal(who(a, find(a, "good manager")), "Joe Kemp");
    assert_string_equal(who(a, find(a, "poor job on the roof")), "Kemp");
    article_free(a);
}

/* Quoted words that open a reported clause without ending it are part of
 * it: one mixed quote, not a direct one. */
static void quoted_words_opening_a_clause(void **state)
{
    article *a = quotes_of("Mayor Ida Moss said \"tight budgets\" and a late winter would delay the new bridge.");
    const quote *q = find(a, "tight budgets");
    assert_int_equal(q->kind, Q_MIXED);
    assert_string_equal(text_of(a, q), "\"tight budgets\" and a late winter would delay the new bridge");
    assert_string_equal(who(a, q), "Ida Moss");
    assert_no_overlap(a);
    article_free(a);
}

/* "The governor toured the plant and said …": the second verb's speaker
 * is the subject of the first, not the stretch of narration before "and". */
static void second_verb_after_narration(void **state)
{
    article *a = quotes_of("The governor toured the flooded plant on Friday and said the levee would be rebuilt by June.\n\n"
                           "The minister visited the depot and said the fares would stay frozen next year.");
    const quote *q = find(a, "levee would be rebuilt");
    assert_string_equal(text_of(a, q), "the levee would be rebuilt by June");
    assert_string_equal(who(a, q), "The governor");
    q = find(a, "fares would stay");
    assert_string_equal(who(a, q), "The minister");
    article_free(a);
}

/* "Ibarra however said …": a sentence adverb without its commas stands
 * between the speaker and the verb. */
static void adverb_between_speaker_and_verb(void **state)
{
    article *a = quotes_of("Prices rose again in March. Nora Ibarra however said the rise would not last beyond summer.");
    const quote *q = find(a, "would not last");
    assert_string_equal(text_of(a, q), "the rise would not last beyond summer");
    assert_string_equal(who(a, q), "Nora Ibarra");
    article_free(a);
}

/* "said if …, …": a condition opening the content, then the main clause, is
 * what was said; a clause of time alone ("said before he left") is not. */
static void condition_opening_the_statement(void **state)
{
    article *a = quotes_of("Pablo Ruiz said if re-elected he would double the school budget.\n\n"
                           "Lena Marsh said if she were mayor, the city would buy back the tram line.\n\n"
                           "Omar Haddad said when asked about the vote.\n\n"
                           "Ivo Petrov said before he resigned.");
    const quote *q = find(a, "double the school budget");
    assert_string_equal(text_of(a, q), "if re-elected he would double the school budget");
    assert_string_equal(who(a, q), "Pablo Ruiz");
    q = find(a, "buy back the tram");
    assert_string_equal(text_of(a, q), "if she were mayor, the city would buy back the tram line");
    assert_string_equal(who(a, q), "Lena Marsh");
    for (uint32_t i = 0; i < a->quotes.n; i++) {
        assert_null(strstr(text_of(a, &a->quotes.v[i]), "asked about the vote"));
        assert_null(strstr(text_of(a, &a->quotes.v[i]), "resigned"));
    }
    article_free(a);
}

/* "A later report in a Texas weekly said …": a verb form after a
 * determiner and a word of time is the noun, and the real verb follows. */
static void noun_after_a_word_of_time(void **state)
{
    article *a = quotes_of("A later report in a Texas weekly said that the council had sold the land twice.");
    const quote *q = find(a, "sold the land twice");
    assert_string_equal(cue_of(a, q), "said");
    article_free(a);
}

/* "Seven in 10 rural voters said …": a share of a group is the speaker,
 * the whole phrase, not its first number. */
static void share_of_a_group_speaks(void **state)
{
    article *a = quotes_of("Seven in 10 rural voters said the new toll was unfair to commuters.\n\n"
                           "Nine out of 10 nurses said the night shifts had grown longer.");
    const quote *q = find(a, "toll was unfair");
    assert_string_equal(who(a, q), "Seven in 10 rural voters");
    q = find(a, "night shifts");
    assert_string_equal(who(a, q), "Nine out of 10 nurses");
    article_free(a);
}

/* "Green mayoral candidate Ada Moss …, saying": modifiers before the title
 * words keep the name in the subject a participle hangs on. */
static void modifiers_before_a_title(void **state)
{
    article *a = quotes_of("Green mayoral candidate Ada Moss weighed in on the radio, saying the depot should stay open.");
    const quote *q = find(a, "depot should stay open");
    assert_string_equal(who(a, q), "Ada Moss");
    assert_string_equal(cue_of(a, q), "saying");
    article_free(a);
}

/* "after footage emerged showing …": a document or recording is the
 * subject its participle reports for, its finding a noun phrase; "faces
 * questions about …" names a topic, with no speaker or statement. */
static void source_participle_and_topic_nouns(void **state)
{
    article *a = quotes_of("The coach faced questions about his future, especially after footage emerged showing a heated row in the tunnel.");
    const quote *q = find(a, "heated row");
    assert_string_equal(text_of(a, q), "a heated row in the tunnel");
    assert_string_equal(who(a, q), "footage");
    for (uint32_t i = 0; i < a->quotes.n; i++) assert_string_not_equal(cue_of(a, &a->quotes.v[i]), "questions");
    article_free(a);
}

/* "…, her cousin said." and "Most of them said …": a possessive pronoun
 * opens the speaker phrase; a part of a group named before speaks. */
static void possessive_and_partitive_speakers(void **state)
{
    article *a = quotes_of("The ferry left an hour late because of the fog, her cousin said.\n\n"
                           "The dockers met the owners on Friday. Most of them said the offer was too low.");
    const quote *q = find(a, "ferry left an hour late");
    assert_string_equal(who(a, q), "her cousin");
    q = find(a, "offer was too low");
    assert_string_equal(who(a, q), "Most of them");
    article_free(a);
}

/* "…, she and her lawyer said.": a subject pronoun opening the clause joins
 * the phrase after "and"; both speak, and the cue trails the statement. */
static void pronoun_and_phrase_speak_together(void **state)
{
    article *a = quotes_of("Ilse Berg missed the final after a fall in training. The knee had not healed in time, she and her lawyer said.");
    const quote *q = find(a, "knee had not healed");
    assert_string_equal(text_of(a, q), "The knee had not healed in time");
    assert_string_equal(cue_of(a, q), "said");
    article_free(a);
}

static void odd_input_does_not_break(void **state)
{
    const char *texts[] = {"", "\"", "\"\"\"\"", "said said said", ", according to", "\u201c\u201d\u201c",
                           "\"A, B, C,\" said", "He said:\n\n", "X:\n\nY:\n\nX:"};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        article *a = quotes_of(texts[i]);
        for (uint32_t k = 0; k < a->quotes.n; k++) assert_true(a->quotes.v[k].end <= a->len);
        article_free(a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quote_then_speaker_verb),
        cmocka_unit_test(speaker_verb_colon_quote),
        cmocka_unit_test(quote_verb_speaker_apposition),
        cmocka_unit_test(several_sentences_in_one_quote),
        cmocka_unit_test(quote_over_several_paragraphs),
        cmocka_unit_test(curly_open_straight_close),
        cmocka_unit_test(missing_closing_mark),
        cmocka_unit_test(nested_single_quotes),
        cmocka_unit_test(pull_quote_with_attribution_line),
        cmocka_unit_test(headline_in_the_speakers_words),
        cmocka_unit_test(dash_after_the_quote),
        cmocka_unit_test(unlisted_verb_in_a_speech_layout),
        cmocka_unit_test(titles_in_marks_are_not_speech),
        cmocka_unit_test(transcript_turns),
        cmocka_unit_test(colon_paragraph_introduces_the_next),
        cmocka_unit_test(indirect_with_and_without_that),
        cmocka_unit_test(according_to),
        cmocka_unit_test(cue_after_the_content),
        cmocka_unit_test(parenthetical_cue),
        cmocka_unit_test(mixed_with_a_quoted_fragment),
        cmocka_unit_test(paragraph_continues_the_speaker),
        cmocka_unit_test(scare_quotes_and_denials_are_no_quotes),
        cmocka_unit_test(verbs_read_as_nouns_are_no_cues),
        cmocka_unit_test(fragment_then_coordinated_verb),
        cmocka_unit_test(participle_takes_the_sentence_speaker),
        cmocka_unit_test(quotes_come_in_text_order_inside_the_text),
        cmocka_unit_test(reported_clause_with_quoted_words_is_one_mixed_quote),
        cmocka_unit_test(cue_after_a_finished_quotation),
        cmocka_unit_test(a_paragraph_printed_twice_is_one_statement),
        cmocka_unit_test(noun_before_the_verb_is_no_cue),
        cmocka_unit_test(narration_is_no_quote),
        cmocka_unit_test(content_never_opens_with_a_cue),
        cmocka_unit_test(second_verb_and_joint_addressees),
        cmocka_unit_test(content_that_says_nothing),
        cmocka_unit_test(naming_verbs_and_documents),
        cmocka_unit_test(views_without_that),
        cmocka_unit_test(said_after_a_phrase_of_time),
        cmocka_unit_test(aims_and_judgements),
        cmocka_unit_test(cue_inside_the_statement),
        cmocka_unit_test(asked_questions),
        cmocka_unit_test(findings_and_trailing_views),
        cmocka_unit_test(adverbs_addressees_and_places),
        cmocka_unit_test(according_to_on_either_side),
        cmocka_unit_test(person_of_a_place_and_long_objects),
        cmocka_unit_test(main_clause_speakers),
        cmocka_unit_test(quoted_words_opening_a_clause),
        cmocka_unit_test(second_verb_after_narration),
        cmocka_unit_test(adverb_between_speaker_and_verb),
        cmocka_unit_test(condition_opening_the_statement),
        cmocka_unit_test(noun_after_a_word_of_time),
        cmocka_unit_test(share_of_a_group_speaks),
        cmocka_unit_test(modifiers_before_a_title),
        cmocka_unit_test(source_participle_and_topic_nouns),
        cmocka_unit_test(possessive_and_partitive_speakers),
        cmocka_unit_test(pronoun_and_phrase_speak_together),
        cmocka_unit_test(odd_input_does_not_break),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
