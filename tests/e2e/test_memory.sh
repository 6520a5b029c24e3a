# test_memory.sh — one long article's peak memory is a small multiple of its size
# (sourced by run.sh): 20 MB of the examples glued into one article, as plain text
# and as HTML, through the optimised build (ASan's shadow memory would hide what
# the code itself costs; DOSSIER_OPT, set by make test). The memory above that of
# a three-paragraph article (binary, word lists, models) must stay under a
# limit times the file's size: measured 3.92 (text) and 5.81 (HTML, where
# libxml2's tree of the page is the peak); 4.97 and 7.00 before 8-byte tokens,
# the drafts merged in place and the page parsed without copies, 20.5 and 22
# before the JSON was streamed and the nlp steps' working tables bounded
# (README, "Measured").

B=$T/memory
mkdir -p "$B"
O=${DOSSIER_OPT:-build/dossier}
# mem_gen KIND: the small and the 20 MB article, in $B
mem_gen() {
    python3 - "$B" "$1" <<'PY'
import html, os, sys
out, kind = sys.argv[1], sys.argv[2]
paras = [p.strip() for f in sorted(os.listdir("examples"))
         for p in open(os.path.join("examples", f), encoding="utf-8").read().split("\n\n") if p.strip()]
def write(path, size):
    with open(path, "w", encoding="utf-8") as f:
        if kind == "html":
            f.write("<!DOCTYPE html><html><head><title>Glued</title></head><body><article>\n")
        n, i = 0, 0
        while n < size:
            p = "<p>" + html.escape(paras[i % len(paras)]) + "</p>" if kind == "html" else paras[i % len(paras)]
            f.write(p + "\n\n")
            n += len(p.encode()) + 2
            i += 1
        if kind == "html":
            f.write("</article></body></html>\n")
write(os.path.join(out, "small." + kind), 3000)
write(os.path.join(out, "big." + kind), 20_000_000)
PY
}
# mem_ok KIND LIMIT: prints the figures, fails past LIMIT times the size. Measured from a
# process that holds little itself: a child's peak RSS counts its parent's
# at the fork.
mem_ok() {
    mem_gen "$1" && python3 - "$O" "$B" "$1" "$2" <<'PY'
import os, subprocess, sys
binary, out, kind, limit = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
def peak_kb(path):   # this child's own peak RSS (wait4), not the largest so far
    p = subprocess.Popen([binary, "extract", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    assert status == 0, (path, status)
    return ru.ru_maxrss
big = os.path.join(out, "big." + kind)
size = os.path.getsize(big)
base, peak = peak_kb(os.path.join(out, "small." + kind)), peak_kb(big)
ratio = (peak - base) * 1024 / size
print(f"memory {kind}: {size / 1e6:.1f} MB article, peak RSS {peak / 1024:.0f} MB, "
      f"{base / 1024:.0f} MB for a small one: {ratio:.2f} times the size (limit {limit:g})")
assert ratio <= limit
PY
}
if [ -x "$O" ]; then
    check "memory: a 20 MB text article peaks under 4.3 times its size" mem_ok text 4.3
    check "memory: a 20 MB HTML article peaks under 6.3 times its size" mem_ok html 6.3
else
    bad "memory: no optimised binary at $O (make test builds it)"
fi
rm -rf "$B"
