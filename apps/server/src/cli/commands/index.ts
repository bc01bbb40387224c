// Every `hashpulse` command; each module exports a function that adds itself to the program.
import type { Command } from 'commander';

import { registerProfilesCommand } from './profiles';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [registerProfilesCommand];
