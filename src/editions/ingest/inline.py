"""Markdown inline markup to plain text.

Markdown converted from PDF or saved from congress.gov is full of broken emphasis ("**Source****s****: **")
and links glued to the next word ("[often](url)creates"). A CommonMark parser leaves the broken markers in the
text and is much slower on link-heavy pages (docs/quality.md), so we strip markup with linear regular
expressions instead: every pattern below is free of nested quantifiers that could backtrack.
"""

from __future__ import annotations

import html
import re

# Backslash escapes are swapped for private-use characters first, so that an escaped "[" or "*" is never read
# as markup, and swapped back at the end.
_ESCAPABLE = r"""!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"""
_ESCAPE = re.compile(r"\\([" + _ESCAPABLE + r"])")
_PRIVATE = 0xE000
_UNPROTECT = {_PRIVATE + ord(c): c for c in _ESCAPABLE.replace("\\", "")} | {_PRIVATE + ord("\\"): "\\"}

# A URL may hold balanced parentheses, or end inside an unbalanced one ("…Section%207(j)" cut by a converter).
# A link to a text fragment ("…#:~:text=3)(A)%20applies.-,(6),-(Apply") holds unbalanced parentheses of the
# quoted text: it runs to the last ")" before a space.
_URL = (
    r"(?:<[^<>\n]*>|[^\s()<>\[\]]*#:~:text=[^\s<>]*(?=\))|"
    r"[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*(?:\([^\s()]*)?)(?:\s+\"[^\"\n]*\")?"
)
_IMAGE = re.compile(r"!\[[^\[\]\n]*\]\(" + _URL + r"\)")
# Link text may hold one level of brackets: "[Vehicle [OMFV]](url)".
_LINK_TARGET = re.compile(r"\]\(\S*")  # "](https://…": a link's target, whose parentheses are not the text's
_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(" + _URL + r"\)")
# A footnote's mark in the text, "…in 2020.[^3]": readers skip it, as they skip a PDF's raised digits.
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]\s]{1,20}\]")
_NOTE_NUMBER = re.compile(r"\^?\[?\d{1,3}\]?")
# A footnote's mark set as HTML inside Markdown: "<sup>3</sup>", "<sup><a href="#fn3">3</a></sup>".
_SUP_MARK = re.compile(r"<sup>\s*(?:<a\b[^<>]*>)?\s*\[?\d{1,3}\]?\s*(?:</a>)?\s*</sup>", re.I)
_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^<>\s]+)>")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STARS = re.compile(r"\*+")
_UNDERSCORE_OPEN = re.compile(r"(?<![\w_])_{1,3}(?=[^\s_])")
_UNDERSCORE_CLOSE = re.compile(r"(?<=[^\s_])_{1,3}(?![\w_])")
# Three or more underscores between words stand for a space lost between two emphasized runs
# ("_**From**__****_**space**" for "From space"); two split one word ("F__ederal").
_UNDERSCORE_GAP = re.compile(r"(?<=[^\W_])_{3,}(?=[^\W_])")
# Two between letters join a word's parts ("F__ederal", "bel__ow", "saving__s", "f__inanc__ing") or part two
# words ("defi__has", "data__for"): words when both sides have three letters or more and neither is split again.
_INNER_UNDERSCORES = re.compile(r"(?<=[^\W_])__(?=[^\W_])")
# A word of three letters or more, that no other markers split from letters of its own: emphasis before it
# ("__and__financial") is no split, a word's other part is ("f__inanc__ing").
_LETTERS_BEFORE = re.compile(r"(?<![^\W\d_])_*(?<![^\W\d_]_)(?<![^\W\d_]__)[^\W\d_]{3,}$")
_LETTERS_AFTER = re.compile(r"[^\W\d_]{3,}(?!_*[^\W\d_])")


def _inner_underscores(match: re.Match[str]) -> str:
    text = match.string
    words = _LETTERS_BEFORE.search(text, max(0, match.start() - 40), match.start()) and (
        _LETTERS_AFTER.match(text, match.end())
    )
    return " " if words else ""


_BACKTICKS = re.compile(r"`+")
_SPACES = re.compile(r"\s+")
_BARE_URL = re.compile(r"(?<![(<\w])(?:https?://|www\.)[^\s<>()\[\]]+")
_SUBDIVISION = re.compile(r"\(\w{1,4}\)")  # "[§1396a](url)(b)(2)": a citation goes on without a space
_SENTENCE_END_BEFORE = frozenset('abcdefghijklmnopqrstuvwxyz0123456789)"”’')
_LETTERS = re.compile(r"[a-z]{2,}")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th|d)(?![a-z])")
_URL_PROTECT = str.maketrans({c: chr(_PRIVATE + ord(c)) for c in "_*"})


def _protect(match: re.Match[str]) -> str:
    return chr(_PRIVATE + ord(match.group(1)))


