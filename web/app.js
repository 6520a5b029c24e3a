// app.js — the web pages of `dossier serve`: one shell (index.html) that this
// script fills in from the JSON API (docs/api.md), by the page's path.
//
// Article text, titles and names are untrusted: every string reaches the page
// through textContent or setAttribute on attributes that cannot run code
// (never innerHTML), and every link is built here from a path of this server
// and encodeURIComponent, so a "javascript:" in an article stays text.
"use strict";

const STX = "\u0002", ETX = "\u0003";   // search matches, as /api/search?marks=controls marks them
const main = document.getElementById("main");

// --- building the page ----------------------------------------------------------

// el("a", {href: "/x", class: "y"}, "text", child...): children are nodes or text.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

const enc = encodeURIComponent;
const articleHref = (doc, span) => "/articles/" + enc(doc) + (span ? "#s-" + span[0] + "-" + span[1] : "");
const entityHref = (name) => "/entities/" + enc(name);
const eventHref = (id) => "/events/" + id;
const searchHref = (q) => "/?q=" + enc(q);

function show(...nodes) {
  main.replaceChildren(...nodes);
}

function fail(message) {
  show(el("h1", null, "Not available"), el("p", {class: "error", role: "alert"}, message),
       el("p", null, el("a", {href: "/"}, "Back to search")));
  document.title = "dossier";
}

async function api(path) {
  const r = await fetch("/api/" + path, {headers: {Accept: "application/json"}});
  let body = null;
  try { body = await r.json(); } catch (e) { /* not JSON: reported below */ }
  if (!r.ok) throw new Error(body && body.error ? body.error : "the server answered " + r.status);
  return body;
}

// "2014-12-17  Dawn" for an item with published and outlet.
function dateline(item) {
  return [item.published || "undated", item.outlet].filter(Boolean).join(" · ");
}

function entityLink(name, cls) {
  return name ? el("a", {href: entityHref(name), class: cls}, name) : el("span", {class: "unknown"}, "speaker unknown");
}

// A snippet with its matches (between STX and ETX) in <mark>.
function marked(snippet) {
  const out = el("span");
  let on = false;
  for (const part of String(snippet || "").split(/([\u0002\u0003])/)) {
    if (part === STX) on = true;
    else if (part === ETX) on = false;
    else if (part) out.append(on ? el("mark", null, part) : document.createTextNode(part));
  }
  return out;
}

function list(items, render, empty) {
  if (!items.length) return el("p", {class: "empty"}, empty);
  return el("ul", {class: "items"}, ...items.map((x) => el("li", null, ...[].concat(render(x)))));
}

// --- search: / and /?q=WORDS ----------------------------------------------------------

function searchForm(p) {
  const field = (name, label, type, extra) =>
    el("label", {class: "field"}, el("span", null, label),
       el("input", Object.assign({name, type, value: p.get(name) || ""}, extra)));
  return el("form", {class: "search", action: "/", method: "get", role: "search"},
    el("label", {class: "field q"}, el("span", null, "Search the articles"),
       el("input", {name: "q", type: "search", value: p.get("q") || "", placeholder: "words, \"a phrase\", name*",
                    autofocus: !p.get("q"), required: true})),
    el("div", {class: "filters"},
       field("since", "From", "text", {placeholder: "YYYY-MM-DD", inputmode: "numeric", size: 10}),
       field("until", "To", "text", {placeholder: "YYYY-MM-DD", inputmode: "numeric", size: 10}),
       field("outlet", "Outlet", "text", {size: 14})),
    el("button", {type: "submit"}, "Search"));
}

