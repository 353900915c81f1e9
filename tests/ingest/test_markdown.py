"""Markdown ingest on documents written here: both dialects the corpus holds, and conversion damage."""

from __future__ import annotations

import datetime as dt

import editions
from editions.model import Author, BlockKind, Edition


def read_md(text: str) -> Edition:
    return editions.read(text.encode(), format="markdown")


def table_texts(edition: Edition) -> list[str]:
    return [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.TABLE]


def kinds(edition: Edition) -> list[tuple[str, str]]:
    return [(b.kind.value, edition.text_of(b)) for b in edition.blocks]


PDF_STYLE = """

Updated March 14, 2023

## Veldoria: Background

### Overview

Veldoria hosts about 2,100 U.S. troops and received \\$40 million in aid. Its parliament met on Jan. 5, 2023,
and the vote was close.

### Economy

The economy grew by 2.5% in 2022, and the central bank kept its main rate at the same level in a move that its
governor, as well as most analysts,

surprised nobody. Exports rose.

**Figure 1. Veldorian Exports, 2022**

Source: Veldorian Statistics Office.

**Ana Q. Lindqvist**, Coordinator, Specialist in European Affairs

**Tomas Brant**, Analyst in Trade Policy

---

## Disclaimer

This document was prepared by the Congressional Research Service (CRS). It is reproduced here as an example.
"""


def test_pdf_style_markdown() -> None:
    edition = read_md(PDF_STYLE)
    assert edition.title == "Veldoria: Background"
    assert edition.date == dt.date(2023, 3, 14)
    assert edition.authors == (
        Author("Ana Q. Lindqvist", "Coordinator, Specialist in European Affairs"),
        Author("Tomas Brant", "Analyst in Trade Policy"),
    )
    sentences = [edition.text_of(s) for s in edition.sentences]
    assert sentences == [
        "Veldoria hosts about 2,100 U.S. troops and received $40 million in aid.",
        "Its parliament met on Jan. 5, 2023, and the vote was close.",
        "The economy grew by 2.5% in 2022, and the central bank kept its main rate at the same level in a move "
        "that its governor, as well as most analysts, surprised nobody.",
        "Exports rose.",
        "Figure 1. Veldorian Exports, 2022",
        "Source: Veldorian Statistics Office.",
    ]
    assert [s.section for s in edition.sentences[:2]] == [("Overview",), ("Overview",)]
    assert edition.sentences[2].section == ("Economy",)
    k = kinds(edition)
    assert ("caption", "Figure 1. Veldorian Exports, 2022") in k
    assert ("boilerplate", "Disclaimer") in k
    assert any(kind == "boilerplate" and text.startswith("This document was prepared") for kind, text in k)


SAVED_PAGE = """# Veldoria: Background

**Product Type:** In Focus
**Report No.:** IF99001
**Version:** 3
**Publication Date:** 09/30/2025
**Author(s):** Lindqvist, Ana Q.; Brant, Tomas
**Source:** https://example.org/IF99001

---
[Citation](https://example.org#citation)[Subscribe](https://example.org/alerts)[Home](https://example.org/) > IF99001

# Veldoria: Background

## CRS PRODUCT (LIBRARY OF CONGRESS)

| **CRS Product Type:** | In Focus
| **CRS Product Number:** | IF99001
| **Publication Date:** | 09/30/2025

[Download PDF (200KB)](https://example.org/IF99001.3.pdf)                      | [PDF Version History](https://example.org#)

- [September 30, 2025 (IF99001 - Version: 3)](https://example.org/IF99001.3.pdf)
- [June 2, 2024 (IF99001 - Version: 2)](https://example.org/IF99001.2.pdf)
[Listen](https://example.org/listen?x=1)Veldoria: Background Updated September 30, 2025             (IF99001)

Overview

Veldoria is a [close partner](https://example.org/a)of the United States. Its army has about 2,500 troops.

Trade and Investment

Table 1. Trade, 2024

| Year | Exports | Imports
| 2023 | $1.2 | $0.9
| 2024 | $1.4 | $1.0

**Source****s****: **Veldorian Statistics Office.

                              Disclaimer:
 These documents were prepared by the Congressional Research Service (CRS). They are an example here.
"""


