#!/usr/bin/env python3
"""Self-check for writer A's part of dev6: multiple, per-unit, shares, points (12 pairs
each) and silent-w01..w06.

For every case the relation is written out below (SPEC): each figure is located in the
text by a regular expression, turned into an interval from its printed precision, and the
relation is checked with interval arithmetic.

Interval rules (u = one unit of the last printed digit, scaled by 万/亿/千):
  plain number            x +- u/2     (a plain whole-number count marked 'cnt' is exact)
  超/超过/突破/逾/余/多    [x, x+u]
  近/不足                  [x-u, x]
  约/左右                  x +- u
  X成                      10X% +- 5 points (u = 10 points for the qualifiers above)
  a fraction, 一半         +- 0.5 points
  翻N番                    ratio 2^N +- 0.05
`correct` must satisfy every relation at tolerance x1 (with strict units and also with
loose units, see below).  `wrong` must violate at least one relation at tolerance x2 with
the strict units, and also at tolerance x1 with loose units: an unqualified integer with
trailing zeros read as rounded to its last non-zero digit (800 -> 800 +- 50 instead of
+- 0.5), so no pair depends on trailing zeros being exact.

Run: python3 verify_a.py   (needs PyYAML; prints 'all checks passed' at the end)
"""
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = '/work/shared'
FILES = {
    'multiple': 'multiple.yaml',
    'per-unit': 'per-unit.yaml',
    'shares': 'shares.yaml',
    'points': 'points.yaml',
    'silent': 'silent.yaml',
}
COUNTS = {'multiple': 12, 'per-unit': 12, 'shares': 12, 'points': 12, 'silent': 6}
MIN_REAL = 4

FW = str.maketrans('０１２３４５６７８９．', '0123456789.')
N = r'[0-9０-９.．]+'
C = r'[〇零一二三四五六七八九十百千两]+'
NUMCH = set('0123456789０１２３４５６７８９.．〇零一二三四五六七八九十百千两')
MULT = {None: 1, '': 1, '千': 1e3, '万': 1e4, '亿': 1e8, '万亿': 1e12}
UP = {'超', '超过', '突破', '逾', '余', '多', '以上'}
DOWN = {'近', '不足', '接近'}
APPROX = {'约', '左右'}

# clauses added to real sentences (removed before the verbatim check)
ADDED = {
    'multiple-w01': [',是工会投入的2.5倍'],
    'multiple-w02': ['（2020年为77.4万户）'],
    'multiple-w03': ['（2020年为620PF）'],
    'multiple-w04': ['，城镇居民收入已是农村居民的2.5倍'],
    'per-unit-w01': [',人均约2900元'],
    'per-unit-w02': [',户均超7千元'],
    'per-unit-w03': [',人均约四千五百元'],
    'per-unit-w04': [',平均每份早餐约10元'],
    'per-unit-w05': ['，累计旅居约4.6亿人天'],
    'shares-w01': [],
    'shares-w02': [],
    'shares-w03': ['，国有及其他经营主体占2.8%'],
    'shares-w04': ['，其余支出占26.2%'],
    'points-w01': ['（上年为51.0%）'],
    'points-w02': ['，上年为54.7%'],
    'points-w03': [],
    'points-w04': ['、提高25.4个百分点'],
    'points-w05': ['（全国平均水平为76.7%）'],
}


class Iv:
    def __init__(self, lo, hi=None):
        self.lo = lo
        self.hi = lo if hi is None else hi
        assert self.lo <= self.hi + 1e-12, (lo, hi)

    @staticmethod
    def of(x):
        return x if isinstance(x, Iv) else Iv(float(x))

    def __add__(self, o):
        o = Iv.of(o)
        return Iv(self.lo + o.lo, self.hi + o.hi)
    __radd__ = __add__

    def __sub__(self, o):
        o = Iv.of(o)
        return Iv(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, o):
        return Iv.of(o) - self

    def __mul__(self, o):
        o = Iv.of(o)
        p = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Iv(min(p), max(p))
    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Iv.of(o)
        assert o.lo > 0, 'division by an interval reaching zero'
        return self * Iv(1 / o.hi, 1 / o.lo)

    def __rtruediv__(self, o):
        return Iv.of(o) / self

    def overlaps(self, o):
        eps = 1e-9 * max(1.0, abs(self.lo), abs(self.hi), abs(o.lo), abs(o.hi))
        return self.lo <= o.hi + eps and o.lo <= self.hi + eps

    def __repr__(self):
        return '[%.6g, %.6g]' % (self.lo, self.hi)


