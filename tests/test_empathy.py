"""Empathy checks: distress acknowledged or not; dismissive and blaming words."""

from __future__ import annotations

import pytest


def _names(analyzer, reply, *customer):
    return [f.name for f in analyzer.analyze_reply(reply, [("customer", c) for c in customer]).findings]


def test_bereavement_answered_with_stock_apology_is_unacknowledged(analyzer):
    names = _names(analyzer, "Sorry for the inconvenience. Please use the returns form.", "My mother died last month; I need to return her order.")
    assert "unacknowledged-distress" in names


def test_bereavement_acknowledged_specifically_passes_and_is_a_strength(analyzer):
    names = _names(analyzer, "I'm so sorry about your mother. I've arranged a free pickup on Thursday.", "My mother died last month; I need to return her order.")
    assert "unacknowledged-distress" not in names
    assert "acknowledges-feelings" in names


def test_repeated_failure_needs_acknowledgement(analyzer):
    assert "unacknowledged-distress" in _names(analyzer, "Send the order number.", "This is the third time I've asked!")
    assert "unacknowledged-distress" not in _names(analyzer, "I understand how frustrating this is. Send the order number and I'll fix it.", "This is the third time I've asked!")


def test_no_distress_means_no_finding(analyzer):
    assert "unacknowledged-distress" not in _names(analyzer, "The sale ends Sunday.", "No worries, not urgent. When does the sale end?")


def test_bare_as_i_said_is_not_distress(analyzer):
    assert "unacknowledged-distress" not in _names(analyzer, "Thanks, found it.", "As I said, the order is 5531.")


def test_a_double_charge_is_not_a_repeated_attempt(analyzer):
    names = _names(analyzer, "I've refunded the duplicate charge of 19.99.", "Hi, I was charged twice for order 51120.")
    assert "unacknowledged-distress" not in names


def test_asking_whether_one_paid_twice_is_not_a_repeated_attempt(analyzer):
    names = _names(analyzer, "Right, you didn't pay twice: the second invoice is the upgrade.", "Ok so I didn't pay twice?")
    assert "unacknowledged-distress" not in names


def test_asking_twice_is_a_repeated_attempt(analyzer):
    names = _names(analyzer, "Please send the order number.", "I've asked twice now. Where is my refund?")
    assert "unacknowledged-distress" in names


def test_still_with_a_failure_is_distress_but_a_bare_still_havent_is_not(analyzer):
    assert "unacknowledged-distress" in _names(analyzer, "Please restart the router.", "The internet is still not working.")
    assert "unacknowledged-distress" not in _names(analyzer, "Cards arrive in 5 working days.", "I still haven't received my new card.")


@pytest.mark.parametrize(
    "reply",
    [
        "You're right, and I'm sorry. I've cancelled it now.",
        "Four restarts and still nothing is really draining. I've booked an engineer.",
        "Your frustration is completely fair. I've refunded the order.",
        "You've asked three times and I should have done it the first time. It's cancelled.",
    ],
)
def test_acknowledgement_in_other_words_answers_frustration(analyzer, reply):
    names = _names(analyzer, reply, "This is ridiculous, I've asked three times and restarted it four times.")
    assert "unacknowledged-distress" not in names
    assert "acknowledges-feelings" in names


def test_you_are_right_about_a_fact_without_an_apology_is_not_acknowledgement(analyzer):
    names = _names(analyzer, "You're right that the plan renews in May.", "This is ridiculous, the price went up again.")
    assert "acknowledges-feelings" not in names


def test_anonymised_placeholders_are_not_shouting_distress(analyzer):
    assert "unacknowledged-distress" not in _names(analyzer, "Done, it's updated.", "Hello, this is #NAME#. Please update [ADDRESS] on account [ACCOUNT].")


@pytest.mark.parametrize("reply", ["Please calm down.", "That's not my problem.", "As I already said, it takes 10 days.", "There is nothing I can do."])
def test_dismissive_phrases_are_flagged(analyzer, reply):
    assert "dismissive-language" in _names(analyzer, reply)


@pytest.mark.parametrize(
    "reply",
    [
        "You mentioned the agent told you to 'calm down' - I'm sorry, that should not have happened.",
        "You don't need to calm down; you have every right to be upset.",
        "I can't change the fare, but I can move you to the earlier flight.",
    ],
)
def test_quoted_or_negated_dismissive_words_are_not_flagged(analyzer, reply):
    assert "dismissive-language" not in _names(analyzer, reply)


@pytest.mark.parametrize("reply", ["You should have read the terms.", "You entered it wrong.", "Next time be more careful."])
def test_blame_is_flagged(analyzer, reply):
    assert "blaming-language" in _names(analyzer, reply)


