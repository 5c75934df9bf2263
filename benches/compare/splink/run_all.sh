#!/bin/sh
# Splink on the generated shapes, for calibration against its published
# figures on real data. Not part of the test suite (it needs Python and
# PyPI, and takes about 15 minutes on 2 cores).
#
# usage (from the repository root):
#   python3 -m venv target/splink-venv && target/splink-venv/bin/pip install splink==5.0.0 pandas
#   sh benches/compare/splink/run_all.sh target/splink-venv
# The shapes are written to target/shapes (SAMEAS_SHAPES) by the shapes
# example when missing; clusters go to target/splink-out (SPLINK_OUT);
# one SUMMARY line per set and configuration is printed at the end.
set -e
VENV=$(cd "${1:?usage: run_all.sh VENV}" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
SHAPES=${SAMEAS_SHAPES:-$ROOT/target/shapes}
export SAMEAS_SHAPES=$SHAPES
cargo build --quiet --release --features synthetic --example shapes --manifest-path "$ROOT/Cargo.toml"
shape() { # set-name shape entities seed [harsh]
  [ -d "$SHAPES/$1" ] && return
  noise=""
  [ -n "$5" ] && noise="--noise $5"
  "$ROOT/target/release/examples/shapes" "$2" --entities "$3" --seed "$4" $noise --out "$SHAPES/$1" > /dev/null
}
shape bd9k-7n birth-dates 9000 7
shape bd9k-8n birth-dates 9000 8
shape invp5k-7 inventors 5000 7
shape invp5k-8 inventors 5000 8
shape govh5k-7m government 5000 7 harsh
shape govh5k-8m government 5000 8 harsh
LOGS=${SPLINK_OUT:-$ROOT/target/splink-out}/logs
mkdir -p "$LOGS"
for run in "bd bd9k-7n" "bd bd9k-8n" "inv invp5k-7" "inv invp5k-8" "gov govh5k-7m" "gov govh5k-8m"; do
  set -- $run
  (cd "$HERE" && "$VENV/bin/python" "$1.py" "$2" tuned > "$LOGS/$1-$2.log" 2>&1) || echo "FAILED $1 $2"
  grep SUMMARY "$LOGS/$1-$2.log" || true
done
