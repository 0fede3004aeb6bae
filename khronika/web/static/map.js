// The offline map: country shapes from the world-atlas package (no tiles, no network),
// incident places as circles sized by how many incidents they hold.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || !window.L || !window.topojson) { return; }
  var map = L.map(el, {worldCopyJump: true, keyboard: true, attributionControl: false})
    .setView([55, 50], 3);
  // Land below the markers whatever answers first: both are SVG in Leaflet's overlay
  // pane by default, where the later layer covers the earlier one, and the opaque land
  // (it arrives second, being larger) hid every marker.
  map.createPane("land").style.zIndex = 350;
  map.createPane("places").style.zIndex = 450;

  // world-atlas keeps shapes on the sphere: a ring crossing the antimeridian (Chukotka,
  // Fiji, the Aleutians) jumps from 180 to -180, and drawn flat that jump is a band
  // across the whole world. Unwrapping each ring's longitudes (no step over 180 degrees)
  // draws such a shape whole, past 180 on the east. Antarctica encircles the pole and
  // has no flat outline at all; the desk has no use for it, so it is left out.
  var ANTARCTICA = "010";

  function unwrapRing(ring, ref) {
    var out = [], prev = null;
    for (var i = 0; i < ring.length; i++) {
      var lon = ring[i][0];
      var base = prev === null ? ref : prev;
      if (base !== null) {
        while (lon - base > 180) { lon -= 360; }
        while (base - lon > 180) { lon += 360; }
      }
      out.push([lon, ring[i][1]]);
      prev = lon;
    }
    return out;
  }

  // ``ref``: where the shape's first ring starts, so that the islands of a country and
  // the holes of a polygon start on the same side of the antimeridian as the rest of it
  // (Russia's Wrangel Island beside Chukotka, not a world away).
  function unwrapPolygon(rings, ref) {
    return rings.map(function (r) { return unwrapRing(r, ref); });
  }

  function firstLon(coords) {
    while (Array.isArray(coords[0])) { coords = coords[0]; }
    return coords.length ? coords[0] : null;
  }

  function flatWorld(land) {
    land.features = land.features.filter(function (f) {
      return String(f.id) !== ANTARCTICA && f.geometry;
    });
    land.features.forEach(function (f) {
      var g = f.geometry;
      var ref = firstLon(g.coordinates);
      if (g.type === "Polygon") { g.coordinates = unwrapPolygon(g.coordinates, ref); }
      else if (g.type === "MultiPolygon") {
        g.coordinates = g.coordinates.map(function (p) { return unwrapPolygon(p, ref); });
      }
    });
    return land;
  }

  var layers = {land: null, places: null};
  window.khronikaMap = layers;  // read by the browser tests

  fetch(el.getAttribute("data-world"))
    .then(function (r) { return r.json(); })
    .then(function (world) {
      var land = flatWorld(topojson.feature(world, world.objects.countries));
      layers.land = L.geoJSON(land, {pane: "land", interactive: false,
        style: {color: "#7a7a7a", weight: 0.6, fillColor: "#f4f1e8", fillOpacity: 1}})
        .addTo(map);
      el.setAttribute("data-world-loaded", "true");
    });
  fetch(el.getAttribute("data-points"), {credentials: "same-origin"})
    .then(function (r) { return r.json(); })
    .then(function (points) {
      layers.places = L.geoJSON(points, {
        pane: "places",
        pointToLayer: function (feature, latlng) {
          var n = feature.properties.count;
          return L.circleMarker(latlng, {pane: "places", radius: Math.min(28, 4 + 3 * Math.sqrt(n)),
            color: "#a40000", weight: 1, fillColor: "#d55e00", fillOpacity: 0.7});
        },
        onEachFeature: function (feature, lyr) {
          var div = document.createElement("div");
          div.textContent = (feature.properties.place || "?") + ": " + feature.properties.count;
          lyr.bindPopup(div);
          lyr.bindTooltip(div.textContent);
        }
      }).addTo(map);
      el.setAttribute("data-points-loaded", String(points.features.length));
    });
})();