def test_saved_congress_gov_page() -> None:
    edition = read_md(SAVED_PAGE)
    assert edition.report == "IF99001"
    assert edition.version == 3
    assert edition.date == dt.date(2025, 9, 30)
    assert edition.product == "In Focus"
    assert edition.title == "Veldoria: Background"
    assert [a.name for a in edition.authors] == ["Ana Q. Lindqvist", "Tomas Brant"]
    sentences = [edition.text_of(s) for s in edition.sentences]
    assert sentences == [
        "Veldoria is a close partner of the United States.",
        "Its army has about 2,500 troops.",
        "Table 1. Trade, 2024",
        "Year | Exports | Imports",
        "2023 | $1.2 | $0.9",
        "2024 | $1.4 | $1.0",
        "Sources: Veldorian Statistics Office.",
    ]
    assert edition.sentences[0].section == ("Overview",)
    assert edition.sentences[-1].section == ("Trade and Investment",)
    tables = [b for b in edition.blocks if b.kind is BlockKind.TABLE]
    assert len(tables) == 1
    furniture = " ".join(edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.BOILERPLATE)
    for chrome in ("Citation", "Download PDF", "Version: 2", "CRS Product Number", "These documents were prepared"):
        assert chrome in furniture


def test_links_emphasis_and_escapes() -> None:
    edition = read_md(
        "A paragraph with [a link](https://x.org/a_(b)) and *emphasis*, __strong__, `code`,\n"
        "an escaped \\* star, snake_case_name and 3 * 4 = 12.\n"
    )
    assert edition.text == (
        "A paragraph with a link and emphasis, strong, code, an escaped * star, snake_case_name and 3 * 4 = 12."
    )


def test_line_end_hyphenation() -> None:
    text = (
        "The econ-\nomy of the region is economic in nature and the long-\nstanding dispute is long-standing.\n\n"
        "A self-\nreliant policy, and a bor-\nder crossing that needs a border."
    )
    edition = read_md(text)
    assert edition.text == (
        "The economy of the region is economic in nature and the long-standing dispute is long-standing.\n\n"
        "A self-reliant policy, and a border crossing that needs a border."
    )


def test_paragraph_cut_across_a_figure_is_joined() -> None:
    text = (
        "# Report\n\nThe agreement was signed by the two governments and later ratified by\n\n"
        "**Figure 2. A Map of the Region**\n\nSource: Example Survey.\n\n"
        "parliament in a close vote. A new paragraph follows.\n"
    )
    edition = read_md(text)
    sentences = [edition.text_of(s) for s in edition.sentences]
    assert sentences[0] == (
        "The agreement was signed by the two governments and later ratified by parliament in a close vote."
    )
    assert "Figure 2. A Map of the Region" in sentences


def test_headings_nest_by_level() -> None:
    edition = read_md("# Title\n\n## A\n\nOne.\n\n### A.1\n\nTwo.\n\n## B\n\nThree.\n")
    assert [s.section for s in edition.sentences] == [("A",), ("A", "A.1"), ("B",)]


def test_list_items_and_rules() -> None:
    edition = read_md("# T\n\nIntro text follows:\n\n- first item\n  continues here\n- second item\n\n---\n\nEnd.\n")
    assert kinds(edition) == [
        ("title", "T"),
        ("paragraph", "Intro text follows:"),
        ("list_item", "first item continues here"),
        ("list_item", "second item"),
        ("paragraph", "End."),
    ]


def test_short_line_ending_in_a_function_word_is_not_a_heading() -> None:
    edition = read_md("# T\n\nIn 2021, exports rose for\n\nthe third year. More text here.\n")
    assert [edition.text_of(s) for s in edition.sentences] == [
        "In 2021, exports rose for the third year.",
        "More text here.",
    ]


def test_a_heading_line_may_open_with_a_quoted_word_but_not_with_a_quotation() -> None:
    edition = read_md(
        '# T\n\n## Options\n\n"Rightsizing" the Fleet of Ships\n\nThe Navy could retire older ships.\n\n'
        "\u201cWe will keep every hull we have\n\nuntil the new ones arrive,\u201d the admiral said.\n"
    )
    assert [s.section for s in edition.sentences] == [("Options", '"Rightsizing" the Fleet of Ships')] * 2
    assert [edition.text_of(s) for s in edition.sentences] == [
        "The Navy could retire older ships.",
        '"We will keep every hull we have until the new ones arrive," the admiral said.',
    ]


