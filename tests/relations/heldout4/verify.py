#!/usr/bin/env python3
"""Independent checker for the held-out set in this directory.

For every case it checks, with its own small number parser and interval arithmetic
(no code from the tool under test):

  1. YAML shape: family name, ids <family>-y01.., 12 cases per family (15 for silent),
     fields id/source/correct/wrong/error (silent: id/source/correct only).
  2. correct and wrong differ in exactly ONE figure (one contiguous run of digits or
     Chinese numerals), and that figure is one of the figures of the planted relation.
  3. The planted relation HOLDS in `correct` within rounding: each figure is taken as the
     interval its printed precision allows (plain whole numbers without 万/亿, i.e. counts,
     are exact; others x +/- half a unit of their last digit; 超/余/多
     [x, x+u]; 近 [x-u, x]; 约/左右 [x-u, x+u]; X成 = X*10% +/- 5; fractions +/- 0.5 pt).
  4. The planted relation FAILS in `wrong` even with doubled tolerance (x +/- one full unit
     of the last digit, which covers rounding, truncation and rounding up).
  5. Extra relations listed for a case (secondary figures) hold in `correct`.
  6. grim: the stated % is reachable as k/base (rounded half-up) in `correct`; in `wrong`
     no k/base reaches it whether rounded, truncated or rounded up.
  7. Real-text cases: after removing the added clauses listed in REAL_ADDED, every line of
     `correct` (whitespace ignored, trailing 。 dropped) is a substring of the named source.

Run:  python3 verify.py      (exit status 0 when every check passes)
"""
import itertools
import math
import os
import re
import sys
from fractions import Fraction

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('FIGCHECK_SHARED', os.path.join(HERE, '..', '..', '..', '..', 'shared'))  # ../shared beside the repository
FAMILIES = ['part', 'breakdown', 'shares', 'rate', 'grim', 'growth', 'points',
            'multiple', 'per-unit', 'restatement', 'anniversary']

# ----------------------------------------------------------------------------- numbers
CN = {'零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7,
      '八': 8, '九': 9, '十': 10}
MULT = {'万亿': 1e12, '亿': 1e8, '万': 1e4, '千': 1e3}


def cn_int(s):
    """Chinese numeral up to the hundreds (enough for this set)."""
    if s == '十':
        return 10
    if '百' in s:
        head, _, tail = s.partition('百')
        return (cn_int(head) if head else 1) * 100 + (cn_int(tail) if tail else 0)
    if '十' in s:
        head, _, tail = s.partition('十')
        return (CN[head] if head else 1) * 10 + (CN[tail] if tail else 0)
    return CN[s]


class Fig:
    """A figure as located in a text: value, unit of its last digit, kind."""

    def __init__(self, value, unit, kind, scale=1.0):
        self.value, self.unit, self.kind = value, unit, kind
        self.scale = scale          # multiplier (万, 亿...) so unit overrides are in token scale

    def __repr__(self):
        return 'Fig(%g, u=%g, %s)' % (self.value, self.unit, self.kind)


def parse(token):
    """Parse the single figure inside a token such as '57.5万户', '近三成', '六分之一'."""
    m = re.search(r'([一二三四五六七八九十])分之([一二三四五六七八九十])', token)
    if m:
        return Fig(100.0 * cn_int(m.group(2)) / cn_int(m.group(1)), 1.0, 'frac')
    if '一半' in token:
        return Fig(50.0, 10.0, 'cheng')
    m = re.search(r'(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)成', token)
    if m:
        g = m.group(1)
        v = float(g) if g[0].isdigit() else cn_int(g)
        return Fig(v * 10, 10.0, 'cheng')
    m = re.search(r'(\d[\d,]*(?:\.\d+)?)\s*(万亿|亿|万|千)?', token)
    if m:
        num = m.group(1).replace(',', '')
        dec = len(num.split('.')[1]) if '.' in num else 0
        mult = MULT.get(m.group(2) or '', 1.0)
        kind = 'pct' if token[m.end():m.end() + 1] == '%' else 'num'
        return Fig(float(num) * mult, 10.0 ** (-dec) * mult, kind, mult)
    if re.search(r'(近|上|数)万', token):
        return Fig(1e4, 1e4, 'cn', 1e4)
    m = re.search(r'([一二两三四五六七八九十百]+)(万|亿)?', token)
    if m:
        mult = MULT.get(m.group(2) or '', 1.0)
        return Fig(float(cn_int(m.group(1))) * mult, 1.0 * mult, 'cn', mult)
    raise ValueError('no figure in token %r' % token)


