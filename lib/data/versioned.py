"""The dataset as of a version in the store: the bundled tables with the uploadable tables of
that version, and their public provenance.

A published table keeps the sources it was bundled with and gains one more: the version and
the day it was published (``Published``). Who published it, why and from which file are the
store's audit trail, shown to analysts on the Versies page only; they never reach a page
footer, a download, a slide or a profile.
"""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from lib.contract.resources import CONTEXT_UPLOADABLE
from lib.data.catalog import Dataset, Published, Resource, Source, complete_columns
from lib.data.store import Store
from lib.data.versions import VersionInfo, decode_version

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
"""The time zone of the programme: the day of a version is the day in the Netherlands."""


def with_store_version(base: Dataset, store: Store, version: int | None = None) -> Dataset:
    """``base`` with the uploadable tables of a store version (default: the current one).

    Without any version in the store, ``base`` (the bundled data, version 0) is returned.
    ``DamagedVersion`` when the version cannot be read as it was published (the dashboard
    shows the newest good version instead: ``lib.data.serving.serve``).
    """
    log = store.log()
    damage = log.damage() if version is None else None
    if damage is not None:
        raise damage
    if log.last_row is None:
        return base
    return store_dataset(base, store, log.info(log.last_row if version is None else version))


def store_dataset(base: Dataset, store: Store, info: VersionInfo) -> Dataset:
    """``base`` with the uploadable tables of the store version ``info`` (checked reads)."""
    number = info["versie"]
    interventies = complete_columns(store.read_version("interventies", info), "interventies")
    voortgang = complete_columns(store.read_version("voortgang", info), "voortgang")
    illustrative = bool(interventies.get_column("illustratief").fill_null(False).any())
    previous = base.provenance.resources["interventies"]
    day = local_date(info)
    resource = replace(
        previous,
        status="illustratief" if illustrative else "gepubliceerd",
        date=day,
        rows=interventies.height,
        hash=info["checksum"] or previous.hash,
        sources=previous.sources
        if number == 0
        else published_sources(previous.sources, "interventies", number, day, illustrative),
    )
    provenance = replace(
        base.provenance,
        version=base.provenance.version if number == 0 else str(number),
        created=day,
        resources={**base.provenance.resources, "interventies": resource},
    )
    versioned = replace(base, interventies=interventies, voortgang=voortgang, provenance=provenance)
    return with_published_context(versioned, store, info)


def local_date(info: VersionInfo) -> str:
    """The day (``2026-11-30``) of a version, as it was in the Netherlands."""
    return f"{info['tijdstip'].astimezone(AMSTERDAM):%Y-%m-%d}"


def published_sources(
    bundled: tuple[Source, ...], table: str, version: int, day: str, illustrative: bool
) -> tuple[Source, ...]:
    """The public sources of a table published as ``version``: the sources it was bundled
    with (less the description of the generated rows when the table has none), and the
    version and day. Never who published it, from which file or why."""
    kept = tuple(s for s in bundled if illustrative or not s.generated)
    return (*kept, Source(table, published=Published(table, version, day)))


def _publication(store: Store, table: str, pin: int) -> VersionInfo | None:
    """The version that published Delta version ``pin`` of ``table`` (its file and who)."""
    for row in store.history().iter_rows(named=True):  # newest first
        found = decode_version(row)
        if found["tabel"] == table and found["tabelversies"].get(table) == pin:
            return found
    return None


def with_published_context(data: Dataset, store: Store, info: VersionInfo) -> Dataset:
    """``data`` with every context table that store version ``info`` holds (one an analyst
    published); the others stay as bundled. Each such table's provenance keeps its bundled
    sources and names the version and day of its publication (never who, why or the file)."""
    frames = dict(data.context)
    resources = dict(data.provenance.resources)
    stored = [name for name in CONTEXT_UPLOADABLE if name in info["tabelversies"]]
    if not stored:
        return data
    for name in stored:
        pin = info["tabelversies"][name]
        frame = complete_columns(store.read(name, info["versie"]), name)
        frames[name] = frame
        published = _publication(store, name, pin) or info
        previous = resources.get(name)
        day = local_date(published)
        bundled = previous.sources if previous is not None else ()
        resources[name] = Resource(
            name=name,
            title=previous.title if previous is not None else name,
            status="gepubliceerd",
            date=day,
            rows=frame.height,
            hash=published["checksum"] or "",
            sources=published_sources(bundled, name, published["versie"], day, False),
            notes=previous.notes if previous is not None else "",
        )
    return replace(data, context=frames, provenance=replace(data.provenance, resources=resources))
