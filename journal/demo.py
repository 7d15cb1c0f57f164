"""A believable sample semester, for ``--demo`` and for looking at the app and report.

Fifteen weeks of a student's mutual aid: it starts with food-bank shifts and a
coat drive (charity), moves through a community fridge and a skill share
(contributory), and ends in a tenants' union and a free breakfast run with the
people it serves (radical). Dates are placed in the term that holds today, so
the demo always looks current.
"""

from __future__ import annotations

from datetime import date, timedelta

from journal.records.activities import add_activity_in
from journal.records.profile import ProfileInfo, save_profile
from journal.records.reflections import ClosingText, WeeklyText, save_closing_reflection, save_weekly_reflection
from journal.records.terms import TermInfo, add_term
from journal.storage.journal_file import Journal

# (week, weekday offset, title, organisation, role, hours, tags, criteria, description)
DEMO_ACTIVITIES: tuple[tuple[int, int, str, str, str, str, str, str, str], ...] = (
    (
        1,
        1,
        "Sorting cans at the food bank",
        "Riverside Food Bank",
        "Volunteer",
        "3",
        "food",
        "charity.outside-helpers;charity.one-way-giving;charity.sponsor-funded",
        "A three-hour shift sorting donated tins by date. The coordinator explained the referral "
        "system: people need a voucher from a caseworker before they can collect a parcel.",
    ),
    (
        1,
        4,
        "Coat drive at the student union",
        "Campus Volunteering Office",
        "Collector",
        "2",
        "clothing;campus",
        "charity.outside-helpers;charity.one-way-giving;charity.symptoms-only",
        "We collected 140 coats from students and staff. None of the people who will wear them were there.",
    ),
    (
        2,
        2,
        "Food bank distribution day",
        "Riverside Food Bank",
        "Packer",
        "4",
        "food",
        "charity.eligibility-checks;charity.one-way-giving;charity.top-down-decisions",
        "Handed out parcels. Two families were turned away because their vouchers had expired.",
    ),
    (
        2,
        5,
        "Volunteer induction and background check",
        "Riverside Food Bank",
        "Volunteer",
        "1.5",
        "food;training",
        "charity.formal-gatekeeping;charity.top-down-decisions",
        "Paperwork, a safeguarding video and a background check before I can work on the front desk.",
    ),
    (
        3,
        1,
        "Food bank shift",
        "Riverside Food Bank",
        "Front desk",
        "3",
        "food",
        "charity.eligibility-checks;charity.dependency;charity.sponsor-funded",
        "Checked vouchers at the front desk. A regular told me she has been coming for four years.",
    ),
    (
        3,
        3,
        "Fundraising bake sale",
        "Campus Volunteering Office",
        "Baker",
        "2.5",
        "food;campus;fundraising",
        "charity.sponsor-funded;charity.symptoms-only",
        "Raised 310 for the food bank. Good fun, but I kept thinking about the woman who has come for four years.",
    ),
    (
        4,
        2,
        "Community fridge restock",
        "Northside Community Fridge",
        "Restocker",
        "2",
        "food",
        "contributory.self-help;contributory.pooled-resources;radical.no-eligibility",
        "Anyone can take, anyone can give. Neighbours dropped off surplus from their own kitchens while I was there.",
    ),
    (
        4,
        5,
        "Food bank shift",
        "Riverside Food Bank",
        "Packer",
        "3",
        "food",
        "charity.one-way-giving;charity.eligibility-checks",
        "Same as before. I noticed how different it felt from the fridge.",
    ),
    (
        5,
        1,
        "Fridge cleaning rota meeting",
        "Northside Community Fridge",
        "Participant",
        "1.5",
        "food;organising",
        "contributory.active-participation;contributory.consulted;contributory.pooled-resources",
        "People who use the fridge joined the rota. The founders still decide where the fridge goes.",
    ),
    (
        5,
        4,
        "Repair cafe",
        "Northside Repair Cafe",
        "Helper",
        "3",
        "repair;skills",
        "contributory.skills;contributory.recipients-contribute;contributory.self-help",
        "People bring broken things and learn to fix them with volunteers. I learned to solder.",
    ),
    (
        6,
        2,
        "Skill share: budgeting workshop",
        "Eastside Library",
        "Co-facilitator",
        "2",
        "skills;money",
        "contributory.skills;contributory.individual-recovery;contributory.resilience",
        "A workshop on stretching a budget. Useful, but it treated low pay as a personal problem.",
    ),
    (
        6,
        5,
        "Community fridge restock",
        "Northside Community Fridge",
        "Restocker",
        "1.5",
        "food",
        "contributory.self-help;radical.no-eligibility;radical.community-resourced",
        "Stocked the fridge with food from the market traders' collection.",
    ),
    (
        7,
        1,
        "Repair cafe",
        "Northside Repair Cafe",
        "Helper",
        "3",
        "repair;skills",
        "contributory.recipients-contribute;contributory.skills;radical.reciprocal-roles",
        "A man I helped last month came back to help others fix their bikes.",
    ),
    (
        7,
        3,
        "Food bank shift",
        "Riverside Food Bank",
        "Packer",
        "2",
        "food",
        "charity.one-way-giving;charity.sponsor-funded",
        "A supermarket sponsored this week's delivery and sent a photographer.",
    ),
    (
        8,
        2,
        "Tenants' meeting: damp and repairs",
        "Eastside Tenants Union",
        "Note taker",
        "2",
        "housing;organising",
        "radical.root-causes;radical.collective-decisions;contributory.active-participation",
        "Twenty tenants from one block compared notes on damp and ignored repair requests.",
    ),
    (
        8,
        5,
        "Mutual aid grocery run",
        "Eastside Mutual Aid Network",
        "Driver",
        "2.5",
        "food;transport",
        "radical.no-eligibility;radical.reciprocal-roles;radical.community-resourced",
        "Shopping for neighbours who are shielding; they pay what they can into the pot, some of them also drive.",
    ),
    (
        9,
        1,
        "Free breakfast, first morning",
        "Eastside Mutual Aid Network",
        "Cook",
        "3",
        "food;breakfast",
        "radical.no-eligibility;radical.civic-space;radical.community-resourced",
        "Breakfast in the community hall for anyone who comes. Parents stayed and talked about the school's closure plan.",
    ),
    (
        9,
        4,
        "Tenants' union door-knocking",
        "Eastside Tenants Union",
        "Canvasser",
        "3",
        "housing;organising",
        "radical.root-causes;radical.movement-link;radical.political-education",
        "Knocked on 60 doors with two tenants. We talked about why the landlord can ignore repairs.",
    ),
    (
        10,
        2,
        "Free breakfast",
        "Eastside Mutual Aid Network",
        "Cook",
        "3",
        "food;breakfast",
        "radical.reciprocal-roles;radical.civic-space;radical.collective-decisions",
        "The people who come now cook too. We decided together to add a Saturday session.",
    ),
    (
        10,
        5,
        "Food bank shift",
        "Riverside Food Bank",
        "Packer",
        "2",
        "food",
        "charity.one-way-giving;charity.symptoms-only",
        "I still do one shift a month. I asked the coordinator whether they ever talk about wages. They don't.",
    ),
    (
        11,
        1,
        "Rent strike information night",
        "Eastside Tenants Union",
        "Host",
        "2.5",
        "housing;organising",
        "radical.political-education;radical.root-causes;radical.movement-link",
        "A housing lawyer and two tenants explained what a rent strike would mean and what the risks are.",
    ),
    (
        11,
        4,
        "Community fridge assembly",
        "Northside Community Fridge",
        "Participant",
        "2",
        "food;organising",
        "radical.collective-decisions;contributory.active-participation;radical.community-resourced",
        "Users and founders voted together on moving the fridge to the estate. The founders lost the vote, happily.",
    ),
    (
        12,
        2,
        "Free breakfast",
        "Eastside Mutual Aid Network",
        "Dishwasher",
        "3",
        "food;breakfast",
        "radical.reciprocal-roles;radical.no-eligibility;radical.civic-space",
        "Washing up next to a woman who used to come for food and now runs the Saturday shift.",
    ),
    (
        12,
        5,
        "Tenants' union: petition to the council",
        "Eastside Tenants Union",
        "Petition runner",
        "3",
        "housing;campaign",
        "radical.change-conditions;radical.movement-link;radical.root-causes",
        "Collected 400 signatures for a landlord licensing scheme.",
    ),
    (
        13,
        1,
        "Repair cafe",
        "Northside Repair Cafe",
        "Helper",
        "2",
        "repair;skills",
        "contributory.skills;radical.reciprocal-roles",
        "Mostly the regulars fixing each other's things now; I brought my own kettle.",
    ),
    (
        13,
        3,
        "Council housing committee",
        "Eastside Tenants Union",
        "Speaker",
        "2.5",
        "housing;campaign",
        "radical.change-conditions;radical.root-causes;radical.political-education",
        "I read a tenant's statement at the committee. The scheme goes to consultation.",
    ),
    (
        14,
        2,
        "Free breakfast planning assembly",
        "Eastside Mutual Aid Network",
        "Facilitator",
        "2",
        "breakfast;organising",
        "radical.collective-decisions;radical.civic-space;radical.community-resourced",
        "Planning the winter: everyone who comes to breakfast can come to the assembly, and most do.",
    ),
    (
        14,
        5,
        "Private conversation with a neighbour",
        "",
        "Listener",
        "1",
        "support",
        "radical.reciprocal-roles",
        "A neighbour asked me to keep this one to myself.",
    ),
    (
        15,
        1,
        "Rent strike vote",
        "Eastside Tenants Union",
        "Steward",
        "3",
        "housing;campaign",
        "radical.movement-link;radical.collective-decisions;radical.change-conditions",
        "Tenants of two blocks voted to withhold rent until the repairs are done.",
    ),
    (
        15,
        4,
        "Last free breakfast of term",
        "Eastside Mutual Aid Network",
        "Cook",
        "3",
        "food;breakfast",
        "radical.civic-space;radical.reciprocal-roles;radical.no-eligibility",
        "Forty people. Nobody asked anyone for anything, and the kids ran the toast.",
    ),
)