async function pageSearch() {
  const p = new URLSearchParams(location.search);
  const q = p.get("q");
  document.title = q ? q + " — dossier" : "dossier";
  const form = searchForm(p);
  if (!q) {
    show(el("h1", null, "Search the record"), form, el("section", {id: "top"}, el("p", {class: "status"}, "Loading…")));
    const r = await api("entities?limit=12");
    document.getElementById("top").replaceChildren(el("h2", null, "Most reported"),
      list(r.entities, (e) => [entityLink(e.entity), " ", el("span", {class: "meta"}, e.type + " · " + e.articles + " articles")],
           "The store holds no entities yet: dossier ingest adds articles."));
    return;
  }
  const query = new URLSearchParams({q, marks: "controls", named: "12"});
  for (const k of ["since", "until", "outlet", "offset"]) if (p.get(k)) query.set(k, p.get(k));
  const results = el("section", {class: "results", "aria-live": "polite"}, el("p", {class: "status"}, "Searching…"));
  const side = el("aside", {class: "side", "aria-label": "Most named in these results"});
  show(el("h1", {class: "visually-hidden"}, "Search results"), form, el("div", {class: "columns"}, results, side));
  let r;
  try { r = await api("search?" + query); } catch (e) { results.replaceChildren(el("p", {class: "error", role: "alert"}, e.message)); return; }
  const hits = r.hits.map((h) => el("article", {class: "hit"},
    el("h2", null, el("a", {href: articleHref(h.doc)}, h.title || h.doc)),
    el("p", {class: "meta"}, dateline(h)), el("p", {class: "snippet"}, marked(h.snippet))));
  const pager = el("nav", {class: "pager", "aria-label": "Pages"});
  const page = (off, label) => { const n = new URLSearchParams(p); n.set("offset", off); return el("a", {href: "/?" + n}, label); };
  if (r.offset > 0) pager.append(page(Math.max(0, r.offset - r.limit), "← Previous"));
  if (r.count === r.limit) pager.append(page(r.offset + r.limit, "Next →"));
  results.replaceChildren(el("p", {class: "meta"}, r.count ? "Results " + (r.offset + 1) + "–" + (r.offset + r.count) : "No article matches."),
                          ...hits, pager);
  mostNamed(r.named || [], side);
}

// The people and organisations most named in the articles of the results
// (the server counts them: /api/search?named=12).
function mostNamed(named, side) {
  side.replaceChildren(el("h2", null, "Most named here"),
    list(named, (c) => [entityLink(c.entity), " ", el("span", {class: "meta"}, c.type + " · " + c.mentions)],
         "No people or organisations."));
}

// --- an article: /articles/ID ---------------------------------------------------------

// Renders the bytes [a, b) of the text into parent, wrapping the items of
// layers[0] (sorted, not overlapping) in their elements, then the next layers
// inside them. Spans are byte offsets into the UTF-8 text.
function renderSpans(parent, bytes, a, b, layers) {
  const dec = new TextDecoder();
  const text = (x, y) => { if (y > x) parent.append(document.createTextNode(dec.decode(bytes.subarray(x, y)))); };
  if (!layers.length) return text(a, b);
  const [layer, ...rest] = layers;
  let pos = a;
  for (const it of layer.items) {
    const s = Math.max(it.start, pos), e = Math.min(it.end, b);
    if (e <= s || it.end <= a) continue;
    if (it.start >= b) break;
    renderSpans(parent, bytes, pos, s, rest);
    const node = layer.make(it);
    renderSpans(node, bytes, s, e, rest);
    parent.append(node);
    pos = e;
  }
  renderSpans(parent, bytes, pos, b, rest);
}

// Sorted by start, dropping any that overlaps the one kept before it.
function disjoint(items) {
  const out = [];
  for (const it of [...items].sort((x, y) => x.start - y.start || y.end - x.end))
    if (!out.length || it.start >= out[out.length - 1].end) out.push(it);
  return out;
}

