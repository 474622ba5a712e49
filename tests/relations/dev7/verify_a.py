#!/usr/bin/env python3
"""Checks for the dev7 writer-A files: multiple.yaml, per-unit.yaml, shares.yaml,
part.yaml, silent.yaml (ids *-v01 ...).

Standard library + PyYAML.  Run:  python3 verify_a.py   -> ends with "all checks passed".

What is checked
  * format: family names, ids, counts, fields, sources;
  * correct vs wrong differ in exactly one run of digits / Chinese numerals;
  * every relation listed in SPECS below holds in `correct` within rounding
    ("strict" reading, tolerance x1) and fails in `wrong` with the tolerance doubled
    ("loose" reading, see below); silent texts: their relations hold;
  * real-text cases: with the clauses in ADDED removed, `correct` is a verbatim
    substring of its source (whitespace and a final 。 ignored).

Interval of a printed figure x (u = unit of its last printed digit, times its 万/亿 scale)
  plain whole number count (no 万/亿, no %, no qualifier, not a derived figure) : exact
  any other figure                   : x +- u/2
  超/超过/突破/逾 before, 余/多 after  : [x, x+u]
  近/接近 before                       : [x-u, x]
  约/约占 before, 左右 after            : [x-u, x+u]
  X成                                  : X*10% +- 5 points   (近X成: [X*10-10, X*10] %)
  fraction (三分之一, 一半)            : value +- 0.5 points
  翻番 / 翻N番                          : 2**N +- 5 %
"Doubled": the half-width of each interval is doubled around its centre.
"Loose" (used for `wrong` only, to make the failure robust): a whole number written with
trailing zeros (4500, 六百, 50余) is read with u = the place of its last non-zero digit,
so 4500 may be anything in 4450..4550 before doubling, and such a count is not exact.
Derived figures (the rate, multiple or per-unit value in a ratio relation) are never exact.
"""
import math
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("PyYAML is needed")

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = "/work/shared"
FAMILIES = {"multiple": 12, "per-unit": 12, "shares": 12, "part": 12}
SILENT_N = 6
MIN_REAL = 4

# --------------------------------------------------------------------------- numbers
FW = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
CN_D = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
        "六": 6, "七": 7, "八": 8, "九": 9}
CN_U = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN = "零〇一二两三四五六七八九十百千万亿"
SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "万亿": 1e12}


def cn_int(s):
    """Chinese integer -> (value, place of its last digit)."""
    total, section, digit, place = 0, 0, None, 1
    for ch in s:
        if ch in CN_D:
            digit = CN_D[ch]
            place = 1
        elif ch in CN_U:
            unit = CN_U[ch]
            section += (1 if digit is None else digit) * unit
            digit = None
            place = unit
        elif ch in CN_BIG:
            big = CN_BIG[ch]
            section += digit or 0
            total += section * big
            section, digit = 0, None
            place = place * big
    section += digit or 0
    total += section
    # a bare digit after 零 or at the end sits at the units place
    return total, place


def cn_num(s):
    """Chinese number possibly with 点 -> (value, unit)."""
    if "点" in s:
        a, b = s.split("点", 1)
        iv, _ = cn_int(a) if a else (0, 1)
        frac = "".join(str(CN_D[c]) for c in b)
        return iv + float("0." + frac), 10 ** -len(frac)
    return cn_int(s)


