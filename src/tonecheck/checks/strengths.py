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
from tonecheck.checks.pressure import _CONDITION_RE, _STALL_RE, _on
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
    r"|end\s+of\s+(?:the\s+)?(?:day|week)|first\s+thing|overnight|as\s+soon\s+as|once\s+(?:it|the|we|you|your|that|they)|when\s+(?:it|the|we|you|your)"
    r"|in\s+the\s+next\s+(?:few\s+|\d+\s+|couple\s+of\s+)?(?:minutes?|hours?|days?)|within\s+(?:minutes|hours|the\s+hour)|for\s+the\s+next\s+\d+\s+(?:minutes?|hours?|days?)"
    r"|straight\s+away|right\s+away|immediately|the\s+same\s+day|same-day|midnight|midday|noon"
    r"|\d{1,2}(?::\d\d)?\s*(?:am|pm)\s*(?:to|-|and)\s*\d{1,2}(?::\d\d)?\s*(?:am|pm)"
    r"|(?:at\s+least\s+)?\d+\s+(?:minutes?|hours?|days?)\s+(?:before|after|from\s+now))"
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
    r"queued|split|attached|reported|emailed|posted|called|phoned|rang|messaged|texted|contacted|chased|"
    r"set\s+(?:it|that|this|them)\s+up|"
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
    r"|\blet\s+me\s+check\b|\b(?:'ll|will|going\s+to)\s+(?:\w+\s+)?(?:check|look\s+into|investigate|ask|chase|call|phone|email|text|message|contact|follow|monitor|ring)\b(?!\s+you\s+(?:the|a|an|your)\s+(?:\w+\s+)?(?:statement|label|invoice|receipt|form|link|code|document|copy|voucher|ticket|contract|pdf|letter|card|key|password|details|quote))"
    r"|\bi\s+(?:check|look\s+into|investigate|ask|chase|monitor|follow)\b",
    re.IGNORECASE,
)
#: First-person future: the agent commits to do something later.
_I_WILL_RE = re.compile(
    r"\b(?:i|we)(?:'ll|’ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+are\s+going\s+to|'re\s+going\s+to)\b", re.IGNORECASE
)
#: Getting back in touch to check on or confirm the outcome (after "I'll ...", in one sentence).
_FOLLOW_UP_ACT_RE = re.compile(
    r"\b(?:email|e-mail|message|text|call|ring|phone|contact|update|write\s+to|get\s+back\s+to|reach\s+out\s+to|check\s+(?:back\s+)?(?:in\s+)?with)\s+you\b"
    r"|\bcheck\s+(?:back|in|again)\b|\bcheck\b[^.?!]{0,60}?\bthat\b|\bfollow\s+up\b|\bbe\s+in\s+touch\b|\bkeep\s+you\s+(?:updated|posted|informed)\b"
    r"|\blet\s+you\s+know\b|\bkeep\s+an\s+eye\b|\bmonitor\b|\bto\s+(?:confirm|make\s+sure|check|test)\b|\breview\b[^.?!]{0,60}?\bagain\b"
    r"|\bconfirm\s+(?:with\s+you|that|it|once|when)\b|\bcheck\s+(?:on\s+)?(?:your|the|his|her|their)\s+\w+\s+(?:on|tomorrow|tonight|this|next|at|in)\b",
    re.IGNORECASE,
)
#: "I'll email you the statement": delivering an item is a next step, not a follow-up.
_DELIVERY_RE = re.compile(
    r"\b(?:email|e-mail|send|text|message|post)\s+you\s+(?:the|a|an|your)\s+(?:\w+\s+)?"
    r"(?:statement|label|invoice|receipt|form|link|code|document|copy|voucher|ticket|contract|pdf|letter|card|key|password|details|quote|certificate|confirmation|summary)\b",
    re.IGNORECASE,
)
#: Verbs that open an instruction: "Restart your phone", "Tick 'This is a gift'".
_IMPERATIVE = (
    r"restart|reboot|reload|refresh|sign\s+in|sign\s+out|log\s+in|log\s+out|enter|tick|untick|select|choose|tap|click|open|go|try|clear|"
    r"unplug|plug|hold|press|turn|switch|install|uninstall|reinstall|update|create|fill\s+in|fill\s+out|reply|ask|bring|drop|print|insert|type|"
    r"remove|add|delete|visit|use|download|follow|wait|make\s+sure|check|pair|connect|disconnect|scan|upload|attach|copy|paste|"
    r"set|change|reset|call|take|put|pack|keep|join|allow|enable|disable|move|book|post|return|show|present"
)
_IMPERATIVE_START_RE = re.compile(
    r"(?:(?:until|once|when|after|before|while)\s+[^,.:;]{1,60},\s+)?"
    r"(?:(?:please|just|then|now|first|next|finally|so|and|also|simply|to\s+\w+(?:\s+\w+){0,4},|(?:on|in|at|from)\s+[^,.:;]{1,40},)\s*)*"
    rf"(?:{_IMPERATIVE})\b",
    re.IGNORECASE,
)
#: A second action or a result in the same instruction: "... and make sure ...", "..., then choose ...".
_AND_THEN_RE = re.compile(
    rf"(?:,|;|\band\b|\bthen\b|\bwhen\b)\s*(?:then\s+|also\s+|please\s+)?(?!try\s+again\b)(?:{_IMPERATIVE})(?:ing)?\b"
    r"|\bwhich\s+(?:stops|fixes|resets|solves|clears|will)\b|\buntil\s+(?:the|it|you)\b"
    r"|\band\s+(?:it|they|you|the\s+\w+|your\s+\w+|uploads?|calls?)\s+(?:will|'ll|should)\b|\band\s+(?:they|it)'ll\b",
    re.IGNORECASE,
)
#: First words that can open an instruction (the verbs above and the openers before them).
_STEP_OPENERS = frozenset(
    {v.split("\\s+")[0] for v in _IMPERATIVE.split("|")}
    | {"please", "just", "then", "now", "first", "next", "finally", "so", "and", "also", "simply", "to", "on", "in", "at",
       "from", "until", "once", "when", "after", "before", "while"}
)
_FIRST_WORD_RE = re.compile(r"\W*([a-z]+)")
#: A sentence this long is not a clear step (hard-to-read replies are not credited).
_MAX_STEP_WORDS = 45
_WONT_RE = re.compile(r"\b(?:won't|will\s+not|can't|cannot)\b", re.IGNORECASE)
_STEP_RE = re.compile(
    r"(?:^|\n)\s*(?:\d+[.)]|[-*•])\s+\w|(?:^|\s)1[.)]\s+\w[^\n]{0,300}?\s2[.)]\s+\w"
    r"|\bfirst\b.{0,200}?\b(?:then|next|after\s+that)\b",
    re.IGNORECASE | re.DOTALL,
)
_WHAT_HAPPENS_RE = re.compile(
    r"\b(?:will|'ll|should|is\s+going\s+to|are\s+going\s+to|is\s+due\s+to|are\s+due\s+to|is\s+booked|are\s+booked|is\s+scheduled|"
    r"ends?|goes\s+live|go\s+live|works?|shows?|appears?|is\s+paid|are\s+paid|stops?|renews?|closes?|opens?|leaves?|ships?|"
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
            "I'll email you the closing statement today.",
            "If it still fails, reply here and I'll look again.",
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        span = _follow_up(reply)
        if span is not None:
            yield self.finding(span[0], span[1], "Offers a concrete follow-up.", "Keep doing this, and do follow up.")


def _follow_up(reply: Reply) -> tuple[int, int] | None:
    """Span of the first follow-up commitment: "I'll" + getting back in touch to check or
    confirm, with a time or trigger in the same sentence, and not a plain delivery."""
    text = reply.text
    for m in _I_WILL_RE.finditer(text):
        if reply.parsed.in_quotes(m.start(), m.end()):
            continue
        s_start, s_end = _sentence_of(reply, m.start())
        act = _FOLLOW_UP_ACT_RE.search(text, m.end(), s_end)
        if act is None or _TIME_RE.search(text, s_start, s_end) is None:
            continue
        if _CONDITIONAL_RE.search(text, s_start, m.start()):
            continue  # "If it doesn't work, reply here and I'll look again": the customer acts first
        if (
            _DELIVERY_RE.search(text, m.end(), s_end)
            and not _FOLLOW_UP_ACT_RE.search(text, act.end(), s_end)
            and act.group().lower().split()[0] in ("email", "e-mail", "message", "text")
        ):
            continue  # "I'll email you the statement today": a delivery
        return (m.start(), act.end())
    return None


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
            "To delete your account, go to Settings > Account > Delete account.",
            "I'll call you on Friday at 2 pm to check the line is working.",
        ],
    }

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        text = reply.text
        parsed = reply.parsed
        if state.cancel_request is not None:
            rx, on = _on(_STALL_RE, text)
            if rx.search(on):
                return  # a stall with a time frame is pressure, not a next step
            rx, on = _on(_CONDITION_RE, text)
            if rx.search(on):
                return  # "I can only close it once you ...": a condition, not a next step
        follow = _follow_up(reply)
        follow_sent = _sentence_of(reply, follow[0]) if follow else None
        for t in _TIME_RE.finditer(text):
            s_start, s_end = _sentence_of(reply, t.start())
            if parsed.in_quotes(t.start(), t.end()):
                continue
            if follow and (s_start, s_end) == follow_sent and t.start() > follow[0]:
                continue  # "I'll call you at 2 pm to check": a follow-up, not a next step
            sent = text[s_start:s_end]
            if _too_long(sent) or _GENERAL_RE.match(sent):
                continue
            if _WHAT_HAPPENS_RE.search(sent) and not _WONT_RE.search(sent):
                yield self.finding(s_start, s_end, "Says what happens next, and when.", "Keep doing this.")
                return
        m = _STEP_RE.search(text)
        if m is not None:
            s_start, s_end = _sentence_of(reply, m.start() + (1 if text[m.start()] == "\n" else 0))
            if not _too_long(text[s_start:s_end]):
                yield self.finding(s_start, s_end, "Gives concrete steps to follow.", "Keep doing this.")
                return
        instructions = []
        lower = parsed.lower
        for s_start, s_end in parsed.sentences:
            head = _FIRST_WORD_RE.match(lower, s_start, s_end)
            colon = lower.find(": ", s_start, min(s_end, s_start + 60))
            if (head is None or head.group(1) not in _STEP_OPENERS) and colon < 0:
                continue  # cheap gate: most sentences do not open with an instruction
            sent = text[s_start:s_end]
            m = _IMPERATIVE_START_RE.match(sent)
            if m is None and colon >= 0:
                m = _IMPERATIVE_START_RE.match(sent, colon - s_start + 2)
            if m is None or _too_long(sent) or parsed.in_quotes(s_start + m.start(), s_start + m.end()):
                continue
            instructions.append((s_start, s_end))
            if _AND_THEN_RE.search(sent, m.end()) or len(instructions) >= 2:
                start = instructions[0][0]
                yield self.finding(start, s_end, "Gives concrete steps to follow.", "Keep doing this.")
                return


def _too_long(sentence: str) -> bool:
    return sentence.count(" ") >= _MAX_STEP_WORDS


#: A general policy rather than this customer's next step: "If you cancel more than ...",
#: "Refunds for furniture are processed within 14 days".
_GENERAL_RE = re.compile(
    r"\s*(?:if\s+you|refunds|orders|payments|deliveries|returns|cancellations|transfers|we\s+(?:usually|normally|generally|always|convert))\b",
    re.IGNORECASE,
)


CHECKS = [AcknowledgesFeelings, TakesOwnership, OffersFollowUp, UsesCustomerName, ClearNextStep]
