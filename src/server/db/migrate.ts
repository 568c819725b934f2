import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Database } from './database.ts';
import { initial } from './migrations/001_initial.ts';
import { knowledgeBase } from './migrations/002_knowledge_base.ts';
import { deflection } from './migrations/003_deflection.ts';
import { mail } from './migrations/004_mail.ts';
import { supportConsole } from './migrations/005_support_console.ts';
import { slaLifecycle } from './migrations/006_sla_lifecycle.ts';
import { caseListIndex } from './migrations/007_case_list_index.ts';
import { issueAreaParentIndex } from './migrations/008_issue_area_parent_index.ts';
import { authVersion } from './migrations/009_auth_version.ts';

/** Every migration, in order. One set for both databases; a migration branches on the dialect where the SQL differs. */
function migrations(database: Database): Record<string, Migration> {
  return {
    '001_initial': initial(database.dialect),
    '002_knowledge_base': knowledgeBase(database.dialect),
    '003_deflection': deflection(database.dialect),
    '004_mail': mail(database.dialect),
    '005_support_console': supportConsole(database.dialect),
    '006_sla_lifecycle': slaLifecycle(database.dialect),
    '007_case_list_index': caseListIndex(),
    '008_issue_area_parent_index': issueAreaParentIndex(),
    '009_auth_version': authVersion(database.dialect),
  };
}

export async function migrateToLatest(database: Database): Promise<MigrationResultSet> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(database) };
  const migrator = new Migrator({ db: database.db, provider });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
