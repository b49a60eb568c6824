"""``awesome-lint add PAPER... FILE``: print the new entries and their diff, or write them."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Sequence
from typing import NoReturn

import click

from ..diagnostics import Edit, Fix
from ..engine import Engine, parse_source
from ..fix import apply_to_source, unified_diff, write_fixed
from ..model import Document
from ..registry import builtin_registry
from ..source import DEFAULT_MAX_SIZE, SourceError, SourceText, read_source
from .compose import Overrides, compose
from .metadata import MetadataError, Paper, fetch_papers
from .place import (
    PlacementError,
    already_listed,
    choose_group,
    choose_section,
    insertion_point,
    listed_at,
)
from .refs import PaperRef, read_ref


@click.command(
    name="add",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Without --write: prints each new entry and the unified diff, and writes nothing. "
    "Exit codes: 0 done, 2 usage error, an unknown or unreachable paper, a paper already "
    "listed, or a file that cannot be read or written.",
)
@click.argument("papers", nargs=-1, required=True, metavar="PAPER...")
@click.argument("path", metavar="FILE")
@click.option("--section", metavar="HEADING", help="The section: its heading text or anchor.")
@click.option("--write", is_flag=True, help="Insert the entries into FILE.")
@click.option("--title", help="Use this title (one paper only).")
@click.option("--venue", help="Use this venue (one paper only), e.g. 'MICCAI'.")
@click.option("--code", metavar="URL", help="The paper's code repository (one paper only).")
@click.option(
    "--arxiv-api",
    default="https://export.arxiv.org/api/query",
    show_default=True,
    metavar="URL",
    help="arXiv's export API (or a mirror).",
)
@click.option(
    "--doi-resolver",
    default="https://doi.org/",
    show_default=True,
    metavar="URL",
    help="Where DOIs are resolved to CSL-JSON.",
)
@click.option("--timeout", default=20.0, show_default=True, help="Seconds per request.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow private, loopback and link-local service addresses (refused by default).",
)
def add(
    papers: tuple[str, ...],
    path: str,
    section: str | None,
    write: bool,
    title: str | None,
    venue: str | None,
    code: str | None,
    arxiv_api: str,
    doi_resolver: str,
    timeout: float,
    allow_private: bool,
) -> None:
    """Add papers to a list, each written as its neighbours are, where the section's order
    puts it.

    PAPER is an arXiv id (2207.12268, arXiv:2207.12268, an arXiv URL) or a DOI (10.1145/…, a
    doi.org URL).
    """
    refs = _refs(papers)
    overrides = Overrides(title, venue, code)
    if len(refs) > 1 and (title or venue or code):
        raise click.UsageError("--title, --venue and --code describe one paper: name one PAPER")
    source = _read(path)
    _refuse_listed(source, refs)
    found = _fetch(refs, arxiv_api, doi_resolver, timeout, allow_private)
    try:
        result, added = insert_papers(source, [found[ref] for ref in refs], section, overrides)
    except (PlacementError, SourceError) as exc:
        _fail(str(exc) if isinstance(exc, SourceError) else f"{path}: error: {exc}", prefix="")
    for line, text in added:
        click.echo(f"{path}:{line}: new entry\n{text}\n")
    _report_findings(result, [(line, line + text.count("\n")) for line, text in added])
    if write:
        try:
            write_fixed(source, result)
        except SourceError as exc:
            _fail(str(exc), prefix="")
        click.echo(f"{path}: added {len(added)} entr{'y' if len(added) == 1 else 'ies'}")
    else:
        click.echo(unified_diff(source, result), nl=False)


def insert_papers(
    source: SourceText, papers: Sequence[Paper], section: str | None, overrides: Overrides
) -> tuple[SourceText, list[tuple[int, str]]]:
    """The text with each paper inserted in turn, and (first line, text) of each new entry.

    Raises PlacementError (no place, or listed already) and SourceError (something was lost).
    """
    doc = parse_source(source)
    added: list[tuple[int, str]] = []
    for paper in papers:
        title = overrides.title or paper.title
        line = already_listed(doc, paper, title)
        if line is not None:
            raise PlacementError(f"{paper.ref.id} is listed already, at line {line}")
        target = choose_section(doc, section)
        group = choose_group(doc, target)
        entry = compose(doc, group, paper, overrides)
        offset, around = insertion_point(doc, group, paper.date)
        insertion = Edit(offset, offset, around.replace("{entry}", entry))
        source = apply_to_source(source, [Fix((insertion,))])
        doc = _checked(doc, parse_source(source))
        start = offset + around.index("{entry}")
        added.append((doc.index.position(start)[0], entry))
    return source, added


def _checked(before: Document, after: Document) -> Document:
    """Nothing lost: an insertion only adds, so every entry title and link URL of the list is
    still there, and there is exactly one entry more (the new one read as an entry)."""
    for what, values in (("entry title", _titles), ("link URL", _urls)):
        missing = values(before) - values(after)
        if missing:
            lost = next(iter(missing))
            raise SourceError(before.path, f"refusing to write: it would lose the {what} {lost!r}")
    if len(after.entries) != len(before.entries) + 1:
        raise SourceError(before.path, "refusing to write: the new entry would not read as one")
    return after


def _titles(doc: Document) -> Counter[str]:
    return Counter(entry.title.text for entry in doc.entries if entry.title is not None)


def _urls(doc: Document) -> Counter[str]:
    return Counter(link.url for link in doc.links)


def _refuse_listed(source: SourceText, refs: Sequence[PaperRef]) -> None:
    """A paper whose link the list has already: refused before asking any service."""
    doc = parse_source(source)
    for ref in refs:
        line = listed_at(doc, ref)
        if line is not None:
            _fail(f"{source.path}: error: {ref.id} is listed already, at line {line}", prefix="")


def _refs(papers: Sequence[str]) -> list[PaperRef]:
    refs = []
    for text in papers:
        ref = read_ref(text)
        if ref is None:
            raise click.BadParameter(
                f"{text!r} is neither an arXiv id nor a DOI", param_hint="PAPER"
            )
        refs.append(ref)
    return list(dict.fromkeys(refs))


def _read(path: str) -> SourceText:
    try:
        return read_source(path, max_size=DEFAULT_MAX_SIZE)
    except SourceError as exc:
        _fail(str(exc), prefix="")


def _fetch(
    refs: Sequence[PaperRef], arxiv_api: str, doi_resolver: str, timeout: float, private: bool
) -> dict[PaperRef, Paper]:
    from ..links.options import LinkOptions

    try:
        options = LinkOptions(arxiv_api=arxiv_api, timeout=timeout, allow_private=private)
        return asyncio.run(fetch_papers(refs, options, doi_resolver))
    except (MetadataError, ValueError) as exc:
        _fail(f"{exc}; nothing written")


def _report_findings(result: SourceText, ranges: Sequence[tuple[int, int]]) -> None:
    """Findings on the new entries' lines (there should be none): said on standard error."""
    engine = Engine(builtin_registry().select())
    _, diagnostics = engine.lint(result)
    for d in diagnostics:
        if any(first <= d.span.line <= last for first, last in ranges):
            click.echo(
                f"note: {d.path}:{d.span.line}:{d.span.column}: {d.code} {d.message}", err=True
            )


def _fail(message: str, prefix: str = "awesome-lint: error: ") -> NoReturn:
    click.echo(prefix + message, err=True)
    sys.exit(2)
