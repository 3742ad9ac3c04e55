-- The wrk script of every HTTP benchmark here (run-http.sh through Wrk, profile-grid.sh, drift.sh): each request
-- presents one of the sessions in the file given as the first argument (one Cookie header a line) at random, and
-- reads with the percent given as the second, else writes. Each thread seeds its own generator: unseeded, every
-- thread would present the same sessions in the same order, so the same session would arrive on several
-- connections at once far more often than under independent users.
local cookies = {}
local readPercent = 95
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  readPercent = tonumber(args[2])
  for line in io.lines(args[1]) do cookies[#cookies + 1] = line end
  math.randomseed(os.time() * 1000 + id * 7919)
end
function request()
  local cookie = cookies[math.random(#cookies)]
  local path = "/write"
  if math.random(100) <= readPercent then path = "/read" end
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end
