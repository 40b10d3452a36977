-- POST /api/v1/pumps/{id}/fills with an Idempotency-Key, each request for another pump; with
-- BENCH_PERFORMED_BY, a partner's home fill (POST /api/v1/partner/pumps/{id}/fills) by that nurse.
-- BENCH_FILLS: lines "pumpId,drug,residualVolumeMl", most due first; BENCH_FILL_OFFSET skips the
-- lines an earlier run used; each of the BENCH_THREADS threads takes every BENCH_THREADS-th line.
-- A thread that runs out of pumps asks for an unknown one: a 404 that fails the run loudly.
local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local rows = {}
local used = 0
local run = os.getenv("BENCH_RUN_ID") or "run"
local performedBy = os.getenv("BENCH_PERFORMED_BY")
local path = performedBy and "/api/v1/partner/pumps/" or "/api/v1/pumps/"
local extra = performedBy and string.format(',"performedBy":"%s"', performedBy) or ""
local headers = {
  ["Authorization"] = "Bearer " .. report.token(),
  ["Content-Type"] = "application/json",
}

setup = report.setup
done = report.done

function init(args)
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  local offset = tonumber(os.getenv("BENCH_FILL_OFFSET") or "0")
  local i = 0
  for line in io.lines(os.getenv("BENCH_FILLS")) do
    if i >= offset and (i - offset) % threads == tid then
      rows[#rows + 1] = line
    end
    i = i + 1
  end
end

function request()
  used = used + 1
  local row = rows[used] or "00000000-0000-4000-8000-000000000000,HEPARIN,16"
  local id, drug, residual = row:match("([^,]+),([^,]+),([^,]+)")
  headers["Idempotency-Key"] = "bench-" .. run .. "-" .. id
  local body = string.format('{"performedAt":"%s","drug":"%s","volumeMl":30,"residualVolumeMl":%s%s}',
      os.date("!%Y-%m-%dT%H:%M:%SZ"), drug, residual, extra)
  return wrk.format("POST", path .. id .. "/fills", headers, body)
end
