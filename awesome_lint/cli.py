"""The ``awesome-lint`` command: its options mapped onto the runner (:mod:`.runner`), the
results onto the reporters and the exit code.

Exit codes: 0 no errors (warnings allowed), 1 errors found (``--fail-on`` moves the threshold;
with ``--diff``: a file would change), 2 usage error or an input that could not be read,
linted or fixed.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .ci import changed_lines_or_exit, ci_options, failing_level
from .diagnostics import Severity
from .engine import Engine, FileResult
from .linkstep import link_options, link_settings, make_link_step, run_links_table
from .registry import Registry, SelectorError, builtin_registry, rulebook_page
from .reporters import EXPORT_FORMATS, FORMATS, ReportOptions, Summary
from .reporters import report as write_report
from .runner import RunOptions, input_paths, parse_inputs, run_each, with_neighbours
from .source import SourceError, parse_size
from .terminal import printable
from .version import __version__

if TYPE_CHECKING:
    from .model import Document
    from .rule import Rule


def exit_code(
    results: Sequence[FileResult], diff: bool = False, fail_on: Severity | None = Severity.ERROR
) -> int:
    """2 for an input that failed; else 1 when a finding is at least ``fail_on`` severe
    (``None``: never), or, with ``diff``, when a file would change."""
    if any(result.error for result in results):
        return 2
    if diff:
        return 1 if any(result.diff for result in results) else 0
    if fail_on is None:
        return 0
    found = (d for result in results for d in result.diagnostics)
    return 1 if any(d.severity >= fail_on for d in found) else 0


def tell_notes(result: FileResult) -> FileResult:
    """Echo a result's notes and error on stderr."""
    for line in [*result.notes, result.error]:
        if line:
            click.echo(printable(line), err=True)
    return result


def use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):  # https://no-color.org: any non-empty value
        return False
    return sys.stdout.isatty()


