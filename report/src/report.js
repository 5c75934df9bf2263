(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "style") node.setAttribute("style", attrs[key]);
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function fmtWeight(w) {
    if (w === null) return "–";
    return (w >= 0 ? "+" : "−") + Math.abs(w).toFixed(2);
  }
  function fmtProb(p) {
    if (p === null || p === undefined) return "–";
    if (p === 0) return "0";
    return p >= 0.001 ? p.toFixed(3) : p.toExponential(2);
  }
  function valueText(value) {
    if (value === null) return "–";
    if (value === false) return "•••••";
    return value;
  }
  function activate(node, handler) {
    node.addEventListener("click", handler);
    if (node.tagName !== "BUTTON") {
      node.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); handler(event); }
      });
    }
  }

  // Tabs of entity views, with arrow keys between them.
  var tabs = Array.prototype.slice.call(document.querySelectorAll(".tabs [role=tab]"));
  function selectTab(tab) {
    tabs.forEach(function (other) {
      var on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      document.getElementById(other.getAttribute("aria-controls")).hidden = !on;
    });
  }
  tabs.forEach(function (tab, n) {
    tab.tabIndex = tab.getAttribute("aria-selected") === "true" ? 0 : -1;
    tab.addEventListener("click", function () { selectTab(tab); });
    tab.addEventListener("keydown", function (event) {
      var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (step) {
        var next = tabs[(n + step + tabs.length) % tabs.length];
        selectTab(next); next.focus(); event.preventDefault();
      }
    });
  });

  // Picking an entity shows its panel.
  function showEntity(slot) {
    document.querySelectorAll("article.entity").forEach(function (panel) {
      panel.hidden = panel.id !== "entity-" + slot;
    });
    document.querySelectorAll("button.pick").forEach(function (button) {
      button.setAttribute("aria-current", button.getAttribute("data-entity") === String(slot) ? "true" : "false");
    });
  }
  document.querySelectorAll("button.pick").forEach(function (button) {
    activate(button, function () { showEntity(button.getAttribute("data-entity")); });
  });
  var firstPanel = document.querySelector("article.entity:not([hidden])");
  if (firstPanel) showEntity(firstPanel.id.slice("entity-".length));

  // The waterfall of one explained pair.
  function renderWaterfall(slot, n) {
    var entity = data.entities[slot];
    var pair = entity.pairs[n];
    var a = pair[0], b = pair[1], prior = pair[2], total = pair[3], probability = pair[4], terms = pair[5];
    // The pair's sources, when it started from their own prior.
    var priorOf = pair[6] ? "of " + pair[6] : "";
    var rowA = entity.rows[a], rowB = entity.rows[b];
    var steps = [{ name: "prior", level: priorOf, values: ["", ""], m: null, u: null, weight: prior, from: 0, to: prior }];
    var running = prior;
    terms.forEach(function (term) {
      var comparison = data.comparisons[term[0]];
      var fields = comparison[1];
      var value = function (row) {
        if (fields.length === 1) return valueText(row[2][fields[0]]);
        return fields.map(function (f) {
          return el("span", { "class": "vline" }, [
            el("span", { "class": "vname", text: data.fields[f] }),
            document.createTextNode(valueText(row[2][f]))
          ]);
        });
      };
      var before = running;
      running += term[2] || 0;
      steps.push({
        name: comparison[0], level: term[1] === null ? "missing" : data.labels[term[1]],
        values: [value(rowA), value(rowB)], m: term[3], u: term[4], weight: term[2], from: before, to: running
      });
    });
    var ends = [0, data.threshold === null ? 0 : data.threshold, total];
    steps.forEach(function (s) { ends.push(s.from, s.to); });
    var low = Math.min.apply(null, ends), high = Math.max.apply(null, ends);
    var span = Math.max(high - low, 1e-9);
    var at = function (w) { return ((w - low) / span * 100).toFixed(2) + "%"; };
    var track = function (from, to, colour) {
      var left = Math.min(from, to), right = Math.max(from, to);
      return el("div", { "class": "track" }, [
        el("span", { "class": "zero", style: "left:" + at(0) }),
        data.threshold === null ? null : el("span", { "class": "cut", style: "left:" + at(data.threshold), title: "threshold" }),
        el("span", { "class": "bar", style: "left:" + at(left) + ";width:calc(" + ((right - left) / span * 100).toFixed(2) + "% + 1px);background:" + colour })
      ]);
    };
    var head = el("tr", {}, ["comparison", "level", "record " + (a + 1), "record " + (b + 1), "m", "u", "weight", "running total"].map(function (t, i) {
      return el("th", { text: t, "class": i >= 4 && i <= 6 ? "num" : i === 7 ? "wf-bar" : "" });
    }));
    var cell = function (value) {
      return typeof value === "string" ? el("td", { text: value }) : el("td", {}, value);
    };
    var body = steps.map(function (s) {
      var colour = s.weight >= 0 ? "#1a7f37" : "#b2182b";
      return el("tr", {}, [
        el("th", { text: s.name }), el("td", { text: s.level }),
        cell(s.values[0]), cell(s.values[1]),
        el("td", { "class": "num", text: s.m === null ? "" : fmtProb(s.m) }),
        el("td", { "class": "num", text: s.u === null ? "" : fmtProb(s.u) }),
        el("td", { "class": "num " + (s.weight >= 0 ? "pos" : "neg"), text: fmtWeight(s.weight) }),
        el("td", {}, [track(s.from, s.to, colour)])
      ]);
    });
    body.push(el("tr", { "class": "total" }, [
      el("th", { text: "total" }), el("td", { colspan: "3", text: "probability " + fmtProb(probability) }),
      el("td"), el("td"),
      el("td", { "class": "num " + (total >= 0 ? "pos" : "neg"), text: fmtWeight(total) }),
      el("td", {}, [track(0, total, total >= (data.threshold || 0) ? "#2b6cb0" : "#d55e00")])
    ]));
    var src = function (row) { return data.sources[row[0]][0] + " " + row[1]; };
    var box = document.getElementById("waterfall-" + slot);
    box.textContent = "";
    box.appendChild(el("h4", { text: "Why records " + (a + 1) + " and " + (b + 1) + " scored " + fmtWeight(total) + " bits" }));
    box.appendChild(el("p", { "class": "note", text: src(rowA) + "  ·  " + src(rowB) }));
    box.appendChild(el("table", { "class": "wf", "data-pair": a + "-" + b }, [el("thead", {}, [head]), el("tbody", {}, body)]));
    var panel = document.getElementById("entity-" + slot);
    panel.querySelectorAll("button.pair").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-pair") === String(n) ? "true" : "false");
    });
    panel.querySelectorAll(".edge").forEach(function (edge) {
      edge.classList.toggle("active", edge.getAttribute("data-pair") === String(n));
    });
    panel.querySelectorAll("tr[data-row]").forEach(function (tr) {
      var row = Number(tr.getAttribute("data-row"));
      tr.classList.toggle("picked", row === a || row === b);
    });
  }
  document.querySelectorAll("[data-pair][data-entity]").forEach(function (node) {
    activate(node, function () {
      renderWaterfall(Number(node.getAttribute("data-entity")), Number(node.getAttribute("data-pair")));
    });
  });

  // Two records picked in the graph: their waterfall, when explained.
  var picked = {};
  document.querySelectorAll(".node[data-row]").forEach(function (node) {
    activate(node, function () {
      var slot = Number(node.getAttribute("data-entity"));
      var row = Number(node.getAttribute("data-row"));
      var list = picked[slot] || [];
      if (list.length === 2) list = [];
      if (list.indexOf(row) < 0) list.push(row);
      picked[slot] = list;
      var panel = document.getElementById("entity-" + slot);
      panel.querySelectorAll(".node").forEach(function (other) {
        other.classList.toggle("picked", list.indexOf(Number(other.getAttribute("data-row"))) >= 0);
      });
      if (list.length < 2) return;
      var pairs = data.entities[slot].pairs;
      for (var n = 0; n < pairs.length; n++) {
        var p = pairs[n];
        if ((p[0] === list[0] && p[1] === list[1]) || (p[0] === list[1] && p[1] === list[0])) {
          renderWaterfall(slot, n);
          return;
        }
      }
      var box = document.getElementById("waterfall-" + slot);
      box.textContent = "";
      box.appendChild(el("p", { "class": "note", text: "Records " + (list[0] + 1) + " and " + (list[1] + 1) + " were not explained in this report (only scored pairs, and every pair of entities of up to ten records)." }));
    });
  });
})();
