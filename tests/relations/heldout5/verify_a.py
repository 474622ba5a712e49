#!/usr/bin/env python3
"""Self-check for the heldout5 writer-A files.

Checks part / breakdown / shares / rate / grim / growth (12 pairs each) and
silent-z01..z08 (file silent.yaml).  Only these files are read:
part.yaml breakdown.yaml shares.yaml rate.yaml grim.yaml growth.yaml silent.yaml
(plus the corpus / seed files named as sources).

Interval rules (per figure, as printed):
  * plain whole-number count (Arabic or Chinese numerals, no 万/亿, no %, no
    qualifier): exact;
  * any other figure: x +- half a unit of its last digit;
  * 超/超过/突破/逾/以上/余/多: [x, x+u];  近/接近/将近: [x-u, x];  约/左右: x +- u;
  * X成: 10X% +- 5 points (近X成: [10X-5, 10X], and [10X-10, 10X] in the wide reading);
  * fractions (三分之一, 一半 ...): +- 0.5 points.
`correct` must satisfy every relation with these (tight) intervals.
`wrong` must violate at least one relation that uses the changed figure, even
in a WIDE reading with the tolerance DOUBLED.  The wide reading additionally
treats a round integer that carries a qualifier or a 万/亿 multiplier as
precise only to its last non-zero digit (超80% -> [80, 90]; 230亿 -> +-5亿),
so a wrong text cannot be explained by a generous reading either.
"""
import math
import os
import re
import sys
from fractions import Fraction

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit('PyYAML is required for verify_a.py')

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = '/work/shared'
FAMILIES = ['part', 'breakdown', 'shares', 'rate', 'grim', 'growth']
MY_FILES = [f + '.yaml' for f in FAMILIES] + ['silent.yaml']

FAILS = []
VERBOSE = False


def fail(msg):
    FAILS.append(msg)