@pytest.mark.parametrize("reply", ["I'm not blaming you; the form is confusing.", "This isn't your fault.", "You should have received an email.", "Because you've been patient, here's a voucher."])
def test_negated_or_innocent_you_should_is_not_blame(analyzer, reply):
    assert "blaming-language" not in _names(analyzer, reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Did you descale it like the manual says? If not, that's on you, not us.",
        "You were sent a reminder, so missing it is on you.",
        "If you'd sent your readings when we asked, you wouldn't have an estimated bill.",
        "You'd have seen it if you had checked before travelling.",
        "Please take more care with your address in future.",
    ],
)
def test_blame_in_other_words_is_flagged(analyzer, reply):
    assert "blaming-language" in _names(analyzer, reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Because you travel within 2 weeks, you qualify for an urgent upgrade.",
        "Looking again, I was wrong to call it your mistake: the bank returned it.",
        "If you'd like, I can move the booking to the 14th.",
        "The decision is on your desk by Friday.",
        "Switch on Data Roaming; once that's on you should be connected within minutes.",
        "Tap the toggle, and once that's on you'll see the menu.",
        "I'm so sorry, that message was meant for a colleague and you shouldn't have seen it.",
    ],
)
def test_innocent_because_you_and_retracted_blame_are_not_flagged(analyzer, reply):
    assert "blaming-language" not in _names(analyzer, reply)


def test_an_own_words_apology_answers_frustration_but_not_a_bereavement(analyzer):
    assert "unacknowledged-distress" not in _names(analyzer, "I'm sorry, I've resent the code now.", "Third time asking for the code!")
    assert "unacknowledged-distress" in _names(analyzer, "Sorry for the inconvenience, I've resent the code.", "Third time asking for the code!")
    assert "unacknowledged-distress" in _names(analyzer, "I'm sorry, please use the returns form.", "My mother died; I need to return her order.")


def test_thanks_for_trying_acknowledges_a_repeat_and_a_broken_lid_is_not_being_broke(analyzer):
    assert "unacknowledged-distress" not in _names(analyzer, "Thanks for trying that. Which phone model is it?", "Updated, still happening.")
    assert "unacknowledged-distress" not in _names(analyzer, "Yes, it's covered; I'll send a returns code.", "My kettle lid broke off after a month.")
    assert "unacknowledged-distress" in _names(analyzer, "Please pay the balance by Friday.", "I'm broke until payday, I can't pay this.")


def test_a_calm_thank_you_follow_up_after_an_acknowledgement_needs_none_again(analyzer):
    rep = analyzer.analyze_reply(
        "Yes. I've added a credit of 120 to your account.",
        [
            ("customer", "No heating for four days and my baby is three months old."),
            ("agent", "I'm really sorry, four days without heating with a baby is awful. An engineer comes today."),
            ("customer", "Thank you. Will we get compensation for the days without heating?"),
        ],
    )
    assert "unacknowledged-distress" not in [f.name for f in rep.findings]


@pytest.mark.parametrize(
    "customer",
    [
        "My shop's checkout has been down for 3 hours and I'm losing sales every minute.",
        "Your flight was late, I missed my connection and now I'm stranded in Frankfurt with two kids.",
        "My father was rushed into hospital that morning, so I missed the appointment. Please waive the fee.",
        "I need it for my daughter's birthday on Saturday and it still says processing.",
        "That £79 was my food money for the month. Please refund it.",
        "This is the 5th time the broadband has gone down this month.",
        "The update wiped 40 hours of progress. Honestly gutted.",
    ],
)
def test_lost_income_stranding_hospital_deadlines_and_repeats_are_distress(analyzer, customer):
    assert "unacknowledged-distress" in _names(analyzer, "The ticket is logged.", customer)


@pytest.mark.parametrize(
    "customer",
    [
        "I booked the wrong date by accident, can it be moved to the 14th?",
        "I ordered a chicken shawarma wrap and got two pizzas. Order LK-2045.",
        "Please close my savings account, I'm moving everything to my partner's bank.",
    ],
)
def test_a_slip_an_odd_lexicon_word_or_a_savings_account_is_not_distress(analyzer, customer):
    assert "unacknowledged-distress" not in _names(analyzer, "Done, that's sorted for you.", customer)


def test_naming_the_worry_of_a_medical_need_acknowledges_it(analyzer):
    customer = "The water is off on Tuesday. I'm on dialysis at home and need water."
    reply = "I'm sorry, that must be a real worry with your dialysis. We'll deliver bottled water by 8 am on Tuesday."
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    "reply",
    [
        "To be honest you should of told us you were travelling.",
        "If you'd set that up in the first place you wouldn't have had the fee.",
        "If you dont tell us, thats on you.",
        "You chose the cheapest shipping option so you have to accept delays.",
        "Good. Next time read the charter before you travel.",
        "You should check your emails before claiming fraud.",
    ],
)
def test_blame_with_slips_and_lectures_is_flagged(analyzer, reply):
    assert "blaming-language" in _names(analyzer, reply, "Why was I charged?")


@pytest.mark.parametrize(
    "reply",
    [
        "As a reminder, you must have an active membership to use plan credits.",
        "Because you chose express shipping, it arrives tomorrow.",
        "Next time you order, the discount applies automatically.",
    ],
)
def test_requirements_neutral_causes_and_tips_are_not_blame(analyzer, reply):
    assert "blaming-language" not in _names(analyzer, reply, "Why was I charged?")


@pytest.mark.parametrize(
    "reply",
    [
        "lol that's what they all say.",
        "Just do it in the app, it's not rocket science.",
        "That's on business plans only, it says so on the website.",
        "Stop being such a pain. A manager will tell you the same.",
        "Customs delays are not our fault.",
    ],
)
def test_brush_offs_in_other_words_are_dismissive(analyzer, reply):
    assert "dismissive-language" in _names(analyzer, reply, "My refund is late.")


