/**
 * Accessibility checks for any screen of the end-to-end suite: axe-core at
 * WCAG 2.1 AA, and reflow at 320 × 640 CSS pixels (WCAG 1.4.10).
 *
 * axe runs inside the page. The app's CSP allows only its own scripts, so a
 * <script> tag with axe in it would be refused; Playwright's evaluate goes in
 * through the DevTools protocol, which the page's CSP does not govern.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, default as Axe } from 'axe-core';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let axeSource: Promise<string> | undefined;

function loadAxeSource(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** One line per failing node: rule, impact, where, and axe's own summary of why. */
function describeViolations(results: AxeResults): string[] {
  return results.violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact ?? 'unknown'}) at ${n.target.join(' ')}: ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`,
    ),
  );
}

async function ensureAxe(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await loadAxeSource());
}

/**
 * The accessible description a screen reader gets for the element: its
 * aria-describedby targets by the accessible-name rules (so an aria-label on
 * a target counts, aria-hidden text inside one does not), as axe computes it.
 */
export async function accessibleDescription(target: Locator): Promise<string> {
  await ensureAxe(target.page());
  return target.evaluate((el) => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    axe.setup(document);
    try {
      return (el.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id))
        .filter((ref): ref is HTMLElement => ref !== null)
        .map((ref) => axe.commons.text.accessibleText(ref, { inLabelledByContext: true }))
        .join(' ');
    } finally {
      axe.teardown();
    }
  });
}

/**
 * Fails with every axe violation of WCAG 2.1 A/AA on the page as it is now
 * (open dialogs included). `label` names the screen in the failure.
 */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await ensureAxe(page);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof Axe }).axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
  );
  const violations = describeViolations(results);
  expect(violations, `axe violations on ${label}:\n${violations.join('\n')}`).toEqual([]);
}

export const REFLOW_VIEWPORT = { width: 320, height: 640 };

/**
 * What breaks reflow on the page as it is now: the page or any box inside it
 * scrolling sideways, text cut off by its box, controls or text sticking out
 * of the viewport, and controls drawn over one another. Elements that are
 * hidden on purpose (visually-hidden, display:none, behind a modal) are not
 * looked at.
 */
function reflowProblems(): string[] {
  const problems: string[] = [];
  const vw = document.documentElement.clientWidth;
  const name = (el: Element): string => {
    const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    const cls = el.getAttribute('class');
    return `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ''}> "${text}"`;
  };
  const modal = document.querySelector('dialog[open]:modal');
  const scope: Element = modal ?? document.body;
  const shown = (el: Element): boolean => {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.visibility === 'hidden' || style.clipPath === 'inset(50%)') return false;
    }
    return true;
  };

  if (document.documentElement.scrollWidth > vw) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px in ${vw}`);
  }
  const all = [...scope.querySelectorAll('*')].filter(shown);
  const hasOwnText = (el: Element): boolean =>
    [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
  for (const el of all) {
    const style = getComputedStyle(el);
    const scrollsX = style.overflowX === 'auto' || style.overflowX === 'scroll';
    const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const over = el.scrollWidth - el.clientWidth;
    if (over > 1 && scrollsX) problems.push(`${name(el)} scrolls sideways by ${over} px`);
    if (over > 1 && clipsX && el.textContent!.trim() !== '' && !(el instanceof HTMLInputElement)) {
      problems.push(`${name(el)} cuts its text off (${over} px hidden)`);
    }
    const rect = el.getBoundingClientRect();
    if (
      (hasOwnText(el) || el.matches('button, a, input, select, textarea, svg, img')) &&
      (rect.left < -1 || rect.right > vw + 1)
    ) {
      problems.push(
        `${name(el)} sticks out of the viewport (${Math.round(rect.left)}–${Math.round(rect.right)} of ${vw})`,
      );
    }
  }
  const controls = all.filter((el) =>
    el.matches('button, a[href], input, select, textarea, [role="timer"], [data-testid="code"]'),
  );
  for (let i = 0; i < controls.length; i++) {
    for (let j = i + 1; j < controls.length; j++) {
      const a = controls[i]!;
      const b = controls[j]!;
      if (a.contains(b) || b.contains(a)) continue;
      // Per line box: a link that wraps has a bounding box wider than any of its lines.
      const overlaps = [...a.getClientRects()].some((ra) =>
        [...b.getClientRects()].some(
          (rb) =>
            Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 &&
            Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1,
        ),
      );
      if (overlaps) problems.push(`${name(a)} overlaps ${name(b)}`);
    }
  }
  return problems;
}

/**
 * Resizes the page to 320 × 640 and fails on anything that breaks reflow
 * (see reflowProblems), then restores the size it had. `label` names the
 * screen in the failure.
 */
export async function expectReflow(page: Page, label = page.url()): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize(REFLOW_VIEWPORT);
  try {
    // Two frames: one for the resize, one for layout that reacts to it.
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    const problems = await page.evaluate(reflowProblems);
    expect(problems, `reflow at 320 px on ${label}:\n${problems.join('\n')}`).toEqual([]);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

/** Both checks on the page as it is now. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await expectNoAxeViolations(page, label);
  await expectReflow(page, label);
}