async function pageArticle(id) {
  const a = await api("articles/" + enc(id));
  document.title = (a.title || a.id) + " — dossier";
  const bytes = new TextEncoder().encode(a.text || "");
  const body = el("div", {class: "text"});
  const sentences = (a.sentences || []).map(([start, end]) => ({start, end}));
  const inner = disjoint([...(a.entities || []).map((e) => Object.assign({kind: "entity"}, e)),
                          ...(a.figures || []).map((f) => Object.assign({kind: "figure"}, f))]);
  renderSpans(body, bytes, 0, bytes.length, [
    {items: sentences, make: (s) => el("span", {class: "sentence", "data-start": s.start, "data-end": s.end})},
    {items: disjoint(a.quotes || []), make: (q) => el("span", {class: "quote " + q.kind, "data-speaker": q.speaker || "speaker unknown",
                                                                title: (q.speaker || "speaker unknown") + " (" + q.kind + (q.cue ? ", " + q.cue : "") + ")"})},
    {items: inner, make: (it) => it.kind === "entity"
      ? el("a", {class: "entity " + it.type, href: entityHref(it.entity || it.text), title: it.type + ": " + (it.entity || it.text)})
      : el("span", {class: "figure", title: [it.measure, it.value, it.unit].filter((x) => x !== null && x !== undefined).join(" ")})},
  ]);
  const removed = a.removed || [];
  const names = new Map();
  for (const e of a.entities || []) names.set(e.entity || e.text, e.type);
  show(el("article", {class: "doc"},
    el("h1", null, a.title || a.id),
    el("p", {class: "meta"}, [a.published || "undated", a.outlet, a.dateline].filter(Boolean).join(" · ")),
    el("p", {class: "legend"}, "Highlighted: ", el("span", {class: "entity PERSON"}, "people"), " ",
       el("span", {class: "entity ORG"}, "organisations"), " ", el("span", {class: "entity GPE"}, "places"), " ",
       el("span", {class: "quote"}, "quotes"), " ", el("span", {class: "figure"}, "figures")),
    body,
    el("details", {class: "removed"}, el("summary", null, removed.length + " line" + (removed.length === 1 ? "" : "s") + " removed in cleaning"),
       list(removed, (line) => el("code", null, line), "Nothing was removed.")),
    el("section", null, el("h2", null, "Named in this article"),
       list([...names].sort(), ([n, t]) => [entityLink(n), " ", el("span", {class: "meta"}, t)], "No names found.")),
    el("p", {class: "meta"}, "Source: ", a.source || "", " · ", el("a", {href: "/api/articles/" + enc(a.id)}, "JSON"))));
  markTarget(body);
}

// /articles/ID#s-START-END: the sentences within that span, marked and scrolled to.
function markTarget(body) {
  const m = /^#s-(\d+)-(\d+)$/.exec(location.hash);
  if (!m) return;
  const start = +m[1], end = +m[2];
  let first = null;
  for (const s of body.querySelectorAll(".sentence")) {
    if (+s.dataset.end <= start || +s.dataset.start >= end) continue;
    s.classList.add("target");
    if (!first) first = s;
  }
  if (first) {
    first.setAttribute("tabindex", "-1");
    first.scrollIntoView({block: "center"});
    first.focus({preventScroll: true});
  }
}

// --- entities: /entities and /entities/NAME ---------------------------------------------

async function pageEntities() {
  const p = new URLSearchParams(location.search);
  const type = p.get("type") || "";
  const r = await api("entities?limit=500" + (type ? "&type=" + enc(type) : ""));
  document.title = "People, organisations and places — dossier";
  const types = ["", "PERSON", "ORG", "GPE", "LOC", "NORP"];
  show(el("h1", null, "People, organisations and places"),
    el("nav", {class: "tabs", "aria-label": "Types"}, ...types.map((t) =>
      el("a", {href: "/entities" + (t ? "?type=" + t : ""), "aria-current": t === type ? "page" : null}, t || "All"))),
    el("p", {class: "meta"}, r.total + " entities" + (r.total > r.entities.length ? ", the " + r.entities.length + " most reported shown" : "")),
    list(r.entities, (e) => [entityLink(e.entity), " ", el("span", {class: "meta"}, e.type + " · " + e.articles + " articles" +
                                                             (e.aliases.length ? " · also " + e.aliases.slice(0, 4).join(", ") : ""))],
         "No entities."));
}

function dayOf(date) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || "");
  return m ? Date.UTC(+m[1], (+m[2] || 1) - 1, +m[3] || 1) : null;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

