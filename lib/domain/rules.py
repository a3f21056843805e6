"""Which filters each measure follows: the rule that keeps a figure true under every filter.

Every page, slide and download computes its figures from one ``Selection`` and states the
rule where it matters. The rule per measure:

- ``gemeenten`` (municipalities in the selection): the municipality filters only
  (municipality, wave, BOTOC). The intervention filters do not remove a municipality; the
  figure says how many of them have selected interventions ("27 gemeenten, waarvan 15 met
  interventies"), and a chart with a row per municipality names the others.
- ``interventies`` (counts, themes, target groups, status mix, coverage): every filter.
- ``uitvoeringsgraad`` (execution rate, its comparison with the practice scan's 53 of 62 and
  the trend per period): every filter but the status filter. A rate under Status = afgerond
  would be 100 % by construction; it is computed over every status of the other filters, and
  the page says that the status filter does not apply to it.
- ``dekking`` (covered risk factors): every filter; the factor-domain filter limits the
  factors that count, not the interventions.

A measure that means nothing for a selection (a rate without any intervention, coverage of a
municipality without interventions) is unknown: never drawn as zero.
"""

from __future__ import annotations

from typing import Final, Literal

from lib.domain.filters import Filters

Measure = Literal["gemeenten", "interventies", "uitvoeringsgraad", "dekking"]

IGNORED: Final[dict[Measure, tuple[str, ...]]] = {
    "gemeenten": ("themas", "statussen", "doelgroepen", "domeinen"),
    "interventies": ("domeinen",),
    "uitvoeringsgraad": ("statussen", "domeinen"),
    "dekking": (),
}
"""The filters (fields of ``Filters``) that a measure does not follow."""


def ignored(measure: Measure, filters: Filters) -> tuple[str, ...]:
    """The active filters of ``filters`` that ``measure`` does not follow."""
    return tuple(name for name in IGNORED[measure] if getattr(filters, name))
