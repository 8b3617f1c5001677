#!/usr/bin/python3
"""Make scanned (image-only) test samples of nianbao from the typed samples.

    scripts/make_scans.py           make every file of samples/scans/, check them, write samples/scans/README.md
    scripts/make_scans.py NAME...   make only the files whose name holds one of NAME (the rest are
                                    kept as they are), check every file, write the README
    scripts/make_scans.py --check   only check the files already in samples/scans/

Run from anywhere; paths are taken relative to the repository root.  What it makes,
from the typed PDFs in samples/ (see SCANS, TABLE_IMAGES and TIFFS below):

  * NAME_scanDPI.pdf  image-only PDFs, one grayscale image per page.  Each page is
    rendered with `pdftoppm -gray -r DPI`, then degraded: rotated by a skew angle
    (a nominal angle per file plus a small per-page jitter, |angle| kept within
    0.3-2 degrees, corners filled with the background), optionally blurred
    (Gaussian, radius 0.4-0.8), optionally put on grey paper (white mapped to a
    grey level 200-225, optionally with a linear gradient), Gaussian noise added
    (sigma 4-10), then encoded as JPEG (quality 60-90) or, for one file, PNG.
    The images are packed with img2pdf without re-encoding (JPEG -> DCTDecode,
    PNG -> FlateDecode) on pages of exactly the size of the typed PDF's pages.
  * NAME_table3.png / NAME_table3.jpg  one page image holding the whole of table 三
    and nothing of tables 二 and 四 (checked with pdftotext), with the dpi written
    into the file (PNG pHYs, JPEG JFIF density).  When the page also holds
    table 四, the image is cut below the bottom rule of table 三.
  * NAME_scanDPI_SUFFIX.pdf  the same from other typed samples, stored as office
    scanners and archive software store pages (see CODEC_SCANS): 1-bit pages
    (thresholded, no dithering) as CCITT G4 (libtiff through Pillow, packed by
    img2pdf) and as JBIG2 in symbol mode with one /JBIG2Globals stream (jbig2enc,
    packed by this script), 8-bit pages as JPEG 2000 (opj_compress, packed by
    img2pdf), and JPEG pages stored a quarter turn counter-clockwise on landscape
    pages that carry /Rotate 90 (qpdf --rotate), so that they show upright.
  * NAME_scanDPI.tif  a multi-page grayscale TIFF (8 bit, LZW) of a whole sample,
    the dpi in the resolution tags.
  * beside each file, NAME.expected.json: for the PDFs and the TIFF, the typed
    sample's expected JSON with only `source` changed (path, sha256, media,
    pages, text_layer "ocr"); for the table images, table 三 as in the typed
    sample, every value of tables 二 and 四 null, report/sections null (except
    report.format) and two table_not_found errors, followed by the typed
    sample's issues about /applications.
  * samples/scans/README.md, a table of the files as produced.

Every random choice comes from a numpy generator seeded per file, and img2pdf
writes no dates, so a run reproduces the same bytes from the same typed PDFs
(and the same poppler / Pillow / libjpeg / zlib).  The typed PDFs' own sha256
changes when scripts/make_samples.py regenerates them; run this script again
afterwards.

Every file is checked after it is written: pdfinfo (page count, page size equal
to the typed PDF's), pdffonts (no fonts), pdftotext (no text), `pdfimages -list`
(one image per page, encoding jpeg or image (Flate), ppi equal to the dpi),
Pillow for the images (mode L, dpi, TIFF frame count and compression) and the
expected JSON against the typed one.

Requires: /usr/bin/python3 with python3-pil, python3-numpy and img2pdf
(Debian packages python3-pil python3-numpy img2pdf), poppler-utils
(pdftoppm, pdfinfo, pdffonts, pdftotext, pdfimages), qpdf, libopenjp2-tools
(opj_compress), and cargo: Debian packages no JBIG2 encoder, so the script
builds jbig2enc (crate jbig2enc, a Rust port of jbig2enc) into target/tools
with `cargo install` when it is not there.
"""
import copy
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import img2pdf
import numpy as np
from PIL import Image, ImageFilter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, 'samples')
OUT = os.path.join(SAMPLES, 'scans')
REL_OUT = 'samples/scans'

# ---------------------------------------------------------------------------
# What to make
# ---------------------------------------------------------------------------
# skew: nominal angle in degrees (positive = counter-clockwise); each page gets
#       skew + uniform(-JITTER, +JITTER), its magnitude kept within [0.3, 2.0].
# noise: sigma of the Gaussian noise, in grey levels (0-255).
# blur: radius of the Gaussian blur, or None.
# grey: None (white paper) or (top-left, bottom-right) grey levels of white;
#       a linear gradient between them along `grad` ('v' top->bottom, 'h' left->right).
# enc: ('jpeg', quality) or ('png', None).

JITTER = 0.15
SKEW_MIN, SKEW_MAX = 0.3, 2.0

