import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CompiledApp, compileAppOrThrow } from '@leadforge/engine';
import { templateFolder } from '../../../runtime/src/boot.js';
import { readPackageFolder } from '../../../runtime/src/package/readPackageFolder.js';

/** Extra forms the capture tests use beside the sample's three. */
export const TEST_FORMS: Record<string, unknown> = {
  'forms/quick.json': {
    id: 'quick',
    object: 'lead',
    label: { en: 'Quick', 'zh-CN': '快速' },
    fields: [
      { field: 'name' },
      { field: 'email', required: true },
      { field: 'phone' },
      { field: 'company_name' },
      { field: 'title' },
      { field: 'notes' },
      { field: 'utm_source', hidden: true, from: 'utm_source' },
      { field: 'utm_campaign', hidden: true, from: 'param:campaign' },
    ],
    allowedOrigins: ['https://partner.example'],
    spamProtection: { minFillSeconds: 2, maxPerMinutePerIp: 1000, blockedDomains: ['spam.example'] },
  },
  'forms/limited.json': {
    id: 'limited',
    object: 'lead',
    label: { en: 'Limited' },
    fields: [{ field: 'name' }, { field: 'email', required: true }],
    spamProtection: { minFillSeconds: 1, maxPerMinutePerIp: 3 },
  },
  'forms/guarded.json': {
    id: 'guarded',
    object: 'lead',
    label: { en: 'Guarded' },
    fields: [{ field: 'name' }, { field: 'email', required: true }],
    spamProtection: { minFillSeconds: 1, captcha: 'turnstile', captchaSiteKey: 'test-site-key' },
  },
};

/** The b2b-saas lead with a third dedupe key (company + name) and `title` as a newest-wins field. */
export function testLeadObject(original: Record<string, unknown>): Record<string, unknown> {
  return {
    ...original,
    dedupe: [['email'], ['phone'], ['company_name', 'name']],
    merge: { newestWins: ['title'] },
  };
}

/** The sample package with the test forms and the test lead object, as files. */
export async function testPackageFiles(): Promise<Record<string, unknown>> {
  const { pkg, problems } = await readPackageFolder(templateFolder('b2b-saas'));
  if (problems.length > 0) throw new Error(`sample has problems: ${JSON.stringify(problems)}`);
  const files: Record<string, unknown> = { ...pkg.files, ...TEST_FORMS };
  files['objects/lead.json'] = testLeadObject(files['objects/lead.json'] as Record<string, unknown>);
  return files;
}

export async function testApp(): Promise<CompiledApp> {
  return compileAppOrThrow({ files: await testPackageFiles() });
}

/** A template folder for startTestRuntime: the sample plus the test forms and lead object. */
export async function testTemplateFolder(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'lf-capture-template-'));
  await cp(templateFolder('b2b-saas'), dir, { recursive: true });
  const leadPath = path.join(dir, 'objects/lead.json');
  const lead = JSON.parse(await readFile(leadPath, 'utf8')) as Record<string, unknown>;
  await writeFile(leadPath, JSON.stringify(testLeadObject(lead), null, 2));
  for (const [file, content] of Object.entries(TEST_FORMS)) {
    await writeFile(path.join(dir, file), JSON.stringify(content, null, 2));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
