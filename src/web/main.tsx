import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiRequestError, onUnauthorized } from './api/client.ts';
import { Toasts } from './components/toasts.tsx';
import { makeRouter } from './router.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});
const router = makeRouter(queryClient);

// A session that ends mid-work sends the user to sign in and back to where they were; drafts stay in local storage.
onUnauthorized(() => {
  queryClient.setQueryData(['me'], null);
  const here = router.state.location.href;
  if (!here.startsWith('/sign-in')) void router.navigate({ to: '/sign-in', search: { redirect: here } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      <Toasts />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