SCANS = [
    dict(sample='h02_ningnan_2023', dpi=300, seed=3001, skew=+0.60, noise=5, blur=None,
         grey=None, enc=('jpeg', 72)),
    dict(sample='d02_miyi_misprint_2023', dpi=300, seed=3002, skew=-1.40, noise=6, blur=0.5,
         grey=(212, 222), grad='v', enc=('jpeg', 60)),
    dict(sample='d07_sc_market_2023', dpi=300, seed=3003, skew=-0.40, noise=4, blur=None,
         grey=None, enc=('jpeg', 80)),
    dict(sample='h05_dongqu_2019', dpi=200, seed=2001, skew=-1.85, noise=6, blur=0.7,
         grey=None, enc=('jpeg', 70)),
    dict(sample='d04_renhe_approval_2023', dpi=200, seed=2002, skew=+1.10, noise=8, blur=None,
         grey=(222, 208), grad='h', enc=('jpeg', 68)),
    dict(sample='h07_sc_police_2023', dpi=200, seed=2003, skew=+0.45, noise=7, blur=0.4,
         grey=None, enc=('jpeg', 85)),
    dict(sample='h06_qianjin_2023', dpi=150, seed=1501, skew=-0.80, noise=4, blur=None,
         grey=None, enc=('png', None)),
    dict(sample='d06_bude_2023', dpi=150, seed=1502, skew=+1.60, noise=10, blur=0.8,
         grey=(205, 205), grad='v', enc=('jpeg', 62)),
    dict(sample='h01_xiqu_2023', dpi=150, seed=1503, skew=-1.20, noise=5, blur=None,
         grey=None, enc=('jpeg', 88)),
    # Dated in Chinese numerals under the signature (二〇二四年一月十七日).
    dict(sample='h04_yanbian_approval_2023', dpi=150, seed=1504, skew=+0.70, noise=6, blur=0.4,
         grey=None, enc=('jpeg', 70)),
]

# Whole reports stored as office scanners and archive software store them: 1-bit pages
# (threshold: grey level below which a pixel is black) as CCITT G4 or as JBIG2 (symbol
# mode, the symbols of every page in one /JBIG2Globals stream), 8-bit pages as JPEG 2000
# (rate: compression ratio given to opj_compress), and a JPEG scan whose images are stored
# a quarter turn counter-clockwise on landscape pages that carry /Rotate 90.  `suffix`
# ends the file name (NAME_scanDPI_SUFFIX.pdf).
CODEC_SCANS = [
    dict(sample='h02_ningnan_2023', dpi=300, seed=3201, skew=+0.45, noise=4, blur=0.5,
         grey=None, enc=('g4', 150), suffix='g4'),
    dict(sample='d05_haiyuan_2020', dpi=300, seed=3202, skew=-0.55, noise=4, blur=0.5,
         grey=None, enc=('jbig2', 150), suffix='jbig2'),
    dict(sample='h07_sc_police_2023', dpi=200, seed=2202, skew=+0.80, noise=5, blur=None,
         grey=None, enc=('jpx', 40), suffix='jpx'),
    dict(sample='h08_shapotou_2024', dpi=200, seed=2203, skew=-0.65, noise=6, blur=0.4,
         grey=None, enc=('jpeg', 75), suffix='rot90', rotate=90),
]

# One page image of table 三.  cut_before: the page also holds table 四, whose heading
# starts with this text; the image ends a little below the last horizontal rule above it.
TABLE_IMAGES = [
    dict(sample='h02_ningnan_2023', page=3, dpi=300, seed=3101, skew=+0.50, noise=0, blur=None,
         grey=None, enc=('png', None), cut_before='四、政府信息公开行政复议'),
    dict(sample='d02_miyi_misprint_2023', page=3, dpi=200, seed=2101, skew=-0.90, noise=6, blur=0.5,
         grey=(220, 214), grad='v', enc=('jpeg', 80), cut_before=None),
]

# Multi-page TIFF.  No noise: Gaussian noise defeats LZW (about 1.5 MB a page at 200 dpi
# instead of about 0.5 MB).
TIFFS = [
    dict(sample='d01_renhe_office_2023', dpi=200, seed=2201, skew=-0.70, noise=0, blur=0.5,
         grey=None, enc=('tiff_lzw', None)),
]

# Text that must / must not be on the page of a table image (pdftotext of the page or cut).
TABLE3_MUST = ['三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量',
               '二、上年结转政府信息公开申请数量', '（七）总计', '四、结转下年度继续办理']
TABLE3_MUST_NOT = ['主动公开政府信息情况', '规章', '规范性文件', '行政许可', '行政处罚',
                   '行政复议、行政诉讼情况', '未经复议', '复议后起诉', '结果维持']

MAX_SCANS_BYTES = 34 * 1024 * 1024

# jbig2enc (a Rust port of the jbig2enc encoder, which Debian does not package), built by
# cargo into target/tools when it is missing.
JBIG2ENC = os.path.join(ROOT, 'target', 'tools', 'bin', 'jbig2enc')
JBIG2ENC_VERSION = '0.1.2'


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()


def pdf_page_sizes(pdf):
    """[(width_pt, height_pt)] of every page."""
    n = int(re.search(r'^Pages:\s+(\d+)', run(['pdfinfo', pdf]), re.M).group(1))
    out = run(['pdfinfo', '-f', '1', '-l', str(n), pdf])
    sizes = [(float(w), float(h)) for w, h in
             re.findall(r'^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts', out, re.M)]
    assert len(sizes) == n, (pdf, n, sizes)
    return sizes


def render(pdf, dpi, work, first=None, last=None):
    """Render pages with pdftoppm -gray; returns a list of PIL images (mode L)."""
    prefix = os.path.join(work, 'page')
    for f in os.listdir(work):
        os.remove(os.path.join(work, f))
    args = ['pdftoppm', '-gray', '-r', str(dpi)]
    if first:
        args += ['-f', str(first), '-l', str(last or first)]
    run(args + [pdf, prefix])
    files = sorted(os.listdir(work), key=lambda f: int(re.search(r'-(\d+)\.pgm$', f).group(1)))
    images = []
    for f in files:
        with Image.open(os.path.join(work, f)) as im:
            images.append(im.convert('L').copy())
    return images


def page_angles(spec, n, rng):
    sign = 1.0 if spec['skew'] >= 0 else -1.0
    angles = []
    for _ in range(n):
        a = abs(spec['skew'] + rng.uniform(-JITTER, JITTER)) if n > 1 else abs(spec['skew'])
        a = min(max(a, SKEW_MIN), SKEW_MAX)
        angles.append(round(sign * a, 2))
    return angles


