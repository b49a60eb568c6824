"""Whole-process cost of ``awesome-lint`` next to a bare mistune parse of the same file.

For each Markdown file of the corpus (default ``../shared/corpus`` beside the repository), runs

* lint: ``python -m awesome_lint --format json FILE`` (the whole tool, start-up included)
* bare: a process that only imports mistune and parses the text (``renderer=None``)

``--runs`` times each (default 5) and prints the median wall time, the peak memory (maximum
resident set size of that very process, from ``os.wait4``) and the lint/bare time ratio.
Goal: on the largest file the lint takes at most 1.5x the bare parse and peaks below 80 MB.

Usage: python bench/lint_speed.py [--runs N] [CORPUS_DIR_OR_FILE ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
BARE = (
    "import sys, mistune\n"
    "text = open(sys.argv[1], encoding='utf-8-sig').read()\n"
    "mistune.create_markdown(renderer=None)(text)\n"
)


def measure(command: list[str]) -> tuple[float, float, int]:
    """(wall seconds, peak resident MB, exit status) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024, child.returncode  # ru_maxrss is in kB on Linux


def median_run(command: list[str], runs: int) -> tuple[float, float, int]:
    results = [measure(command) for _ in range(runs)]
    walls, peaks, statuses = zip(*results, strict=True)
    return statistics.median(walls), max(peaks), max(statuses)


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
    args = parser.parse_args()
    files = corpus_files(args.paths)
    if not files:
        print(f"no corpus files found (looked in {args.paths or DEFAULT_CORPUS})", file=sys.stderr)
        return 2
    columns = [
        ("lines", 6),
        ("lint s", 7),
        ("bare s", 7),
        ("ratio", 6),
        ("lint MB", 8),
        ("bare MB", 8),
    ]
    header = f"{'file':48} " + " ".join(f"{name:>{width}}" for name, width in columns)
    print(f"python {sys.version.split()[0]}, median of {args.runs} runs, peak = max RSS")
    print(header)
    print("-" * len(header))
    worst = 0
    for path in files:
        lines = path.read_bytes().count(b"\n")
        lint = median_run(
            [sys.executable, "-m", "awesome_lint", "--format", "json", str(path)], args.runs
        )
        bare = median_run([sys.executable, "-c", BARE, str(path)], args.runs)
        note = "" if lint[2] in (0, 1) else f"  (lint exit {lint[2]})"
        worst = max(worst, lint[2])
        print(
            f"{path.name[:48]:48} {lines:6d} {lint[0]:7.3f} {bare[0]:7.3f} "
            f"{lint[0] / bare[0]:6.2f} {lint[1]:8.1f} {bare[1]:8.1f}{note}"
        )
    return 0 if worst < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
