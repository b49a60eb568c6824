"""The ``awesome-lint`` command: options, reading inputs, the pipeline, output, exit codes.

Pipeline: read + decode each path → parse → engine (rules) → optional fixes → optional link
step (``run(link_step=…)``: the link checker adds its AL9xx diagnostics to the results there) →
reporter. Exit codes: 0 no errors (warnings allowed), 1 errors found (``--fail-on`` moves the
threshold; with ``--diff``: a file would change), 2 usage error or an input that could not be
read, linted or fixed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .ci import changed_lines_or_exit, ci_options, failing_level
from .diagnostics import Severity
from .engine import Engine, FileResult, finalize
from .linkstep import dump, link_options, link_settings, make_link_step
from .registry import Registry, Selection, SelectorError, builtin_registry, rulebook_page
from .reporters import FORMATS, Summary, render
from .source import DEFAULT_MAX_SIZE, SourceError, SourceText, parse_size, read_source

if TYPE_CHECKING:
    from .rule import Rule

LinkStep = Callable[[list[FileResult], Selection], None]


@dataclass(frozen=True)
class RunOptions:
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    max_size: int = DEFAULT_MAX_SIZE
    progress: bool = False


def run(
    paths: Sequence[str],
    engine: Engine | Callable[[str], Engine],
    options: RunOptions,
    link_step: LinkStep | None = None,
) -> list[FileResult]:
    """Lint (and fix) every path; an unreadable one becomes an error result, not an exception.

    ``engine``: one engine for every path, or a function giving each path's (configuration).
    """
    engine_for = engine if callable(engine) else (lambda path: engine)
    results = [
        lint_file(path, engine_for(path), options) for path in progress(paths, options.progress)
    ]
    if link_step is not None:
        # The link checker appends its AL9xx diagnostics; they get each file's selection,
        # per-file ignores, suppression comments, severity overrides and order.
        engines = [engine_for(result.path) for result in results]
        link_step(results, Selection.union([e.selection for e in engines]))
        for result, each in zip(results, engines, strict=True):
            found = result.diagnostics
            if result.document is not None:
                network = {rule.code for rule in each.selection.rules if rule.network}
                late = [d for d in found if d.code in network]
                found = [d for d in found if d.code not in network]
                found += each.after_rules(result.document, late, late=True)
            result.diagnostics = finalize(found, each.selection.overrides)
    return results


def lint_file(path: str, engine: Engine, options: RunOptions) -> FileResult:
    try:
        source = read_source(path, max_size=options.max_size)
        document, diagnostics = engine.lint(source)
    except SourceError as exc:
        return FileResult(path, error=str(exc))
    result = FileResult(path, document, diagnostics)
    if options.fix or options.diff:
        fix_file(result, source, engine, options)
    return result


def fix_file(result: FileResult, source: SourceText, engine: Engine, options: RunOptions) -> None:
    """Apply the fixes (or, with --diff, show them); on success the result reports what
    remains, on refusal it keeps the original findings and the file is untouched."""
    from .fix import MAX_PASSES, fix_source, unified_diff, write_atomic

    assert result.document is not None
    try:
        outcome = fix_source(
            source, engine, unsafe=options.unsafe_fixes, first=(result.document, result.diagnostics)
        )
        if outcome.changed and options.diff:
            result.diff = unified_diff(source, outcome.source)
        elif outcome.changed:
            write_atomic(result.path, outcome.source.encode())
    except SourceError as exc:
        result.error = str(exc)
        return
    result.document, result.diagnostics = outcome.document, outcome.diagnostics
    result.fixed = outcome.applied
    if not outcome.converged:
        result.notes.append(f"{result.path}: warning: fixes still apply after {MAX_PASSES} passes")


def progress(paths: Sequence[str], enabled: bool) -> Iterator[str]:
    """Yield the paths, showing ``[i/n] path`` on stderr meanwhile (terminals only)."""
    if not enabled or len(paths) < 2:
        yield from paths
        return
    width = 0
    for number, path in enumerate(paths, 1):
        status = f"[{number}/{len(paths)}] {path}"[:79]
        sys.stderr.write("\r" + status.ljust(width))
        sys.stderr.flush()
        width = len(status)
        yield path
    sys.stderr.write("\r" + " " * width + "\r")
    sys.stderr.flush()


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
    click.echo(f"awesome-lint: error: {message}", err=True)
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

    return SimpleNamespace(engine_for=engine_for, config_for=config_for)


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


@click.command(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Exit codes: 0 no errors (warnings allowed), 1 errors found (with --fail-on: "
    "findings of that severity or worse; with --diff: a file would change), 2 usage error or "
    "an input that could not be read, linted or fixed.",
)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
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
    explain: str | None,
    max_size: int,
    quiet: bool,
    dump_entries: bool,
    color: bool | None,
    fail_on: str,
    changed_since: str | None,
    config_path: str | None,
    isolated: bool,
    no_inline_config: bool,
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
    if diff and fmt != "text":
        raise click.UsageError(f"--diff prints a diff; it cannot be combined with --format {fmt}")
    if changed_since is not None and (fix or diff):
        raise click.UsageError("--changed-since reports findings; it cannot fix (--fix, --diff)")
    unique_paths = list(dict.fromkeys(paths)) or ["README.md"]  # a path given twice: once
    if link_args["dump_links"]:
        sys.exit(dump(unique_paths, max_size))
    if dump_entries:
        from .entrydump import dump_entries as print_entries

        sys.exit(print_entries(unique_paths, max_size, fmt))
    configs = configurations(
        registry, select, ignore, severities, config_path, isolated, no_inline_config
    )
    options = RunOptions(fix, diff, unsafe_fixes, max_size, sys.stderr.isatty() and not quiet)
    changed = changed_lines_or_exit(unique_paths, changed_since)
    link_step = None
    if link_args["check_links"]:
        # The [links] table of the first path's configuration (or of --config).
        configured = configs.config_for(unique_paths[0]).links
        link_step = make_link_step(
            link_settings(link_args, configured),
            progress=options.progress,
            quiet=quiet,
            fix=fix,
            restrict=changed.restrict if changed else None,
        )
    results = run(unique_paths, configs.engine_for, options, link_step)
    if changed is not None:
        changed.filter_results(results)
    report(results, fmt, options, quiet=quiet, color=use_color(color), rules=registry)
    sys.exit(exit_code(results, diff, failing_level(fail_on)))


def report(
    results: Sequence[FileResult],
    fmt: str,
    options: RunOptions,
    *,
    quiet: bool,
    color: bool,
    rules: Iterable[type[Rule]] | None = None,
) -> None:
    """Notes and errors to stderr; the report (or, with --diff, the diff) to stdout."""
    for result in results:
        for line in [*result.notes, result.error]:
            if line:
                click.echo(line, err=True)
    if options.diff:
        click.echo("".join(result.diff for result in results), nl=False)
        fixed = Summary.of(results, options.unsafe_fixes).fixed
        if not quiet and fixed:
            click.echo(f"Would fix {fixed} problem{'s' * (fixed > 1)}.", err=True)
        return
    output = render(
        results, fmt, unsafe_fixes=options.unsafe_fixes, quiet=quiet, color=color, rules=rules
    )
    click.echo(output, nl=False, color=color)
    if fmt == "github":
        from .reporters.github import write_github_files

        write_github_files(results, Summary.of(results, options.unsafe_fixes))
