#!/usr/bin/python3
"""Checks that a forecast of a built-in Hangzhou case gives the episode the case was built for,
and that the meteorology, not a constant, drives it.

usage: check_episodes.py winter|summer CASE_DIR FORECAST_DIR

Winter (hangzhou-winter): a heavy PM2.5 episode under the continental high.
  * city-mean 24-h PM2.5 > 150 ug/m3 (AQI > 200) on at least 2 Beijing days, and an alert of at
    least orange level (the national graded rule of docs/forecast.md);
  * driven by ventilation: the daily city ventilation coefficient VC = PBL height x wind speed
    of the lowest layer (m2/s) is anti-correlated with daily PM2.5 (Spearman rho <= -0.5), and
    the days above 150 ug/m3 have less than half the ventilation of the cleanest day;
  * clean-out by the second front: the last day's PM2.5 is below half of the peak day's.
Summer (hangzhou-summer): a photochemical O3 episode under the subtropical high.
  * city-mean O3 MDA8 > 215 ug/m3 (IAQI > 150, HJ 633) on at least 1 day and an O3 health
    advisory in alerts.json (no coloured alert from O3);
  * driven by photochemistry under stagnation: the advisory days are hot (city 2-m temperature
    maximum >= 33 C) and sunny (daily shortwave >= 20 MJ/m2, a clear midsummer day), and less
    ventilated than the other days of the period (mean VC lower).

Reads daily_aqi.csv and alerts.json of FORECAST_DIR and the innermost domain's met files and
stations.csv of CASE_DIR (city stations: background = 0). Prints the daily table; exit status 1
with the failed conditions listed when a check fails, 2 on unreadable input.
"""
import csv
import datetime as dt
import glob
import json
import math
import os
import sys

try:
    import netCDF4
except ImportError:
    sys.exit("check_episodes.py: needs python3-netcdf4 (run with /usr/bin/python3)")


def fail_input(path, what):
    print(f"{path}: {what}", file=sys.stderr)
    sys.exit(2)


def spearman(a, b):
    def ranks(x):
        order = sorted(range(len(x)), key=lambda i: x[i])
        r = [0.0] * len(x)
        for pos, i in enumerate(order):
            r[i] = float(pos)
        return r
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = math.sqrt(sum((x - ma) ** 2 for x in ra))
    vb = math.sqrt(sum((y - mb) ** 2 for y in rb))
    return cov / (va * vb) if va > 0 and vb > 0 else 0.0


