// Shared set-up for the browser tests: Debian's Chromium (never a downloaded browser),
// the server's base URL, screenshots, and a guard that fails on page errors.
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.VORONKA_E2E_BASE_URL || '').replace(/\/+$/, '');
const CHROMIUM = process.env.VORONKA_E2E_CHROMIUM || '/usr/bin/chromium';
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

export const VIEWPORTS = [
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'desktop', viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];

export function requireBaseUrl() {
  if (!BASE_URL) {
    throw new Error('Set VORONKA_E2E_BASE_URL to the running server (e.g. http://127.0.0.1:8099)');
  }
}

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context in English at the given size; collects uncaught page errors. */
export async function openPage(browser, size) {
  const context = await browser.newContext({
    viewport: size.viewport,
    isMobile: size.isMobile,
    hasTouch: size.hasTouch,
    deviceScaleFactor: size.deviceScaleFactor,
    locale: 'en-US',
    baseURL: BASE_URL,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && /panicked|RuntimeError|unreachable/.test(message.text())) {
      errors.push(message.text());
    }
  });
  return { context, page, errors };
}

export async function screenshot(page, size, step) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(250); // let transitions settle
  await page.screenshot({ path: join(SCREENSHOTS, `${size.name}-${step}.png`), fullPage: true });
}

/** A unique e-mail for this run. */
export function uniqueEmail(label) {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `${label}-${stamp}@e2e.voronka.test`;
}

/** The current RFC 6238 code (SHA-1, 6 digits, 30 s) for a base32 secret, as an app shows it. */
export function totpCode(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Calls the API as `token` (or anonymously) and answers the parsed JSON; throws on an error status. */
export async function api(token, method, path, body) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Registers a company through the API (fast); answers the owner's details and session. */
export async function registerCompany(label, password) {
  const owner = {
    company_name: `${label} ${Date.now().toString(36)}`,
    name: 'Olga Petrova',
    email: uniqueEmail(label),
    password,
  };
  const session = await api(null, 'POST', '/auth/register', owner);
  return { ...owner, session, token: session.access_token };
}

/** Signs the browser in with a session from the API, as the app itself stores it. */
export async function useSession(page, session) {
  await page.goto('/login');
  await page.evaluate((s) => {
    localStorage.setItem(
      'voronka.session',
      JSON.stringify({
        access_token: s.access_token,
        refresh_token: s.refresh_token,
        expires_at_ms: Date.now() + s.expires_in * 1000,
      }),
    );
  }, session);
}
