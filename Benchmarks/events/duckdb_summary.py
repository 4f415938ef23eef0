#!/usr/bin/env python3
"""DuckDB computing an experiment's per-variant sufficient statistics from a JSON-lines event log,
with the same semantics as `abkit aggregate`: the query is ABKit's own warehouse SQL
(`abkit sql --dialect postgresql --properties-column none --inline-values`, session settings removed),
which the warehouse tests hold equal to the collector, run over a view of the file.

Usage: duckdb_summary.py EVENTS.jsonl QUERY.sql THREADS OUT.json
Writes the result rows to OUT.json ([[part, metric_index, dimension_index, dimension_value, variant,
bucket, units, events, censored, sum_y, ...], ...]) and prints the seconds the query took (reading
the file included: DuckDB reads it inside the query).
"""
import json
import sys
import time

import duckdb

path, query_path, threads, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sql = "\n".join(line for line in open(query_path) if not line.startswith("SET "))
con = duckdb.connect()
con.execute(f"SET threads TO {threads}")
# The simulated log's columns, typed as the warehouse's events table would be.
con.execute(f"""
    CREATE VIEW events AS SELECT * FROM read_json('{path}', format = 'newline_delimited', columns = {{
        event_id: 'VARCHAR', user_id: 'VARCHAR', event: 'VARCHAR', timestamp: 'TIMESTAMPTZ', experiment: 'VARCHAR',
        variant: 'VARCHAR', country: 'VARCHAR', platform: 'VARCHAR', tz_offset: 'BIGINT', amount: 'DOUBLE'}})""")
start = time.perf_counter()
rows = con.execute(sql).fetchall()
elapsed = time.perf_counter() - start
json.dump([list(row) for row in rows], open(out, "w"))
print(f"{elapsed:.3f}")
