// Where the map's names and symbols go: label placement with collision handling, and
// co-located symbols fanned out around their shared point (issue #26).
//
// Inlined before gba-map.js in every map's script (gba_dash/map/elements.py, MapScript).
// The pure functions work on boxes in the map container's pixels and are tested under Node
// (tests/test_map_js.py); layout(map) reads the map's DOM once, places, then writes once,
// after every zoom, pan, resize, filter and selection.
(function (root) {
  "use strict";

  // ---- pure helpers -------------------------------------------------------------------

  // Whether boxes a and b ({x, y, w, h}) overlap, with ``pad`` pixels of air between.
  function overlaps(a, b, pad) {
    var p = pad || 0;
    return a.x < b.x + b.w + p && b.x < a.x + a.w + p && a.y < b.y + b.h + p && b.y < a.y + a.h + p;
  }

  // Whether box a lies wholly inside ``frame``.
  function inside(a, frame) {
    return a.x >= frame.x && a.y >= frame.y && a.x + a.w <= frame.x + frame.w && a.y + a.h <= frame.y + frame.h;
  }

  // The positions tried for a label, in order: right of its symbol, left, above, below,
  // then the four corners (above or below, running right or left from the symbol). A fanned
  // symbol tries first the side that points away from its fan's centre (``out``), so the
  // names of a fan run outwards. A place name (no symbol) sits on its point, else just above
  // or below it, else beside it.
  function candidates(item) {
    var w = item.w;
    var h = item.h;
    if (item.centred) {
      return [
        { at: "centre", x: item.x - w / 2, y: item.y - h / 2 },
        { at: "above", x: item.x - w / 2, y: item.y - h - 2 },
        { at: "below", x: item.x - w / 2, y: item.y + 2 },
        { at: "right", x: item.x + 4, y: item.y - h / 2 },
        { at: "left", x: item.x - 4 - w, y: item.y - h / 2 },
      ];
    }
    var r = item.r;
    var gap = r + 3;
    var spots = [
      { at: "right", x: item.x + gap, y: item.y - h / 2 },
      { at: "left", x: item.x - gap - w, y: item.y - h / 2 },
      { at: "above", x: item.x - w / 2, y: item.y - gap - h },
      { at: "below", x: item.x - w / 2, y: item.y + gap },
      { at: "above-right", x: item.x - r, y: item.y - gap - h },
      { at: "above-left", x: item.x + r - w, y: item.y - gap - h },
      { at: "below-right", x: item.x - r, y: item.y + gap },
      { at: "below-left", x: item.x + r - w, y: item.y + gap },
    ];
    if (item.out) {
      var ox = item.out[0];
      var oy = item.out[1];
      var score = function (s) {
        var dx = s.x + w / 2 - item.x;
        var dy = s.y + h / 2 - item.y;
        return (dx * ox + dy * oy) / (Math.sqrt(dx * dx + dy * dy) || 1);
      };
      spots.forEach(function (s, i) {
        s.score = score(s) - i * 1e-6; // ties keep the order above
      });
      spots.sort(function (a, b) {
        return b.score - a.score;
      });
    }
    return spots;
  }

  // Place every label, the highest priority (lowest number) first: each takes the first
  // candidate that stays inside the frame and clears the labels placed before it and every
  // obstacle (symbols and the map's controls) but its own symbol; a label with no such
  // candidate is hidden. items: [{id, owner, x, y, w, h, r, centred, priority, out, over}];
  // obstacles: [{x, y, w, h, owner, priority}] (a control has neither). Returns, in the items' order, {id, at, x, y} with
  // ``at`` null for a hidden label.
  function placeAll(items, opts) {
    var frame = opts.frame;
    var obstacles = opts.obstacles || [];
    var pad = opts.pad === undefined ? 2 : opts.pad;
    var order = items.map(function (_, i) {
      return i;
    });
    // Within one rank, the names with the fewest spots inside the frame go first (a name by
    // the map's edge has fewer ways out than one in the middle).
    var room = items.map(function (item) {
      return candidates(item).filter(function (s) {
        return inside({ x: s.x, y: s.y, w: item.w, h: item.h }, frame);
      }).length;
    });
    order.sort(function (a, b) {
      return items[a].priority - items[b].priority || room[a] - room[b] || a - b;
    });
    var placed = [];
    var out = new Array(items.length);
    order.forEach(function (i) {
      var item = items[i];
      var spots = candidates(item);
      var hit = null;
      // A name with ``over`` set (the science cities' and the AI park's) that finds no clear
      // spot may, in a second round, lie over the symbols of sites below it in the order: in
      // a dense overview those symbols are many, and the city must still be named. It never
      // covers another name, a control or a symbol of its own rank or above, and the symbols
      // under it still take clicks (the names' pane takes none).
      for (var round = 0; round < (item.over ? 2 : 1) && !hit; round++) {
        for (var k = 0; k < spots.length && !hit; k++) {
          var box = { x: spots[k].x, y: spots[k].y, w: item.w, h: item.h };
          if (!inside(box, frame)) continue;
          if (placed.some(clash(box, pad))) continue;
          if (obstacles.some(blocks(box, item.owner, round ? item.priority : null))) continue;
          hit = spots[k];
          placed.push(box);
        }
      }
      out[i] = hit ? { id: item.id, at: hit.at, x: hit.x, y: hit.y } : { id: item.id, at: null };
    });
    return out;
  }

  function clash(box, pad) {
    return function (other) {
      return overlaps(box, other, pad);
    };
  }

  // Whether obstacle o bars ``box``: any but its own symbol, and, with ``above`` set, only
  // controls and the symbols of sites ranked ``above`` or higher.
  function blocks(box, owner, above) {
    return function (o) {
      if (o.owner !== undefined && o.owner === owner) return false;
      if (above !== null && above !== undefined && o.priority !== undefined && o.priority > above) return false;
      return overlaps(box, o, 0);
    };
  }

  // The items chained by ``touch`` (a pair that touches is in one chain, and so on), as
  // arrays in the items' order.
  function chains(items, touch) {
    var parent = items.map(function (_, i) {
      return i;
    });
    var find = function (i) {
      while (parent[i] !== i) i = parent[i] = parent[parent[i]];
      return i;
    };
    for (var i = 0; i < items.length; i++) {
      for (var j = i + 1; j < items.length; j++) if (touch(items[i], items[j])) parent[find(j)] = find(i);
    }
    var out = {};
    var order = [];
    items.forEach(function (item, i) {
      var head = find(i);
      if (!out[head]) order.push((out[head] = []));
      out[head].push(item);
    });
    return order;
  }

  // The mean point of [{x, y}].
  function centre(points) {
    var x = 0;
    var y = 0;
    points.forEach(function (p) {
      x += p.x / points.length;
      y += p.y / points.length;
    });
    return { x: x, y: y };
  }

  // Symbols closer than ``near`` pixels, chained, share a point: each such group is fanned
  // out on a circle around its centre, as Leaflet.markercluster's spiderfy does, so that
  // every symbol can be seen and clicked. points: [{key, x, y}] (one per site). Returns
  // {key: [dx, dy]} for the moved symbols, and the groups' centres as ``hubs``. Groups
  // whose fans would touch, and would together need a circle wider than ``maxRadius`` (a
  // phone's overview of the Bay), are not fanned: they are a crowd, {x, y, keys} in
  // ``crowds``, drawn as one button that zooms in on it, as Leaflet.markercluster's clusters
  // do. Members named in ``keep`` (the selected site) stay out of it, drawn where they are.
  function fanOut(points, opts) {
    var near = (opts && opts.near) || 14;
    var spacing = (opts && opts.spacing) || 26;
    var maxRadius = (opts && opts.maxRadius) || Infinity;
    var keep = (opts && opts.keep) || {};
    var groups = chains(points, function (a, b) {
      var dx = a.x - b.x;
      var dy = a.y - b.y;
      return dx * dx + dy * dy < near * near;
    });
    var offsets = {};
    var hubs = [];
    var crowds = [];
    var fans = groups
      .filter(function (members) {
        return members.length > 1;
      })
      .map(function (members) {
        var c = centre(members);
        return { members: members, x: c.x, y: c.y, r: Math.max(spacing * 0.75, (spacing * members.length) / (2 * Math.PI)) };
      });
    // Fans whose circles would touch make one neighbourhood; one that needs more room than
    // ``maxRadius`` in all is a crowd. Fans that only come close on a wide map stay fans.
    chains(fans, function (a, b) {
      var dx = a.x - b.x;
      var dy = a.y - b.y;
      return Math.sqrt(dx * dx + dy * dy) < a.r + b.r + spacing / 2;
    }).forEach(function (hood) {
      var all = [];
      hood.forEach(function (f) {
        all = all.concat(f.members);
      });
      if ((spacing * all.length) / (2 * Math.PI) <= maxRadius) return;
      var c = centre(all);
      var keys = all
        .filter(function (p) {
          return !keep[p.key];
        })
        .map(function (p) {
          return p.key;
        })
        .sort();
      crowds.push({ x: c.x, y: c.y, keys: keys });
      hood.forEach(function (f) {
        f.crowd = true;
      });
    });
    fans.forEach(function (f) {
      if (f.crowd) return;
      var members = f.members;
      // A stable order round the circle: by key, so a zoom does not shuffle the fan.
      members.sort(function (a, b) {
        return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      });
      var cx = f.x;
      var cy = f.y;
      var n = members.length;
      var radius = f.r;
      members.forEach(function (p, k) {
        // Two sit left and right (their names then run outwards); more go round from the top.
        var angle = n === 2 ? Math.PI * (1 - k) : -Math.PI / 2 + (2 * Math.PI * k) / n;
        offsets[p.key] = [cx + radius * Math.cos(angle) - p.x, cy + radius * Math.sin(angle) - p.y];
      });
      hubs.push({ x: cx, y: cy });
    });
    return { offsets: offsets, hubs: hubs, crowds: crowds };
  }

  // Pairs of labels whose boxes overlap, and labels outside the frame: what the browser
  // tests count (0 and 0).
  function collisions(boxes, frame) {
    var pairs = 0;
    var outside = 0;
    for (var i = 0; i < boxes.length; i++) {
      if (!inside(boxes[i], frame)) outside += 1;
      for (var j = i + 1; j < boxes.length; j++) if (overlaps(boxes[i], boxes[j], 0)) pairs += 1;
    }
    return { pairs: pairs, outside: outside };
  }

  // ---- the map's layout ---------------------------------------------------------------

  // A fan may take this share of the map's shorter side as its radius; a wider one is a
  // crowd. A crowd's button is this many pixels from its centre to its edge.
  var CROWD_SHARE = 0.22;
  var CROWD_HALF = 17;

  function boxOf(el, origin) {
    var r = el.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
  }

  // The map's controls and notes, as obstacles no label may cover.
  function controlBoxes(container, origin) {
    var out = [];
    container
      .querySelectorAll(".leaflet-control, .gba-basemap-note, .gba-scene-title")
      .forEach(function (el) {
        if (el.offsetParent === null && getComputedStyle(el).position !== "fixed") return;
        var b = boxOf(el, origin);
        if (b.w > 0 && b.h > 0) out.push(b);
      });
    return out;
  }

  // Whether a name's element has the map's styles: positioned by leaflet.css, its text an
  // inline block by gba-map.css.
  function styled(el) {
    var span = el.firstElementChild || el;
    return getComputedStyle(el).position === "absolute" && getComputedStyle(span).display === "inline-block";
  }

  // Whether gba-map.css hides a place name of ``rank`` at the map's zoom and tiles now.
  function placeHidden(container, rank) {
    var c = container.classList;
    return c.contains("gba-tiles") || (rank >= 2 && c.contains("gba-z-lt10"));
  }

  // A label's size and where its text sits from its marker's point with no margin, kept on
  // its element (``_gbaSize``; ``_gbaSizeNow`` until the fonts have loaded).
  function measure(map, l, origin, fontsReady) {
    var el = l.getElement();
    var r = (el.firstElementChild || el).getBoundingClientRect();
    if (r.width === 0) return;
    var p = map.latLngToContainerPoint(l.getLatLng());
    var size = [
      r.width,
      r.height,
      r.left - origin.left - p.x - (parseFloat(el.style.marginLeft) || 0),
      r.top - origin.top - p.y - (parseFloat(el.style.marginTop) || 0),
    ];
    if (fontsReady) el._gbaSize = size;
    else el._gbaSizeNow = size;
  }

  // The place names a zoom class hides (towns below zoom 10) are measured once, when the
  // browser is idle after the map's first passes, so that the zoom that shows them does not
  // pay for a layout of the frame to measure them (seen: 20-34 ms for that pass). All in
  // one task (shown for the measure, hidden again), so nothing of it is ever painted.
  function premeasure(map) {
    if (map._gbaPremeasure) return;
    map._gbaPremeasure = true;
    var idle =
      root.requestIdleCallback ||
      function (f) {
        return setTimeout(f, 200);
      };
    var run = function () {
      if (map._animatingZoom || (document.fonts && document.fonts.status !== "loaded")) {
        setTimeout(function () {
          idle(run);
        }, 200);
        return;
      }
      var container = map.getContainer();
      var drawn = (map._gbaPlaces || []).filter(function (l) {
        return l.getElement();
      });
      if (!drawn.length) {
        map._gbaPremeasure = false; // the names arrive later (fetched): the next pass asks again
        return;
      }
      var places = drawn.filter(function (l) {
        return !l.getElement()._gbaSize;
      });
      if (!places.length) return;
      container.classList.add("gba-measuring");
      try {
        var origin = container.getBoundingClientRect();
        places.forEach(function (l) {
          measure(map, l, origin, true);
        });
      } finally {
        container.classList.remove("gba-measuring");
      }
    };
    idle(run);
  }

  // One pass: fan out co-located symbols, then place every label. Reads the DOM, computes,
  // then writes, so the browser lays the page out once; its cost is kept in
  // map._gbaLayoutMs (the last 50 passes) for the page's measurements, and in
  // map._gbaReflowMs the part of it that was the browser laying out the frame that a zoom or
  // pan changed (the first read waits for it; the frame's paint would have waited anyway).
  function layout(map) {
    var t0 = performance.now();
    var container = map.getContainer();
    var origin = container.getBoundingClientRect();
    var reflow = performance.now() - t0;
    var size = map.getSize();
    var symbols = [];
    var labels = [];
    (map._gbaGroups ? map._gbaGroups() : []).forEach(function (g) {
      if (!map.hasLayer(g)) return;
      g.eachLayer(function (l) {
        if (l._gbaSymbol && l.getElement()) symbols.push(l);
        if (l._gbaLabel && l.getElement()) labels.push(l);
      });
    });
    (map._gbaPlaces || []).forEach(function (l) {
      if (l.getElement()) labels.push(l);
    });
    // One fan per site: its symbol and, when selected, the ring drawn over it move together.
    var seen = {};
    var half = {};
    var rank = {};
    var points = [];
    symbols.forEach(function (m) {
      var s = m._gbaSymbol;
      half[s.site] = Math.max(half[s.site] || 0, s.half);
      rank[s.site] = Math.min(rank[s.site] === undefined ? Infinity : rank[s.site], s.priority);
      if (seen[s.site]) return;
      var p = map.latLngToContainerPoint(m.getLatLng());
      seen[s.site] = p;
      points.push({ key: s.site, x: p.x, y: p.y });
    });
    var keep = {};
    points.forEach(function (p) {
      if (rank[p.key] === 0) keep[p.key] = true; // the selected site
    });
    var fan = fanOut(points, { near: 14, spacing: 26, maxRadius: CROWD_SHARE * Math.min(size.x, size.y), keep: keep });
    var crowded = {};
    fan.crowds.forEach(function (c) {
      c.keys.forEach(function (k) {
        crowded[k] = true;
      });
    });
    // Each label's size, and where its text sits from its marker's point with no margin,
    // measured once (its text and font never change) and kept on its element: a pass then
    // reads no label's layout. A hidden one is shown for the measure; none is measured
    // while a zoom animates (the panes are scaled then).
    if (labels.length && !styled(labels[0].getElement())) {
      // The map's style sheets (leaflet.css, gba-map.css) have not arrived yet: a name
      // measured now would have the wrong size and place. Try again shortly.
      setTimeout(function () {
        schedule(map);
      }, 50);
      return;
    }
    var fontsReady = !document.fonts || document.fonts.status === "loaded";
    var unmeasured = map._animatingZoom
      ? []
      : labels.filter(function (l) {
          return !l.getElement()._gbaSize;
        });
    unmeasured.forEach(function (l) {
      l.getElement().classList.remove("gba-label-off");
    });
    unmeasured.forEach(function (l) {
      measure(map, l, origin, fontsReady);
    });
    var items = [];
    var best = {}; // one label per site: the selected layer's, else the first
    labels.forEach(function (l, i) {
      var el = l.getElement();
      var info = l._gbaLabel || l._gbaPlace;
      var wh = el._gbaSize || el._gbaSizeNow;
      // Hidden by its zoom class or by online tiles (gba-map.css): not placed.
      if (!wh || (l._gbaPlace && placeHidden(container, info.rank))) {
        items.push(null);
        return;
      }
      if (l._gbaLabel && crowded[info.site]) {
        items.push(null); // in a crowd's button: its name is the symbol's, and hidden with it
        return;
      }
      if (l._gbaLabel) {
        var prior = best[info.site];
        if (prior !== undefined && items[prior].priority <= info.priority) {
          items.push(null);
          return;
        }
        if (prior !== undefined) items[prior].skip = true;
        best[info.site] = items.length;
      }
      var p = map.latLngToContainerPoint(l.getLatLng());
      var off = l._gbaLabel ? fan.offsets[info.site] : null;
      items.push({
        id: i,
        owner: l._gbaLabel ? info.site : undefined,
        anchor: p,
        x: p.x + (off ? off[0] : 0),
        y: p.y + (off ? off[1] : 0),
        w: wh[0],
        h: wh[1],
        dx: wh[2],
        dy: wh[3],
        r: info.r || 0,
        out: off || null,
        centred: !!l._gbaPlace,
        priority: info.priority,
        over: !!l._gbaLabel && info.priority <= 1,
      });
    });
    var obstacles = controlBoxes(container, origin);
    fan.crowds.forEach(function (c) {
      obstacles.push({ x: c.x - CROWD_HALF, y: c.y - CROWD_HALF, w: 2 * CROWD_HALF, h: 2 * CROWD_HALF });
    });
    points.forEach(function (p) {
      if (crowded[p.key]) return;
      var off = fan.offsets[p.key] || [0, 0];
      var r = half[p.key] + 1;
      obstacles.push({ x: p.x + off[0] - r, y: p.y + off[1] - r, w: 2 * r, h: 2 * r, owner: p.key, priority: rank[p.key] });
    });
    var live = items.filter(function (it) {
      return it && !it.skip;
    });
    var frame = { x: 2, y: 2, w: size.x - 4, h: size.y - 4 };
    var spots = placeAll(live, { frame: frame, obstacles: obstacles });
    // Writes.
    var shownIds = {};
    spots.forEach(function (s, k) {
      var it = live[k];
      var el = labels[it.id].getElement();
      if (s.at === null) return;
      shownIds[it.id] = true;
      el.style.marginLeft = s.x - it.anchor.x - it.dx + "px";
      el.style.marginTop = s.y - it.anchor.y - it.dy + "px";
      el.dataset.at = s.at;
    });
    labels.forEach(function (l, i) {
      var el = l.getElement();
      var shown = !!shownIds[i];
      el.classList.toggle("gba-label-off", !shown);
      if (!shown) delete el.dataset.at;
    });
    symbols.forEach(function (m) {
      var s = m._gbaSymbol;
      var off = fan.offsets[s.site] || [0, 0];
      var el = m.getElement();
      el.style.marginLeft = -s.half + off[0] + "px";
      el.style.marginTop = -s.half + off[1] + "px";
      el.classList.toggle("gba-fanned", !!fan.offsets[s.site]);
      el.classList.toggle("gba-crowded", !!crowded[s.site]);
    });
    map._gbaLaying = true;
    try {
      leaders(map, fan, seen);
      crowdButtons(map, fan.crowds, seen);
    } finally {
      map._gbaLaying = false;
    }
    var ms = performance.now() - t0;
    var log = (map._gbaLayoutMs = map._gbaLayoutMs || []);
    log.push(ms);
    if (log.length > 50) log.shift();
    var reflows = (map._gbaReflowMs = map._gbaReflowMs || []);
    reflows.push(reflow);
    if (reflows.length > 50) reflows.shift();
    container.dataset.gbaLayout = String(log.length);
    premeasure(map);
  }

  // A crowd's button: its count of sites, named for a screen reader ("12 sites here: zoom
  // in", in the map's language), at the crowd's centre; a click or Enter zooms in until its
  // sites have room. A button of the page, not a Leaflet layer, so the map never reports it
  // as a click on a site. Hidden while the map moves; each pass puts the buttons anew.
  function crowdButtons(map, crowds, at) {
    var box = map._gbaCrowdBox;
    if (!box) {
      box = map._gbaCrowdBox = document.createElement("div");
      box.className = "gba-crowds";
      map.getContainer().appendChild(box);
      map.on("movestart zoomstart", function () {
        box.classList.add("gba-moving");
      });
    }
    box.classList.remove("gba-moving");
    box.textContent = "";
    crowds.forEach(function (c) {
      var n = c.keys.length;
      var name = (map._gbaCrowdText || "{n} sites here: zoom in").replace("{n}", String(n));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "gba-crowd";
      button.textContent = String(n);
      button.setAttribute("aria-label", name);
      button.title = name;
      button.dataset.sites = c.keys.join(" ");
      button.style.left = c.x + "px";
      button.style.top = c.y + "px";
      var latlngs = c.keys.map(function (k) {
        return map.containerPointToLatLng(at[k]);
      });
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.disableScrollPropagation(button);
      button.addEventListener("click", function () {
        var bounds = L.latLngBounds(latlngs);
        var fit = map.getBoundsZoom(bounds, false, L.point(60, 60));
        map.setView(bounds.getCenter(), Math.min(map.getMaxZoom(), Math.max(map.getZoom() + 1, fit)));
      });
      box.appendChild(button);
    });
  }

  // Thin lines from a fan's shared point to each of its symbols.
  function leaders(map, fan, at) {
    if (!map._gbaLeaders) {
      var p = map.getPane("gba-leaders") || map.createPane("gba-leaders");
      p.style.zIndex = 590; // under the symbols (600), above the shapes
      p.style.pointerEvents = "none";
      map._gbaLeaders = L.layerGroup().addTo(map);
    }
    map._gbaLeaders.clearLayers();
    Object.keys(fan.offsets).forEach(function (site) {
      var from = at[site];
      var off = fan.offsets[site];
      var a = map.containerPointToLatLng(from);
      var b = map.containerPointToLatLng([from.x + off[0], from.y + off[1]]);
      L.polyline([a, b], {
        pane: "gba-leaders",
        color: "#333",
        weight: 1,
        opacity: 0.8,
        interactive: false,
        className: "gba-leader",
      }).addTo(map._gbaLeaders);
    });
    fan.hubs.forEach(function (h) {
      L.circleMarker(map.containerPointToLatLng([h.x, h.y]), {
        pane: "gba-leaders",
        radius: 2,
        color: "#333",
        weight: 1,
        fillOpacity: 1,
        interactive: false,
      }).addTo(map._gbaLeaders);
    });
  }

  // Lay the map out on the next frame (many triggers in one frame make one pass), and
  // after every zoom, pan and resize.
  function schedule(map) {
    if (!map._gbaLayoutHooked) {
      map._gbaLayoutHooked = true;
      // layeradd: a site group the page adds after the map is drawn brings unplaced names
      // (the leader lines this pass draws are layers too, hence the flag).
      map.on("moveend zoomend resize overlayadd overlayremove layeradd layerremove", function () {
        if (!map._gbaLaying) schedule(map);
      });
    }
    if (map._gbaLayoutFrame) return;
    var run = function () {
      map._gbaLayoutFrame = null;
      layout(map);
    };
    map._gbaLayoutFrame = root.requestAnimationFrame ? root.requestAnimationFrame(run) : setTimeout(run, 0);
  }

  // What a reader sees of the names now: the shown labels' boxes (text, in the container's
  // pixels), how many pairs overlap and how many run past the frame, and the passes' cost.
  // The browser tests and the gallery read it.
  function audit(map) {
    var container = map.getContainer();
    var origin = container.getBoundingClientRect();
    var size = map.getSize();
    var boxes = [];
    var texts = [];
    container.querySelectorAll(".gba-site-label span, .gba-place span").forEach(function (span) {
      if (span.offsetParent === null) return;
      var b = boxOf(span, origin);
      if (b.w === 0 || b.h === 0) return;
      boxes.push(b);
      texts.push(span.textContent);
    });
    var c = collisions(boxes, { x: 0, y: 0, w: size.x, h: size.y });
    return {
      shown: texts,
      pairs: c.pairs,
      outside: c.outside,
      ms: (map._gbaLayoutMs || []).slice(),
      reflowMs: (map._gbaReflowMs || []).slice(),
    };
  }

  var api = {
    audit: audit,
    overlaps: overlaps,
    inside: inside,
    candidates: candidates,
    placeAll: placeAll,
    fanOut: fanOut,
    collisions: collisions,
    layout: layout,
    schedule: schedule,
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  root.gbaLayout = api;
})(typeof window !== "undefined" ? window : globalThis);
