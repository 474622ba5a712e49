"""The ledger at scale: 100,000 synthetic articles, over a million figure rows.

Built from the corpus's own sentences (bench/synth.py: how, and why the rows are assembled from
one extraction of each template instead of extracting every article), written with Ledger.write
in batches of ingest's size, then measured:

- the write rate while building (figure rows/s, and how it changes as the ledger fills), and one
  more batch written into the full ledger against the same batch into an empty one;
- Ledger.conflicts() and cumulative_falls() over the full ledger (target < 0.1 s each), against
  one GROUP BY over the key column; planted conflicts must all be found, and nothing else: the
  expected pairs are worked out while generating (numpy over the rows, not SQL);
- a real draft (a corpus report) checked against the ledger (check_document +
  attach_cross_findings), against the same check without a ledger;
- a 1,000-article sample of the same articles written as files and really ingested
  (`figcheck ingest`): its rows must equal the synthesized ones, field for field.

The built ledger is cached under bench/out/ledger_scale/<hash>/, the hash taken over the
generator (synth.py), the ledger code (store.py, records.py), the parameters, and what the
extraction gives the templates today; `python bench/run.py --rebuild` builds it again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from array import array
from collections import defaultdict
from pathlib import Path

import synth
from extraction import clear_caches, corpus_dir, load
from report import Row
from timing import interleaved

ARTICLES = 100_000
PLANTS = 50
SAMPLE = 1_000
QUICK_SAMPLE = 200
TARGET_QUERY = 0.1  # seconds, for conflicts() and cumulative_falls()
TARGET_BATCH = 2.0  # × the same batch into an empty ledger (proposed: writes should not slow)
DRAFT = "2026_重庆市_政府工作报告.txt"
OUT = Path(__file__).resolve().with_name("out") / "ledger_scale"
REBUILD = False  # run.py --rebuild
GROUPBY_SQL = "SELECT count(*) FROM (SELECT key FROM figures GROUP BY key HAVING count(*) > 1)"


def _batch() -> int:
    from checker.cli.ledger_cmd import _BATCH

    return _BATCH


def cache_key(templates: list[synth.Template]) -> str:
    """The generator (synth.py), its parameters, the figure columns, and what the extraction
    gives the templates today. Not the ledger's code: others change it often, a rebuild takes
    minutes, and the sample check below compares the cached rows with a real ingest every run."""
    from checker.ledger.store import FIGURE_COLUMNS

    h = hashlib.sha256(Path(synth.__file__).read_bytes())
    h.update(synth.base_digest(templates).encode())
    h.update(repr((ARTICLES, PLANTS, _batch(), FIGURE_COLUMNS)).encode())
    return h.hexdigest()[:16]


def _ledger_code() -> str:
    import checker.ledger.store as store

    return hashlib.sha256(Path(store.__file__).read_bytes()).hexdigest()[:12]


# -- the expected conflicts, worked out without SQL ------------------------------------------------
class Oracle:
    """Every figure row's key, reading and document, compactly; the pairs the ledger's two
    queries must return, found with numpy and plain Python."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.key, self.skey, self.doc, self.start = (array("i"), array("i"), array("i"),
                                                     array("i"))
        self.lo, self.hi, self.pub, self.planted = array("d"), array("d"), array("i"), array("b")
        self.doc_ids: list[str] = []

    def add(self, a: synth.Article, e) -> None:
        d = len(self.doc_ids)
        self.doc_ids.append(e.doc_id)
        pub = a.date.toordinal()
        plant_line = None if a.planted is None else synth.HEADER_LINES + 1 + a.planted
        C = synth.COL
        for row in e.figures:
            self.key.append(self.codes.setdefault(row[C["key"]], len(self.codes)))
            sk = row[C["start_key"]]
            self.skey.append(-1 if sk is None else self.codes.setdefault(sk, len(self.codes)))
            self.doc.append(d)
            self.start.append(row[C["start_offset"]])
            self.lo.append(row[C["r_lo"]])
            self.hi.append(row[C["r_hi"]])
            self.pub.append(pub)
            self.planted.append(row[C["line"]] == plant_line)

    def _groups(self, codes, want):
        """Rows of the groups (by code) whose largest r_lo is above their smallest r_hi."""
        import numpy as np

        codes = np.frombuffer(codes, dtype=np.int32)
        lo, hi = np.frombuffer(self.lo), np.frombuffer(self.hi)
        n = len(self.codes)
        ok = codes >= 0
        top = np.full(n, -np.inf)
        np.maximum.at(top, codes[ok], lo[ok])
        bottom = np.full(n, np.inf)
        np.minimum.at(bottom, codes[ok], hi[ok])
        flagged = np.nonzero(top > bottom)[0]
        groups = defaultdict(list)
        for i in np.nonzero(ok & np.isin(codes, flagged))[0]:
            groups[int(codes[i])].append(int(i))
        return groups.values()

    def conflicts(self) -> list[tuple]:
        out = []
        for rows in self._groups(self.key, "conflicts"):
            for x in rows:
                for y in rows:
                    dx, dy = self.doc_ids[self.doc[x]], self.doc_ids[self.doc[y]]
                    if dx < dy and (self.lo[x] > self.hi[y] or self.lo[y] > self.hi[x]):
                        out.append((dx, self.start[x], dy, self.start[y],
                                    bool(self.planted[x] or self.planted[y])))
        return sorted(out)

    def falls(self) -> list[tuple]:
        out = []
        for rows in self._groups(self.skey, "falls"):
            for x in rows:
                for y in rows:
                    if self.doc[x] != self.doc[y] and self.pub[x] < self.pub[y] \
                            and self.hi[y] < self.lo[x]:
                        out.append((self.doc_ids[self.doc[x]], self.start[x],
                                    self.doc_ids[self.doc[y]], self.start[y],
                                    bool(self.planted[x] or self.planted[y])))
        return sorted(out)


