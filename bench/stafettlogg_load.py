"""The stafettlogg part of `make bench`: seed PostgreSQL (manage.py seed_load), start gunicorn
with the production settings behind nginx as in production (a proxy without keep-alive to
gunicorn, see run.NGINX_CONF and ADR 010), log in BENCH_USERS staff users (sessions as a login with
password and TOTP leaves them) and run wrk against a log with 200 entries (each user opens a
log they hold) and against "Mine logger".

Two loads per page, both with one connection per user (kept alive, as a browser does):
- ``users``: each user waits THINK_MS (uniformly random) between requests, as people do; this
  is what the targets (p95, zero errors) are checked on;
- ``saturation``: no waiting at all, the server's capacity (requests/s) and the latency when
  every user clicks again the moment an answer arrives.
A response that is not 2xx counts as an error (wrk alone counts only 4xx/5xx and sockets), and
so does a request still unanswered GRACE_SECONDS after the sending stopped. The script counts
requests sent and answers received itself: wrk's own count leaves out requests in flight when
it stops. After each run the next waits until the server is idle, and the log reads written
to the audit chain during a run are compared with the answers.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
USERS = int(os.environ.get("BENCH_USERS", "50"))
SEED_MUNICIPALITIES = os.environ.get("BENCH_SEED_MUNICIPALITIES", "50")
SEED_LOGS = os.environ.get("BENCH_SEED_LOGS", "100000")
SEED_ENTRIES = os.environ.get("BENCH_SEED_ENTRIES", "2000000")
THINK_MS = (500, 1500)
TARGET_P95_MS = 100.0

# Requests are sent for SEND_SECONDS; then GRACE_SECONDS more to receive the answers to
# requests already sent (wrk keeps running but sends nothing new). A request still unanswered
# after that counts as an error: a run cannot hide a queue by ending while requests wait.
# GRACE_SECONDS stays below wrk's --timeout, which counts every connection whose last request
# is older than that as a timeout (also an idle one), and below the server's keep-alive.
SEND_SECONDS = int(os.environ.get("BENCH_STAFETTLOGG_SECONDS", "20"))
GRACE_SECONDS = 5
WRK_TIMEOUT_SECONDS = 10

WRK_LUA = """
users = {users}
think_min, think_max = {think_min}, {think_max}
stop_sending_at = {stop_sending_at}
local threads = {{}}
local counter = 0
function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  sent, answered, non2xx = 0, 0, 0
  i = offset
  math.randomseed(os.time() + offset)
