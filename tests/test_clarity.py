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


def test_menu_dishes_and_support_words_are_not_spelling(analyzer):
    assert _hits(analyzer, "spelling", "The udon, gyoza and katsu curry are on their way; bans are final and timescales vary.") == []
    assert _hits(analyzer, "spelling", "It fits through most letterboxes; the timeout is 30 seconds.") == []


def test_an_acronym_glossed_after_a_comma_is_not_jargon(analyzer):
    reply = "Your referral was sent through the ERS, our electronic referral system, on 3 May."
    assert _hits(analyzer, "jargon", reply) == []
    later = "Your domain doesn't have an SPF record yet. SPF is a short line of text in your domain settings."
    assert _hits(analyzer, "jargon", later) == []


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


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Its the same as before, Tuesday 9 April.", "Its"),
        ("Known issue. Its logged as a P2.", "Its"),
        ("Once its scanned we'll send the replacement.", "its"),
        ("Please wait 48 hour.", "48 hour"),
        ("Transfers usually take 1 to 2 working day.", "1 to 2 working day"),
        ("The Travel Pass is £5 a day and it give you your normal allowance.", "it give"),
        ("Please enter you're university email.", "you're"),
        ("Canada is not include in your plan.", "include"),
        ("The pass is £5 a day and it activate automatically.", "it activate"),
        ("I have added it already to you account.", "you"),
        ("I am sorry for you flight.", "you"),
        ("Same seat class, there is no any cost for you.", "no any"),
        ("The ticket is sended to your email.", "sended"),
        ("You will receive the new ticket in next 30 minutes.", "in next"),
        ("You will get a credit of £6.40 on next bill.", "on next"),
        ("Yes is possible. I will send a new jug.", "Yes is"),
        ("For make a claim, please send photos.", "For"),
        ("Since its unused we can offer store credit.", "its"),
        ("Its under Card > Spending controls > Gambling block.", "Its"),
        ("Your bill is based on a estimated reading.", "a"),
        ("Sorry Ms. Brooks. I have book you for Tuesday at 10:00.", "have book"),
        ("Please follow this steps: hold the button.", "this"),
    ],
)
def test_slips_of_non_native_and_hurried_writers_are_grammar(analyzer, reply, evidence):
    assert evidence in _hits(analyzer, "grammar", reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Its battery lasts ten hours.",
        "The app and its extended warranty are both covered.",
        "Book a 48 hour slot, or call the 24 hour helpline.",
        "Delivery is 3 day express.",
        "Thanks, it cost £5 last month and it looks fine.",
        "Let it go through, then check it.",
        "How much will it cost?",
        "If it arrives late, I will refund the fee.",
        "The refund is being processed, and what is included is listed here.",
        "The plan is to send it today.",
        "Comms from the engineers are slow today.",
        "I have an update for you today.",
        "This is for you. Card ending 4421 is fine.",
        "It's ready by next week, and booked for next month.",
        "Is it possible? Yes, it is done.",
        "Nothing is possible without the code.",
        "The driver stopped at 8:14. [internal] check with fleet first.",
        "Do you have change for the meter?",
        "It was a one-off: a unique code on a European card.",
        "We have check-in from 3 pm.",
    ],
)
def test_possessive_its_singular_units_and_past_cost_are_not_grammar(analyzer, reply):
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



@pytest.mark.parametrize(
    ("word", "fix"),
    [("begining", "beginning"), ("shiping", "shipping"), ("visable", "visible"), ("basicly", "basically"),
     ("gaurd", "guard"), ("custommer", "customer")],
)
def test_classic_slips_that_look_like_inflections_are_spelling(analyzer, word, fix):
    rep = analyzer.analyze_reply(f"I checked the {word} part for you.")
    spell = [f for f in rep.findings if f.name == "spelling"]
    assert [rep.text[f.start:f.end] for f in spell] == [word] and fix in spell[0].suggestion


def test_a_known_slip_at_a_sentence_start_is_spelling_but_a_name_is_not(analyzer):
    assert _hits(analyzer, "spelling", "Unfortunatly it is out of stock.") == ["Unfortunatly"]
    assert _hits(analyzer, "spelling", "Oyelaran will call you back today.") == []


