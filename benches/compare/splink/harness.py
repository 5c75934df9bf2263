"""The harness of the Splink scripts: the threshold sweep, scoring by ../score.py, a Linker shim for Splink 4 and 5, u from random pairs."""
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SCORER = os.path.join(HERE, "..", "score.py")
# Where the shapes are written (one directory per set, as run_all.sh
# makes them) and where the clusters go.
DATA = os.environ.get("SAMEAS_SHAPES", os.path.join(HERE, "..", "..", "..", "target", "shapes"))
OUT = os.environ.get("SPLINK_OUT", os.path.join(HERE, "..", "..", "..", "target", "splink-out"))
SWEEP = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999]


def score(truth, out_csv):
    r = subprocess.run([sys.executable, SCORER, truth, out_csv], capture_output=True, text=True, check=True)
    last = r.stdout.strip().splitlines()[-1]
    # "P 0.9717 R 0.9401 F1 0.9556 largest 3 (true 2)"
    t = last.split()
    return dict(P=float(t[1]), R=float(t[3]), F1=float(t[5]), largest=int(t[7]), line=last)


def write_clusters(clusters_pd, out_csv, source_col="source_dataset", id_col="id", fixed_source=None):
    df = clusters_pd
    out = df[[id_col, "cluster_id"]].copy()
    out.columns = ["record_id", "entity_id"]
    if fixed_source is not None:
        out.insert(0, "source", fixed_source)
    else:
        out.insert(0, "source", df[source_col].values)
    out.to_csv(out_csv, index=False)


def sweep(linker, df_pred, truth, outdir, label, t_start, source_col="source_dataset", fixed_source=None):
    """Cluster at each threshold, score; the wall time reported is start..first (0.5) clustering."""
    os.makedirs(outdir, exist_ok=True)
    res = {}
    wall = None
    for th in [0.5] + [x for x in SWEEP if x != 0.5]:
        cl = linker.clustering.cluster_pairwise_predictions_at_threshold(df_pred, threshold_match_probability=th)
        cdf = cl.as_pandas_dataframe()
        if wall is None:
            wall = time.time() - t_start
        path = f"{outdir}/{label}-t{th}.csv"
        write_clusters(cdf, path, source_col=source_col, fixed_source=fixed_source)
        res[th] = score(truth, path)
        print(f"{label} th={th}: {res[th]['line']}", flush=True)
    best = max(res, key=lambda k: res[k]["F1"])
    b = res[best]
    h = res[0.5]
    summary = (f"SUMMARY {label}: F1@0.5 {h['F1']:.4f} (P {h['P']:.4f} R {h['R']:.4f} largest {h['largest']}) | "
               f"best F1 {b['F1']:.4f} @ {best} (P {b['P']:.4f} R {b['R']:.4f} largest {b['largest']}) | "
               f"wall (load+train+predict+cluster@0.5) {wall:.1f}s")
    print(summary, flush=True)
    return res, summary


def blocking_recall(pairs_pd, truth_pd, key_l="id_l", key_r="id_r", src_l=None, src_r=None, fixed_source=None):
    """Fraction of true pairs present among the blocked/predicted pairs."""
    import itertools
    t = truth_pd
    ent = {}
    for s, r, e in zip(t["source"], t["record_id"], t["entity"]):
        ent[(s, r)] = e
    groups = {}
    for k, e in ent.items():
        groups.setdefault(e, []).append(k)
    true_pairs = set()
    for ks in groups.values():
        for a, b in itertools.combinations(sorted(ks), 2):
            true_pairs.add((a, b))
    found = set()
    if fixed_source is not None:
        ls = [fixed_source] * len(pairs_pd)
        rs = ls
    else:
        ls = pairs_pd[src_l]
        rs = pairs_pd[src_r]
    for sl, il, sr, ir in zip(ls, pairs_pd[key_l], rs, pairs_pd[key_r]):
        a, b = sorted([(sl, il), (sr, ir)])
        if (a, b) in true_pairs:
            found.add((a, b))
    return len(found) / max(1, len(true_pairs)), len(true_pairs)


def make_linker(named_tables, settings, table_suffix):
    """named_tables: list of (display_name, pandas df). Works with Splink 5 (db_api.register) and Splink 4."""
    import splink
    from splink import DuckDBAPI, Linker
    db_api = DuckDBAPI()
    if int(splink.__version__.split(".")[0]) >= 5:
        sdfs = [db_api.register(t, table_name=f"{n}_{table_suffix}", dataset_display_name=n) for n, t in named_tables]
        return Linker(sdfs if len(sdfs) > 1 else sdfs[0], settings, log_level="WARNING")
    import logging
    linker = Linker([t for _, t in named_tables] if len(named_tables) > 1 else named_tables[0][1], settings, db_api,
                    input_table_aliases=[n for n, _ in named_tables] if len(named_tables) > 1 else named_tables[0][0],
                    set_up_basic_logging=False)
    logging.getLogger("splink").setLevel(logging.WARNING)
    return linker


def estimate_u(linker, max_pairs=1e7):
    """u by random sampling, same behaviour in Splink 4 and 5 (Splink 5's early stop disabled: all max_pairs used)."""
    import inspect
    f = linker.training.estimate_u_using_random_sampling
    if "min_count_per_level" in inspect.signature(f).parameters:
        f(max_pairs=max_pairs, seed=1, min_count_per_level=None)
    else:
        f(max_pairs=max_pairs, seed=1)


def print_model(linker):
    """The trained model: the prior, then every comparison level's m and u."""
    model = linker.misc.save_model_to_json()
    print("lambda", model["probability_two_random_records_match"])
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            print(comparison["output_column_name"], level.get("label_for_charts"),
                  level.get("m_probability"), level.get("u_probability"))
