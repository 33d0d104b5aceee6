"""The house stays in order (issue 14): imports run one way, from configuration down to core,
no module is part of an import circle, and neither half of the campaign desk outgrows the
rest. ``scripts/house.py`` draws the same picture for people."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def house():
    spec = importlib.util.spec_from_file_location("house", ROOT / "scripts" / "house.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_import_runs_back_up(house):
    # core < publications < home < campaigns < insights < demo < cms (settings and urls on top)
    assert house.survey()["back_up"] == []


def test_no_import_circles(house):
    assert house.survey()["circles"] == []


def test_the_largest_app_holds_under_45_percent_of_the_application_python(house):
    share = house.survey()["share"]
    largest = max(share, key=share.get)
    assert share[largest] / sum(share.values()) < 0.45, largest


def test_an_import_inside_a_function_still_counts(house, tmp_path):
    # given a module whose function imports a module above it (the way circles hide)
    hidden = tmp_path / "lower.py"
    hidden.write_text("def late():\n    from upper import thing\n    return thing\n")
    known = {"lower": hidden, "upper": tmp_path / "upper.py"}
    # then the survey sees the arrow
    assert house.imported_modules(hidden, "lower", known) == {"upper"}


def test_a_circle_is_found_round_a_loop(house):
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert house.circles(graph) == [["a", "b", "c"]]
