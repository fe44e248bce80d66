#!/usr/bin/env python3
"""Writes the default emission profile files of configs/emissions/ (docs/emissions.md).

VOC speciation: each sector's NMVOC is given as mass fractions of representative explicit
compounds (approximate, rounded compositions of the kind reported for Chinese sources, e.g.
Li et al. 2014, ACP 14, 5617; Mo et al. 2016, Sci. Total Environ. 533, 422), which are mapped
to CB6 species by their carbon-bond structure (Yarwood et al. 2010, CB6 final report, and the
Speciation Tool CB6 assignments): moles of each CB6 species per gram of VOC (basis mol_per_g).
These are defaults to be replaced by a study's own SPECIATE/MEIC profiles.
"""
import csv

# compound: (molar mass g/mol, {CB6 species: moles per mole of compound})
CB6 = {
    "ethane": (30.07, {"ETHA": 1}), "propane": (44.10, {"PRPA": 1}), "n-butane": (58.12, {"PAR": 4}),
    "i-pentane": (72.15, {"PAR": 5}), "n-hexane": (86.18, {"PAR": 6}), "n-decane": (142.28, {"PAR": 10}),
    "ethene": (28.05, {"ETH": 1}), "propene": (42.08, {"OLE": 1, "PAR": 1}), "1-butene": (56.11, {"OLE": 1, "PAR": 2}),
    "t-2-butene": (56.11, {"IOLE": 1}), "ethyne": (26.04, {"ETHY": 1}), "benzene": (78.11, {"BENZENE": 1}),
    "toluene": (92.14, {"TOL": 1}), "m-xylene": (106.17, {"XYLMN": 1}), "ethylbenzene": (106.17, {"TOL": 1, "PAR": 1}),
    "124-trimethylbenzene": (120.19, {"XYLMN": 1, "PAR": 1}), "formaldehyde": (30.03, {"FORM": 1}),
    "acetaldehyde": (44.05, {"ALD2": 1}), "propanal": (58.08, {"ALDX": 1, "PAR": 1}), "acetone": (58.08, {"ACET": 1}),
    "MEK": (72.11, {"KET": 1, "PAR": 3}), "methanol": (32.04, {"MEOH": 1}), "ethanol": (46.07, {"ETOH": 1}),
    "isoprene": (68.12, {"ISOP": 1}), "a-pinene": (136.23, {"TERP": 1}),
}
COMPOSITION = {  # mass fractions, normalised below
    "power": {"ethane": 15, "propane": 8, "n-butane": 8, "ethene": 15, "propene": 5, "ethyne": 10, "benzene": 12,
              "toluene": 7, "m-xylene": 3, "formaldehyde": 12, "acetaldehyde": 5},
    "industry": {"ethane": 8, "propane": 6, "n-butane": 8, "i-pentane": 6, "n-hexane": 5, "ethene": 10, "propene": 5,
                 "ethyne": 8, "benzene": 8, "toluene": 10, "m-xylene": 6, "ethylbenzene": 3, "formaldehyde": 4,
                 "acetaldehyde": 2, "acetone": 3, "MEK": 2, "methanol": 3, "ethanol": 3},
    "residential": {"ethane": 12, "propane": 5, "n-butane": 4, "ethene": 18, "propene": 7, "1-butene": 3,
                    "ethyne": 12, "benzene": 12, "toluene": 6, "m-xylene": 3, "formaldehyde": 8, "acetaldehyde": 5,
                    "acetone": 3, "methanol": 2},
    "transport": {"i-pentane": 12, "n-butane": 6, "n-hexane": 5, "propane": 2, "ethane": 3, "ethene": 10,
                  "propene": 5, "1-butene": 2, "t-2-butene": 2, "ethyne": 6, "benzene": 5, "toluene": 10,
                  "m-xylene": 9, "ethylbenzene": 3, "124-trimethylbenzene": 5, "formaldehyde": 5,
                  "acetaldehyde": 3, "propanal": 2, "acetone": 2},
    "solvent": {"toluene": 20, "m-xylene": 18, "ethylbenzene": 8, "124-trimethylbenzene": 6, "n-hexane": 4,
                "n-butane": 4, "i-pentane": 3, "n-decane": 11, "acetone": 8, "MEK": 8, "ethanol": 6, "methanol": 4},
    "agriculture": {"methanol": 30, "ethanol": 30, "acetone": 10, "acetaldehyde": 10, "ethene": 10, "propene": 10},
    "biomass_burning": {"ethane": 8, "propane": 3, "ethene": 15, "propene": 7, "ethyne": 5, "benzene": 6,
                        "toluene": 4, "formaldehyde": 12, "acetaldehyde": 8, "methanol": 18, "acetone": 5,
                        "propanal": 4, "isoprene": 2, "a-pinene": 3},
    "shipping": {"ethane": 5, "propane": 3, "n-butane": 6, "n-hexane": 10, "n-decane": 20, "ethene": 12,
                 "propene": 5, "benzene": 5, "toluene": 6, "m-xylene": 5, "formaldehyde": 15, "acetaldehyde": 8},
}
# PM2.5 mass splits (AEC, APOA, ASO4, ANO3, AOTHR), rounded sector composites of the kind in
# SPECIATE (Reff et al. 2009, Environ. Sci. Technol. 43, 5790).
PM25 = {
    "power": (0.05, 0.05, 0.20, 0.01, 0.69), "industry": (0.05, 0.07, 0.12, 0.01, 0.75),
    "residential": (0.15, 0.45, 0.05, 0.01, 0.34), "transport": (0.45, 0.30, 0.02, 0.01, 0.22),
    "biomass_burning": (0.08, 0.55, 0.02, 0.02, 0.33), "shipping": (0.05, 0.15, 0.30, 0.00, 0.50),
    "agriculture": (0.0, 0.0, 0.0, 0.0, 1.0), "solvent": (0.0, 0.0, 0.0, 0.0, 1.0), "dust": (0.0, 0.0, 0.0, 0.0, 1.0),
}

