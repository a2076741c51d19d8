import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, createShellClient } from './api-client.js';
import { App } from './App.js';
import { setApi } from './state/api-holder.js';
import './styles.css';
import { startTheme } from './theme.js';

startTheme();
setApi(createApiClient());
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App shell={createShellClient()} />
    </StrictMode>,
  );
}
