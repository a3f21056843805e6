"""Small hand-made frames for the Kenniskaart rules: a factor universe in three domains, a
themes table and interventions with defaults, turned into a ``Selection``.

    f_ind   risico  individu  sterk    addressable
    f_gez   risico  gezin     sterk    addressable
    f_vri   risico  vrienden  zwak     addressable
    f_geld  =  geldproblemen_jongere   individu  genoemd
    p_buurt beschermend buurt genoemd
"""

from __future__ import annotations

from typing import Any

import polars as pl

from lib.data.catalog import factor_links
from lib.domain.selection import Selection

FACTOREN = pl.DataFrame(
    [
        ("f_ind", "risico", "individu", "sterk", True),
        ("f_gez", "risico", "gezin", "sterk", True),
        ("f_vri", "risico", "vrienden", "zwak", True),
        ("geldproblemen_jongere", "risico", "individu", "genoemd", True),
        ("p_buurt", "beschermend", "buurt", "genoemd", True),
    ],
    schema={
        "factor": pl.String,
        "soort": pl.String,
        "domein": pl.String,
        "bewijs": pl.String,
        "beinvloedbaar": pl.Boolean,
    },
    orient="row",
).with_columns(
    pl.col("factor").alias("naam_nl"),
    pl.col("factor").alias("naam_en"),
    pl.lit("uitleg").alias("uitleg_nl"),
    pl.lit("explanation").alias("uitleg_en"),
    pl.lit("Bron").alias("bronnen"),
)
THEMAS_FRAME = pl.DataFrame(
    {
        "thema": ["gedragsinterventie", "financien", "gezag", "samenwerking"],
        "naam_nl": ["Gedrag", "Geld", "Gezag", "Samen"],
        "naam_en": ["Behaviour", "Money", "Authority", "Together"],
        "pijler": ["perspectief", "perspectief", "grenzen", "verbindend"],
    }
)
INTERVENTION_SCHEMA: dict[str, Any] = {
    "interventie_id": pl.String,
    "gemeentecode": pl.String,
    "naam": pl.String,
    "thema": pl.String,
    "status": pl.String,
    "doelgroep": pl.String,
    "startjaar": pl.Int64,
    "factoren": pl.String,
    "monitoringplan": pl.Boolean,
    "illustratief": pl.Boolean,
}


def interventies(*rows: dict[str, Any]) -> pl.DataFrame:
    defaults: dict[str, Any] = {
        "gemeentecode": "GM0001",
        "naam": "Naam",
        "thema": "gedragsinterventie",
        "status": "in_uitvoering",
        "doelgroep": "jongeren",
        "startjaar": 2024,
        "factoren": None,
        "monitoringplan": True,
        "illustratief": False,
    }
    full = [
        {**defaults, "interventie_id": f"{r.get('gemeentecode', 'GM0001')}-{i:03d}", **r}
        for i, r in enumerate(rows, start=1)
    ]
    return pl.DataFrame(full, schema=INTERVENTION_SCHEMA)


def selection(frame: pl.DataFrame, codes: tuple[str, ...] = ("GM0001",)) -> Selection:
    gemeenten = pl.DataFrame(
        {"gemeentecode": list(codes), "naam": [f"Plaats {c[-1]}" for c in codes]}
    )
    frame = frame.join(
        gemeenten.select("gemeentecode", pl.col("naam").alias("gemeente_naam")), on="gemeentecode"
    )
    links = factor_links(frame).filter(
        pl.col("factor").is_in(FACTOREN.get_column("factor").implode())
    )
    return Selection(gemeenten, frame, FACTOREN, links, THEMAS_FRAME)
