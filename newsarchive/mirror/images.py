"""Small real images for the mirror, generated on the fly from the URL path (deterministic, nothing committed).

The mirror's pages name a few hundred image files; committing them would bloat the wheel, so the server makes
each one when asked: a solid-coloured picture whose size and shade come from a hash of the path, encoded by
the few lines below as a baseline greyscale JPEG (`.jpg`, `.jpeg`, `.jfif`), a PNG, a lossless WebP or an SVG.
They are real files: browsers decode them, and the crawl's header parser reads their pixel size.
"""

from __future__ import annotations

import hashlib
import struct
import zlib

IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jfif": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


def dimensions(path: str) -> tuple[int, int, int]:
    """(width, height, grey level) of the picture served at `path`: 40–167 × 30–93 pixels."""
    digest = hashlib.sha1(path.encode("utf-8")).digest()
    return 40 + digest[0] % 128, 30 + digest[1] % 64, digest[2]


def image_for(path: str) -> tuple[str, bytes] | None:
    """(content type, bytes) of the generated image at `path` (decoded), None when it names no image type."""
    suffix = path[path.rfind(".") :].lower() if "." in path.rsplit("/", 1)[-1] else ""
    ctype = IMAGE_TYPES.get(suffix)
    if ctype is None:
        return None
    width, height, grey = dimensions(path)
    encode = {"image/jpeg": jpeg, "image/png": png, "image/webp": webp, "image/svg+xml": svg}[ctype]
    return ctype, encode(width, height, grey)


def png(width: int, height: int, grey: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = (b"\x00" + bytes([grey]) * width) * height  # filter byte 0, one grey byte per pixel
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def jpeg(width: int, height: int, grey: int) -> bytes:
    """A baseline JPEG, one component, every 8×8 block the same grey: quantisation 1, and Huffman tables of
    just the codes used (DC category 0 or c, AC end-of-block), so each block after the first costs 4 bits."""
    dc = 8 * (grey - 128)  # the DC coefficient of a flat block, level-shifted
    category = abs(dc).bit_length()
    bits = "01" + (format(dc if dc >= 0 else dc + (1 << category) - 1, f"0{category}b") if category else "")
    bits += "00"  # end of block
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits += "0000" * (blocks - 1)  # DC difference 0, end of block
    bits += "1" * (-len(bits) % 8)
    scan = bytearray()
    for i in range(0, len(bits), 8):
        byte = int(bits[i : i + 8], 2)
        scan += b"\xff\x00" if byte == 0xFF else bytes([byte])

    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data

    counts = bytes([0, 2] + [0] * 14)  # two 2-bit codes: 00, 01
    return b"".join(
        (
            b"\xff\xd8",
            segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            segment(0xDB, b"\x00" + b"\x01" * 64),
            segment(0xC0, struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"),
            segment(0xC4, b"\x00" + counts + bytes([0, category])),
            segment(0xC4, b"\x10" + bytes([0, 1] + [0] * 14) + b"\x00"),
            segment(0xDA, b"\x01\x01\x00\x00\x3f\x00"),
            bytes(scan),
            b"\xff\xd9",
        )
    )


def webp(width: int, height: int, grey: int) -> bytes:
    """A lossless (VP8L) WebP of one colour: five one-symbol prefix codes, so the pixels take no bits."""
    fields = [(width - 1, 14), (height - 1, 14), (0, 1), (0, 3), (0, 1), (0, 1), (0, 1)]
    for symbol in (grey, grey, grey, 255, 0):  # green, red, blue, alpha, distance
        fields += [(1, 1), (0, 1), (1, 1), (symbol, 8)]  # simple code, one symbol, 8 bits
    value, shift = 0, 0
    for field, size in fields:  # bits are packed least significant first
        value |= field << shift
        shift += size
    data = b"\x2f" + value.to_bytes((shift + 7) // 8, "little")
    chunk = b"VP8L" + struct.pack("<I", len(data)) + data + b"\x00" * (len(data) % 2)  # RIFF pads to even
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def svg(width: int, height: int, grey: int) -> bytes:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="rgb({grey},{grey},{grey})"/></svg>\n'
    ).encode()
