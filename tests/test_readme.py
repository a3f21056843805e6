"""The README stays accurate: commands, data table, settings and screenshots."""

from __future__ import annotations

import json
import re

from lib.config import BUNDLED_DATA_DIR, ROOT
from lib.web.routes import ROUTES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_exist_in_the_makefile() -> None:
    assert "make run" in README
    assert "make test" in README
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run: ", makefile, re.MULTILINE)
    assert re.search(r"^test: ", makefile, re.MULTILINE)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_data_table_matches_the_data_package() -> None:
    package = json.loads((BUNDLED_DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    rows = dict(re.findall(r"^\| `(\w+)` \| (\w+) \|", README, re.MULTILINE))
    assert rows == {r["name"]: r["status"] for r in package["resources"]}


def test_every_setting_in_the_code_is_documented() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "lib").rglob("*.py"))
    settings = set(re.findall(r"\"(PMG_[A-Z_]+)\"", code))
    assert settings == {
        "PMG_DATA_DIR", "PMG_STORE_DIR", "PMG_BOUNDARIES", "PMG_SECRETS_FILE",
        "PMG_ANALYST_PASSPHRASE", "PMG_TRUSTED_PROXIES", "PMG_UPLOAD_MAX_MB",
        "PMG_UPLOAD_MAX_ROWS", "PMG_UPLOAD_MAX_CELL", "PMG_VALIDATIONS_AT_ONCE",
        "PMG_VALIDATION_WAIT_S",
    }  # fmt: skip
    for name in settings:
        assert f"`{name}`" in README


def test_every_page_is_described_with_its_url() -> None:
    for route in ROUTES:
        assert f"(`/{route.slug}`)" in README, route.slug


def test_screenshots_referenced_in_the_readme_exist() -> None:
    for path in re.findall(r"\]\((docs/screenshots/[\w-]+\.png)\)", README):
        assert (ROOT / path).is_file(), path
