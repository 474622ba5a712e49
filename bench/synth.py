"""Synthetic published articles made of the corpus's own sentences, for the ledger benchmarks.

Templates. Every sentence of the 15 gwr2026 reports that gives a keyed figure
(checker.ledger.records.keyed_figures) is a candidate. A sentence is taken out of its paragraph,
so a figure whose period came from an earlier sentence ("2025年，…" at the paragraph head) would
lose it: such a sentence gets the period back as a short lead phrase ("2025年，", "“十四五”时期，",
"过去五年，"). Sentences naming a place are left out (the article's province must be the only one
named), and so are those whose figures key on a scope other than the article's own (全国 …),
those with two figures of one key, and those sharing a key with an earlier template: in the
synthetic ledger, figures of one key must agree unless a conflict is planted on purpose.

Articles. Each article is a few templates, one a line, under a header naming its province twice
and its publication date ("时间：YYYY-MM-DD", January to March of a year in YEARS):

    河南省人民政府新闻办公室
    时间：2019-02-08
    河南省经济社会发展情况通报
    <sentence>
    <sentence> ...

Varying the year shifts every "YYYY年" of a sentence by (year − 2026), and relative periods
(今年, 过去五年) follow the dateline; varying the numbers multiplies the digits of the keyed figures
by one of FACTORS (decimals kept, so "32765亿元" stays a five-digit 亿元). The factor of a template
is a function of (template, province): every article of one province and year that repeats a
figure agrees with the others, as published figures do. A planted conflict is an article that
repeats a template of an earlier article (same province and date) with another factor.

Rows. `figcheck ingest` of 100,000 short articles would take well over an hour (it validates
each article's figures table with pandera, ~35 ms an article; see ledger_ingest), so the ledger
is built without extracting each article: every template is extracted (the real read_document ->
read_figures -> entry_for path, in a one-sentence article) once for each year, factor and kind of
province (a municipality reads 全市 as itself, a province does not), in the article of
SHELL_PROVINCE; an article's Entry is then assembled from those rows, with its own doc id (the
hash of its text), path, offsets and lines, province (scope and key recomputed with it) and date
(an "as of the publication date" period and its key recomputed with it). ledger_scale confirms on
a sample of really ingested articles (`figcheck ingest`) that this gives the same rows, field
for field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from checker.extract import read_figures
from checker.ledger.records import content_hash, entry_for, keyed_figures, start_key
from checker.ledger.store import FIGURE_COLUMNS, Entry
from checker.rules import load_rules
from checker.rules.keys import Key
from checker.source import Document, read_document
from checker.source.region import CITY_PROVINCE, MUNICIPALITIES, PROVINCES

CORPUS_YEAR = 2026  # the year the gwr2026 reports were published
YEARS = tuple(range(2016, 2027))
FACTORS = (1.0, 0.9, 0.8, 0.7)  # the numbers of a template are multiplied by one of these
MONTH_DAYS = ((1, 10), (1, 25), (2, 8), (2, 20), (3, 5), (3, 18))  # publication dates in a year
SHELL_PROVINCE = {"province": "河南省", "municipality": "北京市"}
MAX_SENTENCE = 200  # characters; longer sentences make a few very long articles
ROWS_PER_ARTICLE = (10, 14)  # an article takes templates until its base rows reach this (uniform)
HEADER_LINES = 3
SEED = 20260101



def like_console_script() -> None:
    """Keep out the imports the `figcheck` script keeps out (checker.cli.entry): pandera would
    otherwise import pyspark.pandas (seconds, with warnings) and hypothesis in-process."""
    for name in ("hypothesis", "pkg_resources", "pyspark"):
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]


COL = {name: i for i, name in enumerate(FIGURE_COLUMNS)}
PROVINCE_NAMES = tuple(full for full, _, _ in PROVINCES)
_PLACE = re.compile("|".join(sorted(
    [n for full, short, _ in PROVINCES for n in (full, short)] + list(CITY_PROVINCE),
    key=len, reverse=True)))
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=年)")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PLAN = {2006 + 5 * i: f"“十{'一二三四五六七八九'[i]}五”时期，" for i in range(9)}
_CN = dict(enumerate("零一两三四五六七八九十", 0))


def province_class(province: str) -> str:
    return "municipality" if province in MUNICIPALITIES else "province"


def dates(year: int) -> list[dt.date]:
    return [dt.date(year, m, d) for m, d in MONTH_DAYS]


def header(province: str, date: dt.date) -> str:
    return f"{province}人民政府新闻办公室\n时间：{date.isoformat()}\n{province}经济社会发展情况通报\n"


def article_text(province: str, date: dt.date, sentences: Sequence[str]) -> str:
    return header(province, date) + "".join(s + "\n" for s in sentences)


def shift_years(text: str, delta: int) -> str:
    if not delta:
        return text
    return _YEAR.sub(lambda m: str(int(m[1]) + delta), text)


def _scale(number: str, factor: float) -> str:
    if factor == 1.0:
        return number
    d = Decimal(number)
    step = Decimal(1).scaleb(d.as_tuple().exponent)  # 1, 0.1, 0.01 ...: keep the decimals
    scaled = (d * Decimal(str(factor))).quantize(step, rounding=ROUND_HALF_UP)
    return str(max(scaled, step) if d > 0 else scaled)


def vary(text: str, spans: Sequence[tuple[int, int]], factor: float) -> str:
    """text with the digits inside each span multiplied by factor."""
    out, pos = [], 0
    for s, e in spans:
        out += [text[pos:s], _NUMBER.sub(lambda m: _scale(m.group(), factor), text[s:e])]
        pos = e
    return "".join(out) + text[pos:]


def _lead_for(period) -> str | None:
    """A phrase that gives a figure of the corpus (published 2026) this period (a
    checker.meaning.period.Period, read in its text form: "2025", "2021..2025")."""
    period = None if period is None else str(period)
    if not period:
        return None
    if re.fullmatch(r"(?:19|20)\d\d", period):
        return f"{period}年，"
    m = re.fullmatch(r"(\d{4})\.\.(\d{4})", period)
    if not m:
        return None
    a, b = int(m[1]), int(m[2])
    if b - a == 4 and a in _PLAN:
        return _PLAN[a]
    if b == CORPUS_YEAR and 2 <= b - a + 1 <= 10:
        return f"过去{_CN[b - a + 1]}年，"
    return None


# -- extraction of one sentence in a one-sentence article ----------------------------------------
@dataclass
class Render:
    """A template at one year, factor and kind of province, as really extracted."""

    text: str  # the sentence as it stands in an article
    rows: list[tuple]  # figure rows; offsets relative to the sentence start
    keys: list[Key]  # the key of each row, to recompute for another province or date
    candidates: list[tuple]  # (rule, gap, gap_exact), the header's own taken out


class Extractor:
    """Extracts one-sentence articles through read_document (a scratch file), read_figures and
    entry_for: the functions `figcheck ingest` calls."""

    def __init__(self) -> None:
        self.rules = load_rules()
        self.cross = next(r for r in self.rules if r.kind == "cross")
        self._dir = tempfile.TemporaryDirectory(prefix="figcheck-synth-")
        self._file = Path(self._dir.name) / "article.txt"
        self._header_cands: dict[tuple[str, int], Counter] = {}
        self.calls = 0

    def close(self) -> None:
        self._dir.cleanup()

    def document(self, text: str) -> Document:
        self._file.write_text(text, encoding="utf-8")
        return read_document(self._file)

    def entry(self, text: str) -> tuple[Document, Entry, list]:
        self.calls += 1
        doc = self.document(text)
        ex = read_figures(doc)
        return doc, entry_for(doc, ex, self.rules), keyed_figures(doc, ex, self.cross)

    def header_candidates(self, cls: str, year: int) -> Counter:
        if (cls, year) not in self._header_cands:
            _, entry, _ = self.entry(article_text(SHELL_PROVINCE[cls], dates(year)[0], []))
            self._header_cands[cls, year] = Counter(c[1:] for c in entry.candidates)
        return self._header_cands[cls, year]

    def render(self, sentence: str, cls: str, year: int) -> Render | None:
        """None when a figure falls outside the sentence or the article is not read as the
        shell province's."""
        province, date = SHELL_PROVINCE[cls], dates(year)[0]
        doc, entry, keyed = self.entry(article_text(province, date, [sentence]))
        if doc.province != province or doc.published != date or len(keyed) != len(entry.figures):
            return None
        off = len(header(province, date))
        rows = []
        for row in entry.figures:
            if row[COL["start_offset"]] < off or row[COL["line"]] != HEADER_LINES + 1:
                return None
            # the path is the scratch file's (an article gets its own); offsets from the line
            rows.append(row[:COL["path"]] + ("",) + row[COL["path"] + 1:COL["start_offset"]]
                        + (row[COL["start_offset"]] - off, row[COL["end_offset"]] - off)
                        + row[COL["end_offset"] + 1:])
        cands = Counter(c[1:] for c in entry.candidates)
        cands.subtract(self.header_candidates(cls, year))
        if any(n < 0 for n in cands.values()):
            return None
        return Render(sentence, rows, [k.key for k in keyed], sorted(cands.elements()))


