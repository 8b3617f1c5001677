"""Typed PDFs turned into scans the way an office scans paper, drawn at random.

Used by scripts/variants (--scan DPI): every page is rendered at the scan's resolution, then,
in this order, a seal is stamped over text (red on a colour scan, grey on a grey one), the
sheet's fold casts a shadow, the page is skewed (up to 3 degrees, with a small jitter per page),
blurred, put on grey or unevenly lit paper, given noise and encoded as JPEG or PNG.  The images
are packed with img2pdf, one per page, on pages of the typed PDF's size.  Every choice comes
from a numpy generator seeded by the report's seed, index and resolution.

Requires /usr/bin/python3 with python3-numpy, python3-pil and img2pdf, poppler-utils, and the
Noto CJK fonts (fonts-noto-cjk) for the seal's text.
"""
import io
import math
import os
import re
import subprocess

import img2pdf
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEAL_FONT = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc'
MAX_SKEW = 3.0
JITTER = 0.15


def run(args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def draw_scan(rng, dpi):
    """The degradations of one scan, as plain data (also its dimensions for the score table)."""
    skew = float(rng.uniform(0.0, MAX_SKEW)) * (1 if rng.random() < 0.5 else -1)
    seal = rng.choice(['none', 'signature', 'signature', 'prose'], p=[0.25, 0.3, 0.2, 0.25])
    colour = bool(seal != 'none' and rng.random() < 0.7)
    fold = rng.choice(['none', 'half', 'thirds', 'upright'], p=[0.4, 0.25, 0.2, 0.15])
    paper = rng.choice(['white', 'grey', 'gradient'], p=[0.5, 0.25, 0.25])
    return {
        'dpi': dpi,
        'skew': round(skew, 2),
        'blur': float(rng.choice([0.0, 0.0, rng.uniform(0.3, 0.6), rng.uniform(0.6, 0.9)])),
        'noise': float(rng.uniform(2.0, 10.0)),
        'paper': str(paper),
        'grey': [float(rng.uniform(200, 230)), float(rng.uniform(200, 230))],
        'seal': str(seal),
        'colour': colour,
        'fold': str(fold),
        'fold_depth': float(rng.uniform(25, 80)),
        'fold_width': float(rng.uniform(0.004, 0.02)),
        'jpeg': None if rng.random() < 0.1 else int(rng.integers(55, 91)),
    }


def dims_of(scan):
    """The scan's choices as the score table's dimensions (coarse bins)."""
    a = abs(scan['skew'])
    return {
        'scan_dpi': scan['dpi'],
        'scan_skew': '<1' if a < 1 else '1-2' if a < 2 else '2-3',
        'scan_blur': 'none' if not scan['blur'] else '<0.6' if scan['blur'] < 0.6 else '>=0.6',
        'scan_noise': '<6' if scan['noise'] < 6 else '>=6',
        'scan_paper': scan['paper'],
        'scan_seal': scan['seal'] + ('/red' if scan['colour'] else '/grey' if scan['seal'] != 'none' else ''),
        'scan_fold': scan['fold'],
        'scan_encoding': 'png' if scan['jpeg'] is None else 'jpeg<70' if scan['jpeg'] < 70 else 'jpeg>=70',
    }


def words(pdf, page):
    """(text, x0, y0, x1, y1) of the words of one page, in points from the top left."""
    out = run(['pdftotext', '-bbox', '-f', str(page), '-l', str(page), pdf, '-'])
    return [(html_unescape(m.group(5)), float(m.group(1)), float(m.group(2)), float(m.group(3)),
             float(m.group(4)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                                 r'([^<]*)</word>', out)]


def html_unescape(s):
    return s.replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&amp;', '&')


def seal_spot(pdf, pages, scan, rng):
    """(page index, centre x, centre y) in points where the seal is stamped: over the signature
    and date (the last words of the report), or over a line of prose on any page."""
    if scan['seal'] == 'signature':
        ws = words(pdf, pages)
        if ws:
            last = [w for w in ws if re.search(r'\d{4}|年|月|日', w[0])] or ws
            w = last[-1]
            return pages - 1, (w[1] + w[3]) / 2 + rng.uniform(-20, 20), w[2] - rng.uniform(0, 15)
    page = int(rng.integers(1, pages + 1))
    ws = [w for w in words(pdf, page) if re.search('[\u4e00-\u9fff]{4}', w[0])]
    if not ws:
        return None
    w = ws[int(rng.integers(len(ws)))]
    return page - 1, (w[1] + w[3]) / 2, (w[2] + w[4]) / 2


def seal_image(org, px_per_pt, rng):
    """A round official seal (42 mm across): ring, star, the body's name round the top.
    Returns an alpha mask (mode L, 255 = ink)."""
    d = int(42 / 25.4 * 72 * px_per_pt)
    im = Image.new('L', (d, d), 0)
    dr = ImageDraw.Draw(im)
    ring = max(2, int(d * 0.035))
    dr.ellipse([ring // 2, ring // 2, d - ring // 2 - 1, d - ring // 2 - 1], outline=255, width=ring)
    c, r = d / 2, d * 0.14
    star = [(c + (r if k % 2 == 0 else r * 0.4) * math.sin(k * math.pi / 5),
             c - (r if k % 2 == 0 else r * 0.4) * math.cos(k * math.pi / 5)) for k in range(10)]
    dr.polygon(star, fill=255)
    size = int(d * 0.13)
    font = ImageFont.truetype(SEAL_FONT, size)
    text = org[:16]
    span = math.radians(230)
    for k, ch in enumerate(text):
        a = -span / 2 + span * (k + 0.5) / len(text)
        glyph = Image.new('L', (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size // 2, size // 2), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(a), resample=Image.BICUBIC)
        rr = d / 2 - ring - size * 0.75
        x, y = c + rr * math.sin(a), c - rr * math.cos(a)
        im.paste(255, (int(x - size), int(y - size)), glyph)
    # Seal ink is uneven: some of it did not take.
    a = np.asarray(im, dtype=np.float32) / 255.0
    a *= rng.uniform(0.55, 1.0, size=a.shape).astype(np.float32)
    return Image.fromarray(np.clip(a * 255, 0, 255).astype(np.uint8), 'L').rotate(
        float(rng.uniform(-25, 25)), resample=Image.BICUBIC)


def stamp(page, mask, centre, colour, rng):
    """Multiplies the seal's colour into the page (ink under it stays dark)."""
    a = np.asarray(page, dtype=np.float32)
    m = np.asarray(mask, dtype=np.float32) / 255.0 * float(rng.uniform(0.6, 0.9))
    h, w = m.shape
    x0, y0 = int(centre[0] - w / 2), int(centre[1] - h / 2)
    ys, xs = slice(max(y0, 0), min(y0 + h, a.shape[0])), slice(max(x0, 0), min(x0 + w, a.shape[1]))
    mm = m[ys.start - y0:ys.stop - y0, xs.start - x0:xs.stop - x0]
    if colour:
        ink = np.array([float(rng.uniform(190, 235)), float(rng.uniform(20, 70)), float(rng.uniform(20, 70))],
                       dtype=np.float32)
        a[ys, xs, :] *= 1 - mm[..., None] * (1 - ink / 255.0)
    else:
        a[ys, xs] *= 1 - mm * float(rng.uniform(0.45, 0.65))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), page.mode)


def fold_shadow(a, scan):
    """Darkens bands where the sheet was folded (a in place, float)."""
    h, w = a.shape[:2]
    if scan['fold'] == 'none':
        return
    if scan['fold'] == 'upright':
        at, n, axis = [w / 2], w, 1
    elif scan['fold'] == 'half':
        at, n, axis = [h / 2], h, 0
    else:
        at, n, axis = [h / 3, 2 * h / 3], h, 0
    t = np.arange(n, dtype=np.float32)
    dark = np.zeros(n, dtype=np.float32)
    width = scan['fold_width'] * n
    for p in at:
        dark += scan['fold_depth'] * np.exp(-((t - p) / width) ** 2)
    factor = 1 - np.clip(dark, 0, 200) / 255.0
    shape = (n, 1) if axis == 0 else (1, n)
    if a.ndim == 3:
        shape += (1,)
    a *= factor.reshape(shape)


def degrade(im, angle, scan, rng):
    """Fold, skew, blur, paper and noise, in that order."""
    a = np.asarray(im, dtype=np.float32).copy()
    fold_shadow(a, scan)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), im.mode)
    fill = (255, 255, 255) if im.mode == 'RGB' else 255
    im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    if scan['blur']:
        im = im.filter(ImageFilter.GaussianBlur(scan['blur'] * scan['dpi'] / 300))
    a = np.asarray(im, dtype=np.float32)
    if scan['paper'] != 'white':
        g0, g1 = scan['grey'] if scan['paper'] == 'gradient' else (scan['grey'][0],) * 2
        field = np.linspace(g0, g1, a.shape[0], dtype=np.float32)[:, None]
        if a.ndim == 3:
            field = field[..., None]
        a = a * (field / 255.0)
    a = a + rng.standard_normal(a.shape, dtype=np.float32) * scan['noise']
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), im.mode)


