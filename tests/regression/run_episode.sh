#!/usr/bin/env bash
# Episode check of a built-in Hangzhou case (label `case`, not in the default test run: it runs
# the full 7-day nested forecast, about 10 min on 2 cores): writes the case, runs
# `qiantang forecast` on 2 ranks without the scenario re-run, then
# validation/check_episodes.py winter|summer (what it asserts is in its header).
#   bash tests/regression/run_episode.sh winter|summer build/solver/app/qiantang [KEEP_DIR]
set -euo pipefail
season=$1
qiantang=$2
here=$(cd "$(dirname "$0")" && pwd)
if [ -n "${3:-}" ]; then
  dir=$3
  mkdir -p "$dir"
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
[ -f "$dir/case/forecast.ini" ] || "$qiantang" case "hangzhou-$season" --out "$dir/case" > /dev/null
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMP_NUM_THREADS=1
mpiexec --oversubscribe -np 2 "$qiantang" forecast "$dir/case/forecast.ini" --no-scenario > "$dir/forecast.log" 2>&1 ||
  { tail -30 "$dir/forecast.log"; echo "forecast failed"; exit 1; }
/usr/bin/python3 "$here/../../validation/check_episodes.py" "$season" "$dir/case" "$dir/case/forecast"
