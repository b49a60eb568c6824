"""Field readers: what a piece of an entry's text *is* (a date, a venue, an author list, a title,
a link of some kind), judged by its content and never by where a known layout puts it.

Each reader takes a string (or a link) and answers on its own, so each can be tested alone.
"""

from __future__ import annotations

import html
import re

from ..dates import read_date
from ..urls import CODE_HOSTS, PAPER_HOSTS, host_of
from .lines import BR_TAG

__all__ = [
    "citation_number",
    "is_date",
    "link_kind",
    "looks_like_authors",
    "looks_like_title",
    "news_line",
    "paper_url",
    "plain_text",
    "split_venue_suffix",
    "venue_with_year",
    "year_venue_prefix",
]

# Venues paper lists name, matched as whole words (case-insensitive).
KNOWN_VENUES = frozenset(
    """aaai aamas acl acm aistats arxiv bmvc chi cikm coling colt corl cvpr cvprw eccv emnlp
    eurips findings fg iccv icassp iclr icml icra icme icpr ijcai ijcv interspeech iros jmlr kdd
    miccai mlsys naacl neurips nips pami recsys sigir siggraph tacl tip tmi tmlr tnnls tog tpami
    tvcg uai wacv www wsdm preprint journal conference workshop proceedings transactions media
    isbi ipmi midl iclrw icmlw nature science cell lancet jama pmlr biorxiv medrxiv corr report
    thesis bionlp""".split()  # noqa: SIM905 (a word list reads best as text)
)
_WORD = re.compile(r"[A-Za-z]+")
_YEAR = re.compile(r"(?<![\d/.])(?:19|20)\d{2}(?![\d/])")
_NAME = r"[A-Z\u00c0-\u024f](?:[\w\u00c0-\u024f\u0300-\u036f'\u2019.-]+|\.)"
_INITIALS = r"(?:[A-Z]\.\s?){1,3}-?(?:[A-Z]\.)?"
# "Ann Lee", "A. Lee", "Lee A.", "Jo-Ann van der Berg", "LALIT R. BAHL"
_PERSON = re.compile(
    rf"(?:{_INITIALS}\s*)?{_NAME}(?:\s+(?:{_INITIALS}|{_NAME}|[A-Z](?=\s)|van|von|de|der|den|da|di|del|le|la))*"
    rf"(?:\s+{_INITIALS})?"
)
_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.?-?\s?){1,3}")  # "C.", "J.-P." in "Lee, C., Wu, J.-P."
_MARKS = re.compile(r"[*†‡§¹²³⁴✉]|\(\s*:[^()]*\)")  # equal-contribution and contact marks
# "M Mohri", "J.G. Fiscus", "M. \u0301A. Del-Agua" before "et al."
_ET_AL_HEAD = re.compile(rf"(?:[\u0300-\u036f]?[A-Z]\.?\s?-?)*{_PERSON.pattern}")
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_NOT_NAMES = re.compile(
    r"\b(?:the|of|for|with|via|using|from|towards?|a|an|on|in|is|are|by|The|An)\b|"
    r"\b(?i:learning|networks?|models?|paper|code|project|dataset|survey|images?|video|text|"
    r"neural|deep|graph|univ|university|lab|institute|inc|framework|library|toolkit|tools?|"
    r"benchmark|platform|engine|easy|fast|simple|efficient|scalable|performance|based|"
    r"pipeline|system|agents?|chatbot|api|app|open-source)\b"
)


def is_date(text: str) -> bool:
    """A date in any layout lists use: ``25th Jul., 2022``, ``2022/07``, ``Jun., 2024``."""
    return read_date(text.strip()) is not None