DEMO_REFLECTIONS: dict[int, tuple[str, str, str]] = {
    1: (
        "Two food-bank and coat-drive shifts. I sorted tins and collected coats; I never met the people who will use them.",
        "This was charity in Mould et al.'s sense: better-off volunteers, help going one way, funded by donors.",
        "Ask the coordinator how people get referred, and who decides what goes in a parcel.",
    ),
    2: (
        "Distribution day, and my induction. Two families were turned away for expired vouchers.",
        "The eligibility checks are the deservingness hierarchy Spade describes. It felt bureaucratic, not caring.",
        "Find a project where nobody has to prove they deserve food.",
    ),
    3: (
        "Front desk and a bake sale. A woman has been coming to the food bank for four years.",
        "Charity is meeting a need that never goes away: it keeps dependency in place, as the course summary says.",
        "Visit the community fridge my flatmate told me about.",
    ),
    4: (
        "My first fridge restock, and a food bank shift the same week.",
        "The fridge asks nothing of anyone. It is closer to contributory: neighbours give and take from their own resources.",
        "Go to the fridge rota meeting and see who decides things.",
    ),
    5: (
        "Fridge rota meeting and the repair cafe.",
        "People who use the fridge take part now, but the founders decide. Contributory: consulted, not in charge.",
        "Keep going to the repair cafe; learn something I can pass on.",
    ),
    6: (
        "Co-facilitated a budgeting workshop.",
        "It taught resilience within the system. Useful, but it made low wages sound like a personal failing.",
        "Look for a group that asks why wages are low, not only how to cope.",
    ),
    7: (
        "Repair cafe and a sponsored food bank delivery.",
        "At the repair cafe the line between helper and helped is blurring. The sponsored delivery was marketing.",
        "Go to the tenants' meeting a friend invited me to.",
    ),
    8: (
        "A tenants' meeting and my first grocery run for the mutual aid network.",
        "This is the first time I saw root causes named: the landlord's neglect, not the tenants' bad luck. Radical.",
        "Help with the free breakfast that the network is starting.",
    ),
    9: (
        "First free breakfast; door-knocking with the tenants' union.",
        "The breakfast is a civic space: parents organised against the school closure over toast. Solidarity, not charity.",
        "Keep both going; read Spade's chapter on mutual aid and movements.",
    ),
    10: (
        "Breakfast again, and one food bank shift.",
        "People who came to eat now cook, and decisions are made together. The food bank still never asks why.",
        "Bring the coordinator a leaflet about the tenants' union.",
    ),
    11: (
        "Rent strike information night; the fridge assembly.",
        "Political education and collective decisions: both radical criteria. The fridge moved to the estate by vote.",
        "Help run the petition.",
    ),
    12: (
        "Breakfast and the petition to the council.",
        "This aims to change the conditions that create the need, which is what the radical model asks.",
        "Prepare a statement for the housing committee with the tenants.",
    ),
    14: (
        "Breakfast planning assembly; a private conversation.",
        "Everyone who eats can decide. That is the clearest example of radical mutual aid I have seen.",
        "Stay involved after the term ends.",
    ),
    15: (
        "The rent strike vote and the last breakfast of term.",
        "Looking back, I moved from giving to people to acting with them.",
        "Write the closing reflection; stay a steward in the union.",
    ),
}

