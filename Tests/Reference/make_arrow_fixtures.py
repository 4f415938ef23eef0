"""Arrow IPC streams written by pyarrow, with the values they hold, for ArrowStreamReaderTests.

Spark Connect returns results as Arrow IPC streams; ABSpark reads them without an Arrow library,
so its reader is checked against streams written by Arrow's own implementation: integers of
every width (signed and unsigned), doubles and floats, UTF-8 and large UTF-8 text, booleans, the
Null type, nulls in every column, several record batches, an empty batch, and a stream written
without continuation markers (pre-0.15 framing).

Regenerate with:  python3 -m venv /tmp/arrowvenv && /tmp/arrowvenv/bin/pip install pyarrow
                  /tmp/arrowvenv/bin/python Tests/Reference/make_arrow_fixtures.py
"""
import json
import math
import os

import pyarrow as pa
import pyarrow.ipc as ipc

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "ABSparkTests", "Fixtures")


def write(name, table, batch_size, legacy=False):
    sink = pa.BufferOutputStream()
    options = ipc.IpcWriteOptions(use_legacy_format=legacy)
    with ipc.new_stream(sink, table.schema, options=options) as writer:
        for batch in table.to_batches(max_chunksize=batch_size):
            writer.write_batch(batch)
        if batch_size is None:
            writer.write_batch(pa.RecordBatch.from_pylist([], schema=table.schema))
    with open(os.path.join(OUT, name + ".arrows"), "wb") as f:
        f.write(sink.getvalue().to_pybytes())
    columns = {}
    for field in table.schema:
        values = table.column(field.name).to_pylist()
        columns[field.name] = [None if (isinstance(v, float) and math.isnan(v)) else v for v in values]
    return {"file": name + ".arrows", "columns": [f.name for f in table.schema], "values": columns}


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 37
    table = pa.table({
        "part": pa.array([i % 3 for i in range(n)], pa.int32()),
        "metric_index": pa.array([i - 1 for i in range(n)], pa.int64()),
        "small": pa.array([(-1) ** i * i for i in range(n)], pa.int8()),
        "short": pa.array([None if i % 5 == 0 else -300 * i for i in range(n)], pa.int16()),
        "unsigned": pa.array([i * 1000 for i in range(n)], pa.uint32()),
        "dimension_value": pa.array([None if i % 4 == 0 else f"v{i}·ü\t'" for i in range(n)], pa.string()),
        "bucket": pa.array([None if i % 3 == 0 else i / 7 for i in range(n)], pa.float64()),
        "single": pa.array([None if i % 6 == 0 else i / 4 for i in range(n)], pa.float32()),
        "flag": pa.array([None if i % 7 == 0 else i % 2 == 0 for i in range(n)], pa.bool_()),
        "nothing": pa.array([None] * n, pa.null()),
        "big": pa.array([2**62 - i if i % 2 else -(2**62) + i for i in range(n)], pa.int64()),
    })
    large = pa.table({
        "text": pa.array(["", None, "a", "é" * 40, None, "end"], pa.large_string()),
        "x": pa.array([0.0, -0.5, 1e300, None, 2.5e-308, 3.0], pa.float64()),
    })
    cases = [
        write("several_batches", table, 10),
        write("one_batch_then_empty", table, None),
        write("large_text", large, 4),
        write("legacy_framing", large, 100, legacy=True),
    ]
    with open(os.path.join(OUT, "arrow_streams.json"), "w") as f:
        json.dump({"generator": "pyarrow " + pa.__version__, "cases": cases}, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