# ---------------------------------------------------------------- numbers
FW = str.maketrans('０１２３４５６７８９．', '0123456789.')
CN_DIG = {'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
          '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
CN_UNIT = {'十': 10, '百': 100, '千': 1000}
CN_BIG = {'万': 10 ** 4, '亿': 10 ** 8}
CN_CHARS = ''.join(CN_DIG) + ''.join(CN_UNIT) + ''.join(CN_BIG)
NUM_CHARS = set('0123456789０１２３４５６７８９.．' + CN_CHARS)


def cn_to_int(s):
    """Chinese numeral -> (value, place value of its last numeral)."""
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in CN_DIG:
            num = CN_DIG[ch]
        elif ch in CN_UNIT:
            section += (num if num else 1) * CN_UNIT[ch]
            num = 0
        elif ch in CN_BIG:
            total = (total + section + num) * CN_BIG[ch]
            section, num = 0, 0
        else:
            raise ValueError('bad Chinese numeral %r' % s)
    last = s[-1]
    if last in CN_UNIT:
        place = CN_UNIT[last]
    elif last in CN_BIG:
        place = CN_BIG[last]
    elif len(s) == 1 or s[-2] in '零〇' or s[-2] in CN_DIG:
        place = 1
    else:  # 二千六 style: digit right after a unit
        prev = CN_UNIT.get(s[-2]) or CN_BIG.get(s[-2])
        place = max(1, prev // 10)
    return total + section + num, place


class Iv:
    """Closed interval of reals."""

    def __init__(self, lo, hi=None):
        if hi is None:
            hi = lo
        self.lo, self.hi = float(min(lo, hi)), float(max(lo, hi))

    @staticmethod
    def c(x):
        return x if isinstance(x, Iv) else Iv(x)

    def __add__(self, o):
        o = Iv.c(o)
        return Iv(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __sub__(self, o):
        o = Iv.c(o)
        return Iv(self.lo - o.hi, self.hi - o.lo)

    def __rsub__(self, o):
        return Iv.c(o) - self

    def __mul__(self, o):
        o = Iv.c(o)
        p = [self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi]
        return Iv(min(p), max(p))

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Iv.c(o)
        assert o.lo > 0, 'division by an interval touching zero'
        return self * Iv(1.0 / o.hi, 1.0 / o.lo)

    def __rtruediv__(self, o):
        return Iv.c(o) / self

    def __pow__(self, e):
        e = Iv.c(e)
        assert self.lo > 0
        p = [self.lo ** e.lo, self.lo ** e.hi, self.hi ** e.lo, self.hi ** e.hi]
        return Iv(min(p), max(p))

    def __repr__(self):
        return '[%.6g, %.6g]' % (self.lo, self.hi)


def cagr(a, b, y0, y1):
    """average annual growth in % from level a (year y0) to b (year y1)."""
    n = Iv.c(y1) - Iv.c(y0)
    return ((b / a) ** (1 / n) - 1) * 100


QUAL_PREFIX = [('超过', 'ge'), ('突破', 'ge'), ('超', 'ge'), ('逾', 'ge'),
               ('将近', 'le'), ('接近', 'le'), ('近', 'le'),
               ('大约', 'ap'), ('约', 'ap')]
QUAL_WORDS = ['占', '达', '为', '是', '有']  # verbs that may precede a qualifier


def parse_fig(fs, measure=False):
    """Return a dict describing the figure string fs."""
    s = fs.translate(FW)
    qual = None
    for p, q in QUAL_PREFIX:
        if s.startswith(p):
            qual, s = q, s[len(p):]
            break
    d = {'qual': qual, 'kind': 'num', 'mult': 1, 'count': False, 'text': fs}
    m = re.match(r'百分之([' + CN_CHARS + ']+)', s)
    if m:
        v, _ = cn_to_int(m.group(1))
        d.update(kind='pct', v=float(v), ut=1.0, uw=1.0)
        rest = s[m.end():]
    elif s.startswith('一半'):
        d.update(kind='frac', v=50.0, ut=0.0, uw=0.0)
        rest = s[2:]
    elif re.match(r'[' + CN_CHARS + ']+分之[' + CN_CHARS + ']+', s):
        m = re.match(r'([' + CN_CHARS + ']+)分之([' + CN_CHARS + ']+)', s)
        den, _ = cn_to_int(m.group(1))
        num, _ = cn_to_int(m.group(2))
        d.update(kind='frac', v=100.0 * num / den, ut=0.0, uw=0.0)
        rest = s[m.end():]
    elif re.match(r'[一二三四五六七八九十]成', s):
        v, _ = cn_to_int(s[0])
        d.update(kind='cheng', v=10.0 * v, ut=0.0, uw=0.0)
        rest = s[2:]
    else:
        m = re.match(r'([0-9]+)(?:\.([0-9]+))?', s)
        if m:
            ip, dp = m.group(1), m.group(2) or ''
            v = float(ip + ('.' + dp if dp else ''))
            ut = 10.0 ** (-len(dp))
            tz = 0
            if not dp:
                tz = len(ip) - len(ip.rstrip('0')) if ip.strip('0') else 0
            rest = s[m.end():]
            is_int = not dp
        else:
            m = re.match(r'[' + CN_CHARS + ']+', s)
            if not m:
                raise ValueError('cannot parse figure %r' % fs)
            v, place = cn_to_int(m.group(0))
            v = float(v)
            ut = 1.0
            tz = int(round(math.log10(place)))
            rest = s[m.end():]
            is_int = True
        if rest[:1] in ('余', '多'):
            qual = qual or 'ge'
            rest = rest[1:]
        mult = 1
        for w, f in (('万亿', 10 ** 12), ('亿', 10 ** 8), ('万', 10 ** 4), ('千', 10 ** 3)):
            if rest.startswith(w):
                mult = f
                rest = rest[len(w):]
                break
        if rest[:1] in ('余', '多'):
            qual = qual or 'ge'
            rest = rest[1:]
        pct = rest[:1] in ('%', '％')
        uw = ut
        if is_int and tz and (qual or mult > 1):
            uw = 10.0 ** tz
        d.update(v=v * mult, ut=ut * mult, uw=uw * mult, mult=mult,
                 kind='pct' if pct else 'num')
        d['count'] = (is_int and mult == 1 and not pct and qual is None
                      and not measure and '倍' not in rest)
    if '左右' in rest:
        qual = qual or 'ap'
    if '以上' in rest:
        qual = qual or 'ge'
    d['qual'] = qual
    return d


def interval(d, wide=False, f=1):
    v, q = d['v'], d['qual']
    if d['kind'] == 'cheng':
        if q == 'ge':
            return Iv(v, v + f * 10)
        if q == 'le':
            return Iv(v - f * (10 if wide else 5), v)
        if q == 'ap':
            return Iv(v - f * 10, v + f * 10)
        return Iv(v - f * 5, v + f * 5)
    if d['kind'] == 'frac':
        h = 0.5 * f * (2 if q == 'ap' else 1)
        return Iv(v - h, v + h)
    if d['count']:
        return Iv(v)
    u = d['uw'] if wide else d['ut']
    if q == 'ge':
        return Iv(v, v + f * u)
    if q == 'le':
        return Iv(v - f * u, v)
    if q == 'ap':
        return Iv(v - f * u, v + f * u)
    return Iv(v - f * u / 2, v + f * u / 2)


# ------------------------------------------------------------- locating
def is_num(ch):
    return ch in NUM_CHARS


ARABIC = set('0123456789０１２３４５６７８９.．')
CN_SMALL = set(CN_DIG) | set(CN_UNIT)


def _clash(x, y):
    """True if characters x and y would belong to one number token."""
    if x in ARABIC and y in ARABIC:
        return True
    if x in CN_SMALL and (y in CN_SMALL or y in CN_BIG):
        return True
    if x in CN_BIG and y in CN_SMALL:
        return True
    return False


def find_fig(text, fs, occ=0):
    """position of the occ-th occurrence of fs in text at a number boundary."""
    starts = []
    i = text.find(fs)
    while i >= 0:
        j = i + len(fs)
        ok = not (i > 0 and _clash(fs[0], text[i - 1]))
        if ok and j < len(text) and fs[-1] not in CN_BIG and _clash(fs[-1], text[j]):
            ok = False
        if ok:
            starts.append(i)
        i = text.find(fs, i + 1)
    if len(starts) <= occ:
        raise KeyError('figure %r (occurrence %d) not found' % (fs, occ))
    return starts[occ], starts[occ] + len(fs)


def diff_region(a, b):
    """Changed characters of a and b.  Returns (p, ea, eb, P, EA, EB): the raw
    differing span a[p:ea] / b[p:eb] and the same span extended to the whole
    number run a[P:EA] / b[P:EB]; None if identical."""
    if a == b:
        return None
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    ea, eb = len(a) - s, len(b) - s
    P, EA, EB = p, ea, eb
    while P > 0 and is_num(a[P - 1]):
        P -= 1
    while EA < len(a) and is_num(a[EA]):
        EA += 1
        EB += 1
    return p, ea, eb, P, EA, EB


def num_run_ok(t):
    t2 = t.translate(FW)
    return bool(t2) and (re.fullmatch(r'[0-9]+(\.[0-9]+)?[万亿千百十]{0,2}', t2) is not None
                         or re.fullmatch('[' + CN_CHARS + ']+', t2) is not None)


# ----------------------------------------------------------- the specs
# figure spec: 'text' or ('text', occurrence) or ('text', occurrence, 'measure')
# check: (lhs, op, rhs, {name: figure}); op '~' equal within intervals,
# '<=' lhs can be at most rhs.
SPECS = {
    # ---------------- part: part <= whole
    'part-z01': [('p', '<=', 'w', {'p': '162.5万', 'w': '688.3万'})],
    'part-z02': [('p', '<=', 'w', {'p': '7.65万', 'w': '39.87万'})],
    'part-z03': [('p', '<=', 'w', {'p': '43万', 'w': '148万'})],
    'part-z04': [('p', '<=', 'w', {'p': '超110万', 'w': '162.6万'})],
    'part-z05': [('p', '<=', 'w', {'p': '44734', 'w': '74017'})],
    'part-z06': [('p', '<=', 'w', {'p': '1.2万', 'w': '8.56万'})],
    'part-z07': [('p', '<=', 'w', {'p': '三千二百', 'w': '一万二千六百'}),
                 ('q', '<=', 'w', {'q': '一千八百', 'w': '一万二千六百'})],
    'part-z08': [('p', '<=', 'w', {'p': '4315', 'w': '9652'})],
    'part-z09': [('p', '<=', 'w', {'p': '逾2.9亿', 'w': '3.62亿'})],
    'part-z10': [('p', '<=', 'w', {'p': '38200', 'w': '4.6万'}),
                 ('q', '<=', 'w', {'q': '2.9万', 'w': '4.6万'})],
    'part-z11': [('p', '<=', 'w', {'p': '2450', 'w': '2680'}),
                 ('q', '<=', 'w', {'q': '312', 'w': '2680'})],
    'part-z12': [('p', '<=', 'w', {'p': '１９８７', 'w': '２１５６'}),
                 ('h', '<=', 'p / w * 100', {'h': '超九成', 'p': '１９８７', 'w': '２１５６'})],
    # ---------------- breakdown: parts sum to total
    'breakdown-z01': [('a + b', '~', 't', {'a': '20个', 'b': '8个约束', 't': '28个'})],
    'breakdown-z02': [('a + b + c', '~', 't', {'a': '9金', 'b': '5银', 'c': '6铜', 't': '20枚'})],
    'breakdown-z03': [('a + b + c', '~', 't', {'a': '800', 'b': '600', 'c': '300', 't': '1700'})],
    'breakdown-z04': [('a + b', '~', 't', {'a': '51人', 'b': '36人', 't': '87人'})],
    'breakdown-z05': [('a + b + c', '~', 't', {'a': '34人', 'b': '15人', 'c': '20人', 't': '69人'})],
    'breakdown-z06': [('a + b + c', '~', 't', {'a': '97家', 'b': '143家', 'c': '1046家', 't': '1286家'})],
    'breakdown-z07': [('a + b + c', '~', 't', {'a': '215名', 'b': '138名', 'c': '27名', 't': '380名'})],
    'breakdown-z08': [('a + b + c', '~', 't', {'a': '9820万', 'b': '3460万', 'c': '5320万', 't': '1.86亿'})],
    'breakdown-z09': [('a + b + c', '~', 't', {'a': '28.4万', 'b': '3.1万', 'c': '0.65万', 't': '32.15万'})],
    'breakdown-z10': [('a + b + c', '~', 't', {'a': '三百零八', 'b': '一百零二', 'c': '十六', 't': '四百二十六'})],
    'breakdown-z11': [('a + b + c', '~', 't', {'a': '236.4万', 'b': '171.9万', 'c': '104.3万', 't': '512.6万'})],
    'breakdown-z12': [('a + b + c', '~', 't', {'a': '195亿', 'b': '86亿', 'c': '47亿', 't': '328亿'})],
    # ---------------- shares: add to 100 (or to a stated share)
    'shares-z01': [('a + b + c', '~', '100', {'a': '8.3', 'b': '41.4', 'c': '50.3'})],
    'shares-z02': [('a + b + c', '~', '100', {'a': '8.7', 'b': '41.2', 'c': '50.1'}),
                   ('d + e + f', '~', '100', {'d': '7.4', 'e': '39.6', 'f': ('53', 0, 'measure')})],
    'shares-z03': [('a + b', '~', '100', {'a': '64%', 'b': '36%'})],
    'shares-z04': [('a + b', '~', '100', {'a': '97.2%', 'b': '2.8%'})],
    'shares-z05': [('a + b + c', '~', '100', {'a': '三分之二', 'b': '四分之一', 'c': '8.3%'})],
    'shares-z06': [('a + b + c', '~', '100', {'a': '6.8%', 'b': '38.5%', 'c': '54.7%'})],
    'shares-z07': [('a + b + c', '~', '100', {'a': '约62%', 'b': '21%左右', 'c': '17%'})],
    'shares-z08': [('a + b + c', '~', '100', {'a': '百分之三十二', 'b': '百分之五十一', 'c': '百分之十七'})],
    'shares-z09': [('a + b + c', '~', 'g', {'a': '42.3%', 'b': '18.9%', 'c': '10.4%', 'g': '71.6%'}),
                   ('g + e', '~', '100', {'g': '71.6%', 'e': '28.4%'})],
    'shares-z10': [('a + b + c + d', '~', '100', {'a': '58.6%', 'b': '35.1%', 'c': '5.2%', 'd': '1.1%'})],
    'shares-z11': [('a + b + c', '~', '100', {'a': '61.2%', 'b': '34.5%', 'c': '4.3%'})],
    'shares-z12': [('a + b + c', '~', '100', {'a': '一半', 'b': '三成', 'c': '20%'})],
    # ---------------- rate: numerator / whole * 100 = stated share
    'rate-z01': [('n / w * 100', '~', 'r', {'n': '616.5万', 'w': '664.4万', 'r': '92.8%'})],
    'rate-z02': [('n / w * 100', '~', 'r', {'n': '250', 'w': '1500', 'r': '六分之一'})],
    'rate-z03': [('n / w * 100', '~', 'r', {'n': '669', 'w': '793', 'r': '84.4%'})],
    'rate-z04': [('n / w * 100', '~', 'r', {'n': '65亿', 'w': '230亿', 'r': '近三成'})],
    'rate-z05': [('n / w * 100', '~', 'r', {'n': '420', 'w': '1260', 'r': '三分之一'})],
    'rate-z06': [('n / w * 100', '~', 'r', {'n': '4476', 'w': '4860', 'r': '92.1%'})],
    'rate-z07': [('n / w * 100', '~', 'r', {'n': '41.26万', 'w': '42.62万', 'r': '96.8%'})],
    'rate-z08': [('n / w * 100', '~', 'r', {'n': '1312', 'w': '1873', 'r': '七成'})],
    'rate-z09': [('n / w * 100', '~', 'r', {'n': '2.05万', 'w': '3.2万', 'r': '百分之六十四'})],
    'rate-z10': [('n / w * 100', '~', 'r', {'n': '1177', 'w': '2140', 'r': '55%'})],
    'rate-z11': [('n / w * 100', '~', 'r', {'n': '286.5万', 'w': '1738万', 'r': '16.5%'})],
    'rate-z12': [('n / w * 100', '~', 'r', {'n': '约4.8亿', 'w': '78.6亿', 'r': '6.1%'})],
    # ---------------- growth
    'growth-z01': [('cagr(a, b, y0, y1)', '~', 'g',
                    {'a': '2.57万', 'b': '3.52万', 'y0': '2020', 'y1': '2025', 'g': '6.5%'})],
    'growth-z02': [('(b / a - 1) * 100', '~', 'g', {'a': '20.72万', 'b': '23.85万', 'g': '15.1%'})],
    'growth-z03': [('i / (b - i) * 100', '~', 'g', {'i': '1829万', 'b': '9048万', 'g': '25.3%'})],
    'growth-z04': [('(b / a - 1) * 100', '~', 'g', {'a': '63万', 'b': '114万余', 'g': '超80%'})],
    'growth-z05': [('(b / a - 1) * 100', '~', 'g', {'a': '37662', 'b': '39545', 'g': '5%'})],
    'growth-z06': [('(1 - b / a) * 100', '~', 'g', {'a': '0.964', 'b': '0.923', 'g': '4.3%'})],
    'growth-z07': [('(b / a - 1) * 100', '~', 'g', {'a': '4.52亿', 'b': '5.36亿', 'g': '18.6%'})],
    'growth-z08': [('i / (b - i) * 100', '~', 'g', {'i': '86.9万', 'b': '628.4万', 'g': '16.0%'})],
    'growth-z09': [('b - a', '~', 'i', {'a': '451.8', 'b': '468.6', 'i': '16.8'}),
                   ('i / a * 100', '~', 'g', {'a': '451.8', 'i': '16.8', 'g': '3.7%'})],
    'growth-z10': [('(1 - b / a) * 100', '~', 'g', {'a': '一千二百六十', 'b': '九百四十五', 'g': '25%'})],
    'growth-z11': [('(b / a - 1) * 100', '~', 'g', {'a': '78.96万', 'b': '86.7万', 'g': '9.8%'})],
    'growth-z12': [('(1 - b / a) * 100', '~', 'g', {'a': '173.3万', 'b': '162.4万', 'g': '6.3%'})],
    # ---------------- silent: the arithmetic that is there must hold
    'silent-z01': [('lo', '<=', 'all', {'lo': '4.8%', 'all': '5.5%'}),
                   ('all', '<=', 'hi', {'hi': '5.9%', 'all': '5.5%'})],
    'silent-z02': [('a', '<=', 'b', {'a': '26.7%', 'b': '52.1%'}),
                   ('c', '<=', 'd', {'c': '39.8%', 'd': '65.1%'}),
                   ('b', '<=', '100', {'b': '52.1%'}),
                   ('d', '<=', '100', {'d': '65.1%'})],
    'silent-z03': [('a', '<=', '100', {'a': '100%'}),
                   ('b', '<=', '100', {'b': '64.3%'}),
                   ('c', '<=', '100', {'c': '62.3%'})],
    'silent-z04': [('a / t * 100', '~', 'r', {'a': '5.04万', 't': '4.5万', 'r': '112%'})],
    'silent-z05': [('b / a - 1', '~', 'm', {'a': '6.2亿', 'b': '24.8亿', 'm': ('3倍', 0)})],
    'silent-z06': [('a', '<=', 't', {'a': '98家', 't': '126家'}),
                   ('b', '<=', 't', {'b': '73家', 't': '126家'})],
    'silent-z07': [('h', '<=', 't', {'h': '突破400', 't': '412个'}),  # (moved to the matrix)
                   ('n', '<=', 't', {'n': '86个', 't': '412个'})],
    'silent-z08': [('b - a', '~', 'p', {'a': '61.2%', 'b': '63.5%', 'p': '2.3个'}),
                   ('(b / a - 1) * 100', '~', 'g', {'a': '61.2%', 'b': '63.5%', 'g': '3.8%'})],
}

# grim: base (plain count < 200) and percentage; the count k is not stated.
GRIM = {
    'grim-z01': ('22条', '100%'),
    'grim-z02': ('182家', '96.2%'),
    'grim-z03': ('86个', '91.9%'),
    'grim-z04': ('81项', '85.2%'),
    'grim-z05': ('146件', '95.9%'),
    'grim-z06': ('28名', '64%'),
    'grim-z07': ('187台', '98.93%'),
    'grim-z08': ('68件', '92.6%'),
    'grim-z09': ('19个', '84.2%'),
    'grim-z10': ('一百二十六款', '71.4%'),
    'grim-z11': ('１３７家', '87.6%'),
    'grim-z12': ('62条', '53.2%'),
}

# clauses added to real sentences (removed before the verbatim check)
ADDED = {
    'breakdown-z02': ['，共20枚奖牌'],
    'breakdown-z03': ['，合计1700公里'],
    'breakdown-z04': [',服务队员共87人'],
    'breakdown-z05': [',各类法律服务人员合计69人'],
    'shares-z03': ['，火电、水电等其他电源装机占36%'],
    'shares-z04': ['，国有、集体及外资等其他经营主体占2.8%'],
    'rate-z01': ['（全国棉花总产664.4万吨）'],
    'rate-z02': ['(全国共1500个)'],
    'rate-z03': ['669个、'],
    'rate-z04': ['（全国同期原煤产量230亿吨）'],
    'grim-z02': ['全省182家养老机构中，'],
    'grim-z03': ['在已组建的86个县域医共体中，'],
    'grim-z04': ['总体方案确定的81项改革试点任务中，'],
    'growth-z01': ['2020年的', '2025年的'],
    'growth-z02': ['（上年为20.72万人）'],
    'growth-z03': ['、增长25.3%'],
    'growth-z04': ['(上年为63万人)'],
    'growth-z05': ['（上年为37662元）'],
}


# ------------------------------------------------------------- helpers
def fig_text_in(text, spec, region=None, other=None):
    """locate figure spec in `text` (the correct text); if `other` (the wrong
    text) is given together with the diff region, return the corresponding
    figure string in `other`.  Returns (fig_string, measure, touched)."""
    if isinstance(spec, str):
        fs, occ, flag = spec, 0, None
    else:
        fs, occ = spec[0], spec[1]
        flag = spec[2] if len(spec) > 2 else None
    i, j = find_fig(text, fs, occ)
    measure = flag == 'measure'
    if other is None or region is None:
        return fs, measure, False
    p, ea, eb = region[:3]
    delta = eb - ea
    if i <= p and ea <= j:
        return other[i:j + delta], measure, True
    if j <= p:
        return other[i:j], measure, False
    if i >= ea:
        return other[i + delta:j + delta], measure, False
    raise AssertionError('changed run straddles figure %r' % fs)


def eval_check(check, text, wide, f, region=None, other=None):
    lhs, op, rhs, figs = check
    env = {'cagr': cagr}
    touched = False
    for name, spec in figs.items():
        fs, measure, t = fig_text_in(text, spec, region, other)
        touched = touched or t
        env[name] = interval(parse_fig(fs, measure), wide=wide, f=f)
    L = Iv.c(eval(lhs, {'__builtins__': {}}, env))
    R = Iv.c(eval(rhs, {'__builtins__': {}}, env))
    if op == '~':
        ok = L.lo <= R.hi + 1e-9 and R.lo <= L.hi + 1e-9
    elif op == '<=':
        ok = L.lo <= R.hi + 1e-9
    else:
        raise ValueError(op)
    return ok, touched, L, R


def grim_sets(base, d):
    h, t, c = set(), set(), set()
    for k in range(base + 1):
        x = Fraction(100 * k, base) * 10 ** d
        h.add(math.floor(x + Fraction(1, 2)))
        t.add(math.floor(x))
        c.add(math.ceil(x))
    return h, t, c


def pct_scaled(fs):
    m = re.match(r'([0-9]+)(?:\.([0-9]+))?%', fs.translate(FW))
    assert m, fs
    d = len(m.group(2) or '')
    return int(m.group(1) + (m.group(2) or '')), d


def all_ints(text):
    vals = []
    for m in re.finditer(r'[0-9０-９]+(?:[.．][0-9０-９]+)?', text):
        t = m.group(0).translate(FW)
        if '.' not in t:
            vals.append((m.start(), int(t)))
    for m in re.finditer('[' + CN_CHARS + ']{2,}', text):
        try:
            vals.append((m.start(), cn_to_int(m.group(0))[0]))
        except ValueError:
            pass
    return vals


def norm(s):
    return re.sub(r'\s+', '', s)


# ----------------------------------------------------------- the checks
def main():
    data = {}
    for fn in MY_FILES:
        path = os.path.join(HERE, fn)
        with open(path, encoding='utf-8') as fh:
            doc = yaml.safe_load(fh)
        fam = fn[:-5]
        if doc.get('family') != fam:
            fail('%s: family field is %r' % (fn, doc.get('family')))
        data[fam] = doc.get('cases') or []

    # ---- format
    n_real = {}
    seen = set()
    # (silent-z07 was moved to ../matrix/silent_c.yaml as silent-c25 in session 7: its one false
    # alarm was read and fixed, so it is no longer held out)
    moved = {'silent-z07'}
    for fam, cases in data.items():
        want = 8 if fam == 'silent' else 12
        ids = [i for i in ('%s-z%02d' % (fam, n) for n in range(1, want + 1)) if i not in moved]
        if len(cases) != len(ids):
            fail('%s: %d cases, want %d' % (fam, len(cases), len(ids)))
        if [c.get('id') for c in cases] != ids:
            fail('%s: ids are %s' % (fam, [c.get('id') for c in cases]))
        for c in cases:
            cid = c.get('id')
            if cid in seen:
                fail('duplicate id %s' % cid)
            seen.add(cid)
            keys = {'id', 'source', 'correct', 'error'} | ({'wrong'} if fam != 'silent' else set())
            if set(c) != keys:
                fail('%s: fields %s, want %s' % (cid, sorted(c), sorted(keys)))
            for k in keys:
                if not isinstance(c.get(k), str) or not c.get(k).strip():
                    fail('%s: field %s empty or not a string' % (cid, k))
            src = c.get('source', '')
            if src != 'written':
                n_real[fam] = n_real.get(fam, 0) + 1
                if not (src.startswith('corpus/gwr2026/') or src.startswith('seeds/')):
                    fail('%s: odd source %r' % (cid, src))
                elif not os.path.isfile(os.path.join(SHARED, src)):
                    fail('%s: source file missing %s' % (cid, src))
    for fam in FAMILIES:
        if n_real.get(fam, 0) < 4:
            fail('%s: only %d real-text cases' % (fam, n_real.get(fam, 0)))
    if n_real.get('silent', 0) < 2:
        fail('silent: only %d real-text cases' % n_real.get('silent', 0))

    # ---- per case
    texts = set()
    for fam, cases in data.items():
        for c in cases:
            cid = c['id']
            cor = c['correct'].rstrip('\n')
            wro = c.get('wrong', '').rstrip('\n')
            if cor in texts:
                fail('%s: correct text duplicates another case' % cid)
            texts.add(cor)
            region = None
            if fam != 'silent':
                region = diff_region(cor, wro)
                if region is None:
                    fail('%s: wrong == correct' % cid)
                    continue
                p, ea, eb = region[3:]
                ra, rb = cor[p:ea], wro[p:eb]
                if not (num_run_ok(ra) and num_run_ok(rb)):
                    fail('%s: changed run is not a single figure: %r -> %r' % (cid, ra, rb))
                    continue
                if cor[:p] != wro[:p] or cor[ea:] != wro[eb:]:
                    fail('%s: texts differ outside the changed figure' % cid)
            # relations
            if fam == 'grim':
                check_grim(cid, cor, wro, region)
            else:
                specs = SPECS.get(cid)
                if not specs:
                    fail('%s: no relation spec' % cid)
                    continue
                try:
                    for chk in specs:
                        ok, _, L, R = eval_check(chk, cor, wide=False, f=1)
                        if VERBOSE:
                            print('%-14s correct %-28s %s %s %s' % (cid, chk[0] + ' ' + chk[1] + ' ' + chk[2], L, R, ok))
                        if not ok:
                            fail('%s: correct violates %s %s %s: %s vs %s' % (cid, chk[0], chk[1], chk[2], L, R))
                        ok2, _, L2, R2 = eval_check(chk, cor, wide=True, f=1)
                        if not ok2:
                            fail('%s: correct violates (wide) %s %s %s' % (cid, chk[0], chk[1], chk[2]))
                    if fam != 'silent':
                        bad = []
                        for chk in specs:
                            ok, touched, L, R = eval_check(chk, cor, wide=True, f=2,
                                                           region=region, other=wro)
                            if touched and not ok:
                                bad.append(chk)
                            if VERBOSE and touched:
                                print('%-14s wrong   %-28s %s %s fails=%s' % (cid, chk[0] + ' ' + chk[1] + ' ' + chk[2], L, R, not ok))
                        if not bad:
                            fail('%s: wrong not shown to fail (doubled, wide tolerance)' % cid)
                except (KeyError, AssertionError, ValueError) as e:
                    fail('%s: %s' % (cid, e))
            # real text verbatim
            if c['source'] != 'written':
                t = cor
                for cl in ADDED.get(cid, []):
                    if cl not in t:
                        fail('%s: added clause %r not in correct' % (cid, cl))
                    t = t.replace(cl, '', 1)
                    if fam != 'silent' and cl not in wro and not (
                            region and cor.find(cl) <= region[0] < cor.find(cl) + len(cl)):
                        fail('%s: added clause %r not in wrong' % (cid, cl))
                t = norm(t)
                if t.endswith('。'):
                    t = t[:-1]
                with open(os.path.join(SHARED, c['source']), encoding='utf-8') as fh:
                    src = norm(fh.read())
                if t not in src:
                    fail('%s: correct (minus added clauses) is not verbatim in %s' % (cid, c['source']))
            elif cid in ADDED:
                fail('%s: added clauses listed for a written case' % cid)
    for cid in list(SPECS) + list(GRIM) + list(ADDED):
        if cid not in seen and cid not in moved:
            fail('spec for unknown id %s' % cid)


def check_grim(cid, cor, wro, region):
    if cid not in GRIM:
        fail('%s: no grim spec' % cid)
        return
    bspec, pspec = GRIM[cid]
    try:
        bw, _, tb = fig_text_in(cor, bspec, region, wro)
        pw, _, tp = fig_text_in(cor, pspec, region, wro)
    except (KeyError, AssertionError) as e:
        fail('%s: %s' % (cid, e))
        return
    if not (tb or tp):
        fail('%s: changed figure is neither base nor percentage' % cid)
    for label, text, bs, ps in (('correct', cor, bspec, pspec), ('wrong', wro, bw, pw)):
        bd = parse_fig(bs)
        if not bd['count'] or bd['v'] >= 200:
            fail('%s %s: base %r is not a plain count under 200' % (cid, label, bs))
            continue
        base = int(bd['v'])
        val, dec = pct_scaled(ps)
        h, t, c = grim_sets(base, dec)
        if label == 'correct':
            if val not in h:
                fail('%s: correct %s not reachable as k/%d' % (cid, ps, base))
        else:
            if val in h or val in t or val in c:
                fail('%s: wrong %s reachable as k/%d by some rounding' % (cid, ps, base))
        # the count k must not be stated
        bpos = find_fig(text, bs)[0]
        for pos, n in all_ints(text):
            if pos == bpos or n > base:
                continue
            x = Fraction(100 * n, base) * 10 ** dec
            if val in (math.floor(x + Fraction(1, 2)), math.floor(x), math.ceil(x)):
                fail('%s %s: count %d appears in the text' % (cid, label, n))


if __name__ == '__main__':
    VERBOSE = '-v' in sys.argv
    main()
    if FAILS:
        for m in FAILS:
            print('FAIL', m)
        print('%d problem(s)' % len(FAILS))
        sys.exit(1)
    print('all checks passed')