@pytest.mark.parametrize(
    ("word", "fix"),
    [("bok", "book"), ("upates", "updates"), ("hve", "have"), ("automaticallyactivated", "automatically activated")],
)
def test_suggestions_prefer_the_word_a_support_agent_meant(word, fix):
    d = load_dictionary()
    assert d.suggest(word, frozenset({"book", "updates", "have"})) == fix


@pytest.mark.parametrize(
    "reply",
    [
        "The colour is back; I've cancelled the old order and organised a new one.",
        "The color is back; I've canceled the old order and organized a new one.",
        "Your admin can turn on the webinar replays from the dashboard.",
        "It takes approx. two days, incl. the weekend.",
        "Your username is zorblixfan88 and your login is dwhitfield.",
        "Open the .acsm file from your downloads.",
        "The plan costs R$35 a month.",
        "Ask Siobhan Nguyen about the Zorblix X2; your return is RMA-4471B.",
    ],
)
def test_ordinary_support_words_variants_and_values_are_not_spelling(analyzer, reply):
    assert _hits(analyzer, "spelling", reply) == []


def test_a_misspelled_customer_name_is_not_a_spelling_finding(analyzer):
    assert _hits(analyzer, "spelling", "Thanks, Pryia will call you at 3pm.", "Pryia promised a callback") == []


@pytest.mark.parametrize(
    ("reply", "evidence"),
    [
        ("Your parcel is on it's way.", "on it's way"),
        ("Lets check the order together.", "Lets"),
        ("Sorry, its been a busy week.", "its"),
        ("lol this one again, can someone take it", "lol"),
    ],
)
def test_more_grammar_slips_are_flagged_with_the_fix_in_their_case(analyzer, reply, evidence):
    assert evidence in _hits(analyzer, "grammar", reply)


@pytest.mark.parametrize(
    "reply",
    [
        "We would of course refund it.",
        "Steps:\n1. open the app\n2. tap Settings",
        "a. Open the app and tap Settings.",
        "Ok ok, I see what happened there.",
        "It takes approx. two days to arrive.",
        "Thanks for waiting, I've refunded it, you'll see it in 3 days",
    ],
)
def test_idioms_lists_abbreviations_and_comma_splices_are_not_grammar(analyzer, reply):
    assert _hits(analyzer, "grammar", reply) == []


def test_a_long_sentence_without_a_comma_is_a_run_on(analyzer):
    reply = (
        "Returns are inspected on arrival and the boots must be unworn with all the packaging and the box "
        "must not have any tape on it because that counts as damage and our check found a label on it so "
        "it was sent back to you."
    )
    run_on = [f for f in analyzer.analyze_reply(reply).findings if f.name == "grammar" and "run-on" in f.message]
    assert run_on and "full stop" in run_on[0].suggestion


def test_a_run_on_does_not_hide_the_word_level_slips_in_it(analyzer):
    reply = (
        "as i already said the the policy is that a claim has to be raised with the carrier within two days "
        "and once the carrier has assessed it they will refund or replace it at their discretion so we cannot send one"
    )
    hits = _hits(analyzer, "grammar", reply)
    assert "i" in hits and "the the" in hits and len(hits) >= 4


def test_the_same_long_sentence_with_commas_is_not_a_run_on(analyzer):
    reply = (
        "Returns are inspected on arrival, and the boots must be unworn, with all the packaging; the box "
        "must not have any tape on it, because that counts as damage, and our check found a label on it, so "
        "it was sent back to you."
    )
    assert _hits(analyzer, "grammar", reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "I've escalated this to tier 2 and they'll update the INC within the SLA.",
        "Please check your APN settings and reboot.",
        "You'll need to raise an RMA first.",
    ],
)
def test_internal_terms_from_each_category_are_jargon(analyzer, reply):
    assert _hits(analyzer, "jargon", reply)


