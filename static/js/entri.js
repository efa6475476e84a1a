/* The entry sheet (templates/kinerja/entri.html; issue 13 items 1 and 2):
   - which rows changed: each row's fields are compared with the values it was drawn with;
   - keyboard: Tab through the fields, Enter saves a changed row (its own htmx save) and
     moves to the next row's first field, ↑/↓ move to the same field of the row above or
     below, Ctrl+S is "Simpan semua";
   - "Simpan semua": one POST with every changed row (kinerja.views.entri_semua); the rows
     and the summary come back out of band;
   - the filter bar: text search over the rows and only empty / returned / changed rows;
     every count of the summary bar links to its rows;
   - nothing typed is lost: a link, another unit or quarter, "Ajukan" or any other form
     with unsaved rows first offers "Simpan semua", "Buang perubahan" or "Batal"; closing
     the tab asks the browser's own question. "Buang perubahan" puts back in every changed
     row what the server last drew as saved (kept per row id across htmx swaps: a row
     answered with an error is drawn with what was typed, so form.reset() is no use there),
     and coming back to the sheet through the browser's history draws it anew.
   Numbers are never read here: the server reads them (sakip.angka.parse_angka). */
(function () {
  "use strict";

  var lembar = document.getElementById("lembar");
  if (!lembar) return;
  var tombolSemua = document.getElementById("simpan-semua");
  var dialog = document.getElementById("dialog-perubahan");
  var awal = new WeakMap(); // row -> its fields as drawn
  var tersimpan = new Map(); // data-baris -> its fields and reading as last drawn saved
  var kotor = new Set(); // rows whose fields differ from how they were drawn
  var teksCari = new WeakMap();
  var tampil = "";
  var fokusSetelah = null; // id of the row saved by Enter: focus moves on after its answer
  var lanjut = null; // what the save offer continues with

  function semuaBaris() { return lembar.querySelectorAll("[data-baris]"); }
  function formBaris(row) { return row.querySelector("form.entri-garis"); }
  function isian(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "unit" && el.name !== "versi" &&
        ["submit", "button", "file", "hidden"].indexOf(el.type) < 0;
    });
  }
  function nilaiBaris(form) {
    return isian(form).map(function (el) {
      return el.name + "=" + (el.type === "checkbox" ? (el.checked ? "on" : "") : el.value);
    }).join("&");
  }

  function bacaanBaris(row) { return row.querySelector(".bacaan"); }
  function catat(row) {
    var form = formBaris(row);
    if (!form) return;
    // a row answered with an error still holds what was typed: changed until saved
    var ketikan = row.hasAttribute("data-kotor");
    awal.set(row, ketikan ? null : nilaiBaris(form));
    if (!ketikan) {
      var bacaan = bacaanBaris(row);
      tersimpan.set(row.getAttribute("data-baris"), {
        isian: isian(form).map(function (el) {
          return el.type === "checkbox" ? el.checked : el.value;
        }),
        bacaan: bacaan ? bacaan.innerHTML : null
      });
    }
    periksa(row);
  }
  function periksa(row) {
    var form = formBaris(row);
    var beda = !!form && awal.has(row) && awal.get(row) !== nilaiBaris(form);
    row.classList.toggle("is-dirty", beda);
    if (beda) kotor.add(row); else kotor.delete(row);
  }
  function barisKotor() {
    kotor.forEach(function (row) { if (!row.isConnected) kotor.delete(row); });
    return Array.from(kotor);
  }
  function tulisJumlah() {
    var n = barisKotor().length;
    var out = document.getElementById("jumlah-berubah");
    if (out) out.textContent = n ? n + " baris berubah, belum disimpan" : "";
    if (tombolSemua) {
      tombolSemua.disabled = n === 0;
      tombolSemua.textContent = n ? "Simpan semua (" + n + ")" : "Simpan semua";
    }
  }

  // --- rows drawn: on load and whenever htmx swaps rows in ----------------------------
  function rowsIn(root) {
    if (root.matches && root.matches("[data-baris]")) return [root];
    return root.querySelectorAll ? root.querySelectorAll("[data-baris]") : [];
  }
  document.addEventListener("htmx:load", function (e) {
    var rows = rowsIn(e.target);
    Array.prototype.forEach.call(rows, function (row) {
      catat(row);
      if (fokusSetelah && row.id === fokusSetelah) {
        fokusSetelah = null;
        setTimeout(function () { fokusSesudahSimpan(row); }, 0);
      }
    });
    if (rows.length) tulisJumlah();
  });
  Array.prototype.forEach.call(semuaBaris(), catat);
  tulisJumlah();

  lembar.addEventListener("input", function (e) {
    var row = e.target.closest("[data-baris]");
    if (row) { periksa(row); tulisJumlah(); }
  });
  lembar.addEventListener("change", function (e) {
    var row = e.target.closest("[data-baris]");
    if (row) { periksa(row); tulisJumlah(); }
  });

  // --- keyboard -----------------------------------------------------------------------
  function terlihat(row) { return !row.hidden && formBaris(row); }
  function tetangga(row, arah) {
    var rows = Array.prototype.filter.call(semuaBaris(), function (r) { return r === row || terlihat(r); });
    var i = rows.indexOf(row);
    return i < 0 ? null : rows[i + arah] || null;
  }
  function medanPertama(row) {
    var form = formBaris(row);
    return form && form.querySelector("input:not([type=hidden]):not([type=checkbox]), select, textarea");
  }
  function fokus(el) { if (el) { el.focus(); if (el.select && el.tagName === "INPUT") el.select(); } }
  function fokusSesudahSimpan(row) {
    var salah = row.querySelector(".is-invalid");
    if (salah || row.querySelector("[data-testid=konflik]")) { fokus(salah || medanPertama(row)); return; }
    var next = tetangga(row, 1);
    fokus(next ? medanPertama(next) : medanPertama(row));
  }

  lembar.addEventListener("keydown", function (e) {
    var el = e.target;
    var row = el.closest("[data-baris]");
    if (!row || !el.form || !el.form.classList.contains("entri-garis")) return;
    if (e.key === "Enter" && el.tagName !== "TEXTAREA" && el.tagName !== "BUTTON") {
      e.preventDefault();
      if (kotor.has(row)) {
        fokusSetelah = row.id;
        el.form.requestSubmit();
      } else {
        var next = tetangga(row, 1);
        if (next) fokus(medanPertama(next));
      }
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && el.tagName === "INPUT" && el.type === "text") {
      var other = tetangga(row, e.key === "ArrowDown" ? 1 : -1);
      if (!other) return;
      e.preventDefault();
      fokus(formBaris(other).querySelector("[name='" + el.name + "']") || medanPertama(other));
    }
  });
  document.addEventListener("keydown", function (e) {
    if ((e.ctrlKey || e.metaKey) && (e.key === "s" || e.key === "S") && tombolSemua) {
      e.preventDefault();
      simpanSemua();
    }
  });

  // --- "Simpan semua" -----------------------------------------------------------------
  function simpanSemua() {
    var rows = barisKotor();
    if (!tombolSemua) return Promise.resolve(false);
    if (!rows.length) return Promise.resolve(true);
    var values = { unit: tombolSemua.getAttribute("data-unit"), baris: "" };
    values.baris = rows.map(function (row) { return row.getAttribute("data-baris"); }).join(",");
    rows.forEach(function (row) {
      var key = row.getAttribute("data-baris");
      var form = formBaris(row);
      values[key + "-versi"] = form.elements.versi.value;
      isian(form).forEach(function (el) {
        if (el.type === "checkbox" && !el.checked) return;
        values[key + "-" + el.name] = el.value;
      });
    });
    tombolSemua.disabled = true;
    tombolSemua.classList.add("htmx-request");
    return htmx.ajax("POST", tombolSemua.getAttribute("data-url"), {
      source: tombolSemua, values: values, swap: "none"
    }).then(function () {
      tombolSemua.classList.remove("htmx-request");
      tulisJumlah();
      if (tampil || (kotakCari && kotakCari.value)) terapkan(); // the rows came back unfiltered
      var hasil = document.getElementById("simpan-semua-hasil");
      return !!hasil && hasil.getAttribute("data-gagal") === "0" && barisKotor().length === 0;
    }, function () {
      tombolSemua.classList.remove("htmx-request");
      tulisJumlah();
      return false;
    });
  }
  if (tombolSemua) tombolSemua.addEventListener("click", function () { simpanSemua(); });

  // --- filter bar ---------------------------------------------------------------------
  function teks(row) {
    if (!teksCari.has(row)) {
      var judul = row.previousElementSibling;
      while (judul && !judul.hasAttribute("data-kelompok")) judul = judul.previousElementSibling;
      var ind = row.querySelector(".k-ind");
      teksCari.set(row, ((ind ? ind.textContent : "") + " " + (judul ? judul.textContent : "")).toLowerCase());
    }
    return teksCari.get(row);
  }
  var kotakCari = document.getElementById("cari-baris");
  function terapkan() {
    var q = kotakCari ? kotakCari.value.trim().toLowerCase() : "";
    var n = 0;
    var semua = semuaBaris();
    Array.prototype.forEach.call(semua, function (row) {
      var ok = true;
      if (tampil === "berubah") ok = kotor.has(row);
      else if (tampil) ok = row.getAttribute("data-status") === tampil;
      if (ok && q) ok = teks(row).indexOf(q) >= 0;
      row.hidden = !ok;
      if (ok) n += 1;
    });
    Array.prototype.forEach.call(lembar.querySelectorAll("[data-kelompok]"), function (judul) {
      var ada = false;
      for (var el = judul.nextElementSibling; el && !el.hasAttribute("data-kelompok"); el = el.nextElementSibling) {
        if (el.hasAttribute("data-baris") && !el.hidden) { ada = true; break; }
      }
      judul.hidden = !ada;
    });
    var kosong = document.getElementById("tanpa-hasil");
    if (kosong) kosong.hidden = n > 0;
    var info = document.getElementById("jumlah-tampil");
    if (info) info.textContent = (tampil || q) ? n + " dari " + semua.length + " baris ditampilkan" : "";
    document.querySelectorAll(".entri-saring [data-tampil]").forEach(function (b) {
      var aktif = b.getAttribute("data-tampil") === tampil;
      b.classList.toggle("active", aktif);
      b.setAttribute("aria-pressed", aktif ? "true" : "false");
    });
  }
  document.addEventListener("click", function (e) {
    var el = e.target.closest("[data-tampil]");
    if (!el) return;
    e.preventDefault();
    tampil = el.getAttribute("data-tampil") || "";
    var url = new URL(window.location.href);
    if (tampil) url.searchParams.set("tampil", tampil); else url.searchParams.delete("tampil");
    window.history.replaceState(null, "", url);
    terapkan();
  });
  if (kotakCari) kotakCari.addEventListener("input", terapkan);
  tampil = new URLSearchParams(window.location.search).get("tampil") || "";
  if (tampil) terapkan();

  // the evidence panel of a row
  lembar.addEventListener("click", function (e) {
    var b = e.target.closest("[data-panel]");
    if (!b) return;
    var panel = document.getElementById(b.getAttribute("data-panel"));
    if (!panel) return;
    panel.hidden = !panel.hidden;
    b.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
  });

  // --- nothing typed is lost ----------------------------------------------------------
  function pulihkan(row) {
    var form = formBaris(row);
    if (!form) return;
    var simpan = tersimpan.get(row.getAttribute("data-baris"));
    var els = isian(form);
    if (!simpan || simpan.isian.length !== els.length) { form.reset(); return; }
    els.forEach(function (el, i) {
      var v = simpan.isian[i];
      // the defaults too: a later reset or the browser's own form restore agree
      if (el.type === "checkbox") { el.checked = v; el.defaultChecked = v; }
      else if (el.tagName === "SELECT") {
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = o.defaultSelected = o.value === v;
        });
      } else { el.value = v; el.defaultValue = v; }
      el.classList.remove("is-invalid");
    });
    Array.prototype.forEach.call(row.querySelectorAll(".invalid-feedback, .k-pesan .alert-danger"), function (e) {
      e.remove();
    });
    var bacaan = bacaanBaris(row);
    if (bacaan && simpan.bacaan !== null) bacaan.innerHTML = simpan.bacaan;
  }
  function buang() {
    barisKotor().forEach(function (row) {
      pulihkan(row);
      row.removeAttribute("data-kotor");
      catat(row);
    });
    tulisJumlah();
  }
  function tawarkan(terus) {
    var n = barisKotor().length;
    if (!dialog || typeof dialog.showModal !== "function") {
      if (window.confirm(n + " baris belum disimpan. Tinggalkan tanpa menyimpan?")) { buang(); terus(); }
      return;
    }
    lanjut = terus;
    document.getElementById("dialog-perubahan-jumlah").textContent = n;
    dialog.showModal();
  }
  if (dialog) {
    dialog.addEventListener("click", function (e) {
      var b = e.target.closest("[data-pilihan]");
      if (!b) return;
      var pilihan = b.getAttribute("data-pilihan");
      var terus = lanjut;
      if (pilihan === "batal") { lanjut = null; dialog.close(); return; }
      if (pilihan === "buang") { lanjut = null; dialog.close(); buang(); if (terus) terus(); return; }
      b.disabled = true;
      simpanSemua().then(function (ok) {
        b.disabled = false;
        lanjut = null;
        dialog.close();
        if (ok && terus) terus();
      });
    });
    dialog.addEventListener("cancel", function () { lanjut = null; });
  }
  function adaPerubahan() { return barisKotor().length > 0; }

  // Links (navigation, another quarter, another page): window capture runs before any
  // other click handler of the page.
  window.addEventListener("click", function (e) {
    if (!adaPerubahan() || e.defaultPrevented || e.button !== 0) return;
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return; // a new tab loses nothing
    var tombol = e.target.closest("[data-jaga-perubahan] [type=submit]");
    if (tombol) {
      e.preventDefault();
      e.stopPropagation();
      // "Simpan semua" redraws the summary bar out of band: find the button again
      var nama = tombol.getAttribute("data-testid");
      tawarkan(function () {
        var t = (nama && document.querySelector("[data-testid='" + nama + "']")) || tombol;
        t.click();
      });
      return;
    }
    var a = e.target.closest("a[href]");
    if (!a || a.hasAttribute("data-tampil") || a.hasAttribute("download")) return;
    var href = a.getAttribute("href");
    if (!href || href.charAt(0) === "#" || a.target === "_blank") return;
    e.preventDefault();
    e.stopPropagation();
    tawarkan(function () { window.location.href = a.href; });
  }, true);
  // Other forms (the unit chooser, logging out): before they are sent.
  window.addEventListener("change", function (e) {
    var sel = e.target;
    if (!sel.matches || !sel.matches("[data-submit-on-change]") || !adaPerubahan()) return;
    e.stopPropagation();
    var dipilih = sel.value;
    Array.prototype.forEach.call(sel.options, function (o) { o.selected = o.defaultSelected; });
    tawarkan(function () { sel.value = dipilih; sel.form.submit(); });
  }, true);
  window.addEventListener("submit", function (e) {
    var form = e.target;
    if (lembar.contains(form) || !adaPerubahan()) return;
    e.preventDefault();
    e.stopPropagation();
    tawarkan(function () { form.submit(); });
  }, true);
  // Back to the sheet through the history: the browser may show the page as first loaded
  // (from its cache, before any row was saved by htmx) or as it was left; either can be
  // stale, so the sheet is drawn anew.
  window.addEventListener("pageshow", function (e) {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (!e.persisted && !(nav && nav.type === "back_forward")) return;
    kotor.clear(); // what the browser restored into the fields is not what was typed here
    window.location.reload();
  });
  window.addEventListener("beforeunload", function (e) {
    if (!adaPerubahan()) return;
    e.preventDefault();
    e.returnValue = "";
  });
})();
