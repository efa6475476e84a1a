/* Indonesian messages for the browser's own form checks (a required field left empty, a
   value the input type refuses), which otherwise speak the browser's language. The server
   checks everything again and answers in Indonesian; this only replaces the bubble. */
(function () {
  "use strict";

  function pesan(el) {
    var v = el.validity;
    if (v.valueMissing) {
      if (el.type === "file") return "Pilih berkas terlebih dahulu.";
      if (el.tagName === "SELECT" || el.type === "radio") return "Pilih salah satu.";
      if (el.type === "checkbox") return "Centang kotak ini untuk melanjutkan.";
      return "Bagian ini wajib diisi.";
    }
    if (v.typeMismatch && el.type === "email") return "Tulis alamat email yang sah, mis. nama@contoh.go.id.";
    if (v.typeMismatch) return "Isian tidak sesuai formatnya.";
    if (v.tooLong) return "Isian terlalu panjang.";
    if (v.tooShort) return "Isian terlalu pendek.";
    if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) return "Angka di luar batas yang diizinkan.";
    if (v.patternMismatch) return el.getAttribute("title") || "Isian tidak sesuai formatnya.";
    if (v.badInput) return "Isian tidak dapat dibaca.";
    return "";
  }

  document.addEventListener("invalid", function (e) {
    var el = e.target;
    if (!el || typeof el.setCustomValidity !== "function") return;
    el.setCustomValidity("");
    if (!el.validity.valid) el.setCustomValidity(pesan(el));
  }, true);

  function reset(e) {
    var el = e.target;
    if (el && typeof el.setCustomValidity === "function") el.setCustomValidity("");
  }
  document.addEventListener("input", reset, true);
  document.addEventListener("change", reset, true);
})();
