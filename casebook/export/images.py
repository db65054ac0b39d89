"""Evidence images released in a dossier are re-encoded from their pixels, so no
metadata survives: no EXIF (camera, time, GPS position), no XMP, no IPTC, no ICC
profile naming a device, no embedded thumbnail (docs/dossiers.md)."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from casebook.domain.errors import DamagedDataError

#: Pillow refuses to open larger images (decompression bombs).
MAX_PIXELS = 80_000_000


def reencode_image(data: bytes, media_type: str) -> bytes:
    """The same picture, pixels only, as JPEG or PNG."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                pixels = _pixels_only(image)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise DamagedDataError("An evidence image cannot be decoded; it was not released "
                               "(the file may be damaged).") from None
    out = io.BytesIO()
    if media_type == "image/png":
        pixels.save(out, format="PNG", optimize=False)
    else:
        pixels.convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image made of the pixels alone (orientation applied, so a photo stored
    sideways with an EXIF rotation still looks right without the EXIF)."""
    oriented = ImageOps.exif_transpose(image) or image
    mode = oriented.mode if oriented.mode in ("RGB", "RGBA", "L", "LA") else "RGBA"
    converted = oriented.convert(mode)
    # From raw pixel bytes: the new image has no info dictionary to carry anything.
    return Image.frombytes(mode, converted.size, converted.tobytes())
