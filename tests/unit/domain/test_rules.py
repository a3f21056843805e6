"""The rule per measure: a filter a measure ignores leaves its figure unchanged, and every
other filter can change it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lib.data.catalog import Dataset
from lib.domain import metrics as m
from lib.domain import rules
from lib.domain import selection as s
from lib.domain.filters import Filters

# one active value per filter field that changes something in the tiny dataset
ACTIVE: dict[str, Filters] = {
    "gemeenten": Filters(gemeenten=("GM0002",)),
    "golven": Filters(golven=("nplv_2023",)),
    "botoc": Filters(botoc="nee"),
    "themas": Filters(themas=("jongerenwerk",)),
    "statussen": Filters(statussen=("in_uitvoering",)),
    "doelgroepen": Filters(doelgroepen=("ouders",)),
    "domeinen": Filters(domeinen=("gezin",)),
}


def measure(data: Dataset, filters: Filters, name: rules.Measure) -> object:
    head = m.headline(s.select(data, filters))
    return {
        "gemeenten": head.n_gemeenten,
        "interventies": head.n_interventies,
        "uitvoeringsgraad": (head.rate_n, head.n_uitgevoerd),
        "dekking": (head.gedekt, head.totaal_sterk),
    }[name]


@pytest.mark.parametrize("name", list(rules.IGNORED))
@pytest.mark.parametrize("field", list(ACTIVE))
def test_a_measure_follows_exactly_the_filters_its_rule_names(
    tiny: Dataset, name: rules.Measure, field: str
) -> None:
    before = measure(tiny, Filters(), name)
    after = measure(tiny, ACTIVE[field], name)
    if field in rules.IGNORED[name]:
        assert after == before
    else:
        # in the tiny data each of these filter values changes every figure that follows it
        assert after != before, (name, field)


def test_ignored_names_only_the_active_filters() -> None:
    filters = Filters(statussen=("afgerond",), themas=("gezin",))
    assert rules.ignored("uitvoeringsgraad", filters) == ("statussen",)
    assert rules.ignored("gemeenten", filters) == ("themas", "statussen")
    assert rules.ignored("dekking", filters) == ()
    assert rules.ignored("uitvoeringsgraad", Filters()) == ()


def test_the_rate_under_a_status_filter_is_the_rate_of_every_status(tiny: Dataset) -> None:
    everything = m.headline(s.select(tiny, Filters(themas=("jongerenwerk",))))
    finished = m.headline(
        s.select(tiny, replace(Filters(themas=("jongerenwerk",)), statussen=("afgerond",)))
    )
    # jongerenwerk: gepland, in_uitvoering (GM0001) and afgerond (GM0002): 2 of 3 carried out
    assert (everything.rate_n, everything.n_uitgevoerd) == (3, 2)
    assert (finished.rate_n, finished.n_uitgevoerd, finished.rate) == (3, 2, 2 / 3)
    assert finished.n_interventies == 1
    assert finished.status_ignored
    assert not everything.status_ignored