def interval(fig, q, u, wide):
    """Interval of true values a printed figure allows. u overrides the unit (token scale)."""
    v = fig.value
    if q == 'exact':
        return (v, v)
    if fig.kind == 'cheng':          # X成: a statement already rounded to 10 points
        h = 5.0
        return {'under': (v - h, v), 'over': (v, v + h)}.get(q, (v - h, v + h))
    if fig.kind == 'frac':
        h = 1.0 if wide else 0.5
        return (v - h, v + h)
    unit = fig.unit if u is None else u * fig.scale
    if q is None:
        if not wide and fig.kind == 'num' and fig.scale == 1.0 and fig.unit == 1.0:
            return (v, v)             # a plain whole number (a count) is taken as exact
        h = unit if wide else unit / 2
        return (v - h, v + h)
    if q == 'over':                   # 超 / 余 / 多 / 突破 / 以上: never below x
        return (v, v + (2 if wide else 1) * unit)
    if q == 'under':                  # 近 / 不到: never above x
        return (v - (2 if wide else 1) * unit, v)
    if q == 'approx':                 # 约 / 左右
        k = 2 if wide else 1
        return (v - k * unit, v + k * unit)
    raise ValueError(q)


class F:
    """Locator of a figure: token text, occurrence, qualifier, unit override (token scale)."""

    def __init__(self, token, n=0, q=None, u=None):
        self.token, self.n, self.q, self.u = token, n, q, u


def find_nth(text, token, n):
    pos = -1
    for _ in range(n + 1):
        pos = text.find(token, pos + 1)
        if pos < 0:
            return -1
    return pos


def locate(text, loc):
    pos = find_nth(text, loc.token, loc.n)
    if pos < 0:
        raise AssertionError('token %r (occurrence %d) not found' % (loc.token, loc.n))
    # the token must hold the whole figure, not a tail or head of a longer number
    if loc.token[0].isdigit() and pos > 0 and (text[pos - 1].isdigit() or text[pos - 1] == '.'):
        raise AssertionError('token %r starts inside a longer number' % loc.token)
    end = pos + len(loc.token)
    if loc.token[-1].isdigit() and end < len(text) and (text[end].isdigit() or text[end] == '.'):
        raise AssertionError('token %r ends inside a longer number' % loc.token)
    return pos, end


def fig_of(token, loc):
    return parse(token)


def box(figs, locs, wide):
    out = {}
    for name, fig in figs.items():
        loc = locs[name]
        out[name] = interval(fig, loc.q, loc.u, wide)
    return out


def range_of(fn, ivals):
    """Range of fn over the box (fn is monotone in each variable here): evaluate corners."""
    names = list(ivals)
    vals = []
    for corner in itertools.product(*[ivals[n] for n in names]):
        vals.append(fn(dict(zip(names, corner))))
    return min(vals), max(vals)


# ----------------------------------------------------------------------------- relations
class Rel:
    """lhs(v) OP rhs(v); OP is 'eq' (equal within rounding) or 'le' (lhs <= rhs)."""

    def __init__(self, op, locs, lhs, rhs, rtol=0.0, note=''):
        self.op, self.locs, self.lhs, self.rhs, self.rtol, self.note = op, locs, lhs, rhs, rtol, note

    def evaluate(self, figs, wide):
        iv = box(figs, self.locs, wide)
        lo1, hi1 = range_of(self.lhs, iv)
        lo2, hi2 = range_of(self.rhs, iv)
        lo2, hi2 = lo2 * (1 - self.rtol), hi2 * (1 + self.rtol)
        if self.op == 'eq':
            ok = not (hi1 < lo2 or hi2 < lo1)
        else:
            ok = lo1 <= hi2
        return ok, (lo1, hi1), (lo2, hi2)


def EQ(locs, lhs, rhs, **kw):
    return Rel('eq', locs, lhs, rhs, **kw)


def LE(locs, lhs, rhs, **kw):
    return Rel('le', locs, lhs, rhs, **kw)


class Grim:
    def __init__(self, base, pct, other_bases=()):
        self.base, self.pct, self.other_bases = base, pct, list(other_bases)


def grim_hits(base, pct_str):
    """Which rounding modes let some k/base print as pct_str."""
    d = len(pct_str.split('.')[1]) if '.' in pct_str else 0
    target = int(pct_str.replace('.', ''))
    scale = 10 ** d
    modes = set()
    for k in range(base + 1):
        x = Fraction(k * 100 * scale, base)
        if math.floor(x + Fraction(1, 2)) == target:
            modes.add('round')
        if math.floor(x) == target:
            modes.add('trunc')
        if math.ceil(x) == target:
            modes.add('ceil')
    return modes


# handy builders ---------------------------------------------------------------
def part(p, w, **kw):
    return LE({'p': p, 'w': w}, lambda v: v['p'], lambda v: v['w'], **kw)


def total(parts, tot):
    locs = {'t': tot}
    locs.update({'p%d' % i: x for i, x in enumerate(parts)})
    return EQ(locs, lambda v: sum(v[k] for k in v if k != 't'), lambda v: v['t'])


def shares(*xs, cap=100.0):
    locs = {'s%d' % i: x for i, x in enumerate(xs)}
    return LE(locs, lambda v: sum(v.values()), lambda v: cap)


def shares_eq(*xs):
    locs = {'s%d' % i: x for i, x in enumerate(xs)}
    return EQ(locs, lambda v: sum(v.values()), lambda v: 100.0)


