# test_serve.sh — `dossier serve` over HTTP: every endpoint of the JSON API
# (status, fields), bad and hostile requests, the pages and their security
# headers, a second client served while a slow one holds a connection, and
# a clean stop on SIGTERM (sourced by run.sh).

V="$T/serve"
mkdir -p "$V"
"$D" ingest "$FIX/link" "$FIX/serve" --db "$V/s.db" -q
check "serve: ingest of the fixtures exits 0" test $? -eq 0

"$D" serve --db "$V/s.db" --port 0 > "$V/out" 2> "$V/err" &
SERVE_PID=$!
port=""
for _ in $(seq 1 100); do
    port=$(sed -n 's|^serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$V/out")
    [ -n "$port" ] && break
    sleep 0.1
done
check "serve: prints the URL it listens on" test -n "$port"
U="http://127.0.0.1:$port"

# get PATH: the status in $V/code, headers in $V/h, body in $V/b.
get() { curl -s -g --path-as-is --max-time 10 -D "$V/h" -o "$V/b" -w '%{http_code}' "$U$1" > "$V/code" 2>/dev/null; }
status() { test "$(cat "$V/code")" = "$1"; }
# json EXPR: python evaluates EXPR with the body as j.
json() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)" "$V/b" "$1"; }
header() { grep -qi "^$1" "$V/h"; }

get "/api/search?q=market&limit=2"
check "serve: search is 200" status 200
check "serve: search has the command line's fields" \
    json "len(j['hits'])==2 and set(j['hits'][0])=={'rank','score','doc','title','published','outlet','snippet'}"
check "serve: search marks the matched words" json "'[market' in j['hits'][0]['snippet'].lower()"
check "serve: JSON is served as JSON" header "Content-Type: application/json"
check "serve: API replies carry the CSP" header "Content-Security-Policy: default-src 'none'; script-src 'self'"
check "serve: API replies carry nosniff" header "X-Content-Type-Options: nosniff"
get "/api/search?q=market&outlet=coast%20ledger&since=2021-03&until=2021-03-31"
check "serve: search filters by outlet and dates" \
    json "j['hits'] and all(h['outlet']=='Coast Ledger' and h['published'].startswith('2021-03') for h in j['hits'])"
get "/api/search?q=market&named=3"
check "serve: search named= lists the people and organisations most named in the hits" \
    json "0 < len(j['named']) <= 3 and all(e['type'] in ('PERSON','ORG') and e['mentions'] >= e['articles'] >= 1 for e in j['named']) and [e['mentions'] for e in j['named']]==sorted((e['mentions'] for e in j['named']), reverse=True)"
get "/api/search?q=market"
check "serve: search without named= has no named list" json "'named' not in j"
get "/api/search?q=market&named=51"
check "serve: search named= is bounded" status 400
get "/api/search?q=market&marks=controls"
check "serve: search marks=controls marks with U+0002/U+0003" json "'\x02' in j['hits'][0]['snippet']"

get "/api/articles/link/04_senator"
check "serve: an article is 200" status 200
check "serve: an article is its extract object" \
    json "j['id']=='link/04_senator' and j['outlet']=='Harbour Times' and {'text','removed','sentences','entities','quotes','figures'} <= set(j)"

get "/api/entities?type=PERSON"
check "serve: entities lists people with the command line's fields" \
    json "j['entities'] and all(e['type']=='PERSON' for e in j['entities']) and set(j['entities'][0])=={'entity','type','aliases','articles','roles','first_seen','last_seen','docs'}"
get "/api/entities/yusuf%20odera"
check "serve: an entity by another spelling" json "j['entity']=='Yousuf Kariuki Odera' and 'Odera' in j['aliases']"
check "serve: an entity has its articles and quotes" \
    json "len(j['docs'])==j['articles'] and j['quotes'] and all(q['speaker']==j['entity'] for q in j['quotes'])"
check "serve: an entity's quotes are in date order" \
    json "[q['published'] for q in j['quotes']]==sorted(q['published'] for q in j['quotes'])"

get "/api/quotes?by=Odera&about=negotiate"
check "serve: quotes by and about" \
    json "j['quotes'] and all('negotiate' in q['text'] and q['speaker']=='Yousuf Kariuki Odera' for q in j['quotes'])"
check "serve: a quote has its sentence and span" \
    json "all(q['text'] in q['sentence'] and len(q['evidence'])==2 for q in j['quotes'])"
get "/api/quotes?until=2021-03-10&outlet=Harbour%20Times"
check "serve: quotes until and outlet" \
    json "j['quotes'] and all(q['published']<='2021-03-10' and q['outlet']=='Harbour Times' for q in j['quotes'])"

get "/api/events"
check "serve: events have figures and conflicts" \
    json "any(e['place']=='Mombasa' and 'killed' in e['figures'] and e['conflicts'] for e in j['events'])"
check "serve: each figure has its article and sentence" \
    json "all(v['text'] and v['sentence'] and v['doc'] for e in j['events'] for m in e['figures'].values() for v in m)"
get "/api/events/1"
check "serve: one event by id" json "j['id']==1 and j['docs']"
get "/api/conflicts"
check "serve: conflicts name their event and values" \
    json "j['conflicts'] and all(len(c['values'])>=2 and c['event']>=1 for c in j['conflicts'])"
