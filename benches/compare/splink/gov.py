"""Splink on the multi-source government proxy (govh5k-*m). usage: gov.py SET [variant] [--diag]
Every CSV except truth.csv is one source (file stem); columns are unioned and standardised."""
import glob
import os
import re
import sys
import time
import unicodedata

import pandas as pd

import splink.comparison_library as cl
import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on

from harness import DATA, OUT, print_model, estimate_u, make_linker, sweep

S = sys.argv[1]
VARIANT = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else "tuned"
D = f"{DATA}/{S}"
t0 = time.time()

ABBR = {"STREET": "ST", "AVENUE": "AVE", "ROAD": "RD", "DRIVE": "DR", "PLACE": "PL", "LANE": "LN", "COURT": "CT",
        "BOULEVARD": "BLVD", "CIRCLE": "CIR", "TERRACE": "TER", "PARKWAY": "PKWY", "HIGHWAY": "HWY", "TRAIL": "TRL",
        "WAY": "WAY", "SQUARE": "SQ", "APARTMENT": "APT", "SUITE": "STE", "NORTH": "N", "SOUTH": "S", "EAST": "E",
        "WEST": "W", "UNIT": "APT", "#": "APT"}


def up(s):
    if not isinstance(s, str) or not s.strip():
        return None
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).upper()
    s = re.sub(r"[^A-Z0-9# ]", " ", s.replace("-", " "))
    s = " ".join(s.split())
    return s or None


def addr(s):
    s = up(s)
    if s is None:
        return None
    return " ".join(ABBR.get(t, t) for t in s.split())


def iso_date(s):
    if not isinstance(s, str) or not s.strip():
        return None
    s = s.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return s
    m = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", s)  # census: MM/DD/YYYY
    if m:
        return f"{m.group(3)}-{m.group(1)}-{m.group(2)}"
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)  # tax: YYYYMMDD
    if m:
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    return None


PLACEHOLDER = {"MR", "MRS", "MS", "MISS", "DR", "UNKNOWN", "NFN", "FNU", "BABY", "NONE", "NA", "N"}
COLS = ["id", "given", "middle", "family", "sex", "dob", "ssn", "address", "house", "city", "state", "zip"]
tables = []
for path in sorted(glob.glob(f"{D}/*.csv")):
    stem = os.path.basename(path)[:-4]
    if stem == "truth":
        continue
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    out = pd.DataFrame({"id": df["id"]})
    out["given"] = [(up(x) or "").split(" ")[0] or None for x in df.get("given", [None] * len(df))]
    out["given"] = [None if g in PLACEHOLDER else g for g in out["given"]]
    out["middle"] = [(up(x) or "")[:1] or None for x in df["middle"]] if "middle" in df else None
    out["family"] = [up(x) for x in df["family"]] if "family" in df else None
    out["sex"] = [up(x) for x in df["sex"]] if "sex" in df else None
    out["dob"] = [iso_date(x) for x in df["dob"]] if "dob" in df else None
    out["ssn"] = [re.sub(r"\D", "", x) or None for x in df["ssn"]] if "ssn" in df else None
    out["address"] = [addr(x) for x in df["address"]] if "address" in df else None
    out["house"] = [a.split(" ")[0] if isinstance(a, str) and a.split(" ")[0].isdigit() else None for a in out["address"]] \
        if "address" in df else None
    out["city"] = [up(x) for x in df["city"]] if "city" in df else None
    out["state"] = [up(x) for x in df["state"]] if "state" in df else None
    out["zip"] = [re.sub(r"\D", "", x)[:5] or None for x in df["zip"]] if "zip" in df else None
    out["full_name"] = [g + " " + f if isinstance(g, str) and isinstance(f, str) else None for g, f in zip(out["given"], out["family"])]
    out = out[COLS + ["full_name"]].astype(object)
    out = out.where(out.notna(), None)
    tables.append((stem, out))


