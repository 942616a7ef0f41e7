"""Phrase lists compiled into one pattern; lexicon files readable and sourced."""

from __future__ import annotations

from importlib import resources

from tonecheck.lexicon import compile_phrases, load_lexicon


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
