"""Professionalism checks: profanity (PRO001), misdirected-message (PRO002), shouting (PRO003)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tonecheck.analyzer import Analyzer
from tonecheck.checks.professionalism import profanity_matcher


def found(analyzer, reply, context=(), name=None):
    """(name, evidence text) of the professionalism findings for one reply."""
    report = analyzer.analyze_reply(reply, list(context))
    return [
        (f.name, report.text[f.start : f.end])
        for f in report.findings
        if f.category == "professionalism" and (name is None or f.name == name)
    ]


# --- profanity -------------------------------------------------------------------------

SCUNTHORPE = [
    "class", "classic", "assess", "assessment", "assassin", "bass", "passion", "Scunthorpe",
    "cocktail", "cockpit", "peacock", "Hancock", "Sussex", "Middlesex", "Essex", "sextant",
    "Penistone", "analysis", "analyst", "canal", "arsenal", "parse", "title", "titter",
    "Dickens", "shiitake", "hello", "shell", "Michelle", "raccoon", "cocoon", "tycoon",
    "snigger", "spice", "conspicuous", "homogeneous", "shoe", "scrap", "cumulative",
    "document", "mustard", "custard", "retardant", "Japan", "Pakistan", "Amsterdam",
    "therapist", "button", "buttress", "glassware", "embarrass", "compass", "grape",
    "night", "knight", "swop", "gobbledygook", "cucumber", "circumstance", "specialist",
]


@pytest.mark.parametrize("word", SCUNTHORPE)
def test_innocent_words_containing_profane_substrings_are_not_profanity(analyzer, word):
    assert found(analyzer, f"Thanks for asking about the {word}, it ships tomorrow.", name="profanity") == []


def test_scunthorpe_sentences_yield_no_finding(analyzer):
    reply = (
        "Your class starts Monday. We'll assess the cocktail glasses from our Scunthorpe "
        "warehouse, and our guest host is Dick Van Dyke."
    )
    assert found(analyzer, reply, name="profanity") == []


@pytest.mark.parametrize(
    ("reply", "word"),
    [
        ("This is such a f***ing mess.", "f***ing"),
        ("Oh sh*t, sorry.", "sh*t"),
        ("What a load of sh1t.", "sh1t"),
        ("Don't be an a$$ about it.", "a$$"),
        ("Stop being a b!tch.", "b!tch"),
        ("f.u.c.k this queue", "f.u.c.k"),
        ("What the f--k happened?", "f--k"),
        ("Fuuuuck, the system is down.", "Fuuuuck"),
        ("Well, that's a**hole behaviour.", "a**hole"),
    ],
)
def test_masked_and_leetspeak_forms_are_profanity(analyzer, reply, word):
    assert ("profanity", word) in found(analyzer, reply, name="profanity")


@pytest.mark.parametrize(
    "reply",
    [
        "Prices marked with an asterisk* include VAT.",
        "**Important**: your order ships today.",
        "*sigh* mondays, right? Your refund is on its way.",
        "The Galaxy A55 is back in stock.",
        "Meet us at 4pm, gate B12.",
    ],
)
def test_asterisks_codes_and_emphasis_are_not_masked_swears(analyzer, reply):
    assert found(analyzer, reply, name="profanity") == []


def test_insults_aimed_at_the_customer_are_profanity(analyzer):
    assert ("profanity", "idiot") in found(analyzer, "Honestly, what an idiot.")
    assert found(analyzer, "You're so stupid.", name="profanity")
    assert found(analyzer, "That's a dumb question.", name="profanity")
    assert found(analyzer, "Are you deaf? I said tomorrow.", name="profanity")


@pytest.mark.parametrize(
    "reply",
    [
        "There's no such thing as a stupid question.",
        "You're not stupid at all, the form is confusing.",
        "I feel like an idiot, I sent you the wrong link.",
        "You are entitled to a full refund.",
        "Sorry, the stupid printer jammed again.",
        "I'm sorry my colleague called you an idiot; that was unacceptable.",
        "The clown costume ships in two days.",
    ],
)
def test_negated_self_directed_and_non_personal_insult_words_are_not_flagged(analyzer, reply):
    assert found(analyzer, reply, name="profanity") == []


def test_severity_rises_with_the_term(analyzer):
    mild = analyzer.analyze_reply("Sorry, the damn page froze.").findings
    strong = analyzer.analyze_reply("Sorry, the fucking page froze.").findings
    assert [f.severity.value for f in mild if f.name == "profanity"] == ["warning"]
    assert [f.severity.value for f in strong if f.name == "profanity"] == ["error"]


def test_slurs_are_errors(analyzer):
    findings = analyzer.analyze_reply("Tell your faggot manager to call us.").findings
    assert [f.severity.value for f in findings if f.name == "profanity"] == ["error"]


def test_customer_swearing_is_not_the_agents_finding(analyzer):
    context = [("customer", "This is complete shit, you f***ing idiots. FIX IT NOW!!!")]
    reply = "I'm sorry it's been so frustrating. I've reset the line; it's back up now."
    assert found(analyzer, reply, context) == []


def test_customer_rows_are_never_scored(analyzer):
    import pandas as pd

    turns = pd.DataFrame(
        {
            "conversation_id": [1, 1],
            "role": ["customer", "agent"],
            "text": ["This is shit!!! FIX IT", "Sorry about that, it's fixed now."],
        }
    )
    scored = analyzer.score_transcripts(turns)
    assert len(scored) == 1
    assert not [f for f in scored["findings"][0] if f["category"] == "professionalism"]


def test_quoted_words_are_mentions_not_swearing(analyzer):
    reply = 'You wrote "this is crap" and you\'re right to be annoyed; I\'ve refunded you.'
    assert found(analyzer, reply, name="profanity") == []


def test_capitalised_name_like_terms_are_names(analyzer):
    assert found(analyzer, "Please ask Dick in accounts, he'll confirm.", name="profanity") == []
    assert found(analyzer, "Mr Coon has approved the refund.", name="profanity") == []
    assert found(analyzer, "Don't be a dick.", name="profanity")


def test_words_in_other_languages_are_not_english_swears(analyzer):
    assert found(analyzer, "Ik weet niet hoe het werkt, maar ik kijk het na.", name="profanity") == []
    assert found(analyzer, "El color negro está agotado, lo siento.", name="profanity") == []


def test_glossary_terms_are_not_profanity():
    an = Analyzer(config={"glossary": ["Hooters"]})
    assert found(an, "Your Hooters gift card is on its way.", name="profanity") == []


SAFE_WORDS = [
    "thanks", "order", "refund", "today", "tomorrow", "account", "email", "sorry", "the", "a",
    "your", "we", "will", "check", "delivery", "parcel", "courier", "password", "reset", "link",
    "class", "assess", "cocktail", "Scunthorpe", "grass", "shell", "button", "analysis",
]


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SAFE_WORDS), min_size=1, max_size=20))
def test_sentences_of_safe_words_never_flag_profanity(analyzer, words):
    assert found(analyzer, " ".join(words) + ".", name="profanity") == []


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(SAFE_WORDS), min_size=0, max_size=8),
    st.sampled_from(["fuck", "shit", "bitch", "asshole", "cunt", "bastard", "wanker"]),
    st.lists(st.sampled_from(SAFE_WORDS), min_size=0, max_size=8),
)
def test_a_swear_anywhere_in_a_reply_is_found_with_its_offsets(analyzer, before, term, after):
    reply = " ".join([*before, term, *after]) + "."
    start = len(" ".join(before)) + (1 if before else 0)
    report = analyzer.analyze_reply(reply)
    spans = [(f.start, f.end) for f in report.findings if f.name == "profanity"]
    assert any(s <= start and start + len(term) <= e for s, e in spans)


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_matcher_returns_spans_inside_any_text(text):
    for hit in profanity_matcher().find(text):
        assert 0 <= hit.start < hit.end <= len(text)


# --- misdirected-message ---------------------------------------------------------------


def test_rant_meant_for_a_colleague_is_misdirected(analyzer):
    reply = (
        "Ugh, this guy is such a f***ing idiot, he's been going on about a 15% code for ten "
        "minutes. @Sam can you take him lol, I can't deal with this shit today."
    )
    assert found(analyzer, reply, name="misdirected-message")


@pytest.mark.parametrize(
    "reply",
    [
        "She keeps asking for a refund she isn't entitled to.",
        "the customer is asking again, can someone take over this one",
        "cust wants a refund, pls escalate",
        "note to self: check the refund for order 55102 tomorrow",
        "lol this lady again",
    ],
)
def test_third_person_chatter_and_notes_to_self_are_misdirected(analyzer, reply):
    ctx = [("customer", "My order hasn't arrived."), ("agent", "Let me check."), ("customer", "Any news?")]
    assert found(analyzer, reply, ctx, name="misdirected-message")


def test_greeting_a_colleague_by_name_is_misdirected(analyzer):
    import pandas as pd

    turns = pd.DataFrame(
        {
            "conversation_id": [1, 1, 1, 1],
            "role": ["customer", "agent", "customer", "agent"],
            "author": [None, "Sam", None, "Jen"],
            "text": [
                "Hi, I'm Dana, my order is late.",
                "Hi Dana, let me check.",
                "Thanks.",
                "Hey Sam, can you check order 55102 for me? Courier says it's lost.",
            ],
        }
    )
    scored = analyzer.score_transcripts(turns)
    names = [f["name"] for f in scored["findings"][1]]
    assert "misdirected-message" in names


def test_an_agent_introducing_himself_by_name_is_not_greeting_a_colleague(analyzer):
    import pandas as pd

    turns = pd.DataFrame(
        {
            "conversation_id": [1, 1, 1, 1],
            "role": ["customer", "agent", "customer", "agent"],
            "author": [None, "Omar", None, "Omar"],
            "text": [
                "I lost the receipt, I paid by card. Can I still return it?",
                "You must bring proof of purchase.",
                "But I paid by card, can't you look it up?",
                "Hi, Omar here, I'm a supervisor. Sorry for the confusion: a card payment counts as proof of purchase.",
            ],
        }
    )
    scored = analyzer.score_transcripts(turns)
    assert "misdirected-message" not in [f["name"] for f in scored["findings"][1]]


@pytest.mark.parametrize(
    ("context", "reply"),
    [
        ([], "The courier said he'll be there between 9 and 12."),
        (
            [("customer", "My husband placed the order but I can't see it.")],
            "He can add you as a second user; once he does, you'll see it.",
        ),
        ([], "I've spoken to Mark in billing and he's refunded the difference."),
        ([], "Our engineer will call you when she's on her way."),
        ([], "The customer is responsible for return postage under our policy."),
        ([], "Haha, that's a great name for a dog! Your order ships today."),
        ([("customer", "Can you help me?")], "Of course, I'm happy to help you with that."),
    ],
)
def test_legitimate_third_person_is_not_misdirected(analyzer, context, reply):
    assert found(analyzer, reply, context, name="misdirected-message") == []


def test_twitter_handle_of_the_customer_is_not_a_colleague_tag(analyzer):
    reply = "@115712 Sorry to hear that! Please DM us your order number and we'll take a look."
    assert found(analyzer, reply, name="misdirected-message") == []


# --- shouting --------------------------------------------------------------------------


def test_capitals_and_exclamation_runs_are_shouting(analyzer):
    reply = "If you had read the email you would know to use the NEW password. PLEASE READ THE EMAIL!!!"
    assert found(analyzer, reply, name="shouting") == [
        ("shouting", "NEW"),
        ("shouting", "PLEASE READ THE EMAIL"),
        ("shouting", "!!!"),
    ]


def test_question_mark_runs_are_shouting(analyzer):
    assert found(analyzer, "Why would you do that???", name="shouting") == [("shouting", "???")]


@pytest.mark.parametrize(
    "reply",
    [
        "Your RMA is RMA-20931; the PIN is on the back of the SIM card.",
        "Please flush the DNS cache and check the SLA with your ISP.",
        "Use the code WELCOME15 at checkout.",
        "Click SAVE, then tap the SUBMIT button.",
        "I've upgraded you to the PREMIUM plan.",
        "Reply STOP to unsubscribe.",
        "Great news, it's fixed! Thanks so much!",
        "Your order ships from the UK by DHL, ETA Friday 10 AM.",
        "Email us at SUPPORT@EXAMPLE.COM or use [NAME] in the form.",
        'The screen says "ACCESS DENIED", which means the card is locked.',
        "Please power-cycle the ONT and check the PON light.",
    ],
)
def test_acronyms_codes_labels_and_quotes_are_not_shouting(analyzer, reply):
    assert found(analyzer, reply, name="shouting") == []


def test_glossary_terms_in_capitals_are_not_shouting():
    an = Analyzer(config={"glossary": ["ZORBLIX", "SWIFT"]})
    assert found(an, "Your ZORBLIX router is ready.", name="shouting") == []


def test_customer_shouting_is_not_the_agents_finding(analyzer):
    context = [("customer", "WHY IS THIS STILL BROKEN??? I HAVE ASKED THREE TIMES!!!")]
    reply = "I'm sorry it's still not working. I've reset the line; it's back up now."
    assert found(analyzer, reply, context, name="shouting") == []


def test_customer_name_in_capitals_is_not_shouting(analyzer):
    context = [("customer", "Hi, my name is Dana Whitfield and my order is late.")]
    assert found(analyzer, "The parcel is addressed to DANA WHITFIELD.", context, name="shouting") == []


def test_customer_own_capitalised_term_is_not_shouting(analyzer):
    context = [("customer", "My ECHO speaker won't pair with the app.")]
    assert found(analyzer, "Let's reset the ECHO speaker first.", context, name="shouting") == []
    assert found(analyzer, "Let's reset the ECHO speaker first.", name="shouting")


def test_name_in_capitals_after_a_greeting_is_not_shouting(analyzer):
    assert found(analyzer, "Hi JOHN, your parcel is on its way.", name="shouting") == []


@pytest.mark.parametrize(
    "reply",
    [
        "The tranny on your truck needs new fluid; the mechanic can rebuild it.",
        "The garden hoe and rake are back in stock.",
        "Our Maine coon cat bed ships tomorrow.",
        "That doo-wop album is on sale this week.",
    ],
)
def test_innocent_senses_of_ambiguous_terms_are_not_profanity(analyzer, reply):
    assert found(analyzer, reply, name="profanity") == []


@pytest.mark.parametrize("reply", ["NO, that is not possible.", "I am SO sorry about this."])
def test_short_words_in_capitals_for_emphasis_are_shouting(analyzer, reply):
    assert any(f.name == "shouting" for f in analyzer.analyze_reply(reply, [("customer", "Is it late?")]).findings)


@pytest.mark.parametrize("reply", ["Reply YES or NO to confirm.", "Text STOP or HELP.", "It's OK, the ID is on the SIM."])
def test_keywords_to_type_and_short_acronyms_are_not_shouting(analyzer, reply):
    assert not any(f.name == "shouting" for f in analyzer.analyze_reply(reply, [("customer", "Is it late?")]).findings)


def test_an_acronym_spelled_out_in_the_reply_is_not_shouting(analyzer):
    reply = "Please chase the PAS, our Patient Administration Service, on 0161 496 0000."
    assert [f.name for f in analyzer.analyze_reply(reply).findings if f.name == "shouting"] == []


def test_he_about_the_man_the_customer_mentioned_is_not_misdirected(analyzer):
    ctx = [("customer", "The man at the station said I could claim the fare back online. Is that right?")]
    report = analyzer.analyze_reply("He was right. You're due a full refund of the £42.", ctx)
    assert "misdirected-message" not in [f.name for f in report.findings]


def test_she_about_the_loss_adjuster_is_not_misdirected(analyzer):
    ctx = [("customer", "The loss adjuster came yesterday about my kitchen leak. What happens now?")]
    report = analyzer.analyze_reply("The adjuster's notes say she traced the leak to the dishwasher hose.", ctx)
    assert "misdirected-message" not in [f.name for f in report.findings]


def test_a_stressed_adjective_after_in_a_is_shouting_but_a_short_acronym_there_is_not(analyzer):
    rep = analyzer.analyze_reply("Drinks are packed in a SEPARATE bag. Please check again.")
    assert [rep.text[f.start:f.end] for f in rep.findings if f.name == "shouting"] == ["SEPARATE"]
    for reply in ["Your case is in the MOP queue.", "Open it in the SETTINGS menu.", "Tap Save in the ACCOUNT section."]:
        assert not [f for f in analyzer.analyze_reply(reply).findings if f.name == "shouting"]


def test_asking_someone_to_do_it_at_the_end_is_a_message_for_colleagues(analyzer):
    ctx = [("customer", "My father died. Could you cancel his appointments?")]
    assert found(analyzer, "the daughter wants the dad's appts cancelled, can someone do it", ctx, "misdirected-message")
    assert not found(analyzer, "Can someone do it on your behalf? Yes, anyone with the booking reference.", ctx, "misdirected-message")


def test_he_about_the_rider_is_legitimate_third_person(analyzer):
    ctx = [("customer", "WHERE IS MY FOOD. how much longer am I supposed to wait")]
    assert not found(analyzer, "I've just spoken to the rider: he's two streets away and will be with you in 6 minutes.", ctx, "misdirected-message")


def test_a_colleague_tagged_with_a_question_is_misdirected_and_sorry_wrong_chat_is_not(analyzer):
    assert found(analyzer, "I'm looking at your account now. @Ben is the roaming glitch from last week still happening?", [("customer", "No data abroad.")], "misdirected-message")
    ctx = [("customer", "What? I asked about being charged twice.")]
    assert not found(analyzer, "Sorry, wrong chat - my mistake. I've refunded the duplicate payment.", ctx, "misdirected-message")


def test_a_bracketed_note_with_a_colon_is_internal_chatter(analyzer):
    reply = "The decline came from fraud screening. [note: cust flagged twice this month, check before unblocking] I've cleared it."
    assert found(analyzer, reply, [("customer", "Why was my card declined?")], "misdirected-message")


def test_she_about_the_developer_is_legitimate_third_person(analyzer):
    reply = "The developer's patch notes say she's fixed a crash on older graphics cards in version 1.0.4."
    assert not found(analyzer, reply, [("customer", "is there any fix coming for the crash?")], "misdirected-message")


def test_capitals_the_customer_quoted_are_a_name_not_shouting(analyzer):
    ctx = [("customer", "I see a payment of 89.00 EUR to 'KLMX DIGITAL' which is not me.")]
    assert not found(analyzer, "I've raised a dispute for the payment to KLMX DIGITAL today.", ctx, "shouting")
    assert found(analyzer, "I've raised a dispute. Please DO NOT use the card.", ctx, "shouting")


@pytest.mark.parametrize(
    "reply",
    [
        "We removed the word 'idiot' from your review before publishing it.",
        "It's offensive to use the word retarded, so the moderator deleted that post.",
        "Prices for a pack of fags went up in the budget.",
        "Stop pussy footing around, I'll escalate it now.",
        "Thanks for your letter about your faith in Jesus Christ.",
    ],
)
def test_mentioned_words_and_innocent_phrases_are_not_profanity(analyzer, reply):
    assert found(analyzer, reply, name="profanity") == []


@pytest.mark.parametrize("reply", ["You idiot.", "That's a damn stupid question.", "Jesus Christ, read the email."])
def test_the_same_words_used_are_still_profanity(analyzer, reply):
    assert found(analyzer, reply, name="profanity")


def test_a_laugh_and_a_swear_with_no_word_to_the_customer_is_misdirected(analyzer):
    ctx = [("customer", "Rider marked my order as delivered but I never got it. I'm starving.")]
    assert found(analyzer, "lol third one today, these riders are crap", ctx, name="misdirected-message")


@pytest.mark.parametrize(
    "reply",
    [
        "Ugh, sorry, our driver app has been crap all week. I've refunded order 5521 in full.",
        "lol, that's a crap bit of luck, sorry! I've sent a new one.",
        "lol glad it turned up in the end",
    ],
)
def test_a_swear_said_to_the_customer_or_a_lone_laugh_is_not_misdirected(analyzer, reply):
    ctx = [("customer", "My order came late and cold.")]
    assert not found(analyzer, reply, ctx, name="misdirected-message")


@pytest.mark.parametrize(
    ("reply", "word"),
    [
        ("In-game purchases are NON-REFUNDABLE. Nothing I can do.", "NON-REFUNDABLE"),
        ("You only have READ-ONLY access.", "READ-ONLY"),
    ],
)
def test_hyphenated_words_in_capitals_are_shouting(analyzer, reply, word):
    assert ("shouting", word) in found(analyzer, reply, name="shouting")


@pytest.mark.parametrize(
    "reply",
    [
        "Flights UK-EU are included in your plan.",
        "Your return code is ABC-DEF, and the RMA-20931 label is attached.",
        "Use the async job via the REST API and poll the job ID.",
    ],
)
def test_hyphenated_acronyms_codes_and_rest_are_not_shouting(analyzer, reply):
    assert found(analyzer, reply, name="shouting") == []


def test_an_email_domain_is_not_a_colleague_tagged(analyzer):
    reply = "I've switched the email back to the one we had before, ending @example.org. Please check that inbox."
    names = {f.name for f in analyzer.analyze_reply(reply, [("customer", "the reset goes to THEIR email")]).findings}
    assert "misdirected-message" not in names
