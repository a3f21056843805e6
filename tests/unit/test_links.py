"""The URL codec of filters and language (lib.links), and the Filters value it reads into."""

from __future__ import annotations

import pytest

from lib import links
from lib.contract.codes import DOELGROEPEN, DOMEINEN, GOLVEN, STATUSSEN, THEMAS
from lib.domain.filters import Filters
from lib.links import MAX_VALUES, from_query, to_query

CODES = ("GM0363", "GM0202", "GM0758", "GM0518")

ROUND_TRIPS = [
    Filters(),
    Filters(gemeenten=("GM0363",)),
    Filters(gemeenten=("GM0758", "GM0363")),  # order is kept
    Filters(golven=("golf1_2022",)),
    Filters(golven=GOLVEN),
    Filters(botoc="ja"),
    Filters(botoc="nee"),
    Filters(themas=("gedragsinterventie", "onderwijs_werk")),
    Filters(themas=THEMAS),
    Filters(statussen=("niet_uitgevoerd",)),
    Filters(statussen=STATUSSEN),
    Filters(doelgroepen=("jongvolwassenen", "wijk")),
    Filters(doelgroepen=DOELGROEPEN),
    Filters(domeinen=("school_werk",)),
    Filters(domeinen=DOMEINEN),
    Filters(
        gemeenten=CODES,
        golven=("nplv_2023",),
        botoc="nee",
        themas=("gezag",),
        statussen=("gepland", "afgerond"),
        doelgroepen=("ouders",),
        domeinen=("buurt", "gezin"),
    ),
]


