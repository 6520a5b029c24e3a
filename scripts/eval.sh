#!/bin/sh
# scripts/eval.sh — `make eval`: every scorer in ../shared/tools on its data, then the
# scores compared with the floors recorded in eval/floors.txt.
#
# usage: scripts/eval.sh DOSSIER_BINARY
#
# Prints each scorer's "score:" line (prefixed with the scorer's short name), then one
# line per floor ("ok" or "BELOW"). Exit 0 when every floor holds, 1 when a score is
# below its floor or a scorer failed, 0 with a message when ../shared is absent (a
# clone alone cannot be scored). Full scorer outputs are kept beside the binary, in
# DIR/eval/NAME.txt, for reading the misses (-v lists them; see each scorer's -h).
#
# Environment: DOSSIER_SHARED (default ../shared), EVAL_FLOORS (default eval/floors.txt).
set -u
BIN=${1:?usage: scripts/eval.sh DOSSIER_BINARY}
SHARED=${DOSSIER_SHARED:-../shared}
FLOORS=${EVAL_FLOORS:-eval/floors.txt}
TOOLS=$SHARED/tools
DATA=$SHARED/data

if [ ! -d "$TOOLS" ]; then
    echo "eval: $TOOLS not found (../shared sits beside the project); scorers skipped"
    exit 0
fi
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
OUT=$(dirname "$BIN")/eval
mkdir -p "$OUT"
: > "$OUT/scores.txt"
failed=0

# run NAME COMMAND...: runs one scorer, keeps its output, records "NAME.key value" lines.
run() {
    name=$1; shift
    "$@" > "$OUT/$name.txt" 2>&1
    rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "eval: $name: the scorer failed (exit $rc); see $OUT/$name.txt:"
        tail -5 "$OUT/$name.txt" | sed 's/^/    /'
        failed=1
        return
    fi
    line=$(grep '^score:' "$OUT/$name.txt" | tail -1)
    if [ -z "$line" ]; then
        echo "eval: $name: no score line; see $OUT/$name.txt"
        failed=1
        return
    fi
    printf '%-7s %s\n' "$name" "$line"
    printf '%s\n' "$line" | tr ' ' '\n' | sed -n "s/^\([a-z_0-9]*\)=\(.*\)$/$name.\1 \2/p" >> "$OUT/scores.txt"
}

