import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>hashpulse</h1>);
