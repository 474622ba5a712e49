"""Inline suppression with <!-- figcheck: ignore ... --> in text, Markdown and HTML drafts: it
silences the findings it names where it stands, never another one, and a malformed or unused
directive is a finding of its own."""

from __future__ import annotations

import json

import pytest

from checker.rules.suppress import BAD_DIRECTIVE, UNUSED_DIRECTIVE
from cli_drafts import draft, run

RATE = "建会企业集体协商建制率达102.1%。"  # range.rate, an error
GRIM = "受理调解案件117件，调解成功率81.3%。"  # granularity.grim, a warning
OTHER_RATE = "乡镇企业集体协商建制率达103.5%。"  # range.rate again, elsewhere


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")


def _findings(capsys, path: str, *options: str) -> tuple[int, list[tuple[str, int]]]:
    r = run(capsys, "check", "--format", "json", path, *options)
    payload = json.loads(r.out)
    return r.code, [(f["rule"], f["locations"][0]["line"]) for f in payload["findings"]]


@pytest.mark.parametrize("name", ["d.txt", "d.md"])
@pytest.mark.parametrize("text", [
    f"{RATE}<!-- figcheck: ignore range.rate -->\n",  # on the figure's line
    f"<!-- figcheck: ignore range.rate -->{RATE}\n",
    f"<!-- figcheck: ignore range.rate -->\n{RATE}\n",  # on the line before
    f"<!-- figcheck: ignore range.rate -->\n\n{RATE}\n",  # a blank line between
    f"<!--figcheck:ignore range-->\n{RATE}\n",  # a group, no spaces
    f"<!-- figcheck: ignore -->\n{RATE}\n",  # every rule
    f"<!-- figcheck: ignore granularity.grim, range.rate -->\n{RATE}{GRIM}\n",
    f"<!-- FIGCHECK: ignore range.rate -->\n{RATE}\n",
    f"首段。\n\n{RATE}\n\n<!-- figcheck: ignore-file range.rate -->\n",  # anywhere in the file
    f"<!-- figcheck: ignore-file -->\n首段。\n\n{RATE}\n",
])
def test_silences_the_finding(tmp_path, capsys, name: str, text: str) -> None:
    code, findings = _findings(capsys, draft(tmp_path, name, text))
    assert findings == [] and code == 0


@pytest.mark.parametrize("text, left", [
    # the directive names another rule
    (f"{RATE}<!-- figcheck: ignore granularity -->\n", [("range.rate", 1), ("figcheck.unused-directive", 1)]),
    # it covers its own line, not the one after
    (f"{GRIM}<!-- figcheck: ignore range.rate -->\n{RATE}\n",
     [("granularity.grim", 1), ("figcheck.unused-directive", 1), ("range.rate", 2)]),
    # alone on its line it covers the next line with text, not the one after that
    (f"<!-- figcheck: ignore range.rate -->\n{RATE}\n{OTHER_RATE}\n", [("range.rate", 3)]),
    # a line before the figure's is no cover
    (f"<!-- figcheck: ignore range.rate -->\n首段。\n{RATE}\n",
     [("figcheck.unused-directive", 1), ("range.rate", 3)]),
    # ignore-file for one rule leaves the others
    (f"<!-- figcheck: ignore-file granularity -->\n{RATE}{GRIM}\n", [("range.rate", 2)]),
])
def test_never_silences_another_finding(tmp_path, capsys, text, left) -> None:
    code, findings = _findings(capsys, draft(tmp_path, "d.md", text), "--fail-on", "never")
    assert sorted(findings) == sorted(left)


def test_known_finding_silenced_new_one_reported(tmp_path, capsys) -> None:
    path = draft(tmp_path, "d.md", f"<!-- figcheck: ignore range.rate -->\n{RATE}\n")
    assert _findings(capsys, path) == (0, [])
    # the author adds a paragraph with a new problem of the same rule: it is reported
    draft(tmp_path, "d.md", f"<!-- figcheck: ignore range.rate -->\n{RATE}\n\n{OTHER_RATE}\n")
    assert _findings(capsys, path) == (1, [("range.rate", 4)])


# -- HTML drafts: the comment is gone from the text a reader sees, but still counts ------------

@pytest.mark.parametrize("page", [
    f"<html><body><p>{RATE}<!-- figcheck: ignore range.rate --></p></body></html>",
    f"<html><body>\n<!-- figcheck: ignore range.rate -->\n<p>{RATE}</p>\n</body></html>",
    f"<html><body><p>首段。</p>\n<!-- figcheck: ignore range.rate -->\n<div><p>{RATE}</p></div></body></html>",
    f"<html><head><!-- figcheck: ignore-file range --></head><body><p>首段。</p><p>{RATE}</p></body></html>",
])
def test_html(tmp_path, capsys, page: str) -> None:
    assert _findings(capsys, draft(tmp_path, "d.html", page)) == (0, [])


def test_html_directive_covers_its_own_block_only(tmp_path, capsys) -> None:
    page = (f"<html><body><p>{RATE}<!-- figcheck: ignore range.rate --></p>\n<p>{OTHER_RATE}</p>"
            f"<p>{GRIM}<!-- figcheck: ignore granularity --></p></body></html>")
    assert _findings(capsys, draft(tmp_path, "d.html", page)) == (1, [("range.rate", 2)])


def test_html_declared_charset(tmp_path, capsys) -> None:
    page = (f'<html><head><meta charset="gbk"></head><body>\n<!-- figcheck: ignore range.rate -->\n'
            f"<p>{RATE}</p></body></html>")
    path = tmp_path / "d.html"
    path.write_bytes(page.encode("gbk"))
    assert _findings(capsys, str(path)) == (0, [])


# -- malformed and unused directives -----------------------------------------------------------

