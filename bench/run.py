"""Benchmark of public model pages. Started by `make bench` (scripts/bench.sh), which provides
a private PostgreSQL database in DATABASE_URL.

Three servers on loopback:
- app: gunicorn with the production settings (DEBUG off) on PostgreSQL: the uncached render;
- cache: nginx with proxy_cache in front of the app, as in production (ADR 002);
- static: nginx serving the same pages, saved as files.
The same nginx also proxies without a cache (the stafettlogg part, bench/stafettlogg_load.py).
wrk is the load generator. Results: bench/results/model-pages-<time>.json and latest.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
HOST = "eksempelvik.localhost"
DURATION = os.environ.get("BENCH_DURATION", "8s")
TARGET_CACHED_RATIO = 0.5
TARGET_UNCACHED_P50_MS = 30.0
TARGET_PDF_SECONDS = 2.0
PDF_RUNS = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": "bench-only-secret-" + "k" * 40,
            "SAMHANDLING_FNR_KEYS": "dGVzdC1vbmx5LWZuci1rZXktMDEyMzQ1Njc4OWFiY2Q=",
            "SAMHANDLING_FNR_HASH_KEY": "test-only-fnr-hash-key-0123456789abcdef",
            "DJANGO_ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_MEDIA_ROOT": str(workdir / "media"),
            # load_demo and seed_load (the devdata app) on the benchmark's throwaway database.
            "SAMHANDLING_DEV_DATA": "true",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_for(url: str, host: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310
            urllib.request.urlopen(request, timeout=2)  # noqa: S310
            return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"server exited: {url}") from None
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url}")


def fetch(url: str, host: str) -> bytes:
    request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return bytes(response.read())


def shell(env: dict[str, str], code: str) -> str:
    """Run Python code in ``manage.py shell`` and return what it printed."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def page_paths(env: dict[str, str]) -> list[str]:
    code = (
        "from municipalities.models import Municipality;"
        "from samhandlingsmodell.models import *;"
        "home=Municipality.objects.get(number='9901').site.root_page;"
        "pages=[LevelPage.objects.child_of(home).live().first(),"
        "ElementPage.objects.descendant_of(home).live().public().first(),"
        "ServicePage.objects.descendant_of(home).live().first(),"
        "TiltakCatalogPage.objects.child_of(home).live().first()];"
        "from handlingsveileder.models import HandlingsveilederPage;"
        "site=home.get_site();"
        "guide=HandlingsveilederPage.objects.child_of(home).get().relative_url(site);"
        "print('\\n'.join(['/']+[p.relative_url(site) for p in pages]+[guide, guide+'niva-0/1/']))"
    )
    return [line for line in shell(env, code).splitlines() if line.startswith("/")]


NGINX_CONF = """
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  keepalive_requests 100000;
  proxy_cache_path {workdir}/cache levels=1:2 keys_zone=pages:10m max_size=200m inactive=10m;
  client_body_temp_path {workdir}/tmp-body;
  proxy_temp_path {workdir}/tmp-proxy;
  fastcgi_temp_path {workdir}/tmp-fcgi;
  uwsgi_temp_path {workdir}/tmp-uwsgi;
  scgi_temp_path {workdir}/tmp-scgi;
  # No keep-alive to gunicorn: each request is a new connection, accepted by a worker that is
  # free. A kept-alive upstream connection stays with the worker that accepted it, and under
  # load a few workers then queue most requests while others idle (ADR 010).
  upstream app {{ server 127.0.0.1:{app_port}; }}
  server {{
    listen 127.0.0.1:{proxy_port};
    location / {{
      proxy_pass http://app;
      proxy_set_header Host $http_host;
    }}
  }}
  server {{
    listen 127.0.0.1:{cache_port};
    location / {{
      proxy_pass http://app;
      proxy_set_header Host $http_host;
      proxy_cache pages;
      proxy_cache_key $scheme$host$request_uri;
      proxy_cache_bypass $cookie_sessionid;
      proxy_no_cache $cookie_sessionid;
      proxy_cache_lock on;
      proxy_cache_use_stale updating;
      add_header X-Cache $upstream_cache_status;
    }}
  }}
  server {{
    listen 127.0.0.1:{static_port};
    root {workdir}/static-pages;
    default_type text/html;
    location / {{ try_files $uri $uri/index.html =404; }}
  }}
}}
"""

WRK_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("JSON{\\"requests\\":%d,\\"errors\\":%d,\\"duration_us\\":%d,"
    .. "\\"p50_us\\":%d,\\"p99_us\\":%d,\\"mean_us\\":%.1f}\\n",
    summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout,
    summary.duration, latency:percentile(50), latency:percentile(99), latency.mean))
