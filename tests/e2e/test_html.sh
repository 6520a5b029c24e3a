# test_html.sh — `dossier extract` on HTML pages: a news page with its furniture,
# and pages built to break the cleaner (sourced by run.sh).

# One JSON object per page; prints the field asked for (text, title, ...).
html_field() { # html_field FILE FIELD
    "$D" extract "$1" | python3 -c "
import json, sys
d = json.loads(sys.stdin.read())
v = d['$2']
print(json.dumps(v) if isinstance(v, list) else ('null' if v is None else v))
"
}

A="$FIX/html/article.html"
check "html: body paragraphs, subhead and list items kept" python3 -c "
import json, subprocess
d = json.loads(subprocess.run(['$D', 'extract', '$A'], capture_output=True, check=True).stdout)
paras = d['text'].split('\n\n')
assert paras[0].startswith('The harbour bridge reopened'), paras[0]
assert 'Buses return to the old route' in paras, paras
assert 'Line 9 keeps its temporary stop at the ferry terminal until June.' in paras, paras
assert paras[-1].endswith('at the foot of the bridge.'), paras[-1]
assert len(paras) == 7, paras
"
check "html: furniture left out of the text" python3 -c "
import json, subprocess
d = json.loads(subprocess.run(['$D', 'extract', '$A'], capture_output=True, check=True).stdout)
for junk in ('Sport', 'cookies', 'Share on', 'Advertisement', 'Most read', 'commute', 'Privacy', 'Mara Lind',
             'Photo:', 'Ferry prices', 'eight months of repairs'):
    assert junk not in d['text'], junk
"
check "html: caption, byline and related links listed as removed" python3 -c "
import json, subprocess
d = json.loads(subprocess.run(['$D', 'extract', '$A'], capture_output=True, check=True).stdout)
r = ' | '.join(d['removed'])
for want in ('By Mara Lind', 'Cars cross the bridge', 'Ferry prices rise'):
    assert want in r, (want, r)
assert all(len(x.encode()) <= 300 for x in d['removed'])
"
check "html: title from og:title" test "$(html_field "$A" title)" = "Harbour bridge reopens after eight months of repairs"
check "html: published from article:published_time" test "$(html_field "$A" published)" = "2021-04-06"
check "html: outlet from og:site_name" test "$(html_field "$A" outlet)" = "The Lakeside Courier"

# Pages with nothing to extract: an empty text, exit 0, never a crash.
for page in empty nobody scripts; do
    check "html: $page page gives empty text" test "$(html_field "$FIX/html/$page.html" text)" = ""
done
check "html: page without body keeps its title" test "$(html_field "$FIX/html/nobody.html" title)" = "A page with no body"
check "html: broken markup still yields its paragraphs" python3 -c "
import json, subprocess
d = json.loads(subprocess.run(['$D', 'extract', '$FIX/html/broken.html'], capture_output=True, check=True).stdout)
assert d['text'].count('\n\n') == 3, d['text']
assert d['text'].endswith('with some commas, here.'), d['text']
"
check "html: windows-1252 page decoded" python3 -c "
import json, subprocess
d = json.loads(subprocess.run(['$D', 'extract', '$FIX/html/cp1252.html'], capture_output=True, check=True).stdout)
assert d['title'] == 'Caf\u00e9 owners count the cost', d['title']
assert d['text'].startswith('\u201cWe will open again,\u201d said the owner of the caf\u00e9'), d['text']
assert '\u2013 the second flood' in d['text']
"

# Built here, not stored: 10,000 nested divs, and a 30 MB page.
python3 -c "
import sys
p = '<html><body>' + '<div>' * 10000 + '<p>Deep inside ten thousand divs, a sentence still waits to be read.</p>' + '</div>' * 10000 + '</body></html>'
open('$T/deep.html', 'w').write(p)
row = '<p>The council met again on Thursday, and the vote, once more, was put off until spring.</p>\n'
with open('$T/huge.html', 'w') as f:
    f.write('<html><body><nav><a href=/>Home</a></nav><div class=story>')
    f.write(row * (30 * 1000 * 1000 // len(row)))
    f.write('</div></body></html>')
"
check "html: 10,000 levels deep" test "$(html_field "$T/deep.html" text)" = "Deep inside ten thousand divs, a sentence still waits to be read."
# 100,000 nested figures and tables: any walk that climbs to the root from
# every element takes hours here, a linear one under a second.
python3 -c "
s = '<p>Held in a hundred thousand figures, the sentence is still read out, in the end.</p>'
open('$T/deep2.html', 'w').write('<html><body>' + '<figure><div><table><tr><td>' * 25000 + s + '</td></tr></table></div></figure>' * 25000 + '</body></html>')
"
python3 -c "
s = '<p>Held in a hundred thousand figures, the sentence is still read out, in the end.</p>'
open('$T/deep3.html', 'w').write('<html><body><h1>T</h1>' + '<div class=media><h1>' * 50000 + s + '</h1></div>' * 50000 + '</body></html>')
"
check "html: 50,000 nested headings in negative-class divs, no hang" python3 -c "
import json, subprocess
subprocess.run(['$D', 'extract', '$T/deep3.html'], capture_output=True, check=True, timeout=300)
"
check "html: 100,000 nested figures and tables, no hang" python3 -c "
import json, subprocess
d = json.loads(subprocess.run(['$D', 'extract', '$T/deep2.html'], capture_output=True, check=True, timeout=300).stdout)
assert d['text'].startswith('Held in a hundred thousand figures'), d['text'][:80]
"
check "html: 30 MB page extracted whole" python3 -c "
import json, subprocess
d = json.loads(subprocess.run(['$D', 'extract', '$T/huge.html'], capture_output=True, check=True, timeout=600).stdout)
assert len(d['text']) > 25 * 1000 * 1000, len(d['text'])
assert 'Home' not in d['text'][:100]
"