def degrade(im, angle, spec, rng):
    """Skew, blur, paper grey and noise, in that order; returns a new mode-L image."""
    im = im.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if spec['blur']:
        im = im.filter(ImageFilter.GaussianBlur(spec['blur']))
    a = np.asarray(im, dtype=np.float32)
    if spec['grey']:
        g0, g1 = spec['grey']
        h, w = a.shape
        if spec.get('grad', 'v') == 'v':
            field = np.linspace(g0, g1, h, dtype=np.float32)[:, None]
        else:
            field = np.linspace(g0, g1, w, dtype=np.float32)[None, :]
        a = a * (field / 255.0)
    if spec['noise']:
        a = a + rng.standard_normal(a.shape, dtype=np.float32) * spec['noise']
    return Image.fromarray(np.clip(np.rint(a), 0, 255).astype(np.uint8), 'L')


def encode(im, enc, dpi):
    """Bytes of the image as JPEG (JFIF density = dpi) or PNG (pHYs = dpi)."""
    kind, quality = enc
    buf = io.BytesIO()
    if kind == 'jpeg':
        im.save(buf, 'JPEG', quality=quality, optimize=True, dpi=(dpi, dpi))
    elif kind == 'png':
        im.save(buf, 'PNG', optimize=True, dpi=(dpi, dpi))
    else:
        raise ValueError(kind)
    return buf.getvalue()


def write_bytes(path, data):
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


def write_json(path, obj):
    write_bytes(path, (json.dumps(obj, ensure_ascii=False, indent=2) + '\n').encode('utf-8'))


def load_typed(sample):
    with open(os.path.join(SAMPLES, sample + '.expected.json'), encoding='utf-8') as f:
        return json.load(f)


def nulled(obj):
    """Same key structure, every leaf None."""
    if isinstance(obj, dict):
        return {k: nulled(v) for k, v in obj.items()}
    return None


def scan_expected(sample, name, media, pages, sha):
    exp = copy.deepcopy(load_typed(sample))
    src = exp['source']
    src['path'] = '%s/%s' % (REL_OUT, name)
    src['sha256'] = sha
    src['media'] = media
    src['pages'] = pages
    src['text_layer'] = 'ocr'
    return exp


def table_expected(sample, name, sha):
    typed = load_typed(sample)
    out = {}
    for key, value in typed.items():
        if key == 'source':
            out[key] = {'path': '%s/%s' % (REL_OUT, name), 'sha256': sha, 'media': 'image',
                        'pages': 1, 'text_layer': 'ocr'}
        elif key == 'report':
            out[key] = {'title': None, 'organization': None, 'year': None, 'published': None,
                        'format': value['format']}
        elif key == 'sections':
            out[key] = {'overview': None, 'problems': None, 'other': None}
        elif key in ('active_disclosure', 'reviews'):
            out[key] = nulled(value)
        elif key == 'applications':
            out[key] = copy.deepcopy(value)
        elif key == 'issues':
            out[key] = [
                {'code': 'table_not_found', 'severity': 'error', 'pointer': '/active_disclosure',
                 'message': 'table 二 was not found'},
                {'code': 'table_not_found', 'severity': 'error', 'pointer': '/reviews',
                 'message': 'table 四 was not found'},
            ] + [copy.deepcopy(i) for i in value if i['pointer'].startswith('/applications')]
        else:
            out[key] = copy.deepcopy(value)
    return out


def stem(spec, kind):
    if kind == 'table':
        return '%s_table3' % spec['sample']
    if spec.get('suffix'):
        return '%s_scan%d_%s' % (spec['sample'], spec['dpi'], spec['suffix'])
    return '%s_scan%d' % (spec['sample'], spec['dpi'])


def file_name(spec, kind):
    if kind == 'table':
        return stem(spec, kind) + ('.png' if spec['enc'][0] == 'png' else '.jpg')
    if kind == 'tiff':
        return stem(spec, kind) + '.tif'
    return stem(spec, kind) + '.pdf'


# ---------------------------------------------------------------------------
# Makers
# ---------------------------------------------------------------------------

def make_scan(spec, work):
    pdf = os.path.join(SAMPLES, spec['sample'] + '.pdf')
    sizes = pdf_page_sizes(pdf)
    rng = np.random.default_rng(spec['seed'])
    angles = page_angles(spec, len(sizes), rng)
    pages = render(pdf, spec['dpi'], work)
    assert len(pages) == len(sizes)
    encoded = []
    for im, angle in zip(pages, angles):
        encoded.append(encode(degrade(im, angle, spec, rng), spec['enc'], spec['dpi']))
    # The image fills a page of exactly the typed page's size (all pages of a sample are alike).
    if len(set(sizes)) != 1:
        raise SystemExit('%s: pages of different sizes %s' % (pdf, sorted(set(sizes))))
    layout = img2pdf.get_layout_fun(pagesize=sizes[0], fit=img2pdf.FitMode.exact)
    data = img2pdf.convert(encoded, layout_fun=layout, nodate=True, engine=img2pdf.Engine.internal)
    name = file_name(spec, 'scan')
    path = os.path.join(OUT, name)
    write_bytes(path, data)
    write_json(os.path.join(OUT, stem(spec, 'scan') + '.expected.json'),
               scan_expected(spec['sample'], name, 'pdf', len(sizes), sha256_of(path)))
    return dict(spec=spec, kind='scan', name=name, angles=angles, pages=len(sizes),
                pixels=[im.size for im in pages], page_sizes=sizes)


def bilevel(im, threshold):
    """Mode-1 image: black where the grey level is below `threshold`, no dithering."""
    a = np.asarray(im)
    return Image.fromarray(np.where(a < threshold, 0, 255).astype(np.uint8), 'L').convert(
        '1', dither=Image.Dither.NONE)


