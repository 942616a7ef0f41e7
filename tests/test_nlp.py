"""The NLP engine and the parsed view checks share."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.nlp import NlpEngine


@pytest.fixture(scope="module")
def nlp() -> NlpEngine:
    return NlpEngine()


def test_pipe_parses_each_text_once_in_order(nlp):
    out = list(nlp.pipe(["Hello there.", "Second one!"]))
    assert [p.text for p in out] == ["Hello there.", "Second one!"]
    assert out[0].tokens[0].text == "Hello"


def test_lookup_lemmatizer_gives_base_forms(nlp):
    p = nlp.parse("The parcels were delivered")
    assert {"parcel", "deliver", "be"} <= p.lemmas


def test_sentences_also_split_at_line_breaks(nlp):
    p = nlp.parse("Hi Dana\nThanks for waiting. It is done")
    assert [p.text[s:e] for s, e in p.sentences] == ["Hi Dana", "Thanks for waiting.", "It is done"]


def test_quoted_ranges_cover_double_and_curly_quotes_but_not_apostrophes(nlp):
    p = nlp.parse('You said "calm down" and it\'s “not ok”.')
    quoted = [p.text[s:e] for s, e in p.quoted]
    assert quoted == ['"calm down"', "“not ok”"]
    assert p.in_quotes(p.text.index("calm"), p.text.index("calm") + 4)


def test_negated_sees_a_negation_earlier_in_the_sentence(nlp):
    p = nlp.parse("I'm not blaming you. You caused it.")
    assert p.negated(p.text.index("blaming"))
    assert not p.negated(p.text.index("caused"))


def test_lower_keeps_offsets_for_characters_that_change_length(nlp):
    p = nlp.parse("İstanbul office")
    assert len(p.lower) == len(p.text)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=200))
def test_sentences_and_tokens_stay_inside_the_text(text):
    p = _SHARED.parse(text)
    for s, e in p.sentences:
        assert 0 <= s <= e <= len(text)
    for t in p.tokens:
        assert text[t.idx : t.idx + len(t.text)] == t.text


_SHARED = NlpEngine()


def test_negation_does_not_reach_across_a_clause_break(nlp):
    p = nlp.parse("If not, that's on you.")
    assert not p.negated(p.text.index("that's"))
    q = nlp.parse("That's not on you.")
    assert q.negated(q.text.index("on you"))
