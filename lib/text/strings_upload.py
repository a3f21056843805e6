"""Strings of reading an uploaded file: issue messages and the dialect (merged into ``lib.i18n``).

Every ``issue.<code>`` says what is wrong and how to fix it, in plain language (B1). File-level
messages do not use ``{column}``: it is empty for them.
"""

from __future__ import annotations

NL: dict[str, str] = {
    # file-level errors
    "issue.too_large": "Het bestand is te groot. De grens is {limit} {unit}. Splits het bestand "
    "in delen of haal kolommen weg die niet in het sjabloon staan.",
    "issue.empty_file": "Het bestand is leeg. Kies het juiste bestand en probeer het opnieuw.",
    "issue.not_text": "Dit is geen CSV-bestand en geen Excel-bestand. Sla de tabel in Excel op "
    "als 'CSV UTF-8 (door komma's gescheiden)' of als Excel-werkmap (.xlsx).",
    "issue.bad_csv": "Het bestand kan niet als CSV worden gelezen. Vaak staat er ergens een "
    "aanhalingsteken (\") dat niet wordt afgesloten. Open het bestand in Excel en sla het "
    "opnieuw op als CSV.",
    "issue.no_rows": "Het bestand heeft wel kolomkoppen, maar geen gegevens. Zet onder de "
    "kopregel minstens één rij met gegevens.",
    "issue.too_many_columns": "Het bestand heeft {count} kolommen. Dat zijn er te veel: het "
    "maximum is {limit}. Houd alleen de kolommen uit het sjabloon over.",
    "issue.bad_xlsx": "Dit Excel-bestand is beschadigd of geen echte Excel-werkmap (.xlsx). Open "
    "het in Excel en sla het opnieuw op als .xlsx of als CSV.",
    "issue.old_excel": "Dit is een oud Excel-bestand (.xls) of een bestand met een wachtwoord. "
    "Haal het wachtwoord weg en sla het op als Excel-werkmap (.xlsx) of als CSV.",
    "issue.zip_bomb": "Dit Excel-bestand wordt bij het uitpakken veel te groot. Daarom is het "
    "niet gelezen. Kopieer de gegevens naar een nieuwe werkmap of sla ze op als CSV.",
    "issue.unknown_sheet": "Het tabblad '{sheet}' bestaat niet in dit bestand. Kies een van deze "
    "tabbladen: {sheets}.",
    "issue.empty_sheet": "Het tabblad '{sheet}' is leeg. Kies het tabblad waarop de gegevens "
    "staan.",
    "issue.duplicate_header": "Meer dan één kolom hoort bij '{column}': {headers}. Houd één van "
    "deze kolommen over en verwijder de andere.",
    "issue.personal_data": "Kolom '{column}' lijkt persoonsgegevens te bevatten ({kind}). "
    "Verwijder deze kolom; het bestand is niet opgeslagen.",
    # row-level errors
    "issue.extra_fields": "Deze rij heeft meer cellen dan er kolomkoppen zijn. Waarschijnlijk "
    "staat het scheidingsteken ({delimiter}) in een waarde. Zet die waarde tussen "
    "aanhalingstekens of haal het teken weg.",
    # warnings
    "issue.encoding_guess": "Het bestand is niet als UTF-8 opgeslagen. We hebben het gelezen als "
    "{encoding}. Controleer of letters als é en ë goed zijn overgekomen. Sla anders op als "
    "'CSV UTF-8'.",
    "issue.multiple_sheets": "Het bestand heeft meer tabbladen. We hebben het tabblad '{sheet}' "
    "gelezen. Staan de gegevens op een ander tabblad? Kies dan dat tabblad.",
    "issue.formula": "Deze cel begint met =, +, - of @. Excel kan dat als formule uitvoeren. We "
    "lezen het als gewone tekst. Haal het teken weg als het geen formule hoort te zijn.",
    "issue.future_completed": "Deze interventie is afgerond, maar het startjaar ({startjaar}) "
    "ligt in de toekomst. Controleer het startjaar en de status.",
    "issue.planned_not_started": "Deze interventie staat nog op gepland, maar het startjaar "
    "({startjaar}) is al meer dan een jaar voorbij. Controleer de status en het startjaar.",
    # how the file was read
    "upload.dialect.kop": "Zo is het bestand gelezen",
    "upload.dialect.format": "Soort bestand",
    "upload.dialect.encoding": "Tekenset",
    "upload.dialect.delimiter": "Scheidingsteken",
    "upload.dialect.decimal": "Decimaalteken",
    "upload.dialect.thousands": "Scheidingsteken voor duizendtallen",
    "upload.dialect.sheet": "Tabblad",
    "upload.dialect.sheets": "Tabbladen in het bestand",
    "upload.dialect.headers": "Herkende kolomkoppen",
    "upload.dialect.geen": "geen",
    "upload.formaat.csv": "CSV (tekst)",
    "upload.formaat.xlsx": "Excel-werkmap (.xlsx)",
    "upload.teken.komma": "komma (,)",
    "upload.teken.puntkomma": "puntkomma (;)",
    "upload.teken.tab": "tab",
    "upload.teken.streep": "verticale streep (|)",
    "upload.teken.punt": "punt (.)",
    "upload.kop.regel": "'{origineel}' → {kolom}",
    "upload.vertaald.kop": "Vertaalde waarden",
    "upload.vertaald.regel": "{kolom}: '{origineel}' → {code} ({aantal}×)",
    "upload.leeg.rijen": "Lege rijen overgeslagen: {n}.",
    "upload.rapport.rij": "Rij",
    "upload.rapport.kolom": "Kolom",
    "upload.rapport.waarde": "Waarde",
    "upload.rapport.ernst": "Ernst",
    "upload.rapport.melding": "Melding",
    "upload.ernst.error": "fout",
    "upload.ernst.warning": "waarschuwing",
}

