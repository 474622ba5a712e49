#!/usr/bin/env python3
"""Checks for writer B's part of dev7: restatement, breakdown, rate, growth
(12 pairs each) and silent-v07..v12 (silent_b.yaml).

For every case the relation is written out below (SPECS) with each figure
located by a short template of the text around it ("{}" marks the number).
The figure is read from the text itself, so the same template reads the
changed figure in `wrong`.  Intervals follow the brief:
  plain whole-number count (no 万/亿, no %)  exact
  any other figure                          x +- half a unit of its last digit
  超/超过/逾/突破/余/多                       [x, x+u]
  近/接近/将近                               [x-u, x]
  约/左右                                    x +- u
  X成                                       X*10% +- 5 points (近X成 [X*10%-10, X*10%])
  N分之M                                     M/N +- 0.5 points
`correct` must satisfy every relation with these intervals; `wrong` must
break at least one of them even with all tolerances doubled.
Standard library + PyYAML.
"""
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = '/work/shared'
FILES = {
    'restatement': 'restatement.yaml',
    'breakdown': 'breakdown.yaml',
    'rate': 'rate.yaml',
    'growth': 'growth.yaml',
    'silent': 'silent_b.yaml',
}

FAILS = []


def fail(msg):
    FAILS.append(msg)


# ---------------------------------------------------------------- numbers
FW = str.maketrans('０１２３４５６７８９．，％－', '0123456789.,%-')
CN_DIG = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
          '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
CN_UNIT = {'十': 10, '百': 100, '千': 1000}
CN_BIG = {'万': 10 ** 4, '亿': 10 ** 8}
CN_CHARS = ''.join(CN_DIG) + ''.join(CN_UNIT) + ''.join(CN_BIG)
DIG = '0-9０-９'
# one "figure" for the one-figure-differs check: a run of digits (with
# decimal point / thousands commas between digits) and Chinese numerals
RUN_RE = re.compile(
    '[%s%s](?:[%s%s]|[.．,](?=[%s]))*' % (DIG, CN_CHARS, DIG, CN_CHARS, DIG))
# what a template's {} captures
CAP = '([%s](?:[%s]|[.．,](?=[%s]))*|[%s]+)' % (DIG, DIG, DIG, CN_CHARS)


def parse_cn(s):
    total, section, number = 0, 0, 0
    for ch in s:
        if ch in CN_DIG:
            number = CN_DIG[ch]
        elif ch in CN_UNIT:
            if number == 0:
                number = 1
            section += number * CN_UNIT[ch]
            number = 0
        elif ch in CN_BIG:
            section += number
            if section == 0:
                section = 1
            if ch == '亿':
                total = (total + section) * CN_BIG[ch]
            else:
                total += section * CN_BIG[ch]
            section, number = 0, 0
        else:
            raise ValueError('bad Chinese numeral %r' % s)
    return total + section + number


def last_place(n):
    """place value of the last non-zero digit of an integer"""
    if n == 0:
        return 1
    p = 1
    while n % (p * 10) == 0:
        p *= 10
    return p


class Iv:
    def __init__(self, lo, hi):
        self.lo, self.hi = min(lo, hi), max(lo, hi)

    def __add__(self, o):
        return Iv(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o):
        return Iv(self.lo - o.hi, self.hi - o.lo)

    def __truediv__(self, o):
        assert o.lo > 0, 'division by an interval that is not positive'
        c = [self.lo / o.lo, self.lo / o.hi, self.hi / o.lo, self.hi / o.hi]
        return Iv(min(c), max(c))

    def shift(self, k):
        return Iv(self.lo + k, self.hi + k)

    def neg(self):
        return Iv(-self.hi, -self.lo)

    def __repr__(self):
        return '[%.6g, %.6g]' % (self.lo, self.hi)


def overlap(a, b):
    eps = 1e-9 * max(1.0, abs(a.lo), abs(a.hi), abs(b.lo), abs(b.hi))
    return a.lo <= b.hi + eps and b.lo <= a.hi + eps


