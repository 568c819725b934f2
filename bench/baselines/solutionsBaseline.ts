import type { FastifyInstance } from 'fastify';
import type { BaselineDatabase } from './baselineDatabase.ts';

interface Hit {
  id: string;
  slug: string;
  title: string;
  score: number;
}

/**
 * GET /baseline/solutions?term=… — the floor under the recommended solutions: one full-text select
 * of the top 5 entries for one term, ranked as the app ranks (bm25 with title 10 : body 1 : tags 4
 * on SQLite, ts_rank_cd on PostgreSQL); no authentication, no draft filter, no issue-area boost, no
 * typo stage, no snippet.
 */
export function solutionsBaseline(app: FastifyInstance, database: BaselineDatabase): void {
  let search: (term: string) => Promise<Hit[]>;
  if (database.dialect === 'sqlite') {
    // Ranked inside the full-text index, then the five rows read: the least work a bm25 top 5 takes.
    const statement = database.sqlite.prepare<[string], Hit>(
      `select e.id, e.slug, e.title, m.score
       from (select rowid, -bm25(kb_fts, 10, 1, 4) as score from kb_fts where kb_fts match ?
             order by score desc limit 5) m
       join kb_entries e on e.seq = m.rowid
       order by m.score desc`,
    );
    search = async (term) => statement.all(`"${term.replaceAll('"', '')}"`);
  } else {
    const pool = database.pool;
    search = async (term) =>
      (
        await pool.query<Hit>({
          name: 'baseline-solutions',
          text: `select e.id, e.slug, e.title, ts_rank_cd(e.search, q) as score
                 from kb_entries e, plainto_tsquery('english', $1) q
                 where e.search @@ q
                 order by score desc limit 5`,
          values: [term],
        })
      ).rows;
  }
  app.get<{ Querystring: { term?: string } }>('/baseline/solutions', async (request) => {
    const items = await search(request.query.term ?? '');
    return { items, total: items.length };
  });
}
