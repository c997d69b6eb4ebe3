// LiveProof demo live room: plays a scenario (a JSON timeline of timed events)
// into a page that looks like a Chinese live-commerce room.
// Query: ?scenario=default&speed=1&loop=0[&logo=<image URL>]
// `logo`: an image drawn into the "video" canvas, as a streamer's watermark; from another origin it
// taints the canvas (the case of a cross-origin video, whose pixels a page script may not read).
// Plain browser JavaScript, no build step; served by server.ts from 127.0.0.1.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var scenarioName = (params.get('scenario') || 'default').replace(/[^a-z0-9_-]/gi, '');
  var speed = Math.max(0.1, Number(params.get('speed') || '1'));
  var loop = params.get('loop') === '1';
  var $ = function (sel) { return document.querySelector(sel); };
  var sticker = '';
  var subtitle = '';
  var subtitleStyle = { size: 26, color: '#fff', bg: 'rgba(0,0,0,.55)', weight: '' };
  var qr = null; // { rows: ['0101…', …], x, y, scale }: a QR code burned into the picture
  var startedAt = performance.now();
  var logo = null;
  if (params.get('logo')) {
    var img = new Image();
    img.onload = function () { logo = img; };
    img.src = params.get('logo');
  }

  function setText(sel, text) { var el = $(sel); if (el) el.textContent = text; }

  var handlers = {
    room: function (e) {
      setText('.room-title', e.title);
      setText('.host-name', e.host);
      $('.room-header').setAttribute('data-room-id', e.roomId);
      if (e.viewers != null) setText('.viewer-count', String(e.viewers));
      document.title = e.title + ' · 示例直播间';
    },
    viewers: function (e) { setText('.viewer-count', String(e.count)); },
    product: function (e) {
      var card = $('.product-card');
      card.setAttribute('data-product-id', e.productId || '');
      setText('.product-title', e.title);
      setText('.product-shop', e.shop || '');
      setText('.product-price', e.price != null ? '¥' + e.price : '');
      setText('.product-original-price', e.originalPrice != null ? '¥' + e.originalPrice : '');
      setText('.product-sold', e.sold != null ? '已售' + e.sold : '');
      $('.product-link').setAttribute('href', e.url || '#');
    },
    price: function (e) {
      if (e.price != null) setText('.product-price', '¥' + e.price);
      if (e.originalPrice != null) setText('.product-original-price', '¥' + e.originalPrice);
    },
    sold: function (e) { setText('.product-sold', '已售' + e.sold); },
    caption: function (e) { setText('.caption-text', e.text); },
    notice: function (e) { setText('.notice-text', e.text); },
    comment: function (e) {
      var li = document.createElement('li');
      li.className = 'comment';
      var a = document.createElement('span');
      a.className = 'comment-author';
      a.textContent = e.author;
      var t = document.createElement('span');
      t.className = 'comment-text';
      t.textContent = e.text;
      li.appendChild(a);
      li.appendChild(t);
      var list = $('.comment-list');
      list.insertBefore(li, list.firstChild);
      while (list.children.length > 8) list.removeChild(list.lastChild);
    },
    sticker: function (e) { sticker = e.text; },
    // Optional styling (bench and OCR tests): size (px), color, bg (band colour), weight.
    subtitle: function (e) { subtitle = e.text; subtitleStyle = { size: e.size || 26, color: e.color || '#fff', bg: e.bg || 'rgba(0,0,0,.55)', weight: e.weight || '' }; },
    // A QR code drawn into the "video" from a module matrix (rows of '1' dark / '0' light); rows: [] removes it.
    qr: function (e) { qr = e.rows && e.rows.length ? { rows: e.rows, x: e.x || 470, y: e.y || 16, scale: e.scale || 4 } : null; },
    end: function () {
      var div = document.createElement('div');
      div.className = 'room-ended';
      div.textContent = '直播已结束';
      $('.stage').appendChild(div);
    },
  };

  // The "video": canvas frames with a host figure, a burned-in price sticker and a subtitle band.
  function draw() {
    var c = $('.video');
    var g = c.getContext('2d');
    var t = (performance.now() - startedAt) / 1000;
    var grad = g.createLinearGradient(0, 0, c.width, c.height);
    grad.addColorStop(0, 'hsl(' + ((t * 10) % 360) + ',45%,35%)');
    grad.addColorStop(1, 'hsl(' + ((t * 10 + 60) % 360) + ',45%,20%)');
    g.fillStyle = grad;
    g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = '#f1c27d';
    g.beginPath(); g.arc(320, 130 + Math.sin(t * 2) * 4, 48, 0, Math.PI * 2); g.fill();
    g.fillStyle = '#e85a71';
    g.fillRect(250, 185, 140, 175);
    if (sticker) {
      g.fillStyle = '#ffeb3b'; g.fillRect(20, 60, 230, 56);
      g.fillStyle = '#d50000'; g.font = 'bold 30px "WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif';
      g.fillText(sticker, 30, 100);
    }
    if (subtitle) {
      var st = subtitleStyle;
      var bandH = Math.max(44, st.size + 18);
      g.fillStyle = st.bg; g.fillRect(0, 344 - bandH, c.width, bandH);
      g.fillStyle = st.color; g.font = (st.weight ? st.weight + ' ' : '') + st.size + 'px "WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif';
      g.fillText(subtitle, 20, 344 - (bandH - st.size) / 2 - st.size * 0.15);
    }
    if (qr) {
      var n = qr.rows.length + 8;
      g.fillStyle = '#fff'; g.fillRect(qr.x, qr.y, n * qr.scale, n * qr.scale);
      g.fillStyle = '#000';
      for (var y = 0; y < qr.rows.length; y++) {
        for (var x = 0; x < qr.rows[y].length; x++) {
          if (qr.rows[y].charAt(x) === '1') g.fillRect(qr.x + (x + 4) * qr.scale, qr.y + (y + 4) * qr.scale, qr.scale, qr.scale);
        }
      }
    }
    if (logo) g.drawImage(logo, 8, 8, 32, 32);
    requestAnimationFrame(draw);
  }

  function play(timeline) {
    var duration = 0;
    timeline.forEach(function (e) {
      duration = Math.max(duration, e.at);
      setTimeout(function () {
        var h = handlers[e.type];
        if (h) h(e);
        setText('.scenario-status', scenarioName + ' · ' + (e.at / 1000).toFixed(1) + 's');
      }, e.at / speed);
    });
    document.documentElement.setAttribute('data-scenario-duration-ms', String(Math.ceil(duration / speed)));
    setTimeout(function () {
      document.documentElement.setAttribute('data-scenario-done', '1');
      if (loop) play(timeline.filter(function (e) { return e.type !== 'room' && e.type !== 'end'; }));
    }, duration / speed + 50);
  }

  requestAnimationFrame(draw);
  fetch('scenarios/' + scenarioName + '.json')
    .then(function (r) { if (!r.ok) throw new Error('scenario ' + scenarioName + ': HTTP ' + r.status); return r.json(); })
    .then(function (s) { play(s.timeline); })
    .catch(function (err) { setText('.scenario-status', String(err)); });
})();
