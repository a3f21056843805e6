"""Storylines: which slides a presentation shows, in which order, and the slide shown now.

A storyline is edited one step at a time (add, remove, move up or down, clear, back to the
default); each step is a pure function from one ``View`` to the next, and the slide on screen
stays the same slide where it can. An empty storyline is a real state (the page then says how
to add slides); in a link it is ``verhaal=-``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Final

from lib.domain.metrics import Metric

SLIDES: Final[tuple[str, ...]] = (
    "kop",
    "kaart",
    "themas",
    "uitvoering",
    "risico",
    "lessen",
    "vervolg",
)
"""Every slide, in the default order: headline figures, map, themes, execution, risk-factor
gaps, lessons, next steps."""


DEFAULT_METRIC: Final[Metric] = "interventies"


MAX_TITLE: Final = 80


EMPTY_TOKEN: Final = "-"
"""``verhaal=-``: a storyline without slides (an empty value is dropped from links)."""


# what the tables behind each slide are (for its source line and data status)
RESOURCES: Final[dict[str, tuple[str, ...]]] = {
    "kop": ("gemeenten", "interventies", "factoren", "kerncijfers"),
    "kaart": ("gemeenten", "interventies", "factoren"),
    "themas": ("interventies", "themas"),
    "uitvoering": ("interventies", "kerncijfers"),
    "risico": ("factoren", "interventies"),
    "lessen": ("lessen",),
    "vervolg": ("interventies", "factoren", "kerncijfers"),
}


_TITLE_ALLOWED = re.compile(r"[^\w\s.,;:!?'\"()&+\-–]", re.UNICODE)


@dataclass(frozen=True)
class Storyline:
    """The slides to show, in order, and the title of the deck ("" = the default title)."""

    slides: tuple[str, ...] = SLIDES
    title: str = ""

    @property
    def is_default(self) -> bool:
        return self.slides == SLIDES

    @property
    def is_empty(self) -> bool:
        return not self.slides


@dataclass(frozen=True)
class View:
    """What a link says beyond the filters: storyline, current slide (1-based) and map measure."""

    storyline: Storyline = field(default_factory=Storyline)
    slide: int = 1
    metric: Metric = DEFAULT_METRIC

    @property
    def code(self) -> str:
        """The code of the current slide (check ``storyline.is_empty`` first)."""
        return self.storyline.slides[self.slide - 1]

    @property
    def current(self) -> str | None:
        """The code of the current slide, or None for an empty storyline."""
        return None if self.storyline.is_empty else self.code

    def at(self, slide: int) -> View:
        """This view on slide ``slide``, kept within the storyline."""
        return replace(self, slide=min(max(slide, 1), max(len(self.storyline.slides), 1)))

    def with_storyline(self, slides: Sequence[str], title: str | None = None) -> View:
        """A new storyline (unknown or repeated codes dropped; it may be empty). The slide on
        screen stays on screen if it is still in the storyline, else its place is kept."""
        kept = tuple(dict.fromkeys(code for code in slides if code in SLIDES))
        story = Storyline(kept, self.storyline.title if title is None else clean_title(title))
        current = self.current
        slide = kept.index(current) + 1 if current in kept else min(self.slide, max(len(kept), 1))
        return View(story, slide, self.metric)

    # --- editing steps ---------------------------------------------------------------------

    def add(self, code: str) -> View:
        """``code`` added at the end (a slide that is already there stays where it is)."""
        return self.with_storyline([*self.storyline.slides, code])

    def remove(self, code: str) -> View:
        return self.with_storyline([c for c in self.storyline.slides if c != code])

    def move(self, code: str, step: int) -> View:
        """``code`` moved ``step`` places (-1 = up, 1 = down), kept within the storyline."""
        slides = list(self.storyline.slides)
        if code not in slides:
            return self
        old = slides.index(code)
        new = min(max(old + step, 0), len(slides) - 1)
        slides.insert(new, slides.pop(old))
        return self.with_storyline(slides)

    def cleared(self) -> View:
        """No slides at all (the title stays)."""
        return self.with_storyline([])

    def reset(self) -> View:
        """Every slide in the default order (the title stays)."""
        return self.with_storyline(SLIDES)

    def missing(self) -> tuple[str, ...]:
        """The slides that can still be added, in the default order."""
        return tuple(code for code in SLIDES if code not in self.storyline.slides)


def clean_title(text: str) -> str:
    """A storyline title safe to show anywhere: letters, digits, spaces and common punctuation,
    no control characters or markup, at most 80 characters."""
    normal = unicodedata.normalize("NFC", text)
    kept = _TITLE_ALLOWED.sub("", normal)
    return " ".join(kept.split())[:MAX_TITLE].strip()


def parse_slides(value: str | Sequence[str]) -> tuple[tuple[str, ...], bool]:
    """``"kop,kaart"`` (or several values) -> the known slide codes in order, and whether
    anything was dropped. ``"-"`` -> no slides; nothing known -> every slide."""
    parts = [value] if isinstance(value, str) else list(value)
    if [p.strip() for p in parts] == [EMPTY_TOKEN]:
        return (), False
    codes = [c.strip().lower() for part in parts[:50] for c in part[:500].split(",")]
    codes = [c for c in codes if c]
    kept = tuple(dict.fromkeys(c for c in codes if c in SLIDES))
    dropped = len(kept) != len(codes) or len(parts) > 50
    return (kept or SLIDES), dropped or not kept
