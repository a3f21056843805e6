"""The Kaart page's map: stable classes, the legend, how each municipality is drawn and what
its tooltip says, and the deck of the bundled data (every municipality, names apart)."""

from __future__ import annotations

import itertools
import json
from typing import Any

import polars as pl
import pytest

from lib.contract.codes import Lang
from lib.data import geo
from lib.data.catalog import Dataset
from lib.domain import metrics, places
from lib.domain.filters import Filters
from lib.domain.selection import select
from lib.text.i18n import t
from lib.viz import choropleth, maps, palette
from lib.viz.bins import POPULATION_BINS, SHARE_BINS
from lib.viz.map_labels import LINE_HEIGHT, Box, boxes_overlap, text_width

Json = dict[str, Any]


def _frame(values: list[float | None], n: list[int]) -> pl.DataFrame:
    """A map frame of ``len(values)`` municipalities with the given value and interventions."""
    count = len(values)
    return pl.DataFrame(
        {
            "gemeentecode": [f"GM{i:04d}" for i in range(1, count + 1)],
            "gemeente_naam": [f"Plaats {chr(65 + i)}" for i in range(count)],
            "lat": [52.0 + i / 10 for i in range(count)],
            "lon": [5.0 + i / 10 for i in range(count)],
            "inwoners": [100_000 * (i + 1) for i in range(count)],
            "inwoners_peiljaar": [2024] * count,
            "golf": ["golf1_2022"] * (count - 1) + ["tranche_2024"],
            "n": n,
            "uitgevoerd": [k * 3 // 4 for k in n],
            "rate": [(k * 3 // 4) / k if k else None for k in n],
            "betrouwbaar": [k >= metrics.MIN_RELIABLE for k in n],
            "n_gedekt": [3 if k else 0 for k in n],
            "totaal": [7] * count,
            "per_10000": [k * 10_000 / (100_000 * (i + 1)) if k else None for i, k in enumerate(n)],
            "waarde": values,
            "geselecteerd": [i == 0 for i in range(count)],
        },
        schema_overrides={"waarde": pl.Float64, "rate": pl.Float64, "per_10000": pl.Float64},
    )


@pytest.fixture
def frame() -> pl.DataFrame:
    # Plaats D has a one-off grant and no interventions
    return _frame([0.1, 0.5, None, None], [7, 8, 3, 0])


def national(frame: pl.DataFrame, extra: int = 2) -> pl.DataFrame:
    codes = frame.get_column("gemeentecode").to_list()
    outside = [f"GM9{i:03d}" for i in range(extra)]
    return pl.DataFrame(
        {
            "gemeentecode": codes + outside,
            "gemeente": frame.get_column("gemeente_naam").to_list() + ["Elders", "Ver weg"][:extra],
            "gemeente_naam": frame.get_column("gemeente_naam").to_list()
            + ["Elders", "Ver weg"][:extra],
            "inwoners": frame.get_column("inwoners").to_list() + [12_345] * extra,
            "peildatum": ["2024-01-01"] * (len(codes) + extra),
            "in_programma": [True] * len(codes) + [False] * extra,
            "golf": frame.get_column("golf").to_list() + [None] * extra,
        }
    )


# --- classes and legend -------------------------------------------------------------------------


def test_stable_bins_do_not_follow_the_view(dataset: Dataset) -> None:
    reference = metrics.map_frame(select(dataset, Filters()), "interventies")
    top = reference.get_column("waarde").max()
    assert isinstance(top, float)
    bins = maps.stable_bins("interventies", reference)
    assert bins.lower[0] == 1
    assert bins.index(top) == 4
    # bins from a small selection would differ: the map always takes those of the whole data
    fewest = reference.filter(pl.col("n") > 0).sort("n", "gemeentecode").row(0, named=True)
    small = metrics.map_frame(
        select(dataset, Filters(gemeenten=(fewest["gemeentecode"],))), "interventies"
    )
    assert maps.stable_bins("interventies", small) != bins
    assert maps.stable_bins("uitvoeringsgraad", small) is SHARE_BINS
    assert maps.stable_bins("dekking", small) is SHARE_BINS
    assert maps.stable_bins("inwoners", small) is POPULATION_BINS
    per = maps.stable_bins("interventies_per_10000", reference)
    assert per.unit == "decimal"
    assert per.index(reference.get_column("waarde").max()) == 4  # type: ignore[arg-type]


def test_classes_tell_no_interventions_from_unknown(frame: pl.DataFrame) -> None:
    assert maps.classes(frame, "uitvoeringsgraad", SHARE_BINS) == [
        0,
        2,
        maps.CLASS_UNKNOWN,  # 3 interventions: too few for a rate
        maps.CLASS_NONE,  # no interventions at all
    ]
    people = frame.with_columns(pl.col("inwoners").cast(pl.Float64).alias("waarde"))
    assert maps.classes(people, "inwoners", POPULATION_BINS) == [2, 3, 3, 3]


def test_legend_for_shares(frame: pl.DataFrame) -> None:
    legend = maps.legend_frame(frame, metric="uitvoeringsgraad", bins=SHARE_BINS, lang="nl")
    assert legend.columns == ["klasse", "label", "kleur", "van", "tot", "aantal"]
    assert legend.get_column("label").to_list() == [
        "0-20 %", "20-40 %", "40-60 %", "60-80 %", "80-100 %",
        t("legend.none", "nl"), t("legend.unknown_or_unreliable", "nl"),
    ]  # fmt: skip
    assert legend.get_column("kleur").to_list() == [
        *palette.SEQUENTIAL_HEX,
        maps.NONE_FILL,
        palette.GREY,
    ]
    assert legend.get_column("aantal").to_list() == [1, 0, 1, 0, 0, 1, 1]
    assert legend.get_column("aantal").sum() == frame.height


def test_legend_with_the_municipalities_outside_in_english(frame: pl.DataFrame) -> None:
    people = frame.with_columns(pl.col("inwoners").cast(pl.Float64).alias("waarde"))
    legend = maps.legend_frame(
        people, metric="inwoners", bins=POPULATION_BINS, lang="en", outside=295
    )
    # no "no interventions" for population, no unknown when every value is known
    assert legend.get_column("label").to_list() == [
        "0-49,999", "50,000-99,999", "100,000-199,999", "200,000-499,999", "500,000 or more",
        "Does not take part",
    ]  # fmt: skip
    assert legend.row(-1, named=True) == {
        "klasse": maps.CLASS_OUTSIDE,
        "label": "Does not take part",
        "kleur": maps.OUTSIDE_FILL,
        "van": None,
        "tot": None,
        "aantal": 295,
    }


def test_the_three_greys_and_the_classes_are_told_apart() -> None:
    colours = [maps.OUTSIDE_FILL, maps.NONE_FILL, palette.GREY, *palette.SEQUENTIAL_HEX]
    assert len(set(colours)) == len(colours)
    # the outline of a programme municipality stands out from the fill outside
    assert palette.contrast_ratio(maps.PROGRAMME_LINE, maps.OUTSIDE_FILL) >= 3


# --- tooltip texts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "nl",
            [
                "Deelname: Eerste 15 (2022)",
                "Interventies: 8 (0,40 per 10.000 inwoners)",
                "Uitvoeringsgraad: 75,0 %",
                "Dekking risicofactoren: 3 van 7",
                "Inwoners (1 januari 2024): 200.000",
            ],
        ),
        (
            "en",
            [
                "Takes part: First 15 (2022)",
                "Interventions: 8 (0.40 per 10,000 inhabitants)",
                "Execution rate: 75.0%",
                "Risk-factor coverage: 3 of 7",
                "Population (1 January 2024): 200,000",
            ],
        ),
    ],
)
def test_details_of_a_programme_municipality(
    frame: pl.DataFrame, lang: Lang, lines: list[str]
) -> None:
    row = frame.row(1, named=True)
    assert maps.details(row, "2024-01-01", lang).split("\n") == lines


