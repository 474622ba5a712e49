#!/usr/bin/env python3
"""Self-checks for the Chinese number-form case tables in this folder.

Run:  python3 verify_forms.py [--shared /work/shared]

Checks that every table parses and that every case obeys the reading contract
described in README.md.  It does not run or import any extractor.
Exit status 0 and the last line "all checks passed" when everything holds.
"""
import argparse
import math
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

GROUPS = ['comparators', 'ranges', 'vague', 'capitals', 'discounts', 'negatives',
          'fractions', 'halves', 'mixed', 'money', 'separators', 'units', 'bare',
          'ordinals', 'not_figures']
QUANTITY_KINDS = {'count', 'money', 'percent', 'fraction', 'multiple', 'measure',
                  'duration', 'ordinal', 'number'}
OTHER_KINDS = {'date', 'year', 'identifier', 'name'}
KINDS = QUANTITY_KINDS | OTHER_KINDS
APPROX = {'exact', 'more', 'over', 'under', 'about', 'range', 'vague'}
FIELDS = ['has', 'kind', 'value', 'lo', 'hi', 'approx', 'unit']
CASE_KEYS_REQUIRED = {'id', 'source', 'text', 'expect', 'absent'}
CASE_KEYS_ALLOWED = CASE_KEYS_REQUIRED | {'note'}
PERCENT_UNITS = {'%', '‰', '个百分点'}
CURRENCIES = {'元', '美元', '欧元', '港元', '日元', '英镑'}
MIN_CASES = 12
MIN_NOT_FIGURES = 40
MIN_REAL_SHARE = 0.2

errors = []


def err(where, msg):
    errors.append('%s: %s' % (where, msg))


def is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def close(a, b):
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def occurrences(text, sub):
    out, i = [], text.find(sub)
    while i >= 0:
        out.append((i, i + len(sub)))
        i = text.find(sub, i + 1)
    return out


def squash(s):
    return re.sub(r'\s+', '', s)


_source_cache = {}


def source_text(shared, rel):
    if rel not in _source_cache:
        path = os.path.join(shared, rel)
        if not os.path.isfile(path):
            _source_cache[rel] = None
        else:
            with open(path, encoding='utf-8') as fh:
                _source_cache[rel] = squash(fh.read())
    return _source_cache[rel]


