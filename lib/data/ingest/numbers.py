"""Numbers as people type them: the decimal mark of a file, and every cell as ``12500.5``.

Dutch files write ``12.500,50``, English ones ``12,500.50``; a file may hold ``€ 1.234`` or a
lone ``12,5`` in an English file. Every number column votes on the decimal mark with its
unambiguous cells; the cells are then rewritten in one notation, so that the validator can cast
them. A cell that is not a number in that notation is left as it is (and reported there).
"""

from __future__ import annotations

from typing import Final, Literal

import polars as pl

from lib.contract.schema import Table

Decimal = Literal[",", "."]

VOTE_ROWS: Final[int] = 20_000  # cells per number column that vote on the decimal mark

# number shapes after removing spaces and the euro sign
_DOT_GROUPED = r"^[-+]?[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?$"  # 12.500 or 12.500,50
_COMMA_GROUPED = r"^[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$"  # 12,500 or 12,500.50
_COMMA_DECIMAL = r"^[-+]?[0-9]*,(?:[0-9]{1,2}|[0-9]{4,})$"  # 12500,5 (not 1,234)
_DOT_DECIMAL = r"^[-+]?[0-9]*\.(?:[0-9]{1,2}|[0-9]{4,})$"  # 12500.5 (not 1.234)
_FLOAT_COMMA = r"^[-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)?(?:,[0-9]+)?$"
_FLOAT_DOT = r"^[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+)?$"
_INT_COMMA = r"^[-+]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,0)?$"
_INT_DOT = r"^[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0)?$"
_NOISE = r"[\s\u00a0\u202f€]"


def _number_text(name: str) -> pl.Expr:
    """The cell without spaces and euro sign: ``€ 12.500,50`` -> ``12.500,50``."""
    return pl.col(name).str.replace_all(_NOISE, "").str.replace(r"(?i)^eur", "")


def _has(name: str, pattern: str) -> pl.Expr:
    """Whether the (already cleaned) number text matches ``pattern``."""
    return pl.col(name).str.contains(pattern).fill_null(False)


def _decimal_votes(name: str, dtype: str) -> tuple[pl.Expr, pl.Expr]:
    """Cells that only make sense with a decimal comma, and with a decimal point."""
    if dtype == "int":  # a whole number can only be grouped: 1.234 or 1,234
        return _has(name, _DOT_GROUPED), _has(name, _COMMA_GROUPED)
    text = pl.col(name)
    dots, commas = text.str.count_matches(r"\.").fill_null(0), text.str.count_matches(",")
    comma = _has(name, _COMMA_DECIMAL) | (
        _has(name, _DOT_GROUPED) & ((commas.fill_null(0) > 0) | (dots >= 2))
    )
    dot = _has(name, _DOT_DECIMAL) | (
        _has(name, _COMMA_GROUPED) & ((dots > 0) | (commas.fill_null(0) >= 2))
    )
    return comma, dot


def _plain_number(name: str, dtype: str, decimal: Decimal) -> pl.Expr:
    """The cell as ``12500.5`` when it has the shape of a number in this notation, else null."""
    text = pl.col(name)
    if dtype == "int" and decimal == ",":
        ok, plain = _has(name, _INT_COMMA), text.str.replace(",0", "", literal=True)
        plain = plain.str.replace_all(".", "", literal=True)
    elif dtype == "int":
        ok, plain = _has(name, _INT_DOT), text.str.replace(r"\.0$", "")
        plain = plain.str.replace_all(",", "", literal=True)
    elif decimal == ",":
        ok = _has(name, _FLOAT_COMMA)
        plain = text.str.replace_all(".", "", literal=True).str.replace(",", ".", literal=True)
    else:
        lone = _has(name, r"^[-+]?[0-9]+,[0-9]{1,2}$")  # a Dutch 12,5 in an English file
        ok = _has(name, _FLOAT_DOT) | lone
        plain = (
            pl.when(lone)
            .then(text.str.replace(",", ".", literal=True))
            .otherwise(text.str.replace_all(",", "", literal=True))
        )
    ok = ok & text.str.contains("[0-9]").fill_null(False)
    return pl.when(ok).then(plain).alias(name)


