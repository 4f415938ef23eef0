"""What spark.sh asks of a Spark Connect server besides `abkit`: a Parquet copy of a JSON-lines
event log, the physical plan of the query `abkit sql --dialect spark` prints, and the rows that
query returns. Runs in the pyspark virtual environment (its Spark Connect client needs grpcio,
pandas and pyarrow, which `pip install pyspark[connect]` brings).

Usage:
  python spark_client.py parquet SERVER EVENTS.jsonl DIR   # DIR is replaced
  python spark_client.py plan SERVER QUERY.sql             # EXPLAIN FORMATTED, to standard output
  python spark_client.py rows SERVER QUERY.sql [EXECUTED]  # runs the query: rows, seconds
EXECUTED (default: QUERY's name with .executed.txt) receives the plan as it ran, with each node's
metrics (rows out, spills; reused exchanges marked), which Spark Connect sends after the rows.
SERVER is sc://HOST:PORT; the server reads the paths, so they must be on its machine.
"""
import re
import sys
import time
from collections import Counter

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def statements(path):
    """The statements of an `abkit sql` file (SET, CREATE VIEW, the query), comments dropped.
    Each ends with `;` at the end of a line; no literal in the query contains one that way."""
    with open(path) as f:
        text = "\n".join(line for line in f.read().splitlines() if not line.startswith("--"))
    return [s.strip() for s in re.split(r";\s*$", text, flags=re.M) if s.strip()]


def prepared(spark, path):
    """Runs everything before the query (the session's time zone, the view over the files) and
    returns the query."""
    *setup, query = statements(path)
    for statement in setup:
        spark.sql(statement).collect()
    return query


def counted(counter):
    return ", ".join(f"{name} {n}" for name, n in counter.most_common())


def plan_summary(plan):
    """What EXPLAIN FORMATTED's node list holds: operators by kind, and each shuffle's partitioning
    (expression ids dropped, so `unit#12` and `unit#80` count as one key)."""
    nodes = re.findall(r"^\(\d+\) (\w+(?: \w+)?)", plan, flags=re.M)
    kinds = Counter(n.split()[0] if n.startswith(("Scan", "Subquery")) else n for n in nodes)
    shuffles = Counter(
        re.sub(r"#\d+L?|, \d+\)$", lambda m: ")" if m.group(0).startswith(",") else "", key)
        for key in re.findall(r"^\(\d+\) Exchange\n.*?Arguments: ([^\n]*?), ENSURE_REQUIREMENTS", plan, flags=re.M | re.S))
    return "\n".join([
        f"-- operators: {counted(kinds)}",
        f"-- shuffles (Exchange) by partitioning: {counted(shuffles)}",
    ])


def executed_summary(executed):
    """What the plan as it ran holds: operators by kind (an Exchange ran, a ReusedExchange read
    one that had), the rows each file scan produced, and what was spilled (its size in memory, as
    Spark counts it). Scalar subqueries run as plans of their own, which these metrics leave out."""
    names = Counter(re.sub(r"\s*\(.*", "", line.lstrip(" +-")) for line in executed.splitlines() if line.strip())
    scans = Counter(re.findall(r"Scan \w+ \(numOutputRows: (\d+)", executed))
    spilled = sum(int(n) for n in re.findall(r"spillSize: (\d+)", executed))
    return "\n".join([
        f"-- operators as run: {counted(names)}",
        "-- file scans: " + ", ".join(f"{n} of {int(rows):,} rows" for rows, n in scans.items()),
        f"-- spilled: {spilled / 2**20:.0f} MiB",
        "-- (scalar subqueries, run as plans of their own, are not in these metrics)",
    ])


def main():
    command, server, *paths = sys.argv[1:]
    spark = SparkSession.builder.remote(server).getOrCreate()
    if command == "parquet":
        source, target = paths
        # Every field as text, as `abkit` reads JSON, except the time: a lakehouse table keeps it
        # as a TIMESTAMP (so the query reads it without parsing text), and the amount as a double.
        events = spark.read.option("primitivesAsString", "true").json(source)
        events = events.withColumn("timestamp", F.to_timestamp("timestamp"))
        events = events.withColumn("amount", F.col("amount").cast("double"))
        events.write.mode("overwrite").parquet(target)
    elif command == "plan":
        query = prepared(spark, paths[0])
        plan = spark.sql("EXPLAIN FORMATTED " + query).collect()[0][0]
        print(plan_summary(plan) + "\n" + plan)
    elif command == "rows":
        query = prepared(spark, paths[0])
        start = time.monotonic()
        result = spark.sql(query)
        rows = result.collect()
        seconds = time.monotonic() - start
        # Which rows: part 0 per metric (a funnel one per depth), 2 the timeline, 3 not yet closed.
        parts = Counter((row["part"], row["metric_index"]) for row in rows)
        print(f"{len(rows)} rows in {seconds:.1f} s; by (part, metric): "
              + ", ".join(f"{key} {n}" for key, n in sorted(parts.items())))
        executed = paths[1] if len(paths) > 1 else re.sub(r"\.sql$", "", paths[0]) + ".executed.txt"
        metrics = result.executionInfo.metrics.toText()
        with open(executed, "w") as f:
            f.write(executed_summary(metrics) + "\n" + metrics)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
