#!/usr/bin/env bash
# Cost of source attribution: wall time of the coarse Hangzhou winter case (54 km, 11 layers,
# 24 h, full chemistry) without tags and with N tags (regions of
# configs/attribution/hangzhou_regions.csv × sector groups, + boundary + initial), 1 rank,
# OMP_NUM_THREADS threads (default 1). Also runs the brute-force reference (Hangzhou's
# anthropogenic emissions zeroed, and cut by 20 %) and prints the tagged Hangzhou share of
# PM2.5 against (base − perturbed)/base per day, city mean.
#   bash bench/attribution/bench_attribution.sh build/solver/app/qiantang [OUT_DIR]
set -euo pipefail
qiantang=$1
out=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/../.." && pwd)
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
mkdir -p "$out"
[ -f "$out/case/d01.ini" ] || "$qiantang" case hangzhou-winter --coarse --out "$out/case" > /dev/null
cp "$here/configs/attribution/hangzhou_regions.csv" "$out/case/data/"
printf 'sector,species,region,factor\nall,all,hangzhou,0\n' > "$out/case/zero_hangzhou.csv"
printf 'sector,species,region,factor\nall,all,hangzhou,0.8\n' > "$out/case/cut20_hangzhou.csv"
run() {  # name, extra --set arguments...
  local name=$1; shift
  local t0=$(date +%s.%N)
  "$qiantang" run "$out/case/d01.ini" --set output.dir="$out/$name" --set emissions.regions=data/hangzhou_regions.csv \
    "$@" > "$out/$name.log" 2>&1
  local t1=$(date +%s.%N)
  printf '%-10s %8.1f s  %s\n' "$name" "$(echo "$t1 - $t0" | bc)" "$(grep -o 'attribution: [0-9]* tags x [0-9]* pools' "$out/$name.log" || echo 'no tags')"
}
tags="--set attribution.enabled=true --set attribution.regions=data/hangzhou_regions.csv"
run base
run tags8 $tags
run tags17 $tags --set attribution.sectors=transport,industry
run zero --set emissions.scaling=zero_hangzhou.csv
run cut20 --set emissions.scaling=cut20_hangzhou.csv
python3 "$here/scripts/attribution_compare.py" "$out/tags8" "$out/base" "$out/zero" "$out/cut20" --region hangzhou \
  --out "$out/attribution_comparison.csv"
