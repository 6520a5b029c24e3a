#!/bin/sh
# Runs each libFuzzer harness for SECONDS and prints one line per harness:
# executions, coverage (edges and features) and whether it crashed.
# usage: scripts/fuzz.sh BUILD SECONDS NAME...   (make fuzz FUZZ_TIME=60 calls it)
#
# Seeds come from tests/fuzz/corpus/NAME (committed), the folders in
# $FUZZ_SEEDS_NAME (test fixtures, set by the Makefile) and tests/fuzz/regress/NAME
# (inputs that once crashed); what a run learns is kept in BUILD/fuzz/corpus/NAME,
# never committed, so the next run starts from it. HTML harnesses also start from
# ../shared/data/article-extraction's pages when ../shared is there. A crash
# leaves its input in BUILD/fuzz/crashes: fix the bug, then copy the input into
# tests/fuzz/regress/NAME/, where `make test` replays it for good.
set -u
build=$1; secs=$2; shift 2
crashed=0
mkdir -p "$build/fuzz/crashes"
shared_seeds() {   # a few real pages, unpacked once
    dir=$build/fuzz/shared-pages
    src=../shared/data/article-extraction/html
    if [ ! -d "$dir" ] && [ -d "$src" ]; then
        mkdir -p "$dir"
        for f in $(ls "$src" | head -40); do gunzip -c "$src/$f" > "$dir/${f%.gz}" 2>/dev/null; done
    fi
    [ -d "$dir" ] && echo "$dir"
}
for name in "$@"; do
    work=$build/fuzz/corpus/$name
    mkdir -p "$work"
    extra=""
    max_len=4096
    case $name in
        extract_*) extra=$(shared_seeds); max_len=32768 ;;   # larger inputs: few runs a second
    esac
    eval "seeds=\${FUZZ_SEEDS_$name:-}"
    own=tests/fuzz/corpus/$name
    [ -d "$own" ] || own=""
    regress=tests/fuzz/regress/$name
    [ -d "$regress" ] || regress=""
    log=$build/fuzz/$name.log
    # -timeout: one input may take 10 s at most (a hang is a finding);
    # -rss_limit_mb: memory for one input stays within 2 GB.
    "$build/fuzz/fuzz_$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len=$max_len -print_final_stats=1 -artifact_prefix="$build/fuzz/crashes/$name-" \
        "$work" $own $seeds $regress $extra > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
    if [ "$rc" -eq 0 ]; then
        echo "fuzz $name: ${execs:-?} executions in ${secs} s, ${cov:-cov: ?}, $(ls "$work" | wc -l) inputs in the corpus, no crash"
    else
        crashed=$((crashed + 1))
        echo "fuzz $name: CRASH after ${execs:-?} executions (exit $rc); see $log and $build/fuzz/crashes/"
        grep -E 'ERROR|SUMMARY|check failed|Test unit written' "$log" | head -5
    fi
done
[ "$crashed" -eq 0 ]
