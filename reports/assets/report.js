/* report.js — seam's report.html: pan and zoom on the views, click a node
 * to highlight its neighbours, search by symbol or file. Embedded into the
 * page by the build (reports/CMakeLists.txt); no network, no libraries. */
(function () {
  'use strict';
  var index = JSON.parse(document.getElementById('seam-index').textContent);

  function zoomable(box) {
    var svg = box.querySelector('svg');
    if (!svg) return;
    var vb = svg.viewBox.baseVal, home = [vb.x, vb.y, vb.width, vb.height];
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    function set(x, y, w, h) { svg.setAttribute('viewBox', [x, y, w, h].join(' ')); }
    function zoom(f, cx, cy) {
      var r = svg.getBoundingClientRect();
      var px = vb.x + vb.width * (cx - r.left) / r.width, py = vb.y + vb.height * (cy - r.top) / r.height;
      set(px - (px - vb.x) * f, py - (py - vb.y) * f, vb.width * f, vb.height * f);
    }
    svg.addEventListener('wheel', function (e) {
      e.preventDefault();
      zoom(e.deltaY < 0 ? 0.8 : 1.25, e.clientX, e.clientY);
    }, { passive: false });
    var drag = null;
    svg.addEventListener('mousedown', function (e) { drag = [e.clientX, e.clientY, vb.x, vb.y, false]; });
    window.addEventListener('mouseup', function () { setTimeout(function () { drag = null; }, 0); });
    svg.addEventListener('mousemove', function (e) {
      if (!drag || !(e.buttons & 1)) return;
      var r = svg.getBoundingClientRect(), dx = e.clientX - drag[0], dy = e.clientY - drag[1];
      if (Math.abs(dx) + Math.abs(dy) > 3) drag[4] = true;
      set(drag[2] - dx * vb.width / r.width, drag[3] - dy * vb.height / r.height, vb.width, vb.height);
    });
    box.querySelectorAll('button[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var z = b.getAttribute('data-zoom'), r = svg.getBoundingClientRect();
        if (z === 'reset') set(home[0], home[1], home[2], home[3]);
        else zoom(z === 'in' ? 0.8 : 1.25, r.left + r.width / 2, r.top + r.height / 2);
      });
    });
    svg.addEventListener('click', function (e) {
      if (drag && drag[4]) return;
      var node = e.target.closest('g.node');
      highlight(svg, node);
    });
  }

  /* Edge ids are VIEW_eFROM_TO_I, node ids VIEW_nI (reports/dot.c). */
  function highlight(svg, node) {
    var items = svg.querySelectorAll('g.node, g.edge');
    items.forEach(function (g) { g.classList.remove('dim', 'hl'); });
    if (!node) return;
    var n = node.id.replace(/^.*_n/, ''), keep = {};
    keep[node.id] = true;
    svg.querySelectorAll('g.edge').forEach(function (e) {
      var m = /_e(\d+)_(\d+)_\d+$/.exec(e.id);
      if (!m || (m[1] !== n && m[2] !== n)) return;
      keep[e.id] = true;
      var prefix = node.id.replace(/_n\d+$/, '_n');
      keep[prefix + m[1]] = keep[prefix + m[2]] = true;
    });
    items.forEach(function (g) { g.classList.add(keep[g.id] ? 'hl' : 'dim'); });
  }

  function text(el, s) { el.textContent = s; return el; }

  /* Whether a node's title (its DOT name: "path:function", "path", "dir/",
   * "service NAME", optionally after "SERVICE::") holds one of the files or
   * services of the functions found. */
  function holds(title, files, services) {
    var t = title.replace(/^.*::/, '');
    if (files[t] || (/^service /.test(t) && services[t.slice(8)])) return true;
    if (t.slice(-1) !== '/') return false;
    return Object.keys(files).some(function (f) { return f.indexOf(t) === 0 || (t === './' && f.indexOf('/') < 0); });
  }

  function search(q) {
    q = q.trim().toLowerCase();
    var hits = 0, list = document.getElementById('search-results'), files = {}, services = {};
    list.innerHTML = '';
    document.querySelectorAll('[data-search]').forEach(function (el) {
      el.classList.toggle('hidden', q !== '' && el.getAttribute('data-search').toLowerCase().indexOf(q) < 0);
    });
    if (q !== '') {
      index.forEach(function (f) {
        if ((f[0] + ' ' + f[1]).toLowerCase().indexOf(q) < 0) return;
        files[f[1]] = services[f[4]] = true;
        if (++hits > 200) return;
        var li = document.createElement('li');
        li.className = 'cls-' + f[3];
        text(li, f[0] + '  ' + f[1] + ':' + f[2] + '  ' + f[3] + '  (' + f[4] + ')');
        list.appendChild(li);
      });
    }
    document.querySelectorAll('svg g.node').forEach(function (g) {
      var t = g.querySelector('title'), s = t ? t.textContent : '';
      g.classList.toggle('match', q !== '' && (s.toLowerCase().indexOf(q) >= 0 || (hits > 0 && holds(s, files, services))));
    });
    text(document.getElementById('search-count'),
      q === '' ? '' : hits + ' function' + (hits === 1 ? '' : 's') + ' match \u201c' + q + '\u201d' +
      (hits > 200 ? ' (first 200 shown)' : ''));
  }

  document.querySelectorAll('.viewport').forEach(zoomable);
  var input = document.getElementById('search');
  input.addEventListener('input', function () { search(input.value); });
  /* #search=TEXT runs a search, #node=ID selects a node, as a click would. */
  var m = /^#search=(.*)$/.exec(location.hash), n = /^#node=(.*)$/.exec(location.hash);
  if (m) {
    input.value = decodeURIComponent(m[1]);
    search(input.value);
  }
  var node = n && document.getElementById(decodeURIComponent(n[1]));
  if (node && node.closest('svg')) highlight(node.closest('svg'), node);
})();