def speciation(path):
    rows = []
    rows += [("*", "NOX", "NO", 0.9, "mole"), ("*", "NOX", "NO2", 0.1, "mole")]
    rows += [("*", "SO2", "SO2", 0.98, "mole"), ("*", "SO2", "SULF", 0.02, "mole")]
    rows += [("*", "CO", "CO", 1.0, "mass"), ("*", "NH3", "NH3", 1.0, "mass"), ("*", "PMC", "ACORS", 1.0, "mass")]
    for sector, comp in COMPOSITION.items():
        total = sum(comp.values())
        mol = {}
        for c, w in comp.items():
            mw, parts = CB6[c]
            for s, n in parts.items():
                mol[s] = mol.get(s, 0.0) + (w / total) / mw * n
        rows += [(sector, "VOC", s, round(v, 7), "mol_per_g") for s, v in sorted(mol.items())]
    for sector, f in PM25.items():
        rows += [(sector, "PM25", s, v, "mass") for s, v in zip(("AEC", "APOA", "ASO4", "ANO3", "AOTHR"), f) if v > 0]
    with open(path, "w", newline="") as fh:
        fh.write("# Default speciation into CB6r3 and Qiantang aerosol species (configs/emissions/make_profiles.py).\n")
        fh.write("# NOx 90/10 NO/NO2 by mole and SO2 2 % as SULF: the usual primary splits of CMAQ/SMOKE inputs.\n")
        csv.writer(fh, lineterminator="\n").writerows([("sector", "inventory_species", "model_species", "fraction", "basis")] + rows)

def normalised(weights):
    s = sum(weights)
    return [round(w / s, 6) for w in weights]

