"""Seeded generator of a national-scale dataset for the benchmark.

Writes a complete dataset directory that meets the data contract (every table of
``data/curated`` plus ``voortgang.csv`` and ``datapackage.json``), so the app and the CLI can
read it with ``PMG_DATA_DIR``, and an analyst-style upload file of interventions (``;``,
decimal commas, ``ja``/``nee``, Dutch labels, cp1252).

The municipalities are the real 342 of 1 January 2024 (``bevolking``): the 47 of the bundled
data keep their public facts; the others get their CBS code, name and population, a map point
inside their outline (the shipped CBS/PDOK boundaries) and no province (no source in the
repository gives the province of all 342), and a generated wave, flagged ``illustratief``. The
public context tables (population, registered crime, programme roster, published facts) are
copied as they are. Only the interventions and their progress are generated, every row with
``illustratief = true``: none of it is a figure of the programme.

    python -m benchmarks.generate --out DIR                 # 342 / 50,000 / 800,000 rows
    python -m benchmarks.generate --out DIR --scale small   # a few hundred rows, for tests
    python -m benchmarks.generate --out DIR --scale largest # the same, a ~196 MiB upload
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import polars as pl

from lib.config import SHIPPED_BOUNDARIES
from lib.contract.codes import DOELGROEPEN, GOLVEN
from lib.data.geo import label_points, load_boundaries

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "curated"
SEED = 342
FIRST_YEAR = 2022
UPLOAD_NAME = "upload_interventies.csv"
COPIED = ("themas", "factoren", "factor_themas", "tijdlijn", "kerncijfers", "lessen")
CONTEXT = ("bevolking", "programma", "misdrijfsoorten", "misdrijven", "gemeente_feiten")
"""The public context tables, copied as they are (their rows are real, not generated)."""
PLACE_SOURCE = (
    "CBS/Kadaster, Wijk- en buurtkaart 2024 (code, naam, inwoners); kaartpunt binnen de "
    "gemeentegrens van CBS/PDOK 2023; instroomgolf gegenereerd door benchmarks/generate.py "
    "(seed {seed})"
)
SYNTHETIC_SOURCE = (
    "Synthetische benchmarkdata, gegenereerd door benchmarks/generate.py (seed {seed})"
)

THEMA_WEIGHTS = {
    "gedragsinterventie": 16,
    "jongerenwerk": 14,
    "vroegsignalering": 12,
    "gezin": 8,
    "onderwijs_werk": 9,
    "financien": 7,
    "gezag": 10,
    "samenwerking": 6,
    "overig": 3,
}
STATUS_WEIGHTS = {"gepland": 10, "in_uitvoering": 45, "afgerond": 33, "niet_uitgevoerd": 12}
# Names as analysts type them, with the accents a cp1252 export carries.
NAME_PARTS = (
    "Straatcoaches",
    "Weerbaarheidstraining",
    "Ouderavonden",
    "Schuldhulp voor jongeren",
    "Jeugdboa's",
    "Coöperatie Wijkkracht",
    "Talentprogramma",
    "Buurtcafé-overleg",
    "Mentoraat privé",
    "Sport & Gezag",
    "Vroegsignalering één loket",
    "Stage- en werkplein",
)


@dataclass(frozen=True)
class Scale:
    """How much to generate; ``national`` is the size named in the benchmark."""

    gemeenten: int
    interventies: int
    links: int
    kwartalen: int
    upload: int


SCALES: dict[str, Scale] = {
    "national": Scale(342, 50_000, 200_000, 16, 500_000),
    # the national set with the largest upload the default ceilings accept (about 196 MiB,
    # under PMG_UPLOAD_MAX_MB=200 and PMG_UPLOAD_MAX_ROWS=2,000,000)
    "largest": Scale(342, 50_000, 200_000, 16, 1_750_000),
    "small": Scale(60, 600, 2_400, 4, 2_000),
}


def _weights(table: dict[str, int]) -> tuple[list[str], np.ndarray]:
    keys = list(table)
    values = np.array([table[k] for k in keys], dtype=float)
    return keys, values / values.sum()


def _sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def gemeenten(rng: np.random.Generator, n: int, seed: int) -> pl.DataFrame:
    """The first ``n`` of the real municipalities: the bundled ones with their public facts,
    then the others of ``bevolking`` by code (name and population of the latest 1 January, a
    point inside the outline, no province, a generated wave; flagged ``illustratief``)."""
    real = pl.read_csv(BUNDLED / "gemeenten.csv", infer_schema=False)
    real = real.head(min(n, real.height))
    if "illustratief" not in real.columns:
        real = real.with_columns(pl.lit("false").alias("illustratief"))
    people = pl.read_csv(BUNDLED / "bevolking.csv", infer_schema=False)
    latest = people.get_column("peildatum").max()
    boundaries = load_boundaries(SHIPPED_BOUNDARIES)
    if boundaries is None:
        raise FileNotFoundError(SHIPPED_BOUNDARIES)
    others = (
        people.filter(
            (pl.col("peildatum") == latest)
            & ~pl.col("gemeentecode").is_in(real.get_column("gemeentecode").implode())
        )
        .sort("gemeentecode")
        .join(label_points(boundaries), on="gemeentecode", how="inner")
        .head(max(n - real.height, 0))
    )
    extra = others.height
    golf = rng.choice(len(GOLVEN), size=extra)
    places = pl.DataFrame(
        {
            "gemeentecode": others.get_column("gemeentecode"),
            "gemeente": others.get_column("gemeente"),
            "weergavenaam": [""] * extra,
            "provincie": [""] * extra,
            "lat": [f"{v:.4f}" for v in others.get_column("lat").to_list()],
            "lon": [f"{v:.4f}" for v in others.get_column("lon").to_list()],
            "inwoners": others.get_column("inwoners"),
            "inwoners_peiljaar": [str(latest)[:4]] * extra,
            "focusgebied": [""] * extra,
            "golf": [GOLVEN[i] for i in golf],
            "instroomjaar": [GOLVEN[i][-4:] for i in golf],
            "botoc": ["false"] * extra,
            "bron": [PLACE_SOURCE.format(seed=seed)] * extra,
            "illustratief": ["true"] * extra,
        },
        schema=dict.fromkeys(real.select(pl.exclude("illustratief")).columns, pl.String)
        | {"illustratief": pl.String},
    )
    return pl.concat([real.select(places.columns), places])


def _factor_lists(rng: np.random.Generator, n: int, links: int, factors: list[str]) -> pl.Series:
    """``n`` lists of distinct factor codes joined by ``|``, ``links`` codes in all."""
    if n == 0:
        return pl.Series("factoren", [], pl.String)
    per = 1 + rng.multinomial(max(links - n, 0), np.full(n, 1 / n))
    per = np.minimum(per, len(factors))
    grid = pl.DataFrame(
        {
            "i": np.repeat(np.arange(n), len(factors)),
            "factor": np.tile(np.array(factors), n),
            "key": rng.random(n * len(factors)),
        }
    )
    chosen = (
        grid.with_columns(pl.col("key").rank("ordinal").over("i").alias("rank"))
        .join(pl.DataFrame({"i": np.arange(n), "k": per}), on="i")
        .filter(pl.col("rank") <= pl.col("k"))
        .sort("i", "rank")
        .group_by("i", maintain_order=True)
        .agg(pl.col("factor").str.join("|"))
    )
    return chosen.get_column("factor").alias("factoren")


def interventies(
    rng: np.random.Generator, places: pl.DataFrame, n: int, links: int, seed: int
) -> pl.DataFrame:
    factors = pl.read_csv(BUNDLED / "factoren.csv").get_column("factor").to_list()
    pop = places.get_column("inwoners").cast(pl.Float64, strict=False).fill_null(50_000)
    weight = np.sqrt(pop.to_numpy())
    at = np.sort(rng.choice(places.height, size=n, p=weight / weight.sum()))
    codes = places.get_column("gemeentecode").gather(at)
    names = places.get_column("gemeente").gather(at)
    themas, tp = _weights(THEMA_WEIGHTS)
    statussen, sp = _weights(STATUS_WEIGHTS)
    part = rng.choice(len(NAME_PARTS), size=n)
    status = np.array([statussen[i] for i in rng.choice(len(statussen), size=n, p=sp)])
    # planned work starts soon, so the app's plausibility check has nothing to warn about
    start = np.where(status == "gepland", rng.integers(2025, 2027, n), rng.integers(2020, 2026, n))
    frame = pl.DataFrame(
        {
            "gemeentecode": codes,
            "naam": [f"{NAME_PARTS[p]} {name}" for p, name in zip(part, names, strict=True)],
            "thema": [themas[i] for i in rng.choice(len(themas), size=n, p=tp)],
            "status": status,
            "doelgroep": [DOELGROEPEN[i] for i in rng.choice(len(DOELGROEPEN), size=n)],
            "startjaar": start,
            "bereik": rng.integers(0, 600, n),
            "budget_eur": np.round(rng.uniform(5_000, 250_000, n), 2),
            "factoren": _factor_lists(rng, n, links, factors),
            "monitoringplan": rng.random(n) < 0.4,
        }
    )
    return frame.select(
        pl.format(
            "{}-{}",
            "gemeentecode",
            (pl.int_range(pl.len()).over("gemeentecode") + 1).cast(pl.String).str.zfill(4),
        ).alias("interventie_id"),
        pl.exclude("monitoringplan"),
        "monitoringplan",
        pl.lit(SYNTHETIC_SOURCE.format(seed=seed)).alias("bron"),
        pl.lit(True).alias("illustratief"),
    )


def periods(quarters: int) -> list[str]:
    return [f"{FIRST_YEAR + q // 4}-Q{q % 4 + 1}" for q in range(quarters)]


def voortgang(rng: np.random.Generator, items: pl.DataFrame, quarters: int) -> pl.DataFrame:
    """Status per quarter for every intervention, ending in its current status."""
    n = items.height
    start = rng.integers(0, quarters, n)
    end = start + rng.integers(0, quarters, n)
    plan = pl.DataFrame(
        {
            "interventie_id": items.get_column("interventie_id"),
            "final": items.get_column("status"),
            "start": start,
            "end": np.minimum(end, quarters - 2),
        }
    )
    grid = plan.join(
        pl.DataFrame({"q": np.arange(quarters), "periode": periods(quarters)}), how="cross"
    )
    q, final = pl.col("q"), pl.col("final")
    status = (
        pl.when(q == quarters - 1)
        .then(final)
        .when(q < pl.col("start"))
        .then(pl.lit("gepland"))
        .when(final == "gepland")
        .then(pl.lit("gepland"))
        .when(final == "niet_uitgevoerd")
        .then(pl.lit("niet_uitgevoerd"))
        .when((final == "afgerond") & (q > pl.col("end")))
        .then(pl.lit("afgerond"))
        .otherwise(pl.lit("in_uitvoering"))
    )
    return grid.select(
        "interventie_id",
        "periode",
        status.alias("status"),
        pl.lit(True).alias("illustratief"),
    )


def _decimal_comma(values: np.ndarray) -> list[str]:
    table = str.maketrans({",": ".", ".": ","})
    return [f"{v:,.2f}".translate(table) for v in values]


def upload_frame(
    rng: np.random.Generator, places: pl.DataFrame, items: pl.DataFrame, n: int
) -> pl.DataFrame:
    """An analyst's export: labels and names instead of some codes, Dutch numbers and booleans."""
    themas = pl.read_csv(BUNDLED / "themas.csv")
    label = dict(zip(themas.get_column("thema"), themas.get_column("naam_nl"), strict=True))
    source = items.sample(n, with_replacement=True, seed=int(rng.integers(1 << 31)))
    by_name = rng.random(n) < 0.1
    by_label = rng.random(n) < 0.2
    names = dict(zip(places.get_column("gemeentecode"), places.get_column("gemeente"), strict=True))
    codes = source.get_column("gemeentecode").to_list()
    thema = source.get_column("thema").to_list()
    keep = pl.Series("keep", rng.integers(0, 3, n))
    factoren = (
        pl.DataFrame([source.get_column("factoren"), keep])
        .select(pl.col("factoren").str.split("|").list.head(pl.col("keep")).list.join("|"))
        .select(pl.when(pl.col("factoren") != "").then(pl.col("factoren")))
        .to_series()
    )
    return pl.DataFrame(
        {
            "interventie_id": [f"U{i:06d}" for i in range(n)],
            "gemeentecode": [names[c] if b else c for c, b in zip(codes, by_name, strict=True)],
            "naam": [NAME_PARTS[i] for i in rng.choice(len(NAME_PARTS), size=n)],
            "thema": [label[t] if b else t for t, b in zip(thema, by_label, strict=True)],
            "status": source.get_column("status"),
            "doelgroep": source.get_column("doelgroep"),
            "startjaar": source.get_column("startjaar").cast(pl.String),
            "bereik": source.get_column("bereik").cast(pl.String),
            "budget_eur": _decimal_comma(source.get_column("budget_eur").to_numpy()),
            "factoren": factoren,
            "monitoringplan": source.get_column("monitoringplan").replace_strict(
                {True: "ja", False: "nee"}, return_dtype=pl.String
            ),
            "illustratief": ["ja"] * n,
        }
    )