def g4_tiff(im, dpi):
    buf = io.BytesIO()
    im.save(buf, 'TIFF', compression='group4', dpi=(dpi, dpi))
    return buf.getvalue()


def jpx(im, rate, work):
    png, j2k = os.path.join(work, 'page.png'), os.path.join(work, 'page.jp2')
    im.save(png)
    run(['opj_compress', '-i', png, '-o', j2k, '-r', str(rate)])
    with open(j2k, 'rb') as f:
        return f.read()


def jbig2enc():
    if not os.path.exists(JBIG2ENC):
        run(['cargo', 'install', '--locked', '--root', os.path.dirname(os.path.dirname(JBIG2ENC)),
             'jbig2enc', '--version', JBIG2ENC_VERSION])
    return JBIG2ENC


def jbig2_pages(images, work):
    """jbig2enc in symbol mode for PDF: the global symbol dictionary and one stream per page."""
    names = []
    for i, im in enumerate(images):
        names.append(os.path.join(work, 'page-%03d.pbm' % i))
        im.save(names[-1])
    base = os.path.join(work, 'jb')
    run([jbig2enc(), '-s', '-p', '-b', base] + names)
    with open(base + '.sym', 'rb') as f:
        globals_data = f.read()
    pages = []
    for i in range(len(images)):
        with open('%s.%04d' % (base, i), 'rb') as f:
            pages.append(f.read())
    return globals_data, pages


def pdf_stream(entries, data):
    return b'<< %s /Length %d >>\nstream\n' % (entries, len(data)) + data + b'\nendstream'


def jbig2_pdf(globals_data, pages, sizes, page_size):
    """A PDF of JBIG2 pages that share one /JBIG2Globals stream (object 3), each image
    filling its page, as jbig2enc's own pdf.py lays them out."""
    w_pt, h_pt = page_size
    n = len(pages)
    objects = [b'<< /Type /Catalog /Pages 2 0 R >>',
               b'<< /Type /Pages /Kids [%s] /Count %d >>'
               % (b' '.join(b'%d 0 R' % (4 + 3 * i) for i in range(n)), n),
               pdf_stream(b'', globals_data)]
    for i, (data, (w, h)) in enumerate(zip(pages, sizes)):
        page = 4 + 3 * i
        objects.append(('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Contents %d 0 R '
                        '/Resources << /XObject << /Im0 %d 0 R >> >> >>'
                        % (w_pt, h_pt, page + 1, page + 2)).encode())
        objects.append(pdf_stream(b'', ('q %s 0 0 %s 0 0 cm /Im0 Do Q' % (w_pt, h_pt)).encode()))
        objects.append(pdf_stream(('/Type /XObject /Subtype /Image /Width %d /Height %d '
                                   '/ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode '
                                   '/DecodeParms << /JBIG2Globals 3 0 R >>' % (w, h)).encode(), data))
    out = b'%PDF-1.5\n%\xe2\xe3\xcf\xd3\n'
    offsets = []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    out += b''.join(b'%010d 00000 n \n' % o for o in offsets)
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    return out


def make_codec_scan(spec, work):
    pdf = os.path.join(SAMPLES, spec['sample'] + '.pdf')
    sizes = pdf_page_sizes(pdf)
    if len(set(sizes)) != 1:
        raise SystemExit('%s: pages of different sizes %s' % (pdf, sorted(set(sizes))))
    rng = np.random.default_rng(spec['seed'])
    angles = page_angles(spec, len(sizes), rng)
    rendered = render(pdf, spec['dpi'], work)
    pages = [degrade(im, a, spec, rng) for im, a in zip(rendered, angles)]
    kind, param = spec['enc']
    page_size = sizes[0]
    if spec.get('rotate'):
        # Stored a quarter turn counter-clockwise on a landscape page; /Rotate 90 shows it upright.
        pages = [im.rotate(spec['rotate'], expand=True) for im in pages]
        page_size = (sizes[0][1], sizes[0][0])
    layout = img2pdf.get_layout_fun(pagesize=page_size, fit=img2pdf.FitMode.exact)
    if kind == 'jbig2':
        pages = [bilevel(im, param) for im in pages]
        globals_data, streams = jbig2_pages(pages, work)
        data = jbig2_pdf(globals_data, streams, [im.size for im in pages], page_size)
    else:
        if kind == 'g4':
            encoded = [g4_tiff(bilevel(im, param), spec['dpi']) for im in pages]
        elif kind == 'jpx':
            encoded = [jpx(im, param, work) for im in pages]
        else:
            encoded = [encode(im, spec['enc'], spec['dpi']) for im in pages]
        data = img2pdf.convert(encoded, layout_fun=layout, nodate=True,
                               engine=img2pdf.Engine.internal)
    name = file_name(spec, 'scan')
    path = os.path.join(OUT, name)
    write_bytes(path, data)
    if spec.get('rotate'):
        run(['qpdf', '--deterministic-id', '--rotate=+%d' % spec['rotate'], '--replace-input', path])
    write_json(os.path.join(OUT, stem(spec, 'scan') + '.expected.json'),
               scan_expected(spec['sample'], name, 'pdf', len(sizes), sha256_of(path)))
    return dict(spec=spec, kind='scan', name=name, angles=angles, pages=len(sizes),
                pixels=[im.size for im in pages], page_sizes=sizes)


