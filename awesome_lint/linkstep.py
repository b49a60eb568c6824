"""``--check-links`` and ``--dump-links``: the link checker's options and its pipeline step."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import click

from .engine import FileResult
from .model import Document
from .registry import Selection

LINK_CODES_PREFIX = "AL9"

_OPTIONS = (
    click.option("--check-links", is_flag=True, help="Check every link over the network (AL9xx)."),
    click.option(
        "--dump-links", is_flag=True, help="Print every link with its places, offline, and exit."
    ),
    click.option(
        "--allow-private",
        is_flag=True,
        help="Let the link checker reach private, loopback and link-local addresses.",
    ),
    click.option(
        "--exclude",
        "excludes",
        multiple=True,
        metavar="REGEX",
        help="Do not fetch URLs matching REGEX. Repeatable.",
    ),
    click.option("--timeout", type=float, metavar="SECONDS", help="Per-request timeout."),
    click.option("--max-concurrency", type=int, metavar="N", help="Requests in flight at once."),
    click.option("--max-per-host", type=int, metavar="N", help="Requests in flight per host."),
    click.option("--retries", type=int, metavar="N", help="Retries of timeouts, 5xx and 429."),
    click.option("--accept", metavar="CODES", help="Status codes that count as ok: 200..299,403."),
    click.option("--cache", "cache_path", metavar="PATH", help="The link cache file (SQLite)."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the link cache."),
)
# CLI option -> LinkOptions field, for the options that map one to one.
_FIELDS = {
    "timeout": "timeout",
    "max_concurrency": "concurrency",
    "max_per_host": "per_host",
    "retries": "retries",
    "cache_path": "cache_path",
}


def link_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def link_settings(args: Mapping[str, Any], configured: Mapping[str, Any]) -> Any:
    """LinkOptions from the configuration's ``[links]`` table, then the command line."""
    from .links import LinkOptions
    from .links.options import parse_accept

    values: dict[str, Any] = dict(configured)
    for arg, name in _FIELDS.items():
        if args.get(arg) is not None:
            values[name] = args[arg]
    if args.get("excludes"):
        values["excludes"] = (*values.get("excludes", ()), *args["excludes"])
    if args.get("allow_private"):
        values["allow_private"] = True
    if args.get("no_cache"):
        values["no_cache"] = True
    try:
        if args.get("accept"):
            values["accept"] = parse_accept(args["accept"])
        options = LinkOptions(**values)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    token = os.environ.get("GITHUB_TOKEN")
    return replace(options, github_token=token) if token else options


def make_link_step(
    options: Any,
    *,
    progress: bool,
    quiet: bool,
    fix: bool,
    restrict: Callable[[Document], Document] | None = None,
):
    """The step that checks the links of every linted document and files the AL9xx findings
    under each document; with ``fix``, permanent redirects are rewritten in the files.
    ``restrict`` narrows each document to the links worth checking (``--changed-since``)."""

    def step(results: list[FileResult], selection: Selection) -> None:
        from .links import check_links

        wanted = {code for code in selection.codes if code.startswith(LINK_CODES_PREFIX)}
        docs = [r.document for r in results if r.document is not None]
        if restrict is not None:
            docs = [restrict(doc) for doc in docs]
        report = check_links(docs, options, progress=progress)
        by_path: dict[str, list] = {}
        for diagnostic in report.diagnostics:
            if diagnostic.code in wanted:
                by_path.setdefault(diagnostic.path, []).append(diagnostic)
        for result in results:
            found = by_path.get(result.path, [])
            if fix and found:
                found = _fix_redirects(result, found)
            result.diagnostics.extend(found)
        for note in report.notes:
            click.echo(f"awesome-lint: warning: {note}", err=True)
        if not quiet:
            click.echo(report.summary_line(), err=True)

    return step


def _fix_redirects(result: FileResult, found: Sequence[Any]) -> list[Any]:
    """Rewrite each permanently redirected URL to its target; what was fixed is not reported."""
    from .fix import apply_to_source, write_atomic
    from .source import SourceError, read_source

    fixes = [d.fix for d in found if d.fix is not None and d.fix.safe]
    if not fixes:
        return list(found)
    try:
        source = read_source(result.path)
        write_atomic(result.path, apply_to_source(source, fixes).encode())
    except SourceError as exc:
        result.notes.append(str(exc))
        return list(found)
    result.fixed += len(fixes)
    return [d for d in found if d.fix is None or not d.fix.safe]


def dump(paths: Sequence[str], max_size: int) -> int:
    """``--dump-links``: parse each file and print its links, without any network."""
    from .engine import parse_files
    from .links import dump_links

    docs, errors = parse_files(paths, max_size)
    for error in errors:
        click.echo(error, err=True)
    sys.stdout.write(dump_links(docs))
    return 2 if errors else 0
