# test_link.sh — the link stage through the command line: the corpus report
# is the same whether articles are ingested at once, one by one or in
# another order, and re-ingesting changes nothing; entities, events and the
# query commands on invented articles in tests/fixtures/link (sourced by run.sh).

L="$T/link"
mkdir -p "$L"
LFIX="$FIX/link"

"$D" ingest "$LFIX" --db "$L/all.db" -q
check "link: ingest of the fixtures exits 0" test $? -eq 0
"$D" report --json --db "$L/all.db" > "$L/all.json"
check "link: report --json exits 0" test $? -eq 0
check "link: report is one JSON object" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$L/all.json"

# one by one, in name order and in reverse order
for f in $(ls "$LFIX"/*.txt); do "$D" ingest "$f" --db "$L/one.db" -q; done
for f in $(ls -r "$LFIX"/*.txt); do "$D" ingest "$f" --db "$L/rev.db" -q; done
"$D" report --json --db "$L/one.db" > "$L/one.json"
"$D" report --json --db "$L/rev.db" > "$L/rev.json"
check "link: one by one gives the same report as all at once" cmp -s "$L/all.json" "$L/one.json"
check "link: reverse order gives the same report" cmp -s "$L/all.json" "$L/rev.json"
"$D" ingest "$LFIX" --db "$L/all.db" -q
"$D" report --json --db "$L/all.db" > "$L/again.json"
check "link: re-ingesting changes nothing" cmp -s "$L/all.json" "$L/again.json"

# what the report says (python reads it)
has() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)" "$L/all.json" "$1"; }
check "link: spellings and fuller names of one person are one entity" \
    has "any({'Yusuf Odera','Yousuf Kariuki Odera'} <= set([e['entity']]+e['aliases']) for e in r['entities'])"
check "link: an acronym joins its full name" \
    has "any({'CLF','Coastal Liberation Front'} <= set([e['entity']]+e['aliases']) for e in r['entities'])"
check "link: the Mombasa attack is merged from the article recalling it" \
    has "any(e['place']=='Mombasa' and {'02_toll','05_recalled'} <= set(e['docs']) for e in r['events'])"
check "link: the Garissa attack stays apart" \
    has "any(e['place']=='Garissa' and e['docs']==['03_garissa'] for e in r['events'])"

# the commands
"$D" report --db "$L/all.db" > "$L/report.txt"
check "link: report prints a summary" grep -q "^entities: " "$L/report.txt"
"$D" entity yusuf odera --db "$L/all.db" > "$L/entity.txt"
check "link: entity finds a person by another spelling" grep -q "Yousuf Kariuki Odera" "$L/entity.txt"
check "link: entity lists the articles naming it, newest first" \
    python3 -c "import sys; t=open(sys.argv[1]).read(); sys.exit(0 if 0 < t.find('04_senator') < t.find('01_market') else 1)" "$L/entity.txt"
"$D" entity Odera --json --db "$L/all.db" > "$L/entity.json"
check "link: entity --json holds its articles" \
    python3 -c "import json,sys; e=json.load(open(sys.argv[1])); sys.exit(0 if len(e['docs']) == e['articles'] == 5 else 1)" "$L/entity.json"
"$D" entity Nobody Atall --db "$L/all.db" > /dev/null 2>&1
check "link: entity of an unknown name exits 4" test $? -eq 4
check "link: entities --type PERSON lists people" sh -c "'$D' entities --type PERSON --db '$L/all.db' | grep -q Odera"
"$D" entities --type THING --db "$L/all.db" > /dev/null 2>&1
check "link: entities with a bad type exits 2" test $? -eq 2
"$D" quotes --by "Yousuf Odera" --json --db "$L/all.db" > "$L/quotes.jsonl"
check "link: quotes --by lists that speaker's quotes" test -s "$L/quotes.jsonl"
check "link: quotes --by gives only that speaker" \
    python3 -c "import json,sys; q=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if q and all(x['speaker']=='Yousuf Kariuki Odera' for x in q) else 1)" "$L/quotes.jsonl"
check "link: quotes come newest first" \
    python3 -c "import json,sys; d=[json.loads(l)['published'] for l in open(sys.argv[1])]; sys.exit(0 if d==sorted(d,reverse=True) else 1)" "$L/quotes.jsonl"
"$D" quotes --since 2022 --db "$L/all.db" > "$L/since.txt"
check "link: quotes --since leaves older articles out" sh -c "! grep -q 2021- '$L/since.txt'"
"$D" quotes --since yesterday-ish --db "$L/all.db" > /dev/null 2>&1
check "link: quotes with a bad --since exits 2" test $? -eq 2
check "link: quotes --about filters by words" sh -c "'$D' quotes --about negotiate --db '$L/all.db' | grep -q negotiate"
check "link: quotes --about matches whole words (ill is not in will)" \
    sh -c "'$D' quotes --about ill --db '$L/all.db' | grep -qx 'no quotes found'"
check "link: quotes --about finds a word's other forms (kill: killing)" \
    sh -c "'$D' quotes --about kill --db '$L/all.db' | grep -q killing"
check "link: conflicts exits 0" "$D" conflicts --db "$L/all.db"
"$D" ingest -q "$FIX/link" examples --db "$L/two.db" > /dev/null 2>&1
check "link: conflicts -n 1 lists the first conflict only" \
    sh -c 'test "$("$1" conflicts --json --db "$2" | wc -l)" -eq 2 && test "$("$1" conflicts -n 1 --json --db "$2")" = "$("$1" conflicts --json --db "$2" | head -1)"' _ "$D" "$L/two.db"
check "link: claims exits 0" "$D" claims --db "$L/all.db"
check "link: timeline of a person exits 0" "$D" timeline Yusuf Odera --db "$L/all.db"
"$D" timeline Garissa --json --db "$L/all.db" > "$L/timeline.jsonl"
check "link: a place's timeline holds its event" grep -q '"what":"attack"' "$L/timeline.jsonl"
# An event the examples only recall in passing names the article recalling it.
"$D" ingest -q examples --db "$L/ex.db" > /dev/null 2>&1
"$D" timeline Pakistan --json --db "$L/ex.db" > "$L/tl_ex.jsonl"
check "link: every timeline item names an article, recalled events too" \
    python3 -c 'import json,sys; a=[json.loads(l) for l in open(sys.argv[1])]; assert a and all(x["doc"] for x in a), a; assert any("recalled in" in x["text"] for x in a)' "$L/tl_ex.jsonl"
"$D" report --db "$L/missing.db" > /dev/null 2>&1
check "link: report on a missing store exits 3" test $? -eq 3
for c in report entities entity quotes conflicts claims timeline; do
    check "link: $c --help" "$D" "$c" --help
done
