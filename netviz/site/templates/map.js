/* The snapshot map page: draw the graph and data embedded in the page (netviz.js), or, on a site
   page, the page's date rebuilt from the site's history (replay.js, data/history.js).
   window.netvizMap gives tests and notebooks the live vis network and DataSets. */
"use strict";
window.netvizMap = document.getElementById("netviz-page")
  ? window.netvizHistory && netvizReplay.start(window.netvizHistory, netviz.readData("netviz-page"))
  : netviz.start("netviz-graph", "netviz-data");
