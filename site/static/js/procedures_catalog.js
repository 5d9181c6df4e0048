// Printable checklist: a button that opens the browser's print dialog (the page prints
// the same way with the browser's own menu when scripts are off).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

// Commune picker (a plain GET form that works without scripts): remember the commune a person
// chose, and preselect it on the next commune-level procedure. Nothing is submitted for them.
(function () {
  var KEY = "cchc-xa";
  document.querySelectorAll("form.commune-picker").forEach(function (form) {
    var select = form.querySelector("select");
    if (!select) return;
    form.addEventListener("submit", function () {
      try { if (select.value) localStorage.setItem(KEY, select.value); } catch (e) { /* private mode */ }
    });
    if (select.value) return;
    var saved = null;
    try { saved = localStorage.getItem(KEY); } catch (e) { return; }
    if (saved && select.querySelector('option[value="' + saved.replace(/[^0-9]/g, "") + '"]')) {
      select.value = saved;
    }
  });
})();
