"""Plain text inside Markdown: the one escaper for the app's pages and the exported files.

Text from the data, a URL or an analyst (intervention names, storyline titles, file names,
comments) is shown literally: every character Markdown or Streamlit's Markdown gives a
meaning (emphasis, code, links and images, HTML, tables, strike-through, LaTeX ``$``) gets a
backslash, and so does a line start that would make a heading, list item or numbered item.
Line breaks become spaces: the text stays one paragraph.
"""

from __future__ import annotations

import re
from typing import Final

_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]<>#|!~$])")
_BULLET: Final = re.compile(r"^(\s*)([-+=])")
_NUMBER: Final = re.compile(r"^(\s*\d+)([.)])")


def md_escape(text: str) -> str:
    """``text`` as Markdown that shows exactly ``text`` (on one line)."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))
    escaped = _BULLET.sub(r"\1\\\2", escaped)
    return _NUMBER.sub(r"\1\\\2", escaped)
