#!/usr/bin/env python3
"""Validates Experiments/*.json against Experiments/schema/experiment.schema.json (draft 2020-12)
with the `jsonschema` package (`pip install jsonschema`), and checks that the bad examples in
Tests/Reference/invalid-experiments/ fail it where the schema can tell. Exit 0 when all is as expected.
Usage: python3 Tests/Reference/validate_experiments_schema.py
"""
import glob
import json
import os
import sys

from jsonschema import Draft202012Validator

root = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
with open(os.path.join(root, "Experiments", "schema", "experiment.schema.json")) as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)

failures = 0
for path in sorted(glob.glob(os.path.join(root, "Experiments", "*.json"))):
    with open(path) as f:
        errors = list(validator.iter_errors(json.load(f)))
    for e in errors:
        print(f"{os.path.relpath(path, root)}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    failures += bool(errors)
    print(f"{os.path.relpath(path, root)}: {'ok' if not errors else 'INVALID'}")
for path in sorted(glob.glob(os.path.join(root, "Tests", "Reference", "invalid-experiments", "*.json"))):
    with open(path) as f:
        errors = list(validator.iter_errors(json.load(f)))
    print(f"{os.path.relpath(path, root)}: {'rejected as expected' if errors else 'UNEXPECTEDLY VALID'}")
    failures += not errors
sys.exit(1 if failures else 0)
