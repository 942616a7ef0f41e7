"""Reading turns: formats, role synonyms, column maps, ordering, and named errors."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonecheck.errors import InputError
from tonecheck.io import ReadLog, iter_conversations, parse_column_map, parse_transcript
from tonecheck.types import Role


def _csv(tmp_path: Path, text: str, name: str = "t.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_reads_csv_and_groups_turns_by_conversation(tmp_path):
    p = _csv(tmp_path, "conversation_id,role,text\n1,customer,Hi\n1,agent,Hello\n2,user,Yo\n2,rep,Hey\n")
    convs = list(iter_conversations(p))
    assert [c.id for c in convs] == ["1", "2"]
    assert [t.role for t in convs[1].turns] == [Role.CUSTOMER, Role.AGENT]
    assert [t.turn for t in convs[0].turns] == [1, 2]


@pytest.mark.parametrize("role", ["Agent", "REP", "support", "Staff", "advisor", "outbound"])
def test_agent_role_synonyms_are_case_insensitive(tmp_path, role):
    p = _csv(tmp_path, f"conversation_id,role,text\n1,{role},Hello\n")
    assert next(iter_conversations(p)).turns[0].role is Role.AGENT


@pytest.mark.parametrize("role", ["customer", "User", "CLIENT", "caller", "inbound"])
def test_customer_role_synonyms_are_accepted(tmp_path, role):
    p = _csv(tmp_path, f"conversation_id,role,text\n1,{role},Hello\n")
    assert next(iter_conversations(p)).turns[0].role is Role.CUSTOMER


def test_system_and_bot_rows_are_kept_as_context(tmp_path):
    p = _csv(tmp_path, "conversation_id,role,text\n1,bot,Welcome\n1,system,Transferred\n")
    assert [t.role for t in next(iter_conversations(p)).turns] == [Role.SYSTEM, Role.SYSTEM]


def test_turn_column_orders_turns_inside_a_conversation(tmp_path):
    p = _csv(tmp_path, "conversation_id,turn,role,text\n1,2,agent,second\n1,1,customer,first\n")
    conv = next(iter_conversations(p))
    assert [t.text for t in conv.turns] == ["first", "second"]


def test_interleaved_conversations_are_grouped_in_first_appearance_order(tmp_path):
    p = _csv(tmp_path, "conversation_id,role,text\na,customer,1\nb,customer,2\na,agent,3\nb,agent,4\n")
    convs = list(iter_conversations(p))
    assert [(c.id, [t.text for t in c.turns]) for c in convs] == [("a", ["1", "3"]), ("b", ["2", "4"])]


def test_column_mapping_renames_source_columns(tmp_path):
    p = _csv(tmp_path, "ticket,who,body\n9,agent,Hello\n")
    conv = next(iter_conversations(p, columns="conversation_id=ticket,role=who,text=body"))
    assert conv.id == "9" and conv.turns[0].text == "Hello"


def test_parse_column_map_rejects_unknown_target_names():
    with pytest.raises(InputError, match="not a tonecheck column"):
        parse_column_map("ticket=conversation_id")


def test_missing_required_column_names_file_and_column(tmp_path):
    p = _csv(tmp_path, "conversation_id,text\n1,Hi\n")
    with pytest.raises(InputError) as err:
        list(iter_conversations(p))
    assert str(err.value).startswith(f"{p}:1: missing required column(s): role")


def test_unknown_role_raises_with_file_line_and_column(tmp_path):
    p = _csv(tmp_path, "conversation_id,role,text\n1,agent,Hi\n1,robot,Beep\n")
    with pytest.raises(InputError) as err:
        list(iter_conversations(p))
    assert str(err.value) == f"{p}:3: role: unknown role 'robot' (expected agent or customer, or a synonym)"


def test_skip_mode_keeps_every_valid_row_and_logs_the_bad_one(tmp_path):
    p = _csv(tmp_path, "conversation_id,role,text\n1,agent,Hi\n1,robot,Beep\n1,customer,Ok\n")
    log = ReadLog()
    with pytest.warns(UserWarning, match="robot"):
        convs = list(iter_conversations(p, on_error="skip", log=log))
    assert [t.text for t in convs[0].turns] == ["Hi", "Ok"]
    assert len(log.problems) == 1 and log.problems[0].line == 3


def test_csv_line_numbers_count_embedded_newlines(tmp_path):
    p = _csv(tmp_path, 'conversation_id,role,text\n1,agent,"two\nlines"\n1,alien,x\n')
    with pytest.raises(InputError) as err:
        list(iter_conversations(p))
    assert err.value.line == 4


def test_non_utf8_bytes_are_a_row_problem_naming_the_column(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"conversation_id,role,text\n1,agent,ok\n1,agent,caf\xe9\n")
    log = ReadLog()
    with pytest.warns(UserWarning):
        convs = list(iter_conversations(p, on_error="skip", log=log))
    assert [t.text for t in convs[0].turns] == ["ok"]
    assert str(log.problems[0]) == f"{p}:3: text: not valid UTF-8"


def test_empty_text_is_kept_as_none_and_counted(tmp_path):
    p = _csv(tmp_path, "conversation_id,role,text\n1,customer,\n1,agent,Hello\n")
    log = ReadLog()
    conv = next(iter_conversations(p, log=log))
    assert conv.turns[0].text is None and log.empty_texts == 1


def test_file_that_is_not_what_its_suffix_says_is_refused(tmp_path):
    p = tmp_path / "fake.csv"
    p.write_bytes(b"PAR1\x00\x00binary")
    with pytest.raises(InputError, match="Parquet file, not CSV"):
        list(iter_conversations(p))


def test_unknown_suffix_is_refused(tmp_path):
    p = tmp_path / "x.xlsx"
    p.write_text("x")
    with pytest.raises(InputError, match="unknown file type"):
        list(iter_conversations(p))


def test_empty_file_is_refused(tmp_path):
    p = _csv(tmp_path, "")
    with pytest.raises(InputError, match="empty"):
        list(iter_conversations(p))


def test_reads_jsonl_with_line_numbers_in_errors(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text(
        json.dumps({"conversation_id": 1, "role": "agent", "text": "Hi"}) + "\n"
        + "{not json}\n"
        + json.dumps({"conversation_id": 1, "role": "customer", "text": "Ok"}) + "\n",
        encoding="utf-8",
    )
    log = ReadLog()
    with pytest.warns(UserWarning):
        convs = list(iter_conversations(p, on_error="skip", log=log))
    assert [t.text for t in convs[0].turns] == ["Hi", "Ok"]
    assert log.problems[0].line == 2


def test_reads_parquet(tmp_path):
    p = tmp_path / "t.parquet"
    pd.DataFrame({"conversation_id": ["a", "a"], "role": ["customer", "agent"], "text": ["Hi", "Hello"]}).to_parquet(p)
    conv = next(iter_conversations(p))
    assert [t.text for t in conv.turns] == ["Hi", "Hello"]


def test_reads_a_dataframe_with_int_ids(tmp_path):
    df = pd.DataFrame({"conversation_id": [7, 7], "role": ["customer", "agent"], "text": ["Hi", "Hello"]})
    conv = next(iter_conversations(df))
    assert conv.id == "7"


def test_plain_text_without_header_uses_file_stem_as_id(tmp_path):
    p = tmp_path / "chat-42.txt"
    p.write_text("Customer: Hi there\nI need help\nAgent (Priya): Hello!\n", encoding="utf-8")
    conv = next(iter_conversations(p))
    assert conv.id == "chat-42"
    assert conv.turns[0].text == "Hi there\nI need help"
    assert conv.turns[1].author == "Priya"


def test_plain_text_headers_split_conversations_and_prefixes_accept_synonyms():
    text = "### a\nUser: hi\nRep: hello\n\n### b\ncaller: yo\nSUPPORT: hey\n"
    recs = [r for _, r in parse_transcript(text, "x")]
    assert [(r["conversation_id"], r["role"]) for r in recs] == [("a", "User"), ("a", "Rep"), ("b", "caller"), ("b", "SUPPORT")]


def test_plain_text_line_without_prefix_before_any_turn_is_a_row_problem():
    recs = list(parse_transcript("hello\nAgent: hi\n", "x"))
    assert recs[0][1]["__error__"].startswith("no speaker prefix")


def test_timestamps_accept_iso_and_epoch(tmp_path):
    p = _csv(tmp_path, "conversation_id,role,text,timestamp\n1,customer,a,2024-01-01T10:00:00Z\n1,agent,b,1704103260\n")
    conv = next(iter_conversations(p))
    assert conv.turns[1].timestamp - conv.turns[0].timestamp == 60


_cell = st.text(alphabet=string.ascii_letters + string.digits + " ,\"'\n;:-é😀", max_size=30)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["agent", "customer", "bogus", ""]), _cell), max_size=12))
def test_csv_reader_never_loses_a_valid_row(tmp_path, rows):
    df = pd.DataFrame(rows, columns=["conversation_id", "role", "text"])
    p = tmp_path / "h.csv"
    df.to_csv(p, index=False)
    log = ReadLog()
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        convs = list(iter_conversations(p, on_error="skip", log=log))
    kept = sum(len(c.turns) for c in convs)
    valid = sum(1 for _, role, _ in rows if role in ("agent", "customer"))
    assert kept == valid
    assert kept + len(log.problems) == len(rows)
