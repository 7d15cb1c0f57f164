"""Generated journals for the benchmarks: years of logging, written fast in one transaction.

A journal of N activities spreads them over several terms (one term for 200, so
that it doubles as the "200-activity term" of the report benchmark), with
descriptions of about 1 KB, one to four tags, two to four ticked criteria and a
weekly reflection for most weeks. The text is built from sentence templates and
a few thousand words, so the search index sees a realistic vocabulary. The same
seed always gives the same journal.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from journal.clock import utc_stamp
from journal.records.activities import ActivityRecord
from journal.records.bulk_activities import add_activities_in
from journal.storage.journal_file import Journal
from journal.storage.schema import Profile, Term, WeeklyReflection
from journal.transfer.csv_io import csv_text

TERM_DAYS = 112  # sixteen weeks, as the report export's speed target describes a term
# Past this many activities the descriptions are drawn from as many ready texts: writing a
# fresh one for each costs about a minute of a 200,000-activity build (5 s per 20,000).
OWN_DESCRIPTIONS = 20_000

ORGANISATIONS = (
    "Riverside Food Bank", "Northside Community Fridge", "Eastgate Tenants' Union", "Campus Pantry",
    "Free Breakfast Collective", "St. Anne's Soup Kitchen", "Harbour Street Encampment Kitchen",
    "Westfield Mutual Aid Network", "Bike Repair Commons", "Seed Library Cooperative", "Night Shelter Trust",
    "Hillcrest Renters' Assembly", "Ujamaa Grocery Co-op", "Migrant Solidarity Centre", "Care Pod Six",
    "Library Skill Share", "Rapid Response Network", "Community Land Trust", "Youth Drop-in Centre",
    "Women's Refuge Fund", "Disability Justice Collective", "Street Medic Group", "Clothing Swap Circle",
    "Harm Reduction Outreach", "Elder Care Rota", "Court Support Group", "Allotment Sharing Scheme",
    "Laundry Love", "Furniture Bank", "Period Poverty Project",
)  # fmt: skip
ROLES = (
    "Volunteer", "Organiser", "Driver", "Cook", "Packer", "Front desk", "Facilitator", "Note taker",
    "Door knocker", "Translator", "Childcare", "Fundraiser", "Member", "Coordinator",
)  # fmt: skip
TAGS = (
    "food", "housing", "clothing", "campus", "health", "transport", "childcare", "elders", "migrants",
    "tenants", "workers", "disability", "harm reduction", "legal", "education", "gardening", "repair",
    "fundraising", "outreach", "meeting", "training", "winter", "cooking", "delivery", "shelter",
    "solidarity", "care", "youth", "language", "mutual-aid",
)  # fmt: skip
TITLE_VERBS = (
    "Sorting", "Packing", "Delivering", "Cooking", "Serving", "Organising", "Facilitating", "Cleaning",
    "Stocking", "Planning", "Mapping", "Translating", "Repairing", "Distributing", "Collecting",
)  # fmt: skip
TITLE_THINGS = (
    "donations", "groceries", "hot meals", "winter coats", "the fridge", "a rent strike meeting", "bike repairs",
    "seed packets", "hygiene kits", "the breakfast run", "a know-your-rights workshop", "furniture",
    "a door-knocking session", "the phone tree", "school uniforms", "medicine runs",
)  # fmt: skip
SENTENCES = (
    "We {verb} {thing} with {people} at {place} for about {n} hours.",
    "{People} told me that {topic} has been getting worse since {time}.",
    "The {group} decided together to {plan}, after a long discussion about {topic}.",
    "I noticed that {people} {stance} the way {topic} was handled by {group}.",
    "Someone asked why {topic} keeps happening, and we talked about {cause}.",
    "Next week I want to {plan} and ask {people} what they need instead of guessing.",
    "Most of the {thing} came from {source}, which made me wonder who decides what we hand out.",
    "It felt {feeling} to {verb} {thing} while {people} waited outside in the {weather}.",
    "{Name} from {place} explained how {cause} connects to {topic}.",
    "Our rota now has {n} people, and {people} are starting to run the {group} meetings themselves.",
)
WORDS = {
    "verb": ("sorted", "packed", "shared", "cooked", "delivered", "stacked", "counted", "carried", "mended"),
    "thing": ("tins", "bread", "vegetables", "blankets", "nappies", "coats", "leaflets", "chairs", "soup"),
    "people": (
        "neighbours",
        "tenants",
        "students",
        "parents",
        "volunteers",
        "regulars",
        "elders",
        "residents",
        "members",
        "newcomers",
        "workers",
        "organisers",
    ),
    "place": ("the church hall", "the library", "the estate", "the car park", "the union office", "the market"),
    "topic": (
        "the rent increases",
        "food prices",
        "the benefits sanction",
        "the eviction notices",
        "damp flats",
        "zero-hours contracts",
        "the bus cuts",
        "school meals",
        "heating costs",
        "the shelter closures",
    ),
    "time": ("the spring", "the last election", "the council cuts", "the pandemic", "the winter"),
    "group": ("committee", "assembly", "rota", "collective", "steering group", "board", "union branch"),
    "plan": (
        "start a rent strike fund",
        "open the fridge every day",
        "run a skill share",
        "write to the council",
        "set up a phone tree",
        "cook with the residents",
        "hold an open assembly",
        "map empty homes",
    ),
    "stance": ("questioned", "welcomed", "ignored", "pushed back on", "took charge of", "laughed at"),
    "cause": ("landlords", "low wages", "policing", "the housing shortage", "austerity", "debt", "border rules"),
    "source": ("a supermarket grant", "local donors", "the members themselves", "a church collection", "a charity"),
    "feeling": ("awkward", "hopeful", "rushed", "warm", "uncomfortable", "energising", "strange"),
    "weather": ("rain", "cold", "sun", "wind", "dark"),
    "Name": ("Amara", "Bilal", "Chen", "Dolores", "Eamon", "Fatima", "Goran", "Hana", "Ines", "José", "Kwame"),
    "n": ("two", "three", "four", "five", "six", "twelve", "twenty"),
}
SYLLABLES = ("ka", "lo", "mer", "tin", "ash", "vel", "dor", "ri", "sun", "bek", "ol", "mu", "zan", "pre", "ith")


@dataclass(frozen=True)
class GeneratedJournal:
    terms: list[tuple[int, str, date, date]]
    activities: list[ActivityRecord]
    reflections: list[tuple[int, int, str, str, str]]  # term id, week, what, so what, now what


def term_count(activities: int) -> int:
    """One term for a small journal; four to eight years of semesters for large ones."""
    if activities <= 200:
        return 1
    return 4 if activities <= 2000 else 8


def _street_words(rng: random.Random, count: int) -> list[str]:
    """Made-up place and street names, so the index holds rare words as well as common ones."""
    return ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize() for _ in range(count)]


def _sentence(rng: random.Random, rare: list[str]) -> str:
    template = rng.choice(SENTENCES)
    filled = template.format(
        **{k: rng.choice(v) for k, v in WORDS.items()},
        People=rng.choice(WORDS["people"]).capitalize(),
    )
    if rng.random() < 0.4:
        filled += f" It was near {rng.choice(rare)} Street."
    return filled


def _text(rng: random.Random, rare: list[str], size: int) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        sentence = _sentence(rng, rare)
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def generate(activities: int, seed: int = 7, *, terms: int | None = None) -> GeneratedJournal:
    """``terms`` overrides how many terms the activities spread over (one, for a report of them all)."""
    rng = random.Random(seed)
    rare = _street_words(rng, 2000)
    criteria = _criterion_ids()
    spans = []
    first = date(2021, 9, 6)
    for number in range(terms or term_count(activities)):
        start = first + timedelta(days=182 * number)
        season = "Autumn" if number % 2 == 0 else "Spring"
        spans.append((number + 1, f"{season} {start.year}", start, start + timedelta(days=TERM_DAYS - 1)))
    ready_texts = (
        [_text(rng, rare, rng.randint(850, 1150)) for _ in range(OWN_DESCRIPTIONS)]
        if activities > OWN_DESCRIPTIONS
        else []
    )
    records = []
    for index in range(activities):
        term_id, _, start, _ = spans[index * len(spans) // activities]
        offset = rng.randrange(TERM_DAYS)
        stamp = f"{start + timedelta(days=offset)}T18:00:00.000000Z"  # logged the evening of the day
        drift = offset / TERM_DAYS  # later in a term, more ticks toward solidarity
        pool = [c for c in criteria if rng.random() < 0.35 + (drift if c.startswith("radical") else 1 - drift) / 2]
        ticked = tuple(sorted(rng.sample(pool or criteria, min(len(pool or criteria), rng.randint(2, 4)))))
        records.append(
            ActivityRecord(
                id=index + 1,
                day=start + timedelta(days=offset),
                title=f"{rng.choice(TITLE_VERBS)} {rng.choice(TITLE_THINGS)}",
                organization=rng.choice(ORGANISATIONS),
                role=rng.choice(ROLES),
                hours_centi=rng.randrange(1, 25) * 25,
                description=rng.choice(ready_texts) if ready_texts else _text(rng, rare, rng.randint(850, 1150)),
                private=rng.random() < 0.05,
                tags=tuple(sorted(rng.sample(TAGS, rng.randint(1, 4)))),
                criteria=ticked,
                created_at=stamp,
                updated_at=stamp,
            )
        )
    reflections = []
    for term_id, _, _, _ in spans:
        for week in range(1, TERM_DAYS // 7 + 1):
            if rng.random() < 0.9:
                reflections.append((term_id, week, _text(rng, rare, 400), _text(rng, rare, 500), _text(rng, rare, 300)))
    return GeneratedJournal(spans, records, reflections)


def _criterion_ids() -> list[str]:
    from journal.records.framework import load_framework

    return [c.id for c in load_framework().criteria]


def write_journal(journal: Journal, generated: GeneratedJournal) -> None:
    """Write a generated journal into an empty one in one unit of work, through the import path."""
    stamp = utc_stamp()
    with journal.writing() as session:
        session.execute(
            insert(Profile), [{"id": 1, "student_name": "Sam Rivera", "course": "SOC 240", "instructor": ""}]
        )
        session.execute(
            insert(Term), [{"id": i, "name": n, "start_date": s, "end_date": e} for i, n, s, e in generated.terms]
        )
        # reflections before activities, as an import writes them (see journal.transfer.json_io.import_json)
        session.execute(
            insert(WeeklyReflection),
            [
                {"term_id": t, "week": w, "what": what, "so_what": so, "now_what": now, "updated_at": stamp}
                for t, w, what, so, now in generated.reflections
            ],
        )
        add_activities_in(session, [a.as_input() for a in generated.activities])


def build_journal(path: Path, activities: int, seed: int = 7, *, terms: int | None = None) -> GeneratedJournal:
    generated = generate(activities, seed, terms=terms)
    with Journal.open(path) as journal:
        write_journal(journal, generated)
        # A journal that grew over years has had its search index merged write by write (FTS5's
        # automerge); one written in a single go holds many small segments that the next few
        # hundred writes would still be merging. The benchmarks measure the grown journal.
        with journal.engine.begin() as connection:
            connection.exec_driver_sql("INSERT INTO search_activities (search_activities) VALUES ('optimize')")
    return generated


def write_csv(generated: GeneratedJournal, path: Path) -> None:
    """The activities as an import CSV (SPEC 6), in the journal's own export format."""
    path.write_text("\ufeff" + csv_text(generated.activities), encoding="utf-8", newline="")
