"""Phrase lists compiled into one pattern; lexicon files readable and sourced."""

from __future__ import annotations

import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.lexicon import bare_start, compile_phrases, literal_guard, load_lexicon


def test_phrases_match_on_word_boundaries_only():
    pat = compile_phrases(["ass", "calm down"])
    assert pat.search("please calm   down") is not None
    assert pat.search("class assessment") is None


def test_apostrophes_match_straight_and_curly():
    assert compile_phrases(["that's not my problem"]).search("That’s not my problem")


def test_star_matches_word_endings_and_longest_phrase_wins():
    pat = compile_phrases(["frustrat*", "not my problem", "problem"])
    assert pat.search("so frustrating").group() == "frustrating"
    assert pat.search("that is not my problem").group() == "not my problem"


def test_empty_list_never_matches():
    assert compile_phrases([]).search("anything") is None


def test_every_shipped_lexicon_loads_and_names_its_source():
    folder = resources.files("tonecheck") / "lexicons"
    for entry in folder.iterdir():
        if entry.name.endswith(".yml"):
            assert isinstance(load_lexicon(entry.name[:-4]), dict)
            head = entry.read_text(encoding="utf-8")[:800].lower()
            assert "source" in head, f"{entry.name} does not note its source"


# --- the lower-case twins: a speed-up that must never change a result -------------------
_PHRASES = [
    "calm down", "not my problem", "frustrat*", "re:\\bI(?:'m| am)\\s+(?:so\\s+)?sorry\\b", "DNS", "PIN",
    "re:\\b(?:my|our)\\s+(?:\\w+\\s+){0,2}(?:died|passed away)\\b", "that's ridiculous", "SIM card",
]
_PIECES = ["Calm DOWN", "not my problem", "FRUSTRATED", "I'm so sorry", "i am SORRY", "dns", "the Pin", "My dog died",
           "Our old cat passed away", "That’s ridiculous", "sim CARD", "İstanbul", "ſorry", "x", " ", ".", "\n", "’"]


def test_lower_twin_lowercases_letters_but_not_escapes_or_group_names():
    import re

    from tonecheck.lexicon import lower_twin

    twin = lower_twin(re.compile(r"(?P<Name>\SDNS[A-Z])\b", re.IGNORECASE))
    assert twin is not None and twin.pattern == r"(?P<Name>\Sdns[a-z])\b" and not twin.flags & re.IGNORECASE
    assert lower_twin(re.compile("abc")) is None  # not case-insensitive: nothing to gain
    assert lower_twin(re.compile("(?-i:Abc)", re.IGNORECASE)) is None  # inline flags: not safe


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_matchers_find_exactly_what_the_case_insensitive_scan_finds(pieces):
    text = "".join(pieces)
    matcher, plain = compile_phrases(_PHRASES), compile_phrases(_PHRASES)
    assert matcher._raw_twin is not None and matcher._plain_twin is not None
    plain._raw_twin = plain._plain_twin = None  # the scan without the pre-check
    slow = [m.span() for m in plain.finditer(text)]
    fast = [m.span() for m in matcher.finditer(text)]
    assert fast == slow
    assert [m.span() for m in matcher.finditer(text)] == fast  # the cached result is the same


def test_topic_scan_on_lowered_text_matches_the_case_insensitive_scan():
    from tonecheck.topics import TopicLexicon

    lex = TopicLexicon()
    text = "I FORGOT my Password and the App says my Card was DECLINED; where is my PARCEL? İ"
    for pattern in (lex.customer_re, lex.solution_re):
        hits = lex._scan(pattern, text)
        assert [(h.start, h.end, h.text) for h in hits] == [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


_GUARDED = [
    r"(?:(?<=\bwill )|(?<=\bcan )|(?<=\bdidn't ))sent\b",
    r"(?<!does )(?<!did )\bhe\s+(?:visit|arrive)\b",
    r"(?<![\w'’])your\s+(?=(?:right|correct))",
    r"(?<=\bthe )colou?r\b",
]


def test_literal_guard_adds_a_lookahead_after_leading_lookbehinds():
    assert literal_guard(_GUARDED[0]).startswith("(?=sent)")
    assert literal_guard(_GUARDED[1]).startswith("(?=he)")
    assert literal_guard(_GUARDED[3]).startswith("(?=colo)")  # the optional "u" is not required


def test_literal_guard_leaves_patterns_it_cannot_prove_alone():
    for src in [r"plain\b", r"(?<!a )sent|foo", r"(?:(?<=a )|b)sent", r"(?<!x)(?:a|b)c", r"(?<!x)\d+"]:
        assert literal_guard(src) == src


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["will", "can", "sent", "didn't", "does", "he", "visit", "your", "right", "the",
                                 "color", "colour", "He", "SENT", "x", "'", "’", "\n"]), max_size=12),
       st.sampled_from([" ", "  ", ""]))
def test_literal_guard_matches_exactly_what_the_pattern_matches(words, sep):
    text = sep.join(words) if sep else " ".join(words).replace(" ", "", 1)
    for src in _GUARDED:
        a = [m.span() for m in re.finditer(src, text, re.IGNORECASE)]
        b = [m.span() for m in re.finditer(literal_guard(src), text, re.IGNORECASE)]
        assert a == b


def test_the_apostrophe_of_nt_may_be_left_out_but_no_other():
    assert compile_phrases(["can't afford"]).search("we cant afford this")
    assert compile_phrases(["can't afford"]).search("we can’t afford this")
    assert compile_phrases(["we'll call"]).search("well call me") is None


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        (r"\bfoo\s+bar", r"foo\s+bar"),
        (r"\b(?:sign|log)\s+in", r"(?:sign|log)\s+in"),
        (r"\bfoo|\bbar", r"foo|bar"),
        (r"\b£5|\bfee", r"\b£5|fee"),  # a branch opening with a non-word character keeps it
        (r"\bs?ign", r"\bs?ign"),  # an optional first letter: unsure, kept
        (r"\b(?:the\s+)?fee", r"\b(?:the\s+)?fee"),  # an optional group: kept
        (r"\b(?:a|\(b)", r"\b(?:a|\(b)"),  # one branch opens with "(": kept
        (r"x\s+(?:y|\bz)", r"x\s+(?:y|\bz)"),  # a \b inside the phrase is not at its start
        (r"\b\d+\s+days", r"\b\d+\s+days"),
    ],
)
def test_bare_start_drops_only_the_opening_boundary_that_always_holds(fragment: str, expected: str) -> None:
    assert bare_start(fragment) == expected


_FRAGMENTS = [r"\bfoo\s+bar", r"\b(?:sign|log)\s+in", r"\b£5|\bfee", r"\bs?ign", r"x\s+(?:y|\bz)", r"\b(?:a|b)c"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcfgilnorsxyz£5' \n(", max_size=40))
def test_bare_start_matches_what_the_fragment_matches_after_the_alternation_guard(text: str) -> None:
    for frag in _FRAGMENTS:
        old = re.compile(rf"(?<![\w'’])(?:{frag})(?![\w])")
        new = re.compile(rf"(?<![\w'’])(?:{bare_start(frag)})(?![\w])")
        assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]
