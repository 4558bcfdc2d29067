/* forum-kiosk: the connection indicator.
 *
 * Voilà shows nothing when a page loses its kernel (Wi-Fi drop, server restart), and a tap made
 * meanwhile never arrives. This script runs in <head>, before Voilà's bundle, and wraps
 * window.WebSocket so that it sees the page's kernel channel (.../api/kernels/<id>/channels) open
 * and close. JupyterLab's kernel connection reconnects by itself (7 attempts over about two
 * minutes, each a new WebSocket); this script only tells the person:
 *   - a kernel channel closed and none is open for GRACE_MS, or the browser went offline:
 *     the banner #forum-connection appears ("⚠", the message, a "Try again" button that reloads);
 *   - a kernel channel is open again: the banner disappears.
 * Closing or reloading the page closes the channel too: that is not a lost connection.
 * The message is in the ?lang= language, or in German and English when none of the eight is asked.
 * window.forumConnection.state is "connecting", "connected" or "lost" (tests read it).
 */
(function () {
  "use strict";
  // [message, button] per language. Translations to be checked by the translators' team.
  var TEXTS = {
    de: ["Verbindung unterbrochen. Was Sie jetzt antippen, kommt nicht an.", "Erneut versuchen"],
    en: ["Connection lost. What you tap now does not arrive.", "Try again"],
    ar: ["انقطع الاتصال. ما تلمسه الآن لا يصل.", "حاول مرة أخرى"],
    fa: ["اتصال قطع شد. آنچه اکنون لمس می‌کنید ارسال نمی‌شود.", "دوباره امتحان کنید"],
    kmr: ["Girêdan qut bû. Tiştê ku tu niha pê dikî nagihîje.", "Dîsa biceribîne"],
    ru: ["Связь прервана. То, что вы нажимаете сейчас, не доходит.", "Попробовать снова"],
    uk: ["Зв’язок перервано. Те, що ви натискаєте зараз, не доходить.", "Спробувати ще раз"],
    tr: ["Bağlantı kesildi. Şu anda dokunduklarınız iletilmiyor.", "Tekrar dene"]
  };
  var ALIASES = { ku: "kmr", prs: "fa" };
  var GRACE_MS = 1500;
  var KERNEL_CHANNEL = /\/api\/kernels\/[^\/?#]+\/channels/;
  var NativeWebSocket = window.WebSocket;
  var openChannels = 0;
  var everConnected = false;
  var leaving = false;
  var pending = null;
  var status = { state: "connecting", losses: 0 };
  window.forumConnection = status;

  function words() {
    var asked = new URLSearchParams(window.location.search).get("lang") || "";
    var language = asked.split("-")[0].toLowerCase();
    language = ALIASES[language] || language;
    if (TEXTS[language]) {
      return { message: TEXTS[language][0], button: TEXTS[language][1], lang: language };
    }
    return {
      message: TEXTS.de[0] + " / " + TEXTS.en[0],
      button: TEXTS.de[1] + " / " + TEXTS.en[1],
      lang: "de"
    };
  }

  function show(visible) {
    var banner = document.getElementById("forum-connection");
    if (!banner) {
      return;
    }
    if (visible) {
      var text = words();
      banner.setAttribute("lang", text.lang);
      banner.querySelector(".forum-connection-message").textContent = text.message;
      banner.querySelector(".forum-connection-retry").textContent = text.button;
    }
    banner.hidden = !visible;
  }

  function setState(next) {
    if (status.state === next) {
      return;
    }
    if (next === "lost") {
      status.losses += 1;
    }
    status.state = next;
    document.documentElement.setAttribute("data-connection", next);
    show(next === "lost");
  }

  function lostUnlessBack() {
    clearTimeout(pending);
    pending = setTimeout(function () {
      if (openChannels === 0 && !leaving) {
        setState("lost");
      }
    }, GRACE_MS);
  }

  function watch(socket) {
    var isOpen = false;
    socket.addEventListener("open", function () {
      isOpen = true;
      openChannels += 1;
      everConnected = true;
      clearTimeout(pending);
      setState("connected");
    });
    socket.addEventListener("close", function () {
      if (isOpen) {
        isOpen = false;
        openChannels -= 1;
      }
      if (everConnected && !leaving && openChannels === 0) {
        lostUnlessBack();
      }
    });
  }

  function TrackedWebSocket(url, protocols) {
    var socket = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    if (KERNEL_CHANNEL.test(String(url))) {
      watch(socket);
    }
    return socket;
  }
  TrackedWebSocket.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    TrackedWebSocket[name] = NativeWebSocket[name];
  });
  window.WebSocket = TrackedWebSocket;

  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pagehide", function () { leaving = true; });
  window.addEventListener("pageshow", function () { leaving = false; });
  window.addEventListener("offline", function () {
    if (everConnected) {
      setState("lost");
    }
  });
  window.addEventListener("online", function () {
    if (openChannels > 0) {
      setState("connected");
    }
  });
  document.addEventListener("click", function (event) {
    if (event.target && event.target.closest && event.target.closest(".forum-connection-retry")) {
      window.location.reload();
    }
  });
})();