def test_a_text_box_saved_as_a_one_cell_table_is_prose_and_its_glued_title_a_heading() -> None:
    edition = read_md(
        "# T\n\nThe state funds two programs.\n\n"
        "| Water and Soil Conservation GrantsTo qualify, a county files a plan. The state reviews it in 90 days.\n\n"
        "| The Acme Farm Bureau LinkedIn page lists the grants. It is updated weekly.\n\n"
        "| Program | Amount |\n| Grants | $5 million |\n"
    )
    assert [(b.kind.value, edition.text_of(b)) for b in edition.blocks[1:]] == [
        ("paragraph", "The state funds two programs."),
        ("heading", "Water and Soil Conservation Grants"),
        ("paragraph", "To qualify, a county files a plan. The state reviews it in 90 days."),
        ("paragraph", "The Acme Farm Bureau LinkedIn page lists the grants. It is updated weekly."),
        ("table", "Program | Amount\nGrants | $5 million"),
    ]
    assert len(edition.sentences) == 7


def test_saved_page_damage_around_links_and_emphasis() -> None:
    edition = read_md(
        "A[2025 assessment](https://x.org/a) found that markets offer[event contracts](https://x.org/b)(i.e., "
        "bets) under [§1396a](https://x.org/c)(b)(2).\n\n"
        "_**From**__****_**space****.** The balance____of____payments moved.\n\n"
        "**Amending Section 122****.******If Congress acts, it could say so.\n\n"
        "**Notes: **\n"
    )
    assert edition.text == (
        "A 2025 assessment found that markets offer event contracts (i.e., bets) under §1396a(b)(2).\n\n"
        "From space. The balance of payments moved.\n\n"
        "Amending Section 122. If Congress acts, it could say so.\n\n"
        "Notes:"
    )


def test_a_paragraph_starting_lower_case_continues_the_one_before() -> None:
    edition = read_md(
        "# T\n\nCountries pegged their currencies to the dollar, which the U.S.\n\n"
        "government allowed them to convert into gold at a fixed price.\n\n"
        "The system held until 1971. All of these offices are in Washington, DC.\n\n"
        "as of January 2026\n"
    )
    sentences = [edition.text_of(s) for s in edition.sentences]
    assert sentences[0] == (
        "Countries pegged their currencies to the dollar, which the U.S. government allowed them to convert "
        "into gold at a fixed price."
    )
    assert sentences[-1] == "as of January 2026"


def test_a_paragraph_cut_after_a_dotted_abbreviation_is_joined() -> None:
    edition = read_md(
        "# T\n\nTo finance the publicly held debt, U.S.\n\n"
        "Treasury securities are sold to investors at home and abroad.\n\n"
        "The law is codified at 19 U.S.C.\n\n§ 2132 and was amended in 1988. It is used rarely.\n"
    )
    sentences = [edition.text_of(s) for s in edition.sentences]
    assert sentences[:2] == [
        "To finance the publicly held debt, U.S. Treasury securities are sold to investors at home and abroad.",
        "The law is codified at 19 U.S.C. § 2132 and was amended in 1988.",
    ]


def test_lost_ordinals_of_military_units_are_restored() -> None:
    edition = read_md("Marines of the 15 Marine Expeditionary Unit and the 5 Battalion, 3 Field Artillery Regiment.\n")
    assert edition.text == (
        "Marines of the 15th Marine Expeditionary Unit and the 5th Battalion, 3rd Field Artillery Regiment."
    )


def test_a_unit_within_a_unit_and_an_acronym_before_the_unit_keep_one_ordinal() -> None:
    # "2-71" is the 2nd battalion of the 71st regiment, printed "2-71st"; a law's number stays as written.
    edition = read_md(
        "The 2-71 Air Defense Artillery joined the 4 SHORAD Battalion at the post.\n\n"
        "Funds came from P.L. 117-58 Division J and from the 118 and 119 Congresses.\n"
    )
    assert edition.text == (
        "The 2-71st Air Defense Artillery joined the 4th SHORAD Battalion at the post.\n\n"
        "Funds came from P.L. 117-58 Division J and from the 118th and 119th Congresses."
    )


