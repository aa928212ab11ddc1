// The map of "งบประมาณของเรา": the projects that have a location, on the
// tiles of PRONGSAI_MAP_TILE_URL (static/js/map_tiles.js). The page lists the
// same projects without the map.
(function () {
  "use strict";
  var found = window.Prongsai && window.Prongsai.mapPoints("project-map", "project-map-points");
  if (!found) {
    return;
  }
  var element = found.element;
  var points = found.points;
  L.Icon.Default.imagePath = element.dataset.images;
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false });
  window.Prongsai.addTiles(map, element);
  var bounds = [];
  points.forEach(function (point) {
    var link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.name;
    var box = document.createElement("div");
    box.appendChild(link);
    var status = document.createElement("div");
    status.textContent = point.status;
    box.appendChild(status);
    L.marker([point.lat, point.lng], { title: point.name, alt: point.name })
      .addTo(map)
      .bindPopup(box);
    bounds.push([point.lat, point.lng]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 15);
  } else {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }
})();