def city_met(case_dir):
    """Daily (Beijing day) city means of ventilation, wind, T2 max and shortwave energy."""
    stations = []
    path = os.path.join(case_dir, "stations.csv")
    if not os.path.exists(path):
        fail_input(path, "missing (the case's station list)")
    for r in csv.DictReader(open(path, encoding="utf-8")):
        if r["background"].strip() == "0":
            stations.append((float(r["lon"]), float(r["lat"])))
    domains = sorted({os.path.basename(p).split("_")[1] for p in glob.glob(os.path.join(case_dir, "met_*_*.nc"))})
    if not domains:
        fail_input(case_dir, "no met_<domain>_<day>.nc files")
    inner = domains[-1]
    hourly = {}
    for f in sorted(glob.glob(os.path.join(case_dir, f"met_{inner}_*.nc"))):
        with netCDF4.Dataset(f) as nc:
            for v in ("time", "lat", "lon", "pbl_height", "u", "v", "t2", "shortwave_down"):
                if v not in nc.variables:
                    fail_input(f, f"variable {v} missing")
            lat, lon = nc["lat"][:], nc["lon"][:]
            cells = []
            for slon, slat in stations:
                best = min(((lat[j, i] - slat) ** 2 + ((lon[j, i] - slon) * math.cos(math.radians(slat))) ** 2, j, i)
                           for j in range(lat.shape[0]) for i in range(lat.shape[1]))
                cells.append(best[1:])
            times = nc["time"][:]
            pbl, u, v = nc["pbl_height"][:], nc["u"][:, 0], nc["v"][:, 0]
            t2, sw = nc["t2"][:], nc["shortwave_down"][:]
            for n, t in enumerate(times):
                when = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=float(t))
                vals = []
                for j, i in cells:
                    uc = 0.5 * (u[n, j, i] + u[n, j, i + 1])
                    vc = 0.5 * (v[n, j, i] + v[n, j + 1, i])
                    vals.append((pbl[n, j, i] * math.hypot(uc, vc), math.hypot(uc, vc), t2[n, j, i], sw[n, j, i]))
                hourly[when] = [sum(x[k] for x in vals) / len(vals) for k in range(4)]
    daily = {}
    for when, (vc, ws, t2, sw) in hourly.items():
        # hour ending `when` belongs to Beijing day of (when + 8 h - 1 s)
        day = (when + dt.timedelta(hours=8) - dt.timedelta(seconds=1)).date().isoformat()
        d = daily.setdefault(day, {"vc": [], "ws": [], "t2": [], "sw": []})
        d["vc"].append(vc)
        d["ws"].append(ws)
        d["t2"].append(t2)
        d["sw"].append(sw)
    out = {}
    for day, d in daily.items():
        if len(d["vc"]) >= 20:
            out[day] = {"vc": sum(d["vc"]) / len(d["vc"]), "ws": sum(d["ws"]) / len(d["ws"]),
                        "t2max": max(d["t2"]) - 273.15, "sw_MJ": sum(d["sw"]) * 3600e-6}
    return out


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("winter", "summer"):
        print(__doc__)
        sys.exit(2)
    season, case_dir, fc_dir = sys.argv[1:]
    aqi_path, alerts_path = os.path.join(fc_dir, "daily_aqi.csv"), os.path.join(fc_dir, "alerts.json")
    for p in (aqi_path, alerts_path):
        if not os.path.exists(p):
            fail_input(p, "missing (run qiantang forecast first)")
    city = {r["day"]: r for r in csv.DictReader(open(aqi_path, encoding="utf-8"))
            if r["station"] == "city" and r["complete"] == "1"}
    alerts = json.load(open(alerts_path, encoding="utf-8"))
    level_of = {d["day"]: d["level"] for d in alerts["city_alerts"]["days"]}
    advisory = {d["day"]: d.get("o3_advisory", False) for d in alerts["city_alerts"]["days"]}
    met = city_met(case_dir)
    days = sorted(d for d in city if d in met)
    if len(days) < 4:
        fail_input(fc_dir, f"at least 4 complete forecast days with met (got {len(days)})")
    pm = [float(city[d]["pm25_24h"]) for d in days]
    o3 = [float(city[d]["o3_mda8"]) for d in days]
    vc = [met[d]["vc"] for d in days]
    print(f"{'day':10s} {'PM2.5':>7s} {'O3 MDA8':>8s} {'VC m2/s':>8s} {'wind':>5s} {'T2max':>6s} "
          f"{'SW MJ/m2':>8s}  alert")
    for n, d in enumerate(days):
        m = met[d]
        flag = level_of.get(d, "") + (" O3-advisory" if advisory.get(d) else "")
        print(f"{d:10s} {pm[n]:7.1f} {o3[n]:8.1f} {vc[n]:8.0f} {m['ws']:5.2f} {m['t2max']:6.1f} "
              f"{m['sw_MJ']:8.2f}  {flag}")
    failures = []
    if season == "winter":
        heavy = [d for d, p in zip(days, pm) if p > 150.0]
        rank = {"none": 0, "yellow": 1, "orange": 2, "red": 3}
        max_level = alerts["city_alerts"]["max_level"]
        rho = spearman(vc, pm)
        print(f"days > 150 ug/m3: {len(heavy)}; alert {max_level}; Spearman(VC, PM2.5) = {rho:.2f}")
        if len(heavy) < 2:
            failures.append(f"city PM2.5 > 150 ug/m3 on {len(heavy)} day(s), expected >= 2")
        if rank.get(max_level, 0) < rank["orange"]:
            failures.append(f"alert level {max_level}, expected orange or red")
        if rho > -0.5:
            failures.append(f"ventilation and PM2.5 not anti-correlated (rho {rho:.2f} > -0.5)")
        for d in heavy:
            if met[d]["vc"] >= 0.5 * max(vc):
                failures.append(f"{d}: PM2.5 > 150 with ventilation {met[d]['vc']:.0f} >= half the maximum")
        peak = max(range(len(pm)), key=lambda n: pm[n])
        if pm[-1] >= 0.5 * pm[peak]:
            failures.append(f"no clean-out: last day {pm[-1]:.1f} >= half of the peak {pm[peak]:.1f}")
    else:
        adv = [d for d in days if advisory.get(d)]
        high = [d for d, v in zip(days, o3) if v > 215.0]
        print(f"days with MDA8 > 215 ug/m3: {len(high)}; O3 advisory days: {len(adv)}")
        if not high:
            failures.append("no day with city O3 MDA8 > 215 ug/m3")
        if not adv:
            failures.append("no O3 health advisory in alerts.json")
        if any(level_of.get(d, "none") != "none" for d in adv):
            failures.append("an O3 day raised a coloured alert")
        for d in adv:
            if met[d]["t2max"] < 33.0 or met[d]["sw_MJ"] < 20.0:
                failures.append(f"{d}: advisory on a day that is not hot and sunny "
                                f"(T2max {met[d]['t2max']:.1f} C, shortwave {met[d]['sw_MJ']:.1f} MJ/m2)")
        others = [d for d in days if d not in adv]
        if adv and others:
            vc_a = sum(met[d]["vc"] for d in adv) / len(adv)
            vc_o = sum(met[d]["vc"] for d in others) / len(others)
            print(f"ventilation: advisory days {vc_a:.0f} m2/s, other days {vc_o:.0f} m2/s")
            if vc_a >= vc_o:
                failures.append("advisory days are not less ventilated than the others")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"{season} episode check passed")


if __name__ == "__main__":
    main()
