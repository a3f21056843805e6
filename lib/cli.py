"""The command line for analysts' scripts and the server admin: ``python -m lib <command>``.

One parser for every command (``python -m lib --help``):

- ``validate --table interventies FILE [--json] [--write-clean OUT.csv]``: the upload report;
  exit 0 valid, 1 invalid, 2 usage error.
- ``publish --table interventies FILE --comment TEXT [--mode MODE] [--confirm-removals N]``:
  ``MODE`` is ``upsert`` (default: add new rows, update rows by key), ``add`` (only new rows),
  ``replace-municipalities`` or ``replace-all``; a publication that removes rows needs their
  exact number in ``--confirm-removals``, and one that changes nothing makes no version
- ``history``
- ``rollback VERSION [--comment TEXT]``
- ``profile [--gemeente GM0855] --format pdf|md|html --out FILE``: the Kenniskaart profile
- ``export --format pptx|pdf --out FILE [--filters QUERYSTRING]``: the briefing of a dashboard
  view (the query string of its URL: filters, ``lang``, ``verhaal``, ``titel``, ``maat``)
- ``passphrase [--stdin]``: the secrets line for a new analyst passphrase

``--lang nl|en`` (before or after the command) chooses the language of the messages and files.
The store is the one of the settings: ``PMG_STORE_URI`` (a folder or ``s3://bucket/prefix``
with the ``[store]`` section of the secrets file) or ``PMG_STORE_DIR``.
Publishing and restoring need the analyst passphrase configured in the secrets file
(``analyst_passphrase_hash``; see ``lib.config``); give the passphrase in
``PMG_ANALYST_PASSPHRASE`` or at the prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from lib import links
from lib.config import ConfigError, analyst_passphrase, data_dir, load_secrets
from lib.contract.codes import LANGS, Lang, as_lang
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import auth, geo, location, modes
from lib.data.catalog import DataError, Dataset, load_dataset
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.modes import Mode, NothingChanged, Plan
from lib.data.serving import serve
from lib.data.store import Store, checksum_bytes
from lib.data.versions import published_rows
from lib.domain.filters import Filters
from lib.errors import KeyedError
from lib.exports import BRIEFING_FORMATS, PROFILE_FORMATS
from lib.text import reports
from lib.text.i18n import t
from lib.text.publishing import changes_table, municipality_names
from lib.text.reports import to_json_report

MODES: dict[str, Mode] = {
    "upsert": "bijwerken",
    "add": "toevoegen",
    "replace-municipalities": "gemeenten",
    "replace-all": "alles",
}
"""``--mode`` of ``publish`` -> ``lib.data.modes.Mode``."""


class UsageError(Exception):
    """Bad arguments: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse prints usage and exits 2 by itself
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lib", description="Preventie met gezag: data commands")
    parser.add_argument("--lang", choices=LANGS, default="nl", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)
    # --lang may also follow the command; it then wins over the one before it
    lang = _Parser(add_help=False)
    lang.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(name, help=help_text, parents=[lang])
        return sub

    validate = command("validate", "check a file, print the report")
    validate.add_argument("--table", choices=UPLOADABLE_TABLES, required=True)
    validate.add_argument("file", type=Path)
    validate.add_argument("--sheet", help="XLSX sheet (default: the first)")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument("--write-clean", type=Path, metavar="OUT.csv")

    publish = command("publish", "validate and publish a file as a new version")
    publish.add_argument("--table", choices=UPLOADABLE_TABLES, required=True)
    publish.add_argument("file", type=Path)
    publish.add_argument("--sheet")
    publish.add_argument("--comment", required=True)
    publish.add_argument(
        "--mode",
        choices=list(MODES),
        help="what the file does to the table: upsert (default) adds new rows and updates rows "
        "by key, add only adds, replace-municipalities replaces the rows of the municipalities in "
        "the file, replace-all the whole table (the only mode of a context table)",
    )
    publish.add_argument(
        "--confirm-removals",
        type=int,
        default=0,
        metavar="N",
        help="the exact number of rows the publication removes (required when it removes any)",
    )
    publish.add_argument("--who", default=os.environ.get("USER", "beheerder"))

    command("history", "list every version")

    rollback = command("rollback", "restore an old version as a new version")
    rollback.add_argument("version", type=int)
    rollback.add_argument("--comment", default="")
    rollback.add_argument("--who", default=os.environ.get("USER", "beheerder"))

    profile = command("profile", "write the Kenniskaart profile (PDF, Markdown, HTML)")
    profile.add_argument("--gemeente", help="CBS code, e.g. GM0855 (default: the programme)")
    profile.add_argument("--format", choices=PROFILE_FORMATS, required=True)
    profile.add_argument("--out", type=Path, required=True, metavar="FILE")
    profile.add_argument("--date", type=date.fromisoformat, help="date on the profile (ISO)")

    export = command("export", "write the briefing of a dashboard view (PPTX or PDF)")
    export.add_argument("--format", choices=BRIEFING_FORMATS, required=True)
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument(
        "--filters",
        default="",
        metavar="QUERYSTRING",
        help="query string (or URL) of a dashboard view: filters, lang, verhaal, titel, maat",
    )

    passphrase = command("passphrase", "print the secrets line for a new analyst passphrase")
    passphrase.add_argument("--stdin", action="store_true", help="read it from standard input")
    return parser


