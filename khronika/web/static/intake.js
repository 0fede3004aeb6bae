// Intake: as the caseworker types, ask the desk what it understands (debounced) and show
// the fields with their evidence highlighted. A field the caseworker edits is theirs: later
// suggestions no longer overwrite it, and it is sent as a correction on save.
(function () {
  "use strict";
  var form = document.getElementById("intake");
  if (!form) { return; }
  var text = document.getElementById("text");
  var evidence = document.getElementById("evidence");
  var urgencyEl = document.getElementById("urgency");
  var peopleEl = document.getElementById("people");
  var touchedEl = document.getElementById("touched");
  var csrf = document.body.getAttribute("data-csrf");
  var reasons = JSON.parse(form.getAttribute("data-reasons") || "{}");
  var names = ["type", "date_start", "location_name", "admin1",
               "count_detained", "count_injured", "count_killed", "count_deported"];
  var touched = {};
  var timer = null, seq = 0;

  touchedEl.disabled = false;  // with JS, only edited fields count as corrections
  names.forEach(function (name) {
    var el = document.getElementById("f-" + name);
    el.addEventListener("input", function () {
      touched[name] = true;
      el.classList.add("edited");
      touchedEl.value = Object.keys(touched).join(",");
    });
  });

  function setField(name, value) {
    if (touched[name]) { return; }
    var el = document.getElementById("f-" + name);
    el.value = value === null || value === undefined ? "" : String(value);
  }

  function showEvidence(segments) {
    evidence.textContent = "";
    segments.forEach(function (s) {
      if (s.field) {
        var mark = document.createElement("mark");
        mark.setAttribute("data-field", s.field);
        mark.title = s.field;
        mark.textContent = s.text;  // text only: a pasted <script> stays text
        evidence.appendChild(mark);
      } else {
        evidence.appendChild(document.createTextNode(s.text));
      }
    });
  }

  function apply(data) {
    var f = data.fields || {};
    setField("type", f.type);
    setField("date_start", f.date_start);
    setField("location_name", f.location_name);
    setField("admin1", f.admin1);
    ["detained", "injured", "killed", "deported"].forEach(function (k) {
      setField("count_" + k, (f.counts || {})[k]);
    });
    peopleEl.textContent = (f.people || []).join(", ") || "—";
    showEvidence(data.evidence || []);
    var u = data.urgency || {score: 0, reasons: []};
    urgencyEl.textContent = u.score ? (u.score + ": " + u.reasons.map(function (r) {
      return reasons[r] || r; }).join(", ")) : "";
    form.setAttribute("data-suggested", "true");
  }

  function suggest() {
    var value = text.value;
    if (value.trim().length < 12) { return; }
    var mine = ++seq;
    fetch(form.getAttribute("data-suggest"), {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
      body: JSON.stringify({text: value})
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data && mine === seq) { apply(data); } })
      .catch(function () { /* suggestions are a help; saving works without them */ });
  }

  text.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(suggest, 350);  // one call per pause in typing, not per key
  });
})();
