-- bench/serve.lua — wrk script for bench/serve.sh: /api/search with a
-- different everyday query per request (single words, two words, a phrase,
-- a prefix), so the store's cache is not asked the same thing every time.
local queries = {
  "government", "election", "police", "minister", "attack", "market", "economy",
  "president", "court", "football", "health", "school", "bank", "oil", "war",
  "prime minister", "interest rates", "\"world cup\"", "climate change", "negotiat*",
  "trade deal", "united nations", "stock market", "security forces", "central bank",
}
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]:gsub("[^%w*]", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/api/search?q=" .. q .. "&limit=10")
end
