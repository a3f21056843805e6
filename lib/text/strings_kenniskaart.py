"""Strings of the Kenniskaart page and its profile exports (merged into ``lib.i18n``)."""

from __future__ import annotations

NL: dict[str, str] = {
    "nav.kenniskaart": "Kenniskaart",
    "kenniskaart.titel": "Kenniskaart",
    "kenniskaart.intro": "Van losse interventies naar een samenhangend programma: welke "
    "leefdomeinen en leeftijden de interventies bereiken, hoe perspectief en grenzen in balans "
    "zijn, welke sterk onderbouwde risicofactoren nog niet gedekt zijn en van wie u kunt leren. "
    "Kies één gemeente in de zijbalk voor haar profiel.",
    "kenniskaart.scope.alle": "Het hele programma",
    "kenniskaart.kort": "In het kort",
    "kenniskaart.samenvatting.leeg": "{naam} heeft nog geen interventies in de data. Er is dus "
    "nog niets te zeggen over leefdomeinen, doelgroepen en pijlers.",
    "kenniskaart.samenvatting.domeinen": "{naam} bereikt {n} van de {totaal} leefdomeinen",
    "kenniskaart.samenvatting.domeinen_niet": "; {domeinen} nog niet",
    "kenniskaart.samenvatting.leeftijd_niet": "Geen interventie richt zich op {groepen}.",
    "kenniskaart.samenvatting.leeftijd_alle": "Er zijn interventies voor elke leeftijdsgroep "
    "van 8 tot 27 jaar.",
    "kenniskaart.samenvatting.pijlers": "{perspectief} van de interventies biedt perspectief, "
    "{grenzen} stelt grenzen.",
    "kenniskaart.samenvatting.geen_gaten": "Elke sterk onderbouwde risicofactor waar u iets aan "
    "kunt doen, wordt gedekt.",
    "kenniskaart.samenvatting.gat": "{n} sterk onderbouwde risicofactor is niet gedekt: "
    "{factoren}.",
    "kenniskaart.samenvatting.gaten": "{n} sterk onderbouwde risicofactoren zijn niet gedekt: "
    "{factoren}.",
    "kenniskaart.leeftijd.kinderen": "kinderen (8 tot 12 jaar)",
    "kenniskaart.leeftijd.jongeren": "jongeren (12 tot 18 jaar)",
    "kenniskaart.leeftijd.jongvolwassenen": "jongvolwassenen (18 tot 27 jaar)",
    # programme profile
    "kenniskaart.profiel": "Programmaprofiel",
    "kenniskaart.domeinen.kop": "Leefdomeinen",
    "kenniskaart.domeinen.uitleg": "Een interventie bereikt het leefdomein van elke risico- of "
    "beschermende factor die zij noemt, wat haar status ook is. Interventies zonder gekoppelde "
    "factor bereiken geen domein.",
    "kenniskaart.domeinen.bevinding": "{naam} bereikt {n} van de {totaal} leefdomeinen.",
    "kenniskaart.domeinen.niet": "Geen interventie bereikt: {domeinen}.",
    "kenniskaart.domeinen.alle": "Elk leefdomein wordt bereikt.",
    "kenniskaart.per_gemeente.kop": "Leefdomeinen per gemeente",
    "kenniskaart.per_gemeente.bevinding": "{n} van de {totaal} gemeenten bereiken {min} of meer "
    "leefdomeinen tegelijk; de kennissynthese raadt aan meerdere leefdomeinen tegelijk aan te "
    "pakken.",
    "kenniskaart.doelgroepen.kop": "Doelgroepen van 8 tot 27 jaar",
    "kenniskaart.doelgroepen.bevinding": "De interventies richten zich op {n} van de {totaal} "
    "doelgroepen.",
    "kenniskaart.doelgroepen.niet": "Geen interventie richt zich op: {groepen}.",
    "kenniskaart.doelgroepen.alle": "Elke doelgroep krijgt aandacht.",
    "kenniskaart.doelgroepen.onbekend": "Zonder doelgroep: {n} interventies.",
    "kenniskaart.soort.leeftijd": "Leeftijdsgroep",
    "kenniskaart.soort.omgeving": "Rond de jongere",
    "kenniskaart.niet_bereikt": "niet bereikt",
    # pillars
    "as.pijler": "Pijler",
    "kenniskaart.pijlers.kop": "Balans tussen perspectief en grenzen",
    "kenniskaart.pijlers.uitleg": "Preventie met gezag heeft twee pijlers: jongeren perspectief "
    "bieden (gedrag en identiteit, jongerenwerk, vroegsignalering, gezin, school en werk, geld) "
    "en grenzen stellen (gezag en handhaving). Samenwerking en overige interventies dienen beide "
    "en heten hier verbindend.",
    "kenniskaart.pijlers.bevinding": "{naam}: {perspectief} perspectief en {grenzen} grenzen. "
    "Ter vergelijking: {groep} {perspectief_ref} perspectief en {grenzen_ref} grenzen.",
    "kenniskaart.pijlers.bevinding.een": "{naam}: {perspectief} perspectief, {grenzen} grenzen "
    "en {verbindend} verbindend.",
    "kenniskaart.pijlers.geen": "Geen interventies, dus geen verdeling over de pijlers.",
    # gaps
    "kenniskaart.gaten.kop": "Sterk onderbouwde risicofactoren die niet gedekt zijn",
    "kenniskaart.gaten.geen": "Elke sterk onderbouwde risicofactor waar u iets aan kunt doen, "
    "wordt in deze selectie gedekt.",
    "kenniskaart.gaten.themas": "Thema's die deze factor kunnen aanpakken",
    "kenniskaart.gaten.leer": "Leer van",
    "kenniskaart.gaten.leer.geen": "Geen andere gemeente heeft hier een interventie voor.",
    "kenniskaart.gaten.meer": "en nog {n} andere gemeente(n)",
    "kenniskaart.gaten.geen_thema": "Nog geen thema gekoppeld.",
    "as.interventie": "Interventie",
    "kenniskaart.as.n_domeinen": "Leefdomeinen bereikt",
    "kenniskaart.as.meerdere": "Meerdere leefdomeinen tegelijk",
    "kenniskaart.as.domeinen": "Welke leefdomeinen",
    "kenniskaart.as.soort": "Soort doelgroep",
    # lessons check
    "kenniskaart.lessen.kop": "Toets aan de lessen uit het onderzoek",
    "kenniskaart.lessen.uitleg": "Elk licht heeft een tekst en een teken: ✔ goed, ⚠ let op, "
    "✖ actie nodig, ? onbekend.",
    "kenniskaart.licht.groen": "Goed",
    "kenniskaart.licht.oranje": "Let op",
    "kenniskaart.licht.rood": "Actie nodig",
    "kenniskaart.licht.onbekend": "Onbekend",
    "kenniskaart.check.monitoring": "Plan voor monitoring en evaluatie",
    "kenniskaart.check.doelgroep": "Doelgroep beschreven",
    "kenniskaart.check.factoren": "Gekoppeld aan risicofactoren",
    "kenniskaart.check.vertraagd": "Geplande interventies op tijd",
    "kenniskaart.check.geld": "Aandacht voor geldproblemen",
    "kenniskaart.check.jongvolwassenen": "Aandacht voor jongvolwassenen",
    "kenniskaart.check.geen_interventies": "geen interventies om te toetsen.",
    "kenniskaart.uitkomst.monitoring": "Met een plan voor monitoring en evaluatie: {n} van de "
    "{totaal} interventies ({pct}).",
    "kenniskaart.uitkomst.doelgroep": "Zonder doelgroep: {n} van de {totaal} interventies ({pct}).",
    "kenniskaart.uitkomst.factoren": "Zonder gekoppelde risico- of beschermende factor: {n} van "
    "de {totaal} interventies ({pct}).",
    "kenniskaart.uitkomst.vertraagd": "Nog gepland, terwijl het startjaar al voorbij is (zie de "
    "regel): {n} van de {totaal} interventies ({pct}).",
    "kenniskaart.uitkomst.geld": "Over geld of geldproblemen: {n} van de {totaal} interventies "
    "({pct}).",
    "kenniskaart.uitkomst.jongvolwassenen": "Gericht op jongvolwassenen (18 tot 27 jaar): {n} van "
    "de {totaal} interventies ({pct}).",
    "kenniskaart.regel.monitoring": "Regel: goed vanaf {groen} met een plan, let op vanaf "
    "{oranje}, daaronder actie nodig. Niet ingevuld telt als geen plan.",
    "kenniskaart.regel.doelgroep": "Regel: goed als elke interventie een doelgroep heeft, let op "
    "tot en met {grens} zonder doelgroep, daarboven actie nodig.",
    "kenniskaart.regel.factoren": "Regel: goed als elke interventie een factor noemt, let op tot "
    "en met {grens} zonder factor, daarboven actie nodig.",
    "kenniskaart.regel.vertraagd": "Regel: een geplande interventie is te laat als haar "
    "startjaar meer dan {jaren} jaar voor dit jaar ligt. Goed als er geen zijn, let op tot en "
    "met {grens}, daarboven actie nodig.",
    "kenniskaart.regel.geld": "Regel: goed als minstens één interventie het thema geldzorgen "
    "heeft of de factor geldproblemen, snel geld of armoede en schulden in het gezin noemt; "
    "anders let op. Dit is een accent van Preventie met gezag.",
    "kenniskaart.regel.jongvolwassenen": "Regel: goed als minstens één interventie zich op "
    "jongvolwassenen richt; anders let op. Dit is een accent van Preventie met gezag.",
    "kenniskaart.les": "Les",
    # export
    "kenniskaart.export.kop": "Profiel downloaden",
    "kenniskaart.export.uitleg": "Eén pagina met dezelfde inhoud, met datum, dataversie en "
    "bronnen. Namen van interventies staan er als gewone tekst in.",
    "kenniskaart.export.pdf": "PDF",
    "kenniskaart.export.md": "Markdown",
    "kenniskaart.export.html": "HTML",
    "kenniskaart.profiel.titel": "Kenniskaart: {naam}",
    "kenniskaart.profiel.gemaakt": "Gemaakt op {datum} · dataversie {versie} van "
    "{versie_datum} · {n} interventies",
    "kenniskaart.profiel.illustratief": "Voorbeelddata: de interventies zijn gegenereerd en niet "
    "officieel.",
    "kenniskaart.profiel.bronnen": "Bronnen",
    "kenniskaart.profiel.bron": "Bron",
    "kenniskaart.profiel.zonder_doelgroep": "zonder doelgroep",
    "cli.profiel.geschreven": "Profiel geschreven naar {pad}",
    "cli.profiel.onbekend": "Onbekende gemeentecode: {code}",
}

