import { useEffect } from 'react';
import { HEARTBEAT_SECONDS } from '../../domain/session.js';
import type { Execute } from '../executor.js';

/** SPEC 6: while a task's timer runs in the screen's own session, a heartbeat every 30 s bounds what a crash can cost. */
export function useHeartbeat(command: Execute, own: string | null, beating: boolean): void {
  useEffect(() => {
    if (!beating || own === null) return;
    const beat = () => void command(own, 'session:heartbeat', {}).catch(() => undefined);
    beat();
    const id = setInterval(beat, HEARTBEAT_SECONDS * 1000);
    return () => clearInterval(id);
  }, [beating, own, command]);
}
