"""Clarity checks: spelling, grammar, jargon, hard-to-read — and what they must never flag."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.analyzer import Analyzer
from tonecheck.checks.clarity import flesch_reading_ease, load_dictionary, syllables


def _hits(analyzer, name, reply, *customer):
    rep = analyzer.analyze_reply(reply, [("customer", c) for c in customer])
    return [rep.text[f.start:f.end] for f in rep.findings if f.name == name]


def test_misspellings_are_flagged_with_a_correction(analyzer):
    rep = analyzer.analyze_reply("You will recieve it in your acount.")
    spell = [f for f in rep.findings if f.name == "spelling"]
    assert [rep.text[f.start:f.end] for f in spell] == ["recieve", "acount"]
    assert "receive" in spell[0].suggestion


def test_chat_shorthand_gets_the_full_word(analyzer):
    rep = analyzer.analyze_reply("Thx, pls check ur inbox.")
    sugg = {rep.text[f.start:f.end]: f.suggestion for f in rep.findings if f.name == "spelling"}
    assert set(sugg) == {"Thx", "pls", "ur"} and "please" in sugg["pls"]


@pytest.mark.parametrize(
    "reply",
    [
        "Thanks Siobhan Nguyen, your Zorblix X2 ships today.",
        "Quote RMA-4471B and order ORD-55123 on the box.",
        "Write to #NAME# at [EMAIL] about <ORDER_ID>.",
        "See https://example.com/helpdesk-faqz or mail help@exmple.org.",
        "Our colleague Oyelaran will call.",
    ],
)
def test_names_codes_placeholders_urls_and_emails_are_never_spelling(analyzer, reply):
    assert _hits(analyzer, "spelling", reply) == []


def test_words_the_customer_used_first_are_not_spelling(analyzer):
    assert _hits(analyzer, "spelling", "I've reset the widgt.", "The widgt on my dashbord is broken") == []


def test_glossary_terms_are_not_spelling():
    an = Analyzer(config={"glossary": ["Kwikflo", "flexipay"]})
    assert [f.name for f in an.analyze_reply("Your flexipay plan is active.").findings if f.name == "spelling"] == []


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("i will send it today.", "i"),
        ("Please check the the settings page.", "the the"),
        ("Your welcome, have a nice day.", "Your welcome"),
        ("I could of sent it sooner.", "could of"),
        ("That is alot of emails.", "alot"),
        ("Thanks for waiting. the refund is done.", "the"),
        ("I dont know yet.", "dont"),
    ],
)
def test_mechanical_grammar_errors_are_flagged(analyzer, reply, evidence):
    assert evidence in _hits(analyzer, "grammar", reply)


@pytest.mark.parametrize(
    "reply",
    [
        "I had had no reply, so I called them.",
        "You're welcome!",
        "Open the app, i.e. the blue icon.",
        "I've checked your iPhone settings.",
        "Steps:\nopen the app\ntap Settings",
        "Someone signed in in Lisbon.",
    ],
)
def test_grammar_near_misses_stay_silent(analyzer, reply):
    assert _hits(analyzer, "grammar", reply) == []


def test_a_long_reply_without_punctuation_is_grammar_and_hard_to_read(analyzer):
    reply = " ".join(["the plan is faster and better for gaming"] * 5)
    rep = analyzer.analyze_reply(reply)
    assert {"grammar", "hard-to-read"} <= {f.name for f in rep.findings}


def test_unexplained_jargon_is_flagged_with_plain_words(analyzer):
    rep = analyzer.analyze_reply("Your ONT needs a firmware reflash.")
    jargon = [f for f in rep.findings if f.name == "jargon"]
    assert [rep.text[f.start:f.end] for f in jargon] == ["ONT", "firmware", "reflash"]
    assert "fibre" in jargon[0].suggestion


@pytest.mark.parametrize(
    "reply",
    [
        "Quote your RMA (return authorisation) number.",
        "An RMA is a return number; I've made one.",
        "The RMA number is your return reference.",
    ],
)
def test_explained_jargon_is_not_flagged(analyzer, reply):
    assert _hits(analyzer, "jargon", reply) == []


def test_jargon_the_customer_used_first_is_not_flagged(analyzer):
    assert _hits(analyzer, "jargon", "The DNS change takes an hour.", "Is the DNS broken?") == []


def test_a_very_long_sentence_is_hard_to_read_with_a_split_hint(analyzer):
    sent = "Following the review of your account, which our team completed yesterday, " + "and the checks that apply " * 8 + "we will write."
    rep = analyzer.analyze_reply(sent)
    f = [f for f in rep.findings if f.name == "hard-to-read"]
    assert f and f[0].severity.value == "info" and "Split" in f[0].suggestion


def test_max_sentence_words_option_is_honoured():
    strict = Analyzer(config={"select": ["hard-to-read"], "rules": {"hard-to-read": {"max_sentence_words": 8}}})
    assert strict.analyze_reply("Your refund has been processed and will reach your card within five days.").findings


def test_short_plain_replies_are_easy_to_read(analyzer):
    assert _hits(analyzer, "hard-to-read", "Your refund is on its way. It reaches your card in 3 to 5 days.") == []


def test_flesch_and_syllables_behave_sensibly():
    assert syllables("cat") == 1 and syllables("refund") == 2 and syllables("notwithstanding") >= 4
    assert flesch_reading_ease("The cat sat on the mat.") > flesch_reading_ease(
        "Notwithstanding the aforementioned considerations, reimbursement necessitates authorisation."
    )


def test_dictionary_knows_inflections_but_not_known_misspellings():
    d = load_dictionary()
    assert d.known("refunded") and d.known("reactivated") and not d.known("recieve")
    assert d.suggest("recieve") == "receive"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_clarity_findings_have_valid_offsets_on_any_text(text):
    rep = _SHARED.analyze_reply(text)
    for f in rep.findings:
        assert 0 <= f.start <= f.end <= len(text)


_SHARED = Analyzer(config={"select": ["CLR"]})
