#!/usr/bin/env python3
"""Checks for the held-out set written by writer B (heldout5).

Files checked (only these): points.yaml, multiple.yaml, per-unit.yaml,
restatement.yaml, anniversary.yaml, silent_b.yaml.

For every case the figures of the relation are located by an anchor (the text
that comes right before the figure; identical in `correct` and `wrong`), parsed
into an interval from their printed precision, and the relation is evaluated
with interval arithmetic:

* normal tolerance (the rules of the brief): a plain whole-number count is
  exact; other figures are x +- half a unit of the last digit; 超/余/多/突破/逾
  (and 迈上/跨越) give [x, x+u]; 近 gives [x-u, x]; 约/左右 give x +- u;
  X成 is 10X% +- 5 points; a fraction (三分之一) is +- 0.5 points.
* `correct` must hold with normal tolerance;
* `wrong` must fail with every tolerance doubled, and (extra, stricter) also
  with "robust" doubled tolerance, in which a round integer such as 8900 or
  4000万 is read as rounded to its last non-zero digit (8900 +- 50), and, for
  增长N倍, under the loose reading (N times) as well as the strict one (N+1).

Run:  python3 verify_b.py      (ends with "all checks passed")
"""
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = '/work/shared'

FILES = {
    'points': 'points.yaml',
    'multiple': 'multiple.yaml',
    'per-unit': 'per-unit.yaml',
    'restatement': 'restatement.yaml',
    'anniversary': 'anniversary.yaml',
    'silent': 'silent_b.yaml',
}
PAIR_FAMILIES = ['points', 'multiple', 'per-unit', 'restatement', 'anniversary']
SILENT_IDS = ['silent-z%02d' % i for i in range(9, 16)]

# ---------------------------------------------------------------- YAML loading
try:
    import yaml  # type: ignore

    def load_yaml(path):
        with open(path, encoding='utf-8') as f:
            return yaml.safe_load(f)
except ImportError:  # minimal parser for the layout used in these files
    def _scalar(v):
        v = v.strip()
        if len(v) >= 2 and v[0] == v[-1] and v[0] in '"\'':
            return v[1:-1]
        return v

    def load_yaml(path):
        with open(path, encoding='utf-8') as f:
            lines = f.read().split('\n')
        doc = {'cases': []}
        cur = None
        i = 0
        while i < len(lines):
            ln = lines[i]
            if not ln.strip():
                i += 1
                continue
            m = re.match(r'^family:\s*(.*)$', ln)
            if m:
                doc['family'] = _scalar(m.group(1))
                i += 1
                continue
            if ln.strip() == 'cases:':
                i += 1
                continue
            m = re.match(r'^(\s*)- (\w[\w-]*):\s*(.*)$', ln)
            if m:
                cur = {}
                doc['cases'].append(cur)
                ln = m.group(1) + '  ' + m.group(2) + ': ' + m.group(3)
            m = re.match(r'^(\s+)(\w[\w-]*):\s*(.*)$', ln)
            if m and cur is not None:
                key, val = m.group(2), m.group(3)
                if val == '|':
                    block = []
                    i += 1
                    ind = None
                    while i < len(lines):
                        l2 = lines[i]
                        if l2.strip() == '':
                            block.append('')
                            i += 1
                            continue
                        lead = len(l2) - len(l2.lstrip(' '))
                        if ind is None:
                            ind = lead
                        if lead < ind:
                            break
                        block.append(l2[ind:])
                        i += 1
                    while block and block[-1] == '':
                        block.pop()
                    cur[key] = '\n'.join(block) + '\n'
                    continue
                cur[key] = _scalar(val)
            i += 1
        return doc

# ------------------------------------------------------------ number parsing
FW = {ord('０') + i: ord('0') + i for i in range(10)}
FW.update({ord('．'): ord('.'), ord('％'): ord('%')})


def norm(t):
    return t.translate(FW)  # length preserving


CN_DIG = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
          '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
