# test_people.sh — people kept apart across articles, types from names, the
# articles of each entity in the report and the candidates of an ambiguous
# name, on invented articles in tests/fixtures/people (sourced by run.sh).

P="$T/people"
mkdir -p "$P"
"$D" ingest "$FIX/people" --db "$P/p.db" -q
check "people: ingest exits 0" test $? -eq 0
"$D" report --json --db "$P/p.db" > "$P/report.json"
pe() { python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)" "$P/report.json" "$1"; }
check "people: every entity lists its articles, sorted" \
    pe "all(e['docs'] == sorted(e['docs']) and len(e['docs']) == e['articles'] for e in r['entities'])"
check "people: a person named in two articles lists both" \
    pe "any(e['entity'] == 'Petra Varga' and e['docs'] == ['01_final', '02_petra'] for e in r['entities'])"
check "people: two given names are never one entity" \
    pe "not any(len({n.split()[0] for n in [e['entity']] + e['aliases'] if n.endswith('Varga') and ' ' in n}) > 1 for e in r['entities'])"
check "people: a firm read as a person is one organisation" \
    pe "any(e['type'] == 'ORG' and e['docs'] == ['01_final', '03_singer'] for e in r['entities'])"
"$D" entity Varga --db "$P/p.db" > "$P/varga.txt"
check "people: entity of a shared surname lists the candidates" \
    sh -c "grep -q 'may mean' '$P/varga.txt' && grep -q 'Ines Varga' '$P/varga.txt' && grep -q 'Milo Varga' '$P/varga.txt'"
"$D" entity Varga --json --db "$P/p.db" > "$P/varga.json"
check "people: entity --json shows the one in most articles, with the candidates" \
    python3 -c "import json,sys; e=json.load(open(sys.argv[1])); c=e['candidates']; sys.exit(0 if len(c) > 1 and e['articles'] == max(x['articles'] for x in c) else 1)" "$P/varga.json"
check "people: a team's plural short name joins it across articles of the year" \
    pe "any(e['entity'] == 'Kelso Harriers' and e['docs'] == ['04_harriers', '05_harriers_again'] for e in r['entities'])"
check "people: a last word that is no plural stays apart from the full name" \
    pe "not any(e['entity'] == 'Dunmore United' and 'United' in e['aliases'] for e in r['entities'])"
for f in $(ls -r "$FIX/people"/*.txt); do "$D" ingest "$f" --db "$P/rev.db" -q; done
"$D" report --json --db "$P/rev.db" > "$P/rev.json"
check "people: ingesting one by one in reverse order gives the same report" cmp -s "$P/report.json" "$P/rev.json"