CN_DIG = {'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5,
          '六': 6, '七': 7, '八': 8, '九': 9}
CN_UNIT = {'十': 10, '百': 100, '千': 1000}


def parse_cn(s):
    """Chinese numeral below 10000 -> (value, unit of its last digit)."""
    total, cur, last_unit = 0, None, 1
    for ch in s:
        if ch in CN_DIG:
            cur = CN_DIG[ch]
            last_unit = 1
        elif ch in CN_UNIT:
            u = CN_UNIT[ch]
            total += (1 if cur is None else cur) * u
            cur = None
            last_unit = u
        else:
            raise ValueError(s)
    if cur is not None:
        total += cur
        # digit after a unit with nothing else: 三千二 style is not used here
        if last_unit == 1 and len(s) > 1 and s[-2] in CN_UNIT and s[-2] != '十':
            last_unit = CN_UNIT[s[-2]] // 10
    return total, last_unit


def parse_num(s, loose):
    s = s.translate(FW)
    if re.fullmatch(r'[0-9.]+', s):
        x = float(s)
        if '.' in s:
            u = 10.0 ** -(len(s) - s.index('.') - 1)
        else:
            u = 1.0
            if loose:
                tz = len(s) - len(s.rstrip('0'))
                if tz and tz < len(s):
                    u = 10.0 ** tz
        return x, u, ('.' not in s)
    x, u = parse_cn(s)
    if loose:
        pass  # a Chinese numeral already carries its unit
    return float(x), float(u), True


def figure(m, kind, t, loose):
    """Interval for a regex match m of a figure of the given kind, tolerance factor t."""
    g = m.groupdict()
    quals = {g.get('q'), g.get('q2')} - {None, ''}
    if quals:
        loose = False  # the loose unit is only tried on unqualified figures
    mode = 'plain'
    for q in quals:
        if q in UP:
            mode = 'up'
        elif q in DOWN:
            mode = 'down'
        elif q in APPROX:
            mode = 'approx'
        else:
            raise ValueError('unknown qualifier ' + q)
    if kind == 'half':
        x, h, u = 50.0, 0.5, 1.0
    elif kind == 'frac':
        den, _ = parse_cn(g['den'])
        num, _ = parse_cn(g['num'])
        x, h, u = 100.0 * num / den, 0.5, 1.0
    elif kind == 'fan':
        n = parse_cn(g['fn'])[0] if g.get('fn') else 1
        x, h, u = 2.0 ** n, 0.05, 0.1
    elif kind == 'cheng':
        v, _, _ = parse_num(g['n'], loose)
        x, h, u = 10.0 * v, 5.0, 10.0
    else:
        v, u, is_int = parse_num(g['n'], loose)
        mult = MULT[g.get('m')]
        x, u = v * mult, u * mult
        h = u / 2
        if kind == 'cnt' and is_int and mult == 1 and mode == 'plain':
            return Iv(x)
    if mode == 'plain':
        return Iv(x - t * h, x + t * h)
    if mode == 'up':
        return Iv(x, x + t * u)
    if mode == 'down':
        return Iv(x - t * u, x)
    return Iv(x - t * u, x + t * u)


HUNDRED = Iv(100.0)

