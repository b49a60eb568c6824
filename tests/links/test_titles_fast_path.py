"""``normalise_title`` reads an ASCII title with ``bytes.translate``; the general path (NFKD,
``\\w`` words) is the reference, and both must give the same text for every ASCII title."""

from __future__ import annotations

import random
import re
import unicodedata

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