def rate(num, den, pct, k=100.0):
    return EQ({'n': num, 'd': den, 'r': pct}, lambda v: v['n'] / v['d'] * k, lambda v: v['r'])


def growth(a, b, g):          # b over a, g in % (positive = rise)
    return EQ({'a': a, 'b': b, 'g': g}, lambda v: (v['b'] / v['a'] - 1) * 100, lambda v: v['g'])


def decline(a, b, g):         # fall from a to b, g in % (positive = fall)
    return EQ({'a': a, 'b': b, 'g': g}, lambda v: (1 - v['b'] / v['a']) * 100, lambda v: v['g'])


def points(a, b, p):          # |b - a| = p percentage points, direction given by caller order
    return EQ({'a': a, 'b': b, 'p': p}, lambda v: v['b'] - v['a'], lambda v: v['p'])


def times(a, b, m):           # b is m times a
    return EQ({'a': a, 'b': b, 'm': m}, lambda v: v['b'] / v['a'], lambda v: v['m'])


def grew_times(a, b, n):      # 增长n倍: b = (n+1) a
    return EQ({'a': a, 'b': b, 'n': n}, lambda v: v['b'] / v['a'], lambda v: v['n'] + 1)


def doubled(a, b, n):         # 翻n番: b = 2^n a (10% slack: 翻一番 is used for about 2x)
    return EQ({'a': a, 'b': b, 'n': n}, lambda v: v['b'] / v['a'], lambda v: 2 ** v['n'], rtol=0.10)


def per(t, c, p, k=1.0):
    return EQ({'t': t, 'c': c, 'p': p}, lambda v: v['t'] * k / v['c'], lambda v: v['p'])


def same(a, b):
    return EQ({'a': a, 'b': b}, lambda v: v['a'], lambda v: v['b'])


def years(y, f, n):
    return EQ({'y': y, 'f': f, 'n': n}, lambda v: v['y'] - v['f'], lambda v: v['n'])


X = 'exact'

