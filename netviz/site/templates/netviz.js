/* netviz page code shared by the snapshot map and pages built like it.
 *
 * netviz.start(graphId, dataId) draws the page's two JSON blocks (written by
 * netviz.render from map_data): first the graph (vis nodes, edges, options),
 * then, once it is drawn, the data (actors, ties with their evidence, the
 * article table, contradictions). Parsing the evidence only after the first
 * draw, and making each tooltip when it is first hovered, keeps a map of
 * 20,000 ties quick to appear. It wires the side panel: a tie's evidence, an
 * actor's ties, the contradictions and the actor search.
 *
 * Text from articles and data files only ever reaches the page through
 * textContent or form values, never as HTML; links are made only for
 * http(s) URLs.
 */
"use strict";
var netviz = (function () {
  var SIGNS = {
    "1": { label: "cooperation", symbol: "+", cls: "nv-sign-pos" },
    "-1": { label: "conflict", symbol: "\u2212", cls: "nv-sign-neg" },
    "0": { label: "mixed", symbol: "\u00b1", cls: "nv-sign-mix" },
  };
  var RELATION_SIGN = { "+": "1", "-": "-1" };
  var TOOLTIP_EVIDENCE = 3;  // relations a tooltip quotes; the panel shows them all
  var TOOLTIP_SENTENCE = 160;  // longest quoted sentence, in characters

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function readData(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // one formatter for every number: toLocaleString builds a new one per call (seconds for 20,000 tooltips)
  var NUMBER = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

  function number(x) {
    return NUMBER.format(x);
  }

  function signed(x) {
    return (x > 0 ? "+" : x < 0 ? "\u2212" : "") + Math.abs(x).toFixed(2);
  }

  function httpUrl(value) {
    try {
      var url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function clip(text, length) {
    text = String(text || "");
    return text.length > length ? text.slice(0, length - 1).trimEnd() + "\u2026" : text;
  }

  function plural(n, word) {
    return n + " " + word + (n === 1 ? "" : "s");
  }

  function line(color, dashed) {
    var span = el("span", "nv-line" + (dashed ? " nv-dashed" : ""));
    span.style.borderTopColor = color;
    return span;
  }

  function dot(color) {
    var span = el("span", "nv-dot");
    span.style.background = color;
    return span;
  }

  function stats(rows) {
    var dl = el("dl", "nv-stats");
    rows.forEach(function (row) {
      dl.appendChild(el("dt", null, row[0]));
      dl.appendChild(el("dd", null, row[1]));
    });
    return dl;
  }

  /* The sentence, with the cue that fired marked when its span is known. */
  function sentence(rec) {
    var quote = el("blockquote", "nv-sentence");
    var text = String(rec.sentence || "");
    var start = rec.cue_start, end = rec.cue_end;
    if (typeof start === "number" && typeof end === "number" && 0 <= start && start < end && end <= text.length) {
      quote.appendChild(document.createTextNode(text.slice(0, start)));
      quote.appendChild(el("mark", null, text.slice(start, end)));
      quote.appendChild(document.createTextNode(text.slice(end)));
    } else {
      quote.textContent = text;
    }
    return quote;
  }

  function start(graphId, dataId) {
    var container = document.getElementById("nv-network");
    var details = document.getElementById("nv-details");
    var hint = details.cloneNode(true);
    var graph = readData(graphId);
    var nodes = new vis.DataSet(graph.nodes);
    var edges = new vis.DataSet(graph.edges);
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, graph.options);
    var data = null, actors, ties, articles, tiesOf;

    /* Parse the evidence (once) and index each actor's ties, strongest first. */
    function load() {
      if (data !== null) return;
      data = readData(dataId);
      actors = data.actors;
      ties = data.ties;
      articles = data.articles || {};
      tiesOf = {};
      Object.keys(ties).forEach(function (id) {
        var tie = ties[id];
        (tiesOf[tie.a] = tiesOf[tie.a] || []).push(id);
        (tiesOf[tie.b] = tiesOf[tie.b] || []).push(id);
      });
      Object.keys(tiesOf).forEach(function (actor) {
        tiesOf[actor].sort(function (x, y) {
          return ties[y].weight - ties[x].weight || (x < y ? -1 : x > y ? 1 : 0);
        });
      });
    }

    function label(id) {
      return actors[id] ? actors[id].label : id;
    }

    /* title, outlet and url of a relation's article: in the record, or in the article table */
    function source(rec) {
      var art = (rec.article !== undefined && articles[rec.article]) || {};
      return { title: rec.title || art.title, outlet: rec.outlet || art.outlet, url: rec.url || art.url };
    }

    function dashed(tie) {
      return data.dashed && tie.sign < 0;
    }

    function actorTooltip(id) {
      var actor = actors[id];
      var name = actor.label === id ? id : actor.label + " (" + id + ")";
      return [
        name,
        actor.type.replace(/_/g, " ") + " \u00b7 " + (actor.bloc === null ? "no bloc" : "bloc " + actor.bloc),
        "strength " + number(actor.strength) + " \u00b7 " + plural((tiesOf[id] || []).length, "tie"),
        "Click for its ties.",
      ].join("\n");
    }

    // Diff maps (netviz.diffmap) mark each tie with how it changed between the two dates.
    function changeText(tie) {
      return tie.before === undefined ? tie.change : tie.change + ": " + tie.before + " \u2192 " + tie.after;
    }

    function tieTooltip(tie) {
      var lines = [
        label(tie.a) + " \u2014 " + label(tie.b) + ": " + SIGNS[String(tie.sign)].label,
        "weight " + number(tie.weight) + " \u00b7 polarity " + signed(tie.polarity) + " \u00b7 " +
          plural(tie.count, "relation") + (tie.origins.length ? " (" + tie.origins.join(", ") + ")" : ""),
      ];
      if (tie.change) lines.splice(1, 0, changeText(tie));
      tie.evidence.slice(0, TOOLTIP_EVIDENCE).forEach(function (rec) {
        var src = source(rec);
        var where = [src.outlet, src.title].filter(Boolean).join(" \u00b7 ");
        lines.push(rec.sign + " " + rec.date + (where ? " \u00b7 " + where : "") + ": \u201c" +
          clip(rec.sentence, TOOLTIP_SENTENCE) + "\u201d (cue \u201c" + (rec.cue || "") + "\u201d, confidence " +
          number(rec.confidence) + ")");
      });
      var more = tie.evidence.length - TOOLTIP_EVIDENCE;
      lines.push(more > 0 ? "\u2026 " + more + " more: click the tie." : "Click the tie for its evidence.");
      return lines.join("\n");
    }

    // A tooltip is made when its item is first hovered (vis-network shows it
    // after the tooltip delay). Plain strings: vis-network sets them with
    // innerText, never as HTML.
    network.on("hoverNode", function (params) {
      load();
      if (nodes.get(params.node).title === undefined) nodes.update({ id: params.node, title: actorTooltip(params.node) });
    });
    network.on("hoverEdge", function (params) {
      load();
      if (edges.get(params.edge).title === undefined) edges.update({ id: params.edge, title: tieTooltip(ties[params.edge]) });
    });

    function show(nodesToShow) {
      clear(details);
      nodesToShow.forEach(function (n) { details.appendChild(n); });
      details.scrollIntoView({ block: "nearest" });
    }

    function tieButton(id, from) {
      var tie = ties[id], sign = SIGNS[String(tie.sign)];
      var button = el("button");
      button.type = "button";
      button.appendChild(line(tie.color, dashed(tie)));
      var text = from === undefined ? label(tie.a) + " \u2014 " + label(tie.b) : label(tie.a === from ? tie.b : tie.a);
      button.appendChild(el("span", "nv-grow", text));
      button.appendChild(el("span", "nv-num", sign.label + " \u00b7 " + number(tie.weight)));
      button.addEventListener("click", function () {
        network.selectEdges([id]);
        showTie(id);
      });
      var item = el("li");
      item.appendChild(button);
      return item;
    }

    function evidenceItem(rec) {
      var item = el("li");
      var sign = SIGNS[RELATION_SIGN[rec.sign]] || SIGNS["0"];
      var meta = el("p", "nv-meta");
      meta.appendChild(el("span", sign.cls, sign.symbol + " "));
      meta.appendChild(document.createTextNode([
        rec.date,
        label(rec.source) + " \u2192 " + label(rec.target),
        String(rec.kind || "").replace(/_/g, " "),
        "intensity " + number(rec.intensity) + " \u00d7 confidence " + number(rec.confidence),
      ].join(" \u00b7 ")));
      item.appendChild(meta);
      item.appendChild(sentence(rec));
      var src = source(rec);
      var origin = el("p", "nv-source");
      var parts = [];
      if (src.title) parts.push("\u201c" + src.title + "\u201d");
      if (src.outlet) parts.push(src.outlet);
      if (rec.article) parts.push("article " + rec.article);
      parts.push(rec.origin);
      if (rec.cue) parts.push("cue: " + rec.cue);
      if (rec.rule) parts.push("rule: " + rec.rule);
      if (rec.valid_from || rec.valid_to) parts.push("valid " + (rec.valid_from || "\u2026") + " to " + (rec.valid_to || "now"));
      origin.appendChild(document.createTextNode(parts.join(" \u00b7 ")));
      var url = httpUrl(src.url);
      if (url) {
        var link = el("a", null, "open source");
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer nofollow";
        origin.appendChild(document.createTextNode(" \u00b7 "));
        origin.appendChild(link);
      }
      item.appendChild(origin);
      return item;
    }

    function showTie(id) {
      load();
      var tie = ties[id];
      if (!tie) return;
      var sign = SIGNS[String(tie.sign)];
      var title = el("h2");
      title.appendChild(line(tie.color, dashed(tie)));
      title.appendChild(document.createTextNode(" " + label(tie.a) + " \u2014 " + label(tie.b)));
      var list = el("ol", "nv-evidence");
      tie.evidence.forEach(function (rec) { list.appendChild(evidenceItem(rec)); });
      var rows = [
        ["Sign", sign.label + " (polarity " + signed(tie.polarity) + ")"],
        ["Weight", number(tie.weight) + " (cooperation " + number(tie.cooperation) + ", conflict " + number(tie.conflict) + ")"],
        ["Relations", String(tie.count) + (tie.origins.length ? " (" + tie.origins.join(", ") + ")" : "")],
      ];
      if (tie.change) rows.unshift(["Change", changeText(tie)]);
      var heading = tie.change && tie.change !== "unchanged" ? "Evidence of the change, strongest first" : "Evidence, strongest first";
      var parts = [title, stats(rows), el("h3", null, heading)];
      parts.push(tie.evidence.length ? list : el("p", "nv-hint", "No evidence recorded for this tie."));
      show(parts);
    }

    function showActor(id) {
      load();
      var actor = actors[id];
      if (!actor) return;
      var title = el("h2");
      title.appendChild(dot(actor.color));
      title.appendChild(document.createTextNode(" " + actor.label));
      var mine = tiesOf[id] || [];
      var list = el("ol", "nv-list");
      mine.forEach(function (tieId) { list.appendChild(tieButton(tieId, id)); });
      show([title, stats([
        ["Id", id],
        ["Type", actor.type],
        ["Bloc", actor.bloc === null ? "none" : String(actor.bloc)],
        ["Strength", number(actor.strength)],
      ]), el("h3", null, "Ties, strongest first (" + mine.length + ")"), list]);
    }

    function showContradiction(index) {
      load();
      var item = data.contradictions[index];
      var ids = item.edges.filter(function (e) { return e !== null; });
      network.setSelection({ nodes: item.actors, edges: ids }, { unselectAll: true, highlightEdges: false });
      network.fit({ nodes: item.actors, animation: false });
      var list = el("ol", "nv-list");
      ids.forEach(function (tieId) { list.appendChild(tieButton(tieId)); });
      show([el("h2", null, "Contradiction"), el("p", "nv-hint",
        "An odd number of hostile ties around this cycle. Its ties:"), list]);
    }

    network.on("click", function (params) {
      if (params.nodes.length) showActor(params.nodes[0]);
      else if (params.edges.length) showTie(params.edges[0]);
      else show(Array.prototype.slice.call(hint.cloneNode(true).childNodes));
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-contradiction]"), function (button) {
      button.addEventListener("click", function () {
        showContradiction(Number(button.getAttribute("data-contradiction")));
      });
    });

    var search = document.getElementById("nv-search");
    var byName = {};

    /* Offer every actor in the search box (label (id)); a label or an id finds it. */
    function fillSearch() {
      var options = document.getElementById("nv-actor-list");
      Object.keys(actors).sort().forEach(function (id) {
        var name = actors[id].label === id ? id : actors[id].label + " (" + id + ")";
        byName[name.toLowerCase()] = id;
        byName[id.toLowerCase()] = id;
        byName[actors[id].label.toLowerCase()] = byName[actors[id].label.toLowerCase()] || id;
        var option = el("option");
        option.value = name;
        options.appendChild(option);
      });
    }

    if (search) {
      search.addEventListener("change", function () {
        load();
        var id = byName[search.value.trim().toLowerCase()];
        if (id === undefined) return;
        network.selectNodes([id]);
        network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
        showActor(id);
      });
    }

    network.once("afterDrawing", function () {
      // read by the browser tests and the benchmark: time from navigation to the first full draw
      window.netvizReady = performance.now();
      // then the evidence, while the reader looks at the map
      setTimeout(function () {
        load();
        if (search) fillSearch();
        document.documentElement.setAttribute("data-netviz-ready", "true");
      }, 0);
    });

    return { network: network, nodes: nodes, edges: edges, showTie: showTie, showActor: showActor };
  }

  return { start: start, readData: readData, el: el, sentence: sentence, httpUrl: httpUrl };
})();
