import { createHash } from 'node:crypto';

/**
 * The pages' only script, an enhancement: each element with `data-live-events` listens to that URL's
 * server-sent events and, on "change", replaces its content with the same element of a fresh copy of the
 * page, then follows that copy's events URL (it names the version now shown). Elements marked
 * `data-live-part` (the forms that depend on the state) are refreshed with it, unless focus is in one. The region is aria-live, so a screen reader hears the news. Without script, a reload does the same.
 */
export const LIVE_SCRIPT = `'use strict';
(function () {
  if (!window.EventSource || !window.fetch || !window.DOMParser) return;
  function follow(region) {
    var source = new EventSource(region.getAttribute('data-live-events'));
    var busy = false;
    source.addEventListener('change', function () {
      if (busy) return;
      busy = true;
      fetch(window.location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (text) {
          busy = false;
          var doc = text && new DOMParser().parseFromString(text, 'text/html');
          var fresh = doc && doc.getElementById(region.id);
          if (!fresh) return;
          region.innerHTML = fresh.innerHTML;
          // Parts that follow the region (the forms that fit the new state), unless someone is using one.
          document.querySelectorAll('[data-live-part]').forEach(function (part) {
            var freshPart = doc.getElementById(part.id);
            if (part.contains(document.activeElement)) return;
            part.innerHTML = freshPart ? freshPart.innerHTML : '';
          });
          source.close();
          var next = fresh.getAttribute('data-live-events');
          if (next) {
            region.setAttribute('data-live-events', next);
            follow(region);
          } else {
            region.removeAttribute('data-live-events');
          }
        }, function () { busy = false; });
    });
  }
  document.querySelectorAll('[data-live-events]').forEach(follow);
})();
`;

export const LIVE_SCRIPT_PATH = `/assets/live-${createHash('sha256').update(LIVE_SCRIPT).digest('hex').slice(0, 12)}.js`;
