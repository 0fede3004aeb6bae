"""Regenerates the land-centroid columns of ``khronika/geo/data/countries.tsv``.

Not a benchmark: a one-off data build, run by hand when the source changes. It needs
numpy and the countryinfo package (MIT licence; not a dependency of Khronika: install it
into a scratch environment with ``pip install countryinfo==1.0.1``).

    python bench/geo_country_points.py [--tsv khronika/geo/data/countries.tsv]

For each country it integrates countryinfo's outline of the country's largest polygon
(its main landmass) on a grid of about 200 x 200 cells, weighting each cell by its area,
and writes the centroid as the ``land_lat`` and ``land_lon`` columns. The gazetteer
places a country between this point and the Factbook point of the same file (see
``khronika.geo.gazetteer._country_point``).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

import numpy as np

_TSV = Path(__file__).resolve().parents[1] / "khronika" / "geo" / "data" / "countries.tsv"


def _inside(ring: Any, pts: Any) -> Any:
    """Which of ``pts`` (n x 2, lon/lat) lie inside the closed ``ring`` (even-odd rule)."""
    x, y = pts[:, 0], pts[:, 1]
    inside = np.zeros(len(pts), dtype=bool)
    xs, ys = ring[:, 0], ring[:, 1]
    j = len(ring) - 1
    for i in range(len(ring)):
        crosses = (ys[i] > y) != (ys[j] > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]
        inside ^= crosses & (x < x_cross)
        j = i
    return inside


def _planar_area(ring: Any) -> float:
    lon, lat = ring[:, 0], ring[:, 1]
    twice = abs(float(np.dot(lon, np.roll(lat, 1)) - np.dot(lat, np.roll(lon, 1))))
    return 0.5 * twice * math.cos(math.radians(float(lat.mean())))


def land_centroid(rings: list[Any]) -> tuple[float, float]:
    """The area centroid of the largest of ``rings`` (outer rings, lon/lat), on the sphere."""
    ring = max(rings, key=_planar_area)
    lo0, lo1 = float(ring[:, 0].min()), float(ring[:, 0].max())
    la0, la1 = float(ring[:, 1].min()), float(ring[:, 1].max())
    step = max(0.02, min(0.25, (lo1 - lo0) / 200, (la1 - la0) / 200))
    gx, gy = np.meshgrid(np.arange(lo0 + step / 2, lo1, step),
                         np.arange(la0 + step / 2, la1, step))
    pts = np.column_stack([gx.ravel(), gy.ravel()])
    cells = pts[_inside(ring, pts)] if len(pts) else pts
    if len(cells) == 0:
        return (la0 + la1) / 2, (lo0 + lo1) / 2
    lat, lon = np.radians(cells[:, 1]), np.radians(cells[:, 0])
    w = np.cos(lat)
    x = float((w * np.cos(lat) * np.cos(lon)).sum())
    y = float((w * np.cos(lat) * np.sin(lon)).sum())
    z = float((w * np.sin(lat)).sum())
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _outer_rings(geojson: dict[str, Any]) -> list[Any]:
    rings = []
    for feature in geojson.get("features", ()):
        geom = feature.get("geometry") or {}
        polys = [geom["coordinates"]] if geom.get("type") == "Polygon" else geom.get(
            "coordinates", [])
        rings += [np.array(p[0], dtype=float) for p in polys if p and len(p[0]) >= 4]
    return rings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tsv", type=Path, default=_TSV)
    args = ap.parse_args()
    import countryinfo  # type: ignore[import-not-found]

    data = Path(countryinfo.__file__).parent / "data"
    points: dict[str, tuple[float, float]] = {}
    for path in sorted(data.glob("*.json")):
        rec = json.loads(path.read_text("utf-8"))
        iso = (rec.get("ISO") or {}).get("alpha2")
        rings = _outer_rings(rec.get("geoJSON") or {})
        if iso and rings:
            points[iso] = land_centroid(rings)
    lines = args.tsv.read_text("utf-8").splitlines()
    out = []
    for line in lines:
        if line.startswith("#"):  # the header names the columns and says where they come from
            out.append(line)
            continue
        cols = line.split("\t")
        point = points.get(cols[0])
        land = [f"{point[0]:.2f}", f"{point[1]:.2f}"] if point else ["", ""]
        out.append("\t".join(cols[:5] + land))
    args.tsv.write_text("\n".join(out) + "\n", "utf-8")


if __name__ == "__main__":
    main()
