/* Suggestions as you type: an ARIA combobox over a plain GET search form.
   Without this script the form still works; with it, every input marked data-suggest-url
   (search page) or data-suggest (home page) gets a listbox of procedure names and document
   numbers from /tim-kiem/goi-y/. The script never stands between the user and the form:
   the button and Enter submit what was typed unless an option was picked with the arrows. */
(function () {
  "use strict";
  if (!window.fetch) return;

  function enhance(input, index) {
    var url = input.getAttribute("data-suggest-url") || "/tim-kiem/goi-y/";
    var form = input.form;
    var list = document.createElement("ul");
    list.id = (input.id || "search-" + index) + "-suggestions";
    list.className = "suggest-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý tìm kiếm");
    list.hidden = true;
    // The list hangs under the whole row (input and button) without covering the button.
    input.parentNode.classList.add("search-suggest");
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    var items = [], active = -1, timer = null, lastQuery = null, controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function highlight(i) {
      items.forEach(function (li, j) { li.setAttribute("aria-selected", i === j ? "true" : "false"); });
      active = i;
      if (i >= 0) input.setAttribute("aria-activedescendant", items[i].id);
      else input.removeAttribute("aria-activedescendant");
    }
    function open(href) { close(); window.location.href = href; }
    function render(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.url = s.url;
        var title = document.createElement("span");
        title.textContent = s.number && s.title.indexOf(s.number) === -1 ? s.number + " – " + s.title : s.title;
        var kind = document.createElement("span");
        kind.className = "suggest-kind";
        kind.textContent = s.kind_label;
        li.appendChild(title);
        li.appendChild(kind);
        // mousedown keeps the focus in the box; the click (a completed tap) opens the item.
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { open(s.url); });
        list.appendChild(li);
        return li;
      });
      // An answer arriving after the user left the box must not leave a list over the page.
      if (items.length && document.activeElement === input) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
      } else {
        close();
      }
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      if (controller) controller.abort();
      if (q.length < 2) { render([]); return; }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(q), { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) render(data.suggestions || []); })
        .catch(function () { /* suggestions are optional */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) {
        if (event.key === "ArrowDown") { lastQuery = null; fetchSuggestions(); }
        return;
      }
      if (event.key === "ArrowDown") { event.preventDefault(); highlight((active + 1) % items.length); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); open(items[active].dataset.url); }
      else if (event.key === "Tab") { close(); }
    });
    input.addEventListener("blur", function () { clearTimeout(timer); close(); });
    if (form) {
      form.addEventListener("submit", function () {
        clearTimeout(timer);
        if (controller) controller.abort();
        close();
      });
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest-url], input[data-suggest]"), enhance);

  // Leave empty dates and the default sort out of the URL, so that a shared search link reads
  // /tim-kiem/?q=... ; re-enable the fields when the page comes back from the history.
  var quiet = function (field) { return !field.value || (field.name === "sap-xep" && field.value === "phu-hop"); };
  Array.prototype.forEach.call(document.querySelectorAll("form.search-form"), function (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.querySelectorAll("input[name=tu-ngay], input[name=den-ngay], select[name=sap-xep]"), function (field) {
        if (quiet(field)) field.disabled = true;
      });
    });
  });
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("form.search-form [disabled]"), function (field) { field.disabled = false; });
  });
})();

/* Phones: the facets start folded under "Lọc kết quả" so the results come first on screen
   (without the script they stay open, which is long but complete). */
(function () {
  "use strict";
  var facets = document.querySelector("details.search-facets-toggle");
  if (facets && window.matchMedia && window.matchMedia("(max-width: 49.99rem)").matches) facets.open = false;
})();