DEMO_CLOSING = (
    "I started the term thinking that helping meant giving: tins, coats, hours at a front desk. The food bank "
    "taught me how much work goes into meeting needs that never go away, and how the voucher system sorts people "
    "into deserving and undeserving. The community fridge and the repair cafe showed me a different way, where "
    "people use their own resources and take part. But it was the tenants' union and the free breakfast that "
    "changed how I see mutual aid: there, the people who need help are the ones deciding, and the aim is to change "
    "why they need it.\n\nI want to keep moving toward solidarity. Next term I will stay a steward in the union, "
    "keep cooking at the breakfast, and bring what I have learned back to the food bank volunteers."
)


def demo_term_dates(reference: date) -> tuple[date, date]:
    """A 15-week term whose week 15 holds ``reference``: the demo semester ends now."""
    start = reference - timedelta(days=7 * 14 + reference.weekday())
    return start, start + timedelta(days=7 * 15 - 1)


def fill_demo_journal(journal: Journal, reference: date | None = None) -> TermInfo:
    """Write the sample semester into an empty journal; return its term."""
    from journal.records.validation import check_activity

    start, end = demo_term_dates(reference or date.today())
    term = add_term(journal, f"Demo semester {start.year}", start, end)
    save_profile(journal, ProfileInfo("Sam Rivera", "SOC 215: Mutual Aid and Social Justice", "Dr. A. Okafor"))
    with journal.writing() as session:
        for week, offset, title, org, role, hours, tags, criteria, description in DEMO_ACTIVITIES:
            day = start + timedelta(days=7 * (week - 1) + offset)
            raw = {
                "date": day.isoformat(),
                "title": title,
                "organization": org,
                "role": role,
                "hours": hours,
                "tags": tags,
                "criteria": criteria,
                "description": description,
                "private": title.startswith("Private"),
            }
            add_activity_in(session, check_activity(raw, journal.framework))
    for week, (what, so_what, now_what) in DEMO_REFLECTIONS.items():
        save_weekly_reflection(journal, term, WeeklyText(week, what, so_what, now_what))
    save_closing_reflection(journal, term, ClosingText(DEMO_CLOSING, "toward-radical"))
    return term
