// The dashboard's one source of live state: a socket.io connection feeding the reducer.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { PublicConfig, SourceStatus } from '@hashpulse/protocol';
import { connectDashboard, type DashboardConnection } from './connection';
import { initialState, reducer, type DashboardState } from './reducer';

export interface Hashpulse {
  state: DashboardState;
  /** Applies a configuration the REST API just returned, before the socket's `config` event arrives. */
  applyConfig(config: PublicConfig): void;
  /** Applies a source status a control call just returned. */
  applyStatus(status: SourceStatus): void;
  dismissRejections(): void;
}

export function useHashpulse(): Hashpulse {
  const [state, dispatch] = useReducer(reducer, initialState);
  const connection = useRef<DashboardConnection | null>(null);

  useEffect(() => {
    const link = connectDashboard({ onActions: (actions) => dispatch({ type: 'batch', actions }) });
    connection.current = link;
    return () => {
      connection.current = null;
      link.close();
    };
  }, []);

  const applyConfig = useCallback((config: PublicConfig) => dispatch({ type: 'config', config }), []);
  const applyStatus = useCallback((status: SourceStatus) => dispatch({ type: 'status', status }), []);
  const dismissRejections = useCallback(() => dispatch({ type: 'dismissRejections' }), []);
  return { state, applyConfig, applyStatus, dismissRejections };
}
