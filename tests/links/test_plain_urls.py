"""The plain reading of a URL (``collect._plain_url``, no yarl) against yarl's parse: wherever
the plain reading answers, both give the same normalised URL, on every URL of the corpus and on
random URLs built from the characters and escapes that matter; every other URL goes to yarl."""

from __future__ import annotations

import random
import re

import pytest

from awesome_lint.links.collect import _parsed_url, _plain_url, normalise_url, url_problem

from ..corpus import corpus_files, read_text

LONG_S, KELVIN = "\u017f", "\u212a"  # "s" and "K" when case is folded
WRITTEN_URL = re.compile(r"https?://[^\s<>\"'`)\]]+")
PIECES = [
    *"aZ09-._~!$&'()*+,;=:@/?#% \t[]\\",
    *("..", "./", "/.", "/..", LONG_S, KELVIN, "é", "xn--", "0x", "www.", ".com", "//"),
    *(f"%{b:02X}" for b in range(256)),
    *(f"%{b:02x}" for b in (0x41, 0x2F, 0xE4, 0x7E)),
    *("%E4%B8%AD", "%C3%A9", "%F0%9F%98%80", "%C1%81", "%ED%A0%80", "%FE%FF"),
]
HOST_PIECES = ["a", "b", "Z", "0", "1", "-", ".", "x", LONG_S, KELVIN, "_", "0x", "é", "127", ":80"]


def random_url(rng: random.Random) -> str:
    scheme = rng.choice(["http://", "HTTPS://", "https://", "Http://"])
    host = "".join(rng.choice(HOST_PIECES) for _ in range(rng.randint(0, 6)))
    if rng.random() < 0.5:  # half of them a host name, to reach the plain reading's paths
        host = rng.choice(["a.org", "Example.COM", "x-1.io", "b"])
    rest = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 10)))
    if rng.random() < 0.2:  # an address, as browsers may or may not read it
        host = ".".join(rng.choice(["0", "1", "127", "255", "256", "01", "0x7f"]) for _ in "1234")
    port = rng.choice(["", "", ":80", ":443", ":8080", ":0", ":65535", ":65536", ":08080", ":"])
    return scheme + host + port + rng.choice(["", "/", "?", "#", "/a/"]) + rest


def assert_read_alike(url: str) -> bool:
    plain = _plain_url(url)
    if plain is None:
        return False
    assert plain == _parsed_url(url), url
    assert url_problem(plain) is None
    return True


def test_the_plain_reading_is_yarls_on_the_corpus() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("no corpus")
    urls = {u for path in files for u in WRITTEN_URL.findall(read_text(path))}
    plain = sum(assert_read_alike(url) for url in urls)
    assert plain >= 0.95 * len(urls)  # the fast path is the common one


def test_the_plain_reading_is_yarls_on_random_urls() -> None:
    rng = random.Random(14)
    answered = sum(assert_read_alike(random_url(rng)) for _ in range(30_000))
    assert answered > 2_000  # enough plain ones among them to mean something


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("HTTPS://Example.ORG", "https://example.org/"),
        ("http://example.org?q=1#top", "http://example.org/?q=1"),
        ("https://arxiv.org/abs/2111.08005#section", "https://arxiv.org/abs/2111.08005"),
        ("https://example.org/a%E4%B8%AD?x=%20", "https://example.org/a%E4%B8%AD?x=%20"),
        ("http://127.0.0.1:8080/ok/1", "http://127.0.0.1:8080/ok/1"),
        ("HTTPS://Example.org:8443", "https://example.org:8443/"),
    ],
)
def test_plain_urls(written: str, normalised: str) -> None:
    assert _plain_url(written) == normalised == normalise_url(written)


@pytest.mark.parametrize(
    "written",
    [
        "http://example.org/a%e4",  # an escape in lower case: yarl writes it in upper case
        "http://example.org/%41",  # an escaped letter: yarl unescapes it
        "http://example.org/a/../b",  # dot segments: resolved
        "http://example.org/a?",  # an empty query: dropped
        "http://example.org:80/",  # the scheme's own port: dropped
        "http://127.1/",  # a number: an address as browsers read it
        "http://127.0.0.01/",  # an octet with a leading zero: octal to browsers
        "http://user@example.org/",  # a user
        f"http://{LONG_S}.example.org/",  # IDNA
        "http://bücher.example/",
    ],
)
def test_other_urls_go_to_yarl(written: str) -> None:
    assert _plain_url(written) is None
    assert normalise_url(written) == _parsed_url(written)
