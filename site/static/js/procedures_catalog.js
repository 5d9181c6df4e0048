// Printable checklist: a button that opens the browser's print dialog (the page prints
// the same way with the browser's own menu when scripts are off).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});
