/*
 * 行政・地域づくり相談アシスタント — the resident chat widget.
 *
 * Embed with one tag (no build step):
 *   <script src="https://ASSISTANT/static/widget.js" defer
 *           data-title="市の相談チャット" data-color="#1d4f91"
 *           data-first-message="こんにちは。" data-region="石川県"></script>
 *
 * It talks to the assistant over Rasa's REST channel, keeps the conversation in localStorage across
 * reloads, and renders every bot and user text as text (never as HTML).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__govbotWidget) return;
  window.__govbotWidget = true;

  var API = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var config = {
    title: data.title || "行政相談チャット",
    color: /^#[0-9a-fA-F]{6}$/.test(data.color || "") ? data.color : "#1d4f91",
    first:
      data.firstMessage ||
      "こんにちは。国や自治体の手続、災害時の支援、地域おこし協力隊、行政相談の窓口についてお答えします。",
    region: data.region || "",
  };
  var STORE_KEY = "govbot-widget:" + API;
  var MAX_SAVED = 200;
  var SAVED_FOR_MS = 7 * 24 * 3600 * 1000;
  var TIMEOUT_MS = 20000;
  var STARTERS = [
    { title: "分野から探す", payload: "/menu" },
    { title: "災害で困っている", payload: "/disaster_help" },
    { title: "行政相談の窓口を探す", payload: "/gyosei_soudan" },
    { title: "協力隊の対象か確かめる", payload: "/kyoryokutai_eligibility" },
  ];

  // ---- state -------------------------------------------------------------------------------------
  var state = load() || fresh();

  function fresh() {
    return { sender: newId(), messages: [], open: false, saved: Date.now() };
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (saved && saved.sender && Array.isArray(saved.messages) && Date.now() - saved.saved < SAVED_FOR_MS) {
        return saved;
      }
    } catch (e) { /* storage blocked or corrupt: start afresh */ }
    return null;
  }

  function save() {
    state.saved = Date.now();
    state.messages = state.messages.slice(-MAX_SAVED);
    try { localStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  // ---- DOM helpers -------------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(label, className, onClick) {
    var b = el("button", className, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  var LINK = /(https?:\/\/[^\s<>"'「」（）()、。]+)|(0\d{1,4}-\d{1,4}-\d{3,4}|0\d{2,4}-\d{5,6})/g;

  /** Text with its URLs and phone numbers as links; everything else as text nodes. */
  function richText(text) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    String(text).replace(LINK, function (match, url, phone, offset) {
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var a = el("a", null, match);
      if (url) {
        a.href = url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      } else {
        a.href = "tel:" + phone.replace(/-/g, "");
      }
      fragment.appendChild(a);
      last = offset + match.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(String(text).slice(last)));
    return fragment;
  }

  function onAccentText(hex) {
    var rgb = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
    return luminance > 0.179 ? "#111111" : "#ffffff";
  }

  // ---- the widget's frame ------------------------------------------------------------------------
  var stylesheet = el("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = API + "/static/widget.css";
  document.head.appendChild(stylesheet);

  var root = el("div", "gbw");
  root.lang = "ja";
  root.style.setProperty("--gbw-accent", config.color);
  root.style.setProperty("--gbw-on-accent", onAccentText(config.color));

  var launcher = button(config.title, "gbw-launcher", function () { setOpen(!state.open); });
  launcher.setAttribute("aria-controls", "gbw-panel");

  var panel = el("section", "gbw-panel");
  panel.id = "gbw-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "gbw-title");

  var header = el("div", "gbw-header");
  var title = el("h2", "gbw-title", config.title);
  title.id = "gbw-title";
  var clear = button("履歴を消去", "gbw-clear", clearConversation);
  clear.setAttribute("aria-label", "会話の履歴を消去して最初から");
  var close = button("×", "gbw-close", function () { setOpen(false); });
  close.setAttribute("aria-label", "チャットを閉じる");
  header.append(title, clear, close);

  var banner = el("div", "gbw-banner");
  banner.setAttribute("role", "region");
  banner.setAttribute("aria-label", "災害情報");
  banner.hidden = true;

  var log = el("ol", "gbw-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "会話");
  log.tabIndex = 0;

  var typing = el("div", "gbw-typing");
  typing.setAttribute("role", "status");
  typing.append(el("span", "gbw-dots"), el("span", null, "回答を準備しています…"));
  typing.hidden = true;

  var form = el("form", "gbw-form");
  var label = el("label", "gbw-sr", "質問を入力");
  label.htmlFor = "gbw-input";
  var input = el("textarea", "gbw-input");
  input.id = "gbw-input";
  input.rows = 2;
  input.maxLength = 1000;
  input.placeholder = "ご質問を入力してください（例：罹災証明書はどこでもらえる？）";
  input.setAttribute("enterkeyhint", "send");
  var send = el("button", "gbw-send", "送信");
  send.type = "submit";
  form.append(label, input, send);

  var note = el("p", "gbw-note", "電話番号・マイナンバー・住所などの個人情報は入力しないでください。");

  panel.append(header, banner, log, typing, form, note);
  root.append(panel, launcher);
  document.body.appendChild(root);

  // ---- opening and closing -----------------------------------------------------------------------
  function setOpen(open) {
    state.open = open;
    panel.hidden = !open;
    root.classList.toggle("gbw-is-open", open);
    launcher.setAttribute("aria-expanded", String(open));
    launcher.textContent = open ? "チャットを閉じる" : config.title;
    save();
    if (open) {
      if (!state.messages.length) greet();
      scrollToEnd();
      input.focus();
    } else {
      launcher.focus();
    }
  }

  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
    }
  });

  function greet() {
    addMessage({ from: "bot", text: config.first, buttons: STARTERS, local: true });
  }

  function clearConversation() {
    var open = state.open;
    state = fresh();
    state.open = open;
    renderAll();
    greet();
    save();
    input.focus();
  }

  // ---- messages ----------------------------------------------------------------------------------
  // Messages are appended (never re-rendered wholesale) so screen readers announce only what is new.
  var nodes = new Map();

  function addMessage(message) {
    if (message.from === "user") retireChoices();
    state.messages.push(message);
    save();
    show(message);
    return message;
  }

  function show(m) {
    var node = renderMessage(m, true);
    var old = nodes.get(m);
    if (old && old.parentNode === log) log.replaceChild(node, old);
    else log.appendChild(node);
    nodes.set(m, node);
    scrollToEnd();
  }

  /** Only the newest bot turn's buttons answer the question being asked. */
  function retireChoices() {
    log.querySelectorAll(".gbw-choice").forEach(function (b) { b.disabled = true; });
  }

  function renderAll() {
    var lastUser = -1;
    state.messages.forEach(function (m, i) { if (m.from === "user") lastUser = i; });
    log.textContent = "";
    nodes = new Map();
    state.messages.forEach(function (m, i) {
      var node = renderMessage(m, i > lastUser);
      nodes.set(m, node);
      log.appendChild(node);
    });
    scrollToEnd();
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  /** After a reply: show the question and the start of a long answer rather than its last line. */
  function scrollToTurn(question) {
    var node = nodes.get(question);
    scrollToEnd();
    if (!node) return;
    var offset = node.getBoundingClientRect().top - log.getBoundingClientRect().top;
    if (offset < 0) log.scrollTop += offset - 8;
  }

  function renderMessage(m, current) {
    var item = el("li", "gbw-msg gbw-" + m.from);
    var who = el("span", "gbw-sr", m.from === "user" ? "あなた：" : "アシスタント：");
    item.appendChild(who);
    if (m.card) {
      item.appendChild(renderCard(m.card, m.lead));
    } else {
      item.appendChild(el("div", "gbw-bubble")).appendChild(richText(m.text || ""));
    }
    if (m.calls) item.appendChild(renderCalls(m.calls));
    if (m.source) item.appendChild(el("p", "gbw-source", m.source));
    if (m.status === "sending") item.classList.add("gbw-pending");
    if (m.status === "failed") item.appendChild(renderFailure(m));
    if (m.buttons && m.buttons.length) {
      var choices = el("div", "gbw-choices");
      choices.setAttribute("role", "group");
      choices.setAttribute("aria-label", "選択肢");
      m.buttons.forEach(function (b) {
        var choice = button(b.title, "gbw-choice", function () { ask(b.payload, b.title); });
        choice.disabled = !current;
        choices.appendChild(choice);
      });
      item.appendChild(choices);
    }
    if (m.faqId) item.appendChild(renderFeedback(m));
    return item;
  }

  /** Safety replies: one tap-to-call button per number, the most urgent first. */
  function renderCalls(calls) {
    var box = el("div", "gbw-calls");
    calls.forEach(function (c) {
      if (!/^tel:[0-9]+$/.test(c.tel || "")) return;
      var call = el("a", "gbw-call gbw-urgent", "電話する " + c.phone + (c.label ? "（" + c.label + "）" : ""));
      call.href = c.tel;
      box.appendChild(call);
    });
    return box;
  }

  function renderCard(card, lead) {
    var box = el("div", "gbw-card");
    if (lead) box.appendChild(el("p", "gbw-card-lead", lead));
    box.appendChild(el("p", "gbw-card-name", card.name + "（総務省 行政相談センター）"));
    box.appendChild(el("p", null, "住所：" + card.address));
    var call = el("a", "gbw-call", "電話する " + card.phone);
    call.href = /^tel:[0-9+]+$/.test(card.tel || "") ? card.tel : "tel:" + String(card.phone).replace(/\D/g, "");
    box.appendChild(call);
    if (card.complaint_line) {
      var national = el("p", null, "全国共通 行政苦情110番：");
      national.appendChild(richText(card.complaint_line.phone + "（" + card.complaint_line.hours + "）"));
      box.appendChild(national);
    }
    if (/^https:\/\//.test(card.web_form || "")) {
      var web = el("a", "gbw-web", "インターネットで相談する");
      web.href = card.web_form;
      web.target = "_blank";
      web.rel = "noopener noreferrer";
      box.appendChild(web);
    }
    if (card.source) box.appendChild(el("p", "gbw-source", "出典：" + card.source));
    return box;
  }

  function renderFailure(m) {
    var box = el("div", "gbw-failed");
    box.appendChild(el("span", null, "送信できませんでした。通信状況を確かめて、もう一度お試しください。"));
    box.appendChild(button("再送する", "gbw-retry", function () {
      deliver(m);
      input.focus();
    }));
    return box;
  }

  function renderFeedback(m) {
    var box = el("div", "gbw-feedback");
    if (m.vote) {
      box.appendChild(el("span", null, "ご協力ありがとうございました。"));
      return box;
    }
    box.appendChild(el("span", null, m.voteFailed ? "送信できませんでした。もう一度：" : "この回答は役に立ちましたか？"));
    box.appendChild(button("役に立った", "gbw-vote", function () { vote(m, true); }));
    box.appendChild(button("役に立たなかった", "gbw-vote", function () { vote(m, false); }));
    return box;
  }

  // ---- talking to the assistant ------------------------------------------------------------------
  function ask(message, shown) {
    if (!message.trim()) return;
    var m = addMessage({ from: "user", text: shown || message, message: message, status: "sending" });
    deliver(m);
    input.focus();
  }

  function post(path, body) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(API + path, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
    }).then(function (response) {
      clearTimeout(timer);
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }

  function deliver(m) {
    m.status = "sending";
    save();
    show(m);
    typing.hidden = false;
    post("/webhooks/rest/webhook", { sender: state.sender, message: m.message })
      .then(function (replies) {
        m.status = "sent";
        show(m);
        receive(Array.isArray(replies) ? replies : [], m.text);
        scrollToTurn(m);
      })
      .catch(function () {
        m.status = "failed";
        save();
        show(m);
      })
      .then(function () { typing.hidden = true; });
  }

  /** Turn Rasa's REST messages into widget messages; a custom payload describes the text before it. */
  function receive(replies, question) {
    var previous = null;
    var incoming = [];
    replies.forEach(function (r) {
      if (typeof r.text === "string" || Array.isArray(r.buttons)) {
        previous = { from: "bot", text: r.text || "", buttons: r.buttons || [] };
        incoming.push(previous);
      }
      var custom = r.custom;
      if (!custom || !previous) return;
      if (custom.type === "faq_answer") {
        var lines = previous.text.split("\n");
        if (/^出典：/.test(lines[lines.length - 1])) previous.source = lines.pop();
        previous.text = lines.join("\n").replace(/\s+$/, "");
        previous.faqId = custom.faq_id;
        previous.question = question;
      } else if (custom.type === "emergency" && Array.isArray(custom.calls)) {
        var said = previous.text.split("\n");
        if (/^出典：/.test(said[said.length - 1])) previous.source = said.pop();
        previous.text = said.join("\n").replace(/\s+$/, "");
        previous.calls = custom.calls;
      } else if (custom.type === "kikumimi_card" && custom.name) {
        previous.card = custom;
        previous.lead = previous.text.split(custom.name)[0].trim();
      }
    });
    if (!incoming.length) {
      incoming.push({ from: "bot", text: "お答えを用意できませんでした。言い方を変えてもう一度お試しください。" });
    }
    incoming.forEach(function (m) {
      state.messages.push(m);
      show(m);
    });
    save();
  }

  function vote(m, helpful) {
    post("/api/feedback", { sender: state.sender, faq_id: m.faqId, helpful: helpful, question: m.question || "" })
      .then(function () { m.vote = helpful ? "helpful" : "not_helpful"; m.voteFailed = false; })
      .catch(function () { m.voteFailed = true; })
      .then(function () {
        save();
        show(m);
        input.focus();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    ask(text);
  });

  input.addEventListener("keydown", function (event) {
    // Enter sends; Shift+Enter breaks the line; Enter that confirms a kana-kanji conversion does neither.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  // ---- disaster banner ---------------------------------------------------------------------------
  function showBanner(disasters) {
    if (!disasters.length) return;
    banner.textContent = "";
    disasters.forEach(function (d) {
      // <details>: the reader can fold the banner away on a small screen and open it again.
      var block = el("details", "gbw-banner-item");
      block.open = true;
      block.appendChild(el("summary", "gbw-banner-title", "災害の情報：" + d.name));
      var line = el("p", null, "ご相談：" + d.contact.name + " ");
      var call = el("a", "gbw-call", d.contact.phone);
      call.href = /^tel:[0-9+]+$/.test(d.contact.tel) ? d.contact.tel : "tel:";
      line.appendChild(call);
      if (d.contact.hours) line.appendChild(document.createTextNode("（" + d.contact.hours + "）"));
      block.appendChild(line);
      block.appendChild(
        button("被災した方の支援について相談する", "gbw-banner-start", function () {
          if (!state.open) setOpen(true);
          ask(d.payload, "被災した方の支援について相談したい");
        })
      );
      banner.appendChild(block);
    });
    banner.hidden = false;
    root.classList.add("gbw-has-alert");
    launcher.setAttribute("aria-describedby", "gbw-alert-note");
    var alertNote = el("span", "gbw-sr", "災害の情報があります");
    alertNote.id = "gbw-alert-note";
    root.appendChild(alertNote);
  }

  fetch(API + "/api/disasters/active" + (config.region ? "?region=" + encodeURIComponent(config.region) : ""))
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(showBanner)
    .catch(function () { /* no banner without a connection */ });

  // ---- start -------------------------------------------------------------------------------------
  state.messages.forEach(function (m) { if (m.status === "sending") m.status = "failed"; });
  renderAll();
  panel.hidden = !state.open;
  root.classList.toggle("gbw-is-open", state.open);
  launcher.setAttribute("aria-expanded", String(state.open));
  if (state.open) launcher.textContent = "チャットを閉じる";
})();
