"""Retention pressure: after a cancel request, let the customer go."""

from __future__ import annotations


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
