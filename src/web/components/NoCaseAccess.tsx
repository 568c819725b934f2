import { Alert } from '@mantine/core';

/** Said plainly to an admin whom the case pages are closed to (SPEC §1), with the reason. */
export function NoCaseAccess({ reason }: { reason: string | null }) {
  return (
    <Alert color="yellow" title="Support cases are not available to you" role="alert">
      {reason ??
        'Support cases need the Case Admin permission. Ask a super admin of your account to grant you Case Admin.'}
    </Alert>
  );
}
