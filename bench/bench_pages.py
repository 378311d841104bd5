"""Pages in production shape: gunicorn (2 workers, production settings, collected static, a
seeded database) on the loopback, loaded by `wrk`, next to a bare Django view served the same
way in the same run; plus 8 concurrent voters POSTing votes (logged in, with CSRF).

Three servers run at once: Vraagbaak with the logged-out page cache, Vraagbaak without it, and
the bare view. Each page is loaded for BENCH_PAGES_SECONDS (default 4) per mode, with a bare
load before every page, so drift on a shared machine hits both sides of each ratio alike.
SQL queries per page come from the test client in the seeding process (the same database).

Only `make bench`/`make bench-pages` run this; `wrk` comes from Debian (the Make target
installs it). Results are printed and, with BENCH_RESULTS=path.md, appended as Markdown.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = int(os.environ.get("BENCH_PAGES_SECONDS", "4"))
CONNECTIONS = int(os.environ.get("BENCH_PAGES_CONNECTIONS", "8"))
PORTS = {"cached": 8105, "uncached": 8106, "bare": 8108}
VOTERS = 8
# BENCH_PAGES_ONLY=votes runs the vote POSTs alone (e.g. once more on PostgreSQL with
# BENCH_DATABASE_URL=postgres://…), skipping the page loads.
ONLY = os.environ.get("BENCH_PAGES_ONLY", "")

# Percentiles and counts from wrk itself, printed as one JSON line after the load.
DONE_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, '
    .. '"errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""

# Each wrk thread is one voter with its own session; it votes up and retracts in turn.
VOTE_LUA = """
local sessions = %(sessions)s
local answers = %(answers)s
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("n", counter)
end
init = function(args)
  local s = sessions[n]
  wrk.headers["Cookie"] = "sessionid=" .. s.sessionid .. "; csrftoken=" .. s.csrftoken
  wrk.headers["X-CSRFToken"] = s.csrftoken
  wrk.headers["X-Requested-With"] = "fetch"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  i = 0
