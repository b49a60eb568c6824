"""Configuration files through the real command (built-in rules, real parser): discovery,
precedence, selection layers, per-file ignores, [style] pins, [rules.X] options, and every
validation error (file, key, what is allowed, a close match)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from awesome_lint import cli
from awesome_lint.config import ConfigError, build_selection, find_config, load_config
from awesome_lint.registry import builtin_registry

# Reported by default: AL104 at 18, AL202 at 12, AL204 at 17 (the list is newest-first).
LIST = """\
# Papers

## Diffusion

**Paper A** \\
*A. Author* \\
[1st May, 2023] [arXiv, 2023] \\
[[Paper](https://arxiv.org/abs/2305.00001)]

**Paper B** \\
*B. Author* \\
[22th Apr., 2023] [arXiv, 2023] \\
[[Paper](https://arxiv.org/abs/2304.00002)]

**Paper C** \\
*C. Author* \\
[3rd Jun., 2023] [arXiv, 2023] \\
[[paper](https://arxiv.org/abs/2306.00003)]

## License

MIT
"""
DEFAULT = ["AL202", "AL204", "AL104"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "list.md").write_text(LIST, encoding="utf-8")
    return tmp_path


def lint(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["--format", "json", *args])


def codes(result: Result) -> list[str]:
    import json

    assert result.exit_code in (0, 1), result.output
    found = json.loads(result.stdout)["diagnostics"]
    return [d["code"] for d in sorted(found, key=lambda d: (d["line"], d["code"]))]


def severities(result: Result) -> dict[str, str]:
    import json

    return {d["code"]: d["severity"] for d in json.loads(result.stdout)["diagnostics"]}


SELECTION_CASES = [
    # (config body, command-line arguments, codes reported)
    ("", (), DEFAULT),
    ('select = ["AL2"]', (), ["AL202", "AL204"]),
    ('select = ["date-ordinal"]', (), ["AL202"]),
    ('ignore = ["AL2"]', (), ["AL104"]),
    ('ignore = ["link-label", "AL204"]', (), ["AL202"]),
    ('extend-ignore = ["AL104"]', (), ["AL202", "AL204"]),
    ('select = ["AL202"]\nextend-select = ["AL104"]', (), ["AL202", "AL104"]),
    ('select = ["AL2"]\nignore = ["AL204"]', (), ["AL202"]),
    # the command line's --select starts afresh: the file's select and ignores are replaced
    ('select = ["AL104"]', ("--select", "AL2"), ["AL202", "AL204"]),
    ('ignore = ["AL202"]', ("--select", "AL202"), ["AL202"]),
    # the command line's --ignore takes away from the file's selection
    ('select = ["AL2"]', ("--ignore", "AL204"), ["AL202"]),
    ('extend-select = ["AL406"]', ("--ignore", "AL1"), ["AL202", "AL204"]),
    ("", ("--isolated", "--ignore", "AL1"), ["AL202", "AL204"]),
    # per-file-ignores: a glob relative to the config's folder, or the file name
    ('[per-file-ignores]\n"list.md" = ["AL202"]', (), ["AL204", "AL104"]),
    ('[per-file-ignores]\n"*.md" = ["AL2", "link-label"]', (), []),
    ('[per-file-ignores]\n"docs/*.md" = ["AL2"]', (), DEFAULT),
]


@pytest.mark.parametrize(("body", "args", "expected"), SELECTION_CASES)
def test_selection_decisions(folder: Path, body: str, args: tuple[str, ...], expected) -> None:
    (folder / ".awesome-lint.toml").write_text(body, encoding="utf-8")
    assert codes(lint(*args, "list.md")) == expected


def test_isolated_ignores_the_configuration(folder: Path) -> None:
    (folder / ".awesome-lint.toml").write_text('select = ["AL104"]\n', encoding="utf-8")
    assert codes(lint("list.md")) == ["AL104"]
    assert codes(lint("--isolated", "list.md")) == DEFAULT


SEVERITY_CASES = [
    ("", (), {"AL202": "error", "AL204": "warning", "AL104": "warning"}),
    ('[severity]\nAL2 = "info"', (), {"AL202": "info", "AL204": "info", "AL104": "warning"}),
    ('[severity]\ndate-ordinal = "warning"', (), {"AL202": "warning"}),
    ('[severity]\nAL2 = "info"', ("--severity", "AL202=error"), {"AL202": "error"}),
    ('[severity]\nAL202 = "info"', ("--severity", "AL2=warning"), {"AL202": "warning"}),
]


@pytest.mark.parametrize(("body", "args", "expected"), SEVERITY_CASES)
def test_severity_precedence(folder: Path, body: str, args, expected) -> None:
    (folder / ".awesome-lint.toml").write_text(body, encoding="utf-8")
    found = severities(lint("--show-info", *args, "list.md"))
    assert {code: found[code] for code in expected} == expected


def test_nearest_config_wins_and_pyproject_counts_only_with_its_table(folder: Path) -> None:
    sub = folder / "docs" / "deep"
    sub.mkdir(parents=True)
    (sub / "list.md").write_text(LIST, encoding="utf-8")
    (folder / ".awesome-lint.toml").write_text('select = ["AL104"]\n', encoding="utf-8")
    (folder / "docs" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(sub / "list.md") == (folder / ".awesome-lint.toml").resolve()
    assert codes(lint("docs/deep/list.md")) == ["AL104"]
    (folder / "docs" / "pyproject.toml").write_text(
        '[tool.awesome-lint]\nselect = ["AL202"]\n', encoding="utf-8"
    )
    assert find_config(sub / "list.md") == (folder / "docs" / "pyproject.toml").resolve()
    assert codes(lint("docs/deep/list.md")) == ["AL202"]
    assert codes(lint("list.md")) == ["AL104"]  # each file its own nearest configuration
    assert sorted(codes(lint("list.md", "docs/deep/list.md"))) == ["AL104", "AL202"]


def test_config_option_overrides_discovery(folder: Path) -> None:
    (folder / ".awesome-lint.toml").write_text('select = ["AL104"]\n', encoding="utf-8")
    (folder / "other.toml").write_text('select = ["AL204"]\n', encoding="utf-8")
    assert codes(lint("--config", "other.toml", "list.md")) == ["AL204"]
    result = lint("--config", "missing.toml", "list.md")
    assert result.exit_code == 2
    assert "missing.toml: --config: no such file" in result.stderr


def test_rule_options_reach_the_rule(folder: Path) -> None:
    (folder / ".awesome-lint.toml").write_text(
        '[rules.AL204]\norder = "oldest-first"\n', encoding="utf-8"
    )
    result = lint("--select", "AL204", "list.md")
    assert codes(result) == ["AL204"]
    assert "the section is oldest-first" in result.stdout


def test_style_pins_sort_direction_for_every_section(folder: Path) -> None:
    (folder / ".awesome-lint.toml").write_text(
        '[style]\nsort-direction = "oldest-first"\n', encoding="utf-8"
    )
    result = lint("--select", "AL204", "list.md")
    assert "the section is oldest-first" in result.stdout


def test_style_pins_the_link_label_set(folder: Path) -> None:
    (folder / ".awesome-lint.toml").write_text('[style]\nlink-labels = ["PAPER"]\n', "utf-8")
    result = CliRunner().invoke(cli.main, ["--select", "AL104", "list.md"])
    assert result.stdout.splitlines()[:3] == [
        'list.md:8:3: AL104 [*] [link-label] link label "Paper" should be "PAPER"',
        'list.md:13:3: AL104 [*] [link-label] link label "Paper" should be "PAPER"',
        'list.md:18:3: AL104 [*] [link-label] link label "paper" should be "PAPER"',
    ]


ERROR_CASES = [
    # (config body, the message after "<path>: ")
    (
        'selct = ["AL2"]',
        "selct: unknown key in the configuration; did you mean 'select'? (allowed: select, "
        "ignore, extend-select, extend-ignore, per-file-ignores, severity, style, rules, links, "
        "exclude, baseline)",
    ),
    (
        'select = "AL2"',
        "select: must be a list of rule codes, prefixes or names, e.g. "
        "[\"AL2\"], not a string 'AL2'",
    ),
    ('ignore = ["AL209"]', "ignore: unknown rule selector 'AL209'; did you mean 'AL207'?"),
    (
        'extend-select = ["date-ordnal"]',
        "extend-select: unknown rule selector 'date-ordnal'; did you mean 'date-ordinal'?",
    ),
    ('per-file-ignores = ["AL2"]', "per-file-ignores: must be a table, not a list ['AL2']"),
    (
        '[per-file-ignores]\n"*.md" = "AL2"',
        "per-file-ignores.'*.md': must be a list of rule "
        "codes, prefixes or names, e.g. [\"AL2\"], not a string 'AL2'",
    ),
    (
        '[severity]\nAL202 = "fatal"',
        "severity.AL202: unknown severity 'fatal' (use error, warning or info)",
    ),
    (
        "[severity]\nAL202 = 3",
        "severity.AL202: must be one of error, warning, info, not a number 3",
    ),
    (
        '[severity]\nAL999 = "info"',
        "severity.AL999: unknown rule selector 'AL999'; did you mean 'AL905'?",
    ),
    (
        '[style]\nsort-directon = "oldest-first"',
        "style.sort-directon: unknown key in [style]; did you mean 'sort-direction'?",
    ),
    (
        '[style]\nsort-direction = "oldest"',
        "style.sort-direction: must be one of "
        "'newest-first', 'oldest-first', not a string 'oldest'",
    ),
    ("[style]\ndate-ordinal = 1", "style.date-ordinal: must be true or false, not a number 1"),
    (
        '[style]\nlink-labels = "Paper"',
        "style.link-labels: must be a list of strings, not a string 'Paper'",
    ),
    (
        "[rules.AL206]\ntolerance-month = 2",
        "rules.AL206.tolerance-month: unknown key in "
        "[rules.AL206]; did you mean 'tolerance-months'? (allowed: tolerance-months, venue-first)",
    ),
    (
        '[rules.AL206]\ntolerance-months = "2"',
        "rules.AL206.tolerance-months: must be a whole number, not a string '2'",
    ),
    ("[rules.AL206]\ntolerance-months = -1", "rules.AL206: tolerance_months must not be negative"),
    (
        '[rules.AL204]\norder = "sideways"',
        "rules.AL204: order must be one of auto, newest-first, oldest-first, not 'sideways'",
    ),
    (
        "[rules.AL406]\norder = [1, 2]",
        "rules.AL406.order: must be a list of strings or a string, not a list [1, 2]",
    ),
    (
        '[rules.AL503]\nextra-names = "LLaMA"',
        "rules.AL503.extra-names: must be a list of strings, not a string 'LLaMA'",
    ),
    ("[rules.AL202]\nx = 1", "rules.AL202: AL202 (date-ordinal) has no options"),
    ("[rules.AL2]\nx = 1", "rules.AL2: options belong to one rule: name it by its code or name"),
    (
        "[rules.date-ordnal]\nx = 1",
        "rules.date-ordnal: unknown rule selector 'date-ordnal'; did you mean 'date-ordinal'?",
    ),
    ('[links]\ntimeout = "fast"', "links.timeout: must be a number, not a string 'fast'"),
    ("[links]\ntimeout = 0", "links: timeout must be more than 0, not 0.0"),
    ('[links]\nexclude = ["x"]', "links.exclude: unknown key in [links]; did you mean 'excludes'?"),
    (
        '[links]\naccept = "200..299,9"',
        "links.accept: bad status code or range '9' (use 200, 403 or 200..299)",
    ),
    ('[links.lifetimes]\nok = "1d"', "links.lifetimes.ok: must be a number, not a string '1d'"),
    ("[links.lifetimes]\nfine = 3600", "links.lifetimes.fine: unknown key in [links.lifetimes]"),
    ("select = [", "invalid TOML: "),
]


@pytest.mark.parametrize(("body", "message"), ERROR_CASES, ids=lambda v: str(v)[:30])
def test_each_validation_error_names_the_file_the_key_and_what_is_allowed(
    folder: Path, body: str, message: str
) -> None:
    path = folder / ".awesome-lint.toml"
    path.write_text(body + "\n", encoding="utf-8")
    result = lint("list.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"awesome-lint: error: {path}: {message}"), result.stderr
    assert "Traceback" not in result.stderr


def test_pyproject_errors_name_the_tool_table(folder: Path) -> None:
    path = folder / "pyproject.toml"
    path.write_text('[tool.awesome-lint]\nselect = ["AL2"]\nignores = []\n', encoding="utf-8")
    result = lint("list.md")
    assert result.exit_code == 2
    assert (
        f"{path}: tool.awesome-lint.ignores: unknown key in the configuration; did you "
        "mean 'ignore'?" in result.stderr
    )


def test_links_table_is_validated_and_reaches_the_link_options(folder: Path) -> None:
    from awesome_lint.linkstep import link_settings

    path = folder / ".awesome-lint.toml"
    path.write_text(
        '[links]\ntimeout = 3\nexcludes = ["example\\\\.org"]\naccept = [200, 403]\n'
        'cache-path = "links.sqlite"\n[links.lifetimes]\ndead = 60\n',
        encoding="utf-8",
    )
    config = load_config(path, builtin_registry())
    options = link_settings({"timeout": 7.0, "excludes": ("b",)}, config.links)
    assert options.timeout == 7.0  # the command line wins
    assert options.excludes == ("example\\.org", "b")
    assert options.accept == frozenset({200, 403})
    assert options.cache_path == str(folder / "links.sqlite")  # beside the configuration
    assert options.lifetime("dead") == 60.0
    assert options.lifetime("ok") == 7 * 24 * 3600.0


def test_build_selection_unknown_command_line_selector_is_a_usage_error(folder: Path) -> None:
    result = lint("--select", "AL2x", "list.md")
    assert result.exit_code == 2
    assert "unknown rule selector" in result.stderr
    with pytest.raises(ValueError):
        build_selection(builtin_registry(), load_config_text(folder, ""), ["nope"])


def load_config_text(folder: Path, body: str):
    path = folder / "x.toml"
    path.write_text(body, encoding="utf-8")
    return load_config(path, builtin_registry())


def test_config_error_is_an_exception_with_the_message(folder: Path) -> None:
    with pytest.raises(ConfigError, match=r"x.toml: rules: must be a table"):
        load_config_text(folder, 'rules = "AL204"')


def test_readme_example_configuration_is_valid(tmp_path: Path) -> None:
    """The annotated example in the README loads, and pins what it says."""
    import re

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Configuration\n", 1)[1]
    example = re.search(r"```toml\n(.*?)```", section, re.S)[1]
    path = tmp_path / ".awesome-lint.toml"
    path.write_text(example, encoding="utf-8")
    config = load_config(path, builtin_registry())
    assert config.style["sort_direction"] == "oldest-first"
    assert config.style["break_token"] == " \\"
    assert config.rules["AL302"].cross_section == "off"
    assert config.links["accept"] == frozenset({200, 403})
    assert config.ignored_for(str(tmp_path / "docs" / "a.md")) == ("AL4",)
    selection = build_selection(builtin_registry(), config)
    assert "AL406" in selection.codes and "AL501" not in selection.codes
    assert "AL502" not in selection.codes and "AL901" in selection.codes


def test_link_findings_follow_each_files_configuration(folder: Path) -> None:
    """The link step runs once for all files; each file keeps the AL9xx findings its own
    configuration selects and its comments do not suppress."""
    from awesome_lint.config import Configurations
    from awesome_lint.diagnostics import Diagnostic, Severity
    from awesome_lint.runner import RunOptions, run

    sub = folder / "sub"
    sub.mkdir()
    (sub / "list.md").write_text(LIST, encoding="utf-8")
    (sub / ".awesome-lint.toml").write_text(
        '[per-file-ignores]\n"*.md" = ["dead-link"]\n', encoding="utf-8"
    )
    (folder / "other.md").write_text(
        "<!-- awesome-lint-disable-next AL901 -->\n" + LIST.split("\n\n", 3)[2] + "\n", "utf-8"
    )
    seen = []

    def link_step(docs, selection) -> list[Diagnostic]:
        seen.append("AL901" in selection.codes)
        return [
            Diagnostic(
                "AL901", "dead-link", Severity.ERROR, doc.path, doc.entries[0].links[0].span, "dead"
            )
            for doc in docs
        ]

    configs = Configurations(builtin_registry(), select=["AL901"])
    paths = ["list.md", "sub/list.md", "other.md"]
    results = run(paths, configs.engine_for, RunOptions(), link_step)
    assert seen == [True]
    assert [[d.code for d in r.diagnostics] for r in results] == [["AL901"], [], []]


STYLE_PINS = [
    # ([style] line, the first finding of the pinned rule)
    (
        'break-token = "<br>"',
        'list.md:5:12: AL102 [*] [line-break-style] line break " \\" differs from the list\'s "<br>"',
    ),
    ('month-style = "full"', 'list.md:12:7: AL203 [*] [month-style] "Apr.," should be "April,"'),
    (
        'date-layout = "my"',
        'list.md:7:2: AL201 [date-format] date "1st May, 2023" is not in the house layout '
        '(the list writes "Jul., 2022")',
    ),
    (
        'sort-direction = "oldest-first"',
        'list.md:12:2: AL204 [date-order] "22th Apr., 2023" is older than "1st May, 2023" on '
        "line 7 before it; the section is oldest-first",
    ),
]


@pytest.mark.parametrize(("pin", "first"), STYLE_PINS)
def test_style_pins_override_the_inferred_style(folder: Path, pin: str, first: str) -> None:
    assert first not in CliRunner().invoke(cli.main, ["list.md"]).stdout  # inferred: fine
    (folder / ".awesome-lint.toml").write_text(f"[style]\n{pin}\n", encoding="utf-8")
    code = first.split(" ")[1]
    result = CliRunner().invoke(cli.main, ["--select", code, "list.md"])
    assert result.stdout.splitlines()[0] == first
