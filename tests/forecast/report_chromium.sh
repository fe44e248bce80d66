#!/usr/bin/env bash
# Opens report.html (from `qiantang aqi` on a small CNEMC file) in headless Chromium and checks
# that the rendered DOM has every report section. Exit 77 (ctest SKIP) without chromium.
set -euo pipefail
qiantang=$1
src=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium not installed: skipping (apt-get install chromium)"
  exit 77
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$qiantang" aqi "$src/tests/forecast/data/cnemc_hangzhou_3days.csv" --config "$src/configs/forecast/hangzhou.ini" \
  --out "$out" >/dev/null
dom=$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --dump-dom "file://$out/report.html" 2>/dev/null)
fail=0
for id in alert-summary daily-table maps time-series scenario; do
  if ! grep -q "id=\"$id\"" <<<"$dom"; then echo "missing section $id"; fail=1; fi
done
grep -q "orange alert" <<<"$dom" || { echo "missing the orange alert banner"; fail=1; }
grep -q "<svg" <<<"$dom" || { echo "no SVG rendered"; fail=1; }
[ $fail -eq 0 ] && echo "report.html rendered in $browser with all sections"
exit $fail
