"""Whole-process cost of ``awesome-lint`` next to a bare mistune parse of the same file.

For each Markdown file of the corpus (default ``../shared/corpus`` beside the repository), runs

* lint: ``python -m awesome_lint --format json FILE`` (the whole tool, start-up included)
* bare: a process that only imports mistune and parses the text (``renderer=None``)

``--runs`` times each (default 5), the two interleaved, and prints the median wall time of
each, the median of the runs' lint/bare ratios (wall and CPU, user + system, from ``os.wait4``;
CPU is the steadier on a shared machine) and the peak memory (maximum resident set size of that
very process). The package is byte-compiled first, as an installation does.
Goal: on the largest file the lint takes at most 1.3x the bare parse and peaks below 80 MB.

``--scale 4,16`` also measures each file at 4 and 16 times its size: concatenated copies whose
headings are renamed per copy (so that anchors and sections stay distinct), as issue 14 asks.

``--phases`` (Linux) then lints each file once more in a child that reports where its memory
peaks: the resident size after the parse, the house style and the rules, each phase's own peak
(the kernel's high-water mark, reset as the phase starts) and the rules that raise it most.

Usage: python bench/lint_speed.py [--runs N] [--scale 4,16] [--phases] [CORPUS_DIR_OR_FILE ...]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from links_speed import ensure_bytecode  # this folder's other bench

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
BARE = (
    "import sys, mistune\n"
    "text = open(sys.argv[1], encoding='utf-8-sig').read()\n"
    "mistune.create_markdown(renderer=None)(text)\n"
)


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds
    peak: float  # maximum resident MB
    status: int


def measure(command: list[str]) -> Run:
    """One child process, measured."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    # ru_maxrss is in kB on Linux
    return Run(wall, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def interleaved(lint: list[str], bare: list[str], runs: int) -> tuple[list[Run], list[Run]]:
    """``runs`` pairs, lint then bare, so that a change in the machine's load hits both."""
    pairs = [(measure(lint), measure(bare)) for _ in range(runs)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def median_ratio(lint: list[Run], bare: list[Run], field: str) -> float:
    return statistics.median(
        getattr(a, field) / getattr(b, field) for a, b in zip(lint, bare, strict=True)
    )


def scaled_copy(path: Path, times: int, folder: Path) -> Path:
    """``times`` copies of the file one after another, each copy's headings renamed. Written
    copy by copy: the children's peak memory counts what this process holds when it forks."""
    text = path.read_text(encoding="utf-8-sig")
    scaled = folder / f"{path.stem}-x{times}.md"
    with scaled.open("w", encoding="utf-8") as out:
        for n in range(times):
            out.write(re.sub(r"(?m)^(#{1,6} .*?)\s*$", rf"\1 (copy {n})", text) if n else text)
            out.write("\n")
    return scaled


PHASES = """
import sys
from awesome_lint import console, engine

def resident():  # (VmRSS, VmHWM) in MB
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return tuple(int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))

def new_peak():  # the high-water mark starts again from the resident size
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")
    return resident()[0]

def phase(name, call):
    def measured(*args):
        start = new_peak()
        result = call(*args)
        now, peak = resident()
        rows.append((name, start, peak, now))
        return result
    return measured

rows = []
engine.parse_source = phase("parse", engine.parse_source)
engine.Engine.house_style = phase("house style", engine.Engine.house_style)
run_rule = engine.Engine._run
engine.Engine._run = lambda self, rule, *rest: phase(rule.code, run_rule)(self, rule, *rest)
exit_now = console.fast_exit

def report(code):
    rules = [row for row in rows if row[0].startswith("AL")]
    others = [row for row in rows if not row[0].startswith("AL")]
    shown = others + sorted(rules, key=lambda row: row[1] - row[2])[:3]
    for name, start, peak, now in shown:
        print(f"{name:>12}: from {start:6.1f} MB, peak {peak:6.1f} (+{peak - start:5.1f}), "
              f"then {now:6.1f}", file=sys.stderr)
    peak = max([resident()[1]] + [row[2] for row in rows])  # (the last reset: the last rule)
    print(f"{'process':>12}: peak {peak:6.1f} MB", file=sys.stderr)
    exit_now(code)

console.fast_exit = report
sys.argv[0] = "awesome-lint"
console.run()
"""


def phase_peaks(path: Path) -> str:
    """The ``PHASES`` child's report on ``path`` (its stderr)."""
    command = [sys.executable, "-c", PHASES, "--format", "json", "--max-size", "1GB", str(path)]
    child = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return child.stderr


def corpus_files(arguments: list[str]) -> list[Path]:
    files: list[Path] = []
    for argument in arguments or [str(DEFAULT_CORPUS)]:
        path = Path(argument)
        files.extend(sorted(path.glob("*.md")) if path.is_dir() else [path])
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help=f"files or folders (default {DEFAULT_CORPUS})")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", default="", help="also these multiples of each file: 4,16")
    parser.add_argument("--phases", action="store_true", help="where each file's memory peaks")
    args = parser.parse_args()
    files = corpus_files(args.paths)
    scratch = Path(tempfile.mkdtemp(prefix="lint-speed-"))
    scales = [int(n) for n in args.scale.split(",") if n.strip()]
    files = [f for path in files for f in [path, *(scaled_copy(path, n, scratch) for n in scales)]]
    if not files:
        print(f"no corpus files found (looked in {args.paths or DEFAULT_CORPUS})", file=sys.stderr)
        return 2
    ensure_bytecode()
    columns = [
        ("lines", 6),
        ("lint s", 7),
        ("bare s", 7),
        ("ratio", 6),
        ("cpu ratio", 9),
        ("lint MB", 8),
        ("bare MB", 8),
    ]
    header = f"{'file':48} " + " ".join(f"{name:>{width}}" for name, width in columns)
    print(
        f"python {sys.version.split()[0]}, median of {args.runs} interleaved runs, "
        f"load {os.getloadavg()[0]:.1f}, peak = max RSS"
    )
    print(header)
    print("-" * len(header))
    worst = 0
    for path in files:
        lines = path.read_bytes().count(b"\n")
        lint, bare = interleaved(
            [
                sys.executable,
                "-m",
                "awesome_lint",
                "--format",
                "json",
                "--max-size",
                "1GB",
                str(path),
            ],
            [sys.executable, "-c", BARE, str(path)],
            args.runs,
        )
        status = max(run.status for run in lint)
        note = "" if status in (0, 1) else f"  (lint exit {status})"
        worst = max(worst, status)
        print(
            f"{path.name[:48]:48} {lines:6d} {statistics.median(r.wall for r in lint):7.3f} "
            f"{statistics.median(r.wall for r in bare):7.3f} "
            f"{median_ratio(lint, bare, 'wall'):6.2f} {median_ratio(lint, bare, 'cpu'):9.2f} "
            f"{max(r.peak for r in lint):8.1f} {max(r.peak for r in bare):8.1f}{note}"
        )
    for path in files if args.phases else ():
        print(f"\nmemory by phase, {path.name} (VmRSS; peak = VmHWM reset as each phase starts)")
        print(phase_peaks(path), end="")
    return 0 if worst < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