end
request = function()
  i = i + 1
  local answer = answers[((n * 7 + i) %% #answers) + 1]
  return wrk.format("POST", "/community/answer/" .. answer .. "/vote/", nil, "value=1")
end
"""


def _environment(workdir: Path, *, cached: bool) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "vraagbaak.settings.production",
            "SECRET_KEY": "bench-throwaway-key-for-one-run",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "VRAAGBAAK_VAR_DIR": str(workdir),
            "DATABASE_URL": os.environ.get(
                "BENCH_DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}"
            ),
            "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
            "PAGE_CACHE_ENABLED": "1" if cached else "0",
            "TASKS_BACKEND": os.environ.get("TASKS_BACKEND", "immediate"),
            # One wrk client is one visitor: measure the endpoint, not its per-visitor limit.
            "SEARCH_SUGGEST_RATE": "100000000",
            "SEARCH_PAGE_RATE": "100000000",
        }
    )
    return env


def _wrk() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is missing: `make bench-pages` installs it (apt-get install wrk).")
    return found


def _serve(app: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
        raise RuntimeError(f"port {port} is already serving: stop that server first")
    except OSError:
        pass
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--error-logfile",
            str(log),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(120):
        if process.poll() is not None:
            raise RuntimeError(f"{app} exited; see {log}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)  # noqa: S310
            return process
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"{app} did not start on port {port}; see {log}")


def load(
    port: int,
    path: str,
    *,
    cookies: dict | None = None,
    script: str = "",
    connections: int = CONNECTIONS,
    threads: int = 2,
    seconds: int = SECONDS,
) -> dict:
    """`wrk` for `seconds` on one URL; returns requests/s, p50/p95/p99 (ms) and error counts."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + DONE_LUA)
    command = [
        _wrk(),
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        "10s",
        "-s",
        lua.name,
    ]
    if cookies:
        command += ["-H", "Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items())]
    out = subprocess.run(  # noqa: S603 (wrk from PATH, our own arguments)
        command + [f"http://127.0.0.1:{port}{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(lua.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    figures = json.loads(line[len("RESULT ") :])
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def _warm(port: int, path: str, cookies: dict | None) -> bool:
    """Two requests before the load (so it measures the steady state, not a stampede of
    first renders); True when the second came from the page cache."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    for _ in range(2):
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            hit = response.headers.get("X-Page-Cache") == "hit"
    return hit


def _row(name: str, mode: str, figures: dict, bare: dict, queries) -> dict:
    row = {
        "page": name,
        "mode": mode,
        **figures,
        "queries": queries,
        "vs_bare": bare["rps"] / figures["rps"] if figures["rps"] else float("inf"),
    }
    print(
        f"{name:<24} {mode:<18} {figures['rps']:8.1f} req/s  p50 {figures['p50']:7.1f} ms  "
        f"p95 {figures['p95']:7.1f} ms  p99 {figures['p99']:7.1f} ms  "
        f"err {figures['errors']:3d}  non-2xx "
        f"{figures['non2xx']:4d}  {queries!s:>4} SQL  1/{row['vs_bare']:.1f} of bare",
        flush=True,
    )
    return row


def run():
    wrk = _wrk()
    # Kept between runs (under var/, git-ignored): seeding takes minutes, a re-run seconds.
    # One per database: media, static files and the search index belong to its rows.
    workdir = (
        ROOT / "var" / ("bench-pages-pg" if _database_name() == "PostgreSQL" else "bench-pages")
    )
    workdir.mkdir(parents=True, exist_ok=True)
    for log in workdir.glob("*.log"):
        log.unlink()  # "database is locked" is counted in this run's logs only
    servers = []
    try:
        print(f"seeding {workdir} (migrate, demo, a question with 100 answers)…", flush=True)
        env = _environment(workdir, cached=True)
        _flush_redis(env["REDIS_URL"])
        seeded = subprocess.run(
            [sys.executable, "-m", "bench.pages_site"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if seeded.returncode:
            raise RuntimeError(seeded.stderr[-3000:])
        site = json.loads(seeded.stdout.strip().splitlines()[-1])
        for app, port, server_env, log in [
            ("vraagbaak.wsgi:application", PORTS["cached"], env, "cached.log"),
            (
                "vraagbaak.wsgi:application",
                PORTS["uncached"],
                _environment(workdir, cached=False),
                "uncached.log",
            ),
            (
                "bench.bare_site:application",
                PORTS["bare"],
                dict(env, DJANGO_SETTINGS_MODULE="bench.bare_site"),
                "bare.log",
            ),
        ]:
            servers.append(_serve(app, port, server_env, workdir / log))
        print(
            f"wrk {wrk}: {SECONDS} s per load, {CONNECTIONS} connections, 2 threads; "
            f"{os.cpu_count()} cores",
            flush=True,
        )
        rows = [] if ONLY == "votes" else _pages(site)
        rows += _votes(site, workdir)
        _write(rows)
    finally:
        for process in servers:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _flush_redis(url: str) -> None:
    """The bench's own Redis database starts empty: no page cached by an earlier run."""
    import redis

    redis.Redis.from_url(url).flushdb()


def _pages(site: dict) -> list[dict]:
    session = {k: site["sessions"][0][k] for k in ("sessionid", "csrftoken")}
    modes = [
        ("logged out, cache on", "cached", None, "logged out"),
        ("logged out, cache off", "uncached", None, "logged out"),
        ("logged in", "uncached", session, "logged in"),
    ]
    rows = []
    for name, url in site["urls"].items():
        for mode, server, cookies, counted in modes:
            bare = load(PORTS["bare"], "/")
            hit = _warm(PORTS[server], url, cookies)
            figures = load(PORTS[server], url, cookies=cookies)
            queries = site["queries"][f"{counted}|{name}"]["queries"]
            if hit:
                queries = "0 (hit)"
            rows.append(_row(name, mode, figures, bare, queries))
    return rows


def _votes(site: dict, workdir: Path) -> list[dict]:
    script = VOTE_LUA % {
        "sessions": "{"
        + ", ".join(
            f'{{sessionid="{s["sessionid"]}", csrftoken="{s["csrftoken"]}"}}'
            for s in site["sessions"]
        )
        + "}",
        "answers": "{" + ", ".join(map(str, site["answers"])) + "}",
    }
    bare = load(PORTS["bare"], "/")
    figures = load(PORTS["uncached"], "/", script=script, connections=VOTERS, threads=VOTERS)
    locked = sum(
        log.read_text(errors="replace").count("database is locked") for log in workdir.glob("*.log")
    )
    row = _row(f"vote POST ×{VOTERS} voters", "logged in", figures, bare, "-")
    row["locked"] = locked
    print(f"  'database is locked' in the server logs: {locked}", flush=True)
    return [row]


def _database_name() -> str:
    url = os.environ.get("BENCH_DATABASE_URL", "")
    return "PostgreSQL" if url.startswith(("postgres:", "postgresql:")) else "SQLite"


def _write(rows: list[dict]) -> None:
    target = os.environ.get("BENCH_RESULTS")
    if not target:
        return
    import platform

    import django
    import gunicorn
    import wagtail

    wrk_version = subprocess.run(  # noqa: S603 (wrk from PATH, fixed arguments)
        [_wrk(), "-v"], capture_output=True, text=True
    ).stdout.split()
    lines = [
        f"Pages: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
        f"Python {platform.python_version()}, Django {django.__version__}, Wagtail "
        f"{wagtail.__version__}, gunicorn {gunicorn.__version__} (2 workers), "
        f"{' '.join(wrk_version[:2])}; {SECONDS} s per load, {CONNECTIONS} connections; "
        f"{_database_name()}, Redis cache. SQL = queries per request measured with the test client "
        f"(uncached render), `0 (hit)` when served from the page cache.",
        "",
        "| page | mode | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | SQL | bare ÷ page |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['page']} | {r['mode']} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['p99']:.1f} | {r['errors']} | {r['non2xx']} | {r['queries']} "
            f"| {r['vs_bare']:.1f} |"
        )
    with open(target, "a") as out:
        out.write("\n".join(lines) + "\n")
