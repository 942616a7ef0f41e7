"""Strengths: what good agents do, recognised with evidence so a team lead can praise it.

All strengths are ``info`` findings of category ``strength``; they never trigger
``--fail-on`` and they win back points lost in their category (see scoring).

- ``acknowledges-feelings`` (STR001): names or responds to the customer's feeling or situation.
- ``takes-ownership`` (STR002): a first-person action or commitment that resolves the issue.
- ``offers-follow-up`` (STR003): commits to get back in touch at a concrete time or trigger.
- ``uses-customer-name`` (STR004): the customer's correct name, or honorific + surname.
- ``clear-next-step`` (STR005): what happens next with a time frame, or concrete steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tonecheck.checks.base import Check, Reply
from tonecheck.checks.empathy import acknowledgement
from tonecheck.context import ConversationState
from tonecheck.types import Finding, Severity

__all__ = ["CHECKS"]

_TIME = (
    r"(?:today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|week)|next\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"|(?:on|by|before|until|from)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+\w+|\w+\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|within\s+(?:the\s+next\s+)?(?:\d+|one|two|three|four|five|six|seven|ten|24|48|a|an|a\s+few)\s*(?:-\s*\d+\s*)?(?:working\s+|business\s+)?(?:minutes?|hours?|days?|weeks?|months?)"
    r"|in\s+(?:\d+|one|two|three|four|five|a|an|a\s+few)\s*(?:(?:to|-)\s*\d+\s*)?(?:working\s+|business\s+)?(?:minutes?|hours?|days?|weeks?)"
    r"|(?:\d+|one|two|three|four|five)\s*(?:to|-)\s*(?:\d+|two|three|four|five|seven|ten)\s+(?:working\s+|business\s+)?(?:days?|hours?|weeks?)"
    r"|between\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s+and\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?"
    r"|(?:by|before|after|at)\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)|by\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week|month)"
    r"|end\s+of\s+(?:the\s+)?(?:day|week)|first\s+thing|overnight|as\s+soon\s+as|once\s+(?:it|the|we|you|your|that)|when\s+(?:it|the|we|you|your))"
)
_TIME_RE = re.compile(rf"\b{_TIME}\b", re.IGNORECASE)
_CONDITIONAL_RE = re.compile(r"\b(?:if|unless|should\s+(?:it|the|you))\b", re.IGNORECASE)

_OWN_VERBS = (
    r"refunded|cancelled|canceled|arranged|sent|resent|re-sent|issued|credited|booked|fixed|reset|unlocked|updated|changed|"
    r"replaced|reordered|removed|added|corrected|applied|processed|approved|waived|reversed|resolved|scheduled|reactivated|"
    r"restored|moved|upgraded|extended|ordered|created|set\s+up|raised|frozen|blocked|released|pushed|overridden|overrode|"
    r"refund|cancel|arrange|send|resend|issue|credit|book|fix|reset|unlock|update|change|replace|reorder|remove|add|correct|"
    r"apply|process|approve|waive|reverse|resolve|schedule|reactivate|restore|move|upgrade|extend|order|create|set\s+up|"
    r"make\s+sure|take\s+care|sort\s+(?:it|this|that)|personally|handle|seated|confirmed|activated|enabled|disabled|"
    r"deleted|closed|opened|re-?enabled|switched|transferred|covered|paid|dispatched|shipped|"
    r"ship|dispatch|courier|pay|cover|delete|close|activate|enable|switch|transfer|refunding|cancelling|sending|arranging|fixing|"
    r"lodged|filed|logged|placed|put|marked|flagged|noted|saved|submitted|requested|expedited|upgraded|unblocked|"
    r"ring|call|phone|email|text|message|contact|check|chase|look\s+into|investigate|monitor|follow"
)
_OWNERSHIP_RE = re.compile(
    rf"\b(?:i(?:'ve|\s+have|'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+just|\s+already|'m\s+now|\s+now|\s+personally)"
    rf"(?:\s+(?:just|already|now|also|personally|gone\s+ahead\s+and|went\s+ahead\s+and))?\s+(?:{_OWN_VERBS})\b)"
    r"|\bthat'?s\s+on\s+(?:me|us)\b|\bi\s+take\s+(?:full\s+)?responsibility\b|\bleave\s+it\s+with\s+me\b"
    r"|\bi'?ll\s+take\s+care\s+of\s+(?:it|this|that|everything)\b|\bmy\s+(?:mistake|error|fault)\b"
    r"|\bi\s+(?:refunded|cancelled|canceled|arranged|sent|issued|credited|booked|fixed|reset|unlocked|updated|changed|replaced|removed|added|corrected|applied|processed|approved|waived|reversed|resolved|scheduled|restored|upgraded|extended|seated|moved)\b",
    re.IGNORECASE,
)
_NOT_OWNERSHIP_RE = re.compile(
    r"\b(?:forwarded|passed|escalated|referred|handed|transferred\s+(?:you|your\s+(?:call|chat|case))|raised\s+(?:it|this|a\s+ticket)\s+with)\b"
    r"|\blet\s+me\s+check\b|\b(?:check|look\s+into|investigate|ask|chase|call|phone|email|text|message|contact|follow|monitor|ring)\b",
    re.IGNORECASE,
)
_FOLLOW_UP_RE = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+are\s+going\s+to)\s+(?:also\s+|personally\s+|then\s+)?"
    r"(?:check\s+(?:back|in|on\s+(?:it|this|that|your|the)|the\s+\w+|that)|follow\s+up|get\s+back\s+to\s+you|call\s+you|ring\s+you|phone\s+you|"
    r"email\s+you|message\s+you|text\s+you|contact\s+you|reach\s+out|be\s+in\s+touch|update\s+you|keep\s+you\s+(?:updated|posted|informed)|"
    r"let\s+you\s+know|drop\s+you\s+a|send\s+you\s+an\s+update|keep\s+an\s+eye|monitor|confirm\s+(?:with\s+you|that|it|once|when))\b",
    re.IGNORECASE,
)
_STEP_RE = re.compile(
    r"(?:^|\n)\s*(?:\d+[.)]|[-*•])\s+\w"
    r"|\b(?:go\s+to|open|tap|click|select|choose)\s+[\w'\"‘“]+(?:\s+\w+){0,3}\s*(?:>|→|then|and\s+(?:then\s+)?(?:tap|click|select|choose))"
    r"|\bfirst\b.{0,200}?\b(?:then|next|after\s+that)\b",
    re.IGNORECASE | re.DOTALL,
)
_WHAT_HAPPENS_RE = re.compile(
    r"\b(?:will|'ll|should|is\s+going\s+to|are\s+going\s+to|is\s+due\s+to|are\s+due\s+to|is\s+booked\s+to|is\s+scheduled\s+to|"
    r"is\s+on\s+(?:its|their)\s+way|arrives?|arriving|lands?|reaches?|comes?|reopens?|expires?|is\s+due|are\s+due|starts?|takes?|"
    r"is\s+coming|are\s+coming|you'll\s+(?:get|see|receive|hear))\b",
    re.IGNORECASE,
)


def _sentence_of(reply: Reply, offset: int) -> tuple[int, int]:
    return reply.parsed.sentence_at(offset)


class AcknowledgesFeelings(Check):
    code = "STR001"
    name = "acknowledges-feelings"
    category = "strength"
    default_severity = Severity.INFO
    summary = "Names or responds to the customer's feeling or situation."
    what = (
        "Finds acknowledgement that is about this customer: 'I'm so sorry about your mother', 'I can "
        "see why that's frustrating after three tries', 'that must have been worrying'. A stock "
        "'sorry for the inconvenience' is not acknowledgement."
    )
    why = "Customers who feel heard forgive a lot; this is the sentence a team lead wants to praise."
    limits = "Phrase-based: acknowledgement in unusual words is missed; sincerity is not judged."
    instead = "Keep doing it: name the feeling or situation, then solve the problem."
    examples = {
        "fail": [
            {"context": [("customer", "My mother died last week.")], "reply": "I'm so sorry about your mother. I've cancelled her orders."},
            {"context": [("customer", "Third time asking!")], "reply": "I can see why that's frustrating after three tries."},
        ],
        "pass": [
            "Sorry for the inconvenience. Your refund is on its way.",
            "You mentioned the previous agent said 'I understand how you feel'. Your order ships today.",
        ],
    }

    def setup(self) -> None:
        self.ack = acknowledgement()

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        m = self.ack.find(reply)
        if m is None and any(s.kind == "hardship" for s in state.distress):
            m = self.ack.find(reply, hardship=True)
        if m is not None:
            yield self.finding(m.start(), m.end(), "Acknowledges how the customer feels or what they are going through.", "Keep doing this.")


class TakesOwnership(Check):
    code = "STR002"
    name = "takes-ownership"
    category = "strength"
    default_severity = Severity.INFO
    summary = "A first-person action or commitment that resolves the issue ('I've refunded', 'I'll send')."
    what = (
        "Finds a first-person action that resolves the issue or a firm commitment to do so: 'I've "
        "refunded the charge', 'I'll send a new one today', 'that's on me'. 'Let me check', 'I've "
        "forwarded it to another team' and promises only on a condition ('if it's lost, I'll ...') "
        "do not count."
    )
    why = "Ownership turns a conversation into a solved problem, and tells the customer someone is responsible."
    limits = "Verb lists: an action described in the passive ('a refund has been issued') is not credited."
    instead = "Keep doing it: say what you did, in the first person."
    examples = {
        "fail": [
            "I've refunded the duplicate charge to your card.",
            "That's on me. I'll send a replacement today.",
        ],
        "pass": [
            "Let me check with the warehouse.",
            "I've forwarded it to another team.",
            "If it doesn't arrive by Friday, I'll send another.",
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        for m in _OWNERSHIP_RE.finditer(text):
            if reply.parsed.in_quotes(m.start(), m.end()):
                continue
            verb_part = m.group()
            if _NOT_OWNERSHIP_RE.search(verb_part):
                continue
            s_start, _ = _sentence_of(reply, m.start())
            if _CONDITIONAL_RE.search(text, s_start, m.start()):
                continue
            yield self.finding(m.start(), m.end(), "Takes ownership: a first-person action that resolves the issue.", "Keep doing this.")
            return


class OffersFollowUp(Check):
    code = "STR003"
    name = "offers-follow-up"
    category = "strength"
    default_severity = Severity.INFO
    summary = "Commits to get back in touch at a concrete time or trigger ('I'll check back on Friday')."
    what = (
        "Finds a commitment to contact the customer again to check on or confirm the outcome, tied to "
        "a time or a trigger: 'I'll check back on Friday', 'I'll email you once it ships'. Delivering "
        "a requested item by a deadline is a clear next step, not a follow-up."
    )
    why = "A follow-up closes the loop: the customer does not have to chase, and problems that recur are caught."
    limits = "Needs a time or trigger in the same sentence; 'we'll be in touch' alone is not credited."
    instead = "Keep doing it: name when you will get back in touch."
    examples = {
        "fail": [
            "I'll check back with you on Friday to confirm the refund has arrived.",
            "I'll email you once the engineer has been.",
        ],
        "pass": [
            "We'll be in touch.",
            "I'll send the returns label by Friday.",
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        for m in _FOLLOW_UP_RE.finditer(text):
            if reply.parsed.in_quotes(m.start(), m.end()):
                continue
            s_start, s_end = _sentence_of(reply, m.start())
            if _TIME_RE.search(text, s_start, s_end):
                yield self.finding(m.start(), m.end(), "Offers a concrete follow-up.", "Keep doing this, and do follow up.")
                return


class UsesCustomerName(Check):
    code = "STR004"
    name = "uses-customer-name"
    category = "strength"
    default_severity = Severity.INFO
    summary = "Uses the customer's correct name, or honorific + surname."
    what = (
        "Finds the customer's own name in the reply, as they gave it ('I'm Dana', a sign-off, "
        "'Mr. Delgado'). A wrong name or honorific never counts."
    )
    why = "Using the name the customer gave is a small, cheap signal of attention."
    limits = "Only names the customer wrote in an earlier turn are known."
    instead = "Keep doing it, with the name and form the customer used."
    examples = {
        "fail": [
            {"context": [("customer", "Hi, I'm Dana and my order is late.")], "reply": "Hi Dana, sorry about the delay."},
            {"context": [("customer", "Regards, Mr. Delgado")], "reply": "Thank you, Mr. Delgado."},
        ],
        "pass": [
            {"context": [("customer", "Hi, I'm Dana and my order is late.")], "reply": "Hi Sarah, sorry about the delay."},
            {"context": [("customer", "Regards, Mr. Delgado")], "reply": "Thank you, Mrs. Delgado."},
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        first = state.first_name.value if state.first_name else None
        last = state.last_name.value if state.last_name else None
        candidates: list[str] = []
        if first:
            candidates.append(re.escape(first))
        if last:
            hon = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Mister)\.?\s+"
            candidates.append(hon + re.escape(last))
        for f in state.facts.get("name", []):
            if f.value.startswith(("#", "[", "<", "{")):
                candidates.append(re.escape(f.value))
        if not candidates:
            return
        pattern = re.compile(r"(?<![\w#\[<{])(?:" + "|".join(candidates) + r")(?![\w#\]>}])")
        for m in pattern.finditer(text):
            if reply.parsed.in_quotes(m.start(), m.end()):
                continue
            title = re.match(r"(Mr|Mrs|Ms|Miss|Mister)\b", m.group())
            if title and state.gender is not None:
                wrong = {"mr": "female", "mister": "female"}.get(title.group(1).lower()) or (
                    "male" if title.group(1).lower() in ("mrs", "ms", "miss") else None
                )
                if wrong == state.gender:
                    continue
            if title and state.honorific is not None and title.group(1).lower() != state.honorific.value.lower().rstrip("."):
                continue
            yield self.finding(m.start(), m.end(), "Uses the customer's name.", "Keep doing this.")
            return


class ClearNextStep(Check):
    code = "STR005"
    name = "clear-next-step"
    category = "strength"
    default_severity = Severity.INFO
    summary = "Tells the customer what happens next and when, or gives concrete steps."
    what = (
        "Finds a statement of what happens next with a time frame ('the courier comes on Thursday "
        "between 9 and 12', 'the refund reaches your card within 3-5 working days') or concrete "
        "steps (numbered steps, 'go to Settings > Privacy and turn off ...')."
    )
    why = "Customers contact support again mostly because they do not know what happens next."
    limits = "A time frame must be stated in the same sentence; 'soon' or a bare menu location is not credited."
    instead = "Keep doing it: say what happens next, and when."
    examples = {
        "fail": [
            "The courier will collect it on Thursday between 9 and 12.",
            "Your refund will reach the card within 3-5 working days.",
            "Go to Settings > Privacy and turn off 'Lock app'.",
        ],
        "pass": [
            "We'll look into it.",
            "It's under Payments > Limits.",
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        for t in _TIME_RE.finditer(text):
            s_start, s_end = _sentence_of(reply, t.start())
            sent = text[s_start:s_end]
            if _WHAT_HAPPENS_RE.search(sent) and not reply.parsed.in_quotes(t.start(), t.end()):
                yield self.finding(s_start, s_end, "Says what happens next, and when.", "Keep doing this.")
                return
        m = _STEP_RE.search(text)
        if m is not None:
            s_start, s_end = _sentence_of(reply, m.start() + (1 if text[m.start()] == "\n" else 0))
            yield self.finding(s_start, s_end, "Gives concrete steps to follow.", "Keep doing this.")


CHECKS = [AcknowledgesFeelings, TakesOwnership, OffersFollowUp, UsesCustomerName, ClearNextStep]