end
"""


def wrk(url: str, host: str, script: Path, connections: int, threads: int) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            DURATION,
            "-H",
            f"Host: {host}",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    match = re.search(r"JSON(\{.*\})", out)
    if match is None:
        raise RuntimeError("wrk gave no result:\n" + out)
    raw = json.loads(match.group(1))
    seconds = raw["duration_us"] / 1e6
    return {
        "requests_per_second": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "requests": raw["requests"],
        "errors": raw["errors"],
    }


def pdf_generation_seconds(env: dict[str, str]) -> list[float]:
    """Render the whole guide PDF PDF_RUNS + 1 times in one fresh process, without the cache;
    the first run includes WeasyPrint's start-up (import, fontconfig, fonts), which web workers
    do when they start (config/wsgi.py) and this process does not."""
    code = (
        "import time;from django.utils import translation;translation.activate('nb');"
        "from municipalities.models import Municipality;"
        "from handlingsveileder.models import HandlingsveilederPage;"
        "from handlingsveileder.selectors import guide_for_page;"
        "from handlingsveileder.pdf import render_pdf;"
        "m=Municipality.objects.get(number='9901');"
        "p=HandlingsveilederPage.objects.child_of(m.site.root_page).get();"
        "ctx={'page':p,'guide':guide_for_page(p,m),'municipality':m};out=[]\n"
        f"for _ in range({PDF_RUNS + 1}):\n"
        "    t=time.perf_counter();render_pdf('handlingsveileder/pdf/guide.html',ctx)\n"
        "    out.append(round(time.perf_counter()-t,3))\n"
        "print(out)"
    )
    last = shell(env, code).strip().splitlines()[-1]  # the shell may print a banner first
    return [float(x) for x in last.strip("[]").split(",")]


def start_nginx(
    workdir: Path, app_port: int, *, proxy_port: int = 0, cache_port: int = 0, static_port: int = 0
) -> subprocess.Popen:
    """nginx in front of the app on ``app_port``: a plain proxy on ``proxy_port``, the front
    cache on ``cache_port`` and the saved pages on ``static_port`` (free ports if 0)."""
    ports = {
        "proxy_port": proxy_port or free_port(),
        "cache_port": cache_port or free_port(),
        "static_port": static_port or free_port(),
    }
    (workdir / "nginx.conf").write_text(
        NGINX_CONF.format(workdir=workdir, app_port=app_port, **ports)
    )
    return subprocess.Popen(
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-p",
            str(workdir),
            "-c",
            str(workdir / "nginx.conf"),
            "-g",
            "daemon off;",
        ],
    )


def gunicorn(port: int, workers: str, env: dict[str, str]) -> subprocess.Popen:
    """The app server as production runs it (config/gunicorn.py), with ``workers`` processes."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--config",
            "config/gunicorn.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def gunicorn_settings() -> ModuleType:
    """The production settings of the app server (config/gunicorn.py)."""
    sys.path.insert(0, str(ROOT))
    from config import gunicorn as conf  # noqa: PLC0415

    return conf


def app_server(workers: str) -> str:
    """How the app server runs, for the results."""
    conf = gunicorn_settings()
    if conf.worker_class == "gthread":
        how = f"({conf.threads} threads each, keep-alive {conf.keepalive} s)"
    else:
        how = "(one request at a time each)"
    return f"gunicorn {conf.worker_class} x{workers} {how}, DEBUG off, PostgreSQL"


def first_pdf_from_fresh_server(env: dict[str, str], guide_path: str) -> dict[str, float]:
    """What a reader gets right after a deploy: a freshly started app server (one worker) and
    no PDF in the cache. The clock runs from the server's start until it answers a page, then
    for the first request for the whole guide's PDF, then for a second one (from the cache)."""
    shell(env, "from django.core.cache import cache; cache.clear()")
    port = free_port()
    started = time.perf_counter()
    server = gunicorn(port, "1", env)
    try:
        wait_for(f"http://127.0.0.1:{port}/", HOST, server)
        ready = time.perf_counter() - started
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            fetch(f"http://127.0.0.1:{port}{guide_path}pdf/", HOST)
            timings.append(time.perf_counter() - started)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return {
        "fresh_server_ready_s": round(ready, 3),
        "fresh_server_first_pdf_s": round(timings[0], 3),
        "fresh_server_cached_pdf_s": round(timings[1], 3),
    }


