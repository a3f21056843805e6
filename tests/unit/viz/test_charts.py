"""Chart builders: assertions on ``chart.to_dict()`` and a real render through vl-convert."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import altair as alt
import polars as pl
import pytest

from lib.config import BUNDLED_DATA_DIR
from lib.contract.codes import STATUSSEN, Lang
from lib.data.catalog import Dataset, load_dataset
from lib.domain import coverage as cov
from lib.domain import metrics
from lib.domain.filters import Filters
from lib.domain.selection import Selection, select
from lib.text import labels
from lib.text.i18n import t
from lib.text.labels import code_label
from lib.viz import charts, heatmaps, palette, time_charts

Spec = dict[str, Any]
LANGS: tuple[Lang, Lang] = ("nl", "en")


# --- helpers ------------------------------------------------------------------------------------


def layers(spec: Spec) -> list[Spec]:
    return list(spec.get("layer", [spec]))


def mark_of(layer: Spec) -> str:
    mark = layer["mark"]
    return str(mark if isinstance(mark, str) else mark["type"])


def marks(spec: Spec) -> list[str]:
    return [mark_of(layer) for layer in layers(spec)]


def layer_with(spec: Spec, mark: str) -> Spec:
    found = [layer for layer in layers(spec) if mark_of(layer) == mark]
    assert found, f"no {mark} layer in {marks(spec)}"
    return found[0]


def rows_of(spec: Spec, layer: Spec) -> list[dict[str, Any]]:
    data = layer.get("data") or spec["data"]
    if "values" in data:
        return list(data["values"])
    return list(spec["datasets"][data["name"]])


def tooltip_titles(layer: Spec) -> dict[str, str]:
    return {tip["field"]: tip["title"] for tip in layer["encoding"]["tooltip"]}


def svg_of(chart: alt.TopLevelMixin) -> str:
    vl_convert = pytest.importorskip("vl_convert", reason="vl-convert is not installed")
    return str(vl_convert.vegalite_to_svg(chart.to_json()))


# --- small inline frames ------------------------------------------------------------------------


@pytest.fixture
def theme_counts() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "thema": ["gezin", "jongerenwerk", "overig"],
            "n": [3, 10, 3],
            "thema_naam": ["Ouders en gezin", "Jongerenwerk", "Overig"],
            "share": [3 / 16, 10 / 16, 3 / 16],
        }
    )


@pytest.fixture
def theme_by_gemeente() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "gemeente_naam": ["Arnhem", "Arnhem", "Breda", "Zaanstad"],
            "thema": ["gezin", "overig", "gezin", "gezin"],
            "n": [1, 11, 4, 8],
            "thema_naam": ["Ouders en gezin", "Overig", "Ouders en gezin", "Ouders en gezin"],
        }
    )


@pytest.fixture
def target_groups() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "doelgroep": [None, "ouders", "kinderen"],
            "n": [4, 2, 7],
            "doelgroep_naam": ["onbekend", "Ouders", "Kinderen (8-11)"],
            "doelgroep_volgorde": [6, 3, 0],
        },
        schema_overrides={"doelgroep": pl.String},
    )


@pytest.fixture
def execution() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "gemeentecode": ["GM0001", "GM0002", "GM0003"],
            "gemeente_naam": ["Aa", "Bb", "Cc"],
            "n": [7, 4, 10],
            "uitgevoerd": [6, 4, 5],
            "rate": [6 / 7, 1.0, 0.5],
            "betrouwbaar": [True, False, True],
        }
    )


@pytest.fixture
def status_mix() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "gemeente_naam": ["Bb", "Aa", "Aa", "Aa", "Aa"],
            "status": ["afgerond", "niet_uitgevoerd", "gepland", "in_uitvoering", "afgerond"],
            "n": [3, 2, 1, 4, 1],
            "status_naam": ["Afgerond", "Niet uitgevoerd", "Gepland", "In uitvoering", "Afgerond"],
            "status_volgorde": [2, 3, 0, 1, 2],
        }
    )


def _coverage(gemeenten: list[str]) -> pl.DataFrame:
    factors = [
        ("buurt_f", "Buurtfactor", "buurt", "genoemd", False, "Buurt", 4, "Genoemd", 3, False),
        ("ind_zwak", "Zwakke factor", "individu", "zwak", True, "Individu", 0, "Zwak", 2, False),
        ("ind_sterk", "Sterke factor", "individu", "sterk", True, "Individu", 0, "Sterk", 1, True),
    ]
    rows = []
    for i, gemeente in enumerate(gemeenten):
        for j, (f, naam, dom, bew, bb, dnaam, dvol, bnaam, bvol, sterk) in enumerate(factors):
            n = (i + j) % 3
            rows.append(
                {
                    "factor": f, "factor_naam": naam, "domein": dom, "bewijs": bew,
                    "beinvloedbaar": bb, "gemeente_naam": gemeente, "n": n, "gedekt": n > 0,
                    "domein_naam": dnaam, "domein_volgorde": dvol, "bewijs_naam": bnaam,
                    "bewijs_volgorde": bvol, "sterk": sterk,
                }
            )  # fmt: skip
    return pl.DataFrame(rows)


@pytest.fixture
def coverage() -> pl.DataFrame:
    return _coverage(["Arnhem", "Breda"])


@pytest.fixture
def comparison() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "groep": ["selectie", "golf", "alle"],
            "groep_naam": ["Selectie", "Golf: Eerste 15 (2022)", "Alle gemeenten"],
            "n": [3, 115, 115],
            "uitgevoerd": [1, 89, 89],
            "rate": [1 / 3, 89 / 115, 89 / 115],
            "betrouwbaar": [False, True, True],
        }
    )


@pytest.fixture
def timeline() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "nr": [1, 2, 3, 4, 5],
            "datum": ["2020-06", "2021", "2022-04-26", "2023-05", "2024-11"],
            "jaar": [2020, 2021, 2022, 2023, 2024],
            "gebeurtenis": ["BOTOC", "Onderzoek", "Start", "Uitbreiding", "Monitor"],
            "aantal_gemeenten": [8, None, 15, 27, None],
            "bron": ["a", "b", "c", "d", "e"],
        },
        schema_overrides={"aantal_gemeenten": pl.Int64},
    )


# --- real data ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset(BUNDLED_DATA_DIR)


@pytest.fixture(scope="module")
def selection(dataset: Dataset) -> Selection:
    return select(dataset, Filters())


def named_frames(
    dataset: Dataset, sel: Selection, filters: Filters, lang: Lang
) -> dict[str, pl.DataFrame]:
    """The frames of the charts with their names in ``lang``, as the pages make them."""
    return {
        "theme_counts": labels.named_theme_counts(metrics.theme_counts(sel), lang, sel.themas),
        "theme_by_gemeente": labels.with_names(
            metrics.theme_by_gemeente(sel), lang, themas=sel.themas
        ),
        "target_groups": labels.with_names(metrics.target_group_counts(sel), lang),
        "execution_thema": labels.named_theme_rates(
            metrics.execution_by_theme(sel), lang, sel.themas
        ),
        "status": labels.with_names(metrics.status_mix(sel), lang),
        "coverage": labels.named_coverage(cov.coverage_matrix(sel), lang, sel.factoren),
        "comparison": labels.with_names(metrics.compare_with_wave(dataset, filters), lang),
        "timeline": labels.in_language(metrics.timeline(dataset), lang, "gebeurtenis"),
    }


def real_charts(dataset: Dataset, selection: Selection, lang: Lang) -> dict[str, alt.TopLevelMixin]:
    frames = named_frames(dataset, selection, Filters(gemeenten=("GM0995",)), lang)
    return {
        "theme_bars": charts.theme_bars(frames["theme_counts"], lang=lang),
        "theme_heatmap": heatmaps.theme_heatmap(frames["theme_by_gemeente"], lang=lang),
        "target_group_bars": charts.target_group_bars(frames["target_groups"], lang=lang),
        "execution_gemeente": charts.execution_rate_bars(
            metrics.execution_by_gemeente(selection), lang=lang, label_field="gemeente_naam"
        ),
        "execution_thema": charts.execution_rate_bars(
            frames["execution_thema"], lang=lang, label_field="thema_naam"
        ),
        "status": charts.status_stacked_bars(frames["status"], lang=lang),
        "coverage": heatmaps.coverage_heatmap(frames["coverage"], lang=lang),
        "comparison": charts.comparison_bars(frames["comparison"], lang=lang),
        "timeline": time_charts.timeline_chart(frames["timeline"], lang=lang),
    }


# --- 1. theme bars ------------------------------------------------------------------------------


def test_theme_bars_spec(theme_counts: pl.DataFrame) -> None:
    spec = charts.theme_bars(theme_counts, lang="nl").to_dict()
    assert marks(spec) == ["bar", "text"]
    bar = layer_with(spec, "bar")
    enc = bar["encoding"]
    assert enc["y"]["field"] == "thema_naam"
    assert enc["y"]["type"] == "nominal"
    assert enc["x"]["field"] == "n"
    assert enc["x"]["type"] == "quantitative"
    assert enc["y"]["sort"] == ["Jongerenwerk", "Ouders en gezin", "Overig"]
    rows = rows_of(spec, bar)
    assert len(rows) == theme_counts.height
    assert {r["kleur"] for r in rows} == {palette.NEUTRAL}
    assert enc["color"]["scale"] is None
    assert tooltip_titles(bar) == {
        "thema_naam": t("column.thema", "nl"),
        "n": t("column.n_interventies", "nl"),
        "aandeel_tekst": t("column.share", "nl"),
    }
    shares = {r["thema_naam"]: r["aandeel_tekst"] for r in rows}
    assert shares["Jongerenwerk"] == "62,5 %"
    assert layer_with(spec, "text")["encoding"]["text"]["field"] == "n"
    assert "title" not in spec


def test_theme_bars_english_share(theme_counts: pl.DataFrame) -> None:
    spec = charts.theme_bars(theme_counts, lang="en").to_dict()
    rows = rows_of(spec, layer_with(spec, "bar"))
    assert {r["aandeel_tekst"] for r in rows} == {"62.5%", "18.8%"}


# --- 2. theme heatmap ---------------------------------------------------------------------------


def test_theme_heatmap_spec(theme_by_gemeente: pl.DataFrame) -> None:
    spec = heatmaps.theme_heatmap(theme_by_gemeente, lang="nl").to_dict()
    assert marks(spec) == ["rect", "text"]
    rect, text = layer_with(spec, "rect"), layer_with(spec, "text")
    assert rect["encoding"]["x"]["field"] == "thema_naam"
    assert rect["encoding"]["y"]["field"] == "gemeente_naam"
    color = rect["encoding"]["color"]
    assert color["field"] == "klasse"
    assert color["scale"]["range"] == list(palette.SEQUENTIAL_HEX)
    labels = palette.class_labels(palette.count_breaks(11, start=1), "nl", share=False)
    assert color["scale"]["domain"] == labels
    assert color["title"] == t("column.n_interventies", "nl")
    assert text["encoding"]["text"]["field"] == "n"
    assert spec["resolve"]["scale"]["color"] == "independent"
    rows = rows_of(spec, rect)
    assert len(rows) == theme_by_gemeente.height
    for row in rows:  # the printed count is readable on its cell
        fill = palette.SEQUENTIAL_HEX[labels.index(row["klasse"])]
        assert palette.contrast_ratio(row["tekstkleur"], fill) >= 4.5
    by_n = {r["n"]: r["klasse"] for r in rows}
    assert by_n[1] == labels[0]
    assert by_n[11] == labels[-1]


# --- 3. target groups ---------------------------------------------------------------------------


def test_target_group_bars_follow_contract_order(target_groups: pl.DataFrame) -> None:
    spec = charts.target_group_bars(target_groups, lang="nl").to_dict()
    bar = layer_with(spec, "bar")
    assert bar["encoding"]["y"]["sort"] == ["Kinderen (8-11)", "Ouders", "onbekend"]
    rows = rows_of(spec, bar)
    assert len(rows) == target_groups.height
    colours = {r["doelgroep_naam"]: r["kleur"] for r in rows}
    assert colours == {
        "Kinderen (8-11)": palette.NEUTRAL,
        "Ouders": palette.NEUTRAL,
        "onbekend": palette.GREY,
    }
    assert bar["encoding"]["y"]["title"] == t("column.target_group", "nl")


# --- 4. execution rate --------------------------------------------------------------------------


def test_execution_rate_bars_spec(execution: pl.DataFrame) -> None:
    spec = charts.execution_rate_bars(execution, lang="nl", label_field="gemeente_naam").to_dict()
    # bars, the words for rows without a rate, the reference rule and its label
    assert marks(spec) == ["bar", "text", "rule", "text"]
    bar = layer_with(spec, "bar")
    x = bar["encoding"]["x"]
    assert x["field"] == "rate"
    assert x["type"] == "quantitative"
    assert x["scale"]["domain"] == [0, 1]
    assert x["axis"]["format"] == "%"
    assert x["title"] == t("column.execution_rate", "nl")
    assert bar["encoding"]["y"]["title"] == t("column.gemeente", "nl")
    assert bar["encoding"]["y"]["sort"] == ["Bb *", "Aa", "Cc"]
    rows = rows_of(spec, bar)
    assert len(rows) == execution.height
    by_name = {r["gemeente_naam"]: r for r in rows}
    assert by_name["Bb"]["kleur"] == palette.GREY
    assert by_name["Bb"]["label"] == "Bb *"
    assert by_name["Bb"]["rate_tekst"] == "100,0 % *"
    assert by_name["Aa"]["kleur"] == by_name["Cc"]["kleur"] == palette.NEUTRAL
    assert by_name["Aa"]["rate_tekst"] == "85,7 %"
    assert "betrouwbaar_tekst" in tooltip_titles(bar)


def test_reference_rule_is_the_practice_scan(execution: pl.DataFrame) -> None:
    for lang in LANGS:
        spec = charts.execution_rate_bars(execution, lang=lang).to_dict()
        rule = layer_with(spec, "rule")
        (row,) = rows_of(spec, rule)
        assert row["referentie"] == pytest.approx(53 / 62) == metrics.REFERENCE_RATE
        assert row["label"].startswith(t("column.reference", lang))
        assert rule["encoding"]["x"]["field"] == "referentie"
        (text,) = [
            layer
            for layer in layers(spec)
            if mark_of(layer) == "text" and layer["encoding"]["text"].get("field") == "label"
        ]
        assert text["encoding"]["x"]["field"] == "referentie"
    assert charts.reference_label("nl") == "Referentie praktijkscan (85,5 %)"
    assert charts.reference_label("en") == "Practice-scan reference (85.5%)"


def test_execution_by_theme_uses_theme_labels(selection: Selection) -> None:
    frame = labels.named_theme_rates(metrics.execution_by_theme(selection), "en", selection.themas)
    spec = charts.execution_rate_bars(frame, lang="en", label_field="thema_naam").to_dict()
    bar = layer_with(spec, "bar")
    assert bar["encoding"]["y"]["title"] == t("column.thema", "en")
    rows = rows_of(spec, bar)
    assert len(rows) == frame.height
    for row in rows:
        unreliable = not row["betrouwbaar"]
        assert (row["kleur"] == palette.GREY) is unreliable
        assert row["label"].endswith(" *") is unreliable


def test_number_locale_follows_language(execution: pl.DataFrame) -> None:
    nl = charts.execution_rate_bars(execution, lang="nl").to_dict()["config"]["locale"]
    en = charts.execution_rate_bars(execution, lang="en").to_dict()["config"]["locale"]
    assert nl["number"]["decimal"] == ","
    assert nl["number"]["thousands"] == "."
    assert nl["number"]["percent"] == " %"
    assert en["number"]["decimal"] == "."
    assert en["number"]["percent"] == "%"


# --- 5. status ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_status_colours_and_legend_order(status_mix: pl.DataFrame, lang: Lang) -> None:
    spec = charts.status_stacked_bars(status_mix, lang=lang).to_dict()
    assert marks(spec) == ["bar", "text"]
    bar = layer_with(spec, "bar")
    color = bar["encoding"]["color"]
    assert color["field"] == "status_naam"
    assert color["scale"]["domain"] == [code_label("status", c, lang) for c in STATUSSEN]
    assert color["scale"]["range"] == [palette.STATUS_COLOURS[c] for c in STATUSSEN]
    assert color["title"] == t("column.status", lang)
    assert bar["encoding"]["order"]["field"] == "status_volgorde"
    assert bar["encoding"]["x"]["stack"] == "zero"
    assert "status_naam" in tooltip_titles(bar)
    assert len(rows_of(spec, bar)) == status_mix.height


def test_status_counts_sit_in_their_segment(status_mix: pl.DataFrame) -> None:
    spec = charts.status_stacked_bars(status_mix, lang="nl").to_dict()
    text = layer_with(spec, "text")
    assert text["encoding"]["x"]["field"] == "midden"
    rows = [r for r in rows_of(spec, text) if r["gemeente_naam"] == "Aa"]
    assert [r["status"] for r in rows] == list(STATUSSEN)
    assert [r["midden"] for r in rows] == [0.5, 3.0, 5.5, 7.0]
    for row in rows:
        fill = palette.STATUS_COLOURS[row["status"]]
        assert palette.contrast_ratio(row["tekstkleur"], fill) >= 4.5


# --- 6. coverage --------------------------------------------------------------------------------


def test_coverage_heatmap_spec(coverage: pl.DataFrame) -> None:
    spec = heatmaps.coverage_heatmap(coverage, lang="nl").to_dict()
    assert marks(spec) == ["rect", "text"]
    rect = layer_with(spec, "rect")
    enc = rect["encoding"]
    assert enc["x"]["field"] == "gemeente_naam"
    assert enc["y"]["field"] == "factor_naam"
    # grouped by domain, then by strength of evidence
    assert enc["y"]["sort"] == ["Sterke factor", "Zwakke factor", "Buurtfactor"]
    color = enc["color"]
    assert color["scale"]["domain"] == [t("word.yes", "nl"), t("word.no", "nl")]
    assert color["scale"]["range"] == [palette.COVERED, palette.NOT_COVERED]
    assert color["title"] == t("column.covered", "nl")
    titles = tooltip_titles(rect)
    assert titles["domein_naam"] == t("column.domain", "nl")
    assert titles["bewijs_naam"] == t("column.evidence", "nl")
    weight = enc["y"]["axis"]["labelFontWeight"]
    assert weight["condition"]["value"] == "bold"
    assert '"Sterke factor"' in weight["condition"]["test"]
    assert "Zwakke factor" not in weight["condition"]["test"]
    rows = rows_of(spec, rect)
    assert len(rows) == coverage.height
    for row in rows:  # not colour alone: every cell has a text mark
        assert row["teken"] == (str(row["n"]) if row["gedekt"] else charts.EMPTY_MARK)
    assert layer_with(spec, "text")["encoding"]["text"]["field"] == "teken"


def test_coverage_heatmap_size_scales() -> None:
    names = [f"Gemeente {i:02d}" for i in range(15)]
    spec = heatmaps.coverage_heatmap(_coverage(names), lang="en").to_dict()
    assert spec["width"]["step"] * len(names) <= heatmaps.COVERAGE_MAX_GRID_WIDTH
    assert spec["height"]["step"] == heatmaps.COVERAGE_ROW_STEP  # height grows with the factors
    small = heatmaps.coverage_heatmap(_coverage(names[:2]), lang="en").to_dict()
    assert small["width"]["step"] == heatmaps.COVERAGE_MAX_COLUMN_STEP


def test_coverage_heatmap_renders_within_900px(dataset: Dataset, selection: Selection) -> None:
    frame = labels.named_coverage(cov.coverage_matrix(selection), "nl", selection.factoren)
    assert frame.get_column("gemeente_naam").n_unique() == 15
    svg = svg_of(heatmaps.coverage_heatmap(frame, lang="nl"))
    match = re.search(r'<svg[^>]*\swidth="([\d.]+)"', svg)
    assert match is not None
    assert float(match.group(1)) <= 900


# --- 7. comparison ------------------------------------------------------------------------------


def test_comparison_bars_keep_metrics_order(comparison: pl.DataFrame) -> None:
    spec = charts.comparison_bars(comparison, lang="nl").to_dict()
    bar = layer_with(spec, "bar")
    assert bar["encoding"]["y"]["sort"] == [
        "Selectie *", "Golf: Eerste 15 (2022)", "Alle gemeenten",
    ]  # fmt: skip
    # the rows name themselves: no axis title to collide with the long wave names
    assert bar["encoding"]["y"]["title"] is None
    assert len(rows_of(spec, bar)) == comparison.height
    (ref,) = rows_of(spec, layer_with(spec, "rule"))
    assert ref["referentie"] == metrics.REFERENCE_RATE


def test_comparison_says_unknown_instead_of_an_empty_bar(comparison: pl.DataFrame) -> None:
    """A 2023 wave without interventions has no rate: the chart says so in words, where an
    empty bar would read as 0 %."""
    frame = comparison.with_columns(
        pl.when(pl.col("groep") == "golf").then(None).otherwise(pl.col(c)).alias(c)
        for c in ("rate",)
    ).with_columns(
        pl.when(pl.col("groep") == "golf").then(0).otherwise(pl.col(c)).alias(c)
        for c in ("n", "uitgevoerd")
    )
    for lang in LANGS:
        spec = charts.comparison_bars(frame, lang=lang).to_dict()
        unknown = next(
            layer
            for layer in layers(spec)
            if mark_of(layer) == "text" and layer["encoding"]["text"].get("value")
        )
        assert unknown["encoding"]["text"]["value"] == t("chart.no_interventions", lang)
        assert {"filter": "datum.rate === null"} in unknown["transform"]
        # unknown is not "unreliable": no * on its label
        labels_ = [r["label"] for r in rows_of(spec, layer_with(spec, "bar"))]
        assert labels_ == ["Selectie *", "Golf: Eerste 15 (2022)", "Alle gemeenten"]
    svg = svg_of(charts.comparison_bars(frame, lang="nl"))
    assert svg.count("geen interventies: onbekend") == 1
    # and none for rows with a rate
    assert "geen interventies" not in svg_of(charts.comparison_bars(comparison, lang="nl"))


# --- 8. timeline --------------------------------------------------------------------------------


def test_timeline_spec(timeline: pl.DataFrame) -> None:
    spec = time_charts.timeline_chart(timeline, lang="nl").to_dict()
    # the step line, the points, their numbers, and the counts where the count changes
    assert marks(spec) == ["line", "point", "text", "text"]
    line, point = layer_with(spec, "line"), layer_with(spec, "point")
    assert point["encoding"]["x"]["field"] == "datum_iso"
    assert point["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["y"]["field"] == "lijn"
    assert {"filter": "datum.lijn != null"} in line["transform"]
    assert line["mark"]["interpolate"] == "step-after"
    rows = rows_of(spec, point)
    assert len(rows) == timeline.height
    assert [r["datum_iso"] for r in rows] == [
        "2020-06-01", "2021-01-01", "2022-04-26", "2023-05-01", "2024-11-01",
    ]  # fmt: skip
    assert [r["niveau"] for r in rows] == [8, 8, 15, 27, 27]
    # the line goes on to the last event (2024-11) at the last known count
    assert [r["lijn"] for r in rows] == [8, 8, 15, 27, 27]
    assert [r["verandering"] for r in rows] == [True, False, True, True, False]
    numbers, counts = [layer for layer in layers(spec) if mark_of(layer) == "text"]
    assert numbers["encoding"]["text"]["field"] == "nr"
    assert counts["encoding"]["text"]["field"] == "niveau_label"
    assert {"filter": "datum.verandering"} in counts["transform"]
    assert [r["niveau_label"] for r in rows if r["verandering"]] == [
        "8 gemeenten", "15 gemeenten", "27 gemeenten",
    ]  # fmt: skip
    titles = tooltip_titles(point)
    assert titles["nr"] == t("column.event_number", "nl")
    assert titles["gebeurtenis"] == t("column.event", "nl")
    assert titles["datum"] == t("column.date", "nl")


def test_timeline_before_the_first_count_has_no_line(timeline: pl.DataFrame) -> None:
    frame = timeline.with_columns(
        pl.when(pl.col("nr") == 1)
        .then(None)
        .otherwise(pl.col("aantal_gemeenten"))
        .alias("aantal_gemeenten")
    )
    rows = rows_of(spec := time_charts.timeline_chart(frame, lang="en").to_dict(), spec)
    assert [r["lijn"] for r in rows] == [None, None, 15, 27, 27]
    assert [r["niveau"] for r in rows] == [0, 0, 15, 27, 27]


def test_timeline_numbers_every_point_in_the_rendered_chart(timeline: pl.DataFrame) -> None:
    svg = svg_of(time_charts.timeline_chart(timeline, lang="en"))
    for nr in range(1, 6):
        assert f">{nr}</text>" in svg
    assert "27 municipalities" in svg


# --- every chart --------------------------------------------------------------------------------


AXIS_KEYS = {
    "theme_bars": ("column.n_interventies", "column.thema"),
    "theme_heatmap": ("column.thema", "column.gemeente"),
    "target_group_bars": ("column.n_interventies", "column.target_group"),
    "execution_gemeente": ("column.execution_rate", "column.gemeente"),
    "execution_thema": ("column.execution_rate", "column.thema"),
    "status": ("column.n_interventies", "column.gemeente"),
    "coverage": ("column.gemeente", "column.factor"),
    "comparison": ("column.execution_rate", None),  # the rows name themselves
    "timeline": ("column.date", "column.n_gemeenten"),
}


def _axis_title(channel: Spec) -> str | None:
    return channel["title"] if "title" in channel else channel["axis"]["title"]


def _axis_titles(spec: Spec) -> tuple[str | None, str | None]:
    first = layers(spec)[0]["encoding"]
    return _axis_title(first["x"]), _axis_title(first["y"])


def test_axis_titles_match_language(dataset: Dataset, selection: Selection) -> None:
    by_lang = {lang: real_charts(dataset, selection, lang) for lang in LANGS}
    for name, (x_key, y_key) in AXIS_KEYS.items():
        nl = _axis_titles(by_lang["nl"][name].to_dict())
        en = _axis_titles(by_lang["en"][name].to_dict())
        assert nl == (t(x_key, "nl"), y_key and t(y_key, "nl")), name
        assert en == (t(x_key, "en"), y_key and t(y_key, "en")), name
        assert nl != en, name


def _titles(value: object) -> list[str]:
    """Every ``title`` in a spec (axes, legends, tooltips), however deep."""
    if isinstance(value, dict):
        own = [value["title"]] if isinstance(value.get("title"), str) else []
        return own + [s for v in value.values() for s in _titles(v)]
    if isinstance(value, list):
        return [s for v in value for s in _titles(v)]
    return []


@pytest.mark.parametrize(("lang", "other"), [("nl", "en"), ("en", "nl")])
def test_titles_are_never_from_the_other_language(
    dataset: Dataset, selection: Selection, lang: Lang, other: Lang
) -> None:
    keys = [
        "column.gemeente", "column.thema", "column.status", "column.target_group",
        "column.n_interventies", "column.carried_out", "column.execution_rate", "column.factor",
        "column.domain", "column.evidence", "column.covered", "column.date",
        "column.event", "column.n_gemeenten", "column.reference", "column.comparison",
        "column.share", "column.strong_addressable", "column.reliable", "column.event_number",
    ]  # fmt: skip
    foreign = {t(k, other) for k in keys} - {t(k, lang) for k in keys}
    own = {t(k, lang) for k in keys}
    for name, chart in real_charts(dataset, selection, lang).items():
        titles = set(_titles(chart.to_dict()))
        assert titles, name
        assert not titles & foreign, name
        assert titles <= own, (name, titles - own)


@pytest.mark.parametrize("lang", LANGS)
def test_real_data_rows_equal_input_rows(
    dataset: Dataset, selection: Selection, lang: Lang
) -> None:
    built = real_charts(dataset, selection, lang)
    expected = {
        "theme_bars": metrics.theme_counts(selection).height,
        "theme_heatmap": metrics.theme_by_gemeente(selection).height,
        "target_group_bars": metrics.target_group_counts(selection).height,
        "execution_gemeente": metrics.execution_by_gemeente(selection).height,
        "execution_thema": metrics.execution_by_theme(selection).height,
        "status": metrics.status_mix(selection).height,
        "coverage": cov.coverage_matrix(selection).height,
        "comparison": 3,
        "timeline": metrics.timeline(dataset).height,
    }
    for name, chart in built.items():
        spec = chart.to_dict()
        first = layers(spec)[0]
        assert len(rows_of(spec, first)) == expected[name], name
        assert "title" not in spec, name


@pytest.mark.parametrize("lang", LANGS)
def test_specs_are_deterministic(dataset: Dataset, selection: Selection, lang: Lang) -> None:
    once = {k: c.to_json() for k, c in real_charts(dataset, selection, lang).items()}
    twice = {k: c.to_json() for k, c in real_charts(dataset, selection, lang).items()}
    assert once == twice
    for text in once.values():
        json.loads(text)


@pytest.mark.parametrize("lang", LANGS)
def test_every_chart_renders_with_vl_convert(
    dataset: Dataset, selection: Selection, lang: Lang
) -> None:
    for name, chart in real_charts(dataset, selection, lang).items():
        svg = svg_of(chart)
        assert svg.lstrip().startswith("<svg"), name


def test_empty_selection_still_builds_valid_charts(dataset: Dataset) -> None:
    filters = Filters(gemeenten=("GM0034",), themas=("overig",))  # Almere has no interventions
    empty = select(dataset, filters)
    assert empty.empty
    frames = named_frames(dataset, empty, filters, "nl")
    built = [
        charts.theme_bars(frames["theme_counts"], lang="nl"),
        heatmaps.theme_heatmap(frames["theme_by_gemeente"], lang="nl"),
        charts.target_group_bars(frames["target_groups"], lang="nl"),
        charts.execution_rate_bars(metrics.execution_by_gemeente(empty), lang="nl"),
        charts.status_stacked_bars(frames["status"], lang="nl"),
        heatmaps.coverage_heatmap(frames["coverage"], lang="nl"),
        charts.comparison_bars(frames["comparison"], lang="nl"),
        time_charts.timeline_chart(frames["timeline"].head(0), lang="nl"),
    ]
    for chart in built:
        assert svg_of(chart).lstrip().startswith("<svg")
    compared = built[6].to_dict()
    rows = rows_of(compared, layer_with(compared, "bar"))
    selection_row = next(r for r in rows if r["groep_naam"] == t("comparison.selection", "nl"))
    assert selection_row["rate_tekst"] == "onbekend"  # no rate, so no asterisk either
    assert selection_row["kleur"] == palette.GREY


def test_rendered_percentages_follow_language(execution: pl.DataFrame) -> None:
    nl = svg_of(charts.execution_rate_bars(execution, lang="nl"))
    en = svg_of(charts.execution_rate_bars(execution, lang="en"))
    assert "20 %" in nl
    assert "Referentie praktijkscan (85,5 %)" in nl
    assert "20%" in en
    assert "Practice-scan reference (85.5%)" in en


BUILDERS: list[Callable[..., alt.TopLevelMixin]] = [
    charts.theme_bars,
    heatmaps.theme_heatmap,
    charts.target_group_bars,
    charts.execution_rate_bars,
    charts.status_stacked_bars,
    heatmaps.coverage_heatmap,
    charts.comparison_bars,
    time_charts.timeline_chart,
]


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda b: b.__name__)
def test_builders_are_named_by_their_mark(builder: Callable[..., alt.TopLevelMixin]) -> None:
    assert builder.__name__.endswith(("_bars", "_heatmap", "_chart"))
