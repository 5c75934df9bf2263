#!/usr/bin/env python3
"""Pairwise P/R/F1 of a `sameas resolve --output` file against truth.csv.
usage: shapes-score.py truth.csv out.csv
truth: source,record_id,entity ; out: source,record_id,entity_id"""
import csv, sys
from collections import Counter, defaultdict
def load(path, col):
    d = {}
    with open(path, newline='') as f:
        r = csv.DictReader(f)
        for row in r:
            d[(row['source'], row['record_id'])] = row[col]
    return d
truth = load(sys.argv[1], 'entity')
with open(sys.argv[2], newline='') as f:
    hdr = next(csv.reader(f))
out = load(sys.argv[2], 'entity_id' if 'entity_id' in hdr else hdr[2])
keys = [k for k in truth if k in out]
missing = len(truth) - len(keys)
def pairs(counter):
    return sum(c * (c - 1) // 2 for c in counter.values())
t = Counter(truth[k] for k in keys)
p = Counter(out[k] for k in keys)
both = Counter((truth[k], out[k]) for k in keys)
tp = pairs(both); tt = pairs(t); pp = pairs(p)
P = tp / pp if pp else 1.0; R = tp / tt if tt else 1.0
F = 2 * P * R / (P + R) if P + R else 0.0
print(f"records {len(keys)} missing {missing} true_pairs {tt} pred_pairs {pp} tp {tp}")
print(f"P {P:.4f} R {R:.4f} F1 {F:.4f} largest {max(p.values())} (true {max(t.values())})")