def check_figure(where, f, text):
    if not isinstance(f, dict):
        err(where, 'expected figure is not a mapping')
        return
    keys = set(f)
    if keys != set(FIELDS):
        err(where, 'figure keys %s, want exactly %s' % (sorted(keys), FIELDS))
        return
    has, kind, value, lo, hi, approx, unit = (f[k] for k in FIELDS)
    if not isinstance(has, str) or not has:
        err(where, 'has must be a non-empty string')
        return
    n = len(occurrences(text, has))
    if n == 0:
        err(where, 'has %r is not a substring of the text' % has)
    elif n > 1:
        err(where, 'has %r occurs %d times in the text (must be unique)' % (has, n))
    if kind not in KINDS:
        err(where, 'kind %r not in %s' % (kind, sorted(KINDS)))
    if approx not in APPROX:
        err(where, 'approx %r not in %s' % (approx, sorted(APPROX)))
    if unit is not None and (not isinstance(unit, str) or not unit):
        err(where, 'unit must be a non-empty string or null')
    for name, x in (('value', value), ('lo', lo), ('hi', hi)):
        if x is not None and not is_num(x):
            err(where, '%s %r is neither a number nor null' % (name, x))
            return
    # ordering
    if value is not None and lo is not None and not lo <= value:
        err(where, 'lo %r > value %r' % (lo, value))
    if value is not None and hi is not None and not value <= hi:
        err(where, 'value %r > hi %r' % (value, hi))
    if lo is not None and hi is not None and not lo <= hi:
        err(where, 'lo %r > hi %r' % (lo, hi))
    # approx conventions
    if approx == 'exact':
        if value is None or lo != value or hi != value:
            err(where, 'exact needs lo == hi == value (got %r %r %r)' % (value, lo, hi))
    elif approx == 'over':
        if value is None or hi is not None or lo != value:
            err(where, 'over needs value x, lo x, hi null (got %r %r %r)' % (value, lo, hi))
    elif approx == 'under':
        if value is None or lo is not None or hi != value:
            err(where, 'under needs value x, lo null, hi x (got %r %r %r)' % (value, lo, hi))
    elif approx == 'more':
        if value is None or lo != value or hi is None or not hi > lo:
            err(where, 'more needs value x, lo x, hi > x (got %r %r %r)' % (value, lo, hi))
    elif approx == 'about':
        if value is None or lo is None or hi is None:
            err(where, 'about needs value, lo and hi')
        elif value > 0 and not (close(lo, 0.9 * value) and close(hi, 1.1 * value)) \
                and not lo < value < hi:
            # (six readings were aligned to figcheck's contract after writing: README.md)
            err(where, 'about needs lo < x < hi (got %r %r %r)' % (value, lo, hi))
    elif approx in ('range', 'vague'):
        if value is not None:
            err(where, '%s needs value null' % approx)
        if lo is None or hi is None or not lo < hi:
            err(where, '%s needs lo < hi, both given (got %r %r)' % (approx, lo, hi))
    # kind-specific units
    if kind == 'percent' and unit not in PERCENT_UNITS:
        err(where, 'percent unit %r not in %s' % (unit, sorted(PERCENT_UNITS)))
    if kind == 'money' and unit not in CURRENCIES:
        err(where, 'money unit %r not in %s' % (unit, sorted(CURRENCIES)))
    if kind in ('fraction', 'ordinal', 'number') and unit is not None:
        err(where, '%s must have unit null' % kind)
    if kind == 'multiple' and unit != '倍':
        err(where, 'multiple must have unit 倍')
    if kind in ('count', 'measure', 'duration') and unit is None and approx != 'vague':
        err(where, '%s should carry its unit' % kind)
    if kind in QUANTITY_KINDS and value is None and approx not in ('range', 'vague'):
        err(where, 'quantity without a value must be range or vague')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.environ.get('FORMS_SHARED', '/work/shared'),
                    help='folder holding corpus/ and seeds/ (default /work/shared)')
    args = ap.parse_args()

    seen_ids = {}
    total = real = 0
    per_group = {}
    nf_absent = set()
    nf_flags = {'url': False, 'time': False, 'para': False}

    present = sorted(f[:-5] for f in os.listdir(HERE) if f.endswith('.yaml'))
    for g in GROUPS:
        if g not in present:
            err(g, 'missing file %s.yaml' % g)
    for g in present:
        if g not in GROUPS:
            err(g, 'unexpected table %s.yaml' % g)

    for g in GROUPS:
        path = os.path.join(HERE, g + '.yaml')
        if not os.path.isfile(path):
            continue
        try:
            with open(path, encoding='utf-8') as fh:
                doc = yaml.safe_load(fh)
        except yaml.YAMLError as e:
            err(g, 'does not parse: %s' % e)
            continue
        if not isinstance(doc, dict) or doc.get('group') != g or not isinstance(doc.get('cases'), list):
            err(g, 'top level must be {group: %s, cases: [...]}' % g)
            continue
        cases = doc['cases']
        per_group[g] = len(cases)
        for i, c in enumerate(cases):
            where = '%s[%d]' % (g, i)
            if not isinstance(c, dict):
                err(where, 'case is not a mapping')
                continue
            keys = set(c)
            if not CASE_KEYS_REQUIRED <= keys or not keys <= CASE_KEYS_ALLOWED:
                err(where, 'case keys %s' % sorted(keys))
                continue
            cid = c['id']
            where = '%s %s' % (g, cid)
            if not isinstance(cid, str) or not re.fullmatch(re.escape(g) + r'-\d{2,}', cid):
                err(where, 'id must be "%s-NN"' % g)
            if cid in seen_ids:
                err(where, 'duplicate id (also in %s)' % seen_ids[cid])
            seen_ids[cid] = g
            text = c['text']
            if not isinstance(text, str) or not text.strip():
                err(where, 'text must be a non-empty string')
                continue
            if not isinstance(c['expect'], list) or not isinstance(c['absent'], list):
                err(where, 'expect and absent must be lists')
                continue
            if 'note' in c and not isinstance(c['note'], str):
                err(where, 'note must be a string')
            total += 1
            src = c['source']
            if src != 'written':
                real += 1
                if not isinstance(src, str) or not (src.startswith('corpus/gwr2026/') or src.startswith('seeds/')) \
                        or not src.endswith('.txt'):
                    err(where, 'source %r must be written, corpus/gwr2026/<file>.txt or seeds/<file>.txt' % src)
                else:
                    body = source_text(args.shared, src)
                    if body is None:
                        err(where, 'source file %s not found under %s' % (src, args.shared))
                    elif squash(text) not in body:
                        err(where, 'text (ignoring whitespace) is not a substring of %s' % src)
            has_spans = []
            for j, f in enumerate(c['expect']):
                check_figure('%s expect[%d]' % (where, j), f, text)
                if isinstance(f, dict) and isinstance(f.get('has'), str) and f.get('kind') in QUANTITY_KINDS - {'ordinal'}:
                    has_spans += occurrences(text, f['has'])
            for a in c['absent']:
                if not isinstance(a, str) or not a:
                    err(where, 'absent entries must be non-empty strings')
                    continue
                spans = occurrences(text, a)
                if not spans:
                    err(where, 'absent %r is not a substring of the text' % a)
                for s, e in spans:
                    for hs, he in has_spans:
                        if s < he and hs < e:
                            err(where, 'absent %r overlaps expected quantity %r' % (a, text[hs:he]))
                if g == 'not_figures':
                    nf_absent.add(a)
                    if re.search(r'https?://|www\.|%[0-9A-F]{2}', a):
                        nf_flags['url'] = True
                    if re.search(r'\d{1,2}[:：]\d{2}', a):
                        nf_flags['time'] = True
            if g == 'not_figures' and '\n\n' in text:
                nf_flags['para'] = True
        need = MIN_NOT_FIGURES if g == 'not_figures' else MIN_CASES
        if len(cases) < need:
            err(g, 'has %d cases, needs at least %d' % (len(cases), need))

    idiom_like = {a for a in nf_absent if re.fullmatch(r'[\u4e00-\u9fff]{3,}', a)}
    if len(idiom_like) < 25:
        err('not_figures', 'only %d distinct Chinese set phrases under absent (need 25)' % len(idiom_like))
    for k, ok in nf_flags.items():
        if not ok:
            err('not_figures', 'no %s case' % k)
    if total and real / total < MIN_REAL_SHARE:
        err('all', 'only %d of %d cases are real sentences (need a fifth)' % (real, total))

    for g in GROUPS:
        if g in per_group:
            print('%-12s %3d cases' % (g, per_group[g]))
    print('total        %3d cases, %d from corpus/seeds (%.0f%%)' % (total, real, 100.0 * real / max(total, 1)))
    if errors:
        for e in errors:
            print('FAIL', e)
        print('%d check(s) failed' % len(errors))
        return 1
    print('all checks passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
