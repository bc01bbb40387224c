// The few DOM shapes the tests' in-page functions use. The root tsconfig type-checks Node code
// without the DOM lib (adding it would change every package's globals), so page functions cast
// globalThis to this; the cast is erased, and in the browser globalThis is the window.
export interface PageElement {
  textContent: string | null;
  tagName: string;
  className: unknown;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  getBoundingClientRect(): { left: number; right: number; top: number; width: number };
  parentElement: PageElement | null;
}

export interface PageStyle {
  color: string;
  backgroundColor: string;
}

export interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    documentElement: PageElement & { scrollWidth: number; clientWidth: number };
    body: PageElement & { scrollWidth: number; scrollHeight: number };
  };
  innerWidth: number;
  getComputedStyle(element: PageElement): PageStyle;
}
