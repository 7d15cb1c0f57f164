"""The profile printed on reports."""

from __future__ import annotations

import pytest

from journal.errors import InvalidInput
from journal.records.profile import ProfileInfo, get_profile, save_profile
from journal.storage.journal_file import Journal


def test_profile_is_saved_trimmed_and_checked(journal: Journal) -> None:
    assert get_profile(journal) == ProfileInfo()
    assert save_profile(journal, ProfileInfo(" Sam ", "SOC 215", "")) == ProfileInfo("Sam", "SOC 215", "")
    assert get_profile(journal) == ProfileInfo("Sam", "SOC 215", "")
    with pytest.raises(InvalidInput) as caught:
        save_profile(journal, ProfileInfo("x" * 201, "", "y" * 201))
    assert set(caught.value.problems) == {"student_name", "instructor"}
    assert get_profile(journal) == ProfileInfo("Sam", "SOC 215", "")