def _store() -> Store:
    """The store of the settings: ``PMG_STORE_URI`` or ``PMG_STORE_DIR`` (see README)."""
    return Store(location.configured(load_secrets()))


def _dataset(store: Store, lang: Lang = "nl") -> Dataset:
    """The newest good version of the store; says on stderr when that is not the newest."""
    view = serve(load_dataset(data_dir()), store)
    if view.damage is not None:
        shown = (
            t("store.serving_bundled", lang)
            if view.served is None
            else t("store.serving", lang, goed=view.served)
        )
        print(t(view.damage.key, lang, **view.damage.params), shown, file=sys.stderr)
    return view.dataset


def _prepare(args: argparse.Namespace, data: Dataset) -> Prepared:
    if not args.file.is_file():
        raise UsageError(f"file not found: {args.file}")
    current_ids = frozenset(data.interventies.get_column("interventie_id").to_list())
    return prepare(
        args.file.read_bytes(),
        args.file.name,
        table=TABLES[args.table],
        gemeenten=data.gemeenten,
        themas=data.themas,
        factor_codes=frozenset(data.factoren.get_column("factor").to_list()),
        sheet=args.sheet,
        interventie_ids=current_ids if args.table == "voortgang" else None,
        references=data.references(),
    )


def _print_report(prepared: Prepared, lang: Lang, *, as_json: bool) -> None:
    report = to_json_report(prepared.report, lang)
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for kind in ("errors", "warnings"):
        items: list[dict[str, object]] = report[kind]  # type: ignore[assignment]
        for item in items:
            row = item["row"] if item["row"] is not None else "-"
            label = t(f"cli.severity.{kind}", lang)
            print(f"{label}\t{row}\t{item['column'] or '-'}\t{item['message']}")
    status = "cli.valid" if prepared.ok else "cli.invalid"
    errors, warnings = len(prepared.report.errors), len(prepared.report.warnings)
    counted = {
        "fouten": t("count.errors", lang, n=errors),
        "waarschuwingen": t("count.warnings", lang, n=warnings),
    }
    print(t(status, lang, **counted))


def _role(lang: Lang) -> auth.Role:
    config = auth.AuthConfig.from_secrets(load_secrets())
    if config.passphrase_hash is None:
        print(t("cli.no_passphrase", lang), file=sys.stderr)
        return "viewer"
    passphrase = analyst_passphrase() or getpass.getpass(t("cli.passphrase", lang))
    return auth.role_for(config, email=None, logged_in=False, passphrase=passphrase)