def _resource(meta: dict[str, object], name: str, folder: Path, **changes: object) -> None:
    resources = meta["resources"]
    assert isinstance(resources, list)
    found = [r for r in resources if r["name"] == name]
    entry: dict[str, object] = found[0] if found else {}
    if not found:
        template = next(r for r in resources if r["name"] == "interventies")
        entry = {**template, "name": name, "path": f"{name}.csv"}
        resources.append(entry)
    path = folder / f"{name}.csv"
    entry.update(changes)
    entry["rows"] = pl.scan_csv(path, infer_schema=False).select(pl.len()).collect().item()
    entry["hash"] = _sha256(path)


def _datapackage(folder: Path, scale_name: str, seed: int) -> None:
    meta = json.loads((BUNDLED / "datapackage.json").read_text(encoding="utf-8"))
    synthetic = [{"title": SYNTHETIC_SOURCE.format(seed=seed)}]
    meta["version"] = f"benchmark-{scale_name}-{seed}"
    meta["title"] = "Preventie met gezag: synthetische benchmarkdata (geen echte cijfers)"
    for name in (*COPIED, *CONTEXT):
        _resource(meta, name, folder)
    _resource(
        meta,
        "gemeenten",
        folder,
        status="illustratief",
        notes="De echte gemeenten van 1 januari 2024: de 47 van de meegeleverde data met hun "
        "publieke gegevens, de andere met code, naam en inwoners van CBS, een kaartpunt binnen "
        "hun gemeentegrens en zonder provincie (geen bron geeft die voor alle 342); hun "
        "instroomgolf is gegenereerd en rij voor rij gemarkeerd (illustratief).",
    )
    _resource(
        meta,
        "interventies",
        folder,
        title="Interventies (synthetische benchmarkdata)",
        status="illustratief",
        sources=synthetic,
        notes="Gegenereerd voor de benchmark; geen echte interventies.",
    )
    _resource(
        meta,
        "voortgang",
        folder,
        title="Voortgang per kwartaal (synthetische benchmarkdata)",
        status="illustratief",
        sources=synthetic,
        notes="Stand van elke interventie per kwartaal; gegenereerd voor de benchmark.",
    )
    (folder / "datapackage.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def _bool_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(c).replace_strict({True: "true", False: "false"}, return_dtype=pl.String)
        for c, dtype in frame.schema.items()
        if dtype == pl.Boolean
    )