# -- templates -----------------------------------------------------------------------------------
@dataclass
class Template:
    id: int
    source: str  # report file name
    text: str  # the sentence as used (lead phrase included), numbers as in the corpus
    spans: tuple[tuple[int, int], ...]  # the keyed figures, whose numbers are varied
    base_rows: int  # keyed figures in the base render (2026, factor 1, a province)
    renders: dict[tuple[str, int, int], Render] = field(default_factory=dict, repr=False)

    def sentence(self, year: int, variant: int) -> str:
        return shift_years(vary(self.text, self.spans, FACTORS[variant]), year - CORPUS_YEAR)


def _valid(render: Render | None, cls: str) -> bool:
    if render is None or not render.rows:
        return False
    ids = [k.id for k in render.keys]
    return len(set(ids)) == len(ids) and all(k.scope == SHELL_PROVINCE[cls] for k in render.keys)


def harvest(docs: Sequence[Document], ext: Extractor) -> tuple[list[Template], dict]:
    """Templates from the corpus reports, each checked in its base render; and counts."""
    seen: set[str] = set()
    counts = Counter()
    out: list[Template] = []
    for doc in docs:
        ex = read_figures(doc)
        by_sentence: dict[int, list] = defaultdict(list)
        for k in keyed_figures(doc, ex, ext.cross):
            by_sentence[k.figure.sentence].append(k)
        for si, ks in sorted(by_sentence.items()):
            s, e = ex.sentences[si]
            sentence = doc.text[s:e].strip()
            counts["sentences with keyed figures"] += 1
            if sentence in seen:
                continue
            seen.add(sentence)
            if "\n" in sentence or len(sentence) > MAX_SENTENCE or _PLACE.search(sentence):
                counts["left out: names a place, spans lines or too long"] += 1
                continue
            text, render = sentence, ext.render(sentence, "province", CORPUS_YEAR)
            if not _valid(render, "province"):
                periods = {k.figure.period for k in ks}
                lead = _lead_for(periods.pop()) if len(periods) == 1 else None
                if lead:
                    text, render = lead + sentence, ext.render(lead + sentence, "province",
                                                               CORPUS_YEAR)
                    counts["given a lead phrase for its period"] += _valid(render, "province")
            if not _valid(render, "province"):
                counts["left out: no keyed figure of its own region on its own"] += 1
                continue
            spans = tuple((r[COL["start_offset"]], r[COL["end_offset"]]) for r in render.rows)
            out.append(Template(len(out), Path(doc.path).name, text, spans, len(render.rows),
                                {("province", CORPUS_YEAR, 0): render}))
    counts["templates"] = len(out)
    return out, dict(counts)


