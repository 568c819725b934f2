import { Button, Group, Paper, Text } from '@mantine/core';
import { ButtonLink } from '../links.tsx';
import { type CasesSearch, type CasesView, isFiltered, parseStatus } from './listState.ts';

interface CaseListEmptyProps {
  search: CasesSearch;
  view: CasesView;
  onClear: () => void;
  onShowAll: () => void;
  onFirstPage: () => void;
}

/** An empty list says why it is empty and what to do next. */
export function CaseListEmpty({ search, view, onClear, onShowAll, onFirstPage }: CaseListEmptyProps) {
  const { scope } = parseStatus(search.status);
  let message: string;
  let actions: React.ReactNode;
  if (search.page > 1 && !isFiltered(search)) {
    message = 'This page is past the last page of cases.';
    actions = <Button onClick={onFirstPage}>Go to the first page</Button>;
  } else if (isFiltered(search)) {
    message = 'No cases match these filters and search.';
    actions = (
      <Button variant="default" onClick={onClear}>
        Clear filters and search
      </Button>
    );
  } else if (scope === 'open') {
    message = view === 'account' ? 'No open cases in your account.' : 'No open cases.';
    actions = (
      <>
        <ButtonLink to="/cases/new">Open a case</ButtonLink>
        <Button variant="default" onClick={onShowAll}>
          Show solved and closed cases too
        </Button>
      </>
    );
  } else {
    message = view === 'account' ? 'Your account has no cases yet.' : 'You have no cases yet.';
    actions = <ButtonLink to="/cases/new">Open a case</ButtonLink>;
  }
  return (
    <Paper withBorder p="lg" radius="md">
      <Text fw={500}>{message}</Text>
      <Group mt="md" gap="sm">
        {actions}
      </Group>
    </Paper>
  );
}
