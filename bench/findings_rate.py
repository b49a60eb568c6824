"""Findings per 100 paper entries on each corpus list, and the rules that fire on more than 5 %
of a list's entries.

For each Markdown file of the corpus (default ``../shared/corpus`` beside the repository), lints
it with the default rule selection (offline, today fixed like the golden tests) and prints:

* entries: the paper entries read;
* shown: findings a user sees by default (errors and warnings) per 100 entries;
* all: every finding, info included, per 100 entries;
* by severity: errors / warnings / info;
* the rules whose findings touch more than 5 % of the entries (``--share`` to change), each with
  its count.

Usage: python bench/findings_rate.py [--share PERCENT] [CORPUS_DIR_OR_FILE ...]
"""

from __future__ import annotations

import argparse
import datetime
from collections import Counter
from pathlib import Path

from awesome_lint.diagnostics import Severity
from awesome_lint.engine import Engine
from awesome_lint.registry import builtin_registry
from awesome_lint.source import read_source

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TODAY = datetime.date(2026, 11, 24)  # as tests/test_golden.py: AL205 compares with "today"


def corpus(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for given in paths or [str(DEFAULT_CORPUS)]:
        path = Path(given)
        if path.is_dir():
            found += sorted(
                p for p in path.glob("*.md") if p.name not in ("FORMATS.md", "PROVENANCE.md")
            )
        else:
            found.append(path)
    return found


def label(path: Path) -> str:
    """ "repo@commit" (the corpus names files owner__repo__commit[__part])."""
    parts = path.stem.split("__")
    name = f"{parts[1]}@{'__'.join(parts[2:])}" if len(parts) >= 3 else path.stem
    return name if len(name) <= 52 else name[:25] + "…" + name[-26:]


def per_hundred(count: int, entries: int) -> str:
    return f"{100 * count / entries:6.1f}" if entries else "     -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--share", type=float, default=5.0, help="percent of entries (default 5)")
    args = parser.parse_args()
    engine = Engine(builtin_registry().select(), today=TODAY)
    print(f"{'list':52} {'entries':>7} {'shown':>6} {'all':>6}  errors/warnings/info")
    frequent: list[str] = []
    for path in corpus(args.paths):
        doc, found = engine.lint(read_source(str(path)))
        entries = len(doc.entries)
        levels = Counter(d.severity for d in found)
        shown = levels[Severity.ERROR] + levels[Severity.WARNING]
        print(
            f"{label(path):52} {entries:7} {per_hundred(shown, entries)} "
            f"{per_hundred(len(found), entries)}  {levels[Severity.ERROR]}/"
            f"{levels[Severity.WARNING]}/{levels[Severity.INFO]}"
        )
        by_rule = Counter(d.code for d in found)
        for code, count in sorted(by_rule.items()):
            if entries and count * 100 > args.share * entries:
                frequent.append(
                    f"  {label(path):52} {code} {count} "
                    f"({per_hundred(count, entries).strip()} per 100)"
                )
    if frequent:
        print(f"\nrules firing on more than {args.share:g} % of a list's entries:")
        print("\n".join(frequent))


if __name__ == "__main__":
    main()
