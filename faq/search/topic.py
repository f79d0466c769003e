"""What the conversation is about after a reply: the dialogue state's subject and topic (framework-free).

A resident asks about シニア起業人, then 「月に何日くらい現地へ行けばよいのでしょう」 — a question complete
enough to find the 副業型 entry alone, but whose own words (月, 日, 現地) say nothing of 起業人. The next
message, 「報酬はおいくらほど頂けるのですか」, is about 起業人's 報酬: the subject the conversation keeps
must still say 起業人. So the subject after an answer is the previous subject's words the answering entry
still speaks of, then the message's own words it speaks of; words the entry does not speak of (another
topic, or a message's filler: 定年してひまやさけ, a half-width ｾﾞﾝｺｸﾃﾞ) drop, so they never steer the
next follow-up's search.

A もしかして whose choices are all of one category (three 行政相談委員 entries) tells the topic too: the
next follow-up (「給料は出るがか」) is read with it, as after an answer.

>>> carried_subject("シニア 起業 人", "月 日 現地", entry).split()[:2]   # doctest: +SKIP
['起業', '人']
"""

from __future__ import annotations

from faq.model import FaqEntry, SearchResult

# How many of a もしかして's choices must share a category for it to be the conversation's topic.
CHOICES_OF_ONE_TOPIC = 3


def carried_subject(previous: str, own: str, entry: FaqEntry) -> str:
    """The subject after ``entry`` answers a message whose own subject words are ``own``: the words of
    ``previous``, then of ``own``, that the entry's phrasings or answer contain (each once)."""
    spoken = " ".join((*entry.phrasings, entry.answer))
    kept = [word for word in (*previous.split(), *own.split()) if word in spoken]
    return " ".join(dict.fromkeys(kept))


def topic_of_choices(result: SearchResult) -> str | None:
    """The category every one of a もしかして's first choices shares, else None."""
    choices = result.hits[:CHOICES_OF_ONE_TOPIC]
    categories = {hit.entry.category for hit in choices}
    return categories.pop() if len(choices) == CHOICES_OF_ONE_TOPIC and len(categories) == 1 else None
