// check_site.mjs - drives Debian's Chromium through every page template of a
// running `peel serve` and checks what a person with a phone, a keyboard or a
// screen reader would meet there. Run by tests/integration/test_browser.sh:
//
//   node check_site.mjs BASE_URL SHOT_DIR
//
// It crawls the site from / along same-origin links. Pages are grouped by
// template (the route with its ids blanked: /metric/:, /plan/:/:, /area/:/:
// ...) and at most PEEL_BROWSER_PER_TEMPLATE pages of each are checked
// (default 1; 0 checks every page), so templates added to the site are covered
// as soon as something links to them, without the test growing with the plan.
// A rel="next" link is followed once, not along the explorer's every page, and
// of a data link at most the first 64 KB is read (the unfiltered /explore.csv
// is the whole crime table): tests/integration/lib.sh states the rule.
//
// Each HTML page, and the 400 and 404 pages, are loaded once, as served (CSP
// and all), and checked at two widths:
//   - a 360 x 780 phone viewport: its status, no <script> in the markup, no
//     markup shown as text (escaped twice), no console error (a style or
//     script the CSP refused is one), one h1, nothing wider than the screen,
//     the skip link is the first tab stop, is visible when focused and moves
//     focus to main; each chart's smallest text at least 9 px (checkChartText);
//   - the same page resized to a 1280 x 800 desktop: nothing wider than the
//     screen, no table's scrolling region needing to scroll (scrollWidth at
//     most clientWidth + 1; the pages in WIDE_TABLES_KNOWN are listed, not
//     failed, until fixed), axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) finds no violation,
//     and every image and top-level SVG that is not aria-hidden has an
//     accessible name as Chromium computes it. axe-core is evaluated through
//     the DevTools protocol (page.evaluate), which the page's CSP does not
//     govern: the pages themselves never run a script, as the phone checks
//     show. One load a page rather than one in each of two contexts: the
//     test's Chromium time fell by the figure in the README's Development.
// Data links (.csv, .json) are fetched and their Content-Type checked.
// Screenshots of the home page, a metric page and (when the site has one) an
// area page, desktop and phone, are written to SHOT_DIR.
// With PEEL_STAFF set, the staff side too: the sign-in page, then each
// account signed in through the form and its pages crawled and checked the
// same way from the starts given (a screenshot of the second start).
//
// PEEL_CHROMIUM_ARGS (environment): more Chromium switches, space-separated,
// after the test's own (e.g. to measure one's cost).
//
// Output: one line per check ("ok: ..." or "FAIL: ..."), then
// "browser: N passed, N failed". Exit status 0 only when nothing failed.

import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CHROMIUM = process.env.PEEL_CHROMIUM || '/usr/bin/chromium';
const PER_TEMPLATE = Number(process.env.PEEL_BROWSER_PER_TEMPLATE ?? 1);
const MAX_PAGES = 400; /* a bound on the crawl whatever the site becomes */
const DESKTOP = { width: 1280, height: 800 };
// Pages whose tables may be wider than a desktop's, listed as "known"
// rather than failed: none now (the eleven that were when the check came
// in show fewer columns than their downloads, or wrap long values). Every
// page, and every page added, must pass.
const WIDE_TABLES_KNOWN = [];
const PHONE = { width: 360, height: 780 };

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node check_site.mjs BASE_URL SHOT_DIR');
  process.exit(2);
}
const origin = new URL(base).origin;

let passed = 0;
let failed = 0;
// The lines of a part of the run that goes on beside others (inParallel):
// each part's lines are printed together when it ends, not interleaved.
const lines = new AsyncLocalStorage();
function say(line) {
  const own = lines.getStore();
  if (own) own.push(line);
  else console.log(line);
}
function ok(what) {
  passed++;
  say(`  ok: ${what}`);
}
function fail(what) {
  failed++;
  say(`  FAIL: ${what}`);
}

// Runs the parts (async functions) at once, each in its own browser
// contexts, then prints their lines part by part. The checks wait mostly on
// Chromium and the server, one page at a time: two parts at once took the
// test from 102 s to the figure in the README's Development.
async function inParallel(...parts) {
  const outs = parts.map(() => []);
  const results = await Promise.allSettled(parts.map((part, i) => lines.run(outs[i], part)));
  for (const out of outs) for (const line of out) console.log(line);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}
