"""Strings of the accessibility statement page (merged into ``lib.i18n``)."""

from __future__ import annotations

NL: dict[str, str] = {
    "nav.toegankelijkheid": "Toegankelijkheid",
    "toegank.titel": "Toegankelijkheidsverklaring",
    "toegank.intro": "Dit dashboard moet voor iedereen bruikbaar zijn, ook met alleen een "
    "toetsenbord, een schermlezer of een vergroting. We toetsen het aan de Web Content "
    "Accessibility Guidelines (WCAG) 2.1, niveau AA. Hieronder staat wat we testen, wat nog "
    "niet voldoet en hoe u een probleem meldt.",
    "toegank.getest.kop": "Wat we testen",
    "toegank.getest": (
        "Bij elke wijziging draait een automatische test in een echte browser (Chromium), op "
        "elke pagina, in het Nederlands en in het Engels:\n"
        "- **axe-core**: een automatische controle op WCAG 2.1 A en AA. Geen enkele pagina "
        "heeft een ernstige of kritieke fout.\n"
        "- **Toetsenbord**: alle knoppen, keuzelijsten, keuzerondjes, uitklapblokken en "
        "paginalinks zijn met Tab te bereiken en met Enter, spatie of de pijltjestoetsen te "
        "bedienen. Het element met de focus heeft een duidelijk zichtbare rand.\n"
        "- **Contrast**: tekst en knoppen in de kleuren van het dashboard hebben een contrast "
        "van minstens 4,5 : 1; de kleuren van grafieken en kaart minstens 3 : 1.\n"
        "- **Taal**: de pagina geeft de gekozen taal door aan hulpsoftware, zodat een "
        "schermlezer Nederlands als Nederlands uitspreekt.\n"
        "- **Tekstalternatieven**: elke grafiek heeft een zin met de belangrijkste bevinding "
        "en een tabel met dezelfde cijfers. De kaart heeft een bevinding, een legenda in "
        "tekst en een lijst van de gemeenten met hun cijfers.\n"
        "- **Schermgrootte**: alle pagina's passen zonder horizontaal scrollen op een scherm "
        "van 1366 en van 390 pixels breed."
    ),
    "toegank.beperkingen.kop": "Wat nog niet voldoet",
    "toegank.beperkingen": (
        "- Knoppen en hulpteksten die het onderliggende platform (Streamlit) zelf toevoegt, "
        "zoals 'Skip to main content', 'Main menu', 'Fullscreen', 'Select all' en 'Help for', "
        "zijn altijd Engels, ook als het dashboard Nederlands is.\n"
        "- Op een aantal pagina's volgen tussenkoppen van niveau 3 direct op de paginatitel, "
        "zonder kop van niveau 2. Voor een schermlezer is de opbouw daardoor minder duidelijk.\n"
        "- Op de kaart kiest u een gemeente niet met het toetsenbord. Kies de gemeente dan in "
        "de zijbalk; de lijst onder de kaart geeft dezelfde cijfers. Op een telefoon staan "
        "bij het openen niet alle gemeenten in beeld.\n"
        "- Op een telefoon zijn de twee tabelgrafieken (thema's per gemeente en dekking van "
        "risicofactoren) te smal om te lezen. Open dan de tabel onder de grafiek.\n"
        "- In het Engels staat in de lijst van bronnen één Nederlandse omschrijving (van de "
        "voorbeelddata).\n"
        "- Een open keuzelijst en het vak voor het uploaden van een bestand hebben kleine "
        "technische fouten in hun rol voor hulpsoftware."
    ),
    "toegank.datum.kop": "Datum",
    "toegank.datum": "Deze verklaring is opgesteld op {datum}, op basis van de automatische "
    "tests van die dag.",
    "toegank.contact.kop": "Contact",
    "toegank.contact": "Meld een probleem via de beheerder van dit dashboard. Noem de pagina, "
    "wat u wilde doen en welke hulpsoftware u gebruikt.",
}

EN: dict[str, str] = {
    "nav.toegankelijkheid": "Accessibility",
    "toegank.titel": "Accessibility statement",
    "toegank.intro": "This dashboard should be usable by everyone, including with only a "
    "keyboard, a screen reader or magnification. We test it against the Web Content "
    "Accessibility Guidelines (WCAG) 2.1, level AA. Below is what we test, what does not "
    "comply yet and how to report a problem.",
    "toegank.getest.kop": "What we test",
    "toegank.getest": (
        "With every change an automated test runs in a real browser (Chromium), on every page, "
        "in Dutch and in English:\n"
        "- **axe-core**: an automated check for WCAG 2.1 A and AA. No page has a serious or "
        "critical violation.\n"
        "- **Keyboard**: all buttons, lists, radio buttons, expanders and page links can be "
        "reached with Tab and operated with Enter, Space or the arrow keys. The element with "
        "the focus has a clearly visible outline.\n"
        "- **Contrast**: text and buttons in the dashboard's colours have a contrast of at "
        "least 4.5 : 1; the colours of charts and map at least 3 : 1.\n"
        "- **Language**: the page passes the chosen language on to assistive technology, so "
        "that a screen reader pronounces English as English.\n"
        "- **Text alternatives**: every chart has a sentence with its main finding and a table "
        "with the same numbers. The map has a finding, a legend in text and a list of the "
        "municipalities with their figures.\n"
        "- **Screen size**: every page fits a screen 1366 and 390 pixels wide without "
        "horizontal scrolling."
    ),
    "toegank.beperkingen.kop": "What does not comply yet",
    "toegank.beperkingen": (
        "- Buttons and help texts that the underlying platform (Streamlit) adds itself, such "
        "as 'Skip to main content', 'Main menu', 'Fullscreen', 'Select all' and 'Help for', "
        "are always in English, also when the dashboard is in Dutch.\n"
        "- On some pages level 3 section headings follow the page title directly, without a "
        "level 2 heading. This makes the structure less clear for a screen reader.\n"
        "- On the map you cannot choose a municipality with the keyboard. Choose it in the "
        "sidebar instead; the list below the map has the same figures. On a phone the map "
        "does not show every municipality when it opens.\n"
        "- On a phone the two grid charts (themes per municipality and coverage of risk "
        "factors) are too narrow to read. Open the table below the chart instead.\n"
        "- In English the list of sources contains one Dutch description (of the example "
        "data).\n"
        "- An open drop-down list and the file upload area have small technical errors in "
        "their role for assistive technology."
    ),
    "toegank.datum.kop": "Date",
    "toegank.datum": "This statement was drawn up on {datum}, based on the automated tests of "
    "that day.",
    "toegank.contact.kop": "Contact",
    "toegank.contact": "Report a problem to the administrator of this dashboard. Mention the "
    "page, what you wanted to do and which assistive technology you use.",
}
