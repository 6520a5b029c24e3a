# test_cli_options.sh — the command line's everyday frictions (issue 14):
# --db before the command, DOSSIER_DB, -n, `dossier help CMD`, quotes
# --until/--outlet, timeline --since/--limit.

O=$T/cliopts
mkdir -p "$O"
cp examples/000_d1a97ea69c924b42.txt examples/003_7ad2483756c43468.txt "$O/"
"$D" ingest --quiet "$O" --db "$O/o.db" > /dev/null 2>&1
"$D" --db "$O/o.db" search Taliban > "$O/a.txt" 2>&1
check "cli: --db before the command" grep -q "000_d1a97ea69c924b42" "$O/a.txt"
DOSSIER_DB="$O/o.db" "$D" search Taliban -n 1 > "$O/b.txt" 2>&1
check "cli: DOSSIER_DB is the default store; -n limits" test "$(grep -c '^ *[0-9]*\. ' "$O/b.txt")" -eq 1
DOSSIER_DB="$O/none.db" "$D" --db "$O/o.db" entities -n 2 > "$O/c.txt" 2>&1
check "cli: --db wins over DOSSIER_DB; entities -n" test "$(grep -vc '^entity ' "$O/c.txt")" -eq 2
"$D" help search > "$O/h.txt"
check "cli: dossier help search prints search's help" grep -q "^usage: dossier search" "$O/h.txt"
"$D" help nosuch > /dev/null 2>&1
check "cli: dossier help with an unknown command: exit 2" test $? -eq 2
"$D" --db "$O/o.db" quotes --json --until 2015 > "$O/q.jsonl"
check "cli: quotes --until keeps only older articles" \
    test "$(python3 -c 'import json,sys; print(sorted({json.loads(l)["published"][:4] for l in sys.stdin}))' < "$O/q.jsonl")" = "['2014']"
"$D" --db "$O/o.db" quotes --json --outlet "No Such Outlet" > "$O/q2.jsonl"
check "cli: quotes --outlet filters by outlet" test ! -s "$O/q2.jsonl"
"$D" --db "$O/o.db" timeline "Khwaja Asif" --since 2020 --json > "$O/t.jsonl"
check "cli: timeline --since leaves out older items" \
    python3 -c 'import json,sys; a=[json.loads(l) for l in open(sys.argv[1])]; assert a and all(x["date"] >= "2020" for x in a)' "$O/t.jsonl"
"$D" --db "$O/o.db" timeline "Khwaja Asif" -n 1 --json > "$O/t1.jsonl"
check "cli: timeline -n" test "$(wc -l < "$O/t1.jsonl")" -eq 1
"$D" --db "$O/o.db" quotes --csv > "$O/q.csv"
check "cli: quotes --csv: a header row, then one row per quote, the same as --json" \
    python3 - "$O/q.csv" "$O/q.jsonl" "$D" "$O/o.db" <<'PY'
import csv, json, subprocess, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0] == ["speaker", "doc", "outlet", "published", "kind", "text", "sentence"], rows[0]
js = [json.loads(l) for l in subprocess.run([sys.argv[3], "--db", sys.argv[4], "quotes", "--json"], capture_output=True, text=True).stdout.splitlines()]
assert len(rows) - 1 == len(js) > 0
for r, j in zip(rows[1:], js):
    assert r[5] == j["text"] and r[0] == (j["speaker"] or "") and r[6] == j["sentence"], (r, j)
PY
"$D" --db "$O/o.db" entities --csv --type PERSON > "$O/e.csv"
check "cli: entities --csv: a header row, then entities with their type and aliases" \
    python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows and all(r["type"] == "PERSON" and int(r["articles"]) >= 1 for r in rows), rows[:2]
assert any("Khwaja Asif" in r["aliases"].split("; ") for r in rows), rows[:3]' "$O/e.csv"
"$D" --db "$O/o.db" search Taliban --csv > "$O/s.csv"
check "cli: search --csv: a header row, then the hits, as --json" \
    python3 - "$O/s.csv" "$D" "$O/o.db" <<'PY'
import csv, json, subprocess, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
js = [json.loads(l) for l in subprocess.run([sys.argv[2], "--db", sys.argv[3], "search", "Taliban", "--json"], capture_output=True, text=True).stdout.splitlines()]
assert len(rows) == len(js) > 0 and [r["doc"] for r in rows] == [j["doc"] for j in js], (rows, js)
assert rows[0]["snippet"] == js[0]["snippet"] and rows[0]["rank"] == "1"
PY
# conflicts, claims and timeline --csv: a header row, then the rows of --json
# (one per value, per statement, per item), with the same field names.
"$D" ingest --quiet examples --db "$O/x.db" > /dev/null 2>&1
check "cli: conflicts, claims and timeline --csv hold what --json holds" \
    python3 - "$D" "$O/x.db" <<'PY'
import csv, io, json, subprocess, sys
def run(*a):
    r = subprocess.run([sys.argv[1], "--db", sys.argv[2], *a], capture_output=True, text=True)
    assert r.returncode == 0, (a, r.stderr)
    return r.stdout
def rows(*a): return list(csv.DictReader(io.StringIO(run(*a, "--csv"), newline="")))
def js(*a): return [json.loads(l) for l in run(*a, "--json").splitlines()]
c, cj = rows("conflicts"), js("conflicts")
vals = [(e["type"], e["measure"], v["doc"], v["published"] or "", "%g" % v["value"], v["sentence"]) for e in cj for v in e["values"]]
assert c and [(r["type"], r["measure"], r["doc"], r["published"], r["value"], r["sentence"]) for r in c] == vals, (c, vals)
k, kj = rows("claims"), js("claims")
sts = [(str(n), q["doc"], q["speaker"] or "", q["text"], "; ".join(q["carried_by"])) for n, x in enumerate(kj, 1) for q in x["quotes"]]
assert k and [(r["claim"], r["doc"], r["speaker"], r["text"], r["carried_by"]) for r in k] == sts, (k, sts)
assert all(r["summary"] == kj[int(r["claim"]) - 1]["summary"] for r in k)
t, tj = rows("timeline", "Peshawar"), js("timeline", "Peshawar")
assert t and [dict(r) for r in t] == [{f: x[f] or "" for f in ("date", "what", "text", "doc")} for x in tj], (t, tj)
PY
# One name per field: an article pointed at is "doc" in every list, never "id";
# "published" is an article's date, "date" an event's or a timeline item's.
check "cli: every --json list names an article doc and its date published" \
    python3 - "$D" "$O/x.db" <<'PY'
import json, subprocess, sys
def js(*a):
    out = subprocess.run([sys.argv[1], "--db", sys.argv[2], *a, "--json"], capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines()]
def walk(o, path=""):
    if isinstance(o, dict):
        for k, v in o.items():
            yield path + k, v
            yield from walk(v, path + k + ".")
    elif isinstance(o, list):
        for v in o: yield from walk(v, path + "[].")
for cmd in (["search", "Taliban"], ["quotes"], ["conflicts"], ["claims"], ["timeline", "Peshawar"], ["entities"],
            ["entity", "Khwaja", "Asif"]):
    out = js(*cmd)
    assert out, cmd
    keys = {k for o in out for k, _ in walk(o)}
    assert not any(k == "id" or k.endswith(".id") for k in keys), (cmd, keys)
    assert any(k == "doc" or k.endswith(".doc") or k == "docs" for k in keys), (cmd, keys)
PY
rm -rf "$O"
