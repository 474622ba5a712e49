"""Property-based fuzzing of the whole check: real paragraphs with generated figure sentences of
every relation family inserted (rates above 100%, zero and negative bases, huge and tiny numbers,
many decimals, reversed ranges, 其中 with zero parts, impossible dates, weekdays without dates,
nested brackets, long lists, text without punctuation), through `figcheck check` in every
output format.

Whatever the draft: the command exits 0 or 1 (never 3, never an exception); every finding's
locations give back the text they name; the JSON validates against its schema and the SARIF
against SARIF 2.1.0; the draft saved in another encoding gives the same findings.

The example count is small for the test suite and the examples are derandomized (a red CI run
is a real bug, reproducible); the long run in bench/ (``python bench/run.py --only fuzz``) sets
FIGCHECK_FUZZ_EXAMPLES and FIGCHECK_FUZZ_RANDOM=1 and draws new examples every time.
"""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FIGCHECK_SHARED", ROOT.parent / "shared"))
EXAMPLES = int(os.environ.get("FIGCHECK_FUZZ_EXAMPLES", "150"))  # a property: 300 in CI
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("FIGCHECK_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)


def _paragraphs() -> list[str]:
    """Real paragraphs: the seeds' (in the repository) and the corpus' when it is there."""
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((SHARED / "corpus" / "gwr2026").glob("*.txt"))
    out = []
    for path in files:
        out += [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                if 20 <= len(line.strip()) <= 300]
    return out


PARAGRAPHS = _paragraphs()

# -- numbers at the edges --
plain = st.one_of(
    st.integers(0, 10**6).map(str),
    st.floats(0, 1e5, allow_nan=False).map(lambda x: f"{x:.{abs(hash(x)) % 4}f}"),
    st.sampled_from(["0", "0.0", "1", "100", "−5", "-3", "负三十二", "三", "十二", "一百二十", "两千",
                     "四千万", "壹佰伍拾", "十几万", "几十", "１２３", "1,234", "1,,000", ".5"]),
    st.integers(20, 400).map(lambda n: "1" + "0" * n),  # beyond a float's range
    st.integers(20, 300).map(lambda n: "9" * n),
    st.integers(1, 300).map(lambda n: "0." + "0" * n + "1"),  # a decimal with many zeros
)
percent = st.tuples(st.one_of(plain, st.sampled_from(["0", "100", "200", "-5", "99.99", "100.0"])),
                    st.sampled_from(["%", "％", "个百分点", "成", ""])).map("".join)
year = st.integers(-5, 10000).map(str)
small = st.integers(0, 40).map(str)
weekday = st.sampled_from("一二三四五六日天")


def _sentences():
    n, p = plain, percent
    return st.one_of(
        st.builds("受理投诉{}件，办结{}件，办结率{}。".format, n, n, p),
        st.builds("全市职工从{}人增加到{}人，增长{}。".format, n, n, p),
        st.builds("全市人口{}人，人均收入{}万元，总收入{}亿元。".format, n, n, n),
        st.builds("全省共有工会{}家，其中新建{}家、改建{}家。".format, n, n, n),
        st.builds("其中企业{}家，其余{}家，共计{}家。".format, n, n, n),
        st.builds("男性占{}，女性占{}，其他占{}。".format, p, p, p),
        st.builds("{}年{}月{}日（星期{}），".format, year, small, small, weekday),
        st.builds("今天是星期{}，".format, weekday),
        st.builds("2月29日，{}年".format, year),
        st.builds("成立{}周年，{}年成立。".format, st.sampled_from(["0", "1", "100", "-1", "9999"]), year),
        st.builds("第{}届，{}年首次举办以来，每{}年一届。".format,
                  st.sampled_from(["0", "一", "999", "三"]), year, st.sampled_from(["0", "1", "两", "四"])),
        st.builds("产值{}亿元，是上年的{}倍，比上年增长{}。".format, n, n, p),
        st.builds("较上年提高{}，达到{}。".format, p, p),
        st.builds("从{}%下降到{}%，下降{}个百分点。".format, n, n, n),
        st.builds("{}—{}年，年均增长{}。".format, year, year, p),
        st.builds("完成{}亿元，占年度目标的{}。".format, n, p),
        st.builds("平均每{}人拥有{}名医生，共有医生{}名。".format, n, n, n),
        st.builds("建会{}家，建会率{}（{}）。".format, n, p, p),
        st.builds("{}{}人".format, st.integers(1, 60).map(lambda k: "其中" * k), n),
        st.builds("（（（（{}人））））".format, n),
        st.lists(n, min_size=1, max_size=300).map(lambda xs: "、".join(x + "家" for x in xs) + "。"),
        st.text(alphabet="一二三四五六七八九十百千万亿0123456789.%人元家年月日其中共", max_size=3000),
        st.integers(1, 5000).map(lambda k: "全市新建工会120家其中企业工会80家增长5%" * (k // 20 + 1)),
    )


drafts = st.builds(
    lambda head, parts, inserted, sep: head + sep.join(parts[:1] + inserted + parts[1:]),
    st.sampled_from(["", "2023年5月6日 星期六\n", "标题：全省工会工作\n", "时间：2026-02-03\n"]),
    st.lists(st.sampled_from(PARAGRAPHS), max_size=4),
    st.lists(_sentences(), min_size=1, max_size=4),
    st.sampled_from(["\n", "", "\n\n", "。"]),
)


def _run(*argv: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue()


def _schema(name: Path) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(name.read_text(encoding="utf-8")))


CHECK_SCHEMA = _schema(ROOT / "docs" / "check-output.schema.json")
SARIF_SCHEMA = _schema(ROOT / "tests" / "report" / "schemas" / "sarif-schema-2.1.0.json")


def _strict_json(text: str):
    """JSON as the standard has it: no NaN or Infinity."""
    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")
    return json.loads(text, parse_constant=refuse)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(text=drafts, other=st.sampled_from(["text", "html", "junit", "github"]),
       date=st.sampled_from([[], ["--date", "2024-03-01"], ["--date", "2000-02-29"]]))
def test_the_whole_check_never_fails_and_its_outputs_hold(folder: Path, text: str, other: str,
                                                          date: list[str]) -> None:
    draft = folder / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    code, out = _run("check", str(draft), "--format", "json", "--lang", "en", *date)
    assert code in (0, 1)
    payload = _strict_json(out)
    CHECK_SCHEMA.validate(payload)
    for finding in payload["findings"]:
        for where in finding["locations"]:
            assert text[where["start"]:where["end"]] == where["text"], finding
    code, out = _run("check", str(draft), "--format", "sarif", *date)
    assert code in (0, 1)
    SARIF_SCHEMA.validate(_strict_json(out))
    output = [] if other != "html" else ["--output", str(folder / "report.html")]
    code, _ = _run("check", str(draft), "--format", other, *output, *date)
    assert code in (0, 1)
    if other == "html":
        assert (folder / "report.html").stat().st_size > 0


def _findings(path: Path) -> list[tuple]:
    code, out = _run("check", str(path), "--format", "json", "--date", "2024-03-01")
    assert code in (0, 1)
    return [(f["rule"], f["message"], tuple((w["start"], w["end"]) for w in f["locations"]))
            for f in json.loads(out)["findings"]]


@FUZZ
@given(text=drafts, encoding=st.sampled_from(["utf-8-sig", "gb18030", "utf-16"]))
def test_a_draft_in_another_encoding_gives_the_same_findings(folder: Path, text: str,
                                                            encoding: str) -> None:
    plain_draft, other = folder / "plain.txt", folder / "other.txt"
    plain_draft.write_text(text, encoding="utf-8")
    try:
        other.write_bytes(text.encode(encoding))
    except UnicodeEncodeError:
        return
    assert _findings(other) == _findings(plain_draft)