dob_cmp = cl.CustomComparison(
    output_column_name="dob",
    comparison_levels=[
        cll.NullLevel("dob"),
        cll.ExactMatchLevel("dob"),
        cll.DamerauLevenshteinLevel("dob", 1),
        cll.CustomLevel("substr(dob_l,1,4) = substr(dob_r,1,4) and substr(dob_l,6,2) = substr(dob_r,9,2) "
                        "and substr(dob_l,9,2) = substr(dob_r,6,2)", label_for_charts="day/month swapped"),
        cll.CustomLevel("substr(dob_l,6,5) = substr(dob_r,6,5)", label_for_charts="same month-day (year differs)"),
        cll.CustomLevel("substr(dob_l,1,7) = substr(dob_r,1,7)", label_for_charts="same year-month"),
        cll.CustomLevel("substr(dob_l,1,4) = substr(dob_r,1,4)", label_for_charts="same year"),
        cll.ElseLevel(),
    ],
)
ssn_cmp = cl.CustomComparison(
    output_column_name="ssn",
    comparison_levels=[
        cll.NullLevel("ssn"),
        cll.ExactMatchLevel("ssn"),
        cll.DamerauLevenshteinLevel("ssn", 1),
        cll.ElseLevel(),
    ],
)
addr_cmp = cl.CustomComparison(
    output_column_name="address",
    comparison_levels=[
        cll.NullLevel("address"),
        cll.ExactMatchLevel("address").configure(tf_adjustment_column="address"),
        cll.JaroWinklerLevel("address", 0.9),
        cll.And(cll.ExactMatchLevel("house"), cll.JaroWinklerLevel("address", 0.7)),
        cll.ElseLevel(),
    ],
)
# Names as one comparison (so that "same family, different given" = household member is its own level),
# with swapped given/family and typo levels.
name_cmp = cl.CustomComparison(
    output_column_name="name",
    comparison_levels=[
        cll.Or(cll.NullLevel("given"), cll.NullLevel("family")),
        cll.ExactMatchLevel("full_name").configure(tf_adjustment_column="full_name"),
        cll.ColumnsReversedLevel("given", "family", symmetrical=True),
        cll.And(cll.JaroWinklerLevel("given", 0.92), cll.JaroWinklerLevel("family", 0.92)),
        cll.And(cll.JaroWinklerLevel("given", 0.8), cll.JaroWinklerLevel("family", 0.8)),
        cll.And(cll.ExactMatchLevel("given"), cll.Not(cll.JaroWinklerLevel("family", 0.8))).configure(
            label_for_charts="same given, different family"),
        cll.And(cll.JaroWinklerLevel("family", 0.92), cll.CustomLevel("substr(given_l,1,1)=substr(given_r,1,1)")
                ).configure(label_for_charts="same family, same initial"),
        cll.JaroWinklerLevel("family", 0.92).configure(label_for_charts="same family, different given (household)"),
        cll.ElseLevel(),
    ],
)
# Address, zip, city, state are near-duplicates of one another (conditional independence fails badly, and
# household members share them all): one location comparison.
loc_cmp = cl.CustomComparison(
    output_column_name="location",
    comparison_levels=[
        cll.And(cll.NullLevel("address"), cll.NullLevel("zip"), cll.NullLevel("city")),
        cll.ExactMatchLevel("address").configure(tf_adjustment_column="address"),
        cll.JaroWinklerLevel("address", 0.9),
        cll.ExactMatchLevel("zip"),
        cll.And(cll.ExactMatchLevel("city"), cll.ExactMatchLevel("state")),
        cll.ExactMatchLevel("state"),
        cll.ElseLevel(),
    ],
)
if VARIANT == "naive":
    comparisons = [
        cl.NameComparison("given").configure(term_frequency_adjustments=True),
        cl.ExactMatch("middle"),
        cl.NameComparison("family").configure(term_frequency_adjustments=True),
        cl.ExactMatch("sex"), dob_cmp, ssn_cmp, addr_cmp,
        cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
        cl.ExactMatch("state").configure(term_frequency_adjustments=True),
        cl.LevenshteinAtThresholds("zip", [1]),
    ]
else:
    comparisons = [name_cmp, cl.ExactMatch("middle"), cl.ExactMatch("sex"), dob_cmp, ssn_cmp, loc_cmp]

settings = SettingsCreator(
    link_type="link_and_dedupe",
    unique_id_column_name="id",
    comparisons=comparisons,
    blocking_rules_to_generate_predictions=[
        block_on("ssn"),
        block_on("given", "family"),
        block_on("dob"),
        block_on("family", "zip"),
        block_on("given", "zip"),
        block_on("address"),
        block_on("substr(given,1,2)", "substr(family,1,2)", "substr(dob,1,4)"),
        block_on("substr(given,1,1)", "substr(family,1,1)", "city"),
        block_on("house", "zip"),
    ],
    retain_intermediate_calculation_columns=False,
)

linker = make_linker(tables, settings, S.replace("-", "_"))
linker.training.estimate_probability_two_random_records_match(
    [block_on("ssn", "dob"), block_on("given", "family", "dob")], recall=0.5
)
estimate_u(linker, max_pairs=1e7)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("ssn"))
linker.training.estimate_parameters_using_expectation_maximisation(block_on("given", "family"))
linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))

pred = linker.inference.predict(threshold_match_probability=0.01)
if "--diag" in sys.argv:
    print_model(linker)
    from harness import blocking_recall
    pp = pred.as_pandas_dataframe()
    truth = pd.read_csv(f"{D}/truth.csv", dtype=str)
    rec, ntrue = blocking_recall(pp, truth, src_l="source_dataset_l", src_r="source_dataset_r")
    print(f"{S}: scored pairs (p>=0.01) {len(pp)}; true pairs {ntrue}; recall of those pairs {rec:.4f}", flush=True)

sweep(linker, pred, f"{D}/truth.csv", OUT, f"gov-{S}-{VARIANT}", t0, source_col="source_dataset")
if "--diag" in sys.argv:
    truth = pd.read_csv(f"{D}/truth.csv", dtype=str)
    ent = {(s, r): e for s, r, e in zip(truth.source, truth.record_id, truth.entity)}
    pp["same"] = [ent[(a, b)] == ent[(c, d)] for a, b, c, d in
                  zip(pp.source_dataset_l, pp.id_l, pp.source_dataset_r, pp.id_r)]
    allrec = pd.concat([t.assign(src=s) for s, t in tables]).set_index("id")
    cols = ["given", "middle", "family", "sex", "dob", "ssn", "address", "zip"]
    fp = pp[(~pp.same) & (pp.match_probability >= 0.99)].sort_values("match_weight", ascending=False)
    print("FP>=0.99", len(fp), "TP>=0.99", (pp.same & (pp.match_probability >= 0.99)).sum())
    for r in fp.sample(min(25, len(fp)), random_state=1).itertuples():
        print("FP", round(r.match_weight, 1), allrec.loc[r.id_l, cols].tolist(), "||", allrec.loc[r.id_r, cols].tolist())
    fnp = pp[(pp.same) & (pp.match_probability < 0.5)]
    print("FN<0.5 scored", len(fnp))
    for r in fnp.sample(min(12, len(fnp)), random_state=1).itertuples():
        print("FN", round(r.match_weight, 1), allrec.loc[r.id_l, cols].tolist(), "||", allrec.loc[r.id_r, cols].tolist())