@pytest.mark.parametrize(
    ("reply", "customer"),
    [
        ("Your PIN, the SMS code and your SIM are fine; the PDF is on the IT team page.", ""),
        ("Yes, SSO works with Okta once your admin turns it on.", "Does SSO work with Okta?"),
        ("Your return RMA-4471B is approved.", ""),
        ("Thanks for your patience. ^TL", ""),
        ("Your ONT, the small white box where the fibre enters your home, needs a restart.", ""),
    ],
)
def test_everyday_abbreviations_codes_signatures_and_explained_terms_are_not_jargon(analyzer, reply, customer):
    assert _hits(analyzer, "jargon", reply, *([customer] if customer else [])) == []


def test_glossary_terms_are_not_jargon():
    an = Analyzer(config={"glossary": ["RMA", "Zorblix"]})
    rep = an.analyze_reply("You'll need to raise an RMA for the Zorblix.")
    assert [f for f in rep.findings if f.name in ("jargon", "spelling")] == []


def test_a_nested_sentence_of_thirty_words_is_hard_to_read(analyzer):
    reply = (
        "Refunds, which are issued to the original card unless it has expired, in which case we pay by "
        "transfer, are sent once the item, which must be unused, reaches us."
    )
    assert _hits(analyzer, "hard-to-read", reply)


def test_many_short_sentences_in_one_paragraph_are_not_a_wall_of_text(analyzer):
    reply = " ".join(["I've checked your order today. It left the warehouse this morning. The courier has it now."] * 9)
    assert _hits(analyzer, "hard-to-read", reply) == []


