"""What the user names a paper by: an arXiv id, ``arXiv:`` reference or URL, a DOI or doi.org URL.

Bare forms are turned into the addresses the project's one arXiv/DOI reader (``urls``) knows,
so there is no second pattern for identifiers here.
"""

from __future__ import annotations

from typing import NamedTuple

from ..urls import arxiv_id, doi


class PaperRef(NamedTuple):
    kind: str  # arxiv | doi
    id: str  # arXiv id without version, or the DOI in lower case

    @property
    def key(self) -> str:
        """The same key ``urls.paper_key`` gives a link to this paper."""
        return f"{self.kind}:{self.id.lower()}"

    @property
    def url(self) -> str:
        if self.kind == "arxiv":
            return f"https://arxiv.org/abs/{self.id}"
        return f"https://doi.org/{self.id}"


def read_ref(text: str) -> PaperRef | None:
    """The paper ``text`` names, or None when it names none."""
    text = text.strip()
    bare = text[len("arxiv:") :] if text.lower().startswith("arxiv:") else text
    found = arxiv_id(text) or arxiv_id(f"arxiv.org/abs/{bare}")
    if found is not None:
        return PaperRef("arxiv", found)
    found = doi(text) or doi(f"doi:{text}")
    return PaperRef("doi", found) if found is not None else None
