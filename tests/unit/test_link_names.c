/* test_link_names.c — comparison keys of names: folding, transliteration,
 * and which names' keys meet (src/link/names.c). */
#include "link_testutil.h"

static link_res *res(void)
{
    static link_res *r;
    char err[256];
    if (!r) r = link_res_load(NULL, err, sizeof err);
    assert_non_null(r);
    return r;
}

static const char *fold(const char *s)
{
    static char out[256];
    buf b;
    buf_init(&b);
    name_fold(s, strlen(s), &b);
    snprintf(out, sizeof out, "%.*s", (int)b.n, b.p ? b.p : "");
    buf_free(&b);
    return out;
}

static const char *translit(const char *w)
{
    static char out[2][128];
    static int k;
    char *o = out[k++ & 1];
    buf b;
    buf_init(&b);
    name_translit(res(), w, strlen(w), &b);
    snprintf(o, 128, "%.*s", (int)b.n, b.p ? b.p : "");
    buf_free(&b);
    return o;
}

typedef struct keys {
    uint64_t key[64];
    int role[64];
    int n;
} keys;

static void collect(void *ctx, uint64_t key, enum key_role role)
{
    keys *k = ctx;
    if (k->n < 64) k->key[k->n] = key, k->role[k->n++] = role;
}

static keys keys_of(int type, const char *name)
{
    keys k = {.n = 0};
    const char *forms[1] = {name};
    name_keys(res(), type, forms, 1, NULL, collect, &k);
    return k;
}

/* Whether two names' keys meet, as src/link/aliases.c joins them. */
static bool meet(int ta, const char *a, int tb, const char *b)
{
    keys x = keys_of(ta, a), y = keys_of(tb, b);
    for (int i = 0; i < x.n; i++)
        for (int j = 0; j < y.n; j++) {
            if (x.key[i] != y.key[j]) continue;
            int r = x.role[i], s = y.role[j];
            if (r == KEY_EQ && s == KEY_EQ) return true;
            if ((r == KEY_PROBE && s != KEY_EQ) || (s == KEY_PROBE && r != KEY_EQ)) return true;
        }
    return false;
}

static void test_fold(void **state)
{
    (void)state;
    assert_string_equal(fold("U.S."), "us");
    assert_string_equal(fold("Ḥāmid  Karzaī"), "hamid karzai");
    assert_string_equal(fold("Da'esh"), "daesh");
    assert_string_equal(fold("Tehreek-e-Insaf"), "tehreek e insaf");
    assert_string_equal(fold("John F. Kennedy"), "john f kennedy");
}

static void test_translit(void **state)
{
    (void)state;
    assert_string_equal(translit("khawaja"), translit("khwaja"));
    assert_string_equal(translit("tehreek"), translit("tehrik"));
    assert_string_equal(translit("mohammed"), translit("muhammad"));
    assert_string_equal(translit("yousuf"), translit("yusuf"));
    assert_string_equal(translit("qaeda"), translit("qaida"));
    assert_string_equal(translit("hussain"), translit("husain"));
    assert_string_not_equal(translit("hassan"), translit("hussain"));
    assert_string_not_equal(translit("ali"), translit("ala"));
}

static void test_people(void **state)
{
    (void)state;
    /* fuller names and spellings join */
    assert_true(meet(ENT_PERSON, "Yousuf Gilani", ENT_PERSON, "Yusuf Raza Gilani"));
    assert_true(meet(ENT_PERSON, "Mohammed Hanif", ENT_PERSON, "Muhammad Hanif"));
    assert_true(meet(ENT_PERSON, "Robert Mugabe Jr.", ENT_PERSON, "Robert Mugabe"));
    /* a surname alone never joins; people sharing a surname stay apart */
    assert_int_equal(keys_of(ENT_PERSON, "Gilani").n, 0);
    assert_false(meet(ENT_PERSON, "Ali Gilani", ENT_PERSON, "Yusuf Gilani"));
    assert_false(meet(ENT_PERSON, "Nawaz Sharif", ENT_PERSON, "Shahbaz Sharif"));
    /* a surname ending in s is no family in the plural */
    assert_int_equal(keys_of(ENT_PERSON, "Hollins").n, 0);
}

