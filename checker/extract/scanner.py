"""Finding figures in normalized text: one compiled pattern, then interval semantics.

The pattern does the scanning in C; Python only runs per match. Each alternative is a form a
figure takes in Chinese reporting; the order of alternatives is the order of precedence at one
position (a date before a year, a phone number before a range).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from checker.extract.numerals import (
    CAPITAL_CHARS, CN_DIGITS, CN_NUMERAL_CHARS, DIGIT_VALUE, SCALE, NotANumeral, arabic, chinese,
    lowest_place, next_step,
)
from checker.fastscan import finditer, starts_class
from checker.extract.units import UNIT_KIND, UNITS_BY_LENGTH
from checker.lang import alternation, data

_AR = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN = f"(?:(?!千[瓦卡克米伏])[{CN_NUMERAL_CHARS}])+"  # 一百千瓦: 千 is the unit's
# A Chinese numeral in a quantity may carry decimals: 三点五万, 零点五.
_CN_DEC = f"{_CN}(?:点[{CN_DIGITS}]+)?"
# Units that begin a longer word which is no unit: 80年代 (a decade), 万亿台阶 (a step).
# a measure word that is the start of a word before these (年代, 台阶): numerals.yaml
_UNIT_NOT_BEFORE = {str(u): str(w) for u, w in data("numerals")["unit_not_before"].items()}
_UNITS = alternation([u for u in UNITS_BY_LENGTH if u != "成"],
                     after={u: f"(?!{w})" for u, w in _UNIT_NOT_BEFORE.items()})
# 成 (tenths) is a unit before the words of what it counts (超八成农民工, 约7成出口增量) and at a
# clause's end, not before a word that 成 itself starts (3成员, 成为, 成本: numerals.yaml).
_CHENG_NOT = "".join(data("numerals")["cheng_word_starts"])
# (其余四成为企业, 占三成为…: after 其余, 占, 近, 超, 约 the 成 of 成为 is the share's)
_UNIT = rf"(?:{_UNITS}|成(?![{_CHENG_NOT}])|(?<=[余占近超约][一二三四五六七八九两\d])成(?=为))"
# 千 before 瓦, 克, 米, 伏 belongs to the unit (千瓦, 千克, 千米, 千伏), not to the scale.
_SCALE = r"万亿|[十百千]?亿|[十百千]万|万|千(?![瓦克米伏卡])|百(?![分万亿])"
# Two neighbouring Chinese digits name an approximate range: 三四个 (3-4), 五六十人 (50-60);
# 三五 is the idiom for "a few" (3-5).
_CN_PAIRS = ("一二", "一两", "两三", "二三", "三四", "三五", "四五", "五六", "六七", "七八", "八九")

# 半 after a measure word adds half of it (两米半, 三年半, 一斤半, 三成半), unless it begins a word
# of its own (三年半导体, 两天半岛游: numerals.yaml)
_HALF_AFTER_UNIT = "半(?![" + "".join(data("numerals")["half_word_starts"]) + "])"
# 多 after a measure word is "more than" when it ends the phrase (增长了3倍多，两年多来), not when
# it starts a word of its own (3家多功能…, 5个多元…): numerals.yaml more_after_unit
_MORE_AFTER_UNIT = data("numerals")["more_after_unit"]

_NUMERALS = data("numerals")
_NOT_FIGURES = re.compile(
    r"(?:https?|ftp)://[^\s，。；、）)\"”<>]+|www\.[A-Za-z0-9.-]+[^\s，。；、）)\"”<>]*"
    r"|[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.-]{1,255}|(?:%[0-9A-Fa-f]{2}){2,}"
    r"|(?<![A-Za-z])(?:" + "|".join(sorted(map(re.escape, _NUMERALS["standard_codes"]), key=len, reverse=True))
    + r"|DB\d{0,2}(?:/T)?)\s?\d+(?:[.\-—]\d+)*"
)
# what every one of those holds: most drafts have none, and are not scanned for them
_NOT_FIGURES_HINT = re.compile(r"://|www\.|@|%[0-9A-Fa-f]|DB|" + "|".join(map(re.escape, _NUMERALS["standard_codes"])))
# words before a fraction that bound it (不到五分之一, 约1/4, 超过三分之二)
_FRACTION_PRE = "|".join(sorted(_NUMERALS["fraction_bounds"], key=len, reverse=True))
_TIME_OF_DAY = "|".join(_NUMERALS["time_of_day"])  # all of two characters: a fixed-width lookbehind

_PATTERN_SOURCE = rf"""
    (?P<phone>(?<!\d)0\d{{2,3}}-\d{{7,8}}(?!\d))
    |(?P<clock>(?<![\d.:])(?<!\d：)(?:[01]?\d|2[0-4])[:：][0-5]\d(?:[:：][0-5]\d)?(?:\s?(?:[ap]\.?m\.?|[AP]M))?(?![\d:：])
       |(?<={_TIME_OF_DAY})(?:[01]?\d|2[0-4])[点时](?:[0-5]?\d分|半)?
       |(?<![\d.])(?:[01]?\d|2[0-4])时[0-5]?\d分)
    |(?P<isodate>(?<!\d)(?P<iy>(?:19|20)\d\d)[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?![\d.]))
    |(?P<date>(?<![\d.])(?:(?P<dy>(?:19|20)\d\d)年)?(?P<dm>\d{{1,2}})月(?:(?P<dd>\d{{1,2}})[日号])?(?:份)?)
    |(?P<yrange>(?<![\d.])(?P<y1>(?:19|20)\d\d)年?(?:[—–\-~～至到]{{1,2}})(?P<y2>(?:19|20)\d\d)年)
    |(?P<year>(?<![\d.])(?P<yv>(?:19|20)\d\d)年(?!代))
    |(?P<cnyear>(?P<cyv>[一二][〇零○O一二三四五六七八九]{{3}})年)
    |(?P<ordinal>第(?P<onum>\d+|{_CN})(?P<orange>[-—–~至到](?:\d+|{_CN}))?(?P<oscale>万|亿)?(?P<ounit>{_UNIT}|届)?
       |(?<=[届第])(?P<onum2>\d+|{_CN})(?=次)
       |(?P<onum3>\d+|{_CN})(?=届|中全会|次全会))
    |(?P<zhe>(?<![一二三四五六七八九十\d.])(?P<zv>[一二三四五六七八九]{{1,2}}|\d(?:\.\d)?)折(?![合算旧叠腾射纸扣子页]))
    |(?P<listyear>(?<![^\s。；：:])\d{{1,2}}\.(?P<lyv>(?:19|20)\d\d)年(?!代))
    |(?P<pctcn>百分之(?P<pcn>{_AR}|{_CN_DEC}))
    |(?P<frac>(?P<fpre>{_FRACTION_PRE})?(?:(?P<fint>\d+|{_CN})又)?(?P<fden>\d+|{_CN})分之(?P<fnum>\d+(?:\.\d+)?|{_CN})
       (?P<fpost>以上|以下|左右)?)
    |(?P<slash>(?P<spre>{_FRACTION_PRE})?(?<![\d./])(?P<snum>\d{{1,3}})/(?P<sden>\d{{1,3}})(?![\d/])(?=的|来自|是|为|以上))
    |(?P<half>(?<![一二两三四五六七八九十百千万])一半(?!年|天|月|时间)|过半数|半数|过半(?=的))
    |(?P<halfpre>(?<![上下前后大多近这那整一二两三四五六七八九十个])半(?P<hunit>个月|个小时|小时|年|公里|米|斤)(?![度级来]))
    |(?P<vague>(?:(?P<vpre>[数几上])(?P<vscale>[十百千万亿]+)|(?P<vten>[二三四五六七八九]?十)几(?P<vscale2>[万亿]?)
       |几(?P<vscale3>[十百千万亿]+)
       |(?P<vpair>{"|".join(_CN_PAIRS)})(?!点)(?P<vscale4>[十百千]?[万亿]?))(?P<vunit>{_UNIT})?)
    |(?P<qty>
      (?P<pre>大约[占为合有达]?|(?<![签节预制违履合公条契邀集])约[占为合有达]?  # not 签约, 节约
        |将近|接近|(?<![附邻临靠贴走])近  # not 附近, 走近
        |不少于|不低于|不多于|不高于|不超过|不超|超过|超|逾|不到|不足|突破|多于|少于|高于|低于
        |大于|小于|至少|最多|未满|不满)?
      (?P<cur>[￥¥]|人民币)?
      (?:(?P<neg>(?<![\d.])[-−]|(?<![不辜欺胜自抱担肩正])负|零下)?(?P<ar>{_AR}|(?<![\d.])\.\d+)
        |(?P<negcn>(?<![不辜欺胜自抱担肩正])负|零下)?(?P<cn>{_CN_DEC}))  # no minus before 三: -三 is no number
      (?P<more1>余|多)?
      (?P<scale>{_SCALE})?
      (?P<more2>余|多)?
      (?P<unit>{_UNIT})?
      (?P<uhalf>(?<=[^个]){_HALF_AFTER_UNIT})?
      (?P<jiao>(?<=元)(?:\d|[一二三四五六七八九两壹贰叁肆伍陆柒捌玖])[角毛](?:(?:\d|[一二三四五六七八九两壹贰叁肆伍陆柒捌玖])分)?)?
      (?P<more3>多(?={_MORE_AFTER_UNIT}))?  # 3倍多, 两年多: more than the unit's count
      (?P<post>以上|以下|以内|左右|上下(?![游级班联下])|有余)?
    )
    """
# What each alternative but the last can begin with, tried as a lookahead before it: the engine
# tries the alternatives at a position one by one, and one that fails at its first character
# (a fraction at 2025年) then costs next to nothing. tests/extract/test_prefilters.py holds the
# guarded pattern to the plain one.
_FIRST = {
    "phone": "0", "clock": r"\d", "isodate": "[12]", "date": r"\d", "yrange": "[12]", "year": "[12]",
    "cnyear": "[一二]", "ordinal": rf"[第\d{CN_NUMERAL_CHARS}]", "zhe": r"[一二三四五六七八九\d]",
    "listyear": r"\d", "pctcn": "百", "frac": rf"(?:{_FRACTION_PRE})?[\d{CN_NUMERAL_CHARS}又]*分之",
    "slash": rf"(?:{_FRACTION_PRE})?\d", "half": "[一过半]", "halfpre": "半",
    "vague": "[数几上一两二三四五六七八九十]",
}


def _guarded(source: str) -> str:
    for name, first in _FIRST.items():
        source = source.replace(f"(?P<{name}>", f"(?={first})(?P<{name}>", 1)
    return source


_PATTERN = re.compile(_guarded(_PATTERN_SOURCE), re.VERBOSE)

# Every character a figure can begin with: digits, numerals, markers, 第, 百(分之), minus.
_STARTS = starts_class("0123456789第百数几上约大将接近超逾不突多少高低−-半过小至最未负零￥¥人." + CN_NUMERAL_CHARS)

_OVER = {"超过", "超", "逾", "突破", "多于", "高于", "不少于", "不低于", "大于", "至少"}
_UNDER = {"将近", "接近", "近", "不到", "不足", "少于", "低于", "不多于", "不高于", "不超过", "不超",
          "小于", "最多", "未满", "不满"}
# 约 also with the verb between it and the numeral: 约占45%, 约为3万人, 约有500人.
_ABOUT = {"大约", "约"} | {w + v for w in ("大约", "约") for v in "占为合有达"}
_POST = {"以上": "over", "以下": "under", "以内": "under", "左右": "about", "上下": "about",
         "有余": "more"}

# A Chinese numeral on its own is a figure only with a measure word; 一 alone never (一系列,
# 一站式, 一把手), and the scale characters alone only with a marker (上万, 万余), since 千家万户
# and 万人助万企 are idioms and names.
_CN_SCALE_ONLY = set("百千万亿")
_CN_BLOCKED_UNITS = {"期", "道", "口", "头", "门", "首", "部", "页", "片", "根", "对"}
_CN_PLACE = re.compile("[十百千万亿拾佰仟萬]")
# Measure words with 多 inside: the figure is "more than", the unit is the one without 多.
_UNIT_MORE = {"个多小时": "小时", "个多月": "个月"}

# Quotes and book titles: a numeral inside a short quotation or any 《title》 names something.
_NAME_QUOTE = re.compile(r"[“\"「『‘][^“”\"「」『』‘’，。；：\n]{1,14}[”\"」』’]|《[^《》\n]{1,60}》")
# Continuations that make a counted phrase a programme name or slogan, read from the measure
# word on (五位一体, 两位数增长, 四个意识, 中央八项规定, 三次产业结构; with a Chinese numeral
# also 五个一工程, 四个一批, while 8个一级指标 stays a count) ...
_NAME_FROM_UNIT = re.compile(
    r"位一体|位数|个(?:全面|意识|自信|维护|确立|代表|结合|务必|毫不动摇|大局)|项规定|次产业|年级"
)
_NAME_FROM_UNIT_CN = re.compile(r"个一")
# ... and from the end of the figure (十件民生实事; 5大行动 when no measure word came).
_NAME_AFTER = re.compile(r"(?:民生)?实事")
_NAME_AFTER_BARE = re.compile(r"大[^\d]|强")  # 5大行动; 世界500强, 全国百强县
# ... and a small count of the items just listed before their sum (…142项，四项合计694项)
_ITEMS_BEFORE_SUM = re.compile(r"(?:合计|共计|总计|加起来)")
# Four-character idioms with a numeral and a measure word: no quantity in them.
_IDIOMS = frozenset({
    "三番五次", "五次三番", "三天两头", "三年五载", "十年八年", "三天打鱼", "一年半载", "千家万户",
})
# 十四届人大五次会议: a session number, not five meetings (召开3次会议 stays a count).
_SESSION_AFTER = ("会议", "全体会议", "执委会", "常委会")
_PEOPLE = r"(?:职工|群众|居民|农民工|劳动者|学生|儿童|老人|会员|志愿者|妇女|青年|人口|市民|农民|游客|患者|党员)"
_PEOPLE_AFTER = re.compile(_PEOPLE)
_PEOPLE_BEFORE = re.compile(_PEOPLE + r"(?:达到|达|超过|超|逾|近|约)?$")
_IDENTIFIER_NEAR = re.compile(r"热线|电话|号码|热线电话|便民|服务号|邮编|编号|代码|信箱|短号")
_ABOUT_RATIO = Decimal("0.1")  # 约百万: ±10%, a figure that is only a scale word; at most that
# 约924亿元: at least 2% either way, though the writer's last digit is finer
_ABOUT_FLOOR = Decimal("0.02")
# 约45%, 103%左右: a percentage said to be "about" is still within a couple of points of itself;
# ±10% of it would let "城镇化率103%左右" pass as a possible 92.7%
_ABOUT_PERCENT = Decimal("0.02")


@dataclass(frozen=True, slots=True)
class Raw:
    """A figure found in normalized text, before context."""

    start: int
    end: int
    kind: str
    value: float | None
    lo: float | None
    hi: float | None
    approx: str
    precision: float | None
    unit: str | None
    period: str | None = None
    scale: float = 1.0  # the scale word's factor (万 -> 10000), for ranges like 3至5万


def _f(d: Decimal | None) -> float | None:
    return None if d is None else float(d)


def _numeral(m: re.Match, ar: str, cn: str) -> tuple[Decimal, Decimal]:
    return arabic(m.group(ar)) if m.group(ar) else chinese(m.group(cn))


class Scanner:
    """Scans one normalized text; holds the quote spans the filters consult."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [(q.start(), q.end()) for q in _NAME_QUOTE.finditer(text)]
        self._q_starts = [s for s, _ in spans]
        self._q_ends = [e for _, e in spans]

    def in_name_quote(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._q_starts, start) - 1
        return i >= 0 and self._q_ends[i] >= end

    def scan(self) -> list[Raw]:
        out: list[Raw] = []
        # no figures inside a URL, an e-mail address, a percent-encoding or a standard's code
        skip = [(m.start(), m.end()) for m in _NOT_FIGURES.finditer(self.text)] \
            if _NOT_FIGURES_HINT.search(self.text) else []
        skip_starts = [a for a, _ in skip]
        for m in finditer(_PATTERN, _STARTS, self.text):
            if skip:
                i = bisect.bisect_right(skip_starts, m.start()) - 1
                if i >= 0 and m.start() < skip[i][1]:
                    continue
            try:
                raw = self._one(m)
            except NotANumeral:
                continue  # 万千, 百百: characters that only look like a numeral
            if raw is not None:
                out.append(raw)
        return _share_list_unit(self.text, _merge_ranges(self.text, _merge_mixed(self.text, out)))

    # -- one match ---------------------------------------------------------------------------

    def _one(self, m: re.Match) -> Raw | None:
        kind = m.lastgroup
        s, e = m.span()
        if kind == "qty":
            return self._quantity(m)
        if kind == "phone":
            return Raw(s, e, "identifier", None, None, None, "exact", None, None)
        if kind in ("isodate", "date"):
            return self._date(m)
        if kind == "yrange":
            # a reversed span (2019—2013年) keeps lo <= hi; which end was meant is not ours to guess
            y1, y2 = sorted((int(m.group("y1")), int(m.group("y2"))))
            return Raw(s, e, "year", None, float(y1), float(y2), "range", 1.0, "年",
                       period=f"{y1}-{y2}")
        if kind == "listyear":  # "20.2026年10件民生实事": item 20 of a list, then the year
            y = int(m.group("lyv"))
            return Raw(m.start("lyv"), e, "year", float(y), float(y), float(y), "exact", 1.0, "年",
                       period=str(y))
        if kind in ("year", "cnyear"):
            # 二〇三五年, also with ○ or a Latin O for the zero (二○三五年)
            y = int(m.group("yv") or "".join(str(DIGIT_VALUE[c]) for c in m.group("cyv")))
            return Raw(s, e, "year", float(y), float(y), float(y), "exact", 1.0, "年", period=str(y))
        if kind == "ordinal":  # 第三名 -> 3, 第十四届 -> 14: a rank, never a quantity in a check
            num = m.group("onum") or m.group("onum2") or m.group("onum3")
            value = _ordinal_value(num, m.group("oscale")) if not m.group("orange") else None
            return Raw(s, e, "ordinal", value, value, value, "exact", None, None)
        if kind == "zhe":  # 七五折 75%, 八折 80%, 8.5折 85%: a price as a share of the original
            zv = m.group("zv")
            if zv[0].isdigit():
                v = Decimal(zv) * 10
            else:
                v = sum(Decimal(DIGIT_VALUE[c]) * (10 if i == 0 else 1) for i, c in enumerate(zv))
            return Raw(s, e, "percent", _f(v), _f(v), _f(v), "exact", 1.0, "%")
        if kind == "pctcn":
            txt = m.group("pcn")
            if txt[0].isdigit():
                v, p = arabic(txt)
            else:
                v, p = chinese(txt)  # 百分之三十五点二 has the precision of its decimals
                if "点" not in txt:
                    p = Decimal(1)  # 百分之二十: a whole percent
            return Raw(s, e, "percent", _f(v), _f(v), _f(v), "exact", _f(p), "%")
        if kind in ("frac", "slash"):
            return self._fraction(m)
        if kind == "clock":  # 14:30, 下午3点, 2时15分: a time of day, no quantity
            return Raw(s, e, "time", None, None, None, "exact", None, None)
        if kind == "half":  # 一半, 半数: half, as 五成 is (45% to 55%); 过半: more than half
            if m.group().startswith("过半"):
                return Raw(s, e, "percent", 50.0, 50.0, None, "over", 10.0, "%")
            return Raw(s, e, "percent", 50.0, 50.0, 50.0, "exact", 10.0, "%")
        if kind == "vague":
            return self._vague(m)
        if kind == "halfpre":  # 半年 0.5年, 半个月 0.5个月
            unit = {"个小时": "小时"}.get(m.group("hunit"), m.group("hunit"))
            return Raw(s, e, UNIT_KIND[unit], 0.5, 0.5, 0.5, "exact", 0.5, unit)
        return None  # pragma: no cover - every alternative is handled above

    def _fraction(self, m: re.Match) -> Raw | None:
        """三分之一, 三又四分之一, 不到五分之一, 约1/4的; 千分之五 is 5‰."""
        s, e = m.span()
        slash = m.lastgroup == "slash"
        den, num = (m.group("sden"), m.group("snum")) if slash else (m.group("fden"), m.group("fnum"))
        whole = None if slash else m.group("fint")
        den_v, num_v = (arabic(x)[0] if x[0].isdigit() else chinese(x)[0] for x in (den, num))
        if den_v == 0 or slash and num_v > den_v:
            return None
        pre = m.group("spre" if slash else "fpre")
        post = None if slash else m.group("fpost")
        if den_v == 1000 and whole is None:  # 千分之五: per mille, as 5‰ is
            v, unit, kind, precision = num_v, "‰", "percent", 1.0
        else:
            v = num_v / den_v + (arabic(whole)[0] if whole and whole[0].isdigit() else chinese(whole)[0] if whole else 0)
            # a fraction in words is a round figure: 三分之一 of a 33.33% share, as of 33.0%
            # (half a percentage point either way, as 92.1% is read to a tenth)
            unit, kind, precision = None, "fraction", 0.01
        approx = _POST[post] if post else "over" if pre in _OVER else "under" if pre in _UNDER \
            else "about" if pre in _ABOUT else "exact"
        lo, hi = {"over": (v, None), "under": (None, v), "about": (v * Decimal("0.9"), v * Decimal("1.1"))}.get(
            approx, (v, v))
        return Raw(s, e, kind, _f(v), _f(lo), _f(hi), approx, precision, unit)

    def _date(self, m: re.Match) -> Raw | None:
        s, e = m.span()
        if m.lastgroup == "isodate":
            y, mo, d = m.group("iy"), m.group("im"), m.group("id")
        else:
            y, mo, d = m.group("dy"), m.group("dm"), m.group("dd")
        month = int(mo)
        if not 1 <= month <= 12:
            # "13月" is no month; a year written before it ("2026年13月") still is a year
            if m.lastgroup == "date" and y:
                yv = int(y)
                return Raw(s, m.end("dy") + 1, "year", float(yv), float(yv), float(yv), "exact", 1.0,
                           "年", period=y)
            return None
        parts = [y or "????", f"{month:02d}"]
        if d:
            parts.append(f"{int(d):02d}")
        return Raw(s, e, "date", None, None, None, "exact", None, None, period="-".join(parts))

    def _vague(self, m: re.Match) -> Raw | None:
        s, e = m.span()
        unit = m.group("vunit")
        if m.group("vpre"):
            scale = SCALE.get(m.group("vscale"))
            if scale is None:
                return None
            pre = m.group("vpre")
            # 数十 [20, 99]; 上百 at least 100; 几百 [200, 999]
            lo = scale if pre == "上" else 2 * scale
            hi = None if pre == "上" else 10 * scale - 1
        elif m.group("vten"):
            base = chinese(m.group("vten"))[0]
            sc = SCALE.get(m.group("vscale2") or "", Decimal(1))
            lo, hi = (base + 1) * sc, (base + 10) * sc - 1  # 十几万: 11万 to just under 20万
        elif m.group("vscale3"):
            scale = SCALE.get(m.group("vscale3"))
            if scale is None:
                return None
            lo, hi = 2 * scale, 10 * scale - 1
        else:
            pair = m.group("vpair")
            sc = SCALE.get(m.group("vscale4") or "", Decimal(1))
            lo, hi = DIGIT_VALUE[pair[0]] * sc, DIGIT_VALUE[pair[1]] * sc
        if unit is None:
            if hi is None or hi < 10_000:
                return None  # 数十 alone counts nothing a rule can use; 数百万 is an amount
            return Raw(s, e, "number", None, _f(lo), _f(hi), "vague", None, None)
        kind = UNIT_KIND[unit]
        if unit == "成":  # 三四成: 30-40%
            lo, hi, unit = lo * 10, (hi * 10 if hi is not None else None), "%"
        return Raw(s, e, kind, None, _f(lo), _f(hi), "vague", None, unit)

    def _quantity(self, m: re.Match) -> Raw | None:
        s, e = m.span()
        text = self.text
        unit = m.group("unit")
        cn = m.group("cn")
        half = bool(m.group("uhalf"))
        if unit == "个" and text.startswith("半", e):  # 一个半月, 两个半小时
            for whole in _HALF_UNITS:
                if text.startswith(whole, e + 1):
                    unit, half, e = _HALF_UNITS[whole], True, e + 1 + len(whole)
                    break
        pre = m.group("pre")
        more = m.group("more1") or m.group("more2") or (m.group("more3") if unit else None)
        post = m.group("post")
        scale_word = m.group("scale")
        if unit == "次" and (
            text.startswith("全会", e)
            or text.startswith(_SESSION_AFTER, e) and "届" in text[max(0, s - 6):s]
        ):
            return Raw(s, m.start("unit"), "ordinal", None, None, None, "exact", None, None)
        if cn is not None:
            # the left end of a range (十至二十个, 一至三年) is a bare number for _merge_ranges
            range_left = unit is None and not scale_word and not more and not pre \
                and text[e:e + 1] in _RANGE_SEP and text[e + 1:e + 2] in CN_NUMERAL_CHARS
            if not range_left and (
                cn == "一" and not half or (len(cn) == 1 and cn in _CN_SCALE_ONLY and not (pre or more))
            ):
                return None
            if unit is not None and text.startswith("级", e):
                return Raw(s, e, "name", None, None, None, "exact", None, None)  # 千万千瓦级基地: a class
            if cn == "零" and unit is None:
                return None  # 近零碳排放: no figure
            if len(cn) == 1 and cn in CAPITAL_CHARS and unit not in _CAPITAL_UNITS:
                return None  # 陆续, 收拾, 伍: a capital numeral alone counts only money
            if unit is None and not scale_word and not more and not range_left and not (
                    pre or m.group("negcn") and set(cn) & _BARE_DIGITS
                    or _bare_amount(cn) and not _bare_idiom(text, m.start("cn"))):
                return None  # a Chinese numeral with no measure word names something
            if len(cn) == 1 and unit in _CN_BLOCKED_UNITS:
                return None  # 二期工程, 三道防线
            cs = m.start("cn")
            if len(cn) == 1 and (text[cs:cs + 4] in _IDIOMS or text[max(0, cs - 2):cs + 2] in _IDIOMS):
                return None  # 三番五次, 三天两头, (走)近千家万户
            if cn == "千万" and unit == "家" and not pre and not text.startswith(("庭", "企"), e):
                return None  # 情暖千万家, 走进千万家: every home, not ten million of them
            if cn == "二" and unit == "次" and not (pre or more):
                # counting says 两次; 二次 is "secondary" (二次创业, 二次开发)
                return Raw(s, e, "name", None, None, None, "exact", None, None)
            whole = cn.partition("点")[0]
            if len(whole) > 1 and not _CN_PLACE.search(whole):
                # digits read one by one (二七, 五一, 九八) are names and codes, never amounts;
                # cn2an would read them as 27, 51, 98
                return None
        before = text[max(0, s - 1):s]
        after = text[e:e + 1]
        num_start = m.start("ar") if m.group("ar") else m.start("cn")
        # Latin letters or +/× glued to the numeral: 5G, G20, 4A, "6+1", 7×24, PM_2.5
        if before and (before.isascii() and before.isalpha() or before in "+×*/_"):
            return Raw(s, e, "name", None, None, None, "exact", None, None)
        if unit is None and after and (after.isascii() and after.isalpha() or after in "+×*"):
            return Raw(s, e, "name", None, None, None, "exact", None, None)
        if (
            self.in_name_quote(num_start, e)
            or _NAME_AFTER.match(text, e)
            or (_NAME_FROM_UNIT.match(text, m.start("unit")) if unit else _NAME_AFTER_BARE.match(text, e))
            or (cn is not None and unit is not None and _NAME_FROM_UNIT_CN.match(text, m.start("unit")))
            or (cn is not None and len(cn) == 1 and _ITEMS_BEFORE_SUM.match(text, e))
        ):
            return Raw(s, e, "name", None, None, None, "exact", None, None)
        if unit is None and not scale_word:
            window = text[max(0, s - 6):s] + "|" + text[e:e + 8]
            if after == "号" or _IDENTIFIER_NEAR.search(window):
                return Raw(s, e, "identifier", None, None, None, "exact", None, None)

        value, precision = _numeral(m, "ar", "cn")
        if half:  # 三年半: 3.5 years, to half a year
            value, precision = value + Decimal("0.5"), min(precision, Decimal("0.5"))
        jiao = m.group("jiao")
        if jiao:  # 五元三角, 捌佰陆拾柒元伍角: tenths and hundredths of a yuan
            digits = [Decimal(int(c)) if c.isdigit() else Decimal(DIGIT_VALUE[c]) for c in jiao if c not in "角毛分"]
            value += sum(d * Decimal(10) ** -(i + 1) for i, d in enumerate(digits))
            precision = Decimal(10) ** -len(digits)
        if m.group("neg") or m.group("negcn"):
            value = -value
        scale = SCALE[scale_word] if scale_word else Decimal(1)
        # An approximation marker before a numeral that the text also qualifies after
        # (约X左右) reads as one approximation.
        if more:
            approx = "more"
        elif post:
            approx = _POST[post]
        elif pre in _OVER:
            approx = "over"
        elif pre in _UNDER:
            approx = "under"
        elif pre in _ABOUT or (cn is not None and set(cn) <= _CN_SCALE_ONLY):
            approx = "about"  # 约X; and 百万人, 千万元: a bare scale word is a round figure
        else:
            approx = "exact"
        if pre in ("近", "将近", "接近") and unit == "年" and text.startswith("来", e):
            approx = "exact"  # 近两年来: "the last two years", not "nearly two"
        if unit == "年" and text.startswith("前", e) and not text.startswith(("前列", "前茅"), e):
            return Raw(s, e, "name", None, None, None, "exact", None, None)  # 三年前: a time, not a span
        if unit in _UNIT_MORE:  # 3个多小时: more than three hours, less than four
            unit = _UNIT_MORE[unit]
            if approx == "exact":
                approx = "more"

        v = value * scale
        lo: Decimal | None = v
        hi: Decimal | None = v
        if approx == "more":
            hi = next_step(value, precision, scale)
        elif approx == "over":
            hi = None
        elif approx == "under":
            lo = None
        elif approx == "about":
            round_figure = cn is not None and set(cn) <= _CN_SCALE_ONLY  # 百万: its "digit" is the scale
            if unit in ("%", "成"):
                # (约四成: 成 is itself a rounded tenth, so about it is half a tenth either way, 35% to 45%)
                step = precision * scale / 2 if unit == "成" else precision * scale
                spread = max(abs(v) * _ABOUT_PERCENT, step)
            elif round_figure:
                spread = abs(v) * _ABOUT_RATIO
            else:
                # a writer who says 约 has rounded to the last non-zero digit: half a step of it
                # either way, but at least 2% and at most 10% of the value (约60条: 55 to 65;
                # 约1.2万: 1.15万 to 1.25万; 约924亿元: 905亿 to 943亿; 1000元左右, 约四万: ±10%)
                whole = value == value.to_integral_value() and precision == 1
                step = (lowest_place(value) if whole else precision) * scale
                spread = min(max(step / 2, abs(v) * _ABOUT_FLOOR), abs(v) * _ABOUT_RATIO)
            lo, hi = v - spread, v + spread

        if unit is None and scale_word and (_PEOPLE_AFTER.match(text, e) or _PEOPLE_BEFORE.search(
                text, max(0, s - 6), s)):
            # 为32.48万职工追回, 覆盖女职工1800余万: a count of people without a measure word
            unit = "人"
        if unit is None and m.group("cur"):
            unit = "元"  # ￥300, 人民币500万: yuan
        if unit is None:
            kind = "number"
        else:
            kind = UNIT_KIND[unit]
        factor = scale
        if unit == "成":
            v, lo, hi = (x * 10 if x is not None else None for x in (v, lo, hi))
            precision = precision * 10
            unit = "%"
            factor = scale * 10  # 2至3成: the bare 2 is 2成 too
        return Raw(s, e, kind, _f(v), _f(lo), _f(hi), approx, _f(precision * scale), unit,
                   scale=float(factor))