EN: dict[str, str] = {
    "nav.kenniskaart": "Knowledge map",
    "kenniskaart.titel": "Knowledge map",
    "kenniskaart.intro": "From separate interventions to a coherent programme: which life "
    "domains and ages the interventions reach, how prospects and limits are balanced, which "
    "strongly supported risk factors are not yet covered and whom you can learn from. Choose "
    "one municipality in the sidebar for its profile.",
    "kenniskaart.scope.alle": "The whole programme",
    "kenniskaart.kort": "In short",
    "kenniskaart.samenvatting.leeg": "{naam} has no interventions in the data yet. So there is "
    "nothing to say yet about life domains, target groups and pillars.",
    "kenniskaart.samenvatting.domeinen": "{naam} reaches {n} of the {totaal} life domains",
    "kenniskaart.samenvatting.domeinen_niet": "; not yet {domeinen}",
    "kenniskaart.samenvatting.leeftijd_niet": "No intervention is aimed at {groepen}.",
    "kenniskaart.samenvatting.leeftijd_alle": "There are interventions for every age group from "
    "8 to 27.",
    "kenniskaart.samenvatting.pijlers": "{perspectief} of the interventions offer prospects, "
    "{grenzen} set limits.",
    "kenniskaart.samenvatting.geen_gaten": "Every strongly supported risk factor that can be "
    "addressed is covered.",
    "kenniskaart.samenvatting.gat": "{n} strongly supported risk factor is not covered: "
    "{factoren}.",
    "kenniskaart.samenvatting.gaten": "{n} strongly supported risk factors are not covered: "
    "{factoren}.",
    "kenniskaart.leeftijd.kinderen": "children (8 to 11)",
    "kenniskaart.leeftijd.jongeren": "young people (12 to 17)",
    "kenniskaart.leeftijd.jongvolwassenen": "young adults (18 to 27)",
    "kenniskaart.profiel": "Programme profile",
    "kenniskaart.domeinen.kop": "Life domains",
    "kenniskaart.domeinen.uitleg": "An intervention reaches the life domain of every risk or "
    "protective factor it lists, whatever its status. Interventions without a linked factor "
    "reach no domain.",
    "kenniskaart.domeinen.bevinding": "{naam} reaches {n} of the {totaal} life domains.",
    "kenniskaart.domeinen.niet": "No intervention reaches: {domeinen}.",
    "kenniskaart.domeinen.alle": "Every life domain is reached.",
    "kenniskaart.per_gemeente.kop": "Life domains per municipality",
    "kenniskaart.per_gemeente.bevinding": "{n} of the {totaal} municipalities reach {min} or "
    "more life domains at once; the knowledge synthesis advises addressing several life domains "
    "at once.",
    "kenniskaart.doelgroepen.kop": "Target groups from 8 to 27",
    "kenniskaart.doelgroepen.bevinding": "The interventions are aimed at {n} of the {totaal} "
    "target groups.",
    "kenniskaart.doelgroepen.niet": "No intervention is aimed at: {groepen}.",
    "kenniskaart.doelgroepen.alle": "Every target group gets attention.",
    "kenniskaart.doelgroepen.onbekend": "Without a target group: {n} interventions.",
    "kenniskaart.soort.leeftijd": "Age group",
    "kenniskaart.soort.omgeving": "Around the young person",
    "kenniskaart.niet_bereikt": "not reached",
    "as.pijler": "Pillar",
    "kenniskaart.pijlers.kop": "Balance between prospects and limits",
    "kenniskaart.pijlers.uitleg": "Preventie met gezag has two pillars: offering young people "
    "prospects (behaviour and identity, youth work, early detection, family, school and work, "
    "money) and setting limits (authority and enforcement). Cooperation and other interventions "
    "serve both and are called connecting here.",
    "kenniskaart.pijlers.bevinding": "{naam}: {perspectief} prospects and {grenzen} limits. For "
    "comparison: {groep} {perspectief_ref} prospects and {grenzen_ref} limits.",
    "kenniskaart.pijlers.bevinding.een": "{naam}: {perspectief} prospects, {grenzen} limits and "
    "{verbindend} connecting.",
    "kenniskaart.pijlers.geen": "No interventions, so no split over the pillars.",
    "kenniskaart.gaten.kop": "Strongly supported risk factors that are not covered",
    "kenniskaart.gaten.geen": "Every strongly supported risk factor that can be addressed is "
    "covered in this selection.",
    "kenniskaart.gaten.themas": "Themes that can address this factor",
    "kenniskaart.gaten.leer": "Learn from",
    "kenniskaart.gaten.leer.geen": "No other municipality has an intervention for this.",
    "kenniskaart.gaten.meer": "and {n} other municipality(ies)",
    "kenniskaart.gaten.geen_thema": "No theme linked yet.",
    "as.interventie": "Intervention",
    "kenniskaart.as.n_domeinen": "Life domains reached",
    "kenniskaart.as.meerdere": "Several life domains at once",
    "kenniskaart.as.domeinen": "Which life domains",
    "kenniskaart.as.soort": "Kind of target group",
    "kenniskaart.lessen.kop": "Check against the lessons of the research",
    "kenniskaart.lessen.uitleg": "Every light has a text and a sign: ✔ good, ⚠ attention, "
    "✖ action needed, ? unknown.",
    "kenniskaart.licht.groen": "Good",
    "kenniskaart.licht.oranje": "Attention",
    "kenniskaart.licht.rood": "Action needed",
    "kenniskaart.licht.onbekend": "Unknown",
    "kenniskaart.check.monitoring": "Monitoring and evaluation plan",
    "kenniskaart.check.doelgroep": "Target group described",
    "kenniskaart.check.factoren": "Linked to risk factors",
    "kenniskaart.check.vertraagd": "Planned interventions on time",
    "kenniskaart.check.geld": "Attention to money problems",
    "kenniskaart.check.jongvolwassenen": "Attention to young adults",
    "kenniskaart.check.geen_interventies": "no interventions to check.",
    "kenniskaart.uitkomst.monitoring": "With a monitoring and evaluation plan: {n} of the "
    "{totaal} interventions ({pct}).",
    "kenniskaart.uitkomst.doelgroep": "Without a target group: {n} of the {totaal} interventions "
    "({pct}).",
    "kenniskaart.uitkomst.factoren": "Without a linked risk or protective factor: {n} of the "
    "{totaal} interventions ({pct}).",
    "kenniskaart.uitkomst.vertraagd": "Still planned although the start year has passed (see the "
    "rule): {n} of the {totaal} interventions ({pct}).",
    "kenniskaart.uitkomst.geld": "About money or money problems: {n} of the {totaal} "
    "interventions ({pct}).",
    "kenniskaart.uitkomst.jongvolwassenen": "Aimed at young adults (18 to 27): {n} of the "
    "{totaal} interventions ({pct}).",
    "kenniskaart.regel.monitoring": "Rule: good from {groen} with a plan, attention from "
    "{oranje}, action needed below that. Not filled in counts as no plan.",
    "kenniskaart.regel.doelgroep": "Rule: good when every intervention has a target group, "
    "attention up to {grens} without one, action needed above that.",
    "kenniskaart.regel.factoren": "Rule: good when every intervention lists a factor, attention "
    "up to {grens} without one, action needed above that.",
    "kenniskaart.regel.vertraagd": "Rule: a planned intervention is late when its start year "
    "lies more than {jaren} year before this year. Good when there are none, attention up to "
    "{grens}, action needed above that.",
    "kenniskaart.regel.geld": "Rule: good when at least one intervention has the theme money "
    "problems or lists the factor money problems, quick money or family poverty and debt; "
    "otherwise attention. This is an accent of Preventie met gezag.",
    "kenniskaart.regel.jongvolwassenen": "Rule: good when at least one intervention is aimed at "
    "young adults; otherwise attention. This is an accent of Preventie met gezag.",
    "kenniskaart.les": "Lesson",
    "kenniskaart.export.kop": "Download the profile",
    "kenniskaart.export.uitleg": "One page with the same content, with date, data version and "
    "sources. Intervention names are included as plain text.",
    "kenniskaart.export.pdf": "PDF",
    "kenniskaart.export.md": "Markdown",
    "kenniskaart.export.html": "HTML",
    "kenniskaart.profiel.titel": "Knowledge map: {naam}",
    "kenniskaart.profiel.gemaakt": "Made on {datum} · data version {versie} of {versie_datum} · "
    "{n} interventions",
    "kenniskaart.profiel.illustratief": "Example data: the interventions are generated and not "
    "official.",
    "kenniskaart.profiel.bronnen": "Sources",
    "kenniskaart.profiel.bron": "Source",
    "kenniskaart.profiel.zonder_doelgroep": "without a target group",
    "cli.profiel.geschreven": "Profile written to {pad}",
    "cli.profiel.onbekend": "Unknown municipality code: {code}",
}