# id -> (figures {name: (regex, kind)}, relation F -> [(stated, computed), ...])
SPEC = {
    # ---------------------------------------------------------------- multiple
    'multiple-w01': ({
        'a': (r'投入资金(?P<n>{N})(?P<m>万)(?P<q>余)元', 'num'),
        'b': (r'资金投入(?P<n>{N})(?P<m>万)(?P<q>余)元', 'num'),
        'k': (r'是工会投入的(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'], F['b'] / F['a'])]),
    'multiple-w02': ({
        'b': (r'其中企业(?P<n>{N})(?P<m>万)户', 'num'),
        'a': (r'2020年为(?P<n>{N})(?P<m>万)户', 'num'),
        'k': (r'增长(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'] + 1, F['b'] / F['a'])]),
    'multiple-w03': ({
        'b': (r'总算力(?P<q>突破)(?P<n>{N})(?P<m>万)PF', 'num'),
        'a': (r'2020年为(?P<n>{N})PF', 'num'),
        'k': (r'增长(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'] + 1, F['b'] / F['a'])]),
    'multiple-w04': ({
        'u': (r'分别提高到(?P<n>{N})元', 'num'),
        'r': (r'元和(?P<n>{N})元，城镇', 'num'),
        'k': (r'农村居民的(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'], F['u'] / F['r'])]),
    'multiple-w05': ({
        'b': (r'接待游客(?P<n>{N})(?P<m>万)人次', 'num'),
        'a': (r'去年同期为(?P<n>{N})(?P<m>万)人次', 'num'),
        'k': (r'是去年同期的(?P<n>{N})倍', 'num'),
        'h': (r'达去年同期(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'], F['b'] / F['a']), (F['h'], F['b'] / F['a'])]),
    'multiple-w06': ({
        'a': (r'2020年的(?P<n>{N})(?P<m>万)吨', 'num'),
        'b': (r'今年的(?P<n>{N})(?P<m>万)吨', 'num'),
        'k': (r'增长(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'] + 1, F['b'] / F['a'])]),
    'multiple-w07': ({
        'b': (r'归母净利润(?P<n>{N})(?P<m>亿)元', 'num'),
        'a': (r'上年的(?P<n>{N})(?P<m>亿)元', 'num'),
        'k': (r'实现翻番', 'fan')},
        lambda F: [(F['k'], F['b'] / F['a'])]),
    'multiple-w08': ({
        'b': (r'在校研究生达(?P<n>{C})人', 'cnt'),
        'a': (r'当年仅有(?P<n>{C})人', 'cnt'),
        'k': (r'是2015年的(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'], F['b'] / F['a'])]),
    'multiple-w09': ({
        'a': (r'2019年的(?P<n>{N})(?P<m>万)吨', 'num'),
        'b': (r'今年的(?P<n>{N})(?P<m>万)吨', 'num'),
        'k': (r'增长(?P<n>{N})倍(?P<q>多)', 'num')},
        lambda F: [(F['k'] + 1, F['b'] / F['a'])]),
    'multiple-w10': ({
        'a': (r'日均门诊量为(?P<n>{N})人次', 'num'),
        'b': (r'日均门诊量已达(?P<n>{N})人次', 'num'),
        'k': (r'(?P<q>约)为建院初期的(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'], F['b'] / F['a'])]),
    'multiple-w11': ({
        'b': (r'知识产权案件(?P<n>{N})件', 'cnt'),
        'a': (r'去年同期受理(?P<n>{N})件', 'cnt'),
        'k': (r'同比增长(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'] + 1, F['b'] / F['a'])]),
    'multiple-w12': ({
        'a': (r'2018年的(?P<n>{N})家', 'cnt'),
        'b': (r'如今的(?P<n>{N})家', 'cnt'),
        'k': (r'翻了(?P<fn>{C})番', 'fan')},
        lambda F: [(F['k'], F['b'] / F['a'])]),
    # ---------------------------------------------------------------- per-unit
    'per-unit-w01': ({
        't': (r'资金(?P<n>{N})(?P<q>多)(?P<m>万)元', 'num'),
        'c': (r'子女(?P<n>{N})(?P<m>万)人次', 'num'),
        'p': (r'人均(?P<q>约)(?P<n>{N})元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w02': ({
        'c': (r'为(?P<n>{N})户', 'cnt'),
        't': (r'帮扶资金(?P<n>{N})(?P<m>万)元', 'num'),
        'p': (r'户均(?P<q>超)(?P<n>{N})(?P<m>千)元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w03': ({
        'c': (r'慰问(?P<n>{N})位', 'cnt'),
        't': (r'慰问金(?P<n>{N})(?P<m>万)元', 'num'),
        'p': (r'人均(?P<q>约)(?P<n>{C})元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w04': ({
        't': (r'联合投入(?P<n>{N})(?P<m>万)元', 'num'),
        'c': (r'早餐(?P<n>{N})人次', 'cnt'),
        'p': (r'每份早餐(?P<q>约)(?P<n>{N})元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w05': ({
        'c': (r'旅居人数(?P<q>超)(?P<n>{N})(?P<m>万)', 'num'),
        'p': (r'平均居住(?P<n>{N})天', 'num'),
        't': (r'累计旅居(?P<q>约)(?P<n>{N})(?P<m>亿)人天', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w06': ({
        'a': (r'高粱(?P<n>{N})亩', 'num'),
        'p': (r'每亩产量(?P<n>{N})公斤', 'num'),
        't': (r'总产量达(?P<n>{N})吨', 'num')},
        lambda F: [(F['p'], F['t'] * 1000 / F['a'])]),
    'per-unit-w07': ({
        'c': (r'向(?P<n>{N})名', 'cnt'),
        't': (r'共计(?P<n>{N})(?P<m>万)元', 'num'),
        'p': (r'人均(?P<n>{N})元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w08': ({
        'p': (r'人均地区生产总值(?P<n>{N})元', 'num'),
        't': (r'全年地区生产总值(?P<n>{N})(?P<m>亿)元', 'num'),
        'c': (r'常住人口(?P<n>{N})(?P<m>万)人', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w09': ({
        's': (r'在校生(?P<n>{N})人', 'cnt'),
        'c': (r'教学班(?P<n>{N})个', 'cnt'),
        'p': (r'平均每班(?P<n>{N})人', 'num')},
        lambda F: [(F['p'], F['s'] / F['c'])]),
    'per-unit-w10': ({
        'c': (r'出院病人(?P<n>{N})(?P<m>万)人次', 'num'),
        't': (r'总床日数(?P<n>{N})(?P<m>万)日', 'num'),
        'p': (r'平均住院日为(?P<n>{N})天', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w11': ({
        't': (r'分红总额达(?P<n>{N})(?P<m>万)元', 'num'),
        'c': (r'农户(?P<n>{N})户', 'cnt'),
        'p': (r'户均分红(?P<n>{N})元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'per-unit-w12': ({
        'p': (r'户均增收(?P<n>{N})(?P<q>余)元', 'num'),
        'c': (r'村里(?P<n>{N})户', 'cnt'),
        't': (r'共增收(?P<n>{N})(?P<m>万)元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    # ---------------------------------------------------------------- shares
    'shares-w01': ({
        'a': (r'调整为(?P<n>{N})∶{N}∶{N}', 'num'),
        'b': (r'调整为{N}∶(?P<n>{N})∶{N}', 'num'),
        'c': (r'调整为{N}∶{N}∶(?P<n>{N})', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'])]),
    'shares-w02': ({
        'a1': (r'由(?P<n>{N})∶{N}∶{N}', 'num'),
        'b1': (r'由{N}∶(?P<n>{N})∶{N}', 'num'),
        'c1': (r'由{N}∶{N}∶(?P<n>{N})', 'num'),
        'a2': (r'调整为(?P<n>{N})∶{N}∶{N}', 'num'),
        'b2': (r'调整为{N}∶(?P<n>{N})∶{N}', 'num'),
        'c2': (r'调整为{N}∶{N}∶(?P<n>{N})', 'num')},
        lambda F: [(HUNDRED, F['a1'] + F['b1'] + F['c1']),
                   (HUNDRED, F['a2'] + F['b2'] + F['c2'])]),
    'shares-w03': ({
        'a': (r'民营经济主体占(?P<n>{N})%', 'num'),
        'b': (r'其他经营主体占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'])]),
    'shares-w04': ({
        'a': (r'支出比重(?P<n>{N})%', 'num'),
        'b': (r'其余支出占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'])]),
    'shares-w05': ({
        'a': (r'大型企业占(?P<n>{N})%', 'num'),
        'b': (r'中型企业占(?P<n>{N})%', 'num'),
        'c': (r'小微企业占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'])]),
    'shares-w06': ({
        'a': (r'种养殖类占一半', 'half'),
        'b': (r'加工类占(?P<n>{N})%', 'num'),
        'c': (r'旅游类占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'])]),
    'shares-w07': ({
        'a': (r'本科学历占(?P<n>{C})成', 'cheng'),
        'b': (r'硕士及以上学历占(?P<n>{N})%', 'num'),
        'c': (r'大专学历占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'])]),
    'shares-w08': ({
        'a': (r'医保患者占百分之(?P<n>{C})', 'num'),
        'b': (r'自费患者占百分之(?P<n>{C})', 'num'),
        'c': (r'其余百分之(?P<n>{C})', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'])]),
    'shares-w09': ({
        'a': (r'省内游客占(?P<den>{C})分之(?P<num>{C})', 'frac'),
        'b': (r'省外游客占(?P<n>{N})%', 'num'),
        'c': (r'境外游客占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'])]),
    'shares-w10': ({
        's': (r'进出口中，民营企业占(?P<n>{N})%', 'num'),
        'a': (r'跨境电商企业占(?P<n>{N})%', 'num'),
        'b': (r'加工贸易企业占(?P<n>{N})%', 'num'),
        'c': (r'其他民营企业占(?P<n>{N})%', 'num')},
        lambda F: [(F['s'], F['a'] + F['b'] + F['c'])]),
    'shares-w11': ({
        'a': (r'升学（含出国出境）：(?P<n>{N})%', 'num'),
        'b': (r'签约就业：(?P<n>{N})%', 'num'),
        'c': (r'灵活就业：(?P<n>{N})%', 'num'),
        'd': (r'待就业：(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'] + F['d'])]),
    'shares-w12': ({
        'a': (r'调解结案的(?P<q>约)占(?P<n>{N})%', 'num'),
        'b': (r'判决结案的占(?P<n>{C})成', 'cheng'),
        'c': (r'方式结案的占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'] + F['c'])]),
    # ---------------------------------------------------------------- points
    'points-w01': ({
        'B': (r'提升至(?P<n>{N})%', 'num'),
        'P': (r'、提高(?P<n>{N})个百分点（', 'num'),
        'A': (r'上年为(?P<n>{N})%', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w02': ({
        'B': (r'占比达到(?P<n>{N})%', 'num'),
        'P': (r'提高(?P<n>{N})个百分点', 'num'),
        'A': (r'上年为(?P<n>{N})%', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w03': ({
        'A': (r'前十强、增长(?P<n>{N})%', 'num'),
        'B': (r'农村居民收入增长(?P<n>{N})%', 'num'),
        'P': (r'快于经济增速(?P<n>{N})个百分点', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w04': ({
        'A': (r'全部投资比重从(?P<n>{N})%', 'num'),
        'B': (r'全部投资比重从{N}%提高到(?P<n>{N})%', 'num'),
        'P': (r'、提高(?P<n>{N})个百分点', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w05': ({
        'B': (r'机械化率达到(?P<n>{N})%', 'num'),
        'P': (r'高于全国平均水平(?P<n>{N})个百分点', 'num'),
        'A': (r'全国平均水平为(?P<n>{N})%', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w06': ({
        'B': (r'失业率为(?P<n>{N})%', 'num'),
        'P': (r'回落(?P<n>{N})个百分点', 'num'),
        'A': (r'上年同期为(?P<n>{N})%', 'num')},
        lambda F: [(F['P'], F['A'] - F['B'])]),
    'points-w07': ({
        'P': (r'提高(?P<n>{N})个百分点', 'num'),
        'A': (r'巩固率从(?P<n>{N})%', 'num'),
        'B': (r'升至(?P<n>{N})%', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w08': ({
        'A': (r'上年的百分之(?P<n>{C})', 'num'),
        'B': (r'提高到百分之(?P<n>{C})', 'num'),
        'P': (r'提高了(?P<n>{C})个百分点', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w09': ({
        'A': (r'使用率去年为(?P<n>{N})%', 'num'),
        'B': (r'使用率降至(?P<n>{N})%', 'num'),
        'P': (r'下降(?P<n>{N})个百分点', 'num')},
        lambda F: [(F['P'], F['A'] - F['B'])]),
    'points-w10': ({
        'B': (r'毛利率为(?P<n>{N})%', 'num'),
        'A': (r'同期的(?P<n>{N})%', 'num'),
        'P': (r'增加(?P<n>{N})个百分点', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w11': ({
        'A': (r'入会率从(?P<n>{N})％', 'num'),
        'B': (r'提升至(?P<n>{N})％', 'num'),
        'P': (r'提高(?P<n>{N})个百分点', 'num')},
        lambda F: [(F['P'], F['B'] - F['A'])]),
    'points-w12': ({
        'A1': (r'2020年的(?P<n>{N})%、{N}%', 'num'),
        'A2': (r'2020年的{N}%、(?P<n>{N})%', 'num'),
        'B1': (r'提高到(?P<n>{N})%、{N}%', 'num'),
        'B2': (r'提高到{N}%、(?P<n>{N})%', 'num'),
        'P': (r'均提高(?P<n>{N})个百分点', 'num')},
        lambda F: [(F['P'], F['B1'] - F['A1']), (F['P'], F['B2'] - F['A2'])]),
    # ---------------------------------------------------------------- silent
    'silent-w01': ({
        'a': (r'2020年的(?P<n>{N})(?P<m>万)件', 'num'),
        'b': (r'今年的(?P<n>{N})(?P<m>万)件', 'num'),
        'k': (r'增长(?P<n>{N})倍', 'num')},
        lambda F: [(F['k'] + 1, F['b'] / F['a'])]),
    'silent-w02': ({
        't': (r'分红(?P<n>{N})(?P<m>万)元', 'num'),
        'c': (r'(?P<n>{N})名村民', 'cnt'),
        'p': (r'人均分得(?P<n>{N})元', 'num')},
        lambda F: [(F['p'], F['t'] / F['c'])]),
    'silent-w03': ({
        'a': (r'职工医保占(?P<n>{N})%', 'num'),
        'b': (r'居民医保占(?P<n>{N})%', 'num')},
        lambda F: [(HUNDRED, F['a'] + F['b'])]),
    'silent-w04': ({
        'A': (r'由(?P<n>{N})%', 'num'),
        'B': (r'提高到(?P<n>{N})%', 'num'),
        'P': (r'提高(?P<n>{N})个百分点', 'num'),
        'R': (r'提升(?P<n>{N})%', 'num')},
        lambda F: [(F['P'], F['B'] - F['A']), (F['R'], (F['B'] / F['A'] - 1) * 100)]),
    'silent-w05': ({
        'a': (r'新增就业(?P<n>{N})(?P<m>万)人，完成', 'num'),
        'T': (r'目标任务(?P<n>{N})(?P<m>万)人', 'num'),
        'R': (r'人的(?P<n>{N})%', 'num')},
        lambda F: [(F['R'], F['a'] / F['T'] * 100)]),
    'silent-w06': ({
        't': (r'累计建成(?P<n>{N})家', 'cnt'),
        'b': (r'2020年的(?P<n>{N})家', 'cnt'),
        'k': (r'翻了(?P<fn>{C})番', 'fan')},
        lambda F: [(F['k'], F['t'] / F['b'])]),
}

FAILS = []


def fail(cid, msg):
    FAILS.append('%s: %s' % (cid, msg))


def locate(cid, text, figs):
    """name -> (match); each regex must match exactly once."""
    out = {}
    for name, (rx, kind) in figs.items():
        pat = rx.replace('{N}', N).replace('{C}', C)
        ms = list(re.finditer(pat, text))
        if len(ms) != 1:
            fail(cid, 'figure %s (%s) matched %d times' % (name, rx, len(ms)))
            return None
        out[name] = ms[0]
    return out


def evaluate(cid, text, t, loose):
    figs, rel = SPEC[cid]
    ms = locate(cid, text, figs)
    if ms is None:
        return None, None
    F = {name: figure(ms[name], figs[name][1], t, loose) for name in figs}
    pairs = rel(F)
    return [Iv.of(s).overlaps(Iv.of(c)) for s, c in pairs], pairs


def fig_spans(m):
    spans = []
    for g in ('n', 'den', 'num', 'fn'):
        if g in m.re.groupindex and m.group(g) is not None:
            spans.append(m.span(g))
    if not spans:
        spans.append(m.span())
    return spans


def one_figure_diff(cid, a, b):
    """Return the differing run's span in b, or None after recording a failure."""
    if a == b:
        fail(cid, 'correct and wrong are identical')
        return None
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    mid_a, mid_b = a[p:len(a) - s], b[p:len(b) - s]
    if not all(ch in NUMCH for ch in mid_a + mid_b):
        fail(cid, 'difference is not inside one number: %r -> %r' % (mid_a, mid_b))
        return None
    # the changed stretch must touch a number run on both sides
    lo, hi = p, len(b) - s
    while lo > 0 and b[lo - 1] in NUMCH:
        lo -= 1
    while hi < len(b) and b[hi] in NUMCH:
        hi += 1
    if lo == hi:
        fail(cid, 'empty difference')
        return None
    return lo, hi


def norm(s):
    s = re.sub(r'\s+', '', s)
    return s[:-1] if s.endswith('。') else s


_src_cache = {}


def source_text(rel):
    if rel not in _src_cache:
        with open(os.path.join(SHARED, rel), encoding='utf-8') as f:
            _src_cache[rel] = re.sub(r'\s+', '', f.read())
    return _src_cache[rel]


def check_real(cid, src, correct):
    if not (src.startswith('corpus/gwr2026/') or src.startswith('seeds/')):
        fail(cid, 'bad source ' + src)
        return
    if not os.path.isfile(os.path.join(SHARED, src)):
        fail(cid, 'source file missing ' + src)
        return
    if cid not in ADDED:
        fail(cid, 'real case without an ADDED entry')
        return
    t = correct
    for cl in ADDED[cid]:
        if t.count(cl) != 1:
            fail(cid, 'added clause %r not found once' % cl)
            return
        t = t.replace(cl, '')
    if norm(t) not in source_text(src):
        fail(cid, 'not a verbatim substring of ' + src)


def main():
    seen = set()
    total_pairs = 0
    for fam, fn in FILES.items():
        path = os.path.join(HERE, fn)
        with open(path, encoding='utf-8') as f:
            doc = yaml.safe_load(f)
        if doc.get('family') != fam:
            fail(fn, 'family field is %r' % doc.get('family'))
        cases = doc.get('cases') or []
        want = ['%s-w%02d' % (fam, i) for i in range(1, COUNTS[fam] + 1)]
        ids = [c.get('id') for c in cases]
        if ids != want:
            fail(fn, 'ids %r, expected %r' % (ids, want))
        real = 0
        for c in cases:
            cid = c.get('id')
            if cid in seen:
                fail(cid, 'duplicate id')
            seen.add(cid)
            if cid not in SPEC:
                fail(cid, 'no SPEC entry')
                continue
            if fam == 'silent':
                if set(c) != {'id', 'correct', 'error'}:
                    fail(cid, 'silent fields %r' % sorted(c))
            else:
                if set(c) != {'id', 'source', 'correct', 'wrong', 'error'}:
                    fail(cid, 'fields %r' % sorted(c))
                    continue
            for k in c:
                if not isinstance(c[k], str) or not c[k].strip():
                    fail(cid, 'empty or non-string field ' + k)
            correct = c['correct']
            # relation holds in correct at tolerance x1 (strict and loose units)
            for loose in (False, True):
                ok, pairs = evaluate(cid, correct, 1, loose)
                if ok is None:
                    break
                if not all(ok):
                    fail(cid, 'relation fails in correct (loose=%s): %r' % (loose, pairs))
            if fam == 'silent':
                continue
            total_pairs += 1
            src = c['source']
            if src != 'written':
                real += 1
                check_real(cid, src, correct)
            wrong = c['wrong']
            span = one_figure_diff(cid, correct, wrong)
            if span is None:
                continue
            ms = locate(cid, wrong, SPEC[cid][0])
            if ms is None:
                continue
            touched = any(a < span[1] and span[0] < b
                          for m in ms.values() for a, b in fig_spans(m))
            if not touched:
                fail(cid, 'changed figure %r is not one of the relation figures'
                     % wrong[span[0]:span[1]])
            for loose, t in ((False, 2), (True, 1)):
                ok, pairs = evaluate(cid, wrong, t, loose)
                if ok is None:
                    break
                if all(ok):
                    fail(cid, 'relation still holds in wrong at x%d tolerance '
                         '(loose=%s): %r' % (t, loose, pairs))
        if fam != 'silent' and real < MIN_REAL:
            fail(fn, 'only %d real-text cases' % real)
        print('%-9s %2d cases, %d from real text' % (fam, len(cases), real))
    if FAILS:
        print('\n'.join(FAILS))
        print('%d problem(s)' % len(FAILS))
        sys.exit(1)
    print('%d pairs, %d silent' % (total_pairs, COUNTS['silent']))
    print('all checks passed')


if __name__ == '__main__':
    main()
