"""``map_values``: what people write becomes a code of the contract; the rest stays as it is."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl
import pytest

from lib.contract.schema import INTERVENTIES, VOORTGANG, Table
from lib.data.catalog import Dataset
from lib.data.ingest.mapping import Applied, key_expr, keys_of, lookup, map_values


def mapped(
    dataset: Dataset, column: str, values: Sequence[str | None], table: Table = INTERVENTIES
) -> list[str | None]:
    frame = pl.DataFrame({column: list(values)}, schema={column: pl.String})
    out, _ = map_values(frame, table, gemeenten=dataset.gemeenten, themas=dataset.themas)
    assert out.schema == frame.schema
    return out.get_column(column).to_list()


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("'s-Gravenhage", "sgravenhage"),
        ("’S GRAVENHAGE", "sgravenhage"),
        ("Financiën", "financien"),
        ("In uitvoering", "inuitvoering"),
        ("in_uitvoering", "inuitvoering"),
        ("Jongeren (12-17)", "jongeren1217"),
        ("Fryslân", "fryslan"),
        ("", ""),
    ],
)
def test_key(text: str, key: str) -> None:
    assert keys_of([text]) == [key]
    frame = pl.DataFrame({"v": [text]})
    assert frame.select(key_expr(pl.col("v"))).item() == key


def test_lookup_keeps_the_first_code_for_a_key() -> None:
    assert lookup([("Den Haag", "A"), ("den-haag", "B"), ("", "C"), ("x", "D")]) == {
        "denhaag": "A",
        "x": "D",
    }


GEMEENTEN = [
    ("GM0518", "GM0518"),
    ("gm0518", "GM0518"),
    ("518", "GM0518"),
    ("0518", "GM0518"),
    ("GM518", "GM0518"),
    (" GM 0518 ", "GM0518"),
    ("'s-Gravenhage", "GM0518"),
    ("s Gravenhage", "GM0518"),
    ("'s Gravenhage", "GM0518"),
    ("’s-Gravenhage", "GM0518"),
    ("'S-GRAVENHAGE", "GM0518"),
    ("Den Haag", "GM0518"),
    ("den haag", "GM0518"),
    ("Gemeente Den Haag", "GM0518"),
    ("The Hague", "GM0518"),
    ("Rotterdam", "GM0599"),
    ("ROTTERDAM ", "GM0599"),
    ("'s-Hertogenbosch", "GM0796"),
    ("Den Bosch", "GM0796"),
    ("Sittard Geleen", "GM1883"),
    ("14", "GM0014"),
    # unknown names stay as written; a number becomes a code that the validator checks
    ("Atlantis", "Atlantis"),
    ("9999", "GM9999"),
    ("GM9999", "GM9999"),
    ("12345", "12345"),
    ("", ""),
    (None, None),
]


@pytest.mark.parametrize(("value", "code"), GEMEENTEN)
def test_gemeentecode(dataset: Dataset, value: str | None, code: str | None) -> None:
    assert mapped(dataset, "gemeentecode", [value]) == [code]


THEMAS = [
    ("jongerenwerk", "jongerenwerk"),
    ("Jongerenwerk", "jongerenwerk"),
    ("Jongerenwerk en straatcoaches", "jongerenwerk"),
    ("Youth work and street coaches", "jongerenwerk"),
    ("Gezag", "gezag"),
    ("Gezag, grenzen en handhaving", "gezag"),
    ("Financiën", "financien"),
    ("financien", "financien"),
    ("Geldzorgen en schulden", "financien"),
    ("School en werk", "onderwijs_werk"),
    ("School, stage en werk", "onderwijs_werk"),
    ("onderwijs werk", "onderwijs_werk"),
    ("ONDERWIJS_WERK", "onderwijs_werk"),
    ("Ouders en gezin", "gezin"),
    ("Parents and family", "gezin"),
    ("Gedragsinterventies en identiteit", "gedragsinterventie"),
    ("Vroegsignalering", "vroegsignalering"),
    ("Samenwerking zorg en veiligheid", "samenwerking"),
    ("Other", "overig"),
    ("Sport", "Sport"),
]


@pytest.mark.parametrize(("value", "code"), THEMAS)
def test_thema(dataset: Dataset, value: str, code: str) -> None:
    assert mapped(dataset, "thema", [value]) == [code]


STATUSSEN = [
    ("gepland", "gepland"),
    ("Gepland", "gepland"),
    ("In uitvoering", "in_uitvoering"),
    ("in-uitvoering", "in_uitvoering"),
    ("loopt", "in_uitvoering"),
    ("Running", "in_uitvoering"),
    ("Afgerond", "afgerond"),
    ("klaar", "afgerond"),
    ("completed", "afgerond"),
    ("Niet uitgevoerd", "niet_uitgevoerd"),
    ("not carried out", "niet_uitgevoerd"),
    ("planned", "gepland"),
    ("misschien", "misschien"),
]


@pytest.mark.parametrize(("value", "code"), STATUSSEN)
def test_status(dataset: Dataset, value: str, code: str) -> None:
    assert mapped(dataset, "status", [value]) == [code]
    assert mapped(dataset, "status", [value], VOORTGANG) == [code]


DOELGROEPEN = [
    ("Kinderen (8-11)", "kinderen"),
    ("Kinderen (tot 12)", "kinderen"),  # the label before 2026-11 still reads
    ("Children (8-11)", "kinderen"),
    ("kinderen", "kinderen"),
    ("Jongeren (12-17)", "jongeren"),
    ("Youngsters (12-17)", "jongeren"),
    ("Jongvolwassenen (18-27)", "jongvolwassenen"),
    ("young adults", "jongvolwassenen"),
    ("Ouders", "ouders"),
    ("Parents", "ouders"),
    ("Professionals", "professionals"),
    ("Buurt", "wijk"),
    ("Neighbourhood", "wijk"),
    ("senioren", "senioren"),
]


@pytest.mark.parametrize(("value", "code"), DOELGROEPEN)
def test_doelgroep(dataset: Dataset, value: str, code: str) -> None:
    assert mapped(dataset, "doelgroep", [value]) == [code]


BOOLEANS = [
    *(
        (word, "true")
        for word in (
            "ja",
            "Ja",
            "JA",
            "j",
            "x",
            "X",
            "waar",
            "WAAR",
            "1",
            "yes",
            "Y",
            "true",
            "TRUE",
            " ja ",
        )
    ),
    *(
        (word, "false")
        for word in ("nee", "Nee", "n", "onwaar", "ONWAAR", "0", "no", "false", "FALSE")
    ),
    ("", ""),
    (None, None),
    ("misschien", "misschien"),
]


@pytest.mark.parametrize(("value", "code"), BOOLEANS)
def test_booleans(dataset: Dataset, value: str | None, code: str | None) -> None:
    assert mapped(dataset, "monitoringplan", [value]) == [code]


FACTOREN = [
    ("a|b", "a|b"),
    ("a; b", "a|b"),
    ("a , b,c", "a|b|c"),
    (" A | B |", "a|b"),
    ("a||b", "a|b"),
    ("Criminele vrienden", "criminele_vrienden"),
    ("snel-geld; Armoede schulden gezin", "snel_geld|armoede_schulden_gezin"),
    ("", ""),
    (None, None),
]


@pytest.mark.parametrize(("value", "code"), FACTOREN)
def test_factoren(dataset: Dataset, value: str | None, code: str | None) -> None:
    assert mapped(dataset, "factoren", [value]) == [code]


def test_applied_lists_every_mapping_most_frequent_first(dataset: Dataset) -> None:
    frame = pl.DataFrame(
        {
            "interventie_id": ["A", "B", "C", "D"],
            "gemeentecode": ["Den Haag", "GM0599", "Den Haag", "518"],
            "naam": ["Den Haag", "ja", "x", "y"],
            "thema": ["Gezag", "gezag", "Financiën", "gezag"],
            "monitoringplan": ["ja", "nee", "ja", None],
            "opmerking": ["ja", "Den Haag", "x", "y"],
        }
    )
    out, applied = map_values(
        frame, INTERVENTIES, gemeenten=dataset.gemeenten, themas=dataset.themas
    )
    assert applied == (
        Applied("gemeentecode", "Den Haag", "GM0518", 2),
        Applied("gemeentecode", "518", "GM0518", 1),
        Applied("thema", "Financiën", "financien", 1),
        Applied("thema", "Gezag", "gezag", 1),
        Applied("monitoringplan", "ja", "true", 2),
        Applied("monitoringplan", "nee", "false", 1),
    )
    # free text and unknown columns are never touched
    assert out.get_column("naam").to_list() == ["Den Haag", "ja", "x", "y"]
    assert out.get_column("opmerking").to_list() == ["ja", "Den Haag", "x", "y"]
    assert out.get_column("gemeentecode").to_list() == ["GM0518", "GM0599", "GM0518", "GM0518"]
    assert out.columns == frame.columns


def test_nothing_to_map(dataset: Dataset) -> None:
    frame = pl.DataFrame({"naam": ["a"], "gemeentecode": ["GM0599"]})
    out, applied = map_values(
        frame, INTERVENTIES, gemeenten=dataset.gemeenten, themas=dataset.themas
    )
    assert applied == ()
    assert out.equals(frame)


def test_an_empty_frame(dataset: Dataset) -> None:
    frame = pl.DataFrame({"thema": []}, schema={"thema": pl.String})
    out, applied = map_values(
        frame, INTERVENTIES, gemeenten=dataset.gemeenten, themas=dataset.themas
    )
    assert (out.height, applied) == (0, ())


def test_many_rows_map_the_same_as_one(dataset: Dataset) -> None:
    values = [v for v, _ in THEMAS] * 500
    expected = [c for _, c in THEMAS] * 500
    assert mapped(dataset, "thema", values) == expected