def page_sizes(pdf):
    n = int(re.search(r'^Pages:\s+(\d+)', run(['pdfinfo', pdf]), re.M).group(1))
    out = run(['pdfinfo', '-f', '1', '-l', str(n), pdf])
    return [(float(w), float(h)) for w, h in re.findall(r'^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts', out, re.M)]


def make_scan(typed_pdf, out_pdf, scan, org, rng, work):
    """Writes the scan of typed_pdf to out_pdf."""
    sizes = page_sizes(typed_pdf)
    prefix = os.path.join(work, 'scan')
    colour = scan['colour']
    run(['pdftoppm', '-r', str(scan['dpi'])] + ([] if colour else ['-gray']) + [typed_pdf, prefix])
    files = sorted((f for f in os.listdir(work) if f.startswith('scan-')),
                   key=lambda f: int(re.search(r'-(\d+)\.p[gp]m$', f).group(1)))
    pages = []
    for f in files:
        with Image.open(os.path.join(work, f)) as im:
            pages.append(im.convert('RGB' if colour else 'L').copy())
        os.remove(os.path.join(work, f))
    px_per_pt = scan['dpi'] / 72.0
    if scan['seal'] != 'none':
        spot = seal_spot(typed_pdf, len(pages), scan, rng)
        if spot:
            k, x, y = spot
            pages[k] = stamp(pages[k], seal_image(org, px_per_pt, rng), (x * px_per_pt, y * px_per_pt),
                             colour, rng)
    sign = 1.0 if scan['skew'] >= 0 else -1.0
    encoded = []
    for im in pages:
        angle = sign * min(abs(scan['skew']) + float(rng.uniform(-JITTER, JITTER)), MAX_SKEW)
        im = degrade(im, angle, scan, rng)
        buf = io.BytesIO()
        if scan['jpeg'] is None:
            im.save(buf, 'PNG', dpi=(scan['dpi'],) * 2)
        else:
            im.save(buf, 'JPEG', quality=scan['jpeg'], dpi=(scan['dpi'],) * 2)
        encoded.append(buf.getvalue())
    layout = img2pdf.get_layout_fun(pagesize=sizes[0], fit=img2pdf.FitMode.exact)
    data = img2pdf.convert(encoded, layout_fun=layout, nodate=True, engine=img2pdf.Engine.internal)
    with open(out_pdf, 'wb') as f:
        f.write(data)
