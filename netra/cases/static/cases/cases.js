// Public report form: show identity fields only for confidential reports, and list
// only the kelurahan of the chosen kecamatan. Works without JavaScript too.
(function () {
  function syncIdentity() {
    var box = document.querySelector("[data-identity-fields]");
    if (!box) return;
    var checked = document.querySelector("input[name=identity_mode]:checked");
    box.hidden = !checked || checked.value !== "rahasia";
  }
  function syncKelurahan() {
    var kecamatan = document.getElementById("id_kecamatan");
    var kelurahan = document.getElementById("id_kelurahan");
    if (!kecamatan || !kelurahan) return;
    var parent = kecamatan.value;
    Array.prototype.forEach.call(kelurahan.options, function (option) {
      var owner = option.getAttribute("data-parent");
      option.hidden = Boolean(parent && owner && owner !== parent);
    });
    var selected = kelurahan.options[kelurahan.selectedIndex];
    if (selected && selected.hidden) kelurahan.value = "";
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.name === "identity_mode") syncIdentity();
    if (target.id === "id_kecamatan") syncKelurahan();
  });
  document.addEventListener("DOMContentLoaded", function () { syncIdentity(); syncKelurahan(); });
})();
