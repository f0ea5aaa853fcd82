#!/usr/bin/env python3
"""Draws Voronka's PNG app icons (no dependencies: plain zlib + struct).

The mark is three narrowing bars — a sales funnel — on an indigo gradient, the same
drawing as icon.svg. Run from this folder: `python3 generate.py`. The PNGs are committed;
run again only when the mark changes.
"""

import struct
import zlib

TOP = (0x6D, 0x5E, 0xFC)
BOTTOM = (0x43, 0x38, 0xCA)
# Bars on a 32-unit grid: x, y, width, height (radius = height / 2), white alpha.
BARS = [(6, 8, 20, 4, 1.0), (9.5, 14, 13, 4, 0.85), (13, 20, 6, 4, 0.7)]
SAMPLES = 3


def in_round_rect(px, py, x, y, w, h, r):
    if px < x or px > x + w or py < y or py > y + h:
        return False
    cx = min(max(px, x + r), x + w - r)
    cy = min(max(py, y + r), y + h - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def render(size, corner, scale):
    """RGBA rows. `corner`: background corner radius in grid units (0 = full bleed);
    `scale`: how much of the tile the mark fills (maskable icons keep a safe zone)."""
    rows = []
    unit = size / 32.0
    offset = 16 - 16 * scale
    for j in range(size):
        row = bytearray()
        for i in range(size):
            bg = 0
            white = 0.0
            for sj in range(SAMPLES):
                for si in range(SAMPLES):
                    gx = (i + (si + 0.5) / SAMPLES) / unit
                    gy = (j + (sj + 0.5) / SAMPLES) / unit
                    inside = corner == 0 or in_round_rect(gx, gy, 0, 0, 32, 32, corner)
                    if not inside:
                        continue
                    bg += 1
                    mx = (gx - offset) / scale
                    my = (gy - offset) / scale
                    for x, y, w, h, alpha in BARS:
                        if in_round_rect(mx, my, x, y, w, h, h / 2):
                            white += alpha
                            break
            n = SAMPLES * SAMPLES
            t = (i + j) / (2.0 * size)
            base = [TOP[k] + (BOTTOM[k] - TOP[k]) * t for k in range(3)]
            if bg == 0:
                row += bytes((0, 0, 0, 0))
                continue
            w = white / bg
            rgb = [round(base[k] * (1 - w) + 255 * w) for k in range(3)]
            row += bytes(rgb + [round(255 * bg / n)])
        rows.append(bytes(row))
    return rows


def write_png(path, size, rows):
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", header))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


if __name__ == "__main__":
    for name, size, corner, scale in [
        ("icon-192.png", 192, 7, 1.0),
        ("icon-512.png", 512, 7, 1.0),
        ("icon-maskable-512.png", 512, 0, 0.72),
        ("apple-touch-icon.png", 180, 0, 0.86),
        ("favicon-32.png", 32, 7, 1.0),
    ]:
        write_png(name, size, render(size, corner, scale))
        print("wrote", name)