CN_SMALL = {'十': 10, '百': 100, '千': 1000}
CN_BIG = {'万': 10 ** 4, '亿': 10 ** 8}
CN_CHARS = '零〇一二两三四五六七八九十百千万亿'


def cn_int(s):
    """Chinese integer -> (value, unit of its last digit)."""
    if not any(c in CN_SMALL or c in CN_BIG for c in s):
        v = 0
        for c in s:
            v = v * 10 + CN_DIG[c]
        return v, 1
    total = section = num = 0
    last_u = 1
    pending = False
    for c in s:
        if c in CN_DIG:
            num = CN_DIG[c]
            pending = True
        elif c in CN_SMALL:
            if not pending and c == '十':
                num = 1
            section += num * CN_SMALL[c]
            last_u = CN_SMALL[c]
            num = 0
            pending = False
        elif c in CN_BIG:
            if pending:
                section += num
                last_u = 1
            total += section * CN_BIG[c]
            last_u *= CN_BIG[c]
            section = num = 0
            pending = False
    if pending:
        section += num
        last_u = 1
    return total + section, last_u


def cn_number(run, frac):
    v, u = cn_int(run)
    dec = 0
    if frac:
        for k, c in enumerate(frac, 1):
            v += CN_DIG[c] * 10 ** -k
        dec = len(frac)
        u = 10 ** -dec
    return v, u, dec


LOWER_PREFIX = ('突破', '超过', '超', '逾', '迈上', '跨越')
UPPER_PREFIX = ('接近', '将近', '近')
ABOUT_PREFIX = ('大约', '约')
NUM_RE = re.compile(r'\d+(?:\.\d+)?')
CN_RE = re.compile('[' + CN_CHARS + ']+')
CN_DEC_RE = re.compile('[' + CN_CHARS[:10] + ']+')


class Fig:
    def __init__(self, **kw):
        self.__dict__.update(kw)

    def interval(self, k=1.0, robust=False):
        V = self.V
        if self.kind == 'year':
            return (V, V)
        if self.frac:
            return (V - 0.5 * k, V + 0.5 * k)
        if self.cheng:
            return (V - 5 * k, V + 5 * k)
        U = self.Ur if robust else self.U
        if self.mod == 'lower':
            return (V, V + U * k)
        if self.mod == 'upper':
            return (V - U * k, V)
        if self.mod == 'about':
            return (V - U * k, V + U * k)
        if self.count:
            if robust and self.Ur > self.U:
                return (V - 0.5 * self.Ur * k, V + 0.5 * self.Ur * k)
            return (V, V)
        return (V - 0.5 * U * k, V + 0.5 * U * k)

    def __repr__(self):
        return 'Fig(%s %s)' % (self.raw, self.interval())


def find_anchor(text, anchor, n=0):
    pos = -1
    for _ in range(n + 1):
        pos = text.find(anchor, pos + 1)
        if pos < 0:
            raise ValueError('anchor %r (#%d) not found' % (anchor, n))
    return pos + len(anchor)


