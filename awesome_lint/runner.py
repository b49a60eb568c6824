"""One way through a run, for the command line and the public API alike:

    read → parse → rules → links → decide → fix → write (or diff) → results

Each file is read (a file, or standard input for the path that stands for it), parsed and
put through its engine's rules; then the link checker, when asked, checks the links of every
document at once; then each file's findings, the rules' and the link checker's together, go
through the engine's one decision (:meth:`Engine.decide`); then, with ``--fix``/``--diff``,
the fix passes (the link checker's redirect fixes among them) and the one writer. The caller
reports the results (the reporters) and turns them into an exit code (the CLI).

``--dump-links``, ``--dump-entries`` and ``--show-style`` are views of the same read and
parsed files (:func:`parse_inputs`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from . import engine as engines
from .diagnostics import Diagnostic
from .engine import Engine, FileResult
from .model import Document
from .registry import Selection
from .source import DEFAULT_MAX_SIZE, SourceError, SourceText, read_source
from .terminal import printable

if TYPE_CHECKING:
    from .config import Configurations

# The link step: every parsed document and the union of the files' selections in, the link
# checker's findings out (each names its file by its path; none decided yet).
LinkStep = Callable[[Sequence[Document], Selection], Sequence[Diagnostic]]
EngineFor = Callable[[str], Engine]


class EarlyLinkStep(Protocol):
    """A link step that can start on the texts before they are parsed: ``started`` gives the
    step to call with the documents, and cancels what it started when left before."""

    def __call__(self, docs: Sequence[Document], selection: Selection) -> Sequence[Diagnostic]: ...

    def started(self, sources: Sequence[SourceText]) -> AbstractContextManager[LinkStep]: ...


@dataclass(frozen=True)
class RunOptions:
    """How a run treats each file: fixed, shown as a diff or only linted."""

    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    max_size: int = DEFAULT_MAX_SIZE
    progress: bool = False
    stdin_name: str | None = None  # the path that stands for standard input ("-" given)

    @property
    def fixing(self) -> bool:
        return self.fix or self.diff


@dataclass
class Checked:
    """One file read, parsed and through its rules; its findings not yet decided."""

    result: FileResult
    engine: Engine
    found: list[Diagnostic] = field(default_factory=list)


def run(
    paths: Sequence[str],
    engine: Engine | EngineFor,
    options: RunOptions,
    link_step: LinkStep | None = None,
) -> list[FileResult]:
    """Lint (and fix) every path; an unreadable one becomes an error result, not an exception.

    ``engine``: one engine for every path, or a function giving each path's (configuration).
    """
    return list(run_each(paths, engine, options, link_step))


def run_each(
    paths: Sequence[str],
    engine: Engine | EngineFor,
    options: RunOptions,
    link_step: LinkStep | None = None,
) -> Iterator[FileResult]:
    """:func:`run`, each result as soon as it is decided (a report can stream). Without the
    link step each file goes the whole way before the next is read; with it, every file is read,
    the link step started on the texts (requests go out while they are parsed and linted), and
    each file through its rules before the link step gets the documents."""
    engine_for = engine if callable(engine) else (lambda path: engine)
    shown = progress(paths, options.progress)
    if link_step is None:
        for path in shown:
            yield finish(check_path(path, engine_for(path), options), options)
        return
    from .parse import gc_paused

    sources = [read_path(path, options) for path in paths]
    texts = [source for source in sources if isinstance(source, SourceText)]
    # The cycle collector paused for the whole step: thousands of requests' objects, none of
    # them garbage before the end, would otherwise be traversed again and again.
    with gc_paused(), started_links(link_step, texts) as step:
        checked = [
            check_read(path, source, engine_for(path), options)
            for path, source in zip(shown, sources, strict=True)
        ]
        links = check_links(checked, step)
    for each in checked:
        yield finish(each, options, links.get(each.result.path, []))


def run_source(source: SourceText, engine: Engine, options: RunOptions) -> FileResult:
    """One text already read (the public API's ``lint_text``) through the same steps."""
    return finish(check_source(source, engine, options), options)


def check_path(path: str, engine: Engine, options: RunOptions) -> Checked:
    """Read, parse and run the rules on one path; an unreadable file is an error result."""
    return check_read(path, read_path(path, options), engine, options)


def read_path(path: str, options: RunOptions) -> SourceText | SourceError:
    """The text at ``path``, or why it cannot be read."""
    try:
        return read_input(path, options)
    except SourceError as exc:
        return exc


def check_read(
    path: str, source: SourceText | SourceError, engine: Engine, options: RunOptions
) -> Checked:
    """Parse and run the rules on a text read; a file that could not be is an error result."""
    if isinstance(source, SourceError):
        return Checked(FileResult(path, error=str(source)), engine)
    return check_source(source, engine, options)


def started_links(
    link_step: LinkStep | EarlyLinkStep, sources: Sequence[SourceText]
) -> AbstractContextManager[LinkStep]:
    """The link step, started on the texts when it can start before they are parsed."""
    started = getattr(link_step, "started", None)
    return started(sources) if started is not None else contextlib.nullcontext(link_step)


def check_source(source: SourceText, engine: Engine, options: RunOptions) -> Checked:
    from .parse import gc_paused

    with gc_paused():
        doc = engines.parse_source(source)  # looked up late: tests swap the parser
        found = engine.run_rules(doc)
    kept = source if options.fixing else None  # for the fixes only
    return Checked(FileResult(source.path, doc, source=kept), engine, found)


def finish(
    checked: Checked, options: RunOptions, late: Sequence[Diagnostic] | None = None
) -> FileResult:
    """Decide, fix and write (or diff) one file through its rules. ``late``: the link
    checker's findings on it when it ran (None: it did not)."""
    result = checked.result
    if result.document is None:
        return result
    found = [*checked.found, *(late or ())]
    result.diagnostics = checked.engine.decide(result.document, found, links_ran=late is not None)
    if options.fixing:
        fix_file(result, checked.engine, options, late)
        write_fixes(result, options)
    return result


def check_links(checked: Sequence[Checked], link_step: LinkStep) -> dict[str, list[Diagnostic]]:
    """The link checker's findings on every parsed document, by path."""
    docs = [each.result.document for each in checked if each.result.document is not None]
    selection = Selection.union([each.engine.selection for each in checked])
    by_path: dict[str, list[Diagnostic]] = {}
    for diagnostic in link_step(docs, selection):
        by_path.setdefault(diagnostic.path, []).append(diagnostic)
    return by_path


def fix_file(
    result: FileResult,
    engine: Engine,
    options: RunOptions,
    late: Sequence[Diagnostic] | None = None,
) -> None:
    """Apply the fixes to the text in memory (``result.fixed_source``); the result then reports
    what remains, and each fix left out says why. ``late``: the link checker's findings when it
    ran (their fixes, permanent redirects, go through the same passes and guard)."""
    from .fix import MAX_PASSES, fix_source

    assert result.document is not None and result.source is not None
    outcome = fix_source(
        result.source,
        engine,
        unsafe=options.unsafe_fixes,
        first=(result.document, result.diagnostics),
        late=late,
    )
    result.document, result.diagnostics = outcome.document, outcome.diagnostics
    result.fixed += outcome.applied
    result.fixed_source = outcome.source
    result.notes += [dropped.note() for dropped in outcome.dropped]
    if not outcome.converged:
        result.notes.append(f"{result.path}: warning: fixes still apply after {MAX_PASSES} passes")


def write_fixes(result: FileResult, options: RunOptions) -> None:
    """The one place that writes a user's file: the diff (``--diff``, which never writes) or
    the write, unless the file changed on disk since it was read (an error result)."""
    from .fix import unified_diff, write_fixed

    after = result.fixed_source
    if result.source is None or after is None or after.raw == result.source.raw:
        return
    if options.diff:
        result.diff = unified_diff(result.source, after)
        return
    try:
        write_fixed(result.source, after)
    except SourceError as exc:
        result.error = str(exc)


def read_input(path: str, options: RunOptions) -> SourceText:
    """The file at ``path``, or standard input for the path that stands for it."""
    if path == options.stdin_name:
        from .inputs import read_stdin

        return read_stdin(path, options.max_size)
    return read_source(path, max_size=options.max_size)


def parse_inputs(paths: Sequence[str], options: RunOptions) -> Iterator[Document | SourceError]:
    """Each path read and parsed, for the views (``--dump-links``, ``--dump-entries``,
    ``--show-style``): its document, or why it could not be read or parsed."""
    from .parse import gc_paused

    for path in paths:
        try:
            source = read_input(path, options)
            with gc_paused():
                doc = engines.parse_source(source)  # looked up late: tests swap the parser
        except SourceError as exc:
            yield exc
        else:
            yield doc


def progress(paths: Sequence[str], enabled: bool) -> Iterator[str]:
    """Yield the paths, showing ``[i/n] path`` on stderr meanwhile (terminals only)."""
    if not enabled or len(paths) < 2:
        yield from paths
        return
    width = 0
    for number, path in enumerate(paths, 1):
        status = f"[{number}/{len(paths)}] {printable(path)}"[:79]
        sys.stderr.write("\r" + status.ljust(width))
        sys.stderr.flush()
        width = len(status)
        yield path
    sys.stderr.write("\r" + " " * width + "\r")
    sys.stderr.flush()


@dataclass
class Inputs:
    """The command's arguments resolved to files."""

    paths: list[str]  # the files to lint, each once
    failures: list[FileResult]  # arguments that name nothing to lint (an empty folder)
    stdin_name: str | None  # the path among ``paths`` that stands for standard input


def input_paths(
    paths: Sequence[str], config_for: Callable[[str], Any], stdin_filename: str | None = None
) -> Inputs:
    """Folders and globs expanded (see ``inputs.py``, skipping what each folder's configuration
    excludes), ``-`` standing for standard input under ``stdin_filename`` (README.md in the
    current folder when nothing is given)."""
    from .inputs import STDIN, STDIN_NAME, expand_inputs

    def excludes_for(folder: str) -> tuple[Path, tuple[str, ...]]:
        config = config_for(os.path.join(folder, "README.md"))
        home = config.path.parent if config.path is not None else Path.cwd()
        return home, config.exclude

    expanded = expand_inputs(list(paths) or ["README.md"], excludes_for)
    stdin_name = None
    if STDIN in expanded.paths:
        stdin_name = stdin_filename or STDIN_NAME
        expanded.paths = [stdin_name if p == STDIN else p for p in expanded.paths]
    failures = [
        FileResult(arg, error=f"{arg}: error: {message}") for arg, message in expanded.errors
    ]
    return Inputs(expanded.paths, failures, stdin_name)


def lint_configured(
    paths: Sequence[str], configs: Configurations, options: RunOptions = RunOptions()
) -> list[FileResult]:
    """The public API's ``lint_paths``: inputs expanded and each file linted under its own
    configuration, as the command line does (no link checks)."""
    inputs = input_paths(paths, configs.config_for)
    return run(inputs.paths, with_neighbours(configs.engine_for), options) + inputs.failures


def with_neighbours(engine_for: EngineFor) -> EngineFor:
    """Each path's engine, told the names of the files beside it (AL502's LICENSE file)."""
    from dataclasses import replace

    from .inputs import neighbour_lister

    neighbours = neighbour_lister()
    return lambda path: replace(engine_for(path), neighbour_files=neighbours)
