// Entry point: apply the stored theme before the first paint, then mount the dashboard (with the
// viewer's time zone choice around it).
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initialTheme } from './state/useTheme';
import { TimeZoneProvider } from './state/TimeZoneProvider';
import './styles.css';

initialTheme();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element to mount the dashboard in');
createRoot(root).render(
  <StrictMode>
    <TimeZoneProvider>
      <App />
    </TimeZoneProvider>
  </StrictMode>,
);