def parse_fig(text, anchor, n=0, kind=None, mod=None):
    t = norm(text)
    p = find_anchor(t, norm(anchor), n) if anchor else 0
    while p < len(t) and t[p] in ' \t\u3000':
        p += 1
    start = p
    pct = frac = cheng = False
    if t.startswith('百分之', p):
        pct = True
        p += 3
    m = NUM_RE.match(t, p)
    scale = 1
    if m:
        s = m.group()
        p = m.end()
        dec = len(s.split('.')[1]) if '.' in s else 0
        val = float(s)
        u = 10.0 ** -dec
        tz = 0
        if dec == 0:
            ip = s.lstrip('0') or '0'
            tz = len(ip) - len(ip.rstrip('0')) if ip != '0' else 0
        if t.startswith('万亿', p):
            scale, p = 10 ** 12, p + 2
        elif t[p:p + 1] == '亿':
            scale, p = 10 ** 8, p + 1
        elif t[p:p + 1] == '万':
            scale, p = 10 ** 4, p + 1
    else:
        m = CN_RE.match(t, p)
        if not m:
            raise ValueError('no number after anchor %r: %r' % (anchor, t[p:p + 12]))
        run = m.group()
        p = m.end()
        if t.startswith('分之', p):  # fraction X分之Y
            m2 = CN_RE.match(t, p + 2)
            den, _ = cn_int(run)
            num, _ = cn_int(m2.group())
            p = m2.end()
            V = 100.0 * num / den
            return Fig(V=V, U=0, Ur=0, kind=kind, frac=True, cheng=False,
                       mod=None, count=False, pct=True, raw=t[start:p])
        fr = ''
        if t[p:p + 1] == '点':
            m2 = CN_DEC_RE.match(t, p + 1)
            if m2:
                fr = m2.group()
                p = m2.end()
        val, u, dec = cn_number(run, fr)
        tz = int(round(math.log10(u))) if dec == 0 and u >= 1 else 0
        u = float(u) if dec else 1.0  # literal unit of the last digit
        if dec == 0:
            u = 10.0 ** tz
            tz = 0  # the literal unit already is the last non-zero place
    suffix = None
    if t[p:p + 1] in ('余', '多'):
        suffix = 'lower'
        p += 1
    if t[p:p + 1] == '%':
        pct = True
        p += 1
    elif t[p:p + 1] == '成' and not pct:
        cheng = True
        val *= 10
        pct = True
        p += 1
    pre = norm(anchor or '')
    amod = None
    if pre.endswith(LOWER_PREFIX):
        amod = 'lower'
    elif pre.endswith(UPPER_PREFIX):
        amod = 'upper'
    elif pre.endswith(ABOUT_PREFIX):
        amod = 'about'
    if t.startswith('左右', p) or re.match(r'^[^\d，。；、,;]{0,3}左右', t[p:p + 6] or ''):
        amod = 'about'
    mod = mod or suffix or amod
    V = val * scale
    U = u * scale
    Ur = (10.0 ** tz) * scale if tz else U
    count = (dec == 0 and scale == 1 and not pct and mod is None
             and kind not in ('approx',))
    return Fig(V=V, U=U, Ur=Ur, kind=kind, frac=False, cheng=cheng, mod=mod,
               count=count, pct=pct, raw=t[start:p])


# ------------------------------------------------------- interval arithmetic
def sub(a, b):
    return (a[0] - b[1], a[1] - b[0])


def div(a, b):
    assert b[0] > 0, 'division by non-positive interval'
    cands = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]]
    return (min(cands), max(cands))


def mul(a, f):
    return (min(a[0] * f, a[1] * f), max(a[0] * f, a[1] * f))


def add(a, b):
    return (a[0] + b[0], a[1] + b[1])


def overlap(a, b):
    eps = 1e-9 * max(1.0, abs(a[0]), abs(a[1]), abs(b[0]), abs(b[1]))
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


# ------------------------------------------------------------------ the spec
# A variable: anchor string, or (anchor, n) with n the occurrence, or a dict
# {'a': anchor, 'n': n, 'kind': 'approx'|'year', 'mod': ...}; a number is a
# constant.  Relations:
#   diff X Y Z        X - Y = Z              (points)
#   ratio X Y N [f]   X / Y * f = N          (multiple, per-unit)
#   times X Y N       X / Y - 1 = N          (增长N倍, strict reading)
#   eq X Y [f]        X * f = Y              (restatement)
#   years Y F N       Y - F = N              (N周年)
#   history Y F N     Y - F = N              (有N年历史; wrong must miss by >= 2)
#   edition Y F N P   (Y - F) / P + 1 = N    (第N届, every P years)
#   le X Y            X <= Y
#   pct X Y P         X / Y * 100 = P
#   sum [X..] T       sum of X = T
A = lambda a, n=0, **kw: dict(a=a, n=n, **kw)  # noqa: E731
AP = lambda a, n=0: dict(a=a, n=n, kind='approx')  # noqa: E731
YR = lambda a, n=0: dict(a=a, n=n, kind='year')  # noqa: E731