class Fig:
    def __init__(self, start, end, text, value, kind, u, u_loose, exact, exact_loose, qual):
        self.start, self.end, self.text = start, end, text
        self.value, self.kind = value, kind
        self.u, self.u_loose = u, u_loose
        self.exact, self.exact_loose = exact, exact_loose
        self.qual = qual

    def __repr__(self):
        return "Fig(%r=%g %s q=%s u=%g)" % (self.text, self.value, self.kind, self.qual, self.u)

    def interval(self, loose=False, factor=1.0, derived=False):
        v = self.value
        u = self.u_loose if loose else self.u
        exact = (self.exact_loose if loose else self.exact) and not derived
        if self.kind == "cheng":
            if self.qual == "near":
                lo, hi = v - 10, v
            elif self.qual == "over":
                lo, hi = v, v + 10
            else:
                lo, hi = v - 5, v + 5
        elif self.kind == "frac":
            lo, hi = v - 0.5, v + 0.5
        elif self.kind == "fan":
            lo, hi = v * 0.95, v * 1.05
        elif self.qual == "over":
            lo, hi = v, v + u
        elif self.qual == "near":
            lo, hi = v - u, v
        elif self.qual == "about":
            lo, hi = v - u, v + u
        elif exact:
            lo, hi = v, v
        else:
            lo, hi = v - u / 2, v + u / 2
        c, h = (lo + hi) / 2, (hi - lo) / 2 * factor
        return (c - h, c + h)


NUM_RE = re.compile(
    r"(?P<pctcn>百分之(?P<pcn>[" + CN + r"]+(?:点[零〇一二三四五六七八九]+)?))"
    r"|(?P<frac>(?P<fden>[0-9]+|[" + CN + r"]+)分之(?P<fnum>[0-9]+|[" + CN + r"]+))"
    r"|(?P<half>一半|半数)"
    r"|(?P<fan>翻(?:了)?(?P<fann>[一两二三四])?番)"
    r"|(?P<ar>(?P<ad>[0-9]+(?:\.[0-9]+)?)(?P<aq1>余|多)?(?P<asc>万亿|亿|万|千)?(?P<aq2>余|多)?)"
    r"|(?P<cn>(?P<cd>[" + CN + r"]+(?:点[零〇一二三四五六七八九]+)?)(?P<cq>余|多)?)"
)

PRE_OVER = ("超过", "突破", "超", "逾")
PRE_NEAR = ("接近", "近")
PRE_ABOUT = ("约占", "约为", "约有", "约")


def pre_qual(text, s):
    head = text[:s]
    for w in PRE_OVER:
        if head.endswith(w):
            return "over"
    for w in PRE_NEAR:
        if head.endswith(w):
            return "near"
    for w in PRE_ABOUT:
        if head.endswith(w):
            return "about"
    return None


def trailing_zero_place(digits):
    n = len(digits) - len(digits.rstrip("0"))
    if n == len(digits):
        return 1
    return 10 ** n


def parse_figures(text):
    t = text.translate(FW)
    figs = []
    for m in NUM_RE.finditer(t):
        s, e = m.start(), m.end()
        if m.group("frac"):
            den = m.group("fden")
            num = m.group("fnum")
            dv = int(den) if den.isdigit() else cn_int(den)[0]
            nv = int(num) if num.isdigit() else cn_int(num)[0]
            if dv == 0:
                continue
            figs.append(Fig(s, e, m.group(0), nv / dv * 100, "frac", 0, 0, False, False, None))
            continue
        if m.group("pctcn"):
            s = m.start("pcn")
            v, u = cn_num(m.group("pcn"))
            figs.append(Fig(s, e, m.group("pcn"), v, "pct", u, u, False, False, pre_qual(t, m.start())))
            continue
        if m.group("half"):
            figs.append(Fig(s, e, m.group(0), 50.0, "frac", 0, 0, False, False, None))
            continue
        if m.group("fan"):
            n = m.group("fann")
            n = 1 if n is None else cn_int(n)[0]
            figs.append(Fig(s, e, m.group(0), 2.0 ** n, "fan", 0, 0, False, False, None))
            continue
        rest = t[e:e + 6]
        if m.group("ar"):
            d = m.group("ad")
            sc = SCALE.get(m.group("asc") or "", 1.0)
            if "." in d:
                dec = len(d.split(".")[1])
                u = 10 ** -dec
                ul = u
            else:
                u = 1
                ul = trailing_zero_place(d)
            value = float(d)
            post = m.group("aq1") or m.group("aq2")
            txt = m.group(0)
        else:
            d = m.group("cd")
            value, place = cn_num(d)
            u = ul = place
            sc = 1.0
            post = m.group("cq")
            txt = m.group(0)
            # Chinese numerals followed by 万/亿 inside the run are handled by cn_int
        kind = "num"
        if rest.startswith("%"):
            kind = "pct"
        elif rest.startswith("成") and not rest.startswith(("成功", "成立", "成员", "成本", "成为", "成果")):
            kind = "cheng"
            value = value * 10
        elif rest.startswith("倍"):
            kind = "times"
            if rest[1:2] == "多":
                post = "多"
        qual = pre_qual(t, s)
        if post in ("余", "多"):
            qual = "over"
        # 左右 within a few characters after the figure
        tail = t[e:e + 5]
        if "左右" in tail and re.match(r"^[^，。；、,;]{0,3}左右", tail):
            qual = "about"
        if qual in ("over", "near", "about"):
            # a qualified round number: u is the place of its last non-zero digit
            pass
        plain = (kind == "num" and qual is None and sc == 1.0 and "." not in d)
        exact = plain
        exact_loose = plain and ul == 1
        figs.append(Fig(s, e, txt, value * sc, kind, u * sc, ul * sc, exact, exact_loose, qual))
    return figs


