#!/usr/bin/env python3
"""Writes Tests/ABAssignTests/Fixtures/periodic-holdout.json: the period labels and starts of
periodic holdouts (Python's datetime, ISO weeks from date.isocalendar()), and which users a
periodic holdout keeps out, decided by GrowthBook's own Python SDK.

The SDK is not installed by this script. Make a virtual environment once:
  python3 -m venv /tmp/gbvenv && /tmp/gbvenv/bin/pip install growthbook
then run:
  /tmp/gbvenv/bin/python Tests/Reference/make_periodic_holdout_reference.py

The rule checked (ABAssign's Holdout and RedrawPeriod): a holdout drawn again every week, month,
quarter or year keeps a user out when GrowthBook's version 2 hash of the user's id under the seed
"__holdout__" + id + "@" + label is below the share, where label names the UTC calendar period
holding the exposure: "2027-W05" (the ISO week-numbering year and week), "2027-03", "2027-Q1",
"2027". The SDK is asked through an experiment that excludes the held-out users with a hash
filter on that seed (GrowthBook's own way to express a holdout): a user it keeps out of the
experiment with filters is held out.

Sections:
  periods   {milliseconds, week, month, quarter, year, weekStart, monthStart, quarterStart,
            yearStart}: instants from 1950 to 2150 and from 1200 to 1950
            (proleptic Gregorian, as Python's date), with every period boundary of 2015-2031 and
            the millisecond before it; starts in milliseconds since the epoch
  holdouts  {id, share, period, exposedAt (milliseconds), user, heldOut}
"""
import json
import os
import random
from datetime import date, datetime, timedelta, timezone

import growthbook
from growthbook import Experiment, GrowthBook

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ABAssignTests", "Fixtures",
                   "periodic-holdout.json")
UTC = timezone.utc
rng = random.Random(20261203)


def ms(dt):
    return int((dt - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1))


def labels(milliseconds):
    dt = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=milliseconds)
    d = dt.date()
    iso_year, iso_week, iso_weekday = d.isocalendar()
    monday = d - timedelta(days=iso_weekday - 1)
    quarter = (d.month - 1) // 3
    midnight = lambda day: ms(datetime(day.year, day.month, day.day, tzinfo=UTC))
    return {
        "milliseconds": milliseconds,
        "week": f"{iso_year}-W{iso_week:02d}",
        "month": f"{d.year}-{d.month:02d}",
        "quarter": f"{d.year}-Q{quarter + 1}",
        "year": f"{d.year}",
        "weekStart": midnight(monday),
        "monthStart": midnight(date(d.year, d.month, 1)),
        "quarterStart": midnight(date(d.year, quarter * 3 + 1, 1)),
        "yearStart": midnight(date(d.year, 1, 1)),
    }


instants = [rng.randrange(ms(datetime(1950, 1, 1, tzinfo=UTC)), ms(datetime(2150, 1, 1, tzinfo=UTC))) for _ in range(1000)]
# Long before 1970 and before the Gregorian reform of 1582: the proleptic Gregorian calendar.
instants += [rng.randrange(ms(datetime(1200, 1, 1, tzinfo=UTC)), ms(datetime(1950, 1, 1, tzinfo=UTC))) for _ in range(300)]
day = date(2015, 1, 1)
while day < date(2032, 1, 1):
    # Every Monday and first of a month: a week, month, quarter or year boundary.
    if day.weekday() == 0 or day.day == 1:
        start = ms(datetime(day.year, day.month, day.day, tzinfo=UTC))
        instants += [start, start - 1]
    day += timedelta(days=1)
periods = [labels(t) for t in instants]


def held_out(holdout_id, share, label, user):
    seed = f"__holdout__{holdout_id}@{label}"
    gb = GrowthBook(attributes={"id": user})
    experiment = Experiment(key="covered", variations=[0, 1], hashVersion=2,
                            filters=[{"seed": seed, "ranges": [[share, 1]], "hashVersion": 2, "attribute": "id"}])
    return not gb.run(experiment).inExperiment


holdouts = []
for _ in range(1200):
    period = rng.choice(["week", "month", "quarter", "year"])
    exposed = rng.randrange(ms(datetime(2020, 1, 1, tzinfo=UTC)), ms(datetime(2030, 1, 1, tzinfo=UTC)))
    holdout_id = rng.choice(["lifecycle", "global", "onboarding-email"])
    share = rng.choice([0.05, 0.1, 0.2, 0.5])
    user = f"user-{rng.randrange(10**6)}"
    holdouts.append({"id": holdout_id, "share": share, "period": period, "exposedAt": exposed, "user": user,
                     "heldOut": held_out(holdout_id, share, labels(exposed)[period], user)})

with open(OUT, "w") as fh:
    json.dump({"generator": "Tests/Reference/make_periodic_holdout_reference.py",
               "versions": {"growthbook": growthbook.__version__},
               "periods": periods, "holdouts": holdouts}, fh, separators=(",", ":"))
    fh.write("\n")
print("wrote", os.path.normpath(OUT), len(periods), "periods,", len(holdouts), "holdout cases,",
      sum(h["heldOut"] for h in holdouts), "held out")
