"""Pictures for the demo, drawn with Pillow: no photo library, no download, same result every run.

Each picture is a gradient sky with a simple scene (trees, a river, a bus, a skyline…) and a
caption band that says DEMO, so a generated picture is never mistaken for a press photo.
"""

import io
import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw, ImageFont

Box = tuple[int, int, int, int]

PALETTES: dict[str, tuple[str, str]] = {
    "hijau": ("#0b5d3b", "#b8e07a"),
    "biru": ("#0b3d91", "#8fd3f4"),
    "senja": ("#6d1b4f", "#f7a84b"),
    "malam": ("#0e1633", "#3d5fb0"),
    "kuning": ("#9a4b00", "#ffd166"),
    "teal": ("#004d40", "#7fd1c1"),
    "merah": ("#7f1d1d", "#f4906b"),
    "ungu": ("#3b1f6b", "#c59df2"),
}
INK = (255, 255, 255)


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu where the system has it, else Pillow's bundled font (always available)."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size)


def wrap(draw: ImageDraw.ImageDraw, text: str, typeface, width: int) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` pixels."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=typeface) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def gradient(size: tuple[int, int], palette: str) -> Image.Image:
    top, bottom = PALETTES[palette]
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _ground(draw, box: Box, colour=(20, 60, 35)) -> int:
    x0, _y0, x1, y1 = box
    horizon = y1 - (y1 - box[1]) // 5
    draw.rectangle((x0, horizon, x1, y1), fill=colour)
    return horizon


def draw_trees(draw, box: Box, rng: random.Random) -> None:
    horizon = _ground(draw, box)
    x0, y0, x1, _ = box
    for _ in range(9):
        x = rng.randint(x0 + 30, x1 - 30)
        height = rng.randint((horizon - y0) // 3, (horizon - y0) * 2 // 3)
        radius = height // 3
        draw.rectangle((x - 8, horizon - height, x + 8, horizon), fill=(84, 52, 30))
        green = (rng.randint(20, 70), rng.randint(120, 190), rng.randint(50, 90), 235)
        draw.ellipse(
            (x - radius, horizon - height - radius, x + radius, horizon - height + radius),
            fill=green,
        )


def draw_river(draw, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    for band in range(5):
        top = y0 + (y1 - y0) // 2 + band * (y1 - y0) // 10
        phase = rng.random() * math.tau
        points = [(x, top + 14 * math.sin(x / 60 + phase)) for x in range(x0, x1 + 20, 20)]
        blue = (30 + band * 15, 110 + band * 20, 200 - band * 10, 220)
        draw.polygon([*points, (x1, y1), (x0, y1)], fill=blue)
    gate = x0 + (x1 - x0) * 2 // 3
    for offset in range(0, 160, 40):
        draw.rectangle(
            (gate + offset, y0 + (y1 - y0) // 3, gate + offset + 24, y1 - 40),
            fill=(70, 70, 80, 255),
        )
    draw.rectangle(
        (gate - 20, y0 + (y1 - y0) // 3 - 20, gate + 180, y0 + (y1 - y0) // 3),
        fill=(90, 90, 100, 255),
    )


def draw_bus(draw, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    road = y1 - (y1 - y0) // 4
    draw.rectangle((x0, road, x1, y1), fill=(50, 50, 55))
    for x in range(x0, x1, 120):
        draw.rectangle((x, road + 40, x + 60, road + 48), fill=(240, 240, 240))
    width, height = (x1 - x0) * 3 // 5, (y1 - y0) // 3
    bx = x0 + (x1 - x0 - width) // 2 + rng.randint(-40, 40)
    top = road - height
    draw.rounded_rectangle((bx, top, bx + width, road + 10), radius=30, fill=(226, 75, 42))
    for wx in range(bx + 30, bx + width - 80, 90):
        draw.rounded_rectangle(
            (wx, top + 25, wx + 70, top + height // 2), radius=8, fill=(200, 230, 250)
        )
    for wheel in (bx + 90, bx + width - 90):
        draw.ellipse((wheel - 38, road - 18, wheel + 38, road + 58), fill=(25, 25, 25))


def draw_city(draw, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    x = x0
    while x < x1:
        width = rng.randint(60, 140)
        top = rng.randint(y0 + (y1 - y0) // 4, y1 - (y1 - y0) // 4)
        shade = rng.randint(30, 70)
        draw.rectangle((x, top, x + width, y1), fill=(shade, shade + 10, shade + 30, 240))
        for wy in range(top + 15, y1 - 15, 30):
            for wx in range(x + 12, x + width - 12, 24):
                if rng.random() < 0.6:
                    draw.rectangle((wx, wy, wx + 10, wy + 14), fill=(255, 214, 102, 230))
        x += width + rng.randint(4, 20)


def draw_kampung(draw, box: Box, rng: random.Random) -> None:
    horizon = _ground(draw, box, colour=(120, 90, 60))
    x0, y0, x1, _ = box
    colours = [(239, 71, 111), (255, 209, 102), (6, 214, 160), (17, 138, 178), (155, 93, 229)]
    x = x0 + 10
    while x < x1 - 80:
        width = rng.randint(110, 170)
        height = rng.randint((horizon - y0) // 4, (horizon - y0) // 2)
        draw.rectangle((x, horizon - height, x + width, horizon), fill=rng.choice(colours))
        draw.polygon(
            [
                (x - 12, horizon - height),
                (x + width // 2, horizon - height - 60),
                (x + width + 12, horizon - height),
            ],
            fill=(140, 40, 30),
        )
        draw.rectangle(
            (x + width // 2 - 15, horizon - 50, x + width // 2 + 15, horizon), fill=(60, 40, 30)
        )
        x += width + rng.randint(10, 30)


def draw_festival(draw, box: Box, rng: random.Random) -> None:
    draw_river(draw, box, rng)
    x0, y0, x1, y1 = box
    for _ in range(14):
        cx, cy = rng.randint(x0, x1), rng.randint(y0, y0 + (y1 - y0) // 3)
        r = rng.randint(14, 30)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, rng.randint(60, 200), 60, 230))
    boat_y = y0 + (y1 - y0) * 2 // 3
    draw.polygon(
        [(x0 + 80, boat_y), (x1 - 260, boat_y), (x1 - 320, boat_y + 50), (x0 + 140, boat_y + 50)],
        fill=(200, 30, 40),
    )
    for px in range(x0 + 160, x1 - 320, 60):
        draw.ellipse((px, boat_y - 40, px + 30, boat_y - 10), fill=(250, 230, 200))


def draw_network(draw, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    nodes = [(rng.randint(x0 + 40, x1 - 40), rng.randint(y0 + 40, y1 - 40)) for _ in range(16)]
    for a, b in zip(nodes, nodes[1:] + nodes[:3], strict=False):
        draw.line((a, b), fill=(255, 255, 255, 150), width=4)
    for x, y in nodes:
        draw.ellipse((x - 14, y - 14, x + 14, y + 14), fill=(255, 209, 102, 255))
    cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
    draw.rounded_rectangle(
        (cx - 220, cy - 130, cx + 220, cy + 110),
        radius=18,
        fill=(30, 40, 60, 240),
        outline=(255, 255, 255),
        width=6,
    )
    draw.rectangle((cx - 260, cy + 110, cx + 260, cy + 130), fill=(200, 200, 210, 255))


def draw_mosque(draw, box: Box, rng: random.Random) -> None:
    horizon = _ground(draw, box, colour=(230, 225, 210))
    x0, y0, x1, _ = box
    cx = (x0 + x1) // 2 + rng.randint(-30, 30)
    body_w, body_h = (x1 - x0) // 3, (horizon - y0) // 3
    draw.rectangle(
        (cx - body_w // 2, horizon - body_h, cx + body_w // 2, horizon), fill=(250, 248, 240)
    )
    dome = body_w // 3
    draw.pieslice(
        (cx - dome, horizon - body_h - dome, cx + dome, horizon - body_h + dome),
        180,
        360,
        fill=(20, 110, 90),
    )
    for mx in (cx - body_w // 2 - 60, cx + body_w // 2 + 40):
        draw.rectangle((mx, horizon - body_h * 2, mx + 22, horizon), fill=(250, 248, 240))
        draw.polygon(
            [
                (mx - 6, horizon - body_h * 2),
                (mx + 11, horizon - body_h * 2 - 50),
                (mx + 28, horizon - body_h * 2),
            ],
            fill=(20, 110, 90),
        )
    for ax in range(cx - body_w // 2 + 30, cx + body_w // 2 - 30, 60):
        draw.pieslice((ax, horizon - 90, ax + 36, horizon - 54), 180, 360, fill=(60, 60, 60))
        draw.rectangle((ax, horizon - 72, ax + 36, horizon), fill=(60, 60, 60))


def draw_water(draw, box: Box, rng: random.Random) -> None:
    x0, y0, x1, y1 = box
    pipe_y = y1 - (y1 - y0) // 4
    draw.rectangle((x0, pipe_y, x1, pipe_y + 40), fill=(90, 110, 130))
    for _ in range(12):
        cx, cy = rng.randint(x0 + 40, x1 - 40), rng.randint(y0 + 60, pipe_y - 60)
        r = rng.randint(18, 40)
        draw.ellipse((cx - r, cy - r // 2, cx + r, cy + r * 3 // 2), fill=(160, 220, 255, 220))
        draw.polygon(
            [(cx - r + 4, cy + r // 4), (cx, cy - r * 2), (cx + r - 4, cy + r // 4)],
            fill=(160, 220, 255, 220),
        )


MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, Box, random.Random], None]] = {
    "trees": draw_trees,
    "river": draw_river,
    "bus": draw_bus,
    "city": draw_city,
    "kampung": draw_kampung,
    "festival": draw_festival,
    "network": draw_network,
    "mosque": draw_mosque,
    "water": draw_water,
}


def _scene(size: tuple[int, int], palette: str, motif: str, seed: str, box: Box) -> Image.Image:
    rng = random.Random(seed)  # noqa: S311 - artwork, not security
    image = gradient(size, palette).convert("RGBA")
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    sun = rng.randint(size[0] // 8, size[0] * 7 // 8), rng.randint(size[1] // 10, size[1] // 4)
    draw.ellipse((sun[0] - 70, sun[1] - 70, sun[0] + 70, sun[1] + 70), fill=(255, 240, 200, 170))
    MOTIFS[motif](draw, box, rng)
    return Image.alpha_composite(image, overlay)


def _badge(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str = "DEMO") -> None:
    typeface = font(30)
    x, y = xy
    width = int(draw.textlength(text, font=typeface))
    draw.rounded_rectangle((x, y, x + width + 36, y + 52), radius=10, fill=(200, 16, 46, 255))
    draw.text((x + 18, y + 9), text, font=typeface, fill=INK)


def _encode(image: Image.Image, fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True)
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


def photo(label: str, caption: str, palette: str, motif: str) -> bytes:
    """A 1200x800 JPEG: a scene with a caption band (``label`` over ``caption``)."""
    size = (1200, 800)
    image = _scene(size, palette, motif, seed=label + caption, box=(0, 160, 1200, 640))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 620, 1200, 800), fill=(0, 0, 0, 170))
    draw.text((48, 640), label.upper(), font=font(28), fill=(255, 209, 102))
    for index, line in enumerate(wrap(draw, caption, font(40), 1100)[:2]):
        draw.text((48, 682 + index * 50), line, font=font(40), fill=INK)
    _badge(draw, (1060, 32))
    return _encode(image)


def portrait(name: str, palette: str) -> bytes:
    """A 600x600 JPEG avatar: a silhouette and the author's initials."""
    size = (600, 600)
    image = gradient(size, palette).convert("RGBA")
    draw = ImageDraw.Draw(image)
    draw.ellipse((200, 110, 400, 310), fill=(245, 230, 215, 255))
    draw.ellipse((110, 330, 490, 700), fill=(245, 230, 215, 255))
    initials = "".join(part[0] for part in name.replace(".", "").split() if part[0].isupper())[:2]
    typeface = font(90)
    width = draw.textlength(initials, font=typeface)
    draw.text(((600 - width) / 2, 410), initials, font=typeface, fill=(60, 60, 60))
    _badge(draw, (20, 20))
    return _encode(image)


def cover(masthead: str, edition: str, headline: str, palette: str, motif: str) -> bytes:
    """A 900x1200 JPEG cover: masthead, edition line, the main headline and a scene."""
    size = (900, 1200)
    image = _scene(size, palette, motif, seed=masthead + edition, box=(0, 430, 900, 1000))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 900, 230), fill=(255, 255, 255, 235))
    draw.text((40, 40), masthead, font=font(72), fill=(15, 30, 60))
    draw.text((40, 150), edition, font=font(34, bold=False), fill=(80, 80, 80))
    for index, line in enumerate(wrap(draw, headline, font(56), 820)[:3]):
        draw.text((40, 270 + index * 66), line, font=font(56), fill=INK)
    _badge(draw, (40, 1110))
    return _encode(image)


def logo(name: str = "BENTENG", subtitle: str = "Humas Kota Tangerang · demo") -> bytes:
    """An 800x240 PNG wordmark: a crenellated tower (benteng means fort) and the name."""
    image = Image.new("RGBA", (800, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    navy, gold = (15, 40, 90, 255), (232, 163, 23, 255)
    draw.rectangle((30, 70, 170, 220), fill=navy)
    for x in range(30, 170, 40):
        draw.rectangle((x, 40, x + 22, 72), fill=navy)
    draw.pieslice((78, 150, 122, 194), 180, 360, fill=gold)
    draw.rectangle((78, 172, 122, 220), fill=gold)
    size = 92
    while size > 30 and draw.textlength(name, font=font(size)) > 570:
        size -= 4
    draw.text((200, 130 - size), name, font=font(size), fill=navy)
    draw.text((204, 160), subtitle, font=font(32, bold=False), fill=gold)
    return _encode(image, "PNG")


def epaper(masthead: str, edition: str, stories: Sequence[tuple[str, str]]) -> bytes:
    """A printable A4 PDF (150 dpi): a front page of headlines and leads, one story per block.

    Pillow writes a valid PDF by itself, so the demo needs no PDF library.
    """
    width, height, margin = 1240, 1754, 90
    pages: list[Image.Image] = []
    page = draw = None
    y = height
    for index, (headline, lead) in enumerate(stories):
        head_lines = wrap(ImageDraw.Draw(Image.new("RGB", (1, 1))), headline, font(46), 1060)
        needed = 70 + 56 * len(head_lines) + 40 * 6
        if page is None or y + needed > height - margin:
            page = Image.new("RGB", (width, height), "white")
            draw = ImageDraw.Draw(page)
            pages.append(page)
            draw.text((margin, 70), masthead, font=font(84), fill=(15, 40, 90))
            draw.text(
                (margin, 180),
                f"{edition} · halaman {len(pages)} · DEMO",
                font=font(30, bold=False),
                fill=(90, 90, 90),
            )
            draw.line((margin, 240, width - margin, 240), fill=(15, 40, 90), width=6)
            y = 280
        if index == 0 and len(pages) == 1:
            art = _scene((1060, 420), "biru", "city", seed=edition, box=(0, 80, 1060, 420))
            page.paste(art.convert("RGB"), (margin, y))
            y += 450
        for line in head_lines:
            draw.text((margin, y), line, font=font(46), fill=(20, 20, 20))
            y += 56
        for line in wrap(draw, lead, font(30, bold=False), 1060)[:6]:
            draw.text((margin, y + 10), line, font=font(30, bold=False), fill=(50, 50, 50))
            y += 40
        y += 50
    buffer = io.BytesIO()
    pages[0].save(
        buffer,
        "PDF",
        resolution=150,
        save_all=True,
        append_images=pages[1:],
        title=f"{masthead} {edition} (demo)",
        author="Humas Kota Tangerang (demo)",
    )
    return buffer.getvalue()
