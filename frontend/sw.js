// Voronka's service worker: keeps the app shell so the PWA starts offline.
//
// - The shell (index, wasm, js, css, manifest, icons) is cached at install. Trunk gives the
//   wasm/js/css hashed names, so they are read from index.html rather than listed here.
// - Page loads are network-first (a new deploy shows at once) and fall back to the cached
//   index when offline; hashed assets are cache-first (their name changes with their content).
// - Nothing under /api/ is ever cached: data is live-only for now.
'use strict';

const CACHE = 'voronka-shell-v1';
const STATIC = [
  '/',
  '/manifest.webmanifest',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/icons/apple-touch-icon.png',
  '/icons/favicon-32.png',
];

// Same-origin files that index.html links to (the hashed wasm, js and css).
function assetsOf(html) {
  const found = new Set();
  const pattern = /(?:href|src)="(\/[^"]+)"/g;
  let match;
  while ((match = pattern.exec(html)) !== null) {
    if (!match[1].startsWith('/api/')) found.add(match[1]);
  }
  return [...found];
}

async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch('/', { cache: 'no-store' });
  if (!response.ok) throw new Error(`index answered ${response.status}`);
  const html = await response.clone().text();
  await cache.put('/', response);
  const wanted = new Set([...STATIC, ...assetsOf(html)]);
  await cache.addAll([...wanted].filter((url) => url !== '/'));
  // Drop hashed files of earlier builds.
  for (const request of await cache.keys()) {
    if (!wanted.has(new URL(request.url).pathname)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // Every route of the app is index.html; refresh the shell while online.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) event.waitUntil(cacheShell().catch(() => {}));
          return response;
        })
        .catch(() => caches.match('/', { ignoreVary: true }).then((cached) => cached || Response.error())),
    );
    return;
  }

  event.respondWith(
    // The server varies answers on `Origin` (CORS); the shell files are the same for everyone.
    caches.match(request, { ignoreVary: true }).then(
      (cached) =>
        cached ||
        fetch(request).then((response) => {
          if (response.ok && response.type === 'basic') {
            const copy = response.clone();
            event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
          }
          return response;
        }),
    ),
  );
});
