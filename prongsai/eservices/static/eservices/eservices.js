// "Use my location" next to each map-point latitude field (no inline scripts: CSP).
document.addEventListener("DOMContentLoaded", function () {
  if (!("geolocation" in navigator)) return;
  document.querySelectorAll("input[data-geo='lat']").forEach(function (lat) {
    const lng = lat.form.querySelector("#" + lat.id.replace(/__lat$/, "__lng"));
    if (!lng) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-primary btn-sm mt-1 mb-2";
    button.textContent = lat.form.dataset.geoLabel || "📍";
    button.addEventListener("click", function () {
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          button.disabled = false;
        },
        function () { button.disabled = false; },
        { enableHighAccuracy: true, timeout: 10000 }
      );
    });
    lat.insertAdjacentElement("afterend", button);
  });
});
