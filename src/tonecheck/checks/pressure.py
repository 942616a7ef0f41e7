"""Pressure: letting a customer leave when they ask to.

- ``retention-pressure`` (PRS001): after a clear request to cancel or leave, the reply
  demands a reason, repeats offers after a refusal, makes cancelling conditional, or stalls.
  One polite offer before cancelling is fine; an offer after "no" is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tonecheck.checks.base import Check, Reply
from tonecheck.context import ConversationState
from tonecheck.lexicon import compile_phrases, folded, load_lexicon, lower_twin
from tonecheck.types import Finding, Severity

if TYPE_CHECKING:
    from tonecheck.nlp import Parsed

__all__ = ["CHECKS", "RetentionPressure"]

_REASON_DEMAND_RE = re.compile(
    r"\bwhy\s+(?:do|would|are|did)\s+you\s+(?:\w+\s+){0,2}(?:want\s+to\s+|wish\s+to\s+|like\s+to\s+|need\s+to\s+)?(?:cancel|leave|leaving|cancelling|canceling|go|switch|close)\w*"
    r"|\b(?:can|could|may)\s+i\s+ask\s+(?:you\s+)?(?:why|what(?:'s|\s+is)\s+the\s+reason)"
    r"|\bwhat(?:'s|\s+is|\s+was)\s+(?:the|your)\s+(?:main\s+)?reason"
    r"|\b(?:the|a|your)\s+reason\s+(?:for|why)\s+(?:\w+\s+){0,2}(?:cancel|leav|clos|switch)\w*"
    r"|\bwhat\s+(?:made|makes|is\s+making|has\s+made)\s+you\s+(?:want\s+to\s+)?(?:cancel|leave|decide|consider|switch|go)"
    r"|\b(?:tell|give)\s+me\s+(?:what\s+)?(?:the|your|a)\s+reason"
    r"|\bwhy\s+(?:cancel|leave)\b"
    r"|\b(?:tell|told|telling)\s+me\s+why\b|\b(?:without|need|require)\s+a\s+reason\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:tempting|making|prompting|driving)\s+you\s+to\s+(?:leave|go|cancel|switch|move)"
    r"|\bwhat\s+could\s+(?:we|i)\s+have\s+done\s+better\b|\breason\s+field\b|\bwhat\s+are\s+they\s+offering\b"
    r"|\bwhy\s+you(?:'d|\s+would|'re|\s+are|\s+want|\s+wish|'ve\s+decided|\s+have\s+decided|\s+decided)\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:cancel|leave|leaving|cancell?ing|go|switch|close|end)\w*"
    r"|\bwhat\s+(?:has\s+|'s\s+)?(?:prompted|led\s+(?:you\s+)?to|brought\s+(?:this|that)\s+on|is\s+behind|'s\s+behind)\b"
    r"|\bwhat(?:'s|\s+is)\s+the\s+reason\s+behind\b|\b(?:may|can)\s+i\s+know\s+(?:why|what|the\s+reason)\b"
    r"|\bif\s+you\s+don't\s+mind\s+(?:me\s+)?(?:asking|sharing)\b|\bmind\s+(?:if\s+i\s+ask|telling\s+me|sharing)\b"
    r"|\bis\s+it\s+(?:the\s+(?:price|cost|service|speed|contract)|because\s+of)\b"
    r"|\b(?:is|are)\s+(?:they|your\s+new\s+provider|the\s+new\s+provider|[\w']+\s+provider)\s+(?:giving|offering)\s+you\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:prompting|behind)\s+(?:the|this|your)\s+(?:move|decision|change|switch)\b"
    r"|\bwhat\s+would\s+(?:make|it\s+take\s+for|persuade|convince)\s+you\s+(?:to\s+)?stay\b"
    r"|\b(?:which|what)\s+(?:gym|provider|company|supplier|bank|network|insurer|service|app|competitor|club)\s+(?:are\s+you|you're|is\s+it|will\s+you\s+be)\b"
    r"|\b(?:which|what)\s+(?:provider|company|supplier|network|bank|gym|insurer)\s+(?:your\s+\w+|they|he|she|you)\s+(?:uses?|is\s+using|are\s+using|(?:is|are)\s+(?:moving|switching|going)\s+to|has|have)\b"
    r"|\bbefore\s+(?:i|we)\s+(?:can\s+)?(?:cancel|close|end|terminate|process)\b[^.!?]{0,20}?,?\s+(?:could|can|would)\s+you\s+(?:tell|let\s+me\s+know|share|explain)\b"
    r"|\bwhat(?:'s|\s+is)\s+(?:the\s+)?(?:main\s+)?(?:thing|problem|issue)\s+(?:that(?:'s|\s+is)\s+)?not\s+working\b|\bnot\s+working\s+for\s+you\b"
    r"|\bwhat\s+do\s+(?:they|the\s+others?|your\s+new\s+\w+)\s+(?:offer|have|do)\b"
    r"|\bwhat\s+(?:you'?ll|you\s+will|you'?re|you\s+are)\s+(?:be\s+)?(?:using|going\s+with|switching\s+to|moving\s+to)\b|\b(?:using|going\s+with|choosing)\s+instead\b"
    r"|\bwhat\s+(?:is|are|'s)\s+(?:they|your\s+(?:partner's|new)\s+(?:\w+\s+)?provider|the\s+other\s+(?:provider|company))\s+(?:charging|offering)\b",
    re.IGNORECASE,
)
_CONDITION_RE = re.compile(
    r"\b(?:i|we)\s+(?:can|could)\s+only\s+(?:cancel|close|process|terminate|end)\w*\s+(?:\w+\s+){0,4}?(?:if|once|when|after|until)\b"
    r"|\b(?:you(?:'ll|\s+will)?\s+(?:need|have)\s+to|you\s+must)\s+(?:first\s+)?(?:call|phone|ring|visit|speak|talk|come|return|go|write|send\s+(?:us\s+)?a\s+letter|put\s+it\s+in\s+writing)\b"
    r"(?:.{0,80}?\b(?:cancel|close|retention|loyalty|store|shop|branch|department|team|relations|office)\w*)"
    r"|\bcan(?:'t|not|\s+not)\s+(?:be\s+)?(?:cancel\w*|closed?|process\w*)\s+(?:over|via|by|in|through|on)\s+(?:chat|email|the\s+phone|phone|here|this)"
    r"|\bcancell?ations?\s+(?:can\s+only\s+be|are\s+only|is\s+only|must\s+be)\b"
    r"|\bonly\s+(?:the|our)\s+(?:retention|loyalty|cancellations?)\s+(?:team|department)\s+can\b"
    r"|\b(?:cancell?(?:ing|ations?)|closing\s+(?:it|the\s+account|your\s+account))\s+(?:requires|needs|must\s+be\s+done)\b"
    r"|\bcan(?:'t|not|\s+not)\s+(?:do|process|action)\s+(?:it|that|this|cancell?ations?)\s+(?:on|over|via|by|through|in)\s+(?:the\s+|live\s+)?(?:chat|email|here)\b"
    r"|\b(?:can't|cannot|can\s+not|unable\s+to|not\s+able\s+to)\s+(?:cancel|close|end|terminate)\s+(?:\w+\s+){0,2}?(?:over|by|via|from|through|on)\s+(?:email|e-mail|here|chat|the\s+phone|phone|this\s+channel|live\s+chat)\b"
    r"|\byou(?:'ll|\s+will)?\s+(?:have|need)\s+to\s+(?:come\s+in(?:to)?|visit|go\s+(?:in)?to|pop\s+(?:in)?to|speak\s+to|call\s+in\s+to)\s+(?:the\s+|a\s+|your\s+)?(?:club|store|shop|branch|reception|office)\b"
    r"|\bplease\s+(?:speak|talk)\s+to\s+(?:reception|the\s+club|the\s+store|your\s+branch|the\s+front\s+desk)\b"
    r"|\bcan\s+only\s+be\s+(?:closed|cancell?ed|ended|terminated)\s+(?:after|once|if|when|by|in)\b"
    r"|\bto\s+cancel,?\s+(?:i(?:'ll|\s+will)\s+need\s+to\s+(?:pass|transfer|put)\s+you|you(?:'ll|\s+will)\s+(?:need|have)\s+to\s+(?:call|ring|phone|write|visit))\b"
    r"|\b(?:cancell?ations?|requests?\s+to\s+cancel)\s+(?:have|has|need|needs)\s+to\s+be\s+(?:requested|made|submitted|sent|done)\s+(?:in\s+writing|by\s+(?:post|letter|phone)|in\s+(?:person|store|branch))\b"
    r"|\b(?:post|send|write)\s+(?:us\s+)?a\s+letter\s+to\s+(?:our|the)\s+(?:head\s+office|cancellations?\s+(?:team|department))\b",
    re.IGNORECASE,
)
_STALL_RE = re.compile(
    r"\bare\s+you\s+(?:absolutely\s+|completely\s+|really\s+|100%\s+|quite\s+)?(?:sure|certain)\b|\b(?:think|sleep)\s+(?:about\s+it|on\s+it|it\s+over)\b"
    r"|\bgive\s+(?:it|us)\s+(?:another|one\s+more)\s+(?:chance|try|month|go)\b|\breconsider\b"
    r"|\b(?:transfer|put)\s+you\s+(?:through\s+)?to\s+(?:our\s+|the\s+)?(?:retention|loyalty|customer\s+loyalty|save)\b"
    r"|\b(?:retention|loyalty)\s+(?:team|department|specialists?)\b|\bspecialist\s+review\b"
    r"|\b(?:call|contact|ring)\s+you\s+(?:\w+\s+){0,5}?to\s+discuss\s+(?:closing|cancell?ing|your\s+cancell?ation|leaving|it)\b"
    r"|\bplease\s+hold\b|\bbear\s+with\s+me\s+while\s+i\s+(?:look|see|check)\s+(?:for|at|what)\s+(?:offers|deals|options)"
    r"|\blet\s+me\s+(?:see|check)\s+(?:what|if)\s+(?:offers|deals|i\s+can\s+do|we\s+can\s+do|there\s+are)"
    r"|\bbefore\s+(?:we|i)\s+(?:do\s+that|go\s+(?:any\s+)?further|process\s+that|proceed)\b"
    r"|\bbefore\s+(?:closing|cancell?ing|ending|terminating)\s+(?:it|this|that|your\s+\w+|the\s+\w+)\b[^.!?]{0,40}\b(?:pass|transfer|put|refer|hand)\s+you\b"
    r"|\bbefore\s+(?:we|i|you)\s+(?:talk|speak|think|get|move\s+on)\s+(?:about|to|on\s+to|into)\s+(?:cancell?ing|(?:the|your|a)\s+cancell?ation|closing|leaving|switching)\b"
    r"|\bhave\s+you\s+considered\b|\bit\s+would\s+be\s+a\s+(?:shame|pity)\b|\byou'?ll\s+lose\s+(?:all\s+)?(?:your|the)\b"
    r"|\b(?:to|could|would)\s+change\s+your\s+mind\b|\bwhat\s+would\s+it\s+take\b"
    r"|\bbefore\s+you\s+(?:decide|make\s+(?:a|your|the)\s+(?:final\s+)?decision|commit)\b"
    r"|\b(?:i'?d|i\s+would)\s+(?:really\s+|strongly\s+)?(?:recommend|suggest|advise)\s+(?:staying|keeping|holding|waiting)\b"
    r"|\bhave\s+you\s+(?:thought\s+about|looked\s+at)\s+(?:keeping|staying|switching\s+to\s+(?:a|our)|downgrading|pausing)\b"
    r"|\bwhy\s+not\s+(?:keep|stay|try|pause|downgrade)\b"
    r"|\bbefore\s+(?:we|i)\s+go\s+ahead,?\s+(?:can|could|may|let)\s+(?:i|me)\s+(?:tell|show|offer|mention)\b"
    r"|\b(?:put|pass|transfer)\s+you\s+(?:through\s+|over\s+)?to\s+(?:a|our|the)\s+(?:\w+\s+)?(?:specialist|colleague|team)\s+(?:who|to)\s+(?:can\s+)?(?:look\s+at|go\s+through|discuss|talk\s+(?:you\s+)?through)\s+(?:your\s+)?options\b"
    r"|\b(?:need|have)\s+to\s+get\s+(?:my\s+)?(?:manager|supervisor|team\s+lead)(?:'s)?\s+(?:approval|sign[- ]off|permission)\b"
    r"|\bis\s+there\s+(?:nothing|anything)\s+(?:i|we)\s+can\s+do\s+to\s+(?:change\s+your\s+mind|keep\s+you|make\s+you\s+stay)\b"
    r"|\bchange\s+(?:things|anything)\s*\?|\b(?:talk|think)\s+it\s+(?:over|through)\b|\bbefore\s+anything\s+is\s+(?:closed|cancell?ed|ended)\b"
    r"|\bwould\s+(?:a|an|some)\s+(?:free|discount|\d+\s*%|half|cheaper|lower|extra)\b"
    r"|\bhow\s+about\b[^.?!]{0,40}\b(?:off|free|discount|price|cheaper|months?)\b"
    # Agreeing, then "but": "Sure, but can I ask ...", "I can, but you'd lose ..."
    r"|^\W*(?:sure|of\s+course|i\s+can|yes|ok(?:ay)?|certainly|no\s+problem|absolutely|i\s+understand|understood)\b[^.!?]{0,15}?,?\s+but\s+(?!first\s+(?:i\s+need|can\s+you|could\s+you|please)\s+(?:to\s+)?(?:confirm|verify|check))"
    r"|\bbefore\s+(?:i|we)\s+(?:cancel|close|end|terminate|process)\b[^.!?]{0,20}?,?\s+(?:let\s+me|can\s+i|could\s+i|may\s+i|i(?:'d|\s+would)\s+like\s+to)\s+(?!confirm|verify|check\s+(?:your|the)\s+(?:details|account|identity))"
    r"|\bare\s+you\s+(?:happy|ok|okay|fine|comfortable|prepared)\s+(?:to\s+)?(?:lose|losing|give\s+up|giving\s+up|miss|missing)\b"
    r"|\bescalate\s+(?:the\s+|your\s+|all\s+)?cancell?ations?\b|\bcancell?ations?\s+(?:go|goes|are\s+sent|are\s+passed)\s+to\s+(?:my|a|the)\s+(?:supervisor|manager)\b"
    r"|\bdon't\s+(?:go|leave)\s+(?:yet|just\s+yet)\b|\bwait,?\s+(?:don't|before)\b"
    r"|\b(?:find|get|offer)\s+you\s+(?:a\s+)?(?:better|cheaper|lower)\s+(?:price|deal|offer|rate|plan)\b",
    re.IGNORECASE,
)
#: An offer made clearly optional, with cancelling as the plain alternative.
_OPTIONAL_RE = re.compile(
    r"\bor\s+(?:shall|should|would\s+you\s+like\s+me\s+to)\s+i\s+(?:just\s+)?(?:go\s+ahead\s+(?:and\s+)?)?(?:close|cancel|end|process)"
    r"|\bor\s+shall\s+i\s+(?:just\s+)?(?:go\s+ahead|close|cancel)|\b(?:if\s+not|otherwise),?\s+(?:no\s+problem|i(?:'ll|\s+will)\s+(?:close|cancel|go\s+ahead|switch|process))"
    r"|\bno\s+problem\s+(?:at\s+all\s+)?if\s+not\b|\b(?:entirely|completely|totally)\s+up\s+to\s+you\b",
    re.IGNORECASE,
)
#: A customer who turned down offers before any was made ("I don't want any offers").
_NO_OFFERS_RE = re.compile(
    r"\b(?:no|don't\s+want|do\s+not\s+want|not\s+interested\s+in|without)\s+(?:any\s+)?(?:more\s+)?(?:offers?|deals?|discounts?)\b",
    re.IGNORECASE,
)
#: Feedback asked for as optional: "it's optional", "if you have a moment", "a short survey".
_OPTIONAL_FEEDBACK_RE = re.compile(
    r"\b(?:it's|it\s+is|totally|completely|entirely)\s+optional\b|\bif\s+you\s+(?:have\s+a\s+(?:moment|minute)|don't\s+mind|'d\s+like|would\s+like)\b"
    r"|\b(?:no\s+need|you\s+don't\s+have)\s+to\b|\bsurvey\b",
    re.IGNORECASE,
)
#: A reason question the agent says the customer may skip ("it's completely optional").
_STRONG_OPTIONAL_RE = re.compile(
    r"\b(?:it's|it\s+is|that's|totally|completely|entirely|purely)\s+(?:\w+\s+)?optional\b"
    r"|\byou\s+(?:don't|do\s+not)\s+have\s+to\s+(?:say|answer|tell|give|share)\b|\bno\s+need\s+to\s+(?:say|answer|tell|explain|give)\b"
    r"|\bfeel\s+free\s+to\s+(?:skip|ignore)\b|\beither\s+way,?\s+(?:i(?:'ll|\s+will)|it(?:'ll|\s+will))\b",
    re.IGNORECASE,
)
#: The agent agrees to cancel in the same reply ("Sure, I can set that up").
_AGREE_RE = re.compile(
    r"\b(?:sure|of\s+course|certainly|no\s+problem|absolutely|happy\s+to\s+help)\b[^.!?]{0,20}[,.!]?\s*(?:i\s+can|i(?:'ll|\s+will)|i(?:'m|\s+am)|we\s+can|that's)\b"
    r"|\bi\s+can\s+(?:set\s+that\s+up|do\s+that|arrange\s+that|process\s+(?:that|it|this)|cancel\s+(?:that|it|this))\b"
    r"|\bi(?:'ll|\s+will)\s+(?:cancel|close|process|set\s+up\s+the\s+cancell?ation)\b",
    re.IGNORECASE,
)
_NOT_YET_RE = re.compile(r"\b(?:before|until|once|when|if|after|unless)\b[^.!?]*$", re.IGNORECASE)
_DONE_RE = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have)\s+(?:now\s+|just\s+)?(?:cancell?ed|closed|terminated|processed\s+(?:the|your)\s+cancell?ation)\b"
    r"|\b(?:is|has\s+been|will\s+be)\s+(?:now\s+)?(?:cancell?ed|closed|terminated)\b",
    re.IGNORECASE,
)


def _said_done(parsed: Parsed) -> bool:
    """Whether the reply says the cancellation is done ("I've cancelled it from 31 May").

    Memoised on the parse (a function of the text alone): each later reply of the chat
    asks it of every earlier one."""
    done = parsed.__dict__.get("_cancel_done")
    if done is None:
        text = parsed.text
        rx, on = _on(_DONE_RE, text)
        done = any(not _NOT_YET_RE.search(text, max(0, m.start() - 30), m.start()) for m in rx.finditer(on))
        parsed.__dict__["_cancel_done"] = done
    return done


def _twins(*patterns: re.Pattern[str]) -> dict[int, re.Pattern[str]]:
    """Case-sensitive twins of the long alternations, run on the lower-cased reply: the same
    matches at the same offsets, several times faster (see ``lexicon.lower_twin``)."""
    return {id(p): t for p in patterns if (t := lower_twin(p)) is not None}


_TWINS = _twins(_REASON_DEMAND_RE, _CONDITION_RE, _STALL_RE, _DONE_RE)


def _on(pattern: re.Pattern[str], text: str) -> tuple[re.Pattern[str], str]:
    """The pattern to run and the text to run it on: the lower-case twin where it is safe."""
    twin = _TWINS.get(id(pattern))
    if twin is not None:
        low = folded(text)
        if low is not None:
            return twin, low
    return pattern, text


class RetentionPressure(Check):
    code = "PRS001"
    name = "retention-pressure"
    category = "pressure"
    default_severity = Severity.ERROR
    summary = "After a request to cancel: demands a reason, repeats offers after a refusal, makes cancelling conditional, or stalls."
    what = (
        "Once the customer has asked to cancel or leave, flags a reply that demands a reason (worse "
        "when the reason was given), makes another offer after the customer said no (or repeats an "
        "earlier offer), makes cancelling conditional ('I can only cancel once you ...'), or stalls "
        "('are you sure?', 'let me transfer you to our loyalty team'). One polite offer, accepted "
        "'no', then cancelling promptly is not pressure."
    )
    why = (
        "Keeping customers on the line who only want to leave is the most complained-about practice "
        "in subscription support, a regulatory risk in several countries, and it turns a lost "
        "customer into a hostile one."
    )
    limits = (
        "Needs the cancel request in the customer's words ('cancel my subscription', 'close my "
        "account'). An offer in unusual words after a refusal is missed."
    )
    instead = "Confirm the cancellation, say when it takes effect and what happens to equipment and bills."
    examples = {
        "fail": [
            {"context": [("customer", "I want to cancel my subscription, I'm moving abroad.")], "reply": "Why do you want to cancel?"},
            {
                "context": [
                    ("customer", "Please cancel my account."),
                    ("agent", "I can offer you 50% off for three months."),
                    ("customer", "No thanks, just cancel it."),
                ],
                "reply": "How about a free upgrade to premium channels instead?",
            },
            {"context": [("customer", "Cancel my plan please.")], "reply": "I can only cancel it once you return the box to a store."},
        ],
        "pass": [
            {
                "context": [
                    ("customer", "Please cancel my account."),
                    ("agent", "Of course. Before I do, I can offer 50% off for three months if you'd like to stay."),
                    ("customer", "No thanks."),
                ],
                "reply": "No problem. I've cancelled your account; you'll get a final bill on 5 July.",
            },
            {"context": [("customer", "Can you tell me why my bill went up?")], "reply": "What's the reason you're asking?"},
            {"context": [("customer", "I want to cancel my order.")], "reply": "I've cancelled order 5531; the refund reaches your card in 3-5 days."},
        ],
    }

    def setup(self) -> None:
        self.offer_re = compile_phrases(load_lexicon("customer_signals").get("agent_offer", []))

    def run(self, reply: Reply, state: ConversationState) -> Iterable[Finding]:
        req = state.cancel_request
        if req is None:
            return
        text = reply.text
        parsed = reply.parsed
        # "It is closed" says it is done; "before anything is closed" does not.
        done = _said_done(parsed)
        reason = state.cancel_reason
        rx, on = _on(_REASON_DEMAND_RE, text)
        for m in rx.finditer(on):
            if parsed.in_quotes(m.start(), m.end()):
                continue
            if done and _OPTIONAL_FEEDBACK_RE.search(text):
                continue  # cancelled first, feedback asked for after and made optional
            if (
                reason is None
                and _STRONG_OPTIONAL_RE.search(text)
                and _AGREE_RE.search(text)
                and not any(self.code in r.codes for r in state.agent_replies if r.turn > req.turn)
            ):
                continue  # "Sure, I can set that up. What's the reason? It's completely optional."
            start, end = parsed.sentence_at(m.start())
            given = f" although they gave it in turn {reason.turn} (\u201c{reason.text}\u201d)" if reason else ""
            yield self.finding(
                start, end,
                f"Demands a reason for cancelling{given}; the customer asked to cancel in turn {req.turn}.",
                "Confirm the cancellation; if you want feedback, ask after it is done and make it optional.",
                evidence=(reason or req).evidence(),
            )
            return
        offer = self.offer_re.search(text)
        if offer is not None and not parsed.in_quotes(offer.start(), offer.end()) and not done:
            refused = state.refusals[-1] if state.refusals else None
            earlier = state.offers[0] if state.offers else None
            # An offer after an earlier pressure move (a reason demanded, a stall) is the
            # second push, not the one polite offer.
            pushed = next((r for r in state.agent_replies if r.turn > req.turn and self.code in r.codes), None)
            optional = (
                earlier is None
                and _OPTIONAL_RE.search(text) is not None
                and not any(_NO_OFFERS_RE.search(p.text) for t, p in state.customer_turns if t >= req.turn)
            )
            if (refused is not None or earlier is not None or pushed is not None) and not optional:
                start, end = parsed.sentence_at(offer.start())
                why = (
                    f"after the customer said \u201c{refused.text}\u201d in turn {refused.turn}"
                    if refused is not None
                    else f"after an offer in turn {earlier.turn}"
                    if earlier is not None
                    else f"after pressing the customer in turn {pushed.turn if pushed else req.turn}"
                )
                yield self.finding(
                    start, end,
                    f"Makes another retention offer {why}.",
                    "Accept the answer and cancel: \u201cUnderstood, I've cancelled it.\u201d",
                    evidence=(refused.evidence() if refused is not None else req.evidence()),
                )
                return
        if not done:
            # Cancelled in an earlier reply: "do it before the 31st" about porting the
            # number afterwards stalls nothing.
            done = any(r.turn > req.turn and _said_done(r.parsed) for r in state.agent_replies)
        for pattern, what in ((_CONDITION_RE, "makes cancelling conditional"), (_STALL_RE, "stalls the cancellation")):
            rx, on = _on(pattern, text)
            m = rx.search(on)
            if m is not None and not parsed.in_quotes(m.start(), m.end()) and not done:
                start, end = parsed.sentence_at(m.start())
                yield self.finding(
                    start, end,
                    f"The reply {what}; the customer asked to cancel in turn {req.turn} (\u201c{req.text}\u201d).",
                    "Process the cancellation now and say when it takes effect.",
                    evidence=req.evidence(),
                )
                return


CHECKS = [RetentionPressure]
