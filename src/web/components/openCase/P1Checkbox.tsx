import { Checkbox, type CheckboxProps } from '@mantine/core';

/** The P1 confirmation's checkbox, in its own chunk: most cases are not P1. */
export function P1Checkbox(props: CheckboxProps) {
  return <Checkbox {...props} />;
}
