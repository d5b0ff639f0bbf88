import type { CompiledApp, CompiledObject } from '@leadforge/engine';
import { expect } from 'chai';
import { headerProblems, importRowErrors, importRowInput, mapImportColumns } from '../../engine/src/capture/index.js';
import { testApp } from './support/captureApp.js';

describe('CSV import: column mapping and rows (pure)', () => {
  let app: CompiledApp;
  let lead: CompiledObject;
  before(async () => {
    app = await testApp();
    lead = app.objects['lead']!;
  });

  it('maps a column by field name or by its English or Chinese label, whatever the case, and reports the rest', () => {
    const { mapping, problems } = mapImportColumns(lead, ['NAME', 'Email', '手机', 'Company name', 'Fax']);
    expect(problems).to.deep.equal([]);
    expect(mapping.fields).to.deep.equal(['name', 'email', 'phone', 'company_name', null]);
    expect(mapping.unmapped).to.deep.equal(['Fax']);
  });

  it('lets an explicit map win, and skips a column mapped to ""', () => {
    const { mapping, problems } = mapImportColumns(lead, ['Full name', 'E-mail', 'Name'], {
      'Full name': 'name',
      'E-mail': 'email',
      Name: '',
    });
    expect(problems).to.deep.equal([]);
    expect(mapping.fields).to.deep.equal(['name', 'email', null]);
  });

  it('names an unknown field, a read-only field and a column the file lacks', () => {
    const { problems } = mapImportColumns(lead, ['Name', 'Points', 'Mail'], {
      Points: 'score',
      Mail: 'e_mail',
      Missing: 'title',
    });
    expect(problems.map((p) => p.message)).to.have.members([
      '"score" is set by the system and cannot be imported',
      'lead has no field "e_mail"',
      'the file has no column "Missing"',
    ]);
  });

  it('refuses two columns filling one field, and a file of which no column maps', () => {
    expect(mapImportColumns(lead, ['Name', '姓名']).problems[0]!.message).to.include('both fill "name"');
    expect(mapImportColumns(lead, ['a', 'b']).problems[0]!.message).to.include('no column maps to a field of lead');
  });

  it('finds duplicate and empty header names', () => {
    expect(headerProblems(['Name', 'Email', ' name ', '']).map((p) => p.message)).to.deep.equal([
      'column " name " appears twice (columns 1 and 3)',
      'column 4 has no name',
    ]);
  });

  it('turns a row into an import capture: blank cells set nothing, a multiselect cell splits on ;', () => {
    const { mapping } = mapImportColumns(lead, ['name', 'email', 'title']);
    const input = importRowInput(lead, mapping, ['Ann', '  ', '=HYPERLINK("http://x","y")']);
    expect(input).to.deep.equal({
      object: 'lead',
      data: { name: 'Ann', title: '=HYPERLINK("http://x","y")' },
      attribution: { channel: 'import' },
    });
    const tagged = {
      ...lead,
      fields: { ...lead.fields, title: { ...lead.fields['title']!, type: 'multiselect' as const } },
    };
    expect(importRowInput(tagged, mapping, ['Ann', '', 'a; b']).data).to.deep.equal({ name: 'Ann', title: ['a', 'b'] });
  });

  it('names the row, column and field of each problem', () => {
    const { mapping } = mapImportColumns(lead, ['Name', 'E-mail'], { 'E-mail': 'email' });
    expect(
      importRowErrors(mapping, 7, [{ path: '/data/email', message: 'must be a valid email address' }]),
    ).to.deep.equal([{ row: 7, column: 'E-mail', field: 'email', message: 'must be a valid email address' }]);
  });
});