def _validate(args: argparse.Namespace, lang: Lang) -> int:
    prepared = _prepare(args, _dataset(_store(), lang))
    _print_report(prepared, lang, as_json=args.json)
    if args.write_clean is not None and prepared.clean is not None:
        prepared.clean.write_csv(args.write_clean)
    return 0 if prepared.ok else 1


def _mode(args: argparse.Namespace, lang: Lang) -> Mode:
    """The mode of ``--mode``, or the table's default; a usage error when the table cannot be
    published that way."""
    allowed = modes.modes_for(args.table)
    mode = MODES[args.mode] if args.mode is not None else allowed[0]
    if mode not in allowed:
        raise UsageError(t("cli.context_whole_table", lang, tabel=args.table))
    return mode


def _print_changes(found: Plan, data: Dataset, lang: Lang) -> None:
    """What the publication changes per municipality, as tab-separated lines."""
    names = municipality_names(data.gemeenten, data.context_table("bevolking"))
    shown = changes_table(found.changes, names, lang)
    print(t("cli.changes", lang, modus=t(f"store.scope.{found.mode}", lang)))
    print("\t".join(shown.columns))
    for row in shown.iter_rows():
        print("\t".join(row))


def _publish(args: argparse.Namespace, lang: Lang) -> int:
    mode = _mode(args, lang)
    store = _store()
    data = _dataset(store, lang)
    prepared = _prepare(args, data)
    _print_report(prepared, lang, as_json=False)
    if prepared.clean is None:
        return 1
    role = _role(lang)
    auth.require_analyst(role)  # before anything is written, version 0 included
    base = load_dataset(data_dir()).uploadable()
    store.ensure_base(base, comment=t("store.base_comment", lang))
    found = store.plan(args.table, prepared.clean, scope=mode, baseline=base[args.table])
    if found.identical:
        current = store.current_version()
        print(t("store.unchanged", lang, versie=0 if current is None else current))
        return 0
    _print_changes(found, data, lang)
    confirmed, n = args.confirm_removals, found.removed
    if confirmed != n:
        key = "cli.confirm_removals" if confirmed == 0 else "cli.confirm_removals_wrong"
        print(t(key, lang, n=n, aantal=n, bevestigd=confirmed), file=sys.stderr)
        return 1
    try:
        version = auth.guarded_publish(
            store,
            role,
            args.table,
            prepared.clean,
            who=args.who,
            comment=args.comment,
            source_name=args.file.name,
            checksum=checksum_bytes(args.file.read_bytes()),
            scope=mode,
            removals=confirmed,
            baseline=base[args.table],
        )
    except NothingChanged as same:  # nothing to publish is not a failure
        print(t(same.key, lang, **same.params))
        return 0
    print(t("cli.published", lang, versie=version))
    return 0


def _history(lang: Lang) -> int:
    history = _store().history()
    if history.is_empty():
        print(t("cli.no_versions", lang))
        return 0
    history = history.with_columns(published_rows(UPLOADABLE_TABLES))
    for row in history.iter_rows(named=True):
        print(
            f"{row['versie']}\t{row['tijdstip']:%Y-%m-%d %H:%M}\t{row['actie']}\t{row['wie']}\t"
            f"{row['bronbestand'] or '-'}\t{row['tabel'] or 'interventies'}\t{row['rijen']}\t"
            f"{row['opmerking']}"
        )
    return 0


def _rollback(args: argparse.Namespace, lang: Lang) -> int:
    store = _store()
    role = _role(lang)
    comment = args.comment or t("cli.restore_comment", lang, versie=args.version)
    version = auth.guarded_rollback(store, role, args.version, who=args.who, comment=comment)
    print(t("cli.restored", lang, oud=args.version, versie=version))
    return 0


