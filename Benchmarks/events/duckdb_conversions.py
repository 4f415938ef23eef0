#!/usr/bin/env python3
"""DuckDB's answer to the benchmark question: per-variant units and 7-day conversions on
`first_project_created` after the first `signup_completed` exposure, from the same JSONL file.

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
        SELECT user_id, event, CAST(timestamp AS TIMESTAMP) AS ts, variant, experiment
        FROM read_json('{path}', format = 'newline_delimited',
                       columns = {{event_id: 'VARCHAR', user_id: 'VARCHAR', event: 'VARCHAR', timestamp: 'VARCHAR',
                                  experiment: 'VARCHAR', variant: 'VARCHAR'}})),
    exposures AS (
        SELECT user_id, min(ts) AS exposed, min(variant) AS variant, count(DISTINCT variant) AS variants
        FROM events WHERE event = 'signup_completed' AND variant IS NOT NULL GROUP BY user_id),
    converted AS (
        SELECT DISTINCT e.user_id FROM events e JOIN exposures x USING (user_id)
        WHERE e.event = 'first_project_created' AND e.ts >= x.exposed AND e.ts <= x.exposed + INTERVAL 7 DAY)
    SELECT x.variant, count(*) AS units, count(c.user_id) AS conversions
    FROM exposures x LEFT JOIN converted c USING (user_id)
    WHERE x.variants = 1 GROUP BY x.variant ORDER BY x.variant
""").fetchall()
elapsed = time.perf_counter() - start
for variant, units, conversions in rows:
    print(json.dumps({"variant": variant, "units": units, "conversions": conversions}))
print(f"{elapsed:.3f}")
