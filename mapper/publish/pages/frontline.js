/* frontline page code (copied to OUT/lib/frontline.js by mapper.publish.pages).
 *
 * Reads the build's shared data (window.FL_SITE, from data/site.js) and the
 * page's own spec (<script type="application/json" id="fl-spec">) and draws
 * the map. Safety: only the pre-escaped fields popup, tip and label (HTML
 * escaped in Python) are inserted as HTML; everything else is set as text or
 * only selects among fixed styles (colours are checked against #rrggbb).
 */
(function () {
  'use strict';
  var SITE = window.FL_SITE || {};
  var HEX = /^#[0-9a-fA-F]{6}$/;
  var FL = window.FL = {};

  function spec() {
    var el = document.getElementById('fl-spec');
    return el ? JSON.parse(el.textContent) : {};
  }
  function colour(c) { return HEX.test(c) ? c : '#a8a8a8'; }
  function num(x, lo, hi, d) { x = +x; return isFinite(x) ? Math.max(lo, Math.min(hi, x)) : d; }

  /* -- the map and its base layers ------------------------------------------ */
  function newMap(el, opts) {
    var map = L.map(el, {zoomControl: true, preferCanvas: false, minZoom: 3, maxZoom: 17,
                         zoomSnap: 0.5});
    L.control.scale({imperial: false}).addTo(map);
    var panes = {'fl-base': 150, 'fl-baselines': 160, 'fl-baselabels': 170, 'fl-areas': 380,
                 'fl-bands': 385, 'fl-fronts': 390, 'fl-labels': 620};
    Object.keys(panes).forEach(function (k) {
      var p = map.createPane(k); p.style.zIndex = panes[k];
      if (k === 'fl-labels' || k === 'fl-baselabels') p.style.pointerEvents = 'none';
    });
    window.map_frontline = map;   // the tests and the notebook find the map here
    drawBase(map);
    return map;
  }

  function drawBase(map) {
    var base = SITE.base || {};
    if (base.clip && base.clip.length === 4) {   // the sea of the covered region (land on top)
      var c = base.clip;
      L.rectangle([[c[1], c[0]], [c[3], c[2]]], {pane: 'fl-base', interactive: false, stroke: false,
                                                 fillColor: '#cfe0ea', fillOpacity: 1}).addTo(map);
    }
    if (base.land) {
      L.geoJSON({type: 'Feature', geometry: base.land, properties: {}},
                {pane: 'fl-base', interactive: false,
                 style: {color: '#8aa0b4', weight: 1, fillColor: '#f4f1e8', fillOpacity: 1}}).addTo(map);
    }
    if (base.borders) {
      L.geoJSON({type: 'Feature', geometry: base.borders, properties: {}},
                {pane: 'fl-baselines', interactive: false,
                 style: {color: '#8c7d9c', weight: 1.6, dashArray: '6 3 2 3', opacity: 0.9}}).addTo(map);
    }
    var t = SITE.tiles || {};
    var tiles = null;
    if (t.url) {
      var root = document.body.classList.contains('fl-index') ? '' : '../';
      tiles = L.tileLayer((t.local ? root : '') + t.url, {maxZoom: num(t.maxZoom, 1, 22, 18), minZoom: num(t.minZoom, 0, 22, 0),
                                  attribution: t.attribution || '', errorTileUrl: ''});
      tiles.on('tileerror', function () { if (!FL.online) setOffline(map, true); });
      tiles.on('tileload', function () { FL.online = true; setOffline(map, false); });
      tiles.addTo(map);
    }
    FL.offline = !tiles;
    map.getContainer().classList.toggle('fl-offline', FL.offline);
    if (!base.land) map.getContainer().classList.add('fl-nobase');
    // town labels of the base map (shown when no tiles are drawn)
    var towns = SITE.towns || [];
    var countries = (base.countries || []);
    FL.townLabels = [];
    countries.forEach(function (c) {
      FL.townLabels.push(labelMarker(map, c[0], c[1], c[2], 'fl-country', 'fl-baselabels', 3, 0, 1e9, 7));
    });
    towns.forEach(function (c, i) {
      FL.townLabels.push(labelMarker(map, c[0], c[1], c[2], 'fl-town', 'fl-baselabels', c[3], 0, 1e6 - i, 99));
    });
  }

  function setOffline(map, off) {
    FL.offline = off;
    map.getContainer().classList.toggle('fl-offline', off);
    if (FL.relabel) FL.relabel();
  }

  /* a text label (textContent, never HTML) placed by the label manager */
  function labelMarker(map, lat, lon, text, cls, pane, minZoom, dx, weight, maxZoom) {
    var el = document.createElement('div');
    el.className = 'fl-label ' + cls;
    el.textContent = String(text);
    var icon = L.divIcon({className: 'fl-label-icon', html: el, iconSize: null, iconAnchor: [-dx, 7]});
    var m = L.marker([lat, lon], {icon: icon, pane: pane, interactive: false, keyboard: false});
    return {m: m, z: minZoom, zmax: maxZoom || 99, w: weight, text: String(text), dx: dx, on: false,
            base: pane === 'fl-baselabels'};
  }

  /* show labels from their zoom on, biggest first, skipping any that would overlap */
  function labelManager(map, labels) {
    labels.sort(function (a, b) { return b.w - a.w; });
    function run() {
      var z = map.getZoom(), taken = [], size = map.getSize();
      labels.forEach(function (lb) {
        var want = z >= lb.z && z <= lb.zmax && (!lb.base || FL.offline);
        if (want) {
          var p = map.latLngToContainerPoint(lb.m.getLatLng());
          var w = 7 * lb.text.length + 6, h = 16;
          var box = [p.x + lb.dx - 2, p.y - h / 2, p.x + lb.dx + w, p.y + h / 2];
          if (box[2] < 0 || box[0] > size.x || box[3] < 0 || box[1] > size.y) want = false;
          for (var i = 0; want && i < taken.length; i++) {
            var o = taken[i];
            if (box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1]) want = false;
          }
          if (want) taken.push(box);
        }
        if (want && !lb.on) { lb.m.addTo(map); lb.on = true; }
        else if (!want && lb.on) { map.removeLayer(lb.m); lb.on = false; }
      });
    }
    map.on('zoomend moveend', run);
    FL.relabel = run;
    return run;
  }

  /* -- features ------------------------------------------------------------- */
  function badge(feature, latlng, fan) {
    var p = feature.properties || {};
    var c = colour(p.c);
    var l = /^[A-Z?]$/.test(p.l) ? p.l : '?';
    var r = num(p.r, 4, 16, 8);
    var f = fan && fan[p.id];
    var dx = 0, dy = 0;
    if (f && f[1] > 1) {            // f = [n, m]: nth of m badges on one spot: a ring around it
      var n = num(f[0], 0, 500, 0), m = num(f[1], 1, 500, 1);
      var ring = Math.min(m, 8), k = Math.floor(n / 8), R = (2 * r + 3) * (1 + k) * Math.max(1, ring / 6);
      var a = 2 * Math.PI * (n % 8) / ring - Math.PI / 2;
      dx = Math.round(R * Math.cos(a)); dy = Math.round(R * Math.sin(a));
    }
    var el = document.createElement('div');
    el.className = 'fl-ev' + (p.area ? ' fl-area' : '') + (p.reported ? ' fl-reported' : '');
    el.style.width = el.style.height = (2 * r) + 'px';
    el.style.background = p.reported ? '#fff' : c;
    el.style.color = p.reported ? c : (c === '#e6b800' || c === '#a8a8a8' || c === '#17becf' ? '#111' : '#fff');
    el.textContent = l;
    return L.marker(latlng, {icon: L.divIcon({className: 'fl-ev-icon', html: el, iconSize: [2 * r, 2 * r],
                                              iconAnchor: [r - dx, r - dy]}),
                             riseOnHover: true, keyboard: true});
  }

  function faintDot(feature, latlng) {
    var c = colour((feature.properties || {}).c);
    return L.circleMarker(latlng, {radius: 4, color: c, weight: 1, opacity: 0.5, fillColor: c, fillOpacity: 0.25});
  }

  function bind(feature, layer) {
    var p = feature.properties || {};
    if (p.popup) layer.bindPopup(p.popup, {maxWidth: 380, className: 'fl-popup-wrap'});
    if (p.tip) layer.bindTooltip(p.tip, {sticky: true});
    if (p.arrow && layer.setText) {
      layer.setText('   \u25BA   ', {repeat: true, offset: 5,
                                   attributes: {fill: colour(p.c), 'font-size': '15', 'font-weight': 'bold'}});
    }
  }

  function pick(src, ids, extra) {
    var pool = SITE[src] || {};
    var out = [];
    (ids || []).forEach(function (id) {
      var f = pool[id];
      if (!f || !f.geometry) return;
      if (extra) {
        var props = {};
        Object.keys(f.properties).forEach(function (k) { props[k] = f.properties[k]; });
        Object.keys(extra).forEach(function (k) { props[k] = extra[k]; });
        f = {type: 'Feature', geometry: f.geometry, properties: props};
      }
      out.push(f);
    });
    return out;
  }

  var KM_PER_PX_Z0 = 40075.016686 / 256;
  function bandWeight(map, km, lat) {   // a band 2 * km wide, in pixels at this zoom
    var kmPerPx = KM_PER_PX_Z0 * Math.cos(lat * Math.PI / 180) / Math.pow(2, map.getZoom());
    return Math.max(4, Math.min(400, 2 * km / kmPerPx));
  }

  /* the control areas / fronts of one estimate date (rows of SITE.est[date]) */
  function estimateLayer(map, day, lt, role, bands) {
    var rows = ((SITE.est || {})[day] || []).filter(function (r) { return r.lt === lt; });
    var group = L.featureGroup([], {frontlineRole: role});
    var gj = L.geoJSON(null, {frontlineRole: role, pane: lt === 'front' ? 'fl-fronts' : 'fl-areas',
                              style: function (f) { return f.properties.style; }, onEachFeature: bind});
    rows.forEach(function (r) {
      var g = (SITE.ar || {})[r.a];
      if (!g) return;
      var title = lt === 'front' ? 'Front line' : 'Control area';
      gj.addData({type: 'Feature', geometry: g,
                  properties: {id: r.id, style: (SITE.styles || [])[r.s] || {}, tip: r.tip, side: r.side,
                               popup: '<div class="fl-popup"><b>' + title + '</b><br>' + (r.tip || '') + '</div>'}});
      if (lt === 'front' && bands && (SITE.bandClasses || ['fresh', 'recent']).indexOf(r.c) >= 0) {
        var band = L.geoJSON({type: 'Feature', geometry: g, properties: {}},
                             {pane: 'fl-bands', interactive: false,
                              style: {color: '#cc00cc', opacity: 0.28 * num(r.conf, 0.05, 1, 0.5) + 0.04,
                                      lineCap: 'round', lineJoin: 'round', weight: 6}});
        band.flKm = num(r.km, 0, 100, 2);
        bands.push(band);
        group.addLayer(band);
      }
    });
    group.addLayer(gj);
    return {group: group, geojson: gj, n: rows.length};
  }

  function updateBands(map, bands) {
    var lat = map.getCenter().lat;
    bands.forEach(function (b) { b.setStyle({weight: bandWeight(map, b.flKm, lat)}); });
  }

  function hatchDefs() {
    if (document.getElementById('fl-hatch')) return;
    var NS = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('width', '0'); svg.setAttribute('height', '0');
    svg.style.position = 'absolute';
    var pat = document.createElementNS(NS, 'pattern');
    pat.setAttribute('id', 'fl-hatch'); pat.setAttribute('patternUnits', 'userSpaceOnUse');
    pat.setAttribute('width', '10'); pat.setAttribute('height', '10');
    pat.setAttribute('patternTransform', 'rotate(45)');
    var bg = document.createElementNS(NS, 'rect');
    bg.setAttribute('width', '10'); bg.setAttribute('height', '10'); bg.setAttribute('fill', 'rgba(255,127,14,0.10)');
    var line = document.createElementNS(NS, 'rect');
    line.setAttribute('width', '3'); line.setAttribute('height', '10'); line.setAttribute('fill', 'rgba(255,127,14,0.65)');
    pat.appendChild(bg); pat.appendChild(line);
    var defs = document.createElementNS(NS, 'defs');
    defs.appendChild(pat); svg.appendChild(defs);
    document.body.appendChild(svg);
  }

  function layerFor(map, L_, fan) {
    var faint = !!L_.faint, reported = !!L_.reported;
    var extra = reported ? {reported: 1} : null;
    var feats = pick(L_.src, L_.ids, extra);
    var opts = {frontlineRole: L_.role, onEachFeature: bind,
                style: function (f) { return f.properties.style || {}; }};
    if (L_.src === 'pl') {
      opts.pointToLayer = function (f, ll) {
        return L.circleMarker(ll, {radius: 3, color: '#333', weight: 1, fillColor: '#fff', fillOpacity: 1});
      };
    } else if (faint) {
      opts.pointToLayer = faintDot;
      opts.onEachFeature = function (f, layer) { if (f.properties.tip) layer.bindTooltip(f.properties.tip); };
    } else {
      opts.pointToLayer = function (f, ll) { return badge(f, ll, fan); };
    }
    return L.geoJSON({type: 'FeatureCollection', features: feats}, opts);
  }

  function placeLabels(map, ids) {
    return pick('pl', ids).map(function (f) {
      var c = f.geometry.coordinates, p = f.properties;
      // the name is set as text (labelMarker uses textContent), never parsed as HTML
      return labelMarker(map, c[1], c[0], String(p.name || ''), 'fl-place', 'fl-labels', num(p.z, 0, 20, 9), 13,
                         1e7 + num(p.w, 0, 1e6, 0));
    });
  }

  /* -- a date page / the undated page --------------------------------------- */
  FL.datePage = function () {
    var S = spec();
    hatchDefs();
    var map = newMap('fl-map');
    var overlays = {}, bands = [], labels = [];
    (S.layers || []).forEach(function (L_) {
      var lay;
      if (L_.est) {
        var e = estimateLayer(map, L_.est, L_.lt, L_.role, bands);
        lay = e.group;
      } else {
        lay = layerFor(map, L_, S.fan || {});
        if (L_.src === 'pl') labels = labels.concat(placeLabels(map, L_.ids));
      }
      if (L_.show !== 0) lay.addTo(map);
      overlays[L_.name] = lay;       // names are escaped in Python
    });
    L.control.layers(null, overlays, {collapsed: true, position: 'topright'}).addTo(map);
    var relabel = labelManager(map, labels.concat(FL.townLabels));
    map.on('zoomend', function () { updateBands(map, bands); });
    if (S.bounds) map.fitBounds(S.bounds, {paddingTopLeft: [24, 24], paddingBottomRight: [290, 24], maxZoom: 11});
    else map.setView([35.0, 38.5], 7);
    updateBands(map, bands);
    relabel();
    FL.map = map;
  };

  /* -- the index: overview map with a slider over event dates ---------------- */
  FL.indexPage = function () {
    var S = spec();
    hatchDefs();
    var map = newMap('fl-overview-map');
    var days = S.days || [];
    var bands = [];
    var current = {events: null, faint: null, areas: null, fronts: null};
    var overlays = {};
    var labels = FL.townLabels.slice();
    labelManager(map, labels);
    var estDates = S.estimates || [];
    var slider = document.getElementById('fl-slider');
    var out = document.getElementById('fl-slider-day');
    var link = document.getElementById('fl-slider-link');
    var ctl = L.control.layers(null, {}, {collapsed: true, position: 'topright'}).addTo(map);

    function latestEstimate(day) {
      var best = null;
      for (var i = 0; i < estDates.length && estDates[i] <= day; i++) best = estDates[i];
      return best;
    }
    function swap(key, layer, name) {
      if (current[key]) { ctl.removeLayer(current[key]); map.removeLayer(current[key]); }
      current[key] = layer;
      if (layer) { layer.addTo(map); ctl.addOverlay(layer, name); }
    }
    function show(i) {
      i = Math.max(0, Math.min(days.length - 1, i | 0));
      slider.value = i;
      var day = days[i];
      if (!day) return;
      var ids = (S.byDay || {})[day] || [];
      var rep = (S.repDay || {})[day] || [];
      var recent = [];
      for (var j = Math.max(0, i - (S.faintDays || 30)); j < i; j++) recent = recent.concat((S.byDay || {})[days[j]] || []);
      var est = latestEstimate(day);
      bands.length = 0;
      swap('areas', est ? estimateLayer(map, est, 'control', 'control', bands).group : null,
           'Control areas' + (est && est !== day ? ' as of ' + est : ''));
      swap('fronts', est ? estimateLayer(map, est, 'front', 'front', bands).group : null,
           'Front line' + (est && est !== day ? ' as of ' + est : ''));
      swap('faint', layerFor(map, {src: 'ev', ids: recent, role: 'faint', faint: 1}), 'Earlier events (faint)');
      var evs = layerFor(map, {src: 'ev', ids: ids, role: 'timeline'}, S.fan || {});
      if (rep.length) layerFor(map, {src: 'ev', ids: rep, role: 'timeline', reported: 1}, S.fan || {})
        .eachLayer(function (l) { evs.addLayer(l); });
      swap('events', evs, 'Events by day');
      updateBands(map, bands);
      out.textContent = day + ' — ' + (ids.length + rep.length) + ' event' + (ids.length + rep.length === 1 ? '' : 's');
      link.setAttribute('href', 'maps/' + day + '.html');
      document.querySelectorAll('#fl-timeline tr.fl-current').forEach(function (r) { r.classList.remove('fl-current'); });
      var row = document.querySelector('#fl-timeline tr[data-date="' + day + '"]');
      if (row) row.classList.add('fl-current');
    }
    FL.show = show;
    slider.addEventListener('input', function () { show(+slider.value); });
    document.getElementById('fl-prev').addEventListener('click', function () { show(+slider.value - 1); });
    document.getElementById('fl-next').addEventListener('click', function () { show(+slider.value + 1); });
    var timer = null;
    document.getElementById('fl-play').addEventListener('click', function (ev) {
      if (timer) { clearInterval(timer); timer = null; ev.target.textContent = '▶'; return; }
      ev.target.textContent = '❚❚';
      timer = setInterval(function () {
        if (+slider.value >= days.length - 1) { clearInterval(timer); timer = null; ev.target.textContent = '▶'; return; }
        show(+slider.value + 1);
      }, 700);
    });
    map.on('zoomend', function () { updateBands(map, bands); });
    if (S.bounds) map.fitBounds(S.bounds, {padding: [20, 20], maxZoom: 10});
    else map.setView([35.0, 38.5], 7);
    show(days.length ? days.length - 1 : 0);
    FL.map = map;
    FL.filterTable();
  };

  /* -- the index table / the issues tables: filter rows by text and selects -- */
  FL.filterTable = function () {
    var boxes = document.querySelectorAll('[data-fl-filter]');
    boxes.forEach(function (form) {
      var table = document.getElementById(form.getAttribute('data-fl-filter'));
      if (!table) return;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var count = form.querySelector('.fl-count');
      function apply() {
        var q = ((form.querySelector('input[name=q]') || {}).value || '').toLowerCase().trim();
        var side = (form.querySelector('select[name=side]') || {}).value || '';
        var kind = (form.querySelector('select[name=kind]') || {}).value || '';
        var from = (form.querySelector('input[name=from]') || {}).value || '';
        var to = (form.querySelector('input[name=to]') || {}).value || '';
        var n = 0;
        rows.forEach(function (r) {
          var d = r.getAttribute('data-date') || '';
          var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0)
            && (!side || (' ' + (r.getAttribute('data-sides') || '') + ' ').indexOf(' ' + side + ' ') >= 0)
            && (!kind || (' ' + (r.getAttribute('data-kinds') || '') + ' ').indexOf(' ' + kind + ' ') >= 0)
            && (!from || (d >= from && d !== 'undated')) && (!to || (d <= to && d !== 'undated'));
          r.style.display = ok ? '' : 'none';
          if (ok) n += 1;
        });
        if (count) count.textContent = n + ' of ' + rows.length + ' rows';
      }
      form.addEventListener('submit', function (ev) { ev.preventDefault(); });
      form.addEventListener('input', apply);
      form.addEventListener('change', apply);
      apply();
    });
  };
})();
