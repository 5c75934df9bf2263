#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a resolution against the truth.

usage: score.py TRUTH.csv OUT.csv [--labelled K]
TRUTH.csv: source,record_id,entity (a shape's truth.csv)
OUT.csv:   source,record_id,entity_id (what `sameas resolve --output` writes)

A record of the truth missing from OUT.csv counts as an entity of its own.

With --labelled K, also the figures on the records of K true entities
only, as a labelled sample is scored (the inner join of prediction and
labels: a predicted entity counts only through its labelled records, so
merging a labelled entity with unlabelled ones costs nothing): K
entities drawn uniformly, and K
drawn with probability proportional to their size, 20 draws each (seeds
0-19), the draw with the median F1 printed with the range.
"""
import csv
import random
import sys
from collections import Counter, defaultdict


def load(path, column):
    with open(path, newline="") as handle:
        return {(row["source"], row["record_id"]): row[column] for row in csv.DictReader(handle)}


def pairs(sizes):
    return sum(size * (size - 1) // 2 for size in sizes.values())


def scores(truth, predicted, keys):
    together = pairs(Counter((truth[key], predicted[key]) for key in keys))
    true_pairs = pairs(Counter(truth[key] for key in keys))
    predicted_pairs = pairs(Counter(predicted[key] for key in keys))
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def labelled(truth, predicted, count):
    members = defaultdict(list)
    for key, entity in truth.items():
        members[entity].append(key)
    entities = sorted(members)
    count = min(count, len(entities))
    sizes = [len(members[entity]) for entity in entities]
    for how in ("uniform", "by size"):
        draws = []
        for seed in range(20):
            rng = random.Random(seed)
            if how == "uniform":
                chosen = rng.sample(entities, count)
            else:
                chosen = set()
                while len(chosen) < count:
                    chosen.add(rng.choices(entities, sizes)[0])
            keys = [key for entity in chosen for key in members[entity]]
            draws.append(scores(truth, predicted, keys))
        draws.sort(key=lambda figures: figures[2])
        precision, recall, f1 = draws[len(draws) // 2]
        print(f"labelled {count} {how}: P {precision:.4f} R {recall:.4f} F1 {f1:.4f} "
              f"(F1 {draws[0][2]:.4f}-{draws[-1][2]:.4f})")


def main():
    arguments = sys.argv[1:]
    count = None
    if "--labelled" in arguments:
        at = arguments.index("--labelled")
        count = int(arguments[at + 1])
        del arguments[at:at + 2]
    truth_path, out_path = arguments[0], arguments[1]
    truth = load(truth_path, "entity")
    with open(out_path, newline="") as handle:
        header = next(csv.reader(handle), [])
    column = "entity_id" if "entity_id" in header else header[2] if len(header) > 2 else None
    found = load(out_path, column) if column else {}
    missing = [key for key in truth if key not in found]
    predicted = {key: found.get(key, ("missing",) + key) for key in truth}
    true_sizes = Counter(truth.values())
    predicted_sizes = Counter(predicted.values())
    together = pairs(Counter((truth[key], predicted[key]) for key in truth))
    true_pairs, predicted_pairs = pairs(true_sizes), pairs(predicted_sizes)
    precision = together / predicted_pairs if predicted_pairs else 1.0
    recall = together / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    largest = max(predicted_sizes.values(), default=0)
    largest_true = max(true_sizes.values(), default=0)
    print(f"records {len(truth)} missing {len(missing)} true_pairs {true_pairs} "
          f"pred_pairs {predicted_pairs} tp {together}")
    print(f"P {precision:.4f} R {recall:.4f} F1 {f1:.4f} largest {largest} (true {largest_true})")
    if count:
        labelled(truth, predicted, count)


if __name__ == "__main__":
    main()