# -- building --------------------------------------------------------------------------------------
def build(folder: Path, templates: list[synth.Template], ext: synth.Extractor) -> dict:
    from checker.ledger import Ledger

    started = time.perf_counter()
    kept, counts = synth.render_all(templates, ext)
    rendered = time.perf_counter() - started
    arts = synth.articles(kept, ARTICLES, PLANTS)
    asm = synth.Assembler(kept, ext)
    oracle = Oracle()
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / "ledger.duckdb.part"
    for suffix in ("", ".wal"):
        Path(str(part) + suffix).unlink(missing_ok=True)
    seconds, rows, chars, planted_docs = [], [], 0, []
    batch_size = _batch()
    with Ledger(part) as ledger:
        for i in range(0, len(arts), batch_size):
            chunk = arts[i:i + batch_size]
            batch = [asm.entry(a) for a in chunk]
            for a, e in zip(chunk, batch):
                oracle.add(a, e)
                chars += e.chars
                if a.planted is not None:
                    planted_docs.append(e.doc_id)
            start = time.perf_counter()
            ledger.write(batch)
            seconds.append(time.perf_counter() - start)
            rows.append(sum(len(e.figures) for e in batch))
            if len(seconds) % 50 == 0:
                print(f"  ledger_scale: {i + len(chunk):,} articles, {sum(rows):,} figure rows, "
                      f"last batch {seconds[-1]:.2f} s", flush=True)
    os.replace(part, folder / "ledger.duckdb")
    if Path(str(part) + ".wal").exists():
        os.replace(Path(str(part) + ".wal"), folder / "ledger.duckdb.wal")
    conflicts, falls = oracle.conflicts(), oracle.falls()
    meta = {
        "built": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "articles": len(arts), "figures": sum(rows), "characters": chars,
        "kept": [t.id for t in kept], "templates": counts, "render_seconds": rendered,
        "extractions": ext.calls, "batch_seconds": seconds, "batch_rows": rows,
        "build_seconds": time.perf_counter() - started, "ledger_code": _ledger_code(),
        "planted": [a.index for a in arts if a.planted is not None],
        "planted_docs": planted_docs,
        "expected_conflicts": conflicts, "expected_falls": falls,
    }
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


def ledger(quick: bool) -> tuple[Path, dict, list[synth.Template], synth.Extractor, bool]:
    """(ledger file, its metadata, kept templates, extractor, built now?), from the cache when
    it holds this generator's ledger."""
    ext = synth.Extractor()
    templates, harvest_counts = synth.harvest(load(), ext)
    folder = OUT / cache_key(templates)
    meta_file = folder / "meta.json"
    built = REBUILD or not meta_file.exists()
    if built:
        print(f"  ledger_scale: building {ARTICLES:,} articles into {folder} "
              "(cached for later runs) ...", flush=True)
        if folder.exists():
            shutil.rmtree(folder)
        meta = build(folder, templates, ext)
    else:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        print(f"  ledger_scale: cached ledger {folder} (built {meta['built']})", flush=True)
    meta["harvest"] = harvest_counts
    by_id = {t.id: t for t in templates}
    return folder / "ledger.duckdb", meta, [by_id[i] for i in meta["kept"]], ext, built


