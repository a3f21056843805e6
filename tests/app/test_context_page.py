"""AppTest: the Context page in both languages, from a link, for one municipality and for a
dataset without the context tables; its figures recomputed from the reference CSV files with
plain Python (no code shared with the app)."""

from __future__ import annotations

import csv
import gzip
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.contract.resources import CONTEXT_ORDER
from lib.text.i18n import t

APP = str(ROOT / "app.py")
PAGE = "pages/context.py"
REFERENCE = ROOT / "data" / "reference" / "context"


def open_context(query: Mapping[str, str | Sequence[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    given = query or {}
    at.query_params.update({k: v if isinstance(v, str) else list(v) for k, v in given.items()})
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def url(at: AppTest) -> dict[str, list[str]]:
    """The URL the page wrote, every value as a list."""
    return {k: [v] if isinstance(v, str) else list(v) for k, v in at.query_params.items()}


def text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@cache
def reference() -> tuple[dict[tuple[str, int, str], int], dict[tuple[str, int], dict[str, str]]]:
    with gzip.open(REFERENCE / "misdrijven_gemeenten.csv.gz", "rt", encoding="utf-8") as handle:
        counts = {
            (r["gemeentecode"], int(r["jaar"]), r["soort_code"]): int(
                r["geregistreerde_misdrijven"]
            )
            for r in csv.DictReader(handle)
        }
    with (REFERENCE / "kerncijfers_gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        people = {(r["gemeentecode"], int(r["peildatum"][:4])): r for r in csv.DictReader(handle)}
    return counts, people


def bundled_codes() -> list[str]:
    with (BUNDLED_DATA_DIR / "gemeenten.csv").open(encoding="utf-8", newline="") as handle:
        return [r["gemeentecode"] for r in csv.DictReader(handle)]


def rate(codes: Sequence[str], year: int, cbs_code: str, lang: str) -> str:
    counts, people = reference()
    own = 2023 if year <= 2023 else 2024  # the nearest population (2023 or 2024)
    value = sum(counts[(c, year, cbs_code)] for c in codes) * 1000
    value /= sum(int(people[(c, own)]["inwoners"]) for c in codes)
    written = f"{value:.2f}"
    return written.replace(".", ",") if lang == "nl" else written


def share_15_25(codes: Sequence[str], lang: str) -> str:
    _, people = reference()
    rows = [people[(c, 2024)] for c in codes]
    total = sum(int(r["inwoners"]) for r in rows)
    value = sum(int(r["inwoners"]) * int(r["pct_15_25"]) for r in rows) / total
    return f"{value:.1f}".replace(".", ",") + " %" if lang == "nl" else f"{value:.1f}%"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_shows_every_section_with_findings_from_the_sources(lang: str) -> None:
    at = open_context({"lang": lang} if lang == "en" else {})
    assert at.title[0].value == t("context.title", lang)
    subheaders = [s.value for s in at.subheader]
    for key in ("context.comparison.title", "context.population.title", "context.monitor.title"):
        assert t(key, lang) in subheaders
    assert any(s.startswith(t("context.trend.title", lang)) for s in subheaders)
    assert any(s.startswith(t("context.map.title", lang)) for s in subheaders)
    body = text(at)
    selection = bundled_codes()
    everyone = sorted({c for c, _ in reference()[1]})
    rest = [c for c in everyone if c not in selection]
    assert f"{rate(selection, 2024, '3.1.1', lang)} " in body
    assert f"{rate(rest, 2024, '3.1.1', lang)} " in body
    assert share_15_25(selection, lang) in body
    # real data only: the real-data note, and no example-data notice
    assert any(t("context.real_data", lang) in s.value for s in at.success)
    assert not any("Voorbeelddata" in w.value or "Example data" in w.value for w in at.warning)
    # drug trafficking is enforcement-driven: the page says so beside the picker
    assert any(
        "politie ernaar zoekt" in w.value or "police look for them" in w.value for w in at.warning
    )
    assert at.selectbox(key="context_misdrijf").value == "drugshandel"
    assert at.selectbox(key="context_jaar").value == 2024


def test_a_link_reopens_the_same_view() -> None:
    at = open_context(
        {"misdrijf": "mishandeling", "jaar": "2019", "vergelijk": ["GM0307", "GM0796"]}
    )
    assert at.selectbox(key="context_misdrijf").value == "mishandeling"
    assert at.selectbox(key="context_jaar").value == 2019
    assert at.multiselect(key="context_gemeenten").value == ["GM0307", "GM0796"]
    body = text(at)
    assert f"{rate(['GM0307'], 2019, '1.4.5', 'nl')} in Amersfoort" in body
    assert "met de inwoners van 1 januari 2023" in body  # 2019 borrows the 2023 population
    assert "Amersfoort staat op plaats" in body
    assert "'s-Hertogenbosch staat op plaats" in body
    query = url(at)
    assert query["misdrijf"] == ["mishandeling"]
    assert query["jaar"] == ["2019"]
    assert query["vergelijk"] == ["GM0307", "GM0796"]
    assert not any("politie ernaar zoekt" in w.value for w in at.warning)  # not enforcement-driven


def test_changing_the_view_changes_the_url_and_the_figures() -> None:
    at = open_context()
    at.selectbox(key="context_misdrijf").set_value("wapenhandel").run()
    at.multiselect(key="context_gemeenten").set_value(["GM0344"]).run()
    assert not at.exception
    assert url(at)["misdrijf"] == ["wapenhandel"]
    assert url(at)["vergelijk"] == ["GM0344"]
    assert f"{rate(['GM0344'], 2024, '3.1.3', 'nl')} in Utrecht" in text(at)


def test_one_municipality_against_its_comparison_group() -> None:
    at = open_context({"gemeente": "GM0917", "lang": "en"})
    body = text(at)
    assert f"{rate(['GM0917'], 2024, '3.1.1', 'en')} offences" in body
    assert "The comparison group has" in body
    assert share_15_25(["GM0917"], "en") in body


def test_a_dataset_without_context_tables_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for source in BUNDLED_DATA_DIR.iterdir():
        if source.stem not in CONTEXT_ORDER:
            (tmp_path / source.name).write_bytes(source.read_bytes())
    monkeypatch.setenv("PMG_DATA_DIR", str(tmp_path))
    at = open_context()
    assert any(t("context.missing", "nl") in i.value for i in at.info)
    assert not at.subheader