def check_table3_text(pdf, page, crop_pt=None):
    args = ['pdftotext', '-layout', '-f', str(page), '-l', str(page)]
    if crop_pt:
        x, y, w, h = crop_pt
        args += ['-x', str(x), '-y', str(y), '-W', str(w), '-H', str(h)]
    text = run(args + [pdf, '-'])
    flat = re.sub(r'\s+', '', text)
    missing = [t for t in TABLE3_MUST if t not in flat]
    present = [t for t in TABLE3_MUST_NOT if t in flat]
    if missing or present:
        raise SystemExit('%s page %d%s: table 三 text missing %s, other tables present %s'
                         % (pdf, page, ' (cut)' if crop_pt else '', missing, present))


def find_cut(pdf, spec, im):
    """Pixel row to cut the page at: below the last rule above the heading `cut_before`."""
    dpi = spec['dpi']
    bbox = run(['pdftotext', '-bbox', '-f', str(spec['page']), '-l', str(spec['page']), pdf, '-'])
    words = [(float(y0), float(y1), w) for y0, y1, w in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
                        bbox)]
    heads = [w for w in words if w[2].startswith(spec['cut_before'])]
    if len(heads) != 1:
        raise SystemExit('%s page %d: heading %r found %d times' % (pdf, spec['page'], spec['cut_before'], len(heads)))
    head_top = heads[0][0]
    above = [w for w in words if w[1] < head_top]
    last_text = max(w[1] for w in above)          # bottom of the last text line of table 三
    a = np.asarray(im)
    y0, y1 = int(last_text * dpi / 72), int(head_top * dpi / 72)
    dark = (a[y0:y1] < 128).sum(axis=1)
    rules = [y0 + i for i, d in enumerate(dark) if d > a.shape[1] * 0.4]
    if not rules:
        raise SystemExit('%s page %d: no rule found below table 三' % (pdf, spec['page']))
    cut = max(rules) + int(round(0.02 * dpi))     # a few pixels below the rule
    # The heading's ink must start below the cut.
    below = (a[cut:y1 + int(0.3 * dpi)] < 128).sum(axis=1)
    first_ink = next((i for i, d in enumerate(below) if d), None)
    if first_ink is None or first_ink < 3:
        raise SystemExit('%s page %d: cut at %d px touches the heading' % (pdf, spec['page'], cut))
    return cut


def make_table_image(spec, work):
    pdf = os.path.join(SAMPLES, spec['sample'] + '.pdf')
    page = spec['page']
    rng = np.random.default_rng(spec['seed'])
    im = render(pdf, spec['dpi'], work, page)[0]
    w_px, h_px = im.size
    cut = None
    if spec['cut_before']:
        cut = find_cut(pdf, spec, im)
        w_pt, h_pt = pdf_page_sizes(pdf)[page - 1]
        check_table3_text(pdf, page, (0, 0, int(w_pt) + 1, int(cut * 72 / spec['dpi'])))
        # Keep the page down to the cut, then a white margin of 0.4 in.
        canvas = Image.new('L', (w_px, cut + int(0.4 * spec['dpi'])), 255)
        canvas.paste(im.crop((0, 0, w_px, cut)), (0, 0))
        im = canvas
    else:
        check_table3_text(pdf, page)
    angle = page_angles(spec, 1, rng)[0]
    data = encode(degrade(im, angle, spec, rng), spec['enc'], spec['dpi'])
    name = file_name(spec, 'table')
    path = os.path.join(OUT, name)
    write_bytes(path, data)
    write_json(os.path.join(OUT, stem(spec, 'table') + '.expected.json'),
               table_expected(spec['sample'], name, sha256_of(path)))
    return dict(spec=spec, kind='table', name=name, angles=[angle], pages=1,
                pixels=[im.size], cut=cut, page=page, full_height=h_px)


def make_tiff(spec, work):
    pdf = os.path.join(SAMPLES, spec['sample'] + '.pdf')
    n = len(pdf_page_sizes(pdf))
    rng = np.random.default_rng(spec['seed'])
    angles = page_angles(spec, n, rng)
    pages = [degrade(im, a, spec, rng) for im, a in zip(render(pdf, spec['dpi'], work), angles)]
    buf = io.BytesIO()
    pages[0].save(buf, 'TIFF', save_all=True, append_images=pages[1:],
                  compression=spec['enc'][0], dpi=(spec['dpi'], spec['dpi']))
    name = file_name(spec, 'tiff')
    path = os.path.join(OUT, name)
    write_bytes(path, buf.getvalue())
    write_json(os.path.join(OUT, stem(spec, 'tiff') + '.expected.json'),
               scan_expected(spec['sample'], name, 'image', n, sha256_of(path)))
    return dict(spec=spec, kind='tiff', name=name, angles=angles, pages=n,
                pixels=[im.size for im in pages])


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

class Checker:
    def __init__(self):
        self.errors = []

    def expect(self, cond, msg):
        if not cond:
            self.errors.append(msg)
        return cond