// Quotes (circles) and events (squares) on a line from the first date to the last.
function timelineChart(items) {
  const dated = items.filter((t) => dayOf(t.date) !== null);
  if (!dated.length) return el("p", {class: "empty"}, "Nothing dated to chart.");
  const days = dated.map((t) => dayOf(t.date));
  const lo = Math.min(...days), hi = Math.max(...days), W = 600, H = 70, pad = 12;
  const x = (d) => hi === lo ? W / 2 : pad + (W - 2 * pad) * (d - lo) / (hi - lo);
  const chart = svg("svg", {viewBox: "0 0 " + W + " " + H, class: "chart", role: "img",
                            "aria-label": dated.length + " quotes and events from " + dated[0].date + " to " + dated[dated.length - 1].date});
  chart.append(svg("line", {x1: pad, x2: W - pad, y1: H / 2, y2: H / 2, class: "axis"}));
  // a tick at each new year, labelled when there is room
  const y0 = new Date(lo).getUTCFullYear(), y1 = new Date(hi).getUTCFullYear();
  for (let y = y0 + 1; y <= y1 && y1 - y0 <= 60; y++) {
    const tx = Math.round(x(Date.UTC(y, 0, 1)));
    chart.append(svg("line", {x1: tx, x2: tx, y1: H / 2 - 3, y2: H / 2 + 3, class: "axis"}));
    if ((y1 - y0 <= 12 || y % 5 === 0) && tx > pad + 80 && tx < W - pad - 80)
      chart.append(svg("text", {x: tx, y: H - 2, class: "tick mid"}, String(y)));
  }
  const stack = new Map();
  for (const t of dated) {
    const cx = Math.round(x(dayOf(t.date)));
    const k = stack.get(cx) || 0;
    stack.set(cx, k + 1);
    const cy = H / 2 - 8 - (k % 3) * 8;
    const label = svg("title", null, t.date + " " + t.what + ": " + t.text);
    const mark = t.what === "said"
      ? svg("circle", {cx, cy, r: 4, class: "said"}, label)
      : svg("rect", {x: cx - 4, y: H / 2 + 4, width: 8, height: 8, class: "event"}, label);
    const link = svg("a", {href: articleHref(t.doc, t.evidence)}, mark);
    chart.append(link);
  }
  chart.append(svg("text", {x: pad, y: H - 2, class: "tick"}, dated[0].date),
               svg("text", {x: W - pad, y: H - 2, class: "tick end"}, dated[dated.length - 1].date));
  return el("figure", {class: "timeline"}, chart,
    el("figcaption", null, "● quotes ■ events, " + dated[0].date + " to " + dated[dated.length - 1].date));
}

function quoteItem(q, withSpeaker) {
  return [el("blockquote", null, q.text),
          el("p", {class: "meta"}, withSpeaker ? entityLink(q.speaker) : null, withSpeaker ? " · " : null, q.kind + " · ",
             el("a", {href: articleHref(q.doc, q.evidence)}, dateline(q) + " · " + q.doc))];
}

async function pageEntity(name) {
  const [e, t] = await Promise.all([api("entities/" + enc(name)), api("timeline/" + enc(name))]);
  document.title = e.entity + " — dossier";
  show(el("h1", null, e.entity),
    el("p", {class: "meta"}, e.type + " · named in " + e.articles + " article" + (e.articles === 1 ? "" : "s") +
       (e.first_seen ? " · " + e.first_seen + " to " + e.last_seen : "")),
    el("dl", {class: "facts"},
       el("dt", null, "Also called"), el("dd", null, e.aliases.length ? e.aliases.join(", ") : "—"),
       el("dt", null, "Roles"), el("dd", null, e.roles.length ? e.roles.join(", ") : "—")),
    el("h2", null, "Timeline"), timelineChart(t.timeline),
    el("p", null, el("a", {href: searchHref("\"" + e.entity + "\"")}, "Search for “" + e.entity + "”"), " · ",
       el("a", {href: "/claims?by=" + enc(e.entity)}, "Claims")),
    el("h2", null, "Quotes, in date order"),
    list(e.quotes, (q) => quoteItem(q, false), "No quotes attributed."),
    el("h2", null, "Articles naming " + e.entity),
    list(e.docs, (d) => [el("a", {href: articleHref(d.doc)}, d.title || d.doc), " ", el("span", {class: "meta"}, dateline(d))], "None."));
}

