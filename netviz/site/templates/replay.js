/* A site's dated map or diff map, rebuilt from the site's history (netviz.site.sitedata).
 *
 * The site writes its history once (data/history.js sets window.netvizHistory: the union graph
 * and, per date, only what changed). A page carries only its own date (`step`), the date before
 * for a diff map (`before`, with the changes of that date) and its colouring, in its
 * `netviz-page` block. This script replays the steps up to the page's date and builds what
 * netviz.site.render.map_data embeds in a self-contained map (vis nodes, edges and options; the
 * actors and ties of the panel; bloc names; the ties shown first; the contradictions), fills the
 * legend, the strongest-ties box and the list of contradictions, and hands it to netviz.start.
 *
 * Text from the data reaches the page through textContent only.
 */
"use strict";
var netvizReplay = (function () {
  var el = netviz.el;

  function fields(names, offset) {
    var out = {};
    names.forEach(function (f, i) { out[f] = i + offset; });
    return out;
  }

  /* The actor and tie rows present on date `upto`, from `state` (moved forward by the steps). */
  function advance(H, state, upto) {
    for (var i = state.at + 1; i <= upto; i++) {
      var step = H.steps[i];
      [["actors", state.actors], ["ties", state.ties]].forEach(function (pair) {
        var part = step[pair[0]], rows = pair[1];
        part.add.forEach(function (row) { rows.set(row[0], row); });
        part.set.forEach(function (row) { rows.set(row[0], row); });
        part.del.forEach(function (key) { rows.delete(key); });
      });
      if (step.blocs) state.names = step.blocs;
    }
    state.at = upto;
    return state;
  }

  function copy(state) {
    return { at: state.at, actors: new Map(state.actors), ties: new Map(state.ties), names: state.names };
  }

  var byId = function (x, y) { return x < y ? -1 : x > y ? 1 : 0; };

  /* netviz.site.render.first_view: the `limit` heaviest ties (of those between two blocs, only the
   * ones that stand out and the `perPair` heaviest of each pair of blocs), and for every actor not
   * yet on one its heaviest tie inside its own bloc (else its heaviest), so that each actor shows
   * its camp. */
  function firstView(ties, limit, bloc, perPair, standout) {
    var ids = Object.keys(ties);
    if (ids.length <= limit) return new Set(ids);
    ids.sort(function (x, y) { return ties[y].weight - ties[x].weight || byId(x, y); });
    var side = function (x) { return bloc[x] === null || bloc[x] === undefined ? "actor " + x : "bloc " + bloc[x]; };
    var heavy = standout * ties[ids[Math.floor(ids.length / 2)]].weight;
    var keep = new Set(), across = {}, covered = new Set(), best = {};
    for (var i = 0; i < ids.length && keep.size < limit; i++) {
      var x = side(ties[ids[i]].a), y = side(ties[ids[i]].b);
      if (x !== y && ties[ids[i]].weight < heavy) {
        var pair = x < y ? x + "|" + y : y + "|" + x;
        if ((across[pair] || 0) >= perPair) continue;
        across[pair] = (across[pair] || 0) + 1;
      }
      keep.add(ids[i]);
    }
    keep.forEach(function (t) { covered.add(ties[t].a); covered.add(ties[t].b); });
    for (var k = 0; k < ids.length; k++) {
      var t = ids[k], a = ties[t].a, b = ties[t].b;
      if (keep.has(t)) continue;
      var inside = bloc[a] !== null && bloc[a] !== undefined && bloc[a] === bloc[b];
      [a, b].forEach(function (x) {
        if (!covered.has(x) && (!(x in best) || (best[x][0] && inside))) best[x] = [!inside, t];
      });
    }
    Object.keys(best).forEach(function (x) { keep.add(best[x][1]); });
    return keep;
  }

  /* What map_data gives for the page's date (a diff map: for both dates, over their union). */
  function mapData(H, after, before, page) {
    var TF = fields(H.fields.tie, 1), AF = fields(H.fields.actor_state, 1), style = H.style;
    var tieRows = new Map(after.ties), actorRows = new Map(after.actors);
    if (before) {  // a diff map draws the union: what dissolved in the state it had
      before.ties.forEach(function (row, t) { if (!tieRows.has(t)) tieRows.set(t, row); });
      before.actors.forEach(function (row, a) { if (!actorRows.has(a)) actorRows.set(a, row); });
    }
    var actors = {}, ties = {}, widths = {}, sizes = {}, at = {};
    actorRows.forEach(function (row, a) {
      var r = H.actors[a];
      actors[r[0]] = { label: r[1], type: r[2], bloc: row[AF.bloc], strength: row[AF.strength] };
      sizes[r[0]] = row[AF.size];
      at[r[0]] = [r[3], r[4]];
    });
    var tieList = [];
    tieRows.forEach(function (row, t) {
      var pair = H.ties[t], a = H.actors[pair[0]][0], b = H.actors[pair[1]][0], id = a + "--" + b;
      var origins = H.origins.filter(function (_, i) { return row[TF.origins] >> i & 1; }).sort();
      ties[id] = {
        a: a, b: b, weight: row[TF.weight], sign: row[TF.sign], polarity: row[TF.polarity],
        cooperation: row[TF.cooperation], conflict: row[TF.conflict], count: row[TF.count], origins: origins,
      };
      widths[id] = row[TF.width];
      tieList.push([pair[0], pair[1], row[TF.sign], row[TF.weight]]);
    });

    // blocs of two or more actors on the page, named as the build named them (else by their strongest)
    var members = {};
    Object.keys(actors).forEach(function (id) {
      var b = actors[id].bloc;
      if (b !== null && b !== undefined) (members[b] = members[b] || []).push(id);
    });
    var blocs = {};
    Object.keys(members).forEach(function (b) {
      if (members[b].length < 2) return;
      var strongest = members[b].map(function (id) { return actors[id]; }).sort(function (x, y) {
        return y.strength - x.strength || byId(x.label, y.label);
      });
      blocs[b] = (after.names || {})[b] || strongest.slice(0, 3).map(function (x) { return x.label; }).join(", ");
    });
    var bloc = {};
    Object.keys(actors).forEach(function (id) {
      var actor = actors[id];
      if (!(String(actor.bloc) in blocs)) actor.bloc = null;  // alone in its bloc: unaligned
      actor.color = page.color_by === "type" ? style.type_colors[actor.type] || style.other_type
        : actor.bloc === null ? style.no_bloc : style.bloc_colors[actor.bloc % style.bloc_colors.length];
      bloc[id] = actor.bloc;
    });

    var nodes = Object.keys(actors).sort(byId).map(function (id) {
      return { id: id, label: actors[id].label, x: at[id][0], y: at[id][1], size: sizes[id], color: actors[id].color };
    });
    var ids = Object.keys(ties).sort(byId);
    var first = firstView(ties, H.limits.first_view, bloc, H.limits.first_view_per_pair, H.limits.first_view_standout);
    var changes = page.changes || null;
    var edges = ids.map(function (id) {
      var tie = ties[id], s = String(tie.sign);
      if (first.has(id)) tie.first = true;
      var edge = { id: id, from: tie.a, to: tie.b, width: widths[id], color: style.sign_colors[s], dashes: style.sign_dashes[s] };
      if (changes) {
        var change = changes[id] || ["unchanged"];
        tie.change = change[0];
        if (change.length > 1) { tie.before = change[1]; tie.after = change[2]; }
        Object.assign(edge, style.change[tie.change]);
      }
      return edge;
    });
    var firstCount = first.size < ids.length ? first.size : null;
    if (changes && firstCount !== null) {  // a large diff map first shows what changed, then the strongest ties
      firstCount = 0;
      ids.forEach(function (id) {
        if (["formed", "flipped", "dissolved"].indexOf(ties[id].change) >= 0) ties[id].first = true;
        if (ties[id].first) firstCount++;
      });
    }

    var options = JSON.parse(JSON.stringify(H.options));
    var large = ids.length >= H.limits.large_map;
    options.interaction.hideEdgesOnDrag = options.interaction.hideEdgesOnZoom = large;

    var found = changes ? { total: 0, list: [] } : netviz.unbalanced(tieList, H.limits.contradictions);
    var symbol = { "1": "+", "-1": "-", "0": "\u00b1" };
    var contradictions = found.list.map(function (item) {
      var members = item[1].map(function (a) { return H.actors[a][0]; });
      var pairs = [[members[0], members[1]], [members[1], members[2]], [members[0], members[2]]];
      return {
        actors: members,
        labels: members.map(function (id) { return actors[id].label; }),
        signs: pairs.map(function (p) { return symbol[String(ties[p[0] + "--" + p[1]].sign)]; }),
        edges: pairs.map(function (p) { return p[0] + "--" + p[1]; }),
      };
    });
    var signStyles = {};
    ["1", "-1", "0"].forEach(function (s) { signStyles[s] = { color: style.sign_colors[s], dashes: style.sign_dashes[s] }; });
    return {
      graph: { nodes: nodes, edges: edges, options: options },
      data: {
        actors: actors, ties: ties, blocs: blocs, first_view: firstCount, sign_styles: signStyles,
        contradictions: contradictions, contradictions_total: found.total,
        step: page.step, before: page.before === undefined ? null : page.before,
      },
    };
  }

  // ---- the parts of the panel a self-contained map has in its HTML (legend.html, contradictions.html)

  function legend(H, built, page) {
    var box = document.getElementById("nv-legend"), data = built.data, style = H.style;
    if (!box) return;
    var list = function (items) {
      var ul = el("ul");
      items.forEach(function (item) {
        var li = el("li");
        li.appendChild(item[0]);
        li.appendChild(document.createTextNode(item[1]));
        ul.appendChild(li);
      });
      return ul;
    };
    var ids = Object.keys(data.ties);
    var count = function (test) { return ids.filter(function (id) { return test(data.ties[id]); }).length; };
    box.appendChild(el("h3", null, "Ties"));
    box.appendChild(list([1, -1, 0].map(function (s) {
      return [netviz.line(style.sign_colors[s], style.sign_dashes[s]),
        style.sign_labels[s] + " (" + count(function (t) { return t.sign === s; }) + ")"];
    })));
    if (page.changes) {
      box.appendChild(el("h3", null, "Changes"));
      box.appendChild(list(style.change_markers.map(function (look) {
        return [netviz.changeSwatch(look[1], look[2] ? style.halo : null),
          look[0] + " (" + count(function (t) { return t.change === look[0]; }) + ")"];
      })));
      box.appendChild(el("p", "nv-note", "A changed tie keeps its sign's colour and dash; the marker at its middle says how it changed."));
    }
    var by = page.color_by === "type" ? "type" : "bloc", groups = new Map();
    Object.keys(data.actors).forEach(function (id) {
      var actor = data.actors[id], g = actor[by];
      if (!groups.has(g)) groups.set(g, { count: 0, color: actor.color });
      groups.get(g).count++;
    });
    var order = Array.from(groups.keys());
    if (by === "bloc") {  // the largest blocs first, unaligned actors last
      order.sort(function (x, y) {
        return (x === null) - (y === null) || groups.get(y).count - groups.get(x).count || (x || 0) - (y || 0);
      });
    } else {
      order.sort(byId);
    }
    var items = order.map(function (g) {
      var text = by === "bloc" ? (g === null ? "unaligned" : data.blocs[String(g)] || "bloc " + g) : String(g).replace(/_/g, " ");
      var dot = el("span", "nv-dot");
      dot.style.background = groups.get(g).color;
      return [dot, text + " (" + groups.get(g).count + ")"];
    });
    box.appendChild(el("h3", null, "Actors by " + by));
    var shown = list(items.slice(0, H.limits.legend_items));
    if (items.length > H.limits.legend_items) shown.appendChild(el("li", null, "\u2026 and " + (items.length - H.limits.legend_items) + " more"));
    box.appendChild(shown);
    var pairs = blocPairs(data).slice(0, H.limits.legend_bloc_pairs);
    if (pairs.length) {
      box.appendChild(el("h3", null, "Between blocs"));
      var between = list(pairs.map(function (p) {
        var s = String(p.sign), name = function (b) { return data.blocs[String(b)] || "bloc " + b; };
        return [netviz.line(style.sign_colors[s], style.sign_dashes[s]), name(p.a) + " \u00b7 " + name(p.b) + ": " +
          p.ties + " tie" + (p.ties === 1 ? "" : "s") + ", conflict " + whole(p.conflict) + ", cooperation " + whole(p.cooperation)];
      }));
      between.className = "nv-between";
      box.appendChild(between);
    }
    box.appendChild(el("p", "nv-note", "Line width: weight of the tie (intensity \u00d7 confidence of its evidence). Dot size: strength of the actor (total weight of its ties)."));
  }

  var WHOLE = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
  function whole(x) { return WHOLE.format(x); }

  /* netviz.site.render.bloc_pairs: what joins each two blocs, summed over their ties, heaviest first. */
  function blocPairs(data) {
    var sums = {};
    Object.keys(data.ties).forEach(function (id) {
      var tie = data.ties[id], x = data.actors[tie.a].bloc, y = data.actors[tie.b].bloc;
      if (x === null || y === null || x === y) return;
      var key = Math.min(x, y) + " " + Math.max(x, y);
      var sum = sums[key] = sums[key] || { a: Math.min(x, y), b: Math.max(x, y), cooperation: 0, conflict: 0, ties: 0 };
      sum.cooperation += tie.cooperation;
      sum.conflict += tie.conflict;
      sum.ties++;
    });
    return Object.keys(sums).map(function (key) {
      var p = sums[key];
      p.sign = p.cooperation >= 2 * p.conflict ? 1 : p.conflict >= 2 * p.cooperation ? -1 : 0;
      return p;
    }).sort(function (p, q) {
      return (q.cooperation + q.conflict) - (p.cooperation + p.conflict) || p.a - q.a || p.b - q.b;
    });
  }

  function strongestBox(data) {
    var filters = document.getElementById("nv-filters");
    if (!filters || data.first_view === null) return;
    var label = el("label", "nv-strongest");
    var input = el("input");
    input.id = "nv-strongest";
    input.type = "checkbox";
    input.checked = true;
    label.appendChild(input);
    label.appendChild(document.createTextNode(" only the " + data.first_view +
      " strongest ties (the heaviest, and each actor's heaviest inside its bloc)"));
    filters.insertBefore(label, filters.querySelector("h3").nextSibling);
  }

  function contradictionList(data) {
    var panel = document.getElementById("nv-panel");
    if (!panel || !data.contradictions.length) return;
    var section = el("section", "nv-contradictions");
    section.id = "nv-contradictions";
    var total = data.contradictions_total, listed = data.contradictions.length;
    section.appendChild(el("h3", null, "Contradictions (" + total.toLocaleString("en") +
      (total > listed ? ": the " + listed + " strongest" : "") + ")"));
    section.appendChild(el("p", "nv-note", "Cycles with an odd number of hostile ties: a friend of a friend who is an enemy, or an enemy of an enemy who is an enemy too."));
    var ol = el("ol", "nv-list");
    var look = { "+": ["nv-sign-pos", "+"], "-": ["nv-sign-neg", "\u2212"], "\u00b1": ["nv-sign-mix", "\u00b1"] };
    data.contradictions.forEach(function (c, i) {
      var button = el("button", "nv-cycle");
      button.type = "button";
      button.setAttribute("data-contradiction", String(i));
      c.labels.forEach(function (label, k) {
        button.appendChild(document.createTextNode(label + " "));
        button.appendChild(el("span", look[c.signs[k]][0], look[c.signs[k]][1]));
        button.appendChild(document.createTextNode(" "));
      });
      button.appendChild(document.createTextNode(c.labels[0]));
      var li = el("li");
      li.appendChild(button);
      ol.appendChild(li);
    });
    section.appendChild(ol);
    panel.appendChild(section);
  }

  /* The page's map: rebuilt from the history, its panel filled, then drawn by netviz.start. */
  function start(H, page) {
    var state = advance(H, { at: -1, actors: new Map(), ties: new Map(), names: {} },
      page.before === null || page.before === undefined ? page.step : page.before);
    var before = null;
    if (page.before !== null && page.before !== undefined) {
      before = copy(state);
      advance(H, state, page.step);
    }
    var built = mapData(H, state, before, page);
    legend(H, built, page);
    strongestBox(built.data);
    contradictionList(built.data);
    var map = netviz.start(built.graph, built.data);
    map.data = built.data;  // what the page rebuilt, for tests
    return map;
  }

  return { start: start, mapData: mapData, firstView: firstView, advance: advance };
})();
