"""Attention: is the agent listening to what the customer already said?

- ``reasked-information`` (ATT001): the reply asks for a value the customer gave earlier.
- ``wrong-form-of-address`` (ATT002): an honorific or a name that the customer's own
  words contradict.
- ``off-topic-reply`` (ATT003): the reply works on a different problem than the one the
  customer raised (intents from ``lexicons/topics.yml``).
- ``unanswered-question`` (ATT004): a genuine customer question since the previous reply
  that this reply does not address (no content overlap, no answer of the asked type).
- ``repeated-reply`` (ATT005): near-identical to an earlier agent reply in the same
  conversation (word 3-gram shingles; greetings and sign-offs left out).

Everything the checks need from earlier turns is in the
:class:`~tonecheck.context.ConversationState`, updated turn by turn; a check reads the
current reply's shared parse once and never re-reads earlier turns.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar

from tonecheck.checks.base import Check, Example, Reply
from tonecheck.context import PLEASANTRY_RE, QUESTION_STOP, ConversationState, Question, reply_shingles
from tonecheck.lexicon import load_lexicon
from tonecheck.nlp import Parsed
from tonecheck.topics import shared_lexicon
from tonecheck.types import Finding, Severity

__all__ = [
    "CHECKS",
    "OffTopicReply",
    "ReaskedInformation",
    "RepeatedReply",
    "UnansweredQuestion",
    "WrongFormOfAddress",
]

# What the agent may ask for, as the words they would use. Each needs a determiner so
# that "I'll email you" is not a request for an email address.
_DET = r"(?:your|you're|you’re|youre|the|ur|an?|that)\s+(?:[\w'’-]+\s+){0,2}?"  # "provide you're account number"
_KIND_WORDS: dict[str, str] = {
    "username": r"(?:user\s?name|login(?:\s+(?:name|id))?|user\s?id|handle|screen\s?name|gamer\s?tag|player\s+(?:name|id|tag)|in-game\s+name)",
    "email": r"(?:e-?mail(?:\s+address)?|email\s+id)",
    "phone": r"(?:(?:phone|mobile|cell|telephone|contact)\s+(?:number|no\.?|#)|phone|mobile)",
    "order number": r"(?:order\s+(?:number|no\.?|#|id|reference|ref))",
    "account number": r"(?:(?:account|member(?:ship)?|patient|customer|client|loyalty|policyholder)\s+(?:number|no\.?|#|id))",
    "ticket number": r"(?:(?:ticket|case|reference|ref|booking|confirmation|tracking|claim|reservation|policy)\s+(?:number|no\.?|#|id)|(?:ticket|case|claim|booking|reservation|file|order)\s+(?:reference|ref|code))",
    "flight number": r"(?:flight\s+(?:number|no\.?|#|code))",
    "serial number": r"(?:serial(?:\s+(?:number|no\.?|#))?)",
    "postcode": r"(?:post\s?code|zip(?:\s?code)?)",
    "card digits": r"(?:last\s+(?:four|4)\s+(?:digits|numbers)|card\s+(?:number|ending))",
    "name": r"(?:(?:full|first|last)\s+name|name(?=\s+(?:on|for)\s+the\s+account)|name)",
    "date of birth": r"(?:date\s+of\s+birth|dob|birth\s?date|birthday)",
    "meter reading": r"(?:meter\s+reading|reading\s+from\s+(?:your|the)\s+meter)",
}
_KIND_RES = {kind: re.compile(rf"\b{_DET}({words})\b", re.IGNORECASE) for kind, words in _KIND_WORDS.items()}
# "What's your partner's full name?" asks for someone else's name, not the customer's.
_OTHER_PERSON = r"(?:partner|husband|wife|son|daughter|mum|mother|dad|father|child|friend|colleague|driver|tenant|landlord)['’]s"
_KIND_RES["name"] = re.compile(
    rf"\b(?:your|you're|you’re|youre|the|ur|an?|that)\s+(?:(?!{_OTHER_PERSON}\b)[\w'’-]+\s+){{0,2}}?({_KIND_WORDS['name']})\b",
    re.IGNORECASE,
)
# "the email" is often the message, not the address: ask for an address explicitly.
_KIND_RES["email"] = re.compile(
    r"\b(?:(?:your|you're|the|an?|ur)\s+(?:[\w-]+\s+){0,2}?(e-?mail\s+ad{1,2}res{1,2}e?|email\s+id)"  # "the email adress"
    r"|(?:your|you're|ur)\s+(?:registered\s+|account\s+|contact\s+)?(e-?mail)(?!\s+(?:from|about|to|with|that|which|we|I))"
    r"|the\s+(e-?mail)\s+(?:on|for|of|associated|linked|registered|tied|attached|connected)\b"
    r"|\b(?:what|which)\s+(e-?mail(?:\s+address)?)\b)",
    re.IGNORECASE,
)
_REQUEST_RE = re.compile(
    r"\?\s*$"
    r"|\b(?:can|could|would|may|will)\s+(?:i|you|u|we)\s+(?:please\s+|kindly\s+|just\s+|pls\s+)?"
    r"(?:have|get|grab|confirm|provide|share|send|give|tell|verify|check|double[- ]check|take|type|enter|reconfirm)\b"
    r"|\b(?:please|kindly|pls|plz)\s+(?:\w+\s+)?(?:provide|confirm|send|share|enter|give|tell|verify|type|reply|let\s+me\s+know|re-?enter|reconfirm|submit|upload)\b"
    r"|\b(?:i|we)(?:'ll|\s+will|\s+would|'d|\s+also)?\s+(?:still\s+)?need\b"
    r"|\bwhat(?:'s|\s+is|\s+was|\s+are)\s+(?:your|the)\b"
    r"|\blet\s+me\s+know\s+(?:your|the)\b"
    r"|\b(?:i|we)(?:'d|\s+would)\s+like\s+(?:to\s+(?:have|get|confirm|verify)|your)\b"
    r"|\bmay\s+i\s+(?:have|ask|get|know)\b"
    r"|\bprovide\s+(?:me|us)\s+with\b"
    r"|^\s*(?:please\s+)?(?:confirm|provide|send|share|enter|verify|type)\b(?!\s+(?:it|them|this|that)\b)",  # not "Enter it on the phone"
    re.IGNORECASE,
)
#: How far after a request phrase ("we'll need", "please confirm") the thing asked for may come.
_REQUEST_REACH = 60
_STATEMENT_OF_HAVING_RE = re.compile(
    r"\b(?:thanks?|thank\s+you)\s+for\s+(?:\w+\s+){0,3}$|\b(?:i|we)\s+(?:have|'ve|can\s+see|see|found|located|got)\s+",
    re.IGNORECASE,
)
# "What number are you porting?": a bare "number" asks for the phone number.
_KIND_RES["phone"] = re.compile(
    _KIND_RES["phone"].pattern + r"|\bwhat(?:'s|\s+is)?\s+(?:your\s+|the\s+)?(number)\b(?!\s+(?:of|on\s+the\s+(?:card|order)))",
    re.IGNORECASE,
)
# "What's the best email to reach you on?", "Which order is this about?"
_KIND_RES["email"] = re.compile(_KIND_RES["email"].pattern + r"|\bbest\s+(e-?mail(?:\s+address)?)\s+(?:to|for)\b", re.IGNORECASE)
_KIND_RES["phone"] = re.compile(
    _KIND_RES["phone"].pattern + r"|\b(?:best|good)\s+((?:phone\s+|contact\s+|mobile\s+)?number)\s+(?:to|for)\b", re.IGNORECASE
)
_KIND_RES["order number"] = re.compile(
    _KIND_RES["order number"].pattern + r"|\bwhich\s+(order)\b(?=\s+(?:is|was|are|do|does|did|this|that|it|we're|are\s+we)\b)",
    re.IGNORECASE,
)
#: After the asked-for value: it is to be given to someone else, later ("at reception when
#: you arrive", "to the driver", "to your bank").
_ELSEWHERE_RE = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:at|to)\s+(?:the\s+|your\s+)?(?:reception|front\s+desk|desk|driver|courier|engineer|pharmacy|pharmacist|"
    r"counter|check-in|gate|staff|hotel|branch|bank|doctor|surgery|crew|store|shop)\b"
    r"|[^.!?]{0,40}\bwhen\s+you\s+(?:arrive|get\s+there|check\s+in|collect|call\s+them|visit)\b",
    re.IGNORECASE,
)
# "Have you tried restarting it?" after the customer said they had.
_TRIED_ASK_RE = re.compile(
    r"\b(?:have|did|could|can)\s+you\s+(?:already\s+|also\s+|please\s+)?(?:tried\s+|try\s+)?(?:to\s+|(?:a|the)\s+(?:factory\s+|hard\s+|full\s+)?)?"
    r"(restart\w*|reboot\w*|power[- ]cycl\w*|turn\w*\s+(?:it|the\s+\w+|your\s+\w+)\s+off|switch\w*\s+(?:it|the\s+\w+|your\s+\w+)\s+off|unplug\w*|reinstall\w*|uninstall\w*|"
    r"reset\w*|clear\w*\s+(?:the\s+|your\s+)?(?:cache|cookies|browser\s+data)|updat\w*|log\w*\s+out|sign\w*\s+out|"
    r"check\w*\s+(?:the\s+|your\s+)?(?:spam|junk)|check\w*\s+in\b|(?:using\s+|use\s+)?(?:a|another|different|other|a\s+different|a\s+new)\s+(?:cable|charger|lead|plug|socket|port))",
    re.IGNORECASE,
)
_TRIED_CANON = (
    ("restart", re.compile(r"restart|reboot|power|turn|switch|unplug", re.I)),
    ("reinstall", re.compile(r"install", re.I)),
    ("reset", re.compile(r"reset", re.I)),
    ("clear cache", re.compile(r"clear", re.I)),
    ("update", re.compile(r"updat", re.I)),
    ("log out", re.compile(r"log|sign", re.I)),
    ("check in", re.compile(r"check\w*\s+in\b", re.I)),
    ("check spam", re.compile(r"check", re.I)),
    ("use another cable", re.compile(r"(?:[\w-]+\s+){0,3}(?:cable|charger|lead|plug|socket|port)", re.I)),
)
_KIND_LABEL = {
    "username": "username",
    "email": "email address",
    "phone": "phone number",
    "order number": "order number",
    "account number": "account number",
    "ticket number": "reference number",
    "flight number": "flight number",
    "serial number": "serial number",
    "postcode": "postcode",
    "name": "name",
    "card digits": "card's last four digits",
    "date of birth": "date of birth",
    "meter reading": "meter reading",
}


#: Asking why the customer wants to cancel (or for "the reason") after they said why.
_REASON_ASK_RE = re.compile(
    r"\bwhy (?:do|would|did|are) you (?:want(?:ing)? to |wish to |like to |need to |decide to |decided to )?"
    r"(?:cancel|leave|close|end|terminate|switch|go)\w{0,4}\b"
    r"|\b(?:what|tell me|share|give me|confirm|know|provide)\s+(?:\w+\s+){0,3}?(?:the|your|a)\s+(?:main\s+|primary\s+)?reason\b"
    r"|\breason (?:for|behind|why) (?:the |your |you(?:'re| are) )?(?:cancel|leav|clos|end|terminat|switch)\w{0,6}\b"
    r"|\bmay i ask why\b|\bcan i ask why\b|\bwhat(?:'s| is) (?:made|making) you (?:want to )?(?:cancel|leave)\b"
    r"|\bwhat (?:made|makes|has made|is making|prompted) you (?:\w+ )?(?:decide |want |choose )?(?:to )?(?:cancel|leave|close|go|switch)\w{0,3}\b"
    r"|\b(?:tell|let) me (?:know )?why you(?:'re| are)? (?:\w+ )?(?:cancel|leav|clos|switch|go)\w{0,4}\b",
    re.IGNORECASE,
)


#: The scripted opener that asks what the customer needs.
_HOW_HELP_RE = re.compile(
    r"\b(?:how|what) (?:can|may|could|shall) (?:i|we) (?:help|assist|do for) you(?: with)?(?: today| now)?\s*\?",
    re.IGNORECASE,
)


class ReaskedInformation(Check):
    code = "ATT001"
    name = "reasked-information"
    category = "attention"
    default_severity = Severity.WARNING
    summary = "Asks for something the customer already gave (username, email, order number, ...)."
    what = (
        "Finds requests in the reply (questions, 'could you confirm', 'I'll need', 'please provide') "
        "for an identifier the customer already wrote earlier in the conversation: username, email, "
        "phone, order/account/reference number, serial number, postcode or name. The finding points "
        "to the turn and characters where the customer gave it."
    )
    why = (
        "Being asked again for what you already wrote is the clearest sign that nobody read your "
        "message. It adds a round trip and tells the customer they are not being listened to."
    )
    limits = (
        "Recognises values in common forms ('my username is ...', emails, 'order #1234'); a value "
        "given in an attachment or an unusual phrasing is not seen. Asking to confirm a value the "
        "agent states back ('is it still dana@example.org?') is not flagged."
    )
    instead = "Use the value from the earlier message, or state it back and ask the customer to confirm it."
    examples: ClassVar[Mapping[str, Sequence[Example]]] = {
        "fail": [
            {
                "context": [
                    ("customer", "Hi, my username is adelgado77 and there's an email on my account I don't recognise.")
                ],
                "reply": "I can help with that. Can I have your username please?",
            },
            {
                "context": [
                    ("customer", "Order #55123 never arrived."),
                    ("agent", "Sorry to hear that."),
                    ("customer", "Any news?"),
                ],
                "reply": "Could you confirm the order number for me?",
            },
            {
                "context": [("customer", "You can reach me at dana.w@example.org.")],
                "reply": "What's the email address on the account?",
            },
        ],
        "pass": [
            {
                "context": [("customer", "My email is dana@example.org.")],
                "reply": "Just to confirm, is it still dana@example.org?",
            },
            {
                "context": [("customer", "My parcel is late.")],
                "reply": "Could you share the order number?",
            },
            {
                "context": [("customer", "My username is adelgado77.")],
                "reply": "Thanks for your username, I've found the account.",
            },
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        reason = state.cancel_reason
        if reason is not None and state.cancel_request is not None:
            m = _REASON_ASK_RE.search(reply.text)
            if m and not reply.parsed.in_quotes(m.start(), m.end()):
                s_start, s_end = reply.parsed.sentence_at(m.start())
                yield self.finding(
                    s_start,
                    s_end,
                    f"Asks why the customer wants to cancel, but they gave the reason in turn {reason.turn} "
                    f"(\u201c{_short(reason.text)}\u201d).",
                    "Acknowledge the reason they gave and go ahead with the cancellation.",
                    evidence=reason.evidence(),
                )
        m = _HOW_HELP_RE.search(reply.text)
        if m and state.pending_customer and (state.questions or state.topics):
            # "How can I help you?" after the customer has just said what they need.
            said = state.questions[0] if state.questions else None
            turn, parsed = state.pending_customer[0]
            if said is not None or len(parsed.text.split()) >= 8:
                ev = said.evidence() if said else {"turn": turn, "start": 0, "end": len(parsed.text.rstrip())}
                yield self.finding(
                    m.start(),
                    m.end(),
                    f"Asks what the customer needs, but they said it in turn {ev['turn']}.",
                    "Reply to what the customer already wrote instead of asking how you can help.",
                    evidence=ev,
                )
                return
        if not state.facts:
            return
        text = reply.text
        low = reply.parsed.lower
        tried = state.facts.get("tried")
        if tried:
            done = {f.value: f for f in tried}
            for m in _TRIED_ASK_RE.finditer(text):
                canon = next((c for c, rx in _TRIED_CANON if rx.match(m.group(1))), None)
                fact = done.get(canon) if canon else None
                if fact is None or reply.parsed.in_quotes(m.start(), m.end()):
                    continue
                s_start, s_end = reply.parsed.sentence_at(m.start())
                yield self.finding(
                    s_start,
                    s_end,
                    f"Asks whether the customer tried to {canon}, which they said they did in turn {fact.turn}.",
                    "Acknowledge what they already tried and move to the next step.",
                    evidence=fact.evidence(),
                )
                return
        # Cheap gate: a request for a known kind needs one of its words in the reply.
        kinds = [(k, p) for k, p in _KIND_RES.items() if k in state.facts and p.search(text)]
        if not kinds:
            return
        for s_start, s_end in reply.parsed.sentences:
            sent = text[s_start:s_end]
            if not _REQUEST_RE.search(sent):
                continue
            for kind, pattern in kinds:
                fact = state.fact(kind)
                if fact is None:
                    continue
                m = pattern.search(sent)
                if m is None:
                    continue
                if kind == "name" and re.search(r"user\s?name|screen\s?name", m.group(), re.IGNORECASE):
                    continue
                before = sent[: m.start()]
                asked = sent.rstrip().endswith("?")
                if _STATEMENT_OF_HAVING_RE.search(before) and not asked:
                    continue
                if not asked and not any(r.start() <= m.start() <= r.end() + _REQUEST_REACH for r in _REQUEST_RE.finditer(sent)):
                    continue  # "we would need to quote you ..., once ... registered to your name": no ask
                # Stating the value back to confirm it is not a re-ask.
                if any(f.value.lower() in low for f in state.facts[kind]):
                    continue
                if reply.parsed.in_quotes(s_start + m.start(1), s_start + m.end(1)):
                    continue
                if _ELSEWHERE_RE.match(sent, m.end()):
                    continue  # "give your name at reception when you arrive": not asked of us
                label = _KIND_LABEL[kind]
                yield self.finding(
                    s_start,
                    s_end,
                    f"Asks for the customer's {label}, which they already gave in turn {fact.turn} "
                    f"(\u201c{fact.value}\u201d).",
                    f"Use the {label} from turn {fact.turn}, or state it back: "
                    f"\u201cIs your {label} still {fact.value}?\u201d",
                    evidence=fact.evidence(),
                )
                break  # one finding per sentence


_HONORIFIC_GENDER_OF = {"mr": "male", "mister": "male", "mrs": "female", "ms": "female", "miss": "female"}
_FEMALE_TERMS = r"ma'?am|ma’am|madam|maam|miss(?=\s*[,.!?]|\s+[A-Z])|mrs\.?(?=\s)|ms\.?(?=\s)|lady"
_MALE_TERMS = r"sir|mr\.?(?=\s)|mister|gentleman"
_FEMALE_RE = re.compile(rf"\b(?:{_FEMALE_TERMS})(?![\w'])", re.IGNORECASE)
_MALE_RE = re.compile(rf"\b(?:{_MALE_TERMS})(?![\w'])", re.IGNORECASE)
_TITLE_NAME_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mister|Dr)\.?\s+([A-Z][a-z\u00df-\u024f'’-]+)")
_GREETING_NAME_RE = re.compile(
    r"(?:^|[.!?\n]\s*)(?:Hi|Hello|Hey|Dear|Good\s+(?:morning|afternoon|evening)|Thanks|Thank\s+you|"
    r"Sorry)\s*,?\s+(?!I['’])([A-Z][a-z\u00df-\u024f'’-]{1,30})\b(?!\s+(?:team|for|to|so|again))"
)
#: The customer's name said at the end of a clause: "Sorry to hear that, Sinead."
_VOCATIVE_RE = re.compile(
    r"(?:^|[.!?\n]\s*)(?:Sorry|Thanks|Thank\s+you|Sure|Of\s+course|No\s+problem|Okay|OK|Great|Certainly|Absolutely"
    r"|Understood|Welcome|Good\s+news|You're\s+welcome)\b[^.!?\n,]{0,30},\s+([A-Z][a-z\u00df-\u024f'’-]{2,30})\s*[.!?,]"
)
#: What comes before a name the reply addresses: a greeting, an apology, or a sentence start.
_ADDRESS_BEFORE_RE = re.compile(
    r"(?:^|[.!?\n]\s*|\b(?:dear|hi|hello|hey|thanks|thank\s+you|sorry|apologies|morning|afternoon|evening|welcome|course|certainly)\W*)$",
    re.IGNORECASE,
)
_SELF_INTRO_RE = re.compile(r"\b(?:I'm|I\s+am|this\s+is|my\s+name\s+is|name's)\s+$", re.IGNORECASE)
_NOT_A_NAME = {
    "There",
    "Again",
    "All",
    "Everyone",
    "Team",
    "Sir",
    "Madam",
    "Ma",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Mister",
    "Dr",
    "Friend",
    "Folks",
    "So",
    "For",
    "And",
    "Once",
    "Very",
    "Much",
    "It",
    "I",
    "You",
    "We",
    "Thanks",
    "Thank",
    "Please",
    "Welcome",
    "Customer",
    "Guys",
    "Both",
    "Back",
}


#: A titled name followed by its verb is someone the reply talks about, not to.
_THIRD_PERSON_AFTER_RE = re.compile(
    r"\s+(?:will|is|has|had|was|would|can|could|should|may|might|said|says|asked|called|wrote|confirmed|agreed|"
    r"looked|checked|reviewed|signed|sent|needs|wants|thinks|suggested|recommended)\b|['’]ll\b"
)


_APOLOGY_FOR_TITLE_RE = re.compile(r"\b(?:sorry|apologi[sz]e|apologies)\b[^.!?]{0,25}\b(?:calling|called|addressing|addressed)\s+you\s*['\"‘“]?$", re.I)


def _writes_as(state: ConversationState, name: str) -> bool:
    """Whether a customer turn introduces its writer as ``name`` ("im her husband, Ken",
    "this is Ken", a last line "Ken"): someone writing for the account holder."""
    pattern = re.compile(
        rf"\b(?:i'?m|i\s+am|this\s+is|it's|my\s+name\s+is|name's)\s+(?:(?:her|his|their|the)\s+[a-z]+,?\s+)?{re.escape(name)}\b"
        rf"|(?:^|\n|[-\u2013,]\s*){re.escape(name)}\W*$",
        re.IGNORECASE,
    )
    return any(pattern.search(parsed.text.strip()) for _, parsed in state.customer_turns)


class WrongFormOfAddress(Check):
    code = "ATT002"
    name = "wrong-form-of-address"
    category = "attention"
    default_severity = Severity.WARNING
    summary = "Uses an honorific or name that the customer's own words contradict."
    what = (
        "Compares how the reply addresses the customer ('ma'am', 'sir', 'Mr.', 'Hi John') with what "
        "the customer said or signed: an honorific ('Mr. Delgado'), a correction ('it's sir'), a "
        "name ('I'm Dana', a sign-off). Flags only a contradiction, pointing to the customer's words."
    )
    why = (
        "Getting someone's name or gender wrong after they told you reads as careless at best and "
        "disrespectful at worst; after a correction it is the detail customers quote in complaints."
    )
    limits = (
        "Without anything said about the customer, 'ma'am' or 'sir' is not a finding. Names are read "
        "from common self-introductions and sign-offs; nicknames (Bob for Robert) count as different."
    )
    instead = "Use the name and form of address the customer gave ('Mr. Delgado'), or none."
    examples: ClassVar[Mapping[str, Sequence[Example]]] = {
        "fail": [
            {
                "context": [("customer", "Someone added an email to my account.\nThanks,\nMr. Delgado")],
                "reply": "I understand, ma'am. Let me look into it.",
            },
            {
                "context": [("customer", "It's sir, not ma'am. Please fix my account.")],
                "reply": "Of course, ma'am, one moment.",
            },
            {
                "context": [("customer", "Hi, I'm Dana Whitfield and my order is late.")],
                "reply": "Hi Sarah, sorry about the delay.",
            },
        ],
        "pass": [
            {"context": [("customer", "My order is late.")], "reply": "I'm sorry, ma'am, let me check."},
            {
                "context": [("customer", "Hi, I'm Dana and my order is late.")],
                "reply": "Hi Dana, this is Priya. Sorry about the delay.",
            },
            {
                "context": [("customer", "Regards, Mr. Delgado")],
                "reply": "Thank you, Mr. Delgado, I've removed the unknown email.",
            },
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        parsed = reply.parsed
        own_names = state.agent_names
        gender = state.gender
        ev = state.gender_evidence
        if gender is not None and ev is not None:
            wrong = _FEMALE_RE if gender == "male" else _MALE_RE
            right = "sir" if gender == "male" else "ma'am"
            said = _display_name(state) if ev.kind == "honorific" else _short(ev.value)
            told = f"in turn {ev.turn} they wrote \u201c{said}\u201d"
            corr = state.gender_correction
            if corr is not None and corr.turn != ev.turn:
                told += f" and in turn {corr.turn} \u201c{_short(corr.value)}\u201d"
            for m in wrong.finditer(text):
                if parsed.in_quotes(m.start(), m.end()):
                    continue
                if _APOLOGY_FOR_TITLE_RE.search(text, max(0, m.start() - 40), m.start()):
                    continue  # "sorry for calling you ma'am earlier": the apology, not the slip
                # "Ms. Jones, our manager" names a third person, not the customer.
                after = _TITLE_NAME_RE.match(text, m.start())
                if after and (
                    after.group(2).lower() in own_names
                    or reply.in_glossary(after.group(2))
                    or (state.last_name is not None and after.group(2).lower() not in state.name_parts())
                ):
                    continue  # "the assessor, Ms. Ito": someone else, by a name that is not the customer's
                yield self.finding(
                    m.start(),
                    m.end(),
                    f"Calls the customer \u201c{m.group()}\u201d, but {told}.",
                    f"Use \u201c{right}\u201d or the customer's name"
                    + (f" (\u201c{_display_name(state)}\u201d)" if _display_name(state) else "")
                    + ".",
                    evidence=ev.evidence(),
                )
        names = state.name_parts()
        if not names:
            for m in _TITLE_NAME_RE.finditer(text):
                refused = state.refused_titles.get(m.group(1).lower())
                if refused is not None and not parsed.in_quotes(m.start(), m.end()):
                    yield self.finding(
                        m.start(),
                        m.end(),
                        f"Writes \u201c{m.group()}\u201d, but the customer asked not to be called {m.group(1)} "
                        f"(turn {refused.turn}).",
                        "Use the form of address the customer asked for.",
                        evidence=refused.evidence(),
                    )
            return
        own = state.agent_names
        ref = state.first_name or state.last_name
        assert ref is not None
        given = state.honorific.value.lower().rstrip(".") if state.honorific else None
        for m in _TITLE_NAME_RE.finditer(text):
            surname = m.group(2)
            title = m.group(1).lower()
            if parsed.in_quotes(m.start(), m.end()) or surname.lower() in own:
                continue
            if text[m.end() : m.end() + 2] in ("'s", "’s") or surname.endswith(("'s", "’s")):
                continue  # "Dr. Osei's notes": someone else's, not the customer addressed
            if surname.lower() in names:
                refused = state.refused_titles.get(title)
                gender_ok = gender is None or _HONORIFIC_GENDER_OF.get(title) in (None, gender)
                if (refused or (given and title != given and title != "dr")) and gender_ok:
                    ev_fact = refused or state.honorific
                    assert ev_fact is not None
                    yield self.finding(
                        m.start(),
                        m.end(),
                        f"Writes “{m.group()}”, but the customer "
                        + (f"asked not to be called {m.group(1)} (turn {ev_fact.turn})." if refused else f"signed “{_display_name(state)}” (turn {ev_fact.turn})."),
                        f"Use “{_display_name(state)}”.",
                        evidence=ev_fact.evidence(),
                    )
                continue
            if state.last_name is None or surname.lower() in state.customer_words:
                continue  # "Dr. Farouk": someone the customer named themselves
            if not _ADDRESS_BEFORE_RE.search(text, max(0, m.start() - 25), m.start()):
                continue  # "so Ms. Ito can photograph it": a third person, not a greeting
            if _THIRD_PERSON_AFTER_RE.match(text, m.end()):
                continue  # "Dr Chen will go through them with you": the subject of a sentence
            yield self.finding(
                m.start(),
                m.end(),
                f"Addresses the customer as \u201c{m.group()}\u201d, but they are "
                f"\u201c{_display_name(state)}\u201d (turn {ref.turn}).",
                f"Use the customer's name: \u201c{_display_name(state)}\u201d.",
                evidence={"turn": state.last_name.turn, "start": state.last_name.start, "end": state.last_name.end},
            )
        addressed = [*_GREETING_NAME_RE.finditer(text), *_VOCATIVE_RE.finditer(text)]
        seen: set[int] = set()
        for m in addressed:
            if m.start(1) in seen:
                continue
            seen.add(m.start(1))
            name = m.group(1)
            if name in _NOT_A_NAME or name.lower() in names or name.lower() in own:
                continue
            if reply.in_glossary(name) or _SELF_INTRO_RE.search(text, 0, m.start(1)):
                continue
            if _writes_as(state, name):
                continue  # "name is Brenda Hollis ... im her husband, Ken" -> "Hi Ken": the writer
            if parsed.in_quotes(m.start(1), m.end(1)):
                continue
            yield self.finding(
                m.start(1),
                m.end(1),
                f"Greets the customer as \u201c{name}\u201d, but they are \u201c{_display_name(state)}\u201d "
                f"(turn {ref.turn}).",
                f"Use the customer's name: \u201c{_display_name(state)}\u201d.",
                evidence=ref.evidence(),
            )


class OffTopicReply(Check):
    code = "ATT003"
    name = "off-topic-reply"
    category = "attention"
    default_severity = Severity.WARNING
    summary = "Solves a different problem than the one the customer raised."
    what = (
        "Classifies the customer's problem and what the reply works on into intents (account "
        "security, login/password, account details, billing/refund, delivery, return/exchange, "
        "cancellation, technical fault, product question) from a lexicon over the words already "
        "parsed. Flags a reply whose every solution belongs to an intent the customer never raised "
        "(nor a closely related one), naming both intents and pointing to where the customer "
        "raised theirs. Also flags a scripted reply that opens with the problem it assumes "
        "(\u201cTo reset your password, ...\u201d, \u201cHaving trouble logging in?\u201d) in words "
        "the conversation never used, and a reply that goes back to the earlier point after the "
        "customer closed it or moved on (\u201cThat worked! Separately, ...?\u201d)."
    )
    why = (
        "A scripted answer to the wrong problem (a password reset for an unknown email address on "
        "the account) wastes the customer's time and tells them the agent did not read the message."
    )
    limits = (
        "Intents come from a word list, so a problem described in unusual words is not classified "
        "and nothing is flagged. Only what the reply offers or does counts, not a passing mention. "
        "Related intents (a refund for a late parcel) are accepted as on topic."
    )
    instead = "Work on the problem the customer described, in their words, before suggesting anything else."
    examples: ClassVar[Mapping[str, Sequence[Example]]] = {
        "fail": [
            {
                "context": [
                    (
                        "customer",
                        "Someone added an email address I don't recognise to my account. Please take it off.",
                    )
                ],
                "reply": "For your protection I recommend a password reset; you'll get a reset link by email.",
            },
            {
                "context": [("customer", "My parcel hasn't arrived and tracking hasn't updated since Monday.")],
                "reply": "Please try restarting your router and clearing your cache.",
            },
        ],
        "pass": [
            {
                "context": [("customer", "I can't log in, it says my password is wrong.")],
                "reply": "I've sent you a password reset link; it is valid for 15 minutes.",
            },
            {
                "context": [("customer", "My parcel is two weeks late.")],
                "reply": "I'm sorry. I've refunded the delivery charge and the courier will deliver on Friday.",
            },
            {
                "context": [("customer", "Someone added an email address I don't recognise to my account.")],
                "reply": "I've removed the unknown email address and sent the case to our security team.",
            },
        ],
    }

    #: Whether a related intent that leaves the question unanswered counts as off topic.
    #: The copy inside unanswered-question turns it off: that rule asks unanswered-question.
    related_rule: bool = True

    def setup(self) -> None:
        from tonecheck.checks.professionalism import MisdirectedMessage

        self.lexicon = shared_lexicon()
        self._unanswered: UnansweredQuestion | None = None
        self._misdirected = MisdirectedMessage(self.settings)

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        if not state.pending_customer:
            return
        notes = list(self._misdirected.run(reply, state)) if self.related_rule else []
        if notes and not _speaks_around(reply, _note_sentences(reply, notes)):
            return  # a note to a colleague works on nothing for the customer: misdirected-message's
        found = False
        for f in self._by_intent(reply, state):
            found = True
            yield f
        if not found and self.related_rule:
            for f in self._by_frame(reply, state):
                found = True
                yield f
        if not found:
            yield from self._by_stale(reply, state)

    def _by_stale(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        """A reply that goes back to the earlier point after the customer moved on: the
        latest message closes it or turns to something new ("that worked! now though, do
        they need a paid plan?"), and the reply carries on about the old matter in none of
        the new question's words."""
        turn, cust = state.pending_customer[-1]
        text = cust.text
        # Memoised on the customer turn: unanswered-question's copy of this check asks again.
        markers = cust.__dict__.get("_stale_markers")
        if markers is None:
            markers = cust.__dict__["_stale_markers"] = (_MOVED_ON_RE.search(text), _RESOLVED_RE.search(text))
        moved, resolved = markers
        if resolved is None and (moved is None or not state.agent_replies):
            return  # two matters raised at once are both open: skipping one is unanswered-question's
        # Where the new matter starts: at "Separately", or after the sentence that closes
        # the old one ("export issue fixed itself. how do I add a second admin").
        if moved is not None:
            split = moved.start()
            if _TRAILING_ASIDE_RE.match(text, moved.start()):
                # "the collection didn't happen btw, waited in all day": the aside marks
                # the clause it closes, so the new matter starts with that sentence.
                split = max(text.rfind(c, 0, moved.start()) for c in ".!?\n") + 1
        else:
            assert resolved is not None
            stop = _CLAUSE_END_RE.search(text, resolved.end())
            split = stop.start() if stop else resolved.end()
        new_qs = [q for q in state.questions if q.turn == turn and q.end > split]
        if _DEFER_RE.search(reply.text):
            return
        head, tail = cust.lower[:split], cust.lower[split:]
        old: set[str] = set(_content_lemmas(cust, head))
        said = set(_ALL_WORDS_RE.findall(head))
        earlier: set[str] = set()
        if state.agent_replies:
            prev = state.agent_replies[-1].parsed
            earlier.update(_content_lemmas(prev))
            said.update(_ALL_WORDS_RE.findall(prev.lower))
        elif not old:
            return
        for t, parsed in state.customer_turns:
            if t < turn:
                earlier.update(_content_lemmas(parsed))
                said.update(_ALL_WORDS_RE.findall(parsed.lower))
        if resolved is None and _RESTATED_RE.search(head) and old & earlier - state.name_parts():
            # "i literally just said. pork buns. FD-889201. also the driver left it at
            # number 12": the customer insists on the old matter before raising the new
            # one, so both are open (skipping one is unanswered-question's finding).
            return
        old |= earlier
        new = set(_content_lemmas(cust, tail))
        said |= old
        lemmas = reply.parsed.lemmas | reply.parsed.words
        if any(_shared(q, reply, lemmas) for q in new_qs if q.keywords) or any(
            _shared(dataclasses.replace(q, keywords=q.context), reply, lemmas) for q in new_qs if q.context
        ):
            return  # the new question's words, or those of the clause it points back to
        # The new matter in the customer's words: the questions' keywords, or the rest of
        # the message when a question has none ("..., what do I do?") or the new matter is
        # told, not asked ("Also my bank show you take money two times").
        if _STILL_RE.search(tail):
            return  # "Also the sign-out trick didn't change anything": the old matter goes on
        fresh = {w for w in new - said if not w.isdigit()}
        told = not new_qs or any(not q.keywords for q in new_qs)
        if not new_qs and len(fresh) < 3:
            return  # "return's done. Changing to 4 stars.": a remark, not a new matter
        if told and fresh & set(_content_lemmas(reply.parsed)):
            return
        codes = {w for w in _ALL_WORDS_RE.findall(tail) if not w.isdigit() and any(c.isdigit() for c in w)}
        if codes & set(_ALL_WORDS_RE.findall(reply.parsed.lower)):
            return  # "my promo code WOK20 wasn't applied" -> "the 20% from WOK20 as credit"
        terms = set(_TAIL_TERM_RE.findall(text, split))
        if terms and any(re.search(rf"\b{re.escape(t)}\b", reply.text) for t in terms):
            return  # "Errors say 'duplicate UPN'" -> "Those 12 pupils have the same UPN ..."
        asked = {k for q in new_qs for k in q.keywords}
        if told:
            asked |= fresh
        asked = {k for k in asked if not k.isdigit()}  # "£30" and "30 seconds" are not one matter
        novel = asked - said
        if len(novel) < (1 if moved and new_qs else 2) or (moved is None and len(asked & said) >= len(novel)):
            return  # "That fixed it. Will visitors see the old logo?": a follow-up on the same matter
        if "?" in _substance(reply):
            return  # a question back (re-asking is reasked-information's finding)
        # Names and salutations ("Dear Ms. Quinn ... Regards, Graham") are in every reply.
        back = (set(_content_lemmas(reply.parsed)) & old) - new - state.name_parts() - state.agent_names - _SALUTATIONS
        if len(back) < (1 if len(old) <= 3 else 2):
            return
        mine = reply_shingles(reply.parsed)[0]
        if mine and any(len(mine & reply_shingles(a.parsed)[0]) >= 0.5 * len(mine) for a in state.agent_replies):
            return  # the same text pasted again is repeated-reply's finding
        if new_qs:
            shown, evidence = new_qs[0].text, new_qs[0].evidence()
        else:
            start = split + len(tail) - len(tail.lstrip())
            shown, evidence = text[start:].strip(), {"turn": turn, "start": start, "end": len(text.rstrip())}
        yield self.finding(
            0,
            len(reply.text.rstrip()),
            f"The reply goes back to the earlier point ({', '.join(sorted(back)[:3])}) after the customer moved on "
            f"in turn {turn} (\u201c{_short(shown)}\u201d).",
            "Answer the customer's latest message; the earlier matter is closed.",
            evidence=evidence,
        )

    def _by_frame(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        """A scripted reply that names the problem it assumes ("To reset your password, ...",
        "Having trouble logging in?", "If you're travelling abroad, ...") in words the
        customer never used, and shares almost nothing else with them: a macro for another
        problem, whatever the intents say."""
        m = _FRAME_RE.match(reply.text)  # a script opens with the problem it assumes
        if m is None or reply.parsed.in_quotes(m.start(), m.end()):
            return
        group = next(g for g in ("to", "if", "q", "for") if m.group(g))  # each alternative names one
        frame = m.group(group)
        if group == "if" and (aux := _FRAME_AUX_RE.search(frame)) is not None and aux.start() > 0:
            # "If the jacket doesn't fit": the thing is the customer's, the fault is the
            # script's; judge the fault ("fit"), not the jacket.
            frame = frame[aux.start() :]
        words = [w for w in _CONTENT_RE.findall(frame.lower()) if w not in QUESTION_STOP and w not in _FRAME_GENERIC]
        if not words or _overlap(reply, state, state.customer_turns) >= 2:
            return
        theirs = _customer_views(state)
        if 2 * sum(_customer_has(w, reply, theirs) for w in words) >= len(words):
            return  # half the assumed problem is in the conversation's words
        if any(_OPEN_ASK_RE.search(q.text) for q in state.questions):
            return  # "What should I check?" -> "To find your software version: ..." answers it
        turn, cust = state.pending_customer[-1]
        start = m.start(group)
        end = start + len(frame.rstrip())
        message = (
            f"The reply is a script for another problem (\u201c{_short(frame.strip())}\u201d), which the customer "
            f"did not raise in turn {turn} (\u201c{_short(cust.text)}\u201d)."
        )
        suggestion = "Answer what the customer wrote before offering anything else."
        yield self.finding(start, end, message, suggestion, evidence={"turn": turn, "start": 0, "end": len(cust.text)})

    def _by_intent(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        hits = self.lexicon.solution_hits(reply.parsed)
        if not hits:
            return
        allowed = self.lexicon.allowed(frozenset(state.topics))
        parsed = reply.parsed
        offered = []
        related = []
        for h in hits:
            if parsed.in_quotes(h.start, h.end) or parsed.negated(h.start, window=25):
                continue
            if h.intent in state.topics:
                return  # the reply works on the customer's own problem
            if h.intent in allowed:
                related.append(h)
            else:
                offered.append(h)
        if related and not any(h.intent == PITCH_INTENT for h in offered):
            # A related problem is on topic when it serves the customer's (a refund for a
            # late parcel); one that leaves their question unanswered, in none of their
            # words, is a different problem: a cancellation policy for "can I bring a
            # second cabin bag?".
            if self.related_rule and _overlap(reply, state) <= 1 and self._leaves_question(reply, state):
                offered = related
            else:
                return
        if not offered:
            return
        # A sales pitch is off topic whatever the customer raised (unless they asked about
        # offers); any other solution needs a classified customer problem to differ from,
        # and is let through when the reply still talks about what the customer wrote.
        pitch = next((h for h in offered if h.intent == PITCH_INTENT), None)
        if pitch is None and (not state.topics or _overlap(reply, state) >= 2):
            return
        if pitch is None and _answers_outright(reply, state):
            # "Does the smart meter install cost anything?" -> "No, it's free. The engineer
            # needs about an hour": the answer comes first, the other words serve it.
            return
        if pitch is None and _follow_up(state) and _overlap(reply, state, state.customer_turns) >= 2:
            # A follow-up that raises no problem of its own ("great, how do I turn it on?")
            # is about what came before: a reply in the words of the earlier turns is on topic.
            return
        first = pitch or offered[0]
        ours = self.lexicon.labels[first.intent]
        if state.topics:
            # The customer's main problem: the intent raised most often, the earliest on a tie.
            main = max(state.topics.values(), key=lambda sig: (state.topic_counts.get(sig.kind, 0), -sig.turn, -sig.start))
            theirs = self.lexicon.labels[main.kind]
            message = (
                f"The reply works on {ours} (\u201c{first.text}\u201d), but the customer raised {theirs} "
                f"in turn {main.turn} (\u201c{_short(main.text)}\u201d)."
            )
            suggestion = f"Address the {theirs} problem the customer described before offering anything else."
            evidence = main.evidence()
        else:
            turn, cust = state.pending_customer[0]
            message = (
                f"The reply is {ours} (\u201c{first.text}\u201d), but the customer asked about something "
                f"else in turn {turn} (\u201c{_short(cust.text)}\u201d)."
            )
            suggestion = "Answer what the customer wrote before offering anything else."
            evidence = {"turn": turn, "start": 0, "end": len(cust.text)}
        yield self.finding(first.start, first.end, message, suggestion, evidence=evidence)

    def _leaves_question(self, reply: Reply, state: ConversationState) -> bool:
        """Whether unanswered-question finds a customer question this reply skips."""
        if not state.questions:
            return False
        if self._unanswered is None:
            self._unanswered = UnansweredQuestion(self.settings)
            self._unanswered._off_topic.related_rule = False
        return any(True for _ in self._unanswered.run(reply, state))


#: "i literally just said", "like I told you": the customer insists on the old matter.
_RESTATED_RE = re.compile(
    r"\b(?:i(?:'ve|\s+have)?\s+(?:literally\s+|already\s+|just\s+|only\s+just\s+)*(?:said|told\s+you|wrote|mentioned|explained)"
    r"|(?:as|like)\s+i\s+(?:said|told\s+you|wrote|mentioned))\b"
)
_TAIL_TERM_RE = re.compile(r"\b[A-Z]{2,6}s?\b")
_SALUTATIONS = frozenset({"dear", "hi", "hello", "hey", "regards", "thanks", "thank", "welcome", "cheers", "best", "kind", "sincerely"})


def _answers_outright(reply: Reply, state: ConversationState) -> bool:
    """The customer asked one yes/no question and the reply opens with its answer ("No,
    it's free."), in the question's words or its kind of answer (a price for "cost")."""
    questions = state.questions
    if len(questions) != 1 or questions[0].kind != "yesno":
        return False
    q = questions[0]
    if not _YESNO_OPENER_RE.match(_substance(reply)):
        return False
    typed = _typed_answer(q)
    return bool((typed is not None and typed.search(reply.text)) or _shared(q, reply, reply.parsed.lemmas | reply.parsed.words))


#: The customer turns to something new: "Separately, ...", "Also", "btw", "New issue:".
_MOVED_ON_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:ok(?:ay)?\W+|thanks\W+)?also\b|(?:^|[.!?]\s+|\bbut\s+)now\s+(?:the|my|i|i'm|there|theres|there's|our|his|her|we|a)\b"
    r"|\b(?:separate|different|another|new|unrelated)\s+(?:question|topic|thing|issue|matter)\b|\bunrelated\b"
    r"|\b(?:separately|another\s+(?:thing|question|issue|problem)|new\s+(?:issue|question|problem)"
    r"|(?:a\s+)?different\s+(?:question|thing|issue|problem)|one\s+(?:other|more)\s+thing|quick\s+(?:one|question)"
    r"|btw|by\s+the\s+way|while\s+i\s+have\s+you|oh\s+and|now\s+though|other\s+(?:thing|question))\b",
    re.IGNORECASE,
)
#: "btw" or "by the way" closing a clause rather than opening one.
_TRAILING_ASIDE_RE = re.compile(r"(?:btw|by\s+the\s+way)\s*(?:[,.;!]|$)", re.IGNORECASE)
#: The customer closes the earlier matter: "that worked", "sorted", "it's back now".
_RESOLVED_RE = re.compile(
    r"\b(?:that|it|this)\s+(?:worked|works\s+now|did\s+the\s+trick|fixed\s+it)\b"
    r"|\b(?:it|that|this|tv|wifi|app|phone|card|internet|broadband)\s+(?:work|works|working)(?:\s+(?:now|again|fine))?\s*[.!,]"
    r"|\bnvm\b|\bfound\s+it\b|(?:^|[.!?]\s+)(?:ok(?:ay)?\W+|yes\W+)?(?:paired|connected|reconnected|installed|updated|received|got\s+it)\b"
    r"|\b(?:fixed|sorted|resolved)\s+itself\b|\b(?:that's|that\s+is)\s+(?:done|sorted)\b|\b(?:came|come)\s+(?:back\s+on|through|thru)\b"
    r"|\b(?:has\s+been|was|got)\s+(?:paid|resolved|refunded)\b[^.?!]{0,20}\bthanks?\b|\barrived,?\s+(?:thanks?|thank\s+(?:you|u)|fine|safely|ok)\b"
    r"|(?:^|[.!?]\s+)(?:perfect|great|brilliant|thanks|ok(?:ay)?)?\W*(?:all\s+)?(?:sorted|fixed|resolved|solved)\b"
    r"|\b(?:it's|its|it\s+is|they're|they\s+are|power's)\s+(?:back(?:\s+on)?|(?:there|working|fine|in)\s+now)\b"
    r"|\b(?:no\s+need|ignore\s+that|forget\s+(?:the|that|it|about)|never\s+mind|got\s+it\s+already|got\s+in\s+with)\b",
    re.IGNORECASE,
)


_ALL_WORDS_RE = re.compile(r"[a-z0-9]+")


#: The earlier matter is not over: "it still logs me out", "didn't change anything".
_STILL_RE = re.compile(
    r"\b(?:still|didn't\s+(?:work|help|change|fix|do)|didn’t\s+(?:work|help|change|fix|do)|did\s+not\s+(?:work|help|change|fix)"
    r"|doesn't\s+work|not\s+working|same\s+(?:problem|issue|thing|error)|again)\b",
    re.IGNORECASE,
)


#: Where the sentence that closes the old matter ends.
_CLAUSE_END_RE = re.compile(r"[.!?;]|\b(?:but|now)\b", re.IGNORECASE)


def _content_lemmas(parsed: Parsed, low: str | None = None) -> Iterable[str]:
    """Content lemmas of a parsed text, or of ``low``, a lower-cased part of it: the words
    _overlap compares."""
    for w in _CONTENT_RE.findall(parsed.lower if low is None else low):
        if w not in QUESTION_STOP:
            yield parsed.lemma(w)


#: The topics.yml intent of a sales pitch ("Did you know you can earn double points?").
PITCH_INTENT = "promotion"
_CONTENT_RE = re.compile(r"[a-z][a-z'’]{3,}")
#: Short capitalised terms ("ONT", "SIM", "PIN"): too short for _CONTENT_RE, yet a reply
#: that repeats one is talking about the customer's thing.
_TERM_RE = re.compile(r"(?<![\w-])[A-Z]{2,4}(?![\w-])")  # not the letters of an order code


#: The problem a scripted reply assumes: "To reset your password, ...", "If you're travelling
#: abroad, ...", "Having trouble logging in?", "Thinking of switching?".
_FRAME_RE = re.compile(
    r"\W*(?:(?:hi|hello|hey|dear)(?:\s+there|\s+(?!sorry\b|thanks\b|thank\b|so\b|and\b|again\b)[a-z]+)?\W+|(?:thanks|thank\s+you|(?:we're|we\s+are|i'm|i\s+am|so)?\s*sorry)\b[^.!?\n]{0,60}[.!]\s+){0,2}"
    r"(?:to\s+(?!hear\b|say\b|be\s+honest\b|clarify\b|confirm\b)(?P<to>[a-z][^,:.!?;\n]{3,80}?)(?:[,:]|\s+(?=(?:please|simply|just|follow)\b))"
    r"|if\s+(?:you(?:'re|’re|\s+are|'ve|’ve|\s+have|\s+want\s+to|\s+would\s+like\s+to|'d\s+like\s+to|’d\s+like\s+to|\s+need\s+to|\s+think|\s+(?:don't|don’t|do\s+not|didn't|didn’t|can't|can’t|haven't|haven’t))?|your"
    # "If the jacket doesn't fit, ...": a thing and a fault
    r"|(?:the|my)(?=\s+[a-z]+\s+(?:doesn't|doesn’t|won't|won’t|isn't|isn’t|can't|can’t|keeps|stopped|has\s+stopped)\b)"
    # "If a document has been deleted by mistake, ...": a script's assumed case
    r"|(?:a|an|any)(?=\s+[a-z]+\s+(?:has|have|is|are|was|were|didn't|doesn't|hasn't|isn't|won't|gets|got)\b))\s+(?P<if>[a-z][^,.!?;\n]{3,80}),"
    r"|(?:having\s+(?:trouble|problems|issues)(?:\s+with)?|thinking\s+(?:of|about)|looking\s+to|planning\s+to)\s+(?P<q>[a-z][^?.!\n]{2,60})\?"
    # "For Bluetooth pairing problems, hold ...": the script's heading
    r"|for\s+(?P<for>[a-z][^,.!?;\n]{2,50}?)\s+(?:problems|issues|faults|errors|queries|questions),)",
    re.IGNORECASE,
)
#: Where the fault starts in an "if" frame: "If the jacket | doesn't fit".
_FRAME_AUX_RE = re.compile(
    r"\b(?:doesn't|doesn’t|does\s+not|don't|don’t|won't|won’t|will\s+not|isn't|isn’t|is\s+not|aren't|aren’t|can't|can’t|cannot|"
    r"hasn't|hasn’t|haven't|haven’t|keeps|keep|stopped|stops|is|are|has|have|was|were|gets|got)\b",
    re.IGNORECASE,
)
#: A question that asks the agent what to try, so any instruction may answer it.
_OPEN_ASK_RE = re.compile(
    r"\bwhat\s+(?:should|do|can|shall|must|would)\s+(?:i|we)\s+(?:do|check|try|look\s+at)\b|\bwhat\s+(?:now|next|else)\b"
    r"|\bany\s+(?:ideas|suggestions|tips|advice)\b",
    re.IGNORECASE,
)
#: Frame words that fit any problem ("To get this sorted quickly, ...").
_FRAME_GENERIC = frozenset(
    [
        "fix", "sort", "sorted", "resolve", "resolved", "help", "make", "sure", "check", "issue", "issues", "problem",
        "problems", "quickly", "faster", "speed", "things", "matter", "matters", "avoid", "future", "prevent", "protect",
        "keep", "safe", "secure", "continue", "proceed", "start", "started", "further", "better", "process", "complete",
        "confirm", "verify", "identity", "security", "look", "into", "investigate", "assist", "best", "away", "right",
        "move", "forward", "this", "that", "there", "either", "both", "these", "those", "them", "booking", "account",
        "order", "details", "finalise", "finalize", "arrange", "query", "queries", "question", "questions", "more",
        "other", "else", "anything", "need", "support", "assistance", "information", "steps", "follow",
        # "If you agree, I will place you on hold": consent, not a problem
        "agree", "prefer", "wish", "mind", "allow", "wait", "hold", "happy", "like", "okay",
    ]
)


def _customer_views(state: ConversationState) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The conversation's words so far (the customer's, and the agent's earlier replies),
    with lemmas, stems, answers.yml concepts and typo keys."""
    words: set[str] = set()
    lemmas: set[str] = set()
    for parsed in [p for _, p in state.customer_turns] + [r.parsed for r in state.agent_replies]:
        words |= parsed.words  # the agent's earlier words too: "To finalise the booking"
        lemmas |= parsed.lemmas
    table = _concepts()
    forms = words | lemmas | {_suffix_stem(w) for w in words}
    concepts = frozenset(c for w in forms for c in table.get(w, ()))
    stems = frozenset(w[:_STEM] for w in forms if len(w) >= _STEM)
    typos = frozenset(_typo_key(w) for w in words if len(w) >= 5 and w.isalpha())
    return frozenset(forms), stems, concepts, typos


def _customer_has(word: str, reply: Reply, views: tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]) -> bool:
    """Whether the customer used ``word`` (or its lemma, stem, concept or a typo of it)."""
    forms, stems, concepts, typos = views
    lemma = reply.parsed.lemma(word)
    if word in forms or lemma in forms or _suffix_stem(word) in forms:
        return True
    if len(word) >= _STEM and word[:_STEM] in stems:
        return True
    table = _concepts()
    if (table.get(word, frozenset()) | table.get(lemma, frozenset()) | table.get(_suffix_stem(word), frozenset())) & concepts:
        return True
    return len(word) >= 5 and word.isalpha() and _typo_key(word) in typos


def _follow_up(state: ConversationState) -> bool:
    """Whether the customer's turns since the last reply raise no intent of their own."""
    first = state.pending_customer[0][0]
    return bool(state.agent_replies) and all(sig.turn < first for sig in state.topics.values())


def _overlap(reply: Reply, state: ConversationState, turns: Sequence[tuple[int, Parsed]] | None = None) -> int:
    """Content lemmas (and short capitalised terms) the reply shares with the customer's
    turns since the last reply (or with ``turns``)."""
    theirs: set[str] = set()
    for _, parsed in state.pending_customer if turns is None else turns:
        theirs.update(_content_lemmas(parsed))
        theirs.update(_TERM_RE.findall(parsed.text))
    ours = set(_content_lemmas(reply.parsed))
    ours.update(_TERM_RE.findall(reply.text))
    return len(theirs & ours)


# -- unanswered questions ----------------------------------------------------------------
#: The reply acknowledges the question and says it is being worked on.
#: A whole reply that is a stock holding line with no time and no action: "Thanks for your
#: message, we'll get back to you as soon as possible." It defers nothing in particular.
_BARE_HOLD_RE = re.compile(
    r"\W*(?:(?:hi|hello|hey|dear\s+\w+)\W+)?(?:thanks?|thank\s+you)\s+for\s+(?:your\s+(?:message|email|e-mail|patience|enquiry|inquiry|query)|(?:getting|reaching)\s+(?:in\s+touch|out)|contacting\s+us)\W+"
    r"(?:we|i)(?:'ll|\s+will)\s+(?:get\s+back\s+to\s+you|be\s+in\s+touch|respond|reply)\s+(?:as\s+soon\s+as\s+(?:possible|we\s+can)|shortly|soon)\W*$",
    re.IGNORECASE,
)
_DEFER_RE = re.compile(
    r"\b(?:let me|i(?:'ll| will)|i(?:'m| am)(?: just)?|we(?:'ll| will)|allow me to|give me a (?:moment|minute|second) to)"
    r"\s+(?:quickly\s+|just\s+|now\s+)?(?:check|checking|look|looking|see|find out|finding out|take a look|confirm|verify|ask|investigate|review"
    r"|get back|look into|looking into|escalate|raise)\b"
    r"|\b(?:one|a) (?:moment|minute|second)\b|\bbear with me\b|\bcheck(?:ing)? (?:that|this|now|on|it)\b"
    r"|\ballow me (?:a |some |few |\w+ )?(?:moment|minute|minutes|time|to)\b|\bplease hold\b|\bpull(?:ing)? up your\b"
    r"|\b(?:upon|after) checking\b|\b(?:place|put) you on (?:a (?:brief |short )?)?hold\b"
    r"|\b(?:more than |very )?(?:happy|glad) to (?:help|assist)(?: you)?(?: with (?:that|this|it))?\s*[.!]\s*$",
    re.IGNORECASE,
)
#: A yes/no answer, at the start of a sentence.
_YESNO_RE = re.compile(
    r"(?:^|[.!?:;\n]\s*|,\s*)(?:yes|yeah|yep|no|nope|sure|certainly|absolutely|of course|definitely|correct|"
    r"that's right|that's correct|exactly|indeed|unfortunately|i'm afraid|i am afraid|sadly|not (?:at the moment|yet|possible|quite|exactly|really|necessarily)"
    r"|not\s+(?:this|that|next)\s+(?:time|week|month|quarter|year|visit)|(?:it's\s+|that's\s+)?(?:entirely\s+|completely\s+|totally\s+)?up\s+to\s+you\b"
    r"|only (?:if|when|once|after)|not unless|not (?:if|now|right now|for now|at this stage)"
    r"|(?:i|we)\s+(?:can't|cannot|can\s+not|won't|will\s+not|can|will)\s+(?:\w+\s+)?(?:refund|cover|pay|waive|do|change|move|add|remove|send|offer|give|cancel|reverse)"
    r"|not\s+as\s+standard|not\s+by\s+default|not\s+automatically|possibly|probably|maybe|perhaps|(?:most\s+)?likely|unlikely|very likely|it's possible"
    # "You're all set.", "There's no need to ...", "I honestly can't say either way": an answer
    r"|(?:it|that|this|they)\s+(?:has|have|needs?)\s+to\s+(?:stay|remain)\b"
    r"|(?:that's|thats|that\s+is|that'll\s+be|it's|its)\s+(?:absolutely\s+|totally\s+|completely\s+|perfectly\s+)?(?:fine|ok|okay|alright|allowed|not\s+a\s+problem)\b|no\s+problem\b"
    r"|you(?:'re|\s+are)\s+all\s+set|there(?:'s|\s+is)\s+no\s+need|(?:i|we)\s+(?:honestly\s+|really\s+)?(?:can't|cannot)\s+say|nothing\s+(?:has\s+been\s+)?(?:announced|confirmed|planned)"
    r"|(?:it|that|they|you|we|he|she)\s+(?:shouldn't|shouldnt|should|won't|wont|will|can't|cant|can|doesn't|doesnt|does|isn't|isnt|is|wasn't|wasnt|was|don't|dont|do|didn't|didnt|did|wouldn't|wouldnt|would)(?:\s+not)?(?:\s+be)?(?=\s*[.!,;\-\u2013\u2014])"
    r"|(?:some|most|many|a\s+few|few|they|it)\s+(?:might|may|could|will|won't)\b(?!\s+(?:be\s+able|like|want|need))(?=\s+(?:for|not|still|take|see|be|get|need|show|arrive|stay|have)\b))\b",
    re.IGNORECASE,
)
#: A refusal answers a "can you ...?" question (with the asked thing, or outright).
_REFUSAL_RE = re.compile(
    r"\bnothing (?:i|we) can do\b|\b(?:i|we)\s+(?:can't|cannot|can not|won't be able|am unable|are unable|'m unable|'re unable|am not able|are not able)\b"
    r"|\b(?:isn't|is not|not) possible\b|\b(?:can't|cannot|can not) be\b|\bunable to\b|\bnot able to\b"
    r"|\b(?:purchases|sales|orders|bookings|payments|all\s+sales)\s+are\s+final\b|\bnon-?refundable\b",  # "Purchases are final"
    re.IGNORECASE,
)
_TIME_RE = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend"
    r"|within|minutes?|hours?|days?|weeks?|months?|years?|morning|afternoon|evening|asap|shortly|immediately|right away|now"
    r"|january|february|march|april|may|june|july|august|september|october|november|december|(?:\d{1,2}(?::\d\d)?\s?(?:am|pm))"
    r"|\d{1,2}(?:st|nd|rd|th)|soon|\d+(?:[-\u2013]\d+)?\s?(?:h|hrs?|mins?|wks?))\b",
    re.IGNORECASE,
)
#: Money in a reply: "£18.50", "46p", "10%", "free" (the one source for the price patterns below).
_MONEY = r"[$€£¥]\s?\d|\b\d+(?:[.,]\d+)?\s?(?:%|percent|dollars?|euros?|pounds?|usd|eur|gbp|p|pence|cents?)\b|\bfree\b"
_NO_CHARGE = r"\bno (?:charge|cost|fee|fees|extra\s+(?:charge|cost))\b|\b(?:at|for) no (?:extra |additional )?cost\b"
#: What answers "how much": money, "no charge", or any number ("2 bags").
_AMOUNT_RE = re.compile(rf"{_MONEY}|{_NO_CHARGE}|\b\d+\b", re.IGNORECASE)
#: "the whole year or just the remaining months?": the alternatives' words answer it.
_ALTERNATIVE_Q_RE = re.compile(r"\w\s+or\s+(?:just\s+|only\s+)?(?:the\s+|a\s+)?\w+[^?]*\?\s*$", re.IGNORECASE)
_MONEY_RE = re.compile(_MONEY, re.IGNORECASE)
_PRICE_RE = re.compile(rf"{_MONEY}|{_NO_CHARGE}", re.IGNORECASE)
_PRICE_WORD_RE = re.compile(r"\b(?:fee|fees|cost|costs|price|prices|charge|charges|pay)\b", re.IGNORECASE)
_YESNO_OPENER_RE = re.compile(r"\W*(?:yes|yeah|yep|no|nope|there\s+is|there\s+isn't)\b", re.IGNORECASE)
#: A yes/no question about paying: "is there a fee?", "will I be charged?" (not "do you price match?").
_YESNO_ASKS_PRICE_RE = re.compile(
    r"\b(?:a|an|any|extra)\s+(?:[\w-]+\s+){0,2}?(?:fee|charge|cost)s?\b|\bcharged\b|\bcost\s+(?:anything|extra|money|more)\b"
    r"|\b(?:have|need)\s+to\s+pay\b|\bpay\s+(?:anything|extra|more)\b",
    re.IGNORECASE,
)
#: What answers "is there a charge?": an amount, "free", or a plain no to paying.
_YESNO_PRICE_RE = re.compile(
    rf"{_MONEY}|{_NO_CHARGE}" + r"|\bno\s+(?:[\w-]+\s+)?(?:charge|cost|fee|fees)\b|\bpay\s+no\b|^\W*(?:no|nope)\b|\b(?:won't|will\s+not|wouldn't|don't|do\s+not)\s+(?:be\s+charged|pay|have\s+to\s+pay|charge)\b"
    r"|\bnothing\s+(?:(?:for\s+you|more|else|further)\s+)?(?:to\s+pay|extra|owing|outstanding|due)\b|\bzero\s+balance\b|\bcosts?\s+nothing\b|\bpay\s+nothing\b|^\W*only\s+(?:if|when)\b|\b(?:is|are|be|been|get|gets)\s+waived\b|\bwaive\s+(?:it|the)\b"
    # "a change fee is payable", "there is a fee", "you will be charged": yes, there is one
    r"|\b(?:fee|charge|cost|fees|charges|difference|balance)\b[^.!?]{0,30}?\s(?:is|are|will\s+be|would\s+be)\s+(?:payable|due|applied|applicable|charged|added)\b"
    r"|\bthere\s+(?:is|will\s+be|would\s+be)\s+an?\s+(?:[\w-]+\s+)?(?:fee|charge|cost)\b|\b(?:you'll|you\s+will|you\s+would|you'd)\s+be\s+charged\b",
    re.IGNORECASE,
)
_WHO_RE = re.compile(
    r"\b(?:team|department|manager|supervisor|lead|colleague|specialist|courier|carrier|bank|agent|representative|technician|engineer|seller|"
    r"staff|admin|administrator|nobody|no one|someone|assessor|adjuster|adjustor|handler|caseworker|case\s+worker|adviser|advisor|officer|underwriter)\b"
    r"|\bI(?:'m| am) [A-Z][a-z]+|\b(?:my name is|this is) [A-Z]|\b(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]+"
    r"|\bby [A-Z][a-z]+ [A-Z][a-z]+",  # "it was changed on 2 April by Tom Reyes"
)
_WHY_RE = re.compile(
    r"\b(?:because|due to|since|as a result|the reason|caused by|that's why|this is why|so that|as the|as your|as it)\b",
    re.IGNORECASE,
)
_WHERE_RE = re.compile(
    r"\b(?:at|to|in|on|under|from|via|through|with|near|next\s+to|outside|behind|across|opposite|beside|inside) (?:the|your|our|my|her|his|their|any|a|an|one\s+of\s+our) \w+|[\w']+\s*>\s*[\w']+|https?://|www\.|[\w.+-]+@[\w-]+\.[\w.]+|\b(?:address|store|branch|website|app|page|menu|settings|tab|section|link|depot|office|reception|neighbour|neighbor|locker|car\s+park|terminal|gate|platform|desk|counter|kiosk|level\s+\d+|floor)\b",
    re.IGNORECASE,
)
_HOW_RE = re.compile(
    r"\b(?:go to|click|tap|select|open|follow|steps?|first|then|you can|you'll need to|you need to|simply|by|via"
    # "just reply with ...", not "just so you know" or "just wanted to let you know"
    r"|just(?!\s+(?:so\s+you\s+know|wanted|want\s+to|to\s+let|checking|a\s+heads|letting|confirming)))\b",
    re.IGNORECASE,
)
#: The reply asks a question of its own (a clarification), e.g. "Which options do you see?"
_CLARIFY_RE = re.compile(
    r"\?\s*(?:$|\s)|\b(?:do you mean|could you (?:please )?(?:clarify|explain))\b"
    # A request without its "?": "can u give me the order number pls and ill check".
    r"|\b(?:can|could)\s+(?:you|u)\s+(?:please\s+|pls\s+)?(?:give|send|tell|confirm|provide)\s+(?:me|us)\b",
    re.IGNORECASE,
)
#: A question that offers to act, not one that asks for what the agent needs to know.
_OFFER_Q_RE = re.compile(
    r"^\W*(?:(?:shall|should)\s+(?:i|we)|would\s+you\s+like|do\s+you\s+want\s+(?:me|us)|(?:want|like)\s+me\s+to|"
    r"can\s+i\s+help|is\s+there\s+anything\s+else)\b",
    re.IGNORECASE,
)


