#!/usr/bin/env python3
"""Self-check for the dev8 relation cases.

Run `python3 verify_h.py` (PyYAML needed); it ends with `all checks passed`.
`-v` also prints every interval it computes.

What is checked
  * format: a `family` field per file, ids family-h01.. in order, 10 pairs per
    family and 12 silent texts, exact field set (silent has no `wrong`),
    non-empty one-line `error`, source files that exist, at least 4 real cases
    per family (silent included), no duplicate `correct` texts;
  * one figure changed: `correct` and `wrong` differ only inside one run of
    digits / Chinese numerals (the same run in both), nothing else differs;
  * relations: each case has a hand-written spec in SPECS, evaluated with
    interval arithmetic.  `correct` must satisfy every check in the tight
    reading and in the wide reading.  `wrong` must violate at least one check
    that uses the changed figure, in the wide reading with tolerances doubled.
    Silent texts: the arithmetic that is in them must hold;
  * multiple (增长N倍): the wrong text must also break the loose reading
    (N times the base instead of N+1), listed in LOOSE;
  * real text: with the ADDED clauses removed, every line of `correct`
    (whitespace ignored, one final 。 ignored) is a verbatim substring of its
    source file; each added clause also appears in `wrong`.

Intervals for a printed figure x whose last digit has place value u
  * plain whole-number count (Arabic or Chinese numerals, no 万/亿, no %, no
    qualifier, not flagged 'measure'): exact;
  * anything else: x +- u/2;
  * 超/超过/突破/逾/以上/余/多: [x, x+u];  近/接近/将近: [x-u, x];  约/左右: x +- u;
  * X成: 10X% +- 5 points (超X成 [10X, 10X+10], 近X成 [10X-5, 10X]);
  * fractions and 一半: +- 0.5 points (约: +- 1);
  * wide reading: a round integer that carries a qualifier or 万/亿 (or is
    flagged 'measure') counts only to its last non-zero digit, so u grows
    (超40% -> u = 10, 约8000 -> u = 1000);
  * for `wrong` every tolerance is doubled on top (f = 2).
Constants such as 翻番 are written into the spec as ('=', lo, hi, wide_lo, wide_hi).
"""
import math
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit('PyYAML is required for verify_h.py')

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = '/work/shared'
FAMILIES = ['part', 'breakdown', 'shares', 'rate', 'growth', 'per-unit',
            'multiple', 'restatement', 'silent']
COUNT = {f: 10 for f in FAMILIES}
COUNT['silent'] = 12
MIN_REAL = 4
VERBOSE = False
FAILS = []


def fail(msg):
    FAILS.append(msg)


# ------------------------------------------------------------ intervals
class Iv:
    def __init__(self, lo, hi=None):
        hi = lo if hi is None else hi
        self.lo, self.hi = float(min(lo, hi)), float(max(lo, hi))

    @staticmethod
    def of(x):
        return x if isinstance(x, Iv) else Iv(x)

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
        p = (self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi)
        return Iv(min(p), max(p))

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Iv.of(o)
        if o.lo <= 0:
            raise ValueError('division by an interval touching zero')
        return self * Iv(1.0 / o.hi, 1.0 / o.lo)

    def __rtruediv__(self, o):
        return Iv.of(o) / self

    def __pow__(self, e):
        e = Iv.of(e)
        if self.lo <= 0:
            raise ValueError('power of a non-positive interval')
        p = (self.lo ** e.lo, self.lo ** e.hi, self.hi ** e.lo, self.hi ** e.hi)
        return Iv(min(p), max(p))

    def __repr__(self):
        return '[%.6g, %.6g]' % (self.lo, self.hi)


def cagr(a, b, y0, y1):
    """average yearly growth in % from a (year y0) to b (year y1)"""
    n = Iv.of(y1) - Iv.of(y0)
    return ((b / a) ** (1 / n) - 1) * 100


