"""In-process cost of house-style inference and of AL107 (which reads the authors separator
from it) on corpus lists.

For each file: parse once, then run ``style.infer_style`` and AL107's ``check`` on that parsed
document as a lint does (one after the other, the package's caches emptied first, the cycle
collector paused), ``--runs`` times (default 7), and print the fastest CPU time of each in
milliseconds and of their sum (the run least disturbed by other work on a shared machine).
"warm style" is ``infer_style`` again with the caches kept (URLs and dates already parsed): the
cost of the votes themselves. Goal on the largest list (hee9joon): the sum under 80 ms.

Usage: python bench/style_speed.py [--runs N] [CORPUS_DIR_OR_FILE ...]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from awesome_lint.engine import parse_source
from awesome_lint.model import Document
from awesome_lint.parse import gc_paused
from awesome_lint.rule import RuleContext
from awesome_lint.rules.al107_authors_format import AuthorsFormat
from awesome_lint.source import read_source
from awesome_lint.style import infer_style

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def clear_caches() -> None:
    """Empty every ``functools`` cache of the package: each run starts cold, as a lint does."""
    for name, module in list(sys.modules.items()):
        if name.startswith("awesome_lint"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def lint_ms(doc: Document) -> tuple[float, float]:
    """CPU milliseconds of the house-style inference, then of AL107 reading it, as a lint runs
    them (the caches empty at the start, the cycle collector paused)."""
    clear_caches()
    gc.collect()
    with gc_paused():
        start = time.process_time()
        style = infer_style(doc)
        middle = time.process_time()
        list(AuthorsFormat().check(doc, RuleContext(style=style)))
        end = time.process_time()
    return (middle - start) * 1000, (end - middle) * 1000


def warm_style_ms(doc: Document) -> float:
    """``infer_style`` again, the caches kept: the cost of the votes themselves."""
    with gc_paused():
        start = time.process_time()
        infer_style(doc)
        return (time.process_time() - start) * 1000


def corpus_files(arguments: list[str]) -> list[Path]:
    files: list[Path] = []
    for argument in arguments or [str(DEFAULT_CORPUS)]:
        path = Path(argument)
        files.extend(sorted(path.glob("*.md")) if path.is_dir() else [path])
    return [f for f in files if f.name not in ("FORMATS.md", "PROVENANCE.md")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help=f"files or folders (default {DEFAULT_CORPUS})")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'file':<56} {'entries':>7} {'style':>7} {'AL107':>7} {'sum':>7} {'warm style':>10}")
    for path in corpus_files(args.paths):
        doc = parse_source(read_source(str(path)))
        runs = [lint_ms(doc) for _ in range(args.runs)]  # the fastest run of each column
        style_ms, rule_ms = min(r[0] for r in runs), min(r[1] for r in runs)
        total = min(sum(r) for r in runs)
        warm = min(warm_style_ms(doc) for _ in range(args.runs))
        print(
            f"{path.stem[:56]:<56} {len(doc.entries):>7} {style_ms:>7.1f} {rule_ms:>7.1f} "
            f"{total:>7.1f} {warm:>10.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
