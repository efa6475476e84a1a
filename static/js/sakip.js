/* SAKIP page behaviour: small, progressive enhancements on top of htmx. */
(function () {
  "use strict";

  // Numbers are never parsed here: the preview beside a number field asks the server
  // (sakip.views.angka_baca, hx-get on the input), which reads it by the one rule. The
  // entry sheet's changed rows: static/js/entri.js.

  function initRows(root) {
    root = root || document;
    (root || document).querySelectorAll("[data-bs-toggle='popover']").forEach(function (el) {
      if (window.bootstrap) bootstrap.Popover.getOrCreateInstance(el);
    });
    (root || document).querySelectorAll("[data-bs-toggle='tooltip']").forEach(function (el) {
      if (window.bootstrap) bootstrap.Tooltip.getOrCreateInstance(el);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { initRows(document); });

  // Show the chosen file's name beside the Indonesian "Pilih berkas" button.
  document.addEventListener("change", function (e) {
    if (!e.target.matches(".pilih-berkas input[type=file]")) return;
    var out = e.target.closest(".pilih-berkas").querySelector(".nama-berkas");
    var file = e.target.files && e.target.files[0];
    if (out) out.textContent = file ? file.name : "belum dipilih";
  });
  document.addEventListener("htmx:load", function (e) { initRows(e.target); });

  // Behaviour that used to be inline handlers (the Content-Security-Policy runs no onclick=):
  // <select data-submit-on-change> sends its form, <button data-remove-closest=".card">
  // removes the nearest such ancestor.
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-submit-on-change]") && e.target.form) e.target.form.submit();
  });
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-remove-closest]");
    if (!el) return;
    var target = el.closest(el.getAttribute("data-remove-closest"));
    if (target) target.remove();
  });

  // Confirm dangerous buttons: <button data-confirm="Yakin?">.
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      e.preventDefault();
      e.stopPropagation();
    }
  }, true);

  // A failed htmx request (network, 5xx, 403) gets a visible message instead of nothing.
  function toast(text) {
    var box = document.getElementById("sakip-toast");
    if (!box) { window.alert(text); return; }
    var el = document.createElement("div");
    el.className = "toast align-items-center text-bg-danger border-0";
    el.setAttribute("role", "alert");
    el.innerHTML = '<div class="d-flex"><div class="toast-body"></div><button type="button" class="btn-close btn-close-white me-2 m-auto" data-bs-dismiss="toast" aria-label="Tutup"></button></div>';
    el.querySelector(".toast-body").textContent = text;
    box.appendChild(el);
    if (window.bootstrap) new bootstrap.Toast(el, { delay: 6000 }).show();
  }
  document.addEventListener("htmx:responseError", function (e) {
    var status = e.detail.xhr.status;
    if (status === 403) toast("Anda tidak berwenang melakukan tindakan ini, atau sesi Anda telah berakhir.");
    else if (status === 404) toast("Data tidak ditemukan.");
    else toast("Terjadi kesalahan pada server (" + status + "). Silakan coba lagi.");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("Tidak dapat terhubung ke server. Periksa koneksi Anda.");
  });

  // An expired session answers an htmx request with the login page (after a redirect):
  // go to the login page instead of pasting it into a row.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var url = e.detail.xhr && e.detail.xhr.responseURL;
    if (url && url.indexOf("/akun/masuk/") >= 0) {
      e.detail.shouldSwap = false;
      window.location.href = url.split("?")[0] + "?next=" + encodeURIComponent(window.location.pathname + window.location.search);
    }
  });

})();
