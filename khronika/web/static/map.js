// The offline map: country shapes from the world-atlas package (no tiles, no network),
// incident places as circles sized by how many incidents they hold.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L || !window.topojson) { return; }
  var map = L.map(el, {worldCopyJump: true, keyboard: true, attributionControl: false})
    .setView([55, 50], 3);
  fetch(el.getAttribute("data-world"))
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      L.geoJSON(land, {style: {color: "#7a7a7a", weight: 0.6, fillColor: "#f4f1e8", fillOpacity: 1}})
        .addTo(map);
      el.setAttribute("data-world-loaded", "true");
    });
  fetch(el.getAttribute("data-points"), {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (points) {
      var layer = L.geoJSON(points, {
        pointToLayer: function (feature, latlng) {
          var n = feature.properties.count;
          return L.circleMarker(latlng, {radius: Math.min(28, 4 + 3 * Math.sqrt(n)), color: "#a40000",
            weight: 1, fillColor: "#d55e00", fillOpacity: 0.6});
        },
        onEachFeature: function (feature, lyr) {
          var div = document.createElement("div");
          div.textContent = (feature.properties.place || "?") + ": " + feature.properties.count;
          lyr.bindPopup(div);
        }
      }).addTo(map);
      el.setAttribute("data-points-loaded", String(points.features.length));
    });
})();