def generate(out: Path, scale: Scale, *, scale_name: str = "custom", seed: int = SEED) -> Path:
    """Write the dataset to ``out`` and the upload file beside it; return the upload path."""
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in (*COPIED, *CONTEXT):
        shutil.copyfile(BUNDLED / f"{name}.csv", out / f"{name}.csv")
    places = gemeenten(rng, scale.gemeenten, seed)
    places.write_csv(out / "gemeenten.csv")
    items = interventies(rng, places, scale.interventies, scale.links, seed)
    _bool_text(items).write_csv(out / "interventies.csv", float_precision=2)
    _bool_text(voortgang(rng, items, scale.kwartalen)).write_csv(out / "voortgang.csv")
    _datapackage(out, scale_name, seed)
    upload = out.parent / f"{out.name}_{UPLOAD_NAME}"
    text = upload_frame(rng, places, items, scale.upload).write_csv(separator=";")
    upload.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    return upload


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="dataset directory to write")
    parser.add_argument("--scale", choices=sorted(SCALES), default="national")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    scale = SCALES[args.scale]
    upload = generate(args.out, scale, scale_name=args.scale, seed=args.seed)
    summary = {
        "dataset": str(args.out),
        "upload_file": str(upload),
        "upload_bytes": upload.stat().st_size,
        **asdict(scale),
    }
    sys.stdout.write(json.dumps(summary) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
