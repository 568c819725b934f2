import { z } from 'zod';

/** Knowledge base (issue 4): entries, the as-you-type solutions panel and the staff editor. */
export const KB_KINDS = ['kb_article', 'product_doc', 'community_question'] as const;
export const KB_STATUSES = ['draft', 'published'] as const;
export const KB_TITLE_MAX = 200;
export const KB_BODY_MAX = 100_000;

const label = (name: string, max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? `${name} is required` : `${name} must be text`) })
    .trim()
    .min(1, `${name} is required`)
    .max(max, `${name} must be at most ${max.toLocaleString('en-US')} characters`);

const keyList = (name: string) =>
  z
    .array(z.string().trim().min(1).max(60), { error: `${name} must be a list of text` })
    .max(20, `At most 20 ${name.toLowerCase()}`)
    .transform((list) => [...new Set(list)]);

export const KbSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'A slug is lower-case letters, digits and single dashes')
  .max(80, 'A slug has at most 80 characters');

export const KbUrl = z
  .string()
  .trim()
  .max(2000, 'The url is too long')
  .regex(/^(https?:\/\/\S+|\/\S*)$/, 'The url is an http(s) address or a path starting with /');

export const SolutionsQuery = z.object({
  q: z.string().max(500, 'The query is too long').default(''),
  issueArea: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const Solution = z
  .object({
    id: z.string(),
    slug: z.string(),
    kind: z.enum(KB_KINDS),
    title: z.string(),
    url: z.string(),
    snippet: z.string().meta({ description: 'HTML: escaped text with the matched terms in <mark>…</mark>' }),
  })
  .meta({ id: 'Solution' });

export const SolutionList = z
  .object({ items: z.array(Solution), total: z.number().int() })
  .meta({ id: 'SolutionList' });

export const RelatedArticlesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const KbEntry = z
  .object({
    id: z.string(),
    slug: z.string(),
    kind: z.enum(KB_KINDS),
    title: z.string(),
    body: z.string().meta({ description: 'Markdown' }),
    issueAreas: z.array(z.string()),
    tags: z.array(z.string()),
    url: z.string(),
    status: z.enum(KB_STATUSES),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'KbEntry' });

export const KbIdParams = z.object({ id: z.string().min(1).max(64) });

export const KbListQuery = z.object({
  status: z.enum(KB_STATUSES).optional(),
  kind: z.enum(KB_KINDS).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const KbEntryList = z
  .object({
    items: z.array(KbEntry),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'KbEntryList' });

export const NewKbEntry = z
  .object({
    title: label('Title', KB_TITLE_MAX),
    body: label('Body', KB_BODY_MAX),
    kind: z.enum(KB_KINDS, { error: 'Kind is one of kb_article, product_doc, community_question' }),
    issueAreas: keyList('Issue areas').default([]),
    tags: keyList('Tags').default([]),
    url: KbUrl.optional(),
    slug: KbSlug.optional(),
    status: z.enum(KB_STATUSES).default('draft'),
  })
  .meta({ id: 'NewKbEntry' });

export const KbEntryUpdate = z
  .object({
    title: label('Title', KB_TITLE_MAX).optional(),
    body: label('Body', KB_BODY_MAX).optional(),
    kind: z.enum(KB_KINDS).optional(),
    issueAreas: keyList('Issue areas').optional(),
    tags: keyList('Tags').optional(),
    url: KbUrl.optional(),
    slug: KbSlug.optional(),
    status: z.enum(KB_STATUSES).optional(),
  })
  .meta({ id: 'KbEntryUpdate' });
