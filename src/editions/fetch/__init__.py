"""Fetch: editions from their publishers into the library (`editions fetch`, `editions update`).

Gets bytes (the Congress.gov API and file hosts, or an EveryCRSReport-style mirror) and hands them to the
library's `add`, each file a source of its edition with its provenance (URL, retrieved-at, SHA-256, the catalogue's
version number). A face (cli, web) uses it; no stage imports it.
"""

from __future__ import annotations

from editions.fetch.api import API_KEY_ENV, API_URL_ENV, DEFAULT_API_URL, ApiKeyError, CongressApi
from editions.fetch.cache import FileCache, default_cache_dir
from editions.fetch.fetcher import (
    Downloader,
    Fetched,
    Fetcher,
    FetchSettings,
    Outcome,
    ReportFetched,
    open_fetcher,
)
from editions.fetch.http import DEFAULT_RATE, BotChallenge, Clock, FetchError, PoliteClient, SystemClock

__all__ = [
    "API_KEY_ENV",
    "API_URL_ENV",
    "DEFAULT_API_URL",
    "DEFAULT_RATE",
    "ApiKeyError",
    "BotChallenge",
    "Clock",
    "CongressApi",
    "Downloader",
    "FetchError",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "FileCache",
    "Outcome",
    "PoliteClient",
    "ReportFetched",
    "SystemClock",
    "default_cache_dir",
    "open_fetcher",
]
