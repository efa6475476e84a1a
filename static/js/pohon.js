// The interactive pohon kinerja (templates/laporan/pohon.html): a search that keeps the
// nodes whose text matches and their ancestors (opened), and buttons that open or close
// every node. No inline script: the Content-Security-Policy forbids it.
(function () {
  "use strict";
  var root = document.getElementById("pohon");
  if (!root) { return; }
  var input = document.getElementById("pohon-cari");
  var hasil = document.getElementById("pohon-hasil");
  var nodes = Array.prototype.slice.call(root.querySelectorAll("details.pohon-node"));

  function setAll(open) {
    nodes.forEach(function (d) { d.open = open; });
  }

  function cari() {
    var q = (input.value || "").trim().toLowerCase();
    if (!q) {
      nodes.forEach(function (d) { d.hidden = false; d.classList.remove("pohon-cocok"); });
      hasil.textContent = "";
      return;
    }
    var cocok = 0;
    nodes.forEach(function (d) { d.hidden = true; d.classList.remove("pohon-cocok"); });
    nodes.forEach(function (d) {
      if ((d.getAttribute("data-teks") || "").indexOf(q) === -1) { return; }
      cocok += 1;
      d.hidden = false;
      d.classList.add("pohon-cocok");
      var p = d.parentElement;
      while (p && p !== root) {
        if (p.matches && p.matches("details.pohon-node")) { p.hidden = false; p.open = true; }
        p = p.parentElement;
      }
    });
    hasil.textContent = cocok + " node cocok";
  }

  input.addEventListener("input", cari);
  document.getElementById("pohon-buka").addEventListener("click", function () { setAll(true); });
  document.getElementById("pohon-tutup").addEventListener("click", function () { setAll(false); });
  var sel = document.getElementById("pohon-triwulan");
  if (sel) { sel.addEventListener("change", function () { sel.form.submit(); }); }
}());
