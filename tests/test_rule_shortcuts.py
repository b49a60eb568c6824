"""The rules' fast paths give what the plain reading gives, and rules stay independent.

Each shortcut taken for speed (a regex for plain URLs, ``str.translate`` for ASCII title keys,
bracket balancing in C, ``str.find`` for misspelled names) is checked here against the slow,
obvious reading it replaces, on hand-picked edge cases, on seeded random text and, where the
corpus is present, on every address of every corpus list.
"""

from __future__ import annotations

import ast
import random
import re
import unicodedata
from pathlib import Path

import pytest

from awesome_lint.facts import surnames, title_key
from awesome_lint.names import PROSE, spellings
from awesome_lint.rules.al111_broken_link_syntax import scan_closers, unmatched_closers
from awesome_lint.rules.al503_spelling import _WORD, _misspelled
from awesome_lint.urls import split_any_url, split_url

from .corpus import corpus_files, read_text

RULES_DIR = Path(__file__).resolve().parent.parent / "awesome_lint" / "rules"
RULE_MODULE = re.compile(r"al\d{3}_\w+")


def test_no_rule_imports_another_rule() -> None:
    """Rules share what they need through facts and helper modules, never through each other."""
    for path in sorted(RULES_DIR.glob("al[0-9][0-9][0-9]_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = [
            node.module or ""
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
        ]
        assert not [name for name in imported if RULE_MODULE.fullmatch(name)], path.name


TRICKY_URLS = [
    "HTTPS://Example.COM/a?b#c?d#e",
    "http://a.b",
    "http://a.b?",
    "http://a.b#",
    "http://a.b/?x=1#",
    "a+b.c-d://h/p",
    "http://h\tx/",
    "https://x.org/p q",
    "http://user@host/p",
    "http://host:8080/p",
    "http://host:99999/p",
    "http://[::1]/p",
    "http://[::1/p",
    "//arxiv.org/abs/2101.00001",
    " https://arxiv.org/abs/2101.00001",
    "https://arxiv.org/abs/2101.00001 ",
    "mailto:someone@example.org",
    "javascript:alert(1)",
    "",
]


@pytest.mark.parametrize("url", TRICKY_URLS)
def test_split_url_is_urlsplit(url: str) -> None:
    assert split_url(url) == split_any_url(url)


def test_split_url_is_urlsplit_on_every_corpus_address() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpus is absent")
    urls = set()
    for path in files:
        urls |= set(re.findall(r"https?://[^\s)>\]\"]+", read_text(path)))
    for url in urls:
        got, expected = split_url(url), split_any_url(url)
        assert got == expected, url
        if got is not None:
            assert (got.hostname, got.port) == (expected.hostname, expected.port), url


def test_title_key_keeps_exactly_the_alphanumerics_of_the_folded_text() -> None:
    rng = random.Random(5)
    alphabet = "Aa Zz09_-.,:;!?'\"()[]\tÉéßİ\u0131ﬁ①²Ω½"  # \u0131: dotless i
    samples = ["", "Attention Is All You Need", "Déjà Vu: ﬁne-tuning ½ a Model", "İstanbul"]
    samples += ["".join(rng.choice(alphabet) for _ in range(20)) for _ in range(3000)]
    ascii_only = [chr(i) for i in range(128)]  # the path most titles take
    samples += ["".join(rng.choice(ascii_only) for _ in range(30)) for _ in range(3000)]
    for text in samples:
        folded = unicodedata.normalize("NFKD", text).casefold()
        assert title_key.__wrapped__(text) == "".join(c for c in folded if c.isalnum()), text


def test_surnames_split_at_separators_and_drop_et_al() -> None:
    assert surnames("Ann Lee, Bo Kim and Cy Wu & Di Xu; Ed Yu et al.") == {
        "lee",
        "kim",
        "wu",
        "xu",
        "yu",
    }
    assert surnames("Sandy Band, Ann Etal") == {"band", "etal"}  # "and", "et al" inside words


def test_unmatched_closers_is_the_bracket_scan() -> None:
    rng = random.Random(1)
    samples = ["[[Paper](u)] \\", "a] [b", "\\[x]", "\\\\[x]", "[a [b] c", ""]
    samples += [
        "".join(rng.choice("[]()ab \\") for _ in range(rng.randint(0, 14))) for _ in range(20000)
    ]
    for text in samples:
        for carried in (0, 1, 2):
            assert unmatched_closers(text, carried) == scan_closers(text, carried), text


def _misspelled_by_words(text: str, names: dict[str, str]) -> list[tuple[int, str]]:
    words = _WORD.finditer(text)
    return [(m.start(), m[0]) for m in words if names.get(m[0].lower(), m[0]) != m[0]]


def test_misspelled_finds_what_a_word_by_word_reading_finds() -> None:
    names = {**spellings(PROSE), "hugging face": "Hugging Face", "": ""}
    rng = random.Random(3)
    fixed = "Github github.io x-Github Github_ _Github a.Github Github.b Arxiv ARXIV arXiv İ github"
    samples = [fixed, fixed.replace("İ", "I")]
    samples += [
        "".join(rng.choice("GgIiTtHhUuBb-_. aArRxXvV\n") for _ in range(60)) for _ in range(3000)
    ]
    for text in samples:
        found = [(m.start(), m[0]) for m in _misspelled(text, names)]
        assert found == _misspelled_by_words(text, names), text
