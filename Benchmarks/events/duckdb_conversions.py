#!/usr/bin/env python3
"""DuckDB's hand-written answer to the one-metric question: per-variant units and 7-day
conversions on `first_project_created` after the first `signup_completed` exposure, with
ABKit's rules — a unit logged in two variants is left out, and a unit whose 7 days have not
ended by the latest event in the file is maturing (not in the denominator) — from the same JSONL.

Usage: python3 Benchmarks/events/duckdb_conversions.py EVENTS.jsonl [THREADS]
Prints one JSON object per variant, then the seconds the query took.
"""
import json
import sys
import time

import duckdb

path = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
con = duckdb.connect()
con.execute(f"SET threads TO {threads}")
start = time.perf_counter()
rows = con.execute(f"""
    WITH events AS (
        SELECT user_id, event, CAST(timestamp AS TIMESTAMPTZ) AS ts, variant
        FROM read_json('{path}', format = 'newline_delimited',
                       columns = {{user_id: 'VARCHAR', event: 'VARCHAR', timestamp: 'VARCHAR', variant: 'VARCHAR'}})),
    observation AS (SELECT max(ts) AS end_ts FROM events),
    exposures AS (
        SELECT user_id, min(ts) AS exposed, min(variant) AS variant, count(DISTINCT variant) AS variants
        FROM events WHERE event = 'signup_completed' AND variant IS NOT NULL GROUP BY user_id),
    converted AS (
        SELECT DISTINCT e.user_id FROM events e JOIN exposures x USING (user_id)
        WHERE e.event = 'first_project_created' AND e.ts >= x.exposed AND e.ts <= x.exposed + INTERVAL 7 DAY)
    SELECT x.variant,
           count(*) FILTER (WHERE x.exposed + INTERVAL 7 DAY <= o.end_ts) AS units,
           count(c.user_id) FILTER (WHERE x.exposed + INTERVAL 7 DAY <= o.end_ts) AS conversions,
           count(*) FILTER (WHERE x.exposed + INTERVAL 7 DAY > o.end_ts) AS maturing
    FROM exposures x CROSS JOIN observation o LEFT JOIN converted c USING (user_id)
    WHERE x.variants = 1 GROUP BY x.variant ORDER BY x.variant
""").fetchall()
elapsed = time.perf_counter() - start
for variant, units, conversions, maturing in rows:
    print(json.dumps({"variant": variant, "units": units, "conversions": conversions, "maturing": maturing}))
print(f"{elapsed:.3f}")
