"""Attention checks: the agent who is not listening, and the near-misses that must stay quiet."""

from __future__ import annotations

import pytest


def _hits(analyzer, reply, context, name):
    report = analyzer.analyze_reply(reply, context)
    return [f for f in report.findings if f.name == name], report


# -- the story this project exists for ---------------------------------------------------
EXPECTED_AMAZON = {
    2: {"reasked-information"},
    4: {"wrong-form-of-address", "off-topic-reply"},
    6: {"reasked-information"},
    8: {"wrong-form-of-address"},
    10: {"reasked-information", "unanswered-question"},
    12: {"wrong-form-of-address"},
}


def test_amazon_chat_yields_every_expected_attention_finding_with_evidence_in_turn_1(analyzer, samples_dir):
    scored = analyzer.score_transcripts(samples_dir / "amazon-chat.txt")
    for _, row in scored.iterrows():
        att = [f for f in row["findings"] if f["category"] == "attention"]
        assert {f["name"] for f in att} == EXPECTED_AMAZON[row["turn"]], row["turn"]
        for f in att:
            if f["name"] != "unanswered-question":
                assert f["evidence"]["turn"] == 1, (row["turn"], f)


def test_clean_sample_turns_have_no_attention_findings(analyzer, samples_dir):
    scored = analyzer.score_transcripts(samples_dir / "sample.csv")
    clean = {"bereavement-return", "late-delivery", "double-charge", "router-fault", "misdirected-rant", "damaged-item"}
    for _, row in scored.iterrows():
        if row["conversation_id"] in clean:
            assert not [f for f in row["findings"] if f["category"] == "attention"], (
                row["conversation_id"],
                row["turn"],
            )


# -- reasked-information -----------------------------------------------------------------
def test_reask_points_to_where_the_customer_gave_the_value(analyzer):
    ctx = [("customer", "Hi, my username is adelgado77 and an email I don't know was added.")]
    hits, _ = _hits(analyzer, "Could you confirm your username please?", ctx, "reasked-information")
    assert len(hits) == 1
    ev = hits[0].evidence
    assert ctx[0][1][ev["start"] : ev["end"]] == "adelgado77" and ev["turn"] == 1


def test_confirming_a_value_back_is_not_a_reask(analyzer):
    ctx = [("customer", "My email is dana@example.org.")]
    hits, _ = _hits(analyzer, "Just to confirm, is it still dana@example.org?", ctx, "reasked-information")
    assert not hits


def test_asking_for_a_value_never_given_is_not_a_reask(analyzer):
    hits, _ = _hits(
        analyzer, "Could you share the order number?", [("customer", "My parcel is late.")], "reasked-information"
    )
    assert not hits


def test_asking_why_after_the_customer_gave_the_cancel_reason_is_a_reask(analyzer):
    ctx = [("customer", "I'd like to cancel my service please. I'm moving to Portugal next month.")]
    hits, _ = _hits(analyzer, "Before we go on, why do you want to cancel?", ctx, "reasked-information")
    assert hits and hits[0].evidence["turn"] == 1


def test_how_can_i_help_after_the_customer_explained_is_a_reask(analyzer):
    ctx = [("customer", "Hello, my order 5512 arrived broken and I would like a replacement sent please.")]
    hits, _ = _hits(analyzer, "Hello! How can I help you today?", ctx, "reasked-information")
    assert hits


def test_how_can_i_help_after_a_bare_hello_is_fine(analyzer):
    hits, _ = _hits(analyzer, "Hello! How can I help you today?", [("customer", "Hi")], "reasked-information")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply", "label"),
    [
        ("I'd like a quote for 22 Fern Avenue, Bristol BS6 5TY.", "What's the postcode of the property?", "postcode"),
        ("I was born 3 March 1988 and want a quote.", "Could you confirm your date of birth?", "date of birth"),
        ("Following up on ticket #48810, the import still fails.", "Can you send me your ticket reference?", "reference"),
        ("My email is paul.k@example.net and I never got the receipt.", "What email address should we send it to?", "email"),
        ("I want to close my account. Moving abroad.", "Sure. Could you tell me why you're closing it?", "reason"),
    ],
)
def test_values_given_in_other_forms_are_not_asked_again(analyzer, customer, reply, label):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "reasked-information")
    assert hits and hits[0].evidence["turn"] == 1


def test_a_postcode_shape_in_lower_case_or_a_different_value_is_not_a_reask(analyzer):
    hits, _ = _hits(analyzer, "What's the postcode of the property?", [("customer", "I live in a bs6 area flat.")], "reasked-information")
    assert not hits


# -- wrong-form-of-address ---------------------------------------------------------------
def test_maam_before_anything_was_said_about_the_customer_is_fine(analyzer):
    hits, _ = _hits(
        analyzer, "Of course, ma'am, one moment.", [("customer", "My order is late.")], "wrong-form-of-address"
    )
    assert not hits


def test_maam_after_it_is_sir_points_to_the_first_evidence_and_names_the_correction(analyzer):
    ctx = [
        ("customer", "Someone added an email to my account.\nMr. Delgado"),
        ("agent", "Thank you ma'am."),
        ("customer", "It's sir, not ma'am."),
    ]
    hits, _ = _hits(analyzer, "Ok ma'am, I have looked at the account.", ctx, "wrong-form-of-address")
    assert len(hits) == 1
    assert hits[0].evidence["turn"] == 1 and "turn 3" in hits[0].message


def test_wrong_honorific_with_the_right_surname_is_flagged(analyzer):
    ctx = [("customer", "I can't log in. My email is m.okafor@example.com - Ms. Okafor")]
    hits, report = _hits(analyzer, "Good. Anything else, Mr. Okafor?", ctx, "wrong-form-of-address")
    assert hits and report.text[hits[0].start : hits[0].end] == "Mr."


def test_using_the_customers_own_name_is_fine(analyzer):
    ctx = [("customer", "Hi, I'm Dana and my order is late.")]
    hits, _ = _hits(analyzer, "Hi Dana, this is Priya. Sorry about the delay.", ctx, "wrong-form-of-address")
    assert not hits


def test_thanking_the_agent_by_name_does_not_make_it_the_customers_name(analyzer):
    ctx = [
        ("customer", "Where is my parcel?"),
        ("agent", "Hi, I'm Sam. It arrives tomorrow."),
        ("customer", "Okay. Thank you, Sam."),
    ]
    hits, _ = _hits(analyzer, "You're welcome. Hi again, Laura here from billing.", ctx, "wrong-form-of-address")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Hi, I'm Siobhan. My order arrived with a cracked screen protector.", "Sorry to hear that, Sinead. I've sent a new one."),
        ("Could I have copies of my payslips? Thanks, Jon Whitaker (employee no. 40177)", "Hi John, I've emailed them to you."),
        ("Good morning, Mrs. Halloran here. I'd like to add a second line.", "Good morning, sir! I can add that today."),
        ("Waiting 11 weeks for results. Please help.\n\nSarah Lindgren, hospital no. H-2290417", "Hi Emma, results take 12 weeks."),
        ("Please waive the missed-appointment fee.\n\nDr. Amara Okafor", "Dear Mrs. Okafor, the fee stands."),
    ],
)
def test_names_and_titles_given_in_other_forms_are_respected(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "wrong-form-of-address")
    assert hits and hits[0].evidence["turn"] == 1


def test_a_third_person_the_customer_named_with_a_title_is_not_the_customer(analyzer):
    ctx = [("customer", "My consultant is Dr. Farouk and I'm still waiting.\n\nSarah Lindgren")]
    hits, _ = _hits(analyzer, "I'm sorry, Sarah. Dr. Farouk has your results and will call you.", ctx, "wrong-form-of-address")
    assert not hits


def test_the_right_name_at_the_end_of_a_clause_is_not_flagged(analyzer):
    ctx = [("customer", "Hi, I'm Siobhan. My order arrived damaged.")]
    hits, _ = _hits(analyzer, "Sorry to hear that, Siobhan. I've sent a new one.", ctx, "wrong-form-of-address")
    assert not hits


def test_a_titled_colleague_in_the_middle_of_a_sentence_is_not_the_customer(analyzer):
    ctx = [("customer", "Hi, this is Mr. Haddad. My claim is still pending.")]
    hits, _ = _hits(analyzer, "Please leave everything as it is so Ms. Ito can photograph the damage.", ctx, "wrong-form-of-address")
    assert not hits
    hits, _ = _hits(analyzer, "Dear Mr. Hadley, your claim is approved.", ctx, "wrong-form-of-address")
    assert hits


# -- off-topic-reply ---------------------------------------------------------------------
def test_password_reset_for_an_unknown_email_names_both_intents(analyzer):
    ctx = [("customer", "Someone added an email address I don't recognise to my account. Please take it off.")]
    hits, _ = _hits(analyzer, "I recommend a password reset for your protection.", ctx, "off-topic-reply")
    assert hits
    assert "login/password" in hits[0].message and "account security" in hits[0].message


def test_password_reset_for_a_login_problem_is_on_topic(analyzer):
    ctx = [("customer", "I can't log in, it says my password is wrong.")]
    hits, _ = _hits(analyzer, "I've sent you a password reset link.", ctx, "off-topic-reply")
    assert not hits


def test_a_refund_for_a_late_parcel_is_on_topic(analyzer):
    ctx = [("customer", "My parcel is two weeks late.")]
    hits, _ = _hits(analyzer, "I'm sorry, I've refunded the delivery charge.", ctx, "off-topic-reply")
    assert not hits


def test_sales_pitch_to_a_customer_with_an_unclassified_request_is_off_topic(analyzer):
    ctx = [("customer", "Can you book help at the station for my dad on 3 May? He uses a walking frame.")]
    hits, _ = _hits(analyzer, "Did you know you can earn double points on every trip this month?", ctx, "off-topic-reply")
    assert hits
    assert "sales offer" in hits[0].message and hits[0].evidence["turn"] == 1


def test_offer_to_a_customer_who_asked_for_deals_is_on_topic(analyzer):
    ctx = [("customer", "Are there any offers on broadband at the moment?")]
    hits, _ = _hits(analyzer, "Great timing: our spring sale ends Sunday, with fibre from 20 a month.", ctx, "off-topic-reply")
    assert not hits


def test_retention_offer_to_a_leaving_customer_is_not_off_topic(analyzer):
    ctx = [("customer", "I want to cancel my subscription.")]
    hits, _ = _hits(analyzer, "Before you go, did you know you can earn bonus points if you stay?", ctx, "off-topic-reply")
    assert not hits


def test_refund_policy_recited_to_a_where_is_my_parcel_question_is_off_topic(analyzer):
    ctx = [("customer", "When will my wardrobe arrive? It has said 'processing' for two weeks.")]
    reply = "Refunds for large items are processed within 10 days of the item being collected."
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert hits


def test_refund_policy_for_a_customer_asking_about_a_refund_is_on_topic(analyzer):
    ctx = [("customer", "I sent the lamp back last week. How long until I get my money back?")]
    reply = "Refunds are processed within 5 working days of the item reaching our warehouse."
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert not hits


def test_customer_who_arrived_somewhere_did_not_raise_a_delivery(analyzer):
    ctx = [("customer", "My phone has no data. I arrived in Lisbon this morning.")]
    hits, _ = _hits(analyzer, "Restart your phone and check that data roaming is on in settings.", ctx, "off-topic-reply")
    assert not hits


def test_tracking_update_for_a_damaged_item_is_off_topic(analyzer):
    ctx = [("customer", "The kettle arrived with a cracked lid. I want a replacement.")]
    reply = "Your order was delivered on 4 June at 9:12 am. You can track all your orders in the app."
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert hits


def test_courier_collection_for_a_damaged_item_is_on_topic(analyzer):
    ctx = [("customer", "The kettle arrived with a cracked lid. I want a replacement.")]
    reply = "I'm sorry about that. A courier will collect it on Friday and we'll send a new one the same day."
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert not hits


# -- unanswered-question -----------------------------------------------------------------
def test_rhetorical_jab_is_not_an_unanswered_question(analyzer):
    ctx = [("customer", "adelgado77. That's the third time I've given it. Are you even reading my messages?")]
    hits, _ = _hits(
        analyzer, "I have looked at the account and passed it to the security team.", ctx, "unanswered-question"
    )
    assert not hits


def test_second_question_ignored_is_flagged_and_points_to_it(analyzer):
    ctx = [("customer", "My bill went up. Why has it gone up? Also, is there a cheaper plan I could switch to?")]
    hits, _ = _hits(
        analyzer,
        "It went up because your discount ended, so your plan is at the standard price.",
        ctx,
        "unanswered-question",
    )
    assert len(hits) == 1
    ev = hits[0].evidence
    assert "cheaper plan" in ctx[0][1][ev["start"] : ev["end"]]


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("When will the courier come?", "They will come on Thursday between 9 and 12."),
        ("How much is the Value plan?", "It is $51 a month."),
        ("Who is your manager?", "I'm Sam, Jen's team lead."),
        ("Can you send a replacement?", "Yes, I've sent one by express delivery."),
        ("Can you refund the difference?", "Let me check whether the code can still be added."),
    ],
)
def test_answer_of_the_asked_type_addresses_the_question(analyzer, question, answer):
    hits, _ = _hits(analyzer, answer, [("customer", question)], "unanswered-question")
    assert not hits


