#!/usr/bin/env python3
"""Self-check for the heldout7 relation cases (adapted from heldout6's verify_h.py).

Run `python3 verify_k.py` (PyYAML needed); it ends with `all checks passed`.
`-v` also prints every interval it computes.

What is checked
  * format: a `family` field per file, ids family-k01.. in order, 8 pairs per
    family and 12 silent texts, exact field set (silent has no `wrong`),
    non-empty one-line `error`, source files that exist, at least 3 real cases
    per family and 4 real silent texts, no duplicate `correct` texts;
  * one figure changed: `correct` and `wrong` differ only inside one run of
    digits / Chinese numerals (the same run in both), nothing else differs;
  * relations: each case has a hand-written spec in SPECS, evaluated with
    interval arithmetic.  `correct` must satisfy every check in the tight
    reading and in the wide reading.  `wrong` must violate at least one check
    that uses the changed figure, in the wide reading with tolerances doubled.
    Silent texts: the arithmetic that is in them must hold;
  * grim: for a ('grim', ...) check, some whole count k of the n cases must
    give the stated percentage at its printed precision in `correct`, and no
    k may give it in `wrong` (the changed figure must be n or the percentage);
  * multiple (增长N倍): the wrong text must also break the loose reading
    (N times the base instead of N+1), listed in LOOSE;
  * real text: with the ADDED clauses removed, every line of `correct`
    (whitespace ignored, one final 。 ignored) is a verbatim substring of its
    source file; a line that is wholly an added clause (a made-up headline) is
    skipped; each added clause also appears in `wrong` unless the change is
    inside it.

Intervals for a printed figure x whose last digit has place value u
  * plain whole-number count (Arabic or Chinese numerals, no 万/亿, no %, no
    qualifier, not 倍 or 个百分点, not flagged 'measure'): exact;
  * anything else: x +- u/2;
  * 超/超过/突破/逾/以上/余/多: [x, x+u];  近/接近/将近: [x-u, x];  约/左右: x +- u;
  * X成 (also 两成): 10X% +- 5 points (超X成 [10X, 10X+10], 近X成 [10X-5, 10X]);
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
    sys.exit('PyYAML is required for verify_k.py')

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = '/work/shared'
FAMILIES = ['part', 'breakdown', 'shares', 'rate', 'growth', 'points', 'per-unit',
            'multiple', 'restatement', 'grim', 'silent']
COUNT = {f: 8 for f in FAMILIES}
COUNT['silent'] = 12
MIN_REAL = {f: 3 for f in FAMILIES}
MIN_REAL['silent'] = 4
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
    elif re.match('[一二两三四五六七八九]成', s):
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
                      and '倍' not in rest[:1] and not rest.startswith('个百分点'))
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


def grim_check(check, text, reg=None, other=None):
    """(attainable, touched, detail): can some whole k of n cases give p?"""
    _, figs = check
    fn, _, tn = figure(text, figs['n'], reg, other)
    fp, _, tp = figure(text, figs['p'], reg, other)
    dn, dp = parse(fn), parse(fp)
    if not dn['count']:
        raise ValueError('grim base %r is not a plain count' % fn)
    if dp['kind'] != 'pct':
        raise ValueError('grim figure %r is not a percentage' % fp)
    n, p, h = int(dn['v']), dp['v'], dp['ut'] / 2
    ks = [k for k in range(n + 1) if abs(100.0 * k / n - p) <= h + 1e-9]
    return bool(ks), tn or tp, 'n=%d p=%s+-%g k=%s' % (n, p, h, ks)


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
#         ('grim', {'n': base count, 'p': percentage}): some whole count k of
#         the n cases gives p at its printed precision.
FANFAN = ('=', 1.95, 2.25, 1.9, 2.5)      # 翻番 / 翻一番: 2 times
FAN2 = ('=', 3.9, 4.5, 3.8, 5.0)          # 翻两番: 4 times
PCT = '(n / w * 100)'
SPECS = {
    # ---------------------------------------------------------------- part
    'part-k01': [('p', '<=', 'w', {'p': '1380处', 'w': '2400余处'})],
    'part-k02': [('p', '<=', 'w', {'p': '654个', 'w': '1002个'})],
    'part-k03': [('p', '<=', 'w', {'p': '486个', 'w': '1213个'})],
    'part-k04': [('p', '<=', 'w', {'p': '1012件', 'w': '1286件'}),
                 ('q', '<=', 'w', {'q': '47件', 'w': '1286件'})],
    'part-k05': [('p', '<=', 'w', {'p': '一万二千余', 'w': '近九万'})],
    'part-k06': [('p', '<=', 'w', {'p': '34.6亿', 'w': '86.4亿'}),
                 ('p / w * 100', '~', 'r', {'p': '34.6亿', 'w': '86.4亿', 'r': '五分之二'})],
    'part-k07': [('p', '<=', 'w', {'p': '１６０８家', 'w': '２８６０家'}),
                 ('q', '<=', 'w', {'q': '４１２家', 'w': '２８６０家'})],
    'part-k08': [('p', '<=', 'w', {'p': '6420万', 'w': '1.86亿'})],
    # ----------------------------------------------------------- breakdown
    'breakdown-k01': [('a + b', '~', 't', {'a': '46场', 'b': '124场', 't': '170场'})],
    'breakdown-k02': [('a + b', '~', 't', {'a': '3500万', 'b': '2300万', 't': '5800万'})],
    'breakdown-k03': [('a + b', '~', 't', {'a': '3个', 'b': '15个', 't': '18处'})],
    'breakdown-k04': [('a + b + c', '~', 't', {'a': '七十八万', 'b': '三十万', 'c': '十八万',
                                               't': '一百二十六万'})],
    'breakdown-k05': [('a + b + c', '~', 't', {'a': '12.4万', 'b': '8.7万', 'c': '5.6万', 't': '26.7万'})],
    'breakdown-k06': [('a + b + c', '~', 't', {'a': '26410件', 'b': '4120件', 'c': '8070件',
                                               't': '3.8万多'})],
    'breakdown-k07': [('a + b + c', '~', 't', {'a': '2.1万', 'b': '1.8万', 'c': '1.3万', 't': '5.2万'}),
                      ('h', '<=', 't', {'h': '超5万', 't': '5.2万'})],
    'breakdown-k08': [('a + b', '~', 't', {'a': '1.6亿', 'b': '7500万', 't': '2.35亿'})],
    # -------------------------------------------------------------- shares
    'shares-k01': [('a + b', '~', '100', {'a': '超过55%', 'b': '44.6%'})],
    'shares-k02': [('a + b + c', '~', '100', {'a': '58.8%', 'b': '6.7%', 'c': '34.5%'})],
    'shares-k03': [('a + b', '~', '100', {'a': '约65%', 'b': '约占35%'})],
    'shares-k04': [('a + b', '~', '100', {'a': '46.8%', 'b': '53.2%'})],
    'shares-k05': [('a + b', '~', '100', {'a': '百分之六十二', 'b': '百分之三十八'})],
    'shares-k06': [('a + b', '~', 'c', {'a': '54.6%', 'b': '28.9%', 'c': '83.5%'})],
    'shares-k07': [('a + b + c', '~', '100', {'a': '约占一半', 'b': '占三成', 'c': '占两成'})],
    'shares-k08': [('a + b + c', '~', '100', {'a': '４１．２％', 'b': '４６．５％', 'c': '１２．３％'})],
    # ---------------------------------------------------------------- rate
    'rate-k01': [(PCT, '~', 'r', {'n': '4620万', 'w': '突破8000万', 'r': '56.2%'})],
    'rate-k02': [(PCT, '~', 'r', {'n': '约1720亿', 'w': '约7950亿', 'r': '超20%'})],
    'rate-k03': [(PCT, '~', 'r', {'n': '1530万', 'w': '1860万', 'r': '超80%'})],
    'rate-k04': [(PCT, '~', 'r', {'n': '3187批次', 'w': '3260批次', 'r': '97.8%'})],
    'rate-k05': [(PCT, '~', 'r', {'n': '一百五十三', 'w': '一百八十六', 'r': '百分之八十二'})],
    'rate-k06': [(PCT, '~', 'r', {'n': '331个', 'w': '412个', 'r': '八成'})],
    'rate-k07': [(PCT, '~', 'r', {'n': '38600万', 'w': '4.6亿', 'r': '约84%'})],
    'rate-k08': [(PCT, '~', 'r', {'n': '23.9万', 'w': '24.8万', 'r': '96.5%'})],
    # -------------------------------------------------------------- growth
    'growth-k01': [('(b / a - 1) * 100', '~', 'g', {'a': '3033.3亿', 'b': '3172.8亿', 'g': '4.6%'})],
    'growth-k02': [('b - a', '~', 'd', {'a': '75.2岁', 'b': '76.8岁左右', 'd': '1.6岁'})],
    'growth-k03': [('(b / a - 1) * 100', '~', 'g', {'a': '约7850亿', 'b': '8400亿', 'g': '7%左右'})],
    'growth-k04': [('(1 - b / a) * 100', '~', 'g', {'a': '5550件', 'b': '4862件', 'g': '12.4%'})],
    'growth-k05': [('b - a', '~', 'd', {'a': '55.5万', 'b': '58.7万', 'd': '3.2万'})],
    'growth-k06': [('b - a', '~', 'd', {'a': '二十万五千', 'b': '二十四万六千', 'd': '四万一千'})],
    'growth-k07': [('(1 - b / a) * 100', '~', 'g', {'a': '1284起', 'b': '1026起', 'g': '20.1%'})],
    'growth-k08': [('(b / a - 1) * 100', '~', 'g', {'a': '17240亿', 'b': '1.82万亿', 'g': '5.6%'})],
    # -------------------------------------------------------------- points
    'points-k01': [('b - a', '~', 'd', {'a': '47.30%', 'b': '48.73%', 'd': '1.43个'})],
    'points-k02': [('b - a', '~', 'd', {'a': '52.3%', 'b': '60.3%', 'd': '8个百分点'})],
    'points-k03': [('b - a', '~', 'd', {'a': '57.6%', 'b': '65.6%', 'd': '8个百分点'})],
    'points-k04': [('a - b', '~', 'd', {'a': '22.0%', 'b': '18.6%', 'd': '3.4个'})],
    'points-k05': [('b - a', '~', 'd', {'a': '３１．４％', 'b': '３６．９％', 'd': '５．５个'})],
    'points-k06': [('a - b', '~', 'd', {'a': '2.4%', 'b': '0.8%', 'd': '1.6个'})],
    'points-k07': [('b - a', '~', 'd', {'a': '52.5%', 'b': '57.3%', 'd': '4.8个'})],
    'points-k08': [('a + b', '~', 'd', {'a': '1.9%', 'b': '3.8%', 'd': '5.7个'})],   # b is a fall
    # ------------------------------------------------------------ per-unit
    'per-unit-k01': [('t / n', '~', 'x', {'t': '约7950亿', 'n': '1046万', 'x': '7.6万'})],
    'per-unit-k02': [('t / n', '~', 'x', {'t': '约21万', 'n': '2187个', 'x': '约96户'})],
    'per-unit-k03': [('t / n', '~', 'x', {'t': '7612万', 'n': '1396万', 'x': '约5.5元'})],
    'per-unit-k04': [('t / n * 10000', '~', 'x', {'t': '9860人', 'n': '312万', 'x': '31.6人'})],
    'per-unit-k05': [('t / n', '~', 'x', {'t': '十八万三千', 'n': '十五', 'x': '一万二千二百'})],
    'per-unit-k06': [('t / n', '~', 'x', {'t': '1.26亿', 'n': '4.2万', 'x': ('3000元', 0, 'measure')}),
                     ('h', '<=', 't', {'h': '逾1.2亿', 't': '1.26亿'})],
    'per-unit-k07': [('t / n', '~', 'x', {'t': '926.4万', 'n': '386名', 'x': '2.4万'})],
    'per-unit-k08': [('t / n', '~', 'x', {'t': '11.04亿', 'n': '38.6万', 'x': '2860元'})],
    # ------------------------------------------------------------ multiple
    'multiple-k01': [('b / a - 1', '~', 'm', {'a': '1420家', 'b': '5960家', 'm': '3.2倍'})],
    'multiple-k02': [('b / a', '~', 'k', {'a': '4.6件', 'b': '9.8件', 'k': FANFAN})],
    'multiple-k03': [('b / a - 1', '~', 'm', {'a': '3.1万', 'b': '93.4万', 'm': '29倍'})],
    'multiple-k04': [('b / a - 1', '~', 'm', {'a': '三亿', 'b': '十二亿', 'm': '三倍'})],
    'multiple-k05': [('b / a', '~', 'm', {'a': '8600万', 'b': '2.86亿', 'm': '3.3倍'})],
    'multiple-k06': [('b / a', '~', 'k', {'a': '1.24万', 'b': '2.53万', 'k': FANFAN})],
    'multiple-k07': [('b / a - 1', '~', 'm', {'a': '3200人', 'b': '8000人', 'm': '1.5倍'})],
    'multiple-k08': [('b / a', '~', 'k', {'a': '０．８６亿', 'b': '３．５１亿', 'k': FAN2})],
    # --------------------------------------------------------- restatement
    'restatement-k01': [('a', '~', 'b', {'a': '突破1万亿', 'b': '1.19万亿'})],
    'restatement-k02': [('a', '~', 'b', {'a': '接近5700亿', 'b': '5696亿'})],
    'restatement-k03': [('b', '~', 'a', {'a': '1350亿斤以上', 'b': '1350.97亿'})],
    'restatement-k04': [('a', '~', 'b', {'a': '一千二百', 'b': '1200名'})],
    'restatement-k05': [('a', '~', 'b', {'a': '3.5万', 'b': '35214名'})],
    'restatement-k06': [('a', '~', 'b', {'a': '近3000家', 'b': '2968家'})],
    'restatement-k07': [('a', '~', 'b', {'a': '4.3亿', 'b': '43200万'})],
    'restatement-k08': [('a', '~', 'b', {'a': ('86.3%', 0), 'b': ('86.3%', 1)}),
                        ('d / 365 * 100', '~', 'b', {'d': '315天', 'b': ('86.3%', 1)})],
    # ---------------------------------------------------------------- grim
    'grim-k01': [('grim', {'n': '200名', 'p': '63.5%'})],
    'grim-k02': [('grim', {'n': '68名', 'p': '76.5%'})],
    'grim-k03': [('grim', {'n': '118个', 'p': '72.9%'})],
    'grim-k04': [('grim', {'n': '13个', 'p': '61.5%'})],
    'grim-k05': [('grim', {'n': '23位', 'p': '47.8%'}), ('grim', {'n': '23位', 'p': '39.1%'})],
    'grim-k06': [('grim', {'n': '三十七', 'p': '百分之八十一'})],
    'grim-k07': [('grim', {'n': '１９件', 'p': '５７．９％'})],
    'grim-k08': [('grim', {'n': '41名', 'p': '92.7%'})],
    # -------------------------------------------------------------- silent
    'silent-k01': [('a', '<=', 'b', {'a': '22.89万', 'b': '124.27万'}),
                   ('c', '<=', 'b', {'c': '21万', 'b': '124.27万'})],
    'silent-k02': [('t', '<=', 'a', {'t': '436亿斤以上', 'a': '446.1亿'})],
    'silent-k03': [('a', '<=', 'b', {'a': '突破1万亿', 'b': '1.4万亿'}),
                   ('a', '~', 'b', {'a': '突破1万亿', 'b': '1.4万亿'})],
    'silent-k04': [('a', '<=', 'c', {'a': '15.1%', 'c': '48.9%'}),
                   ('b', '<=', 'd', {'b': '17%', 'd': '54.3%'})],
    'silent-k05': [('a', '<=', 'w', {'a': '1.9万', 'w': '3.2万'}),
                   ('b', '<=', 'w', {'b': '1.5万', 'w': '3.2万'}),
                   ('c', '<=', 'w', {'c': '2.1万', 'w': '3.2万'}),
                   ('w', '<=', 'a + b + c', {'a': '1.9万', 'b': '1.5万', 'c': '2.1万', 'w': '3.2万'})],
    'silent-k06': [('b - a', '~', 'd', {'a': '61.3%', 'b': '62.4%', 'd': '1.1个'}),
                   ('(b / a - 1) * 100', '~', 'r', {'a': '61.3%', 'b': '62.4%', 'r': '1.8%'})],
    'silent-k07': [(PCT, '~', 'r', {'n': '1386户', 'w': '1200户', 'r': '115.5%'}),
                   ('w', '<=', 'n', {'n': '1386户', 'w': '1200户'})],
    'silent-k08': [('100', '<=', 'a + b + c', {'a': '68.3%', 'b': '57.9%', 'c': '31.6%'})],
    'silent-k09': [('c', '<=', 'a', {'a': '6.2%', 'c': '5.4%'})],
    'silent-k10': [('c', '<=', 'p', {'c': '86.4亿', 'p': '1283.6亿'}),
                   (PCT, '~', 'r', {'n': '86.4亿', 'w': '1283.6亿', 'r': '6.7%'}),
                   ('g', '<=', 'h', {'g': '2.1%', 'h': '3.8%'})],
    'silent-k11': [('a', '<=', 'b', {'a': '18.6%', 'b': '34.2%'}),
                   ('100', '<=', 'a + b + c', {'a': '18.6%', 'b': '34.2%', 'c': '61.5%'})],
    'silent-k12': [('b / a - 1', '~', 'm', {'a': '20.7亿', 'b': '51.8亿', 'm': '1.5倍'}),
                   ('h', '<=', 'b', {'h': '突破50亿', 'b': '51.8亿'})],
}

# 增长N倍: wrong must also break the loose reading (N times the base)
LOOSE = {
    'multiple-k01': [('b / a', '~', 'm', {'a': '1420家', 'b': '5960家', 'm': '3.2倍'})],
    'multiple-k03': [('b / a', '~', 'm', {'a': '3.1万', 'b': '93.4万', 'm': '29倍'})],
    'multiple-k04': [('b / a', '~', 'm', {'a': '三亿', 'b': '十二亿', 'm': '三倍'})],
    'multiple-k07': [('b / a', '~', 'm', {'a': '3200人', 'b': '8000人', 'm': '1.5倍'})],
}

# clauses added to real sentences (made up for the test; removed before the
# verbatim check).  A clause may also be a whole line (a made-up headline).
ADDED = {
    'part-k01': ['（其中长春市1380处）'],
    'part-k02': ['，当年完工654个'],
    'part-k03': [',其中“八大群体”建会入会项目486个'],
    'breakdown-k01': [',其中西安市46场、其余10个市(区)124场'],
    'breakdown-k02': ['，合计5800万人次'],
    'breakdown-k03': ['，共计18处'],
    'shares-k01': ['，煤电等其他装机占比降至44.6%'],
    'shares-k02': ['，第一产业、第二产业增加值占比分别为6.7%、34.5%'],
    'shares-k03': ['，其他农业增加值约占35%'],
    'rate-k01': ['（其中风光水等可再生能源装机4620万千瓦）'],
    'rate-k02': ['（三亚经济圈生产总值约1720亿元，全省约7950亿元）'],
    'rate-k03': ['（全年新建建筑面积1860万平方米，其中装配式建筑1530万平方米）'],
    'growth-k01': ['（上年为3033.3亿元）'],
    'growth-k02': ['，五年提高1.6岁'],
    'growth-k03': ['（上年约7850亿元）'],
    'points-k01': ['由47.30%提高到48.73%、'],
    'points-k02': ['（由52.3%提高到60.3%）'],
    'points-k03': ['，目前保有率为65.6%，2020年为57.6%'],
    'per-unit-k01': ['（按全省生产总值约7950亿元、常住人口1046万人计算）'],
    'per-unit-k02': ['，平均每个小区约96户'],
    'per-unit-k03': [',平均每份早餐约5.5元'],
    'multiple-k01': ['（由2020年的1420家增至5960家）'],
    'multiple-k02': ['（由4.6件增至9.8件）'],
    'multiple-k03': ['（由2020年的3.1万辆增至93.4万辆）'],
    'restatement-k02': ['宁夏经济总量接近5700亿元'],
    'restatement-k03': ['，稳定在1350亿斤以上'],
    'grim-k01': [',其中女性医护人员占63.5%'],
    'grim-k02': [',省劳模和先进工作者中一线职工占76.5%'],
    'grim-k03': ['，试点村中已通过竣工验收的占72.9%'],
    'grim-k04': ['，其中本科层次占61.5%'],
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
        ids = ['%s-k%02d' % (fam, k) for k in range(1, COUNT[fam] + 1)]
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
        if n_real.get(fam, 0) < MIN_REAL[fam]:
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
        grims = [chk for chk in specs if chk[0] == 'grim']
        specs = [chk for chk in specs if chk[0] != 'grim']
        for chk in grims:
            ok, _, det = grim_check(chk, cor)
            if VERBOSE:
                print('%-16s %-7s grim %s %s' % (cid, 'correct', det, ok))
            if not ok:
                fail('%s: correct percentage is not attainable (%s)' % (cid, det))
        if grims and fam != 'silent':
            broken = []
            for chk in grims:
                ok, touched, det = grim_check(chk, cor, reg, wro)
                if touched and VERBOSE:
                    print('%-16s %-7s grim %s %s' % (cid, 'wrong', det, ok))
                if touched and not ok:
                    broken.append(chk)
            if not broken:
                fail('%s: wrong percentage is still attainable' % cid)
        if fam == 'grim' and not grims:
            fail('%s: a grim case needs a grim check' % cid)
        for chk in specs:
            for wide in (False, True):
                ok, _, L, R = evaluate(chk, cor, wide, 1)
                show(cid, 'correct' + ('/w' if wide else ''), chk, L, R, ok)
                if not ok:
                    fail('%s: correct violates %s %s %s (%s): %s vs %s'
                         % (cid, chk[0], chk[1], chk[2], 'wide' if wide else 'tight', L, R))
        if fam != 'silent' and specs:
            broken = []
            for chk in specs:
                ok, touched, L, R = evaluate(chk, cor, True, 2, reg, wro)
                if touched:
                    show(cid, 'wrong', chk, L, R, ok)
                if touched and not ok:
                    broken.append(chk)
            if not broken:
                fail('%s: wrong is not shown to break a relation (wide, doubled)' % cid)
            if re.search('增长了?[0-9０-９.．' + CN + ']+倍', cor) and cid not in LOOSE:
                fail('%s: a 增长N倍 case without a LOOSE check' % cid)
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
        headlines = set()
        for cl in ADDED.get(cid, []):
            if cl not in t:
                fail('%s: added clause %r not in correct' % (cid, cl))
            if fam != 'silent' and cl not in wro:
                p = reg[0]
                k = cor.find(cl)
                if not (k <= p < k + len(cl)):
                    fail('%s: added clause %r not in wrong' % (cid, cl))
            if cl in cor.split('\n'):     # a whole made-up line (headline)
                headlines.add(cl)
                continue
            t = t.replace(cl, '', 1)
        with open(os.path.join(SHARED, c['source']), encoding='utf-8') as fh:
            src = norm(fh.read())
        for line in t.split('\n'):
            if line in headlines:
                continue
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