SPEC = {
    # ---- points
    'points-z01': [('diff', '提升至', '由上年的', '、提高')],
    'points-z02': [('diff', '占比达到', '这一比例为', '、提高')],
    'points-z03': [('diff', '城镇化率', '比2020年的', '提高')],
    'points-z04': [('diff', '毛入学率达到', '全国平均水平（', '）')],
    'points-z05': [('diff', '综合机械化率达到', '全国平均为', '高于全国平均水平')],
    'points-z06': [('diff', '攀升至', '去年同期的', '一年提高')],
    'points-z07': [('diff', '较上年的', '降至', '下降')],
    'points-z08': [('diff', '城镇化率达到', '2024年末为', '一年提高')],
    'points-z09': [('diff', ('升学率为', 0), ('升学率为', 1), '高出')],
    'points-z10': [('diff', '结案率', '上年同期', '同比上升')],
    'points-z11': [('diff', '较上年的', '回落到', '减少')],
    'points-z12': [('diff', '使用率达到', '去年同期的', '提高了')],
    # ---- multiple
    'multiple-z01': [('ratio', '、达', '2020年底为', 2)],
    'multiple-z02': [('ratio', '翻番、达', '时期的', 2)],
    'multiple-z03': [('ratio', '分别为', '亿元、', AP('时期的'))],
    'multiple-z04': [('times', '其中企业', '2020年末为', AP('、增长'))],
    'multiple-z05': [('times', '增至', '2020年的', AP('分别增长'))],
    'multiple-z06': [('ratio', '2025年的', '2021年的', AP('四年前的'))],
    'multiple-z07': [('ratio', '达到', '约为2020年', A('亿元的', mod='about'))],
    'multiple-z08': [('times', '攀升至', '2019年的', AP('亩增长'))],
    'multiple-z09': [('ratio', '达到', '只有', 4)],
    'multiple-z10': [('ratio', '达到', '2015年为', AP('十年前的'))],
    'multiple-z11': [('ratio', '扩大至', '仅招收研究生', AP('2012年的'))],
    'multiple-z12': [('ratio', '达到', '是2016年', '的近')],
    # ---- per-unit
    'per-unit-z01': [('ratio', '追回被拖欠工资', '有关部门为', AP('人均'))],
    'per-unit-z02': [('ratio', '户、', '帮助', AP('户均'))],
    'per-unit-z03': [('ratio', '联合投入', '免费早餐', AP('每份早餐'))],
    'per-unit-z04': [('ratio', '旅居总天数约', '旅居人数超', AP('平均居住'))],
    'per-unit-z05': [('ratio', '全市高价值发明专利', '常住人口', AP('拥有量达'), 1e4)],
    'per-unit-z06': [('ratio', '总产', '优质稻', AP('每亩产量'), 1000)],
    'per-unit-z07': [('ratio', '慰问金', '困难职工', AP('户均'))],
    'per-unit-z08': [('ratio', '实现', '常住人口', AP('人均地区生产总值'))],
    'per-unit-z09': [('ratio', '在校生', '专任教师', AP('生师比为'))],
    'per-unit-z10': [('ratio', '累计通行车辆', '假期', AP('日均'))],
    'per-unit-z11': [('ratio', '完成手术', '台次，', AP('平均每人完成'))],
    'per-unit-z12': [('ratio', '审结各类案件', '员额法官', AP('人均结案'))],
    # ---- restatement
    'restatement-z01': [('eq', ('新发展会员', 0), ('新发展会员', 1))],
    'restatement-z02': [('eq', '建制率达', ('集体协商建制率', 1))],
    'restatement-z03': [('eq', '突破', '完成地区生产总值')],
    'restatement-z04': [('eq', '突破', '达到')],
    'restatement-z05': [('eq', '达到', '迈上')],
    'restatement-z06': [('eq', '追回欠薪', '被拖欠工资')],
    'restatement-z07': [('eq', '达到', ('粮食总产量', 1), 2000)],
    'restatement-z08': [('eq', '贡献了', '占营业收入的')],
    'restatement-z09': [('eq', '职工', '在这支')],
    'restatement-z10': [('eq', '受理各类案件', '在受理的')],
    'restatement-z11': [('eq', '游客超过', '累计接待游客')],
    'restatement-z12': [('eq', '货物吞吐量', ('货物吞吐量', 1))],
    # ---- anniversary
    'anniversary-z01': [('years', YR('成立。'), YR('中国共产党'), YR('成立', 1))],
    'anniversary-z02': [('years', YR(''), YR('成立于'), YR('自治区成立'))],
    'anniversary-z03': [('history', YR(''), YR('总工会（'), YR('有着'))],
    'anniversary-z04': [('years', YR('总工会'), YR('均成立于'), YR('成立'))],
    'anniversary-z05': [('years', YR(''), YR('综合改革。'), YR('国家战略'))],
    'anniversary-z06': [('years', YR(''), YR('创办于'), YR('建校'))],
    'anniversary-z07': [('edition', YR('今年（'), YR('于'), YR('第'), 1)],
    'anniversary-z08': [('history', YR('至今（'), YR('始建于'), YR('已有'))],
    'anniversary-z09': [('years', YR('座谈会\n'), YR('召开。'), YR('召开成立'))],
    'anniversary-z10': [('years', YR(''), YR('周年。'), YR('成立'))],
    'anniversary-z11': [('years', YR('今年（'), YR(''), YR('建厂'))],
    'anniversary-z12': [('edition', YR('茶文化节于'), YR('该节会自'), YR('（第'), 1)],
    # ---- silent (relations that really are in the text; all must hold)
    'silent-z09': [],   # two completion rates of different plans: nothing to combine
    'silent-z10': [('eq', '增加到', '全年接待游客'), ('le', '由', '增加到')],
    'silent-z11': [],   # neither base of the two point changes is stated
    'silent-z12': [('times', '2025年底的', '2021年底的', AP('增长'))],
    'silent-z13': [('edition', YR('一届，'), YR('首届于'), YR('第'), 2)],
    'silent-z14': [('le', '农民工', '培训职工'), ('le', '青年职工', '培训职工')],
    'silent-z15': [('eq', ('新改建农村公路', 0), ('新改建农村公路', 1)),
                   ('pct', '实际完成', ('新改建农村公路', 1), '年度计划的')],
}