def test_questions_before_the_previous_reply_are_not_judged_again(analyzer):
    ctx = [("customer", "Is there a cheaper plan?"), ("agent", "Yes, the Basic plan."), ("customer", "Ok thanks.")]
    hits, _ = _hits(analyzer, "You're welcome, have a nice day!", ctx, "unanswered-question")
    assert not hits


def test_internal_note_sent_to_the_customer_leaves_the_question_unanswered(analyzer):
    ctx = [("customer", "Hi, where is the refund for my returned boots? Ref RT-5120.")]
    hits, _ = _hits(analyzer, "[internal] can someone check the boots refund RT-5120, he's asking again", ctx, "unanswered-question")
    assert hits and "colleague" in hits[0].message


@pytest.mark.parametrize(
    ("question", "reply", "unanswered"),
    [
        # A note to a colleague inside a reply that answers the customer is an aside.
        (
            "Hi, I was charged twice for Pagecraft Pro, INV-7781 and INV-7782. Can you refund one? - Beatriz",
            "Hi Beatriz, [internal] check if she's done this before. I've refunded INV-7782; you'll see the £12 back in 3 to 5 days.",
            False,
        ),
        # ... but the part of the question passed on in the note is not answered,
        (
            "Can I move my appointment on Thursday to next week and do I need to fast before the blood test?",
            "I've moved you to Tuesday 18th at 9:20. @Liam she's asking about fasting, what's the rule for this one?",
            True,
        ),
        # and a pleasantry around the note does not make it a reply to the customer.
        (
            "My train was cancelled, ref RT-90012. Can I claim for the taxi I had to take?",
            "@Jo can you check if she's eligible for taxi costs? Hi, thanks for your message.",
            True,
        ),
    ],
)
def test_note_to_a_colleague_inside_an_answer_is_an_aside(analyzer, question, reply, unanswered):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert bool(hits) is unanswered


def test_thanks_alone_does_not_answer_a_question(analyzer):
    ctx = [("customer", "My kettle stopped working. Is it still under warranty?")]
    hits, _ = _hits(analyzer, "Thanks for letting us know about the kettle.", ctx, "unanswered-question")
    assert hits


def test_bare_greeting_that_opens_the_chat_is_not_an_unanswered_question(analyzer):
    ctx = [("customer", "Is my kettle still under warranty?")]
    hits, _ = _hits(analyzer, "Hi, I'm Priya from the support team.", ctx, "unanswered-question")
    assert not hits


def test_a_time_answers_a_what_question_about_hours(analyzer):
    ctx = [("customer", "What are your opening hours on Sunday?")]
    hits, _ = _hits(analyzer, "We're open from 10 am to 4 pm on Sundays.", ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize("jab", ["Did you even read my message?", "Are you a bot?"])
def test_rhetorical_jabs_about_the_agent_need_no_answer(analyzer, jab):
    ctx = [("customer", f"I said the parcel never came. {jab}")]
    reply = "I'm sorry. I've ordered a replacement, which will arrive on Friday."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


def test_asking_for_the_details_needed_to_act_on_a_request_is_not_unanswered(analyzer):
    ctx = [("customer", "Can you close my gas account? I'm moving out on 2 May.")]
    hits, _ = _hits(analyzer, "Of course. Could you confirm the postcode of the property?", ctx, "unanswered-question")
    assert not hits


def test_explaining_the_cause_does_not_answer_what_to_do(analyzer):
    ctx = [("customer", "My card is blocked after three wrong PINs. What do I do?")]
    hits, _ = _hits(analyzer, "That happens when the PIN is entered wrongly three times.", ctx, "unanswered-question")
    assert hits


def test_instructions_answer_what_to_do(analyzer):
    ctx = [("customer", "My card is blocked after three wrong PINs. What do I do?")]
    hits, _ = _hits(analyzer, "Go to any of our cash machines and choose PIN services > Unblock PIN.", ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("What should I check?", "1) Go to your Home screen. 2) Tap Settings. 3) Tap Device information."),
        ("Can I still get the price for the workshop?", "I'm afraid you need to call the studio directly, they set the prices."),
        ("Why does the reader say my books are locked?", "Thank you. I will place you on hold to check your account, it takes 2 minutes."),
    ],
)
def test_steps_redirects_and_holds_address_the_question(analyzer, question, reply):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert not hits


def test_a_pleasantry_alone_is_only_an_opener(analyzer):
    hits, _ = _hits(analyzer, "Hi Ana! I hope you're having a good day.", [("customer", "Is my plan monthly?")], "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("Thanks. Will the number be disconnected straight away?", "The number stays active for 30 days after we close the contract."),
        ("Actually, can I get voicemail messages by email?", "That's available on business plans only."),
        ("Thanks. Can I stop this happening with hotels in future?", "Most hotels place a hold; ask them to use a debit card instead."),
    ],
)
def test_a_plain_statement_or_instruction_answers_a_single_yes_no_question(analyzer, question, reply):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert not hits


def test_a_report_opening_with_did_is_not_a_question(analyzer):
    hits, _ = _hits(analyzer, "Thanks for trying that. I can see a fault at the exchange.", [("customer", "Did that, still red.")], "unanswered-question")
    assert not hits


def test_check_in_at_a_hospital_desk_is_not_a_travel_topic(analyzer):
    ctx = [("customer", "My hospital letter says to bring a referral form."), ("agent", "Your GP can print it."), ("customer", "Do I need to arrive early?")]
    hits, _ = _hits(analyzer, "Please arrive 15 minutes early to check in at the desk on level 2.", ctx, "off-topic-reply")
    assert not hits


# -- repeated-reply ----------------------------------------------------------------------
def test_pasting_the_same_reply_again_is_flagged_with_the_earlier_turn(analyzer):
    canned = "Orders can't be changed once they have been placed. You can cancel the order and place a new one."
    ctx = [("customer", "Can you change my address?"), ("agent", canned), ("customer", "Can I keep the sale price?")]
    hits, _ = _hits(analyzer, "Hi, thanks for contacting us. " + canned, ctx, "repeated-reply")
    assert hits and hits[0].evidence["turn"] == 2


def test_repeated_greetings_and_sign_offs_are_not_repeats(analyzer):
    ctx = [
        ("customer", "Where is my parcel?"),
        ("agent", "Hi, thanks for contacting us! Let me check the tracking for you. Have a great day!"),
        ("customer", "And the refund?"),
    ]
    reply = "Hi, thanks for contacting us! Your refund went through yesterday. Have a great day!"
    hits, _ = _hits(analyzer, reply, ctx, "repeated-reply")
    assert not hits


# --- facts added after the first labelled-corpus pass ------------------------------------
def test_card_digits_given_then_asked_again_is_a_reask(analyzer):
    rep = analyzer.analyze_reply(
        "Which card is it? Could you give me the last four digits?",
        [("customer", "A payment I never made hit my account. My card ends 4412.")],
    )
    assert "reasked-information" in [f.name for f in rep.findings]


def test_asking_whether_they_tried_what_they_said_they_tried_is_a_reask(analyzer):
    ctx = [("customer", "My texts aren't sending. I've restarted it three times already.")]
    rep = analyzer.analyze_reply("Have you tried restarting your phone?", ctx)
    hit = [f for f in rep.findings if f.name == "reasked-information"]
    assert hit and hit[0].evidence["turn"] == 1


def test_suggesting_a_step_the_customer_did_not_mention_is_not_a_reask(analyzer):
    ctx = [("customer", "My texts aren't sending. I've updated the phone.")]
    rep = analyzer.analyze_reply("Have you tried restarting your phone?", ctx)
    assert "reasked-information" not in [f.name for f in rep.findings]


def test_placeholder_values_from_anonymised_exports_count_as_given(analyzer):
    ctx = [("customer", "I can't sign in. My email is [EMAIL] and my ticket from last week is <TICKET_ID>.")]
    rep = analyzer.analyze_reply("Please send your email address and ticket number.", ctx)
    assert "reasked-information" in [f.name for f in rep.findings]


def test_refused_title_is_a_wrong_form_of_address(analyzer):
    ctx = [("customer", "When will my curtains arrive? Order 66032. Ms. Kowalski (not Mrs., please)")]
    rep = analyzer.analyze_reply("Dear Mrs. Kowalski, they arrive on Friday.", ctx)
    assert "wrong-form-of-address" in [f.name for f in rep.findings]
    ok = analyzer.analyze_reply("Dear Ms. Kowalski, they arrive on Friday.", ctx)
    assert "wrong-form-of-address" not in [f.name for f in ok.findings]


def test_misspelled_customer_name_from_a_bare_signoff_is_flagged(analyzer):
    ctx = [("customer", "Hello, I'd like to order a new chequebook. Priya Raman")]
    rep = analyzer.analyze_reply("Hi Pryia, of course. It arrives in 5 working days.", ctx)
    assert "wrong-form-of-address" in [f.name for f in rep.findings]
    ok = analyzer.analyze_reply("Hi Priya, of course. It arrives in 5 working days.", ctx)
    assert "wrong-form-of-address" not in [f.name for f in ok.findings]


@pytest.mark.parametrize(
    "reply",
    ["Our loyalty card gives you 5% off every order, you can sign up at checkout!",
     "You could look at our personal loan, it's 9.9% a year."],
)
def test_more_sales_pitches_are_off_topic(analyzer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", "Do you deliver to Orkney, and can I pay cash on delivery?")], "off-topic-reply")
    assert hits


def test_a_goodwill_discount_for_a_late_parcel_is_not_a_pitch(analyzer):
    reply = "I'm sorry it's late. I've added 20% off your next order, and the courier delivers tomorrow."
    hits, _ = _hits(analyzer, reply, [("customer", "My parcel is a week late.")], "off-topic-reply")
    assert not hits


def test_a_yes_to_the_first_question_does_not_answer_a_second_one_it_skips(analyzer):
    ctx = [("customer", "Can I change the delivery address on my order? And will there be a fee for that?")]
    reply = "Yes, I've updated the delivery address on your order to 14 Larch Close."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert hits and "fee" in hits[0].message


def test_two_questions_each_answered_in_its_own_words_pass(analyzer):
    ctx = [("customer", "Can I change the delivery address on my order? And will there be a fee for that?")]
    reply = "Yes, I've updated the delivery address on your order, and there's no fee for the change."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


def test_soon_does_not_answer_when(analyzer):
    ctx = [("customer", "I ordered a sofa six weeks ago. What is the delivery date?")]
    hits, _ = _hits(analyzer, "Your order is in progress and will be delivered soon.", ctx, "unanswered-question")
    assert hits


@pytest.mark.parametrize(
    "reply",
    [
        "Your sofa will be delivered on Thursday between 8 am and 12 pm.",
        "It will be delivered soon: the courier has it and delivers within 2 working days.",
        "It will be delivered soon; I'll check with the warehouse and message you the exact date by 5 pm.",
    ],
)
def test_a_date_or_a_promise_to_find_out_answers_when(analyzer, reply):
    ctx = [("customer", "I ordered a sofa six weeks ago. What is the delivery date?")]
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


def test_a_short_capitalised_place_in_the_question_counts_as_its_words(analyzer):
    ctx = [("customer", "Is the S5 charger compatible with the S3? And can I use it abroad, like in the US?")]
    reply = "The S5 charger works with the S3 too. In the US you only need a plug adapter, not a converter."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("Will the engineer call first? Do I need to be home?", "He'll text you 30 minutes before, and someone over 18 needs to be there."),
        ("Has my parcel been sent? What's the tracking number?", "It left our warehouse this morning: tracking RM123456789GB."),
        ("Can I pay in instalments? Is there interest?", "You can split it into 3 monthly payments with no interest."),
        ("Can you move my appointment to Friday? Is the morning free?", "Done, you're booked for Friday at 9:30 am."),
        ("Is my data safe? Who can see it?", "Your data is encrypted, and only you and our security team can access it."),
    ],
)
def test_answers_in_related_words_address_each_question(analyzer, question, reply):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert not hits


def test_the_question_words_without_a_time_do_not_answer_when(analyzer):
    ctx = [("customer", "When will my refund arrive? Will it go back to my card?")]
    hits, _ = _hits(analyzer, "Your refund will go back to your card.", ctx, "unanswered-question")
    assert hits and "When will my refund arrive" in hits[0].message


def test_a_fix_that_ships_is_not_a_delivery(analyzer):
    ctx = [("customer", "Any idea why the app keeps logging me out?")]
    reply = "That's a known bug in version 4.2 and a fix ships on Thursday. Until then, tick 'Keep me signed in'."
    names = {f.name for f in analyzer.analyze_reply(reply, ctx).findings}
    assert not names & {"off-topic-reply", "unanswered-question"}


