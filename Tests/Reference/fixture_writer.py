"""Writes a JSON fixture for Tests/ABStatsTests/Fixtures, stamped with its generator and the
library versions that produced it. Shared by the make_*_reference.py scripts."""
import json
import os

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ABStatsTests", "Fixtures")


def write_fixture(name, generator, versions, directory=FIXTURES, **tables):
    path = os.path.join(directory, name)
    with open(path, "w") as fh:
        json.dump({"generator": f"Tests/Reference/{generator}", "versions": versions, **tables}, fh, indent=1)
        fh.write("\n")
    print("wrote", os.path.normpath(path))