@pytest.mark.parametrize("filters", ROUND_TRIPS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_round_trip(filters: Filters, lang: str) -> None:
    query = to_query(filters, lang)  # type: ignore[arg-type]
    assert from_query(query, gemeentecodes=CODES) == (filters, lang, [])
    assert from_query(query) == (filters, lang, [])


def test_defaults_give_an_empty_query() -> None:
    assert to_query(Filters(), "nl") == {}
    assert Filters().is_default
    assert from_query({}) == (Filters(), "nl", [])


def test_lang_only_when_not_dutch() -> None:
    assert to_query(Filters(), "en") == {"lang": "en"}
    assert "lang" not in to_query(Filters(botoc="ja"), "nl")


def test_query_holds_codes_not_labels() -> None:
    query = to_query(
        Filters(
            gemeenten=("GM0363",),
            golven=("golf1_2022",),
            botoc="ja",
            themas=("gezin",),
            statussen=("in_uitvoering",),
            doelgroepen=("kinderen",),
            domeinen=("vrienden",),
        ),
        "en",
    )
    assert query == {
        "lang": "en",
        "gemeente": ["GM0363"],
        "golf": ["golf1_2022"],
        "botoc": "ja",
        "thema": ["gezin"],
        "status": ["in_uitvoering"],
        "doelgroep": ["kinderen"],
        "domein": ["vrienden"],
    }


def test_with_gemeente_replaces_the_municipality() -> None:
    assert Filters(gemeenten=("GM0363", "GM0202"), botoc="ja").with_gemeente("GM0758") == (
        Filters(gemeenten=("GM0758",), botoc="ja")
    )


HOSTILE = [
    # (query, expected filters, expected ignored parameter names)
    ({"gemeente": "<script>alert(1)</script>"}, Filters(), ["gemeente"]),
    ({"gemeente": "GM99999"}, Filters(), ["gemeente"]),
    ({"gemeente": "GM9999"}, Filters(), ["gemeente"]),  # well-formed, but not a known code
    ({"gemeente": "x" * 5000}, Filters(), ["gemeente"]),
    ({"gemeente": ["<script>", "gm0363"]}, Filters(gemeenten=("GM0363",)), ["gemeente"]),
    ({"gemeente": "gm0363"}, Filters(gemeenten=("GM0363",)), []),
    ({"gemeente": " GM0202 "}, Filters(gemeenten=("GM0202",)), []),
    ({"gemeente": ["GM0363", "gm0363", "GM0363"]}, Filters(gemeenten=("GM0363",)), []),
    ({"thema": ["gezin", "gezin", "gezag"]}, Filters(themas=("gezin", "gezag")), []),
    ({"thema": "Gezin"}, Filters(), ["thema"]),  # codes are case-sensitive
    ({"thema": "Ouders en gezin"}, Filters(), ["thema"]),  # a label is not a code
    ({"thema": ""}, Filters(), []),
    ({"status": ["afgerond", "'; DROP TABLE x; --"]}, Filters(statussen=("afgerond",)), ["status"]),
    ({"golf": "golf9"}, Filters(), ["golf"]),
    ({"doelgroep": "x" * 5000}, Filters(), ["doelgroep"]),
    ({"domein": ["buurt", "<b>"]}, Filters(domeinen=("buurt",)), ["domein"]),
    ({"botoc": "maybe"}, Filters(), ["botoc"]),
    ({"botoc": ["nee", "ja"]}, Filters(botoc="ja"), []),  # the last value wins
    ({"lang": "fr"}, Filters(), ["lang"]),
    ({"lang": "<script>"}, Filters(), ["lang"]),
    (
        {"gemeente": "GM99999", "thema": "x", "lang": "xx", "botoc": "?"},
        Filters(),
        ["gemeente", "thema", "botoc", "lang"],
    ),
]


@pytest.mark.parametrize(("query", "filters", "ignored"), HOSTILE)
def test_hostile_values_are_dropped_and_named(
    query: dict[str, str | list[str]], filters: Filters, ignored: list[str]
) -> None:
    got, lang, names = from_query(query, gemeentecodes=CODES)
    assert got == filters
    assert sorted(names) == sorted(ignored)
    expected_lang = query["lang"] if query.get("lang") in ("nl", "en") else "nl"
    assert lang == expected_lang


def test_unknown_code_is_dropped_only_when_codes_are_given() -> None:
    assert from_query({"gemeente": "GM9999"}) == (Filters(gemeenten=("GM9999",)), "nl", [])


def test_many_values_never_raise() -> None:
    values = [f"GM{i:04d}" for i in range(5000)]
    filters, _, ignored = from_query({"gemeente": values, "thema": list(THEMAS) * 100})
    assert len(filters.gemeenten) <= MAX_VALUES
    assert filters.themas == THEMAS
    assert "thema" not in ignored


def test_values_beyond_the_limit_are_reported() -> None:
    _, _, ignored = from_query({"thema": ["gezin"] * MAX_VALUES + ["<script>"]})
    assert ignored == ["thema"]


def test_non_ascii_digits_are_not_a_code() -> None:
    filters, _, ignored = from_query({"gemeente": "GM\u0660\u0663\u0666\u0663"})
    assert filters.gemeenten == ()
    assert ignored == ["gemeente"]


# ----------------------------------------------------------------------------- the Context page


def test_context_view_round_trip() -> None:
    view = links.ContextView("wapenhandel", 2019, ("GM0363", "GM0344"))
    query = links.context_query(view)
    assert query == {"misdrijf": "wapenhandel", "jaar": "2019", "vergelijk": ["GM0363", "GM0344"]}
    params = links.parse_query_string(links.query_string(query))
    assert links.parse_context_view(params) == (view, [])
    assert links.context_query(links.ContextView()) == {}


def test_context_view_ignores_what_it_does_not_know() -> None:
    params = {
        "misdrijf": ["fraude"],
        "jaar": ["1999"],
        "vergelijk": ["gm0363,GM9999", "Amsterdam", "GM0344", "GM0599", "GM0518", "GM0014"],
    }
    view, ignored = links.parse_context_view(params, ["GM0363", "GM0344", "GM0599", "GM0518",
                                                      "GM0014"])  # fmt: skip
    assert view == links.ContextView(gemeenten=("GM0363", "GM0344", "GM0599", "GM0518"))
    assert ignored == ["misdrijf", "jaar", "vergelijk"]
    assert links.parse_context_view({"jaar": ["20x4"]})[1] == ["jaar"]
    assert links.parse_context_view({"misdrijf": [" Drugshandel "]})[0].soort == "drugshandel"
