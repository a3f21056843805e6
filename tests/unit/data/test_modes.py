"""Publish modes (``lib.data.modes``): the table after publishing, the counts per municipality,
the refusals and the content checksum, on hand-made frames and on the bundled interventions."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lib.data import modes
from lib.data.catalog import Dataset
from lib.data.modes import (
    DuplicateKeys,
    ExistingRows,
    NothingChanged,
    RemovalsNotConfirmed,
    content_checksum,
)
from lib.data.store_errors import ScopeError, UnsupportedFrame
from lib.text.i18n import t

CURRENT = pl.DataFrame(
    {
        "interventie_id": ["A-1", "A-2", "B-1", "B-2"],
        "gemeentecode": ["GA", "GA", "GB", "GB"],
        "naam": ["een", "twee", "drie", "vier"],
        "bereik": [10, None, 30, 40],
    }
)
UPLOAD = pl.DataFrame(
    {
        "interventie_id": ["B-1", "C-1"],
        "gemeentecode": ["GB", "GC"],
        "naam": ["drie, bijgewerkt", "vijf"],
        "bereik": [31, 50],
    }
)


def counts(plan: modes.Plan) -> dict[str | None, tuple[int, int, int]]:
    return {row[0]: tuple(row[1:]) for row in plan.changes.rows()}  # type: ignore[misc]


def test_the_default_is_add_and_update() -> None:
    assert modes.DEFAULT_MODE == "bijwerken"
    assert modes.modes_for("interventies")[0] == "bijwerken"
    assert modes.modes_for("voortgang") == modes.MODES
    assert modes.modes_for("misdrijven") == ("alles",)


def test_add_and_update_changes_rows_in_place_and_adds_new_ones_at_the_end() -> None:
    plan = modes.plan("interventies", CURRENT, UPLOAD, "bijwerken")
    assert plan.frame.get_column("interventie_id").to_list() == ["A-1", "A-2", "B-1", "B-2", "C-1"]
    assert plan.frame.row(2) == ("B-1", "GB", "drie, bijgewerkt", 31)
    assert plan.frame.row(1) == ("A-2", "GA", "twee", None)  # untouched rows stay as they are
    assert counts(plan) == {"GB": (0, 1, 0), "GC": (1, 0, 0)}
    assert (plan.added, plan.changed, plan.removed) == (1, 1, 0)
    assert not plan.identical
    assert not plan.needs_typed_number
    # the same file again changes nothing
    again = modes.plan("interventies", plan.frame, UPLOAD, "bijwerken")
    assert again.identical
    assert again.changes.is_empty()


def test_add_refuses_rows_that_exist_and_names_them() -> None:
    with pytest.raises(ExistingRows) as refused:
        modes.plan("interventies", CURRENT, UPLOAD, "toevoegen")
    assert refused.value.params == {"n": 1, "ids": "B-1"}
    text = t(refused.value.key, "nl", **refused.value.params)
    assert "B-1" in text
    assert "1 rij" in text
    new_only = UPLOAD.filter(pl.col("interventie_id") == "C-1")
    plan = modes.plan("interventies", CURRENT, new_only, "toevoegen")
    assert plan.frame.height == CURRENT.height + 1
    assert_frame_equal(plan.frame.head(CURRENT.height), CURRENT)
    assert counts(plan) == {"GC": (1, 0, 0)}


def test_adding_rows_that_are_there_unchanged_changes_nothing() -> None:
    plan = modes.plan("interventies", CURRENT, CURRENT.tail(2), "toevoegen")
    assert plan.identical
    assert_frame_equal(plan.frame, CURRENT)


def test_replacing_the_municipalities_in_the_file_removes_their_other_rows() -> None:
    plan = modes.plan("interventies", CURRENT, UPLOAD, "gemeenten")
    assert sorted(plan.frame.get_column("interventie_id").to_list()) == ["A-1", "A-2", "B-1", "C-1"]
    assert counts(plan) == {"GB": (0, 1, 1), "GC": (1, 0, 0)}
    assert plan.removed == 1
    assert not plan.needs_typed_number


def test_replacing_the_whole_table_counts_every_removal_and_more_than_half_needs_typing() -> None:
    plan = modes.plan("interventies", CURRENT, UPLOAD, "alles")
    assert_frame_equal(plan.frame, UPLOAD)
    assert counts(plan) == {"GA": (0, 0, 2), "GB": (0, 1, 1), "GC": (1, 0, 0)}
    assert plan.removed == 3
    assert plan.before_rows == 4
    assert plan.needs_typed_number
    half = modes.plan("interventies", CURRENT, CURRENT.head(2), "alles")
    assert half.removed == 2
    assert not half.needs_typed_number


def test_the_four_row_file_in_the_default_mode_adds_four_and_removes_none(
    dataset: Dataset,
) -> None:
    current = dataset.interventies
    four = pl.concat(
        current.filter(pl.col("gemeentecode") == code).head(2) for code in ("GM0518", "GM0599")
    )
    four = four.with_columns(pl.Series("interventie_id", ["GM0518-101", "GM0518-102",
                                                          "GM0599-101", "GM0599-102"]))  # fmt: skip
    plan = modes.plan("interventies", current, four, modes.DEFAULT_MODE)
    assert (plan.added, plan.changed, plan.removed) == (4, 0, 0)
    assert plan.frame.height == current.height + 4
    assert counts(plan) == {"GM0518": (2, 0, 0), "GM0599": (2, 0, 0)}
    # the same file replacing its municipalities, or the whole table: the removals are counted
    rotterdam = current.filter(pl.col("gemeentecode") == "GM0599").height
    den_haag = current.filter(pl.col("gemeentecode") == "GM0518").height
    assert modes.plan("interventies", current, four, "gemeenten").removed == rotterdam + den_haag
    whole = modes.plan("interventies", current, four, "alles")
    assert whole.removed == current.height
    assert whole.needs_typed_number


PROGRESS = pl.DataFrame(
    {
        "interventie_id": ["A-1", "A-1", "B-1"],
        "periode": ["2024-Q1", "2024-Q2", "2024-Q2"],
        "status": ["gepland", "in_uitvoering", "afgerond"],
    }
)


def test_progress_rows_are_keyed_by_intervention_and_period_and_belong_to_its_municipality() -> (
    None
):
    upload = pl.DataFrame(
        {
            "interventie_id": ["A-1", "A-2", "X-9"],
            "periode": ["2024-Q2", "2024-Q2", "2024-Q2"],
            "status": ["afgerond", "gepland", "gepland"],
        }
    )
    plan = modes.plan("voortgang", PROGRESS, upload, "bijwerken", owners=CURRENT)
    assert plan.frame.rows() == [
        ("A-1", "2024-Q1", "gepland"),
        ("A-1", "2024-Q2", "afgerond"),
        ("B-1", "2024-Q2", "afgerond"),
        ("A-2", "2024-Q2", "gepland"),
        ("X-9", "2024-Q2", "gepland"),
    ]
    # an intervention that is not in the current interventions: municipality unknown (null)
    assert counts(plan) == {"GA": (1, 1, 0), None: (1, 0, 0)}
    with pytest.raises(ExistingRows) as refused:
        modes.plan("voortgang", PROGRESS, upload, "toevoegen", owners=CURRENT)
    assert refused.value.params["ids"] == "A-1 2024-Q2"
    a_only = upload.head(2)
    replaced = modes.plan("voortgang", PROGRESS, a_only, "gemeenten", owners=CURRENT)
    assert counts(replaced) == {"GA": (1, 1, 1)}  # A-1 2024-Q1 goes: its municipality is in


def test_a_context_table_is_published_whole_and_compared_by_rows() -> None:
    current = pl.DataFrame({"gemeentecode": ["GA", "GB", "GB"], "jaar": [2024, 2024, 2025],
                            "geregistreerd": [5, 6, 7]})  # fmt: skip
    upload = pl.DataFrame({"gemeentecode": ["GA", "GB"], "jaar": [2024, 2024],
                           "geregistreerd": [5, 8]})  # fmt: skip
    for mode in ("bijwerken", "toevoegen", "gemeenten"):
        with pytest.raises(ScopeError) as refused:
            modes.plan("misdrijven", current, upload, mode)
        assert refused.value.key == "store.mode.whole"
    plan = modes.plan("misdrijven", current, upload, "alles")
    assert counts(plan) == {"GB": (1, 0, 2)}


def test_unknown_modes_duplicates_and_type_clashes_are_refused() -> None:
    with pytest.raises(ScopeError) as unknown:
        modes.plan("interventies", CURRENT, UPLOAD, "provincie")
    assert unknown.value.key == "store.unknown_scope"
    twice = pl.concat([UPLOAD, UPLOAD.head(1)])
    with pytest.raises(DuplicateKeys) as duplicate:
        modes.plan("interventies", CURRENT, twice, "bijwerken")
    assert duplicate.value.params == {"n": 1, "ids": "B-1"}
    with pytest.raises(UnsupportedFrame):
        modes.plan("interventies", CURRENT, UPLOAD.with_columns(pl.col("bereik").cast(pl.Float64)),
                   "bijwerken")  # fmt: skip


def test_a_refusal_names_at_most_ten_keys() -> None:
    keys = pl.DataFrame({"interventie_id": [f"A-{i}" for i in range(12)]})
    assert modes.describe_keys(keys) == ", ".join(f"A-{i}" for i in range(10)) + " …"


def test_the_content_checksum_follows_the_content_only() -> None:
    same = pl.concat([CURRENT.head(1), CURRENT.tail(3)], rechunk=False)
    assert same.n_chunks() > 1
    assert content_checksum(same) == content_checksum(CURRENT)
    assert content_checksum(CURRENT).startswith("sha256:")
    variants = [
        CURRENT.reverse(),  # row order
        CURRENT.select(reversed(CURRENT.columns)),  # column order
        CURRENT.with_columns(pl.col("bereik").cast(pl.Float64)),  # type
        CURRENT.with_columns(pl.col("naam").replace("een", "")),  # text
        CURRENT.rename({"naam": "titel"}),  # column name
        CURRENT.head(3),
    ]
    sums = {content_checksum(v) for v in variants}
    assert len(sums) == len(variants)
    assert content_checksum(CURRENT) not in sums
    empty_text = pl.DataFrame({"a": [""]})
    null_text = pl.DataFrame({"a": [None]}, schema={"a": pl.String})
    assert content_checksum(empty_text) != content_checksum(null_text)


def test_check_refuses_no_change_and_removals_that_were_not_confirmed() -> None:
    whole = modes.plan("interventies", CURRENT, UPLOAD, "alles")
    with pytest.raises(RemovalsNotConfirmed) as refused:
        modes.check(whole, confirmed=0, version=4)
    assert refused.value.params == {"n": 3}
    assert "3 rijen" in t(refused.value.key, "nl", **refused.value.params)
    with pytest.raises(RemovalsNotConfirmed) as wrong:
        modes.check(whole, confirmed=2, version=4)
    assert wrong.value.key == "store.removals.mismatch"
    modes.check(whole, confirmed=3, version=4)
    modes.check(whole, confirmed=None, version=4)
    same = modes.plan("interventies", CURRENT, CURRENT, "alles")
    with pytest.raises(NothingChanged) as unchanged:
        modes.check(same, confirmed=0, version=4)
    assert unchanged.value.params == {"versie": 4}


@pytest.mark.parametrize("mode", ["bijwerken", "gemeenten", "alles"])
def test_without_the_detail_the_removals_are_counted_the_same(mode: str) -> None:
    doubled = pl.concat([CURRENT, CURRENT.tail(1)])  # a key twice counts twice
    for current in (CURRENT, doubled):
        full = modes.plan("interventies", current, UPLOAD, mode)
        quick = modes.plan("interventies", current, UPLOAD, mode, detail=False)
        assert quick.removed == full.removed
        assert_frame_equal(quick.frame, full.frame)
        assert quick.changes.is_empty()
    more_after = pl.concat([UPLOAD, UPLOAD])  # a key more often after than before removes none
    assert modes.removed_rows("interventies", CURRENT, more_after) == 3
    context = pl.DataFrame({"gemeentecode": ["GA", "GB"], "jaar": [2024, 2025]})
    quick = modes.plan("misdrijven", context, context.head(1), "alles", detail=False)
    assert quick.removed == 1
