// "Use my location": fills a latitude/longitude pair from the phone's position
// (no inline scripts: CSP). Used by the E-Service request form (visible boxes)
// and the complaint form (hidden boxes: the chosen point is shown in words,
// with a button to clear it). Without JavaScript or geolocation nothing is
// added and the place can still be typed.
//
// Markup: <input data-geo="lat" [data-geo-lng="id"] [data-geo-after="id"]> and
// its longitude (the id given, else the latitude's id with __lat → __lng);
// texts from the form's data-geo-label, -wait, -picked ({point} = the point),
// -clear, -cleared and -failed attributes.
(function () {
  "use strict";

  function text(form, name, fallback) {
    return form.dataset[name] || fallback;
  }

  function setup(lat) {
    const form = lat.form;
    const lng = document.getElementById(lat.dataset.geoLng || lat.id.replace(/__lat$/, "__lng"));
    if (!form || !lng) return;
    const hidden = lat.type === "hidden";
    const box = document.createElement("div");
    box.className = "geo-picker mt-1 mb-3";
    const use = document.createElement("button");
    use.type = "button";
    use.className = "btn btn-outline-primary btn-sm";
    use.textContent = text(form, "geoLabel", "📍");
    box.appendChild(use);
    let status = null;
    let clear = null;
    if (hidden) {
      status = document.createElement("p");
      status.className = "small mb-1 mt-1";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      clear = document.createElement("button");
      clear.type = "button";
      clear.className = "btn btn-link btn-sm p-0 ms-2";
      clear.textContent = text(form, "geoClear", "×");
      clear.hidden = true;
      box.appendChild(clear);
      box.appendChild(status);
    }

    function show() {
      if (!hidden) return;
      if (lat.value && lng.value) {
        status.textContent = text(form, "geoPicked", "{point}").replace("{point}", lat.value + ", " + lng.value);
        clear.hidden = false;
      } else {
        clear.hidden = true;
      }
    }

    use.addEventListener("click", function () {
      use.disabled = true;
      if (status) status.textContent = text(form, "geoWait", "…");
      navigator.geolocation.getCurrentPosition(
        function (pos) {
          lat.value = pos.coords.latitude.toFixed(6);
          lng.value = pos.coords.longitude.toFixed(6);
          use.disabled = false;
          show();
        },
        function () {
          use.disabled = false;
          if (status) status.textContent = text(form, "geoFailed", "");
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
    if (clear) {
      clear.addEventListener("click", function () {
        lat.value = "";
        lng.value = "";
        show();
        status.textContent = text(form, "geoCleared", "");
        use.focus();
      });
    }
    const anchor = (lat.dataset.geoAfter && document.getElementById(lat.dataset.geoAfter)) || lat;
    anchor.insertAdjacentElement("afterend", box);
    show();
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!("geolocation" in navigator)) return;
    document.querySelectorAll("input[data-geo='lat']").forEach(setup);
  });
})();
