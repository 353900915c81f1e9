"""Numbers written in words: "twenty-one trillion", "two-thirds", "one and a half", "fourth"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from editions.facts.numbers.patterns import _DOZENS, _WORD_AFTER, _WORD_TOKEN, ORDINALS, SCALES, TENS, UNITS
from editions.facts.numbers.token import NumberToken


@dataclass(slots=True)
class _Word:
    text: str
    start: int
    end: int
    kind: str  # unit, teen, tens, hundred, scale, dozen, ord, ords, half, quarter, and, point, a, neg, hyphen
    value: int = 0


def _classify(word: str, start: int, end: int) -> _Word:
    w = word.lower()
    if w == "-":
        return _Word(w, start, end, "hyphen")
    if w in UNITS:
        v = UNITS[w]
        return _Word(w, start, end, "unit" if v < 10 else "teen", v)
    if w in TENS:
        return _Word(w, start, end, "tens", TENS[w])
    if w == "hundred":
        return _Word(w, start, end, "hundred", 100)
    if w in SCALES:
        return _Word(w, start, end, "scale", SCALES[w])
    if w in _DOZENS:
        return _Word(w, start, end, "dozen", 12)
    if w in ORDINALS:
        return _Word(w, start, end, "ord", ORDINALS[w])
    if w.endswith("s") and w[:-1] in ORDINALS:
        return _Word(w, start, end, "ords", ORDINALS[w[:-1]])
    if w in ("half", "halves"):
        return _Word(w, start, end, "half" if w == "half" else "ords", 2)
    if w in ("quarter", "quarters"):
        return _Word(w, start, end, "quarter" if w == "quarter" else "ords", 4)
    if w in ("minus", "negative"):
        return _Word(w, start, end, "neg")
    if w in ("a", "an"):
        return _Word(w, start, end, "a")
    return _Word(w, start, end, w)  # and, point


def _join_hyphens(words: list[_Word]) -> list[_Word]:
    """`twenty-first` is one ordinal, `twenty-three` one cardinal, `twenty-fifths` one plural ordinal:
    a hyphen binds tens to a following unit more tightly than a space does."""
    out: list[_Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        if (
            w.kind == "tens"
            and i + 2 < len(words)
            and words[i + 1].kind == "hyphen"
            and words[i + 2].kind in ("unit", "ord", "ords")
            and 1 <= words[i + 2].value <= 9
        ):
            nxt = words[i + 2]
            kind = "tens_unit" if nxt.kind == "unit" else nxt.kind
            out.append(_Word(w.text + "-" + nxt.text, w.start, nxt.end, kind, w.value + nxt.value))
            i += 3
            continue
        if w.kind != "hyphen":
            out.append(w)
        i += 1
    return out


_POWERS_OF_TEN = frozenset(10**k for k in range(1, 13))


def _fraction_value(numerator: Decimal, denominator: int) -> Decimal:
    return numerator / Decimal(denominator)


class _WordParser:
    """Splits a run of number words into numbers. Grammar, informally:
    [minus] [a] cardinal-part [point digits] [ordinal | plural-ordinal | and a half | scale]."""

    def __init__(self, words: list[_Word], text: str) -> None:
        self.w = words
        self.text = text
        self.out: list[NumberToken] = []

    def noun_follows(self, end: int) -> bool:
        m = _WORD_AFTER.match(self.text, end)
        return m is not None and m.group(1).lower() not in ("of", "and", "or", "to", "in", "is", "was")

    def parse(self) -> list[NumberToken]:
        i = 0
        while i < len(self.w):
            nxt = self._number(i)
            i = nxt if nxt > i else i + 1
        return self.out

    def _emit(self, start: int, end: int, value: Decimal, form: str, last_scale: int = 0) -> None:
        self.out.append(
            NumberToken(start, end, value, form, digits=False, scaled=last_scale > 0, last_scale=last_scale)
        )

    def _number(self, i: int) -> int:
        w = self.w
        n = len(w)
        start_i = i
        negative = False
        if w[i].kind == "neg":
            negative = True
            i += 1
        a_prefix = False
        if i < n and w[i].kind == "a":
            a_prefix = True
            i += 1
        if i >= n or w[i].kind in ("and", "point", "a", "neg"):
            return start_i + 1
        sign = Decimal(-1) if negative else Decimal(1)
        start = w[start_i].start
        if a_prefix and not negative and w[i].kind in ("unit", "teen", "tens", "tens_unit"):
            start = w[i].start  # "a three-year window": the article is not part of the number
        total = Decimal(0)
        current = Decimal(0)
        seen = False
        last = ""
        end = w[i].start
        single_one = False
        last_scale = 0
        while i < n:
            t = w[i]
            k = t.kind
            if k in ("unit", "teen", "tens", "tens_unit"):
                if (
                    k == "tens"
                    and seen
                    and last != "and"
                    and i + 1 < n
                    and w[i + 1].kind == "ords"
                    and 1 <= w[i + 1].value <= 9
                    and w[i + 1].text != "seconds"
                ):
                    # "three twenty firsts" = 3/21, "one hundred thirty fifths" = 100/35: after a whole
                    # numerator, a tens word and a plural ordinal are one denominator.
                    value = (total + current) / (t.value + w[i + 1].value)
                    self._emit(start, w[i + 1].end, value * sign, "fraction")
                    return i + 2
                ok = (
                    not seen
                    or (k == "unit" and last in ("tens", "hundred", "scale", "and"))
                    or (k in ("teen", "tens", "tens_unit") and last in ("hundred", "scale", "and"))
                )
                if not ok or (last == "and" and current % 100 != 0 and k != "unit"):
                    break
                if last == "and" and k == "unit" and current % 10 != 0:
                    break
                single_one = not seen and k == "unit" and t.value == 1
                current += t.value
                seen = True
                last = "tens" if k == "tens" else k
                end = t.end
                i += 1
            elif k == "hundred":
                if current >= 100:
                    break
                current = (current or Decimal(1)) * 100
                seen = True
                last = "hundred"
                last_scale = 100
                single_one = False
                end = t.end
                i += 1
            elif k == "scale":
                if not seen and not a_prefix:
                    break
                if last == "scale" and current == 0:
                    total *= t.value
                else:
                    total = total + (current or Decimal(1)) * t.value
                current = Decimal(0)
                seen = True
                last = "scale"
                last_scale = t.value
                single_one = False
                end = t.end
                i += 1
            elif k == "dozen":
                # "three hundred and two dozens" = 300 + 2 × 12
                units = current % 100 or Decimal(1)
                current = current - current % 100 + units * 12
                seen = True
                last = "scale"
                last_scale = 12
                end = t.end
                i += 1
            elif k == "and":
                # "one hundred and six", "one and a half", "twenty and three fifths"
                if not seen or i + 1 >= n:
                    break
                if (
                    last == "hundred"
                    and i + 2 < n
                    and w[i + 1].kind in ("teen", "tens", "tens_unit")
                    and w[i + 2].kind == "ords"
                    and w[i + 2].value not in _POWERS_OF_TEN
                ):
                    # "one hundred and thirty fifths" = 130 fifths: "and" after "hundred" goes on with the
                    # numerator ("two hundred and fifty-four hundredths" is a decimal: 200.54).
                    value = (total + current + w[i + 1].value) / w[i + 2].value
                    self._emit(start, w[i + 2].end, value * sign, "fraction")
                    return i + 3
                frac_end, frac = self._fraction_after_and(i + 1)
                if frac is not None:
                    if frac_end < n and w[frac_end].kind == "scale":
                        # "five and a half million", "one billion and a half million"
                        value = total + (current + frac) * w[frac_end].value
                        self._emit(start, w[frac_end].end, value * sign, "cardinal", w[frac_end].value)
                        return frac_end + 1
                    # "one million and a half", "five billion and three quarters"
                    value = total + current + (frac * last_scale if last == "scale" else frac)
                    self._emit(start, w[frac_end - 1].end, value * sign, "cardinal")
                    return frac_end
                if w[i + 1].kind in ("unit", "teen", "tens", "tens_unit") and last in ("hundred", "scale"):
                    last = "and"
                    i += 1
                    continue
                break
            elif k == "point":
                if not seen or i + 1 >= n:
                    break
                digits, j = self._point_digits(i + 1)
                if not digits:
                    break
                value = (total + current + Decimal("0." + digits)) * sign
                self._emit(start, w[j - 1].end, value, "cardinal")
                return j
            elif k in ("ord", "ords", "half", "quarter"):
                return self._ordinal_tail(i, start, total, current, seen, a_prefix, single_one, sign)
            elif k == "a" and seen and i + 1 < n and w[i + 1].kind == "dozen":
                i += 1
            else:
                break
        if not seen:
            return i
        self._emit(start, end, (total + current) * sign, "cardinal", last_scale)
        return i

    def _fraction_after_and(self, i: int) -> tuple[int, Decimal | None]:
        w = self.w
        n = len(w)
        if i < n and w[i].kind == "a" and i + 1 < n and w[i + 1].kind in ("half", "quarter", "ord"):
            d = w[i + 1].value
            if d >= 2 and not (w[i + 1].kind == "ord" and d == 2):
                return i + 2, Decimal(1) / d
        one_nth = i + 1 < n and w[i].kind == "unit" and w[i].value == 1
        if one_nth and w[i + 1].kind in ("ord", "half", "quarter") and (w[i + 1].value >= 3 or w[i + 1].kind == "half"):
            return i + 2, Decimal(1) / w[i + 1].value  # "three and one fourth"
        if (
            i + 1 < n
            and w[i].kind in ("unit", "teen", "tens", "tens_unit")
            and w[i + 1].kind in ("ords", "half", "quarter")
        ):
            return i + 2, _fraction_value(Decimal(w[i].value), w[i + 1].value)
        if i < n and w[i].kind == "half":
            return i + 1, Decimal("0.5")
        return i, None

    def _point_digits(self, i: int) -> tuple[str, int]:
        w = self.w
        digits = ""
        j = i
        while j < len(w) and w[j].kind == "unit":
            digits += str(w[j].value)
            j += 1
        if digits:
            return digits, j
        if j < len(w) and w[j].kind in ("teen", "tens", "tens_unit"):
            return str(w[j].value), j + 1
        return "", i

    def _ordinal_tail(
        self,
        i: int,
        start: int,
        total: Decimal,
        current: Decimal,
        seen: bool,
        a_prefix: bool,
        single_one: bool,
        sign: Decimal,
    ) -> int:
        w = self.w
        t = w[i]
        n = len(w)
        base = total + current
        scale_next = i + 1 < n and w[i + 1].kind == "scale"
        if t.kind in ("half", "quarter"):
            if not seen and not a_prefix and t.kind == "quarter" and not scale_next:
                return i + 1  # "quarter" alone is a period of time more often than a fraction
            numerator = base if seen else Decimal(1)
            value = _fraction_value(numerator, t.value)
            end_i = i + 1
            # "half a dozen", "half million"
            if end_i + 1 < n and w[end_i].kind == "a" and w[end_i + 1].kind == "dozen":
                self._emit(start, w[end_i + 1].end, value * 12 * sign, "cardinal")
                return end_i + 2
            if end_i < n and w[end_i].kind == "scale":
                self._emit(start, w[end_i].end, value * w[end_i].value * sign, "cardinal", w[end_i].value)
                return end_i + 1
            self._emit(start, t.end, value * sign, "fraction" if not seen else "cardinal")
            return end_i
        if t.kind == "ords":
            if t.text in ("seconds", "firsts") or (not seen and not a_prefix):
                return i + 1
            numerator = base if seen else Decimal(1)
            value = _fraction_value(numerator, t.value)
            if scale_next:  # "three quarters billion"
                self._emit(start, w[i + 1].end, value * w[i + 1].value * sign, "cardinal", w[i + 1].value)
                return i + 2
            self._emit(start, t.end, value * sign, "fraction")
            return i + 1
        # a singular ordinal
        o = t.value
        if not seen:
            if a_prefix:
                if o == 2:  # "a second" is a moment
                    return i + 1
                if o == 1:  # "a first class seat"
                    self._emit(t.start, t.end, Decimal(o), "ordinal")
                    return i + 1
                if self.noun_follows(t.end):  # "a third party" is an ordinal
                    self._emit(t.start, t.end, Decimal(o), "ordinal")
                    return i + 1
                self._emit(start, t.end, _fraction_value(Decimal(1), o) * sign, "fraction")
                return i + 1
            self._emit(t.start, t.end, Decimal(o), "ordinal")
            return i + 1
        if o >= 100 and o in (100, 10**3, 10**6, 10**9, 10**12):
            self._emit(start, t.end, (base or Decimal(1)) * o, "ordinal")
            return i + 1
        if (o < 10 and current % 10 == 0) or (o < 100 and current % 100 == 0):
            self._emit(start, t.end, base + o, "ordinal")
            return i + 1
        if single_one and base == 1 and o >= 3:
            self._emit(start, t.end, _fraction_value(Decimal(1), o) * sign, "fraction")
            return i + 1
        # "three fifth": a cardinal, then an ordinal
        self._emit(start, w[i - 1].end, base * sign, "cardinal")
        self._emit(t.start, t.end, Decimal(o), "ordinal")
        return i + 1


def _word_numbers(low: str, text: str, run_start: int, run_end: int) -> list[NumberToken]:
    words = [_classify(m.group(), m.start(), m.end()) for m in _WORD_TOKEN.finditer(low, run_start, run_end)]
    return _WordParser(_join_hyphens(words), text).parse()