def test_owning_that_the_customer_had_to_ask_is_not_blame(analyzer):
    reply = "Sorry, you've been clear and you shouldn't have had to ask three times. I've closed your card today."
    assert "blaming-language" not in _names(analyzer, reply, "I'm sure. Close it.")


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("My daughter's birthday is Saturday and the order still says processing. I'm really worried.", "I completely get the worry with her birthday on Saturday. It arrives Thursday."),
        ("I booked the wrong day. So annoyed with myself. Can it be changed?", "Please don't be hard on yourself. I've moved your booking to the 24th."),
    ],
)
def test_naming_the_worry_or_easing_self_blame_acknowledges(analyzer, customer, reply):
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


def test_recovering_money_is_not_wishing_a_recovery(analyzer):
    reply = "Payments sent with incorrect details are your responsibility. We can try to recover it."
    assert "unacknowledged-distress" in _names(analyzer, reply, "I sent £600 to the wrong account. I'm really stressed, that was my rent money.")


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I'm stranded at the airport with two kids.", "That's a horrible position to be in with two little ones. I've booked you on the 18:40."),
        ("My shop is losing sales every minute the checkout is down.", "I know every minute costs you money, so I've escalated this as our top priority."),
        ("I'm on dialysis and need the water back on.", "Thank you for telling me about the dialysis. Bottled water is on its way."),
        ("I lost my job and can't afford this month's bill.", "I'm sorry things are tough right now. I've paused your payments for two months."),
        ("I'm devastated, that was my savings.", "I can hear how upsetting this is. I've opened a fraud claim."),
        ("I've restarted the router five times and it still drops.", "Thanks for trying all of that already. I've booked an engineer for tomorrow."),
        ("My mum is in hospital so I missed the appointment.", "I hope your mum is doing okay. I've waived the fee."),
        ("I need it for my wedding on Saturday!", "Congratulations! I'll make sure it's there in time: I've upgraded the delivery."),
    ],
)
def test_acknowledgements_in_many_words_answer_distress(analyzer, customer, reply):
    names = _names(analyzer, reply, customer)
    assert "unacknowledged-distress" not in names and "acknowledges-feelings" in names


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I lost my job and can't afford this month's bill.", "Payments are due on the 1st. Don't worry, we accept cards."),
        ("My mum is in hospital so I missed the appointment.", "The fee is £30. I hope that helps."),
    ],
)
def test_near_miss_pleasantries_do_not_acknowledge(analyzer, customer, reply):
    assert "unacknowledged-distress" in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    "reply",
    [
        "You entered your new address correctly, the courier just used the old one.",
        "You were told the wrong date by our team, and I'm sorry about that.",
        "You missed the delivery because the driver came early, so I've rebooked it.",
        "You needed to hear back by Friday, so I've chased it today.",
        "If you forgot to cancel, don't worry: I can refund the renewal.",
        "You should have the refund by Thursday.",
        "You ordered the wrong size? No problem, I'll swap it.",
    ],
)
def test_you_phrases_that_state_a_cause_or_own_the_fault_are_not_blame(analyzer, reply):
    assert "blaming-language" not in _names(analyzer, reply, "My order is wrong.")


@pytest.mark.parametrize(
    "reply",
    [
        "Relax and enjoy your trip, everything is booked.",
        "Whatever you prefer works for us.",
        "Just wait for the text from the courier, it comes an hour before.",
    ],
)
def test_kind_uses_of_relax_whatever_and_wait_are_not_dismissive(analyzer, reply):
    assert "dismissive-language" not in _names(analyzer, reply, "My order is wrong.")


@pytest.mark.parametrize(
    "reply",
    [
        "Restart your phone and you should have signal within 5 minutes.",
        "You should have access again now.",
    ],
)
def test_you_should_have_with_a_noun_is_a_state_not_blame(analyzer, reply):
    assert "blaming-language" not in _names(analyzer, reply, "My phone has no signal.")


@pytest.mark.parametrize("reply", ["You should have double-checked the address.", "You should have just asked us first."])
def test_you_should_have_with_a_past_participle_is_still_blame(analyzer, reply):
    assert "blaming-language" in _names(analyzer, reply, "My order went to the wrong address.")


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            "I sent £800 to the wrong account. That's my rent money and I'm in a total panic.",
            "I'm so sorry, I know how frightening it is when your rent money is at stake. I've started a recall.",
        ),
        (
            "No signal since yesterday. My mum is in hospital and I'm worried I'll miss the ward's call.",
            "That's a horrible time to be cut off. There's a mast fault; it's fixed by 6 pm.",
        ),
        (
            "I need to reschedule my MRI on Thursday, my chemo session was moved. I'm exhausted from all this.",
            "I'm sorry, that sounds like a lot to manage on top of your treatment. I can move it to Monday at 10:15.",
        ),
        (
            "My pharmacy says my inhaler isn't covered anymore. I can't afford £60 a month.",
            "I'm sorry, I know a surprise cost of £60 a month is hard. The generic version is covered with your usual £8 charge.",
        ),
        (
            "I need the scholarship decision first, I cannot afford the deposit otherwise.",
            "I can hear how anxious you are. The panel meets on 3 July, and I've extended your deposit deadline to 31 July.",
        ),
        (
            "I'm a student and this roaming bill is my food money for the month.",
            "I'm sorry, I understand that's a huge amount on a student budget. I've applied a one-off credit of £91.",
        ),
        (
            "I was in a minor car accident yesterday. Does my policy cover a courtesy car?",
            "I'm glad nobody was hurt, though it must still have been a shock. Your policy includes a courtesy car.",
        ),
    ],
)
def test_a_felt_acknowledgement_answers_a_hardship(analyzer, customer, reply):
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


