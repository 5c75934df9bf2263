#!/usr/bin/env python3
"""Rewrite a generated inventors file with longer class lists and titles,
as real patent records have them (the file behind the README's "long
sets" timings).

usage: long_sets.py IN/mentions.csv OUT/mentions.csv

Each patent (its mentions share the title, classes and assignee) gets 4
to 10 more classes in its first class's group and 3 to 8 more words of a
technical vocabulary in its title, the same in all its mentions (drawn
from a hash of the patent's values, so the output is the same on every
run). The truth file is unchanged: copy it beside the output.
"""
import csv
import hashlib
import random
import sys

WORDS = (
    "method apparatus system device forming layer semiconductor substrate "
    "display panel circuit signal processing control unit memory cell array "
    "structure film electrode manufacturing image data network wireless "
    "communication battery vehicle sensor optical light emitting compound "
    "composition"
).split()


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open(source, newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        patent = (row["title"] + row["classes"] + row["assignee"]).encode()
        rng = random.Random(int(hashlib.md5(patent).hexdigest(), 16))
        classes = [item for item in row["classes"].split("|") if item]
        if classes:
            group = classes[0].split("/")[0]
            classes += [f"{group}/{rng.randrange(1, 999)}" for _ in range(rng.randrange(4, 11))]
        row["classes"] = "|".join(classes)
        extra = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 9)))
        row["title"] = f"{row['title']} {extra}"
    with open(target, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
