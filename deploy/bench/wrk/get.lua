-- GET requests with a bearer token. BENCH_TARGET picks what is asked:
--   open      GET /bench/ceiling/open (the bench build's no-op endpoint without a token: the framework)
--   ceiling   GET /bench/ceiling (the same with the token verified and the role checked)
--   pump      GET /api/v1/pumps/{id}, a random id from the file BENCH_PUMP_IDS per request
--   worklist  GET /api/v1/worklist (the first page of 50)
--   partner_refills  GET /api/v1/partner/refills (a partner token: the agency's due refills)
--   mixed     the ceiling, a pump and the worklist in turn (the warm-up)
local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local target = os.getenv("BENCH_TARGET")
local ids
local turn = 0

-- The unauthenticated ceiling is asked without a token, as a client that has none would.
if target ~= "open" then
  wrk.headers["Authorization"] = "Bearer " .. report.token()
end
setup = report.setup
done = report.done

function init(args)
  if target == "pump" or target == "mixed" then
    ids = report.lines(os.getenv("BENCH_PUMP_IDS"))
  end
  math.randomseed(os.time() * 100 + (tid or 0))
end

local function pump()
  return wrk.format("GET", "/api/v1/pumps/" .. ids[math.random(#ids)])
end

local paths = { open = "/bench/ceiling/open", ceiling = "/bench/ceiling", worklist = "/api/v1/worklist",
                partner_refills = "/api/v1/partner/refills" }

function request()
  if target == "pump" then
    return pump()
  elseif target == "mixed" then
    turn = turn % 3 + 1
    if turn == 1 then
      return pump()
    end
    return wrk.format("GET", turn == 2 and paths.ceiling or paths.worklist)
  end
  local path = paths[target]
  assert(path, "unknown BENCH_TARGET " .. tostring(target))
  return wrk.format("GET", path)
end