def _only_offers(reply: Reply) -> bool:
    """Whether every question in the reply is an offer ("Shall I hold one for you?"):
    such a reply does not ask the customer to clarify anything."""
    text = reply.text
    asks = [text[s:e].strip() for s, e in reply.parsed.sentences if text[s:e].rstrip().endswith("?")]
    return bool(asks) and all(_OFFER_Q_RE.search(a) for a in asks)


#: A scripted opener that asks nothing specific: "How can I help you today?"
_GENERIC_ASK_RE = re.compile(
    r"\b(?:how|what) (?:can|may|could) (?:i|we) (?:help|assist|do for) you\b|\banything else\b",
    re.IGNORECASE,
)
#: A reply whose first sentence of substance answers a yes/no question by its auxiliary.
_DECLARATIVE_ANSWER_RE = re.compile(
    r"\W*(?:it|you|they|we|that|this|there|he|she)(?:'s|'ll|'re)?\s+(?:will|is|are|can|does|do|won't|isn't|aren't|can't|"
    r"doesn't|don't|would|should|has|have|was|were|wasn't|hasn't|haven't|need|needs|must|works|fits|covers|includes|comes|goes|stays|takes)\b",
    re.IGNORECASE,
)
#: A reply that opens with what to do: "To fix the sync, ...", "You can appeal ...".
_INSTRUCTION_OPEN_RE = re.compile(
    r"\W*(?:(?:sorry|we\s+apologi[sz]e|apologies)[^.!?]{0,40}[.!]\s+)?"
    r"(?:to\s+(?:fix|stop|avoid|release|reduce|submit|appeal|prevent|pay|cancel|get|make|remove|lift|unblock|restore)\b[^.!?]{0,60}?(?:,|\s+(?:your|you|please|simply|just)\b)"
    r"|you\s+can\s+(?:pay|appeal|add|submit|avoid|fix|call|use|request|apply|ask|change|update|check|set|spread|split|switch|move|turn|opt|choose|book|upgrade|downgrade|cancel|reduce|lower|claim|top\s+up)\b"
    r"|there\s+is\s+nothing\s+(?:i|we)\s+can\s+do\b)",
    re.IGNORECASE,
)
#: "What happened?", "what went wrong", "what's going on": any account of the event answers.
_WHAT_HAPPENED_Q_RE = re.compile(r"\bwhat\s+(?:happened|went\s+wrong|(?:is|'s)\s+going\s+on|(?:is|'s)\s+happening)\b", re.IGNORECASE)
#: A sentence that tells what happened to the thing: "The van broke down this morning."
_EVENT_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:the|your|our|a|an|it|there|this|that)\b[^.!?]{0,60}?\b(?:was|were|broke|went|had|got|didn't|couldn't|failed|missed|crashed|stopped|ran)\b",
    re.IGNORECASE,
)
_BECAUSE_RE = re.compile(
    r"\b(?:because|since|due\s+to|as\s+a\s+result|the\s+reason|that's\s+why|which\s+is\s+(?:why|excluded|not\s+covered)|is\s+excluded|isn't\s+covered|not\s+covered|caused\s+by|came\s+from|comes\s+from)\b",
    re.IGNORECASE,
)
_I_GET_Q_RE = re.compile(r"\b(?:do|will|would|can|could|shall)\s+(?:i|we)\s+(?:still\s+)?(?:get|receive|be\s+(?:refunded|reimbursed|compensated|able\s+to))\b", re.IGNORECASE)
_YOU_GET_RE = re.compile(r"\byou(?:'ll|\s+will|\s+would|'d)?\s+(?:still\s+|also\s+)?(?:get|receive|be\s+(?:refunded|reimbursed|compensated|able\s+to))\b|\byou\s+won't\s+(?:get|receive|be)\b", re.IGNORECASE)
_HOW_FIX_Q_RE = re.compile(
    r"\bhow\s+(?:do|can|should|could)\s+(?:i|we)\s+(?:fix|sort|solve|resolve|stop|get\s+rid\s+of|undo|clear)\b"
    # "Can you fix?", "could you sort it out": a request the done action answers
    r"|^\W*(?:(?:and|so|also|please)\W+)?(?:can|could|will|would)\s+(?:you|u)\s+(?:please\s+)?(?:fix|correct|sort|change|amend|update)\b(?:\s+(?:it|this|that|them))?(?:\s+out)?\W*$",
    re.IGNORECASE,
)
_DONE_ACTION_RE = re.compile(r"\b(?:i|we)(?:'ve|\s+have)\s+(?:just\s+|now\s+|already\s+)?(?:\w+\s+){0,1}?\w+(?:ed|en|t)\b", re.IGNORECASE)
_GIVEN_RE = re.compile(r"\b(?:i|we)(?:'ve|\s+have)\s+(?:just\s+|now\s+|also\s+)?(?:added|applied|credited|refunded|given|issued|sent|waived|removed)\b", re.IGNORECASE)
_WHAT_NEED_Q_RE = re.compile(
    r"\bwhat\b[^?]{0,40}\b(?:do|will|would|should)\s+(?:i|we|you)\s+need\b|\bwhat\s+(?:is|are)\s+needed\b", re.IGNORECASE
)
_YOU_NEED_RE = re.compile(r"\byou(?:'ll|\s+will|\s+would|'d)?\s+(?:just\s+|only\s+)?need\b|\b(?:we|i)(?:'ll|\s+will)?\s+(?:just\s+|only\s+)?need\b", re.IGNORECASE)
#: A noun-phrase answer on its own: "Just your NHS number.", "Only the receipt."
#: "Do I have to ...?", "will we need to ...?" and the replies that settle it.
_HAVE_TO_Q_RE = re.compile(r"\b(?:do|does|will|would|should)\s+(?:i|we|you|they|he|she|both\s+of\s+us)\s+(?:both\s+|still\s+|also\s+)?(?:have|need)\s+to\b", re.IGNORECASE)
_HAVE_TO_ANSWER_RE = re.compile(
    r"\b(?:you|you'll|you\s+will|you\s+both|neither\s+of\s+you|only\s+one\s+of\s+you|one\s+of\s+you)\s+(?:(?:don't|do\s+not|won't|will\s+not|doesn't|does\s+not|wouldn't|only|just|both|will)\s+)?(?:need|needs|have|has)\s+to\b"
    r"|\bno\s+need\s+(?:to|for)\b|\b(?:there's|there\s+is)\s+no\s+need\b",
    re.IGNORECASE,
)
_FRAGMENT_ANSWER_RE = re.compile(r"\W*(?:just|only)\s+(?:your|the|a|an|some|one|two|proof|photo)\b", re.IGNORECASE)
#: The reply tells the customer what they can or cannot do.
_YOU_CAN_RE = re.compile(r"\byou\s+(?:can(?:'t|not)?|could|(?:will|'ll|won't)\s+be\s+able\s+to)\b", re.IGNORECASE)
#: A statement with a noun-phrase subject ("The number stays active for 30 days", "That's
#: available on business plans only"): answers a yes/no question when it is the only one.
_NP_ANSWER_RE = re.compile(
    r"\W*(?:it|that|this|there|he|she)(?:'s|’s)\s+\w"
    r"|\W*(?:the|a|an|your|our|his|her|their|this|that|these|those|most|all|each|every|no|any)\b(?:\s+[\w'’-]+){0,4}?\s+"
    r"(?:is|are|was|were|will|would|can|could|does|do|has|have|stays|stay|remains|remain|meets|meet|comes|come|goes|go|takes|"
    r"take|works|work|gets|get|needs|need|won't|isn't|aren't|doesn't|don't|can't|wasn't|weren't)\b",
    re.IGNORECASE,
)
#: "Can I stop it happening?", "Is there a way to ...?": instructions answer these.
_CAN_I_RE = re.compile(r"\W*(?:(?:and|so|also|ok|okay|thanks|actually|ah|oh|right|great|cool|alright|hmm)\W+)*(?:can|could|how\s+can|how\s+do)\s+i\b|.*?\bis\s+there\s+a\s+way\b", re.IGNORECASE)
#: Open questions that any explanation answers: "what happened?", "why is it ...?", "what's wrong?".
#: "What happens now?": any account of what comes next answers it, whatever its words.
_WHAT_NEXT_RE = re.compile(
    r"\bwhat\s+(?:happens|now|next|do\s+i\s+do|should\s+i\s+do|are\s+my\s+options|can\s+i\s+do)\b|\bnext\s+steps?\b"
    r"|\bwhat\s+about\s+(?:the\s+)?(?:other|rest|remaining|second|last)\b|\band\s+the\s+(?:other|rest)\b"
    r"|\bwhat\s+does\s+(?:that|this|it|all\s+that)\s+(?:even\s+)?mean\b|\bin\s+plain\s+english\b|\b(?:put|say|explain)\s+(?:that|it|this)\s+(?:again\s+)?(?:in|into)\s+(?:plain\s+|simple\s+|normal\s+)?(?:english|words|terms)\b|\bwhat\s+do\s+you\s+mean\b"
    r"|^\W*(?:(?:and|so|but|ok|okay)\W+)?what\s+if\b",
    re.IGNORECASE,
)
#: A question without a verb: "And the early exit fee??", "What about the deposit?"
_FRAGMENT_Q_RE = re.compile(r"\W*(?:(?:ok|okay|so|right|thanks|great|cool)\W+)?(?:and|what\s+about|how\s+about|plus|also)\s+(?:the|my|your|our|a|an)?\s*(?:[\w'-]+\s+){0,5}[\w'-]+\W*$", re.IGNORECASE)
_IS_THERE_Q_RE = re.compile(r"\W*(?:(?:and|so|also|ok|hi)\W+)?(?:is|are)\s+there\s+(?:a|an|any)\b|\W*(?:does|do)\s+(?:it|the\s+app|your\s+app|the\s+\w+)\s+have\s+(?:a|an|any)\b", re.IGNORECASE)
_OPINION_Q_RE = re.compile(r"\b(?:do\s+you\s+think|would\s+you\s+(?:recommend|suggest|advise|go\s+for)|(?:is|which\s+(?:one\s+)?is)\s+better|best\s+(?:option|choice|one))\b", re.IGNORECASE)
_NO_ADVICE_RE = re.compile(
    r"\b(?:can't|cannot|can\s+not|not\s+allowed\s+to|unable\s+to|not\s+able\s+to)\s+(?:\w+\s+)?(?:recommend|advise|give\s+(?:you\s+)?(?:advice|a\s+recommendation)|say\s+which|choose\s+for\s+you)\b",
    re.IGNORECASE,
)
#: Words that state a cause: "the ban was triggered by", "the price went up after", "it
#: expired", "the limit is £500". Any of them lets an explanation answer "why?".
_CAUSE_RE = re.compile(
    r"\b(?:after|when|following|means|meant|set|applied|triggered|flagged|expired|declined|increased|increase|(?:went|gone|going|goes)\s+up|rose|risen|rise|inflation|"
    r"changed|ended|lapsed|missed|failed|reached|exceeded|excluded|blocked|limit|limited|"
    r"isn't|wasn't|doesn't|didn't|hasn't|haven't|aren't|weren't|can't|couldn't|not|no|only|needs?|requires?|so|"
    r"pending|held|hold|queue|review|suspended|should|responsibility|based\s+on|for\s+\w+ing|(?:is|are|was|were)\s+for|non-\w+|instead\s+of|wrong|mistake|error|bug|known|issue|fault|glitch|outage|maintenance|works)\b",
    re.IGNORECASE,
)
_OPEN_Q_RE = re.compile(
    r"\bwhat(?:'s|\s+is|\s+has)?\s+(?:happened|happening|going\s+on|wrong|the\s+(?:problem|issue|difference|best|matter|deal))\b"
    r"|\bwhat\s+(?:am\s+i|are\s+we)\s+(?:supposed\s+to\s+|meant\s+to\s+)do\b|\bwhy\b"
    r"|\bwhat\s+(?:was|were)\s+wrong\b|\bwhat\s+happens\b|\bwhat\s+(?:now|next)\b|\bnext\s+steps?\b"
    r"|\bin\s+plain\s+english\b|\bbest\s+way\b|\bwhat\s+does\s+(?:that|this|it)\s+mean\b|\bwhat(?:'s|\s+is)\s+(?:an?|the)\s+\w+\b",
    re.IGNORECASE,
)
#: A statement of substance: a clause with a verb, at least five words.
_STATEMENT_RE = re.compile(
    r"(?:'s|'re|'ll|'ve|'d)\b(?:\W+\w+){2,}|\b(?:is|are|was|were|has|have|had|will|would|can|could|should|need|needs|went|came|found|means|mean|did|does|do"
    r"|check|go|dial|use|click|tap|turn|send|call|wait)\b(?:\W+\w+){2,}",
    re.IGNORECASE,
)
#: A request phrased as a question: "Can you ...?", "Could you ...?", "Is there any way ...?".
#: A yes/no question that asks whether something can be done ("It is possible move ...?").
_POSSIBLE_Q_RE = re.compile(r"\b(?:is\s+it|it\s+is|it's|is\s+that)\s+(?:\w+\s+)?possible\b|\b(?:can|could)\s+(?:you|i|we)\b", re.IGNORECASE)
_REQUEST_Q_RE = re.compile(
    r"\W*(?:(?:so|and|but|ok|okay|thanks|hi|hello|hey|please)\W+)?(?:can|could|would|will)\s+(?:you|u|someone|somebody|anyone)\b"
    r"|\W*(?:(?:so|and|but|ok|okay|thanks|hi|hello|hey|please)\W+)?(?:can|could|may)\s+i\s+(?:get|have|still|speak|talk)\b"
    r"|\W*(?:is\s+there\s+(?:really\s+)?(?:any\s+way|anything|nothing|a\s+way|no\s+(?:other\s+)?(?:way|option|alternative|choice)|any\s+other\s+(?:way|option|alternative)))"
    r"|\W*(?:(?:so|and|but)\W+)?(?:is|are)\s+there\s+(?:another|any\s+(?:other|earlier|later)|an?\s+(?:earlier|later|other|alternative))\b"
    r"|.*?\b(?:is\s+it|it\s+is)\s+possible\s+to\b|.*?\b(?:can|could)\s+(?:it|this|that|they|the\s+\w+)\s+be\s+\w+ed\b",
    re.IGNORECASE,
)
#: The agent did or will do something (or says what cannot be done): answers a request.
_ACTION_RE = re.compile(
    r"\bnon-?refundable\b|\bnot\s+(?:eligible|refundable|possible|covered)\b|\bnothing\s+(?:i|we)\s+can\s+do\b|\b(?:i|we)(?:'ve|\s+have|'ll|\s+will|\s+just|\s+already|'m\s+going\s+to|\s+can)\s+(?:\w+\s+){0,2}?\w+(?:ed|en)?\b"
    r"|\b(?:i|we)(?:'m|\s+am|'re|\s+are)\s+(?:now\s+)?(?:calling|ringing|finding|booking|sending|arranging|sorting|contacting|getting|moving|refunding|cancelling)\b"
    r"|\b(?:check|try|go|open|dial|use|look)\s+(?:the|your|in|under|at)\b",
    re.IGNORECASE,
)
#: "What do I do?": answered by instructions or by the agent acting, not by an explanation.
#: A customer asking to have something said again ("what was the address again?").
_ASKS_REPEAT_RE = re.compile(
    r"\b(?:again|repeat|resend|re-send|once\s+more|one\s+more\s+time)\b|\bwhat\s+(?:was|were|did\s+you\s+say)\b", re.IGNORECASE
)
_WHAT_YOU_DO_RE = re.compile(
    r"\bwhat\s+(?:are\s+you\s+(?:going\s+to|gonna)|will\s+you|can\s+you|do\s+you\s+(?:plan|intend)\s+to)\s+do\b"
    r"|\b(?:is|isn't)\s+there\s+(?:nothing|anything)\s+(?:(?:else\s+)?(?:at\s+all\s+)?)(?:you|u|anyone)\s+can\s+do\b",  # "Is there nothing you can do?"
    re.IGNORECASE,
)
_WHAT_DO_RE = re.compile(
    r"\bwhat\s+(?:should|do|can|shall|must)\s+(?:i|we)\s+do\b"
    r"|\bwhat\s+(?:(?:should|do|can|shall|must)\s+)?(?:i|we)\s+(?:put|type|enter|write|choose|select|pick|fill\s+in)\b",  # "What I put?"
    re.IGNORECASE,
)
#: An instruction: a sentence that opens with a verb of doing ("Raise an RMA and ship it back").
_IMPERATIVE_RE = re.compile(
    r"(?:^|[.!?:;\n]\s*|,\s*(?=please\s))(?:please\s+|pls\s+|plz\s+|just\s+|first,?\s+)?(?:raise|ship|send|restart|freeze|unfreeze|block|cancel|report|reboot|turn|unplug|plug|press|hold|call|ring"
    r"|contact|visit|log|sign|enter|choose|pick|put|take|bring|keep|wait|reply|email|fill|complete|download|install"
    r"|update|reset|check|try|go|click|tap|select|open|follow|use|dial|make|pop|head|submit|upload|book|ask|switch|change"
    r"|print|stick|drop|attach|return|pack|scan|copy|paste|add|remove|delete|save|type|scroll|find"
    r"|create|generate|run|rerun|re-run|clear|disable|enable|set|renew)\b",
    re.IGNORECASE,
)
#: Sending the customer to whoever can answer: "you need to call the studio directly".
_REDIRECT_RE = re.compile(
    r"\byou(?:'ll| will)?\s+(?:need|have)\s+to\s+(?:call|contact|ask|speak\s+to|talk\s+to|reach|email|phone|visit)\s+(?:the|your|our|them|him|her)\b"
    # "I would advise to please contact your bank directly": the party who can answer
    r"|\b(?:advise|recommend|suggest|best|better)\s+(?:you\s+)?(?:to\s+)?(?:please\s+)?(?:contact|call|ask|speak\s+to|check\s+with)\s+(?:your|the)\s+"
    r"(?:bank|card\s+issuer|provider|airline|hotel|seller|retailer|insurer|employer|gp|doctor|pharmacy|school|landlord|manufacturer|network|merchant|council)\b",
    re.IGNORECASE,
)
#: Numbered steps: "1) Go to ...", "Step 1:", "1. Open ...".
_STEPS_RE = re.compile(r"(?:^|\s)(?:1[.)]|step\s+1\b|first,)\s*\S", re.IGNORECASE)
#: A greeting or introduction that opens a chat (the answer comes in the next message).
_OPENER_RE = re.compile(
    r"\b(?:hi|hello|hey|good (?:morning|afternoon|evening)|my name is|i'm \w+ (?:from|and)|you're (?:through|speaking) to)\b",
    re.IGNORECASE,
)
#: "What's an RMA?", "What does ONT mean?": asks what a term is.
_DEFINE_Q_RE = re.compile(
    r"\W*(?:(?:and|so|sorry|ok|okay|thanks|thank\s+you|um|erm)\W+)*(?:what(?:'s|’s|\s+is|\s+are)\s+(?:an?\s+|the\s+)?[\w+&./-]+(?:\s+(?:in\s+(?:your|this|that|our)\s+case|exactly|here|again|then|though))?(?:\s*\??\s*$|\s+[-–—]\s)"
    r"|what\s+(?:does|do)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:mean|stand\s+for)\b"
    r"|what(?:'s|’s|\s+is|\s+are|\s+was|\s+were)\s+(?:an?\s+|the\s+|this\s+|that\s+)?['‘\"“][^'’\"”]{1,30}['’\"”])",  # "What was the 'SCIM' thing?"
    re.IGNORECASE,
)
#: A reply that opens with a definition: "It's a ...", "An RMA is a ...", "That means ...".
_MEANS_RE = re.compile(
    r"\b(?:it|that|this|which)\s+(?:just\s+|simply\s+)?(?:means|stands\s+for|is\s+short\s+for|refers\s+to)\b"
    r"|\b(?:our|the|an?)\s+(?:\w+\s+)?(?:word|term|name)\s+for\b",  # "it's just our word for sending your side"
    re.IGNORECASE,
)
_ARE_YOU_SAYING_RE = re.compile(r"\W*(?:(?:so|and|wait|sorry)\W+)?(?:are\s+you\s+(?:saying|suggesting|telling\s+me|accusing|implying)|do\s+you\s+mean|is\s+that\s+what\s+you(?:'re|\s+are)\s+saying)\b", re.IGNORECASE)
_NOT_SAYING_RE = re.compile(r"\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:not|never)\s+(?:saying|suggesting|implying|accusing|telling)\b|^\W*(?:no|not\s+at\s+all)\b|\bthat's\s+not\s+what\b", re.IGNORECASE)
_FAULT_Q_RE = re.compile(
    r"\b(?:am\s+i|are\s+we)\s+in\s+trouble\b|\bis\s+(?:it|this|that)\s+my\s+fault\b|\b(?:did|have)\s+(?:i|we)\s+(?:done|do)\s+(?:something|anything)\s+wrong\b"
    r"|\bwas\s+(?:it|this)\s+(?:me|something\s+i\s+did)\b|\b(?:are|is)\s+(?:you|someone|anyone|the\s+bank)\s+(?:accusing|suggesting|saying)\s+(?:me|i|that\s+i)\b"
    r"|\b(?:is|was)\s+(?:it|this|that|the\s+(?:problem|fault|issue))\s+(?:something\s+)?(?:on|at)\s+(?:my|our)\s+(?:side|end)\b"
    r"|\b(?:is|was)\s+(?:it|this|that)\s+(?:my|our)\s+(?:equipment|router|phone|device|computer|laptop|wiring)\b"
    r"|\b(?:it's|it\s+is|so\s+it's)\s+(?:all\s+)?my\s+fault\b|\bare\s+you\s+blaming\s+me\b|\bso\s+(?:i'm|i\s+am)\s+to\s+blame\b",
    re.IGNORECASE,
)
_REASSURE_RE = re.compile(
    r"\b(?:not|isn't|wasn't)\s+your\s+fault\b|\b(?:you\s+)?(?:didn't|did\s+not|haven't|have\s+not)\s+do(?:ne)?\s+anything\s+wrong\b|\bnot\s+saying\s+you\b"
    r"|\b(?:not|isn't|wasn't)\s+(?:on\s+)?your\s+(?:side|end|equipment|router|device|phone|wiring|setup|connection)\b|\bnothing\s+(?:wrong\s+)?(?:on|at|with)\s+your\s+(?:side|end|equipment|router)\b"
    r"|\b(?:it's|it\s+is|the\s+(?:fault|problem|issue)\s+is)\s+(?:on\s+)?our\s+(?:side|end|network|line)\b"
    r"|\bnothing\s+(?:on|in|about)\s+your\s+(?:account|record|file|history|activity)\s+(?:suggests|indicates|shows|points)\b|\bnot\s+accusing\s+you\b"
    r"|\bnot\s+in\s+(?:any\s+)?trouble\b|\byou(?:'re|\s+are)\s+(?:fine|not\s+in\s+trouble|ok|okay)\b|\bnothing\s+(?:you\s+did|to\s+worry\s+about)\b"
    r"|\bnot\s+blaming\s+you\b|\bnot\s+(?:your|on\s+you)\b(?=\s*[,.!;])",
    re.IGNORECASE,
)
_DEFINITION_RE = re.compile(
    r"\W*(?:(?:sure|of\s+course|good\s+question|sorry)\W+)?(?:(?:it|that|this|they)(?:'s|’s|\s+is|\s+are|'re|\s+means|\s+stands\s+for)"
    r"|(?:an?\s+|the\s+)?[\w-]+\s+(?:is|are|means|stands\s+for))\s+(?:a|an|the|our|your|when|where|how|what|for|just)\b",
    re.IGNORECASE,
)
#: A reply that opens by saying the request is done.
_DONE_OPENER_RE = re.compile(r"\W*(?:(?:all\s+)?done|(?:all\s+)?sorted|that's\s+(?:done|sorted)|all\s+set)\b", re.IGNORECASE)
#: A time frame that says nothing: "soon", "in due course", "as soon as possible".
_VAGUE_TIME_RE = re.compile(
    r"\b(?:soon|shortly|in due course|as soon as (?:possible|we can)|asap|at some point|in the near future)\b", re.IGNORECASE
)
#: A time a customer can plan by: a day, a date, a clock time or a number of days.
_EXACT_TIME_RE = re.compile(
    r"\b(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|this week|next week"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
    r"|\d{1,2}(?::\d\d)?\s?(?:am|pm)|\d{1,2}[:.]\d\d|\d{1,2}(?:st|nd|rd|th)|noon|midday|midnight|\d+\s*(?:-|to)?\s*\d*\s*(?:working\s+|business\s+)?(?:minutes?|hours?|days?|weeks?|months?)"
    r"|(?:a|an|one|two|three|four|five|six|seven|ten|few)\s+(?:working\s+|business\s+)?(?:minutes?|hours?|days?|weeks?|months?)"
    r"|(?:the\s+)?same\s+day|(?:the\s+)?next\s+(?:working\s+|business\s+)?day|straight\s+away|right\s+away|immediately)\b",
    re.IGNORECASE,
)
#: A question that asks for a time without "when": "what are your opening hours?".
#: "next time", "every time": an adverb of the request, not a time asked for.
_ASKS_TIME_RE = re.compile(
    r"\b(?:(?<!next )(?<!every )(?<!each )(?<!this )(?<!last )(?<!first )(?<!same )(?<!any )(?:time|times)|hours|date|dates|day|days|how long|how soon|until when"
    # "can it be a morning slot before 10?": a time is the answer
    r"|(?:morning|afternoon|evening|earlier|later)\s+(?:slot|appointment|delivery|visit)|(?:before|after|by)\s+\d{1,2}(?::\d\d)?(?:\s*[ap]\.?m\.?)?)\b",
    re.IGNORECASE,
)
#: Where a refund or parcel is: its status answers "where is my ...?".
_STATUS_RE = re.compile(
    r"\b(?:yet|pending|processing|processed|approved|on (?:its|the) way|in transit|with the courier|being \w+ed)\b",
    re.IGNORECASE,
)
#: "When will it get here?", "when will it arrive?": asks for a time, which "it's on its way" is not.
_WILL_ARRIVE_Q_RE = re.compile(
    r"\bwhen\s+(?:will|is|does|should|can\s+i\s+expect)\b[^?.]{0,40}?\b(?:arrive|get\s+here|come|be\s+(?:here|delivered|back)|reach|turn\s+up|expect|due|deliver)",
    re.IGNORECASE,
)


