"""In-process cost of each rule's ``check`` on one parsed document.

Parses the file once (not timed), then per run: clears the project's memo caches (so each run
starts cold, as a fresh process does), infers the house style (timed on its own line: it builds
the shared facts object), and times every built-in rule's ``check`` in the engine's order, with
garbage collection off as in the console entry. A fact computed lazily is charged to the first
rule that asks for it. Prints the best (least) time per rule over ``--runs`` runs, the
steadiest figure on a shared machine, and the rules' total (rules off by default are timed
too, marked ``off``, and left out of the total).

Usage: python bench/rule_speed.py [--runs N] [FILE]   (default: the largest corpus file)
"""

from __future__ import annotations

import argparse
import datetime
import gc
import sys
import time
from pathlib import Path

from awesome_lint.parse import parse_document
from awesome_lint.rule import Rule, RuleContext
from awesome_lint.rules import BUILTIN_RULES
from awesome_lint.style import infer_style

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
TODAY = datetime.date(2026, 1, 1)  # fixed, so that date rules do the same work every day


def clear_memo_caches() -> None:
    """Empty every ``functools`` cache in the project's modules: each run starts cold."""
    for name, module in list(sys.modules.items()):
        if name.startswith("awesome_lint"):
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


def timed(call) -> tuple[tuple[float, float], object]:
    """((CPU seconds, wall seconds), result): CPU time is the steadier figure on a shared
    machine; wall time is what a user waits."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = call()
    return (time.process_time() - cpu, time.perf_counter() - wall), result


Times = tuple[float, float]  # (CPU seconds, wall seconds)


def one_run(doc, rules: list[type[Rule]]) -> tuple[Times, dict[str, tuple[Times, int]]]:
    """(house-style times, rule code -> (times, findings)) of one cold run."""
    clear_memo_caches()
    style_time, style = timed(lambda: infer_style(doc))
    per_rule = {}
    for rule in rules:
        options = rule.options_class() if rule.options_class is not None else None
        ctx = RuleContext(style=style, options=options, today=TODAY)
        seconds, found = timed(lambda rule=rule, ctx=ctx: list(rule().check(doc, ctx)))
        per_rule[rule.code] = (seconds, len(found))
    return style_time, per_rule


def largest_corpus_file() -> Path | None:
    files = sorted(DEFAULT_CORPUS.glob("*.md"), key=lambda path: path.stat().st_size)
    return files[-1] if files else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", help="a Markdown file (default: largest corpus file)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = Path(args.path) if args.path else largest_corpus_file()
    if path is None or not path.is_file():
        print(f"no such file: {args.path or DEFAULT_CORPUS}", file=sys.stderr)
        return 2
    rules = [rule for rule in BUILTIN_RULES if not (rule.network or rule.tool)]
    gc.disable()
    doc = parse_document(path.read_text(encoding="utf-8-sig"), str(path))
    runs = [one_run(doc, rules) for _ in range(args.runs)]

    print(f"{path.name}: {len(doc.entries)} entries; best of {args.runs} cold runs, gc off")
    print(f"{'rule':8} {'name':32} {'cpu ms':>8} {'wall ms':>8} {'findings':>9}")
    style_ms = _best_ms([r[0] for r in runs])
    print(f"{'(style)':8} {'house-style inference':32} {style_ms[0]:8.1f} {style_ms[1]:8.1f}")
    total = [0.0, 0.0]
    for rule in rules:
        cpu, wall = _best_ms([r[1][rule.code][0] for r in runs])
        findings = runs[0][1][rule.code][1]
        if rule.enabled_by_default:
            total = [total[0] + cpu, total[1] + wall]
        off = "" if rule.enabled_by_default else "  off"
        print(f"{rule.code:8} {rule.name[:32]:32} {cpu:8.1f} {wall:8.1f} {findings:9d}{off}")
    print(f"{'total':8} {'rules on by default':32} {total[0]:8.1f} {total[1]:8.1f}")
    return 0


def _best_ms(times: list[Times]) -> Times:
    """The least CPU and the least wall time, in milliseconds."""
    return tuple(min(column) * 1000 for column in zip(*times, strict=True))


if __name__ == "__main__":
    sys.exit(main())
