# test_bench.sh — `dossier bench` measures what it says (sourced by run.sh): one JSON
# object per pass asked, every readable file counted, rates that are numbers.

B=$T/bench
mkdir -p "$B"
"$D" bench --json --repeat 2 --steps clean,all "$FIX/articles" > "$B/out.json" 2> "$B/err.txt"
check "bench exits 0 on the fixtures" test $? -eq 0
bench_ok() {
    python3 - "$1" "$FIX/articles" <<'PY'
import json, os, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
files = sum(1 for f in os.listdir(sys.argv[2]) if not f.startswith('.'))
assert [r["pass"] for r in rows] == ["clean", "all"], rows
for r in rows:
    assert r["files"] == files, (r["files"], files)
    assert r["articles"] == 2 * (files - r["refused"]), r   # both repeats
    assert r["mb_per_s"] > 0 and r["mb_per_s_mean"] > 0 and r["mb_per_s"] >= r["mb_per_s_mean"] * 0.999, r
    assert r["peak_rss_kb"] > 0, r
PY
}
check "bench --json: a row per pass, every file counted, best rate at least the mean" bench_ok "$B/out.json"
"$D" bench --steps bogus "$FIX/articles" > /dev/null 2>&1
check "bench with an unknown step exits 2" test $? -eq 2
rm -rf "$B"