# Temporal shapes (relative weights): hour of day (Beijing time), weekday (Mon..Sun), month.
HOURS = {
    "power": [0.85] * 6 + [0.95, 1.0, 1.05, 1.1, 1.1, 1.1, 1.05, 1.05, 1.1, 1.1, 1.1, 1.15, 1.15, 1.1, 1.0, 0.95, 0.9, 0.85],
    "industry": [0.75] * 6 + [0.9, 1.1, 1.2, 1.2, 1.2, 1.15, 1.1, 1.2, 1.2, 1.2, 1.15, 1.1, 1.0, 0.95, 0.9, 0.85, 0.8, 0.75],
    "residential": [0.4, 0.35, 0.35, 0.35, 0.4, 0.7, 1.5, 1.9, 1.5, 1.0, 0.9, 1.2, 1.3, 0.9, 0.8, 0.8, 1.1, 1.7, 1.9, 1.6, 1.2, 0.9, 0.7, 0.5],
    "transport": [0.3, 0.2, 0.15, 0.15, 0.2, 0.5, 1.1, 1.8, 1.9, 1.4, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3, 1.5, 1.8, 1.8, 1.3, 1.0, 0.8, 0.6, 0.4],
    "agriculture": [0.6] * 6 + [0.8, 1.0, 1.2, 1.4, 1.5, 1.6, 1.6, 1.6, 1.5, 1.4, 1.2, 1.0, 0.8, 0.7, 0.6, 0.6, 0.6, 0.6],
    "solvent": [0.5] * 6 + [0.8, 1.2, 1.4, 1.5, 1.5, 1.5, 1.4, 1.5, 1.5, 1.5, 1.4, 1.2, 0.9, 0.7, 0.6, 0.5, 0.5, 0.5],
    "biomass_burning": [0.4] * 8 + [0.6, 1.0, 1.6, 2.0, 2.2, 2.2, 2.0, 1.6, 1.2, 0.8, 0.6, 0.5, 0.4, 0.4, 0.4, 0.4],
}
WEEK = {"industry": [1.02, 1.02, 1.02, 1.02, 1.02, 0.95, 0.95], "transport": [1.02, 1.02, 1.02, 1.02, 1.06, 0.95, 0.91],
        "solvent": [1.05, 1.05, 1.05, 1.05, 1.05, 0.9, 0.85], "power": [1.01, 1.01, 1.01, 1.01, 1.01, 0.98, 0.97]}
MONTH = {"residential": [1.8, 1.6, 1.1, 0.8, 0.6, 0.5, 0.5, 0.5, 0.6, 0.8, 1.2, 1.7],
         "power": [1.1, 0.95, 1.0, 0.95, 0.95, 1.0, 1.1, 1.1, 1.0, 0.95, 0.95, 1.05],
         "agriculture": [0.5, 0.55, 0.8, 1.1, 1.3, 1.5, 1.5, 1.4, 1.2, 0.9, 0.7, 0.55],
         "biomass_burning": [0.6, 0.6, 0.8, 0.9, 1.4, 1.6, 1.0, 0.8, 1.0, 1.6, 1.3, 0.8]}

def temporal(path):
    with open(path, "w", newline="") as fh:
        fh.write("# Default temporal profiles, Beijing local time (configs/emissions/make_profiles.py).\n")
        fh.write("# Approximate sector shapes of the kind used for Chinese inventories (e.g. MEIC/MIX, Li et al. 2017,\n")
        fh.write("# ACP 17, 935); replace with a study's own profiles. Sectors/kinds without rows are flat.\n")
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("sector", "kind", "index", "fraction"))
        for table, kind, first in ((MONTH, "month", 1), (WEEK, "weekday", 1), (HOURS, "hour", 0)):
            for sector, shape in table.items():
                f = normalised(shape)
                f[-1] = round(1.0 - sum(f[:-1]), 6)
                for n, v in enumerate(f):
                    w.writerow((sector, kind, n + first, v))

if __name__ == "__main__":
    speciation("speciation_cb6.csv")
    temporal("temporal_profiles.csv")
