/* forum-kiosk: the page's language, direction and kiosk mode.
 *
 * Voilà's templates are rendered without the request, so ?lang=ar cannot reach them: this runs
 * first in <head> and sets <html lang dir> from the address before anything is drawn. Later the
 * ballot app says the language chosen on the page on its root widget (.ft-ballot with the classes
 * ft-lang-<code> and ft-dir-rtl or ft-dir-ltr; ft-lang-unchosen on the start screen before anyone
 * chose): a MutationObserver copies them to <html lang dir>, so that a screen reader speaks Arabic
 * with an Arabic voice once Arabic is chosen, and gives each language button of the start screen
 * (ft-lang-<code>) the lang of its own name.
 * ?kiosk=1 marks a shared tablet: no text selection, no long-press menu.
 * window.forumPage.language is the language the person chose (in the link or on the page), or ""
 * (the connection banner speaks it).
 */
(function () {
  "use strict";
  var RIGHT_TO_LEFT = ["ar", "fa", "prs", "he", "ur", "ps", "ckb", "ug", "yi", "dv", "sd"];
  var LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
  var APP_LANGUAGE = /^ft-lang-([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)$/;
  var params = new URLSearchParams(window.location.search);
  var asked = (params.get("lang") || "").trim();
  var valid = LANGUAGE_TAG.test(asked);
  var language = valid ? asked.split("-")[0].toLowerCase() : "";
  var kiosk = ["1", "true", "yes"].indexOf(params.get("kiosk") || "") >= 0;
  var root = document.documentElement;

  function setAttribute(element, name, value) {
    if (element.getAttribute(name) !== value) {
      element.setAttribute(name, value);
    }
  }

  function languageOf(element) {
    var tag = null;
    element.classList.forEach(function (name) {
      var match = APP_LANGUAGE.exec(name);
      if (match) {
        tag = match[1];
      }
    });
    return tag;
  }

  function followApp() {
    var app = document.querySelector(".ft-ballot");
    var tag = app && languageOf(app);
    if (!tag) {
      return;
    }
    setAttribute(root, "lang", tag);
    setAttribute(root, "dir", app.classList.contains("ft-dir-rtl") ? "rtl" : "ltr");
    window.forumPage.language = app.classList.contains("ft-lang-unchosen") ? language : tag.split("-")[0].toLowerCase();
    app.querySelectorAll("[class*='ft-lang-']").forEach(function (element) {
      var own = languageOf(element);
      if (own) {
        setAttribute(element, "lang", own);
      }
    });
  }

  setAttribute(root, "lang", valid ? asked : "de");
  setAttribute(root, "dir", RIGHT_TO_LEFT.indexOf(language) >= 0 ? "rtl" : "ltr");
  if (kiosk) {
    root.classList.add("forum-kiosk-mode");
    document.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  }
  window.forumPage = { language: language, kiosk: kiosk };
  // Only class changes and new elements matter; the lang and dir set here are not watched.
  new MutationObserver(followApp).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
})();
