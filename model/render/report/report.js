/* The report's live view: the additive model on the engine's normalised matrix.
   Reads the JSON in #report-data (raw weights in the file's units, the 0-1 value matrix with cost
   criteria inverted, scenario weights), and on every slider move or button press recomputes
   S(a) = sum_j (w_j / sum w) v_aj, ranks as the engine does (sorted best first, a new rank group
   unless within the tie tolerance of the group's best member; ties share the better rank, file
   order within a tie), the contribution bars, the lead and the distance to the next crossover
   (the smallest change of one normalised weight, others rescaled proportionally, at which another
   alternative gets ahead of the leader by more than the tolerance). No network, no globals but
   window.exileReport (read-only helpers for tests). Formatting mirrors model/render/report/format.py. */
(function () {
  "use strict";
  var source = document.getElementById("report-data");
  if (!source) { return; }
  var data = JSON.parse(source.textContent);
  var m = data.alternatives.length, n = data.criteria.length, tol = data.tolerance;
  var V = data.normalized;
  var state = data.weights.slice();
  var sliders = [];
  for (var j = 0; j < n; j++) { sliders.push(document.getElementById("w-" + data.criteria[j])); }
  var tbody = document.querySelector("#ranking-table tbody");
  var rows = {};
  Array.prototype.forEach.call(tbody.querySelectorAll("tr"), function (tr) { rows[tr.getAttribute("data-index")] = tr; });

  function score3(x) { return isFinite(x) ? x.toFixed(3) : "\u2014"; }
  function signed3(x) { return isFinite(x) ? (x >= 0 ? "+" : "") + x.toFixed(3) : "\u2014"; }
  function raw(x) {
    if (!isFinite(x)) { return "\u2014"; }
    if (Number.isInteger(x)) { return String(x); }
    return String(parseFloat(x.toPrecision(4)));
  }

  function normalise(w) {
    var total = 0, k;
    for (k = 0; k < n; k++) { total += w[k]; }
    if (!(total > 0)) { return null; }
    var out = [];
    for (k = 0; k < n; k++) { out.push(w[k] / total); }
    return out;
  }

  function scores(wn) {
    var out = [];
    for (var a = 0; a < m; a++) {
      var s = 0;
      for (var k = 0; k < n; k++) { s += wn[k] * V[a][k]; }
      out.push(s);
    }
    return out;
  }

  function rank(s) {
    var idx = [];
    for (var a = 0; a < m; a++) { idx.push(a); }
    idx.sort(function (x, y) { return s[y] - s[x] || x - y; });
    var ranks = new Array(m), leader = 0;
    for (var p = 0; p < m; p++) {
      if (p === 0 || Math.abs(s[idx[p]] - s[idx[leader]]) > tol) { leader = p; }
      ranks[idx[p]] = leader + 1;
    }
    var order = idx.slice().sort(function (x, y) { return ranks[x] - ranks[y] || x - y; });
    return { ranks: ranks, order: order };
  }

  /* Nearest weight t* in (0, 1) of one criterion k (others proportional) where some b gets ahead
     of the leader L by exactly the tolerance: d(t) = t (v_bk - v_Lk) + (1 - t)(R_b - R_L) = tol. */
  function crossover(wn, L) {
    var best = null;
    for (var k = 0; k < n; k++) {
      var rest = 1 - wn[k];
      if (!(rest > 0)) { continue; }
      var R = [];
      for (var a = 0; a < m; a++) {
        var r = 0;
        for (var j2 = 0; j2 < n; j2++) { if (j2 !== k) { r += wn[j2] * V[a][j2]; } }
        R.push(r / rest);
      }
      for (var b = 0; b < m; b++) {
        if (b === L) { continue; }
        var A = V[b][k] - V[L][k], B = R[b] - R[L];
        if (A === B) { continue; }
        var t = (tol - B) / (A - B);
        if (!(t > 0 && t < 1) || t === wn[k]) { continue; }
        var distance = Math.abs(t - wn[k]);
        if (best === null || distance < best.distance) {
          best = { criterion: k, bound: t, current: wn[k], distance: distance, rival: b };
        }
      }
    }
    return best;
  }

  function crossoverText(found, leader, w) {
    if (found === null) {
      return "No change of a single weight, however large, takes first place from " + leader + ".";
    }
    var others = 0;
    for (var k = 0; k < n; k++) { if (k !== found.criterion) { others += w[k]; } }
    var rawBound = found.bound * others / (1 - found.bound);
    var verb = found.bound > found.current ? "rises above" : "falls below";
    return leader + " stays first unless the weight of " + data.labels[found.criterion] + " " + verb + " " +
      score3(found.bound) + " (now " + score3(found.current) + "; the others keep their proportions): a change of " +
      score3(found.distance) + ", or --weight " + data.criteria[found.criterion] + "=" + raw(rawBound) + ".";
  }

  function render(w, status, pressed) {
    var wn = normalise(w);
    var statusLine = document.getElementById("live-status");
    if (wn === null) { statusLine.textContent = "Every weight is zero: nothing to rank (the table keeps the last weights)."; return; }
    var s = scores(wn), r = rank(s);
    r.order.forEach(function (a) {
      var tr = rows[String(a)];
      tr.setAttribute("data-score", String(s[a]));
      tr.setAttribute("data-rank", String(r.ranks[a]));
      tr.querySelector(".rank").textContent = String(r.ranks[a]);
      tr.querySelector(".score").textContent = score3(s[a]);
      var segs = tr.querySelectorAll(".bar .seg");
      for (var k = 0; k < n; k++) {
        var c = wn[k] * V[a][k];
        segs[k].style.width = (100 * Math.max(c, 0)).toFixed(4) + "%";
        segs[k].title = data.labels[k] + ": " + score3(c);
      }
      tr.querySelector(".range").classList.toggle("stale", pressed !== "base");
      tbody.appendChild(tr);
    });
    var L = r.order[0], leader = data.alternatives[L];
    var lead = document.getElementById("lead");
    if (m > 1) {
      var R2 = r.order[1];
      lead.textContent = leader + " leads " + data.alternatives[R2] + " by " + signed3(s[L] - s[R2]) + " in score.";
    }
    var box = document.getElementById("crossover");
    if (m > 1 && r.ranks[r.order[1]] === 1) {
      box.textContent = leader + " and " + data.alternatives[r.order[1]] + " share first place (scores within " + tol + ").";
      box.setAttribute("data-distance", "0");
    } else {
      var found = crossover(wn, L);
      box.textContent = crossoverText(found, leader, w);
      box.setAttribute("data-distance", found === null ? "Infinity" : String(found.distance));
    }
    for (var k2 = 0; k2 < n; k2++) {
      document.getElementById("raw-" + data.criteria[k2]).textContent = raw(w[k2]);
      document.getElementById("norm-" + data.criteria[k2]).textContent = score3(wn[k2]);
      sliders[k2].setAttribute("data-weight", String(w[k2]));
    }
    Array.prototype.forEach.call(document.querySelectorAll(".sets button"), function (button) {
      var key = button.getAttribute("data-set") === "scenario" ? "scenario:" + button.getAttribute("data-name") : button.getAttribute("data-set");
      button.setAttribute("aria-pressed", key === pressed ? "true" : "false");
    });
    statusLine.textContent = status;
    document.body.setAttribute("data-live", pressed);
  }

  function setAll(w, status, pressed) {
    state = w.slice();
    for (var k = 0; k < n; k++) { sliders[k].value = String(state[k]); }
    render(state, status, pressed);
  }

  function changed() {
    var parts = [];
    for (var k = 0; k < n; k++) {
      if (state[k] !== data.weights[k]) { parts.push("--weight " + data.criteria[k] + "=" + raw(state[k])); }
    }
    return parts.length ? "Custom weights: " + parts.join(" ") : "At the file's weights.";
  }

  sliders.forEach(function (slider, k) {
    slider.addEventListener("input", function () {
      state[k] = slider.valueAsNumber;
      render(state, changed(), "custom");
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".sets button"), function (button) {
    button.addEventListener("click", function () {
      var kind = button.getAttribute("data-set");
      if (kind === "base") { setAll(data.weights, "At the file's weights.", "base"); return; }
      if (kind === "equal") { setAll(data.equal, "Equal weights.", "equal"); return; }
      var name = button.getAttribute("data-name");
      data.scenarios.forEach(function (sc) {
        if (sc.name === name) { setAll(sc.weights, "Scenario " + name + ": " + (button.title || ""), "scenario:" + name); }
      });
    });
  });
  window.exileReport = Object.freeze({
    weights: function () { return state.slice(); },
    scores: function () { var wn = normalise(state); return wn === null ? null : scores(wn); }
  });
}());