// --- events: /events, /events/N, /conflicts -------------------------------------------------

const eventName = (e) => e.type + " in " + (e.place || "an unknown place") + (e.date ? ", " + e.date : "");

async function pageEvents() {
  const r = await api("events?limit=1000");
  document.title = "Events — dossier";
  show(el("h1", null, "Events"),
    list(r.events, (e) => [el("a", {href: eventHref(e.id)}, eventName(e)), " ",
                           el("span", {class: "meta"}, e.docs.length + " article" + (e.docs.length === 1 ? "" : "s")),
                           e.conflicts.length ? el("span", {class: "badge conflict"}, "sources disagree") : null],
         "No events found in the stored articles."));
}

async function pageEvent(id) {
  const e = await api("events/" + enc(id));
  document.title = eventName(e) + " — dossier";
  const measures = Object.keys(e.figures);
  const conflicted = new Set(e.conflicts.map((c) => c.measure));
  const rows = new Map();   // doc -> {doc, outlet, published, values: {measure: value}}
  for (const m of measures) {
    for (const v of e.figures[m]) {
      const row = rows.get(v.doc) || {doc: v.doc, outlet: v.outlet, published: v.published, values: {}};
      row.values[m] = v;
      rows.set(v.doc, row);
    }
  }
  for (const doc of e.docs) if (!rows.has(doc)) rows.set(doc, {doc, outlet: null, published: null, values: {}});
  // each article's title, and the outlet and date of those that gave no figure
  await Promise.all([...rows.values()].slice(0, 50).map(async (row) => {
    const a = await api("articles/" + enc(row.doc)).catch(() => null);
    if (!a) return;
    row.title = a.title;
    row.outlet = row.outlet || a.outlet;
    row.published = row.published || a.published;
  }));
  const sorted = [...rows.values()].sort((a, b) => String(a.published).localeCompare(String(b.published)) || a.doc.localeCompare(b.doc));
  const head = el("tr", null, el("th", {scope: "col"}, "Article"), el("th", {scope: "col"}, "Outlet"), el("th", {scope: "col"}, "Date"),
    ...measures.map((m) => el("th", {scope: "col", class: conflicted.has(m) ? "conflict" : null}, m, conflicted.has(m) ? " ≠" : "")));
  const body = sorted.map((r) => el("tr", null,
    el("th", {scope: "row"}, el("a", {href: articleHref(r.doc)}, r.title || r.doc), r.title ? el("br") : null, r.title ? el("small", null, r.doc) : null),
    el("td", null, r.outlet || "—"), el("td", null, r.published || "—"),
    ...measures.map((m) => {
      const v = r.values[m];
      if (!v) return el("td", null, "—");
      return el("td", {class: conflicted.has(m) ? "conflict" : null},
                el("a", {href: articleHref(v.doc, v.evidence), title: v.sentence}, String(v.value)), el("br"),
                el("small", null, v.text));
    })));
  show(el("h1", null, eventName(e)),
    el("p", {class: "meta"}, (e.perpetrator ? "Perpetrator: " : ""), e.perpetrator ? entityLink(e.perpetrator) : "",
       (e.perpetrator ? " · " : "") + e.docs.length + " article" + (e.docs.length === 1 ? "" : "s")),
    conflicted.size ? el("p", {class: "conflict-note"}, "The articles disagree on: " + [...conflicted].join(", ") + " (marked ≠).") : null,
    measures.length ? el("div", {class: "scroll"}, el("table", {class: "figures"}, el("thead", null, head), el("tbody", null, ...body)))
                    : el("p", {class: "empty"}, "No figures were reported for this event."),
    el("h2", null, "Each figure's sentence"),
    list(measures.flatMap((m) => e.figures[m].map((v) => ({m, v}))),
         ({m, v}) => [el("strong", null, m + " " + v.value), " ", el("a", {href: articleHref(v.doc, v.evidence)}, dateline(v) + " · " + v.doc),
                      el("blockquote", null, v.sentence)], "None."));
}

