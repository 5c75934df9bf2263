"""Splink on the inventor-mentions proxy (invp5k-*). usage: inv.py SET [variant] [--diag]"""
import re
import sys
import time

import pandas as pd

import splink.comparison_library as cl
import splink.comparison_level_library as cll
from splink import SettingsCreator, block_on

from harness import DATA, OUT, print_model, blocking_recall, estimate_u, make_linker, sweep

S = sys.argv[1]
VARIANT = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith("--") else "tuned"
NAME_ELSE_M = float(next((a.split("=")[1] for a in sys.argv if a.startswith("--name-else-m=")), "1e-6"))
D = f"{DATA}/{S}"
t0 = time.time()

df = pd.read_csv(f"{D}/mentions.csv", dtype=str, keep_default_na=False)
for c in df.columns:
    df[c] = df[c].str.strip()
df = df.astype(object).where(df != "", None)

LEGAL = {"co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "gmbh", "ag",
         "sa", "nv", "bv", "plc", "kk", "pvt", "private", "srl", "spa", "oy", "ab", "as", "the", "group", "holdings"}


def norm_org(s):
    if s is None:
        return None
    toks = re.sub(r"[^a-z0-9 ]", " ", s.lower()).split()
    toks = [t for t in toks if t not in LEGAL]
    return " ".join(toks) or None


STOP = {"a", "an", "the", "of", "for", "and", "with", "using", "in", "on", "to", "method", "methods", "system",
        "systems", "apparatus", "device", "devices", "thereof", "same", "having", "including", "improved", "based",
        "by", "or", "at"}


def split_set(s):
    return [x.strip() for x in s.split("|") if x.strip()] if s else None


import unicodedata


def norm_tok(s):
    s = unicodedata.normalize("NFKD", s.lower())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z ]", "", s.replace("-", "")).split()


def norm_person(s):
    """'Wolfgang G. Hofmann' -> 'wolfgang hofmann' (first token + last token, no accents/hyphens)"""
    t = norm_tok(s)
    return None if not t else (t[0] if len(t) == 1 else t[0] + " " + t[-1])


if VARIANT == "raw":
    df["first_name"] = df["first_name"].str.lower()
    df["last_name"] = df["last_name"].str.lower()
else:  # drop middle initials, accents, hyphens: 'Jae-Hyun B.' -> 'jaehyun'
    df["first_name"] = [(norm_tok(x) or [None])[0] for x in df["first_name"]]
    df["last_name"] = [" ".join(norm_tok(x)) or None for x in df["last_name"]]
df["full_name"] = df["first_name"] + " " + df["last_name"]
df["city"] = df["city"].str.lower()
df["assignee_n"] = [norm_org(x) for x in df["assignee"]]
df["coinventors_a"] = [None if s is None else sorted({norm_person(x) for x in split_set(s)} - {None})
                       for s in df["coinventors"]]
df["classes_a"] = [split_set(s) for s in df["classes"]]
df["subclass_a"] = [None if s is None else sorted({x[:4] for x in split_set(s)}) for s in df["classes"]]
df["title_a"] = [None if s is None else sorted({w for w in re.findall(r"[a-z0-9]+", s.lower()) if w not in STOP})
                 for s in df["title"]]
df["fi"] = df["first_name"].str[:1]
df["li"] = df["last_name"].str[:1]
df = df.drop(columns=["assignee", "coinventors", "classes"])


name_cmp = cl.CustomComparison(
    output_column_name="name",
    comparison_levels=[
        cll.Or(cll.NullLevel("first_name"), cll.NullLevel("last_name")),
        cll.ExactMatchLevel("full_name").configure(tf_adjustment_column="full_name"),
        cll.ColumnsReversedLevel("first_name", "last_name", symmetrical=True),
        cll.And(cll.JaroWinklerLevel("first_name", 0.92), cll.JaroWinklerLevel("last_name", 0.92)),
        # one typo/transposition in one of the two names (only for names of >= 4 letters: 'li'/'lu' are not typos)
        cll.CustomLevel("(first_name_l = first_name_r and least(length(last_name_l), length(last_name_r)) >= 4 "
                        "and damerau_levenshtein(last_name_l, last_name_r) <= 1) or "
                        "(last_name_l = last_name_r and least(length(first_name_l), length(first_name_r)) >= 4 "
                        "and damerau_levenshtein(first_name_l, first_name_r) <= 1)",
                        label_for_charts="one name exact, other one typo"),
        cll.And(cll.JaroWinklerLevel("first_name", 0.85), cll.JaroWinklerLevel("last_name", 0.85),
                cll.CustomLevel("least(length(first_name_l), length(first_name_r), length(last_name_l), "
                                "length(last_name_r)) >= 4")).configure(label_for_charts="both JW>=0.85 (len>=4)"),
        # EM (any session) mistakes teams of colleagues (same employer/city/coinventors/classes) for one person and
        # learns a large m for unrelated names; domain knowledge: one person's mentions almost never have unrelated
        # names, so m is fixed small.
        cll.ElseLevel().configure(m_probability=NAME_ELSE_M, fix_m_probability=True)
        if VARIANT not in ("em",) else cll.ElseLevel(),
    ],
)
if VARIANT == "sep":
    name_cmps = [cl.NameComparison("first_name").configure(term_frequency_adjustments=True),
                 cl.NameComparison("last_name").configure(term_frequency_adjustments=True)]
