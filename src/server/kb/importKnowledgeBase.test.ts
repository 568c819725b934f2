import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchKnowledgeBase } from '../search/searchKnowledgeBase.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { createHarness, type Harness } from '../testing/harness.ts';
import { importKnowledgeBase, parseFrontMatter } from './importKnowledgeBase.ts';
import { KB_COLUMNS } from './kbStore.ts';

const run = promisify(execFile);

const md = (front: string, body = 'Some body text about the widget.') => `---\n${front}\n---\n${body}\n`;

/** A folder of fixture files: three good, four bad, one not a knowledge base file. */
function writeFixtures(dir: string): void {
  writeFileSync(
    join(dir, 'mfa-enrolment.md'),
    md(
      'title: MFA enrolment fails with "E0000119"\nkind: kb_article\nissueAreas: [mfa, sign-in]\ntags: [E0000119, "enrol ment"]\nurl: https://help.example/kb/mfa-enrolment',
      '## Symptoms\nUsers cannot enrol a second factor.',
    ),
  );
  writeFileSync(
    join(dir, 'scim-basics.md'),
    md(
      'title: SCIM provisioning basics\nkind: product_doc\nissueAreas:\n  - provisioning\n  - directory\ntags: []',
      'SCIM pushes users.',
    ),
  );
  writeFileSync(join(dir, 'no-front-matter.md'), '# Just a heading\nNo front matter here.\n');
  writeFileSync(join(dir, 'bad-kind.md'), md('title: A blog post\nkind: blog'));
  writeFileSync(join(dir, 'no-title.md'), md('kind: kb_article'));
  writeFileSync(join(dir, 'unclosed.md'), '---\ntitle: x\nkind: kb_article\n');
  writeFileSync(join(dir, 'notes.txt'), 'ignored');
  writeFileSync(
    join(dir, 'community.json'),
    JSON.stringify([
      {
        title: 'How do I rotate an API token?',
        kind: 'community_question',
        body: 'Rotate it weekly.',
        tags: ['api-token'],
      },
      { title: 'Missing kind', body: 'x' },
    ]),
  );
}

describe('front matter', () => {
  it('reads plain, quoted and list values', () => {
    const { fields, body } = parseFrontMatter(
      "---\ntitle: 'It''s: fine'\nkind: kb_article\ntags: [a, \"b, c\", 'd']\nissueAreas:\n  - x\n  - y\n# a comment\n---\n\nBody\n",
    );
    expect(fields).toEqual({
      title: "It's: fine",
      kind: 'kb_article',
      tags: ['a', 'b, c', 'd'],
      issueAreas: ['x', 'y'],
    });
    expect(body).toBe('Body');
    expect(() => parseFrontMatter('no front matter')).toThrow(/Missing front matter/);
    expect(() => parseFrontMatter('---\ntitle: x\n')).toThrow(/Unclosed/);
    expect(() => parseFrontMatter('---\njust words\n---\n')).toThrow(/not "key: value"/);
    expect(() => parseFrontMatter('---\ntags: [a, b\n---\n')).toThrow(/end with \]/);
  });
});

