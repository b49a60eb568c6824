"""CPU time of the project's own parse: ``parse_document`` less mistune's block pass.

For the largest corpus list (or the files given) at 1x, 4x and 16x its size (concatenated
copies), prints the block pass and the rest of ``parse_document`` (best of ``--runs``, CPU time,
cyclic GC off as in the tool), and the own time per 1,000 entries: flat when the parse is linear.
Then generated lists of 1,000 and 4,000 units in the shapes whose reading once cost quadratic
time (one long list, many tables, bold titles over key-value bullets, run-together blocks,
``<br>`` lines): the 4,000 one should cost about 4 times the 1,000 one.

Usage: python bench/parse_speed.py [--runs N] [--scale 1,4,16] [--no-generated] [FILE ...]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

from awesome_lint.parse import parse_document
from awesome_lint.parse.blocks import segment

ROOT = Path(__file__).resolve().parent.parent
LARGEST = ROOT.parent / "shared" / "corpus" / "hee9joon__Awesome-Diffusion-Models__01be334.md"

GENERATED: dict[str, Callable[[int], str]] = {
    "one list": lambda n: (
        "## Papers\n\n"
        + "".join(
            f"- [Title {i}](https://arxiv.org/abs/{i}) [[code](https://github.com/a/{i})]\n"
            for i in range(n)
        )
    ),
    "tables": lambda n: "".join(
        f"## S{i}\n\n| Title | Paper |\n|-|-|\n"
        f"| T{i} | [x](https://arxiv.org/abs/{i}) |\n\nText.\n\n"
        for i in range(n)
    ),
    "titled lists": lambda n: "".join(
        f"**Title {i}**\n- Paper: https://arxiv.org/abs/{i}\n- Code: https://github.com/a/{i}\n\n"
        for i in range(n)
    ),
    "run-together blocks": lambda n: "".join(
        f"**Title {i}** \\\n*Ann Lee, Bo Kim* \\\n[[Paper](https://arxiv.org/abs/{i})]\n"
        for i in range(n)
    ),
    "br lines": lambda n: "".join(
        f"[Title {i}](https://arxiv.org/abs/{i}) - Ann Lee, CVPR 2020<br>\n" for i in range(n)
    ),
}


def cpu_best(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def report_file(path: Path, runs: int, scales: list[int]) -> None:
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    print(f"{path.name}")
    columns = ("size", 5), ("lines", 7), ("entries", 8), ("blocks s", 9), ("own s", 7)
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'own ms/1k entries':>18}")
    for times in scales:
        copy = text * times
        entries = len(parse_document(copy).entries)
        blocks = cpu_best(lambda copy=copy: segment(copy), runs)
        whole = cpu_best(lambda copy=copy: parse_document(copy), runs)
        own = whole - blocks
        per_k = own / max(entries, 1) * 1000 * 1000
        lines = copy.count("\n")
        print(f"{times:>4}x {lines:>7} {entries:>8} {blocks:>9.3f} {own:>7.3f} {per_k:>18.1f}")


def report_generated(runs: int) -> None:
    print(f"\n{'generated':22} {'1,000 s':>8} {'4,000 s':>8} {'ratio':>6}  (linear: 4)")
    for name, make in GENERATED.items():
        small, large = make(1000), make(4000)
        t_small = cpu_best(lambda text=small: parse_document(text), runs)
        t_large = cpu_best(lambda text=large: parse_document(text), runs)
        print(f"{name:22} {t_small:>8.3f} {t_large:>8.3f} {t_large / t_small:>6.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, help=f"default {LARGEST.name}")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--scale", default="1,4,16", help="copies of each file to time, comma-separated"
    )
    parser.add_argument("--no-generated", action="store_true", help="skip the generated lists")
    args = parser.parse_args()
    files = args.files or [LARGEST]
    missing = [path for path in files if not path.is_file()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    gc.disable()  # as the tool parses (see awesome_lint.parse.gc_paused)
    print(f"python {sys.version.split()[0]}, best of {args.runs} runs, CPU time")
    scales = [int(times) for times in args.scale.split(",")]
    for path in files:
        report_file(path, args.runs, scales)
    if not args.no_generated:
        report_generated(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
