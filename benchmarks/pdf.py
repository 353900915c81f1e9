"""PDF speed: pages per second for full ingest (read + structure: `structure.build(ingest.load(path))`) over every
PDF in the corpus, and for `editions.read` (which now also extracts facts), beside raw pypdfium2
(`get_textpage().get_text_bounded()` on every page) in the same run; and the peak RSS of reading the largest PDF
in a child process (`RUSAGE_CHILDREN.ru_maxrss`).

Usage: .venv/bin/python benchmarks/pdf.py [--shared PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import editions  # noqa: E402
from editions import ingest, structure  # noqa: E402


def raw(paths: list[Path]) -> tuple[int, float]:
    pages = 0
    started = time.perf_counter()
    for path in paths:
        pdf = pdfium.PdfDocument(path.read_bytes())
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_bounded()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return pages, time.perf_counter() - started


def ingest_and_structure(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        structure.build(ingest.load(path))
    return time.perf_counter() - started


def full(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        editions.read(path)
    return time.perf_counter() - started


def peak_rss(path: Path) -> int:
    """Peak RSS in KB of a child process that imports editions and reads `path` (the first child of this run)."""
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'src')!r}); import editions; editions.read({str(path)!r})"
    subprocess.run([sys.executable, "-c", code], check=True)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def baseline_rss() -> int:
    """Peak RSS in KB of an interpreter that only imports editions (reported by the child itself)."""
    code = (
        f"import sys, resource; sys.path.insert(0, {str(ROOT / 'src')!r}); import editions, editions.ingest.pdf; "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported")
    args = parser.parse_args()
    paths = sorted((args.shared / "corpus").rglob("*.pdf"))
    if not paths:
        sys.exit(f"no PDFs under {args.shared / 'corpus'}")
    editions.read(paths[0])  # warm imports
    pages = 0
    raw_s = ingest_s = full_s = float("inf")
    for _ in range(args.repeat):
        pages, seconds = raw(paths)
        raw_s = min(raw_s, seconds)
        ingest_s = min(ingest_s, ingest_and_structure(paths))
        full_s = min(full_s, full(paths))
    largest = max(paths, key=lambda p: p.stat().st_size)
    with pdfium.PdfDocument(largest.read_bytes()) as pdf:
        largest_pages = len(pdf)
    print(f"PDFs: {len(paths)}, pages: {pages} (best of {args.repeat} runs)")
    print(f"raw pypdfium2 get_text_bounded: {raw_s:.2f} s, {pages / raw_s:.0f} pages/s")
    print(f"ingest + structure: {ingest_s:.2f} s, {pages / ingest_s:.0f} pages/s, {ingest_s / raw_s:.2f}x the raw time")
    print(f"editions.read (+ facts): {full_s:.2f} s, {pages / full_s:.0f} pages/s, {full_s / raw_s:.2f}x the raw time")
    peak = peak_rss(largest)
    base = baseline_rss()
    print(
        f"peak RSS reading the largest PDF ({largest.name}, {largest.stat().st_size / 1e6:.1f} MB, "
        f"{largest_pages} pages): {peak / 1024:.0f} MB (interpreter with editions imported: {base / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
