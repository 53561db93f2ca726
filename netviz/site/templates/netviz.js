/* netviz page code shared by the snapshot map and the diff map.
 *
 * netviz.start(graphId, dataId) draws the page's JSON blocks (written by
 * netviz.site.render): the graph (vis nodes, edges, options), then the page
 * data (actors, ties, blocs, contradictions, and `step`: which date of the
 * evidence table the page shows). The evidence itself is in the evidence
 * table (netviz.site.evidence): the site's data file, loaded by a
 * <script src> that sets window.netvizEvidence, or a `netviz-evidence` JSON
 * block in a self-contained page. It is read once the map has drawn.
 *
 * It wires the filters (sign, minimum weight on a quantile scale, actor type,
 * strongest ties first), the tooltip (our own: the tie or actor under the
 * pointer is found with the same vis-network call a click uses, so hover and
 * click always name the same tie; it closes whenever the view moves), the
 * side panel (a drawer on phones), the contradictions and the actor search.
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
  var EVIDENCE_FIRST = 5;  // relations the panel shows at once; the rest on demand
  var SVG = "http://www.w3.org/2000/svg";

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
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  // one formatter for every number: toLocaleString builds a new one per call
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

  function plural(n, word) {
    return NUMBER.format(n) + " " + word + (n === 1 ? "" : "s");
  }

  /* An empty SVG legend swatch of width x height; svgNode adds its shapes (those of legend.html). */
  function swatch(width, height) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "nv-swatch");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("aria-hidden", "true");
    return svg;
  }

  function svgNode(svg, tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    svg.appendChild(node);
  }

  /* A legend swatch of a tie: its colour and dash pattern, as the network draws it. */
  function line(color, dashes) {
    var svg = swatch(32, 8);
    var attrs = { x1: 0, y1: 4, x2: 32, y2: 4, stroke: color, "stroke-width": 3 };
    if (dashes && dashes.length) attrs["stroke-dasharray"] = dashes.join(" ");
    svgNode(svg, "line", attrs);
    return svg;
  }

  /* A legend swatch of a change (diff map, timeline): a grey line with the change's marker and halo. */
  function changeSwatch(marker, halo) {
    var svg = swatch(32, 14);
    var ink = "#52606d";
    if (halo) svgNode(svg, "line", { x1: 0, y1: 7, x2: 32, y2: 7, stroke: halo, "stroke-width": 9, "stroke-opacity": 0.8 });
    svgNode(svg, "line", { x1: 0, y1: 7, x2: 32, y2: 7, stroke: ink, "stroke-width": 3 });
    if (marker === "circle") svgNode(svg, "circle", { cx: 16, cy: 7, r: 4.5, fill: ink });
    else if (marker === "diamond") svgNode(svg, "polygon", { points: "16,1.5 21.5,7 16,12.5 10.5,7", fill: ink });
    else if (marker === "bar") svgNode(svg, "line", { x1: 16, y1: 0, x2: 16, y2: 14, stroke: ink, "stroke-width": 3 });
    else if (marker === "box") svgNode(svg, "rect", { x: 12, y: 3, width: 8, height: 8, fill: ink });
    else if (marker === "vee") svgNode(svg, "polyline", { points: "12,2 18,7 12,12", fill: "none", stroke: ink, "stroke-width": 2.5 });
    return svg;
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

  /* The evidence table: relations by tie, and the ones that back a tie on a given date. */
  function evidenceTable(table) {
    var rf = table.fields.relation, af = table.fields.article;
    var byTie = null;
    function record(row, fields) {
      var out = {};
      fields.forEach(function (f, i) { out[f] = row[i]; });
      return out;
    }
    function tieKey(a, b) {
      return a <= b ? a + "--" + b : b + "--" + a;
    }
    function index() {
      if (byTie !== null) return;
      byTie = {};
      var ia = rf.indexOf("a"), ib = rf.indexOf("b");
      table.relations.forEach(function (row, r) {
        var key = tieKey(table.actors[row[ia]][0], table.actors[row[ib]][0]);
        (byTie[key] = byTie[key] || []).push(r);  // in table order: strongest first
      });
    }
    function backs(r, step) {
      var spans = table.spans[r];
      for (var i = 0; i < spans.length; i += 2) if (spans[i] <= step && step <= spans[i + 1]) return true;
      return false;
    }
    return {
      /* relation indices backing tie `id` on date `step`, strongest first */
      on: function (id, step) {
        index();
        return (byTie[id] || []).filter(function (r) { return backs(r, step); });
      },
      /* relation indices that are new or gone between two dates */
      changed: function (id, before, after) {
        index();
        return (byTie[id] || []).filter(function (r) { return backs(r, before) !== backs(r, after); });
      },
      relation: function (r) {
        var rec = record(table.relations[r], rf);
        rec.source = table.actors[rec.a][0];
        rec.target = table.actors[rec.b][0];
        rec.kind = table.kinds[rec.kind];
        rec.origin = table.origins[rec.origin];
        var art = rec.article === null ? {} : record(table.articles[rec.article], af);
        rec.article = art.id;
        rec.title = art.title;
        rec.outlet = art.outlet;
        rec.url = art.url;
        return rec;
      },
      date: function (step) { return table.dates[step]; },
    };
  }

  /* Where a page finds the evidence of a tie: one table (the site's data/evidence.js, or the page's
   * own block), or, for a large site, an index of shard files in the data folder, each loaded by a
   * <script src> (allowed from the site's own folder, offline) when a tie of its range is first
   * asked for. get(tie id, then) calls then(table) with the table holding that tie, or then(null)
   * when its file cannot be read. */
  function evidenceSource(raw) {
    if (!raw.shards) {
      var whole = evidenceTable(raw);
      return { get: function (id, then) { then(whole); } };
    }
    var tag = document.querySelector('script[src$="evidence.js"]');
    var base = tag ? tag.getAttribute("src").replace(/evidence\.js$/, "") : "";
    var loaded = {}, waiting = {};
    function shardOf(id) {  // the last shard whose first tie is not after `id`
      var lo = 0, hi = raw.shards.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (raw.shards[mid].first <= id) lo = mid; else hi = mid - 1;
      }
      return raw.shards[lo].file;
    }
    return {
      get: function (id, then) {
        var file = shardOf(id);
        if (file in loaded) return then(loaded[file]);
        if (waiting[file]) return waiting[file].push(then);
        waiting[file] = [then];
        var done = function () {
          var part = window.netvizEvidenceShards && window.netvizEvidenceShards[file];
          loaded[file] = part ? evidenceTable(part) : null;
          waiting[file].forEach(function (f) { f(loaded[file]); });
          delete waiting[file];
        };
        var script = document.createElement("script");
        script.onload = done;
        script.onerror = done;
        script.src = base + file;
        document.body.appendChild(script);
      },
    };
  }

  /* The unbalanced triangles (contradictions) among `ties`, rows [x, y, sign, weight] with x < y
   * (actor ids, or indices in id order): {total, list: [[strength, [x, y, z]], ...]}, the `limit`
   * strongest first, ordered as netviz.graph.analysis orders them (the geometric mean of the three
   * weights, then by actors). A triangle with a mixed tie (sign 0) is neither balanced nor not. */
  function unbalanced(ties, limit) {
    var adj = new Map();
    ties.forEach(function (t) {
      if (!adj.has(t[0])) adj.set(t[0], new Map());
      if (!adj.has(t[1])) adj.set(t[1], new Map());
      adj.get(t[0]).set(t[1], t);
      adj.get(t[1]).set(t[0], t);
    });
    var order = function (p, q) { return p < q ? -1 : p > q ? 1 : 0; };
    var weights = [], found = [];
    adj.forEach(function (nbrs, x) {
      var later = [];
      nbrs.forEach(function (t, y) { if (y > x && t[2] !== 0) later.push(y); });
      later.sort(order);
      for (var i = 0; i < later.length; i++) {
        var y = later[i], xy = nbrs.get(y), fromY = adj.get(y);
        for (var j = i + 1; j < later.length; j++) {
          var yz = fromY.get(later[j]);
          if (yz === undefined || yz[2] === 0) continue;
          var xz = nbrs.get(later[j]);
          if (xy[2] * xz[2] * yz[2] < 0) {
            weights.push(Math.cbrt(xy[3] * xz[3] * yz[3]));
            found.push([x, y, later[j]]);
          }
        }
      }
    });
    var keep = found.map(function (_, k) { return k; });
    if (found.length > limit) {  // only the strongest are sorted: a dense date has millions
      var cut = Float64Array.from(weights).sort()[found.length - limit];
      keep = keep.filter(function (k) { return weights[k] >= cut; });
    }
    keep.sort(function (p, q) {
      var a = found[p], b = found[q];
      return weights[q] - weights[p] || order(a[0], b[0]) || order(a[1], b[1]) || order(a[2], b[2]);
    });
    return { total: found.length, list: keep.slice(0, limit).map(function (k) { return [weights[k], found[k]]; }) };
  }

  /* Our own tooltip over a vis network: the actor or tie under the pointer is found with the same
   * calls, on the same rounded pointer, as vis-network's click, so hover and click always name the
   * same tie; the hovered tie gets a halo drawn under it; the tooltip closes when the view moves,
   * and on touch screens (a tap opens the panel instead). `describe(hit)` gives its text, or null.
   * `labelAt(p)`, optional: the actor whose label (drawn by the page) is at DOM point p.
   * Returns {hide, hitAt}; call hide() whenever the page itself moves the view. */
  function hoverTips(network, container, describe, labelAt) {
    var tip = el("div", "nv-tip");
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    container.appendChild(tip);
    var hovered = null;  // {edge: id} or {node: id}

    function hide() {
      tip.hidden = true;
      if (hovered !== null) {
        hovered = null;
        network.redraw();
      }
    }

    /* What a click at this point picks: an actor (its dot, then its label), else the nearest tie
     * (vis-network's own rule). */
    function hitAt(p) {
      var node = network.getNodeAt(p);
      if (node === undefined && labelAt) node = labelAt(p);
      if (node !== undefined) return { node: node };
      var edge = network.getEdgeAt(p);
      return edge !== undefined ? { edge: edge } : null;
    }

    var pending = false;
    container.addEventListener("pointermove", function (event) {
      if (event.pointerType === "touch" || pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        var box = container.getBoundingClientRect();
        // vis-network's click rounds the pointer (hammer.js) before it measures: so do we, or the two
        // can pick different ties where lines cross
        var p = { x: Math.round(event.clientX) - box.left, y: Math.round(event.clientY) - box.top };
        var hit = hitAt(p);
        var text = hit === null ? null : describe(hit);
        if (text === null) return hide();
        var same = hovered !== null && hovered.node === hit.node && hovered.edge === hit.edge;
        hovered = hit;
        tip.textContent = text;
        tip.hidden = false;
        var x = Math.min(p.x + 14, box.width - tip.offsetWidth - 4), y = p.y + 16;
        if (y + tip.offsetHeight > box.height) y = p.y - tip.offsetHeight - 10;
        tip.style.left = Math.max(4, x) + "px";
        tip.style.top = Math.max(4, y) + "px";
        if (!same) network.redraw();
      });
    });
    container.addEventListener("pointerleave", hide);
    ["dragStart", "zoom", "click", "resize"].forEach(function (name) { network.on(name, hide); });

    // the hovered tie gets a halo under it, so the reader sees which line the tooltip names
    network.on("beforeDrawing", function (ctx) {
      if (hovered === null || hovered.edge === undefined) return;
      var ends = network.getConnectedNodes(hovered.edge);
      var pos = network.getPositions(ends);
      if (ends.length !== 2 || !pos[ends[0]] || !pos[ends[1]]) return;
      ctx.save();
      ctx.strokeStyle = "rgba(250, 204, 21, 0.7)";
      ctx.lineWidth = 22;
      ctx.lineCap = "round";
      ctx.beginPath();
      ctx.moveTo(pos[ends[0]].x, pos[ends[0]].y);
      ctx.lineTo(pos[ends[1]].x, pos[ends[1]].y);
      ctx.stroke();
      ctx.restore();
    });
    return { hide: hide, hitAt: hitAt };
  }

  // ---- labels and dots at a size a reader can read, at every zoom ----------------------------------

  /* Label font on screen, in px: vis-network's 14 px at zoom 1, never below `min` (at the first,
   * fitted zoom of a big map vis-network would draw 2 px text, or none) nor above `max`. */
  var LABEL_PX = { base: 14, min: 11, max: 17 };
  var LABEL_FACE = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", sans-serif";
  //: smallest dot radius on screen, px: a fitted map of a hundred actors would draw 1 px dots,
  //: one of 2,000 actors dots of a hundredth of a pixel
  var MIN_DOT_PX = 3;
  //: thinnest tie on screen, px
  var MIN_TIE_PX = 0.75;
  //: labels of the strongest actors: how many, and how many foreign ties one may cover on its plate
  var PLATE_RANKS = 16, PLATE_CROSSINGS = 3;
  //: screen area of a label and the room around it, px^2
  var LABEL_AREA = 110 * 40;

  //: members of a bloc that are its core: labelled first, in bold
  var BLOC_CORE = 3;
  //: a bloc has a core (and is drawn as a region) from this share of the aligned actors
  var REGION_SHARE = 0.02;

  /* The order in which a page labels its actors (as long as a label finds room: at the first,
   * fitted zoom of a big map only the first ones do): the strongest member of every bloc (the
   * largest bloc first), then the second of every bloc, up to BLOC_CORE deep; then everyone else by
   * strength. Only blocs of at least REGION_SHARE of the aligned actors (and two) have a core. `people`: [{id, bloc (null: unaligned), strength}]. Returns [{id, core}] in order. */
  function labelOrder(people) {
    var byStrength = people.slice().sort(function (p, q) {
      return q.strength - p.strength || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0);
    });
    var members = {};
    byStrength.forEach(function (p) {
      if (p.bloc !== null && p.bloc !== undefined) (members[p.bloc] = members[p.bloc] || []).push(p.id);
    });
    // a bloc of a handful among thousands of actors names no camp a reader looks for first
    var aligned = Object.keys(members).reduce(function (n, b) { return n + members[b].length; }, 0);
    var blocs = Object.keys(members).filter(function (b) {
      return members[b].length >= Math.max(2, REGION_SHARE * aligned);
    }).sort(function (x, y) {
      return members[y].length - members[x].length || Number(x) - Number(y);
    });
    var core = [], chosen = new Set();
    for (var depth = 0; depth < BLOC_CORE; depth++) {
      blocs.forEach(function (b) {
        if (depth < members[b].length) { core.push({ id: members[b][depth], core: true }); chosen.add(members[b][depth]); }
      });
    }
    return core.concat(byStrength.filter(function (p) { return !chosen.has(p.id); }).map(function (p) {
      return { id: p.id, core: false };
    }));
  }

  /* Where each label goes, on screen-size boxes around its dot: below (vis-network's place), above,
   * right, left, then the four corners. */
  function labelBoxes(x, y, r, w, h, gap) {
    var c = r * 0.72 + gap;
    return [
      [x - w / 2, y + r + gap, x + w / 2, y + r + gap + h],
      [x - w / 2, y - r - gap - h, x + w / 2, y - r - gap],
      [x + r + gap, y - h / 2, x + r + gap + w, y + h / 2],
      [x - r - gap - w, y - h / 2, x - r - gap, y + h / 2],
      [x + c, y + c, x + c + w, y + c + h],
      [x - c - w, y + c, x - c, y + c + h],
      [x + c, y - c - h, x + c + w, y - c],
      [x - c - w, y - c - h, x - c, y - c],
    ];
  }

  /* How far the edge of a dot (centre p, radius r) is from a box (0 when they touch). */
  function edgeDistance(p, r, box) {
    var dx = Math.max(box[0] - p.x, 0, p.x - box[2]), dy = Math.max(box[1] - p.y, 0, p.y - box[3]);
    return Math.max(0, Math.hypot(dx, dy) - r);
  }

  function boxesOverlap(a, b) {
    return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  }

  /* Does the segment p-q (a tie `half` wide each side) cross box b? (Liang-Barsky clipping) */
  function segmentCrossesBox(p, q, half, b) {
    var x0 = b[0] - half, y0 = b[1] - half, x1 = b[2] + half, y1 = b[3] + half;
    var dx = q.x - p.x, dy = q.y - p.y, t0 = 0, t1 = 1;
    var edges = [[-dx, p.x - x0], [dx, x1 - p.x], [-dy, p.y - y0], [dy, y1 - p.y]];
    for (var i = 0; i < 4; i++) {
      var pk = edges[i][0], qk = edges[i][1];
      if (pk === 0) { if (qk < 0) return false; continue; }
      var t = qk / pk;
      if (pk < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
      else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
    return true;
  }

  /* A uniform grid over the view: what lies in each cell (dots, ties, placed labels). */
  function spatialGrid(cell) {
    var cells = new Map();
    // a number per cell: string keys made placing labels on a 2,000-actor map several times slower
    function key(cx, cy) { return cx * 131072 + cy; }
    function at(cx, cy) {
      var k = key(cx, cy), found = cells.get(k);
      if (!found) { found = { dots: [], ties: [], labels: [] }; cells.set(k, found); }
      return found;
    }
    return {
      add: function (kind, box, item) {
        for (var cx = Math.floor(box[0] / cell); cx <= Math.floor(box[2] / cell); cx++) {
          for (var cy = Math.floor(box[1] / cell); cy <= Math.floor(box[3] / cell); cy++) at(cx, cy)[kind].push(item);
        }
      },
      /* a tie: into every cell its segment passes through (a grid walk, Amanatides and Woo) */
      addSegment: function (p, q, item) {
        var cx = Math.floor(p.x / cell), cy = Math.floor(p.y / cell);
        var ex = Math.floor(q.x / cell), ey = Math.floor(q.y / cell);
        var dx = q.x - p.x, dy = q.y - p.y, sx = dx > 0 ? 1 : -1, sy = dy > 0 ? 1 : -1;
        var tx = dx !== 0 ? ((sx > 0 ? cx + 1 : cx) * cell - p.x) / dx : Infinity;
        var ty = dy !== 0 ? ((sy > 0 ? cy + 1 : cy) * cell - p.y) / dy : Infinity;
        var stepX = dx !== 0 ? cell / Math.abs(dx) : Infinity, stepY = dy !== 0 ? cell / Math.abs(dy) : Infinity;
        for (var guard = Math.abs(ex - cx) + Math.abs(ey - cy) + 1; guard >= 0; guard--) {
          at(cx, cy).ties.push(item);
          if (cx === ex && cy === ey) break;
          if (tx < ty) { tx += stepX; cx += sx; } else { ty += stepY; cy += sy; }
        }
      },
      each: function (box, fn) {
        for (var cx = Math.floor(box[0] / cell); cx <= Math.floor(box[2] / cell); cx++) {
          for (var cy = Math.floor(box[1] / cell); cy <= Math.floor(box[3] / cell); cy++) {
            var found = cells.get(key(cx, cy));
            if (found) fn(found);
          }
        }
      },
    };
  }

  /* The page's own labels over a vis network (vis-network draws none: its labels shrink with the
   * zoom until they vanish). At every zoom, in rank order (bloc cores, then the strongest actors),
   * each label goes on the side of its dot where it covers no other label, no other dot and no tie
   * it is not part of, and where no other dot is nearer to it than its own (bloc cores excepted); a
   * label with no such place is left out at this zoom and shows as the reader zooms in. The strongest actors (`plate`) may cross up to PLATE_CROSSINGS foreign ties (bloc
   * cores, `bold`, any number) when nothing else is free: then on a white plate, so the ties
   * visibly run under the label.
   * `source`: {items() -> [{id, text, bold, plate, muted}] of shown actors in rank order,
   * ties() -> [{from, to, width}] of shown ties, size(id) -> dot radius, stamp() -> changes
   * whenever the dot sizes do}. */
  function labeller(network, container, source) {
    var placedLabels = [], key = null, version = 0, widths = {};

    function textWidth(ctx, text, bold) {
      var k = (bold ? "b" : "n") + text;
      if (widths[k] === undefined) {
        ctx.font = (bold ? "600 " : "") + "100px " + LABEL_FACE;
        widths[k] = ctx.measureText(text).width / 100;
      }
      return widths[k];
    }

    function place(ctx, scale) {
      var unit = 1 / scale;  // canvas units per screen pixel
      var px = Math.max(LABEL_PX.min, Math.min(LABEL_PX.max, LABEL_PX.base * scale));
      var font = px * unit, pad = 2.5 * unit, gap = 2 * unit;
      var tl = network.DOMtoCanvas({ x: 0, y: 0 });
      var br = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
      var view = [tl.x + 2 * unit, tl.y + 2 * unit, br.x - 2 * unit, br.y - 2 * unit];
      var items = source.items();
      var pos = network.getPositions(items.map(function (it) { return it.id; }));
      var grid = spatialGrid(48 * unit);
      items.forEach(function (it) {
        var p = pos[it.id], r = source.size(it.id);
        if (p) grid.add("dots", [p.x - r, p.y - r, p.x + r, p.y + r], { id: it.id, centre: p, r: r, box: [p.x - r, p.y - r, p.x + r, p.y + r] });
      });
      source.ties().forEach(function (t) {
        var p = pos[t.from], q = pos[t.to];
        if (!p || !q) return;
        if (Math.max(p.x, q.x) < view[0] || Math.min(p.x, q.x) > view[2] || Math.max(p.y, q.y) < view[1] || Math.min(p.y, q.y) > view[3]) return;
        grid.addSegment(p, q, { from: t.from, to: t.to, p: p, q: q, half: Math.max(t.width || 1, unit) / 2 });
      });
      var out = [], tries = 0, stamp = 0;
      // a label takes about LABEL_AREA of screen: past a few times that many tries, the rest would
      // not fit anyway (and on a 2,000-actor map trying them all takes a second)
      var budget = 4 * container.clientWidth * container.clientHeight / LABEL_AREA;
      items.forEach(function (it) {
        var p = pos[it.id];
        if (!p || p.x < view[0] || p.x > view[2] || p.y < view[1] || p.y > view[3] || tries > budget) return;
        tries++;
        var w = textWidth(ctx, it.text, it.bold) * font + 2 * pad, h = font * 1.2 + pad;
        var best = null, r = source.size(it.id);
        labelBoxes(p.x, p.y, r, w, h, gap).forEach(function (box, order) {
          if (box[0] < view[0] || box[1] < view[1] || box[2] > view[2] || box[3] > view[3]) return;
          var blocked = false, foreign = 0, own = 0, look = ++stamp;
          grid.each(box, function (cell) {
            if (blocked) return;
            for (var i = 0; i < cell.labels.length && !blocked; i++) blocked = boxesOverlap(box, cell.labels[i].box);
            for (var j = 0; j < cell.dots.length && !blocked; j++) {
              blocked = cell.dots[j].id !== it.id && boxesOverlap(box, cell.dots[j].box);
            }
            for (var k = 0; k < cell.ties.length && !blocked; k++) {
              var t = cell.ties[k];
              if (t.seen === look) continue;
              t.seen = look;
              if (!segmentCrossesBox(t.p, t.q, t.half, box)) continue;
              if (t.from === it.id || t.to === it.id) own++; else foreign++;
            }
          });
          if (!blocked && !it.bold) {
            // a reader takes a label for the nearest dot's: no other dot may be nearer than its own
            // (bloc cores, named first and in bold, are spared: in a dense camp they would go unnamed)
            var near = edgeDistance(p, r, box);
            grid.each([box[0] - near - 40 * unit, box[1] - near - 40 * unit, box[2] + near + 40 * unit, box[3] + near + 40 * unit], function (cell) {
              for (var j = 0; j < cell.dots.length && !blocked; j++) {
                var dot = cell.dots[j];
                blocked = dot.id !== it.id && edgeDistance(dot.centre, dot.r, box) < near;
              }
            });
          }
          if (blocked || (foreign && (!it.plate || (foreign > PLATE_CROSSINGS && !it.bold)))) return;
          var cost = foreign * 100 + own + order * 0.01;
          if (best === null || cost < best.cost) best = { cost: cost, box: box, foreign: foreign };
        });
        if (best === null) return;
        var label = { id: it.id, text: it.text, bold: it.bold, muted: it.muted, box: best.box, plate: best.foreign > 0 };
        grid.add("labels", best.box, label);
        out.push(label);
      });
      return { font: font, unit: unit, labels: out };
    }

    var drawn = null, dragging = false;
    // while the map is dragged the labels move with it; they are placed again where it is let go
    network.on("dragStart", function (params) { dragging = params.nodes.length === 0; });
    network.on("dragging", function (params) { if (params.nodes.length) version++; });  // an actor moved
    network.on("dragEnd", function () { dragging = false; network.redraw(); });
    network.on("afterDrawing", function (ctx) {
      var scale = network.getScale(), origin = network.DOMtoCanvas({ x: 0, y: 0 });
      var now = dragging && drawn !== null ? key : [version, source.stamp(), scale, origin.x, origin.y, container.clientWidth, container.clientHeight].join(" ");
      if (now !== key) {
        key = now;
        drawn = place(ctx, scale);
        placedLabels = drawn.labels;
      }
      ctx.save();
      ctx.textBaseline = "middle";
      ctx.textAlign = "center";
      ctx.lineJoin = "round";
      drawn.labels.forEach(function (label) {
        var b = label.box, cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
        if (label.plate) {
          ctx.fillStyle = "rgba(255, 255, 255, 0.88)";
          ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
        }
        ctx.font = (label.bold ? "600 " : "") + drawn.font + "px " + LABEL_FACE;
        ctx.lineWidth = 3 * drawn.unit;
        ctx.strokeStyle = "#ffffff";
        ctx.strokeText(label.text, cx, cy);
        ctx.fillStyle = label.muted ? "#6b7280" : "#1f2933";
        ctx.fillText(label.text, cx, cy);
      });
      ctx.restore();
    });

    return {
      /* the data changed (filters, another date): place the labels again at the next draw */
      invalidate: function () { version++; },
      /* the labels of the last draw, boxes in canvas units: {id, text, box, plate, bold} */
      placed: function () {
        return placedLabels.map(function (l) { return { id: l.id, text: l.text, box: l.box.slice(), plate: l.plate, bold: l.bold }; });
      },
      /* the actor whose label is at this DOM point, if any */
      at: function (p) {
        var c = network.DOMtoCanvas(p);
        for (var i = 0; i < placedLabels.length; i++) {
          var b = placedLabels[i].box;
          if (b[0] <= c.x && c.x <= b[2] && b[1] <= c.y && c.y <= b[3]) return placedLabels[i].id;
        }
        return undefined;
      },
    };
  }

  /* Marks that stay readable when a big map is zoomed out to fit: vis-network sizes dots, tie
   * widths and dash patterns in canvas units, so at the fitted zoom of a 2,000-actor map (0.01)
   * dots are a hundredth of a pixel, every tie is a hairline whatever its weight and dashes
   * vanish (conflict looks like cooperation). Once the zoom settles, every dot is grown to at least
   * MIN_DOT_PX on screen; a tie's width shrinks only with the square root of the zoom (so at the
   * fitted zoom of a map of a hundred actors the heaviest ties still stand out), never under
   * MIN_TIE_PX; dash patterns keep their length at zoom 1. Back again as the reader zooms in.
   * Items keep their designed values in `nodes` / `edges` (vis DataSets); pages that restyle an
   * item go through node() / edge(). */
  function screenFloor(network, nodes, edges) {
    var designed = { node: {}, edge: {} }, scale = 0;
    nodes.forEach(function (n) { designed.node[n.id] = n.size; });
    edges.forEach(function (e) { designed.edge[e.id] = { width: e.width, dashes: e.dashes }; });
    function floors(s) {
      return { dot: MIN_DOT_PX / s, tie: Math.max(1, 1 / Math.sqrt(s)), thinnest: MIN_TIE_PX / s, dash: Math.max(1, 1 / s) };
    }
    function dashes(pattern, f) {
      return pattern ? pattern.map(function (d) { return d * f.dash; }) : pattern;
    }
    var f = floors(1);
    function apply() {
      timer = null;
      var now = network.getScale();
      if (Math.abs(Math.log(now / scale)) < 0.1) return;
      scale = now;
      f = floors(now);
      var nodeChanges = [], edgeChanges = [];
      nodes.forEach(function (n) {
        var size = Math.max(designed.node[n.id], f.dot);
        if (size !== n.size) nodeChanges.push({ id: n.id, size: size });
      });
      edges.forEach(function (e) {
        var d = designed.edge[e.id];
        edgeChanges.push({ id: e.id, width: Math.max(d.width * f.tie, f.thinnest), dashes: dashes(d.dashes, f) });
      });
      if (nodeChanges.length) nodes.update(nodeChanges);
      if (edgeChanges.length) edges.update(edgeChanges);
    }
    var timer = null;
    // after the zoom settles: restyling thousands of ties on every frame of a zoom would stall it
    network.on("afterDrawing", function () {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(apply, scale ? 120 : 0);
    });
    return {
      /* changes whenever the sizes drawn do */
      stamp: function () { return scale; },
      /* the radius actor `id` is drawn with */
      size: function (id) { return Math.max(designed.node[id] || 0, f.dot); },
      /* an actor's designed radius: the radius to draw it with at this zoom */
      node: function (id, size) { designed.node[id] = size; return Math.max(size, f.dot); },
      /* a tie item with its designed width and dashes: the item, drawn as this zoom needs */
      edge: function (item) {
        designed.edge[item.id] = { width: item.width, dashes: item.dashes };
        item.width = Math.max(item.width * f.tie, f.thinnest);
        item.dashes = dashes(item.dashes, f);
        return item;
      },
    };
  }

  // ---- camps as regions ---------------------------------------------------------------------------

  //: radius on screen (px) of the wash of colour around each member of a bloc, and its opacity
  var FIELD_PX = 16, FIELD_ALPHA = 0.16;

  /* The blocs to draw as regions: every bloc with at least 3 members and REGION_SHARE of the
   * aligned actors. `people`: [{id, bloc}]. Returns {bloc: [ids]}. */
  function regionBlocs(people) {
    var members = {}, aligned = 0;
    people.forEach(function (p) {
      if (p.bloc === null || p.bloc === undefined) return;
      aligned++;
      (members[p.bloc] = members[p.bloc] || []).push(p.id);
    });
    var out = {};
    Object.keys(members).forEach(function (b) {
      if (members[b].length >= Math.max(3, REGION_SHARE * aligned)) out[b] = members[b];
    });
    return out;
  }

  /* Camps as regions, drawn under the ties: a wash of each bloc's colour around its members, each
   * bloc painted alone and then laid on the map at FIELD_ALPHA, so that a dense camp is one even
   * field, not a stack of discs. `source.blocs()` -> [{color, members: [ids]}]. */
  function campRegions(network, source) {
    // the fields are painted once per view and data (a 2,000-actor map: 60 ms), then laid on
    // every redraw of that view (a hover, a selection) as one image
    var scratch = document.createElement("canvas"), fields = document.createElement("canvas");
    var painted = null, version = 0;
    network.on("dragging", function (params) { if (params.nodes.length) version++; });
    network.on("beforeDrawing", function (ctx) {
      var blocs = source.blocs();
      if (!blocs.length) return;
      var transform = ctx.getTransform(), canvas = ctx.canvas;
      var key = [version, canvas.width, canvas.height, transform.a, transform.d, transform.e, transform.f].join(" ");
      if (key !== painted) {
        painted = key;
        paintFields(blocs, transform, canvas.width, canvas.height);
      }
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(fields, 0, 0);
      ctx.restore();
    });

    function paintFields(blocs, transform, width, height) {
      [scratch, fields].forEach(function (c) {
        if (c.width !== width || c.height !== height) { c.width = width; c.height = height; }
      });
      var paint = scratch.getContext("2d"), out = fields.getContext("2d");
      out.clearRect(0, 0, width, height);
      var radius = FIELD_PX / network.getScale();
      blocs.forEach(function (bloc) {
        var pos = network.getPositions(bloc.members);
        paint.setTransform(1, 0, 0, 1, 0, 0);
        paint.clearRect(0, 0, width, height);
        paint.setTransform(transform);
        paint.fillStyle = bloc.color;
        paint.beginPath();
        bloc.members.forEach(function (id) {
          var p = pos[id];
          if (!p) return;
          paint.moveTo(p.x + radius, p.y);
          paint.arc(p.x, p.y, radius, 0, 2 * Math.PI);
        });
        paint.fill();
        out.globalAlpha = FIELD_ALPHA;
        out.drawImage(scratch, 0, 0);
      });
    }

    return {
      /* the blocs shown changed (filters), or an actor moved: paint the fields again */
      invalidate: function () { version++; },
    };
  }

  /* On a phone an open drawer covers the lower `covered` pixels of the map: if `point` (canvas
   * units: the tie or actor just tapped) is not in view above it, move the view (same zoom) so that
   * it stands in the middle of what is left. `hide` closes the tooltip first. */
  function keepInView(network, container, covered, point, hide) {
    var free = container.clientHeight - covered;
    var at = network.canvasToDOM(point), width = container.clientWidth;
    if (at.y > 24 && at.y < free - 24 && at.x > 16 && at.x < width - 16) return null;
    var scale = network.getScale(), centre = network.getViewPosition();
    var tx = at.x > 16 && at.x < width - 16 ? at.x : width / 2;
    hide();
    network.moveTo({ position: { x: centre.x + (at.x - tx) / scale, y: centre.y + (at.y - free / 2) / scale },
      scale: scale, animation: false });
    return { position: centre, scale: scale };
  }

  /* Draw a map: `graph` and `data` are the ids of the page's JSON blocks, or the objects themselves
   * (a site page rebuilds them from the site's history, replay.js). */
  function start(graphId, dataId) {
    var missing = document.getElementById("nv-missing");
    if (missing) missing.remove();
    var container = document.getElementById("nv-network");
    var details = document.getElementById("nv-details");
    var hint = details.cloneNode(true);
    var graph = typeof graphId === "string" ? readData(graphId) : graphId;
    var data = typeof dataId === "string" ? readData(dataId) : dataId;
    var actors = data.actors, ties = data.ties, blocs = data.blocs || {};
    // the page draws the labels (labeller), vis-network only the dots
    var nodes = new vis.DataSet(graph.nodes.map(function (n) { return Object.assign({}, n, { label: undefined }); }));
    var edges = new vis.DataSet(graph.edges.map(function (e) { return Object.assign({}, e); }));

    // ---- filters -------------------------------------------------------------------------------
    var filters = { signs: { "1": true, "-1": true, "0": true }, types: {}, minWeight: 0, strongest: data.first_view !== null && data.first_view !== undefined };
    Object.keys(actors).forEach(function (id) { filters.types[actors[id].type] = true; });
    var weights = Object.keys(ties).map(function (id) { return ties[id].weight; }).sort(function (x, y) { return x - y; });
    function tiePasses(id) {
      var tie = ties[id];
      return filters.signs[String(tie.sign)] && tie.weight >= filters.minWeight &&
        filters.types[actors[tie.a].type] && filters.types[actors[tie.b].type] && (!filters.strongest || tie.first === true);
    }
    var edgeView = new vis.DataView(edges, { filter: function (e) { return tiePasses(e.id); } });
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return filters.types[actors[n.id].type]; } });
    var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, graph.options);
    var dots = screenFloor(network, nodes, edges);
    var ranked = labelOrder(Object.keys(actors).map(function (id) {
      return { id: id, bloc: actors[id].bloc, strength: actors[id].strength };
    }));
    var labels = labeller(network, container, {
      items: function () {
        return ranked.filter(function (r) { return nodeView.get(r.id) !== null; }).map(function (r, rank) {
          return { id: r.id, text: actors[r.id].label, bold: r.core, plate: rank < PLATE_RANKS };
        });
      },
      ties: function () { return edgeView.get({ fields: ["from", "to", "width"] }); },
      size: dots.size,
      stamp: dots.stamp,
    });

    var source = null, tableError = null, tiesOf = null;
    var NO_EVIDENCE = "The evidence of this map is in data/evidence.js beside the site's pages, and it could not be read. " +
      "Open the map from its site folder, or write one self-contained map with `netviz map DATE --out FILE`.";

    /* Where the evidence is (once): the site's data file, or the page's own block. */
    function load() {
      if (source !== null || tableError !== null) return source;
      try {
        var raw = window.netvizEvidence || readData("netviz-evidence");
        if (!raw) throw new Error("missing");
        source = evidenceSource(raw);
      } catch (e) {
        tableError = NO_EVIDENCE;
      }
      return source;
    }

    function indexTies() {
      if (tiesOf !== null) return;
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

    function blocName(bloc) {
      return bloc === null || bloc === undefined ? "unaligned" : blocs[String(bloc)] || "bloc " + bloc;
    }

    function edgeStyle(id) {
      var item = edges.get(id);
      return { color: item.color, dashes: item.dashes };
    }

    // Diff maps (netviz.site.diffmap) mark each tie with how it changed between the two dates.
    function changeText(tie) {
      return tie.before === undefined ? tie.change : tie.change + ": " + tie.before + " \u2192 " + tie.after;
    }

    // ---- tooltip -------------------------------------------------------------------------------
    function tipText(hit) {
      if (hit.node !== undefined) {
        var actor = actors[hit.node];
        return (actor.label === hit.node ? hit.node : actor.label + " (" + hit.node + ")") + "\n" +
          actor.type.replace(/_/g, " ") + " \u00b7 " + blocName(actor.bloc);
      }
      var tie = ties[hit.edge];
      if (!tie) return null;
      return label(tie.a) + " \u2014 " + label(tie.b) + "\n" + (tie.change ? changeText(tie) + " \u00b7 " : "") +
        SIGNS[String(tie.sign)].label + " \u00b7 weight " + number(tie.weight) + " \u00b7 " + plural(tie.count, "relation");
    }
    var tips = hoverTips(network, container, tipText, labels.at);

    // ---- camps as regions: a field of colour around each bloc ---------------------------------------
    var regions = regionBlocs(Object.keys(actors).map(function (id) { return { id: id, bloc: actors[id].bloc }; }));
    var fields = Object.keys(regions).map(function (b) {
      var color = actors[regions[b][0]].color;
      // coloured by type, a bloc has no one colour: no field
      return regions[b].every(function (id) { return actors[id].color === color; }) ? { bloc: b, color: color, members: regions[b] } : null;
    }).filter(function (f) { return f !== null; });
    var regionsDrawn = campRegions(network, {
      blocs: function () {
        return fields.map(function (f) {
          return { color: f.color, members: f.members.filter(function (id) { return nodeView.get(id) !== null; }) };
        });
      },
    });
    var hideTip = tips.hide, hitAt = tips.hitAt;

    /* Every move of the view the page makes goes through here, so no tooltip is left behind. */
    function moveView(move) {
      hideTip();
      move();
    }

    // ---- the panel (a drawer on small screens) ---------------------------------------------------
    var page = document.body;
    var panel = document.getElementById("nv-panel");
    var toggle = document.getElementById("nv-drawer-toggle");
    var drawerTitle = document.getElementById("nv-drawer-title");
    var phone = window.matchMedia("(max-width: 760px)");
    var viewBefore = null;  // the view before the drawer moved it: put back when the drawer closes
    network.on("dragStart", function () { viewBefore = null; });
    network.on("zoom", function () { viewBefore = null; });
    function openDrawer(open) {
      page.classList.toggle("nv-drawer-open", open);
      if (toggle) toggle.setAttribute("aria-expanded", String(open));
      if (open) hideTip();
      else if (viewBefore !== null) {
        var back = viewBefore;
        viewBefore = null;
        moveView(function () { network.moveTo({ position: back.position, scale: back.scale, animation: false }); });
      }
    }
    if (toggle) toggle.addEventListener("click", function () { openDrawer(!page.classList.contains("nv-drawer-open")); });

    function keepAbove(point) {
      if (point && phone.matches && toggle) {
        viewBefore = keepInView(network, container, panel.offsetHeight - toggle.offsetHeight, point, hideTip) || viewBefore;
      }
    }

    /* The panel shows `parts`; on a phone the drawer opens, its bar says `title`, and `point` stays in view. */
    function show(parts, title, point) {
      clear(details);
      parts.forEach(function (n) { details.appendChild(n); });
      if (drawerTitle) drawerTitle.textContent = title || "Legend & details";
      openDrawer(true);
      // scroll the panel, never the page: on a phone the header must stay in view
      panel.scrollTop = 0;
      keepAbove(point);
    }

    function middleOf(ids) {
      var pos = network.getPositions(ids), xs = 0, ys = 0, n = 0;
      ids.forEach(function (id) { if (pos[id]) { xs += pos[id].x; ys += pos[id].y; n++; } });
      return n ? { x: xs / n, y: ys / n } : null;
    }

    function tieButton(id, from) {
      var tie = ties[id], style = edgeStyle(id);
      var button = el("button");
      button.type = "button";
      button.appendChild(line(style.color, style.dashes));
      var text = from === undefined ? label(tie.a) + " \u2014 " + label(tie.b) : label(tie.a === from ? tie.b : tie.a);
      button.appendChild(el("span", "nv-grow", text));
      button.appendChild(el("span", "nv-num", SIGNS[String(tie.sign)].label + " \u00b7 " + number(tie.weight)));
      button.addEventListener("click", function () {
        network.selectEdges(edgeView.get(id) ? [id] : []);
        showTie(id);
      });
      var item = el("li");
      item.appendChild(button);
      return item;
    }

    function evidenceItem(rec) {
      var item = el("li");
      var sign = SIGNS[String(rec.sign)] || SIGNS["0"];
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
      var origin = el("p", "nv-source");
      var parts = [];
      if (rec.title) parts.push("\u201c" + rec.title + "\u201d");
      if (rec.outlet) parts.push(rec.outlet);
      if (rec.article) parts.push("article " + rec.article);
      parts.push(rec.origin);
      if (rec.cue) parts.push("cue: " + rec.cue);
      if (rec.rule) parts.push("rule: " + rec.rule);
      if (rec.valid_from || rec.valid_to) parts.push("valid " + (rec.valid_from || "\u2026") + " to " + (rec.valid_to || "now"));
      origin.appendChild(document.createTextNode(parts.join(" \u00b7 ")));
      var url = httpUrl(rec.url);
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

    /* The strongest relations at once, the rest on demand. */
    function evidenceList(table, indices) {
      var list = el("ol", "nv-evidence");
      var wrap = el("div");
      wrap.appendChild(list);
      var shown = 0;
      function more(count) {
        var end = Math.min(indices.length, shown + count);
        for (; shown < end; shown++) list.appendChild(evidenceItem(table.relation(indices[shown])));
      }
      more(EVIDENCE_FIRST);
      if (shown < indices.length) {
        var button = el("button", "nv-more", "Show the other " + plural(indices.length - shown, "relation"));
        button.type = "button";
        button.addEventListener("click", function () {
          more(indices.length);
          button.remove();
        });
        wrap.appendChild(button);
      }
      return wrap;
    }

    function tieEvidence(table, id, tie) {
      if (data.before !== null && data.before !== undefined && tie.change && tie.change !== "unchanged") {
        return table.changed(id, data.before, data.step);
      }
      return table.on(id, data.step);
    }

    function showTie(id) {
      var tie = ties[id];
      if (!tie) return;
      var style = edgeStyle(id);
      var title = el("h2");
      title.appendChild(line(style.color, style.dashes));
      title.appendChild(document.createTextNode(" " + label(tie.a) + " \u2014 " + label(tie.b)));
      var rows = [
        ["Sign", SIGNS[String(tie.sign)].label + " (polarity " + signed(tie.polarity) + ")"],
        ["Weight", number(tie.weight) + " (cooperation " + number(tie.cooperation) + ", conflict " + number(tie.conflict) + ")"],
        ["Relations", String(tie.count) + (tie.origins.length ? " (" + tie.origins.join(", ") + ")" : "")],
      ];
      if (tie.change) rows.unshift(["Change", changeText(tie)]);
      var heading = tie.change && tie.change !== "unchanged" ? "Evidence of the change, strongest first" : "Evidence, strongest first";
      var box = el("div");
      if (!load()) box.appendChild(el("p", "nv-error", tableError));
      else {
        box.appendChild(el("p", "nv-hint", "Reading the evidence\u2026"));
        source.get(id, function (table) {  // at once, or once the tie's shard of a large site has loaded
          clear(box);
          var indices = table ? tieEvidence(table, id, tie) : [];
          box.appendChild(!table ? el("p", "nv-error", NO_EVIDENCE) : indices.length ? evidenceList(table, indices)
            : el("p", "nv-hint", "No evidence recorded for this tie."));
        });
      }
      show([title, stats(rows), el("h3", null, heading), box], label(tie.a) + " \u2014 " + label(tie.b), middleOf([tie.a, tie.b]));
    }

    function showActor(id) {
      var actor = actors[id];
      if (!actor) return;
      indexTies();
      var title = el("h2");
      title.appendChild(dot(actor.color));
      title.appendChild(document.createTextNode(" " + actor.label));
      var mine = tiesOf[id] || [];
      var list = el("ol", "nv-list");
      mine.forEach(function (tieId) { list.appendChild(tieButton(tieId, id)); });
      show([title, stats([
        ["Id", id],
        ["Type", actor.type.replace(/_/g, " ")],
        ["Bloc", blocName(actor.bloc)],
        ["Strength", number(actor.strength)],
      ]), el("h3", null, "Ties, strongest first (" + mine.length + ")"), list], actor.label, middleOf([id]));
    }

    function showContradiction(index) {
      var item = data.contradictions[index];
      var ids = item.edges.filter(function (e) { return e !== null; });
      network.setSelection({ nodes: item.actors, edges: ids.filter(function (e) { return edgeView.get(e); }) },
        { unselectAll: true, highlightEdges: false });
      moveView(function () { network.fit({ nodes: item.actors, animation: false }); });
      var list = el("ol", "nv-list");
      ids.forEach(function (tieId) { list.appendChild(tieButton(tieId)); });
      show([el("h2", null, "Contradiction"), el("p", "nv-hint",
        "An odd number of hostile ties around this cycle. Its ties:"), list], "Contradiction");
    }

    network.on("click", function (params) {
      var hit = params.nodes.length ? { node: params.nodes[0] } : hitAt(params.pointer.DOM);
      if (hit !== null && hit.node !== undefined) showActor(hit.node);
      else if (params.edges.length) showTie(params.edges[0]);
      else {
        clear(details);
        Array.prototype.slice.call(hint.cloneNode(true).childNodes).forEach(function (n) { details.appendChild(n); });
        if (drawerTitle) drawerTitle.textContent = "Legend & details";
        openDrawer(false);  // a tap on the empty map puts the drawer away (phones)
      }
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-contradiction]"), function (button) {
      button.addEventListener("click", function () {
        showContradiction(Number(button.getAttribute("data-contradiction")));
      });
    });

    // ---- filter controls -------------------------------------------------------------------------
    var shownNote = document.getElementById("nv-shown");

    function refresh() {
      hideTip();
      edgeView.refresh();
      nodeView.refresh();
      labels.invalidate();
      regionsDrawn.invalidate();
      if (!shownNote) return;
      var tieCount = edgeView.length, actorCount = nodeView.length;
      var total = Object.keys(ties).length, people = Object.keys(actors).length;
      shownNote.textContent = tieCount === total && actorCount === people ? "Showing every tie and actor."
        : "Showing " + number(tieCount) + " of " + plural(total, "tie") + " and " + number(actorCount) + " of " +
          plural(people, "actor") + ".";
    }

    function checkbox(box, checked, text, swatch, onChange) {
      var input = el("input");
      input.type = "checkbox";
      input.checked = checked;
      input.addEventListener("change", function () { onChange(input.checked); refresh(); });
      var labelEl = el("label");
      labelEl.appendChild(input);
      if (swatch) labelEl.appendChild(swatch);
      labelEl.appendChild(document.createTextNode(text));
      box.appendChild(labelEl);
      return input;
    }

    var signBox = document.getElementById("nv-filter-sign");
    if (signBox) {
      [1, -1, 0].forEach(function (s) {
        var style = data.sign_styles[String(s)];
        checkbox(signBox, true, SIGNS[String(s)].label, line(style.color, style.dashes), function (on) { filters.signs[String(s)] = on; });
      });
      var typeBox = document.getElementById("nv-filter-type");
      Object.keys(filters.types).sort().forEach(function (type) {
        checkbox(typeBox, true, type.replace(/_/g, " "), null, function (on) { filters.types[type] = on; });
      });
      var strongest = document.getElementById("nv-strongest");
      if (strongest) {
        strongest.checked = filters.strongest;
        strongest.addEventListener("change", function () { filters.strongest = strongest.checked; refresh(); });
      }
      // the weight slider runs over the quantiles of this map's weights: each step hides about 1% of the ties
      var slider = document.getElementById("nv-min-weight");
      var value = document.getElementById("nv-min-weight-value");
      slider.addEventListener("input", function () {
        var q = Number(slider.value);
        filters.minWeight = q === 0 || !weights.length ? 0 : weights[Math.min(weights.length - 1, Math.floor(q / 100 * weights.length))];
        var hidden = weights.filter(function (w) { return w < filters.minWeight; }).length;
        value.textContent = q === 0 ? "any" : number(filters.minWeight) + " (hides " + plural(hidden, "tie") + ")";
        refresh();
      });
    }

    // ---- search ----------------------------------------------------------------------------------
    var search = document.getElementById("nv-search");
    var byName = {};
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
      fillSearch();
      search.addEventListener("change", function () {
        var id = byName[search.value.trim().toLowerCase()];
        if (id === undefined) return;
        if (nodeView.get(id)) {
          network.selectNodes([id]);
          moveView(function () { network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false }); });
        }
        showActor(id);
      });
    }

    refresh();
    function ready() {
      load();
      document.documentElement.setAttribute("data-netviz-ready", "true");
    }
    network.once("afterDrawing", function () {
      // read by the browser tests and the benchmark: time from navigation to the first full draw
      window.netvizReady = performance.now();
      // then the evidence, once the site's data file (after the page scripts) has run
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { setTimeout(ready, 0); });
      else setTimeout(ready, 0);
    });

    return {
      network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
      showTie: showTie, showActor: showActor, hitAt: hitAt, labels: labels.placed,
      // the vis items as given, before the page restyles them for the zoom (screenFloor)
      graph: graph,
    };
  }

  return {
    start: start, readData: readData, el: el, line: line, changeSwatch: changeSwatch, sentence: sentence,
    httpUrl: httpUrl, evidenceTable: evidenceTable, evidenceSource: evidenceSource, hoverTips: hoverTips,
    unbalanced: unbalanced, labeller: labeller, screenFloor: screenFloor, labelOrder: labelOrder,
    PLATE_RANKS: PLATE_RANKS, keepInView: keepInView,
  };
})();
