"""GENIUS folders as ANAC publishes them: stray files, lenient XML, older formats.

Each case is a small file written here in the shape found in published domains
(NegMAS's copy of the ANAC and GENIUS templates); each value is checked against
GENIUS's definition, worked out by hand.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from zopa.errors import ScenarioError
from zopa.interop import read_genius

LUNCH = Path(__file__).parent / "data" / "genius" / "lunch"
pytestmark = pytest.mark.filterwarnings("ignore:.*only one party")

DOMAIN = """<negotiation_template><utility_space><objective name="o">
<issue index="1" name="drink" type="discrete">
<item index="1" value="tea"/><item index="2" value="coffee"/><item index="3" value="water"/>
</issue></objective></utility_space></negotiation_template>"""


def profile(items: str, weight: str = "1.0", space: str = "", extra: str = "") -> str:
    return (
        f'<utility_space{space}><objective name="o"><issue index="1" name="drink" '
        f'type="discrete">{items}</issue><weight index="1" value="{weight}"/></objective>'
        f"{extra}</utility_space>"
    )


ITEMS = '<item value="tea" evaluation="1"/><item value="coffee" evaluation="4"/>'


def folder(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


def values(imported, party: str) -> dict[str, Fraction]:
    table = imported.scenario.party(party).values["drink"]
    return {option: judgement.exact for option, judgement in table.items()}


def test_files_that_are_no_genius_xml_are_skipped_with_a_note(tmp_path):
    full = ITEMS + '<item value="water" evaluation="2"/>'
    path = folder(
        tmp_path,
        {
            "d.xml": DOMAIN,
            "a.xml": profile(full),
            "pareto.xml": "\n0.5, 1.0\n1.0, 0.5\n",  # a frontier saved as text
            "log.xml": "<Tournament><NegotiationOutcome/></Tournament>",
        },
    )
    imported = read_genius(path)
    assert imported.scenario.party_names == ("a",)
    assert any("pareto.xml: skipped, not XML" in w for w in imported.warnings)
    assert any("log.xml: skipped, <Tournament>" in w for w in imported.warnings)


def test_xml_that_only_genius_parser_accepts_is_repaired_and_reported(tmp_path):
    domain = DOMAIN.replace('value="tea"', 'value="Tea & Milk"').replace(
        'name="drink" type', 'name="drink"type'
    )
    domain = domain.replace('value="water"', 'value="\u00a310 water"')
    items = (
        '<item value="Tea & Milk" evaluation="1"/><item value="coffee" evaluation="4"/>'
        '<item value="\u00a310 water" evaluation="2"/>'
    )
    text = '<!-- profile 1 -->\n<?xml version="1.0" encoding="utf-8"?>\n' + profile(items)
    path = folder(tmp_path, {"d.xml": domain.encode("cp1252"), "a.xml": text})
    imported = read_genius(path)
    assert values(imported, "a") == {
        "Tea & Milk": Fraction(1, 4),
        "coffee": Fraction(1),
        "\u00a310 water": Fraction(1, 2),
    }
    notes = " ".join(imported.warnings)
    assert "d.xml: repaired" in notes and "read as cp1252" in notes
    assert "bare '&' escaped" in notes and "missing space between attributes" in notes
    assert "a.xml: repaired" in notes and "declaration after a comment" in notes


def test_xml_broken_beyond_genius_leniency_is_still_an_error(tmp_path):
    path = folder(tmp_path, {"d.xml": DOMAIN, "a.xml": "<utility_space><issue></utility_space>"})
    with pytest.raises(ScenarioError, match=r"a\.xml: malformed XML: mismatched tag"):
        read_genius(path)


def test_unevaluated_values_are_zero_and_an_all_zero_issue_is_zero_throughout(tmp_path):
    path = folder(
        tmp_path,
        {
            "d.xml": DOMAIN,
            # "water" has no item, "coffee" says null: GENIUS leaves both unevaluated
            "a.xml": profile(
                '<item value="tea" evaluation="2"/><item value="coffee" evaluation="null"/>'
            ),
            "b.xml": profile(
                '<item value="tea" evaluation="0"/><item value="coffee" evaluation="0"/>'
                '<item value="water" evaluation="0.000001"/>'
            ),
        },
    )
    imported = read_genius(path)
    assert values(imported, "a") == {"tea": 1, "coffee": 0, "water": 0}
    assert values(imported, "b") == {"tea": 0, "coffee": 0, "water": 0}
    notes = " ".join(imported.warnings)
    assert "a.xml: issue 'drink': 2 value(s) without an evaluation (coffee, water)" in notes
    assert "b.xml: issue 'drink' has no evaluation above 0.00001" in notes


def test_an_uncertain_profile_gives_its_additive_utility(tmp_path):
    items = ITEMS + '<item value="water" evaluation="2"/>'
    path = folder(tmp_path, {"d.xml": DOMAIN, "a.xml": profile(items, space=' type="UNCERTAIN"')})
    imported = read_genius(path)
    assert values(imported, "a") == {"tea": Fraction(1, 4), "coffee": 1, "water": Fraction(1, 2)}
    assert any("a.xml: an 'uncertain' profile" in w for w in imported.warnings)


def test_a_value_listed_twice_is_one_option_and_a_bad_discount_factor_is_ignored(tmp_path):
    domain = DOMAIN.replace(
        '<item index="3" value="water"/>', '<item index="3" value="water"/><item value="water"/>'
    )
    items = ITEMS + '<item value="water" evaluation="2"/>'
    extra = '<discount_factor value="s"/>'
    imported = read_genius(
        folder(tmp_path, {"d.xml": domain, "a.xml": profile(items, extra=extra)})
    )
    assert [o.name for o in imported.scenario.issue("drink").options] == ["tea", "coffee", "water"]
    assert imported.discount_factors["a"] is None
    notes = " ".join(imported.warnings)
    assert "lists water more than once" in notes and "discount factor 's'" in notes


def test_a_profile_with_every_weight_zero_is_named(tmp_path):
    items = ITEMS + '<item value="water" evaluation="2"/>'
    path = folder(tmp_path, {"d.xml": DOMAIN, "a.xml": profile(items, weight="0")})
    with pytest.raises(ScenarioError, match=r"a\.xml: every weight is 0"):
        read_genius(path)


def test_an_integer_issue_in_the_older_format(tmp_path):
    # <range> holds the bounds; the evaluator is parameter0 + parameter1 * x on x itself
    domain = (
        '<negotiation_template><utility_space><objective name="o"><issue index="1" '
        'name="fee" type="integer" vtype="integer"><range lowerbound="2" upperbound="5"/>'
        "</issue></objective></utility_space></negotiation_template>"
    )
    prof = (
        '<utility_space><objective name="o"><issue index="1" name="fee" type="integer" '
        'vtype="integer"><range lowerbound="2" upperbound="5"/><evaluator ftype="linear" '
        'parameter0="1.5" parameter1="-0.25"/></issue><weight index="1" value="1"/>'
        "</objective></utility_space>"
    )
    imported = read_genius(folder(tmp_path, {"d.xml": domain, "a.xml": prof}))
    table = imported.scenario.party("a").values["fee"]
    # 1.5 - 0.25 x for x = 2..5, clipped to [0, 1]
    assert {o: j.exact for o, j in table.items()} == {
        "2": 1,
        "3": Fraction(3, 4),
        "4": Fraction(1, 2),
        "5": Fraction(1, 4),
    }


def test_a_domain_file_named_in_a_folder_of_several(tmp_path):
    items = ITEMS + '<item value="water" evaluation="2"/>'
    other = ITEMS + '<item value="water" evaluation="8"/>'
    path = folder(
        tmp_path,
        {
            "Cafe-A-domain.xml": DOMAIN,
            "Cafe-A-prof1.xml": profile(items),
            "Cafe-B-domain.xml": DOMAIN,
            "Cafe-B-prof1.xml": profile(other),
            "Cafe-B-prof2.xml": profile(other),
        },
    )
    with pytest.raises(ScenarioError, match=r"found Cafe-A-domain\.xml, Cafe-B-domain\.xml; name"):
        read_genius(path)
    imported = read_genius(path / "Cafe-B-domain.xml")
    assert imported.scenario.name == "Cafe-B"
    assert imported.scenario.party_names == ("Cafe-B-prof1", "Cafe-B-prof2")
    assert values(imported, "Cafe-B-prof1")["water"] == 1
    with pytest.raises(ScenarioError, match=r"Cafe-A-prof1\.xml: not a GENIUS domain file"):
        read_genius(path / "Cafe-A-prof1.xml")


def test_the_cli_reads_a_domain_file_and_prints_the_notes(tmp_path):
    from typer.testing import CliRunner

    from zopa.cli.app import app

    path = folder(tmp_path, {"pareto.xml": "0.5, 1.0\n"})
    for file in LUNCH.glob("*.xml"):
        (path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(app, ["import-genius", str(path / "lunch_domain.xml"), "--json"])
    assert result.exit_code == 0, result.output
    assert "pareto.xml: skipped, not XML" in result.output
