"""Time of the inline scanners, and of a whole lint, on generated worst cases as they grow.

For each case of ``tests/hostile_inputs.py`` (unclosed tags, repeated openers, long runs
without the closing character) and each size, prints the seconds the inline scanners take on
it and the microseconds per kilobyte: a linear scanner keeps that figure flat as the size
grows tenfold, a quadratic one multiplies it by ten. With ``--lint`` also the whole
``awesome-lint`` run on the same text (parser and rules included, start-up excluded).

Usage: python bench/hostile_speed.py [--sizes 10000,100000,1000000] [--lint] [CASE ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from awesome_lint.engine import Engine  # noqa: E402
from awesome_lint.registry import builtin_registry  # noqa: E402
from awesome_lint.source import from_raw  # noqa: E402
from tests.hostile_inputs import HOSTILE  # noqa: E402
from tests.test_hostile_input import scan  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--lint", action="store_true", help="also time a whole lint")
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    engine = Engine(builtin_registry().select()) if args.lint else None
    print(f"{'case':28} {'size':>9} {'scan s':>8} {'us/kB':>7}" + ("  lint s" if engine else ""))
    for name in args.cases or HOSTILE:
        for size in sizes:
            text = HOSTILE[name](size)
            seconds = timed(lambda text=text: scan(text))
            per_kb = seconds * 1e6 / (len(text) / 1000)
            line = f"{name:28} {len(text):>9} {seconds:>8.3f} {per_kb:>7.1f}"
            if engine is not None:
                source = from_raw("hostile.md", text)
                line += f"  {timed(lambda source=source: engine.lint(source)):>6.2f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