end
function request()
  local u = users[(i % #users) + 1]
  i = i + 1
  sent = sent + 1
  return wrk.format("GET", u[3], {{["Host"] = u[1], ["Cookie"] = "sessionid=" .. u[2]}})
end
-- Called before every request (also the first, and after a reconnect): the think time, and
-- after stop_sending_at a pause longer than the run, so that nothing new is sent.
function delay()
  if os.time() >= stop_sending_at then return 100000000 end
  if think_max > 0 then return math.random(think_min, think_max) end
  return 0
end
function response(status, headers, body)
  answered = answered + 1
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local s, a, bad = 0, 0, 0
  for _, t in ipairs(threads) do
    s = s + t:get("sent"); a = a + t:get("answered"); bad = bad + t:get("non2xx")
  end
  io.write(string.format("JSON{{\\"sent\\":%d,\\"answered\\":%d,\\"non2xx\\":%d,"
    .. "\\"socket_errors\\":%d,\\"p50_us\\":%d,\\"p95_us\\":%d,\\"p99_us\\":%d,"
    .. "\\"max_us\\":%d,\\"mean_us\\":%.1f}}\\n",
    s, a, bad,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    latency.mean))
end
"""


def lua_script(users: list[dict[str, str]], page: str, think: tuple[int, int]) -> str:
    rows = ", ".join(
        "{" + ", ".join(json.dumps(u[key]) for key in ("host", "sessionid", page)) + "}"
        for u in users
    )
    return WRK_LUA.format(
        users="{" + rows + "}",
        think_min=think[0],
        think_max=think[1],
        # wrk's Lua has whole seconds (os.time); +1 so the window is at least SEND_SECONDS.
        stop_sending_at=int(time.time()) + 1 + SEND_SECONDS,
    )


def run_wrk(url: str, script: Path, connections: int) -> dict[str, Any]:
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{SEND_SECONDS + 1 + GRACE_SECONDS}s",
         "--timeout", f"{WRK_TIMEOUT_SECONDS}s", "-s", str(script), url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout  # fmt: skip
    match = re.search(r"JSON(\{.*\})", out)
    if match is None:
        raise RuntimeError("wrk gave no result:\n" + out)
    raw = json.loads(match.group(1))
    # wrk calls request() once more before the run, in the first thread, to check it.
    unanswered = raw["sent"] - 1 - raw["answered"]
    return {
        # Answers per second of sending (all answers are to requests sent in that window).
        "requests_per_second": round(raw["answered"] / SEND_SECONDS, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "sent": raw["sent"] - 1,
        "requests": raw["answered"],
        "unanswered": unanswered,
        "errors": raw["socket_errors"] + raw["non2xx"] + unanswered,
        "socket_errors": raw["socket_errors"],
        "non_2xx": raw["non2xx"],
    }


def wait_until_idle(port: int, host: str) -> float:
    """Seconds until the server answers a cheap page within 0.5 s (a queue left by a run would
    otherwise be served during the next one)."""
    started = time.monotonic()
    while time.monotonic() - started < 120:
        request = urllib.request.Request(  # noqa: S310
            f"http://127.0.0.1:{port}/stafettlogg/logg-inn/", headers={"Host": host}
        )
        t = time.monotonic()
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310
            pass
        if time.monotonic() - t < 0.5:
            break
    return round(time.monotonic() - started, 1)


def check_pages(port: int, users: list[dict[str, str]]) -> None:
    """Every user gets their log and Mine logger (200, not a redirect to the login)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    for user in users:
        for page in ("log", "mine"):
            request = urllib.request.Request(  # noqa: S310
                f"http://127.0.0.1:{port}{user[page]}",
                headers={"Host": user["host"], "Cookie": f"sessionid={user['sessionid']}"},
            )
            with opener.open(request, timeout=30) as response:
                if response.status != 200:
                    raise RuntimeError(f"{user['username']} {page}: {response.status}")


def audit_reads(env: dict[str, str]) -> int:
    from run import shell  # noqa: PLC0415

    out = shell(
        env,
        "from audit.models import AuditEvent;"
        "print(AuditEvent.objects.filter(action='log.view').count())",
    )
    return int(out.strip().splitlines()[-1])


def run(env: dict[str, str], workers: str) -> dict[str, Any]:
    from run import app_server, free_port, gunicorn, manage, shell, start_nginx  # noqa: PLC0415

    started = time.monotonic()
    manage(
        env, "seed_load", "--municipalities", SEED_MUNICIPALITIES, "--logs", SEED_LOGS,
        "--entries", SEED_ENTRIES,
    )  # fmt: skip
    seed_seconds = round(time.monotonic() - started, 1)
    out = shell(
        env,
        "import json;from devdata.load import bench_users;"
        f"print('USERS'+json.dumps(bench_users({USERS})))",
    )
    users = json.loads(out.split("USERS", 1)[1])
    for user in users:
        user["mine"] = "/stafettlogg/"
    app_port, port = free_port(), free_port()
    app = gunicorn(app_port, workers, env)
    workdir = Path(env["DJANGO_MEDIA_ROOT"]).parent
    nginx = None
    results: dict[str, Any] = {}
    try:
        from run import wait_for  # noqa: PLC0415

        wait_for(f"http://127.0.0.1:{app_port}/stafettlogg/logg-inn/", users[0]["host"], app)
        nginx = start_nginx(workdir, app_port, proxy_port=port)
        wait_for(f"http://127.0.0.1:{port}/stafettlogg/logg-inn/", users[0]["host"], nginx)
        check_pages(port, users)
        for page, label in (("log", "log_200_entries"), ("mine", "mine_logger")):
            page_results = {}
            for mode, think in (("users", THINK_MS), ("saturation", (0, 0))):
                script = workdir / f"stafettlogg-{page}-{mode}.lua"
                script.write_text(lua_script(users, page, think))
                reads_before = audit_reads(env)
                r = run_wrk(f"http://127.0.0.1:{port}/", script, len(users))
                r["idle_after_s"] = wait_until_idle(port, users[0]["host"])
                if page == "log":
                    # Every log read is in the audit chain: one event per request the server
                    # answered (also any that wrk gave up on).
                    r["log_reads_audited"] = audit_reads(env) - reads_before
                page_results[mode] = r
                print(
                    f"stafettlogg {label} ({mode}, {len(users)} brukere): "
                    f"{r['requests_per_second']}/s, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
                    f"p99 {r['p99_ms']} ms, sendt {r['sent']}, svar {r['requests']}, "
                    f"feil {r['errors']}"
                )
            users_run = page_results["users"]
            page_results["meets_target"] = (
                users_run["requests"] > 0
                and users_run["p95_ms"] <= TARGET_P95_MS
                and users_run["errors"] == 0
                and page_results["saturation"]["requests"] > 0
                and page_results["saturation"]["errors"] == 0
            )
            results[label] = page_results
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        app.terminate()
        app.wait(timeout=20)
    return {
        "seed": {
            "municipalities": int(SEED_MUNICIPALITIES),
            "logs": int(SEED_LOGS),
            "entries": int(SEED_ENTRIES),
            "seconds": seed_seconds,
        },
        "users": len(users),
        "connections": len(users),
        "think_time_ms": list(THINK_MS),
        "send_seconds": SEND_SECONDS,
        "grace_seconds": GRACE_SECONDS,
        "app_server": app_server(workers) + ", behind nginx (no keep-alive to gunicorn)",
        "target_p95_ms": TARGET_P95_MS,
        **results,
        "all_targets_met": all(r["meets_target"] for r in results.values()),
    }