def test_hard_to_read_option_from_the_config_table_changes_the_threshold():
    text = "I have checked the order and the parcel left the warehouse on Monday and it should reach you by Friday."
    assert not [f for f in Analyzer().analyze_reply(text).findings if f.name == "hard-to-read"]
    strict = Analyzer(config={"rules": {"hard-to-read": {"max_sentence_words": 10}}})
    assert [f for f in strict.analyze_reply(text).findings if f.name == "hard-to-read"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_clarity_findings_have_valid_offsets_on_any_text(text):
    rep = _SHARED.analyze_reply(text)
    for f in rep.findings:
        assert 0 <= f.start <= f.end <= len(text)


_SHARED = Analyzer(config={"select": ["CLR"]})


def test_an_explanation_anywhere_in_the_reply_covers_every_mention(analyzer):
    reply = "Please restart the ONT. The ONT is the white box where the fibre comes in."
    assert _hits(analyzer, "jargon", reply) == []


@pytest.mark.parametrize(
    ("reply", "customer"),
    [("Yes, tier 2 has it now.", "Is tier 2 looking at it?"), ("The DNS is fine.", "is the dns down?"), ("Your 3PL is right.", "my 3PL says it left")],
)
def test_terms_with_digits_or_in_another_case_count_as_used_by_the_customer(analyzer, reply, customer):
    assert _hits(analyzer, "jargon", reply, customer) == []


def test_curly_apostrophes_are_grammar_slips_too(analyzer):
    assert _hits(analyzer, "grammar", "You’re account is ready.") == ["You’re"]


def test_chat_acronyms_are_not_spelling_but_shorthand_for_a_word_is(analyzer):
    assert _hits(analyzer, "spelling", "np, btw your order shipped") == []
    assert _hits(analyzer, "spelling", "pls check ur inbox") == ["pls", "ur"]


def test_names_written_in_lower_case_are_not_spelling_when_known_from_the_conversation(analyzer):
    assert _hits(analyzer, "spelling", "thanks siobhan, it's sorted.", "Hi, Siobhan here.") == []


@pytest.mark.parametrize(
    ("reply", "fix"),
    [
        ("We has sent the parcel.", "have"),
        ("He don't have the code.", "doesn't"),
        ("We was unable to process it.", "were"),
        ("Thanks for you patience.", "your"),
        ("I didn't received it.", "receive"),
        ("We will sent it tomorrow.", "send"),
        ("This are the steps.", "is"),
    ],
)
def test_agreement_and_verb_form_slips_are_grammar(analyzer, reply, fix):
    found = [f for f in analyzer.analyze_reply(reply).findings if f.name == "grammar"]
    assert found and fix in found[0].suggestion


@pytest.mark.parametrize(
    "reply",
    ["Does he have the code?", "Did she have a receipt?", "It has been sent.", "We have sent it.", "You were right.",
     "Thank you for your patience.", "Will they have to pay?", "Move it to Sent."],
)
def test_correct_agreement_is_not_grammar(analyzer, reply):
    assert not [f for f in analyzer.analyze_reply(reply).findings if f.name == "grammar"]


@pytest.mark.parametrize("reply", ["Please go to skyvale.example/checkin now.", "Type %appdata%\\Tasklane in the address bar."])
def test_words_inside_paths_are_not_spelling(analyzer, reply):
    assert not [f for f in analyzer.analyze_reply(reply, []).findings if f.name == "spelling"]


@pytest.mark.parametrize(
    "reply",
    [
        "Me and my team will look into it.",
        "The refund have been processed.",
        "I seen your email.",
        "Their sending a replacement.",
        "Let me no if that works.",
        "Please find attach the invoice.",
        "I have send the link.",
        "Could you please to send the photo?",
        "I'm going to escalated this.",
    ],
)
def test_common_slips_of_hurried_agents_are_grammar(analyzer, reply):
    assert [f for f in analyzer.analyze_reply(reply, []).findings if f.name == "grammar"]


@pytest.mark.parametrize(
    "reply",
    [
        "Any credits in your account have been removed.",
        "They're sending a replacement, and their courier is DPD.",
        "Let me know if that works.",
        "The status changed to processed this morning.",
        "Please find the invoice attached.",
    ],
)
def test_near_misses_of_those_slips_are_not_grammar(analyzer, reply):
    assert not [f for f in analyzer.analyze_reply(reply, []).findings if f.name == "grammar"]


def test_a_numbered_list_inside_a_sentence_may_start_items_in_lower_case(analyzer):
    reply = "Adding a cabin bag costs £25: 1. open Manage Booking, 2. choose Extras, 3. pick Cabin bag and pay."
    assert _hits(analyzer, "grammar", reply) == []


def test_a_lower_case_start_after_a_number_that_ends_a_sentence_is_still_grammar(analyzer):
    assert _hits(analyzer, "grammar", "The total is 2. then we ship it to you.") == ["then"]


def test_jargon_glossed_later_in_the_sentence_is_explained(analyzer):
    reply = "You'll get your PAC code by text within 2 minutes; that's the code your new provider needs."
    assert _hits(analyzer, "jargon", reply) == []
    assert _hits(analyzer, "jargon", "You'll get your PAC code by text within 2 minutes.") == ["PAC code"]


@pytest.mark.parametrize("word", ["runaround", "workaround", "paperwork"])
def test_closed_compounds_are_known_words(analyzer, word):
    assert _hits(analyzer, "spelling", f"Sorry about the {word} today.") == []


@pytest.mark.parametrize(
    ("reply", "word"),
    [
        ("We will pay them within 10 working days after we receives it.", "receives"),
        ("At renewal your only billed for the seats you keep.", "your"),
        ("Before I delete it, I need to know the reason your leaving.", "your"),
    ],
)
def test_agreement_slips_and_your_for_youre_are_grammar(analyzer, reply, word):
    assert _hits(analyzer, "grammar", reply) == [word]


@pytest.mark.parametrize(
    "reply", ["We're sorry to hear about your leaving.", "Your only option is a refund.", "We appreciate your waiting so long."]
)
def test_possessive_your_before_a_gerund_or_noun_is_not_grammar(analyzer, reply):
    assert _hits(analyzer, "grammar", reply) == []


def test_smart_meter_acronyms_are_energy_jargon(analyzer):
    reply = "Your SMETS1 meter hasn't been migrated to the DCC yet, so it's running in dumb mode."
    assert _hits(analyzer, "jargon", reply) == ["SMETS1", "DCC", "dumb mode"]


def test_latin_plurals_are_known_words(analyzer):
    assert _hits(analyzer, "spelling", "Places are given under the admission criteria.") == []


@pytest.mark.parametrize(
    ("reply", "word"),
    [
        ("I will need the date the incident was happen.", "was happen"),
        ("I have also mark your claim as urgent.", "have also mark"),
        ("The assessor will confirm this when he visit you.", "he visit"),
        ("Yes, your policy have cover up to £5,000.", "your policy have"),
        ("Oh no, you're right, its overdue, sorry!", "its"),
    ],
)
def test_non_native_verb_form_slips_are_grammar(analyzer, reply, word):
    assert _hits(analyzer, "grammar", reply) == [word]


@pytest.mark.parametrize(
    "reply",
    [
        "Any credits in your account have been removed.",
        "Does your plan have 5G?",
        "I have reset it for you.",
        "Will he visit on Monday?",
        "The X1 charges at its normal speed.",
        'You asked "WHY DOES NOBODY LOOK AT THEM?" and it\'s a fair question.',
    ],
)
def test_correct_forms_near_those_slips_are_not_grammar(analyzer, reply):
    assert _hits(analyzer, "grammar", reply) == []


def test_an_acronym_spelled_out_in_capitalised_words_is_explained(analyzer):
    reply = "Get a PAC code before 30 June. That's a Porting Authorisation Code, a short code that moves your number."
    assert _hits(analyzer, "jargon", reply) == []


def test_like_this_are_is_not_an_agreement_slip(analyzer):
    assert _hits(analyzer, "grammar", "Many claims like this are refunded in full.") == []
    assert _hits(analyzer, "grammar", "Sorry, this are the only dates.") == ["are"]


def test_a_term_followed_by_what_it_means_for_the_customer_is_explained(analyzer):
    assert _hits(analyzer, "jargon", "The upgrade is prorated, so you'd only pay the difference.") == []


@pytest.mark.parametrize(("reply", "word"), [("Hello, thank you for contact us.", "contact"), ("I've restored your key, its live now.", "its")])
def test_for_plus_base_verb_and_its_live_are_grammar(analyzer, reply, word):
    assert _hits(analyzer, "grammar", reply) == [word]


def test_your_welcome_pack_is_not_a_slip_but_your_welcome_alone_is(analyzer):
    assert _hits(analyzer, "grammar", "Your welcome pack will arrive by email within 3 days.") == []
    assert _hits(analyzer, "grammar", "Your welcome, have a good day.") == ["Your welcome"]


def test_a_term_explained_in_an_earlier_reply_is_not_jargon_again(analyzer):
    ctx = [
        ("customer", "Can staff sign in with their Microsoft accounts?"),
        ("agent", "Yes, it's called SSO (single sign-on): staff use their Microsoft account."),
        ("customer", "Done. Does it cost extra?"),
    ]
    assert _hits_ctx(analyzer, "jargon", "No, SSO is included at no extra charge.", ctx) == []


def _hits_ctx(analyzer, name, reply, context):
    rep = analyzer.analyze_reply(reply, context)
    return [rep.text[f.start:f.end] for f in rep.findings if f.name == name]


def test_a_gloss_after_the_term_and_its_noun_explains_it(analyzer):
    reply = "Your SSL certificate (the file that lets browsers show the padlock) expired last night."
    assert _hits(analyzer, "jargon", reply) == []


def test_prepare_builds_the_near_miss_index_before_workers_fork():
    d = load_dictionary()
    d.prepare()
    assert d._deletes
    assert d.suggest("accomodation") == "accommodation"


@pytest.mark.parametrize(
    ("reply", "term"),
    [
        ("The payment was held for a CoP mismatch, so it's in manual review.", "CoP"),
        ("The referral went to the hospital via e-RS.", "e-RS"),
        ("Your referral is on the PTL now.", "PTL"),
    ],
)
def test_abbreviations_the_lexicon_does_not_list_are_jargon(analyzer, reply, term):
    assert _hits(analyzer, "jargon", reply) == [term]


@pytest.mark.parametrize(
    "reply",
    [
        "Your PIN, the SIM and the VAT invoice (a PDF) are in the app.",
        "Your PAC is DNP 481 276 and it's valid for 30 days.",
        "Enter the code we texted; it starts with LX.",
        "YOU MUST CHECK YOUR SPAM FOLDER FIRST.",
        "Thanks for your patience. JD",
        "Press CTRL and P to print the EPUB.",
        "Turn off 'Automatic' and choose MEO or Vodafone PT, then restart the phone.",
    ],
)
def test_everyday_abbreviations_codes_and_capital_runs_are_not_unknown_jargon(analyzer, reply):
    assert _hits(analyzer, "jargon", reply) == []


def test_abbreviation_the_customer_used_or_the_option_off_is_not_flagged(analyzer):
    assert _hits(analyzer, "jargon", "The PTL is the waiting list.", "Am I on the PTL?") == []
    off = Analyzer(config={"rules": {"jargon": {"unknown_acronyms": False}}})
    assert [f for f in off.analyze_reply("Your referral is on the PTL now.").findings if f.name == "jargon"] == []


def test_a_y_plural_without_ies_is_spelling_but_vowel_y_plurals_are_words(analyzer):
    assert _hits(analyzer, "spelling", "The code works for all countrys.") == ["countrys"]
    assert _hits(analyzer, "spelling", "It takes two days; the keys are with the guys at reception.") == []


def test_you_is_as_subject_is_grammar_but_not_after_a_preposition(analyzer):
    assert _hits(analyzer, "grammar", "I hope you is okay.", "I need to cancel.") == ["is"]
    assert not _hits(analyzer, "grammar", "All I need from you is a copy of the certificate. A thank you is in order.", "Hi")


def test_a_keyword_to_text_is_not_an_unknown_abbreviation(analyzer):
    assert not _hits(analyzer, "jargon", "Daniel can add you by texting AUTH to 60123 from his phone.", "Can I change the card?")


def test_a_term_explained_after_the_next_word_is_explained(analyzer):
    reply = "That's usually a sign the controller needs a firmware update (the software inside the controller itself)."
    assert not _hits(analyzer, "jargon", reply, "My controller keeps disconnecting.")


def test_its_in_our_terms_is_a_missing_apostrophe(analyzer):
    assert _hits(analyzer, "grammar", "Unfortunately you should have kept the receipt, its in our terms.", "I lost the receipt.")


@pytest.mark.parametrize(
    ("reply", "flagged"),
    [
        ("The on-call engineer is following the runbook now.", []),
        ("It can take 15 minutes to show on the leaderboards.", []),
        ("I will call you everytime it changes.", ["everytime"]),
        ("Thankyou for waiting.", ["Thankyou"]),
    ],
)
def test_two_common_words_written_as_one_are_known_but_glued_function_words_are_not(analyzer, reply, flagged):
    assert _hits(analyzer, "spelling", reply) == flagged


def test_a_term_defined_after_a_short_phrase_is_not_jargon(analyzer):
    reply = "I've raised a chargeback on all three, which is a formal dispute where we ask the merchant's bank for the money."
    assert _hits(analyzer, "jargon", reply) == []
    assert _hits(analyzer, "jargon", "I've raised a chargeback on all three.") == ["chargeback"]


@pytest.mark.parametrize("word", ["upsell", "hotfix", "backoff", "amlodipine", "salbutamol"])
def test_trade_words_and_common_medicines_are_known(analyzer, word):
    assert _hits(analyzer, "spelling", f"I've added the {word} note to your record.") == []


@pytest.mark.parametrize(
    ("reply", "flagged"),
    [
        ("Ok its cancelled.", True),
        ("Your correct, it was sent twice.", True),
        ("They've agreed to move booking 7731045 to your correct dates at no charge.", False),
        ("The dog wagged its tail and its head.", False),
    ],
)
def test_its_before_a_participle_and_your_correct_before_a_noun(analyzer, reply, flagged):
    assert bool(_hits(analyzer, "grammar", reply)) is flagged


def test_pro_rata_async_and_rata_are_everyday_words(analyzer):
    reply = "Refunds are paid pro rata, and the async export runs overnight."
    assert _hits(analyzer, "jargon", reply) == []
    assert _hits(analyzer, "spelling", reply) == []


@pytest.mark.parametrize(
    "reply",
    [
        "The fix is in next week's update, which installs overnight on Tuesday.",
        "Queued items in the outbox send automatically; the validator rejects dashes.",
    ],
)
def test_next_weeks_and_office_words_are_not_slips(analyzer, reply):
    names = {f.name for f in analyzer.analyze_reply(reply).findings}
    assert not names & {"grammar", "spelling"}
