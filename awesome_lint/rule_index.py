"""The rule table of ``rules/README.md``, generated from the registry.

``python -m awesome_lint.rule_index`` rewrites the table between its two marker comments (the
prose around it is written by hand); ``--check`` rewrites nothing and exits 1 when the table is
stale, so that a test (and CI) fails until it is regenerated.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from .registry import builtin_registry
from .rule import Rule

BEGIN = "<!-- rule table: generated from the registry by `python -m awesome_lint.rule_index` -->"
END = "<!-- end of rule table -->"
HEADER = ("| Code | Name | Severity | Fixable | Summary |", "| --- | --- | --- | --- | --- |")
SOURCE_ROOT = Path(__file__).resolve().parent.parent  # the checkout that holds rules/


def table_row(rule: type[Rule]) -> str:
    cells = (
        f"[{rule.code}]({rule.code}.md)",
        rule.name,
        str(rule.severity),
        "yes" if rule.fixable else "no",
        rule.summary.replace("|", "\\|"),
    )
    return "| " + " | ".join(cells) + " |"


def rule_table(rules: Iterable[type[Rule]]) -> str:
    """The table with its markers, one row per rule in code order."""
    rows = [table_row(rule) for rule in sorted(rules, key=lambda rule: rule.code)]
    return "\n".join((BEGIN, *HEADER, *rows, END))


def with_table(readme: str, table: str) -> str:
    """``readme`` with the text between the markers (markers included) replaced by ``table``."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers are missing: {BEGIN!r} … {END!r}")
    return readme[:start] + table + readme[end + len(END) :]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m awesome_lint.rule_index", description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    parser.add_argument("--root", type=Path, default=SOURCE_ROOT, help="the checkout's folder")
    args = parser.parse_args(argv)
    readme_path = args.root / "rules" / "README.md"
    readme = readme_path.read_text(encoding="utf-8")
    try:
        updated = with_table(readme, rule_table(builtin_registry()))
    except ValueError as exc:
        print(f"{readme_path}: {exc}", file=sys.stderr)
        return 2
    if updated == readme:
        return 0
    if args.check:
        print(
            f"{readme_path}: the rule table is stale; run python -m awesome_lint.rule_index",
            file=sys.stderr,
        )
        return 1
    readme_path.write_text(updated, encoding="utf-8")
    print(f"{readme_path}: rule table updated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
