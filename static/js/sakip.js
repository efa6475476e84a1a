/* SAKIP page behaviour: small, progressive enhancements on top of htmx. */
(function () {
  "use strict";

  // Parse an Indonesian or plain number: "86,5", "86.5", "1.250.000", "1.250.000,75".
  function parseAngka(text) {
    if (text === null || text === undefined) return null;
    var s = String(text).trim().replace(/\s|Rp|%/g, "");
    if (!s) return null;
    var hasComma = s.indexOf(",") >= 0;
    var dots = (s.match(/\./g) || []).length;
    if (hasComma) {
      s = s.replace(/\./g, "").replace(",", ".");
    } else if (dots > 1 || /^-?[1-9]\d{0,2}\.\d{3}$/.test(s)) {
      // "1.250" in Indonesian is one thousand two hundred fifty
      s = s.replace(/\./g, "");
    }
    if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
    return parseFloat(s);
  }

  function formatAngka(value, digits) {
    return value.toLocaleString("id-ID", { minimumFractionDigits: 0, maximumFractionDigits: digits });
  }

  // Live ratio: numerator / denominator x multiplier, shown beside the inputs.
  function updateRasio(row) {
    var p = row.querySelector("[data-rasio='pembilang']");
    var q = row.querySelector("[data-rasio='penyebut']");
    var out = row.querySelector("[data-rasio='hasil']");
    if (!p || !q || !out) return;
    var a = parseAngka(p.value), b = parseAngka(q.value);
    var pengali = parseFloat(out.getAttribute("data-pengali") || "100");
    if (a === null || b === null) { out.textContent = "—"; return; }
    if (b === 0) { out.textContent = "penyebut tidak boleh 0"; return; }
    out.textContent = formatAngka(a / b * pengali, 2);
  }

  document.addEventListener("input", function (e) {
    var row = e.target.closest("[data-entri-row]");
    if (!row) return;
    if (e.target.matches("[data-rasio]")) updateRasio(row);
    row.classList.add("is-dirty");
  });

  function initRows(root) {
    root = root || document;
    // htmx:load passes the swapped row itself, which querySelectorAll does not include
    if (root.matches && root.matches("[data-entri-row]")) updateRasio(root);
    root.querySelectorAll("[data-entri-row]").forEach(updateRasio);
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

  window.SAKIP = { parseAngka: parseAngka, formatAngka: formatAngka };
})();
