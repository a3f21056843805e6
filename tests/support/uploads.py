"""Upload files an analyst makes from the template, written to a folder by the tests.

``four_rows``: the interventions template filled in with four new interventions, two in Den
Haag (GM0518) and two in Rotterdam (GM0599), as the Dutch Excel writes it (``;`` and a
decimal comma). ``updated_rows`` changes the status of existing interventions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

HEADER: Final = (
    "interventie_id;gemeentecode;naam;thema;status;doelgroep;startjaar;bereik;budget_eur;"
    "factoren;monitoringplan;bron"
)
DEN_HAAG: Final = "GM0518"
ROTTERDAM: Final = "GM0599"
FOUR_ROWS: Final = (
    "GM0518-101;GM0518;Straatcoaches Laak;jongerenwerk;in_uitvoering;jongeren;2025;85;"
    "64000,50;criminele_vrienden|snel_geld;ja;Gemeente Den Haag, kwartaalrapportage",
    "GM0518-102;GM0518;Budgetcoaching Escamp;financien;gepland;jongvolwassenen;2026;;"
    "12500,5;geldproblemen_jongere;nee;Gemeente Den Haag, kwartaalrapportage",
    "GM0599-101;GM0599;Ouderavonden Feijenoord;gezin;in_uitvoering;ouders;2025;40;"
    "18000;problematisch_gezin;ja;Gemeente Rotterdam, voortgangsrapportage",
    "GM0599-102;GM0599;Mentoren Charlois;gedragsinterventie;gepland;jongeren;2026;25;"
    "30000;eerdere_sancties|vroege_delicten;ja;Gemeente Rotterdam, voortgangsrapportage",
)
FOUR_IDS: Final = tuple(row.split(";", 1)[0] for row in FOUR_ROWS)


def write_rows(folder: Path, name: str, rows: Sequence[str]) -> Path:
    """A CSV file with the template's header and ``rows``."""
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def four_rows(folder: Path) -> Path:
    return write_rows(folder, "den_haag_rotterdam.csv", FOUR_ROWS)