def options_group(*options: Callable[..., Any]) -> Callable[..., Any]:
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def split_selectors(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def parse_severities(values: Sequence[str]) -> dict[str, Severity]:
    overrides = {}
    for value in values:
        selector, sep, level = value.partition("=")
        if not sep or not selector.strip():
            raise click.BadParameter(f"{value!r} is not CODE=LEVEL", param_hint="'--severity'")
        try:
            overrides[selector.strip()] = Severity.parse(level)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--severity'") from None
    return overrides


def rules_table(registry: Registry, fmt: str) -> str:
    rules = list(registry)
    if fmt == "json":
        import json

        return json.dumps(
            [
                {
                    "code": rule.code,
                    "name": rule.name,
                    "severity": str(rule.severity),
                    "fixable": rule.fixable,
                    "summary": rule.summary,
                    "enabled_by_default": rule.enabled_by_default,
                    "network": rule.network,
                    "tool": rule.tool,
                }
                for rule in rules
            ],
            indent=2,
        )
    rows = [("CODE", "NAME", "SEVERITY", "FIXABLE", "SUMMARY")]
    rows += [
        (r.code, r.name, str(r.severity), "yes" if r.fixable else "no", r.summary) for r in rules
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[4]
        for row in rows
    )


def explain_page(registry: Registry, key: str) -> str:
    rule = registry.get(key)
    if rule is None:
        try:
            registry.match(key)  # for its suggestion
        except SelectorError as exc:
            raise click.BadParameter(str(exc), param_hint="'--explain'") from None
        raise click.BadParameter(f"{key!r} names several rules, not one", param_hint="'--explain'")
    page = rulebook_page(rule.code)
    if page is None:
        fail(f"{rule.code} has no page in the rule book")
    return page.rstrip("\n")


def fail(message: str) -> NoReturn:
    click.echo(f"awesome-lint: error: {printable(message)}", err=True)
    sys.exit(2)


config_options = options_group(
    click.option(
        "--config",
        "config_path",
        metavar="PATH",
        help="Use this configuration file (instead of the nearest .awesome-lint.toml or "
        "pyproject.toml [tool.awesome-lint]).",
    ),
    click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
    click.option(
        "--no-inline-config",
        is_flag=True,
        help="Ignore <!-- awesome-lint-disable… --> comments in the lists.",
    ),
)


adoption_options = options_group(
    click.option(
        "--statistics",
        is_flag=True,
        help="Print one line per rule (count, fixable) instead of the findings.",
    ),
    click.option(
        "--baseline",
        metavar="FILE",
        help="Report only findings not recorded in this baseline file (configuration: "
        "baseline = FILE).",
    ),
    click.option(
        "--write-baseline",
        metavar="FILE",
        help="Record today's findings in FILE (again: drop the ones gone) and exit.",
    ),
    click.option(
        "--stdin-filename",
        metavar="PATH",
        help="The path shown (and configured) for standard input, read when PATH is '-'.",
    ),
)


def check_adoption_options(
    paths: Sequence[str],
    fix: bool,
    changed_since: str | None,
    baseline: str | None,
    write_baseline: str | None,
) -> None:
    if fix and "-" in paths:
        raise click.UsageError("--fix cannot write standard input; --diff shows the fixes")
    if write_baseline is not None and (baseline is not None or changed_since is not None):
        raise click.UsageError(
            "--write-baseline records every finding; it cannot be combined with --baseline "
            "or --changed-since"
        )


def record_baseline(results: Sequence[FileResult], path: str, quiet: bool) -> int:
    """``--write-baseline``: record today's findings; 2 if an input or the file failed."""
    from .baseline import BaselineError, write_baseline

    for result in results:
        if result.error:
            click.echo(result.error, err=True)
    try:
        recorded, dropped = write_baseline(Path(path), results)
    except BaselineError as exc:
        fail(str(exc))
    if not quiet:
        gone = f"; {dropped} no longer found, dropped" if dropped else ""
        click.echo(f"Recorded {recorded} finding{'s' * (recorded != 1)} in {path}{gone}.", err=True)
    return 2 if any(result.error for result in results) else 0


class KnownFindings:
    """Each file's baseline (``--baseline`` or the configuration's), read before the run and
    applied file by file as the results come."""

    def __init__(self, option: str | None, configs: Any, paths: Sequence[str]) -> None:
        from .baseline import BaselineError, read_baseline

        self.baseline_of = {
            p: Path(option) if option else configs.config_for(p).baseline for p in paths
        }
        self.known: dict[Path, Counter] = {}  # what each baseline holds
        self.hidden: Counter[Path] = Counter()
        for path in dict.fromkeys(b for b in self.baseline_of.values() if b is not None):
            try:
                self.known[path] = read_baseline(path)
            except BaselineError as exc:
                fail(str(exc))

    def hide(self, result: FileResult) -> None:
        from .baseline import filter_known

        chosen = self.baseline_of.get(result.path)
        if chosen is not None:
            self.hidden[chosen] += filter_known(
                [result], self.known[chosen], chosen.resolve().parent
            )

    def tell(self) -> None:
        for path, hidden in self.hidden.items():
            if hidden:
                found = f"{hidden} finding{'s' * (hidden != 1)}"
                click.echo(f"{found} recorded in the baseline {path} not shown.", err=True)


def configurations(
    registry: Registry,
    select: Sequence[str],
    ignore: Sequence[str],
    severities: Sequence[str],
    config_path: str | None,
    isolated: bool,
    no_inline_config: bool,
) -> Any:
    """Each path's configuration and engine: the file's settings under the command line's;
    a bad configuration file fails with its message (exit 2), a bad selector is a usage error."""
    from .config import ConfigError, Configurations

    try:
        configs = Configurations(
            registry,
            select=split_selectors(select) if select else None,
            ignore=split_selectors(ignore),
            severity=parse_severities(severities),
            config_path=config_path,
            isolated=isolated,
            inline_config=not no_inline_config,
        )
        registry.select(configs.cli[0], configs.cli[1], configs.cli[2])  # CLI selectors known?
    except ConfigError as exc:
        fail(str(exc))
    except SelectorError as exc:
        raise click.UsageError(str(exc)) from None

    def engine_for(path: str) -> Engine:
        try:
            return configs.engine_for(path)
        except ConfigError as exc:
            fail(str(exc))

    def config_for(path: str) -> Any:
        try:
            return configs.config_for(path)
        except ConfigError as exc:
            fail(str(exc))

    return SimpleNamespace(engine_for=with_neighbours(engine_for), config_for=config_for)


def plugins_loaded(registry: Registry) -> list[Any]:
    """Add the installed plugins' rules to ``registry``; a broken plugin fails (exit 2)."""
    from .plugins import PluginError, load_plugins

    try:
        return load_plugins(registry)
    except PluginError as exc:
        fail(str(exc))


def print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    lines = [f"awesome-lint, version {__version__}"]
    lines += [f"plugin {p.describe()}" for p in plugins_loaded(builtin_registry())]
    click.echo("\n".join(lines))
    ctx.exit()


def max_size_option(ctx: click.Context, param: click.Parameter, value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


class LintCommand(click.Command):
    """The lint command; ``awesome-lint add …`` (its first word) runs the add command."""

    def main(self, args: Sequence[str] | None = None, **extra: Any) -> Any:  # type: ignore[override]
        words = list(sys.argv[1:] if args is None else args)
        if words[:1] == ["add"]:
            from .add.command import add

            extra.setdefault("prog_name", "awesome-lint add")
            return add.main(words[1:], **extra)
        return super().main(words, **extra)


@click.command(
    cls=LintCommand,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="To add a paper: awesome-lint add ID FILE (see awesome-lint add --help). "
    "Exit codes: 0 no errors (warnings allowed), 1 errors found (with --fail-on: "
    "findings of that severity or worse; with --diff: a file would change), 2 usage error or "
    "an input that could not be read, linted or fixed.",
)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, *EXPORT_FORMATS)),
    default="text",
    show_default=True,
    help="Output format (bibtex and csv: with --dump-entries).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Run only these rules: codes, code prefixes (AL2) or names; comma-separated.",
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules.")
@click.option(
    "--severity",
    "severities",
    multiple=True,
    metavar="RULE=LEVEL",
    help="Override a rule's severity: error, warning or info. Repeatable.",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes and write the files.")
@click.option("--unsafe-fixes", is_flag=True, help="Apply unsafe fixes too (with --fix/--diff).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option(
    "--show-style",
    is_flag=True,
    help="Print, per group of entries, the house style inferred (with the evidence) and exit.",
)
@click.option("--explain", metavar="RULE", help="Print a rule's page (code or name) and exit.")
@click.option(
    "--max-size",
    default="10MB",
    callback=max_size_option,
    show_default=True,
    metavar="SIZE",
    help="Refuse inputs larger than this (e.g. 10MB, 500kB).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print the findings only, no summary.")
@click.option(
    "--show-info",
    is_flag=True,
    help="List info findings too (they are counted in the summary; --fail-on info and --select "
    "list them too).",
)
@click.option(
    "--dump-entries",
    is_flag=True,
    help="Print every paper entry read, with its fields and places, offline, and exit "
    "(text, or --format json).",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: on a terminal, unless NO_COLOR is set).",
)
@link_options
@ci_options
@config_options
@adoption_options
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=print_version,
    help="Show the version and the loaded plugins, and exit.",
)
def main(
    paths: tuple[str, ...],
    fmt: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    severities: tuple[str, ...],
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    list_rules: bool,
    show_style: bool,
    explain: str | None,
    max_size: int,
    quiet: bool,
    show_info: bool,
    dump_entries: bool,
    color: bool | None,
    fail_on: str,
    changed_since: str | None,
    config_path: str | None,
    isolated: bool,
    no_inline_config: bool,
    statistics: bool,
    baseline: str | None,
    write_baseline: str | None,
    stdin_filename: str | None,
    **link_args: Any,
) -> None:
    """Lint curated paper lists (awesome lists of research papers).

    Lints each PATH (README.md in the current folder when none is given).
    """
    registry = builtin_registry()
    plugins_loaded(registry)
    if list_rules:
        click.echo(rules_table(registry, fmt))
        return
    if explain is not None:
        click.echo(explain_page(registry, explain))
        return
    if fmt in EXPORT_FORMATS and not dump_entries:
        raise click.UsageError(f"--format {fmt} exports entries: use it with --dump-entries")
    if diff and fmt != "text":
        raise click.UsageError(f"--diff prints a diff; it cannot be combined with --format {fmt}")
    if statistics and fmt not in ("text", "json"):
        raise click.UsageError(f"--statistics is for --format text or json, not {fmt}")
    if changed_since is not None and (fix or diff):
        raise click.UsageError("--changed-since reports findings; it cannot fix (--fix, --diff)")
    check_adoption_options(paths, fix, changed_since, baseline, write_baseline)
    configs = configurations(
        registry, select, ignore, severities, config_path, isolated, no_inline_config
    )
    inputs = input_paths(paths, configs.config_for, stdin_filename)
    unique_paths = inputs.paths
    options = RunOptions(
        fix,
        diff,
        unsafe_fixes,
        max_size,
        sys.stderr.isatty() and not quiet,
        stdin_name=inputs.stdin_name,
    )
    if link_args["dump_links"]:
        from .links import dump_links

        sys.exit(print_view(unique_paths, options, dump_links))
    if show_style:
        sys.exit(print_styles(unique_paths, configs.engine_for, options))
    if dump_entries:
        from .entrydump import entry_renderer

        sys.exit(print_view(unique_paths, options, entry_renderer(fmt)))
    changed = changed_lines_or_exit(unique_paths, changed_since)
    link_step = None
    if link_args["check_links"]:
        link_step = make_link_step(
            link_settings(link_args, run_links_table(unique_paths, configs.config_for)),
            progress=options.progress,
            quiet=quiet,
            restrict=changed.restrict if changed else None,
        )
    results = chain(run_each(unique_paths, configs.engine_for, options, link_step), inputs.failures)
    if changed is not None:
        results = changed.filtered(results)
    if write_baseline is not None:
        sys.exit(record_baseline(list(results), write_baseline, quiet))
    known = KnownFindings(baseline, configs, unique_paths)
    # Rules picked with --select are listed whatever their severity.
    hide = not (show_info or select) and failing_level(fail_on) != Severity.INFO
    decided: list[FileResult] = []

    def shown() -> Iterator[FileResult]:
        for result in results:
            known.hide(result)
            if hide:
                hide_info(result)
            decided.append(result)
            yield result

    report(
        shown(),
        fmt,
        options,
        quiet=quiet,
        color=use_color(color),
        rules=registry,
        statistics=statistics,
    )
    if not quiet:
        known.tell()
    sys.exit(exit_code(decided, diff, failing_level(fail_on)))


