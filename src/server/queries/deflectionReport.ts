import type { DeflectionFigures, DeflectionReport } from '../../shared/api/deflection.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';

/** A form with no activity for this long is finished: deflected, abandoned, or (if submitted) a case. */
export const FORM_IDLE_MINUTES = 30;
/** A user who opens a case within this long after leaving a form was not deflected by what they read. */
const CAME_BACK_HOURS = 24;
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

type Outcome = 'case' | 'deflected' | 'abandoned' | 'in_progress';

interface SessionFacts {
  started_at: string;
  last_event_at: string;
  user_id: string;
  issue_area: string | null;
  impressions: number;
  clicks: number;
  case_id: string | null;
}

/**
 * Deflection per day and per issue area (issue 4). Each case-form session ends one of four ways:
 * a case was opened from it; it was left after opening a suggestion (deflected — unless the same
 * user opened a case anyway within a day); it was left without opening one (abandoned); or it is
 * still in use. The rate is deflected / (deflected + cases opened). Days are UTC dates of the
 * form's start; `from` and `to` are inclusive and default to the last 30 days.
 */
export async function deflectionReport(
  database: Database,
  range: { from?: string | undefined; to?: string | undefined },
  now: Date,
): Promise<DeflectionReport> {
  const today = now.toISOString().slice(0, 10);
  const to = range.to ?? today;
  const from = range.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`) + DAY_MS;
  const days = Math.round((end - start) / DAY_MS);
  if (days < 1 || days > MAX_DAYS) {
    throw new AppError(
      422,
      'validation_failed',
      `Choose a range of 1 to ${MAX_DAYS} days`,
      days < 1 ? { to: 'to must not be before from' } : { from: `At most ${MAX_DAYS} days` },
    );
  }
  const startIso = new Date(start).toISOString();
  const endIso = new Date(end).toISOString();
  const db = database.db;

  const sessions: SessionFacts[] = await db
    .selectFrom('form_sessions')
    .select(['started_at', 'last_event_at', 'user_id', 'issue_area', 'impressions', 'clicks', 'case_id'])
    .where('started_at', '>=', startIso)
    .where('started_at', '<', endIso)
    .execute();

  // Cases opened by the users of clicked-and-left forms, for the "came back and opened one anyway" rule.
  const laterCases = await db
    .selectFrom('cases')
    .select(['opener_id', 'created_at'])
    .where('created_at', '>=', startIso)
    .where('created_at', '<', new Date(end + CAME_BACK_HOURS * 3_600_000 + DAY_MS).toISOString())
    .where('opener_id', 'in', (eb) =>
      eb
        .selectFrom('form_sessions')
        .select('user_id')
        .where('started_at', '>=', startIso)
        .where('started_at', '<', endIso)
        .where('clicks', '>', 0)
        .where('case_id', 'is', null),
    )
    .execute();
  const casesByUser = new Map<string, number[]>();
  for (const c of laterCases) {
    const list = casesByUser.get(c.opener_id) ?? [];
    list.push(Date.parse(c.created_at));
    casesByUser.set(c.opener_id, list);
  }

  const idleBefore = now.getTime() - FORM_IDLE_MINUTES * 60_000;
  const outcome = (s: SessionFacts): Outcome => {
    if (s.case_id) return 'case';
    const last = Date.parse(s.last_event_at);
    if (last > idleBefore) return 'in_progress';
    if (s.clicks === 0) return 'abandoned';
    const began = Date.parse(s.started_at);
    const cameBack = (casesByUser.get(s.user_id) ?? []).some(
      (t) => t >= began && t <= last + CAME_BACK_HOURS * 3_600_000,
    );
    return cameBack ? 'abandoned' : 'deflected';
  };

  const areaNames = new Map(
    (await db.selectFrom('issue_areas').select(['key', 'name']).execute()).map((a) => [a.key, a.name]),
  );
  const totals = emptyFigures();
  const byDay = new Map<string, DeflectionFigures>();
  for (let t = start; t < end; t += DAY_MS) byDay.set(new Date(t).toISOString().slice(0, 10), emptyFigures());
  const byArea = new Map<string | null, DeflectionFigures>();
  for (const s of sessions) {
    const o = outcome(s);
    const day = new Date(Date.parse(s.started_at)).toISOString().slice(0, 10);
    const area = byArea.get(s.issue_area) ?? emptyFigures();
    byArea.set(s.issue_area, area);
    for (const f of [totals, byDay.get(day), area]) if (f) count(f, s, o);
  }
  for (const f of [totals, ...byDay.values(), ...byArea.values()]) f.deflectionRate = rate(f);

  return {
    from,
    to,
    idleMinutes: FORM_IDLE_MINUTES,
    totals,
    days: [...byDay].map(([date, f]) => ({ date, ...f })),
    issueAreas: [...byArea]
      .map(([issueArea, f]) => ({
        issueArea,
        name: issueArea === null ? 'No issue area chosen' : (areaNames.get(issueArea) ?? issueArea),
        ...f,
      }))
      .sort((a, b) => b.formSessions - a.formSessions || a.name.localeCompare(b.name)),
  };
}

function emptyFigures(): DeflectionFigures {
  return {
    formSessions: 0,
    withSuggestions: 0,
    withClicks: 0,
    casesOpened: 0,
    deflected: 0,
    abandoned: 0,
    inProgress: 0,
    deflectionRate: null,
  };
}

function count(f: DeflectionFigures, s: SessionFacts, o: Outcome): void {
  f.formSessions++;
  if (s.impressions > 0) f.withSuggestions++;
  if (s.clicks > 0) f.withClicks++;
  if (o === 'case') f.casesOpened++;
  else if (o === 'deflected') f.deflected++;
  else if (o === 'abandoned') f.abandoned++;
  else f.inProgress++;
}

function rate(f: DeflectionFigures): number | null {
  const base = f.deflected + f.casesOpened;
  return base === 0 ? null : Math.round((f.deflected / base) * 10_000) / 10_000;
}
