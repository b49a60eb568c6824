"""The ``awesome-lint`` command: options, reading inputs, the pipeline, output, exit codes.

Pipeline: read + decode each path → parse → engine (rules) → optional fixes (in memory) →
optional link step (``run(link_step=…)``: the link checker adds its AL9xx diagnostics to the
results there) → with --fix/--diff, the redirect fixes, then the diff or the one write →
reporter. Exit codes: 0 no errors (warnings allowed), 1 errors found (``--fail-on`` moves the
threshold; with ``--diff``: a file would change), 2 usage error or an input that could not be
read, linted or fixed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, NoReturn

import click

from . import __version__
from .ci import changed_lines_or_exit, ci_options, failing_level
from .diagnostics import Diagnostic, Severity
from .engine import Engine, FileResult, finalize, parse_source
from .inputs import neighbour_lister
from .linkstep import dump, link_options, link_settings, make_link_step
from .registry import Registry, Selection, SelectorError, builtin_registry, rulebook_page
from .reporters import EXPORT_FORMATS, FORMATS, Summary, render
from .source import DEFAULT_MAX_SIZE, SourceError, SourceText, parse_size, read_source
from .terminal import printable

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
    stdin_name: str | None = None  # the path that stands for standard input ("-" given)


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
    if options.fix or options.diff:
        for result in results:
            finish_fixes(result, engine_for(result.path), options)
    return results


def lint_file(path: str, engine: Engine, options: RunOptions) -> FileResult:
    try:
        source = read_input(path, options)
        document, diagnostics = engine.lint(source)
    except SourceError as exc:
        return FileResult(path, error=str(exc))
    if not (options.fix or options.diff):
        return FileResult(path, document, diagnostics)
    result = FileResult(path, document, diagnostics, source=source)
    fix_file(result, engine, options)
    return result


def fix_file(
    result: FileResult, engine: Engine, options: RunOptions, late: Sequence[Diagnostic] = ()
) -> None:
    """Apply the fixes to the text in memory (``result.fixed_source``); the result then reports
    what remains, and each fix left out says why. ``late``: findings with fixes that the rules
    do not make (the link checker's redirects). Nothing is written here: see finish_fixes."""
    from .fix import MAX_PASSES, fix_source

    assert result.document is not None and result.source is not None
    current = result.fixed_source or result.source
    carried = {id(d) for d in late}
    rules = [d for d in result.diagnostics if id(d) not in carried]
    outcome = fix_source(
        current, engine, unsafe=options.unsafe_fixes, first=(result.document, rules), late=late
    )
    result.document, result.diagnostics = outcome.document, outcome.diagnostics
    result.fixed += outcome.applied
    result.fixed_source = outcome.source
    result.notes += [dropped.note() for dropped in outcome.dropped]
    if not outcome.converged:
        result.notes.append(f"{result.path}: warning: fixes still apply after {MAX_PASSES} passes")


def finish_fixes(result: FileResult, engine: Engine, options: RunOptions) -> None:
    """The one place that writes a user's file: first the link checker's fixes (permanent
    redirects) through the same passes and guard, then the diff (``--diff``, which never
    writes) or the write, unless the file changed on disk since it was read (exit 2)."""
    from .fix import unified_diff, write_fixed

    if result.source is None or result.document is None:
        return
    network = {rule.code for rule in engine.selection.rules if rule.network}
    late = [d for d in result.diagnostics if d.code in network]
    if any(d.fix is not None for d in late):
        fix_file(result, engine, options, late)
        result.diagnostics = finalize(result.diagnostics, engine.selection.overrides)
    after = result.fixed_source
    if after is None or after.raw == result.source.raw:
        return
    if options.diff:
        result.diff = unified_diff(result.source, after)
        return
    try:
        write_fixed(result.source, after)
    except SourceError as exc:
        result.error = str(exc)


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


def read_input(path: str, options: RunOptions) -> SourceText:
    """The file at ``path``, or standard input for the path that stands for it."""
    if path == options.stdin_name:
        from .inputs import read_stdin

        return read_stdin(path, options.max_size)
    return read_source(path, max_size=options.max_size)


@dataclass
class Inputs:
    paths: list[str]  # the files to lint, each once
    failures: list[FileResult]  # arguments that name nothing to lint (an empty folder)
    stdin_name: str | None  # the path among ``paths`` that stands for standard input


def input_paths(paths: Sequence[str], configs: Any, stdin_filename: str | None) -> Inputs:
    """Folders and globs expanded (see ``inputs.py``), ``-`` standing for standard input
    under ``--stdin-filename`` (README.md in the current folder when nothing is given)."""
    from .inputs import STDIN, STDIN_NAME, expand_inputs

    def excludes_for(folder: str) -> tuple[Path, tuple[str, ...]]:
        config = configs.config_for(os.path.join(folder, "README.md"))
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


def hide_known_findings(
    results: Sequence[FileResult], option: str | None, configs: Any, quiet: bool
) -> None:
    """Drop the findings in each file's baseline (``--baseline`` or the configuration's)."""
    from .baseline import BaselineError, filter_known, read_baseline

    by_file: dict[Path, list[FileResult]] = {}
    for result in results:
        chosen = Path(option) if option else configs.config_for(result.path).baseline
        if chosen is not None:
            by_file.setdefault(chosen, []).append(result)
    for path, chosen_results in by_file.items():
        try:
            known = read_baseline(path)
        except BaselineError as exc:
            fail(str(exc))
        hidden = filter_known(chosen_results, known, path.resolve().parent)
        if hidden and not quiet:
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

    neighbours = neighbour_lister()

    def engine_for(path: str) -> Engine:
        try:
            return replace(configs.engine_for(path), neighbour_files=neighbours)
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
    inputs = input_paths(paths, configs, stdin_filename)
    unique_paths = inputs.paths
    if link_args["dump_links"]:
        sys.exit(dump(unique_paths, max_size))
    if show_style:
        sys.exit(print_styles(unique_paths, configs.engine_for, max_size))
    if dump_entries:
        from .entrydump import dump_entries as print_entries

        sys.exit(print_entries(unique_paths, max_size, fmt))
    options = RunOptions(
        fix,
        diff,
        unsafe_fixes,
        max_size,
        sys.stderr.isatty() and not quiet,
        stdin_name=inputs.stdin_name,
    )
    changed = changed_lines_or_exit(unique_paths, changed_since)
    link_step = None
    if link_args["check_links"]:
        # The [links] table of the first path's configuration (or of --config).
        configured = configs.config_for(unique_paths[0]).links
        link_step = make_link_step(
            link_settings(link_args, configured),
            progress=options.progress,
            quiet=quiet,
            restrict=changed.restrict if changed else None,
        )
    results = run(unique_paths, configs.engine_for, options, link_step) + inputs.failures
    if changed is not None:
        changed.filter_results(results)
    if write_baseline is not None:
        sys.exit(record_baseline(results, write_baseline, quiet))
    hide_known_findings(results, baseline, configs, quiet)
    if not (show_info or select) and failing_level(fail_on) != Severity.INFO:
        hide_info(results)  # rules picked with --select are listed whatever their severity
    report(
        results,
        fmt,
        options,
        quiet=quiet,
        color=use_color(color),
        rules=registry,
        statistics=statistics,
    )
    sys.exit(exit_code(results, diff, failing_level(fail_on)))


def print_styles(paths: Sequence[str], engine_for: Callable[[str], Engine], max_size: int) -> int:
    """``--show-style``: each file's inferred (and pinned) house style; 2 if one is unreadable."""
    from .show_style import describe_style

    status = 0
    for path in paths:
        try:
            doc = parse_source(read_source(path, max_size=max_size))
            style = engine_for(path).house_style(doc)
        except SourceError as exc:
            click.echo(str(exc), err=True)
            status = 2
            continue
        except Exception as exc:  # a bug: said plainly, as the lint says it (AL000)
            click.echo(f"{path}: error: house-style inference crashed: {exc!r}", err=True)
            status = 2
            continue
        click.echo(describe_style(doc, style))
    return status


def hide_info(results: Sequence[FileResult]) -> None:
    """Info findings are counted in the summary and listed only when asked (``--show-info``,
    ``--fail-on info``): boilerplate and near-ties, not defects to act on."""
    for result in results:
        shown = [d for d in result.diagnostics if d.severity != Severity.INFO]
        result.hidden_info += len(result.diagnostics) - len(shown)
        result.diagnostics = shown


def report(
    results: Sequence[FileResult],
    fmt: str,
    options: RunOptions,
    *,
    quiet: bool,
    color: bool,
    rules: Iterable[type[Rule]] | None = None,
    statistics: bool = False,
) -> None:
    """Notes and errors to stderr; the report (or, with --diff, the diff) to stdout."""
    for result in results:
        for line in [*result.notes, result.error]:
            if line:
                click.echo(printable(line), err=True)
    if options.diff:
        click.echo("".join(result.diff for result in results), nl=False)
        fixed = Summary.of(results, options.unsafe_fixes).fixed
        if not quiet and fixed:
            click.echo(f"Would fix {fixed} problem{'s' * (fixed > 1)}.", err=True)
        return
    output = render(
        results,
        fmt,
        unsafe_fixes=options.unsafe_fixes,
        quiet=quiet,
        color=color,
        rules=rules,
        statistics=statistics,
    )
    click.echo(output, nl=False, color=color)
    if fmt == "github":
        from .reporters.github import write_github_files

        write_github_files(results, Summary.of(results, options.unsafe_fixes))
