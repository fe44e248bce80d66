#!/usr/bin/env bash
# Regression: the reduced Hangzhou winter case (54 km, 11 layers, 24 h, full chemistry, aerosol,
# deposition and emissions) on 2 ranks, its station series compared with the blessed reference
# tests/regression/hangzhou_coarse_stations.csv. Tolerance: 1e-6 relative or 1e-6 µg/m³ absolute
# per value (the run is deterministic; the tolerance only absorbs libm differences between
# machines). Re-bless after an intended change of results:
#   QIANTANG_BLESS=1 bash tests/regression/run_hangzhou_coarse.sh build/solver/app/qiantang
set -euo pipefail
qiantang=$1
here=$(cd "$(dirname "$0")" && pwd)
reference=$here/hangzhou_coarse_stations.csv
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$qiantang" case hangzhou-winter --coarse --out "$dir/case" > /dev/null
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
mpiexec --oversubscribe -np 2 "$qiantang" run "$dir/case/d01.ini" --set output.dir="$dir/out" --set run.progress=false \
  > "$dir/log" 2>&1 || { cat "$dir/log"; echo "regression run failed"; exit 1; }
if [ "${QIANTANG_BLESS:-0}" = 1 ]; then
  cp "$dir/out/stations.csv" "$reference"
  echo "blessed $reference ($(wc -l < "$reference") lines)"
  exit 0
fi
python3 - "$reference" "$dir/out/stations.csv" <<'PY'
import csv, sys
ref = {(r["time"], r["station"], r["pollutant"]): float(r["value"]) for r in csv.DictReader(open(sys.argv[1]))}
new = {(r["time"], r["station"], r["pollutant"]): float(r["value"]) for r in csv.DictReader(open(sys.argv[2]))}
if set(ref) != set(new):
    print(f"different rows: {len(set(ref) ^ set(new))} keys differ"); sys.exit(1)
worst, bad = 0.0, []
for k, v in ref.items():
    d = abs(new[k] - v)
    rel = d / max(abs(v), 1e-30)
    worst = max(worst, min(rel, d))
    if d > 1e-6 and rel > 1e-6:
        bad.append((k, v, new[k]))
by_pol = {}
for (t, s, p), v in new.items():
    by_pol.setdefault(p, []).append(v)
for p, vs in sorted(by_pol.items()):
    print(f"{p:6s} mean {sum(vs)/len(vs):10.4f}  min {min(vs):10.4f}  max {max(vs):10.4f}  ({len(vs)} values)")
print(f"{len(ref)} values compared, worst difference {worst:.2e} (tolerance 1e-6 relative or absolute)")
for k, v, n in bad[:10]:
    print("differs:", k, v, n)
sys.exit(1 if bad else 0)
PY
