"""TODO."""

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


@dataclass(frozen=True)
class View:
    """What a link says beyond the filters: storyline, current slide (1-based) and map measure."""

    storyline: Storyline = field(default_factory=Storyline)
    slide: int = 1
    metric: Metric = DEFAULT_METRIC

    @property
    def code(self) -> str:
        """The code of the current slide."""
        return self.storyline.slides[self.slide - 1]

    def at(self, slide: int) -> View:
        """This view on slide ``slide``, kept within the storyline."""
        return replace(self, slide=min(max(slide, 1), len(self.storyline.slides)))

    def with_storyline(self, slides: Sequence[str], title: str | None = None) -> View:
        """A new storyline (unknown or repeated codes dropped; none left = every slide)."""
        kept = tuple(dict.fromkeys(code for code in slides if code in SLIDES)) or SLIDES
        story = Storyline(kept, self.storyline.title if title is None else clean_title(title))
        current = self.code
        slide = kept.index(current) + 1 if current in kept else min(self.slide, len(kept))
        return View(story, slide, self.metric)


def clean_title(text: str) -> str:
    """A storyline title safe to show anywhere: letters, digits, spaces and common punctuation,
    no control characters or markup, at most 80 characters."""
    normal = unicodedata.normalize("NFC", text)
    kept = _TITLE_ALLOWED.sub("", normal)
    return " ".join(kept.split())[:MAX_TITLE].strip()


def parse_slides(value: str | Sequence[str]) -> tuple[tuple[str, ...], bool]:
    """``"kop,kaart"`` (or several values) -> the known slide codes in order, and whether
    anything was dropped. Nothing known -> every slide."""
    parts = [value] if isinstance(value, str) else list(value)
    codes = [c.strip().lower() for part in parts[:50] for c in part[:500].split(",")]
    codes = [c for c in codes if c]
    kept = tuple(dict.fromkeys(c for c in codes if c in SLIDES))
    dropped = len(kept) != len(codes) or len(parts) > 50
    return (kept or SLIDES), dropped or not kept
