"""The settings file: found at $EDITIONS_CONFIG or under $XDG_CONFIG_HOME, optional, and strict about what it
holds (one sentence for each mistake)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editions.config import Config, ConfigError, config_path, load_config


def test_settings_are_read_from_xdg_config_home(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    folder.mkdir()
    (folder / "config.toml").write_text(
        'notify = ["json://127.0.0.1:9/hook", "mailto://a:b@example.org"]\n'
        'api_key = "KEY123"\napi_url = "http://127.0.0.1:9/v3"\nbase_url = "https://e.example.org"\n',
        encoding="utf-8",
    )
    env = {"XDG_CONFIG_HOME": str(tmp_path)}
    assert config_path(env) == folder / "config.toml"
    config = load_config(environ=env)
    assert config.notify == ("json://127.0.0.1:9/hook", "mailto://a:b@example.org")
    assert (config.api_key, config.api_url, config.base_url) == (
        "KEY123",
        "http://127.0.0.1:9/v3",
        "https://e.example.org",
    )
    assert config.path == folder / "config.toml"


def test_no_settings_file_means_nothing_is_set(tmp_path: Path) -> None:
    assert load_config(environ={"XDG_CONFIG_HOME": str(tmp_path)}) == Config()
    with pytest.raises(ConfigError, match="there is no settings file"):
        load_config(environ={"EDITIONS_CONFIG": str(tmp_path / "missing.toml")})
    with pytest.raises(ConfigError, match="there is no settings file"):
        load_config(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("notify = [", "not valid TOML"),
        ('notfy = ["json://x"]', "unknown key 'notfy'"),
        ("notify = [1, 2]", "notify must be a list of Apprise URLs"),
        ("api_key = 12", "api_key must be a string"),
    ],
)
def test_mistakes_in_the_settings_file_are_one_sentence(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_one_url_may_be_given_as_a_string(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('notify = "ntfy://editions-alerts"\n', encoding="utf-8")
    assert load_config(path).notify == ("ntfy://editions-alerts",)
