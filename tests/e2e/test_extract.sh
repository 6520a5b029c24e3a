# test_extract.sh — `dossier extract` on good and bad inputs (sourced by run.sh).

# A plain article gives one JSON line whose spans index its text.
"$D" extract "$FIX/articles/plain.txt" > "$T/plain.jsonl" 2>"$T/plain.err"
check "extract plain exits 0" test $? -eq 0
check "extract plain is one JSON line" python3 -c "
import json,sys
lines=open('$T/plain.jsonl').read().splitlines()
assert len(lines)==1
d=json.loads(lines[0])
t=d['text'].encode()
assert d['id']=='plain'
assert d['sentences'] and all(0<=s<e<=len(t) for s,e in d['sentences'])
for k in ('entities','quotes','figures','times'):
    for x in d[k]: assert t[x['start']:x['end']].decode()==x['text'], (k,x)
"
check "help for extract" "$D" extract --help
"$D" nonsense >/dev/null 2>&1
check "unknown command exits 2" test $? -eq 2

# extract -j N: the same lines in the same order as on one thread, from
# folders and archives alike; a bad file is still named, the others extracted.
J="$T/jobs"
mkdir -p "$J/in/b"
cp examples/*.txt "$J/in/"
cp "$FIX/articles/plain.txt" "$J/in/b/plain.txt"
printf 'bin\001\002\003\000data' > "$J/in/b/zz.txt"
(cd "$J" && tar czf in.tar.gz in)
"$D" extract "$J/in" "$J/in.tar.gz" > "$J/one.jsonl" 2> "$J/one.err"
"$D" extract -j 3 "$J/in" "$J/in.tar.gz" > "$J/three.jsonl" 2> "$J/three.err"
check "extract -j 3 exits 1 with a bad file" test $? -eq 1
check "extract -j 3 prints what one thread prints, in order" cmp "$J/one.jsonl" "$J/three.jsonl"
check "extract -j 3 names the bad file and member" test "$(grep -c 'zz.txt' "$J/three.err")" -eq 2
"$D" extract -j 0 "$J/in" > /dev/null 2>&1
check "extract -j 0 is a usage error" test $? -eq 2