def test_a_bare_i_understand_still_does_not_answer_a_bereavement(analyzer):
    names = _names(analyzer, "I understand. Please use the returns form.", "My mother died last week; I need to return her order.")
    assert "unacknowledged-distress" in names


@pytest.mark.parametrize(
    "reply", ["The vehicle report was signed. The charge will stand.", "Results take as long as they take, just wait for the letter."]
)
def test_closing_the_matter_is_dismissive(analyzer, reply):
    assert "dismissive-language" in _names(analyzer, reply, "I'm upset about this charge.")


def test_ill_deal_with_it_is_ownership_not_dismissal(analyzer):
    reply = "Both tickets are cancelled. If a fine letter turns up, forward it to me and I'll deal with it."
    assert "dismissive-language" not in _names(analyzer, reply, "Will the tickets turn into fines?")


def test_blame_with_an_adverb_before_should_have_is_blame(analyzer):
    assert "blaming-language" in _names(analyzer, "You definitely should have added the injury cover.", "Can I freeze it?")


@pytest.mark.parametrize(
    "reply",
    [
        "You can freeze it for £5 a month. You should get the injury cover next time.",
        "The car is a total loss, so we'll pay out the market value.",
    ],
)
def test_product_words_are_not_an_acknowledgement_of_a_hardship(analyzer, reply):
    customer = "My husband was injured in the crash and he's still in hospital. I'm gutted."
    assert "unacknowledged-distress" in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    "reply",
    [
        "As stated in our terms, which you agreed to, it's the customer's responsibility to keep the address up to date.",
        "The address was the old one, so this one's on your side.",
        "Unfortunately this happened because the address wasn't updated on your account.",
        "If the address had been updated, this wouldn't have happened.",
        "You were the one who chose the old address.",
        "That's down to the details you provided, I'm afraid.",
        "This is the result of you not updating your details.",
        "It's clearly stated on the checkout page that you must confirm the address.",
        "Next time, update your address first.",
        "This happens when customers don't read the confirmation screen.",
        "It's your job to keep track of your subscriptions.",
        "You didn't cancel the old plan, so you were billed for both.",
    ],
)
def test_fault_put_on_the_customer_in_other_shapes_is_blame(analyzer, reply):
    assert "blaming-language" in _names(analyzer, reply, "My parcel went to my old address and now it's lost.")


@pytest.mark.parametrize(
    "reply",
    [
        "It looks like the old address was still saved as the default. I've updated it and reshipped the order.",
        "This isn't your fault: our system kept the old address.",
        "If you missed the delivery, the courier will try again tomorrow.",
        "Even if you ignored the email, the booking still stands.",
        "You chose next-day delivery, so it's arriving tomorrow.",
        "You were charged twice because our payment page timed out. I've refunded the second charge.",
    ],
)
def test_neutral_causes_and_conditionals_are_not_blame(analyzer, reply):
    assert "blaming-language" not in _names(analyzer, reply, "My parcel went to my old address and now it's lost.")


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I have chemotherapy on Monday and I'm scared they'll cancel it.", "I understand how frightening this is, so close to your treatment. It's approved."),
        ("I'm on a fixed income and this $67 charge hurts.", "I'm sorry, and I understand $67 is a real hit on a fixed income. I've refunded it."),
        ("Locked out and I need to pay the nursery by 5pm, so stressed.", "That's a stressful one with a 5pm cutoff, so let's get you in now."),
        ("This is the third time I've asked and I'm really fed up.", "You shouldn't have had to ask three times. The refund is done."),
        ("Your engineer didn't turn up again. Absolutely furious.", "I'd be furious too. I've booked the first slot tomorrow."),
    ],
)
def test_acknowledgements_in_natural_words_count(analyzer, customer, reply):
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    "customer",
    [
        "The pharmacy says the surgery hasn't sent my mum's prescription over.",
        "It worked!!! Thank you so much.",
    ],
)
def test_the_gp_surgery_and_joy_are_not_distress(analyzer, customer):
    assert "unacknowledged-distress" not in _names(analyzer, "Can you give me her date of birth?", customer)


@pytest.mark.parametrize(
    "customer",
    ["I've been on hold for two hours.", "My dad passed last week and I need to close his account.", "Third email, no reply.", "This has ruined my weekend."],
)
def test_distress_in_everyday_words_is_seen(analyzer, customer):
    assert "unacknowledged-distress" in _names(analyzer, "Please send your account number.", customer)


def test_a_quoted_phrase_with_an_apostrophe_is_still_a_quote(analyzer):
    reply = "You mentioned yesterday's agent said 'it's not our problem'. I'm sorry, that was wrong."
    assert "dismissive-language" not in _names(analyzer, reply, "The agent said 'it's not our problem'.")


def test_whatever_the_amount_is_not_dismissive(analyzer):
    reply = "The £15 is a flat fee that applies whatever the amount. I've refunded it this once."
    assert "dismissive-language" not in _names(analyzer, reply, "Why £15 for going £2 over?")