def check_json(ck, rec):
    spec, name, kind = rec['spec'], rec['name'], rec['kind']
    path = os.path.join(OUT, stem(spec, kind) + '.expected.json')
    with open(path, 'rb') as f:
        raw = f.read()
    exp = json.loads(raw.decode('utf-8'))
    ck.expect(raw == (json.dumps(exp, ensure_ascii=False, indent=2) + '\n').encode('utf-8'),
              '%s: not in the canonical layout' % path)
    typed = load_typed(spec['sample'])
    ck.expect(list(exp) == list(typed), '%s: top-level keys differ from the typed file' % path)
    ck.expect(exp['schema_version'] == typed['schema_version'], '%s: schema_version' % path)
    src = exp['source']
    ck.expect(list(src) == list(typed['source']), '%s: source key order' % path)
    ck.expect(src['path'] == '%s/%s' % (REL_OUT, name), '%s: source.path' % path)
    ck.expect(src['sha256'] == sha256_of(os.path.join(OUT, name)), '%s: source.sha256' % path)
    ck.expect(src['media'] == ('pdf' if kind == 'scan' else 'image'), '%s: source.media' % path)
    ck.expect(src['pages'] == rec['pages'], '%s: source.pages' % path)
    ck.expect(src['text_layer'] == 'ocr', '%s: source.text_layer' % path)
    if kind in ('scan', 'tiff'):
        for key in typed:
            if key != 'source':
                ck.expect(exp[key] == typed[key], '%s: %s differs from the typed file' % (path, key))
        return
    ck.expect(exp['applications'] == typed['applications'], '%s: applications' % path)
    ck.expect(exp['report'] == {'title': None, 'organization': None, 'year': None, 'published': None,
                                'format': typed['report']['format']}, '%s: report' % path)
    ck.expect(exp['sections'] == {'overview': None, 'problems': None, 'other': None}, '%s: sections' % path)
    for key in ('active_disclosure', 'reviews'):
        ck.expect(exp[key] == nulled(typed[key]), '%s: %s not all null' % (path, key))
    codes = [(i['code'], i['pointer']) for i in exp['issues']]
    ck.expect(codes[:2] == [('table_not_found', '/active_disclosure'), ('table_not_found', '/reviews')],
              '%s: first issues' % path)
    ck.expect(exp['issues'][2:] == [i for i in typed['issues'] if i['pointer'].startswith('/applications')],
              '%s: issues about /applications' % path)


def page_rotations(pdf):
    n = int(re.search(r'^Pages:\s+(\d+)', run(['pdfinfo', pdf]), re.M).group(1))
    out = run(['pdfinfo', '-f', '1', '-l', str(n), pdf])
    return [int(r) for r in re.findall(r'^Page\s+\d+ rot:\s+(\d+)', out, re.M)]


# pdfimages -list: (encoding, bits per component) of each kind of page image.
LISTED = {'jpeg': ('jpeg', '8'), 'png': ('image', '8'), 'g4': ('ccitt', '1'),
          'jbig2': ('jbig2', '1'), 'jpx': ('jpx', '8')}


def check_scan_pdf(ck, rec):
    spec = rec['spec']
    path = os.path.join(OUT, rec['name'])
    typed_sizes = pdf_page_sizes(os.path.join(SAMPLES, spec['sample'] + '.pdf'))
    sizes = pdf_page_sizes(path)
    rotate = spec.get('rotate', 0)
    rotations = page_rotations(path)
    ck.expect(rotations == [rotate] * len(sizes), '%s: page rotations %s' % (path, rotations))
    ck.expect(len(sizes) == len(typed_sizes), '%s: %d pages, typed has %d' % (path, len(sizes), len(typed_sizes)))
    for i, (a, b) in enumerate(zip(sizes, typed_sizes), 1):
        # A page turned a quarter shows its MediaBox's height as its width.
        shown = (a[1], a[0]) if rotate % 180 else a
        ck.expect(abs(shown[0] - b[0]) < 0.01 and abs(shown[1] - b[1]) < 0.01,
                  '%s page %d: size %s shown, typed %s' % (path, i, shown, b))
    fonts = run(['pdffonts', path]).splitlines()
    ck.expect(len(fonts) == 2, '%s: pdffonts lists fonts: %s' % (path, fonts[2:]))
    text = run(['pdftotext', path, '-'])
    ck.expect(text.strip('\f\n ') == '', '%s: has a text layer' % path)
    rows = [l.split() for l in run(['pdfimages', '-list', path]).splitlines()[2:]]
    ck.expect(len(rows) == len(sizes), '%s: %d images for %d pages' % (path, len(rows), len(sizes)))
    want_enc, want_bpc = LISTED[spec['enc'][0]]
    for r in rows:
        # page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        page, kind, w, h, color, comp, bpc, enc = r[0], r[2], int(r[3]), int(r[4]), r[5], r[6], r[7], r[8]
        xppi, yppi = int(r[12]), int(r[13])
        ck.expect(kind == 'image' and color == 'gray' and comp == '1' and bpc == want_bpc,
                  '%s page %s: image %s %s %s bpc' % (path, page, kind, color, bpc))
        ck.expect(enc == want_enc, '%s page %s: encoding %s, wanted %s' % (path, page, enc, want_enc))
        ck.expect(abs(xppi - spec['dpi']) <= 1 and abs(yppi - spec['dpi']) <= 1,
                  '%s page %s: %dx%d ppi' % (path, page, xppi, yppi))
        ck.expect((w, h) == tuple(rec['pixels'][int(page) - 1]), '%s page %s: %dx%d px' % (path, page, w, h))
    pages_seen = [int(r[0]) for r in rows]
    ck.expect(pages_seen == list(range(1, len(sizes) + 1)), '%s: images on pages %s' % (path, pages_seen))
    if spec['enc'][0] == 'jbig2':
        with open(path, 'rb') as f:
            ck.expect(f.read().count(b'/JBIG2Globals 3 0 R') == len(sizes),
                      '%s: not every page refers to the /JBIG2Globals' % path)