# -- the sample, really ingested ------------------------------------------------------------------
_DOC_COLUMNS = "doc_id, path, published, province, city, title, chars, figures"


def verify_sample(path: Path, meta: dict, kept: list[synth.Template], n: int) -> Row:
    """Writes n of the articles as files, ingests them with `figcheck ingest`, and compares
    every row with the ledger's."""
    import random

    import duckdb

    arts = synth.articles(kept, ARTICLES, PLANTS)
    rng = random.Random(synth.SEED + 1)
    planted = meta["planted"][: max(1, n // 50)]
    chosen = sorted(set(rng.sample(range(ARTICLES), n - len(planted))) | set(planted))
    figcheck = Path(sys.executable).with_name("figcheck")
    with tempfile.TemporaryDirectory(prefix="figcheck-bench-sample-") as tmp:
        folder = Path(tmp) / "synthetic"
        folder.mkdir()
        for i in chosen:
            (Path(tmp) / arts[i].path).write_text(synth.text_of(arts[i], kept), encoding="utf-8")
        start = time.perf_counter()
        done = subprocess.run([str(figcheck), "ingest", "synthetic", "--ledger", "sample.duckdb",
                               "--format", "json"], cwd=tmp, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"bench: figcheck ingest of the sample exited {done.returncode}:\n"
                             f"{done.stderr}")
        con = duckdb.connect(str(Path(tmp) / "sample.duckdb"))
        try:
            con.execute(f"ATTACH '{path}' AS big (READ_ONLY)")
            mine = "(SELECT doc_id FROM documents)"
            diffs = {}
            for table, cols in (("documents", _DOC_COLUMNS), ("figures", "*"),
                                ("candidates", "*")):
                ours = f"SELECT {cols} FROM {table}"
                theirs = f"SELECT {cols} FROM big.{table} WHERE doc_id IN {mine}"
                diffs[table] = con.execute(
                    f"SELECT DISTINCT doc_id FROM (({ours} EXCEPT ALL {theirs}) UNION ALL "
                    f"({theirs} EXCEPT ALL {ours}))").fetchall()
            docs, rows = con.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM figures)"
            ).fetchone()
            example = _first_difference(con, diffs["figures"]) if diffs["figures"] else ""
        finally:
            con.close()
    bad = {d for rows_ in diffs.values() for (d,) in rows_}
    same = docs - len(bad)
    met = docs == len(chosen) and not bad
    by_table = ", ".join(f"{t}: {len(v)}" for t, v in diffs.items())
    note = (f"{len(chosen)} of the {ARTICLES:,} articles ({len(planted)} with a planted conflict) "
            f"written as files and ingested with `figcheck ingest` ({seconds:.1f} s, "
            f"{len(chosen) / seconds:.0f} articles/s): {docs} documents, {rows:,} figure rows, "
            f"compared with the ledger's rows of the same doc ids (every column but "
            f"ingested_at). Articles differing, by table: {by_table}.")
    if example:
        note += f" First difference: {example}"
    return Row("ledger_scale: synthesized rows = really ingested rows (sample)",
               f"{same:,}/{len(chosen):,} articles identical", "—", "—", "all identical", met,
               note)


def _first_difference(con, docs) -> str:
    doc = docs[0][0]
    a = con.execute("SELECT * FROM figures WHERE doc_id = ? ORDER BY idx", [doc]).fetchall()
    b = con.execute("SELECT * FROM big.figures WHERE doc_id = ? ORDER BY idx", [doc]).fetchall()
    names = [d[0] for d in con.execute("SELECT * FROM figures LIMIT 0").description]
    if len(a) != len(b):
        return f"doc {doc[:12]}…: {len(a)} rows ingested, {len(b)} synthesized"
    for ra, rb in zip(a, b):
        cols = [f"{n}: {x!r} ≠ {y!r}" for n, x, y in zip(names, ra, rb) if x != y]
        if cols:
            return f"doc {doc[:12]}… row {ra[1]}: " + "; ".join(cols[:4])
    return f"doc {doc[:12]}…: same figure rows (documents or candidates differ)"


