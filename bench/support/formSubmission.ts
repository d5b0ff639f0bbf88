/** Industries the bench submissions cycle through (automations in the automation bench match on them). */
export const BENCH_INDUSTRIES = ['saas', 'manufacturing', 'retail'] as const;

/** The public form submission both sides of the capture and automation benches post. */
export function submission(i: number, renderToken: string) {
  return {
    answers: {
      name: `Visitor ${i}`,
      email: `Visitor.${i}@Example.com`,
      company_name: `Company ${i % 300}`,
      title: 'CTO',
      industry: BENCH_INDUSTRIES[i % 3],
    },
    hidden: { utm_source: 'bench', utm_campaign: 'spring', referrer: 'https://www.example.com/blog' },
    consent: { accepted: true, version: '2024-06' },
    renderToken,
  };
}

/** POSTs a JSON body and insists on 201 Created. */
export async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${url} answered ${res.status}: ${await res.text()}`);
  await res.arrayBuffer();
}