def test_an_acronym_defined_as_a_unit_takes_the_units_ordinal() -> None:
    edition = read_md(
        "The 7 Cavalry Regiment (CR) moved north, and its 2 Battalion (BN) stayed.\n\n"
        "Later the 7 CR and the 2 BN trained together with 12 ROTC cadets.\n"
    )
    assert edition.text.split("\n\n")[1] == "Later the 7th CR and the 2nd BN trained together with 12 ROTC cadets."


def test_a_term_the_document_writes_after_an_ordinal_takes_one_where_the_suffix_was_lost() -> None:
    edition = read_md(
        "# The 9th Development Plan\n\n"
        "The 9 Development Plan follows the 8th DP, whose goals the 9 DP keeps.\n\n"
        "The 2nd and 3rd Regions and the 3rd ACME Battalion have 4 Regions, 20 ACME launchers and 5 DPs.\n"
    )
    assert edition.text.split("\n\n")[1:] == [
        "The 9th Development Plan follows the 8th DP, whose goals the 9th DP keeps.",
        "The 2nd and 3rd Regions and the 3rd ACME Battalion have 4 Regions, 20 ACME launchers and 5 DPs.",
    ]


def test_a_summary_printed_twice_in_a_row_is_read_once() -> None:
    first = "The department was established in 1862 and has grown in size and responsibilities ever since then."
    second = "Congress may organize the department through authorizing and appropriations laws, as it has often done."
    edition = read_md(f"# T\n\nSummary\n\n{first}\n\n{second}\n\n{first}\n\n{second}\n\n---\n\n{first}\n")
    sentences = [edition.text_of(s) for s in edition.sentences]
    assert sentences == [first, second, first]


def test_a_saved_chart_script_and_its_screen_reader_text_are_not_content() -> None:
    edition = read_md(
        "# T\n\nStaff levels fell in 2025.\n\n| //Based on IAG in AP 7.4.1 |\n\n"
        "legend: { itemStyle: { fontSize: '14px' }, verticalAlign: 'top' }, yAxis: { title: { text: null } }\n\n"
        "The chart has 1 Y axis displaying Total Staff.\n\n"
        "Data ranges from 1 to 9.Created with Highcharts 12.6.0Staff\n"
    )
    assert [edition.text_of(s) for s in edition.sentences] == ["Staff levels fell in 2025."]


def test_sentences_glued_by_a_saved_page_are_two_sentences() -> None:
    edition = read_md(
        "# T\n\nThe test occurred in April 2026.Orion returned to Earth. Control passed from the agency "
        '(DOC).In 2017 it ended. It "served in the service."Therefore it counts. Programs such as '
        "(AMA)Land retirement pay owners. The Senate adopted S.Con.Res.Later it passed. "
        "See https://www.Example.gov/Report.Pdf for more.\n"
    )
    assert [edition.text_of(s) for s in edition.sentences] == [
        "The test occurred in April 2026.",
        "Orion returned to Earth.",
        "Control passed from the agency (DOC).",
        "In 2017 it ended.",
        'It "served in the service."',
        "Therefore it counts.",
        "Programs such as (AMA) Land retirement pay owners.",
        "The Senate adopted S.Con.Res.Later it passed.",
        "See https://www.Example.gov/Report.Pdf for more.",
    ]


def test_links_to_text_fragments_with_unbalanced_parentheses() -> None:
    edition = read_md(
        "The [current version](https://g.gov/a?id=%C2%A72#:~:text=3)(A)%20applies.-,(6),-(Apply%20the) and "
        "[prior version](https://g.gov/b) differ. They are the [same](https://l.edu/x#:~:text=(2)%20make,2)%20of"
        "%3B). It is food (21 U.S.C. [§321(ff)](https://u.gov/v#:~:text=-,(ff),-The%20term)), as held.\n"
    )
    assert edition.text == (
        "The current version and prior version differ. They are the same. It is food (21 U.S.C. §321(ff)), as held."
    )


