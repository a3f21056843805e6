"""AppTest of the Kenniskaart page, with every figure recomputed here from the CSV files.

Three selections: Tilburg (GM0855, a BOTOC municipality), Lelystad (GM0995, wave 1 without
BOTOC history) and the whole programme; plus a municipality without interventions (Almere).
"""

from __future__ import annotations

import csv
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pytest
from streamlit.testing.v1 import AppTest

from lib.config import BUNDLED_DATA_DIR, ROOT

APP = str(ROOT / "app.py")
PAGE = "pages/kenniskaart.py"
AGES = {
    "kinderen": "kinderen (8-11)",
    "jongeren": "jongeren (12-17)",
    "jongvolwassenen": "jongvolwassenen (18-27)",
}
STRONG = ("gefundeerd", "sterk")


@cache
def rows(name: str) -> tuple[dict[str, str], ...]:
    with (BUNDLED_DATA_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


def names() -> dict[str, str]:
    return {g["gemeentecode"]: g["weergavenaam"] or g["gemeente"] for g in rows("gemeenten")}


def interventions(code: str | None = None) -> list[dict[str, str]]:
    return [r for r in rows("interventies") if code is None or r["gemeentecode"] == code]


def listed(row: dict[str, str]) -> list[str]:
    return [f.strip() for f in row["factoren"].split("|") if f.strip()]


def domains_reached(items: list[dict[str, str]]) -> set[str]:
    domain = {f["factor"]: f["domein"] for f in rows("factoren")}
    return {domain[f] for r in items for f in listed(r)}


def gaps(items: list[dict[str, str]]) -> list[str]:
    """Factor names (nl) of strong addressable risk factors nobody in ``items`` lists."""
    covered = {f for r in items for f in listed(r)}
    return sorted(
        f["naam_nl"]
        for f in rows("factoren")
        if f["soort"] == "risico"
        and f["beinvloedbaar"] == "true"
        and f["bewijs"] in STRONG
        and f["factor"] not in covered
    )


def pct(n: int, total: int) -> str:
    value = Decimal(100 * n) / Decimal(total)
    return f"{value.quantize(Decimal(1), rounding=ROUND_HALF_UP)} %"


def pillar_counts(items: list[dict[str, str]]) -> Counter[str]:
    pillar = {th["thema"]: th["pijler"] for th in rows("themas")}
    return Counter(pillar[r["thema"]] for r in items)


def run(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def boxes(at: AppTest) -> dict[str, str]:
    return {
        "groen": "\n".join(b.value for b in at.success),
        "oranje": "\n".join(b.value for b in at.warning),
        "rood": "\n".join(b.value for b in at.error),
        "onbekend": "\n".join(b.value for b in at.info),
    }


def tables(at: AppTest, first_column: str) -> list[list[list[str]]]:
    """The dataframes whose first column has this label, as lists of rows."""
    found = []
    for element in at.dataframe:
        frame = element.value
        if list(frame.columns)[:1] == [first_column]:
            found.append(frame.astype(str).values.tolist())
    return found


def headings(at: AppTest) -> list[str]:
    return [h.value for h in at.subheader]


def summary_text(at: AppTest) -> str:
    return at.info[0].value


# --------------------------------------------------------------------------- one municipality


@pytest.fixture(scope="module")
def tilburg() -> AppTest:
    return run({"gemeente": "GM0855"})


@pytest.fixture(scope="module")
def lelystad() -> AppTest:
    return run({"gemeente": "GM0995"})


PLACES = ["tilburg", "lelystad"]
CODES = {"tilburg": "GM0855", "lelystad": "GM0995"}


@pytest.mark.parametrize("place", PLACES)
def test_summary_is_computed_from_the_data(place: str, request: pytest.FixtureRequest) -> None:
    at: AppTest = request.getfixturevalue(place)
    code = CODES[place]
    name = names()[code]
    items = interventions(code)
    summary = summary_text(at)
    reached = domains_reached(items)
    assert f"{name} bereikt {len(reached)} van de 5 leefdomeinen" in summary
    missing_ages = [
        label for age, label in AGES.items() if age not in {r["doelgroep"] for r in items}
    ]
    if missing_ages:
        assert f"Geen interventie richt zich op {missing_ages[0]}" in summary
    else:
        assert "Er zijn interventies voor elke leeftijdsgroep van 8 tot 27 jaar." in summary
    counts = pillar_counts(items)
    total = len(items)
    assert (
        f"{pct(counts['perspectief'], total)} van de interventies biedt perspectief, "
        f"{pct(counts['grenzen'], total)} stelt grenzen."
    ) in summary
    missing = gaps(items)
    assert f"{len(missing)} sterk onderbouwde risicofactor" in summary
    for factor in missing:
        assert factor.lower() in summary


def test_tilburg_figures_as_in_the_issue(tilburg: AppTest) -> None:
    summary = summary_text(tilburg)
    assert "Tilburg bereikt 4 van de 5 leefdomeinen; school en werk nog niet." in summary
    assert "4 sterk onderbouwde risicofactoren zijn niet gedekt" in summary


@pytest.mark.parametrize("place", PLACES)
def test_every_gap_with_themes_source_and_learn_from(
    place: str, request: pytest.FixtureRequest
) -> None:
    at: AppTest = request.getfixturevalue(place)
    code = CODES[place]
    text = markdown(at)
    factors = {f["naam_nl"]: f for f in rows("factoren")}
    mapping = rows("factor_themas")
    theme_names = {th["thema"]: th["naam_nl"] for th in rows("themas")}
    learn = tables(at, "Gemeente")
    learn = [t for t in learn if len(t[0]) == 4]  # Gemeente, Interventie, Aantal, Status
    expected_tables = []
    for name in gaps(interventions(code)):
        factor = factors[name]
        assert name in headings(at)
        for row in mapping:
            if row["factor"] == factor["factor"]:
                assert f"**{theme_names[row['thema']]}**: {row['toelichting_nl']}" in text
        # one row per municipality and intervention name, with how many there are
        elsewhere = Counter(
            (names()[r["gemeentecode"]], r["naam"])
            for r in interventions()
            if r["gemeentecode"] != code and factor["factor"] in listed(r)
        )
        if elsewhere:
            expected_tables.append(sorted((p, n, str(c)) for (p, n), c in elsewhere.items()))
    shown = sorted(sorted((r[0], r[1], r[2]) for r in table) for table in learn)
    assert sorted(expected_tables) == shown
    captions = " ".join(c.value for c in at.caption)
    for name in gaps(interventions(code)):
        assert factors[name]["bronnen"] in captions


def test_intervention_names_are_never_markdown(tilburg: AppTest) -> None:
    text = markdown(tilburg) + "\n".join(b for b in boxes(tilburg).values())
    others = {r["naam"] for r in interventions() if r["gemeentecode"] != "GM0855"}
    assert [n for n in others if n in text] == []


@pytest.mark.parametrize("place", PLACES)
def test_lessons_check_lights(place: str, request: pytest.FixtureRequest) -> None:
    at: AppTest = request.getfixturevalue(place)
    items = interventions(CODES[place])
    total = len(items)
    shown = boxes(at)
    plans = sum(r["monitoringplan"] == "true" for r in items)
    light = "groen" if plans / total >= 0.8 else "oranje" if plans / total >= 0.5 else "rood"
    assert (
        f"Met een plan voor monitoring en evaluatie: {plans} van de {total} interventies"
    ) in shown[light]
    no_group = sum(r["doelgroep"] == "" for r in items)
    light = "groen" if no_group == 0 else "oranje" if no_group / total <= 0.2 else "rood"
    assert f"Zonder doelgroep: {no_group} van de {total} interventies" in shown[light]
    no_links = sum(not listed(r) for r in items)
    light = "groen" if no_links == 0 else "oranje" if no_links / total <= 0.2 else "rood"
    assert (
        f"Zonder gekoppelde risico- of beschermende factor: {no_links} van de {total}"
    ) in shown[light]
    money = sum(
        r["thema"] == "financien"
        or bool({"geldproblemen_jongere", "snel_geld", "armoede_schulden_gezin"} & set(listed(r)))
        for r in items
    )
    assert (
        f"Over geld of geldproblemen: {money} van de {total}"
        in shown["groen" if money else "oranje"]
    )
    adults = sum(r["doelgroep"] == "jongvolwassenen" for r in items)
    assert (
        f"Gericht op jongvolwassenen (18-27): {adults} van de {total}"
        in shown["groen" if adults else "oranje"]
    )
    # every light carries its meaning in words and a sign, not in colour alone
    for word, sign in (("groen", "✔"), ("oranje", "⚠"), ("rood", "✖")):
        for box in shown[word].split("**")[1::2]:
            assert box.startswith(sign), box
    assert "Regel:" in shown["groen"] + shown["oranje"] + shown["rood"]


def test_lelystad_compares_with_its_wave_and_everyone(lelystad: AppTest) -> None:
    items = interventions("GM0995")
    wave = {g["gemeentecode"] for g in rows("gemeenten") if g["golf"] == "golf1_2022"}
    wave_items = [r for r in interventions() if r["gemeentecode"] in wave]
    pillar_tables = [t for t in tables(lelystad, "Vergelijking") if len(t[0]) == 4]
    assert len(pillar_tables) == 1
    table = pillar_tables[0]
    groups = list(dict.fromkeys(r[0] for r in table))
    assert groups == ["Lelystad", "Instroomgolf: Eerste 15 (2022)", "Alle gemeenten"]
    by_group = {(r[0], r[1]): (r[2], r[3]) for r in table}
    own, waves = pillar_counts(items), pillar_counts(wave_items)
    assert by_group[("Lelystad", "Grenzen stellen")] == (
        str(own["grenzen"]),
        f"{100 * own['grenzen'] / len(items):.1f} %".replace(".", ","),
    )
    assert by_group[("Instroomgolf: Eerste 15 (2022)", "Perspectief bieden")][0] == str(
        waves["perspectief"]
    )
    finding = markdown(lelystad)
    assert (
        f"Lelystad: {pct(own['perspectief'], len(items))} perspectief en "
        f"{pct(own['grenzen'], len(items))} grenzen."
    ) in finding


def test_domain_and_target_group_findings(lelystad: AppTest) -> None:
    items = interventions("GM0995")
    text = markdown(lelystad)
    assert f"Lelystad bereikt {len(domains_reached(items))} van de 5 leefdomeinen." in text
    groups = {r["doelgroep"] for r in items if r["doelgroep"]}
    assert f"De interventies richten zich op {len(groups)} van de 6 doelgroepen." in text


def test_download_buttons(tilburg: AppTest) -> None:
    buttons = [b for b in tilburg.get("download_button") if "kenniskaart_download" in b.proto.id]
    assert [b.proto.label for b in buttons] == ["PDF", "Markdown", "HTML"]


def test_page_in_english() -> None:
    at = run({"gemeente": "GM0855", "lang": "en"})
    assert at.title[0].value == "Knowledge map"
    assert "Tilburg reaches 4 of the 5 life domains; not yet school and work." in summary_text(at)


# --------------------------------------------------------------------------- whole programme


def test_whole_programme() -> None:
    at = run({})
    items = interventions()
    summary = summary_text(at)
    assert (
        f"Het hele programma bereikt {len(domains_reached(items))} van de 5 leefdomeinen" in summary
    )
    missing = gaps(items)
    assert f"{len(missing)} sterk onderbouwde risicofactor" in summary
    per_place = [t for t in tables(at, "Gemeente") if len(t[0]) == 5]
    assert len(per_place) == 1
    assert len(per_place[0]) == len(rows("gemeenten")) == 47
    several = sum(len(domains_reached(interventions(code))) >= 3 for code in names())
    assert f"{several} van de 47 gemeenten bereiken 3 of meer leefdomeinen tegelijk" in markdown(at)
    reached = {r[0]: r[2] for r in per_place[0]}
    assert reached["Almere"] == "0"
    assert reached["Tilburg"] == "4"
    counts = pillar_counts(items)
    assert (
        f"Het hele programma: {pct(counts['perspectief'], len(items))} perspectief, "
        f"{pct(counts['grenzen'], len(items))} grenzen en "
        f"{pct(counts['verbindend'], len(items))} verbindend."
    ) in markdown(at)


def test_municipality_without_interventions() -> None:
    at = run({"gemeente": "GM0034"})
    assert interventions("GM0034") == []
    assert "Almere heeft nog geen interventies in de data." in summary_text(at)
    assert "Geen interventies, dus geen verdeling over de pijlers." in " ".join(
        i.value for i in at.info
    )
    assert not at.error
    # every strong factor is a gap, each with somebody to learn from or a note
    for name in gaps([]):
        assert name in headings(at)


def test_no_municipality_at_all_is_a_friendly_message() -> None:
    at = run({"botoc": "ja", "golf": "selectie_2023"})
    assert "Geen gegevens voor deze selectie" in " ".join(i.value for i in at.info)


def test_marks_example_data_and_has_a_footer(tilburg: AppTest) -> None:
    assert any("Voorbeelddata" in w.value for w in tilburg.warning)
    captions = " ".join(c.value for c in tilburg.caption)
    assert "Dataversie 1.0.0 van 2026-11-28" in captions
    assert "(voorbeelddata)" in markdown(tilburg)  # the findings say so too