# -- the measurements -----------------------------------------------------------------------------
def _build_row(meta: dict, built: bool) -> Row:
    secs, rows = meta["batch_seconds"], meta["batch_rows"]
    tenth = max(1, len(secs) // 10)
    first = sum(rows[:tenth]) / sum(secs[:tenth])
    last = sum(rows[-tenth:]) / sum(secs[-tenth:])
    overall = sum(rows) / sum(secs)
    when = "built in this run" if built else f"measured when the cache was built, {meta['built']}"
    if meta.get("ledger_code") != _ledger_code():
        when += (" (checker/ledger/store.py has changed since: `--rebuild` to measure the "
                 "current code)")
    return Row(
        f"ledger_scale: build, {meta['articles']:,} articles / {meta['figures']:,} figure rows "
        f"via Ledger.write ({_batch()} a batch)",
        f"{overall:,.0f} rows/s over the build ({sum(secs):.0f} s in write)",
        f"first 10% of batches: {first:,.0f} rows/s",
        f"last 10%: {last / first:.2f}× first", "—", None,
        f"{when}; the whole build took {meta['build_seconds'] / 60:.0f} min (a first run of "
        f"this benchmark waits for it). Last 10% of batches (ledger 90–100% full): "
        f"{last:,.0f} rows/s; slowest batch {max(secs):.2f} s. {meta['characters']:,} "
        f"characters; assembled from "
        f"{len(meta['kept'])} templates × {len(synth.YEARS)} years × {len(synth.FACTORS)} number "
        f"variants × 2 kinds of province = {meta['extractions']:,} real extractions "
        f"({meta['render_seconds']:.0f} s); templates: {meta['harvest']}, {meta['templates']}.")


def _new_batch(kept: list[synth.Template], ext: synth.Extractor) -> list:
    asm = synth.Assembler(kept, ext)
    arts = synth.articles(kept, _batch(), seed=synth.SEED + 2)
    return [asm.entry(dataclasses.replace(a, index=ARTICLES + a.index)) for a in arts]


def _write_rows(path: Path, kept, ext, quick: bool) -> Row:
    from checker.ledger import Ledger

    batch = _new_batch(kept, ext)
    with tempfile.TemporaryDirectory(prefix="figcheck-bench-write-") as tmp:
        full, empty = Path(tmp) / "full.duckdb", Path(tmp) / "empty.duckdb"

        def reset(target: Path, source: Path | None) -> None:
            for suffix in ("", ".wal"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            if source is not None:
                shutil.copyfile(source, target)

        def write(target: Path):
            def run() -> None:
                with Ledger(target) as led:
                    led.write(batch)
            return run

        t = interleaved({"full": write(full), "empty": write(empty)}, 2 if quick else 3,
                        setups={"full": lambda: reset(full, path),
                                "empty": lambda: reset(empty, None)})
    rows = sum(len(e.figures) for e in batch)
    ratio = t.ratio("full", "empty")
    return Row(f"ledger_scale: one more batch ({_batch()} articles, {rows:,} rows) into the full "
               f"ledger", f"{t.median('full'):.2f} s (n={t.repeats})",
               f"the same batch into an empty ledger: {t.median('empty'):.2f} s",
               f"{ratio:.1f}× empty", f"≤ {TARGET_BATCH:.0f}× empty", ratio <= TARGET_BATCH,
               "open + Ledger.write + close, as one `figcheck ingest` run of 200 new articles "
               "(new paths) does; target proposed here: a write should not slow down with the "
               "size of the ledger.")


def _pairs(rows: list[dict]) -> list[tuple]:
    return sorted((r["a_doc_id"], r["a_start_offset"], r["b_doc_id"], r["b_start_offset"])
                  for r in rows)


def _query_rows(path: Path, meta: dict, quick: bool) -> list[Row]:
    from checker.ledger import Ledger

    with Ledger(path):  # opened for writing once, as any ingest would: adds what a cached
        pass            # ledger from older code lacks (key_bounds)
    with Ledger(path, read_only=True) as led:
        led.con.execute("SET enable_progress_bar = false")  # queries of seconds draw one
        got_c, got_f = _pairs(led.conflicts()), _pairs(led.cumulative_falls())
        figures = led.con.execute("SELECT count(*) FROM figures").fetchone()[0]
        keys, disputed = led.con.execute(
            "SELECT count(*), count(*) FILTER (WHERE max_lo > min_hi) FROM key_bounds").fetchone()
        examined = led.con.execute(
            "SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM figures GROUP BY key)"
        ).fetchone()[0]
        examined_f = led.con.execute(
            "SELECT sum(n * (n - 1)) FROM (SELECT count(*) AS n FROM figures "
            "WHERE start_key IS NOT NULL GROUP BY start_key)").fetchone()[0]
        t = interleaved({"conflicts": led.conflicts, "falls": led.cumulative_falls,
                         # DuckDB runs a query to its end in execute(); fetching turns the rows
                         # into Python objects, a cost of the number of pairs, not of the ledger
                         "search": lambda: led.con.execute(led.conflicts_sql),
                         "groupby": lambda: led.con.execute(GROUPBY_SQL).fetchall()},
                        3 if quick else 9)
        plan = _plan(led, "conflicts")
        plan_f = _plan(led, "falls") if t.median("falls") >= TARGET_QUERY else ""
    want_c = [tuple(p[:4]) for p in meta["expected_conflicts"]]
    want_f = [tuple(p[:4]) for p in meta["expected_falls"]]
    planted_c = [p for p in meta["expected_conflicts"] if p[4]]
    planted_f = [p for p in meta["expected_falls"] if p[4]]
    involved = {d for p in planted_c for d in (p[0], p[2])}
    plants_hit = sum(d in involved for d in meta["planted_docs"])
    missed_c = sorted(set(want_c) - set(got_c))
    extra_c = sorted(set(got_c) - set(want_c))
    missed_f = sorted(set(want_f) - set(got_f))
    extra_f = sorted(set(got_f) - set(want_f))
    base = f"GROUP BY key over the figures: {t.median('groupby'):.3f} s"
    search = t.median("search")
    rows = [Row("ledger_scale: the conflict search over the full ledger, run in DuckDB",
                f"{search:.3f} s (n={t.repeats})", base,
                f"{t.ratio('search', 'groupby'):.1f}× group-by", f"< {TARGET_QUERY} s",
                search < TARGET_QUERY,
                f"Ledger.conflicts_sql executed to its end, its {len(got_c):,} pairs held in "
                f"DuckDB's result; the row below adds turning them into Python dicts. The search "
                f"starts from key_bounds (each key's highest lower and lowest upper reading, kept "
                f"with every write): {disputed:,} of {keys:,} keys disagree. Profile: {plan}")]
    for name, label, plan_text, n_pairs in (("conflicts", "Ledger.conflicts()", "", examined),
                                            ("falls", "Ledger.cumulative_falls()", plan_f,
                                             examined_f)):
        secs = t.median(name)
        note = (f"{figures:,} figure rows; the self-join on the key pairs up "
                f"{int(n_pairs or 0):,} row pairs before the reading test.")
        if name == "conflicts":
            note = (f"The search above, and its {len(got_c):,} pairs × 34 fields turned into "
                    f"Python dicts ({secs - search:.3f} s of it): that part grows with the number "
                    f"of conflicts found, not with the ledger. " + note)
        if plan_text:
            note += f" Profile (EXPLAIN ANALYZE): {plan_text}"
        rows.append(Row(f"ledger_scale: {label} over the full ledger",
                        f"{secs:.3f} s (n={t.repeats})", base,
                        f"{t.ratio(name, 'groupby'):.1f}× group-by",
                        f"< {TARGET_QUERY} s", secs < TARGET_QUERY, note))
    found_ok = not (missed_c or extra_c or missed_f or extra_f) \
        and plants_hit == len(meta["planted_docs"])
    rows.append(Row(
        "ledger_scale: planted conflicts found",
        f"{len(got_c):,} of {len(want_c):,} expected conflict pairs, {len(got_f):,} of "
        f"{len(want_f):,} expected falls", "—", "—",
        "all found, nothing else", found_ok,
        f"{len(meta['planted_docs'])} articles carry one template with its province's numbers "
        f"× another factor (10–30% off), {plants_hit} of them in some expected conflict: "
        f"{len(planted_c):,} expected conflict pairs involve them, "
        f"{len(want_c) - len(planted_c):,} do not (figures of one key otherwise agree by "
        f"construction); falls: {len(planted_f):,} involve a plant, "
        f"{len(want_f) - len(planted_f):,} do not. Missed: {len(missed_c)} conflicts, "
        f"{len(missed_f)} falls; returned but not expected: {len(extra_c)} conflicts, "
        f"{len(extra_f)} falls. Expected pairs worked out with numpy over the generated rows, "
        f"not SQL."))
    return rows


def _plan(led, which: str) -> str:
    """The costliest operators of the query, from DuckDB's profiler (EXPLAIN ANALYZE's numbers)."""
    from checker.ledger.store import FALLS_SQL

    con = led.con
    sql = led.conflicts_sql if which == "conflicts" else FALLS_SQL
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "profile.json"
        con.execute("SET enable_profiling = 'json'")
        con.execute(f"SET profiling_output = '{out}'")
        try:
            con.execute(sql).fetchall()
        finally:
            con.execute("SET enable_profiling = 'no_output'")
            con.execute("RESET profiling_output")
        tree = json.loads(out.read_text())
    ops = []

    def walk(node: dict) -> None:
        name = node.get("type") or node.get("operator_type") or node.get("operator_name")
        secs = node.get("timing", node.get("operator_timing"))
        if name and secs is not None:
            ops.append((secs, name.strip(), node.get("intermediate_rows",
                                                      node.get("operator_cardinality", 0)),
                        node.get("intermediate_size_bytes", 0)))
        for child in node.get("children", []):
            walk(child)

    for node in tree.get("operator", []) if isinstance(tree.get("operator"), list) else [tree]:
        walk(node)
    query, system = tree.get("query", {}), tree.get("system", {})
    total = query.get("total_time") or tree.get("latency") or sum(o[0] for o in ops)
    top = sorted(ops, key=lambda o: o[0], reverse=True)[:3]
    text = f"{total:.3f} s in all; " + ", ".join(
        f"{name} {secs:.3f} s ({rows:,} rows out, {size / 2**20:,.0f} MB)"
        for secs, name, rows, size in top)
    if system.get("peak_buffer_memory"):
        text += f"; peak buffer memory {system['peak_buffer_memory'] / 2**20:,.0f} MB"
    return text


def _check_row(path: Path, quick: bool) -> Row:
    from checker.check import check_document
    from checker.ledger.crosscheck import attach_cross_findings
    from checker.rules import load_rules
    from checker.source import read_document

    rules = load_rules()
    doc = read_document(corpus_dir() / DRAFT)
    found = {}

    def check(ledger_path: str | None):
        def run() -> None:
            report = check_document(doc, rules)
            own = len(report.findings)
            attach_cross_findings([report], rules, "zh", ledger_path)
            found[ledger_path] = len(report.findings) - own
        return run

    with_ledger, without = check(str(path)), check(None)
    with_ledger()
    without()
    t = interleaved({"ledger": with_ledger, "none": without}, 3 if quick else 10,
                    setups={"ledger": clear_caches, "none": clear_caches})
    return Row(f"ledger_scale: check one draft ({DRAFT}) against the full ledger",
               f"{t.median('ledger'):.2f} s (n={t.repeats})",
               f"the same check without a ledger: {t.median('none'):.2f} s",
               f"{t.ratio('ledger', 'none'):.2f}× no ledger", "—", None,
               f"check_document + attach_cross_findings(…, ledger_path), extract() memos "
               f"cleared before each; {found[str(path)]} cross-article findings against the "
               f"ledger ({found[None]} without).")


def run(quick: bool) -> list[Row]:
    synth.like_console_script()
    path, meta, kept, ext, built = ledger(quick)
    try:
        rows = [_build_row(meta, built)]
        _say("conflict queries")
        rows += _query_rows(path, meta, quick)
        _say("one more batch")
        rows.append(_write_rows(path, kept, ext, quick))
        _say("check latency")
        rows.append(_check_row(path, quick))
        _say("sample, really ingested")
        rows.append(verify_sample(path, meta, kept, QUICK_SAMPLE if quick else SAMPLE))
    finally:
        ext.close()
    return rows


def _say(what: str) -> None:
    print(f"  ledger_scale: {what} ...", flush=True)
