# test_views.sh — the store as an interface (issue 14): the documented v_
# views (docs/schema.md) answer with plain sqlite3 what the commands print.

V=$T/views
mkdir -p "$V"
"$D" ingest --quiet examples --db "$V/v.db" > /dev/null 2>&1
q() { sqlite3 -batch -noheader "$V/v.db" "$1"; }

# Who is quoted most: one GROUP BY, no nodes or clusters.
q "SELECT speaker FROM v_quotes WHERE speaker IS NOT NULL GROUP BY speaker ORDER BY count(*) DESC, speaker LIMIT 1" > "$V/top.txt"
check "views: v_quotes names the speaker most quoted" grep -qx "Khawaja Muhammad Asif" "$V/top.txt"
"$D" quotes --json --db "$V/v.db" > "$V/q.jsonl"
check "views: v_quotes holds the quotes of dossier quotes, with speaker, doc, date and outlet" \
    python3 - "$V/v.db" "$V/q.jsonl" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# the command line prints a sentence on one line; the view keeps its newlines
rows = sorted(((*r[:6], r[6].replace("\n", " ")) for r in
               db.execute("SELECT speaker, doc, outlet, published, kind, text, sentence FROM v_quotes")), key=repr)
want = sorted((tuple(o[k] for k in ("speaker", "doc", "outlet", "published", "kind", "text", "sentence"))
               for o in map(json.loads, open(sys.argv[2]))), key=repr)
assert rows == want, (len(rows), len(want), [r for r in rows if r not in want][:2], [w for w in want if w not in rows][:2])
PY

# Which articles name X, by its canonical name or any alias.
q "SELECT DISTINCT doc FROM v_mentions WHERE entity = 'Khawaja Muhammad Asif' ORDER BY doc" > "$V/m.txt"
q "SELECT DISTINCT m.doc FROM v_mentions m JOIN v_aliases a ON a.entity_id = m.entity_id WHERE a.alias = 'Khwaja Asif' ORDER BY m.doc" > "$V/m2.txt"
"$D" entity "Khwaja Asif" --json --db "$V/v.db" | python3 -c 'import json,sys; print("\n".join(sorted(d["doc"] for d in json.load(sys.stdin)["docs"])))' > "$V/m.want"
check "views: v_mentions lists the articles naming an entity, as dossier entity" cmp -s "$V/m.txt" "$V/m.want"
check "views: v_aliases finds the entity by another of its names" cmp -s "$V/m2.txt" "$V/m.want"

check "views: v_entities has each entity once, with its type as a name" \
    python3 - "$V/v.db" "$D" <<'PY'
import json, sqlite3, subprocess, sys
db = sqlite3.connect(sys.argv[1])
rows = sorted(db.execute("SELECT entity, type, articles, first_seen, last_seen FROM v_entities"), key=repr)
out = subprocess.run([sys.argv[2], "entities", "--json", "--db", sys.argv[1], "-n", "100000"], capture_output=True, text=True).stdout
cli = [json.loads(l) for l in out.splitlines()]
want = sorted(((e["entity"], e["type"], e["articles"], e["first_seen"], e["last_seen"]) for e in cli), key=repr)
assert len(rows) > 10 and rows == want, ([r for r in rows if r not in want], [w for w in want if w not in rows])
assert set(r[1] for r in rows) <= {"PERSON", "ORG", "GPE", "LOC", "NORP", "MISC"}
PY

# Events and their figures; conflicts as dossier conflicts lists them.
check "views: v_events, v_figures and v_conflicts agree with dossier conflicts" \
    python3 - "$V/v.db" "$D" <<'PY'
import json, sqlite3, subprocess, sys
db = sqlite3.connect(sys.argv[1])
ev = db.execute("SELECT event_id, type, place, date, perpetrator, articles FROM v_events WHERE type = 'shooting' AND place = 'Peshawar'").fetchall()
assert len(ev) == 1 and ev[0][3] == "2014-12-16" and ev[0][5] >= 2, ev
figs = db.execute("SELECT measure, value, doc FROM v_figures WHERE event_id = ? AND measure = 'killed'", (ev[0][0],)).fetchall()
assert ("killed", 141.0, "000_d1a97ea69c924b42") in figs and ("killed", 150.0, "002_9c86b550bdb889fc") in figs, figs
got = sorted(db.execute("SELECT type, place, date, measure, value, doc, published, outlet, text, sentence FROM v_conflicts"), key=repr)
out = subprocess.run([sys.argv[2], "conflicts", "--json", "--db", sys.argv[1]], capture_output=True, text=True).stdout
want = sorted(((c["type"], c["place"], c["date"], c["measure"], float(v["value"]), v["doc"], v["published"], v["outlet"],
                v["text"], v["sentence"]) for c in map(json.loads, out.splitlines()) for v in c["values"]), key=repr)
