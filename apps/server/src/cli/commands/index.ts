// Every `hashpulse` command; each module exports a function that adds itself to the program.
import type { Command } from 'commander';

import { registerProfilesCommand } from './profiles';
import { registerGenerateCommand } from './generate';
import { registerSentimentCommand } from './sentiment';
import { registerAnalyzeCommand } from './analyze';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerProfilesCommand,
  registerGenerateCommand,
  registerSentimentCommand,
  registerAnalyzeCommand,
];
