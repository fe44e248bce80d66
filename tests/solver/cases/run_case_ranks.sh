#!/usr/bin/env bash
# End-to-end: write a built-in verification case, run it on 1..N ranks, require the case's own
# check to pass and the output fields to be bitwise identical for every rank count.
# With IDENTITY_HOURS=H the case's check runs once, on 1 rank over the whole case, and the
# rank-count identity is checked on runs of H hours (no exact answer then, only identity).
set -euo pipefail
qiantang=$1; case_name=$2; shift 2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$qiantang" case "$case_name" --out "$dir/case" > /dev/null
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
short=()
if [ -n "${IDENTITY_HOURS:-}" ]; then
  "$qiantang" run "$dir/case/config.ini" --set output.dir="$dir/full" --set run.progress=false > "$dir/log_full" 2>&1 ||
    { cat "$dir/log_full"; echo "run on 1 rank failed"; exit 1; }
  grep -q "verification PASSED" "$dir/log_full" || { cat "$dir/log_full"; exit 1; }
  echo "whole case on 1 rank: $(grep -E 'max|L1' "$dir/log_full" | head -2 | tr '\n' ' ')"
  short=(--set run.hours="$IDENTITY_HOURS" --set verification.case=)
fi
ref=""
for n in "$@"; do
  mpiexec --oversubscribe -np "$n" "$qiantang" run "$dir/case/config.ini" --set output.dir="$dir/out$n" \
    --set run.progress=false "${short[@]}" > "$dir/log$n" 2>&1 || { cat "$dir/log$n"; echo "run on $n ranks failed"; exit 1; }
  [ ${#short[@]} -gt 0 ] || grep -q "verification PASSED" "$dir/log$n" || { cat "$dir/log$n"; exit 1; }
  sum=$(for f in "$dir/out$n"/conc_*.nc; do ncdump -v TRACER "$f" | sed -n '/^data:/,$p'; done | md5sum)
  echo "$n rank(s): $(grep -E 'max|L1' "$dir/log$n" | head -2 | tr '\n' ' ') fields $sum"
  [ -z "$ref" ] && ref=$sum
  [ "$sum" = "$ref" ] || { echo "fields on $n ranks differ from 1 rank"; exit 1; }
done
echo "identical on ranks: $*"
