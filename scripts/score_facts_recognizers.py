"""Value accuracy of `editions.facts` on Microsoft Recognizers-Text's English spec cases.

For each kind we claim, a gold result counts as correct when a fact found in the case's input overlaps
the gold span and has the gold value. What we claim is decided by rule on the gold result (and its input),
never by the case's text, before scoring; every result we do not claim is reported with its reason and
count (and how many of them we get right anyway):
- number (NumberModel): subtypes integer, decimal, fraction. Not claimed:
  - subtype power ("1.1^23", "1e10"): scientific notation is not written in policy prose;
  - the digits of an identifier, address or date: one part of a token made of three or more digit groups
    joined by ".", "/" or "-" ("192.168.1.2", "5/17/2018", "+1-222-2222/2222"), or of a letter code joined
    to digits by "-" ("SCP-173"): such a token names something; we read a date where it is one and
    report no figure for the rest;
  - a decimal comma ("1,3" = 1.3, "1.111,11"): English text writes "1,3" only as a list of two numbers
    and "1.111" only as a decimal, so reading the European way would misread English.
- ordinal (OrdinalModel): type `ordinal`. Not claimed:
  - `ordinal.relative` ("next", "last", "penultimate"): no number is written;
  - an ordinal that is the denominator of a mixed number which the NumberModel's own gold reads as a
    fraction ("forty two and a third" = 42.33): the two gold files read the same words two ways; we
    give the number, which the number row scores.
- percent (PercentModel): results with a numeric value. Not claimed: "percent" with no number (value null).
- currency (CurrencyModel): results with a value. Not claimed: a bare currency name ("dollar", value null).
- dates (DateTimeModel): `datetimeV2.date` results and `datetimeV2.daterange` results whose timex is a
  month or a year ("2015-12", "2016"), resolved against the case's ReferenceDateTime when it has one.
  Not claimed: times, date-times, durations, sets, week and part-of-period ranges, "between … and …".

Prints a Markdown table of what we claim, then one of what we do not claim, by reason.
Usage: python scripts/score_facts_recognizers.py [--shared PATH] [--misses N]
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
    reasons: dict[str, list[int]] = field(default_factory=dict)
    """Unclaimed results by reason: [results, correct anyway]."""


# Three or more digit groups joined by ".", "/" or "-", or a letter code joined to digits by "-".
_IDENTIFIER_TOKEN = re.compile(r"[+-]?\d+(?:[./-]\d+){2,}|[A-Za-z]+-\d+")
_DECIMAL_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+|\d+,\d{1,2}")
REASONS = {
    "power": "subtype power (scientific notation)",
    "identifier": "digits of an identifier, address or date",
    "decimal_comma": "decimal comma (European notation)",
    "relative": "ordinal.relative (no number written)",
    "mixed_number": "denominator of a mixed number the NumberModel reads as a fraction",
    "no_value": "no value (a bare word)",
    "date_type": "not a date, month or year",
}


def _token_around(text: str, start: int, end: int) -> str:
    """The whitespace-delimited token holding [start, end), without trailing sentence punctuation."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].rstrip(".,;:!?")


def _decimal_comma(result: dict[str, Any]) -> bool:
    """Whether the gold reads a comma as the decimal point: its value is the European reading of its
    text and not the English one."""
    text = result["Text"]
    if not _DECIMAL_COMMA.fullmatch(text):
        return False
    try:
        gold = float(result["Resolution"]["value"])
    except (KeyError, TypeError, ValueError):
        return False
    european = float(text.replace(".", "").replace(",", "."))
    return math.isclose(european, gold) and not math.isclose(float(text.replace(",", "")), gold)


def _unclaimed_reason(kind: str, result: dict[str, Any], text: str, fractions: list[tuple[int, int]]) -> str | None:
    """Why we do not claim `result` (a key of REASONS), or None when we claim it. `text`: the case's
    input; `fractions`: the spans of the NumberModel's fraction results for the same input."""
    res = result.get("Resolution") or {}
    type_name = result.get("TypeName", "")
    start, end = result["Start"], result["End"] + 1
    if kind == "number":
        if type_name != "number" or res.get("subtype") == "power":
            return "power"
        token = _token_around(text, start, end)
        if token != result["Text"] and _IDENTIFIER_TOKEN.fullmatch(token):
            return "identifier"
        if _decimal_comma(result):
            return "decimal_comma"
        return None
    if kind == "ordinal":
        if type_name != "ordinal":
            return "relative"
        if any(a <= start and end <= b for a, b in fractions):
            return "mixed_number"
        return None
    if kind == "percent":
        return None if type_name == "percentage" and res.get("value") not in (None, "null") else "no_value"
    if kind == "currency":
        return None if type_name == "currency" and res.get("value") is not None else "no_value"
    values = res.get("values") or []
    if not values:
        return "no_value"
    if type_name == "datetimeV2.date":
        return None
    if type_name == "datetimeV2.daterange" and _MONTH_OR_YEAR.match(values[0].get("timex", "")):
        return None
    return "date_type"


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


def score(kind: str, cases: list[dict[str, Any]], fractions: dict[str, list[tuple[int, int]]]) -> Tally:
    tally = Tally()
    for case in cases:
        text = case["Input"]
        found = find(text, _anchor(case) if kind == "dates" else None)
        skipped_by_python = "python" in (case.get("NotSupported", "") + case.get("NotSupportedByDesign", ""))
        for result in case.get("Results", []):
            start, end = result["Start"], result["End"] + 1
            ok = any(f.start < end and start < f.end and _safe_match(kind, result, f) for f in found)
            reason = _unclaimed_reason(kind, result, text, fractions.get(text, []))
            if reason is not None:
                tally.unclaimed += 1
                tally.unclaimed_correct += ok
                counts = tally.reasons.setdefault(reason, [0, 0])
                counts[0] += 1
                counts[1] += ok
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


def _fraction_spans(cases: list[dict[str, Any]]) -> dict[str, list[tuple[int, int]]]:
    """Input → spans of the fraction results the NumberModel's gold gives for it."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for case in cases:
        for result in case.get("Results", []):
            if (result.get("Resolution") or {}).get("subtype") == "fraction":
                spans.setdefault(case["Input"], []).append((result["Start"], result["End"] + 1))
    return spans


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
    fractions = _fraction_spans(json.loads((specs / FILES["number"]).read_text(encoding="utf-8-sig")))
    for kind, rel in FILES.items():
        cases = json.loads((specs / rel).read_text(encoding="utf-8-sig"))
        t = tallies[kind] = score(kind, cases, fractions)
        print(
            f"| {kind} | {t.claimed} | {t.correct} | {_ratio(t.correct, t.claimed)} | {t.python_skipped} "
            f"({_ratio(t.python_skipped_correct, t.python_skipped)}) | {t.unclaimed} | {t.unclaimed_correct} |"
        )
    print("\nNot claimed, by reason:\n")
    print("| kind | reason | results | correct anyway |")
    print("|---|---|---|---|")
    for kind, t in tallies.items():
        for reason, (count, correct) in t.reasons.items():
            print(f"| {kind} | {REASONS[reason]} | {count} | {correct} |")
    if args.misses:
        for kind, t in tallies.items():
            print(f"\n### misses: {kind}")
            for line in t.misses[: args.misses]:
                print("-", line)


if __name__ == "__main__":
    main()
