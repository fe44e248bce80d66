#!/usr/bin/env bash
# Cost and brute-force check of source attribution on the coarse Hangzhou winter case (54 km,
# 11 layers, full chemistry), DAYS Beijing days after the 16-h spin-up (default 3: `qiantang case
# hangzhou-winter --coarse --days 3`, 88 h), 1 rank, OMP_NUM_THREADS threads (default 1).
# Runs, each timed (wall clock) with its process times in the log:
#   base     no tags
#   tags8    regions of configs/attribution/hangzhou_regions.csv, sectors = all (8 tags)
#   tags17   sectors = transport, industry (17 tags)
#   zero     Hangzhou's emissions zeroed         (attribution families = primary_pm, for its primary PM2.5)
#   cut20    Hangzhou's emissions cut by 20 %
#   zero_pm  only Hangzhou's primary PM zeroed  (inventory species PM25, PMC, BC, OC; primary_pm)
# and prints scripts/attribution_compare.py's per-day table of the Hangzhou share, city mean.
#   bash bench/attribution/bench_attribution.sh build/solver/app/qiantang [OUT_DIR]
# RUNS="base tags8" restricts the runs (the comparison needs all but tags17).
set -euo pipefail
qiantang=$1
out=${2:-$(mktemp -d)}
days=${DAYS:-3}
runs=${RUNS:-base tags8 tags17 zero cut20 zero_pm}
here=$(cd "$(dirname "$0")/../.." && pwd)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
mkdir -p "$out"
[ -f "$out/case/d01.ini" ] || "$qiantang" case hangzhou-winter --coarse --days "$days" --out "$out/case" > /dev/null
cp "$here/configs/attribution/hangzhou_regions.csv" "$out/case/data/"
printf 'sector,species,region,factor\nall,all,hangzhou,0\n' > "$out/case/zero_hangzhou.csv"
printf 'sector,species,region,factor\nall,all,hangzhou,0.8\n' > "$out/case/cut20_hangzhou.csv"
printf 'sector,species,region,factor\nall,PM25,hangzhou,0\nall,PMC,hangzhou,0\nall,BC,hangzhou,0\nall,OC,hangzhou,0\n' \
  > "$out/case/zero_pm_hangzhou.csv"
run() {  # name, extra --set arguments...
  local name=$1; shift
  case " $runs " in *" $name "*) ;; *) return 0 ;; esac
  local t0 t1
  t0=$(date +%s.%N)
  "$qiantang" run "$out/case/d01.ini" --set output.dir="$out/$name" --set emissions.regions=data/hangzhou_regions.csv \
    "$@" > "$out/$name.log" 2>&1
  t1=$(date +%s.%N)
  printf '%-8s %8.1f s  %s\n' "$name" "$(echo "$t1 - $t0" | bc)" \
    "$(grep -o 'attribution: [0-9]* tags x [0-9]* pools' "$out/$name.log" || echo 'no tags')"
}
tags="--set attribution.enabled=true --set attribution.regions=data/hangzhou_regions.csv"
ppm="$tags --set attribution.families=primary_pm"
run base
run tags8 $tags
run tags17 $tags --set attribution.sectors=transport,industry
run zero $ppm --set emissions.scaling=zero_hangzhou.csv
run cut20 --set emissions.scaling=cut20_hangzhou.csv
run zero_pm $ppm --set emissions.scaling=zero_pm_hangzhou.csv
for f in "$out"/*.log; do echo "$(basename "$f" .log): $(grep 'process times' "$f" || true)"; done
[ -d "$out/tags8" ] && [ -d "$out/zero" ] && [ -d "$out/cut20" ] && [ -d "$out/zero_pm" ] || exit 0
python3 "$here/scripts/attribution_compare.py" "$out/tags8" "$out/base" "$out/zero" "$out/cut20" --region hangzhou \
  --stations "$out/case/stations.csv" --zero-pm "$out/zero_pm" --out "$out/attribution_comparison.csv"