/* The keys of one person entity with several forms in its article. */
static keys entity_keys(const char *const *forms, size_t n)
{
    keys k = {.n = 0};
    name_keys(res(), ENT_PERSON, forms, n, NULL, collect, &k);
    return k;
}

static bool keys_meet(keys x, keys y)
{
    for (int i = 0; i < x.n; i++)
        for (int j = 0; j < y.n; j++)
            if (x.key[i] == y.key[j]) return true;
    return false;
}

static void test_initials(void **state)
{
    (void)state;
    /* initials are part of the name: with and without them are not enough to join */
    assert_true(meet(ENT_PERSON, "Harold T. Brennan", ENT_PERSON, "Harold T Brennan"));
    assert_true(meet(ENT_PERSON, "Harold K. T. Brennan", ENT_PERSON, "Harold K.T. Brennan"));
    assert_false(meet(ENT_PERSON, "Harold T. Brennan", ENT_PERSON, "Harold Brennan"));
    assert_false(meet(ENT_PERSON, "Harold T. Brennan", ENT_PERSON, "Harold K. T. Brennan"));
    /* full middle names are dropped, as writers drop them */
    assert_true(meet(ENT_PERSON, "Harold Tobias Brennan", ENT_PERSON, "Harold Brennan"));
}

static void test_forms_that_speak_for_a_person(void **state)
{
    (void)state;
    /* an article that wrote both "Harold T. Brennan" and "Harold Brennan" says
     * nothing of another article's Harold Brennan */
    keys both = entity_keys((const char *[]){"Harold T. Brennan", "Harold Brennan", "Brennan"}, 3);
    assert_false(keys_meet(both, keys_of(ENT_PERSON, "Harold Brennan")));
    assert_true(keys_meet(both, keys_of(ENT_PERSON, "Harold T Brennan")));
    /* a form with another given name, joined by mistake, bridges nobody */
    keys mixed = entity_keys((const char *[]){"Ines Varga", "Petra Varga"}, 2);
    assert_true(keys_meet(mixed, keys_of(ENT_PERSON, "Ines Varga")));
    assert_false(keys_meet(mixed, keys_of(ENT_PERSON, "Petra Varga")));
    /* a fuller form's given name held by the name, and spellings, still speak */
    keys fuller = entity_keys((const char *[]){"Sheikh Omar Haddad", "Omar Haddad", "Umar Haddad"}, 3);
    assert_true(keys_meet(fuller, keys_of(ENT_PERSON, "Omar Haddad")));
}

/* The keys of an organisation with these forms, in an article of that date. */
static keys org_keys(const char *const *forms, size_t n, const char *published)
{
    keys k = {.n = 0};
    name_keys(res(), ENT_ORG, forms, n, published, collect, &k);
    return k;
}

static void test_short_names(void **state)
{
    (void)state;
    keys team = org_keys((const char *[]){"Kelso Harriers", "Harriers"}, 2, "2010-05-01");
    /* a team's plural alone joins it in articles of the same year only */
    assert_true(keys_meet(team, org_keys((const char *[]){"Harriers"}, 1, "2010-09-30")));
    assert_false(keys_meet(team, org_keys((const char *[]){"Harriers"}, 1, "2011-01-02")));
    assert_false(keys_meet(team, org_keys((const char *[]){"Harriers"}, 1, NULL)));
    /* two teams of that name meet only through their short names of one year */
    keys other = org_keys((const char *[]){"Ayr Harriers", "Harriers"}, 2, "2012-05-01");
    assert_false(keys_meet(team, other));
    /* a last word that is no plural speaks for nothing */
    keys club = org_keys((const char *[]){"Dunmore United", "United"}, 2, "2010-05-01");
    assert_false(keys_meet(club, org_keys((const char *[]){"Carver United", "United"}, 2, "2010-05-01")));
    assert_false(keys_meet(club, org_keys((const char *[]){"United"}, 1, "2010-05-01")));
    /* the full name still joins, whatever the year */
    assert_true(keys_meet(team, org_keys((const char *[]){"Kelso Harriers"}, 1, "2015-01-01")));
}

