"""What every reporter is: ``start()``, then ``file(result)`` for each file in order, then
``finish()``, writing its text through the function it is given as soon as it has it (the text
report writes each file's findings at once; the others need every file first)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..engine import FileResult
from ..rule import Rule
from .summary import Summary

Write = Callable[[str], None]


@dataclass(frozen=True)
class ReportOptions:
    """How a reporter writes: the command-line choices it honours."""

    unsafe_fixes: bool = False
    quiet: bool = False  # the findings only, no summary
    color: bool = False
    rules: Iterable[type[Rule]] | None = None  # every rule SARIF describes (None: built-in)
    statistics: bool = False  # counts per rule instead of the findings (text and json)
    # The Actions runner's variables ($GITHUB_STEP_SUMMARY, $GITHUB_OUTPUT): the GitHub
    # reporter appends to the files they name. Empty: no file is written.
    environ: Mapping[str, str] = field(default_factory=dict)


class Reporter:
    def __init__(self, write: Write, options: ReportOptions) -> None:
        self.write = write
        self.options = options
        self.results: list[FileResult] = []

    def start(self) -> None:
        """Before the first file."""

    def file(self, result: FileResult) -> None:
        """One file's result, in the order of the run."""
        self.results.append(result)

    def finish(self) -> None:
        """After the last file."""
        raise NotImplementedError

    @property
    def summary(self) -> Summary:
        return Summary.of(self.results, self.options.unsafe_fixes)