else:
    name_cmps = [name_cmp]

# Domain rule: if either mention lists the other's name among its co-inventors, they are (usually) two different
# people on the same patent.  m fixed by hand (EM left free gives it m > u, i.e. the wrong sign).
copatent_cmp = cl.CustomComparison(
    output_column_name="copatent",
    comparison_levels=[
        cll.CustomLevel("list_contains(coinventors_a_r, full_name_l) or list_contains(coinventors_a_l, full_name_r)",
                        label_for_charts="listed as each other's co-inventor"
                        ).configure(m_probability=1e-5, fix_m_probability=True),
        cll.ElseLevel().configure(m_probability=0.99999, fix_m_probability=True),
    ],
)
comparisons = name_cmps + ([copatent_cmp] if VARIANT != "nocop" else []) + [
    cl.JaroWinklerAtThresholds("city", [0.9]).configure(term_frequency_adjustments=True),
    cl.ExactMatch("state"),
    cl.ExactMatch("country").configure(term_frequency_adjustments=True),
    cl.JaroWinklerAtThresholds("assignee_n", [0.92, 0.8]).configure(term_frequency_adjustments=True),
    cl.ArrayIntersectAtSizes("coinventors_a", [3, 2, 1]),
    cl.ArrayIntersectAtSizes("classes_a", [3, 2, 1]),
    cl.ArrayIntersectAtSizes("subclass_a", [2, 1]),
    cl.ArrayIntersectAtSizes("title_a", [3, 2, 1]),
]

settings = SettingsCreator(
    link_type="dedupe_only",
    unique_id_column_name="id",
    comparisons=comparisons,
    blocking_rules_to_generate_predictions=[
        block_on("first_name", "last_name"),
        block_on("last_name", "city"),
        block_on("last_name", "assignee_n"),
        block_on("first_name", "assignee_n"),
        block_on("first_name", "city"),
        block_on("fi", "last_name", "country"),
    ],
    retain_intermediate_calculation_columns=False,
)

linker = make_linker([("mentions", df)], settings, S.replace("-", "_"))
linker.training.estimate_probability_two_random_records_match(
    [block_on("first_name", "last_name", "city", "assignee_n")], recall=0.5
)
estimate_u(linker, max_pairs=1e7)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "last_name"))
# name m-values: train on pairs sharing employer, city and initials (mostly true matches, names free to vary)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("assignee_n", "city", "fi", "li"))

pred = linker.inference.predict(threshold_match_probability=None if "--all" in sys.argv else 0.01)
truth = pd.read_csv(f"{D}/truth.csv", dtype=str)
if "--diag" in sys.argv:
    pp = pred.as_pandas_dataframe()
    rec, ntrue = blocking_recall(pp, truth, fixed_source="mentions")
    print(f"{S}: scored pairs {len(pp)}; true pairs {ntrue}; recall of those pairs {rec:.4f}", flush=True)
    print_model(linker)

sweep(linker, pred, f"{D}/truth.csv", OUT, f"inv-{S}-{VARIANT}", t0, fixed_source="mentions")
if "--diag" in sys.argv:
    ent = dict(zip(truth.record_id, truth.entity))
    pp["same"] = [ent[a] == ent[b] for a, b in zip(pp.id_l, pp.id_r)]
    rows = df.set_index("id")
    cols = ["first_name", "last_name", "city", "assignee_n", "coinventors_a", "subclass_a"]
    hi = pp[~pp.same].sort_values("match_probability", ascending=False)
    print("false pairs >=0.99:", (hi.match_probability >= 0.99).sum(), " true pairs >=0.99:", ((pp.same) & (pp.match_probability >= 0.99)).sum())
    pd.set_option("display.width", 250)
    for r in hi.head(20).itertuples():
        print(round(r.match_weight, 1), rows.loc[r.id_l, cols].tolist(), "||", rows.loc[r.id_r, cols].tolist())
if "--diag" in sys.argv:
    fpos = pp[(~pp.same) & (pp.match_probability >= 0.99)]
    fn = dict(zip(df.id, df.full_name)); f1 = dict(zip(df.id, df.first_name)); l1 = dict(zip(df.id, df.last_name))
    co = dict(zip(df.id, df.coinventors_a))
    def cat(a, b):
        if fn[a] == fn[b]:
            x = (co[a] or []) + (co[b] or [])
            return "same name, copatent" if (fn[a] in (co[b] or []) or fn[b] in (co[a] or [])) else "same name"
        if l1[a] == l1[b]:
            return "same last"
        if f1[a] == f1[b]:
            return "same first"
        return "other"
    print(pd.Series([cat(a, b) for a, b in zip(fpos.id_l, fpos.id_r)]).value_counts())
if "--diag" in sys.argv:
    fp2 = fpos[[cat(a, b) in ("same last", "same first") for a, b in zip(fpos.id_l, fpos.id_r)]]
    for r in fp2.sample(min(20, len(fp2)), random_state=1).itertuples():
        print("FP", round(r.match_weight, 1), rows.loc[r.id_l, cols].tolist(), "||", rows.loc[r.id_r, cols].tolist())
