// The typed socket.io server the hub, the fan-out and the Redis adapter share, in a module of its
// own so none of them imports another just for the type.
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@hashpulse/protocol';

export type HashpulseIo = Server<ClientToServerEvents, ServerToClientEvents>;
