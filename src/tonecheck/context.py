"""What the customer has said so far, extracted once per turn.

``ConversationState`` is updated turn by turn as a conversation is walked, so a
conversation of n turns costs O(n): each customer turn is read once for identifiers
(username, email, phone, order/account/ticket numbers), their name and honorific, the
questions they asked, signs of distress and a request to cancel; each agent reply is
remembered for the checks that compare against earlier replies.

Checks read the state; they never re-read earlier turns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tonecheck.lexicon import compile_phrases, load_lexicon
from tonecheck.nlp import Parsed
from tonecheck.tone import negative_word, polarity
from tonecheck.topics import shared_lexicon

__all__ = [
    "EMAIL_RE",
    "PLACEHOLDER_RE",
    "PLEASANTRY_RE",
    "URL_RE",
    "ConversationState",
    "Fact",
    "Question",
    "Signal",
    "StateExtractor",
    "reply_shingles",
]

# --- patterns shared with the checks -------------------------------------------------
EMAIL_RE = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"']{1,500}", re.IGNORECASE)
#: Placeholders left by anonymised exports: #NAME#, [EMAIL], <ORDER_ID>, {{name}}, __PHONE__.
PLACEHOLDER_RE = re.compile(
    r"#[A-Za-z_]{1,40}#|\[[A-Za-z_ ]{1,40}\]|<[A-Za-z_]{1,40}>|\{\{?[A-Za-z_ ]{1,40}\}\}?"
    r"|__[A-Za-z_]{1,40}__"
)

_VALUE = r"[\"'“”‘’]?(@?[A-Za-z0-9][A-Za-z0-9._@-]{1,63})"
_LINK = r"[\s:=#-]{0,3}(?:is|was|=|:|-)?[\s:#]{0,3}"
_ID_WORD = r"(?:number|no\.?|num|#|id|ref(?:erence)?|code)"

#: Fact kinds and the regexes that find a value the customer gave for them. Group 1 is
#: the value. Values must contain a digit unless the kind says otherwise.
_FACT_PATTERNS: dict[str, re.Pattern[str]] = {
    "username": re.compile(
        rf"\b(?:user\s?name|login(?:\s+(?:name|id))?|user\s?id|handle|screen\s?name|gamer\s?tag|player\s+(?:name|id|tag)|in-game\s+name){_LINK}{_VALUE}",
        re.IGNORECASE,
    ),
    "order number": re.compile(
        rf"\border(?:\s+{_ID_WORD})?(?:\?\s+|{_LINK})#?\s?([A-Za-z0-9][A-Za-z0-9-]{{2,40}})",  # "Where's my order? 33019-PL"
        re.IGNORECASE,
    ),
    "account number": re.compile(
        rf"\b(?:account|customer|member(?:ship)?|client|patient|loyalty|policyholder)(?:\s+{_ID_WORD}){_LINK}#?\s?([A-Za-z0-9][A-Za-z0-9-]{{2,40}})",
        re.IGNORECASE,
    ),
    "ticket number": re.compile(
        rf"\b(?:ticket|case|reference|ref|confirmation|booking|tracking|claim|reservation|policy)(?:\s+{_ID_WORD})?"
        rf"{_LINK}#?\s?([A-Za-z0-9][A-Za-z0-9-]{{2,40}})",
        re.IGNORECASE,
    ),
    "serial number": re.compile(
        rf"\bserial(?:\s+{_ID_WORD})?{_LINK}#?\s?([A-Za-z0-9][A-Za-z0-9-]{{2,40}})",
        re.IGNORECASE,
    ),
    "postcode": re.compile(
        r"\b(?:post\s?code|zip(?:\s?code)?)\s*(?:is|:)?\s*([A-Za-z0-9]{2,5}(?:\s?[A-Za-z0-9]{3})?)",
        re.IGNORECASE,
    ),
    "flight number": re.compile(r"\bflight(?:\s+(?:number|no\.?|#))?\s*(?:is|:)?\s*([A-Z]{2}\s?\d{2,4})\b"),
    "card digits": re.compile(
        r"\b(?:card|visa|mastercard|amex)\s+(?:number\s+)?(?:ending|ends|ending\s+in|ends\s+in|ending\s+with|ends\s+with)"
        r"\s*(?:in|with)?\s*[:#]?\s*((?:\*{2,4}\s?)?\d{4})\b"
        r"|\b(?:card\s+)?last\s+(?:four|4)(?:\s+(?:digits|numbers))?(?:\s+(?:are|is|of\s+(?:my|the)\s+card))?\s*[:#]?\s*(\d{4})\b",  # "Card last four 0932"
        re.IGNORECASE,
    ),
    # "I sent you my meter reading, 04512, on the 2nd", "reading today: 00318"
    "meter reading": re.compile(
        r"\b(?:meter\s+)?reading(?:\s+(?:is|was|of|today|now))?\s*[,:]?\s*(?:is\s+|was\s+)?(\d{4,7})\b", re.IGNORECASE
    ),
}
#: Words a fact pattern cannot match without (cheap gate before the regex).
_FACT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "username": ("user", "login", "handle", "screen", "gamertag", "gamer", "player", "in-game"),
    "order number": ("order",),
    "account number": ("account", "customer", "member", "client", "patient", "loyalty", "policyholder"),
    "ticket number": ("ticket", "case", "ref", "booking", "confirmation", "tracking", "claim", "reservation", "policy"),
    "flight number": ("flight",),
    "serial number": ("serial",),
    "postcode": ("post", "zip"),
    "card digits": ("card", "visa", "mastercard", "amex", "last four", "last 4"),
    "meter reading": ("reading",),
}
#: A UK postcode in its written form (outward code, space, inward code), upper case.
_UK_POSTCODE_RE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")
#: A date of birth the customer gave: "I was born 3 March 1988", "DOB 03/03/1988".
_DOB_RE = re.compile(
    r"\b(?:born(?:\s+on)?|date\s+of\s+birth(?:\s+is)?|dob)\s*:?\s*"
    r"(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\s+\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|[A-Za-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})",
    re.IGNORECASE,
)
# "account 40-11-22 31927745" names an account number without the word "number".
_BARE_ACCOUNT_RE = re.compile(r"\b(?:account|acct|a/c)\.?:?\s+(?:#\s?)?(\d[\d /-]{3,30}\d(?:-[A-Za-z]{1,4})?)\b", re.IGNORECASE)  # "Acct 30-11-42 / 11847265", "Acct 90441-TV"
#: Placeholders of anonymised exports stand for a value the customer gave.
_PLACEHOLDER_KINDS = (
    ("email", re.compile(r"e-?mail", re.I)),
    ("username", re.compile(r"user|login", re.I)),
    ("phone", re.compile(r"phone|mobile|tel", re.I)),
    ("order number", re.compile(r"order", re.I)),
    ("account number", re.compile(r"account|acct|customer_?id", re.I)),
    ("ticket number", re.compile(r"ticket|case|ref|booking|tracking", re.I)),
    ("postcode", re.compile(r"post_?code|zip", re.I)),
    ("name", re.compile(r"^\W*(?:customer_?|first_?|full_?)?name\W*$", re.I)),
)
# What the customer says they already tried: "I've restarted it", "I already tried resetting".
_TRIED_VERBS = {
    "restart": r"restart\w*|reboot\w*|power[- ]cycl\w*|turn\w*\s+(?:it|the\s+\w+|my\s+\w+)\s+off(?:\s+and\s+(?:back\s+)?on)?|switch\w*\s+(?:it|the\s+\w+|my\s+\w+)\s+off(?:\s+and\s+(?:back\s+)?on)?|unplug\w*",
    "reinstall": r"reinstall\w*|re-install\w*|uninstall\w*",
    "reset": r"reset\w*",
    "clear cache": r"clear\w*\s+(?:the\s+|my\s+)?(?:cache|cookies|browser\s+data)",
    "update": r"updat\w*",
    "log out": r"log\w*\s+out|sign\w*\s+out",
    "check spam": r"check\w*\s+(?:the\s+|my\s+)?(?:spam|junk)",
    "check in": r"check(?:ed)?[- ]in\s+(?:online|in\s+the\s+app|already)\b",
    "use another cable": r"(?:tried\s+|used\s+|swapped\s+(?:the\s+)?cable\s+for\s+)?(?:two|three|a|another|different|other|a\s+different|a\s+new|new)\s+(?:different\s+)?(?:cables?|chargers?|leads?|plugs?|sockets?|ports?)\b|swapped\s+the\s+(?:cable|charger|lead)",
}
_TRIED_RE = re.compile(
    r"\b(?:i|we)(?:'ve|\s+have|\s+had)?\s+(?:already\s+|also\s+|even\s+|just\s+)?(?:tried\s+(?:to\s+)?|done\s+(?:the|a)\s+(?:factory\s+|hard\s+|full\s+)?)?"
    r"(" + "|".join(f"(?P<{k.replace(' ', '_')}>{v})" for k, v in _TRIED_VERBS.items()) + r")",
    re.IGNORECASE,
)

#: The same without a subject, as terse customers write it: "Already restarted twice.",
#: "Restarted the router, still nothing." (a past form at the start of a sentence).
_TRIED_BARE_RE = re.compile(
    r"(?:^|(?<=[.!?,;]\s)|(?<=\n))(?:already\s+|also\s+|and\s+)?(?:tried\s+(?:to\s+)?|(?=[a-z]+ed\b))"
    r"(" + "|".join(f"(?P<{k.replace(' ', '_')}>{v})" for k, v in _TRIED_VERBS.items()) + r")",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d{1,4}\)?(?:[\s.-]?\d{2,5}){2,4}(?!\w)")
_PHONE_CONTEXT_RE = re.compile(r"\b(?:phone|mobile|cell|call|number|reach|tel|text)\b", re.IGNORECASE)
_NO_DIGIT_OK = {"username"}
_VALUE_STOP = {
    "is", "was", "and", "the", "not", "my", "it", "that", "this", "for", "on", "but", "or",
    "with", "to", "in", "of", "a", "an", "number", "please", "same", "still", "just", "as",
    "name", "id", "details", "info", "has", "have", "had", "again", "twice", "already",
}

_HONORIFIC_GENDER = {
    "mr": "male", "mister": "male", "sir": "male",
    "mrs": "female", "ms": "female", "miss": "female", "madam": "female", "ma'am": "female",
    "maam": "female",
}
#: A first name and an optional surname; letters with accents count ("Tomasz Wróbel").
_NAME = r"([A-Z][a-z\u00df-\u024f'’-]{1,30}(?:\s+[A-Z\u00c0-\u024f][a-z\u00df-\u024f'’-]{1,30})?)"
_HON = r"(Mr|Mrs|Ms|Miss|Mister|Dr|Mx)\.?"
_SELF_NAME_RES = [
    re.compile(rf"\bmy name(?:'s| is)\s+(?:{_HON}\s+)?{_NAME}"),
    re.compile(rf"\b(?:[Ii]'m|[Ii] am|[Tt]his is|[Ii]t's|[Ii]t is|[Cc]all me)\s+{_HON}\s+{_NAME}"),
    re.compile(rf"(?:^|[.!?]\s+)(?:[Hh]i|[Hh]ello|[Hh]ey)?,?\s*(?:[Ii]'m|[Tt]his is)\s+{_NAME}\b"),
    re.compile(rf"^\W*(?:[Hh]i|[Hh]ello|[Hh]ey)(?:\s+there)?,?\s+[Ii]t'?s\s+{_NAME}\b"),
    re.compile(rf"(?:^|[.!?,]\s+){_HON}\s+([A-Z][a-z\u00df-\u024f'’-]{{1,30}})\s+(?:here|speaking)\b"),
    re.compile(rf"(?:^|[.!?]\s+|\n)(?:[Hh]i,?\s+|[Hh]ello,?\s+)?{_NAME}\s+here\b"),
    # "name Ruth Ellery", "Name is Chloe Barnard", "Name: Jo Park"; not a third party's
    # ("her name is Joan Pryce", "my son's name is Leo").
    re.compile(rf"(?<![Hh]er )(?<![Hh]is )(?<![Tt]heir )(?<!'s )(?<!’s )\b[Nn]ame(?:'s|’s|\s+is|:)?\s+(?:{_HON}\s+)?{_NAME}"),
    # "It's Aisha Rahman, card ending 4417."
    re.compile(r"(?:^|[.!?]\s+)(?:[Ii]t's|[Ii]t is|[Tt]his is)\s+([A-Z][a-z\u00df-\u024f'’-]{1,30}\s+[A-Z][a-z\u00df-\u024f'’-]{1,30})(?=\s*[,.]|\s+here\b)"),
    re.compile(rf"\b[Cc]all me\s+{_NAME}\b"),
    # "Account holder Benedikt Saar.", "Name on the account: Jo Park"
    re.compile(rf"\b(?:[Aa]ccount|[Pp]olicy|[Bb]ooking|[Mm]ember(?:ship)?)\s+(?:holder|owner|name)(?:\s+is)?:?\s+(?:{_HON}\s+)?{_NAME}"),
    re.compile(rf"\b[Nn]ame on the (?:account|policy|booking|card|order)(?:\s+is)?:?\s+(?:{_HON}\s+)?{_NAME}"),
    re.compile(
        rf"\b(?:[Ii]'m|[Ii] am)\s+(?:her|his|their|the)\s+(?:daughter|son|wife|husband|partner|mother|father"
        rf"|mum|mom|dad|sister|brother|carer|caregiver|niece|nephew|grandson|granddaughter),?\s+{_NAME}\b"
    ),
]
_SIGNOFF_RE = re.compile(
    rf"(?:^|\n|[.!?]\s+|,\s+|\s(?=[-–—~])|[.!?]\s+(?:[Aa]nyway|[Aa]gain|[Mm]any|[Oo]k(?:ay)?|[Ss]o),?\s+)(?:(?:[Tt]hanks|[Tt]hank you|[Rr]egards|[Bb]est(?: regards)?|[Cc]heers|"
    rf"[Ss]incerely|[Kk]ind regards|[Tt]hx)[,!.]?\s+|[-–—~]\s*)(?:{_HON}\s+(?:[A-Z]\.\s*)?)?{_NAME}\.?\s*$"
)
#: Words that end a message on their own without being a name.
_LONE_NOT_NAMES = frozenset(
    ["help", "please", "thanks", "thank", "cheers", "regards", "urgent", "bye", "anyone", "hello", "hi", "hey", "sorry", "seriously", "ridiculous", "unbelievable", "useless", "pathetic", "now", "asap", "today", "tomorrow", "again", "still", "nothing", "anything", "everything", "rubbish", "disgusting", "shocking", "ugh", "why", "what", "where", "when", "how", "who", "yes", "yep", "no", "nope", "ok", "okay", "cancel", "done", "finally", "appreciated", "ta", "best", "love", "thx", "thankyou", "sincerely", "waiting", "nobody", "anybody", "someone", "great", "perfect", "fine", "whatever", "really", "honestly", "amazing", "brilliant"]
)
#: A first name alone after the last sentence of the first message: "... it still happens. Farid"
_RECOVERED_RE = re.compile(
    r"\b(?:he's|she's|they're|i'm|it's|he\s+is|she\s+is|they\s+are|i\s+am|we're)\s+(?:totally\s+|completely\s+|all\s+|fully\s+)?"
    r"(?:fine|ok|okay|better|recovered|well|back\s+to\s+normal)\s+now\b",
    re.IGNORECASE,
)
#: Capitals that name a product: followed by what it is ("SMARTSAVE tariff", "FLEXIFIX
#: tariffs", "PLUS plan"), or listed with one that is.
_NAMED_CAPS_RE = re.compile(
    r"(?:\s+(?:and|or)\s+[A-Z]{3,})?\s+(?:tariffs?|plans?|packages?|bundles?|accounts?|cards?|subscriptions?|memberships?|boxes?|routers?|app|model|range|deal|offer|policy)\b"
)
_ASIDE_RE = re.compile(r"\s\((?:not|no|it's|its|pronounced|aka|spelt|spelled)\b[^()\n]{0,30}\)")
_LONE_SIGNATURE_RE = re.compile(r"(?:[.!?)]|\n)\s*([A-Z][a-z\u00df-\u024f'’-]{2,20})\.?\s*$")
_BARE_SIGNOFF_RE = re.compile(
    rf"(?:\n\s*(?:[-–—~]\s*)?(?:{_HON}\s+)?{_NAME}"
    rf"|(?:[.!?)]|\d,)\s+(?:{_HON}\s+)?([A-Z][a-z\u00df-\u024f'’-]{{1,30}}\s+[A-Z][a-z\u00df-\u024f'’-]{{1,30}})"
    rf"|[.!?)]\s+{_HON}\s+([A-Z][a-z\u00df-\u024f'’-]{{1,30}}))\.?\s*$"
)
#: A reference number or address after a signature: "(employee no. 40177)", ", account 55-120",
#: ", DOB 4/9/1951", "(hana.sato@example.org)".
_SIGNATURE_REF_RE = re.compile(
    r"(?<=[a-z'’])\s*(?:\([^()\n]{0,60}[\d@][^()\n]{0,40}\)|,\s*(?:[a-z#]|(?:DOB|D\.O\.B\.?|Acct|Account|Order|Ref|Reference|Tel|Phone|Mob|Policy|Member|Customer|Booking|Case|Ticket|Patient|NHS|ID|No)\b)[^,\n]{0,40}\d[^,\n]{0,20}|,?\s*[\w.+-]+@[\w-]+\.[\w.-]+)\s*$"
)
#: Lines of contact details after a signature: a phone number, an e-mail address.
_CONTACT_LINES_RE = re.compile(r"(?:\n[ \t]*(?:\+?[\d() -]{7,20}|[\w.+-]+@[\w.-]+|(?:tel|mob|phone|mobile)[.:]?\s*[\d +()-]{7,20}))+\s*$", re.IGNORECASE)
#: "(not Mrs., please)", "don't call me Miss": honorifics the customer refused.
_REFUSED_TITLE_RE = re.compile(r"\b(?:not|don'?t\s+call\s+me|stop\s+calling\s+me|never)\s+(Mrs|Ms|Miss|Mr|Mister)\b\.?", re.IGNORECASE)
_GENDER_STATEMENTS = [
    (re.compile(r"\b(?:it'?s|it is|call me|i'?m a|i am a)\s+(sir|mister|man|guy|gentleman)\b", re.I), "male"),
    (re.compile(r"\b(?:it'?s|it is|call me|i'?m a|i am a)\s+(ma'?am|madam|miss|woman|lady)\b", re.I), "female"),
    (re.compile(r"\b(?:not|don'?t call me|stop calling me)\s+(ma'?am|madam|miss)\b", re.I), "male"),
    (re.compile(r"\b(?:not|don'?t call me|stop calling me)\s+(sir|mister)\b", re.I), "female"),
    (re.compile(r"\b(he/him|he/they|my pronouns are he)\b", re.I), "male"),
    (re.compile(r"\b(she/her|she/they|my pronouns are she)\b", re.I), "female"),
]
_NOT_NAMES = {
    "Sorry", "Not", "So", "Just", "Very", "Still", "Trying", "Writing", "Calling", "Looking",
    "Really", "Here", "Having", "Getting", "Going", "Fine", "Good", "Okay", "Ok", "Happy",
    "Sure", "Afraid", "Glad", "Frustrated", "Upset", "Angry", "Tired", "Done", "Back", "The",
    "A", "An", "In", "On", "At", "Also", "Now", "Thanks", "Thank", "Again", "Your",
    "Customer", "Support", "Team", "Please", "Regards", "Best", "Cheers", "Me", "It", "Hi",
    "Hello", "Hey", "Waiting", "Told", "Asking", "Contacting", "Unable", "Confused", "Worried",
    "Goodbye", "Bye", "Later", "Soon", "Everyone", "All", "Guys", "Folks", "Anyway",
    "Yes", "No", "Great", "Perfect", "Cool", "Awesome", "Bro", "Mate", "Dude", "Sir", "Madam",
    "Urgent", "Help", "Moving", "Leaving", "Finally", "Many", "Kind", "Warm", "Merry",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Tomorrow", "Today",
    "Tonight", "Anytime", "Someone", "Nobody", "Everybody",
}

# Questions: interrogative openers (a question even without "?") and rhetorical jabs.
#: A "when"/"where" clause with a subject, then the real question later in the sentence.
_WHEN_CLAUSE_Q_RE = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay|hi|hello)\W+)*(?:when|where)\s+(?:i|we|you|it|they|my|our|the|this|i'm|i've)\b[^?]{8,}?"
    r"[,;]?\s+(?:and\s+|but\s+|so\s+)?(how|what|why|which|is\s+there|are\s+there|do\s+i|can\s+i|should\s+i|does\s+it|is\s+it|will\s+it|do\s+you|can\s+you)\b",
    re.IGNORECASE,
)
#: A wh-clause that ends a long "?" sentence: ", where I can find the option?"
_LATE_WH_RE = re.compile(
    r"[,;]\s+(?:(?:and|so|but|now|then)\s+)?(where|when|how|what|why|which)\s+(?:i|we|can|could|do|does|did|is|are|was|should|will|would|long|much|many|soon|often)\b[^,;]{3,}\?\s*$",
    re.IGNORECASE,
)
_WH = {
    "what": "what", "when": "when", "where": "where", "why": "why", "how": "how", "who": "who",
    "which": "which", "whose": "who",
}
_AUX_OPENERS = {
    "can", "could", "will", "would", "is", "are", "do", "does", "did", "should", "may",
    "have", "has", "am", "was", "were", "shall", "won't", "isn't", "aren't", "don't",
    "doesn't", "didn't", "can't", "couldn't", "wouldn't",
}
_RHETORICAL_RE = re.compile(
    r"\b(?:are|do|does|is|can|did) (?:you|u|anyone|anybody|any of you|you people|you guys)"
    r"(?: \w+)? (?:even|actually) \b"
    r"|\bis (?:anyone|anybody) (?:there|listening|home|reading|paying attention)\b|\b(?:does|do) (?:anyone|anybody) (?:read|care|listen)\b"
    r"|\bare you (?:kidding|serious|joking)\b|\bseriously\b|\bwhat is wrong with\b"
    r"|\bhow hard (?:is|can) it\b|\bwhy (?:is|does) (?:this|it) (?:always|so(?! (?:high|expensive|much|big|large|slow|low|different|long)\b))\b"
    r"|\bwhat kind of (?:service|company|joke)\b|\bhow many times\b|\bwho does that\b"
    r"|\bwhy (?:should|would|do|must) i (?:have to |need to |even )?(?:chase|call|do|wait|pay|bother|care|believe|trust|explain|repeat)\b"
    r"|\bwith\s+what\s+money\b|\bwhy me\b|\bwhat(?:'s| is) the point\b|\bis this a joke\b|\bhow (?:is|was) (?:that|this) (?:my|fair|ok|okay|acceptable)\b"
    r"|\b(?:do|did|can) you (?:even |actually )?(?:understand|care|listen|read|speak)\b(?! (?:to|the|my|if|whether|what)\b)"
    r"|\bexcuse me\b|\bhow dare\b|\bcan you believe\b|\byou know what\b|\bwhat the (?:hell|heck|f)\b"
    r"|\bhow (?:are|r) (?:you|u)\b|\bhow(?:'s| is) (?:it going|your day)\b|\ball (?:right|good|well)\s*\?|\bhow (?:have you been|do you do)\b"
    r"|\bam i (?:talking|speaking|chatting) to (?:a |the )?(?:wall|bot|robot|machine)\b"
    r"|\bare (?:you|u) (?:a |an )?(?:bot|robot|machine|real person|human|ai)\b|\bdid (?:you|u) (?:even |actually )?read (?:my|what i)\b"
    r"|,\s*(?:right|ok|okay|yeah|yes|no)\s*\?+\s*$|^\W*(?:hello|hi|really|what|huh|seriously|ok|okay|sorry|pardon)\W*$",
    re.IGNORECASE,
)
#: "I renewed in January??", "we already sent it?!": what the customer did, said back in
#: disbelief (only with a doubled mark or "already": "I paid twice?" may ask).
_PROTEST_RE = re.compile(
    r"\W*(?:(?:but|and|um|erm|uh)\W+)?(?:i|we)\s+(?:(?:already|literally|just|did|have|had|'ve|’ve|even)\s+)*"
    r"(?:(?:never|didn't|didnt|did\s+not|haven't|havent|have\s+not|don't\s+want|do\s+not\s+want)\s+[a-z]+"
    r"|[a-z]+ed|paid|sent|did|told|said|gave|made|got|put|bought|rang|spoke|wrote|brought|took|went)\b[^?]*\?",
    re.IGNORECASE,
)
_DOUBLE_MARK_RE = re.compile(r"[?!]{2,}\s*$")
_POINTER_Q_RE = re.compile(
    r"\W*(?:(?:great|ok|okay|thanks|thank\s+you|right|cool)\W+)?(?:and\s+|but\s+)?(?:what\s+about\s+)?(?:the|my)\s+(?:second|other|first|last|next)\s+(?:part|question|bit|one|thing)\s*\?+\s*$",
    re.I,
)
#: "I put it in my first message?": where the customer already gave it.
_GAVE_IT_RE = re.compile(
    r"\W*(?:i|we)\s+(?:already\s+|literally\s+|just\s+)?(?:put|gave|wrote|sent|said|mentioned|included|told\s+you)\s+"
    r"(?:it|that|this|them|you\s+(?:it|that|this))\s+(?:in|on|at|earlier|before|above|already|yesterday)\b",
    re.I,
)
#: Sentences every reply may repeat: greetings, thanks, sign-offs, holding lines.
PLEASANTRY_RE = re.compile(
    r"\W*(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b"
    r"|thanks?\b|thank you\b|you(?:'re| are) (?:welcome|most welcome)\b|(?:is there )?anything else\b"
    r"|have a (?:great|good|nice|lovely|wonderful)\b|my name is\b|(?:how|what) (?:can|may) i (?:help|assist|do)\b"
    r"|(?:i'm |i am )?(?:sorry|apologi[sz]e) for the (?:wait|delay|inconvenience)\b|one moment\b|please hold\b"
    r"|(?:please )?bear with me\b|take care\b|kind regards\b|best regards\b|regards\b|cheers\b"
    r"|(?:i )?hope (?:this|that) helps\b|glad (?:i could|to) help\b|(?:it was )?my pleasure\b"
    r"|(?:i )?hope you(?:'re| are) (?:having|doing|keeping|well)\b)",
    re.IGNORECASE,
)


def reply_shingles(parsed: Parsed) -> tuple[frozenset[int], tuple[int, int]]:
    """Hashed word 3-grams of a reply's substance, and the span they come from.

    Greeting and sign-off sentences (``PLEASANTRY_RE``, at most 14 words) are left out,
    so two replies that share only "Hi, thanks for contacting us" are not repeats. Words
    come from a regex over the lower-cased text with contractions expanded, so "they
    have" and "they've" match (no lemma lookups: this runs on every reply). Cached on
    the parse.
    """
    cached = parsed.__dict__.get("_shingles")
    if cached is not None:
        return cached
    text = parsed.text
    low = parsed.lower
    words: list[str] = []
    lo, hi = len(text), 0
    for s_start, s_end in parsed.sentences:
        sent_words = [_CONTRACTION.get(w, w) for w in _SHINGLE_WORD_RE.findall(low, s_start, s_end)]
        if len(sent_words) <= 14 and PLEASANTRY_RE.match(text, s_start, s_end):
            continue
        if sent_words:
            words.extend(sent_words)
            lo, hi = min(lo, s_start), max(hi, s_end)
    shingles = frozenset(hash((words[i], words[i + 1], words[i + 2])) for i in range(len(words) - 2))
    out = (shingles, (lo, hi) if hi > lo else (0, 0))
    parsed.__dict__["_shingles"] = out
    return out


_SHINGLE_WORD_RE = re.compile(r"[a-z0-9]+")
#: Short capitalised words a question turns on ("can I use it in the US?").
_CAPS_KEY_RE = re.compile(r"\b[A-Z]{2,3}\b")
_KEY_WORD_RE = re.compile(r"[a-z][a-z'’]+[a-z]|\b[a-z]{0,3}\d[a-z0-9-]*")  # not a closing quote ("the 'SCIM' thing")
_CONTRACTION = {"ve": "have", "re": "be", "ll": "will", "t": "not", "d": "would", "m": "be", "s": "be"}


#: How an agent introduces themselves ("my name is Tom", "I'm Sam, Jen's team lead").
_AGENT_INTRO_RE = re.compile(r"\b(?:[Mm]y name is|[Tt]his is|I'm|I am|[Ii]t's)\s+([A-Z][a-z\u00df-\u024f'’-]{1,30})\b(?!\s+[A-Z])")
_QUOTED_CAPS_RE = re.compile(r"\b[A-Z][A-Z0-9&-]+\b")
#: Indirect questions that need an answer as much as a direct one.
_INDIRECT_Q_RE = re.compile(
    r"(?<!nobody )(?<!no one )(?<!never )(?<!didn't )(?<!did not )(?<!nobody will )(?<!no one will )"  # "nobody tell me what to do": a complaint
    r"\b(?:tell me|let me know|explain|i(?: want| need| would like|'d like|’d like| wanted| want ask| want to ask) to know|i(?:'m| am) wondering"
    r"|i want(?: to)? ask|(?:i'm|i am|i'm just|just|am)?\s*not sure|i(?:'m| am)? (?:just )?curious|wondering"
    r"|i wonder(?:ed)?|i(?:'d| would) (?:like|love) to (?:find out|understand)"
    r"|i(?:'m| am| was) (?:just |only )?asking|i asked (?:you )?|my question (?:is|was)(?: simply)?)\s+(?:please\s+)?"
    r"(?:if|whether|why|when|where|how|what|who|which)\b"
    r"|\bi(?:'d| would)? (?:like|want|wanted|need) to know (?:the|about|your|my)\b"
    r"|\bi(?:'d| would)? also (?:like|want|need) to know (?:if|whether|why|when|where|how|what|who|which|about)\b"
    # "wondering about the fee called ...", "I need the date my prescription will be ready"
    r"|\bwondering about (?:the|my|your|a|an|this|that)\b"
    r"|\bi (?:need|want|would like|'d like) (?:the|to know the) (?:date|time|day|price|cost|amount|reason|address|deadline)\b",
    re.IGNORECASE,
)
#: "I need the date / the price / the reason": the answer type the noun asks for.
_NEED_NOUN_WH = {"date": "when", "time": "when", "day": "when", "deadline": "when", "reason": "why", "address": "where"}
_HOW_KIND = {"much": "amount", "many": "amount", "long": "when", "soon": "when", "often": "when"}
#: Words that carry no topic in a customer question: stopwords plus words every
#: support chat uses ("order", "account", "help"). Written for tonecheck.
QUESTION_STOP = frozenset(
    [
        "wonder", "wondering", "curious", "sure",
        "a", "whether", "asking", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "anything", "are",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
        "could", "did", "do", "does", "doing", "done", "down", "during", "each", "else", "even", "ever",
        "every", "few", "for", "from", "further", "get", "got", "had", "has", "have", "having", "he", "her",
        "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
        "let", "like", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "need", "no",
        "nor", "not", "now", "of", "off", "ok", "okay", "on", "once", "one", "only", "or", "other", "our",
        "out", "over", "own", "please", "really", "same", "see", "she", "should", "so", "some", "something",
        "still", "such", "than", "thank", "thanks", "that", "the", "their", "them", "then", "there", "these",
        "they", "this", "those", "though", "through", "to", "too", "under", "until", "up", "us", "very", "was",
        "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
        "yet", "you", "your", "yours", "yourself", "also", "anyway", "actually", "tell", "know", "want", "make",
        "go", "going", "come", "way", "thing", "things", "ask", "asking", "help", "order", "account", "issue",
        "problem", "question", "answer", "sure", "right", "hi", "hello", "hey", "sorry", "think", "mean", "say",
        "said", "get", "give", "take", "use", "try", "look", "still", "already", "soon", "again", "time",
        "today", "yes", "yeah", "maybe", "would'nt", "cannot", "can't", "won't", "don't", "doesn't", "didn't",
        "isn't", "aren't", "wasn't", "haven't", "hasn't", "couldn't", "shouldn't", "wouldn't", "i'm", "i've",
        "i'd", "i'll", "you're", "it's", "that's", "what's", "there's", "let's", "doesnt", "dont", "cant",
        "wont", "isnt", "arent", "wasnt", "didnt", "havent", "hasnt", "couldnt", "shouldnt", "wouldnt", "im",
        "ive", "id", "ill", "youre", "thats", "whats", "theres", "lets", "though", "although", "however",
        "else", "anyone", "someone", "anybody", "somebody", "okay", "pls", "plz",
        # Interjections that open a follow-up ("Lovely, and can I check in early?").
        "lovely", "great", "perfect", "cool", "brilliant", "awesome", "cheers", "alright", "excellent",
        # Pronoun contractions and vague places carry no content ("whether they're still saved somewhere").
        "we've", "we're", "we'd", "we'll", "they're", "they've", "they'd", "they'll", "he's", "she's",
        "you've", "you'll", "you'd", "it'll", "weve", "theyre", "theyve", "youve",
        "somewhere", "anywhere", "everywhere",
    ]
)


@dataclass(frozen=True, slots=True)
class Fact:
    """A value the customer gave: ``kind`` ("email", "username", ...), where it is."""

    kind: str
    value: str
    turn: int
    start: int
    end: int

    def evidence(self) -> dict[str, int]:
        """The ``evidence`` dict of a finding that points here."""
        return {"turn": self.turn, "start": self.start, "end": self.end}


#: Where one sentence asks a second question: "Can I take it with me, and will there be a
#: fee?", "How long does it take, and is there a charge?". Not "or": "can I book now or do I
#: have to wait?" is one question with two possible answers.
_SECOND_Q_RE = re.compile(
    r"(?:(?:,\s*|\s+)(?:and|also|plus)\s+(?:also\s+)?|\s+[-\u2013\u2014]\s+)"
    r"(?=(?:(?:can|could|will|would|is|are|do|does|did|should|may|have|has|was)\s+"
    r"(?:i|you|we|it|there|they|my|the|this|that|these|those|he|she|her|his|our|your|their|its|a|an|\w+ing|already|also|still|any|all)"
    r"|how|what|what's|when|where|why|who|which|whether"
    r"|(?:tell|show)\s+me\s+(?:why|what|how|when|where|whether|if)|let\s+me\s+know\s+(?:why|what|how|when|where|whether|if)"
    r"|explain\s+(?:why|what|how))\b)",
    re.IGNORECASE,
)


#: A question opening a clause after a comma, with or without "?": "the water's brown, is
#: it safe to drink", "I restarted it, do I need a new one" (not a closing tag, "is it?").
_COMMA_Q_RE = re.compile(
    r",\s+(?=(?:is|are|can|could|will|would|do|does|did|should)\s+(?:it|i|you|we|they|there|this|that|my)\s+\w+\s+\w+"
    r"|(?:how|what|when|where|why)\s+(?:long|much|many|soon|do|does|did|is|are|can|could|will|would|should)\s+\w+)",
    re.IGNORECASE,
)
#: A word that points back to what was just said: "is that a bug?", "how does it work?".
_POINTS_BACK_RE = re.compile(r"\b(?:that|this|it|those|these|them|they|suggest|recommend|advise|advice)\b", re.IGNORECASE)
#: A clause that opens with a condition: the question after its comma belongs with it.
_CONDITION_LEAD_RE = re.compile(
    r"\W*(?:(?:so|and|but|ok|okay|also|hi|hello)\W+)*(?:(?:if|once|after|before|unless|since|because|as\s+soon\s+as|whenever)\b"
    r"|when\s+(?!(?:will|can|could|do|does|did|is|are|should|would|was|were)\b))", re.IGNORECASE
)
#: A label before the questions themselves: "Two questions:", "Quick question -".
_Q_LABEL_RE = re.compile(
    r"\W*(?:(?:two|three|four|2|3|4|a\s+few|a\s+couple\s+of|couple\s+of|a|one|another|few|some)\s+)?(?:quick\s+|small\s+)?"
    r"(?:questions?|things?|queries|query)\s*[:\-\u2013\u2014]\s*",
    re.IGNORECASE,
)
#: An inline list marker: "1) ", "(2) ", "b) ".
_ENUMERATOR_RE = re.compile(r"(?:^|(?<=[\s,;:]))\(?(\d|[a-c])\)\s+")


def _split_compound_questions(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence spans, with a question that asks two things split in two, so that each
    part is checked on its own (answering the first is not answering the second)."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        label = _Q_LABEL_RE.match(text, start, end)
        if label is not None:
            start = label.end()  # "Two questions: can I ...": the questions start after the label
        sent = text[start:end]
        marks = list(_ENUMERATOR_RE.finditer(text, start, end)) if ")" in sent else []
        if len(marks) >= 2 and "?" in sent:
            # "Three questions: 1) can I switch ..., 2) do I get credit ..., 3) is VAT ...?"
            for m, nxt in zip(marks, [*marks[1:], None], strict=True):
                out.append((m.end(), nxt.start() if nxt is not None else end))
            continue
        dash = " - " in sent or " \u2013 " in sent or " \u2014 " in sent
        joined = dash or " and " in sent or " also " in sent or " plus " in sent
        comma_q = "," in sent and _COMMA_Q_RE.search(text, start, end) is not None
        if not comma_q and (not joined or ("?" not in sent and not dash and not _INDIRECT_Q_RE.search(sent))):
            out.append((start, end))
            continue
        # "Booking KX7T2Q - can I change the date and what will it cost", "the water's brown,
        # is it safe to drink and how long will it last": questions inside a longer sentence.
        cuts = sorted(
            [(*m.span(), False) for m in _SECOND_Q_RE.finditer(text, start, end)]
            + [(*m.span(), True) for m in _COMMA_Q_RE.finditer(text, start, end)]
        )
        cut = start
        for a, b, bare_comma in cuts:
            if a < cut or len(text[cut:a].split()) < 3:
                continue
            if len(text[b:end].split()) < 3 and (
                not _BARE_WH_TAIL_RE.match(text, a, end) or re.search(r"\b(?:when|where|why|how|what)\W*$", text[cut:a], re.I)
            ):
                continue  # ("how much will I get back and when?" is two questions; "tell me when and where?" one)
            if bare_comma and _CONDITION_LEAD_RE.match(text, cut, a):
                continue  # "If I delete my account, will my invoices ...": one question with its condition
            out.append((cut, a))
            cut = b
        out.append((cut, end))
    return out


#: A second question of one wh-word at the end: "how much will I get back and when?".
_BARE_WH_TAIL_RE = re.compile(r"\W*(?:and|&|or)\s+(?:when|where|why|how\s+long|how\s+much|by\s+when)\s*\?*\s*$", re.I)


#: A question after an "if" clause: "If we add her, do we get a discount".
_IF_INVERSION_RE = re.compile(
    r"^if\b[^?]{3,80}?[\s,](?:do|does|can|could|will|would|is|are|should|shall)\s+(?:i|we|you|it|they|she|he|there)\b", re.IGNORECASE
)


#: A yes/no question that judges what the customer just said: "Is that normal?", "Is this
#: right?", "Is it safe?". Its own words cannot be matched; the previous sentence's can.
_DEICTIC_Q_RE = re.compile(
    r"(?:and\s+|so\s+)?(?:is|was|does|did|would|should)\s+(?:that|this|it)\s+(?:\w+\s+)?"
    r"(?:normal|expected|usual|standard|right|correct|ok|okay|fine|safe|legit|legitimate|genuine|real|true|allowed|possible|"
    r"a\s+scam|from\s+you|you|your\s+(?:company|team)|something\s+you\s+do)\W*$"
    r"|(?:and\s+|so\s+)?(?:does|do|will|would|doesn't|won't)\s+(?:that|this|it|they|those|these)\s+(?:not\s+)?"
    r"(?:count|matter|help|work|mean\s+anything|change\s+anything|make\s+a\s+difference)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Question:
    """A direct question the customer asked: the sentence span and its wh-word, if any.

    ``kind`` is the answer it wants: "yesno", "when" (a time or duration), "where",
    "who", "why", "how", "amount" (a price or a count), "what" or "which".
    ``keywords`` are the question's content lemmas (no stopwords or words every support
    chat uses), read once here so checks never re-tokenise the customer turn.
    """

    turn: int
    start: int
    end: int
    text: str
    wh: str | None
    kind: str = "yesno"
    keywords: tuple[str, ...] = ()
    #: For "Is that normal?": the content words of the sentence "that" points back to.
    context: tuple[str, ...] = ()

    def evidence(self) -> dict[str, int]:
        """The ``evidence`` dict of a finding that points here."""
        return {"turn": self.turn, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Signal:
    """A customer signal (distress, a cancel request, a refusal) with its evidence span."""

    kind: str
    turn: int
    start: int
    end: int
    text: str

    def evidence(self) -> dict[str, int]:
        """The ``evidence`` dict of a finding that points here."""
        return {"turn": self.turn, "start": self.start, "end": self.end}


@dataclass(slots=True)
class AgentReply:
    """An earlier agent reply, kept for repeat and pressure checks."""

    turn: int
    text: str
    parsed: Parsed
    codes: tuple[str, ...] = ()


@dataclass
class ConversationState:
    """Facts and signals gathered from the turns before the reply being checked.

    ``questions``, ``distress``, ``pending_customer`` hold what the customer said *since
    the previous agent reply* (the contract's window); the rest accumulates over the
    whole conversation.
    """

    facts: dict[str, list[Fact]] = field(default_factory=dict)
    first_name: Fact | None = None
    last_name: Fact | None = None
    honorific: Fact | None = None
    gender: str | None = None
    gender_evidence: Fact | None = None
    #: An explicit statement ("it's sir, not ma'am") that confirmed ``gender`` after the
    #: first evidence; every statement about gender, in order, in ``gender_facts``.
    gender_correction: Fact | None = None
    gender_facts: list[Fact] = field(default_factory=list)
    #: Honorifics the customer refused ("not Mrs., please"): lower-case title -> where.
    refused_titles: dict[str, Fact] = field(default_factory=dict)
    customer_words: set[str] = field(default_factory=set)
    #: Words in capitals inside the customer's quotes ("'KLMX DIGITAL'"), as written.
    customer_caps: set[str] = field(default_factory=set)
    customer_turns: list[tuple[int, Parsed]] = field(default_factory=list)
    pending_customer: list[tuple[int, Parsed]] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    distress: list[Signal] = field(default_factory=list)
    cancel_request: Signal | None = None
    cancel_reason: Signal | None = None
    refusals: list[Signal] = field(default_factory=list)
    #: Retention offers the agent made after the cancel request (turn and phrase).
    offers: list[Signal] = field(default_factory=list)
    agent_replies: list[AgentReply] = field(default_factory=list)
    agent_names: set[str] = field(default_factory=set)
    #: The intents the customer raised (topics.yml), each with where it was first raised,
    #: and how often each was seen: the customer's problem as the checks understand it.
    topics: dict[str, Signal] = field(default_factory=dict)
    topic_counts: dict[str, int] = field(default_factory=dict)
    #: Word 3-gram shingles of earlier agent replies -> indices into ``agent_replies``
    #: (an inverted index: finding near-duplicates costs the reply's length, not the
    #: conversation's).
    shingle_index: dict[int, list[int]] = field(default_factory=dict)

    def fact(self, kind: str) -> Fact | None:
        """The first value the customer gave for ``kind``, or ``None``."""
        items = self.facts.get(kind)
        return items[0] if items else None

    def name_parts(self) -> set[str]:
        """The customer's known names, lower-cased (first, last)."""
        return {f.value.lower() for f in (self.first_name, self.last_name) if f}

    @property
    def has_customer_turn(self) -> bool:
        """Whether any customer turn came before the reply."""
        return bool(self.customer_turns)


class StateExtractor:
    """Updates a :class:`ConversationState` from one turn at a time.

    Holds the compiled lexicons (built once per Analyzer), so extraction allocates little
    per turn.
    """

    def __init__(self) -> None:
        lex = load_lexicon("customer_signals")
        self.distress_res = {
            kind: compile_phrases(phrases) for kind, phrases in lex["distress"].items()
        }
        self.not_distress = compile_phrases(lex.get("not_distress", []))
        self.cancel_re = compile_phrases(lex["cancel_request"])
        self.reason_re = compile_phrases(lex["cancel_reason"])
        self.refusal_re = compile_phrases(lex["refusal"])
        self.offer_re = compile_phrases(lex.get("agent_offer", []))
        self.topic_lexicon = shared_lexicon()

    # -- customer turns ---------------------------------------------------------------
    def add_customer_turn(self, state: ConversationState, turn: int, parsed: Parsed) -> None:
        """Read one customer turn into the state."""
        text = parsed.text
        state.customer_turns.append((turn, parsed))
        state.pending_customer.append((turn, parsed))
        state.customer_words.update(parsed.words)
        if parsed.quoted:
            # Capitalised words the customer quoted ("a payment to 'KLMX DIGITAL'"): names the
            # agent may repeat in the same capitals without shouting.
            for qs, qe in parsed.quoted:
                state.customer_caps.update(_QUOTED_CAPS_RE.findall(text, qs, qe))
        self._facts(state, turn, text)
        self._names(state, turn, text)
        self._questions(state, turn, parsed)
        self._topics(state, turn, parsed)
        self._distress(state, turn, parsed)
        self._cancel(state, turn, parsed)

    def _add_fact(self, state: ConversationState, fact: Fact) -> None:
        items = state.facts.setdefault(fact.kind, [])
        if all(f.value.lower() != fact.value.lower() for f in items):
            items.append(fact)

    def _facts(self, state: ConversationState, turn: int, text: str) -> None:
        low = text.lower()
        if "@" in text:
            for m in EMAIL_RE.finditer(text):
                self._add_fact(state, Fact("email", m.group(), turn, m.start(), m.end()))
        for kind, pattern in _FACT_PATTERNS.items():
            # Each pattern needs one of its keywords: a substring test skips the scan.
            if not any(k in low for k in _FACT_KEYWORDS[kind]):
                continue
            for m in pattern.finditer(text):
                g = 1 if m.group(1) is not None else m.lastindex or 1  # the alternative that matched
                value = m.group(g).rstrip(".-,")
                if value.lower() in _VALUE_STOP or len(value) < 3:
                    continue
                if kind not in _NO_DIGIT_OK and not any(c.isdigit() for c in value):
                    continue
                kind_ = "email" if kind == "username" and EMAIL_RE.fullmatch(value) else kind
                start = m.start(g)
                self._add_fact(state, Fact(kind_, value, turn, start, start + len(value)))
        has_digit = any(c.isdigit() for c in text)
        if has_digit:
            # A UK postcode is recognisable without the word "postcode" ("Bristol BS6 5TY").
            for m in _UK_POSTCODE_RE.finditer(text):
                self._add_fact(state, Fact("postcode", m.group(), turn, m.start(), m.end()))
            if "born" in low or "birth" in low or "dob" in low:
                for m in _DOB_RE.finditer(text):
                    self._add_fact(state, Fact("date of birth", m.group(1), turn, m.start(1), m.end(1)))
        for m in _BARE_ACCOUNT_RE.finditer(text) if has_digit and ("account" in low or "acct" in low or "a/c" in low) else ():
            if sum(c.isdigit() for c in m.group(1)) >= 6:
                self._add_fact(state, Fact("account number", m.group(1), turn, m.start(1), m.end(1)))
        for m in PLACEHOLDER_RE.finditer(text) if any(c in text for c in "#[<{_") else ():
            for kind, hint in _PLACEHOLDER_KINDS:
                if hint.search(m.group()):
                    self._add_fact(state, Fact(kind, m.group(), turn, m.start(), m.end()))
                    break
        spaced = f" {low}"
        tried = list(_TRIED_RE.finditer(text)) if (" i" in spaced or " we" in spaced) else []
        if "already" in low or "ed " in low:
            tried += _TRIED_BARE_RE.finditer(text)
        for m in tried:
            kind = next(k for k, v in m.groupdict().items() if v)
            self._add_fact(state, Fact("tried", kind.replace("_", " "), turn, m.start(1), m.end(1)))
        if not has_digit:
            return  # no phone number without digits (skips building the lists below)
        taken = [(f.start, f.end) for items in state.facts.values() for f in items if f.turn == turn]
        values = {f.value for kind, items in state.facts.items() if kind != "phone" for f in items}
        for m in _PHONE_RE.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            if digits < 7 or digits > 15:
                continue
            if any(s < m.end() and m.start() < e for s, e in taken) or m.group().strip() in values:
                continue  # "order 4471-9932" is an order number, not a phone number
            lo = max(0, m.start() - 40)
            spaced = sum(c in " .-()" for c in m.group()) > 0
            if spaced or _PHONE_CONTEXT_RE.search(text, lo, m.start()):
                self._add_fact(state, Fact("phone", m.group().strip(), turn, m.start(), m.end()))

    def _names(self, state: ConversationState, turn: int, text: str) -> None:
        found: list[tuple[str | None, str, int]] = []  # (honorific, name, start of name)
        if "(" in text:
            # "Jon (not John!) Petrakis": an aside inside a signature; blanked, offsets kept.
            text = _ASIDE_RE.sub(lambda m: " " * len(m.group()), text)
        for pattern in _SELF_NAME_RES:
            for m in pattern.finditer(text):
                groups = m.groups()
                hon = groups[0] if len(groups) == 2 else None
                name = groups[-1]
                found.append((hon, name, m.start(len(groups))))
        tail = text.rstrip()
        # "Jon Whitaker (employee no. 40177)", "Sarah Lindgren, hospital no. H-2290417": the
        # reference after a signature is not part of it.
        tail = _SIGNATURE_REF_RE.sub("", tail)
        tail = _CONTACT_LINES_RE.sub("", tail)  # "Siân Roberts\n07700 900452": the number is not the name
        if not state.agent_replies and not found:
            lone = _LONE_SIGNATURE_RE.search(tail[-40:])
            if lone is not None and lone.group(1) not in _NOT_NAMES and lone.group(1).lower() not in _LONE_NOT_NAMES:
                found.append((None, lone.group(1), max(0, len(tail) - 40) + lone.start(1)))
        for pattern in (_SIGNOFF_RE, _BARE_SIGNOFF_RE):
            m = pattern.search(tail[-120:])
            if m:
                offset = max(0, len(tail) - 120)
                if pattern is _BARE_SIGNOFF_RE:
                    # Three alternatives: own line / "... Priya Raman" / "... Mrs. Alvarez".
                    groups = m.groups()
                    if groups[1] is not None:
                        hon, name, gi = groups[0], groups[1], 2
                    elif groups[3] is not None:
                        hon, name, gi = groups[2], groups[3], 4
                    else:
                        hon, name, gi = groups[4], groups[5], 6
                    found_start = offset + m.start(gi)
                    own_line = True
                    if name.split()[0] in _NOT_NAMES or name.split()[-1] in _NOT_NAMES:
                        break
                    found.append((hon, name, found_start))
                    break
                hon, name = m.group(1), m.group(2)
                # "Thank you, Sam." after the agent spoke thanks the agent; a sign-off
                # stands on its own line, after a dash, with an honorific, or ends the
                # first message before any agent reply.
                own_line = "\n" in m.group() or hon is not None or any(c in m.group() for c in "-–—~")
                if own_line or not state.agent_replies:
                    found.append((hon, name, offset + m.start(2)))
                break
        for hon, name, start in found:
            parts = name.split()
            if parts[0] in _NOT_NAMES or name.lower() in state.agent_names or parts[0].lower() in state.agent_names:
                continue
            if hon:
                hfact = Fact("honorific", hon, turn, start - len(hon) - 1, start)
                # The honorific span: find it just before the name.
                hstart = text.rfind(hon, 0, start)
                if hstart >= 0:
                    hfact = Fact("honorific", hon, turn, hstart, start + len(name))
                if state.honorific is None:
                    state.honorific = hfact
                gender = _HONORIFIC_GENDER.get(hon.lower().rstrip("."))
                if gender and state.gender is None:
                    state.gender, state.gender_evidence = gender, hfact
                    state.gender_facts.append(hfact)
                # "Mr. Delgado": the name after an honorific is a surname.
                if state.last_name is None:
                    state.last_name = Fact("last_name", parts[-1], turn, start + len(name) - len(parts[-1]), start + len(name))
                if len(parts) == 2 and state.first_name is None:
                    state.first_name = Fact("first_name", parts[0], turn, start, start + len(parts[0]))
            else:
                if state.first_name is None:
                    state.first_name = Fact("first_name", parts[0], turn, start, start + len(parts[0]))
                if len(parts) == 2 and state.last_name is None:
                    s2 = start + len(name) - len(parts[1])
                    state.last_name = Fact("last_name", parts[1], turn, s2, start + len(name))
            self._add_fact(state, Fact("name", name, turn, start, start + len(name)))
        for m in _REFUSED_TITLE_RE.finditer(text):
            title = m.group(1).lower().rstrip(".")
            if title not in state.refused_titles:
                state.refused_titles[title] = Fact("refused title", m.group(), turn, m.start(), m.end())
        for pattern, gender in _GENDER_STATEMENTS:
            m = pattern.search(text)
            if m:
                said = Fact("gender", m.group(), turn, m.start(), m.end())
                state.gender_facts.append(said)
                if state.gender == gender and state.gender_evidence is not None:
                    # A correction that agrees with what they signed: the first evidence
                    # stays (it is where they first told us), the correction is noted.
                    if state.gender_correction is None:
                        state.gender_correction = said
                else:
                    # A later explicit statement overrides an inference from an honorific.
                    state.gender = gender
                    state.gender_evidence = said
                    state.gender_correction = None
                break

    def _questions(self, state: ConversationState, turn: int, parsed: Parsed) -> None:
        """Collect the genuine questions of a customer turn, with answer type and keywords.

        A question is a sentence ending in "?", one opening with a wh-word or an auxiliary
        ("can you ...", "is there ...") even without "?", or an indirect question ("tell
        me whether ..."). Rhetorical jabs ("are you even reading?") are left out.
        """
        text = parsed.text
        low = parsed.lower
        prev_span: tuple[int, int] | None = None
        span: tuple[int, int] | None = None
        for start, end in _split_compound_questions(text, parsed.sentences):
            prev_span, span = span, (start, end)
            sent = text[start:end].strip()
            if not sent:
                continue
            # Cheap pre-check: no "?", no question-like opener, no indirect cue -> not a question.
            if not sent.endswith("?"):
                head = _HEAD_RE.match(low, start + (len(text[start:end]) - len(text[start:end].lstrip())))
                if (
                    (head is None or head.group(1) not in _QUESTION_HEADS)
                    and not _INDIRECT_Q_RE.search(sent)
                    and not _IF_INVERSION_RE.search(sent)
                ):
                    continue
            # "what's" -> "what", "where's" -> "where": the wh-word decides the answer type.
            words = [w[:-2] if w.endswith(("'s", "’s")) and w[:-2] in _WH else w for w in re.findall(r"[A-Za-z'’]+", sent.lower())]
            if not words:
                continue
            first = words[0]
            if first in {"and", "so", "also", "but", "then", "ok", "okay", "well", "oh", "hi", "hello"} and len(words) > 2:
                first = words[1]
            asks = sent.endswith("?")
            is_q = asks or ((first in _WH or first in _AUX_OPENERS) and len(words) > 2)
            if not is_q and first == "whether" and len(words) > 3:
                is_q = True  # "I need to know why it was declined and whether I'll be charged": the second half
            if not is_q and first == "if" and _IF_INVERSION_RE.search(sent):
                is_q = True  # "If we add her to the policy, do we get a discount" (then "and ...?")
            if first in _AUX_OPENERS and not asks:
                # "Can you believe..." / "Will do" without '?': too weak a signal alone.
                second = words[1 if words[0] == first else 2] if len(words) > 3 else ""
                is_q = len(words) > 3 and (
                    second in {"you", "i", "we", "it", "someone", "anyone", "there", "u", "this", "that", "my"}
                    # "Does the hotel have parking and is it free?" (not "Do the steps", "Have the
                    # courier call me": imperatives)
                    or (second in {"the", "your", "our"} and first in {"does", "is", "are", "will", "can", "did", "was", "has"})
                )
                if is_q and _AUX_REPORT_RE.match(sent):
                    is_q = False  # "Did that, still red.": a report, not a question
            indirect = _INDIRECT_Q_RE.search(sent)
            if not is_q and not indirect:
                continue
            if _RHETORICAL_RE.search(sent):
                continue
            if asks and _POINTER_Q_RE.match(sent) and "?" in text[end:]:
                continue  # "Great, and the second part? Lower payment or shorter term?": the next one asks it
            if asks and _PROTEST_RE.match(sent) and (
                _DOUBLE_MARK_RE.search(sent) or " already " in f" {sent.lower()} " or _GAVE_IT_RE.match(sent)
            ):
                continue  # "I renewed in January??": disbelief at a reply, not a question
            if len(words) < 2 and first not in _WH:
                continue  # "Hello?" / "Seriously?"
            wh = next((_WH[w] for w in words[:4] if w in _WH), None)
            if wh in ("when", "where") and (later := _WHEN_CLAUSE_Q_RE.search(sent)):
                # "so when i export the dates come out as numbers, is there a setting for
                # this?": "when" opens a condition; the question is the later clause.
                wh = _WH.get(later.group(1).lower())
            if wh is None and asks and (late := _LATE_WH_RE.search(sent)):
                # "i am using Ledgerly since two year, now the export is not working, where I
                # can find the option?": the question is the last clause.
                wh = _WH[late.group(1).lower()]
            if wh is None and indirect:
                said = re.findall(r"[a-z]+", indirect.group().lower())
                wh = next((_WH[w] for w in said if w in _WH), None) or next(
                    (_NEED_NOUN_WH[w] for w in said if w in _NEED_NOUN_WH), None
                )  # "I need the date ..." asks when
            if wh is None and asks and len(words) <= 6:
                wh = next((_WH[w] for w in words if w in _WH), None)  # "Passed it to who?"
            kind = wh or "yesno"
            if wh == "how":
                i = words.index("how") if "how" in words else -1
                nxt = words[i + 1] if 0 <= i < len(words) - 1 else ""
                kind = _HOW_KIND.get(nxt, "how")
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            q_start = start + lead
            # Words by regex, lemmas by table lookup: customer turns are not tokenized.
            keys: list[str] = []
            for w in _KEY_WORD_RE.findall(low, q_start, q_start + len(sent)):
                if w in QUESTION_STOP:
                    continue
                lemma = parsed.lemma(w)
                if lemma not in QUESTION_STOP and lemma not in keys:
                    keys.append(lemma)
            letters = [c for c in sent if c.isalpha()]
            shouted = len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.6 * len(letters)
            for m in _CAPS_KEY_RE.finditer(text, q_start, q_start + len(sent)):
                if shouted and m.group().lower() in QUESTION_STOP:
                    continue  # "WHERE IS MY REFUND": capitals for anger, not an "IS" to match
                if m.group().lower() not in keys and m.group() not in ("OK", "AM", "PM", "ASAP", "PLS"):
                    keys.append(m.group().lower())  # "in the US", "an EU card": short, but the point
            context: list[str] = []
            # "my friend can't see me online, is that a bug?": a question of one word or none
            # split from its sentence is about the clause before it.
            tail = text[prev_span[0] : prev_span[1]].rstrip() if prev_span is not None else ""
            same_sentence = bool(
                len(keys) <= 1
                and tail
                and tail[-1] not in ".!?"
                and re.fullmatch(r"\s*,\s*", text[prev_span[1] : q_start]) is not None  # type: ignore[index]
                and (not keys or _POINTS_BACK_RE.search(sent))
            )
            if prev_span is not None and ((kind == "yesno" and _DEICTIC_Q_RE.match(sent)) or same_sentence):
                # "Someone rang asking for my card number. Is that normal?": "that" is the
                # previous sentence, and a reply about it answers the question.
                for w in _KEY_WORD_RE.findall(low, prev_span[0], prev_span[1]):
                    if w in QUESTION_STOP:
                        continue
                    lemma = parsed.lemma(w)
                    if lemma not in QUESTION_STOP and lemma not in context:
                        context.append(lemma)
            state.questions.append(
                Question(turn, q_start, q_start + len(sent), sent, wh, kind, tuple(keys), tuple(context))
            )

    def _topics(self, state: ConversationState, turn: int, parsed: Parsed) -> None:
        """Note which intents the customer raised, keeping the first place for each."""
        counts = state.topic_counts
        for hit in self.topic_lexicon.customer_hits(parsed):
            if parsed.in_quotes(hit.start, hit.end):
                continue
            counts[hit.intent] = counts.get(hit.intent, 0) + 1
            if hit.intent not in state.topics:
                state.topics[hit.intent] = Signal(hit.intent, turn, hit.start, hit.end, hit.text)

    def _distress(self, state: ConversationState, turn: int, parsed: Parsed) -> None:
        text = parsed.text
        blocked = [m.span() for m in self.not_distress.finditer(text)]
        for kind, pattern in self.distress_res.items():
            for m in pattern.finditer(text):
                if any(bs <= m.start() < be for bs, be in blocked):
                    continue
                if kind == "emotion" and parsed.negated(m.start(), window=12):
                    continue  # "not worried", "I'm not upset"
                state.distress.append(Signal(kind, turn, m.start(), m.end(), m.group()))
                break
        if _RECOVERED_RE.search(text):
            # "my dog had surgery last month, he's totally fine now": a hardship that is over
            state.distress = [sig for sig in state.distress if not (sig.turn == turn and sig.kind == "hardship")]
        # Strongly negative wording overall (TextBlob's lexicon polarity), when no phrase
        # above caught it: "the service is awful and useless".
        if not any(sig.turn == turn for sig in state.distress) and polarity(parsed) < NEGATIVE_POLARITY:
            w = negative_word(parsed)
            # One odd lexicon word is not a mood ("a chicken wrap": TextBlob's "cowardly").
            if w is not None and _strongly_negative(parsed):
                state.distress.append(Signal("emotion", turn, w[0], w[1], text[w[0]:w[1]]))
        # Typographic anger: "!!!" or several shouted words.
        m = re.search(r"[!?]{3,}", text)
        if m and not _JOY_RE.search(text, max(0, m.start() - 40), m.start()) and not _JOY_RE.match(text, m.end()):
            state.distress.append(Signal("typographic", turn, m.start(), m.end(), m.group()))
        holders = [m.span() for m in PLACEHOLDER_RE.finditer(text)] if any(c in text for c in "#[<{_") else []
        caps = [
            m
            for m in _CAPS_WORD_RE.finditer(text)
            if m.group() not in _ACRONYM_OK and not any(s <= m.start() < e for s, e in holders)
            and not parsed.in_quotes(m.start(), m.end())  # "a payment to 'NMBS SVCS'": a name
            and text[m.end() : m.end() + 1] != ":"  # "SURNAME: Adebayo": a form field's label
            and not _NAMED_CAPS_RE.match(text, m.end())  # "your SMARTSAVE and FLEXIFIX tariffs": names
            and text[m.end() : m.end() + 1] != "-" and text[m.start() - 1 : m.start()] != "-"  # "TRAIL-X 500": a code
            and not _DISPLAYED_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())  # "the page says OUT OF STOCK"
            and _shouted_word(m.group())  # "SAML SSO ... the ACS URL": acronyms, not anger
        ]
        if len(caps) >= 2 and sum(len(c.group()) for c in caps) >= 8:
            state.distress.append(
                Signal("typographic", turn, caps[0].start(), caps[-1].end(), text[caps[0].start():caps[-1].end()])
            )

    def _cancel(self, state: ConversationState, turn: int, parsed: Parsed) -> None:
        text = parsed.text
        m = self.cancel_re.search(text)
        if m and not parsed.negated(m.start(), window=20) and state.cancel_request is None:
            state.cancel_request = Signal("cancel", turn, m.start(), m.end(), m.group())
        if state.cancel_request is not None or m:
            r = self.reason_re.search(text)
            if r and state.cancel_reason is None:
                state.cancel_reason = Signal("reason", turn, r.start(), r.end(), r.group())
            if state.agent_replies:
                f = self.refusal_re.search(text)
                if f is None and m is not None and state.cancel_request is not None and state.cancel_request.turn < turn:
                    f = m  # asking again to cancel after a reply turns down whatever it said
                if f:
                    state.refusals.append(Signal("refusal", turn, f.start(), f.end(), f.group()))

    # -- agent turns ------------------------------------------------------------------
    def add_agent_reply(
        self, state: ConversationState, turn: int, parsed: Parsed, codes: tuple[str, ...] = ()
    ) -> None:
        """Remember an agent reply and open a new "since the previous reply" window."""
        state.agent_replies.append(AgentReply(turn, parsed.text, parsed, codes))
        if state.cancel_request is not None:
            offer = self.offer_re.search(parsed.text)
            if offer is not None:
                state.offers.append(Signal("offer", turn, offer.start(), offer.end(), offer.group()))
        for m in _AGENT_INTRO_RE.finditer(parsed.text[:300]):
            state.agent_names.add(m.group(1).lower())
        index = len(state.agent_replies) - 1
        for sh in reply_shingles(parsed)[0]:
            state.shingle_index.setdefault(sh, []).append(index)
        state.pending_customer = []
        state.questions = []
        state.distress = []