def test_a_list_item_cut_at_a_page_break_takes_its_lower_case_tail() -> None:
    edition = read_md(
        "# T\n\n- The court held that the question was whether a defendant's\n\n"
        "conduct was unlawful, not whether a plaintiff can sue.\n\n- A second item\n\nA new paragraph.\n"
    )
    assert [(b.kind, edition.text_of(b)) for b in edition.blocks[1:]] == [
        (
            BlockKind.LIST_ITEM,
            "The court held that the question was whether a defendant's conduct was unlawful, not whether a "
            "plaintiff can sue.",
        ),
        (BlockKind.LIST_ITEM, "A second item"),
        (BlockKind.PARAGRAPH, "A new paragraph."),
    ]


def test_a_short_line_after_a_paragraph_left_open_is_no_heading() -> None:
    edition = read_md(
        "# T\n\n## Background\n\nIn its 2021 update, the Commandant further noted,\n\n"
        "The 12 Light Armored Reconnaissance Companies identified in the initial Force Design\n\n"
        "Report must be re-evaluated in light of the emerging concept.\n\n"
        "The review ended in 2022 with these results\n\nNext Steps\n\nA new plan follows.\n"
    )
    assert next(edition.text_of(s) for s in edition.sentences) == (
        "In its 2021 update, the Commandant further noted, The 12 Light Armored Reconnaissance Companies "
        "identified in the initial Force Design Report must be re-evaluated in light of the emerging concept."
    )
    assert ("Background",) in [s.section for s in edition.sentences]


def test_a_cell_broken_over_lines_by_a_saved_page_stays_in_its_row() -> None:
    # Stacked entries of one cell come on lines that do not start with "|" (and a cell's second paragraph after
    # a blank line); they belong to the row above when another row follows. A figure's one-cell layout table and
    # the notes after a table are not cells.
    edition = read_md(
        "| Congress | Public Law | Sections \n"
        "| 118th | P.L. 118-42 | Division B, Title VII\n"
        "Division C, Title V \n"
        "| | P.L. 118-47 | Division B, Title I \n"
        "\n"
        "Applies to every division listed.\n"
        "| 117th | P.L. 117-58 | Division J, Title I \n"
        "Notes: Divisions are listed in order.\n"
        "\n"
        "| Figure 1. Awards by Month\n"
        "In thousands\n"
        "| Source: NIH.\n"
    )
    tables = table_texts(edition)
    assert tables[0] == (
        "Congress | Public Law | Sections\n"
        "118th | P.L. 118-42 | Division B, Title VII Division C, Title V\n"
        "P.L. 118-47 | Division B, Title I Applies to every division listed.\n"
        "117th | P.L. 117-58 | Division J, Title I"
    )
    assert "Notes: Divisions are listed in order." in edition.text
    assert "Figure 1. Awards by Month" not in tables[0]
    assert "In thousands" in edition.text and "In thousands" not in " ".join(tables)


def test_spaces_a_saved_page_dropped_are_put_back() -> None:
    edition = read_md(
        "The pact (KTA),also cut tariffs on grain:Wheat and rye rose (Figure 2)to a peak. The rule is (1)an act; "
        "the Survey(USGS) said in 2024(P.L. 118-9) thatMarovia and bothChambers met in Sustaining OurValleys.\n"
    )
    assert edition.text == (
        "The pact (KTA), also cut tariffs on grain: Wheat and rye rose (Figure 2) to a peak. The rule is (1) an "
        "act; the Survey (USGS) said in 2024 (P.L. 118-9) that Marovia and both Chambers met in Sustaining Our "
        "Valleys."
    )


def test_text_that_only_looks_glued_is_left_alone() -> None:
    text = (
        "Totals of 1,200 in 2009d,f (s)he saw at 10:30 under §1396a(b)(2) and 3(A), per agency(ies), with InSAR "
        "and InSight, TheEnergyMag, iPhone, eBay, McDonald, Highcharts.setOptions(Theme), "
        "https://x.gov/a,b:Cd(Ef gh) and mail@thatIran.org."
    )
    assert read_md(text + "\n").text == text


