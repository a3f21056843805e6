"""Public provenance never names who published, why or from which file.

An analyst publishes the interventions, restores a version with an internal comment and
publishes a context table. Then every page is drawn in Dutch and in English, every file its
download buttons offer is made (CSV, XLSX, SVG and PNG of every chart, the map, the briefing
as PPTX and PDF, the profile as PDF, Markdown and HTML), and all their text is searched: the
analyst's e-mail address, the comment and the file names appear nowhere. The Versies page
shows them to a signed-in analyst, and the sources name the version and its day.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from lib.config import ROOT, store_dir
from lib.contract.codes import Lang
from lib.data.auth import hash_passphrase
from lib.data.catalog import Dataset
from lib.data.store import Store
from lib.text.i18n import t
from lib.web import routes, signin

APP = str(ROOT / "app.py")
PASSPHRASE = "veilig genoeg voor een test"
WHO = "a.analist@example.org"
COMMENT = "Opruimen na test"
FILES = ("interventies_geheim_2026.xlsx", "bevolking_intern.csv")
SECRETS = (WHO, COMMENT, *FILES, "a.analist")


@pytest.fixture(autouse=True)
def _fresh_gate() -> Iterator[None]:
    signin.gate.clear()
    yield
    signin.gate.clear()


@pytest.fixture
def store(dataset: Dataset) -> Store:
    """Version 1 publishes interventions, 2 replaces them, 3 restores 1 with the internal
    comment, 4 publishes the population table: every kind of entry in the audit trail."""
    target = Store(store_dir())
    target.ensure_base(dataset.uploadable(), comment="Meegeleverde data (versie 0)")
    real = dataset.interventies.head(60).with_columns(illustratief=False)
    target.publish("interventies", real, who=WHO, comment=COMMENT, source_name=FILES[0],
                   checksum="sha256:" + "ab" * 32)  # fmt: skip
    target.publish("interventies", real.head(30), who=WHO, comment=COMMENT,
                   source_name=FILES[0], checksum="sha256:" + "cd" * 32)  # fmt: skip
    target.rollback(1, who=WHO, comment=COMMENT)
    target.publish("bevolking", dataset.context_table("bevolking"), who=WHO, comment=COMMENT,
                   source_name=FILES[1], checksum="sha256:" + "ef" * 32)  # fmt: skip
    return target


class Downloads:
    """Every file the download buttons offer, recorded where Streamlit registers a file that
    is made on click, and made as a click would make it."""

    def __init__(self) -> None:
        self.makers: dict[str, Callable[[], Any]] = {}

    def make(self, name: str) -> bytes:
        data = self.makers[name]()
        return data if isinstance(data, bytes) else str(data).encode("utf-8")


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    found = Downloads()
    original = MediaFileManager.add_deferred

    def record(self: MediaFileManager, maker: Any, *args: Any, **kwargs: Any) -> str:
        found.makers[str(kwargs.get("file_name"))] = maker
        return original(self, maker, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return found


def element_text(node: Any) -> list[str]:
    """Every string an element and its children show: the element as its message (labels,
    options, Markdown, help texts) and the cells of every table."""
    parts = []
    proto = getattr(node, "proto", None)
    if proto is not None:
        parts.append(str(proto))
    if getattr(node, "type", "") == "arrow_data_frame":
        parts.append(node.value.to_csv())
    for child in getattr(node, "children", {}).values():
        parts += element_text(child)
    return parts


def file_text(name: str, data: bytes) -> str:
    """The text of a downloaded file: XLSX cells, PPTX slide XML, PDF text, else the bytes
    as UTF-8 (CSV, Markdown, HTML, SVG; a PNG's metadata)."""
    suffix = name.rsplit(".", 1)[-1]
    if suffix == "xlsx":
        book = load_workbook(io.BytesIO(data))
        cells = (c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
        return "\n".join(str(c) for c in cells if c is not None)
    if suffix == "pptx":
        with zipfile.ZipFile(io.BytesIO(data)) as deck:
            return "\n".join(
                deck.read(n).decode("utf-8") for n in deck.namelist() if n.endswith(".xml")
            )
    if suffix == "pdf":
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    return data.decode("utf-8", errors="replace")


def open_page(route: routes.Route, lang: Lang) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.secrets["analyst_passphrase_hash"] = hash_passphrase(PASSPHRASE, iterations=1_000)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    if not route.default:
        at.switch_page(route.file).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_page_or_download_names_the_analyst_the_comment_or_the_file(
    store: Store, downloads: Downloads, lang: Lang
) -> None:
    pages: dict[str, str] = {}
    for route in routes.ROUTES:
        at = open_page(route, lang)
        pages[route.slug or "overzicht"] = "\n".join(element_text(at._tree))
    found = {page: leaks(text) for page, text in pages.items() if leaks(text)}
    assert found == {}
    made = {name: file_text(name, downloads.make(name)) for name in sorted(downloads.makers)}
    kinds = {name.rsplit(".", 1)[-1] for name in made}
    assert {"csv", "xlsx", "svg", "png", "pptx", "pdf", "md", "html"} <= kinds
    assert {name: leaks(text) for name, text in made.items() if leaks(text)} == {}
    # what the public sources say instead: the version and its day, in the page language
    published = t("provenance.published", lang, tabel="", versie=4, datum="").split("4")[0]
    footer = pages["overzicht"]
    assert published.strip(", ") in footer
    briefing = next(text for name, text in made.items() if name.endswith(".pptx"))
    assert t("upload.table.interventies", lang) in briefing


def test_the_versies_page_keeps_the_audit_trail_for_analysts(store: Store) -> None:
    at = open_page(routes.BY_SLUG["versies"], "nl")
    assert leaks("\n".join(element_text(at._tree))) == []  # a visitor sees none of it
    at.text_input[0].set_value(PASSPHRASE)
    at.get("form_submit_button")[0].click().run()
    table = next(d.value for d in at.dataframe if "Wie" in d.value.columns)
    assert set(table["Wie"]) >= {WHO}
    assert set(table["Opmerking"]) >= {COMMENT}
    assert set(table["Bronbestand"]) >= set(FILES)
    assert store.version_info(3)["opmerking"] == COMMENT  # the store keeps the audit trail
