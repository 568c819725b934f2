import { Alert, type CSSVariablesResolver, createTheme } from '@mantine/core';

/** Casebook's look: calm indigo, clear focus rings, WCAG 2.1 AA contrast in both schemes. */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    // Tinted alert titles fall below 4.5:1; keep the tint on the background and the text at full contrast.
    Alert: Alert.extend({
      styles: {
        title: { color: 'var(--mantine-color-text)' },
        message: { color: 'var(--mantine-color-text)' },
      },
    }),
  },
});

/**
 * Mantine's default "dimmed" grey and error red (field error messages) are below 4.5:1; use darker
 * (and, in dark, lighter) shades.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7]!, '--mantine-color-error': t.colors.red[9]! },
  dark: { '--mantine-color-dimmed': t.colors.dark[1]!, '--mantine-color-error': t.colors.red[4]! },
});
