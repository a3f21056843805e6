"""Where the store lives: the location URI and the object store's settings (no server)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.config import ConfigError, store_options
from lib.data import location
from lib.data.location import Bucket, Folder, LocationError


def test_a_plain_path_is_a_folder_and_s3_a_bucket() -> None:
    assert location.parse("/srv/pmg/store") == Folder(Path("/srv/pmg/store"))
    assert location.parse(Path("rel/store")) == Folder(Path("rel/store"))
    bucket = location.parse(" s3://pmg-data/productie/store/ ", {"AWS_REGION": "eu-west-1"})
    assert bucket == Bucket("s3://pmg-data/productie/store", (("AWS_REGION", "eu-west-1"),))
    assert isinstance(bucket, Bucket)
    assert bucket.uri("versies") == "s3://pmg-data/productie/store/versies"
    assert bucket.storage_options == {"AWS_REGION": "eu-west-1"}
    assert location.parse("s3://alleen-bucket").uri("versies") == "s3://alleen-bucket/versies"


@pytest.mark.parametrize("text", ["s3://", "s3:///prefix", "ftp://host/store", "gs://b/p", "  "])
def test_what_is_no_store_location_is_refused_by_name(text: str) -> None:
    with pytest.raises(LocationError) as caught:
        location.parse(text)
    assert "s3://" in str(caught.value) or "empty" in str(caught.value)


def test_a_bucket_key_never_holds_a_secret() -> None:
    bucket = location.parse("s3://b/p", {"AWS_SECRET_ACCESS_KEY": "geheim"})
    assert bucket.key == "s3://b/p"
    assert "geheim" not in bucket.key


def test_store_options_come_from_the_secrets_then_the_environment() -> None:
    secrets = {
        "store": {
            "endpoint_url": "http://127.0.0.1:9000",
            "access_key_id": "sleutel",
            "secret_access_key": "geheim",
            "allow_http": True,
        }
    }
    env = {"AWS_ACCESS_KEY_ID": "uit-omgeving", "AWS_DEFAULT_REGION": "eu-central-1"}
    assert store_options(secrets, env) == {
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9000",
        "AWS_ACCESS_KEY_ID": "sleutel",  # the secrets file wins
        "AWS_SECRET_ACCESS_KEY": "geheim",
        "AWS_REGION": "eu-central-1",
        "AWS_ALLOW_HTTP": "true",
    }
    only_env = {"AWS_REGION": "eu-west-1", "AWS_SECRET_ACCESS_KEY": "s", "AWS_ALLOW_HTTP": "false"}
    assert store_options({}, only_env) == only_env
    assert store_options({}, {}) == {}


@pytest.mark.parametrize(
    ("section", "named"),
    [
        ({"endpoint": "http://x"}, "endpoint"),
        ({"region": ["eu-west-1"]}, "region"),
        ("s3://b", "[store]"),
    ],
)
def test_a_bad_store_section_names_the_key(section: object, named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        store_options({"store": section}, {})
    assert named in str(caught.value)


def test_the_store_uri_setting_wins_over_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMG_STORE_DIR", str(tmp_path / "map"))
    assert location.configured({}) == Folder(tmp_path / "map")
    monkeypatch.setenv("PMG_STORE_URI", str(tmp_path / "elders"))
    assert location.configured({"store": {"endpoint": "niet gelezen"}}) == Folder(
        tmp_path / "elders"
    )
    monkeypatch.setenv("PMG_STORE_URI", "s3://pmg/store")
    monkeypatch.setenv("AWS_REGION", "eu-west-1")
    configured = location.configured({"store": {"endpoint_url": "http://127.0.0.1:1"}})
    assert isinstance(configured, Bucket)
    assert configured.storage_options["AWS_ENDPOINT_URL"] == "http://127.0.0.1:1"
    assert configured.storage_options["AWS_REGION"] == "eu-west-1"
    monkeypatch.setenv("PMG_STORE_URI", "ftp://pmg/store")
    with pytest.raises(ConfigError) as caught:
        location.configured({})
    assert "PMG_STORE_URI" in str(caught.value)
