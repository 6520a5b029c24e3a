-- bench/serve.lua — wrk script for bench/serve.sh: /api/search with a
-- different query per request. With no argument, 25 everyday queries in turn
-- (single words, two words, a phrase, a prefix); with a file (wrk ... --
-- FILE), one word of it a request, in turn (bench/serve-words.py makes such a
-- file from the corpus: thousands of searches, so no reply cache can help);
-- FILE "-" keeps the everyday queries. A second argument is added to every
-- request's query string ("&named=12": what the search page asks).
local queries = {
  "government", "election", "police", "minister", "attack", "market", "economy",
  "president", "court", "football", "health", "school", "bank", "oil", "war",
  "prime minister", "interest rates", "\"world cup\"", "climate change", "negotiat*",
  "trade deal", "united nations", "stock market", "security forces", "central bank",
}
local n = 0
local extra = ""

init = function(args)
  extra = args[2] or ""
  if args[1] and args[1] ~= "-" then
    queries = {}
    for line in io.lines(args[1]) do
      if line ~= "" then queries[#queries + 1] = line end
    end
    -- each of wrk's threads starts at another place in the list
    n = math.random(#queries)
  end
end

request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]:gsub("[^%w*]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/api/search?q=" .. q .. "&limit=10" .. extra)
end