def _load(lang: Lang) -> Dataset | None:
    """The current dataset, or None after saying on stderr why it cannot be read."""
    try:
        return _dataset(_store(), lang)
    except DataError as error:
        print("\n".join(reports.file_issue_message(i, lang) for i in error.issues), file=sys.stderr)
        return None


def _profile(args: argparse.Namespace, lang: Lang) -> int:
    from lib.domain.kenniskaart import build_profile
    from lib.exports import profile

    data = _load(lang)
    if data is None:
        return 1
    filters = Filters()
    if args.gemeente is not None:
        code = args.gemeente.strip().upper()
        if code not in set(data.gemeenten.get_column("gemeentecode").to_list()):
            raise UsageError(t("cli.unknown_gemeente", lang, code=code))
        filters = Filters(gemeenten=(code,))
    built = build_profile(data, filters, today=args.date or date.today())
    args.out.write_bytes(profile.render(built, args.format, lang))
    print(t("cli.profile_written", lang, pad=args.out))
    return 0


def _export(args: argparse.Namespace, lang: Lang) -> int:
    """The briefing of the view in ``--filters``; its ``lang`` wins over ``--lang``."""
    from lib.exports import briefing

    data = _load(lang)
    if data is None:
        return 1
    params = links.parse_query_string(str(args.filters or ""))
    codes = data.gemeenten.get_column("gemeentecode").to_list()
    filters, linked, view, ignored = links.read_link(params, codes)
    lang = linked if "lang" in params else lang
    boundaries = geo.read_boundaries(geo.configured_path(os.environ, load_secrets()))
    if ignored:
        joined = ", ".join(dict.fromkeys(ignored))
        print(t("cli.export_ignored", lang, params=joined), file=sys.stderr)
    make = briefing.pptx_bytes if args.format == "pptx" else briefing.pdf_bytes
    content = make(data, filters, lang, view, boundaries=boundaries)
    try:
        Path(args.out).write_bytes(content)
    except OSError as error:
        print(f"{args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(t("cli.export_done", lang, bestand=args.out, n=len(view.storyline.slides) + 1))
    return 0


def _passphrase(args: argparse.Namespace) -> int:
    """The secrets line for a new passphrase: asked twice without echo, or from stdin."""
    if args.stdin:
        passphrase = sys.stdin.readline().rstrip("\r\n")
    else:
        passphrase = getpass.getpass("Wachtwoordzin / passphrase: ")
        if getpass.getpass("Nogmaals / again: ") != passphrase:
            print("De twee invoeren verschillen / the two entries differ", file=sys.stderr)
            return 1
    if not passphrase:
        print("Lege wachtwoordzin / empty passphrase", file=sys.stderr)
        return 1
    print(auth.secrets_line(passphrase))
    return 0


def _run(args: argparse.Namespace, lang: Lang) -> int:
    if args.command == "validate":
        return _validate(args, lang)
    if args.command == "publish":
        return _publish(args, lang)
    if args.command == "history":
        return _history(lang)
    if args.command == "rollback":
        return _rollback(args, lang)
    if args.command == "profile":
        return _profile(args, lang)
    if args.command == "export":
        return _export(args, lang)
    return _passphrase(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command: 0 done, 1 refused or failed, 2 a usage error."""
    try:
        args = _parser().parse_args(argv)
    except UsageError as error:
        print(f"usage error: {error}", file=sys.stderr)
        return 2
    except SystemExit as stop:  # --help
        return stop.code if isinstance(stop.code, int) else 0
    lang = as_lang(args.lang)
    try:
        return _run(args, lang)
    except UsageError as error:
        print(f"usage error: {error}", file=sys.stderr)
        return 2
    except ConfigError as error:
        print(f"config error: {error}", file=sys.stderr)
        return 2
    except KeyedError as error:  # refused: not allowed, store busy, comment missing, ...
        print(t(error.key, lang, **error.params), file=sys.stderr)
        return 1
