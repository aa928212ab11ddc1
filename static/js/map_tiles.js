// The background of every map: the tile server of PRONGSAI_MAP_TILE_URL,
// handed to the page as data-tile-url / data-tile-attribution on the map
// element ({% map_tile_attrs %}). The CSP's img-src follows the same setting.
(function () {
  "use strict";
  window.Prongsai = window.Prongsai || {};
  // Adds the tile layer to `map`; false when the install has no tile server.
  window.Prongsai.addTiles = function (map, element) {
    var url = element.dataset.tileUrl;
    if (!url) {
      return false;
    }
    L.tileLayer(url, {
      maxZoom: 19,
      attribution: element.dataset.tileAttribution || "",
    }).addTo(map);
    return true;
  };
  // The map element and its points (a json_script) when the page can draw
  // a map of them: Leaflet loaded, a tile server set, at least one point.
  // Null otherwise: the page keeps its list without the map.
  window.Prongsai.mapPoints = function (elementId, dataId) {
    var element = document.getElementById(elementId);
    var data = document.getElementById(dataId);
    if (!element || !data || typeof L === "undefined" || !element.dataset.tileUrl) {
      return null;
    }
    var points = JSON.parse(data.textContent);
    return points.length ? { element: element, points: points } : null;
  };
})();
