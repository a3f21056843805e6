"""Catalogue keys that code builds at run time: a prefix and the codes that complete it.

``t(f"measure.{metric}", lang)`` asks for ``measure.interventies``, ``measure.dekking``, ...:
``measure`` is a key family whose members are ``lib.domain.metrics.METRICS``. Code builds a
key only from a family declared here, and every member of a family has a text in both
catalogues (``tests/unit/text/test_i18n.py`` checks both, and finds unused keys).

The members come from the code lists themselves where they live below ``lib.text``; the lists
of the layers above it (slides, exports, the pages of the web layer) are repeated here, and
the test checks that they agree.
"""

from __future__ import annotations

from typing import Final, get_args

from lib.contract.codes import (
    BETROUWBAARHEID,
    ONDERWERPEN,
    REGELINGEN,
    SOORTEN_BRON,
    STATUS_DATA,
)
from lib.contract.schema import TABLES, UPLOADABLE_TABLES, Dtype
from lib.data.auth import Role
from lib.data.ingest.privacy import KINDS
from lib.data.store import Scope
from lib.data.versions import Action
from lib.domain.checks import CHECKS, LIGHTS
from lib.domain.context import GROEPEN
from lib.domain.filters import BOTOC_OPTIONS
from lib.domain.kenniskaart import AGE_GROUPS
from lib.domain.metrics import METRICS
from lib.domain.selection import Place
from lib.text.context import CAVEATS, SIZE_BANDS, URBANITY
from lib.text.findings import TREND_DIRECTIONS

VALIDATION_ISSUE_CODES: Final[tuple[str, ...]] = (
    "missing_column",
    "unknown_column",
    "required",
    *(f"type_{dtype}" for dtype in get_args(Dtype) if dtype != "str"),
    "enum",
    "minimum",
    "maximum",
    "pattern",
    "duplicate",
    "duplicate_pair",
    "reference",
    "more_rows",
)
"""The codes of ``lib.data.validate``: shape, types and rules."""
READING_ISSUE_CODES: Final[tuple[str, ...]] = (
    "too_large",
    "empty_file",
    "not_text",
    "bad_csv",
    "no_rows",
    "too_many_columns",
    "bad_xlsx",
    "old_excel",
    "zip_bomb",
    "unknown_sheet",
    "empty_sheet",
    "duplicate_header",
    "personal_data",
    "extra_fields",
    "encoding_guess",
    "multiple_sheets",
    "formula",
    "future_completed",
    "planned_not_started",
    "too_many_rows",
    "cell_too_long",
    "cell_cut",
    "mixed_encoding",
    "mixed_encoding_more",
)
"""The codes of ``lib.data.ingest``: reading the file, personal data, plausibility."""
ISSUE_CODES: Final = VALIDATION_ISSUE_CODES + READING_ISSUE_CODES
"""Every ``Issue.code``; its message is ``issue.<code>``."""

# Repeated from the layers above lib.text (a test checks each against its source).
PAGES: Final = (
    "overzicht",
    "kaart",
    "themas",
    "uitvoering",
    "risicofactoren",
    "presentatie",
    "kenniskaart",
    "context",
    "data",
    "versies",
    "toegankelijkheid",
)
"""The page scripts in ``pages/`` (their file names)."""
SLIDES: Final = ("kop", "kaart", "themas", "uitvoering", "risico", "lessen", "vervolg")
"""``lib.slides.storyline.SLIDES``."""
SLIDE_TABLES: Final = tuple(TABLES)
"""Every table of the contract: a source line can name any of them."""
PROFILE_FORMATS: Final = ("pdf", "md", "html")
"""``lib.exports.profile.FORMATS``."""
BRIEFING_FORMATS: Final = ("pptx", "pdf")
"""``lib.exports.briefing.FORMATS``."""
REPORT_LISTS: Final = ("errors", "warnings")
"""The lists of ``lib.data.ingest.pipeline.to_json_report``."""

KEY_FAMILIES: Final[dict[str, tuple[str, ...]]] = {
    "nav": PAGES,
    "column": get_args(Place),
    "measure": METRICS,
    "filter.botoc.option": BOTOC_OPTIONS,
    "data_status": STATUS_DATA,
    "finding.trend": TREND_DIRECTIONS,
    "issue": ISSUE_CODES,
    "personal_data": KINDS,
    "upload.table": UPLOADABLE_TABLES,
    "template.dtype": get_args(Dtype),
    "store.action": get_args(Action),
    "store.scope": get_args(Scope),
    "auth.role": get_args(Role),
    "cli.severity": REPORT_LISTS,
    "kenniskaart.age": AGE_GROUPS,
    "kenniskaart.light": LIGHTS,
    "kenniskaart.check.title": CHECKS,
    "kenniskaart.check.result": CHECKS,
    "kenniskaart.check.rule": CHECKS,
    "kenniskaart.export.format": PROFILE_FORMATS,
    "presentation.slide": SLIDES,
    "presentation.table": SLIDE_TABLES,
    "presentation.briefing.format": BRIEFING_FORMATS,
    "context.caveat": CAVEATS,
    "context.group": GROEPEN,
    "context.finding.in": GROEPEN,
    "context.size_band": SIZE_BANDS,
    "context.urbanity": URBANITY,
    "context.regeling": REGELINGEN,
    "context.fact.subject": ONDERWERPEN,
    "context.fact.source_kind": SOORTEN_BRON,
    "context.fact.reliability": BETROUWBAARHEID,
}
"""Key prefix -> the codes that complete it (``measure`` + ``dekking`` = ``measure.dekking``)."""
