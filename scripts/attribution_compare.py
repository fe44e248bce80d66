#!/usr/bin/env python3
"""Tagged attribution against brute-force sensitivity runs (docs/attribution.md).

attribution_compare.py TAGGED BASE ZERO [CUT] --region R [--cut-fraction 0.2]
                       [--stations LIST] [--zero-pm ZERO_PM] [--out CSV]

All runs use the same driver and config; ZERO has every emission of region R zeroed, CUT has
them cut by the fraction (`[emissions] scaling` rows `all,all,R,0` / `all,all,R,0.8`), ZERO_PM
only R's primary PM (rows for PM25, PMC, BC, OC). Per Beijing day (≥ 20 hours) and for the city
mean (the hourly mean over the non-background stations of LIST, `id,...,background`; without
LIST every station of the run), compares the tagged share of R (attribution.csv of TAGGED) with
  zero-out share  (base − zero) / base
  cut share       (base − cut) / (fraction · base)
for PM2.5 (24-h mean) and O3 (over the 8 hours of the base run's MDA8 window, the window
attribution.csv uses; windows ending 08–24 h), from each run's stations.csv. With ZERO_PM:
  PM2.5_from_primary  tagged primary PM2.5 of R (attribution.csv pollutant primary_PM2.5, tag R)
                 / PM2.5 against (base − zero_pm) / base of PM2.5;
  primary_PM2.5  the primary PM2.5 itself (AEC + APOA + AOTHR): tagged share of R against the
                 zero-out share from ZERO (cut_share column: from ZERO_PM); ZERO and ZERO_PM must
                 then run with attribution on (e.g. families = primary_pm) to write their totals.
Writes day,pollutant,tagged_share,zero_out_share,cut_share,tagged_minus_zero_out,tagged_minus_cut.
"""
import argparse, collections, csv, datetime, math, os, sys


def beijing_day_hour(t):
    # time is the end of the hour in Beijing time; hour-ending 24:00 belongs to the day before
    day, hh = t[:10], int(t[11:13])
    if hh == 0:
        day, hh = (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat(), 24
    return day, hh


def city_hourly(run_dir, pollutant, city):
    hourly = collections.defaultdict(list)
    for r in csv.DictReader(open(f"{run_dir}/stations.csv")):
        if r["pollutant"] == pollutant and (city is None or r["station"] in city):
            v = float(r["value"])
            if math.isfinite(v):
                hourly[r["time"]].append(v)
    days = collections.defaultdict(dict)
    for t, v in hourly.items():
        d, hh = beijing_day_hour(t)
        days[d][hh] = sum(v) / len(v)
    return {d: h for d, h in days.items() if len(h) >= 20}


def mda8_window(hours):
    best, best_v = None, -1.0
    for end in range(8, 25):
        w = list(range(end - 7, end + 1))
        if all(h in hours for h in w):
            s = sum(hours[h] for h in w)
            if s > best_v:
                best, best_v = w, s
    return best


def daily(city, window=None):
    out = {}
    for d, h in city.items():
        hs = window[d] if window else list(h)
        if hs and all(x in h for x in hs):
            out[d] = sum(h[x] for x in hs) / len(hs)
    return out


def attribution_rows(run_dir):
    rows = collections.defaultdict(dict)
    path = f"{run_dir}/attribution.csv"
    if os.path.exists(path):
        for r in csv.DictReader(open(path)):
            rows[(r["day"], r["pollutant"])][r["tag"]] = (float(r["value_ug_m3"]), float(r["share"]))
    return rows


def main():
    p = argparse.ArgumentParser()
    p.add_argument("tagged"); p.add_argument("base"); p.add_argument("zero"); p.add_argument("cut", nargs="?")
    p.add_argument("--region", required=True); p.add_argument("--cut-fraction", type=float, default=0.2)
    p.add_argument("--stations"); p.add_argument("--zero-pm"); p.add_argument("--out")
    a = p.parse_args()
    city = None
    if a.stations:
        city = {r["id"] for r in csv.DictReader(open(a.stations)) if r.get("background", "0").strip() not in ("1", "true")}
    tagged = attribution_rows(a.tagged)
    rows = ["day,pollutant,tagged_share,zero_out_share,cut_share,tagged_minus_zero_out,tagged_minus_cut"]
    nan = float("nan")

    def add(d, pol, t, z, c):
        rows.append(f"{d},{pol},{t:.4f},{z:.4f},{c:.4f},{t - z:+.4f},{t - c:+.4f}")

    for pol in ("PM2.5", "O3"):
        base_h = city_hourly(a.base, pol, city)
        window = {d: mda8_window(h) for d, h in base_h.items()} if pol == "O3" else None
        base = daily(base_h, window)
        zero = daily(city_hourly(a.zero, pol, city), window)
        cut = daily(city_hourly(a.cut, pol, city), window) if a.cut else {}
        zpm = daily(city_hourly(a.zero_pm, pol, city), window) if a.zero_pm and pol == "PM2.5" else {}
        for d in sorted(base):
            t = tagged.get((d, pol), {}).get(a.region)
            if t is None or d not in zero:
                continue
            z = (base[d] - zero[d]) / base[d]
            c = (base[d] - cut[d]) / (a.cut_fraction * base[d]) if d in cut else nan
            add(d, pol, t[1], z, c)
            ppm = tagged.get((d, "primary_PM2.5"), {}).get(a.region)
            if d in zpm and ppm is not None:
                add(d, "PM2.5_from_primary", ppm[0] / base[d], (base[d] - zpm[d]) / base[d], nan)
    if a.zero_pm:
        zero_rows, zpm_rows = attribution_rows(a.zero), attribution_rows(a.zero_pm)
        for (d, pol), tags in sorted(tagged.items()):
            if pol != "primary_PM2.5" or a.region not in tags:
                continue
            b = tags["total"][0]
            z = zero_rows.get((d, "primary_PM2.5"), {}).get("total")
            zp = zpm_rows.get((d, "primary_PM2.5"), {}).get("total")
            if b > 0 and z is not None:
                add(d, "primary_PM2.5", tags[a.region][1], (b - z[0]) / b, (b - zp[0]) / b if zp else nan)
    text = "\n".join(rows) + "\n"
    if a.out:
        open(a.out, "w").write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
