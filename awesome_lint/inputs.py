"""What the command line reads: the files beside an input (for rules that care, such as AL502's
LICENSE file)."""

from __future__ import annotations

import os
from collections.abc import Callable


def neighbour_lister() -> Callable[[str], frozenset[str]]:
    """A function giving the names of the files in a path's folder (empty when the folder
    cannot be listed); each folder is listed once per run."""
    listed: dict[str, frozenset[str]] = {}

    def files_beside(path: str) -> frozenset[str]:
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in listed:
            listed[folder] = _files_in(folder)
        return listed[folder]

    return files_beside


def _files_in(folder: str) -> frozenset[str]:
    try:
        with os.scandir(folder) as entries:
            return frozenset(entry.name for entry in entries if entry.is_file())
    except OSError:
        return frozenset()
