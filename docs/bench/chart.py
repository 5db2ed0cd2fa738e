#!/usr/bin/env python3
"""Draws docs/bench/sync-at-scale.svg from the benchmark's CSV (app/target/bench/sync-at-scale.csv).

Usage: python3 docs/bench/chart.py app/target/bench/sync-at-scale.csv docs/bench/sync-at-scale.svg
One line per (database, latency) for the full sync and one for the bare download, wall time against
tenant size, both axes logarithmic. Only the standard library is used.
"""
import csv
import math
import sys
from collections import defaultdict

src, out = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(src)))
series = defaultdict(dict)
for r in rows:
    n = int(r["users"])
    lat = int(r["latencyMs"])
    series[(f"full sync, {r['database']}", lat)][n] = int(r["fullMs"]) / 1000
    series[("bare download", lat)][n] = int(r["bareMs"]) / 1000

W, H, L, R, T, B = 760, 460, 70, 230, 40, 60
xs = sorted({int(r["users"]) for r in rows})
ys = [v for s in series.values() for v in s.values() if v > 0]
x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
if y1 == y0:
    y1 += 1


def px(n):
    return L + (math.log10(n) - x0) / (x1 - x0) * (W - L - R)


def py(v):
    return T + (1 - (math.log10(v) - y0) / (y1 - y0)) * (H - T - B)


colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"]
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{L}" y="22" font-size="14">Sync time against tenant size (2,000 groups, 63 in scope)</text>']
for e in range(y0, y1 + 1):
    y = py(10 ** e)
    svg.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W - R}" y2="{y:.1f}" stroke="#ddd"/>')
    svg.append(f'<text x="{L - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** e:g} s</text>')
for n in xs:
    x = px(n)
    svg.append(f'<line x1="{x:.1f}" y1="{T}" x2="{x:.1f}" y2="{H - B}" stroke="#eee"/>')
    svg.append(f'<text x="{x:.1f}" y="{H - B + 18}" text-anchor="middle">{n:,}</text>')
svg.append(f'<text x="{(L + W - R) / 2}" y="{H - 15}" text-anchor="middle">users (log scale)</text>')
for i, ((name, lat), pts) in enumerate(sorted(series.items())):
    c = colors[i % len(colors)]
    dash = ' stroke-dasharray="5,4"' if lat else ""
    p = " ".join(f"{px(n):.1f},{py(v):.1f}" for n, v in sorted(pts.items()) if v > 0)
    svg.append(f'<polyline points="{p}" fill="none" stroke="{c}" stroke-width="2"{dash}/>')
    for n, v in sorted(pts.items()):
        if v > 0:
            svg.append(f'<circle cx="{px(n):.1f}" cy="{py(v):.1f}" r="3" fill="{c}"/>')
    ly = T + 10 + i * 18
    svg.append(f'<line x1="{W - R + 15}" y1="{ly}" x2="{W - R + 40}" y2="{ly}" stroke="{c}" stroke-width="2"{dash}/>')
    svg.append(f'<text x="{W - R + 45}" y="{ly + 4}">{name}, {lat} ms/page</text>')
svg.append("</svg>")
open(out, "w").write("\n".join(svg) + "\n")
