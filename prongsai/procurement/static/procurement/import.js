// Upload progress for long import files: the form is sent with XHR so that a
// progress bar can follow the upload, then the server's answer (the preview
// page) replaces the current page. Without JavaScript the form posts normally.
document.addEventListener("submit", function (event) {
  const form = event.target.closest("form[data-upload-progress]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  event.preventDefault();
  const box = document.getElementById(form.dataset.uploadProgress);
  const bar = box.querySelector("progress");
  const label = box.querySelector("[data-progress-label]");
  box.hidden = false;
  form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
  const xhr = new XMLHttpRequest();
  xhr.open("POST", form.action || window.location.href);
  xhr.upload.addEventListener("progress", function (e) {
    if (e.lengthComputable) {
      bar.value = Math.round((e.loaded / e.total) * 100);
      label.textContent = box.dataset.uploading + " " + bar.value + "%";
    }
  });
  xhr.upload.addEventListener("load", function () {
    bar.removeAttribute("value"); // indeterminate while the server reads the rows
    label.textContent = box.dataset.checking;
  });
  xhr.addEventListener("load", function () {
    if (xhr.responseURL && xhr.responseURL !== window.location.href) {
      window.location.assign(xhr.responseURL);
    } else {
      document.open();
      document.write(xhr.responseText);
      document.close();
    }
  });
  xhr.addEventListener("error", function () {
    form.removeAttribute("data-upload-progress");
    form.submit();
  });
  xhr.send(new FormData(form));
});
