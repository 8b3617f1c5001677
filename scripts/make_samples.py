#!/usr/bin/python3
"""Generate the test samples of nianbao: typed PDFs of 政府信息公开工作年度报告
and, for each, the expected report JSON.

    scripts/make_samples.py            regenerate every sample, samples/bad/ and samples/README.md
    scripts/make_samples.py NAME...    regenerate only the named samples (e.g. h01_xiqu_2023, bad)
    scripts/make_samples.py --list     list the sample names
    scripts/make_samples.py --readme   rewrite samples/README.md only

Each sample is held below as structured data (title lines, prose sections as
lists of paragraphs, the printed strings of the three tables, signature, date
and quirk switches).  It is rendered by one of two producers:

  html  HTML -> PDF with headless Chromium
  docx  .docx written with python-docx -> PDF with LibreOffice (soffice)

The expected JSON is computed from the structured data only (never from an
extractor's output): the printed cell strings are parsed ("—" "-" "/" "无"
"0.00" -> 0, blank -> null), the consistency rules of
shared/spec/report-json.md are evaluated, and source.sha256 / source.pages
are taken from the PDF that was produced.

Markup inside paragraph and cell strings (never part of the expected text):
  **bold**   a bold run            ^^[1]^^   a superscript run
  leading §  the paragraph is a sub-heading printed as its own (bold) line
  \\n         a forced line break inside a table cell

Requires: /usr/bin/python3 with python3-docx, chromium, soffice (LibreOffice),
pdfinfo / pdftotext / pdffonts (poppler-utils), qpdf, fonts-noto-cjk,
fonts-wqy-zenhei, fonts-arphic-uming.
"""
import copy
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'samples')

# ---------------------------------------------------------------------------
# The national format: row catalogue of table 三, keys of the JSON
# ---------------------------------------------------------------------------

COLS = ['natural_person', 'commercial', 'research', 'social_welfare',
        'legal_services', 'other_org', 'total']
OUTCOMES = ['upheld', 'corrected', 'other', 'pending', 'total']
REVIEW_KEYS = ['review', 'litigation_direct', 'litigation_after_review']

GROUP_LABELS = {
    'denied': '（三）不予公开',
    'unable': '（四）无法提供',
    'not_processed': '（五）不予处理',
    'other': '（六）其他处理',
}
SUB_ROWS = {
    'denied': [('state_secret', '1.属于国家秘密'),
               ('prohibited_by_law', '2.其他法律行政法规禁止公开'),
               ('security_stability', '3.危及“三安全一稳定”'),
               ('third_party_rights', '4.保护第三方合法权益'),
               ('internal_affairs', '5.属于三类内部事务信息'),
               ('process_information', '6.属于四类过程性信息'),
               ('enforcement_files', '7.属于行政执法案卷'),
               ('query_matters', '8.属于行政查询事项')],
    'unable': [('not_held', '1.本机关不掌握相关政府信息'),
               ('needs_creation', '2.没有现成信息需要另行制作'),
               ('unclear', '3.补正后申请内容仍不明确')],
    'not_processed': [('complaint', '1.信访举报投诉类申请'),
                      ('repeated', '2.重复申请'),
                      ('publication', '3.要求提供公开出版物'),
                      ('excessive', '4.无正当理由大量反复申请'),
                      ('confirmation', '5.要求行政机关确认或重新出具已获取信息')],
    'other': [('no_correction', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
              ('no_fee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
              ('other', '3.其他')],
}
TOP_LABELS = {
    'new': '一、本年新收政府信息公开申请数量',
    'carried_over': '二、上年结转政府信息公开申请数量',
    'results': '三、本年度办理结果',
    'granted': '（一）予以公开',
    'partly_granted': '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    'total': '（七）总计',
    'carried_forward': '四、结转下年度继续办理',
}
CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'
SECTION_TITLES = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
                  '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况',
                  '六、其他需要报告的事项']


def app_row_paths(single_other):
    """Row paths of applications in printed order."""
    paths = ['new', 'carried_over', 'granted', 'partly_granted']
    for g in ('denied', 'unable', 'not_processed', 'other'):
        if g == 'other' and single_other:
            paths.append('other')
        else:
            paths += [g + '/' + k for k, _ in SUB_ROWS[g]]
    return paths + ['total', 'carried_forward']


OUTCOME_PATHS_2021 = [p for p in app_row_paths(False)
                      if p not in ('new', 'carried_over', 'total', 'carried_forward')]


# ---------------------------------------------------------------------------
# Helpers to write the numbers of a sample
# ---------------------------------------------------------------------------

def make_apps(new, carried_over=None, outcomes=None, single_other=False):
    """Consistent table 三 numbers: the (七)总计 row is the sum of the outcome rows,
    the 四、结转 row is new + carried_over - total, every row total is the row sum.
    Arguments are 6-lists (natural_person .. other_org).  Returns {path: [7 ints]}."""
    zero = [0] * 6
    carried_over = carried_over or zero
    outcomes = outcomes or {}
    paths = app_row_paths(single_other)
    res_paths = [p for p in paths if p not in ('new', 'carried_over', 'total', 'carried_forward')]
    for p in outcomes:
        assert p in res_paths, p
    rows = {}
    for p in paths:
        rows[p] = list(outcomes.get(p, zero))
    rows['new'] = list(new)
    rows['carried_over'] = list(carried_over)
    rows['total'] = [sum(rows[p][i] for p in res_paths) for i in range(6)]
    rows['carried_forward'] = [new[i] + carried_over[i] - rows['total'][i] for i in range(6)]
    assert min(rows['carried_forward']) >= 0, rows['carried_forward']
    return {p: v + [sum(v)] for p, v in rows.items()}


def printed_apps(apps, zero='0'):
    return {p: [zero if v == 0 else str(v) for v in vals] for p, vals in apps.items()}


def make_reviews(review, direct, after, zero='0'):
    out = []
    for four in (review, direct, after):
        for v in list(four) + [sum(four)]:
            out.append(zero if v == 0 else str(v))
    return out


# ---------------------------------------------------------------------------
# Parsing the printed strings (the expected values come from here)
# ---------------------------------------------------------------------------

ZERO_MARKS = {'—', '-', '/', '无', '－', '–', '——', '／'}


def to_number(d):
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def parse_count(s):
    t = s.strip()
    if t == '':
        return None
    if t in ZERO_MARKS:
        return 0
    return to_number(Decimal(t.replace(',', '')))


def parse_signed(s):
    t = s.strip()
    if t == '':
        return None
    if t in ZERO_MARKS:
        return 0
    return to_number(Decimal(t.lstrip('+')))


def parse_amount(s, header_in_yuan=False):
    t = s.strip()
    if t == '':
        return None
    if t in ZERO_MARKS:
        return 0
    in_yuan = header_in_yuan
    if t.endswith('万元'):
        t = t[:-2]
        in_yuan = False
    elif t.endswith('元'):
        t = t[:-1]
        in_yuan = True
    d = Decimal(t.replace(',', ''))
    if in_yuan:
        d = d / Decimal(10000)
    return to_number(d)


# ---------------------------------------------------------------------------
# Inline markup
# ---------------------------------------------------------------------------

def runs(text):
    """[(text, bold, sup)]"""
    out, pos = [], 0
    for m in re.finditer(r'\*\*(.+?)\*\*|\^\^(.+?)\^\^', text):
        if m.start() > pos:
            out.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            out.append((m.group(1), True, False))
        else:
            out.append((m.group(2), False, True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False, False))
    return out


def plain(text):
    return ''.join(t for t, _, _ in runs(text.lstrip('§')))


def norm(text):
    return ' '.join(plain(text).split())


# ---------------------------------------------------------------------------
# Expected JSON
# ---------------------------------------------------------------------------

CN_DIGITS = {'〇': 0, '○': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5,
             '六': 6, '七': 7, '八': 8, '九': 9}


def cn_num(s):
    if all(c in CN_DIGITS for c in s) and len(s) >= 3:       # 二〇二四
        return int(''.join(str(CN_DIGITS[c]) for c in s))
    n = 0                                                    # 十七, 二十一, 十, 九
    if '十' in s:
        a, _, b = s.partition('十')
        n = (CN_DIGITS[a] if a else 1) * 10 + (CN_DIGITS[b] if b else 0)
    else:
        n = CN_DIGITS[s]
    return n


def iso_date(s):
    if s is None:
        return None
    t = re.sub(r'\s+', '', s)
    m = re.fullmatch(r'(\d{4})年(\d{1,2})月(\d{1,2})日', t)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r'(.+)年(.+)月(.+)日', t)
        y, mo, d = cn_num(m.group(1)), cn_num(m.group(2)), cn_num(m.group(3))
    return '%04d-%02d-%02d' % (y, mo, d)


def expected_report(s):
    title = re.sub(r'\s+', '', ''.join(s['title']))
    m = re.search(r'(\d{4})年', title)
    year = int(m.group(1))
    org = title[:m.start()]
    if not org:
        org = re.sub(r'\s+', '', s['signature'])
    return {
        'title': title,
        'organization': org,
        'year': year,
        'published': iso_date(s.get('date')),
        'format': s['format'],
    }


def expected_active(s):
    a = s['active']
    if s['format'] == '2021':
        return {
            'regulations': dict(zip(['issued', 'repealed', 'in_force'], map(parse_count, a['regulations']))),
            'normative_documents': dict(zip(['issued', 'repealed', 'in_force'], map(parse_count, a['normative']))),
            'licensing': {'decisions': parse_count(a['licensing'])},
            'penalty': {'decisions': parse_count(a['penalty'])},
            'coercion': {'decisions': parse_count(a['coercion'])},
            'fees': {'amount': parse_amount(a['fees'])},
        }
    three = ['previous_items', 'change', 'decisions']

    def svc(v):
        return {'previous_items': parse_count(v[0]), 'change': parse_signed(v[1]),
                'decisions': parse_count(v[2])}
    return {
        'regulations': dict(zip(['made', 'published', 'total_published'], map(parse_count, a['regulations']))),
        'normative_documents': dict(zip(['made', 'published', 'total_published'], map(parse_count, a['normative']))),
        'licensing': svc(a['licensing']),
        'other_services': svc(a['other_services']),
        'penalty': svc(a['penalty']),
        'coercion': svc(a['coercion']),
        'fees': {'previous_items': parse_count(a['fees'][0]), 'change': parse_signed(a['fees'][1])},
        'procurement': {'items': parse_count(a['procurement'][0]),
                        'amount': parse_amount(a['procurement'][1],
                                               header_in_yuan=a.get('procurement_unit') == '元')},
    }


def single_other(s):
    return s['format'] == '2019' or s.get('single_other', False)


def expected_applications(s):
    rows = s['apps']
    so = single_other(s)
    paths = app_row_paths(so)
    assert set(rows) == set(paths), set(rows) ^ set(paths)
    out = {}
    for p in paths:
        row = dict(zip(COLS, map(parse_count, rows[p])))
        if '/' in p:
            g, k = p.split('/')
            out.setdefault(g, {})[k] = row
        else:
            out[p] = row
    order = ['new', 'carried_over', 'granted', 'partly_granted', 'denied', 'unable',
             'not_processed', 'other', 'total', 'carried_forward']
    return {k: out[k] for k in order}


def expected_reviews(s):
    vals = list(map(parse_count, s['reviews']))
    assert len(vals) == 15
    return {k: dict(zip(OUTCOMES, vals[i * 5:(i + 1) * 5])) for i, k in enumerate(REVIEW_KEYS)}


def compute_issues(doc, so):
    issues = []

    def walk(node, ptr):
        for k, v in node.items():
            p = ptr + '/' + k
            if isinstance(v, dict):
                walk(v, p)
            elif v is None:
                issues.append({'code': 'missing_value', 'severity': 'warning', 'pointer': p,
                               'message': 'The table cell is blank; no value was printed.'})
    for top in ('active_disclosure', 'applications', 'reviews'):
        walk(doc[top], '/' + top)
    apps = doc['applications']
    if so:
        issues.append({'code': 'other_single_row', 'severity': 'warning', 'pointer': '/applications/other',
                       'message': '（六）其他处理 is printed as one row without sub-rows.'})

    def row_items():
        for k, v in apps.items():
            if all(c in v for c in COLS):
                yield '/applications/' + k, v
            else:
                for k2, v2 in v.items():
                    yield '/applications/' + k + '/' + k2, v2
    outcome_rows = [(p, r) for p, r in row_items()
                    if p not in ('/applications/new', '/applications/carried_over',
                                 '/applications/total', '/applications/carried_forward')]
    # rule 1
    for c in COLS:
        ops = [apps['new'][c], apps['carried_over'][c], apps['total'][c], apps['carried_forward'][c]]
        if None in ops:
            continue
        if ops[0] + ops[1] != ops[2] + ops[3]:
            issues.append({'code': 'rule1_balance', 'severity': 'error',
                           'pointer': '/applications/carried_forward/' + c,
                           'message': 'new + carried_over (%d) != total + carried_forward (%d) in column %s.'
                                      % (ops[0] + ops[1], ops[2] + ops[3], c)})
    # rule 2
    for p, r in row_items():
        ops = [r[c] for c in COLS]
        if None in ops:
            continue
        if sum(ops[:6]) != ops[6]:
            issues.append({'code': 'rule2_row_sum', 'severity': 'error', 'pointer': p + '/total',
                           'message': 'Row total %d != sum of the six applicant columns %d.'
                                      % (ops[6], sum(ops[:6]))})
    # rule 3
    for c in COLS:
        ops = [r[c] for _, r in outcome_rows]
        t = apps['total'][c]
        if None in ops or t is None:
            continue
        if sum(ops) != t:
            issues.append({'code': 'rule3_outcome_sum', 'severity': 'error', 'pointer': '/applications/total/' + c,
                           'message': '（七）总计 %d != sum of the outcome rows %d in column %s.'
                                      % (t, sum(ops), c)})
    # rule 4
    for k in REVIEW_KEYS:
        r = doc['reviews'][k]
        ops = [r[o] for o in OUTCOMES]
        if None in ops:
            continue
        if sum(ops[:4]) != ops[4]:
            issues.append({'code': 'rule4_review_sum', 'severity': 'error', 'pointer': '/reviews/%s/total' % k,
                           'message': 'Total %d != upheld + corrected + other + pending %d.'
                                      % (ops[4], sum(ops[:4]))})
    return issues


def expected_doc(s, pdf_path):
    data = open(pdf_path, 'rb').read()
    doc = {
        'schema_version': '1.0',
        'source': {
            'path': 'samples/%s.pdf' % s['name'],
            'sha256': hashlib.sha256(data).hexdigest(),
            'media': 'pdf',
            'pages': pdf_pages(pdf_path),
            'text_layer': 'native',
        },
        'report': expected_report(s),
        'sections': {
            'overview': '\n'.join(norm(p) for p in s['overview']),
            'problems': '\n'.join(norm(p) for p in s['problems']),
            'other': '\n'.join(norm(p) for p in s['other']),
        },
        'active_disclosure': expected_active(s),
        'applications': expected_applications(s),
        'reviews': expected_reviews(s),
    }
    doc['issues'] = compute_issues(doc, single_other(s))
    return doc


# ---------------------------------------------------------------------------
# Table specs shared by both producers
#   cell = dict(t=text, cs=colspan, rs=rowspan, kind='label'|'value'|'head'|'band',
#               align='c'|'l', vmode=None|'wm'|'chars'|'tbrl', spaced=bool)
# ---------------------------------------------------------------------------