# ----------------------------------------------------------------------------- specs
# SPEC[id] = (planted relation, [extra relations that must hold in correct])
SPEC = {
    # part: the part must not exceed its whole
    'part-y01': (part(F('44734人'), F('74017人')), []),
    'part-y02': (part(F('57.5万户'), F('242.8万户')), []),
    'part-y03': (part(F('43万亩'), F('148万亩')), []),
    'part-y04': (part(F('110万辆', q='over'), F('162.6万辆')), []),
    'part-y05': (part(F('18.9万人'), F('42.6万人')),
                 [LE({'a': F('18.9万人'), 'b': F('3.1万人'), 'w': F('42.6万人')},
                     lambda v: v['a'] + v['b'], lambda v: v['w'])]),
    'part-y06': (part(F('1480户'), F('2160户')), []),
    'part-y07': (part(F('12.7万人次'), F('86.4万人次')), []),
    'part-y08': (part(F('1120名'), F('1350名')), []),
    'part-y09': (part(F('2180件'), F('3562件')), []),
    'part-y10': (part(F('4.3万人次'), F('12.6万人次')),
                 [LE({'a': F('4.3万人次'), 'b': F('1200人次'), 'w': F('12.6万人次')},
                     lambda v: v['a'] + v['b'], lambda v: v['w'])]),
    'part-y11': (part(F('8600人次'), F('5.2万人次')), []),
    'part-y12': (part(F('29600万元'), F('3.2亿元')),
                 [total([F('29600万元'), F('2400万元')], F('3.2亿元'))]),

    # breakdown: parts add to the stated total
    'breakdown-y01': (total([F('20个预期'), F('8个约束')], F('28个主要')), []),
    'breakdown-y02': (total([F('22家'), F('182家')], F('204家')), []),
    'breakdown-y03': (total([F('度假区2个'), F('景区1个'), F('集聚区6个'), F('街区5个')], F('14个')), []),
    'breakdown-y04': (total([F('163项'), F('251项'), F('138项'), F('142项')], F('694项')), []),
    'breakdown-y05': (total([F('1420人'), F('440人')], F('1860人')), []),
    'breakdown-y06': (total([F('42公里'), F('57公里'), F('87公里')], F('186公里')), []),
    'breakdown-y07': (total([F('1200万元'), F('650万元'), F('450万元')], F('2300万元')), []),
    'breakdown-y08': (total([F('3127件'), F('468件'), F('205件')], F('3800件')), []),
    'breakdown-y09': (total([F('385名'), F('227名')], F('612名')), []),
    'breakdown-y10': (total([F('18.2万'), F('13.5万'), F('9.9万')], F('41.6万')), []),
    'breakdown-y11': (total([F('6210台'), F('3250台')], F('9460台')), []),
    'breakdown-y12': (total([F('1.2万亩'), F('0.8万亩')], F('累计达2万亩')), []),

    # shares of one whole add to 100% or less
    'shares-y01': (shares(F('为7.4'), F('∶39.6'), F('∶53')),
                   [shares_eq(F('由8.7'), F('∶41.2'), F('∶50.1')), shares_eq(F('为7.4'), F('∶39.6'), F('∶53'))]),
    'shares-y02': (shares(F('97.2%'), F('2.8%')), [shares_eq(F('97.2%'), F('2.8%'))]),
    'shares-y03': (shares(F('59.2%'), F('40.8%')), [shares_eq(F('59.2%'), F('40.8%'))]),
    'shares-y04': (shares(F('50% 的行政村建立'), F('其余 50%')), [shares_eq(F('50% 的行政村建立'), F('其余 50%'))]),
    'shares-y05': (shares(F('61.4%'), F('38.6%')), [shares_eq(F('61.4%'), F('38.6%'))]),
    'shares-y06': (shares(F('约占七成', q='approx'), F('约占三成', q='approx')), []),
    'shares-y07': (shares(F('46.5%'), F('38.2%'), F('15.3%')), [shares_eq(F('46.5%'), F('38.2%'), F('15.3%'))]),
    'shares-y08': (shares(F('63.8%'), F('27.5%'), F('8.7%')), [shares_eq(F('63.8%'), F('27.5%'), F('8.7%'))]),
    'shares-y09': (shares(F('35.6%'), F('48.1%'), F('16.3%')), [shares_eq(F('35.6%'), F('48.1%'), F('16.3%'))]),
    'shares-y10': (shares(F('近六成', q='under'), F('四成左右', q='approx')), []),
    'shares-y11': (shares(F('52.3%'), F('47.7%')), [shares_eq(F('52.3%'), F('47.7%'))]),
    'shares-y12': (shares(F('81.5%'), F('13.2%'), F('5.3%')), [shares_eq(F('81.5%'), F('13.2%'), F('5.3%'))]),

    # rate: counts against the stated rate
    'rate-y01': (rate(F('616.5万吨'), F('664.1万吨'), F('92.8%')), []),
    'rate-y02': (rate(F('65亿吨'), F('230亿吨', q='approx', u=10), F('近三成', q='under')), []),
    'rate-y03': (rate(F('实施 14 万件'), F('16 万件'), F('87.5%')), []),
    'rate-y04': (rate(F('250个'), F('1500个'), F('六分之一')), []),
    'rate-y05': (rate(F('7.9万人'), F('8.6万人'), F('91.9%')), []),
    'rate-y06': (rate(F('成功123件'), F('150件'), F('82%')), []),
    'rate-y07': (rate(F('已有55个'), F('62个'), F('近九成', q='under')), []),
    'rate-y08': (rate(F('48.6亿元'), F('60亿元'), F('81%')), []),
    'rate-y09': (rate(F('23.4亿元'), F('57.6亿元'), F('40.6%')), []),
    'rate-y10': (rate(F('50.1万人'), F('52.3万人'), F('95.8%')), []),
    'rate-y11': (rate(F('151名'), F('286名'), F('一半', q='over')), []),
    'rate-y12': (rate(F('4120台'), F('1.38万台'), F('29.9%')), []),

    # grim: percentage against a small base
    'grim-y01': (Grim(F('66所'), F('40.9%')), []),
    'grim-y02': (Grim(F('49名'), F('8.2%')), []),
    'grim-y03': (Grim(F('71名'), F('77.5%')), []),
    'grim-y04': (Grim(F('48家'), F('79.2%'), [F('122家')]), []),
    'grim-y05': (Grim(F('12支'), F('25%')), []),
    'grim-y06': (Grim(F('37家'), F('89.19%')), []),
    'grim-y07': (Grim(F('163名'), F('31.3%')), []),
    'grim-y08': (Grim(F('58户'), F('43.1%')), []),
    'grim-y09': (Grim(F('19个'), F('52.6%')), []),
    'grim-y10': (Grim(F('84件'), F('64.3%')), []),
    'grim-y11': (Grim(F('126例'), F('92.9%')), []),
    'grim-y12': (Grim(F('27条'), F('74%')), []),

    # growth: % change against its two levels
    'growth-y01': (growth(F('729万人'), F('732万人'), F('0.4%')), []),
    'growth-y02': (growth(F('27136元'), F('36439元'), F('34.3%')), []),
    'growth-y03': (growth(F('5.2万元'), F('7.4万元'), F('42.3%')), []),
    'growth-y04': (decline(F('2900元'), F('1000元', q='approx', u=100), F('六成', q='over')), []),
    'growth-y05': (growth(F('24.8亿元'), F('26.9亿元'), F('8.5%')), []),
    'growth-y06': (decline(F('284起'), F('234起'), F('17.6%')), []),
    'growth-y07': (growth(F('1520万人次'), F('1860万人次'), F('22.4%')), []),
    'growth-y08': (EQ({'t': F('63.7万吨'), 'i': F('2.9万吨'), 'g': F('4.8%')},
                      lambda v: v['i'] / (v['t'] - v['i']) * 100, lambda v: v['g']), []),
    'growth-y09': (decline(F('8.4天'), F('7.6天'), F('9.5%')),
                   [EQ({'a': F('8.4天'), 'b': F('7.6天'), 'd': F('0.8天')}, lambda v: v['a'] - v['b'], lambda v: v['d'])]),
    'growth-y10': (decline(F('1.12亿元'), F('8650万元'), F('22.8%')), []),
    'growth-y11': (growth(F('20155元'), F('21586元'), F('7.1%')), []),
    'growth-y12': (decline(F('3.2万人'), F('28600人'), F('10.6%')), []),

    # points: difference of two percentages in 个百分点
    'points-y01': (points(F('26.7%'), F('52.1%'), F('25.4个')), []),
    'points-y02': (points(F('47.6%'), F('73.4%'), F('25.8个')), []),
    'points-y03': (points(F('76.7%'), F('95%'), F('18.3个')), []),
    'points-y04': (points(F('53.2%'), F('57.7%'), F('4.5个')), []),
    'points-y05': (points(F('2.9%'), F('3.8%'), F('0.9个')), []),
    'points-y06': (points(F('52.5%'), F('61.2%'), F('8.7个')), []),
    'points-y07': (points(F('4.6%'), F('5.7%'), F('1.1个')), []),
    'points-y08': (points(F('48.3%'), F('61.5%'), F('13.2个')), []),
    'points-y09': (points(F('41.3%'), F('47.7%'), F('6.4个')), []),
    'points-y10': (points(F('7.9%'), F('12.4%'), F('4.5个')), []),
    'points-y11': (points(F('18.6%'), F('21.3%'), F('2.7个')), []),
    'points-y12': (points(F('26.8%'), F('35.2%'), F('8.4个')), []),

    # multiple: 倍 / 增长N倍 / 翻N番
    'multiple-y01': (times(F('3800万吨'), F('8000万吨'), F('2.1倍')), []),
    'multiple-y02': (grew_times(F('0.5个'), F('4.8个'), F('8.6倍')), []),
    'multiple-y03': (grew_times(F('7家'), F('16家'), F('1.3倍')), []),
    'multiple-y04': (doubled(F('1.58亿'), F('3.23亿'), F('翻了一番', q=X)), []),
    'multiple-y05': (times(F('770万元'), F('2460万元'), F('3.2倍')), []),
    'multiple-y06': (grew_times(F('4.3亿元'), F('17.6亿元'), F('3.1倍')), []),
    'multiple-y07': (doubled(F('1.9亿元'), F('3.8亿元'), F('翻了一番', q=X)), []),
    'multiple-y08': (doubled(F('0.6万亩'), F('2.4万亩'), F('翻两番', q=X)), []),
    'multiple-y09': (times(F('1.4万人次'), F('4.2万人次'), F('的3倍')), []),
    'multiple-y10': (grew_times(F('38人'), F('190人'), F('增长了4倍')), []),
    'multiple-y11': (times(F('0.9万亩'), F('3.6万亩'), F('的4倍')), []),
    'multiple-y12': (grew_times(F('2.5万辆'), F('5.6万辆'), F('1.24倍')), []),

    # per-unit: total / count
    'per-unit-y01': (per(F('210万元'), F('32名'), F('6.6万元')), []),
    'per-unit-y02': (per(F('35.08亿元'), F('32.48万'), F('1.08万元')), []),
    'per-unit-y03': (per(F('5.9万元'), F('13位'), F('4538元')), []),
    'per-unit-y04': (per(F('2322万元'), F('3258户'), F('7127元')), []),
    'per-unit-y05': (per(F('213万元'), F('426名'), F('5千元')), []),
    'per-unit-y06': (per(F('1892吨'), F('86户'), F('22吨')), []),
    'per-unit-y07': (per(F('4380件'), F('12名'), F('365件')), []),
    'per-unit-y08': (per(F('3.6万多人次', q='over'), F('48场'), F('750人次')), []),
    'per-unit-y09': (per(F('3672万元'), F('18.4万人次'), F('199.6元')), []),
    'per-unit-y10': (per(F('637.5吨'), F('1250亩'), F('510公斤'), k=1000.0), []),
    'per-unit-y11': (per(F('80名'), F('32所'), F('2.5名')), []),
    'per-unit-y12': (per(F('3.02亿元'), F('12.6万名'), F('2400元', q='approx', u=100)), []),

    # restatement: one fact stated twice
    'restatement-y01': (same(F('3800 件', 0), F('3800 件', 1)), []),
    'restatement-y02': (same(F('188.4 万人', 0), F('188.4 万人', 1)), []),
    'restatement-y03': (same(F('6475万元', 0), F('6475万元', 1)), []),
    'restatement-y04': (same(F('3.23亿人次', 0), F('3.23亿人次', 1)), []),
    'restatement-y05': (same(F('3.5万名'), F('35000余', q='over', u=1000)), []),
    'restatement-y06': (same(F('600万人次', q='over', u=100), F('612.4万人次')), []),
    'restatement-y07': (same(F('4.86万人'), F('48600人')), []),
    'restatement-y08': (same(F('1.26亿元'), F('12600万元')), []),
    'restatement-y09': (same(F('近三成', q='under'), F('29.4%')), []),
    'restatement-y10': (same(F('96.8%', 0), F('96.8%', 1)),
                        [rate(F('1512人'), F('1562名'), F('96.8%', 1))]),
    'restatement-y11': (same(F('8.46万件'), F('84600件')),
                        [rate(F('7.92万件'), F('84600件'), F('93.6%'))]),
    'restatement-y12': (same(F('百万', q='over', u=100), F('103.6万人次')), []),

    # anniversary: text year - founding year = N (all exact integers)
    'anniversary-y01': (years(F('2025年', q=X), F('1955年', q=X), F('70周年', q=X)), []),
    'anniversary-y02': (years(F('2026年', q=X), F('1921年', q=X), F('105周年', q=X)), []),
    'anniversary-y03': (years(F('2013年', q=X), F('1927年', q=X), F('86 年', q=X)), []),
    'anniversary-y04': (years(F('2025年', q=X), F('1925年', q=X), F('100周年', q=X)), []),
    'anniversary-y05': (years(F('2025年', q=X), F('1945年', q=X), F('80周年', q=X)),
                        [years(F('2025年', q=X), F('1945年', q=X), F('80年来', q=X))]),
    'anniversary-y06': (years(F('2026年', q=X), F('1950年', q=X), F('76周年', q=X)), []),
    'anniversary-y07': (years(F('2025年', q=X), F('1985年', q=X), F('40岁', q=X)), []),
    'anniversary-y08': (years(F('2025年', q=X), F('1955年', q=X), F('70周年', q=X)), []),
    'anniversary-y09': (years(F('2026年', q=X), F('1906年', q=X), F('120周年', q=X)), []),
    'anniversary-y10': (years(F('2025年', q=X), F('1995年', q=X), F('30周年', q=X)), []),
    'anniversary-y11': (years(F('2026年', q=X), F('1956年', q=X), F('70周年', q=X)), []),
    'anniversary-y12': (years(F('2026年', q=X), F('1996年', q=X), F('30岁', q=X)), []),
}

