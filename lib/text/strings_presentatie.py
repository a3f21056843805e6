"""Strings of the presentation mode, the share links and the exports (merged into ``lib.i18n``)."""

from __future__ import annotations

NL: dict[str, str] = {
    "nav.presentatie": "Presentatie",
    # slides
    "pres.dia.kop": "Kerncijfers",
    "pres.dia.kaart": "Kaart",
    "pres.dia.themas": "Thema's",
    "pres.dia.uitvoering": "Uitvoering",
    "pres.dia.risico": "Risicofactoren zonder interventie",
    "pres.dia.lessen": "Lessen uit het onderzoek",
    "pres.dia.vervolg": "Volgende stappen",
    "pres.titel.standaard": "Preventie met gezag",
    "pres.filters.geen": "Alle gemeenten en interventies (geen filters)",
    "pres.filters.meer": "{namen} en {n} meer",
    "pres.namen.meer": "{namen} en nog {n}",
    "pres.datastatus": "Data: versie {versie} van {datum} ({status})",
    "pres.bron": "Bron: dashboard Preventie met gezag, tabellen {tabellen}. Licentie {licentie}.",
    "pres.bronnen": "Bronnen",
    "pres.tabel.gemeenten": "gemeenten",
    "pres.tabel.themas": "thema's",
    "pres.tabel.factoren": "risico- en beschermende factoren",
    "pres.tabel.interventies": "interventies (voorbeelddata)",
    "pres.tabel.tijdlijn": "tijdlijn",
    "pres.tabel.kerncijfers": "gepubliceerde kerncijfers",
    "pres.tabel.lessen": "lessen uit het onderzoek",
    "pres.dia.nummer": "Dia {nummer} van {totaal}",
    # takeaways
    "pres.selectie": "De selectie",
    "pres.samen": "Samen",
    "pres.kop.1": "{gemeenten} gemeenten met samen {interventies} interventies.",
    "pres.kop.een": "{gemeente} heeft {interventies} interventies.",
    "pres.uitvoering.zin": "{wie}: {uitgevoerd} van {n} interventies uitgevoerd ({pct}), "
    "{vergelijking}.",
    "pres.ref.boven": "boven de referentie van {ref}",
    "pres.ref.onder": "onder de referentie van {ref}",
    "pres.ref.gelijk": "gelijk aan de referentie van {ref}",
    "pres.ref.onbetrouwbaar": "te weinig interventies om te vergelijken met de referentie "
    "van {ref}",
    "pres.kaart.onbekend": "{n} gemeenten hebben geen bekende of betrouwbare waarde voor de "
    "maat '{maat}' (grijs).",
    "pres.kaart.bekend": "Elke gemeente op de kaart heeft een bekende waarde voor de maat "
    "'{maat}'.",
    "pres.themas.top": "De {n} grootste thema's zijn samen goed voor {pct} van de interventies.",
    "pres.risico.gaten": "Zonder interventie: {namen}.",
    "pres.risico.geen": "geen interventie",
    "pres.lessen.1": "{n} lessen uit {producten} onderdelen van het onderzoek.",
    "pres.lessen.2": "Voorop: {les}",
    "pres.vervolg.gaten": "Richt nieuwe interventies op de {n} sterk onderbouwde risicofactoren "
    "zonder interventie: {namen}.",
    "pres.vervolg.geen_gaten": "Elke sterk onderbouwde risicofactor heeft een interventie: houd "
    "die dekking vast.",
    "pres.vervolg.gaten.een": "Richt nieuwe interventies op de sterk onderbouwde risicofactor "
    "zonder interventie: {namen}.",
    "pres.vervolg.onder.een": "Bespreek met {namen}, onder de referentie van {ref}, wat de "
    "uitvoering tegenhoudt.",
    "pres.vervolg.onder": "Bespreek met {n} gemeenten onder de referentie van {ref} wat de "
    "uitvoering tegenhoudt: {namen}.",
    "pres.vervolg.niemand_onder": "Geen gemeente met genoeg interventies zit onder de "
    "referentie van {ref}.",
    "pres.vervolg.wachtend": "Zet de {n} van de {totaal} interventies die nog gepland of niet "
    "uitgevoerd zijn in gang.",
    "pres.vervolg.echte_data": "Vervang de voorbeelddata door de echte interventies (pagina "
    "Data bijwerken) voordat u conclusies trekt.",
    # table columns
    "pres.as.kengetal": "Kengetal",
    "pres.as.waarde": "Waarde",
    "pres.as.product": "Onderdeel",
    "pres.as.les": "Les",
    "pres.as.stap": "Stap",
    "pres.as.stap_tekst": "Wat te doen",
    # the page
    "pres.terug": "Terug naar het dashboard",
    "pres.vorige": "Vorige dia",
    "pres.volgende": "Volgende dia",
    "pres.kies": "Ga naar dia",
    "pres.instellingen": "Verhaallijn, link en downloads",
    "pres.verhaal": "Dia's in deze presentatie (in deze volgorde)",
    "pres.verhaal.hulp": "Kies de dia's in de volgorde waarin u ze wilt tonen. De keuze "
    "staat in de link, dus dezelfde link speelt dezelfde presentatie af.",
    "pres.titel": "Titel van de presentatie",
    "pres.open": "Presentatie van deze selectie",
    "pres.briefing": "Briefing van deze presentatie",
    "pres.briefing.pptx": "PowerPoint (PPTX)",
    "pres.briefing.pdf": "PDF",
    "pres.grafiek": "Deze dia",
    "pres.cover.datum": "Gemaakt op {datum} met het dashboard Preventie met gezag",
    # share links and downloads
    "deel.kop": "Link naar deze weergave",
    "deel.uitleg": "Deze link opent deze pagina met dezelfde selectie, kaartmaat en taal. "
    "Kopieer hem met de knop rechts in het vak.",
    "download.kop": "Downloaden",
    "download.png": "Afbeelding (PNG)",
    "download.svg": "Afbeelding (SVG)",
    "download.csv": "Tabel (CSV)",
    "download.xlsx": "Tabel (Excel)",
    "download.kaart": "Kaart als afbeelding (PNG)",
    "download.grafiek": "Grafiek",
    "export.cli.klaar": "Geschreven: {bestand} ({dias} dia's).",
    "export.cli.genegeerd": "Genegeerd in --filters: {params}.",
}