assert got and got == want, (got, want)
arts = db.execute("SELECT doc, reports FROM v_event_articles WHERE event_id = ?", (ev[0][0],)).fetchall()
assert len(arts) >= ev[0][5] and sum(r for _, r in arts) == ev[0][5], arts
PY

check "views: v_claims holds the claims of dossier claims" \
    python3 - "$V/v.db" "$D" <<'PY'
import json, sqlite3, subprocess, sys
db = sqlite3.connect(sys.argv[1])
got = db.execute("SELECT claim, summary, doc, speaker, text FROM v_claims ORDER BY claim, rowid").fetchall()
out = subprocess.run([sys.argv[2], "claims", "--json", "--db", sys.argv[1]], capture_output=True, text=True).stdout
want = [(n, c["summary"], q["doc"], q["speaker"], q["text"]) for n, c in enumerate(map(json.loads, out.splitlines()), 1) for q in c["quotes"]]
assert got and sorted(got, key=repr) == sorted(want, key=repr), (got, want)
PY

q "SELECT count(*) FROM v_articles WHERE doc LIKE '00%' AND published IS NOT NULL" > "$V/a.txt"
check "views: v_articles lists the articles with their dates" test "$(cat "$V/a.txt")" -eq 3

# The views follow the store: an article removed (replaced) or added is seen
# after the ingest that did it, and an ingest that changes nothing leaves them.
cp examples/000_d1a97ea69c924b42.txt "$V/extra.txt"
printf '\n\nKhawaja Asif said on Monday that "talks will go on".\n' >> "$V/extra.txt"
"$D" ingest --quiet "$V/extra.txt" --db "$V/v.db" > /dev/null 2>&1
q "SELECT count(DISTINCT doc) FROM v_mentions WHERE entity = 'Khawaja Muhammad Asif'" > "$V/n.txt"
check "views: refreshed by the next ingest" test "$(cat "$V/n.txt")" -eq "$(($(wc -l < "$V/m.want") + 1))"

# An ingest that adds a few articles redoes only the entity rows of the
# clusters it touched (link_views_dirty): ingested one file at a time, in
# reverse order, the rows are those of a refresh of every cluster of the
# same store, and the views those of the files ingested at once.
for f in $(ls -r examples/*); do "$D" ingest --quiet "$f" --db "$V/one.db" > /dev/null 2>&1; done
cp "$V/one.db" "$V/full.db"
sqlite3 "$V/full.db" "DELETE FROM link_entity_info"   # empty: the next ingest redoes every row
"$D" ingest --quiet examples --db "$V/full.db" > /dev/null 2>&1
rows() { sqlite3 -batch -noheader "$1" "SELECT * FROM link_entity_info ORDER BY cluster"; }
check "views: each ingest's refresh leaves no cluster marked to redo" \
    sh -c 'test "$(sqlite3 "$1" "SELECT count(*) FROM link_entity_info")" -gt 10 && \
           test "$(sqlite3 "$1" "SELECT count(*) FROM link_views_dirty")" -eq 0' sh "$V/one.db"
rows "$V/one.db" > "$V/one.txt"
rows "$V/full.db" > "$V/full.txt"
check "views: entity rows redone cluster by cluster are those of a whole refresh (same rows)" cmp -s "$V/one.txt" "$V/full.txt"
ents() { sqlite3 -batch -noheader "$1" "SELECT entity, type, articles, mentions, first_seen, last_seen FROM v_entities ORDER BY 1, 2, 3, 4, 5, 6"; }
ents "$V/one.db" > "$V/one-e.txt"
"$D" ingest --quiet examples --db "$V/all.db" > /dev/null 2>&1
ents "$V/all.db" > "$V/all-e.txt"
check "views: v_entities after one file at a time is that of one ingest of all" cmp -s "$V/one-e.txt" "$V/all-e.txt"
rm -rf "$V"