# silent: relations that are really there and must hold (the look-alike traps are not relations)
SILENT = {
    'silent-y01': [part(F('6800人次'), F('1.2万人次')), part(F('5900人次'), F('1.2万人次'))],
    'silent-y02': [rate(F('4120人'), F('5000人'), F('82.4%'))],
    'silent-y03': [growth(F('185万人次'), F('236万人次'), F('27.6%')), part(F('236万人次'), F('410万人次'))],
    'silent-y04': [points(F('增长4.8%'), F('增长5.8%'), F('速1个'))],
    'silent-y05': [rate(F('62个'), F('50个'), F('124%'))],
    'silent-y06': [growth(F('2.3亿元'), F('5.9亿元'), F('156.5%'))],
    'silent-y07': [part(F('1.3万人'), F('2.1万人')), part(F('2.1万人'), F('18.6万人'))],
    'silent-y08': [rate(F('2916人'), F('9862人'), F('约三成', q='approx')),
                   LE({'a': F('9862人'), 'b': F('近万', q='under', u=1)}, lambda v: v['a'], lambda v: v['b'])],
    'silent-y09': [],
    'silent-y10': [],
    'silent-y11': [],
    'silent-y12': [grew_times(F('1200万件'), F('4800万件'), F('增长3倍'))],
    'silent-y13': [],
    'silent-y14': [],
    'silent-y15': [],
}
# what each silent case is meant to look like (documentation only)
SILENT_TRAP = {
    'silent-y01': 'overlapping categories (农民工, 女职工) add past the whole',
    'silent-y02': 'target against actual: 4120 of a 5000 target',
    'silent-y03': 'different years: 236/185 is the rural-tourism growth, not 410/356',
    'silent-y04': '个百分点 beside %, sub-item growth above the total (real text)',
    'silent-y05': 'plan completion over 100%',
    'silent-y06': 'growth over 100%',
    'silent-y07': 'cumulative 18.6万 against annual 2.1万',
    'silent-y08': 'approximations: 近万 against 9862, 约三成 against 2916/9862',
    'silent-y09': 'shares of different wholes in one sentence (real text, 100% + 64.3% + 62.3%)',
    'silent-y10': 'multiple-choice 可多选 answers adding past 100%',
    'silent-y11': '同比 rise beside 环比 fall',
    'silent-y12': '4x written correctly as 增长3倍',
    'silent-y13': 'a 其中 part with a rate above the whole (a rate, not a count)',
    'silent-y14': 'both sub-group growth rates around the total, one above it (real text)',
    'silent-y15': 'two 建制率 on different (unstated) bases (real text)',
}

