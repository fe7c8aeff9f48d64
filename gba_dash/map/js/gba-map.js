// The map's own browser code: every Leaflet element the dashboard adds to a folium map.
//
// A classic script (not a module): folium's map script calls it, inlined once at the top of
// that script by gba_dash/map/elements.py (MapScript), so the page's map and the offline
// map file run the same code with no request. Each element in Python renders one call,
// gbaMapKit.<name>(map, target, options), with its options as JSON (never code spliced into
// a string). The names of the globals the page shares with the map come in the options
// (gba_dash/map/contract.py). The pure helpers at the top are exported for Node
// (tests/test_map_js.py); the rest needs Leaflet and a document.
(function (root) {
  "use strict";

  // ---- pure helpers -------------------------------------------------------------------

  // The map container's zoom classes (gba-map.css): gba-z-lt10 hides the towns, gba-z-ge11
  // shows the offline basemap's note. Site names are not hidden by zoom: gba-layout.js
  // shows each where it fits.
  function zoomClasses(zoom) {
    return { "gba-z-lt10": zoom < 10, "gba-z-ge11": zoom >= 11 };
  }

  // A basemap feature's style by its Natural Earth layer, with a fallback for any other.
  function basemapStyle(styles, feature) {
    var layer = feature && feature.properties ? feature.properties.layer : undefined;
    return styles[layer] || { color: "#999", weight: 1 };
  }

  // A site layer's name in the layer control: its escaped base name and its shown count.
  function layerName(base, count) {
    return base + " (" + count + ")";
  }

  // The ids in ``ids`` as a set (an object of trues): what the set-shown function shows.
  function idSet(ids) {
    var out = {};
    (ids || []).forEach(function (id) {
      out[id] = true;
    });
    return out;
  }

  // Which parts of a layer to add and to remove so that exactly the sites in ``want`` show:
  // each part is [site, layer, isSymbol]; ``has(layer)`` says whether it is on the map now.
  // Returns {add, remove, count}, count being the symbols shown afterwards.
  function partsDiff(parts, want, has) {
    var add = [];
    var remove = [];
    var count = 0;
    parts.forEach(function (part) {
      var on = !!want[part[0]];
      var there = has(part[1]);
      if (on && !there) add.push(part[1]);
      if (!on && there) remove.push(part[1]);
      if (on && part[2]) count += 1;
    });
    return { add: add, remove: remove, count: count };
  }

  // The symbol's class list: selected, changed, new (gba-map.css draws each).
  function symbolClass(p) {
    return (
      "gba-symbol" + (p.selected ? " gba-selected" : "") + (p.changed ? " gba-changed" : "") + (p.new ? " gba-new" : "")
    );
  }

  // Whether a site's name is always labelled: the selected site, and the major categories.
  function isMajor(p, major) {
    return !!p.selected || major.indexOf(p.category) >= 0;
  }

  // The key of a set of shown site ids, whatever their order.
  function shownKey(ids) {
    return (ids || []).slice().sort().join(",");
  }

  // Whether a change of the shown sites refits the map: the sites changed, and the reader
  // has not panned or zoomed by hand since the last fit (then they keep their view).
  function shouldRefit(last, key, moved) {
    return last !== undefined && last !== key && !moved;
  }

  // ---- Leaflet elements ---------------------------------------------------------------

  // The fit state of a map: the shown sites' key, and whether the reader has moved the map
  // by hand since the last fit. A drag, a zoom (wheel, buttons, box, keys) or an arrow key
  // counts; a resize of the frame and the map's own fits do not.
  function fitState(map) {
    if (map._gbaFit) return map._gbaFit;
    var fit = (map._gbaFit = { moved: false, fitting: false });
    var moved = function () {
      if (!fit.fitting) fit.moved = true;
    };
    map.on("dragstart", moved);
    map.on("zoomstart", moved);
    map.getContainer().addEventListener("keydown", function (e) {
      if (/^Arrow/.test(e.key)) moved();
    });
    return fit;
  }

  // The bounds of the site layers on the map now (their shown parts).
  function shownBounds(map, names) {
    var bounds = L.latLngBounds([]);
    (window[names.siteGroups] || []).forEach(function (g) {
      if (!map.hasLayer(g)) return;
      g.eachLayer(function (l) {
        if (l.getLatLng) bounds.extend(l.getLatLng());
        else if (l.getBounds) bounds.extend(l.getBounds());
      });
    });
    return bounds;
  }

  // Fit the map to the shown sites; the reader's view is a fit again.
  function fitShown(map, names, animate) {
    var fit = fitState(map);
    var bounds = shownBounds(map, names);
    if (!bounds.isValid()) return;
    fit.fitting = true;
    map.once("moveend", function () {
      fit.fitting = false;
    });
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13, animate: !!animate });
    if (!animate) fit.fitting = false;
    fit.moved = false;
  }

  function pane(map, name, zIndex) {
    var p = map.getPane(name) || map.createPane(name);
    p.style.zIndex = zIndex;
    p.style.pointerEvents = "none";
    return p;
  }

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      return r.json();
    });
  }

  // Which legend rows to show: a category's row while any of its sites is shown, a mark's
  // row ("changed", "new") while a shown symbol carries it. Pure: counts in, flags out.
  function legendRows(categoryCounts, marks) {
    var out = {};
    Object.keys(categoryCounts).forEach(function (c) {
      out["category:" + c] = categoryCounts[c] > 0;
    });
    ["changed", "new"].forEach(function (m) {
      out["mark:" + m] = !!marks[m];
    });
    return out;
  }

  // The legend: one box per map, its HTML built in Python from escaped labels only. A
  // reader's own layer adds its section to the same box (o.own), shown while its layer is on
  // the map. A button folds the box away; it starts folded on a narrow screen.
  function legend(map, target, o) {
    var box = map._gbaLegend;
    if (o.own) {
      var section = document.createElement("div");
      section.className = "gba-legend-own gba-own-legend";
      section.setAttribute("aria-label", o.title);
      section.innerHTML = o.html;
      var place = function () {
        (map._gbaLegend ? map._gbaLegend.querySelector(".gba-legend-body") : null).appendChild(section);
      };
      if (box) place();
      else (map._gbaLegendQueue = map._gbaLegendQueue || []).push(place);
      target.on("add", function () {
        section.hidden = false;
      });
      target.on("remove", function () {
        section.hidden = true;
      });
      return;
    }
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", o.cssClass);
      div.setAttribute("role", "region");
      div.setAttribute("aria-label", o.title);
      div.innerHTML = o.html;
      var head = div.querySelector(".gba-legend-head");
      var button = L.DomUtil.create("button", "gba-legend-toggle", head);
      button.type = "button";
      var fold = function (folded) {
        div.classList.toggle("gba-legend-folded", folded);
        button.setAttribute("aria-expanded", folded ? "false" : "true");
        button.setAttribute("aria-label", folded ? o.labels.show : o.labels.hide);
        button.title = folded ? o.labels.show : o.labels.hide;
        button.textContent = folded ? "+" : "\u2212"; // a fixed glyph, not data
      };
      var screenWidth = window.innerWidth;
      try {
        screenWidth = window.parent.innerWidth || screenWidth;
      } catch (e) {
        // a page the map cannot read: its own width decides
      }
      fold(screenWidth < 700);
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      L.DomEvent.on(button, "click", function () {
        root.gbaLayout.schedule(map); // the box changed size: names make way
        fold(!div.classList.contains("gba-legend-folded"));
      });
      return div;
    };
    control.addTo(map);
    map._gbaLegend = control.getContainer();
    (map._gbaLegendQueue || []).forEach(function (place) {
      place();
    });
    map._gbaLegendQueue = [];
  }

  // Show the legend rows of what the map shows now.
  function updateLegend(map, names) {
    var box = map._gbaLegend;
    if (!box) return;
    var counts = {};
    var marks = {};
    (window[names.siteGroups] || []).forEach(function (g) {
      if (!g._gbaCategory) return;
      var on = map.hasLayer(g);
      var n = 0;
      (g._gbaParts || []).forEach(function (part) {
        if (part[2] && g.hasLayer(part[1])) {
          n += 1;
          if (on && part[3]) marks[part[3]] = true;
        }
      });
      counts[g._gbaCategory] = (counts[g._gbaCategory] || 0) + (on ? n : 0);
    });
    var show = legendRows(counts, marks);
    box.querySelectorAll(".gba-legend-row[data-category]").forEach(function (row) {
      var key = "category:" + row.dataset.category;
      if (key in show) row.hidden = !show[key];
    });
    box.querySelectorAll(".gba-legend-row[data-mark]").forEach(function (row) {
      row.hidden = !show["mark:" + row.dataset.mark];
    });
  }

  // The Natural Earth basemap fetched from a static URL, in its own pane below the
  // overlay pane: it arrives after the site layers, and opaque land must not cover them.
  function basemapFromUrl(map, group, o) {
    pane(map, "gba-basemap", 350);
    fetchJson(o.url).then(function (data) {
      L.geoJson(data, {
        pane: "gba-basemap",
        interactive: false,
        smoothFactor: 1.5,
        style: function (f) {
          return basemapStyle(o.styles, f);
        },
      }).addTo(group);
    });
  }

  // Place names as text (textContent: never parsed as HTML) in a pane under the site
  // symbols; fetched once from ``o.url``, or inlined as ``o.data``.
  function placeLabels(map, target, o) {
    pane(map, "gba-places", 450); // above the basemap and extents, below site symbols (600)
    var draw = function (data) {
      data.features.forEach(function (f) {
        var span = document.createElement("span");
        span.textContent = f.properties[o.nameKey] || f.properties.name_en;
        var c = f.geometry.coordinates;
        var marker = L.marker([c[1], c[0]], {
          pane: "gba-places",
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ html: span, className: "gba-place gba-place-" + f.properties.rank, iconSize: null }),
        }).addTo(map);
        // A city's name is placed after the science cities', a district's after every site's.
        marker._gbaPlace = { priority: o.priority[f.properties.rank], rank: f.properties.rank };
        (map._gbaPlaces = map._gbaPlaces || []).push(marker);
      });
      root.gbaLayout.schedule(map);
    };
    if (o.url) fetchJson(o.url).then(draw);
    else draw(o.data);
  }

  // "Zoom to shown sites": fits the view to the site layers on the map when clicked.
  function fitControl(map, target, o) {
    var control = L.control({ position: "topleft" });
    control.onAdd = function () {
      var div = L.DomUtil.create("div", "leaflet-bar gba-fit");
      var button = L.DomUtil.create("a", "", div);
      button.href = "#";
      button.setAttribute("role", "button");
      button.title = o.label;
      button.setAttribute("aria-label", o.label);
      button.innerHTML = "&#x2922;"; // a fixed glyph, not data
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        fitShown(map, o.names, true);
      });
      return div;
    };
    control.addTo(map);
  }

  // Fixed credits in the attribution line (never data text: Leaflet sets it as HTML), the
  // zoom classes, and a page that may be pinch-zoomed.
  function credits(map, target, o) {
    if (map.attributionControl) {
      // Beside the scale bar in one corner, stacked: a long line wraps without running
      // over the scale.
      map.attributionControl.setPosition("bottomleft");
      o.credits.forEach(function (c) {
        map.attributionControl.addAttribution(c);
      });
      // A compact "i" that unfolds the credits: the line covered a tenth of a small map.
      var credits = map.attributionControl.getContainer();
      credits.id = credits.id || "gba-credits-" + L.stamp(map);
      credits.classList.add("gba-credits-folded");
      var toggle = L.control({ position: "bottomleft" });
      toggle.onAdd = function () {
        var div = L.DomUtil.create("div", "leaflet-bar gba-credits-toggle");
        var button = L.DomUtil.create("button", "", div);
        button.type = "button";
        button.textContent = "\u24d8"; // a fixed glyph, not data
        button.title = o.toggle;
        button.setAttribute("aria-label", o.toggle);
        button.setAttribute("aria-controls", credits.id);
        button.setAttribute("aria-expanded", "false");
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.on(button, "click", function () {
          root.gbaLayout.schedule(map); // the box changed size: names make way
          var folded = credits.classList.toggle("gba-credits-folded");
          button.setAttribute("aria-expanded", folded ? "false" : "true");
        });
        return div;
      };
      toggle.addTo(map);
    }
    // folium's page header forbids pinch-zoom (user-scalable=no, maximum-scale=1): a reader
    // with low vision must be able to enlarge the map page (WCAG 1.4.4).
    document.querySelectorAll('meta[name="viewport"]').forEach(function (m) {
      m.setAttribute("content", "width=device-width, initial-scale=1");
    });
    var zoomed = function () {
      var classes = zoomClasses(map.getZoom());
      var list = map.getContainer().classList;
      Object.keys(classes).forEach(function (c) {
        list.toggle(c, classes[c]);
      });
    };
    map.on("zoomend", zoomed);
    zoomed();
  }

  // The offline basemap's note: shown by the CSS at zoom 11 or more while no online tiles
  // are shown (gba-z-ge11, and no gba-tiles on the map); its text is set as text.
  function basemapNote(map, target, o) {
    var note = L.DomUtil.create("div", "gba-basemap-note", map.getContainer());
    note.setAttribute("role", "note");
    note.textContent = o.text;
  }

  // Enter or Space on a focused site symbol acts as a click: Leaflet fires a
  // non-propagating "click" for Enter on a marker, which map-level listeners
  // (streamlit-folium's click reporting among them) never see; a real DOM click does.
  function keyboardSelect(map) {
    map.getContainer().addEventListener(
      "keydown",
      function (e) {
        var el = e.target;
        if ((e.key === "Enter" || e.key === " ") && el && el.classList && el.classList.contains("leaflet-marker-icon")) {
          e.preventDefault();
          e.stopPropagation();
          el.click();
        }
      },
      true,
    );
  }

  // A map that fills its frame (the page sizes the frame to the screen) and, in full
  // screen, keeps the scene's title on it for the room; the title is set as text.
  function presenterMap(map, target, o) {
    document.documentElement.classList.add("gba-fill");
    // The frame is sized by the page's CSS, possibly after this script: follow it.
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        map.invalidateSize();
        root.gbaLayout.schedule(map);
      }).observe(map.getContainer());
    }
    if (o.title) {
      var el = L.DomUtil.create("div", "gba-scene-title", map.getContainer());
      el.textContent = o.title;
      el.setAttribute("aria-hidden", "true"); // the page's heading says it already
    }
  }

  // Online tiles as the base layer once the browser has fetched one probe tile (with a
  // timeout), else the offline basemap stays: switched on blindly, an offline tile layer
  // fires a score of failing requests and leaves a grey map. "gba-tiles" on the map hides
  // our place names while labelled tiles are shown.
  function liveTiles(map, tiles, offline, o) {
    var box = map.getContainer();
    tiles.on("add", function () {
      box.classList.add("gba-tiles");
    });
    tiles.on("remove", function () {
      box.classList.remove("gba-tiles");
    });
    var img = new Image();
    var done = false;
    var timer;
    var finish = function (ok) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      img.onload = img.onerror = null;
      box.dataset.gbaTiles = ok ? "online" : "offline";
      if (ok && map.hasLayer(offline)) {
        map.removeLayer(offline);
        tiles.addTo(map);
      }
    };
    timer = setTimeout(function () {
      img.removeAttribute("src");
      finish(false);
    }, o.timeout);
    img.onload = function () {
      finish(img.naturalWidth > 0);
    };
    img.onerror = function () {
      finish(false);
    };
    img.src = o.probe;
  }

  function loadAsset(js, css) {
    return new Promise(function (done, fail) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = css;
      document.head.appendChild(link);
      var script = document.createElement("script");
      script.src = js;
      script.onload = done;
      script.onerror = fail;
      document.head.appendChild(script);
    });
  }

  // Full screen and measure, loaded after the map script has run: loaded up front as
  // folium's plugins do, their scripts (leaflet-measure is 106 KB) held a share link's
  // first symbols back by ~0.4 s. Options and the Leaflet >= 1.8 workaround for
  // leaflet-measure are folium's.
  function lazyControls(map, target, o) {
    // Both loaded first, then added in one order: added as each arrived, Full screen and
    // Measure swapped places between loads (issue #26).
    setTimeout(function () {
      Promise.all([loadAsset(o.fullJs, o.fullCss), loadAsset(o.measureJs, o.measureCss)]).then(function () {
        L.control.fullscreen(o.fullOptions).addTo(map);
        L.Control.Measure.include({
          _setCaptureMarkerIcon: function () {
            this._captureMarker.options.autoPanOnFocus = false;
            this._captureMarker.setIcon(L.divIcon({ iconSize: this._map.getSize().multiplyBy(2) }));
          },
        });
        map.addControl(new L.Control.Measure(o.measureOptions));
        root.gbaLayout.schedule(map);
      });
    }, 0);
  }

  // The page's own record of the sites its server last said are shown, or null.
  function serverShown(names) {
    try {
      if (window.parent !== window && window.parent[names.serverShown]) return idSet(window.parent[names.serverShown]);
    } catch (e) {
      // a page the map cannot reach: the marks in the data decide
    }
    return null;
  }

  // Show exactly the sites in ``ids`` in every site layer drawn so far, and give each layer
  // its count of shown sites in the layer control; returns the site symbols now shown.
  function setShown(map, names, ids, opts) {
    var fit = fitState(map); // the opening view is the first fit
    var key = shownKey(ids);
    var refit = shouldRefit(fit.key, key, fit.moved) && !(opts && opts.refit === false);
    fit.key = key;
    var want = idSet(ids);
    var shown = 0;
    window[names.siteGroups].forEach(function (g) {
      var diff = partsDiff(g._gbaParts || [], want, function (l) {
        return g.hasLayer(l);
      });
      diff.add.forEach(function (l) {
        g.addLayer(l);
      });
      diff.remove.forEach(function (l) {
        g.removeLayer(l);
      });
      g._gbaCount = diff.count;
      if (map.hasLayer(g) && g._gbaBase) shown += diff.count;
    });
    // Leaflet 1.9's layer control (vendored in static/) keeps its entries in _layers and
    // redraws them with _update(); the names are escaped server-side.
    var control = window.layer_control;
    if (control && control._layers) {
      control._layers.forEach(function (entry) {
        if (entry.layer && entry.layer._gbaBase) entry.name = layerName(entry.layer._gbaBase, entry.layer._gbaCount);
      });
      if (control._map) control._update();
    }
    // A filter change refits the map to what it shows, from the sidebar as from a link.
    if (refit) fitShown(map, names, false);
    updateLegend(map, names);
    root.gbaLayout.schedule(map);
    return shown;
  }

  // The sites of one layer, drawn from data: extents and lines, uncertainty circles,
  // symbols and their names. Every part names its site; a part marked "off" (a site the
  // filters leave out) is built but kept off the map, so that the page can show or hide it
  // at once when it predicts a filter change (gba_dash/ui/browser/predictor.js), before the
  // server's run. The page's record of what its server last showed wins over the marks:
  // the layers are built once per session's opening view and reused, so a filter change
  // does not resend them (Streamlit sends an unchanged element by reference).
  function siteLayer(map, group, o) {
    var names = o.names;
    var data = o.data;
    var groups = (window[names.siteGroups] = window[names.siteGroups] || []);
    // For "Zoom to shown sites": the groups on the map when it is clicked. A group is added
    // to the map after this runs, so stale ones are pruned only now and then.
    if (groups.length > 200) {
      window[names.siteGroups] = groups.filter(function (g) {
        return map.hasLayer(g);
      });
    }
    window[names.siteGroups].push(group);
    pane(map, "gba-site-labels", 610); // just above the symbols; never takes a click
    var truth = serverShown(names);
    group._gbaParts = [];
    group._gbaBase = data.base || null;
    if (data.crowd) map._gbaCrowdText = data.crowd;
    group._gbaCategory = data.category || null;
    var put = function (site, off, layer, symbol, mark) {
      group._gbaParts.push([site, layer, !!symbol, mark || ""]);
      if (truth ? truth[site] : !off) layer.addTo(group);
    };
    data.shapes.forEach(function (s) {
      var layer = L.geoJSON(s.geometry, { style: s.style, interactive: !!s.tip });
      if (s.tip) layer.bindTooltip(s.tip, { sticky: true });
      put(s.site, s.off, layer);
    });
    data.circles.forEach(function (c) {
      put(
        c.site,
        c.off,
        L.circle([c.lat, c.lon], {
          radius: c.r,
          color: c.colour,
          weight: 1,
          opacity: 0.5,
          fill: true,
          fillOpacity: 0.05,
          dashArray: "3 4",
          interactive: false,
          className: "gba-uncertainty",
        }),
      );
    });
    data.symbols.forEach(function (p) {
      var size = p.selected ? 26 : 18;
      var marker = L.marker([p.lat, p.lon], {
        icon: L.divIcon({
          html: o.symbols[p.category + (p.selected ? ":selected" : "")],
          iconSize: [size, size],
          iconAnchor: [size / 2, size / 2],
          className: symbolClass(p),
        }),
        keyboard: true,
        zIndexOffset: p.selected ? 1000 : 0,
      }).bindTooltip(p.tip, { sticky: true });
      var priority = p.selected ? 0 : o.priority[p.category];
      marker._gbaSymbol = { site: p.site, half: size / 2, priority: priority };
      marker.on("add", function () {
        var el = this.getElement();
        if (el) {
          el.setAttribute("aria-label", p.label);
          el.dataset.site = p.site;
        }
      });
      put(p.site, p.off, marker, true, p.changed ? "changed" : p.new ? "new" : "");
      // The name as text beside the symbol (textContent: never parsed as HTML).
      var span = document.createElement("span");
      span.textContent = p.name;
      var label = L.marker([p.lat, p.lon], {
        pane: "gba-site-labels",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          html: span,
          iconSize: null,
          iconAnchor: [-13, 9],
          className: "gba-site-label " + (isMajor(p, o.major) ? "gba-site-label-major" : "gba-site-label-minor"),
        }),
      });
      // Placed by gba-layout.js: the selected site first, then by category.
      label._gbaLabel = { site: p.site, r: size / 2, priority: priority };
      put(p.site, p.off, label);
    });
    map._gbaGroups = function () {
      return window[names.siteGroups] || [];
    };
    window[names.setShown] = function (ids, opts) {
      return setShown(map, names, ids, opts);
    };
    // The legend lists what this map shows once all its layers are drawn (the offline map
    // file and the bundle never call setShown).
    if (!map._gbaLegendPending) {
      map._gbaLegendPending = true;
      setTimeout(function () {
        map._gbaLegendPending = false;
        updateLegend(map, names);
        root.gbaLayout.schedule(map);
      }, 0);
    }
    // The names the layer control was built with count the opening view's sites: once the
    // control exists (after every group of this map's script), rename them once.
    if (truth && !window.gbaRenamePending) {
      window.gbaRenamePending = true;
      setTimeout(function () {
        window.gbaRenamePending = false;
        window[names.setShown](Object.keys(truth));
      }, 0);
    }
  }

  var kit = {
    zoomClasses: zoomClasses,
    basemapStyle: basemapStyle,
    layerName: layerName,
    idSet: idSet,
    partsDiff: partsDiff,
    symbolClass: symbolClass,
    isMajor: isMajor,
    legendRows: legendRows,
    shownKey: shownKey,
    shouldRefit: shouldRefit,
    legend: legend,
    basemapFromUrl: basemapFromUrl,
    placeLabels: placeLabels,
    fitControl: fitControl,
    credits: credits,
    keyboardSelect: keyboardSelect,
    basemapNote: basemapNote,
    presenterMap: presenterMap,
    liveTiles: liveTiles,
    lazyControls: lazyControls,
    siteLayer: siteLayer,
  };
  if (typeof module === "object" && module.exports) module.exports = kit;
  root.gbaMapKit = kit; // not gbaMap: the offline bundle names its Leaflet map so
})(typeof window !== "undefined" ? window : globalThis);
