"""The template files of the uploadable tables, made when asked for: drop-down lists on every
coded column, the valid codes with their meaning, the data dictionary, and a filled-in
template that uploads without a warning."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from progress import LANGS

from lib.contract.codes import DOELGROEPEN, LABELS, STATUSSEN, THEMAS, Lang
from lib.contract.resources import TEMPLATE_SHEETS
from lib.contract.schema import INTERVENTIES, TABLES, UPLOADABLE_TABLES
from lib.data.catalog import Dataset
from lib.data.ingest.pipeline import prepare
from lib.exports.templates import TEMPLATE_ROWS, code_lists, template_makers
from lib.text.i18n import t


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
    makers = template_makers(name, progress_data, lang)
    kinds = ["sjabloon.csv", "sjabloon.xlsx"]
    if not sample.is_empty():
        kinds += ["voorbeeld.csv", "voorbeeld.xlsx"]
    kinds.append("woordenboek.csv")
    if code_lists(TABLES[name], progress_data, lang):
        kinds.append("codes.csv")
    assert list(makers) == [f"{name}_{kind}" for kind in kinds]
    for file, make in makers.items():
        made = make()
        assert isinstance(made, bytes)
        assert comparable(file, made) == comparable(file, make()), file  # the same every time
    if not sample.is_empty():
        example = makers[f"{name}_voorbeeld.csv"]().decode("utf-8-sig").splitlines()
        assert len(example) == 1 + min(5, sample.height)


def test_template_makers_refuse_other_tables(dataset: Dataset) -> None:
    with pytest.raises(KeyError):
        template_makers("gemeenten", dataset, "nl")


# --------------------------------------------------------------------------- the XLSX template


def book(dataset: Dataset, lang: Lang, name: str = "interventies") -> Workbook:
    made = template_makers(name, dataset, lang)[f"{name}_sjabloon.xlsx"]()
    return load_workbook(io.BytesIO(made))


def checks(sheet: object) -> dict[str, object]:
    """Column letter -> the data validation of that column (one range per validation)."""
    found = {}
    for check in sheet.data_validations.dataValidation:  # type: ignore[attr-defined]
        (cells,) = str(check.sqref).split()
        found[re.sub(r"\d", "", cells.split(":")[0])] = check
    return found


def letter(sheet: object, column: str) -> str:
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]  # type: ignore[attr-defined]
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index(column)]


@pytest.mark.parametrize("lang", LANGS)
def test_the_xlsx_template_has_the_table_the_dictionary_and_the_codes(
    dataset: Dataset, lang: Lang
) -> None:
    wb = book(dataset, lang)
    assert wb.sheetnames == [
        "interventies", TEMPLATE_SHEETS["dictionary"][lang], TEMPLATE_SHEETS["codes"][lang]
    ]  # fmt: skip
    header = [c.value for c in next(wb["interventies"].iter_rows(max_row=1))]
    assert header == [c.name for c in INTERVENTIES.columns if c.name != "illustratief"]
    dictionary = list(wb[TEMPLATE_SHEETS["dictionary"][lang]].iter_rows(values_only=True))
    assert [r[0] for r in dictionary[1:]] == list(INTERVENTIES.names)


@pytest.mark.parametrize("lang", LANGS)
def test_every_coded_column_has_a_drop_down_list_of_exactly_its_codes(
    dataset: Dataset, lang: Lang
) -> None:
    wb = book(dataset, lang)
    sheet, codes = wb["interventies"], wb[TEMPLATE_SHEETS["codes"][lang]]
    found = checks(sheet)
    expected = {
        "gemeentecode": set(dataset.gemeenten.get_column("gemeentecode")),
        "thema": set(THEMAS),
        "status": set(STATUSSEN),
        "doelgroep": set(DOELGROEPEN),
        "factoren": set(dataset.factoren.get_column("factor")),
    }
    for column, valid in expected.items():
        check = found[letter(sheet, column)]
        assert check.type == "list", column  # type: ignore[attr-defined]
        col = letter(sheet, column)
        assert str(check.sqref) == f"{col}2:{col}{TEMPLATE_ROWS + 1}"  # type: ignore[attr-defined]
        sheet_name, cells = str(check.formula1).split("!")  # type: ignore[attr-defined]
        assert sheet_name.strip("'") == TEMPLATE_SHEETS["codes"][lang]
        first, last = (int(n) for n in re.findall(r"\d+", cells))
        listed = [codes.cell(row=r, column=2).value for r in range(first, last + 1)]
        assert set(listed) == valid, column
        assert len(listed) == len(valid), column
        assert {codes.cell(row=r, column=1).value for r in range(first, last + 1)} == {column}
    # one code per cell is enforced; several factor codes joined with | stay possible
    assert found[letter(sheet, "status")].showErrorMessage is True  # type: ignore[attr-defined]
    assert found[letter(sheet, "factoren")].showErrorMessage is False  # type: ignore[attr-defined]
    yes_no = found[letter(sheet, "monitoringplan")]
    assert yes_no.formula1 == f'"{t("word.yes", lang)},{t("word.no", lang)}"'  # type: ignore[attr-defined]


def test_numbers_with_bounds_are_checked(dataset: Dataset) -> None:
    sheet = book(dataset, "nl")["interventies"]
    found = checks(sheet)
    start = found[letter(sheet, "startjaar")]
    assert (start.type, start.operator, start.formula1, start.formula2) == (  # type: ignore[attr-defined]
        "whole", "between", "2018", "2035"
    )  # fmt: skip
    budget = found[letter(sheet, "budget_eur")]
    assert (budget.type, budget.operator, budget.formula1) == (  # type: ignore[attr-defined]
        "decimal", "greaterThanOrEqual", "0"
    )  # fmt: skip
    assert letter(sheet, "naam") not in found  # free text has no check


@pytest.mark.parametrize(("lang", "meaning"), [("nl", "naam_nl"), ("en", "naam_en")])
def test_the_codes_sheet_gives_each_code_its_meaning_in_the_language(
    dataset: Dataset, lang: Lang, meaning: str
) -> None:
    rows = list(book(dataset, lang)[TEMPLATE_SHEETS["codes"][lang]].iter_rows(values_only=True))
    assert rows[0] == (t("template.column", lang), t("template.code", lang),
                       t("template.meaning", lang))  # fmt: skip
    by_code = {(r[0], r[1]): r[2] for r in rows[1:]}
    for factor in dataset.factoren.iter_rows(named=True):  # the factor codes are all there
        assert by_code[("factoren", factor["factor"])] == factor[meaning]
    for code in STATUSSEN:
        assert by_code[("status", code)] == LABELS["status"][code][lang]
    for place in dataset.gemeenten.iter_rows(named=True):
        assert by_code[("gemeentecode", place["gemeentecode"])] == place["naam"]


def test_context_tables_have_their_code_lists(dataset: Dataset) -> None:
    lists = {cl.column: cl for cl in code_lists(TABLES["misdrijven"], dataset, "en")}
    offences = dataset.context_table("misdrijfsoorten")
    assert dict(lists["soort"].codes) == dict(offences.select("soort", "naam_en").iter_rows())
    assert (
        len(lists["gemeentecode"].codes)
        == dataset.context_table("bevolking").get_column("gemeentecode").n_unique()
    )
    programme = {cl.column: cl for cl in code_lists(TABLES["programma"], dataset, "nl")}
    assert all(meaning for _, meaning in programme["soort_deelname"].codes)


# --------------------------------------------------------------------------- filled in, uploaded


def _filled(dataset: Dataset, lang: Lang) -> bytes:
    wb = book(dataset, lang)
    sheet = wb["interventies"]
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    rows = [
        {"interventie_id": "DH-2026-01", "gemeentecode": "GM0518", "naam": "Straatcoaches",
         "thema": "jongerenwerk", "status": "in_uitvoering", "doelgroep": "jongeren",
         "startjaar": 2025, "bereik": 140, "budget_eur": 12500.5,
         "factoren": "criminele_vrienden|snel_geld", "monitoringplan": t("word.yes", lang)},
        {"interventie_id": "RT-2026-01", "gemeentecode": "GM0599", "naam": "Ouders in gesprek",
         "thema": "gezin", "status": "gepland", "startjaar": 2026,
         "monitoringplan": t("word.no", lang)},
    ]  # fmt: skip
    for row in rows:
        sheet.append([row.get(h) for h in header])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("lang", LANGS)
def test_a_filled_in_template_uploads_without_any_warning(dataset: Dataset, lang: Lang) -> None:
    prepared = prepare(
        _filled(dataset, lang),
        "interventies_sjabloon.xlsx",
        table=INTERVENTIES,
        gemeenten=dataset.gemeenten,
        themas=dataset.themas,
        factor_codes=frozenset(dataset.factoren.get_column("factor").to_list()),
        today=date(2026, 11, 30),
        references=dataset.references(),
    )
    assert prepared.report.issues == ()
    assert prepared.dialect.sheet == "interventies"
    assert prepared.clean is not None
    clean = prepared.clean
    assert clean.get_column("interventie_id").to_list() == ["DH-2026-01", "RT-2026-01"]
    assert clean.get_column("budget_eur").to_list() == [12500.5, None]
    assert clean.get_column("monitoringplan").to_list() == [True, False]


def test_another_sheet_than_the_templates_own_still_asks_which_sheet(dataset: Dataset) -> None:
    wb = load_workbook(io.BytesIO(_filled(dataset, "nl")))
    wb.create_sheet("oude cijfers")
    buffer = io.BytesIO()
    wb.save(buffer)
    prepared = prepare(
        buffer.getvalue(),
        "interventies.xlsx",
        table=INTERVENTIES,
        gemeenten=dataset.gemeenten,
        themas=dataset.themas,
        factor_codes=frozenset(dataset.factoren.get_column("factor").to_list()),
        today=date(2026, 11, 30),
    )
    assert [i.code for i in prepared.report.issues] == ["multiple_sheets"]
