#!/usr/bin/env python3
"""Self-check for writer b's part of dev6 (restatement, breakdown, anniversary,
rate, growth, silent_b).  Standard library + PyYAML.

For every case the relation is written out below (SPEC) over the figures of the
text, each figure named by its literal text in `correct`.  Each figure becomes
an interval from its printed precision:
  * a plain whole number (no 万/亿/千, not a percentage, no qualifier) is exact;
  * otherwise x +- half a unit of its last digit;
  * 超/超过/余/多/突破/逾/以上 give [x, x+u]; 近 gives [x-u, x]; 约/左右 give x +- u;
  * X成 is X*10% +- 5 points (u = 10 points); a fraction (三分之一, 一半) +- 0.5 points.
`correct` must satisfy every relation; `wrong` must break at least one even with
every tolerance doubled.  Also checked: format, that exactly one figure (one run
of digits / Chinese numerals) differs between correct and wrong, and that real
text (with the added clauses listed in ADDED removed) is verbatim in its source.
"""
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = '/work/shared'

FILES = {
    'restatement.yaml': ('restatement', 12),
    'breakdown.yaml': ('breakdown', 12),
    'anniversary.yaml': ('anniversary', 12),
    'rate.yaml': ('rate', 12),
    'growth.yaml': ('growth', 12),
    'silent_b.yaml': ('silent', 6),
}

# ---------------------------------------------------------------- intervals

class I:
    """Closed interval with a nominal value x."""

    def __init__(self, lo, hi=None, x=None):
        if hi is None:
            hi = lo
        if x is None:
            x = (lo + hi) / 2
        self.lo, self.hi, self.x = float(lo), float(hi), float(x)

    @staticmethod
    def c(v):
        return v if isinstance(v, I) else I(v, v, v)

    def __add__(self, o):
        o = I.c(o)
        return I(self.lo + o.lo, self.hi + o.hi, self.x + o.x)
    __radd__ = __add__

    def __sub__(self, o):
        o = I.c(o)
        return I(self.lo - o.hi, self.hi - o.lo, self.x - o.x)

    def __rsub__(self, o):
        return I.c(o) - self

    def __mul__(self, o):
        o = I.c(o)
        p = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return I(min(p), max(p), self.x * o.x)
    __rmul__ = __mul__

    def __truediv__(self, o):
        o = I.c(o)
        assert o.lo > 0 or o.hi < 0, 'division by an interval containing 0'
        return self * I(1 / o.hi, 1 / o.lo, 1 / o.x)

    def __rtruediv__(self, o):
        return I.c(o) / self

    def widen(self, k):
        return I(self.x - k * (self.x - self.lo), self.x + k * (self.hi - self.x), self.x)

    def __repr__(self):
        if self.lo == self.hi:
            return '%g' % self.lo
        return '[%.6g, %.6g]' % (self.lo, self.hi)


def overlap(a, b, eps=1e-9):
    a, b = I.c(a), I.c(b)
    return a.lo <= b.hi + eps and b.lo <= a.hi + eps


def pct(part, whole):
    return part / whole * 100


def growth(cur, base):
    return (cur / base - 1) * 100


def decline(cur, base):
    return (1 - cur / base) * 100

# ---------------------------------------------------------------- numbers

FW = str.maketrans('０１２３４５６７８９．％', '0123456789.%')
CN_DIG = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
          '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
CN_UNIT = {'十': 10, '百': 100, '千': 1000}
CN_BIG = {'万': 10 ** 4, '亿': 10 ** 8}
CN_CHARS = ''.join(CN_DIG) + ''.join(CN_UNIT) + ''.join(CN_BIG)
NUM_CHARS = set('0123456789.０１２３４５６７８９．' + CN_CHARS)
PRE_QUALS = ['突破', '超过', '接近', '将近', '超', '逾', '近', '约']
OVER = {'突破', '超过', '超', '逾', '余', '多', '以上', '有余'}
NEAR = {'接近', '将近', '近'}
APPROX = {'约', '左右'}


