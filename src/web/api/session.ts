import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me } from '../../shared/api/session.ts';
import { ApiRequestError, api, setCsrfToken } from './client.ts';

export type MeView = z.infer<typeof Me>;

/** The signed-in user, or null when signed out. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<MeView | null> => {
    try {
      const me = await api<MeView>('GET', '/me');
      setCsrfToken(me.csrfToken);
      return me;
    } catch (e) {
      if (e instanceof ApiRequestError && e.status === 401) {
        setCsrfToken(null);
        return null;
      }
      throw e;
    }
  },
  staleTime: 60_000,
});

export function useMe(): MeView | null {
  return useQuery(meQuery).data ?? null;
}

export async function signIn(email: string, password: string): Promise<MeView> {
  const me = await api<MeView>('POST', '/session', { email, password });
  setCsrfToken(me.csrfToken);
  return me;
}

export async function signOut(): Promise<void> {
  await api<void>('DELETE', '/session').catch(() => undefined);
  setCsrfToken(null);
}
