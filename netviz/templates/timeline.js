/* netviz timeline: replays the per-date steps of the page data into vis-network DataSets.
 *
 * Every text from the data goes into the page through textContent or
 * createTextNode, never innerHTML: article text may contain markup.
 */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("timeline-data").textContent);
  const STYLE = DATA.style;
  const record = (fields) => (row) => Object.fromEntries(fields.map((f, i) => [f, row[i]]));
  const actors = DATA.actors.map(record(DATA.fields.actor));
  const ties = DATA.ties.map(([u, v]) => ({ u, v }));
  const relations = DATA.relations.map(record(DATA.fields.relation));
  const articles = DATA.articles.map(record(DATA.fields.article));
  const steps = DATA.steps;
  const dates = DATA.dates;
  const tieFields = DATA.fields.tie;
  const IMPORTED = ["gdelt", "icews"];
  const LIST_PAGE = 40; // rows shown before a "show more" button, so a busy date stays quick

  const actorTies = actors.map(() => []);
  const tieOf = new Map(); // "u,v" (u < v) -> tie index
  ties.forEach((t, i) => { actorTies[t.u].push(i); actorTies[t.v].push(i); tieOf.set(t.u + "," + t.v, i); });
  const tieBetween = (x, y) => tieOf.get(Math.min(x, y) + "," + Math.max(x, y));

  // ---- state: what holds on the current date, rebuilt by replaying steps -----
  let current = -1;
  const actorState = new Map(); // actor index -> {bloc, strength}
  const tieState = new Map(); // tie index -> {weight, ..., evidence: [relation indices]}
  const contradictions = new Set(); // "i,j,k" actor indices, sorted
  const undo = []; // undo[i]: what step i replaced, to step back from date i to i - 1

  const tieRecord = (row, evidence) => {
    const t = Object.fromEntries(tieFields.map((f, i) => [f, row[i]]));
    t.evidence = evidence;
    return t;
  };

  function forward(i, touchedActors, touchedTies) {
    const step = steps[i];
    const u = { actors: new Map(), ties: new Map() };
    const keep = (map, state, key) => { if (!map.has(key)) map.set(key, state.get(key)); };
    for (const [a, bloc, strength] of step.actors.add.concat(step.actors.set)) {
      keep(u.actors, actorState, a);
      actorState.set(a, { bloc, strength });
      touchedActors.add(a);
    }
    for (const a of step.actors.del) { keep(u.actors, actorState, a); actorState.delete(a); touchedActors.add(a); }
    const n = tieFields.length;
    for (const row of step.ties.add) {
      const t = row[0];
      keep(u.ties, tieState, t);
      tieState.set(t, tieRecord(row.slice(1, n + 1), row[n + 1]));
      touchedTies.add(t);
    }
    for (const row of step.ties.set) {
      const t = row[0];
      const old = tieState.get(t);
      keep(u.ties, tieState, t);
      const evidence = old.evidence.slice();
      for (const r of row[n + 2]) evidence.splice(evidence.indexOf(r), 1);
      evidence.push(...row[n + 1]);
      // relations are stored strongest first, so index order is a tie's evidence order
      evidence.sort((x, y) => x - y);
      tieState.set(t, tieRecord(row.slice(1, n + 1), evidence));
      touchedTies.add(t);
    }
    for (const t of step.ties.del) { keep(u.ties, tieState, t); tieState.delete(t); touchedTies.add(t); }
    for (const tri of step.contradictions.add) contradictions.add(tri.join(","));
    for (const tri of step.contradictions.del) contradictions.delete(tri.join(","));
    undo[i] = u;
  }

  function backward(i, touchedActors, touchedTies) {
    const u = undo[i];
    for (const [a, old] of u.actors) { old ? actorState.set(a, old) : actorState.delete(a); touchedActors.add(a); }
    for (const [t, old] of u.ties) { old ? tieState.set(t, old) : tieState.delete(t); touchedTies.add(t); }
    const step = steps[i];
    for (const tri of step.contradictions.add) contradictions.delete(tri.join(","));
    for (const tri of step.contradictions.del) contradictions.add(tri.join(","));
  }

  // ---- looks ----------------------------------------------------------------
  const signName = (s) => (s > 0 ? "cooperation" : s < 0 ? "conflict" : "mixed");
  const signSymbol = (s) => (s > 0 ? "+" : s < 0 ? "\u2212" : "\u00b1");
  const signColour = (s) => STYLE.sign[signName(s)];
  const blocColour = (b) => STYLE.blocs[b % STYLE.blocs.length];
  const fmt = (x) => (Math.round(x * 100) / 100).toString();
  const tieName = (t) => actors[ties[t].u].id + "-" + actors[ties[t].v].id;
  const tieLabel = (t) => actors[ties[t].u].label + " \u2013 " + actors[ties[t].v].label;
  const nodeSize = (s) => 10 + 22 * Math.sqrt(s / (DATA.max_strength || 1));
  const edgeWidth = (w) => 1 + 7 * Math.sqrt(w / (DATA.max_weight || 1));

  function nodeItem(a, st, appeared) {
    const actor = actors[a];
    const colour = blocColour(st.bloc);
    return {
      id: actor.id, actor: a, type: actor.type, label: actor.label, x: actor.x, y: actor.y,
      size: nodeSize(st.strength),
      color: { background: colour, border: appeared ? STYLE.change.formed : "#33415c",
               highlight: { background: colour, border: "#111827" }, hover: { background: colour, border: "#111827" } },
      borderWidth: appeared ? 4 : 1, ghost: false,
      shapeProperties: { borderDashes: false }, font: { color: STYLE.ink },
      title: actor.label + " (" + actor.id + ")\n" + actor.type + " \u00b7 bloc " + (st.bloc + 1) +
             " \u00b7 strength " + fmt(st.strength) + (appeared ? "\nnew on this date" : ""),
    };
  }

  function ghostNodeItem(a, old) {
    const actor = actors[a];
    return {
      id: actor.id, actor: a, type: actor.type, label: actor.label, x: actor.x, y: actor.y,
      size: nodeSize(old.strength), ghost: true, borderWidth: 2,
      color: { background: "#eef0f3", border: STYLE.change.dissolved,
               highlight: { background: "#eef0f3", border: "#111827" }, hover: { background: "#eef0f3", border: "#111827" } },
      shapeProperties: { borderDashes: [4, 4] }, font: { color: STYLE.change.dissolved },
      title: actor.label + " (" + actor.id + ")\nno ties since " + dates[current - 1],
    };
  }

  function edgeItem(t, st, change) {
    const colour = signColour(st.sign);
    const glow = change && STYLE.change[change];
    return {
      id: "t" + t, tie: t, ghost: false, from: actors[ties[t].u].id, to: actors[ties[t].v].id,
      sign: st.sign, weight: st.weight, origins: st.origins,
      width: edgeWidth(st.weight) + (glow ? 2 : 0),
      color: { color: colour, highlight: colour, hover: colour, opacity: 0.85 },
      shadow: glow ? { enabled: true, color: glow, size: 14, x: 0, y: 0 } : { enabled: false },
      dashes: false,
      title: tieLabel(t) + "\n" + signName(st.sign) + " \u00b7 weight " + fmt(st.weight) + " \u00b7 " +
             st.count + (st.count === 1 ? " relation" : " relations") +
             (change ? "\n" + change + " since " + dates[current - 1] : "") + "\nclick for the evidence",
    };
  }

  function ghostItem(t, old) {
    return {
      id: "gone" + t, tie: t, ghost: true, from: actors[ties[t].u].id, to: actors[ties[t].v].id,
      sign: old.sign, weight: old.weight, origins: old.origins,
      width: 2, dashes: [6, 6],
      color: { color: STYLE.change.dissolved, highlight: STYLE.change.dissolved, hover: STYLE.change.dissolved, opacity: 0.9 },
      shadow: { enabled: false },
      title: tieLabel(t) + "\ndissolved since " + dates[current - 1] + " (was " + signName(old.sign) + ")",
    };
  }

  // ---- the network ------------------------------------------------------------
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const filters = { signs: new Set([1, -1, 0]), minWeight: 0, origins: new Set(DATA.origins), types: new Set() };
  let visibleActors = new Set();
  const tiesFiltered = () =>
    filters.signs.size < 3 || filters.minWeight > 0 || filters.origins.size < DATA.origins.length;
  const edgePasses = (e) =>
    filters.signs.has(e.sign) && e.weight >= filters.minWeight &&
    DATA.origins.some((o, i) => (e.origins & (1 << i)) && filters.origins.has(o));
  const edgeShown = (e) => (!e.ghost || showChanges()) && edgePasses(e) &&
    visibleActors.has(e.from) && visibleActors.has(e.to);
  const edgeView = new vis.DataView(edges, { filter: edgeShown });
  const nodeView = new vis.DataView(nodes, { filter: (n) => visibleActors.has(n.id) });

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
    renderCounts();
  }

  const container = document.getElementById("network");
  const network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, STYLE.options);

  // ---- moving through time ----------------------------------------------------
  const showChanges = () => document.getElementById("show-changes").checked;
  let shownChange = new Set(); // "t<tie>" and "a<actor>" styled as changes on the current date

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
    // restyle what was highlighted on the previous date shown and what is highlighted now
    for (const id of shownChange) {
      if (id.startsWith("t")) touchedTies.add(Number(id.slice(1)));
      else if (id.startsWith("a")) touchedActors.add(Number(id.slice(1)));
    }
    for (const t of changeOf.keys()) touchedTies.add(t);
    for (const a of appeared) touchedActors.add(a);
    for (const a of disappeared) touchedActors.add(a);

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
    shownChange = new Set([...changeOf.keys()].map((t) => "t" + t)
      .concat([...appeared, ...disappeared].map((a) => "a" + a)));
    refreshFilters();
  }

  // ---- panels -----------------------------------------------------------------
  const el = (tag, props, ...children) => {
    const node = document.createElement(tag);
    if (props) for (const [k, v] of Object.entries(props)) {
      if (k === "text") node.textContent = v;
      else if (k === "style") for (const [name, value] of Object.entries(v)) node.style.setProperty(name, value);
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  };
  const clear = (id) => { const node = document.getElementById(id); node.replaceChildren(); return node; };

  function renderCounts() {
    const nActors = actorState.size;
    const nTies = tieState.size;
    let text = nActors + (nActors === 1 ? " actor \u00b7 " : " actors \u00b7 ") + nTies + (nTies === 1 ? " tie" : " ties");
    const shownTies = edgeView.getIds({ filter: (e) => !e.ghost }).length;
    const shownActors = nodeView.getIds({ filter: (n) => !n.ghost }).length;
    if (shownTies !== nTies || shownActors !== nActors) text += " (" + shownActors + " and " + shownTies + " shown)";
    const articlesToday = steps[current].articles;
    if (articlesToday) text += " \u00b7 " + articlesToday + (articlesToday === 1 ? " article" : " articles") + " on this date";
    document.getElementById("counts").textContent = text;
  }

  function renderDate() {
    const date = dates[current];
    document.getElementById("date-heading").textContent = date;
    document.title = date + " \u2013 " + DATA.title;
    document.getElementById("position").textContent = (current + 1) + " / " + dates.length;
    document.getElementById("slider").value = String(current);
    document.getElementById("prev").disabled = current === 0;
    document.getElementById("next").disabled = current === dates.length - 1;
    document.querySelectorAll("#activity span").forEach((bar, i) => bar.classList.toggle("current", i === current));
    try {
      history.replaceState(null, "", "#" + date);
    } catch (err) {
      // some browsers refuse history changes on file:// pages; the date just stays out of the address
    }
    renderCounts();
    renderLegend();
    renderChanges();
    renderContradictions();
    renderSelection();
  }

  function listWithMore(items, makeRow) {
    const ul = el("ul", { class: "items" });
    let shown = 0;
    const wrap = el("div", null, ul);
    const more = el("button", { class: "more", type: "button" });
    const fill = () => {
      const end = Math.min(items.length, shown + LIST_PAGE);
      for (; shown < end; shown++) ul.append(el("li", null, makeRow(items[shown])));
      more.textContent = "Show " + Math.min(LIST_PAGE, items.length - shown) + " more of " + (items.length - shown);
      if (shown >= items.length) more.remove();
    };
    more.addEventListener("click", fill);
    wrap.append(more);
    fill();
    return wrap;
  }

  function renderChanges() {
    const heading = document.getElementById("changes-heading");
    const box = clear("changes");
    if (current === 0) {
      heading.textContent = "Changes";
      box.append(el("p", { class: "hint", text: "First date: every tie shown is new." }));
      return;
    }
    heading.textContent = "Changes since " + dates[current - 1];
    const c = steps[current].changes;
    const rows = [];
    for (const [t, s] of c.formed) rows.push(["formed", t, tieName(t) + " " + signSymbol(s), s]);
    for (const [t, a, b] of c.flipped) rows.push(["flipped", t, tieName(t) + " " + signSymbol(a) + " to " + signSymbol(b), b]);
    for (const [t, s] of c.dissolved) rows.push(["dissolved", t, tieName(t) + " " + signSymbol(s), s]);
    for (const [t, a, b] of c.strengthened) rows.push(["stronger", t, tieName(t) + " " + fmt(a) + " to " + fmt(b), null]);
    for (const [t, a, b] of c.weakened) rows.push(["weaker", t, tieName(t) + " " + fmt(a) + " to " + fmt(b), null]);
    for (const a of c.appeared) rows.push(["new actor", null, actors[a].label + " (" + actors[a].id + ")", a]);
    for (const a of c.disappeared) rows.push(["gone actor", null, actors[a].label + " (" + actors[a].id + ")", a]);
    if (!rows.length) {
      box.append(el("p", { class: "hint", text: "No change since the previous date." }));
      return;
    }
    box.append(listWithMore(rows, ([kind, t, text, extra]) => el("button", {
      class: "item change", type: "button", "data-kind": kind,
      onclick: () => (t === null ? selectActor(extra, true) : selectTie(t, true)),
    }, el("span", { class: "kind-tag", text: kind }), el("span", { class: "grow", text }))));
  }

  function renderContradictions() {
    const box = clear("contradictions");
    const list = [...contradictions].map((k) => k.split(",").map(Number)).sort((p, q) =>
      p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
    document.getElementById("contradictions-heading").textContent = "Contradictions (" + list.length + ")";
    if (!list.length) {
      box.append(el("p", { class: "hint", text: "No unbalanced triangle: every friend of a friend is a friend here." }));
      return;
    }
    box.append(el("p", { class: "hint", text: "Unbalanced triangles: the signs around them do not add up (an ally of an ally is an enemy, or three mutual enemies)." }));
    box.append(listWithMore(list, (tri) => {
      const [a, b, c] = tri;
      const sign = (x, y) => signSymbol(tieState.get(tieBetween(x, y)).sign);
      const text = actors[a].id + " " + sign(a, b) + " " + actors[b].id + " " + sign(b, c) + " " +
        actors[c].id + " " + sign(c, a) + " " + actors[a].id;
      return el("button", { class: "item", type: "button", onclick: () => selectTriangle(tri) },
        el("span", { class: "grow", text }));
    }));
  }

  function renderLegend() {
    const box = clear("legend");
    const row = (swatch, text) => box.append(el("div", { class: "legend-row" }, swatch, el("span", { text })));
    for (const s of [1, -1, 0]) {
      row(el("span", { class: "swatch-line", style: { background: signColour(s) } }), signName(s) + " tie");
    }
    row(el("span", { class: "swatch-line", style: { background: "#9aa5b1", height: "8px" } }), "width: weight of the tie");
    row(el("span", { class: "swatch-glow", style: { background: signColour(1), "--glow": STYLE.change.formed } }), "formed since the previous date");
    row(el("span", { class: "swatch-glow", style: { background: signColour(-1), "--glow": STYLE.change.flipped } }), "flipped sign since the previous date");
    row(el("span", { class: "swatch-ghost" }), "dissolved since the previous date");
    // blocs on this date, each named by its strongest members
    const members = new Map();
    for (const [a, st] of actorState) {
      if (!members.has(st.bloc)) members.set(st.bloc, []);
      members.get(st.bloc).push([st.strength, a]);
    }
    for (const b of [...members.keys()].sort((x, y) => x - y)) {
      const top = members.get(b).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
      const names = top.slice(0, 3).map(([, a]) => actors[a].id).join(", ") + (top.length > 3 ? ", \u2026" : "");
      row(el("span", { class: "swatch-dot", style: { background: blocColour(b) } }),
        "bloc " + (b + 1) + ": " + names + " (" + top.length + ")");
    }
    row(el("span", { class: "swatch-dot", style: { background: "#fff", width: "20px", height: "20px" } }), "size: strength of the actor's ties");
  }

  // ---- selection: a tie's evidence, an actor's ties ---------------------------
  let selected = null; // {tie: index} or {actor: index} or {triangle: [a, b, c]}

  function renderSelection() {
    const box = clear("selection");
    if (selected && "tie" in selected) return renderTie(box, selected.tie);
    if (selected && "actor" in selected) return renderActor(box, selected.actor);
    box.append(el("h3", { text: "Details" }),
      el("p", { class: "hint", text: "Click a tie to read the evidence behind it, or an actor to list its ties on this date." }));
  }

  function renderTie(box, t) {
    let st = tieState.get(t);
    let note = null;
    if (!st) {
      const gone = steps[current].changes.dissolved.some(([x]) => x === t);
      if (!gone) {
        box.append(el("h3", { class: "title", text: tieLabel(t) }),
          el("p", { class: "hint", text: "No tie between them on " + dates[current] + "." }));
        return;
      }
      st = undo[current].ties.get(t);
      note = "Dissolved since " + dates[current - 1] + "; the evidence it had then:";
    }
    box.append(el("h3", { class: "title", text: tieLabel(t) }));
    box.append(el("div", { class: "sub" },
      el("span", { class: "badge", style: { background: signColour(st.sign) }, text: signName(st.sign) }),
      " weight " + fmt(st.weight) + " (cooperation " + fmt(st.cooperation) + ", conflict " + fmt(st.conflict) +
      ") \u00b7 " + st.evidence.length + (st.evidence.length === 1 ? " relation" : " relations")));
    if (note) box.append(el("p", { class: "hint", text: note }));
    box.append(listWithMore(st.evidence, renderEvidence));
  }

  function renderEvidence(r) {
    const rel = relations[r];
    const origin = DATA.origins[rel.origin];
    const kind = DATA.kinds[rel.kind].replace("_", " ");
    const meta = rel.date + " \u00b7 " + actors[rel.a].id + " " + signSymbol(rel.sign) + " " + actors[rel.b].id +
      " \u00b7 " + kind + " \u00b7 intensity " + fmt(rel.intensity) + " \u00b7 confidence " + fmt(rel.confidence) +
      " \u00b7 " + origin;
    const item = el("div", { class: "ev", "data-relation": String(r) }, el("div", { class: "ev-meta", text: meta }));
    if (rel.article !== null) {
      const art = articles[rel.article];
      const name = art.title || art.id;
      const link = safeUrl(art.url);
      const titleNode = link
        ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer", text: name })
        : el("span", { text: name });
      item.append(el("div", { class: "ev-source" }, titleNode, art.outlet ? " \u2014 " + art.outlet : null));
    }
    if (origin === "curated") {
      const until = rel.valid_to ? rel.valid_to : "open";
      item.append(el("div", { class: "ev-label", text: "Citation (curated, valid " + (rel.valid_from || "?") + " to " + until + ")" }));
    } else if (origin !== "extracted") {
      item.append(el("div", { class: "ev-label", text: "Event " + rel.cue + " (" + origin + ")" }));
    }
    item.append(sentence(rel));
    return item;
  }

  function sentence(rel) {
    const text = rel.sentence;
    const quote = el("blockquote", { class: "ev-sentence" });
    if (rel.cue_start === null) {
      quote.textContent = text;
    } else {
      quote.append(text.slice(0, rel.cue_start), el("mark", { title: "cue: " + rel.cue, text: text.slice(rel.cue_start, rel.cue_end) }), text.slice(rel.cue_end));
    }
    return quote;
  }

  function safeUrl(url) {
    if (!url) return null;
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null; // not a URL at all: show the title without a link
    }
  }

  function renderActor(box, a) {
    const actor = actors[a];
    const st = actorState.get(a);
    box.append(el("h3", { class: "title", text: actor.label + " (" + actor.id + ")" }));
    if (actor.aliases.length) box.append(el("div", { class: "aliases", text: "also: " + actor.aliases.join(", ") }));
    if (!st) {
      box.append(el("p", { class: "hint", text: actor.type + " \u00b7 no ties on " + dates[current] + "." }));
      return;
    }
    box.append(el("div", { class: "sub" },
      el("span", { class: "badge", style: { background: blocColour(st.bloc) }, text: "bloc " + (st.bloc + 1) }),
      " " + actor.type + " \u00b7 strength " + fmt(st.strength)));
    const mine = actorTies[a].filter((t) => tieState.has(t))
      .sort((x, y) => tieState.get(y).weight - tieState.get(x).weight || x - y);
    box.append(el("div", { class: "ev-label", text: "Ties on " + dates[current] + ", strongest first (" + mine.length + ")" }));
    box.append(listWithMore(mine, (t) => {
      const other = ties[t].u === a ? ties[t].v : ties[t].u;
      const tst = tieState.get(t);
      return el("button", { class: "item", type: "button", onclick: () => selectTie(t, true) },
        el("span", { class: "swatch-line", style: { background: signColour(tst.sign) } }),
        el("span", { class: "grow", text: actors[other].label + " (" + actors[other].id + ")" }),
        el("span", { class: "num", text: signName(tst.sign) + " " + fmt(tst.weight) }));
    }));
  }

  function selectTie(t, focus) {
    selected = { tie: t };
    const id = tieState.has(t) ? "t" + t : "gone" + t;
    if (edgeView.get(id)) {
      network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
      if (focus) network.fit({ nodes: [actors[ties[t].u].id, actors[ties[t].v].id], animation: { duration: 300 } });
    } else {
      network.unselectAll();
    }
    renderSelection();
  }

  function selectActor(a, focus) {
    selected = { actor: a };
    const id = actors[a].id;
    if (nodeView.get(id)) {
      network.selectNodes([id]);
      if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
    } else {
      network.unselectAll();
    }
    renderSelection();
  }

  function selectTriangle(tri) {
    const ids = [[0, 1], [1, 2], [0, 2]].map(([p, q]) => "t" + tieBetween(tri[p], tri[q]))
      .filter((id) => edgeView.get(id));
    network.setSelection({ nodes: [], edges: ids }, { unselectAll: true, highlightEdges: false });
    network.fit({ nodes: tri.map((a) => actors[a].id).filter((id) => nodeView.get(id)), animation: { duration: 300 } });
  }

  network.on("click", (params) => {
    if (params.nodes.length) selectActor(nodes.get(params.nodes[0]).actor, false);
    else if (params.edges.length) selectTie(edges.get(params.edges[0]).tie, false);
    else { selected = null; renderSelection(); }
  });

  // ---- search -------------------------------------------------------------------
  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const names = [];
  actors.forEach((actor, a) => {
    for (const name of [actor.label, actor.id, ...actor.aliases]) names.push([fold(name), a, name]);
  });
  const datalist = document.getElementById("actor-names");
  for (const [, a, name] of names) {
    const option = document.createElement("option");
    option.value = name;
    if (name !== actors[a].label) option.label = actors[a].label + " (" + actors[a].id + ")";
    datalist.append(option);
  }

  function findActor(query) {
    const q = fold(query);
    if (!q) return null;
    const exact = names.find(([n]) => n === q);
    if (exact) return exact[1];
    const prefix = names.find(([n]) => n.startsWith(q));
    if (prefix) return prefix[1];
    const inside = names.find(([n]) => n.includes(q));
    return inside ? inside[1] : null;
  }

  function nearestDateWith(a) {
    // the closest date (later first on a tie) on which the actor has ties; replays nothing, just reads the steps
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
    if (!query.trim()) return;
    const a = findActor(query);
    if (a === null) {
      box.append(el("span", { class: "hint", text: "No actor matches \u201c" + query + "\u201d." }));
      return;
    }
    selectActor(a, true);
    if (!actorState.has(a)) {
      const near = nearestDateWith(a);
      box.append(el("div", { class: "hint", text: actors[a].label + " has no ties on " + dates[current] + "." }));
      if (near !== null) {
        box.append(el("button", { class: "more", type: "button", text: "Go to " + dates[near],
          onclick: () => { goTo(near); selectActor(a, true); clear("search-result"); } }));
      }
    } else if (!nodeView.get(actors[a].id)) {
      box.append(el("div", { class: "hint", text: actors[a].label + " is hidden by the filters." }));
    }
  }

  const searchBox = document.getElementById("search");
  searchBox.addEventListener("change", search);
  searchBox.addEventListener("keydown", (e) => { if (e.key === "Enter") search(); });

  // ---- filters ------------------------------------------------------------------
  function checkbox(fieldsetId, value, text, set) {
    const input = el("input", { type: "checkbox", value: String(value) });
    input.checked = true;
    input.addEventListener("change", () => { input.checked ? set.add(value) : set.delete(value); refreshFilters(); });
    document.getElementById(fieldsetId).append(el("label", null, input, text));
  }
  for (const s of [1, -1, 0]) checkbox("filter-sign", s, signName(s), filters.signs);
  for (const o of DATA.origins.filter((x) => !IMPORTED.includes(x))) checkbox("filter-origin", o, o, filters.origins);
  // imported event data (GDELT, ICEWS) is one choice for the user
  const imported = el("input", { type: "checkbox", value: "imported" });
  imported.checked = true;
  imported.addEventListener("change", () => {
    for (const o of IMPORTED) imported.checked ? filters.origins.add(o) : filters.origins.delete(o);
    refreshFilters();
  });
  document.getElementById("filter-origin").append(el("label", null, imported, "imported (GDELT, ICEWS)"));
  for (const type of [...new Set(actors.map((x) => x.type))].sort()) {
    filters.types.add(type);
    checkbox("filter-type", type, type.replace("_", " "), filters.types);
  }
  const minWeight = document.getElementById("min-weight");
  minWeight.max = String(DATA.max_weight || 1);
  minWeight.addEventListener("input", () => {
    filters.minWeight = Number(minWeight.value);
    document.getElementById("min-weight-value").textContent = fmt(filters.minWeight);
    refreshFilters();
  });
  document.getElementById("show-changes").addEventListener("change", refreshFilters);

  // ---- time controls --------------------------------------------------------------
  const slider = document.getElementById("slider");
  slider.max = String(dates.length - 1);
  slider.addEventListener("input", () => goTo(Number(slider.value)));
  document.getElementById("prev").addEventListener("click", () => goTo(current - 1));
  document.getElementById("next").addEventListener("click", () => goTo(current + 1));
  document.addEventListener("keydown", (e) => {
    const tag = e.target.tagName;
    // the slider moves itself on arrow keys; text fields keep their arrows
    if (e.target === slider || tag === "TEXTAREA" || (tag === "INPUT" && e.target.type !== "checkbox")) return;
    const to = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: dates.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    goTo(to);
  });
  const activity = document.getElementById("activity");
  const busiest = Math.max(1, ...steps.map((s) => s.changes.count));
  steps.forEach((step, i) => {
    const bar = el("span", { title: dates[i] + ": " + step.changes.count + " changes", onclick: () => goTo(i) });
    bar.style.height = Math.max(2, Math.round(22 * Math.sqrt(step.changes.count / busiest))) + "px";
    activity.append(bar);
  });

  document.getElementById("mode").textContent = DATA.mode_text;
  const start = dates.indexOf(decodeURIComponent(location.hash.slice(1)));
  goTo(start >= 0 ? start : dates.length - 1);
  network.fit();

  // read-only handles for tests and for analysts working in the browser console
  window.netvizTimeline = { network, nodes, edges, nodeView, edgeView, goTo, dates, current: () => current };
})();
