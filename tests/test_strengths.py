"""Strengths: recognised with evidence, never on near-misses."""

from __future__ import annotations

import pytest


def _names(analyzer, reply, *customer):
    return [f.name for f in analyzer.analyze_reply(reply, [("customer", c) for c in customer]).findings]


@pytest.mark.parametrize("reply", ["I've refunded the duplicate charge.", "That's on me. I'll send a replacement today.", "I've arranged a pickup for Thursday."])
def test_first_person_resolving_actions_are_ownership(analyzer, reply):
    assert "takes-ownership" in _names(analyzer, reply)


@pytest.mark.parametrize("reply", ["Let me check with the warehouse.", "I've forwarded it to another team.", "If it's lost, I'll send another."])
def test_checking_forwarding_and_conditional_promises_are_not_ownership(analyzer, reply):
    assert "takes-ownership" not in _names(analyzer, reply)


def test_follow_up_needs_a_time_or_trigger(analyzer):
    assert "offers-follow-up" in _names(analyzer, "I'll check back with you on Friday to confirm the refund arrived.")
    assert "offers-follow-up" not in _names(analyzer, "We'll be in touch.")


def test_delivering_by_a_deadline_is_a_next_step_not_a_follow_up(analyzer):
    names = _names(analyzer, "The courier will deliver the label by Friday.")
    assert "clear-next-step" in names and "offers-follow-up" not in names


def test_uses_customer_name_only_when_it_is_right(analyzer):
    assert "uses-customer-name" in _names(analyzer, "Thanks, Dana, it's done.", "Hi, I'm Dana.")
    assert "uses-customer-name" not in _names(analyzer, "Thanks, Sarah, it's done.", "Hi, I'm Dana.")
    assert "uses-customer-name" in _names(analyzer, "Thank you, Mr. Delgado.", "Regards, Mr. Delgado")
    assert "uses-customer-name" not in _names(analyzer, "Thank you, Mrs. Delgado.", "Regards, Mr. Delgado")


def test_clear_next_step_needs_a_time_frame_or_steps(analyzer):
    assert "clear-next-step" in _names(analyzer, "Your refund will reach the card within 3-5 working days.")
    assert "clear-next-step" in _names(analyzer, "Go to Settings > Privacy and turn off 'Lock app'.")
    assert "clear-next-step" not in _names(analyzer, "It's under Payments > Limits.")


def test_strengths_are_info_and_carry_evidence_spans(analyzer):
    rep = analyzer.analyze_reply("I've refunded the charge.")
    f = next(f for f in rep.findings if f.name == "takes-ownership")
    assert f.severity.value == "info" and rep.text[f.start:f.end].startswith("I've refunded")


def test_emailing_a_document_by_a_deadline_is_a_next_step_not_a_follow_up(analyzer):
    names = _names(analyzer, "Your policy is renewed. I'll email you the renewal certificate by Tuesday.")
    assert "offers-follow-up" not in names


@pytest.mark.parametrize(
    "reply",
    [
        "The engineer visits on Monday, and I'll ring you on Tuesday to check the heating works.",
        "I'll look at the logs again tomorrow morning and message you what I find.",
        "I'll review the claim on Friday and let you know the outcome.",
    ],
)
def test_getting_back_in_touch_at_a_time_is_a_follow_up(analyzer, reply):
    assert "offers-follow-up" in _names(analyzer, reply)


def test_a_follow_up_on_the_customer_s_trigger_is_not_one(analyzer):
    assert "offers-follow-up" not in _names(analyzer, "If it still fails, reply here and I'll look again.")


def test_a_follow_up_sentence_alone_is_not_a_next_step(analyzer):
    assert "clear-next-step" not in _names(analyzer, "I'll phone you on Thursday at 3 pm to check it's working.")


@pytest.mark.parametrize(
    "reply",
    [
        "Unplug the speaker, wait ten seconds and plug it back in.",
        "Please try clearing the cache and reloading the page.",
        "Until the patch is out, switch off auto-sync under Settings, which stops the crashes.",
    ],
)
def test_an_instruction_with_a_second_action_or_result_is_a_next_step(analyzer, reply):
    assert "clear-next-step" in _names(analyzer, reply)


@pytest.mark.parametrize(
    "reply",
    [
        "To close your account, go to Settings > Account > Close account.",
        "Please restart the app and try again.",
        "Refunds are processed within 10 days of the return arriving.",
    ],
)
def test_a_bare_location_a_vague_retry_or_a_general_policy_is_not_a_next_step(analyzer, reply):
    assert "clear-next-step" not in _names(analyzer, reply)


def test_a_stall_with_a_time_frame_is_not_a_next_step(analyzer):
    names = _names(
        analyzer,
        "Let me transfer you to our retention team first; they will call you next week.",
        "Please cancel my membership.",
    )
    assert "clear-next-step" not in names


@pytest.mark.parametrize("reply", ["I've emailed you the return label.", "I've called the hotel myself and they've fixed the dates."])
def test_done_contact_actions_are_ownership(analyzer, reply):
    assert "takes-ownership" in _names(analyzer, reply)


def test_promising_to_check_later_is_not_ownership(analyzer):
    assert "takes-ownership" not in _names(analyzer, "I'll check with the warehouse tomorrow.")


@pytest.mark.parametrize(
    "reply",
    [
        "I'm sorry the renewal price was such a shock.",
        "I know you're under pressure with the move, so I've done it today.",
        "Three weeks without internet is really frustrating.",
    ],
)
def test_naming_the_customer_s_situation_acknowledges_feelings(analyzer, reply):
    assert "acknowledges-feelings" in _names(analyzer, reply)


@pytest.mark.parametrize("reply", ["Sorry, that was hard to follow. The fee is £5.", "Sorry about the missing cable; it's in the post."])
def test_apologising_for_our_own_wording_or_the_fault_is_not_acknowledging_feelings(analyzer, reply):
    assert "acknowledges-feelings" not in _names(analyzer, reply)