# real-text cases: clauses added to the source sentence
REAL_ADDED = {
    'part-y01': [], 'part-y02': [], 'part-y03': [], 'part-y04': [],
    'breakdown-y01': ['《纲要（草案）》'], 'breakdown-y02': ['，合计204家'],
    'breakdown-y03': ['，共计14个'], 'breakdown-y04': [',四项合计694项'],
    'shares-y01': [], 'shares-y02': ['，国有、集体及外资等其他主体占2.8%'],
    'shares-y03': ['，煤电等其他电源装机占比为40.8%'], 'shares-y04': ['，其余 50% 的行政村正在筹建'],
    'rate-y01': ['（全国棉花总产664.1万吨）'], 'rate-y02': ['（同期全国原煤产量约230亿吨）'],
    'rate-y03': ['，实施率87.5%'], 'rate-y04': ['(全国共1500个)'],
    'grim-y01': ['（其中本科院校占40.9%）'], 'grim-y02': ['，其中女性院士占8.2%'],
    'grim-y03': [',71名援鄂医护人员中女性占77.5%'], 'grim-y04': ['，新增上市公司中民营企业占79.2%'],
    'growth-y01': ['，增长0.4%'], 'growth-y02': ['，五年累计增长34.3%'],
    'growth-y03': ['，增长42.3%'], 'growth-y04': ['，降幅超过六成'],
    'points-y01': ['，提高25.4个百分点'], 'points-y02': ['，提高25.8个百分点'],
    'points-y03': ['（76.7%）'], 'points-y04': ['，五年提高4.5个百分点'],
    'multiple-y01': ['，是2020年的2.1倍'], 'multiple-y02': ['，增长8.6倍'],
    'multiple-y03': ['，增长1.3倍'], 'multiple-y04': ['，翻了一番'],
    'per-unit-y01': ['一站式劳动争议调解中心', ',人均6.6万元'], 'per-unit-y02': [',人均追回1.08万元'],
    'per-unit-y03': [',人均4538元'], 'per-unit-y04': [',户均7127元'],
    'restatement-y01': [], 'restatement-y02': [], 'restatement-y03': [], 'restatement-y04': [],
    'anniversary-y01': ['1955年10月1日，新疆维吾尔自治区正式成立。'],
    'anniversary-y02': ['（党于1921年7月创建）'],
    'anniversary-y03': ['（成立于1927年）'],
    'anniversary-y04': ['本报讯（2025年6月18日）', '中华全国总工会于1925年5月1日在广州成立。'],
    'silent-y04': [], 'silent-y09': [], 'silent-y14': [], 'silent-y15': [],
}