_CAPS_WORD_RE = re.compile(r"\b[A-Z]{3,}\b")


def _shouted_word(word: str) -> bool:
    """Whether an all-caps word reads as a raised voice: an English word ("NEVER",
    "TWICE") or a long one; a short unknown one ("SAML", "SSO", "ACS") is an acronym."""
    if len(word) >= 6:
        return True
    from tonecheck.checks.clarity import load_dictionary  # the spelling check's word list, loaded once

    return word.lower() in load_dictionary().words
#: Capitals the customer copies from a screen or a label: "Order page says OUT OF STOCK".
_DISPLAYED_BEFORE_RE = re.compile(
    r"\b(?:says?|said|shows?|showing|showed|reads?|displays?|displaying|displayed|marked(?:\s+as)?|labell?ed|stamped|status(?:\s+is)?)"
    r"\s*:?\s*[\"'“‘]?(?:[A-Z0-9-]+\s+){0,6}$"
)
#: An auxiliary opener cut off by punctuation after a word or two ("Did that, still red.").
_AUX_REPORT_RE = re.compile(
    r"\W*(?:(?:and|so|also|ok|okay|well)\W+)?(?:(?!(?:hi|hello|hey|hiya|dear|morning|afternoon|evening|thanks|cheers|sorry|please)\b)\w+(?:\s+\w+)?\s*[,.;:]"
    # "did that twice already.", "done it three times now": a report of what was tried
    r"|(?:did|done|tried|have\s+done|have\s+tried)\s+(?:that|it|this|both|all\s+that)"
    r"(?:\s+(?:twice|already|again|too|before|yesterday|now|\w+\s+times)){1,3}\s*(?:[,.;:!]|$)"
    # "did the rescan, still nothing."
    r"|(?:did|done|tried)\s+(?:the|a|another|my)\s+[\w-]+(?:\s+[\w-]+)?\s*,\s*(?:still|but|same|no|nothing)\b)",
    re.IGNORECASE,
)
#: The first word of a sentence (after a filler like "so" or "and"), for the question pre-check.
_HEAD_RE = re.compile(r"\W*(?:(?:and|so|also|but|then|ok|okay|well|oh|hi|hello)\W+)?([a-z']+)")
_QUESTION_HEADS = frozenset(
    {w.split("'")[0] for w in _WH} | set(_WH) | _AUX_OPENERS | {"what's", "where's", "who's", "how's", "when's", "why's", "whether"}
)


