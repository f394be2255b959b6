"""A report's charts as PNG images (Pillow): grouped bars with their values, a legend and the
categories below, in a font with the Vietnamese letters. The .docx and .html reports embed the
image; the .xlsx report draws the same data as a native Excel chart (render_xlsx)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .de_an_25 import Chart

# Fonts with every Vietnamese letter, as Debian installs them (fonts-dejavu-core comes with
# the system; .ci/run installs fonts-liberation). Without either, Pillow's own font.
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
COLOURS = ("#8c1c13", "#3b6ea5", "#d9a441", "#5b8c5a")
WIDTH, HEIGHT = 1600, 800
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 110, 40, 110, 150

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _font(size: int) -> Font:
    for path in FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _nice_top(value: float) -> tuple[float, float]:
    """The top of the axis and the step of its grid lines: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1.0, 0.2
    step = 1.0
    while value / step > 10:
        step *= 10
    while value / step < 2:
        step /= 10
    for factor in (1, 2, 5, 10):
        if value / (step * factor) <= 6:
            step *= factor
            break
    top = step * int(value // step + 1)
    return top, step


def _number(value: float) -> str:
    whole = round(value)
    text = f"{whole:,}".replace(",", ".") if value == whole else f"{value:.1f}".replace(".", ",")
    return text


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font: Font, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def png(chart: Chart) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    title, label, small = _font(40), _font(30), _font(26)
    draw.text((WIDTH / 2, 20), chart.title, font=title, fill="black", anchor="ma")
    values = [v for _name, series in chart.series for v in series if v is not None]
    top, step = _nice_top(max(values, default=0))
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    y0, y1 = HEIGHT - MARGIN_BOTTOM, MARGIN_TOP
    scale = (y0 - y1) / top
    tick = 0.0
    while tick <= top + 1e-9:  # grid lines and their values
        y = y0 - tick * scale
        draw.line((left, y, right, y), fill="#dddddd", width=2)
        draw.text((left - 12, y), _number(tick), font=small, fill="#444444", anchor="rm")
        tick += step
    draw.line((left, y0, right, y0), fill="black", width=3)
    groups = max(len(chart.categories), 1)
    slot = (right - left) / groups
    bar = slot * 0.8 / max(len(chart.series), 1)
    for g, category in enumerate(chart.categories):
        x = left + g * slot + slot * 0.1
        for s, (_name, series) in enumerate(chart.series):
            value = series[g] if g < len(series) else None
            if value is None:
                continue
            x0 = x + s * bar
            colour = COLOURS[s % len(COLOURS)]
            draw.rectangle((x0 + 3, y0 - value * scale, x0 + bar - 3, y0), fill=colour)
            draw.text(
                (x0 + bar / 2, y0 - value * scale - 6),
                _number(value),
                font=small,
                fill="black",
                anchor="md",
            )
        for i, line in enumerate(_wrapped(draw, category, label, slot - 10)):
            draw.text(
                (left + g * slot + slot / 2, y0 + 14 + i * 30),
                line,
                font=label,
                fill="black",
                anchor="ma",
            )
    x = left
    for s, (name, _series) in enumerate(chart.series):  # the legend, under the title
        draw.rectangle((x, 72, x + 26, 98), fill=COLOURS[s % len(COLOURS)])
        draw.text((x + 36, 85), name, font=label, fill="black", anchor="lm")
        x += 36 + draw.textlength(name, font=label) + 40
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
