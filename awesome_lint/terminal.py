"""Text from files and lists made safe to print: no line breaks, no terminal control codes.

A file name may hold a newline (git allows it) and a list may hold escape codes; printed raw on
standard error, a line starting ``::`` is a workflow command the GitHub Actions runner obeys
(``::stop-commands::``), and an escape code moves the cursor or recolours the terminal.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidirectional
# overrides that reorder what a reader sees. A tab is harmless and kept.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` on one line, every control character written as an escape (``\\n``, ``\\x1b``)."""
    return _UNSAFE.sub(_escape, text)