def print_view(
    paths: Sequence[str], options: RunOptions, render: Callable[[list[Document]], str]
) -> int:
    """A view of the parsed files (``--dump-links``, ``--dump-entries``): ``render`` of every
    file read, on stdout; 2 if one could not be read or parsed."""
    docs, failed = [], False
    for parsed in parse_inputs(paths, options):
        if isinstance(parsed, SourceError):
            click.echo(printable(str(parsed)), err=True)
            failed = True
        else:
            docs.append(parsed)
    sys.stdout.write(render(docs))
    return 2 if failed else 0


def print_styles(
    paths: Sequence[str], engine_for: Callable[[str], Engine], options: RunOptions
) -> int:
    """``--show-style``: each file's inferred (and pinned) house style; 2 if one is unreadable."""
    from .show_style import describe_style

    status = 0
    for parsed in parse_inputs(paths, options):
        if isinstance(parsed, SourceError):
            click.echo(str(parsed), err=True)
            status = 2
            continue
        try:
            style = engine_for(parsed.path).house_style(parsed)
        except Exception as exc:  # a bug: said plainly, as the lint says it (AL000)
            click.echo(f"{parsed.path}: error: house-style inference crashed: {exc!r}", err=True)
            status = 2
            continue
        click.echo(describe_style(parsed, style))
    return status