class Fig:
    """a figure located by template; opts: nth (which match), r (rounded
    whole number, not an exact count), q (force qualifier)"""

    def __init__(self, tpl, nth=None, r=False, q=None):
        self.tpl, self.nth, self.r, self.q = tpl, nth, r, q
        parts = tpl.split('{}')
        assert len(parts) in (2, 3), tpl
        self.rx = re.compile(CAP.join(re.escape(p) for p in parts))
        self.frac = len(parts) == 3  # N分之M

    def locate(self, text):
        ms = list(self.rx.finditer(text))
        if self.nth is None:
            if len(ms) != 1:
                raise LookupError('template %r matches %d times' % (self.tpl, len(ms)))
            return ms[0]
        if len(ms) <= self.nth:
            raise LookupError('template %r has no match #%d' % (self.tpl, self.nth))
        return ms[self.nth]

    def interval(self, text, f=1):
        m = self.locate(text)
        if self.frac:
            n, k = parse_cn(m.group(1)), parse_cn(m.group(2))
            v = k / n
            return Iv(v - 0.005 * f, v + 0.005 * f)
        raw = m.group(1)
        s, e = m.span(1)
        before, after = text[max(0, s - 4):s], text[e:e + 8]
        ascii_ = raw.translate(FW)
        if re.match(r'[0-9]', ascii_):
            num = ascii_.replace(',', '')
            val = float(num)
            dec = len(num.split('.')[1]) if '.' in num else 0
            u = 10.0 ** (-dec)
            exact = dec == 0
        else:
            val = float(parse_cn(raw))
            if raw[-1] in CN_BIG:
                u = float(last_place(int(val)))
                exact = False
            else:
                u, exact = 1.0, True
        # scale written after the number (3.75 万, 12.6亿)
        rest = after.lstrip(' ')
        q_after = None
        if rest[:1] in ('余', '多') and rest[1:2] in ('万', '亿'):
            q_after, rest = 'over', rest[1:]        # 2460余万元, 200多万
        scale = 1
        if raw[-1] not in CN_BIG:
            if rest.startswith('万亿'):
                scale, rest = 10 ** 12, rest[2:]
            elif rest.startswith('亿'):
                scale, rest = 10 ** 8, rest[1:]
            elif rest.startswith('万'):
                scale, rest = 10 ** 4, rest[1:]
        if scale != 1:
            exact = False
        val *= scale
        u *= scale
        pct = chg = False
        rest = rest.lstrip(' ')
        if rest[:1] in ('%', '％'):
            pct = True
        elif before.endswith('百分之'):
            pct = True
        elif rest[:1] == '成':
            chg = True
        neg = before.endswith('-') or before.endswith('－')
        # qualifier
        q = self.q
        if q is None:
            b = before.rstrip(' ')
            if b.endswith(('超过', '超', '逾', '突破', '多于')):
                q = 'over'
            elif b.endswith(('接近', '将近', '近')):
                q = 'near'
            elif b.endswith(('大约', '约', '约占', '约为')):
                q = 'about'
            elif q_after or rest[:1] in ('余', '多'):
                q = 'over'
            elif '左右' in re.split(r'[，。；、,;（）()]', rest)[0]:
                q = 'about'
        if chg:
            v = val / 10.0
            if q == 'near':
                iv = Iv(v - 0.10 * f, v)
            elif q == 'over':
                iv = Iv(v, v + 0.10 * f)
            else:
                iv = Iv(v - 0.05 * f, v + 0.05 * f)
            return iv
        if pct:
            val, u, exact = val / 100.0, u / 100.0, False
        if self.r:
            exact = False
        if q == 'over':
            iv = Iv(val, val + f * u)
        elif q == 'near':
            iv = Iv(val - f * u, val)
        elif q == 'about':
            iv = Iv(val - f * u, val + f * u)
        elif exact:
            iv = Iv(val, val)
        else:
            iv = Iv(val - f * u / 2, val + f * u / 2)
        return iv.neg() if neg else iv