def check_image(ck, rec):
    spec = rec['spec']
    path = os.path.join(OUT, rec['name'])
    with Image.open(path) as im:
        fmt = im.format
        want = {'table': 'PNG' if spec['enc'][0] == 'png' else 'JPEG', 'tiff': 'TIFF'}[rec['kind']]
        ck.expect(fmt == want, '%s: format %s' % (path, fmt))
        dpi = im.info.get('dpi')
        ck.expect(dpi is not None and all(abs(d - spec['dpi']) < 0.5 for d in dpi), '%s: dpi %s' % (path, dpi))
        if fmt == 'JPEG':
            ck.expect(im.info.get('jfif_unit') == 1, '%s: JFIF density unit is not dots per inch' % path)
        n = getattr(im, 'n_frames', 1)
        ck.expect(n == rec['pages'], '%s: %d frames, wanted %d' % (path, n, rec['pages']))
        for i in range(n):
            im.seek(i)
            ck.expect(im.mode == 'L', '%s frame %d: mode %s' % (path, i, im.mode))
            ck.expect(im.size == tuple(rec['pixels'][i]), '%s frame %d: size %s' % (path, i, im.size))
            if fmt == 'TIFF':
                ck.expect(im.info.get('compression') == spec['enc'][0],
                          '%s frame %d: compression %s' % (path, i, im.info.get('compression')))
                ck.expect(im.tag_v2.get(258) in (8, (8,)), '%s frame %d: bits per sample' % (path, i))
                res = (im.tag_v2.get(282), im.tag_v2.get(283), im.tag_v2.get(296))
                ck.expect(abs(float(res[0]) - spec['dpi']) < 0.5 and abs(float(res[1]) - spec['dpi']) < 0.5
                          and res[2] == 2, '%s frame %d: resolution tags %s' % (path, i, res))
            im.load()


# ---------------------------------------------------------------------------
# Plan (for --check and the README) and README
# ---------------------------------------------------------------------------

def record(kind, spec):
    """The record make_* returns for a file already written, recomputed without writing anything."""
    rng = np.random.default_rng(spec['seed'])
    name = file_name(spec, kind)
    if kind == 'table':
        angles = page_angles(spec, 1, rng)
        with Image.open(os.path.join(OUT, name)) as im:
            pixels = [im.size]
        return dict(spec=spec, kind=kind, name=name, angles=angles, pages=1,
                    pixels=pixels, page=spec['page'])
    sizes = pdf_page_sizes(os.path.join(SAMPLES, spec['sample'] + '.pdf'))
    angles = page_angles(spec, len(sizes), rng)
    if kind == 'scan':
        pixels = [(int(r.split()[3]), int(r.split()[4])) for r in
                  run(['pdfimages', '-list', os.path.join(OUT, name)]).splitlines()[2:]]
    else:
        pixels = []
        with Image.open(os.path.join(OUT, name)) as im:
            for i in range(im.n_frames):
                im.seek(i)
                pixels.append(im.size)
    return dict(spec=spec, kind=kind, name=name, angles=angles, pages=len(sizes), pixels=pixels)


# Every file: (kind, spec, maker), in the order of the README.
def plan():
    return ([('scan', s, make_scan) for s in SCANS]
            + [('scan', s, make_codec_scan) for s in CODEC_SCANS]
            + [('table', s, make_table_image) for s in TABLE_IMAGES]
            + [('tiff', s, make_tiff) for s in TIFFS])


def planned():
    """Records of every file as make_* returns them, recomputed without writing anything."""
    return [record(kind, spec) for kind, spec, _ in plan()]


def human(n):
    return '%.2f MB' % (n / 1048576) if n >= 1048576 else '%d KB' % round(n / 1024)


def dir_bytes(d):
    total = 0
    for base, _, files in os.walk(d):
        for f in files:
            total += os.path.getsize(os.path.join(base, f))
    return total


def encoding(spec):
    kind, q = spec['enc']
    enc = {'jpeg': 'JPEG q%s' % q, 'png': 'PNG (Flate)', 'tiff_lzw': 'TIFF LZW, 8-bit gray',
           'g4': 'CCITT G4, 1 bit < %s' % q, 'jbig2': 'JBIG2 + globals, 1 bit < %s' % q,
           'jpx': 'JPEG 2000 rate %s' % q}[kind]
    if spec.get('rotate'):
        enc += ', /Rotate %d' % spec['rotate']
    return enc


