"""Screenshots of comparisons as a reader sees them: the terminal (`editions diff`) and the web compare page.

    .venv/bin/python scripts/comparison_screenshots.py --library corpus.db --out docs/screenshots \
        IF11755~1:IF11755 IN12669~1:IN12669 R48905~1:R48905

Build the library first with the README's commands (`editions add ../shared/corpus ../shared/seeds -L corpus.db`).
For each OLD:NEW pair it writes `diff-<report>-terminal.png` (the top of `editions diff OLD NEW` in a 110-column
terminal, colours kept, rendered through rich's SVG export) and `diff-<report>-web.png` (the top of
`/compare/OLD/NEW` at 1280 px wide) from a server it starts on a free loopback port. Needs Debian's Chromium
(`/usr/bin/chromium`, or `$EDITIONS_CHROMIUM`) and Playwright (a development dependency); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from rich.console import Console
from rich.text import Text

COLUMNS = 110
TERMINAL_LINES = 70
WEB_SIZE = {"width": 1280, "height": 1600}
_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; background: #1e1e1e; color: #d4d4d4; }}
pre {{ margin: 0; padding: 12px 16px; font: 14px/1.35 "DejaVu Sans Mono", monospace; }}
</style></head><body><pre><span style="color:#8f8">{{prompt}}</span>
<code>{code}</code></pre></body></html>"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _terminal_html(library: str, old: str, new: str, path: Path) -> None:
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": str(COLUMNS), "TERM": "xterm-256color"}
    out = subprocess.run(
        [sys.executable, "-m", "editions", "diff", old, new, "-L", library],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    lines = out.splitlines()[:TERMINAL_LINES]
    console = Console(record=True, width=COLUMNS, file=open(os.devnull, "w"), force_terminal=True)  # noqa: SIM115
    console.print(Text.from_ansi("\n".join(lines)))
    # HTML rather than rich's SVG: the SVG loads its font from a CDN, which a closed machine never reaches.
    page = console.export_html(inline_styles=True, code_format=_PAGE)
    path.write_text(page.replace("{prompt}", f"$ editions diff {old} {new}"), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pairs", nargs="+", help="OLD:NEW library references")
    parser.add_argument("--library", "-L", required=True)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "editions", "serve", "-L", args.library, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        chromium = os.environ.get("EDITIONS_CHROMIUM", "/usr/bin/chromium")
        flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
        with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
            browser = p.chromium.launch(executable_path=chromium, args=flags)
            page = browser.new_page(viewport=WEB_SIZE)
            for pair in args.pairs:
                old, new = pair.split(":")
                name = old.split("@")[0].split("~")[0].lower()
                html = Path(tmp) / f"{name}.html"
                _terminal_html(args.library, old, new, html)
                page.set_viewport_size({"width": WEB_SIZE["width"], "height": 200})  # the page's own height
                page.goto(html.as_uri())
                page.screenshot(path=str(args.out / f"diff-{name}-terminal.png"), full_page=True)
                page.set_viewport_size(WEB_SIZE)
                page.goto(f"{base}/compare/{old}/{new}")
                page.screenshot(path=str(args.out / f"diff-{name}-web.png"))
                print(f"{pair}: diff-{name}-terminal.png, diff-{name}-web.png")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
