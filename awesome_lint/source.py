"""Read a file and decode it: UTF-8 only (a BOM is allowed and remembered), newlines kept.

The rest of the tool sees ``SourceText.text``: BOM removed, every newline folded to ``\\n``.
``raw`` keeps the file's own newlines so that ``--fix`` can write back the untouched parts
byte for byte, even in a file that mixes newline styles.
"""

from __future__ import annotations

import math
import os
import stat
from bisect import bisect_left
from dataclasses import dataclass

BOM = "\ufeff"
DEFAULT_MAX_SIZE = 10 * 1024 * 1024  # far above any real README (the largest known is 0.7 MB)
LARGEST_MAX_SIZE = 1024**3  # --max-size above this is refused: a lint must end in bounded time


class SourceError(Exception):
    """An input that cannot be linted; ``str()`` gives ``path: error: message``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: error: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class SourceText:
    """A Markdown file as read: its decoded text, as written and with newlines folded, and
    what writing it back needs (its newline and byte-order mark)."""

    path: str
    raw: str  # decoded, BOM removed, the file's own newlines kept
    text: str  # ``raw`` with every "\r\n" and lone "\r" folded to "\n"
    newline: str  # the most common newline of the file ("\n" when it has none)
    bom: bool

    def encode(self) -> bytes:
        return ((BOM if self.bom else "") + self.raw).encode("utf-8")


def read_source(path: str, *, max_size: int = DEFAULT_MAX_SIZE) -> SourceText:
    """Read and decode ``path``; raise :class:`SourceError` with a clear message if it can't be."""
    try:
        # Opened without blocking (a FIFO would wait for a writer forever), then refused
        # unless it is a regular file: a FIFO or a device has no end to read to.
        with os.fdopen(os.open(path, os.O_RDONLY | _NONBLOCK), "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise SourceError(path, f"is {_kind_of(status.st_mode)}, not a regular file")
            size = status.st_size
            if size > max_size:
                raise SourceError(
                    path,
                    f"file is {format_size(size)}, larger than the limit of "
                    f"{format_size(max_size)} (raise it with --max-size)",
                )
            # What fstat promised and a byte more, read on only if the file grew meanwhile (up
            # to the limit): reading max_size + 1 at once reserves that much, a gigabyte with
            # --max-size 1GB, whatever the file's size.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(max_size + 1 - len(data))
    except FileNotFoundError:
        raise SourceError(path, "no such file") from None
    except IsADirectoryError:
        raise SourceError(path, "is a directory, not a file") from None
    except PermissionError:
        raise SourceError(path, "permission denied") from None
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > max_size:
        raise SourceError(path, f"file is larger than the limit of {format_size(max_size)}")
    return decode(data, path)


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _kind_of(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "a special file")


def decode(data: bytes, path: str) -> SourceText:
    """Decode UTF-8 bytes (optional BOM); binary data and other encodings are errors."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError(path, "UTF-16 text is not supported; save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceError(path, f"binary data (a NUL byte at offset {nul}), not a text file")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            path,
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at line {line} cannot be decoded "
            "(save the file as UTF-8)",
        ) from None
    bom = raw.startswith(BOM)
    if bom:
        raw = raw[1:]
    return from_raw(path, raw, bom=bom)


def from_raw(path: str, raw: str, *, bom: bool = False) -> SourceText:
    text = fold_newlines(raw)
    return SourceText(path, raw, text, dominant_newline(raw), bom)


def fold_newlines(raw: str) -> str:
    if "\r" not in raw:
        return raw
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def dominant_newline(raw: str) -> str:
    crlf = raw.count("\r\n")
    lone_cr = raw.count("\r") - crlf
    lone_lf = raw.count("\n") - crlf
    counts = {"\n": lone_lf, "\r\n": crlf, "\r": lone_cr}
    return max(counts, key=lambda newline: counts[newline])  # ties keep "\n" (first)


class OffsetMap:
    """Maps offsets of the folded text to offsets of the raw text (each "\\r\\n" is one char)."""

    __slots__ = ("_crlf",)

    def __init__(self, raw: str) -> None:
        # Folded offset of every "\r\n": its raw offset less the pairs before it.
        crlf: list[int] = []
        pos = raw.find("\r\n")
        while pos >= 0:
            crlf.append(pos - len(crlf))
            pos = raw.find("\r\n", pos + 2)
        self._crlf = crlf

    def raw_offset(self, offset: int) -> int:
        return offset + bisect_left(self._crlf, offset)


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size} bytes"


def parse_size(value: str) -> int:
    """``"10MB"``, ``"500k"``, ``"2048"`` → bytes (binary multiples)."""
    text = value.strip().lower().removesuffix("b").removesuffix("i")
    factor = 1
    for suffix, multiple in (("k", 1024), ("m", 1024**2), ("g", 1024**3)):
        if text.endswith(suffix):
            text, factor = text[: -len(suffix)], multiple
            break
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"invalid size {value!r} (use e.g. 10MB, 500kB or 2048)") from None
    if not math.isfinite(number) or number <= 0:
        raise ValueError(f"invalid size {value!r}: it must be a positive number")
    if number * factor > LARGEST_MAX_SIZE:
        raise ValueError(f"invalid size {value!r}: at most {format_size(LARGEST_MAX_SIZE)}")
    return int(number * factor)