def test_one_shared_word_of_three_and_a_statement_answer_a_single_question(analyzer):
    hits, _ = _hits(analyzer, "It works on 100-240 V, so you'll only need a plug adapter there.", [("customer", "Does the charger work in Europe?")], "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I want to return the jacket, it's too small.", "Your account password must be at least 12 characters long."),
        ("Someone I do not know logged into my account last night.", "You can download your invoices from the Billing page."),
        ("Someone in another country is logging into my account.", "You can update your delivery address under My account > Addresses."),
    ],
)
def test_a_how_to_for_another_problem_is_off_topic(analyzer, customer, reply):
    names = {f.name for f in analyzer.analyze_reply(reply, [("customer", customer)]).findings}
    assert "off-topic-reply" in names


def test_a_definition_answers_what_a_term_is(analyzer):
    hits, _ = _hits(analyzer, "It's a same-day payment system that banks use for large transfers.", [("customer", "Thank you. What's CHAPS?")], "unanswered-question")
    assert not hits


def test_a_refusal_answers_is_there_any_way(analyzer):
    ctx = [("customer", "I deleted a project by accident. Is there any way to get them back??")]
    hits, _ = _hits(analyzer, "Projects deleted from the trash can't be recovered, I'm afraid.", ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("What's the cancellation fee?", "You can cancel at any time from your account page."),
        ("How much is the upgrade?", "The upgrade gives you twice the storage and priority support."),
        ("Where do I send the faulty unit?", "I'm sorry the unit is faulty. I've logged it as case 5521."),
        ("What time does the store close today?", "Our Leeds store is on Briggate, opposite the market."),
    ],
)
def test_the_question_words_without_a_price_place_or_time_do_not_answer_it(analyzer, question, reply):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert hits


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("What's the cancellation fee?", "There's no fee to cancel, you can do it any time."),
        ("Where do I send the router?", "The bag has a prepaid label, so you can drop it at any post office."),
        ("Where's my parcel?", "The courier left it with your receptionist at 11:20 this morning."),
        ("What time does your store open on Sundays?", "It opens at 10:00 on Sundays."),
        ("Why did my bill go up?", "Your 12-month discount ended on 3 May, so the plan went back to £32."),
    ],
)
def test_a_price_place_time_or_any_explanation_answers_it(analyzer, question, reply):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Order 48213-KD hasn't come. My email is dana@example.org.", "What's the best email to reach you on?"),
        ("Order 48213-KD hasn't come. My email is dana@example.org.", "Which order is this about?"),
        ("I've restarted the router three times.", "Have you tried turning the router off and on again?"),
    ],
)
def test_re_asks_in_other_words_are_flagged(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "reasked-information")
    assert hits


def test_asking_which_order_when_none_was_given_is_not_a_re_ask(analyzer):
    hits, _ = _hits(analyzer, "Which order is this about?", [("customer", "My parcel hasn't come.")], "reasked-information")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Sarah here. Still no refund.", "Hi Emma, I'll check."),
        ("My name is Alex Morgan, he/him. Order 331 is late.", "Thanks for waiting, madam."),
    ],
)
def test_x_here_and_stated_pronouns_set_the_form_of_address(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "wrong-form-of-address")
    assert hits


@pytest.mark.parametrize("customer", ["Please call me Monday about it.", "Call me back when you can.", "Nobody here has helped me."])
def test_days_and_pronouns_after_call_me_or_here_are_not_names(analyzer, customer):
    hits, _ = _hits(analyzer, "Thanks Sarah, I will.", [("customer", customer)], "wrong-form-of-address")
    assert not hits


def test_giving_a_name_to_someone_else_later_is_not_a_reask(analyzer):
    ctx = [("customer", "Will they hold my room? Karim Haddad, booking SKV-20931.")]
    reply = "The hotel will keep your room until 2 am; please give your name at reception when you arrive."
    hits, _ = _hits(analyzer, reply, ctx, "reasked-information")
    assert not hits
    hits, _ = _hits(analyzer, "Please give me your name so I can check.", ctx, "reasked-information")
    assert hits


def test_is_that_normal_is_answered_by_a_reply_about_what_that_was(analyzer):
    ctx = [("customer", "Someone rang saying they were from you and asked for my card number. Is that normal?")]
    answered = "Please don't give them anything: we never ask for your card number over the phone, and that call wasn't from us."
    hits, _ = _hits(analyzer, answered, ctx, "unanswered-question")
    assert not hits
    hits, _ = _hits(analyzer, "Thanks for getting in touch.", ctx, "unanswered-question")
    assert hits


def test_swap_is_answered_by_exchange(analyzer):
    ctx = [("customer", "I ordered a medium hoodie and got a large. Can I swap it?")]
    hits, _ = _hits(analyzer, "Exchanges are free: I've emailed you a prepaid returns label.", ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            "There's a payment of £49.99 to STREAMZONE on my card. I didn't make it and I've never heard of them.",
            "I can help you reset your online banking password. Go to Log in > Forgotten password.",
        ),
        ("My phone says 'SIM not provisioned' and I can't make calls.", "Good news: would you like me to upgrade you today? It comes with EU roaming."),
    ],
)
def test_replies_that_solve_another_problem_than_an_unknown_payment_or_a_dead_sim_are_off_topic(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "off-topic-reply")
    assert hits


def test_answering_the_first_of_two_questions_in_one_sentence_leaves_the_second(analyzer):
    ctx = [("customer", "Can I take my broadband to the new flat, and will there be a fee for moving it?")]
    hits, _ = _hits(analyzer, "Yes, your broadband can move with you; the line is live by 6 pm on 14 March.", ctx, "unanswered-question")
    assert hits
    hits, _ = _hits(analyzer, "Yes, your broadband can move with you, and there's no charge for moving it.", ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    "reply",
    ["Only if the other insurer disputes it; otherwise you'd pay nothing.", "No, there's nothing to pay.", "Yes, the excess is £250."],
)
def test_a_fee_question_is_answered_by_an_amount_or_a_plain_no(analyzer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", "Will I have to pay my excess?")], "unanswered-question")
    assert not hits


def test_a_greeting_that_leads_into_the_answer_does_not_hide_it(analyzer):
    ctx = [("customer", "How long does it take, and is there a charge?")]
    hits, _ = _hits(analyzer, "Hello, there is no charge for a copy of your record.", ctx, "unanswered-question")
    assert hits and "How long" in hits[0].message


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("My flight was cancelled. Is there another flight today?", "I've moved you all to the 17:45 to Lisbon today, seats 22A to 22C."),
        ("Lovely, I'll ring them. Do I need to bring anything?", "Just your NHS number if you have it handy."),
        ("ah ok, can I book the 3rd now or do I have to wait?", "Bookings open 7 days ahead, so you can book it from 7 am on Saturday."),
        ("I have photos from the car park, timestamped. Does that count for nothing?", "Photos can be sent to our damage team, who review them within 14 days."),
    ],
)
def test_answers_in_other_words_count(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


def test_a_second_question_about_her_is_split_and_checked(analyzer):
    customer = "If we add her to our policy do we get a multi-pet discount, and would her ear condition be covered?"
    hits, _ = _hits(analyzer, "Yes, there's a 10% multi-pet discount on the second pet.", [("customer", customer)], "unanswered-question")
    assert hits


def test_a_misspelled_account_holder_name_is_the_wrong_name(analyzer):
    ctx = [("customer", "Please cancel my Locker Plus subscription. Account holder Benedikt Saar.")]
    hits, _ = _hits(analyzer, "Hi Benedict, I've cancelled it today.", ctx, "wrong-form-of-address")
    assert hits
    hits, _ = _hits(analyzer, "Hi Benedikt, I've cancelled it today.", ctx, "wrong-form-of-address")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("My headphones won't charge. I've tried two different cables and a laptop port.", "Sorry to hear that. Have you tried a different cable?"),
        ("Eleanor Pike, date of birth 2 March 1951. The pharmacy hasn't got it.", "Thank you. What is the patient's date of birth, please?"),
        ("This is Ms. Harriet Vance, reservation HV-20931 for 2 nights.", "Could you confirm your reservation number so I can check?"),
        ("OK, flight is TP1337. Please add late collection.", "Thank you. What is the flight number, please?"),
    ],
)
def test_details_given_earlier_asked_for_again_are_reasked(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "reasked-information")
    assert hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Ok. Will he need to come inside?", "Only if the cabinet repair doesn't fix it."),
        ("10 working days? Rent is due on Friday. Is there nothing you can do?", "I've issued a temporary credit of £420 so it's there by tomorrow."),
        ("Siobhan. Not Sinead. When does the new pair ship?", "The new pair ships as soon as the courier scans your old ones, usually the same day."),
        ("You just sent the exact same thing. Is anyone reading this?", "Sorry, that was the same answer. I've reset the sync on our side."),
    ],
)
def test_conditional_actions_and_same_day_answers_count(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


def test_a_paying_customer_is_not_a_billing_topic(analyzer):
    ctx = [("customer", "Tasklane logs me out in Chrome."), ("agent", "Same guy again lol"), ("customer", "Excuse me? I'm a paying customer.")]
    hits, _ = _hits(analyzer, "Sorry. To fix it, clear your cookies for our sign-in page.", ctx, "off-topic-reply")
    assert not hits


@pytest.mark.parametrize(
    "reply",
    [
        "Thank you for raising the missed-appointment fee with us. We take all feedback about our charges seriously.",
        "I understand your concern about the fee. Fees are applied in line with our account terms and conditions.",
    ],
)
def test_a_reply_made_only_of_stock_acknowledgements_answers_nothing(analyzer, reply):
    ctx = [("customer", "Why was I charged a £25 fee when I cancelled two days before? Can it be taken off?")]
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert hits


def test_a_stock_opening_before_a_real_answer_is_fine(analyzer):
    ctx = [("customer", "Why was I charged a £25 fee when I cancelled two days before? Can it be taken off?")]
    reply = "Thank you for raising this. Our system missed your cancellation call, so the fee was wrong; I've removed it."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


def test_a_retention_question_back_does_not_excuse_an_unanswered_question(analyzer):
    ctx = [("customer", "I'm moving in with my partner, so please cancel my contract. How much will my final bill be?")]
    reply = "Sorry to hear you're leaving! Before I can cancel, could you tell me which provider your partner uses?"
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Thanks. Will the next update turn it back on?", "It shouldn't. Settings you change yourself are kept."),
        ("Found them. Did I click archive by accident or something?", "Possibly, the Archive button sits right next to Export."),
        ("Thank you. Do you need a copy of the death certificate?", "Not now. If we need it later we'll email you."),
        ("Will her rent be late then? It's due Monday.", "Not if we act today: a new payment arrives within 2 hours."),
        ("What details do I need from her, and how long does it take?", "You'll need her IBAN and BIC. It arrives the next working day."),
        ("That worked, thanks. What about the other two?", "Sorry, I skipped those. The extra £6 is the yearly price change, and paper bills are on."),
    ],
)
def test_short_modal_and_hedged_answers_count(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


def test_im_asking_whether_is_a_question(analyzer):
    ctx = [("customer", "I haven't lost anything yet. I'm asking whether the clubs are covered before I fly.")]
    hits, _ = _hits(analyzer, "To make a claim, complete the online form within 31 days.", ctx, "unanswered-question")
    assert hits


def test_a_first_reply_asking_for_details_already_given_is_a_reask_not_an_unanswered_question(analyzer):
    ctx = [("customer", "My smart meter stopped sending readings. Account 30028814. When can an engineer come out?")]
    report = analyzer.analyze_reply("Hello, can you send me your account number so I can check the meter?", ctx)
    names = [f.name for f in report.findings]
    assert "reasked-information" in names and "unanswered-question" not in names


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("The jug is dishwasher safe, thanks. and warranty?", "Two years from the delivery date."),
        ("That fixed it. Will visitors see the old one?", "Some might for up to 24 hours, after which everyone sees the new logo."),
        ("Which one do you think is better?", "I can't recommend one myself, but a mortgage adviser can: shall I book a call?"),
        ("Jon. Can I leave without a fee because of the rise?", "Yes, if you cancel within 30 days of the notice you pay no exit fee."),
        ("What does that mean in plain English? Will I get fined?", "We check larger payments for fraud first. It reaches your landlord by 5 pm tomorrow, so no fine."),
    ],
)
def test_elliptical_hedged_and_advice_questions_are_answered(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


def test_an_engineer_for_a_leaking_machine_is_on_topic(analyzer):
    ctx = [("customer", "The washing machine you delivered yesterday leaks from the door seal.")]
    hits, _ = _hits(analyzer, "I've booked the engineer for Friday between 8 am and 1 pm.", ctx, "off-topic-reply")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("And the early exit fee??", "Sorry, missed that. Leaving in February, the fee is £18.50."),
        ("Quick one: is there a standing charge on the tariff? and is it the same in Wales", "Yes, there is, and no: it's 46p a day in Wales, 41p in England."),
        ("ok which one am I in, postcode LL57 2DG", "LL57 is North Wales, so 43p a day for you."),
        ("Are you saying I lied on my form?", "I'm not saying you did anything wrong; 'claims history' means claims in your area."),
        ("Sorry, what is T+2?", "Sorry, that's banking shorthand. It means two working days after the day you send it."),
    ],
)
def test_fragments_codes_denials_and_glosses_answer(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


def test_closing_a_card_is_a_cancellation_topic_so_an_offer_is_not_off_topic(analyzer):
    ctx = [("customer", "Hi, I want to close my Gold credit card. It's all paid off. How long does closing it take?")]
    reply = "Of course. Closing takes effect straight away. If the annual fee is the reason, I could switch you to our no-fee card instead."
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Why was it rejected and can I appeal?", "The assessor recorded a slow leak, which is excluded. You can appeal by replying with photos."),
        ("What if I don't have a plumber's report?", "Photos of the pipe and the stain are enough to start."),
        ("what about calls to the UK from there", "Included in the £6."),
        ("Also, do I get a refund for the rest of the year?", "I've cancelled it today; you'll get £84.50 back for the unused months."),
        ("Is there a dark mode in Skyvale? Can't find it.", "Go to Settings > Appearance > Theme and choose Dark."),
    ],
)
def test_causes_what_ifs_fragments_and_instructions_answer(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("What will it cost and what do you need from me?", "It would add £38.20 to your annual premium. I need her date of birth and licence number."),
        ("There's brown water coming out of my taps, is it safe to drink?", "It isn't harmful, but run the cold tap for 10 minutes first."),
        ("Will my plan work there or do I need to add something?", "Your plan already includes EU roaming, so you can use it the same as at home."),
        ("Ah done, that helps. Will I get a discount for the week?", "I've added a £5 credit to your account for the disruption."),
    ],
)
def test_answers_in_other_words_for_cost_safety_alternatives_and_credits(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


def test_am_i_in_trouble_is_answered_by_reassurance(analyzer):
    ctx = [("customer", "I didn't declare our loft conversion. I had no idea I had to. Am I in trouble?")]
    reply = "I'm not saying you did anything wrong; your policy is still active and we just need the details."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits
    hits, _ = _hits(analyzer, "Please send the year of the conversion.", ctx, "unanswered-question")
    assert hits


def test_hi_there_its_name_gives_the_name(analyzer):
    ctx = [("customer", "Hi there, it's Dolores Fennick. Does the patio set come assembled?")]
    report = analyzer.analyze_reply("Hi Dolores, it comes flat-packed with tools.", ctx)
    assert "uses-customer-name" in [f.name for f in report.findings]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Where do I send it?", "You can email it to claims.docs@example.org or post it to us."),
        ("Our site shows 'certificate expired' warnings. How do we fix it?", "It expired last night. I've renewed it and turned auto-renew on."),
        ("Will you cover the late fee?", "I can't refund their late fee directly, but I'll write a letter today that most landlords accept."),
        ("Is there a student discount? And can I use it for a group project with 4 people?", "Students get 50% off, and Team starts at 3 seats, so your group of four fits fine."),
    ],
)
def test_emails_done_fixes_refusals_and_numbers_in_words_answer(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "unanswered-question")
    assert not hits