def _link_text(match: re.Match[str]) -> str:
    text = match.group(1)
    if _NOTE_NUMBER.fullmatch(text) and match.group(0).startswith("](#", len(text) + 1):
        return ""  # "[12](#fn12)": a footnote's mark, linked to its note on the page
    rest = match.string
    start = match.start()
    while start > 0 and rest[start - 1] in "*_" and match.start() - start < 64:
        start -= 1
    # …and the space before one ("A[2025 assessment](url)"): a word glued to a link's first word is two words,
    # and a sentence's end glued to a link that starts the next ("per award.[P.L. 117-167](url)") two sentences.
    glued_word = start > 0 and rest[start - 1].isalnum() and text[:1].isalnum()
    glued_sentence = start > 1 and rest[start - 1] in ".?!" and rest[start - 2] in _SENTENCE_END_BEFORE
    if glued_word or (glued_sentence and text[:1].isupper()):
        text = " " + text
    end = match.end()
    link = match.group(0)
    if link.endswith("))") and "#:~:text=" in link:
        # "(21 U.S.C. [§321(ff)](…#:~:text=…dietary))," — the last ")" closed the sentence's own parenthesis.
        before = _LINK_TARGET.sub("", rest[rest.rfind("\n", 0, match.start()) + 1 : match.start()])
        if before.count("(") > before.count(")"):
            text += ")"
    while end < len(rest) and rest[end] in "*_" and end - match.end() < 64:
        end += 1  # emphasis markers between the link and the next word: "[Figure 2](url)****shows"
    following = rest[end : end + 1]
    # Saved pages drop the space after a link ("[often](url)creates"): a reader sees two words.
    opens = following == "(" and text[-1:].isalpha() and not _SUBDIVISION.match(rest, end)
    if following and (following.isalnum() or opens) and text and text[-1].isalnum():
        return text + " "
    return text


def _protect_url(match: re.Match[str]) -> str:
    """A bare URL's underscores and stars are its own ("…/story/_/id/…"), not emphasis."""
    return match.group(0).translate(_URL_PROTECT)


def _drop_stars(match: re.Match[str]) -> str:
    text = match.string
    before = text[match.start() - 1] if match.start() > 0 else " "
    after = text[match.end()] if match.end() < len(text) else " "
    # A star between spaces is a literal star ("a * b"), and so is a lone star that marks a page of a court
    # opinion ("at *3"), a table note ("457.5*", "0.078* (0.047)", "asterisk (*)") or a product ("x*y"): single
    # stars are never emphasis in the corpus's saved pages. Every other run of stars is emphasis markup.
    if len(match.group(0)) == 1 and (
        (before.isspace() and after.isspace())
        or (before in " (" and after.isdigit())
        or (before.isdigit() and (after.isspace() or after in "|),;"))
        or (before == "(" and after == ")")
        or (before.isalnum() and after.isalnum() and after.islower() == before.islower() and before.islower())
    ):
        return match.group(0)
    if before in ":;," and after.isalnum():
        return " "  # "**Sources:**P.L. 101-549" lost its space with the markup
    k = match.start() - 2
    while k > 0 and text[k] == "*":
        k -= 1
    word_end = text[k] if k >= 0 else " "
    if before in ".!?" and after.isupper() and (word_end.islower() or word_end.isdigit()):
        return " "  # "**Amending Section 122.****If Congress": a run-in heading, then its paragraph
    if before.islower() and after.isupper():
        return " "  # "listed in****Figure 2": a new word, not a word's letters split by broken emphasis
    if before.isdigit() and after.islower() and not _ORDINAL_SUFFIX.match(text, match.end()):
        return " "  # "**Table 2****summarizes**": a number then a word; but "1**st**" is one
    # "a triad of****strategic", "it********may": two words of two letters or more, one of three or more; broken
    # emphasis splits a word at its first letter, before its plural or in two ("p****lan", "Source****s", "te****xt").
    right = _LETTERS.match(text, match.end()) if before.islower() and word_end.isalpha() else None
    if right and (len(right.group()) >= 3 or (k > 0 and text[k - 1].isalpha())):
        return " "
    return ""


def to_text(markdown: str) -> str:
    """The text a reader sees in one block of Markdown inline content, whitespace collapsed."""
    # Each pattern runs only when the character it needs is there: most blocks hold no markup at all, and
    # fifteen passes over every block were most of Markdown ingest's time.
    text = _ESCAPE.sub(_protect, markdown) if "\\" in markdown else markdown
    if "[" in text:
        if "[^" in text:
            text = _FOOTNOTE_REFERENCE.sub("", text)
        text = _IMAGE.sub("", text)
        text = _LINK.sub(_link_text, text)
        text = _REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "http" in text or "www." in text:
        text = _BARE_URL.sub(_protect_url, text)
    if "<" in text:
        text = _SUP_MARK.sub("", text)
        text = _BREAK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
    if "*" in text:
        text = _STARS.sub(_drop_stars, text)
    if "_" in text:
        text = _UNDERSCORE_GAP.sub(" ", text)
        text = _INNER_UNDERSCORES.sub(_inner_underscores, text)
        text = _UNDERSCORE_OPEN.sub("", text)
        text = _UNDERSCORE_CLOSE.sub("", text)
    if "`" in text:
        text = _BACKTICKS.sub("", text)
    if not text.isascii():
        text = text.translate(_UNPROTECT)
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()