def test_details_mark_an_unreliable_rate_and_a_one_off_grant(frame: pl.DataFrame) -> None:
    few = maps.details(frame.row(2, named=True), "2024-01-01", "nl").split("\n")
    assert few[2] == "Uitvoeringsgraad: 66,7 % *"
    one_off = maps.details(frame.row(3, named=True), None, "nl").split("\n")
    assert one_off[0] == "Deelname: Eenmalige bijdrage (2024), geen focusgebied"
    assert one_off[1] == "Interventies: geen"
    assert len(one_off) == 3  # no rate or coverage without interventions


def test_details_outside_the_programme() -> None:
    assert maps.outside_details(12_345, "2024-01-01", "nl") == (
        "Neemt niet deel aan Preventie met gezag\nInwoners (1 januari 2024): 12.345"
    )
    assert maps.participation(None, "en") == t("legend.outside", "en")


# --- areas --------------------------------------------------------------------------------------


def test_areas_colour_the_programme_and_grey_the_others(frame: pl.DataFrame) -> None:
    drawn = maps.areas(
        frame, national(frame), metric="uitvoeringsgraad", bins=SHARE_BINS, lang="nl"
    )
    assert len(drawn) == frame.height + 2
    fills = {code: palette.rgb_to_hex(tuple(area.fill[:3])) for code, area in drawn.items()}  # type: ignore[arg-type]
    assert fills == {
        "GM0001": palette.SEQUENTIAL_HEX[0],
        "GM0002": palette.SEQUENTIAL_HEX[2],
        "GM0003": palette.GREY,
        "GM0004": maps.NONE_FILL,
        "GM9000": maps.OUTSIDE_FILL,
        "GM9001": maps.OUTSIDE_FILL,
    }
    assert drawn["GM9000"].name == "Elders"
    assert drawn["GM9000"].line_width == maps.OUTSIDE_WIDTH
    assert drawn["GM0001"].line_width == maps.PROGRAMME_WIDTH
    assert drawn["GM0001"].details.startswith("Deelname: ")


# --- the bundled data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def outlines() -> Json:
    return geo.shipped()


