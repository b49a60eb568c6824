"""What the command line reads: its arguments expanded to files, standard input, and the files
beside an input (for rules that care, such as AL502's LICENSE file).

An argument is a file (linted as given), a folder (every ``*.md`` below it) or a glob
(``docs/**/*.md``). Folders and globs skip what ``.gitignore`` files and the configuration's
``exclude`` name, hidden files and folders (``.github/``) and a few folders that are never a
list's (``node_modules/``, virtual environments). Patterns follow gitignore's rules (through
``pathspec``): ``*`` stays within one folder, ``**`` crosses folders, and a pattern with a
``/`` is anchored where it is written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import PathSpec

    from .source import SourceText

STDIN = "-"
STDIN_NAME = "<stdin>"  # the path shown for standard input without --stdin-filename
MARKDOWN_SUFFIX = ".md"
GLOB_CHARACTERS = frozenset("*?[")
# Folders that hold no list of their own, skipped in folders and globs as ruff skips them.
NEVER_LISTS = frozenset({"node_modules", "venv", "__pycache__", "site-packages"})


def glob_matches(pattern: str, path: str) -> bool:
    """Whether the ``/``-separated relative ``path`` matches the gitignore-style ``pattern``."""
    return _spec((pattern,)).match_file(path)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> PathSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


@dataclass
class Expanded:
    """The files the arguments name, and the arguments that name none."""

    paths: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (argument, message)


def expand_inputs(
    arguments: Sequence[str], excludes_for: Callable[[str], tuple[Path, tuple[str, ...]]]
) -> Expanded:
    """The files the arguments name, each once, in the order given (a folder's or a glob's
    files sorted). ``excludes_for(folder)``: the configuration's folder and ``exclude``
    patterns for files under ``folder``. A glob that matches nothing and a folder without
    Markdown files are errors."""
    found = Expanded()
    for argument in arguments:
        if os.path.isdir(argument):
            files = list(_walk(argument, "**/*" + MARKDOWN_SUFFIX, excludes_for(argument)))
            if not files:
                found.errors.append((argument, "no Markdown (*.md) file in this folder"))
        elif _is_pattern(argument) and not os.path.exists(argument):
            root, pattern = _split_glob(argument)
            files = list(_walk(root, pattern, excludes_for(root))) if os.path.isdir(root) else []
            if not files:
                found.errors.append((argument, "no file matches this pattern"))
        else:
            files = [argument]  # a file, "-", or a path that reading will report
        found.paths.extend(files)
    found.paths = list(dict.fromkeys(found.paths))
    return found


def _is_pattern(argument: str) -> bool:
    return any(char in GLOB_CHARACTERS for char in argument)


def _split_glob(argument: str) -> tuple[str, str]:
    """``docs/**/*.md`` -> (``docs``, ``**/*.md``): the folder before the first wildcard."""
    parts = argument.replace(os.sep, "/").split("/")
    literal = 0
    while literal < len(parts) - 1 and not _is_pattern(parts[literal]):
        literal += 1
    root = "/".join(parts[:literal]) or ("/" if argument.startswith("/") else ".")
    return root, "/".join(parts[literal:])


def _walk(root: str, pattern: str, excludes: tuple[Path, tuple[str, ...]]) -> Iterator[str]:
    """The files under ``root`` matching ``pattern`` (anchored at ``root``), sorted, without
    what the ignore files, the excludes and the hidden and never-list folders rule out."""
    wanted = _spec(("/" + pattern,))
    config_folder, exclude = excludes
    ignores = GitIgnores(Path(root).resolve())
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in NEVER_LISTS
            and not ignores.ignored(here / d, is_dir=True)
            and not _excluded(here / d, config_folder, exclude, is_dir=True)
        )
        for name in sorted(files):
            path = here / name
            relative = os.path.relpath(path, root).replace(os.sep, "/")
            if name.startswith(".") or not wanted.match_file(relative):
                continue
            if ignores.ignored(path) or _excluded(path, config_folder, exclude):
                continue
            yield os.path.normpath(path)


def _excluded(path: Path, folder: Path, patterns: tuple[str, ...], *, is_dir: bool = False) -> bool:
    if not patterns:
        return False
    try:
        relative = path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:  # outside the configuration's folder: its patterns do not reach
        return False
    return _spec(patterns).match_file(relative + ("/" if is_dir else ""))


class GitIgnores:
    """The ``.gitignore`` files that rule on paths under a folder: those of the folder's git
    repository above it (up to the folder holding ``.git``) and those met below it."""

    def __init__(self, start: Path) -> None:
        self._specs: dict[Path, PathSpec | None] = {}
        top = next((p for p in (start, *start.parents) if (p / ".git").exists()), start)
        self._top = top

    def ignored(self, path: Path, *, is_dir: bool = False) -> bool:
        """Git's verdict: the deepest ``.gitignore`` with a matching pattern decides."""
        path = path.resolve()
        folders = [p for p in path.parents if p == self._top or self._top in p.parents]
        for folder in folders:  # the deepest first
            spec = self._spec_of(folder)
            if spec is None:
                continue
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            verdict = spec.check_file(relative).include
            if verdict is not None:
                return verdict
        return False

    def _spec_of(self, folder: Path) -> PathSpec | None:
        if folder not in self._specs:
            try:
                lines = (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                lines = []
            self._specs[folder] = _spec(tuple(lines)) if lines else None
        return self._specs[folder]


def read_stdin(name: str | None, max_size: int) -> SourceText:
    """Standard input, decoded like a file, shown as ``name`` (``<stdin>`` by default)."""
    from .source import SourceError, decode, format_size

    shown = name or STDIN_NAME
    data = sys.stdin.buffer.read(max_size + 1)
    if len(data) > max_size:
        raise SourceError(shown, f"input is larger than the limit of {format_size(max_size)}")
    return decode(data, shown)


def neighbour_lister() -> Callable[[str], frozenset[str]]:
    """A function giving the names of the files in a path's folder (empty when the folder
    cannot be listed); each folder is listed once per run."""
    listed: dict[str, frozenset[str]] = {}

    def files_beside(path: str) -> frozenset[str]:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in listed:
            listed[folder] = _files_in(folder)
        return listed[folder]

    return files_beside


def _files_in(folder: str) -> frozenset[str]:
    try:
        with os.scandir(folder) as entries:
            return frozenset(entry.name for entry in entries if entry.is_file())
    except OSError:
        return frozenset()
