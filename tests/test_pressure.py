"""Retention pressure: after a cancel request, let the customer go."""

from __future__ import annotations

import pytest


def _names(analyzer, reply, context):
    return [f.name for f in analyzer.analyze_reply(reply, context).findings]


CANCEL = [("customer", "I want to cancel my subscription, I'm moving abroad.")]


def test_demanding_a_reason_after_it_was_given_is_pressure(analyzer):
    rep = analyzer.analyze_reply("Why do you want to cancel?", CANCEL)
    hit = [f for f in rep.findings if f.name == "retention-pressure"]
    assert hit and "moving" in hit[0].message


def test_an_offer_after_no_is_pressure(analyzer):
    ctx = [*CANCEL, ("agent", "I can offer 50% off for three months."), ("customer", "No thanks, just cancel it.")]
    assert "retention-pressure" in _names(analyzer, "How about a free upgrade instead?", ctx)


def test_one_polite_offer_then_prompt_cancellation_is_not_pressure(analyzer):
    first = _names(analyzer, "Of course. Before I do, I can offer 50% off if you'd like to stay. If not, no problem.", CANCEL)
    assert "retention-pressure" not in first
    ctx = [*CANCEL, ("agent", "I can offer 50% off if you'd like to stay."), ("customer", "No thanks.")]
    assert "retention-pressure" not in _names(analyzer, "Understood. I've cancelled it; the final bill comes on 5 July.", ctx)


def test_conditional_cancellation_is_pressure(analyzer):
    assert "retention-pressure" in _names(analyzer, "I can only cancel once you return the box to a store.", CANCEL)


def test_stalling_with_are_you_sure_is_pressure(analyzer):
    ctx = [*CANCEL, ("agent", "We could match that rate."), ("customer", "No thank you.")]
    assert "retention-pressure" in _names(analyzer, "Are you sure? It's a really good offer.", ctx)


def test_without_a_cancel_request_nothing_is_pressure(analyzer):
    assert "retention-pressure" not in _names(analyzer, "How about our premium plan?", [("customer", "What plans do you have?")])


def _scored(analyzer, turns):
    import pandas as pd

    df = pd.DataFrame(
        {"conversation_id": "c1", "turn": range(1, len(turns) + 1), "role": [r for r, _ in turns], "text": [t for _, t in turns]}
    )
    out = analyzer.score_transcripts(df)
    return [{f["name"] for f in fs} for fs in out["findings"]]


def test_an_offer_after_a_reason_was_demanded_is_the_second_push(analyzer):
    names = _scored(
        analyzer,
        [
            ("customer", "I'd like to cancel my streaming subscription, I don't watch it."),
            ("agent", "Sorry to hear that. May I ask what made you decide to leave us?"),
            ("customer", "I said, I don't watch it. Please cancel."),
            ("agent", "How about three months at half price instead? Lots of new shows are coming."),
        ],
    )
    assert all("retention-pressure" in n for n in names)


def test_one_clearly_optional_offer_after_a_restated_request_is_not_pressure(analyzer):
    names = _scored(
        analyzer,
        [
            ("customer", "Please close my savings account."),
            ("agent", "I can only close it once you tell me why you're leaving."),
            ("customer", "I found a better rate elsewhere. Please close it."),
            ("agent", "Thanks for telling me. We could match that rate for three months. Would you like that, or shall I go ahead and close it?"),
        ],
    )
    assert "retention-pressure" in names[0] and "retention-pressure" not in names[1]


def test_an_optional_offer_after_no_offers_please_is_still_pressure(analyzer):
    names = _scored(
        analyzer,
        [
            ("customer", "Cancel my membership please, and I don't want any offers."),
            ("agent", "Can I ask why you're leaving?"),
            ("customer", "Just cancel it."),
            ("agent", "I can offer two months free if you stay, or shall I cancel?"),
        ],
    )
    assert "retention-pressure" in names[1]


