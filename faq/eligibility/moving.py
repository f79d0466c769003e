"""Whether a prospective 協力隊 member moves, and from where to where, read from their words.

The rule (002:L1165): someone who moves their 住民票 from a 都市地域 to a 過疎地域等の条件不利地域 and lives
there. Residents tell it as 「住民票は東京に置いたまま」「実家から車で通う」「住民票だけ移して普段は東京」
「生まれも育ちもこの町」「過疎の村から隣の町へ」「世田谷区から新潟の山あいの村へ」; a question about it
(「移住先が条件不利地域かどうか関係ある？」) states no fact. The places by name are read in :mod:`.where`;
this module reads the words. Text comes with its numbers in digits (:mod:`.numbers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the 住民票 stays: 「住民票は実家に置いておきたい」「住所は変えずに」 (not 「住民票もそのまま移す」)
_NOT_MOVING = re.compile(
    r"(?:住民票|住所)[^。？?]{0,10}?(?:移さ|うつさ|動かさ|変えず|かえず|変えな|変えたくな|移せな|うつせな|移せへん|移したくな|移して(?:い)?ない|移す(?:つもり|予定|気)(?:は|も)?な|うつす気(?:は)?な|(?:そのまま|まんま|のまま)(?![^。？?、]{0,4}?(?:移|うつ))|残し|残す|置いた(?:まま)?|置いて(?:おき|おく|おこ|おい)|置いとき|置きっぱなし)"
)
_MOVING = re.compile(r"住民票[^。？?]{0,20}?(?:移す|移し|うつす|うつし|移動|異動|移る|移ります|移した|ごと|変更)")  # noqa: E501 - a pattern reads best on one line
# the life stays where it is: 「実家から毎日車で通う」「住むのは東京のまま」
_COMMUTES = re.compile(
    r"(?:自宅|実家|今の家|いまの家|今の住まい)から(?:毎日|車で|電車で|バスで)?[^。？?]{0,8}?(?:通う|通っ|通い|かよ)|通いで|(?:住む|暮らす|生活する)の?は[^。？?]{0,8}?(?:のまま|今まで通り|いままで通り|東京|都内)"
)
# the home stays and the resident commutes to the town: 「住民票は移すけど自宅に住み続けて村へ通う」
_HOME_STAYS = re.compile(r"(?:住み続け|住んだまま|住みながら|暮らし続け|引っ越さず|引っ越さない)")
_COMMUTES_TO = re.compile(r"(?:通って|通い|通う|かよって|かよう)")
# a sentence about the family's 住民票, not the member's: 「私と子どもは大阪に残り、住民票もそのまま」
_FAMILY = re.compile(r"(?:家族|子ども|子供|こども|私と|わたしと|僕と|俺と)(?:と|は|も|の)")
_SETTLES = re.compile(
    r"(?:移住|引っ越|転居)(?:し|す|予定|を)|(?:村|町|島|集落|地方|田舎)(?:に|へ)(?:移し|移す|移り|移っ)(?!たら|ても|た方)"
)
# only the paper moves: 「住民票だけ移して、普段は東京で」 — the 生活の拠点 stays
_PAPER_ONLY = re.compile(
    r"住民票だけ(?!じゃ|で(?:は)?な)|普段は[^。？?]{0,12}?(?:今まで通り|いままで通り|そのまま)|週末だけ通"
    # the life said to stay elsewhere, the town only visited: 「実際の生活は大阪で、村には月に数回通う」
    r"|(?:実際の|普段の|日々の|日常の)(?:生活|暮らし)(?:は|の拠点は)(?![^。？?、]{0,6}?(?:村|町|島|現地|移住先))"
    r"|(?:村|町|島|集落)(?:に|へ)(?:は)?(?:月|週)(?:に)?(?:\d+|数)(?:回|日)(?:ほど|くらい|程度)?(?:通|行|顔を出)"
)
# already living there: 「生まれも育ちも今住んでる過疎の町」「地元の町で」
_ALREADY_THERE = re.compile(
    r"生まれも育ちも|生まれ育った(?:町|村|地元)|地元の(?:町|村)で|今住んで(?:い)?る(?:過疎|町|村)|ずっと住んで|(?:もともと|元々)[^。？?]{0,8}?住んで|地元で(?:協力隊|隊員)|住んで(?:い)?る(?:町|村)で(?:協力隊|隊員)"
)
# where the 住民票 goes: a rural place (過疎, 離島, 山あいの村), not a city's centre — stated, not asked
_TO_RURAL = re.compile(
    r"過疎|離島|島の|島に|島へ|山あい|山間|山奥|山の中|中山間|集落|半島|へき地|僻地|農村|漁村|山村|村|田舎|条件不利|人口\d+(?:人|千人|百人)|小さ(?:な|い)(?:町|まち)"
)
_ASKED = re.compile(
    r"^[^。？?！!、]{0,6}?(?:かどうか|か(?:[?？]|な|わから)|に(?:当た|該当|入)る(?:か|の)|って(?:こと)?[?？])"
)
_ASKED_MOVE = re.compile(r"^[^。、,]{0,4}?(?:必要|べき|なきゃ|なくて(?:も|は)|ないと|なければ|ても(?:いい|大丈夫|OK)|[?？])|^か(?:どうか)?[^。、,]{0,4}?(?:決め|決まって|迷|悩|わから|分から|未定|検討|考え中)")  # noqa: E501 - a pattern reads best on one line
_SPLIT_LIFE = re.compile(r"二拠点|2拠点|月の半分は|半分は(?:東京|都内|都会|実家|自宅)|行ったり来たり|行き来")
# the resident comes from a city or from the countryside, said in words (the names are the gazetteer's)
_FROM_CITY_WORDS = re.compile(
    r"(?:(?<!地|特)区|都会|都市部|都心|都内|首都圏)(?:の[^。？?]{0,6}?)?(?:から|に住ん|に住んど|在住|住まい|で暮らし)"
)
_FROM_RURAL_WORDS = re.compile(
    r"(?:過疎|田舎|山間|離島|農村|山村|漁村|村)(?:の[^。？?、]{0,6}?)?(?:から(?!.{0,3}都)|在住|[にさ]住んで(?:い|お|る|ま|っ)|[にさ]住んど)|(?:今|いま|現在)(?:は)?(?:過疎|田舎|山間|離島|農村|山村|漁村|[^。？?、]{0,6}?村)[^。？?、]{0,4}?[にさ]住ん"
)


@dataclass(frozen=True)
class Move:
    moves: bool | None = None  # the 住民票 (and the life) moves; None when not said
    to_rural: bool = False  # it goes to a rural place (過疎, 離島, 村)
    from_city: bool = False  # they come from a city, in words (都会から, 世田谷区に住んで)
    from_rural: bool = False  # they come from the countryside (過疎の村から)
    split_life: bool = False  # 二拠点, 月の半分は東京: whether the 生活の拠点 moves is left open


def _said(pattern: re.Pattern[str], t: str) -> bool:
    """Stated, not asked: 「住民票は移す必要がある？」「移さなくてもいい？」 tell nothing of the case."""
    return any(not _ASKED_MOVE.match(t[m.end() : m.end() + 10]) for m in pattern.finditer(t))


# denied right after it is said: 「都会から来るわけでねぇ」「都内に住んでるんじゃなくて」
_DENIED = re.compile(
    r"^[^。？?！!、]{0,10}?(?:わけ(?:で|じゃ|では)(?:は|も)?(?:な|ね|あらへん|ありませ)|(?:んじゃ|のでは|んでは)な|ませんが|ないけど|ないが)"
)


def _affirmed(pattern: re.Pattern[str], t: str) -> bool:
    """Said of the resident and not denied right after (:data:`_DENIED`)."""
    return any(not _DENIED.match(t[m.end() : m.end() + 16]) for m in pattern.finditer(t))


def _to_rural(t: str) -> bool:
    return any(not _ASKED.match(t[m.end() : m.end() + 16]) for m in _TO_RURAL.finditer(t))


def _not_moving(t: str) -> bool:
    """The 住民票 stays, said of the member: a sentence about the family staying does not count when
    another one moves the member's (「夫は住民票を町へ移して…私と子どもは住民票もそのまま」)."""
    sentences = re.findall(r"[^。？?！!\n]+", t)
    member_moves = any(_said(_MOVING, s) and not _FAMILY.search(s) for s in sentences)
    return any(_said(_NOT_MOVING, s) and not (member_moves and _FAMILY.search(s)) for s in sentences)


def _paper_only(t: str) -> bool:
    """Only the paper moves: 「住民票だけ移して」, or the home kept while commuting to the town."""
    return bool(_PAPER_ONLY.search(t) or (_HOME_STAYS.search(t) and _COMMUTES_TO.search(t)))


def read_move(t: str) -> Move:
    """The move the resident tells in ``t`` (numbers in digits)."""
    moves: bool | None = None
    if _not_moving(t) or _paper_only(t) or _ALREADY_THERE.search(t):
        moves = False
    elif _said(_MOVING, t):
        moves = True  # said of the 住民票 itself, which outweighs how they get about now
    elif _COMMUTES.search(t):
        moves = False
    elif _SETTLES.search(t):
        moves = True
    return Move(
        moves=moves,
        to_rural=_to_rural(t),
        from_city=_affirmed(_FROM_CITY_WORDS, t),
        from_rural=_affirmed(_FROM_RURAL_WORDS, t),
        split_life=bool(_SPLIT_LIFE.search(t)),
    )