def looks_like_authors(text: str) -> bool:
    """A list of names: ``A. Lee, B. Kim``, ``Lee, A., Kim, B.``, ``Ann Lee et al.``."""
    text = _MARKS.sub("", text).strip(" \t\n.,;:_")
    if not text or len(text) > 2000 or any(ch.isdigit() for ch in text):
        return False
    if _ET_AL.search(text):
        head = _ET_AL.split(text, 1)[0].strip(" ,")
        return not head or bool(_ET_AL_HEAD.fullmatch(head)) or looks_like_authors(head)
    parts = [p for p in _AUTHOR_SPLIT.split(text) if p]
    if not parts or _NOT_NAMES.search(text):
        return False
    names = [
        p
        for p in parts
        if _INITIALS_ONLY.fullmatch(p)
        or (_PERSON.fullmatch(p) and len(p.split()) <= 4 and p.lower() not in KNOWN_VENUES)
    ]
    if len(names) != len(parts):
        return False
    if len(parts) == 1:  # one name alone: two or three words, four with an initial
        words = parts[0].split()
        return 2 <= len(words) <= 3 or (
            len(words) == 4 and any(len(w.strip(".")) == 1 for w in words)
        )
    return True


_NAME_PART = re.compile(r"\(?[^\W\d_][\w'\u2019.()*-]*(?: \(?[^\W\d_][\w'\u2019.()*-]*){0,4}")


def name_list(text: str) -> bool:
    """Looser than :func:`looks_like_authors`: two or more comma-separated parts of one to five
    words each (``zhengyao jiang, Tianjun Zhang``), as written on an item's own authors line."""
    parts = [p.strip() for p in _AUTHOR_SPLIT.split(text.strip(" \t.;")) if p.strip()]
    return len(parts) >= 2 and all(_NAME_PART.fullmatch(p) for p in parts)


def venue_with_year(text: str) -> bool:
    """``CVPR 2023``, ``MICCAI, 2022``, ``arXiv preprint 2023``, ``IEEE Trans. …-2022``: a name
    and a year, and nothing that reads as a date or a sentence."""
    text = text.strip(" \t.,;:*_()[]")
    if not text or len(text) > 160 or is_date(text) or len(_YEAR.findall(text)) != 1:
        return False
    name = _YEAR.sub(" ", text).strip(" ,-.")
    words = _WORD.findall(name)
    return bool(words) and len(words) <= 12


def known_venue(text: str) -> bool:
    """Whether the text names a venue the lists use (``CVPR``, ``arXiv preprint``, ``TPAMI``)."""
    words = [w.lower() for w in _WORD.findall(text)]
    return bool(words) and len(words) <= 12 and any(w in KNOWN_VENUES for w in words)


_YEAR_VENUE_PREFIX = re.compile(r"((?:19|20)\d{2})-([A-Za-z][\w]*)\s*[-\u2013:]\s+")


def year_venue_prefix(text: str, start: int, end: int) -> re.Match[str] | None:
    """``2019-CVPR - Title``: the year and venue written before the title."""
    return _YEAR_VENUE_PREFIX.match(text, start, end)


_VENUE_SUFFIX = re.compile(r"\s*\(([^()]*(?:19|20)\d{2}[^()]*)\)\s*$")


def split_venue_suffix(text: str) -> int | None:
    """``Title (ICLR 2020)`` → where ``(ICLR 2020)`` starts; None without one."""
    m = _VENUE_SUFFIX.search(text)
    if m is None or m.start() == 0:
        return None
    inner = m.group(1)
    return m.start() if venue_with_year(inner) or is_date(inner) else None


_CITATION = re.compile(r"\[\s*\d{1,4}\s*\]\.?|\d{1,3}\.?")


def citation_number(text: str) -> bool:
    """``[1]``, ``12.``: a citation or row number written where a title could be."""
    text = text.strip()
    # (it starts with "[" or a digit: most titles are refused without the regex)
    return (text[:1] == "[" or text[:1].isdigit()) and bool(_CITATION.fullmatch(text))


