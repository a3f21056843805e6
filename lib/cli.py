"""Command line for analysts' scripts and the server admin: ``python -m lib <command>``.

- ``validate --table interventies FILE [--json] [--write-clean OUT.csv]``: the upload report;
  exit 0 valid, 1 invalid, 2 usage error.
- ``publish --table interventies FILE --comment TEXT [--scope all|municipalities]``
- ``history``
- ``rollback VERSION --comment TEXT``
- ``profile [--gemeente GM0855] --format pdf|md|html --out FILE [--lang nl|en]``: the
  Kenniskaart profile (see ``lib.profile_export``)
- ``export --format pptx|pdf --out FILE [--filters QUERYSTRING]``: the briefing of a dashboard
  view (the query string of its URL: filters, ``lang``, ``verhaal``, ``titel``, ``maat``; see
  ``lib.briefing``)

Publishing and restoring need the analyst passphrase configured in ``.streamlit/secrets.toml``
(``analyst_passphrase_hash``; another file with ``PMG_SECRETS_FILE``); give the passphrase in
``PMG_ANALYST_PASSPHRASE`` or at the prompt.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from lib.config import STREAMLIT_DIR, data_dir, store_dir
from lib.contract.codes import LANGS, Lang, as_lang
from lib.contract.schema import TABLES, UPLOADABLE_TABLES
from lib.data import auth
from lib.data.catalog import Dataset, load_dataset, with_store_version
from lib.data.ingest.pipeline import Prepared, prepare
from lib.data.store import Store, checksum_bytes
from lib.errors import KeyedError
from lib.text.i18n import t
from lib.text.reports import to_json_report

SCOPES = {"all": "alles", "municipalities": "gemeenten"}


class UsageError(Exception):
    """Bad arguments: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse prints usage and exits 2 by itself
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lib", description="Preventie met gezag: data commands")
    parser.add_argument("--lang", choices=LANGS, default="nl", help="language of messages")
    commands = parser.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check a file, print the report")
    validate.add_argument("--table", choices=UPLOADABLE_TABLES, required=True)
    validate.add_argument("file", type=Path)
    validate.add_argument("--sheet", help="XLSX sheet (default: the first)")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.add_argument("--write-clean", type=Path, metavar="OUT.csv")

    publish = commands.add_parser("publish", help="validate and publish a file as a new version")
    publish.add_argument("--table", choices=UPLOADABLE_TABLES, required=True)
    publish.add_argument("file", type=Path)
    publish.add_argument("--sheet")
    publish.add_argument("--comment", required=True)
    publish.add_argument("--scope", choices=list(SCOPES), default="all")
    publish.add_argument("--who", default=os.environ.get("USER", "beheerder"))

    commands.add_parser("history", help="list every version")

    rollback = commands.add_parser("rollback", help="restore an old version as a new version")
    rollback.add_argument("version", type=int)
    rollback.add_argument("--comment", default="")
    rollback.add_argument("--who", default=os.environ.get("USER", "beheerder"))

    # parsed by lib.exports.profile.profile_command; listed here for --help
    commands.add_parser("profile", help="write the Kenniskaart profile (PDF, Markdown, HTML)")
    # parsed by lib.exports.briefing.export_command; listed here for --help
    commands.add_parser("export", help="write the briefing of a dashboard view (PPTX or PDF)")
    return parser


def _profile_argv(argv: Sequence[str]) -> list[str] | None:
    """The arguments after ``profile`` (with a leading ``--lang``), or None for other commands."""
    tokens = list(argv)
    lang: list[str] = []
    if tokens[:1] == ["--lang"]:
        lang, tokens = tokens[:2], tokens[2:]
    elif tokens and tokens[0].startswith("--lang="):
        lang, tokens = tokens[:1], tokens[1:]
    if not tokens or tokens[0] != "profile":
        return None
    rest = tokens[1:]
    has_lang = any(a == "--lang" or a.startswith("--lang=") for a in rest)
    return rest if has_lang or not lang else [*rest, *lang]


def _export_argv(argv: Sequence[str]) -> tuple[list[str], str] | None:
    """The arguments after ``export`` and the language of a leading ``--lang``, or None."""
    tokens = list(argv)
    lang = "nl"
    if tokens[:1] == ["--lang"] and len(tokens) > 1:
        lang, tokens = tokens[1], tokens[2:]
    elif tokens and tokens[0].startswith("--lang="):
        lang, tokens = tokens[0].split("=", 1)[1], tokens[1:]
    if not tokens or tokens[0] != "export":
        return None
    return tokens[1:], lang