static void test_types_from_names(void **state)
{
    (void)state;
    link_res *r = res();
    /* a country or state is a place whatever the tagger said */
    assert_int_equal(name_type(r, ENT_ORG, "Portugal"), ENT_GPE);
    assert_int_equal(name_type(r, ENT_PERSON, "New Zealand"), ENT_GPE);
    assert_int_equal(name_type(r, ENT_ORG, "U.K."), ENT_GPE);
    assert_int_equal(name_type(r, ENT_ORG, "Bavaria"), ENT_GPE);
    /* a company's or body's last word is no person's */
    assert_int_equal(name_type(r, ENT_PERSON, "Hartley Quinn and Co"), ENT_ORG);
    assert_int_equal(name_type(r, ENT_PERSON, "Dorsey Brothers"), ENT_ORG);
    assert_int_equal(name_type(r, ENT_PERSON, "Amber Street"), ENT_LOC);
    assert_true(name_is_company(r, "Hartley Quinn Inc."));
    assert_false(name_is_company(r, "Hartley Quinn"));
    /* people stay people */
    assert_int_equal(name_type(r, ENT_PERSON, "Hartley Quinn"), ENT_PERSON);
    assert_int_equal(name_type(r, ENT_PERSON, "Victoria"), ENT_PERSON);
    assert_int_equal(name_type(r, ENT_PERSON, "Jordan"), ENT_PERSON);
    assert_int_equal(name_type(r, ENT_PERSON, "Bavaria"), ENT_GPE);
    /* a firm named after its founders meets the same words read as a person */
    assert_true(meet(ENT_ORG, "Hartley Quinn and Co Inc", ENT_PERSON, "Hartley Quinn"));
    assert_true(meet(ENT_ORG, "Hartley Quinn Ltd.", ENT_ORG, "Hartley Quinn"));
    assert_false(meet(ENT_ORG, "Hartley Motors", ENT_PERSON, "Hartley Quinn"));
    /* two words are one name whatever the tagger typed them */
    assert_true(meet(ENT_GPE, "Zora Halvard", ENT_PERSON, "Zora Halvard"));
    assert_false(meet(ENT_ORG, "Federal Court of Halvard", ENT_PERSON, "Federal Halvard"));
    /* a place's name with a legal form is some company's name cut short */
    assert_false(meet(ENT_ORG, "Portugal Inc", ENT_GPE, "Portugal"));
    /* a plural no place bears, alone or after a place, is a team's name */
    assert_int_equal(name_type(r, ENT_GPE, "Jacksonville Jaguars"), ENT_ORG);
    assert_int_equal(name_type(r, ENT_GPE, "Kestrels"), ENT_ORG);
    assert_int_equal(name_type(r, ENT_GPE, "Philippines"), ENT_GPE);
    assert_int_equal(name_type(r, ENT_GPE, "Jacksonville"), ENT_GPE);
    assert_int_equal(name_type(r, ENT_GPE, "Brockhall Downs"), ENT_GPE);   /* no known place before it */
}

static void test_nicknames(void **state)
{
    (void)state;
    /* a short form in common use is the full given name, surname agreeing */
    assert_true(meet(ENT_PERSON, "Mo Cheeks", ENT_PERSON, "Maurice Cheeks"));
    assert_true(meet(ENT_PERSON, "Bill Harwood", ENT_PERSON, "William Harwood"));
    assert_false(meet(ENT_PERSON, "Bill Harwood", ENT_PERSON, "William Hartley"));
    assert_false(meet(ENT_PERSON, "Bill Harwood", ENT_PERSON, "Robert Harwood"));
    /* not with a surname many people bear */
    assert_false(meet(ENT_PERSON, "Mike Smith", ENT_PERSON, "Michael Smith"));
    /* middle initials must still agree */
    assert_false(meet(ENT_PERSON, "Bill T. Harwood", ENT_PERSON, "William Harwood"));
}