# ---------------------------------------------------------------- relations
def rel_eval(rel, text, f):
    kind = rel[0]
    I = lambda fig: fig.interval(text, f)
    if kind == 'eq':            # one fact stated twice
        a, b = I(rel[1]), I(rel[2])
        return overlap(a, b), (a, b)
    if kind == 'sum':           # parts add up to the total
        parts, total = rel[1], I(rel[2])
        s = I(parts[0])
        for p in parts[1:]:
            s = s + I(p)
        return overlap(s, total), (s, total)
    if kind == 'sumle':         # parts of a partial list stay below the whole
        parts, total = rel[1], I(rel[2])
        s = I(parts[0])
        for p in parts[1:]:
            s = s + I(p)
        return s.lo <= total.hi, (s, total)
    if kind == 'ratio':         # numerator / whole = stated share
        r, p = I(rel[1]) / I(rel[2]), I(rel[3])
        return overlap(r, p), (r, p)
    if kind == 'growth':        # cur / base - 1 = stated growth
        g, p = (I(rel[1]) / I(rel[2])).shift(-1), I(rel[3])
        return overlap(g, p), (g, p)
    if kind == 'decline':       # 1 - cur / base = stated fall
        d, p = (I(rel[1]) / I(rel[2])).neg().shift(1), I(rel[3])
        return overlap(d, p), (d, p)
    if kind == 'growth_inc':    # level cur, increase inc, growth inc/(cur-inc)
        cur, inc, p = I(rel[1]), I(rel[2]), I(rel[3])
        g = inc / (cur - inc)
        # inc/(cur-inc) rises with inc and falls with cur: use the corners
        g = Iv(inc.lo / (cur.hi - inc.lo), inc.hi / (cur.lo - inc.hi))
        return overlap(g, p), (g, p)
    if kind == 'reach':         # some whole k/base gives the share
        p, base = rel[1].interval(text, 1), rel[2].interval(text, 1)
        n = int(base.lo)
        ok = any(p.lo - 1e-12 <= k / n <= p.hi + 1e-12 for k in range(n + 1))
        return ok, (p, base)
    raise ValueError(kind)