def real_deck(
    dataset: Dataset, filters: Filters, metric: metrics.Metric, outlines: Json, lang: Lang = "nl"
) -> Json:
    sel = select(dataset, filters)
    frame = places.programme_map_frame(dataset, sel, filters, metric)
    reference = metrics.map_frame(select(dataset, Filters()), metric)
    deck = maps.programme_map(
        frame,
        places.national(dataset),
        outlines,
        metric=metric,
        bins=maps.stable_bins(metric, reference),
        lang=lang,
        view=choropleth.country_view(outlines),
    )
    parsed = json.loads(deck.to_json())
    assert isinstance(parsed, dict)
    return parsed


def layer(spec: Json, layer_id: str) -> Json:
    (found,) = [item for item in spec["layers"] if item["id"] == layer_id]
    return found


@pytest.mark.parametrize("metric", metrics.METRICS)
def test_every_municipality_is_drawn_and_every_programme_one_can_be_picked(
    dataset: Dataset, outlines: Json, metric: metrics.Metric
) -> None:
    spec = real_deck(dataset, Filters(), metric, outlines)
    areas = layer(spec, choropleth.AREA_LAYER_ID)
    assert areas["pickable"] is True
    features = areas["data"]["features"]
    assert len(features) == 342
    programme = set(dataset.gemeenten.get_column("gemeentecode").to_list())
    assert len(programme) == 47
    outside = [f for f in features if f["properties"]["statcode"] not in programme]
    assert {tuple(f["properties"]["fill"]) for f in outside} == {
        (*palette.hex_to_rgb(maps.OUTSIDE_FILL), 255)
    }
    inside = [f for f in features if f["properties"]["statcode"] in programme]
    assert len(inside) == 47
    # every programme municipality has its own name and figures in the tooltip
    names = dict(dataset.gemeenten.select("gemeentecode", "naam").iter_rows())
    for feature in inside:
        props = feature["properties"]
        assert props["naam"] == names[props["statcode"]]
        assert props["details"].startswith("Deelname: ")
        assert "Inwoners (1 januari 2024): " in props["details"]
    # no selection: nothing outlined
    assert choropleth.OUTLINE_LAYER_ID not in [item["id"] for item in spec["layers"]]


def test_a_selection_is_outlined_and_named_first(dataset: Dataset, outlines: Json) -> None:
    chosen = ("GM0503", "GM0599")  # Delft and Rotterdam: neighbours
    spec = real_deck(dataset, Filters(gemeenten=chosen), "interventies", outlines)
    outline = layer(spec, choropleth.OUTLINE_LAYER_ID)
    assert sorted(f["properties"]["statcode"] for f in outline["data"]["features"]) == sorted(
        chosen
    )
    named = [row["code"] for row in layer(spec, choropleth.LABEL_LAYER_ID)["data"]]
    assert set(named[:2]) == set(chosen)
    # the others stay in colour, hoverable and clickable
    features = layer(spec, choropleth.AREA_LAYER_ID)["data"]["features"]
    amsterdam = next(f for f in features if f["properties"]["statcode"] == "GM0363")
    assert tuple(amsterdam["properties"]["fill"][:3]) != palette.hex_to_rgb(maps.OUTSIDE_FILL)


def test_the_names_of_the_map_never_overlap(dataset: Dataset, outlines: Json) -> None:
    spec = real_deck(dataset, Filters(), "interventies", outlines)
    view = choropleth.country_view(outlines)
    rows = layer(spec, choropleth.LABEL_LAYER_ID)["data"]
    assert len(rows) >= 20
    height = choropleth.LABEL_SIZE * LINE_HEIGHT
    boxes = []
    for row in rows:
        x, y = choropleth.project(view, row["lon"], row["lat"])
        width = text_width(row["naam"], choropleth.LABEL_SIZE)
        dx, dy = row["offset"]
        left = {"start": dx, "middle": dx - width / 2, "end": dx - width}[row["anchor"]]
        top = {"top": dy, "center": dy - height / 2, "bottom": dy - height}[row["baseline"]]
        boxes.append((x, y, Box(left, top, left + width, top + height)))
    assert not any(boxes_overlap(a, b) for a, b in itertools.combinations(boxes, 2))
    # after the most important few, no name lies over the point of another programme
    # municipality, named or not (it would read as that municipality's name)
    points = [
        choropleth.project(view, lon, lat)
        for lon, lat in dataset.gemeenten.select("lon", "lat").iter_rows()
    ]
    dot = Box(-1, -1, 1, 1)
    for row, (x, y, name_box) in list(zip(rows, boxes, strict=True))[choropleth.FREE_NAMES :]:
        own = choropleth.project(view, row["lon"], row["lat"])
        covered = [
            p for p in points if p != own and boxes_overlap((x, y, name_box), (p[0], p[1], dot))
        ]
        assert covered == [], row["naam"]
    # the largest municipalities are named
    assert {"Amsterdam", "Rotterdam", "Den Haag", "Utrecht"} <= {row["naam"] for row in rows}
