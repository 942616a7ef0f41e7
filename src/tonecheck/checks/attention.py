"""Attention: is the agent listening to what the customer already said?

- ``reasked-information`` (ATT001): the reply asks for a value the customer gave earlier.
- ``wrong-form-of-address`` (ATT002): an honorific or a name that the customer's own
  words contradict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tonecheck.checks.base import Check, Reply
from tonecheck.context import ConversationState
from tonecheck.types import Finding, Severity

__all__ = ["CHECKS", "ReaskedInformation", "WrongFormOfAddress"]

# What the agent may ask for, as the words they would use. Each needs a determiner so
# that "I'll email you" is not a request for an email address.
_DET = r"(?:your|the|ur|an?|that)\s+(?:[\w-]+\s+){0,2}?"
_KIND_WORDS: dict[str, str] = {
    "username": r"(?:user\s?name|login(?:\s+(?:name|id))?|user\s?id|handle|screen\s?name)",
    "email": r"(?:e-?mail(?:\s+address)?|email\s+id)",
    "phone": r"(?:(?:phone|mobile|cell|telephone|contact)\s+(?:number|no\.?|#)|phone|mobile)",
    "order number": r"(?:order\s+(?:number|no\.?|#|id|reference|ref))",
    "account number": r"(?:account\s+(?:number|no\.?|#|id))",
    "ticket number": r"(?:(?:ticket|case|reference|ref|booking|confirmation|tracking|claim)\s+(?:number|no\.?|#|id))",
    "serial number": r"(?:serial(?:\s+(?:number|no\.?|#))?)",
    "postcode": r"(?:post\s?code|zip(?:\s?code)?)",
    "name": r"(?:(?:full|first|last)\s+name|name(?=\s+(?:on|for)\s+the\s+account)|name)",
}
_KIND_RES = {
    kind: re.compile(rf"\b{_DET}({words})\b", re.IGNORECASE) for kind, words in _KIND_WORDS.items()
}
# "the email" is often the message, not the address: ask for an address explicitly.
_KIND_RES["email"] = re.compile(
    r"\b(?:(?:your|the|an?|ur)\s+(?:[\w-]+\s+){0,2}?(e-?mail\s+address|email\s+id)"
    r"|(?:your|ur)\s+(?:registered\s+|account\s+|contact\s+)?(e-?mail)(?!\s+(?:from|about|to|with|that|which|we|I))"
    r"|the\s+(e-?mail)\s+(?:on|for|associated|linked|registered|tied|attached|connected)\b)",
    re.IGNORECASE,
)
_REQUEST_RE = re.compile(
    r"\?\s*$"
    r"|\b(?:can|could|would|may|will)\s+(?:i|you|we)\s+(?:please\s+|kindly\s+|just\s+)?"
    r"(?:have|get|grab|confirm|provide|share|send|give|tell|verify|check|double[- ]check|take|type|enter|reconfirm)\b"
    r"|\b(?:please|kindly|pls|plz)\s+(?:\w+\s+)?(?:provide|confirm|send|share|enter|give|tell|verify|type|reply|let\s+me\s+know|re-?enter|reconfirm)\b"
    r"|\b(?:i|we)(?:'ll|\s+will|\s+would|'d|\s+also)?\s+(?:still\s+)?need\b"
    r"|\bwhat(?:'s|\s+is|\s+was|\s+are)\s+(?:your|the)\b"
    r"|\blet\s+me\s+know\s+(?:your|the)\b"
    r"|\b(?:i|we)(?:'d|\s+would)\s+like\s+(?:to\s+(?:have|get|confirm|verify)|your)\b"
    r"|\bmay\s+i\s+(?:have|ask|get|know)\b"
    r"|\bprovide\s+(?:me|us)\s+with\b"
    r"|^\s*(?:please\s+)?(?:confirm|provide|send|share|enter|verify|type)\b",
    re.IGNORECASE,
)
_STATEMENT_OF_HAVING_RE = re.compile(
    r"\b(?:thanks?|thank\s+you)\s+for\s+(?:\w+\s+){0,3}$|\b(?:i|we)\s+(?:have|'ve|can\s+see|see|found|located|got)\s+",
    re.IGNORECASE,
)
_KIND_LABEL = {
    "username": "username",
    "email": "email address",
    "phone": "phone number",
    "order number": "order number",
    "account number": "account number",
    "ticket number": "reference number",
    "serial number": "serial number",
    "postcode": "postcode",
    "name": "name",
}


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
    examples = {
        "fail": [
            {
                "context": [("customer", "Hi, my username is adelgado77 and there's an email on my account I don't recognise.")],
                "reply": "I can help with that. Can I have your username please?",
            },
            {
                "context": [("customer", "Order #55123 never arrived."), ("agent", "Sorry to hear that."), ("customer", "Any news?")],
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
        if not state.facts:
            return
        text = reply.text
        low = reply.parsed.lower
        for s_start, s_end in reply.parsed.sentences:
            sent = text[s_start:s_end]
            if not _REQUEST_RE.search(sent):
                continue
            for kind, pattern in _KIND_RES.items():
                fact = state.fact(kind)
                if fact is None:
                    continue
                m = pattern.search(sent)
                if m is None:
                    continue
                if kind == "name" and re.search(r"user\s?name|screen\s?name", m.group(), re.IGNORECASE):
                    continue
                before = sent[: m.start()]
                if _STATEMENT_OF_HAVING_RE.search(before) and not sent.rstrip().endswith("?"):
                    continue
                # Stating the value back to confirm it is not a re-ask.
                if any(f.value.lower() in low for f in state.facts[kind]):
                    continue
                if reply.parsed.in_quotes(s_start + m.start(1), s_start + m.end(1)):
                    continue
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


_FEMALE_TERMS = r"ma'?am|ma’am|madam|maam|miss(?=\s*[,.!?]|\s+[A-Z])|mrs\.?(?=\s)|ms\.?(?=\s)|lady"
_MALE_TERMS = r"sir|mr\.?(?=\s)|mister|gentleman"
_FEMALE_RE = re.compile(rf"\b(?:{_FEMALE_TERMS})(?![\w'])", re.IGNORECASE)
_MALE_RE = re.compile(rf"\b(?:{_MALE_TERMS})(?![\w'])", re.IGNORECASE)
_TITLE_NAME_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mister|Dr)\.?\s+([A-Z][a-z'’-]+)")
_GREETING_NAME_RE = re.compile(
    r"(?:^|[.!?\n]\s*)(?:Hi|Hello|Hey|Dear|Good\s+(?:morning|afternoon|evening)|Thanks|Thank\s+you|"
    r"Sorry)\s*,?\s+([A-Z][a-z'’-]{1,30})\b(?!\s+(?:team|for|to|so|again))"
)
_SELF_INTRO_RE = re.compile(r"\b(?:I'm|I\s+am|this\s+is|my\s+name\s+is|name's)\s+$", re.IGNORECASE)
_NOT_A_NAME = {
    "There", "Again", "All", "Everyone", "Team", "Sir", "Madam", "Ma", "Miss", "Mr", "Mrs", "Ms",
    "Mister", "Dr", "Friend", "Folks", "So", "For", "And", "Once", "Very", "Much", "It", "I",
    "You", "We", "Thanks", "Thank", "Please", "Welcome", "Customer", "Guys", "Both", "Back",
}


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
    examples = {
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
        gender = state.gender
        ev = state.gender_evidence
        if gender is not None and ev is not None:
            wrong = _FEMALE_RE if gender == "male" else _MALE_RE
            right = "sir" if gender == "male" else "ma'am"
            for m in wrong.finditer(text):
                if parsed.in_quotes(m.start(), m.end()):
                    continue
                # "Mr. X" / "Ms. X" addressing someone else by surname is a name matter below.
                yield self.finding(
                    m.start(),
                    m.end(),
                    f"Calls the customer \u201c{m.group()}\u201d, but in turn {ev.turn} they wrote "
                    f"\u201c{_display_name(state) if ev.kind == 'honorific' else _short(ev.value)}\u201d.",
                    f"Use \u201c{right}\u201d or the customer's name"
                    + (f" (\u201c{_display_name(state)}\u201d)" if _display_name(state) else "")
                    + ".",
                    evidence=ev.evidence(),
                )
        names = state.name_parts()
        if not names:
            return
        own = state.agent_names
        ref = state.first_name or state.last_name
        assert ref is not None
        for m in _TITLE_NAME_RE.finditer(text):
            surname = m.group(2)
            if surname.lower() in names or surname.lower() in own or parsed.in_quotes(m.start(), m.end()):
                continue
            if state.last_name is None:
                continue
            yield self.finding(
                m.start(),
                m.end(),
                f"Addresses the customer as \u201c{m.group()}\u201d, but they are "
                f"\u201c{_display_name(state)}\u201d (turn {ref.turn}).",
                f"Use the customer's name: \u201c{_display_name(state)}\u201d.",
                evidence={"turn": state.last_name.turn, "start": state.last_name.start, "end": state.last_name.end},
            )
        for m in _GREETING_NAME_RE.finditer(text):
            name = m.group(1)
            if name in _NOT_A_NAME or name.lower() in names or name.lower() in own:
                continue
            if reply.in_glossary(name) or _SELF_INTRO_RE.search(text, 0, m.start(1)):
                continue
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


def _display_name(state: ConversationState) -> str:
    if state.honorific and state.last_name:
        return f"{state.honorific.value.rstrip('.')}. {state.last_name.value}"
    parts = [f.value for f in (state.first_name, state.last_name) if f]
    return " ".join(parts)


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


CHECKS = [ReaskedInformation, WrongFormOfAddress]
