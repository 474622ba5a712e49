#!/usr/bin/env python3
"""Independent checker for the held-out set in this folder.

For every case it
  1. checks that `correct` and `wrong` differ in exactly one figure
     (texts are split into figures and the non-figure skeleton; the
     skeletons must be identical and exactly one figure may differ);
  2. recomputes the relation from the figures of the correct text (must hold
     within the rounding of the stated precision) and of the wrong text
     (must fail beyond rounding); figures are read as intervals
     (value +- half a unit of the last stated digit, e.g. 3.75万 = 37450..37550);
  3. for real-text cases, checks that the correct text, after removing the
     clauses listed in `added` (derived figures written in by the set's
     author), is made of substrings of the source file (one per line).
Run:  python3 verify.py        (exit status 1 on any failure)
"""
import re, sys, glob, os, math
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR, ROUND_CEILING
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get('FIGCHECK_SHARED', os.path.join(HERE, '..', '..', '..', '..', 'shared'))  # ../shared beside the repository

# ---------------------------------------------------------------- figures
ARABIC = r'\d+(?:\.\d+)?(?:\s?(?:万亿|亿|万))?'
CHINESE = r'[零〇一二两三四五六七八九十百千万亿半]+'
TOKEN = re.compile(f'({ARABIC})|({CHINESE})')
CN_DIG = {'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4,
          '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
CN_UNIT = {'十': 10, '百': 100, '千': 1000}
CN_BIG = {'万': 10**4, '亿': 10**8}


def tokens(text):
    return [m.group(0) for m in TOKEN.finditer(text)]


def skeleton(text):
    return TOKEN.sub('\x00', text)


def cn_value(s):
    if s == '一半' or s == '半':
        return 0.5
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in CN_DIG:
            num = CN_DIG[ch]
        elif ch in CN_UNIT:
            section += (num or 1) * CN_UNIT[ch]
            num = 0
        elif ch in CN_BIG:
            section += num
            total += (section or 1) * CN_BIG[ch]
            section, num = 0, 0
    return total + section + num


class Fig:
    """A stated figure: value and the unit of its last stated digit."""
    def __init__(self, raw):
        self.raw = raw
        r = raw.replace(' ', '')
        m = re.fullmatch(r'(\d+)(?:\.(\d+))?(万亿|亿|万)?', r)
        if m:
            mult = {'万亿': 10**12, '亿': 10**8, '万': 10**4, None: 1}[m.group(3)]
            dec = len(m.group(2) or '')
            self.v = float(m.group(1) + ('.' + m.group(2) if m.group(2) else '')) * mult
            self.dec = dec
            # plain integers without 万/亿 are taken as exact counts
            self.unit = (10 ** -dec) * mult if (dec or mult > 1) else 0.0
            self.mult = mult
        else:
            self.v = float(cn_value(r))
            self.dec = 0
            self.unit = 0.0
            self.mult = 1

    def lo(self):
        return self.v - self.unit / 2

    def hi(self):
        return self.v + self.unit / 2


def pct(f):
    """a stated percentage (or percentage-point figure): an integer is +-0.5."""
    g = Fig(f.raw)
    if g.unit == 0:
        g.unit = 10.0 ** -g.dec
    return g


def pick(toks, ref):
    """index of token `ref` ('raw' or 'raw@n' = n-th occurrence)."""
    raw, n = (ref.rsplit('@', 1) + ['1'])[:2] if '@' in ref else (ref, '1')
    n = int(n)
    seen = 0
    for i, t in enumerate(toks):
        if t == raw:
            seen += 1
            if seen == n:
                return i
    raise KeyError(f'figure {ref!r} not found in {toks}')


def gap(a, b):
    """distance between intervals a=(lo,hi) and b=(lo,hi); 0 if they meet."""
    if a[1] < b[0]:
        return b[0] - a[1]
    if b[1] < a[0]:
        return a[0] - b[1]
    return 0.0


def div(a, b):
    return (a[0] / b[1], a[1] / b[0])


# ---------------------------------------------------------------- relations
# each returns (holds: bool, clear_failure: bool, message)

def r_part(F, part, whole):
    p, w = F[part], F[whole]
    holds = p.lo() <= w.hi()
    clear = p.lo() > w.hi() * 1.02
    return holds, clear, f'part {p.v:g} vs whole {w.v:g}'


def r_sum(F, total, *parts, margin_units=2):
    t = F[total]
    lo = sum(F[p].lo() for p in parts)
    hi = sum(F[p].hi() for p in parts)
    g = gap((lo, hi), (t.lo(), t.hi()))
    unit = max(t.unit, max(F[p].unit for p in parts), 1e-9)
    if all(F[p].unit == 0 for p in parts) and t.unit == 0:
        unit = 1
    return g == 0, g >= margin_units * unit, f'sum {lo:g}..{hi:g} vs total {t.v:g}'


def r_enum(F, total, items, text):
    for it in items:
        assert it in text, f'enumerated item {it} missing'
    n = len(items)
    return F[total].v == n, F[total].v != n, f'{n} items listed vs stated {F[total].v:g}'


def r_shares(F, *shares, scale=1.0, exact=False):
    vals = [F[s] if exact else pct(F[s]) for s in shares]
    if exact:   # 成 / 一半 shares with 其余: read as exact tenths; 一半 = 50%
        lo = hi = sum(50.0 if v.raw == '一半' else v.v * scale for v in vals)
    else:
        lo = sum(v.lo() for v in vals) * scale
        hi = sum(v.hi() for v in vals) * scale
    g = gap((lo, hi), (100, 100))
    return g == 0, g >= 2, f'shares sum {lo:g}..{hi:g}'


def band_cheng(x, qual):
    x = x * 10
    if qual == '近':
        return (x - 5, x - 1e-9)
    if qual == '以上':
        return (x, 100)
    return (x - 5, x + 5)


def r_rate(F, num, den, rate, cheng=None, num_lo_only=False):
    n, d = F[num], F[den]
    nlo, nhi = (n.v, d.hi()) if num_lo_only else (n.lo(), n.hi())
    implied = (nlo / d.hi() * 100, nhi / d.lo() * 100)
    if cheng:
        st = band_cheng(F[rate].v, cheng)
        margin = 2
    else:
        r = pct(F[rate])
        st = (r.lo(), r.hi())
        margin = max(2 * r.unit, 1.0)
    g = gap(implied, st)
    return g == 0, g >= margin, f'implied {implied[0]:.2f}..{implied[1]:.2f}% vs stated {st[0]:g}..{st[1]:g}'


def grim_values(n, d):
    q = Decimal(1).scaleb(-d)
    out = {'round': set(), 'any': set()}
    for k in range(n + 1):
        x = Decimal(k) * 100 / Decimal(n)
        r = x.quantize(q, ROUND_HALF_UP)
        out['round'].add(r)
        out['any'] |= {r, x.quantize(q, ROUND_FLOOR), x.quantize(q, ROUND_CEILING)}
    return out


def r_grim(F, base, pct):
    n = int(F[base].v)
    p = F[pct]
    assert n < 200, 'base must be small'
    val = Decimal(p.raw.replace(' ', ''))
    sets = grim_values(n, p.dec)
    ks = [k for k in range(n + 1)
          if (Decimal(k) * 100 / Decimal(n)).quantize(Decimal(1).scaleb(-p.dec), ROUND_HALF_UP) == val]
    holds = val in sets['round']
    clear = val not in sets['any']
    return holds, clear, f'{val}% of {n}: k={ks}'


def r_growth(F, a, b, pc, sign=+1):
    A, B, P = F[a], F[b], pct(F[pc])
    implied = ((B.lo() / A.hi() - 1) * 100, (B.hi() / A.lo() - 1) * 100)
    st = tuple(sorted((sign * P.lo(), sign * P.hi())))
    g = gap(implied, st)
    return g == 0, g >= max(2 * P.unit, 0.5), f'implied {implied[0]:.2f}..{implied[1]:.2f}% vs stated {st[0]:g}..{st[1]:g}'


def r_points(F, a, b, pts, sign=+1):
    A, B, P = pct(F[a]), pct(F[b]), pct(F[pts])
    implied = (B.lo() - A.hi(), B.hi() - A.lo())
    st = tuple(sorted((sign * P.lo(), sign * P.hi())))
    g = gap(implied, st)
    return g == 0, g >= max(2 * P.unit, 0.3), f'implied {implied[0]:.2f}..{implied[1]:.2f} pts vs stated {st[0]:g}..{st[1]:g}'


def r_multiple(F, a, b, n, kind='times'):
    A, B, N = F[a], F[b], F[n]
    ratio = (B.lo() / A.hi(), B.hi() / A.lo())
    if kind == 'fan':               # 翻N番 = 2**N times, +-10%
        t = 2 ** N.v
        st = (t * 0.9, t * 1.1)
        implied = ratio
    else:
        half = N.unit / 2 if N.unit else 0.5
        st = (N.v - half, N.v + half)
        implied = ratio if kind == 'times' else (ratio[0] - 1, ratio[1] - 1)
    g = gap(implied, st)
    return g == 0, g >= 0.1, f'{kind}: implied {implied[0]:.3f}..{implied[1]:.3f} vs stated {st[0]:g}..{st[1]:g}'


def r_per(F, total, count, avg, tol=None):
    T, C, M = F[total], F[count], F[avg]
    implied = div((T.lo(), T.hi()), (C.lo(), C.hi()) if C.unit else (C.v, C.v))
    h = tol if tol is not None else (M.unit / 2 if M.unit else 0.5)
    st = (M.v - h, M.v + h)
    g = gap(implied, st)
    return g == 0, g >= 0.03 * M.v, f'implied {implied[0]:.2f}..{implied[1]:.2f} vs stated {st[0]:g}..{st[1]:g}'


def r_restate(F, exact, other, mode='eq'):
    E, O = F[exact], F[other]
    if mode == 'eq':
        holds = E.v == O.v
        clear = not holds
    elif mode == 'round':     # exact figure rounds to the other's precision
        d = abs(E.v - O.v)
        holds = d <= O.unit / 2 + 1e-9
        clear = d > O.unit
    elif mode == 'over':      # 突破 / 超 O
        holds = E.v >= O.v
        clear = E.hi() < O.v
    elif mode == 'near':      # 近 O: a little below O
        holds = 0.9 * O.v <= E.v < O.v
        clear = E.v >= O.v * 1.05 or E.v < 0.85 * O.v
    return holds, clear, f'{mode}: {E.v:g} vs {O.v:g}'


def r_anniv(F, founded, year, n):
    d = F[year].v - F[founded].v
    return d == F[n].v, d != F[n].v, f'{F[year].v:g} - {F[founded].v:g} = {d:g} vs {F[n].v:g}'


REL = dict(part=r_part, sum=r_sum, enum=r_enum, shares=r_shares, rate=r_rate,
           grim=r_grim, growth=r_growth, points=r_points, multiple=r_multiple,
           per=r_per, restate=r_restate, anniv=r_anniv)

# ---------------------------------------------------------------- specs
# id: (relation, args, kwargs[, added-clauses for real-text cases])
S = {}
def spec(i, rel, *args, added=(), **kw):
    S[i] = (rel, args, kw, list(added))

# part
spec('part-x01', 'part', '162.5万', '688.3万')
spec('part-x02', 'part', '57.5万', '242.8万')
spec('part-x03', 'part', '7.65万', '39.87万')
spec('part-x04', 'part', '220万', '800万')
spec('part-x05', 'part', '43万', '148万')
spec('part-x06', 'part', '44734', '74017')
spec('part-x07', 'part', '14 万', '16 万')
spec('part-x08', 'part', '5200', '4.3万')
spec('part-x09', 'part', '127万', '386万')
spec('part-x10', 'part', '8600', '2.4万')
spec('part-x11', 'part', '3415', '9832')
spec('part-x12', 'part', '98.3亿', '412.6亿')
# breakdown
spec('breakdown-x01', 'sum', '28', '20', '8')
spec('breakdown-x02', 'sum', '21', '13', '8')
spec('breakdown-x03', 'enum', '五', ['深化产改', '劳模出彩', '维权服务', '法治化建设', '大抓基层'])
spec('breakdown-x04', 'sum', '694', '163', '251', '138', '142', added=[',合计694项'])
spec('breakdown-x05', 'enum', '8', ['册亨', '罗甸', '望谟', '三都', '贞丰', '榕江', '镇宁', '关岭'])
spec('breakdown-x06', 'sum', '69', '34', '15', '20', added=[',各类法律服务人员共69人'])
spec('breakdown-x07', 'sum', '120', '38', '82')
spec('breakdown-x08', 'sum', '6180', '1860', '4320')
spec('breakdown-x09', 'sum', '3754', '1236', '418', '2100')
spec('breakdown-x10', 'sum', '386万', '214万', '97万', '75万')
spec('breakdown-x11', 'sum', '1.26万亿', '7850亿', '4750亿')
spec('breakdown-x12', 'sum', '8640.5万', '8612.3万', '28.2万')
# shares
spec('shares-x01', 'shares', '8.3', '41.4', '50.3')
spec('shares-x02', 'shares', '8.7', '41.2', '50.1')   # the earlier structure
spec('shares-x03', 'shares', '97.2', '2.8', added=['，国有、集体等其他经营主体占2.8%'])
spec('shares-x04', 'shares', '60.8', '39.2', added=['，其余39.2%来自省外及境外企业'])
spec('shares-x05', 'shares', '58.5', '41.5')
spec('shares-x06', 'shares', '54.3', '45.7')
spec('shares-x07', 'shares', '42', '39', '19')
spec('shares-x08', 'shares', '62.4', '28.1', '9.5')
spec('shares-x09', 'shares', '七', '三', scale=10, exact=True)
spec('shares-x10', 'shares', '76.8', '23.2')
spec('shares-x11', 'shares', '31.6', '27.9', '40.5')
spec('shares-x12', 'shares', '一半', '三', '两', scale=10, exact=True)   # 一半 read as 5 (成)
# rate
spec('rate-x01', 'rate', '4091万', '9157万', '44.7')
spec('rate-x02', 'rate', '44734', '74017', '60.4', added=[',占比60.4%'])
spec('rate-x03', 'rate', '82', '173', '47.4', added=['，获国家层面认可的比例为47.4%'])
spec('rate-x04', 'rate', '14 万', '16 万', '87.5', added=['，实施率87.5%'])
spec('rate-x05', 'rate', '110万', '162.6万', '七', cheng='近', num_lo_only=True, added=['、占比近七成'])
spec('rate-x06', 'rate', '7180', '8650', '83')
spec('rate-x07', 'rate', '378', '412', '九', cheng='以上')
spec('rate-x08', 'rate', '30718', '32046', '95.9')
spec('rate-x09', 'rate', '1134', '1260', '90')
spec('rate-x10', 'rate', '1680', '2150', '八', cheng='近')
spec('rate-x11', 'rate', '3645万', '4860万', '75')
spec('rate-x12', 'rate', '298', '326', '91.4')
# grim
spec('grim-x01', 'grim', '74', '100')
spec('grim-x02', 'grim', '22', '100')
spec('grim-x03', 'grim', '17', '88.2')
spec('grim-x04', 'grim', '38', '92.1')
spec('grim-x05', 'grim', '46', '87')
spec('grim-x06', 'grim', '62', '96.8')
spec('grim-x07', 'grim', '29', '41.4')
spec('grim-x08', 'grim', '135', '34.1')
spec('grim-x09', 'grim', '14', '42.9')
spec('grim-x10', 'grim', '186', '27.42')
spec('grim-x11', 'grim', '41', '95.1')
spec('grim-x12', 'grim', '12', '58.3')
# growth
spec('growth-x01', 'growth', '3.68万亿', '4.93万亿', '34', added=['、增长34%'])
spec('growth-x02', 'growth', '3826.5亿', '4398.6亿', '15', added=['，增幅15%'])
spec('growth-x03', 'growth', '729万', '732万', '0.4', added=['、增长0.4%'])
spec('growth-x04', 'growth', '51', '33', '35.3', sign=-1, added=['、减少35.3%'])
spec('growth-x05', 'growth', '0.94万', '1.55万', '65', added=['、增长65%'])
spec('growth-x06', 'growth', '16935', '23184', '36.9', added=['，分别增长26.4%和36.9%'])
spec('growth-x07', 'growth', '312', '386', '23.7')
spec('growth-x08', 'growth', '2600万', '2860万', '10')
spec('growth-x09', 'growth', '341', '287', '15.8', sign=-1)
spec('growth-x10', 'growth', '468', '412', '12', sign=-1)
spec('growth-x11', 'growth', '4.97亿', '5.82亿', '17.1')
spec('growth-x12', 'growth', '11260', '16380', '45.5')
# points
spec('points-x01', 'points', '26.7', '52.1', '25.4', added=['、提高25.4个百分点'])
spec('points-x02', 'points', '53.2', '57.7', '4.5', added=['，提高4.5个百分点'])
spec('points-x03', 'points', '47.6', '73.4', '25.8', added=['、提高25.8个百分点'])
spec('points-x04', 'points', '21', '74', '53', added=['，提高53个百分点'])
spec('points-x05', 'points', '17.9', '35.5', '17.6', added=['、提高17.6个百分点'])
spec('points-x06', 'points', '5.3', '4.9', '0.4', sign=-1)
spec('points-x07', 'points', '32.6', '28.9', '3.7', sign=-1)
spec('points-x08', 'points', '8.2', '6.5', '1.7', sign=-1)
spec('points-x09', 'points', '82.3', '88.5', '6.2')
spec('points-x10', 'points', '84.3', '87.4', '3.1')
spec('points-x11', 'points', '76.5', '81.2', '4.7')
spec('points-x12', 'points', '53', '47', '6', sign=-1)
# multiple
spec('multiple-x01', 'multiple', '3800万', '8000万', '2.1', added=['、是原来的2.1倍'])
spec('multiple-x02', 'multiple', '380', '1000', '1.6', kind='inc', added=['、增长1.6倍'])
spec('multiple-x03', 'multiple', '98', '178', '1.8', added=['，是原来的1.8倍'])
spec('multiple-x04', 'multiple', '4318', '7226', '1.7', added=['，农村低保标准是2020年的1.7倍'])
spec('multiple-x05', 'multiple', '324万', '486万', '1.5')
spec('multiple-x06', 'multiple', '3200', '25600', '7', kind='inc')
spec('multiple-x07', 'multiple', '64', '131', '一', kind='fan')
spec('multiple-x08', 'multiple', '36亿', '145亿', '两', kind='fan')
spec('multiple-x09', 'multiple', '1.8万', '5.4万', '3')
spec('multiple-x10', 'multiple', '0.8亿', '2.6亿', '2.25', kind='inc')
spec('multiple-x11', 'multiple', '32亿', '128亿', '4')
# multiple-x12: 实现翻番 has no numeral; checked by check_doubling() as a ratio of about 2
spec('multiple-x12', 'multiple', '3.3万', '6.8万', None)
# per-unit
spec('per-unit-x01', 'per', '35.08亿', '32.48万', '1.08万', added=[',人均约1.08万元'])
spec('per-unit-x02', 'per', '2322万', '3258', '7127', added=[',户均7127元'])
spec('per-unit-x03', 'per', '428.6万', '7508', '571', added=[',人均约571元'])
spec('per-unit-x04', 'per', '5.9万', '13', '4500', tol=50, added=[',每人约4500元'])
spec('per-unit-x05', 'per', '7500', '98', '77', added=[',平均每期约77人'])
spec('per-unit-x06', 'per', '406.8万', '403387', '10', added=[',次均约10元'])
spec('per-unit-x07', 'per', '83.9亿', '86.5万', '9700', tol=50, added=['，人均消费约9700元'])
spec('per-unit-x08', 'per', '2.24万', '56', '400')
spec('per-unit-x09', 'per', '55.8万', '186', '3000')
spec('per-unit-x10', 'per', '62.3万', '134', '4650', tol=5)
spec('per-unit-x11', 'per', '48万', '160', '3000')
spec('per-unit-x12', 'per', '5888万', '4.6万', '1280')
# restatement
spec('restatement-x01', 'restate', '3800@2', '3800@1')
spec('restatement-x02', 'restate', '188.4 万@2', '188.4 万@1')
spec('restatement-x03', 'restate', '65.9万@2', '65.9万@1')
spec('restatement-x04', 'restate', '92.1@2', '92.1@1')
spec('restatement-x05', 'restate', '20793', '2万', mode='over')
spec('restatement-x06', 'restate', '3.6万亿', '3万亿', mode='over')
spec('restatement-x07', 'restate', '1086万', '千万', mode='over')
spec('restatement-x08', 'restate', '34816', '3.5万', mode='round')
spec('restatement-x09', 'restate', '9826', '万', mode='near')
spec('restatement-x10', 'restate', '86@2', '86@1')
spec('restatement-x11', 'restate', '92.6@2', '92.6@1')
spec('restatement-x12', 'restate', '2.27亿', '2.3亿', mode='round')
# anniversary
spec('anniversary-x01', 'anniv', '1955', '2025', '70', added=['新疆维吾尔自治区于1955年10月1日成立。'])
spec('anniversary-x02', 'anniv', '1927', '2013', '86', added=['郑州市总工会成立于1927年。', '二七纪念塔'])
spec('anniversary-x03', 'anniv', '1925', '2025', '100', added=['中华全国总工会成立于1925年5月1日。'])
spec('anniversary-x04', 'anniv', '1921', '2021', '100', added=['中国共产党成立于1921年。'])
spec('anniversary-x05', 'anniv', '1955', '2025', '70')
spec('anniversary-x06', 'anniv', '1924', '2024', '百')
spec('anniversary-x07', 'anniv', '1949', '2024', '75')
spec('anniversary-x08', 'anniv', '1956', '2026', '七十')
spec('anniversary-x09', 'anniv', '1985', '2025', '40')
spec('anniversary-x10', 'anniv', '1949', '2024', '75')
spec('anniversary-x11', 'anniv', '2003', '2023', '20')
spec('anniversary-x12', 'anniv', '1958', '2018', '60')
# silent: relations that must HOLD in these texts (no wrong version)
SILENT_HOLDS = {
    'silent-x08': [('part', ('1.2万', '2.1万')), ('part', ('1.4万', '2.1万')), ('part', ('6300', '2.1万'))],
    'silent-x10': [('part', ('9200', '1.1万'))],
    'silent-x13': [('restate', ('28640', '3万'), {'mode': 'near'})],
    'silent-x14': [('growth', ('3.8亿', '8.84亿', '132.6'))],
    'silent-x15': [('part', ('46', '120')), ('part', ('210', '860'))],
}


def check_doubling(F):
    """multiple-x12: 实现翻番 (no numeral) = about 2 times."""
    A, B = F['3.3万'], F['6.8万']
    ratio = (B.lo() / A.hi(), B.hi() / A.lo())
    g = gap(ratio, (1.8, 2.2))
    return g == 0, g >= 0.1, f'ratio {ratio[0]:.3f}..{ratio[1]:.3f} vs 翻番 1.8..2.2'


def evaluate(case_id, text, ref_text):
    """evaluate case relation on `text`, locating figures by their position in ref_text."""
    rel, args, kw, _ = S[case_id]
    ref_toks, toks = tokens(ref_text), tokens(text)
    F = {}
    def grab(ref):
        F[ref] = Fig(toks[pick(ref_toks, ref)])
    for a in args:
        if isinstance(a, str):
            if rel == 'enum' and a is args[1]:
                continue
            grab(a)
    if rel == 'enum':
        return r_enum(F, args[0], args[1], text)
    return REL[rel](F, *args, **kw)


def source_check(case, added):
    src = case['source']
    if src == 'written':
        return True, 'written'
    path = os.path.join(SHARED, src)
    body = open(path, encoding='utf-8').read()
    text = case['correct']
    for a in added:
        if a not in text:
            return False, f'added clause {a!r} not in text'
        text = text.replace(a, '')
    bad = []
    for line in [l.strip() for l in text.strip().split('\n') if l.strip()]:
        if line in body or line[:-1] in body:
            continue
        bad.append(line)
    return (not bad), ('ok' if not bad else f'not in source: {bad}')


def main():
    fails = 0
    counts = {}
    for f in sorted(glob.glob(os.path.join(HERE, '*.yaml'))):
        data = yaml.safe_load(open(f, encoding='utf-8'))
        fam = data['family']
        assert os.path.basename(f) == fam + '.yaml', f
        for c in data['cases']:
            cid = c['id']
            real = c['source'] != 'written'
            counts.setdefault(fam, [0, 0])[0 if real else 1] += 1
            msgs = []
            ok = True
            added = S.get(cid, (None, None, None, []))[3]
            sok, smsg = source_check(c, added)
            ok &= sok
            msgs.append('source ' + smsg + (f' (+{len(added)} added clause)' if added else ''))
            if fam == 'silent':
                assert 'wrong' not in c
                for item in SILENT_HOLDS.get(cid, []):
                    rel, refs = item[0], item[1]
                    kw = item[2] if len(item) > 2 else {}
                    toks = tokens(c['correct'])
                    F = {r: Fig(toks[pick(toks, r)]) for r in refs}
                    h, _, m = REL[rel](F, *refs, **kw)
                    ok &= h
                    msgs.append(('holds ' if h else 'BROKEN ') + m)
            else:
                tc, tw = tokens(c['correct']), tokens(c['wrong'])
                same_skel = skeleton(c['correct']) == skeleton(c['wrong'])
                ndiff = sum(1 for a, b in zip(tc, tw) if a != b) if len(tc) == len(tw) else -1
                if not same_skel or ndiff != 1:
                    ok = False
                    msgs.append(f'DIFF PROBLEM skeleton_equal={same_skel} figures_changed={ndiff}')
                else:
                    i = [k for k in range(len(tc)) if tc[k] != tw[k]][0]
                    msgs.append(f'changed {tc[i]!r} -> {tw[i]!r}')
                if cid == 'multiple-x12':
                    Fc = {r: Fig(tokens(c['correct'])[pick(tc, r)]) for r in ('3.3万', '6.8万')}
                    Fw = {r: Fig(tw[pick(tc, r)]) for r in ('3.3万', '6.8万')}
                    hc, _, mc = check_doubling(Fc)
                    hw, cw, mw = check_doubling(Fw)
                else:
                    hc, _, mc = evaluate(cid, c['correct'], c['correct'])
                    hw, cw, mw = evaluate(cid, c['wrong'], c['correct'])
                if not hc:
                    ok = False
                msgs.append(('correct holds: ' if hc else 'CORRECT FAILS: ') + mc)
                if hw or not cw:
                    ok = False
                    msgs.append(('WRONG HOLDS: ' if hw else 'WRONG NOT CLEAR: ') + mw)
                else:
                    msgs.append('wrong fails clearly: ' + mw)
            print(('PASS ' if ok else 'FAIL ') + cid + ' | ' + ' | '.join(msgs))
            fails += not ok
    print()
    tot = [0, 0]
    for fam, (r, w) in counts.items():
        print(f'{fam:12s} {r + w:3d} cases  real {r:2d}  written {w:2d}')
        tot[0] += r; tot[1] += w
    print(f'{"total":12s} {sum(tot):3d} cases  real {tot[0]:2d}  written {tot[1]:2d}')
    print('FAILURES:', fails)
    sys.exit(1 if fails else 0)


if __name__ == '__main__':
    main()
