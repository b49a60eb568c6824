"""Build Documents for the link checker's tests without the parser.

Links are ``[label](url)``; a paragraph whose first line starts with ``**Title**`` is a paper
entry with that title and the links of the paragraph.
"""

from __future__ import annotations

import re

from awesome_lint.model import Document, Field, LineIndex, Link, PaperEntry

LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
PARAGRAPH = re.compile(r"(?:[^\n]+\n?)+")
TITLE = re.compile(r"\*\*(.+?)\*\*")


def make_doc(text: str, path: str = "README.md") -> Document:
    index = LineIndex(text)
    links = tuple(
        Link(
            label=m[1],
            url=m[2],
            span=index.span(m.start(), m.end()),
            url_span=index.span(m.start(2), m.end(2)),
            kind="markdown",
            label_span=index.span(m.start(1), m.end(1)),
        )
        for m in LINK.finditer(text)
    )
    entries = []
    for para in PARAGRAPH.finditer(text):
        t = TITLE.match(para.group())
        if not t:
            continue
        title = Field(t[1], index.span(para.start() + 2, para.start() + 2 + len(t[1])))
        inside = tuple(link for link in links if para.start() <= link.span.start < para.end())
        entries.append(
            PaperEntry(
                family="block",
                layout="A",
                title=title,
                authors=None,
                date=None,
                venue=None,
                links=inside,
                span=index.span(para.start(), para.end()),
                section=None,
                source=text,
            )
        )
    return Document(
        path=path,
        text=text,
        newline="\n",
        bom=False,
        blocks=(),
        sections=(),
        entries=tuple(entries),
        links=links,
        toc=None,
        anchors=frozenset(),
        comments=(),
        index=index,
    )


def links_doc(*urls: str, path: str = "README.md") -> Document:
    """One link per line: ``- [l](url)``; url i sits on line i + 1, column 7."""
    return make_doc("".join(f"- [l]({u})\n" for u in urls), path)
