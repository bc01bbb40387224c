// Layout and colour checks a person would make on a phone or in dark mode: does anything stick out
// sideways, and does text stand out from what is behind it (WCAG contrast ratio).
import type { Page } from 'playwright-core';
import type { PageGlobals } from './page-globals.js';

export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** Elements whose right edge passes the viewport (tag.class), widest first, for the failure message. */
  offenders: string[];
}

export async function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as PageGlobals;
    const offenders = Array.from(document.querySelectorAll('body *'))
      .map((element) => ({ element, right: element.getBoundingClientRect().right }))
      .filter(({ right }) => right > innerWidth + 1)
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(
        ({ element, right }) =>
          `${element.tagName.toLowerCase()}.${String(element.className)} → ${Math.round(right)}px`,
      );
    return {
      scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
      innerWidth,
      offenders,
    };
  });
}

export interface TextColours {
  selector: string;
  color: string;
  /** What is behind the text: the backgrounds of the element and its ancestors, composited. */
  background: string;
}

function rgba(colour: string): [number, number, number, number] {
  const match =
    /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)(?:,\s*(\d*(?:\.\d+)?))?\)$/.exec(colour);
  if (!match)
    throw new Error(`cannot read the colour "${colour}" (expected rgb()/rgba() from getComputedStyle)`);
  return [
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
    match[4] === undefined ? 1 : Number(match[4]),
  ];
}

/** Paints background layers (innermost first) over a white canvas, as the browser does. */
function composite(layers: string[]): string {
  let [r, g, b] = [255, 255, 255];
  for (const layer of [...layers].reverse()) {
    const [lr, lg, lb, alpha] = rgba(layer);
    [r, g, b] = [lr * alpha + r * (1 - alpha), lg * alpha + g * (1 - alpha), lb * alpha + b * (1 - alpha)];
  }
  return `rgb(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)})`;
}

/** The text colour and effective background colour of the first element matching each selector. */
export async function textColours(page: Page, selectors: string[]): Promise<TextColours[]> {
  const found = await page.evaluate((wanted) => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    return wanted.map((selector) => {
      const element = document.querySelector(selector);
      if (element === null) return { selector, color: '', layers: [] as string[] };
      // Backgrounds from the element outwards, up to the first opaque one.
      const layers: string[] = [];
      for (let node: typeof element | null = element; node !== null; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        layers.push(colour);
        if (colour.startsWith('rgb(')) break;
      }
      return { selector, color: getComputedStyle(element).color, layers };
    });
  }, selectors);
  return found.map(({ selector, color, layers }) => ({
    selector,
    color,
    background: color === '' ? '' : composite(layers),
  }));
}

function luminance(colour: string): number {
  const [r, g, b] = rgba(colour)
    .slice(0, 3)
    .map((value) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio, 1 (same colour) to 21 (black on white); 4.5 is the AA bar for body text. */
export function contrastRatio(foreground: string, background: string): number {
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}
