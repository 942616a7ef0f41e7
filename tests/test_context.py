"""Conversation state: facts, names, gender, questions and topics the customer gave."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tonecheck.context import ConversationState, StateExtractor
from tonecheck.nlp import NlpEngine

NLP = NlpEngine()
EXTRACTOR = StateExtractor()


def _state(*turns: tuple[str, str]) -> ConversationState:
    state = ConversationState()
    for i, (role, text) in enumerate(turns, start=1):
        if role == "customer":
            EXTRACTOR.add_customer_turn(state, i, NLP.lazy(text))
        else:
            EXTRACTOR.add_agent_reply(state, i, NLP.parse(text))
    return state


def test_username_email_and_order_number_are_found_with_exact_offsets():
    text = "My username is adelgado77, email a.d@example.org, order #55123."
    state = _state(("customer", text))
    for kind, value in (("username", "adelgado77"), ("email", "a.d@example.org"), ("order number", "55123")):
        fact = state.fact(kind)
        assert fact is not None and text[fact.start : fact.end] == value


def test_an_order_number_is_not_also_a_phone_number():
    state = _state(("customer", "My order 4471-9932 is late."))
    assert state.fact("order number") is not None and state.fact("phone") is None


def test_signed_honorific_sets_gender_and_surname():
    state = _state(("customer", "Please help.\nThanks,\nMr. Delgado"))
    assert state.gender == "male" and state.last_name is not None and state.last_name.value == "Delgado"


def test_dash_signature_after_an_email_is_read():
    state = _state(("customer", "My email is m.okafor@example.com - Ms. Okafor"))
    assert state.gender == "female" and state.honorific is not None


def test_a_correction_keeps_the_first_evidence_and_records_itself():
    state = _state(("customer", "Hi.\nMr. Delgado"), ("agent", "Hello ma'am."), ("customer", "It's sir, not ma'am."))
    assert state.gender_evidence is not None and state.gender_evidence.turn == 1
    assert state.gender_correction is not None and state.gender_correction.turn == 3


def test_thanking_the_agent_by_name_is_not_a_signature():
    state = _state(
        ("customer", "Where is it?"), ("agent", "Hi, I'm Sam. It ships today."), ("customer", "Thank you, Sam.")
    )
    assert state.first_name is None


def test_rhetorical_and_social_questions_are_not_collected():
    state = _state(("customer", "Are you even reading my messages? How are you? Why should I have to chase them?"))
    assert state.questions == []


def test_questions_carry_answer_type_and_keywords():
    state = _state(
        ("customer", "When will they come? How much is the Value plan? Can you check if my account is locked")
    )
    kinds = [q.kind for q in state.questions]
    assert kinds == ["when", "amount", "yesno"]
    assert "lock" in state.questions[2].keywords or "locked" in state.questions[2].keywords


def test_agent_reply_opens_a_new_question_window():
    state = _state(("customer", "Is there a cheaper plan?"), ("agent", "Yes."))
    assert state.questions == []


def test_topics_record_where_the_customer_raised_them():
    text = "Someone added an email address I don't recognise to my account."
    state = _state(("customer", text))
    assert "account-security" in state.topics
    sig = state.topics["account-security"]
    assert text[sig.start : sig.end] == sig.text


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
_filler = st.lists(_word, max_size=6).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    before=_filler,
    after=_filler,
    user=st.from_regex(r"[a-z]{2,10}[0-9]{1,3}", fullmatch=True),
    num=st.integers(min_value=1000, max_value=99_999_999),
)
def test_fact_offsets_always_point_at_the_value(before, after, user, num):
    text = f"{before} my username is {user} and order #{num}. {after}"
    state = _state(("customer", text))
    for items in state.facts.values():
        for fact in items:
            assert 0 <= fact.start < fact.end <= len(text)
            assert text[fact.start : fact.end] == fact.value
    got = state.fact("username")
    assert got is not None and got.value == user
    assert state.fact("order number") is not None and state.fact("order number").value == str(num)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_extraction_never_crashes_and_spans_stay_inside_the_text(text):
    state = _state(("customer", text))
    for items in state.facts.values():
        for fact in items:
            assert 0 <= fact.start <= fact.end <= len(text)
    for q in state.questions:
        assert 0 <= q.start <= q.end <= len(text)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Why is it so high, and can I pay it in instalments?", ["Why is it so high", "can I pay it in instalments?"]),
        ("How long does it take, and is there a charge?", ["How long does it take", "is there a charge?"]),
        ("Can you tell me when and where?", ["Can you tell me when and where?"]),
        ("Does it cover this, and would a claim affect my bonus?", ["Does it cover this", "would a claim affect my bonus?"]),
        ("Can you fix the data and tell me why that charge is there?", ["Can you fix the data", "tell me why that charge is there?"]),
        ("My bill went up by £4 - is that a price rise or a mistake?", ["My bill went up by £4", "is that a price rise or a mistake?"]),
        ("Is it a bit pricey - sure, but is it worth it?", ["Is it a bit pricey - sure, but is it worth it?"]),
        ("Booking ref KX7T2Q - can I change the date to the 14th and what will it cost me",
         ["Booking ref KX7T2Q", "can I change the date to the 14th", "what will it cost me"]),
        ("the water's brown since yesterday, is it safe to drink and how long will it last",
         ["the water's brown since yesterday", "is it safe to drink", "how long will it last"]),
        ("If I delete my account, will my invoices still be available?", ["If I delete my account, will my invoices still be available?"]),
        ("It all works now, is it?", ["It all works now, is it?"]),
    ],
)
def test_a_sentence_that_asks_two_things_is_two_questions(text, parts):
    from tonecheck.context import _split_compound_questions

    parsed = NLP.parse(text)
    assert [text[a:b] for a, b in _split_compound_questions(text, parsed.sentences)] == parts


@pytest.mark.parametrize("text", ["It worked!!! Oh my god thank you.", "Thank you so much!!!"])
def test_exclamation_marks_of_relief_are_not_distress(text):
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse(text))
    assert not state.distress


def test_exclamation_marks_of_anger_are_still_distress():
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse("Where is my refund???"))
    assert [s.kind for s in state.distress] == ["typographic"]


def test_a_damaged_item_is_not_a_mood():
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse("The lamp arrived with a cracked base. Can I get a replacement?"))
    assert not state.distress


def test_the_account_holder_named_in_the_message_is_the_customer():
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse("Please cancel my subscription. Account holder Benedikt Saar."))
    assert state.first_name is not None and state.first_name.value == "Benedikt"


def test_an_indirect_question_that_asks_two_things_is_two_questions():
    state = ConversationState()
    text = "I need to know if the policy covers a hire car, and how long the claim will take."
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse(text))
    assert len(state.questions) == 2


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Hi, Tasklane logs me out every ten minutes. I've cleared my cookies twice and it still happens. Farid", "Farid"),
        ("Hi, Siobhan Nguyen here again. The replacement arrived without a cable.", "Siobhan"),
        ("Please send reminders to my mobile. DOB 14/02/1979, name Ruth Ellery.", "Ruth"),
        ("Is there anything I need to do? Account E-55812, Joanne Reyes.", "Joanne"),
        ("Can I still pay my rent tomorrow? It's Aisha Rahman, card ending 4417.", "Aisha"),
        ("Hi, Tomasz Wróbel here, booking ref K7TX2Q.", "Tomasz"),
    ],
)
def test_names_given_in_everyday_shapes_are_found(text, first):
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse(text))
    assert state.first_name is not None and state.first_name.value == first


@pytest.mark.parametrize("text", ["Where is my parcel? Help", "I want a refund. Now", "It broke again. Unbelievable", "It's Monday. Still nothing."])
def test_a_last_word_that_is_not_a_name_is_not_taken_for_one(text):
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse(text))
    assert state.first_name is None


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Hi, I'm being charged for roaming. Name's Callum Reid.", "Callum"),
        ("hi it's Jon (no h) - my bill went up?", "Jon"),
        ("Hello,\nThe machine leaks. Order WM-88213.\nBest,\nSiân Roberts\n07700 900452", "Siân"),
    ],
)
def test_names_before_contact_lines_and_after_names_are_found(text, first):
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse(text))
    assert state.first_name is not None and state.first_name.value == first


def test_a_pin_entered_wrong_three_times_is_not_repeated_failure_distress():
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse("My phone asks for a PUK after I got my PIN wrong 3 times. Where do I find it?"))
    assert not state.distress


def test_a_fault_that_shows_every_time_the_app_opens_is_not_repeated_attempts():
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse("I'm getting 'sync paused' every time I open it on my laptop."))
    assert not state.distress


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Please cancel my subscription. Thanks, Hana Sato (hana.sato@example.org)", "Hana"),
        ("I'm getting anxious about running out. Joan Pryce, DOB 4/9/1951", "Joan"),
        ("Copies of my payslips please. Thanks, Jon Whitaker (employee no. 40177)", "Jon"),
        ("Would that even be possible? Anyway thanks, Ines", "Ines"),
    ],
)
def test_a_signature_followed_by_an_email_dob_or_reference_is_read(text, first):
    state = _state(("customer", text))
    assert state.first_name is not None and state.first_name.value == first


def test_an_order_code_after_the_question_and_a_subjectless_attempt_are_facts(analyzer):
    r = analyzer.analyze_reply("Hi, can you tell me your order number?", [("customer", "Where's my order? 33019-PL, due Monday.")])
    assert "reasked-information" in [f.name for f in r.findings]
    r = analyzer.analyze_reply("Have you tried restarting your phone?", [("customer", "Nothing loads. Already restarted twice.")])
    assert "reasked-information" in [f.name for f in r.findings]
    r = analyzer.analyze_reply("Have you tried restarting your phone?", [("customer", "The app crashed and restarted itself. Why?")])
    assert "reasked-information" not in [f.name for f in r.findings]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("my account got banned?? my gamertag is NightOwl_92", "Sorry to hear that. What's your gamertag so I can pull up your account?"),
        ("A payment I did not make. Card last four 0932. Please help.", "I'll raise a chargeback. Can you give me the last 4 digits of the card?"),
        ("Extend booking CRX-5521 please. You can call me on +44 7700 900 771 if needed.", "I can extend that. What's a good number to reach you on?"),
        ("Our admin account is ops@brightfield.example. SSO is down.", "Could you share the e-mail of the admin account so I can check?"),
        ("My roaming isn't working. I've turned the phone off and on.", "Have you tried restarting your phone?"),
    ],
)
def test_gamertags_last_four_digits_a_good_number_and_turning_it_off_and_on_are_facts(analyzer, customer, reply):
    names = [f.name for f in analyzer.analyze_reply(reply, [("customer", customer)]).findings]
    assert "reasked-information" in names


@pytest.mark.parametrize(
    "text",
    [
        "my mum was taken into hospital, her name is Joan Pryce dob 03/04/1948",
        "My son's name is Leo and he can't log in to the school app.",
    ],
)
def test_a_third_partys_name_is_not_the_customers(text):
    state = _state(("customer", text))
    assert state.first_name is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hello, i am using Ledgerly since two year, now the export is not more working, where I can find the option in new version?", "where"),
        ("I renewed last week and paid by card, when will the new policy documents arrive?", "when"),
        ("I renewed last week and paid by card, is that enough?", "yesno"),
    ],
)
def test_a_wh_clause_that_ends_a_long_question_gives_its_kind(text, kind):
    state = _state(("customer", text))
    assert [q.kind for q in state.questions] == [kind]


def test_does_the_hotel_have_parking_is_a_question_but_do_the_steps_is_not():
    state = _state(("customer", "Does the Harbourview Inn have parking and is it free?"))
    assert [q.text for q in state.questions] == ["Does the Harbourview Inn have parking", "is it free?"]
    state = _state(("customer", "Do the steps below and the router restarts itself."))
    assert not state.questions


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Booked flight SV2281. I'd like to know if my surfboard can go as checked baggage.", "yesno"),
        ("I'm going to Canada next week, and not sure whether my plan includes roaming there.", "yesno"),
        ("I need the date my repeat prescription will be ready.", "when"),
        ("my bill went up by 8 pounds, wondering about the fee called 'line access adjustment'.", "yesno"),
    ],
)
def test_questions_hidden_in_statements_are_read(text, kind):
    state = _state(("customer", text))
    assert [q.kind for q in state.questions] == [kind]
    assert all("wonder" not in q.keywords for q in state.questions)


def test_a_plain_statement_of_need_is_not_a_question():
    state = _state(("customer", "I need a new charger, the old one broke."))
    assert not state.questions


@pytest.mark.parametrize(
    ("text", "distress"),
    [
        ("Do you have the TRAIL-X 500 boots in size 42? Order page says OUT OF STOCK", False),
        ("The status shows PAYMENT FAILED again, what does that mean?", False),
        ("WHY IS MY ORDER STILL NOT HERE", True),
    ],
)
def test_capitals_copied_from_a_screen_or_a_code_are_not_shouting(text, distress):
    state = ConversationState()
    EXTRACTOR.add_customer_turn(state, 1, NLP.parse(text))
    assert any(s.kind == "typographic" for s in state.distress) is distress


def test_a_greeting_before_a_question_does_not_make_it_a_report():
    state = _state(("customer", "Hi, is the blue jacket in size M back in stock and do you ship to Ireland?"))
    assert [q.text for q in state.questions] == ["Hi, is the blue jacket in size M back in stock", "do you ship to Ireland?"]


def test_a_short_question_after_a_comma_points_back_to_its_clause():
    state = _state(("customer", "my friend cant see me online even tho we're friends, is that a bug?"))
    (q,) = state.questions
    assert q.text == "is that a bug?"
    assert "online" in q.context


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I have asked THREE TIMES and NOBODY has called me back", "typographic"),
        ("we're rolling out SAML SSO with Okta. Where do I find the ACS URL and Entity ID?", None),
        ("bought 2400 gems and they never showed up, and i got charged £19.99 TWICE??", None),
    ],
)
def test_shouted_words_are_distress_but_acronyms_and_a_double_charge_are_not(text, kind):
    kinds = {s.kind for s in _state(("customer", text)).distress}
    if kind is None:
        assert not kinds & {"typographic", "repeated"}
    else:
        assert kind in kinds


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("I renewed in January?? This is about Monday's bin that wasn't collected.", []),
        ("We already sent it back?!", []),
        ("I paid twice?", ["I paid twice?"]),
        ("Did I renew in January?", ["Did I renew in January?"]),
    ],
)
def test_what_the_customer_did_said_back_in_disbelief_is_not_a_question(text, asked):
    assert [q.text for q in _state(("customer", text)).questions] == asked


def test_pronoun_contractions_and_vague_places_are_not_question_keywords():
    (q,) = _state(("customer", "I was wondering whether they're still saved in the cloud somewhere.")).questions
    assert "they're" not in q.keywords and "somewhere" not in q.keywords and "cloud" in q.keywords


def test_what_the_customer_never_did_said_back_in_disbelief_is_not_a_question():
    assert _state(("customer", "I never asked about that order?? It's the subscription.")).questions == []


@pytest.mark.parametrize(
    "text",
    [
        "bought the 2400 crystal pack on my ps5 account twice by accident, can i get one refunded?",
        "player id is GRX-55810. the money is gone from my account twice",
    ],
)
def test_a_double_purchase_is_not_repeated_attempts(text):
    assert not any(s.kind == "repeated" for s in _state(("customer", text)).distress)


def test_a_bare_when_at_the_end_is_a_second_question():
    qs = _state(("customer", "I want a refund for the crackers, how much will I get back and when?")).questions
    assert [q.kind for q in qs] == ["amount", "when"]


def test_twice_as_long_as_quoted_is_not_repeated_attempts():
    text = "Also is there any compensation for the wait? 9 weeks was twice what we were quoted."
    assert not any(s.kind == "repeated" for s in _state(("customer", text)).distress)


def test_a_pointer_to_the_next_question_is_not_a_question_itself():
    qs = _state(("customer", "Great, and the second part? Lower payment or shorter term?")).questions
    assert [q.text for q in qs] == ["Lower payment or shorter term?"]