def _secrets() -> Mapping[str, object]:
    """The app's secrets: ``PMG_SECRETS_FILE`` when set, else ``.streamlit/secrets.toml``."""
    configured = os.environ.get("PMG_SECRETS_FILE", "").strip()
    path = Path(configured) if configured else STREAMLIT_DIR / "secrets.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _dataset(store: Store) -> Dataset:
    return with_store_version(load_dataset(data_dir()), store)


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
            print(f"{t(f'cli.{kind}', lang)}\t{row}\t{item['column'] or '-'}\t{item['message']}")
    status = "cli.geldig" if prepared.ok else "cli.ongeldig"
    print(t(status, lang, fouten=len(report["errors"]), waarschuwingen=len(report["warnings"])))  # type: ignore[arg-type]


def _role(lang: Lang) -> auth.Role:
    config = auth.AuthConfig.from_secrets(_secrets())
    if config.passphrase_hash is None:
        print(t("cli.geen_wachtwoord", lang), file=sys.stderr)
        return "viewer"
    passphrase = os.environ.get("PMG_ANALYST_PASSPHRASE") or getpass.getpass(
        t("cli.wachtwoord", lang)
    )
    return auth.role_for(config, email=None, logged_in=False, passphrase=passphrase)


def _validate(args: argparse.Namespace, lang: Lang) -> int:
    prepared = _prepare(args, _dataset(Store(store_dir())))
    _print_report(prepared, lang, as_json=args.json)
    if args.write_clean is not None and prepared.clean is not None:
        prepared.clean.write_csv(args.write_clean)
    return 0 if prepared.ok else 1


def _publish(args: argparse.Namespace, lang: Lang) -> int:
    store = Store(store_dir())
    data = _dataset(store)
    prepared = _prepare(args, data)
    _print_report(prepared, lang, as_json=False)
    if prepared.clean is None:
        return 1
    role = _role(lang)
    auth.require_analyst(role)  # before anything is written, version 0 included
    base = load_dataset(data_dir())
    store.ensure_base(base.uploadable(), comment=t("store.basis", lang))
    version = auth.guarded_publish(
        store,
        role,
        args.table,
        prepared.clean,
        who=args.who,
        comment=args.comment,
        source_name=args.file.name,
        checksum=checksum_bytes(args.file.read_bytes()),
        scope=SCOPES[args.scope],  # type: ignore[arg-type]
    )
    print(t("cli.gepubliceerd", lang, versie=version))
    return 0


def _history(lang: Lang) -> int:
    history = Store(store_dir()).history()
    if history.is_empty():
        print(t("cli.geen_versies", lang))
        return 0
    for row in history.iter_rows(named=True):
        print(
            f"{row['versie']}\t{row['tijdstip']:%Y-%m-%d %H:%M}\t{row['actie']}\t{row['wie']}\t"
            f"{row['bronbestand'] or '-'}\t{row['rijen_interventies']}\t{row['opmerking']}"
        )
    return 0


def _rollback(args: argparse.Namespace, lang: Lang) -> int:
    store = Store(store_dir())
    role = _role(lang)
    comment = args.comment or t("cli.herstel", lang, versie=args.version)
    version = auth.guarded_rollback(store, role, args.version, who=args.who, comment=comment)
    print(t("cli.hersteld", lang, oud=args.version, versie=version))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    delegated = _profile_argv(sys.argv[1:] if argv is None else argv)
    if delegated is not None:
        from lib.exports.profile import profile_command

        return profile_command(delegated)
    exported = _export_argv(sys.argv[1:] if argv is None else argv)
    if exported is not None:
        from lib.exports.briefing import export_command

        return export_command(exported[0], default_lang=as_lang(exported[1]))
    try:
        args = _parser().parse_args(argv)
    except UsageError as error:
        print(f"usage error: {error}", file=sys.stderr)
        return 2
    lang = as_lang(args.lang)
    try:
        if args.command == "validate":
            return _validate(args, lang)
        if args.command == "publish":
            return _publish(args, lang)
        if args.command == "history":
            return _history(lang)
        return _rollback(args, lang)
    except UsageError as error:
        print(f"usage error: {error}", file=sys.stderr)
        return 2
    except KeyedError as error:  # refused: not allowed, store busy, comment missing, ...
        print(t(error.key, lang, **error.params), file=sys.stderr)
        return 1
