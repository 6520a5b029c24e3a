# test_quotes.sh — quotes and their speakers through `dossier extract` (sourced by run.sh).

"$D" extract "$FIX/articles/quotes_harbour.txt" > "$T/quotes.jsonl" 2>"$T/quotes.err"
check "extract quotes_harbour exits 0" test $? -eq 0
# check_quote PART KIND WHO: a quote holding PART, of KIND, whose speaker or
# speaker_mention holds WHO
check_quote() {
    check "quote '$1' is $2 by $3" python3 -c "
import json,sys
d=json.loads(open('$T/quotes.jsonl').read().splitlines()[0])
t=d['text'].encode()
qs=[q for q in d['quotes'] if '''$1''' in q['text']]
assert qs, 'no quote'
q=qs[0]
assert q['kind']=='$2', q
who=(q['speaker'] or '')+' '+((q['speaker_mention'] or {}).get('text') or '')
assert '$3' in who, q
for q in d['quotes']:
    assert t[q['start']:q['end']].decode()==q['text']
    m=q['speaker_mention']
    if m: assert t[m['start']:m['end']].decode()==m['text']
"
}
check_quote "will stay open through the winter storms" indirect "Ford"
check_quote "keep the ferries running" direct "Ford"
check_quote "Nobody on the islands" direct "Ford"
check_quote "in poor shape" mixed "Baker"
check_quote "repairs to the pier" indirect "council"
check_quote "The work starts in April" direct "Baker"
check_quote "the crew and the boats ready" direct "Baker"
check "no quote for the headline without a speaker's words" python3 -c "
import json
d=json.loads(open('$T/quotes.jsonl').read().splitlines()[0])
assert not any('Harbour to stay open' in q['text'] for q in d['quotes'])
"
