"""The start menu under the LINE chat (the three flows' buttons and 窓口を探す): registered by
``python -m bot.web.channels.line richmenu``.

The menu's layout is data, ``bot/line/richmenu.json``; a postback area names a flow (``"flow":
"disaster_form"``) and takes its label, payload and displayText from the table of flows
(faq/data/flows.yml), as the greeting's buttons do, signed here with the channel secret (the webhook takes
only postbacks the bot signed); 窓口を探す opens LINE's location picker, whose location event gets the
place's きくみみ. The image is the municipality's own (``--image``, a 2500×843 PNG or JPEG under 1 MB) or,
without one, four labelled tiles drawn from the menu's labels.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import io
import json
import sys
from pathlib import Path
from typing import Any

from bot.web.channels.line.client import LineClient
from bot.web.channels.line.render import PostbackSigner
from faq.content.flows import FlowTable, flow_table
from faq.settings import PROJECT_ROOT

MENU_FILE = PROJECT_ROOT / "bot" / "line" / "richmenu.json"
FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/truetype/fonts-japanese-gothic.ttf",
)
COLOURS = ("#c0392b", "#1d4f91", "#2e7d32", "#6a4c93")


def with_flows(menu: dict[str, Any], flows: FlowTable) -> dict[str, Any]:
    """The menu with each area that names a flow given the flow's postback: its one label (also what the
    chat shows the resident as having said) and the payload that starts it."""
    filled = copy.deepcopy(menu)
    for area in filled["areas"]:
        form = area["action"].get("flow")
        if form:
            flow = flows.by_form(form)
            area["action"] = {
                "type": "postback",
                "label": flow.button,
                "data": flow.payload,
                "displayText": flow.button,
            }
    return filled


def signed_menu(menu: dict[str, Any], signer: PostbackSigner) -> dict[str, Any]:
    """The menu with every postback's data signed as the webhook expects."""
    signed = copy.deepcopy(menu)
    for area in signed["areas"]:
        action = area["action"]
        if action.get("type") == "postback":
            data = signer.sign(action["data"])
            if data is None:
                raise ValueError(f"postback data too long to sign: {action['data'][:40]!r}")
            action["data"] = data
    return signed


def drawn_image(menu: dict[str, Any], font_path: str | None = None) -> bytes:
    """Plain tiles, one per area, with the area's label: a stand-in until the municipality has its own."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = font_path or next((f for f in FONTS if Path(f).is_file()), None)
    if font_path is None:
        raise FileNotFoundError("no Japanese font to draw the menu with: pass --image")
    size = menu["size"]
    image = Image.new("RGB", (size["width"], size["height"]), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, 96)
    for n, area in enumerate(menu["areas"]):
        b = area["bounds"]
        box = (b["x"] + 8, b["y"] + 8, b["x"] + b["width"] - 8, b["y"] + b["height"] - 8)
        draw.rounded_rectangle(box, radius=40, fill=COLOURS[n % len(COLOURS)])
        label = area["action"].get("label", "")
        lines = [label[i : i + 5] for i in range(0, len(label), 5)]  # 5 characters a line fit a tile
        top = b["y"] + b["height"] // 2 - 60 * len(lines)
        for k, line in enumerate(lines):
            width = draw.textlength(line, font=font)
            draw.text((b["x"] + (b["width"] - width) / 2, top + 120 * k), line, font=font, fill="white")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


async def register(
    client: LineClient, menu: dict[str, Any], image: bytes, content_type: str, default: bool = True
) -> str:
    """Create the menu, upload its image, make it every user's default; the rich menu id."""
    menu_id = await client.create_rich_menu(menu)
    await client.upload_rich_menu_image(menu_id, image, content_type)
    if default:
        await client.set_default_rich_menu(menu_id)
    return menu_id


def main(argv: list[str] | None = None) -> int:
    from bot.web.settings import get_settings

    parser = argparse.ArgumentParser(prog="python -m bot.web.channels.line", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("richmenu", help="register the start menu and make it the default")
    command.add_argument("--menu", type=Path, default=MENU_FILE, help="the menu's JSON")
    command.add_argument("--image", type=Path, help="2500x843 PNG or JPEG (default: drawn tiles)")
    command.add_argument("--no-default", action="store_true", help="create it only")
    args = parser.parse_args(argv)
    settings = get_settings()
    if not settings.line_channel_secret or not settings.line_channel_access_token:
        print("set GOVBOT_LINE_CHANNEL_SECRET and GOVBOT_LINE_CHANNEL_ACCESS_TOKEN", file=sys.stderr)
        return 2
    menu = with_flows(json.loads(args.menu.read_text(encoding="utf-8")), flow_table())
    signed = signed_menu(menu, PostbackSigner(settings.line_channel_secret.encode("utf-8")))
    if args.image:
        image = args.image.read_bytes()
        content_type = "image/png" if args.image.suffix.lower() == ".png" else "image/jpeg"
    else:
        image, content_type = drawn_image(menu), "image/png"

    async def run() -> str:
        client = LineClient(settings.line_channel_access_token, settings.line_api_base)
        try:
            return await register(client, signed, image, content_type, not args.no_default)
        finally:
            await client.close()

    print(asyncio.run(run()))
    return 0
