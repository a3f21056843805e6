"""Both catalogues complete and consistent; every key the code asks for exists, none unused.

Each test checks every key at once and lists all offenders in its failure message.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import zip_longest
from pathlib import Path
from typing import get_args

import pytest

from lib import exports
from lib.config import ROOT
from lib.contract.codes import LANGS, Lang, as_lang
from lib.slides import storyline
from lib.text import keys, provenance
from lib.text.formats import LOCALES
from lib.text.i18n import CATALOGUE, PLURALS, _flatten, load, t
from lib.text.labels import code_label
from lib.web import routes

KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")
KEY_PREFIX = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.")

# Code that builds a whole key from variables, by file and function, with the families it can
# reach. Anything else must build keys from a literal prefix that is a declared family.
DYNAMIC_SITES: dict[tuple[str, str], tuple[str, ...]] = {
    # issue parameters that are codes: validate._PARAM_LABELS
    ("lib/text/reports.py", "_param"): ("personal_data",),
    # the labels of a code column (status, doelgroep, ...), to read uploads in either language
    ("lib/data/ingest/mapping.py", "_labels"): (),
}


def family_keys(prefix: str) -> tuple[str, ...]:
    """Every key of the family ``prefix``: ``measure`` -> ``measure.interventies``, ..."""
    return tuple(f"{prefix}.{code}" for code in keys.KEY_FAMILIES[prefix])


def _all_keys(lang: Lang) -> set[str]:
    return set(CATALOGUE[lang]) | set(PLURALS[lang])


def _texts(key: str, lang: Lang) -> list[str]:
    """The text of a key, or every form of a plural."""
    if key in PLURALS[lang]:
        return list(PLURALS[lang][key].values())
    return [CATALOGUE[lang][key]]


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


NL_KEYS = _all_keys("nl")
NAMESPACES = {k.split(".")[0] for k in NL_KEYS}


# ----------------------------------------------------------------------------- the code


@dataclass(frozen=True)
class Use:
    file: str
    line: int
    function: str
    text: str  # a key, a key prefix ("measure."), or the source of a dynamic key


@dataclass(frozen=True)
class Uses:
    literals: tuple[Use, ...]  # string literals that are (or look like) keys
    call_keys: tuple[Use, ...]  # literal first arguments of t()
    prefixes: tuple[Use, ...]  # leading literal of an f-string or of a + that builds a key
    dynamic: tuple[Use, ...]  # keys built from variables only: f"{kind}.{code}"
    kinds: tuple[Use, ...]  # literal first arguments of code_label()


def _sources() -> Iterator[Path]:
    yield from sorted((ROOT / "lib").rglob("*.py"))
    yield from sorted((ROOT / "pages").rglob("*.py"))
    yield ROOT / "app.py"


class _Scanner(ast.NodeVisitor):
    def __init__(self, file: str) -> None:
        self.file = file
        self.function = "<module>"
        self.found: dict[str, list[Use]] = {k: [] for k in Uses.__dataclass_fields__}
        self.skip: set[int] = set()  # the literal parts of f-strings

    def add(self, kind: str, node: ast.AST, text: str) -> None:
        self.found[kind].append(Use(self.file, getattr(node, "lineno", 0), self.function, text))

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        outer, self.function = self.function, node.name
        self.generic_visit(node)
        self.function = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name == "t" and node.args:
            for literal in _literals(node.args[0]):
                self.add("call_keys", node, literal)
            self.key_from_variables(node.args[0])
        if name == "code_label" and node.args:
            for literal in _literals(node.args[0]):
                self.add("kinds", node, literal)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if _is_catalogue(node.value):  # CATALOGUE[lang][key]
            self.key_from_variables(node.slice)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if any(_is_catalogue(c) for c in node.comparators):  # key in CATALOGUE[lang]
            self.key_from_variables(node.left)
        self.generic_visit(node)

    def key_from_variables(self, node: ast.AST) -> None:
        """A key that starts with a variable: ``f"{kind}.{code}"``."""
        if isinstance(node, ast.JoinedStr) and isinstance(node.values[0], ast.FormattedValue):
            self.add("dynamic", node, ast.unparse(node))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.skip.update(id(v) for v in node.values)
        first = node.values[0] if node.values else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            match = KEY_PREFIX.match(first.value)
            if match and match.group(0).split(".")[0] in NAMESPACES:
                self.add("prefixes", node, match.group(0))
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        left = node.left
        if (
            isinstance(node.op, ast.Add)
            and isinstance(left, ast.Constant)
            and isinstance(left.value, str)
            and KEY_PREFIX.fullmatch(left.value)
        ):
            self.add("prefixes", node, left.value)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if id(node) in self.skip or not isinstance(node.value, str):
            return
        if KEY.fullmatch(node.value) and node.value.split(".")[0] in NAMESPACES:
            self.add("literals", node, node.value)


def _is_catalogue(node: ast.AST) -> bool:
    """``CATALOGUE[lang]`` or ``PLURALS[lang]``."""
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id in {"CATALOGUE", "PLURALS"}
    )


def _literals(node: ast.AST) -> list[str]:
    """The literal strings an argument can be: a literal, or either branch of ``a if c else b``."""
    if isinstance(node, ast.IfExp):
        return [*_literals(node.body), *_literals(node.orelse)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    return []


@cache
def scan() -> Uses:
    found: dict[str, list[Use]] = {k: [] for k in Uses.__dataclass_fields__}
    for path in _sources():
        scanner = _Scanner(path.relative_to(ROOT).as_posix())
        scanner.visit(ast.parse(path.read_text(encoding="utf-8")))
        for kind, uses in scanner.found.items():
            found[kind] += uses
    return Uses(**{kind: tuple(uses) for kind, uses in found.items()})


def _where(uses: list[Use]) -> list[str]:
    return sorted(f"{u.file}:{u.line}: {u.text}" for u in uses)


def _built_families() -> set[str]:
    """The families that code builds keys of: f-string prefixes, code kinds, dynamic sites."""
    uses = scan()
    built = {u.text.removesuffix(".") for u in uses.prefixes}
    built |= {u.text for u in uses.kinds}
    built |= {f for families in DYNAMIC_SITES.values() for f in families}
    return built & set(keys.KEY_FAMILIES)


# ----------------------------------------------------------------------------- catalogues


def test_both_catalogues_have_the_same_keys() -> None:
    nl, en = _all_keys("nl"), _all_keys("en")
    assert (sorted(nl - en), sorted(en - nl)) == ([], [])
    assert set(PLURALS["nl"]) == set(PLURALS["en"]), "a key is a plural in one language only"


def test_both_files_have_each_key_on_the_same_line() -> None:
    def shape(line: str) -> str:
        line = line.strip()
        if not line or line.startswith("#"):
            return ""
        return line if line.startswith("[") else line.split("=", 1)[0].strip()

    nl, en = (
        (ROOT / "lib" / "locale" / f"{lang}.toml").read_text(encoding="utf-8").splitlines()
        for lang in LANGS
    )
    differ = [
        f"line {i}: {shape(a)!r} / {shape(b)!r}"
        for i, (a, b) in enumerate(zip_longest(nl, en, fillvalue="# (end)"), 1)
        if shape(a) != shape(b)
    ]
    assert differ == []


def test_both_languages_have_the_same_placeholders() -> None:
    def fields(key: str, lang: Lang) -> set[str]:
        return set().union(*(_placeholders(text) for text in _texts(key, lang)))

    assert [k for k in sorted(NL_KEYS) if fields(k, "nl") != fields(k, "en")] == []


def test_no_empty_texts() -> None:
    empty = [
        f"{lang}:{key}"
        for lang in LANGS
        for key in sorted(_all_keys(lang))
        if any(not text.strip() for text in _texts(key, lang))
    ]
    assert empty == []


def test_plurals_have_the_plural_forms_of_their_language() -> None:
    wrong = [
        f"{lang}:{key}: {sorted(forms)}"
        for lang in LANGS
        for key, forms in PLURALS[lang].items()
        if set(forms) != {*LOCALES[lang].plural_form.tags, "other"}
    ]
    assert wrong == []
    assert [k for k, forms in PLURALS["nl"].items() if "{n}" not in forms["other"]] == []


def test_a_count_before_a_noun_is_a_plural() -> None:
    """``{n} gemeenten`` needs a form for 1: only plural entries may write it (``{n} van de
    {totaal} gemeenten`` keeps the plural noun of the total)."""
    counted = re.compile(r"\{n\} (?!(?:meer|more|van|of|over|on)\b)[a-zA-Z]")
    found = [
        f"{lang}:{key}"
        for lang in LANGS
        for key, text in CATALOGUE[lang].items()
        if counted.search(text)
    ]
    assert found == []


def test_the_catalogue_loads_plurals_and_rejects_mixed_tables() -> None:
    texts, plurals = load("nl")
    assert texts["map.title"] == "Kaart"
    assert plurals["count.errors"] == {"one": "{n} fout", "other": "{n} fouten"}
    with pytest.raises(ValueError, match="only CLDR plural forms"):
        list(_flatten({"x": {"one": "a", "label": "b", "other": "c"}}))
    with pytest.raises(ValueError, match="only CLDR plural forms"):
        list(_flatten({"x": {"one": "a"}}))


# ----------------------------------------------------------------------------- the code


def test_the_scan_finds_keys_prefixes_and_dynamic_keys() -> None:
    uses = scan()
    assert ("lib/text/labels.py", "comparison.all") in {(u.file, u.text) for u in uses.literals}
    assert ("lib/text/reports.py", "issue.") in {(u.file, u.text) for u in uses.prefixes}
    assert ("lib/web/downloads.py", "measure.") in {(u.file, u.text) for u in uses.prefixes}


def test_every_key_in_the_code_exists() -> None:
    uses = scan()
    named = NL_KEYS | set(keys.KEY_FAMILIES)  # a family prefix names keys too
    missing = [u for u in (*uses.literals, *uses.call_keys) if u.text not in named]
    assert _where(missing) == []


def test_keys_built_at_run_time_come_from_declared_families() -> None:
    uses = scan()
    undeclared = [u for u in uses.prefixes if u.text.removesuffix(".") not in keys.KEY_FAMILIES]
    assert _where(undeclared) == [], "declare the family in lib/text/keys.py KEY_FAMILIES"
    unknown = [u for u in uses.dynamic if (u.file, u.function) not in DYNAMIC_SITES]
    assert _where(unknown) == [], "build keys from a declared prefix: f'family.{code}'"


def test_every_family_member_has_a_text() -> None:
    missing = [
        key for prefix in keys.KEY_FAMILIES for key in family_keys(prefix)
        if key not in NL_KEYS
    ]  # fmt: skip
    assert missing == []


def test_labels_within_a_family_are_distinct() -> None:
    shared = []
    for prefix in keys.KEY_FAMILIES:
        if prefix.startswith("kenniskaart.check") or prefix == "issue":
            continue  # sentences, not labels
        for lang in LANGS:
            labels = [CATALOGUE[lang][k] for k in family_keys(prefix)]
            if len(set(labels)) < len(labels):
                shared.append(f"{lang}:{prefix}")
    assert shared == []


def test_no_unused_keys() -> None:
    uses = scan()
    used = {u.text for u in (*uses.literals, *uses.call_keys)}
    used |= {k for prefix in _built_families() for k in family_keys(prefix)}
    assert sorted(NL_KEYS - used) == []


def test_code_lists_repeated_in_the_registry_agree() -> None:
    assert keys.SLIDES == storyline.SLIDES
    assert keys.SLIDE_TABLES == provenance.TABLES
    assert keys.PROFILE_FORMATS == exports.PROFILE_FORMATS
    assert keys.BRIEFING_FORMATS == exports.BRIEFING_FORMATS
    assert set(keys.PAGES) == {Path(route.file).stem for route in routes.ROUTES}
    assert {f"nav.{page}" for page in keys.PAGES} == {route.nav for route in routes.ROUTES}


def test_every_issue_code_is_declared() -> None:
    makers = {"Issue", "_Check", "_error", "_warning"}
    codes = set()
    for path in (ROOT / "lib" / "data").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in makers:
                codes.update(c for c in _literals(node.args[0]) if re.fullmatch(r"[a-z_]+", c))
    assert codes, "the scan finds issue codes"
    assert sorted(codes - set(keys.ISSUE_CODES)) == []


# ----------------------------------------------------------------------------- lookups


def test_t_fills_parameters_and_raises_on_a_missing_key() -> None:
    assert t("kpi.coverage.value", "nl", gedekt=5, totaal=7) == "5 van 7"
    assert t("kpi.coverage.value", "en", gedekt=5, totaal=7) == "5 of 7"
    with pytest.raises(KeyError):
        t("bestaat.niet", "nl")


@pytest.mark.parametrize(
    ("n", "nl", "en"),
    [
        (0, "0 fouten", "0 errors"),
        (1, "1 fout", "1 error"),
        (2, "2 fouten", "2 errors"),
        (1234, "1.234 fouten", "1,234 errors"),
    ],
)
def test_plurals_follow_the_count(n: int, nl: str, en: str) -> None:
    assert (t("count.errors", "nl", n=n), t("count.errors", "en", n=n)) == (nl, en)


def test_a_plural_with_other_parameters() -> None:
    assert t("store.busy", "nl", n=1).endswith("over 1 seconde opnieuw.")
    assert t("store.busy", "en", n=30).endswith("in 30 seconds.")
    one = t("presentation.next_steps.gaps", "en", n=1, namen="bullying")
    assert one == (
        "Aim new interventions at the strongly supported risk factor without an intervention: "
        "bullying."
    )


@pytest.mark.parametrize("n", [None, "1", 1.0, True])
def test_a_plural_needs_an_int_count(n: object) -> None:
    params = {} if n is None else {"n": n}
    with pytest.raises(TypeError, match="plural"):
        t("count.errors", "nl", **params)


def test_code_label() -> None:
    assert code_label("status", "afgerond", "nl") == "Afgerond"
    assert code_label("status", "afgerond", "en") == "Completed"
    assert code_label("doelgroep", None, "nl") == "onbekend"
    assert code_label("doelgroep", "", "en") == "unknown"
    with pytest.raises(KeyError):
        code_label("status", "klaar", "nl")


@pytest.mark.parametrize(
    ("value", "expected"), [("nl", "nl"), ("en", "en"), ("fr", "nl"), (None, "nl"), ("EN", "nl")]
)
def test_as_lang(value: object, expected: str) -> None:
    assert as_lang(value) == expected


def test_issue_codes_cover_every_dtype() -> None:
    from lib.contract.schema import Dtype

    assert {f"type_{d}" for d in get_args(Dtype) if d != "str"} <= set(keys.ISSUE_CODES)
