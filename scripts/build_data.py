"""Build the illustrative intervention table and the data package metadata.

Intervention rows are not published per municipality, so this script generates them with a
fixed seed. The generated rows honour every published aggregate of the practice scan for the
8 BOTOC municipalities (62 interventions, 53 carried out, the three most frequent themes) and
give the other municipalities of the first wave a plausible programme. Every generated row has
``illustratief = true``. The script then writes ``datapackage.json`` with the sources, licence,
date, status, row count and checksum of every curated table.

Run ``python scripts/build_data.py`` (or ``--out DIR``); the output is byte-for-byte stable.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_context
import build_gemeenten

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "data" / "curated"
BOUNDARIES = ROOT / "data" / "geo" / "gemeente_2023_gegeneraliseerd_wgs84.geojson"
SEED = 2022
DATA_DATE = "2026-11-28"
GENERATED_BY = "scripts/build_data.py"

POLICY_LETTER = (
    "Beleidsreactie op het onderzoeksdrieluik van Bureau Beke over ingroei- en "
    "rekruteringsmechanismen van jongeren in de georganiseerde criminaliteit, Ministerie van "
    "Justitie en Veiligheid, 2022"
)
ILLUSTRATIVE_SOURCE = (
    f"Voorbeelddata, gegenereerd door {GENERATED_BY} (seed {SEED}); de totalen van de "
    "BOTOC-gemeenten volgen de beleidsreactie (2022)"
)

# Published aggregates (policy letter, 2022): 8 BOTOC municipalities, 62 interventions,
# 53 carried out; the three most frequent themes are behavioural interventions, youth work
# and early detection. The split over municipalities, themes and statuses is illustrative.
BOTOC_COUNTS: dict[str, int] = {
    "GM0363": 10,
    "GM0599": 10,
    "GM0518": 9,
    "GM0344": 8,
    "GM0772": 7,
    "GM0855": 7,
    "GM0202": 6,
    "GM0479": 5,
}
BOTOC_THEMES: dict[str, int] = {
    "gedragsinterventie": 16,
    "jongerenwerk": 14,
    "vroegsignalering": 12,
    "gezin": 6,
    "onderwijs_werk": 6,
    "samenwerking": 4,
    "gezag": 2,
    "financien": 1,
    "overig": 1,
}
BOTOC_STATUSES: dict[str, int] = {
    "afgerond": 21,
    "in_uitvoering": 32,
    "niet_uitgevoerd": 6,
    "gepland": 3,
}
# Wave-1 municipalities without BOTOC history: illustrative programmes started from 2023,
# with the accents of Preventie met gezag (authority, money problems, young adults).
WAVE1_COUNTS: dict[str, int] = {
    "GM0758": 8,
    "GM0014": 7,
    "GM0917": 9,
    "GM0080": 8,
    "GM0995": 11,
    "GM0356": 4,
    "GM0606": 6,
}
WAVE1_THEME_WEIGHTS: dict[str, int] = {
    "gedragsinterventie": 3,
    "jongerenwerk": 4,
    "vroegsignalering": 4,
    "gezin": 2,
    "onderwijs_werk": 2,
    "financien": 2,
    "gezag": 4,
    "samenwerking": 2,
    "overig": 1,
}
WAVE1_STATUS_WEIGHTS: dict[str, int] = {
    "gepland": 2,
    "in_uitvoering": 6,
    "afgerond": 2,
    "niet_uitgevoerd": 1,
}

THEME_FACTORS: dict[str, tuple[str, ...]] = {
    "gedragsinterventie": ("moreel_inzicht", "lage_zelfcontrole", "subcultuur", "vroege_delicten"),
    "jongerenwerk": (
        "criminele_vrienden",
        "steunende_derde",
        "nabij_criminele_groep",
        "subcultuur",
    ),
    "vroegsignalering": ("vroege_delicten", "criminele_voorgeschiedenis", "problematisch_gezin"),
    "gezin": ("criminele_familie", "problematisch_gezin", "armoede_schulden_gezin"),
    "onderwijs_werk": ("hoger_opleidingsniveau", "werk_kwetsbare_sector", "snel_geld"),
    "financien": ("geldproblemen_jongere", "snel_geld", "armoede_schulden_gezin"),
    "gezag": ("sociale_banden_oc", "nabij_criminele_groep", "eerdere_sancties", "eerder_geweld"),
    "samenwerking": ("criminele_voorgeschiedenis", "sociale_banden_oc", "criminele_familie"),
    "overig": ("steunende_derde",),
}
THEME_TARGETS: dict[str, tuple[str, ...]] = {
    "gedragsinterventie": ("jongeren", "jongeren", "kinderen", "jongvolwassenen"),
    "jongerenwerk": ("jongeren", "jongeren", "jongvolwassenen", "wijk"),
    "vroegsignalering": ("kinderen", "jongeren", "professionals"),
    "gezin": ("ouders", "ouders", "kinderen"),
    "onderwijs_werk": ("jongeren", "jongvolwassenen", "jongvolwassenen"),
    "financien": ("jongvolwassenen", "jongeren", "ouders"),
    "gezag": ("jongeren", "jongvolwassenen", "wijk"),
    "samenwerking": ("professionals", "professionals", "wijk"),
    "overig": ("wijk", "jongeren"),
}
THEME_NAMES: dict[str, tuple[str, ...]] = {
    "gedragsinterventie": (
        "Weerbaarheidstraining",
        "Talentprogramma",
        "Identiteitstraject",
        "Groepstraining keuzes maken",
    ),
    "jongerenwerk": (
        "Straatcoaches",
        "Ambulant jongerenwerk",
        "Jongerenhuis avondopenstelling",
        "Rolmodellen in de wijk",
    ),
    "vroegsignalering": (
        "Signaleringsoverleg scholen",
        "Vroeg erop af",
        "Risicojeugd in beeld",
        "Mentorproject brugklas",
    ),
    "gezin": ("Ouderavonden", "Gezinscoach", "Opvoedsteun bij grenzen stellen"),
    "onderwijs_werk": (
        "Stageplekken met begeleiding",
        "Baangarantie jongvolwassenen",
        "Schoolmaatschappelijk werk",
    ),
    "financien": ("Schuldhulp voor jongeren", "Geldlessen", "Bijbaanbemiddeling"),
    "gezag": ("Jeugdboa's", "Persoonsgerichte aanpak jongeren", "Ronselaanpak met politie"),
    "samenwerking": ("Casusoverleg zorg en veiligheid", "Wijkteam jeugd en veiligheid"),
    "overig": ("Sportaanbod na school",),
}

SPARE_NAMES: dict[str, tuple[str, ...]] = {
    "gedragsinterventie": ("Sociale vaardigheidstraining", "Coaching op eigen keuzes"),
    "jongerenwerk": ("Jongerenwerk op straat in de avond",),
    "vroegsignalering": ("Huisbezoeken bij zorgen",),
    "gezin": ("Gezinsgesprekken met jongerenwerker",),
    "onderwijs_werk": ("Leerwerktraject",),
    "financien": ("Budgetcoaching",),
    "gezag": ("Gesprekken met ouders en politie",),
    "samenwerking": ("Netwerkoverleg jeugd",),
    "overig": ("Buurtactiviteiten voor jongeren",),
}
"""More names of each theme, used only when the drawn name is taken (never drawn at random,
so the other values stay as the seed gives them)."""

CSV_COLUMNS = (
    "interventie_id",
    "gemeentecode",
    "naam",
    "thema",
    "status",
    "doelgroep",
    "startjaar",
    "bereik",
    "budget_eur",
    "factoren",
    "monitoringplan",
    "bron",
    "illustratief",
)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expand(counts: dict[str, int]) -> list[str]:
    return [code for code, n in counts.items() for _ in range(n)]


def _weighted(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def _row(
    rng: random.Random, gemeente: dict[str, str], number: int, thema: str, status: str
) -> dict[str, str]:
    botoc = gemeente["botoc"] == "true"
    area = _areas(gemeente)[0]
    if botoc:
        start = 2022 if status == "gepland" else rng.choice((2020, 2021, 2021))
    else:
        start = (
            rng.choice((2023, 2023, 2024))
            if status != "gepland"
            else rng.choice((2023, 2024, 2025))
        )
    doelgroep = "" if rng.random() < 0.12 else rng.choice(THEME_TARGETS[thema])
    n_factors = 0 if rng.random() < 0.1 else rng.randint(1, 3)
    factors = sorted(rng.sample(THEME_FACTORS[thema], min(n_factors, len(THEME_FACTORS[thema]))))
    budget = rng.randrange(10_000, 400_000, 500) + rng.choice((0, 0, 0.5, 0.25))
    return {
        "interventie_id": f"{gemeente['gemeentecode']}-{number:03d}",
        "gemeentecode": gemeente["gemeentecode"],
        "naam": f"{rng.choice(THEME_NAMES[thema])} {area}",
        "thema": thema,
        "status": status,
        "doelgroep": doelgroep,
        "startjaar": str(start),
        "bereik": "" if status == "gepland" else str(rng.randrange(10, 400)),
        "budget_eur": f"{budget:.2f}",
        "factoren": "|".join(factors),
        "monitoringplan": "true" if rng.random() < (0.45 if botoc else 0.6) else "false",
        "bron": ILLUSTRATIVE_SOURCE,
        "illustratief": "true",
    }


def _areas(gemeente: dict[str, str]) -> list[str]:
    """The focus areas of a municipality, else its name."""
    area = gemeente["focusgebied"] or gemeente["weergavenaam"] or gemeente["gemeente"]
    return area.split(" | ")


def _name_options(gemeente: dict[str, str], thema: str, name: str) -> list[str]:
    """Names an intervention of ``thema`` can have, ``name`` first: the same kind in each
    other focus area, then the other kinds of the theme and its spare names, in every focus
    area."""
    areas = _areas(gemeente)
    kinds = THEME_NAMES[thema]
    first = next(k for k in kinds if name.startswith(f"{k} "))
    order = [first, *(k for k in kinds if k != first), *SPARE_NAMES[thema]]
    return [f"{kind} {area}" for kind in order for area in areas]


def unique_names(
    rows: list[dict[str, str]], by_code: dict[str, dict[str, str]]
) -> list[dict[str, str]]:
    """``rows`` (in the order they were drawn) with a name that no other intervention of the
    same municipality has: the first free one of ``_name_options``, else the name with a
    number (``(2)``). Draws nothing at random, so every other value stays as drawn."""
    used: dict[str, set[str]] = {}
    named = []
    for row in rows:
        taken = used.setdefault(row["gemeentecode"], set())
        options = _name_options(by_code[row["gemeentecode"]], row["thema"], row["naam"])
        free = [name for name in options if name not in taken]
        count = 2
        while not free:
            numbered = f"{row['naam']} ({count})"
            free = [numbered] if numbered not in taken else []
            count += 1
        taken.add(free[0])
        named.append({**row, "naam": free[0]})
    return named


def generate_interventions(
    gemeenten: list[dict[str, str]], *, seed: int = SEED
) -> list[dict[str, str]]:
    """Illustrative interventions: BOTOC rows honour the published totals exactly; no two
    interventions of one municipality share a name."""
    rng = random.Random(seed)
    by_code = {g["gemeentecode"]: g for g in gemeenten}
    rows: list[dict[str, str]] = []

    themes = _expand(BOTOC_THEMES)
    statuses = _expand(BOTOC_STATUSES)
    rng.shuffle(themes)
    rng.shuffle(statuses)
    slots = _expand(BOTOC_COUNTS)
    for i, code in enumerate(slots):
        number = slots[: i + 1].count(code)
        rows.append(_row(rng, by_code[code], number, themes[i], statuses[i]))

    for code, count in WAVE1_COUNTS.items():
        wave_themes = _weighted(rng, WAVE1_THEME_WEIGHTS, count)
        wave_statuses = _weighted(rng, WAVE1_STATUS_WEIGHTS, count)
        for number in range(1, count + 1):
            rows.append(
                _row(rng, by_code[code], number, wave_themes[number - 1], wave_statuses[number - 1])
            )
    return sorted(unique_names(rows, by_code), key=lambda r: r["interventie_id"])


def _csv_bytes(rows: list[dict[str, str]], columns: tuple[str, ...]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _row_sources(path: Path) -> list[dict[str, str]]:
    """The distinct sources named in the ``bron`` column, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in _read_csv(path):
        for part in row["bron"].split(" | "):
            seen.setdefault(part.strip(), None)
    return [
        {"title": src, "path": src} if src.startswith("http") else {"title": src} for src in seen
    ]


