"""Chart specs: deferred, digest-keyed builds, the Vega-Lite dict, and the slide variant.

- ``frame_digest``: a digest of a frame's schema and rows, for caches keyed by what a figure is
  made of.
- ``Deferred``/``deferred``: a chart not built yet (builder, frame, arguments) with a digest key,
  so the app builds a spec only when none is cached for the same inputs.
- ``vega_spec``: the Vega-Lite dict of a built chart without Altair's schema check.
- ``spec_of``/``slide_spec``: the spec with the dashboard theme, and readable on a projector.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Final, cast

import altair as alt
import polars as pl

from lib.viz import palette


def frame_digest(frame: pl.DataFrame, *extra: object) -> str:
    """A digest of the frame's schema and rows, and of ``extra`` (by ``repr``).

    Equal frames give equal digests within a process (Polars' row hash with a fixed seed).
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((frame.schema, frame.height, extra)).encode())
    if frame.height:
        digest.update(frame.hash_rows(seed=0).to_numpy().tobytes())
    return digest.hexdigest()


SLIDE_FONT_SCALE: Final = 1.4


FONT_KEYS: Final = ("fontSize", "labelFontSize", "titleFontSize", "subtitleFontSize")


LIMIT_KEYS: Final = ("labelLimit", "titleLimit")


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``, recursively for nested dicts (neither is changed)."""
    out = copy.deepcopy(dict(base))
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def spec_of(chart: alt.TopLevelMixin | Mapping[str, Any]) -> dict[str, Any]:
    """The Vega-Lite spec of ``chart`` with the dashboard theme, whatever theme is enabled."""
    spec = dict(chart) if isinstance(chart, Mapping) else chart.to_dict()
    return _merge(palette.theme(), spec)


def _scaled_config(config: Mapping[str, Any], factor: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in config.items():
        if isinstance(value, Mapping):
            # a slide is wide: limits that depend on the screen take their wide value
            wide = {k: palette.wide_value(v) if k in LIMIT_KEYS else v for k, v in value.items()}
            out[key] = {
                k: (
                    round(v * factor)
                    if k in (*FONT_KEYS, *LIMIT_KEYS) and isinstance(v, int | float)
                    else v
                )
                for k, v in wide.items()
            }
        else:
            out[key] = value
    return out


def slide_spec(
    chart: alt.TopLevelMixin,
    *,
    description: str = "",
    max_height: int | None = None,
    font_scale: float = SLIDE_FONT_SCALE,
) -> dict[str, Any]:
    """The spec of ``chart`` for a slide: type ``font_scale`` times larger, no title on a
    category axis and, when its height grows with the rows (a step), at most ``max_height``
    pixels high."""
    spec = spec_of(chart)
    config = spec.get("config", {})
    spec["config"] = _scaled_config(config, font_scale)
    spec["config"].setdefault("text", {})["fontSize"] = round(palette.LABEL_SIZE * font_scale)
    height = spec.get("height")
    if max_height is not None and isinstance(height, Mapping) and "step" in height:
        rows = _row_count(spec)
        spec["height"] = min(max_height, max(rows, 1) * int(height["step"] * font_scale))
    for layer in spec.get("layer", [spec]):
        y = layer.get("encoding", {}).get("y")
        if isinstance(y, dict) and y.get("type") in ("nominal", "ordinal"):
            y["title"] = None  # the slide title names the rows; saves room for the labels
    if description:
        spec["description"] = description
    return spec


def _row_count(spec: Mapping[str, Any]) -> int:
    """Distinct values on the y axis of a (layered) chart: how many rows it draws."""
    datasets = spec.get("datasets", {})
    for layer in spec.get("layer", [spec]):
        y = layer.get("encoding", {}).get("y", {})
        field = y.get("field")
        data = layer.get("data") or spec.get("data") or {}
        values = data.get("values", datasets.get(data.get("name")))
        if field and isinstance(values, list) and y.get("type") in ("nominal", "ordinal"):
            return len({row.get(field) for row in values if isinstance(row, Mapping)})
    return 1


@dataclass(frozen=True, eq=False)
class Deferred:
    """A chart not built yet: a builder with its frame and arguments.

    Building an Altair chart costs milliseconds per layer (Altair copies and checks its schema
    objects), so the app asks for ``key`` first and builds only when no Vega-Lite spec for the
    same builder, arguments and data is cached (see ``lib.web.cache.chart_spec``).
    """

    builder: Callable[..., Any]
    frame: pl.DataFrame
    args: tuple[object, ...] = ()
    options: tuple[tuple[str, object], ...] = ()

    def build(self) -> Any:
        return self.builder(self.frame, *self.args, **dict(self.options))

    @cached_property
    def key(self) -> str:
        """Digest of the builder, its arguments and the frame's schema and rows."""
        name = f"{self.builder.__module__}.{self.builder.__qualname__}"
        return frame_digest(self.frame, name, self.args, self.options)


def deferred(
    builder: Callable[..., Any], frame: pl.DataFrame, *args: object, **options: object
) -> Deferred:
    """``builder(frame, *args, **options)``, built only when its spec is not cached.

    ``builder`` must be a module-level function: its module and name are part of the key.
    """
    if "<" in getattr(builder, "__qualname__", "<"):
        raise ValueError("a chart builder must be a module-level function")
    return Deferred(builder, frame, args, tuple(sorted(options.items())))


def vega_spec(chart: Any) -> dict[str, Any]:
    """The Vega-Lite dict of a built chart, without Altair's schema check.

    The check is for authors, not for each page view: the chart tests call ``to_dict()``,
    which validates every builder's output against the Vega-Lite schema. The top-level rows
    are the dataset ``ROWS_DATASET`` instead of one named after their hash; the chart is the
    same.
    """
    data = getattr(chart, "data", alt.Undefined)
    if not isinstance(data, alt.InlineData):
        return cast(dict[str, Any], chart.to_dict(validate=False))
    # ``to_dict`` deep-copies the chart, and with it every data row, then hashes the rows to
    # name a dataset: leave the rows out (a named stand-in) and put them back as they are.
    bare = chart.copy(deep=False)
    bare.data = alt.NamedData(name=ROWS_DATASET)
    spec = cast(dict[str, Any], bare.to_dict(validate=False))
    spec["datasets"] = {**spec.get("datasets", {}), ROWS_DATASET: data.values}
    return spec


ROWS_DATASET: Final = "pmg-rows"
