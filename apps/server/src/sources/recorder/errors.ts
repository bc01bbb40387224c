// Typed errors of the stream recorder; each message says what to do about it.
import { HashpulseError } from '../../errors.js';

export class RecorderConfigError extends HashpulseError {
  override readonly name = 'RecorderConfigError';
  override readonly code = 'HP_ERR_SERVER_RECORDER_CONFIG';
  constructor(message: string) {
    super(`RecorderConfigError: ${message}`);
  }
}

export class RecorderWriteError extends HashpulseError {
  override readonly name = 'RecorderWriteError';
  override readonly code = 'HP_ERR_SERVER_RECORDER_WRITE';
  constructor(message: string) {
    super(`RecorderWriteError: ${message}`);
  }
}

export class RecorderClosedError extends HashpulseError {
  override readonly name = 'RecorderClosedError';
  override readonly code = 'HP_ERR_SERVER_RECORDER_CLOSED';
  constructor(dir: string) {
    super(`RecorderClosedError: the recorder of ${dir} is closed; open a new StreamRecorder to record again`);
  }
}
