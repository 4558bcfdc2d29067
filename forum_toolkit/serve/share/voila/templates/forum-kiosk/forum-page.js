/* forum-kiosk: the page's language, direction and kiosk mode, from its own address.
 *
 * Voilà's templates are rendered without the request, so ?lang=ar cannot reach them: this runs
 * first in <head> and sets <html lang dir> before anything is drawn. The ballot app sets the
 * direction of its own root widget as well, for a language chosen later on the page.
 * ?kiosk=1 marks a shared tablet: no text selection, no long-press menu.
 */
(function () {
  "use strict";
  var RIGHT_TO_LEFT = ["ar", "fa", "prs", "he", "ur", "ps", "ckb", "ug", "yi", "dv", "sd"];
  var params = new URLSearchParams(window.location.search);
  var asked = (params.get("lang") || "").trim();
  var valid = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(asked);
  var language = valid ? asked.split("-")[0].toLowerCase() : "";
  var kiosk = ["1", "true", "yes"].indexOf(params.get("kiosk") || "") >= 0;
  var root = document.documentElement;

  root.setAttribute("lang", valid ? asked : "de");
  root.setAttribute("dir", RIGHT_TO_LEFT.indexOf(language) >= 0 ? "rtl" : "ltr");
  if (kiosk) {
    root.classList.add("forum-kiosk-mode");
    document.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  }
  window.forumPage = { language: language, kiosk: kiosk };
})();