def test_a_yes_no_question_answered_in_its_own_terms_is_answered(analyzer):
    ctx = [("customer", "Does my home insurance cover a burst pipe? Water came through the ceiling.")]
    reply = "Under section 4, escape of water from a fixed installation is covered, subject to your £250 excess."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


def test_an_action_answers_what_will_you_do_but_not_the_specific_request_beside_it(analyzer):
    ctx = [("customer", "My flight was cancelled and I'm stuck with two kids. What are you going to do about it? Will you pay for a hotel?")]
    reply = "I'm so sorry, that's awful. I've rebooked you on tomorrow's 07:15 flight and your boarding passes are in the app."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert len(hits) == 1 and "hotel" in hits[0].message
    ctx_one = [("customer", "My flight was cancelled. What are you going to do about it?")]
    assert not _hits(analyzer, reply, ctx_one, "unanswered-question")[0]


def test_a_surname_with_letters_beyond_ascii_is_the_whole_surname(analyzer):
    ctx = [("customer", "Hello, this is Mr. Tomasz Wiśniewski, booking ref SKV-22819. Is there a fee to change it?")]
    hits, _ = _hits(analyzer, "Hello Mr. Wiśniewski, the change fee is £35.", ctx, "wrong-form-of-address")
    assert not hits
    hits, _ = _hits(analyzer, "Hello Mrs. Wiśniewski, the change fee is £35.", ctx, "wrong-form-of-address")
    assert hits


def test_a_reply_repeated_word_for_word_does_not_answer_the_question_asked_since(analyzer):
    first = "Cards are usually delivered in 5 working days."
    ctx = [("customer", "I still haven't received my new card."), ("agent", first),
           ("customer", "It has been 12 working days. Where is it?")]
    hits, _ = _hits(analyzer, first, ctx, "unanswered-question")
    assert hits and "repeats an earlier reply" in hits[0].message
    ctx_again = [*ctx[:2], ("customer", "Sorry, what was the delivery time again?")]
    assert not _hits(analyzer, first, ctx_again, "unanswered-question")[0]


def test_why_is_it_so_high_is_a_real_question_and_the_second_part_still_counts(analyzer):
    ctx = [("customer", "My bill for March is £212, almost double. Why is it so high, and can I pay it in instalments?")]
    reply = "The March bill was based on an estimated reading, because we didn't receive one in February."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert len(hits) == 1 and "instalments" in hits[0].message


def test_numbered_questions_are_each_checked(analyzer):
    ctx = [("customer", "Three questions: 1) can I switch from monthly to annual mid-cycle, 2) do I get credit for "
                        "the unused month, 3) is VAT included in the annual price?")]
    reply = "Yes, you can switch at any time, and the unused part of this month is credited to the annual invoice."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert len(hits) == 1 and "VAT" in hits[0].message


def test_a_price_question_needs_a_price_not_any_number(analyzer):
    ctx = [("customer", "I need to know whether my guitar can go in the cabin, and also how much it costs to add a checked bag.")]
    hits, _ = _hits(analyzer, "Yes, a guitar can travel in the cabin if it is up to 118 cm long.", ctx, "unanswered-question")
    assert hits
    hits, _ = _hits(analyzer, "Yes, a guitar fits if it is up to 118 cm long, and a checked bag is £35.", ctx, "unanswered-question")
    assert not hits


def test_when_will_it_arrive_needs_a_time_not_just_on_its_way(analyzer):
    ctx = [("customer", "Order 77120-PL was meant to arrive yesterday. When will it get here?")]
    assert _hits(analyzer, "Thanks. Your order has been dispatched and is on its way to you.", ctx, "unanswered-question")[0]
    assert not _hits(analyzer, "Thanks. Your order is on its way and arrives tomorrow by 6 pm.", ctx, "unanswered-question")[0]


def test_a_label_before_the_questions_and_a_gerund_subject_still_split_them(analyzer):
    ctx = [("customer", "Two questions: how do I get my PUK code, and will unlocking my phone cost anything?")]
    reply = "Your PUK code is in the app under Account > SIM > PUK."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert len(hits) == 1 and "unlocking" in hits[0].message


def test_an_offer_to_act_is_not_a_clarifying_question(analyzer):
    ctx = [("customer", "Two questions: can I book the same hotel for June, and do you still offer the early-bird 10% discount?")]
    reply = "Yes, the Nordlys Hotel has rooms from 6 to 14 June. Shall I hold one for you?"
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert len(hits) == 1 and "early-bird" in hits[0].message
    clarify = "Which dates in June did you have in mind?"
    assert not _hits(analyzer, clarify, ctx, "unanswered-question")[0]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("A few things about the X2 blender: what's the wattage, is the jug dishwasher safe, and how long is the warranty?",
         "1,200 W, yes (top rack only), and 2 years."),
        ("I would like to know if my mortgage overpayment of £2,000 went through.", "Good morning, it did - it was applied on 3 October."),
    ],
)
def test_terse_answers_in_years_or_after_a_dash_are_answers(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]


def test_and_will_already_sent_invoices_is_a_second_question(analyzer):
    ctx = [("customer", "Our invoices show the wrong VAT number. How do I change it, and will already-sent invoices be corrected?")]
    hits, _ = _hits(analyzer, "Go to Settings > Company > Tax details, edit the VAT number and click Save.", ctx, "unanswered-question")
    assert hits and "already-sent" in hits[0].message


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("When is my next physio appointment? Patient number 88231.", "Could you confirm your patient number please?"),
        ("Hello, I'm Farah, member number HM-448120. Has the claim been paid?", "Could you confirm your member number?"),
        ("My suitcase didn't arrive. File reference FCOSV12345.", "Hi, can you give me your file reference please?"),
    ],
)
def test_patient_member_numbers_and_file_references_are_known_values(analyzer, customer, reply):
    assert _hits(analyzer, reply, [("customer", customer)], "reasked-information")[0]


def test_asking_for_a_patient_number_nobody_gave_is_not_a_reask(analyzer):
    assert not _hits(analyzer, "Could you confirm your patient number please?", [("customer", "I need to move my appointment.")], "reasked-information")[0]


def test_a_related_problem_that_leaves_the_question_unanswered_is_off_topic(analyzer):
    ctx = [("customer", "Can I bring a second cabin bag on my flight SV212 on 14 March? I'm travelling with a baby.")]
    reply = "If you cancel more than 24 hours before departure, you'll get a full refund to your original payment method within 7 days."
    assert _hits(analyzer, reply, ctx, "off-topic-reply")[0]
    late = [("customer", "My parcel is two weeks late. Can I get the delivery charge back?")]
    assert not _hits(analyzer, "I've refunded the £4.99 delivery charge to your card today.", late, "off-topic-reply")[0]


def test_a_shared_short_term_keeps_a_reply_on_topic_but_an_order_code_does_not(analyzer):
    ctx = [("customer", "I ordered fibre and the guy said I need a new ONT? what is that and do I pay for it")]
    reply = "Hi, the ONT is the small white box on the wall where the fibre comes into your home. It is free, and the engineer will fit it."
    assert not _hits(analyzer, reply, ctx, "off-topic-reply")[0]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Checked bag allowance LHR-SV-88213?", "23 kg, one bag per person."),
        ("thanks. will the refund take long?", "It usually shows on your card within 3 to 5 working days."),
        ("My internet drops every evening around 8. Is it something on my side?", "Your line shows noise at peak times, so it's not your equipment."),
    ],
)
def test_noun_phrase_duration_and_fault_questions_take_their_natural_answers(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]


def test_a_yes_does_not_answer_a_what_or_how_question(analyzer):
    ctx = [("customer", "Can I use my phone in the US next week and what does it cost per day?")]
    hits, _ = _hits(analyzer, "Yes, roaming works in the US on your plan.", ctx, "unanswered-question")
    assert hits and "cost" in hits[0].message
    assert not _hits(analyzer, "Yes, roaming works in the US on your plan, and it costs £2 a day.", ctx, "unanswered-question")[0]


def test_an_interjection_is_not_a_keyword_and_id_also_like_to_know_is_a_question(analyzer):
    ctx = [("customer", "Is breakfast included?"), ("agent", "Yes, from 7 to 10 am."), ("customer", "Lovely, and can I check in early?")]
    assert not _hits(analyzer, "Check-in starts at 3 pm, but I've noted a request for 12 pm on your booking.", ctx, "unanswered-question")[0]
    ctx2 = [("customer", "I need to move my physio appointment. I'd also like to know whether I need a new referral letter.")]
    assert _hits(analyzer, "I've moved your appointment to Thursday 5 June at 2:30 pm.", ctx2, "unanswered-question")[0]


def test_a_request_for_details_without_a_question_mark_is_a_clarifying_question(analyzer):
    ctx = [("customer", "My parcel went to the wrong address. Who do I speak to about a refund?")]
    assert not _hits(analyzer, "hi, can u give me the order number pls and ill check", ctx, "unanswered-question")[0]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("My order arrived cold. What about the cold food though?", "Fair point. I've also refunded the two mains, £18.40 in total."),
        ("Known issue? Can you put that in English?", "Sorry. Our login certificate was renewed overnight and the change broke sign-in; I've switched on password login for today."),
        ("I receive size 40, not 42. How I can change?", "Sorry for the wrong size. Print the returns label I emailed, stick it on the box and drop it at any post office."),
        ("Sorry, just to be sure - the €25 isn't charged to my card now, I pay it at the hotel?", "Yes, you pay at reception on the day you leave."),
    ],
)
def test_redress_rephrasing_steps_and_a_stated_amount_are_answered(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]


def test_a_password_reset_written_with_youre_is_still_off_topic(analyzer):
    ctx = [("customer", "I was charged twice for order 90021-GT, £23.50 each. Can you refund one?")]
    assert _hits(analyzer, "Hi, to reset you're password go to Login > Forgot password.", ctx, "off-topic-reply")[0]


