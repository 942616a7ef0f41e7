"""One-line error rendering: FILE:LINE: COLUMN: what is wrong."""

from tonecheck.errors import InputError


def test_error_line_names_file_line_and_column():
    assert str(InputError("unknown role 'x'", file="a.csv", line=3, column="role")) == "a.csv:3: role: unknown role 'x'"


def test_error_without_line_reads_file_colon_message():
    assert str(InputError("empty file", file="a.csv")) == "a.csv: empty file"
