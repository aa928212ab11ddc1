// Small behaviours wired by data- attributes (no inline scripts: CSP forbids them).
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});

// A table that scrolls sideways on a phone must be reachable by keyboard (WCAG 2.1.1).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
    }
  });
});

// Thai date picker for inputs rendered by core.date_fields.ThaiDateInput
// (data-thai-date): Thai month names, Buddhist-era years, writes dd/mm/BBBB.
// Typing stays the main way in; the button only helps.
(function () {
  const BE = 543;
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function parse(text) {
    const digits = (text || "").replace(/[๐-๙]/g, function (d) { return "๐๑๒๓๔๕๖๗๘๙".indexOf(d); });
    const m = digits.match(/^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/);
    if (!m) { return null; }
    const year = parseInt(m[3], 10);
    const month = parseInt(m[2], 10) - 1;
    const day = new Date(year >= 2400 ? year - BE : year, month, parseInt(m[1], 10));
    // 31/02 is no day: the calendar then opens on today instead.
    return day.getMonth() === month && day.getDate() === parseInt(m[1], 10) ? day : null;
  }
  function build(input) {
    const months = JSON.parse(input.dataset.months);
    const weekdays = JSON.parse(input.dataset.weekdays);
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "btn btn-outline-secondary thai-date-toggle";
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = input.dataset.pickerLabel;
    const panel = document.createElement("div");
    panel.className = "thai-date-picker shadow";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", input.dataset.pickerLabel);
    panel.hidden = true;
    const wrap = document.createElement("span");
    // The wrapper stands where the box stood, so Bootstrap's
    // ".is-invalid ~ .invalid-feedback" still shows the error below it.
    wrap.className = "thai-date" + (input.classList.contains("is-invalid") ? " is-invalid" : "");
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    wrap.appendChild(toggle);
    wrap.appendChild(panel);
    let shown = new Date();

    function close(focus) {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      if (focus) { toggle.focus(); }
    }
    function choose(day) {
      input.value = pad(day.getDate()) + "/" + pad(day.getMonth() + 1) + "/" + (day.getFullYear() + BE);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close(false);
      input.focus();
    }
    function button(text, label, onClick) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-sm btn-light";
      b.textContent = text;
      if (label) { b.setAttribute("aria-label", label); }
      b.addEventListener("click", onClick);
      return b;
    }
    function render() {
      panel.replaceChildren();
      const head = document.createElement("div");
      head.className = "thai-date-head";
      const title = document.createElement("strong");
      title.textContent = months[shown.getMonth()] + " " + (shown.getFullYear() + BE);
      title.setAttribute("aria-live", "polite");
      head.append(
        button("‹", input.dataset.prevLabel, function () { shown = new Date(shown.getFullYear(), shown.getMonth() - 1, 1); render(); }),
        title,
        button("›", input.dataset.nextLabel, function () { shown = new Date(shown.getFullYear(), shown.getMonth() + 1, 1); render(); })
      );
      const grid = document.createElement("div");
      grid.className = "thai-date-grid";
      weekdays.forEach(function (name) {
        const cell = document.createElement("span");
        cell.className = "thai-date-weekday";
        cell.textContent = name;
        grid.appendChild(cell);
      });
      const first = new Date(shown.getFullYear(), shown.getMonth(), 1);
      const lead = (first.getDay() + 6) % 7; // weeks start on Monday
      for (let i = 0; i < lead; i++) { grid.appendChild(document.createElement("span")); }
      const last = new Date(shown.getFullYear(), shown.getMonth() + 1, 0).getDate();
      const picked = parse(input.value);
      for (let d = 1; d <= last; d++) {
        const day = new Date(shown.getFullYear(), shown.getMonth(), d);
        const b = button(String(d), d + " " + months[day.getMonth()] + " " + (day.getFullYear() + BE), function () { choose(day); });
        if (picked && picked.getTime() === day.getTime()) { b.className = "btn btn-sm btn-primary"; b.setAttribute("aria-current", "date"); }
        grid.appendChild(b);
      }
      panel.append(head, grid);
    }
    toggle.addEventListener("click", function () {
      if (!panel.hidden) { close(true); return; }
      const picked = parse(input.value);
      const base = picked || new Date();
      shown = new Date(base.getFullYear(), base.getMonth(), 1);
      render();
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      (panel.querySelector("[aria-current]") || panel.querySelector(".thai-date-grid button")).focus();
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(true); }
    });
    // Clicks inside (the month buttons re-draw the panel) never close it.
    panel.addEventListener("click", function (event) { event.stopPropagation(); });
    document.addEventListener("click", function (event) {
      if (!panel.hidden && !wrap.contains(event.target)) { close(false); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-thai-date]").forEach(build);
  });
})();

// A part of a form shown only for one value of another field:
// data-show-when="status=resolved" (shown as is without JavaScript).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-show-when]").forEach(function (part) {
    const rule = part.dataset.showWhen.split("=");
    const form = part.closest("form");
    const field = form && form.elements.namedItem(rule[0]);
    if (!field) { return; }
    function update() { part.hidden = field.value !== rule[1]; }
    field.addEventListener("change", update);
    update();
  });
});