def test_you_shouldnt_have_to_ask_is_an_apology_not_blame(analyzer):
    reply = "I hear you, and after three calls you shouldn't have to ask again. I've closed the account."
    assert "blaming-language" not in _names(analyzer, reply, "No more transfers. Close it now.")


def test_a_duration_alone_is_not_a_repeated_failure(analyzer):
    customer = "I'm going travelling for 4 months. Can I pause my line?"
    assert "unacknowledged-distress" not in _names(analyzer, "Yes: Keep My Number suspends it for £3 a month.", customer)
    assert "unacknowledged-distress" in _names(analyzer, "Please send your account number.", "My broadband has been down for 3 weeks.")


def test_would_worry_anyone_acknowledges_a_money_hardship(analyzer):
    customer = "My gas bill is £612, usually £180. I'm on a pension and I'm worried sick about paying it."
    reply = "Mrs Pritchard, I'm sorry, a bill more than three times the usual would worry anyone. It was an estimate."
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I need my notes for an exam tomorrow morning!!", "I know the timing is awful with your exam tomorrow, so I've unlocked it now."),
        ("Can I add the bigger bag now or is it too late? Flight is tomorrow.", "Not too late, you can still add it in Manage Booking > Extras."),
    ],
)
def test_urgency_acknowledged_in_passing_counts(analyzer, customer, reply):
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


def test_sorry_you_were_told_is_an_apology_not_blame(analyzer):
    reply = "I'm sorry you were told 'results take as long as they take'. That's not how we should speak to patients."
    assert "blaming-language" not in _names(analyzer, reply, "The receptionist was rude to me.")


@pytest.mark.parametrize(
    "customer",
    [
        "bought 2400 gems and they never showed up, my parents are going to kill me",
        "Pagecraft crashed and I've lost 3 days of work. Is there a backup?",
        "My manuscript is due to my editor Friday and the file won't open.",
        "My suitcase didn't arrive and my insulin is in it. What do I do?",
        "I'm a nurse on nights and I'm exhausted. The broadband keeps dropping.",
        "we cant afford this, please help",
        "I need to cancel. My mum is very ill and I'm moving to look after her.",
        "Money is really tight at the moment and I can't keep paying £45 a month.",
        "I sent the rent yesterday and it still says pending. Rent is due today.",
        "I'm a student and I literally can't buy food this week without the refund.",
        "The overdraft fee pushed me over and I don't know what to do.",
    ],
)
def test_distress_in_other_words_needs_acknowledgement(analyzer, customer):
    assert "unacknowledged-distress" in _names(analyzer, "Send me your account number and the receipt.", customer)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("After two broken blenders I'm fed up.", "Understood, and I don't blame you for being fed up. I've refunded the £89.99."),
        ("I lost my job and I'm scared you'll cut me off.", "Losing your job and worrying about being cut off is a lot to carry. We won't disconnect you."),
        ("The bill is £900 and I'm a student, I'm panicking.", "A bill that size must have been a real shock. I've put it on hold."),
        ("Completion is on the 28th and I'm anxious.", "I can see why you're anxious. The funds go to your solicitor on the 27th."),
        ("I clicked the link in the text, I'm so stupid and scared.", "You are not stupid, these texts are designed to fool people. I've frozen your card."),
    ],
)
def test_acknowledgements_in_the_agents_own_words_count(analyzer, customer, reply):
    names = _names(analyzer, reply, customer)
    assert "unacknowledged-distress" not in names and "acknowledges-feelings" in names


def test_naming_the_hardship_beside_a_bare_sorry_or_a_procedure_is_not_acknowledgement(analyzer):
    customer = "My dad is in hospital after a stroke and I need to claim on his travel insurance."
    for reply in ["Sorry, the hospital's medical report and the policy number are needed before we assess it.",
                  "Please send the hospital report and the policy number."]:
        assert "unacknowledged-distress" in _names(analyzer, reply, customer)


def test_a_sentence_that_weighs_the_hardship_itself_acknowledges_it(analyzer):
    names = _names(
        analyzer,
        "Going without insulin is serious, so please go to a pharmacy tonight; I've raised your cover to the full cost.",
        "My suitcase didn't arrive and my insulin is in it.",
    )
    assert "unacknowledged-distress" not in names


def test_annoying_but_fine_is_not_distress(analyzer):
    customer = "The bench came with a scratch, which is annoying but fine, I can live with it. Could you send bolt C?"
    assert "unacknowledged-distress" not in _names(analyzer, "I've posted bolt C to you today.", customer)


def test_a_policy_that_mentions_illness_does_not_acknowledge_a_mother_in_hospital(analyzer):
    reply = ("Cancellation cover applies where a close relative suffers a serious illness or injury that is "
             "certified by a registered doctor.")
    assert "unacknowledged-distress" in _names(analyzer, reply, "Am I covered if I cancel because my mum is in hospital?")
    kind = "I'm sorry your mum is in hospital. Yes, you're covered: cancellation cover includes a parent's illness."
    assert "unacknowledged-distress" not in _names(analyzer, kind, "Am I covered if I cancel because my mum is in hospital?")


def test_not_really_our_problem_is_dismissive_but_not_your_fault_is_kind(analyzer):
    assert "dismissive-language" in _names(analyzer, "The restaurant packs the orders, so that's not really our problem.", "No drinks came.")
    assert "dismissive-language" not in _names(analyzer, "It's not your fault at all; I've refunded the drinks.", "No drinks came.")