def test_an_upgrade_pitch_and_tracking_for_a_smashed_item_are_off_topic(analyzer):
    slow = [("customer", "My broadband has been crawling all week, 3 Mb instead of 60. I've restarted the router four times.")]
    assert _hits(analyzer, "Great news, you're eligible to upgrade to our 500 Mb Full Fibre plan for only £5 more a month!", slow, "off-topic-reply")[0]
    smashed = [("customer", "The lamp I ordered arrived today with the glass shade smashed. Really disappointed.")]
    assert _hits(analyzer, "Your parcel was delivered at 11:14 today. You can track it using the link in your shipping e-mail.", smashed, "off-topic-reply")[0]
    assert not _hits(analyzer, "I'm sorry. I've sent a replacement lamp by next-day delivery.", smashed, "off-topic-reply")[0]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Excuse me?? What does 'mule activity' mean? Are you accusing me of something?",
         "I'm very sorry, that note was meant for my team. A 'money mule' passes on stolen money. Nothing on your account suggests anything like that."),
        ("excuse me? 'same guy as last week'??", "I'm so sorry, that message was meant for a colleague and I mixed you up with another case."),
        ("moving abroad next week. do i need to pay the notice month?", "Because you're moving abroad, the notice month is waived if you send us proof of your new address."),
        ("WHERE IS MY REFUND. 3 weeks. Returned the kettle on 2 May.", "I'm sorry you've had to chase this. I've issued the £34.99 refund now; it'll reach your card in 3 to 5 working days."),
    ],
)
def test_reassurance_an_apology_for_the_note_a_waiver_and_a_refund_issued_are_answers(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]


def test_a_fix_answers_will_it_keep_happening_and_with_what_money_is_rhetorical(analyzer):
    ctx = [("customer", "thanks. is it going to keep doing this?")]
    assert not _hits(analyzer, "Our developers fixed the cancellation window bug this morning, so it shouldn't happen again.", ctx, "unanswered-question")[0]
    money = [("customer", "Payment plan with what money? Is there any help?")]
    hits, _ = _hits(analyzer, "Yes, there's help: you can apply for Council Tax Support.", money, "unanswered-question")
    assert not hits


def test_enter_it_on_the_phone_does_not_ask_for_the_phone_number(analyzer):
    ctx = [("customer", "Whats the PUK for my SIM, number 07700 900312")]
    reply = "I've just sent the PUK by text to your backup number. Enter it on the locked phone, then choose a new PIN."
    assert not _hits(analyzer, reply, ctx, "reasked-information")[0]


def test_found_answers_can_you_look_it_up_and_a_collection_stays_on_a_damaged_item(analyzer):
    ctx = [("customer", "I lost the receipt. I paid by card, you can look it up surely?")]
    assert not _hits(analyzer, "I've found the purchase on 3 May from the card ending 4471, so that works as proof.", ctx, "unanswered-question")[0]
    broken = [("customer", "The blender arrived yesterday with a cracked jug. Do I need to be in for the collection?")]
    reply = "Someone does need to be in, yes. If Thursday doesn't suit, I'll move both the delivery and the collection."
    assert not _hits(analyzer, reply, broken, "off-topic-reply")[0]


def test_please_after_a_comma_is_an_instruction_and_i_moved_raises_account_details(analyzer):
    ctx = [("customer", "My new SIM shows no service. What do I do?")]
    assert not _hits(analyzer, "To activate your new SIM, please restart your phone and wait up to 24 hours.", ctx, "unanswered-question")[0]
    moved = [("customer", "cant log in to my account. also i moved, new address is 14 Alder Row."), ("agent", "I've reset your login."), ("customer", "ok that worked. and the address??")]
    assert not _hits(analyzer, "Sorry, I missed that. I've updated your billing and delivery address to 14 Alder Row.", moved, "off-topic-reply")[0]


def test_a_follow_up_how_to_in_the_words_of_the_first_turn_is_not_off_topic(analyzer):
    ctx = [
        ("customer", "Quick one: does the Zorblix X2 sync with Google Calendar, and is it included in the basic plan?"),
        ("agent", "Yes, it syncs with Google Calendar and it is included in the basic plan."),
        ("customer", "Great, how do I turn it on?"),
    ]
    reply = "Open the Zorblix app, go to Settings > Integrations, tap Google Calendar and sign in with your Google account."
    assert not _hits(analyzer, reply, ctx, "off-topic-reply")[0]
    stale = [
        ("customer", "Someone added an email address I don't recognise to my account."),
        ("agent", "Let me check."),
        ("customer", "Any news?"),
    ]
    assert _hits(analyzer, "For your protection I recommend a password reset; you'll get a reset link.", stale, "off-topic-reply")[0]


def test_a_quoted_term_is_answered_by_its_definition_and_swapped_letters_still_match(analyzer):
    ctx = [("customer", "Working now. What was the 'SCIM' thing on the status page?")]
    reply = "SCIM is the system that copies your user list from Okta into Tasklane. It wasn't affected."
    assert not _hits(analyzer, reply, ctx, "unanswered-question")[0]
    typo = [("customer", "so i changed my emial on the account and now i cant log in at all??")]
    reply = "I've updated the email on your account to the new one and sent a fresh reset link there."
    assert not _hits(analyzer, reply, typo, "unanswered-question")[0]


def test_a_returns_label_works_on_an_exchange(analyzer):
    ctx = [("customer", "hi, the shoes size 42 is too small, i want change to 43. is possible?")]
    reply = "Yes, that's possible. I've sent a free returns label. I'll send the 43s as soon as the courier scans the 42s."
    names = {f.name for f in analyzer.analyze_reply(reply, ctx).findings}
    assert not names & {"off-topic-reply", "unanswered-question"}


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Since the update the Export to CSV button is greyed out. I need the report tomorrow.",
         "Thanks for reaching out! To reset your password, click 'Forgot password' on the login screen."),
        ("my acount got banned for 'cheating' but i never cheated. how do i appeal",
         "Hi there! Having trouble logging in? Try clearing your cache and restarting the launcher."),
        ("Hey so since this morning my phone just says SOS only. No bars anywhere. Whats going on",
         "Hello! If you're travelling abroad, please make sure data roaming is switched on in your settings."),
        ("I was charged twice for my game pass this month.",
         "Hey! If your account was suspended, you can appeal at support.example.org/appeal."),
    ],
)
def test_a_script_that_opens_with_a_problem_the_customer_never_raised_is_off_topic(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "off-topic-reply")
    assert hits and "script for another problem" in hits[0].message


@pytest.mark.parametrize(
    ("context", "reply"),
    [
        ([("customer", "I can't log in, it says my password is wrong.")],
         "To reset your password, click 'Forgot password' on the login screen."),
        ([("customer", "What should I check? It still won't update.")],
         "To find your device's software version: go to Settings > Device information."),
        ([("customer", "Thanks, that's all.")], "If you have any more questions, please contact us here."),
        ([("customer", "I lost three hours of work."), ("agent", "Open File > Recover drafts."), ("customer", "It's there!")],
         "Brilliant. To stop this happening again, switch on autosave under Settings > Saving."),
        ([("customer", "The engineer is booked for Wednesday?"), ("agent", "Yes, I've booked the Wednesday slot."), ("customer", "Great, Wednesday works.")],
         "To finalise the booking, could you confirm the postcode of the property?"),
    ],
)
def test_a_script_for_the_customers_own_problem_or_a_later_step_is_not_off_topic(analyzer, context, reply):
    assert not _hits(analyzer, reply, context, "off-topic-reply")[0]


def test_nothing_for_you_to_pay_pls_freeze_and_an_instruction_answer_their_questions(analyzer):
    ctx = [("customer", "My mum passed away. Is there anything outstanding on her account that I need to pay?")]
    assert not _hits(analyzer, "I'm so sorry about your mum. Her account has a zero balance, so there's nothing for you to pay.", ctx, "unanswered-question")[0]
    fraud = [("customer", "there are 3 payments on my card i didnt make!!! What do I do??")]
    assert not _hits(analyzer, "Pls freeze the card in the app. The disputes team will review the transactions.", fraud, "unanswered-question")[0]
    two = [("customer", "How do I send it and how long does it take to pay out?")]
    reply = "Please upload the invoice in the app under Claims > New claim. Claims are usually paid within 10 working days."
    assert not _hits(analyzer, reply, two, "unanswered-question")[0]



@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("ok and minimum order?", "£12, and delivery is £1.99 on orders under £20."),
        ("how often do you pay?", "Every quarter, straight into the bank account you pay your bills from."),
        ("So... is there a charge or not?", "I've checked the address. Moving it is free, as you're past your first 12 months."),
        ("So it's my fault now? Unbelievable.", "I'm not blaming you at all, and I'm sorry, that line came out wrong."),
        ("so when i export my report to csv the dates come out as numbers, is there a setting for this or do i have to fix every one by hand",
         "There's a setting, no hand-fixing needed: open Settings > Export and pick DD/MM/YYYY."),
        ("so I was undercharged before? can I pay it over a few months?",
         "Yes, exactly. I've split the extra £67 into three payments added to your next bills."),
    ],
)
def test_fragments_frequencies_free_reassurance_conditions_and_an_opening_yes_answer(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]


def test_an_opening_yes_does_not_answer_a_second_open_question(analyzer):
    ctx = [("customer", "Is my order on its way? And what colour did I pick?")]
    assert _hits(analyzer, "Yes, your order left the warehouse today.", ctx, "unanswered-question")[0]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("thank you. will she still get letters?", "Reminders that were already printed may still arrive this week, but no more will be sent."),
        ("Can I use Tasklane offline on the plane tomorrow?", "Anything opened in the last 7 days is on your device, so you can edit it in flight and it syncs once you're back online."),
        ("Someone say me change APN? What I put?", "Yes, the APN tells your phone how to connect. Go to Settings > Mobile Data and in the APN box type internet.example."),
        ("I need to close my electricity account. What do you need from me?",
         "Thank you for letting us know, and to close the account we will need a final meter reading on the day you move out."),
    ],
)
def test_mail_flight_and_connection_words_what_i_put_and_what_you_need_are_answered(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]


def test_nobody_tell_me_what_to_do_is_a_complaint_not_a_question(analyzer):
    ctx = [("customer", "My flight SV 442 is cancelled and nobody tell me what to do. I am very worry.")]
    reply = "I'm sorry, I know how worrying this is. I've rebooked you on SV 448 tomorrow at 07:15."
    assert not _hits(analyzer, reply, ctx, "unanswered-question")[0]


def test_a_possessive_title_and_an_aside_in_the_signature_are_not_wrong_names(analyzer):
    ctx = [("customer", "I was supposed to get a call from Dr. Osei yesterday. - Mrs. Farah Qureshi")]
    reply = "Mrs. Qureshi, I'm sorry you've been left waiting. Dr. Osei's notes say she was called into a clinic."
    assert not _hits(analyzer, reply, ctx, "wrong-form-of-address")[0]
    jon = [("customer", "Can I change the delivery address?\n\nCheers,\nJon (not John!) Petrakis")]
    assert not _hits(analyzer, "Sorry, Jon. Open the tracking e-mail and click 'Change delivery'.", jon, "wrong-form-of-address")[0]
    assert _hits(analyzer, "Hi John, open the tracking e-mail and click 'Change delivery'.", jon, "wrong-form-of-address")[0]


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("Will my water be cut off?", "There may be a short interruption of about an hour while the crew works."),
        ("hi does my travel insurance cover skiing?", "hi, not as standard, you'll need the winter sports add-on, it's £18 for the trip."),
        ("return window for shoes?", "30 days from delivery, unworn, with the tags on."),
        ("Do I need a new certificate? And does my no claims discount stay the same?",
         "Yes, and I've already sent it: the updated certificate is in your email now. Your NCD is unchanged at 6 years."),
    ],
)
def test_cut_off_winter_sports_windows_and_acronyms_answer_in_other_words(analyzer, customer, reply):
    names = {f.name for f in analyzer.analyze_reply(reply, [("customer", customer)]).findings}
    assert not names & {"unanswered-question", "off-topic-reply"}


def test_a_done_move_answers_is_it_possible_and_a_menu_path_answers_where(analyzer):
    ctx = [("customer", "My appointment is 14 June 9:30. It is possible move to the next week?")]
    assert not _hits(analyzer, "I've moved your appointment to Tuesday 20 June at 9:30, same room.", ctx, "unanswered-question")[0]
    where = [("customer", "ok where in the app")]
    assert not _hits(analyzer, "It's under Card > Spending controls > Gambling block. Turn it on.", where, "unanswered-question")[0]


@pytest.mark.parametrize(
    ("customer", "reply", "flagged"),
    [
        ("why is my bill £14 higher this month? account 30318842", "You can pay your bill in the app under Billing > Pay now.", True),
        ("Why have you taken a £150 hold on my card??", "To release the hold, simply check out at reception and it is released within 7 days.", True),
        ("Why have you taken a £150 hold on my card??", "It's a deposit because the room has a minibar; to release it, check out at reception.", False),
        ("why was i banned", "You can appeal any ban at support.example.org/appeal; let me check the reason and I'll get back to you today.", False),
    ],
)
def test_a_why_question_answered_only_with_what_to_do_is_unanswered(analyzer, customer, reply, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I think I put the wrong size in my order, I wanted a M not a L. Order 40277.",
         "No need to apologise. I've changed order 40277 to size M and it still ships today."),
        ("ok but can I use wifi calling in the meantime?",
         "Not until the new SIM is active, I'm afraid. Your old SIM still works, so calls and texts will reach you there."),
        ("I'm in Spain on holiday and my data isn't working.",
         "Please turn on Data roaming in Settings > Mobile data > Data roaming, then restart your phone."),
    ],
)
def test_a_size_change_texts_reaching_you_and_mobile_data_are_not_off_topic(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "off-topic-reply")[0]