def test_leaving_in_other_words_counts_as_a_cancel_request(analyzer):
    for request in ("I'd like my PAC code please, I'm moving networks.", "Please don't auto-renew my car insurance.",
                    "Please delete all my personal data."):
        assert "retention-pressure" in _names(analyzer, "Before I do, what's tempting you to leave?", [("customer", request)])


def test_a_specialist_review_before_closing_is_a_stall(analyzer):
    reply = "In that case I need to refer it for a specialist review first; someone will call you in 7 days to discuss closing it."
    assert "retention-pressure" in _names(analyzer, reply, [("customer", "Please close my credit card, it's paid off.")])


REFUSED = [
    ("customer", "I'd like to cancel my broadband contract please, I'm moving in with my partner."),
    ("agent", "I can offer you 30% off for six months if you stay."),
    ("customer", "No thanks, please just cancel it."),
]


@pytest.mark.parametrize(
    "reply",
    [
        "Before I process that, may I know what prompted your decision?",
        "Could you share why you'd like to leave? It helps us improve.",
        "I understand. Is it the price? We have new plans from £20.",
        "Is there anything we could do to change your mind?",
        "Are you absolutely certain? You'd be losing your loyalty rewards.",
        "What would it take to keep you with us?",
        "To cancel you'll have to speak to our customer relations team on 0800 123 456.",
        "Cancelling requires a phone call to our accounts team, I can't do it on chat.",
    ],
)
def test_reasons_stalls_and_conditions_in_other_words_are_pressure(analyzer, reply):
    assert "retention-pressure" in _names(analyzer, reply, REFUSED[:1])


@pytest.mark.parametrize(
    "reply",
    [
        "I hear you, but this deal is only available today, it would be a pity to miss it.",
        "Okay, but let me just mention we now have a 12-month price freeze for loyal customers.",
        "Totally understand. Last thing: we can give you a £50 credit to stay.",
        "Before you decide, I'd strongly recommend looking at our Fibre 500 bundle.",
    ],
)
def test_offers_in_other_words_after_no_are_pressure(analyzer, reply):
    assert "retention-pressure" in _names(analyzer, reply, REFUSED)


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry to see you go! Your cancellation is booked for 30 June and there's no exit fee.",
        "Your cancellation request is logged for 30 June. If you change your mind before then, just reply here.",
        "Happy to help. Could you confirm the postcode so I can find the account?",
    ],
)
def test_confirming_the_cancellation_or_asking_for_the_account_is_not_pressure(analyzer, reply):
    assert "retention-pressure" not in _names(analyzer, reply, REFUSED[:1])


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry to see you go! I've cancelled it. Could you tell us why you're leaving? It's optional, just reply to the survey.",
        "Of course. Your fare is non-refundable, so you'd lose the £120, but I can move it for free. Cancel or move it?",
    ],
)
def test_optional_feedback_after_cancelling_and_stating_a_cost_are_not_pressure(analyzer, reply):
    assert "retention-pressure" not in _names(analyzer, reply, [("customer", "I want to cancel my booking.")])


def test_asking_why_after_cancelling_without_making_it_optional_is_still_pressure(analyzer):
    reply = "I've cancelled it. Before you go, could you tell me why you're leaving?"
    assert "retention-pressure" in _names(analyzer, reply, [("customer", "I want to cancel my subscription.")])


def test_an_optional_reason_question_while_agreeing_to_cancel_is_not_pressure(analyzer):
    reply = "Sure, I can set that up. If you don't mind saying, what's the reason? It's completely optional."
    assert "retention-pressure" not in _names(analyzer, reply, [("customer", "I'd like to cancel my contract next month.")])


@pytest.mark.parametrize(
    "reply",
    [
        "If you don't mind saying, what's the reason? It's completely optional.",
        "Sure, I can set that up. But first, what's the reason you're leaving?",
    ],
)
def test_a_reason_question_without_agreeing_or_without_making_it_optional_is_pressure(analyzer, reply):
    assert "retention-pressure" in _names(analyzer, reply, [("customer", "I'd like to cancel my contract next month.")])


