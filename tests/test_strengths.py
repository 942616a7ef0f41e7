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
