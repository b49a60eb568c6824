"""Time of the table reader and of AL110's tag scan on hostile and large inputs, at two sizes
each: linear time shows as a ratio near the size ratio (10). Best of three runs, with the
garbage collector paused (as during a parse), so that the figures show the algorithm.

    python bench/tables_speed.py

Figures only: nothing here asserts.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from awesome_lint.parse import gc_paused
from awesome_lint.rules.al110_misnested_html import crossings
from awesome_lint.tables import read_html_tables, read_tables

CASES: dict[str, Callable[[int], str]] = {
    "pipes on one row": lambda n: "| a |\n|---|\n" + "|" * n + "\n",
    "escaped pipes": lambda n: "| a |\n|---|\n" + "\\|" * n + "\n",
    "rows": lambda n: "| a | b |\n|---|---|\n" + "| x | y |\n" * (n // 10),
    "delimiter-like lines": lambda n: "-|-\n" * (n // 4),
    "header without delimiter": lambda n: "| a | b |\n" * (n // 10),
    "unclosed <td": lambda n: "<table>" + "<td" * (n // 3),
    "cells without </td>": lambda n: "<table><tr>" + "<td>x" * (n // 5),
    "AL110: open tags, one crossing": lambda n: "<b>" * (n // 3) + "<i></b>",
    "AL110: crossings": lambda n: "<b><i>x</b></i>" * (n // 15),
    "AL110: backtick runs": lambda n: "`x` ``<b><i></b>`` " * (n // 20),
    "AL110: unclosed <sup": lambda n: "<sup" * (n // 4) + "</b>",
}


def seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        with gc_paused():
            start = time.perf_counter()
            read_tables(text)
            read_html_tables(text)
            for _ in crossings(text, 0, len(text)):
                pass
            best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    print(f"{'input':32} {'100k chars':>11} {'1M chars':>10} {'ratio':>6}")
    for name, make in CASES.items():
        small, large = seconds(make(100_000)), seconds(make(1_000_000))
        print(f"{name:32} {small:10.3f}s {large:9.3f}s {large / small:6.1f}")


if __name__ == "__main__":
    main()
