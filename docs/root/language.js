// site/index.html: open the course in the language the visitor chose, or else in the first of the
// browser's languages that the site has; with neither, the list stays for the visitor to choose.
//
// The choice: localStorage["bsh-language"] = a language code of the site ("vi"), stored by the
// language switcher of every page (theme/overrides/partials/alternate.html) and by this list. A
// value that is no language of the site is ignored; blocked storage only means no memory.
(function () {
  var KEY = "bsh-language";
  var list = document.querySelector("[data-languages]");
  if (!list) return;
  var have = list.getAttribute("data-languages").split(" ");

  list.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link) return;
    try {
      localStorage.setItem(KEY, link.getAttribute("hreflang"));
    } catch (e) {
      // storage blocked: the choice holds for this visit only
    }
  });

  function open(code) {
    location.replace(code + "/index.html" + location.hash);
  }

  var chosen = null;
  try {
    chosen = localStorage.getItem(KEY);
  } catch (e) {
    // storage blocked: the browser's languages decide
  }
  if (chosen && have.indexOf(chosen) >= 0) return open(chosen);

  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (have.indexOf(code) >= 0) return open(code);
  }
})();