# --------------------------------------------------------------------------- specs
# References are snippets of the `correct` text that begin with the figure; the same figure
# position is used in `wrong`.  Relations:
#   ("ratio", C, A, B, k, off)  C = k*A/B + off   (A or B may be a tuple of snippets: summed)
#   ("sum", (parts...), total)   sum(parts) = total (total a snippet or a number)
#   ("le", part, whole)          part <= whole
#   ("between", x, lo, hi)       lo <= x <= hi
R = "ratio"
SPECS = {
    # multiple
    "multiple-v01": [(R, "2.5倍", "1798万余元", "713万余元", 1, 0)],
    "multiple-v02": [(R, "5倍多", "61.8亿元", "12.18亿元", 1, 0)],
    "multiple-v03": [(R, "1.65倍", "1.55万家", "0.94万家", 1, 0)],
    "multiple-v04": [(R, "1.3倍", "16家", "7家", 1, -1)],
    "multiple-v05": [(R, "1.4倍", "658公斤", "470公斤", 1, 0)],
    "multiple-v06": [(R, "3倍多", "42.6万人次", "10.3万人次", 1, -1)],
    "multiple-v07": [(R, "7.5倍", "2.7亿元", "3600万元", 1, 0)],
    "multiple-v08": [(R, "三倍", "一千八百余人", "六百人", 1, 0)],
    "multiple-v09": [(R, "翻番", "186万标箱", "91万标箱", 1, 0)],
    "multiple-v10": [(R, "2.8倍", "1.26万台次", "4500台次", 1, 0)],
    "multiple-v11": [(R, "2.08倍", "41268元", "19875元", 1, 0)],
    "multiple-v12": [(R, "1.5倍", "７８１件", "３１２件", 1, -1)],
    # per-unit
    "per-unit-v01": [(R, "6.6万元", "210万元", "32名", 1, 0)],
    "per-unit-v02": [(R, "1.08万元", "35.08亿元", "32.48万职工", 1, 0)],
    "per-unit-v03": [(R, "7127元", "2322万元", "3258户", 1, 0)],
    "per-unit-v04": [(R, "50余人", "188.4万人", "3.75万家", 1, 0)],
    "per-unit-v05": [(R, "612公斤", "7528吨", "1.23万亩", 1000, 0)],
    "per-unit-v06": [(R, "320元", "59.52万元", "1860名", 1, 0)],
    "per-unit-v07": [(R, "240名", "一万一千余人", "46所", 1, 0)],
    "per-unit-v08": [(R, "3.4人", "9741人", "286.5万人", 1000, 0)],
    "per-unit-v09": [(R, "40.3万人次", "1.47亿人次", "365天", 1, 0)],
    "per-unit-v10": [(R, "142万元", "58.6亿元", "4120人", 1, 0)],
    "per-unit-v11": [(R, "386元", "1.06亿元", "27.4万人次", 1, 0)],
    "per-unit-v12": [(R, "2.0万元", "2186万元", ("412户", "386户", "295户"), 1, 0)],
    # shares
    "shares-v01": [("sum", ("8.3∶", "41.4∶", "50.3。"), 100)],
    "shares-v02": [("sum", ("8.7∶", "41.2∶", "50.1调"), 100), ("sum", ("7.4∶", "39.6∶", "53。"), 100)],
    "shares-v03": [("sum", ("97.2%", "2.8%"), 100)],
    "shares-v04": [("sum", ("30.6%", "12.7%"), "43.3%")],
    "shares-v05": [("sum", ("62.4%", "三成", "8.3%"), 100)],
    "shares-v06": [("sum", ("一半", "三分之一", "16.7%"), 100)],
    "shares-v07": [("sum", ("38.5%", "52.6%", "8.9%"), 100)],
    "shares-v08": [("sum", ("31.6%", "44.2%", "24.2%"), 100)],
    "shares-v09": [("sum", ("六成", "27.3%", "12.5%"), 100)],
    "shares-v10": [("sum", ("51.7%", "34.7%"), "86.4%")],
    "shares-v11": [("sum", ("46.3%", "38.9%", "14.8%"), 100)],
    "shares-v12": [("sum", ("七十二点四", "十一点三", "十六点三"), 100)],
    # part
    "part-v01": [("le", "162.5万户", "688.3万户")],
    "part-v02": [("le", "7.65万人次", "39.87万人次")],
    "part-v03": [("le", "110万辆", "162.6万辆")],
    "part-v04": [("le", "44734人", "74017人")],
    "part-v05": [("le", "1.38万人", "4.2万人"), ("le", "4.16万人", "4.2万人")],
    "part-v06": [("le", "8600万元", "1.2亿元")],
    "part-v07": [("le", "一百零八人", "三百一十二人"), ("le", "四十五人", "三百一十二人")],
    "part-v08": [("le", "1.52万台", "2.87万台")],
    "part-v09": [("le", "317件", "351件")],
    "part-v10": [("le", "176.3万人次", "518.6万人次"), ("le", "2.1万人次", "518.6万人次")],
    "part-v11": [("le", "２１７户", "４６０户")],
    "part-v12": [("le", "18.2%", "78.6%"), ("le", "15.9%", "78.6%")],
    # silent: the arithmetic that is really there
    "silent-v01": [(R, "113.7%", "6.82万人", "6万人", 100, 0)],
    "silent-v02": [(R, "3倍", "3450万件", "860万件", 1, -1)],
    "silent-v03": [("le", "683人", "1200名"), ("le", "756人", "1200名")],
    "silent-v04": [("sum", ("58.1%", "41.9%"), 100), ("le", "63.4%", 100)],
    "silent-v05": [(R, "3000元", "115.8万元", "386户", 1, 0)],
    "silent-v06": [("between", "32816元", "19860元", "41520元")],
}