function check(cond, what, why) {
  if (cond) ok(what);
  else fail(why ? `${what}: ${why}` : what);
}

// The template of a path: the first segment kept, the others blanked, the
// extension and the names of query parameters kept. /metric/burglary.csv is
// "/metric/:.csv"; /explore?from=..&type=.. is "/explore?from&type".
function templateOf(url) {
  const u = new URL(url);
  const segs = u.pathname.split('/').filter(Boolean);
  const ext = path.extname(u.pathname);
  const shape = segs.map((s, i) => (i === 0 ? s.replace(ext, '') : ':'));
  const names = [...new Set([...u.searchParams.keys()])].sort();
  return '/' + shape.join('/') + ext + (names.length ? '?' + names.join('&') : '');
}

// Data and documents: fetched and checked, never opened as a page (a
// published report's PDF or workbook is a download, which a tab refuses).
function isData(url) {
  return /\.(csv|json|atom|pdf|xlsx)$/.test(new URL(url).pathname);
}

// Same-origin links of the page, without fragments, absolute: [href, rel].
async function linksOf(page) {
  const links = await page.$$eval('a[href]', (as) => as.map((a) => [a.href, a.rel]));
  const out = [];
  for (const [h, rel] of links) {
    const u = new URL(h);
    if (u.origin !== origin) continue;
    u.hash = '';
    out.push([u.href, rel]);
  }
  return out;
}

// ---- the checks on a page as served (phone, CSP in force) --------------------

// Returns the page's links (linksOf), read before the keyboard checks.
// One tab per context, reused from page to page: a new tab is a new
// renderer process, which cost about half a second a page in waiting.
const tabs = new WeakMap();
async function tabOf(ctx) {
  let tab = tabs.get(ctx);
  if (!tab) {
    const page = await ctx.newPage();
    tab = { page, errors: [], url: '', wantStatus: 200 };
    page.on('console', (m) => {
      // An error page's own status is logged as "failed to load": expected.
      if (m.type() !== 'error' || (tab.wantStatus !== 200 && m.location().url === tab.url)) return;
      tab.errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => tab.errors.push(String(e)));
    tabs.set(ctx, tab);
  }
  return tab;
}

async function checkServed(ctx, url, wantStatus) {
  const tab = await tabOf(ctx);
  const page = tab.page;
  tab.errors = [];
  tab.url = url;
  tab.wantStatus = wantStatus;
  const errors = tab.errors;
  const name = new URL(url).pathname + new URL(url).search;
  const rs = await page.goto(url, { waitUntil: 'load' });
  check(rs.status() === wantStatus, `${name}: status ${wantStatus}`, `got ${rs.status()}`);
  const body = await rs.text();
  check(!/<script/i.test(body), `${name}: no <script> in the markup`);
  check(/default-src 'none'/.test(rs.headers()['content-security-policy'] || ''),
    `${name}: Content-Security-Policy sent`);

  // Markup escaped twice shows as text: the demo data has no "<tag" or
  // "&lt;" of its own.
  const text = await page.evaluate(() => document.body.innerText);
  const shown = text.match(/<\/?[a-z][a-z0-9]*[\s>]|&(lt|gt|quot|amp|#\d+);/i);
  check(!shown, `${name}: no markup shown as text`, shown && `"${text.substr(Math.max(0, shown.index - 30), 90)}"`);

  const links = await linksOf(page);

  const h1 = await page.locator('h1').count();
  check(h1 === 1, `${name}: one h1`, `found ${h1}`);
  const wide = await page.evaluate(() => ({
    scroll: document.scrollingElement.scrollWidth,
    client: document.scrollingElement.clientWidth,
  }));
  check(wide.scroll <= PHONE.width, `${name}: fits ${PHONE.width} px with no horizontal scroll`,
    `scrollWidth ${wide.scroll}, ${await widest(page, PHONE.width)}`);

  await checkChartText(page, name);

  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { cls: a.className, href: a.getAttribute('href'), visible: r.width > 0 && r.height > 0 &&
      r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight };
  });
  check(first.cls === 'skip' && first.href === '#main', `${name}: the skip link is the first tab stop`,
    `first stop is class="${first.cls}" href="${first.href}"`);
  check(first.visible, `${name}: the focused skip link is on screen`);
  await page.keyboard.press('Enter');
  const focused = await page.evaluate(() => document.activeElement.id);
  check(focused === 'main', `${name}: the skip link moves focus to main`, `focus is on #${focused}`);

  check(errors.length === 0, `${name}: no console errors`, errors.join(' | '));
  return links;
}

// The charts' text on the phone: cairo writes text as glyphs (<use> of a
// glyph per font and size, "glyphF-N"), so each font's size is read off the
// tallest of its glyphs as rendered (a capital, a digit or an ascender, about
// 0.76 of the font's size in DejaVu Sans). Each shown chart's smallest font
// must be 9 px or more: the phone rendition (page_chart) is there for that;
// the desktop one, scaled to the phone's column, was 4.5 px.
const CHART_TEXT_MIN_PX = 9;
const CAP_HEIGHT = 0.76;
async function checkChartText(page, name) {
  const sizes = await page.evaluate(() => [...document.querySelectorAll('figure.chart svg:not(svg svg)')]
    .filter((svg) => svg.getBoundingClientRect().width > 0)
    .map((svg) => {
      const tallest = new Map();
      for (const u of svg.querySelectorAll('use')) {
        const font = (u.getAttribute('xlink:href') || u.getAttribute('href') || '').match(/glyph(\d+)-/);
        if (font) tallest.set(font[1], Math.max(tallest.get(font[1]) || 0, u.getBoundingClientRect().height));
      }
      return Math.min(...tallest.values());
    }));
  if (!sizes.length) return;
  const smallest = Math.min(...sizes) / CAP_HEIGHT;
  check(smallest >= CHART_TEXT_MIN_PX,
    `${name}: the smallest text of its ${sizes.length} charts is ${smallest.toFixed(1)} px at ${PHONE.width} px (${CHART_TEXT_MIN_PX} or more)`);
}

// Which elements stick out past a width, to say in a failure.
async function widest(page, width) {
  return page.evaluate((w) => {
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.right > w + 0.5 && out.length < 5)
        out.push(`${e.tagName.toLowerCase()}${e.className ? '.' + e.className : ''} (right ${Math.round(r.right)})`);
    }
    return out.join(', ');
  }, width);
}

