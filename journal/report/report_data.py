"""Everything the semester report says, gathered once so that every format prints the same words.

The numbers come only from ``journal.scoring.stats.term_stats`` and ``journal.scoring.position``;
the renderers never compute. A private activity counts in every number but is
described here only by its date, hours and criteria, so no format can leak it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import lru_cache

from journal.clock import today
from journal.records.activities import ActivityRecord
from journal.records.framework import Framework
from journal.records.profile import get_profile
from journal.records.reflections import DIRECTION_LABELS, PROMPTS, closing_reflection, weekly_reflections
from journal.records.terms import TermInfo
from journal.report.appendix import Appendix, build_appendix
from journal.report.wording import (
    day_text,
    isolated,
    long_date,
    percent_text,
    position_or_none,
    position_text,
    span_text,
    weeks_phrase,
)
from journal.scoring.explain import LEVEL_MEANING, LEVEL_NAMES, activity_sentence, number_text, shift_sentence
from journal.scoring.stats import TermStats, term_stats
from journal.search.activity_query import ActivityQuery, find_activities
from journal.storage.journal_file import Journal

REPORT_TITLE = "Semester reflection report"
PRIVATE_TITLE = "Private activity"
TOP_CRITERIA_SHOWN = 10
CHART_CAPTION = (
    "The weekly position from 0 (charity) to 100 (radical) with the level bands behind it, the three-week "
    "moving average and the term's position. Weeks without a position are gaps. The table below gives the numbers."
)


@dataclass(frozen=True)
class TitleBlock:
    title: str
    term_name: str
    fields: tuple[tuple[str, str], ...]  # (label, value), empty profile fields left out


@dataclass(frozen=True)
class Summary:
    facts: tuple[tuple[str, str], ...]  # (label, value) in reading order
    level_meaning: str  # what the term's level means, in words; empty without a position
    empty_note: str  # said instead of the numbers' story when nothing was logged


@dataclass(frozen=True)
class WeekGlance:
    """One row of the week-by-week table that sits under the chart (the chart's table alternative)."""

    number: int
    dates: str
    activities: int
    hours: str
    position: str
    level: str
    reflected: str


@dataclass(frozen=True)
class ModelShare:
    model_id: str
    name: str
    ticks: int
    share: str


@dataclass(frozen=True)
class TopCriterion:
    criterion_id: str
    model_id: str
    model_name: str
    statement: str
    count: int


@dataclass(frozen=True)
class CriterionLine:
    model_id: str
    model_name: str
    statement: str


@dataclass(frozen=True)
class ReportActivity:
    day: str
    title: str
    private: bool
    organization: str
    role: str
    hours: str
    description: str
    tags: tuple[str, ...]
    criteria: tuple[CriterionLine, ...]
    placement: str  # "2 radical criteria: 100, radical"

    @property
    def details(self) -> str:
        """The line under the title: date, organisation, role and hours (private: date and hours only).

        For the HTML and PDF reports: a right-to-left organisation or role is isolated so that
        "· 1 h" stays at the end of the line (see ``isolated``).
        """
        parts = [self.day, isolated(self.organization), isolated(self.role), f"{self.hours} h"]
        return " · ".join(p for p in parts if p)

    @property
    def plain_details(self) -> str:
        """The same line without direction controls, for Markdown and DOCX.

        A Markdown file is read as source, where editors and code hosts flag bidirectional
        controls as a hazard; whether Word honours Unicode isolates could not be checked, and
        invisible characters there would be edited along with the text. Both keep it as typed.
        """
        parts = [self.day, self.organization, self.role, f"{self.hours} h"]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class ReflectionAnswer:
    label: str
    text: str


@dataclass(frozen=True)
class ReportWeek:
    number: int
    dates: str
    facts: str  # "3 activities · 6.5 hours · position 42.5, contributory"
    activities: tuple[ReportActivity, ...]
    reflection: tuple[ReflectionAnswer, ...]  # only the answered prompts


@dataclass(frozen=True)
class Closing:
    essay: str
    direction: str


@dataclass(frozen=True)
class ReportData:
    title: TitleBlock
    summary: Summary
    chart_description: str  # the chart in words, point by point: its alt text
    chart_caption: str
    glance: tuple[WeekGlance, ...]
    shares: tuple[ModelShare, ...]
    shares_note: str
    top_criteria: tuple[TopCriterion, ...]
    weeks: tuple[ReportWeek, ...]  # weeks with an activity or a reflection
    quiet_weeks: str  # the weeks with neither, in one sentence; empty when there are none
    closing: Closing
    appendix: Appendix
    empty: bool  # no activity in the term

    @property
    def has_chart(self) -> bool:
        return not self.empty

    @property
    def has_ticks(self) -> bool:
        return any(share.ticks for share in self.shares)


def build_report(
    journal: Journal, term: TermInfo, *, stats: TermStats | None = None, made: date | None = None
) -> ReportData:
    """Read the term once and describe the whole report; ``stats`` may be passed when already computed."""
    stats = stats or term_stats(journal, term)
    framework = journal.framework
    records = find_activities(journal, ActivityQuery(start=term.start, end=term.end, sort="day", descending=False))
    reflections = weekly_reflections(journal, term)
    closing = closing_reflection(journal, term)
    empty = not stats.activities

    weeks: list[ReportWeek] = []
    quiet: list[int] = []
    for week_score in stats.weeks:
        week = week_score.week
        in_week = [_activity(r, framework) for r in records if week.contains(r.day)]
        text = reflections.get(week.number)
        answers = tuple(
            ReflectionAnswer(label, getattr(text, key).strip())
            for key, label, _ in PROMPTS
            if text is not None and getattr(text, key).strip()
        )
        if not in_week and not answers:
            quiet.append(week.number)
            continue
        facts = [
            f"{week_score.activities} {'activity' if week_score.activities == 1 else 'activities'}",
            f"{number_text(week_score.hours, 2)} hours",
            f"position {position_text(week_score.position)}",
        ]
        weeks.append(
            ReportWeek(week.number, span_text(week.start, week.end), " · ".join(facts), tuple(in_week), answers)
        )

    return ReportData(
        title=_title_block(journal, term, made or today()),
        summary=_summary(stats),
        chart_description=_chart_description(stats),
        chart_caption=CHART_CAPTION,
        glance=tuple(
            WeekGlance(
                w.week.number,
                span_text(w.week.start, w.week.end),
                w.activities,
                number_text(w.hours, 2),
                position_or_none(w.position),
                LEVEL_NAMES[w.level] if w.level else "none",
                "yes" if w.week.number in stats.reflected_weeks else "no",
            )
            for w in stats.weeks
        ),
        shares=_shares(stats, framework),
        shares_note=_shares_note(stats),
        top_criteria=_top_criteria(stats, framework),
        weeks=tuple(weeks),
        quiet_weeks=_quiet_sentence(quiet, len(stats.weeks)),
        closing=Closing(
            closing.essay.strip(),
            DIRECTION_LABELS.get(closing.direction or "", "Not decided yet"),
        ),
        appendix=build_appendix(framework, journal.hidden, {cid for cid, _ in stats.top_criteria}),
        empty=empty,
    )


def _title_block(journal: Journal, term: TermInfo, made: date) -> TitleBlock:
    profile = get_profile(journal)
    fields = [
        ("Student", profile.student_name.strip()),
        ("Course", profile.course.strip()),
        ("Instructor", profile.instructor.strip()),
        ("Term", term.name),
        ("Dates", f"{long_date(term.start)} to {long_date(term.end)} ({term.weeks} weeks)"),
        ("Report made", long_date(made)),
    ]
    return TitleBlock(REPORT_TITLE, term.name, tuple((label, value) for label, value in fields if value))


def _summary(stats: TermStats) -> Summary:
    count = len(stats.activities)
    level = stats.level
    facts = (
        ("Hours", number_text(stats.hours, 2)),
        ("Activities", str(count)),
        ("Organisations", str(stats.organizations)),
        ("Weeks with a reflection", f"{len(stats.reflected_weeks)} of {stats.term.weeks}"),
        ("Term position", position_text(stats.position)),
        ("Level", LEVEL_NAMES[level] if level else "None yet"),
        ("Shift", shift_sentence(stats.shift)),
    )
    if not count:
        note = (
            "No activities were logged in this term, so there is no position, chart or shift to report yet. "
            "The report fills in as activities are logged."
        )
    elif stats.position is None:
        note = "No criteria were ticked on this term's activities, so the term has no position on the spectrum yet."
    else:
        note = ""
    return Summary(facts, LEVEL_MEANING[level] if level else "", note)


def _chart_description(stats: TermStats) -> str:
    scored = [w for w in stats.weeks if w.position is not None]
    if not scored:
        return "The chart is empty: no week has a position yet."
    points = "; ".join(f"week {w.week.number}: {position_or_none(w.position)}" for w in scored)
    gaps = len(stats.weeks) - len(scored)
    gap_note = (
        f" {weeks_phrase(gaps).capitalize()} without a position {'is' if gaps == 1 else 'are'} a gap." if gaps else ""
    )
    return (
        "The weekly position on the spectrum from 0 (charity) to 100 (radical), with the level bands behind it. "
        f"{points}.{gap_note}"
    )


def _shares(stats: TermStats, framework: Framework) -> tuple[ModelShare, ...]:
    ticks: dict[str, int] = {}
    for activity in stats.activities:
        for _, model, _ in activity.criteria:
            ticks[model] = ticks.get(model, 0) + 1
    return tuple(
        ModelShare(model_id, framework.model(model_id).name, ticks.get(model_id, 0), percent_text(share))
        for model_id, share in stats.shares.items()
    )


def _shares_note(stats: TermStats) -> str:
    total = sum(len(a.criteria) for a in stats.activities)
    if not total:
        return "No criteria were ticked in this term."
    return f"Out of {total} ticked {'criterion' if total == 1 else 'criteria'} across the term's activities."


def _top_criteria(stats: TermStats, framework: Framework) -> tuple[TopCriterion, ...]:
    rows = []
    for criterion_id, count in stats.top_criteria[:TOP_CRITERIA_SHOWN]:
        criterion = framework.criterion(criterion_id)
        model = framework.model(criterion.model_id)
        rows.append(TopCriterion(criterion_id, model.id, model.name, criterion.statement, count))
    return tuple(rows)


def _activity(record: ActivityRecord, framework: Framework) -> ReportActivity:
    known = [framework.criterion(c) for c in record.criteria if framework.has_criterion(c)]
    criteria = tuple(CriterionLine(c.model_id, framework.model(c.model_id).name, c.statement) for c in known)
    placement = (
        _placement(tuple(sorted((c.model_id, framework.model(c.model_id).position) for c in known)))
        if known
        else "No criteria ticked, so no position."
    )
    hours = number_text(Fraction(record.hours_centi, 100), 2)
    if record.private:
        return ReportActivity(day_text(record.day), PRIVATE_TITLE, True, "", "", hours, "", (), criteria, placement)
    return ReportActivity(
        day_text(record.day),
        record.title,
        False,
        record.organization,
        record.role,
        hours,
        record.description.strip(),
        record.tags,
        criteria,
        placement,
    )


@lru_cache(maxsize=512)
def _placement(ticks: tuple[tuple[str, int], ...]) -> str:
    """An activity's position sentence; a term repeats the same few mixes of models, each worded once."""
    return activity_sentence(ticks)


def _quiet_sentence(quiet: list[int], total: int) -> str:
    if not quiet:
        return ""
    if len(quiet) == total:
        return "Nothing was logged and no reflection was written in any week of this term."
    numbers = [str(n) for n in quiet]
    listed = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
    noun = "week" if len(quiet) == 1 else "weeks"
    return f"No activity and no reflection in {noun} {listed}."
