"""Value accuracy of `editions.facts` on Microsoft Recognizers-Text's English spec cases.

For each kind we claim, a gold result counts as correct when a fact found in the case's input overlaps
the gold span and has the gold value. What we claim (decided by kind, before scoring):
- number (NumberModel): subtypes integer, decimal, fraction. Not claimed: subtype power ("1.1^23", "1e10").
- ordinal (OrdinalModel): type `ordinal`. Not claimed: `ordinal.relative` ("next", "last", "penultimate").
- percent (PercentModel): results with a numeric value. Not claimed: "percent" with no number (value null).
- currency (CurrencyModel): results with a value. Not claimed: a bare currency name ("dollar", value null).
- dates (DateTimeModel): `datetimeV2.date` results and `datetimeV2.daterange` results whose timex is a
  month or a year ("2015-12", "2016"), resolved against the case's ReferenceDateTime when it has one.
  Not claimed: times, date-times, durations, sets, week and part-of-period ranges, "between … and …".

Prints a Markdown table. Usage: python scripts/score_facts_recognizers.py [--shared PATH] [--misses N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editions.facts import find  # noqa: E402
from editions.facts._found import Found  # noqa: E402

FILES = {
    "number": "Number/English/NumberModel.json",
    "ordinal": "Number/English/OrdinalModel.json",
    "percent": "Number/English/PercentModel.json",
    "currency": "NumberWithUnit/English/CurrencyModel.json",
    "dates": "DateTime/English/DateTimeModel.json",
}
_MONTH_OR_YEAR = re.compile(r"^(?:\d{4}|XXXX)(?:-\d{2})?$")


@dataclass
class Tally:
    claimed: int = 0
    correct: int = 0
    unclaimed: int = 0
    unclaimed_correct: int = 0
    python_skipped: int = 0
    python_skipped_correct: int = 0
    misses: list[str] = field(default_factory=list)


def _claimed(kind: str, result: dict[str, Any]) -> bool:
    res = result.get("Resolution") or {}
    type_name = result.get("TypeName", "")
    if kind == "number":
        return type_name == "number" and res.get("subtype") != "power"
    if kind == "ordinal":
        return type_name == "ordinal"
    if kind == "percent":
        return type_name == "percentage" and res.get("value") not in (None, "null")
    if kind == "currency":
        return type_name == "currency" and res.get("value") is not None
    if kind == "dates":
        values = res.get("values") or []
        if not values:
            return False
        if type_name == "datetimeV2.date":
            return True
        return type_name == "datetimeV2.daterange" and bool(_MONTH_OR_YEAR.match(values[0].get("timex", "")))
    return False


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        return float(value)
    return None


def _numbers_of(f: Found) -> list[float]:
    if f.kind == "range" and isinstance(f.value, str):
        return [x for x in (_as_number(p) for p in f.value.split("/")) if x is not None]
    x = _as_number(f.value)
    return [] if x is None else [x]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=5e-4, abs_tol=1e-12)  # fractions carry 4 significant digits


def _matches(kind: str, result: dict[str, Any], f: Found) -> bool:
    res = result.get("Resolution") or {}
    if kind == "number":
        gold = float(res["value"])
        return f.kind not in ("date", "office_holder") and any(_close(gold, x) for x in _numbers_of(f))
    if kind == "ordinal":
        return f.kind in ("ordinal", "rank") and any(_close(float(res["value"]), x) for x in _numbers_of(f))
    if kind == "percent":
        gold = float(str(res["value"]).rstrip("%"))
        return f.kind in ("percent", "range") and any(_close(gold, x) for x in _numbers_of(f))
    if kind == "currency":
        return f.kind in ("money", "range") and any(_close(float(res["value"]), x) for x in _numbers_of(f))
    if kind == "dates":
        if f.kind not in ("date", "year") or not isinstance(f.value, str):
            return False
        accepted: set[str] = set()
        for v in res.get("values", []):
            timex = v.get("timex", "")
            accepted.add(timex)
            if v.get("type") == "date" and v.get("value"):
                accepted.add(v["value"])
            if v.get("type") == "daterange" and v.get("start"):
                # a month or year with no year written: each candidate resolution the gold lists
                accepted.add(v["start"][: len(timex)])
        return f.value in accepted
    return False


def _safe_match(kind: str, result: dict[str, Any], f: Found) -> bool:
    try:
        return _matches(kind, result, f)
    except (KeyError, TypeError, ValueError):  # unclaimed results have values we do not produce
        return False


def _anchor(case: dict[str, Any]) -> dt.date | None:
    ref = (case.get("Context") or {}).get("ReferenceDateTime")
    if not ref:
        return None
    return dt.datetime.fromisoformat(ref.rstrip("Z")).date()


def score(kind: str, cases: list[dict[str, Any]]) -> Tally:
    tally = Tally()
    for case in cases:
        text = case["Input"]
        found = find(text, _anchor(case) if kind == "dates" else None)
        skipped_by_python = "python" in (case.get("NotSupported", "") + case.get("NotSupportedByDesign", ""))
        for result in case.get("Results", []):
            start, end = result["Start"], result["End"] + 1
            ok = any(f.start < end and start < f.end and _safe_match(kind, result, f) for f in found)
            if not _claimed(kind, result):
                tally.unclaimed += 1
                tally.unclaimed_correct += ok
                continue
            tally.claimed += 1
            tally.correct += ok
            if skipped_by_python:
                tally.python_skipped += 1
                tally.python_skipped_correct += ok
            if not ok:
                got = [(text[f.start : f.end], f.kind, f.value) for f in found]
                tally.misses.append(f"{text[:90]!r}: want {result['Text']!r}={_gold(kind, result)} got {got}")
    return tally


def _gold(kind: str, result: dict[str, Any]) -> object:
    res = result.get("Resolution") or {}
    if kind == "dates":
        return [v.get("timex") for v in res.get("values", [])][:1]
    return res.get("value")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "–"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses per kind")
    args = parser.parse_args()
    specs = args.shared / "benchmarks" / "ms_recognizers_text_specs" / "Specs"
    if not specs.is_dir():
        sys.exit(f"no spec cases at {specs}")
    print(
        "| kind | claimed results | correct | value accuracy | of which the Python port skips (acc.) "
        "| unclaimed results | unclaimed correct |"
    )
    print("|---|---|---|---|---|---|---|")
    tallies: dict[str, Tally] = {}
    for kind, rel in FILES.items():
        cases = json.loads((specs / rel).read_text(encoding="utf-8-sig"))
        t = tallies[kind] = score(kind, cases)
        print(
            f"| {kind} | {t.claimed} | {t.correct} | {_ratio(t.correct, t.claimed)} | {t.python_skipped} "
            f"({_ratio(t.python_skipped_correct, t.python_skipped)}) | {t.unclaimed} | {t.unclaimed_correct} |"
        )
    if args.misses:
        for kind, t in tallies.items():
            print(f"\n### misses: {kind}")
            for line in t.misses[: args.misses]:
                print("-", line)


if __name__ == "__main__":
    main()
