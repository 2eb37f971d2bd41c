/**
 * Browser features Polaris uses that jsdom lacks. Imported first by every
 * component test.
 */

if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
}

class InertObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): [] {
    return [];
  }
}

const globals = globalThis as Record<string, unknown>;
globals.ResizeObserver ??= InertObserver;
globals.IntersectionObserver ??= InertObserver;
window.scrollTo = () => undefined;
window.scroll = () => undefined;
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

// Downloads hand the browser a blob URL; jsdom has no blob store, so the URL only has to look right.
URL.createObjectURL ??= () => 'blob:http://localhost/download';
URL.revokeObjectURL ??= () => undefined;
// jsdom cannot navigate; a download click needs nothing more here.
HTMLAnchorElement.prototype.click = function click() {};

export {};
