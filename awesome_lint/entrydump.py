"""``--dump-entries``: every paper entry the parser read, with its fields as plain text and their
exact places, offline. Text by default; ``--format json`` gives the stable schema (version 1)
that the README documents, for exporting a list as data."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import click

from .dates import read_date
from .model import Document, Field, Link, PaperEntry, Span
from .parse.fields import link_kind, plain_text

SCHEMA_VERSION = 1


def _span(span: Span) -> dict[str, int]:
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def _field(field: Field | None) -> dict[str, Any] | None:
    if field is None:
        return None
    return {"text": plain_text(field.text), **_span(field.span)}


def iso_date(written: str) -> str | None:
    """``2022-07-25``, ``2022-07`` or ``2022``: as precise as the date is written."""
    parts = read_date(plain_text(written))
    if parts is None or parts.year is None or not 1000 <= parts.year <= 9999:
        return None
    if parts.month is None or parts.value is None:
        return f"{parts.year:04d}" if parts.month is None else None
    if parts.day is None:
        return f"{parts.year:04d}-{parts.month:02d}"
    return parts.value.isoformat()


def _date(field: Field | None) -> dict[str, Any] | None:
    found = _field(field)
    if found is not None and field is not None:
        found["iso"] = iso_date(field.text)
    return found


def _link(link: Link) -> dict[str, Any]:
    label = plain_text(link.label) if link.kind != "autolink" else ""
    return {
        "label": label,
        "url": link.url,
        "kind": link_kind(link.label, link.url),
        **_span(link.span),
    }


def entry_record(entry: PaperEntry) -> dict[str, Any]:
    return {
        **_span(entry.span),
        "group": entry.group,
        "title": _field(entry.title),
        "alias": _field(entry.alias),
        "authors": _field(entry.authors),
        "date": _date(entry.date),
        "venue": _field(entry.venue),
        "links": [_link(link) for link in entry.links],
    }


def document_record(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "entries": [entry_record(entry) for entry in doc.entries],
        "unread": [
            {"family": u.family, "lines": list(u.lines), **_span(u.span)} for u in doc.unread
        ],
    }


def render_json(docs: Sequence[Document]) -> str:
    record = {"version": SCHEMA_VERSION, "files": [document_record(doc) for doc in docs]}
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"


def render_text(docs: Sequence[Document]) -> str:
    lines: list[str] = []
    for doc in docs:
        lines.append(f"{doc.path}: {len(doc.entries)} entries in {len(doc.groups)} groups")
        for entry in doc.entries:
            lines.extend(_entry_lines(doc.path, entry_record(entry)))
        for unread in doc.unread:
            where = ", ".join(map(str, unread.lines))
            lines.append(f"{doc.path}:{unread.span.line}: not read ({unread.family}s): {where}")
    return "\n".join(lines) + "\n" if lines else ""


def compact_lines(doc: Document) -> list[str]:
    """The parsed model in one line per entry, group and unread group: what a test pins to
    see any change in the reading (every field's plain text and span, the links' kinds and
    URLs, each entry's family and layout)."""
    lines = [_compact_entry(entry, entry_record(entry)) for entry in doc.entries]
    lines.extend(
        f"group {g.index} {g.family} {_where(_span(g.span))} section {g.section} "
        f"entries {len(g.entries)}"
        for g in doc.groups
    )
    lines.extend(
        f"unread {u.family} {_where(_span(u.span))} lines {','.join(map(str, u.lines))}"
        for u in doc.unread
    )
    return lines


def _where(span: dict[str, int]) -> str:
    """``4:20-44`` on one line, ``4:20-6:3`` over several."""
    end = (
        span["end_column"]
        if span["line"] == span["end_line"]
        else (f"{span['end_line']}:{span['end_column']}")
    )
    return f"{span['line']}:{span['column']}-{end}"


def _compact_entry(entry: PaperEntry, record: dict[str, Any]) -> str:
    parts = [f"{_where(record)} g{record['group']} {entry.family}/{entry.layout}"]
    for name in ("title", "alias", "authors", "date", "venue"):
        value = record[name]
        if value is not None:
            iso = f" ({value['iso']})" if name == "date" and value["iso"] else ""
            parts.append(f"{name}@{_where(value)} {value['text']!r}{iso}")
    parts.extend(f"{link['kind']} {link['url']}" for link in record["links"])
    return " | ".join(parts)


def _entry_lines(path: str, record: dict[str, Any]) -> list[str]:
    head = f"{path}:{record['line']}:{record['column']}: entry (group {record['group']})"
    lines = [head]
    for name in ("title", "alias", "authors", "date", "venue"):
        value = record[name]
        if value is None:
            continue
        text = value["text"]
        if name == "date" and value["iso"]:
            text += f" ({value['iso']})"
        lines.append(f"  {name}: {text}")
    for link in record["links"]:
        lines.append(f"  link: {link['kind']} {link['label']!r} {link['url']}")
    return lines


def entry_renderer(fmt: str) -> Callable[[Sequence[Document]], str]:
    """``--dump-entries``' renderer for ``fmt`` (a view of the runner's parsed files)."""
    from .export import to_bibtex, to_csv

    renderers = {"text": render_text, "json": render_json, "bibtex": to_bibtex, "csv": to_csv}
    if fmt not in renderers:
        raise click.UsageError(f"--dump-entries prints text, json, bibtex or csv, not {fmt}")
    return renderers[fmt]
