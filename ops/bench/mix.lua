-- The wrk script of profile-grid.sh and drift.sh: each request presents one of the sessions in the file given
-- as the first argument (one Cookie header a line) at random, and reads with the percent given as the second, else
-- writes.
local cookies = {}
local share = 50
function init(args) share = tonumber(args[2]); for line in io.lines(args[1]) do cookies[#cookies + 1] = line end end
function request()
  local path = "/write"
  if math.random(100) <= share then path = "/read" end
  return wrk.format("GET", path, { ["Cookie"] = cookies[math.random(#cookies)] })
end