def C(t, cs=1, rs=1, kind='value', **kw):
    d = dict(t=t, cs=cs, rs=rs, kind=kind)
    d.update(kw)
    return d


def head_text(t, mode):
    """Header-cell text in one of the header styles."""
    if mode == 'onechar':
        return '\n'.join(t.replace(' ', ''))
    if mode == 'wrap2':
        return {'商业企业': '商业\n企业', '科研机构': '科研\n机构', '社会公益组织': '社会公\n益组织',
                '法律服务机构': '法律服\n务机构', '法人或其他组织': '法人或其\n他组织',
                '结果维持': '结果\n维持', '结果纠正': '结果\n纠正', '其他结果': '其他\n结果',
                '尚未审结': '尚未\n审结'}.get(t, t)
    return t


def table2_spec(s):
    a = s['active']
    st = s['style']
    lab = s.get('labels', {})
    fmark = st.get('footnote_marker', '')
    rows = []

    def band(t):
        rows.append({'cells': [C(t, cs=4, kind='band', align='l' if st.get('t2_band_left', True) else 'c')]})

    def hdr(cells):
        rows.append({'cells': [C(t, cs=cs, kind='head') for t, cs in cells]})

    def val(label, vals, spans=None):
        spans = spans or [1] * len(vals)
        rows.append({'cells': [C(label, kind='label')] +
                     [C(v, cs=cs) for v, cs in zip(vals, spans)]})
    art = st.get('t2_article', '第二十条第（{}）项')
    if s['format'] == '2021':
        band(art.format('一') + fmark)
        hdr([('信息内容', 1), ('本年制发件数', 1), (lab.get('repealed_head', '本年废止件数'), 1), ('现行有效件数', 1)])
        val('规章', a['regulations'])
        val(lab.get('normative', '行政规范性文件'), a['normative'])
        band(art.format('五'))
        hdr([('信息内容', 1), ('本年处理决定数量', 3)])
        val('行政许可', [a['licensing']], [3])
        band(art.format('六'))
        hdr([('信息内容', 1), ('本年处理决定数量', 3)])
        val('行政处罚', [a['penalty']], [3])
        val('行政强制', [a['coercion']], [3])
        band(art.format('八'))
        hdr([('信息内容', 1), (lab.get('fees_head', '本年收费金额（单位：万元）'), 3)])
        val('行政事业性收费', [a['fees']], [3])
        widths = [34, 22, 22, 22]
    else:
        band(art.format('一') + fmark)
        hdr([('信息内容', 1), ('本年新制作数量', 1), ('本年新公开数量', 1), ('对外公开总数量', 1)])
        val('规章', a['regulations'])
        val(lab.get('normative', '规范性文件'), a['normative'])
        band(art.format('五'))
        hdr([('信息内容', 1), ('上一年项目数量', 1), ('本年增/减', 1), ('处理决定数量', 1)])
        val('行政许可', a['licensing'])
        val('其他对外管理服务事项', a['other_services'])
        band(art.format('六'))
        hdr([('信息内容', 1), ('上一年项目数量', 1), ('本年增/减', 1), ('处理决定数量', 1)])
        val('行政处罚', a['penalty'])
        val('行政强制', a['coercion'])
        band(art.format('八'))
        hdr([('信息内容', 1), ('上一年项目数量', 1), ('本年增/减', 2)])
        val('行政事业性收费', a['fees'], [1, 2])
        band(art.format('九'))
        unit = a.get('procurement_unit')
        amount_head = '采购总金额' + ('（%s）' % unit if unit else '')
        hdr([('信息内容', 1), ('采购项目数量', 1), (amount_head, 2)])
        val('政府集中采购', a['procurement'], [1, 2])
        widths = [34, 22, 22, 22]
    return {'cols': widths, 'rows': rows, 'size': st.get('t2_size', 10.5), 'name': 't2'}


def table3_spec(s):
    st = s['style']
    lab = dict(s.get('labels', {}))
    numbering = st.get('numbering', '1.')
    hmode = st.get('t3_head', 'normal')
    vmode = st.get('t3_vlabel')           # None | 'wm' | 'chars' | 'tbrl'
    so = single_other(s)
    align = st.get('t3_label_align', 'c')

    def L(path, default):
        t = lab.get(path, default)
        if numbering != '1.' and path not in lab:
            t = re.sub(r'^(\d)\.', lambda m: m.group(1) + numbering[1:], t)
        return t

    def H(t):
        return C(head_text(t, hmode), kind='head', spaced=(hmode == 'spaced'))
    rows = []
    hdr_rs = 3
    r0 = [C(CORNER, cs=3, rs=3, kind='head'), C('申请人情况', cs=7, kind='head')]
    r1 = [dict(H('自然人'), rs=2),
          C(head_text('法人或其他组织', hmode) if hmode != 'onechar' else '法人或其他组织', cs=5, kind='head',
            spaced=(hmode == 'spaced')),
          dict(H('总计'), rs=2)]
    r2 = [H(t) for t in ('商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他')]
    for cells in (r0, r1, r2):
        rows.append({'cells': cells, 'header': True})
    vals = s['apps']

    def V(path):
        return [C(v) for v in vals[path]]
    rows.append({'cells': [C(L('new', TOP_LABELS['new']), cs=3, kind='label', align=align)] + V('new'), 'path': 'new'})
    rows.append({'cells': [C(L('carried_over', TOP_LABELS['carried_over']), cs=3, kind='label', align=align)]
                 + V('carried_over'), 'path': 'carried_over'})
    n_res = 2 + 8 + 3 + 5 + (1 if so else 3) + 1
    res_text = L('results', TOP_LABELS['results'])
    if vmode == 'chars':
        res_text = '\n'.join(res_text)
    res_cell = C(res_text, rs=n_res, kind='label', vmode=vmode if vmode in ('wm', 'tbrl') else None)
    first = True

    def lead():
        nonlocal first
        if first:
            first = False
            return [res_cell]
        return []
    for p in ('granted', 'partly_granted'):
        rows.append({'cells': lead() + [C(L(p, TOP_LABELS[p]), cs=2, kind='label', align=align)] + V(p), 'path': p})
    for g in ('denied', 'unable', 'not_processed', 'other'):
        if g == 'other' and so:
            rows.append({'cells': lead() + [C(L('other', GROUP_LABELS['other']), cs=2, kind='label', align=align)]
                         + V('other'), 'path': 'other'})
            continue
        subs = SUB_ROWS[g]
        for i, (k, default) in enumerate(subs):
            p = g + '/' + k
            cells = lead()
            if i == 0:
                cells.append(C(L(g, GROUP_LABELS[g]), rs=len(subs), kind='label'))
            cells.append(C(L(p, default), kind='label', align='l' if st.get('t3_sub_left') else align))
            rows.append({'cells': cells + V(p), 'path': p})
    rows.append({'cells': [C(L('total', TOP_LABELS['total']), cs=2, kind='label', align=align)] + V('total'),
                 'path': 'total'})
    rows.append({'cells': [C(L('carried_forward', TOP_LABELS['carried_forward']), cs=3, kind='label', align=align)]
                 + V('carried_forward'), 'path': 'carried_forward'})
    widths = st.get('t3_widths', [7, 8, 27] + [8.2857] * 7)
    return {'cols': widths, 'rows': rows, 'size': st.get('t3_size', 10.5), 'repeat': st.get('t3_repeat', False),
            'name': 't3', 'hdr_rows': hdr_rs}


def table4_spec(s):
    st = s['style']
    lab = s.get('labels', {})
    hmode = st.get('t4_head', 'normal')

    def H(t, **kw):
        d = C(head_text(t, hmode), kind='head', spaced=(hmode == 'spaced'))
        d.update(kw)
        return d
    outs = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']
    rows = [
        {'cells': [C(lab.get('review_head', '行政复议'), cs=5, kind='head'),
                   C(lab.get('litigation_head', '行政诉讼'), cs=10, kind='head')], 'header': True},
        {'cells': [H(t, rs=2) for t in outs] + [C('未经复议直接起诉', cs=5, kind='head'),
                                                C('复议后起诉', cs=5, kind='head')], 'header': True},
        {'cells': [H(t) for t in outs * 2], 'header': True},
        {'cells': [C(v) for v in s['reviews']]},
    ]
    return {'cols': [100 / 15] * 15, 'rows': rows, 'size': st.get('t4_size', 9), 'name': 't4'}


def layout_grid(spec):
    """Place the cells on a grid like the HTML table algorithm: [(r, c, cell)], n_cols."""
    n_cols = len(spec['cols'])
    occ = set()
    placed = []
    for r, row in enumerate(spec['rows']):
        c = 0
        for cell in row['cells']:
            while (r, c) in occ:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell['rs']):
                for dc in range(cell['cs']):
                    occ.add((r + dr, c + dc))
            c += cell['cs']
        assert c <= n_cols, (spec['name'], r, c)
    for r in range(len(spec['rows'])):
        for c in range(n_cols):
            assert (r, c) in occ, (spec['name'], r, c)
    return placed, n_cols


# ---------------------------------------------------------------------------
# Producer (a): HTML -> PDF with headless Chromium
# ---------------------------------------------------------------------------

def esc(t):
    return html.escape(t, quote=False)


def inline_html(text, nbsp=True):
    out = []
    for t, bold, sup in runs(text):
        e = esc(t)
        if nbsp:
            e = e.replace(' ', '&nbsp;')
        e = e.replace('\n', '<br>')
        if bold:
            e = '<b>' + e + '</b>'
        if sup:
            e = '<sup>' + e + '</sup>'
        out.append(e)
    return ''.join(out)


def html_table(spec, st):
    placed, n_cols = layout_grid(spec)
    by_row = {}
    for r, c, cell in placed:
        by_row.setdefault(r, []).append(cell)
    cls = 'tbl ' + spec['name']
    out = ['<table class="%s" style="font-size:%spt">' % (cls, spec['size'])]
    out.append('<colgroup>' + ''.join('<col style="width:%.4f%%">' % w for w in spec['cols']) + '</colgroup>')
    n_hdr = sum(1 for row in spec['rows'] if row.get('header'))
    repeat = spec.get('repeat')
    for r, row in enumerate(spec['rows']):
        if r == 0 and repeat and n_hdr:
            out.append('<thead>')
        if r == n_hdr and repeat and n_hdr:
            out.append('</thead><tbody>')
        if r == 0 and not (repeat and n_hdr):
            out.append('<tbody>')
        tds = []
        for cell in by_row.get(r, []):
            attrs = []
            if cell['cs'] > 1:
                attrs.append('colspan="%d"' % cell['cs'])
            if cell['rs'] > 1:
                attrs.append('rowspan="%d"' % cell['rs'])
            klass = [cell['kind']]
            if cell.get('align') == 'l':
                klass.append('al')
            if cell.get('spaced'):
                klass.append('spaced')
            attrs.append('class="%s"' % ' '.join(klass))
            inner = inline_html(cell['t'])
            if cell.get('vmode') == 'wm':
                inner = '<div class="vrl">%s</div>' % inner
            tds.append('<td %s>%s</td>' % (' '.join(attrs), inner))
        out.append(('<tr class="hdr">' if row.get('header') else '<tr>') + ''.join(tds) + '</tr>')
    out.append('</tbody></table>')
    return '\n'.join(out)


def build_html(s, tune):
    st = s['style']
    body_font = st.get('body_font', 'AR PL UMing CN')
    head_font = st.get('head_font', 'WenQuanYi Zen Hei')
    title_font = st.get('title_font', head_font)
    size = st.get('body_size', 16)
    lh = st.get('line_height', 28)
    footer = ''
    if st.get('footer'):
        footer = ('@bottom-center { content: "— " counter(page) " —"; font-family: "%s"; font-size: 14pt; '
                  'vertical-align: top; padding-top: 6mm; }' % body_font)
    border = st.get('border', '0.75pt')
    # Chromium draws synthetic bold (a font without a bold face: AR PL UMing, WenQuanYi Zen Hei) as
    # Type 3 path glyphs, which makes big files; those samples print emphasis in the heading font
    # (黑体) instead, as many real reports do.  real_bold=True (Noto CJK, which has a bold face) uses bold.
    rb = st.get('real_bold', False)

    def fw(flag):
        return 'bold' if (flag and rb) else 'normal'
    css = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; %(footer)s }
