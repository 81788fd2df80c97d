"""The national advisers' part of `make bench` (BENCH_PARTS=grants): top the grant scheme up to
357 municipalities (manage.py seed_grants), start gunicorn with the production settings behind
nginx as the stafettlogg part does, give BENCH_GRANTS_USERS sessions of Bufdir's demo adviser
(as a login with password and TOTP on the national host leaves them), and run wrk against the
advisers' overview (/tilskudd/, the first page of 50, sorted by name).

Two loads, both with one connection per user (see stafettlogg_load for how they are counted):
``users`` (think time between requests; the target, p95 and zero errors, is checked on it)
and ``saturation`` (no think time: the server's capacity).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

IN_SCHEME = os.environ.get("BENCH_GRANTS_MUNICIPALITIES", "357")
USERS = int(os.environ.get("BENCH_GRANTS_USERS", "20"))
ADVISER = "bufdir-radgiver"
NATIONAL_HOST = "localhost"
PAGE = "/tilskudd/"
THINK_MS = (500, 1500)
TARGET_P95_MS = 150.0


def run(env: dict[str, str], workers: str) -> dict[str, Any]:
    from run import app_server, free_port, gunicorn, manage, shell, start_nginx, wait_for  # noqa: PLC0415
    from stafettlogg_load import lua_script, run_wrk, wait_until_idle  # noqa: PLC0415

    started = time.monotonic()
    manage(env, "seed_grants", "--in-scheme", IN_SCHEME)
    seed_seconds = round(time.monotonic() - started, 1)
    out = shell(
        env,
        "import json;from devdata.grants_seed import national_sessions;"
        "from grants.models import GrantProject;"
        f"print('SESSIONS'+json.dumps([national_sessions({ADVISER!r}, {USERS}),"
        "GrantProject.objects.count()]))",
    )
    keys, in_scheme = json.loads(out.split("SESSIONS", 1)[1])
    users = [{"host": NATIONAL_HOST, "sessionid": key, "overview": PAGE} for key in keys]
    app_port, port = free_port(), free_port()
    app = gunicorn(app_port, workers, env)
    workdir = Path(env["DJANGO_MEDIA_ROOT"]).parent
    nginx = None
    results: dict[str, Any] = {}
    try:
        wait_for(f"http://127.0.0.1:{app_port}/stafettlogg/logg-inn/", NATIONAL_HOST, app)
        nginx = start_nginx(workdir, app_port, proxy_port=port)
        wait_for(f"http://127.0.0.1:{port}/stafettlogg/logg-inn/", NATIONAL_HOST, nginx)
        _check_overview(port, keys[0])
        for mode, think in (("users", THINK_MS), ("saturation", (0, 0))):
            script = workdir / f"grants-overview-{mode}.lua"
            script.write_text(lua_script(users, "overview", think))
            r = run_wrk(f"http://127.0.0.1:{port}/", script, len(users))
            r["idle_after_s"] = wait_until_idle(port, NATIONAL_HOST)
            results[mode] = r
            print(
                f"tilskudd oversikt ({mode}, {len(users)} rådgivere, {in_scheme} kommuner): "
                f"{r['requests_per_second']}/s, p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, "
                f"p99 {r['p99_ms']} ms, svar {r['requests']}, feil {r['errors']}"
            )
    finally:
        if nginx is not None:
            nginx.terminate()
            nginx.wait(timeout=10)
        app.terminate()
        app.wait(timeout=20)
    users_run = results["users"]
    meets = (
        users_run["requests"] > 0
        and users_run["p95_ms"] <= TARGET_P95_MS
        and users_run["errors"] == 0
        and results["saturation"]["requests"] > 0
        and results["saturation"]["errors"] == 0
    )
    return {
        "seed": {"municipalities_in_scheme": in_scheme, "seconds": seed_seconds},
        "page": PAGE,
        "users": len(users),
        "think_time_ms": list(THINK_MS),
        "app_server": app_server(workers) + ", behind nginx (no keep-alive to gunicorn)",
        "target_p95_ms": TARGET_P95_MS,
        "overview": results,
        "meets_target": meets,
        "all_targets_met": meets,
    }


def _check_overview(port: int, session_key: str) -> None:
    """The adviser gets the overview (200 with a full page of municipalities), not the login."""
    import urllib.request  # noqa: PLC0415

    request = urllib.request.Request(  # noqa: S310
        f"http://127.0.0.1:{port}{PAGE}",
        headers={"Host": NATIONAL_HOST, "Cookie": f"sessionid={session_key}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        body = response.read().decode()
        if response.status != 200 or body.count('<th scope="row">') < 50:
            raise RuntimeError(f"the overview did not answer as expected: {response.status}")