def test_stacked_entries_of_a_saved_table_cell_are_two_entries() -> None:
    edition = read_md(
        "| Program | Amount |\n"
        "| Requirements payments52 U.S.C. §21001 | $3 billionFY10: Such sums |\n"
        "| Aid per individualReduced by 6% | $40 millionSubsequent years |\n"
        "| Disbursed reimbursementsP.L. 108-7 | FinCEN and AmeriCorps, see work1171.pdf |\n"
        "| FY2026Requested | $200,000Subsequent years |\n"
        "| $400,000FY08-10 | $3$4$5 |\n"
    )
    tables = table_texts(edition)
    assert tables == [
        "Program | Amount\n"
        "Requirements payments 52 U.S.C. §21001 | $3 billion FY10: Such sums\n"
        "Aid per individual Reduced by 6% | $40 million Subsequent years\n"
        "Disbursed reimbursements P.L. 108-7 | FinCEN and AmeriCorps, see work1171.pdf\n"
        "FY2026 Requested | $200,000 Subsequent years\n"
        "$400,000 FY08-10 | $3 $4 $5"
    ]


def test_lone_stars_are_text_not_emphasis() -> None:
    edition = read_md(
        "See 2023 WL 12345, at *2 (D. Mass. 2023); id. at *10–11. The asterisk (*) marks x*y=k. A **bold** "
        "word.\n\n| Year | Amount |\n| 2012 | 457.5* |\n"
    )
    assert edition.text.startswith(
        "See 2023 WL 12345, at *2 (D. Mass. 2023); id. at *10–11. The asterisk (*) marks x*y=k. A bold word."
    )
    assert "2012 | 457.5*" in edition.text


def test_a_sentence_glued_to_a_link_that_starts_the_next_is_two_sentences() -> None:
    edition = read_md(
        "# T\n\nAwards ranged up to $51 million per award.[P.L. 117-167](https://x.gov/b)authorized more. "
        "It is in U.S.[Code](https://x.gov/c) too.\n"
    )
    assert [edition.text_of(s) for s in edition.sentences] == [
        "Awards ranged up to $51 million per award.",
        "P.L. 117-167 authorized more.",
        "It is in U.S.Code too.",
    ]


def test_a_figure_source_kept_as_a_one_cell_table_is_read_sentence_by_sentence() -> None:
    edition = read_md(
        "# T\n\nImports rose in 2025.\n\n| Figure 1. Imports by Country\nof the Products Covered\n|  \n"
        "| Source: CRS with trade data, accessed April 1, 2026. Based on product codes of the agency.\n\n"
        "Exports fell.\n"
    )
    assert [edition.text_of(s) for s in edition.sentences] == [
        "Imports rose in 2025.",
        "Figure 1. Imports by Country",
        "of the Products Covered",
        "Source: CRS with trade data, accessed April 1, 2026.",
        "Based on product codes of the agency.",
        "Exports fell.",
    ]
    assert BlockKind.TABLE not in {b.kind for b in edition.blocks}


def test_a_sentence_glued_to_an_acronym_that_starts_the_next_is_two_sentences() -> None:
    edition = read_md(
        "# T\n\nThe agency took final action.NMFS issues updates. The order ends (21 U.S.C. §350l(j)(2)(E)).FDA "
        "reports yearly. See a file named REPEAL-OF-SECTION-10.PDF for more.\n"
    )
    assert [edition.text_of(s) for s in edition.sentences] == [
        "The agency took final action.",
        "NMFS issues updates.",
        "The order ends (21 U.S.C. §350l(j)(2)(E)).",
        "FDA reports yearly.",
        "See a file named REPEAL-OF-SECTION-10.PDF for more.",
    ]


def test_words_split_only_by_emphasis_markers_are_two_words() -> None:
    edition = read_md(
        "**Table 2****shows** the totals, **Figure 1**in brief, for the 1**st** and 2**nd** years. A triad of****"
        "strategic **arms**, and it********may grow. **Source****s**: the p****lan (te****xt box).\n"
    )
    assert edition.text == (
        "Table 2 shows the totals, Figure 1 in brief, for the 1st and 2nd years. A triad of strategic arms, and it "
        "may grow. Sources: the plan (text box)."
    )