def test_you_were_told_reported_back_is_not_blame(analyzer):
    customer = "Your support guy told me to 'calm down' when I reported a cheater. Unacceptable."
    kind = "You mentioned you were told to 'calm down' yesterday. I'm sorry, that shouldn't have happened."
    assert "blaming-language" not in _names(analyzer, kind, customer)
    assert "blaming-language" in _names(analyzer, "You were told the deadline in the first email.", "Why was my claim refused?")


def test_a_death_certificate_is_a_document_not_a_bereavement(analyzer):
    names = _names(analyzer, "Yes, with a death certificate we waive the £75 change fee.", "Can I get the fee waived with a death certificate?")
    assert "unacknowledged-distress" not in names
    assert "unacknowledged-distress" in _names(analyzer, "Please send us the death certificate.", "My husband died and I need to close his account.")


def test_capitals_alone_are_answered_by_an_apology_first(analyzer):
    ctx = [("customer", "order 55120-PL when does it come"), ("agent", "Our refund policy lets you return any item within 30 days."), ("customer", "i asked WHEN IT ARRIVES. not refunds")]
    ok = analyzer.analyze_reply("Sorry about that. The courier expects to deliver it on Friday between 9 am and 1 pm.", ctx)
    assert "unacknowledged-distress" not in {f.name for f in ok.findings}
    bare = analyzer.analyze_reply("The courier expects to deliver it on Friday between 9 am and 1 pm.", ctx)
    assert "unacknowledged-distress" in {f.name for f in bare.findings}


def test_packet_loss_is_not_condolence_and_it_feels_unfair_is_acknowledgement(analyzer):
    fed_up = "My internet keeps dropping. I've restarted the router four times and I'm really fed up."
    assert "unacknowledged-distress" in _names(analyzer, "Our monitoring shows packet loss on your line, so I've booked an engineer.", fed_up)
    unfair = "My claim was rejected. This is so unfair, I pay you every month."
    assert "unacknowledged-distress" not in _names(analyzer, "I understand it feels unfair. You can appeal: reply with a photo of the lock.", unfair)


@pytest.mark.parametrize(
    ("reply", "customer", "expected"),
    [
        ("Claims are dealt with in order of receipt. Please be patient and wait for the claims team.", "Where is my claim?", "dismissive-language"),
        ("I understand, however it is ultimately the patient's responsibility to double-check appointment times.", "The reminder said Tuesday.", "blaming-language"),
        ("The photo shows 41520. It appears you entered the digits in the wrong order.", "Why is my bill so high?", "blaming-language"),
    ],
)
def test_polite_brush_offs_and_polite_blame_are_flagged(analyzer, reply, customer, expected):
    assert expected in _names(analyzer, reply, customer)


def test_conditional_wrong_order_and_our_responsibility_are_not_blame(analyzer):
    names = _names(analyzer, "If you entered the digits in the wrong order, we can fix it. It is our responsibility to check.", "Why is my bill so high?")
    assert "blaming-language" not in names


def test_a_double_charge_is_not_a_repeated_attempt_and_still_dropping_is_taken_up(analyzer):
    assert "unacknowledged-distress" not in _names(
        analyzer, "Sorry about that! I've refunded the extra £3.95.", "shoes came wrong size. also u charge me delivery twice??")
    assert "unacknowledged-distress" not in _names(
        analyzer, "The engineer replaced the socket. As it's still dropping, I've booked him to come back on Thursday.",
        "engineer came today, did he actually fix anything? still dropping")


@pytest.mark.parametrize(
    "customer",
    [
        "I think someone has used my card. I'm quite shaken honestly.",
        "I'm honestly a bit frazzled, the audit is on Thursday.",
        "I not see it in my game. Is little bit sad because weekend I wanted play with my brother.",
        "She's 84 and she's had no heating since Sunday.",
    ],
)
def test_understated_feelings_and_cold_homes_are_distress(analyzer, customer):
    assert "unacknowledged-distress" in _names(analyzer, "Please restart the app and try again.", customer)


def test_a_worry_named_and_money_being_tight_are_acknowledgements(analyzer):
    rent = "I was charged twice, £142 each. would be nice to have one back before rent goes out on friday"
    assert "unacknowledged-distress" not in _names(analyzer, "That's a worry with rent due, so I've credited £142 back now, well before Friday.", rent)
    afford = "Please cancel my PT package, I can't afford it anymore."
    assert "unacknowledged-distress" not in _names(analyzer, "Of course, I'm sorry money's tight at the moment. I've cancelled the package.", afford)


def test_quoted_capitals_are_not_typographic_anger(analyzer):
    names = _names(analyzer, "That's Nimbus Services, a storage subscription. They bill as NMBS SVCS.", "A payment to 'NMBS SVCS' appeared on my statement. What is it?")
    assert "unacknowledged-distress" not in names


def test_sorry_this_is_on_top_of_everything_else_acknowledges_a_hardship(analyzer):
    names = _names(analyzer, "Yes, the vet can claim from us directly. I'm sorry this is on top of everything else.", "Can the vet claim directly? I can't afford to pay up front.")
    assert "unacknowledged-distress" not in names