# Other arithmetic in a pair that must hold in both texts (not the tested relation).
EXTRA = {
    'restatement-z07': [('sum', ['夏粮产量', '秋粮产量'], '达到')],
    'restatement-z08': [('pct', '海外业务收入', ('营业收入', 0), '占营业收入的')],
    'restatement-z10': [('pct', '审结', '受理各类案件', '结案率')],
    'multiple-z12': [('eq', '突破', '达到')],
}

# Clauses added to real text (removed before the verbatim comparison).
ADDED = {
    'points-z01': ['由上年的51.0%'],
    'points-z02': ['，上年末这一比例为54.7%'],
    'points-z03': ['比2020年的56.53%'],
    'points-z04': ['（92.0%）'],
    'points-z05': ['，全国平均为76.7%'],
    'multiple-z01': ['（2020年底为8900家）'],
    'multiple-z02': ['较“十三五”时期的1367亿元'],
    'multiple-z03': ['（分别为2508亿元、1140亿元）'],
    'multiple-z04': ['（2020年末为77.4万户）'],
    'multiple-z05': ['，其中游客人次由2020年的4000万增至1.4亿'],
    'per-unit-z01': [',人均1.08万元'],
    'per-unit-z02': [',户均3.6人'],
    'per-unit-z03': [',折合每份早餐10.1元'],
    'per-unit-z04': ['，旅居总天数约4.6亿天'],
    'per-unit-z05': ['（全市高价值发明专利3.42万件，常住人口1364万人）'],
    'restatement-z01': [], 'restatement-z02': [], 'restatement-z03': [],
    'restatement-z04': [], 'restatement-z05': [],
    'anniversary-z01': ['中国共产党1921年成立。'],
    'anniversary-z02': ['新疆维吾尔自治区成立于1955年。'],
    'anniversary-z03': ['（1927年成立）'],
    'anniversary-z04': ['漯河市总工会2025年工作综述', '（全总、省总均成立于1925年）'],
    'anniversary-z05': ['2026年，', '2006年，滨海新区开发开放上升为国家战略。'],
    'silent-z09': [], 'silent-z10': [], 'silent-z11': [],
}