// ---- at 1280 px: the width, axe-core and accessible names -------------------

// checkServed, then the desktop checks on the same load.
async function checkPage(ctx, url, wantStatus) {
  const links = await checkServed(ctx, url, wantStatus);
  await runAxe((await tabOf(ctx)).page, new URL(url).pathname + new URL(url).search);
  return links;
}

// The desktop checks on the page as it is now (a form's answer has no URL
// to go to): resized to 1280 px, then back to the size it had.
async function runAxe(page, name) {
  const was = page.viewportSize();
  await page.setViewportSize(DESKTOP);
  const scroll = await page.evaluate(() => document.scrollingElement.scrollWidth);
  check(scroll <= DESKTOP.width, `${name}: fits ${DESKTOP.width} px with no horizontal scroll`,
    `scrollWidth ${scroll}, ${await widest(page, DESKTOP.width)}`);
  // A wide table in a scrolling region passes the check above; on a
  // desktop no region may need its scroll bar either.
  const regions = await page.evaluate(() => [...document.querySelectorAll('.scroll')]
    .filter((r) => r.scrollWidth > r.clientWidth + 1)
    .map((r) => `"${r.getAttribute('aria-label')}" ${r.scrollWidth} > ${r.clientWidth}`));
  if (regions.length && WIDE_TABLES_KNOWN.some((p) => name.startsWith(p)))
    say(`  known: ${name}: a table scrolls sideways at ${DESKTOP.width} px: ${regions.join('; ')}`);
  else
    check(regions.length === 0, `${name}: no table scrolls sideways at ${DESKTOP.width} px`,
      regions.join('; '));
  if (await page.evaluate(() => typeof window.axe === 'undefined')) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS);
  const v = result.violations;
  if (v.length === 0) ok(`${name}: axe-core (${AXE_TAGS.join(', ')}): no violations`);
  for (const rule of v) {
    for (const node of rule.nodes)
      fail(`${name}: axe ${rule.id} (${rule.impact}): ${rule.help} at ${node.target.join(' ')}` +
        (node.failureSummary ? ` - ${node.failureSummary.replace(/\s+/g, ' ')}` : ''));
  }
  await checkNames(page, name);
  await page.setViewportSize(was);
}

