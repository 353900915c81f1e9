"""The user's settings file: where alerts go and how to reach the Congress.gov API, so that a cron job or a systemd
timer runs `editions update` with no secret on its command line.

The file is TOML, at `$EDITIONS_CONFIG`, else `$XDG_CONFIG_HOME/editions/config.toml`, else
`~/.config/editions/config.toml`; it may be missing (then every setting is unset):

    notify = ["json://127.0.0.1:8080/hook", "mailto://user:password@example.org"]   # Apprise URLs
    api_key = "…"                                   # the Congress.gov API key
    api_url = "https://api.congress.gov/v3"         # a mirror or a test server may stand in
    base_url = "https://editions.example.org"       # where `editions serve` is reached: links in alerts

Options on the command line (and environment variables) win over the file; `--notify` URLs add to the file's.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from editions.errors import EditionsError

ENV = "EDITIONS_CONFIG"
KEYS = ("notify", "api_key", "api_url", "base_url")


class ConfigError(EditionsError):
    """The settings file cannot be read or holds something it should not."""


@dataclass(frozen=True, slots=True)
class Config:
    notify: tuple[str, ...] = ()
    """Apprise URLs every change notice is sent to."""
    api_key: str | None = None
    api_url: str | None = None
    base_url: str | None = None
    """The address `editions serve` is reached at, for links in alerts; without it alerts name `editions diff`."""
    path: Path | None = None
    """The file the settings were read from (None when there was none)."""


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the settings file is looked for (it need not exist)."""
    env = os.environ if environ is None else environ
    if env.get(ENV):
        return Path(env[ENV]).expanduser()
    base = Path(env["XDG_CONFIG_HOME"]).expanduser() if env.get("XDG_CONFIG_HOME") else Path.home() / ".config"
    return base / "editions" / "config.toml"


def load_config(path: str | os.PathLike[str] | None = None, *, environ: Mapping[str, str] | None = None) -> Config:
    """The settings in `path` (default: `config_path()`); all unset when the default file does not exist. Raises
    `ConfigError` for a file given that does not exist, one that is not TOML, an unknown key or a wrong type."""
    given = path is not None or bool((os.environ if environ is None else environ).get(ENV))
    file = Path(path) if path is not None else config_path(environ)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        if given:
            raise ConfigError(f"there is no settings file {file}.") from None
        return Config()
    except OSError as exc:
        raise ConfigError(f"cannot read the settings file {file}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise ConfigError(f"the settings file {file} is not UTF-8 text.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the settings file {file} is not valid TOML: {exc}.") from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"the settings file {file} has unknown key {unknown[0]!r}; the keys are: {', '.join(KEYS)}.")
    notify = data.get("notify", [])
    if isinstance(notify, str):
        notify = [notify]
    if not isinstance(notify, list) or not all(isinstance(u, str) and u.strip() for u in notify):
        raise ConfigError(f"in the settings file {file}, notify must be a list of Apprise URLs (strings).")
    texts: dict[str, str | None] = {}
    for key in ("api_key", "api_url", "base_url"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"in the settings file {file}, {key} must be a string.")
        texts[key] = value.strip() or None if isinstance(value, str) else None
    return Config(
        notify=tuple(u.strip() for u in notify),
        api_key=texts["api_key"],
        api_url=texts["api_url"],
        base_url=texts["base_url"],
        path=file,
    )
