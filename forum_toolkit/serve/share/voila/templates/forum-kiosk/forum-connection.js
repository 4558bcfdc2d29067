/* forum-kiosk: the connection indicator.
 *
 * Voilà shows nothing when a page loses its kernel (Wi-Fi drop, server restart), and a tap made
 * meanwhile never arrives. This script runs in <head>, before Voilà's bundle, and wraps
 * window.WebSocket so that it sees the page's kernel channel (.../api/kernels/<id>/channels) open
 * and close. JupyterLab's kernel connection reconnects by itself (7 attempts over about two
 * minutes, each a new WebSocket); this script only tells the person:
 *   - a kernel channel closed and none is open for GRACE_MS, or the browser went offline:
 *     the banner #forum-connection appears ("⚠", the message, a button that reloads the page);
 *   - a kernel channel is open again: the banner disappears.
 * Closing or reloading the page closes the channel too: that is not a lost connection.
 * The words come from the gettext catalogs (forum_toolkit/i18n/locale), handed to the page by the
 * server as JSON in #forum-connection-texts (serve/page_texts.py). They are in the language chosen
 * in the link or on the page (window.forumPage.language, forum-page.js), or in German and English
 * when nobody has chosen one yet.
 * window.forumConnection.state is "connecting", "connected" or "lost" (tests read it).
 */
(function () {
  "use strict";
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

  function catalogTexts() {
    var element = document.getElementById("forum-connection-texts");
    try {
      return element ? JSON.parse(element.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function words() {
    var texts = catalogTexts();
    var language = (window.forumPage && window.forumPage.language) || "";
    language = ALIASES[language] || language;
    if (texts[language]) {
      return { message: texts[language].message, button: texts[language].retry, lang: language };
    }
    var de = texts.de || { message: "", retry: "" };
    var en = texts.en || de;
    return { message: de.message + " / " + en.message, button: de.retry + " / " + en.retry, lang: "de" };
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