def _status_answers(q: Question, text: str) -> bool:
    """Whether a status in the reply ("it's still pending") answers ``q``: not a "when
    will it arrive?", which asks for a time ("it's on its way" is not one)."""
    return bool(_STATUS_RE.search(text)) and not (q.kind == "when" and _WILL_ARRIVE_Q_RE.search(q.text))


_WHAT_IF_RE = re.compile(r"\W*(?:\w+\W+){0,2}?what if\b", re.IGNORECASE)
_IF_RE = re.compile(r"\b(?:if|in case|should it|otherwise)\b", re.IGNORECASE)
#: A frequency, which answers "how often": "every quarter", "monthly", "twice a year".
_FREQUENCY_RE = re.compile(
    r"\bevery\s+(?:\w+\s+)?(?:day|week|month|quarter|year|\d+\s+\w+)\b|\b(?:quarterly|monthly|weekly|daily|fortnightly|annually|yearly)\b"
    r"|\b(?:once|twice|\w+\s+times)\s+(?:a|per|each)\s+(?:day|week|month|quarter|year)\b",
    re.IGNORECASE,
)
_ANSWER_TYPE_RES: dict[str, re.Pattern[str]] = {
    "when": _TIME_RE,
    "amount": _AMOUNT_RE,
    "who": _WHO_RE,
    "why": _WHY_RE,
    "where": _WHERE_RE,
    "how": _HOW_RE,
}