EN: dict[str, str] = {
    "nav.presentatie": "Presentation",
    # slides
    "pres.dia.kop": "Key figures",
    "pres.dia.kaart": "Map",
    "pres.dia.themas": "Themes",
    "pres.dia.uitvoering": "Execution",
    "pres.dia.risico": "Risk factors without an intervention",
    "pres.dia.lessen": "Lessons from the research",
    "pres.dia.vervolg": "Next steps",
    "pres.titel.standaard": "Preventie met gezag",
    "pres.filters.geen": "All municipalities and interventions (no filters)",
    "pres.filters.meer": "{namen} and {n} more",
    "pres.namen.meer": "{namen} and {n} more",
    "pres.datastatus": "Data: version {versie} of {datum} ({status})",
    "pres.bron": "Source: Preventie met gezag dashboard, tables {tabellen}. Licence {licentie}.",
    "pres.bronnen": "Sources",
    "pres.tabel.gemeenten": "municipalities",
    "pres.tabel.themas": "themes",
    "pres.tabel.factoren": "risk and protective factors",
    "pres.tabel.interventies": "interventions (example data)",
    "pres.tabel.tijdlijn": "timeline",
    "pres.tabel.kerncijfers": "published key figures",
    "pres.tabel.lessen": "lessons from the research",
    "pres.dia.nummer": "Slide {nummer} of {totaal}",
    # takeaways
    "pres.selectie": "The selection",
    "pres.samen": "Together",
    "pres.kop.1": "{gemeenten} municipalities with {interventies} interventions in all.",
    "pres.kop.een": "{gemeente} has {interventies} interventions.",
    "pres.uitvoering.zin": "{wie}: {uitgevoerd} of {n} interventions carried out ({pct}), "
    "{vergelijking}.",
    "pres.ref.boven": "above the reference of {ref}",
    "pres.ref.onder": "below the reference of {ref}",
    "pres.ref.gelijk": "equal to the reference of {ref}",
    "pres.ref.onbetrouwbaar": "too few interventions to compare with the reference of {ref}",
    "pres.kaart.onbekend": "{n} municipalities have no known or reliable value for the "
    "measure '{maat}' (grey).",
    "pres.kaart.bekend": "Every municipality on the map has a known value for the measure "
    "'{maat}'.",
    "pres.themas.top": "The {n} largest themes together account for {pct} of the interventions.",
    "pres.risico.gaten": "Without an intervention: {namen}.",
    "pres.risico.geen": "no intervention",
    "pres.lessen.1": "{n} lessons from {producten} parts of the research.",
    "pres.lessen.2": "First of all: {les}",
    "pres.vervolg.gaten": "Aim new interventions at the {n} strongly supported risk factors "
    "without an intervention: {namen}.",
    "pres.vervolg.geen_gaten": "Every strongly supported risk factor has an intervention: keep "
    "that coverage.",
    "pres.vervolg.gaten.een": "Aim new interventions at the strongly supported risk factor "
    "without an intervention: {namen}.",
    "pres.vervolg.onder.een": "Discuss with {namen}, below the reference of {ref}, what holds "
    "execution back.",
    "pres.vervolg.onder": "Discuss with {n} municipalities below the reference of {ref} what "
    "holds execution back: {namen}.",
    "pres.vervolg.niemand_onder": "No municipality with enough interventions is below the "
    "reference of {ref}.",
    "pres.vervolg.wachtend": "Get the {n} of {totaal} interventions that are still planned or "
    "not carried out going.",
    "pres.vervolg.echte_data": "Replace the example data with the real interventions (Update "
    "data page) before drawing conclusions.",
    # table columns
    "pres.as.kengetal": "Key figure",
    "pres.as.waarde": "Value",
    "pres.as.product": "Part",
    "pres.as.les": "Lesson",
    "pres.as.stap": "Step",
    "pres.as.stap_tekst": "What to do",
    # the page
    "pres.terug": "Back to the dashboard",
    "pres.vorige": "Previous slide",
    "pres.volgende": "Next slide",
    "pres.kies": "Go to slide",
    "pres.instellingen": "Storyline, link and downloads",
    "pres.verhaal": "Slides in this presentation (in this order)",
    "pres.verhaal.hulp": "Pick the slides in the order you want to show them. The choice is "
    "part of the link, so the same link replays the same presentation.",
    "pres.titel": "Title of the presentation",
    "pres.open": "Presentation of this selection",
    "pres.briefing": "Briefing of this presentation",
    "pres.briefing.pptx": "PowerPoint (PPTX)",
    "pres.briefing.pdf": "PDF",
    "pres.grafiek": "This slide",
    "pres.cover.datum": "Made on {datum} with the Preventie met gezag dashboard",
    # share links and downloads
    "deel.kop": "Link to this view",
    "deel.uitleg": "This link opens this page with the same selection, map measure and "
    "language. Copy it with the button at the right of the box.",
    "download.kop": "Download",
    "download.png": "Image (PNG)",
    "download.svg": "Image (SVG)",
    "download.csv": "Table (CSV)",
    "download.xlsx": "Table (Excel)",
    "download.kaart": "Map as an image (PNG)",
    "download.grafiek": "Chart",
    "export.cli.klaar": "Written: {bestand} ({dias} slides).",
    "export.cli.genegeerd": "Ignored in --filters: {params}.",
}
