"""Names of the codes of the contract: exact in both languages, complete, and in one place."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from lib.config import ROOT
from lib.contract.codes import CODE_LISTS, LABELS, LANGS, is_code_kind
from lib.text import labels
from lib.text.i18n import CATALOGUE
from lib.text.labels import code_label

# kind, code, Dutch, English: the names the dashboard has always shown
NAMES = [
    ("status", "gepland", "Gepland", "Planned"),
    ("status", "in_uitvoering", "In uitvoering", "Running"),
    ("status", "afgerond", "Afgerond", "Completed"),
    ("status", "niet_uitgevoerd", "Niet uitgevoerd", "Not carried out"),
    ("doelgroep", "kinderen", "Kinderen (8-11)", "Children (8-11)"),
    ("doelgroep", "jongeren", "Jongeren (12-17)", "Young people (12-17)"),
    ("doelgroep", "jongvolwassenen", "Jongvolwassenen (18-27)", "Young adults (18-27)"),
    ("doelgroep", "ouders", "Ouders", "Parents"),
    ("doelgroep", "professionals", "Professionals", "Professionals"),
    ("doelgroep", "wijk", "Wijk", "Neighbourhood"),
    ("domein", "individu", "Individu", "Individual"),
    ("domein", "gezin", "Gezin", "Family"),
    ("domein", "vrienden", "Vrienden", "Friends"),
    ("domein", "school_werk", "School en werk", "School and work"),
    ("domein", "buurt", "Buurt", "Neighbourhood"),
    ("bewijs", "gefundeerd", "Gefundeerd", "Well-founded"),
    ("bewijs", "sterk", "Relatief sterk bewijs", "Relatively strong evidence"),
    ("bewijs", "zwak", "Zwak bewijs", "Weak evidence"),
    ("bewijs", "genoemd", "Genoemd", "Named"),
    ("golf", "golf1_2022", "Eerste 15 (2022)", "First 15 (2022)"),
    ("golf", "nplv_2023", "NPLV-uitbreiding (2023)", "NPLV extension (2023)"),
    ("golf", "selectie_2023", "Selectie 2023", "Selection 2023"),
    ("golf", "tranche_2024", "Eenmalige bijdrage (2024)", "One-off grant (2024)"),
    ("soort", "risico", "Risicofactor", "Risk factor"),
    ("soort", "beschermend", "Beschermende factor", "Protective factor"),
    ("pijler", "perspectief", "Perspectief bieden", "Offering prospects"),
    ("pijler", "grenzen", "Grenzen stellen", "Setting limits"),
    ("pijler", "verbindend", "Verbindend", "Connecting"),
    ("product", "kennissynthese", "Kennissynthese", "Knowledge synthesis"),
    ("product", "praktijkscan", "Praktijkscan", "Practice scan"),
    ("product", "beleidsreactie", "Beleidsreactie", "Policy response"),
]


@pytest.mark.parametrize(
    ("kind", "code", "nl", "en"), NAMES, ids=[f"{k}.{c}" for k, c, *_ in NAMES]
)
def test_code_label_in_both_languages(kind: str, code: str, nl: str, en: str) -> None:
    assert is_code_kind(kind)
    assert code_label(kind, code, "nl") == nl
    assert code_label(kind, code, "en") == en


def test_every_named_code_is_pinned() -> None:
    assert sorted((k, c) for k, c, *_ in NAMES) == sorted(
        (kind, code) for kind, codes in LABELS.items() for code in codes
    )


def test_code_label() -> None:
    assert code_label("status", "afgerond", "nl") == "Afgerond"
    assert code_label("status", "afgerond", "en") == "Completed"
    assert code_label("doelgroep", None, "nl") == "onbekend"
    assert code_label("doelgroep", "", "en") == "unknown"
    with pytest.raises(KeyError):
        code_label("status", "klaar", "nl")


@pytest.mark.parametrize("kind", sorted(CODE_LISTS))
def test_every_code_of_the_contract_has_a_label(kind: str) -> None:
    assert is_code_kind(kind)
    # the same codes in the same order as the code list, each named in every language
    assert tuple(LABELS[kind]) == CODE_LISTS[kind]
    for lang in LANGS:
        labels = [LABELS[kind][code][lang] for code in CODE_LISTS[kind]]
        assert all(label.strip() for label in labels)
        assert len(set(labels)) == len(labels), "two codes share a label"


def test_is_code_kind() -> None:
    assert is_code_kind("status")
    assert is_code_kind("pijler")
    assert not is_code_kind("thema")
    assert not is_code_kind("kind")


def test_the_catalogue_holds_no_code_names() -> None:
    """The names live in ``lib.contract.codes.LABELS`` only, not also in the catalogue."""
    for lang in LANGS:
        assert [k for k in CATALOGUE[lang] if k.partition(".")[0] in LABELS] == []


def _sources() -> list[Path]:
    files = [*sorted((ROOT / "lib").rglob("*.py")), *sorted((ROOT / "pages").rglob("*.py"))]
    return [*files, ROOT / "app.py"] if (ROOT / "app.py").exists() else files


KINDS = sorted(
    {
        (path.relative_to(ROOT).as_posix(), match.group(1))
        for path in _sources()
        for match in re.finditer(
            r"""\b(?:code_label|_code_names|code_order)\(\s*(?:[^,()]+,\s*)?"([^"]+)\"""",
            path.read_text(encoding="utf-8"),
        )
    }
)


def test_the_scan_finds_kinds() -> None:
    assert ("lib/viz/charts.py", "status") in KINDS
    assert ("lib/domain/metrics.py", "doelgroep") in KINDS
    assert ("lib/domain/kenniskaart.py", "pijler") in KINDS
    assert ("lib/text/labels.py", "golf") in KINDS


@pytest.mark.parametrize(("file", "kind"), KINDS, ids=[f"{f}:{k}" for f, k in KINDS])
def test_code_kinds(file: str, kind: str) -> None:
    assert kind in LABELS, f"{file}: unknown code kind {kind!r}"


# --------------------------------------------------------------------------- frames


THEMES = pl.DataFrame(
    {"thema": ["gezin", "gezag"], "naam_nl": ["Gezin", "Gezag"], "naam_en": ["Family", "Law"]}
)
FACTORS = pl.DataFrame({"factor": ["a", "b"], "naam_nl": ["Bee", "Aap"], "naam_en": ["Bee", "Ape"]})


def test_with_names_adds_a_name_after_each_code_column() -> None:
    frame = pl.DataFrame(
        {
            "status": ["afgerond", "gepland"],
            "n": [1, 2],
            "doelgroep": ["jongeren", None],
            "domein": ["buurt", "gezin"],
            "bewijs": ["sterk", "zwak"],
        }
    )
    named = labels.with_names(frame, "nl")
    assert named.columns == [
        "status", "status_naam", "n", "doelgroep", "doelgroep_naam", "domein", "domein_naam",
        "bewijs", "bewijs_naam",
    ]  # fmt: skip
    assert named.row(1) == (
        "gepland", "Gepland", 2, None, "Onbekend", "gezin", "Gezin", "zwak", "Zwak bewijs",
    )  # fmt: skip
    assert labels.with_names(frame, "en").get_column("doelgroep_naam").to_list() == [
        "Young people (12-17)",
        "Unknown",
    ]
    assert labels.with_names(frame, "nl").drop(NAME_COLUMNS).equals(frame)


NAME_COLUMNS = ["status_naam", "doelgroep_naam", "domein_naam", "bewijs_naam"]


def test_with_names_of_pillars_and_products() -> None:
    frame = pl.DataFrame({"pijler": ["grenzen"], "product": ["praktijkscan"]})
    assert labels.with_names(frame, "en").row(0) == (
        "grenzen",
        "Setting limits",
        "praktijkscan",
        "Practice scan",
    )


def test_with_names_of_themes_and_factors_from_their_tables() -> None:
    frame = pl.DataFrame({"thema": ["gezin", "overig"], "factor": ["a", "b"]})
    named = labels.with_names(frame, "en", themas=THEMES, factoren=FACTORS)
    # a theme without a row in the table keeps its code
    assert named.rows() == [("gezin", "Family", "a", "Bee"), ("overig", "overig", "b", "Ape")]
    with pytest.raises(ValueError, match="thema"):
        labels.with_names(frame, "nl", factoren=FACTORS)


def test_with_names_of_comparison_groups() -> None:
    frame = pl.DataFrame(
        {
            "groep": ["gemeente", "selectie", "golf", "alle", "programma"],
            "golf": [None, None, "nplv_2023", None, None],
            "gemeente_naam": ["Tilburg", None, None, None, None],
        }
    )
    assert labels.with_names(frame, "nl").get_column("groep_naam").to_list() == [
        "Tilburg",
        "Uw selectie",
        "Instroomgolf: NPLV-uitbreiding (2023)",
        "Alle gemeenten",
        "Het hele programma",
    ]
    assert labels.group_label("golf", "golf1_2022", None, "en") == "Wave: First 15 (2022)"
    assert labels.with_names(frame.head(0), "en").columns[:2] == ["groep", "groep_naam"]


def test_with_names_leaves_other_frames_alone() -> None:
    frame = pl.DataFrame({"gemeente_naam": ["Alfa"], "n": [1], "golf": ["nplv_2023"]})
    assert labels.with_names(frame, "nl").equals(frame)


def test_in_language_keeps_the_readers_text_in_place() -> None:
    frame = pl.DataFrame(
        {"datum": ["2020"], "tekst_nl": ["Hallo"], "tekst_en": ["Hello"], "bron": ["X"]}
    )
    assert labels.in_language(frame, "en", "tekst").rows(named=True) == [
        {"datum": "2020", "tekst": "Hello", "bron": "X"}
    ]
    assert labels.in_language(frame, "nl", "tekst").get_column("tekst").to_list() == ["Hallo"]


def test_named_frames_break_ties_by_the_name_in_the_language() -> None:
    counts = pl.DataFrame({"thema": ["gezag", "gezin"], "n": [2, 2], "share": [0.5, 0.5]})
    assert labels.named_theme_counts(counts, "nl", THEMES).get_column("thema").to_list() == [
        "gezag",
        "gezin",
    ]
    assert labels.named_theme_counts(counts, "en", THEMES).get_column("thema").to_list() == [
        "gezin",
        "gezag",
    ]
    strong = pl.DataFrame(
        {
            "factor": ["a", "b"],
            "bewijs": ["sterk", "sterk"],
            "domein": ["gezin", "gezin"],
            "n": [1, 1],
            "gedekt": [True, True],
        }
    )
    named = labels.named_strong_factors(strong, "en", FACTORS)
    assert named.columns == ["factor", "factor_naam", "bewijs_naam", "domein_naam", "n", "gedekt"]
    assert named.get_column("factor_naam").to_list() == ["Ape", "Bee"]
    assert labels.named_strong_factors(strong, "nl", FACTORS).get_column("factor").to_list() == [
        "b",
        "a",
    ]


def test_timeline_events_name_each_event_with_its_date_in_words() -> None:
    frame = pl.DataFrame(
        {
            "nr": [2, 1, 3],
            "datum": ["2022-03-07", "2020-06", "2021"],
            "gebeurtenis": ["Synthese", "BOTOC", "Onderzoek"],
        }
    )
    assert labels.timeline_events(frame, "nl") == [
        "juni 2020: BOTOC",
        "7 maart 2022: Synthese",
        "2021: Onderzoek",
    ]
    assert labels.timeline_events(frame, "en")[:2] == ["June 2020: BOTOC", "7 March 2022: Synthese"]


def test_an_age_group_is_spelled_one_way() -> None:
    """The Kenniskaart's age groups are the target-group names, mid-sentence: one spelling of
    each range everywhere (8-11, 12-17, 18-27)."""
    for lang in LANGS:
        for code in ("kinderen", "jongeren", "jongvolwassenen"):
            name = LABELS["doelgroep"][code][lang]
            assert CATALOGUE[lang][f"kenniskaart.age.{code}"] == name[0].lower() + name[1:]
            assert re.search(r"\(\d+-\d+\)$", name), name
        # no age group in brackets is written another way ("(18 tot 27 jaar)")
        other = [
            k
            for k, v in CATALOGUE[lang].items()
            if re.search(r"\(\d+ (tot|to) \d+ (jaar|years)", v)
        ]
        assert other == []