F = Fig
SPECS = {
    # ------------------------------------------------------------ restatement
    'restatement-v01': [('eq', F('——办理法律维权案件 {} 件'), F('；办理法律维权案件 {} 件'))],
    'restatement-v02': [('eq', F('组织达到 {} 万家'), F('已建基层工会组织 {} 万家')),
                        ('eq', F('工会会员达 {} 万人'), F('发展工会会员 {} 万人'))],
    'restatement-v03': [('eq', F('全省新建工会{}家'), F('全省新建工会组织{}家')),
                        ('eq', F('新发展会员{}万人', nth=0), F('新发展会员{}万人', nth=1))],
    'restatement-v04': [('eq', F('增加到{}亿人次'), F('全年接待游客{}亿人次'))],
    'restatement-v05': [('eq', F('完成植树造林{}亩', nth=0), F('完成植树造林{}万亩'))],
    'restatement-v06': [('eq', F('实现营业收入{}亿元'), F('营业收入{}元；', r=True)),
                        ('eq', F('净利润{}亿元'), F('净利润{}元。', r=True))],
    'restatement-v07': [('eq', F('完成手术{}万台'), F('手术量为{}台'))],
    'restatement-v08': [('eq', F('共接待游客{}万人次'), F('假期{}万多人次'))],
    'restatement-v09': [('eq', F('审执结{}万件'), F('审执结案件{}件'))],
    'restatement-v10': [('eq', F('中有{}人'), F('全校共有{}名'))],
    'restatement-v11': [('eq', F('年末全市常住人口{}万人'), F('在全市约{}万常住人口中'))],
    'restatement-v12': [('eq', F('追回欠薪{}万元'), F('被拖欠工资{}余万元'))],
    # ------------------------------------------------------------ breakdown
    'breakdown-v01': [('sum', [F('其中{}个预期性指标'), F('、{}个约束性指标')], F('提出了{}个主要指标'))],
    'breakdown-v02': [('sum', [F('贡献{}金'), F('金、{}银'), F('银、{}铜')], F('共{}枚奖牌'))],
    'breakdown-v03': [('sum', [F('技术创新成果{}项'), F('技术攻关{}项'), F('发明创造{}项'),
                               F('先进操作法{}项')], F('合计{}项'))],
    'breakdown-v04': [('sum', [F('法律援助志愿者{}人'), F('网上律师志愿者{}人'), F('法律监督员{}人')],
                       F('三类人员共计{}人'))],
    'breakdown-v05': [('sum', [F('火车站发送旅客{}万'), F('长途汽车站发送{}万'), F('机场发送旅客{}万')],
                       F('合计发送旅客{}万'))],
    'breakdown-v06': [('sum', [F('考入本科的{}名'), F('其余{}名')], F('困难职工子女{}名'))],
    'breakdown-v07': [('sum', [F('分别为{}亿元'), F('亿元、{}亿元和'), F('和{}亿元。')], F('地区生产总值{}亿元'))],
    'breakdown-v08': [('sum', [F('小学一年级{}人'), F('初中一年级{}人')], F('共招收新生{}万人'))],
    'breakdown-v09': [('sum', [F('有{}件；'), F('确认劳动关系纠纷{}件'), F('工伤待遇纠纷{}件'),
                               F('其他纠纷{}件')], F('劳动争议案件{}件'))],
    'breakdown-v10': [('sum', [F('一线生产人员{}人'), F('技术研发人员{}人'), F('管理及后勤人员{}人')],
                       F('现有员工{}人'))],
    'breakdown-v11': [('sum', [F('古城景区接待{}万'), F('湿地公园{}万'), F('合计{}万')], F('共接待游客{}万'))],
    'breakdown-v12': [('sum', [F('烤烟{}亩'), F('辣椒{}亩'), F('中药材{}亩')], F('种植面积达到{}万亩'))],
    # ------------------------------------------------------------ rate
    'rate-v01': [('ratio', F('新能源装机达{}万千瓦'), F('总装机达{}万千瓦'), F('占比达{}%'))],
    'rate-v02': [('ratio', F('棉花总产{}万吨、'), F('全国棉花总产{}万吨'), F('占全国{}%'))],
    'rate-v03': [('ratio', F('我省增量{}亿斤'), F('全国粮食增产{}亿斤'), F('占全国{}%'))],
    'rate-v04': [('ratio', F('全省{}个'), F('全国共{}个'), F('占全国{}分之{}'))],
    'rate-v05': [('ratio', F('收回有效问卷{}份'), F('共发放问卷{}份'), F('有效回收率在{}%'))],
    'rate-v06': [('ratio', F('全县{}万人参保'), F('应参保人口{}万人'), F('的{}%'))],
    'rate-v07': [('ratio', F('机收面积{}万亩'), F('小麦收获面积{}万亩'), F('机收率近{}成'))],
    'rate-v08': [('ratio', F('日间手术{}台'), F('择期手术{}万台'), F('提高到{}%'))],
    'rate-v09': [('ratio', F('公司新能源重卡销量达到{}万辆'), F('全国新能源重卡销量{}万辆'), F('市场占有率{}%'))],
    'rate-v10': [('ratio', F('已建成{}所'), F('中小学共{}所'), F('覆盖面达{}分之{}'))],
    'rate-v11': [('ratio', F('其中{}家'), F('已建会企业{}万家'), F('建制率百分之{}。'))],
    'rate-v12': [('ratio', F('正点到发{}万列'), F('开行旅客列车{}万列'), F('正点率达{}%'))],
    # ------------------------------------------------------------ growth
    'growth-v01': [('growth', F('增长到{}元'), F('从{}元增长到'), F('累计增长{}%'))],
    'growth-v02': [('growth', F('分别提高到{}元和'), F('从2021年的{}元和'), F('分别增长{}%和')),
                   ('growth', F('元和{}元，分别增长'), F('元和{}元分别提高到'), F('%和{}%'))],
    'growth-v03': [('growth_inc', F('达到{}万千瓦'), F('同比增加{}万千瓦'), F('增长{}%'))],
    'growth-v04': [('growth', F('在校生达到{}万人'), F('上年为{}万人'), F('增长{}%'))],
    'growth-v05': [('growth', F('归母净利润{}亿元'), F('上年同期为{}万元'), F('同比增长{}%'))],
    'growth-v06': [('decline', F('回落到{}万元'), F('由上年的{}万元'), F('下降{}%'))],
    'growth-v07': [('growth_inc', F('增至{}万人'), F('比上年增加{}万人'), F('增长{}%'))],
    'growth-v08': [('growth_inc', F('总产量达到{}万吨'), F('茶叶增产{}吨'), F('增幅{}%'))],
    'growth-v09': [('growth', F('攀升至{}万人次'), F('上年这一数字为{}万人次'), F('同比增长{}%'))],
    'growth-v10': [('decline', F('减少到{}人'), F('上年{}人'), F('同比下降{}%'))],
    'growth-v11': [('growth', F('零售额达到{}亿元'), F('这一数字为{}亿元'), F('今年增长{}%'))],
    'growth-v12': [('growth_inc', F('增至{}万个'), F('增加{}个'), F('增长近{}成'))],
    # ------------------------------------------------------------ silent
    'silent-v07': [('ratio', F('新增就业{}人'), F('目标任务{}人'), F('的{}%'))],
    'silent-v08': [('eq', F('突破{}人次'), F('共接待游客{}万人次')),
                   ('sumle', [F('共接待游客{}万人次')], F('累计接待游客{}万人次'))],
    'silent-v09': [('reach', F('党员占{}%'), F('共有学员{}人')),
                   ('reach', F('女职工占{}%'), F('共有学员{}人')),
                   ('reach', F('青年职工占{}%'), F('共有学员{}人'))],
    'silent-v10': [('growth', F('增加值{}亿元'), F('上年同期为{}亿元'), F('同比增长-{}%'))],
    'silent-v11': [('ratio', F('出口{}亿元、'), F('进出口总额{}亿元'), F('、约占{}%')),
                   ('ratio', F('机电产品{}亿元'), F('出口{}亿元、'), F('占比{}%'))],
    'silent-v12': [('sumle', [F('小学{}所'), F('初中{}所'), F('普通高中{}所')], F('各类学校{}所'))],
}

