"""地域おこし協力隊 eligibility flow: a verdict that quotes the rule and its source, never more."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import count_turn, faq_service, source_line

RULE = (
    "要件：「都市地域から過疎地域等の条件不利地域に住民票を異動し、生活の拠点を移した者」を自治体が委嘱します"
    "（総務省 施策説明会資料 002:L1165）。"
)
TERM = (
    "活動期間は概ね1年以上3年以下です。地場産業等に従事し、任期後に一定の要件の下でその地場産業等の起業・"
    "事業承継を行う場合は、令和8年度から最大5年に延長できる特例があります（002:L1169, L1217）。"
)
STARTUP = (
    "任期2年目から任期終了後3年以内の起業・事業承継には、国から自治体への特別交付税措置（上限100万円/人、"
    "新たな雇用の創出等の要件を満たせば200万円/人）があります。個人にいくら出るかは受入自治体の制度によります"
    "（002:L1183-1185）。"
)
NEXT = (
    "次の一歩：①受入自治体の募集要項で、地域・活動内容・待遇を確認　"
    "②迷ったら「地域おこし協力隊サポートデスク」"
    "（移住・交流情報ガーデン内、東京都中央区京橋1-1-6 越前屋ビル）に相談（002:L1264-1266, L1661, L1673）。"
    "給与・年齢制限・応募時期は資料に記載がないため、募集要項でご確認ください。"
)
LOCAL_INDUSTRY = re.compile(r"農|漁|林|伝統|工芸|職人|承継|継|酒|特産|地場|起業|事業")
STAFF_ENTRIES = ("kyoryokutai-tokko-overview", "kyoryokutai-advisor-what", "kyoryokutai-training-jichitai")
ANSWER = {"yes": "yes", "no": "no"}


def yes_no(value: Any) -> str | None:
    text = str(value or "")
    if text in ANSWER:
        return text
    if re.search(r"わから|不明|微妙|どうだろ", text):
        return "unknown"
    if re.search(r"いいえ|いや|違|ちが|ない|no", text, re.I):
        return "no"
    if re.search(r"はい|うん|そう|yes|住んで|東京|大阪|名古屋|横浜|都市|市内", text, re.I):
        return "yes"
    return None


class ValidateKyoryokutaiForm(FormValidationAction):
    def name(self) -> str:
        return "validate_kyoryokutai_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        if tracker.get_slot("role") == "staff":
            return ["role"]
        return domain_slots

    def validate_role(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        text = str(value or "")
        if text in ("member", "staff"):
            return {"role": text}
        if re.search(r"自治体|役場|役所|担当|職員|受け?入れ|募集する", text):
            return {"role": "staff"}
        if re.search(r"応募|なりたい|やりたい|志望|本人|自分|わたし|私|僕|俺", text):
            return {"role": "member"}
        dispatcher.utter_message(
            text="「協力隊に応募したい」か「自治体の担当者」か、ボタンで選んでください。"
        )
        return {"role": None}

    def validate_lives_in_city(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        answer = yes_no(value)
        if answer is None:
            dispatcher.utter_message(text="「はい」「いいえ」「わからない」でお答えください。")
        return {"lives_in_city": answer}

    def validate_will_move(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> dict[str, Any]:
        answer = yes_no(value)
        if answer not in ("yes", "no"):
            dispatcher.utter_message(
                text="住民票と生活の拠点を移す予定か、「はい」か「いいえ」でお答えください。"
            )
            return {"will_move": None}
        return {"will_move": answer}


class ActionKyoryokutaiVerdict(Action):
    def name(self) -> str:
        return "action_kyoryokutai_verdict"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list:
        if tracker.get_slot("role") == "staff":
            self._staff(dispatcher)
        else:
            self._member(dispatcher, tracker)
        count_turn("flow", "地域おこし協力隊")
        return [SlotSet(s, None) for s in ("role", "lives_in_city", "will_move", "activity")]

    def _member(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        city, move = tracker.get_slot("lives_in_city"), tracker.get_slot("will_move")
        activity = str(tracker.get_slot("activity") or "")
        if move == "no":
            verdict = (
                "住民票と生活の拠点を受入地域に移さない場合、地域おこし協力隊の要件に当たりません。"
                "関わり方を探すなら、ふるさとワーキングホリデーや地域活性化起業人（副業型）もあります。"
            )
        elif city == "no":
            verdict = (
                "いまのお住まいが「都市地域」でない場合、要件に当たらない可能性があります。どこが都市地域に"
                "当たるかの一覧は資料にないため、受入自治体の募集要項かサポートデスクで確認してください。"
            )
        elif city == "unknown":
            verdict = (
                "住民票と生活の拠点を移す点は要件に沿っています。いまのお住まいが「都市地域」に当たるかは"
                "資料に一覧がないため、受入自治体の募集要項で確認してください。"
            )
        else:
            verdict = (
                "お答えの内容は制度の要件（都市地域から条件不利地域へ住民票と生活の拠点を移す）に沿っています。"
                "最終的な判断は受入自治体が行います。"
            )
        lines = [verdict, RULE, TERM]
        if LOCAL_INDUSTRY.search(activity):
            lines.append(
                f"「{activity[:30]}」のように地場産業に関わる活動で任期後に起業・事業承継を目指すなら、"
                "最大5年の特例の対象になりえます（「一定の要件」の詳細は資料に記載がありません）。"
            )
        lines += [STARTUP, NEXT]
        dispatcher.utter_message(
            text="\n\n".join(lines),
            buttons=[
                {
                    "title": "サポートデスクについて",
                    "payload": '/choose_faq{"faq_id": "kyoryokutai-consult"}',
                },
                {
                    "title": "任期の特例（最大5年）",
                    "payload": '/choose_faq{"faq_id": "kyoryokutai-term-extension-5yr"}',
                },
            ],
            json_message={"type": "kyoryokutai_verdict", "lives_in_city": city, "will_move": move},
        )

    def _staff(self, dispatcher: CollectingDispatcher) -> None:
        store = faq_service().store
        parts = ["自治体で協力隊を受け入れる場合に使える支援です。"]
        for entry_id in STAFF_ENTRIES:
            entry = store.get(entry_id)
            parts.append(f"■{entry.question}\n{entry.answer}\n{source_line(entry)}")
        dispatcher.utter_message(text="\n\n".join(parts), json_message={"type": "kyoryokutai_staff"})