# ---------------------------------------------------------------- evaluation
def getfig(text, v):
    if isinstance(v, (int, float)):
        return None
    if isinstance(v, str):
        v = {'a': v}
    elif isinstance(v, tuple):
        v = {'a': v[0], 'n': v[1]}
    return parse_fig(text, v['a'], v.get('n', 0), v.get('kind'), v.get('mod'))


def iv(text, v, k, robust):
    if isinstance(v, (int, float)):
        return (float(v), float(v))
    return getfig(text, v).interval(k, robust)


def holds(text, rel, k=1.0, robust=False, loose=False):
    op = rel[0]
    g = lambda v: iv(text, v, k, robust)  # noqa: E731
    if op == 'diff':
        return overlap(sub(g(rel[1]), g(rel[2])), g(rel[3]))
    if op == 'ratio':
        f = rel[4] if len(rel) > 4 else 1
        return overlap(mul(div(g(rel[1]), g(rel[2])), f), g(rel[3]))
    if op == 'times':
        r = div(g(rel[1]), g(rel[2]))
        if loose:
            return overlap(r, g(rel[3]))
        return overlap(sub(r, (1, 1)), g(rel[3]))
    if op == 'eq':
        f = rel[3] if len(rel) > 3 else 1
        return overlap(mul(g(rel[1]), f), g(rel[2]))
    if op in ('years', 'history'):
        d = sub(g(rel[1]), g(rel[2]))
        n = g(rel[3])
        if op == 'history' and robust:  # 有N年历史 may be counted either way
            n = (n[0] - 1, n[1] + 1)
        return overlap(d, n)
    if op == 'edition':
        d = sub(g(rel[1]), g(rel[2]))
        return overlap(add(mul(d, 1.0 / rel[4]), (1, 1)), g(rel[3]))
    if op == 'le':
        return g(rel[1])[0] <= g(rel[2])[1] + 1e-9
    if op == 'pct':
        return overlap(mul(div(g(rel[1]), g(rel[2])), 100), g(rel[3]))
    if op == 'sum':
        s = (0.0, 0.0)
        for x in rel[1]:
            s = add(s, g(x))
        return overlap(s, g(rel[2]))
    raise ValueError(op)


RUN_RE = re.compile(r'([0-9０-９]+(?:[.．][0-9０-９]+)?|[' + CN_CHARS + ']+)')


def figure_diff(a, b):
    pa, pb = RUN_RE.split(a), RUN_RE.split(b)
    if len(pa) != len(pb):
        return None
    diffs = []
    for i, (x, y) in enumerate(zip(pa, pb)):
        if x != y:
            if i % 2 == 0:
                return None  # non-figure text differs
            diffs.append((x, y))
    return diffs


def squash(s):
    return re.sub(r'\s+', '', s)


_src_cache = {}


def source_text(src):
    if src not in _src_cache:
        with open(os.path.join(ROOT, src), encoding='utf-8') as f:
            _src_cache[src] = squash(f.read())
    return _src_cache[src]


