// Progressive enhancements only: every page works without this script.
(function () {
  "use strict";
  var KEY = "cchc-text-scale";
  var root = document.documentElement;
  var steps = [0.9, 1, 1.15, 1.3];

  function apply(index) {
    root.style.setProperty("--text-scale", steps[index]);
  }

  var saved = parseInt(localStorage.getItem(KEY) || "1", 10);
  if (!(saved >= 0 && saved < steps.length)) saved = 1;
  apply(saved);

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-text-size]");
    if (!button) return;
    var delta = parseInt(button.getAttribute("data-text-size"), 10);
    var current = parseInt(localStorage.getItem(KEY) || "1", 10);
    var next = delta === 0 ? 1 : Math.min(steps.length - 1, Math.max(0, current + delta));
    localStorage.setItem(KEY, String(next));
    apply(next);
  });
})();

// Filter panels start closed so that results come first on phones; wide screens open them.
(function () {
  "use strict";
  if (!window.matchMedia || !window.matchMedia("(min-width: 60rem)").matches) return;
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    details.open = true;
  });
})();