static void test_organisations(void **state)
{
    (void)state;
    assert_true(meet(ENT_ORG, "Tehreek-i-Insaf", ENT_ORG, "Tehrik-e-Insaf"));
    assert_true(meet(ENT_ORG, "al-Qaeda", ENT_ORG, "Al Qaida"));
    /* acronyms are kept as spelt */
    assert_false(meet(ENT_ORG, "PPP", ENT_ORG, "PP"));
    assert_true(meet(ENT_ORG, "U.N.", ENT_ORG, "UN"));
    /* other names of major organisations (alt-names.txt) */
    assert_true(meet(ENT_ORG, "ISIL", ENT_ORG, "Islamic State"));
    assert_true(meet(ENT_ORG, "Daesh", ENT_ORG, "Islamic State"));
    assert_false(meet(ENT_ORG, "Islamic Jihad", ENT_ORG, "Islamic State"));
    /* spellings and abbreviations of words in names */
    assert_true(meet(ENT_ORG, "Harbour Treatment Centre", ENT_ORG, "Harbour Treatment Center"));
    assert_true(meet(ENT_LOC, "Mt Halvard", ENT_LOC, "Mount Halvard"));
}

static void test_country_and_head(void **state)
{
    (void)state;
    /* a demonym and a word find the organisation holding both */
    assert_true(meet(ENT_ORG, "Pakistani Taliban", ENT_ORG, "Tehrik-i-Taliban Pakistan"));
    assert_true(meet(ENT_ORG, "Pakistani Army", ENT_ORG, "Pakistan Army"));
    /* another country, or two full names sharing words, stay apart */
    assert_false(meet(ENT_ORG, "Afghan Taliban", ENT_ORG, "Tehrik-i-Taliban Pakistan"));
    assert_false(meet(ENT_ORG, "Pakistan Tehreek-e-Insaf", ENT_ORG, "Tehrik-i-Taliban Pakistan"));
    assert_false(meet(ENT_ORG, "Afghan Army", ENT_ORG, "Pakistan Army"));
}

static void test_families(void **state)
{
    (void)state;
    assert_true(meet(ENT_ORG, "Haqqanis", ENT_ORG, "Haqqani network"));
    /* a person's one-word name is a surname, not a family */
    assert_false(meet(ENT_PERSON, "Haqqanis", ENT_ORG, "Haqqani network"));
    assert_true(meet(ENT_ORG, "Kennedys", ENT_ORG, "Kennedy family"));
    assert_false(meet(ENT_ORG, "Haqqanis", ENT_ORG, "Kennedy family"));
    /* demonyms in the plural are no families */
    assert_false(meet(ENT_NORP, "Afghans", ENT_ORG, "Afghan group"));
}

static void test_places(void **state)
{
    (void)state;
    link_res *r = res();
    assert_true(places_nest(r, "Peshawar", "Pakistan"));
    assert_true(places_nest(r, "Khyber Pakhtunkhwa", "Peshawar"));
    assert_true(places_nest(r, "Mombasa", "Kenya"));
    assert_false(places_nest(r, "Mombasa", "Nairobi"));
    assert_false(places_nest(r, "Quetta", "Khyber Pakhtunkhwa"));
    assert_true(places_nest(r, "Upper Nowhere Valley", "upper nowhere valley"));
    assert_int_equal(place_level(r, "Pakistan"), 1);
    assert_int_equal(place_level(r, "Khyber Pakhtunkhwa"), 2);
    assert_int_equal(place_level(r, "Peshawar"), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),          cmocka_unit_test(test_translit),
        cmocka_unit_test(test_people),        cmocka_unit_test(test_initials),
        cmocka_unit_test(test_forms_that_speak_for_a_person), cmocka_unit_test(test_types_from_names),
        cmocka_unit_test(test_nicknames),
        cmocka_unit_test(test_short_names),
        cmocka_unit_test(test_organisations),
        cmocka_unit_test(test_country_and_head), cmocka_unit_test(test_families),
        cmocka_unit_test(test_places),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