# clauses added to real text (removed before the verbatim check)
ADDED = {
    "multiple-v01": ["，相当于工会投入的2.5倍"],
    "multiple-v02": ["，是专项帮扶资金的5倍多"],
    "multiple-v03": ["，数量达到五年前的1.65倍"],
    "multiple-v04": ["，增长了1.3倍"],
    "per-unit-v01": ["，摊到每人约6.6万元"],
    "per-unit-v02": ["，人均追回1.08万元"],
    "per-unit-v03": ["，户均7127元"],
    "per-unit-v04": ["，平均每家基层工会有会员50余人"],
    "shares-v01": [],
    "shares-v02": [],
    "shares-v03": ["，国有、集体、外资等其他经营主体合计占2.8%"],
    "shares-v04": ["，其中水电占30.6%，风电、光伏合计占12.7%"],
    "part-v01": [],
    "part-v02": [],
    "part-v03": [],
    "part-v04": [],
}


# --------------------------------------------------------------------------- helpers
FAILS = []


def fail(msg):
    FAILS.append(msg)
    print("FAIL:", msg)


def locate(text, figs, snippet, cid):
    t = text.translate(FW)
    sn = snippet.translate(FW)
    n = t.count(sn)
    if n != 1:
        raise ValueError("%s: snippet %r occurs %d times" % (cid, snippet, n))
    p = t.index(sn)
    for i, f in enumerate(figs):
        if f.start == p:
            return i
    raise ValueError("%s: no figure starts at snippet %r (%s)" % (cid, snippet, figs))