def base_digest(templates: Sequence[Template]) -> str:
    """A hash of the templates and their base renders: what the extraction gives them now."""
    h = hashlib.sha256()
    for t in templates:
        r = t.renders["province", CORPUS_YEAR, 0]
        h.update(repr((t.text, t.spans, r.rows, [k.id for k in r.keys], r.candidates)).encode())
    return h.hexdigest()


def render_all(templates: list[Template], ext: Extractor) -> tuple[list[Template], dict]:
    """Every template at every year, factor and kind of province; templates that fail in one,
    or share a key with an earlier template, are dropped."""
    claimed: dict[str, int] = {}
    kept, counts = [], Counter()
    for t in templates:
        ok, ids = True, set()
        for cls in SHELL_PROVINCE:
            for year in YEARS:
                for v in range(len(FACTORS)):
                    r = t.renders.get((cls, year, v)) or ext.render(t.sentence(year, v), cls, year)
                    if r is None or (r.rows and not _valid(r, cls)):
                        ok = False
                        break
                    t.renders[cls, year, v] = r
                    ids.update(k.id for k in r.keys)
                if not ok:
                    break
            if not ok:
                break
        if not ok:
            counts["dropped: fails in some year, factor or municipality"] += 1
            continue
        if ids & claimed.keys():
            counts["dropped: shares a key with an earlier template"] += 1
            continue
        claimed.update(dict.fromkeys(ids, t.id))
        kept.append(t)
    counts["templates kept"] = len(kept)
    return kept, dict(counts)


