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
