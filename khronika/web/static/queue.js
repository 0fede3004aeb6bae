// Keyboard navigation of the urgency queue: j/k (or arrows) move, Enter opens, a assigns.
// Only enhances the table: every row already has a link and a form without JavaScript.
(function () {
  "use strict";
  var table = document.getElementById("queue");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
  var current = -1;
  function select(i) {
    if (!rows.length) { return; }
    if (current >= 0) { rows[current].classList.remove("selected"); rows[current].removeAttribute("aria-selected"); }
    current = Math.max(0, Math.min(rows.length - 1, i));
    var row = rows[current];
    row.classList.add("selected");
    row.setAttribute("aria-selected", "true");
    var link = row.querySelector("a");
    if (link) { link.focus(); }
  }
  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.key === "j" || ev.key === "ArrowDown") { select(current + 1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "ArrowUp") { select(current - 1); ev.preventDefault(); }
    else if (ev.key === "Enter" && current >= 0 && tag !== "A" && tag !== "BUTTON") {
      window.location.href = rows[current].getAttribute("data-href");
    } else if (ev.key === "a" && current >= 0) {
      var sel = rows[current].querySelector("select[name=assignee]");
      if (sel) { sel.focus(); ev.preventDefault(); }
    }
  });
  rows.forEach(function (row, i) {
    row.addEventListener("focusin", function () {
      if (current !== i) {
        if (current >= 0) { rows[current].classList.remove("selected"); }
        current = i; row.classList.add("selected");
      }
    });
  });
})();