def cn_int(s):
    """Chinese integer -> (value, place of its last non-zero digit)."""
    terms = []          # [digit, place]
    sec_start = 0
    num = None
    for ch in s:
        if ch in CN_DIG:
            num = CN_DIG[ch]
        elif ch in CN_UNIT:
            terms.append([1 if num is None else num, CN_UNIT[ch]])
            num = None
        elif ch in CN_BIG:
            if num is not None:
                terms.append([num, 1])
                num = None
            for t in terms[sec_start:]:
                t[1] *= CN_BIG[ch]
            sec_start = len(terms)
        else:
            raise ValueError('not a Chinese numeral: %r' % s)
    if num is not None:
        terms.append([num, 1])
    value = sum(d * p for d, p in terms)
    nz = [p for d, p in terms if d]
    return value, (nz[-1] if nz else 1)


def cn_number(s):
    """Chinese number with optional 点 decimals -> (value, unit of last digit, decimals)."""
    if '点' in s:
        a, b = s.split('点')
        v, _ = cn_int(a)
        dec = [CN_DIG[c] for c in b]
        frac = sum(d * 10 ** -(i + 1) for i, d in enumerate(dec))
        return v + frac, 10 ** -len(dec), len(dec)
    v, place = cn_int(s)
    return v, place, 0


def parse_fig(lit, lenient=False):
    """Parse a figure literal into an interval.  lenient: trailing zeros are not significant."""
    s = lit.translate(FW)
    qual = None
    for q in PRE_QUALS:
        if s.startswith(q):
            qual, s = q, s[len(q):]
            break
    for q in ('左右', '以上', '有余'):
        if s.endswith(q):
            assert qual is None, lit
            qual, s = q, s[:-len(q)]
    exact_ok = True
    m_frac = re.match(r'([零一二两三四五六七八九十百]+)分之([零一二两三四五六七八九十百]+)', s)
    if s.startswith('百分之'):
        m = re.match(r'[%s点]+' % CN_CHARS, s[3:])
        x, u, _ = cn_number(m.group())
        half, exact_ok = u / 2, False
    elif m_frac:
        den, _ = cn_int(m_frac.group(1))
        num, _ = cn_int(m_frac.group(2))
        x, u, half, exact_ok = num / den * 100, 1.0, 0.5, False
    elif s.startswith('一半'):
        x, u, half, exact_ok = 50.0, 1.0, 0.5, False
    else:
        m = re.match(r'\d+(\.\d+)?', s)
        if m:
            x = float(m.group())
            d = len(m.group(1)) - 1 if m.group(1) else 0
            u = 10.0 ** -d
            digits = m.group().replace('.', '')
            tz = len(digits) - len(digits.rstrip('0')) if digits.strip('0') else 0
            unz = u * 10 ** tz          # unit of the last non-zero digit
            if d:
                exact_ok = False
            rest = s[m.end():]
            for mult, f in (('万亿', 10 ** 12), ('亿', 10 ** 8), ('万', 10 ** 4), ('千', 10 ** 3)):
                if rest.startswith(mult):
                    x, u, unz, rest, exact_ok = x * f, u * f, unz * f, rest[len(mult):], False
                    break
        else:
            m = re.match(r'[%s]+(点[零〇一二三四五六七八九]+)?' % CN_CHARS, s)
            assert m, 'cannot parse figure %r' % lit
            x, u, d = cn_number(m.group())
            unz = u
            if d or '万' in m.group() or '亿' in m.group():
                exact_ok = False
            rest = s[m.end():]
        if rest[:1] in ('余', '多'):
            assert qual is None, lit
            qual, rest = rest[0], rest[1:]
        if rest[:1] == '%':
            exact_ok = False
        elif rest[:1] == '成':
            x, u, unz, exact_ok = x * 10, u * 10, unz * 10, False
        # qualified figures: u is the unit of the last non-zero digit (4800余 = 4800-4900);
        # unqualified ones: the last printed digit, or in lenient mode the last non-zero one
        if qual is not None or lenient:
            u = unz
        half = u / 2
    if qual in OVER:
        lo, hi = x, x + u
    elif qual in NEAR:
        lo, hi = x - u, x
    elif qual in APPROX:
        lo, hi = x - u, x + u
    elif exact_ok:
        lo = hi = x
    else:
        lo, hi = x - half, x + half
    return I(lo, hi, x)

# ---------------------------------------------------------------- relation specs
# figs: name -> literal, or (literal, occurrence index) when it occurs twice.
# rel: F -> list of ('eq', a, b) [intervals overlap] or ('le', a, b) [a.lo <= b.hi].

def eq(a, b):
    return ('eq', a, b)


def le(a, b):
    return ('le', a, b)


