"""From the bytes of a text file to UTF-8 blocks, in bounded memory and time.

The file is never decoded into one string: it is read in blocks of ``BLOCK`` bytes, and each
block is checked, converted to UTF-8 if needed and handed on, so memory beyond the file itself
stays at a few blocks whatever the file holds.

- A UTF-16 byte-order mark: UTF-16. A NUL byte anywhere else: not a text file.
- Otherwise UTF-8 (after a UTF-8 byte-order mark, if any). A byte sequence that is not UTF-8
  is read as Windows-1252 (Latin-1 for the five bytes Windows-1252 leaves undefined), where
  it is found, never the whole file at once. A file without any UTF-8 character beyond ASCII
  is thus read as Windows-1252 as a whole (as Excel writes it on a Dutch Windows machine); a
  UTF-8 file with some lines in Windows-1252 keeps its UTF-8 and has those lines read as
  Windows-1252 too, each line named (``Decoding.mixed_lines``), so neither turns into mojibake.
- A lone CR (an old Mac line end) becomes ``\\n``; CRLF stays (Polars reads it as a line
  end; ``read`` turns it into ``\\n`` inside quoted cells, as a spreadsheet shows it).

``Decoding.encoding`` is known only when the last block has been read.
"""

from __future__ import annotations

import codecs
import contextvars
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

BLOCK: Final[int] = 4 * 2**20
MIXED_SHOWN: Final[int] = 20  # lines read as Windows-1252 that are named one by one
SNIFF_CHARS: Final[int] = 64 * 1024
CONTROL_SHARE: Final[float] = 0.01  # more control characters than this: not a text file
CONTROL_MIN: Final[int] = 4
CONTROL: Final[re.Pattern[str]] = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ERRORS: Final[str] = "pmg.cp1252"

# (start, end, read as Latin-1) of each sequence of the block being decoded that was read as
# Windows-1252: one list per decoding thread
_FALLBACKS: contextvars.ContextVar[list[tuple[int, int, bool]]] = contextvars.ContextVar(
    "pmg_fallbacks"
)


class NotText(Exception):
    """The bytes are not a text file (a NUL, too many control characters, broken UTF-16)."""


@dataclass
class Decoding:
    """How the file is decoded; filled in while its blocks are read."""

    marked: str  # "utf-16", "utf-8-sig" or "" (no byte-order mark)
    fallback_bytes: int = 0  # more than 0: something was read as Windows-1252 (or Latin-1)
    latin1: bool = False  # a byte that Windows-1252 leaves undefined was read as Latin-1
    utf8_beyond_ascii: bool = False  # a UTF-8 character beyond ASCII was read
    mixed_lines: list[int] = field(default_factory=list)  # the first ones (1 = the first line)
    mixed_total: int = 0  # lines with a sequence read as Windows-1252
    last_mixed: int = 0

    @property
    def encoding(self) -> str:
        """The encoding's name (see ``read.ENCODING_NAMES``)."""
        if self.marked == "utf-16":
            return "utf-16"
        if self.fallback_bytes and not self.utf8_beyond_ascii:
            return "latin-1" if self.latin1 else "cp1252"
        return self.marked or "utf-8"

    @property
    def mixed(self) -> bool:
        """UTF-8 with lines in Windows-1252."""
        return bool(self.fallback_bytes) and self.utf8_beyond_ascii


def _single_byte(chunk: bytes) -> tuple[str, bool]:
    """``chunk`` as Windows-1252, else Latin-1 (which reads any byte); True for Latin-1."""
    try:
        return chunk.decode("cp1252"), False
    except UnicodeDecodeError:
        return chunk.decode("latin-1"), True


