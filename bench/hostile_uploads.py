"""Benchmark of hostile uploads (issue 16): how long refusing each takes.

Run: ``.venv/bin/python bench/hostile_uploads.py``. Builds each payload in memory and prints the
best of 3 wall-clock times of ``maturity.framework_files.parse_framework`` (framework files)
and of ``organisations.logos.logo_size`` (the header check a logo upload gets), with the first
problem reported. Target: every framework file under 1 MB refused in < 2 s; before the limits
the first two took 80.8 s and 49.9 s through the upload page. For scale it also parses a valid
framework five times the size of the shipped one.
"""

from __future__ import annotations

import copy
import io
import json
import struct
import sys
import time
import zlib
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from maturity.framework_files import (
    DEFAULT_FRAMEWORK_PATH,
    FrameworkFileError,
    parse_framework,
)
from organisations.logos import LogoError, logo_size

HEAD = (
    "code: hostile\nversion: 1\ntitle: {en: Hostile}\nlanguages: [en]\n"
    "sections:\n  - code: s\n    title: {en: S}\n    dimensions: [d]\n"
)


def nested_json() -> bytes:
    """957 KB: 22,000 small nested objects."""
    objects = ",\n".join(json.dumps({"a": {"b": {"c": {"d": i}}}}) for i in range(22_000))
    text = HEAD_JSON[:-1] + ',\n"dimensions": [\n' + objects + "\n]}\n"
    return (text + " " * (957 * 1024 - len(text))).encode()


HEAD_JSON = json.dumps(
    {
        "code": "hostile",
        "version": 1,
        "title": {"en": "Hostile"},
        "languages": ["en"],
        "sections": [{"code": "s", "title": {"en": "S"}, "dimensions": ["d"]}],
    }
)


def invalid_dimensions_yaml() -> bytes:
    """1 MB: 40,000 invalid dimensions."""
    body = "".join(f"- {{code: d{i:05d}, kind: z}}\n" for i in range(40_000))
    return (HEAD + "dimensions:\n" + body).encode()


def problems_everywhere_yaml() -> bytes:
    """Just under the value limit, with thousands of problems (unknown references, bad kinds)."""
    refs = ", ".join(f"u{i}" for i in range(2000))
    body = "".join(f"- {{code: d{i:05d}, kind: z, name: {{en: x}}}}\n" for i in range(2000))
    return (HEAD.replace("[d]", f"[{refs}]") + "dimensions:\n" + body).encode()


def long_version_json() -> bytes:
    return ('{"version": ' + "9" * 5000 + "}").encode()


def five_times_default() -> bytes:
    data = yaml.safe_load(DEFAULT_FRAMEWORK_PATH.read_text(encoding="utf-8"))
    originals = list(data["dimensions"])
    for k in range(1, 5):
        for dimension in originals:
            clone = copy.deepcopy(dimension)
            clone["code"] += f"-copy{k}"
            for item in clone["items"]:
                item["code"] += f"-copy{k}"
            data["dimensions"].append(clone)
            section = next(
                s for s in data["sections"] if dimension["code"] in s.get("dimensions", [])
            )
            section["dimensions"].append(clone["code"])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def logo_bomb(side: int = 12_000) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    row = b"\x00" * (1 + (side + 7) // 8)
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * side, 9))
        + chunk(b"IEND", b"")
    )


def best_of_3(run) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(3):
        started = time.perf_counter()
        outcome = run()
        times.append(time.perf_counter() - started)
    return min(times), outcome


def framework_outcome(content: bytes, filename: str):
    def run() -> str:
        try:
            framework = parse_framework(content, filename=filename)
        except FrameworkFileError as error:
            first = error.errors[0]
            return f"refused, {len(error.errors)} problem(s); first: {first}"
        return f"parsed: {len(framework.dimensions)} dimensions"

    return run


def logo_outcome(content: bytes):
    def run() -> str:
        try:
            width, height = logo_size(io.BytesIO(content))
        except LogoError as error:
            return f"refused: {error}"
        return f"accepted: {width} x {height}"

    return run


def main() -> None:
    cases = [
        ("nested.json", nested_json()),
        ("dimensions.yaml", invalid_dimensions_yaml()),
        ("everywhere.yaml", problems_everywhere_yaml()),
        ("version.json", long_version_json()),
        ("five-times.yaml", five_times_default()),
    ]
    for filename, content in cases:
        seconds, outcome = best_of_3(framework_outcome(content, filename))
        print(f"{filename:18} {len(content):>10,} bytes {seconds:7.3f} s  {outcome[:110]}")
    bomb = logo_bomb()
    seconds, outcome = best_of_3(logo_outcome(bomb))
    print(f"{'logo-bomb.png':18} {len(bomb):>10,} bytes {seconds:7.3f} s  {outcome}")


if __name__ == "__main__":
    main()
