// The public map of complaints: the reports of the page's list that have a
// location (json_script "report-map-points"), as coloured circles on the
// tiles of PRONGSAI_MAP_TILE_URL. Popups are built as text, never HTML.
(function () {
  "use strict";
  var found = window.Prongsai && window.Prongsai.mapPoints("report-map", "report-map-points");
  if (!found) {
    return;
  }
  var element = found.element;
  var points = found.points;
  var colours = { open: "#c2410c", resolved: "#15803d" };
  element.hidden = false;
  var legend = document.getElementById("report-map-legend");
  if (legend) {
    legend.hidden = false;
  }
  var map = L.map(element, { scrollWheelZoom: false });
  window.Prongsai.addTiles(map, element);

  function line(text, className) {
    var div = document.createElement("div");
    div.textContent = text;
    if (className) {
      div.className = className;
    }
    return div;
  }

  var bounds = [];
  points.forEach(function (point) {
    var box = document.createElement("div");
    box.className = "report-popup";
    box.appendChild(line(point.id + (point.category ? " · " + point.category : ""), "small"));
    box.appendChild(line(point.subject, "report-popup-subject"));
    box.appendChild(line(point.status + " · " + point.received, "small"));
    L.circleMarker([point.lat, point.lng], {
      radius: 8,
      weight: 2,
      color: "#ffffff",
      fillColor: colours[point.state] || "#1d4f91",
      fillOpacity: 0.9,
    })
      .addTo(map)
      .bindPopup(box);
    bounds.push([point.lat, point.lng]);
  });
  if (bounds.length === 1) {
    map.setView(bounds[0], 16);
  } else {
    map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
  }
})();
