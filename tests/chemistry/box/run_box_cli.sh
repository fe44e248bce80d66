#!/usr/bin/env bash
# `qiantang box` end to end: every shipped scenario runs (exit 0) and writes the CSV time series;
# a mechanism with an unknown species and a scenario with an unknown species are input errors
# (exit 2) whose one-line message names file:line.
set -uo pipefail
qiantang=$1; src=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
for s in urban_high_nox voc_limited_o3 nox_limited_o3; do
  "$qiantang" box "$src/chemistry/mechanisms/cb6r3.eqn" --scenario "$src/configs/box/$s.ini" \
    --out "$dir/$s.csv" || fail "$s exited $?"
  head -1 "$dir/$s.csv" | grep -q '^time,elapsed_h,zenith_deg,.*,O3,' || fail "$s: header"
  rows=$(($(wc -l < "$dir/$s.csv") - 1))
  [ "$rows" -eq 25 ] || fail "$s: $rows rows, expected 25 (24 h hourly + start)"
  echo "$s: $rows rows"
done
printf '#DEFVAR\n NO = N + O ;\n#EQUATIONS\n <R1> NO + XX = NO : 1e-12 ;\n' > "$dir/bad.eqn"
"$qiantang" box "$dir/bad.eqn" --scenario "$src/configs/box/urban_high_nox.ini" \
  --jtable "$src/chemistry/photolysis/jtable.csv" 2> "$dir/err"
rc=$?
[ "$rc" -eq 2 ] || fail "bad mechanism: exit $rc, expected 2"
grep -q "bad.eqn:4" "$dir/err" || fail "bad mechanism: message $(cat "$dir/err")"
sed 's/^O3 = 30/O3X = 30/' "$src/configs/box/urban_high_nox.ini" > "$dir/bad.ini"
"$qiantang" box "$src/chemistry/mechanisms/cb6r3.eqn" --scenario "$dir/bad.ini" 2> "$dir/err2" > /dev/null
rc=$?
[ "$rc" -eq 2 ] || fail "bad scenario: exit $rc, expected 2"
grep -q "bad.ini:[0-9]*: initial_ppb.O3X" "$dir/err2" || fail "bad scenario: message $(cat "$dir/err2")"
echo "input errors exit 2 with file:line"