def hide_info(result: FileResult) -> None:
    """Info findings are counted in the summary and listed only when asked (``--show-info``,
    ``--fail-on info``): boilerplate and near-ties, not defects to act on."""
    shown = [d for d in result.diagnostics if d.severity != Severity.INFO]
    result.hidden_info += len(result.diagnostics) - len(shown)
    result.diagnostics = shown


def report(
    results: Iterable[FileResult],
    fmt: str,
    options: RunOptions,
    *,
    quiet: bool,
    color: bool,
    rules: Iterable[type[Rule]] | None = None,
    statistics: bool = False,
) -> None:
    """Notes and errors to stderr; the report (or, with --diff, the diff) to stdout, file by
    file as the results come (after the last, while a progress line is drawn)."""
    results = map(tell_notes, results)
    if options.diff or options.progress:
        results = list(results)
    if options.diff:
        click.echo("".join(result.diff for result in results), nl=False)
        fixed = Summary.of(results, options.unsafe_fixes).fixed
        if not quiet and fixed:
            click.echo(f"Would fix {fixed} problem{'s' * (fixed > 1)}.", err=True)
        return
    settings = ReportOptions(options.unsafe_fixes, quiet, color, rules, statistics, os.environ)
    write_report(results, fmt, lambda text: click.echo(text, nl=False, color=color), settings)
