// Import: a chosen file is uploaded once, as a preview; for CSV and Excel the page shows
// the header, the first rows and the guessed column mapping, which the user may change,
// replace by a saved one, or save under a name. "Import" starts a background job on the
// previewed upload and opens its page, which polls the job (progress bar, rows read) and
// reloads when it is done to show the summary. Below the form, the user's jobs (refreshed
// while one runs) and the saved mappings, each deleted after a confirmation. Without
// script the form posts as usual, and a deletion asks on a page of its own.
(function () {
  "use strict";
  var csrf = document.body.getAttribute("data-csrf");
  var FIELDS = ["text", "title", "date", "id", "source", "lang"];
  var FINAL = {done: true, failed: true};

  function byId(id) { return document.getElementById(id); }

  function call(url, options) {
    options = options || {};
    options.credentials = "same-origin";
    options.headers = {"Accept": "application/json", "X-CSRF-Token": csrf};
    return fetch(url, options).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          throw new Error(body.error ? body.error.message : ("HTTP " + r.status));
        }
        return body;
      });
    });
  }

  // -- a running job: poll it -------------------------------------------------------------
  var job = byId("import-job");
  if (job && !FINAL[job.getAttribute("data-state")]) {
    var id = job.getAttribute("data-job");
    var tick = function () {
      call("/api/import/" + encodeURIComponent(id)).then(function (b) {
        job.setAttribute("data-state", b.state);
        byId("job-state").textContent = job.getAttribute("data-l-" + b.state) || b.state;
        byId("job-rows").textContent = b.rows_read;
        byId("job-processed").textContent = b.processed;
        byId("job-behind-n").textContent = b.queued_behind;
        byId("job-behind").hidden = !b.queued_behind;
        var bar = byId("job-progress");
        if (b.total) {
          byId("job-total").textContent = b.total;
          byId("job-of").hidden = false;
          bar.max = Math.max(b.total, b.rows_read);
          bar.value = b.rows_read;
        }
        byId("job-poll-error").hidden = true;
        if (FINAL[b.state]) {
          bar.max = 1;
          bar.value = 1;
          window.location.replace("/import?job=" + encodeURIComponent(id));
          return;
        }
        window.setTimeout(tick, 700);
      }).catch(function (e) {
        var err = byId("job-poll-error");
        err.textContent = e.message;
        err.hidden = false;
        window.setTimeout(tick, 3000);
      });
    };
    window.setTimeout(tick, 300);
  }

  // -- the list of jobs: refreshed while any of them runs ----------------------------------
  var jobs = byId("import-jobs");

  function when(iso) { return iso ? iso.slice(0, 16).replace("T", " ") : ""; }

  function jobRow(j) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-job", j.job);
    tr.setAttribute("data-state", j.state);
    var cells = [null, jobs.getAttribute("data-l-" + j.state) || j.state, j.user, j.rows_read,
                 j.counts ? j.counts.new : "", j.counts ? j.counts.rejected_total : "",
                 when(j.created_at), when(j.finished_at)];
    cells.forEach(function (value, i) {
      var td = document.createElement("td");
      if (i === 0) {
        var a = document.createElement("a");
        a.href = "/import?job=" + encodeURIComponent(j.job);
        a.textContent = j.file;
        td.appendChild(a);
      } else {
        td.textContent = value;
        if (i >= 3 && i <= 5) { td.className = "num"; }
      }
      tr.appendChild(td);
    });
    return tr;
  }

  function listJobs() {
    call("/api/import").then(function (b) {
      var body = jobs.querySelector("#jobs-table tbody");
      body.textContent = "";
      b.jobs.forEach(function (j) { body.appendChild(jobRow(j)); });
      byId("jobs-table").hidden = !b.jobs.length;
      byId("jobs-none").hidden = !!b.jobs.length;
      var running = b.jobs.some(function (j) { return !FINAL[j.state]; });
      jobs.setAttribute("data-running", running ? "1" : "0");
      if (running) { window.setTimeout(listJobs, 1500); }
    }).catch(function () { window.setTimeout(listJobs, 5000); });
  }
  if (jobs && jobs.getAttribute("data-running") === "1") { window.setTimeout(listJobs, 1500); }

  // -- saved mappings: delete, after asking -----------------------------------------------
  var mappings = byId("saved-mappings");
  Array.prototype.forEach.call(document.querySelectorAll("form.mapping-delete"), function (f) {
    f.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var name = f.elements.name.value;
      var problem = byId("mappings-message");
      if (!window.confirm(mappings.getAttribute("data-confirm").replace("{name}", name))) {
        return;
      }
      call("/api/import/mappings/" + encodeURIComponent(name), {method: "DELETE"})
        .then(function () {
          f.closest("tr").remove();
          var left = mappings.querySelectorAll("#mappings-table tbody tr").length;
          byId("mappings-table").hidden = !left;
          byId("mappings-none").hidden = !!left;
          problem.hidden = true;
          Array.prototype.forEach.call(byId("import-saved").options, function (o) {
            if (o.value === name) { o.remove(); }
          });
        }).catch(function (e) {
          problem.textContent = e.message;
          problem.hidden = false;
        });
    });
  });

  // -- the form: preview, mapping, start --------------------------------------------------
  var form = byId("import-form");
  if (!form) { return; }
  var fileInput = byId("import-file"), format = byId("import-format");
  var saved = byId("import-saved"), mapper = byId("import-mapper");
  var mappingFile = byId("import-mapping"), saveAs = byId("import-save-as");
  var message = byId("import-message"), submit = byId("import-submit");
  var preview = null, previewing = null, edited = false;

  function say(text) {
    message.textContent = text || "";
    message.hidden = !text;
  }

  function select(field) { return byId("map-" + field); }

  function fill(p) {
    FIELDS.forEach(function (field) {
      var el = select(field);
      el.textContent = "";
      if (field !== "text") {
        el.appendChild(new Option(el.getAttribute("data-none"), ""));
      }
      p.header.forEach(function (name) { el.appendChild(new Option(name, name)); });
    });
    var head = mapper.querySelector("#import-sample thead");
    var body = mapper.querySelector("#import-sample tbody");
    head.textContent = "";
    body.textContent = "";
    var tr = document.createElement("tr");
    p.header.forEach(function (name) {
      var th = document.createElement("th");
      th.textContent = name;
      tr.appendChild(th);
    });
    head.appendChild(tr);
    p.sample.forEach(function (row) {
      var r = document.createElement("tr");
      row.forEach(function (cell) {
        var td = document.createElement("td");
        td.textContent = cell;
        r.appendChild(td);
      });
      body.appendChild(r);
    });
  }

  function show(mapping) {
    mapping = mapping || {text: []};
    FIELDS.forEach(function (field) {
      var el = select(field);
      var want = field === "text" ? (mapping.text || []) : [mapping[field] || ""];
      var lower = want.map(function (w) { return String(w).trim().toLowerCase(); });
      Array.prototype.forEach.call(el.options, function (o) {
        o.selected = lower.indexOf(o.value.trim().toLowerCase()) >= 0;
      });
    });
    edited = false;
  }

  function current() {
    var out = {header: preview ? preview.header : []};
    FIELDS.forEach(function (field) {
      var chosen = Array.prototype.filter.call(select(field).options, function (o) {
        return o.selected && o.value;
      }).map(function (o) { return o.value; });
      out[field] = field === "text" ? chosen : (chosen[0] || null);
    });
    return out;
  }

  function savedMapping(name) {
    var found = (preview && preview.saved || []).filter(function (s) { return s.name === name; });
    return found.length ? found[0].mapping : null;
  }

  function refresh() {
    var tabular = preview && preview.tabular && !mappingFile.files.length;
    mapper.hidden = !tabular;
    if (tabular) {
      show(saved.value ? savedMapping(saved.value) : preview.guessed);
    }
  }

  function doPreview() {
    preview = null;
    mapper.hidden = true;
    say("");
    if (!fileInput.files.length) {
      previewing = null;
      return;
    }
    var data = new FormData();
    data.append("file", fileInput.files[0]);
    data.append("format", format.value);
    previewing = call("/api/import/preview", {method: "POST", body: data}).then(function (b) {
      preview = b;
      if (b.tabular) { fill(b); }
      refresh();
    }).catch(function (e) {
      preview = null;
      say(e.message);
    });
  }

  fileInput.addEventListener("change", doPreview);
  format.addEventListener("change", doPreview);
  saved.addEventListener("change", refresh);
  mappingFile.addEventListener("change", refresh);
  FIELDS.forEach(function (field) {
    select(field).addEventListener("change", function () { edited = true; });
  });

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    say("");
    submit.disabled = true;
    Promise.resolve(previewing).then(function () {
      var data = new FormData();
      data.append("format", format.value);
      if (preview && preview.upload) {
        data.append("upload", preview.upload);
      } else if (fileInput.files.length) {
        data.append("file", fileInput.files[0]);
      } else {
        throw new Error(fileInput.validationMessage || "?");
      }
      var name = saveAs.value.trim();
      if (mappingFile.files.length) {
        data.append("mapping", mappingFile.files[0]);
      } else if (saved.value && !edited) {
        data.append("mapping_name", saved.value);
      } else if (preview && preview.tabular && (edited || name || saved.value)) {
        data.append("mapping_json", JSON.stringify(current()));
      }
      if (name) { data.append("save_mapping", name); }
      return call("/api/import", {method: "POST", body: data});
    }).then(function (b) {
      window.location.assign("/import?job=" + encodeURIComponent(b.job));
    }).catch(function (e) {
      say(e.message);
      submit.disabled = false;
    });
  });
})();