# ----------------------------------------------------------------------------- checks
NUMCH = set('0123456789.,')
CNCH = set('零一二两三四五六七八九十百')


def single_figure_diff(c, w):
    """Return (start, end_in_c, old, new) when c and w differ in exactly one figure."""
    if c == w:
        raise AssertionError('correct and wrong are identical')
    p = 0
    while p < min(len(c), len(w)) and c[p] == w[p]:
        p += 1
    s = 0
    while s < min(len(c), len(w)) - p and c[-1 - s] == w[-1 - s]:
        s += 1
    ec, ew = len(c) - s, len(w) - s
    chars = NUMCH | (CNCH if any(ch in CNCH for ch in c[p:ec] + w[p:ew]) else set())
    while p > 0 and c[p - 1] in chars:
        p -= 1
    while ec < len(c) and c[ec] in chars:
        ec += 1
        ew += 1
    old, new = c[p:ec], w[p:ew]
    for tok in (old, new):
        if not tok or any(ch not in chars for ch in tok):
            raise AssertionError('difference %r -> %r is not a single figure' % (old, new))
    if not (re.fullmatch(r'[\d.,]+', old) or re.fullmatch(r'[零一二两三四五六七八九十百]+', old)):
        raise AssertionError('odd figure %r' % old)
    return p, ec, old, new


def figures(text, locs, diff=None):
    """Parse every located figure; with diff=(a,b,old,new) take the wrong text's version."""
    figs = {}
    hit = []
    for name, loc in locs.items():
        pos, end = locate(text, loc)
        token = loc.token
        if diff is not None:
            a, b, old, new = diff
            if a >= pos and b <= end:
                token = text[pos:a] + new + text[b:end]
                hit.append(name)
            elif not (b <= pos or a >= end):
                raise AssertionError('changed figure straddles token %r' % loc.token)
        figs[name] = fig_of(token, loc)
    return figs, hit


def check_real(cid, source, correct):
    path = os.path.join(SHARED, source)
    src = re.sub(r'\s+', '', open(path, encoding='utf-8').read())
    t = correct
    for a in REAL_ADDED.get(cid, []):
        if a not in t:
            raise AssertionError('added clause %r not in text' % a)
        t = t.replace(a, '', 1)
    for line in t.split('\n'):
        line = re.sub(r'\s+', '', line).rstrip('。')
        if line and line not in src:
            raise AssertionError('line not found in %s: %r' % (source, line[:60]))


