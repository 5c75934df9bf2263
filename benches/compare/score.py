#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of a resolution against the truth.

usage: score.py TRUTH.csv OUT.csv
TRUTH.csv: source,record_id,entity (a shape's truth.csv)
OUT.csv:   source,record_id,entity_id (what `sameas resolve --output` writes)

A record of the truth missing from OUT.csv counts as an entity of its own.
"""
import csv
import sys
from collections import Counter


def load(path, column):
    with open(path, newline="") as handle:
        return {(row["source"], row["record_id"]): row[column] for row in csv.DictReader(handle)}


def pairs(sizes):
    return sum(size * (size - 1) // 2 for size in sizes.values())


def main():
    truth_path, out_path = sys.argv[1], sys.argv[2]
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


if __name__ == "__main__":
    main()
