/** Entry point: installs the API client, then renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.ts';
import { setApi } from './api/api.ts';
import { App } from './shell/App.tsx';
import './styles/app.css';

setApi(createApiClient());

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element.');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