# clauses added to real text (removed before the verbatim check)
ADDED = {
    'breakdown-v02': ['，共20枚奖牌'],
    'breakdown-v03': [',合计694项'],
    'breakdown-v04': [',三类人员共计69人'],
    'rate-v02': ['（全国棉花总产664.1万吨）'],
    'rate-v03': ['全国粮食增产168.2亿斤，我省'],
    'rate-v04': ['（全国共1500个）'],
    'growth-v01': ['，累计增长34.3%'],
    'growth-v02': ['，分别增长26.4%和36.9%'],
    'growth-v03': ['、增长25.3%'],
    'growth-v04': ['（上年为20.72万人）'],
}


# ---------------------------------------------------------------- checks
def split_runs(text):
    runs, gaps, pos = [], [], 0
    for m in RUN_RE.finditer(text):
        gaps.append(text[pos:m.start()])
        runs.append(m.group(0))
        pos = m.end()
    gaps.append(text[pos:])
    return runs, gaps


def one_figure_differs(cid, a, b):
    ra, ga = split_runs(a)
    rb, gb = split_runs(b)
    if ga != gb or len(ra) != len(rb):
        fail('%s: correct and wrong differ outside the figures' % cid)
        return
    diff = [i for i in range(len(ra)) if ra[i] != rb[i]]
    if len(diff) != 1:
        fail('%s: %d figures differ (%s)' % (cid, len(diff),
             [(ra[i], rb[i]) for i in diff]))


def norm(s):
    return re.sub(r'\s+', '', s)


_src_cache = {}


def source_text(src):
    if src not in _src_cache:
        with open(os.path.join(SHARED, src), encoding='utf-8') as fh:
            _src_cache[src] = norm(fh.read())
    return _src_cache[src]