PARTS = ("pages", "stafettlogg", "grants")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument(
        "--parts",
        default=os.environ.get("BENCH_PARTS", ",".join(PARTS)),
        help="comma-separated: pages (model pages, guide PDF), stafettlogg (seed + load), "
        "grants (the national advisers' overview with 357 municipalities in the scheme)",
    )
    args = parser.parse_args()
    parts = [p for p in args.parts.split(",") if p]
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    workdir: Path = args.workdir
    env = app_env(workdir)
    workers = str(gunicorn_settings().workers)  # as production runs it

    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "createcachetable")
    manage(env, "load_demo", "--allow-demo-users", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")

    result: dict = {
        "benchmark": "model-pages",
        "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
        "duration_per_run": DURATION,
        "app_server": app_server(workers),
        "parts": parts,
    }
    met = []
    if "pages" in parts:
        result.update(model_pages(env, workdir, workers))
        met.append(result["all_targets_met"])
    if "stafettlogg" in parts:
        import stafettlogg_load  # noqa: PLC0415 (bench/, next to this file)

        result["stafettlogg"] = stafettlogg_load.run(env, workers)
        met.append(result["stafettlogg"]["all_targets_met"])
    if "grants" in parts:
        import grants_load  # noqa: PLC0415 (bench/, next to this file)

        result["grants"] = grants_load.run(env, workers)
        met.append(result["grants"]["all_targets_met"])
    result["all_targets_met"] = all(met)

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = json.dumps(result, indent=2, ensure_ascii=False)
    # latest.json is the last complete run; a run of some parts only gets its own file.
    name = "model-pages" if set(parts) == set(PARTS) else "-".join(parts)
    (RESULTS / f"{name}-{stamp}.json").write_text(text)
    if set(parts) == set(PARTS):
        (RESULTS / "latest.json").write_text(text)
    print(
        f"Resultater: bench/results/{name}-{stamp}.json "
        f"(alle mål nådd: {result['all_targets_met']})"
    )
    return 0


def model_pages(env: dict[str, str], workdir: Path, workers: str) -> dict:
    """Model pages (uncached, front cache, static) and the guide PDF."""
    paths = page_paths(env)
    app_port, cache_port, static_port = free_port(), free_port(), free_port()
    app = gunicorn(app_port, workers, env)
    nginx = None
    try:
        wait_for(f"http://127.0.0.1:{app_port}/", HOST, app)
        static_root = workdir / "static-pages"
        for path in paths:
            target = static_root / path.strip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(fetch(f"http://127.0.0.1:{app_port}{path}", HOST))
        nginx = start_nginx(workdir, app_port, cache_port=cache_port, static_port=static_port)
        wait_for(f"http://127.0.0.1:{static_port}/", HOST, nginx)
        wait_for(f"http://127.0.0.1:{cache_port}/", HOST, nginx)
        script = workdir / "report.lua"
        script.write_text(WRK_LUA)

        pages = []
        for path in paths:
            fetch(f"http://127.0.0.1:{cache_port}{path}", HOST)  # fill the cache
            static = wrk(f"http://127.0.0.1:{static_port}{path}", HOST, script, 64, 2)
            cached = wrk(f"http://127.0.0.1:{cache_port}{path}", HOST, script, 64, 2)
            uncached = wrk(f"http://127.0.0.1:{app_port}{path}", HOST, script, 1, 1)
            uncached_load = wrk(f"http://127.0.0.1:{app_port}{path}", HOST, script, 8, 2)
            ratio = cached["requests_per_second"] / static["requests_per_second"]
            pages.append(
                {
                    "path": path,
                    "nginx_static": static,
                    "cached": cached,
                    "uncached_single_client": uncached,
                    "uncached_8_clients": uncached_load,
                    "cached_to_static_ratio": round(ratio, 3),
                    "meets_cached_target": ratio >= TARGET_CACHED_RATIO,
                    "meets_uncached_p50_target": uncached["p50_ms"] <= TARGET_UNCACHED_P50_MS,
                }
            )
            print(
                f"{path}: static {static['requests_per_second']}/s, cached "
                f"{cached['requests_per_second']}/s (ratio {ratio:.2f}), uncached p50 "
                f"{uncached['p50_ms']} ms"
            )
        guide_path = next(p for p in paths if p.endswith("handlingsveileder/"))
        http_seconds = []
        for _ in range(PDF_RUNS):
            started = time.perf_counter()
            fetch(f"http://127.0.0.1:{app_port}{guide_path}pdf/", HOST)
            http_seconds.append(time.perf_counter() - started)
        generation = pdf_generation_seconds(env)
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        app.terminate()
        app.wait(timeout=20)

    fresh = first_pdf_from_fresh_server(env, guide_path)
    pdf = {
        "path": guide_path + "pdf/",
        # A fresh process without the web worker's warm-up: includes importing WeasyPrint.
        "generation_cold_s": generation[0],
        "generation_warm_median_s": statistics.median(generation[1:]),
        "generation_warm_max_s": max(generation[1:]),
        # The app server of the page benchmarks, first PDF request (not cached yet).
        "http_first_s": round(http_seconds[0], 3),
        "http_cached_median_s": round(statistics.median(http_seconds[1:]), 3),
        **fresh,
        "meets_target": max(generation[1:]) <= TARGET_PDF_SECONDS
        and fresh["fresh_server_first_pdf_s"] <= TARGET_PDF_SECONDS,
    }
    print(
        f"PDF av hele veilederen: generering {pdf['generation_warm_median_s']} s "
        f"(kald prosess {pdf['generation_cold_s']} s), første forespørsel mot nystartet "
        f"server {pdf['fresh_server_first_pdf_s']} s, levert fra hurtigbuffer "
        f"{pdf['http_cached_median_s']} s"
    )

    return {
        "targets": {
            "cached_to_static_ratio_min": TARGET_CACHED_RATIO,
            "uncached_p50_ms_max": TARGET_UNCACHED_P50_MS,
            "guide_pdf_seconds_max": TARGET_PDF_SECONDS,
        },
        "pages": pages,
        "guide_pdf": pdf,
        "all_targets_met": pdf["meets_target"]
        and all(p["meets_cached_target"] and p["meets_uncached_p50_target"] for p in pages),
    }


if __name__ == "__main__":
    sys.exit(main())
