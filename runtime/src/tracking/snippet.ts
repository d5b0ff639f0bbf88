/**
 * The browser snippet served at `/t.js`: `<script async src="https://leads.example.com/t.js?tenant=default">`.
 * It keeps an anonymous visitor id in a first-party cookie (`lf_vid`, one year), sends a
 * `page.viewed` event on load, and offers `leadforge.track(type, properties)` and
 * `leadforge.identify(email)`. The endpoint and tenant come from its own `src`. No dependencies,
 * no third-party cookies, nothing but the page URL and the visitor id leaves the page.
 */
export function trackingSnippet(): string {
  return `(function () {
  var script = document.currentScript;
  if (!script || !window.fetch) return;
  var src = new URL(script.src);
  var tenant = src.searchParams.get('tenant') || 'default';
  var base = src.origin + '/api/v1/public/';
  function random() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  var match = document.cookie.match(/(?:^|; )lf_vid=([A-Za-z0-9_-]{8,64})/);
  var visitorId = match ? match[1] : random();
  document.cookie = 'lf_vid=' + visitorId + '; Max-Age=31536000; Path=/; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  function send(path, body) {
    return fetch(base + path + '?tenant=' + encodeURIComponent(tenant), {
      method: 'POST',
      mode: 'cors',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    }).catch(function () {});
  }
  function track(type, properties) {
    return send('track', { eventId: visitorId + '.' + random(), type: type, url: location.href.slice(0, 2048), visitorId: visitorId, properties: properties || {} });
  }
  window.leadforge = {
    visitorId: visitorId,
    track: track,
    identify: function (email) { return send('identify', { visitorId: visitorId, email: email }); }
  };
  track('page.viewed', document.title ? { title: document.title.slice(0, 500) } : {});
})();
`;
}