def check_real(cid, src, correct):
    path = os.path.join(SHARED, src)
    if not (src.startswith('corpus/gwr2026/') or src.startswith('seeds/')) or not os.path.isfile(path):
        fail('%s: source %r is not a corpus or seed file' % (cid, src))
        return
    text = correct
    for clause in ADDED.get(cid, []):
        if text.count(clause) != 1:
            fail('%s: added clause %r not found once in correct' % (cid, clause))
        text = text.replace(clause, '', 1)
    body = source_text(src)
    for line in text.split('\n'):
        line = norm(line)
        if not line:
            continue
        if line.endswith('。'):
            line = line[:-1]
        if line not in body:
            fail('%s: line not verbatim in %s: %s' % (cid, src, line))


def check_case(family, c):
    cid = c.get('id')
    spec = SPECS.get(cid)
    if spec is None:
        fail('%s: no relation spec' % cid)
        return
    correct = c['correct']
    for rel in spec:
        try:
            ok, ivs = rel_eval(rel, correct, 1)
        except (LookupError, ValueError, AssertionError) as e:
            fail('%s: correct: %s' % (cid, e))
            continue
        if not ok:
            fail('%s: relation %s does not hold in correct %s' % (cid, rel[0], ivs))
    if family == 'silent':
        return
    wrong = c['wrong']
    one_figure_differs(cid, correct, wrong)
    broken = False
    for rel in spec:
        try:
            ok, ivs = rel_eval(rel, wrong, 2)
        except (LookupError, ValueError, AssertionError) as e:
            fail('%s: wrong: %s' % (cid, e))
            continue
        if not ok:
            broken = True
    if not broken:
        fail('%s: wrong still satisfies every relation with doubled tolerance' % cid)


def show():
    """print every relation's two sides for correct (f=1) and wrong (f=2)"""
    for family, fname in FILES.items():
        with open(os.path.join(HERE, fname), encoding='utf-8') as fh:
            doc = yaml.safe_load(fh)
        for c in doc['cases']:
            for rel in SPECS.get(c['id'], []):
                out = []
                for key, f in (('correct', 1), ('wrong', 2)):
                    if key in c:
                        ok, ivs = rel_eval(rel, c[key], f)
                        out.append('%s %s %s' % (key, 'ok ' if ok else 'BAD', ivs))
                print(c['id'], rel[0], ' | '.join(out))


def main():
    seen = set()
    for family, fname in FILES.items():
        path = os.path.join(HERE, fname)
        with open(path, encoding='utf-8') as fh:
            doc = yaml.safe_load(fh)
        if doc.get('family') != family:
            fail('%s: family is %r, expected %r' % (fname, doc.get('family'), family))
        cases = doc.get('cases') or []
        if family == 'silent':
            want = ['silent-v%02d' % i for i in range(7, 13)]
            fields = {'id', 'source', 'correct', 'error'}
        else:
            want = ['%s-v%02d' % (family, i) for i in range(1, 13)]
            fields = {'id', 'source', 'correct', 'wrong', 'error'}
        ids = [c.get('id') for c in cases]
        if ids != want:
            fail('%s: ids %s, expected %s' % (fname, ids, want))
        real = 0
        for c in cases:
            cid = c.get('id')
            if cid in seen:
                fail('%s: duplicate id' % cid)
            seen.add(cid)
            if set(c) != fields:
                fail('%s: fields %s, expected %s' % (cid, sorted(c), sorted(fields)))
                continue
            for k in fields - {'id'}:
                if not isinstance(c[k], str) or not c[k].strip():
                    fail('%s: empty field %s' % (cid, k))
            if '\n' in c['error'].strip():
                fail('%s: error is not one line' % cid)
            if c['source'] != 'written':
                real += 1
                check_real(cid, c['source'], c['correct'])
            check_case(family, c)
        if family != 'silent' and real != 4:
            fail('%s: %d real-text cases, expected 4 (and 8 written)' % (fname, real))
    for cid in SPECS:
        if cid not in seen:
            fail('%s: spec without a case' % cid)
    for cid in ADDED:
        if cid not in seen:
            fail('%s: added clauses for an unknown case' % cid)
    if '--show' in sys.argv:
        show()
    if FAILS:
        for m in FAILS:
            print('FAIL', m)
        print('%d problems' % len(FAILS))
        sys.exit(1)
    print('all checks passed')


if __name__ == '__main__':
    main()
