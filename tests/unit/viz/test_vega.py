"""Deferred chart specs, the Vega-Lite dict and frame digests."""

from __future__ import annotations

import re

import polars as pl
import pytest

from lib.viz import charts, heatmaps, time_charts, vega
from lib.viz.vega import frame_digest

# --- 3. charts: Deferred, deferred, vega_spec --------------------------------------------------


@pytest.fixture
def counts() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "thema": ["gezin", "jongerenwerk"],
            "n": [3, 10],
            "thema_naam": ["Ouders en gezin", "Jongerenwerk"],
            "share": [3 / 13, 10 / 13],
        }
    )


def echo(frame: pl.DataFrame, first: object, second: object = None, *, name: str = "") -> tuple:
    return (frame.height, first, second, name)


def other_echo(
    frame: pl.DataFrame, first: object, second: object = None, *, name: str = ""
) -> tuple:
    return (frame.height, first, second, name)


def test_deferred_build_equals_calling_the_builder(counts: pl.DataFrame) -> None:
    later = vega.deferred(charts.theme_bars, counts, lang="en")
    assert isinstance(later, vega.Deferred)
    assert later.build().to_dict() == charts.theme_bars(counts, lang="en").to_dict()
    positional = vega.deferred(echo, counts, "a", 2, name="x")
    assert positional.args == ("a", 2)
    assert positional.build() == echo(counts, "a", 2, name="x") == (2, "a", 2, "x")


def test_deferred_key(counts: pl.DataFrame) -> None:
    key = vega.deferred(charts.theme_bars, counts, lang="nl").key
    same = vega.deferred(charts.theme_bars, counts.clone(), lang="nl")
    assert same.key == key
    assert same.key is same.key  # computed once
    changed = counts.with_columns(pl.Series("n", [3, 11]))
    others = [
        vega.deferred(charts.theme_bars, changed, lang="nl"),
        vega.deferred(charts.theme_bars, counts, lang="en"),
        vega.deferred(heatmaps.theme_heatmap, counts, lang="nl"),
        vega.deferred(charts.theme_bars, counts.rename({"share": "aandeel"}), lang="nl"),
    ]
    keys = {key, *(d.key for d in others)}
    assert len(keys) == len(others) + 1

    base = vega.deferred(echo, counts, 1, 2, name="x")
    assert vega.deferred(echo, counts, 1, 2, name="x").key == base.key
    assert vega.deferred(echo, counts, 1, 3, name="x").key != base.key
    assert vega.deferred(echo, counts, 2, 1, name="x").key != base.key
    assert vega.deferred(echo, counts, 1, 2, name="y").key != base.key
    assert vega.deferred(echo, counts, 1, 2).key != base.key
    assert vega.deferred(other_echo, counts, 1, 2, name="x").key != base.key
    # keyword order does not matter
    assert (
        vega.deferred(heatmaps.theme_heatmap, counts, lang="nl", place="provincie").key
        == vega.deferred(heatmaps.theme_heatmap, counts, place="provincie", lang="nl").key
    )


def test_vega_spec_names_the_rows_instead_of_hashing_them(
    trend_frame: pl.DataFrame, counts: pl.DataFrame
) -> None:
    for chart in (
        time_charts.trend_chart(trend_frame, lang="nl"),
        charts.theme_bars(counts, lang="en"),
    ):
        spec = vega.vega_spec(chart)
        full = chart.to_dict()  # validated against the Vega-Lite schema
        name = full["data"]["name"]
        # the same rows under a fixed name instead of their hash; everything else is equal
        assert spec["data"] == {"name": vega.ROWS_DATASET}
        assert spec["datasets"] == {
            **{k: v for k, v in full["datasets"].items() if k != name},
            vega.ROWS_DATASET: full["datasets"][name],
        }
        assert _without_data(spec) == _without_data(full)


def _without_data(spec: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in spec.items() if k not in ("data", "datasets")}


# --- 5. digest.frame_digest --------------------------------------------------------------------


@pytest.fixture
def frame() -> pl.DataFrame:
    return pl.DataFrame(
        {"a": [1, 2, 3], "b": ["x", "y", None], "c": [0.5, 1.5, 2.5]},
        schema_overrides={"b": pl.String},
    )


def test_frame_digest_equal_for_equal_frames(frame: pl.DataFrame) -> None:
    copy = pl.DataFrame(frame.to_dict(as_series=False), schema=frame.schema)
    assert copy is not frame
    assert frame_digest(copy) == frame_digest(frame)
    assert frame_digest(copy, "x", 1) == frame_digest(frame, "x", 1)
    assert re.fullmatch(r"[0-9a-f]{40}", frame_digest(frame))


def test_frame_digest_changes_with_any_change(frame: pl.DataFrame) -> None:
    variants = [
        frame.with_columns(pl.Series("a", [1, 2, 4])),
        frame.with_columns(pl.Series("b", ["x", "y", "z"])),
        frame.with_columns(pl.Series("b", ["x", None, None], dtype=pl.String)),
        frame.with_columns(pl.Series("c", [0.5, 1.5, 2.25])),
        frame.reverse(),
        frame.head(2),
        frame.rename({"c": "d"}),
        frame.select("b", "a", "c"),
        frame.with_columns(pl.col("a").cast(pl.Int32)),
        frame.with_columns(pl.col("a").cast(pl.Float64)),
        frame.with_columns(pl.lit(True).alias("e")),
    ]
    digests = {frame_digest(frame), *(frame_digest(v) for v in variants)}
    assert len(digests) == len(variants) + 1
    extras = {frame_digest(frame, *e) for e in [(), ("x",), ("y",), ("x", 1), (1, "x"), (None,)]}
    assert len(extras) == 6


def test_frame_digest_of_empty_frames(frame: pl.DataFrame) -> None:
    empty = frame.clear()
    assert empty.height == 0
    assert frame_digest(empty) == frame_digest(frame.head(0))
    assert frame_digest(empty) != frame_digest(frame)
    assert frame_digest(empty) != frame_digest(empty.rename({"a": "z"}))
    assert frame_digest(pl.DataFrame()) == frame_digest(pl.DataFrame())
    assert frame_digest(pl.DataFrame()) != frame_digest(empty)
    assert frame_digest(empty, "x") != frame_digest(empty)