def _sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Naamsvermelding 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# The sources of the factors; the factor -> theme table cites the same ones.
FACTOR_SOURCES: list[dict[str, str]] = [
    {
        "title": "Do or Don't (Bureau Beke/WODC 2022), samenvatting Veiligheidscoalitie",
        "path": "https://veiligheidscoalitie.nl/nieuws/rapport-over-ingroeimechanismen-en-rekruteringsprocessen-jongeren-in-de-georganiseerde-criminaliteit-toont-belangrijke-inzichten",
    },
    {
        "title": "NSCR/EPIC systematische review",
        "path": "https://nscr.nl/epic-systematische-literatuurreviews-risicofactoren-beschermende-factoren-en-interventies/",
    },
    {
        "title": "Calderoni et al. 2022, Campbell Systematic Reviews",
        "path": "https://www.drugsandalcohol.ie/35685/",
    },
    {
        "title": "Calderoni et al. 2020, AIC Trends & Issues 583",
        "path": "https://www.aic.gov.au/publications/tandi/tandi583",
    },
    {
        "title": "Kamerbrief 28 741 nr. 86 (2022)",
        "path": "https://zoek.officielebekendmakingen.nl/kst-28741-86.html",
    },
    {"title": POLICY_LETTER},
]

RESOURCES: tuple[dict[str, object], ...] = (
    {
        "name": "gemeenten",
        "title": "Gemeenten in Preventie met gezag",
        "status": "gepubliceerd",
        "sources": [
            {
                "title": "Rijksoverheid, nieuwsbericht 26 april 2022 (15 gemeenten)",
                "path": "https://www.rijksoverheid.nl/actueel/nieuws/2022/04/26/extra-geld-voor-aanpak-jonge-aanwas-criminaliteit-in-15-gemeenten",
            },
            {
                "title": "Gemeente.nu, uitbreiding naar 27 gemeenten (mei 2023)",
                "path": "https://www.gemeente.nu/veiligheid/preventieve-aanpak-van-jeugdcriminaliteit-geintensiveerd/",
            },
            {
                "title": "Gemeente.nu, focusgebieden NPLV (juli 2022)",
                "path": "https://www.gemeente.nu/sociaal/werk/nieuwe-aanpak-moet-kwetsbare-wijken-veilig-en-leefbaar-maken/",
            },
            {
                "title": "CBS/PDOK Gebiedsindelingen 2023: gemeentecodes en -namen",
                "path": "https://www.pdok.nl/ogc-apis/-/article/cbs-gebiedsindelingen",
            },
            {"title": POLICY_LETTER + " (BOTOC-gemeenten)"},
            {
                "title": "Staatscourant 2022-24113, 2023-19537 en 2024-12052: de regelingen "
                "waaronder de 47 gemeenten deelnemen (tabel programma)",
                "path": "https://zoek.officielebekendmakingen.nl/stcrt-2024-12052.html",
            },
            {
                "title": "CBS, gemeentelijke indeling op 1 januari 2024 (provincies van de "
                "gemeenten van 2024)",
                "path": build_gemeenten.PROVINCE_SOURCE,
            },
            {
                "title": build_gemeenten.POPULATION_SOURCE,
                "path": build_gemeenten.POPULATION_URL,
            },
        ],
        "notes": (
            "De 47 gemeenten van het programma: 15 uit de regeling van 2022, 12 uit die van 2023 "
            "(4 via het NPLV, 8 geselecteerd) en 20 uit die van 2024 (golf tranche_2024: een "
            "eenmalige bijdrage, geen focusgebied). Inwoners: CBS, 1 januari 2024, voor alle "
            "gemeenten. Kaartpunten van de 27 gemeenten van 2022 en 2023 zijn handmatig gekozen "
            "punten in de kern; die van de 20 van 2024 zijn berekend als het punt dat het verst "
            "binnen de gemeentegrens ligt (geen zwaartepunt). Bronnen per rij in kolom bron."
        ),
    },
    {
        "name": "themas",
        "title": "Thema's van interventies",
        "status": "gepubliceerd",
        "sources": [{"title": POLICY_LETTER}],
        "notes": "Indeling volgt de drie hoofdthema's van de praktijkscan en de accenten van "
        "Preventie met gezag; de omschrijvingen zijn van dit project. Kolom pijler (indeling van "
        "dit project): de beleidsreactie zet naast preventie en perspectief meer nadruk op gezag "
        "en grenzen stellen. Thema's die jongeren iets bieden (gedragsinterventies, jongerenwerk, "
        "vroegsignalering, gezin, school en werk, geld) zijn 'perspectief'; gezag, grenzen en "
        "handhaving is 'grenzen'; samenwerking van zorg en veiligheid en overig dienen beide en "
        "zijn 'verbindend'.",
    },
    {
        "name": "factoren",
        "title": "Risico- en beschermende factoren",
        "status": "gepubliceerd",
        "sources": FACTOR_SOURCES,
        "notes": (
            "Alleen een deel van de 59 risicofactoren en 13 beschermende factoren van de "
            "kennissynthese is openbaar; deze tabel bevat wat de bronnen noemen, ontdubbeld. "
            "Leefdomein en beinvloedbaar zijn een indeling van dit project."
        ),
    },
    {
        "name": "factor_themas",
        "title": "Welke thema's een risicofactor kunnen aanpakken",
        "status": "gepubliceerd",
        "sources": FACTOR_SOURCES,
        "notes": (
            "Koppeling van elke beinvloedbare risicofactor aan de thema's van interventies die "
            "haar kunnen aanpakken. De koppeling is een indeling van dit project, met per rij een "
            "toelichting in eigen woorden; kolom bron noemt de bronnen van de factor zelf. Het "
            "is geen bewijs dat een interventie werkt."
        ),
    },
    {
        "name": "interventies",
        "title": "Interventies (voorbeelddata)",
        "status": "illustratief",
        "sources": [{"title": ILLUSTRATIVE_SOURCE}, {"title": POLICY_LETTER + " (totalen)"}],
        "notes": (
            "Interventies per gemeente zijn niet openbaar. Deze rijen zijn gegenereerd en "
            "gemarkeerd met illustratief = true. De 8 BOTOC-gemeenten tellen samen 62 "
            "interventies, waarvan 53 uitgevoerd, zoals in de praktijkscan."
        ),
    },
    {
        "name": "tijdlijn",
        "title": "Tijdlijn van BOTOC en Preventie met gezag",
        "status": "gepubliceerd",
        "sources": "per_row",
        "notes": "Bron per rij in kolom bron.",
    },
    {
        "name": "kerncijfers",
        "title": "Gepubliceerde kerncijfers",
        "status": "gepubliceerd",
        "sources": [{"title": POLICY_LETTER}],
        "notes": "Bron per rij in kolom bron.",
    },
    {
        "name": "lessen",
        "title": "Lessen uit het onderzoeksdrieluik",
        "status": "gepubliceerd",
        "sources": [{"title": POLICY_LETTER}],
        "notes": "Samengevat in eigen woorden.",
    },
)


