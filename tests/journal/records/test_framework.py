"""The framework file: the shipped models and criteria, and broken files stopping with a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.errors import FrameworkError
from journal.records.framework import default_framework_path, load_framework

SPEC_CRITERIA = {
    "charity": [
        "outside-helpers",
        "one-way-giving",
        "eligibility-checks",
        "sponsor-funded",
        "top-down-decisions",
        "symptoms-only",
        "dependency",
        "formal-gatekeeping",
    ],
    "contributory": [
        "active-participation",
        "self-help",
        "recipients-contribute",
        "pooled-resources",
        "individual-recovery",
        "resilience",
        "consulted",
        "skills",
    ],
    "radical": [
        "root-causes",
        "change-conditions",
        "collective-decisions",
        "no-eligibility",
        "reciprocal-roles",
        "political-education",
        "movement-link",
        "community-resourced",
        "civic-space",
    ],
}

GOOD_MODELS = """
[[models]]
id = "charity"
name = "Charity"
position = 0
summary = "Help given one way."

[[models]]
id = "radical"
name = "Radical"
position = 100
summary = "Solidarity."
"""


def test_shipped_framework_has_the_spec_models_and_criteria() -> None:
    framework = load_framework()
    assert [(m.id, m.position) for m in framework.models] == [("charity", 0), ("contributory", 50), ("radical", 100)]
    assert len(framework.criteria) == 25
    assert [c.id for c in framework.criteria] == [f"{m}.{s}" for m, slugs in SPEC_CRITERIA.items() for s in slugs]
    for criterion in framework.criteria:
        assert criterion.statement and criterion.source and not criterion.custom
        assert framework.position_of(criterion.id) == framework.model(criterion.model_id).position
    assert all(m.name and m.summary for m in framework.models)
    assert framework.sources


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "framework.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_good_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_MODELS + '[[criteria]]\nid = "radical.a"\nstatement = "A."\nsource = "S."\n')
    framework = load_framework(path)
    assert [c.id for c in framework.criteria] == ["radical.a"]


@pytest.mark.parametrize(
    ("body", "entry", "problem"),
    [
        (
            '[[criteria]]\nid = "charity.a"\nstatement = "A."\nsource = "S."\n'
            '[[criteria]]\nid = "charity.a"\nstatement = "B."\nsource = "S."\n',
            "'charity.a'",
            "defined twice",
        ),
        ('[[criteria]]\nid = "solidarity.a"\nstatement = "A."\nsource = "S."\n', "'solidarity.a'", "unknown model"),
        (
            '[[criteria]]\nid = "charity.a"\nstatement = "  "\nsource = "S."\n',
            "'charity.a'",
            "empty or missing statement",
        ),
        ('[[criteria]]\nid = "charity.a"\nsource = "S."\n', "'charity.a'", "empty or missing statement"),
        ('[[criteria]]\nid = "Charity A"\nstatement = "A."\nsource = "S."\n', "'Charity A'", "model.slug"),
        ('[[models]]\nid = "charity"\nname = "Again"\nposition = 5\nsummary = "x"\n', "'charity'", "defined twice"),
    ],
)
def test_broken_file_names_the_file_and_the_entry(tmp_path: Path, body: str, entry: str, problem: str) -> None:
    path = write(tmp_path, GOOD_MODELS + body)
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    message = str(caught.value)
    assert str(path) in message and entry in message and problem in message


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD_MODELS + '[[criteria]]\nid = "charity.a\n')
    with pytest.raises(FrameworkError, match="not valid TOML") as caught:
        load_framework(path)
    assert str(path) in str(caught.value)


def test_missing_file_and_no_models(tmp_path: Path) -> None:
    with pytest.raises(FrameworkError, match="cannot be read"):
        load_framework(tmp_path / "absent.toml")
    with pytest.raises(FrameworkError, match="defines no models"):
        load_framework(write(tmp_path, "criteria = []\n"))


def test_model_without_position_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, '[[models]]\nid = "charity"\nname = "C"\nsummary = "s"\n')
    with pytest.raises(FrameworkError, match="'charity' needs a position"):
        load_framework(path)


def test_a_source_that_is_not_a_table_is_refused_in_words(tmp_path: Path) -> None:
    criterion = '[[criteria]]\nid = "radical.a"\nstatement = "A."\nsource = "S."\n'
    path = write(tmp_path, 'sources = ["just text"]\n' + GOOD_MODELS + criterion)
    with pytest.raises(FrameworkError, match="source 1"):
        load_framework(path)


def test_shipped_file_is_inside_resources() -> None:
    assert default_framework_path().name == "framework.toml"
    assert default_framework_path().parent.name == "resources"