#: Prefix length at which two words count as the same word ("cancel" / "cancellation").
_STEM = 5


#: Sentences that acknowledge a message without saying anything about it.
_STOCK_SENT_RE = re.compile(
    r"\W*(?:thank\s+you|thanks)\s+(?:so\s+much\s+|very\s+much\s+)?for\s+(?:raising|contacting|your\s+(?:message|enquiry|inquiry|email|patience|query|question|feedback)|getting\s+in\s+touch|reaching\s+out|bringing|letting\s+us\s+know|flagging)\b"
    r"|\W*we\s+take\s+(?:all\s+|your\s+)?(?:feedback|complaints?|concerns?|comments|matters?)\b[^.!?]{0,40}\bseriously\b"
    r"|\W*we\s+(?:really\s+)?appreciate\s+(?:you\s+taking\s+the\s+time|your\s+(?:patience|feedback|understanding))\b"
    r"|\W*i\s+(?:completely\s+|fully\s+)?understand\s+your\s+(?:concerns?|frustration|point)(?:\s+(?:about|regarding|with|over)\s+[^.!?]{1,40})?\s*[.!]"
    r"|\W*(?:all\s+)?(?:our\s+)?(?:fees|charges|prices|decisions|refunds)\s+(?:are|is)\s+(?:applied|charged|set|made|calculated|handled|processed)\s+(?:in\s+line\s+with|according\s+to|in\s+accordance\s+with|as\s+per)\s+our\b"
    r"|\W*(?:please\s+)?(?:do\s+not|don't)\s+hesitate\s+to\s+(?:contact|get\s+in\s+touch|reach\s+out)\b",
    re.IGNORECASE,
)


