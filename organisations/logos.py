"""Organisation logos: a pixel limit checked from the image header before anything is decoded,
and re-encoding to the size the documents use.

A PNG of 17.5 KB can declare 12,000 × 12,000 pixels (a "logo bomb"): decoded, it takes 144
million pixels of memory, and every export that embeds it took a minute. So an uploaded logo
is measured from its header (``Image.open`` reads no pixel data) and refused past
``MAX_LOGO_SIDE`` on a side or ``MAX_LOGO_PIXELS`` in all; an accepted one is decoded once,
turned upright, downscaled to at most ``LOGO_SIDE`` pixels on its longer side and stored as a PNG
without metadata (no EXIF, no comments). ``Image.MAX_IMAGE_PIXELS`` is set to the same limit,
so Pillow itself (also inside WeasyPrint) refuses anything twice that size.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_LOGO_SIDE = 4000
MAX_LOGO_PIXELS = 16_000_000
LOGO_SIDE = 600  # the longer side of a stored logo, in pixels: the PDF shows it at most ~60 mm

Image.MAX_IMAGE_PIXELS = MAX_LOGO_PIXELS  # Pillow warns past this and refuses twice this


class LogoError(ValueError):
    """The file can't be a logo: ``width`` and ``height`` are set when it was too large."""

    def __init__(self, message: str, width: int | None = None, height: int | None = None):
        super().__init__(message)
        self.width = width
        self.height = height


@dataclass(frozen=True)
class Logo:
    png: bytes
    width: int
    height: int


def logo_size(file: IO[bytes]) -> tuple[int, int]:
    """The width and height an image file declares, read from its header only; raises
    :class:`LogoError` if it is no image or is too large for a logo."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
    except Image.DecompressionBombError as exc:  # more than twice MAX_IMAGE_PIXELS
        raise LogoError("too large") from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise LogoError("not an image") from exc
    finally:
        if hasattr(file, "seek"):
            file.seek(position)
    if not fits(width, height):
        raise LogoError("too large", width, height)
    return width, height


def fits(width: int, height: int) -> bool:
    return max(width, height) <= MAX_LOGO_SIDE and width * height <= MAX_LOGO_PIXELS


def logo_png(file: IO[bytes], *, side: int = LOGO_SIDE) -> Logo:
    """The image in ``file`` upright, at most ``side`` pixels on its longer side, as a PNG
    without metadata. Checks the header first (see :func:`logo_size`)."""
    logo_size(file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as opened:
                if opened.format == "JPEG":
                    opened.draft("RGB", (side, side))  # decode JPEGs at a reduced scale
                image = ImageOps.exif_transpose(opened)
                image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise LogoError("not an image") from exc
    if image.mode not in ("L", "LA", "RGB", "RGBA"):
        has_alpha = image.mode in ("PA", "La") or "transparency" in image.info
        image = image.convert("RGBA" if has_alpha or image.mode == "P" else "RGB")
    image.thumbnail((side, side), Image.Resampling.LANCZOS)
    clean = Image.new(image.mode, image.size)  # a fresh image: no info, EXIF or ICC carried over
    clean.paste(image)
    buffer = io.BytesIO()
    clean.save(buffer, format="PNG", optimize=True)
    return Logo(buffer.getvalue(), clean.width, clean.height)


def png_name(name: str) -> str:
    """``name`` with a ``.png`` suffix, without its folders (``upload_to`` adds them)."""
    return f"{PurePath(name).stem or 'logo'}.png"
