-- Shared by the wrk scripts: threads learn their number, and the run ends with one RESULT line.
local report = {}

local threads = 0

function report.setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function report.token()
  local token = os.getenv("BENCH_TOKEN")
  assert(token and #token > 0, "BENCH_TOKEN is not set")
  return token
end

function report.lines(path)
  assert(path, "a file of ids is required")
  local lines = {}
  for line in io.lines(path) do
    lines[#lines + 1] = line
  end
  assert(#lines > 0, path .. " is empty")
  return lines
end

function report.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
      "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end

return report
