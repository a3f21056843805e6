"""Refreshing the public context tables: published as versions like the interventions, read
back by the catalog, and the bundled tables used until a table is first published."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from lib.contract.resources import BASE_TABLES, CONTEXT_UPLOADABLE, UPLOADABLE_TABLES
from lib.data.catalog import Dataset, with_store_version
from lib.data.store import Store
from lib.data.versions import published_rows


@pytest.fixture
def store(tmp_path: Path, dataset: Dataset) -> Store:
    target = Store(tmp_path / "store")
    target.ensure_base(dataset.uploadable(), comment="basis")
    return target


def _newer(dataset: Dataset) -> pl.DataFrame:
    """The crime table with 2025 no longer provisional and one count changed."""
    frame = dataset.context_table("misdrijven")
    return frame.with_columns(
        pl.lit(False).alias("voorlopig"),
        pl.when((pl.col("gemeentecode") == "GM0917") & (pl.col("jaar") == 2025)
                & (pl.col("soort") == "drugshandel"))
        .then(pl.col("geregistreerd") + 1)
        .otherwise(pl.col("geregistreerd"))
        .alias("geregistreerd"),
    )


def test_the_context_tables_are_uploadable(dataset: Dataset) -> None:
    assert set(CONTEXT_UPLOADABLE) <= set(UPLOADABLE_TABLES)
    assert "misdrijfsoorten" not in UPLOADABLE_TABLES  # the code list comes with the contract
    assert tuple(dataset.uploadable()) == UPLOADABLE_TABLES
    refs = dataset.references()
    assert len(refs["bevolking"]) == 342
    assert len(refs["programma"]) == 47
    assert "drugshandel" in refs["misdrijfsoorten"]


def test_version_0_holds_only_the_base_tables(store: Store, dataset: Dataset) -> None:
    info = store.version_info(0)
    assert set(info["tabelversies"]) == set(BASE_TABLES)
    assert with_store_version(dataset, store).context_table("misdrijven").equals(
        dataset.context_table("misdrijven")
    )


def test_a_published_context_table_is_read_back_with_its_provenance(
    store: Store, dataset: Dataset
) -> None:
    newer = _newer(dataset)
    version = store.publish(
        "misdrijven", newer, who="analist", comment="2025 definitief",
        source_name="misdrijven_2025.csv", checksum="sha256:abc",
    )  # fmt: skip
    current = with_store_version(dataset, store)
    assert current.context_table("misdrijven").equals(newer)
    assert current.context_table("bevolking").equals(dataset.context_table("bevolking"))
    resource = current.provenance.resources["misdrijven"]
    assert (resource.status, resource.rows, resource.hash) == ("gepubliceerd", newer.height,
                                                               "sha256:abc")  # fmt: skip
    assert "misdrijven_2025.csv (analist" in resource.sources[0].title
    assert "2025 definitief" in resource.sources[0].title
    # a later publication of another table keeps the crime table and where it came from
    store.publish(
        "interventies", dataset.interventies, who="analist", comment="kwartaal",
        source_name="interventies.csv", checksum="sha256:def",
    )  # fmt: skip
    later = with_store_version(dataset, store)
    assert later.context_table("misdrijven").equals(newer)
    assert later.provenance.resources["misdrijven"].hash == "sha256:abc"
    # the version before the publication shows the bundled table again
    before = with_store_version(dataset, store, version - 1)
    assert before.context_table("misdrijven").equals(dataset.context_table("misdrijven"))


def test_the_history_counts_the_rows_of_the_published_table(
    store: Store, dataset: Dataset
) -> None:
    people = dataset.context_table("bevolking")
    store.publish(
        "bevolking", people, who="analist", comment="1 januari 2024",
        source_name="bevolking.csv", checksum="sha256:1",
    )  # fmt: skip
    store.rollback(0, who="analist", comment="terug")
    history = store.history().with_columns(published_rows(UPLOADABLE_TABLES))
    rows = dict(history.select("versie", "rijen").iter_rows())
    assert rows == {0: dataset.interventies.height, 1: people.height,
                    2: dataset.interventies.height}  # fmt: skip
    assert history.filter(pl.col("versie") == 1).item(0, "rijen_bevolking") == people.height
    assert "bevolking" not in store.version_info(2)["tabelversies"]