@pytest.mark.parametrize("directive, problem", [
    ("<!-- figcheck: ignore range.rates -->", "没有这条规则：range.rates"),
    ("<!-- figcheck: ignore rang -->", "没有这条规则：rang"),
    ("<!-- figcheck ignore range.rate -->", "应写作"),
    ("<!-- figcheck: ignor range.rate -->", "应写作"),
    ("<!-- figcheck: ignore range.rate; -->", "应写作"),
    ("<!-- figcheck: disable -->", "应写作"),
])
def test_bad_directive(tmp_path, capsys, directive: str, problem: str) -> None:
    r = run(capsys, "check", "--format", "json", draft(tmp_path, "d.md", f"首段。\n{directive}\n{RATE}\n"))
    payload = json.loads(r.out)
    bad = [f for f in payload["findings"] if f["rule"] == "figcheck.bad-directive"]
    assert len(bad) == 1 and bad[0]["severity"] == "error" and r.code == 1
    assert problem in bad[0]["message"] and directive in bad[0]["message"]
    (loc,) = bad[0]["locations"]
    assert (loc["line"], loc["column"], loc["text"]) == (2, 1, directive)
    # a malformed directive silences nothing
    assert ("range.rate", 3) in [(f["rule"], f["locations"][0]["line"]) for f in payload["findings"]]


def test_unclosed_directive(tmp_path, capsys) -> None:
    code, findings = _findings(capsys, draft(tmp_path, "d.md", f"{RATE}\n<!-- figcheck: ignore range.rate\n"))
    assert ("figcheck.bad-directive", 2) in findings and ("range.rate", 1) in findings


def test_unknown_name_next_to_a_good_one(tmp_path, capsys) -> None:
    # the good name still works; the bad one is reported
    code, findings = _findings(capsys, draft(tmp_path, "d.md", f"{RATE}<!-- figcheck: ignore range.rate, nope -->\n"))
    assert findings == [("figcheck.bad-directive", 1)]


def test_unused_directive(tmp_path, capsys) -> None:
    path = draft(tmp_path, "d.md", "首段。<!-- figcheck: ignore range.rate -->\n")
    r = run(capsys, "check", "--format", "json", path)
    (finding,) = json.loads(r.out)["findings"]
    assert finding["rule"] == "figcheck.unused-directive" and finding["severity"] == "warning"
    assert finding["message"] == "figcheck 指令 <!-- figcheck: ignore range.rate --> 没有压制任何问题，可以删除。"
    assert r.code == 0
    assert run(capsys, "check", path, "--fail-on", "warning").code == 1


def test_partly_unused_directive_names_what_was_unused(tmp_path, capsys) -> None:
    path = draft(tmp_path, "d.md", f"{RATE}<!-- figcheck: ignore range.rate, granularity -->\n")
    r = run(capsys, "check", "--format", "json", "--lang", "en", path)
    (finding,) = json.loads(r.out)["findings"]
    assert finding["message"].endswith("suppressed nothing (unused: granularity); remove it.")


def test_directive_for_a_rule_that_did_not_run_is_not_unused(tmp_path, capsys) -> None:
    text = "<!-- figcheck: ignore date.future -->\n2023年以来，全市新建工会组织618个。\n"
    path = draft(tmp_path, "d.md", text)
    assert _findings(capsys, path) == (0, [])  # no publication date: the rule did not run
    assert _findings(capsys, path, "--date", "2021-12-20") == (0, [])  # ran, and was silenced
    assert _findings(capsys, path, "--select", "range") == (0, [])  # not selected


def test_directive_rules_can_be_ignored_and_reconfigured(tmp_path, capsys) -> None:
    path = draft(tmp_path, "d.md", "首段。<!-- figcheck: ignore range.rate -->\n")
    assert _findings(capsys, path, "--ignore", "figcheck.unused-directive") == (0, [])
    (tmp_path / "figcheck.toml").write_text('[severity]\n"figcheck.unused-directive" = "error"\n',
                                           encoding="utf-8")
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        assert _findings(capsys, path) == (1, [("figcheck.unused-directive", 1)])
    finally:
        os.chdir(cwd)


def test_directive_rules_are_listed_and_explained(capsys) -> None:
    r = run(capsys, "rules")
    assert "figcheck.bad-directive" in r.out and "figcheck.unused-directive" in r.out
    r = run(capsys, "rules", "figcheck.unused-directive", "--lang", "en")
    assert r.code == 0 and r.out.startswith("figcheck.unused-directive  (directive, warning)")
    for rule in (BAD_DIRECTIVE, UNUSED_DIRECTIVE):
        assert set(rule.message) == set(rule.why) == {"zh", "en"}
        assert rule.examples["fail"] and rule.examples["pass"]


def test_directive_rules_own_examples(tmp_path, capsys) -> None:
    """Each directive rule's failing example reports it, its passing one does not."""
    for rule in (BAD_DIRECTIVE, UNUSED_DIRECTIVE):
        for kind, expected in (("fail", True), ("pass", False)):
            for i, text in enumerate(rule.examples[kind]):
                r = run(capsys, "check", "--format", "json",
                        draft(tmp_path, f"{rule.id}-{kind}-{i}.md", text + "\n"))
                rules = {f["rule"] for f in json.loads(r.out)["findings"]}
                assert (rule.id in rules) is expected, (rule.id, kind, text)


def test_no_figures_inside_directives(tmp_path, capsys) -> None:
    text = f"<!-- figcheck: ignore range.rate -->\n{RATE}\n<!-- figcheck: ignore-file sum -->\n"
    r = run(capsys, "extract", "--format", "json", draft(tmp_path, "d.md", text))
    figures = json.loads(r.out)["figures"]
    assert [f["text"] for f in figures] == ["102.1%"]
