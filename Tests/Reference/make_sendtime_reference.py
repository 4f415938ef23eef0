#!/usr/bin/env python3
"""Writes Tests/ABAssignTests/Fixtures/sendtime-cases.json: message send instants computed with
Python's zoneinfo (the system IANA database), for ABAssign's SendTime tests.

Standard library only:
  python3 Tests/Reference/make_sendtime_reference.py

The rule (the same one SendTime documents): for a local wall-clock time "HH:MM" in a zone, the
send instant is the earliest instant at or after the exposure that the zone gives for HH:MM on
some local day, where a nonexistent time (spring-forward gap) is read with the offset from before
the jump, so it lands the gap's length later on the wall clock, and an ambiguous time (fall back)
is its first occurrence. zoneinfo implements exactly that reading for fold=0 (PEP 495), so
`datetime.combine(day, time(h, m), tzinfo=zone).astimezone(UTC)` is the reference.

Exposures are drawn around every UTC offset change from 2017 to 2027 in each zone (found by
scanning offsets hour by hour, then narrowed to the second), with wall times in and next to the
gaps and overlaps, plus random instants. A `delay` case adds an ISO 8601 duration (weeks, days,
hours, minutes, seconds; a day is 24 hours) or a number of seconds to the exposure.
"""
import json
import os
import random
import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

rng = random.Random(20261203)
UTC = timezone.utc
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ABAssignTests", "Fixtures",
                   "sendtime-cases.json")
ZONES = ["America/New_York", "Europe/London", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata",
         "America/Sao_Paulo", "Pacific/Auckland", "Australia/Lord_Howe", "America/St_Johns", "UTC"]


def offset(zone, t):
    return t.astimezone(zone).utcoffset()


def transitions(zone):
    found = []
    t = datetime(2017, 1, 1, tzinfo=UTC)
    end = datetime(2027, 12, 31, tzinfo=UTC)
    prev = offset(zone, t)
    while t < end:
        nxt = t + timedelta(hours=1)
        o = offset(zone, nxt)
        if o != prev:
            lo, hi = t, nxt
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                if offset(zone, mid) == prev:
                    lo = mid
                else:
                    hi = mid
            found.append((hi.replace(microsecond=0), prev, o))
            prev = o
        t = nxt
    return found


def next_send(exposure, hour, minute, zone):
    day = exposure.astimezone(zone).date() - timedelta(days=1)
    while True:
        candidate = datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)
        if candidate >= exposure:
            return candidate
        day += timedelta(days=1)


def iso_seconds(text):
    m = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?", text)
    assert m and text not in ("P", "PT") and not text.endswith("T"), text
    w, d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    return w * 604800 + d * 86400 + h * 3600 + mi * 60 + s


def stamp(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


cases = []
for name in ZONES:
    zone = ZoneInfo(name)
    changes = transitions(zone)
    for when, before, after in changes:
        local_before = (when + before).replace(tzinfo=None)  # wall clock just as the change happens
        walls = {(local_before.hour, local_before.minute)}
        shift = int((after - before).total_seconds() // 60)
        for k in (-1, 1, abs(shift) // 2, abs(shift) - 1, abs(shift), abs(shift) + 1):
            w = local_before + timedelta(minutes=k)
            walls.add((w.hour, w.minute))
        walls |= {(0, 0), (9, 0), (23, 59), (rng.randrange(24), rng.randrange(60))}
        for hour, minute in sorted(walls):
            for delta in (-36 * 3600, -86400, -3600, -60, 0, 1, 60, 3600, 86400, rng.randrange(-172800, 172800)):
                exposure = when + timedelta(seconds=delta)
                cases.append({"zone": name, "exposure": stamp(exposure), "sendAt": "%02d:%02d" % (hour, minute),
                              "expected": stamp(next_send(exposure, hour, minute, zone))})
    for _ in range(60):
        exposure = datetime(2017, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(11 * 365 * 86400))
        hour, minute = rng.randrange(24), rng.randrange(60)
        cases.append({"zone": name, "exposure": stamp(exposure), "sendAt": "%02d:%02d" % (hour, minute),
                      "expected": stamp(next_send(exposure, hour, minute, zone))})

delays = []
for text in ["PT0S", "PT2H", "P1D", "P1DT12H", "PT90M", "P1W", "PT45S", "P2W3DT4H5M6S", "PT1.5H", "P0D"]:
    for _ in range(6):
        exposure = datetime(2017, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(11 * 365 * 86400))
        delays.append({"exposure": stamp(exposure), "delay": text,
                       "expected": stamp(exposure + timedelta(seconds=iso_seconds(text)))})
for seconds in [0, 1, 3600, 86400, 5400]:
    exposure = datetime(2017, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(11 * 365 * 86400))
    delays.append({"exposure": stamp(exposure), "delay": seconds, "expected": stamp(exposure + timedelta(seconds=seconds))})

with open(OUT, "w", encoding="utf-8") as f:
    json.dump({"generator": "Tests/Reference/make_sendtime_reference.py", "zones": ZONES, "sendAt": cases,
               "delays": delays}, f, indent=0)
    f.write("\n")
print("wrote", os.path.normpath(OUT), len(cases), "sendAt cases,", len(delays), "delay cases")