SPEC = {
    # ---- restatement
    'restatement-w01': ({'a': ('6016家', 0), 'b': ('6016家', 1), 'c': ('65.9万人', 0), 'd': ('65.9万人', 1)},
                        lambda F: [eq(F.a, F.b), eq(F.c, F.d)]),
    'restatement-w02': ({'a': ('1828万人次', 0), 'b': ('1828万人次', 1)}, lambda F: [eq(F.a, F.b)]),
    'restatement-w03': ({'a': ('3.75万家', 0), 'b': ('3.75万家', 1), 'c': ('188.4万人', 0), 'd': ('188.4万人', 1)},
                        lambda F: [eq(F.a, F.b), eq(F.c, F.d)]),
    'restatement-w04': ({'a': ('3.23亿人次', 0), 'b': ('3.23亿人次', 1)}, lambda F: [eq(F.a, F.b)]),
    'restatement-w05': ({'h': '突破两千家', 'b': '2036家'}, lambda F: [eq(F.h, F.b)]),
    'restatement-w06': ({'h': ('102.6亿元', 0), 'b': ('102.6亿元', 1), 'g1': '近两成', 'g2': '18.7%'},
                        lambda F: [eq(F.h, F.b), eq(F.g1, F.g2)]),
    'restatement-w07': ({'a': '三百二十万人次', 'b': '320万人次', 'c': '突破20亿元', 'd': '20.6亿元'},
                        lambda F: [eq(F.a, F.b), eq(F.c, F.d)]),
    'restatement-w08': ({'a': '8.1万多件', 'b': '81200件'}, lambda F: [eq(F.a, F.b)]),
    'restatement-w09': ({'a': ('32.5%', 0), 'b': ('32.5%', 1)}, lambda F: [eq(F.a, F.b)]),
    'restatement-w10': ({'a': ('6.8%', 0), 'b': ('6.8%', 1)}, lambda F: [eq(F.a, F.b)]),
    'restatement-w11': ({'a': '4862人', 'b': '4800余名'}, lambda F: [eq(F.a, F.b)]),
    'restatement-w12': ({'a': '逾126万人次', 'b': '１２６．４万人次'}, lambda F: [eq(F.a, F.b)]),
    # ---- breakdown
    'breakdown-w01': ({'t': '28个', 'a': '20个', 'b': '8个'}, lambda F: [eq(F.a + F.b, F.t)]),
    'breakdown-w02': ({'a': ('2人', 0), 'b': ('2人', 1), 'c': '4人', 't': '8人'},
                      lambda F: [eq(F.a + F.b + F.c, F.t)]),
    'breakdown-w03': ({'a': '9名', 'b': '5名', 't': '14人'}, lambda F: [eq(F.a + F.b, F.t)]),
    'breakdown-w04': ({'a': '51人', 'b': '36人', 't': '87人'}, lambda F: [eq(F.a + F.b, F.t)]),
    'breakdown-w05': ({'a': '1120万元', 'b': '980万元', 'c': '760万元', 't': '2860万元'},
                      lambda F: [eq(F.a + F.b + F.c, F.t)]),
    'breakdown-w06': ({'t': '56.2万亩', 'a': '38.5万亩', 'b': '9.6万亩', 'c': '8.1万亩'},
                      lambda F: [eq(F.a + F.b + F.c, F.t)]),
    'breakdown-w07': ({'t': '1286所', 'a': '612所', 'b': '395所', 'c': '176所', 'd': '58所', 'e': '45所'},
                      lambda F: [eq(F.a + F.b + F.c + F.d + F.e, F.t)]),
    'breakdown-w08': ({'t': '一千二百零六件', 'a': '七百四十一件', 'b': '二百八十三件', 'c': '一百八十二件'},
                      lambda F: [eq(F.a + F.b + F.c, F.t)]),
    'breakdown-w09': ({'t': '3150人次', 'a': '1486人次', 'b': '932人次', 'c': '732人次'},
                      lambda F: [eq(F.a + F.b + F.c, F.t)]),
    'breakdown-w10': ({'t': '3.86亿吨', 'a': '11200万吨', 'b': '27400万吨'}, lambda F: [eq(F.a + F.b, F.t)]),
    'breakdown-w11': ({'a': '168人', 'b': '57人', 'c': '45人', 't': '270人'},
                      lambda F: [eq(F.a + F.b + F.c, F.t)]),
    'breakdown-w12': ({'t': '12460人', 'a': '4215人', 'b': '1032人', 'c': '7213人'},
                      lambda F: [eq(F.a + F.b + F.c, F.t)]),
    # ---- anniversary  (N周年 = event year - founding year; N届 of an annual event = Y - Y0 + 1;
    #                   有N年历史 allows +-1 for the months)
    'anniversary-w01': ({'y': '2026年', 'y0': '1921年', 'n': '105周年'}, lambda F: [eq(F.n, F.y - F.y0)]),
    'anniversary-w02': ({'y': '2025年', 'y0': '1955年', 'n': '70周年'}, lambda F: [eq(F.n, F.y - F.y0)]),
    'anniversary-w03': ({'y': '2025年', 'y0': '1965年', 'n': '60周年'}, lambda F: [eq(F.n, F.y - F.y0)]),
    'anniversary-w04': ({'y': '2026年', 'y0': '1936年', 'n': '90周年'}, lambda F: [eq(F.n, F.y - F.y0)]),
    'anniversary-w05': ({'y': '2026年', 'y0': '1956年', 'n': '七十周年'}, lambda F: [eq(F.n, F.y - F.y0)]),
    'anniversary-w06': ({'y': '2025年', 'y0': '2004年', 'n': '二十二届'}, lambda F: [eq(F.n, F.y - F.y0 + 1)]),
    'anniversary-w07': ({'y': '2026年', 'y0': '1996年', 'n': '30周年'}, lambda F: [eq(F.n, F.y - F.y0)]),
    'anniversary-w08': ({'y': '2025年', 'y0': '1923年', 'n': '102年历史'},
                        lambda F: [eq(F.n, (F.y - F.y0) + I(-1, 1, 0))]),
    'anniversary-w09': ({'y': '2026年', 'y0': '1982年', 'n': '十二届'},
                        lambda F: [eq(F.n, (F.y - F.y0) / 4 + 1)]),
    'anniversary-w10': ({'y': '2025年', 'y0': '1985年', 'n': '四十周年', 'm': '40年来'},
                        lambda F: [eq(F.n, F.y - F.y0), eq(F.m, F.y - F.y0)]),
    'anniversary-w11': ({'y': '2025年', 'y0': '1950年', 'n': '75周年'}, lambda F: [eq(F.n, F.y - F.y0)]),
    'anniversary-w12': ({'y': '2025年', 'y0': '2014年', 'n': '十二个'}, lambda F: [eq(F.n, F.y - F.y0 + 1)]),
    # ---- rate
    'rate-w01': ({'p': '616.5万吨', 'r': '92.8%', 'w': '664.1万吨'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w02': ({'w': '168.2亿斤', 'p': '39.7亿斤', 'r': '23.6%'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w03': ({'w': '793个', 'r': '84.4%', 'p': '669个'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w04': ({'w': '20096家', 'p': '15072家', 'r': '75%'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w05': ({'r': '96.4%', 'w': '52.8万人', 'p': '50.9万人'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w06': ({'p': '412人', 'r': '近八成', 'w': '526人', 'q': '318人'},
                 lambda F: [eq(F.r, pct(F.p, F.w)), le(F.q, F.w)]),
    'rate-w07': ({'w': '2630件', 'p': '1683件', 'r': '百分之六十四'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w08': ({'w': '3860.2亿元', 'p': '1286.5亿元', 'r': '三分之一'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w09': ({'w': '2.41万台次', 'q': '5230台次', 'p': '10990台次', 'r': '45.6%'},
                 lambda F: [eq(F.r, pct(F.p, F.w)), le(F.q, F.w)]),
    'rate-w10': ({'w': '12480间夜', 'p': '10271间夜', 'r': '约82%'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w11': ({'p': '42.7万亩', 'r': '71.4%', 'w': '59.8万亩'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    'rate-w12': ({'w': '12.6万人', 'p': '11.5万人', 'r': '超过九成'}, lambda F: [eq(F.r, pct(F.p, F.w))]),
    # ---- growth
    'growth-w01': ({'b': '27136元', 'c': '36439元', 'r': '34.3%'}, lambda F: [eq(F.r, growth(F.c, F.b))]),
    'growth-w02': ({'b': '98元', 'c': '178元', 'r': '81.6%'}, lambda F: [eq(F.r, growth(F.c, F.b))]),
    'growth-w03': ({'c': '23.85万人', 'r': '15.1%', 'b': '20.72万人'}, lambda F: [eq(F.r, growth(F.c, F.b))]),
    'growth-w04': ({'d': '1295家', 'r': '50.6%', 'c': '3854家'}, lambda F: [eq(F.r, pct(F.d, F.c - F.d))]),
    'growth-w05': ({'c': '8.72亿元', 'd': '1.36亿元', 'r': '18.5%'}, lambda F: [eq(F.r, pct(F.d, F.c - F.d))]),
    'growth-w06': ({'r': '3.6%', 'b': '486.2万吨', 'c': '468.7万吨'}, lambda F: [eq(F.r, decline(F.c, F.b))]),
    'growth-w07': ({'c1': '86.4万人次', 'c2': '5.12亿元', 'b1': '72.0万人次', 'b2': '4.37亿元',
                    'r1': '20%', 'r2': '17.2%'},
                   lambda F: [eq(F.r1, growth(F.c1, F.b1)), eq(F.r2, growth(F.c2, F.b2))]),
    'growth-w08': ({'c': '一千二百三十斤', 'd': '九十斤', 'r': '7.9%'}, lambda F: [eq(F.r, pct(F.d, F.c - F.d))]),
    'growth-w09': ({'c': '458.6万人次', 'b': '392.3万人次', 'r': '近17%'}, lambda F: [eq(F.r, growth(F.c, F.b))]),
    'growth-w10': ({'c': '5168例', 'b': '5630例', 'r': '百分之八点二'}, lambda F: [eq(F.r, decline(F.c, F.b))]),
    'growth-w11': ({'c': '68.3万人', 'd': '9.8万人', 'r': '16.7%'}, lambda F: [eq(F.r, pct(F.d, F.c - F.d))]),
    'growth-w12': ({'c': '87.65亿元', 'r': '6.2%', 'b': '82.53亿元'}, lambda F: [eq(F.r, growth(F.c, F.b))]),
    # ---- silent (the arithmetic that really is in the text)
    'silent-w07': ({'plan': '120个', 'done': '138个', 'r': '115%'}, lambda F: [eq(F.r, pct(F.done, F.plan))]),
    'silent-w08': ({'b': '1.2万辆', 'k': '3倍', 'c': '4.8万辆'}, lambda F: [eq(F.k, F.c / F.b - 1)]),
    'silent-w09': ({'t': '326家', 'a': '18家', 'b': '97家', 'c': '214家', 'd': '85家'},
                   lambda F: [le(F.a + F.b, F.t), le(F.c + F.d, F.t)]),
    'silent-w10': ({'t': '1260人', 'h': '一半', 'w': '412人', 'r': '61.4%'},
                   lambda F: [eq(F.h, pct(I(630), F.t)), eq(F.r, pct(I(253), F.w)), le(F.w, F.t)]),
    'silent-w11': ({'tot': '15.6万人', 'plan': '15万人', 'y': '3.2万人', 'ytarget': '3万人左右'},
                   lambda F: [le(F.y, F.tot), le(F.plan, F.tot), le(F.ytarget, F.y)]),
    'silent-w12': ({'y': '2026年', 'y0': '2008年', 'n': '十届'}, lambda F: [eq(F.n, (F.y - F.y0) / 2 + 1)]),
}

# ---------------------------------------------------------------- real text
# Clauses added to real text (removed before the verbatim check).
ADDED = {
    'breakdown-w02': ['，合计8人'],
    'breakdown-w03': [',受表彰者共14人'],
    'breakdown-w04': [',服务队员共计87人'],
    'anniversary-w01': ['中国共产党于1921年成立，'],
    'anniversary-w02': ['新疆维吾尔自治区于1955年成立。'],
    'anniversary-w03': ['西藏自治区于1965年成立。2025年是“十四五”收官之年，'],
    'anniversary-w04': ['1936年10月，红军三大主力会师，长征胜利结束。2026年，'],
    'rate-w01': ['（全国棉花总产664.1万吨）'],
    'rate-w02': ['全国粮食增产168.2亿斤。'],
    'rate-w03': ['，计669个'],
    'rate-w04': ['全市应建制企事业单位20096家。'],
    'growth-w01': ['，增长34.3%'],
    'growth-w02': ['，提高81.6%'],
    'growth-w03': ['（上年为20.72万人）'],
    'growth-w04': ['，总数达到3854家'],
}

# ---------------------------------------------------------------- helpers

failures = []


def fail(cid, msg):
    failures.append('%s: %s' % (cid, msg))


def find_all(text, lit):
    """Occurrences of lit not glued to a preceding or following numeral."""
    out = []
    start = 0
    while True:
        p = text.find(lit, start)
        if p < 0:
            return out
        before = text[p - 1] if p > 0 else ''
        first_num = lit[0] in NUM_CHARS
        if not (first_num and before in NUM_CHARS):
            out.append(p)
        start = p + 1


def locate(cid, text, spec):
    lit, idx = (spec, None) if isinstance(spec, str) else spec
    occ = find_all(text, lit)
    if idx is None:
        if len(occ) != 1:
            fail(cid, 'literal %r occurs %d times' % (lit, len(occ)))
            return None
        idx = 0
    if idx >= len(occ):
        fail(cid, 'literal %r occurrence %d missing' % (lit, idx))
        return None
    p = occ[idx]
    # qualifier next to the figure but not in its literal?
    if not any(lit.startswith(q) for q in PRE_QUALS):
        for q in PRE_QUALS:
            if text[:p].endswith(q):
                fail(cid, 'qualifier %r precedes %r but is not in the literal' % (q, lit))
    after = text[p + len(lit):]
    for q in ('左右', '以上', '有余'):
        if after.startswith(q):
            fail(cid, 'qualifier %r follows %r but is not in the literal' % (q, lit))
    # 余/多 right after the number part
    m = re.match(r'^[^余多]*?[0-9０-９万亿千十百]$', lit)
    if m and after[:1] in ('余', '多') and lit[-1] in NUM_CHARS:
        fail(cid, 'qualifier %r follows %r but is not in the literal' % (after[:1], lit))
    return p, lit


def single_diff(cid, a, b):
    """Return (start, end_in_a, replacement) of the one changed numeral run."""
    if a == b:
        fail(cid, 'correct and wrong are identical')
        return None
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    j = 0
    while j < n - i and a[len(a) - 1 - j] == b[len(b) - 1 - j]:
        j += 1
    ea, eb = len(a) - j, len(b) - j
    s = i
    while s > 0 and a[s - 1] in NUM_CHARS:
        s -= 1
    while ea < len(a) and a[ea] in NUM_CHARS:
        ea += 1
        eb += 1
    run_a, run_b = a[s:ea], b[s:eb]
    if not run_a or not run_b or not all(c in NUM_CHARS for c in run_a + run_b):
        fail(cid, 'difference is not one numeral run: %r -> %r' % (run_a, run_b))
        return None
    if not re.search(r'[0-9０-９%s]' % ''.join(CN_DIG), run_a):
        fail(cid, 'changed run has no digit: %r' % run_a)
        return None
    return i, len(a) - j, b[i:len(b) - j]


class NS:
    def __init__(self, d):
        self.__dict__.update(d)


def evaluate(rel, figs):
    items = rel(NS(figs))
    res = []
    for kind, x, y in items:
        x, y = I.c(x), I.c(y)
        ok = overlap(x, y) if kind == 'eq' else x.lo <= y.hi + 1e-9
        res.append((ok, kind, x, y))
    return res


def norm(s):
    s = re.sub(r'\s+', '', s)
    return s


def check_real(cid, source, correct):
    path = os.path.join(SHARED, source)
    if not os.path.exists(path):
        fail(cid, 'source file missing: %s' % source)
        return
    src = norm(open(path, encoding='utf-8').read())
    text = correct
    for clause in ADDED.get(cid, []):
        if clause not in text:
            fail(cid, 'added clause %r not in correct' % clause)
        text = text.replace(clause, '', 1)
    for line in text.split('\n'):
        line = norm(line)
        if not line:
            continue
        line = line.rstrip('。')
        if line not in src:
            fail(cid, 'line not verbatim in %s: %r' % (source, line))

# ---------------------------------------------------------------- main


def main():
    seen = set()
    n_real = {}
    for fname, (family, count) in FILES.items():
        path = os.path.join(HERE, fname)
        data = yaml.safe_load(open(path, encoding='utf-8'))
        if data.get('family') != family:
            fail(fname, 'family is %r, expected %r' % (data.get('family'), family))
        cases = data.get('cases') or []
        if family == 'silent':
            want_ids = ['silent-w%02d' % k for k in range(7, 13)]
        else:
            want_ids = ['%s-w%02d' % (family, k) for k in range(1, count + 1)]
        ids = [c.get('id') for c in cases]
        if ids != want_ids:
            fail(fname, 'ids %r, expected %r' % (ids, want_ids))
        for c in cases:
            cid = c.get('id')
            if cid in seen:
                fail(cid, 'duplicate id')
            seen.add(cid)
            need = {'id', 'source', 'correct', 'error'} | (set() if family == 'silent' else {'wrong'})
            if set(c) != need:
                fail(cid, 'fields %r, expected %r' % (sorted(c), sorted(need)))
                continue
            for k in need:
                if not isinstance(c[k], str) or not c[k].strip():
                    fail(cid, 'field %s empty or not a string' % k)
            if '\n' in c['error'].strip():
                fail(cid, 'error must be one line')
            correct = c['correct'].strip('\n')
            src = c['source']
            if src != 'written':
                n_real[family] = n_real.get(family, 0) + 1
                if not re.match(r'^(corpus/gwr2026/[^/]+\.txt|seeds/[^/]+\.txt)$', src):
                    fail(cid, 'bad source %r' % src)
                check_real(cid, src, correct)
            elif cid in ADDED:
                fail(cid, 'ADDED entry for a written case')
            if cid not in SPEC:
                fail(cid, 'no relation spec')
                continue
            figspec, rel = SPEC[cid]
            loc = {}
            for name, sp in figspec.items():
                r = locate(cid, correct, sp)
                if r:
                    loc[name] = r
            if len(loc) != len(figspec):
                continue
            figs = {k: parse_fig(lit) for k, (p, lit) in loc.items()}
            for ok, kind, x, y in evaluate(rel, figs):
                if not ok:
                    fail(cid, 'relation fails in correct: %s %r vs %r' % (kind, x, y))
            if family == 'silent':
                continue
            wrong = c['wrong'].strip('\n')
            d = single_diff(cid, correct, wrong)
            if not d:
                continue
            ds, de, rep = d
            hit = []
            wfigs = {}
            for k, (p, lit) in loc.items():
                if ds >= p and de <= p + len(lit) and (ds < p + len(lit)):
                    new = lit[:ds - p] + rep + lit[de - p:]
                    hit.append(k)
                    wfigs[k] = parse_fig(new, lenient=True)
                elif de > p and ds < p + len(lit):
                    fail(cid, 'change straddles figure %r' % lit)
                else:
                    wfigs[k] = parse_fig(lit, lenient=True)
            if len(hit) != 1:
                fail(cid, 'change hits %d related figures (%r), expected 1' % (len(hit), hit))
                continue
            wfigs = {k: v.widen(2) for k, v in wfigs.items()}
            res = evaluate(rel, wfigs)
            if all(ok for ok, _, _, _ in res):
                fail(cid, 'relation still holds in wrong with doubled tolerance: %r'
                     % [(kind, x, y) for _, kind, x, y in res])
    for family, count in FILES.values():
        if family != 'silent' and n_real.get(family, 0) < 4:
            fail(family, 'only %d real-text cases' % n_real.get(family, 0))
    # self-test of the number parser
    for lit, lo, hi in [('超80%', 80, 90), ('4800余名', 4800, 4900), ('近八成', 70, 80), ('九成', 85, 95), ('三分之一', 100 / 3 - .5, 100 / 3 + .5),
                        ('114万余人', 1140000, 1150000), ('一千二百零六件', 1206, 1206), ('三百二十万', 3150000, 3250000),
                        ('百分之八点二', 8.15, 8.25), ('约82%', 81, 83), ('１２６．４万', 1263500, 1264500),
                        ('3万人左右', 20000, 40000), ('突破两千家', 2000, 3000), ('60万亩', 595000, 605000), ('8.1万多件', 81000, 82000)]:
        f = parse_fig(lit)
        if abs(f.lo - lo) > 1e-6 or abs(f.hi - hi) > 1e-6:
            fail('parser', '%s -> %r, expected [%g, %g]' % (lit, f, lo, hi))
    if failures:
        for f in failures:
            print('FAIL', f)
        print('%d problem(s)' % len(failures))
        sys.exit(1)
    print('checked %d cases (%s)' % (len(seen), ', '.join('%s %d real' % kv for kv in sorted(n_real.items()))))
    print('all checks passed')


if __name__ == '__main__':
    main()
