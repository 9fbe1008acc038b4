// The handover page: sign-in, recipient search and one-tap confirm through /graphql.
// Every visible text comes from the page's texts (#texts), in the page's language.
(function () {
  "use strict";
  var page = document.getElementById("page");
  if (!page) return;
  var T = JSON.parse(document.getElementById("texts").textContent);
  var data = page.dataset;
  var $ = function (id) { return document.getElementById(id); };
  var statusLine = $("status");

  function t(key, values) {
    var text = Object.prototype.hasOwnProperty.call(T, key) ? T[key] : key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return values && values[name] !== undefined && values[name] !== null ? String(values[name]) : m;
    });
  }

  function say(text, kind) {
    if (!statusLine) return;
    statusLine.textContent = text;
    statusLine.className = kind || "";
  }

  function sleep(ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); }

  // A fetch that gives up after `ms`, so a request lost on a bad link can be resent.
  function fetchWithin(url, options, ms) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, ms);
    options.signal = controller.signal;
    options.credentials = "same-origin";
    return fetch(url, options).finally(function () { clearTimeout(timer); });
  }

  var signOut = $("sign-out");
  if (signOut) {
    signOut.addEventListener("click", function () {
      fetchWithin("/auth/sign-out", { method: "POST" }, 15000).then(function () { location.reload(); }, function () { say(t("error.network"), "error"); });
    });
  }

  // ---- Signing in ----------------------------------------------------------------------------
  function signIn(form, body) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      say(t("signin.busy"));
      fetchWithin("/auth/sign-in", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body())
      }, 20000).then(function (response) {
        if (response.ok) { location.reload(); return; }
        say(t(response.status === 429 ? "signin.throttled" : "signin.failed"), "error");
        button.disabled = false;
      }, function () {
        say(t("error.network"), "error");
        button.disabled = false;
      });
    });
  }

  if (data.state === "signin") {
    signIn($("signin-pin"), function () { return { userName: $("userName").value.trim(), pin: $("pin").value.trim() }; });
    signIn($("signin-key"), function () { return { apiKey: $("apiKey").value.trim() }; });
    return;
  }

  // ---- Remembering an unanswered confirm -------------------------------------------------------
  // The idempotency key is made once per intended handover and kept until the server has answered,
  // so a resend after a timeout, a double tap or a reload repeats the same request, which the
  // server records at most once.
  var storageKey = "galaaid.handover." + data.code;

  function loadPending() {
    try { return JSON.parse(sessionStorage.getItem(storageKey)); } catch (e) { return null; }
  }

  function savePending(pending) {
    try { sessionStorage.setItem(storageKey, JSON.stringify(pending)); } catch (e) { /* private mode: the key lives as long as the page */ }
  }

  function clearPending() {
    try { sessionStorage.removeItem(storageKey); } catch (e) { /* nothing stored */ }
  }

  function newKey() {
    // randomUUID exists only on HTTPS or localhost; getRandomValues everywhere.
    if (window.crypto.randomUUID) return window.crypto.randomUUID();
    return Array.prototype.map.call(window.crypto.getRandomValues(new Uint8Array(16)), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  if (data.state !== "form") {
    clearPending();
    return;
  }

  // ---- Choosing the recipient ------------------------------------------------------------------
  var form = $("handover");
  var search = $("search");
  var results = $("results");
  var chosen = $("chosen");
  var confirmButton = $("confirm");
  var retryButton = $("retry");
  var recipient = null;
  var searchTimer = null;
  var searchRequest = 0;
  var SEARCH = "query Recipients($s: String!) { recipients(search: $s, first: 20) { nodes { id kind name parent { kind name } } } }";

  function describe(r) {
    return r.parent && r.parent.kind === "SOCIAL_UNIT" ? t("recipient.withUnit", { name: r.name, unit: r.parent.name }) : r.name;
  }

  function choose(r) {
    recipient = r;
    $("chosen-name").textContent = describe(r) + " · " + t("kind." + r.kind);
    chosen.hidden = false;
    search.hidden = true;
    results.textContent = "";
    say("");
  }

  $("change").addEventListener("click", function () {
    recipient = null;
    chosen.hidden = true;
    search.hidden = false;
    search.focus();
  });

  function runSearch() {
    var text = search.value.trim();
    var mine = ++searchRequest;
    results.textContent = "";
    if (!text) return;
    say(t("form.searching"));
    var url = "/graphql?query=" + encodeURIComponent(SEARCH) + "&variables=" + encodeURIComponent(JSON.stringify({ s: text }));
    fetchWithin(url, { headers: { Accept: "application/json" } }, 20000).then(function (response) {
      return response.json().then(function (body) { return { response: response, body: body }; });
    }).then(function (answer) {
      if (mine !== searchRequest) return;
      var nodes = answer.body.data && answer.body.data.recipients ? answer.body.data.recipients.nodes : null;
      if (!nodes) { refused(answer.response.status, answer.body, null); return; }
      say(nodes.length ? "" : t("form.noResults"));
      nodes.forEach(function (r) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = describe(r) + " ";
        var kind = document.createElement("small");
        kind.textContent = t("kind." + r.kind);
        button.appendChild(kind);
        button.addEventListener("click", function () { choose(r); });
        item.appendChild(button);
        results.appendChild(item);
      });
    }, function () {
      if (mine === searchRequest) say(t("error.network"), "error");
    });
  }

  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 250);
  });
  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); clearTimeout(searchTimer); runSearch(); }
  });

  // ---- Confirming --------------------------------------------------------------------------------
  var MUTATION = "mutation RecordHandover($input: RecordHandoverInput!) { recordHandover(input: $input) { " +
    "handover { id receivedBy recipient { kind name parent { kind name } } entries { quantity } } " +
    "errors { __typename ... on Error { code message } ... on InsufficientStockError { onHand } } } }";
  var inFlight = false;

  function readInput() {
    if (!recipient) return say(t("form.needRecipient"), "error");
    var receivedBy = $("receivedBy").value.trim();
    if (!receivedBy) return say(t("form.needReceiver"), "error");
    var quantity = 1;
    var quantityInput = $("quantity");
    if (quantityInput) {
      quantity = Number(quantityInput.value);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > Number(data.max)) {
        return say(t("form.badQuantity", { max: data.max }), "error");
      }
    }
    return { recipientId: recipient.id, receivedBy: receivedBy, lines: [{ labelCode: data.code, quantity: quantity }] };
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (inFlight) return;
    var input = readInput();
    if (!input) return;
    var pending = loadPending();
    if (!pending || JSON.stringify(pending.input) !== JSON.stringify(input)) {
      pending = { key: newKey(), input: input, recipient: recipient };
    }
    savePending(pending);
    send(pending);
  });

  retryButton.addEventListener("click", function () {
    var pending = loadPending();
    if (pending) send(pending);
  });

  function post(pending) {
    var input = Object.assign({ idempotencyKey: pending.key }, pending.input);
    return fetchWithin("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": data.csrf },
      body: JSON.stringify({ query: MUTATION, operationName: "RecordHandover", variables: { input: input } })
    }, 20000).then(function (response) {
      return response.json().then(function (body) { return { response: response, body: body }; });
    });
  }

  function send(pending) {
    inFlight = true;
    confirmButton.disabled = true;
    retryButton.hidden = true;
    say(t("form.sending"));
    var attempt = 0;
    function tryOnce() {
      return post(pending).then(function (answer) {
        answered(answer.response.status, answer.body, pending);
      }, function () {
        // No answer: the request may or may not have been recorded. The same key makes a resend safe.
        if (++attempt < 3) {
          say(t("result.retrying"));
          return sleep(1500 * attempt).then(tryOnce);
        }
        say(t("result.unknown"), "error");
        retryButton.hidden = false;
        inFlight = false;
        confirmButton.disabled = false;
      });
    }
    return tryOnce();
  }

  function answered(status, body, pending) {
    var payload = body && body.data ? body.data.recordHandover : null;
    if (payload && payload.handover) {
      clearPending();
      var h = payload.handover;
      var quantity = h.entries.reduce(function (sum, e) { return sum + Math.max(0, -e.quantity); }, 0);
      form.hidden = true;
      say(t("result.success", { quantity: quantity, unit: data.unit, recipient: describe(h.recipient), receiver: h.receivedBy }), "ok");
      inFlight = false;
      return;
    }
    if (status >= 500) {
      // The server failed before answering; nothing was written, and the same key may be sent again.
      say(t("error.other", { message: (body && body.errors && body.errors[0] && body.errors[0].message) || status }), "error");
      retryButton.hidden = false;
    } else {
      clearPending();
      refused(status, body, payload);
    }
    inFlight = false;
    confirmButton.disabled = false;
  }

  function refused(status, body, payload) {
    var error = payload && payload.errors && payload.errors[0];
    var code = error ? error.code : null;
    var message = error ? error.message : null;
    if (!error && body && body.errors && body.errors[0]) {
      code = body.errors[0].extensions && body.errors[0].extensions.code;
      message = body.errors[0].message;
    }
    if (!code && status === 401) code = "UNAUTHENTICATED";
    var key = "error." + code;
    var text = code && Object.prototype.hasOwnProperty.call(T, key)
      ? t(key, { onHand: error && error.onHand, unit: data.unit })
      : t("error.other", { message: message || status });
    say(text, "error");
  }

  // A confirm sent before this page was (re)loaded never got its answer: ask again with the same key.
  var earlier = loadPending();
  if (earlier && earlier.input && earlier.input.lines && earlier.input.lines[0].labelCode === data.code) {
    if (earlier.recipient) choose(earlier.recipient);
    $("receivedBy").value = earlier.input.receivedBy;
    if ($("quantity")) $("quantity").value = earlier.input.lines[0].quantity;
    send(earlier);
  }
})();
