"""Chart titles (issue 16): what a figure counts, as the noun phrase of its sentence a reader would use, with the
section heading as context, and the stating clause when no phrase is found. All sentences are written here."""

from __future__ import annotations

import pytest

from editions.facts.phrase import figure_clause, figure_title


@pytest.mark.parametrize(
    ("sentence", "figure", "kind", "title"),
    [
        # a rank: among what, and who ranks
        ("Norway is the third-largest EU fish supplier (Figure 2) and a top investor.", "third-largest", "rank",
         "Norway's rank among EU fish suppliers"),
        ("Oslo is the second-busiest port in the North Sea.", "second-busiest", "rank",
         "Oslo's rank among ports in the North Sea"),
        # a figure set off by dashes or by commas after "currently"
        ("The pact gives the navy the right to station U.S. sailors—currently about 3,100 on shore duty—and ships.",
         "about 3,100", "count", "U.S. sailors on shore duty"),
        ("The pact allows it to station sailors in the harbor, currently about 3,100 on shore duty, and ships.",
         "about 3,100", "count", "Sailors in the harbor on shore duty"),
        # "a … of FIGURE"
        ("The board estimated a break-even toll rate of around 12% for the bridge.", "around 12%", "percent",
         "Break-even toll rate"),
        ("The first purchase objective of 640 buses was lowered after the review.", "640", "count",
         "First purchase objective of buses"),
        # "FIGURE of …", with what its verb says of it
        ("About 60% of all piers and berths used by the ferry line are in the north harbor.", "About 60%", "percent",
         "Share of all piers and berths used by the ferry line in the north harbor"),
        ("The agency says roughly 2,300 of these inspectors are in the western region.", "roughly 2,300", "count",
         "Inspectors in the western region"),
        # the counted noun, with a short subject
        ("The ministry reported that NORAD employed about 9,000 staff as of May 2026.", "about 9,000", "count",
         "NORAD staff"),
        ("Ferry riders purchased 410 million tickets of all kinds in 2025.", "410 million", "count",
         "Tickets of all kinds purchased by ferry riders"),
        # the subject of the verb that states the figure
        ("In 2025, regional fish and seafood imports totaled $88 billion, a record.", "$88 billion", "money",
         "Regional fish and seafood imports"),
        ("The toll surplus peaked at $9.1 billion in 2019.", "$9.1 billion", "money", "Toll surplus"),
        ("Under the plan, the ferry fare rate was later cut from 15% to 11%.", "11%", "percent", "Ferry fare rate"),
        ("The cost of dredging has been 100% locally financed since 1990.", "100%", "percent",
         "Share of the cost of dredging locally financed"),
        ("The Senate recommended $32 million for the lighthouse program in FY2026.", "$32 million", "money",
         "Senate recommendation for the lighthouse program"),
        ("The rule would have increased required reserves by 7% for the largest ports.", "7%", "percent",
         "Increase in required reserves"),
        ("Congress provided $41 million in grants for the canal, down from $45 million.", "$41 million", "money",
         "Funding provided by Congress"),
        # whose share, and a bracketed figure that restates the one before it
        ("Ferry projects have been 41% of all projects chosen for grants.", "41%", "percent",
         "Ferry projects' share of all projects chosen for grants"),
        ("Nearly two-fifths (38%) of ferry riders paid the full fare.", "38%", "percent", "Share of ferry riders"),
        # a change: in what
        ("The plan includes a cut of $12 million for the ferry program.", "$12 million", "money",
         "Cut for the ferry program"),
        ("The budget for harbor dredging would have seen a decrease of 40% next year.", "40%", "percent",
         "Decrease in the budget for harbor dredging"),
        ("On average, the office receives 900 Section 12 permits per year.", "900", "count",
         "Section 12 permits per year"),
        # a bare counted noun and what the things counted did
        ("By March, 31 ports had set fees on the use of private docks for cargo.", "31", "count",
         "Ports that had set fees on the use of private docks for cargo"),
        # a participle after the noun, a date before the verb
        ("The toll share going to the canal fund dropped to 2.1 cents per ton.", "2.1 cents", "money",
         "Toll share going to the canal fund"),
        ("Interest on the bonds paid to lenders in 2024 was $8.2 billion.", "$8.2 billion", "money",
         "Interest on the bonds paid to lenders"),
    ],
)  # fmt: skip
def test_the_title_is_the_noun_phrase_the_figure_counts(sentence: str, figure: str, kind: str, title: str) -> None:
    assert figure_title(sentence, figure, kind) == title


def test_a_bare_noun_takes_its_heading_as_context() -> None:
    assert figure_title("The harbor holds 12 cranes.", "12", "count", "Harbor Equipment") == "Cranes — Harbor Equipment"
    assert figure_title("The harbor holds 12 cranes.", "12", "count", "Overview") == "Cranes"  # says nothing
    share = "About 30% of funding went to ferries."
    assert figure_title(share, "About 30%", "percent", "Ferry Grants") == "Share of funding — Ferry Grants"
    row = "Oregon | 1,204 | 1,310 | 1,402"
    assert figure_title(row, "1,310", "count", "Inspectors by State") == "Oregon — Inspectors by State"


@pytest.mark.parametrize(
    ("sentence", "figure", "kind"),
    [
        ("It carried 300 in 2024, a record for the line.", "300", "count"),  # a pronoun names nothing
        ("The county has about 800 bridges longer than 20 feet on its roads.", "20", "count"),  # a threshold
        ("The firm offered to buy the yard for $2.4 billion in cash.", "$2.4 billion", "money"),
    ],
)
def test_the_stating_clause_when_no_phrase_is_found(sentence: str, figure: str, kind: str) -> None:
    assert figure_title(sentence, figure, kind) == figure_clause(sentence, figure)
