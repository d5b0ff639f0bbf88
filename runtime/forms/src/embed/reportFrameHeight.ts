/** Inside an iframe: tells the host snippet the page's height whenever it changes, so the frame never scrolls. */
export function reportFrameHeight(form: string): void {
  if (window.parent === window) return;
  let last = -1;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    // Only a height and the form's public name: safe to tell whichever page framed us.
    window.parent.postMessage({ type: 'leadforge:height', form, height }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  report();
}