def test_you_should_not_have_been_charged_owns_the_mistake_but_you_should_have_checked_blames(analyzer):
    assert "blaming-language" not in _names(analyzer, "You're right, you shouldn't have been charged. I've refunded the £4.95.", "I was charged for a free return.")
    assert "blaming-language" not in _names(analyzer, "You should have been told about the fee; I'm sorry.", "Why was I charged?")
    assert "blaming-language" in _names(analyzer, "You should have checked the size chart.", "The shoes are too small.")


def test_no_one_has_called_is_a_wait_not_a_repeated_attempt(analyzer):
    names = _names(analyzer, "Please send photos of the windscreen, then the assessor will call within 2 days.", "I submitted a claim 2 weeks ago and no one has called. When will someone be in touch?")
    assert "unacknowledged-distress" not in names


def test_a_misspelt_adverb_still_acknowledges_but_a_negation_does_not(analyzer):
    customer = "I'm locked out of my banking app and rent is due tonight, I'm starting to panic."
    assert "unacknowledged-distress" not in _names(analyzer, "I completley understand how worrying that is. I've unlocked it now.", customer)
    assert "unacknowledged-distress" in _names(analyzer, "I cannot understand how this happened. Try again later.", customer)


def test_buying_twice_by_accident_is_a_double_purchase_not_repeated_attempts(analyzer):
    names = _names(analyzer, "Yes, I've refunded the second pack.", "Hello, I buy the gems pack 2 times by accident. Can I get money back for one?")
    assert "unacknowledged-distress" not in names


def test_what_a_long_and_tiring_day_acknowledges_a_hard_journey(analyzer):
    customer = "Our flight diverted because a passenger had a heart attack and we missed our connection. We are quite tired."
    reply = "What a long and tiring day you've had, I'm sorry. I've rebooked you both on tomorrow's 10:40 flight."
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


def test_you_should_have_had_a_better_lock_blames_but_had_an_email_does_not(analyzer):
    assert "blaming-language" in _names(analyzer, "You should have had a better lock. Claims are done online.", "We were burgled.")
    assert "blaming-language" not in _names(analyzer, "You should have had an email from us by now.", "Where is my code?")
    assert "blaming-language" not in _names(analyzer, "You should have had it by Friday; I'll chase the courier.", "Where is it?")


def test_a_bereavement_team_is_a_department_not_a_condolence(analyzer):
    customer = "My mother passed away last week and I need to close her account."
    assert "unacknowledged-distress" in _names(analyzer, "Sorry for the inconvenience. Please send the certificate to our bereavement team.", customer)
    assert "unacknowledged-distress" not in _names(analyzer, "I'm so sorry for your bereavement. Our bereavement team will help.", customer)


def test_whatever_before_a_noun_is_not_dismissive(analyzer):
    reply = "A product that fails three times qualifies for a full refund whatever its age, so I've approved it."
    assert "dismissive-language" not in _names(analyzer, reply, "It broke again.")
    assert "dismissive-language" in _names(analyzer, "Whatever. It's not my problem.", "It broke again.")


def test_buying_something_twice_by_mistake_with_its_name_between_is_not_a_repeat(analyzer):
    names = _names(analyzer, "Hi, I've refunded GX-10294. Cheers, Kit", "Bought Skyvale Legends DLC twice by mistake. Refund one?")
    assert "unacknowledged-distress" not in names


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("What's the meter reading deadline this month?", "It's the 28th. You can submit it in the app."),
        ("Request for vaccination record\nSURNAME: Adebayo\nFIRST: Kemi\nHow long does it take?", "Hi Kemi, it takes 5 working days."),
        ("SIM locked, pls help asap I'm travelling tomorrow morning", "I understand you need this sorted before you travel tomorrow. Your PUK is 5520 1938."),
        ("I want it cancelled today, I get paid on Friday and can't afford another month.",
         "I completely understand, especially with money tight before payday. I've cancelled it now."),
    ],
)
def test_deadline_questions_form_labels_and_plain_acknowledgements_raise_no_distress_finding(analyzer, customer, reply):
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


def test_a_bare_sorry_to_hear_that_does_not_acknowledge_frustration(analyzer):
    customer = "I've tried two cables and the reset. Still nothing. I'm really fed up."
    assert "unacknowledged-distress" in _names(analyzer, "Sorry to hear that. Please try a different cable.", customer)
    assert "unacknowledged-distress" not in _names(analyzer, "Sorry to hear that, after two cables and a reset that's really frustrating. I'll send a new pair.", customer)


def test_you_should_of_blames_like_you_should_have(analyzer):
    assert "blaming-language" in _names(analyzer, "Well, you should of thought about that before.", "I want to block gambling on my card.")


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I need a copy of invoice INV-3309. The deadline isn't until January so there's no rush at all.", "I've e-mailed a copy of INV-3309 to you."),
        ("Hi, my dog had surgery last month, he's totally fine now thankfully! I just need the claim form.", "Here's the claim form: example.org/claims/vet."),
    ],
)
def test_a_distant_deadline_and_a_hardship_that_is_over_need_no_acknowledgement(analyzer, customer, reply):
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("What is the difference between your SMARTSAVE and FLEXIFIX tariffs? I'm on FLEXIFIX now.", "SMARTSAVE has a cheaper night rate; FLEXIFIX keeps one price all day."),
        ("I sent £2,000 to my landlord yesterday and he says it hasn't arrived. Should I be worried?", "The payment left your account at 4:12 pm and his bank received it at 4:13 pm."),
    ],
)
def test_product_names_in_capitals_and_asking_whether_to_worry_are_not_distress(analyzer, customer, reply):
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


