"""Write the upload test corpus: realistic good, awkward and bad files for ``interventies``.

Run ``python scripts/make_corpus.py``; it rewrites ``tests/data/`` (small files, the same bytes
on every run) and ``tests/data/manifest.csv``, which says per file what
``lib.data.ingest.pipeline.prepare``
must find: ``expected_ok``, the exact set of issue codes (``|``-joined) and key cells
(``row:column``; an empty row for a file-level issue). The tests pin today's date to
2025-06-30 (see ``TODAY``). Files that would be large (50,000 columns, zip bombs) are built by
the tests themselves, in a temporary folder.

Excel workbooks are written by hand (a minimal SpreadsheetML package with inline strings), so
the script needs no extra package and the zip entries carry a fixed date.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent.parent / "tests" / "data"
TODAY = date(2025, 6, 30)
HEADER = [
    "interventie_id", "gemeentecode", "naam", "thema", "status", "doelgroep", "startjaar",
    "bereik", "budget_eur", "factoren", "monitoringplan", "bron",
]
BASE: list[list[str]] = [
    ["GM0599-001", "GM0599", "Straatcoaches Rotterdam-Zuid", "jongerenwerk", "in_uitvoering",
     "jongeren", "2023", "120", "85000.00", "criminele_vrienden|snel_geld", "true",
     "Gemeente Rotterdam, voortgangsrapportage 2024"],
    ["GM0518-001", "GM0518", "Geldlessen Den Haag Zuidwest", "financien", "afgerond",
     "jongvolwassenen", "2022", "45", "12500.50", "geldproblemen_jongere", "false",
     "Gemeente Den Haag"],
    ["GM0363-001", "GM0363", "Ouderavonden Nieuw-West", "gezin", "gepland", "ouders", "2025",
     "", "30000", "problematisch_gezin", "true", ""],
    ["GM0344-001", "GM0344", "Jeugdboa's Kanaleneiland", "gezag", "in_uitvoering", "wijk",
     "2024", "300", "150000.75", "nabij_criminele_groep|eerdere_sancties", "false", ""],
]


class Case(NamedTuple):
    file: str
    data: bytes
    expected_ok: bool
    codes: str
    description: str
    cells: str = ""
    sheet: str = ""
    max_bytes: str = ""


def table(
    rows: Sequence[Sequence[str]], header: Sequence[str] = HEADER, *, delimiter: str = ","
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def utf8(text: str) -> bytes:
    return text.encode("utf-8")


def edit(row: int, **cells: str) -> list[list[str]]:
    """The base rows with some cells of one row (0-based) replaced."""
    rows = [list(r) for r in BASE]
    for name, value in cells.items():
        rows[row][HEADER.index(name)] = value
    return rows


def without(column: str, rows: Sequence[Sequence[str]] = BASE) -> tuple[list[str], list[list[str]]]:
    i = HEADER.index(column)
    return [h for h in HEADER if h != column], [[*r[:i], *r[i + 1 :]] for r in rows]


def with_column(name: str, values: Sequence[str]) -> tuple[list[str], list[list[str]]]:
    return [*HEADER, name], [[*r, v] for r, v in zip(BASE, values, strict=True)]


# ----------------------------------------------------------------------------- xlsx

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = escape(str(value))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def _sheet_xml(rows: Sequence[Sequence[object]], first_row: int) -> str:
    lines = []
    for r, row in enumerate(rows, start=first_row):
        cells = "".join(_cell(f"{_column_letter(c)}{r}", v) for c, v in enumerate(row))
        if cells:
            lines.append(f'<row r="{r}">{cells}</row>')
    return f'{_XML}<worksheet xmlns="{_NS}"><sheetData>{"".join(lines)}</sheetData></worksheet>'


def xlsx(sheets: Sequence[tuple[str, Sequence[Sequence[object]], int]]) -> bytes:
    """A minimal workbook: (sheet name, rows, spreadsheet row of the first row) per sheet."""
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            f'{_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{_XML}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML}<workbook xmlns="{_NS}" xmlns:r="{_REL}"><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, (name, _, _) in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML}<Relationships xmlns="{_PKG}">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + "</Relationships>"
        ),
    }
    for i, (_, rows, first_row) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(rows, first_row)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


def typed(rows: Sequence[Sequence[str]]) -> list[list[object]]:
    """Base rows as a spreadsheet holds them: numbers as numbers, true/false as booleans."""
    out: list[list[object]] = []
    for row in rows:
        cells: list[object] = []
        for name, value in zip(HEADER, row, strict=True):
            if value and name in ("startjaar", "bereik"):
                cells.append(int(value))
            elif value and name == "budget_eur":
                cells.append(float(value))
            elif name == "monitoringplan" and value in ("true", "false"):
                cells.append(value == "true")
            else:
                cells.append(value)
        out.append(cells)
    return out


# ----------------------------------------------------------------------------- cases

EXCEL_NL_HEADER = [
    "Interventie-ID", "Gemeente", "Naam", "Thema", "Status", "Doelgroep", "Startjaar",
    "Bereik", "Budget (€)", "Factoren", "Monitoringplan", "Bron",
]
EXCEL_NL_ROWS = [
    ["GM0518-002", "'s-Gravenhage", "Café-overleg Escamp", "Financiën", "In uitvoering",
     "Jongeren (12-17)", "2023", "1.234", "12.500,50", "snel_geld; geldproblemen_jongere", "ja",
     "Gemeente Den Haag, rapportage één"],
    ["GM0599-002", "Rotterdam", "Ouderkracht Feijenoord", "Ouders en gezin", "Afgerond",
     "Ouders", "2022", "87", "7500,5", "problematisch_gezin", "nee", "Coëfficiënt bekend"],
    ["GM0796-001", "'s-Hertogenbosch", "Straatcoaches Boschveld", "Jongerenwerk", "Gepland",
     "Jongvolwassenen (18-27)", "2025", "", "1.000.000", "", "", ""],
]
# what the round trip must give (``tests/test_corpus.py`` compares these exactly)
EXCEL_NL_EXPECTED = [
    {"interventie_id": "GM0518-002", "gemeentecode": "GM0518", "naam": "Café-overleg Escamp",
     "thema": "financien", "status": "in_uitvoering", "doelgroep": "jongeren", "startjaar": 2023,
     "bereik": 1234, "budget_eur": 12500.5, "factoren": "snel_geld|geldproblemen_jongere",
     "monitoringplan": True, "bron": "Gemeente Den Haag, rapportage één"},
    {"interventie_id": "GM0599-002", "gemeentecode": "GM0599", "naam": "Ouderkracht Feijenoord",
     "thema": "gezin", "status": "afgerond", "doelgroep": "ouders", "startjaar": 2022,
     "bereik": 87, "budget_eur": 7500.5, "factoren": "problematisch_gezin",
     "monitoringplan": False, "bron": "Coëfficiënt bekend"},
    {"interventie_id": "GM0796-001", "gemeentecode": "GM0796", "naam": "Straatcoaches Boschveld",
     "thema": "jongerenwerk", "status": "gepland", "doelgroep": "jongvolwassenen",
     "startjaar": 2025, "bereik": None, "budget_eur": 1000000.0, "factoren": None,
     "monitoringplan": None, "bron": None},
]


def _gemeente_spellings() -> list[list[str]]:
    spellings = [
        "'s-Gravenhage", "s Gravenhage", "'s Gravenhage", "Den Haag", "den haag", "DEN HAAG",
        "gm0518", "518", "0518", "GM518", " GM0518 ", "Gemeente Den Haag", "'S-GRAVENHAGE",
        "Den Bosch", "’s-Hertogenbosch", "sittard geleen",
    ]
    rows = []
    for i, name in enumerate(spellings, start=1):
        rows.append([f"N-{i:03d}", name, f"Interventie {i}", "gezag", "afgerond", "wijk", "2023",
                     "10", "1000", "", "", ""])
    return rows


def cases() -> list[Case]:
    out: list[Case] = []

    def add(file: str, data: bytes, ok: bool, codes: str, description: str, **extra: str) -> None:
        out.append(Case(file, data, ok, codes, description, **extra))

    add("clean_utf8_comma.csv", utf8(table(BASE)), True, "",
        "Schoon bestand volgens het sjabloon: UTF-8, komma's, codes.")
    add("excel_nl_cp1252.csv", table(EXCEL_NL_ROWS, EXCEL_NL_HEADER, delimiter=";").encode(
        "cp1252"), True, "encoding_guess",
        "Excel-export uit Nederlands Windows: ';', Windows-1252, decimale komma, punten voor "
        "duizendtallen, accenten, namen en labels in plaats van codes.")
    add("utf8_bom_semicolon.csv", b"\xef\xbb\xbf" + utf8(table(EXCEL_NL_ROWS, EXCEL_NL_HEADER,
        delimiter=";")), True, "",
        "Excel 'CSV UTF-8': met BOM, ';' en decimale komma.")
    add("utf8_bom.csv", b"\xef\xbb\xbf" + utf8(table(BASE)), True, "", "UTF-8 met BOM.")
    add("tab_delimited.tsv", utf8(table(BASE, delimiter="\t")), True, "", "Tab als scheiding.")
    add("pipe_delimited.csv", utf8(table(BASE, delimiter="|")), True, "",
        "Verticale streep als scheiding; factoren met | staan tussen aanhalingstekens.")
    add("utf16_unicode_text.txt", table(BASE, delimiter="\t").encode("utf-16"), True, "",
        "Excel 'Unicode-tekst': UTF-16 met BOM en tabs.")
    add("mac_cr_line_endings.csv", utf8(table(BASE).replace("\r\n", "\r")), True, "",
        "Oude Mac-regeleinden (alleen CR).")
    multiline = edit(0, naam="Straatcoaches\r\nRotterdam-Zuid", bron="regel 1\nregel 2")
    multiline[2][HEADER.index("bereik")] = "-1"
    add("quoted_linebreaks.csv", utf8(table(multiline)), False, "minimum",
        "Velden tussen aanhalingstekens met regeleinden; de fout erna staat op de juiste rij.",
        cells="4:bereik")
    trailing = table(BASE).replace("\r\n", ",,\r\n") + ",,,,,,,,,,,,,\r\n" * 3 + "\r\n\r\n"
    add("trailing_empty_rows_columns.csv", utf8(trailing), True, "",
        "Lege kolommen rechts en lege rijen onderaan (zoals Excel ze soms bewaart).")
    middle = edit(1, bereik="-3")
    middle.insert(1, [""] * len(HEADER))
    add("blank_row_in_middle.csv", utf8(table(middle)), False, "minimum",
        "Een lege rij midden in de tabel wordt overgeslagen; rijnummers blijven die van het "
        "bestand.", cells="4:bereik")
    add("leading_blank_lines.csv", utf8("\r\n\r\n" + table(edit(1, bereik="-1"))), False,
        "minimum", "Twee lege regels boven de kopregel; de kop staat op rij 3.", cells="5:bereik")
    variants = [
        "Interventie ID", "GEMEENTECODE", " Naam ", "Thema", "STATUS", "Doelgróep", "Start-jaar",
        "bereik", "Budget (EUR)", "Factoren", "Monitoring_plan", "Bron",
    ]
    add("header_variants.csv", utf8(table(BASE, variants)), True, "",
        "Kolomkoppen met hoofdletters, spaties, streepjes, accenten en '(EUR)'.")
    gem_header = ["interventie_id", "gemeente", *HEADER[2:]]
    add("gemeente_names.csv", utf8(table(_gemeente_spellings(), gem_header)), True, "",
        "Gemeentenamen en CBS-nummers in allerlei schrijfwijzen in een kolom 'gemeente'.")
    labels = [
        ["L-001", "GM0599", "a", "Jongerenwerk", "Gepland", "Kinderen (tot 12)", "2025", "", "",
         "", "", ""],
        ["L-002", "GM0599", "b", "Gezag", "In uitvoering", "jongeren", "2024", "", "", "", "",
         ""],
        ["L-003", "GM0599", "c", "Financiën", "Afgerond", "Young adults", "2023", "", "", "", "",
         ""],
        ["L-004", "GM0599", "d", "School en werk", "Niet uitgevoerd", "Ouders", "2023", "", "",
         "", "", ""],
        ["L-005", "GM0599", "e", "Youth work", "loopt", "Professionals", "2024", "", "", "", "",
         ""],
        ["L-006", "GM0599", "f", "Ouders en gezin", "klaar", "Buurt", "2023", "", "", "", "", ""],
        ["L-007", "GM0599", "g", "Behavioural interventions and identity", "running", "wijk",
         "2024", "", "", "", "", ""],
        ["L-008", "GM0599", "h", "vroegsignalering", "completed", "jongeren", "2023", "", "", "",
         "", ""],
        ["L-009", "GM0599", "i", "Samenwerking zorg en veiligheid", "not carried out", "wijk",
         "2023", "", "", "", "", ""],
        ["L-010", "GM0599", "j", "Overig", "planned", "wijk", "2025", "", "", "", "", ""],
    ]
    add("labels_nl_en.csv", utf8(table(labels)), True, "",
        "Thema, status en doelgroep als Nederlandse of Engelse labels.")
    booleans = [
        [f"B-{i:03d}", "GM0599", "n", "gezag", "afgerond", "wijk", "2023", "", "", "", word, ""]
        for i, word in enumerate(
            ["ja", "nee", "x", "WAAR", "ONWAAR", "1", "0", "yes", "No", "", "J", "n"], start=1
        )
    ]
    add("booleans.csv", utf8(table(booleans)), True, "",
        "Ja/nee-waarden: ja, nee, x, WAAR, ONWAAR, 1, 0, yes, no en leeg.")
    header, rows = without("status")
    add("missing_required_column.csv", utf8(table(rows, header)), False, "missing_column",
        "De verplichte kolom 'status' ontbreekt.", cells=":status")
    unknown = [list(r) for r in BASE]
    unknown[0][HEADER.index("thema")] = "sport"
    unknown[1][HEADER.index("gemeentecode")] = "GM9999"
    unknown[2][HEADER.index("factoren")] = "problematisch_gezin|onbekende_factor"
    unknown[3][HEADER.index("doelgroep")] = "senioren"
    add("unknown_codes.csv", utf8(table(unknown)), False, "enum|reference",
        "Onbekend thema, gemeentecode, factor en doelgroep.",
        cells="2:thema|3:gemeentecode|4:factoren|5:doelgroep")
    duplicate = edit(2, interventie_id="GM0599-001")
    add("duplicate_id.csv", utf8(table(duplicate)), False, "duplicate",
        "Dezelfde interventie_id twee keer.", cells="2:interventie_id|4:interventie_id")
    add("negative_numbers.csv", utf8(table(edit(1, bereik="-5", budget_eur="-100,50"))), False,
        "minimum", "Negatief bereik en budget (geen formule).", cells="3:bereik|3:budget_eur")
    years = [list(r) for r in BASE]
    years[0][HEADER.index("startjaar")] = "2017"
    years[1][HEADER.index("startjaar")] = "2040"
    years[1][HEADER.index("status")] = "in_uitvoering"
    add("startjaar_range.csv", utf8(table(years)), False, "minimum|maximum",
        "Startjaar 2017 (te vroeg) en 2040 (te laat).", cells="2:startjaar|3:startjaar")
    add("future_completed.csv", utf8(table(edit(1, startjaar="2030"))), True,
        "future_completed", "Afgerond, maar het startjaar ligt in de toekomst: alleen een "
        "waarschuwing.", cells="3:startjaar")
    add("planned_not_started.csv", utf8(table(edit(2, startjaar="2021"))), True,
        "planned_not_started", "Nog gepland, terwijl het startjaar al jaren voorbij is.",
        cells="4:startjaar")
    header, rows = with_column("opmerking", ["-5", "- 3", "+31", "@"])
    rows[0][HEADER.index("naam")] = "=cmd|' /C calc'!A0"
    rows[1][HEADER.index("bron")] = '=HYPERLINK("http://voorbeeld.invalid","klik")'
    rows[2][HEADER.index("naam")] = "@SUM(1+1)*cmd|' /C calc'!A0"
    rows[3][HEADER.index("naam")] = "+cmd|' /C notepad'!A0"
    add("formula_cells.csv", utf8(table(rows, header)), True, "formula|unknown_column",
        "Cellen die Excel als formule uitvoert: alleen tekst, met een waarschuwing.",
        cells="2:naam|3:bron|4:naam|5:naam")
    html = edit(0, naam="<script>alert('x')</script>")
    html[1][HEADER.index("naam")] = '<img src=x onerror="alert(1)">'
    html[2][HEADER.index("bron")] = "<b>vet</b> & <a href='javascript:alert(1)'>link</a>"
    add("html_script.csv", utf8(table(html)), True, "",
        "HTML en script in tekstcellen blijven gewone tekst.")
    add("binary_renamed.csv", bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)),
        False, "not_text", "Een afbeelding (PNG) met de naam .csv.", cells=":")
    add("empty.csv", b"", False, "empty_file", "Een leeg bestand.", cells=":")
    add("whitespace_only.csv", b"\r\n  \r\n\t\r\n", False, "empty_file",
        "Alleen spaties en lege regels.")
    add("header_only.csv", utf8(table([])), False, "no_rows", "Alleen de kopregel.")
    big = utf8(table(BASE * 3))
    add("just_over_limit.csv", big[:1100], False, "too_large",
        "Iets groter dan de grens van 1 KB die de test meegeeft.", max_bytes="1024")
    add("unterminated_quote.csv", utf8(table(BASE[:2]) + 'X-9,GM0599,"Niet afgesloten,gezag,'
        'afgerond,wijk,2023,1,1,,,\r\n'), False, "bad_csv", "Een aanhalingsteken dat niet "
        "wordt afgesloten.")
    dup_header = [*HEADER, "Gemeente code"]
    add("duplicate_header.csv", utf8(table([[*r, r[1]] for r in BASE], dup_header)), False,
        "duplicate_header|unknown_column", "Twee kolommen voor gemeentecode; de tweede wordt "
        "een onbekende kolom.", cells=":gemeentecode|:Gemeente code")
    short = ["interventie_id", "gemeentecode", "naam", "thema", "status", "bereik"]
    ragged = table([["X-1", "GM0599", "Geldlessen", "financien", "afgerond", "10"]], short)
    ragged += "X-2,GM0599,Geld, schulden,financien,afgerond,10\r\n"
    add("extra_fields.csv", utf8(ragged), False, "extra_fields|enum|type_int",
        "Een komma in een naam zonder aanhalingstekens: de rij heeft een cel te veel en de "
        "cellen erna schuiven op.", cells="3:|3:status|3:bereik")
    english = edit(1, budget_eur="12,500.50", bereik="1,234")
    add("decimal_point_thousands_comma.csv", utf8(table(english)), True, "",
        "Engelse notatie: 12,500.50 en 1,234.")
    header, rows = with_column("nummer", ["111222333", "123456782", "012345672", "14105718"])
    add("bsn_column.csv", utf8(table(rows, header)), False, "personal_data",
        "Een kolom met burgerservicenummers (11-proef).", cells=":nummer")
    header, rows = with_column(
        "contact", ["jan.jansen@example.nl", "p.devries@voorbeeld.nl", "", "a.b@school.example"]
    )
    add("email_column.csv", utf8(table(rows, header)), False, "personal_data",
        "Een kolom met e-mailadressen.", cells=":contact")
    header, rows = with_column(
        "tel", ["06-12345678", "+31 6 12345678", "010-1234567", "0031 (0)20 123 4567"]
    )
    add("phone_column.csv", utf8(table(rows, header)), False, "personal_data",
        "Een kolom met telefoonnummers.", cells=":tel")
    header, rows = with_column(
        "Geboortedatum", ["03-05-2010", "17/11/2008", "2011-01-30", "1-2-2009"]
    )
    add("dob_column.csv", utf8(table(rows, header)), False, "personal_data",
        "Een kolom 'Geboortedatum'.", cells=":Geboortedatum")
    header, rows = with_column("datum", ["2009-04-12", "2010-10-01", "2012-02-29", "2008-07-15"])
    add("dob_values.csv", utf8(table(rows, header)), False, "personal_data",
        "Een kolom 'datum' met data die passen bij jongeren van 13 tot 17 jaar.", cells=":datum")

    clean = xlsx([("Interventies", [HEADER, *typed(BASE)], 1)])
    add("clean.xlsx", clean, True, "", "Schone Excel-werkmap, getallen als getallen.")
    notes = [["Toelichting"], ["Dit bestand bevat de interventies van 2024."], ["Versie 2"]]
    two = xlsx([("Toelichting", notes, 1), ("Interventies", [HEADER, *typed(BASE)], 1)])
    add("two_sheets.xlsx", two, True, "", "Twee tabbladen; het tweede is gekozen.",
        sheet="Interventies")
    add("two_sheets.xlsx", two, False, "multiple_sheets|missing_column|unknown_column",
        "Twee tabbladen en geen keuze: het eerste (toelichting) wordt gelezen.",
        cells=":status")
    add("two_sheets.xlsx", two, False, "unknown_sheet", "Een tabblad dat niet bestaat.",
        sheet="Bestaat niet")
    titled_rows = typed(BASE)
    titled_rows[1][HEADER.index("bereik")] = -1
    titled = xlsx([("Blad1", [["Overzicht interventies 2024"], [], HEADER, *titled_rows], 1)])
    add("title_rows.xlsx", titled, False, "minimum",
        "Een titel boven de tabel; de kopregel staat op rij 3 en rijnummers kloppen.",
        cells="5:bereik")
    add("corrupt.xlsx", clean[: len(clean) // 2], False, "bad_xlsx",
        "Een afgebroken Excel-bestand.", cells=":")
    add("not_a_zip.xlsx", utf8(table(BASE)), False, "bad_xlsx",
        "Een CSV-bestand met de naam .xlsx.")
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)
    add("old_format.xls", ole, False, "old_excel", "Een oud Excel-bestand (.xls).")
    return out


def write(folder: Path = OUT) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    all_cases = cases()
    for case in all_cases:
        (folder / case.file).write_bytes(case.data)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["file", "sheet", "max_bytes", "expected_ok", "expected_codes", "expected_cells",
         "description"]
    )
    for case in all_cases:
        writer.writerow(
            [case.file, case.sheet, case.max_bytes, str(case.expected_ok).lower(), case.codes,
             case.cells, case.description]
        )
    (folder / "manifest.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return all_cases


if __name__ == "__main__":
    written = write()
    print(f"{len(written)} cases, {len({c.file for c in written})} files in tests/data")