// The one public form: sent with a mistake (an outcome date on a concern
// that is not a review), it comes back 400 with the error summary and what
// was typed kept, and passes axe; sent right, it gives a reference.
async function checkConcernForm(ctx) {
  const page = (await tabOf(ctx)).page;
  const fill = async (about, outcome) => {
    await page.goto(new URL('/concerns', base).href, { waitUntil: 'load' });
    await page.check(`#about-${about}`);
    if (outcome) await page.fill('#outcome', outcome);
    await page.fill('#name', 'Browser Test');
    await page.fill('#email', 'browser@example.org');
    await page.fill('#details', 'Sent by tests/browser/check_site.mjs');
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
      page.click('form[action="/concerns"] button[type=submit]')]);
    return response;
  };
  let r = await fill('police', '2026-03-02');
  check(r.status() === 400, '/concerns with a mistake: 400', `${r.status()}`);
  check(await page.locator('.error-summary a[href="#outcome"]').count() === 1,
    '/concerns with a mistake: the summary links to the field');
  check(await page.inputValue('#name') === 'Browser Test', '/concerns with a mistake: what was typed is kept');
  await runAxe(page, '/concerns (sent with a mistake)');
  r = await fill('other', null);
  check(r.status() === 200, '/concerns sent right: 200', `${r.status()}`);
  check(/Your reference is C-\d{4}-\d{4}/.test(await page.innerText('main')), '/concerns sent right: a reference');
  await runAxe(page, '/concerns (sent right)');
}

// Every <img>, [role=img] and outermost <svg> not hidden from assistive
// technology must have a name: asked of Chromium's own accessibility tree.
async function checkNames(page, name) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
    nodeId: root.nodeId,
    selector: 'img, [role=img], svg:not(svg svg)',
  });
  let named = 0;
  for (const nodeId of nodeIds) {
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const ax = nodes[0];
    if (!ax || ax.ignored) continue; /* aria-hidden or presentational: not exposed */
    const text = ax.name?.value?.trim() || '';
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { nodeId });
    if (text) named++;
    else fail(`${name}: an image with no accessible name: ${outerHTML.slice(0, 120)}`);
  }
  if (nodeIds.length) ok(`${name}: ${named} of ${nodeIds.length} images and charts named (the rest hidden)`);
  await cdp.detach();
}

// ---- data links ----------------------------------------------------------------

// A download may be a whole crime table, streamed: at most DATA_LIMIT bytes
// are read, and the JSON is parsed only when it ended within them (every
// data link of the demo site but the two unfiltered downloads does: the
// largest, /api/metrics.json, is about 21 KB).
const DATA_LIMIT = 64 << 10;

async function checkData(url) {
  const name = new URL(url).pathname + new URL(url).search;
  const rs = await fetch(url);
  const type = rs.headers.get('content-type') || '';
  check(rs.status === 200, `${name}: status 200`, `got ${rs.status}`);
  const chunks = [];
  let size = 0;
  let complete = false;
  const reader = rs.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      complete = true;
      break;
    }
    chunks.push(value);
    size += value.length;
    if (size > DATA_LIMIT) {
      await reader.cancel();
      break;
    }
  }
  if (new URL(url).pathname.endsWith('.atom')) {
    const text = Buffer.concat(chunks).toString('utf8');
    check(type.startsWith('application/atom+xml; charset=utf-8'), `${name}: Content-Type Atom`, type);
    check(text.startsWith('<?xml') && text.trimEnd().endsWith('</feed>'), `${name}: an Atom feed`);
  } else if (/\.(pdf|xlsx)$/.test(new URL(url).pathname)) {
    const pdf = new URL(url).pathname.endsWith('.pdf');
    const want = pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument';
    const magic = pdf ? '%PDF' : 'PK';
    check(type.startsWith(want), `${name}: Content-Type ${want}`, type);
    check(Buffer.concat(chunks).subarray(0, magic.length).toString('latin1') === magic,
          `${name}: starts ${magic}`);
  } else if (new URL(url).pathname.endsWith('.csv')) {
    check(type.startsWith('text/csv; charset=utf-8'), `${name}: Content-Type text/csv`, type);
  } else {
    check(type.startsWith('application/json; charset=utf-8'), `${name}: Content-Type application/json`, type);
    if (complete) {
      let parsed = true;
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        parsed = false;
      }
      check(parsed, `${name}: the JSON parses`);
    } else {
      ok(`${name}: over ${DATA_LIMIT} bytes, so not parsed whole`);
    }
  }
}