def test_a_script_frame_stops_before_please_and_please_close_it_is_a_cancellation(analyzer):
    ctx = [("customer", "My broadband drops every evening. I've restarted the router three times.")]
    reply = "Thank you for contacting Veloxa. To resolve connection issues please follow these steps: 1. Switch off your router."
    assert not _hits(analyzer, reply, ctx, "off-topic-reply")[0]
    leaving = [("customer", "I've lost my job and I can't afford the premium account anymore. Please close it.")]
    offer = "I'm sorry to hear about your job. I can switch you to our free Basic account instead, or close it completely. Which would you like?"
    assert not _hits(analyzer, offer, leaving, "off-topic-reply")[0]


def test_did_you_just_say_that_is_answered_by_an_apology_for_it(analyzer):
    ctx = [("customer", "Did you just say ffs to me?")]
    assert not _hits(analyzer, "I apologise, that was unprofessional. I've cancelled your TV package today.", ctx, "unanswered-question")[0]


@pytest.mark.parametrize(
    ("customer", "reply", "flagged"),
    [
        ("Does the Harbourview Inn have parking and is it free?",
         "Hello, and thank you for choosing the Harbourview Inn! Our friendly reception team is delighted to help "
         "with anything you need. We look forward to welcoming you!", True),
        ("why did my account get banned?? i didnt do anything",
         "Our community team works hard to keep Skyvale fair and we take every report seriously. "
         "Bans are always reviewed carefully.", True),
        # The same voice around a real answer is an answer.
        ("Does the Harbourview Inn have parking and is it free?",
         "Yes, we have 20 spaces and parking is free for guests. We look forward to welcoming you, and don't hesitate to ask.", False),
        ("why did my account get banned??",
         "I've checked and the ban was a mistake by our filter, so I've lifted it. We take every report seriously and "
         "we work hard to keep the game fair.", False),
    ],
)
def test_company_voice_filler_around_a_question_leaves_it_unanswered(analyzer, customer, reply, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply", "flagged"),
    [
        ("My debit card got declined at a restaurant in Lisbon even though I have money in the account. Why?",
         "Hello, thanks for getting in touch. If you don't recognise a payment on your statement, you can dispute it in the app.", True),
        ("I have to cancel my holiday because I've got pneumonia. Will my travel insurance pay back the flights?",
         "Hi Sam, thanks for getting in touch. If you'd like to extend your trip, you can add extra days in your account.", True),
        # Consent and a greeting followed by an apology are not a script's assumed problem.
        ("Every time I import a library book it says my reader is unauthorised. What could be wrong?",
         "If you agree, I will place you on hold to check your account.", False),
        ("The kettle stopped working after 3 weeks. Can I get a replacement?",
         "hi sorry to hear that yes we can replace it under the warranty just send it back to us", False),
    ],
)
def test_a_script_frame_after_a_named_greeting_or_a_negated_if_you_is_read(analyzer, customer, reply, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], "off-topic-reply")[0]) is flagged


def test_pointing_to_the_bank_answers_how_a_refund_reaches_a_cancelled_card(analyzer):
    ctx = [("customer", "But if the card has been cancelled, how will the refund be made? Should I check this with the card manager?")]
    reply = "Yes please. I would advise to please contact your bank directly for further assistance."
    assert not _hits(analyzer, reply, ctx, "unanswered-question")[0]


def test_a_one_word_question_does_not_break_the_question_reader(analyzer):
    assert analyzer.analyze_reply("Sure.", [("customer", "Can?")]) is not None


@pytest.mark.parametrize(
    ("turns", "reply", "flagged"),
    [
        ([("customer", "Tasklane won't sync on my phone. I've logged out and in twice."),
          ("agent", "Sorry. Please open Settings > Accounts > Sync and tap 'Sync now'."),
          ("customer", "ok that worked!! thx. now though my team members can't see the board i shared, do they need a paid plan?")],
         "Brilliant, glad sync is back. Sync problems like this are usually caused by an expired login token, which is why logging out and in helps.",
         True),
        ([("customer", "I was charged twice for my gym membership on 3 March. Could you look into it?"),
          ("agent", "I can see both payments. I've raised a dispute on the second one, and the money will be back within 5 working days."),
          ("customer", "Thank you, that's sorted then. Separately, I seem to have lost my debit card this morning. Can you block it?")],
         "You're welcome. Just to add, disputes on card payments usually take 5 working days, but you'll see a temporary credit sooner.",
         True),
        # A follow-up on the same matter, answered in the old words, is on topic.
        ([("customer", "Pagecraft keeps showing my old logo on my site."),
          ("agent", "Your browser shows a saved copy. Press Ctrl+Shift+R to reload it, and the new logo will appear."),
          ("customer", "That fixed it on my laptop. Will visitors see the old one?")],
         "Some might for up to 24 hours, after which everyone sees the new logo. There's nothing you need to do.",
         False),
        # Moving on and being answered.
        ([("customer", "Tasklane won't sync on my phone."),
          ("agent", "Please open Settings > Accounts > Sync and tap 'Sync now'."),
          ("customer", "ok that worked! now though my team members can't see the board i shared, do they need a paid plan?")],
         "Glad sync is back. No, members on the free plan can see shared boards; ask them to accept the invite email.",
         False),
    ],
)
def test_a_reply_that_goes_back_to_the_earlier_point_after_the_customer_moved_on(analyzer, turns, reply, flagged):
    assert bool(_hits(analyzer, reply, turns, "off-topic-reply")[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply", "flagged"),
    [
        ("export issue fixed itself. how do I add a second admin",
         "Good news! Exports can sometimes fail when the file is over 50 MB, so we recommend splitting large exports.", True),
        ("visa letter arrived thank u. now the hotel in Krakow - is breakfast included in booking HB-55812?",
         "You're welcome! Please remember to bring the original visa letter to your embassy appointment.", True),
        # Two open matters in one message: answering the first leaves the second unanswered, not off topic.
        ("Hi, I'd like to increase my overdraft to £1,500. Also, will it affect my credit score?",
         "I've submitted the request to increase your overdraft to £1,500 and you'll have a decision within 24 hours.", False),
        ("visa letter arrived thank u. now the hotel in Krakow - is breakfast included in booking HB-55812?",
         "Yes, breakfast is included in HB-55812, served 7 to 10 am.", False),
    ],
)
def test_a_first_message_that_closes_one_matter_and_opens_another(analyzer, customer, reply, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], "off-topic-reply")[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("where do i pick up the rental car at Faro airport?? booking SKV-30917",
         "Across the road from arrivals, in car park P2, level 0. Look for the yellow kiosk by the lifts."),
        ("Can I use my card abroad without telling you first? Going to Japan on Monday.",
         "You're all set. There's no need to register travel with us any more; the card works in Japan as it is."),
        ("will it ever be possible?", "Nothing has been announced, so I honestly can't say either way."),
        ("Who changed the billing e-mail on our Ledgerly account?",
         "The audit log shows it was changed on 2 April by Tom Reyes, one of your workspace admins."),
        ("Good morning, I need to move my flight SV-2217 from 14 June to 16 June. Is there a fee for that?",
         "Under the fare conditions of the Saver fare a change fee is payable in addition to any difference in fare."),
    ],
)
def test_places_all_set_cant_say_a_named_person_and_a_payable_fee_are_answers(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]


def test_did_that_twice_already_is_a_report_not_a_question(analyzer):
    ctx = [("customer", "hi my sim isnt working in new phone, says no service"),
           ("agent", "pls turn the phone off, take the sim out and put it back in."),
           ("customer", "did that twice already. still no service")]
    assert not any(f.name == "unanswered-question" and "did that" in f.message for f in analyzer.analyze_reply("Sorry, I'll send a new SIM.", ctx).findings)


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I want to return a pair of boots. I did that, but the Return button is greyed out. Why?",
         "To start a return, open Orders and choose the item. Your refund is issued within 5 working days."),
        ("The trainers came in a 42 not a 44, wrong size. Do I need to print a label?",
         "No label needed, the courier brings one with him."),
        ("My washing machine is broken, claim WR-30318. Will the engineer bring parts?",
         "The engineer's notes say she needs a new drum bearing, so she'll bring it on Monday."),
    ],
)
def test_starting_a_return_a_courier_collecting_and_a_repair_visit_are_on_topic(analyzer, customer, reply):
    assert not _hits(analyzer, reply, [("customer", customer)], "off-topic-reply")[0]


def test_an_account_of_the_event_answers_what_happened_and_has_to_stay_answers_can_i_keep(analyzer):
    ctx = [("customer", "My sofa delivery was meant to be today and nobody came. I'd like to know what happened and when the new slot is.")]
    reply = "Sorry for the inconvenience. The van broke down this morning. The next available slot is Tuesday 8 am to 12 pm."
    assert not _hits(analyzer, reply, ctx, "unanswered-question")[0]
    ctx = [("customer", "I was wondering if I can keep my direct debit at £95 and pay any difference at the end of the year")]
    assert not _hits(analyzer, "It has to stay at £140, I'm afraid, because your usage went up.", ctx, "unanswered-question")[0]


@pytest.mark.parametrize(
    ("turns", "reply", "flagged"),
    [
        # The new matter is told, not asked.
        ([("customer", "order 4471 missing the drinks"),
          ("agent", "Sorry about that! I've refunded the £5.80 for the two drinks."),
          ("customer", "thx. now the app keeps logging me out every time i open it")],
         "There's a £3 voucher on your account for next time as well. sorry again about the drinks", True),
        ([("customer", "My broadband has been crawling since Tuesday."),
          ("agent", "Please unplug the router for 30 seconds, then run a speed test."),
          ("customer", "done, its fine now 60mb. but I saw a £30 'service adjustment' on my bill that I never agreed to?? what is that")],
         "Great to hear the speed is back. Keeping the router away from the microwave usually helps.", True),
        # "Now." alone, a code the reply uses and an old matter that goes on are not moving on.
        ([("customer", "Please cancel my plan."), ("agent", "Before I do, are you sure? I can give you 50% off."),
          ("customer", "NO. Cancel. Now. This is getting ridiculous.")],
         "I'm sorry this has been frustrating. I've cancelled your plan now; you won't be billed again.", False),
        ([("customer", "my order never came, app says delivered"), ("agent", "Could you check the porch? If not, I'll refund you."),
          ("customer", "not there. refunded?? also separately, my promo code WOK20 wasn't applied")],
         "I've refunded the £24.60 in full. I've also added the 20% from WOK20 as credit on your account.", False),
        ([("customer", "Tasklane keeps logging me out."), ("agent", "Please tap 'Sign out everywhere', then sign back in."),
          ("customer", "Also the sign-out trick didn't change anything, it still logs me out every hour.")],
         "The hourly logout comes from an old login record on our side, so I've cleared it for your account.", False),
    ],
)
def test_moving_on_to_a_matter_that_is_told_not_asked(analyzer, turns, reply, flagged):
    assert bool(_hits(analyzer, reply, turns, "off-topic-reply")[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply", "flagged"),
    [
        ("Card blocked abroad. Need it working today. Acct 30-11-42 / 11847265.",
         "Please provide you're account number so we can proceed.", True),
        ("Please send the final bill to my new email: s.achebe@example.org. Sam",
         "Could you confirm the email adress you'd like the final bill sent to?", True),
        ("I sent you my meter reading, 04512, on the 2nd and again on the 9th. Could you please look into this?",
         "Your bill was based on an estimated read. Please submit a meter reading via the portal.", True),
        ("My bill is estimated and far too high.", "Please send us a meter reading so we can correct the bill.", False),
        ("I sent you my meter reading, 04512, on the 2nd.", "Thanks, I've used the 04512 reading and your new bill is £96.", False),
    ],
)
def test_an_abbreviated_account_a_misspelt_request_and_a_meter_reading_asked_again(analyzer, customer, reply, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], "reasked-information")[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply", "flagged"),
    [
        # a request phrase far from the word is no request for it
        ("I'm moving out of 12 Larch Close on 28 June. Account 6601-442. Regards, Helen Marsh",
         "It is possible, although we would need to quote you the equivalent regional tariff, which we would do once "
         "the previous occupier's reading has been taken and the supply is confirmed as registered to your name.", False),
        ("I'm moving out of 12 Larch Close on 28 June. Regards, Helen Marsh",
         "We would need your name and the new address before we can do that.", True),
    ],
)
def test_a_request_phrase_must_come_near_the_detail_it_asks_for(analyzer, customer, reply, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], "reasked-information")[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply", "name", "flagged"),
    [
        ("Quick one: does the smart meter install cost anything?",
         "No, it's free. The engineer needs about an hour, and your power will be off for roughly 30 minutes.", "off-topic-reply", False),
        ("Quick one: does the smart meter install cost anything?",
         "Our engineers can repair faults on your line within 48 hours.", "off-topic-reply", True),
        ("I booked 3 nights from 2 June, can this be changed and will it cost more?",
         "Amendments are subject to availability, and the difference in nightly price, if any, would be payable on arrival.",
         "unanswered-question", False),
        ("My wife's name is spelled wrong on booking SKV-55120. Can you fix?",
         "I've corrected the name on booking SKV-55120 to Maria at no charge.", "unanswered-question", False),
        ("Can I get a refund for the skin? My kid bought it.", "Purchases are final, the rules are the rules.", "unanswered-question", False),
        ("Ledgerly won't export my invoices to PDF, it just spins.", "Please try clearing your browser cache and trying again.",
         "off-topic-reply", False),
    ],
)
def test_an_answer_up_front_a_payable_difference_and_a_done_fix_answer_the_question(analyzer, customer, reply, name, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], name)[0]) is flagged


