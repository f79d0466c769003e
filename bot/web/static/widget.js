/*
 * 行政・地域づくり相談アシスタント — the resident chat widget.
 *
 * Embed with one tag (no build step):
 *   <script src="https://ASSISTANT/static/widget.js" defer
 *           data-title="市の相談チャット" data-color="#1d4f91"
 *           data-first-message="こんにちは。" data-region="石川県" data-municipality="172049"></script>
 *
 * data-municipality (a 全国地方公共団体コード or a name, 輪島市) is sent with every message as Rasa REST
 * metadata {"municipality": …}: the assistant takes it as the resident's place when a message names none.
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
  var STORE_KEY = "govbot-widget:" + API;

  // The widget's words and its start menu are the assistant's (GET /api/widget: faq/data/messages.yml's
  // widget texts and the table of flows), never written here. They are kept with the conversation, so the
  // widget starts at once next time (offline too); on a first visit it appears once they have arrived.
  function fetchWidget() {
    return fetch(API + "/api/widget").then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    });
  }

  function keptWidget() {
    try {
      var saved = JSON.parse(localStorage.getItem(STORE_KEY) || "null");
      if (saved && saved.texts && typeof saved.texts === "object") {
        return { texts: saved.texts, start_menu: saved.menu || [] };
      }
    } catch (e) { /* storage blocked or corrupt: ask the assistant */ }
    return null;
  }

  var kept = keptWidget();
  if (kept) {
    start(kept, fetchWidget());
  } else {
    fetchWidget()
      .then(function (w) { start(w, null); })
      .catch(function () { /* without the assistant there are no words to show, and no one to answer */ });
  }

  /** Build the widget with ``widget``'s words and menu; ``update``, when given, brings the current ones. */
  function start(widget, update) {
    var T = widget.texts || {};

    /** A text of the widget, its {fields} filled. */
    function t(key, fields) {
      var text = typeof T[key] === "string" ? T[key] : "";
      return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
        return fields && name in fields ? String(fields[name]) : whole;
      });
    }

    /** The line under an answer that names its source (messages.yml's source_line starts the same way). */
    function isSource(line) {
      var prefix = t("source").split("{source}")[0];
      return !!prefix && String(line).indexOf(prefix) === 0;
    }

    var config = {
      title: data.title || t("title"),
      color: /^#[0-9a-fA-F]{6}$/.test(data.color || "") ? data.color : "#1d4f91",
      first: data.firstMessage || t("first"),
      region: data.region || data.municipality || "", // the banner: the page's prefecture
      municipality: (data.municipality || "").trim().slice(0, 40),
    };
    var MAX_SAVED = 200;
    var SAVED_FOR_MS = 7 * 24 * 3600 * 1000;
    var TIMEOUT_MS = 20000;
    var RETRY_MS = [2000, 5000, 15000, 30000]; // resend by itself after a lost reply, then when back online
    var LONG_ANSWER_CHARS = 140; // longer answers open folded to their first lines, with 「続きを読む」

    // ---- state -------------------------------------------------------------------------------------
    // state.menu and state.texts: the start menu and the words the assistant served, kept so that
    // 「メニュー」 works offline and the next page starts at once.
    var state = load() || fresh();
    state.texts = T; // kept with the conversation: the next page starts with them at once
    if (!Array.isArray(state.menu)) state.menu = (widget.start_menu || []).filter(isButton);

    function fresh() {
      return { sender: newId(), messages: [], open: false, saved: Date.now(), ruby: false };
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

    function isButton(b) {
      return !!b && typeof b.title === "string" && typeof b.payload === "string";
    }

    function starters() {
      return Array.isArray(state.menu) ? state.menu.filter(isButton) : [];
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
    panel.setAttribute("aria-modal", "true");
    panel.tabIndex = -1;

    var header = el("div", "gbw-header");
    var title = el("h2", "gbw-title", config.title);
    title.id = "gbw-title";
    var tools = el("div", "gbw-tools");
    var home = button(t("home"), "gbw-tool gbw-home", showMenu);
    home.setAttribute("aria-label", t("home_label"));
    var rubyToggle = button(t("ruby"), "gbw-tool gbw-ruby-toggle", function () { setRuby(!state.ruby); });
    rubyToggle.setAttribute("aria-pressed", "false");
    var clear = button(t("clear"), "gbw-tool gbw-clear", clearConversation);
    clear.setAttribute("aria-label", t("clear_label"));
    var close = button("×", "gbw-tool gbw-close", function () { setOpen(false); });
    close.setAttribute("aria-label", t("close"));
    tools.append(home, rubyToggle, clear, close);
    header.append(title, tools);

    var banner = el("div", "gbw-banner");
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-label", t("banner_label"));
    banner.hidden = true;

    // A <div>, not a list: role=log on an <ol> strips its list role and leaves orphaned list items.
    var log = el("div", "gbw-log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", t("log_label"));
    log.tabIndex = 0;

    var typing = el("div", "gbw-typing");
    typing.setAttribute("role", "status");
    typing.append(el("span", "gbw-dots"), el("span", null, t("typing")));
    typing.hidden = true;

    var form = el("form", "gbw-form");
    var label = el("label", "gbw-sr", t("input_label"));
    label.htmlFor = "gbw-input";
    var input = el("textarea", "gbw-input");
    input.id = "gbw-input";
    input.rows = 2;
    input.maxLength = 1000;
    var PLACEHOLDER = t("placeholder");
    input.placeholder = PLACEHOLDER;
    input.setAttribute("enterkeyhint", "send");
    var send = el("button", "gbw-send", t("send"));
    send.type = "submit";
    form.append(label, input, send);

    // The privacy note: one short line under the input; its detail opens from it and is the input's description.
    var note = el("details", "gbw-note");
    note.appendChild(el("summary", null, t("privacy_summary")));
    var noteText = el("p", null, t("privacy_text"));
    noteText.id = "gbw-note-text";
    note.appendChild(noteText);
    input.setAttribute("aria-describedby", noteText.id);

    var body = el("div", "gbw-body");
    body.append(banner, log, typing);
    panel.append(header, body, form, note);
    root.append(panel, launcher);
    document.body.appendChild(root);

    // ---- opening and closing -----------------------------------------------------------------------
    function setOpen(open) {
      state.open = open;
      panel.hidden = !open;
      root.classList.toggle("gbw-is-open", open);
      launcher.setAttribute("aria-expanded", String(open));
      launcher.textContent = open ? t("close") : config.title;
      save();
      if (open) {
        if (!state.messages.length) greet();
        fitToSpace();
        scrollToEnd();
        if (!touch) input.focus();
        else panel.focus();
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
      addMessage({ from: "bot", text: config.first, buttons: starters(), local: true, startMenu: true });
    }

    /** The way home: the starting choices again, without a round trip (works offline too). */
    function showMenu() {
      retireChoices();
      var m = addMessage({ from: "bot", text: t("menu_prompt"), buttons: starters(), local: true, startMenu: true });
      focusOn(m);
    }

    /** The server's start menu: kept for next time, and given to a greeting or menu that was shown before
        it arrived and is still the newest turn. */
    function useStarters(menu) {
      state.menu = menu.filter(isButton);
      var lastUser = -1;
      state.messages.forEach(function (m, i) { if (m.from === "user") lastUser = i; });
      state.messages.forEach(function (m, i) {
        if (m.startMenu && i > lastUser && !(m.buttons && m.buttons.length)) {
          m.buttons = starters();
          show(m, true);
        }
      });
      save();
    }

    function clearConversation() {
      var open = state.open;
      var menu = state.menu;
      state = fresh();
      state.open = open;
      state.menu = menu;
      state.texts = T;
      renderAll();
      greet();
      save();
      if (!touch) input.focus();
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

    function show(m, keepScroll) {
      var old = nodes.get(m);
      var current = !old || !old.querySelector(".gbw-choices[aria-hidden]");
      var node = renderMessage(m, current);
      if (old && old.parentNode === log) log.replaceChild(node, old);
      else log.appendChild(node);
      nodes.set(m, node);
      if (!keepScroll) scrollToEnd();
    }

    /** Only the newest bot turn's buttons answer the question being asked. */
    function retireChoices() {
      log.querySelectorAll(".gbw-choices").forEach(retire);
    }

    /** Old choices stay visible, greyed, but leave the accessibility tree and the Tab order. */
    function retire(group) {
      group.setAttribute("aria-hidden", "true");
      group.querySelectorAll(".gbw-choice").forEach(function (b) { b.disabled = true; });
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
      placeBanner();
      scrollToEnd();
    }

    /** The element that scrolls: the log, or the whole panel when even the header and input leave too
        little room (400 % zoom). */
    function scroller() {
      return root.classList.contains("gbw-tight") ? panel : log;
    }

    /** The call link of the reply to ``question``: an emergency's, or a possible danger's line above an answer. */
    function urgentCall(question) {
      var start = state.messages.indexOf(question);
      for (var i = start + 1; start >= 0 && i < state.messages.length; i++) {
        var m = state.messages[i];
        if (m.from === "user") break;
        var node = nodes.get(m);
        var call = node ? node.querySelector(".gbw-urgent") : null;
        if (call) return call;
      }
      return null;
    }

    /** After a reply, a node that must be seen (the emergency call link) is scrolled into view. */
    function reveal(node) {
      var box = scroller();
      var area = box.getBoundingClientRect();
      var top = Math.max(area.top, 0);
      var bottom = Math.min(area.bottom, form.getBoundingClientRect().top, window.innerHeight);
      var rect = node.getBoundingClientRect();
      if (rect.bottom > bottom) box.scrollTop += rect.bottom - bottom + 8;
      rect = node.getBoundingClientRect();
      if (rect.top < top) box.scrollTop -= top - rect.top + 8;
    }

    /** To the newest message; before the resident has said anything, to the greeting (and the banner). */
    function scrollToEnd() {
      var box = scroller();
      var started = state.messages.some(function (m) { return m.from === "user"; });
      box.scrollTop = started ? box.scrollHeight : 0;
    }

    /** A late layout change (the stylesheet or a font arriving on a slow network, a banner, a change of text
        size) moves the conversation to its newest message — except when the latest turn is an emergency:
        then its question and the red call button stay where the reply put them. */
    function showLatest() {
      var asked = state.messages.filter(function (m) { return m.from === "user"; });
      var last = asked[asked.length - 1];
      var urgent = last ? urgentCall(last) : null;
      if (!urgent) return scrollToEnd();
      scrollToTurn(last);
      reveal(urgent);
    }

    /** After a reply: show the question and the start of a long answer rather than its last line. */
    function scrollToTurn(question) {
      var node = nodes.get(question);
      scrollToEnd();
      if (!node) return;
      var box = scroller();
      var offset = node.getBoundingClientRect().top - box.getBoundingClientRect().top;
      if (offset < 0) box.scrollTop += offset - 8;
    }

    /** Move focus to a message (not to the input: on a phone that raises the keyboard over the answer).
        Its buttons come next in the Tab order. */
    function focusOn(m) {
      var node = nodes.get(m);
      if (!node) return;
      node.tabIndex = -1;
      node.focus({ preventScroll: true });
    }

    function renderMessage(m, current) {
      var item = el("div", "gbw-msg gbw-" + m.from + (m.line ? " gbw-safety-line" : ""));
      var who = el("span", "gbw-sr", m.from === "user" ? t("you") : t("assistant"));
      item.appendChild(who);
      if (m.card) {
        item.appendChild(renderCard(m.card, m.lead));
      } else if (m.text) {
        // An emergency: the number to call first, where the eye lands, then what to say.
        if (m.calls && !m.line) item.appendChild(renderCalls(m.calls));
        item.appendChild(renderBubble(m));
      }
      if (m.calls && (m.line || !m.text || m.card)) item.appendChild(renderCalls(m.calls));
      if (m.source) item.appendChild(el("p", "gbw-source", peopleSource(m.source)));
      if (m.status === "sending") item.classList.add("gbw-pending");
      if (m.status === "failed") item.appendChild(renderFailure(m));
      if (m.buttons && m.buttons.length) {
        var choices = el("div", "gbw-choices");
        choices.setAttribute("role", "group");
        choices.setAttribute("aria-label", t("choices_label"));
        m.buttons.forEach(function (b) {
          var choice = button(b.title, "gbw-choice", function () { ask(b.payload, b.title, true); });
          choices.appendChild(choice);
        });
        if (!current) retire(choices);
        item.appendChild(choices);
      }
      if (m.faqId) item.appendChild(renderFeedback(m));
      return item;
    }

    /** Safety replies: one tap-to-call button per number, the most urgent first. */
    function renderCalls(calls) {
      var box = el("div", "gbw-calls");
      calls.forEach(function (c) {
        if (!/^tel:(%23)?[0-9]+$/.test(c.tel || "")) return;
        var said = c.label ? t("call_named", { phone: c.phone, label: c.label }) : t("call", { phone: c.phone });
        var call = el("a", "gbw-call gbw-urgent", said);
        call.href = c.tel;
        box.appendChild(call);
      });
      return box;
    }

    function renderBubble(m) {
      var bubble = el("div", "gbw-bubble");
      var text = shownText(m);
      if (m.from === "bot" && state.ruby && m.ruby && m.rubyText === text) bubble.appendChild(renderRuby(m.ruby));
      else bubble.appendChild(richText(text));
      var wrap = el("div", "gbw-long");
      wrap.appendChild(bubble);
      if (m.easy) {
        var easy = button(m.showEasy ? t("easy_off") : t("easy_on"), "gbw-more gbw-easy", function () {
          m.showEasy = !m.showEasy;
          save();
          show(m, true);
          var again = nodes.get(m).querySelector(".gbw-easy");
          if (again) again.focus();
          if (state.ruby) loadRuby().then(rerenderBot);
        });
        easy.setAttribute("aria-pressed", String(!!m.showEasy));
        wrap.appendChild(easy);
      }
      if (m.from !== "bot" || text.length <= LONG_ANSWER_CHARS) return m.easy ? wrap : bubble;
      bubble.id = "gbw-b-" + newId().slice(0, 8);
      var more = button(m.expanded ? t("less") : t("more"), "gbw-more", function () {
        m.expanded = !m.expanded;
        save();
        show(m, true);
        var again = nodes.get(m).querySelector(".gbw-more");
        if (again) again.focus();
      });
      more.setAttribute("aria-expanded", String(!!m.expanded));
      more.setAttribute("aria-controls", bubble.id);
      if (!m.expanded) bubble.classList.add("gbw-folded");
      wrap.appendChild(more);
      return wrap;
    }

    function shownText(m) {
      return m.easy && m.showEasy ? m.easy : m.text;
    }

    /** Ruby segments [[text, reading], ...] as <ruby> (as text nodes: never HTML). */
    function renderRuby(segments) {
      var fragment = document.createDocumentFragment();
      segments.forEach(function (s) {
        if (!s[1]) { fragment.appendChild(richText(s[0])); return; }
        var r = el("ruby", null, s[0]);
        var rt = el("rt", null, s[1]);
        r.appendChild(rt);
        fragment.appendChild(r);
      });
      return fragment;
    }

    /** Residents see the document; line references (002:L5444) stay in `custom` for staff tools. */
    function peopleSource(line) {
      return String(line).replace(/（[^（）]*:L[\d,\-–L ]+）/g, "").replace(/\s*\([^()]*:L[\d,\-–L ]+\)/g, "");
    }

    function renderCard(card, lead) {
      var box = el("div", "gbw-card");
      if (lead) box.appendChild(el("p", "gbw-card-lead", lead));
      box.appendChild(el("p", "gbw-card-name", t("card_name", { name: card.name })));
      box.appendChild(el("p", null, t("card_address", { address: card.address })));
      var call = el("a", "gbw-call", t("call", { phone: card.phone }));
      call.href = /^tel:[0-9+]+$/.test(card.tel || "") ? card.tel : "tel:" + String(card.phone).replace(/\D/g, "");
      box.appendChild(call);
      if (card.complaint_line) {
        var national = el("p", null, t("card_complaint_line"));
        national.appendChild(richText(card.complaint_line.phone + "（" + card.complaint_line.hours + "）"));
        box.appendChild(national);
      }
      if (/^https:\/\//.test(card.web_form || "")) {
        var web = el("a", "gbw-web", t("card_web_form"));
        web.href = card.web_form;
        web.target = "_blank";
        web.rel = "noopener noreferrer";
        box.appendChild(web);
      }
      if (card.source) box.appendChild(el("p", "gbw-source", peopleSource(t("source", { source: card.source }))));
      return box;
    }

    function renderFailure(m) {
      var box = el("div", "gbw-failed");
      box.appendChild(el("span", null, t("send_failed")));
      box.appendChild(button(t("resend"), "gbw-retry", function () {
        state.messages.forEach(function (other) { if (other.status === "failed") other.attempts = 0; });
        resendFailed(); // the oldest first: a later message never overtakes an earlier one
      }));
      return box;
    }

    function renderFeedback(m) {
      var box = el("div", "gbw-feedback");
      if (m.vote) {
        box.appendChild(el("span", null, t("vote_thanks")));
        return box;
      }
      box.appendChild(el("span", null, m.voteFailed ? t("vote_failed") : t("vote_question")));
      box.appendChild(button(t("helpful"), "gbw-vote", function () { vote(m, true); }));
      box.appendChild(button(t("not_helpful"), "gbw-vote", function () { vote(m, false); }));
      return box;
    }

    // ---- talking to the assistant ------------------------------------------------------------------
    function ask(message, shown, tapped) {
      if (!message.trim() || pending) return false;
      var m = addMessage({
        from: "user", text: shown || message, message: message, status: "sending", clientId: newId(),
      });
      m.tapped = !!tapped;
      if (oldestUnsent() === m) {
        deliver(m);
      } else { // an earlier message is still unsent: this one waits its turn behind it
        m.status = "failed";
        save();
        show(m);
        resendFailed();
      }
      return true;
    }

    function oldestUnsent() {
      for (var i = 0; i < state.messages.length; i++) {
        var m = state.messages[i];
        if (m.from === "user" && (m.status === "failed" || m.status === "sending")) return m;
      }
      return null;
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

    // One message in flight at a time: send waits, and a lost reply is fetched again with the same
    // client id, which the server answers with the reply it already gave (never a second turn).
    var pending = null;
    var retryTimer = null;

    function setPending(m) {
      pending = m;
      send.disabled = !!m;
      typing.hidden = !m;
    }

    function deliver(m) {
      if (pending && pending !== m) return;
      clearTimeout(retryTimer);
      if (!m.clientId) m.clientId = newId();
      m.status = "sending";
      save();
      show(m);
      setPending(m);
      var metadata = { client_id: m.clientId };
      if (config.municipality) metadata.municipality = config.municipality;
      var request = { sender: state.sender, message: m.message, metadata: metadata };
      post("/webhooks/rest/webhook", request)
        .then(function (replies) {
          m.status = "sent";
          m.attempts = 0;
          show(m);
          setPending(null);
          var first = receive(Array.isArray(replies) ? replies : [], m);
          scrollToTurn(m);
          var urgent = urgentCall(m);
          if (urgent) reveal(urgent);
          if (m.tapped || !panel.contains(document.activeElement)) focusOn(first);
          if (state.ruby) loadRuby().then(rerenderBot);
          resendFailed();
        })
        .catch(function () {
          m.status = "failed";
          m.attempts = (m.attempts || 0) + 1;
          save();
          show(m);
          setPending(null);
          scheduleRetry(m);
        });
    }

    function scheduleRetry(m) {
      if (!navigator.onLine || m.attempts > RETRY_MS.length) return; // the "online" event resends
      retryTimer = setTimeout(function () { if (m.status === "failed") resendFailed(); }, RETRY_MS[m.attempts - 1]);
    }

    /** The oldest message that did not get through, sent again (when the connection returns, after a reply,
        on 再送する); its reply sends the next one, so queued messages go out one by one, in order. */
    function resendFailed() {
      if (pending) return;
      for (var i = 0; i < state.messages.length; i++) {
        var m = state.messages[i];
        if (m.from === "user" && m.status === "failed") { deliver(m); return; }
      }
    }

    window.addEventListener("online", function () {
      state.messages.forEach(function (m) { if (m.status === "failed") m.attempts = 0; });
      resendFailed();
    });

    /** Turn Rasa's REST messages into widget messages (a custom payload describes the text before it) and
        put them under ``asked``, the question they answer, even when later questions were typed meanwhile. */
    function receive(replies, asked) {
      var question = asked.text;
      var previous = null;
      var incoming = [];
      replies.forEach(function (r) {
        var hasText = typeof r.text === "string" && r.text.trim() !== "";
        var hasButtons = Array.isArray(r.buttons) && r.buttons.length > 0;
        if (hasText || hasButtons) {
          previous = { from: "bot", text: hasText ? r.text : "", buttons: hasButtons ? r.buttons : [] };
          incoming.push(previous);
        }
        var custom = r.custom;
        if (!custom || !previous) return;
        if (custom.type === "faq_answer") {
          var lines = previous.text.split("\n");
          if (isSource(lines[lines.length - 1])) previous.source = lines.pop();
          previous.text = lines.join("\n").replace(/\s+$/, "");
          previous.faqId = custom.faq_id;
          previous.question = question;
          if (typeof custom.easy_ja === "string" && custom.easy_ja) previous.easy = custom.easy_ja;
        } else if ((custom.type === "emergency" || custom.type === "safety_line") && Array.isArray(custom.calls)) {
          var said = previous.text.split("\n");
          if (isSource(said[said.length - 1])) previous.source = said.pop();
          previous.text = said.join("\n").replace(/\s+$/, "");
          previous.calls = custom.calls;
          if (custom.type === "safety_line") previous.line = true;
        } else if (custom.type === "kikumimi_card" && custom.name) {
          previous.card = custom;
          previous.lead = previous.text.split(custom.name)[0].trim();
        }
      });
      if (!incoming.length) {
        incoming.push({ from: "bot", text: t("no_reply") });
      }
      if (state.messages.indexOf(asked) < 0) return null; // the history was cleared while it was on its way
      var at = state.messages.indexOf(asked) + 1;
      while (at < state.messages.length && state.messages[at].from !== "user") at++;
      var next = state.messages[at]; // a later question, or none
      state.messages.splice.apply(state.messages, [at, 0].concat(incoming));
      incoming.forEach(function (m) {
        var node = renderMessage(m, !next); // choices answer nothing once a later question is on its way
        nodes.set(m, node);
        log.insertBefore(node, next ? nodes.get(next) : null);
      });
      save();
      return incoming[0];
    }

    function vote(m, helpful) {
      post("/api/feedback", { sender: state.sender, faq_id: m.faqId, helpful: helpful, question: m.question || "" })
        .then(function () { m.vote = helpful ? "helpful" : "not_helpful"; m.voteFailed = false; })
        .catch(function () { m.voteFailed = true; })
        .then(function () {
          save();
          show(m);
          var thanks = nodes.get(m);
          if (thanks) { thanks.tabIndex = -1; thanks.focus({ preventScroll: true }); }
        });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text || pending) return; // the text stays in the box until the message before it is answered
      if (ask(text)) input.value = "";
    });

    input.addEventListener("keydown", function (event) {
      // Enter sends; Shift+Enter breaks the line; Enter that confirms a kana-kanji conversion does neither.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });

    // ---- disaster banner ---------------------------------------------------------------------------
    /** One disaster's window: whom to ask, a call button and the start of the disaster flow. */
    function bannerDisaster(d) {
      var block = el("div", "gbw-banner-disaster");
      var contact = { name: d.contact.name, hours: d.contact.hours };
      block.appendChild(el("p", null, t(d.contact.hours ? "banner_contact_hours" : "banner_contact", contact)));
      var actions = el("div", "gbw-banner-actions");
      var words = t("call").split("{phone}");
      var call = el("a", "gbw-banner-call", words[0]);
      call.appendChild(el("span", "gbw-nowrap", d.contact.phone)); // the number never breaks across lines
      if (words[1]) call.appendChild(document.createTextNode(words[1]));
      call.href = /^tel:[0-9+]+$/.test(d.contact.tel) ? d.contact.tel : "tel:";
      var start = button(t("banner_start"), "gbw-banner-start", function () {
        if (!state.open) setOpen(true);
        ask(d.payload, t("banner_start_said"));
      });
      start.setAttribute("aria-label", t("banner_start_label"));
      actions.append(call, start);
      block.appendChild(actions);
      return block;
    }

    /** The banner: the first disaster, and the others behind one 「ほかN件」 line, so it stays short and never
        becomes a scroll box of its own. Every link and button is a 44-px target. */
    function showBanner(disasters) {
      if (!disasters.length) return;
      banner.textContent = "";
      // <details>: the reader can fold the banner away on a small screen and open it again.
      var first = el("details", "gbw-banner-item");
      first.open = !small.matches; // folded on a phone: one line until the reader opens it
      first.appendChild(el("summary", "gbw-banner-title", t("banner_title", { name: disasters[0].name })));
      first.appendChild(bannerDisaster(disasters[0]));
      banner.appendChild(first);
      if (disasters.length > 1) {
        var others = el("details", "gbw-banner-item gbw-banner-others");
        others.appendChild(el("summary", "gbw-banner-title", t("banner_others", { count: disasters.length - 1 })));
        disasters.slice(1).forEach(function (d) {
          var block = bannerDisaster(d);
          block.insertBefore(el("p", "gbw-banner-name", d.name), block.firstChild);
          others.appendChild(block);
        });
        banner.appendChild(others);
      }
      banner.hidden = false;
      root.classList.add("gbw-has-alert");
      launcher.setAttribute("aria-describedby", "gbw-alert-note");
      var alertNote = el("span", null, t("alert_note"));
      alertNote.hidden = true; // a description needs no landmark: hidden text still describes the launcher
      alertNote.id = "gbw-alert-note";
      root.appendChild(alertNote);
    }

    // The page's municipality too: a municipality's own disaster is shown on its own pages only.
    var bannerQuery = new URLSearchParams();
    if (config.region) bannerQuery.set("region", config.region);
    if (config.municipality) bannerQuery.set("municipality", config.municipality);
    fetch(API + "/api/disasters/active" + (bannerQuery.toString() ? "?" + bannerQuery : ""))
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(showBanner)
      .catch(function () { /* no banner without a connection */ });

    // ---- fitting small screens, large text and zoom ----------------------------------------------
    var touch = window.matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0;
    var small = window.matchMedia("(max-width: 480px), (max-height: 480px)");

    // Pinned to the newest message until the reader scrolls away: a banner or a font arriving late then
    // keeps the end in view.
    var pinned = true;
    function notePinned(event) {
      var box = event.target;
      pinned = box.scrollHeight - box.scrollTop - box.clientHeight < 8;
    }
    log.addEventListener("scroll", notePinned);
    panel.addEventListener("scroll", notePinned);

    /** Three layouts by the room the panel has, in lines of the reader's own text size:
        - 24 lines or more: the banner under the header, the conversation scrolls between them and the input;
        - fewer (200 % text on a phone, 200 % zoom): header and input grow smaller and stay where they are,
          the banner becomes the head of the conversation, and only the conversation scrolls;
        - fewer than 12 (400 % zoom): even that leaves the conversation no room, so header, banner and
          conversation scroll together as one page and only the input stays at the bottom.
        Nothing is squeezed to a sliver and nothing scrolls sideways. */
    function fitToSpace() {
      if (panel.hidden) return;
      if (pinned) showLatest();
      var line = parseFloat(getComputedStyle(root).fontSize) * 1.6;
      var compact = panel.clientHeight < line * 24;
      var tight = panel.clientHeight < line * 12;
      if (compact !== root.classList.contains("gbw-compact") || tight !== root.classList.contains("gbw-tight")) {
        root.classList.toggle("gbw-compact", compact);
        root.classList.toggle("gbw-tight", tight);
        input.placeholder = compact ? t("input_label") : PLACEHOLDER;
        input.rows = compact ? 1 : 2;
        clear.textContent = compact ? t("clear_short") : t("clear"); // its name still says what it clears
        placeBanner();
        showLatest();
      }
    }

    /** The banner: under the header on a large screen with room, else (a phone, large text, zoom) the first
        thing in the conversation, where opening it never squeezes the conversation away. */
    function placeBanner() {
      if (!root.classList.contains("gbw-compact") && !small.matches) {
        if (banner.parentNode !== body) body.insertBefore(banner, log);
      } else if (log.firstChild !== banner) {
        log.insertBefore(banner, log.firstChild);
      }
    }
    if (window.ResizeObserver) {
      var watcher = new ResizeObserver(fitToSpace);
      watcher.observe(panel);
      watcher.observe(title);
      watcher.observe(log);
      watcher.observe(banner);
    }
    window.addEventListener("resize", fitToSpace);
    if (small.addEventListener) small.addEventListener("change", placeBanner);
    // The log can scroll only once the stylesheet is in: open at the newest message then.
    function settle() {
      fitToSpace();
      showLatest();
      if (window.requestAnimationFrame) requestAnimationFrame(showLatest);
    }
    stylesheet.addEventListener("load", settle);
    window.addEventListener("load", settle);

    // ---- ふりがな ----------------------------------------------------------------------------------
    function setRuby(on) {
      state.ruby = on;
      rubyToggle.setAttribute("aria-pressed", String(on));
      save();
      if (on) loadRuby().then(rerenderBot);
      else rerenderBot();
    }

    function rerenderBot() {
      state.messages.forEach(function (m) { if (m.from === "bot" && m.text && !m.card) show(m, true); });
    }

    /** Readings for the answers shown, from the server's fugashi analysis (the one the index uses). */
    function loadRuby() {
      var wanted = state.messages.filter(function (m) {
        return m.from === "bot" && m.text && !m.card && m.rubyText !== shownText(m);
      }).slice(-30);
      if (!wanted.length) return Promise.resolve();
      var texts = wanted.map(shownText);
      return post("/api/furigana", { texts: texts })
        .then(function (answer) {
          (answer.ruby || []).forEach(function (segments, i) {
            if (!wanted[i]) return;
            wanted[i].ruby = segments;
            wanted[i].rubyText = texts[i];
          });
          save();
        })
        .catch(function () { /* without a connection the text stays as it is */ });
    }

    // ---- start -------------------------------------------------------------------------------------
    state.messages.forEach(function (m) { if (m.status === "sending") m.status = "failed"; });
    rubyToggle.setAttribute("aria-pressed", String(!!state.ruby));
    renderAll();
    panel.hidden = !state.open;
    root.classList.toggle("gbw-is-open", state.open);
    launcher.setAttribute("aria-expanded", String(state.open));
    if (state.open) launcher.textContent = t("close");
    fitToSpace();
    resendFailed();
    if (update) {
      update
        .then(function (w) {
          if (w && w.texts && typeof w.texts === "object") state.texts = w.texts; // its words from the next page
          if (w && Array.isArray(w.start_menu)) useStarters(w.start_menu);
          else save();
        })
        .catch(function () { /* no connection: the words and menu kept */ });
    }
  }
})();