# 一个半月, 两个半小时: the measure word around 半
_HALF_UNITS = {"月": "个月", "小时": "小时", "钟头": "小时"}
_CAPITAL_UNITS = frozenset(_NUMERALS["capital_units"])


def _ordinal_value(num: str, scale: str | None) -> float | None:
    try:
        value = arabic(num)[0] if num[0].isdigit() else chinese(num)[0]
    except (NotANumeral, ArithmeticError):
        return None
    return _f(value * SCALE[scale]) if scale else _f(value)


def _bare_amount(cn: str) -> bool:
    """A Chinese numeral with a digit and 万 or 亿 stands as an amount without a measure word
    (投入四千万, 接待游客五百万); a bare scale (千万, 万万: "by all means") does not."""
    return bool(set(cn) & _BARE_SCALES) and bool(set(cn) & _BARE_DIGITS)


_BARE_SCALES = set("万亿萬")
_BARE_DIGITS = set("一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾")


def _bare_idiom(text: str, at: int) -> bool:
    """十万火急, 百万雄师: set phrases with a scale in them (numerals.yaml)."""
    return any(text.startswith(idiom, at) for idiom in _BARE_IDIOMS)


_BARE_IDIOMS = tuple(data("numerals")["bare_idioms"])


_RANGE_SEP = set("至到~～—–-－")


