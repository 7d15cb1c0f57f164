"""Compiled report templates kept between runs: used when there, never a reason for an export to fail."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

from journal.records.terms import TermInfo
from journal.report import templates
from journal.report.text_report import export_text_report
from journal.storage.journal_file import Journal


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path / "cache"
    monkeypatch.setattr(platformdirs, "user_cache_path", lambda app: home / app)
    for cached in (templates.compiled_templates_cache, templates.html_environment, templates.markdown_environment):
        cached.cache_clear()
    yield home
    for cached in (templates.compiled_templates_cache, templates.html_environment, templates.markdown_environment):
        cached.cache_clear()


def test_each_environment_keeps_its_compiled_templates_apart(
    cache_home: Path, journal: Journal, gap_term: TermInfo, tmp_path: Path
) -> None:
    export_text_report(journal, gap_term, "html", tmp_path / "r.html")
    export_text_report(journal, gap_term, "md", tmp_path / "r.md")
    kept = {p.parent.name for p in cache_home.rglob("__jinja2_*")}
    assert kept == {"html", "md"}
    folder = next(cache_home.rglob("html")).parent
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_cache_folder_that_vanished_or_is_refused_only_means_compiling_again(
    cache_home: Path, journal: Journal, gap_term: TermInfo, tmp_path: Path
) -> None:
    templates.markdown_environment()  # its folder is made
    shutil.rmtree(cache_home)  # a cache cleaner ran before the first template was compiled
    export_text_report(journal, gap_term, "md", tmp_path / "r.md")
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Semester reflection report")
    assert list(cache_home.rglob("md/__jinja2_*")), "the folder was made again and the compilation kept"
    export_text_report(journal, gap_term, "html", tmp_path / "first.html")
    for cached in (templates.compiled_templates_cache, templates.html_environment, templates.markdown_environment):
        cached.cache_clear()
    shutil.rmtree(cache_home)
    cache_home.mkdir()
    cache_home.chmod(0o500)  # no folder can be made in it (root may still write: then it simply caches)
    try:
        export_text_report(journal, gap_term, "html", tmp_path / "r.html")
    finally:
        cache_home.chmod(0o700)
    assert (tmp_path / "first.html").read_text(encoding="utf-8") == (tmp_path / "r.html").read_text(encoding="utf-8")