def _strongly_negative(parsed: Parsed) -> bool:
    """Two or more negative lexicon words, or one very negative one ("awful", "useless")."""
    from tonecheck.tone import _WORD_RE as _TONE_WORD_RE
    from tonecheck.tone import sentiment_lexicon

    lex = sentiment_lexicon()
    values = [
        v for w in _TONE_WORD_RE.findall(parsed.lower) if (v := lex.get(w)) is not None and v < 0 and w not in _DESCRIPTIVE
    ]
    return len(values) >= 2 or any(v <= -0.8 for v in values)


#: "It worked!!!", "Thank you so much!!!": exclamation marks of relief or thanks.
_JOY_RE = re.compile(
    r"\W*(?:oh\s+my\s+(?:god|gosh)\W*)?(?:thank\s*(?:you|u)|thanks|amazing|brilliant|perfect|fantastic|wonderful|great|yay|woo+|"
    r"lovely|awesome|it\s+worked|that\s+worked|worked|you(?:'re|\s+are)\s+a\s+star|legend|finally\s+working|it's\s+back)\b[^!?.]{0,25}[!?]*$"
    r"|\W*(?:oh\s+my\s+(?:god|gosh)\W*)?(?:thank\s*(?:you|u)|thanks)\b",
    re.IGNORECASE,
)


#: Negative lexicon words that describe an item or a fact, not a mood: "a cracked base",
#: "the wrong size", "it arrived cold", "a small hole".
_DESCRIPTIVE = frozenset(
    {"base", "broken", "wrong", "late", "missing", "dead", "cold", "empty", "small", "hard", "dirty", "low", "old", "flat", "short"}
)


#: Mean word polarity below which a customer turn counts as distressed (measured on the
#: Twitter frustration grades: precision 0.87 at this level, and no cost on the dev split).
NEGATIVE_POLARITY = -0.5
#: All-caps words that are normal in support text (not shouting, not anger).
_ACRONYM_OK = {
    "OK", "ASAP", "PIN", "SMS", "USA", "UK", "EU", "ID", "PDF", "URL", "FAQ", "TV", "DVD",
    "USB", "PC", "GPS", "VAT", "ETA", "CEO", "IT", "API", "SIM", "UPS", "DHL", "FEDEX",
    "USPS", "AM", "PM", "NYC", "LA", "HR", "IBAN", "CVV", "ATM", "PayPal", "RMA", "SSN",
}