def normalise_numbers(
    frame: pl.DataFrame, table: Table, delimiter: str | None, decimal: Decimal | None = None
) -> tuple[pl.DataFrame, Decimal, str | None]:
    """Guess the decimal mark from the number columns; write their cells as ``12500.50``.

    A cell votes only when it is unambiguous (``12,5`` or ``1.234.567`` for a comma; ``12.5``
    for a point; ``12.500`` does not vote). A tie goes to the comma in a ``;`` file. A later
    batch of a file passes the ``decimal`` its first batch chose (it gets no vote).
    """
    fallback: Decimal = decimal or ("," if delimiter == ";" else ".")
    numbers = _number_columns(frame, table)
    if not numbers:
        return frame, fallback, None
    texts = frame.select(_number_text(name) for name, _ in numbers)
    if decimal is None:
        decimal, thousands = _vote(texts, numbers, fallback)
    else:
        thousands = _thousands(texts, numbers, decimal)
    plain = texts.select(_plain_number(name, dtype, decimal) for name, dtype in numbers)
    normalised = (pl.coalesce(plain.get_column(n), frame.get_column(n)) for n, _ in numbers)
    return frame.with_columns(normalised), decimal, thousands


def _thousands(texts: pl.DataFrame, numbers: list[tuple[str, str]], decimal: Decimal) -> str | None:
    """The thousands separator when a cell groups its digits with the other mark."""
    grouped = _DOT_GROUPED if decimal == "," else _COMMA_GROUPED
    hits = texts.select(pl.sum_horizontal(_has(n, grouped).sum() for n, _ in numbers)).item()
    return ("." if decimal == "," else ",") if hits else None


def _number_columns(frame: pl.DataFrame, table: Table) -> list[tuple[str, str]]:
    """(name, dtype) of the number columns of ``table`` in ``frame`` that hold more than
    digits: columns of plain digits only (the usual case) neither vote nor change."""
    numbers: list[tuple[str, str]] = [
        (c.name, c.dtype)
        for c in table.columns
        if c.dtype in ("int", "float") and c.name in frame.columns
    ]
    if not numbers or not frame.height:
        return numbers
    only_digits = frame.select(
        pl.col(name).str.contains(r"^[0-9]*$").fill_null(True).all() for name, _ in numbers
    ).row(0)
    return [n for n, skip in zip(numbers, only_digits, strict=True) if not skip]


def _vote(
    texts: pl.DataFrame, numbers: list[tuple[str, str]], fallback: Decimal
) -> tuple[Decimal, str | None]:
    """The decimal mark most unambiguous cells vote for (``fallback`` on a tie), and the
    thousands separator when a cell groups its digits with the other mark."""
    votes: list[pl.Expr] = []
    for name, dtype in numbers:
        comma, dot = _decimal_votes(name, dtype)
        votes += [
            comma.sum().alias(f"comma:{name}"),
            dot.sum().alias(f"dot:{name}"),
            _has(name, _DOT_GROUPED).sum().alias(f"grouped,:{name}"),
            _has(name, _COMMA_GROUPED).sum().alias(f"grouped.:{name}"),
        ]
    # a large file votes with a fixed random sample: only a near tie could come out otherwise
    voters = texts if texts.height <= VOTE_ROWS else texts.sample(VOTE_ROWS, seed=0)
    counts = voters.select(votes).row(0, named=True)

    def total(prefix: str) -> int:
        return sum(int(v) for k, v in counts.items() if k.startswith(prefix))

    comma_votes, dot_votes = total("comma:"), total("dot:")
    decimal: Decimal = fallback
    if comma_votes != dot_votes:
        decimal = "," if comma_votes > dot_votes else "."
    thousands = ("." if decimal == "," else ",") if total(f"grouped{decimal}:") else None
    return decimal, thousands
