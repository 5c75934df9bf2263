"""Splink on the names+dates proxy (bd9k-*n). usage: bd.py SET [variant]"""
import sys
import time

import pandas as pd

import splink.comparison_library as cl
import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on

from harness import DATA, OUT, print_model, blocking_recall, estimate_u, make_linker, sweep

S = sys.argv[1]
VARIANT = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else "tuned"
D = f"{DATA}/{S}"
t0 = time.time()

df = pd.read_csv(f"{D}/persons.csv", dtype=str, keep_default_na=False)
for c in ["given", "family", "dob"]:
    df[c] = df[c].str.strip().replace("", None)
df["year"] = df["dob"].str[:4]
df["g2"] = df["given"].str[:2]
df["f2"] = df["family"].str[:2]


dob_cmp = cl.DateOfBirthComparison(
    "dob", input_is_string=True, datetime_format="%Y-%m-%d",
    datetime_thresholds=[1, 1, 10], datetime_metrics=["month", "year", "year"],
)
if VARIANT in ("dl", "tuned"):
    # typo-oriented date comparison: one typo/transposition, year-only error, same year-month, same year
    dob_cmp = cl.CustomComparison(
        output_column_name="dob",
        comparison_levels=[
            cll.NullLevel("dob"),
            cll.ExactMatchLevel("dob"),
            cll.DamerauLevenshteinLevel("dob", 1),
            cll.CustomLevel("substr(dob_l,6,5) = substr(dob_r,6,5)", label_for_charts="same month-day (year differs)"),
            cll.CustomLevel("substr(dob_l,1,7) = substr(dob_r,1,7)", label_for_charts="same year-month"),
            cll.CustomLevel("substr(dob_l,1,4) = substr(dob_r,1,4)", label_for_charts="same year"),
            cll.DamerauLevenshteinLevel("dob", 2),
            cll.ElseLevel(),
        ],
    )

given_cmp = cl.NameComparison("given").configure(term_frequency_adjustments=True)
if VARIANT == "tuned":
    # NameComparison levels + an 'initial agrees with full name' level (e.g. "R." vs "RUSSELL")
    given_cmp = cl.CustomComparison(
        output_column_name="given",
        comparison_levels=[
            cll.NullLevel("given"),
            cll.ExactMatchLevel("given").configure(tf_adjustment_column="given"),
            cll.JaroWinklerLevel("given", 0.92),
            cll.JaroWinklerLevel("given", 0.88),
            cll.CustomLevel("(length(replace(given_l,'.',''))=1 or length(replace(given_r,'.',''))=1) "
                            "and substr(given_l,1,1)=substr(given_r,1,1)", label_for_charts="initial match"),
            cll.JaroWinklerLevel("given", 0.7),
            cll.ElseLevel(),
        ],
    )
name_cmps = [
    given_cmp,
    cl.NameComparison("family").configure(term_frequency_adjustments=True),
]

settings = SettingsCreator(
    link_type="dedupe_only",
    unique_id_column_name="id",
    comparisons=name_cmps + [dob_cmp],
    blocking_rules_to_generate_predictions=[
        block_on("given", "family"),
        block_on("dob"),
        block_on("g2", "f2", "year"),
        block_on("given", "year"),
        block_on("family", "year"),
        block_on("substr(dob, 6, 5)", "g2"),  # month-day + first letters of given
        block_on("substr(dob, 6, 5)", "f2"),
        block_on("g2", "f2", "substr(dob, 6, 2)"),
    ],
    retain_intermediate_calculation_columns=False,
)

linker = make_linker([("persons", df)], settings, S.replace("-", "_"))
if VARIANT == "base":
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given", "family", "dob")], recall=0.6
    )
else:
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given", "family", "dob"),
         "l.dob = r.dob and jaro_winkler_similarity(l.given, r.given) >= 0.9 "
         "and jaro_winkler_similarity(l.family, r.family) >= 0.9"], recall=0.4
    )
estimate_u(linker, max_pairs=1e7)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
linker.training.estimate_parameters_using_expectation_maximisation(block_on("given", "family"))

pred = linker.inference.predict(threshold_match_probability=None if "--all" in sys.argv else 0.01)
pp = pred.as_pandas_dataframe()
truth = pd.read_csv(f"{D}/truth.csv", dtype=str)
rec, ntrue = blocking_recall(pp, truth, fixed_source="persons")
print(f"{S}: predicted pairs (p>=0.01) {len(pp)}; true pairs {ntrue}; recall of those pairs {rec:.4f}", flush=True)

sweep(linker, pred, f"{D}/truth.csv", OUT, f"bd-{S}-{VARIANT}", t0, fixed_source="persons")
if "--diag" in sys.argv:
    print_model(linker)
    ent = dict(zip(truth.record_id, truth.entity))
    pp["same"] = [ent[a] == ent[b] for a, b in zip(pp.id_l, pp.id_r)]
    rows = df.set_index("id")
    # missed true pairs
    have = set(zip(pp.id_l, pp.id_r)) | set(zip(pp.id_r, pp.id_l))
    g = truth.groupby("entity").record_id.apply(list)
    miss = [(x[0], x[1]) for x in g if len(x) >= 2 and (x[0], x[1]) not in have]
    print("missed (not in pairs):", len(miss))
    for a, b in miss[:25]:
        print(rows.loc[a, ["given", "family", "dob"]].tolist(), rows.loc[b, ["given", "family", "dob"]].tolist())
    lo = pp[pp.same & (pp.match_probability < 0.5)].sort_values("match_probability")
    print("true pairs below 0.5:", len(lo))
    for r in lo.head(25).itertuples():
        print(round(r.match_probability, 3), rows.loc[r.id_l, ["given", "family", "dob"]].tolist(), rows.loc[r.id_r, ["given", "family", "dob"]].tolist())
    hi = pp[~pp.same & (pp.match_probability >= 0.5)].sort_values("match_probability", ascending=False)
    print("false pairs >= 0.5:", len(hi))
    for r in hi.head(15).itertuples():
        print(round(r.match_probability, 3), rows.loc[r.id_l, ["given", "family", "dob"]].tolist(), rows.loc[r.id_r, ["given", "family", "dob"]].tolist())
