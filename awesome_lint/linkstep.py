"""``--check-links``: the link checker's options (command line and ``[links]``) and the
runner's link step."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from .diagnostics import Diagnostic
from .model import Document
from .registry import Selection
from .source import SourceText
from .terminal import printable

LINK_CODES_PREFIX = "AL9"
NO_FILE = "no configuration file: the defaults"

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
        "--allow-network",
        "allow_networks",
        multiple=True,
        metavar="CIDR",
        help="Let the link checker reach this private network (e.g. 10.1.0.0/16). Repeatable.",
    ),
    click.option("--arxiv-api", metavar="URL", help="The arXiv export API (a mirror)."),
    click.option("--doi-api", metavar="URL", help="The DOI handle API (a mirror)."),
    click.option(
        "--github-api",
        metavar="URL",
        help="The GitHub API (GitHub Enterprise: https://HOST/api/v3); $GITHUB_TOKEN goes "
        "there only, and only over https.",
    ),
    click.option("--user-agent", metavar="TEXT", help="The User-Agent the checker sends."),
    click.option(
        "--header",
        "headers",
        multiple=True,
        metavar="NAME:VALUE",
        help="Send this header to each link's own origin (not on redirects away). Repeatable.",
    ),
    click.option(
        "--include",
        "includes",
        multiple=True,
        metavar="REGEX",
        help="Fetch only URLs matching REGEX (and no --exclude). Repeatable.",
    ),
    click.option(
        "--min-interval",
        type=float,
        metavar="SECONDS",
        help="Start requests to one host at least this far apart (0.05).",
    ),
    click.option(
        "--max-cache-age",
        type=float,
        metavar="SECONDS",
        help="Re-check a cached verdict older than this.",
    ),
    click.option(
        "--insecure",
        is_flag=True,
        help="Do not verify TLS certificates (the GitHub token is then not sent).",
    ),
    click.option(
        "--max-time",
        type=float,
        metavar="SECONDS",
        help="Stop checking after this long; links not yet checked are unverified.",
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
    "arxiv_api": "arxiv_api",
    "doi_api": "doi_api",
    "github_api": "github_api",
    "user_agent": "user_agent",
    "max_time": "max_time",
    "min_interval": "min_interval",
    "max_cache_age": "max_cache_age",
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


def run_links_table(paths: Sequence[str], config_for: Callable[[str], Any]) -> Mapping[str, Any]:
    """The ``[links]`` table of a run: one link check serves every file, with the table of the
    first file's configuration (each file's was validated when its configuration was read).
    A warning names the first file whose configuration's table differs."""
    if not paths:
        return {}
    first = config_for(paths[0])
    for path in paths[1:]:
        config = config_for(path)
        if config.links != first.links:
            click.echo(
                f"awesome-lint: warning: {printable(path)}: the [links] table of its "
                f"configuration ({config.path or NO_FILE}) is not applied: one link check "
                f"serves the run, with the first file's ({first.path or NO_FILE})",
                err=True,
            )
            break
    return first.links


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
    if args.get("allow_networks"):
        values["allow_networks"] = tuple(args["allow_networks"])
    if args.get("includes"):
        values["includes"] = (*values.get("includes", ()), *args["includes"])
    if args.get("headers"):
        values["headers"] = tuple(_header(text) for text in args["headers"])
    if args.get("insecure"):
        values["insecure"] = True
    if args.get("no_cache"):
        values["no_cache"] = True
    try:
        if args.get("accept"):
            values["accept"] = parse_accept(args["accept"])
        options = LinkOptions(**values)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    token = os.environ.get("GITHUB_TOKEN")
    if token and not options.github_api.startswith("https://"):
        click.echo(
            "awesome-lint: warning: --github-api is not https: $GITHUB_TOKEN is not sent to it",
            err=True,
        )
    return replace(options, github_token=token) if token else options


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise click.BadParameter(f"{text!r} is not NAME:VALUE", param_hint="'--header'")
    return name.strip(), value.strip()


def _with_ignore_file(options: Any, first_path: str) -> Any:
    """The options with the patterns of the nearest ``.awesome-lint-ignore`` excluded too."""
    from .links.exclude import find_ignore_file, read_ignore_file

    found = find_ignore_file(Path(first_path))
    if found is None:
        return options
    try:
        patterns = read_ignore_file(found)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    return replace(options, excludes=(*options.excludes, *patterns))


def make_link_step(
    options: Any,
    *,
    progress: bool,
    quiet: bool,
    restrict: Callable[[Document], Document] | None = None,
) -> LinkStep:
    """The runner's link step: check the links of every document at once and return the
    AL9xx findings the selection holds (the runner decides them with each file's rules'
    findings). ``restrict`` narrows each document to the links worth checking
    (``--changed-since``). The ``.awesome-lint-ignore`` nearest the first file applies."""
    return LinkStep(options, progress=progress, quiet=quiet, restrict=restrict)


class LinkStep:
    """The link step (see :func:`make_link_step`). Called with the documents it checks their
    links then; :meth:`started` starts on the URLs of the texts while they are parsed."""

    def __init__(
        self,
        options: Any,
        *,
        progress: bool,
        quiet: bool,
        restrict: Callable[[Document], Document] | None,
    ) -> None:
        self.options = options
        self.progress = progress
        self.quiet = quiet
        self.restrict = restrict

    def __call__(self, docs: Sequence[Document], selection: Selection) -> list[Diagnostic]:
        from .links import check_links

        checked = _with_ignore_file(self.options, docs[0].path) if docs else self.options
        if self.restrict is not None:
            docs = [self.restrict(doc) for doc in docs]
        return self._findings(
            lambda: check_links(list(docs), checked, progress=self.progress), selection
        )

    @contextlib.contextmanager
    def started(self, sources: Sequence[SourceText]) -> Iterator[Callable[..., list[Diagnostic]]]:
        """The step, its requests started on the URLs a scan of ``sources`` finds (not with
        ``--changed-since``: only the changed lines' links are checked)."""
        if self.restrict is not None or not sources:
            yield self
            return
        from .links.early import EarlyCheck

        checked = _with_ignore_file(self.options, sources[0].path)
        texts = [source.text for source in sources]
        with EarlyCheck(texts, checked, progress=self.progress) as early:

            def step(docs: Sequence[Document], selection: Selection) -> list[Diagnostic]:
                return self._findings(lambda: early.finish(docs), selection)

            yield step

    def _findings(self, check: Callable[[], Any], selection: Selection) -> list[Diagnostic]:
        from .links.exclude import ExcludeTimeout

        wanted = {code for code in selection.codes if code.startswith(LINK_CODES_PREFIX)}
        try:
            report = check()
        except ExcludeTimeout as exc:
            raise click.UsageError(str(exc)) from None
        for note in report.notes:
            click.echo(f"awesome-lint: warning: {printable(note)}", err=True)
        if not self.quiet:
            click.echo(report.summary_line(), err=True)
        return [d for d in report.diagnostics if d.code in wanted]