def _fallback(error: UnicodeError) -> tuple[str, int]:
    """Error handler: a sequence that is not UTF-8, read as Windows-1252, and noted."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    text, latin1 = _single_byte(error.object[error.start : error.end])
    _FALLBACKS.get().append((error.start, error.end, latin1))
    return text, error.end


codecs.register_error(_ERRORS, _fallback)


def detect(data: bytes) -> Decoding:
    """The byte-order mark, or ``NotText`` for a file with a NUL byte (a binary file)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoding("utf-16")
    if b"\x00" in data:  # one scan in C, no copy
        raise NotText
    return Decoding("utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "")


def _check_text(text: str) -> None:
    """``NotText`` for a NUL or many control characters at the start."""
    sample = text[:SNIFF_CHARS]
    if "\x00" in sample or len(CONTROL.findall(sample)) > max(
        CONTROL_MIN, CONTROL_SHARE * len(sample)
    ):
        raise NotText


def _line_ends(raw: bytes, final: bool) -> tuple[bytes, bytes]:
    """``raw`` with each lone CR (old Mac line ends) as LF, and a CR at its end held back for
    the next block (its LF may start that block). CRLF stays: Polars reads it as a line end,
    and ``read`` makes it LF inside quoted cells."""
    held = b""
    if not final and raw.endswith(b"\r"):
        raw, held = raw[:-1], b"\r"
    carriage = raw.count(b"\r")
    if carriage and carriage != raw.count(b"\r\n"):
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return raw, held


def blocks(data: bytes, decoding: Decoding, size: int | None = None) -> Iterator[bytes]:
    """The file as UTF-8 blocks of about ``size`` bytes (default ``BLOCK``; cut anywhere, even
    inside a line)."""
    size = size or BLOCK
    if decoding.marked == "utf-16":
        yield from _utf16_blocks(data, size)
    else:
        start = len(codecs.BOM_UTF8) if decoding.marked == "utf-8-sig" else 0
        yield from _utf8_blocks(data, decoding, start, size)


def _utf8_blocks(data: bytes, decoding: Decoding, start: int, size: int) -> Iterator[bytes]:
    """UTF-8 (checked block by block) with Windows-1252 where a sequence is not UTF-8."""
    view = memoryview(data)
    carry, line, first = b"", 0, True
    for pos in range(start, max(len(data), start + 1), size):
        final = pos + size >= len(data)
        block, held = _line_ends(carry + view[pos : pos + size].tobytes(), final)
        text, used, converted = _decode_block(block, final, line, decoding)
        if first:
            _check_text(text)
            first = False
        carry = block[used:] + held
        block = text.encode("utf-8") if converted else block[:used]
        del text
        line += block.count(b"\n")
        yield block


def _decode_block(
    block: bytes, final: bool, line: int, decoding: Decoding
) -> tuple[str, int, bool]:
    """The text of a block, how many of its bytes it takes (the rest, a character cut at the
    end, goes to the next block) and whether any was read as Windows-1252."""
    try:
        text, used = codecs.utf_8_decode(block, "strict", final)
    except UnicodeDecodeError:
        pass
    else:
        if not decoding.utf8_beyond_ascii and not text.isascii():
            decoding.utf8_beyond_ascii = True
        return text, used, False
    if codecs.utf_8_decode(block, "ignore", final)[0].isascii():
        return (*_single_byte_block(block, final, line, decoding), True)
    noted: list[tuple[int, int, bool]] = []  # UTF-8 and Windows-1252 in one block
    token = _FALLBACKS.set(noted)
    try:
        text, used = codecs.utf_8_decode(block, _ERRORS, final)
    finally:
        _FALLBACKS.reset(token)
    decoding.utf8_beyond_ascii = True
    decoding.latin1 = decoding.latin1 or any(latin1 for _, _, latin1 in noted)
    decoding.fallback_bytes += sum(end - begin for begin, end, _ in noted)
    _note_lines(block, (begin for begin, _, _ in noted), line, decoding)
    return text, used, True


def _single_byte_block(block: bytes, final: bool, line: int, decoding: Decoding) -> tuple[str, int]:
    """A block without any UTF-8 beyond ASCII, as Windows-1252 (its last bytes beyond ASCII
    wait for the next block: they may start a UTF-8 character)."""
    used = len(block)
    if not final:
        while used > 0 and len(block) - used < 3 and block[used - 1] >= 0x80:
            used -= 1
    text, latin1 = _single_byte(block[:used])
    decoding.latin1 = decoding.latin1 or latin1
    # the lines with a byte beyond ASCII (split in C; one cheap test per line)
    lines = block[:used].split(b"\n")
    found = [line + 1 + i for i, text_line in enumerate(lines) if not text_line.isascii()]
    decoding.fallback_bytes += len(found)
    _note_line_numbers(found, decoding)
    return text, used


def _note_line_numbers(numbers: list[int], decoding: Decoding) -> None:
    """Count the (increasing) line numbers read as Windows-1252; name the first."""
    if numbers and numbers[0] == decoding.last_mixed:
        numbers = numbers[1:]  # a line cut by the end of the block before
    if not numbers:
        return
    decoding.mixed_total += len(numbers)
    decoding.last_mixed = numbers[-1]
    room = MIXED_SHOWN - len(decoding.mixed_lines)
    decoding.mixed_lines += numbers[: max(room, 0)]


def _note_lines(block: bytes, offsets: Iterator[int], line: int, decoding: Decoding) -> None:
    """Note the lines of the (increasing) byte ``offsets`` of ``block`` (which starts on line
    ``line + 1``)."""
    at, count, numbers = 0, line, list[int]()
    for start in offsets:
        count += block.count(b"\n", at, start)
        at = start
        if not numbers or numbers[-1] != count + 1:
            numbers.append(count + 1)
    _note_line_numbers(numbers, decoding)


def _utf16_blocks(data: bytes, size: int) -> Iterator[bytes]:
    """UTF-16 (with its byte-order mark) as UTF-8; ``NotText`` when it does not decode."""
    decoder = codecs.getincrementaldecoder("utf-16")("strict")
    view, held, first = memoryview(data), "", True
    for pos in range(0, len(data), size):
        final = pos + size >= len(data)
        try:
            text = held + decoder.decode(view[pos : pos + size].tobytes(), final)
        except UnicodeDecodeError as error:
            raise NotText from error
        if first:
            _check_text(text)
            first = False
        elif "\x00" in text:
            raise NotText
        held = ""
        if not final and text.endswith("\r"):
            text, held = text[:-1], "\r"
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield text.encode("utf-8")
