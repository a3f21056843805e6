"""The template files of the uploadable tables, made when asked for."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from progress import LANGS

from lib.contract.codes import Lang
from lib.contract.schema import UPLOADABLE_TABLES
from lib.data.catalog import Dataset
from lib.exports.templates import template_makers

# --- 6. templates.template_makers ------------------------------------------------------------


def comparable(name: str, data: bytes) -> object:
    """CSV as bytes; XLSX as its zip members, without the time it was written."""
    if not name.endswith(".xlsx"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        members = {n: book.read(n) for n in book.namelist()}
    stamp = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")
    return {n: stamp.sub(b"", v) for n, v in members.items()}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", UPLOADABLE_TABLES)
def test_template_makers_make_the_template_files(
    progress_data: Dataset, name: str, lang: Lang
) -> None:
    sample = progress_data.uploadable()[name]
    makers = template_makers(name, sample, lang)
    kinds = ("sjabloon.csv", "voorbeeld.csv", "sjabloon.xlsx", "voorbeeld.xlsx", "woordenboek.csv")
    assert list(makers) == [f"{name}_{kind}" for kind in kinds]
    for file, make in makers.items():
        made = make()
        assert isinstance(made, bytes)
        assert comparable(file, made) == comparable(file, make()), file  # the same every time
    example = makers[f"{name}_voorbeeld.csv"]().decode("utf-8-sig").splitlines()
    assert len(example) == 1 + min(5, sample.height)


def test_template_makers_refuse_other_tables(dataset: Dataset) -> None:
    with pytest.raises(KeyError):
        template_makers("gemeenten", dataset.gemeenten, "nl")