def _gemeenten(source_dir: Path, context_files: dict[str, bytes]) -> bytes:
    """``gemeenten.csv`` completed from the roster, the CBS population and the outlines."""
    return build_gemeenten.build(
        (source_dir / "gemeenten.csv").read_bytes(),
        context_files["programma.csv"],
        context_files["bevolking.csv"],
        build_context.read_reference(build_context.REFERENCE, "programma_gemeenten.csv"),
        json.loads(BOUNDARIES.read_text(encoding="utf-8")),
    )


def build(out_dir: Path, *, source_dir: Path = CURATED) -> dict[str, bytes]:
    """Write gemeenten.csv (``scripts/build_gemeenten.py``), interventies.csv, the public
    context tables (``scripts/build_context.py``) and datapackage.json to ``out_dir``; return
    what was written."""
    context_files, context_resources = build_context.build(out_dir)
    gemeenten_csv = _gemeenten(source_dir, context_files)
    gemeenten = build_gemeenten.read_rows(gemeenten_csv)
    interventies = _csv_bytes(generate_interventions(gemeenten), CSV_COLUMNS)
    contents: dict[str, bytes] = {"gemeenten.csv": gemeenten_csv, "interventies.csv": interventies}

    resources = []
    for meta in RESOURCES:
        if meta["sources"] == "per_row":
            meta = {**meta, "sources": _row_sources(source_dir / f"{meta['name']}.csv")}
        path = f"{meta['name']}.csv"
        data = contents[path] if path in contents else (source_dir / path).read_bytes()
        rows = (
            data.decode("utf-8").count("\n") - 1
            if path in contents
            else len(_read_csv(source_dir / path))
        )
        resources.append(
            {
                **meta,
                "path": path,
                "format": "csv",
                "encoding": "utf-8",
                "licenses": [LICENCE],
                "date": DATA_DATE,
                "rows": rows,
                "hash": _sha256(data),
            }
        )
    resources += context_resources
    package = {
        "name": "preventie-met-gezag",
        "title": "Preventie met gezag: gemeenten, interventies en risicofactoren",
        "version": "1.0.0",
        "created": DATA_DATE,
        "licenses": [LICENCE],
        "resources": resources,
    }
    contents.update(context_files)
    contents["datapackage.json"] = (
        json.dumps(package, ensure_ascii=False, indent=2) + "\n"
    ).encode("utf-8")

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in contents.items():
        (out_dir / name).write_bytes(data)
    return contents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=CURATED, help="output folder")
    args = parser.parse_args()
    written = build(args.out)
    for name in written:
        print(f"wrote {args.out / name}")


if __name__ == "__main__":
    main()