// ---- screenshots ----------------------------------------------------------------

// Each page at both sizes, in the one tab of ctx: [label, url] pairs.
async function screenshots(ctx, pages) {
  mkdirSync(shotDir, { recursive: true });
  const page = (await tabOf(ctx)).page;
  for (const [label, url] of pages) {
    await page.goto(url, { waitUntil: 'load' });
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      const file = path.join(shotDir, `screenshot-${label}-${size}.png`);
      await page.screenshot({ path: file });
      ok(`screenshot ${file}`);
    }
  }
}

// ---- the staff side ----------------------------------------------------------------

// Signs a context in as user through the sign-in form, as a person would.
async function signIn(ctx, user, password) {
  const page = await ctx.newPage();
  await page.goto(new URL('/staff/sign-in', base).href, { waitUntil: 'load' });
  await page.fill('#username', user);
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
  const at = new URL(page.url()).pathname;
  check(at === '/staff', `${user} signs in through the form`, `landed on ${at}`);
  await page.close();
}

// A staff page's template: its path with each id (a segment with a digit
// or a capital: a decision's reference, a SHA-256) blanked; the words of
// staff paths are the pages themselves.
function staffTemplate(url) {
  return new URL(url).pathname.split('/').map((seg) => (/[0-9A-Z]/.test(seg) ? ':' : seg)).join('/');
}

// The staff pages a signed-in account reaches from its start pages, by
// template as the public crawl, never a download (/staff/uploads) or the
// sign-in page. A template an earlier account's crawl checked (`checked`,
// shared) is not checked again, but for this account's own start pages:
// the first account is the one that sees the most forms.
async function crawlStaff(served, starts, checked) {
  const seen = new Set();
  const own = new Set(starts.map((s) => staffTemplate(new URL(s, base).href)));
  const perTemplate = new Map();
  const queue = starts.map((s) => new URL(s, base).href);
  let n = 0;
  while (queue.length && n < MAX_PAGES) {
    const url = queue.shift();
    const p = new URL(url).pathname;
    if (seen.has(url) || !p.startsWith('/staff') || p.startsWith('/staff/uploads') ||
        p === '/staff/sign-in' || isData(url))
      continue;
    seen.add(url);
    const tpl = staffTemplate(url);
    /* the registers' pages share one form template: only the sample among
     * the starts is checked (a page each would cost the test's time) */
    if (p.startsWith('/staff/registers') && !own.has(tpl)) continue;
    const k = perTemplate.get(tpl) || 0;
    if (PER_TEMPLATE > 0 && k >= PER_TEMPLATE) continue;
    if (checked.has(tpl) && !own.has(tpl)) continue;
    perTemplate.set(tpl, k + 1);
    n++;
    const links = await checkPage(served, url, 200);
    for (const [l] of links) if (!seen.has(l)) queue.push(l);
  }
  for (const [tpl, k] of [...perTemplate].sort()) say(`  ${tpl}: ${k}`);
  for (const tpl of perTemplate.keys()) checked.add(tpl);
}

// PEEL_STAFF="user:password:/start,/start ..." accounts to sign in as and
// where each starts (space-separated accounts).
async function staffSide(browser) {
  const anon = await browser.newContext({ viewport: PHONE });
  await checkPage(anon, new URL('/staff/sign-in', base).href, 200);
  await anon.close();
  const checked = new Set();
  for (const spec of (process.env.PEEL_STAFF || '').split(' ').filter(Boolean)) {
    const [user, password, starts] = spec.split(':');
    say(`\n== the staff side as ${user}`);
    const served = await browser.newContext({ viewport: PHONE });
    await signIn(served, user, password);
    await crawlStaff(served, (starts || '/staff').split(','), checked);
    const first = (starts || '/staff').split(',')[1];
    if (first) /* the README's picture of the staff side */
      await screenshots(served, [['staff', new URL(first, base).href]]);
    await served.close();
  }
}

