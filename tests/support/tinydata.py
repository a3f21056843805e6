"""A tiny hand-built dataset and a folder writer, shared by the fixtures and the tests.

The tiny dataset is written as CSV files plus a minimal ``datapackage.json`` and read back with
``load_dataset``, so every test that uses it also exercises the real loader and validator.
Its expected figures are worked out by hand in ``tests/test_metrics.py``.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
from pathlib import Path

Rows = list[dict[str, str]]


def _g(
    code: str, gemeente: str, weergave: str, inwoners: str, golf: str, botoc: str
) -> dict[str, str]:
    return {
        "gemeentecode": code,
        "gemeente": gemeente,
        "weergavenaam": weergave,
        "provincie": "Utrecht",
        "lat": "52.1",
        "lon": "5.1",
        "inwoners": inwoners,
        "golf": golf,
        "instroomjaar": "2022" if golf == "golf1_2022" else "2023",
        "botoc": botoc,
    }


def _f(
    factor: str, naam: str, soort: str, domein: str, bewijs: str, beinvloedbaar: str
) -> dict[str, str]:
    return {
        "factor": factor,
        "naam_nl": naam,
        "naam_en": f"{naam} (en)",
        "soort": soort,
        "domein": domein,
        "bewijs": bewijs,
        "beinvloedbaar": beinvloedbaar,
        "uitleg_nl": f"Uitleg {factor}",
        "uitleg_en": f"Explanation {factor}",
        "bronnen": "Testbron",
    }


def _i(
    iid: str, thema: str, status: str, doelgroep: str, factoren: str, illus: str
) -> dict[str, str]:
    return {
        "interventie_id": iid,
        "gemeentecode": iid[:6],
        "naam": f"Interventie {iid}",
        "thema": thema,
        "status": status,
        "doelgroep": doelgroep,
        "factoren": factoren,
        "illustratief": illus,
    }


# Alfa (botoc, 6 interventions), Beta (botoc, 2; display name differs from the CBS name),
# Gamma (not botoc, 1), Delta (not botoc, no interventions at all).
TINY_TABLES: dict[str, Rows] = {
    "gemeenten": [
        _g("GM0001", "Alfa", "", "1000", "golf1_2022", "true"),
        _g("GM0002", "'s-Beta", "Beta", "", "golf1_2022", "true"),
        _g("GM0003", "Gamma", "", "50000", "nplv_2023", "false"),
        _g("GM0004", "Delta", "", "", "selectie_2023", "false"),
    ],
    "themas": [
        {
            "thema": "gedragsinterventie",
            "naam_nl": "Training",
            "naam_en": "Behaviour",
            "omschrijving_nl": "o",
            "omschrijving_en": "d",
            "pijler": "perspectief",
        },
        {
            "thema": "jongerenwerk",
            "naam_nl": "Jongerenwerk",
            "naam_en": "Youth work",
            "omschrijving_nl": "o",
            "omschrijving_en": "d",
            "pijler": "perspectief",
        },
        {
            "thema": "gezin",
            "naam_nl": "Gezin",
            "naam_en": "Family",
            "omschrijving_nl": "o",
            "omschrijving_en": "d",
            "pijler": "perspectief",
        },
        # "overig" is deliberately missing: its label falls back to the code.
    ],
    "factoren": [
        # strong = risico + beinvloedbaar + bewijs in (gefundeerd, sterk): the first three
        _f("zelfcontrole", "Zelfcontrole", "risico", "individu", "gefundeerd", "true"),
        _f("gezinsproblemen", "Gezinsproblemen", "risico", "gezin", "sterk", "true"),
        _f("buurtgroep", "Buurtgroep", "risico", "buurt", "sterk", "true"),
        _f("vast_kenmerk", "Vast kenmerk", "risico", "individu", "sterk", "false"),
        _f("zwak_bewijs", "Zwak bewijs", "risico", "vrienden", "zwak", "true"),
        _f("steun", "Steunende volwassene", "beschermend", "buurt", "gefundeerd", "true"),
        _f("talent", "Talent", "beschermend", "school_werk", "genoemd", "true"),
    ],
    "interventies": [
        _i(
            "GM0001-001", "gedragsinterventie", "afgerond", "jongeren", "zelfcontrole|steun", "true"
        ),
        _i(
            "GM0001-002",
            "gedragsinterventie",
            "in_uitvoering",
            "kinderen",
            " zelfcontrole | vast_kenmerk ",
            "false",
        ),
        _i("GM0001-003", "jongerenwerk", "gepland", "", "", "false"),
        _i("GM0001-004", "jongerenwerk", "in_uitvoering", "jongeren", "zwak_bewijs", "false"),
        _i("GM0001-005", "gezin", "niet_uitgevoerd", "ouders", "gezinsproblemen", "false"),
        _i("GM0001-006", "overig", "niet_uitgevoerd", "wijk", "", "false"),
        _i("GM0002-001", "jongerenwerk", "afgerond", "jongeren", "gezinsproblemen", "false"),
        _i("GM0002-002", "gezin", "in_uitvoering", "ouders", "steun", "false"),
        _i(
            "GM0003-001",
            "gedragsinterventie",
            "in_uitvoering",
            "jongvolwassenen",
            "zwak_bewijs",
            "false",
        ),
    ],
    "tijdlijn": [
        {
            "datum": "2022-04-26",
            "gebeurtenis_nl": "Vijftien",
            "gebeurtenis_en": "Fifteen",
            "aantal_gemeenten": "15",
            "bron": "b",
        },
        {
            "datum": "2020-06",
            "gebeurtenis_nl": "Acht",
            "gebeurtenis_en": "Eight",
            "aantal_gemeenten": "8",
            "bron": "b",
        },
        {
            "datum": "2021",
            "gebeurtenis_nl": "Onderzoek",
            "gebeurtenis_en": "Research",
            "aantal_gemeenten": "",
            "bron": "b",
        },
    ],
    "kerncijfers": [
        {
            "cijfer": "interventies_botoc",
            "waarde": "62",
            "omschrijving_nl": "o",
            "omschrijving_en": "d",
            "bron": "b",
        },
    ],
    "lessen": [
        {
            "les": "een",
            "product": "praktijkscan",
            "tekst_nl": "Les een",
            "tekst_en": "Lesson one",
            "bron": "b",
        },
        {
            "les": "twee",
            "product": "kennissynthese",
            "tekst_nl": "Les twee",
            "tekst_en": "Lesson two",
            "bron": "b",
        },
    ],
    "factor_themas": [
        {
            "factor": "zelfcontrole",
            "thema": "gedragsinterventie",
            "toelichting_nl": "t",
            "toelichting_en": "e",
            "bron": "Testbron",
        },
        {
            "factor": "gezinsproblemen",
            "thema": "gezin",
            "toelichting_nl": "t",
            "toelichting_en": "e",
            "bron": "Testbron",
        },
        {
            "factor": "buurtgroep",
            "thema": "jongerenwerk",
            "toelichting_nl": "t",
            "toelichting_en": "e",
            "bron": "Testbron",
        },
    ],
}


def csv_bytes(rows: Rows, columns: list[str] | None = None) -> bytes:
    """The rows as UTF-8 CSV; ``columns`` defaults to the keys of the first row."""
    names = columns if columns is not None else list(rows[0])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_dataset(folder: Path, tables: dict[str, Rows]) -> Path:
    """Write one CSV per table and a minimal ``datapackage.json`` describing them."""
    folder.mkdir(parents=True, exist_ok=True)
    resources = []
    for name, rows in tables.items():
        data = csv_bytes(rows)
        (folder / f"{name}.csv").write_bytes(data)
        resources.append(
            {
                "name": name,
                "title": f"Test {name}",
                "status": "illustratief",
                "date": "2026-01-01",
                "rows": len(rows),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "sources": [{"title": "Tests"}],
            }
        )
    package = {
        "name": "test",
        "version": "0.0.1",
        "created": "2026-01-01",
        "licenses": [{"name": "CC-BY-4.0"}],
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    return folder


def tiny_tables() -> dict[str, Rows]:
    """A fresh, modifiable copy of the tiny tables (for broken-file tests)."""
    return copy.deepcopy(TINY_TABLES)


def read_rows(path: Path) -> Rows:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