#: A stock opening that goes on into substance: ", and ... we will need", "so you can".
_LEADS_ON_RE = re.compile(r"\b(?:we|you|i)(?:'ll|\s+will|\s+would|\s+need|\s+can|\s+have\s+to)\b", re.IGNORECASE)


#: Company-voice filler: what the company always does or values, not what it did here.
_FLUFF_RE = re.compile(
    r"\b(?:work(?:s|ed|ing)?\s+(?:really\s+|very\s+|so\s+)?hard\s+to"
    r"|take[sn]?\s+(?:every|all|these|this|each|your|such)\s+(?:\w+\s+){0,2}(?:very\s+|extremely\s+)?seriously"
    r"|(?:always|constantly)\s+(?:aim|strive|try|do\s+our\s+best|work)"
    r"|we\s+(?:try|aim|strive|endeavour|endeavor)\s+to"
    r"|as\s+(?:quickly|soon|smooth|smoothly|easy|easily|fast)\s+as\s+(?:we\s+)?(?:possibly\s+)?(?:can|possible)"
    r"|(?:is|are)\s+(?:really\s+|very\s+|so\s+|incredibly\s+|extremely\s+)?important\s+to\s+us"
    r"|with\s+(?:great|the\s+utmost|the\s+greatest|real|extra)\s+care"
    r"|we\s+want\s+(?:every|all|each|our)\b"
    r"|doing\s+(?:everything|all)\s+(?:we\s+)?(?:can|possible)"
    r"|designed\s+to\s+(?:be|make|give|keep)"
    r"|(?:we|i)\s+(?:know|understand)\s+how\s+(?:stressful|frustrating|important|much|disappointing|annoying|worrying|upsetting)"
    r"|thank\s+you\s+(?:so\s+much\s+)?for\s+(?:choosing|being\s+a|your\s+loyalty|your\s+patience)"
    r"|look(?:ing)?\s+forward\s+to"
    r"|delighted\s+to\s+help"
    r"|(?:don't|do\s+not)\s+hesitate"
    r"|(?:please\s+be|rest)\s+assured"
    r"|we\s+(?:really\s+|truly\s+)?(?:appreciate|value)\s+(?:your|you|our|every)"
    r"|based\s+on\s+(?:your\s+|customer\s+)?feedback"
    r"|(?:every|all\s+our|each)\s+(?:customer|player|guest|member|passenger|patient|client|user)s?\b)",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(r"\d+")


def _only_fluff(reply: Reply, state: ConversationState) -> bool:
    """Whether the reply is company-voice filler around the question: two or more stock
    phrases ("we take every report seriously", "always aim to make the process smooth")
    and nothing particular to this customer (no yes or no, no action done, no number of
    its own). "Does the inn have parking?" -> "Thank you for choosing us! Our friendly team
    ... We look forward to welcoming you!" answers nothing."""
    text = reply.text
    if len(_FLUFF_RE.findall(text)) < 2:
        return False
    if _YESNO_OPENER_RE.match(_substance(reply)) or _DONE_ACTION_RE.search(text):
        return False
    said = " ".join(parsed.text for _, parsed in state.customer_turns)
    return all(d in said for d in _DIGITS_RE.findall(text))


def _only_stock(reply: Reply) -> bool:
    """Whether every sentence of the reply is a pleasantry or a stock acknowledgement."""
    text = reply.text
    sents = reply.parsed.sentences

    def whole(m: re.Match[str] | None, e: int) -> bool:
        # "Thank you for letting us know, and ... we will need a final meter reading":
        # a stock opening that leads into an answer is not a stock sentence.
        return m is not None and _LEADS_ON_RE.search(text, m.end(), e) is None

    return bool(sents) and all(
        whole(PLEASANTRY_RE.match(text, s, e), e) or whole(_STOCK_SENT_RE.match(text, s, e), e) or not text[s:e].strip()
        for s, e in sents
    ) and any(whole(_STOCK_SENT_RE.match(text, s, e), e) for s, e in sents)


def _substance(reply: Reply, leads: bool = True) -> str:
    """The reply from its first sentence that is not a greeting or thanks; with ``leads``,
    from after a greeting that only leads into a sentence ("Hello, there is no charge").
    Memoised on the parsed reply: the answer rules ask for it several times per question."""
    memo = reply.parsed.__dict__
    key = ("_substance", leads)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _find_substance(reply, leads)
    return found


def _find_substance(reply: Reply, leads: bool) -> str:
    text = reply.text
    for s_start, s_end in reply.parsed.sentences:
        if not PLEASANTRY_RE.match(text, s_start, s_end):
            return text[s_start:]
        lead = _GREETING_LEAD_RE.match(text, s_start, s_end) if leads else None
        if lead is not None and len(text[lead.end():s_end].split()) >= 3:
            return text[lead.end():]  # "Hello, there is no charge for ...": the greeting is only the lead
    return ""


#: "I'm Priya from the support team": an introduction, not an answer.
_SELF_INTRO_LEAD_RE = re.compile(r"(?:[Ii]'m|I\s+am|[Tt]his\s+is|[Mm]y\s+name\s+is|[Ii]t's)\s+[A-Z][a-z\u00df-\u024f]+\b(?![^.!?]*\b(?:and|but)\b)")
#: A greeting that leads into the sentence's content: "Hello, ", "Hi Priya, ".
_GREETING_LEAD_RE = re.compile(
    r"\W*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|greetings)\b(?:\s+[A-Z][\w'’-]*){0,2}\s*[,!.:;-]\s*",
    re.IGNORECASE,
)


def _asks_known(reply: Reply, state: ConversationState) -> bool:
    """Whether the reply asks for a value the customer already gave (a re-ask, not a clarification)."""
    if not state.facts:
        return False
    text = reply.text
    for s_start, s_end in reply.parsed.sentences:
        sent = text[s_start:s_end]
        if not _REQUEST_RE.search(sent):
            continue
        for kind, pattern in _KIND_RES.items():
            if state.fact(kind) is not None and pattern.search(sent):
                return True
    return False


_SUFFIXES = ("ments", "ment", "ations", "ation", "ings", "ing", "ers", "er", "ed", "es", "s")


def _suffix_stem(word: str) -> str:
    """``word`` without one common suffix ("payments" -> "pay", "shipped" -> "shipp"):
    enough to match a question's word with its family in the reply, never below 3 letters."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@functools.cache
def _concepts() -> dict[str, frozenset[str]]:
    """Word (and its stem) -> the answers.yml groups it belongs to."""
    out: dict[str, set[str]] = {}
    for name, words in load_lexicon("answers")["concepts"].items():
        for w in words:
            w = str(w).lower()
            out.setdefault(w, set()).add(name)
            out.setdefault(_suffix_stem(w), set()).add(name)
    return {k: frozenset(v) for k, v in out.items()}


def _typo_key(w: str) -> str:
    """A word's first letter and sorted letters: "emial" and "email" share it, so a
    customer's swapped letters still match the agent's word."""
    return w[0] + "".join(sorted(w))


def _reply_views(reply: Reply) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The reply's suffix stems, answer concepts and typo keys (memoised on the parsed reply)."""
    memo = reply.parsed.__dict__
    views = memo.get("_answer_views")
    if views is None:
        concepts = _concepts()
        words = reply.parsed.words | reply.parsed.lemmas
        stems = frozenset(_suffix_stem(w) for w in words)
        found: set[str] = set()
        for w in words | stems:
            c = concepts.get(w)
            if c:
                found |= c
        typos = frozenset(_typo_key(w) for w in reply.parsed.words if len(w) >= 5 and w.isalpha())
        views = memo["_answer_views"] = (stems, frozenset(found), typos)
    return views


def _shared(q: Question, reply: Reply, lemmas: frozenset[str]) -> int:
    """How many of the question's content words the reply uses: the word, its lemma, its
    stem, a code, or a word of the same answers.yml group ("call" / "text")."""
    stems = reply.parsed.stems
    low = reply.parsed.lower
    suffix_stems, concepts, typos = _reply_views(reply)
    table = _concepts()
    n = 0
    for k in q.keywords:
        if k in lemmas or (len(k) >= _STEM and k[:_STEM] in stems) or (not k.isalpha() and k in low):
            n += 1
            continue
        if k.startswith("un") and len(k) >= 7 and k[2 : 2 + _STEM] in stems:
            n += 1  # "is it unblocked?" -> "I removed the block"
            continue
        ks = _suffix_stem(k)
        if ks in suffix_stems or (table.get(k) or table.get(ks) or frozenset()) & concepts:
            n += 1
        elif len(k) >= 5 and k.isalpha() and _typo_key(k) in typos:
            n += 1  # "my emial" -> "the email"
    if any(c.isupper() for c in reply.text):
        n += _acronym_words(q.text, reply.text)
    return n


def _acronym_words(question: str, reply: str) -> int:
    """How many of the question's words a capitalised acronym in the reply stands for
    ("does my no claims discount stay the same?" -> "Your NCD is unchanged": 3)."""
    terms = {t for t in _TERM_RE.findall(reply) if len(t) >= 3}
    if not terms:
        return 0
    words = [w for w in re.findall(r"[A-Za-z]+", question) if w.lower() not in _ACRONYM_FILLER]
    for size in (4, 3):
        for i in range(len(words) - size + 1):
            if "".join(w[0] for w in words[i : i + size]).upper() in terms:
                return size
    return 0


_ACRONYM_FILLER = frozenset({"of", "and", "the", "a", "an", "for", "to", "my", "your", "our"})


_POLAR_AUX = r"(?:is|are|was|were|be|been|isn['’]t|aren['’]t|wasn['’]t|weren['’]t|not|does|doesn['’]t|do|don['’]t|will|won['’]t|can|can['’]t|cannot|would|wouldn['’]t)"


#: The condition a yes/no question ends on: "... if I cancel?", "... when I move?".
_CONDITION_TAIL_RE = re.compile(r"\b(?:if|when|once|after|before)\s+(?:i|we|you|it|they|my|the)\b[^?]*\??\s*$", re.IGNORECASE)


def _polar_echo(q: Question, reply: Reply) -> bool:
    """Whether the reply states one of a yes/no question's words after an auxiliary or a
    negation ("is covered", "won't be charged", "does include"): a yes or a no in the
    question's own terms, however the sentence opens."""
    low = reply.parsed.lower
    cond = _CONDITION_TAIL_RE.search(q.text)
    premise = set(re.findall(r"[a-z]+", cond.group().lower())) if cond else set()
    for k in q.keywords:
        if len(k) < 4 or not k.isalpha() or k in premise:
            continue  # "is my progress kept if I cancel?" -> "before I can cancel": the premise, not the answer
        stem = re.escape(k[: max(4, len(k) - 2)])
        if re.search(rf"\b{_POLAR_AUX}\s+(?:\w+\s+)?{stem}\w*\b", low):
            return True
    return False


def _own_shared(q: Question, questions: list[Question], reply: Reply, lemmas: frozenset[str]) -> int:
    """Like ``_shared``, counting only the words of ``q`` that no other question of the
    turn has: "is VAT included in the annual price?" beside "can I switch to annual?"
    is not addressed by a reply about switching to annual."""
    others = {k for o in questions if o is not q for k in o.keywords}
    own = tuple(k for k in q.keywords if k not in others)
    if len(own) == len(q.keywords):
        return _shared(q, reply, lemmas)
    return _shared(dataclasses.replace(q, keywords=own), reply, lemmas) if own else 0


def _on_content(q: Question, shared: int, reply: Reply | None = None) -> bool:
    """Whether ``shared`` content words are enough to count as addressing ``q``: one for a
    short question, two for a longer one, or one code the reply repeats ("LL57")."""
    if not q.keywords:
        return False
    if shared >= (1 if len(q.keywords) <= 2 else 2):
        return True
    return reply is not None and shared >= 1 and any(
        any(c.isdigit() for c in k) and len(k) >= 3 and k in reply.parsed.lower for k in q.keywords
    )


_SUGGESTION_Q_RE = re.compile(r"\W*(?:(?:and|so|ok|okay)\W+)?(?:how|what)\s+(?:about|if)\b", re.IGNORECASE)
_LOOKUP_Q_RE = re.compile(
    r"\b(?:can(?:'t|not)?\s+(?:you|u|someone|anyone|somebody)|you\s+can(?:'t|not)?|could\s+(?:you|someone|anyone)|couldn't\s+you)\s+(?:just\s+|not\s+|please\s+)?(?:look|check|find|see|search|trace)\b",
    re.IGNORECASE,
)
_LOOKED_RE = re.compile(r"\b(?:i|we)(?:'ve|\s+have)\s+(?:just\s+|now\s+|already\s+)?(?:found|checked|located|looked|searched|traced)\b|\b(?:i|we)\s+can\s+see\b", re.IGNORECASE)
_AGAIN_Q_RE = re.compile(r"\bkeep\s+(?:doing|happening)\b|\bhappen\s+again\b|\b(?:again|next\s+time)\s*\?", re.IGNORECASE)
_NOT_AGAIN_RE = re.compile(
    r"\b(?:won't|will\s+not|shouldn't|should\s+not|can't|cannot|mustn't)\s+happen\s+again\b|\bnot\s+(?:happen|occur)\s+again\b|\b(?:has|have)\s+(?:now\s+)?been\s+fixed\b|\bfixed\s+the\b"
    r"|\b(?:won't|will\s+not|shouldn't|should\s+not|can't|cannot)\s+(?:be\s+)?[a-z]+(?:ed|en)?\s+again\b",  # "it shouldn't be declined again"
    re.IGNORECASE,
)
#: A question that only echoes the agent's words in quotes, in indignation.
_ECHO_Q_RE = re.compile(
    r"\W*(?:excuse\s+me\W+|sorry\W+|what\W+)?['\"‘“][^'\"’”]{2,80}['\"’”]\s*[?!]+\s*$"
    r"|\W*(?:(?:wow|wait|sorry|excuse\s+me)\W+)?(?:did\s+you\s+(?:just\s+)?(?:say|call|write|swear)|are\s+you\s+(?:swearing|serious\s+with\s+that))\b",  # "Did you just say ffs to me?"
    re.IGNORECASE,
)
_APOLOGY_FOR_RE = re.compile(
    r"\b(?:sorry|apologi[sz]e|apologies)\b[^.!?]{0,60}\b(?:message|note|comment|that|it)\b[^.!?]{0,40}\b(?:meant|intended|should\s+never|not\s+for\s+you|wrong|mistake)\b"
    r"|\b(?:that|the|my)\s+(?:message|note|comment)\s+(?:was\s+)?(?:meant|intended)\s+for\b"
    r"|\b(?:sorry|apologi[sz]e|apologies)\b[^.!?]{0,30}\b(?:that\s+was|it\s+was)\s+(?:unprofessional|out\s+of\s+line|uncalled\s+for|rude|wrong)\b",
    re.IGNORECASE,
)
#: A yes/no question about duration: "will it take long?", "is it going to be long?".
_TAKE_LONG_Q_RE = re.compile(r"\b(?:take|taking|takes)\s+(?:long|ages|a\s+while|much\s+time)\b|\bbe\s+(?:long|much\s+longer)\b", re.IGNORECASE)
_VERB_Q_LEAD_RE = re.compile(
    r"\W*(?:(?:and|so|also|ok|okay|hi|hello|but)\W+)*(?:can|could|will|would|is|are|do|does|did|should|may|have|has|am|was|were|shall|"
    r"won't|isn't|aren't|don't|doesn't|didn't|can't|couldn't|wouldn't|i|we|you|it|they|he|she|my|our|the|this|that|there|any|anything)\b",
    re.IGNORECASE,
)


def _np_question(q: Question) -> bool:
    """A short question with no verb to open it: a noun phrase ("Checked bag allowance
    LHR-SV-88213?", "Refund status for order 4411?"), which a plain statement answers."""
    return q.kind == "yesno" and len(q.text.split()) <= 6 and not _VERB_Q_LEAD_RE.match(q.text)


_ASKS_PRICE_RE = re.compile(r"\b(?:fee|fees|cost|costs|price|prices|charge|charges|how\s+much)\b", re.IGNORECASE)
_EXPLICIT_TIME_Q_RE = re.compile(r"\bwhat\s+(?:time|date|day)\b|\bhow\s+(?:long|soon)\b|\buntil\s+when\b", re.IGNORECASE)


def _typed_answer(q: Question) -> re.Pattern[str] | None:
    """The answer pattern a question's words alone cannot stand in for: a price for "how
    much" or "what's the fee", a place for "where", a time for "what time"; None for
    other questions (an explanation answers "why" in too many ways to ask for one)."""
    if q.kind == "amount" or (q.kind in ("what", "which") and _ASKS_PRICE_RE.search(q.text)):
        return _AMOUNT_RE
    if q.kind == "yesno" and _YESNO_ASKS_PRICE_RE.search(q.text) and not _ALTERNATIVE_Q_RE.search(q.text) and not _MONEY_RE.search(q.text):
        # (not when the question names the amount: "the €25 isn't charged now, I pay at the hotel?")
        return _YESNO_PRICE_RE  # "Will there be a fee?" -> "No, it's free" / "Yes, £25"
    if q.kind == "where":
        return _WHERE_RE
    if q.kind in ("what", "when") and _EXPLICIT_TIME_Q_RE.search(q.text):
        return _EXACT_TIME_RE
    return None


def _asks_when(q: Question) -> bool:
    """Whether the question asks for a time ("when ...?", "what's the delivery date?")."""
    return q.kind == "when" or (q.kind in ("what", "which", "yesno") and _ASKS_TIME_RE.search(q.text) is not None)


def _gives_cause(reply: Reply) -> bool:
    """Whether the reply states a cause, as a "why?" needs: "because", "due to", or a cause
    word in its substance ("the ban was triggered by", "it's held for a review")."""
    text = reply.text
    return bool(_WHY_RE.search(text) or _BECAUSE_RE.search(text) or _CAUSE_RE.search(_substance(reply)))


_BOTH_RE = re.compile(r"\W*(?:yes|no|yep|sure)\s+to\s+(?:both|all\s+(?:three|of\s+them))\b|\W*(?:yes|no),?\s+(?:to\s+)?both\b", re.I)
_ALTERNATIVE_RE = re.compile(r"\b([a-z][a-z'-]+),?\s+or\s+(?:(?:the|a|an|by|in|on|per)\s+)?([a-z][a-z'-]+)\b", re.I)


def _picks_alternative(q: Question, reply: Reply) -> bool:
    """Whether the reply names one side of an either/or question ("monthly, or annually?")."""
    m = _ALTERNATIVE_RE.search(q.text)
    if m is None:
        return False
    sides = [w.lower() for w in m.groups() if w.lower() not in QUESTION_STOP and len(w) >= 4]
    if len(sides) < 2:
        return False
    stems = reply.parsed.stems
    return any(w[:_STEM] in stems or w in reply.parsed.words for w in sides)


#: A yes/no question about a deadline ("will it arrive before the 20th?", "in time for
#: Friday?"): a date in the reply answers it.
_BY_WHEN_RE = re.compile(
    r"\b(?:before|by|in\s+time\s+for|until|till)\s+(?:the\s+|my\s+|our\s+|next\s+|this\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\b|monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|tomorrow|tonight"
    r"|january|february|march|april|may|june|july|august|september|october|november|december|christmas|week|month"
    r"|flight|trip|holiday|wedding|party|birthday|exam|interview|deadline|appointment)",
    re.I,
)
#: "What's happening?", "what's going on?", "what happened?": a cause answers.
_WHATS_UP_RE = re.compile(
    r"\bwhat(?:'s|’s|\s+is|\s+was)\s+(?:happening|going\s+on|the\s+(?:hold[- ]?up|delay|problem|issue))\b|\bwhat\s+(?:has\s+)?happened\b", re.I
)
_STAGE_Q_RE = re.compile(
    r"\bwhat\s+stage\b|\bwhere\s+(?:is|are|'s)\s+(?:it|it's|its|my\s+\w+|the\s+\w+)\s+up\s+to\b|\bwhat(?:'s|\s+is)\s+the\s+(?:status|progress|latest)\b|\bany\s+(?:update|news|progress)\b",
    re.I,
)
_STAGE_A_RE = re.compile(
    r"\b(?:it's|it\s+is|it\s+was|they're|they\s+are|your\s+[\w-]+\s+(?:is|are|was))\s+(?:now\s+|currently\s+|still\s+)?(?:with|at|in|on|waiting|awaiting|being|due|ready|approved|booked|scheduled)\b",
    re.I,
)
_ANYTHING_HAPPENING_RE = re.compile(r"\b(?:is|has)\s+(?:anything|something|anyone)\s+(?:actually\s+|even\s+|really\s+)?(?:happening|been\s+done|being\s+done|looking)\b", re.I)
_WAITING_RE = re.compile(r"\b(?:we(?:'re|\s+are)|it's|it\s+is|your\s+\w+\s+is)\s+(?:still\s+)?(?:waiting|with|being)\b", re.I)
#: Done now: the answer to a bare "when?" ("soon when?") once the thing has happened.
_DONE_NOW_RE = re.compile(
    r"\b(?:i|we)(?:'ve|’ve|\s+have)\s+(?:just\s+|now\s+|already\s+)?(?:added|sent|released|restored|fixed|applied|reactivated|unlocked|booked|reset)\b",
    re.I,
)
#: A request for another time, and the agent's booking of one.
_TIME_ASK_WORD_RE = re.compile(r"\b(?:week|day|date|slot|time|appointment|instead|earlier|later|sooner|morning|afternoon|evening)\b", re.I)
_MOVED_FOR_YOU_RE = re.compile(
    r"\b(?:i|we)(?:'ve|’ve|\s+have)\s+(?:now\s+|just\s+)?(?:moved|rebooked|rescheduled|booked|changed|arranged|put)\s+(?:you|your|it|the)\b", re.I
)
#: "Do I need to be home for it?" and its answers: who must be in, or that no one must.
_BE_HOME_Q_RE = re.compile(
    r"\b(?:need|have|got)\s+to\s+be\s+(?:home|in|there|present|around|available|at\s+home|in\s+person)\b|\bbe\s+(?:home|in)\s+for\s+(?:it|this|that|the)\b",
    re.I,
)
_BE_HOME_A_RE = re.compile(
    r"\b(?:need|needs|has|have|will\s+need|'ll\s+need|must)\s+to\s+be\s+(?:in|home|there|present|around|available|at\s+home|at\s+the\s+property)\b"
    r"|\bno(?:body|\s+one)\s+(?:needs|has)\s+to\s+be\b|\b(?:don't|do\s+not|won't)\s+need\s+to\s+be\s+(?:in|home|there|present)\b",
    re.I,
)
#: "Where did my money go?", "where has the file gone?": the answer is where it went.
_WHERE_GONE_RE = re.compile(r"\bwhere\b[^?.!]{0,60}?\b(?:go|gone|went|disappear(?:ed)?|vanish(?:ed)?)\b", re.I)
_GONE_TO_RE = re.compile(
    r"\b(?:go(?:es)?|went|gone|moved?|sent|returned|ended\s+up|sits?|sitting|held|kept|stored)\s+(?:back\s+)?(?:to|into|in|on)\s+(?:your|the|our|a|an|[A-Z])",
)


def _addressed(q: Question, reply: Reply, lemmas: frozenset[str], only: bool = False, generic: bool = True) -> bool:
    """Whether the reply addresses question ``q`` (content, answer type, or a deferral).

    With ``generic`` False, the cues that fit any question (a yes/no opener, a plain
    statement, a refusal) do not count: among several questions they answer the one the
    reply is about, not the second one it skipped ("and will there be a fee?")."""
    text = reply.text
    keys = q.keywords
    if q.kind == "why" and _INSTRUCTION_OPEN_RE.match(_substance(reply)) and not (_WHY_RE.search(text) or _BECAUSE_RE.search(text)):
        # "Why is my bill £14 higher?" -> "You can pay your bill in the app": how to act
        # on it, with no cause given.
        return bool(_DEFER_RE.search(text))
    if _STAGE_Q_RE.search(q.text) and (_STAGE_A_RE.search(text) or _STATUS_RE.search(text)):
        return True  # "Can you tell me what stage it's at?" -> "It's with the assessor, who is waiting for ..."
    if _ANYTHING_HAPPENING_RE.search(q.text) and (_ACTION_RE.search(text) or _STATUS_RE.search(text) or _WAITING_RE.search(text)):
        return True  # "Is anything actually happening?" -> "we're waiting for their insurer; I chased them today"
    if _WHATS_UP_RE.search(q.text) and _gives_cause(reply):
        return True  # "What's happening?" -> "the deliveries were delayed because a van broke down"
    if (
        q.kind == "yesno" and _REQUEST_Q_RE.match(q.text) and _TIME_ASK_WORD_RE.search(q.text)
        and _MOVED_FOR_YOU_RE.search(text) and _EXACT_TIME_RE.search(text)
    ):
        return True  # "Could I have something the following week instead?" -> "I've moved your MRI to 14 May"
    if q.kind == "when" and not q.keywords and _DONE_NOW_RE.search(text):
        return True  # "soon when?" -> "I've just added the 1,200 gems to your account"
    if _BE_HOME_Q_RE.search(q.text) and _BE_HOME_A_RE.search(text):
        return True  # "do I need to be home for it?" -> "someone aged 18 or over will need to be in"
    if q.kind == "where" and _WHERE_GONE_RE.search(q.text) and _GONE_TO_RE.search(text):
        return True  # "Where did the 40GB go?" -> "Deleted files go to Recently Deleted"
    shared = _shared(q, reply, lemmas)
    if shared and q.kind == "yesno" and _picks_alternative(q, reply):
        return True  # "billed monthly, or annually?" -> "it'll be added to your annual invoice"
    if shared and q.kind == "yesno" and _BY_WHEN_RE.search(q.text) and _EXACT_TIME_RE.search(text):
        return True  # "Will the new one arrive before the 20th?" -> "It should be delivered by 8 March"
    if _on_content(q, shared, reply):
        typed = _typed_answer(q)
        if typed is not None:
            # "What's the cancellation fee?" -> "You can cancel at any time": the words,
            # not a price. A typed question needs its kind of answer (or a deferral).
            return bool(
                typed.search(text) or _DEFER_RE.search(text) or _REFUSAL_RE.search(text) or _REDIRECT_RE.search(text)
                or (_HAVE_TO_Q_RE.search(q.text) and _HAVE_TO_ANSWER_RE.search(text))  # "Do I have to pay the fine?" -> "You don't need to pay it"
                or (q.kind == "where" and (_STATUS_RE.search(text) or _IMPERATIVE_RE.search(text) or _GIVEN_RE.search(text)))
            )
        if not _asks_when(q):
            return True
        # "When will it come?" -> "it will be delivered soon" / "your refund will go back to
        # your card": the question's words, but no time.
        if _EXACT_TIME_RE.search(text) or _DEFER_RE.search(text) or _REFUSAL_RE.search(text):
            return True
        if _FREQUENCY_RE.search(text) and "often" in q.text.lower():
            return True  # "How often do you pay?" -> "Every quarter, straight into your bank account."
        if _status_answers(q, text):
            return True  # "When will my refund be processed?" -> "it's still pending": a status
        return not (q.kind == "when" or _VAGUE_TIME_RE.search(text))
    if q.context:
        about = dataclasses.replace(q, keywords=q.context, context=())
        if _shared(about, reply, lemmas):
            return True  # "Someone asked for my card number. Is that normal?" -> about that call
    if (typed := _typed_answer(q)) is _YESNO_PRICE_RE and _YESNO_OPENER_RE.match(_substance(reply)) and _MONEY_RE.search(text):
        return True  # "Is there a standing charge?" -> "Yes, there is: 46p a day"
    if shared and typed is not None and typed is not _AMOUNT_RE and typed.search(text):
        return True  # "Will there be an early termination fee?" -> "there's no fee for the 8 months"
    if shared and q.kind == "yesno" and _polar_echo(q, reply):
        return True  # "Does my policy cover a burst pipe?" -> "... escape of water is covered, subject to ..."
    if shared and _ALTERNATIVE_Q_RE.search(q.text) and _STATEMENT_RE.search(_substance(reply)):
        return True  # "Will my plan work there or do I need to add something?" -> "Your plan already includes ..."
    if _HOW_FIX_Q_RE.search(q.text) and _DONE_ACTION_RE.search(text):
        return True  # "How do we fix it?" -> "I've renewed it and turned auto-renew on."
    if q.kind == "why" and _BECAUSE_RE.search(text):
        return True  # "Why was it rejected?" -> "... recorded as a slow leak, which is excluded"
    if q.kind == "yesno" and _I_GET_Q_RE.search(q.text) and (_YOU_GET_RE.search(text) or _GIVEN_RE.search(text)):
        return True  # "Do I get a refund for the rest of the year?" -> "you'll get £84.50 back"
    if _WHAT_NEED_Q_RE.search(q.text) and _YOU_NEED_RE.search(text):
        return True  # "What details do I need from her?" -> "You'll need her IBAN and BIC."
    if _WHAT_DO_RE.search(q.text):
        return bool(
            _HOW_RE.search(text) or _ACTION_RE.search(text) or _DEFER_RE.search(text) or _IMPERATIVE_RE.search(text)
        )
    if not keys and q.kind == "when":
        # "When will it get here?" has no words to match, but it asks for a time.
        return bool(
            _TIME_RE.search(text) or _DEFER_RE.search(text) or _REFUSAL_RE.search(text) or _status_answers(q, text)
        )
    if not keys and q.kind == "why":
        # "why??" -> "Bans are final. The rules are the rules.": no words to match, but a cause to give
        return _gives_cause(reply) or bool(_DEFER_RE.search(text))
    if not keys:
        return True  # nothing to match on: give the agent the benefit of the doubt
    if q.kind == "what" and _WHAT_IF_RE.match(q.text) and _IF_RE.search(text):
        return True  # "What if it doesn't come?" -> "If it hasn't arrived by 1 pm, ..."
    pattern = _ANSWER_TYPE_RES.get(q.kind)
    if q.kind == "amount" and _PRICE_WORD_RE.search(q.text):
        pattern = _PRICE_RE  # "how much it costs to add a bag": a price, not any number ("118 cm")
    if pattern is not None and (pattern.search(text) or (q.kind == "how" and _IMPERATIVE_RE.search(text))):
        return True  # "How do I send it?" -> "Please upload the invoice in the app"
    if q.kind in ("what", "which", "yesno") and _ASKS_TIME_RE.search(q.text) and _TIME_RE.search(text):
        return True  # "What are your opening hours?" -> "9 am to 5 pm"
    if q.kind == "where" and _STATUS_RE.search(text):
        return True  # "Where is my refund?" -> "it hasn't been processed yet"
    if _DEFINE_Q_RE.match(q.text) and (_DEFINITION_RE.match(_substance(reply)) or _MEANS_RE.search(text)):
        return True  # "What's CHAPS?" -> "It's a same-day payment system ...", "... It means two working days"
    if _FAULT_Q_RE.search(q.text) and _REASSURE_RE.search(text):
        return True  # "Am I in trouble?" -> "I'm not saying you did anything wrong; your policy is still active"
    if _ARE_YOU_SAYING_RE.match(q.text) and _NOT_SAYING_RE.search(text):
        return True  # "Are you saying I lied?" -> "I'm not saying you did anything wrong"
    if shared and q.kind == "yesno" and _POSSIBLE_Q_RE.search(q.text) and _DONE_ACTION_RE.search(text):
        return True  # "It is possible move to the next week?" -> "I've moved your appointment to Tuesday 20 June"
    if _REQUEST_Q_RE.match(q.text) and _DONE_OPENER_RE.match(_substance(reply)):
        return True  # "Can you move it to Friday?" -> "Done, you're booked for Friday at 9:30."
    if q.kind == "yesno" and _TAKE_LONG_Q_RE.search(q.text) and _TIME_RE.search(text):
        return True  # "Will the refund take long?" -> "It usually shows within 3 to 5 working days."
    if _WHAT_HAPPENED_Q_RE.search(q.text) and (_BECAUSE_RE.search(text) or _EVENT_RE.search(text)):
        return True  # "I'd like to know what happened" -> "The van broke down this morning."
    if _HAVE_TO_Q_RE.search(q.text) and _HAVE_TO_ANSWER_RE.search(text):
        return True  # "Do we both have to come into branch?" -> "You don't need to come in at all."
    if not generic:
        return False
    substance = _substance(reply)
    if _LOOKUP_Q_RE.search(q.text) and _LOOKED_RE.search(text):
        return True  # "you can look it up surely?" -> "I've found the purchase on 3 May"
    if _AGAIN_Q_RE.search(q.text) and _NOT_AGAIN_RE.search(text):
        return True  # "Is it going to keep doing this?" -> "... fixed the bug, so it shouldn't happen again"
    if _ECHO_Q_RE.match(q.text) and _APOLOGY_FOR_RE.search(text):
        return True  # "'same guy as last week'??" -> "I'm so sorry, that message was meant for a colleague"
    if _FRAGMENT_Q_RE.match(q.text) and _DONE_ACTION_RE.search(text):
        return True  # "What about the cold food though?" -> "I've also refunded the two mains"
    if only and shared and _np_question(q) and substance.strip() and not substance.rstrip().endswith("?"):
        return True  # "Checked bag allowance LHR-SV-88213?" -> "23 kg, one bag per person."
    if _OPINION_Q_RE.search(q.text) and _NO_ADVICE_RE.search(text):
        return True  # "Which one is better?" -> "I can't recommend one, but an adviser can"
    if (
        only
        and (len(q.text.split()) <= 3 or (_FRAGMENT_Q_RE.match(q.text) and (shared or len(substance.split()) <= 12)))
        and substance.strip()
        and not substance.rstrip().endswith("?")
    ):
        return True  # "and warranty?" -> "Two years from the delivery date."
    if _WHAT_NEXT_RE.search(q.text) and _STATEMENT_RE.search(substance):
        return True  # "What about the other two?" -> "The extra £6 is ...; for paper bills, ..."
    if (
        _OPEN_Q_RE.search(q.text)
        and _STATEMENT_RE.search(substance)
        and (q.kind != "why" or _gives_cause(reply))
    ):
        # "What happened?" / "Why is it restricted?" are answered by any explanation; a
        # why-question needs a cause, not "Refund decisions are final" or "it's on its way".
        return True
    if q.kind in ("what", "which", "how") and (_STEPS_RE.search(text) or _IMPERATIVE_RE.search(text)):
        return True  # "What should I check?" -> "1) Go to Settings. 2) Tap ..."
    if q.kind == "yesno" and _IS_THERE_Q_RE.match(q.text) and (_IMPERATIVE_RE.search(text) or _STEPS_RE.search(text)):
        return True  # "Is there a dark mode?" -> "Go to Settings > Appearance > Theme and choose Dark."
    if q.kind == "yesno" and _CAN_I_RE.match(q.text) and _IMPERATIVE_RE.search(text):
        return True  # "Can I stop this with hotels?" -> "... ask them to use a debit card"
    if q.kind == "yesno" and _STEPS_RE.search(text):
        return True  # "Turn it off and on again?" -> "1) Go to your Home screen ..."
    if _REDIRECT_RE.search(text):
        return True  # "You need to call the studio directly": who can answer is an answer
    if q.kind in ("yesno", "what", "which", "how") and _REQUEST_Q_RE.match(q.text) and _ACTION_RE.search(text):
        return True  # "Can you reconsider?" -> "I've overridden the rejection"
    if q.kind in ("yesno", "what", "which", "how"):
        # A yes or no answers a yes/no question or a suggestion ("How about Friday?"), not
        # "How do I download my invoices?" or "What does it cost per day?".
        if _YESNO_RE.search(text) and (q.kind == "yesno" or _SUGGESTION_Q_RE.match(q.text)):
            return True
        if q.kind == "yesno" and only and _NP_ANSWER_RE.match(substance):
            return True  # the only question, answered by a plain statement
        if q.kind == "yesno" and _DECLARATIVE_ANSWER_RE.match(substance) and (shared or len(q.keywords) <= 4):
            return True  # "Will the money go to my bank?" -> "It will be refunded to the card."
        if q.kind == "yesno" and only and _FRAGMENT_ANSWER_RE.match(substance):
            return True  # "Do I need to bring anything?" -> "Just your NHS number."
        if q.kind == "yesno" and shared and _CAN_I_RE.match(q.text) and _YOU_CAN_RE.search(text):
            return True  # "Can I book the 3rd now?" -> "... you can book it from 7 am on Saturday"
        m = _REFUSAL_RE.search(text)
        if m and (shared or "nothing" in m.group().lower() or q.kind == "yesno" or _REQUEST_Q_RE.match(q.text)):
            # "Is there any way to get them back?" -> "They can't be recovered."; "can u
            # check what it should be" -> "I can't see your landlord's details, so ..."
            return True
    return False


_TO_CUSTOMER_RE = re.compile(r"\b(?:you|your|yours)\b|^\W*(?:yes|no)\b", re.I)


def _note_sentences(reply: Reply, notes: Sequence[Finding]) -> list[tuple[int, int]]:
    """The sentences of the reply that hold a misdirected-message finding."""
    return [(s, e) for s, e in reply.parsed.sentences if any(f.start < e and s < f.end for f in notes)]


def _speaks_around(reply: Reply, notes: Sequence[tuple[int, int]]) -> bool:
    """Whether a reply with a note to a colleague in it (the sentences ``notes``) still
    speaks to the customer in a sentence of its own, beyond a pleasantry ("Hi Beatriz,
    [internal] check her history. I've refunded INV-7782; you'll see the £12 back in 3 to
    5 days"): then the note is an aside and the rest is judged as an answer."""
    text = reply.text
    for s, e in reply.parsed.sentences:
        if (s, e) in notes:
            continue
        sentence = text[s:e].strip()
        pos = 0
        while (m := PLEASANTRY_RE.match(sentence, pos)) is not None and m.end() > pos:
            pos = m.end()
        if len(sentence) - pos < 25:
            continue  # "Hi, thanks for your message."
        if _TO_CUSTOMER_RE.search(sentence):
            return True
    return False


def _only_in(q: Question, low: str, notes: Sequence[tuple[int, int]]) -> bool:
    """Whether some of the question's words appear in the note sentences and nowhere else
    (the part of "can I move it, and do I need to fast?" that was passed on)."""
    keys = [k[:_STEM] for k in q.keywords if k.isalpha()]
    if not keys:
        return False
    inside = " ".join(low[s:e] for s, e in notes)
    outside = _blank(low, notes)
    return any(k in inside and k not in outside for k in keys)


def _blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with ``spans`` replaced by spaces (offsets kept)."""
    for s, e in spans:
        text = text[:s] + " " * (e - s) + text[e:]
    return text


class UnansweredQuestion(Check):
    code = "ATT004"
    name = "unanswered-question"
    category = "attention"
    default_severity = Severity.WARNING
    summary = "Leaves a direct customer question (since the previous reply) unaddressed."
    what = (
        "Takes the customer's genuine questions since the previous agent reply (sentences ending in "
        "'?', questions without one such as 'can you check if my account is locked', indirect ones "
        "such as 'tell me whether'), leaves out rhetorical jabs ('are you even reading?'), and checks "
        "that the reply addresses each: by shared content words, by an answer of the asked type (a "
        "time for 'when', a yes or no, a price for 'how much', a person or team for 'who', a reason "
        "for 'why'), or by saying the agent is checking."
    )
    why = (
        "An ignored question has to be asked again; by the third time the customer is angry, and "
        "rightly so. Answering every question is the simplest proof of listening."
    )
    limits = (
        "Whether an answer is right is not judged, only whether the question is addressed. Content "
        "overlap can count a reply that merely mentions the question's words; a yes/no opener counts "
        "for every yes/no question in the turn."
    )
    instead = "Answer each question the customer asked, or say that you are finding out and when you will reply."
    examples: ClassVar[Mapping[str, Sequence[Example]]] = {
        "fail": [
            {
                "context": [
                    (
                        "customer",
                        "My bill went up. Why has it gone up? Also, is there a cheaper plan I could switch to?",
                    ),
                ],
                "reply": "The increase is because your introductory discount ended, so your plan is at the standard price.",
            },
            {
                "context": [
                    ("customer", "There's an email address on my account that isn't mine."),
                    ("agent", "I've passed this to the right team. Can I have your username?"),
                    (
                        "customer",
                        "My username is adelgado77. Passed it to who? Will you remove the email address or not?",
                    ),
                ],
                "reply": "Sorry for the wait. What's the username on the account?",
            },
        ],
        "pass": [
            {
                "context": [("customer", "When will the courier come? And where does the money go?")],
                "reply": "The courier comes on Thursday between 9 and 12, and the money goes back to your card.",
            },
            {
                "context": [("customer", "I used the new password. Are you even listening?")],
                "reply": "Your account was locked after 5 attempts; I've unlocked it now.",
            },
            {
                "context": [("customer", "Can you refund the difference?")],
                "reply": "Let me check whether the code can still be applied.",
            },
        ],
    }

    def setup(self) -> None:
        # A reply written to a colleague, or one on a different problem, answers no
        # question however many of its words match: the two checks are asked directly so
        # this one behaves the same whichever checks are selected.
        from tonecheck.checks.pressure import RetentionPressure
        from tonecheck.checks.professionalism import MisdirectedMessage

        self._off_topic = OffTopicReply(self.settings)
        self._off_topic.lexicon = shared_lexicon()
        self._misdirected = MisdirectedMessage(self.settings)
        self._retention = RetentionPressure(self.settings)
        self._repeated = RepeatedReply(self.settings)

    def _aside(self, reply: Reply, state: ConversationState) -> tuple[str | None, list[tuple[int, int]]]:
        """Why the reply cannot be an answer at all (or ``None``), and the sentences of a
        note to a colleague inside a reply that otherwise speaks to the customer."""
        notes = list(self._misdirected.run(reply, state))
        inside: list[tuple[int, int]] = []
        if notes:
            inside = _note_sentences(reply, notes)
            if not _speaks_around(reply, inside):
                return "is written to a colleague, not the customer", []
        if any(True for _ in self._off_topic.run(reply, state)):
            return "works on a different problem", inside
        if not any(_ASKS_REPEAT_RE.search(q.text) for q in state.questions) and any(
            True for _ in self._repeated.run(reply, state)
        ):
            # The same words were sent before the question was asked: they cannot answer it.
            return "repeats an earlier reply sent before the question", inside
        return None, inside

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        questions = state.questions
        if not questions:
            return
        lemmas = reply.parsed.lemmas | reply.parsed.words
        # "We'll get back to you as soon as possible" and nothing else defers nothing.
        hold = _BARE_HOLD_RE.match(reply.text) is not None
        if _DEFER_RE.search(reply.text) and not hold:
            return
        if (
            not _substance(reply, leads=False)
            and len(reply.text) < 80
            and _OPENER_RE.search(reply.text)
            and (not (rest := _substance(reply).strip()) or rest.endswith("?") or _SELF_INTRO_LEAD_RE.match(rest))
        ):
            return  # a bare greeting opens the chat; the answer comes in the next message
        aside, notes = self._aside(reply, state)
        if aside is not None:
            first = questions[0]
            yield self.finding(
                0,
                len(reply.text.rstrip()),
                f"The reply {aside}, so the customer's question in turn {first.turn} "
                f"(\u201c{_short(first.text)}\u201d) is not addressed.",
                "Answer the question the customer asked, in a message written to them.",
                evidence=first.evidence(),
            )
            return
        if (
            _CLARIFY_RE.search(_blank(reply.text, notes) if notes else reply.text)
            and not _GENERIC_ASK_RE.search(reply.text)
            and not _only_offers(reply)
            # A first reply asking for details (even ones already given: that is re-asking)
            # engages with the question; asking again later, when it was given, does not.
            and (not state.agent_replies or all(_REQUEST_Q_RE.match(q.text) for q in questions) or not _asks_known(reply, state))
            and not (state.cancel_request is not None and any(True for _ in self._retention.run(reply, state)))
        ):
            return  # a clarifying question back (or the details needed to act) engages with it
        only = len(questions) == 1
        # "Thank you for raising the fee. We take all feedback seriously." answers nothing.
        bare = hold or _only_stock(reply) or _only_fluff(reply, state)
        missed = list(questions) if bare else self._missed(questions, reply, lemmas, only)
        if notes:
            # "I've moved you to Tuesday. @Liam she's asking about fasting, what's the rule?":
            # a question whose words are only in the note was passed on, not answered.
            missed += [q for q in questions if q not in missed and _only_in(q, reply.parsed.lower, notes)]
        if not missed:
            return
        yield self._report(missed, reply)

    def _missed(self, questions: list[Question], reply: Reply, lemmas: frozenset[str], only: bool) -> list[Question]:
        """The questions the reply does not address."""
        # A yes/no opener or a plain statement answers the question the reply is about;
        # another question of the turn with none of its words in the reply was skipped.
        # A question the reply answers in its own terms (shared words, or an action for
        # "what are you going to do about it?") leaves the generic cues to that question.
        on_content = not only and any(
            _on_content(q, _shared(q, reply, lemmas)) or (_WHAT_YOU_DO_RE.search(q.text) and _ACTION_RE.search(reply.text))
            for q in questions
        )
        # A reply that opens "Yes, exactly." answers the first yes/no question asked.
        first_polar = next((q for q in questions if q.kind == "yesno"), None) if on_content else None
        if first_polar is not None and not _YESNO_OPENER_RE.match(_substance(reply)):
            first_polar = None
        if _BOTH_RE.match(_substance(reply)):
            return []  # "Yes to both! Annual is £149.90 a year ..."
        acts = _ACTION_RE.search(reply.text) is not None
        return [
            q
            for q in questions
            if not (acts and _WHAT_YOU_DO_RE.search(q.text))  # "what will you do?" -> "I've issued a credit"
            and not _addressed(
                q,
                reply,
                lemmas,
                only,
                generic=q is first_polar
                or not (on_content and q.keywords and not _own_shared(q, questions, reply, lemmas) and not _WHAT_NEXT_RE.search(q.text)),
            )
        ]

    def _report(self, missed: list[Question], reply: Reply) -> Finding:
        """One finding for the reply, naming the first three questions it skipped."""
        first = missed[0]
        quoted = ", ".join(f"\u201c{_short(q.text)}\u201d" for q in missed[:3])
        where = (
            f"turn {first.turn}"
            if all(q.turn == first.turn for q in missed)
            else f"turns {first.turn}-{missed[-1].turn}"
        )
        end = len(reply.text.rstrip())
        start = len(reply.text) - len(reply.text.lstrip())
        return self.finding(
            start,
            max(start, end),
            f"Does not address the customer's question{'s' if len(missed) > 1 else ''} in {where}: {quoted}.",
            "Answer each question directly (a time for 'when', yes or no, a name or team for 'who'), "
            "or say you are finding out and when you will reply.",
            evidence=first.evidence(),
        )


class RepeatedReply(Check):
    code = "ATT005"
    name = "repeated-reply"
    category = "attention"
    default_severity = Severity.WARNING
    summary = "Repeats an earlier agent reply of the same conversation almost word for word."
    what = (
        "Compares the substance of the reply (greetings, thanks and sign-offs left out) with the "
        "earlier agent replies of the conversation as word 3-gram shingles, and flags a reply most "
        "of whose shingles already appeared in one earlier reply."
    )
    why = (
        "Pasting the same canned text again tells the customer their new message was not read, and "
        "it is the moment many customers ask for a manager."
    )
    limits = (
        "Short replies (under five words of substance) are never flagged; a repeated greeting or "
        "sign-off is fine. Restating a value or a time frame inside a new reply is not a repeat."
    )
    instead = "Answer what the customer wrote since your last reply; if the answer is the same, say why in new words."
    options: ClassVar[Mapping[str, Any]] = {"min_overlap": 0.75, "min_shingles": 4}
    examples: ClassVar[Mapping[str, Sequence[Example]]] = {
        "fail": [
            {
                "context": [
                    ("customer", "Can you change the address on my order?"),
                    (
                        "agent",
                        "Hi, thanks for contacting us. Orders can't be changed once they have been placed. You can cancel the order and place a new one.",
                    ),
                    ("customer", "Can I keep the sale price if I order again?"),
                ],
                "reply": "Hi, thanks for contacting us. Orders can't be changed once they've been placed. You can cancel the order and place a new one.",
            },
        ],
        "pass": [
            {
                "context": [
                    ("customer", "Where is my parcel?"),
                    ("agent", "Hi, thanks for contacting us! Let me check the tracking for you."),
                    ("customer", "Ok, and can you check the refund too?"),
                ],
                "reply": "Hi, thanks for contacting us! Your refund went through yesterday.",
            },
            {
                "context": [
                    ("customer", "Thanks!"),
                    ("agent", "Is there anything else I can help you with today? Have a great day!"),
                    ("customer", "No, that's all."),
                ],
                "reply": "Is there anything else I can help you with today? Have a great day!",
            },
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        if not state.agent_replies:
            return
        shingles, (lo, hi) = reply_shingles(reply.parsed)
        if len(shingles) < int(self.opts["min_shingles"]):
            return
        counts: dict[int, int] = {}
        index = state.shingle_index
        for sh in shingles:
            for i in index.get(sh, ()):
                counts[i] = counts.get(i, 0) + 1
        if not counts:
            return
        best = max(counts, key=lambda i: (counts[i], i))
        if counts[best] / len(shingles) < float(self.opts["min_overlap"]):
            return
        earlier = state.agent_replies[best]
        _, (elo, ehi) = reply_shingles(earlier.parsed)
        yield self.finding(
            lo,
            hi,
            f"Repeats the agent reply of turn {earlier.turn} almost word for word "
            f"({round(100 * counts[best] / len(shingles))}% the same).",
            "Respond to what the customer wrote since then; if the answer has not changed, explain it "
            "in new words and add what is new.",
            evidence={"turn": earlier.turn, "start": elo, "end": ehi},
        )


def _display_name(state: ConversationState) -> str:
    if state.honorific and state.last_name:
        return f"{state.honorific.value.rstrip('.')}. {state.last_name.value}"
    parts = [f.value for f in (state.first_name, state.last_name) if f]
    return " ".join(parts)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


CHECKS = [ReaskedInformation, WrongFormOfAddress, OffTopicReply, UnansweredQuestion, RepeatedReply]
