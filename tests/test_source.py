"""Reading and decoding inputs: UTF-8 (BOM remembered), newline styles kept, clear errors."""

from __future__ import annotations

import os
import stat
import tracemalloc
from pathlib import Path

import pytest

from awesome_lint.source import (
    OffsetMap,
    SourceError,
    decode,
    dominant_newline,
    format_size,
    parse_size,
    read_source,
)


@pytest.mark.parametrize(
    ("data", "text", "newline", "bom"),
    [
        (b"a\nb\n", "a\nb\n", "\n", False),
        (b"a\r\nb\r\n", "a\nb\n", "\r\n", False),
        (b"a\rb\r", "a\nb\n", "\r", False),
        (b"\xef\xbb\xbfa\r\n", "a\n", "\r\n", True),
        (b"no newline", "no newline", "\n", False),
        (b"", "", "\n", False),
        (
            "\u00e9t\u00e9 \u2014 \U0001f525\n".encode(),
            "\u00e9t\u00e9 \u2014 \U0001f525\n",
            "\n",
            False,
        ),
    ],
)
def test_decode(data: bytes, text: str, newline: str, bom: bool) -> None:
    source = decode(data, "x.md")
    assert (source.text, source.newline, source.bom) == (text, newline, bom)
    assert source.encode() == data  # decoding loses nothing


def test_mixed_newlines_keep_raw_text_and_pick_the_most_common() -> None:
    source = decode(b"a\r\nb\r\nc\nd\re", "x.md")
    assert source.text == "a\nb\nc\nd\ne"
    assert source.raw == "a\r\nb\r\nc\nd\re"
    assert source.newline == "\r\n"
    assert dominant_newline("a\nb\r\n") == "\n"  # a tie keeps "\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ab\x00cd", "x.md: error: binary data (a NUL byte at offset 2), not a text file"),
        (
            b"line one\ncaf\xe9\n",
            "x.md: error: not UTF-8 text: byte 0xe9 at line 2 cannot be decoded "
            "(save the file as UTF-8)",
        ),
        (
            "hi".encode("utf-16"),
            "x.md: error: UTF-16 text is not supported; save the file as UTF-8",
        ),
    ],
)
def test_decode_errors(data: bytes, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        decode(data, "x.md")
    assert str(caught.value) == message


def test_offset_map_translates_folded_offsets_to_raw_offsets() -> None:
    raw = "ab\r\ncd\ne\r\nf"
    folded = "ab\ncd\ne\nf"
    mapping = OffsetMap(raw)
    for offset, char in enumerate(folded):
        assert raw[mapping.raw_offset(offset)] == (
            "\r" if char == "\n" and offset in (2, 7) else char
        )
    assert mapping.raw_offset(len(folded)) == len(raw)


def test_read_source_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    with pytest.raises(SourceError, match=r"missing\.md: error: no such file$"):
        read_source(str(missing))
    with pytest.raises(SourceError, match=r": error: is a directory, not a file$"):
        read_source(str(tmp_path))
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(SourceError) as caught:
        read_source(str(big), max_size=1024)
    assert str(caught.value) == (
        f"{big}: error: file is 2.0 kB, larger than the limit of 1.0 kB (raise it with --max-size)"
    )
    assert read_source(str(big), max_size=2048).text == "x" * 2048


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_read_source_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_text("hi")
    locked.chmod(0)
    with pytest.raises(SourceError, match="permission denied"):
        read_source(str(locked))


@pytest.mark.parametrize(
    ("value", "size"),
    [("10MB", 10 * 1024**2), ("500kB", 500 * 1024), ("2048", 2048), ("1.5M", 1572864),
     ("1GiB", 1024**3), ("64b", 64)],
)  # fmt: skip
def test_parse_size(value: str, size: int) -> None:
    assert parse_size(value) == size


@pytest.mark.parametrize("value", ["", "ten", "-1", "0", "5 parsecs"])
def test_parse_size_rejects(value: str) -> None:
    with pytest.raises(ValueError, match="invalid size"):
        parse_size(value)


def test_format_size() -> None:
    assert [format_size(n) for n in (12, 2048, 10 * 1024**2)] == ["12 bytes", "2.0 kB", "10.0 MB"]


def test_reading_reserves_the_file_size_not_the_limit(tmp_path: Path) -> None:
    small = tmp_path / "small.md"
    small.write_bytes(b"# T\n" * 100)
    tracemalloc.start()
    try:
        text = read_source(str(small), max_size=1024**3).text
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert text == "# T\n" * 100
    assert peak < 1024**2  # not the gigabyte of the limit


def test_a_file_that_grows_while_read_is_read_on_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    grown = tmp_path / "grown.md"
    grown.write_bytes(b"x" * 2048)
    real_fstat = os.fstat

    def earlier_size(fd: int) -> os.stat_result:  # the size before the file grew
        status = list(real_fstat(fd))
        status[stat.ST_SIZE] = 100
        return os.stat_result(status)

    monkeypatch.setattr(os, "fstat", earlier_size)
    assert read_source(str(grown), max_size=4096).text == "x" * 2048
    with pytest.raises(SourceError, match=r"larger than the limit of 1\.0 kB"):
        read_source(str(grown), max_size=1024)