def fmt(iv):
    return '[%.6g, %.6g]' % iv


def run():
    problems = []
    counts = {}
    report = []
    for fam in FAMILIES + ['silent']:
        path = os.path.join(HERE, fam + '.yaml')
        data = yaml.safe_load(open(path, encoding='utf-8'))
        cases = data['cases']
        assert data['family'] == fam, path
        # (two cases were read and moved to ../matrix in session 6: breakdown-y03, grim-y04)
        moved = {'breakdown-y03', 'grim-y04'}
        ids = ['%s-y%02d' % (fam, i) for i in range(1, (15 if fam == 'silent' else 12) + 1)]
        ids = [i for i in ids if i not in moved]
        want = len(ids)
        real = 0
        if len(cases) != want:
            problems.append('%s: %d cases, want %d' % (fam, len(cases), want))
        for case, expected in zip(cases, ids):
            cid = case['id']
            try:
                if cid != expected:
                    raise AssertionError('id out of sequence')
                keys = {'id', 'source', 'correct'} | (set() if fam == 'silent' else {'wrong', 'error'})
                if set(case) != keys:
                    raise AssertionError('fields %s' % sorted(case))
                src = case['source']
                c = case['correct'].rstrip('\n')
                if src != 'written':
                    real += 1
                    if cid not in REAL_ADDED:
                        raise AssertionError('real-text case without REAL_ADDED entry')
                    check_real(cid, src, c)
                elif cid in REAL_ADDED:
                    raise AssertionError('REAL_ADDED entry for a written case')
                if fam == 'silent':
                    for rel in SILENT[cid]:
                        figs, _ = figures(c, rel.locs)
                        ok, l, r = rel.evaluate(figs, wide=False)
                        if not ok:
                            raise AssertionError('silent relation fails: %s vs %s' % (fmt(l), fmt(r)))
                    report.append('%-16s ok   (trap: %s)' % (cid, SILENT_TRAP[cid]))
                    continue
                w = case['wrong'].rstrip('\n')
                diff = single_figure_diff(c, w)
                rel, extras = SPEC[cid]
                for x in extras:
                    figs, _ = figures(c, x.locs)
                    ok, l, r = x.evaluate(figs, wide=False)
                    if not ok:
                        raise AssertionError('extra relation fails in correct: %s vs %s' % (fmt(l), fmt(r)))
                if isinstance(rel, Grim):
                    locs = {'base': rel.base, 'pct': rel.pct}
                    for j, ob in enumerate(rel.other_bases):
                        locs['o%d' % j] = ob
                    figs_c, _ = figures(c, locs)
                    figs_w, hit = figures(c, locs, diff)
                    if hit != ['pct']:
                        raise AssertionError('grim: the changed figure must be the percentage (%s)' % hit)
                    base = int(figs_c['base'].value)
                    if base >= 200:
                        raise AssertionError('grim base %d not under 200' % base)
                    pc = re.search(r'\d+(?:\.\d+)?', rel.pct.token).group(0)
                    pw = diff[3] if diff[2] == pc else pc
                    if 'round' not in grim_hits(base, pc):
                        raise AssertionError('grim: %s%% not reachable from base %d' % (pc, base))
                    for b in [base] + [int(figs_c['o%d' % j].value) for j in range(len(rel.other_bases))]:
                        modes = grim_hits(b, pw)
                        if modes:
                            raise AssertionError('grim: %s%% reachable from %d by %s' % (pw, b, modes))
                    report.append('%-16s ok   base %d: %s%% reachable, %s%% unreachable by round/trunc/ceil'
                                  % (cid, base, pc, pw))
                    continue
                figs_c, _ = figures(c, rel.locs)
                ok, l, r = rel.evaluate(figs_c, wide=False)
                if not ok:
                    raise AssertionError('relation fails in correct: %s vs %s' % (fmt(l), fmt(r)))
                figs_w, hit = figures(c, rel.locs, diff)
                if len(hit) != 1:
                    raise AssertionError('changed figure %r is not one of the relation figures' % diff[2])
                bad, lw, rw = rel.evaluate(figs_w, wide=True)
                if bad:
                    raise AssertionError('relation still holds in wrong with wide tolerance: %s vs %s'
                                         % (fmt(lw), fmt(rw)))
                report.append('%-16s ok   %s->%s  correct %s~%s | wrong(wide) %s vs %s'
                              % (cid, diff[2], diff[3], fmt(l), fmt(r), fmt(lw), fmt(rw)))
            except Exception as e:  # noqa: BLE001
                problems.append('%s: %s' % (cid, e))
        counts[fam] = (len(cases), real)
    print('\n'.join(report))
    print()
    for fam, (n, real) in counts.items():
        print('%-12s %2d cases  %2d real  %2d written' % (fam, n, real, n - real))
    print('total %d cases' % sum(n for n, _ in counts.values()))
    if problems:
        print('\nPROBLEMS:')
        print('\n'.join(problems))
        return 1
    print('\nall checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(run())
