-- wrk script: every request a new purchase, like PurchaseSimulation (closed model; see load-tests/README.md).
-- env LOAD_RUN names the run: every e-mail is load-<run>-<thread>-<n>@example.com, so load.sh finds the orders.
local skus = {"STARTER", "PROFESSIONAL", "ENTERPRISE"}
local run = os.getenv("LOAD_RUN") or "manual"
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  n = 0
  accepted = 0
  other = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
end

function request()
  n = n + 1
  local body = string.format('{"customerEmail":"load-%s-%d-%d@example.com","items":[{"sku":"%s","quantity":%d}]}',
    run, id, n, skus[n % 3 + 1], 1 + n % 3)
  return wrk.format("POST", "/api/orders", nil, body)
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  else
    other[status] = (other[status] or 0) + 1
  end
end

function done(summary, latency, requests)
  local ok, errors = 0, {}
  for _, t in ipairs(threads) do
    ok = ok + t:get("accepted")
    for status, count in pairs(t:get("other")) do errors[status] = (errors[status] or 0) + count end
  end
  local e = ""
  for status, count in pairs(errors) do e = e .. (e == "" and "" or ";") .. "status " .. status .. ": " .. count end
  if summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout > 0 then
    e = e .. (e == "" and "" or ";") .. string.format("socket connect %d read %d write %d timeout %d",
      summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout)
  end
  -- one line load.sh reads: requests, 202s, p50/p95/p99/max in ms, errors
  io.write(string.format("WRK-RESULT %d %d %.1f %.1f %.1f %.1f %s\n", summary.requests, ok,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e == "" and "none" or e:gsub(" ", "_")))
end