def resolve(ref, text, figs, cid):
    """-> list of figure indexes, or a constant."""
    if isinstance(ref, (int, float)):
        return ("const", float(ref))
    if isinstance(ref, tuple):
        return ("sum", [locate(text, figs, r, cid) for r in ref])
    return ("sum", [locate(text, figs, ref, cid)])


def ival(res, figs, loose, factor, derived=False):
    kind, v = res
    if kind == "const":
        return (v, v)
    lo = hi = 0.0
    for i in v:
        a, b = figs[i].interval(loose, factor, derived)
        lo += a
        hi += b
    return (lo, hi)


def overlap(a, b, eps=1e-9):
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def relation_holds(rel, figs, idx, loose, factor):
    kind = rel[0]
    if kind == "ratio":
        c = ival(idx[0], figs, loose, factor, derived=True)
        a = ival(idx[1], figs, loose, factor)
        b = ival(idx[2], figs, loose, factor)
        k, off = rel[4], rel[5]
        assert a[0] > 0 and b[0] > 0, "non-positive interval"
        comp = (k * a[0] / b[1] + off, k * a[1] / b[0] + off)
        return overlap(c, comp), (c, comp)
    if kind == "sum":
        s = ival(idx[0], figs, loose, factor)
        t = ival(idx[1], figs, loose, factor)
        return overlap(s, t), (s, t)
    if kind == "le":
        p = ival(idx[0], figs, loose, factor)
        w = ival(idx[1], figs, loose, factor)
        return p[0] <= w[1] + 1e-9, (p, w)
    if kind == "between":
        x = ival(idx[0], figs, loose, factor)
        lo = ival(idx[1], figs, loose, factor)
        hi = ival(idx[2], figs, loose, factor)
        return lo[0] <= x[1] and x[0] <= hi[1], (x, lo, hi)
    raise ValueError(kind)


RUN_RE = re.compile(r"([0-9０-９]+(?:[.．][0-9０-９]+)*|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)")


def one_run_differs(a, b):
    sa, sb = RUN_RE.split(a), RUN_RE.split(b)
    if len(sa) != len(sb):
        return False, "different number of numeric runs"
    diffs = []
    for i, (x, y) in enumerate(zip(sa, sb)):
        if x != y:
            if i % 2 == 0:
                return False, "non-numeric text differs: %r vs %r" % (x, y)
            diffs.append((x, y))
    if len(diffs) != 1:
        return False, "%d numeric runs differ" % len(diffs)
    return True, diffs[0]


def norm(s):
    s = re.sub(r"\s+", "", s)
    return s.rstrip("。")


_SRC = {}


def source_text(path):
    if path not in _SRC:
        with open(os.path.join(SHARED, path), encoding="utf-8") as fh:
            _SRC[path] = re.sub(r"\s+", "", fh.read())
    return _SRC[path]


