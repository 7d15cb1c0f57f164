"""What one week of the chart holds: its activities and the criteria ticked on them, as tooltip HTML.

Everything a student typed is escaped with ``html.escape``, because a tooltip
that starts with a tag is read as rich text.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence

from journal.records.activities import ActivityRecord
from journal.records.framework import Framework
from journal.scoring.explain import LEVEL_NAMES, activity_sentence, number_text, position_text
from journal.scoring.position import WeekScore
from journal.search.activity_query import ActivityQuery, find_activities
from journal.storage.journal_file import Journal

CRITERIA_SHOWN = 8
ACTIVITIES_SHOWN = 10


def week_activities(journal: Journal, score: WeekScore) -> list[ActivityRecord]:
    """The live activities of one week, oldest first: read when its point is hovered, not for every week."""
    query = ActivityQuery(start=score.week.start, end=score.week.end, sort="day", descending=False)
    return find_activities(journal, query)


def _date_range(score: WeekScore) -> str:
    start, end = score.week.start, score.week.end
    return f"{start:%a %d %b} to {end:%a %d %b %Y}"


def _activity_line(record: ActivityRecord, framework: Framework) -> str:
    known = [c for c in record.criteria if framework.has_criterion(c)]
    ticks = [(framework.criterion(c).model_id, framework.position_of(c)) for c in known]
    where = f" \u2014 {html.escape(record.organization)}" if record.organization else ""
    private = " <i>(private)</i>" if record.private else ""
    return (
        f"<li><b>{html.escape(record.title)}</b>{where}{private}, {number_text(record.hours, 2)} h: "
        f"{html.escape(activity_sentence(ticks))}</li>"
    )


def week_hover_html(score: WeekScore, records: Sequence[ActivityRecord], framework: Framework) -> str:
    """The tooltip of one week's point: position, activities with their criteria, and the criteria ticked."""
    if score.position is None or score.level is None:
        position = "no position (no criteria ticked)"
    else:
        position = f"position {position_text(score.position)}, {LEVEL_NAMES[score.level].lower()}"
    activities = "activity" if score.activities == 1 else "activities"
    parts = [
        f"<p><b>Week {score.week.number}</b> ({_date_range(score)})<br>"
        f"{position}; {score.activities} {activities}, {number_text(score.hours, 2)} hours</p>",
        "<ul>",
        *(_activity_line(r, framework) for r in records[:ACTIVITIES_SHOWN]),
        "</ul>",
    ]
    if len(records) > ACTIVITIES_SHOWN:
        parts.append(f"<p>and {len(records) - ACTIVITIES_SHOWN} more activities</p>")
    counts = Counter(c for r in records for c in r.criteria if framework.has_criterion(c))
    if counts:
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        parts.append("<p><b>Criteria ticked this week</b></p><ul>")
        for criterion_id, times in ranked[:CRITERIA_SHOWN]:
            criterion = framework.criterion(criterion_id)
            repeat = f" (\u00d7{times})" if times > 1 else ""
            model = html.escape(framework.model(criterion.model_id).name)
            parts.append(f"<li>{model}: {html.escape(criterion.statement)}{repeat}</li>")
        parts.append("</ul>")
        if len(ranked) > CRITERIA_SHOWN:
            parts.append(f"<p>and {len(ranked) - CRITERIA_SHOWN} more criteria</p>")
    parts.append("<p><i>Click the point to open this week in the Journal view.</i></p>")
    return "".join(parts)