# ------------------------------------------------------------ numerals
FW = str.maketrans('０１２３４５６７８９．％', '0123456789.%')
CN_DIG = {'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
          '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
CN_UNIT = {'十': 10, '百': 100, '千': 1000}
CN_BIG = {'万': 10 ** 4, '亿': 10 ** 8}
CN = ''.join(CN_DIG) + ''.join(CN_UNIT) + ''.join(CN_BIG)
ARABIC = set('0123456789０１２３４５６７８９.．')
NUMCH = ARABIC | set(CN)


def cn_value(s):
    """Chinese numeral -> (value, place value of its last non-zero digit)."""
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in CN_DIG:
            num = CN_DIG[ch]
        elif ch in CN_UNIT:
            section += (num if num else 1) * CN_UNIT[ch]
            num = 0
        elif ch in CN_BIG:
            total = ((total + section + num) or 1) * CN_BIG[ch]
            section, num = 0, 0
        else:
            raise ValueError('bad Chinese numeral %r' % s)
    value = total + section + num
    place = 1
    while value and value % (place * 10) == 0:
        place *= 10
    return value, place


PREFIX = [('超过', 'ge'), ('突破', 'ge'), ('超', 'ge'), ('逾', 'ge'),
          ('将近', 'le'), ('接近', 'le'), ('近', 'le'),
          ('大约', 'ap'), ('约', 'ap')]


def parse(fs, measure=False):
    """describe the printed figure fs: value, tight unit, wide unit, qualifier, kind"""
    s = re.sub(r'\s+', '', fs).translate(FW)
    qual = None
    for p, q in PREFIX:
        if s.startswith(p):
            qual, s = q, s[len(p):]
            break
    if s.startswith('占'):
        s = s[1:]
    d = {'text': fs, 'qual': qual, 'count': False}
    m = re.match('百分之([' + CN + ']+)', s)
    if m:
        v, _ = cn_value(m.group(1))
        d.update(kind='pct', v=float(v), ut=1.0, uw=1.0)
        rest = s[m.end():]
    elif s.startswith('一半'):
        d.update(kind='frac', v=50.0)
        rest = s[2:]
    elif re.match('[' + CN + ']+分之[' + CN + ']+', s):
        m = re.match('([' + CN + ']+)分之([' + CN + ']+)', s)
        d.update(kind='frac', v=100.0 * cn_value(m.group(2))[0] / cn_value(m.group(1))[0])
        rest = s[m.end():]
    elif re.match('[一二三四五六七八九]成', s):
        d.update(kind='cheng', v=10.0 * CN_DIG[s[0]])
        rest = s[2:]
    else:
        m = re.match(r'([0-9]+)(?:\.([0-9]+))?', s)
        if m:
            ip, dp = m.group(1), m.group(2) or ''
            v = float(ip + ('.' + dp if dp else ''))
            ut = 10.0 ** (-len(dp))
            tz = 0 if dp or not ip.strip('0') else len(ip) - len(ip.rstrip('0'))
            is_int = not dp
            rest = s[m.end():]
            chinese = False
        else:
            m = re.match('[' + CN + ']+', s)
            if not m:
                raise ValueError('cannot parse figure %r' % fs)
            val, place = cn_value(m.group(0))
            v, ut = float(val), 1.0
            if m.group(0)[-1] in CN_BIG:
                ut = float(place)
            tz = int(round(math.log10(place)))
            is_int = True
            rest = s[m.end():]
            chinese = True
        if rest[:1] in ('余', '多'):
            qual = qual or 'ge'
            rest = rest[1:]
        mult = 1
        for w, f in (('万亿', 10 ** 12), ('亿', 10 ** 8), ('万', 10 ** 4)):
            if rest.startswith(w):
                mult, rest = f, rest[len(w):]
                break
        if rest[:1] in ('余', '多'):
            qual = qual or 'ge'
            rest = rest[1:]
        pct = rest[:1] == '%'
        big = mult > 1 or (chinese and m.group(0)[-1] in CN_BIG)
        uw = ut
        if is_int and tz and (qual or big):
            uw = max(ut, 10.0 ** tz)
            if qual:   # 超3000, 约8000, 二千四百余: known to the last non-zero digit
                ut = uw
        if measure:   # a rounded average: wide reading allows 4% (8% doubled) either way
            uw = max(uw, 0.04 * v)
        d.update(kind='pct' if pct else 'num', v=v * mult, ut=ut * mult, uw=uw * mult)
        d['count'] = (is_int and not big and not pct and qual is None and not measure
                      and '倍' not in rest[:1])
    if '左右' in rest:
        qual = qual or 'ap'
    if '以上' in rest:
        qual = qual or 'ge'
    d['qual'] = qual
    return d


def interval(d, wide, f):
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


# ------------------------------------------------------------ locating
def clash(x, y):
    """True if x and y next to each other would be one number token."""
    if x in ARABIC and y in ARABIC:
        return True
    small = set(CN_DIG) | set(CN_UNIT)
    if x in small and y in NUMCH - ARABIC:
        return True
    if x in CN_BIG and y in small:
        return True
    return False


def find_fig(text, fs, occ=0):
    hits = []
    i = text.find(fs)
    while i >= 0:
        j = i + len(fs)
        ok = not (i > 0 and clash(text[i - 1], fs[0]))
        if ok and j < len(text) and fs[-1] not in CN_BIG and clash(fs[-1], text[j]):
            ok = False
        if ok:
            hits.append(i)
        i = text.find(fs, i + 1)
    if len(hits) <= occ:
        raise KeyError('figure %r (occurrence %d) not found' % (fs, occ))
    return hits[occ], hits[occ] + len(fs)


def diff(a, b):
    """(p, ea, eb): a[p:ea] and b[p:eb] are the differing spans; None if equal."""
    if a == b:
        return None
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, len(a) - s, len(b) - s


def run_around(t, i, j):
    """extend t[i:j] to the whole numeral run around it: Arabic digits (with a
    trailing 万/亿) or Chinese numerals"""
    chars = ARABIC if any(ch in ARABIC for ch in t[i:j]) or (
        i > 0 and t[i - 1] in ARABIC) or (j < len(t) and t[j] in ARABIC) else set(CN)
    while i > 0 and t[i - 1] in chars:
        i -= 1
    while j < len(t) and t[j] in chars:
        j += 1
    if chars is ARABIC:
        while j < len(t) and t[j] in '万亿' and j - i < 40:
            j += 1
    return t[i:j]


NUM_RE = re.compile(r'[0-9０-９]+(?:[.．][0-9０-９]+)?[万亿]{0,2}|[' + CN + ']+')


def one_run(a, b, reg):
    p, ea, eb = reg
    ra, rb = a[p:ea], b[p:eb]
    if any(ch not in NUMCH for ch in ra + rb):
        return False
    wa, wb = run_around(a, p, ea), run_around(b, p, eb)
    return bool(NUM_RE.fullmatch(wa)) and bool(NUM_RE.fullmatch(wb))


def figure(text, spec, reg=None, other=None):
    """(figure string, measure flag, touched by the change) for a spec."""
    if isinstance(spec, tuple) and spec and spec[0] == '=':
        return spec, False, False
    if isinstance(spec, str):
        fs, occ, flag = spec, 0, None
    else:
        fs, occ = spec[0], spec[1]
        flag = spec[2] if len(spec) > 2 else None
    i, j = find_fig(text, fs, occ)
    measure = flag == 'measure'
    if other is None:
        return fs, measure, False
    p, ea, eb = reg
    delta = eb - ea
    if i <= p and ea <= j:
        return other[i:j + delta], measure, True
    if j <= p:
        return other[i:j], measure, False
    if i >= ea:
        return other[i + delta:j + delta], measure, False
    raise AssertionError('change straddles figure %r' % fs)


def value(fs, measure, wide, f):
    if isinstance(fs, tuple):
        _, lo, hi, wlo, whi = fs
        if not wide:
            return Iv(lo, hi)
        # doubling a constant's tolerance around its centre
        c = (wlo + whi) / 2.0
        return Iv(c - f * (c - wlo), c + f * (whi - c))
    return interval(parse(fs, measure), wide, f)


def evaluate(check, text, wide, f, reg=None, other=None):
    lhs, op, rhs, figs = check
    env = {'cagr': cagr}
    touched = False
    for name, spec in figs.items():
        fs, measure, t = figure(text, spec, reg, other)
        touched = touched or t
        env[name] = value(fs, measure, wide, f)
    L = Iv.of(eval(lhs, {'__builtins__': {}}, env))
    R = Iv.of(eval(rhs, {'__builtins__': {}}, env))
    if op == '~':
        ok = L.lo <= R.hi + 1e-9 and R.lo <= L.hi + 1e-9
    elif op == '<=':
        ok = L.lo <= R.hi + 1e-9
    else:
        raise ValueError(op)
    return ok, touched, L, R


# ------------------------------------------------------------ the specs
# figure: 'text' | ('text', occurrence) | ('text', occurrence, 'measure') |
#         ('=', lo, hi, wide_lo, wide_hi) for a fixed constant.
# check:  (lhs, op, rhs, {name: figure});  '~' = intervals overlap,
#         '<=' = lhs can be at most rhs.
FANFAN = ('=', 1.95, 2.25, 1.9, 2.5)      # 翻番: 2 times
FAN2 = ('=', 3.9, 4.5, 3.8, 5.0)          # 翻两番: 4 times
PCT = '(n / w * 100)'
SPECS = {
    # ---------------------------------------------------------------- part
    'part-h01': [('p', '<=', 'w', {'p': '57.5万', 'w': '242.8万'})],
    'part-h02': [('p', '<=', 'w', {'p': '突破500亿', 'w': '超3000亿'})],
    'part-h03': [('p', '<=', 'w', {'p': '1项', 'w': '12个'})],
    'part-h04': [('p', '<=', 'w', {'p': '14 万', 'w': '16 万'})],
    'part-h05': [('2 * p', '<=', 'w', {'p': '70对', 'w': '1087人'})],
    'part-h06': [('p', '<=', 'w', {'p': '412件', 'w': '763件'}),
                 ('50', '<=', 'p / w * 100', {'p': '412件', 'w': '763件'})],
    'part-h07': [('p', '<=', 'w', {'p': '约9.4万', 'w': '128.6万'})],
    'part-h08': [('p + q', '<=', 'w', {'p': '６．２万', 'q': '约１．１万', 'w': ('２３．６万', 1)}),
                 ('w', '~', 'h', {'w': ('２３．６万', 1), 'h': ('２３．６万', 0)})],
    'part-h09': [('p', '<=', 'w', {'p': '12万', 'w': '18.5万'})],
    'part-h10': [('p', '<=', 'w', {'p': '2.36亿', 'w': '9.42亿'}),
                 ('p / w * 100', '~', 's', {'p': '2.36亿', 'w': '9.42亿', 's': '约四分之一'})],
    # ----------------------------------------------------------- breakdown
    'breakdown-h01': [('a + b + c + d', '~', 't', {'a': '163项', 'b': '251项', 'c': '138项',
                                                   'd': '142项', 't': '694项'})],
    'breakdown-h02': [('a + b', '~', 't', {'a': '9名', 'b': '5名', 't': '14人'})],
    'breakdown-h03': [('a + b + c', '~', 't', {'a': '5名', 'b': '6名', 'c': '292名', 't': '303名'})],
    'breakdown-h04': [('a + b + c', '~', 't', {'a': '4800PF', 'b': '228PF', 'c': '约8000PF',
                                               't': '突破1.3万'})],
    'breakdown-h05': [('a + b + c', '~', 't', {'a': '680万', 'b': '390万', 'c': '190万', 't': '1260万'})],
    'breakdown-h06': [('a + b', '~', 't', {'a': '一百二十六', 'b': '八十四', 't': '二百一十'})],
    'breakdown-h07': [('a + b + c', '~', 't', {'a': '７条', 'b': '３条', 'c': '２条', 't': '１２条'})],
    'breakdown-h08': [('a + b + c + d', '~', 't', {'a': '31.2亿', 'b': '4800万', 'c': '12.1亿',
                                                   'd': '4.82亿', 't': '48.6亿'})],
    'breakdown-h09': [('a + b + c + d', '~', 't', {'a': '1.12万', 'b': '3400余', 'c': '986件',
                                                   'd': '3210件', 't': '约1.88万'})],
    'breakdown-h10': [('a + b + c', '~', 't', {'a': '14260', 'b': '8150', 'c': '4590', 't': '2.7万'}),
                      ('a + b + c', '~', 'h', {'a': '14260', 'b': '8150', 'c': '4590', 'h': '２．７万'})],
    # -------------------------------------------------------------- shares
    'shares-h01': [('a + b', '~', 't', {'a': '12%以上', 'b': '83%', 't': '95%以上'})],
    'shares-h02': [('a + b', '~', '100', {'a': '63%', 'b': '37%'})],
    'shares-h03': [('a + b', '~', '100', {'a': '超40%', 'b': '约占58%'})],
    'shares-h04': [('a + b', '~', '100', {'a': '超75%', 'b': '约24%'})],
    'shares-h05': [('a + b + c', '~', '100', {'a': '百分之六十二', 'b': '百分之二十九', 'c': '百分之九'})],
    'shares-h06': [('a + b + c', '~', '100', {'a': '一半', 'b': '36.5%', 'c': '13.5%'})],
    'shares-h07': [('a + b + c', '~', 't', {'a': '46.7%', 'b': '23.5%', 'c': '12.2%', 't': '82.4%'})],
    'shares-h08': [('a + b + c', '~', 't', {'a': '21.6%', 'b': '18.3%', 'c': '9.7%', 't': '近五成'})],
    'shares-h09': [('a + b + c', '~', '100', {'a': '５４．２％', 'b': '１６．９％', 'c': '２８．９％'})],
    'shares-h10': [('a + b + c', '~', '100', {'a': '约占三分之二', 'b': '25.8%', 'c': '7.5%'})],
    # ---------------------------------------------------------------- rate
    'rate-h01': [(PCT, '~', 'r', {'n': '1209件', 'w': '1240件', 'r': '97.5%'})],
    'rate-h02': [(PCT, '~', 'r', {'n': '约924亿', 'w': '约1520亿', 'r': '60.8%'})],
    'rate-h03': [(PCT, '~', 'r', {'n': '8782亿', 'w': '11900亿', 'r': '73.8%'})],
    'rate-h04': [(PCT, '~', 'r', {'n': '约3860亿', 'w': '约1.06万亿', 'r': '36.4%'})],
    'rate-h05': [(PCT, '~', 'r', {'n': '2.61万', 'w': '3.6万', 'r': '超七成'})],
    'rate-h06': [(PCT, '~', 'r', {'n': '4382人', 'w': '7023人', 'r': '62.4%'})],
    'rate-h07': [(PCT, '~', 'r', {'n': '二百八十八', 'w': '三百六十', 'r': '百分之八十'})],
    'rate-h08': [(PCT, '~', 'r', {'n': '约1.2万', 'w': '5.46万', 'r': '22%左右'})],
    'rate-h09': [(PCT, '~', 'r', {'n': '42.3万', 'w': '46.8万', 'r': ('九成', 1)}),
                 (PCT, '~', 'h', {'n': '42.3万', 'w': '46.8万', 'h': ('九成', 0)})],
    'rate-h10': [(PCT, '~', 'r', {'n': '４１２人', 'w': '１２４８人', 'r': '３３．０％'})],
    # -------------------------------------------------------------- growth
    'growth-h01': [('(b / a - 1) * 100', '~', 'g', {'a': '27136元', 'b': '36439元', 'g': '34.3%'})],
    'growth-h02': [('cagr(a, b, y0, y1)', '~', 'g', {'a': '5.2万', 'b': '7.4万', 'y0': '2020',
                                                     'y1': '2025', 'g': '7.3%'})],
    'growth-h03': [('b - a', '~', 'd', {'a': '9.6年', 'b': '10.2年左右', 'd': '0.6年'})],
    'growth-h04': [('b - a', '~', 'd', {'a': '53.2%', 'b': '57.7%', 'd': '4.5个'})],
    'growth-h05': [('(1 - b / a) * 100', '~', 'g', {'a': '38.1微克', 'b': '36.2微克', 'g': '5%'})],
    'growth-h06': [('(b / a - 1) * 100', '~', 'g', {'a': '52.6万', 'b': '62.4万', 'g': '18.6%'})],
    'growth-h07': [('b / a', '~', 'k', {'a': '23.1亿', 'b': '46.8亿', 'k': FANFAN})],
    'growth-h08': [('(1 - b / a) * 100', '~', 'g', {'a': '4860元', 'b': '4130元', 'g': '15%'})],
    'growth-h09': [('b / a - 1', '~', 'm', {'a': '1.6万', 'b': '3.84万', 'm': '1.4倍'})],
    'growth-h10': [('(1 - b / a) * 100', '~', 'g', {'a': '172人', 'b': '150人', 'g': ('12.8%', 1)}),
                   ('(1 - b / a) * 100', '~', 'h', {'a': '172人', 'b': '150人', 'h': ('12.8%', 0)})],
    # ------------------------------------------------------------ per-unit
    'per-unit-h01': [('t / n', '~', 'x', {'t': '约139亿', 'n': '约1150万', 'x': ('1207元', 0, 'measure')})],
    'per-unit-h02': [('t / n * 1000', '~', 'x', {'t': '约22.3万', 'n': '约4650万', 'x': '4.8个'})],
    'per-unit-h03': [('t / n', '~', 'x', {'t': '406.8万', 'n': '403387', 'x': '约10.1元'})],
    'per-unit-h04': [('t / n', '~', 'x', {'t': '2322万', 'n': '3258户', 'x': '约0.71万'})],
    'per-unit-h05': [('t / n', '~', 'x', {'t': '约9600万', 'n': '9.6万', 'x': ('1000元', 0, 'measure')})],
    'per-unit-h06': [('t / n', '~', 'x', {'t': '三十六万', 'n': '一百二十', 'x': ('三千', 0, 'measure')})],
    'per-unit-h07': [('t / n', '~', 'x', {'t': '86.4万', 'n': '540人', 'x': ('1600人次', 0, 'measure')})],
    'per-unit-h08': [('t / n * 1000', '~', 'x', {'t': '1040人', 'n': '约38.5万', 'x': '2.7人'})],
    'per-unit-h09': [('t / n', '~', 'x', {'t': '7.33亿', 'n': '12.6万', 'x': ('5820元', 0, 'measure')})],
    'per-unit-h10': [('t / n', '~', 'x', {'t': '４．８６亿', 'n': '４６２人', 'x': '约１０５万'}),
                     ('h', '<=', 't / n', {'t': '４．８６亿', 'n': '４６２人', 'h': ('=', 1e6, 1e6, 1e6, 1e6)})],
    # ------------------------------------------------------------ multiple
    'multiple-h01': [('b / a - 1', '~', 'm', {'a': '7个', 'b': '21个', 'm': '两倍'})],
    'multiple-h02': [('b / a - 1', '~', 'm', {'a': '约48万', 'b': '超630万', 'm': '超12倍'})],
    'multiple-h03': [('b / a - 1', '~', 'm', {'a': '4.2万', 'b': '25.6万', 'm': '5.1倍'})],
    'multiple-h04': [('b / a - 1', '~', 'm', {'a': '86亿', 'b': '550亿', 'm': '5.4倍'})],
    'multiple-h05': [('b / a', '~', 'm', {'a': '3800万', 'b': '2.6亿', 'm': '近7倍'})],
    'multiple-h06': [('b / a', '~', 'm', {'a': '1.2万', 'b': '4.3万', 'm': '3.6倍'})],
    'multiple-h07': [('b / a - 1', '~', 'm', {'a': '八百', 'b': '四千', 'm': '四倍'})],
    'multiple-h08': [('b / a', '~', 'k', {'a': '58亿', 'b': '236亿', 'k': FAN2})],
    'multiple-h09': [('b / a', '~', 'm', {'a': '7000件', 'b': '1.68万', 'm': '2.4倍'})],
    'multiple-h10': [('b / a - 1', '~', 'm', {'a': '１８６０例', 'b': '５５８０例', 'm': ('２倍', 1)}),
                     ('b / a - 1', '~', 'h', {'a': '１８６０例', 'b': '５５８０例', 'h': ('２倍', 0)})],
    # --------------------------------------------------------- restatement
    'restatement-h01': [('a', '~', 'b', {'a': ('188.4 万', 0), 'b': ('188.4 万', 1)}),
                        ('c', '~', 'd', {'c': ('3.75 万', 0), 'd': ('3.75 万', 1)})],
    'restatement-h02': [('a', '~', 'b', {'a': ('3800 件', 0), 'b': ('3800 件', 1)})],
    'restatement-h03': [('a', '~', 'b', {'a': '突破2万亿', 'b': '23562亿'})],
    'restatement-h04': [('a', '~', 'b', {'a': '突破3万亿', 'b': '3.6万亿'}),
                        ('c', '~', 'd', {'c': '突破1万', 'd': '1.12万'})],
    'restatement-h05': [('a', '~', 'b', {'a': ('3.23亿', 0), 'b': ('3.23亿', 1)})],
    'restatement-h06': [('a', '~', 'b', {'a': '1.36亿', 'b': '13600万'})],
    'restatement-h07': [('a', '~', 'b', {'a': '近1.2万', 'b': '11840人'})],
    'restatement-h08': [('a', '~', 'b', {'a': '二千四百余', 'b': '2436件'})],
    'restatement-h09': [('a', '~', 'b', {'a': '3.5万', 'b': '35100人次'}),
                        ('b', '<=', 'c', {'b': '35100人次', 'c': '突破4.8万'})],
    'restatement-h10': [('a', '~', 'b', {'a': '约２．４亿', 'b': '２３９５０万'}),
                        ('c', '<=', 'b', {'c': '１８６０万', 'b': '２３９５０万'})],
    # -------------------------------------------------------------- silent
    'silent-h01': [('100', '<=', 'a', {'a': '118.2%'}), ('100', '<=', 'b', {'b': '248.57%'})],
    'silent-h02': [('p', '<=', 'a', {'a': '95%', 'p': '18.3个'}),
                   ('a - p', '<=', '100', {'a': '95%', 'p': '18.3个'})],
    'silent-h03': [('lo', '<=', 't', {'lo': '3.5%左右', 't': ('5%左右', 0)}),
                   ('t', '<=', 'hi', {'hi': '6%左右', 't': ('5%左右', 0)})],
    'silent-h04': [('a', '<=', 'b', {'a': '10.6%', 'b': '19.1%'})],
    'silent-h05': [('p', '<=', 'a', {'a': '55.7%', 'p': '4.7个'}),
                   ('q', '<=', 'b', {'b': '34%', 'q': '1.3个'}),
                   ('a', '<=', '100', {'a': '55.7%'})],
    'silent-h06': [('a', '<=', 'w', {'a': '2.31万', 'w': '4.86万'}),
                   ('b', '<=', 'w', {'b': '3.02万', 'w': '4.86万'}),
                   ('c', '<=', 'w', {'c': '1.27万', 'w': '4.86万'}),
                   ('w', '<=', 'a + b + c', {'a': '2.31万', 'b': '3.02万', 'c': '1.27万', 'w': '4.86万'})],
    'silent-h07': [('x / t * 100', '~', 'r', {'x': '9800人次', 't': ('=', 10000, 10000, 10000, 10000),
                                              'r': '98%'}),
                   ('x', '~', 't', {'x': '9800人次', 't': '近万'})],
    'silent-h08': [('y', '<=', 'c', {'y': '61.4万', 'c': '312.6万'}),
                   (PCT, '~', 'r', {'n': '98.2万', 'w': '312.6万', 'r': '31.4%'})],
    'silent-h09': [('100', '<=', 'a + b + c + d', {'a': '68.5%', 'b': '54.2%', 'c': '47.9%', 'd': '21.3%'})],
    'silent-h10': [('p', '<=', 'a', {'a': '71.4%', 'p': '0.9个'})],
    'silent-h11': [('100', '<=', 'c', {'c': '143%'}), ('b', '<=', 'a', {'a': '58%', 'b': '23%'})],
    'silent-h12': [('b / a', '~', 'k', {'a': '304家', 'b': '1216家', 'k': '4倍'}),
                   ('b / a - 1', '~', 'm', {'a': '304家', 'b': '1216家', 'm': '3倍'}),
                   ('n', '<=', 'b', {'n': '186家', 'b': '1216家'}),
                   ('h', '<=', 'b', {'h': '突破1200', 'b': '1216家'})],
}

# 增长N倍: wrong must also break the loose reading (N times the base)
LOOSE = {
    'growth-h09': [('b / a', '~', 'm', {'a': '1.6万', 'b': '3.84万', 'm': '1.4倍'})],
    'multiple-h01': [('b / a', '~', 'm', {'a': '7个', 'b': '21个', 'm': '两倍'})],
    'multiple-h02': [('b / a', '~', 'm', {'a': '约48万', 'b': '超630万', 'm': '超12倍'})],
    'multiple-h03': [('b / a', '~', 'm', {'a': '4.2万', 'b': '25.6万', 'm': '5.1倍'})],
    'multiple-h04': [('b / a', '~', 'm', {'a': '86亿', 'b': '550亿', 'm': '5.4倍'})],
    'multiple-h07': [('b / a', '~', 'm', {'a': '八百', 'b': '四千', 'm': '四倍'})],
    'multiple-h10': [('b / a', '~', 'm', {'a': '１８６０例', 'b': '５５８０例', 'm': ('２倍', 1)})],
}

# clauses added to real sentences (made up for the test; removed before the
# verbatim check)
ADDED = {
    'breakdown-h01': [',四类成果合计694项'],
    'breakdown-h02': [',受表彰者共14人'],
    'breakdown-h03': [',受表彰个人共303名'],
    'breakdown-h04': ['，通用算力约8000PF'],
    'shares-h01': ['、区内就业占83%'],
    'shares-h02': ['，煤电及其他电源装机占比37%'],
    'shares-h03': ['、普通品种销售约占58%'],
    'shares-h04': ['、非税收入占比约24%'],
    'rate-h01': ['（全年排查信访积案1240件，已化解1209件）'],
    'rate-h02': ['（全线进出口货值约1520亿元，其中云南企业约924亿元）'],
    'rate-h03': ['（民生支出8782亿元、一般公共预算支出11900亿元）'],
    'rate-h04': ['（全国对中亚五国贸易约1.06万亿元，新疆约3860亿元）'],
    'growth-h01': ['、累计增长34.3%'],
    'growth-h02': ['，年均增长7.3%'],
    'growth-h03': ['，五年提高0.6年'],
    'growth-h04': ['，提高4.5个百分点'],
    'growth-h05': ['（去年同期为38.1微克/立方米）'],
    'per-unit-h01': ['（全省农村常住人口约1150万人，收入合计增加约139亿元）'],
    'per-unit-h02': ['（全省托位约22.3万个、常住人口约4650万人）'],
    'per-unit-h03': [',平均每份早餐约10.1元'],
    'per-unit-h04': [',户均约0.71万元'],
    'per-unit-h05': ['（按在园幼儿9.6万人计，全年需安排资金约9600万元）'],
    'multiple-h01': ['，由7个增至21个'],
    'multiple-h02': ['（上年末约48万千瓦）'],
    'multiple-h03': ['（由4.2万辆增至25.6万辆）'],
    'multiple-h04': ['（由86亿元增至550亿元）'],
}


def norm(s):
    return re.sub(r'\s+', '', s)


def show(cid, label, chk, L, R, ok):
    if VERBOSE:
        print('%-16s %-7s %-34s %s %s %s' % (cid, label, chk[0] + ' ' + chk[1] + ' ' + chk[2], L, R, ok))


def main():
    data = {}
    for fam in FAMILIES:
        path = os.path.join(HERE, fam + '.yaml')
        with open(path, encoding='utf-8') as fh:
            doc = yaml.safe_load(fh)
        if doc.get('family') != fam:
            fail('%s.yaml: family field is %r' % (fam, doc.get('family')))
        data[fam] = doc.get('cases') or []

    seen, texts, n_real = set(), set(), {}
    for fam in FAMILIES:
        cases = data[fam]
        ids = ['%s-h%02d' % (fam, k) for k in range(1, COUNT[fam] + 1)]
        if [c.get('id') for c in cases] != ids:
            fail('%s: ids are %s, want %s..%s' % (fam, [c.get('id') for c in cases], ids[0], ids[-1]))
        for c in cases:
            cid = c.get('id')
            if cid in seen:
                fail('duplicate id %s' % cid)
            seen.add(cid)
            keys = {'id', 'source', 'correct', 'error'} | ({'wrong'} if fam != 'silent' else set())
            if set(c) != keys:
                fail('%s: fields %s, want %s' % (cid, sorted(c), sorted(keys)))
                continue
            if any(not isinstance(c[k], str) or not c[k].strip() for k in keys):
                fail('%s: an empty or non-string field' % cid)
                continue
            if '\n' in c['error'].strip():
                fail('%s: error is not one line' % cid)
            src = c['source']
            if src != 'written':
                n_real[fam] = n_real.get(fam, 0) + 1
                if not (src.startswith('corpus/gwr2026/') or src.startswith('seeds/')):
                    fail('%s: odd source %r' % (cid, src))
                elif not os.path.isfile(os.path.join(SHARED, src)):
                    fail('%s: source file missing: %s' % (cid, src))
            cor = c['correct'].rstrip('\n')
            if cor in texts:
                fail('%s: correct duplicates another case' % cid)
            texts.add(cor)
            check_case(fam, cid, c, cor)
    for fam in FAMILIES:
        if n_real.get(fam, 0) < MIN_REAL:
            fail('%s: only %d real-text cases' % (fam, n_real.get(fam, 0)))
    for cid in list(SPECS) + list(ADDED) + list(LOOSE):
        if cid not in seen:
            fail('spec for unknown id %s' % cid)
    return n_real


def check_case(fam, cid, c, cor):
    wro = c.get('wrong', '').rstrip('\n')
    reg = None
    if fam != 'silent':
        reg = diff(cor, wro)
        if reg is None:
            fail('%s: wrong == correct' % cid)
            return
        if not one_run(cor, wro, reg):
            p, ea, eb = reg
            fail('%s: change is not inside one numeral run: %r -> %r' % (cid, cor[p:ea], wro[p:eb]))
            return
    specs = SPECS.get(cid)
    if not specs:
        fail('%s: no relation spec' % cid)
        return
    try:
        for chk in specs:
            for wide in (False, True):
                ok, _, L, R = evaluate(chk, cor, wide, 1)
                show(cid, 'correct' + ('/w' if wide else ''), chk, L, R, ok)
                if not ok:
                    fail('%s: correct violates %s %s %s (%s): %s vs %s'
                         % (cid, chk[0], chk[1], chk[2], 'wide' if wide else 'tight', L, R))
        if fam != 'silent':
            broken = []
            for chk in specs:
                ok, touched, L, R = evaluate(chk, cor, True, 2, reg, wro)
                if touched:
                    show(cid, 'wrong', chk, L, R, ok)
                if touched and not ok:
                    broken.append(chk)
            if not broken:
                fail('%s: wrong is not shown to break a relation (wide, doubled)' % cid)
            for chk in LOOSE.get(cid, []):
                ok, touched, L, R = evaluate(chk, cor, True, 2, reg, wro)
                show(cid, 'loose', chk, L, R, ok)
                if ok:
                    fail('%s: wrong still fits the loose reading %s' % (cid, chk[0]))
    except (KeyError, AssertionError, ValueError, ZeroDivisionError) as e:
        fail('%s: %s' % (cid, e))
    # real text verbatim
    if c['source'] != 'written':
        t = cor
        for cl in ADDED.get(cid, []):
            if cl not in t:
                fail('%s: added clause %r not in correct' % (cid, cl))
            t = t.replace(cl, '', 1)
            if fam != 'silent' and cl not in wro:
                p = reg[0]
                k = cor.find(cl)
                if not (k <= p < k + len(cl)):
                    fail('%s: added clause %r not in wrong' % (cid, cl))
        with open(os.path.join(SHARED, c['source']), encoding='utf-8') as fh:
            src = norm(fh.read())
        for line in t.split('\n'):
            ln = norm(line)
            if ln.endswith('。'):
                ln = ln[:-1]
            if not ln or ln not in src:
                fail('%s: line not verbatim in %s: %s' % (cid, c['source'], line[:40]))
    elif cid in ADDED:
        fail('%s: added clauses listed for a written case' % cid)


if __name__ == '__main__':
    VERBOSE = '-v' in sys.argv
    n_real = main()
    if VERBOSE:
        print('real cases per family:', n_real)
    if FAILS:
        for m in FAILS:
            print('FAIL', m)
        print('%d problem(s)' % len(FAILS))
        sys.exit(1)
    print('all checks passed')
