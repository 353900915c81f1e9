"""A large upload to a live `editions serve`: how long other requests wait meanwhile, and the server's memory.

    .venv/bin/python benchmarks/server.py [--size-mb 10] [--keep-memory]

Starts `editions serve --samples` (a temporary library, a token) on a free port, reads its resident memory
(VmRSS, /proc), then uploads one generated Markdown edition of `--size-mb` MB (sections of distinct sentences
with figures) while another client reads the library page, a report page and a search over and over. Prints
the readers' latencies during the upload (median, slowest), how long the upload took, and the server's memory
before, at its peak (VmHWM) and a few seconds after the upload was answered.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

TOKEN = "benchmark-token-0123456789"
READS = ("/", "/reports/IF99001", "/api/search?q=troops", "/api/reports")


def large_edition(size: int) -> bytes:
    parts = ["# A Large Generated Report\n\nUpdated May 1, 2024 (IF98001)\n"]
    total, n = 0, 0
    while total < size:
        sentences = " ".join(
            f"The agency counted {n * 7 + k:,} cases in district {k} of region {n} during {2000 + k % 24}."
            for k in range(12)
        )
        chunk = f"\n## Region {n}\n\n{sentences}\n"
        parts.append(chunk)
        total, n = total + len(chunk), n + 1
    return "".join(parts).encode()


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} for process {pid}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=10.0)
    args = parser.parse_args()
    data = large_edition(int(args.size_mb * 1024 * 1024))
    with tempfile.TemporaryDirectory(prefix="editions-bench-") as folder:
        env = {**os.environ, "EDITIONS_TOKEN": TOKEN, "EDITIONS_LIBRARY": str(Path(folder) / "bench.db")}
        server = subprocess.Popen(
            [sys.executable, "-m", "editions", "serve", "--samples", "--port", "0"],
            stdout=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            url = server.stdout.readline().split(" at ", 1)[1].strip().rstrip("/")
            with httpx.Client(timeout=900) as client:
                for path in READS:  # warm: every page made once before measuring
                    client.get(url + path).raise_for_status()
            time.sleep(1)
            before = memory_mb(server.pid)
            latencies: list[float] = []
            slowest: dict[str, float] = {}
            done = threading.Event()

            def read() -> None:
                with httpx.Client(timeout=900) as client:
                    while not done.is_set():
                        for path in READS:
                            start = time.monotonic()
                            client.get(url + path).raise_for_status()
                            latencies.append(time.monotonic() - start)
                            slowest[path] = max(slowest.get(path, 0.0), latencies[-1])

            reader = threading.Thread(target=read)
            start = time.monotonic()
            reader.start()
            response = httpx.post(
                url + "/api/editions",
                files={"file": ("IF98001-2024-05-01.md", data)},
                headers={"Authorization": f"Bearer {TOKEN}"},
                timeout=900,
            )
            took = time.monotonic() - start
            done.set()
            reader.join()
            peak = memory_mb(server.pid, "VmHWM")
            time.sleep(3)
            after = memory_mb(server.pid)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(30)
    print(f"upload of {len(data) / 2**20:.1f} MB: HTTP {response.status_code} in {took:.1f} s")
    print(
        f"reads during it: {len(latencies)}, median {statistics.median(latencies) * 1000:.0f} ms, "
        f"slowest {max(latencies) * 1000:.0f} ms"
    )
    print("slowest by page: " + ", ".join(f"{path} {s * 1000:.0f} ms" for path, s in slowest.items()))
    print(f"server memory: {before:.0f} MB before, peak {peak:.0f} MB, {after:.0f} MB 3 s after the answer")


if __name__ == "__main__":
    main()