html, body { margin: 0; padding: 0; }
body { font-family: "%(body)s"; font-size: %(size)spt; line-height: %(lh)spt; color: #000; }
.title { font-family: "%(title)s"; font-size: 22pt; line-height: 36pt; text-align: center; font-weight: %(tweight)s; }
.titleblock { margin-bottom: %(lh)spt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
b { font-weight: %(bweight)s; %(bfamily)s }
p.sub { font-weight: %(bweight)s; %(bfamily)s }
h2.sec { font-family: "%(head)s"; font-size: %(size)spt; line-height: %(lh)spt; font-weight: %(hweight)s;
         margin: 0; text-indent: 2em; }
.sig { text-align: right; text-indent: 0; padding-right: %(sigpad)sem; }
.sigspace { height: %(lh)spt; }
table.tbl { border-collapse: collapse; table-layout: fixed; width: 100%%; line-height: 1.3; margin: 4pt 0 8pt 0; }
table.t3 { line-height: %(t3lh)s; }
table.tbl td { border: %(border)s solid #000; text-align: center; vertical-align: middle; padding: %(pad)s;
               word-break: break-all; }
table.tbl td.al { text-align: left; }
table.tbl td.band { background: #e3e8f0; font-weight: %(bweight)s; %(bfamily)s }
table.tbl td.head { font-weight: %(thweight)s; }
table.tbl td.spaced { letter-spacing: 0.6em; }
.vrl { writing-mode: vertical-rl; text-orientation: upright; margin: 0 auto; display: inline-block;
       letter-spacing: 0.15em; }
p.fn { font-size: 10.5pt; line-height: 16pt; text-indent: 0; margin-bottom: 6pt; }
tr.hdr { break-inside: avoid; break-after: avoid; }
table.tbl td { orphans: 1; widows: 1; }
h2.sec { break-after: avoid; }
""" % dict(footer=footer, body=body_font, size=size, lh=lh, title=title_font, head=head_font,
           tweight=fw(st.get('title_bold')), hweight=fw(st.get('head_bold')), sigpad=st.get('sig_pad', 2),
           border=border, pad=st.get('cell_pad', '2pt 2pt'), bweight=fw(True),
           bfamily='' if rb else 'font-family: "%s";' % head_font,
           thweight=fw(st.get('table_head_bold')), t3lh=st.get('t3_line_height', 1.3))
    parts = ['<div class="titleblock">']
    for line in s['title']:
        parts.append('<div class="title">%s</div>' % inline_html(line))
    parts.append('</div>')
    for p in s.get('preamble', []):
        parts.append(para_html(p))
    for i, title in enumerate(SECTION_TITLES):
        n = i + 1
        style = []
        if n in st.get('newpage_before', ()):
            style.append('break-before: page')
        if n == st.get('tune_section', 3) and tune:
            style.append('padding-top: %.1fpt' % tune)
        parts.append('<h2 class="sec"%s>%s</h2>' % (' style="%s"' % '; '.join(style) if style else '', title))
        if n == 1:
            parts += [para_html(p) for p in s['overview']]
        elif n == 2:
            parts.append(html_table(table2_spec(s), st))
            if st.get('footnote'):
                parts.append('<p class="fn">%s</p>' % inline_html(st['footnote']))
        elif n == 3:
            parts.append(html_table(table3_spec(s), st))
        elif n == 4:
            parts.append(html_table(table4_spec(s), st))
        elif n == 5:
            parts += [para_html(p) for p in s['problems']]
        else:
            parts += [para_html(p) for p in s['other']]
    if s.get('signature') or s.get('date'):
        parts.append('<div class="sigspace"></div>')
        if s.get('signature'):
            parts.append('<p class="sig">%s</p>' % inline_html(s['signature']))
        if s.get('date'):
            parts.append('<p class="sig">%s</p>' % inline_html(s['date']))
    return ('<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>%s</title><style>%s</style>'
            '</head><body>\n%s\n</body></html>\n' % (esc(''.join(s['title'])), css, '\n'.join(parts)))


def para_html(p):
    if p.startswith('§'):
        return '<p class="sub">%s</p>' % inline_html(p[1:])
    return '<p>%s</p>' % inline_html(p)


def chromium_pdf(html_path, pdf_path, header_footer=False):
    """Prints a page to PDF; header_footer keeps the browser's own date, title, address and page
    number in the page margins, as a page printed from a browser has them."""
    prof = tempfile.mkdtemp(prefix='chr-')
    try:
        cmd = ['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
               '--disable-background-networking', '--disable-component-update', '--disable-sync',
               '--user-data-dir=' + prof, '--print-to-pdf=' + pdf_path,
               'file://' + os.path.abspath(html_path)]
        if not header_footer:
            cmd.insert(-2, '--no-pdf-header-footer')
        if os.path.exists(pdf_path):
            os.remove(pdf_path)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
        if not os.path.exists(pdf_path):
            raise RuntimeError('chromium produced no PDF for ' + html_path)
    finally:
        shutil.rmtree(prof, ignore_errors=True)


def render_html(s, tune, pdf_path, work):
    hp = os.path.join(work, s['name'] + '.html')
    with open(hp, 'w', encoding='utf-8') as f:
        f.write(build_html(s, tune))
    chromium_pdf(hp, pdf_path)


# ---------------------------------------------------------------------------
# Producer (b): python-docx -> PDF with LibreOffice
# ---------------------------------------------------------------------------

def render_docx(s, tune, pdf_path, work):
    import docx
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    st = s['style']
    body_font = st.get('body_font', 'Noto Serif CJK SC')
    ascii_font = st.get('ascii_font', body_font)
    head_font = st.get('head_font', 'WenQuanYi Zen Hei')
    title_font = st.get('title_font', head_font)
    size = st.get('body_size', 16)
    lh = st.get('line_height', 28)

    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    sec.footer_distance = Mm(25)
    text_width_mm = 210 - 28 - 26

    def set_font(run, font, sz, bold=False, sup=False, afont=None):
        run.font.name = afont or font
        rpr = run._r.get_or_add_rPr()
        rf = rpr.find(qn('w:rFonts'))
        if rf is None:
            rf = OxmlElement('w:rFonts')
            rpr.insert(0, rf)
        rf.set(qn('w:eastAsia'), font)
        rf.set(qn('w:ascii'), afont or font)
        rf.set(qn('w:hAnsi'), afont or font)
        run.font.size = Pt(sz)
        run.font.bold = bold
        if sup:
            run.font.superscript = True
        run.font.color.rgb = RGBColor(0, 0, 0)

    normal = d.styles['Normal']
    normal.font.name = ascii_font
    normal.element.rPr.rFonts.set(qn('w:eastAsia'), body_font)
    normal.font.size = Pt(size)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)

    def fmt_para(p, align, indent_chars=0, sz=size, line=lh, before=0):
        p.alignment = align
        f = p.paragraph_format
        f.space_before = Pt(before)
        f.space_after = Pt(0)
        if line:
            f.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            f.line_spacing = Pt(line)
        else:
            f.line_spacing = 1.0
        f.first_line_indent = Pt(sz * indent_chars) if indent_chars else None
        f.widow_control = True

    def add_runs(p, text, font, sz, bold=False, afont=None):
        for t, b, sup in runs(text):
            lines = t.split('\n')
            for i, line in enumerate(lines):
                r = p.add_run(line)
                set_font(r, font, sz, bold or b, sup, afont)
                if i < len(lines) - 1:
                    r.add_break()

    def prose(text):
        p = d.add_paragraph()
        sub = text.startswith('§')
        fmt_para(p, WD_ALIGN_PARAGRAPH.JUSTIFY, 2)
        add_runs(p, text.lstrip('§'), body_font, size, bold=sub, afont=ascii_font)
        return p

    # footer with the page number
    if st.get('footer'):
        fp = sec.footer.paragraphs[0]
        fp.alignment = {'c': WD_ALIGN_PARAGRAPH.CENTER, 'r': WD_ALIGN_PARAGRAPH.RIGHT}[st.get('footer_align', 'c')]

        def frun(t):
            r = fp.add_run(t)
            set_font(r, body_font, 14, afont=ascii_font)
            return r

        def fld(kind, text=None):
            r = fp.add_run()
            set_font(r, body_font, 14, afont=ascii_font)
            if kind == 'instr':
                e = OxmlElement('w:instrText')
                e.set(qn('xml:space'), 'preserve')
                e.text = text
            else:
                e = OxmlElement('w:fldChar')
                e.set(qn('w:fldCharType'), kind)
            r._r.append(e)
        frun('-')
        fld('begin')
        fld('instr', ' PAGE ')
        fld('separate')
        frun('1')
        fld('end')
        frun('-')

    # title
    for i, line in enumerate(s['title']):
        p = d.add_paragraph()
        fmt_para(p, WD_ALIGN_PARAGRAPH.CENTER, 0, 22, 36)
        add_runs(p, line, title_font, 22, bold=st.get('title_bold', False))
    p = d.add_paragraph()
    fmt_para(p, WD_ALIGN_PARAGRAPH.CENTER, 0)

    for t in s.get('preamble', []):
        prose(t)

    def table(spec):
        placed, n_cols = layout_grid(spec)
        n_rows = len(spec['rows'])
        tb = d.add_table(rows=n_rows, cols=n_cols)
        tb.alignment = WD_TABLE_ALIGNMENT.CENTER
        tb.autofit = False
        tblPr = tb._tbl.tblPr
        lay = OxmlElement('w:tblLayout')
        lay.set(qn('w:type'), 'fixed')
        tblPr.append(lay)
        bsz = str(st.get('docx_border', 6))
        borders = OxmlElement('w:tblBorders')
        for edge in ('top', 'left', 'bottom', 'right', 'insideH', 'insideV'):
            e = OxmlElement('w:' + edge)
            e.set(qn('w:val'), 'single')
            e.set(qn('w:sz'), bsz)
            e.set(qn('w:space'), '0')
            e.set(qn('w:color'), '000000')
            borders.append(e)
        tblPr.append(borders)
        mar = OxmlElement('w:tblCellMar')
        for edge, v in (('left', 57), ('right', 57), ('top', 20), ('bottom', 20)):
            e = OxmlElement('w:' + edge)
            e.set(qn('w:w'), str(v))
            e.set(qn('w:type'), 'dxa')
            mar.append(e)
        tblPr.append(mar)
        total_tw = int(text_width_mm / 25.4 * 1440)
        ws = [int(total_tw * w / sum(spec['cols'])) for w in spec['cols']]
        grid = tb._tbl.tblGrid
        for gc, w in zip(grid.findall(qn('w:gridCol')), ws):
            gc.set(qn('w:w'), str(w))
        for row in tb.rows:
            for j, cell in enumerate(row.cells):
                cell.width = Emu_tw(w=ws[j])
        for r, row in enumerate(spec['rows']):
            if row.get('header') and spec.get('repeat'):
                trPr = tb.rows[r]._tr.get_or_add_trPr()
                trPr.append(OxmlElement('w:tblHeader'))
        for r, c, cell in placed:
            tc = tb.cell(r, c)
            if cell['rs'] > 1 or cell['cs'] > 1:
                tc = tc.merge(tb.cell(r + cell['rs'] - 1, c + cell['cs'] - 1))
            # content
            for extra in tc.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            p = tc.paragraphs[0]
            fmt_para(p, WD_ALIGN_PARAGRAPH.LEFT if cell.get('align') == 'l' else WD_ALIGN_PARAGRAPH.CENTER,
                     0, spec['size'], None)
            text = cell['t']
            if cell.get('spaced'):
                text = ' '.join(text)
            bold = cell['kind'] == 'band' or (cell['kind'] == 'head' and st.get('table_head_bold'))
            add_runs(p, text, st.get('table_font', body_font), spec['size'], bold=bold, afont=ascii_font)
            tc.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            tcPr = tc._tc.get_or_add_tcPr()
            if cell['kind'] == 'band':
                shd = OxmlElement('w:shd')
                shd.set(qn('w:val'), 'clear')
                shd.set(qn('w:color'), 'auto')
                shd.set(qn('w:fill'), 'E3E8F0')
                va = tcPr.find(qn('w:vAlign'))
                if va is not None:
                    va.addprevious(shd)
                else:
                    tcPr.append(shd)
            if cell.get('vmode') == 'tbrl':
                tdir = OxmlElement('w:textDirection')
                tdir.set(qn('w:val'), 'tbRl')
                va = tcPr.find(qn('w:vAlign'))
                if va is not None:
                    va.addprevious(tdir)
                else:
                    tcPr.append(tdir)
        return tb

    def Emu_tw(w):
        from docx.shared import Twips
        return Twips(w)

    for i, title in enumerate(SECTION_TITLES):
        n = i + 1
        p = d.add_paragraph()
        before = tune if (n == st.get('tune_section', 3) and tune) else 0
        fmt_para(p, WD_ALIGN_PARAGRAPH.LEFT, 2, before=before)
        p.paragraph_format.keep_with_next = True
        if n in st.get('newpage_before', ()):
            p.paragraph_format.page_break_before = True
        add_runs(p, title, head_font, size, bold=st.get('head_bold', False))
        if n == 1:
            for t in s['overview']:
                prose(t)
        elif n == 2:
            table(table2_spec(s))
            if st.get('footnote'):
                p = d.add_paragraph()
                fmt_para(p, WD_ALIGN_PARAGRAPH.LEFT, 0, 10.5, 16)
                add_runs(p, st['footnote'], body_font, 10.5, afont=ascii_font)
        elif n == 3:
            table(table3_spec(s))
        elif n == 4:
            table(table4_spec(s))
            p = d.add_paragraph()
            fmt_para(p, WD_ALIGN_PARAGRAPH.LEFT, 0, size, 12)
        elif n == 5:
            for t in s['problems']:
                prose(t)
        else:
            for t in s['other']:
                prose(t)
    if s.get('signature') or s.get('date'):
        p = d.add_paragraph()
        fmt_para(p, WD_ALIGN_PARAGRAPH.RIGHT, 0)
        for t in (s.get('signature'), s.get('date')):
            if t:
                p = d.add_paragraph()
                fmt_para(p, WD_ALIGN_PARAGRAPH.RIGHT, 0)
                p.paragraph_format.right_indent = Pt(size * st.get('sig_pad', 2))
                add_runs(p, t, body_font, size, afont=ascii_font)
    core = d.core_properties
    core.title = ''.join(s['title'])
    core.author = ''
    dp = os.path.join(work, s['name'] + '.docx')
    d.save(dp)
    soffice_pdf(dp, pdf_path, work)


def soffice_pdf(docx_path, pdf_path, work):
    prof = tempfile.mkdtemp(prefix='lo-')
    outdir = tempfile.mkdtemp(prefix='lo-out-', dir=work)
    try:
        cmd = ['soffice', '-env:UserInstallation=file://' + prof, '--headless', '--norestore',
               '--convert-to', 'pdf', '--outdir', outdir, docx_path]
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        produced = os.path.join(outdir, os.path.splitext(os.path.basename(docx_path))[0] + '.pdf')
        if not os.path.exists(produced):
            raise RuntimeError('soffice produced no PDF for ' + docx_path)
        shutil.move(produced, pdf_path)
    finally:
        shutil.rmtree(prof, ignore_errors=True)
        shutil.rmtree(outdir, ignore_errors=True)


# ---------------------------------------------------------------------------
# Checks on the produced PDF (poppler)
# ---------------------------------------------------------------------------

def pdf_pages(pdf):
    out = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True, check=True).stdout
    return int(re.search(r'^Pages:\s+(\d+)', out, re.M).group(1))


def page_texts(pdf, layout=True):
    args = ['pdftotext'] + (['-layout'] if layout else []) + [pdf, '-']
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    pages = out.split('\f')
    if pages and pages[-1].strip() == '':
        pages = pages[:-1]
    return pages


def squash(t):
    return re.sub(r'\s+', '', t)


FOOTER_RE = {'html': r'^\s*—\s*(\d+)\s*—\s*$', 'docx': r'^\s*-\s*(\d+)\s*-\s*$'}


def strip_footer(page, producer):
    lines = page.rstrip().split('\n')
    if lines and re.match(FOOTER_RE[producer], lines[-1]):
        lines = lines[:-1]
    return '\n'.join(lines)


def bbox_words(pdf, page):
    out = subprocess.run(['pdftotext', '-bbox', '-f', str(page), '-l', str(page), pdf, '-'],
                         capture_output=True, text=True, check=True).stdout
    words = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out):
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        words.append((x0, y0, x1, y1, html.unescape(m.group(5))))
    return words


def vertical_chain(words, text):
    """True when the characters of text (punctuation skipped) are printed one under the
    other (same column, increasing y), each as a word of its own or a stacked run."""
    chars = [c for c in text if c not in '、，。（）()']
    singles = [w for w in words if len(w[4]) == 1]
    for w in singles:
        if w[4] != chars[0]:
            continue
        cx = (w[0] + w[2]) / 2
        y = w[1]
        ok = True
        for ch in chars[1:]:
            nxt = [v for v in singles if v[4] == ch and abs((v[0] + v[2]) / 2 - cx) < 4 and v[1] > y]
            if not nxt:
                ok = False
                break
            y = min(v[1] for v in nxt)
        if ok:
            return True
    return False


class CheckError(Exception):
    pass


def find_page(pages, needle):
    for i, p in enumerate(pages):
        if needle in squash(p):
            return i
    return None


def check_sample(s, pdf, final=False):
    """Raise CheckError when the PDF does not carry what the sample claims.
    With final=False only the layout conditions that the tuning loop searches for."""
    st = s['style']
    prod = s['producer']
    pages = page_texts(pdf)
    sq = [squash(p) for p in pages]
    t3a = find_page(pages, squash(TOP_LABELS['new']))
    t3b = find_page(pages, squash(s.get('labels', {}).get('carried_forward', TOP_LABELS['carried_forward'])))
    if t3a is None or t3b is None:
        raise CheckError('table 三 not found')
    split = st.get('t3_split')
    if split:
        if t3b != t3a + 1:
            raise CheckError('table 三 not split over two pages (%s..%s)' % (t3a, t3b))
        a, b = sq[t3a], sq[t3b]
        # the break falls inside the body, at least a few rows on either side
        if squash(TOP_LABELS['partly_granted'])[:8] not in a:
            raise CheckError('too few rows before the break')
        if '总计' not in b.replace('申请人情况', '') or '信访举报' not in b:
            raise CheckError('too few rows after the break')
        has_head = '申请人情况' in b and '勾稽关系' in b
        if split.get('repeat') and not has_head:
            raise CheckError('header rows not repeated on the second page')
        if not split.get('repeat') and has_head:
            raise CheckError('header rows repeated although they should not be')
        if 'label' in split:
            first, rest = split['label']          # e.g. ('7.属于行政执法案', '卷')
            if squash(first) not in a or squash(first + rest) in a:
                raise CheckError('label %r not split (page A)' % (first + rest))
            bl = [l for l in pages[t3b].split('\n') if l.strip()]
            if split.get('repeat'):
                raise CheckError('label split check expects no repeated header')
            # the rest of the label comes back within the first rows of the new page
            if not bl or squash(rest) not in squash(''.join(bl[:4])):
                raise CheckError('label %r not split (page B starts %r)' % (first + rest, bl[:1]))
        if 'between' in split:
            last_a, first_b = split['between']
            if squash(last_a) not in a or squash(last_a) in b.replace(squash(last_a) + 'X', ''):
                pass
            if squash(first_b) in a or squash(first_b) not in b:
                raise CheckError('row %r not first on the new page' % first_b)
            if squash(last_a) not in a:
                raise CheckError('row %r not on the first page' % last_a)
    if st.get('t3_onepage') and t3a != t3b:
        raise CheckError('table 三 should be on one page (%s..%s)' % (t3a, t3b))
    if not final:
        return
    # footers on every page
    if st.get('footer'):
        for i, p in enumerate(pages):
            last = [l for l in p.split('\n') if l.strip()][-1]
            m = re.match(FOOTER_RE[prod], last)
            if not m or int(m.group(1)) != i + 1:
                raise CheckError('page %d has no footer (%r)' % (i + 1, last))
    # vertical label
    if st.get('t3_vlabel'):
        words = bbox_words(pdf, t3a + 1)
        if not vertical_chain(words, s.get('labels', {}).get('results', TOP_LABELS['results'])):
            raise CheckError('三、本年度办理结果 is not printed vertically')
    # prose: every section's text is there (whitespace and footers ignored)
    flat = squash(''.join(strip_footer(p, prod) for p in page_texts(pdf, layout=False)))
    for key in ('preamble', 'overview', 'problems', 'other'):
        for para in s.get(key, []):
            if squash(plain(para)) not in flat:
                raise CheckError('%s paragraph not found in the text: %r' % (key, plain(para)[:40]))
    for t in SECTION_TITLES:
        if t not in flat:
            raise CheckError('section heading %s not found' % t)
    for t in (s.get('signature'), s.get('date')):
        if t and squash(t) not in flat:
            raise CheckError('%r not found' % t)
    # fonts: embedded, with a ToUnicode map
    out = subprocess.run(['pdffonts', pdf], capture_output=True, text=True, check=True).stdout
    for line in out.split('\n')[2:]:
        if not line.strip():
            continue
        cols = line.split()
        emb, sub, uni = cols[-5], cols[-4], cols[-3]
        if emb != 'yes' or uni != 'yes':
            raise CheckError('font not embedded or without ToUnicode: ' + line)
    size = os.path.getsize(pdf)
    if size > 1024 * 1024:
        raise CheckError('PDF too large: %d bytes' % size)


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

def generate(s, work):
    pdf = os.path.join(OUT, s['name'] + '.pdf')
    render = render_html if s['producer'] == 'html' else render_docx
    tunes = [None]
    if s['style'].get('t3_split'):
        hint = s['style'].get('tune_hint')
        grid = [x * 1.5 for x in range(0, 121)]
        tunes = ([hint] if hint is not None else []) + [t for t in grid if t != hint]
    last_err = None
    for tune in tunes:
        render(s, tune or 0, pdf, work)
        try:
            check_sample(s, pdf)
        except CheckError as e:
            last_err = e
            continue
        check_sample(s, pdf, final=True)
        doc = expected_doc(s, pdf)
        with open(os.path.join(OUT, s['name'] + '.expected.json'), 'w', encoding='utf-8') as f:
            json.dump(doc, f, ensure_ascii=False, indent=2)
            f.write('\n')
        note = '' if tune is None else ' (tune %.1fpt)' % tune
        print('%-34s %-4s %d pages %7d bytes %d issues%s' % (
            s['name'], s['producer'], doc['source']['pages'], os.path.getsize(pdf), len(doc['issues']), note))
        return tune
    raise SystemExit('%s: no layout satisfied the checks: %s' % (s['name'], last_err))


# ---------------------------------------------------------------------------
# The samples
# ---------------------------------------------------------------------------

ZERO_APPS = make_apps([0] * 6)
ZERO_APPS_SO = make_apps([0] * 6, single_other=True)
ZERO_REVIEWS = make_reviews([0] * 4, [0] * 4, [0] * 4)


def Z(v, n=6):
    """A 6-list with natural_person = v."""
    return [v] + [0] * (n - 1)


HTML_STYLE = dict(body_font='AR PL UMing CN', head_font='WenQuanYi Zen Hei', title_font='WenQuanYi Zen Hei',
                  body_size=16, line_height=28, footer=True)
DOCX_STYLE = dict(body_font='Noto Serif CJK SC', head_font='WenQuanYi Zen Hei', title_font='Noto Serif CJK SC',
                  title_bold=True, body_size=16, line_height=28, footer=True)


def style(base, **kw):
    d = dict(base)
    d.update(kw)
    return d


PREAMBLE_2021 = ('本报告根据《中华人民共和国政府信息公开条例》（国令第711号）和《国务院办公厅政府信息与政务公开办公室'
                 '关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）规定编制。'
                 '本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、'
                 '存在的主要问题及改进情况、其他需要报告的事项等六部分内容组成，所列数据的统计期限为2023年1月1日到2023年12月31日。')

# --- seed 000: 攀枝花市西区人民政府办公室 -----------------------------------------

S000_OVERVIEW = [
    '2023年，区政府办公室坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，'
    '根据《攀枝花市人民政府办公室关于印发2023年全市政务公开工作重点任务分解表的通知》（攀办函〔2023〕36号）等文件要求，'
    '紧扣区委、区政府中心工作和人民群众关切，积极推进政府信息公开工作制度化、规范化建设，深化重点领域信息公开，拓宽政民互动渠道，'
    '优化政策解读形式，并结合西区深化政务公开促进基层政府治理能力提升先行区建设，不断推进基层政务公开机制完善、人才培养、公开平台建设。',
    '§（一）主动公开政府信息情况。',
    '2023年，区政府办公室在政府门户网站共主动公开政府信息243条。其中，区政府政策文件9条，区政府办公室政策文件8条，'
    '政策解读信息13条，工作动态信息37条，意见征集19条，网上调查9条，其他信息148条。',
    '§（二）依申请公开政府信息情况。',
    '认真履行依申请公开工作职责，规范政府信息公开申请登记、审核、办理、答复、归档等程序，拓宽依申请公开渠道，在镇（街道）、'
    '村（社区）增设依申请公开专区，并提供线上、线下方式获取政府信息公开申请表。2023年，区政府办公室收到依申请公开信件1件，办结1件。',
    '§（三）政府信息管理情况。',
    '常态化开展“政府网站+政务新媒体”栏目更新核查工作，确保信息发布及时、动态更新。督促各部门（单位）按要求开展错敏信息核查，'
    '做到错敏信息“当日发现、当日反馈、当日整改”。做好公文公开源头属性认定和发布工作，完善公文公开属性认定审核流程，'
    '按照“谁主管谁公开、谁公开谁负责”的原则，严格执行信息公开发布审核制度，2023年，主动公开本级行政规范性文件1件。',
    '§（四）政府信息公开平台建设情况。',
    '区政府办公室根据工作任务的调整变化和社会公众的需求，及时修订更新《攀枝花市西区人民政府信息公开指南》。在政府网站建设方面，'
    '充分发挥门户网站作为政务公开第一平台的作用，坚持数据同源，上线“攀枝花市西区数字政府”专栏，调整优化栏目结构。'
    '规范建设政府信息公开专栏，保证法定主动公开内容与网站其他栏目内容数据一致。在政务新媒体建设方面，加强政务新媒体的建设管理，'
    '在“看西区 APP”增设政务直通车和政务地图，方便群众查询最新政策文件、办事指南，实现“以点查事、以事查点、精准匹配、精准导引”。',
    '§（五）监督保障情况。',
    '加强重点工作任务落实，按照省市要求和2023年政务公开工作重点任务分解表要求，对全年政务公开工作进行全面细化和安排部署。'
    '加强对各部门（单位）、镇（街道）政务公开工作指导，确保区政府门户网站和政务新媒体安全平稳运行。落实季度通报机制，'
    '对出现严重表述错误等“一票否决”事项的部门（单位），实施跟班学习制度，对造成较大影响的以通报批评、“两书一函”提醒敦促、'
    '约谈等形式对部门（单位）主要领导予以督促。',
]
S000_PROBLEMS = [
    '§(一) 存在的主要问题。',
    '2023年，区政府办公室政府信息公开工作取得了一定成效，但仍存在政策解读形式单一、解读质量不高，政府信息公开渠道的广度和深度不够，'
    '政民互动性有待提高等问题。',
    '§（二）改进情况。',
    '针对以上问题，区政府办公室始终坚持“以公开为常态、不公开为例外”原则，全力补短板、重基础、优渠道、提质效。'
    '一是着力提升政策发布解读水平。进一步完善工作机制，加强审核把关，主动回应经济社会热点，全面公开、精准解读相关政策，'
    '创新政策解读方式，加强与区融媒体中心协调联动，以图表图解、音视频等公众喜闻乐见的解读方式，提高解读质量和实效。'
    '二是进一步加强政府信息公开平台建设。发挥政府网站政府信息公开第一平台作用，不断完善政务新媒体矩阵，持续优化网站和新媒体界面、'
    '合理调整栏目设置、加快办理回应、方便群众获取，进一步提升政府信息公开渠道的广度、深度。三是加大互动交流力度。'
    '通过政府网站和政务新媒体提供多样化的互动渠道，增加意见征集、网上调查、在线访谈等栏目的频次，积极倾听公众的意见和建议，'
    '建立反馈机制，及时回应公众关切，提高互动质量。同时加强对工作人员的培训和管理，提高互动能力和服务意识，确保政民互动的顺畅和高效。',
]

# --- seed 001 ---------------------------------------------------------------------------

S001_OVERVIEW = [
    '(一) 主动公开：发挥政府门户网站“主阵地”作用，集中发布主动公开信息、依申请公开信息，开设统一的互动交流入口和办事服务入口。'
    '建设“政务公开标准化规范化建设工作”专题专栏，逐项对照编制完成政务公开事项标准目录，全面优化栏目设置，增强信息公开的准确性、权威性。'
    '加强政策宣传解读，灵活运用视频解读、音频解读等多种方式进行有效宣传。整合政府门户网站、基层政务公开专区等基层政务公开平台。'
    '开展适老化无障碍阅读模式，为老年人及其他特殊群体访问浏览信息提供更加便捷、可懂度更高的信息交流方式。',
    '(二) 依申请公开：优化信息公开申请登记、审查、办理、答复、归档流程，规范做好依申请公开工作。'
    '全年共办结县政府办公室信息公开申请 20 件，办理行政复议、诉讼各 1 件，均结果维持。',
    '(三) 政府信息管理：严格信息公开保密审查制度，开展县政府规范性文件集中清理，在政府信息公开政策文件栏目中集中统一公开。',
    '(四) 政府信息公开平台建设：强化政务新媒体建设，对县区所属 11 个新媒体账号实施常态化监管，主流舆论阵地不断巩固。'
    '持续加强政务公开专区建设，指导各乡镇建立乡镇级、村级公开专区，为群众提供高效便捷的信息公开服务。',
    '(五) 监督保障：强化考核评估，推进重点领域信息公开和县域政务公开标准化建设，优化信息管理、政策解读回应、依申请公开等规范流程。'
    '组织开展年度公开考核，强化年终考评和结果运用。',
]
S001_PROBLEMS = [
    '一是监督指导力度还有待加强，个别乡镇和部门政府信息公开制度体系和运行机制还不够完善，存在主动公开不到位的问题。'
    '二是教育培训力度仍需加大，政府信息公开强基础抓基层工作有待加强。',
    '下一步，我们将坚持问题导向和目标导向，全面推进和深化政府信息公开工作。一是抓规范。围绕完善机制、规范流程、严格审查，'
    '持续加强政府信息资源管理使用水平。二是优服务。围绕建设服务型政府，推进政务服务全过程公开，着力推进办事服务公开，'
    '提升政务服务透明度、便利度。开展业务培训交流，提升信息公开服务保障能力。三是提效能。进一步加强政民互动参与，'
    '继续优化政策解读服务，推动构建更加开放的公众参与机制，促进科学决策、民主决策、依法决策。',
]

# --- seed 002: 沙坡头区人民政府办公室 ------------------------------------------------------

S002_PREAMBLE = [
    '根据《中华人民共和国政府信息公开条例》（国务院令 711 号）规定和《国务院办公厅政府信息与政务公开办公室关于印发'
    '〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30 号）要求，现发布《中卫市沙坡头区人民政府办公室 '
    '2023 年政府信息公开工作年度报告》。本报告统计数据从 2023 年 1 月 1 日至 2023 年 12 月 31 日。',
]
S002_OVERVIEW = [
    '2023 年沙坡头区人民政府办公室坚决落实《中华人民共和国政府信息公开条例》和国家、自治区、市关于政府信息公开工作的部署要求，'
    '紧紧围绕经济高质量发展、保障和改善民生、政府自身建设等重点工作，积极发挥推进、协调、指导和监督职责，深入推进政府信息公开。',
    '（一）主动公开质效持续提升。2023 年主动公开发布信息 8085 条，其中政府网站发布 7344 条，政务新媒体发布 741 条。'
    '一是**深化重点领域信息公开。**聚焦民政、农业、卫生、住房等领域，集中公开补贴依据、补贴政策、补贴发放等信息 5000 余条；'
    '认真做好人大代表建议和政协委员提案办理结果公开，及时公开政府系统承办的建议提案答复信息 63 条。二是**加大政策文件公开力度。**'
    '发行《沙坡头区政府公报》4 期，公开以区政府和区政府办公室名义印发的政策文件 123 个，发布政策解读材料 124 条，'
    '政策性文件解读比例达到 100%。三是**推进重大行政决策事项目录公开。**督促沙坡头区司法局制定沙坡头区 2023 年重大行政决策事项目录，'
    '严格履行重大行政决策程序规定，及时公开重大行政决策事项相关征求意见稿、起草说明和决策文件、解读材料，发布意见征集公告 30 条，'
    '及时公开区政府常务会议、重要会议信息 50 条，增强群众对决策过程的了解和参与度。',
    '（二）依申请公开办理持续规范。进一步规范政府信息依申请公开工作流程，优化接收、登记、转办、答复、存档等内部办理流程，'
    '遵照标准答复格式和答复用语，依法依规办理政府信息公开申请。同时，针对涉及多个部门和单位的信息公开申请，开展部门联动研究会商，'
    '并按时、按程序答复。2023 年，共受理政府信息公开申请件 9 件，予以公开 6 件，部分公开 1 件，本机关不掌握 2 件。'
    '因政府信息公开引起的行政诉讼 1 件，结果维持 1 件。加强对全区政府信息依申请公开工作的指导，'
    '解答相关部门单位依申请公开件处理疑问 10 余次，全区依申请公开规范化水平不断提升。',
    '（三）政府信息管理持续高效。一是健全工作指引体系。印发《关于进一步规范公文类政府信息公开属性标识的通知》，'
    '进一步规范政府信息公开范围、公文类政府信息公开属性标注工作，完善政府信息公开源头认定机制。同时，编制政务公开基本目录，'
    '明确公开内容、公开依据、公开平台等要素，对事项不全、依据不准等问题进行修正，为基层公开信息提供了基本规范。'
    '二是落实政府信息发布审查制度。严格实行隐私信息去标识化处理公开、涉密信息脱密处理后公开，坚持发布前“三审三校”，'
    '严抓信息审核，发布后定期复核，实现公开信息有效性管理。三是加大发布后巡检力度。采取政府购买服务的方式，'
    '利用第三方技术对政府网站、微信公众号及微博等载体发布的内容进行监测，对更新情况、发布内容和平台安全 24 小时进行巡检，'
    '及时发送预警信息，第一时间进行甄别整改。',
    '（四）公开平台建设持续优化。一是**优化升级政府网站。**贯彻落实《政府网站发展指引》要求，改造完成政府网站适老化和无障碍浏览功能；'
    '按照“专栏姓专”的工作定位，调整优化政府门户网站栏目结构，设置政府工作报告、法治政府建设等专题，提升网站规范性和便民性。'
    '二是**打造村务公开主阵地。**立足“数字乡村”建设，融合沙坡头区文旅元素，开发建设沙坡头区村务公开小程序，规范化新建村务公开栏 86 个，'
    '标准化改建村务公开栏 75 个，指导各镇村主动公开党务、村务、财务信息。三是**规范网络工作群和政务新媒体。**'
    '扎实开展全区政府系统网络工作群清理工作 2 次，有效杜绝“指尖泄密”；同时开展政务新媒体清理整治工作，'
    '对维护频率较低的沙坡头区旅游和文体广电局快手账号、农业农村局微博账号予以关停注销，对迎水桥镇新开设的抖音视频账号进行备案登记，'
    '持续加强政务新媒体监管。',
    '（五）监督保障机制持续完善。一是**加强教育培训。**组织 46 名学员赴重庆市渝中区学习政务公开优秀经验做法，'
    '邀请市政府政务公开办公室负责同志开展专题辅导培训，实现了“区级+部门+乡镇”人员全覆盖，进一步提高政务公开领导干部业务能力水平。'
    '二是**强化监督考核。**制定政务公开考核细则，将政务公开工作列入年度效能目标考核范围，着力推动各项工作落实；坚持每季度检查通报，'
    '印发检查通报 4 期，年中进行实地业务检查指导 1 次，并将全年检查通报情况作为效能目标考核打分依据，充分发挥监督机制的刚性约束作用。'
    '2023 年我办未发生因政府信息公开问题的责任追究情况。三是开展民主评议。在区政府门户网站首页和微信公众号设置'
    '“沙坡头区政务公开社会评议调查问卷”，畅通群众发表意见建议渠道，充分保障人民群众的监督权。',
]
S002_PROBLEMS = [
    '2023年，我办信息公开工作取得一定成效，但还存在一些问题和不足。**集中表现在：**一是工作人员流动性较大，队伍整体不稳定，'
    '工作衔接不到位，影响政务公开和政府信息公开的质效。二是发布信息审核把关不严，公开内容存在错字漏字、表述不规范等问题。'
    '三是信息公开解读形式不够丰富，且解读材料与政策性文件不能同步审签。**2024年将着重从以下几方面加以改进：**'
    '一是加强政务公开工作人员管理，严格落实人员AB岗工作体系，采取点对点培训、面对面指导和编发学习教程等方式，加密政务公开业务指导。'
    '同时，实行跟班学习制度，重点部门必来跟班、人员调整必来跟班，进一步提升政务公开队伍业务素质。'
    '二是进一步督促各单位严格执行信息发布审核机制，落实24小时巡网制度，加强节日期间和重要敏感时段监测防护，'
    '针对政府网站和政务新媒体出现的高频问题，举一反三，提高常态化巡检次数，从严从紧做好栏目更新、信息审查、应急保障等日常管理工作。'
    '三是把好公文审签关口，督促各单位围绕惠企惠民政策，及时运用视频、图解、文字等形式进行多元化精准解读，'
    '着力构建“政策+解读+办事”的政策全生命周期解读体系。同时，严格督促各起草单位将解读材料与文稿同步组织、同步审签、同步部署。',
]
S002_OTHER = [
    '（一）《自治区 2023 年政务公开工作要点》落实情况。我办认真贯彻落实自治区政府办公厅《2023 年政务公开工作要点》，结合工作实际，'
    '制定印发《中卫市沙坡头区 2023 年政务公开工作要点》（卫沙政办发〔2023〕79 号），细化重点任务 40 项，建立落实台账，'
    '明确责任单位、完成时限及量化指标，每季度统计重点任务落实情况并指导完成重点任务，全年共录制“政策公开讲”访谈节目 19 期，'
    '组织开展“政府开放日”活动 23 场次，归集展示政府工作报告，并定期公开政府工作报告重点任务、民生实事执行情况。一年来，'
    '我办始终坚持问题导向，着力补齐政府网站和政务新媒体建设管理、组织保障、业务指导、规范公开等方面存在的短板，不断完善机制、'
    '创新方式、强化措施，较好地完成了政务公开各项任务。',
    '（二）信息处理费收取情况。2023 年，我办在办理政府信息公开申请过程中，未发生收取信息处理费情况。',
    '本报告电子版可在中卫市沙坡头区人民政府门户网站（http://www.spt.gov.cn/）查阅或下载。',
    '如有疑问或意见建议，请与沙坡头区人民政府政务公开办公室联系（联系电话：0955-8806097，传真：0955-8806097）',
]

# --- seed 003: 攀枝花市盐边县行政审批局 ----------------------------------------------------

S003_OVERVIEW = [
    '2023 年，我局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央、国务院和省、市、县政府对信息公开工作的安排部署，'
    '严格落实《中华人民共和国政府信息公开条例》（以下简称《条例》）工作要求，坚持“公开为常态、不公开为例外”原则，持续深化政务公开，'
    '推动政府信息公开工作进一步公开化、制度化、规范化、常态化，在完善内容、落实人员和健全措施等方面取得了新进展，'
    '有效提升了人民群众的满意度、获得感。主要包括 5 个方面：',
    '**（一）主动公开情况。**继续对主动公开工作进行认真梳理和统筹，进一步规范和细化主动公开工作的内容、形式及要求，'
    '对主动公开的操作流程、公开范围和渠道以及各部门的工作职责进行规范和明确。使政务公开的条目更清晰，程序更规范，责任更明确。'
    '2023 年，县行政审批局严格贯彻执行《中华人民共和国政府信息公开条例》，本年主动公开政府采购公告 101 条。'
    '公开盐边县行政许可事项清单（2023 年版）235 项，发布盐边政务服务微信公众号公开信息 48 期。',
    '**（二）依申请公开情况。**2023 年，我局未收到或处理政府信息公开申请，未发生政府信息公开引起的行政复议、行政诉讼情况。',
    '**（三）政府信息管理情况。**为保障信息公开的有效落实，各股室指定一名信息联络员，专门负责收集、整理政府信息，由办公室统一发布。'
    '严格按照政府信息公开要求，遵循“先审查后公开”原则，我局发布的信息经过层层审核把关后发布。截至目前，未发生一起政府信息公开引起的泄密事件。',
    '**（四）政府信息公开平台建设情况。**一是严格审核把关。始终坚持“涉密信息不上网，上网信息不涉密”的原则，'
    '按照信息发布“三审”制度的要求，积极落实县委网信办加强信息发布审查的工作方案，对上网信息进行严格的审核把关，'
    '严格防止任何形式的个人隐私信息泄漏。二是建立专职队伍。为确保信息的安全性和准确性，建立了专职队伍，负责政务新媒体的保障运维工作，'
    '负责每周对政务新媒体进行更新，确保内容的新鲜度和时效性。同时，对网民的互动留言进行及时回复，确保政务新媒体与网民之间的沟通畅通无阻。'
    '三是完善流程制度。注重对信息发布流程的优化和完善，定期对信息发布人员进行培训和教育，增强安全意识和保密意识。'
    '建立了完善的监督机制，对信息发布的全过程进行跟踪和监控，确保每一个环节都符合规定和要求。**平台建设方面。**'
    '落实专人对政府门户网站财政预决算领域关于基层政务公开、财政资金直达基层等责任板块进行维护，'
    '根据市财政局提供的网站建设调整意见对现有栏目进行调整，全力配合县政府推动平台建设工作。',
    '**（五）监督保障情况。**一是领导重视，专人专责。确定政务信息公开分管领导，多次组织研究政务公开工作情况，'
    '组织单位领导、各股室专题学习政府信息公开条例。二是压实责任，强化保障。严格信息发布“三审制度”，信息的拟稿、审核，'
    '签发等明确到人，责任落实到人。',
]
S003_PROBLEMS = [
    '**（一）存在的主要问题。**一是单位对政府信息公开重视程度还不足，工作安排部署较多，落实上工作质效不高。'
    '二是政府信息公开受人员业务素质影响，导致政府信息公开工作发展存在不均衡。三是政府信息公开内容没有及时更新，'
    '公开内容丰富性、透明性不够，企业和群众获取面较窄。',
    '**（二）改进情况。**一是单位组织召开政府信息公开工作培训会全面贯彻学习政府信息公开上级文件，对政府信息公开进行再研究、'
    '再分工、再落实，确保从思想上、行动上步调一致，抓好政府信息公开工作。二是通过务实举措，加大政府信息公开工作人员的培训力度，'
    '确保政府信息公开工作提质提量。三是加大日常督促力度，严格按照时间节点多渠道更新政府信息公开内容，满足企业和群众及时查询掌握重要资讯。',
]

# --- seed 004: 攀枝花市仁和区前进镇 -------------------------------------------------------

S004_OVERVIEW = [
    '（一）主动公开方面。2023 年，我镇通过信息公开网站主动公开各种信息、动态 34 条，通过网络媒体公开信息 125 条，共计公开信息 159 条。',
    '（二）依申请公开方面。持续优化依申请公开办理流程，确保管理闭环、进度可控、严守期限、严格审核、优化答复，全面降低复议、诉讼纠错率。'
    '2023 年，前进镇受理依申请公开件 3 件，予以公开 2 件，因本机关不掌握相关政府信息无法提供 1 件，均已按期答复。',
    '（三）政府信息公开管理方面。健全政府信息公开领导小组，加强督查领导，确保政务公开扎实有序开展。由镇长任组长、政府所属各部门全面参与，'
    '切实加强了对政府信息公开工作的领导，强化政府信息公开办公室职责。在镇政府信息公开工作领导小组统一领导下，'
    '领导小组办公室担负起了安排部署、情况综合、督促检查、组织考核等工作，确保了政府信息公开工作落到实处。',
    '（四）推进平台建设方面。凡是涉及上传信息待领导审签后每月按时统一分类上传，镇信息公开工作领导小组定期对我镇的信息量进行跟踪监督查看；'
    '其次加大政务信息公开阵地建设工作。',
    '（五）监督保障。为进一步强化组织领导，统筹全镇工作，全面共同推进政府信息公开，保证政府信息公开工作落到实处。'
    '一是健全政府信息公开领导小组。由镇长任组长、政府所属各部门全面参与，切实加强了对政府信息公开工作的领导。'
    '各村居书记为第一责任人，协调本村居的政务、村务信息公开工作；二是强化政府信息公开办公室职责。在镇政府信息公开工作领导小组统一领导下，'
    '领导小组办公室担负起了安排部署、情况综合、督促检查、组织考核等工作，确保了政府信息公开工作落到实处。',
]
S004_PROBLEMS = [
    '存在问题：一是政府信息主动公开意识不强；二是公开内容需要进一步深化；三是政府信息公开整体工作水平仍需提升',
    '改进措施：一是加强主动公开意识，进一步充实信息公开内容。推进政府信息公开工作作为经常性工作列入重要议事日程，及时、准确公开政府信息，'
    '突出重点、热点和难点问题，把群众最关心、反映最强烈的事项作为政府信息公开的主要内容，让政务公开工作真正做到为民服务。'
    '二是提高思想认识。加大对公开信息的审核力度，优化深化公开内容，并积极学习借鉴其他政府部门的好做法。'
    '三是加强政府信息公开业务学习和培训。提高工作人员业务能力，提升政府信息公开平台运营水平，打造覆盖全面、功能完备的政府信息公开体系，'
    '实现透明务实、高效便民的政务服务。',
]


def sub(texts, *pairs):
    """Copy of the paragraphs with textual replacements (for the variants of a seed)."""
    out = []
    for t in texts:
        for a, b in pairs:
            t = t.replace(a, b)
        out.append(t)
    return out


SAMPLES = []

# h01 — seed 000 as printed: two-line title, footers, table 三 split with repeated header rows.
SAMPLES.append(dict(
    name='h01_xiqu_2023', producer='html', seed='000', format='2021',
    title=['攀枝花市西区人民政府办公室', '2023年政府信息公开工作年度报告'],
    preamble=[PREAMBLE_2021],
    overview=S000_OVERVIEW, problems=S000_PROBLEMS,
    other=['本年度未收取信息处理费，无其他需要报告的事项。'],
    signature='攀枝花市西区人民政府办公室', date='2024年1月19日',
    active=dict(regulations=['0', '0', '0'], normative=['1', '0', '1'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    apps=printed_apps(make_apps(Z(1), outcomes={'partly_granted': Z(1)})),
    reviews=make_reviews([0] * 4, [1, 0, 0, 0], [0] * 4),
    style=style(HTML_STYLE, t3_split={'repeat': True}, t3_repeat=True, tune_hint=None),
    quirks=['two-line title (organization / year line)', 'page footers "— N —"',
            'table 三 split over two pages, header rows repeated', 'published 2024年1月19日'],
))

# h02 — seed 001: one-line title, no signature and no date, vertical CSS label, "1、" numbering,
#        letter-spaced headers in table 四.
SAMPLES.append(dict(
    name='h02_ningnan_2023', producer='html', seed='001', format='2021',
    title=['宁南县人民政府办公室2023年政府信息公开工作年度报告'],
    overview=S001_OVERVIEW, problems=S001_PROBLEMS,
    other=['2023年，本机关未收取政府信息处理费用。'],
    signature=None, date=None,
    active=dict(regulations=['0', '0', '0'], normative=['0', '0', '0'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    apps=printed_apps(make_apps(Z(20), outcomes={
        'granted': Z(9), 'denied/process_information': Z(2), 'unable/not_held': Z(6),
        'not_processed/repeated': Z(1), 'other/no_correction': Z(1), 'other/other': Z(1)})),
    reviews=make_reviews([1, 0, 0, 0], [0] * 4, [1, 0, 0, 0]),
    style=style(HTML_STYLE, footer=False, body_font='AR PL UMing CN', head_bold=False,
                t3_vlabel='wm', newpage_before=[3], t3_onepage=True, t3_size=9, cell_pad='1pt 2pt', t3_line_height=1.2,
                t3_widths=[5, 9, 37] + [7] * 7,
                numbering='1、', t4_head='spaced', t3_label_align='l'),
    quirks=['one-line title', 'no signature, no date (published null)',
            '三、本年度办理结果 written vertically (CSS writing-mode: vertical-rl)',
            'sub-rows numbered "1、"', 'table 四 header cells letter-spaced (CSS letter-spacing)',
            'table 三 starts on a new page'],
))

# h03 — seed 002: misprint 本年度止件数, spaces around numbers in prose, Type 3 fonts (Noto via Chromium),
#        table 三 split without repeated header and the row label "7.属于行政执法案 / 卷" cut by the break.
SAMPLES.append(dict(
    name='h03_shapotou_2023', producer='html', seed='002', format='2021',
    title=['沙坡头区人民政府办公室 2023 年政府信息公开工作年度报告'],
    preamble=S002_PREAMBLE, overview=S002_OVERVIEW, problems=S002_PROBLEMS, other=S002_OTHER,
    signature='中卫市沙坡头区人民政府办公室', date='2024年1月22日',
    active=dict(regulations=['0', '0', '0'], normative=['7', '23', '36'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    labels={'repealed_head': '本年度止件数', 'denied/enforcement_files': '7.属于行政执法案\n卷'},
    apps=printed_apps(make_apps([8, 1, 0, 0, 0, 0], outcomes={
        'granted': Z(6), 'partly_granted': Z(1), 'unable/not_held': [1, 1, 0, 0, 0, 0]})),
    reviews=make_reviews([0] * 4, [1, 0, 0, 0], [0] * 4),
    style=style(HTML_STYLE, body_font='Noto Serif CJK SC', head_font='Noto Sans CJK SC', title_font='Noto Sans CJK SC',
                title_bold=True, real_bold=True, t3_widths=[8, 12, 22] + [58 / 7] * 7,
                t3_split={'repeat': False, 'label': ('7.属于行政执法案', '卷')}, tune_hint=150.0),
    quirks=['one-line title with spaces ("… 2023 年…")', 'misprint 本年度止件数 (table 二 header)',
            'Type 3 fonts (Noto CJK through Chromium)', 'page footers "— N —"',
            'table 三 split without repeated header; row label "7.属于行政执法案" / "卷" cut by the page break',
            'bold lead-ins inside paragraphs', 'spaces between digits and CJK in prose'],
))

# h08 — the body of h03 one year on: its 上年结转 (1) is not what h03 carried forward (0),
#        which only a batch holding both reports can see.
SAMPLES.append(dict(
    name='h08_shapotou_2024', producer='html', seed='002', format='2021',
    title=['沙坡头区人民政府办公室 2024 年政府信息公开工作年度报告'],
    preamble=[S002_PREAMBLE[0].replace('2023', '2024').replace('2024 年 12 月 31 日', '2024 年 12 月 31 日')],
    overview=[
        '2024 年沙坡头区人民政府办公室继续落实《中华人民共和国政府信息公开条例》，围绕保障和改善民生、政府自身建设等重点工作，'
        '深入推进政府信息公开。',
        '（一）依申请公开办理持续规范。2024 年，共受理政府信息公开申请件 5 件，上年结转 1 件，予以公开 4 件，本机关不掌握 2 件。',
    ],
    problems=['2024年，我办信息公开工作仍存在信息解读形式不够丰富等不足，2025年将进一步加以改进。'],
    other=['2024年，我办未收取信息处理费，无其他需要报告的事项。'],
    signature='中卫市沙坡头区人民政府办公室', date='2025年1月20日',
    active=dict(regulations=['0', '0', '0'], normative=['5', '2', '39'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    apps=printed_apps(make_apps([5, 0, 0, 0, 0, 0], carried_over=Z(1), outcomes={
        'granted': Z(4), 'unable/not_held': Z(2)})),
    reviews=make_reviews([0] * 4, [0] * 4, [0] * 4),
    style=style(HTML_STYLE, body_font='Noto Serif CJK SC', head_font='Noto Sans CJK SC', title_font='Noto Sans CJK SC',
                title_bold=True, real_bold=True, t3_widths=[8, 12, 22] + [58 / 7] * 7, tune_hint=150.0),
    quirks=['the body of h03 one year on: 上年结转 1 where h03 carried 0 forward (a mismatch across years)'],
))

# h04 — seed 003: blank 予以公开 row and blank reviews cells, one-character-per-line headers,
#        wrapped row labels, Chinese-numeral date.
h04_apps = printed_apps(ZERO_APPS)
h04_apps['granted'] = [''] * 7
h04_reviews = ['0'] + [''] * 14
SAMPLES.append(dict(
    name='h04_yanbian_approval_2023', producer='html', seed='003', format='2021',
    title=['攀枝花市盐边县行政审批局', '2023 年政府信息公开工作年度报告'],
    overview=S003_OVERVIEW, problems=S003_PROBLEMS,
    other=['2023年，我单位未收取信息处理费，无其他需要报告的事项。'],
    signature='盐边县行政审批局', date='二〇二四年一月十七日',
    active=dict(regulations=['0', '0', '0'], normative=['0', '0', '0'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    labels={'denied/process_information': '6.属于四类\n过程性信息'},
    apps=h04_apps, reviews=h04_reviews,
    style=style(HTML_STYLE, footer=False, t3_head='onechar', numbering='1. ',
                t3_widths=[9, 11, 24] + [8] * 7, t4_head='normal', title_bold=False),
    quirks=['two-line title', 'published 二〇二四年一月十七日',
            'blank 予以公开 row and 14 blank reviews cells (null + missing_value)',
            'table 三 header cells one character per line', 'row labels wrapped over 2–4 lines, numbers centred',
            'sub-rows numbered "1. " (with a space)'],
))

# h05 — 2019 format (report on 2019): signed changes, procurement printed in 元, vertical label one char per line.
SAMPLES.append(dict(
    name='h05_dongqu_2019', producer='html', seed='000', format='2019',
    title=['攀枝花市东区人民政府2019年政府信息公开工作年度报告'],
    preamble=['本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发'
              '〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2019〕60号）要求编制。全文包括总体情况、'
              '主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、'
              '其他需要报告的事项。本报告中所列数据的统计期限自2019年1月1日起至2019年12月31日止。'],
    overview=[
        '2019年，东区人民政府深入贯彻落实新修订的《条例》，紧紧围绕区委、区政府中心工作，坚持以公开为常态、不公开为例外，'
        '着力推进决策、执行、管理、服务、结果公开，政府信息公开工作取得新成效。',
        '§（一）主动公开情况',
        '全年通过区政府门户网站主动公开政府信息4862条，其中政策文件86件、政策解读41篇、人事信息57条、财政预决算信息163条。'
        '全面梳理行政权力清单和公共服务事项清单，精简行政许可事项183项，新增行政处罚事项5174项，并在门户网站集中公开。',
        '§（二）依申请公开情况',
        '全年共收到政府信息公开申请42件，上年结转3件；已办结44件，结转下年度继续办理1件。其中予以公开22件，部分公开5件，'
        '不予公开4件，无法提供9件，不予处理3件，其他处理1件。',
        '§（三）政府信息管理情况',
        '修订完善《东区政府信息公开保密审查办法》，严格落实“先审查、后公开”和“一事一审”制度；开展规范性文件清理，'
        '对外公开规范性文件86件。',
        '§（四）平台建设情况',
        '完成区政府门户网站集约化迁移，优化“政府信息公开”专栏，按照新《条例》设置法定主动公开内容目录；整合政务新媒体账号12个，'
        '关停长期不更新账号3个。',
        '§（五）监督保障情况',
        '将政府信息公开工作纳入年度目标绩效考核，开展专题业务培训2次，组织对各部门、各街道公开专栏进行季度检查并通报。'
        '全年未发生因政府信息公开工作不到位被责任追究的情况。',
    ],
    problems=[
        '一是部分单位对新《条例》学习理解不够深入，依申请公开答复的规范性有待提高；二是政策解读形式较为单一，图解、视频等解读方式运用不多；'
        '三是基层政务公开标准化规范化建设推进不平衡。',
        '2020年，我区将加强业务培训和工作指导，规范依申请公开办理流程和答复文书；丰富政策解读形式，提高解读质量；'
        '以基层政务公开标准化规范化试点为抓手，推动公开工作向基层延伸。',
    ],
    other=['2019年，我区未收取政府信息公开信息处理费。无其他需要报告的事项。'],
    signature='攀枝花市东区人民政府', date='2020年1月20日',
    active=dict(regulations=['0', '0', '0'], normative=['12', '12', '86'],
                licensing=['356', '-183', '4521'], other_services=['129', '+17', '2310'],
                penalty=['1843', '+5174', '965'], coercion=['87', '-3', '12'],
                fees=['14', '-2'], procurement=['3', '251000元']),
    apps=printed_apps(make_apps([35, 4, 0, 0, 1, 2], [3, 0, 0, 0, 0, 0], single_other=True, outcomes={
        'granted': [18, 2, 0, 0, 1, 1], 'partly_granted': [4, 1, 0, 0, 0, 0],
        'denied/state_secret': Z(1), 'denied/third_party_rights': Z(2), 'denied/process_information': Z(1),
        'unable/not_held': [6, 1, 0, 0, 0, 1], 'unable/unclear': Z(1),
        'not_processed/complaint': Z(2), 'not_processed/repeated': Z(1), 'other': Z(1)})),
    reviews=make_reviews([2, 1, 0, 0], [1, 0, 0, 1], [0] * 4),
    style=style(HTML_STYLE, t3_vlabel='chars', newpage_before=[3], t3_onepage=True, t3_size=9,
                cell_pad='1pt 2pt', t3_line_height=1.2, t3_widths=[5, 9, 37] + [7] * 7),
    quirks=['2019 format (table 二 of 国办公开办函〔2019〕60号)', 'signed changes "-183", "+5174", "-3", "-2"',
            'procurement amount printed in 元 in the cell ("251000元" → 25.1)', '（六）其他处理 one row',
            '三、本年度办理结果 one character per line', 'page footers "— N —"', 'published 2020年1月20日',
            'table 三 starts on a new page'],
))

# h06 — seed 004: （六）其他处理 as one row in a 2021-format report, "—" "/" "无" "0.00", wrapped header cells.
h06_apps = make_apps(Z(3), single_other=True, outcomes={'granted': Z(2), 'unable/not_held': Z(1)})
SAMPLES.append(dict(
    name='h06_qianjin_2023', producer='html', seed='004', format='2021',
    title=['攀枝花市仁和区前进镇 2023 年政府信息公开工作年度报告'],
    overview=S004_OVERVIEW, problems=S004_PROBLEMS,
    other=['2023 年未收取信息处理费，且无其他需要报告的事项。'],
    signature='攀枝花市仁和区前进镇人民政府', date='2024 年 1 月 11 日',
    active=dict(regulations=['—', '—', '—'], normative=['0', '0', '0'], licensing='/', penalty='无',
                coercion='无', fees='0.00'),
    labels={'normative': '规范性文件'},
    apps=printed_apps(h06_apps), single_other=True,
    reviews=ZERO_REVIEWS,
    style=style(HTML_STYLE, t2_article='第二十条 第（{}）项', t3_head='wrap2', t4_head='wrap2',
                body_font='AR PL UMing CN', head_font='WenQuanYi Zen Hei', title_font='AR PL UMing CN',
                border='1pt'),
    quirks=['one-line title with spaces', 'published "2024 年 1 月 11 日"',
            '（六）其他处理 printed as one row in a 2021-format report (other_single_row)',
            'table 二 values "—", "/", "无", "0.00"', 'header cells wrapped over two lines ("商业" / "企业")',
            'page footers "— N —"'],
))

# h07 — issuing body only in the signature; large numbers, fee with decimals, footnote marker in table 二.
h07_apps = make_apps([156, 23, 1, 2, 5, 3], [12, 2, 0, 0, 1, 0], outcomes={
    'granted': [61, 9, 1, 1, 2, 1], 'partly_granted': [18, 3, 0, 0, 1, 0],
    'denied/state_secret': Z(2), 'denied/prohibited_by_law': Z(1), 'denied/security_stability': Z(3),
    'denied/third_party_rights': [4, 1, 0, 0, 0, 0], 'denied/internal_affairs': Z(2),
    'denied/process_information': [5, 1, 0, 0, 0, 0], 'denied/enforcement_files': [6, 0, 0, 0, 1, 0],
    'denied/query_matters': Z(3), 'unable/not_held': [27, 4, 0, 1, 1, 1], 'unable/needs_creation': [8, 1, 0, 0, 0, 0],
    'unable/unclear': Z(3), 'not_processed/complaint': Z(9), 'not_processed/repeated': Z(4),
    'not_processed/publication': Z(1), 'not_processed/excessive': Z(2), 'not_processed/confirmation': Z(1),
    'other/no_correction': [3, 1, 0, 0, 0, 0], 'other/other': Z(2)})
SAMPLES.append(dict(
    name='h07_sc_police_2023', producer='html', seed='000', format='2021',
    title=['2023年政府信息公开工作年度报告'],
    preamble=['本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》要求编制，'
              '内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、'
              '存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据统计期限为2023年1月1日至2023年12月31日。'],
    overview=[
        '2023年，全省公安机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《条例》，围绕平安四川建设和公安行政管理服务，'
        '持续深化警务公开，推进执法权力运行全流程公开，以公开促规范、以公开优服务。',
        '§（一）主动公开情况。',
        '全年通过厅门户网站、“四川公安”政务新媒体主动公开各类信息2.6万余条，发布警情通报、交通安全提示等信息3150条；'
        '制发行政规范性文件4件，废止2件，现行有效规范性文件31件，均在门户网站“政策文件”专栏集中公开。'
        '全年办理行政许可事项3265419件，作出行政处罚决定12854581件，依法公开处罚结果。',
        '§（二）依申请公开情况。',
        '全年新收政府信息公开申请190件，上年结转15件，共办结195件，结转下年度继续办理10件。严格执行法定答复期限，'
        '对涉及第三方合法权益的申请依法征求第三方意见。',
        '§（三）政府信息管理情况。',
        '落实公开前保密审查和合法性审查，动态调整主动公开基本目录，完成规范性文件清理1次。',
        '§（四）平台建设情况。',
        '优化门户网站“政府信息公开”专栏，升级依申请公开在线平台，实现申请、受理、答复全流程网上可查。',
        '§（五）监督保障情况。',
        '将政务公开纳入年度绩效考评，开展业务培训3期，对市（州）公安机关公开工作开展季度检查。',
    ],
    problems=[
        '一是部分市（州）公安机关政策解读的针对性和可读性有待加强；二是依申请公开答复文书的规范化水平仍需提高。',
        '下一步，将健全解读与文件同步起草、同步审签、同步发布机制，统一答复文书范本，加强对基层公开工作的指导培训。',
    ],
    other=['2023年，本机关依据《政府信息公开信息处理费管理办法》收取信息处理费0元。无其他需要报告的事项。'],
    signature='四川省公安厅', date='2024年1月26日',
    active=dict(regulations=['0', '0', '0'], normative=['4', '2', '31'], licensing='3265419', penalty='12854581',
                coercion='186327', fees='5949.088667'),
    apps=printed_apps(h07_apps),
    reviews=make_reviews([14, 3, 2, 1], [6, 1, 0, 2], [3, 0, 1, 0]),
    style=style(HTML_STYLE, footnote_marker='^^[1]^^',
                footnote='[1] 第二十条第（一）项指《中华人民共和国政府信息公开条例》第二十条第（一）项规定的规章和规范性文件，'
                         '本表仅统计本机关制发的规范性文件。',
                t3_label_align='l'),
    quirks=['title without organization ("2023年政府信息公开工作年度报告"), issuing body only in the signature',
            'large numbers (12854581, 3265419)', 'fee with decimals (5949.088667)',
            'footnote marker "[1]" in a table 二 header, footnote line below the table', 'non-zero numbers in every group',
            'page footers "— N —"'],
))

# d01 — variant of seed 000 with changed numbers; table 三 split with repeated header rows (tblHeader).
D01_OVERVIEW = sub(S000_OVERVIEW, ('西区', '仁和区'), ('攀枝花市仁和区人民政府信息公开指南', '攀枝花市仁和区人民政府信息公开指南'),
                   ('共主动公开政府信息243条', '共主动公开政府信息316条'), ('其他信息148条', '其他信息221条'),
                   ('收到依申请公开信件1件，办结1件', '收到政府信息公开申请6件，上年结转1件，办结6件'),
                   ('看仁和区 APP', '仁和发布 APP'))
SAMPLES.append(dict(
    name='d01_renhe_office_2023', producer='docx', seed='000', format='2021',
    title=['攀枝花市仁和区人民政府办公室', '2023年政府信息公开工作年度报告'],
    preamble=[PREAMBLE_2021],
    overview=D01_OVERVIEW, problems=sub(S000_PROBLEMS, ('区政府办公室', '区府办')),
    other=['本年度未收取信息处理费，无其他需要报告的事项。'],
    signature='攀枝花市仁和区人民政府办公室', date='2024年1月19日',
    active=dict(regulations=['0', '0', '0'], normative=['3', '1', '12'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    apps=printed_apps(make_apps([5, 1, 0, 0, 0, 0], Z(1), outcomes={
        'granted': [2, 1, 0, 0, 0, 0], 'partly_granted': Z(1), 'unable/not_held': Z(2)})),
    reviews=make_reviews([1, 0, 0, 0], [0] * 4, [0] * 4),
    style=style(DOCX_STYLE, t3_split={'repeat': True}, t3_repeat=True, tune_hint=None),
    quirks=['two-line title', 'changed numbers', 'page footers "-N-"',
            'table 三 split over two pages, header rows repeated (Word "repeat header rows")',
            'published 2024年1月19日'],
))

# d02 — variant of seed 001 whose numbers break rules 1 and 3 (misprinted 总计 row); vertical tbRl label.
d02_apps = printed_apps(make_apps([24, 2, 0, 0, 0, 1], Z(2), outcomes={
    'granted': [12, 1, 0, 0, 0, 1], 'partly_granted': Z(3), 'denied/process_information': Z(1),
    'unable/not_held': [5, 1, 0, 0, 0, 0], 'not_processed/repeated': Z(2), 'other/no_correction': Z(1)}))
assert d02_apps['total'] == ['24', '2', '0', '0', '0', '1', '27']
d02_apps['total'] = ['25', '2', '0', '0', '0', '1', '28']     # misprint: rule 2 still holds, rules 1 and 3 fail
SAMPLES.append(dict(
    name='d02_miyi_misprint_2023', producer='docx', seed='001', format='2021',
    title=['米易县人民政府办公室2023年政府信息公开工作年度报告'],
    overview=sub(S001_OVERVIEW, ('全年共办结县政府办公室信息公开申请 20 件，办理行政复议、诉讼各 1 件，均结果维持。',
                                 '全年共收到县政府办公室信息公开申请 27 件，上年结转 2 件，办理行政复议 2 件、行政诉讼 1 件。'),
                 ('11 个新媒体账号', '14 个新媒体账号')),
    problems=S001_PROBLEMS,
    other=['2023年，本机关未收取政府信息处理费用。'],
    signature='米易县人民政府办公室', date='2024年1月15日',
    active=dict(regulations=['0', '0', '0'], normative=['2', '0', '17'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    apps=d02_apps,
    reviews=make_reviews([1, 1, 0, 0], [0, 0, 0, 1], [0] * 4),
    style=style(DOCX_STYLE, t3_vlabel='tbrl', newpage_before=[3], t3_onepage=True, t3_size=9),
    quirks=['numbers break rules 1 and 3 (（七）总计 misprinted 25/28): 4 error issues',
            '三、本年度办理结果 vertical (docx text direction tbRl)', 'table 三 starts on a new page',
            'page footers "-N-"', 'one-line title'],
))

# d03 — variant of seed 002 with misprinted labels; table 三 split without repeated header and the merged
#        group label "（四）无 / 法提供" cut by the page break.
D03_OVERVIEW = sub(S002_OVERVIEW[:1] + S002_OVERVIEW[2:4],
                   ('沙坡头区人民政府办公室', '中宁县人民政府办公室'), ('全区', '全县'), ('区政府', '县政府'),
                   ('共受理政府信息公开申请件 9 件，予以公开 6 件，部分公开 1 件，本机关不掌握 2 件。因政府信息公开引起的行政诉讼 1 件，结果维持 1 件。',
                    '共受理政府信息公开申请件 14 件，予以公开 7 件，部分公开 2 件，不予公开 1 件，无法提供 3 件，不予处理 1 件。'
                    '因政府信息公开引起的行政诉讼 1 件，结果维持 1 件。'))
SAMPLES.append(dict(
    name='d03_zhongning_2023', producer='docx', seed='002', format='2021',
    title=['中宁县人民政府办公室2023年政府信息公开工作年度报告'],
    overview=D03_OVERVIEW,
    problems=sub(S002_PROBLEMS, ('我办', '县政府办公室')),
    other=['（一）信息处理费收取情况。2023 年，我办在办理政府信息公开申请过程中，未发生收取信息处理费情况。',
           '（二）本报告电子版可在中宁县人民政府门户网站查阅或下载。'],
    signature='中宁县人民政府办公室', date='2024年1月22日',
    active=dict(regulations=['0', '0', '0'], normative=['5', '12', '41'], licensing='0', penalty='0',
                coercion='0', fees='0'),
    labels={'repealed_head': '本年度止件数', 'denied/prohibited_by_law': '2.其他法律行政止公开',
            'review_head': '行政法复议', 'unable': '（四）无\n法提供'},
    apps=printed_apps(make_apps([11, 2, 0, 0, 1, 0], outcomes={
        'granted': [5, 1, 0, 0, 1, 0], 'partly_granted': Z(2), 'denied/process_information': Z(1),
        'unable/not_held': [2, 1, 0, 0, 0, 0], 'not_processed/repeated': Z(1)})),
    reviews=make_reviews([0] * 4, [1, 0, 0, 0], [0] * 4),
    style=style(DOCX_STYLE, body_font='AR PL UMing CN', title_font='WenQuanYi Zen Hei', title_bold=False,
                ascii_font='DejaVu Serif', t3_widths=[8, 11, 28] + [53 / 7] * 7, newpage_before=[3],
                t3_split={'repeat': False, 'label': ('（四）无', '法提供')}, tune_hint=333.0),
    quirks=['misprints 其他法律行政止公开, 行政法复议, 本年度止件数', 'changed numbers',
            'table 三 split without repeated header; merged group label "（四）无" / "法提供" cut by the page break',
            'page footers "-N-"', 'digits in DejaVu Serif, CJK in AR PL UMing'],
))

# d04 — variant of seed 003: blank cells, letter-spaced headers (real spaces), "1、", label one char per line.
d04_apps = printed_apps(make_apps([3, 2, 0, 0, 0, 0], outcomes={
    'granted': [2, 1, 0, 0, 0, 0], 'unable/not_held': [1, 1, 0, 0, 0, 0]}))
d04_apps['partly_granted'][0] = ''
d04_reviews = make_reviews([0] * 4, [0] * 4, [0] * 4)
d04_reviews[10:15] = [''] * 5
SAMPLES.append(dict(
    name='d04_renhe_approval_2023', producer='docx', seed='003', format='2021',
    title=['攀枝花市仁和区行政审批局', '2023 年政府信息公开工作年度报告'],
    overview=sub(S003_OVERVIEW, ('县行政审批局', '区行政审批局'), ('盐边县', '仁和区'), ('县委', '区委'), ('县政府', '区政府'),
                 ('盐边政务服务', '仁和政务服务'),
                 ('2023 年，我局未收到或处理政府信息公开申请，未发生政府信息公开引起的行政复议、行政诉讼情况。',
                  '2023 年，我局收到政府信息公开申请 5 件，均已按期答复，未发生政府信息公开引起的行政复议、行政诉讼情况。')),
    problems=S003_PROBLEMS,
    other=['2023年，我单位未收取信息处理费，无其他需要报告的事项。'],
    signature='攀枝花市仁和区行政审批局', date='二〇二四年一月十七日',
    active=dict(regulations=['0', '0', '0'], normative=['0', '0', '0'], licensing='1864', penalty='0',
                coercion='0', fees=''),
    apps=d04_apps, reviews=d04_reviews,
    style=style(DOCX_STYLE, footer=False, body_font='AR PL UMing CN', title_font='AR PL UMing CN',
                t3_head='spaced', t4_head='spaced', numbering='1、', t3_vlabel='chars', newpage_before=[3],
                t3_onepage=True, t3_size=9.5, t3_widths=[6, 12, 28] + [54 / 7] * 7),
    quirks=['blank cells: 部分公开 自然人, 复议后起诉 row, 行政事业性收费 amount (null + missing_value)',
            'header cells letter-spaced with real spaces ("自 然 人", "结 果 维 持")', 'sub-rows numbered "1、"',
            '三、本年度办理结果 one character per line', 'published 二〇二四年一月十七日', 'two-line title',
            'table 三 starts on a new page'],
))

# d05 — 2019 format (report on 2020): procurement in 万元 (header), signed changes, tbRl label.
SAMPLES.append(dict(
    name='d05_haiyuan_2020', producer='docx', seed='002', format='2019',
    title=['海原县人民政府', '2020年政府信息公开工作年度报告'],
    preamble=['本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，由海原县人民政府办公室编制。'
              '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、'
              '存在的主要问题及改进情况、其他需要报告的事项。本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。'],
    overview=[
        '2020年，海原县人民政府认真贯彻落实《条例》和自治区、中卫市关于政务公开工作的部署要求，围绕疫情防控、脱贫攻坚、'
        '“六稳”“六保”等重点工作，持续加大政府信息公开力度，不断提升政务公开质量和实效。',
        '§（一）主动公开情况。',
        '全年在县政府门户网站主动公开政府信息5236条，发布疫情防控信息612条、脱贫攻坚信息438条；公开县政府及县政府办公室规范性文件9件，'
        '对外公开规范性文件总数57件。政府集中采购项目27个，采购总金额1523.46万元。',
        '§（二）依申请公开情况。',
        '全年共收到政府信息公开申请18件，上年结转1件，均已按期办结。其中予以公开10件，部分公开2件，不予公开1件，无法提供4件，'
        '不予处理1件，其他处理1件。',
        '§（三）政府信息管理情况。',
        '严格执行公开前保密审查制度，对拟公开信息逐条审核；完成县政府规范性文件清理，废止和宣布失效文件6件。',
        '§（四）平台建设情况。',
        '完成县政府门户网站改版，开设“疫情防控”“脱贫攻坚”专题专栏；规范政务新媒体管理，关停僵尸账号2个。',
        '§（五）监督保障情况。',
        '成立县政务公开工作领导小组，将政务公开纳入效能目标考核，全年开展业务培训3次、督查通报4次。',
    ],
    problems=[
        '一是个别部门对政务公开工作重视不够，信息更新不及时；二是政策解读质量不高，图解、视频解读数量偏少。',
        '2021年，我县将进一步完善政务公开工作机制，加强业务培训，提高政策解读质量，推动政务公开工作再上新台阶。',
    ],
    other=['2020年，我县未收取政府信息公开信息处理费。无其他需要报告的事项。'],
    signature='海原县人民政府', date='2021年1月15日',
    active=dict(regulations=['0', '0', '0'], normative=['9', '9', '57'],
                licensing=['412', '+38', '3876'], other_services=['96', '-12', '1405'],
                penalty=['2210', '-183', '1042'], coercion=['64', '+5', '8'],
                fees=['11', '-1'], procurement=['27', '1523.46'], procurement_unit='万元'),
    apps=printed_apps(make_apps([14, 3, 0, 0, 0, 1], Z(1), single_other=True, outcomes={
        'granted': [7, 2, 0, 0, 0, 1], 'partly_granted': Z(2), 'denied/third_party_rights': Z(1),
        'unable/not_held': [3, 1, 0, 0, 0, 0], 'not_processed/complaint': Z(1), 'other': Z(1)})),
    reviews=make_reviews([1, 0, 0, 0], [0, 1, 0, 0], [0] * 4),
    style=style(DOCX_STYLE, t3_vlabel='tbrl', newpage_before=[3], t3_onepage=True, t3_size=9.5,
                footer_align='r'),
    quirks=['2019 format, report on 2020', 'signed changes "+38", "-12", "-183", "+5", "-1"',
            'procurement amount in 万元 (header 采购总金额（万元）, 1523.46)', '（六）其他处理 one row',
            '三、本年度办理结果 vertical (tbRl)', 'two-line title', 'published 2021年1月15日',
            'page footers "-N-" (right-aligned)', 'table 三 starts on a new page'],
))

# d06 — variant of seed 004: "—" "/" "无" "0.00", wrapped row labels, wrapped header cells.
SAMPLES.append(dict(
    name='d06_bude_2023', producer='docx', seed='004', format='2021',
    title=['攀枝花市仁和区布德镇 2023 年政府信息公开工作年度报告'],
    overview=sub(S004_OVERVIEW, ('前进镇', '布德镇'),
                 ('主动公开各种信息、动态 34 条，通过网络媒体公开信息 125 条，共计公开信息 159 条',
                  '主动公开各种信息、动态 41 条，通过网络媒体公开信息 96 条，共计公开信息 137 条'),
                 ('受理依申请公开件 3 件，予以公开 2 件，因本机关不掌握相关政府信息无法提供 1 件，均已按期答复。',
                  '受理依申请公开件 2 件，予以公开 1 件，因本机关不掌握相关政府信息无法提供 1 件，均已按期答复。')),
    problems=S004_PROBLEMS,
    other=['2023 年未收取信息处理费，且无其他需要报告的事项。'],
    signature='攀枝花市仁和区布德镇人民政府', date='2024 年 1 月 11 日',
    active=dict(regulations=['/', '/', '/'], normative=['0', '0', '2'], licensing='—', penalty='—',
                coercion='—', fees='0.00'),
    labels={'normative': '规范性文件',
            'denied/process_information': '6.属于四类\n过程性信息',
            'denied/security_stability': '3.危及“三安\n全一稳定”',
            'not_processed/confirmation': '5.要求行政机关\n确认或重新出具\n已获取信息',
            'other/no_correction': '1.申请人无正当理由\n逾期不补正、行政机关\n不再处理其政府信息\n公开申请'},
    apps=printed_apps(make_apps(Z(2), outcomes={'granted': Z(1), 'unable/not_held': Z(1)})),
    reviews=make_reviews([0] * 4, [0] * 4, [0] * 4, zero='—'),
    style=style(DOCX_STYLE, footer=False, t3_head='wrap2', t2_article='第二十条 第（{}）项',
                t3_widths=[8, 12, 26] + [54 / 7] * 7, t3_sub_left=True),
    quirks=['table 二 values "/", "—", "0.00"; table 四 all "—"', 'row labels wrapped over 2–4 lines, numbers centred',
            'header cells wrapped over two lines ("商业" / "企业")', 'published "2024 年 1 月 11 日"',
            'one-line title with spaces', 'changed numbers'],
))

# d07 — issuing body only in the signature; large numbers, fee with decimals, superscript footnote marker,
#        one-character-per-line header cells in table 四.
d07_apps = make_apps([88, 31, 0, 1, 2, 4], [5, 1, 0, 0, 0, 0], outcomes={
    'granted': [40, 15, 0, 1, 1, 2], 'partly_granted': [10, 6, 0, 0, 0, 0],
    'denied/third_party_rights': [3, 2, 0, 0, 0, 0], 'denied/process_information': Z(2),
    'unable/not_held': [21, 5, 0, 0, 1, 1], 'unable/unclear': Z(2), 'not_processed/complaint': Z(6),
    'not_processed/confirmation': Z(1), 'other/no_correction': [4, 1, 0, 0, 0, 0], 'other/other': Z(2)})
SAMPLES.append(dict(
    name='d07_sc_market_2023', producer='docx', seed='003', format='2021',
    title=['2023年政府信息公开工作年度报告'],
    overview=[
        '2023年，省市场监管局坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实《中华人民共和国政府信息公开条例》，'
        '围绕优化营商环境、维护市场秩序、守牢安全底线等重点工作，全面推进决策、执行、管理、服务、结果公开。',
        '§（一）主动公开情况。',
        '全年在局门户网站发布各类政府信息1.8万余条，制发行政规范性文件6件，废止3件，现行有效48件；办理行政许可2316470件，'
        '作出行政处罚决定41562件，实施行政强制措施3208件，行政处罚信息按规定在国家企业信用信息公示系统公示。',
        '§（二）依申请公开情况。',
        '全年新收政府信息公开申请126件，上年结转6件，已办结123件，结转下年度继续办理9件。',
        '§（三）政府信息管理情况。',
        '动态更新政府信息公开指南和主动公开基本目录，严格落实公开前审查机制。',
        '§（四）平台建设情况。',
        '优化门户网站政府信息公开专栏，推进政务新媒体规范化建设。',
        '§（五）监督保障情况。',
        '将政务公开工作纳入年度目标考核，组织全系统政务公开业务培训2次。',
    ],
    problems=[
        '一是政策解读的形式和渠道仍需丰富；二是个别处室（单位）对依申请公开法律风险认识不足。',
        '下一步，将加强解读材料与政策文件同步发布，开展依申请公开典型案例培训，提升答复规范化水平。',
    ],
    other=['2023年，本机关收取信息处理费0元。',
           '本年度行政事业性收费金额为312.5万元，均按规定纳入财政管理。'],
    signature='四川省市场监督管理局', date='二〇二四年一月十七日',
    active=dict(regulations=['0', '0', '0'], normative=['6', '3', '48'], licensing='2316470', penalty='41562',
                coercion='3208', fees='312.5'),
    apps=printed_apps(d07_apps),
    reviews=make_reviews([5, 1, 0, 1], [2, 0, 1, 0], [1, 0, 0, 0]),
    style=style(DOCX_STYLE, footnote_marker='^^[1]^^', t4_head='onechar',
                footnote='注：[1] 第二十条第（一）项所列规章由省政府制发，本局制发件数为行政规范性文件。',
                head_font='Noto Sans CJK SC', table_head_bold=True, sig_pad=3),
    quirks=['title without organization, issuing body only in the signature', 'large numbers (2316470)',
            'fee with decimals (312.5)', 'superscript footnote marker "[1]" in a table 二 header, footnote below',
            'table 四 header cells one character per line', 'published 二〇二四年一月十七日', 'page footers "-N-"'],
))

SAMPLE_BY_NAME = {s['name']: s for s in SAMPLES}


# ---------------------------------------------------------------------------
# samples/bad/
# ---------------------------------------------------------------------------

NOT_A_REPORT = '''<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "AR PL UMing CN"; font-size: 16pt; line-height: 28pt; }
.t { font-family: "WenQuanYi Zen Hei"; font-size: 22pt; line-height: 36pt; text-align: center; margin-bottom: 28pt; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.n { text-indent: 0; }
.r { text-align: right; text-indent: 0; padding-right: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 18pt; margin: 8pt 0 16pt 0; }
td { border: 0.75pt solid #000; text-align: center; padding: 3pt; }
</style></head><body>
<div class="t">关于做好2024年春节期间值班值守工作的通知</div>
<p class="n">各科室、各直属单位：</p>
<p>2024年春节即将来临，为确保节日期间各项工作平稳有序，及时妥善处置各类突发事件，现就做好春节期间值班值守工作通知如下。</p>
<p>一、严格落实领导带班和24小时值班制度。各科室、各单位要明确带班领导和值班人员，值班人员不得擅自离岗、脱岗。</p>
<p>二、做好安全隐患排查。节前要对办公场所水、电、气、消防设施进行一次全面检查，发现问题及时整改。</p>
<p>三、严格执行信息报送制度。遇有重大突发事件，值班人员要第一时间报告带班领导，并按规定时限逐级上报。</p>
<p>春节期间值班安排如下：</p>
<table>
<tr><td>日期</td><td>带班领导</td><td>值班人员</td><td>联系电话</td></tr>
<tr><td>2月9日（除夕）</td><td>王建国</td><td>李明</td><td>0812-3331201</td></tr>
<tr><td>2月10日（初一）</td><td>张丽</td><td>陈刚</td><td>0812-3331202</td></tr>
<tr><td>2月11日（初二）</td><td>刘洋</td><td>赵敏</td><td>0812-3331203</td></tr>
<tr><td>2月12日（初三）</td><td>孙伟</td><td>周静</td><td>0812-3331204</td></tr>
</table>
<p class="r">办公室</p>
<p class="r">2024年2月5日</p>
</body></html>
'''


def generate_bad(work):
    bad = os.path.join(OUT, 'bad')
    os.makedirs(bad, exist_ok=True)
    hp = os.path.join(work, 'not-a-report.html')
    with open(hp, 'w', encoding='utf-8') as f:
        f.write(NOT_A_REPORT)
    chromium_pdf(hp, os.path.join(bad, 'not-a-report.pdf'))
    src = os.path.join(OUT, 'h01_xiqu_2023.pdf')
    if not os.path.exists(src):
        raise SystemExit('samples/h01_xiqu_2023.pdf is needed to make samples/bad/encrypted.pdf')
    enc = os.path.join(bad, 'encrypted.pdf')
    if os.path.exists(enc):
        os.remove(enc)
    subprocess.run(['qpdf', '--encrypt', 'user', 'owner', '256', '--', src, enc], check=True)
    # checks: the notice extracts as Chinese text; the encrypted file needs the user password
    t = subprocess.run(['pdftotext', os.path.join(bad, 'not-a-report.pdf'), '-'], capture_output=True,
                       text=True, check=True).stdout
    assert '值班值守' in t, t[:200]
    r = subprocess.run(['pdfinfo', enc], capture_output=True, text=True)
    assert r.returncode != 0, 'encrypted.pdf opens without a password'
    r = subprocess.run(['pdfinfo', '-upw', 'user', enc], capture_output=True, text=True)
    assert r.returncode == 0 and re.search(r'Encrypted:\s+yes', r.stdout), r.stdout + r.stderr
    print('%-34s %s' % ('bad/not-a-report.pdf', 'html'))
    print('%-34s %s' % ('bad/encrypted.pdf', 'qpdf AES-256, user password "user", owner password "owner"'))


# ---------------------------------------------------------------------------
# samples/README.md
# ---------------------------------------------------------------------------

def write_readme():
    lines = [
        '# Test samples',
        '',
        'Typed PDFs of 政府信息公开工作年度报告 and, beside each, the expected output of `nianbao`',
        '(`NAME.expected.json`, format of `shared/spec/report-json.md`, without `provenance`).',
        'Everything here is generated by `scripts/make_samples.py` from the structured data held in that script;',
        'the expected JSON is computed from that data (never from an extractor), with `source.sha256` and',
        '`source.pages` taken from the PDF produced. Regenerate with:',
        '',
        '```',
        'scripts/make_samples.py                 # all samples, samples/bad/ and this README',
        'scripts/make_samples.py h03_shapotou_2023   # one sample (also: bad)',
        '```',
        '',
        'Producers: **html** = HTML → PDF with headless Chromium; **docx** = .docx written with python-docx →',
        'PDF with LibreOffice (`soffice --headless --convert-to pdf`). Seeds are `shared/seeds/NNN_*.txt`;',
        'a sample is either the seed as printed or a variant (other organization, changed numbers).',
        'Organization names are borrowed from the seeds\' regions; all numbers not in a seed are invented.',
        '',
        'Each PDF\'s sha256 changes on every regeneration (the producers stamp a creation date), and so does',
        'its expected JSON: commit them together.',
        '',
        '| file | producer | seed | format | pages | issues | quirks |',
        '| --- | --- | --- | --- | --- | --- | --- |',
    ]
    for s in SAMPLES:
        jp = os.path.join(OUT, s['name'] + '.expected.json')
        doc = json.load(open(jp, encoding='utf-8')) if os.path.exists(jp) else None
        pages = doc['source']['pages'] if doc else '?'
        if doc:
            codes = {}
            for i in doc['issues']:
                codes[i['code']] = codes.get(i['code'], 0) + 1
            issues = ', '.join('%s×%d' % (k, v) for k, v in codes.items()) or '—'
        else:
            issues = '?'
        lines.append('| `%s.pdf` | %s | %s | %s | %s | %s | %s |' % (
            s['name'], s['producer'], s['seed'], s['format'], pages, issues, '; '.join(s['quirks'])))
    lines += [
        '| `bad/not-a-report.pdf` | html | — | — | 1 | — | an ordinary notice (值班值守通知) with a small table: not an annual report |',
        '| `bad/encrypted.pdf` | qpdf | 000 | 2021 | 6 | — | `h01_xiqu_2023.pdf` encrypted with `qpdf --encrypt user owner 256 --`: '
        'opening needs the user password `user` |',
        '',
        'Order of `issues` in the expected files: `missing_value` in document order (table 二, 三, 四),',
        'then `other_single_row`, then `rule1_balance`, `rule2_row_sum`, `rule3_outcome_sum`, `rule4_review_sum`',
        '(each rule column by column / row by row). A rule whose operands include a null is not evaluated.',
        '',
        'The generator checks every PDF after producing it (`pdftotext -layout`, `pdftotext -bbox`, `pdffonts`):',
        'each paragraph of the prose sections is in the text, footers "— N —" / "-N-" are on every page,',
        'the vertical label is printed one character under the other, table 三 falls on one page or is split',
        'where intended (header repeated or not, label cut by the break), all fonts are embedded with a',
        'ToUnicode map, each PDF is under 1 MB. Split positions are found by adding space above the',
        'heading of section 三 (a per-sample starting value, then 0–180 pt) until the check passes.',
        '',
        'Tools: /usr/bin/python3 with python3-docx, chromium, LibreOffice, poppler-utils, qpdf, fonts-noto-cjk,',
        'fonts-wqy-zenhei, fonts-arphic-uming.',
        '',
    ] + VARIANTS_README
    enc_pages = None
    with open(os.path.join(OUT, 'README.md'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


VARIANTS_README = '''## Generated layouts: `variants/`

`scripts/variants` draws reports from the seeds' prose with every layout dimension drawn at
random, renders them, and writes the expected JSON from its own draw (never from an
extractor). `variants/` holds 64 of them (`scripts/variants --n 66 --seed 1 --out
samples/variants --keep`; a draw whose PDF does not carry its own text, for a font without a
glyph, is left out): for each, the PDF, `NAME.expected.json`, and `NAME.dims.json`, the
dimensions it was drawn with. `tests/variants.rs` reads them in one batch and requires every
field and every metadata value, and has a test for each kind of layout below that once lost a
table or a field. `scripts/variants --n 500 --seed S` scores a fresh draw (use a seed never used
before) and prints the accuracy by dimension, so a weak dimension shows by name.

| dimension | values drawn |
| --- | --- |
| `producer` | `html` (HTML → Chromium), `docx` (python-docx → LibreOffice), `tex` (XeLaTeX: xeCJK, longtable, multirow; rules as filled rectangles, no space glyphs) |
| `page`, margins | A4, Letter, B5, A5; margins 15–38 mm (less on A5) |
| fonts | body, heading, title and table faces drawn apart from 宋 (Noto Serif CJK, AR PL UMing, AR PL SungtiL GB), 黑 (Noto Sans CJK, WenQuanYi Zen Hei / Micro Hei) and 楷 (AR PL UKai, AR PL KaitiM GB, LXGW WenKai) faces; Latin digits in DejaVu or the CJK face; body 10–16 pt, line spacing 1.3–2, tables 7.5–12 pt, title 16–26 pt, bold or not |
| `title` | one line, spaces around the year, organization / year line, year first ("2020年上海市政府…"), no organization (the body only in the signature) |
| `title_wrap` | none, a short tail line of 1–4 characters ("…年度报" / "告"), cut in the middle; long titles also wrap by themselves |
| `date_under_title` | none, 发布时间：YYYY-MM-DD HH:MM, 发布日期：YYYY-MM-DD, 成文日期：Y年M月D日, 来源：… 发布时间：…, 发布日期 in Chinese numerals |
| `signature`, `date_form` | body and date, date only, body only, none; dates in digits, spaced, zero-padded, Chinese numerals (〇 or ○) |
| `published_from` | the signature's date, the date near the title, none |
| `preamble` | none, the seed's, the seed's naming the report in 《》 |
| `heading_numbering`, `heading_wording`, `problems_heading` | 一、 一． 一. "一 " 第一部分 第一部分：; both formats' wordings and variants (存在的主要问题和改进情况, 因政府信息公开工作被申请行政复议、提起行政诉讼情况, …) |
| `format`, `other_row` | 2021 and 2019 formats; （六）其他处理 split or as one row |
| `numbers`, `zero_mark`, `blanks`, `misprint` | all zero, small, medium, large (to 8 digits); zero printed as 0 — - / 无; blank cells; a misprinted total |
| `t2_header`, `t2_words` | table 二's header per item or once; row labels the template does not know |
| `t3_header`, `t3_head_mode`, `t3_words` | table 三's header of 1, 2 or 3 rows; header text normal, one character per line, letter-spaced, distributed, wrapped; applicant labels the template does not know |
| `t3_vlabel`, `t3_labels`, `t3_numbering` | 三、本年度办理结果 across, one character per line, or vertical; label columns wide or narrow (labels wrap anywhere); sub-rows numbered 1. 1、 1． （1） |
| `t4_header`, `t4_head_mode`, `t4_words` | table 四's header: 行政复议 / 行政诉讼 over 未经复议直接起诉 / 复议后起诉 with the outcomes spanning two rows or all in the third; one group row 行政诉讼（未经复议直接起诉）, wrapped inside the word or not; outcome wordings the template does not know |
| `borders` | collapsed, boxes drawn apart (border-spacing), double; 0.5–1.5 pt, black or grey; band rows shaded or not; values centred, left or right |
| `repeat_header`, `t2_break`, `t3_break`, `t4_break` | space drawn over a page before a table's heading puts the page break at any row, header included; headers repeated or not (read from the PDF: where each table was cut) |
| `footer`, `browser_chrome` | page numbers — N —, -N-, 第N页, 第 N 页 共 M 页, N / M, none; Chromium's own date, title, address and "1/5" around each page |
'''.split('\n')


# ---------------------------------------------------------------------------

def main(argv):
    if '--readme' in argv:
        write_readme()
        return
    if '--list' in argv:
        for s in SAMPLES:
            print(s['name'])
        print('bad')
        return
    names = [a for a in argv if not a.startswith('-')]
    for n in names:
        if n != 'bad' and n not in SAMPLE_BY_NAME:
            raise SystemExit('unknown sample %r (see --list)' % n)
    os.makedirs(OUT, exist_ok=True)
    work = tempfile.mkdtemp(prefix='nianbao-samples-')
    try:
        todo = [s for s in SAMPLES if not names or s['name'] in names]
        for s in todo:
            generate(s, work)
        if not names or 'bad' in names:
            generate_bad(work)
        if not names:
            write_readme()
    finally:
        if os.environ.get('KEEP_WORK'):
            print('work files kept in', work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main(sys.argv[1:])
