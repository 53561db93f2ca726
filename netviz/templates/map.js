/* The snapshot map page: draw the data embedded in the page (netviz.js).
   window.netvizMap gives tests and notebooks the live vis network and DataSets. */
"use strict";
window.netvizMap = netviz.start(netviz.readData("netviz-data"));