@pytest.mark.parametrize(
    ("context", "reply", "name", "flagged"),
    [
        # "Thank you, I've ..." greets nobody
        ([("customer", "My name is Linh. Meter say 04512.")], "Sorry Linh, my mistake. Thank you, I've put in 04512.",
         "wrong-form-of-address", False),
        # "next time" is when to act, not a time asked for
        ([("customer", "ok. can u text me next time when its ready")],
         "Yes, I've turned on text alerts, so you'll get an SMS as soon as each one is ready.", "unanswered-question", False),
        ([("customer", "new key works. rate limit seems lower tho?")],
         "It shouldn't be, new keys start on 600 RPM. I've raised the new key to 2,000 now.", "unanswered-question", False),
        ([("customer", "Great. What's SCIM in your case - is it needed for auto-deprovisioning?")],
         "SCIM is the standard that lets Okta create and remove users automatically.", "unanswered-question", False),
        # "btw" closing the clause it marks: the reply on that clause is not going back
        ([("customer", "Please collect my boots for a return."), ("agent", "Done, the courier collects them on Wednesday."),
          ("customer", "ok, noted. the collection didn't happen btw, waited in all day wednesday")],
         "I'm sorry, that's a wasted day. I've rebooked the collection for Friday.", "off-topic-reply", False),
        ([("customer", "I need to change my flight to 14 May. How much?"), ("agent", "The change fee is €40 plus €18 fare difference."),
          ("customer", "Yes please do it. Also is there a cheaper way? Money is tight now.")],
         "I understand money is tight, so I've waived the €40 change fee and you'll only pay the €18 fare difference.",
         "off-topic-reply", False),
    ],
)
def test_thank_you_i_next_time_it_shouldnt_be_and_a_trailing_btw_are_read_right(analyzer, context, reply, name, flagged):
    assert bool(_hits(analyzer, reply, context, name)[0]) is flagged


@pytest.mark.parametrize(
    ("customer", "reply", "flagged"),
    [
        ("I need to know why my card was declined this morning and whether I'm going to be charged for the failed payment.",
         "The payment was declined because our fraud system flagged an unusual location; I've removed the block.", True),
        ("I need to know why my card was declined this morning and whether I'm going to be charged for the failed payment.",
         "It was declined because of an unusual location, and no, you won't be charged for the failed payment.", False),
        ("Can I move my appointment on 20 June to a later time?",
         "Thanks for your message, we'll get back to you as soon as possible.", True),
        ("Can I move my appointment on 20 June to a later time?",
         "Thanks for your message. Let me check the diary and I'll get back to you within the hour.", False),
        # Two questions joined in one sentence: answering the first is not answering the second.
        ("A stone cracked my windscreen. Does my policy cover this, and would a claim affect my no-claims bonus?",
         "Yes, your comprehensive policy includes windscreen cover. The excess is £95.", True),
        ("A stone cracked my windscreen. Does my policy cover this, and would a claim affect my no-claims bonus?",
         "Yes, windscreen cover is included, and a glass claim doesn't affect your no-claims bonus.", False),
        ("My data stopped in Lisbon and I was charged £9.99 for a bolt-on. Can you fix the data and tell me why that charge is there?",
         "Please switch on Data Roaming in Settings and restart your phone.", True),
        ("My bill went up £4 this month without anyone telling me - is that a price rise or a mistake?",
         "I've booked an engineer for Thursday to look at the line.", True),
        ("My bill went up £4 this month without anyone telling me - is that a price rise or a mistake?",
         "That's the yearly price rise of 3.9%, so it isn't a mistake.", False),
        # A why-question answered only with how to pay is not answered.
        ("My renewal went from £210 to £390. Why such a big jump?",
         "You can spread the cost by paying monthly, in 12 payments of £32.50.", True),
        # A yes/no question about a time, answered with a time.
        ("Tuesday is fine but I can't take another day off - can it be a morning slot before 10?",
         "I've booked you as the first drop, so the driver will arrive between 8 and 9:30 am.", False),
        # The same thing in other words: "sped up" answers "faster", "remove ... automatically" answers "auto-deprovisioning".
        ("The transfer takes five days, can't it be faster?", "I'm sorry, a BACS transfer can't be sped up once it's sent.", False),
        ("What's SCIM for - is it needed for auto-deprovisioning?",
         "SCIM lets Okta create and remove users automatically; without it you delete seats by hand.", False),
        # "Just so you know" is not an instruction that answers "how do I ...?".
        ("One of the mugs is the wrong colour - how do I swap it for the green one?",
         "Great news. Just so you know, the courier marks parcels as delivered once they're with a neighbour.", True),
        # A person named answers "who"; the premise of a question is not its answer.
        ("I've waited 6 weeks for claim CL-99120. Who is handling this?",
         "Your claim is with our assessor, Mr. Dorsey; he is waiting for the garage's estimate.", False),
        ("want to cancel my premium sub. also is my progress kept if i cancel?",
         "Sorry to see you go! Before I can cancel, could you tell me why you're leaving?", True),
        ("want to cancel my premium sub. also is my progress kept if i cancel?",
         "Your progress is kept for 12 months, so it's all there if you come back. I've cancelled the sub.", False),
        # A late "how long" after a statement, answered with a short time.
        ("Our site still shows the old homepage since we switched domains yesterday, how long until people see the new one?",
         "It's DNS propagation, give it 24-48h and it will update.", False),
        # A why-question needs a cause: a verdict, a status or how to pay is not one.
        ("Why was my refund request rejected? I cancelled 3 days after renewal.",
         "Refund decisions are final and are made by our billing team. Is there anything else I can help with?", True),
        ("my order is 50 min late, why??? app just says 'on the way'",
         "Thanks for your patience! Your order is on its way and will be with you soon.", True),
        ("The jacket was £60 on the page and £72 in my basket. Why is it different?",
         "You can complete your purchase by card, PayPal or Klarna, and orders over £50 get free delivery.", True),
        ("Why is my transfer taking so long?", "It's held for a routine review by our payments team and will go out tomorrow.", False),
        ("Why was my account suspended?", "Your account was suspended for 72 hours for using a third-party macro tool.", False),
        ("Why is my bill higher this month?", "The bill is based on an estimated reading, as we had no meter reading for March.", False),
        # Questions inside a longer sentence, with or without "?".
        ("so the water's been brown since yesterday, is it safe to drink and how long will it last, I've got a baby",
         "The discolouration is from the mains repair on Elm Road. It should clear by Friday evening.", True),
        ("Booking ref KX7T2Q - can I change the date to the 14th and what will it cost me",
         "I can change it to the 14th for you, there's still a seat on the 09:40 departure.", True),
        ("my friend cant see me online even tho we're friends, is that a bug?",
         "That's probably your privacy setting: go to Profile > Privacy and set Online status to Friends.", False),
        ("me and my partner want a joint account, do we both have to come into branch? and can we keep our own accounts too",
         "You don't need to come in at all: one of you applies in the app. And yes, you can keep your own accounts.", False),
        ("my account got banned and I NEVER cheated. why??", "Bans are final. The rules are the rules.", True),
        ("my account got banned and I NEVER cheated. why??", "The ban was triggered by a macro tool detected on 3 March.", False),
    ],
)
def test_a_whether_clause_is_a_second_question_and_a_bare_holding_line_answers_nothing(analyzer, customer, reply, flagged):
    assert bool(_hits(analyzer, reply, [("customer", customer)], "unanswered-question")[0]) is flagged


def test_a_terse_tried_step_is_not_asked_again(analyzer):
    ctx = [("customer", "Box keeps rebooting. Tried unplugging it 3 times. Is it faulty?")]
    assert _hits(analyzer, "Have you tried unplugging the box for 30 seconds?", ctx, "reasked-information")[0]


def test_a_script_heading_for_another_fault_is_off_topic(analyzer):
    ctx = [("customer", "Order 71455-LX, the Zorblix X2 headphones. The left ear cuts out when I turn my head, like a loose wire.")]
    reply = "Sorry to hear that! For Bluetooth pairing problems, hold the power button for 7 seconds, then re-pair from your phone."
    assert _hits(analyzer, reply, ctx, "off-topic-reply")[0]


@pytest.mark.parametrize(
    ("reply", "unanswered"),
    [
        ("Deleted files go to Recently Deleted and still count towards your storage for 30 days.", False),
        ("Sorry about that. To get more room, upgrade to Nimbus Plus for £2.49 a month.", True),
    ],
)
def test_where_did_it_go_is_answered_by_where_it_went(analyzer, reply, unanswered):
    ctx = [("customer", "I don't want to upgrade, I want my space back. Where did the 40GB go?")]
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert bool(hits) is unanswered


@pytest.mark.parametrize(
    ("reply", "unanswered"),
    [
        ("Your application was approved yesterday. It should be delivered by 8 March, well before your trip.", False),
        ("Thank you for your email. We take every enquiry seriously.", True),
    ],
)
def test_a_date_answers_a_yes_no_question_about_a_deadline(analyzer, reply, unanswered):
    ctx = [("customer", "That doesn't answer my question. Will the new one arrive before the 20th?")]
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert bool(hits) is unanswered


@pytest.mark.parametrize(
    ("ctx", "reply", "off_topic"),
    [
        # A closing line that names the customer and the old item is not a reply on the old matter.
        (
            [
                ("customer", "Hi, I ordered the king size duvet cover in grey but got a double. Harriet"),
                ("agent", "Sorry Harriet! I've sent the king size cover today, it arrives Thursday."),
                ("customer", "Thanks! Also let me know whether the king size fits a super king duvet"),
            ],
            "You're welcome, Harriet! Enjoy the new cover.",
            False,
        ),
        # The customer insists on the old matter before adding a new one: both are open.
        (
            [
                ("customer", "my order FD-889201 came without the pork buns"),
                ("agent", "Sorry about that! Can you confirm which items are missing and your order number?"),
                ("customer", "i literally just said. pork buns. FD-889201. also the driver left it at number 12 not 21"),
            ],
            "Thanks, I've refunded £6.50 for the pork buns, it'll be back on your card in 3-5 working days.",
            False,
        ),
        # The old matter closed, a new question asked: going back to the old one is off topic.
        (
            [
                ("customer", "Hi, the colour wheel keeps spinning when I open the shared folder on Ledgerly, the one with the invoices."),
                (
                    "agent",
                    "Hi, the spinning wheel usually means Ledgerly is syncing a very large folder. Could you try this: "
                    "1. Quit Ledgerly. 2. Hold Option and reopen it. 3. Choose 'Open without syncing'. Does the folder open then?",
                ),
                ("customer", "yes that opened it. but now theres a different problem, 3 of the invoices show £0.00 totals"),
            ],
            "Good news. To stop the spinning coming back, go to Preferences > Sync and untick 'Sync attachments'.",
            True,
        ),
    ],
)
def test_going_back_to_the_earlier_point_needs_the_customer_to_have_moved_on(analyzer, ctx, reply, off_topic):
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert bool(hits) is off_topic


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        (
            "Hi, I need to return the boots from order 5512, they're too small.",
            "Hi! To return an item: 1. Go to My Orders. 2. Click 'Return item'. Your refund follows within 5 days.",
        ),
        (
            "Someone used my £50 gift card, it says already redeemed but I never used it.",
            "It was used on an order not linked to your account. I've stopped that order and a new code will reach you by email within 24 hours.",
        ),
    ],
)
def test_a_returns_macro_and_a_code_sent_by_email_are_not_other_problems(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "off-topic-reply")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply", "off_topic"),
    [
        (
            "my controller keeps disconnecting from the console mid match. ive re-paired it twice already.",
            "Hey! Have you seen the new Vortex Pad Pro? It has a 40-hour battery, and right now it's 20% off for members until Sunday.",
            True,
        ),
        # An offer of the cheaper thing the customer asked for is an answer, not a pitch.
        (
            "The Zorblix Blend 900 is a bit over my budget, do you have anything cheaper that does crushed ice?",
            "Yes, the Zorblix Blend 500 is £69 and handles crushed ice just as well. It's also 10% off this week, so £62.10.",
            False,
        ),
    ],
)
def test_a_sales_pitch_is_off_topic_unless_the_customer_asked_for_a_cheaper_option(analyzer, customer, reply, off_topic):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "off-topic-reply")
    assert bool(hits) is off_topic


