"""``normalise_title`` reads an ASCII title with ``bytes.translate``; the general path (NFKD,
``\\w`` words) is the reference, and both must give the same text for every ASCII title.
``titles_match`` bounds the similarity by the characters in common before it imports difflib;
it must answer as the matcher's own bounds and ratio do."""

from __future__ import annotations

import random
import re
import unicodedata
from difflib import SequenceMatcher

from awesome_lint.links.titles import normalise_title, titles_match

from ..corpus import corpus_files, read_text


def reference(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text.replace("_", " ")))


def test_ascii_titles_read_as_the_general_path_reads_them() -> None:
    rng = random.Random(14)
    for _ in range(50_000):
        title = "".join(chr(rng.randrange(128)) for _ in range(rng.randint(0, 30)))
        assert normalise_title(title) == reference(title), repr(title)


def test_the_corpus_titles_read_alike() -> None:
    lines = [line for path in corpus_files() for line in read_text(path).splitlines()]
    for line in lines:
        assert normalise_title(line) == reference(line), line
    assert normalise_title("**DiffWave**: A_Versatile (Diffusion) Model!") == (
        "diffwave a versatile diffusion model"
    )
    assert titles_match(
        "Denoising Diffusion Probabilistic Models.", "denoising diffusion-probabilistic models"
    )


def reference_match(written: str, actual: str) -> bool:
    a, b = reference(written), reference(actual)
    if written == actual or not a or not b or a == b:
        return True
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return True
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= 0.9
        and matcher.quick_ratio() >= 0.9
        and (matcher.ratio() >= 0.9)
    )


def retyped(title: str, rng: random.Random) -> str:
    """The title with a few characters changed, dropped, doubled or swapped."""
    chars = list(title)
    for _ in range(rng.randint(0, 4)):
        i = rng.randrange(len(chars) + 1)
        edit = rng.choice("cdis")
        if edit == "c" and i < len(chars):
            chars[i] = rng.choice("aeiouxyz -:")
        elif edit == "d" and i < len(chars):
            del chars[i]
        elif edit == "i":
            chars.insert(i, rng.choice("aeiouxyz -:"))
        elif edit == "s" and i + 1 < len(chars):
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def test_titles_match_as_the_matcher_does() -> None:
    rng = random.Random(904)
    titles = ["Denoising Diffusion Probabilistic Models", "DDPM", "Score-Based Models", "ab"]
    titles += [line[:80] for path in corpus_files()[:3] for line in read_text(path).splitlines()]
    titles = [t for t in titles if t.strip()]
    matched = 0
    for _ in range(20_000):
        written = rng.choice(titles)
        actual = retyped(written, rng) if rng.random() < 0.8 else rng.choice(titles)
        expected = reference_match(written, actual)
        assert titles_match(written, actual) is expected, (written, actual)
        matched += expected
    assert 2_000 < matched < 18_000  # both answers, many times
