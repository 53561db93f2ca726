// Parse GEXF files with graphology-gexf, the parser under sigma.js and Gephi
// Lite, with its default options, and print what it read as JSON (one line
// per file): the graph's type and attributes, every node and every edge.
// An error (what a sigma.js user would see) goes to stderr, exit code 1.
"use strict";
const fs = require("fs");
const Graph = require("graphology");
const gexf = require("graphology-gexf");

for (const path of process.argv.slice(2)) {
  const graph = gexf.parse(Graph, fs.readFileSync(path, "utf-8"));
  const nodes = {};
  graph.forEachNode((id, attributes) => { nodes[id] = attributes; });
  const edges = [];
  graph.forEachEdge((key, attributes, source, target) => { edges.push({ key, source, target, attributes }); });
  console.log(JSON.stringify({
    path, type: graph.type, multi: graph.multi, attributes: graph.getAttributes(), nodes, edges,
  }));
}