@pytest.mark.parametrize(
    ("question", "reply", "unanswered"),
    [
        ("My daughter might pick it up for me, is that allowed?", "thats fine, she'll just need to give us your name and address.", False),
        ("My daughter might pick it up for me, is that allowed?", "Prescriptions are ready two days after the surgery sends them.", True),
        ("When is the engineer coming? And do I need to be home for it?", "Someone aged 18 or over will need to be in. Your appointment is Tuesday 14 May, 8 am to 12 pm.", False),
        ("When is the engineer coming? And do I need to be home for it?", "Your appointment is Tuesday 14 May, 8 am to 12 pm.", True),
    ],
)
def test_permission_and_presence_questions_are_answered_in_their_own_words(analyzer, question, reply, unanswered):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert bool(hits) is unanswered


@pytest.mark.parametrize(
    ("question", "reply", "unanswered"),
    [
        ("So I just have to pay it?? Is there nothing you can do, I genuinely didn't know.", "I'm sorry. I've charged the data at the £45 day-pass price, which brings your bill down to £70.", False),
        ("So I just have to pay it?? Is there nothing you can do, I genuinely didn't know.", "Roaming charges are listed in the price guide on our website.", True),
        ("The fix went in. Will this happen again when you roll out the change?", "it shouldnt, the fix for custom domains is going in before we try the change again.", False),
    ],
)
def test_an_action_answers_is_there_nothing_you_can_do_and_a_bare_no_answers_a_yes_no(analyzer, question, reply, unanswered):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert bool(hits) is unanswered


@pytest.mark.parametrize(
    ("question", "reply", "unanswered"),
    [
        ("It's 7:40pm and nothing. What's happening?", "The deliveries were delayed because a van broke down, so yours will come tomorrow instead.", False),
        ("It's 7:40pm and nothing. What's happening?", "We take every enquiry seriously and thank you for your patience.", True),
        ("its been 24 hours. soon when?", "Sorry, the gems were stuck on our side, so I've just added the 1,200 gems to your account.", False),
        ("its been 24 hours. soon when?", "Sorry for the wait, our team is looking into it.", True),
    ],
)
def test_a_cause_answers_whats_happening_and_a_done_action_answers_a_bare_when(analyzer, question, reply, unanswered):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert bool(hits) is unanswered


def test_a_remark_after_the_old_matter_closed_is_not_a_new_matter(analyzer):
    ctx = [
        ("customer", "The lamp arrived broken, one star. Order 5521."),
        ("agent", "Sorry Jordan! Please update the app and book a return; the courier will collect the lamp."),
        ("customer", "Updated and it worked, return's done. Changing to 4 stars."),
    ]
    reply = "Thanks Jordan, that's great to hear. Your refund will arrive within 5 working days of the courier collecting the lamp."
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert not hits


def test_a_pitch_to_a_customer_deleting_their_account_is_retention_not_off_topic(analyzer):
    ctx = [("customer", "please delete my account and all my data. username voidfox_88. i dont play anymore")]
    reply = "Sad to see you go! Before you decide, did you know Season 7 just launched with 3 new maps? Reply here if you still want it deleted."
    hits, report = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert not hits and "retention-pressure" in {f.name for f in report.findings}


@pytest.mark.parametrize(
    ("reply", "wrong"),
    [
        ("Not at all, every result is reviewed by a doctor. Dr Chen will go through them with you when she calls.", False),
        ("Hello Mrs Patel, thanks for waiting.", True),
    ],
)
def test_a_titled_name_that_is_the_subject_of_a_sentence_is_not_the_customer(analyzer, reply, wrong):
    ctx = [("customer", "Hi, my test results say 'reviewed'. Does that mean something is wrong? Aileen Marsh")]
    hits, _ = _hits(analyzer, reply, ctx, "wrong-form-of-address")
    assert bool(hits) is wrong


@pytest.mark.parametrize(
    ("question", "reply", "unanswered"),
    [
        ("i copied it straight from his email?? can u check what it should be", "I can't see your landlord's bank details on our side, so he'll need to confirm them for you.", False),
        ("did the rescan, still nothing. can u send the engineer", "Sure. I've booked an engineer for Wednesday 18th, 8 am to 6 pm.", False),
        ("Can a human just answer?", "Hi, I'm Rob, and yes, I'm a person.", False),
        ("I don't want to cancel?? I want to know when it's coming.", "Apologies for the confusion, our cancellation form is on the website.", True),
    ],
)
def test_reports_protests_and_refusals_around_requests(analyzer, question, reply, unanswered):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert bool(hits) is unanswered


@pytest.mark.parametrize(
    ("reply", "unanswered"),
    [
        ("Great to hear! As you're on annual billing it'll be added to your annual invoice.", False),
        ("Great to hear! Extra admins can be added under Admin > Users.", True),
    ],
)
def test_naming_one_side_answers_an_either_or_question(analyzer, reply, unanswered):
    ctx = [("customer", "Thanks, export worked. Is the extra admin cost billed monthly, or annually with the rest of our plan?")]
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert bool(hits) is unanswered


@pytest.mark.parametrize(
    ("ctx", "reply", "name", "found"),
    [
        (
            [("customer", "Hi, can I switch to paying yearly, and is it cheaper?")],
            "Yes to both! Annual is £149.90 a year. To switch, go to Settings > Billing > Change plan.",
            "unanswered-question",
            False,
        ),
        (
            [
                ("customer", "I need to move my physio appointment on Thursday, ref PT-209418."),
                ("agent", "Sure, what's your booking reference?"),
                ("customer", "I put it in my first message? PT-209418"),
            ],
            "Sorry, you did. I've cancelled Thursday's 3pm appointment and rebooked you for Tuesday 21st at 9:30 am.",
            "off-topic-reply",
            False,
        ),
        (
            [("customer", "My passport expires in 3 weeks and we fly on the 28th. Is there any way to get a new one in time??")],
            "You've got time. The quickest option is Fast Track: you apply online, then bring your documents to an appointment.",
            "off-topic-reply",
            False,
        ),
        (
            [("customer", "What's the interest rate on an arranged overdraft for our business account?")],
            "Our Everyday Credit Card has a rate of 24.9% a year, and you can apply online in under 10 minutes.",
            "off-topic-reply",
            True,
        ),
    ],
)
def test_yes_to_both_rebooking_and_applying_online(analyzer, ctx, reply, name, found):
    hits, _ = _hits(analyzer, reply, ctx, name)
    assert bool(hits) is found


@pytest.mark.parametrize(
    ("reply", "unanswered"),
    [
        ("I'm sorry. I've booked you as the first drop on Saturday, so the team will arrive between 7am and 9am.", False),
        ("I'm sorry. Deliveries run from 7am to 7pm on all our routes.", True),
    ],
)
def test_booking_another_time_answers_a_request_for_one(analyzer, reply, unanswered):
    ctx = [("customer", "7am to 7pm again?? I can't lose a third day. Can you give me a narrower slot?")]
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert bool(hits) is unanswered


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("Our sync job fails with 401 since Sunday. What do we do?", "Your API token expired on Sunday. Create a new one under Admin > Integrations and rerun the job."),
        ("My card was declined abroad. Is it unblocked now?", "Your card was paused by our fraud system. I removed the block this morning."),
        ("Ok. And does your man still need to come?", "Not this quarter, Mrs. Hale. The meter reader's next visit is in March."),
    ],
)
def test_instructions_prefixes_and_not_this_time_answer(analyzer, question, reply):
    hits, _ = _hits(analyzer, reply, [("customer", question)], "unanswered-question")
    assert not hits


def test_an_action_under_way_answers_what_do_i_do(analyzer):
    ctx = [("customer", "They say my room was given away. I'm standing in the lobby with two kids. What do I do???")]
    reply = "I'm so sorry, that's an awful situation. I'm calling the hotel now and I'm finding you a room nearby."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("customer", "reply"),
    [
        ("I've been charged twice for order 61820-WX, £54.99 each time. Can you refund one of them?", "hi can u send the order number and ill take a look"),
        ("boarding pass not show in app, flight SV 2231 tomorow 6am, i checked in online", "Hi, have you checked in online? The boarding pass only appears after check-in."),
        ("The screen flickers constantly. I've already done the reset your website suggests twice.", "Sorry to hear that. Have you tried a factory reset?"),
    ],
)
def test_chat_requests_and_tried_steps_asked_again_are_reasks(analyzer, customer, reply):
    hits, _ = _hits(analyzer, reply, [("customer", customer)], "reasked-information")
    assert hits


def test_a_definition_in_our_own_words_answers_what_is(analyzer):
    ctx = [("customer", "What is representment and when is the deadline? Sorry I'm not a finance person.")]
    reply = "No need to apologise, it's just our word for sending your side of the story. The deadline is 28 May."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


def test_a_term_from_the_new_message_in_the_reply_is_not_going_back(analyzer):
    ctx = [
        ("customer", "Our Classnest sync with the school MIS stopped overnight."),
        ("agent", "Please disconnect and reconnect the MIS under Settings > Integrations."),
        ("customer", "Reconnected, sync now shows 'partial - 12 errors'. Errors say 'duplicate UPN'."),
    ]
    reply = "Thanks. Those 12 pupils have the same UPN as pupils who left last year, so Classnest won't overwrite the old records."
    hits, _ = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert not hits


def test_the_writer_on_someone_elses_behalf_may_be_greeted_by_name(analyzer):
    ctx = [("customer", "hi my wife's prescription hasnt come. name is Brenda Hollis DOB 12/03/1947. im her husband, Ken")]
    hits, _ = _hits(analyzer, "Hi Ken, I'm sorry you've had to chase this. It will be with you by 6 pm today.", ctx, "wrong-form-of-address")
    assert not hits
    hits, _ = _hits(analyzer, "Hi Sarah, it will be with you by 6 pm today.", ctx, "wrong-form-of-address")
    assert hits


def test_up_to_you_answers_should_i(analyzer):
    ctx = [("customer", "ha, thanks. should i go and get it from number 14 or not bother?")]
    hits, _ = _hits(analyzer, "Up to you! If you do get it back it's yours to keep, but there's no need.", ctx, "unanswered-question")
    assert not hits


def test_frozen_groceries_are_not_a_technical_fault(analyzer):
    ctx = [("customer", "driver left my groceries at the wrong house, number 14 instead of 41. the frozen stuff will be ruined by now.")]
    hits, _ = _hits(analyzer, "I'm sorry. I've refunded the order and let the driver's depot know.", ctx, "off-topic-reply")
    assert not hits


def test_a_note_to_a_colleague_is_not_also_off_topic(analyzer):
    ctx = [("customer", "My Linnea oak bookcase arrived with two cracked shelves. Can I get replacement shelves rather than return it all?")]
    reply = "@Dan can u check if we've got spare shelves for the Linnea oak in stock, she wants parts not a full return"
    hits, report = _hits(analyzer, reply, ctx, "off-topic-reply")
    assert not hits and "misdirected-message" in {f.name for f in report.findings}


@pytest.mark.parametrize(
    ("ctx", "reply", "name"),
    [
        (
            [("customer", "There's a £23.40 payment on my card that's not mine, I never bought anything from them.")],
            "Sorry about that. I've refunded the full £23.40 to your card, and it'll show in 3 to 5 working days.",
            "off-topic-reply",
        ),
        (
            [("customer", "I got a ticket outside my own house while waiting for my permit. Do I have to pay the fine?")],
            "I'm sorry, the permit wasn't posted because of a backlog, which is our fault. You don't need to pay the fine: I've cancelled it.",
            "unanswered-question",
        ),
    ],
)
def test_a_refund_fixes_an_unknown_charge_and_you_dont_need_to_answers_have_to(analyzer, ctx, reply, name):
    hits, _ = _hits(analyzer, reply, ctx, name)
    assert not hits


def test_a_status_answers_is_anything_happening(analyzer):
    ctx = [("customer", "I'm sorry but I don't understand any of that. Is anything actually happening?")]
    reply = "I'm sorry, that was badly explained. We're waiting for the other driver's insurer to accept fault. I chased them today."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits


@pytest.mark.parametrize(
    ("ctx", "reply", "name", "found"),
    [
        (
            [("customer", "I'd like to add my partner to my car insurance. Bethany Rowe, policy MT-1182.")],
            "Happy to help. What's your partner's full name and date of birth?",
            "reasked-information",
            False,
        ),
        (
            [("customer", "Roaming doesn't work in Japan. Mr. Park"), ("agent", "Sorry ma'am, please restart the phone."), ("customer", "I did this already. Still no network.")],
            "Thank you, Mr. Park, and sorry for calling you ma'am earlier. I've removed the roaming block for Japan.",
            "wrong-form-of-address",
            False,
        ),
        (
            [("customer", "My claim has been open for three weeks. Can you at least tell me what stage its at?")],
            "It's with the assessor, who is waiting for the police crime reference.",
            "unanswered-question",
            False,
        ),
    ],
)
def test_someone_elses_name_an_apology_for_a_title_and_a_stage(analyzer, ctx, reply, name, found):
    hits, _ = _hits(analyzer, reply, ctx, name)
    assert bool(hits) is found


def test_a_fault_in_the_area_answers_is_there_an_outage(analyzer):
    ctx = [("customer", "I JUST SAID i did that. three times. is there an outage or not")]
    reply = "Sorry, you did say that. There's a fault at the street cabinet on Harlow Road affecting about 200 homes."
    hits, _ = _hits(analyzer, reply, ctx, "unanswered-question")
    assert not hits