def _merge_mixed(text: str, raws: list[Raw]) -> list[Raw]:
    """Join "3万4000人", "1亿2000万元", "12万5千台", "1亿零300万人次": a round number of a large
    scale followed at once by the rest of the amount, smaller than that scale."""
    out: list[Raw] = []
    for b in raws:
        a = out[-1] if out else None
        if (a is not None and a.kind == "number" and a.approx == "exact" and a.scale >= 10_000
                and a.value is not None and b.value is not None and b.kind not in _NOT_AMOUNTS
                and text[a.end:b.start] in ("", "零") and 0 < b.value < a.scale
                and b.scale < a.scale and b.lo is not None and b.hi is not None):
            out[-1] = Raw(a.start, b.end, b.kind, a.value + b.value, a.value + b.lo, a.value + b.hi,
                          b.approx, b.precision, b.unit, scale=b.scale)
            continue
        out.append(b)
    return out


_NOT_AMOUNTS = frozenset({"name", "identifier", "ordinal", "date", "year", "time"})


def _merge_ranges(text: str, raws: list[Raw]) -> list[Raw]:
    """Join "3至5个", "1.5万至2万元", "10%—15%" into one range figure."""
    if len(raws) < 2:
        return raws
    out: list[Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        if i + 1 < len(raws):
            b = raws[i + 1]
            gap = text[a.end:b.start]
            glued_neg = gap == "" and text[b.start] in "-−" and a.kind in ("number", b.kind)
            sep = (len(gap) == 1 and gap in _RANGE_SEP) or gap == "——" or glued_neg
            numeric = a.kind in ("number", b.kind) and b.kind not in ("number", "name", "identifier",
                                                                       "ordinal", "date", "year")
            # 从A到B and 由A到B are a change, not a range
            change = gap == "到" and re.search(r"[从由][^，。；]{0,12}$", text[max(0, a.start - 14):a.start])
            if sep and numeric and (a.unit in (None, b.unit)) and not change and a.value is not None \
                    and b.value is not None:
                lo_v = a.value
                hi_v = -b.value if glued_neg else b.value
                if a.unit is None and a.scale == 1 and b.scale > 1 and lo_v <= hi_v / b.scale:
                    # 3至5万: the bare left numeral shares the right one's scale; 500至5万 does not
                    lo_v *= b.scale
                lo_r, hi_r = (lo_v, hi_v) if lo_v <= hi_v else (hi_v, lo_v)
                out.append(Raw(a.start, b.end, b.kind, None, lo_r, hi_r, "range", b.precision, b.unit))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _share_list_unit(text: str, raws: list[Raw]) -> list[Raw]:
    """In "分别达1.28万亿、1.18万亿元" the unit written once at the end belongs to every item; in
    "分别快于全国3.4个、1个百分点" the first item's 个 is the 个百分点 of the last."""
    out = list(raws)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.kind == "count" and a.unit == "个" and b.unit == "个百分点" and text[a.end:b.start] in ("、", "和", "与"):
            out[i] = Raw(a.start, a.end, b.kind, a.value, a.lo, a.hi, a.approx, a.precision, b.unit,
                         scale=a.scale)
            continue
        if a.kind == "number" and a.value is not None and b.unit and b.kind in (
            "count", "money", "measure", "percent"
        ) and text[a.end:b.start] == "、" and a.approx in ("exact", b.approx):
            out[i] = Raw(a.start, a.end, b.kind, a.value, a.lo, a.hi, a.approx, a.precision, b.unit,
                         scale=a.scale)
    return out
