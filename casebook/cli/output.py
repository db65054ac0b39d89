"""Shared pieces of the record commands: an unlocked session for one command, aligned
tables that keep Arabic text intact, sizes, and the progress line."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from casebook.services.vault_service import VaultSession

if TYPE_CHECKING:
    from casebook.cli.main import Context


@contextlib.contextmanager
def unlocked(ctx: Context) -> Iterator[VaultSession]:
    """The vault, unlocked for one command and locked again whatever happens."""
    session = ctx.unlock()
    try:
        yield session
    finally:
        session.lock()


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: combining marks (Arabic harakat) and format
    characters take none, East Asian wide characters two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def table(rows: Sequence[Sequence[str]], *, indent: str = "") -> list[str]:
    """Lines with every column but the last padded to the same width. Put free text
    (titles, names, possibly right-to-left) in the last column."""
    if not rows:
        return []
    columns = max(len(r) for r in rows)
    widths = [
        max((display_width(r[i]) for r in rows if i < len(r)), default=0)
        for i in range(columns)
    ]
    lines = []
    for row in rows:
        cells = [
            cell + " " * (widths[i] - display_width(cell)) if i < len(row) - 1 else cell
            for i, cell in enumerate(row)
        ]
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def progress_line(stream: TextIO, label: str, total: int) -> tuple[Callable[[int], None],
                                                                   Callable[[], None]]:
    """A callback drawing ``label: 42%`` on one terminal line, and one ending it."""
    shown = [-1]

    def update(done: int) -> None:
        percent = 100 if total == 0 else min(100, done * 100 // total)
        if percent != shown[0]:
            shown[0] = percent
            stream.write(f"\r{label}: {percent:3d}% ({human_size(done)} of "
                         f"{human_size(total)})")
            stream.flush()

    def finish() -> None:
        if shown[0] >= 0:
            stream.write("\n")
            stream.flush()

    return update, finish