get "/api/claims"
check "serve: claims have their quotes" json "j['claims'] and all(len(c['quotes'])>=2 for c in j['claims'])"
get "/api/timeline/Odera"
check "serve: timeline of an entity in date order" \
    json "j['entity']=='Yousuf Kariuki Odera' and j['timeline'] and [t['date'] for t in j['timeline']]==sorted(t['date'] for t in j['timeline'])"

# bad requests: a JSON error, the status telling which
for p in "/api/search" "/api/search?q=a&limit=0" "/api/search?q=a&limit=100000" "/api/search?q=a&since=soon" \
         "/api/search?q=a&nope=1" "/api/search?q=%22open" "/api/search?q=%ff%fe" "/api/entities?type=THING" \
         "/api/quotes?until=never" "/api/events?offset=-1"; do
    get "$p"
    check "serve: $p is 400" status 400
    check "serve: $p explains itself in JSON" json "j['status']==400 and j['error']"
done
for p in "/api/nothing" "/api/articles/nope" "/api/articles/..%2f..%2fetc%2fpasswd" "/api/entities/Nobody%20Atall" \
         "/api/timeline/Nobody%20Atall" "/api/events/999" "/api/quotes?by=Nobody%20Atall" \
         "/static/../../etc/passwd" "/static/nothing.js"; do
    get "$p"
    check "serve: $p is 404" status 404
    check "serve: $p explains itself in JSON" json "j['status']==404 and j['error']"
done
get "/nothing/../../etc/passwd"
check "serve: an unknown page is 404" status 404
check "serve: an unknown page is the page shell, which says so" grep -q 'src="/static/app.js"' "$V/b"
get "/api/search?q=x%27%3B%20DROP%20TABLE%20articles%3B--"
check "serve: SQL in a parameter is only words" status 200
get "/api/search?q=$(head -c 100000 /dev/zero | tr '\0' a)"
check "serve: a 100 KB query string is refused (414)" status 414
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -d x=1 "$U/api/search")
check "serve: POST is refused (405)" test "$code" = 405
code=$(curl -s -o /dev/null -w '%{http_code}' -X GET -d x=1 "$U/api/search?q=market")
check "serve: a GET with a body is refused (413)" test "$code" = 413

# the pages: one shell, its script from this server only
for p in "/" "/?q=market" "/articles/link/04_senator" "/entities/Odera" "/events/1" "/conflicts" "/claims"; do
    get "$p"
    check "serve: page $p is 200 HTML" sh -c "test \"\$(cat '$V/code')\" = 200 && grep -qi '^Content-Type: text/html' '$V/h'"
done
check "serve: pages carry the CSP" header "Content-Security-Policy: .*script-src 'self'"
check "serve: the page loads its script from /static/" grep -q 'src="/static/app.js"' "$V/b"
check "serve: the page holds no inline script" sh -c "! grep -q '<script>' '$V/b'"
get "/static/app.js"
check "serve: app.js is served as JavaScript" header "Content-Type: text/javascript"

# bad UTF-8 and an overlong name in a path
get "/api/entities/%ff%fe"
check "serve: bad UTF-8 in a path is 404" status 404
get "/api/timeline/$(head -c 2000 /dev/zero | tr '\0' a)"
check "serve: an overlong name is 404" status 404

# an ingest beside the server (WAL): served throughout, its article seen after
get "/api/articles/articles/store_lighthouse"
check "serve: an article not yet ingested is 404" status 404
"$D" ingest "$FIX/articles/store_lighthouse.txt" --db "$V/s.db" -q &
ING=$!
served=0
for _ in 1 2 3 4 5 6 7 8 9 10; do
    get "/api/search?q=market"
    status 200 && served=$((served + 1))
done
wait "$ING"
check "serve: an ingest beside it exits 0" test $? -eq 0
check "serve: requests during the ingest are answered" test "$served" -eq 10
get "/api/articles/articles/store_lighthouse"
check "serve: the article ingested beside it is served" json "j['id']=='articles/store_lighthouse'"

# a client sending one byte a second holds a connection, not a worker
python3 - "$port" > /dev/null 2>&1 <<'EOF' &
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
for ch in b"GET /api/entities HTTP/1.1\r\nHost: x\r\n":
    s.send(bytes([ch])); time.sleep(1)
EOF
SLOW=$!
sleep 1
get "/api/entities/Odera"
check "serve: another client is served while a slow one trickles" status 200
kill "$SLOW" 2>/dev/null; wait "$SLOW" 2>/dev/null

kill -TERM "$SERVE_PID"
stopped=1
for _ in $(seq 1 50); do
    kill -0 "$SERVE_PID" 2>/dev/null || { stopped=0; break; }
    sleep 0.1
done
wait "$SERVE_PID"
rc=$?
check "serve: SIGTERM stops it" test "$stopped" -eq 0
check "serve: it exits 0 after SIGTERM" test "$rc" -eq 0
check "serve: it says it stopped" grep -q "stopped (SIGTERM)" "$V/err"
kill -9 "$SERVE_PID" 2>/dev/null

"$D" serve --db "$V/missing.db" --port 0 > /dev/null 2>&1
check "serve: a missing store exits 3" test $? -eq 3
"$D" serve --db "$V/s.db" --port 99999 > /dev/null 2>&1
check "serve: a bad port exits 2" test $? -eq 2
