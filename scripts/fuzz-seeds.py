#!/usr/bin/env python3
"""Write small report PDFs for the fuzzer to start from: the title, prose and
table 三 of each typed sample's expected JSON, drawn with a non-embedded CJK
font (STSong-Light, UniGB-UCS2-H) and uncompressed content streams, so that
each file is a few kilobytes and mutations land on operators and numbers.

    scripts/fuzz-seeds.py OUT_DIR
"""
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ROWS = [
    ('new', '一、本年新收政府信息公开申请数量'),
    ('carried_over', '二、上年结转政府信息公开申请数量'),
    ('granted', '（一）予以公开'),
    ('partly_granted', '（二）部分公开'),
    ('denied/state_secret', '1.属于国家秘密'),
    ('denied/prohibited_by_law', '2.其他法律行政法规禁止公开'),
    ('denied/security_stability', '3.危及“三安全一稳定”'),
    ('denied/third_party_rights', '4.保护第三方合法权益'),
    ('denied/internal_affairs', '5.属于三类内部事务信息'),
    ('denied/process_information', '6.属于四类过程性信息'),
    ('denied/enforcement_files', '7.属于行政执法案卷'),
    ('denied/query_matters', '8.属于行政查询事项'),
    ('unable/not_held', '1.本机关不掌握相关政府信息'),
    ('unable/needs_creation', '2.没有现成信息需要另行制作'),
    ('unable/unclear', '3.补正后申请内容仍不明确'),
    ('not_processed/complaint', '1.信访举报投诉类申请'),
    ('not_processed/repeated', '2.重复申请'),
    ('not_processed/publication', '3.要求提供公开出版物'),
    ('not_processed/excessive', '4.无正当理由大量反复申请'),
    ('not_processed/confirmation', '5.要求行政机关确认或重新出具已获取信息'),
    ('other/no_correction', '1.申请人无正当理由逾期不补正'),
    ('other/no_fee', '2.申请人逾期未按收费通知要求缴纳费用'),
    ('other/other', '3.其他'),
    ('total', '（七）总计'),
    ('carried_forward', '四、结转下年度继续办理'),
]
COLUMNS = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_services', 'other_org', 'total']
HEADERS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']


def hexstr(text):
    return '<' + text.encode('utf-16-be').hex().upper() + '>'


def text(x, y, size, s):
    return 'BT /F1 %g Tf %g %g Td %s Tj ET\n' % (size, x, y, hexstr(s))


def lookup(apps, path):
    node = apps
    for part in path.split('/'):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def wrap(s, n):
    return [s[i:i + n] for i in range(0, len(s), n)] or ['']


def prose_page(doc):
    out = []
    y = 790
    out.append(text(90, y, 18, doc['report'].get('title') or '政府信息公开工作年度报告'))
    y -= 40
    for heading, key in (('一、总体情况', 'overview'), ('五、存在的主要问题及改进情况', 'problems'),
                         ('六、其他需要报告的事项', 'other')):
        out.append(text(60, y, 12, heading))
        y -= 20
        for line in wrap((doc['sections'].get(key) or '')[:300], 38):
            out.append(text(60, y, 12, line))
            y -= 16
            if y < 80:
                break
    out.append(text(360, 60, 12, doc['report'].get('organization') or ''))
    return ''.join(out)


def table_page(doc):
    apps = doc['applications']
    out = [text(60, 800, 14, '三、收到和处理政府信息公开申请情况')]
    x0, label_w, col_w, row_h = 40, 200, 48, 24
    top = 780
    xs = [x0, x0 + label_w] + [x0 + label_w + col_w * (i + 1) for i in range(len(COLUMNS))]
    rows = [('', '')] + [r for r in ROWS if isinstance(lookup(apps, r[0]), dict)]
    if not isinstance(lookup(apps, 'other/other'), dict) and isinstance(apps.get('other'), dict) \
            and 'total' in apps['other']:
        rows.insert(-2, ('other', '（六）其他处理'))
    bottom = top - row_h * len(rows)
    rules = ['0.5 w\n']
    for x in xs:
        rules.append('%g %g m %g %g l S\n' % (x, top, x, bottom))
    for i in range(len(rows) + 1):
        y = top - row_h * i
        rules.append('%g %g m %g %g l S\n' % (x0, y, xs[-1], y))
    out.append(''.join(rules))
    for i, h in enumerate(HEADERS):
        out.append(text(xs[i + 1] + 2, top - 16, 8, h))
    for r, (path, label) in enumerate(rows[1:], start=1):
        y = top - row_h * r - 16
        out.append(text(x0 + 3, y, 8, label[:24]))
        row = lookup(apps, path) or {}
        for c, key in enumerate(COLUMNS):
            v = row.get(key)
            if v is not None:
                out.append(text(xs[c + 1] + 18, y, 10, str(v)))
    return ''.join(out)


def pdf(pages):
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    font = add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H '
               '/DescendantFonts [2 0 R] >>')
    add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light '
        '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 3 0 R /DW 1000 >>')
    add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] '
        '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>')
    pages_id = len(objs) + 1 + 2 * len(pages) + 1
    kids = []
    for content in pages:
        data = content.encode('latin-1')
        c = add('<< /Length %d >>\nstream\n' % len(data) + content + '\nendstream')
        kids.append(add('<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R '
                        '/Resources << /Font << /F1 %d 0 R >> >> >>' % (pages_id, c, font)))
    catalog = add('<< /Type /Catalog /Pages %d 0 R >>' % pages_id)
    add('<< /Type /Pages /Kids [%s] /Count %d >>' % (' '.join('%d 0 R' % k for k in kids), len(kids)))
    out = bytearray(b'%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += ('%d 0 obj\n' % i).encode() + body.encode('latin-1') + b'\nendobj\n'
    xref = len(out)
    out += ('xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)).encode()
    for o in offsets:
        out += ('%010d 00000 n \n' % o).encode()
    out += ('trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, catalog, xref)).encode()
    return bytes(out)


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for path in sorted(glob.glob(os.path.join(ROOT, 'samples', '*.expected.json'))):
        doc = json.load(open(path, encoding='utf-8'))
        name = os.path.basename(path).replace('.expected.json', '')
        data = pdf([prose_page(doc), table_page(doc)])
        with open(os.path.join(out_dir, 'synth-%s.pdf' % name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
