"""UTF-8 blocks of a delimited file, cut at record boundaries and parsed one at a time.

``Lookahead`` gives the blocks of ``decode.blocks`` with a look-ahead (the header is sniffed
first). ``pieces`` cuts them where a record ends: at a newline outside quotes (a newline after
an even number of ``"``, as a CSV writer doubles a quote inside a quoted cell), and small
enough that a piece of short lines, once parsed into a frame of 16-byte cells, stays small
(``CELLS``). Lines that hold only white space and delimiters at the start or the end of a
piece are counted and not parsed at all (``trim``). A record longer than ``bound`` bytes is
closed where it is and ends the file: a cell in it is over the cell limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

BLANK: Final[bytes] = b" \t,;|\r\n"  # an empty row of a CSV file holds only these
CELLS: Final[int] = 2_000_000  # cells per parsed piece (32 MB of cells at 16 bytes each)
MIN_PIECE: Final[int] = 4096
PARTIAL_MAX: Final[int] = 2**20


class Lookahead:
    """An iterator of blocks that takes back what was read ahead."""

    def __init__(self, source: Iterator[bytes]) -> None:
        self._source = source
        self._ahead: list[bytes] = []

    def pull(self) -> bytes | None:
        """The next non-empty block, or None at the end."""
        if self._ahead:
            return self._ahead.pop()
        for block in self._source:
            if block:
                return block
        return None

    def push(self, block: bytes) -> None:
        """Give ``block`` back: the next ``pull`` returns it."""
        if block:
            self._ahead.append(block)

    def skip_blank_lines(self) -> int:
        """Skip the lines that hold only white space and delimiters; how many were skipped."""
        skipped, partial = 0, bytearray()
        while (block := self.pull()) is not None:
            rest = len(block.lstrip(BLANK))
            if rest == 0:  # the whole block is blank: keep its unfinished last line
                end = block.rfind(b"\n") + 1
                skipped += block.count(b"\n")
                if end:
                    partial = bytearray(block[end:])
                elif len(partial) < PARTIAL_MAX:  # a header line starting with so many
                    partial += block  # blanks is over the limits anyway
                continue
            start = block.rfind(b"\n", 0, len(block) - rest) + 1
            skipped += block.count(b"\n", 0, start)
            self.push(bytes(partial) + block[start:] if not start else block[start:])
            return skipped
        return skipped

    def head(self, size: int, *, line_limit: int) -> bytes:
        """At least ``size`` bytes (fewer at the end of the file) and, when those hold no
        newline, up to the first one (at most ``line_limit`` bytes), taken back afterwards."""
        parts: list[bytes] = []
        total = 0
        while total < line_limit:
            if total >= size and any(b"\n" in p for p in parts):
                break
            block = self.pull()
            if block is None:
                break
            parts.append(block)
            total += len(block)
        joined = b"".join(parts)
        self.push(joined)
        return joined


def _boundary(data: bytes, start: int, limit: int) -> int:
    """The end of the last whole record in ``data[start:limit]`` (``start`` when none).

    ``start`` is a record boundary, so a newline ends a record when an even number of
    quotes stands between ``start`` and it.
    """
    end = data.rfind(b"\n", start, limit)
    if end < 0:
        return start
    odd = data.count(b'"', start, end) & 1
    while odd:
        before = data.rfind(b"\n", start, end)
        if before < 0:
            return start
        odd ^= data.count(b'"', before, end) & 1
        end = before
    return end + 1


def _next_boundary(data: bytes, start: int, limit: int) -> int:
    """The end of the first whole record that ends after ``limit`` (``start`` when none)."""
    odd = data.count(b'"', start, limit) & 1
    at = limit
    while (end := data.find(b"\n", at)) >= 0:
        odd ^= data.count(b'"', at, end) & 1
        if not odd:
            return end + 1
        at = end + 1
    return start


@dataclass
class Cut:
    """What ``pieces`` found besides the pieces: a record closed at ``bound``."""

    truncated: bool = False


def pieces(source: Lookahead, *, width: int, bound: int, cut: Cut) -> Iterator[bytes]:
    """Pieces of whole records; each parses into at most about ``CELLS`` cells."""
    lines_per_piece = max(1, CELLS // max(width, 1))
    pending = b""
    while (block := source.pull()) is not None:
        data = pending + block if pending else block
        view = memoryview(data)
        lines = data.count(b"\n")
        step = len(data) if lines <= lines_per_piece else len(data) * lines_per_piece // lines
        step = max(step, MIN_PIECE)
        start = 0
        while start < len(data):
            end = _boundary(data, start, min(start + step, len(data)))
            if end == start:
                end = _next_boundary(data, start, min(start + step, len(data)))
            if end == start:
                break
            yield view[start:end].tobytes()
            start = end
        pending = view[start:].tobytes()
        view.release()
        if len(pending) > bound:
            cut.truncated = True
            closing = b'"\n' if pending.count(b'"') & 1 else b"\n"
            yield pending + closing
            return
    if pending:
        yield pending


def trim(piece: bytes) -> tuple[int, bytes, int]:
    """The empty lines (only white space and delimiters) at the start of a piece, the piece
    without them and without those at its end (empty when every line is empty), and the
    empty lines at its end. Empty lines hold no quote, so each cut is a record boundary."""
    first = len(piece) - len(piece.lstrip(BLANK))
    if first == len(piece):
        return records_in(piece), b"", 0
    start = piece.rfind(b"\n", 0, first) + 1
    last = len(piece.rstrip(BLANK))
    end = piece.find(b"\n", last)
    end = len(piece) if end < 0 else end + 1
    return piece.count(b"\n", 0, start), piece[start:end], records_in(piece[end:])


def records_in(piece: bytes) -> int:
    """The number of lines of a piece without quotes (its last line may lack a newline)."""
    return piece.count(b"\n") + (0 if not piece or piece.endswith(b"\n") else 1)