# --------------------------------------------------------------------------- checks
def check_case(fam, case, silent=False):
    cid = case.get("id")
    need = ["id", "source", "correct", "error"] + ([] if silent else ["wrong"])
    for k in need:
        if not isinstance(case.get(k), str) or not case[k].strip():
            fail("%s: field %s missing or empty" % (cid, k))
            return
    extra = set(case) - set(need)
    if extra:
        fail("%s: unexpected fields %s" % (cid, sorted(extra)))
    src = case["source"]
    if src != "written":
        if not (src.startswith("corpus/gwr2026/") or src.startswith("seeds/")):
            fail("%s: bad source %s" % (cid, src))
        elif not os.path.isfile(os.path.join(SHARED, src)):
            fail("%s: source file missing %s" % (cid, src))
        else:
            txt = case["correct"]
            for cl in ADDED.get(cid, []):
                if txt.count(cl) != 1:
                    fail("%s: added clause %r not found exactly once" % (cid, cl))
                txt = txt.replace(cl, "", 1)
            if cid not in ADDED:
                fail("%s: real case without ADDED entry" % cid)
            if norm(txt) not in source_text(src):
                fail("%s: correct (minus added clauses) is not verbatim in %s" % (cid, src))
    if cid not in SPECS:
        fail("%s: no relation spec" % cid)
        return
    cor = case["correct"]
    fc = parse_figures(cor)
    try:
        idxs = [[resolve(r, cor, fc, cid) for r in rel[1:4 if rel[0] == "ratio" else None]]
                for rel in SPECS[cid]]
    except ValueError as e:
        fail(str(e))
        return
    for rel, idx in zip(SPECS[cid], idxs):
        ok, info = relation_holds(rel, fc, idx, loose=False, factor=1.0)
        if not ok:
            fail("%s: relation %s does not hold in correct: %s" % (cid, rel, info))
    if silent:
        return
    wr = case["wrong"]
    ok, info = one_run_differs(cor, wr)
    if not ok:
        fail("%s: correct/wrong differ wrongly: %s" % (cid, info))
        return
    fw = parse_figures(wr)
    if len(fw) != len(fc):
        fail("%s: figure count differs (%d vs %d)" % (cid, len(fc), len(fw)))
        return
    broken = []
    for rel, idx in zip(SPECS[cid], idxs):
        ok, info = relation_holds(rel, fw, idx, loose=True, factor=2.0)
        if not ok:
            broken.append((rel, info))
    if not broken:
        fail("%s: no relation fails in wrong (doubled, loose tolerance)" % cid)
    if "-v" in cid and os.environ.get("VERBOSE"):
        for rel, info in broken:
            print("  %s broken: %s  %s" % (cid, rel[0], info))


def main():
    ncases = 0
    seen = set()
    for fam, n in list(FAMILIES.items()) + [("silent", SILENT_N)]:
        path = os.path.join(HERE, fam + ".yaml")
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        if data.get("family") != fam:
            fail("%s: family field is %r" % (path, data.get("family")))
        cases = data.get("cases") or []
        ids = [c.get("id") for c in cases]
        want = ["%s-v%02d" % (fam, i) for i in range(1, n + 1)]
        if ids != want:
            fail("%s: ids %s, want %s" % (fam, ids, want))
        if fam != "silent":
            real = sum(1 for c in cases if c.get("source") != "written")
            if real < MIN_REAL:
                fail("%s: only %d real-text cases" % (fam, real))
            if len(cases) - real != n - MIN_REAL:
                fail("%s: %d written cases, want %d" % (fam, len(cases) - real, n - MIN_REAL))
        for c in cases:
            if c.get("id") in seen:
                fail("duplicate id %s" % c.get("id"))
            seen.add(c.get("id"))
            check_case(fam, c, silent=(fam == "silent"))
            ncases += 1
    extra = set(SPECS) - seen
    if extra:
        fail("specs without cases: %s" % sorted(extra))
    if FAILS:
        print("%d problem(s)" % len(FAILS))
        sys.exit(1)
    print("%d cases checked" % ncases)
    print("all checks passed")


if __name__ == "__main__":
    main()
