#!/usr/bin/env python3
"""Tagged attribution against brute-force sensitivity runs (docs/attribution.md).

attribution_compare.py TAGGED_RUN BASE_RUN ZERO_RUN [CUT_RUN] --region R [--cut 0.2] [--out CSV]

Per Beijing day and for the city mean of PM2.5 (stations.csv of each run, non-background
stations of the run's list = the stations in the files), compares the tagged share of region R
(attribution.csv of TAGGED_RUN) with the zero-out share (base − zero)/base and, with CUT_RUN,
the 20 %-cut share (base − cut)/(cut · base). Writes
day,pollutant,tagged_share,zero_out_share,cut_share,tagged_minus_zero_out,tagged_minus_cut
and prints it.
"""
import argparse, csv, collections, sys


def city_daily(run_dir, pollutant):
    hourly = collections.defaultdict(list)
    for r in csv.DictReader(open(f"{run_dir}/stations.csv")):
        if r["pollutant"] == pollutant:
            hourly[r["time"]].append(float(r["value"]))
    days = collections.defaultdict(list)
    for t, v in hourly.items():
        # time is the end of the hour in Beijing time; hour-ending 24:00 belongs to the day before
        day, hh = t[:10], int(t[11:13])
        if hh == 0:
            import datetime
            day = (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat()
        days[day].append(sum(v) / len(v))
    return {d: sum(v) / len(v) for d, v in days.items() if len(v) >= 20}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("tagged"); p.add_argument("base"); p.add_argument("zero"); p.add_argument("cut", nargs="?")
    p.add_argument("--region", required=True); p.add_argument("--cut-fraction", type=float, default=0.2)
    p.add_argument("--out")
    a = p.parse_args()
    tagged = {}
    for r in csv.DictReader(open(f"{a.tagged}/attribution.csv")):
        if r["pollutant"] == "PM2.5" and r["tag"] == a.region:
            tagged[r["day"]] = float(r["share"])
    base, zero = city_daily(a.base, "PM2.5"), city_daily(a.zero, "PM2.5")
    cut = city_daily(a.cut, "PM2.5") if a.cut else {}
    rows = ["day,pollutant,tagged_share,zero_out_share,cut_share,tagged_minus_zero_out,tagged_minus_cut"]
    for d in sorted(tagged):
        if d not in base or d not in zero:
            continue
        z = (base[d] - zero[d]) / base[d]
        c = (base[d] - cut[d]) / (a.cut_fraction * base[d]) if d in cut else float("nan")
        rows.append(f"{d},PM2.5,{tagged[d]:.4f},{z:.4f},{c:.4f},{tagged[d] - z:+.4f},{tagged[d] - c:+.4f}")
    text = "\n".join(rows) + "\n"
    if a.out:
        open(a.out, "w").write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