def write_readme(recs):
    lines = [
        '# Scanned samples',
        '',
        'Image-only versions of some typed samples of `samples/`, each with its expected output',
        '(`NAME.expected.json`, format of `shared/spec/report-json.md`). Everything here is made by',
        '`scripts/make_scans.py` from the typed PDFs; regenerate (and check) with:',
        '',
        '```',
        'scripts/make_scans.py           # every file, their expected JSON and this README',
        'scripts/make_scans.py --check   # only check the files present',
        '```',
        '',
        'Run it again whenever `scripts/make_samples.py` has regenerated the typed samples.',
        '',
        'Each page is rendered with `pdftoppm -gray -r DPI`, then in this order: rotated by the skew',
        'angle (degrees, positive = counter-clockwise; a nominal angle per file plus a per-page jitter of',
        'at most ±%.2f°, corners filled with the paper colour), blurred (Gaussian, radius as given), put' % JITTER,
        'on grey paper (white mapped to the grey level given, black kept; "a→b" is a linear gradient from the',
        'top to the bottom (↓) or from the left to the right (→)), Gaussian noise of the given sigma added',
        '(grey levels, clipped to 0–255), then encoded. The PDFs are made with img2pdf, which embeds the',
        'JPEG, PNG, CCITT G4 TIFF or JPEG 2000 data as it is (DCTDecode / FlateDecode / CCITTFaxDecode /',
        'JPXDecode), one image per page, each page of exactly the size of the typed PDF\'s page; they',
        'have no fonts and no text. Seeds are fixed per file (in the script), so a run reproduces the',
        'same files from the same typed PDFs.',
        '',
        'The 1-bit pages are black where the grey level is below the threshold given (no dithering):',
        'G4 is written by libtiff (through Pillow); JBIG2 by `jbig2enc -s -p` (symbol mode, the symbols',
        'of all pages in one /JBIG2Globals stream; a Rust port of jbig2enc, built with cargo, since',
        'Debian packages no JBIG2 encoder), put into a PDF by the script. JPEG 2000 pages are written by',
        '`opj_compress -r RATE` (libopenjp2-tools). The `_rot90` file stores each page image a quarter',
        'turn counter-clockwise on a landscape page that carries /Rotate 90 (set by `qpdf --rotate`),',
        'so that it shows upright, as a scanner that feeds pages sideways writes them.',
        '',
        '| file | from | dpi | skew (per page) | noise σ | blur | paper | encoding | pages | pixels | size |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ]
    for r in recs:
        s = r['spec']
        src = '`%s.pdf`' % s['sample'] + (' p. %d' % r['page'] if r['kind'] == 'table' else '')
        skew = ' '.join('%+.2f' % a for a in r['angles'])
        if s['grey']:
            g0, g1 = s['grey']
            paper = str(g0) if g0 == g1 else '%d→%d %s' % (g0, g1, '↓' if s.get('grad', 'v') == 'v' else '→')
        else:
            paper = 'white'
        enc = encoding(s)
        if r['kind'] == 'scan':
            enc = 'PDF, ' + enc
        px = sorted(set('%d×%d' % p for p in r['pixels']))
        lines.append('| `%s` | %s | %d | %s | %s | %s | %s | %s | %d | %s | %s |' % (
            r['name'], src, s['dpi'], skew, s['noise'] or '—', s['blur'] or '—', paper, enc,
            r['pages'], ', '.join(px), human(os.path.getsize(os.path.join(OUT, r['name'])))))
    total = sum(os.path.getsize(os.path.join(OUT, r['name'])) for r in recs)
    lines += [
        '',
        'Total of the files above: %s.' % human(total),
        '',
        'Expected JSON:',
        '',
        '- `*_scanDPI.pdf`, `*_scanDPI_*.pdf`, `*_scanDPI.tif`: the typed sample\'s expected JSON with only',
        '  `source` changed (`path`, `sha256` of the file, `media` "pdf" / "image", `pages`, `text_layer`',
        '  "ocr"); the numbers, prose and issues are those of the typed sample.',
        '- `*_table3.*`: one page image holding the whole of table 三 and nothing of tables 二 and 四',
        '  (checked with `pdftotext` on the typed page). `applications` is the typed sample\'s; every',
        '  value of `active_disclosure` and `reviews` is null; `report` is null except `format`;',
        '  `sections` are null; `issues` are `table_not_found` for `/active_disclosure` and `/reviews`,',
        '  then the typed sample\'s issues about `/applications`.',
    ]
    for r in recs:
        if r['kind'] == 'table' and r['spec']['cut_before']:
            lines.append('  `%s` is not a whole page: page %d of `%s.pdf` also holds table 四,'
                         % (r['name'], r['page'], r['spec']['sample']))
            lines.append('  so the image stops a little below the bottom rule of table 三 (0.4 in of white added below).')
    lines += [
        '- The multi-page TIFF has no noise: Gaussian noise makes LZW output about three times larger.',
        '',
        'The script checks every file after writing it: `pdfinfo` (page count; page size equal to the typed',
        'PDF\'s, shown turned by /Rotate), `pdffonts` (no fonts), `pdftotext` (no text), `pdfimages -list`',
        '(one gray image per page, of the encoding and bits the table gives, ppi equal to the dpi; every',
        'JBIG2 page refers to the globals), Pillow for the images (mode L, dpi',
        'in PNG pHYs / JPEG JFIF / TIFF resolution tags, TIFF frame count = pages, LZW) and each expected',
        'JSON against the typed one. PNG stores its resolution in dots per metre, so Pillow reads',
        '300 dpi back as 299.9994.',
        '',
        'Tools: /usr/bin/python3 with python3-pil, python3-numpy, img2pdf; poppler-utils, qpdf,',
        'libopenjp2-tools; cargo (for jbig2enc).',
    ]
    write_bytes(os.path.join(OUT, 'README.md'), ('\n'.join(lines) + '\n').encode('utf-8'))


# ---------------------------------------------------------------------------

def check_all(recs):
    ck = Checker()
    for r in recs:
        if r['kind'] == 'scan':
            check_scan_pdf(ck, r)
        else:
            check_image(ck, r)
        check_json(ck, r)
    return ck.errors


def report(recs):
    for r in recs:
        s = r['spec']
        print('%-42s %9s  %d dpi  %d p.  skew %s  noise %s  blur %s  paper %s  %s' % (
            r['name'], human(os.path.getsize(os.path.join(OUT, r['name']))), s['dpi'], r['pages'],
            ' '.join('%+.2f' % a for a in r['angles']), s['noise'] or '-', s['blur'] or '-',
            '-'.join(map(str, s['grey'])) if s['grey'] else 'white',
            encoding(s)))
    scans = dir_bytes(OUT)
    total = dir_bytes(SAMPLES)
    print('samples/scans/: %s   samples/: %s' % (human(scans), human(total)))
    return scans


def main(argv):
    os.makedirs(OUT, exist_ok=True)
    if '--check' in argv:
        recs = planned()
    else:
        wanted = [a for a in argv if not a.startswith('-')]
        work = tempfile.mkdtemp(prefix='nianbao-scans-')
        try:
            recs = []
            for kind, spec, maker in plan():
                if wanted and not any(w in file_name(spec, kind) for w in wanted):
                    recs.append(record(kind, spec))
                    continue
                recs.append(maker(spec, work))
                print('made', recs[-1]['name'], flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        write_readme(recs)
    errors = check_all(recs)
    scans = report(recs)
    if scans > MAX_SCANS_BYTES:
        errors.append('samples/scans/ is %s, over the %s budget' % (human(scans), human(MAX_SCANS_BYTES)))
    for e in errors:
        print('ERROR:', e, file=sys.stderr)
    if errors:
        sys.exit(1)
    print('all checks passed')


if __name__ == '__main__':
    main(sys.argv[1:])