async function pageConflicts() {
  const r = await api("conflicts?limit=1000");
  document.title = "Conflicts — dossier";
  show(el("h1", null, "Where sources disagree"),
    list(r.conflicts, (c) => [el("a", {href: eventHref(c.event)}, eventName(c)), " — ", el("strong", null, c.measure),
      el("ul", null, ...c.values.map((v) => el("li", null, el("strong", null, String(v.value)), " ",
        el("a", {href: articleHref(v.doc, v.evidence)}, dateline(v) + " · " + v.doc), el("blockquote", null, v.sentence))))],
      "No conflicting figures among the events."));
}

// --- claims and quotes: /claims, /quotes ---------------------------------------------------------

async function pageClaims() {
  const by = new URLSearchParams(location.search).get("by");
  const r = await api("claims?limit=100" + (by ? "&by=" + enc(by) : ""));
  document.title = "Claims — dossier";
  const statement = (q) => el("li", null, entityLink(q.speaker), ": ", el("q", null, q.text), " ",
                              el("a", {href: articleHref(q.doc)}, dateline(q) + " · " + q.doc));
  const FIRST = 5;   // a claim repeated hundreds of times shows its first few, the rest behind a toggle
  show(el("h1", null, "Claims made more than once" + (by ? " — " + by : "")),
    list(r.claims, (c) => [el("strong", null, "“" + c.summary + "”"), " ", el("span", {class: "meta"}, c.quotes.length + " statements in " + c.articles + " articles"),
      el("ul", null, ...c.quotes.slice(0, FIRST).map(statement)),
      c.quotes.length > FIRST ? el("details", null, el("summary", null, (c.quotes.length - FIRST) + " more"),
                                   el("ul", null, ...c.quotes.slice(FIRST).map(statement))) : null],
      "No claim was made in more than one article."));
}

async function pageQuotes() {
  const p = new URLSearchParams(location.search);
  const query = new URLSearchParams({limit: "200"});
  for (const k of ["by", "about", "since", "until", "outlet"]) if (p.get(k)) query.set(k, p.get(k));
  const r = await api("quotes?" + query);
  document.title = "Quotes — dossier";
  const field = (name, label) => el("label", {class: "field"}, el("span", null, label), el("input", {name, value: p.get(name) || "", size: 12}));
  show(el("h1", null, "Quotes"),
    el("form", {class: "search", action: "/quotes", method: "get"},
       el("div", {class: "filters"}, field("by", "By"), field("about", "About"), field("since", "From"), field("until", "To"), field("outlet", "Outlet")),
       el("button", {type: "submit"}, "Filter")),
    list(r.quotes, (q) => quoteItem(q, true), "No quotes match."));
}

// --- routing ----------------------------------------------------------------------------------------

const routes = [
  [/^\/$/, pageSearch],
  [/^\/articles\/(.+)$/, pageArticle],
  [/^\/entities\/?$/, pageEntities],
  [/^\/entities\/(.+)$/, pageEntity],
  [/^\/events\/?$/, pageEvents],
  [/^\/events\/(\d+)$/, pageEvent],
  [/^\/conflicts\/?$/, pageConflicts],
  [/^\/claims\/?$/, pageClaims],
  [/^\/quotes\/?$/, pageQuotes],
];

async function route() {
  for (const a of document.querySelectorAll("header nav a"))
    if (location.pathname.startsWith(a.getAttribute("href"))) a.setAttribute("aria-current", "page");
  for (const [re, page] of routes) {
    const m = re.exec(location.pathname);
    if (!m) continue;
    let arg = m[1];
    try { if (arg !== undefined) arg = decodeURIComponent(arg); } catch (e) { return fail("That address is not valid."); }
    try { await page(arg); } catch (e) { fail(e.message); }
    return;
  }
  fail("There is no such page.");
}

route();
