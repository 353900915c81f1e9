"""The aligner's thresholds and work limits, one frozen record (`AlignParams`) handed to every pass."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AlignParams:
    """The thresholds of the aligner; defaults tuned on ArgRewrite V.2 draft pairs "12" only."""

    threshold: float = 0.55
    """Least similarity for two sentences in the same gap to be one edited sentence."""
    move_threshold: float = 0.9
    """Least similarity for two sentences far apart to be one moved sentence."""
    split_penalty: float = 0.2
    """What a 1→2 or 2→1 link must gain over the best 1→1 reading to be preferred."""
    split_margin: float = 0.1
    """How much more similar the joined pair must be to the single sentence than the better of its two parts
    alone is, for a 1→2 or 2→1 link: the second part must explain something."""
    split_cover: float = 0.5
    """Least share of each part's words that the single sentence holds, for a 1→2 or 2→1 link: a part must
    itself be drawn from the other side (an added sentence next to an edited one is not half of a split)."""
    min_shared_words: int = 2
    """Least number of content words (not function words; compared by stem) two sentences must share to be
    one edited or moved sentence; a sentence with fewer content words needs half of its own. Lexical
    similarity alone pairs short sentences on their function words and one shared noun."""
    near_move_shared: int = 3
    """Least number of content words a crossing pair left over in a gap shares, to be one sentence moved a few
    places (`_near_moves`)."""
    near_move_cover: float = 0.8
    """Least share of the shorter sentence's content words that such a pair shares."""
    near_move_threshold: float = 0.7
    """Least similarity for such a pair."""
    part_cover: float = 0.7
    """Least share of a further part's content words found on the link's other side (`_extra_parts`)."""
    part_novel: int = 3
    """Least number of content words a further, non-adjacent part of a split or merge must bring from the
    other side that the link's own sentences do not hold (`_extra_parts`)."""
    max_parts: int = 3
    """Most sentences on one side of a link grown by `_extra_parts`."""
    dp_max_cells: int = 40_000
    """Largest gap (old × new sentences) aligned by the dynamic programme."""
    cdist_max_cells: int = 250_000
    """Largest set of pairs scored exhaustively by `cdist` (in blocks); beyond it candidates come from an
    inverted index of words, which keeps the work linear (the exhaustive move search over the leftovers of a
    1,000-page pair took most of its time: benchmarks/compare.py --pages 1000, docs/quality.md)."""
    block: int = 1_000
    """Rows and columns of one `cdist` call: bounds memory to `block²` floats."""
    candidates: int = 8
    """Candidates per sentence kept from the inverted index."""


DEFAULT_PARAMS = AlignParams()
