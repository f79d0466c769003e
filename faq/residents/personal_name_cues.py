"""The words residents say around a name, which tell that a word is one (part of the name detector,
:mod:`faq.residents.personal_names`): cues before it (氏名, 名前は, 私は, 祖母), after it (と申します,
いいます, さん, ちゃん, です), a family word (母, 息子, 孫), a place of one's own before it (志賀町の),
a signature at the end, a contact number beside it, and the honorifics that end a name and are never one;
with the character classes a name is read in (kana only, kanji only, a reading in brackets).
"""

from __future__ import annotations

import re

NAME_BEFORE = re.compile(
    r"(?:氏名|名前|なまえ|申請者|代表者|世帯主|旧姓|私|わたし|わたくし|あたし|僕|ぼく|俺|おれ|わし|おら|わん|自分"
    r"|代理人|被災者|同居人|相談者|契約者|名義人|名義|めいぎ|受取人|家族|ふりがな|フリガナ|読み"
    r"|担当者?|宛名|姓|苗字|名字|みょうじ|フルネーム|(?<![\u4e00-\u9fff])名(?=\s?:))\s?[はがの:、「]?\s?$"
)
GIVEN_HONOURED = re.compile(
    r"[ \u3000]?(?P<given>[ぁ-ゖァ-ヺー]{2,4})[ \u3000]?(?:様|ちゃん|くん|殿|さま(?!ざま)"
    # さん, not the number three said in kana (かわいまち さんちょうめ, さんじ)
    r"|さん(?!ちょう|ばん|ごう|ねん|がつ|にち|じゅう|びゃく|ひゃく|ぜん|せん|まん|えん|にん|さい|かい|じ|ぷん|ぼん|ほん|まい|だい|ど|ばい|こ))"
)
KATAKANA_GIVEN = re.compile(r"[ \u3000]?[ァ-ヺー]{2,4}(?:子)?(?![ァ-ヺー])")  # on the same line
RELATION = (
    r"(?:母|父|祖母|祖父|妻|夫|娘|息子|姉|妹|兄|弟|嫁|義母|義父|おば|おじ|孫|叔母|伯母|隣の家の|近所の"
    r"|主人|旦那|家内|長男|長女|次男|次女|三男|三女|むすめ|むすこ|はは|ちち|おっと|つま|まご)"
)
# Words after a name that say it is one; the first line also for a word only the dictionary knows as a name.
# A naming verb: said of a person only, even of a word the message reads as a place (坂下 っちゅうもんや).
NAMING_VERB = (
    r"と申します|といいます|と言います|っていいます|って言います|っていう|と申す|と読みます|とよみます|って読みます"
    # said without its と, as in speech (森田いいます, 山本申します), or in dialect (ゆいます, いいよります)
    r"|(?:申します|もうします|いいます|言います|ゆいます|ゆーます|いいよります|いうてます)(?=[。.!！、,\s]|$)"
    r"|(?:と|って|っ|ち|て)?(?:言う|いう|ゆう|ちゅう|ちゅー)(?:もん|者|もの)"
)
# …but not a bare っていう (輪島っていう町) nor もんで (「because」)
NAMED = re.compile(
    r"^\s?(?:と申します|と申す|といいます|と言います|っていいます|って言います"
    r"|(?:と|って|っ|ち|て)?(?:言う|いう|ゆう|ちゅう|ちゅー)(?:者|もん(?!で)|もの(?!で)))"
)
NAMING_AFTER = (
    rf"{NAMING_VERB}|さん|様|さま|ちゃん|くん|君|氏|先生|殿"
    rf"|\(\s?{RELATION}\s?\)"  # 花子(妻): the family word in brackets after it
    r"|(?:様|さま)?(?:宛て|宛|あて)(?=[でにへをの、。,\s]|$)"  # 中村宛てで: the addressee of a letter
)
# …です, or an age in brackets after it (山田(65)です)
NAME_AFTER = re.compile(
    rf"^\s?(?:{NAMING_AFTER}|です|でございます|だけど|やけど|\(\s?\d{{1,3}}\s?(?:歳|さい|才)?\s?\))"
)
DESU_ONLY = re.compile(r"^\s?(?:です|でございます|だけど|やけど|(?:宛て|宛|あて)(?!様|さま))")
STRONG_AFTER = re.compile(rf"^\s?(?:{NAMING_AFTER})")
# 「志賀町の寺井です。」: a resident introducing themself by their place and family name. The place stays.
PLACE_OF = re.compile(
    r"(?:^|[。.!！?？\n、\s])[^。.!！?？\n、\s]{0,12}(?:市|町|村|区|島|地区|在住|仮設|集落|団地|号|号室|棟)\s?の\s?$"
)
INTRO_END = re.compile(r"^\s?(?:です|と申します|といいます|でございます)(?:\s|[。.!！、,\n]|$|よろしく)")
SENTENCE_START = re.compile(r"(?:^|[。.!！?？\n]\s?)$")
# 「…よろしくお願いします。山本」: a family name (or a name in kana) alone after a break signs the message.
SIGNATURE_BEFORE = re.compile(r"[。.!！?？\n(]\s?$")  # …お願いします（山田）
SIGNATURE_AFTER = re.compile(r"\s?[。.)]?\s?$")
KANA_SIGNATURE = re.compile(r"(?<=[\s。.!！?？)\n])(?P<name>[ぁ-ゖァ-ヺー]{2,8})\s?[。.]?\s?$")
PLACE_SUFFIX = re.compile(r"[都道府県市区町村郡]")
CENTRE_BEFORE = re.compile(r"(?:きくみみ|キクミミ|kikumimi)\s?$", re.IGNORECASE)  # きくみみ秋田: a centre
CONTRAST = re.compile(r"\s?(?:じゃなくて|じゃなく|ではなくて|ではなく|でなく)[、,]?\s?")
CLOSING = tuple("。.!！?？)）m♪") + ("🙇", "🙏")  # what ends the message before a name in kana signs it
KANJI_ONLY = re.compile(r"[\u4e00-\u9fff々]+")
FOREIGN_NAME = re.compile(
    r"(?:私|わたし|僕|ぼく|名前|なまえ|氏名|自分)\s?[はが:]?\s?(?P<name>[ァ-ヺー]{2,10}(?:[・=]\s?[ァ-ヺー]{1,10}){1,3})"
    r"(?=\s?(?:です|と申します|といいます|っていいます|[。、,]|$))"
)
FOREIGN_PARTS = re.compile(r"(?:[・=＝]\s?[ァ-ヺー]{1,10}){1,3}")
KANA_ONLY = re.compile(r"[ぁ-ゖァ-ヺー]+")
HIRAGANA_ONLY = re.compile(r"[ぁ-ゖー]+")
KANA_RUN = re.compile(r"[ぁ-ゖァ-ヺー]{2,16}")
KANA_CUE_TAIL = re.compile(
    r"(?:です|でございます|といいます|っていいます|さん|ちゃん|くん|さま|だけど|やけど|が|は|も)$"
)
WORD = re.compile(r"[\u4e00-\u9fff々]{1,4}|[ぁ-ゖァ-ヺー]{2,8}")
READING = re.compile(r"\s?\([\u3041-\u309f\u30a1-\u30fa ー]{1,12}\)")  # 岡本(おかもと)
# A given name in katakana (older women's names: トメ, キヨ, ハツエ) said with a family word or as a name.
# はなこの母です: a name before 「の」 and a family word
OF_RELATION = re.compile(rf"^\s?の\s?{RELATION}(?:です|でございます|だけど|やけど|[。、,\s])")
RELATION_BEFORE = re.compile(rf"{RELATION}\s?[のはが、,・]?\s?$")  # 父・一郎
RELATION_APART = re.compile(rf"{RELATION}\s?[の、,]?\s$")  # 母 よしえ, むすめの ゆい: not 母のために
KATAKANA_NAME = re.compile(
    rf"(?:{RELATION}(?:[のはが・]|\()(?P<after_relation>[ァ-ヺ]{{2,4}})(?=[がはのもを、\s)]|といい|って)"
    r"|(?<![ァ-ヺー])(?P<before_family>[ァ-ヺ]{2,4})(?=ばあちゃん|じいちゃん|おばあちゃん|おじいちゃん|さん|ちゃん|といいます|っていいます))"
)
# 娘 はるか(12), 息子 そうた（小3）: a word set apart after a family word, then an age or a school year in
# brackets, is a child's or a relative's name even where the dictionary does not know it (そうた, りく).
AGED_NAME = re.compile(
    rf"{RELATION}(?:\s?[のはが、,・]\s?|\s)(?P<name>[ぁ-ゖァ-ヺー]{{2,8}}|[\u4e00-\u9fff々]{{1,4}})"
    r"\s?\(\s?(?:\d{1,3}\s?(?:歳|さい|才|か月|ヶ月|カ月)?|(?:小|中|高|小学|中学|高校)\s?\d)\s?\)"
)
# Kanji variants UniDic reads only in their common form (髙橋 is not in the dictionary, 高橋 is).
VARIANTS = str.maketrans("髙﨑濵邉邊德栁隆塚", "高崎浜辺辺徳柳隆塚")