# Words that label a link rather than name a paper.
LINK_LABELS = re.compile(
    r"(?:paper|pdf|arxiv|code|github|gitlab|project|project page|page|website|homepage|blog|video|"
    r"demo|slides?|poster|data(?:set)?|bib(?:tex|text)?|openreview|supp(?:lementary)?|doi|html|"
    r"abs|link|official|unofficial|pytorch|tensorflow|jax|python reference|hugging ?face|model|"
    r"weights|tweet|talk|youtube|colab|notebook|leaderboard|benchmark|torch|tf|keras|mxnet|"
    r"matlab|extended version|technical report|report|journal|conference|proceedings|springer|"
    r"ieee|acm|cvf|ieee xplore|semantic scholar|researchgate|pubmed|\w+ code)"
    r"(?:\s*\([^)]*\))?",
    re.I,
)


def looks_like_title(text: str) -> bool:
    """Text that can name a paper: not a link label, a number, a date, a venue or a name list."""
    text = text.strip(" \t\n*_\"'“”.,:;[]")
    if not text or citation_number(text) or is_date(text):
        return False
    if LINK_LABELS.fullmatch(text) or (venue_with_year(text) and known_venue(text)):
        return False
    return any(ch.isalpha() for ch in text)


_NEWS_START = re.compile(
    r"\W*(?:\[?\s*(?:update|news|new|updated|notice|announcement)\b|(?:our|we|this repo)\b|"
    r"\[?\d{2}/\d{2}/\d{2}\]?\s*(?:🔥\s*)?(?:add|update|create|release|our)\b)",
    re.I,
)
_ACCEPTED = re.compile(r"\b(?:has|have|was|were|is) been accepted\b|\bwas accepted\b", re.I)


def news_line(text: str) -> bool:
    """``**[Update: June, 2023]** …``, ``[24/02/29] Update …``: a note about the list itself."""
    if _NEWS_START.match(text):
        return True
    # (searched only where the word is: most lines have none, and the search tries every place)
    return "accepted" in text.lower() and bool(_ACCEPTED.search(text))


_PDF = re.compile(r"\.pdf(?:$|[?#])", re.I)


def paper_url(url: str) -> bool:
    """An address of a paper: a paper host (arXiv, DOI, OpenReview, publishers) or a PDF."""
    if not url.startswith(("http://", "https://")):
        return url.lower().startswith("doi:")
    host = host_of(url)
    if host in PAPER_HOSTS or any(host.endswith("." + h) for h in PAPER_HOSTS):
        return True
    return bool(_PDF.search(url))


_KINDS = (
    ("code", re.compile(r"code|github|gitlab|implementation|reference|pytorch|tensorflow", re.I)),
    ("paper", re.compile(r"paper|pdf|arxiv|openreview|doi|publication|report|html|abs", re.I)),
    ("project", re.compile(r"project|page|website|homepage|site", re.I)),
    ("video", re.compile(r"video|youtube|talk", re.I)),
    ("data", re.compile(r"data", re.I)),
    ("demo", re.compile(r"demo|hugging ?face|colab|space", re.I)),
    ("bibtex", re.compile(r"bib", re.I)),
)


def link_kind(label: str, url: str) -> str:
    """What a link points to, by its label and then its host: paper, code, project, video …"""
    label = label.strip(" []*_`")
    for kind, pattern in _KINDS:
        if pattern.search(label) and LINK_LABELS.fullmatch(label):
            return kind
    if paper_url(url):
        return "paper"
    host = host_of(url)
    if host in CODE_HOSTS:
        return "demo" if host == "huggingface.co" else "code"
    if url.startswith("#"):
        return "anchor"
    return "other"


_TAG = re.compile(r"<[^<>\n]{0,200}>")
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\))?[^()\s]*\)")


def plain_text(markdown: str) -> str:
    """The text a reader sees: links as their labels, no Markdown or HTML, entities decoded."""
    text = BR_TAG.sub(" ", markdown)
    for _ in range(3):  # a badge inside a link: the image first, then the link
        text, count = _LINK.subn(r"\1", text)
        if not count:
            break
    text = _TAG.sub("", text)
    text = _MARKUP.sub("", text).replace("\\", "")
    return " ".join(html.unescape(text).split())