# -- articles ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Article:
    index: int
    province: str
    date: dt.date
    parts: tuple[tuple[int, int], ...]  # (template position in the list, factor index)
    planted: int | None = None  # the part whose factor is not its province's, if any

    @property
    def path(self) -> str:
        return f"synthetic/{self.index:06d}.txt"


def factor_of(template: Template, province: str) -> int:
    digest = hashlib.blake2b(f"{template.text}\x1f{province}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % len(FACTORS)


def articles(templates: Sequence[Template], n: int, plants: int = 0,
             seed: int = SEED) -> list[Article]:
    """n article specs (cheap: no text, no extraction). ``plants`` of them, spread over the run,
    repeat a figure of an earlier article (same province, date and template) with its numbers
    off by another factor: each is a conflict with at least that earlier article."""
    rng = random.Random(seed)
    planted = set(rng.sample(range(1, n), plants)) if plants else set()
    out: list[Article] = []
    for i in range(n):
        province = rng.choice(PROVINCE_NAMES)
        date = rng.choice(dates(rng.choice(YEARS)))
        want = rng.randint(*ROWS_PER_ARTICLE)
        order = rng.sample(range(len(templates)), len(templates))
        plant = None
        if i in planted:
            plant = _plant(templates, out, rng)
            if plant is not None:
                earlier, pos, alt = plant
                province, date = earlier.province, earlier.date
                order = [pos] + [p for p in order if p != pos]
        chosen, rows = [], 0
        for pos in order:
            chosen.append(pos)
            rows += templates[pos].base_rows
            if rows >= want:
                break
        parts = [(pos, factor_of(templates[pos], province)) for pos in chosen]
        if plant is not None:
            parts[0] = (plant[1], plant[2])
        out.append(Article(i, province, date, tuple(parts), 0 if plant is not None else None))
    return out


def _plant(templates: Sequence[Template], earlier: list[Article],
           rng: random.Random) -> tuple[Article, int, int] | None:
    """(an earlier article, one of its templates with a figure that cannot read the same once
    its numbers change by 10-30%, another factor for it), or None."""
    for _ in range(50):
        a = earlier[rng.randrange(len(earlier))]
        if a.planted is not None:
            continue
        for pos, v in a.parts:
            if _changes_reading(templates[pos]):
                return a, pos, (v + 1) % len(FACTORS)
    return None


def _changes_reading(t: Template) -> bool:
    """Whether the template has an exact figure of at least 20 units of its last digit:
    multiplied by a factor 0.1-0.3 away, it moves by 2 or more units, past its rounding."""
    r = t.renders["province", CORPUS_YEAR, 0]
    for row in r.rows:
        if row[COL["approx"]] != "exact" or row[COL["value"]] is None:
            continue
        digits = _NUMBER.findall(row[COL["text"]])
        if len(digits) == 1 and int(digits[0].replace(".", "")) >= 20:
            return True
    return False


def text_of(a: Article, templates: Sequence[Template]) -> str:
    return article_text(a.province, a.date,
                        [templates[pos].sentence(a.date.year, v) for pos, v in a.parts])


class Assembler:
    """Entries of articles from the renders, without extracting them."""

    def __init__(self, templates: Sequence[Template], ext: Extractor) -> None:
        self.templates = templates
        self.ext = ext
        self._header = {(cls, y): ext.header_candidates(cls, y) for cls in SHELL_PROVINCE
                        for y in YEARS}
        self._ids: dict[tuple, tuple[str, str | None]] = {}

    def _render(self, t: Template, cls: str, year: int, v: int) -> Render:
        """The render, made now if this run has not made it (a cached ledger's templates)."""
        got = t.renders.get((cls, year, v))
        if got is None:
            got = self.ext.render(t.sentence(year, v), cls, year)
            if got is None:
                raise SystemExit(f"bench: template {t.id} no longer renders in {cls} {year}")
            t.renders[cls, year, v] = got
        return got

    def _key(self, key: Key, cls: str, province: str, shell_date: dt.date,
             date: dt.date) -> tuple[str, str | None, str | None]:
        """(key id, start key, period) of a shell key in an article of province and date."""
        asof = key.period == f"..{shell_date.isoformat()}"
        memo = (key, province, date if asof else None)
        got = self._ids.get(memo)
        if got is None:
            new = replace(key, scope=province if key.scope == SHELL_PROVINCE[cls] else key.scope,
                          period=f"..{date.isoformat()}" if asof else key.period)
            got = self._ids[memo] = (new.id, start_key(new))
        return got[0], got[1], f"..{date.isoformat()}" if asof else None

    def entry(self, a: Article) -> Entry:
        cls, year = province_class(a.province), a.date.year
        shell_province, shell_date = SHELL_PROVINCE[cls], dates(year)[0]
        renders = [self._render(self.templates[pos], cls, year, v) for pos, v in a.parts]
        text = article_text(a.province, a.date, [r.text for r in renders])
        doc_id, path, published = content_hash(text), a.path, a.date.isoformat()
        offset = len(header(a.province, a.date))
        rows, idx = [], 0
        cands = Counter(self._header[cls, year])
        for j, r in enumerate(renders):
            for row, key in zip(r.rows, r.keys):
                kid, skey, period = self._key(key, cls, a.province, shell_date, a.date)
                new = list(row)
                new[COL["doc_id"]], new[COL["idx"]], new[COL["path"]] = doc_id, idx, path
                new[COL["start_offset"]] += offset
                new[COL["end_offset"]] += offset
                new[COL["line"]] = HEADER_LINES + 1 + j
                if new[COL["scope"]] == shell_province:
                    new[COL["scope"]] = a.province
                if period is not None:
                    new[COL["period"]] = period
                new[COL["key"]], new[COL["start_key"]] = kid, skey
                new[COL["published"]] = published
                rows.append(tuple(new))
                idx += 1
            offset += len(r.text) + 1
            cands.update(r.candidates)
        city = a.province if cls == "municipality" else None
        return Entry(doc_id, path, a.date, a.province, city, f"{a.province}人民政府新闻办公室",
                     len(text), rows, [(doc_id, *c) for c in sorted(cands.elements())])

