// Photos made smaller in the browser before they are sent (no inline scripts:
// CSP), so that a phone's 8-12 MB photo is never refused: each JPEG or PNG
// chosen in an <input type="file" data-resize="2000"> is redrawn on a canvas
// with its longest side at most that many pixels and saved as a JPEG of
// quality 0.85; the box then holds the smaller files (DataTransfer). The
// server's size limit stays as the last guard; without JavaScript, or in a
// browser without createImageBitmap/DataTransfer, the photos go as they are.
// Texts: the form's data-resize-busy and data-resize-done ({files} = file names).
(function () {
  "use strict";
  const QUALITY = 0.85;
  const SMALL_ENOUGH = 1024 * 1024;

  function toBlob(canvas) {
    return new Promise(function (resolve) {
      canvas.toBlob(resolve, "image/jpeg", QUALITY);
    });
  }

  async function shrink(file, maxSide) {
    if (!/^image\/(jpeg|png)$/.test(file.type)) return file;
    let bitmap;
    try {
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch (error) {
      return file; // not readable here: the server says so in Thai
    }
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    if (scale === 1 && file.size <= SMALL_ENOUGH) {
      bitmap.close();
      return file;
    }
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff"; // a transparent PNG gets a white background
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await toBlob(canvas);
    if (!blob || blob.size >= file.size) return file;
    const name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
    return new File([blob], name, { type: "image/jpeg", lastModified: Date.now() });
  }

  function note(input) {
    let status = input.parentNode.querySelector(".photo-resize-status");
    if (!status) {
      status = document.createElement("p");
      status.className = "photo-resize-status small mb-0 mt-1";
      status.setAttribute("role", "status");
      status.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", status);
    }
    return status;
  }

  async function resize(input) {
    const form = input.form;
    const files = Array.from(input.files || []);
    if (!files.length) return;
    const status = note(input);
    const buttons = form ? form.querySelectorAll("button[type=submit]") : [];
    form.dataset.resizing = "1";
    buttons.forEach(function (b) { b.disabled = true; });
    status.textContent = (form && form.dataset.resizeBusy) || "…";
    try {
      const maxSide = parseInt(input.dataset.resize, 10) || 2000;
      const smaller = await Promise.all(files.map(function (f) { return shrink(f, maxSide); }));
      const transfer = new DataTransfer();
      smaller.forEach(function (f) { transfer.items.add(f); });
      input.files = transfer.files;
      const names = smaller.map(function (f) {
        return f.name + " (" + Math.round(f.size / 1024) + " KB)";
      }).join(", ");
      status.textContent = ((form && form.dataset.resizeDone) || "{files}").replace("{files}", names);
    } finally {
      delete form.dataset.resizing;
      buttons.forEach(function (b) { b.disabled = false; });
    }
  }

  if (!window.createImageBitmap || typeof DataTransfer === "undefined") return;
  document.addEventListener("change", function (event) {
    const input = event.target;
    if (input instanceof HTMLInputElement && input.type === "file" && input.dataset.resize) {
      resize(input);
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target.dataset && event.target.dataset.resizing) event.preventDefault();
  }, true);
})();