def test_two_underscores_between_letters_split_words_or_join_a_words_parts() -> None:
    edition = read_md(
        "While defi__has grown, the capital __and__financial account, the F__ederal R__egister, its saving__s, "
        "bel__ow par, f__inanc__ing _costs_.\n"
    )
    assert edition.text == (
        "While defi has grown, the capital and financial account, the Federal Register, its savings, below par, "
        "financing costs."
    )


def test_a_list_item_cut_mid_sentence_takes_any_lower_case_tail() -> None:
    edition = read_md(
        "# T\n\n- Courts: A panel held that the provision reaches any fine still\n\n"
        'owed." The majority read it broadly.\n\n'
        "- Immigration: A panel held that, in most circumstances, 8 U.S.C.\n\n"
        "§ 1225(b) directs that the alien be detained.\n\n"
        "- Trade: A panel held the tariff lawful.\n\n"
        "a. Note letters start this paragraph of the table's notes.\n"
    )
    items = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        'Courts: A panel held that the provision reaches any fine still owed." The majority read it broadly.',
        "Immigration: A panel held that, in most circumstances, 8 U.S.C. § 1225(b) directs that the alien be detained.",
        "Trade: A panel held the tariff lawful.",
    ]


def test_rows_with_text_in_the_last_cell_alone_go_on_with_that_cell_of_the_row_above() -> None:
    # A saved page writes the entries stacked beside a spanning question as rows whose other cells are empty; a
    # row that leaves the last cell empty, or fills an earlier one, stays a row.
    edition = read_md(
        "| Category | Question | Answer |\n"
        "| Uses | Are funds limited to set tasks? | Set tasks (P.L. 1-2) |\n"
        "|  |  | General purposes (P.L. 3-4) |\n"
        "|  | Are funds for voluntary work? | Voluntary work (P.L. 5-6) |\n"
        "| Amount |  |  |\n"
        "|  |  | Yes (P.L. 7-8) |\n"
    )
    assert table_texts(edition) == [
        "Category | Question | Answer\n"
        "Uses | Are funds limited to set tasks? | Set tasks (P.L. 1-2) General purposes (P.L. 3-4)\n"
        "Are funds for voluntary work? | Voluntary work (P.L. 5-6)\n"
        "Amount\n"
        "Yes (P.L. 7-8)"
    ]


def test_markdown_footnotes_are_footnotes_and_their_marks_are_dropped() -> None:
    text = (
        "# Grain Storage\n\nFarmers stored 12 billion bushels in 2024.[^1] Capacity grew.[^cap]\n\n"
        "[^1]: Department of Agriculture, Grain Stocks, 2024.\n    Revised in 2025.\n"
        "[^cap]: A named note.\n\n## Footnotes\n\n1. An endnote written as a numbered list.\n"
    )
    edition = editions.read(text.encode(), name="notes.md")
    sentences = [edition.text_of(s) for s in edition.sentences if s.role.value == "body"]
    assert sentences == ["Farmers stored 12 billion bushels in 2024.", "Capacity grew."]
    notes = [edition.text_of(b) for b in edition.blocks if b.kind is BlockKind.FOOTNOTE]
    assert notes == [
        "1. Department of Agriculture, Grain Stocks, 2024. Revised in 2025.",
        "A named note.",
        "An endnote written as a numbered list.",
    ]


def test_footnote_marks_a_saved_page_flattened_or_linked_are_dropped() -> None:
    text = (
        "# Storage\n\nBins limit losses and prevent spoilage.18 Prices adapt to the pool's ratios.46\n\n"
        'Growth came in 2024.<sup>3</sup> The law says "as needed."[4](#fn4) See vol.5 The 2.5 The Section 3.12 Text.\n'
    )
    edition = editions.read(text.encode(), name="marks.md")
    assert [edition.text_of(s) for s in edition.sentences] == [
        "Bins limit losses and prevent spoilage.",
        "Prices adapt to the pool's ratios.",
        "Growth came in 2024.",
        'The law says "as needed."',
        "See vol.5 The 2.5 The Section 3.12 Text.",
    ]