EN: dict[str, str] = {
    "issue.too_large": "The file is too large. The limit is {limit} {unit}. Split the file into "
    "parts or remove columns that are not in the template.",
    "issue.empty_file": "The file is empty. Choose the right file and try again.",
    "issue.not_text": "This is not a CSV file and not an Excel file. In Excel, save the table as "
    "'CSV UTF-8 (comma delimited)' or as an Excel workbook (.xlsx).",
    "issue.bad_csv": "The file cannot be read as CSV. Often a quotation mark (\") somewhere is "
    "not closed. Open the file in Excel and save it again as CSV.",
    "issue.no_rows": "The file has column headers but no data. Put at least one row of data "
    "below the header row.",
    "issue.too_many_columns": "The file has {count} columns. That is too many: the maximum is "
    "{limit}. Keep only the columns of the template.",
    "issue.bad_xlsx": "This Excel file is damaged or not a real Excel workbook (.xlsx). Open it "
    "in Excel and save it again as .xlsx or as CSV.",
    "issue.old_excel": "This is an old Excel file (.xls) or a file with a password. Remove the "
    "password and save it as an Excel workbook (.xlsx) or as CSV.",
    "issue.zip_bomb": "This Excel file becomes far too large when unpacked, so it was not read. "
    "Copy the data to a new workbook or save it as CSV.",
    "issue.unknown_sheet": "The sheet '{sheet}' does not exist in this file. Choose one of these "
    "sheets: {sheets}.",
    "issue.empty_sheet": "The sheet '{sheet}' is empty. Choose the sheet that holds the data.",
    "issue.duplicate_header": "More than one column belongs to '{column}': {headers}. Keep one "
    "of these columns and remove the others.",
    "issue.personal_data": "Column '{column}' seems to contain personal data ({kind}). "
    "Remove this column; the file has not been saved.",
    "issue.extra_fields": "This row has more cells than there are column headers. Probably the "
    "delimiter ({delimiter}) appears in a value. Put that value in quotation marks or remove "
    "the character.",
    "issue.encoding_guess": "The file was not saved as UTF-8. We read it as {encoding}. Check "
    "that letters such as é and ë came through correctly. Otherwise save it as 'CSV UTF-8'.",
    "issue.multiple_sheets": "The file has more sheets. We read the sheet '{sheet}'. Is the data "
    "on another sheet? Then choose that sheet.",
    "issue.formula": "This cell starts with =, +, - or @. Excel may run it as a formula. We read "
    "it as plain text. Remove the character if it is not meant to be a formula.",
    "issue.future_completed": "This intervention is completed, but the start year ({startjaar}) "
    "is in the future. Check the start year and the status.",
    "issue.planned_not_started": "This intervention is still planned, but the start year "
    "({startjaar}) is more than a year ago. Check the status and the start year.",
    "upload.dialect.kop": "How the file was read",
    "upload.dialect.format": "Type of file",
    "upload.dialect.encoding": "Character set",
    "upload.dialect.delimiter": "Delimiter",
    "upload.dialect.decimal": "Decimal mark",
    "upload.dialect.thousands": "Thousands separator",
    "upload.dialect.sheet": "Sheet",
    "upload.dialect.sheets": "Sheets in the file",
    "upload.dialect.headers": "Recognised column headers",
    "upload.dialect.geen": "none",
    "upload.formaat.csv": "CSV (text)",
    "upload.formaat.xlsx": "Excel workbook (.xlsx)",
    "upload.teken.komma": "comma (,)",
    "upload.teken.puntkomma": "semicolon (;)",
    "upload.teken.tab": "tab",
    "upload.teken.streep": "vertical bar (|)",
    "upload.teken.punt": "full stop (.)",
    "upload.kop.regel": "'{origineel}' → {kolom}",
    "upload.vertaald.kop": "Translated values",
    "upload.vertaald.regel": "{kolom}: '{origineel}' → {code} ({aantal}×)",
    "upload.leeg.rijen": "Empty rows skipped: {n}.",
    "upload.rapport.rij": "Row",
    "upload.rapport.kolom": "Column",
    "upload.rapport.waarde": "Value",
    "upload.rapport.ernst": "Severity",
    "upload.rapport.melding": "Message",
    "upload.ernst.error": "error",
    "upload.ernst.warning": "warning",
}
