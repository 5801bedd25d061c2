"""Issue 12's smaller faults on the evidence side: default cues, symlinked folders."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from zopa.evidence.extract import get_extractor
from zopa.evidence.ingest import ingest
from zopa.evidence.store import Store
from zopa.model import load_builtin, scenario_from_data, scenario_to_data

_spec = importlib.util.spec_from_file_location(
    "evidence_fakes", Path(__file__).parent / "data" / "fakes.py"
)
_fakes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fakes)
FakeExtractor = _fakes.FakeExtractor


def test_a_scenario_without_cues_is_read_through_its_issue_and_option_names():
    tiny = load_builtin("tiny")  # no cues anywhere
    assert not any(i.cues or any(o.cues for o in i.options) for i in tiny.issues)
    text = "North insists on the south bank of the river."
    (claim,) = get_extractor("rules").extract(text, scenario=tiny, date="2025-03-01")
    assert (claim.actor, claim.issue, claim.stance, claim.option) == (
        "North", "river", "demands", "south_bank",
    )  # fmt: skip
    derived = tiny.with_default_cues()
    assert derived.issue("river").cues == ("river",)
    assert derived.issue("river").options[0].cues == ("north bank", "border on the north bank")
    assert derived.issue("fishing").options[0].cues == ("north only",)


def test_a_scenario_with_cues_keeps_exactly_its_own():
    data = scenario_to_data(load_builtin("tiny"))
    data["issues"][0]["cues"] = ["border river"]
    scenario = scenario_from_data(data)
    assert scenario.with_default_cues() is scenario
    text = "North insists on the south bank."
    assert get_extractor("rules").extract(text, scenario=scenario) == []


def test_symlinked_folders_are_followed_once_and_cycles_end(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text("North insists on the south bank, far away.\n")
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "near.txt").write_text("South offers the midline.\n")
    os.symlink(outside, folder / "linked")
    os.symlink(folder, folder / "sub" / "loop")  # a cycle back to the top
    os.symlink(outside, folder / "sub" / "again")  # the same folder by a second link
    with Store("sqlite://") as store:
        report = ingest(store, [folder], scenario=load_builtin("tiny"), extractor=FakeExtractor())
    assert report.ok
    assert sorted(os.path.basename(d.source) for d in report.added) == ["far.txt", "near.txt"]
    assert report.duplicates == ()  # each real file is read once
