"""What ``--fix`` does to each real list: fixes applied, fixes dropped (with the reasons), and
the second run (nothing left to fix, nothing changed), safe fixes and with --unsafe-fixes.

For each Markdown file of the corpus (default ``../shared/corpus`` beside the repository), runs
``awesome-lint --isolated --fix`` twice on a copy (in-process) and prints one row per list, then
each distinct reason a fix was dropped, with its count.

Usage: python bench/fix_report.py [--unsafe] [CORPUS_DIR_OR_FILE ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fixrun import FixRun, fix_twice  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
SKIP = ("FORMATS.md", "PROVENANCE.md", "README.md")


def inputs(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for name in paths or [str(DEFAULT_CORPUS)]:
        path = Path(name)
        if path.is_dir():
            found += sorted(p for p in path.glob("*.md") if p.name not in SKIP)
        else:
            found.append(path)
    return found


def short(name: str, width: int = 60) -> str:
    """The name, its middle cut when long: the end tells versions of one list apart."""
    return name if len(name) <= width else f"{name[: width - 13]}…{name[-12:]}"


def row(path: Path, run: FixRun, seconds: float) -> str:
    second = (
        "settled"
        if not run.second_changed and not run.second_fixed
        else (f"CHANGED ({run.second_fixed} more)")
    )
    lost = "nothing lost" if not run.lost else "LOST " + ", ".join(run.lost[:3])
    return (
        f"{short(path.stem):60} exit {run.exit_codes[0]},{run.exit_codes[1]}  applied {run.fixed:4}"
        f"  dropped {len(run.dropped):3}  second run: {second}; {lost}  ({seconds:.1f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unsafe", action="store_true", help="with --unsafe-fixes")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    reasons: Counter[str] = Counter()
    totals = Counter[str]()
    with tempfile.TemporaryDirectory() as folder:
        for path in inputs(args.paths):
            start = time.perf_counter()
            run = fix_twice(path.read_bytes(), Path(folder), unsafe=args.unsafe)
            print(row(path, run, time.perf_counter() - start), flush=True)
            reasons.update(f"{code}: {reason}" for code, reason in run.dropped)
            totals.update(applied=run.fixed, dropped=len(run.dropped))
    print(f"\ntotal: {totals['applied']} applied, {totals['dropped']} dropped")
    for reason, count in reasons.most_common():
        print(f"{count:5}  {reason}")


if __name__ == "__main__":
    main()
