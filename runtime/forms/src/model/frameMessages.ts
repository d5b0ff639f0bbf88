/** Messages a framed form posts to the host snippet on the page that embeds it. */
export type FrameMessage =
  | { readonly type: 'leadforge:height'; readonly form: string; readonly height: number }
  | { readonly type: 'leadforge:redirect'; readonly form: string; readonly url: string };

const MAX_HEIGHT = 20_000;

/** The message if it is one of ours for the form, else null: the host page hears every frame's messages. */
export function frameMessageOf(data: unknown, form: string): FrameMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m['form'] !== form) return null;
  if (m['type'] === 'leadforge:height' && typeof m['height'] === 'number' && Number.isFinite(m['height'])) {
    return { type: 'leadforge:height', form, height: Math.max(0, Math.min(MAX_HEIGHT, Math.ceil(m['height']))) };
  }
  if (m['type'] === 'leadforge:redirect' && typeof m['url'] === 'string') {
    return { type: 'leadforge:redirect', form, url: m['url'] };
  }
  return null;
}
