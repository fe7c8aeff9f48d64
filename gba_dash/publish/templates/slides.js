// The offline bundle's tour as slides (gba_dash/publish/bundle.py): Previous/Next and the
// arrow keys show one scene and move the bundle's map (window.gbaMap) to it. Its data is the
// JSON in <script id="gba-slides">.
(function () {
  var data = JSON.parse(document.getElementById("gba-slides").textContent);
  var slides = document.querySelectorAll(".slide");
  var counter = document.getElementById("slide-counter");
  var current = 0;
  function show(i) {
    if (!slides.length) return;
    current = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, k) { s.classList.toggle("active", k === current); });
    counter.textContent = (current + 1) + " / " + slides.length;
    var scene = data[current];
    var map = window.gbaMap;
    if (map && scene) {
      // No animation: Leaflet drops a new view asked for while a zoom animation runs.
      if (scene.center && scene.zoom) { map.setView(scene.center, scene.zoom, {animate: false}); }
      else if (scene.bounds) { map.fitBounds(scene.bounds, {padding: [20, 20], animate: false}); }
    }
  }
  document.getElementById("slide-prev").addEventListener("click", function () { show(current - 1); });
  document.getElementById("slide-next").addEventListener("click", function () { show(current + 1); });
  document.addEventListener("keydown", function (e) {
    if (e.target && /input|textarea|select/i.test(e.target.tagName)) return;
    if (e.key === "ArrowRight") show(current + 1);
    if (e.key === "ArrowLeft") show(current - 1);
  });
  show(0);
})();
