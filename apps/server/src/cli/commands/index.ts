// Every `hashpulse` command; each module exports a function that adds itself to the program.
import type { Command } from 'commander';

import { registerProfilesCommand } from './profiles.js';
import { registerGenerateCommand } from './generate.js';
import { registerSentimentCommand } from './sentiment.js';
import { registerAnalyzeCommand } from './analyze.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerProfilesCommand,
  registerGenerateCommand,
  registerSentimentCommand,
  registerAnalyzeCommand,
];
