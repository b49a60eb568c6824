"""Where the test suite's time goes: the slowest test modules, and how often each real list
(``../shared/corpus`` and ``../shared/field-reports``) is parsed, given a house style and linted.

    python bench/suite_profile.py [PYTEST ARGS ...]     (default: -q -m "not slow")

Runs pytest in this process with a plugin that counts the calls of ``parse_document``,
``infer_style`` and ``Engine.check`` on the text of a real list, and their seconds. Calls made
in a child process (tests that run the installed command) are not seen. Prints the wall time,
the sum of the test durations (less sensitive to the machine's load than the wall time), the
modules by their summed durations, and per list the number of parses. Figures only.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
KINDS = ("parse", "style", "check")


def list_names() -> dict[str, str]:
    """Digest of each real list's text (as the tests read it) -> its file name."""
    names = {}
    for folder in (SHARED / "corpus", SHARED / "field-reports"):
        for path in folder.glob("*.md"):
            text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            names[hashlib.sha1(text.encode()).hexdigest()] = path.name
    return names


class Profile:
    """A pytest plugin: test durations by module, and calls on real lists by kind."""

    def __init__(self) -> None:
        self.names = list_names()
        self.calls: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        self.seconds: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        self.durations: Counter[str] = Counter()
        self.parsed_by: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.module = "?"

    def name_of(self, text: str) -> str | None:
        if len(text) < 2000:  # the rule pages' examples and the tests' own snippets
            return None
        return self.names.get(hashlib.sha1(text.encode()).hexdigest())

    def counted(self, kind: str, function, text_of):
        """``function`` wrapped so that each call on a real list is counted and timed."""

        def wrapper(*args, **kwargs):
            name = self.name_of(text_of(*args))
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                if name:
                    self.calls[kind][name] += 1
                    self.seconds[kind][name] += time.perf_counter() - start
                    if kind == "parse":
                        self.parsed_by[name][self.module] += 1

        return wrapper

    def install(self) -> None:
        """Wrap the functions before any test module imports them."""
        from awesome_lint import engine, parse, style
        from awesome_lint.parse import document

        parse_document = self.counted("parse", document.parse_document, lambda text, *_: text)
        document.parse_document = parse.parse_document = parse_document
        style.infer_style = self.counted("style", style.infer_style, lambda doc, *_: doc.text)
        engine.Engine.check = self.counted("check", engine.Engine.check, lambda _, doc: doc.text)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.module = item.nodeid.split("::")[0]
        yield

    def pytest_runtest_logreport(self, report) -> None:
        self.durations[report.nodeid.split("::")[0]] += report.duration

    def print(self, wall: float) -> None:
        print(f"\nwall {wall:.1f} s; sum of test durations {sum(self.durations.values()):.1f} s")
        print("\nmodules by summed test durations (setup, call and teardown):")
        for module, seconds in self.durations.most_common(25):
            print(f"  {seconds:7.1f} s  {module}")
        for kind in KINDS:
            total = sum(self.seconds[kind].values())
            print(f"\n{kind}: {sum(self.calls[kind].values())} calls on real lists, {total:.1f} s")
            for name, n in self.calls[kind].most_common():
                print(f"  {n:4d} x {self.seconds[kind][name]:6.1f} s  {name}")
        print("\nparses of real lists by test module:")
        by_module: Counter[str] = Counter()
        for modules in self.parsed_by.values():
            by_module.update(modules)
        for module, n in by_module.most_common():
            print(f"  {n:4d}  {module}")


def main() -> int:
    profile = Profile()
    profile.install()
    args = sys.argv[1:] or ["-q", "-m", "not slow"]
    start = time.perf_counter()
    status = pytest.main([*args, "-p", "no:cacheprovider"], plugins=[profile])
    profile.print(time.perf_counter() - start)
    return int(status)


if __name__ == "__main__":
    sys.exit(main())
