"""Names with one spelling set by their owner (GitHub, arXiv, NeurIPS), in one table.

Every rule that corrects a name's spelling reads it here, so two rules can never ask for two
spellings of one name (AL503 and AL207 once did, for ChemRxiv). Each name says where it is
checked: a name is only corrected where its lower-case form cannot be an ordinary word ("pdf"
in a sentence is fine; in a link label it is "PDF").
"""

from __future__ import annotations

from typing import Literal

Place = Literal["prose", "venue", "label"]
PROSE: Place = "prose"  # sentences and headings (AL503 spelling)
VENUE: Place = "venue"  # an entry's venue (AL207 venue-format)
LABEL: Place = "label"  # a link's label (AL104 link-label)

VENUE_ACRONYMS = (
    "AAAI",
    "ACL",
    "BMVC",
    "CVPR",
    "ECCV",
    "EMNLP",
    "ICASSP",
    "ICCV",
    "ICLR",
    "ICML",
    "IJCAI",
    "ISBI",
    "KDD",
    "MIDL",
    "NAACL",
    "SIGGRAPH",
    "TPAMI",
    "WACV",
)

# The spelling, then the places where it is enforced.
NAMES: tuple[tuple[str, frozenset[Place]], ...] = tuple(
    (spelling, frozenset(places))
    for spelling, places in (
        ("GitHub", (PROSE, LABEL)),
        ("GitLab", (PROSE, LABEL)),
        ("arXiv", (PROSE, VENUE, LABEL)),
        ("bioRxiv", (PROSE, VENUE)),
        ("medRxiv", (PROSE, VENUE)),
        ("ChemRxiv", (PROSE, VENUE)),
        ("CoRR", (VENUE,)),
        ("OpenReview", (PROSE, LABEL)),
        ("PyTorch", (PROSE,)),
        ("TensorFlow", (PROSE,)),
        ("JAX", (PROSE,)),
        ("NumPy", (PROSE,)),
        ("SciPy", (PROSE,)),
        ("scikit-learn", (PROSE,)),
        ("MuJoCo", (PROSE,)),
        ("YouTube", (PROSE, LABEL)),
        ("JavaScript", (PROSE,)),
        ("TypeScript", (PROSE,)),
        ("PubMed", (PROSE,)),
        ("ImageNet", (PROSE,)),
        ("OpenAI", (PROSE,)),
        ("ChatGPT", (PROSE,)),
        ("BibTeX", (LABEL,)),
        ("PDF", (LABEL,)),
        ("Hugging Face", (LABEL,)),
        ("Colab", (LABEL,)),
        ("PyPI", (LABEL,)),
        ("DOI", (LABEL,)),
        ("NeurIPS", (PROSE, VENUE)),
        ("MICCAI", (PROSE, VENUE)),
        # Venues only: in prose their lower-case forms are other words ("acl", "kdd").
        *((venue, (VENUE,)) for venue in VENUE_ACRONYMS),
    )
)

# Old or wrong names of a known name: lower-case form -> the right spelling (venues only).
VENUE_ALIASES: dict[str, str] = {"nips": "NeurIPS"}
# The year from which an alias is wrong: the venue was called so until then ("NIPS 2017").
RENAMED_IN: dict[str, int] = {"nips": 2018}


def spellings(place: Place) -> dict[str, str]:
    """Lower-case form -> the owner's spelling, for the names enforced in ``place``."""
    return {spelling.lower(): spelling for spelling, places in NAMES if place in places}
