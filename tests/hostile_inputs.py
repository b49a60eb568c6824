"""Generated worst cases of the inline scanners (``awesome_lint/inline.py``), shared by
``tests/test_hostile_input.py`` (what each scanner finds in them) and
``bench/hostile_speed.py`` (how long each takes as the size grows).

Each case repeats the opener of some construct that never closes, or writes a long run
without the closing character: a scanner that retries from every opener is quadratic (or
worse) on it.
"""

from __future__ import annotations

from collections.abc import Callable


def repeat(unit: str) -> Callable[[int], str]:
    return lambda size: unit * (size // len(unit))


def backtick_runs(size: int) -> str:
    """Runs of 1, 2, 3 … backticks, none closed, then a link."""
    parts, length, total = [], 1, 0
    while total < size:
        parts.append("`" * length + "a")
        total += length + 1
        length += 1
    return "".join(parts) + "[x](https://a.org/)"


def nested_parens_url(size: int) -> str:
    half = size // 2 - 10
    return "see https://a.org/" + "(" * half + ")" * half + "."


def long_run(prefix: str, fill: str = "a") -> Callable[[int], str]:
    return lambda size: prefix + fill * (size - len(prefix))


# name -> (generator of about ``size`` characters)
HOSTILE: dict[str, Callable[[int], str]] = {
    "unclosed <img src=x": repeat("<img src=x "),
    "unclosed <a": repeat("<a "),
    'unclosed quote <a href="': repeat('<a href="'),
    "unclosed <div id=": repeat("<div id="),
    "closed <img src=x>": repeat("<img src=x>"),
    "[a](": repeat("[a]("),
    "[a](<": repeat("[a](<"),
    '[a](x "': repeat('[a](x "'),
    "[ run": repeat("["),
    "[[ ]( run": repeat("[[]("),
    "backtick runs": backtick_runs,
    "<!-- run": repeat("<!--"),
    "<https://a": repeat("<https://a"),
    "url with nested parens": nested_parens_url,
    "<a href= then no >": long_run('<a href="x" '),
    "[label]( then no )": long_run("[label](", "("),
    "links and bare URLs": repeat("[a](https://a.org/) https://b.org/ "),
    "definitions": repeat("[p]: https://a.org/\n"),
}