// ---- the crawl -------------------------------------------------------------------

async function crawl(served) {
  const seen = new Set();
  const perTemplate = new Map();
  // The explorer's results are reached by its form, which the crawl does not
  // submit: start from a grouped result with rates and from a filtered one.
  // The decision register's stub (a withheld decision) and forward plan are
  // started from too: a crawl of two pages per template might miss them; and
  // the concerns page with its review limit worked out (its GET form's
  // answer; the page itself is linked from every footer).
  const starts = ['/', '/explore?group_by=csp', '/explore?csp=Leicester&group_by=crime_type',
                  '/explore?from=2022-04&to=2022-06&crime_type=Burglary&outcome=(none)',
                  '/decisions', '/decisions/PCC-2024-012', '/decisions/forward-plan',
                  '/concerns?outcome=2026-03-02'];
  const queue = starts.map((s) => new URL(s, base).href);
  const visited = [];
  let followedNext = false;
  while (queue.length && visited.length < MAX_PAGES) {
    const url = queue.shift();
    if (seen.has(url)) continue;
    seen.add(url);
    const tpl = templateOf(url);
    const n = perTemplate.get(tpl) || 0;
    if (PER_TEMPLATE > 0 && n >= PER_TEMPLATE) continue;
    perTemplate.set(tpl, n + 1);
    visited.push(url);
    if (isData(url)) {
      await checkData(url);
      continue;
    }
    const links = await checkPage(served, url, 200);
    for (const [l, rel] of links) {
      if (seen.has(l)) continue;
      if (rel === 'next') {
        if (followedNext) continue;
        followedNext = true;
      }
      queue.push(l);
    }
  }
  check(followedNext, 'a rel="next" link was found and followed');
  say(`\n== templates covered (at most ${PER_TEMPLATE || 'every'} page each)`);
  for (const [tpl, n] of [...perTemplate].sort()) say(`  ${tpl}: ${n}`);
  return visited;
}

// The public pages from /, the error pages, then the screenshots (of pages
// the crawl found).
async function publicSide(browser) {
  const served = await browser.newContext({ viewport: PHONE });
  say('== pages from / (as served: a phone, then a desktop with axe-core)');
  const visited = await crawl(served);

  say('\n== error pages');
  const many = Array.from({ length: 21 }, (_, i) => `p${i}=1`).join('&');
  for (const [url, status] of [[new URL('/no/such/page', base).href, 404],
    [new URL('/metric/no-such-metric', base).href, 404],
    [new URL('/?' + many, base).href, 400]]) {
    await checkPage(served, url, status);
  }

  say('\n== screenshots');
  const metric = visited.find((u) => /^\/metric\/[^/]+$/.test(new URL(u).pathname) && !isData(u));
  const area = visited.find((u) => /^\/area\//.test(new URL(u).pathname) && !isData(u));
  const shots = [['home', new URL('/', base).href]];
  if (metric) shots.push(['metric', metric]); /* the first the home page links to */
  if (area) shots.push(['area', area]);
  check(metric !== undefined, 'the crawl reached a metric page');
  for (const ext of ['.csv', '.json'])
    check(visited.some((u) => new URL(u).pathname.startsWith('/metric/') && new URL(u).pathname.endsWith(ext)),
      `a metric page links to its ${ext}, and it was checked`);
  await screenshots(served, shots);
  await served.close();
}

// The concerns form, then the staff side.
async function formsAndStaff(browser) {
  say('== the concerns form, sent once with a mistake and once right');
  const ctx = await browser.newContext({ viewport: PHONE });
  await checkConcernForm(ctx);
  await ctx.close();

  say('\n== the staff side (sign-in page, then each account\'s pages)');
  await staffSide(browser);
}

async function main() {
  // No background traffic: the machine may have no network but loopback.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-quic', '--no-first-run', '--disable-gpu',
      ...(process.env.PEEL_CHROMIUM_ARGS || '').split(' ').filter(Boolean)],
  });
  try {
    await inParallel(() => publicSide(browser), () => formsAndStaff(browser));
  } finally {
    await browser.close();
  }
  console.log(`\nbrowser: ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
