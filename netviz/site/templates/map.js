/* The snapshot map page: draw the graph and data embedded in the page (netviz.js).
   window.netvizMap gives tests and notebooks the live vis network and DataSets. */
"use strict";
window.netvizMap = netviz.start("netviz-graph", "netviz-data");
