import type { FastifyInstance } from 'fastify';
import type { BaselineDatabase } from './baselineDatabase.ts';

interface User {
  id: string;
  email: string;
  name: string;
  kind: string;
}

/** GET /baseline/user?email=… — one indexed select of a user (the floor under any signed-in route). */
export function userBaseline(app: FastifyInstance, database: BaselineDatabase): void {
  const text = 'select id, email, name, kind from users where email = ';
  let find: (email: string) => Promise<User | undefined>;
  if (database.dialect === 'sqlite') {
    const statement = database.sqlite.prepare<[string], User>(`${text}?`);
    find = async (email) => statement.get(email);
  } else {
    const pool = database.pool;
    find = async (email) =>
      (await pool.query<User>({ name: 'baseline-user', text: `${text}$1`, values: [email] })).rows[0];
  }
  app.get<{ Querystring: { email?: string } }>('/baseline/user', async (request, reply) => {
    const user = await find(request.query.email ?? '');
    return user ?? reply.status(404).send({ error: 'not found' });
  });
}