def test_shouted_words_still_read_as_anger(analyzer):
    assert "unacknowledged-distress" in _names(analyzer, "Please wait for the courier.", "WHERE IS MY PARCEL, I HAVE WAITED ALL WEEK")


@pytest.mark.parametrize(
    ("reply", "flagged"),
    [
        ("Thanks. Looks like you pressed pay twice, you should really wait for the page to load.", True),
        ("You should always check the address before you pay.", True),
        ("You really should try the new app, it's great.", False),
        ("You should really be able to see it now.", False),
    ],
)
def test_should_really_advice_about_what_they_did_is_blame(analyzer, reply, flagged):
    assert ("blaming-language" in _names(analyzer, reply)) is flagged


def test_i_can_absolutely_understand_why_acknowledges_worry(analyzer):
    customer = "Has my referral been sent? I'm a bit worried because the GP said it was urgent."
    assert "unacknowledged-distress" not in _names(analyzer, "I can absolutely understand why you'd be worried. It went yesterday.", customer)
    assert "unacknowledged-distress" in _names(analyzer, "I can't see it here. It went yesterday.", customer)


def test_i_can_hear_its_been_stressful_acknowledges(analyzer):
    customer = "It's been such a stressful week, I forgot to add gift wrap to order 66102. Can you add it?"
    reply = "I can hear it's been a stressful week, so let's get this off your mind. I've added gift wrapping at no charge."
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    ("reply", "flagged"),
    [
        ("Purchases are final. Should of turned on purchase protection tbh.", True),
        ("You chose the peak-time slot, so delays are to be expected.", True),
        ("Should have the refund by Friday, I've sent it today.", False),
        ("You chose the peak-time slot, so I've refunded the delivery fee.", False),
    ],
)
def test_a_subjectless_should_of_and_you_chose_so_expect_delays_are_blame(analyzer, reply, flagged):
    assert ("blaming-language" in _names(analyzer, reply, "My food came cold and late. Can I get a refund?")) is flagged


def test_i_can_imagine_and_a_lot_to_worry_about_acknowledge(analyzer):
    reply = "I can imagine, three years of progress is a lot to worry about losing. Everything's still there."
    assert "acknowledges-feelings" in _names(analyzer, reply, "Thanks, I was really upset about losing my 3 year old account.")


@pytest.mark.parametrize(
    ("reply", "ack"),
    [
        ("Completely understand, three in a year is too many. I've logged your outages.", True),
        ("Totally understand. How about three months at half price?", False),
    ],
)
def test_completely_understand_with_a_reason_acknowledges_but_a_bare_one_before_a_pitch_does_not(analyzer, reply, ack):
    assert ("acknowledges-feelings" in _names(analyzer, reply, "I'm fed up, that's the third outage this year.")) is ack


def test_you_should_have_read_the_terms_is_still_blame(analyzer):
    assert "blaming-language" in _names(analyzer, "Roaming was removed in 2022; it was in the terms, you should have read them.")


@pytest.mark.parametrize(
    "reply",
    [
        "Hi, that's completely understandable, a scan can feel daunting. It takes about 20 minutes.",
        "It's understandable, and the first bill can feel overwhelming. Here is what each line means.",
        "Six weeks without your car and paying for taxis is a real strain. I've chased the garage today.",
    ],
)
def test_understandable_and_can_feel_daunting_acknowledge_worry(analyzer, reply):
    names = _names(analyzer, reply, "I'm really anxious about my scan next week, what does it involve?")
    assert "unacknowledged-distress" not in names
    assert "acknowledges-feelings" in names


@pytest.mark.parametrize(
    "customer",
    ["I returned the dress 2 weeks ago but still no money back. When will I receive it?", "I'm so sick of this app logging me out."],
)
def test_no_money_back_and_sick_of_are_not_hardship(analyzer, customer):
    from tonecheck.context import ConversationState, StateExtractor

    state = ConversationState()
    StateExtractor().add_customer_turn(state, 1, analyzer.nlp.lazy(customer))
    assert not any(s.kind == "hardship" for s in state.distress)


def test_would_drive_anyone_mad_acknowledges_repeated_failures(analyzer):
    customer = "The game crashed five times in a row, I want a refund."
    reply = "Ugh, five crashes in a row would drive anyone mad. I've refunded GS-30991 to your wallet."
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


def test_no_wonder_youre_fed_up_acknowledges(analyzer):
    customer = "Second wrong order this week, I'm fed up."
    reply = "Ugh, twice in one week, no wonder you're fed up. I've refunded the order, £19.40."
    assert "unacknowledged-distress" not in _names(analyzer, reply, customer)


@pytest.mark.parametrize(
    ("reply", "flagged"),
    [
        ("I've re-opened the booking, so you can pay until the 20th as planned.", False),
        ("I've re-opened the booking, so you can pay in the app.", True),
    ],
)
def test_planning_around_the_customers_own_deadline_acknowledges_it(analyzer, reply, flagged):
    customer = "The trip booking says closed but the deadline is the 20th and it's only the 17th. Urgent please."
    assert ("unacknowledged-distress" in _names(analyzer, reply, customer)) is flagged