# Seeds: extract-format output, plus the corpus report once `dossier report` exists.
seeds_docs=$OUT/seeds.jsonl
if "$BIN" extract "$SHARED/corpus/seeds" > "$seeds_docs" 2> "$OUT/seeds-extract.err"; then
    corpus_arg=""
    if "$BIN" --help 2>/dev/null | grep -q '^  report ' && "$BIN" --help 2>/dev/null | grep -q '^  ingest '; then
        db=$OUT/seeds.db
        rm -f "$db" "$db-wal" "$db-shm"
        if "$BIN" ingest "$SHARED/corpus/seeds" --db "$db" > /dev/null 2> "$OUT/seeds-ingest.err" &&
           "$BIN" report --db "$db" --json > "$OUT/seeds-corpus.json" 2> "$OUT/seeds-report.err"; then
            corpus_arg="--corpus $OUT/seeds-corpus.json"
        else
            echo "eval: seeds: ingest or report failed; scoring without the corpus report:"
            cat "$OUT/seeds-ingest.err" "$OUT/seeds-report.err" | tail -3 | sed 's/^/    /'
            failed=1
        fi
    fi
    # shellcheck disable=SC2086
    run seeds python3 "$TOOLS/score.py" --docs "$seeds_docs" $corpus_arg --gold "$SHARED/gold/seeds"
    # The corpus report must not depend on ingest order: the seeds one file
    # at a time, in reverse order, must give the same report byte for byte.
    if [ -n "$corpus_arg" ]; then
        run order sh -c '
            db=$2/seeds-one.db; rm -f "$db" "$db-wal" "$db-shm"
            for f in $(ls -r "$3"/*); do "$1" ingest "$f" --db "$db" -q || exit 1; done
            "$1" report --db "$db" --json > "$2/seeds-corpus-one.json" || exit 1
            if cmp -s "$2/seeds-corpus.json" "$2/seeds-corpus-one.json"; then same=1; else same=0; fi
            echo "score: same_report=$same"' order "$BIN" "$OUT" "$SHARED/corpus/seeds"
    fi
else
    echo "eval: seeds: dossier extract failed:"; tail -3 "$OUT/seeds-extract.err" | sed 's/^/    /'
    failed=1
fi
run clean  python3 "$TOOLS/eval_clean.py"  --dossier "$BIN" --data "$DATA/article-extraction"
run ner    python3 "$TOOLS/eval_ner.py"    --dossier "$BIN" --data "$DATA/gmb/dev.tsv"
run quotes python3 "$TOOLS/eval_quotes.py" --dossier "$BIN" --data "$DATA/polnear/dev"
run times  python3 "$TOOLS/eval_times.py"  --dossier "$BIN" --data "$DATA/timeml/timebank"
run aquaint python3 "$TOOLS/eval_times.py" --dossier "$BIN" --data "$DATA/timeml/aquaint"
# Across articles on real multi-source news (events, entities, conflicts, claims).
run xdoc   python3 "$TOOLS/eval_xdoc.py"   --dossier "$BIN" --data "$DATA/ecbplus"
# ... and the same record whatever the order: ECB+ one article at a time, in
# reverse order, gives the report of ingesting it at once, byte for byte.
run xorder sh -c '
    db=$2/ecb-all.db; one=$2/ecb-one.db; rm -f "$db" "$db-wal" "$db-shm" "$one" "$one-wal" "$one-shm"
    "$1" ingest "$3" --db "$db" -q || exit 1
    for f in $(ls -r "$3"/*); do "$1" ingest "$f" --db "$one" -q || exit 1; done
    "$1" report --db "$db" --json > "$2/ecb-all.json" && "$1" report --db "$one" --json > "$2/ecb-one.json" || exit 1
    if cmp -s "$2/ecb-all.json" "$2/ecb-one.json"; then same=1; else same=0; fi
    echo "score: same_report=$same"' xorder "$BIN" "$OUT" "$DATA/ecbplus/articles"

# Floors: "scorer.key minimum" lines; a floor with no score is a failure too.
echo "floors ($FLOORS):"
if [ ! -f "$FLOORS" ]; then
    echo "eval: $FLOORS missing"
    exit 1
fi
awk -v scores="$OUT/scores.txt" '
    BEGIN { while ((getline l < scores) > 0) { split(l, f, " "); have[f[1]] = f[2] } }
    { sub(/#.*/, "") }
    NF < 2 { next }
    $2 == "<=" {
        key = $1; ceil = $3 + 0
        if (!(key in have)) { printf "  MISSING %-28s no such score (ceiling %.3f)\n", key, ceil; bad++; next }
        v = have[key] + 0
        if (v > ceil + 1e-9) { printf "  ABOVE   %-28s %.3f > ceiling %.3f\n", key, v, ceil; bad++ }
        else printf "  ok      %-28s %.3f <= %.3f\n", key, v, ceil
        next
    }
    {
        key = $1; floor = $2 + 0
        if (!(key in have)) { printf "  MISSING %-28s no such score (floor %.3f)\n", key, floor; bad++; next }
        v = have[key] + 0
        if (v + 1e-9 < floor) { printf "  BELOW   %-28s %.3f < floor %.3f\n", key, v, floor; bad++ }
        else printf "  ok      %-28s %.3f >= %.3f\n", key, v, floor
    }
    END { exit bad ? 1 : 0 }
' "$FLOORS" || failed=1

if [ "$failed" -ne 0 ]; then
    echo "eval: FAILED (a score dropped below its floor, or a scorer failed)"
    exit 1
fi
echo "eval: every score at or above its floor"
