"""The one Markdown escaper: text shows exactly as written, on one line."""

from __future__ import annotations

import pytest

from lib.exports.markdown import md_escape


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a*b_c", "a\\*b\\_c"),
        ("[link](x)", "\\[link\\](x)"),
        ("![img](http://x/y.png)", "\\!\\[img\\](http://x/y.png)"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("= heading underline", "\\= heading underline"),
        ("1. first", "1\\. first"),
        ("12) twelfth", "12\\) twelfth"),
        ("# title", "\\# title"),
        ("a | b", "a \\| b"),
        ("~~struck~~", "\\~\\~struck\\~\\~"),
        ("costs $5 and $6", "costs \\$5 and \\$6"),
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("`code`", "\\`code\\`"),
        ("line one\n- line two", "line one - line two"),
        ("plain text, 85,5 % (2023) - done.", "plain text, 85,5 % (2023) - done."),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped
