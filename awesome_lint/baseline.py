"""A baseline: the findings a list had when it adopted awesome-lint, so that only new ones are
reported (``--write-baseline FILE``, then ``baseline = "FILE"`` or ``--baseline FILE``).

A finding is known by its file, its rule and its content: the text it points at and its
message (with any "line 12" in it left out), never its line number, so that an entry added
above it, or another fix on its line, does not bring it back. Identical findings are counted:
with two "Github" recorded, a third is new.
Writing the baseline again records what is found now, so findings that were mended drop out.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from .diagnostics import Diagnostic
from .engine import FileResult
from .model import Document

VERSION = 1
MAX_TEXT = 200  # characters of the flagged text kept (a whole entry could be flagged)


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names the file."""


# "line 12", "lines 12 and 40", "line 12:5": places that move when the list grows.
LINE_REFERENCE = re.compile(r"\blines? \d+(?::\d+)?(?:(?:, | and |-)\d+(?::\d+)?)*")


class Key(NamedTuple):
    path: str  # relative to the baseline file's folder, "/"-separated
    code: str
    text: str  # the text the finding points at (at most MAX_TEXT characters)
    message: str  # with line references replaced by "line …"


def finding_key(diagnostic: Diagnostic, document: Document, folder: Path) -> Key:
    span = diagnostic.span
    flagged = document.text[span.start : span.end][:MAX_TEXT]
    message = LINE_REFERENCE.sub("line …", diagnostic.message)
    return Key(relative_path(diagnostic.path, folder), diagnostic.code, flagged, message)


def relative_path(path: str, folder: Path) -> str:
    try:
        return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()


def result_keys(result: FileResult, folder: Path) -> list[Key]:
    assert result.document is not None
    return [finding_key(d, result.document, folder) for d in result.diagnostics]


def read_baseline(path: Path) -> Counter[Key]:
    """The findings recorded in ``path``; an unreadable or malformed file is an error."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no such baseline file (write it with --write-baseline {path})"
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    try:
        if data["version"] != VERSION:
            raise BaselineError(f"{path}: baseline version {data['version']!r} is not {VERSION}")
        return Counter(
            {
                Key(item["path"], item["code"], item["text"], item["message"]): int(item["count"])
                for item in data["findings"]
            }
        )
    except (KeyError, TypeError, ValueError):
        raise BaselineError(f"{path}: not an awesome-lint baseline file") from None


def filter_known(results: Sequence[FileResult], known: Counter[Key], folder: Path) -> int:
    """Drop the findings the baseline holds (each recorded finding hides one); return how
    many were hidden."""
    left = Counter(known)
    hidden = 0
    for result in results:
        if result.document is None:
            continue
        kept = []
        for diagnostic, key in zip(result.diagnostics, result_keys(result, folder), strict=True):
            if left[key] > 0:
                left[key] -= 1
                hidden += 1
            else:
                kept.append(diagnostic)
        result.diagnostics = kept
    return hidden


def write_baseline(path: Path, results: Sequence[FileResult]) -> tuple[int, int]:
    """Record the findings of ``results`` in ``path``, keeping what an earlier baseline holds
    for files not linted now; return (findings recorded, findings dropped since last time)."""
    folder = path.resolve().parent
    linted = {relative_path(r.path, folder) for r in results if r.document is not None}
    previous: Counter[Key] = Counter()
    if path.exists():
        previous = read_baseline(path)
    kept = Counter({key: n for key, n in previous.items() if key.path not in linted})
    now = Counter(key for r in results if r.document is not None for key in result_keys(r, folder))
    recorded = kept + now
    dropped = sum((previous - recorded).values())
    payload = {"version": VERSION, "findings": list(_items(recorded))}
    try:
        path.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return sum(now.values()), dropped


def _items(recorded: Counter[Key]) -> Iterable[dict[str, object]]:
    for key in sorted(recorded):
        yield {**key._asdict(), "count": recorded[key]}
