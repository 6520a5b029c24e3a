# test_clean_text.sh — plain-text cleaning through `dossier extract` (sourced by run.sh).

"$D" extract "$FIX/text" > "$T/text.jsonl" 2>"$T/text.err"
check "extract text fixtures exits 0" test $? -eq 0

# A scraped page: metadata read, web junk dropped, every sentence kept.
check "scraped page: metadata, junk and body" python3 -c "
import json
docs = {d['id']: d for d in map(json.loads, open('$T/text.jsonl'))}
d = docs['scraped_ferry']
assert d['title'] == 'Bergen Opens Its New Ferry Terminal After Two-Year Delay', d['title']
assert d['published'] == '2019-05-02', d['published']
assert d['outlet'] == 'The Fjord Herald', d['outlet']
assert d['dateline'] == 'BERGEN, NORWAY', d['dateline']
t = d['text']
for keep in ['The port authority said on Monday', 'What comes next', 'Solberg added.',
             'The terminal cost 40 million crowns.', 'told reporters at the quay.']:
    assert keep in t, keep
for junk in ['ADVERTISEMENT', 'min read', 'hero-image-slot', 'Photo credit', 'AFP PHOTO', 'Topics',
             'Become a Member', 'friends like you', 'Read More', 'News / Europe', 'Updated:', 'Small']:
    assert junk not in t, junk
assert 'Photo: Port of Bergen' in d['removed']
assert '\n\n\n' not in t and not t.startswith('\n')
"

# Wire copy: wrapped lines joined into paragraphs, markers gone, the table kept.
check "wire copy: paragraphs joined, table kept" python3 -c "
import json
docs = {d['id']: d for d in map(json.loads, open('$T/text.jsonl'))}
d = docs['wire_shipyard']
assert d['title'] == 'SHIPYARD WINS FERRY ORDER'
assert d['published'] == '1988-03-14'
assert d['dateline'] == 'OSLO'
paras = d['text'].split('\n\n')
assert paras[0].startswith('OSLO, Mar 14 - Nordic Yards') and paras[0].endswith('start in the autumn.'), paras[0]
assert paras[1] == 'The company said the order would keep its yard busy until the end of 1989 and that it expected to hire more welders during the summer.', paras[1]
assert '&\\\\t' not in d['text'] and 'REUTER' not in d['text']
assert any(p.startswith('SECOND') for p in paras)
"

# A page of nothing but junk gives an empty text, and says what it dropped.
check "a page of junk leaves no text" python3 -c "
import json
docs = {d['id']: d for d in map(json.loads, open('$T/text.jsonl'))}
d = docs['only_junk']
assert d['text'] == '' and d['title'] is None and d['sentences'] == []
assert 'ADVERTISEMENT' in d['removed'] and len(d['removed']) >= 6
"

# An article cleans the same alone as among others.
"$D" extract "$FIX/text/scraped_ferry.txt" > "$T/alone.jsonl" 2>/dev/null
check "cleaning one article does not depend on the others" python3 -c "
import json
alone = json.loads(open('$T/alone.jsonl').read())
many = {d['id']: d for d in map(json.loads, open('$T/text.jsonl'))}['scraped_ferry']
for k in ('text', 'title', 'published', 'outlet', 'dateline', 'removed'):
    assert alone[k] == many[k], k
"
