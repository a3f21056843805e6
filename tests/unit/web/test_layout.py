"""The page frame shows text from data and uploads as text: never as Markdown or a link."""

from __future__ import annotations

import pytest

from lib.web.layout import source_link


@pytest.mark.parametrize(
    ("title", "path", "shown"),
    [
        ("CBS StatLine", "https://www.cbs.nl/x", "[CBS StatLine](<https://www.cbs.nl/x>)"),
        ("![pixel](http://192.0.2.1/p.png)", None, "\\!\\[pixel\\](http://192.0.2.1/p.png)"),
        ("[Officiële bron](http://192.0.2.1)", None, "\\[Officiële bron\\](http://192.0.2.1)"),
        ("Bestand **vet**", "javascript:alert(1)", "Bestand \\*\\*vet\\*\\*"),
        ("Upload", "mailto:analist@example.org", "Upload"),
        ("Bron", "https://example.org/a b)c", "[Bron](<https://example.org/a%20b%29c>)"),
        ("Bron", "//example.org/zonder-schema", "Bron"),
    ],
)
def test_a_source_shows_its_title_as_text_and_links_only_to_the_web(
    title: str, path: str | None, shown: str
) -> None:
    assert source_link(title, path) == shown
