"""Configuration files and mappings: keys, validation, overrides."""

from __future__ import annotations

import pytest

from tonecheck.config import Config, find_config, load_config
from tonecheck.errors import ConfigError
from tonecheck.types import Severity

CONTRACT_EXAMPLE = """
select = ["EMP", "ATT", "spelling"]
ignore = ["shouting"]
min_severity = "warning"
glossary = ["Zorblix", "RMA", "Dana Whitfield"]

[rules.hard-to-read]
max_sentence_words = 40
"""


def test_contract_example_toml_is_read(tmp_path):
    p = tmp_path / "tonecheck.toml"
    p.write_text(CONTRACT_EXAMPLE)
    cfg = load_config(p)
    assert cfg.select == ("EMP", "ATT", "spelling")
    assert cfg.ignore == ("shouting",)
    assert cfg.min_severity is Severity.WARNING
    assert "Dana Whitfield" in cfg.glossary
    assert cfg.rules["hard-to-read"]["max_sentence_words"] == 40


def test_pyproject_reads_the_tool_tonecheck_table(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[project]\nname="x"\n[tool.tonecheck]\nignore = "CLR,PRO"\n')
    assert load_config(p).ignore == ("CLR", "PRO")


def test_find_config_prefers_tonecheck_toml(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.tonecheck]\n")
    (tmp_path / "tonecheck.toml").write_text("")
    assert find_config(tmp_path).name == "tonecheck.toml"


def test_find_config_ignores_pyproject_without_a_tonecheck_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname='x'\n")
    assert find_config(tmp_path) is None


def test_unknown_key_is_an_error_naming_the_file(tmp_path):
    p = tmp_path / "tonecheck.toml"
    p.write_text("selectt = ['x']\n")
    with pytest.raises(ConfigError, match=r"tonecheck.toml: unknown key\(s\) selectt"):
        load_config(p)


def test_invalid_toml_is_an_error_not_a_traceback(tmp_path):
    p = tmp_path / "tonecheck.toml"
    p.write_text("select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(p)


def test_bad_min_severity_is_rejected():
    with pytest.raises(ConfigError, match="min_severity"):
        Config.from_mapping({"min_severity": "fatal"})


def test_cli_overrides_replace_select_and_extend_ignore():
    cfg = Config.from_mapping({"select": ["EMP"], "ignore": ["shouting"]})
    new = cfg.with_overrides(select=["CLR002"], ignore=["PRO"])
    assert new.select == ("CLR002",)
    assert new.ignore == ("shouting", "PRO")
    assert new.origin("select") == "command line" and cfg.origin("select") == "<config>"
