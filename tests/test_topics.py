"""Topic and intent lexicon: what a customer turn raises and what a reply works on."""

from __future__ import annotations

import pytest

from tonecheck.nlp import NlpEngine
from tonecheck.topics import shared_lexicon


@pytest.fixture(scope="session")
def lex():
    return shared_lexicon()


@pytest.fixture(scope="session")
def nlp():
    return NlpEngine()


def _intents(hits):
    return {h.intent for h in hits}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Someone added an email address I don't recognise to my account.", "account-security"),
        ("I can't log in, it says my password is wrong.", "login-password"),
        ("My parcel hasn't arrived and tracking hasn't updated.", "delivery"),
        ("The shoes are too small, can I swap them?", "returns-exchange"),
        ("Please delete all my data.", "data-privacy"),
        ("A new device signed into my account and I don't even recognise the email.", "account-security"),
        ("Ledgerly won't export my invoices to PDF, it just spins.", "technical-fault"),
    ],
)
def test_customer_turns_raise_their_intent(lex, nlp, text, intent):
    assert intent in _intents(lex.customer_hits(nlp.parse(text)))


def test_mobile_data_is_not_personal_data(lex, nlp):
    hits = lex.customer_hits(nlp.parse("I'm in Spain and my data isn't working."))
    assert "data-privacy" not in _intents(hits)


@pytest.mark.parametrize(
    ("reply", "intent"),
    [
        ("I recommend a password reset; you'll get a reset link.", "login-password"),
        ("I've changed order 40277 to size M.", "returns-exchange"),
        ("Your parcel should arrive on Friday.", "delivery"),
    ],
)
def test_replies_work_on_the_intent_of_their_solution(lex, nlp, reply, intent):
    assert intent in _intents(lex.solution_hits(nlp.parse(reply)))


@pytest.mark.parametrize(
    "reply",
    ["Your old SIM still works, so calls and texts will reach you there.", "Returns are accepted within 30 days from delivery."],
)
def test_texts_reaching_you_and_a_return_window_are_not_delivery_solutions(lex, nlp, reply):
    assert "delivery" not in _intents(lex.solution_hits(nlp.parse(reply)))


def test_hits_carry_offsets_into_the_original_text(lex, nlp):
    text = "Please RESET YOUR PASSWORD now."
    for h in lex.solution_hits(nlp.parse(text)):
        assert text[h.start : h.end] == h.text


def test_related_intents_are_allowed_but_unrelated_ones_are_not(lex):
    allowed = lex.allowed({"delivery"})
    assert {"delivery", "billing-refund"} <= allowed
    assert "login-password" not in allowed


def test_a_payment_the_customer_did_not_make_is_account_security(lex, nlp):
    hits = lex.customer_hits(nlp.parse("I didn't make a payment of $640 to 'QuickMart Online' yesterday."))
    assert "account-security" in _intents(hits)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("I have a physio appointment on Tuesday but I can't make mornings that week. Is there anything in the afternoon instead?", "appointment"),
        ("My MRI is on the 12th but I'll be away. Can I move it?", "appointment"),
        ("I ordered the vegan curry and got chicken.", "returns-exchange"),
        ("Water pressure in our flat has been really low since Monday.", "technical-fault"),
    ],
)
def test_moving_a_visit_a_wrong_dish_and_low_pressure_are_recognised(lex, nlp, text, intent):
    assert intent in _intents(lex.customer_hits(nlp.parse(text)))


def test_a_parcel_that_arrived_broken_is_damage_not_delivery(lex, nlp):
    hits = lex.customer_hits(nlp.parse("My order arrived today but the box was crushed and the lamp base inside is cracked."))
    assert _intents(hits) == {"returns-exchange"}


@pytest.mark.parametrize(
    ("reply", "intent"),
    [
        ("Just pop it in the returns bag and send it back.", "returns-exchange"),
        ("Sorry your order was late! I've added a voucher.", "delivery"),
        ("I've moved your appointment to Thursday at 2 pm.", "appointment"),
        ("Lovely, I've booked you in for 18 March at 10:40.", "appointment"),
    ],
)
def test_replies_that_return_apologise_for_lateness_or_move_a_visit(lex, nlp, reply, intent):
    assert intent in _intents(lex.solution_hits(nlp.parse(reply)))


def test_a_rebooked_flight_is_not_an_appointment_solution(lex, nlp):
    assert "appointment" not in _intents(lex.solution_hits(nlp.parse("I've rebooked you on the 14:05 flight.")))


@pytest.mark.parametrize(
    "reply",
    [
        "You can upgrade to VIP Lounge access for £35 per person, which includes a drink.",
        "Our new spin classes start on Monday and members get the first class free!",
        "Our packing materials can be bought from our online shop, with 10% off for existing customers.",
        "Our Full Protection cover reduces your excess to zero.",
    ],
)
def test_upsells_in_any_trade_are_sales_offers(lex, nlp, reply):
    assert "promotion" in _intents(lex.solution_hits(nlp.parse(reply)))


def test_asking_for_a_cheaper_plan_invites_an_offer(lex, nlp):
    assert "promotion" in _intents(lex.customer_hits(nlp.parse("Is there any way to get a cheaper plan? I'm paying £45 a month.")))


def test_every_topic_phrase_is_a_string():
    # A plain YAML scalar with "?: " or ": " inside turns into a mapping; this catches it
    # at the file instead of at the first Analyzer().
    from tonecheck.lexicon import load_lexicon

    for intent, spec in load_lexicon("topics")["intents"].items():
        for kind in ("customer", "solutions", "lemmas"):
            for phrase in spec.get(kind) or ():
                assert isinstance(phrase, str), (intent, kind, phrase)
