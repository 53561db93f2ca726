/* netviz timeline: replays the per-date steps of the page data into vis-network DataSets.
 *
 * The page data (netviz.timeline.timeline_data) holds the union graph once and,
 * per date, what changed since the date before. Moving to a date applies those
 * steps (or undoes them, going back) and updates only the actors and ties they
 * touch, so every actor keeps its place and the view does not jump.
 *
 * Every text from the data goes into the page through textContent or
 * createTextNode (netviz.js helpers included), never innerHTML.
 */
"use strict";
// On a site page the evidence table (data/evidence.js) runs after this script: start once the page is parsed.
document.addEventListener("DOMContentLoaded", function () {
  const missing = document.getElementById("nv-missing");
  if (missing) missing.remove();
  // a site's timeline carries only its title: the history is the site's data/history.js
  const DATA = Object.assign({}, window.netvizHistory || {}, netviz.readData("timeline-data"));
  // the evidence table: the site's data file (window.netvizEvidence), or embedded in a page of its own
  // (a large site's table is shards, each read when a tie of its range is first opened)
  const evidenceOf = netviz.evidenceSource(DATA.evidence || window.netvizEvidence);
  const STYLE = DATA.style;
  const record = (fields) => (row) => Object.fromEntries(fields.map((f, i) => [f, row[i]]));
  const actors = DATA.actors.map(record(DATA.fields.actor));
  const ties = DATA.ties.map(([u, v]) => ({ u, v }));
  const steps = DATA.steps;
  const dates = DATA.dates;
  const tieFields = DATA.fields.tie;
  const actorFields = DATA.fields.actor_state;
  const IMPORTED = ["gdelt", "icews"];
  const CONTRADICTIONS_LISTED = 1000; // the strongest a date lists (a dense date has millions)
  const LIST_PAGE = 40; // rows drawn before a "show more" button, so a busy date stays quick

  const actorTies = actors.map(() => []);
  const tieOf = new Map(); // "u,v" (u < v) -> tie index
  ties.forEach((t, i) => { actorTies[t.u].push(i); actorTies[t.v].push(i); tieOf.set(t.u + "," + t.v, i); });
  const tieBetween = (x, y) => tieOf.get(Math.min(x, y) + "," + Math.max(x, y));

  // ---- state on the current date, rebuilt by replaying steps ------------------
  let current = -1;
  const actorState = new Map(); // actor index -> {bloc, strength, size}
  const tieState = new Map(); // tie index -> {weight, ..., width}
  const undo = []; // undo[i]: what step i replaced, to go back from date i to date i - 1

  function forward(i, touchedActors, touchedTies) {
    const step = steps[i];
    const u = { actors: new Map(), ties: new Map() };
    const keep = (map, state, key) => { if (!map.has(key)) map.set(key, state.get(key)); };
    for (const row of step.actors.add.concat(step.actors.set)) {
      keep(u.actors, actorState, row[0]);
      actorState.set(row[0], record(actorFields)(row.slice(1)));
      touchedActors.add(row[0]);
    }
    for (const a of step.actors.del) { keep(u.actors, actorState, a); actorState.delete(a); touchedActors.add(a); }
    const n = tieFields.length;
    const tie = (row) => record(tieFields)(row.slice(1, n + 1));
    for (const row of step.ties.add.concat(step.ties.set)) {
      keep(u.ties, tieState, row[0]);
      tieState.set(row[0], tie(row));
      touchedTies.add(row[0]);
    }
    for (const t of step.ties.del) { keep(u.ties, tieState, t); tieState.delete(t); touchedTies.add(t); }
    undo[i] = u;
  }

  function backward(i, touchedActors, touchedTies) {
    const u = undo[i];
    for (const [a, old] of u.actors) { old ? actorState.set(a, old) : actorState.delete(a); touchedActors.add(a); }
    for (const [t, old] of u.ties) { old ? tieState.set(t, old) : tieState.delete(t); touchedTies.add(t); }
  }

  // ---- looks (palette and encodings from netviz.render) ------------------------
  const signName = (s) => STYLE.sign_labels[s];
  const signSymbol = (s) => (s > 0 ? "+" : s < 0 ? "\u2212" : "\u00b1");
  const signColour = (s) => STYLE.sign_colors[s];
  const blocColour = (b) => (b === null ? STYLE.no_bloc : STYLE.bloc_colors[b % STYLE.bloc_colors.length]);
  // bloc names change rarely: a step carries them only when they do
  const blocNames = steps.map(() => null);
  steps.forEach((step, i) => { blocNames[i] = step.blocs || (i ? blocNames[i - 1] : {}); });
  const blocName = (b) => (b === null || b === undefined ? "unaligned" : (blocNames[current] || {})[b] || "bloc " + b);
  const NUMBER = new Intl.NumberFormat("en", { maximumFractionDigits: 2 }); // one formatter: building one per call is slow
  const fmt = (x) => NUMBER.format(x);
  const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");
  const tieName = (t) => actors[ties[t].u].label + " \u2014 " + actors[ties[t].v].label;
  const tieLabel = (t) => actors[ties[t].u].label + " \u2014 " + actors[ties[t].v].label;
  const INK = "#1f2933";
  const dashesOf = (s) => STYLE.sign_dashes[s] || false;
  const line = (colour, dashes) => netviz.line(colour, dashes || null);
  const tieKey = (t) => { const a = actors[ties[t].u].id, b = actors[ties[t].v].id; return a <= b ? a + "--" + b : b + "--" + a; };

  function nodeItem(a, st, appeared) {
    const actor = actors[a];
    const colour = blocColour(st.bloc);
    return {
      id: actor.id, actor: a, type: actor.type, ghost: false, x: actor.x, y: actor.y, bloc: st.bloc, strength: st.strength,
      size: dots.node(actor.id, st.size), borderWidth: appeared ? 4 : 1,
      color: { background: colour, border: appeared ? STYLE.halo : "#33415c",
               highlight: { background: colour, border: INK }, hover: { background: colour, border: INK } },
      shapeProperties: { borderDashes: false }, font: { color: INK },
      tip: actor.label + " (" + actor.id + ")\n" + actor.type.replace(/_/g, " ") + " \u00b7 " + blocName(st.bloc) +
             " \u00b7 strength " + fmt(st.strength) + (appeared ? "\nnew on this date" : ""),
    };
  }

  // an actor with no tie left since the previous date: drawn hollow, so the dissolved ties have an end
  function ghostNodeItem(a, old) {
    const actor = actors[a];
    const grey = STYLE.no_bloc;
    return {
      id: actor.id, actor: a, type: actor.type, ghost: true, x: actor.x, y: actor.y, bloc: null, strength: -1,
      size: dots.node(actor.id, old.size), borderWidth: 2,
      color: { background: "#eef0f3", border: grey, highlight: { background: "#eef0f3", border: INK },
               hover: { background: "#eef0f3", border: INK } },
      shapeProperties: { borderDashes: [4, 4] }, font: { color: grey },
      tip: actor.label + " (" + actor.id + ")\nno ties since " + dates[current - 1],
    };
  }

  // every style field is set on every update: vis-network keeps an item's old options otherwise
  // sign is colour and dash, as on the maps; a change since the previous date is a marker and a
  // halo on top (netviz.site.diffmap.change_style), never a colour of its own
  const NO_CHANGE = { arrows: { middle: { enabled: false } }, shadow: { enabled: false } };
  function edgeItem(t, st, change) {
    const colour = signColour(st.sign);
    return dots.edge(Object.assign({
      id: "t" + t, tie: t, ghost: false, from: actors[ties[t].u].id, to: actors[ties[t].v].id,
      sign: st.sign, weight: st.weight, origins: st.origins,
      width: st.width, dashes: dashesOf(st.sign),
      color: { color: colour, highlight: colour, hover: colour, opacity: 1 },
      tip: tieLabel(t) + "\n" + (change ? change + " \u00b7 " : "") + signName(st.sign) + " \u00b7 weight " + fmt(st.weight) +
             " \u00b7 " + plural(st.count, "relation"),
    }, NO_CHANGE, change ? STYLE.change[change] : {}));
  }

  function ghostItem(t, old) {
    const colour = signColour(old.sign);
    return dots.edge(Object.assign({
      id: "gone" + t, tie: t, ghost: true, from: actors[ties[t].u].id, to: actors[ties[t].v].id,
      sign: old.sign, weight: old.weight, origins: old.origins,
      width: 2, dashes: dashesOf(old.sign),
      color: { color: colour, highlight: colour, hover: colour, opacity: 1 },
      tip: tieLabel(t) + "\ndissolved since " + dates[current - 1] + " (was " + signName(old.sign) + ")",
    }, NO_CHANGE, STYLE.change.dissolved));
  }

  // ---- the network and its filters -----------------------------------------------
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const filters = { signs: new Set([1, -1, 0]), minWeight: 0, origins: new Set(DATA.origins), types: new Set() };
  const showChanges = () => document.getElementById("show-changes").checked;
  let visibleActors = new Set();
  const tiesFiltered = () =>
    filters.signs.size < 3 || filters.minWeight > 0 || filters.origins.size < DATA.origins.length;
  const edgePasses = (e) =>
    filters.signs.has(e.sign) && e.weight >= filters.minWeight &&
    DATA.origins.some((o, i) => (e.origins & (1 << i)) && filters.origins.has(o));
  const edgeView = new vis.DataView(edges, {
    filter: (e) => (!e.ghost || showChanges()) && edgePasses(e) && visibleActors.has(e.from) && visibleActors.has(e.to),
  });
  const nodeView = new vis.DataView(nodes, { filter: (n) => visibleActors.has(n.id) });
  const container = document.getElementById("nv-network");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, DATA.options);
  // the page draws the labels (netviz.js): readable at every zoom, strongest first, where they cover nothing
  const dots = netviz.screenFloor(network, nodes, edges);
  const labels = netviz.labeller(network, container, {
    items: () => {
      const shown = nodeView.get();
      const byId = new Map(shown.map((n) => [n.id, n]));
      return netviz.labelOrder(shown).map((r, rank) => {
        const n = byId.get(r.id);
        return { id: r.id, text: actors[n.actor].label, bold: r.core, plate: rank < netviz.PLATE_RANKS && !n.ghost, muted: n.ghost };
      });
    },
    ties: () => edgeView.get({ fields: ["from", "to", "width"] }),
    size: dots.size,
    stamp: dots.stamp,
  });
  // short tooltips (the panel holds the evidence), naming what a click there would pick (netviz.js)
  const tips = netviz.hoverTips(network, container, (hit) => {
    const item = hit.node !== undefined ? nodes.get(hit.node) : edges.get(hit.edge);
    return item ? item.tip : null;
  }, labels.at);

  function refreshFilters() {
    const typed = new Set(nodes.getIds({ filter: (n) => filters.types.has(n.type) && (!n.ghost || showChanges()) }));
    visibleActors = typed;
    if (tiesFiltered()) {
      // with a tie filter on, an actor left without a shown tie is hidden too
      visibleActors = new Set();
      for (const e of edges.get()) {
        if ((!e.ghost || showChanges()) && edgePasses(e) && typed.has(e.from) && typed.has(e.to)) {
          visibleActors.add(e.from);
          visibleActors.add(e.to);
        }
      }
    }
    nodeView.refresh();
    edgeView.refresh();
    labels.invalidate();
    renderCounts();
  }

  // ---- moving through time ---------------------------------------------------------
  let highlighted = new Set(); // "t<tie>" and "a<actor>" drawn as changes on the current date

  function goTo(j) {
    j = Math.max(0, Math.min(dates.length - 1, j));
    if (j === current) return;
    const touchedActors = new Set();
    const touchedTies = new Set();
    while (current < j) forward(++current, touchedActors, touchedTies);
    while (current > j) backward(current--, touchedActors, touchedTies);
    sync(touchedActors, touchedTies);
    renderDate();
  }

  function sync(touchedActors, touchedTies) {
    const changes = steps[current].changes;
    const changeOf = new Map();
    for (const [t] of changes.formed) changeOf.set(t, "formed");
    for (const [t] of changes.flipped) changeOf.set(t, "flipped");
    const appeared = new Set(changes.appeared);
    const disappeared = new Set(changes.disappeared);
    // restyle what was highlighted on the date shown before, and what is highlighted now
    for (const id of highlighted) (id[0] === "t" ? touchedTies : touchedActors).add(Number(id.slice(1)));
    for (const t of changeOf.keys()) touchedTies.add(t);
    for (const a of [...appeared, ...disappeared]) touchedActors.add(a);

    const nodeUpdates = [];
    const nodeRemovals = [];
    for (const a of touchedActors) {
      const st = actorState.get(a);
      if (st) nodeUpdates.push(nodeItem(a, st, appeared.has(a)));
      else if (disappeared.has(a)) nodeUpdates.push(ghostNodeItem(a, undo[current].actors.get(a)));
      else nodeRemovals.push(actors[a].id);
    }
    const edgeUpdates = [];
    const edgeRemovals = edges.getIds({ filter: (e) => e.ghost });
    for (const t of touchedTies) {
      const st = tieState.get(t);
      if (st) edgeUpdates.push(edgeItem(t, st, changeOf.get(t)));
      else edgeRemovals.push("t" + t);
    }
    for (const [t] of changes.dissolved) edgeUpdates.push(ghostItem(t, undo[current].ties.get(t)));
    nodes.remove(nodeRemovals.filter((id) => nodes.get(id)));
    nodes.update(nodeUpdates);
    edges.remove(edgeRemovals.filter((id) => edges.get(id)));
    edges.update(edgeUpdates);
    highlighted = new Set([...changeOf.keys()].map((t) => "t" + t)
      .concat([...appeared, ...disappeared].map((a) => "a" + a)));
    refreshFilters();
  }

  // ---- panels ----------------------------------------------------------------------
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "text") node.textContent = v;
      else if (k === "style") for (const [name, value] of Object.entries(v)) node.style.setProperty(name, value);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };
  const clear = (id) => { const node = document.getElementById(id); node.replaceChildren(); return node; };
  const dot = (colour) => el("span", { class: "nv-dot", style: { background: colour } });

  function renderCounts() {
    let text = plural(actorState.size, "actor") + " \u00b7 " + plural(tieState.size, "tie");
    const shownTies = edgeView.getIds({ filter: (e) => !e.ghost }).length;
    const shownActors = nodeView.getIds({ filter: (n) => !n.ghost }).length;
    if (shownTies !== tieState.size || shownActors !== actorState.size) {
      text += " (filters show " + shownActors + " of the actors and " + shownTies + " of the ties)";
    }
    const articlesToday = steps[current].articles;
    if (articlesToday) text += " \u00b7 " + plural(articlesToday, "article") + " on this date";
    document.getElementById("counts").textContent = text;
  }

  function renderDate() {
    const date = dates[current];
    document.getElementById("date-heading").textContent = date;
    document.title = date + " \u2014 " + DATA.title;
    document.getElementById("position").textContent = (current + 1) + " / " + dates.length;
    document.getElementById("slider").value = String(offsets[current]);
    document.getElementById("prev").disabled = current === 0;
    document.getElementById("next").disabled = current === dates.length - 1;
    document.querySelectorAll("#activity span").forEach((bar, i) => bar.classList.toggle("tl-current", i === current));
    try {
      history.replaceState(null, "", "#" + date);
    } catch (err) {
      // a browser may refuse history changes on a file:// page; the date then stays out of the address
    }
    renderCounts();
    renderLegend();
    renderChanges();
    renderContradictions();
    renderSelection();
  }

  function listWithMore(items, makeRow, className = "nv-list", page = LIST_PAGE) {
    const list = el("ul", { class: className });
    const more = el("button", { class: "tl-more", type: "button" });
    let shown = 0;
    const fill = () => {
      const end = Math.min(items.length, shown + (shown ? LIST_PAGE : page));
      for (; shown < end; shown++) list.append(el("li", null, makeRow(items[shown])));
      more.textContent = "Show " + Math.min(LIST_PAGE, items.length - shown) + " more of " + (items.length - shown);
      if (shown >= items.length) more.remove();
    };
    more.addEventListener("click", fill);
    const wrap = el("div", null, list, more);
    fill();
    return wrap;
  }

  function renderChanges() {
    const heading = document.getElementById("changes-heading");
    const box = clear("changes");
    if (current === 0) {
      heading.textContent = "Changes";
      box.append(el("p", { class: "nv-hint", text: "The first date: every tie shown is new." }));
      return;
    }
    heading.textContent = "Changes since " + dates[current - 1];
    const c = steps[current].changes;
    const rows = [];
    for (const [t, s] of c.formed) rows.push(["formed", t, tieName(t) + " " + signSymbol(s)]);
    for (const [t, a, b] of c.flipped) rows.push(["flipped", t, tieName(t) + " " + signSymbol(a) + " to " + signSymbol(b)]);
    for (const [t, s, why] of c.dissolved) rows.push(["dissolved", t, tieName(t) + " " + signSymbol(s), why]);
    for (const [t, a, b] of c.strengthened) rows.push(["stronger", t, tieName(t) + " " + fmt(a) + " to " + fmt(b)]);
    for (const [t, a, b] of c.weakened) rows.push(["weaker", t, tieName(t) + " " + fmt(a) + " to " + fmt(b)]);
    for (const a of c.appeared) rows.push(["new actor", -1 - a, actors[a].label]);
    for (const a of c.disappeared) rows.push(["no ties", -1 - a, actors[a].label]);
    if (!rows.length) {
      box.append(el("p", { class: "nv-hint", text: "No change since the previous date." }));
      return;
    }
    // ties are numbered from 0, actors stored as -1 - index
    box.append(listWithMore(rows, ([kind, x, text, why]) => el("button", {
      class: "tl-change", type: "button", "data-kind": kind,
      onclick: () => (x < 0 ? selectActor(-1 - x, "reveal") : selectTie(x, true)),
    }, el("span", { class: "tl-kind", text: kind }), el("span", { class: "nv-grow", text }, why ? el("small", { class: "tl-why", text: why }) : null))));
  }

  // the odd ties against the others, as netviz.analysis.describe_triangle words it
  function describeTriangle(tri) {
    const pairs = [[tri[0], tri[1]], [tri[0], tri[2]], [tri[1], tri[2]]].map(([x, y]) => {
      const t = tieBetween(x, y);
      return { sign: tieState.get(t).sign, text: actors[x].label + " \u2014 " + actors[y].label + " " + signSymbol(tieState.get(t).sign) };
    });
    const hostile = pairs.filter((p) => p.sign < 0);
    if (hostile.length === 3) return pairs.map((p) => p.text).join(", ") + " (three mutual adversaries)";
    return hostile.map((p) => p.text).join(", ") + " against " + pairs.filter((p) => p.sign > 0).map((p) => p.text).join(", ");
  }

  function renderContradictions() {
    const box = clear("contradictions");
    // found on this date's ties, strongest first as netviz.analysis orders them (actor indices follow the ids)
    const found = netviz.unbalanced([...tieState].map(([t, st]) => [ties[t].u, ties[t].v, st.sign, st.weight]), CONTRADICTIONS_LISTED);
    const list = found.list;
    document.getElementById("contradictions-heading").textContent = "Contradictions (" + found.total +
      (found.total > list.length ? ": the " + list.length + " strongest" : "") + ")";
    if (!list.length) {
      box.append(el("p", { class: "nv-hint", text: "No unbalanced triangle on this date." }));
      return;
    }
    box.append(el("p", { class: "nv-hint", text: "Triangles with an odd number of hostile ties: a friend of a friend who is an enemy, or three mutual enemies." }));
    box.append(listWithMore(list, ([weight, tri]) => el("button", { type: "button", onclick: () => selectTriangle(tri) },
      el("span", { class: "nv-grow", text: describeTriangle(tri) }), el("span", { class: "nv-num", text: fmt(weight) }))));
  }

  function renderLegend() {
    const box = clear("legend");
    const row = (swatch, text) => box.append(el("li", null, swatch, el("span", { text })));
    for (const s of [1, -1, 0]) row(line(signColour(s), dashesOf(s)), signName(s));
    for (const kind of ["formed", "flipped", "dissolved"]) {
      row(netviz.changeSwatch(STYLE.change[kind].arrows.middle.type, STYLE.halo), kind + " since the previous date");
    }
    // the blocs of this date, each named by its strongest members
    const members = new Map();
    for (const [a, st] of actorState) {
      if (!members.has(st.bloc)) members.set(st.bloc, []);
      members.get(st.bloc).push([st.strength, a]);
    }
    // the largest blocs first, unaligned actors last
    const order = [...members.keys()].sort((x, y) => (x === null) - (y === null) || members.get(y).length - members.get(x).length || x - y);
    for (const b of order) row(dot(blocColour(b)), blocName(b) + " (" + members.get(b).length + ")");
    box.append(el("li", { class: "nv-note", text: "Line width: weight of the tie. Dot size: strength of the actor. Blocs keep their colour from date to date." }));
  }

  // ---- selection: a tie's evidence, an actor's ties ------------------------------------
  let selected = null; // {tie: index} or {actor: index}

  function renderSelection() {
    const box = clear("selection");
    if (selected && "tie" in selected) return renderTie(box, selected.tie);
    if (selected && "actor" in selected) return renderActor(box, selected.actor);
    box.append(el("h3", { text: "Details" }),
      el("p", { class: "nv-hint", text: "Click a tie to read the evidence behind it, or an actor to list its ties on this date." }));
  }

  function renderTie(box, t) {
    let st = tieState.get(t);
    let note = null;
    let on = current; // the date whose evidence the panel lists
    if (!st) {
      const gone = steps[current].changes.dissolved.find(([x]) => x === t);
      if (!gone) {
        box.append(el("h2", { text: tieLabel(t) }),
          el("p", { class: "nv-hint", text: "No tie between them on " + dates[current] + "." }));
        return;
      }
      st = undo[current].ties.get(t);
      on = current - 1;
      note = "Dissolved since " + dates[current - 1] + (gone[2] ? " (" + gone[2] + ")" : "") + "; the evidence it had then:";
    }
    const count = el("span", { text: plural(st.count, "relation") });
    box.append(el("h2", null, line(signColour(st.sign), dashesOf(st.sign)), " " + tieLabel(t)));
    box.append(el("p", { class: "nv-sub" },
      el("span", { class: "tl-badge", style: { background: signColour(st.sign) }, text: signName(st.sign) }),
      " weight " + fmt(st.weight) + " (cooperation " + fmt(st.cooperation) + ", conflict " + fmt(st.conflict) +
      ") \u00b7 ", count));
    if (note) box.append(el("p", { class: "nv-hint", text: note }));
    box.append(el("h3", { text: "Evidence, strongest first" }));
    const list = el("div", null, el("p", { class: "nv-hint", text: "Reading the evidence\u2026" }));
    box.append(list);
    evidenceOf.get(tieKey(t), (table) => {  // at once, or once the tie's shard of a large site has loaded
      list.replaceChildren();
      if (!table) {
        list.append(el("p", { class: "nv-error", text: "The evidence is in data/ beside the site's pages, and it could not be read." }));
        return;
      }
      const evidence = table.on(tieKey(t), on);
      count.textContent = plural(evidence.length, "relation");
      list.append(listWithMore(evidence, (r) => renderEvidence(table.relation(r), r), "nv-evidence", 5));
    });
  }

  function renderEvidence(rel, r) {
    const origin = rel.origin;
    const item = el("div", { "data-relation": String(r) });
    item.append(el("p", { class: "nv-meta" },
      el("span", { class: rel.sign > 0 ? "nv-sign-pos" : "nv-sign-neg", text: signSymbol(rel.sign) + " " }),
      [rel.date, actors[rel.a].label + " \u2192 " + actors[rel.b].label, rel.kind.replace(/_/g, " "),
       "intensity " + fmt(rel.intensity), "confidence " + fmt(rel.confidence), origin].join(" \u00b7 ")));
    if (origin === "extracted") {
      item.append(el("p", { class: "nv-meta", text: "cue \u201c" + rel.cue + "\u201d" + (rel.rule ? " \u00b7 rule " + rel.rule : "") }));
    } else if (origin === "curated") {
      item.append(el("p", { class: "nv-meta", text: "Citation \u00b7 valid " + (rel.valid_from || "\u2026") + " to " + (rel.valid_to || "now") }));
    } else {
      item.append(el("p", { class: "nv-meta", text: "Event " + rel.cue + " (" + origin + ")" }));
    }
    item.append(netviz.sentence(rel));
    if (rel.article || rel.title || rel.outlet || rel.url) {
      const url = netviz.httpUrl(rel.url);
      const name = rel.title || rel.article || rel.outlet || url;
      const title = url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer", text: name }) : el("span", { text: name });
      item.append(el("p", { class: "nv-source" }, title, rel.outlet && rel.outlet !== name ? " \u2014 " + rel.outlet : null));
    }
    return item;
  }

  function renderActor(box, a) {
    const actor = actors[a];
    const st = actorState.get(a);
    box.append(el("h2", null, dot(st ? blocColour(st.bloc) : STYLE.no_bloc), " " + actor.label + " (" + actor.id + ")"));
    if (actor.aliases.length) box.append(el("p", { class: "tl-aliases", text: "also: " + actor.aliases.join(", ") }));
    if (!st) {
      box.append(el("p", { class: "nv-hint", text: actor.type.replace(/_/g, " ") + " \u00b7 no ties on " + dates[current] + "." }));
      return;
    }
    box.append(el("p", { class: "nv-sub", text: actor.type.replace(/_/g, " ") + " \u00b7 " + blocName(st.bloc) + " \u00b7 strength " + fmt(st.strength) }));
    const mine = actorTies[a].filter((t) => tieState.has(t))
      .sort((x, y) => tieState.get(y).weight - tieState.get(x).weight || x - y);
    box.append(el("h3", { text: "Ties on " + dates[current] + ", strongest first (" + mine.length + ")" }));
    box.append(listWithMore(mine, (t) => {
      const other = ties[t].u === a ? ties[t].v : ties[t].u;
      const tst = tieState.get(t);
      return el("button", { type: "button", onclick: () => selectTie(t, true) },
        line(signColour(tst.sign), dashesOf(tst.sign)),
        el("span", { class: "nv-grow", text: actors[other].label + " (" + actors[other].id + ")" }),
        el("span", { class: "nv-num", text: signName(tst.sign) + " \u00b7 " + fmt(tst.weight) }));
    }));
  }

  function reveal(ids) {
    // pan (and zoom out if need be) only when part of what was picked is off screen
    const points = Object.values(network.getPositions(ids));
    const margin = 40;
    const width = container.clientWidth;
    const height = container.clientHeight;
    const onScreen = points.every((p) => {
      const d = network.canvasToDOM(p);
      return d.x > margin && d.y > margin && d.x < width - margin && d.y < height - margin;
    });
    if (!points.length || onScreen) return;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    const span = Math.max((Math.max(...xs) - Math.min(...xs)) / Math.max(1, width - 3 * margin),
                          (Math.max(...ys) - Math.min(...ys)) / Math.max(1, height - 3 * margin));
    tips.hide();
    network.moveTo({
      position: { x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2 },
      scale: span > 0 ? Math.min(network.getScale(), 1 / span) : network.getScale(),
      animation: { duration: 300 },
    });
  }

  function selectTie(t, focus) {
    selected = { tie: t };
    const id = tieState.has(t) ? "t" + t : "gone" + t;
    if (edgeView.get(id)) {
      network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
      if (focus) reveal([actors[ties[t].u].id, actors[ties[t].v].id]);
    } else {
      network.unselectAll();
    }
    renderSelection();
  }

  function selectActor(a, focus) {
    // focus: "centre" puts the actor in the middle (search), "reveal" only brings it on screen
    selected = { actor: a };
    const id = actors[a].id;
    if (nodeView.get(id)) {
      network.selectNodes([id]);
      tips.hide();
      if (focus === "centre") network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
      else if (focus === "reveal") reveal([id]);
    } else {
      network.unselectAll();
    }
    renderSelection();
  }

  function selectTriangle(tri) {
    const ids = [[0, 1], [0, 2], [1, 2]].map(([p, q]) => "t" + tieBetween(tri[p], tri[q])).filter((id) => edgeView.get(id));
    network.setSelection({ nodes: [], edges: ids }, { unselectAll: true, highlightEdges: false });
    reveal(tri.map((a) => actors[a].id));
  }

  // on a phone the side columns are drawers (timeline.css): one open at a time
  function drawer(side) {
    for (const s of ["left", "right"]) {
      document.body.classList.toggle("tl-show-" + s, s === side);
      document.getElementById("show-" + s).setAttribute("aria-expanded", String(s === side));
    }
  }
  for (const s of ["left", "right"]) {
    document.getElementById("show-" + s).addEventListener("click", () =>
      drawer(document.body.classList.contains("tl-show-" + s) ? null : s));
  }

  network.on("click", (params) => {
    const node = params.nodes.length ? params.nodes[0] : labels.at(params.pointer.DOM);
    if (node !== undefined) selectActor(nodes.get(node).actor, null);
    else if (params.edges.length) selectTie(edges.get(params.edges[0]).tie, false);
    else { selected = null; renderSelection(); drawer(null); return; }
    drawer("right");
    // on a phone the details drawer covers the lower half: keep what was tapped in view above it
    const side = document.getElementById("tl-right");
    if (getComputedStyle(side).position === "absolute") {
      const ends = node !== undefined ? [node] : network.getConnectedNodes(params.edges[0]);
      const pos = network.getPositions(ends);
      const point = { x: 0, y: 0 };
      for (const id of ends) { point.x += pos[id].x / ends.length; point.y += pos[id].y / ends.length; }
      netviz.keepInView(network, container, side.offsetHeight, point, tips.hide);
    }
  });

  // ---- search --------------------------------------------------------------------------
  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const names = []; // [folded name, actor index, name]: label, id, then aliases
  actors.forEach((actor, a) => {
    for (const name of [actor.label, actor.id, ...actor.aliases]) names.push([fold(name), a, name]);
  });
  const datalist = document.getElementById("actor-names");
  for (const [, a, name] of names) {
    const option = el("option");
    option.value = name;
    if (name !== actors[a].label) option.label = actors[a].label + " (" + actors[a].id + ")";
    datalist.append(option);
  }

  function findActor(query) {
    // exact name first, then the start of a name, then anywhere in one
    const q = fold(query);
    const hit = names.find(([n]) => n === q) || names.find(([n]) => n.startsWith(q)) || names.find(([n]) => n.includes(q));
    return hit ? hit[1] : null;
  }

  function nearestDateWith(a) {
    // the closest date on which the actor has ties, read from the steps without replaying them
    let present = false;
    let best = null;
    steps.forEach((step, i) => {
      if (step.actors.add.some(([x]) => x === a)) present = true;
      if (step.actors.del.includes(a)) present = false;
      if (present && (best === null || Math.abs(i - current) < Math.abs(best - current))) best = i;
    });
    return best;
  }

  function search() {
    const box = clear("search-result");
    const query = document.getElementById("search").value;
    if (!fold(query)) return;
    const a = findActor(query);
    if (a === null) {
      box.append(el("span", { class: "nv-hint", text: "No actor matches \u201c" + query + "\u201d." }));
      return;
    }
    selectActor(a, "centre");
    if (!actorState.has(a)) {
      const near = nearestDateWith(a);
      box.append(el("div", { class: "nv-hint", text: actors[a].label + " has no ties on " + dates[current] + "." }));
      if (near !== null) {
        box.append(el("button", { class: "tl-more", type: "button", text: "Go to " + dates[near],
          onclick: () => { goTo(near); selectActor(a, "centre"); clear("search-result"); } }));
      }
    } else if (!nodeView.get(actors[a].id)) {
      box.append(el("div", { class: "nv-hint", text: actors[a].label + " is hidden by the filters." }));
    }
  }

  const searchBox = document.getElementById("search");
  searchBox.addEventListener("change", search);
  searchBox.addEventListener("keydown", (e) => { if (e.key === "Enter") search(); });

  // ---- filters ---------------------------------------------------------------------------
  function checkbox(fieldsetId, value, text, onChange) {
    const input = el("input", { type: "checkbox", value: String(value) });
    input.checked = true;
    input.addEventListener("change", () => { onChange(input.checked); refreshFilters(); });
    document.getElementById(fieldsetId).append(el("label", null, input, text));
  }
  const toggle = (set, values) => (on) => values.forEach((v) => (on ? set.add(v) : set.delete(v)));
  for (const s of [1, -1, 0]) checkbox("filter-sign", s, signName(s), toggle(filters.signs, [s]));
  for (const o of DATA.origins.filter((x) => !IMPORTED.includes(x))) checkbox("filter-origin", o, o, toggle(filters.origins, [o]));
  // event data (GDELT, ICEWS) is one choice: imported
  checkbox("filter-origin", "imported", "imported (GDELT, ICEWS)", toggle(filters.origins, IMPORTED));
  for (const type of [...new Set(actors.map((x) => x.type))].sort()) {
    filters.types.add(type);
    checkbox("filter-type", type, type.replace(/_/g, " "), toggle(filters.types, [type]));
  }
  // the weight slider runs over the quantiles of every weight a tie has on some date: most ties
  // are light and a few heavy, so a linear scale would spend its whole travel on the few
  const minWeight = document.getElementById("min-weight");
  const wi = tieFields.indexOf("weight") + 1;
  const weights = steps.flatMap((step) => step.ties.add.concat(step.ties.set).map((row) => row[wi])).sort((x, y) => x - y);
  minWeight.max = "99";
  minWeight.step = "1";
  minWeight.addEventListener("input", () => {
    const q = Number(minWeight.value);
    filters.minWeight = q === 0 || !weights.length ? 0 : weights[Math.min(weights.length - 1, Math.floor(q / 100 * weights.length))];
    document.getElementById("min-weight-value").textContent = q === 0 ? "any" : "\u2265 " + fmt(filters.minWeight);
    refreshFilters();
  });
  document.getElementById("show-changes").addEventListener("change", refreshFilters);

  // ---- time controls -----------------------------------------------------------------------
  // the slider runs over days, not dates: two dates a year apart sit a year apart on it
  const slider = document.getElementById("slider");
  const dayOf = (iso) => Date.parse(iso + "T00:00:00Z") / 86400000;
  const offsets = dates.map((d) => dayOf(d) - dayOf(dates[0]));
  const span = Math.max(1, offsets[offsets.length - 1]);
  const nearest = (day) => offsets.reduce((best, o, i) => (Math.abs(o - day) < Math.abs(offsets[best] - day) ? i : best), 0);
  slider.max = String(span);
  slider.addEventListener("input", () => {
    goTo(nearest(Number(slider.value)));
    slider.value = String(offsets[current]);
  });
  document.getElementById("prev").addEventListener("click", () => goTo(current - 1));
  document.getElementById("next").addEventListener("click", () => goTo(current + 1));
  document.addEventListener("keydown", (e) => {
    const tag = e.target.tagName;
    // the slider moves itself on arrow keys; text fields and the weight slider keep theirs
    if (tag === "TEXTAREA" || tag === "SELECT" || (tag === "INPUT" && e.target.type !== "checkbox" && e.target !== slider)) return;
    const to = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: dates.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    goTo(to);
  });
  const activity = document.getElementById("activity");
  const busiest = Math.max(1, ...steps.map((s) => s.changes.count));
  steps.forEach((step, i) => {
    const bar = el("span", { title: dates[i] + ": " + plural(step.changes.count, "tie") + " formed, flipped or dissolved", onclick: () => goTo(i) });
    bar.style.height = Math.max(2, Math.round(22 * Math.sqrt(step.changes.count / busiest))) + "px";
    bar.style.left = "calc(8px + (100% - 16px) * " + (offsets[i] / span) + ")";
    activity.append(bar);
  });
  document.getElementById("mode").textContent = DATA.mode;

  network.once("afterDrawing", () => {
    // read by the browser tests and the benchmark (tests/conftest.py), as on the map pages
    window.netvizReady = performance.now();
    document.documentElement.setAttribute("data-netviz-ready", "true");
  });
  const start = dates.indexOf(decodeURIComponent(location.hash.slice(1)));
  goTo(start >= 0 ? start : dates.length - 1);
  // frame every actor of every date, not just this date's: stepping through time never needs a pan
  const xs = actors.map((x) => x.x);
  const ys = actors.map((x) => x.y);
  // room for the labels of the outermost actors (less on a phone, where the map needs every pixel)
  const spanX = Math.max(...xs) - Math.min(...xs) + (container.clientWidth < 700 ? 100 : 320);
  const spanY = Math.max(...ys) - Math.min(...ys) + 120;
  network.moveTo({
    position: { x: (Math.max(...xs) + Math.min(...xs)) / 2, y: (Math.max(...ys) + Math.min(...ys)) / 2 },
    scale: Math.min(1.5, container.clientWidth / spanX, container.clientHeight / spanY),
  });

  // live handles for tests and for analysts working in the browser console
  window.netvizTimeline = { network, nodes, edges, nodeView, edgeView, goTo, dates, current: () => current, weights,
    labels: labels.placed };
});
