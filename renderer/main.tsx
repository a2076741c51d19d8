import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, createShellClient } from './api-client.js';
import { App } from './App.js';
import { setApi } from './state/api-holder.js';
import './styles.css';

setApi(createApiClient());
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App shell={createShellClient()} />
    </StrictMode>,
  );
}
