"""The web face of Editions: HTML pages for people and the same resources as JSON under `/api/…`.

>>> from editions import Library
>>> from editions.web import create_app
>>> app = create_app(Library("editions.db"), token=None)   # serve with uvicorn, or: editions serve

Its dependencies (FastAPI, uvicorn, Jinja2, python-multipart) are installed with Editions.
"""

from __future__ import annotations

from editions.web.app import DEFAULT_MAX_UPLOAD, create_app

__all__ = ["DEFAULT_MAX_UPLOAD", "create_app"]
