/** Entry point: installs the API client, then renders the app. */
// The shared styles first: the shell's and each feature's CSS (imported by their views) come after them.
import './styles/base.css';
import './ui/ui.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { setApi } from './api/api.ts';
import { App } from './shell/App.tsx';

setApi(createApiClient());

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