@pytest.mark.parametrize(
    "request_text",
    [
        "I want out of this contract.",
        "I'd like to end my membership.",
        "How do I get rid of this subscription?",
        "Please deactivate my account.",
        "I'm switching to Octopus next month.",
        "I'd like to leave.",
        "Stop my plan from renewing.",
        "I'm done with you guys, cancel.",
    ],
)
def test_cancel_requests_in_many_shapes_are_seen(analyzer, request_text):
    assert "retention-pressure" in _names(analyzer, "Before I do that, can I ask why you're leaving?", [("customer", request_text)])


@pytest.mark.parametrize("request_text", ["I'm leaving for holiday on Friday, will it arrive before?", "Will my plan renew automatically?"])
def test_leaving_on_holiday_or_asking_about_renewal_is_not_a_cancel_request(analyzer, request_text):
    assert "retention-pressure" not in _names(analyzer, "Why do you ask? It renews on 1 June.", [("customer", request_text)])


GYM = [("customer", "Please close my gym membership from next month, I've joined one nearer work.")]


@pytest.mark.parametrize(
    "reply",
    [
        "Could you let me know which gym you're joining?",
        "Sure, but can I ask what you'll be using instead?",
        "I'm unable to close memberships over email, you'll have to come into the club.",
        "Memberships can only be closed after a 30-day notice period and a call with the club manager.",
        "Understood. I'll ask the club manager to give you a ring to talk it over before anything is closed.",
        "Before I cancel, let me see if I can find you a better price.",
        "I can, but you'd lose your founder rate. Are you happy to lose that?",
        "Wait, don't go yet! We've got a new class timetable launching next month.",
        "We'd be sorry to lose you! Would a free PT session change things?",
    ],
)
def test_retention_moves_in_other_words_are_pressure(analyzer, reply):
    assert "retention-pressure" in _names(analyzer, reply, GYM)


@pytest.mark.parametrize(
    "reply",
    [
        "Sure. Which membership would you like me to close, the main one or the swim add-on?",
        "Of course. Would you like it closed today, or at the end of your billing period on 30 June?",
        "I've closed it. We keep your details for 30 days in case you change your mind, then delete them.",
        "Yes, I can close that. Before I do, do you want me to email you your attendance history?",
        "Certainly. To confirm, that's the membership on anna@example.org? Once you say yes I'll close it straight away.",
    ],
)
def test_questions_that_carry_out_the_cancellation_are_not_pressure(analyzer, reply):
    assert "retention-pressure" not in _names(analyzer, reply, GYM)


def test_before_we_talk_about_cancelling_is_a_stall(analyzer):
    ctx = [("customer", "Internet down 9 days. I want to cancel.")]
    assert "retention-pressure" in _names(analyzer, "Before we talk about cancelling, have you tried restarting the router?", ctx)
    assert "retention-pressure" not in _names(analyzer, "I've cancelled it; before you go, your final bill will arrive on the 3rd.", ctx)


def test_passing_the_customer_to_a_specialist_before_closing_is_a_stall(analyzer):
    ctx = [("customer", "Please close my savings account.")]
    reply = "Before closing it I'll pass you to our savings specialist, who will call you within 5 working days."
    assert "retention-pressure" in _names(analyzer, reply, ctx)


def test_a_deadline_for_porting_after_the_cancellation_is_done_is_not_a_stall(analyzer):
    ctx = [
        ("customer", "I'd like to cancel my mobile contract please."),
        ("agent", "Done, I've cancelled it from 31 May. Your final bill will come on 5 June."),
        ("customer", "Great. Can I keep my number and move it to another network later?"),
    ]
    reply = "Yes, but do it before the 31st: text PAC to 65075 and you'll get a code by text within a minute."
    assert "retention-pressure" not in _names(analyzer, reply, ctx)
    # The same words before anything was cancelled still stall.
    stall = "Before we talk about cancelling, have you tried restarting the router?"
    assert "retention-pressure" in _names(analyzer, stall, ctx[:1])