describeEachDatabase('knowledge base import', (dialect) => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await createHarness(dialect);
    await h.ctx.database.db.deleteFrom('kb_entries').execute();
    await h.ctx.database.db.deleteFrom('kb_terms').execute();
    dir = mkdtempSync(join(tmpdir(), 'casebook-kb-'));
    writeFixtures(dir);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await h.close();
  });

  const entries = () =>
    h.ctx.database.db.selectFrom('kb_entries').select(KB_COLUMNS).orderBy('slug').execute();

  it('imports the good files, reports each bad one, and goes on', async () => {
    const result = await importKnowledgeBase(h.ctx, dir);
    expect({ created: result.created, updated: result.updated, unchanged: result.unchanged }).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const errors = Object.fromEntries(result.failed.map((f) => [f.file, f.error]));
    expect(Object.keys(errors).sort()).toEqual([
      'bad-kind.md',
      'community.json[1]',
      'no-front-matter.md',
      'no-title.md',
      'unclosed.md',
    ]);
    expect(errors['bad-kind.md']).toMatch(/^kind: Kind is one of/);
    expect(errors['no-title.md']).toMatch(/^title: Title is required/);
    expect(errors['no-front-matter.md']).toMatch(/Missing front matter/);

    const rows = await entries();
    expect(rows.map((r) => r.slug)).toEqual(['how-do-i-rotate-an-api-token', 'mfa-enrolment', 'scim-basics']);
    const mfa = rows.find((r) => r.slug === 'mfa-enrolment')!;
    expect(mfa).toMatchObject({
      kind: 'kb_article',
      title: 'MFA enrolment fails with "E0000119"',
      url: 'https://help.example/kb/mfa-enrolment',
      status: 'published',
      body: '## Symptoms\nUsers cannot enrol a second factor.',
    });
    expect(JSON.parse(mfa.issue_areas)).toEqual(['mfa', 'sign-in']);
    expect(JSON.parse(mfa.tags)).toEqual(['E0000119', 'enrol ment']);
    expect(rows.find((r) => r.slug === 'scim-basics')).toMatchObject({ url: '/kb/scim-basics' });

    const hits = await searchKnowledgeBase(h.ctx.database, { q: 'e0000119', limit: 5 });
    expect(hits.map((x) => x.slug)).toEqual(['mfa-enrolment']);
  });

  it('is idempotent, and updates in place by url or slug', async () => {
    const before = await entries();
    const again = await importKnowledgeBase(h.ctx, dir);
    expect({ created: again.created, updated: again.updated, unchanged: again.unchanged }).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(await entries()).toEqual(before);

    // renamed file, same url → the same entry, updated; no url → matched by the file's slug
    rmSync(join(dir, 'mfa-enrolment.md'));
    writeFileSync(
      join(dir, 'mfa-enrolment-renamed.md'),
      md(
        'title: MFA enrolment fails with E0000119 (updated)\nkind: kb_article\nissueAreas: [mfa]\nurl: https://help.example/kb/mfa-enrolment\nstatus: draft',
      ),
    );
    writeFileSync(
      join(dir, 'scim-basics.md'),
      md('title: SCIM provisioning basics\nkind: product_doc', 'SCIM pushes users and groups.'),
    );
    h.clock.advance(60_000);
    const third = await importKnowledgeBase(h.ctx, dir);
    expect({ created: third.created, updated: third.updated, unchanged: third.unchanged }).toEqual({
      created: 0,
      updated: 2,
      unchanged: 1,
    });
    const rows = await entries();
    expect(rows).toHaveLength(3);
    const mfa = rows.find((r) => r.url === 'https://help.example/kb/mfa-enrolment')!;
    expect(mfa).toMatchObject({
      id: before.find((r) => r.slug === 'mfa-enrolment')!.id,
      status: 'draft',
      slug: 'mfa-enrolment-renamed',
    });
    expect(mfa.title).toContain('(updated)');
    expect(mfa.updated_at).not.toBe(mfa.created_at);
    expect(rows.find((r) => r.slug === 'scim-basics')!.body).toBe('SCIM pushes users and groups.');
    // the draft no longer shows in search; its old words left the vocabulary
    expect(await searchKnowledgeBase(h.ctx.database, { q: 'e0000119', limit: 5 })).toEqual([]);
    const gone = await h.ctx.database.db
      .selectFrom('kb_terms')
      .select('term')
      .where('term', '=', 'symptoms')
      .execute();
    expect(gone).toEqual([]);
  });

  it('reports a missing path and a JSON file that is not an array', async () => {
    expect(await importKnowledgeBase(h.ctx, join(dir, 'nope'))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: [{ file: join(dir, 'nope'), error: 'No such file or folder' }],
    });
    const file = join(dir, 'object.json');
    writeFileSync(file, '{"title": "x"}');
    expect((await importKnowledgeBase(h.ctx, file)).failed).toEqual([
      { file: 'object.json', error: 'A JSON import file holds an array of entries' },
    ]);
    writeFileSync(file, '[{"title": "x",');
    expect((await importKnowledgeBase(h.ctx, file)).failed[0]?.error).toMatch(/^Not valid JSON/);
    rmSync(file);
  });
});

describe('casebook import-kb', () => {
  const dir = mkdtempSync(join(tmpdir(), 'casebook-kb-cli-'));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'cb.db')}`,
    DATA_DIR: dir,
    LOG_LEVEL: 'warn',
  };
  const CLI = ['--import', 'tsx', join(import.meta.dirname, '../cli.ts')];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the counts and each error, exiting 1 when a file failed', async () => {
    const src = join(dir, 'kb');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(src);
    writeFixtures(src);
    const first = await run(process.execPath, [...CLI, 'import-kb', src], { env }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect('code' in first ? first.code : 0).toBe(1);
    expect(first.stdout).toContain('3 created, 0 updated, 0 unchanged, 5 failed');
    expect(first.stderr).toContain('bad-kind.md: kind: Kind is one of');
    expect(first.stderr).toContain('community.json[1]: kind:');

    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify([
        {
          title: 'How do I rotate an API token?',
          kind: 'community_question',
          body: 'Rotate it weekly.',
          tags: ['api-token'],
        },
      ]),
    );
    const second = await run(process.execPath, [...CLI, 'import-kb', good], { env });
    expect(second.stdout).toContain('0 created, 0 updated, 1 unchanged, 0 failed');

    const usage = await run(process.execPath, [...CLI, 'import-kb'], { env }).catch(
      (e: { code: number }) => e,
    );
    expect('code' in usage ? usage.code : 0).toBe(2);
  });
});