# 「連絡先 080-1234-5678 タナカ」「山本 090-…」: a name given beside a contact number, alone on its line.
NAME_WORD = r"(?P<name>[\u4e00-\u9fff々]{1,4}|[ァ-ヺー]{2,6}|[ぁ-ゖ]{2,6})"
CONTACT_AFTER_NUMBER = re.compile(
    rf"\d{{4}}\s?[)]?\s?(?:[(]\s?)?{NAME_WORD}\s?[)]?\s?(?=$|\n|[。.、,!！]|まで|宛|あて)"
)
CONTACT_BEFORE_NUMBER = re.compile(
    rf"(?:^|(?<=[\s。、,:\n])){NAME_WORD}\s?[:(]?\s?(?=(?:\+81|0)\d{{1,4}}\s?[-‐ー−()\s]?\s?\d)"
)


# An honorific ends a name and is never one: ちゃん is also read チャン, a Chinese family name.
HONORIFICS = frozenset(
    ("さん", "さま", "様", "ちゃん", "ちゃ", "くん", "君", "殿", "氏", "先生", "はん", "やん")
)


APART_CUE = re.compile(rf"(?:{NAME_BEFORE.pattern[:-1]})(?<=[は:：、「 \u3000])$")
MESSAGE_END = re.compile(r"^\s?[。.!！]?\s?$")  # 「ぼくは たろう」: nothing after the word
BOUNDARY_BEFORE = re.compile(r"(?:^|[\s。.!！?？、,:：「(])$")
BOUNDARY_AFTER = re.compile(r"^(?:$|[\s。.!！?？、,」)(]|が|は|の|も|を|に|と|から|です)")