# --------------------------------------------------------------------- main
def main():
    errors = []
    err = errors.append
    n_checked = 0
    seen = set()
    for fam, fn in FILES.items():
        path = os.path.join(HERE, fn)
        doc = load_yaml(path)
        if doc.get('family') != fam:
            err('%s: family is %r, expected %r' % (fn, doc.get('family'), fam))
        cases = doc.get('cases') or []
        ids = [c.get('id') for c in cases]
        want = SILENT_IDS if fam == 'silent' else ['%s-z%02d' % (fam, i) for i in range(1, 13)]
        if ids != want:
            err('%s: ids %r, expected %r' % (fn, ids, want))
        real = 0
        for c in cases:
            cid = c.get('id')
            if cid in seen:
                err('duplicate id %s' % cid)
            seen.add(cid)
            keys = set(c)
            need = {'id', 'source', 'correct', 'error'} | (set() if fam == 'silent' else {'wrong'})
            if keys != need:
                err('%s: fields %s, expected %s' % (cid, sorted(keys), sorted(need)))
                continue
            for k in need:
                if not isinstance(c[k], str) or not c[k].strip():
                    err('%s: empty or non-string field %s' % (cid, k))
            if '\n' in c['error'].strip():
                err('%s: error must be one line' % cid)
            if cid not in SPEC:
                err('%s: no relation spec' % cid)
                continue
            cor = c['correct']
            # relation(s) in correct
            for rel in SPEC[cid] + EXTRA.get(cid, []):
                try:
                    if not holds(cor, rel):
                        err('%s: relation %s does not hold in correct' % (cid, rel))
                except Exception as e:  # noqa: BLE001
                    err('%s: correct: %s: %s' % (cid, rel, e))
            if fam != 'silent':
                wr = c['wrong']
                d = figure_diff(cor, wr)
                if d is None or len(d) != 1:
                    err('%s: correct and wrong must differ in exactly one figure, got %r' % (cid, d))
                for rel in SPEC[cid]:
                    try:
                        for robust in (False, True):
                            if holds(wr, rel, k=2.0, robust=robust):
                                err('%s: relation %s still holds in wrong (doubled tolerance, robust=%s)'
                                    % (cid, rel, robust))
                            if rel[0] == 'times' and holds(wr, rel, k=2.0, robust=robust, loose=True):
                                err('%s: wrong passes the loose reading of 增长N倍' % cid)
                    except Exception as e:  # noqa: BLE001
                        err('%s: wrong: %s: %s' % (cid, rel, e))
                for rel in EXTRA.get(cid, []):
                    try:
                        if not holds(wr, rel):
                            err('%s: other arithmetic %s broken in wrong' % (cid, rel))
                    except Exception as e:  # noqa: BLE001
                        err('%s: wrong extra: %s: %s' % (cid, rel, e))
            # real text
            src = c['source']
            if src != 'written':
                real += 1
                if not (src.startswith('corpus/gwr2026/') or src.startswith('seeds/')):
                    err('%s: bad source %s' % (cid, src))
                elif not os.path.exists(os.path.join(ROOT, src)):
                    err('%s: source file missing %s' % (cid, src))
                else:
                    if cid not in ADDED:
                        err('%s: real case without an ADDED entry' % cid)
                    t = cor
                    for cl in ADDED.get(cid, []):
                        if cl not in t:
                            err('%s: added clause %r not in correct' % (cid, cl))
                        t = t.replace(cl, '', 1)
                    st = source_text(src)
                    for line in t.split('\n'):
                        line = squash(line)
                        if line.endswith('。'):
                            line = line[:-1]
                        if line and line not in st:
                            err('%s: line not verbatim in %s: %s' % (cid, src, line))
            elif cid in ADDED:
                err('%s: written case listed in ADDED' % cid)
            n_checked += 1
        if fam == 'silent':
            if real < 2:
                err('silent: only %d real texts' % real)
        elif real < 4:
            err('%s: only %d real cases' % (fam, real))
        print('%-12s %2d cases, %d from real text' % (fam, len(cases), real))
    if errors:
        for e in errors:
            print('FAIL', e)
        print('%d problem(s)' % len(errors))
        sys.exit(1)
    print('checked %d cases' % n_checked)
    print('all checks passed')


if __name__ == '__main__':
    main()
